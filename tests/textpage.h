// textpage.h - flattened pages made up for tests of the text path: seeded
// paragraphs of prose, menus, and what the cleaned text holds.
#ifndef CLEANER_TESTS_TEXTPAGE_H
#define CLEANER_TESTS_TEXTPAGE_H

#include <random>
#include <string>

#include "shim.h"

// A paragraph of about `chars` characters of distinct sentences (seeded),
// on one line at `indent` blanks, as a wide lynx dump writes it.
inline std::string para(unsigned seed, size_t chars = 360, size_t indent = 3)
{
	static const char *const words[] = { "the", "council", "said", "that", "library", "would",
		                             "open", "on", "weekends", "and", "students", "had",
		                             "asked", "for", "a", "quiet", "place", "to", "work", "in",
		                             "evening", "with", "their", "books", "from", "school" };
	std::mt19937 rng(seed);
	std::string s;
	while (s.size() < chars) {
		std::string sent = "Then";
		for (int w = 0; w < 12; w++)
			sent += std::string(" ") + words[rng() % 26];
		s += (s.empty() ? "" : " ") + sent + " " + std::to_string(seed) + ".";
	}
	return std::string(indent, ' ') + s + "\n";
}

inline std::string menu(int n, const char *word = "Section")
{
	std::string s;
	for (int i = 0; i < n; i++)
		s += "     * " + std::string(word) + " " + std::to_string(i) + "\n";
	return s;
}

// How often the cleaned text `out` holds `line`'s text (its blanks around
// trimmed).
inline size_t count(const std::string &out, const std::string &line)
{
	size_t b = line.find_first_not_of(' '), e = line.find_last_not_of(" \n"), n = 0;
	std::string s = line.substr(b, e - b + 1);
	for (size_t at = out.find(s); at != std::string::npos; at = out.find(s, at + 1))
		n++;
	return n;
}

inline bool has(const std::string &out, const std::string &line)
{
	return count(out, line) > 0;
}

// The text the default rules keep of flattened text `in`.
inline std::string cleaned(const std::string &in)
{
	Rules r = compile("", true);
	EXPECT_TRUE(r);
	Result res = clean(r.get(), in);
	EXPECT_TRUE(res);
	return res ? text_of(res.get()) : "";
}

// The text the default rules keep of flattened text `in` read as a page
// of `type`.
inline std::string cleaned_as(const std::string &in, const char *type)
{
	Rules r = compile("", true);
	EXPECT_TRUE(r);
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.page_type = type;
	cln_result *res = nullptr;
	EXPECT_EQ(0, cln_clean(&res, r.get(), in.data(), in.size(), &o, nullptr));
	Result owner(res);
	return res ? text_of(res) : "";
}

// The text --explain writes for flattened text `in`, default rules (and
// page type `type`, if given).
inline std::string explained(const std::string &in, const char *type = nullptr)
{
	Rules r = compile("", true);
	EXPECT_TRUE(r);
	cln_explain_options eo = { 0, nullptr };
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.explain = &eo;
	o.page_type = type;
	cln_result *res = nullptr;
	EXPECT_EQ(0, cln_clean(&res, r.get(), in.data(), in.size(), &o, nullptr));
	Result owner(res);
	char *s = nullptr;
	size_t n = 0;
	if (!res || cln_result_explain(&s, &n, res, CLN_EXPLAIN_TEXT, nullptr) != 0)
		return "";
	CString own(s);
	return std::string(s, n);
}

#endif

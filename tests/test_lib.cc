// test_lib.cc - the library's contract at its edges: input read only within
// (input, len), the public API's edge cases, and the report's removals
// rebuilding the input for any combination of rules.
#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>

#include "shim.h"

// ---- input read only within its length -------------------------------------

// A copy of s that ends right before a page the process may not read: a
// read past the end faults at once, with or without a sanitizer.
class Guarded {
public:
	explicit Guarded(const std::string &s)
	{
		size_t page = (size_t)sysconf(_SC_PAGESIZE);
		size_t pages = (s.size() + page - 1) / page + 1;
		size_ = pages * page;
		map_ = mmap(nullptr, size_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (map_ == MAP_FAILED)
			throw std::runtime_error("mmap failed");
		char *guard = (char *)map_ + (pages - 1) * page;
		mprotect(guard, page, PROT_NONE);
		data_ = guard - s.size();
		memcpy(data_, s.data(), s.size());
	}
	~Guarded() { munmap(map_, size_); }
	Guarded(const Guarded &) = delete;
	Guarded &operator=(const Guarded &) = delete;
	const char *data() const { return data_; }

private:
	void *map_;
	size_t size_;
	char *data_;
};

static Rules defaults()
{
	Rules r = compile("", true);
	EXPECT_TRUE(r);
	return r;
}

static Result clean_guarded(const cln_rules *rules, const std::string &in,
                            cln_format f = CLN_FORMAT_AUTO)
{
	Guarded g(in);
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.format = f;
	cln_result *r = nullptr;
	EXPECT_EQ(0, cln_clean(&r, rules, g.data(), in.size(), &o, nullptr));
	return Result(r);
}

TEST(InputBounds, TextMainContentReadsNoByteAfterTheInput)
{
	// ../shared/repro/lib-oob/oob.c: lines with no sentence punctuation
	// made main-content look for "。" with strstr, past the buffer's end
	Rules r = defaults();
	std::string in = "Home News Sports\nWeather Local Politics";
	Result res = clean_guarded(r.get(), in, CLN_FORMAT_TEXT);
	ASSERT_TRUE(res);
}

TEST(InputBounds, EveryFixtureCleansFromAnExactBuffer)
{
	// text and HTML, default rules: no stage may read the input as a C string
	Rules r = defaults();
	for (const auto &e : std::filesystem::directory_iterator(srcdir() + "/fixtures")) {
		if (!e.is_directory())
			continue;
		std::string in = read_file(fixture_input(e.path().string()));
		SCOPED_TRACE(e.path().filename().string());
		for (cln_format f : { CLN_FORMAT_AUTO, CLN_FORMAT_TEXT, CLN_FORMAT_HTML }) {
			Result res = clean_guarded(r.get(), in, f);
			EXPECT_TRUE(res);
			// every prefix ending inside a line: the last block has no line end
			for (size_t cut : { in.size() / 3, in.size() / 2, in.size() - 1 })
				EXPECT_TRUE(clean_guarded(r.get(), in.substr(0, cut), f));
		}
	}
}

TEST(InputBounds, LineFateDoesNotDependOnLaterLines)
{
	// tests/data/text-strstr: b.txt is a.txt plus a later line "终。"; the
	// keyword list on line 3 is no sentence in either
	Rules r = defaults();
	std::string dir = srcdir() + "/tests/data/text-strstr/";
	std::string a = read_file(dir + "a.txt"), b = read_file(dir + "b.txt");
	ASSERT_EQ(0u, b.compare(0, a.size(), a));
	Result ra = clean(r.get(), a), rb = clean(r.get(), b);
	ASSERT_TRUE(ra && rb);
	auto line3_removed = [](const cln_result *res) {
		for (size_t i = 0; i < cln_result_removal_count(res); i++) {
			const cln_removal *m = cln_result_removal(res, i);
			if (m->line_start <= 3 && m->line_end >= 3)
				return true;
		}
		return false;
	};
	EXPECT_TRUE(line3_removed(ra.get()));
	EXPECT_TRUE(line3_removed(rb.get()));
}

// ---- replace rules: each removal is its exact span (issue 9, item 6) --------

TEST(ReplaceReport, TwoRulesOnOneLineReportTheirOwnSpans)
{
	Errors errs;
	Rules r = compile("ad: replace /^AD: /\n"
	                  "credit: replace / \\(Photo: [^)]*\\)/\n"
	                  "dash: replace /--/g with=\"-\"\n",
	                  false, &errs);
	ASSERT_TRUE(r) << (errs.all.empty() ? "" : errs.all[0]);
	std::string in = "First line.\nAD: The council -- at last -- approved the budget (Photo: Jane Doe) today.\n";
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	EXPECT_EQ("First line.\nThe council - at last - approved the budget today.\n", text_of(res.get()));
	struct Want {
		const char *rule, *text, *repl;
	} want[] = { { "ad", "AD: ", "" }, { "dash", "--", "-" }, { "dash", "--", "-" },
	             { "credit", " (Photo: Jane Doe)", "" } };
	ASSERT_EQ(4u, cln_result_removal_count(res.get())) << report_of(res.get(), CLN_REPORT_TEXT);
	size_t total = 0;
	for (size_t i = 0; i < 4; i++) {
		const cln_removal *m = cln_result_removal(res.get(), i);
		SCOPED_TRACE(i);
		EXPECT_STREQ(want[i].rule, m->rule_id);
		EXPECT_EQ(want[i].text, std::string(m->text, m->text_len));
		EXPECT_EQ(want[i].text, in.substr(m->byte_start, m->byte_end - m->byte_start));
		EXPECT_EQ(want[i].repl, std::string(m->replacement, m->replacement_len));
		total += m->byte_end - m->byte_start;
	}
	cln_totals t;
	cln_result_totals(res.get(), &t);
	EXPECT_EQ(total, t.bytes_removed);
	EXPECT_EQ(26u, t.bytes_removed);
}

TEST(ReplaceReport, ARuleThatRewritesAnEarlierReplacementIsOneRemoval)
{
	// "colour" -> "color" -> "hue": the input's "colour" became "hue"
	Rules r = compile("uk: replace /colour/ with=\"color\"\nsyn: replace /lor\\b/ with=\"lour-ish\"\n"
	                  "hue: replace /colour-ish/ with=\"hue\"\n");
	ASSERT_TRUE(r);
	std::string in = "A colour test.\n";
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	EXPECT_EQ("A hue test.\n", text_of(res.get()));
	ASSERT_EQ(1u, cln_result_removal_count(res.get())) << report_of(res.get(), CLN_REPORT_TEXT);
	const cln_removal *m = cln_result_removal(res.get(), 0);
	EXPECT_STREQ("hue", m->rule_id);
	EXPECT_EQ(2u, m->byte_start);
	EXPECT_EQ(8u, m->byte_end);
	EXPECT_EQ("hue", std::string(m->replacement, m->replacement_len));
}

// test_lib.cc - the library's contract at its edges: input read only within
// (input, len), the public API's edge cases, and the report's removals
// rebuilding the input for any combination of rules.
#include <gtest/gtest.h>

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <random>

#include "shim.h"

extern "C" {
#include "internal.h" // decode.c, compiled into this test
}

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
	// as oob.c has it: a heap buffer of exactly its length (ASan's check)
	std::unique_ptr<char, decltype(&free)> heap((char *)malloc(in.size()), free);
	memcpy(heap.get(), in.data(), in.size());
	cln_result *raw = nullptr;
	ASSERT_EQ(0, cln_clean(&raw, r.get(), heap.get(), in.size(), nullptr, nullptr));
	cln_result_free(raw);
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

// ---- property: the report accounts for every byte (issue 9, item 6) --------
//
// For random rule sets (every action kind, patterns cut from the input) on
// every fixture:
//   both formats: removals come in input order, disjoint (each ends at or
//     before the next one's start), inside [0, bytes_in]; bytes_removed is
//     the sum of their spans and blocks_removed the sum of their blocks;
//     a removal of whole blocks has no replacement, and one of 0 blocks is
//     a replace rule's edit inside a kept block, with its replacement.
//   text: each removal's text is input[start, end), and the input with
//     every removal's span swapped for its replacement (nothing for a
//     drop) is the clean text, line for line, once lines that are only
//     white space are set aside on both sides (the emitter chooses which
//     blank lines separate kept blocks; no other byte may differ).
//   HTML: blocks hold rendered text, not input bytes, so there the check is
//     the first paragraph and that each replace removal's replacement (the
//     block's text after every replace) is in the clean text.
// A failing case prints its seed, fixture and rules: PropertySeed=N in the
// environment runs that one case alone.

namespace {

std::string regex_escape(const std::string &s)
{
	std::string out;
	for (unsigned char c : s) {
		if (c < 0x80 && !isalnum(c) && c != ' ')
			out += '\\';
		out += (char)c;
	}
	return out;
}

bool valid_utf8(const std::string &s)
{
	for (size_t i = 0; i < s.size();) {
		unsigned char c = s[i];
		size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
		if (!n || i + n > s.size())
			return false;
		for (size_t k = 1; k < n; k++)
			if (((unsigned char)s[i + k] & 0xC0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

// A piece of a non-blank line of the input: 1-12 bytes, cut at UTF-8
// character starts, no control characters.
std::string cut_from(const std::string &in, std::mt19937 &rng)
{
	for (int tries = 0; tries < 20; tries++) {
		size_t at = rng() % (in.size() ? in.size() : 1);
		size_t eol = in.find('\n', at), bol = in.rfind('\n', at);
		bol = bol == std::string::npos ? 0 : bol + 1;
		if (eol == std::string::npos)
			eol = in.size();
		if (eol <= bol + 1)
			continue;
		size_t s = bol + rng() % (eol - bol), e = s + 1 + rng() % 12;
		e = std::min(e, eol);
		while (s > bol && ((unsigned char)in[s] & 0xC0) == 0x80)
			s--;
		while (e < eol && ((unsigned char)in[e] & 0xC0) == 0x80)
			e++;
		std::string p = in.substr(s, e - s);
		if (valid_utf8(p) && std::none_of(p.begin(), p.end(), [](char c) { return (unsigned char)c < 0x20 || c == 0x7f; }))
			return p;
	}
	return "the";
}

std::string random_pattern(const std::string &in, std::mt19937 &rng)
{
	static const char *const generic[] = { "^", "$", "\\w+", "\\s+", "[aeiou]", "^\\S+", "\\d+",
	                                       ".", "\\.$", "^[A-Z]", "(?i)the", "\\b", ".{0,3}" };
	switch (rng() % 4) {
	case 0: return generic[rng() % (sizeof generic / sizeof generic[0])];
	case 1: return "^" + regex_escape(cut_from(in, rng));
	default: return regex_escape(cut_from(in, rng));
	}
}

std::string random_rule(size_t id, const std::string &in, bool html, std::mt19937 &rng)
{
	static const char *const withs[] = { "", "x", "[$0]", "\\u2014", "$0$0", " " };
	static const char *const sels[] = { "p", "div", "li", "a", "h1", "h2", "ul", "span", "figure",
	                                    "nav", "footer", "header", "td", "div p", "ul li", "section" };
	std::string r = "r" + std::to_string(id) + ": ";
	std::string pat = "/" + random_pattern(in, rng) + "/" + (rng() % 3 == 0 ? "i" : "");
	switch (rng() % (html ? 11 : 9)) {
	case 0: return r + "drop " + pat;
	case 1: return r + "drop-next " + pat + " next=" + std::to_string(1 + rng() % 3);
	case 2: return r + "drop-after " + pat + " within=" + std::to_string(1 + rng() % 40);
	case 3: return r + "drop-before " + pat + " within=" + std::to_string(1 + rng() % 20);
	case 4:
	case 5: {
		std::string w = withs[rng() % (sizeof withs / sizeof withs[0])];
		if (w == "\\u2014")
			w = "\xE2\x80\x94";
		return r + "replace " + pat + (rng() % 2 ? "g" : "") + " with=\"" + w + "\"";
	}
	case 6: return r + "keep " + pat;
	case 7:
		return r + "run marker=" + pat + " min=" + std::to_string(1 + rng() % 3) +
		       " gap=" + std::to_string(rng() % 3) + " tail=" + std::to_string(rng() % 2);
	case 8: return r + (rng() % 2 ? "duplicate minlen=1" : "main-content");
	case 9: return r + "drop {" + sels[rng() % (sizeof sels / sizeof sels[0])] + "}";
	default: return r + "keep {" + sels[rng() % (sizeof sels / sizeof sels[0])] + "}";
	}
}

// Does the line show nothing: white space, no-break spaces, the blanks
// and zero-width characters of U+2000-U+206F, U+3000, U+FEFF? Such a line
// is a blank line to cleaner (textblocks.c, cln_shows_nothing).
bool shows_nothing(const std::string &l)
{
	static const char *const blanks[] = { "\xC2\xA0", "\xE2\x80\xA8", "\xE2\x80\xA9",
	                                      "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE2\x81\xA0",
	                                      "\xE3\x80\x80", "\xEF\xBB\xBF" };
	for (size_t i = 0; i < l.size();) {
		if (strchr(" \t\r\n\f\v", l[i]) && l[i]) {
			i++;
			continue;
		}
		if (l.compare(i, 2, "\xE2\x80") == 0 && i + 2 < l.size() &&
		    (unsigned char)l[i + 2] >= 0x80 && (unsigned char)l[i + 2] <= 0x8D) {
			i += 3; // U+2000-U+200D
			continue;
		}
		size_t k = 0;
		for (const char *b : blanks)
			if (l.compare(i, strlen(b), b) == 0)
				k = strlen(b);
		if (!k)
			return false;
		i += k;
	}
	return true;
}

// Lines that show something, each with its line end.
std::vector<std::string> solid_lines(const std::string &s)
{
	std::vector<std::string> out;
	for (size_t at = 0; at < s.size();) {
		size_t nl = s.find('\n', at);
		size_t end = nl == std::string::npos ? s.size() : nl + 1;
		std::string line = s.substr(at, end - at);
		if (!shows_nothing(line))
			out.push_back(line.back() == '\n' ? line : line + "\n");
		at = end;
	}
	return out;
}

// Empty when the result keeps the invariant, else what breaks it.
std::string check_invariant(const std::string &in, const cln_result *res)
{
	bool html = cln_result_format(res) == CLN_FORMAT_HTML;
	cln_totals t;
	cln_result_totals(res, &t);
	std::string text = text_of(res), rebuilt;
	size_t prev_end = 0, bytes = 0, blocks = 0, prev_at = 0;
	std::ostringstream why;
	for (size_t i = 0; i < cln_result_removal_count(res); i++) {
		const cln_removal *m = cln_result_removal(res, i);
		why << "removal " << i << " [" << m->byte_start << "," << m->byte_end << ") " << m->rule_id
		    << ": ";
		if (m->byte_start < prev_end || m->byte_end < m->byte_start || m->byte_end > t.bytes_in)
			return why.str() + "out of order, overlapping or outside the input";
		if ((m->replacement != nullptr) != (m->blocks == 0) ||
		    (m->blocks == 0 && std::string(m->action) != "replace"))
			return why.str() + "a replacement goes with an edit inside a block (0 blocks) by a "
			                   "replace rule, and only there: not so";
		// where it stood in the clean text: an edit at its replacement; for
		// text input, in input order
		if (m->text_at > text.size() || (!html && m->text_at < prev_at) ||
		    (m->replacement && text.compare(m->text_at, m->replacement_len, m->replacement,
		                                    m->replacement_len) != 0))
			return why.str() + "text_at " + std::to_string(m->text_at) + " is not where it stood";
		prev_at = m->text_at;
		if (!html) {
			if (std::string(m->text, m->text_len) != in.substr(m->byte_start, m->byte_end - m->byte_start))
				return why.str() + "its text is not input[start,end)";
			rebuilt += in.substr(prev_end, m->byte_start - prev_end);
			if (m->replacement)
				rebuilt.append(m->replacement, m->replacement_len);
		} else if (m->replacement &&
		           text.find(std::string(m->replacement, m->replacement_len)) == std::string::npos) {
			return why.str() + "its replacement is not in the clean text";
		}
		prev_end = m->byte_end;
		bytes += m->byte_end - m->byte_start;
		blocks += m->blocks;
		why.str("");
	}
	if (bytes != t.bytes_removed)
		return "bytes_removed " + std::to_string(t.bytes_removed) + ", removals sum to " +
		       std::to_string(bytes);
	if (blocks != t.blocks_removed || blocks > t.blocks)
		return "blocks_removed " + std::to_string(t.blocks_removed) + ", removals sum to " +
		       std::to_string(blocks) + " of " + std::to_string(t.blocks);
	if (html)
		return "";
	rebuilt += in.substr(prev_end);
	std::vector<std::string> want = solid_lines(rebuilt), got = solid_lines(text);
	for (size_t i = 0; i < std::max(want.size(), got.size()); i++)
		if (i >= want.size() || i >= got.size() || want[i] != got[i])
			return "line " + std::to_string(i + 1) + " of the clean text (blank lines aside): got \"" +
			       (i < got.size() ? got[i] : "<none>") + "\", the report rebuilds \"" +
			       (i < want.size() ? want[i] : "<none>") + "\"";
	return "";
}

} // namespace

TEST(ReportProperty, RemovalsAndCleanTextRebuildTheInput)
{
	std::vector<std::string> dirs;
	for (const auto &e : std::filesystem::directory_iterator(srcdir() + "/fixtures"))
		if (e.is_directory())
			dirs.push_back(e.path().string());
	std::sort(dirs.begin(), dirs.end());
	ASSERT_FALSE(dirs.empty());
	const char *only = std::getenv("PropertySeed");
	const unsigned cases = 1500;
	unsigned failures = 0;
	for (unsigned seed = only ? (unsigned)atoi(only) : 1; seed <= (only ? (unsigned)atoi(only) : cases);
	     seed++) {
		std::mt19937 rng(seed);
		const std::string &dir = dirs[rng() % dirs.size()];
		std::string in = read_file(fixture_input(dir));
		bool html = dir.find("/html-") != std::string::npos || dir.find("-html-") != std::string::npos;
		std::string rules;
		for (size_t k = 0, n = 1 + rng() % 6; k < n; k++)
			rules += random_rule(k, in, html, rng) + "\n";
		Errors errs;
		Rules r = compile(rules, false, &errs);
		if (!r) {
			ADD_FAILURE() << "PropertySeed=" << seed << ": rules do not compile: "
			              << (errs.all.empty() ? "?" : errs.all[0]) << "\n" << rules;
			continue;
		}
		Result res = clean(r.get(), in);
		std::string broken = res ? check_invariant(in, res.get()) : "cln_clean failed";
		if (!broken.empty() && failures++ < 5)
			ADD_FAILURE() << "PropertySeed=" << seed << " " << dir << ": " << broken << "\nrules:\n"
			              << rules << "report:\n" << report_of(res.get(), CLN_REPORT_TEXT);
	}
	EXPECT_EQ(0u, failures);
}

// ---- the public API at its edges (issue 9, item 18) -------------------------

TEST(Api, RuleTextOfLengthZeroIsNulTerminated)
{
	// text_len 0 used to load no rules, silently
	cln_rules_options o = CLN_RULES_OPTIONS_INIT;
	o.no_defaults = 1;
	o.text = "noise: drop /^NOISE$/\n";
	cln_rules *raw = nullptr;
	ASSERT_EQ(0, cln_rules_new(&raw, &o, nullptr));
	Rules r(raw);
	EXPECT_EQ(1u, cln_rules_count(r.get()));
	Result res = clean(r.get(), "kept\nNOISE\n");
	ASSERT_TRUE(res);
	EXPECT_EQ("kept\n", text_of(res.get()));
}

TEST(Api, BadArgumentsAreErrorsNotCrashes)
{
	cln_error err;
	cln_rules_options o = CLN_RULES_OPTIONS_INIT;
	o.no_defaults = 1;
	o.nfiles = 1; // and no files
	cln_rules *raw = nullptr;
	EXPECT_EQ(CLN_EINVAL, cln_rules_new(&raw, &o, &err));
	EXPECT_EQ(nullptr, raw);
	const char *files[] = { nullptr };
	o.files = files;
	EXPECT_EQ(CLN_EINVAL, cln_rules_new(&raw, &o, &err));
	EXPECT_EQ(CLN_EINVAL, cln_rules_new(nullptr, nullptr, &err));

	Rules r = compile("noise: drop /^NOISE$/\n");
	ASSERT_TRUE(r);
	EXPECT_EQ(CLN_EINVAL, cln_clean(nullptr, r.get(), "x", 1, nullptr, &err));
	cln_clean_options co = CLN_CLEAN_OPTIONS_INIT;
	co.format = (cln_format)7;
	cln_result *res = nullptr;
	EXPECT_EQ(CLN_EINVAL, cln_clean(&res, r.get(), "x", 1, &co, &err));
	EXPECT_NE(nullptr, strstr(err.message, "format"));
	EXPECT_EQ(nullptr, res);
	Result ok = clean(r.get(), "x\n");
	ASSERT_TRUE(ok);
	size_t n = 1;
	EXPECT_EQ(CLN_EINVAL, cln_result_render(nullptr, &n, ok.get(), CLN_OUTPUT_TEXT, &err));
	EXPECT_EQ(CLN_EINVAL, cln_result_report(nullptr, &n, ok.get(), CLN_REPORT_TEXT, &err));
}

TEST(Api, ResultAccessorsTakeNull)
{
	size_t n = 7;
	EXPECT_STREQ("", cln_result_text(nullptr, &n));
	EXPECT_EQ(0u, n);
	EXPECT_EQ(0u, cln_result_removal_count(nullptr));
	EXPECT_EQ(nullptr, cln_result_removal(nullptr, 0));
	EXPECT_EQ(0u, cln_result_rule_count(nullptr));
	EXPECT_EQ(nullptr, cln_result_rule_stat(nullptr, 0));
	EXPECT_EQ(0u, cln_result_warning_count(nullptr));
	EXPECT_EQ(nullptr, cln_result_warning(nullptr, 0));
	EXPECT_EQ(nullptr, cln_result_meta(nullptr, CLN_META_TITLE));
	EXPECT_STREQ("", cln_result_charset(nullptr));
	cln_totals t;
	memset(&t, 0xff, sizeof t);
	cln_result_totals(nullptr, &t);
	EXPECT_EQ(0u, t.bytes_in);
	Rules r = compile("noise: drop /^NOISE$/\n");
	Result res = clean(r.get(), "x\n");
	ASSERT_TRUE(res);
	cln_result_totals(res.get(), nullptr);
	EXPECT_NE(nullptr, cln_result_text(res.get(), nullptr));
}

TEST(Api, MatchLimitAboveFourBillionIsNotZero)
{
	// PCRE2 takes a 32-bit limit: 2^32 used to wrap to 0, every pattern
	// then failing at once
	if (sizeof(unsigned long) <= 4)
		GTEST_SKIP() << "unsigned long has 32 bits";
	Rules r = compile("noise: drop /^NOISE$/\n");
	Result res = clean(r.get(), "kept\nNOISE\n", 1UL << 32);
	ASSERT_TRUE(res);
	EXPECT_EQ("kept\n", text_of(res.get()));
	EXPECT_EQ(0u, cln_result_warning_count(res.get()));
}

TEST(Api, HtmlTextIsTheBodyWithoutTheTitle)
{
	Rules r = compile("noise: drop /^NOISE$/\n");
	Result res = clean(r.get(), "<html><head><title>The title</title></head><body>"
	                            "<p>First paragraph.</p><p>NOISE</p></body></html>");
	ASSERT_TRUE(res);
	EXPECT_EQ("First paragraph.\n", text_of(res.get()));
	char *out = nullptr;
	ASSERT_EQ(0, cln_result_render(&out, nullptr, res.get(), CLN_OUTPUT_TEXT, nullptr));
	CString owner(out);
	EXPECT_STREQ("The title\n\nFirst paragraph.\n", out);
}

// ---- decode.c resets its output (issue 9, item 18) --------------------------

TEST(Decode, AReusedOutputHoldsOnlyTheNewPage)
{
	// the reset used to zero the first bytes of the struct (the text
	// buffer) instead of the charset: the old text leaked
	cln_decoded dec = {};
	ASSERT_EQ(0, cln_decode(&dec, "<p>caf\xE9 \xFF</p>", 11, "iso-8859-5"));
	EXPECT_STREQ("ISO-8859-5", dec.charset);
	const char *first = dec.text.data;
	ASSERT_EQ(0, cln_decode(&dec, "<p>b\xFF</p>", 9, "utf-8"));
	EXPECT_EQ("<p>b\xEF\xBF\xBD</p>", std::string(dec.utf8, dec.utf8_len));
	EXPECT_EQ(std::string(dec.text.data, dec.text.len), std::string(dec.utf8, dec.utf8_len));
	EXPECT_EQ(1u, dec.bad_bytes);
	EXPECT_EQ(first, dec.text.data) << "the buffer was dropped, not reused";
	buf_free(&dec.text);
}

TEST(Decode, ValidUtf8IsReadInPlace)
{
	// a page that is UTF-8 already is not copied (it would cost its size)
	static const char page[] = "\xEF\xBB\xBF<p>caf\xC3\xA9</p>";
	cln_decoded dec = {};
	ASSERT_EQ(0, cln_decode(&dec, page, sizeof page - 1, nullptr));
	EXPECT_STREQ("UTF-8", dec.charset);
	EXPECT_EQ(page + 3, dec.utf8) << "the BOM is skipped, the rest read in place";
	EXPECT_EQ(sizeof page - 4, dec.utf8_len);
	EXPECT_EQ(0u, dec.text.len);
	buf_free(&dec.text);
}

TEST(Api, LongDetailsAreWholeAndValidUtf8)
{
	// details were cut at 511 bytes: a deep page's main-content reason lost
	// its "(<article>)", or ended inside a UTF-8 character
	std::string page = "<html><head><title>T</title></head><body><div><p>Other text that is "
	                   "outside of the article body here.</p></div>";
	for (int i = 0; i < 40; i++)
		page += "<div class=\"wrapper-\xC3\xA9\xC3\xA9-level\">";
	page += "<article>";
	for (int i = 0; i < 5; i++)
		page += "<p>This is long paragraph " + std::to_string(i) +
		        " of prose, with commas, and many words, written for the test of main content.</p>";
	page += "</article>";
	for (int i = 0; i < 40; i++)
		page += "</div>";
	page += "</body></html>";
	Rules r = compile("main: main-content\n");
	Result res = clean(r.get(), page);
	ASSERT_TRUE(res);
	ASSERT_EQ(1u, cln_result_removal_count(res.get()));
	const char *detail = cln_result_removal(res.get(), 0)->detail;
	ASSERT_TRUE(detail);
	std::string d = detail;
	EXPECT_GT(d.size(), 600u);
	EXPECT_EQ(" (<article>)", d.substr(d.size() - 12));
	EXPECT_TRUE(valid_utf8(d));
}

TEST(InputBounds, RuleTextIsReadOnlyWithinItsLength)
{
	// every prefix of tricky snippets and of each statement (a line and the
	// indented lines that continue it) of the built-in rule files, from a
	// buffer that ends at an unreadable page: the parser may fail, never
	// read on. Statement by statement, not prefixes of whole files: those
	// compile every rule before the cut again, and took seconds.
	std::vector<std::string> texts = {
		"a: drop /x\\/y/i maxlen=3\n", "b: replace /(a)(b)?/g with=\"$1\\\"\\n\"\n",
		"c: drop {div.x > p:has-text(/y/) :not(#z)}\n", "d: run marker=/a/ marker=/b/ gap=2\n",
		"# comment\ninclude \"x.rules\"\ne: drop /a\n   b/x\n", "f: drop /[/\n", "g: drop-next /\\",
		// an @site line read to its end (once past the buffer's end: strcspn)
		"@site example.com/news/ ~m.example.com # the news\nh: drop /x/\n",
		"@page-type forum listing\ni: drop /x/ site=\"example.org\"\n",
	};
	for (size_t i = 0; cln_default_rules_text(i); i++) {
		std::string file = cln_default_rules_text(i);
		size_t start = 0;
		for (size_t nl = file.find('\n'); nl != std::string::npos; nl = file.find('\n', nl + 1)) {
			if (nl + 1 < file.size() && (file[nl + 1] == ' ' || file[nl + 1] == '\t'))
				continue;
			texts.push_back(file.substr(start, nl + 1 - start));
			start = nl + 1;
		}
		texts.push_back(file.substr(start));
	}
	ASSERT_GT(texts.size(), 200u);
	for (const std::string &t : texts) {
		for (size_t cut = 1; cut <= t.size(); cut++) {
			Guarded g(t.substr(0, cut));
			cln_rules_options o = CLN_RULES_OPTIONS_INIT;
			o.no_defaults = 1;
			o.text = g.data();
			o.text_len = cut;
			cln_rules *raw = nullptr;
			cln_rules_new(&raw, &o, nullptr);
			cln_rules_free(raw);
		}
	}
}

TEST(ReplaceReport, AReplacementWithANulByteIsWhole)
{
	// replacements were copied with strndup, which stops at a NUL byte of
	// a text input while the reported length went on past the copy
	Rules r = compile("wrap: replace /a\\x00b/ with=\"[$0]\"\n");
	ASSERT_TRUE(r);
	std::string in("x a\0b y\n", 8);
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	EXPECT_EQ(std::string("x [a\0b] y\n", 10), text_of(res.get()));
	ASSERT_EQ(1u, cln_result_removal_count(res.get()));
	const cln_removal *m = cln_result_removal(res.get(), 0);
	EXPECT_EQ(std::string("[a\0b]", 5), std::string(m->replacement, m->replacement_len));
	EXPECT_EQ(std::string("a\0b", 3), std::string(m->text, m->text_len));
}

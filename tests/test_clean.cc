// test_clean.cc - cleaning through the API: bad input of every kind, exact
// bytes, offsets, limits and sharing one rule set between threads.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>
#include <thread>

#include "config.h"
#include "shim.h"

static Rules simple()
{
	Errors errs;
	Rules r = compile("noise: drop /^NOISE$/\n", false, &errs);
	EXPECT_TRUE(r) << (errs.all.empty() ? "" : errs.all[0]);
	return r;
}

TEST(BadInput, EmptyInputGivesEmptyOutput)
{
	Rules r = simple();
	Result res = clean(r.get(), "");
	ASSERT_TRUE(res);
	EXPECT_EQ("", text_of(res.get()));
	EXPECT_EQ(0u, cln_result_removal_count(res.get()));
	cln_totals t;
	cln_result_totals(res.get(), &t);
	EXPECT_EQ(0u, t.bytes_in);
	EXPECT_EQ(0u, t.blocks);
}

TEST(Result, OutlivesItsInput)
{
	// the result holds copies: the caller may free the input at once
	Rules r = simple();
	for (cln_format f : { CLN_FORMAT_TEXT, CLN_FORMAT_HTML }) {
		std::string in = f == CLN_FORMAT_TEXT ? "Kept line.\nNOISE\n"
		                                      : "<html><head><title>T</title></head><body>"
		                                        "<p>Kept line.</p><p>NOISE</p></body></html>";
		cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
		o.format = f;
		cln_result *raw = nullptr;
		ASSERT_EQ(0, cln_clean(&raw, r.get(), in.data(), in.size(), &o, nullptr));
		Result res(raw);
		std::fill(in.begin(), in.end(), 'x');
		in.clear();
		in.shrink_to_fit();
		EXPECT_EQ("Kept line.\n", text_of(res.get()));
		ASSERT_EQ(1u, cln_result_removal_count(res.get()));
		EXPECT_EQ(0, strncmp("NOISE", cln_result_removal(res.get(), 0)->text, 5));
		if (f == CLN_FORMAT_HTML) {
			EXPECT_STREQ("T", cln_result_meta(res.get(), CLN_META_TITLE));
		}
	}
}

TEST(BadInput, NullInputWithZeroLengthIsEmpty)
{
	Rules r = simple();
	cln_result *res = nullptr;
	ASSERT_EQ(0, cln_clean(&res, r.get(), nullptr, 0, nullptr, nullptr));
	Result owner(res);
	EXPECT_EQ("", text_of(res));
}

TEST(BadInput, BlankOnlyInputIsKept)
{
	Rules r = simple();
	EXPECT_EQ("\n \n\t\n", text_of(clean(r.get(), "\n \n\t\n").get()));
}

// A line that shows nothing (no-break spaces, a zero-width joiner: a text
// dump's spacer) is a blank line: no block, its bytes kept where blank
// lines are.
TEST(BadInput, LinesThatShowNothingAreBlank)
{
	Rules r = simple();
	const char *in = "A\n\xC2\xA0\xC2\xA0\n\xE2\x80\x8D\nB\n";
	Result res = clean(r.get(), in);
	cln_totals t;
	cln_result_totals(res.get(), &t);
	EXPECT_EQ(2u, t.blocks);
	EXPECT_EQ(in, text_of(res.get()));
}

TEST(BadInput, CrLfBytesAreKept)
{
	Rules r = simple();
	Result res = clean(r.get(), "A\r\nNOISE\r\n\r\nB\r\n");
	EXPECT_EQ("A\r\n\r\nB\r\n", text_of(res.get()));
	ASSERT_EQ(1u, cln_result_removal_count(res.get()));
	EXPECT_EQ("NOISE\r\n", std::string(cln_result_removal(res.get(), 0)->text));
}

TEST(BadInput, NulBytesAndInvalidUtf8PassThrough)
{
	Rules r = simple();
	std::string in("a\0b\n\xff\xfe\xc3(\nNOISE\n\xed\xa0\x80 end", 22);
	std::string want("a\0b\n\xff\xfe\xc3(\n\xed\xa0\x80 end", 16);
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	EXPECT_EQ(want, text_of(res.get()));
	EXPECT_EQ(1u, cln_result_removal_count(res.get()));
}

TEST(BadInput, PatternsMatchAroundInvalidUtf8)
{
	Errors errs;
	Rules r = compile("w: drop /^\\w+ credit$/i\n", false, &errs);
	ASSERT_TRUE(r);
	EXPECT_EQ("\xff photo credit\n",
	          text_of(clean(r.get(), "\xff photo credit\nPhoto credit\n").get()));
}

TEST(BadInput, TenMegabyteLineIsOneBlock)
{
	Errors errs;
	Rules r = compile("short: drop /^x+$/ maxlen=100\nany: drop /NEEDLE/\n", false, &errs);
	ASSERT_TRUE(r);
	std::string line(10u << 20, 'x');
	std::string in = "Title\n" + line + "\nNEEDLE\n";
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	EXPECT_EQ("Title\n" + line + "\n", text_of(res.get()));
	cln_totals t;
	cln_result_totals(res.get(), &t);
	EXPECT_EQ(3u, t.blocks);
}

TEST(BadInput, ManyLinesKeepEveryByte)
{
	Rules r = simple();
	std::string in, want;
	for (int i = 0; i < 200000; i++) {
		std::string l = "Line " + std::to_string(i) + " of the article.\n";
		in += l;
		want += l;
		if (i % 1000 == 0)
			in += "NOISE\n";
	}
	Result res = clean(r.get(), in);
	EXPECT_EQ(want, text_of(res.get()));
	EXPECT_EQ(200u, cln_result_removal_count(res.get()));
}

TEST(Limits, CatastrophicPatternIsStoppedAndReported)
{
	Errors errs;
	Rules r = compile("slow: drop /^(a+)+$/\nok: drop /^b$/\n", false, &errs);
	ASSERT_TRUE(r);
	std::string in = std::string(40, 'a') + "b\n" + std::string(40, 'a') + "c\nb\n";
	Result res = clean(r.get(), in, 100000);
	ASSERT_TRUE(res);
	// counted as no match: the line stays, other rules still run
	EXPECT_EQ(std::string(40, 'a') + "b\n" + std::string(40, 'a') + "c\n", text_of(res.get()));
	ASSERT_EQ(1u, cln_result_warning_count(res.get()));
	std::string w = cln_result_warning(res.get(), 0);
	EXPECT_NE(std::string::npos, w.find("rule slow: "));
	EXPECT_NE(std::string::npos, w.find("match limit"));
	EXPECT_NE(std::string::npos, w.find("line 1"));
	EXPECT_EQ(nullptr, cln_result_warning(res.get(), 1));
}

// A page the rules empty says so: a batch user finds the warning in the
// result, not an empty file, with the rule that took the most. A page that
// keeps a line, an empty input and a blank one warn of nothing.
TEST(Limits, EmptiedPageWarns)
{
	Errors errs;
	Rules r = compile("menu: drop /^\\s*\\* /\nlogin: drop /Log In$/\n", false, &errs);
	ASSERT_TRUE(r);
	Result res = clean(r.get(), "   * Home\n   * About\n\n   ____ Log In\n");
	ASSERT_TRUE(res);
	EXPECT_EQ("", text_of(res.get()));
	ASSERT_EQ(1u, cln_result_warning_count(res.get()));
	EXPECT_EQ("nothing kept: the rules removed all 3 blocks of the page (0 of them prose), "
	          "2 by rule menu; see the report",
	          std::string(cln_result_warning(res.get(), 0)));
	for (const char *in : { "   * Home\nA line that stays.\n", "", "\n \n" })
		EXPECT_EQ(0u, cln_result_warning_count(clean(r.get(), in).get())) << in;
}

TEST(Limits, OptionsVersionIsChecked)
{
	Rules r = simple();
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.version = CLN_CLEAN_OPTIONS_VERSION + 1;
	cln_result *res = nullptr;
	cln_error err;
	EXPECT_EQ(CLN_EINVAL, cln_clean(&res, r.get(), "x", 1, &o, &err));
	EXPECT_EQ(nullptr, res);
}

TEST(Limits, DocumentOverFourGiBIsRefused)
{
	// blocks keep 32-bit offsets: a larger document is refused before a
	// byte of it is read (so a 1-byte buffer with a huge length is safe)
	if (sizeof(size_t) < 8)
		GTEST_SKIP() << "size_t cannot hold the length";
	Rules r = simple();
	for (cln_format f : { CLN_FORMAT_TEXT, CLN_FORMAT_HTML, CLN_FORMAT_AUTO }) {
		cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
		o.format = f;
		cln_result *res = nullptr;
		cln_error err;
		EXPECT_EQ(CLN_ETOOBIG, cln_clean(&res, r.get(), "x", (size_t)CLN_MAX_DOCUMENT + 1, &o, &err));
		EXPECT_EQ(nullptr, res);
		EXPECT_EQ(CLN_ETOOBIG, err.code);
		EXPECT_STREQ("cln_clean: 4294967296 bytes; the most is 4294967295", err.message);
	}
	EXPECT_STREQ("document too large (over 4 GiB - 1 bytes)", cln_strerror(CLN_ETOOBIG));
}

TEST(Api, FreeingNullIsANoOp)
{
	cln_result_free(nullptr);
	cln_rules_free(nullptr);
	cln_free(nullptr);
}

TEST(Api, VersionComesFromConfigure)
{
	EXPECT_STREQ(PACKAGE_VERSION, cln_version());
}

TEST(Api, ErrorFormatting)
{
	cln_error e = {};
	e.code = CLN_ESYNTAX;
	snprintf(e.message, sizeof e.message, "unknown action 'x'");
	char out[256];
	cln_error_format(&e, out, sizeof out);
	EXPECT_STREQ("error: unknown action 'x'", out);
	snprintf(e.file, sizeof e.file, "a.rules");
	cln_error_format(&e, out, sizeof out);
	EXPECT_STREQ("a.rules: error: unknown action 'x'", out);
	e.line = 3;
	e.column = 7;
	size_t n = cln_error_format(&e, out, 10);
	EXPECT_STREQ("a.rules:3", out);
	EXPECT_EQ(strlen("a.rules:3:7: error: unknown action 'x'"), n);
	EXPECT_STREQ("malformed rule", cln_strerror(CLN_ESYNTAX));
	EXPECT_STREQ("unknown error", cln_strerror(-999));
}

TEST(Api, ErrorCarriesTheSourceLine)
{
	Errors errs;
	ASSERT_FALSE(compile("\nabc: drop /x/ maxlen=z\n", false, &errs));
	ASSERT_EQ(1u, errs.raw.size());
	EXPECT_STREQ("abc: drop /x/ maxlen=z", errs.raw[0].source_line);
	EXPECT_EQ(2u, errs.raw[0].line);
	EXPECT_EQ(22u, errs.raw[0].column);
	EXPECT_EQ(22u, errs.raw[0].offset);
	EXPECT_STREQ("<rules>", errs.raw[0].file);
}

// Every removal's text is exactly the input bytes at its offsets, and the
// removed and kept bytes add up, on every fixture with the default rules.
TEST(Offsets, RemovalsPointAtTheirBytesOnAllFixtures)
{
	Rules r = compile("", true);
	ASSERT_TRUE(r);
	int pages = 0;
	for (const auto &e : std::filesystem::directory_iterator(srcdir() + "/fixtures")) {
		if (!e.is_directory())
			continue;
		std::string in = read_file(fixture_input(e.path().string()));
		Result res = clean(r.get(), in);
		ASSERT_TRUE(res);
		if (cln_result_format(res.get()) == CLN_FORMAT_HTML)
			continue; /* removed text is rendered text there; test_html checks it */
		pages++;
		size_t last_end = 0;
		for (size_t i = 0; i < cln_result_removal_count(res.get()); i++) {
			const cln_removal *m = cln_result_removal(res.get(), i);
			ASSERT_LE(m->byte_end, in.size());
			EXPECT_EQ(in.substr(m->byte_start, m->byte_end - m->byte_start),
			          std::string(m->text, m->text_len)) << e.path();
			EXPECT_GE(m->byte_start, last_end) << "removals overlap in " << e.path();
			last_end = m->byte_end;
			EXPECT_GE(m->line_end, m->line_start);
		}
	}
	EXPECT_GE(pages, 8);
}

// The threads start together on a rule set no document has used yet: each
// pattern's JIT code is made at its first match, by one of them.
TEST(Threads, OneRuleSetSharedByManyThreads)
{
	Rules r = compile("", true), ref = compile("", true);
	ASSERT_TRUE(r && ref);
	std::vector<std::string> in, want;
	for (const char *f : { "seed-002-cnn-russia-icy", "real-html-product-newegg" }) {
		in.push_back(read_file(fixture_input(srcdir() + "/fixtures/" + f)));
		want.push_back(text_of(clean(ref.get(), in.back()).get()));
	}
	std::vector<std::thread> ts;
	std::vector<int> bad(4, 0);
	for (int t = 0; t < 4; t++)
		ts.emplace_back([&, t]() {
			for (int i = 0; i < 50; i++) {
				size_t k = (size_t)(i + t) % in.size();
				Result res = clean(r.get(), in[k]);
				if (!res || text_of(res.get()) != want[k])
					bad[t]++;
			}
		});
	for (auto &t : ts)
		t.join();
	for (int t = 0; t < 4; t++)
		EXPECT_EQ(0, bad[t]) << "thread " << t;
}

// Paragraphs of one length that share sentences (a page's template text,
// a FAQ's repeated answers) are no hidden copy of the article: a copy is
// made of pieces half its length or less (textcopies.c).
TEST(HiddenCopy, ParagraphsOfOneLengthSharingSentencesStay)
{
	Rules r = compile("", true);
	ASSERT_TRUE(r);
	std::vector<std::string> sentences;
	const char *const words[] = { "the", "library", "will", "stay", "open", "until", "nine",
		                      "on", "weekends", "and", "students", "said", "they", "had",
		                      "nowhere", "quiet", "to", "work", "in", "evenings" };
	std::mt19937 rng(7);
	for (int i = 0; i < 60; i++) {
		std::string s = "Then";
		for (int w = 0; w < 11; w++)
			s += std::string(" ") + words[rng() % 20];
		sentences.push_back(s + ".");
	}
	std::string in = "Home\nNews\nSport\n\n", want;
	for (int p = 0; p < 12; p++) {
		std::string para;
		for (int k = 0; k < 14; k++)
			para += (k ? " " : "") + sentences[rng() % sentences.size()];
		ASSERT_GE(para.size(), 800u);
		in += para + "\n\n";
	}
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	for (size_t i = 0; i < cln_result_removal_count(res.get()); i++) {
		const cln_removal *m = cln_result_removal(res.get(), i);
		EXPECT_TRUE(m->detail == nullptr || !strstr(m->detail, "strung together"))
			<< "line " << m->line_start << ": " << m->detail;
	}
}

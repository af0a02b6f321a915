// test_report.cc - the text report for people and the JSON report for
// programs; the JSON is parsed back with jansson and checked field by field.
#include <gtest/gtest.h>
#include <jansson.h>

#include "shim.h"

struct Json {
	json_t *j = nullptr;
	explicit Json(const std::string &s)
	{
		json_error_t e;
		j = json_loadb(s.data(), s.size(), JSON_ALLOW_NUL, &e);
		if (!j)
			ADD_FAILURE() << "invalid JSON: " << e.text << " in " << s;
	}
	~Json() { json_decref(j); }
};

static const char *RULES =
	"skip: drop-before /^Skip to content$/\n"
	"prefix: replace /^AD: /\n"
	"dup: duplicate\n"
	"never: drop /^never matches$/\n"
	"k: keep /^Kept/\n";

static const std::string INPUT =
	"Skip to content\n"
	"\n"
	"AD: Title of the story\n"
	"A caption printed twice.\n"
	"A caption printed twice.\n"
	"Kept line.\n";

class Report : public ::testing::Test {
protected:
	Rules rules;
	Result res;
	void SetUp() override
	{
		Errors errs;
		rules = compile(RULES, false, &errs);
		ASSERT_TRUE(rules) << (errs.all.empty() ? "" : errs.all[0]);
		res = clean(rules.get(), INPUT);
		ASSERT_TRUE(res);
	}
};

TEST_F(Report, TextHasOneLinePerRemovalThenTotals)
{
	std::string t = report_of(res.get(), CLN_REPORT_TEXT);
	std::vector<std::string> lines;
	std::stringstream ss(t);
	for (std::string l; std::getline(ss, l);)
		lines.push_back(l);
	ASSERT_EQ(5u, lines.size()) << t;
	EXPECT_EQ("line 1        [0,16)          skip                     drop-before  \"Skip to content\"",
	          lines[0]);
	EXPECT_EQ("line 3        [17,21)         prefix                   replace      \"AD: \" -> \"\"",
	          lines[1]);
	EXPECT_EQ("line 5        [65,90)         dup                      duplicate    "
	          "\"A caption printed twice.\" (repeats line 4)", lines[2]);
	EXPECT_EQ("removed 3 spans, 2 of 5 blocks, 45 of 101 bytes (44.6%)", lines[3]);
	EXPECT_EQ("rules with no hits: never", lines[4]);
}

TEST_F(Report, JsonParsesBackWithEveryField)
{
	Json doc(report_of(res.get(), CLN_REPORT_JSON));
	ASSERT_TRUE(doc.j);
	EXPECT_EQ(101, json_integer_value(json_object_get(doc.j, "bytes_in")));
	EXPECT_EQ(55, json_integer_value(json_object_get(doc.j, "bytes_out"))); // the blank line after the skip link goes too
	EXPECT_EQ(45, json_integer_value(json_object_get(doc.j, "bytes_removed")));
	EXPECT_DOUBLE_EQ(44.6, json_real_value(json_object_get(doc.j, "percent_removed")));
	EXPECT_EQ(6, json_integer_value(json_object_get(doc.j, "lines")));
	EXPECT_EQ(5, json_integer_value(json_object_get(doc.j, "blocks")));
	EXPECT_EQ(2, json_integer_value(json_object_get(doc.j, "blocks_removed")));

	json_t *rem = json_object_get(doc.j, "removals");
	ASSERT_EQ(3u, json_array_size(rem));
	json_t *r0 = json_array_get(rem, 0);
	EXPECT_STREQ("skip", json_string_value(json_object_get(r0, "rule")));
	EXPECT_STREQ("drop-before", json_string_value(json_object_get(r0, "action")));
	EXPECT_EQ(1, json_integer_value(json_array_get(json_object_get(r0, "lines"), 0)));
	EXPECT_EQ(1, json_integer_value(json_array_get(json_object_get(r0, "lines"), 1)));
	EXPECT_EQ(0, json_integer_value(json_array_get(json_object_get(r0, "bytes"), 0)));
	EXPECT_EQ(16, json_integer_value(json_array_get(json_object_get(r0, "bytes"), 1)));
	EXPECT_STREQ("Skip to content\n", json_string_value(json_object_get(r0, "text")));
	EXPECT_EQ(nullptr, json_object_get(r0, "replacement"));

	json_t *r1 = json_array_get(rem, 1);
	EXPECT_STREQ("replace", json_string_value(json_object_get(r1, "action")));
	EXPECT_STREQ("AD: ", json_string_value(json_object_get(r1, "text")));
	EXPECT_STREQ("", json_string_value(json_object_get(r1, "replacement")));
	EXPECT_EQ(17, json_integer_value(json_array_get(json_object_get(r1, "bytes"), 0)));

	json_t *r2 = json_array_get(rem, 2);
	EXPECT_STREQ("repeats line 4", json_string_value(json_object_get(r2, "detail")));

	// the removed text is the input at the byte offsets, for every removal
	for (size_t i = 0; i < json_array_size(rem); i++) {
		json_t *r = json_array_get(rem, i);
		json_int_t a = json_integer_value(json_array_get(json_object_get(r, "bytes"), 0));
		json_int_t b = json_integer_value(json_array_get(json_object_get(r, "bytes"), 1));
		EXPECT_EQ(INPUT.substr(a, b - a), json_string_value(json_object_get(r, "text")));
	}

	// every rule is listed, in rule order, with its hits
	json_t *rules_j = json_object_get(doc.j, "rules");
	ASSERT_EQ(5u, json_array_size(rules_j));
	const char *ids[] = { "skip", "prefix", "dup", "never", "k" };
	const int hits[] = { 1, 1, 1, 0, 1 };
	for (size_t i = 0; i < 5; i++) {
		json_t *r = json_array_get(rules_j, i);
		EXPECT_STREQ(ids[i], json_string_value(json_object_get(r, "id")));
		EXPECT_EQ(hits[i], json_integer_value(json_object_get(r, "hits"))) << ids[i];
	}
	EXPECT_EQ(0u, json_array_size(json_object_get(doc.j, "warnings")));
}

TEST(ReportBytes, InvalidUtf8AndNulStayValidJson)
{
	Rules r = compile("n: drop /^N/\n");
	ASSERT_TRUE(r);
	std::string in("ok\nN\xff\xc0\x80\0z\n", 10);
	Result res = clean(r.get(), in);
	Json doc(report_of(res.get(), CLN_REPORT_JSON));
	ASSERT_TRUE(doc.j);
	json_t *t = json_object_get(json_array_get(json_object_get(doc.j, "removals"), 0), "text");
	// each bad byte becomes U+FFFD, NUL survives as \u0000
	EXPECT_EQ(std::string("N\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\0z\n", 13),
	          std::string(json_string_value(t), json_string_length(t)));
	// the offsets still count the original bytes
	json_t *b = json_object_get(json_array_get(json_object_get(doc.j, "removals"), 0), "bytes");
	EXPECT_EQ(3, json_integer_value(json_array_get(b, 0)));
	EXPECT_EQ(10, json_integer_value(json_array_get(b, 1)));
}

TEST(ReportBytes, WarningsAppearInBothReports)
{
	Rules r = compile("slow: drop /^(a+)+$/\n");
	ASSERT_TRUE(r);
	Result res = clean(r.get(), std::string(30, 'a') + "b\n", 10000);
	std::string t = report_of(res.get(), CLN_REPORT_TEXT);
	EXPECT_NE(std::string::npos, t.find("warning: rule slow: match limit exceeded at line 1"));
	Json doc(report_of(res.get(), CLN_REPORT_JSON));
	EXPECT_EQ(1u, json_array_size(json_object_get(doc.j, "warnings")));
}

TEST(ReportBytes, LongTextIsCutInTheTextReport)
{
	Rules r = compile("all: drop /./\n");
	ASSERT_TRUE(r);
	std::string line(200, 'z');
	Result res = clean(r.get(), line + "\n");
	std::string t = report_of(res.get(), CLN_REPORT_TEXT);
	EXPECT_NE(std::string::npos, t.find("\"" + std::string(60, 'z') + "...\""));
	EXPECT_EQ(std::string::npos, t.find(std::string(61, 'z')));
}

TEST(ReportBytes, BadFormatIsRejected)
{
	Rules r = compile("a: drop /a/\n");
	Result res = clean(r.get(), "a\n");
	char *out = reinterpret_cast<char *>(1);
	cln_error err;
	EXPECT_EQ(CLN_EINVAL, cln_result_report(&out, nullptr, res.get(), (cln_report_format)7, &err));
	EXPECT_EQ(nullptr, out);
}

// Where each removal stood in the clean text: between the kept lines for
// a removal of blocks, at its replacement for an edit.
TEST_F(Report, RemovalsKnowWhereTheyStoodInTheCleanText)
{
	size_t tl;
	std::string text = cln_result_text(res.get(), &tl);
	ASSERT_EQ("Title of the story\nA caption printed twice.\nKept line.\n", text);
	ASSERT_EQ(3u, cln_result_removal_count(res.get()));
	EXPECT_EQ(0u, cln_result_removal(res.get(), 0)->text_at);  // skip, before all
	EXPECT_EQ(0u, cln_result_removal(res.get(), 1)->text_at);  // "AD: " -> "" at the title
	EXPECT_EQ(text.find("Kept"), cln_result_removal(res.get(), 2)->text_at); // dup
}

TEST(ReportHtml, EditsPointAtTheirReplacementInHtmlAndText)
{
	Rules r = compile("w: replace /world/g with=\"there\"\nx: drop /^X$/\n");
	Result t = clean(r.get(), "X\nhello world, world\nX\nend\n");
	size_t tl;
	std::string text = cln_result_text(t.get(), &tl);
	ASSERT_EQ("hello there, there\nend\n", text);
	ASSERT_EQ(4u, cln_result_removal_count(t.get()));
	const cln_removal *e = cln_result_removal(t.get(), 2);
	EXPECT_EQ(13u, e->text_at);
	EXPECT_EQ("there", text.substr(e->text_at, e->replacement_len));
	EXPECT_EQ(19u, cln_result_removal(t.get(), 3)->text_at);
	Result h = clean(r.get(), "<!doctype html><body><p>X</p><p>a world</p><p>X</p><p>end</p>");
	text = cln_result_text(h.get(), &tl);
	ASSERT_EQ(3u, cln_result_removal_count(h.get()));
	e = cln_result_removal(h.get(), 1);
	EXPECT_EQ("a there", text.substr(e->text_at, e->replacement_len));
	EXPECT_EQ(text.find("a there") + 7, cln_result_removal(h.get(), 2)->text_at);
}

TEST(ReportHtml, OnePageWithEverythingEscaped)
{
	Rules r = compile("js: drop /alert/\n");
	Result res = clean(r.get(), "intro\n<script>alert(1)</script>\nkept <b>&amp; \"fine\"\n\xff\n");
	std::string p = report_of(res.get(), CLN_REPORT_HTML);
	EXPECT_EQ(0u, p.find("<!DOCTYPE html>\n<html"));
	EXPECT_EQ(std::string::npos, p.find("<script"));
	EXPECT_EQ(std::string::npos, p.find("<b>&amp;"));
	EXPECT_NE(std::string::npos, p.find("<del>&lt;script&gt;alert(1)&lt;/script&gt;\n</del>"));
	EXPECT_NE(std::string::npos, p.find("kept &lt;b&gt;&amp;amp; &quot;fine&quot;\n\xEF\xBF\xBD\n"));
	EXPECT_NE(std::string::npos, p.find("title=\"js (drop)\nline 2, bytes [6,32), 1 block\""));
	EXPECT_NE(std::string::npos, p.find("<label for=x0 class=r0"));
	EXPECT_NE(std::string::npos, p.find("bytes removed <b>26</b>"));
}

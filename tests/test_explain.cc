// test_explain.cc - cln_result_explain: a trace only when asked for, what it
// says of removed, matched and protected blocks, selection, and its errors.
#include <gtest/gtest.h>
#include <jansson.h>

#include "shim.h"

static const char *RULES =
	"k: keep /^Kept/\n"
	"first: drop /^Promo/\n"
	"second: drop /Promo|Kept/\n"
	"fix: replace /^AD: /\n";

static const std::string INPUT = "Promo one\nKept line\nAD: a story\nplain\n";

static Result explained(const cln_rules *rules, const std::string &in,
                        const cln_explain_options *eo, int *rc = nullptr, cln_error *err = nullptr)
{
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.explain = eo;
	cln_result *r = nullptr;
	cln_error e;
	int c = cln_clean(&r, rules, in.data(), in.size(), &o, err ? err : &e);
	if (rc)
		*rc = c;
	return Result(c == 0 ? r : nullptr);
}

static std::string explain_of(const cln_result *r, int flags)
{
	char *s = nullptr;
	size_t n = 0;
	if (cln_result_explain(&s, &n, r, flags, nullptr) != 0)
		return "<error>";
	std::string out(s, n);
	cln_free(s);
	return out;
}

TEST(Explain, NoTraceUnlessAsked)
{
	Rules rules = compile(RULES);
	ASSERT_TRUE(rules);
	Result plain = clean(rules.get(), INPUT);
	char *s = nullptr;
	cln_error err;
	EXPECT_EQ(CLN_EINVAL, cln_result_explain(&s, nullptr, plain.get(), 0, &err));
	EXPECT_EQ(nullptr, s);
	EXPECT_EQ(CLN_EINVAL, cln_result_explain(nullptr, nullptr, plain.get(), 0, &err));
	EXPECT_EQ(CLN_EINVAL, cln_result_explain(&s, nullptr, nullptr, 0, &err));
}

TEST(Explain, SameTextAndEveryRuleThatMatched)
{
	Rules rules = compile(RULES);
	ASSERT_TRUE(rules);
	cln_explain_options eo = { 0, nullptr };
	Result r = explained(rules.get(), INPUT, &eo);
	ASSERT_TRUE(r);
	EXPECT_EQ(text_of(clean(rules.get(), INPUT).get()), text_of(r.get()));
	std::string t = explain_of(r.get(), CLN_EXPLAIN_TEXT);
	EXPECT_NE(std::string::npos, t.find("line 1: removed by first (drop)\n  bytes 0-10\n"
	                                    "  | Promo one\n  also matched: second (drop)\n")) << t;
	EXPECT_NE(std::string::npos, t.find("line 2: kept, protected by k (keep)\n")) << t;
	EXPECT_NE(std::string::npos, t.find("  matched, but the keep rule stopped: second (drop)\n")) << t;
	EXPECT_NE(std::string::npos, t.find("line 3: kept\n  bytes 20-32\n  | a story\n"
	                                    "  edited by: fix (replace)\n")) << t;
	EXPECT_EQ(std::string::npos, t.find("\033[")) << t;
	EXPECT_NE(std::string::npos, explain_of(r.get(), CLN_EXPLAIN_COLOR).find("\033[31mremoved"));
}

TEST(Explain, JsonAndLineSelection)
{
	Rules rules = compile(RULES);
	ASSERT_TRUE(rules);
	cln_explain_options eo = { 2, nullptr };
	Result r = explained(rules.get(), INPUT, &eo);
	ASSERT_TRUE(r);
	std::string j = explain_of(r.get(), CLN_EXPLAIN_JSON);
	json_error_t e;
	json_t *doc = json_loads(j.c_str(), 0, &e);
	ASSERT_TRUE(doc) << e.text << " in " << j;
	json_t *blocks = json_object_get(doc, "blocks");
	ASSERT_EQ(1u, json_array_size(blocks)) << j;
	json_t *b = json_array_get(blocks, 0);
	EXPECT_STREQ("k", json_string_value(json_object_get(b, "kept_by")));
	EXPECT_FALSE(json_is_true(json_object_get(b, "removed")));
	json_t *st = json_object_get(b, "stopped");
	ASSERT_EQ(1u, json_array_size(st));
	EXPECT_STREQ("second", json_string_value(json_object_get(json_array_get(st, 0), "rule")));
	EXPECT_EQ(4, json_integer_value(json_object_get(doc, "blocks_in_document")));
	json_decref(doc);
}

// A selector rule that spared an element over its max-share says so, in
// text and JSON; a rule writer tells it from a match another rule had first.
TEST(Explain, MaxShareSparingIsSaid)
{
	Rules rules = compile("promo: drop {div.promo} max-share=50\n");
	ASSERT_TRUE(rules);
	std::string page = "<html><body><div class=promo><p>The article is this one paragraph, "
	                   "which a careless rule would take.</p></div><p>Short.</p></body></html>";
	cln_explain_options eo = { 0, nullptr };
	Result r = explained(rules.get(), page, &eo);
	ASSERT_TRUE(r);
	std::string t = explain_of(r.get(), CLN_EXPLAIN_TEXT);
	EXPECT_NE(std::string::npos, t.find("  matched, but spared (over its max-share of the text "
	                                    "left): promo (drop)\n")) << t;
	EXPECT_EQ(std::string::npos, t.find("also matched")) << t;
	json_error_t e;
	json_t *doc = json_loads(explain_of(r.get(), CLN_EXPLAIN_JSON).c_str(), 0, &e);
	ASSERT_TRUE(doc) << e.text;
	json_t *blocks = json_object_get(doc, "blocks");
	json_t *sp = json_object_get(json_array_get(blocks, 0), "spared");
	ASSERT_EQ(1u, json_array_size(sp));
	EXPECT_STREQ("promo", json_string_value(json_object_get(json_array_get(sp, 0), "rule")));
	EXPECT_EQ(0u, json_array_size(json_object_get(json_array_get(blocks, 1), "spared")));
	json_decref(doc);
}

TEST(Explain, SelectorPicksBlocksAndABadOneIsASyntaxError)
{
	Rules rules = compile("x: drop {aside}\n");
	ASSERT_TRUE(rules);
	std::string page = "<html><body><div id=a><p>One para.</p></div>"
	                   "<aside><p>Side note.</p></aside></body></html>";
	cln_explain_options eo = { 0, "aside p" };
	Result r = explained(rules.get(), page, &eo);
	ASSERT_TRUE(r);
	std::string t = explain_of(r.get(), CLN_EXPLAIN_TEXT);
	EXPECT_NE(std::string::npos, t.find("removed by x (drop)")) << t;
	EXPECT_NE(std::string::npos, t.find("path body>aside>p")) << t;
	EXPECT_EQ(std::string::npos, t.find("One para")) << t;
	cln_explain_options bad = { 0, "div[" };
	int rc = 0;
	cln_error err;
	EXPECT_FALSE(explained(rules.get(), page, &bad, &rc, &err));
	EXPECT_EQ(CLN_ESYNTAX, rc);
	EXPECT_EQ(5u, err.column) << err.message;
}

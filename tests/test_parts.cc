// test_parts.cc - parts of a page that rules drop as parts of their own
// (part=NAME: customers' reviews, readers' comments): the removals name
// them, the result gathers each part's text, the JSON output carries them
// under "parts", cln_clean_options.keep_parts keeps them in the text, and
// a rule file's part= is checked.
#include <gtest/gtest.h>

#include <jansson.h>

#include <cstring>
#include <string>

#include "shim.h"

static const char kRules[] =
	"review: drop {.review} part=reviews\n"
	"remark: drop /^Remark:/ part=comments\n"
	"promo: drop /^Buy now$/\n";

static const char kPage[] =
	"<html><body><h1>Lantern</h1><p>A lantern of steel that gives warm light for forty hours.</p>"
	"<p>Buy now</p><div class=review><p>Bright and light.</p><p>Five stars.</p></div>"
	"<p>Remark: ships in May.</p><div class=review><p>Sturdy.</p></div></body></html>";

static Result clean_keeping(const cln_rules *r, const char *keep, unsigned version = CLN_CLEAN_OPTIONS_VERSION)
{
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.version = version;
	o.keep_parts = keep;
	cln_result *raw = nullptr;
	EXPECT_EQ(0, cln_clean(&raw, r, kPage, strlen(kPage), &o, nullptr));
	return Result(raw);
}

static std::string part(const cln_result *res, size_t i, std::string *name)
{
	const char *n = nullptr;
	size_t len = 0;
	const char *t = cln_result_part(res, i, &n, &len);
	*name = n ? n : "";
	return t ? std::string(t, len) : std::string("(none)");
}

TEST(Parts, EachPartIsGatheredInOrderAndLeavesTheText)
{
	Rules r = compile(kRules);
	ASSERT_TRUE(r);
	Result res = clean(r.get(), kPage);
	ASSERT_TRUE(res);
	std::string out = text_of(res.get());
	EXPECT_EQ(std::string::npos, out.find("Five stars"));
	EXPECT_EQ(std::string::npos, out.find("Remark"));
	ASSERT_EQ(2u, cln_result_part_count(res.get()));
	std::string name;
	// the two review boxes are one part, a blank line between them
	EXPECT_EQ("Bright and light.\nFive stars.\n\nSturdy.", part(res.get(), 0, &name));
	EXPECT_EQ("reviews", name);
	EXPECT_EQ("Remark: ships in May.", part(res.get(), 1, &name));
	EXPECT_EQ("comments", name);
	EXPECT_EQ("(none)", part(res.get(), 2, &name));
	EXPECT_EQ("", name);
	// each removal says its part; boilerplate says none
	size_t named = 0;
	for (size_t i = 0; i < cln_result_removal_count(res.get()); i++) {
		const cln_removal *m = cln_result_removal(res.get(), i);
		if (strcmp(m->rule_id, "promo") == 0)
			EXPECT_EQ(nullptr, m->part);
		else
			named += m->part != nullptr;
	}
	EXPECT_EQ(3u, named);
	EXPECT_EQ(0u, cln_result_part_count(nullptr));
	EXPECT_EQ(nullptr, cln_result_part(nullptr, 0, nullptr, nullptr));
}

TEST(Parts, JsonOutputCarriesThemUnderParts)
{
	Rules r = compile(kRules);
	Result res = clean(r.get(), kPage);
	std::string out = render_of(res.get(), CLN_OUTPUT_JSON);
	json_t *j = json_loadb(out.data(), out.size(), 0, nullptr);
	ASSERT_NE(nullptr, j);
	json_t *parts = json_object_get(j, "parts");
	EXPECT_STREQ("Remark: ships in May.", json_string_value(json_object_get(parts, "comments")));
	EXPECT_NE(nullptr, strstr(json_string_value(json_object_get(parts, "reviews")), "Sturdy."));
	json_t *rem = json_object_get(json_object_get(j, "report"), "removals");
	size_t i;
	json_t *m;
	json_array_foreach(rem, i, m) {
		const char *rule = json_string_value(json_object_get(m, "rule"));
		const char *p = json_string_value(json_object_get(m, "part"));
		EXPECT_STREQ(strcmp(rule, "promo") == 0 ? nullptr : strcmp(rule, "review") == 0
		             ? "reviews" : "comments", p) << rule;
	}
	json_decref(j);
	// a page with no part has no "parts" member
	Result plain = clean(r.get(), "<p>Buy now</p><p>A plain page of one sentence.</p>");
	EXPECT_EQ(std::string::npos, render_of(plain.get(), CLN_OUTPUT_JSON).find("\"parts\""));
}

TEST(Parts, KeptPartsStayInTheText)
{
	Rules r = compile(kRules);
	Result res = clean_keeping(r.get(), "reviews");
	std::string out = text_of(res.get());
	EXPECT_NE(std::string::npos, out.find("Five stars."));
	EXPECT_NE(std::string::npos, out.find("Sturdy."));
	EXPECT_EQ(std::string::npos, out.find("Remark"));
	EXPECT_EQ(std::string::npos, out.find("Buy now"));
	ASSERT_EQ(1u, cln_result_part_count(res.get()));
	std::string name;
	part(res.get(), 0, &name);
	EXPECT_EQ("comments", name);
	// a list, by spaces or commas; an unknown name keeps nothing more
	Result both = clean_keeping(r.get(), " comments,reviews nothing");
	EXPECT_NE(std::string::npos, text_of(both.get()).find("Remark: ships in May."));
	EXPECT_EQ(0u, cln_result_part_count(both.get()));
	// a name is whole: "review" is not "reviews"
	Result prefix = clean_keeping(r.get(), "review");
	EXPECT_EQ(std::string::npos, text_of(prefix.get()).find("Sturdy."));
	// a version 6 caller has no such field: what lies there is not read
	Result old = clean_keeping(r.get(), "reviews", 6);
	EXPECT_EQ(std::string::npos, text_of(old.get()).find("Sturdy."));
}

TEST(Parts, TheRuleSetSaysWhichPartsItDrops)
{
	Rules r = compile(kRules);
	EXPECT_EQ(1, cln_rules_has_part(r.get(), "reviews"));
	EXPECT_EQ(1, cln_rules_has_part(r.get(), "comments"));
	EXPECT_EQ(0, cln_rules_has_part(r.get(), "review"));
	EXPECT_EQ(0, cln_rules_has_part(nullptr, "reviews"));
	Rules defaults = compile("", true);
	EXPECT_EQ(1, cln_rules_has_part(defaults.get(), "reviews"));
	EXPECT_EQ(1, cln_rules_has_part(defaults.get(), "comments"));
}

TEST(Parts, ABadPartNameIsAnErrorAtItsColumn)
{
	Errors errs;
	Rules r = compile("a: drop /x/ part=rev.iews\nb: replace /y/ part=x\nc: drop /z/ part=\n",
	                  false, &errs);
	EXPECT_FALSE(r);
	ASSERT_EQ(3u, errs.raw.size());
	EXPECT_EQ(1u, errs.raw[0].line);
	EXPECT_EQ(18u, errs.raw[0].column);
	EXPECT_NE(nullptr, strstr(errs.raw[0].message, "part needs a name"));
	EXPECT_NE(nullptr, strstr(errs.raw[1].message, "no parameter 'part' for replace"));
	EXPECT_EQ(3u, errs.raw[2].line);
	EXPECT_NE(nullptr, strstr(errs.raw[2].message, "part needs a name"));
}

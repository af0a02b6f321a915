// test_pagetype.cc - the page type through the API: the accessors (a NULL
// result, the signals of a page), what the JSON output holds, rules scoped
// to page types, and the errors of an unknown page type.
#include <gtest/gtest.h>

#include <jansson.h>

#include <cstring>

#include "shim.h"

static const char kProduct[] =
	"<html><head><script type=\"application/ld+json\">{\"@graph\":[{\"@type\":\"WebSite\"},"
	"{\"@type\":\"Product\",\"name\":\"Hat\"}]}</script>"
	"<meta property=\"og:type\" content=\"product\"></head>"
	"<body><p>Reply</p><p>A warm hat of wool.</p></body></html>";

TEST(PageType, NullResultIsUnknown)
{
	EXPECT_STREQ("unknown", cln_result_page_type(nullptr));
	EXPECT_EQ(0u, cln_result_page_signal_count(nullptr));
	EXPECT_EQ(nullptr, cln_result_page_signal(nullptr, 0));
}

TEST(PageType, SignalsOfAProductPage)
{
	Rules r = compile("", false);
	Result res = clean(r.get(), kProduct);
	ASSERT_TRUE(res);
	EXPECT_STREQ("product", cln_result_page_type(res.get()));
	size_t n = cln_result_page_signal_count(res.get());
	ASSERT_EQ(2u, n);
	const cln_page_signal *s = cln_result_page_signal(res.get(), 0);
	EXPECT_STREQ("json-ld-product", s->name);
	EXPECT_STREQ("product", s->type);
	EXPECT_GT(s->weight, 0);
	EXPECT_STREQ("og-type-product", cln_result_page_signal(res.get(), 1)->name);
	EXPECT_EQ(nullptr, cln_result_page_signal(res.get(), n));
}

TEST(PageType, TextWithoutSignalsIsUnknown)
{
	Rules r = compile("", false);
	Result res = clean(r.get(), "a line of text\nanother\n");
	ASSERT_TRUE(res);
	EXPECT_STREQ("unknown", cln_result_page_type(res.get()));
	Result forum = clean(r.get(), "a line\n", 0, "https://example.com/forum/t/12");
	EXPECT_STREQ("forum", cln_result_page_type(forum.get()));
}

TEST(PageType, JsonOutputHoldsIt)
{
	Rules r = compile("", false);
	Result res = clean(r.get(), kProduct);
	char *out = nullptr;
	size_t len = 0;
	ASSERT_EQ(0, cln_result_render(&out, &len, res.get(), CLN_OUTPUT_JSON, nullptr));
	CString owner(out);
	json_t *j = json_loadb(out, len, 0, nullptr);
	ASSERT_TRUE(j);
	json_t *pt = json_object_get(j, "page_type");
	EXPECT_STREQ("product", json_string_value(json_object_get(pt, "type")));
	json_t *first = json_array_get(json_object_get(pt, "signals"), 0);
	EXPECT_STREQ("json-ld-product", json_string_value(json_object_get(first, "name")));
	EXPECT_STREQ("product", json_string_value(json_object_get(first, "type")));
	EXPECT_TRUE(json_is_integer(json_object_get(first, "weight")));
	json_decref(j);
}

TEST(PageType, ScopedRulesRunOnTheirTypesOnly)
{
	Rules r = compile("on-forum: drop /^Reply$/ page-type=forum\n"
	                  "not-forum: drop /^A warm/ page-type=\"~forum\"\n");
	ASSERT_TRUE(r);
	Result res = clean(r.get(), kProduct);
	EXPECT_EQ(0u, text_of(res.get()).find("Reply"));
	EXPECT_EQ(std::string::npos, text_of(res.get()).find("warm"));
	Result forum = clean(r.get(), kProduct, 0, "https://example.com/forum/t/1");
	// the URL votes forum, but the page's product signals weigh more
	EXPECT_STREQ("product", cln_result_page_type(forum.get()));
}

TEST(PageType, UnknownTypeIsAnErrorWithItsPlace)
{
	Errors errs;
	Rules r = compile("ok: drop /x/\nbad: drop /y/ page-type=\"forum shop\"\n@page-type\n", false,
	                  &errs);
	EXPECT_FALSE(r);
	ASSERT_EQ(2u, errs.raw.size());
	EXPECT_EQ(2u, errs.raw[0].line);
	EXPECT_EQ(32u, errs.raw[0].column);
	EXPECT_NE(nullptr, strstr(errs.raw[0].message, "unknown page type 'shop'"));
	EXPECT_EQ(3u, errs.raw[1].line);
	EXPECT_NE(nullptr, strstr(errs.raw[1].message, "@page-type needs page types"));
}

TEST(PageType, ForcedTypeWinsAndIsSaid)
{
	Rules r = compile("on-forum: drop /^Reply$/ page-type=forum\n");
	ASSERT_TRUE(r);
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.page_type = "forum";
	cln_result *raw = nullptr;
	ASSERT_EQ(0, cln_clean(&raw, r.get(), kProduct, strlen(kProduct), &o, nullptr));
	Result res(raw);
	// the product signals are still found, after the forced type
	EXPECT_STREQ("forum", cln_result_page_type(res.get()));
	ASSERT_EQ(3u, cln_result_page_signal_count(res.get()));
	const cln_page_signal *s = cln_result_page_signal(res.get(), 0);
	EXPECT_STREQ("forced", s->name);
	EXPECT_STREQ("forum", s->type);
	EXPECT_STREQ("json-ld-product", cln_result_page_signal(res.get(), 1)->name);
	// and the rules of that type run
	EXPECT_EQ(std::string::npos, text_of(res.get()).find("Reply"));
	// text too: a flattened page has no signals of its own
	raw = nullptr;
	ASSERT_EQ(0, cln_clean(&raw, r.get(), "Reply\nA line.\n", 14, &o, nullptr));
	Result text(raw);
	EXPECT_STREQ("forum", cln_result_page_type(text.get()));
	EXPECT_EQ("A line.\n", text_of(text.get()));
}

TEST(PageType, UnknownForcedTypeIsInvalid)
{
	Rules r = compile("");
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.page_type = "shop";
	cln_result *raw = nullptr;
	cln_error err = {};
	EXPECT_EQ(CLN_EINVAL, cln_clean(&raw, r.get(), kProduct, strlen(kProduct), &o, &err));
	EXPECT_EQ(nullptr, raw);
	EXPECT_NE(nullptr, strstr(err.message, "unknown page type 'shop'"));
	// a version 4 caller has no such field: what lies there is not read
	o.version = 4;
	ASSERT_EQ(0, cln_clean(&raw, r.get(), kProduct, strlen(kProduct), &o, nullptr));
	Result res(raw);
	EXPECT_STREQ("product", cln_result_page_type(res.get()));
}

// test_pagetype.cc - the page type through the API: the accessors (a NULL
// result, the signals of a page), what the JSON output holds, rules scoped
// to page types, the errors of an unknown page type, and the type of
// flattened text from what its lines show (textsignals.c).
#include <gtest/gtest.h>

#include <jansson.h>

#include <cstring>

#include "textpage.h"

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
	std::string out = render_of(res.get(), CLN_OUTPUT_JSON);
	json_t *j = json_loadb(out.data(), out.size(), 0, nullptr);
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
	// text too, one that shows nothing of its kind
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

// ---- flattened text ------------------------------------------------------

// The page type of flattened text `in` (default rules) and the names of the
// signals that voted, in order, space-separated.
static std::pair<std::string, std::string> text_type(const std::string &in)
{
	Rules r = compile("", true);
	Result res = clean(r.get(), in);
	EXPECT_TRUE(res);
	std::string names;
	for (size_t i = 0; res && i < cln_result_page_signal_count(res.get()); i++)
		names += std::string(names.empty() ? "" : " ") + cln_result_page_signal(res.get(), i)->name;
	return { res ? cln_result_page_type(res.get()) : "", names };
}

static bool voted(const std::pair<std::string, std::string> &t, const std::string &name)
{
	return (" " + t.second + " ").find(" " + name + " ") != std::string::npos;
}

// A shop's card as lynx writes it: name, rating, price.
static std::string shop_card(int k)
{
	return "   Stoneware Mug " + std::to_string(k) + "\n   Rating: 4." + std::to_string(k % 10) +
	       " out of 5\n   $" + std::to_string(12 + k) + ".99\n\n";
}

// One product: its name, price and buy button, its description; then
// `related` other products' cards under "You may also like".
static std::string product_page(int related)
{
	std::string s = menu(6, "Kitchen") + "\nStoneware Mug\n\n   $24.99\n   Quantity: 1\n" +
	                "   (BUTTON) Add to cart\n\n" + para(1) + "\nYou may also like\n\n";
	for (int k = 0; k < related; k++)
		s += shop_card(k);
	return s;
}

TEST(TextPageType, OneProductByItsPriceAndBuyButton)
{
	auto t = text_type(product_page(0));
	EXPECT_EQ("product", t.first) << t.second;
	EXPECT_TRUE(voted(t, "add-to-cart") && voted(t, "buy-button")) << t.second;
	// other products' prices after the buy button are its carousel
	t = text_type(product_page(12));
	EXPECT_EQ("product", t.first) << t.second;
	EXPECT_FALSE(voted(t, "priced-cards")) << t.second;
}

TEST(TextPageType, CollectionByItsGridOfPrices)
{
	std::string s = menu(6, "Kitchen") + "\nMugs\n\n   Sort by: Featured\n\n";
	for (int k = 0; k < 16; k++)
		s += shop_card(k);
	auto t = text_type(s + para(3, 200));
	EXPECT_EQ("collection", t.first) << t.second;
	EXPECT_TRUE(voted(t, "priced-cards")) << t.second;
}

// A product whose buy buttons are its related products' ("Add to cart"
// under each card) and whose own are a store picker: its tabs'
// "Description" and "Specifications" say it is one product. One such
// heading alone (a category's "Description" of itself) says nothing.
TEST(TextPageType, ProductByItsSectionHeadings)
{
	std::string head = menu(6, "Tools") + "\nJimmy\n\n   $7.95\n   Condition: New\n\n";
	std::string grid = "\nRelated products\n\n";
	for (int k = 0; k < 8; k++)
		grid += shop_card(k) + "   Add to cart\n\n";
	auto t = text_type(head + "(BUTTON) Description\n\n" + para(1) +
	                   "\n(BUTTON) Specifications\n\n   Material   Steel\n\n" + grid);
	EXPECT_EQ("product", t.first) << t.second;
	EXPECT_TRUE(voted(t, "product-sections")) << t.second;
	t = text_type(head + "Description:\n\n" + para(1) + "\nShipping & Returns\n\n" + grid);
	EXPECT_TRUE(voted(t, "product-sections")) << t.second;
	t = text_type(head + "Description\n\n" + para(1) + grid);
	EXPECT_FALSE(voted(t, "product-sections")) << t.second;
	EXPECT_EQ("collection", t.first) << t.second;
}

// Trap: a cost guide names a price under each of its paragraphs; it is an
// article, not a shop's grid.
TEST(TextPageType, ArticleWithPricesAmongItsParagraphsStaysAnArticle)
{
	std::string s = "How much does a kitchen remodel cost?\n\n";
	for (int k = 0; k < 10; k++)
		s += para(10 + k, 300) + "\n   Average cost: $" + std::to_string(5 + k) + ",000\n\n";
	auto t = text_type(s);
	EXPECT_EQ("article", t.first) << t.second;
	EXPECT_FALSE(voted(t, "priced-cards")) << t.second;
}

TEST(TextPageType, ForumByItsPostersStats)
{
	std::string s = menu(6, "Forum") + "\nBest closed headphones?\n\n";
	for (int k = 0; k < 4; k++)
		s += "   poster" + std::to_string(k) + "\n          Posts: 1" + std::to_string(k) +
		     "\n          Joined: 19. Sep 2012\n\n" + para(20 + k, 200) + "\n";
	auto t = text_type(s);
	EXPECT_EQ("forum", t.first) << t.second;
	EXPECT_TRUE(voted(t, "member-stats")) << t.second;
}

// Invision's poster cards count posts and reputation ("4.7k posts", "11.4k
// Reputation" alone on their lines). Trap: an article that speaks of
// posts and reputation in its sentences and under a heading.
TEST(TextPageType, ForumByItsPostersCounts)
{
	std::string s = menu(6, "Forum") + "\nBest closed headphones?\n\n";
	for (int k = 0; k < 4; k++)
		s += "   poster" + std::to_string(k) + "\n   Members\n     * " + std::to_string(k + 2) +
		     ".1k posts\n     * 1" + std::to_string(k) + " Reputation\n\n" + para(20 + k, 200) + "\n";
	auto t = text_type(s);
	EXPECT_EQ("forum", t.first) << t.second;
	EXPECT_TRUE(voted(t, "member-stats")) << t.second;
	std::string a = "Why forums lost their readers\n\n" + para(1) + "\nReputation\n\n" + para(2) +
	                "\n   The board had 4,700 posts a day in 2009.\n\n" + para(3);
	t = text_type(a);
	EXPECT_EQ("article", t.first) << t.second;
	EXPECT_FALSE(voted(t, "member-stats")) << t.second;
}

TEST(TextPageType, DocumentationByItsCode)
{
	std::string s = menu(6, "Guide") + "\nInstall\n\n" + para(30, 200) +
	                "\n   $ ./configure --prefix=/usr\n   $ make install\n\n   Note\n\n" +
	                para(31, 200) +
	                "\n   int main(void) {\n       return cln_run();\n   }\n\n   Edit this page\n";
	auto t = text_type(s);
	EXPECT_EQ("documentation", t.first) << t.second;
	EXPECT_TRUE(voted(t, "code") && voted(t, "doc-labels")) << t.second;
	// an article's "Table of contents" and "In this article" are no manual's
	std::string article = "A library opens\n\n   Table of contents\n   In this article\n\n";
	for (int k = 0; k < 3; k++)
		article += para(70 + k) + "\n";
	t = text_type(article);
	EXPECT_EQ("article", t.first) << t.second;
}

// A shop's currency picker ("$ USD", "$ CAD", ... a line each, as lynx
// prints its choices) is no shell's prompt: no code, no manual. A prompt
// before a command ("$ make install") still is.
TEST(TextPageType, CurrencyPickerIsNoCode)
{
	std::string picker;
	for (const char *c : { "USD", "CAD", "AUD", "MXN", "SGD", "NZD", "HKD", "CHF" })
		picker += std::string("   United States (") + c + ")\n   $ " + c + "\n";
	auto t = text_type(product_page(0) + "\nCountry/region\n\n" + picker);
	EXPECT_EQ("product", t.first) << t.second;
	EXPECT_FALSE(voted(t, "code")) << t.second;
	std::string cmds;
	for (const char *c : { "install", "check", "dist", "clean", "docs", "html", "pdf", "tags" })
		cmds += std::string("   $ make ") + c + "\n";
	t = text_type(product_page(0) + "\nBuilding\n\n" + cmds);
	EXPECT_TRUE(voted(t, "code")) << t.second;
}

// An ad's frame address that lynx prints wrapped over lines
// ("...%22origin%22:0},%22value%22:null}", "...frm=0;") ends as code does,
// but is one long token, no statement: no code, no manual.
TEST(TextPageType, WrappedAddressesAreNoCode)
{
	std::string frames;
	for (int k = 0; k < 4; k++)
		frames += "   bundle%22:{%22identifierExtractor%22:{%22origin%22:" + std::to_string(k) +
		          "},%22value%22:null}\n   a595ad0560c81405f6bbd754fc0b790520f4791;gdid=dYmQxMT;"
		          "pscdl=noapi;frm=0;\n\n";
	auto t = text_type(product_page(0) + "\n" + frames);
	EXPECT_EQ("product", t.first) << t.second;
	EXPECT_FALSE(voted(t, "code")) << t.second;
}

// A shell script's variables are no prices: "$1" in quotes or after "=",
// "${1}" (a dump prints each line of the script as a line of its own,
// short as a card's price). Trap: a shop's prices, "$9", "$ 12", "$.99".
TEST(TextPageType, ShellVariablesAreNoPrices)
{
	std::string script;
	for (int k = 1; k < 10; k++)
		script += "   if [ \"$" + std::to_string(k) + "\" = \"\" ]\n   src" + std::to_string(k) +
		          "=$" + std::to_string(k) + "\n   size${" + std::to_string(k) + "}\n";
	auto t = text_type(menu(6, "Guide") + "\nJoin files\n\n" + para(30, 200) + "\n" + script +
	                   "\n" + para(31, 200));
	EXPECT_FALSE(voted(t, "priced-cards")) << t.second;
	EXPECT_FALSE(voted(t, "price")) << t.second;
	std::string shop = menu(6, "Shop") + "\nLamps\n\n";
	for (int k = 0; k < 9; k++)
		shop += "   Desk lamp " + std::to_string(k) + "\n   " +
		        (k % 3 == 0 ? "$9" : k % 3 == 1 ? "$ 12" : "$.99") + "\n\n";
	t = text_type(shop);
	EXPECT_TRUE(voted(t, "priced-cards")) << t.second;
}

// A service's page says "we offer", "get a quote", "our team" thickly; an
// article whose menus and footer say them a few times stays an article,
// also when a list of related stories beside it leaves it short of
// long-prose (its cards' lines are not prose).
static std::string story_cards(int n)
{
	std::string s;
	for (int k = 0; k < n; k++)
		s += "   Council opens library number " + std::to_string(k) + " on weekends\n   " +
		     std::to_string(k + 2) + " min read\n\n";
	return s;
}

// A software company's sales copy has phrases of its own: "contact
// sales", "customer stories", "no credit card" required, "why choose" it.
TEST(TextPageType, ServiceBySalesCopyThickBesideItsProse)
{
	for (const char *sales : { "   We offer kitchen design. Our team plans it with you. Get a "
	                           "quote today, or book a free consultation: call us.\n",
	                           "   Start now, no credit card needed. Read our customer stories, "
	                           "or contact sales to see why choose us.\n" }) {
		auto t = text_type("Kitchen design in Leeds\n\n" + std::string(sales) + "\n" +
		                   para(40, 150) + "\n" + sales);
		EXPECT_EQ("service", t.first) << t.second;
		EXPECT_TRUE(voted(t, "sales-copy")) << t.second;
	}
	std::string article = "   Contact us\n   Get started\n\nA library opens\n\n";
	for (int k = 0; k < 10; k++)
		article += para(50 + k) + "\n";
	auto t = text_type(article + "Related\n\n" + story_cards(16) + "   Our services\n");
	EXPECT_EQ("article", t.first) << t.second;
	EXPECT_FALSE(voted(t, "sales-copy")) << t.second;
}

// A service page's prose comes in blurbs, a heading over each: long
// prose and no four paragraphs in a row (`blurbs`) tip sales copy over
// long-prose; the same paragraphs in a row are an article's.
static std::string blurbs(bool headings)
{
	std::string sales = "   We offer kitchen design. Our team plans it with you. Get a quote "
	                    "today, or book a free consultation: call us.\n\n";
	std::string s = "Kitchen design in Leeds\n\n" + sales;
	for (int k = 0; k < 20; k++)
		s += (headings ? "Step " + std::to_string(k) + "\n\n" : "") + para(80 + k, 160) + "\n" +
		     (k % 7 == 6 ? sales : "");
	return s;
}

TEST(TextPageType, ServiceByBlurbsAndSalesCopy)
{
	auto t = text_type(blurbs(true));
	EXPECT_EQ("service", t.first) << t.second;
	EXPECT_TRUE(voted(t, "blurbs") && voted(t, "sales-copy")) << t.second;
	t = text_type(blurbs(false));
	EXPECT_EQ("article", t.first) << t.second;
	EXPECT_FALSE(voted(t, "blurbs")) << t.second;
}

TEST(TextPageType, ListingByItsCards)
{
	auto t = text_type(menu(6, "News") + "\nLatest stories\n\n" + story_cards(12));
	EXPECT_EQ("listing", t.first) << t.second;
	EXPECT_TRUE(voted(t, "cards")) << t.second;
}

// A paragraph and no other sign: an article, as an HTML page with none is;
// a few short lines show nothing: unknown (TextWithoutSignalsIsUnknown).
TEST(TextPageType, ProseAloneIsAnArticle)
{
	auto t = text_type("A library opens\n\n" + para(60));
	EXPECT_EQ("article", t.first) << t.second;
	EXPECT_EQ("", t.second);
}

// test_repeats.cc - what cleaner learn and --site-repeats build on:
// cln_fingerprint, cln_result_block (texts, stable element paths, fates),
// cln_result_host, and the site-repeat rule with cln_clean_options.repeats.
#include <gtest/gtest.h>

#include <map>

#include "shim.h"

static unsigned long long fp(const std::string &s)
{
	return cln_fingerprint(s.data(), s.size());
}

TEST(Fingerprint, FoldsCaseSpaceNumbersAndDates)
{
	EXPECT_EQ(fp("Updated 2 Dec 2026, 14:05"), fp("  updated 31 january 2027,  9:41 "));
	EXPECT_EQ(fp("Monday, March 3"), fp("friday, SEPT 30"));
	EXPECT_EQ(fp("Most read"), fp("MOST\u00a0READ"));
	EXPECT_EQ(fp("Most read"), fp("most\t\nread"));
	EXPECT_NE(fp("Most read"), fp("Most shared"));
	EXPECT_NE(fp("Most read"), fp("Mostread"));
	EXPECT_NE(fp("Page 2"), fp("Page two"));
	// data keeps its numbers: a price, a part number, a rating
	EXPECT_NE(fp("$74.95"), fp("$19.99"));
	EXPECT_NE(fp("IF145-307-4"), fp("IF145-308-1"));
	EXPECT_EQ(fp("$74.95"), fp(" $74.95 "));
	EXPECT_EQ(fp("5 comments on this story"), fp("12 comments on this story"));
	EXPECT_NE(fp("Mayor"), fp("May")); // whole words only
	EXPECT_EQ(0ULL, fp(""));
	EXPECT_EQ(0ULL, fp(" \t\n"));
	EXPECT_NE(0ULL, fp("x"));
	EXPECT_EQ(0ULL, cln_fingerprint(nullptr, 0));
}

static Result clean_blocks(const cln_rules *r, const std::string &html, const char *url,
                           cln_repeats_fn fn = nullptr, void *ud = nullptr)
{
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.blocks = 1;
	o.url = url;
	o.repeats = fn;
	o.repeats_userdata = ud;
	cln_result *res = nullptr;
	if (cln_clean(&res, r, html.data(), html.size(), &o, nullptr) != 0)
		return Result(nullptr);
	return Result(res);
}

static const std::string page =
	"<html><body class='single postid-42 Xy9'><div id='page' class='wrap css-1q2w3e sc-bdfBwQ'>"
	"<nav class='menu main-menu'><a href='/'>Home</a></nav>"
	"<div id='post-1234' class='entry'><p>First paragraph of the story.</p>"
	"<p class='share'>Share this</p></div></div></body></html>";

TEST(Blocks, TextPathsAndFate)
{
	Rules r = compile("shr: drop /^Share this$/");
	ASSERT_TRUE(r);
	Result res = clean_blocks(r.get(), page, "https://News.Example.com:8080/a/b");
	ASSERT_TRUE(res);
	ASSERT_EQ(3u, cln_result_block_count(res.get()));
	const cln_block *b = cln_result_block(res.get(), 0);
	EXPECT_EQ("Home", std::string(b->text, b->text_len));
	// body's classes, numbered ids and classes, hash-like names left out
	EXPECT_STREQ("body > div#page.wrap > nav.menu.main-menu", b->path);
	EXPECT_EQ(nullptr, b->rule_id);
	b = cln_result_block(res.get(), 1);
	EXPECT_STREQ("body > div#page.wrap > div.entry > p", b->path);
	b = cln_result_block(res.get(), 2);
	EXPECT_STREQ("body > div#page.wrap > div.entry > p.share", b->path);
	EXPECT_STREQ("shr", b->rule_id);
	EXPECT_EQ(1u, b->line);
	EXPECT_EQ(nullptr, cln_result_block(res.get(), 3));
	EXPECT_STREQ("news.example.com", cln_result_host(res.get()));
}

TEST(Blocks, OnlyWhenAsked)
{
	Rules r = compile("");
	Result res = clean(r.get(), page);
	ASSERT_TRUE(res);
	EXPECT_EQ(0u, cln_result_block_count(res.get()));
	EXPECT_EQ(nullptr, cln_result_block(res.get(), 0));
	EXPECT_EQ(0u, cln_result_block_count(nullptr));
	EXPECT_STREQ("", cln_result_host(res.get())); // no URL, no canonical link
	EXPECT_STREQ("", cln_result_host(nullptr));
}

TEST(Blocks, TextInputHasNoPaths)
{
	Rules r = compile("");
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.blocks = 1;
	o.format = CLN_FORMAT_TEXT;
	cln_result *res = nullptr;
	std::string in = "one\n\ntwo\n";
	ASSERT_EQ(0, cln_clean(&res, r.get(), in.data(), in.size(), &o, nullptr));
	Result owner(res);
	ASSERT_EQ(2u, cln_result_block_count(res));
	EXPECT_EQ(nullptr, cln_result_block(res, 1)->path);
	EXPECT_EQ(3u, cln_result_block(res, 1)->line);
}

// A stand-in for the CLI's counts: texts by fingerprint, per host.
struct Counts {
	std::map<std::pair<std::string, unsigned long long>, size_t> seen;
	std::vector<std::string> asked_hosts;
	static size_t ask(void *ud, const char *host, unsigned long long f)
	{
		Counts *c = static_cast<Counts *>(ud);
		c->asked_hosts.push_back(host);
		auto it = c->seen.find({ host, f });
		return it == c->seen.end() ? 0 : it->second;
	}
};

static const std::string prose(int i)
{
	return "Paragraph " + std::string(1, (char)('a' + i)) +
	       " of the article, long enough to be prose: the council met on a wet evening and "
	       "agreed the budget.";
}

TEST(SiteRepeat, DropsWhatTheCountsSayAndReportsThePages)
{
	Rules r = compile("site-repeat: site-repeat");
	ASSERT_TRUE(r);
	std::string html = "<html><body><p>Most read</p><p>" + prose(0) + "</p><p>Background and "
	                   "context</p><p>" + prose(1) + "</p><p>Sign up for our newsletter</p>"
	                   "<p>$74.95</p><p>Top rated pick</p><p>Top rated pick</p>"
	                   "<p>Top rated pick</p></body></html>";
	Counts c;
	c.seen[{ "example.com", fp("most  READ") }] = 30;
	c.seen[{ "example.com", fp("Background and context") }] = 30;
	c.seen[{ "example.com", fp("$74.95") }] = 30;          // data: never the template's
	c.seen[{ "example.com", fp("Top rated pick") }] = 30;  // 3 times on the page: a card field
	c.seen[{ "example.com", fp("Sign up for our newsletter") }] = 12;
	Result res = clean_blocks(r.get(), html, "https://example.com/x", Counts::ask, &c);
	ASSERT_TRUE(res);
	std::string text = text_of(res.get());
	EXPECT_EQ(std::string::npos, text.find("Most read"));
	EXPECT_EQ(std::string::npos, text.find("newsletter"));
	// a repeated heading between two paragraphs of prose is the article's
	EXPECT_NE(std::string::npos, text.find("Background and context"));
	EXPECT_NE(std::string::npos, text.find(prose(1)));
	EXPECT_NE(std::string::npos, text.find("$74.95"));
	EXPECT_NE(std::string::npos, text.find("Top rated pick"));
	ASSERT_EQ(2u, cln_result_removal_count(res.get()));
	const cln_removal *m = cln_result_removal(res.get(), 0);
	EXPECT_STREQ("site-repeat", m->rule_id);
	EXPECT_STREQ("site-repeat", m->action);
	EXPECT_STREQ("seen on 30 pages of example.com", m->detail);
	EXPECT_STREQ("seen on 12 pages of example.com",
	              cln_result_removal(res.get(), 1)->detail);
	ASSERT_FALSE(c.asked_hosts.empty());
	EXPECT_EQ("example.com", c.asked_hosts[0]);
	std::string json = report_of(res.get(), CLN_REPORT_JSON);
	EXPECT_NE(std::string::npos, json.find("\"detail\":\"seen on 30 pages of example.com\""));
}

TEST(SiteRepeat, NothingWithoutCounts)
{
	Rules r = compile("site-repeat: site-repeat");
	ASSERT_TRUE(r);
	Result res = clean(r.get(), "<p>Most read</p><p>" + prose(0) + "</p>");
	ASSERT_TRUE(res);
	EXPECT_EQ(0u, cln_result_removal_count(res.get()));
	EXPECT_EQ(1u, cln_result_rule_count(res.get())); // listed, with no hits
	EXPECT_EQ(0u, cln_result_rule_stat(res.get(), 0)->hits);
	// an older options version has no repeats field: nothing is read past it
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.version = 3;
	cln_result *old = nullptr;
	std::string in = "<p>Most read</p>";
	ASSERT_EQ(0, cln_clean(&old, r.get(), in.data(), in.size(), &o, nullptr));
	Result owner(old);
	EXPECT_EQ(0u, cln_result_block_count(old));
	EXPECT_EQ(0u, cln_result_removal_count(old));
}

TEST(SiteRepeat, KeepRulesWin)
{
	Rules r = compile("site-repeat: site-repeat\nk: keep /^Most read$/");
	Counts c;
	c.seen[{ "", fp("Most read") }] = 9;
	Result res = clean_blocks(r.get(), "<p>Most read</p><p>" + prose(0) + "</p>", nullptr,
	                          Counts::ask, &c);
	ASSERT_TRUE(res);
	EXPECT_NE(std::string::npos, text_of(res.get()).find("Most read"));
}

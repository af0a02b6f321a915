// test_lint.cc - cln_rules_lint and cln_lint_page: what each warning
// kind finds, where it points, and what it must not say.
#include <gtest/gtest.h>

#include "shim.h"

struct LintFree {
	void operator()(cln_lint *l) const { cln_lint_free(l); }
};
using Lint = std::unique_ptr<cln_lint, LintFree>;

static Lint lint(const cln_rules *r)
{
	cln_lint *l = nullptr;
	EXPECT_EQ(0, cln_rules_lint(&l, r, nullptr));
	return Lint(l);
}

// "kind rule line:col" for each warning, in order.
static std::vector<std::string> said(const cln_lint *l)
{
	std::vector<std::string> v;
	for (size_t i = 0; i < cln_lint_count(l); i++) {
		const cln_lint_warning *w = cln_lint_warning_at(l, i);
		v.push_back(std::string(w->kind) + " " + w->rule_id + " " + std::to_string(w->line) +
		            ":" + std::to_string(w->column));
	}
	return v;
}

using V = std::vector<std::string>;

TEST(Lint, DefaultRulesAreClean)
{
	Rules r = compile("", true);
	ASSERT_TRUE(r);
	EXPECT_EQ(V{}, said(lint(r.get()).get()));
}

TEST(Lint, EmptyMatches)
{
	Rules r = compile("a: drop /^Ad|/\n"
	                  "b: drop /^Ad$/\n"
	                  "c: run\n    marker=/x/ marker=/(?:y)?/\n"
	                  "d: keep /\\s*/\n");
	ASSERT_TRUE(r);
	EXPECT_EQ((V{ "empty-match a 1:9", "empty-match c 4:23", "empty-match d 5:9" }),
	          said(lint(r.get()).get()));
}

TEST(Lint, NeverFires)
{
	Rules r = compile("first: drop /^Menu$/i maxlen=20\n"
	                  "same: drop /^Menu$/i maxlen=10\n"     // covered
	                  "longer: drop /^Menu$/i\n"             // maxlen 0 > 20: may fire
	                  "flags: drop /^Menu$/ maxlen=10\n"     // other flags: other pattern
	                  "next: drop-next /^Promo$/ next=2\n"
	                  "after-next: drop /^Promo$/\n"
	                  "x: drop-after /^Footer$/\n"
	                  "after-x: drop /^Footer$/\n"           // drop-after takes one block
	                  "guard: keep {.story}\n"
	                  "gone: drop {.story, .x}\n"            // another selector
	                  "gone2: drop {.story}\n"
	                  "kept: drop /^Byline/\n"
	                  "byline: keep /^Byline/\n"             // a keep after still wins
	                  "sel1: drop {aside} max-share=30\n"
	                  "sel2: drop {aside}\n");               // sel1 may spare one
	ASSERT_TRUE(r);
	EXPECT_EQ((V{ "never-fires same 2:12", "never-fires after-next 6:18", "never-fires gone2 11:13",
	              "never-fires kept 12:12" }),
	          said(lint(r.get()).get()));
}

// A replace between two rules may change what the later one sees; two
// rules with none between them pair as usual, also after a replace.
// A rule set whose patterns need more sets of literals than the prefilter
// holds: the first rule left out is named, with how many run on every
// block. The default rules and a few of a site's beside them fit.
TEST(Lint, PrefilterFull)
{
	std::string many;
	for (int i = 0; i < 300; i++)
		many += "r" + std::to_string(i) + ": drop /^word" + std::to_string(i) + "x$/\n";
	Rules r = compile(many);
	ASSERT_TRUE(r);
	Lint l = lint(r.get());
	EXPECT_EQ((V{ "prefilter-full r255 256:12" }), said(l.get()));
	EXPECT_NE(std::string::npos,
	          std::string(cln_lint_warning_at(l.get(), 0)->message).find("45 patterns from this rule on"));
	Rules site = compile("a: drop /^Sponsored by .{1,40}$/\nb: drop /^Advertisement$/\n", true);
	ASSERT_TRUE(site);
	EXPECT_EQ(V{}, said(lint(site.get()).get()));
}

TEST(Lint, OnlyPairsWithNoReplaceBetween)
{
	Rules r = compile("a: drop /^x$/\n"
	                  "r: replace /y/ with=\"x\"\n"
	                  "b: drop /^x$/\n"
	                  "c: drop /^x$/\n");
	ASSERT_TRUE(r);
	EXPECT_EQ((V{ "never-fires c 4:9" }), said(lint(r.get()).get()));
	Rules k = compile("k: keep /^x$/\n"
	                  "r: replace /y/ with=\"x\"\n"
	                  "b: drop /^x$/\n");
	ASSERT_TRUE(k);
	EXPECT_EQ(V{}, said(lint(k.get()).get())); // the keep ran before the replace
}

TEST(Lint, SitesAndPhases)
{
	Rules r = compile("@site example.com\n"
	                  "a: drop /^x$/\n"
	                  "b: drop /^x$/\n"            // the same section: a takes them
	                  "@site *\n"
	                  "c: drop /^x$/\n"            // everywhere: a does not
	                  "late: drop /^y$/ phase=after-main\n"
	                  "early: drop /^y$/\n"        // runs before late
	                  "late2: drop /^y$/ phase=after-main\n"
	                  "swap: replace /z/ with=\"y\" phase=after-main\n"
	                  "late3: drop /^y$/ phase=after-main\n"  // after the replace
	                  "late4: drop /^y$/ phase=after-main\n"); // late3 takes them
	ASSERT_TRUE(r) << "rules";
	EXPECT_EQ((V{ "never-fires b 3:9", "never-fires late 6:12", "never-fires late2 8:13",
	              "never-fires late4 11:13" }),
	          said(lint(r.get()).get()));
}

TEST(Lint, OverBroadOnAPage)
{
	Rules r = compile("menu: drop /^(?:Home|News|Sport)$/\n"
	                  "k: keep /^Home$/\n");
	ASSERT_TRUE(r);
	Lint l = lint(r.get());
	Result a = clean(r.get(), "Home\nNews\nSport\nNews\nSport\nA line.\n");
	Result b = clean(r.get(), "News\nA long line of article text, far longer than the menu.\n");
	ASSERT_EQ(0, cln_lint_page(l.get(), r.get(), a.get(), "a.txt"));
	ASSERT_EQ(0, cln_lint_page(l.get(), r.get(), b.get(), "b.txt"));
	ASSERT_EQ(1u, cln_lint_count(l.get()));
	const cln_lint_warning *w = cln_lint_warning_at(l.get(), 0);
	EXPECT_STREQ("over-broad", w->kind);
	EXPECT_STREQ("menu", w->rule_id);
	EXPECT_EQ(1u, w->line);
	EXPECT_EQ(12u, w->column);
	EXPECT_STREQ("removed 62% of the text of a.txt (22 of 35 bytes)", w->message);
}

TEST(Lint, BadArguments)
{
	Rules r = compile("a: drop /x/\n");
	cln_lint *l = nullptr;
	EXPECT_EQ(CLN_EINVAL, cln_rules_lint(nullptr, r.get(), nullptr));
	EXPECT_EQ(CLN_EINVAL, cln_rules_lint(&l, nullptr, nullptr));
	EXPECT_EQ(CLN_EINVAL, cln_lint_page(nullptr, r.get(), nullptr, "p"));
	// a page cleaned with another rule set
	Rules other = compile("b: drop /y/\nc: drop /x/\n");
	Result res = clean(other.get(), "x\ny\n");
	Lint l2 = lint(r.get());
	EXPECT_EQ(CLN_EINVAL, cln_lint_page(l2.get(), r.get(), res.get(), "p"));
	EXPECT_EQ(0u, cln_lint_count(nullptr));
	EXPECT_EQ(nullptr, cln_lint_warning_at(nullptr, 0));
	cln_lint_free(nullptr);
}

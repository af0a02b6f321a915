// test_literals.cc - cln_literals: the sets of literals a pattern needs
// (cleaner/literals.c, compiled into this test), written as "{a|b} {c}":
// every set a text the pattern matches must hold a string of, the most
// telling first; "none" when the pattern must run on every line.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "shim.h"

extern "C" {
#include "internal.h"
}

static std::string lits(const char *re, bool extended = false)
{
	litneed *n = cln_literals(re, strlen(re), extended);
	if (!n)
		return "none";
	std::string s;
	for (size_t c = 0; c < n->n; c++) {
		s += c ? " {" : "{";
		for (size_t k = 0; k < n->set[c].n; k++) {
			if (k)
				s += "|";
			s.append(n->set[c].s[k], n->set[c].len[k]);
		}
		s += "}";
	}
	free(n);
	return s;
}

TEST(Literals, RunsOfCharactersFoldedToLowerCase)
{
	EXPECT_EQ("{skip this}", lits("^Skip This$"));
	EXPECT_EQ("{abc}", lits("\\x41\\x{42}c"));
	EXPECT_EQ("{a.b}", lits("a\\.b"));
}

TEST(Literals, OptionalAndRepeatedCharacters)
{
	// an optional character: both strings ("jpe?g": jpg or jpeg)
	EXPECT_EQ("{abc|ac}", lits("ab?c"));
	EXPECT_EQ("{jpeg|jpg}", lits("jpe?g"));
	EXPECT_EQ("{b}", lits("a{0,2}b"));
	EXPECT_EQ("{ab} {a}", lits("a{2}b")); // the last a is right before b
	EXPECT_EQ("{bc} {ab}", lits("ab+c")); // c is rarer than a: first
	EXPECT_EQ("{x}", lits("é?x"));
}

TEST(Literals, TheRarestSetComesFirst)
{
	// letters as often as English text has them: z and q are rare
	EXPECT_EQ("{zebra} {the}", lits("the\\s+zebra"));
	EXPECT_EQ("{quiz} {e}", lits("e\\s+quiz"));
	// past three sets, the likeliest is left out
	EXPECT_EQ("{zz} {qq} {jj}", lits("ee\\s+zz\\s+qq\\s+jj"));
}

TEST(Literals, GroupsOfKnownStringsJoinTheirNeighbours)
{
	EXPECT_EQ("{foobaz|barbaz}", lits("(?:foo|bar)baz"));
	EXPECT_EQ("{.jpeg|.jpg|.png}", lits("\\.(?:jpe?g|png)"));
	// a string that holds another of its set is dropped: "ab|b" needs b
	EXPECT_EQ("{b}", lits("(a|)b"));
	EXPECT_EQ("{photo}", lits("photo(?:graph)?s?"));
}

TEST(Literals, AlternationsUniteOneConditionOfEachBranch)
{
	EXPECT_EQ("{skip|jump} {to}", lits("^\\W*(?:skip|jump)\\s+to"));
	// each branch needs two sets: their best ones united, and their others
	EXPECT_EQ("{abc|xyz} {d|w}", lits("abc\\s+d|xyz\\s+w"));
	// a branch with one set gives it to every union
	EXPECT_EQ("{abc|xyz} {d|xyz}", lits("abc\\s+d|xyz"));
	// a branch with nothing to require makes the whole alternation free
	EXPECT_EQ("none", lits("foo|\\d+"));
}

TEST(Literals, Lookarounds)
{
	EXPECT_EQ("{share|tweet} {x}", lits("(?=.*\\b(?:share|tweet)\\b)\\W*x"));
	EXPECT_EQ("{bar}", lits("(?!foo)bar"));
	EXPECT_EQ("{bar}", lits("(?<!foo)bar"));
}

TEST(Literals, ExtendedPatternsSkipSpaceAndComments)
{
	EXPECT_EQ("{abd}", lits("a b # c\nd", true));
	EXPECT_EQ("{a b}", lits("a b"));
	EXPECT_EQ("{a b}", lits("a\\ b", true));
	EXPECT_EQ("{a}", lits("a b ?", true)); // the ? makes b optional
	// UTF mode's other spaces: NEL, LRM, LS; a non-space stays
	EXPECT_EQ("{abcd}", lits("a\xC2\x85" "b\xE2\x80\x8E" "c\xE2\x80\xA8" "d", true));
	EXPECT_EQ("{a—b}", lits("a—b", true));
}

TEST(Literals, NonAsciiCharacters)
{
	// no case: the bytes themselves
	EXPECT_EQ("{©}", lits("\\x{00a9}\\s*\\S"));
	EXPECT_EQ("{a©b}", lits("a©b"));
	EXPECT_EQ("{—x}", lits("\\x{2014}x"));
	EXPECT_EQ("{中文}", lits("中文"));
	// a cased letter: any byte >= 0x80 (its other case is non-ASCII too)
	EXPECT_EQ("{nterwegs} {\x80}", lits("Ünterwegs"));
	EXPECT_EQ("{\x80|read}", lits("читайте\\s+также|read"));
	// U+212A and U+017F match ASCII k and s: nothing from them
	EXPECT_EQ("{elvin}", lits("\\x{212a}elvin"));
	EXPECT_EQ("{x}", lits("ſx"));
}

TEST(Literals, WhatIsNotReadGivesNone)
{
	EXPECT_EQ("none", lits("(?x)a b"));
	EXPECT_EQ("none", lits("\\Qab\\E"));
	EXPECT_EQ("none", lits("(a)\\1"));
	EXPECT_EQ("none", lits("(?(1)a|b)"));
	EXPECT_EQ("none", lits("(?R)"));
	EXPECT_EQ("none", lits("(*UTF)abc"));
	EXPECT_EQ("none", lits("a\\Kb"));
	// \d takes non-ASCII digits too (PCRE2_UCP): not a small class
	EXPECT_EQ("none", lits("\\d+"));
	EXPECT_EQ("none", lits("[^abc]+"));
}

// (?(DEFINE)...) matches nothing where it stands; a call (?&name) needs
// what its group needs, read where the call stands. A call of a group not
// defined, a recursive group and too many calls give none.
TEST(Literals, DefinedGroupsAreReadWhereCalled)
{
	EXPECT_EQ("{ship} {free}", lits("(?(DEFINE)(?<o>free\\s+ship))^(?&o)$"));
	EXPECT_EQ("{(button)|iframe:}",
	          lits("(?(DEFINE)(?<m>\\(BUTTON\\)|IFRAME:))\\A(?&m)+|\\n(?&m)"));
	EXPECT_EQ("{abc}", lits("(?(DEFINE)(?P<x>abc))x?(?&x)"));
	EXPECT_EQ("{skip}", lits("(?(DEFINE)(?<a>skip)) (?&a) # the call", true));
	// the DEFINE group alone needs nothing: no condition from it
	EXPECT_EQ("{zz}", lits("(?(DEFINE)(?<a>qq))zz"));
	EXPECT_EQ("none", lits("(?&nowhere)abc|x"));
	EXPECT_EQ("none", lits("(?(DEFINE)(?<r>a(?&r)?b))(?&r)"));
	std::string many = "(?(DEFINE)(?<a>word))";
	for (int i = 0; i < 70; i++)
		many += "(?&a)";
	EXPECT_EQ("none", lits(many.c_str()));
}

// The prefilter has room for every set of literals the default rules'
// patterns need: one left out runs on every block (at 127 sets, a third of
// them did, and text mode ran 19% slower).
TEST(Literals, DefaultRulesFitThePrefilter)
{
	Rules r = compile("", true);
	ASSERT_TRUE(r);
	EXPECT_EQ(0u, r.get()->pf_left_out);
	EXPECT_NE(nullptr, r.get()->pf);
	// a rule set past its room says how many patterns run on every block
	std::string many;
	for (int i = 0; i < 300; i++)
		many += "r" + std::to_string(i) + ": drop /^word" + std::to_string(i) + "x$/\n";
	Rules big = compile(many, false);
	ASSERT_TRUE(big);
	EXPECT_EQ(45u, big.get()->pf_left_out);
}

TEST(Literals, SmallClassesAreSetsOfCharacters)
{
	EXPECT_EQ("{a|b|c}", lits("[abc]+"));
	EXPECT_EQ("{adef|bdef|cdef}", lits("[abc]def"));
	EXPECT_EQ("{adef|bdef}", lits("[aAbB]def")); // folded to lower case
	EXPECT_EQ("{]def|adef}", lits("[]a]def"));
	EXPECT_EQ("{(x|[x}", lits("[(\\[]x"));
	EXPECT_EQ("{0-|1-|2-|3-|4-|5-|6-|7-|8-|9-|a-|b-|c-|d-|e-|f-}", lits("[0-9a-f]-"));
	// too many characters, a POSIX class, \w or a non-ASCII member: not read
	EXPECT_EQ("{def}", lits("[a-z]def"));
	EXPECT_EQ("{def}", lits("[[:alpha:]]def"));
	EXPECT_EQ("{def}", lits("[\\wx]def"));
	EXPECT_EQ("{def}", lits("[éx]def"));
	EXPECT_EQ("{abc} {x}", lits("x{abc")); // '{' not a quantifier: read as "other"
	EXPECT_EQ("{:}", lits("\\d{1,2}:\\d{2}"));
}

TEST(Literals, LongStringsAreCutIntoPieces)
{
	std::string s = lits("abcdefghijklmnopqrstuvwxyz");
	EXPECT_EQ("{abcdefghijklmnop} {qrstuvwxyz}", s);
	EXPECT_EQ(LIT_MAX, 16);
}

TEST(Literals, TooManyAlternativesGiveNone)
{
	std::string re;
	for (int i = 0; i < LIT_ALTS + 1; i++)
		re += (i ? "|w" : "w") + std::to_string(i) + "x";
	EXPECT_EQ("none", lits(re.c_str()));
}

// test_thread.cc - a forum's thread flattened to text: its posts, each under
// a head, are the content (maintext.c, text_thread; textposts.c), while an
// article's readers' comments still go.
#include <gtest/gtest.h>

#include "textpage.h"

// A reply of forum talk: short, and with few of the function words an
// article's sentences have.
static std::string talk(int k)
{
	return "   Same here, my ThinkPad " + std::to_string(k) + " runs it fine since last week!\n";
}

// A page: a menu, the thread, a long site map and a notice.
static std::string page(const std::string &thread)
{
	return "   Skip to content\n" + menu(8, "Forum") + "\n2024: the year of the desktop?\n\n" +
	       thread + "\nSite map\n\n" + menu(60, "Page") +
	       "\n   (c) 2026 Example Forums. All rights reserved.\n";
}

// XenForo as lynx writes it: the poster's name twice, the date and the
// post's number as bullets, the text, Like, and the reactions.
static std::string xenforo_post(int k, const std::string &text)
{
	std::string name = "poster" + std::to_string(k);
	return "   " + name + "\n\n" + name + "\n\n     * Jan " + std::to_string(k + 1) +
	       ", 2024\n\n     *\n     * #" + std::to_string(k + 1) + "\n\n" + text +
	       "\n     * Like\n\n   Reactions: alice, bob and " + std::to_string(k) + " others\n\n";
}

static std::string xenforo()
{
	std::string s = xenforo_post(0, para(1) + para(2));
	for (int k = 1; k < 6; k++)
		s += xenforo_post(k, talk(k));
	return s;
}

TEST(Thread, EveryPostUnderItsHeadIsKept)
{
	std::string out = cleaned(page(xenforo()));
	EXPECT_TRUE(has(out, para(1)));
	for (int k = 1; k < 6; k++)
		EXPECT_TRUE(has(out, talk(k))) << "reply " << k;
	EXPECT_FALSE(has(out, "Forum 3"));
	EXPECT_FALSE(has(out, "Page 30"));
}

TEST(Thread, WhatEveryPostRepeatsGoes)
{
	std::string out = cleaned(page(xenforo()));
	EXPECT_FALSE(has(out, "Reactions: alice"));
	EXPECT_FALSE(has(out, "* Like")) << out;
	EXPECT_TRUE(has(out, "poster3")) << "the poster's name stays";
}

// XenForo as lynx writes Physics Forums' thread: the date and the post's
// number on bullets of their own, no "Reactions:" line, the poster's
// counts bare, and a summary of the thread (prose) above the first post.
// The date over the number makes it the engine's head.
// w3m sets the same bullets as discs ("  • #2").
static std::string xenforo_dated_post(int k, const std::string &text, const std::string &bullet)
{
	return bullet + "Jan " + std::to_string(k + 1) + ", 2024\n\n" + bullet + "\n" + bullet +
	       "\n" + bullet + "#" + std::to_string(k + 1) + "\n\n   poster" + std::to_string(k) +
	       "\n\n          " + std::to_string(190 + k) + "\n\n" + text + "\n   Reply\n\n";
}

TEST(Thread, DatedPostNumbersAreHeads)
{
	for (const char *bullet : { "     * ", "  \xE2\x80\xA2 " }) {
		std::string s = para(7) + "\n" + para(8) + "\n" +
		                xenforo_dated_post(0, para(1) + para(2), bullet);
		for (int k = 1; k < 6; k++)
			s += xenforo_dated_post(k, talk(k), bullet);
		std::string out = cleaned(page(s));
		EXPECT_TRUE(has(out, para(1)));
		for (int k = 1; k < 6; k++)
			EXPECT_TRUE(has(out, talk(k))) << "reply " << k << " bullet " << bullet << out;
	}
}

// A reply quoting the first post: the quote goes, the reply stays.
TEST(Thread, AQuoteOfAnotherPostGoes)
{
	std::string quoting = "   poster0 said:\n\n" + para(1) + "   Click to expand...\n\n" + para(7);
	std::string out = cleaned(page(xenforo() + xenforo_post(6, quoting)));
	EXPECT_EQ(count(out, para(1)), 1u);
	EXPECT_TRUE(has(out, para(7)));
	EXPECT_FALSE(has(out, "Click to expand"));
}

// phpBB: "Post by name » date" above the text, the poster's stats below.
TEST(Thread, PhpbbPostsAndStats)
{
	std::string s;
	for (int k = 0; k < 5; k++)
		s += "Re: Discuss the release here\n   Post by user" + std::to_string(k) +
		     " \xC2\xBB 11. Sep 2024, 21:0" + std::to_string(k) + "\n" +
		     (k == 0 ? para(1) : talk(k)) + "   Top\n   user" + std::to_string(k) +
		     "\n          Posts: 1" + std::to_string(k) + "\n          Joined: 19. Sep 2012\n\n";
	std::string out = cleaned(page(s));
	for (int k = 1; k < 5; k++)
		EXPECT_TRUE(has(out, talk(k))) << "reply " << k;
	EXPECT_FALSE(has(out, "Posts: 12"));
	EXPECT_FALSE(has(out, "Joined: 19. Sep 2012"));
}

// Invision Community as lynx writes it: the poster's card (name, group,
// "4.7k posts", "4 Solutions", "11.4k Reputation" as bullets), the name
// again, the date twice, the text, Quote. No head the thread reader knows
// but the counts.
static std::string invision_post(int k, const std::string &text)
{
	std::string name = "poster" + std::to_string(k), n = std::to_string(k + 1);
	return "   " + name + "\n\n" + name + "\n\n   Members\n     * " + n + ".7k posts\n     * " + n +
	       " Solutions\n     * 1" + n + ".4k Reputation\n\n   " + name + "\n\n" + name +
	       " Members\n\n   June 1" + n + ", 20241 yr\n\n   June 1" + n + ", 20241 yr\n\n" + text +
	       "     (BUTTON)\n     Quote\n\n";
}

TEST(Thread, InvisionPostsAndCounts)
{
	std::string s = invision_post(0, para(1) + para(2));
	for (int k = 1; k < 5; k++)
		s += invision_post(k, talk(k));
	std::string out = cleaned(page(s));
	EXPECT_TRUE(has(out, para(2)));
	for (int k = 1; k < 5; k++)
		EXPECT_TRUE(has(out, talk(k))) << "reply " << k << "\n" << out;
	EXPECT_FALSE(has(out, "3.7k posts")) << out;
	EXPECT_FALSE(has(out, "13.4k Reputation")) << out;
}

// Stack Exchange's answers as lynx writes them: votes, the text (para 20,
// 21, 22 of `chars`), the buttons, "answered <date>" and the name.
static std::string answers(size_t chars)
{
	std::string s;
	for (int k = 0; k < 3; k++)
		s += "   (BUTTON)\n   " + std::to_string(3 - k) + "\n\n" + para(20 + k, chars) +
		     "   Share\n   Improve this answer\n   answered Jun " + std::to_string(9 + k) +
		     ", 2018 at 10:24\n   user" + std::to_string(k) + "\n\n";
	return s;
}

// A Q&A page: the asker's and each answerer's line comes after the text.
TEST(Thread, AnswersOfAQandAPage)
{
	std::string s = para(1) + "   Share\n   Improve this question\n   asked Jun 8, 2018 at 9:28\n"
	                "   alice\n\n";
	std::string out = cleaned(page(s + answers(200)));
	EXPECT_TRUE(has(out, para(1)));
	for (int k = 0; k < 3; k++)
		EXPECT_TRUE(has(out, para(20 + k, 200))) << "answer " << k;
	EXPECT_FALSE(has(out, "Improve this answer"));
}

// Stack Exchange prints each poster's reputation and badges under the
// name, as lynx glues them ("392k8080 gold badges596596 silver
// badges632632 bronze badges": each count twice): the poster's stats, not
// a post's text.
TEST(Thread, StackExchangeBadgesArePostersStats)
{
	std::string s = para(1) + "   Share\n   Improve this question\n   asked Jun 8, 2018 at 9:28\n"
	                "   alice\n   392k8080 gold badges596596 silver badges632632 bronze badges\n\n";
	std::string a = answers(200);
	for (int k = 0; k < 3; k++) {
		std::string user = "   user" + std::to_string(k) + "\n";
		a.insert(a.find(user) + user.size(), "   15911 silver badge66 bronze badges\n");
	}
	std::string out = cleaned(page(s + a));
	EXPECT_TRUE(has(out, para(1)));
	for (int k = 0; k < 3; k++)
		EXPECT_TRUE(has(out, para(20 + k, 200))) << "answer " << k;
	EXPECT_FALSE(has(out, "bronze badges")) << out;
}

// Stack Exchange prints the question's head under it: the question, just
// above the thread's first head, joins the answers; the promotions above
// it (prose too, under the site's menu) do not.
TEST(Thread, OnlyThePostAboveTheFirstHeadJoins)
{
	std::string s = "   Stack Internal\n" + para(7, 320) + "   Learn more\n\n   Knowledge at work\n" +
	                para(8, 320) + "   Explore Stack Internal\n\nHow do I focus the files pane?\n\n"
	                "   Ask Question\n   Asked 13 years ago\n   Viewed 11k times\n   67\n\n" +
	                para(1) + "   Share\n   Improve this question\n   asked Jun 8, 2018 at 9:28\n"
	                "   alice\n\n";
	std::string out = cleaned(page(s + answers(800)));
	EXPECT_TRUE(has(out, para(1))) << "the question";
	EXPECT_TRUE(has(out, para(22, 800)));
	EXPECT_FALSE(has(out, para(8, 320))) << out;
	EXPECT_FALSE(has(out, para(7, 320)));
}

// The same, the promotions short enough to join only summed and the
// question's counts long enough to be no menu's barrier ("Modified 4
// years, 2 months ago"): the question's title, a heading flush left, tops
// it, and nothing above the title joins. A heading inside the question
// (its prose right under it) and code flush left are no title.
TEST(Thread, NothingAboveTheQuestionsTitleJoins)
{
	std::string s = "   Stack Internal\n" + para(7, 200) + "   Learn more\n\n   Knowledge at work\n" +
	                para(8, 200) + "   Explore Stack Internal\n\nWhy is RAID not a backup?\n\n"
	                "   Ask Question\n   Asked 16 years, 10 months ago\n"
	                "   Modified 4 years, 2 months ago\n   Viewed 69k times\n   131\n\n" +
	                para(1) + "\nWhat I tried\n\n" + para(3) +
	                "\nloop = asyncio.get_event_loop()\n\n" + para(2) +
	                "   Share\n   Improve this question\n   asked Jun 8, 2018 at 9:28\n   alice\n\n";
	std::string out = cleaned(page(s + answers(800)));
	EXPECT_TRUE(has(out, para(1))) << "the question";
	EXPECT_TRUE(has(out, para(3))) << "the question, under its own heading";
	EXPECT_TRUE(has(out, para(2))) << "the question, under its code";
	EXPECT_TRUE(has(out, para(22, 800)));
	EXPECT_FALSE(has(out, para(8, 200))) << out;
	EXPECT_FALSE(has(out, para(7, 200)));
}

// An article's readers' comments are no thread: an article comes before
// them, and they go as before.
TEST(Thread, AnArticlesCommentsStillGo)
{
	std::string s = para(1) + "\n" + para(2) + "\n" + para(3) + "\n3 Comments\n\n";
	for (int k = 0; k < 3; k++)
		s += "   reader" + std::to_string(k) + " says:\n   November 1" + std::to_string(k) +
		     ", 2019 at 6:34 am\n\n" + para(50 + k) + "\n   Reply\n\n";
	std::string out = cleaned(page(s));
	EXPECT_TRUE(has(out, para(3)));
	for (int k = 0; k < 3; k++)
		EXPECT_FALSE(has(out, para(50 + k))) << "comment " << k;
}

// On a page its signals type a forum (the posters' stats) but whose posts
// have no head the thread reader knows (Vanilla's: a name, its stats),
// "Comments" over the replies heads the discussion's replies, not readers'
// comments on an article: they stay.
TEST(Thread, AForumsCommentsAreItsReplies)
{
	std::string s = "   alice\n   Joined: May 2020\n   Posts: 12\n\n" + para(1) + "\n" + para(2) +
	                "\nComments\n\n";
	for (int k = 0; k < 3; k++)
		s += "     * reader" + std::to_string(k) + "\n       Joined: June 201" + std::to_string(k) +
		     "\n       Reply " + std::to_string(k) + ": I had the same trouble with my own machine, "
		     "and the fix was to roll the driver back to the spring release.\n";
	std::string out = cleaned(page(s));
	EXPECT_TRUE(has(out, para(2)));
	for (int k = 0; k < 3; k++)
		EXPECT_TRUE(has(out, "Reply " + std::to_string(k) + ":")) << "reply " << k << "\n" << out;
}

// Comments dated without "at" ("December 18, 2025, 9:46 pm", WordPress's
// other format) go too under an article (1,500 chars of prose above the
// first); a thread whose posts are dated so, the first one's date above
// its text, keeps them.
static std::string dated(int k, const std::string &text)
{
	return "   reader" + std::to_string(k) + "\n   December 1" + std::to_string(k) +
	       ", 2025, 9:4" + std::to_string(k) + " pm\n\n" + text + "\n";
}

TEST(Thread, CommentsDatedWithoutAtGoUnderAnArticle)
{
	std::string s = para(1, 800) + "\n" + para(2, 800) + "\n";
	for (int k = 0; k < 3; k++)
		s += dated(k, para(50 + k));
	std::string out = cleaned(page(s));
	EXPECT_TRUE(has(out, para(2, 800)));
	for (int k = 0; k < 3; k++)
		EXPECT_FALSE(has(out, para(50 + k))) << "comment " << k << out;
	std::string thread;
	for (int k = 0; k < 3; k++)
		thread += dated(k, k ? talk(k) : para(1, 800) + "\n" + para(2, 800));
	out = cleaned(page(thread));
	EXPECT_TRUE(has(out, para(2, 800))) << "the first post" << out;
	EXPECT_TRUE(has(out, talk(2))) << "a reply" << out;
}

// A stamp whose time has its "pm" right after it ("Racha 3/14/2021 at
// 3:33pm", Class Central's comments) heads a comment as "... at 3:33 pm"
// does.
TEST(Thread, StampsWithTheirPmGluedOnGo)
{
	std::string s = para(1) + "\n" + para(2) + "\n" + para(3) + "\n";
	for (int k = 0; k < 3; k++)
		s += "   reader" + std::to_string(k) + " 3/1" + std::to_string(k) + "/2021 at 3:3" +
		     std::to_string(k) + "pm\n\n" + para(50 + k) + "\n   Reply\n\n";
	std::string out = cleaned(page(s));
	EXPECT_TRUE(has(out, para(3)));
	for (int k = 0; k < 3; k++)
		EXPECT_FALSE(has(out, para(50 + k))) << "comment " << k << out;
}

// An article's byline and a teaser list's dates after it are no thread:
// the teasers' headlines are no posts.
TEST(Thread, TeaserDatesAfterAnArticleAreNoThread)
{
	std::string s = "   By Staff | November 18, 2019 at 2:26 PM\n\n" + para(1) + "\n" + para(2) +
	                "\n" + para(3) + "\n";
	for (int k = 0; k < 4; k++)
		s += "   Published " + std::to_string(k + 1) + "h at 9:1" + std::to_string(k) +
		     " PM\n   Council opens the new library on weekends for students " +
		     std::to_string(k) + ", a plan says\n\n";
	std::string out = cleaned(page(s));
	EXPECT_TRUE(has(out, para(3)));
	EXPECT_FALSE(has(out, "for students 2, a plan says"));
}

TEST(Thread, ExplainSaysItIsAThread)
{
	std::string ex = explained(page(xenforo()));
	EXPECT_NE(ex.find("(by prose scores, a thread: every post under its head)"), std::string::npos)
		<< ex.substr(0, 3000);
	EXPECT_NE(ex.find("inside the thread: what every post repeats"), std::string::npos);
}

// A thread's "Similar threads" ends it, as a footer's heading ends an
// article.
TEST(Thread, SimilarThreadsEndIt)
{
	std::string out = cleaned(page(xenforo() + "Similar threads\n\n" + para(90)));
	EXPECT_TRUE(has(out, talk(5)));
	EXPECT_FALSE(has(out, para(90)));
}

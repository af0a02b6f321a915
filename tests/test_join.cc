// test_join.cc - flattened text whose article is split by its own lists,
// tables and subheadings: the body joins the stretches beside it
// (maintext.c, join_body), and what ends an article stops it.
#include <gtest/gtest.h>

#include "textpage.h"

// A how-to article: an introduction of two paragraphs, then three
// sections, each split from the next by a short list under a label (four
// lines that are not prose end a stretch).
static std::string article()
{
	std::string s = "Five Ways to Study Better\n\n" + para(1) + "\n" + para(2) + "\n";
	for (int k = 0; k < 3; k++) {
		s += std::to_string(k + 1) + ". Method " + std::to_string(k) + "\n\n" + para(10 + k) + "\n";
		s += "Top picks\n\n     * Pick " + std::to_string(k) + "a\n     * Pick " +
		     std::to_string(k) + "b\n\n";
	}
	return s;
}

// A page: menu, `body`, then `tail`, then a long site map (so that the
// tail is not the page's last quarter) and a notice.
static std::string page(const std::string &body, const std::string &tail)
{
	return "   Skip to content\n" + menu(6, "Menu") + "\n" + body + tail + "\nSite map\n\n" +
	       menu(60, "Page") + "\n   (c) 2026 The Study Desk. All rights reserved.\n";
}

TEST(Joined, SectionsSplitByListsAreOneBody)
{
	std::string out = cleaned(page(article(), ""));
	EXPECT_TRUE(has(out, para(1)));
	for (int k = 0; k < 3; k++)
		EXPECT_TRUE(has(out, para(10 + k))) << "section " << k;
	// the lists between the sections; the last one, after the last
	// paragraph, is no more the article's than the page's
	EXPECT_TRUE(has(out, "* Pick 0a"));
	EXPECT_TRUE(has(out, "* Pick 1b"));
	EXPECT_FALSE(has(out, "* Page 3"));
	EXPECT_FALSE(has(out, "* Menu 2"));
}

TEST(Joined, ExplainSaysTheStretchesWereJoined)
{
	EXPECT_NE(explained(page(article(), "")).find("(by prose scores, joining the stretches an "
	                                              "article's lists, tables and headings split)"),
	          std::string::npos);
}

// A teaser list's blurbs set deeper than the article's text are not
// joined; set at its indent, they would be.
TEST(Joined, ProseSetDeeperIsNotJoined)
{
	std::string teasers = "\nFrom our desk\n\n" + menu(3, "Share") + "\n" + para(40, 360, 10) +
	                      "\n" + para(41, 360, 10);
	std::string out = cleaned(page(article(), teasers));
	EXPECT_TRUE(has(out, para(12)));
	EXPECT_FALSE(has(out, para(40)));
	EXPECT_FALSE(has(out, para(41)));
	std::string level = "\nFrom our desk\n\n" + menu(3, "Share") + "\n" + para(40) + "\n" + para(41);
	EXPECT_TRUE(has(cleaned(page(article(), level)), para(40))) << "the contrast";
}

// A stretch with a third of its prose at the body's indent joins: the
// rest, set deeper, is the article's quote (here 60% of it); all of it
// deeper, it is a teaser list's, as above.
TEST(Joined, StretchWithAThirdAtTheIndentJoins)
{
	std::string quoted = "\nWhat they said\n\n" + menu(3, "Share") + "\n" + para(42, 240) + "\n" +
	                     para(43, 360, 5);
	std::string out = cleaned(page(article(), quoted));
	EXPECT_TRUE(has(out, para(42, 240)));
	EXPECT_TRUE(has(out, para(43, 360, 5)));
}

// On a service page each feature is a blurb of its own: there small
// stretches join once they hold what one stretch must (300 chars), not
// twice that; an article's, with the same layout (three blurbs of 160
// chars), do not.
static std::string features(const std::string &hero)
{
	std::string s = "Kitchen design in Leeds\n\n" + hero + para(44, 400) + "\n";
	for (int k = 0; k < 3; k++)
		s += "Feature " + std::to_string(k) + "\n\n" + para(45 + k, 100) +
		     "   Share\n   Print\n   Save\n   Email\n\n";
	return s;
}

TEST(Joined, ServiceBlurbsJoinWhenTheyHoldOneStretch)
{
	std::string sales = "   We offer kitchen design. Our team plans it with you. Get a quote "
	                    "today, or book a free consultation: call us.\n\n";
	std::string out = cleaned(page(features(sales + sales), ""));
	EXPECT_TRUE(has(out, para(46, 100)));
	EXPECT_NE(explained(page(features(sales + sales), "")).find("page type: service"),
	          std::string::npos);
	EXPECT_FALSE(has(cleaned(page(features(""), "")), para(46, 100))) << "the contrast";
}

// A service page's offerings, each a heading, a blurb and a call to
// action, have a teaser list's look (a related stories' list under an
// article: headline, one-line blurb, "Read more"): on a text read as a
// service they are its content, and they join.
static std::string offerings()
{
	std::string s = "Our services\n\n" + para(55, 400) + "\nWhat we do\n";
	for (int k = 0; k < 8; k++)
		s += "\nFinance Transformation " + std::to_string(k) + "\n\n" + para(60 + k, 150) +
		     "   Find out more\n";
	return s;
}

TEST(Joined, OfferingsOfAServicePageAreNoTeaserList)
{
	std::string out = cleaned_as(page(offerings(), ""), "service");
	for (int k = 0; k < 8; k++)
		EXPECT_TRUE(has(out, para(60 + k, 150))) << "offering " << k << out;
	// under an article, which holds the prose, they are its related pages
	EXPECT_FALSE(has(cleaned_as(page(article() + offerings(), ""), "article"), para(64, 150)))
		<< "the contrast";
}

// A listicle: its items, each a name and a paragraph of a few sentences,
// have a teaser list's look; right under the introduction (no heading, no
// gap) they go on with it, as a related stories' list under its heading,
// or of one sentence to a story, does not.
static std::string listicle(const std::string &between)
{
	std::string s = "Ten Weekend Projects\n\n" + para(70, 500) + between;
	for (int k = 0; k < 6; k++)
		s += "     * Walnut Project Number " + std::to_string(k) + "\n\n" + para(80 + k, 150);
	return s;
}

TEST(Joined, ListicleItemsUnderTheIntroductionStay)
{
	std::string out = cleaned(page(listicle("\n"), ""));
	for (int k = 0; k < 6; k++)
		EXPECT_TRUE(has(out, para(80 + k, 150))) << "item " << k << out;
	out = cleaned(page(article() + listicle("\nMore from our desk\n\n"), ""));
	EXPECT_TRUE(has(out, para(12))) << out;
	EXPECT_FALSE(has(out, para(83, 150))) << "the contrast: under a heading" << out;
	// related stories right under the article: a sentence each, a dek's
	std::string related = "\n";
	for (int k = 0; k < 6; k++)
		related += "Council Reopens Library Number " + std::to_string(k) + "\n\n" +
		           para(90 + k, 60);
	out = cleaned(page(article() + related, ""));
	EXPECT_TRUE(has(out, para(12))) << out;
	EXPECT_FALSE(has(out, para(93, 60))) << "the contrast: one sentence each" << out;
}

// A related box under an article ("From Our Desk"): each story's headline,
// its date and its excerpt cut at a word count, mid-sentence ("...
// improving their chances of"). The excerpts are long, but cut: teasers,
// not the article, even where they hold more prose than it.
static std::string cut_excerpts(int n, const std::string &end)
{
	std::string s = "\nFrom Our Desk\n\n";
	for (int k = 0; k < n; k++) {
		std::string p = para(90 + k, 330);
		p = p.substr(0, p.rfind(' ')) + end + "\n";
		s += "Council Reopens Library Number " + std::to_string(k) + "\n\n   March " +
		     std::to_string(k + 2) + ", 2025\n" + p + "\n";
	}
	return s;
}

TEST(Joined, ExcerptsCutMidSentenceAreTeasers)
{
	std::string body = "Five Ways to Study Better\n\n" + para(1) + "\n" + para(2) + "\n";
	std::string out = cleaned_as(page(body + cut_excerpts(8, " their chances of"), ""), "article");
	EXPECT_TRUE(has(out, para(2))) << out;
	EXPECT_FALSE(has(out, "their chances of")) << out;
	// an ingredients list ends in a name, not mid-sentence: no excerpt
	EXPECT_TRUE(has(cleaned_as(page(body + cut_excerpts(8, " Citric Acid, Limonene"), ""),
	                           "article"),
	                "Citric Acid, Limonene"));
}

// A manual's index: its pages' titles, a line on each, and little other
// prose. It has a teaser list's look, but holds four times the prose of
// the rest of the page: it is read as prose then; beside an article, it
// goes.
static std::string index_page()
{
	std::string s = "Writing workflows\n\n";
	for (int k = 0; k < 6; k++)
		s += "Choosing when your workflow runs " + std::to_string(k) + "\n\n" +
		     para(100 + k, 60);
	return s;
}

TEST(Joined, TeaserListThatHoldsThePageStays)
{
	// the footer's one paragraph of help is the prose left beside it
	std::string help = "\nHelp and support\n\n" + para(120, 100);
	std::string out = cleaned(page(index_page(), help));
	for (int k = 0; k < 6; k++)
		EXPECT_TRUE(has(out, para(100 + k, 60))) << "page " << k << out;
	EXPECT_FALSE(has(out, "* Menu 2")) << "the index is the body" << out;
	EXPECT_FALSE(has(out, "* Page 3")) << out;
	out = cleaned(page(article() + "\nFrom the manual\n\n" + index_page(), ""));
	EXPECT_TRUE(has(out, para(12))) << out;
	EXPECT_FALSE(has(out, para(103, 60))) << "the contrast: beside an article" << out;
}

// A manual sets its definitions deeper than its prose, and no teaser list
// stands beside it: on a text read as documentation (code, a manual's
// labels) a stretch set deeper joins; on an article's it does not.
static std::string manual(bool code)
{
	std::string s = "Encoders and decoders\n\n" + para(48, 1200) + "\n";
	if (code)
		s += "   $ pip install jsonlib\n   $ make install\n\n   Note\n\n";
	s += "json.dumps(obj)\n\n" + menu(4, "Option") + "\n" + para(49, 400, 10) + "\n" +
	     para(50, 400, 10) + "\n";
	if (code)
		s += "   int main(void) {\n       return 0;\n   }\n\n   Edit this page\n";
	return s;
}

TEST(Joined, ManualsDeeperDefinitionsJoin)
{
	EXPECT_NE(explained(page(manual(true), "")).find("page type: documentation"),
	          std::string::npos);
	EXPECT_TRUE(has(cleaned(page(manual(true), "")), para(49, 400, 10)));
	EXPECT_FALSE(has(cleaned(page(manual(false), "")), para(49, 400, 10))) << "the contrast";
}

// A comment section's heading ends the article: the readers' comments
// after it are not joined.
TEST(Joined, CommentsHeadingEndsTheArticle)
{
	// WordPress's reply form heading with its "Cancel reply" link on the
	// line, in English and as its translations print it
	for (const char *head : { "Comments", "Leave a Reply", "5 Comments", "   (BUTTON) Show comments",
	                          "Leave a Reply Cancel reply", "Leave a ReplyCancel reply",
	                          "Deixe uma resposta Cancelar resposta",
	                          "Lascia un commento Annulla risposta",
	                          "Deja una respuesta Cancelar la respuesta", "Kommentare" }) {
		std::string tail = "\n" + std::string(head) + "\n\n" + para(50) + "\n" + para(51);
		std::string out = cleaned(page(article(), tail));
		EXPECT_TRUE(has(out, para(12))) << head;
		EXPECT_FALSE(has(out, para(50))) << head;
	}
	std::string notes = "\nNotes on method\n\n" + para(50);
	EXPECT_TRUE(has(cleaned(page(article(), notes)), para(50))) << "the contrast";
}

// A line a drop-after rule takes (a footer's heading) ends a join wherever
// it stands, also before the last blocks the rule looks at.
TEST(Joined, FooterHeadingEndsTheArticle)
{
	// and in the languages news and blog sites write it in most
	for (const char *head : { "Related articles", "Artigos relacionados", "Posts Relacionados",
	                          "Art\xC3\xAD" "culos relacionados", "Articoli correlati",
	                          "Articles similaires", "\xC3\x84hnliche Beitr\xC3\xA4ge",
	                          "Voc\xC3\xAA tamb\xC3\xA9m pode gostar",
	                          "Das k\xC3\xB6nnte Sie auch interessieren" }) {
		std::string tail = "\n" + std::string(head) + "\n\n" + para(60) + "\n" + para(61);
		std::string out = cleaned(page(article(), tail));
		EXPECT_TRUE(has(out, para(12))) << head;
		EXPECT_FALSE(has(out, para(60))) << head;
	}
	// "Leia tamb\xC3\xA9m" (read also) stands inside Brazilian articles too,
	// over links to other stories: no footer's heading
	std::string inside = "\nLeia tamb\xC3\xA9m\n\n" + para(60) + "\n" + para(61);
	EXPECT_TRUE(has(cleaned(page(article(), inside)), para(60))) << "the contrast";
}

// A join crosses at most 60 lines that are not prose (here the last
// section's two items and the links; its flush-left label is not counted).
TEST(Joined, GapOfMoreThanSixtyLinesIsNotCrossed)
{
	std::string near = "\n" + menu(58, "Link") + "\n" + para(70) + "\n" + para(71);
	EXPECT_TRUE(has(cleaned(page(article(), near)), para(70)));
	std::string far = "\n" + menu(59, "Link") + "\n" + para(70) + "\n" + para(71);
	EXPECT_FALSE(has(cleaned(page(article(), far)), para(70)));
}

// The items a lead-in announces count half a line in a gap: a long list
// of the article's (the schools that offer a course) and an advert after
// it are crossed, the same items with no lead-in are not.
TEST(Joined, ItemsALeadInAnnouncesAreHalfAGap)
{
	std::string lead = "\n   But there is more: the following schools and companies also "
	                   "offer courses with a free certificate:\n";
	std::string rest = menu(50, "School") + "\n   Sponsored\n\n" + menu(28, "Ad") + "\n" +
	                   para(70) + "\n" + para(71);
	std::string out = cleaned(page(article(), lead + rest));
	EXPECT_TRUE(has(out, "* School 49"));
	EXPECT_TRUE(has(out, para(70)));
	EXPECT_FALSE(has(cleaned(page(article(), "\n" + rest)), para(70))) << "the contrast";
}

// A table's rows do not count in a gap and stay inside the body.
TEST(Joined, TableRowsStayInsideTheBody)
{
	std::string table = "\nResults\n\n";
	for (int i = 0; i < 60; i++)
		table += "   City " + std::to_string(i) + "   $" + std::to_string(200 + i) + ",000   +" +
		         std::to_string(i % 9) + ".1%\n";
	std::string body = "Prices by city\n\n" + para(80) + table + "\n" + para(81) + "\n" + para(82);
	std::string out = cleaned(page(body, ""));
	EXPECT_TRUE(has(out, para(80)));
	EXPECT_TRUE(has(out, para(82)));
	EXPECT_TRUE(has(out, "   City 31   $231,000   +4.1%"));
}

// A table a dump wrote a cell a line (lynx and w3m do so with a wide one):
// its short cells ("Row 12", "60%", "Done") do not count in a gap, as a
// row does not; a menu's items of the same length still do
// (GapOfMoreThanSixtyLinesIsNotCrossed), and so do longer lines.
TEST(Joined, CellsOnLinesOfTheirOwnStayInsideTheBody)
{
	std::string table = "\n   Feature Last month This month\n\n";
	for (int i = 0; i < 25; i++)
		table += "   Row " + std::to_string(i) + "\n\n   " + std::to_string(i * 3) + "%\n\n   " +
		         (i % 2 ? "Done" : "+2%") + "\n\n";
	std::string body = "Progress report\n\n" + para(83) + table + para(84) + "\n" + para(85);
	std::string out = cleaned(page(body, ""));
	EXPECT_TRUE(has(out, para(83)));
	EXPECT_TRUE(has(out, para(85)));
	EXPECT_TRUE(has(out, "Row 17"));
	std::string wordy;
	for (int i = 0; i < 75; i++)
		wordy += "   Shipping option " + std::to_string(i) + "\n\n";
	body = "Progress report\n\n" + para(83) + "\n" + wordy + para(84) + "\n" + para(85);
	EXPECT_FALSE(has(cleaned(page(body, "")), para(83)));
}

// A tutorial of short paragraphs (under 300 chars: none a stretch the
// body joins alone), each followed by its code, which lynx sets flush left
// line under line where it indents the prose, and a list: the code splits
// no body, every paragraph and every line of it stays. Set at the prose's
// indent, the same short lines are a menu's, and end a stretch.
static std::string tutorial(const std::string &indent, size_t deep = 3, bool def = false)
{
	std::string s = "Tuning Queries\n\n" + para(100, 200);
	for (int k = 0; k < 6; k++) {
		std::string n = std::to_string(k);
		s += "\nStep " + n + "\n\n" + para(101 + k, 160, k % 3 ? deep : 3);
		s += def ? "def step" + n + "(t):\n" : "";
		for (int l = 0; l < 10; l++)
			s += indent + "let c" + std::to_string(l) + " = t" + n + ".get(" + std::to_string(l) + ");\n";
		s += "\n     * rows: rows read " + n + "\n     * time: time taken " + n + "\n";
	}
	return s;
}

TEST(Joined, CodeFlushLeftSplitsNoBody)
{
	std::string out = cleaned(page(tutorial(""), ""));
	for (int k = 0; k < 6; k++)
		EXPECT_TRUE(has(out, para(101 + k, 160))) << "step " << k;
	EXPECT_TRUE(has(out, "let c4 = t5.get(4);"));
	EXPECT_FALSE(has(out, "* Menu 2"));
	std::string menus = cleaned(page(tutorial("   "), ""));
	EXPECT_FALSE(has(menus, para(101, 160)) && has(menus, para(106, 160))) << "the contrast";
}

// A function's code: its first line flush left, its body indented deeper
// than the prose. Its first line is code, so the body under it is too.
TEST(Joined, CodeIndentedUnderItsFirstLineSplitsNoBody)
{
	std::string out = cleaned(page(tutorial("    ", 3, true), ""));
	for (int k = 0; k < 6; k++)
		EXPECT_TRUE(has(out, para(101 + k, 160))) << "step " << k;
	EXPECT_TRUE(has(out, "    let c4 = t5.get(4);"));
}

// A page's examples as lynx prints them: the <pre> flush left, its own
// indent (two blanks) less than the prose's (three), its first statements
// apart, a blank line between ("import { useState } from 'react';" /
// "export default function Counter() {"). Its lines are code too: no
// menu's short lines that split the body.
static std::string examples()
{
	std::string s = "useState\n\n" + para(100, 200);
	for (int k = 0; k < 6; k++) {
		std::string n = std::to_string(k);
		s += "\nExample " + n + "\n\n" + para(101 + k, 160) + "\nimport { useState } from 'react';\n\n" +
		     "export default function Counter" + n + "() {\n";
		for (int l = 0; l < 12; l++)
			s += "  setAge(a => a + " + std::to_string(l) + ");\n";
		s += "  return (\n    <h1>Your age</h1>\n  );\n}\n\n   (BUTTON) Show more\n";
	}
	return s;
}

TEST(Joined, CodeSetLeftOfTheProseSplitsNoBody)
{
	std::string out = cleaned(page(examples(), ""));
	for (int k = 0; k < 6; k++)
		EXPECT_TRUE(has(out, para(101 + k, 160))) << "example " << k;
	EXPECT_TRUE(has(out, "export default function Counter5() {"));
	EXPECT_FALSE(has(out, "* Menu 2"));
}

// A manual indents its definitions deeper than its prose (lynx: 10 blanks
// under a <dd>, 3 for a paragraph): its prose is indented still, at two
// indents, and its code is read as code.
TEST(Joined, CodeFlushLeftSplitsNoBodyAtTwoIndents)
{
	std::string out = cleaned(page(tutorial("", 10), ""));
	for (int k = 0; k < 6; k++)
		EXPECT_TRUE(has(out, para(101 + k, 160, k % 3 ? 10 : 3))) << "step " << k;
}

// A checklist: sections of one short paragraph each (none of 300 chars),
// under a subheading and over a list of items; the lines that are not
// prose add up past the 40 a join crosses before any stretch of 300 chars
// comes. Short paragraphs at the body's indent that hold 600 chars
// together are joined as one would be: every section stays. Set deeper
// (a teaser list's blurbs), they are not.
static std::string checklist(size_t indent)
{
	std::string s = "Wedding Checklist\n\n" + para(110, 400);
	for (int k = 0; k < 10; k++) {
		std::string n = std::to_string(k);
		s += "\n   Month " + n + "\n\n" + para(111 + k, 160, indent) + "\n";
		for (int j = 0; j < 5; j++)
			s += "     * Task " + n + "." + std::to_string(j) + "\n";
	}
	return s;
}

TEST(Joined, ShortParagraphsJoinTogether)
{
	std::string out = cleaned(page(checklist(3), ""));
	for (int k = 0; k < 10; k++)
		EXPECT_TRUE(has(out, para(111 + k, 160))) << "month " << k;
	EXPECT_FALSE(has(out, "* Page 3"));
	std::string deeper = cleaned(page(checklist(10), ""));
	EXPECT_FALSE(has(deeper, para(119, 160, 10))) << "the contrast";
}

// w3m sets paragraphs and headings flush left: there a heading alone
// between blank lines does not count in a gap, as lynx's flush-left
// headings do not where it indents the prose. Twelve short sections, a
// heading over three items each (a menu's look: the body does not widen
// over them), between two paragraphs: 36 items and 12 headings, 48 lines
// that are not prose; the items alone are under 40.
TEST(Joined, FlushLeftHeadingsAreNoGap)
{
	static const char *const words[] = { "red", "blue", "green", "black", "white", "brown",
		                             "grey", "pink", "gold", "plain", "large", "small" };
	std::string mid;
	for (int k = 0; k < 12; k++)
		mid += "\nPart " + std::to_string(k) + " of the notes\n\n  \xE2\x80\xA2 Bring the " +
		       words[k] + " folder\n  \xE2\x80\xA2 Read the " + words[11 - k] +
		       " chapter\n  \xE2\x80\xA2 Ask for the " + words[(k + 5) % 12] + " key\n";
	std::string body = "Study Notes\n\n" + para(130, 900, 0) + mid + "\n" + para(131, 900, 0);
	std::string out = cleaned(page(body, ""));
	EXPECT_TRUE(has(out, para(130, 900, 0)));
	EXPECT_TRUE(has(out, para(131, 900, 0)));
	EXPECT_TRUE(has(out, "Part 7 of the notes"));
}

// The body joins the stretch before it too.
TEST(Joined, StretchBeforeTheBodyJoins)
{
	std::string body = "Study Notes\n\n" + para(90) + "\nTop picks\n\n" + menu(3, "Pick") + "\n" +
	                   para(91, 900) + "\n" + para(92, 900);
	std::string out = cleaned(page(body, ""));
	EXPECT_TRUE(has(out, para(90)));
	EXPECT_TRUE(has(out, para(92, 900)));
}

// The items a prose lead-in announces are the article's; a label is no
// lead-in ("Share this:").
TEST(LeadIn, ItemsAProseLeadInAnnouncesStay)
{
	std::string body = "How to Begin\n\n" + para(100) +
	                   "   Before you start, make sure that you have the things you need to:\n" +
	                   "     * Read\n     * Write\n     * Count\n     * Draw\n     * Sing\n\n" +
	                   para(101, 120) + "\nShare this:\n\n" + menu(5, "Network");
	std::string out = cleaned(page(body, ""));
	EXPECT_TRUE(has(out, "* Read"));
	EXPECT_TRUE(has(out, "* Sing"));
	EXPECT_TRUE(has(out, para(101, 120)));
	EXPECT_FALSE(has(out, "* Network 1"));
}

// A list set right under a paragraph, no blank line between, is the
// paragraph's (a manual's overview: "In this section we'll cover ..."
// and its items): it stays, though its items are short and no colon
// announces it. Trap: a menu's short links ("About Us") under the last
// paragraph are no part of it.
static std::string list_under(const char *const *items)
{
	std::string s = "Creating Types from Types\n\n" + para(100) + "\n" + para(101);
	for (size_t k = 0; items[k]; k++)
		s += std::string("     * ") + items[k] + "\n";
	return s + "\nOn this page\n\n";
}

TEST(LeadIn, AListRightUnderAParagraphIsItsOwn)
{
	static const char *const overview[] = { "Generics - Types which take parameters",
		                                "Keyof Type Operator - Using the keyof operator",
		                                "Mapped Types - Creating types by mapping each property",
		                                NULL };
	std::string out = cleaned(page(list_under(overview), ""));
	EXPECT_TRUE(has(out, para(101))) << out;
	EXPECT_TRUE(has(out, "* Generics - Types which take parameters")) << out;
	EXPECT_TRUE(has(out, "* Mapped Types - Creating types")) << out;
	static const char *const links[] = { "About Us", "Services", "Study Cases", "Clients", NULL };
	EXPECT_FALSE(has(cleaned(page(list_under(links), "")), "* About Us"));
}

// Beside a shop's or a service's text a short heading ending in a colon
// announces its list too ("Features include:", a game's "Minimum:"): the
// items stay, however short. Traps: "Tags:" and "You may also like:" over
// their links; a program's "ports:"; the same heading beside an article's
// text, where menus take such headings.
static std::string shop_list(const std::string &heading)
{
	std::string s = "   Skip to content\n" + menu(8, "Shop") + "\nTrail Runner 2\n\n" + para(100) +
	                "\n" + heading + "\n\n";
	for (const char *item : { "Light mesh upper", "Rock plate", "Wide toe box", "Grippy lugs",
	                          "Recycled laces" })
		s += std::string("     * ") + item + "\n";
	return s + "\n" + menu(30, "Help") + "\n   (c) 2026 Example Shop. All rights reserved.\n";
}

TEST(LeadIn, AShortHeadingAnnouncesItsListOnAShopsPage)
{
	std::string out = cleaned_as(shop_list("Features include:"), "product");
	EXPECT_TRUE(has(out, "* Light mesh upper")) << out;
	EXPECT_TRUE(has(out, "* Recycled laces")) << out;
	EXPECT_TRUE(has(cleaned_as(shop_list("Minimum:"), "product"), "* Recycled laces"));
	EXPECT_FALSE(has(cleaned_as(shop_list("Tags:"), "product"), "* Rock plate"));
	EXPECT_FALSE(has(cleaned_as(shop_list("You may also like:"), "product"), "* Rock plate"));
	EXPECT_FALSE(has(cleaned_as(shop_list("ports:"), "product"), "* Rock plate"));
	EXPECT_FALSE(has(cleaned_as(shop_list("Features include:"), "article"), "* Rock plate"));
}

// A page's hidden copy of its article strings together its summary's
// bullets: their sentences are its pieces with the bullet set aside (most
// of its sentences are the bullets': read with their "* ", it was prose).
TEST(HiddenCopy, BulletedSentencesArePieces)
{
	std::string copy = "  ", summary;
	for (int k = 0; k < 9; k++) {
		std::string p = para(120 + k, 40, 0);
		p.pop_back();
		copy += " " + p;
		summary += "     * " + p + "\n";
	}
	std::string body = para(110, 300);
	copy += " " + body.substr(3, body.size() - 4) + "\n";
	ASSERT_GE(copy.size(), 820u);
	std::string in = page(copy + "\nSaving Money\n\n" + summary + "\n" + body + "\n" + para(111) +
	                      "\n" + para(112), "");
	std::string out = cleaned(in);
	EXPECT_TRUE(has(out, para(112)));
	EXPECT_TRUE(has(out, para(110, 300)));
	EXPECT_EQ(std::string::npos, out.find(copy.substr(3, 200))) << out;
}

// An article whose prose is flush left (w3m's dump, a scraper's text):
// its footer's menu is flush left too, and three of its short lines end
// the body; before, it ran on to the page's end. Where the prose is set
// in (lynx), short lines flush left after it are the article's own, under
// its headings (a meal plan's), and stay.
static std::string short_lines_after(unsigned indent)
{
	std::string s = "Skip to content\n\nHome\nNews\nSport\n\n";
	for (unsigned k = 1; k <= 6; k++)
		s += para(k, 360, indent) + "\n";
	return s + "Read also\n\nThe library opens on Sundays from next month on\n\n"
	           "About us\nContact\nPrivacy\nCookies\nCareers\n\n(c) 2026 City News\n";
}

TEST(Joined, AFootersShortLinesEndAFlushLeftArticle)
{
	std::string out = cleaned(short_lines_after(0));
	EXPECT_TRUE(has(out, para(6, 360, 0)));
	EXPECT_FALSE(has(out, "Privacy")) << out;
	EXPECT_FALSE(has(out, "Careers"));
	out = cleaned(short_lines_after(3));
	EXPECT_TRUE(has(out, para(6)));
	EXPECT_TRUE(has(out, "Careers")) << "short lines flush left under set-in prose stay";
}

// An article that ends in a table (a shopping list by household size,
// under flush-left headings as lynx sets them): no prose follows for the
// body to join, the table joins as a table, and the prose after it joins
// again; the site map after that still goes.
static std::string shopping_list(int rows)
{
	std::string s = "\nFruit\n\n   Amounts for 1, 2 and 4 people\n";
	for (int i = 0; i < rows; i++) {
		std::string n = std::to_string(i + 1);
		s += "   Fruit number " + n + " " + n + "0g " + n + "5g " + n + "9g\n";
		if (i == rows / 2)
			s += "\nVegetables\n\n";
	}
	return s;
}

TEST(ClosingTable, AnArticlesLastTableStays)
{
	std::string body = "A week of healthy meals\n\n" + para(120) + "\n" + para(121) + shopping_list(12);
	std::string out = cleaned(page(body, ""));
	EXPECT_TRUE(has(out, para(121)));
	EXPECT_TRUE(has(out, "Fruit number 12 120g 125g 129g"));
	EXPECT_TRUE(has(out, "Vegetables"));
	EXPECT_FALSE(has(out, "* Page 3"));
	std::string after = body + "\n" + para(122) + "\n" + para(123);
	EXPECT_TRUE(has(cleaned(page(after, "")), para(123))) << "the prose after the table";
}

// traps: a teaser list after the article ("7 must-watch films, part 4":
// under three figures a row), a sidebar's archive of months (short rows),
// and a table of figures on a shop's page, whose figures are its grid's
TEST(ClosingTable, TeasersArchivesAndShopsTablesAreNone)
{
	std::string head = "A week of healthy meals\n\n" + para(120) + "\n" + para(121) + "\n";
	std::string teasers, archive;
	for (int i = 0; i < 10; i++) {
		teasers += "   7 must-watch films, part " + std::to_string(i) + "\n";
		archive += "   March 20" + std::to_string(10 + i) + "(" + std::to_string(i) + ") (" +
		           std::to_string(i + 3) + ")\n";
	}
	EXPECT_FALSE(has(cleaned(page(head + teasers, "")), "films, part 4"));
	EXPECT_FALSE(has(cleaned(page(head + archive, "")), "March 2014"));
	std::string table = head + shopping_list(12);
	EXPECT_TRUE(has(cleaned(page(table, "")), "Fruit number 9 90g"));
	EXPECT_FALSE(has(cleaned_as(page(table, ""), "collection"), "Fruit number 9 90g"));
}

// A review that compares models, each with a spec sheet of "Label: value"
// items (a list's form of a table): the sheets cost a join nothing, so
// the introduction above seven of them joins the body under them; seven
// lists of items that are no specs are a gap the join does not cross.
static std::string compared(bool specs)
{
	std::string s = "The fastest electric boards\n\n" + para(130) + "\n" + para(131) + "\n";
	for (int m = 0; m < 7; m++) {
		s += "Model " + std::to_string(m) + "\n\n";
		for (int k = 0; k < 10; k++)
			s += specs ? "     * Range " + std::to_string(k) + ": " + std::to_string(20 + k) + "-" +
			                     std::to_string(30 + m) + " miles\n"
			           : "     * Option " + std::to_string(m) + "." + std::to_string(k) + "\n";
		s += "\n";
	}
	return s + "Can you make it faster?\n\n" + para(132) + "\n" + para(133) + "\n" + para(134) + "\n" +
	       para(135) + "\n";
}

TEST(Joined, SpecSheetsAreNoGap)
{
	std::string out = cleaned(page(compared(true), ""));
	EXPECT_TRUE(has(out, para(135)));
	EXPECT_TRUE(has(out, para(130)));
	EXPECT_TRUE(has(out, "* Range 4: 24-33 miles"));
	EXPECT_FALSE(has(cleaned(page(compared(false), "")), para(130))) << "the contrast";
}

// test_listing.cc - a listing flattened to text: its cards, short lines
// with no prose, are the content when the prose found is a small part of
// what they span (maintext.c, listing_body; textunits.c).
#include <gtest/gtest.h>

#include "textpage.h"

// A shop's card as lynx writes it: image, name, rating, price, button.
static std::string card(int k)
{
	return "   [item-" + std::to_string(k) + ".jpg]\n   Stoneware Mug " + std::to_string(k) +
	       "\n   Rating: 4." + std::to_string(k % 10) + " out of 5 (" + std::to_string(10 + k) +
	       " reviews)\n   $" + std::to_string(12 + k) + ".99\n   (BUTTON) Add to cart\n\n";
}

static std::string buttons(int n)
{
	std::string s;
	for (int i = 0; i < n; i++)
		s += "   (BUTTON)\n";
	return s;
}

// A category page: header, menu, `n` cards, a newsletter's paragraph (the
// page's only prose), footer.
static std::string shop(int n)
{
	std::string s = "   Skip to content\n" + buttons(5) + menu(8, "Kitchen") + "\nMugs\n\n";
	for (int k = 0; k < n; k++)
		s += card(k);
	return s + "Sign up for our newsletter\n\n" + para(5, 240) + "\n" + buttons(5) +
	       menu(6, "About") + "\n   (c) 2026 Example Shop Ltd. All rights reserved.\n";
}

TEST(Listing, CardsAreTheBody)
{
	std::string out = cleaned(shop(30));
	for (int k = 0; k < 30; k++)
		EXPECT_TRUE(has(out, "Stoneware Mug " + std::to_string(k) + "\n")) << "card " << k;
	EXPECT_TRUE(has(out, "$41.99"));
	EXPECT_FALSE(has(out, para(5, 240)));
	EXPECT_FALSE(has(out, "Kitchen 3"));
	EXPECT_FALSE(has(out, "About 2"));
}

// Lynx's "(BUTTON)", in the header and the footer, is no card's line: the
// body does not run from the header to the footer.
TEST(Listing, ButtonsAreNoCards)
{
	std::string out = cleaned(shop(30));
	EXPECT_EQ(out.find("(BUTTON)\n"), std::string::npos) << out.substr(0, 300);
}

// Few cards beside the prose: the prose found is the body, as before, but
// on a collection or a listing (below).
TEST(Listing, FewCardsLeaveTheProse)
{
	std::string out = cleaned_as(shop(9), "article");
	EXPECT_TRUE(has(out, para(5, 240)));
}

// An article whose photos each carry the same credit line: the credits
// repeat, but the article is most of what they span.
TEST(Listing, AnArticleWithRepeatedCreditsStaysAnArticle)
{
	std::string s = "   Skip to content\n" + menu(8, "News") + "\nThe council's new library\n\n";
	for (int k = 0; k < 9; k++)
		s += para(10 + k) + "\n   Photo: Example Agency\n\n";
	s += "\nSite map\n\n" + menu(40, "Page") + "\n   (c) 2026 Example News. All rights reserved.\n";
	std::string out = cleaned(s);
	for (int k = 0; k < 9; k++)
		EXPECT_TRUE(has(out, para(10 + k))) << "paragraph " << k;
	EXPECT_FALSE(has(out, "Page 30"));
	EXPECT_EQ(explained(s).find("a listing"), std::string::npos);
}

// A category page: its introduction over `n` cards, then a pager and a
// guarantee's paragraph in the footer. The introduction is the prose found:
// more than a tenth of what the cards hold, under half of it.
static std::string category(int n, bool prices = true)
{
	std::string s = "   Skip to content\n" + menu(8, "Kitchen") + "\nMugs\n\n" + para(7, 200);
	for (int k = 0; k < n; k++)
		s += "\n   Stoneware Mug " + std::string(1, char('A' + k)) + "\n" +
		     (prices ? "   $" + std::to_string(12 + k) + ".99\n" : "   Glazed by hand\n") +
		     "   (BUTTON) Add to cart\n";
	return s + "\n" + menu(12, "Page") + "\nOur promise\n\n" + para(8, 340) + "\n" +
	       menu(6, "About") + "\n   (c) 2026 Example Shop Ltd. All rights reserved.\n";
}

// On a collection, cards that print a number (a price) are the content
// once the prose found holds under half their text, and the grid's
// introduction, just over them, stays with them. Read as an article, the
// introduction alone is the body (a tenth is asked there).
TEST(Listing, NumberedCardsOfACollectionOutweighItsIntroduction)
{
	std::string out = cleaned_as(category(16), "collection");
	for (int k = 0; k < 16; k++)
		EXPECT_TRUE(has(out, "Stoneware Mug " + std::string(1, char('A' + k)) + "\n")) << k;
	EXPECT_TRUE(has(out, para(7, 200))) << "the introduction";
	EXPECT_FALSE(has(out, para(8, 340)));
	EXPECT_FALSE(has(out, "Page 3"));
	std::string art = cleaned_as(category(16), "article");
	EXPECT_TRUE(has(art, para(7, 200))) << "the contrast: " << art;
	EXPECT_FALSE(has(art, "Stoneware Mug F\n")) << art;
}

// A category page whose guide to what it sells (three paragraphs, over
// UNIT_GUIDE chars, under half what the cards hold) comes under its grid
// and its pager: the cards and the guide are both the content, the pager
// between them is not. Before, the cards alone were.
TEST(Listing, ACollectionsGuideUnderItsGridStays)
{
	std::string s = "   Skip to content\n" + menu(8, "Kitchen") + "\nMugs\n\n";
	for (int k = 0; k < 60; k++)
		s += "   Stoneware Mug No. " + std::to_string(k) + "\n   $" + std::to_string(12 + k) +
		     ".99\n   (BUTTON) Add to cart\n";
	s += "\n" + menu(12, "Page") + "\nHow to choose a mug\n\n" + para(21, 300) + "\n" +
	     para(22, 300) + "\n" + para(23, 300) + "\n" + menu(6, "About") +
	     "\n   (c) 2026 Example Shop Ltd. All rights reserved.\n";
	std::string out = cleaned_as(s, "collection");
	for (int k = 0; k < 60; k++)
		EXPECT_TRUE(has(out, "Stoneware Mug No. " + std::to_string(k) + "\n")) << k;
	for (unsigned p = 21; p <= 23; p++)
		EXPECT_TRUE(has(out, para(p, 300))) << "guide paragraph " << p << ": " << out;
	EXPECT_FALSE(has(out, "Page 3")) << out;
	EXPECT_FALSE(has(out, "About 2")) << out;
}

// Cards without a number (a menu's "Back" under each of its sections is
// such a shape) still need the prose to be under a tenth of them.
TEST(Listing, CardsWithoutNumbersNeedTheProseToBeATenth)
{
	std::string out = cleaned_as(category(16, false), "collection");
	EXPECT_TRUE(has(out, para(7, 200)));
	EXPECT_FALSE(has(out, "Stoneware Mug F\n")) << out;
}

// A news page: its article, a long menu, then a grid of related stories,
// each with its date. Their shape alone ("cards") types the text a listing,
// a weak signal: the article stays the body. Read as a listing (forced),
// the dated cards outweigh it.
TEST(Listing, AListingByItsCardsAloneKeepsTheArticle)
{
	std::string s = "   Skip to content\n" + menu(8, "News") + "\nThe council's new library\n\n" +
	                para(9, 330) + "\n" + menu(30, "Page") + "\n";
	for (int k = 0; k < 16; k++)
		s += "   Story about the harbour " + std::string(1, char('A' + k)) + "\n   March " +
		     std::to_string(k + 1) + ", 2026\n   By Staff Writer\n\n";
	s += "   (c) 2026 Example News. All rights reserved.\n";
	EXPECT_NE(explained(s).find("page type: listing; signals: cards +1 listing;"),
	          std::string::npos);
	std::string out = cleaned(s);
	EXPECT_TRUE(has(out, para(9, 330)));
	EXPECT_FALSE(has(out, "March 5, 2026")) << out;
	EXPECT_TRUE(has(cleaned_as(s, "listing"), "March 5, 2026")) << "the contrast";
}

// A blog's index: its posts' teasers, each a headline, a blurb and "Read
// more", have the look of the related stories' list under an article. On
// a text read as a listing they are its content and join; read as an
// article, they go.
static std::string blog_index()
{
	std::string s = "   Skip to content\n" + menu(8, "Blog") + "\nLatest from the studio\n\n" +
	                para(70, 420);
	for (int k = 0; k < 6; k++)
		s += "\nNotes on spring planting " + std::to_string(k) + "\n\n" + para(80 + k, 150) +
		     "   Read more\n";
	return s + "\nSite map\n\n" + menu(40, "Page") +
	       "\n   (c) 2026 Example Studio. All rights reserved.\n";
}

TEST(Listing, TeasersOfAListingAreItsContent)
{
	std::string out = cleaned_as(blog_index(), "listing");
	for (int k = 0; k < 6; k++)
		EXPECT_TRUE(has(out, para(80 + k, 150))) << k << out;
	std::string art = cleaned_as(blog_index(), "article");
	EXPECT_TRUE(has(art, para(70, 420)));
	EXPECT_FALSE(has(art, para(83, 150))) << "the contrast";
}

TEST(Listing, ExplainSaysItIsAListing)
{
	std::string ex = explained(shop(30));
	EXPECT_NE(ex.find("(by prose scores, a grid of cards: the lines its numbered cards span, "
	                  "the prose half of them or less)"),
	          std::string::npos)
		<< ex.substr(0, 3000);
}

// A grid whose cards each show a carousel of pictures, which a dump writes
// as list items of their alt text: the card's name and an index counted
// from 0 ("+ Stoneware Mug A 0", "+ Stoneware Mug A 2"), or its view
// ("+ Stoneware Mug A Back view", wrapped or not) between them. The
// pictures go, the cards stay; counted from 1, the items may be a list of
// the page's own ("Practice Exam 1"), and stay.
static std::string carousel_grid(int from)
{
	std::string s = "   Skip to content\n" + menu(8, "Kitchen") + "\nMugs\n\n" + para(7, 200);
	for (int k = 0; k < 16; k++) {
		std::string name = "Stoneware Mug " + std::string(1, char('A' + k));
		s += "\n   " + name + "\n   $" + std::to_string(12 + k) + ".99\n";
		/* one named by its view, which wraps on odd cards */
		std::string view = k % 2 ? "Glaze detail in the\n            morning light" : "Back view";
		for (int p = from; p < from + 4; p++)
			s += "          + " + name + " " + (p == from + 1 ? view : std::to_string(p)) + "\n";
		s += "   (BUTTON) Add to cart\n";
	}
	return s + "\n" + menu(12, "Page") + "\nOur promise\n\n" + para(8, 340) + "\n" +
	       menu(6, "About") + "\n   (c) 2026 Example Shop Ltd. All rights reserved.\n";
}

TEST(Listing, ACardsCarouselPicturesGo)
{
	std::string out = cleaned_as(carousel_grid(0), "collection");
	for (int k = 0; k < 16; k++) {
		std::string name = "Stoneware Mug " + std::string(1, char('A' + k));
		EXPECT_TRUE(has(out, name + "\n")) << k << out;
		EXPECT_FALSE(has(out, name + " 2\n")) << k << out;
		EXPECT_FALSE(has(out, name + (k % 2 ? " Glaze" : " Back view\n"))) << k << out;
		EXPECT_FALSE(has(out, "morning light")) << k << out;
	}
	EXPECT_TRUE(has(out, "$19.99")) << out;
	EXPECT_NE(explained(carousel_grid(0), "collection").find("a carousel's pictures, one name and a counter"),
	          std::string::npos);
	EXPECT_TRUE(has(cleaned_as(carousel_grid(1), "collection"), "Stoneware Mug C 3\n"))
		<< "the contrast: counted from 1";
}

// Inside an article too: a gallery's pictures go, a list of the article's
// own that counts from 1, and one whose items are one word and a number,
// stay.
TEST(Listing, AnArticlesGalleryPicturesGo)
{
	std::string body = "The council's new library\n\n" + para(1) + "\n";
	for (int p = 0; p < 5; p++)
		body += "     * Reading room at dusk " + std::to_string(p) + "\n";
	body += "\n" + para(2) + "\n";
	for (int p = 1; p < 5; p++)
		body += "     * Practice Exam " + std::to_string(p) + "\n";
	body += "\n" + para(3) + "\n";
	for (int p = 0; p < 5; p++)
		body += "     * Level " + std::to_string(p) + "\n";
	std::string out = cleaned_as("   Skip to content\n" + menu(8, "News") + "\n" + body + "\n" +
	                                 para(4) + "\n" + menu(40, "Page") +
	                                 "\n   (c) 2026 Example News. All rights reserved.\n",
	                             "article");
	EXPECT_TRUE(has(out, para(3))) << out;
	EXPECT_FALSE(has(out, "Reading room at dusk 1")) << out;
	EXPECT_TRUE(has(out, "Practice Exam 3")) << out;
	EXPECT_TRUE(has(out, "Level 2")) << out;
}

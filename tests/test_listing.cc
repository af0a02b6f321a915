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

// Few cards beside the prose: the prose found is the body, as before.
TEST(Listing, FewCardsLeaveTheProse)
{
	std::string out = cleaned(shop(9));
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

TEST(Listing, ExplainSaysItIsAListing)
{
	std::string ex = explained(shop(30));
	EXPECT_NE(ex.find("(by prose scores, a listing: the lines its repeated cards span, the "
	                  "prose a tenth of them or less)"),
	          std::string::npos)
		<< ex.substr(0, 3000);
}

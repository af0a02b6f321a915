// test_layout.cc - a page printed once per layout (a phone's, a desktop's:
// site builders write it so, CSS shows one) and flattened to text: the
// copy goes, the first stays (rules/footer.rules, layout-copy); an
// article's own repeated rows stay.
#include <gtest/gtest.h>

#include "textpage.h"

// An article of `n` sections, a subheading and a paragraph each.
static std::string sections(int n, unsigned seed)
{
	std::string s;
	for (int k = 0; k < n; k++)
		s += "Step " + std::to_string(k + 1) + " of the plan\n\n" + para(seed + k, 300) + "\n";
	return s;
}

TEST(LayoutCopy, ThePagePrintedTwiceComesOutOnce)
{
	std::string body = "Building a library\n\n" + sections(20, 500);
	std::string page = "   Skip to content\n" + menu(8, "Topics") + "\n" + body + body + "\n" +
	                   menu(6, "About") + "\n   (c) 2026 Example News. All rights reserved.\n";
	std::string out = cleaned(page);
	for (int k = 0; k < 20; k++)
		EXPECT_EQ(1u, count(out, para(500 + k, 300))) << "paragraph " << k << ":\n" << out;
	EXPECT_NE(explained(page).find("removed by layout-copy (duplicate): repeats line"),
	          std::string::npos);
}

// A meal plan: each day's row of meals (ten blocks) comes again on other
// days, in order. A row under 30 blocks is the article's own: it stays.
TEST(LayoutCopy, AnArticlesOwnRepeatedRowsStay)
{
	std::string day = sections(5, 700);
	std::string page = "   Skip to content\n" + menu(8, "Topics") + "\nA week of meals\n\n";
	for (int d = 1; d <= 3; d++)
		page += "Day " + std::to_string(d) + "\n\n" + para(800 + d, 400) + "\n" + day;
	page += "\n" + menu(6, "About") + "\n   (c) 2026 Example News. All rights reserved.\n";
	std::string out = cleaned(page);
	for (int k = 0; k < 5; k++)
		EXPECT_EQ(3u, count(out, para(700 + k, 300))) << "meal " << k << ":\n" << out;
}

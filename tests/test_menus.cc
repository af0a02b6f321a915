// test_menus.cc - a shop's mega-menu flattened to text: long lines of
// capitalised category names, a comma here and there, are no prose
// (textlines.c, classify_line), and the body is the page's, not theirs;
// a list of names with a comma after each (a show's credits) still is.
#include <gtest/gtest.h>

#include "textpage.h"

// A line of `n` capitalised category names, a comma after the seventh.
static std::string menu_line(int seed, int n)
{
	static const char *const names[] = { "Guitars", "Solidbody", "Basses", "Amps", "Pedals",
		                             "Drum Sets", "Cymbals", "Synths", "Monitors", "Cables",
		                             "Headphones", "Mixers", "Interfaces", "Microphones" };
	std::string s = "   ";
	for (int i = 0; i < n; i++)
		s += std::string(i ? " " : "") + names[(seed + i * 5) % 14] + (i == 6 ? "," : "");
	return s + "\n";
}

// A shop's page: its mega-menu (groups under their headings), the
// product's name and description, then the footer.
static std::string shop_page()
{
	std::string s = "   Skip to content\n\nShop By Category\n\n";
	for (int g = 0; g < 6; g++)
		s += "   Group " + std::to_string(g) + "\n" + menu_line(g, 40) + menu_line(g + 7, 40) + "\n";
	s += "Studio Interface 4i4\n\n   $229.99\n   Add to Cart\n\n" + para(1, 300) + "\n" +
	     para(2, 300) + "\n";
	return s + "\n" + menu(30, "Help") + "\n   (c) 2026 Example Music. All rights reserved.\n";
}

TEST(Menus, AMegaMenuIsNoProse)
{
	std::string out = cleaned(shop_page());
	EXPECT_TRUE(has(out, para(1, 300)));
	EXPECT_TRUE(has(out, para(2, 300)));
	EXPECT_FALSE(has(out, menu_line(0, 40)));
	EXPECT_FALSE(has(out, menu_line(12, 40)));
}

// Paragraph `seed` wrapped at 79 columns, as w3m writes it.
static std::string wrapped(unsigned seed)
{
	std::string p = para(seed, 360, 0), out, line;
	size_t at = 0;
	while (at < p.size() - 1) {
		size_t sp = p.find(' ', at);
		std::string w = p.substr(at, (sp == std::string::npos ? p.size() - 1 : sp) - at);
		if (!line.empty() && line.size() + 1 + w.size() > 79) {
			out += line + "\n";
			line.clear();
		}
		line += (line.empty() ? "" : " ") + w;
		at += w.size() + 1;
	}
	return out + line + "\n";
}

// An article that ends in its show's details: a picture, the show's name
// and dates, then its credits, names with a comma after each, wrapped
// as w3m wraps them at 80 columns.
TEST(Menus, ACreditsListStaysWithItsArticle)
{
	std::string credits =
	        "Choreographer_Jeong Hye Jin, Director_Oh Kyeong Taek, Writer_Kyeong Min Seon,\n"
	        "Composer_Kim Cheol Hwan, Art Director_Park Dong Woo, Lighting Design_Sin Ho,\n"
	        "Video Design_Jeong Jae Jin, Costume Design_Lee Ho Jun, Make-up_Kim Jong nn,\n"
	        "Prop Design_Kim Sang Hee\n";
	std::string page = "Skip to content\n" + menu(6, "Menu") + "\nThe Palace Opens\n\n" +
	                   wrapped(1) + "\n" + wrapped(2) + "\n" + wrapped(3) +
	                   "\n[]\n\nJeongdong Theater Tradition Series Performance\n<The Palace>\n\n"
	                   "2018.04.05 ~ OPEN RUN\nTue - Sat 4PM (Closed on Sun & Mon)\n"
	                   "Viewing age of 48 months and above\n\nSTAFF\n" +
	                   credits + "\nTicketing\nwww.example.com\n\nShare this entry\n\n" +
	                   menu(40, "Page") + "\n(c) 2026 The Theatre. All rights reserved.\n";
	std::string out = cleaned(page);
	EXPECT_TRUE(has(out, wrapped(3).substr(0, 40)));
	EXPECT_TRUE(has(out, "Prop Design_Kim Sang Hee"));
}

// lynx prints the page's <link>s first, "#" and their titles or rels
// ("#alternate alternate RSS Feed"), wrapped at its indent: the page's
// head, not its text, even where the body starts right under it. A
// hashtag that starts a sentence stays.
TEST(Menus, LynxHeadLinksGo)
{
	std::string body = "Notes from the Allotment\n\n" + para(1) + "\n" + para(2) + "\n" + para(3);
	std::string out = cleaned("   #alternate alternate alternate alternate alternate alternate\n"
	                          "   alternate RSS Feed Comments Feed\n\n" + body);
	EXPECT_FALSE(has(out, "alternate")) << out;
	EXPECT_FALSE(has(out, "RSS Feed")) << out;
	EXPECT_TRUE(has(out, "Notes from the Allotment")) << out;
	EXPECT_TRUE(has(out, para(1))) << out;
	EXPECT_NE(explained("   #alternate RSS Feed\n\n" + body).find("lynx's list of the page's <link>s"),
	          std::string::npos);
	std::string tag = "#100DaysOfCode starts today, and I will write here about what I learn each day.";
	EXPECT_TRUE(has(cleaned(tag + "\n\n" + body), tag)) << "the contrast: a sentence";
	// lynx ends its list with a blank line, within a few dozen lines: a
	// list set flush left with no blank line, whose first line is a tag,
	// is the text's
	std::string flat = "#allotment\n";
	for (const char *crop : { "Broad beans", "Runner beans", "Shallots", "Garlic", "Leeks",
	                          "Parsnips", "Beetroot", "Chard", "Kale", "Rhubarb" })
		flat += std::string(crop) + " sown in March and picked in June\n";
	std::string out_flat = cleaned(flat);
	EXPECT_TRUE(has(out_flat, "#allotment")) << out_flat;
	EXPECT_TRUE(has(out_flat, "Rhubarb sown in March")) << out_flat;
}

// test_specs.cc - a product page flattened to text: the specifications
// under its description ("Weight: 15.92 kg" lines, a table's two-cell
// rows) join the body (maintext.c, spec_body; textspecs.c).
#include <gtest/gtest.h>

#include "textpage.h"

static const char *const fire_pit_specs = "   (BUTTON) Dimensions & Materials\n\n"
                                          "   Summit 24 Fire Pit\n"
                                          "     * Height: 39.1 cm (15.4 in)\n"
                                          "     * Width: 62.5 cm (24.6 in)\n"
                                          "     * Weight: 15.92 kg (35.1 lb)\n"
                                          "     * Material: Stainless steel\n\n";

// A shop's product page: header and menu, the product's name, its
// description, `specs`, then related products and a footer.
static std::string product(const std::string &specs)
{
	std::string s = "   Skip to content\n" + menu(8, "Shop") + "\nSummit 24 Fire Pit\n\n   $379.99\n"
	                "   (BUTTON) Add to Cart\n\n   (BUTTON) Description\n" +
	                para(3, 700) + specs + "You may also like\n\n";
	for (int k = 0; k < 6; k++)
		s += "   Fire Pit Stand " + std::to_string(k) + "\n   $" + std::to_string(40 + k) + ".99\n";
	return s + "\n" + menu(30, "Help") + "\n   (c) 2026 Example Stoves. All rights reserved.\n";
}

TEST(Specs, SpecificationsUnderTheDescriptionJoin)
{
	std::string out = cleaned_as(product(fire_pit_specs), "product");
	EXPECT_TRUE(has(out, para(3, 700)));
	EXPECT_TRUE(has(out, "* Height: 39.1 cm (15.4 in)")) << out;
	EXPECT_TRUE(has(out, "* Material: Stainless steel"));
	EXPECT_FALSE(has(out, "Fire Pit Stand 3"));
	EXPECT_FALSE(has(out, "Help 4"));
	// read as an article, a list of labels after the body is no more its
	// than the page's
	EXPECT_FALSE(has(cleaned_as(product(fire_pit_specs), "article"), "* Height: 39.1 cm"));
}

// Newegg's product page as lynx writes it: a sponsored card and the tabs'
// labels stand between the description and the specifications, further
// than a run's gap. A table of eight rows or more joins all the same,
// what stands between goes; a shorter one there stays out.
static std::string far_specs(int rows)
{
	std::string s = "   Sponsored\n\n   Leadex Platinum 850W Power Supply\n     * $159.99\n"
	                "     * Save: 27%\n\n";
	for (const char *tab : { "Overview", "Specs", "Reviews (1)", "See all Q & A", "Product Pictures" })
		s += std::string("   ") + tab + "\n";
	for (int k = 0; k < 8; k++)
		s += "   " + std::to_string(k % 2) + "\n";
	s += "\n   CAPTION: Model\n\n";
	for (int k = 0; k < rows; k++)
		s += "   Label " + std::to_string(k) + "      Value " + std::to_string(k) + " mm\n";
	return s + "\n";
}

TEST(Specs, FarSpecificationsJoinWhatIsBetweenGoes)
{
	std::string out = cleaned_as(product(far_specs(10)), "product");
	EXPECT_TRUE(has(out, para(3, 700))) << out;
	EXPECT_TRUE(has(out, "Label 9      Value 9 mm")) << out;
	EXPECT_FALSE(has(out, "See all Q & A")) << out;
	EXPECT_FALSE(has(out, "Product Pictures")) << out;
	EXPECT_FALSE(has(out, "Fire Pit Stand 3"));
	EXPECT_FALSE(has(cleaned_as(product(far_specs(5)), "product"), "Label 4")) << "five rows";
	EXPECT_FALSE(has(cleaned_as(product(far_specs(10)), "article"), "Label 9")) << "an article";
}

// A product's feature bullets right over the prose the body is found at
// (Newegg's: the name, the bullets, a promotion) join it. Traps: a
// gallery's alt texts, each starting alike ("May include: ..."), and the
// same bullets on an article.
static std::string featured(const std::string &items)
{
	std::string s = "   Skip to content\n" + menu(8, "Shop") +
	                "\nROG Strix GeForce RTX 4080 Graphics Card\n\n   (1) Write a Review\n" + items +
	                "\n" + para(3, 500) + "\nYou may also like\n\n";
	for (int k = 0; k < 6; k++)
		s += "   Card Stand " + std::to_string(k) + "\n   $" + std::to_string(40 + k) + ".99\n";
	return s + "\n" + menu(30, "Help") + "\n   (c) 2026 Example Shop. All rights reserved.\n";
}

TEST(Specs, FeatureBulletsOverTheBodyJoin)
{
	std::string features = "     * Powered by DLSS 3 and full ray tracing\n"
	                       "     * Axial-tech fans scaled up for more airflow\n"
	                       "     * A vapor chamber for lower GPU temps\n"
	                       "     * Digital power control with high-current stages\n";
	std::string out = cleaned_as(featured(features), "product");
	EXPECT_TRUE(has(out, para(3, 500))) << out;
	EXPECT_TRUE(has(out, "* Powered by DLSS 3 and full ray tracing")) << out;
	EXPECT_TRUE(has(out, "* Digital power control with high-current stages")) << out;
	EXPECT_FALSE(has(out, "Card Stand 3"));
	std::string gallery;
	for (int k = 0; k < 4; k++)
		gallery += "     * May include: a white mug " + std::to_string(k) + " with a brown rim\n";
	EXPECT_FALSE(has(cleaned_as(featured(gallery), "product"), "May include")) << "a gallery";
	EXPECT_FALSE(has(cleaned_as(featured(features), "article"), "* Powered by")) << "an article";
}

// --explain says how the body was found: the product's specifications
// under it, its feature bullets over it.
TEST(Specs, ExplainSaysWhatJoinedTheBody)
{
	EXPECT_NE(explained(product(fire_pit_specs), "product")
	                  .find("(by prose scores, and the specifications under the product's description)"),
	          std::string::npos);
	std::string features = "     * Powered by DLSS 3 and full ray tracing\n"
	                       "     * Axial-tech fans scaled up for more airflow\n"
	                       "     * A vapor chamber for lower GPU temps\n";
	EXPECT_NE(explained(featured(features), "product").find("(by prose scores, and the product's feature bullets over it)"),
	          std::string::npos);
}

// A game's system requirements: groups under their headings, a value
// wrapped onto a second line, all of them the product's.
TEST(Specs, GroupsUnderTheirHeadingsJoin)
{
	std::string specs = "   READ MORE\n\nSystem Requirements\n\n   Windows\n   macOS\n    MINIMUM\n\n"
	                    "     * OS: Windows 10\n     * Processor: 2.0 Ghz\n     * Memory: 2.5GB\n"
	                    "     * Video Card: 128mb Video Memory, capable of OpenGL 3.0+ support (2.1\n"
	                    "       with ARB extensions acceptable\n\n    RECOMMENDED\n\n"
	                    "     * OS: Windows 11\n     * Processor: Dual Core 3.0 Ghz\n"
	                    "     * Memory: 4GB\n\n";
	std::string out = cleaned_as(product(specs), "product");
	EXPECT_TRUE(has(out, "* Processor: 2.0 Ghz")) << out;
	EXPECT_TRUE(has(out, "with ARB extensions acceptable"));
	EXPECT_TRUE(has(out, "* Processor: Dual Core 3.0 Ghz"));
	EXPECT_TRUE(has(out, "* Memory: 4GB"));
}

// Four short lines, which no body grows over: a cart's drawer.
static std::string drawer(const std::string &after)
{
	return "   Your cart\n   (BUTTON) Close\n   Checkout\n   Subtotal\n\n" + after;
}

// A spec table's rows of two cells join; a cart's rows (more cells) and
// cards whose titles hold a colon, a price and a date between them, do not.
TEST(Specs, TwoCellRowsJoinCardsAndCartsDoNot)
{
	std::string table = "   Memory\n    Memory Size       12GB\n    Memory Type       GDDR5\n"
	                    "    Core Clock        732 MHz\n\n";
	std::string out = cleaned_as(product(drawer(table)), "product");
	EXPECT_TRUE(has(out, "Memory Type       GDDR5")) << out;
	EXPECT_FALSE(has(cleaned_as(product(drawer(table)), "article"), "Memory Type"));
	std::string cart = "   Item      Variant      Quantity     Price\n"
	                   "   Summit    Blue / 40L   1            $39.99\n"
	                   "   Summit    Black / 40L  1            $39.99\n"
	                   "   Summit    Black / 50L  1            $47.99\n\n";
	EXPECT_FALSE(has(cleaned_as(product(drawer(cart)), "product"), "Black / 50L"));
	std::string cards;
	for (int k = 0; k < 4; k++)
		cards += "   The Legend of Zelda: Tears " + std::to_string(k) + "\n   5/12/23\n"
		         "   Regular Price:$69.99\n   Games\n";
	EXPECT_FALSE(has(cleaned_as(product(drawer(cards + "\n")), "product"), "Zelda: Tears 2"));
}

// Teasers of a blog's posts whose titles hold a colon, each printed over
// its picture's name and under it: a title printed again is no spec.
TEST(Specs, TitlesPrintedTwiceDoNotJoin)
{
	static const char *const kinds[] = { "Mini", "Loop", "Long" };
	std::string cards;
	for (int k = 0; k < 3; k++) {
		std::string t = std::string(kinds[k]) + " Bands vs Booty Bands: What's the Difference?";
		cards += "     * " + t + "\n       mini bands " + std::to_string(k) + "\n       " + t + "\n";
	}
	std::string out = cleaned_as(product(drawer(cards + "\n")), "product");
	EXPECT_FALSE(has(out, "Loop Bands vs")) << out;
}

// The footer's contact lines ("Phone: ...") after the copyright notice
// are no specs, even right under the product's.
TEST(Specs, NoRunPastTheFootersNotice)
{
	std::string s = "   Skip to content\n" + menu(8, "Shop") + "\nSummit 24 Fire Pit\n\n   $379.99\n"
	                "   (BUTTON) Add to Cart\n\n" + para(3, 700) + fire_pit_specs +
	                "   (c) 2026 Example Stoves. All rights reserved.\n"
	                "   Phone: 555 0100\n   Email: help@example.com\n   Address: 1 Harbour St\n";
	std::string out = cleaned_as(s, "product");
	EXPECT_TRUE(has(out, "* Weight: 15.92 kg")) << out;
	EXPECT_FALSE(has(out, "Phone: 555 0100")) << out;
}

// "Label: value" needs a label, a name of a few words, and a value: a
// sentence with a colon, a URL or a label alone is no spec.
TEST(Specs, SpecLinesAreLabelsWithValues)
{
	std::string lines = "     * Note that the pit gets hot, as all do: keep children away\n"
	                    "     * https://example.com/manual.pdf\n     * Care:\n"
	                    "     * Warranty:\n\n";
	EXPECT_FALSE(has(cleaned_as(product(drawer(lines)), "product"), "as all do: keep children"));
}

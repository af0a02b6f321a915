// test_wrap.cc - flattened text hard-wrapped at a fixed width (lynx's and
// w3m's default 80 columns): a paragraph's lines are one block, lists,
// tables and text that is not wrapped stay a block a line.
#include <gtest/gtest.h>

#include <cstring>
#include <sstream>

#include "shim.h"

// A paragraph as a dump writes it: words filled up to `width` columns, the
// first line indented by `indent`, the others by as many blanks as `hang`
// (a list item's "* " or "1. " after it: they line up with its text).
static std::string wrap(const std::string &para, size_t width = 74, const std::string &indent = "   ",
                        const std::string &eol = "\n", const std::string &hang = "")
{
	std::istringstream words(para);
	std::string out, line = indent + hang, w, rest(indent.size() + hang.size(), ' ');
	while (words >> w) {
		if (line.size() > rest.size() && line.size() + 1 + w.size() > width) {
			out += line + eol;
			line = rest;
		}
		line += (line.size() > rest.size() ? " " : "") + w;
	}
	return out + line + eol;
}

static const char *const PARAS[] = {
	"The city council voted on Tuesday to extend the hours of the public library on weekends, "
	"after months of requests from students who said they had nowhere quiet to work in the "
	"evenings and on Sundays.",
	"The library will now stay open until nine in the evening on Saturdays and Sundays, and the "
	"reading rooms on the second floor will be kept for those who need a quiet place to study "
	"for their exams.",
	"Members of the council said that the cost of the longer hours would be met from the budget "
	"that had been set aside for the repair of the old building, which will now be done in the "
	"spring instead of the winter.",
	"A spokesperson for the library said that the staff were glad of the decision and that new "
	"people would be hired for the evening hours, so that none of the present staff would have "
	"to work more than they do now.",
	"The new hours begin on the first weekend of next month, and the council will look again at "
	"the numbers of visitors in the summer to decide whether the change should be kept for the "
	"years to come.",
};

static std::string article(const std::string &eol = "\n")
{
	std::string s;
	for (const char *p : PARAS)
		s += (s.empty() ? "" : eol) + wrap(p, 74, "   ", eol);
	return s;
}

static const cln_removal *only_removal(const Result &res)
{
	EXPECT_EQ(1u, cln_result_removal_count(res.get()));
	return cln_result_removal(res.get(), 0);
}

static size_t blocks_of(const Result &res)
{
	cln_totals t;
	cln_result_totals(res.get(), &t);
	return t.blocks;
}

// Nothing in `in` is removed (the output is the input, byte for byte), and
// it is read as `blocks` blocks.
static void expect_blocks(const cln_rules *r, const std::string &in, size_t blocks)
{
	Result res = clean(r, in);
	ASSERT_TRUE(res);
	EXPECT_EQ(in, text_of(res.get()));
	EXPECT_EQ(blocks, blocks_of(res));
}

TEST(Wrapped, ParagraphIsOneBlock)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	ASSERT_TRUE(r);
	std::string in = article();
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	EXPECT_EQ(in, text_of(res.get())); // nothing removed: the input, byte for byte
	EXPECT_EQ(5u, blocks_of(res));
}

TEST(Wrapped, CrLfLineEndsAreKept)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	std::string in = article("\r\n");
	expect_blocks(r.get(), in, 5u);
}

// A rule sees the paragraph whole: `.` runs over its line ends, and the
// report gives all of its lines and bytes.
TEST(Wrapped, RuleRemovesTheWholeParagraph)
{
	Rules r = compile("sponsored: drop /^\\s*Sponsored:.*partners\\.$/\n");
	ASSERT_TRUE(r);
	std::string note = wrap("Sponsored: this story was brought to you by the library's friends "
	                        "and partners, whom we thank for their support of local news and "
	                        "their partners.");
	std::string in = article() + "\n" + note;
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	EXPECT_EQ(article(), text_of(res.get()));
	const cln_removal *m = only_removal(res);
	size_t lines = 0;
	for (char c : article())
		lines += c == '\n';
	EXPECT_EQ(lines + 2, m->line_start);
	EXPECT_EQ(lines + 1 + 3, m->line_end); // the note takes three lines
	EXPECT_EQ(1u, m->blocks);
	EXPECT_EQ(note, std::string(m->text, m->text_len));
	EXPECT_EQ(in.size() - note.size(), m->byte_start);
	EXPECT_EQ(in.size(), m->byte_end);
}

// maxlen counts what the paragraph shows on one line: its line ends and
// indents are one blank each.
TEST(Wrapped, LengthsCountWhatTheParagraphShows)
{
	std::string para = "Photo credit: the library's archive, with thanks to the families who "
	                   "gave their pictures of the old reading rooms to the city.";
	std::string rules = "credit: drop /^\\s*Photo credit:/ maxlen=" + std::to_string(para.size() + 3) + "\n";
	Rules r = compile(rules);
	ASSERT_TRUE(r);
	std::string note = wrap(para);
	ASSERT_GT(note.size(), para.size() + 4); // two lines: the indent and a break
	Result res = clean(r.get(), article() + "\n" + note);
	ASSERT_TRUE(res);
	EXPECT_EQ(article(), text_of(res.get()));
}

// A list's items, a table's rows and a line a word would have been added to
// stay blocks of their own.
TEST(Wrapped, ItemsRowsAndEndedLinesStayApart)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	std::string items =
		wrap("The reading rooms on the second floor are kept for students who have exams to sit "
		     "this spring.", 74, "     ", "\n", "* ") +
		wrap("The children's library keeps its hours, from ten in the morning to five at night "
		     "on weekdays.", 74, "     ", "\n", "* ") +
		wrap("Saturdays and Sundays until nine in the evening, from the first weekend of next "
		     "month on.", 74, "    ", "\n", "1. ");
	std::string table = "   Day        Opens      Closes     Rooms open on the second floor\n"
	                    "   Saturday   10:00      21:00      all of the reading rooms, both halls\n"
	                    "   Sunday     12:00      21:00      the north reading room, both halls\n";
	std::string ended = "   The library answered the council in a letter.\n"
	                    "   Its staff were glad.\n";
	std::string in = article() + "\n" + items + "\n" + table + "\n" + ended;
	expect_blocks(r.get(), in, 5u + 3 + 3 + 2);
}

// w3m marks a list's items with a disc, a circle, a square or a star (three
// bytes of UTF-8, one column) and lines their wrapped text up after it: each item
// is a block of its own, its lines one, as a paragraph's are.
TEST(Wrapped, W3mBulletsStartItems)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	std::string paras;
	for (const char *p : PARAS)
		paras += wrap(p, 80, "") + "\n";
	std::string items =
		"  \xE2\x80\xA2 The reading rooms on the second floor are kept for students who have exams\n"
		"    to sit this spring, from the first weekend of next month on.\n"
		"  \xE2\x80\xA2 The children's library keeps its hours, from ten in the morning to five at\n"
		"    night on weekdays, and until noon on Saturdays.\n"
		"      \xE2\x97\x8B Its story hour moves to Sunday afternoons, at three, in the hall on the\n"
		"        ground floor, beside the reading room for the youngest.\n"
		"          \xE2\x98\x86 The puppet show stays on the first Sunday of the month, with tickets\n"
		"            at the desk from the Friday before, as in the years before.\n";
	expect_blocks(r.get(), paras + items, 5u + 4);
}

// Text that is not wrapped at one width (a wide dump: a paragraph a line)
// is judged a line at a time, even where a line happens to be long.
TEST(Wrapped, TextNotWrappedIsALineABlock)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	std::string in;
	for (const char *p : PARAS)
		in += std::string("   ") + p + "\n";
	in += "   Menu\n   News\n   Sport\n";
	in += "   A line of sixty-odd columns that a short next one follows\n   News\n";
	expect_blocks(r.get(), in, 5u + 3 + 2);
}

// A table whose rows all end at one width is no wrapped text, however many
// rows run on.
TEST(Wrapped, TableAtOneWidthIsNotWrapped)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	std::string in;
	for (int i = 1; i <= 40; i++) {
		char row[128];
		snprintf(row, sizeof row, "   %-4d Driver number %-8d %6d points  %2d wins  %2d poles\n", i,
		         i * 7, 5000 - i * 50, i % 7, i % 5);
		in += row;
	}
	expect_blocks(r.get(), in, 40u);
}

// Lines of one token each (a run of letters, a link's address) that fill
// one width are no wrapped prose: each stays a block (a rule's budget is
// spent a line at a time on them).
TEST(Wrapped, LinesOfOneTokenAreNotWrapped)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	std::string in;
	for (int i = 0; i < 50; i++)
		in += std::string(40, 'a') + "b\n";
	expect_blocks(r.get(), in, 50u);
}

// Where a block stands on the page is read in lines: a wrapped article is
// a few blocks after a menu's many, and ends at a copyright notice in the
// last quarter of the blocks but not of the lines (oregonlive.com's dump:
// the article was taken for the footer's fine print and a weather box's
// sentence kept instead).
TEST(Wrapped, ArticleAfterALongMenuIsTheBody)
{
	Rules r = compile("", true);
	ASSERT_TRUE(r);
	std::string in;
	for (int i = 0; i < 20; i++)
		in += "     * Section " + std::to_string(i) + "\n";
	in += "   Your weather is set to Portland. You can change the location at any time.\n";
	for (int i = 0; i < 20; i++)
		in += "     * Topic " + std::to_string(i) + "\n";
	in += "\n" + article() + "\n   © 2019 Example News. All rights reserved.\n\n   Terms of use\n";
	Result res = clean(r.get(), in);
	ASSERT_TRUE(res);
	std::string text = text_of(res.get());
	EXPECT_NE(std::string::npos, text.find(article())) << text;
	EXPECT_EQ(std::string::npos, text.find("Your weather")) << text;
}

static Result clean_wrapped(const cln_rules *r, const std::string &in, int wrap_width,
                            cln_error *err = nullptr)
{
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.wrap_width = wrap_width;
	cln_result *res = nullptr;
	cln_error e;
	cln_clean(&res, r, in.data(), in.size(), &o, err ? err : &e);
	return Result(res);
}

// The caller may say: -1, never wrapped (a block a line); N, wrapped at N
// columns, also where the text shows too few signs to say so itself (one
// paragraph).
TEST(Wrapped, WidthIsGivenOrTurnedOff)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	std::string in = article();
	size_t lines = 0;
	for (char c : in)
		lines += c == '\n';
	EXPECT_EQ(lines - 4, blocks_of(clean_wrapped(r.get(), in, -1))); // 4 blank lines
	EXPECT_EQ(5u, blocks_of(clean_wrapped(r.get(), in, 74)));
	std::string one = wrap(PARAS[0]);
	EXPECT_EQ(3u, blocks_of(clean_wrapped(r.get(), one, 0)));
	EXPECT_EQ(1u, blocks_of(clean_wrapped(r.get(), one, 74)));
	EXPECT_EQ(one, text_of(clean_wrapped(r.get(), one, 74).get()));
}

TEST(Wrapped, WidthOutOfRangeIsAnError)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	for (int w : { -2, 1, 9, 1001 }) {
		cln_error err;
		EXPECT_FALSE(clean_wrapped(r.get(), "text\n", w, &err)) << w;
		EXPECT_EQ(CLN_EINVAL, err.code);
		EXPECT_NE(nullptr, strstr(err.message, "wrap_width")) << err.message;
	}
	// a caller built against version 5 has no wrap_width: not read
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.version = 5;
	o.wrap_width = 1;
	cln_result *res = nullptr;
	EXPECT_EQ(0, cln_clean(&res, r.get(), "text\n", 5, &o, nullptr));
	cln_result_free(res);
}

// A line at the paragraph's text that starts with "o " goes on with it:
// Portuguese, Spanish and Italian write "o" as a word, and lynx sets its
// "o" bullets deeper than any paragraph's text. "* " there starts an item.
TEST(Wrapped, AWordOIsNoBullet)
{
	Rules r = compile("none: drop /^NOISE$/\n");
	std::string para = "   Os pacientes agendados para o período da manhã desta sexta-feira estão\n"
	                   "   o mesmo grupo que foi reagendado ontem, e a Secretaria de Saúde prevê\n"
	                   "   que o atendimento estará normalizado a partir da tarde de hoje.\n";
	std::string item = "   * O atendimento volta ao normal a partir da tarde de hoje, diz a nota.\n";
	expect_blocks(r.get(), article() + "\n" + para, 5 + 1);
	expect_blocks(r.get(), article() + "\n" + para + item, 5 + 1 + 1);
}

// test_html.cc - HTML input through the API: format sniffing, charset
// decoding, blocks and their paths, metadata, the output forms, and pages
// that are broken, truncated or nested absurdly deep.
#include <gtest/gtest.h>
#include <jansson.h>

#include "shim.h"

static Rules none()
{
	return compile("never: drop /^\\x{10FFFF}$/\n");
}

static Result html(const cln_rules *r, const std::string &page, const char *charset = nullptr,
                   cln_format f = CLN_FORMAT_AUTO)
{
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.format = f;
	o.charset = charset;
	cln_result *res = nullptr;
	EXPECT_EQ(0, cln_clean(&res, r, page.data(), page.size(), &o, nullptr));
	return Result(res);
}

static std::string render(const cln_result *r, cln_output_format f)
{
	char *s = nullptr;
	size_t n = 0;
	EXPECT_EQ(0, cln_result_render(&s, &n, r, f, nullptr));
	CString owner(s);
	return std::string(s, n);
}

TEST(Sniff, PagesAreHtmlAndTextIsText)
{
	Rules r = none();
	EXPECT_EQ(CLN_FORMAT_HTML, cln_result_format(html(r.get(), "<!DOCTYPE html><p>x</p>").get()));
	EXPECT_EQ(CLN_FORMAT_HTML, cln_result_format(html(r.get(), "\xEF\xBB\xBF  \n<html>").get()));
	EXPECT_EQ(CLN_FORMAT_HTML, cln_result_format(html(r.get(), "<div>Hi</div>").get()));
	// a fragment: a CMS's body, a feed's content
	EXPECT_EQ(CLN_FORMAT_HTML, cln_result_format(html(r.get(), "<pre><button>Copy</button>x</pre>").get()));
	EXPECT_EQ(CLN_FORMAT_HTML, cln_result_format(html(r.get(), "<h2>Steps</h2><ul><li>One</li></ul>").get()));
	EXPECT_EQ(CLN_FORMAT_TEXT, cln_result_format(html(r.get(), "Plain <b> text").get()));
	EXPECT_EQ(CLN_FORMAT_TEXT, cln_result_format(html(r.get(), "<3 you\n").get()));
	// the caller decides
	EXPECT_EQ(CLN_FORMAT_TEXT,
	          cln_result_format(html(r.get(), "<p>x</p>", nullptr, CLN_FORMAT_TEXT).get()));
	EXPECT_EQ("Plain text.\n", text_of(html(r.get(), "Plain text.", nullptr, CLN_FORMAT_HTML).get()));
}

TEST(Charset, MetaCharsetIsHonoured)
{
	Rules r = none();
	Result res = html(r.get(), "<html><head><meta charset=\"windows-1252\"></head>"
	                           "<body><p>caf\xE9 \x93quoted\x94</p></body></html>");
	EXPECT_STREQ("WINDOWS-1252", cln_result_charset(res.get()));
	EXPECT_EQ("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D\n", text_of(res.get()));
}

TEST(Charset, HttpEquivContentType)
{
	Rules r = none();
	Result res = html(r.get(), "<html><head><meta http-equiv=\"Content-Type\" "
	                           "content=\"text/html; charset=ISO-8859-15\"></head>"
	                           "<body><p>\xA4 5</p></body></html>");
	EXPECT_STREQ("ISO-8859-15", cln_result_charset(res.get()));
	EXPECT_EQ("\xE2\x82\xAC 5\n", text_of(res.get()));
}

TEST(Charset, CallerOverridesThePage)
{
	Rules r = none();
	Result res = html(r.get(), "<html><head><meta charset=\"utf-8\"></head><body><p>\xE9t\xE9</p>",
	                  "latin1");
	EXPECT_EQ("\xC3\xA9t\xC3\xA9\n", text_of(res.get()));
}

TEST(Charset, ByteOrderMarks)
{
	Rules r = none();
	std::string u16("\xFF\xFE<\0p\0>\0h\0\xE9\0<\0/\0p\0>\0", 20);
	Result res = html(r.get(), u16, nullptr, CLN_FORMAT_HTML);
	EXPECT_STREQ("UTF-16LE", cln_result_charset(res.get()));
	EXPECT_EQ("h\xC3\xA9\n", text_of(res.get()));
}

TEST(Charset, DetectionAndInvalidBytesAreCounted)
{
	Rules r = none();
	// valid UTF-8 with no declaration stays UTF-8
	EXPECT_STREQ("UTF-8", cln_result_charset(html(r.get(), "<p>caf\xC3\xA9</p>").get()));
	// a declared UTF-8 page with a stray byte: U+FFFD, counted, warned
	Result res = html(r.get(), "<html><head><meta charset=utf-8></head><body><p>a\xFF"
	                           "b</p></body></html>");
	EXPECT_EQ("a\xEF\xBF\xBD" "b\n", text_of(res.get()));
	cln_totals t;
	cln_result_totals(res.get(), &t);
	EXPECT_EQ(1u, t.replaced_bytes);
	std::string rep = report_of(res.get(), CLN_REPORT_JSON);
	EXPECT_NE(std::string::npos, rep.find("1 bytes not valid in UTF-8 were read as U+FFFD"));
	// undeclared legacy bytes: detection reads them as a single-byte charset
	Result det = html(r.get(), "<p>Le caf\xE9 est ferm\xE9 depuis l'\xE9t\xE9 dernier, "
	                           "et les habitu\xE9s s'en d\xE9sesp\xE8rent.</p>");
	EXPECT_STRNE("UTF-8", cln_result_charset(det.get()));
	EXPECT_NE(std::string::npos, text_of(det.get()).find("caf\xC3\xA9"));
}

TEST(Charset, UnknownLabelFallsBackToUtf8)
{
	Rules r = none();
	Result res = html(r.get(), "<meta charset=x-no-such-thing><p>ok</p>");
	EXPECT_STREQ("UTF-8", cln_result_charset(res.get()));
	EXPECT_EQ("ok\n", text_of(res.get()));
}

TEST(Blocks, RemovalsCarryPathOffsetAndRenderedText)
{
	Rules r = compile("n: drop {div.promo}\nt: drop /^Second/\n");
	ASSERT_TRUE(r);
	std::string page = "<html><body><div id=\"main\"><p>First  paragraph.</p>\n"
	                   "<div class=\"promo big\"><p>Buy <b>now</b></p><p>Sale</p></div>"
	                   "<p>Second one.</p></div></body></html>";
	Result res = html(r.get(), page);
	ASSERT_EQ(2u, cln_result_removal_count(res.get()));
	const cln_removal *m = cln_result_removal(res.get(), 0);
	EXPECT_STREQ("n", m->rule_id);
	EXPECT_STREQ("body>div#main>div.promo", m->path);
	EXPECT_EQ("Buy now\nSale\n", std::string(m->text, m->text_len));
	EXPECT_EQ(page.find("Buy"), m->byte_start);
	EXPECT_EQ(page.find("</p></div>") , m->byte_end);
	EXPECT_EQ(2u, m->blocks);
	const cln_removal *t = cln_result_removal(res.get(), 1);
	EXPECT_STREQ("body>div#main>p", t->path);
	EXPECT_EQ(2u, t->line_start);
	EXPECT_EQ("First paragraph.\n", text_of(res.get()));
}

TEST(Blocks, BrokenAndTruncatedHtmlIsRead)
{
	Rules r = none();
	EXPECT_EQ("Open para\n\nnext\n", text_of(html(r.get(), "<html><body><p>Open para<div>next").get()));
	EXPECT_EQ("a\n", text_of(html(r.get(), "<p>a</p><table><tr><td").get()));
	EXPECT_EQ("", text_of(html(r.get(), "<html><head><title>only a title").get()));
	EXPECT_EQ("x & y <z>\n", text_of(html(r.get(), "<p>x &amp; y &lt;z&gt;").get()));
}

// A paragraph of nothing that shows (a no-break space as a spacer, a
// zero-width joiner or space, a byte order mark) is no block: it read as an
// empty line in the output.
TEST(Blocks, TextThatShowsNothingIsNoBlock)
{
	Rules r = none();
	EXPECT_EQ("a\n\nb\n", text_of(html(r.get(), "<p>a</p><p>&nbsp;</p><p>&#8205;</p>"
	                                              "<p>&#8203;&#xFEFF; &#8239;&#12288;</p><p>b</p>").get()));
	EXPECT_EQ("a\xE2\x80\x8D\xC2\xA0" "b\n", text_of(html(r.get(), "<p>a&#8205;&nbsp;b</p>").get()));
}

// An icon font draws a glyph from its name: "local_offer", "check" set in
// Material Icons or Symbols are pictures, not text. The element stays (for
// selectors); a class that merely starts alike, or a sentence in such an
// element, is text; so is a name in a table, a comparison's tick.
TEST(Blocks, IconFontNamesAreNoText)
{
	Rules r = none();
	EXPECT_EQ("Spring sale: save $100\n\nFree returns\n\nmaterial_note kept\n\nSee the guide\n",
	          text_of(html(r.get(), "<p><span class=\"material-icons\">local_offer</span> Spring sale: save $100</p>"
	                                "<p><i class=\"icon material-symbols-outlined\">check</i>Free returns</p>"
	                                "<p><span class=\"materialicons\">material_note</span> kept</p>"
	                                "<p><span class=\"material-icons\">See the guide</span></p>").get()));
	EXPECT_EQ("Free e-filing\ncheck\n", text_of(html(r.get(), "<table><tr><td>Free e-filing</td>"
	                                                         "<td><i class=\"material-icons\">check</i></td></tr></table>").get()));
}

// A footnote's reference mark (a <sup> holding only a link to a note on
// the page: "ever.13", "[1]") is no word of the sentence; an exponent
// (m<sup>2</sup>) and a mark linking off the page are read.
TEST(Blocks, FootnoteMarksAreNoText)
{
	Rules r = none();
	EXPECT_EQ("The best noise cancellation ever.\n\nUp to 2x more than before\n\nA room of 20 m2.\n\n"
	          "See note a*\n",
	          text_of(html(r.get(), "<p>The best noise cancellation ever.<sup class=\"footnote\">"
	                                "<a href=\"#footnote-13\">13</a></sup></p>"
	                                "<p>Up to 2x more than before<sup> <a href=\"#cite_note-1\">[1]</a> </sup></p>"
	                                "<p>A room of 20 m<sup>2</sup>.</p>"
	                                "<p>See note a<sup><a href=\"https://example.com/notes\">*</a></sup></p>").get()));
}

// A heading's permalink (Sphinx's "\u00b6", VitePress's "#", "\u00a7") and a
// footnote's way back ("\u21a9"): a link to a place on the page holding
// only that glyph, shown on hover. A hashtag and a link to another page
// stay.
TEST(Blocks, PermalinkGlyphsAreNoText)
{
	Rules r = none();
	EXPECT_EQ("Middleware\n\nIntroduction to pruning\n\n@functools.cache(user_function)\n\n"
	          "A note.\n\nTagged #tips\n\nSee \u00a7\n",
	          text_of(html(r.get(), "<h1>Middleware<a class=\"headerlink\" href=\"#middleware\" "
	                                "title=\"Link to this heading\">\u00b6</a></h1>"
	                                "<h2 id=\"i\">Introduction to pruning <a class=\"header-anchor\" "
	                                "href=\"#i\" aria-hidden=\"true\"> # </a></h2>"
	                                "<dl><dt>@functools.cache(<em>user_function</em>)"
	                                "<a href=\"#functools.cache\">\u00a7</a></dt></dl>"
	                                "<p>A note. <a href=\"#ref-1\">\u21a9\ufe0e</a></p>"
	                                "<p>Tagged <a href=\"#tips\">#tips</a></p>"
	                                "<p>See <a href=\"/law#s2\">\u00a7</a></p>").get()));
}

// A code listing's line numbers are no code: a gutter beside it whose
// class names them (Pygments' "linenos" cell, hexo's "gutter", Rouge's
// "rouge-gutter"), a number span at each line's start whose class names it
// ("linenos", "linenumber"), or elements that number the lines 1, 2, 3 ...
// at their starts whatever their class (Twilio's, styled unselectable;
// links to each line, as code browsers write them).
TEST(Blocks, CodeLineNumbersAreNoText)
{
	Rules r = none();
	const std::string code = "with open(\"data.txt\") as f:\n    for line in f:\n";
	const char *pages[] = {
		"<table class=\"highlighttable\"><tr><td class=\"linenos\"><div class=\"linenodiv\"><pre>"
		"<span class=\"normal\">1</span>\n<span class=\"normal\">2</span></pre></div></td>"
		"<td class=\"code\"><pre>with open(\"data.txt\") as f:\n    for line in f:\n</pre></td></tr></table>",
		"<figure class=\"highlight\"><table><tr><td class=\"gutter\"><pre><span class=\"line\">1</span><br>"
		"<span class=\"line\">2</span><br></pre></td><td class=\"code\"><pre><span class=\"line\">with "
		"open(\"data.txt\") as f:</span><br><span class=\"line\">    for line in f:</span><br></pre></td>"
		"</tr></table></figure>",
		"<table class=\"rouge-table\"><tr><td class=\"rouge-gutter gl\"><pre class=\"lineno\">1\n2\n</pre>"
		"</td><td class=\"rouge-code\"><pre>with open(\"data.txt\") as f:\n    for line in f:\n</pre></td></tr></table>",
		"<pre><span class=\"linenos\">1</span>with open(\"data.txt\") as f:\n"
		"<span class=\"linenos\">2</span>    for line in f:\n</pre>",
		"<pre><code><span class=\"linenumber react-syntax-highlighter-line-number\">1</span>with "
		"open(\"data.txt\") as f:\n<span class=\"linenumber react-syntax-highlighter-line-number\">2</span>"
		"    for line in f:\n</code></pre>",
		"<pre><a href=\"#L1\">1</a>with open(\"data.txt\") as f:\n<a href=\"#L2\">2</a>    for line in f:\n</pre>",
		"<pre><div><div class=\"l\"><style>.n{user-select:none}</style><span class=\"n\">1</span>"
		"<div><span>with</span> open(\"data.txt\") as f:\n</div></div><div class=\"l\"><span class=\"n\">2"
		"</span><div>    for line in f:\n</div></div><div class=\"l\"><span class=\"n\">3</span><div>\n</div>"
		"</div></div></pre>",
	};
	// a copy button in the <pre> is no code either
	EXPECT_EQ("x = 1\nprint(x)\n", text_of(html(r.get(), "<pre><button class=\"copy\">Copy</button>"
	                                                     "<code>x = 1\nprint(x)\n</code></pre>",
	                                                nullptr, CLN_FORMAT_HTML).get()));
	for (const char *p : pages) {
		std::string text = text_of(html(r.get(), p).get());
		EXPECT_EQ(0u, text.find(code)) << p << "\n" << text;
		EXPECT_EQ(std::string::npos, text.find_first_of("123", code.size())) << text;
	}
}

// A page parsed in pieces (--html-piece) may cut a numbered listing
// anywhere: the numbers are found as the walk goes, in the page's order,
// and the text is the whole page's however small the pieces.
TEST(Blocks, CodeLineNumbersAcrossPieces)
{
	Rules r = none();
	std::string pre = "<pre>", code;
	for (int i = 1; i <= 60; i++) {
		std::string line = "total += values[" + std::to_string(i) + "];";
		pre += "<div class=\"l\"><span class=\"n\">" + std::to_string(i) + "</span><div>" + line + "\n</div></div>";
		code += line + "\n";
	}
	std::string page = "<html><body><article>" + pre + "</pre><div><span>61</span> left</div></article></body></html>";
	for (size_t piece : { (size_t)0, (size_t)1, (size_t)7, (size_t)64, (size_t)1000 }) {
		cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
		o.html_piece = piece;
		cln_result *res = nullptr;
		ASSERT_EQ(0, cln_clean(&res, r.get(), page.data(), page.size(), &o, nullptr));
		EXPECT_EQ(code + "\n61 left\n", text_of(Result(res).get())) << "piece " << piece;
	}
}

// Numbers that are code or output stay: number literals a highlighter
// marks up, a program's output counting in spans with no code beside it,
// outputs in turn between an interactive session's statements,
// numbers out of turn, a pager styled "outline-none", a grid "no-gutters"
// of figures.
TEST(Blocks, NumbersThatAreCodeStay)
{
	Rules r = none();
	EXPECT_EQ("x = [1, 2, 3]\n4 + 5\n",
	          text_of(html(r.get(), "<pre><code>x = [<span class=\"mi\">1</span>, <span class=\"mi\">2</span>, "
	                                "<span class=\"mi\">3</span>]\n<span class=\"mi\">4</span> + "
	                                "<span class=\"mi\">5</span>\n</code></pre>").get()));
	EXPECT_EQ("1\n2\n3\n", text_of(html(r.get(), "<pre><span class=\"mi\">1</span>\n<span class=\"mi\">2"
	                                              "</span>\n<span class=\"mi\">3</span>\n</pre>").get()));
	// Sphinx's interactive session: outputs "0" and "1" in turn between
	// the statements (Python's tutorial, WCXB dev 2858)
	EXPECT_EQ(">>> len(empty)\n0\n>>> len(singleton)\n1\n>>> singleton\n('hello',)\n",
	          text_of(html(r.get(), "<pre><span class=\"gp\">&gt;&gt;&gt; </span>len(empty)\n"
	                                "<span class=\"go\">0</span>\n<span class=\"gp\">&gt;&gt;&gt; </span>"
	                                "len(singleton)\n<span class=\"go\">1</span>\n<span class=\"gp\">"
	                                "&gt;&gt;&gt; </span>singleton\n<span class=\"go\">('hello',)</span>\n"
	                                "</pre>").get()));
	EXPECT_EQ("1 a\n3 b\n2 c\n", text_of(html(r.get(), "<pre><span>1</span> a\n<span>3</span> b\n"
	                                                "<span>2</span> c\n</pre>").get()));
	EXPECT_EQ("Pages: 1 2 3\n",
	          text_of(html(r.get(), "<p>Pages: <a class=\"outline-none underline\" href=\"?p=1\">1</a> "
	                                "<a class=\"outline-none underline\" href=\"?p=2\">2</a> "
	                                "<a class=\"focus:outline-none\" href=\"?p=3\">3</a></p>").get()));
	EXPECT_EQ("25\n\n100\n", text_of(html(r.get(), "<div class=\"row no-gutters\"><div>25</div>"
	                                                "<div>100</div></div>").get()));
}

// Cloudflare's email protection serves "[email protected]" and a script
// that writes the address back from the element's data-cfemail (hex, each
// byte XOR the first): the text shows the address, as the browser does.
// What does not decode to an address stays as served.
TEST(Blocks, CloudflareEmailsReadAsShown)
{
	Rules r = none();
	EXPECT_EQ("Write to ops@example.com today.\n\nOr [email\u00a0protected]\n\nOr [email\u00a0protected]\n"
	          "\nOr [email\u00a0protected]\n",
	          text_of(html(r.get(), "<p>Write to <a href=\"/cdn-cgi/l/email-protection#422d3231\">"
	                                "<span class=\"__cf_email__\" data-cfemail=\"422d323102273a232f322e276c212d2f\">"
	                                "[email&#160;protected]</span></a> today.</p>"
	                                "<p>Or <span class=\"__cf_email__\" data-cfemail=\"422c2d3662232c6223262630273131\">"
	                                "[email&#160;protected]</span></p>"
	                                "<p>Or <span class=\"__cf_email__\" data-cfemail=\"42zz\">"
	                                "[email&#160;protected]</span></p>"
	                                "<p>Or <span class=\"__cf_email__\" data-cfemail=\"zz2d\">"
	                                "[email&#160;protected]</span></p>").get()));
}

// Patterns' `.` runs over line ends (a wrapped paragraph is one block),
// but text-read-twice keeps to one line: a program's output printed twice
// in a <pre> is the program's (WCXB dev 4309).
TEST(Blocks, PreOutputPrintedTwiceStays)
{
	Rules r = compile("", true);
	std::string out = "0\n1\n2\n3\n...\n0\n1\n2\n3\n...";
	std::string page = "<html><body><article><h1>Why the loop blocks</h1>"
	                   "<p>The coroutine below prints its counter and then waits, and the loop "
	                   "runs it twice, as the question shows with the output of the program.</p>"
	                   "<pre><code>" + out + "</code></pre>"
	                   "<p>Each call starts the counter again from zero, which is why the same "
	                   "numbers appear twice in the output of the program above.</p>"
	                   "</article></body></html>";
	std::string text = text_of(html(r.get(), page).get());
	EXPECT_NE(std::string::npos, text.find(out)) << text;
}

// A label's span and its value's, side by side in one row (a shop's
// details, styled apart), are two fields: "ISBN-10 054410305X", not one
// number; the parts of one price stay one.
TEST(Blocks, LabelAndValueSpansAreApart)
{
	Rules r = none();
	EXPECT_EQ("ISBN-10 054410305X\n\nNumber of Pages 240 Pages\n\nWeight 12 Oz\n\n$19.99\n",
	          text_of(html(r.get(), "<div><span class=\"details_name\"><span>ISBN-10</span></span>"
	                                "<span class=\"details_value\"><span>054410305X</span></span></div>"
	                                "<div><span class=\"spec-label\">Number of Pages</span>"
	                                "<span class=\"spec-value\">240 Pages</span></div>"
	                                "<div><span class=\"attr__key\">Weight</span><span class=\"x attr__val\">12 Oz</span></div>"
	                                "<div><span class=\"price-dollars\">$19</span><span class=\"price-cents\">.99</span></div>").get()));
}

// A control's text leaves the line it sat on (so non-content can drop it);
// a button in running text, a name or term a script explains, does not.
TEST(Blocks, AButtonIsABlockUnlessInRunningText)
{
	Rules r = none();
	EXPECT_EQ("\u00a318\n\nAdd to bag\n",
	          text_of(html(r.get(), "<p>\u00a318 <button>Add to bag</button></p>").get()));
	EXPECT_EQ("Ends here.\n\nShare\n\nSave\n",
	          text_of(html(r.get(), "<p>Ends here. <button>Share</button> <button>Save</button></p>").get()));
	EXPECT_EQ("said professor Ann Weir, the director.\n",
	          text_of(html(r.get(), "<p>said professor <button>Ann Weir,</button> the director.</p>").get()));
	EXPECT_EQ("Batch jobs need compute.\n",
	          text_of(html(r.get(), "<p><button>Batch jobs</button> need compute.</p>").get()));
	EXPECT_EQ("Use code SPRING\n",
	          text_of(html(r.get(), "<p>Use code <button>SPRING</button></p>").get()));
}

static bool has(const std::string &hay, const char *needle)
{
	return hay.find(needle) != std::string::npos;
}

static std::string warnings(const cln_result *r)
{
	std::string all;
	for (size_t i = 0; i < cln_result_warning_count(r); i++)
		all += std::string(cln_result_warning(r, i)) + "\n";
	return all;
}

// the old guard counted every '<' and a letter and cut the page there
TEST(Nesting, ScriptsSvgAndUnclosedCellsAreNotDeep)
{
	Rules r = none();
	for (const char *f : { "inline_js.html", "svg_paths.html", "unclosed_td.html" }) {
		Result res = html(r.get(), read_file(srcdir() + "/tests/data/nesting/" + f));
		EXPECT_EQ("", warnings(res.get())) << f;
		EXPECT_TRUE(has(text_of(res.get()), "The council voted")) << f;
	}
	Result svg = html(r.get(), read_file(srcdir() + "/tests/data/nesting/svg_paths.html"));
	EXPECT_TRUE(has(text_of(svg.get()), "FINAL PARAGRAPH"));
}

// deeper than the limit: the tags go, every word stays, and a warning says so
TEST(Nesting, DeepPagesKeepAllTheirTextWithAWarning)
{
	Rules r = none();
	for (int depth : { 2100, 200000 }) {
		std::string page = "<html><body>";
		for (int i = 0; i < depth; i++)
			page += "<div>w" + std::to_string(i) + " ";
		page += "deep";
		for (int i = 0; i < depth; i++)
			page += "</div>";
		page += "<p>after</p>";
		Result res = html(r.get(), page);
		std::string text = text_of(res.get());
		// what nests deeper than the limit runs together
		std::string last = " w" + std::to_string(depth - 1) + " deep\n";
		EXPECT_TRUE(has(text, "w0\n") && has(text, " w2099 ") && has(text, last.c_str()) &&
		            has(text, "\nafter\n")) << depth;
		EXPECT_TRUE(has(warnings(res.get()), "tags ignored (their text is kept)")) << depth;
	}
	// 2,000 deep is read as it is
	std::string page = "<html><body>";
	for (int i = 0; i < 2000; i++)
		page += "<div>";
	page += "deep<p>after</p>";
	Result ok = html(r.get(), page);
	EXPECT_EQ("", warnings(ok.get()));
	EXPECT_EQ(0u, cln_result_warning_count(html(r.get(), "<div><div><p>fine</p></div></div>").get()));
}

// what bypassed the old guard: end tags that close nothing, '<' in quotes,
// and the formatting elements the parser reopens before every paragraph
TEST(Nesting, BypassesAreBounded)
{
	Rules r = none();
	std::string ends = "<html><body>", quoted = ends, reopen = ends + "<div>";
	for (int i = 0; i < 20000; i++) {
		ends += "<div></x>";
		quoted += "<div title=\"</a>\">";
	}
	for (int i = 0; i < 1000; i++)
		reopen += "<b id=" + std::to_string(i) + ">";
	reopen += "</div>";
	for (int i = 0; i < 2000; i++)
		reopen += "<p>x" + std::to_string(i) + "</p>";
	for (const std::string &page : { ends + "end", quoted + "end", reopen }) {
		Result res = html(r.get(), page);
		EXPECT_TRUE(has(warnings(res.get()), "tags ignored")) << page.substr(0, 40);
	}
	EXPECT_TRUE(has(text_of(html(r.get(), reopen).get()), "x1999"));
}

// Gumbo 0.10.1 aborts on this (an HTML select in foreign content in a table)
TEST(Nesting, GumboAssertionIsAvoided)
{
	Rules r = none();
	Result res = html(r.get(), "<p>ok</p><table><svg><select><foreignObject><select><table>x");
	EXPECT_TRUE(has(text_of(res.get()), "ok"));
}

TEST(Metadata, TitleAuthorDateUrlLanguage)
{
	Rules r = none();
	Result res = html(r.get(),
	    "<html lang=\"de\"><head><title>Plain title</title>"
	    "<meta property=\"og:title\" content=\"OG title\">"
	    "<meta name=\"author\" content=\"Jane Doe\">"
	    "<meta property=\"article:published_time\" content=\"2024-05-01T10:00:00Z\">"
	    "<link rel=\"canonical\" href=\"https://example.com/a\"></head><body><p>x</p></body></html>");
	EXPECT_STREQ("OG title", cln_result_meta(res.get(), CLN_META_TITLE));
	EXPECT_STREQ("Jane Doe", cln_result_meta(res.get(), CLN_META_AUTHOR));
	EXPECT_STREQ("2024-05-01T10:00:00Z", cln_result_meta(res.get(), CLN_META_DATE));
	EXPECT_STREQ("https://example.com/a", cln_result_meta(res.get(), CLN_META_URL));
	EXPECT_STREQ("de", cln_result_meta(res.get(), CLN_META_LANGUAGE));
	Result bare = html(r.get(), "<p>x</p>");
	EXPECT_EQ(nullptr, cln_result_meta(bare.get(), CLN_META_TITLE));
	EXPECT_EQ(nullptr, cln_result_meta(bare.get(), (cln_meta)99));
}

// Google Scholar's (Highwire Press) tags, which arXiv and journals write:
// the first author, the title and the publication date.
TEST(Metadata, ScholarCitationTags)
{
	Rules r = none();
	Result res = html(r.get(),
	    "<html><head><title>[2512.16245] A paper</title>"
	    "<meta name=\"citation_title\" content=\"A paper on merging\">"
	    "<meta name=\"citation_author\" content=\"Roy, Aniruddha\">"
	    "<meta name=\"citation_author\" content=\"Patel, Jyoti\">"
	    "<meta name=\"citation_date\" content=\"2025/12/18\">"
	    "</head><body><p>x</p></body></html>");
	EXPECT_STREQ("A paper on merging", cln_result_meta(res.get(), CLN_META_TITLE));
	EXPECT_STREQ("Roy, Aniruddha", cln_result_meta(res.get(), CLN_META_AUTHOR));
	EXPECT_STREQ("2025/12/18", cln_result_meta(res.get(), CLN_META_DATE));
	// a page's own author and date tags come first
	Result own = html(r.get(),
	    "<html><head><meta name=\"author\" content=\"Jane Doe\">"
	    "<meta name=\"citation_author\" content=\"Roy, Aniruddha\">"
	    "<meta property=\"article:published_time\" content=\"2024-05-01\">"
	    "<meta name=\"citation_publication_date\" content=\"2023/01/02\">"
	    "</head><body><p>x</p></body></html>");
	EXPECT_STREQ("Jane Doe", cln_result_meta(own.get(), CLN_META_AUTHOR));
	EXPECT_STREQ("2024-05-01", cln_result_meta(own.get(), CLN_META_DATE));
}

TEST(Metadata, JsonLdArticle)
{
	Rules r = none();
	Result res = html(r.get(),
	    "<html><head><script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
	    "\"@graph\":[{\"@type\":\"NewsArticle\",\"headline\":\"LD headline\","
	    "\"author\":[{\"@type\":\"Person\",\"name\":\"A. Writer\"}],"
	    "\"datePublished\":\"2023-02-03\"}]}</script></head><body><p>x</p></body></html>");
	EXPECT_STREQ("LD headline", cln_result_meta(res.get(), CLN_META_TITLE));
	EXPECT_STREQ("A. Writer", cln_result_meta(res.get(), CLN_META_AUTHOR));
	EXPECT_STREQ("2023-02-03", cln_result_meta(res.get(), CLN_META_DATE));
}

TEST(Render, TextMarkdownAndJson)
{
	Rules r = none();
	Result res = html(r.get(),
	    "<html><head><title>The title</title></head><body><h2>Part one</h2><p>Para.</p>"
	    "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol><blockquote>Quote.</blockquote>"
	    "<pre>code  here</pre></body></html>");
	EXPECT_EQ("The title\n\nPart one\n\nPara.\n\na\nb\n\nc\n\nQuote.\n\ncode  here\n",
	          render(res.get(), CLN_OUTPUT_TEXT));
	// Markdown needs cln_clean_options.markdown (test_markdown.cc)
	json_t *j = json_loads(render(res.get(), CLN_OUTPUT_JSON).c_str(), 0, nullptr);
	ASSERT_TRUE(j);
	EXPECT_STREQ("The title", json_string_value(json_object_get(j, "title")));
	EXPECT_TRUE(json_is_null(json_object_get(j, "author")));
	EXPECT_STREQ("html", json_string_value(json_object_get(j, "format")));
	EXPECT_STREQ(text_of(res.get()).c_str(), json_string_value(json_object_get(j, "text")));
	EXPECT_TRUE(json_is_object(json_object_get(json_object_get(j, "report"), "rules") ? json_object_get(j, "report") : nullptr));
	json_decref(j);
}

TEST(Render, TextInputIsUnchangedInEveryTextForm)
{
	Rules r = none();
	Result res = html(r.get(), "Line one\n\nLine two\n");
	EXPECT_EQ("Line one\n\nLine two\n", render(res.get(), CLN_OUTPUT_TEXT));
	EXPECT_EQ("Line one\n\nLine two\n", render(res.get(), CLN_OUTPUT_MARKDOWN));
	char *s = reinterpret_cast<char *>(1);
	EXPECT_EQ(CLN_EINVAL, cln_result_render(&s, nullptr, res.get(), (cln_output_format)9, nullptr));
	EXPECT_EQ(nullptr, s);
}

TEST(MainContent, ReportSaysWhyForEachDrop)
{
	Rules r = compile("m: main-content\n");
	ASSERT_TRUE(r);
	std::string prose = "<p>This is a paragraph of the story, with commas, sentences and enough "
	                    "words to count as prose in any scoring of text.</p>";
	Result res = html(r.get(), "<html><head><title>Story</title></head><body>"
	                           "<div class=\"menu\"><a href=\"/\">Home</a> <a href=\"/x\">World</a></div>"
	                           "<article><h1>Story</h1>" + prose + prose +
	                           "<p><a href=\"/a\">A link list line of some length here</a></p></article>"
	                           "<div><p>Teaser somewhere else on the page, without much to it.</p></div>"
	                           "</body></html>");
	std::vector<std::string> why;
	for (size_t i = 0; i < cln_result_removal_count(res.get()); i++)
		why.push_back(cln_result_removal(res.get(), i)->detail ? cln_result_removal(res.get(), i)->detail : "");
	ASSERT_EQ(4u, why.size());
	EXPECT_EQ("outside the main content: body>article (<article>)", why[0]);
	EXPECT_EQ("the page title (the text output puts it first)", why[1]);
	EXPECT_EQ("100% of its text is links", why[2]);
	EXPECT_EQ("outside the main content: body>article (<article>)", why[3]);
}

TEST(MainContent, AHeadlineWithoutATitleBecomesTheTitle)
{
	// the leading h1 goes from the body as the page title; with no <title>
	// or og:title it must still reach the outputs, as the title
	Rules r = compile("m: main-content\n");
	ASSERT_TRUE(r);
	Result res = html(r.get(), "<html><body><article><h1>Ferry link restored</h1>"
	                           "<p>The island ferry ran again on Monday after a week in dry dock.</p>"
	                           "</article></body></html>");
	EXPECT_STREQ("Ferry link restored", cln_result_meta(res.get(), CLN_META_TITLE));
	EXPECT_EQ("Ferry link restored\n\nThe island ferry ran again on Monday after a week in dry dock.\n",
	          render(res.get(), CLN_OUTPUT_TEXT));
	EXPECT_EQ("The island ferry ran again on Monday after a week in dry dock.\n", text_of(res.get()));
}

TEST(MainContent, AHeadlineThatIsNotTheTitleStays)
{
	// the first <h1> went as "the page title" even when the title said
	// something else, and then the headline was in no output
	Rules r = compile("m: main-content\n");
	ASSERT_TRUE(r);
	const std::string body = "<article><h1>Ferry link restored</h1>"
	                         "<p>The island ferry ran again on Monday after a week in dry dock.</p>"
	                         "</article></body></html>";
	Result other = html(r.get(), "<html><head><title>Island News</title></head><body>" + body);
	EXPECT_EQ("Island News\n\nFerry link restored\n\nThe island ferry ran again on Monday after a "
	          "week in dry dock.\n", render(other.get(), CLN_OUTPUT_TEXT));
	// it repeats the title, alone or with the site's name set off: it goes
	for (const char *title : { "Ferry link restored", "FERRY  link restored | Island News",
	                           "Island News \xE2\x80\x94 Ferry link restored" }) {
		Result same = html(r.get(), std::string("<html><head><title>") + title +
		                                "</title></head><body>" + body);
		EXPECT_EQ("The island ferry ran again on Monday after a week in dry dock.\n",
		          text_of(same.get())) << title;
	}
}

TEST(MainContent, AHeadlineWithNoBreakSpacesRepeatsTheTitle)
{
	// "iPad&nbsp;Pro" under <title>iPad Pro</title>: the same words, so it
	// goes as the title and the outputs give it once
	Rules r = compile("m: main-content\n");
	ASSERT_TRUE(r);
	Result res = html(r.get(), "<html><head><title>Ferry link restored</title></head><body><article>"
	                           "<h1>Ferry&nbsp;link&nbsp;restored</h1><p>The island ferry ran again on "
	                           "Monday after a week in dry dock.</p></article></body></html>");
	EXPECT_EQ("Ferry link restored\n\nThe island ferry ran again on Monday after a week in dry "
	          "dock.\n", render(res.get(), CLN_OUTPUT_TEXT));
}

// the HTML standard's prescan: only real <meta> elements, comments skipped,
// attributes parsed; a declared UTF-16 means UTF-8, UTF-7 is never honoured
TEST(Charset, OnlyRealMetaElementsCount)
{
	Rules r = none();
	const std::string cafe = "Caf\xC3\xA9 owners in Z\xC3\xBCrich said the new rules \xE2\x80\x94";
	for (const char *f : { "meta_in_comment.html", "meta_in_desc.html" }) {
		Result res = html(r.get(), read_file(srcdir() + "/tests/data/charset/" + f));
		EXPECT_STREQ("UTF-8", cln_result_charset(res.get())) << f;
		EXPECT_TRUE(has(text_of(res.get()), cafe.c_str())) << f;
	}
	for (const char *f : { "meta_utf16.html", "meta_utf7.html" }) {
		Result res = html(r.get(), read_file(srcdir() + "/tests/data/charset/" + f));
		EXPECT_STREQ("UTF-8", cln_result_charset(res.get())) << f;
		EXPECT_TRUE(has(text_of(res.get()), "The council voted on Tuesday")) << f;
	}
	// a content attribute names a charset only with http-equiv=content-type
	Result no_pragma = html(r.get(), "<meta content=\"text/html; charset=koi8-r\"><p>caf\xC3\xA9</p>");
	EXPECT_STREQ("UTF-8", cln_result_charset(no_pragma.get()));
	Result quoted = html(r.get(), "<div title='<meta charset=koi8-r>'></div><p>caf\xC3\xA9</p>");
	EXPECT_STREQ("UTF-8", cln_result_charset(quoted.get()));
	Result real = html(r.get(), "<!-- <meta charset=koi8-r> --><meta charset='windows-1252'><p>caf\xE9</p>");
	EXPECT_STREQ("WINDOWS-1252", cln_result_charset(real.get()));
	EXPECT_EQ("caf\xC3\xA9\n", text_of(real.get()));
}

TEST(Sniff, Utf16WithAByteOrderMarkIsHtml)
{
	Rules r = none();
	Result res = html(r.get(), read_file(srcdir() + "/tests/data/charset/utf16_bom.html"));
	EXPECT_EQ(CLN_FORMAT_HTML, cln_result_format(res.get()));
	EXPECT_STREQ("UTF-16LE", cln_result_charset(res.get()));
	EXPECT_TRUE(has(text_of(res.get()), "The council voted on Tuesday"));
}

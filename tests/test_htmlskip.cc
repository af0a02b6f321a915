// test_htmlskip.cc - the text Gumbo need not read (htmlskip.c, recorded by
// htmlguard.c): Gumbo's tree of the page without it must be the tree of the
// page itself, but for that text, with every position mapped back to the
// same byte and line; and the skips must be exactly the texts of <script>
// and <style> and the insides of comments, never text the tokenizer reads
// as markup, JSON-LD, RCDATA or anything after the model loses its way.
// Likewise attributes nothing reads (the tree keeps the others) and white
// space between tags beyond its first character (outside <pre>).
#include <gtest/gtest.h>
#include <gumbo.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "shim.h"

extern "C" {
#include "internal.h" // htmlguard.c, htmlskip.c, compiled into this test
}

namespace {

// The attributes cleaner itself reads (no rule set's).
struct Attrs {
	cln_attrset set{};
	Attrs() { EXPECT_EQ(0, cln_attrset_init(&set)); }
	~Attrs() { cln_attrset_free(&set); }
};
const Attrs attrs;

struct Skipped {
	std::string page, copy;
	cln_guarded g{};
	explicit Skipped(const std::string &s, const cln_attrset *keep = nullptr) : page(s)
	{
		EXPECT_EQ(0, cln_html_guard(page.data(), page.size(), 2048, 0, true, keep, &g));
		char *c = nullptr;
		size_t n = 0;
		EXPECT_EQ(0, cln_skips_compact(&g.skips, g.copy ? g.copy : page.data(), page.size(),
		                               &c, &n));
		copy.assign(c, n);
		free(c);
	}
	~Skipped() { cln_guarded_free(&g); }
	// the skipped texts, in page order
	std::vector<std::string> texts() const
	{
		std::vector<std::string> v;
		for (size_t i = 0; i < g.skips.n; i++)
			v.push_back(page.substr(g.skips.v[i].from, g.skips.v[i].to - g.skips.v[i].from));
		return v;
	}
};

using Strings = std::vector<std::string>;

bool is_skippable_parent(const GumboNode *n)
{
	return n && n->type == GUMBO_NODE_ELEMENT &&
	       (n->v.element.tag == GUMBO_TAG_SCRIPT || n->v.element.tag == GUMBO_TAG_STYLE);
}

bool blank(const char *s)
{
	return strspn(s, " \t\n\r\f") == strlen(s);
}

bool in_pre(const GumboNode *n)
{
	for (; n; n = n->parent)
		if (n->type == GUMBO_NODE_ELEMENT && (n->v.element.tag == GUMBO_TAG_PRE ||
		                                      n->v.element.tag == GUMBO_TAG_LISTING))
			return true;
	return false;
}

// Compare the trees node by node: what differs is said in `why`.
struct TreeCompare {
	const Skipped &s;
	std::string why;

	bool pos(const GumboSourcePosition &a, const GumboSourcePosition &b, const char *what)
	{
		size_t at = b.offset;
		size_t mapped = cln_skips_orig(&s.g.skips, at);
		unsigned line = b.line + cln_skips_lines(&s.g.skips, at);
		if (a.offset == mapped && a.line == line)
			return true;
		std::ostringstream o;
		o << what << " at byte " << a.offset << " line " << a.line << ", copy maps to " << mapped
		  << " line " << line;
		why = o.str();
		return false;
	}

	bool node(const GumboNode *a, const GumboNode *b)
	{
		if (a->type != b->type) {
			why = "node types differ at byte " + std::to_string(a->type == GUMBO_NODE_ELEMENT ?
			                                                   a->v.element.start_pos.offset : 0);
			return false;
		}
		switch (a->type) {
		case GUMBO_NODE_DOCUMENT:
			return kids(&a->v.document.children, &b->v.document.children, a);
		case GUMBO_NODE_ELEMENT:
		case GUMBO_NODE_TEMPLATE: {
			const GumboElement &x = a->v.element, &y = b->v.element;
			if (x.tag != y.tag || x.tag_namespace != y.tag_namespace) {
				why = std::string("tags differ: ") + gumbo_normalized_tagname(x.tag) + " / " +
				      gumbo_normalized_tagname(y.tag);
				return false;
			}
			// the copy has the page's attributes in order, but those left out
			unsigned j = 0;
			for (unsigned i = 0; i < x.attributes.length; i++) {
				auto *p = (const GumboAttribute *)x.attributes.data[i];
				auto *q = j < y.attributes.length ? (const GumboAttribute *)y.attributes.data[j]
				                                  : nullptr;
				if (q && !strcmp(p->name, q->name) && !strcmp(p->value, q->value))
					j++;
				else if (!cln_attr_cut(&attrs.set, p->name, strlen(p->name))) {
					why = std::string("attribute lost or changed: ") + p->name + " of the element at byte " +
					      std::to_string(x.start_pos.offset) + ": \"" + p->value + "\" / \"" +
					      (q ? q->value : "") + "\"";
					return false;
				}
			}
			if (j != y.attributes.length) {
				why = "attributes added";
				return false;
			}
			if (!pos(x.start_pos, y.start_pos, "element"))
				return false;
			return kids(&x.children, &y.children, a);
		}
		case GUMBO_NODE_COMMENT:
			return true; // its text may be gone
		default:
			if (is_skippable_parent(a->parent))
				return true;
			// a white space run may be shorter, but not in <pre>
			if (strcmp(a->v.text.text, b->v.text.text) &&
			    (!blank(a->v.text.text) || !blank(b->v.text.text) || in_pre(a))) {
				why = std::string("texts differ: ") + a->v.text.text + " / " + b->v.text.text;
				return false;
			}
			return pos(a->v.text.start_pos, b->v.text.start_pos, "text");
		}
	}

	bool kids(const GumboVector *x, const GumboVector *y, const GumboNode *parent)
	{
		// a skipped script or style has no text child left
		if (is_skippable_parent(parent) && y->length == 0)
			return true;
		if (x->length != y->length) {
			why = "child counts differ under " +
			      std::string(parent->type == GUMBO_NODE_DOCUMENT ? "the document"
			                  : gumbo_normalized_tagname(parent->v.element.tag));
			return false;
		}
		for (unsigned i = 0; i < x->length; i++)
			if (!node((const GumboNode *)x->data[i], (const GumboNode *)y->data[i]))
				return false;
		return true;
	}
};

// Gumbo's trees of the page (as the guard left it) and of the copy are the same
// (see TreeCompare).
::testing::AssertionResult same_tree(const Skipped &s)
{
	// the page as Gumbo gets it without skips: the guard's copy, if it
	// blanked tags (same length: offsets stay)
	const char *page = s.g.copy ? s.g.copy : s.page.data();
	GumboOutput *a = gumbo_parse_with_options(&kGumboDefaultOptions, page, s.page.size());
	GumboOutput *b = gumbo_parse_with_options(&kGumboDefaultOptions, s.copy.data(), s.copy.size());
	TreeCompare c{ s, "" };
	bool ok = c.node(a->document, b->document);
	gumbo_destroy_output(&kGumboDefaultOptions, a);
	gumbo_destroy_output(&kGumboDefaultOptions, b);
	if (ok)
		return ::testing::AssertionSuccess();
	return ::testing::AssertionFailure() << c.why;
}

} // namespace

// The page's skips are `want`, and Gumbo's tree of the copy is the page's.
static void expect_skips(const std::string &page, const Strings &want,
                         const cln_attrset *keep = nullptr)
{
	Skipped s(page, keep);
	EXPECT_EQ(want, s.texts()) << page;
	EXPECT_TRUE(same_tree(s)) << page;
}

TEST(HtmlSkip, ScriptStyleAndCommentTextGoTagsStay)
{
	Skipped s("<html><head><style>p { color: red }</style><script>var a = 1;</script></head>"
	          "<body><!-- a note --><p>Hi</p></body></html>");
	EXPECT_EQ((Strings{ "p { color: red }", "var a = 1;", " a note " }), s.texts());
	EXPECT_EQ("<html><head><style></style><script></script></head><body><!----><p>Hi</p>"
	          "</body></html>",
	          s.copy);
	EXPECT_TRUE(same_tree(s));
}

TEST(HtmlSkip, EndTagInsideAStringEndsTheScript)
{
	// the tokenizer knows no strings: "</script>" in one ends the script
	expect_skips("<p>a</p><script>x = \"</script><p>b</p>\";</script><p>c</p>",
	             Strings{ "x = \"" });
}

TEST(HtmlSkip, EndTagNeedsItsWholeName)
{
	expect_skips("<script>a</scripts> b </SCRIPT\t><p>x</p><style>q</style\n/><p>y</p>",
	             Strings{ "a</scripts> b ", "q" });
}

TEST(HtmlSkip, EscapedScriptIsLeftAndStopsTheSkipping)
{
	// "<!--" then "<script": the double-escaped state runs past the first
	// </script>; the model does not follow it, so it stops there
	expect_skips("<script>a</script><script><!-- <script>x</script> --></script>"
	             "<p>after</p><!-- later -->",
	             Strings{ "a" });
	// "<!--" alone changes nothing
	expect_skips("<script><!-- old(); //--></script><p>x</p><!-- c -->",
	             Strings{ "<!-- old(); //-->", " c " });
}

TEST(HtmlSkip, JsonLdIsKept)
{
	expect_skips("<script type=\"application/ld+json\">{\"@type\":\"Article\"}</script>"
	             "<script type='APPLICATION/LD+JSON'>{}</script>"
	             "<script type=application/json>{}</script>"
	             "<script type=\"text/&#x6a;son\">1</script>"
	             "<script type=\"text/javascript\" data-x=\"json\">2</script>",
	             Strings{ "2" });
}

TEST(HtmlSkip, RcdataAndOtherRawTextAreRead)
{
	expect_skips("<title>A <!-- b --> <script>c</script></title>"
	             "<textarea><!-- d --><style>e</style></textarea>"
	             "<xmp><!-- f --></xmp><iframe><!-- g --></iframe><noscript><p>h</p></noscript>"
	             "<style><!-- i --></style><!-- j -->",
	             Strings{ "<!-- i -->", " j " });
}

TEST(HtmlSkip, PlaintextEndsAllMarkup)
{
	expect_skips("<!-- a --><plaintext><script>x</script><!-- b -->",
	             Strings{ " a " });
}

TEST(HtmlSkip, CommentEndings)
{
	expect_skips("<!--a--!><p>1</p><!-- b --- ><p>2</p> c --><!----><!---><!--><p>3</p>"
	             "<!--d-- -->x<!--<!--e-->y<!-- unterminated <p>4</p>",
	             Strings{ "a", " b --- ><p>2</p> c ", "d-- ", "<!--e" });
}

TEST(HtmlSkip, TagsInAttributesAreNotTags)
{
	expect_skips("<div title=\"<script>\" data-x='>'><p>a</p></div>"
	             "<a href=\"x\" title='<!-- no -->'>b</a><script src=\"a>b\">c</script>"
	             "<img alt=<style>>d",
	             Strings{ "c" });
}

TEST(HtmlSkip, CaseInsensitive)
{
	expect_skips("<SCRIPT>a</ScRiPt><StYlE>b</STYLE><p>c</p>",
	             Strings{ "a", "b" });
}

TEST(HtmlSkip, UnterminatedScriptIsRead)
{
	// with no end tag the text runs to the end: Gumbo reads it as text
	std::string page = "<p>a</p><script>" + std::string(1 << 20, 'x') + "<p>b</p>";
	expect_skips(page, Strings{});
	expect_skips("<p>a</p><style>b</styl", Strings{});
}

TEST(HtmlSkip, HugeScriptGoes)
{
	std::string page = "<p>a</p>\n<script>" + std::string(4 << 20, 'x') + "\n\r\n\r</script>\n<p>b</p>";
	Skipped s(page);
	ASSERT_EQ(1u, s.texts().size());
	EXPECT_EQ("<p>a</p>\n<script></script>\n<p>b</p>", s.copy);
	EXPECT_TRUE(same_tree(s)); // "b" at its byte and on line 6
}

// A page nested past the guard's limit: the guard blanks the tags too deep
// in its copy, and Gumbo gets that copy, skips or not. The skips must leave
// that copy's tree as it is (the raw page's tree differs from it by the
// blanked tags: a fixture of a deep page failed on that, not on a skip).
TEST(HtmlSkip, DeepPageComparedWithTheGuardsCopy)
{
	std::string page = "<html><body>";
	for (int i = 0; i < 2100; i++)
		page += "<div class=\"d\">";
	page += "<script>var x = 1;</script><p>text</p>";
	for (int i = 0; i < 2100; i++)
		page += "</div>";
	page += "<!-- end --><p>after</p></body></html>";
	Skipped s(page);
	EXPECT_NE(nullptr, s.g.copy);
	EXPECT_GT(s.g.flattened, 0u);
	EXPECT_EQ((Strings{ "var x = 1;", " end " }), s.texts());
	EXPECT_TRUE(same_tree(s));
}

TEST(HtmlSkip, NulBytesAndBadUtf8)
{
	static const char lit[] = "<script>a\0b\xff</script><p>c\0d</p><!--\0\xfe-->"
	                          "<scr\0ipt>e</scr\0ipt><style>f</style>";
	std::string page(lit, sizeof lit - 1);
	expect_skips(page,
	             Strings{ std::string("a\0b\xff", 4), std::string("\0\xfe", 2), "f" });
}

TEST(HtmlSkip, ForeignContentScriptsAreMarkup)
{
	// in svg a <script> or <style> is not raw text: its content is markup
	expect_skips("<svg><style>.a{}</style><script>if (a<b) x()</script><title>t</title>"
	             "<text>Hi</text></svg><script>y</script>",
	             Strings{ "y" });
	Skipped m("<math><mi><script>a</script></mi></math><p>x</p><script>b</script>");
	EXPECT_TRUE(same_tree(m));
}

TEST(HtmlSkip, WhereTheModelIsUnsureNothingMoreGoes)
{
	// an HTML tag breaks out of svg: Gumbo 0.10.1 varies, the model stops
	expect_skips("<script>a</script><svg><p>x</p><script>b</script></svg><!-- c -->",
	             Strings{ "a" });
	// a template's content
	expect_skips("<!-- a --><template><script>b</script></template><style>c</style>",
	             Strings{ " a " });
	// Gumbo ignores <style> in a select and reads its text as markup
	expect_skips("<select><style><option>x</option></style></select><script>y</script>", Strings{});
	// a script in a select is one
	expect_skips("<select><script>x</script><option>y</select>",
	             Strings{ "x" });
	// in a frameset <script> is ignored
	expect_skips("<frameset><script>a<!-- b --></script></frameset><!-- c -->", Strings{});
}

TEST(HtmlSkip, ScriptsInTablesHeadAndAfterBody)
{
	expect_skips("<script>0</script><html><script>1</script><head><noscript><style>2</style>"
	             "</noscript></head><script>3</script><body><table><script>4</script><tr>"
	             "<td>x<script>5</script></td></tr></table></body><script>6</script></html>"
	             "<script>7</script>",
	             Strings{ "0", "1", "2", "3", "4", "5", "6", "7" });
}

TEST(HtmlSkip, TextAroundAScriptStaysOneText)
{
	Skipped s("<p>one <script>x</script>two\r\n<style>y\nz</style>three</p>");
	EXPECT_TRUE(same_tree(s));
}

TEST(HtmlSkip, AttributesNothingReadsGo)
{
	Skipped s("<div data-x=\"1\" class=a srcset='x 2w' onclick=\"f()\"><img\tsrc=i.png "
	          "style=\"width:1px\" alt=A data-y>t</div>",
	          &attrs.set);
	EXPECT_EQ((Strings{ "data-x=\"1\"", "srcset='x 2w'", "onclick=\"f()\"", "style=\"width:1px\"",
	                    "data-y" }),
	          s.texts());
	EXPECT_EQ("<div  class=a  ><img\tsrc=i.png  alt=A >t</div>", s.copy);
	EXPECT_TRUE(same_tree(s));
	// side by side (a name without a value takes the blanks after it),
	// last, before a self-closing slash, in svg
	expect_skips("<p a=1 data-a data-b=\"2\"/><br x=\"1\"/><svg><path d=\"M0 0L1 1\"/></svg>",
	             Strings{ "a=1", "data-a data-b=\"2\"", "x=\"1\"", "d=\"M0 0L1 1\"" }, &attrs.set);
}

TEST(HtmlSkip, AttributesTheParserOrCleanerReadStay)
{
	// not after a slash (it would become self-closing), nor on formatting
	// elements but <a> (Noah's Ark compares them), nor <isindex>; an
	// <input>'s type, <font>'s color, odd names, what a rule set asks for
	expect_skips("<div/data-x=1><b data-x=1>b</b><a data-x=1>a</a><isindex prompt=p>"
	             "<table><input type=hidden data-x=1></table><svg><font color=red "
	             "size=2></svg><p data-x\"=1 data-\xc3\xa9=2>",
	             Strings{ "data-x=1", "data-x=1" }, &attrs.set);
	// Gumbo names a foreign element's "xlink:href" "href" (its namespace
	// apart), one cleaner reads: a namespaced name stays
	expect_skips("<svg><use xlink:href=\"#a\" xml:lang=en data-x=1></use></svg>",
	             Strings{ "data-x=1" }, &attrs.set);
	cln_attrset set;
	ASSERT_EQ(0, cln_attrset_init(&set));
	ASSERT_EQ(0, cln_attrset_add(&set, "Data-Kept"));
	{
		Skipped s("<p data-kept=1 DATA-KEPT=2 data-gone=3>", &set);
		EXPECT_EQ(Strings{ "data-gone=3" }, s.texts());
	}
	cln_attrset_free(&set);
}

// Every attribute name the code asks for, with a literal, is one the
// parse keeps.
TEST(HtmlSkip, EveryAttributeTheCodeReadsIsKept)
{
	namespace fs = std::filesystem;
	std::regex call(R"re(\b(?:cln_elem_attr|attr|target|span_attr)\([^();]*?"([^"]+)")re"),
	        list(R"re(attrs\[\] = \{([^}]*)\})re"), str(R"re("([^"]+)")re");
	std::set<std::string> names;
	for (const auto &e : fs::directory_iterator(srcdir() + "/cleaner")) {
		if (e.path().extension() != ".c")
			continue;
		std::ifstream f(e.path());
		std::stringstream ss;
		ss << f.rdbuf();
		std::string src = ss.str();
		for (std::sregex_iterator m(src.begin(), src.end(), call), end; m != end; ++m)
			names.insert((*m)[1]);
		for (std::sregex_iterator m(src.begin(), src.end(), list), end; m != end; ++m) {
			std::string l = (*m)[1];
			for (std::sregex_iterator q(l.begin(), l.end(), str); q != end; ++q)
				names.insert((*q)[1]);
		}
	}
	EXPECT_GT(names.size(), 20u);
	for (const auto &n : names)
		EXPECT_FALSE(cln_attr_cut(&attrs.set, n.data(), n.size())) << n;
}

TEST(HtmlSkip, WhiteSpaceBetweenTagsShrinks)
{
	Skipped s("<div>\n    <p>a</p>\r\n\t\t<p>b</p>  <p>c</p>\n\n\n<b>d</b> e  \n  <i>f</i>"
	          "<pre>\n    <b>g</b>    </pre><listing>\n\n   </listing>\n\n\n</div>",
	          &attrs.set);
	EXPECT_EQ((Strings{ "    ", "\t\t", "\n\n", "\n\n" }), s.texts());
	EXPECT_TRUE(same_tree(s)); // texts and lines map back
}

// Every fixture page: the tree of its copy is its tree.
TEST(HtmlSkip, FixturesParseAlike)
{
	namespace fs = std::filesystem;
	size_t pages = 0, skipped = 0;
	for (const auto &e : fs::directory_iterator(srcdir() + "/fixtures")) {
		fs::path in = e.path() / "input.html";
		if (!fs::exists(in))
			continue;
		std::ifstream f(in, std::ios::binary);
		std::stringstream ss;
		ss << f.rdbuf();
		Skipped s(ss.str(), &attrs.set);
		EXPECT_TRUE(same_tree(s)) << in;
		pages++;
		skipped += s.g.skips.n;
	}
	EXPECT_GT(pages, 10u);
	EXPECT_GT(skipped, pages); // scripts, styles and comments went
}

// A cut costs the elements open there (the next piece reopens them), so
// however small the pieces asked for, the guard cuts no more often than
// that cost can be paid by the start tags read since the last cut: tiny
// pieces of a deep page were quadratic (a 64 KB page of "<div></x>" in
// 61-byte pieces: a cut at each of its 7,281 tags, 13 M tags listed).
TEST(HtmlPieces, CutsCostNoMoreThanTheTagsRead)
{
	std::string divs;
	for (int i = 0; i < 7281; i++)
		divs += "<div></x>";
	std::string deep = "<p>" + std::string(300, 'x');
	for (int i = 0; i < 1500; i++)
		deep += "<div>" + std::to_string(i);
	// and elements open since earlier cuts closing one by one, a cut at each
	std::string rounds;
	for (int r = 0; r < 3; r++) {
		for (int i = 0; i < 1000; i++)
			rounds += "<div>";
		for (int i = 0; i < 1000; i++)
			rounds += "</div>y";
	}
	for (const std::string &page : { divs, deep, rounds }) {
		size_t starts = 0;
		for (size_t i = 0; i + 1 < page.size(); i++)
			starts += page[i] == '<' && page[i + 1] != '/';
		for (size_t piece : { (size_t)1, (size_t)61, (size_t)4096 }) {
			cln_guarded g{};
			ASSERT_EQ(0, cln_html_guard(page.data(), page.size(), 2048, piece, true, nullptr,
			                            &g));
			EXPECT_GT(g.ncuts, 0u) << "piece " << piece;
			EXPECT_LE(g.ntags, 2 * starts) << "piece " << piece << ": " << g.ncuts << " cuts";
			cln_guarded_free(&g);
		}
	}
}

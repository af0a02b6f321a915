// test_markdown.cc - the Markdown of an HTML page (markdown.c, url.c):
// headings, nested and numbered lists, quotes, tables, fenced code,
// inline marks, links and images, escaping, and the option that asks for
// it. tests/markdown.sh renders whole pages back with cmark-gfm.
#include <gtest/gtest.h>

#include "shim.h"

static Rules none()
{
	return compile("never: drop /^\\x{10FFFF}$/\n");
}

static std::string md(const cln_rules *r, const std::string &page,
                      unsigned flags = CLN_MARKDOWN, const char *url = nullptr, size_t piece = 0)
{
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.format = CLN_FORMAT_HTML;
	o.markdown = flags;
	o.url = url;
	o.html_piece = piece;
	cln_result *res = nullptr;
	EXPECT_EQ(0, cln_clean(&res, r, page.data(), page.size(), &o, nullptr));
	Result owner(res);
	char *s = nullptr;
	size_t n = 0;
	EXPECT_EQ(0, cln_result_render(&s, &n, res, CLN_OUTPUT_MARKDOWN, nullptr));
	CString s_owner(s);
	return s ? std::string(s, n) : "";
}

TEST(Markdown, MadeUnlessTheOptionsSayNone)
{
	Rules r = none();
	std::string page = "<html><body><h2>Part</h2><p>Para.</p></body></html>";
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.markdown = 0;
	cln_result *res = nullptr;
	ASSERT_EQ(0, cln_clean(&res, r.get(), page.data(), page.size(), &o, nullptr));
	Result owner(res);
	char *s = nullptr;
	cln_error err;
	EXPECT_EQ(CLN_EINVAL, cln_result_render(&s, nullptr, res, CLN_OUTPUT_MARKDOWN, &err));
	EXPECT_NE(nullptr, strstr(err.message, "cln_clean_options.markdown"));
	// the defaults, NULL options and older versions (which have no such
	// field) make it, as they always did
	cln_clean_options def = CLN_CLEAN_OPTIONS_INIT, v2 = def;
	v2.version = 2;
	v2.markdown = 0;
	const cln_clean_options *opts[] = { &def, &v2, nullptr };
	for (const cln_clean_options *p : opts) {
		cln_result *m = nullptr;
		ASSERT_EQ(0, cln_clean(&m, r.get(), page.data(), page.size(), p, nullptr));
		Result m_owner(m);
		size_t len = 0;
		ASSERT_EQ(0, cln_result_render(&s, &len, m, CLN_OUTPUT_MARKDOWN, nullptr));
		EXPECT_EQ("## Part\n\nPara.\n", std::string(s, len));
		cln_free(s);
	}
}

TEST(Markdown, PlainTextIsTheSameWithOrWithoutIt)
{
	Rules r = compile("", true);
	std::string page = "<html><body><nav><a href=/>Home</a></nav><article><h1>T</h1>"
	                   "<p>One <em>two</em> <a href=x>three</a>.</p><table><tr><td>a</td>"
	                   "<td>b</td></tr></table></article></body></html>";
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	cln_result *a = nullptr, *b = nullptr;
	ASSERT_EQ(0, cln_clean(&a, r.get(), page.data(), page.size(), &o, nullptr));
	o.markdown = CLN_MARKDOWN | CLN_MARKDOWN_LINKS | CLN_MARKDOWN_IMAGES;
	ASSERT_EQ(0, cln_clean(&b, r.get(), page.data(), page.size(), &o, nullptr));
	Result ao(a), bo(b);
	EXPECT_EQ(text_of(a), text_of(b));
	EXPECT_EQ(cln_result_removal_count(a), cln_result_removal_count(b));
}

TEST(Markdown, HeadingsListsAndQuotes)
{
	Rules r = none();
	EXPECT_EQ("# One\n\n###### Six\n", md(r.get(), "<h1>One</h1><h6>Six</h6>"));
	EXPECT_EQ("- a\n- b\n  - b1\n\n    3. x\n    4. y\n- c\n",
	          md(r.get(), "<ul><li>a<li>b<ul><li>b1<ol start=3><li>x<li>y</ol></ul><li>c</ul>"));
	// an item of two paragraphs; a list after a paragraph
	EXPECT_EQ("Intro\n\n1. p1\n\n   p2\n2. next\n",
	          md(r.get(), "<p>Intro</p><ol><li><p>p1</p><p>p2</p><li>next</ol>"));
	// "3." cannot interrupt its item's paragraph: a blank line before it
	EXPECT_EQ("- a\n\n  3. x\n", md(r.get(), "<ul><li>a<ol start=3><li>x</ol></ul>"));
	EXPECT_EQ("> q1\n>\n> q2\n", md(r.get(), "<blockquote><p>q1</p><p>q2</p></blockquote>"));
	EXPECT_EQ("a  \nb\n", md(r.get(), "<p>a<br>b</p>"));
}

TEST(Markdown, TheTitleComesFirstAsTheTextOutputPutsIt)
{
	Rules r = none();
	EXPECT_EQ("# C\\# in a day\n\n## Part\n\nPara.\n",
	          md(r.get(), "<title>C# in a day</title><h2>Part</h2><p>Para.</p>"));
	// not twice when the kept text starts with it; alone when nothing is kept
	EXPECT_EQ("# Guide\n\nText.\n", md(r.get(), "<title>Guide</title><h1>Guide</h1><p>Text.</p>"));
	EXPECT_EQ("# Empty\n", md(r.get(), "<title>Empty</title><body></body>"));
	EXPECT_EQ("Leeks want a long season.\n",
	          md(r.get(), "<title>Leeks</title><p>Leeks want a long season.</p>"));
	// the default rules drop the <h1> that repeats it: it comes back as the title
	Rules def = compile("", true);
	std::string page = "<title>A title of the page</title><body><article><h1>A title of the "
	                   "page</h1><p>The first paragraph of the article, a sentence long "
	                   "enough to be the body. And a second sentence.</p></article></body>";
	EXPECT_EQ(0u, md(def.get(), page).find("# A title of the page\n\nThe first paragraph"));
}

TEST(Markdown, Tables)
{
	Rules r = none();
	EXPECT_EQ("| h1 | h2 |\n| --- | --- |\n| a\\|b | `c\\|d` |\n",
	          md(r.get(), "<table><tr><th>h1<th>h2<tr><td>a|b<td><code>c|d</code></table>"));
	// colspan: empty cells after; rowspan: empty cells below
	EXPECT_EQ("| wide |  | x |\n| --- | --- | --- |\n| tall | 1 | 2 |\n|  | 3 | 4 |\n",
	          md(r.get(), "<table><tr><td colspan=2>wide<td>x<tr><td rowspan=2>tall<td>1<td>2"
	                      "<tr><td>3<td>4</table>"));
	// a table in a cell goes onto the cell's line; a caption goes first
	EXPECT_EQ("Cap\n\n| a | b c d e |\n| --- | --- |\n",
	          md(r.get(), "<table><caption>Cap</caption><tr><td>a<td><table><tr><td>b<td>c"
	                      "<tr><td>d<td>e</table></table>"));
	// one column lays a page out: no table
	EXPECT_EQ("## H\n\nText.\n", md(r.get(), "<table><tr><td><h2>H</h2><p>Text.</table>"));
}

TEST(Markdown, CodeBlocks)
{
	Rules r = none();
	EXPECT_EQ("```python\nx = 1\n\n\ny = 2\n```\n",
	          md(r.get(), "<pre><code class=\"language-python\">x = 1\n\n\ny = 2\n</code></pre>"));
	EXPECT_EQ("````\n```\n````\n", md(r.get(), "<pre>```</pre>"));
	EXPECT_EQ("```c\n  a *b*\n```\n", md(r.get(), "<pre class=\"x lang-c\">  a *b*</pre>"));
	EXPECT_EQ("```rb\np\n```\n", md(r.get(), "<div class=highlight-rb><pre>p</pre></div>"));
	EXPECT_EQ("```sh\nls\n```\n", md(r.get(), "<pre data-lang=sh>ls</pre>"));
	EXPECT_EQ("```js\nf();\n```\n", md(r.get(), "<pre class=\"brush: js notranslate\"><code>f();</code></pre>"));
	// mdBook: the copy and run buttons in a <div> before the <code>
	EXPECT_EQ("```rust\nfn main() {}\n```\n",
	          md(r.get(), "<pre class=playground><div class=buttons><button title=Copy></button></div>"
	                      "<code class=\"language-rust edition2024 hljs\">fn main() {}</code></pre>"));
	EXPECT_EQ("- item\n\n  ```\n  a\n  b\n  ```\n", md(r.get(), "<ul><li>item<pre>a\nb</pre></ul>"));
	EXPECT_EQ("Use ``a`b`` and `*`.\n", md(r.get(), "<p>Use <code>a`b</code> and <code>*</code>.</p>"));
}

TEST(Markdown, Emphasis)
{
	Rules r = none();
	EXPECT_EQ("*a* **b** *c **d***\n",
	          md(r.get(), "<p><em>a</em> <strong>b</strong> <i>c <b>d</b></i></p>"));
	EXPECT_EQ("*spaced* x, **one**\n",
	          md(r.get(), "<p><em> spaced </em> x, <b><strong>one</strong></b></p>"));
	// "*a**b*" would read as neither: one span
	EXPECT_EQ("*New York*\n", md(r.get(), "<p><em>New Yo</em><em>rk</em></p>"));
	EXPECT_EQ("***10LUOA** only*\n",
	          md(r.get(), "<p><em><em><strong><em><strong>10</strong></em></strong></em>"
	                      "<strong>LUOA</strong> only</em></p>"));
	// "*" cannot open or close next to a letter outside and punctuation
	// inside, nor at white space (a no-break space too): no emphasis then
	EXPECT_EQ("*Times*. it.Next \xC2\xA0x\n",
	          md(r.get(), "<p><em>Times</em><em>.</em> it<b>.</b>Next <em>\xC2\xA0</em>x</p>"));
	EXPECT_EQ("*a*\xC2\xA0" "b\n", md(r.get(), "<p><em>a\xC2\xA0</em>b</p>"));
	// adjacent code spans are one
	EXPECT_EQ("`root #emerge`\n", md(r.get(), "<p><code>root #</code><code>emerge</code></p>"));
}

TEST(Markdown, EscapesWhatWouldBeMarkup)
{
	Rules r = none();
	EXPECT_EQ("1\\. not a list\n\n\\# not a heading\n\n\\- no bullet\n\n\\> no quote\n",
	          md(r.get(), "<p>1. not a list</p><p># not a heading</p><p>- no bullet</p>"
	                      "<p>&gt; no quote</p>"));
	EXPECT_EQ("\\*stars\\* \\_x\\_ \\[l\\](u) \\<b> \\\\ \\` \\&amp; & 2.5\n",
	          md(r.get(), "<p>*stars* _x_ [l](u) &lt;b&gt; \\ ` &amp;amp; &amp; 2.5</p>"));
	EXPECT_EQ("## C\\#\n", md(r.get(), "<h2>C#</h2>"));
	EXPECT_EQ("- 1\\. item\n", md(r.get(), "<ul><li>1. item</ul>"));
}

TEST(Markdown, LinksAndImagesWhenAsked)
{
	Rules r = none();
	std::string page = "<p>See <a href=\"../b/c.html?q=1#f\">this</a>, <a href=#top>top</a> "
	                   "and <img src=/i.png alt=\"a pic\">.</p>";
	EXPECT_EQ("See this, top and .\n", md(r.get(), page)); // as the plain text reads
	EXPECT_EQ("See [this](https://ex.com/b/c.html?q=1#f), top and ![a pic](https://ex.com/i.png).\n",
	          md(r.get(), page, CLN_MARKDOWN | CLN_MARKDOWN_LINKS | CLN_MARKDOWN_IMAGES,
	             "https://ex.com/a/page.html"));
	// a canonical link is the base when no URL is given
	EXPECT_EQ("[x](http://h.org/d/y%20\\(1\\))\n",
	          md(r.get(), "<link rel=canonical href=\"http://h.org/d/e\"><p><a href=\"y (1)\">x</a>",
	             CLN_MARKDOWN | CLN_MARKDOWN_LINKS));
	// alt="" is decoration; an image alone shows between kept blocks
	EXPECT_EQ("a\n\n![B](u.png)\n\nc\n",
	          md(r.get(), "<p>a</p><img src=u.png alt=B><img src=v.png alt=\"\"><p>c</p>",
	             CLN_MARKDOWN | CLN_MARKDOWN_IMAGES));
}

// GitHub's table of code lines (an embedded gist, a file's view: class
// "js-file-line-container", a row a line, its number drawn by CSS) reads
// as a <pre>: a fenced block, the lines' indents kept, however the page is
// parsed in pieces; no table of empty cells.
TEST(Markdown, GistTablesAreCodeBlocks)
{
	Rules r = none();
	std::string page = "<p>Read it so:</p><table class=\"highlight tab-size js-file-line-container\">\n"
	                   "<tr>\n<td id=\"L1\" class=\"blob-num js-line-number\" data-line-number=\"1\"></td>\n"
	                   "<td class=\"blob-code blob-code-inner js-file-line\"><span class=\"pl-k\">with</span> "
	                   "open(f) <span class=\"pl-k\">as</span> f:</td>\n</tr>\n"
	                   "<tr>\n<td id=\"L2\" class=\"blob-num js-line-number\" data-line-number=\"2\"></td>\n"
	                   "<td class=\"blob-code blob-code-inner js-file-line\">        <span class=\"pl-k\">for</span>"
	                   " line <span class=\"pl-k\">in</span> f:</td>\n</tr>\n</table><p>Done.</p>";
	const std::string want = "Read it so:\n\n```\nwith open(f) as f:\n        for line in f:\n```\n\nDone.\n";
	EXPECT_EQ(want, md(r.get(), page));
	for (size_t piece : { (size_t)1, (size_t)7, (size_t)64 })
		EXPECT_EQ(want, md(r.get(), page, CLN_MARKDOWN, nullptr, piece)) << "piece " << piece;
}

// A link Cloudflare's email protection made of a mailto: link (to
// /cdn-cgi/l/email-protection#HEX) is the mailto: link again, as the
// browser's script writes it back; its "[email protected]" reads as the
// address. A fragment that decodes to no address stays as it is.
TEST(Markdown, CloudflareEmailLinksAreMailto)
{
	Rules r = none();
	EXPECT_EQ("Write to [ops@example.com](mailto:ops@example.com) or "
	          "[us](https://ex.com/cdn-cgi/l/email-protection#422c2d36).\n",
	          md(r.get(), "<p>Write to <a href=\"/cdn-cgi/l/email-protection#422d323102273a232f322e276c212d2f\">"
	                      "<span class=\"__cf_email__\" data-cfemail=\"422d323102273a232f322e276c212d2f\">"
	                      "[email&#160;protected]</span></a> or "
	                      "<a href=\"/cdn-cgi/l/email-protection#422c2d36\">us</a>.</p>",
	             CLN_MARKDOWN | CLN_MARKDOWN_LINKS, "https://ex.com/contact"));
}

TEST(Markdown, RemovedBlocksNeverShow)
{
	Rules r = compile("nav: drop /^Menu/\n");
	std::string page = "<p>Menu <a href=/>home</a></p><img src=logo.png alt=Logo>"
	                   "<table><tr><td>Menu x<td>y</table><p>Body.</p>";
	EXPECT_EQ("|  | y |\n| --- | --- |\n\nBody.\n",
	          md(r.get(), page, CLN_MARKDOWN | CLN_MARKDOWN_LINKS | CLN_MARKDOWN_IMAGES));
}

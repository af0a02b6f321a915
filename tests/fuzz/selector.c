/* selector.c - fuzz selectors: the input's first line is the selector of a
   `drop {...}` and a `keep {...}` rule, the rest (if any) the page they run
   on, else a small fixed page. */
#include <string.h>

#include "fuzz.h"

static const char page[] =
	"<html lang=\"en\"><head><title>Ferry link restored</title></head><body>"
	"<header role=\"banner\"><nav class=\"menu top-nav\"><ul><li><a href=\"/\">Home</a></li>"
	"<li><a href=\"/news\" data-track=\"nav\">News</a></li></ul></nav></header>"
	"<main><article id=\"story\" class=\"post entry-content\"><h1>Ferry link restored</h1>"
	"<p class=\"byline\">By <span class=\"author\">Ann Lee</span></p>"
	"<p>The island ferry ran again on Monday after a week in dry dock.</p>"
	"<figure><img src=\"ferry.gif\" alt=\"The ferry\"><figcaption>Photo: Island News"
	"</figcaption></figure><div class=\"share-bar social-links\" aria-label=\"Share\">"
	"<a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div>"
	"<p style=\"display: none\">Sponsored content</p></article>"
	"<aside id=\"promo-1\"><div><div><p>Most read</p></div></div></aside></main>"
	"<footer hidden><table><tr><td>Copyright</td><td>2026</td></tr></table></footer>"
	"</body></html>";

static char *put(char *to, const char *from, size_t n)
{
	memcpy(to, from, n);
	return to + n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const char *nl = memchr(in, '\n', size);
	size_t sel = nl ? (size_t)(nl - in) : size;
	char *text = malloc(2 * sel + 64), *t = text;
	if (!text)
		return 0;
	/* memcpy, not %s: a NUL in the selector is part of the input too */
	t = put(t, "d: drop {", 9);
	t = put(t, in, sel);
	t = put(t, "}\nk: keep {", 11);
	t = put(t, in, sel);
	t = put(t, "} minlen=40\n", 12);
	size_t n = (size_t)(t - text);
	cln_rules *rules = fuzz_rules(text, n, 1);
	free(text);
	if (!rules)
		return 0;
	if (nl && nl + 1 < in + size)
		fuzz_clean_all(rules, nl + 1, size - sel - 1, CLN_FORMAT_HTML, 0);
	else
		fuzz_clean_all(rules, page, strlen(page), CLN_FORMAT_HTML, 0);
	cln_rules_free(rules);
	return 0;
}

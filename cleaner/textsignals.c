/*
 * textsignals.c - what flattened text shows of its page's kind, counted as
 * pagetype.c counts a page's markup, so that one set of signals weighs
 * both: prices and buy buttons (a product; prices on and on, a shop's
 * grid), a thread's post heads and its posters' stats, the short line each
 * card of a listing repeats, code and a manual's labels, sales copy,
 * paragraphs of prose. One pass over the lines, and textunits.c's.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "internal.h"
#include "pagestats.h"

/* A price's line: short, a currency and a digit ("$24.99", "£5 - £9"). */
enum { PRICE_CHARS = 48 };

/* A line of code as a dump prints a <pre>: it ends as C-like statements
   and blocks do, or starts as a shell's or Python's prompt or a common
   keyword does. Prose seldom does either; nor does an address or a blob
   wrapped over lines ("...%22value%22:null}"), one long token. */
bool cln_code_line(const block *b)
{
	size_t n;
	const char *s = cln_line_trim(b, &n);
	if (n == 0 || cln_token_line(b))
		return false;
	char last = s[n - 1];
	if (last == ';' || last == '{' || last == '}' || (n >= 2 && memcmp(s + n - 2, "=>", 2) == 0))
		return true;
	static const char *const starts[] = { ">>> ", "#include", "import ", "def ", "function ",
		                              "const ", "let ", "var ", "return ", NULL };
	for (size_t k = 0; starts[k]; k++)
		if (s[0] == starts[k][0] && n > strlen(starts[k]) &&
		    memcmp(s, starts[k], strlen(starts[k])) == 0)
			return true;
	/* "$ make install", "$ ./configure", not "$ 24.99" nor a currency
	   picker's "$ USD" */
	return n > 2 && s[0] == '$' && s[1] == ' ' && s[2] != ' ' && !isdigit((unsigned char)s[2]) &&
	       !(n == 5 && isupper((unsigned char)s[2]) && isupper((unsigned char)s[3]) &&
	         isupper((unsigned char)s[4]));
}

/* A paragraph (a dump's wrapped lines are one block), not a list's item. */
static bool prose_line(const block *b)
{
	return b->chars >= 120 && !cln_item_line(b);
}

/* A manual's labels alone on a line: an admonition's ("Note", "Tip",
   "Warning"), "See also", its page tools ("Edit this page"). Not a table
   of contents' heading nor "In this article": articles print them as
   often as manuals do. */
static bool doc_label(const block *b)
{
	static const char *const labels[] = { "note", "tip", "warning", "caution", "see also",
		                              "edit this page", "was this page helpful?",
		                              "was this page helpful", "edit on github",
		                              "improve this page", "suggest an edit", NULL };
	size_t n;
	const char *s = cln_line_trim(b, &n);
	return cln_word_index(s, n, labels) >= 0;
}

/* A product page's section headings alone on a line (a tab's, "(BUTTON)
   Description"): the kind each is of, as a bit. Two kinds on one page
   ("Description" and "Specifications", "Size & Fit" and "Shipping &
   Returns") are a product's; a category's grid and an article print
   neither. */
static unsigned product_heading(const block *b)
{
	static const char *const heads[] = {
		"description", "product description", "details", "product details",
		"product information",
		"specifications", "specs", "tech specs", "technical specifications",
		"technical specs", "product specifications", "features & specs",
		"features and specs", "details & specs", "details and specs",
		"size & fit", "size and fit",
		"materials & care", "material & care", "materials and care", "material and care",
		"shipping & returns", "shipping and returns",
		"in the box", "what's in the box", "what\xe2\x80\x99s in the box", NULL
	};
	static const unsigned char kind[] = { 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
		                              4, 4, 8, 8, 8, 8, 16, 16, 32, 32, 32 };
	_Static_assert(sizeof kind == sizeof heads / sizeof heads[0] - 1, "a kind a heading");
	size_t n;
	const char *s = cln_line_trim(b, &n);
	if (n > 9 && !strncmp(s, "(BUTTON) ", 9)) {
		s += 9;
		n -= 9;
	}
	while (n && (s[n - 1] == ':' || s[n - 1] == ' '))
		n--;
	int k = cln_word_index(s, n, heads);
	return k < 0 ? 0 : kind[k];
}

/* What the pass carries from line to line: the code lines in a row, the
   last price's line. */
typedef struct text_scan {
	size_t code_run, last_price;
} text_scan;

/* A line's share of the counts. */
static void line_stats(const doc *d, size_t i, page_stats *st, text_scan *sc)
{
	const block *b = &d->b[i];
	st->chars += b->chars;
	if (b->chars <= PRICE_CHARS && cln_price_text(b->text, b->len)) {
		st->prices++;
		sc->last_price = i;
		if (!st->priced.n++)
			st->priced.first = (uint32_t)i;
	}
	/* a product's own price stands before its buy button: a grid's
	   prices are counted from it on (the few after one product's button
	   are its related products: pagetype.c) */
	if (cln_cart_text(b->text, b->len, b->chars) && !st->cart++) {
		st->first_buy = (uint32_t)i;
		st->priced.n = 0;
	}
	bool code = cln_code_line(b);
	st->code += code;
	sc->code_run = code ? sc->code_run + 1 : 0;
	st->pre += sc->code_run == 2; /* a block of code: two lines or more */
	st->doc_labels += doc_label(b);
	st->product_heads |= product_heading(b);
	st->sales += cln_sales_copy(b->text, b->len);
	int head = cln_post_head(b);
	st->member_stats += head == POST_STATS || cln_member_stat(b->text, b->len);
	if (head == POST_HEAD) {
		if (!st->posts.n++)
			st->posts.first = (uint32_t)i;
		st->posts.author++;
		st->posts.time++;
	}
	bool prose = prose_line(b);
	if (prose) {
		st->prose++;
		st->prose_chars += b->chars;
		if (st->posts.n)
			st->posts.chars += b->chars;
		else
			st->before_posts += b->chars;
	}
	st->para_run = prose ? st->para_run + 1 : 0;
	if (st->para_run > st->best_run)
		st->best_run = st->para_run;
}

/* A grid's prices stand among short lines (a card's name, its rating); an
   article's (a cost guide, a roundup) each among paragraphs. The priced
   run is the grid's when its span holds less prose than PRICED_PROSE
   chars a price, and four prices at least. */
enum { PRICED_PROSE = 150 };

/* Chars of prose a phrase of sales copy (cln_sales_copy) may come with. */
enum { SALES_PROSE = 1000 };

static void priced_span(const doc *d, page_stats *st, size_t last)
{
	size_t prose = 0;
	for (size_t i = st->priced.first; st->priced.n && i <= last; i++) {
		const block *b = &d->b[i];
		if (prose_line(b))
			prose += b->chars;
		else
			st->priced.chars += b->chars;
	}
	if (st->priced.n < 4 || prose > PRICED_PROSE * (size_t)st->priced.n)
		st->priced = (run){ .first = st->priced.first };
}

int cln_text_stats(const doc *d, page_stats *st)
{
	text_scan sc = { 0 };
	for (size_t i = 0; i < d->n; i++)
		line_stats(d, i, st, &sc);
	priced_span(d, st, sc.last_price);
	st->buy_buttons = st->cart;
	/* a dump holds its menus' and footer's "Contact us", "Get started":
	   sales copy is a service page's when it is thick beside the prose */
	if (st->sales * SALES_PROSE < st->prose_chars)
		st->sales = 0;
	/* a thread: three post heads, their posts' prose after them */
	if (st->posts.n < 3)
		st->posts = (run){ 0 };
	text_units u;
	int rc = cln_text_units(d, &u, false);
	if (rc > 0) {
		st->cards.n = (uint32_t)((u.last - u.first) / u.card + 1);
		for (size_t i = u.first; i <= u.last; i++) /* the cards', not prose between */
			st->cards.chars += prose_line(&d->b[i]) ? 0 : d->b[i].chars;
	}
	return rc < 0 ? rc : 0;
}

/*
 * mainproduct.c - main content on a product page. A shop's page spreads
 * what a buyer reads over many boxes (the name and price at the top, the
 * description, a specifications table, feature sections further down), so
 * the container the text scores pick is often one of them. When the page
 * says it offers a product (schema.org Product in JSON-LD or microdata,
 * og:type product), the container grows to the element that holds that
 * pick, the product's name heading and its specifications tables. When
 * the pick is the page's <main> landmark instead, it shrinks to the box
 * around the name that holds two thirds of its text.
 */
#include <string.h>
#include <strings.h>

#include "internal.h"

/* microdata: itemtype="https://schema.org/Product" (or ProductGroup...) */
static bool microdata_product(const elem *e)
{
	const char *t = cln_elem_attr(e, "itemtype");
	if (!t)
		return false;
	const char *p = strstr(t, "schema.org/Product");
	return p && (p[18] == '\0' || p[18] == ' ' || p[18] == 'G' || p[18] == 'M');
}

bool cln_product_page(const doc *d)
{
	if (d->product)
		return true;
	for (size_t i = 0; i < d->nel; i++)
		if (microdata_product(&d->el[i]))
			return true;
	return false;
}

/* Does the page title hold the heading's first words (titles read "Name |
   Shop", and may word the rest differently)? */
static bool in_title(const doc *d, const block *b)
{
	const char *title = d->meta[META_TITLE];
	size_t n = b->len < 24 ? b->len : 24;
	if (!title || n < 3)
		return false;
	size_t tl = strlen(title);
	for (size_t i = 0; i + n <= tl; i++)
		if (strncasecmp(title + i, b->text, n) == 0)
			return true;
	return false;
}

/* The element of the product's name: the first <h1> the page title names
   (an earlier rule may have dropped it as a repeat: it still marks where
   the product is), else the first <h1> still kept. */
static int name_heading(const doc *d)
{
	int kept = -1;
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		if (!(b->flags & BF_HEADING) || b->elem < 0 || strcmp(cln_block_tag(b), "h1") != 0)
			continue;
		if (in_title(d, b))
			return b->elem;
		if (kept < 0 && b->removed_by < 0)
			kept = b->elem;
	}
	return kept;
}

/* The block of the product's name heading, or -1. */
static long name_block(const doc *d)
{
	int h = name_heading(d);
	for (size_t i = 0; h >= 0 && i < d->n; i++)
		if (d->b[i].elem == h)
			return (long)i;
	return -1;
}

/* A thin product page (a name, a price, two lines) may hold less text
   than the "Customers also bought" grid or the seller's other items beside
   it, which max-share then spares. A box without the product's name is
   not the product; one holding half the prose is still spared (a thin
   page's reviews, a description the name heading does not head). Read
   once a rule, as max-share's text left is: the name's block and the
   prose still kept before each block. */
int cln_product_share_new(const doc *d, product_share *ps)
{
	ps->prose = NULL;
	ps->name = d->page.type == PAGE_PRODUCT ? name_block(d) : -1;
	if (ps->name < 0)
		return 0;
	if (!(ps->prose = calloc(d->n + 1, sizeof *ps->prose)))
		return CLN_ENOMEM;
	for (size_t i = 0; i < d->n; i++)
		ps->prose[i + 1] = ps->prose[i] + (d->b[i].removed_by < 0 &&
		                                   cln_prose_block(&d->b[i]) ? d->b[i].chars : 0);
	return 0;
}

unsigned cln_product_share(const doc *d, const product_share *ps, const elem *e, unsigned share)
{
	if (share >= 50 || !ps->prose || ((size_t)ps->name >= e->first && (size_t)ps->name < e->end))
		return share;
	size_t in = ps->prose[e->end] - ps->prose[e->first];
	return in * 2 < ps->prose[d->n] ? 75 : share;
}

/* The element around both a and b, unless that is the whole page. */
static int around(const doc *d, int a, int b)
{
	int c = cln_elem_lca(d, a, b);
	if (c < 0 || cln_elem_whole_page(&d->el[c]))
		return a;
	return c;
}

/* A shop's <main> holds the product and, beside it, boxes of other
   products, a quick-order cart, customers' testimonials and the shop's
   own pitch; the product is the box around its name heading that holds
   NARROW_SHARE percent of the text <main> holds. A thin page (under
   NARROW_TEXT characters) says too little to tell which box that is. */
enum { NARROW_SHARE = 67, NARROW_TEXT = 500 };
int cln_product_narrow(const doc *d, const uint32_t *chars, int best)
{
	const elem *top = &d->el[best];
	size_t all = chars[top->end] - chars[top->first];
	int h = all >= NARROW_TEXT ? name_heading(d) : -1;
	for (int a = h; a >= 0 && a != best; a = d->el[a].parent) {
		const elem *e = &d->el[a];
		if (e->first < top->first || e->end > top->end)
			break; /* the name is outside <main> */
		if ((chars[e->end] - chars[e->first]) * 100 >= all * NARROW_SHARE)
			return a;
	}
	return best;
}

/* A shop's page may show no prose at all (name, price, options, a
   details list): the text scores then crown a footer's notice or a
   review, and widen it to the whole page with its menus. The page's
   <main> landmark around the product's name is the product, prose or
   none, when it holds MAIN_TEXT characters and its text is mostly not
   links. */
enum { MAIN_TEXT = 200 };
int cln_product_main(const doc *d, const uint32_t *chars, const uint32_t *links)
{
	if (d->page.type != PAGE_PRODUCT)
		return -1;
	int a = name_heading(d);
	while (a >= 0 && strcmp(cln_elem_tag(&d->el[a]), "main") != 0) {
		const char *role = cln_elem_attr(&d->el[a], "role");
		if (role && strcmp(role, "main") == 0)
			break;
		a = d->el[a].parent;
	}
	if (a < 0)
		return -1;
	const elem *e = &d->el[a];
	size_t text = chars[e->end] - chars[e->first], link = links[e->end] - links[e->first];
	return text >= MAIN_TEXT && link * 2 < text ? a : -1;
}

/* The text scores' pick holding no prose on a shop's page is a callout
   of its buy box ("One Purchased = One Donated", a size note): widening
   it to where the page's prose is takes a footer's notices and the menus
   around them, and a page that shows its description only in JSON-LD
   then never gets it (cln_product_description). The product container
   grows the pick to the product's name instead. */
bool cln_product_part(const doc *d, const uint32_t *good, int pick)
{
	return pick >= 0 && d->page.type == PAGE_PRODUCT && cln_product_page(d) &&
	       good[d->el[pick].end] == good[d->el[pick].first] && name_heading(d) >= 0;
}

enum { SPEC_ROWS = 6, SPEC_CELL = 80 };

/* A table written in <div>s (eBay's "Item specifics", a shop's "Product
   details"): SPEC_ROWS / 2 or more child elements of one class, the rows,
   each holding two or three blocks (a label and its value), and no other
   child but a heading. A menu's items hold one block each. The look
   stops after ROWS_SCAN elements (a table of rows is small): every
   element of a product page is asked, so a deep page costs no square. */
enum { ROWS_SCAN = 2048 };
static bool div_rows(const doc *d, const elem *e)
{
	size_t at = (size_t)(e - d->el), rows = 0;
	const char *cls = NULL;
	for (size_t i = at + 1; i < d->nel && d->el[i].depth > e->depth; i++) {
		if (i - at > ROWS_SCAN)
			return false;
		const elem *c = &d->el[i];
		if (c->parent != (int)at || (c->end == c->first + 1 && (d->b[c->first].flags & BF_HEADING)))
			continue;
		const char *k = elem_class(c);
		if (!k || c->end - c->first < 2 || c->end - c->first > 3 || (cls && strcmp(cls, k) != 0))
			return false;
		cls = k;
		rows++;
	}
	return rows >= SPEC_ROWS / 2;
}

/* A specifications table: a <table> or <dl>, or rows of <div>s, of at
   least SPEC_ROWS kept blocks, short ones on average (label and value
   cells, not paragraphs). */
static bool spec_table(const doc *d, const elem *e)
{
	const char *t = cln_elem_tag(e);
	if (strcmp(t, "table") != 0 && strcmp(t, "dl") != 0 && !div_rows(d, e))
		return false;
	size_t kept = 0, chars = 0;
	for (size_t i = e->first; i < e->end; i++)
		if (d->b[i].removed_by < 0) {
			kept++;
			chars += d->b[i].chars;
		}
	return kept >= SPEC_ROWS && chars <= kept * SPEC_CELL;
}

int cln_product_container(const doc *d, int best)
{
	if (best < 0)
		return best;
	int h = name_heading(d);
	if (h >= 0)
		best = around(d, best, h);
	/* the specifications, often a tab or box of their own beside it */
	const elem *top = &d->el[best];
	for (size_t i = 0; i < d->nel; i++) {
		const elem *e = &d->el[i];
		if ((e->first < top->first || e->end > top->end) && spec_table(d, e)) {
			best = around(d, best, (int)i);
			top = &d->el[best];
		}
	}
	return best;
}

/* JSON-LD text as a reader sees it: tags out, the common entities decoded,
   white space folded. */
static int plain_text(const char *s, buf *out)
{
	static const struct { const char *ent, *ch; } ents[] = {
		{ "&amp;", "&" }, { "&lt;", "<" }, { "&gt;", ">" }, { "&quot;", "\"" },
		{ "&#39;", "'" }, { "&nbsp;", " " },
	};
	int rc = 0;
	bool space = false;
	while (*s && rc == 0) {
		if (*s == '<') { /* a tag: as a space */
			const char *e = strchr(s, '>');
			s = e ? e + 1 : s + strlen(s);
			space = true;
			continue;
		}
		const char *ch = NULL;
		size_t skip = 1;
		for (size_t k = 0; k < sizeof ents / sizeof ents[0] && !ch; k++)
			if (strncmp(s, ents[k].ent, strlen(ents[k].ent)) == 0) {
				ch = ents[k].ch;
				skip = strlen(ents[k].ent);
			}
		char c = ch ? *ch : *s;
		s += skip;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			space = true;
			continue;
		}
		if (space && out->len)
			rc = buf_addc(out, ' ');
		space = false;
		if (rc == 0)
			rc = buf_addc(out, c);
	}
	return rc;
}

/* Letters and digits only, ASCII lower-cased: quotes, dashes and spaces
   differ between a page and its JSON-LD ("You'll" and "You\u2019ll"). */
static size_t squeeze(const char *s, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	for (size_t i = 0; i < len && n < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
			out[n++] = (char)(c | 0x20);
	}
	return n;
}

/* Does some block of the page, dropped or kept, hold the text's start? */
static bool on_page(const doc *d, const char *t, size_t tl)
{
	enum { PROBE = 32 };
	char probe[PROBE];
	size_t pn = squeeze(t, tl, probe, PROBE);
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		for (size_t k = 0; k < b->len; k++) {
			char head[PROBE];
			if (squeeze(b->text + k, b->len - k, head, 1) == 0 || head[0] != probe[0])
				continue;
			if (squeeze(b->text + k, b->len - k, head, pn) == pn && memcmp(head, probe, pn) == 0)
				return true;
		}
	}
	return false;
}

int cln_product_description(doc *d, size_t shown_prose)
{
	if (!d->ld_desc || !cln_product_page(d))
		return 0;
	buf t = BUF_INIT;
	if (plain_text(d->ld_desc, &t) < 0) {
		buf_free(&t);
		return CLN_ENOMEM;
	}
	/* a page that shows it, or prose of its own, has its description */
	int rc = 0;
	if (t.len >= 40 && shown_prose < t.len && !on_page(d, t.data, t.len)) {
		d->added_text = arena_add(&d->ar, t.data, t.len);
		rc = d->added_text ? cln_warn(d, "%s", "the product description comes from the "
		                              "page's JSON-LD (Product.description): the page "
		                              "shows none")
		                   : CLN_ENOMEM;
	}
	buf_free(&t);
	return rc;
}

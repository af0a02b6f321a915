/*
 * mainproduct.c - main content on a product page. A shop's page spreads
 * what a buyer reads over many boxes (the name and price at the top, the
 * description, a specifications table, feature sections further down), so
 * the container the text scores pick is often one of them. When the page
 * says it offers a product (schema.org Product in JSON-LD or microdata,
 * og:type product), the container grows to the element that holds both
 * that pick and the product's name heading.
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

int cln_product_container(const doc *d, int best)
{
	int h = name_heading(d);
	if (h < 0 || best < 0)
		return best;
	int a = best, b = h;
	while (a >= 0 && b >= 0 && a != b) {
		if (d->el[a].depth >= d->el[b].depth)
			a = d->el[a].parent;
		else
			b = d->el[b].parent;
	}
	if (a < 0 || a != b || strcmp(d->el[a].tag, "body") == 0 || strcmp(d->el[a].tag, "html") == 0)
		return best;
	return a;
}

/*
 * mainsections.c - main content spread over many parts: service pages
 * (hero, features, testimonials, pricing, FAQ as sibling sections),
 * listings and collections (a grid of cards). The text scores of
 * maincontent.c crown the container of the best run of paragraphs, which
 * on such pages is one FAQ answer or one card; here that choice is widened
 * to the element that gathers the page's prose, and a grid of cards keeps
 * its link titles.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static size_t in(const uint32_t *prefix, const elem *e)
{
	return prefix[e->end] - prefix[e->first];
}

/* The chosen container holds less than SCATTERED percent of the page's
   prose: it is one part of many, so widen to the nearest ancestor holding
   GATHERED percent. But a body of BODY_BLOCKS paragraphs or more that holds
   BODY_SHARE percent is an article's: the prose elsewhere is teasers and
   comments around it. A service page's sections can be long and many: its
   pick widens below SERVICE_SCATTERED percent, however many paragraphs; so
   does a manual's, whose longest section (a list of options) is no more
   its body than the description and examples beside it. */
enum { SCATTERED = 50, GATHERED = 70, BODY_BLOCKS = 12, BODY_SHARE = 30, SERVICE_SCATTERED = 70 };

/* The nearest ancestor of e (below <html>) holding pct percent of
   prefix[]'s page total. */
int cln_main_gather(const doc *d, const uint32_t *prefix, int e, size_t pct)
{
	while (d->el[e].parent >= 0 && in(prefix, &d->el[e]) * 100 < (size_t)prefix[d->n] * pct &&
	       strcmp(cln_elem_tag(&d->el[d->el[e].parent]), "html") != 0)
		e = d->el[e].parent;
	return e;
}

bool cln_same_shape(const elem *a, const elem *b)
{
	const char *ca = elem_class(a), *cb = elem_class(b);
	return strcmp(cln_elem_tag(a), cln_elem_tag(b)) == 0 && strcmp(ca ? ca : "", cb ? cb : "") == 0;
}

/* A pick holding under SECTION_SHARE percent of the prose, with
   SECTIONS siblings of its shape (tag and class) that together hold as
   much: one section of a grid of them (features, steps, chapters); the
   grid is the body. */
enum { SECTION_SHARE = 25, SECTIONS = 2 };

/* Siblings of e of its shape (tag and class) holding prose; their prose
   in *prose. */
static size_t alike_siblings(const main_page *pg, int e, size_t *prose)
{
	const doc *d = pg->d;
	const elem *x = &d->el[e], *p = &d->el[x->parent];
	size_t alike = 0;
	*prose = 0;
	/* elements are in document order: the parent's descendants follow it */
	for (size_t i = (size_t)x->parent + 1; i < d->nel && d->el[i].depth > p->depth; i++) {
		const elem *s = &d->el[i];
		if (s->parent == x->parent && (int)i != e && cln_same_shape(s, x) && in(pg->good, s) > 0) {
			alike++;
			*prose += in(pg->good, s);
		}
	}
	return alike;
}

int cln_main_sections(const main_page *pg, int e)
{
	if (e < 0 || (pg->d->page.type != PAGE_ARTICLE && pg->d->page.type != PAGE_SERVICE))
		return e;
	const elem *x = &pg->d->el[e];
	size_t have = in(pg->good, x), prose;
	if (x->parent < 0 || have * 100 >= pg->good_total * SECTION_SHARE)
		return e;
	return alike_siblings(pg, e, &prose) >= SECTIONS && prose >= have ? x->parent : e;
}

/* An article written as a <section> a heading, the one scores chose the
   longest: when the parent holding it and its sibling sections holds
   GATHERED percent of the page's prose, the parent is the body (the
   sections under 30 percent of the pick's prose that take_siblings leaves
   are the article's too: its intro, its FAQ). */
static int section_of_many(const main_page *pg, int e)
{
	const doc *d = pg->d;
	const elem *x = &d->el[e];
	size_t prose;
	if (x->parent < 0 || strcmp(cln_elem_tag(x), "section") != 0 ||
	    in(pg->good, &d->el[x->parent]) * 100 < pg->good_total * GATHERED)
		return e;
	return alike_siblings(pg, e, &prose) >= 1 ? x->parent : e;
}

/* A page with next to no prose (a shop's grid, a list of links with an
   intro line): a container holding under THIN_GOOD chars of prose and
   THIN_TEXT percent of the text is a banner; widen to where TEXT_GATHERED
   percent of the text is. */
enum { THIN_GOOD = 400, THIN_TEXT = 20, TEXT_GATHERED = 50 };

int cln_main_widen(const main_page *pg, int best)
{
	if (best < 0)
		return best;
	const doc *d = pg->d;
	bool service = d->page.type == PAGE_SERVICE;
	bool manual = d->page.type == PAGE_DOCUMENTATION;
	int e = best;
	size_t have = in(pg->good, &d->el[e]), paragraphs = 0;
	for (size_t i = d->el[e].first; i < d->el[e].end; i++)
		paragraphs += pg->good[i + 1] > pg->good[i];
	if (service ? have * 100 < pg->good_total * SERVICE_SCATTERED
	            : have * 100 < pg->good_total * SCATTERED &&
	                  (manual || paragraphs < BODY_BLOCKS || have * 100 < pg->good_total * BODY_SHARE))
		e = cln_main_gather(d, pg->good, e, GATHERED);
	else
		e = section_of_many(pg, e);
	const elem *w = &d->el[e];
	if (in(pg->good, w) < THIN_GOOD && in(pg->chars, w) * 100 < (size_t)pg->chars[d->n] * THIN_TEXT)
		e = cln_main_gather(d, pg->chars, e, TEXT_GATHERED);
	return e;
}
/* Listings and collections: a grid of cards, each a headline link with a
   teaser, a price or a date. Three or more sibling elements of one shape
   (tag and class) each holding CARD_CHARS of text in two blocks or more,
   one of them with a link (paragraphs are no cards, nor is a link list's
   item), are cards. When they carry CARD_SHARE percent of the container's
   text and the prose outside them is less than theirs (not an article with
   a grid of related stories), the page is the grid, and a card's title is
   content however much of it is a link. */
enum { CARDS = 3, CARD_CHARS = 30, CARD_SHARE = 50 };

typedef struct shape {
	int parent;
	const char *tag, *cls;
	size_t el;
} shape;

/* Siblings of one shape compare equal; qsort's order is by element last. */
static int shape_cmp(const shape *x, const shape *y)
{
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	int c = strcmp(x->tag, y->tag);
	return c ? c : strcmp(x->cls ? x->cls : "", y->cls ? y->cls : "");
}

static int by_shape(const void *a, const void *b)
{
	const shape *x = a, *y = b;
	int c = shape_cmp(x, y);
	return c ? c : (x->el > y->el) - (x->el < y->el);
}

static bool card_like(const main_page *pg, const elem *e)
{
	size_t blocks = 0;
	for (size_t b = e->first; b < e->end && blocks < 2; b++)
		blocks += pg->chars[b + 1] > pg->chars[b];
	return blocks >= 2 && in(pg->chars, e) >= CARD_CHARS && in(pg->links, e) > 0;
}

/* A link block in a card that is its title: long enough to name something
   (TITLE_CHARS), a heading, or any line of a tile with under TILE_PROSE
   chars of prose (a product's name and price); a post in a thread of cards
   has more, and its short link lines (user names, "Reply") still go; so
   does a listing card's row of tags (cln_listing_tags). */
enum { TITLE_CHARS = 20, TILE_PROSE = 150 };

static bool title_like(const main_page *pg, const elem *card, size_t b)
{
	const block *k = &pg->d->b[b];
	if (cln_listing_tags(pg->d, k, in(pg->chars, card) - in(pg->links, card)) ||
	    cln_listing_button(pg->d, k))
		return false;
	return k->chars >= TITLE_CHARS || (k->flags & BF_HEADING) || in(pg->good, card) < TILE_PROSE;
}

/* Mark in title[] the titles in runs of CARDS alike elements among v[0..n),
   sorted by shape, and in seen[] all their blocks; the text chars and prose
   chars the cards hold. */
static void mark_runs(const main_page *pg, const shape *v, size_t n, bool *title, bool *seen,
                      size_t *chars, size_t *good)
{
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && shape_cmp(&v[i], &v[j]) == 0;)
			j++;
		size_t end = 0; /* a card nested in the last one is that card */
		for (size_t k = i; j - i >= CARDS && k < j; k++) {
			const elem *e = &pg->d->el[v[k].el];
			if (e->first < end)
				continue;
			end = e->end;
			for (size_t b = e->first; b < e->end; b++) {
				if (!seen[b]) {
					*chars += pg->chars[b + 1] - pg->chars[b];
					*good += pg->good[b + 1] - pg->good[b];
				}
				seen[b] = true;
				title[b] |= title_like(pg, e, b);
			}
		}
	}
}

int cln_main_cards(const main_page *pg, int top, bool *card)
{
	const doc *d = pg->d;
	const elem *t = &d->el[top];
	shape *v = NULL; /* grown as cards come: few elements of a page are */
	bool *seen = calloc(d->n + 1, sizeof *seen);
	size_t n = 0, cap = 0;
	if (!seen)
		return CLN_ENOMEM;
	for (size_t i = (size_t)top + 1; i < d->nel; i++) {
		const elem *e = &d->el[i];
		if (e->first < t->first || e->end > t->end || e->parent < 0 || !card_like(pg, e))
			continue;
		/* grids wrap each card in a column whose class varies with its
		   width ("col-md-8", "col-md-4"): the card's siblings are the
		   cards under the element that holds more than it */
		int p = e->parent;
		while (p != top && d->el[p].parent >= 0 && in(pg->chars, &d->el[p]) == in(pg->chars, e))
			p = d->el[p].parent;
		if (n == cap && grow_array(&v, n, &cap, sizeof *v) < 0) {
			free(v);
			free(seen);
			return CLN_ENOMEM;
		}
		v[n++] = (shape){ p, cln_elem_tag(e), elem_class(e), i };
	}
	if (n) /* v is NULL with no card: qsort must not see it */
		qsort(v, n, sizeof *v, by_shape);
	size_t chars = 0, good = 0;
	mark_runs(pg, v, n, card, seen, &chars, &good);
	free(v);
	free(seen);
	if (chars * 100 < in(pg->chars, t) * CARD_SHARE || in(pg->good, t) - good >= chars) {
		memset(card, 0, d->n * sizeof *card);
		return 0;
	}
	return 1;
}

int cln_main_grid(const main_page *pg, int e)
{
	bool *card = calloc(pg->d->n + 1, sizeof *card);
	if (!card)
		return CLN_ENOMEM;
	int rc = cln_main_cards(pg, e, card);
	free(card);
	return rc;
}

/*
 * textunits.c - a listing's cards in flattened text: the same short line
 * under every card ("Add to cart", "Subjects: Artificial Intelligence",
 * "[12] arXiv:2603.05498 [pdf, html, other]" with its numbers), which
 * main-content's text path takes for the content when the prose it found
 * is a small part of what the cards span.
 */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"

/* A card's line is short; a shape is a unit's when it comes UNIT_REPEATS
   times or more (a menu's items differ, and an article's repeated labels
   are fewer). */
enum { UNIT_CHARS = 60, UNIT_REPEATS = 8, UNIT_LINES = 30 };

/* The line's text without its blanks around: [*i, *n). */
static void trimmed(const block *b, size_t *i, size_t *n)
{
	*i = 0;
	*n = b->len;
	while (*i < *n && (b->text[*i] == ' ' || b->text[*i] == '\t'))
		++*i;
	while (*n > *i && (b->text[*n - 1] == ' ' || b->text[*n - 1] == '\t'))
		--*n;
}

/* A hash of the line's text without its blanks around, each run of digits
   as one '0' (prices, counts, dates, numbers differ from card to card). */
static uint64_t shape_hash(const block *b)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i, n;
	trimmed(b, &i, &n);
	for (; i < n; i++) {
		unsigned char c = (unsigned char)b->text[i];
		if (c >= '0' && c <= '9') {
			while (i + 1 < n && b->text[i + 1] >= '0' && b->text[i + 1] <= '9')
				i++;
			c = '0';
		}
		h = (h ^ c) * 0x100000001b3ULL;
	}
	return h;
}

/* A card's line: of 3 to UNIT_CHARS bytes, blanks around aside, no list
   item (a menu's "* More" under each of its sections), with a small letter
   or a digit (lynx's "(BUTTON)", a form's, is on every part of a page). */
static bool unit_size(const block *b)
{
	size_t i, n;
	if (b->removed_by >= 0 || b->len > UNIT_CHARS + 80)
		return false;
	trimmed(b, &i, &n);
	if (n - i < 3 || n - i > UNIT_CHARS || cln_item_marker(b->text + i, n - i) > 0)
		return false;
	for (; i < n; i++)
		if ((b->text[i] >= 'a' && b->text[i] <= 'z') || (b->text[i] >= '0' && b->text[i] <= '9'))
			return true;
	return false;
}

int cln_text_units(const doc *d, text_units *u)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += unit_size(&d->b[i]);
	if (n < UNIT_REPEATS)
		return 0;
	line_key *v = malloc(n * sizeof *v);
	if (!v)
		return CLN_ENOMEM;
	n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (unit_size(&d->b[i]))
			v[n++] = (line_key){ shape_hash(&d->b[i]), i };
	qsort(v, n, sizeof *v, cln_line_key_cmp);
	size_t span = 0, count = 0;
	for (size_t k = 0, end; k < n; k = end) {
		for (end = k; end < n && v[end].h == v[k].h; end++)
			;
		size_t c = end - k, w = v[end - 1].i - v[k].i;
		/* the shape that spans most, once a card at least */
		if (c >= UNIT_REPEATS && w > span && w / (c - 1) <= UNIT_LINES) {
			span = w;
			u->first = v[k].i;
			u->last = v[end - 1].i;
			count = c;
		}
	}
	free(v);
	if (!count)
		return 0;
	u->card = span / (count - 1); /* a card's lines, on average */
	if (u->card == 0)
		u->card = 1;
	return 1;
}

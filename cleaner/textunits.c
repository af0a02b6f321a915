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

/* A hash of the line's text without its blanks around, each run of digits
   as one '0' (prices, counts, dates, numbers differ from card to card). */
static uint64_t shape_hash(const block *b)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t n;
	const char *s = cln_line_trim(b, &n);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= '0' && c <= '9') {
			while (i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
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
	if (b->removed_by >= 0 || b->len > UNIT_CHARS + 80)
		return false;
	size_t n;
	const char *s = cln_line_trim(b, &n);
	if (n < 3 || n > UNIT_CHARS || cln_item_marker(s, n) > 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))
			return true;
	return false;
}

/* The end of the run of keys with v[k]'s shape. */
static size_t shape_end(const line_key *v, size_t n, size_t k)
{
	size_t end = k;
	while (end < n && v[end].h == v[k].h)
		end++;
	return end;
}

/* A card's shape: c lines over w, a card's at least every UNIT_LINES;
   with `prices`, a price alone on its line is one from UNIT_PRICES
   cards (a shop's small grid: a menu prints no prices). */
enum { UNIT_PRICES = 5 };
static bool unit_shape(const doc *d, const line_key *v, size_t k, size_t end, bool prices)
{
	size_t c = end - k, w = v[end - 1].i - v[k].i, len;
	if (c < (prices ? UNIT_PRICES : UNIT_REPEATS) || w / (c - 1) > UNIT_LINES)
		return false;
	if (c >= UNIT_REPEATS)
		return true;
	const char *s = cln_line_trim(&d->b[v[k].i], &len);
	return cln_price_text(s, len);
}

/* Does a shape of the cards u found (within their span, give or take a
   card) print a number: a price, a count, a date? */
static bool numbered(const doc *d, const line_key *v, size_t n, const text_units *u, bool prices)
{
	for (size_t k = 0, end; k < n; k = end) {
		end = shape_end(v, n, k);
		if (!unit_shape(d, v, k, end, prices) || v[k].i + u->card < u->first ||
		    v[end - 1].i > u->last + u->card)
			continue;
		size_t len;
		const char *s = cln_line_trim(&d->b[v[k].i], &len);
		if (cln_has_digit(s, len))
			return true;
	}
	return false;
}

int cln_text_units(const doc *d, text_units *u, bool prices)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += unit_size(&d->b[i]);
	if (n < (prices ? UNIT_PRICES : UNIT_REPEATS))
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
		end = shape_end(v, n, k);
		size_t c = end - k, w = v[end - 1].i - v[k].i;
		/* the shape that spans most, once a card at least */
		if (unit_shape(d, v, k, end, prices) && w > span) {
			span = w;
			u->first = v[k].i;
			u->last = v[end - 1].i;
			count = c;
		}
	}
	if (count) {
		u->card = span / (count - 1) ? span / (count - 1) : 1; /* a card's lines, on average */
		u->numbered = numbered(d, v, n, u, prices);
	}
	free(v);
	return count > 0;
}

/*
 * duplicates.c - the duplicate detector: a block that repeats one of the
 * `window` blocks before it (white space trimmed and folded, case kept),
 * with at most `max-blank` blank lines between them, is a caption or file
 * name printed twice. The copy goes; the first one stays. On HTML pages a
 * caption that repeats the alt text of its figure's image goes too.
 */
#include <string.h>

#include "internal.h"

/* Length of the white space at s (ASCII white space and U+00A0). */
static size_t space_at(const char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\f' || s[0] == '\v'))
		return 1;
	if (len >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
		return 2;
	return 0;
}

/* Compare two texts with leading/trailing white space ignored and every
   inner run of white space counted as one space. */
static bool folded_equal(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0, w;
	while (i < al && (w = space_at(a + i, al - i)))
		i += w;
	while (j < bl && (w = space_at(b + j, bl - j)))
		j += w;
	for (;;) {
		size_t wa = 0, wb = 0;
		while (i < al && (w = space_at(a + i, al - i))) {
			i += w;
			wa++;
		}
		while (j < bl && (w = space_at(b + j, bl - j))) {
			j += w;
			wb++;
		}
		if (i == al || j == bl)
			return i == al && j == bl;
		if ((wa > 0) != (wb > 0) || a[i] != b[j])
			return false;
		i++;
		j++;
	}
}

/* HTML: does a caption repeat the alt text of an image in its figure? */
static bool repeats_alt(const doc *d, const block *b)
{
	int fig = b->elem;
	while (fig >= 0 && strcmp(d->el[fig].tag, "figure") != 0)
		fig = d->el[fig].parent;
	if (fig < 0)
		return false;
	for (size_t k = (size_t)fig + 1; k < d->nel && d->el[k].depth > d->el[fig].depth; k++) {
		const char *alt = strcmp(d->el[k].tag, "img") == 0 ? cln_elem_attr(&d->el[k], "alt") : NULL;
		if (alt && folded_equal(alt, strlen(alt), b->text, b->len))
			return true;
	}
	return false;
}

int cln_apply_duplicate(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	const long *p = r->p;
	for (size_t i = 0; i < d->n; i++) {
		block *b = &d->b[i];
		if (b->removed_by >= 0 || b->kept_by >= 0)
			continue;
		/* lengths count the trimmed text: indentation is not content */
		size_t s = 0, e = b->len, w;
		while (s < e && (w = space_at(b->text + s, e - s)))
			s += w;
		while (e > s && (b->text[e - 1] == ' ' || b->text[e - 1] == '\t' || b->text[e - 1] == '\r'))
			e--;
		size_t chars = cln_utf8_chars(b->text + s, e - s);
		if (chars < (size_t)p[P_MINLEN] || (p[P_MAXLEN] && chars > (size_t)p[P_MAXLEN]))
			continue;
		if (d->html && (b->flags & BF_FIGURE) && repeats_alt(d, b)) {
			cln_remove(d, i, (int)ri, cln_new_group(d, -1));
			if (cln_detail(d, i, "repeats the image's alt text") < 0)
				return CLN_ENOMEM;
			continue;
		}
		unsigned blanks = b->blanks;
		for (size_t j = i; j-- > 0 && i - j <= (size_t)p[P_WINDOW];) {
			if (blanks > (unsigned long)p[P_MAX_BLANK])
				break;
			const block *o = &d->b[j];
			if (folded_equal(o->text, o->len, b->text, b->len)) {
				cln_remove(d, i, (int)ri, cln_new_group(d, -1));
				if (cln_detail(d, i, "repeats line %u", o->line) < 0)
					return CLN_ENOMEM;
				break;
			}
			blanks += o->blanks;
		}
	}
	return 0;
}


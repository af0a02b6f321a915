/*
 * duplicates.c - the duplicate detector: a block that repeats one of the
 * `window` blocks before it (white space trimmed and folded, case kept),
 * with at most `max-blank` blank lines between them, is a caption or file
 * name printed twice. The copy goes; the first one stays. Only blocks still
 * kept are compared with: a removed block is no first copy, nor is a link
 * in a list (a table of contents) of the heading it names. On HTML pages a
 * caption that repeats the alt text of its figure's image goes too. With
 * `min` over 1, a copy goes only with the row of at least `min` blocks it
 * starts, each repeating in order the block after the first copy (a shop's
 * table or list written twice, for a phone's layout and a desktop's): a
 * short line that recurs alone, a value in a comparison table, stays.
 * With `kept-window` the window counts only the blocks still kept, so a
 * text and its copy with removed blocks between them are still neighbours;
 * a table cell is then never a copy (a comparison table repeats "Yes").
 *
 * The read-twice action keeps the first of a block that is one text twice
 * (a screen reader's copy beside the text shown, a phone's button beside a
 * desktop's, an image's alt text a dump prints for two pictures), white
 * space folded as above: a dump wraps the second copy at other places.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define VALUE_CHARS 60 /* a label's value, at most (own_label) */

/* Compare two texts with leading/trailing white space ignored and every
   inner run of white space counted as one space. */
static bool folded_equal(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0, w;
	while (i < al && (w = cln_space_at(a + i, al - i)))
		i += w;
	while (j < bl && (w = cln_space_at(b + j, bl - j)))
		j += w;
	for (;;) {
		size_t wa = 0, wb = 0;
		while (i < al && (w = cln_space_at(a + i, al - i))) {
			i += w;
			wa++;
		}
		while (j < bl && (w = cln_space_at(b + j, bl - j))) {
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

/* The last byte of s that is not white space to folded_equal, or -1: two
   texts that differ there are not equal, which most pairs show at once. */
static int last_byte(const char *s, size_t len)
{
	while (len) {
		unsigned char c = (unsigned char)s[len - 1];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			len--;
		else if (c == 0xA0 && len >= 2 && (unsigned char)s[len - 2] == 0xC2)
			len -= 2;
		else
			return c;
	}
	return -1;
}

/* A hash of the text as folded_equal sees it: trimmed, runs of white
   space as one space. */
uint64_t cln_folded_hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */
	size_t i = 0, w;
	bool gap = false;
	while (i < len && (w = cln_space_at(s + i, len - i)))
		i += w;
	while (i < len) {
		if ((w = cln_space_at(s + i, len - i))) {
			gap = true;
			i += w;
			continue;
		}
		if (gap)
			h = (h ^ ' ') * 1099511628211ULL;
		gap = false;
		h = (h ^ (unsigned char)s[i++]) * 1099511628211ULL;
	}
	return h;
}

/*
 * The alt texts of a page's images, for the captions of its figures. A
 * caption is checked against every image inside its figure, so a figure of
 * many blocks and images would cost their product; instead the images are
 * sorted by (folded hash, element), each element knows its figure, each
 * figure the end of its subtree, and a caption costs one binary search.
 * Built at the first caption: a page without figures pays nothing.
 */
typedef struct alt_ref {
	uint64_t hash;
	size_t el;
} alt_ref;

typedef struct fig_end {
	size_t fig, end; /* a figure element; the first element after its subtree */
} fig_end;

typedef struct alts {
	alt_ref *v;
	size_t n, cap;
	int *figure;    /* per element: the figure it is in (itself too), or -1 */
	fig_end *ends;  /* per figure, in page order */
	size_t nends, capends;
	bool built;
} alts;

static int cmp_alt(const void *a, const void *b)
{
	const alt_ref *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->el < y->el ? -1 : x->el > y->el;
}

/* Each figure's subtree ends at the first element no deeper than it. */
static int figure_ends(alts *a, const doc *d)
{
	size_t *open = NULL, nopen = 0, cap = 0; /* figures not ended: ends[] indices */
	int rc = 0;
	for (size_t e = 0; e < d->nel && rc == 0; e++) {
		while (nopen && d->el[a->ends[open[nopen - 1]].fig].depth >= d->el[e].depth)
			a->ends[open[--nopen]].end = e;
		if (a->figure[e] != (int)e)
			continue;
		if (grow_array(&a->ends, a->nends, &a->capends, sizeof *a->ends) < 0 ||
		    grow_array(&open, nopen, &cap, sizeof *open) < 0)
			rc = CLN_ENOMEM;
		else {
			open[nopen++] = a->nends;
			a->ends[a->nends++] = (fig_end){ e, d->nel };
		}
	}
	free(open);
	return rc;
}

static int alts_build(alts *a, const doc *d)
{
	a->built = true;
	if (!(a->figure = malloc((d->nel ? d->nel : 1) * sizeof *a->figure)))
		return CLN_ENOMEM;
	for (size_t e = 0; e < d->nel; e++) {
		int up = d->el[e].parent;
		a->figure[e] = strcmp(cln_elem_tag(&d->el[e]), "figure") == 0 ? (int)e : up >= 0 ? a->figure[up] : -1;
		const char *alt = strcmp(cln_elem_tag(&d->el[e]), "img") == 0 ? cln_elem_attr(&d->el[e], "alt") : NULL;
		if (!alt || a->figure[e] < 0)
			continue;
		if (grow_array(&a->v, a->n, &a->cap, sizeof *a->v) < 0)
			return CLN_ENOMEM;
		a->v[a->n++] = (alt_ref){ cln_folded_hash(alt, strlen(alt)), e };
	}
	if (a->n) /* a->v is NULL without images */
		qsort(a->v, a->n, sizeof *a->v, cmp_alt);
	return figure_ends(a, d);
}

/* The first element after figure fig's subtree. */
static size_t figure_end(const alts *a, size_t fig)
{
	size_t lo = 0, hi = a->nends;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a->ends[mid].fig < fig)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < a->nends && a->ends[lo].fig == fig ? a->ends[lo].end : fig + 1;
}

static void alts_free(alts *a)
{
	free(a->v);
	free(a->figure);
	free(a->ends);
}

/* HTML: does a caption repeat the alt text of an image in its figure? */
static bool repeats_alt(const doc *d, const alts *a, const block *b)
{
	int fig = b->elem >= 0 ? a->figure[b->elem] : -1;
	if (fig < 0)
		return false;
	alt_ref key = { cln_folded_hash(b->text, b->len), (size_t)fig };
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_alt(&a->v[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = figure_end(a, (size_t)fig);
	for (; lo < a->n && a->v[lo].hash == key.hash && a->v[lo].el < end; lo++) {
		const char *alt = cln_elem_attr(&d->el[a->v[lo].el], "alt");
		if (folded_equal(alt, strlen(alt), b->text, b->len))
			return true;
	}
	return false;
}

/* The next block after i still kept and not folded, or d->n. */
static size_t next_kept(const doc *d, size_t i)
{
	while (++i < d->n && (d->b[i].removed_by >= 0 || (d->b[i].flags & BF_FOLDED)))
		;
	return i;
}

static bool same_text(const block *a, const block *b)
{
	return last_byte(a->text, a->len) == last_byte(b->text, b->len) &&
	       folded_equal(a->text, a->len, b->text, b->len);
}

/* How many kept blocks from i on repeat, in order, the kept blocks from j
   on (j < i; the first row ends before the copy starts). */
static size_t row_length(const doc *d, size_t j, size_t i)
{
	size_t n = 0, start = i;
	while (j < start && i < d->n && same_text(&d->b[j], &d->b[i])) {
		n++;
		j = next_kept(d, j);
		i = next_kept(d, i);
	}
	return n;
}

/* The copy at i of block j: alone, or (min over 1) with its row, the
   whole of it as long as it goes on. Explaining, a block taken already
   starts no row: the rows are the same as when not explaining. */
static void drop_copy(doc *d, size_t ri, size_t i, size_t j)
{
	size_t min = (size_t)d->rules->v[ri].p[P_MIN], n = 1;
	if (min > 1) {
		if (d->b[i].removed_by >= 0 || d->b[i].kept_by >= 0 || (n = row_length(d, j, i)) < min)
			return;
	}
	int group = cln_new_group(d, -1);
	for (size_t k = 0; k < n; k++) {
		size_t ni = next_kept(d, i), nj = next_kept(d, j);
		if (cln_remove(d, i, (int)ri, group))
			cln_detail(d, i, "repeats line %u", d->b[j].line); /* failing: d->nomem */
		i = ni;
		j = nj;
	}
}

/* Block i's folded_hash, computed the first time it is asked for (h[i]
   0: not yet; a hash is kept with its low bit set): a window of a
   thousand blocks then costs a compare each, not a walk over two texts. */
static uint64_t block_hash(uint64_t *h, const doc *d, size_t i)
{
	if (!h[i])
		h[i] = cln_folded_hash(d->b[i].text, d->b[i].len) | 1;
	return h[i];
}

/* Whether block i, repeating block j, is the value of another label: a
   short text (VALUE_CHARS at most) right after a label ("Lining:") that is
   not the one before j ("Outer fabric:", "100% polyester"). A name and its
   value written twice ("Color:", "Black") are a copy; so is a post quoted
   after "Name said:". */
static bool own_label(const doc *d, size_t i, size_t j)
{
	const block *l = &d->b[i - 1];
	if (d->b[i].chars > VALUE_CHARS || l->removed_by >= 0 || last_byte(l->text, l->len) != ':')
		return false;
	return j == 0 || !folded_equal(d->b[j - 1].text, d->b[j - 1].len, l->text, l->len);
}

/* Is heading b no copy of o, an entry of a list of links (a table of
   contents, a "Jump to:" list) that names the section b heads? */
static bool names_section(const block *o, const block *b)
{
	return (o->flags & BF_LINK) && (o->flags & BF_LIST) && (b->flags & BF_HEADING) &&
	       !(b->flags & BF_LINK);
}

/* The block before i that block i repeats, within the rule's window, or
   i. With kept-window N the window is the N blocks before i still kept:
   what other rules removed between a text and its copy (a hidden label, a
   button) does not part them. That walk goes back 1000 blocks at most. A
   table cell is no copy there: a comparison table says "Yes", "No" or
   "Unlimited" in cell after cell on purpose. */
static size_t first_copy(const doc *d, const long *p, uint64_t *hash, size_t i)
{
	const block *b = &d->b[i];
	if (p[P_KEPT_WINDOW] && (b->flags & BF_TABLE))
		return i;
	unsigned blanks = b->blanks;
	size_t kept = 0, window = p[P_KEPT_WINDOW] ? 1000 : (size_t)p[P_WINDOW];
	uint64_t h = block_hash(hash, d, i);
	for (size_t j = i; j-- > 0 && i - j <= window;) {
		if (blanks > (unsigned long)p[P_MAX_BLANK])
			break;
		const block *o = &d->b[j];
		/* only a copy that stays counts: a text repeated in furniture
		   another rule took must not take the real one with it */
		if (o->removed_by < 0 && block_hash(hash, d, j) == h && !names_section(o, b) &&
		    folded_equal(o->text, o->len, b->text, b->len))
			return own_label(d, i, j) ? i : j;
		blanks += o->blanks;
		if (p[P_KEPT_WINDOW] && o->removed_by < 0 && !(o->flags & BF_FOLDED) &&
		    ++kept >= (size_t)p[P_KEPT_WINDOW])
			break;
	}
	return i;
}

int cln_apply_duplicate(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	const long *p = r->p;
	alts a = { 0 };
	uint64_t *hash = calloc(d->n + 1, sizeof *hash);
	if (!hash)
		return CLN_ENOMEM;
	for (size_t i = 0; i < d->n; i++) {
		block *b = &d->b[i];
		/* explaining, a block taken already is judged too: cln_remove notes it */
		if ((b->removed_by >= 0 || b->kept_by >= 0) && !d->ex)
			continue;
		/* lines held together only to save memory are no unit of the page */
		if (b->flags & BF_FOLDED)
			continue;
		/* lengths count the trimmed text: indentation is not content; each
		   white space trimmed is one character (U+00A0's second byte is
		   not one), so the block's count less them */
		size_t s = 0, e = b->len, w, lead = 0;
		while (s < e && (w = cln_space_at(b->text + s, e - s))) {
			s += w;
			lead++;
		}
		while (e > s && (b->text[e - 1] == ' ' || b->text[e - 1] == '\t' || b->text[e - 1] == '\r'))
			e--;
		size_t chars = cln_block_chars(d, i) - lead - (b->len - e);
		if (chars < (size_t)p[P_MINLEN] || (p[P_MAXLEN] && chars > (size_t)p[P_MAXLEN]))
			continue;
		if (d->html && (b->flags & BF_FIGURE) && !a.built && alts_build(&a, d) < 0) {
			alts_free(&a);
			free(hash);
			return CLN_ENOMEM;
		}
		if (d->html && (b->flags & BF_FIGURE) && repeats_alt(d, &a, b)) {
			if (cln_remove(d, i, (int)ri, cln_new_group(d, -1)))
				cln_detail(d, i, "repeats the image's alt text"); /* failing: d->nomem */
			continue;
		}
		size_t j = first_copy(d, p, hash, i);
		if (j < i)
			drop_copy(d, ri, i, j);
	}
	alts_free(&a);
	free(hash);
	return d->nomem ? CLN_ENOMEM : 0;
}


/* ---- a text read twice --------------------------------------------------- */

/* Copies glued together count from GLUED_CHARS characters ("EUR
   20.99EUR 20.99"), copies after a space from SPACED_WORDS words ("Talk to
   an Expert Talk to an Expert"; "Bora Bora" is a name). */
enum { GLUED_CHARS = 5, SPACED_WORDS = 3 };

/* Does a text start at s with a letter, a digit or a currency sign (no
   rule of underscores or dashes, no bullet or arrow)? Non-ASCII: what
   Latin-1's signs, Unicode's punctuation, arrows, shapes and dingbats
   (U+2000-U+2BFF) and CJK's punctuation are not, currency signs aside. */
static bool text_start(const char *s, size_t len)
{
	unsigned char c = (unsigned char)s[0];
	if (c < 0x80)
		return isalnum(c) || c == '$';
	uint32_t cp = 0;
	if (c >= 0xC2 && c < 0xE0 && len >= 2)
		cp = (uint32_t)(c & 0x1F) << 6 | ((unsigned char)s[1] & 0x3F);
	else if (c >= 0xE0 && c < 0xF0 && len >= 3)
		cp = (uint32_t)(c & 0x0F) << 12 | (uint32_t)((unsigned char)s[1] & 0x3F) << 6 |
		     ((unsigned char)s[2] & 0x3F);
	else
		return c >= 0xF0; /* beyond the BMP: letters and emoji */
	bool currency = (cp >= 0xA2 && cp <= 0xA5) || (cp >= 0x20A0 && cp < 0x20D0);
	return currency || !((cp >= 0xA1 && cp <= 0xBF) || (cp >= 0x2000 && cp < 0x2C00) ||
	                     (cp >= 0x3000 && cp < 0x3040));
}

/* Where the folded text s[0, len) has its m-th byte (a run of white
   space is one byte, none at the ends); len if it has fewer. */
static size_t folded_at(const char *s, size_t len, size_t m)
{
	size_t i = 0, n = 0, w;
	while (i < len && (w = cln_space_at(s + i, len - i)))
		i += w;
	while (i < len) {
		if ((w = cln_space_at(s + i, len - i))) {
			size_t run = i;
			while (i < len && (w = cln_space_at(s + i, len - i)))
				i += w;
			if (i == len)
				return len;
			if (n++ == m)
				return run;
			continue;
		}
		if (n++ == m)
			return i;
		i++;
	}
	return len;
}

/* The end of the first copy of block text s[0, len) when it is one text
   twice; 0 if it is not. */
static size_t first_copy_end(const char *s, size_t len)
{
	size_t lead = 0, w, n = 0, spaces = 0;
	while (lead < len && (w = cln_space_at(s + lead, len - lead)))
		lead += w;
	if (lead == len || !text_start(s + lead, len - lead))
		return 0;
	for (size_t i = lead; i < len; n++) { /* the folded length */
		if (!(w = cln_space_at(s + i, len - i))) {
			i++;
			continue;
		}
		while (i < len && (w = cln_space_at(s + i, len - i)))
			i += w;
		n -= i == len; /* white space at the end folds to nothing */
	}
	size_t mid = folded_at(s, len, n / 2);
	if (mid == len)
		return 0;
	bool spaced = cln_space_at(s + mid, len - mid) > 0;
	if (spaced != (n % 2 == 1) || !folded_equal(s, mid, s + mid, len - mid))
		return 0;
	for (size_t i = lead; i < mid;) { /* the runs of white space in the first */
		if (!cln_space_at(s + i, mid - i)) {
			i++;
			continue;
		}
		spaces++;
		while (i < mid && (w = cln_space_at(s + i, mid - i)))
			i += w;
	}
	return (spaced ? spaces + 1 >= SPACED_WORDS
	               : cln_utf8_chars(s + lead, mid - lead) >= GLUED_CHARS) ? mid : 0;
}

int cln_apply_read_twice(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		/* a program's output printed twice in a <pre> is the program's */
		if (!cln_rule_candidate(d, r, i) || (b->flags & (BF_PRE | BF_FOLDED)))
			continue;
		size_t end = first_copy_end(b->text, b->len);
		subst cut = { end, b->len, end, end };
		int rc = end ? cln_rewrite_block(d, i, (int)ri, &cut, 1, b->text, end) : 0;
		if (rc < 0)
			return rc;
	}
	return 0;
}

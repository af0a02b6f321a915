/*
 * repeats.c - what recurs across the pages of a site: a fingerprint of a
 * block's text that ignores what changes from page to page (case, white
 * space, numbers, dates), an element path that ignores volatile ids and
 * classes, and the site-repeat rule that drops the blocks the caller has
 * counted on many pages (cleaner --site-repeats, cleaner learn).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static unsigned long long mix(unsigned long long h, unsigned char c)
{
	return (h ^ c) * FNV_PRIME;
}

/* Is the lower-case word w[0, n) a month or weekday name (whole, or its
   first three letters; "sept" too)? */
static bool date_word(const char *w, size_t n)
{
	static const char *const names[] = {
		"january", "february", "march", "april", "may", "june", "july", "august",
		"september", "october", "november", "december", "monday", "tuesday",
		"wednesday", "thursday", "friday", "saturday", "sunday", "sept"
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		size_t l = strlen(names[i]);
		if ((n == l || (n == 3 && l > 3)) && strncmp(w, names[i], n) == 0)
			return true;
	}
	return false;
}

/* Is the text made of words (two of three letters or more, or a month or
   day name), so that its numbers are a date, a count, a time? A price, a
   part number, "6.0" are not: their numbers are what they say. */
static bool wordy(const char *text, size_t len)
{
	size_t words = 0;
	for (size_t i = 0; i < len;) {
		size_t j = i;
		while (j < len && isalpha((unsigned char)text[j]))
			j++;
		char w[10];
		size_t n = j - i;
		for (size_t k = 0; k < n && k < sizeof w; k++)
			w[k] = (char)tolower((unsigned char)text[i + k]);
		if (n >= 3 && n <= sizeof w && date_word(w, n))
			return true;
		words += n >= 3;
		i = j > i ? j : i + 1;
	}
	return words >= 2;
}

unsigned long long cln_fingerprint(const char *text, size_t len)
{
	unsigned long long h = FNV_OFFSET;
	bool fold = wordy(text, len);
	bool any = false, space = false;
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		if (isspace(c) || (c == 0xC2 && i + 1 < len && (unsigned char)text[i + 1] == 0xA0)) {
			space = any; /* one space between words, none at the ends */
			i += c == 0xC2 ? 2 : 1;
			continue;
		}
		if (space)
			h = mix(h, ' ');
		space = false;
		any = true;
		size_t j = i;
		if (isdigit(c) && fold) {
			while (j < len && isdigit((unsigned char)text[j]))
				j++;
			h = mix(h, '0');
		} else if (isalpha(c)) {
			char w[10];
			while (j < len && isalpha((unsigned char)text[j]))
				j++;
			size_t n = j - i;
			for (size_t k = 0; k < n && k < sizeof w; k++)
				w[k] = (char)tolower((unsigned char)text[i + k]);
			if (n <= sizeof w && date_word(w, n)) {
				h = mix(h, '\1'); /* stands for any month or day */
			} else {
				for (size_t k = i; k < j; k++)
					h = mix(h, (unsigned char)tolower((unsigned char)text[k]));
			}
		} else {
			h = mix(h, c);
			j++;
		}
		i = j;
	}
	return any ? (h ? h : 1) : 0;
}

/* A block no page of the site repeats and long enough to be prose: the
   article's own text. */
#define PROSE_CHARS 80
/* A text this many times on one page is a field of its cards or posts
   ("Top Rated", "Rated 5.0 out of 5 stars"), not the template's. */
#define CARD_FIELD 3

static bool prose(const doc *d, size_t i, const size_t *pages)
{
	return i < d->n && pages[i] == 0 && d->b[i].chars >= PROSE_CHARS;
}

static int by_u64(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a, y = *(const unsigned long long *)b;
	return x < y ? -1 : x > y;
}

/* How many of the n sorted fingerprints equal f. */
static size_t times(const unsigned long long *sorted, size_t n, unsigned long long f)
{
	const unsigned long long *p = bsearch(&f, sorted, n, sizeof f, by_u64);
	if (!p)
		return 0;
	const unsigned long long *a = p, *z = p;
	while (a > sorted && a[-1] == f)
		a--;
	while (z + 1 < sorted + n && z[1] == f)
		z++;
	return (size_t)(z - a) + 1;
}

/* The blocks earlier rules left, in order, into live (*n of them), and
   how many pages of the site each one's text is on (0: too few, or not
   a template's text: a number, a price, a word). */
static int count_live(doc *d, size_t *pages, size_t *live, size_t *n)
{
	unsigned long long *fp = calloc(d->n, sizeof *fp), *sorted = calloc(d->n, sizeof *fp);
	if (!fp || !sorted) {
		free(fp);
		free(sorted);
		return CLN_ENOMEM;
	}
	*n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->b[i].removed_by < 0) {
			fp[*n] = sorted[*n] = cln_fingerprint(d->b[i].text, d->b[i].len);
			live[(*n)++] = i;
		}
	qsort(sorted, *n, sizeof *sorted, by_u64);
	for (size_t k = 0; k < *n; k++) {
		const block *b = &d->b[live[k]];
		if (fp[k] && wordy(b->text, b->len) && times(sorted, *n, fp[k]) < CARD_FIELD)
			pages[live[k]] = d->repeats(d->repeats_ud, d->host, fp[k]);
	}
	free(fp);
	free(sorted);
	return 0;
}

/* Repeated blocks go, but one between two paragraphs of prose (a heading
   every article of the site has, "Background") is the article's. */
int cln_apply_site_repeat(doc *d, size_t r)
{
	if (!d->repeats || !d->n)
		return 0;
	size_t *pages = calloc(d->n, sizeof *pages), *live = calloc(d->n, sizeof *live), n = 0;
	if (!pages || !live || count_live(d, pages, live, &n) < 0) {
		free(pages);
		free(live);
		return CLN_ENOMEM;
	}
	for (size_t k = 0; k < n; k++) {
		size_t i = live[k];
		if (!pages[i] || (k > 0 && k + 1 < n && prose(d, live[k - 1], pages) &&
		                  prose(d, live[k + 1], pages)))
			continue;
		if (cln_remove(d, i, (int)r, cln_new_group(d, -1)))
			cln_detail(d, i, "seen on %zu pages of %s", pages[i],
			           d->host[0] ? d->host : "the run"); /* failing: d->nomem */
	}
	free(pages);
	free(live);
	return d->nomem ? CLN_ENOMEM : 0;
}

/* Does a class name or id change from page to page (a number, a hash such
   as "sc-bdfBwQ"), or hold what a selector cannot name plainly? */
static bool volatile_name(const char *s, size_t n)
{
	size_t upper = 0;
	if (n == 0 || n > 40 || s[0] == '-' || s[0] == '_')
		return true;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!isalpha(c) && c != '-' && c != '_')
			return true;
		upper += i > 0 && isupper(c);
	}
	return upper >= 2;
}

/* One step of the path: tag, id and class names that stay. */
static int add_step(const elem *x, bool bare, buf *out)
{
	int rc = buf_adds(out, cln_elem_tag(x));
	const char *id = elem_id(x), *cls = elem_class(x);
	if (bare)
		return rc; /* <body>'s classes name the page (its type, its id) */
	if (id && !volatile_name(id, strlen(id)))
		rc |= buf_printf(out, "#%s", id);
	while (cls && *cls) {
		size_t sp = strspn(cls, " \t\n\r\f"), l = strcspn(cls + sp, " \t\n\r\f");
		if (l && !volatile_name(cls + sp, l))
			rc |= buf_printf(out, ".%.*s", (int)l, cls + sp);
		cls += sp + l;
	}
	return rc;
}

int cln_stable_path(const doc *d, size_t i, buf *out)
{
	int chain[64]; /* as cln_elem_path: the nearest 64 elements */
	size_t n = 0;
	for (int e = d->b[i].elem; e >= 0 && n < 64; e = d->el[e].parent)
		if (strcmp(cln_elem_tag(&d->el[e]), "html") != 0)
			chain[n++] = e;
	int rc = 0;
	while (n-- > 0 && rc == 0) {
		const elem *x = &d->el[chain[n]];
		rc = add_step(x, strcmp(cln_elem_tag(x), "body") == 0, out);
		if (n && rc == 0)
			rc = buf_adds(out, " > ");
	}
	return rc < 0 ? CLN_ENOMEM : 0;
}

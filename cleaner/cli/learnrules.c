/*
 * learnrules.c - `cleaner learn`'s findings for one host: the blocks (by
 * cln_fingerprint) and the elements (by the path cln_result_block gives)
 * that recur on a large share of its pages, written as a site rule file.
 *
 * Article text is told from template text by recurrence: a block the
 * loaded rules kept that is seen on fewer than `article_pages` pages of the
 * host is taken for article text (articles repeat their own text rarely,
 * templates always). An element rule that would remove such a block on any
 * page, or a text rule for a block seen between two such blocks, is never
 * proposed. Everything is sorted on total orders, so the file depends on
 * the pages and their order only.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct occ {
	uint64_t key;      /* a fingerprint, or a hash of a path prefix */
	uint32_t page, block;
} occ;

typedef struct cand {
	bool path;         /* an element rule, else a text rule */
	const char *sel;   /* the path prefix (malloc'd) or NULL */
	uint32_t page, block; /* an example */
	size_t pages, chars;  /* pages it applies on, kept text it removes */
} cand;

typedef struct ctx {
	const learn_host *h;
	const learn_options *o;
	uint32_t **seen;   /* per page and block: pages its text is seen on */
	cand *c;
	size_t n, cap;
} ctx;

static int by_occ(const void *a, const void *b)
{
	const occ *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->block < y->block ? -1 : x->block > y->block;
}

static bool article(const ctx *x, size_t p, size_t i)
{
	const learn_block *b = &x->h->pages[p]->b[i];
	return b->kept && b->fp && x->seen[p][i] < x->o->article_pages;
}

static bool frequent(const ctx *x, size_t pages)
{
	return pages >= x->o->min_pages && pages * 100 >= x->o->min_share * x->h->npages;
}

static int push(ctx *x, cand c)
{
	if (x->n == x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 64;
		cand *v = realloc(x->c, cap * sizeof *v);
		if (!v)
			return -1;
		x->c = v;
		x->cap = cap;
	}
	x->c[x->n++] = c;
	return 0;
}

/* The kept blocks next to block i, before and after it: both article text? */
static bool amid_article(const ctx *x, size_t p, size_t i)
{
	const learn_page *pg = x->h->pages[p];
	size_t a = i, z = i + 1;
	while (a > 0 && !pg->b[a - 1].kept)
		a--;
	while (z < pg->n && !pg->b[z].kept)
		z++;
	return a > 0 && z < pg->n && article(x, p, a - 1) && article(x, p, z);
}

/* Count on how many pages each text is seen; propose the frequent ones
   (not data: a price on every page is still the page's). */
static int texts(ctx *x)
{
	const learn_host *h = x->h;
	size_t n = 0;
	for (size_t p = 0; p < h->npages; p++)
		n += h->pages[p]->n;
	occ *v = malloc((n ? n : 1) * sizeof *v);
	if (!v)
		return -1;
	n = 0;
	for (size_t p = 0; p < h->npages; p++)
		for (size_t i = 0; i < h->pages[p]->n; i++)
			if (h->pages[p]->b[i].fp)
				v[n++] = (occ){ h->pages[p]->b[i].fp, (uint32_t)p, (uint32_t)i };
	qsort(v, n, sizeof *v, by_occ);
	for (size_t a = 0, z; a < n; a = z) {
		size_t pages = 0;
		for (z = a; z < n && v[z].key == v[a].key; z++)
			pages += z == a || v[z].page != v[z - 1].page;
		for (size_t k = a; k < z; k++)
			x->seen[v[k].page][v[k].block] = (uint32_t)pages;
	}
	int rc = 0;
	for (size_t a = 0, z; a < n && rc == 0; a = z) {
		cand c = { .page = v[a].page, .block = v[a].block };
		bool veto = false;
		for (z = a; z < n && v[z].key == v[a].key; z++) {
			const learn_block *b = &h->pages[v[z].page]->b[v[z].block];
			c.pages += z == a || v[z].page != v[z - 1].page;
			c.chars += b->kept ? b->chars : 0;
			veto |= b->kept && amid_article(x, v[z].page, v[z].block);
		}
		if (frequent(x, c.pages) && c.chars && !veto && !h->pages[c.page]->b[c.block].data)
			rc = push(x, c);
	}
	free(v);
	return rc;
}

/* ---- element paths ------------------------------------------------------ */

/* Does one step of a path ("div#main.a.b") hold what the selector step
   asks for: the tag, the id if it names one, each of its class names? */
static bool step_matches(const char *want, size_t wl, const char *have, size_t hl)
{
	size_t wt = strcspn(want, "#.>"), ht = strcspn(have, "#.>");
	wt = wt < wl ? wt : wl;
	ht = ht < hl ? ht : hl;
	if (wt != ht || memcmp(want, have, wt) != 0)
		return false;
	for (size_t i = wt; i < wl;) {
		size_t l = 1 + strcspn(want + i + 1, "#. ");
		l = i + l < wl ? l : wl - i;
		bool found = false;
		for (size_t j = ht; j < hl && !found;) {
			size_t m = 1 + strcspn(have + j + 1, "#. ");
			m = j + m < hl ? m : hl - j;
			found = m == l && memcmp(want + i, have + j, l) == 0;
			j += m;
		}
		if (!found)
			return false;
		i += l;
	}
	return true;
}

/* Is a block at `path` inside an element the selector `sel` (child steps
   from body, as cln_block.path writes them) matches? */
static bool under(const char *sel, const char *path)
{
	while (*sel) {
		size_t wl = strcspn(sel, " "), hl = strcspn(path, " ");
		if (!*path || !step_matches(sel, wl, path, hl))
			return false;
		sel += wl;
		path += hl;
		sel += strncmp(sel, " > ", 3) == 0 ? 3 : 0;
		path += strncmp(path, " > ", 3) == 0 ? 3 : 0;
	}
	return true;
}

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h ? h : 1;
}

/* Every element path prefix of page p's blocks, once: into v at *n. */
static int prefixes(const learn_page *pg, uint32_t p, occ **v, size_t *n, size_t *cap)
{
	size_t start = *n;
	for (uint32_t i = 0; i < pg->n; i++) {
		const char *path = pg->b[i].path;
		for (size_t at = 0; path && path[at];) {
			size_t step = strcspn(path + at, " ");
			at += step;
			if (*n == *cap) {
				size_t c2 = *cap ? 2 * *cap : 1024;
				occ *w = realloc(*v, c2 * sizeof *w);
				if (!w)
					return -1;
				*v = w;
				*cap = c2;
			}
			(*v)[(*n)++] = (occ){ hash(path, at), p, i };
			at += strncmp(path + at, " > ", 3) == 0 ? 3 : 0;
		}
	}
	qsort(*v + start, *n - start, sizeof **v, by_occ);
	size_t u = start;
	for (size_t k = start; k < *n; k++)
		if (u == start || (*v)[u - 1].key != (*v)[k].key)
			(*v)[u++] = (*v)[k];
	*n = u;
	return 0;
}

/* The selector of an example block's prefix of the given hash. */
static char *prefix_of(const char *path, uint64_t key)
{
	for (size_t at = 0; path[at];) {
		at += strcspn(path + at, " ");
		if (hash(path, at) == key)
			return strndup(path, at);
		at += strncmp(path + at, " > ", 3) == 0 ? 3 : 0;
	}
	return NULL;
}

/* Weigh an element candidate on every page: the pages it matches on, the
   kept text it removes, and whether it would remove article text. */
static bool weigh(const ctx *x, cand *c)
{
	const learn_host *h = x->h;
	c->pages = c->chars = 0;
	bool first = true;
	for (size_t p = 0; p < h->npages; p++) {
		bool here = false;
		for (size_t i = 0; i < h->pages[p]->n; i++) {
			const learn_block *b = &h->pages[p]->b[i];
			if (!b->path || !under(c->sel, b->path))
				continue;
			if (article(x, p, i) || (b->kept && amid_article(x, p, i)))
				return false;
			here = true;
			c->chars += b->kept ? b->chars : 0;
			if (first && b->kept) {
				c->page = (uint32_t)p;
				c->block = (uint32_t)i;
				first = false;
			}
		}
		c->pages += here;
	}
	return c->chars > 0 && frequent(x, c->pages);
}

static size_t depth(const char *sel)
{
	size_t d = 1;
	for (const char *s = sel; (s = strstr(s, " > ")); s += 3)
		d++;
	return d;
}

static int by_depth(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	size_t dx = depth(x->sel), dy = depth(y->sel);
	return dx != dy ? (dx < dy ? -1 : 1) : strcmp(x->sel, y->sel);
}

/* Elements on enough pages that hold no article text; of those nested in
   one another, the outermost. */
static int elements(ctx *x)
{
	const learn_host *h = x->h;
	occ *v = NULL;
	size_t n = 0, cap = 0;
	for (size_t p = 0; p < h->npages; p++)
		if (prefixes(h->pages[p], (uint32_t)p, &v, &n, &cap) < 0) {
			free(v);
			return -1;
		}
	qsort(v, n, sizeof *v, by_occ);
	cand *found = NULL;
	size_t nf = 0;
	int rc = 0;
	for (size_t a = 0, z; a < n && rc == 0; a = z) {
		for (z = a; z < n && v[z].key == v[a].key; z++)
			;
		if (!frequent(x, z - a))
			continue;
		cand *f = realloc(found, (nf + 1) * sizeof *f);
		char *sel = prefix_of(h->pages[v[a].page]->b[v[a].block].path, v[a].key);
		if (!f || !sel) {
			free(sel);
			rc = -1;
			found = f ? f : found;
			break;
		}
		found = f;
		found[nf++] = (cand){ .path = true, .sel = sel };
	}
	free(v);
	if (nf)
		qsort(found, nf, sizeof *found, by_depth);
	size_t first = x->n;
	for (size_t k = 0; k < nf; k++) {
		bool inside = false;
		for (size_t j = first; j < x->n && !inside; j++)
			inside = under(x->c[j].sel, found[k].sel);
		if (rc == 0 && !inside && strcmp(found[k].sel, "body") != 0 && weigh(x, &found[k]) &&
		    push(x, found[k]) == 0)
			continue;
		free((char *)found[k].sel);
	}
	free(found);
	return rc;
}

/* A text rule whose every kept block an element rule takes says nothing new. */
static bool covered(const ctx *x, const cand *c)
{
	const learn_host *h = x->h;
	uint64_t fp = h->pages[c->page]->b[c->block].fp;
	for (size_t p = 0; p < h->npages; p++)
		for (size_t i = 0; i < h->pages[p]->n; i++) {
			const learn_block *b = &h->pages[p]->b[i];
			if (b->fp != fp || !b->kept)
				continue;
			bool in = false;
			for (size_t k = 0; k < x->n && !in; k++)
				in = x->c[k].path && b->path && under(x->c[k].sel, b->path);
			if (!in)
				return false;
		}
	return true;
}

/* ---- writing ------------------------------------------------------------ */

static int by_value(const void *a, const void *b)
{
	const cand *x = a, *y = b;
	if (x->chars != y->chars)
		return x->chars > y->chars ? -1 : 1;
	if (x->path != y->path)
		return x->path ? -1 : 1;
	if (x->path)
		return strcmp(x->sel, y->sel);
	if (x->page != y->page)
		return x->page < y->page ? -1 : 1;
	return x->block < y->block ? -1 : x->block > y->block;
}

/* The text shown in a comment: one line, at most about 70 characters. */
static void example(FILE *f, const char *s, size_t n)
{
	size_t shown = 0;
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (shown >= 70 && (c & 0xC0) != 0x80) {
			fputs("...", f);
			break;
		}
		fputc(c < 0x20 || c == 0x7F ? ' ' : c, f);
		shown += (c & 0xC0) != 0x80;
	}
	fputc('"', f);
}

/* A pattern for the block's text that matches what shares its
   fingerprint: white space, numbers, month and day names, case. */
static void pattern(FILE *f, const char *s, size_t n)
{
	static const char names[] =
		"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
		"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:sday)?|"
		"wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)";
	fputs("/^\\s*", f);
	while (n && (s[n - 1] == ' ' || (s[n - 1] >= '\t' && s[n - 1] <= '\r')))
		n--;
	size_t i = 0;
	while (i < n && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
		i++;
	while (i < n) {
		unsigned char c = (unsigned char)s[i];
		size_t j = i + 1;
		if (c == ' ' || (c >= '\t' && c <= '\r') || (c == 0xC2 && j < n && (unsigned char)s[j] == 0xA0)) {
			while (j < n && (s[j] == ' ' || (s[j] >= '\t' && s[j] <= '\r') ||
			                 ((unsigned char)s[j] == 0xC2 || (unsigned char)s[j] == 0xA0)))
				j++;
			fputs("\\s+", f);
		} else if (c >= '0' && c <= '9') {
			while (j < n && s[j] >= '0' && s[j] <= '9')
				j++;
			fputs("\\d+", f);
		} else if ((c | 32) >= 'a' && (c | 32) <= 'z') {
			while (j < n && ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'z'))
				j++;
			if (cln_fingerprint(s + i, j - i) == cln_fingerprint("may", 3))
				fputs(names, f);
			else
				fwrite(s + i, 1, j - i, f);
		} else {
			if (strchr("\\^$.|?*+()[]{}/#", c))
				fputc('\\', f);
			fputc(c, f);
		}
		i = j;
	}
	fputs("\\s*$/i", f);
}

static void write_rule(FILE *f, const ctx *x, const cand *c, size_t num)
{
	const learn_host *h = x->h;
	const learn_block *b = &h->pages[c->page]->b[c->block];
	fprintf(f, "\n# seen on %zu of %zu pages (%zu%%); removes %zu characters the other rules "
	        "left (%zu a page)\n# e.g. ", c->pages, h->npages, c->pages * 100 / h->npages,
	        c->chars, c->chars / c->pages);
	example(f, b->text, b->text_len);
	fprintf(f, "%s\n%s-%zu: drop ", c->path ? " (its first kept block)" : "", h->host, num);
	if (c->path)
		fprintf(f, "{%s}\n", c->sel);
	else {
		pattern(f, b->text, b->text_len);
		fputc('\n', f);
	}
}

int learn_write_host(FILE *f, const learn_host *h, const learn_options *o, size_t *nrules)
{
	ctx x = { .h = h, .o = o };
	*nrules = 0;
	int rc = (x.seen = calloc(h->npages, sizeof *x.seen)) ? 0 : -1;
	for (size_t p = 0; rc == 0 && p < h->npages; p++)
		rc = (x.seen[p] = calloc(h->pages[p]->n + 1, sizeof **x.seen)) ? 0 : -1;
	if (rc == 0)
		rc = texts(&x);
	size_t ntext = x.n;
	if (rc == 0)
		rc = elements(&x);
	/* text rules that element rules make redundant go */
	size_t k = 0;
	for (size_t i = 0; rc == 0 && i < x.n; i++)
		if (i >= ntext || !covered(&x, &x.c[i]))
			x.c[k++] = x.c[i];
	if (rc == 0)
		x.n = k;
	if (rc == 0 && x.n)
		qsort(x.c, x.n, sizeof *x.c, by_value);
	if (rc == 0) {
		fprintf(f, "# %s: a site rule file proposed by `cleaner learn` from %zu pages of %s.\n"
		        "# Review each rule before you commit it. Learned with --min-pages=%zu "
		        "--min-share=%zu --article-pages=%zu;\n# %zu rule%s, the one removing most "
		        "text first.\n@site %s\n",
		        h->host, h->npages, h->host, o->min_pages, o->min_share, o->article_pages,
		        x.n, x.n == 1 ? "" : "s", h->host);
		for (size_t i = 0; i < x.n; i++)
			write_rule(f, &x, &x.c[i], i + 1);
		*nrules = x.n;
	}
	for (size_t i = 0; i < x.n; i++)
		free((char *)x.c[i].sel);
	free(x.c);
	for (size_t p = 0; x.seen && p < h->npages; p++)
		free(x.seen[p]);
	free(x.seen);
	return rc;
}

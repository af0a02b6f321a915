/*
 * diff.c - a unified diff of two texts, line by line, for `cleaner test`.
 * The longest common subsequence of the lines between the common head and
 * tail; a table over DIFF_MAX_CELLS is not built (quadratic memory) and
 * only the first differing line is named instead.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define DIFF_MAX_CELLS ((size_t)4 << 20) /* 16 MB of table */
#define CONTEXT 3

typedef struct line {
	const char *s;
	size_t len; /* with its '\n', if it has one */
} line;

/* One edit: ' ' both, '-' only in a, '+' only in b; the lines of a and b
   before it. */
typedef struct op {
	char kind;
	size_t a, b;
} op;

static line *split(const char *s, size_t n, size_t *count)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n';
	line *v = malloc((k + 2) * sizeof *v);
	if (!v)
		return NULL;
	k = 0;
	for (size_t i = 0, start = 0; i < n; i++)
		if (s[i] == '\n' || i + 1 == n) {
			v[k++] = (line){ s + start, i + 1 - start };
			start = i + 1;
		}
	*count = k;
	return v;
}

static bool same(const line *x, const line *y)
{
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

static void put_line(FILE *out, char kind, const line *l)
{
	fputc(kind, out);
	fwrite(l->s, 1, l->len, out);
	if (!l->len || l->s[l->len - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", out);
}

/* The edit script of a[0..n) and b[0..m) after the common head (h lines)
   and before the common tail; NULL if the table would be too big. */
static op *script(const line *a, size_t n, const line *b, size_t m, size_t *nops)
{
	size_t h = 0, t = 0;
	while (h < n && h < m && same(&a[h], &b[h]))
		h++;
	while (t < n - h && t < m - h && same(&a[n - 1 - t], &b[m - 1 - t]))
		t++;
	size_t rn = n - h - t, rm = m - h - t;
	if (rn && rm && (rn + 1) > DIFF_MAX_CELLS / (rm + 1))
		return NULL;
	uint32_t *lcs = calloc((rn + 1) * (rm + 1), sizeof *lcs);
	op *v = malloc((n + m + 1) * sizeof *v);
	if (!lcs || !v) {
		free(lcs);
		free(v);
		return NULL;
	}
	/* lcs[i][j]: the longest common subsequence of the middles' suffixes */
	for (size_t i = rn; i-- > 0;)
		for (size_t j = rm; j-- > 0;)
			lcs[i * (rm + 1) + j] = same(&a[h + i], &b[h + j])
			        ? lcs[(i + 1) * (rm + 1) + j + 1] + 1
			        : lcs[(i + 1) * (rm + 1) + j] > lcs[i * (rm + 1) + j + 1]
			                ? lcs[(i + 1) * (rm + 1) + j] : lcs[i * (rm + 1) + j + 1];
	size_t k = 0, i = 0, j = 0;
	for (; i < h; i++, j++)
		v[k++] = (op){ ' ', i, j };
	while (i < h + rn || j < h + rm) {
		size_t x = i - h, y = j - h;
		if (i < h + rn && j < h + rm && same(&a[i], &b[j]))
			v[k++] = (op){ ' ', i++, j++ };
		else if (i < h + rn && (j == h + rm || lcs[(x + 1) * (rm + 1) + y] >= lcs[x * (rm + 1) + y + 1]))
			v[k++] = (op){ '-', i++, j };
		else
			v[k++] = (op){ '+', i, j++ };
	}
	for (; i < n; i++, j++)
		v[k++] = (op){ ' ', i, j };
	free(lcs);
	*nops = k;
	return v;
}

/* The hunks: changes with CONTEXT lines around them, merged when close. */
static void hunks(FILE *out, const op *v, size_t k, const line *a, const line *b)
{
	size_t i = 0;
	while (i < k) {
		while (i < k && v[i].kind == ' ')
			i++;
		if (i == k)
			break;
		/* a change within 2 * CONTEXT unchanged lines joins the hunk */
		size_t start = i > CONTEXT ? i - CONTEXT : 0, last = i;
		for (size_t x = i; x < k && x - last <= 2 * CONTEXT; x++)
			if (v[x].kind != ' ')
				last = x;
		size_t end = last + 1 + CONTEXT < k ? last + 1 + CONTEXT : k;
		size_t al = 0, bl = 0;
		for (size_t x = start; x < end; x++) {
			al += v[x].kind != '+';
			bl += v[x].kind != '-';
		}
		fprintf(out, "@@ -%zu,%zu +%zu,%zu @@\n", v[start].a + (al > 0), al,
		        v[start].b + (bl > 0), bl);
		for (size_t x = start; x < end; x++)
			put_line(out, v[x].kind, v[x].kind == '+' ? &b[v[x].b] : &a[v[x].a]);
		i = end;
	}
}

int cli_diff(FILE *out, const char *a, size_t alen, const char *b, size_t blen,
             const char *aname, const char *bname)
{
	if (alen == blen && memcmp(a, b, alen) == 0)
		return 0;
	size_t n = 0, m = 0, k = 0;
	line *la = split(a, alen, &n), *lb = split(b, blen, &m);
	op *v = la && lb ? script(la, n, lb, m, &k) : NULL;
	if (v) {
		fprintf(out, "--- %s\n+++ %s\n", aname, bname);
		hunks(out, v, k, la, lb);
	} else {
		size_t l = 0;
		while (l < n && l < m && same(&la[l], &lb[l]))
			l++;
		fprintf(out, "%s and %s differ at line %zu (too long to show a diff)\n", aname,
		        bname, l + 1);
	}
	free(v);
	free(la);
	free(lb);
	return 1;
}

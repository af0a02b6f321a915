/*
 * textcopies.c - blocks of flattened text that are other blocks' sentences
 * strung together: a page's hidden copy of its own article (schema.org's
 * articleBody in an element the browser hides, which a text dump shows as
 * one long paragraph before or after the article). Read as prose, such a
 * copy outweighs the article it repeats and drags what surrounds it into
 * the body.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* A sentence counts from COPY_SENTENCE characters; a block is a copy when
   it is a paragraph of COPY_CHARS characters or more (a recipe's or a meal
   plan's short lines repeat each other's phrases), holds COPY_MIN
   sentences or more, COPY_SHARE percent of them are in other blocks, and
   those are two blocks or more (an article's paragraph is in the copy
   whole: its sentences are in one other block). */
enum { COPY_SENTENCE = 30, COPY_CHARS = 400, COPY_MIN = 4, COPY_SHARE = 60 };

/* A page's copy of itself is a page's size: a text of more than
   COPY_TEXT bytes (a crawl's texts strung together) is not looked at,
   which bounds the table (24 bytes per 15 bytes of text). */
#define COPY_TEXT ((size_t)16 << 20)

/* A sentence's hash and the first two blocks that hold it. */
typedef struct seen {
	uint64_t h;
	size_t a, b; /* SIZE_MAX: none */
} seen;

typedef struct table {
	seen *v;
	size_t mask;
} table;

static seen *slot(table *t, uint64_t h)
{
	size_t i = (size_t)(h ^ h >> 29) & t->mask;
	while (t->v[i].a != SIZE_MAX && t->v[i].h != h)
		i = (i + 1) & t->mask;
	return &t->v[i];
}

/* Calls fn on each sentence of s[0, len) of COPY_SENTENCE characters or
   more: a run ending in . ! or ? and a blank (or the text's end). */
static void sentences(const char *s, size_t len, void (*fn)(void *, uint64_t), void *arg)
{
	size_t from = 0;
	for (size_t i = 0; i < len; i++) {
		bool end = (s[i] == '.' || s[i] == '!' || s[i] == '?') &&
		           (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\n' || s[i + 1] == '\r');
		if (!end && i + 1 < len)
			continue;
		if (cln_utf8_chars(s + from, i + 1 - from) >= COPY_SENTENCE)
			fn(arg, cln_folded_hash(s + from, i + 1 - from));
		from = i + 1;
	}
}

typedef struct walk {
	table *t;
	size_t block;
	size_t n, elsewhere, other; /* sentences, held elsewhere, the first other block */
	bool two;                   /* a second other block holds one */
} walk;

static void note(void *arg, uint64_t h)
{
	walk *w = arg;
	seen *e = slot(w->t, h);
	if (e->a == SIZE_MAX)
		*e = (seen){ h, w->block, SIZE_MAX };
	else if (e->a != w->block && e->b == SIZE_MAX)
		e->b = w->block;
}

static void check(void *arg, uint64_t h)
{
	walk *w = arg;
	const seen *e = slot(w->t, h);
	size_t other = e->a != w->block ? e->a : e->b;
	w->n++;
	if (other == SIZE_MAX)
		return;
	w->elsewhere++;
	if (w->other == SIZE_MAX)
		w->other = other;
	else if (other != w->other)
		w->two = true;
}

int cln_text_copies(const doc *d, bool *copy)
{
	memset(copy, 0, d->n);
	if (d->len > COPY_TEXT)
		return 0;
	size_t cap = 64;
	while (cap < d->len / COPY_SENTENCE * 2 + 2)
		cap *= 2;
	table t = { malloc(cap * sizeof *t.v), cap - 1 };
	if (!t.v)
		return CLN_ENOMEM;
	for (size_t i = 0; i < cap; i++)
		t.v[i].a = SIZE_MAX;
	for (size_t i = 0; i < d->n; i++) {
		walk w = { .t = &t, .block = i };
		if (d->b[i].removed_by < 0)
			sentences(d->b[i].text, d->b[i].len, note, &w);
	}
	for (size_t i = 0; i < d->n; i++) {
		walk w = { .t = &t, .block = i, .other = SIZE_MAX };
		if (d->b[i].removed_by < 0 && d->b[i].chars >= COPY_CHARS)
			sentences(d->b[i].text, d->b[i].len, check, &w);
		copy[i] = w.n >= COPY_MIN && w.two && w.elsewhere * 100 >= w.n * COPY_SHARE;
	}
	free(t.v);
	return 0;
}

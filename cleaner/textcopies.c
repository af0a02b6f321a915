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
   sentences or more, COPY_SHARE percent of them are in other blocks of
   half its length or less, and those are two blocks or more (an article's
   paragraph is in the copy whole: its sentences are in one other block, a
   longer one). */
enum { COPY_SENTENCE = 30, COPY_CHARS = 800, COPY_MIN = 4, COPY_SHARE = 60 };

/* A page's copy of itself is a page's size: a text of more than
   COPY_TEXT bytes (a crawl's texts strung together) is not looked at,
   which bounds its sentences' memory (64 bytes or so each), nor is one
   with no paragraph long enough. */
#define COPY_TEXT ((size_t)16 << 20)

/* A sentence's hash and the first three blocks that hold it (a page may
   hold two copies and the article: each copy's sentences are then in the
   other and in the article). */
typedef struct seen {
	uint64_t h;
	size_t in[3]; /* SIZE_MAX: none */
} seen;

typedef struct table {
	seen *v;
	size_t mask;
} table;

static seen *slot(const table *t, uint64_t h)
{
	size_t i = (size_t)(h ^ h >> 29) & t->mask;
	while (t->v[i].in[0] != SIZE_MAX && t->v[i].h != h)
		i = (i + 1) & t->mask;
	return &t->v[i];
}

/* The page's sentences in order, each with its block. */
typedef struct sent {
	uint64_t h;
	size_t block;
} sent;

/* A key of a sentence's first bytes, its blanks aside: the candidates'
   sentences mark theirs in a bit set, and another block's sentence is
   hashed whole only when its key is marked (most are not). */
#define PREFIX_BITS 16

static unsigned prefix_key(const char *s, size_t len)
{
	uint64_t k = 0;
	for (size_t i = 0, n = 0; i < len && n < 8; i++)
		if ((unsigned char)s[i] > ' ') {
			k = k << 8 | (unsigned char)s[i];
			n++;
		}
	return (unsigned)((k * 0x9E3779B97F4A7C15ULL) >> (64 - PREFIX_BITS));
}

typedef struct sents {
	sent *v;
	size_t n, cap;
	size_t block;
	bool candidate; /* the block is one: its sentences mark the keys */
	bool nomem;
	uint64_t keys[(1u << PREFIX_BITS) / 64];
} sents;

/* Adds each sentence of s[0, len) of COPY_SENTENCE characters or more: a
   run ending in . ! or ? and a blank (or the text's end). */
static void add_sentences(sents *ss, const char *s, size_t len)
{
	/* a list item's sentence is the same in a paragraph: its bullet aside */
	size_t from = 0;
	while (from < len && (s[from] == ' ' || s[from] == '\t'))
		from++;
	from += cln_item_marker(s + from, len - from);
	for (size_t i = from; i < len && !ss->nomem; i++) {
		bool end = (s[i] == '.' || s[i] == '!' || s[i] == '?') &&
		           (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == '\n' || s[i + 1] == '\r');
		if (!end && i + 1 < len)
			continue;
		size_t n = i + 1 - from;
		unsigned key = n >= COPY_SENTENCE ? prefix_key(s + from, n) : 0;
		bool keep = n >= COPY_SENTENCE && cln_utf8_chars(s + from, n) >= COPY_SENTENCE &&
		            (ss->candidate || (ss->keys[key / 64] >> (key % 64) & 1));
		if (keep && ss->candidate)
			ss->keys[key / 64] |= 1ULL << (key % 64);
		if (keep && !(ss->nomem = grow_array(&ss->v, ss->n, &ss->cap, sizeof *ss->v) < 0))
			ss->v[ss->n++] = (sent){ cln_folded_hash(s + from, n), ss->block };
		from = i + 1;
	}
}

/* Is the block of sentences v[0, n) other blocks' strung together? Only
   blocks of half its length or less count, as its pieces: a paragraph is
   in the copy, and in a second copy, but those hold it, it does not hold
   them (nor does a paragraph hold one of its length that shares
   sentences with it). */
static bool strung(const doc *d, const table *t, const sent *v, size_t n)
{
	size_t elsewhere = 0, first = SIZE_MAX;
	bool two = false;
	for (size_t k = 0; k < n; k++) {
		const seen *e = slot(t, v[k].h);
		size_t others = 0;
		for (int j = 0; j < 3; j++) {
			size_t o = e->in[j];
			if (o == SIZE_MAX || o == v[k].block || d->b[o].chars * 2 > d->b[v[k].block].chars)
				continue;
			others++;
			two |= first != SIZE_MAX && o != first;
			first = first == SIZE_MAX ? o : first;
		}
		elsewhere += others > 0;
	}
	return n >= COPY_MIN && two && elsewhere * 100 >= n * COPY_SHARE;
}

static int find_copies(const doc *d, const sents *ss, bool *copy)
{
	size_t cap = 64;
	while (cap < ss->n * 2)
		cap *= 2;
	table t = { malloc(cap * sizeof *t.v), cap - 1 };
	if (!t.v)
		return CLN_ENOMEM;
	for (size_t i = 0; i < cap; i++)
		t.v[i].in[0] = t.v[i].in[1] = t.v[i].in[2] = SIZE_MAX;
	for (size_t k = 0; k < ss->n; k++) {
		seen *e = slot(&t, ss->v[k].h);
		e->h = ss->v[k].h;
		for (int j = 0; j < 3; j++)
			if (e->in[j] == SIZE_MAX || e->in[j] == ss->v[k].block) {
				e->in[j] = ss->v[k].block;
				break;
			}
	}
	for (size_t k = 0, end; k < ss->n; k = end) {
		size_t i = ss->v[k].block;
		for (end = k; end < ss->n && ss->v[end].block == i; end++)
			;
		copy[i] = d->b[i].chars >= COPY_CHARS && strung(d, &t, ss->v + k, end - k);
	}
	free(t.v);
	return 0;
}

int cln_text_copies(const doc *d, bool *copy)
{
	memset(copy, 0, d->n);
	size_t candidates = 0;
	for (size_t i = 0; i < d->n; i++)
		candidates += d->b[i].removed_by < 0 && d->b[i].chars >= COPY_CHARS;
	if (!candidates || d->len > COPY_TEXT)
		return 0;
	sents *ss = calloc(1, sizeof *ss); /* 8 KB of keys */
	if (!ss)
		return CLN_ENOMEM;
	/* the candidates first, marking their keys; then the other blocks */
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < d->n && !ss->nomem; i++) {
			ss->block = i;
			ss->candidate = d->b[i].chars >= COPY_CHARS;
			if (d->b[i].removed_by < 0 && ss->candidate == (pass == 0))
				add_sentences(ss, d->b[i].text, d->b[i].len);
		}
	int rc = ss->nomem ? CLN_ENOMEM : find_copies(d, ss, copy);
	free(ss->v);
	free(ss);
	return rc;
}

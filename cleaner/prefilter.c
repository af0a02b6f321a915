/*
 * prefilter.c - one scan of a block for the literals of every pattern of
 * the rule set (literals.c), so that a pattern runs only on the blocks
 * holding one of its own: an Aho-Corasick automaton over ASCII-folded
 * bytes, built once per rule set (read-only, shared by threads), and per
 * document the slots as columns: a bit set over the blocks per slot,
 * filled the first time a rule asks. A rule then steps from one block
 * holding its literals to the next (cln_prefilter_next) without looking
 * at the blocks between, which on a text of short lines is most of them.
 *
 * Slot k is a set of literals a pattern needs (slot 0: none). A block
 * holding U+212A or U+017F (which fold to k and s) gets every slot; one
 * holding any byte >= 0x80 the slots of LIT_HIGH (a cased non-ASCII
 * letter). Whatever the prefilter says, the pattern decides: it only
 * skips calls that could not match, so results are the same.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Bounds on what the automaton takes: its build (512 bytes a state) and
   the bits each block of a document holds (four words; the default rules
   ask for about 230 slots, and at 127 a third of their patterns ran on
   every block); patterns past them run on every block. */
#define MAX_STATES 16383u
#define MAX_SLOTS 255u
#define MAX_WORDS ((MAX_SLOTS + 1 + 63) / 64)

/* The scan's inner loop has no branch: a byte is a table load for the
   next state and an OR of that state's slots (none for most), so it never
   waits on a mispredicted test, and blocks can walk side by side. */
struct prefilter {
	unsigned char cls[256]; /* folded byte -> class; 0: in no literal */
	unsigned shift;         /* log2 of the classes' row */
	uint16_t *delta;        /* (state << shift) + class -> next state */
	uint64_t *slots;        /* MAX_WORDS per state: the slots of the literals ending there */
	uint64_t *high;         /* nwords: the slots a non-ASCII byte satisfies */
	size_t nwords;          /* words per block */
};

typedef struct trie {
	uint16_t (*next)[256];  /* folded byte -> state, 0 for none (0 is the root) */
	uint16_t *fail;
	uint64_t *hits;         /* nwords per state: the slots ending here */
	uint64_t *high;         /* nwords: slots LIT_HIGH satisfies */
	size_t n, cap, nwords;
	/* the bytes some literal holds, the only ones with transitions: the
	   build walks them, not all 256, for each state */
	unsigned char used[256];
	size_t nused;
	bool is_used[256];
} trie;

static int trie_state(trie *t)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 256;
		void *a = realloc(t->next, cap * sizeof *t->next);
		if (a)
			t->next = a;
		void *h = a ? realloc(t->hits, cap * t->nwords * sizeof *t->hits) : NULL;
		if (!h)
			return -1;
		t->hits = h;
		t->cap = cap;
	}
	memset(t->next[t->n], 0, sizeof *t->next);
	memset(t->hits + t->n * t->nwords, 0, t->nwords * sizeof *t->hits);
	return (int)t->n++;
}

/* Add s (already folded) for slot; slot 0 stands for every slot. */
static int trie_add(trie *t, const unsigned char *s, size_t len, unsigned slot)
{
	unsigned st = 0;
	for (size_t i = 0; i < len; i++) {
		if (!t->next[st][s[i]]) {
			if (t->n >= MAX_STATES)
				return -1;
			int ns = trie_state(t);
			if (ns < 0)
				return -1;
			t->next[st][s[i]] = (uint16_t)ns;
			if (!t->is_used[s[i]]) {
				t->is_used[s[i]] = true;
				t->used[t->nused++] = s[i];
			}
		}
		st = t->next[st][s[i]];
	}
	uint64_t *h = t->hits + st * t->nwords;
	if (slot == 0)
		memset(h, 0xFF, t->nwords * sizeof *h);
	else
		h[slot / 64] |= 1ULL << (slot % 64);
	return 0;
}

/* Breadth first: fail links, each state's hits merged with its fail
   state's, and the goto function completed into a DFA. */
static int trie_complete(trie *t)
{
	uint16_t *queue = malloc(t->n * sizeof *queue);
	t->fail = calloc(t->n, sizeof *t->fail);
	if (!queue || !t->fail) {
		free(queue);
		return -1;
	}
	size_t head = 0, tail = 0;
	for (size_t k = 0; k < t->nused; k++)
		if (t->next[0][t->used[k]])
			queue[tail++] = t->next[0][t->used[k]];
	while (head < tail) {
		unsigned s = queue[head++];
		uint64_t *h = t->hits + s * t->nwords, *fh = t->hits + t->fail[s] * t->nwords;
		for (size_t w = 0; w < t->nwords; w++)
			h[w] |= fh[w];
		for (size_t k = 0; k < t->nused; k++) {
			unsigned c = t->used[k], u = t->next[s][c];
			if (u) {
				t->fail[u] = t->next[t->fail[s]][c];
				queue[tail++] = (uint16_t)u;
			} else {
				t->next[s][c] = t->next[t->fail[s]][c];
			}
		}
	}
	free(queue);
	return 0;
}

static void trie_free(trie *t)
{
	free(t->next);
	free(t->fail);
	free(t->hits);
	free(t->high);
}

/* Bytes in classes (bytes no literal holds are one class), in rows of a
   power of two. */
static void classes(const trie *t, prefilter *pf)
{
	unsigned ncls = 1;
	for (int c = 0; c < 256; c++)
		if (t->is_used[c] && !(c >= 'A' && c <= 'Z'))
			pf->cls[c] = (unsigned char)ncls++;
	for (int c = 'A'; c <= 'Z'; c++)
		pf->cls[c] = pf->cls[c - 'A' + 'a'];
	while ((1u << pf->shift) < ncls)
		pf->shift++;
}

/* The DFA in that form. */
static prefilter *compact(const trie *t)
{
	prefilter *pf = calloc(1, sizeof *pf);
	if (!pf)
		return NULL;
	pf->nwords = t->nwords;
	classes(t, pf);
	pf->delta = malloc((t->n << pf->shift) * sizeof *pf->delta);
	pf->slots = calloc(t->n * MAX_WORDS, sizeof *pf->slots);
	pf->high = malloc(t->nwords * sizeof *pf->high);
	if (!pf->delta || !pf->slots || !pf->high) {
		cln_prefilter_free(pf);
		return NULL;
	}
	memcpy(pf->high, t->high, t->nwords * sizeof *pf->high);
	for (size_t s = 0; s < t->n; s++) {
		uint16_t *row = pf->delta + (s << pf->shift);
		row[0] = 0; /* the bytes no literal holds */
		for (size_t k = 0; k < t->nused; k++) {
			unsigned c = t->used[k];
			row[pf->cls[c]] = t->next[s][c >= 'A' && c <= 'Z' ? c + 32 : c];
		}
		memcpy(pf->slots + s * MAX_WORDS, t->hits + s * t->nwords, t->nwords * sizeof *pf->slots);
	}
	return pf;
}

/* Every set of literals a pattern needs gets a slot, in rule order, until
   MAX_SLOTS or MAX_STATES; a pattern with none always runs. */
static size_t count_slots(cln_rules *rs)
{
	size_t k = 0;
	for (size_t i = 0; i < rs->n; i++) {
		rule *r = &rs->v[i];
		k += r->pat.need ? r->pat.need[0] : 0;
		for (size_t m = 0; m < r->nmarkers; m++)
			k += r->markers[m].need ? r->markers[m].need[0] : 0;
	}
	return k;
}

/* Does the set (nstr packed strings at q) hold a single letter or digit?
   Nearly every line does: the set would cost a mark on most bytes and
   skip no line. */
static bool too_common(const unsigned char *q, size_t nstr)
{
	for (size_t i = 0; i < nstr; i++, q += 1 + q[0])
		if (q[0] == 1 && q[1] < 0x80 && isalnum(q[1]))
			return true;
	return false;
}

/* Pattern p's sets of literals, each under the next slot while there is
   room; false when there was none for a set. */
static bool add_pattern(trie *t, pattern *p, unsigned *slot, bool *full)
{
	const unsigned char *q = p->need; /* cln_literals_packed's form */
	size_t nsets = q ? *q++ : 0, k = 0, c = 0;
	for (; c < nsets && !*full && *slot <= MAX_SLOTS; c++) {
		size_t nstr = *q++;
		bool skip = too_common(q, nstr);
		for (size_t i = 0; i < nstr && !*full; i++, q += 1 + q[0])
			if (skip)
				continue;
			else if (q[0] == 1 && q[1] == (unsigned char)LIT_HIGH[0])
				t->high[*slot / 64] |= 1ULL << (*slot % 64);
			else
				*full = trie_add(t, q + 1, q[0], *slot) < 0;
		if (skip)
			continue;
		/* full: the strings added stay, under a slot no pattern asks about */
		p->slot[k++] = *full ? 0 : *slot;
		(*slot)++;
	}
	free(p->need);
	p->need = NULL;
	return nsets == 0 || (c == nsets && !*full);
}

int cln_prefilter_build(cln_rules *rs)
{
	size_t k = count_slots(rs);
	if (k == 0)
		return 0;
	trie t = { .nwords = ((k < MAX_SLOTS ? k : MAX_SLOTS) + 1 + 63) / 64 };
	t.high = calloc(t.nwords, sizeof *t.high);
	int rc = !t.high || trie_state(&t) < 0 ? CLN_ENOMEM : 0;
	static const unsigned char kelvin[] = { 0xE2, 0x84, 0xAA }, long_s[] = { 0xC5, 0xBF };
	if (rc == 0 && (trie_add(&t, kelvin, 3, 0) < 0 || trie_add(&t, long_s, 2, 0) < 0))
		rc = CLN_ENOMEM;
	unsigned slot = 1;
	bool full = false;
	for (size_t i = 0; i < rs->n && rc == 0; i++) {
		rule *r = &rs->v[i];
		size_t out = !add_pattern(&t, &r->pat, &slot, &full);
		for (size_t m = 0; m < r->nmarkers; m++)
			out += !add_pattern(&t, &r->markers[m], &slot, &full);
		if (out && !rs->pf_left_out)
			rs->pf_first_out = i;
		rs->pf_left_out += out;
	}
	if (rc == 0 && trie_complete(&t) < 0)
		rc = CLN_ENOMEM;
	if (rc == 0 && !(rs->pf = compact(&t)))
		rc = CLN_ENOMEM;
	trie_free(&t);
	return rc;
}

void cln_prefilter_free(prefilter *pf)
{
	if (!pf)
		return;
	free(pf->delta);
	free(pf->slots);
	free(pf->high);
	free(pf);
}

/* Does s[0, len) hold a byte >= 0x80? Eight bytes at a time. */
static bool any_high(const unsigned char *s, size_t len)
{
	uint64_t acc = 0, w;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		memcpy(&w, s + i, 8);
		acc |= w;
	}
	for (; i < len; i++)
		acc |= s[i];
	return acc & 0x8080808080808080ULL;
}

/* One byte: the next state, and its slots ORed into mask. */
static inline size_t step(const prefilter *pf, size_t st, unsigned char c, uint64_t *mask)
{
	st = pf->delta[(st << pf->shift) + pf->cls[c]];
	for (size_t w = 0; w < MAX_WORDS; w++)
		mask[w] |= pf->slots[st * MAX_WORDS + w];
	return st;
}

/* The automaton from state st over [p, e). */
static void walk(const prefilter *pf, const unsigned char *p, const unsigned char *e, size_t st,
                 uint64_t *mask)
{
	for (; p < e; p++)
		st = step(pf, st, *p, mask);
}

unsigned cln_prefilter_room(void)
{
	return MAX_SLOTS;
}

size_t cln_prefilter_words(const prefilter *pf)
{
	return pf ? pf->nwords : 0;
}

/* Words of one column: a bit per block. */
static size_t col_words(const doc *d)
{
	return d->n / 64 + 1;
}

/* Block bi holds the slots in m (its scan's hits): set its bit in their
   columns. */
static void set_bits(doc *d, size_t bi, uint64_t *m)
{
	const prefilter *pf = d->rules->pf;
	const block *b = &d->b[bi];
	if (any_high((const unsigned char *)b->text, b->len))
		for (size_t w = 0; w < pf->nwords; w++)
			m[w] |= pf->high[w];
	size_t cw = col_words(d);
	uint64_t bit = 1ULL << (bi % 64);
	for (size_t w = 0; w < pf->nwords; w++)
		for (uint64_t x = m[w]; x; x &= x - 1)
			d->pfcol[(w * 64 + (size_t)__builtin_ctzll(x)) * cw + bi / 64] |= bit;
}

/* Scan block bi and set its bit in the column of each slot it holds. */
static void mark_block(doc *d, size_t bi)
{
	uint64_t m[MAX_WORDS] = { 0 };
	const unsigned char *p = (const unsigned char *)d->b[bi].text;
	walk(d->rules->pf, p, p + d->b[bi].len, 0, m);
	set_bits(d, bi, m);
}

/* One block's walk in mark_blocks. */
typedef struct lane {
	const unsigned char *p, *e;
	size_t st, bi;
	uint64_t m[MAX_WORDS];
} lane;

enum { LANES = 4 };

static bool lane_start(doc *d, lane *l, size_t *next)
{
	if (*next >= d->n)
		return false;
	l->bi = (*next)++;
	l->p = (const unsigned char *)d->b[l->bi].text;
	l->e = l->p + d->b[l->bi].len;
	l->st = 0;
	memset(l->m, 0, sizeof l->m);
	return true;
}

/* LANES steps, one in each lane, n times. */
static void step_lanes(const prefilter *pf, lane *l, size_t n)
{
	_Static_assert(LANES == 4, "one step a lane");
	size_t s0 = l[0].st, s1 = l[1].st, s2 = l[2].st, s3 = l[3].st;
	for (size_t i = 0; i < n; i++) {
		s0 = step(pf, s0, l[0].p[i], l[0].m);
		s1 = step(pf, s1, l[1].p[i], l[1].m);
		s2 = step(pf, s2, l[2].p[i], l[2].m);
		s3 = step(pf, s3, l[3].p[i], l[3].m);
	}
	l[0].st = s0, l[1].st = s1, l[2].st = s2, l[3].st = s3;
	for (int k = 0; k < LANES; k++)
		l[k].p += n;
}

/* Every block scanned: a block's walk waits a load for each byte (its
   next state comes from the last), so LANES blocks walk side by side,
   which keeps LANES loads in flight instead of one; the last blocks,
   fewer than LANES, walk alone. */
static void mark_blocks(doc *d)
{
	const prefilter *pf = d->rules->pf;
	lane l[LANES];
	size_t next = 0, on = 0;
	while (on < LANES && lane_start(d, &l[on], &next))
		on++;
	while (on == LANES) {
		size_t n = SIZE_MAX;
		for (int k = 0; k < LANES; k++)
			n = (size_t)(l[k].e - l[k].p) < n ? (size_t)(l[k].e - l[k].p) : n;
		step_lanes(pf, l, n);
		for (size_t k = 0; k < on; k++)
			while (k < on && l[k].p == l[k].e) {
				set_bits(d, l[k].bi, l[k].m);
				if (!lane_start(d, &l[k], &next))
					l[k] = l[--on];
			}
	}
	for (size_t k = 0; k < on; k++) {
		walk(pf, l[k].p, l[k].e, l[k].st, l[k].m);
		set_bits(d, l[k].bi, l[k].m);
	}
}

/* The columns, every block scanned once; false without memory (then
   every block is a candidate). */
static bool columns(doc *d)
{
	if (d->pfcol)
		return true;
	d->pfcol = calloc(d->rules->pf->nwords * 64 * col_words(d), sizeof *d->pfcol);
	if (!d->pfcol)
		return false;
	mark_blocks(d);
	return true;
}

bool cln_prefilter_may(doc *d, size_t bi, const pattern *p)
{
	if (!p->slot[0] || !d->rules->pf || !columns(d))
		return true;
	size_t cw = col_words(d);
	for (size_t c = 0; c < LIT_CONJ && p->slot[c]; c++)
		if (!(d->pfcol[p->slot[c] * cw + bi / 64] >> (bi % 64) & 1))
			return false;
	return true;
}

size_t cln_prefilter_next(doc *d, const pattern *p, size_t from)
{
	if (!p->slot[0] || !d->rules->pf || from >= d->n || !columns(d))
		return from;
	size_t cw = col_words(d), nc = 0;
	const uint64_t *col[LIT_CONJ];
	for (; nc < LIT_CONJ && p->slot[nc]; nc++)
		col[nc] = d->pfcol + p->slot[nc] * cw;
	uint64_t bits = col[0][from / 64] & (~0ULL << (from % 64));
	for (size_t w = from / 64;;) {
		for (size_t c = 1; c < nc; c++)
			bits &= col[c][w];
		if (bits)
			return w * 64 + (size_t)__builtin_ctzll(bits);
		if (++w == cw)
			return d->n;
		bits = col[0][w];
	}
}

void cln_prefilter_update(doc *d, size_t bi)
{
	if (!d->pfcol)
		return;
	size_t cw = col_words(d);
	uint64_t keep = ~(1ULL << (bi % 64));
	for (size_t k = 0; k < d->rules->pf->nwords * 64; k++)
		d->pfcol[k * cw + bi / 64] &= keep;
	mark_block(d, bi);
}

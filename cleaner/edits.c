/*
 * edits.c - what replace rules changed, in input bytes. A block's edits are
 * disjoint spans of the input, each with the text that stands for it now:
 * the block's text is the input with every edit's span swapped for its
 * text. A later rule's matches are mapped back through the earlier edits,
 * so each removal in the report is its exact span; a match that touches
 * text an earlier edit wrote merges with that edit into one, reported as
 * the later rule's (its bytes were rewritten twice; the report shows where
 * they were and what they are now).
 *
 * HTML blocks hold rendered text, not input bytes: there a block's edits
 * are one span, the whole block, and its text after every rule.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define NONE ((size_t)-1)

/* One changed stretch of the block's old text [c0, c1), standing for input
   [s0, s1); old: an earlier edit's index, NONE for a match of this rule,
   VIRTUAL for an HTML block as a whole. */
typedef struct piece {
	size_t c0, c1, s0, s1, old;
} piece;

#define VIRTUAL (NONE - 1)

/* The earlier edits as pieces, in order. */
static size_t old_pieces(const doc *d, size_t bi, piece *out)
{
	const block *b = &d->b[bi];
	size_t n = 0, cur = 0, src = b->start;
	for (size_t k = d->block_edit ? d->block_edit[bi] : NONE; k != NONE; k = d->edits[k].next) {
		const edit *e = &d->edits[k];
		size_t c0 = cur + (e->start - src);
		out[n++] = (piece){ c0, c0 + e->repl_len, e->start, e->end, k };
		cur = c0 + e->repl_len;
		src = e->end;
	}
	if (n == 0 && d->html)
		out[n++] = (piece){ 0, b->len, b->start, b->end - b->eol_len, VIRTUAL };
	return n;
}

/* A cursor over pieces or matches: how far it got and the shift summed. */
typedef struct cursor {
	size_t k;
	long long shift;
} cursor;

/* The input offset of byte p of the old text: its own offset shifted by the
   earlier edits before it; inside an earlier edit's text, that edit's
   start (or end, for the end of a span). */
static size_t src_at(size_t start, const piece *old, size_t nold, cursor *c, size_t p, bool end)
{
	for (; c->k < nold && old[c->k].c1 <= p; c->k++)
		c->shift += (long long)(old[c->k].s1 - old[c->k].s0) -
		            (long long)(old[c->k].c1 - old[c->k].c0);
	if (c->k < nold && old[c->k].c0 < p)
		return end ? old[c->k].s1 : old[c->k].s0;
	return (size_t)((long long)(start + p) + c->shift);
}

/* Where byte p of the old text is in the new text (p never inside a
   match); an insertion at p is after p's start and before its end. */
static size_t new_at(const subst *s, size_t ns, cursor *c, size_t p, bool end)
{
	for (; c->k < ns && (s[c->k].me < p || (s[c->k].me == p && (end || s[c->k].ms < p))); c->k++)
		c->shift += (long long)(s[c->k].re - s[c->k].rs) - (long long)(s[c->k].me - s[c->k].ms);
	return (size_t)((long long)p + c->shift);
}

/* Both lists in one, by position in the old text (earlier edits first on
   a tie), each match with the input span it stands for. */
static size_t merge(size_t start, const piece *old, size_t nold, const subst *s, size_t ns,
                    piece *out)
{
	size_t i = 0, j = 0, n = 0;
	cursor lo = { 0, 0 }, hi = { 0, 0 };
	while (i < nold || j < ns) {
		if (i < nold && (j == ns || old[i].c0 <= s[j].ms)) {
			out[n++] = old[i++];
			continue;
		}
		const subst *m = &s[j++];
		size_t s0 = src_at(start, old, nold, &lo, m->ms, false);
		size_t s1 = src_at(start, old, nold, &hi, m->me, true);
		out[n++] = (piece){ m->ms, m->me, s0, s1 < s0 ? s0 : s1, NONE };
	}
	return n;
}

/* Does piece p belong with the group ending at g1? Overlap, or a touch
   where either side is empty (an insertion, or a deletion's point). */
static bool joins(const piece *p, size_t g1, bool last_empty)
{
	return p->c0 < g1 || (p->c0 == g1 && (p->c0 == p->c1 || last_empty));
}

static void unlink_old(doc *d, size_t k)
{
	d->edits[k].repl = NULL;
	d->edits[k].block = NONE;
}

int cln_edit_block(doc *d, size_t bi, int ri, const subst *s, size_t ns, const char *now)
{
	if (!d->block_edit) {
		d->block_edit = malloc((d->n ? d->n : 1) * sizeof *d->block_edit);
		if (!d->block_edit)
			return CLN_ENOMEM;
		for (size_t i = 0; i < d->n; i++)
			d->block_edit[i] = NONE;
	}
	size_t nold = 0;
	for (size_t k = d->block_edit[bi]; k != NONE; k = d->edits[k].next)
		nold++;
	piece *old = malloc((nold + 1) * sizeof *old), *all = malloc((nold + 1 + ns) * sizeof *all);
	int rc = CLN_ENOMEM;
	if (!old || !all)
		goto out;
	nold = old_pieces(d, bi, old);
	size_t n = merge(d->b[bi].start, old, nold, s, ns, all);
	cursor at0 = { 0, 0 }, at1 = { 0, 0 };
	/* fold pieces into groups; each group is one edit of the new list */
	size_t head = NONE, last = NONE; /* indices: d->edits moves as it grows */
	rc = 0;
	for (size_t i = 0; i < n && rc == 0;) {
		piece g = all[i];
		bool fresh = g.old == NONE || g.old == VIRTUAL, any_match = g.old == NONE;
		size_t members = 1, j = i + 1;
		for (; j < n && joins(&all[j], g.c1, all[j - 1].c0 == all[j - 1].c1); j++, members++) {
			const piece *p = &all[j];
			g.c1 = p->c1 > g.c1 ? p->c1 : g.c1;
			g.s0 = p->s0 < g.s0 ? p->s0 : g.s0;
			g.s1 = p->s1 > g.s1 ? p->s1 : g.s1;
			any_match |= p->old == NONE;
		}
		size_t k;
		if (members == 1 && !fresh) {
			k = g.old; /* an earlier edit this rule left alone */
		} else if (!any_match) {
			/* earlier edits that touch (two deletions side by side) and no
			   match: each stays as it was; the HTML block whole links none */
			for (size_t m = i; m < j; m++) {
				if (all[m].old == VIRTUAL)
					continue;
				if (last == NONE)
					head = all[m].old;
				else
					d->edits[last].next = all[m].old;
				last = all[m].old;
			}
			i = j;
			continue;
		} else {
			for (size_t m = i; m < j; m++)
				if (all[m].old != NONE && all[m].old != VIRTUAL)
					unlink_old(d, all[m].old);
			size_t n0 = new_at(s, ns, &at0, g.c0, false), n1 = new_at(s, ns, &at1, g.c1, true);
			/* in the arena: not a malloc per edit (a text input may have one per line) */
			edit e = { bi, ri, g.s0, g.s1, arena_add(&d->ar, now + n0, n1 - n0), n1 - n0, NONE };
			if (!e.repl || grow_array(&d->edits, d->nedits, &d->capedits, sizeof *d->edits) < 0) {
				rc = CLN_ENOMEM;
				break;
			}
			k = d->nedits;
			d->edits[d->nedits++] = e;
		}
		if (last == NONE)
			head = k;
		else
			d->edits[last].next = k;
		last = k;
		i = j;
	}
	if (last != NONE)
		d->edits[last].next = NONE;
	d->block_edit[bi] = head;
out:
	free(old);
	free(all);
	return rc;
}

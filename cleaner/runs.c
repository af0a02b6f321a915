/*
 * runs.c - the run detector: a region where marker blocks ("Now playing",
 * image file names, durations) recur with at most `gap` short blocks
 * between them is one carousel, removed whole with up to `tail` short
 * blocks after the last marker (the title of the last clip) and `head`
 * before the first (a comment's text over the lines that close it).
 */
#include <stdlib.h>

#include "internal.h"

typedef struct run_scan {
	doc *d;
	size_t ri;
	const rule *r;
	signed char *is_marker; /* -1 not tested yet, else 0/1 */
	/* explaining: the runs again with what other rules removed as markers
	   too, so a run whose markers they took still shows; nothing changes */
	bool shadow;
} run_scan;

static bool marker(run_scan *s, size_t i)
{
	if (s->is_marker[i] < 0) {
		s->is_marker[i] = 0;
		for (size_t m = 0; m < s->r->nmarkers && !s->is_marker[i]; m++)
			s->is_marker[i] = s->shadow
			        ? cln_explain_matches(s->d, s->ri, &s->r->markers[m], i)
			        : cln_match(s->d, s->ri, &s->r->markers[m], i) > 0;
	}
	return s->is_marker[i];
}

static bool short_block(const run_scan *s, size_t i)
{
	size_t max = (size_t)s->r->p[P_GAP_MAXLEN];
	return s->d->b[i].len <= max * 4 && cln_block_chars(s->d, i) <= max;
}

/* Can block i be a marker? Not a removed one (unless shadowing), not a
   protected one. */
static bool open_marker(run_scan *s, size_t i)
{
	const block *b = &s->d->b[i];
	return (s->shadow || b->removed_by < 0) && b->kept_by < 0 && marker(s, i);
}

/* The run from marker i: its last marker and how many. Blocks another rule
   removed do not break it. */
static size_t run_last(run_scan *s, size_t i, size_t *count)
{
	size_t last = i;
	long gap = 0;
	*count = 1;
	for (size_t j = i + 1; j < s->d->n; j++) {
		const block *b = &s->d->b[j];
		if (b->kept_by >= 0)
			break;
		if (open_marker(s, j)) {
			++*count;
			last = j;
			gap = 0;
		} else if (b->removed_by >= 0) {
			continue;
		} else if (gap < s->r->p[P_GAP] && short_block(s, j)) {
			gap++;
		} else {
			break;
		}
	}
	return last;
}

/* Remove the run [first, last] and its tail; shadowing, note the run's
   blocks other rules took. The block after it. */
static size_t take(run_scan *s, size_t first, size_t last, size_t count)
{
	doc *d = s->d;
	int ri = (int)s->ri;
	int g = s->shadow ? -1 : cln_new_group(d, -1);
	size_t k = first;
	for (long t = 0; k < d->n && (k <= last || t < s->r->p[P_TAIL]); k++) {
		const block *b = &d->b[k];
		if (k > last && b->removed_by < 0) {
			if (b->kept_by >= 0 || marker(s, k) || !short_block(s, k))
				break;
			t++;
		}
		if (!s->shadow)
			cln_remove(d, k, ri, g);
		else if (b->removed_by >= 0)
			cln_explain_note(d, k, ri);
	}
	if (!s->shadow && cln_detail(d, first, "run of %zu markers", count) < 0)
		d->nomem = true;
	return k;
}

/* The run's first block: up to `head` short blocks before its first
   marker that no rule protected, those other rules removed passed over. */
static size_t run_head(const run_scan *s, size_t first)
{
	size_t k = first;
	for (long h = 0; k > 0 && h < s->r->p[P_HEAD]; k--) {
		const block *b = &s->d->b[k - 1];
		if (b->removed_by >= 0)
			continue;
		if (b->kept_by >= 0 || !short_block(s, k - 1))
			break;
		h++;
	}
	while (k < first && s->d->b[k].removed_by >= 0)
		k++;
	return k;
}

/* The first block from i on that may be a marker: one holding the
   literals of one of the markers (prefilter.c), unless explaining or the
   rule spent its budget (then every block is tried, as match.c does). */
static size_t next_candidate(run_scan *s, size_t i)
{
	doc *d = s->d;
	if (s->shadow || cln_rule_sees_all(d, s->ri))
		return i;
	size_t next = d->n;
	for (size_t m = 0; m < s->r->nmarkers && next > i; m++) {
		size_t k = cln_prefilter_next(d, &s->r->markers[m], i);
		next = k < next ? k : next;
	}
	return next;
}

static void scan(run_scan *s)
{
	for (size_t i = 0; i < s->d->n; i++)
		s->is_marker[i] = -1;
	for (size_t i = next_candidate(s, 0); i < s->d->n;) {
		if (!open_marker(s, i)) {
			i = next_candidate(s, i + 1);
			continue;
		}
		size_t count, last = run_last(s, i, &count);
		i = count < (size_t)s->r->p[P_MIN] ? last + 1 : take(s, run_head(s, i), last, count);
	}
}

int cln_apply_run(doc *d, size_t ri)
{
	run_scan s = { d, ri, &d->rules->v[ri], NULL, false };
	if (d->n == 0)
		return 0;
	s.is_marker = malloc(d->n);
	if (!s.is_marker)
		return CLN_ENOMEM;
	scan(&s);
	if (d->ex) {
		s.shadow = true;
		scan(&s);
	}
	free(s.is_marker);
	return d->nomem ? CLN_ENOMEM : 0;
}

/*
 * runs.c - the run detector: a region where marker blocks ("Now playing",
 * image file names, durations) recur with at most `gap` short blocks
 * between them is one carousel, removed whole with up to `tail` short
 * blocks after the last marker (the title of the last clip).
 */
#include <stdlib.h>

#include "internal.h"

typedef struct run_scan {
	doc *d;
	size_t ri;
	const rule *r;
	signed char *is_marker; /* -1 not tested yet, else 0/1 */
} run_scan;

static bool marker(run_scan *s, size_t i)
{
	if (s->is_marker[i] < 0) {
		s->is_marker[i] = 0;
		for (size_t m = 0; m < s->r->nmarkers && !s->is_marker[i]; m++)
			s->is_marker[i] = cln_match(s->d, s->ri, &s->r->markers[m], i) > 0;
	}
	return s->is_marker[i];
}

static bool short_block(const run_scan *s, size_t i)
{
	const block *b = &s->d->b[i];
	long max = s->r->p[P_GAP_MAXLEN];
	return b->len <= (size_t)max * 4 && cln_utf8_chars(b->text, b->len) <= (size_t)max;
}

int cln_apply_run(doc *d, size_t ri)
{
	run_scan s = { d, ri, &d->rules->v[ri], NULL };
	if (d->n == 0)
		return 0;
	s.is_marker = malloc(d->n);
	if (!s.is_marker)
		return CLN_ENOMEM;
	for (size_t i = 0; i < d->n; i++)
		s.is_marker[i] = -1;
	const long *p = s.r->p;
	size_t i = 0;
	while (i < d->n) {
		if (d->b[i].removed_by >= 0 || d->b[i].kept_by >= 0 || !marker(&s, i)) {
			i++;
			continue;
		}
		size_t first = i, last = i, count = 1;
		long gap = 0;
		for (size_t j = i + 1; j < d->n; j++) {
			const block *b = &d->b[j];
			if (b->removed_by >= 0)
				continue; /* another rule's removal does not break a run */
			if (b->kept_by >= 0)
				break;
			if (marker(&s, j)) {
				count++;
				last = j;
				gap = 0;
			} else if (gap < p[P_GAP] && short_block(&s, j)) {
				gap++;
			} else {
				break;
			}
		}
		if (count < (size_t)p[P_MIN]) {
			i = last + 1;
			continue;
		}
		int g = cln_new_group(d, -1);
		for (size_t k = first; k <= last; k++)
			cln_remove(d, k, (int)ri, g);
		size_t k = last + 1;
		for (long t = 0; t < p[P_TAIL] && k < d->n; k++) {
			if (d->b[k].removed_by >= 0)
				continue;
			if (d->b[k].kept_by >= 0 || marker(&s, k) || !short_block(&s, k))
				break;
			cln_remove(d, k, (int)ri, g);
			t++;
		}
		if (cln_detail(d, first, "run of %zu markers", count) < 0) {
			free(s.is_marker);
			return CLN_ENOMEM;
		}
		i = k;
	}
	free(s.is_marker);
	return 0;
}

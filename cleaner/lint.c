/*
 * lint.c - warnings about a rule set that loaded without errors: patterns
 * that match the empty string, drop rules that can never fire, and rules
 * that take most of a page (given cleaned pages). `cleaner --check` prints
 * them (cleaner/cli/check.c).
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cln_lint {
	cln_lint_warning *v;
	size_t n, cap;
	bool *ran;      /* per rule: it applied to one of the pages (its sites) */
	size_t pages;
};

static int add(cln_lint *l, const char *kind, const rule *r, unsigned line, unsigned col,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static int add(cln_lint *l, const char *kind, const rule *r, unsigned line, unsigned col,
               const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		cln_lint_warning *v = realloc(l->v, cap * sizeof *v);
		if (!v)
			return CLN_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	char *m = strdup(msg);
	if (!m)
		return CLN_ENOMEM;
	l->v[l->n++] = (cln_lint_warning){ kind, r->id, r->file, line ? line : r->line,
	                                   line ? col : 1, m };
	return 0;
}

/* A pattern that matches "" matches every block at its start (or every
   blank one, anchored): almost always a typo such as /a|/ or /x*./. */
static int empty_match(cln_lint *l, const rule *r, const pattern *p, pcre2_match_data *md)
{
	if (!p->re.code || pcre2_match(cln_regex_ready(&p->re, 0), (PCRE2_SPTR) "", 0, 0, 0, md, NULL) < 0)
		return 0;
	return add(l, "empty-match", r, p->line, p->col,
	           "%s matches the empty string, so it may match every block",
	           p == &r->pat ? "the pattern" : "a marker");
}

/* Does every block rule b's length limits let through pass a's too? */
static bool covers(const rule *a, const rule *b)
{
	long amax = a->p[P_MAXLEN], bmax = b->p[P_MAXLEN];
	return a->p[P_MINLEN] <= b->p[P_MINLEN] && (amax == 0 || (bmax != 0 && bmax <= amax));
}

/* Does rule a apply to every document d applies to: everywhere, or in
   the same @site section and site="..." (a scoped disable may turn a off
   where d still runs), and on every page type d applies to? */
static bool scope_covers(const rule *a, const rule *d)
{
	return a->noff == 0 && (a->page_types & d->page_types) == d->page_types &&
	       ((a->scope < 0 && a->site < 0) || (a->scope == d->scope && a->site == d->site));
}

/* Does rule a take every block drop rule d matches, with the same pattern
   or selector? A keep protects them wherever it stands; a drop or
   drop-next that runs before d (or a selector drop sparing nothing)
   removes them, and a block removed is not matched again (short of a rule
   that spends its match budget on a page and stops). */
static bool takes_first(const rule *a, const rule *d)
{
	if (strcmp(a->src, d->src) != 0 || !covers(a, d) || !scope_covers(a, d))
		return false;
	if (a->act == ACT_KEEP)
		return true;
	if (a->sel)
		return a->act == ACT_DROP && a->p[P_MAX_SHARE] == 0;
	return a->act == ACT_DROP || a->act == ACT_DROP_NEXT;
}

/* A rule's pattern or selector, when it runs (phase by phase, in load
   order) and how many replace rules run before it, to sort and pair by. */
typedef struct by_src {
	const char *src;
	size_t i, when, edits;
} by_src;

static int size_order(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return a < b ? -1 : a > b;
}

/* How many of the sorted reps[0, n) are below w. */
static size_t below(const size_t *reps, size_t n, size_t w)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (reps[mid] < w)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int src_order(const void *x, const void *y)
{
	const by_src *a = x, *b = y;
	int c = strcmp(a->src, b->src);
	return c ? c : a->when < b->when ? -1 : a->when > b->when;
}

/* How many rules of one pattern a drop is compared with: enough for any
   rule file people write, and 100,000 copies of a pattern stay linear. */
#define MAX_PEERS 64

/* taker[i]: the rule that takes every block of drop rule i first, or
   (size_t)-1. A drop is judged against keeps and rules that run before it
   with no replace rule between them (a replace could change the text
   patterns and :has-text see; keeps run before every replace); rules are
   paired by sorting them by pattern or selector, so that the set costs
   n log n. */
static int find_takers(const cln_rules *rs, size_t *taker)
{
	size_t n = 0, nreps = 0;
	by_src *v = malloc((rs->n + 1) * sizeof *v);
	size_t *reps = malloc((rs->n + 1) * sizeof *reps);
	if (!v || !reps) {
		free(v);
		free(reps);
		return CLN_ENOMEM;
	}
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].act == ACT_REPLACE)
			reps[nreps++] = rs->v[i].phase * rs->n + i;
	qsort(reps, nreps, sizeof *reps, size_order);
	for (size_t i = 0; i < rs->n; i++) {
		size_t when = rs->v[i].phase * rs->n + i;
		if (rs->v[i].src)
			v[n++] = (by_src){ rs->v[i].src, i, when,
			                   rs->v[i].act == ACT_KEEP ? 0 : below(reps, nreps, when) };
	}
	free(reps);
	qsort(v, n, sizeof *v, src_order);
	for (size_t g = 0, h; g < n; g = h) {
		for (h = g + 1; h < n && strcmp(v[h].src, v[g].src) == 0;)
			h++;
		for (size_t k = g; k < h; k++) {
			const rule *d = &rs->v[v[k].i];
			for (size_t j = g; d->act == ACT_DROP && j < h && j < g + MAX_PEERS; j++) {
				const rule *a = &rs->v[v[j].i];
				if (j != k && (j < k || a->act == ACT_KEEP) && v[j].edits == v[k].edits &&
				    takes_first(a, d)) {
					taker[v[k].i] = v[j].i;
					break;
				}
			}
		}
	}
	free(v);
	return 0;
}

static int never_fires(cln_lint *l, const cln_rules *rs, size_t i, size_t taker)
{
	const rule *d = &rs->v[i], *a = &rs->v[taker];
	return add(l, "never-fires", d, d->src_line, d->src_col,
	           a->act == ACT_KEEP
	           ? "never fires: keep rule '%s' (%s:%u) protects every block it matches"
	           : "never fires: rule '%s' (%s:%u) removes every block it matches first",
	           a->id, a->file, a->line);
}

/* Patterns the literal prefilter had no room for run on every block: a
   rule set that large is slower than it need be (prefilter.c). */
static int prefilter_full(cln_lint *l, const cln_rules *rules)
{
	if (!rules->pf_left_out)
		return 0;
	const rule *r = &rules->v[rules->pf_first_out];
	return add(l, "prefilter-full", r, r->pat.line, r->pat.col,
	           "%zu patterns from this rule on run on every block: the literal prefilter "
	           "has room for %u sets of literals and the rules need more",
	           rules->pf_left_out, cln_prefilter_room());
}

int cln_rules_lint(cln_lint **out, const cln_rules *rules, cln_error *err)
{
	if (!out || !rules)
		return cln_seterr(err, CLN_EINVAL, "cln_rules_lint: NULL argument");
	*out = NULL;
	cln_lint *l = calloc(1, sizeof *l);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	size_t *taker = malloc((rules->n + 1) * sizeof *taker);
	int rc = l && md && taker ? 0 : CLN_ENOMEM;
	for (size_t i = 0; rc == 0 && i < rules->n; i++)
		taker[i] = (size_t)-1;
	if (rc == 0)
		rc = find_takers(rules, taker);
	for (size_t i = 0; i < rules->n && rc == 0; i++) {
		const rule *r = &rules->v[i];
		rc = empty_match(l, r, &r->pat, md);
		for (size_t m = 0; m < r->nmarkers && rc == 0; m++)
			rc = empty_match(l, r, &r->markers[m], md);
		if (rc == 0 && taker[i] != (size_t)-1)
			rc = never_fires(l, rules, i, taker[i]);
	}
	if (rc == 0)
		rc = prefilter_full(l, rules);
	pcre2_match_data_free(md);
	free(taker);
	if (rc < 0) {
		cln_lint_free(l);
		return cln_seterr(err, rc, "out of memory");
	}
	*out = l;
	return 0;
}

/* Rule ids by address: a result's removals name their rule by the rule
   set's own id string (clean.c), found by bsearch. */
typedef struct by_id {
	const char *id;
	size_t i;
} by_id;

static int id_order(const void *x, const void *y)
{
	uintptr_t a = (uintptr_t)((const by_id *)x)->id, b = (uintptr_t)((const by_id *)y)->id;
	return a < b ? -1 : a > b;
}

/* took[k]: the text rule k removed from res; *total: the page's text.
   CLN_EINVAL when res was not cleaned with rs. */
static int removed_text(const cln_rules *rs, const cln_result *res, size_t *took, size_t *total)
{
	by_id *ids = malloc((rs->n + 1) * sizeof *ids);
	if (!ids)
		return CLN_ENOMEM;
	for (size_t k = 0; k < rs->n; k++)
		ids[k] = (by_id){ rs->v[k].id, k };
	qsort(ids, rs->n, sizeof *ids, id_order);
	int rc = 0;
	cln_result_text(res, total);
	for (size_t i = 0; i < cln_result_removal_count(res) && rc == 0; i++) {
		const cln_removal *m = cln_result_removal(res, i);
		by_id key = { m->rule_id, 0 };
		const by_id *f = bsearch(&key, ids, rs->n, sizeof *ids, id_order);
		if (!f)
			rc = CLN_EINVAL;
		else if (m->blocks > 0) { /* not a replace's edit inside a kept block */
			took[f->i] += m->text_len;
			*total += m->text_len;
		}
	}
	free(ids);
	return rc;
}

int cln_lint_page(cln_lint *lint, const cln_rules *rules, const cln_result *res,
                  const char *page)
{
	if (!lint || !rules || !res || !page)
		return CLN_EINVAL;
	if (!lint->ran && !(lint->ran = calloc(rules->n + 1, sizeof *lint->ran)))
		return CLN_ENOMEM;
	/* the result lists the rules that applied, in rule-set order */
	for (size_t j = 0, k = 0; j < cln_result_rule_count(res) && k < rules->n; k++)
		if (cln_result_rule_stat(res, j)->rule_id == rules->v[k].id) {
			lint->ran[k] = true;
			j++;
		}
	lint->pages++;
	size_t *took = calloc(rules->n + 1, sizeof *took), total = 0;
	int rc = took ? removed_text(rules, res, took, &total) : CLN_ENOMEM;
	for (size_t k = 0; k < rules->n && rc == 0; k++) {
		const rule *r = &rules->v[k];
		if (r->act == ACT_KEEP || !r->src || 2 * took[k] <= total)
			continue;
		rc = add(lint, "over-broad", r, r->src_line, r->src_col,
		         "removed %zu%% of the text of %s (%zu of %zu bytes)",
		         (size_t)(100.0 * (double)took[k] / (double)total), page, took[k], total);
	}
	free(took);
	return rc;
}

/* Does the scope name sites to apply to (not only ones to leave out)? */
static bool names_sites(const cln_rules *rules, int scope)
{
	if (scope < 0)
		return false;
	for (size_t i = 0; i < rules->scopes[scope].n; i++)
		if (!rules->scopes[scope].v[i].exclude)
			return true;
	return false;
}

int cln_lint_sites(cln_lint *lint, const cln_rules *rules)
{
	if (!lint || !rules)
		return CLN_EINVAL;
	int rc = 0;
	for (size_t k = 0; k < rules->n && rc == 0 && lint->pages; k++) {
		const rule *r = &rules->v[k];
		if ((lint->ran && lint->ran[k]) || strncmp(r->file, "builtin:", 8) == 0 ||
		    !(names_sites(rules, r->scope) || names_sites(rules, r->site)))
			continue;
		rc = add(lint, "unseen-site", r, 0, 0,
		         "is scoped to sites none of the %zu pages comes from (a page's site: its "
		         "canonical link or og:url)", lint->pages);
	}
	return rc;
}

size_t cln_lint_count(const cln_lint *lint)
{
	return lint ? lint->n : 0;
}

const cln_lint_warning *cln_lint_warning_at(const cln_lint *lint, size_t i)
{
	return lint && i < lint->n ? &lint->v[i] : NULL;
}

void cln_lint_free(cln_lint *lint)
{
	if (!lint)
		return;
	for (size_t i = 0; i < lint->n; i++)
		free((char *)lint->v[i].message);
	free(lint->v);
	free(lint->ran);
	free(lint);
}

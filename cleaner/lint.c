/*
 * lint.c - warnings about a rule set that loaded without errors: patterns
 * that match the empty string, drop rules that can never fire, and rules
 * that take most of a page (given cleaned pages). `cleaner --check` prints
 * them (cleaner/cli/check.c).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct cln_lint {
	cln_lint_warning *v;
	size_t n, cap;
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
	if (!p->code || pcre2_match(p->code, (PCRE2_SPTR) "", 0, 0, 0, md, NULL) < 0)
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

/* Does rule a take every block drop rule d matches, with the same pattern
   or selector? A keep protects them wherever it stands; a drop or
   drop-next before d (or a selector drop sparing nothing) removes them,
   and a block removed is not matched again. */
static bool takes_first(const rule *a, const rule *d)
{
	if (!a->src || strcmp(a->src, d->src) != 0 || !covers(a, d))
		return false;
	if (a->act == ACT_KEEP)
		return true;
	if (a->sel)
		return a->act == ACT_DROP && a->p[P_MAX_SHARE] == 0;
	return a->act == ACT_DROP || a->act == ACT_DROP_NEXT;
}

/* Does drop rule i never fire? Only a drop before the first replace rule
   (first_replace) is judged, against rules before it: a replace could
   change the text that patterns and :has-text see between two rules. */
static int never_fires(cln_lint *l, const cln_rules *rs, size_t i, size_t first_replace)
{
	const rule *d = &rs->v[i];
	if (d->act != ACT_DROP || !d->src || i >= first_replace)
		return 0;
	for (size_t j = 0; j < first_replace; j++) {
		const rule *a = &rs->v[j];
		if (j == i || (j > i && a->act != ACT_KEEP) || !takes_first(a, d))
			continue;
		return add(l, "never-fires", d, d->src_line, d->src_col,
		           a->act == ACT_KEEP
		           ? "never fires: keep rule '%s' (%s:%u) protects every block it matches"
		           : "never fires: rule '%s' (%s:%u) removes every block it matches first",
		           a->id, a->file, a->line);
	}
	return 0;
}

int cln_rules_lint(cln_lint **out, const cln_rules *rules, cln_error *err)
{
	if (!out || !rules)
		return cln_seterr(err, CLN_EINVAL, "cln_rules_lint: NULL argument");
	*out = NULL;
	cln_lint *l = calloc(1, sizeof *l);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	int rc = l && md ? 0 : CLN_ENOMEM;
	size_t first_replace = 0;
	while (first_replace < rules->n && rules->v[first_replace].act != ACT_REPLACE)
		first_replace++;
	for (size_t i = 0; i < rules->n && rc == 0; i++) {
		const rule *r = &rules->v[i];
		rc = empty_match(l, r, &r->pat, md);
		for (size_t m = 0; m < r->nmarkers && rc == 0; m++)
			rc = empty_match(l, r, &r->markers[m], md);
		if (rc == 0)
			rc = never_fires(l, rules, i, first_replace);
	}
	pcre2_match_data_free(md);
	if (rc < 0) {
		cln_lint_free(l);
		return cln_seterr(err, rc, "out of memory");
	}
	*out = l;
	return 0;
}

/* The rule of a removal, by id; -1 if it is not in the set. */
static long rule_index(const cln_rules *rs, const char *id)
{
	for (size_t i = 0; i < rs->n; i++)
		if (strcmp(rs->v[i].id, id) == 0)
			return (long)i;
	return -1;
}

int cln_lint_page(cln_lint *lint, const cln_rules *rules, const cln_result *res,
                  const char *page)
{
	if (!lint || !rules || !res || !page)
		return CLN_EINVAL;
	size_t *took = calloc(rules->n + 1, sizeof *took);
	if (!took)
		return CLN_ENOMEM;
	size_t total;
	cln_result_text(res, &total);
	for (size_t i = 0; i < cln_result_removal_count(res); i++) {
		const cln_removal *m = cln_result_removal(res, i);
		long k = rule_index(rules, m->rule_id);
		if (m->blocks == 0 || k < 0)
			continue; /* a replace's edit inside a kept block */
		took[k] += m->text_len;
		total += m->text_len;
	}
	int rc = 0;
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
	free(lint);
}

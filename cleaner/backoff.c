/*
 * backoff.c - the safeguard against rules that empty a page: when the
 * rules that ran before main-content have left less than BACKOFF_SHARE
 * percent of an HTML page's prose, the broad removals are undone, the one
 * that took the most prose first, until that share is back. A broad
 * removal is a whole element a selector took (a <noscript> crawler view,
 * a hidden box a script would show) that holds more prose, in two blocks
 * or more, than all the text still kept; the page's own landmarks (nav,
 * header, footer, aside and their ARIA roles) stay removed whatever they
 * hold, and so do single blocks removed by their text (the targeted
 * rules), which then get their turn at what came back: the drop rules that
 * judge a block by its text run again. Each undone removal is named in a
 * warning.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The share of the prose below which the rules are taken to have emptied
   the page, and the prose a page must hold for that to matter (a page of
   menus may end empty). See README.md "When the rules would empty a page". */
enum { BACKOFF_SHARE = 10, BACKOFF_MIN_PROSE = 200 };

typedef struct taken {
	int group;
	size_t prose, blocks; /* prose blocks */
} taken;

bool cln_elem_landmark(const elem *e)
{
	static const char *const tags[] = { "nav", "header", "footer", "aside", NULL };
	static const char *const roles[] = { "navigation", "banner", "contentinfo",
	                                     "complementary", "search", "menu", NULL };
	const char *role = cln_elem_attr(e, "role");
	for (size_t k = 0; tags[k]; k++)
		if (strcmp(e->tag, tags[k]) == 0)
			return true;
	for (size_t k = 0; role && roles[k]; k++)
		if (strcmp(role, roles[k]) == 0)
			return true;
	return false;
}

static int by_prose(const void *a, const void *b)
{
	const taken *x = a, *y = b;
	return x->prose < y->prose ? 1 : x->prose > y->prose ? -1 : x->group - y->group;
}

/* Give back the blocks of removal group g; the rule that made it, or -1. */
static int undo(doc *d, int g, size_t *blocks)
{
	int r = -1;
	*blocks = 0;
	for (size_t i = 0; i < d->n; i++)
		if (d->b[i].removed_by >= 0 && d->b[i].group == g) {
			r = d->b[i].removed_by;
			d->b[i].removed_by = -1;
			d->b[i].group = -1;
			++*blocks;
		}
	return r;
}

int cln_rerun_drops(doc *d)
{
	for (size_t r = 0; r < d->rules->n; r++) {
		const rule *ru = &d->rules->v[r];
		if (ru->act == ACT_DROP && !ru->sel && ru->pat.code && ru->phase == PHASE_BEFORE_MAIN &&
		    d->ran[r] && cln_apply_pattern(d, r) < 0)
			return CLN_ENOMEM;
	}
	return 0;
}

int cln_back_off(doc *d)
{
	size_t all = 0, kept = 0, text = 0; /* prose in all blocks and kept ones; kept text */
	taken *t = calloc(d->ngroups + 1, sizeof *t);
	if (!t)
		return CLN_ENOMEM;
	for (size_t g = 0; g < d->ngroups; g++)
		t[g].group = (int)g;
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		size_t p = cln_prose_block(b) ? b->chars : 0;
		all += p;
		if (b->removed_by < 0) {
			kept += p;
			text += b->chars;
		} else if (p && b->group >= 0 && (size_t)b->group < d->ngroups &&
		           d->group_elem[b->group] >= 0) {
			t[b->group].prose += p;
			t[b->group].blocks++;
		}
	}
	int rc = 0;
	bool undone = false;
	if (all >= BACKOFF_MIN_PROSE && kept < BACKOFF_MIN_PROSE && kept * 100 < all * BACKOFF_SHARE) {
		qsort(t, d->ngroups, sizeof *t, by_prose);
		for (size_t k = 0; k < d->ngroups && t[k].prose && kept * 100 < all * BACKOFF_SHARE &&
		                   rc == 0; k++) {
			size_t blocks;
			int el = d->group_elem[t[k].group];
			if (t[k].blocks < 2 || t[k].prose <= text || cln_elem_landmark(&d->el[el]))
				continue;
			int r = undo(d, t[k].group, &blocks);
			if (r < 0)
				continue;
			kept += t[k].prose;
			undone = true;
			buf path = BUF_INIT;
			cln_elem_path(d, el, &path);
			rc = cln_warn(d, "main-content: the rules before it left under %d%% of the page's "
			              "prose; backed off: %zu blocks of %s that rule %s removed are kept",
			              BACKOFF_SHARE, blocks, path.data ? path.data : "?",
			              d->rules->v[r].id);
			buf_free(&path);
		}
	}
	free(t);
	return rc == 0 && undone ? cln_rerun_drops(d) : rc;
}

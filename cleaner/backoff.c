/*
 * backoff.c - the safeguard against rules that empty a page: when the
 * rules that ran before main-content have left less than BACKOFF_SHARE
 * percent, and less than BACKOFF_MIN_PROSE characters, of an HTML page's
 * prose, the broad removals are undone, the one that took the most prose
 * first, until that share is back. A broad removal is a whole element a
 * selector took (a <noscript> crawler view, a box hidden until a script
 * shows it) that holds more prose, in two blocks or more, than all the
 * text still kept. Asides come last; the page's other landmarks (nav, its
 * banner header, its footer, their ARIA roles, what a rule with landmark=1
 * took) and dialogs (cookie consent) stay removed whatever they hold, and so do single blocks removed by their text (the targeted
 * rules). The before-main drop rules then get their turn at what came
 * back, which they never saw: those that judge a block by its text, and
 * the selector rules, sparing what was given back and the elements around
 * it. Each undone removal is named in a warning. On a collection page the content is a grid of cards, short
 * lines and no prose: there all text counts, and a removal must hold
 * BACKOFF_MIN_PROSE characters to come back (not a one-line notice).
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
	bool landmark;        /* made by a rule with landmark=1: stays out as <footer> */
} taken;

static int by_prose(const void *a, const void *b)
{
	const taken *x = a, *y = b;
	return x->prose < y->prose ? 1 : x->prose > y->prose ? -1 : x->group - y->group;
}

/* A header or a footer is the page's banner or contentinfo only outside
   sectioning content (HTML's rule for their implicit ARIA roles): inside
   <main> or <article> it is the heading block of the content. */
static bool sectioned(const doc *d, int e)
{
	static const char *const tags[] = { "article", "aside", "main", "nav", "section", NULL };
	for (int a = d->el[e].parent; a >= 0; a = d->el[a].parent)
		for (size_t k = 0; tags[k]; k++)
			if (strcmp(cln_elem_tag(&d->el[a]), tags[k]) == 0)
				return true;
	return false;
}

bool cln_elem_landmark(const doc *d, int e)
{
	static const char *const roles[] = { "navigation", "banner", "contentinfo",
	                                     "complementary", "search", "menu", NULL };
	const elem *el = &d->el[e];
	const char *role = cln_elem_attr(el, "role");
	for (size_t k = 0; role && roles[k]; k++)
		if (strcmp(role, roles[k]) == 0)
			return true;
	if (strcmp(cln_elem_tag(el), "nav") == 0 || strcmp(cln_elem_tag(el), "aside") == 0)
		return true;
	return (strcmp(cln_elem_tag(el), "header") == 0 || strcmp(cln_elem_tag(el), "footer") == 0) &&
	       !sectioned(d, e);
}

/* Never given back: the page's landmarks, and dialogs (a cookie consent
   box holds more prose than a listing page of short cards). */
static bool stays_out(const doc *d, int e)
{
	const elem *el = &d->el[e];
	const char *role = cln_elem_attr(el, "role");
	return cln_elem_landmark(d, e) || strcmp(cln_elem_tag(el), "dialog") == 0 ||
	       (role && (strcmp(role, "dialog") == 0 || strcmp(role, "alertdialog") == 0));
}

/* Closed: a drawer or dialog the page hides until asked (a shopping bag
   <aside aria-hidden="true">); never the page's text, in either round. */
static bool closed(const elem *e)
{
	const char *hidden = cln_elem_attr(e, "aria-hidden");
	return hidden && strcmp(hidden, "true") == 0;
}

/* An aside: the one landmark that may hold a page's text (its column). */
static bool aside(const elem *e)
{
	const char *role = cln_elem_attr(e, "role");
	return strcmp(cln_elem_tag(e), "aside") == 0 || (role && strcmp(role, "complementary") == 0);
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
		if (ru->act != ACT_DROP || ru->phase != PHASE_BEFORE_MAIN || !d->ran[r])
			continue;
		int rc = ru->sel ? (d->given_back ? cln_apply_selector(d, r) : 0)
		         : ru->pat.re.code ? cln_apply_pattern(d, r) : 0;
		if (rc < 0)
			return CLN_ENOMEM;
	}
	return 0;
}

/* Mark element el, given back, and the elements around it. */
static void mark_given_back(doc *d, int el)
{
	for (int a = el; a >= 0 && !d->given_back[a]; a = d->el[a].parent)
		d->given_back[a] = true;
}

/* A collection's content is a grid of cards, short lines and no prose:
   there the safeguard weighs all text. */
static bool by_text(const doc *d)
{
	return d->page.type == PAGE_COLLECTION;
}

/* One round of backing off: undo the broad removals in t[0, n) (most prose
   first) of elements that are no landmarks, or (asides) of asides, while
   the kept prose is under the share of all. *undone: one was undone. 0 or
   CLN_ENOMEM. */
static int back_off_round(doc *d, const taken *t, size_t n, bool asides, size_t *kept,
                          size_t all, size_t text, bool *undone)
{
	int rc = 0;
	for (size_t k = 0; k < n && t[k].prose && *kept * 100 < all * BACKOFF_SHARE && rc == 0; k++) {
		size_t blocks;
		int el = d->group_elem[t[k].group];
		if (t[k].blocks < 2 || t[k].prose <= text || t[k].prose < BACKOFF_MIN_PROSE ||
		    closed(&d->el[el]) || (asides ? !aside(&d->el[el]) : stays_out(d, el)) ||
		    t[k].landmark)
			continue;
		int r = undo(d, t[k].group, &blocks);
		if (r < 0)
			continue;
		mark_given_back(d, el);
		*kept += t[k].prose;
		*undone = true;
		buf path = BUF_INIT;
		cln_elem_path(d, el, &path);
		rc = cln_warn(d, "main-content: the rules before it left under %d%% of the page's "
		              "%s; backed off: %zu blocks of %s that rule %s removed are kept",
		              BACKOFF_SHARE, by_text(d) ? "text" : "prose", blocks,
		              path.data ? path.data : "?", d->rules->v[r].id);
		buf_free(&path);
	}
	return rc;
}

/* The prose (on a collection: the text) a block weighs. */
static size_t weight(const doc *d, const block *b)
{
	return by_text(d) || cln_prose_block(b) ? b->chars : 0;
}

/* Have the rules left too little of all, the page's prose? */
static bool emptied(size_t kept, size_t all)
{
	return all >= BACKOFF_MIN_PROSE && kept < BACKOFF_MIN_PROSE &&
	       kept * 100 < all * BACKOFF_SHARE;
}

/* The before-main drop rules run again over what came back; when they
   would take it again (a rule that took a box takes the box inside it),
   what the selector rules removed is kept: the safeguard's word stands
   (a targeted rule's removal by a block's text stands too). */
static int rerun_keeping(doc *d, size_t all)
{
	bool *was = malloc(d->n + 1);
	if (!was)
		return CLN_ENOMEM;
	for (size_t i = 0; i < d->n; i++)
		was[i] = d->b[i].removed_by < 0;
	int rc = cln_rerun_drops(d);
	size_t kept = 0;
	for (size_t i = 0; i < d->n; i++)
		kept += d->b[i].removed_by < 0 ? weight(d, &d->b[i]) : 0;
	for (size_t i = 0; rc == 0 && emptied(kept, all) && i < d->n; i++)
		if (was[i] && d->b[i].removed_by >= 0 && d->rules->v[d->b[i].removed_by].sel) {
			d->b[i].removed_by = -1;
			d->b[i].group = -1;
		}
	free(was);
	return rc;
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
		size_t p = weight(d, b);
		all += p;
		if (b->removed_by < 0) {
			kept += p;
			text += b->chars;
		} else if (p && b->group >= 0 && (size_t)b->group < d->ngroups &&
		           d->group_elem[b->group] >= 0) {
			t[b->group].prose += p;
			t[b->group].blocks++;
			t[b->group].landmark = d->rules->v[b->removed_by].p[P_LANDMARK] != 0;
		}
	}
	int rc = 0;
	bool undone = false;
	if (emptied(kept, all) && !(d->given_back = calloc(d->nel + 1, sizeof *d->given_back)))
		rc = CLN_ENOMEM;
	else if (d->given_back) {
		qsort(t, d->ngroups, sizeof *t, by_prose);
		/* asides last: a page may keep all its text in one; never the
		   site's navigation, banner or footer */
		rc = back_off_round(d, t, d->ngroups, false, &kept, all, text, &undone);
		if (rc == 0)
			rc = back_off_round(d, t, d->ngroups, true, &kept, all, text, &undone);
	}
	free(t);
	/* what came back, the rules before main-content see again: inside a
	   box shown late, its picker or its hidden parts */
	if (rc == 0 && undone)
		rc = rerun_keeping(d, all);
	free(d->given_back);
	d->given_back = NULL;
	return rc;
}

/* Nothing kept of a page that had text: a batch user learns it from the
   result, not from an empty file, and which rule took the most. */
int cln_warn_emptied(doc *d, size_t kept_len)
{
	if (kept_len > 0 || d->n == 0)
		return 0;
	size_t *by_rule = calloc(d->rules->n + 1, sizeof *by_rule);
	if (!by_rule)
		return CLN_ENOMEM;
	size_t prose = 0, top = 0;
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		prose += cln_prose_block(b);
		if (b->removed_by >= 0 && ++by_rule[b->removed_by] > by_rule[top])
			top = (size_t)b->removed_by;
	}
	int rc = cln_warn(d, "nothing kept: the rules removed all %zu blocks of the page "
	                     "(%zu of them prose), %zu by rule %s; see the report",
	                  d->n, prose, by_rule[top], d->rules->v[top].id);
	free(by_rule);
	return rc;
}

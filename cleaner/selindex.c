/*
 * selindex.c - which elements each selector rule is tested on. Testing
 * every rule on every element costs rules x elements compound tests, though
 * most rules name a tag, a class, an id or an attribute that few elements
 * have. So, the first time a selector rule runs on a page, one walk over
 * its elements looks up each element's tag, id, class names and attribute
 * names among the keys of the rules' complex selectors (the rightmost
 * compound's: cln_selector_keys) and lists, per rule, the elements holding
 * one of its keys. A rule whose selector has a complex selector without a
 * key (`*`, `:not(...)`, `:has(...)`, `...:upward(...)`) is tested on all.
 * The answers are the same: an element without a key is no match, and
 * testing it counts nothing against the rule's budget.
 *
 * The same walk numbers the page's distinct class names and ids (words)
 * and gives each element the numbers of its own, id first: :classid then
 * asks its pattern once per word and keeps the answer in an array.
 */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_KEYS 64 /* per rule; a selector list with more is tested on all */

/* The rules (indices) that want elements holding one key. */
typedef struct rulelist {
	uint32_t *v;
	size_t n, cap;
} rulelist;

/* A named key (id, class, attribute, unknown tag) in an open-addressed
   table; a NULL name is a free slot. */
typedef struct named_key {
	int kind;
	const char *name;
	size_t len;
	rulelist rules;
} named_key;

/* One rule's candidates, in document order. */
typedef struct cand {
	uint32_t *v;
	size_t n, cap;
	bool all; /* its selector has a complex selector without a key */
} cand;

/* A distinct class name or id of the page, and the rules whose keys it is. */
typedef struct word {
	const char *p;
	size_t n;
	const rulelist *as_id, *as_class; /* NULL: none */
} word;

struct selindex {
	rulelist bytag[GUMBO_TAG_UNKNOWN]; /* keys of known tags */
	rulelist named;                    /* :classid: an id or a class */
	named_key *keys;
	size_t nkeys, capkeys;             /* capkeys a power of 2, or 0 */
	cand *c;                           /* per rule */
	size_t nrules;
	word *w;                           /* the page's words */
	size_t nw, capw;
	uint32_t *slot;                    /* open-addressed: word number + 1, 0 free */
	size_t capslot;                    /* a power of 2 */
	uint32_t *ref;                     /* elements' words, in document order */
	size_t nref, capref;
	uint32_t *from;                    /* per element: its words are ref[from[i], from[i + 1]) */
	bool nomem;
};

static size_t key_hash(int kind, const char *p, size_t n)
{
	size_t h = 2166136261u ^ (size_t)kind; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)p[i]) * 16777619u;
	return h;
}

static named_key *key_slot(named_key *v, size_t cap, int kind, const char *p, size_t n)
{
	size_t i = key_hash(kind, p, n) & (cap - 1);
	while (v[i].name && !(v[i].kind == kind && v[i].len == n && memcmp(v[i].name, p, n) == 0))
		i = (i + 1) & (cap - 1);
	return &v[i];
}

static bool add_rule(rulelist *l, uint32_t r)
{
	if (l->n && l->v[l->n - 1] == r)
		return true; /* two keys of one rule */
	if (grow_array(&l->v, l->n, &l->cap, sizeof *l->v) < 0)
		return false;
	l->v[l->n++] = r;
	return true;
}

/* The table doubles when half full. */
static named_key *named_entry(struct selindex *sx, int kind, const char *name)
{
	size_t n = strlen(name);
	if (2 * (sx->nkeys + 1) > sx->capkeys) {
		size_t cap = sx->capkeys ? 2 * sx->capkeys : 64;
		named_key *v = calloc(cap, sizeof *v);
		if (!v)
			return NULL;
		for (size_t i = 0; i < sx->capkeys; i++)
			if (sx->keys[i].name)
				*key_slot(v, cap, sx->keys[i].kind, sx->keys[i].name, sx->keys[i].len) =
					sx->keys[i];
		free(sx->keys);
		sx->keys = v;
		sx->capkeys = cap;
	}
	named_key *k = key_slot(sx->keys, sx->capkeys, kind, name, n);
	if (!k->name) {
		*k = (named_key){ kind, name, n, { 0 } };
		sx->nkeys++;
	}
	return k;
}

static bool add_key(struct selindex *sx, const sel_key *k, uint32_t r)
{
	if (k->kind == SK_NAMED)
		return add_rule(&sx->named, r);
	if (k->kind == SK_TAG && k->tag < GUMBO_TAG_UNKNOWN)
		return add_rule(&sx->bytag[k->tag], r);
	named_key *e = named_entry(sx, k->kind, k->name);
	return e && add_rule(&e->rules, r);
}

/* Each rule that runs on this page: its keys into the tables. */
static bool add_rules(struct selindex *sx, const doc *d)
{
	sel_key keys[MAX_KEYS];
	for (size_t r = 0; r < d->rules->n; r++) {
		const rule *ru = &d->rules->v[r];
		size_t n;
		if (!ru->sel || !d->ran || !d->ran[r])
			continue;
		if (!cln_selector_keys(ru->sel, keys, MAX_KEYS, &n)) {
			sx->c[r].all = true;
			continue;
		}
		for (size_t k = 0; k < n; k++)
			if (!add_key(sx, &keys[k], (uint32_t)r))
				return false;
	}
	return true;
}

/* Element i is a candidate of every rule of l. */
static void take(struct selindex *sx, const rulelist *l, uint32_t i)
{
	for (size_t k = 0; k < l->n; k++) {
		cand *c = &sx->c[l->v[k]];
		if (c->n && c->v[c->n - 1] == i)
			continue; /* it has two of the rule's keys */
		if (grow_array(&c->v, c->n, &c->cap, sizeof *c->v) < 0)
			sx->nomem = true;
		else
			c->v[c->n++] = i;
	}
}

static const rulelist *rules_of(struct selindex *sx, int kind, const char *p, size_t n)
{
	if (!sx->capkeys)
		return NULL;
	const named_key *k = key_slot(sx->keys, sx->capkeys, kind, p, n);
	return k->name ? &k->rules : NULL;
}

/* The table of word numbers doubles when half full. */
static bool grow_slots(struct selindex *sx)
{
	size_t cap = sx->capslot ? 2 * sx->capslot : 256;
	uint32_t *v = calloc(cap, sizeof *v);
	if (!v)
		return false;
	for (size_t w = 0; w < sx->nw; w++) {
		size_t i = key_hash(0, sx->w[w].p, sx->w[w].n) & (cap - 1);
		while (v[i])
			i = (i + 1) & (cap - 1);
		v[i] = (uint32_t)w + 1;
	}
	free(sx->slot);
	sx->slot = v;
	sx->capslot = cap;
	return true;
}

/* The number of word p[0, n), a new one if the page had none such yet;
   element i holds it, and is a candidate of the rules it is a key of
   (as_id: it is i's id). */
static void add_word(struct selindex *sx, const char *p, size_t n, uint32_t i, bool as_id)
{
	if (2 * (sx->nw + 1) > sx->capslot && !grow_slots(sx)) {
		sx->nomem = true;
		return;
	}
	size_t at = key_hash(0, p, n) & (sx->capslot - 1);
	for (; sx->slot[at]; at = (at + 1) & (sx->capslot - 1)) {
		const word *w = &sx->w[sx->slot[at] - 1];
		if (w->n == n && memcmp(w->p, p, n) == 0)
			break;
	}
	if (!sx->slot[at]) {
		if (grow_array(&sx->w, sx->nw, &sx->capw, sizeof *sx->w) < 0) {
			sx->nomem = true;
			return;
		}
		sx->w[sx->nw] = (word){ p, n, rules_of(sx, SK_ID, p, n), rules_of(sx, SK_CLASS, p, n) };
		sx->slot[at] = (uint32_t)++sx->nw;
	}
	uint32_t w = sx->slot[at] - 1;
	if (grow_array(&sx->ref, sx->nref, &sx->capref, sizeof *sx->ref) < 0) {
		sx->nomem = true;
		return;
	}
	sx->ref[sx->nref++] = w;
	const rulelist *l = as_id ? sx->w[w].as_id : sx->w[w].as_class;
	if (l)
		take(sx, l, i);
}

/* The id, then the class names as selector.c splits them: at C white
   space. */
static void add_words(struct selindex *sx, const elem *e, uint32_t i)
{
	if (elem_id(e))
		add_word(sx, elem_id(e), strlen(elem_id(e)), i, true);
	for (const char *p = elem_class(e); p && *p;) {
		while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
			p++;
		size_t l = 0;
		while (p[l] && p[l] != ' ' && !(p[l] >= '\t' && p[l] <= '\r'))
			l++;
		if (l)
			add_word(sx, p, l, i, false);
		p += l;
	}
}

static void take_elem(struct selindex *sx, const elem *e, uint32_t i)
{
	const rulelist *l;
	if (e->tag < GUMBO_TAG_UNKNOWN)
		take(sx, &sx->bytag[e->tag], i);
	else if ((l = rules_of(sx, SK_TAG, e->attrs, strlen(e->attrs))))
		take(sx, l, i);
	sx->from[i] = (uint32_t)sx->nref;
	add_words(sx, e, i);
	for (const char *p = cln_elem_attrs(e); p && *p;) {
		size_t n = strlen(p);
		if ((l = rules_of(sx, SK_ATTR, p, n)))
			take(sx, l, i);
		p += n + 1;
		p += strlen(p) + 1;
	}
	if (elem_id(e) || elem_class(e))
		take(sx, &sx->named, i);
}

static struct selindex *build(doc *d)
{
	struct selindex *sx = calloc(1, sizeof *sx);
	if (sx)
		sx->nrules = d->rules->n;
	if (!sx || !(sx->c = calloc(sx->nrules ? sx->nrules : 1, sizeof *sx->c)) ||
	    !(sx->from = malloc((d->nel + 1) * sizeof *sx->from)) || !add_rules(sx, d)) {
		cln_selindex_free(sx);
		return NULL;
	}
	for (size_t i = 0; i < d->nel && !sx->nomem; i++)
		take_elem(sx, &d->el[i], (uint32_t)i);
	sx->from[d->nel] = (uint32_t)sx->nref;
	if (sx->nomem) {
		cln_selindex_free(sx);
		return NULL;
	}
	return sx;
}

int cln_selindex_get(doc *d, size_t r, const uint32_t **v, size_t *n, bool *all)
{
	if (!d->sx && !(d->sx = build(d)))
		return CLN_ENOMEM;
	const cand *c = &d->sx->c[r];
	*v = c->v;
	*n = c->n;
	*all = c->all;
	return 0;
}

int cln_selindex_words(doc *d, size_t ei, const uint32_t **v, size_t *n)
{
	if (!d->sx && !(d->sx = build(d)))
		return CLN_ENOMEM;
	*n = d->sx->from[ei + 1] - d->sx->from[ei];
	/* a page without class names or ids has no ref array at all */
	*v = *n ? d->sx->ref + d->sx->from[ei] : NULL;
	return 0;
}

size_t cln_selindex_nwords(const doc *d)
{
	return d->sx ? d->sx->nw : 0;
}

const char *cln_selindex_word(const doc *d, uint32_t w, size_t *n)
{
	*n = d->sx->w[w].n;
	return d->sx->w[w].p;
}

void cln_selindex_free(struct selindex *sx)
{
	if (!sx)
		return;
	for (size_t t = 0; t < GUMBO_TAG_UNKNOWN; t++)
		free(sx->bytag[t].v);
	free(sx->named.v);
	for (size_t i = 0; i < sx->capkeys; i++)
		free(sx->keys[i].rules.v);
	free(sx->keys);
	for (size_t r = 0; sx->c && r < sx->nrules; r++)
		free(sx->c[r].v);
	free(sx->c);
	free(sx->w);
	free(sx->slot);
	free(sx->ref);
	free(sx->from);
	free(sx);
}

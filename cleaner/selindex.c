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

struct selindex {
	rulelist bytag[GUMBO_TAG_UNKNOWN]; /* keys of known tags */
	rulelist named;                    /* :classid: an id or a class */
	named_key *keys;
	size_t nkeys, capkeys;             /* capkeys a power of 2, or 0 */
	cand *c;                           /* per rule */
	size_t nrules;
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
		if (!ru->sel || !d->ran[r])
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

static void take_named(struct selindex *sx, int kind, const char *p, size_t n, uint32_t i)
{
	if (!sx->capkeys)
		return;
	const named_key *k = key_slot(sx->keys, sx->capkeys, kind, p, n);
	if (k->name)
		take(sx, &k->rules, i);
}

/* The class names as selector.c splits them: at C white space. */
static void take_classes(struct selindex *sx, const char *p, uint32_t i)
{
	while (p && *p) {
		while (*p == ' ' || (*p >= '\t' && *p <= '\r'))
			p++;
		size_t l = 0;
		while (p[l] && p[l] != ' ' && !(p[l] >= '\t' && p[l] <= '\r'))
			l++;
		if (l)
			take_named(sx, SK_CLASS, p, l, i);
		p += l;
	}
}

static void take_elem(struct selindex *sx, const elem *e, uint32_t i)
{
	if (e->tag < GUMBO_TAG_UNKNOWN)
		take(sx, &sx->bytag[e->tag], i);
	else
		take_named(sx, SK_TAG, e->attrs, strlen(e->attrs), i);
	if (elem_id(e))
		take_named(sx, SK_ID, elem_id(e), strlen(elem_id(e)), i);
	take_classes(sx, elem_class(e), i);
	for (const char *p = cln_elem_attrs(e); p && *p;) {
		size_t n = strlen(p);
		take_named(sx, SK_ATTR, p, n, i);
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
	    !add_rules(sx, d)) {
		cln_selindex_free(sx);
		return NULL;
	}
	for (size_t i = 0; i < d->nel && !sx->nomem; i++)
		take_elem(sx, &d->el[i], (uint32_t)i);
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
	free(sx);
}

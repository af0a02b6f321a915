/*
 * selector.c - the CSS subset of selector rules, as ad blockers' cosmetic
 * filters use it: type, *, .class, #id, [attr], [attr=v], [attr~=v],
 * [attr*=v], [attr^=v], [attr$=v], [attr=/re/], descendant and child
 * combinators, comma lists, :not(...), :has-text(/re/) (the element's text)
 * and :classid(/re/) (any of its class names or its id).
 *
 * Selectors are compiled once with the rule set and matched against the
 * elements kept after parsing (doc.el), right to left.
 *
 * Matching is memoised so that no page can make it blow up: every complex
 * selector (and every one inside a :not) owns a column per compound but
 * its last, and sel_ctx.memo holds, per element and column, whether
 * compounds [0, k] match with compound k on that element, and whether they
 * match on the element or one of its ancestors. Each entry is computed
 * once, from entries of the parent and of column k - 1, so one selector
 * costs at most O(elements x compounds) compound tests on a page, however
 * deep it is and however many descendant combinators it has (a naive
 * right-to-left search costs depth^compounds: minutes for `article div div
 * div p` on 1,900 nested divs). The last compound of a complex selector
 * needs no column: it is asked about each element once (by the rule, or by
 * the compound whose :not holds it, itself asked once). So the table takes
 * a byte per element for each compound followed by a combinator: nothing
 * for a plain list like `.ad, .promo`. Compounds are capped at
 * SEL_MAX_COMPOUNDS, which also bounds the recursion depth of matching.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef enum skind { S_TAG, S_ID, S_CLASS, S_ATTR, S_NOT, S_HAS_TEXT, S_CLASSID } skind;

typedef struct simple {
	skind kind;
	char *name;        /* tag, id, class or attribute name */
	char *value;       /* attribute value */
	char op;           /* attribute test: 0 exists, '=', '~', '*', '^', '$', '/' regex */
	pcre2_code *re;
	struct selector *not;
} simple;

typedef struct compound {
	simple *v;
	size_t n;
	char comb; /* how it relates to the compound on its left: ' ' or '>' */
} compound;

typedef struct complex_sel {
	compound *v;
	size_t n;
	size_t col; /* memo column of compound 0 (see the top of the file) */
} complex_sel;

struct selector {
	complex_sel *v;
	size_t n;
	size_t ncols; /* memo columns of the whole tree (set on the outermost) */
};

/* Compounds of one selector, :not() included: bounds the memo table (a
   byte per element and column) and the recursion depth of matching. */
#define SEL_MAX_COMPOUNDS 256
/* Simple selectors (tag, class, [attr], pseudo-class) in one selector: each
   is a test per element and column, so they are bounded too. */
#define SEL_MAX_SIMPLE 1024
#define STR_(x) #x
#define STR(x) STR_(x)

/* ---- parsing ----------------------------------------------------------- */

typedef struct sparse {
	const char *s;
	size_t len, pos;
	char err[160];
	size_t err_pos;
	int depth;
	size_t compounds;
	size_t simples;
} sparse;

static bool fail(sparse *p, size_t at, const char *msg, const char *arg)
{
	if (!p->err[0]) {
		snprintf(p->err, sizeof p->err, msg, arg);
		p->err_pos = at;
	}
	return false;
}

static int cur(const sparse *p)
{
	return p->pos < p->len ? (unsigned char)p->s[p->pos] : -1;
}

static void spaces(sparse *p)
{
	while (p->pos < p->len && isspace((unsigned char)p->s[p->pos]))
		p->pos++;
}

static bool ident_char(int c)
{
	return c >= 0 && (isalnum(c) || c == '-' || c == '_' || c >= 0x80);
}

static char *ident(sparse *p)
{
	size_t start = p->pos;
	while (ident_char(cur(p)) || (cur(p) == '\\' && p->pos + 1 < p->len && (p->pos += 1)))
		p->pos++;
	if (p->pos == start)
		return NULL;
	char *id = strndup(p->s + start, p->pos - start);
	if (!id)
		fail(p, start, CLN_OOM_MESSAGE, NULL);
	return id;
}

static pcre2_code *regex(sparse *p)
{
	size_t open = p->pos++;
	buf re = BUF_INIT;
	int bad = 0;
	while (p->pos < p->len && p->s[p->pos] != '/') {
		if (p->s[p->pos] == '\\' && p->pos + 1 < p->len) {
			if (p->s[p->pos + 1] != '/')
				bad |= buf_addc(&re, '\\');
			bad |= buf_addc(&re, p->s[p->pos + 1]);
			p->pos += 2;
		} else
			bad |= buf_addc(&re, p->s[p->pos++]);
	}
	if (p->pos >= p->len || bad) {
		buf_free(&re);
		fail(p, open, bad ? CLN_OOM_MESSAGE : "unterminated pattern (no closing '/')", NULL);
		return NULL;
	}
	p->pos++;
	uint32_t opts = 0;
	while (cur(p) == 'i' || cur(p) == 'x') {
		opts |= cur(p) == 'i' ? PCRE2_CASELESS : PCRE2_EXTENDED;
		p->pos++;
	}
	char msg[160] = "empty pattern";
	size_t eo;
	pcre2_code *code = re.len ? cln_regex_compile(re.data, re.len, opts, msg, sizeof msg, &eo)
	                          : NULL;
	buf_free(&re);
	if (!code)
		fail(p, open, strcmp(msg, CLN_OOM_MESSAGE) ? "bad pattern: %s" : "%s", msg);
	return code;
}

static selector *parse_list(sparse *p, char end);
static bool match_list(sel_ctx *cx, const selector *sel, int ei);

static void free_simple(simple *s)
{
	free(s->name);
	free(s->value);
	pcre2_code_free(s->re);
	cln_selector_free(s->not);
}

static bool add_simple(compound *c, simple *s)
{
	simple *v = realloc(c->v, (c->n + 1) * sizeof *v);
	if (!v) {
		free_simple(s);
		return false;
	}
	c->v = v;
	c->v[c->n++] = *s;
	return true;
}

static bool attribute(sparse *p, simple *s)
{
	size_t open = p->pos++;
	spaces(p);
	s->kind = S_ATTR;
	if (!(s->name = ident(p)))
		return fail(p, p->pos, "expected an attribute name after '['", NULL);
	for (char *c = s->name; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	spaces(p);
	if (cur(p) == ']') {
		p->pos++;
		return true;
	}
	size_t at = p->pos;
	if (cur(p) == '=')
		s->op = '=';
	else if (strchr("~*^$", cur(p)) && p->pos + 1 < p->len && p->s[p->pos + 1] == '=')
		s->op = (char)cur(p), p->pos++;
	else
		return fail(p, at, "expected ']' or one of = ~= *= ^= $= in the attribute test", NULL);
	p->pos++;
	spaces(p);
	if (cur(p) == '/' && s->op == '=') {
		s->op = '/';
		if (!(s->re = regex(p)))
			return false;
	} else if (cur(p) == '"' || cur(p) == '\'') {
		char q = (char)cur(p);
		size_t start = ++p->pos;
		while (p->pos < p->len && p->s[p->pos] != q)
			p->pos++;
		if (p->pos >= p->len)
			return fail(p, start - 1, "unterminated string in the attribute test", NULL);
		if (!(s->value = strndup(p->s + start, p->pos - start)))
			return fail(p, start, CLN_OOM_MESSAGE, NULL);
		p->pos++;
	} else if (!(s->value = ident(p)))
		return fail(p, p->pos, "expected a value, a \"string\" or a /pattern/ after the operator", NULL);
	spaces(p);
	if (cur(p) != ']')
		return fail(p, p->pos < p->len ? p->pos : open, "expected ']' to close the attribute test", NULL);
	p->pos++;
	return true;
}

static bool pseudo(sparse *p, simple *s)
{
	size_t at = p->pos++;
	char *name = ident(p);
	if (!name)
		return fail(p, at, "expected a name after ':'", NULL);
	bool ok = true;
	if (strcmp(name, "not") == 0)
		s->kind = S_NOT;
	else if (strcmp(name, "has-text") == 0)
		s->kind = S_HAS_TEXT;
	else if (strcmp(name, "classid") == 0)
		s->kind = S_CLASSID;
	else
		ok = fail(p, at, "unknown pseudo-class ':%s' (known: :not, :has-text, :classid)", name);
	free(name);
	if (!ok)
		return false;
	if (cur(p) != '(')
		return fail(p, p->pos, "expected '(' after the pseudo-class", NULL);
	p->pos++;
	spaces(p);
	if (s->kind == S_NOT) {
		if (++p->depth > 8)
			return fail(p, at, ":not() nested too deeply", NULL);
		s->not = parse_list(p, ')');
		p->depth--;
		if (!s->not)
			return false;
	} else {
		if (cur(p) != '/')
			return fail(p, p->pos, "expected a /pattern/ in the parentheses", NULL);
		if (!(s->re = regex(p)))
			return false;
		spaces(p);
	}
	if (cur(p) != ')')
		return fail(p, p->pos, "expected ')'", NULL);
	p->pos++;
	return true;
}

static bool parse_compound(sparse *p, compound *c)
{
	size_t start = p->pos;
	for (;;) {
		simple s = { 0 };
		int ch = cur(p);
		bool ok;
		if (ch == '*' && p->pos == start) {
			p->pos++;
			continue;
		} else if (ident_char(ch) && p->pos == start) {
			s.kind = S_TAG;
			ok = (s.name = ident(p)) != NULL; /* NULL: out of memory */
			for (char *q = s.name; ok && *q; q++)
				*q = (char)tolower((unsigned char)*q);
		} else if (ch == '#' || ch == '.') {
			p->pos++;
			s.kind = ch == '#' ? S_ID : S_CLASS;
			ok = (s.name = ident(p)) != NULL ||
			     fail(p, p->pos, ch == '#' ? "expected an id after '#'" : "expected a class after '.'", NULL);
		} else if (ch == '[') {
			ok = attribute(p, &s);
		} else if (ch == ':') {
			ok = pseudo(p, &s);
		} else {
			break;
		}
		if (ok && ++p->simples > SEL_MAX_SIMPLE)
			ok = fail(p, p->pos, "selector too long: more than %s simple selectors",
			          STR(SEL_MAX_SIMPLE));
		if (!ok) {
			free_simple(&s);
			return false;
		}
		if (!add_simple(c, &s))
			return fail(p, p->pos, CLN_OOM_MESSAGE, NULL);
	}
	if (p->pos == start)
		return fail(p, p->pos, p->pos < p->len ? "expected a selector, found '%.1s'"
		                                       : "expected a selector", p->s + p->pos);
	return true;
}

static bool parse_complex(sparse *p, complex_sel *x, char end)
{
	char comb = ' ';
	for (;;) {
		compound *v = realloc(x->v, (x->n + 1) * sizeof *v);
		if (!v)
			return fail(p, p->pos, CLN_OOM_MESSAGE, NULL);
		x->v = v;
		compound *c = &x->v[x->n++];
		memset(c, 0, sizeof *c);
		c->comb = comb;
		if (++p->compounds > SEL_MAX_COMPOUNDS)
			return fail(p, p->pos, "selector too long: more than %s compounds",
			            STR(SEL_MAX_COMPOUNDS));
		if (!parse_compound(p, c))
			return false;
		size_t before = p->pos;
		spaces(p);
		int ch = cur(p);
		if (ch == '>') {
			comb = '>';
			p->pos++;
			spaces(p);
		} else if (ch == ',' || ch == end || ch < 0) {
			return true;
		} else if (p->pos > before) {
			comb = ' ';
		} else {
			return fail(p, p->pos, "unexpected '%.1s' in the selector", p->s + p->pos);
		}
	}
}

static selector *parse_list(sparse *p, char end)
{
	selector *sel = calloc(1, sizeof *sel);
	if (!sel)
		return NULL;
	for (;;) {
		spaces(p);
		complex_sel *v = realloc(sel->v, (sel->n + 1) * sizeof *v);
		if (!v)
			break;
		sel->v = v;
		memset(&sel->v[sel->n], 0, sizeof sel->v[0]);
		if (!parse_complex(p, &sel->v[sel->n++], end))
			break;
		if (cur(p) == ',') {
			p->pos++;
			continue;
		}
		if (cur(p) == end || (end == 0 && cur(p) < 0))
			return sel;
		fail(p, p->pos, end ? "expected ',' or '%s'" : "expected ',' or the end of the selector",
		     end == ')' ? ")" : "}");
		break;
	}
	cln_selector_free(sel);
	return NULL;
}

/* Number the memo columns of sel and of the selectors in its :not()s. */
static void number_columns(selector *sel, size_t *next)
{
	for (size_t i = 0; i < sel->n; i++) {
		complex_sel *x = &sel->v[i];
		x->col = *next;
		*next += x->n - 1;
		for (size_t j = 0; j < x->n; j++)
			for (size_t k = 0; k < x->v[j].n; k++)
				if (x->v[j].v[k].not)
					number_columns(x->v[j].v[k].not, next);
	}
}

selector *cln_selector_compile(const char *s, size_t len, size_t *err_pos, char *err, size_t errsize)
{
	sparse p = { s, len, 0, "", 0, 0, 0, 0 };
	selector *sel = parse_list(&p, 0);
	if (!sel) {
		*err_pos = p.err[0] ? p.err_pos : 0;
		snprintf(err, errsize, "%s", p.err[0] ? p.err : CLN_OOM_MESSAGE);
	} else
		number_columns(sel, &sel->ncols);
	return sel;
}

void cln_selector_free(selector *sel)
{
	if (!sel)
		return;
	for (size_t i = 0; i < sel->n; i++) {
		for (size_t j = 0; j < sel->v[i].n; j++) {
			for (size_t k = 0; k < sel->v[i].v[j].n; k++)
				free_simple(&sel->v[i].v[j].v[k]);
			free(sel->v[i].v[j].v);
		}
		free(sel->v[i].v);
	}
	free(sel->v);
	free(sel);
}

/* ---- matching ---------------------------------------------------------- */

/* Is word one of the white-space separated words of list? */
static bool has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p && *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		size_t l = 0;
		while (p[l] && !isspace((unsigned char)p[l]))
			l++;
		if (l == n && strncmp(p, word, n) == 0)
			return true;
		p += l;
	}
	return false;
}

/* Pattern tests share the rule's match budget with its pattern rules. */
static bool re_hit(sel_ctx *cx, pcre2_code *re, const char *s, size_t len, unsigned line)
{
	return cln_match_text(cx->d, cx->ri, re, s, len, 0, line) > 0;
}

static bool classid(sel_ctx *cx, const elem *e, pcre2_code *re)
{
	if (elem_id(e) && re_hit(cx, re, elem_id(e), strlen(elem_id(e)), e->line))
		return true;
	for (const char *p = elem_class(e); p && *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		size_t l = 0;
		while (p[l] && !isspace((unsigned char)p[l]))
			l++;
		if (l && re_hit(cx, re, p, l, e->line))
			return true;
		p += l;
	}
	return false;
}

/* :has-text: does any block of the element match? Counted once per
   pattern and page (prefix counts over the blocks), so nested elements cost
   nothing more. */
static bool has_text(sel_ctx *cx, const elem *e, pcre2_code *re)
{
	size_t k = 0;
	while (k < cx->ntext && cx->text[k].re != re)
		k++;
	if (k == cx->ntext) {
		size_t *pre = calloc(cx->d->n + 1, sizeof *pre);
		if (!pre || grow_array(&cx->text, cx->ntext, &cx->captext, sizeof *cx->text) < 0) {
			free(pre);
			cx->failed = true;
			return false;
		}
		for (size_t i = 0; i < cx->d->n; i++)
			pre[i + 1] = pre[i] + re_hit(cx, re, cx->d->b[i].text, cx->d->b[i].len,
			                             cx->d->b[i].line);
		cx->text[k] = (sel_text){ re, pre };
		cx->ntext++;
	}
	return cx->text[k].hits[e->end] > cx->text[k].hits[e->first];
}

static bool match_simple(sel_ctx *cx, const simple *s, int ei)
{
	const elem *e = &cx->d->el[ei];
	const char *v;
	switch (s->kind) {
	case S_TAG: return strcmp(e->tag, s->name) == 0;
	case S_ID: return elem_id(e) && strcmp(elem_id(e), s->name) == 0;
	case S_CLASS: return has_word(elem_class(e), s->name);
	case S_NOT: return !match_list(cx, s->not, ei);
	case S_HAS_TEXT: return has_text(cx, e, s->re);
	case S_CLASSID: return classid(cx, e, s->re);
	case S_ATTR:
		if (!(v = cln_elem_attr(e, s->name)))
			return false;
		switch (s->op) {
		case 0: return true;
		case '=': return strcmp(v, s->value) == 0;
		case '~': return has_word(v, s->value);
		case '*': return strstr(v, s->value) != NULL;
		case '^': return strncmp(v, s->value, strlen(s->value)) == 0;
		case '$': {
			size_t lv = strlen(v), ls = strlen(s->value);
			return lv >= ls && strcmp(v + lv - ls, s->value) == 0;
		}
		default: return re_hit(cx, s->re, v, strlen(v), e->line);
		}
	}
	return false;
}

static bool match_compound(sel_ctx *cx, const compound *c, int ei)
{
	for (size_t i = 0; i < c->n; i++)
		if (!match_simple(cx, &c->v[i], ei))
			return false;
	return true;
}

/* Memo bits per element and column (see the top of the file). */
enum { M_KNOWN = 1, M_YES = 2, A_KNOWN = 4, A_YES = 8 };

static unsigned char *memo(sel_ctx *cx, const complex_sel *x, size_t k, int ei)
{
	return &cx->memo[(size_t)ei * cx->ncols + x->col + k];
}

static bool match_at(sel_ctx *cx, const complex_sel *x, size_t k, int ei);

/* Do compounds [0, k] of x match on ei or on one of its ancestors? Walks
   up only as far as the first answer already known, then writes the
   answer into every element it passed: each entry is written once. */
static bool match_above(sel_ctx *cx, const complex_sel *x, size_t k, int ei)
{
	int e = ei;
	bool yes = false;
	for (; e >= 0; e = cx->d->el[e].parent) {
		unsigned char m = *memo(cx, x, k, e);
		if (m & A_KNOWN) {
			yes = m & A_YES;
			break;
		}
		if (match_at(cx, x, k, e)) {
			yes = true;
			*memo(cx, x, k, e) |= A_KNOWN | A_YES;
			break;
		}
	}
	for (int f = ei; f != e; f = cx->d->el[f].parent)
		*memo(cx, x, k, f) |= A_KNOWN | (yes ? A_YES : 0);
	return yes;
}

/* Do compounds [0, k] of x match with compound k on element ei? Recursion
   goes one compound left per call: at most SEL_MAX_COMPOUNDS deep. */
static bool match_at(sel_ctx *cx, const complex_sel *x, size_t k, int ei)
{
	/* the last compound has no column: it is asked once per element */
	unsigned char *m = k + 1 < x->n ? memo(cx, x, k, ei) : NULL;
	if (m && (*m & M_KNOWN))
		return *m & M_YES;
	bool yes = match_compound(cx, &x->v[k], ei);
	int up = cx->d->el[ei].parent;
	if (yes && k > 0)
		yes = up >= 0 && (x->v[k].comb == '>' ? match_at(cx, x, k - 1, up)
		                                      : match_above(cx, x, k - 1, up));
	if (m)
		*m |= M_KNOWN | (yes ? M_YES : 0);
	return yes;
}

static bool match_list(sel_ctx *cx, const selector *sel, int ei)
{
	for (size_t i = 0; i < sel->n; i++)
		if (match_at(cx, &sel->v[i], sel->v[i].n - 1, ei))
			return true;
	return false;
}

bool cln_selector_match(sel_ctx *cx, const selector *sel, int ei)
{
	if (cx->memo_sel != sel) {
		/* a table per outermost selector: its columns cover the :not()s */
		free(cx->memo);
		cx->memo_sel = NULL;
		cx->ncols = sel->ncols;
		if (!(cx->memo = calloc(cx->d->nel ? cx->d->nel : 1, cx->ncols ? cx->ncols : 1))) {
			cx->failed = true;
			return false;
		}
		cx->memo_sel = sel;
	}
	return match_list(cx, sel, ei);
}

void cln_sel_ctx_free(sel_ctx *cx)
{
	for (size_t i = 0; i < cx->ntext; i++)
		free(cx->text[i].hits);
	free(cx->text);
	free(cx->memo);
	cx->text = NULL;
	cx->memo = NULL;
	cx->memo_sel = NULL;
	cx->ntext = cx->captext = 0;
}

/* The first element after ei's subtree (d->el is in document order). */
static size_t after_subtree(const doc *d, size_t ei)
{
	size_t j = ei + 1;
	while (j < d->nel && d->el[j].depth > d->el[ei].depth)
		j++;
	return j;
}

/* Does element e hold a block rule r can still act on? */
static bool open_to(const doc *d, const rule *r, const elem *e)
{
	for (size_t k = e->first; k < e->end; k++)
		if (r->act == ACT_KEEP ? d->b[k].kept_by < 0 : d->b[k].removed_by < 0)
			return true;
	return false;
}

/* drop {selector} and keep {selector}: every block inside a matching
   element, one removal per element. Once an element is done, its subtree
   is too (its blocks are all taken), so each block is visited once. */
int cln_apply_selector(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	if (!d->html)
		return 0;
	sel_ctx cx = { .d = d, .ri = ri };
	size_t *chars = calloc(d->n + 1, sizeof *chars);
	if (!chars)
		return CLN_ENOMEM;
	for (size_t k = 0; k < d->n; k++)
		chars[k + 1] = chars[k] + (d->b[k].removed_by < 0 ? d->b[k].chars : 0);
	for (size_t i = 0; i < d->nel && !cx.failed; i++) {
		const elem *e = &d->el[i];
		if (cln_rule_spent(d, ri, d->nel - i))
			break;
		if (e->first == e->end || !cln_selector_match(&cx, r->sel, (int)i))
			continue;
		/* furniture is never most of what is left: spare what holds that much */
		if (r->act != ACT_KEEP && r->p[P_MAX_SHARE] &&
		    (chars[e->end] - chars[e->first]) * 100 > chars[d->n] * (size_t)r->p[P_MAX_SHARE])
			continue;
		bool open = open_to(d, r, e);
		if (open && r->act == ACT_KEEP) {
			for (size_t k = e->first; k < e->end; k++)
				if (d->b[k].kept_by < 0)
					d->b[k].kept_by = (int)ri;
		} else if (open) {
			int g = cln_new_group(d, (int)i);
			for (size_t k = e->first; k < e->end; k++)
				cln_remove(d, k, (int)ri, g);
		} else if (d->ex) {
			for (size_t k = e->first; k < e->end; k++)
				cln_explain_note(d, k, (int)ri);
		}
		i = after_subtree(d, i) - 1;
	}
	bool failed = cx.failed;
	cln_sel_ctx_free(&cx);
	free(chars);
	return failed ? CLN_ENOMEM : 0;
}

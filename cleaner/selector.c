/*
 * selector.c - the CSS subset of selector rules, as ad blockers' cosmetic
 * filters use it: type, *, .class, #id, [attr], [attr=v], [attr~=v],
 * [attr*=v], [attr^=v], [attr$=v], [attr|=v] (each with an i flag for a
 * case-blind value), [attr=/re/], the combinators ' ', '>', '+' and '~',
 * comma lists, :not(...), :has(...) (relative: `:has(> p)`, `:has(+ .x)`),
 * :first-child, :last-child, :nth-child(an+b), :has-text(/re/ or text)
 * (the element's text), :classid(/re/) (any of its class names or its id)
 * and :upward(N or selector) (the rule acts on that ancestor instead).
 *
 * Selectors are compiled once with the rule set and matched against the
 * elements kept after parsing (doc.el), right to left.
 *
 * Matching is memoised so that no page can make it blow up: every complex
 * selector (and every one inside a :not, :has or :upward) owns columns,
 * and sel_ctx.memo holds a byte per element and column. Each entry is
 * computed once, from entries of neighbours (parent, previous sibling,
 * children) and of the next compound, so one selector costs at most
 * O(elements x compounds) compound tests on a page, however deep it is and
 * however many combinators it has (a naive right-to-left search costs
 * depth^compounds: minutes for `article div div div p` on 1,900 nested
 * divs).
 *  - A plain complex selector has a column per compound but its last: does
 *    [0, k] match with compound k on the element (M), on the element or an
 *    ancestor (A, for ' '), on it or an earlier sibling (S, for '~')? A and S
 *    are found by walking up (or left) only to the first known answer, and
 *    the answer is written into every element passed. The last compound is
 *    asked about each element once (by the rule, or by its :not, asked once).
 *  - A :has() selector is relative: its compounds go from the element down
 *    or right, so it is worked out for the whole page in one pass in reverse
 *    document order (children, descendants and later siblings come first),
 *    a column per compound: does [k, n) match from the element (F), from a
 *    child (C), a descendant (D), the next sibling (P), a later sibling (L)?
 *  - :upward() marks its targets in one pass in document order, with the
 *    path from the root in an array indexed by depth (its ancestors).
 * So the table takes a byte per element for each compound followed by a
 * combinator, each compound of a :has() and each :upward (nothing for a
 * plain list like `.ad, .promo`); '+' and '~' add 4 bytes per element
 * (previous sibling), :nth-child and :last-child 4 more (position), made
 * once per page.
 * Compounds are capped at SEL_MAX_COMPOUNDS, which also bounds the
 * recursion depth of matching.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <gumbo.h>

#include "internal.h"

typedef enum skind {
	S_TAG, S_ID, S_CLASS, S_ATTR, S_NOT, S_HAS, S_HAS_TEXT, S_CLASSID,
	S_FIRST, S_LAST, S_NTH, S_UPWARD
} skind;

typedef struct simple {
	skind kind;
	char *name;        /* tag, id, class or attribute name */
	char *value;       /* attribute value */
	char op;           /* attribute test: 0 exists, '=', '~', '*', '^', '$', '|', '/' regex */
	bool icase;        /* [attr=v i] */
	long a, b;         /* :nth-child(an+b); :upward(b) */
	unsigned tag;      /* a type's GumboTag (GUMBO_TAG_UNKNOWN: compare names) */
	regex re;
	struct selector *sub; /* :not(sub), :has(sub), :upward(sub) */
	size_t cid;        /* a :classid's number in the outermost selector */
} simple;

typedef struct compound {
	simple *v;
	size_t n;
	/* how it relates to the compound on its left (in :has, compound 0 to
	   the element): ' ', '>', '+' or '~' */
	char comb;
} compound;

typedef struct complex_sel {
	compound *v;
	size_t n;
	size_t col; /* memo column of compound 0 (see the top of the file) */
	bool up;    /* its last simple selector is :upward() */
} complex_sel;

struct selector {
	complex_sel *v;
	size_t n;
	bool rel;     /* the relative selectors of a :has() */
	size_t id;    /* a :has() list: its number among the outermost's */
	size_t ncols; /* memo columns of the whole tree (set on the outermost) */
	size_t nhas;  /* :has() lists of the whole tree (likewise) */
	size_t nclassid; /* :classid()s of the whole tree (likewise) */
};

/* Compounds of one selector, :not() included: bounds the memo table (a
   byte per element and column) and the recursion depth of matching. */
#define SEL_MAX_COMPOUNDS 256
/* Simple selectors (tag, class, [attr], pseudo-class) in one selector: each
   is a test per element and column, so they are bounded too. */
#define SEL_MAX_SIMPLE 1024
/* :not(), :has() and :upward() inside each other */
#define SEL_MAX_NESTING 8
#define STR_(x) #x
#define STR(x) STR_(x)

/* ---- parsing ----------------------------------------------------------- */

typedef struct sparse {
	const char *s;
	size_t len, pos;
	char err[200];
	size_t err_pos;
	int depth;
	size_t open; /* the innermost '(' of a pseudo-class, for "unclosed" */
	size_t compounds;
	size_t simples;
	const cln_rules *names; /* the defines @NAME refers to, or NULL */
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

static pcre2_code *compile(sparse *p, size_t at, const char *re, size_t len, uint32_t opts)
{
	char msg[160] = "empty pattern";
	size_t eo;
	pcre2_code *code = len ? cln_regex_compile(re, len, opts, msg, sizeof msg, &eo) : NULL;
	if (!code)
		fail(p, at, strcmp(msg, CLN_OOM_MESSAGE) ? "bad pattern: %s" : "%s", msg);
	return code;
}

static pcre2_code *slashed(sparse *p)
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
	pcre2_code *code = compile(p, open, re.data, re.len, opts);
	buf_free(&re);
	return code;
}

/* @NAME: the pattern `define NAME /.../flags` gave, before this rule. */
static pcre2_code *named(sparse *p)
{
	size_t at = p->pos++, start = p->pos;
	while (cur(p) >= 0 && (isalnum(cur(p)) || strchr("-_.", cur(p))))
		p->pos++;
	size_t len;
	uint32_t opts;
	const char *re = cln_rules_pattern(p->names, p->s + start, p->pos - start, &len, &opts);
	if (!re) {
		char name[80];
		snprintf(name, sizeof name, "%.*s", (int)(p->pos - start), p->s + start);
		fail(p, at, p->names ? "no define before names @%s (define NAME /pattern/)"
		                     : "@%s: no rule set, so no defines", name);
		return NULL;
	}
	return compile(p, at, re, len, opts);
}

/* A pattern argument: /pattern/flags or @NAME. */
static pcre2_code *pattern_arg(sparse *p)
{
	return cur(p) == '@' ? named(p) : slashed(p);
}

/* A "string" or 'string' (no escapes, as in attribute values); NULL with
   the error set when unterminated. */
static char *quoted(sparse *p, const char *what)
{
	char q = (char)cur(p);
	size_t start = ++p->pos;
	while (p->pos < p->len && p->s[p->pos] != q)
		p->pos++;
	if (p->pos >= p->len) {
		fail(p, start - 1, "unterminated string in %s", what);
		return NULL;
	}
	char *s = strndup(p->s + start, p->pos - start);
	if (!s)
		fail(p, start, CLN_OOM_MESSAGE, NULL);
	p->pos++;
	return s;
}

/* :has-text(plain text): a "string", or the text up to the ')' that
   closes it (balanced parentheses, \ escapes the next character), trimmed;
   a pattern matching it literally, so it is counted like /re/. */
static pcre2_code *plain_text(sparse *p)
{
	size_t at = p->pos;
	buf text = BUF_INIT, re = BUF_INIT;
	int bad = 0, depth = 0;
	if (cur(p) == '"' || cur(p) == '\'') {
		char *s = quoted(p, ":has-text()");
		if (!s)
			return NULL;
		bad |= buf_add(&text, s, strlen(s));
		free(s);
	} else {
		for (; p->pos < p->len && (p->s[p->pos] != ')' || depth > 0); p->pos++) {
			char c = p->s[p->pos];
			depth += c == '(' ? 1 : c == ')' ? -1 : 0;
			if (c == '\\' && p->pos + 1 < p->len)
				c = p->s[++p->pos];
			bad |= buf_addc(&text, c);
		}
		while (text.len && isspace((unsigned char)text.data[text.len - 1]))
			text.len--;
	}
	for (size_t i = 0; i < text.len; i++) {
		unsigned char c = (unsigned char)text.data[i];
		/* outside letters and digits, a backslash makes any ASCII character literal */
		if (c < 0x80 && !isalnum(c))
			bad |= buf_addc(&re, '\\');
		bad |= buf_addc(&re, (char)c);
	}
	pcre2_code *code = NULL;
	if (bad)
		fail(p, at, CLN_OOM_MESSAGE, NULL);
	else if (!text.len)
		fail(p, at, "expected a /pattern/ or text in the parentheses", NULL);
	else
		code = compile(p, at, re.data, re.len, 0);
	buf_free(&text);
	buf_free(&re);
	return code;
}

static selector *parse_list(sparse *p, char end, bool rel);
static bool match_list(sel_ctx *cx, const selector *sel, int ei);

static void free_simple(simple *s)
{
	free(s->name);
	free(s->value);
	cln_regex_free(&s->re);
	cln_selector_free(s->sub);
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
	else if (strchr("~*^$|", cur(p)) && p->pos + 1 < p->len && p->s[p->pos + 1] == '=')
		s->op = (char)cur(p), p->pos++;
	else
		return fail(p, at, "expected ']' or one of = ~= *= ^= $= |= in the attribute test", NULL);
	p->pos++;
	spaces(p);
	if ((cur(p) == '/' || cur(p) == '@') && s->op == '=') {
		s->op = '/';
		if (!(s->re.code = pattern_arg(p)))
			return false;
	} else if (cur(p) == '"' || cur(p) == '\'') {
		if (!(s->value = quoted(p, "the attribute test")))
			return false;
	} else if (!(s->value = ident(p)))
		return fail(p, p->pos, "expected a value, a \"string\" or a /pattern/ after the operator", NULL);
	spaces(p);
	/* the i flag: after a value, not a pattern (which has its own /i) */
	if (s->value && (cur(p) == 'i' || cur(p) == 'I')) {
		s->icase = true;
		p->pos++;
		spaces(p);
	}
	if (cur(p) != ']')
		return fail(p, p->pos < p->len ? p->pos : open, "expected ']' to close the attribute test", NULL);
	p->pos++;
	return true;
}

/* A decimal number, capped at a billion (no page has that many elements);
   -1 if none. */
static long number(sparse *p)
{
	long n = -1;
	for (; isdigit(cur(p)); p->pos++)
		if ((n = (n < 0 ? 0 : n * 10) + (cur(p) - '0')) > 1000000000L)
			n = 1000000000L;
	return n;
}

/* CSS's an+b: "odd", "even", "3", "2n+1", "-n + 3", "n". */
static bool nth(sparse *p, simple *s)
{
	size_t at = p->pos;
	char *word = isalpha(cur(p)) && tolower(cur(p)) != 'n' ? ident(p) : NULL;
	if (word) {
		bool odd = strcasecmp(word, "odd") == 0, even = strcasecmp(word, "even") == 0;
		free(word);
		s->a = 2, s->b = odd;
		return odd || even || fail(p, at, "expected an+b, odd or even in :nth-child()", NULL);
	}
	long sign = cur(p) == '-' ? -1 : 1;
	if (cur(p) == '-' || cur(p) == '+')
		p->pos++;
	long n = number(p);
	if (tolower(cur(p)) != 'n') {
		s->b = sign * n;
		return n >= 0 || fail(p, at, "expected an+b, odd or even in :nth-child()", NULL);
	}
	p->pos++;
	s->a = sign * (n < 0 ? 1 : n);
	spaces(p);
	if (cur(p) != '+' && cur(p) != '-')
		return true;
	sign = cur(p) == '-' ? -1 : 1;
	p->pos++;
	spaces(p);
	if ((n = number(p)) < 0)
		return fail(p, p->pos, "expected a number after the sign in :nth-child()", NULL);
	s->b = sign * n;
	return true;
}

/* :upward(N) or :upward(selector); only at the end of an outermost selector. */
static bool upward(sparse *p, simple *s, size_t at)
{
	if (p->depth > 0)
		return fail(p, at, "':upward()' goes only at the end of a selector, not inside "
		            ":not(), :has() or :upward()", NULL);
	if (!isdigit(cur(p))) {
		p->depth++;
		s->sub = parse_list(p, ')', false);
		p->depth--;
		return s->sub != NULL;
	}
	size_t n_at = p->pos;
	s->b = number(p);
	if (s->b < 1 || s->b > 255)
		return fail(p, n_at, "':upward(N)' takes N from 1 to 255", NULL);
	return true;
}

static const struct {
	const char *name;
	skind kind;
	bool args;
} pseudos[] = {
	{ "not", S_NOT, true }, { "has", S_HAS, true }, { "has-text", S_HAS_TEXT, true },
	{ "classid", S_CLASSID, true }, { "first-child", S_FIRST, false },
	{ "last-child", S_LAST, false }, { "nth-child", S_NTH, true }, { "upward", S_UPWARD, true },
};

/* The parentheses' content of a pseudo-class, after '(' and white space. */
static bool pseudo_args(sparse *p, simple *s, size_t at)
{
	switch (s->kind) {
	case S_NOT:
	case S_HAS:
		if (p->depth >= SEL_MAX_NESTING)
			return fail(p, at, ":not() and :has() nested too deeply", NULL);
		p->depth++;
		s->sub = parse_list(p, ')', s->kind == S_HAS);
		p->depth--;
		return s->sub != NULL;
	case S_NTH: return nth(p, s);
	case S_UPWARD: return upward(p, s, at);
	case S_HAS_TEXT:
		if (cur(p) != '/' && cur(p) != '@')
			return (s->re.code = plain_text(p)) != NULL;
		/* fall through */
	default:
		if (cur(p) != '/' && cur(p) != '@')
			return fail(p, p->pos, "expected a /pattern/ or @NAME in the parentheses", NULL);
		return (s->re.code = pattern_arg(p)) != NULL;
	}
}

static bool pseudo(sparse *p, simple *s)
{
	size_t at = p->pos++;
	char *name = ident(p);
	if (!name)
		return fail(p, at, "expected a name after ':'", NULL);
	size_t k = 0, n = sizeof pseudos / sizeof *pseudos;
	while (k < n && strcmp(name, pseudos[k].name) != 0)
		k++;
	if (k == n)
		fail(p, at, "unknown pseudo-class ':%s' (known: :not, :has, :has-text, :classid, "
		     ":first-child, :last-child, :nth-child, :upward)", name);
	free(name);
	if (k == n)
		return false;
	s->kind = pseudos[k].kind;
	if (!pseudos[k].args)
		return true;
	if (cur(p) != '(')
		return fail(p, p->pos, "expected '(' after the pseudo-class", NULL);
	size_t outer = p->open;
	p->open = p->pos++;
	spaces(p);
	if (!pseudo_args(p, s, at))
		return false;
	spaces(p);
	if (cur(p) != ')')
		return fail(p, cur(p) < 0 ? p->open : p->pos,
		            cur(p) < 0 ? "unclosed '(' (no ')' before the end of the selector)"
		                       : "expected ')'", NULL);
	p->open = outer;
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
		if (c->n && c->v[c->n - 1].kind == S_UPWARD && ch > 0 && strchr("#.[:*", ch))
			return fail(p, p->pos, "nothing may follow ':upward()'", NULL);
		if (ch == '*' && p->pos == start) {
			p->pos++;
			continue;
		} else if (ident_char(ch) && p->pos == start) {
			s.kind = S_TAG;
			ok = (s.name = ident(p)) != NULL; /* NULL: out of memory */
			for (char *q = s.name; ok && *q; q++)
				*q = (char)tolower((unsigned char)*q);
			s.tag = ok ? gumbo_tag_enum(s.name) : GUMBO_TAG_UNKNOWN;
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

/* A combinator ('>', '+' or '~', with white space around), or NUL. */
static char combinator(sparse *p)
{
	int ch = cur(p);
	if (ch != '>' && ch != '+' && ch != '~')
		return 0;
	p->pos++;
	spaces(p);
	return (char)ch;
}

static bool parse_complex(sparse *p, complex_sel *x, char end, bool rel)
{
	char comb = ' ';
	if (rel && (comb = combinator(p)) == 0) /* :has(p) is :has(* p) */
		comb = ' ';
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
		x->up = c->n && c->v[c->n - 1].kind == S_UPWARD;
		size_t before = p->pos;
		spaces(p);
		int ch = cur(p);
		if (ch == ',' || ch == end || ch < 0)
			return true;
		if (x->up)
			return fail(p, p->pos, "nothing may follow ':upward()'", NULL);
		if ((comb = combinator(p)) == 0 && p->pos > before)
			comb = ' ';
		else if (comb == 0)
			return fail(p, p->pos, "unexpected '%.1s' in the selector", p->s + p->pos);
	}
}

static selector *parse_list(sparse *p, char end, bool rel)
{
	selector *sel = calloc(1, sizeof *sel);
	if (!sel)
		return NULL;
	sel->rel = rel;
	for (;;) {
		spaces(p);
		complex_sel *v = realloc(sel->v, (sel->n + 1) * sizeof *v);
		if (!v)
			break;
		sel->v = v;
		memset(&sel->v[sel->n], 0, sizeof sel->v[0]);
		if (!parse_complex(p, &sel->v[sel->n++], end, rel))
			break;
		if (cur(p) == ',') {
			p->pos++;
			continue;
		}
		if (cur(p) == end || (end == 0 && cur(p) < 0))
			return sel;
		if (end && cur(p) < 0)
			fail(p, p->open, "unclosed '(' (no ')' before the end of the selector)", NULL);
		fail(p, p->pos, end ? "expected ',' or '%s'" : "expected ',' or the end of the selector",
		     end == ')' ? ")" : "}");
		break;
	}
	cln_selector_free(sel);
	return NULL;
}

/* Number the memo columns, :has() lists and :classid()s of sel and of the
   selectors inside it (see the top of the file for what each column
   holds), counting them in top. */
static void number_columns(selector *sel, selector *top)
{
	for (size_t i = 0; i < sel->n; i++) {
		complex_sel *x = &sel->v[i];
		x->col = top->ncols;
		top->ncols += x->n - 1 + (sel->rel || x->up);
		for (size_t j = 0; j < x->n; j++)
			for (size_t k = 0; k < x->v[j].n; k++) {
				simple *s = &x->v[j].v[k];
				if (s->kind == S_CLASSID)
					s->cid = top->nclassid++;
				if (s->sub && s->kind == S_HAS)
					s->sub->id = top->nhas++;
				if (s->sub)
					number_columns(s->sub, top);
			}
	}
}

selector *cln_selector_compile(const char *s, size_t len, const cln_rules *names,
                               size_t *err_pos, char *err, size_t errsize)
{
	sparse p = { .s = s, .len = len, .names = names };
	selector *sel = parse_list(&p, 0, false);
	if (!sel) {
		*err_pos = p.err[0] ? p.err_pos : 0;
		snprintf(err, errsize, "%s", p.err[0] ? p.err : CLN_OOM_MESSAGE);
	} else
		number_columns(sel, sel);
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

/* ---- keys (for selindex.c) ---------------------------------------------- */

/* A simple selector whose test has no effect but its answer (no pattern,
   no :not, :has or :upward to work out). */
static bool pure(const simple *s)
{
	return s->kind == S_TAG || s->kind == S_ID || s->kind == S_CLASS || s->kind == S_FIRST ||
	       s->kind == S_LAST || s->kind == S_NTH || (s->kind == S_ATTR && s->op != '/');
}

/* The key of compound c: the rarest of its simple selectors an element
   must have, among those tested before anything with an effect (a
   pattern, a :has pass), so that an element lacking it is answered no
   with nothing counted. False when there is none. */
static bool compound_key(const compound *c, sel_key *k)
{
	int best = 0;
	for (size_t i = 0; i < c->n; i++) {
		const simple *s = &c->v[i];
		static const int rank[] = { [S_ID] = 5, [S_CLASS] = 4, [S_ATTR] = 3, [S_TAG] = 2,
		                            [S_CLASSID] = 1, [S_UPWARD] = 0 };
		if (rank[s->kind] > best) {
			best = rank[s->kind];
			*k = (sel_key){ s->kind == S_ID ? SK_ID : s->kind == S_CLASS ? SK_CLASS
			                : s->kind == S_ATTR ? SK_ATTR : s->kind == S_TAG ? SK_TAG : SK_NAMED,
			                s->tag, s->name };
		}
		if (!pure(s))
			break;
	}
	return best > 0;
}

bool cln_selector_keys(const selector *sel, sel_key *out, size_t max, size_t *n)
{
	*n = 0;
	for (size_t i = 0; i < sel->n; i++) {
		const complex_sel *x = &sel->v[i];
		if (x->up || *n == max || !compound_key(&x->v[x->n - 1], &out[*n]))
			return false;
		++*n;
	}
	return true;
}

/* ---- attribute names (for htmlskip.c) ----------------------------------- */

int cln_selector_attrs(const selector *sel, int (*each)(void *ud, const char *name), void *ud)
{
	for (size_t i = 0; i < sel->n; i++)
		for (size_t j = 0; j < sel->v[i].n; j++)
			for (size_t k = 0; k < sel->v[i].v[j].n; k++) {
				const simple *s = &sel->v[i].v[j].v[k];
				if (s->kind == S_ATTR && each(ud, s->name) < 0)
					return CLN_ENOMEM;
				if (s->sub && cln_selector_attrs(s->sub, each, ud) < 0)
					return CLN_ENOMEM;
			}
	return 0;
}

/* ---- matching ---------------------------------------------------------- */

/* Is word one of the white-space separated words of list? */
static bool has_word(const char *list, const char *word, bool icase)
{
	size_t n = strlen(word);
	for (const char *p = list; p && *p;) {
		while (*p && isspace((unsigned char)*p))
			p++;
		size_t l = 0;
		while (p[l] && !isspace((unsigned char)p[l]))
			l++;
		if (l == n && (icase ? strncasecmp(p, word, n) : strncmp(p, word, n)) == 0)
			return true;
		p += l;
	}
	return false;
}

/* [attr OP value] and [attr OP value i] (ASCII case folded). */
static bool attr_test(const simple *s, const char *v)
{
	size_t lv = strlen(v), ls = strlen(s->value);
	int (*cmp)(const char *, const char *, size_t) = s->icase ? strncasecmp : strncmp;
	switch (s->op) {
	case '=': return lv == ls && cmp(v, s->value, ls) == 0;
	case '~': return has_word(v, s->value, s->icase);
	case '^': return lv >= ls && cmp(v, s->value, ls) == 0;
	case '$': return lv >= ls && cmp(v + lv - ls, s->value, ls) == 0;
	case '|': return lv >= ls && cmp(v, s->value, ls) == 0 && (lv == ls || v[ls] == '-');
	case '*':
		if (!s->icase)
			return strstr(v, s->value) != NULL;
		for (size_t i = 0; i + ls <= lv; i++)
			if (strncasecmp(v + i, s->value, ls) == 0)
				return true;
		return false;
	}
	return false;
}

/* Pattern tests share the rule's match budget with its pattern rules. */
static bool re_hit(sel_ctx *cx, const regex *re, const char *s, size_t len, unsigned line)
{
	return cln_match_text(cx->d, cx->ri, re, s, len, 0, line) > 0;
}

/* :classid's answers: per :classid of the selector (its number) and word
   of the page (selindex.c), 0 not known yet, else ANS_NO or ANS_YES. */
enum { ANS_NO = 1, ANS_YES = 2 };

/* re_hit on a class name or id, asked once per page and word: an answer
   is kept when the match took nothing from the budget and warned of
   nothing, so asking again would give it again. */
static bool word_hit(sel_ctx *cx, const simple *s, uint32_t w, unsigned line)
{
	unsigned char *a = &cx->answers[s->cid * cx->nwords + w];
	if (*a)
		return *a == ANS_YES;
	const rule_spend *sp = &cx->d->spend[cx->ri];
	unsigned long long spent = sp->spent;
	size_t warnings = cx->d->nwarnings, n;
	const char *p = cln_selindex_word(cx->d, w, &n);
	bool yes = re_hit(cx, &s->re, p, n, line);
	if (sp->spent == spent && !sp->out && cx->d->nwarnings == warnings)
		*a = yes ? ANS_YES : ANS_NO;
	return yes;
}

/* Any of element ei's class names or its id (first). */
static bool classid(sel_ctx *cx, const simple *s, int ei)
{
	const uint32_t *w;
	size_t n;
	if (cln_selindex_words(cx->d, (size_t)ei, &w, &n) < 0) {
		cx->failed = true;
		return false;
	}
	if (n && !cx->answers) {
		cx->nwords = cln_selindex_nwords(cx->d);
		if (!(cx->answers = calloc(cx->nwords * cx->memo_sel->nclassid, 1))) {
			cx->failed = true;
			return false;
		}
	}
	for (size_t k = 0; k < n; k++)
		if (word_hit(cx, s, w[k], cx->d->el[ei].line))
			return true;
	return false;
}

/* :has-text: does any block of the element match? Counted once per
   pattern and page (prefix counts over the blocks), so nested elements cost
   nothing more. */
static bool has_text(sel_ctx *cx, const elem *e, const regex *re)
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

/* An array indexed by depth, for the path from the root to an element
   while walking the page in document order; NULL when out of memory. */
static int *depth_array(sel_ctx *cx)
{
	size_t max = 0;
	for (size_t i = 0; i < cx->d->nel; i++)
		if (cx->d->el[i].depth > max)
			max = cx->d->el[i].depth;
	int *at = malloc((max + 1) * sizeof *at);
	if (!at)
		cx->failed = true;
	for (size_t i = 0; at && i <= max; i++)
		at[i] = -1;
	return at;
}

#define NTH_LAST 0x80000000u /* in sel_ctx.nth: no element sibling after it */

/* Previous element sibling, made once per page when a selector first
   needs it: the last element seen at an element's depth is its previous
   sibling if it has the same parent (elements in between are deeper). */
static bool siblings(sel_ctx *cx)
{
	const doc *d = cx->d;
	if (cx->prev)
		return true;
	int *last = depth_array(cx);
	cx->prev = malloc((d->nel ? d->nel : 1) * sizeof *cx->prev);
	if (!last || !cx->prev) {
		free(last);
		free(cx->prev);
		cx->prev = NULL;
		cx->failed = true;
		return false;
	}
	for (size_t i = 0; i < d->nel; i++) {
		unsigned dep = d->el[i].depth;
		cx->prev[i] = last[dep] >= 0 && d->el[last[dep]].parent == d->el[i].parent ? last[dep] : -1;
		last[dep] = (int)i;
	}
	free(last);
	return true;
}

/* Position among the parent's elements, made once per page and only for
   :nth-child and :last-child: 4 more bytes an element. */
static bool positions(sel_ctx *cx)
{
	const doc *d = cx->d;
	if (cx->nth)
		return true;
	if (!siblings(cx) || !(cx->nth = malloc((d->nel ? d->nel : 1) * sizeof *cx->nth))) {
		cx->failed = true;
		return false;
	}
	for (size_t i = 0; i < d->nel; i++) {
		int s = cx->prev[i];
		cx->nth[i] = (s < 0 ? 1 : (cx->nth[s] & ~NTH_LAST) + 1) | NTH_LAST;
		if (s >= 0)
			cx->nth[s] &= ~NTH_LAST;
	}
	return true;
}

static bool nth_child(sel_ctx *cx, const simple *s, int ei)
{
	if (s->kind == S_FIRST) /* in document order a first child follows its parent */
		return ei == cx->d->el[ei].parent + 1;
	if (!positions(cx))
		return false;
	uint32_t nth = cx->nth[ei];
	long pos = (long)(nth & ~NTH_LAST);
	if (s->kind == S_LAST)
		return nth & NTH_LAST;
	if (s->a == 0)
		return pos == s->b;
	return (pos - s->b) % s->a == 0 && (pos - s->b) / s->a >= 0;
}

static bool has(sel_ctx *cx, const selector *sel, int ei);

static bool match_simple(sel_ctx *cx, const simple *s, int ei)
{
	const elem *e = &cx->d->el[ei];
	const char *v;
	switch (s->kind) {
	case S_TAG: /* a known name is its tag's; an unknown element keeps its own */
		if (e->tag != GUMBO_TAG_UNKNOWN)
			return e->tag == s->tag;
		return strcmp(e->attrs, s->name) == 0;
	case S_ID: return elem_id(e) && strcmp(elem_id(e), s->name) == 0;
	case S_CLASS: return has_word(elem_class(e), s->name, false);
	case S_NOT: return !match_list(cx, s->sub, ei);
	case S_HAS: return has(cx, s->sub, ei);
	case S_HAS_TEXT: return has_text(cx, e, &s->re);
	case S_CLASSID: return classid(cx, s, ei);
	case S_FIRST:
	case S_LAST:
	case S_NTH: return nth_child(cx, s, ei);
	case S_UPWARD: return true; /* the element it starts from: see upward_pass */
	case S_ATTR:
		if (!(v = cln_elem_attr(e, s->name)))
			return false;
		if (s->op == 0)
			return true;
		return s->op == '/' ? re_hit(cx, &s->re, v, strlen(v), e->line) : attr_test(s, v);
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

/* Memo bits per element and column (see the top of the file): a plain
   complex selector's, */
enum { M_KNOWN = 1, M_YES = 2, A_KNOWN = 4, A_YES = 8, S_KNOWN = 16, S_YES = 32 };
/* a :has() selector's (H_YES in compound 0's column: the :has() holds), */
enum { H_F = 1, H_C = 2, H_D = 4, H_P = 8, H_L = 16, H_YES = 32 };
/* and an :upward()'s extra column: the element is a target. */
enum { U_YES = 1 };

static unsigned char *memo(sel_ctx *cx, const complex_sel *x, size_t k, int ei)
{
	return &cx->memo[(size_t)ei * cx->ncols + x->col + k];
}

static bool match_at(sel_ctx *cx, const complex_sel *x, size_t k, int ei);

/* Do compounds [0, k] of x match on ei or on one of its ancestors (sib:
   one of its earlier siblings)? Walks only as far as the first answer
   already known, then writes the answer into every element it passed:
   each entry is written once. */
static bool match_along(sel_ctx *cx, const complex_sel *x, size_t k, int ei, bool sib)
{
	unsigned char known = sib ? S_KNOWN : A_KNOWN, yes_bit = sib ? S_YES : A_YES;
	int e = ei;
	bool yes = false;
	for (; e >= 0; e = sib ? cx->prev[e] : cx->d->el[e].parent) {
		unsigned char m = *memo(cx, x, k, e);
		if (m & known) {
			yes = m & yes_bit;
			break;
		}
		if (match_at(cx, x, k, e)) {
			yes = true;
			*memo(cx, x, k, e) |= known | yes_bit;
			break;
		}
	}
	for (int f = ei; f != e; f = sib ? cx->prev[f] : cx->d->el[f].parent)
		*memo(cx, x, k, f) |= known | (yes ? yes_bit : 0);
	return yes;
}

/* Compound k matches ei: do compounds [0, k - 1] match where its
   combinator says? */
static bool match_left(sel_ctx *cx, const complex_sel *x, size_t k, int ei)
{
	char comb = x->v[k].comb;
	int up = cx->d->el[ei].parent;
	if (comb == '>' || comb == ' ')
		return up >= 0 && (comb == '>' ? match_at(cx, x, k - 1, up)
		                               : match_along(cx, x, k - 1, up, false));
	if (!siblings(cx) || cx->prev[ei] < 0)
		return false;
	return comb == '+' ? match_at(cx, x, k - 1, cx->prev[ei])
	                   : match_along(cx, x, k - 1, cx->prev[ei], true);
}

/* Do compounds [0, k] of x match with compound k on element ei? Recursion
   goes one compound left per call: at most SEL_MAX_COMPOUNDS deep. */
static bool match_at(sel_ctx *cx, const complex_sel *x, size_t k, int ei)
{
	/* the last compound has no column: it is asked once per element */
	unsigned char *m = k + 1 < x->n ? memo(cx, x, k, ei) : NULL;
	if (m && (*m & M_KNOWN))
		return *m & M_YES;
	bool yes = match_compound(cx, &x->v[k], ei) && (k == 0 || match_left(cx, x, k, ei));
	if (m)
		*m |= M_KNOWN | (yes ? M_YES : 0);
	return yes;
}

/* In a :has(): is there an element related to the one of column byte m by
   comb, from which compounds [k, n) match (k: the column's compound)? */
static bool related(char comb, unsigned char m)
{
	switch (comb) {
	case '>': return m & H_C;
	case '+': return m & H_P;
	case '~': return m & H_L;
	default: return m & H_D;
	}
}

/* Does a :has() list look at later siblings ('+', '~')? Only then does it
   need the previous-sibling table. */
static bool sideways(const selector *sel)
{
	for (size_t j = 0; j < sel->n; j++)
		for (size_t k = 0; k < sel->v[j].n; k++)
			if (sel->v[j].v[k].comb == '+' || sel->v[j].v[k].comb == '~')
				return true;
	return false;
}

/* A :has() list on every element of the page, in reverse document order:
   an element's children, descendants and later siblings come after it in
   document order, so their bits are complete when it is reached, and it
   passes its own on to its parent (C, D) and previous sibling (P, L). */
static void has_pass(sel_ctx *cx, const selector *sel)
{
	const doc *d = cx->d;
	bool side = sideways(sel);
	if (side && !siblings(cx))
		return;
	for (size_t i = d->nel; i-- > 0 && !cx->failed;)
		for (size_t j = 0; j < sel->n; j++) {
			const complex_sel *x = &sel->v[j];
			int ei = (int)i, up = d->el[i].parent, s = side ? cx->prev[i] : -1;
			for (size_t k = x->n; k-- > 0;)
				if (match_compound(cx, &x->v[k], ei) &&
				    (k + 1 == x->n || related(x->v[k + 1].comb, *memo(cx, x, k + 1, ei))))
					*memo(cx, x, k, ei) |= H_F;
			if (related(x->v[0].comb, *memo(cx, x, 0, ei)))
				*memo(cx, x, 0, ei) |= H_YES;
			for (size_t k = 0; k < x->n; k++) {
				unsigned char m = *memo(cx, x, k, ei);
				if (up >= 0)
					*memo(cx, x, k, up) |= (m & H_F ? H_C | H_D : 0) | (m & H_D);
				if (s >= 0)
					*memo(cx, x, k, s) |= (m & H_F ? H_P | H_L : 0) | (m & H_L);
			}
		}
}

static bool has(sel_ctx *cx, const selector *sel, int ei)
{
	if (!cx->has_done[sel->id]) {
		cx->has_done[sel->id] = 1;
		has_pass(cx, sel);
	}
	for (size_t i = 0; i < sel->n; i++)
		if (*memo(cx, &sel->v[i], 0, ei) & H_YES)
			return true;
	return false;
}

/* X:upward(N) and X:upward(S): mark, for every element matching X, its
   Nth ancestor or its nearest ancestor matching S, walking the page in
   document order with path[depth]: the ancestor at that depth, or the
   nearest one at most that deep matching S. */
static void upward_pass(sel_ctx *cx, const complex_sel *x)
{
	const compound *last = &x->v[x->n - 1];
	const simple *u = &last->v[last->n - 1];
	int *path = depth_array(cx);
	for (size_t i = 0; path && i < cx->d->nel && !cx->failed; i++) {
		int ei = (int)i, dep = cx->d->el[i].depth, target;
		if (u->sub) {
			target = dep > 0 ? path[dep - 1] : -1;
			path[dep] = match_list(cx, u->sub, ei) ? ei : target;
		} else {
			path[dep] = ei;
			target = dep >= u->b ? path[dep - u->b] : -1;
		}
		if (target >= 0 && match_at(cx, x, x->n - 1, ei))
			*memo(cx, x, x->n - 1, target) |= U_YES;
	}
	free(path);
}

static bool match_list(sel_ctx *cx, const selector *sel, int ei)
{
	for (size_t i = 0; i < sel->n; i++) {
		const complex_sel *x = &sel->v[i];
		if (x->up ? *memo(cx, x, x->n - 1, ei) & U_YES : match_at(cx, x, x->n - 1, ei))
			return true;
	}
	return false;
}

bool cln_selector_match(sel_ctx *cx, const selector *sel, int ei)
{
	if (cx->memo_sel != sel) {
		/* a table per outermost selector: its columns cover those inside */
		free(cx->memo);
		free(cx->has_done);
		free(cx->answers);
		cx->answers = NULL; /* numbered by the selector's :classid()s */
		cx->memo_sel = NULL;
		cx->ncols = sel->ncols;
		cx->memo = calloc(cx->d->nel ? cx->d->nel : 1, cx->ncols ? cx->ncols : 1);
		cx->has_done = calloc(sel->nhas ? sel->nhas : 1, 1);
		if (!cx->memo || !cx->has_done) {
			cx->failed = true;
			return false;
		}
		cx->memo_sel = sel;
		for (size_t i = 0; i < sel->n; i++)
			if (sel->v[i].up)
				upward_pass(cx, &sel->v[i]);
	}
	return !cx->failed && match_list(cx, sel, ei);
}

void cln_sel_ctx_free(sel_ctx *cx)
{
	for (size_t i = 0; i < cx->ntext; i++)
		free(cx->text[i].hits);
	free(cx->text);
	free(cx->memo);
	free(cx->has_done);
	free(cx->prev);
	free(cx->nth);
	free(cx->answers);
	cx->answers = NULL;
	cx->nwords = 0;
	cx->text = NULL;
	cx->memo = NULL;
	cx->has_done = NULL;
	cx->prev = NULL;
	cx->nth = NULL;
	cx->memo_sel = NULL;
	cx->ntext = cx->captext = 0;
}

/* The first element after ei's subtree (d->el is in document order) once
   ei is taken, or the first in it whose blocks reach past ei's, which is
   still open to the rule as --explain-path lists it. Element ranges nest
   (htmlblocks.c gives an inline element the block it ends in when its
   text is all of it); before they did, a popover <span>'s tooltip lay
   past the span's range and was never tested. */
static size_t after_taken(const doc *d, size_t ei)
{
	size_t j = ei + 1;
	while (j < d->nel && d->el[j].depth > d->el[ei].depth && d->el[j].end <= d->el[ei].end)
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

/* The rule takes matching element i, unless it holds over max-share of
   the text left (chars: prefix counts of the blocks not removed). False
   when spared: its subtree is then still open to the rule. */
static bool take(doc *d, size_t ri, size_t i, const size_t *chars, const product_share *ps)
{
	const rule *r = &d->rules->v[ri];
	const elem *e = &d->el[i];
	/* furniture is never most of what is left: spare what holds that much
	   (explain says so; a product page stretches the share for a box
	   beside the product, mainproduct.c); nor what the safeguard gave
	   back, running the rules again */
	size_t held = (chars[e->end] - chars[e->first]) * 100, left = chars[d->n];
	if (r->act != ACT_KEEP && r->p[P_MAX_SHARE] && held > left * (size_t)r->p[P_MAX_SHARE] &&
	    held > left * cln_product_share(d, ps, e, (unsigned)r->p[P_MAX_SHARE])) {
		for (size_t k = e->first; d->ex && k < e->end; k++)
			cln_explain_spared(d, k, (int)ri);
		return false;
	}
	if (d->given_back && d->given_back[i])
		return false;
	bool open = open_to(d, r, e);
	if (open && r->act == ACT_KEEP) {
		for (size_t k = e->first; k < e->end; k++)
			if (d->b[k].kept_by < 0)
				d->b[k].kept_by = (int)ri;
			else if (d->ex) /* another keep rule had it first */
				cln_explain_note(d, k, (int)ri);
	} else if (open) {
		int g = cln_new_group(d, (int)i);
		for (size_t k = e->first; k < e->end; k++)
			cln_remove(d, k, (int)ri, g);
	} else if (d->ex) {
		for (size_t k = e->first; k < e->end; k++)
			cln_explain_note(d, k, (int)ri);
	}
	return true;
}

/* drop {selector} and keep {selector}: every block inside a matching
   element, one removal per element. Once an element is done, its subtree
   is too (its blocks are all taken; not a descendant whose blocks reach
   past them: after_taken), so each block is visited once. Only
   the index's candidates are tested (selindex.c); the budget's count of
   elements left untested is what a walk over all of them would give. */
int cln_apply_selector(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	const uint32_t *cand;
	size_t ncand;
	bool all;
	if (!d->html)
		return 0;
	if (cln_selindex_get(d, ri, &cand, &ncand, &all) < 0)
		return CLN_ENOMEM;
	sel_ctx cx = { .d = d, .ri = ri };
	size_t *chars = calloc(d->n + 1, sizeof *chars);
	product_share ps = { -1, NULL };
	if (!chars || (r->p[P_MAX_SHARE] && cln_product_share_new(d, &ps) < 0)) {
		free(chars);
		return CLN_ENOMEM;
	}
	for (size_t k = 0; k < d->n; k++)
		chars[k + 1] = chars[k] + (d->b[k].removed_by < 0 ? d->b[k].chars : 0);
	/* next: the element a walk over all of them would test next */
	for (size_t next = 0, k = 0; next < d->nel && !cx.failed; k++) {
		if (cln_rule_spent(d, ri, d->nel - next))
			break;
		while (!all && k < ncand && cand[k] < next)
			k++;
		if (!all && k == ncand)
			break;
		size_t i = all ? next : cand[k];
		next = i + 1;
		if (d->el[i].first < d->el[i].end && cln_selector_match(&cx, r->sel, (int)i) &&
		    take(d, ri, i, chars, &ps))
			next = after_taken(d, i);
	}
	bool failed = cx.failed;
	cln_sel_ctx_free(&cx);
	free(chars);
	free(ps.prose);
	return failed ? CLN_ENOMEM : 0;
}

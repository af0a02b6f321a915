/*
 * markdown.c - the kept blocks as CommonMark (with GFM tables), made from
 * the document while its elements are still there: headings with their
 * level, lists nested and numbered as on the page, block quotes, tables as
 * pipe tables, <pre> as fenced code with the language the page names, and
 * emphasis, code, links and images from the inline marks the blocks stage
 * recorded (doc.inl). Plain text is escaped so that it renders as the page
 * read. Removed blocks never appear.
 */
#define _GNU_SOURCE /* memmem */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#define MAX_CHAIN 64 /* list items and quotes around a block we follow */

/* Where a unit (a block, or a whole table) sits: the list items and block
   quotes around it, outermost first. */
typedef struct chain {
	int v[MAX_CHAIN];
	size_t n;
} chain;

typedef struct md {
	const doc *d;
	buf *out;
	const char *base;   /* what links resolve against, or NULL */
	unsigned flags;     /* CLN_MARKDOWN_* */
	uint32_t *num;      /* per element: a list item's number, a list's count,
	                       a table's data columns + 1 once known */
	chain prev;         /* around the unit before */
	size_t prev_block;  /* its last block, (size_t)-1 before the first */
	int pre;            /* the <pre> whose fence is open, or -1 */
	size_t fence;       /* its backticks */
	uint8_t *state;     /* per inline mark of a block (inline_state) */
	size_t cap_state;
	int rc;
} md;

static bool tag_is(const doc *d, int e, const char *t)
{
	return e >= 0 && strcmp(cln_elem_tag(&d->el[e]), t) == 0;
}

static bool is_item(const doc *d, int e)
{
	return tag_is(d, e, "li") || tag_is(d, e, "dt") || tag_is(d, e, "dd");
}

/* The nearest ancestor-or-self of e named t, -1 if none. */
static int up_to(const doc *d, int e, const char *t)
{
	while (e >= 0 && !tag_is(d, e, t))
		e = d->el[e].parent;
	return e;
}

/* The <pre> around element e, or GitHub's table of code lines, which
   reads as one (cln_code_table_class); -1 if none. */
static int pre_of(const doc *d, int e)
{
	int p = up_to(d, e, "pre"), t = p < 0 ? up_to(d, e, "table") : -1;
	const char *cls = t >= 0 ? cln_elem_attr(&d->el[t], "class") : NULL;
	return p >= 0 ? p : cls && cln_code_table_class(cls) ? t : -1;
}

/* Number the list items: an <ol> counts from its start attribute. */
static int number_items(md *m)
{
	const doc *d = m->d;
	m->num = calloc(d->nel ? d->nel : 1, sizeof *m->num);
	if (!m->num)
		return CLN_ENOMEM;
	for (size_t e = 0; e < d->nel; e++) {
		int p = d->el[e].parent;
		if (tag_is(d, (int)e, "ol")) {
			const char *s = cln_elem_attr(&d->el[e], "start");
			long v = s ? strtol(s, NULL, 10) : 1;
			m->num[e] = v >= 0 && v < 1000000000 ? (uint32_t)v - 1 : 0;
		} else if (is_item(d, (int)e) && p >= 0)
			m->num[e] = ++m->num[p];
	}
	return 0;
}

static void chain_of(const doc *d, int e, chain *c)
{
	int v[MAX_CHAIN];
	size_t n = 0;
	for (; e >= 0; e = d->el[e].parent)
		if ((is_item(d, e) || tag_is(d, e, "blockquote")) && n < MAX_CHAIN)
			v[n++] = e;
	for (c->n = 0; n > 0;)
		c->v[c->n++] = v[--n];
}

static bool in_chain(const chain *c, int e)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->v[i] == e)
			return true;
	return false;
}

/* "- ", "3. " or "> " for container e. */
static void marker(const md *m, int e, char *out, size_t size)
{
	const doc *d = m->d;
	int list = d->el[e].parent;
	if (tag_is(d, e, "blockquote"))
		snprintf(out, size, "> ");
	else if (tag_is(d, list, "ol"))
		snprintf(out, size, "%u. ", m->num[e]);
	else
		snprintf(out, size, "- ");
}

/* What goes before a line of a unit in chain c: the markers of list items
   it starts (first line only), else their indent, and "> " per quote. */
static void put_prefix(md *m, const chain *c, bool first)
{
	for (size_t i = 0; i < c->n; i++) {
		char mk[16];
		marker(m, c->v[i], mk, sizeof mk);
		bool quote = mk[0] == '>';
		if (quote || (first && !in_chain(&m->prev, c->v[i])))
			m->rc |= buf_adds(m->out, mk);
		else
			m->rc |= buf_printf(m->out, "%*s", (int)strlen(mk), "");
	}
}

/* A blank line inside the containers both units share: "", or their
   indent and quote marks (a quote goes on through it). */
static void put_blank(md *m, const chain *c)
{
	chain shared = { .n = 0 };
	while (shared.n < c->n && in_chain(&m->prev, c->v[shared.n])) {
		shared.v[shared.n] = c->v[shared.n];
		shared.n++;
	}
	size_t at = m->out->len;
	put_prefix(m, &shared, false);
	while (m->out->len > at && m->out->data[m->out->len - 1] == ' ')
		m->out->len--;
	m->rc |= buf_addc(m->out, '\n');
}

/* Does the unit in c (starting at block i) follow the one before without a
   blank line: the next line of a paragraph (after a <br>), or the next
   item of the list the one before is in? */
static bool tight(const md *m, const chain *c, size_t i, bool line)
{
	const doc *d = m->d;
	if (m->prev_block == (size_t)-1)
		return false;
	if (line && (d->b[i].flags & BF_BR) && m->prev_block + 1 == i)
		return true;
	for (size_t k = 0; k < c->n; k++) {
		if (in_chain(&m->prev, c->v[k]))
			continue;
		int list = d->el[c->v[k]].parent, outer = k ? c->v[k - 1] : -1;
		bool holds = false; /* the unit before is in an item of the same list */
		for (size_t p = 0; p < m->prev.n; p++)
			holds |= is_item(d, m->prev.v[p]) && d->el[m->prev.v[p]].parent == list;
		/* a list inside an item, right after its text, interrupts that
		   paragraph: CommonMark lets only a bullet or "1." do so */
		bool nested = outer >= 0 && is_item(d, outer) && in_chain(&m->prev, outer) &&
		              (!tag_is(d, list, "ol") || m->num[c->v[k]] == 1);
		return is_item(d, c->v[k]) && (holds || nested);
	}
	return false;
}

static void close_fence(md *m)
{
	if (m->pre < 0)
		return;
	m->rc |= buf_addc(m->out, '\n');
	put_prefix(m, &m->prev, false);
	for (size_t k = 0; k < m->fence; k++)
		m->rc |= buf_addc(m->out, '`');
	m->pre = -1;
}

/* Between the unit before and one in chain c that starts at block i; then
   the prefix of its first line. line: the unit is a paragraph's line,
   which after a <br> ends the one before with a hard break. */
static void separate(md *m, const chain *c, size_t i, bool line)
{
	if (m->prev_block != (size_t)-1) {
		bool t = tight(m, c, i, line), br = t && line && (m->d->b[i].flags & BF_BR) &&
		         m->prev_block + 1 == i;
		m->rc |= buf_adds(m->out, br ? "  \n" : "\n");
		if (!t)
			put_blank(m, c);
	}
	put_prefix(m, c, true);
}

/* ---- inline text ------------------------------------------------------ */

enum { CTX_BOL = 1, CTX_HEADING = 2, CTX_TABLE = 4 };

/* Write s[0, n) as plain text: what CommonMark would read as markup gets a
   backslash. ctx: CTX_*; CTX_BOL when s starts a line. */
static void put_plain(md *m, const char *s, size_t n, unsigned ctx, const chain *c)
{
	buf *o = m->out;
	bool bol = ctx & CTX_BOL;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '\n' || ch == '\r') {
			if (ctx & (CTX_TABLE | CTX_HEADING))
				m->rc |= buf_addc(o, ' ');
			else {
				m->rc |= buf_adds(o, "  \n");
				put_prefix(m, c, false);
				bol = true;
			}
			continue;
		}
		if (bol) { /* a list marker, heading, quote, fence or rule */
			size_t dg = 0;
			while (i + dg < n && dg < 10 && s[i + dg] >= '0' && s[i + dg] <= '9')
				dg++;
			if (dg && dg < 10 && i + dg < n && (s[i + dg] == '.' || s[i + dg] == ')') &&
			    (i + dg + 1 == n || s[i + dg + 1] == ' ')) {
				m->rc |= buf_add(o, s + i, dg) | buf_addc(o, '\\');
				i += dg;
				ch = s[i];
			} else if (strchr("#>-+=~", ch))
				m->rc |= buf_addc(o, '\\');
			bol = false;
		}
		bool amp = ch == '&' && i + 1 < n &&
		           (s[i + 1] == '#' || ((s[i + 1] | 32) >= 'a' && (s[i + 1] | 32) <= 'z'));
		if (strchr("\\`*_[]<", ch) || amp || (ch == '|' && (ctx & CTX_TABLE)) ||
		    (ch == '#' && (ctx & CTX_HEADING)))
			m->rc |= buf_addc(o, '\\');
		m->rc |= buf_addc(o, ch);
	}
}

/* A code span of s[0, n): a backtick run longer than any inside it. */
static void put_code(md *m, const char *s, size_t n, unsigned ctx)
{
	size_t run = 0, most = 0;
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		most = run > most ? run : most;
	}
	bool pad = n && (s[0] == '`' || s[n - 1] == '`' || (s[0] == ' ' && s[n - 1] == ' '));
	for (size_t k = 0; k <= most; k++)
		m->rc |= buf_addc(m->out, '`');
	m->rc |= pad ? buf_addc(m->out, ' ') : 0;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i] == '\n' || s[i] == '\r' ? ' ' : s[i];
		m->rc |= ch == '|' && (ctx & CTX_TABLE) ? buf_addc(m->out, '\\') : 0;
		m->rc |= buf_addc(m->out, ch);
	}
	m->rc |= pad ? buf_addc(m->out, ' ') : 0;
	for (size_t k = 0; k <= most; k++)
		m->rc |= buf_addc(m->out, '`');
}

/* The URL in attribute `name` of element e, trimmed, into *u and *n:
   false when it has none worth a link. */
static bool target(const md *m, int e, const char *name, const char **u, size_t *n)
{
	const elem *x = &m->d->el[e];
	const char *s = cln_elem_attr(x, name);
	if (!strcmp(name, "src") && (!s || !strncmp(s, "data:", 5)))
		s = cln_elem_attr(x, "data-src");
	while (s && (*s == ' ' || *s == '\t' || *s == '\n'))
		s++;
	size_t l = s ? strlen(s) : 0;
	while (l && (s[l - 1] == ' ' || s[l - 1] == '\t' || s[l - 1] == '\n'))
		l--;
	*u = s;
	*n = l;
	return l && strncmp(s, "javascript:", 11) && strncmp(s, "data:", 5) && s[0] != '#';
}

/* "(url)": the target resolved, its spaces and brackets escaped; a link
   Cloudflare's email protection made of a mailto: link, the mailto: link
   the browser's script writes back. */
enum { MAILTO_MAX = 264 };
static void put_target(md *m, const char *u, size_t n)
{
	buf abs = BUF_INIT;
	char mail[MAILTO_MAX] = "mailto:";
	const char *cf = memmem(u, n, CLN_CF_LINK, strlen(CLN_CF_LINK));
	size_t at = cf ? (size_t)(cf - u) + strlen(CLN_CF_LINK) : 0;
	if (cf && cln_cf_decode(u + at, n - at, mail + 7, sizeof mail - 7)) {
		u = mail;
		n = strlen(mail);
	}
	m->rc |= cln_url_resolve(&abs, m->base, u, n);
	m->rc |= buf_addc(m->out, '(');
	for (size_t i = 0; i < abs.len; i++) {
		char ch = abs.data[i];
		if (ch == ' ' || ch == '\n' || ch == '\t')
			m->rc |= buf_adds(m->out, "%20");
		else
			m->rc |= (strchr("()<>\\", ch) ? buf_addc(m->out, '\\') : 0) | buf_addc(m->out, ch);
	}
	m->rc |= buf_addc(m->out, ')');
	buf_free(&abs);
}

/* ---- inline marks ----------------------------------------------------- */

enum { K_NONE, K_EM, K_STRONG, K_CODE, K_LINK, K_IMAGE };
enum { ST_SHUT, ST_OPEN, ST_SKIPPED }; /* an inline mark's state (md.state) */

static int inline_kind(const char *t)
{
	static const struct { const char *tag; int kind; } k[] = {
		{ "em", K_EM }, { "i", K_EM }, { "strong", K_STRONG }, { "b", K_STRONG },
		{ "code", K_CODE }, { "kbd", K_CODE }, { "samp", K_CODE }, { "tt", K_CODE },
		{ "a", K_LINK }, { "img", K_IMAGE },
	};
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++)
		if (!strcmp(t, k[i].tag))
			return k[i].kind;
	return K_NONE;
}

bool cln_md_inline(const char *tag, unsigned flags)
{
	int k = inline_kind(tag);
	return k == K_LINK ? flags & CLN_MARKDOWN_LINKS : k == K_IMAGE ? flags & CLN_MARKDOWN_IMAGES
	                                                                : k != K_NONE;
}

/* One end of an inline mark in a block's text. */
typedef struct event {
	uint32_t pos, other; /* where it is, and where its other end is */
	uint32_t rec;        /* the mark: its index among the block's */
	bool open;
} event;

static int by_pos(const void *a, const void *b)
{
	const event *x = a, *y = b;
	if (x->pos != y->pos)
		return x->pos < y->pos ? -1 : 1;
	if (x->open != y->open)
		return x->open ? 1 : -1; /* what ends here closes before what starts */
	if (x->other != y->other) /* the outer one opens first and closes last */
		return x->other > y->other ? -1 : 1;
	/* the same span: the inner one was recorded first */
	return x->open ? (x->rec > y->rec ? -1 : 1) : (x->rec < y->rec ? -1 : 1);
}

/* The marks of block i: [*lo, *hi) of doc.inl, those alone before it
   first. */
static void marks_of(const doc *d, size_t i, size_t *lo, size_t *hi)
{
	size_t a = 0, b = d->ninl;
	while (a < b) {
		size_t mid = a + (b - a) / 2;
		if (d->inl[mid].block < i)
			a = mid + 1;
		else
			b = mid;
	}
	*lo = a;
	for (b = a; b < d->ninl && d->inl[b].block == i; b++)
		;
	*hi = b;
}

enum { C_SPACE, C_PUNCT, C_WORD };

/* What CommonMark takes the UTF-8 character of s[0, n) that starts at
   byte i (back: that ends there) for, and its length in *len: Unicode
   white space and punctuation as far as text commonly holds them (no-break
   and thin spaces; quotes, dashes, ellipses, CJK marks). Out of s: space. */
static int char_class(const char *s, size_t n, size_t i, bool back, size_t *len)
{
	if (back)
		for (*len = 1; i >= *len && *len < 4 && ((unsigned char)s[i - *len] & 0xC0) == 0x80;)
			++*len;
	else
		for (*len = 1; i + *len < n && *len < 4 && ((unsigned char)s[i + *len] & 0xC0) == 0x80;)
			++*len;
	if (back ? i < *len : i >= n)
		return C_SPACE;
	const unsigned char *c = (const unsigned char *)s + (back ? i - *len : i);
	if (*len == 1)
		return strchr(" \t\n\r\f", c[0]) ? C_SPACE
		       : (c[0] >= 0x21 && c[0] <= 0x2F) || (c[0] >= 0x3A && c[0] <= 0x40) ||
		         (c[0] >= 0x5B && c[0] <= 0x60) || (c[0] >= 0x7B && c[0] <= 0x7E) ? C_PUNCT
		                                                                             : C_WORD;
	if (*len == 2 && c[0] == 0xC2)
		return c[1] == 0xA0 ? C_SPACE : strchr("\xA1\xA7\xAB\xB6\xB7\xBB\xBF", c[1]) ? C_PUNCT : C_WORD;
	if (*len == 3 && c[0] == 0xE2 && c[1] == 0x80)
		return c[2] <= 0x8A || c[2] == 0xA8 || c[2] == 0xA9 || c[2] == 0xAF ? C_SPACE
		       : c[2] >= 0x90 ? C_PUNCT : C_WORD;
	if (*len == 3 && c[0] == 0xE2 && c[1] == 0x81)
		return c[2] == 0x9F ? C_SPACE : c[2] <= 0x9E ? C_PUNCT : C_WORD;
	if (*len == 3 && c[0] == 0xE3 && c[1] == 0x80)
		return c[2] == 0x80 ? C_SPACE : c[2] <= 0x91 ? C_PUNCT : C_WORD;
	return C_WORD;
}

/* Emphasis r over [*from, *to) of s[0, n) without the white space at its
   ends; false when "*" there could not open and close it (punctuation
   inside next to a letter outside, as in "it<b>.</b>Next"). A link or
   code starting or ending with it puts punctuation inside. */
static bool flanks(const doc *d, size_t lo, size_t hi, size_t r, const char *s, size_t n,
                   uint32_t *from, uint32_t *to)
{
	size_t l;
	while (*from < *to && char_class(s, n, *from, false, &l) == C_SPACE)
		*from += (uint32_t)l;
	while (*to > *from && char_class(s, n, *to, true, &l) == C_SPACE)
		*to -= (uint32_t)l;
	if (*from >= *to)
		return false;
	int in_open = char_class(s, n, *from, false, &l), out_open = char_class(s, n, *from, true, &l);
	int in_close = char_class(s, n, *to, true, &l), out_close = char_class(s, n, *to, false, &l);
	for (size_t k = lo; k < hi; k++) {
		const md_inline *x = &d->inl[k];
		int kind = inline_kind(cln_elem_tag(&d->el[x->elem]));
		if (k == r || (kind != K_LINK && kind != K_CODE) || x->from < *from || x->to > *to)
			continue;
		in_open = x->from == *from ? C_PUNCT : in_open;
		in_close = x->to == *to ? C_PUNCT : in_close;
	}
	return (in_open != C_PUNCT || out_open != C_WORD) && (in_close != C_PUNCT || out_close != C_WORD);
}

/* Code r, and the code right after it: "`a``b`" would read as neither,
   so they make one span (its end in *to). false: r is part of one before. */
static bool code_run(md *m, size_t lo, size_t hi, size_t r, uint32_t *to)
{
	const doc *d = m->d;
	if (m->state[r - lo] == ST_SKIPPED)
		return false;
	for (size_t k = lo; k < hi; k++) {
		const md_inline *x = &d->inl[k];
		if (k != r && x->from == *to && x->to > *to && x->from != INL_ALONE &&
		    inline_kind(cln_elem_tag(&d->el[x->elem])) == K_CODE) {
			*to = x->to;
			m->state[k - lo] = ST_SKIPPED;
			k = lo - 1; /* and the code after that */
		}
	}
	return true;
}

/* The ends of block i's marks (text[0, n)) worth writing, sorted: empty
   emphasis, code and links, and links without a target, are left out;
   emphasis loses the spaces at its ends. */
static size_t events_of(md *m, size_t i, size_t lo, size_t hi, event *ev)
{
	const doc *d = m->d;
	const char *s = d->b[i].text;
	uint32_t n = d->b[i].len;
	size_t k = 0;
	for (size_t r = lo; r < hi; r++) {
		const md_inline *x = &d->inl[r];
		int kind = inline_kind(cln_elem_tag(&d->el[x->elem]));
		uint32_t to = x->to < n ? x->to : n, from = x->from < to ? x->from : to;
		const char *u;
		size_t ul;
		if (x->from == INL_ALONE)
			continue;
		if ((kind == K_EM || kind == K_STRONG) && !flanks(d, lo, hi, r, s, n, &from, &to))
			continue;
		if (kind == K_CODE && !code_run(m, lo, hi, r, &to))
			continue;
		if (kind == K_IMAGE ? !target(m, x->elem, "src", &u, &ul)
		                    : from == to || (kind == K_LINK && !target(m, x->elem, "href", &u, &ul)))
			continue;
		ev[k++] = (event){ from, to, (uint32_t)(r - lo), true };
		if (kind != K_IMAGE)
			ev[k++] = (event){ to, from, (uint32_t)(r - lo), false };
	}
	qsort(ev, k, sizeof *ev, by_pos);
	return k;
}

/* An image: ![alt](src); none for alt="" (the page says it is decoration). */
static void put_image(md *m, int e)
{
	const char *alt = cln_elem_attr(&m->d->el[e], "alt"), *u;
	size_t n;
	if ((alt && !*alt) || !target(m, e, "src", &u, &n))
		return;
	m->rc |= buf_adds(m->out, "![");
	put_plain(m, alt ? alt : "", alt ? strlen(alt) : 0, CTX_TABLE, NULL);
	m->rc |= buf_addc(m->out, ']');
	put_target(m, u, n);
}


/* Open (or close) the mark of event v; code writes its whole span. */
static void put_mark(md *m, const event *v, const md_inline *x, unsigned ctx, int *depth,
                     int *code)
{
	const doc *d = m->d;
	int kind = inline_kind(cln_elem_tag(&d->el[x->elem]));
	uint8_t *st = &m->state[v->rec];
	if (!v->open) {
		if (*st == ST_OPEN && kind == K_LINK) {
			const char *u;
			size_t n;
			target(m, x->elem, "href", &u, &n);
			m->rc |= buf_addc(m->out, ']');
			put_target(m, u, n);
		} else if (*st == ST_OPEN && kind != K_CODE)
			m->rc |= buf_adds(m->out, kind == K_EM ? "*" : "**");
		if (*st == ST_OPEN)
			depth[kind]--;
		*code = kind == K_CODE && *st == ST_OPEN ? -1 : *code;
		return;
	}
	/* nothing inside code, and no emphasis inside the same emphasis */
	*st = *code >= 0 || ((kind == K_EM || kind == K_STRONG) && depth[kind]) ? ST_SKIPPED
	                                                                        : ST_OPEN;
	if (*st == ST_SKIPPED || kind == K_IMAGE) {
		if (*st == ST_OPEN)
			put_image(m, x->elem);
		return;
	}
	depth[kind]++;
	if (kind == K_CODE) {
		*code = (int)v->rec;
		put_code(m, d->b[x->block].text + v->pos, v->other - v->pos, ctx);
	} else
		m->rc |= buf_adds(m->out, kind == K_EM ? "*" : kind == K_STRONG ? "**" : "[");
}

/* Does emphasis ev[j] end where the same emphasis starts again, with
   nothing written between? Then the two are one (the second takes it
   over): the events to pass over, else 0. */
static size_t joins(md *m, const event *ev, size_t j, size_t k, size_t lo)
{
	const doc *d = m->d;
	if (ev[j].open || m->state[ev[j].rec] != ST_OPEN)
		return 0;
	size_t n = j + 1; /* closes of marks left out write nothing */
	while (n < k && !ev[n].open && ev[n].pos == ev[j].pos && m->state[ev[n].rec] == ST_SKIPPED)
		n++;
	if (n >= k || !ev[n].open || ev[n].pos != ev[j].pos)
		return 0;
	int a = inline_kind(cln_elem_tag(&d->el[d->inl[lo + ev[j].rec].elem]));
	int b = inline_kind(cln_elem_tag(&d->el[d->inl[lo + ev[n].rec].elem]));
	if (a != b || (a != K_EM && a != K_STRONG))
		return 0;
	m->state[ev[j].rec] = ST_SHUT;
	m->state[ev[n].rec] = ST_OPEN;
	return n - j;
}

/* Block i's text with its inline marks (none in a block a replace rule
   rewrote: their offsets are the old text's). */
static void put_inline(md *m, size_t i, unsigned ctx, const chain *c)
{
	const doc *d = m->d;
	const block *b = &d->b[i];
	size_t lo = 0, hi = 0;
	if (d->ninl && !(d->block_edit && d->block_edit[i] != (size_t)-1))
		marks_of(d, i, &lo, &hi);
	event *ev = hi > lo ? malloc(2 * (hi - lo) * sizeof *ev) : NULL;
	if (hi > lo && hi - lo > m->cap_state) {
		uint8_t *p = realloc(m->state, hi - lo);
		m->state = p ? p : m->state;
		m->cap_state = p ? hi - lo : m->cap_state;
	}
	if (hi > lo && (!ev || hi - lo > m->cap_state)) {
		free(ev);
		m->rc = -1;
		return;
	}
	if (hi > lo)
		memset(m->state, ST_SHUT, hi - lo);
	size_t k = hi > lo ? events_of(m, i, lo, hi, ev) : 0, at = 0;
	int depth[K_IMAGE + 1] = { 0 }, code = -1;
	for (size_t j = 0; j < k; j++) {
		if (code < 0 && ev[j].pos > at) {
			put_plain(m, b->text + at, ev[j].pos - at, at ? ctx & ~CTX_BOL : ctx, c);
			at = ev[j].pos;
		}
		size_t skip = joins(m, ev, j, k, lo);
		if (skip) {
			j += skip; /* "*a**b*" would read as neither: write "*ab*" */
			continue;
		}
		put_mark(m, &ev[j], &d->inl[lo + ev[j].rec], ctx, depth, &code);
		if (ev[j].open && code == (int)ev[j].rec)
			at = ev[j].other; /* the code span is written whole */
		ctx &= ~(unsigned)CTX_BOL; /* a mark starts the line: nothing to escape */
	}
	if (b->len > at)
		put_plain(m, b->text + at, b->len - at, at ? ctx & ~CTX_BOL : ctx, c);
	free(ev);
}

/* ---- code blocks ------------------------------------------------------ */

/* The language a class ("language-c", "lang-c", "highlight-c", MDN's and
   SyntaxHighlighter's "brush: js") or a data-lang attribute of element e
   names, into out. */
static bool language_of(const elem *e, char *out, size_t size)
{
	static const char *const pre[] = { "language-", "lang-", "highlight-source-", "highlight-",
		                           "brush:" };
	const char *v = cln_elem_attr(e, "data-lang");
	v = v ? v : cln_elem_attr(e, "data-language");
	const char *cls = elem_class(e);
	for (const char *p = cls; !v && p && *p;) {
		p += strspn(p, " \t\n\r\f");
		for (size_t k = 0; !v && k < sizeof pre / sizeof pre[0]; k++)
			if (!strncmp(p, pre[k], strlen(pre[k])))
				v = p + strlen(pre[k]);
		p += strcspn(p, " \t\n\r\f");
	}
	v = v ? v + strspn(v, " \t") : NULL; /* "brush: js" */
	size_t n = v ? strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+#-_.")
	             : 0;
	if (!n || n >= size || (n == 7 && !strncmp(v, "default", 7)) || (n == 4 && !strncmp(v, "none", 4)))
		return false;
	memcpy(out, v, n);
	out[n] = '\0';
	return true;
}

/* The <code> child of <pre> p, or its first child when none is among the
   first CODE_SCAN elements inside it (mdBook puts its copy and run
   buttons in a <div> before the <code>); -1 when it has no child. */
enum { CODE_SCAN = 32 };
static int code_child(const doc *d, int p)
{
	int first = (size_t)p + 1 < d->nel && d->el[p + 1].parent == p ? p + 1 : -1;
	for (size_t j = (size_t)p + 1, k = 0; j < d->nel && k < CODE_SCAN &&
	     d->el[j].depth > d->el[p].depth; j++, k++)
		if (d->el[j].parent == p && tag_is(d, (int)j, "code"))
			return (int)j;
	return first;
}

/* Open the fence of <pre> p: longer than any backtick run in its kept
   text, and the language its element, its <code>, or a wrapper names. */
static void open_fence(md *m, int p)
{
	const doc *d = m->d;
	size_t most = 0;
	for (uint32_t i = d->el[p].first; i < d->el[p].end; i++)
		for (size_t k = 0, run = 0; d->b[i].removed_by < 0 && k < d->b[i].len; k++) {
			run = d->b[i].text[k] == '`' ? run + 1 : 0;
			most = run > most ? run : most;
		}
	m->fence = most >= 3 ? most + 1 : 3;
	for (size_t k = 0; k < m->fence; k++)
		m->rc |= buf_addc(m->out, '`');
	char lang[64];
	int code = code_child(d, p);
	bool found = code >= 0 && language_of(&d->el[code], lang, sizeof lang);
	for (int e = p, up = 0; !found && e >= 0 && up < 4; e = d->el[e].parent, up++)
		found = language_of(&d->el[e], lang, sizeof lang);
	m->rc |= found ? buf_adds(m->out, lang) : 0;
	m->pre = p;
}

/* Code as it is; each line after the first gets the containers' indent. */
static void put_raw(md *m, const char *s, size_t n, const chain *c)
{
	for (size_t i = 0; i < n; i++) {
		m->rc |= buf_addc(m->out, s[i]);
		if (s[i] == '\n')
			put_prefix(m, c, false);
	}
}

static void put_pre(md *m, size_t i, int p, const chain *c)
{
	if (m->pre == p) { /* the next line of the same <pre> */
		m->rc |= buf_addc(m->out, '\n');
		put_prefix(m, c, false);
	} else {
		close_fence(m);
		separate(m, c, i, false);
		open_fence(m, p);
		m->rc |= buf_addc(m->out, '\n');
		put_prefix(m, c, false);
	}
	put_raw(m, m->d->b[i].text, m->d->b[i].len, c);
}

/* ---- tables ----------------------------------------------------------- */

/* The element after e's subtree (elements come in document order). */
static size_t subtree_end(const doc *d, size_t e)
{
	size_t k = e + 1;
	while (k < d->nel && d->el[k].depth > d->el[e].depth)
		k++;
	return k;
}

/* The table element e (a row, caption) belongs to. */
static int table_of(const doc *d, int e)
{
	return up_to(d, d->el[e].parent, "table");
}

static unsigned span_attr(const elem *e, const char *name)
{
	const char *s = cln_elem_attr(e, name);
	long v = s ? strtol(s, NULL, 10) : 1;
	return v < 1 ? 1 : v > 100 ? 100 : (unsigned)v;
}

static bool has_kept(const doc *d, uint32_t first, uint32_t end)
{
	for (uint32_t i = first; i < end; i++)
		if (d->b[i].removed_by < 0)
			return true;
	return false;
}

/* The columns of table t (colspans counted, rowspans not), or 0 when it
   lays a page out rather than holds data: one column, or headings, code
   or long text in its cells. */
static size_t data_columns(const doc *d, int t)
{
	size_t most = 0, end = subtree_end(d, (size_t)t);
	for (uint32_t i = d->el[t].first; i < d->el[t].end; i++)
		if (d->b[i].removed_by < 0 && (d->b[i].flags & (BF_HEADING | BF_PRE)))
			return 0;
	for (size_t r = (size_t)t + 1; r < end; r++) {
		if (!tag_is(d, (int)r, "tr") || table_of(d, (int)r) != t)
			continue;
		size_t cols = 0, rend = subtree_end(d, r);
		for (size_t c = r + 1; c < rend; c++) {
			if (d->el[c].parent != (int)r || !(tag_is(d, (int)c, "td") || tag_is(d, (int)c, "th")))
				continue;
			size_t chars = 0;
			for (uint32_t i = d->el[c].first; i < d->el[c].end; i++)
				chars += d->b[i].removed_by < 0 ? d->b[i].chars : 0;
			if (chars > 1000)
				return 0;
			cols += span_attr(&d->el[c], "colspan");
		}
		most = cols > most ? cols : most;
	}
	return most >= 2 ? most : 0;
}

/* The outermost table around block b that holds data (its cells are
   written as pipe-table cells, tables inside them flattened), or -1. */
static int data_table(md *m, const block *b, size_t *cols)
{
	int found = -1;
	for (int e = up_to(m->d, b->elem, "table"); e >= 0; e = table_of(m->d, e)) {
		if (!m->num[e])
			m->num[e] = (uint32_t)data_columns(m->d, e) + 1;
		size_t n = m->num[e] - 1;
		if (n) {
			found = e;
			*cols = n;
		}
	}
	return found;
}

/* A cell: its kept blocks on one line. */
static void put_cell(md *m, int c)
{
	const doc *d = m->d;
	bool any = false;
	m->rc |= buf_addc(m->out, ' ');
	for (uint32_t i = c >= 0 ? d->el[c].first : 0; c >= 0 && i < d->el[c].end; i++)
		if (d->b[i].removed_by < 0) {
			m->rc |= any ? buf_addc(m->out, ' ') : 0;
			put_inline(m, i, CTX_TABLE, NULL);
			any = true;
		}
	m->rc |= buf_adds(m->out, " |");
}

/* Row r's cells, in `cols` columns: a cell spanning columns is followed
   by empty ones, one spanning rows leaves its column empty below it
   (carry: rows still covered, per column). */
static void put_row(md *m, size_t r, size_t cols, uint32_t *carry)
{
	const doc *d = m->d;
	size_t c = r + 1, rend = subtree_end(d, r);
	m->rc |= buf_addc(m->out, '|');
	for (size_t col = 0; col < cols;) {
		if (carry[col]) {
			carry[col]--;
			put_cell(m, -1);
			col++;
			continue;
		}
		while (c < rend && (d->el[c].parent != (int)r ||
		                    !(tag_is(d, (int)c, "td") || tag_is(d, (int)c, "th"))))
			c++;
		put_cell(m, c < rend ? (int)c : -1);
		unsigned span = c < rend ? span_attr(&d->el[c], "colspan") : 1;
		unsigned down = c < rend ? span_attr(&d->el[c], "rowspan") - 1 : 0;
		for (unsigned k = 0; k < span && col < cols; k++, col++) {
			carry[col] = down;
			if (k)
				put_cell(m, -1);
		}
		c += c < rend;
	}
}

/* Table t as a pipe table: its caption first, then its rows, the first
   one as the header. */
static void put_table(md *m, int t, size_t cols, const chain *c)
{
	const doc *d = m->d;
	uint32_t *carry = calloc(cols, sizeof *carry);
	if (!carry) {
		m->rc = -1;
		return;
	}
	size_t end = subtree_end(d, (size_t)t), rows = 0;
	for (size_t e = (size_t)t + 1; e < end; e++)
		if (tag_is(d, (int)e, "caption") && d->el[e].parent == t &&
		    has_kept(d, d->el[e].first, d->el[e].end)) {
			for (uint32_t i = d->el[e].first; i < d->el[e].end; i++)
				if (d->b[i].removed_by < 0)
					put_inline(m, i, CTX_TABLE, NULL);
			m->rc |= buf_addc(m->out, '\n');
			put_blank(m, c);
			put_prefix(m, c, false);
		} /* m->prev is c: the blank line keeps its containers */
	for (size_t r = (size_t)t + 1; r < end; r++) {
		if (!tag_is(d, (int)r, "tr") || table_of(d, (int)r) != t ||
		    !has_kept(d, d->el[r].first, d->el[r].end))
			continue;
		if (rows++) {
			m->rc |= buf_addc(m->out, '\n');
			put_prefix(m, c, false);
		}
		put_row(m, r, cols, carry);
		if (rows == 1) {
			m->rc |= buf_addc(m->out, '\n');
			put_prefix(m, c, false);
			m->rc |= buf_addc(m->out, '|');
			for (size_t k = 0; k < cols; k++)
				m->rc |= buf_adds(m->out, " --- |");
		}
	}
	free(carry);
}

/* ---- the document ----------------------------------------------------- */

static int heading_level(const doc *d, const block *b)
{
	for (int e = b->elem; e >= 0; e = d->el[e].parent) {
		const char *t = cln_elem_tag(&d->el[e]);
		if (t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2])
			return t[1] - '0';
	}
	return 0;
}

/* Images alone between blocks (in no text of their own) that stand
   before block i: written when the blocks on both sides are kept, so
   that a removed part's pictures go with it. */
static void put_alone(md *m, size_t i, size_t lo, size_t hi)
{
	const doc *d = m->d;
	if (i > 0 && d->b[i - 1].removed_by >= 0)
		return;
	for (size_t r = lo; r < hi && d->inl[r].from == INL_ALONE; r++) {
		const char *u;
		size_t n;
		const char *alt = cln_elem_attr(&d->el[d->inl[r].elem], "alt");
		if ((alt && !*alt) || !target(m, d->inl[r].elem, "src", &u, &n))
			continue;
		chain c;
		chain_of(d, d->inl[r].elem, &c);
		close_fence(m);
		separate(m, &c, i, false);
		m->prev = c;
		put_image(m, d->inl[r].elem);
		m->prev_block = i ? i - 1 : 0; /* the block after it is no <br> line */
	}
}

/* One kept block that is not in a data table. */
static void put_block(md *m, size_t i)
{
	const doc *d = m->d;
	const block *b = &d->b[i];
	chain c;
	chain_of(d, b->elem, &c);
	int p = b->flags & BF_PRE ? pre_of(d, b->elem) : -1;
	if (p >= 0) {
		put_pre(m, i, p, &c);
		m->prev = c;
		return;
	}
	int h = heading_level(d, b);
	if (h && (b->flags & BF_BR) && m->prev_block + 1 == i && m->pre < 0 &&
	    heading_level(d, &d->b[i - 1]) == h) { /* a heading is one line */
		m->rc |= buf_addc(m->out, ' ');
		put_inline(m, i, CTX_HEADING, &c);
		return;
	}
	close_fence(m);
	separate(m, &c, i, !h);
	m->prev = c;
	for (int k = 0; k < h; k++)
		m->rc |= buf_addc(m->out, '#');
	m->rc |= h ? buf_addc(m->out, ' ') : 0;
	put_inline(m, i, h ? CTX_HEADING : CTX_BOL, &c);
}

/* The page's title as a level-one heading, as the text output puts it
   first: unless the kept text starts with it (main-content drops a heading
   that repeats it, so mostly it does not). */
static void put_title(md *m)
{
	const doc *d = m->d;
	const char *t = d->meta[META_TITLE], *first = d->added_text;
	size_t tl = t ? strlen(t) : 0, fl = first ? strlen(first) : 0;
	if (!tl)
		return;
	for (size_t i = 0; i < d->n; i++)
		if (d->b[i].removed_by < 0) {
			first = d->b[i].text;
			fl = d->b[i].len;
			break;
		}
	if (first && fl >= tl && memcmp(first, t, tl) == 0)
		return;
	chain none = { .n = 0 };
	m->rc |= buf_adds(m->out, "# ");
	put_plain(m, t, tl, CTX_HEADING, &none);
	m->rc |= buf_adds(m->out, first ? "\n\n" : "\n");
}

int cln_emit_markdown(const doc *d, const char *base, unsigned flags, buf *out)
{
	md m = { .d = d, .out = out, .base = base, .flags = flags, .prev_block = (size_t)-1,
	         .pre = -1 };
	if (number_items(&m) < 0)
		return CLN_ENOMEM;
	put_title(&m);
	for (size_t i = 0; i < d->n && m.rc == 0; i++) {
		const block *b = &d->b[i];
		size_t lo = 0, hi = 0, cols = 0;
		if (b->removed_by >= 0)
			continue;
		if (d->ninl)
			marks_of(d, i, &lo, &hi);
		put_alone(&m, i, lo, hi);
		int t = b->flags & BF_TABLE ? data_table(&m, b, &cols) : -1;
		if (t < 0) {
			put_block(&m, i);
			m.prev_block = i;
			continue;
		}
		chain c;
		chain_of(d, t, &c);
		close_fence(&m);
		separate(&m, &c, i, false);
		m.prev = c;
		put_table(&m, t, cols, &c);
		i = m.prev_block = d->el[t].end - 1;
	}
	close_fence(&m);
	if (d->added_text) { /* a paragraph the page does not show (mainproduct.c) */
		chain none = { .n = 0 };
		m.rc |= buf_adds(out, m.prev_block != (size_t)-1 ? "\n\n" : "");
		put_plain(&m, d->added_text, strlen(d->added_text), CTX_BOL, &none);
	}
	if (m.prev_block != (size_t)-1 || d->added_text)
		m.rc |= buf_addc(out, '\n');
	free(m.num);
	free(m.state);
	return m.rc || buf_reserve(out, 0) < 0 ? CLN_ENOMEM : 0;
}

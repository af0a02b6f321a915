/*
 * htmlguard.c - keeps Gumbo's work on a page linear. Gumbo 0.10 has no depth
 * limit, and its tree builder walks the stack of open elements for many
 * tokens: a page nested 100,000 deep, or a flood of end tags that close
 * nothing in a deep stack, costs time in the square of its size.
 *
 * A small model of the tokenizer (comments, quoted attributes, raw text,
 * self-closing foreign elements) and of the tree builder's stack (void
 * elements, implied end tags, table sections, end tags that close only
 * what is open and in scope, foreign content) follows the page. Start tags
 * that would nest deeper than the limit, and end tags that would close
 * nothing while the stack is deep, are overwritten in a copy by a bogus
 * comment of the same length ("<!   >"): Gumbo ignores them, and every
 * character of text and every byte offset stays where it was.
 *
 * Where the model cannot be sure what the tree builder does, it assumes the
 * deeper stack, so Gumbo's stack never exceeds the limit.
 *
 * The same model says where a big page can be cut into pieces that Gumbo
 * parses one at a time as fragments (htmlblocks.c), so that its tree never
 * holds more than a piece: before a start tag, once a piece is long enough,
 * where every open element can be a fragment's context (no table cell,
 * form, select, template, foreign, foster-parented or formatting element
 * open, none waiting to be reopened); and where an element open since the
 * piece began closes (a fragment cannot close its context): the formatting
 * elements it leaves waiting to be reopened are listed with the cut.
 */
#define _GNU_SOURCE /* memmem */
#include <gumbo.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

enum { NS_HTML, NS_SVG, NS_MATH };
enum { SC_ALL, SC_LIST, SC_BUTTON, SC_TABLE, SC_KINDS }; /* the spec's scopes */
enum { A_PUSH, A_PASS, A_RAW, A_PLAIN, A_DROP, A_AGAIN };

#define CHAIN 64     /* a lookup gives up after this many elements of the tag */
#define SHALLOW 64   /* below this depth an end tag is cheap even if it closes nothing */
#define FORMATTING 8  /* active formatting elements after the last marker, at most */
#define PIECE_TAG_BYTES 64 /* a piece is long enough at a start tag to every 64 of its bytes */
#define ATTR_CUTS 16  /* attributes left out of one tag, at most */

/* Gumbo 0.10.1 knows elements by GumboTag alone: every element of a name
   it does not know is GUMBO_TAG_UNKNOWN, and </x> closes <y>. */
typedef struct open_el {
	const char *name; /* a foreign element's name as written (length nlen) */
	size_t nlen;
	uint16_t tag;     /* GumboTag */
	uint8_t ns;
	bool html_point;  /* HTML rules apply to its content */
	bool listed;      /* a formatting element in the active list */
	bool marker;      /* pushed a marker onto the active list */
	bool unsure;      /* in foreign content or a template: see start_tag */
	bool broken;      /* foreign, but an HTML tag came right in it */
	bool cuttable;    /* it and everything below it can be a fragment's context */
	bool code;        /* GitHub's table of code lines, read as a <pre> */
	int below;        /* the next open element down of the same tag, or -1 */
	int scope[SC_KINDS]; /* nearest scope boundary at or below it */
	int special;      /* nearest special element at or below it */
	int special_li;   /* the same, not counting address, div and p */
	int foreign_base; /* lowest index of the foreign run it ends, or its index + 1 */
	int tbl;          /* nearest table-structure element at or below it, or -1 */
} open_el;

/* The tree builder's list of active formatting elements: each one closed
   by anything but its own end tag is opened again (cloned) before the next
   text or inline tag, so the list's length multiplies the tree. */
typedef struct fmt {
	const char *attrs; /* its attributes as written: three alike at most */
	size_t alen;
	size_t start, end; /* its start tag's bytes */
	GumboTag tag;
	int at;         /* its index in the stack; -1 when closed; -2 for a marker */
} fmt;

typedef struct token {
	size_t start, end; /* the tag's bytes */
	const char *name;
	size_t nlen;
	GumboTag tag;
	const char *attrs; /* its attributes as written */
	size_t alen;
	bool end_tag, self_closing, font_attr, html_encoding;
	unsigned ncuts;
	size_t cuts[2 * ATTR_CUTS]; /* [from, to) of the attributes Gumbo need not read */
} token;

typedef struct guard {
	const char *in;
	size_t len;
	char *out; /* the copy, made at the first change */
	open_el *st;
	size_t n, cap;
	int top_of[GUMBO_TAG_LAST + 1]; /* the topmost open element per tag */
	fmt *fl;
	size_t nfl, capfl;
	size_t limit, flattened, brs;
	cln_guarded *res;  /* where cuts go; NULL: the page is not cut */
	size_t piece;      /* bytes a piece holds before a cut is looked for */
	size_t from;       /* where the current piece starts */
	size_t tags;       /* start tags since then */
	size_t base;       /* elements open when it started */
	size_t listed;     /* the open elements [0, listed) are the first of
	                      the last cut's list (at res->tags + list0) */
	size_t list0;
	const token *cur;  /* the tag being read */
	bool in_body;      /* a tag of the body came: cuts may begin */
	bool no_cuts;      /* after <frameset> or <plaintext>: none */
	cln_skips *skips;  /* where text Gumbo need not read goes, or NULL */
	const cln_attrset *attrs; /* the attributes Gumbo reads (the others are
	                             skipped), or NULL: all */
	int pres;          /* <pre> and <listing> start tags less end tags: their
	                      white space is kept */
	bool astray;       /* the model may no longer read the page as Gumbo's
	                      tokenizer does: nothing more is skipped */
} guard;

static bool ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool alpha(char c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static bool is_heading(GumboTag t)
{
	return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

static bool is_section(GumboTag t)
{
	return t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD || t == GUMBO_TAG_TFOOT;
}

static bool is_table_part(GumboTag t)
{
	return t == GUMBO_TAG_TABLE || is_section(t) || t == GUMBO_TAG_TR || t == GUMBO_TAG_TD ||
	       t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION;
}

static bool is_formatting(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_A: case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_CODE:
	case GUMBO_TAG_EM: case GUMBO_TAG_FONT: case GUMBO_TAG_I: case GUMBO_TAG_NOBR:
	case GUMBO_TAG_S: case GUMBO_TAG_SMALL: case GUMBO_TAG_STRIKE: case GUMBO_TAG_STRONG:
	case GUMBO_TAG_TT: case GUMBO_TAG_U:
		return true;
	default:
		return false;
	}
}

/* Start tags that close an open <p> first; their end tags close what is
   open above them when they are in scope. */
static bool closes_p(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER: case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_FIELDSET:
	case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER:
	case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU:
	case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL: case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING:
	case GUMBO_TAG_FORM: case GUMBO_TAG_LI: case GUMBO_TAG_DD: case GUMBO_TAG_DT:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6:
		return true;
	default:
		return false;
	}
}

static bool is_void(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_AREA: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
	case GUMBO_TAG_BR: case GUMBO_TAG_COL: case GUMBO_TAG_EMBED: case GUMBO_TAG_IMG:
	case GUMBO_TAG_IMAGE: case GUMBO_TAG_INPUT: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_LINK:
	case GUMBO_TAG_META: case GUMBO_TAG_PARAM: case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK:
	case GUMBO_TAG_WBR: case GUMBO_TAG_HR: case GUMBO_TAG_FRAME: case GUMBO_TAG_ISINDEX:
	/* never pushed in a page's body */
	case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_FRAMESET:
		return true;
	default:
		return false;
	}
}

static bool is_raw_text(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_IFRAME:
	case GUMBO_TAG_NOEMBED: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_TITLE:
		return true;
	default:
		return false;
	}
}

/* HTML start tags that end foreign content (svg, math). */
static bool breaks_out(const token *t)
{
	switch (t->tag) {
	case GUMBO_TAG_B: case GUMBO_TAG_BIG: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY:
	case GUMBO_TAG_BR: case GUMBO_TAG_CENTER: case GUMBO_TAG_CODE: case GUMBO_TAG_DD:
	case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT: case GUMBO_TAG_EM:
	case GUMBO_TAG_EMBED: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEAD:
	case GUMBO_TAG_HR: case GUMBO_TAG_I: case GUMBO_TAG_IMG: case GUMBO_TAG_LI:
	case GUMBO_TAG_LISTING: case GUMBO_TAG_MENU: case GUMBO_TAG_META: case GUMBO_TAG_NOBR:
	case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_RUBY:
	case GUMBO_TAG_S: case GUMBO_TAG_SMALL: case GUMBO_TAG_SPAN: case GUMBO_TAG_STRONG:
	case GUMBO_TAG_STRIKE: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TT: case GUMBO_TAG_U: case GUMBO_TAG_UL: case GUMBO_TAG_VAR:
		return true;
	case GUMBO_TAG_FONT:
		return t->font_attr;
	default:
		return false;
	}
}

static bool special_foreign(const open_el *e)
{
	if (e->ns == NS_MATH)
		return e->tag == GUMBO_TAG_MI || e->tag == GUMBO_TAG_MO || e->tag == GUMBO_TAG_MN ||
		       e->tag == GUMBO_TAG_MS || e->tag == GUMBO_TAG_MTEXT ||
		       e->tag == GUMBO_TAG_ANNOTATION_XML;
	return e->tag == GUMBO_TAG_FOREIGNOBJECT || e->tag == GUMBO_TAG_DESC ||
	       e->tag == GUMBO_TAG_TITLE;
}

/* The spec's special category, of what can be on the stack. */
static bool is_special(const open_el *e)
{
	if (e->ns != NS_HTML)
		return special_foreign(e);
	switch (e->tag) {
	case GUMBO_TAG_APPLET: case GUMBO_TAG_BUTTON: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_COLGROUP: case GUMBO_TAG_HTML: case GUMBO_TAG_BODY:
	case GUMBO_TAG_MARQUEE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_OBJECT:
	case GUMBO_TAG_SELECT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_TABLE:
	case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD: case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR:
	case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_PLAINTEXT:
		return true;
	default:
		return closes_p((GumboTag)e->tag) || is_raw_text((GumboTag)e->tag);
	}
}

static bool boundary(const open_el *e, int kind)
{
	if (e->ns != NS_HTML)
		return kind != SC_TABLE && special_foreign(e);
	switch (e->tag) {
	case GUMBO_TAG_HTML: case GUMBO_TAG_TABLE: case GUMBO_TAG_TEMPLATE:
		return true;
	case GUMBO_TAG_APPLET: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
	case GUMBO_TAG_MARQUEE: case GUMBO_TAG_OBJECT:
		return kind != SC_TABLE;
	case GUMBO_TAG_OL: case GUMBO_TAG_UL:
		return kind == SC_LIST;
	case GUMBO_TAG_BUTTON:
		return kind == SC_BUTTON;
	default:
		return false;
	}
}

/* Elements a fragment can start in as Gumbo 0.10.1 parses it: those that
   set no insertion mode, form pointer, marker or active list entry of
   their own (table sections and rows have a mode a fragment also gets). */
static bool context_tag(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP:
	case GUMBO_TAG_SELECT: case GUMBO_TAG_OPTION: case GUMBO_TAG_OPTGROUP:
	case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_FORM: case GUMBO_TAG_BUTTON:
	case GUMBO_TAG_APPLET: case GUMBO_TAG_OBJECT: case GUMBO_TAG_MARQUEE:
	case GUMBO_TAG_FRAMESET: case GUMBO_TAG_HEAD: case GUMBO_TAG_NOSCRIPT:
		return false;
	default:
		return !is_formatting(t) && !is_raw_text(t);
	}
}

static int push(guard *g, GumboTag tag, int ns, bool html_point)
{
	if (grow_array(&g->st, g->n, &g->cap, sizeof *g->st) < 0)
		return CLN_ENOMEM;
	int i = (int)g->n;
	const open_el *p = i ? &g->st[i - 1] : NULL;
	open_el *e = &g->st[i];
	*e = (open_el){ .tag = (uint16_t)tag, .ns = (uint8_t)ns, .html_point = html_point };
	e->code = tag == GUMBO_TAG_TABLE && g->cur && g->cur->tag == GUMBO_TAG_TABLE &&
	          memmem(g->cur->attrs, g->cur->alen, "js-file-line-container", 22);
	e->below = g->top_of[tag];
	g->top_of[tag] = i;
	for (int k = 0; k < SC_KINDS; k++)
		e->scope[k] = boundary(e, k) || !p ? i : p->scope[k];
	bool sp = is_special(e);
	e->special = sp || !p ? i : p->special;
	bool adp = ns == NS_HTML && (tag == GUMBO_TAG_ADDRESS || tag == GUMBO_TAG_DIV ||
	                             tag == GUMBO_TAG_P);
	e->special_li = (sp && !adp) || !p ? i : p->special_li;
	e->unsure = ns != NS_HTML || tag == GUMBO_TAG_TEMPLATE || (p && p->unsure);
	/* an element opened in a table, a section or a row is put before the
	   table (foster-parented) while the stack has it over the table: a
	   fragment started in it would be inside the table */
	bool fostered = p && p->ns == NS_HTML && !is_table_part(tag) &&
	                (p->tag == GUMBO_TAG_TABLE || is_section(p->tag) || p->tag == GUMBO_TAG_TR);
	e->cuttable = ns == NS_HTML && !e->unsure && context_tag(tag) && !fostered &&
	              (!p || p->cuttable);
	e->foreign_base = ns == NS_HTML ? i + 1 : p && p->ns != NS_HTML ? p->foreign_base : i;
	/* a template starts afresh: no table around it */
	e->tbl = ns == NS_HTML && is_table_part(tag) ? i
	         : !p || (ns == NS_HTML && tag == GUMBO_TAG_TEMPLATE) ? -1 : p->tbl;
	g->n++;
	if (ns == NS_HTML && (tag == GUMBO_TAG_APPLET || tag == GUMBO_TAG_OBJECT ||
	                      tag == GUMBO_TAG_MARQUEE || tag == GUMBO_TAG_TEMPLATE ||
	                      tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH || tag == GUMBO_TAG_CAPTION)) {
		if (grow_array(&g->fl, g->nfl, &g->capfl, sizeof *g->fl) < 0)
			return CLN_ENOMEM;
		g->fl[g->nfl++] = (fmt){ .at = -2 };
		g->st[i].marker = true;
	}
	return 0;
}

/* Open again the formatting elements closed since the last one open. */
static int reconstruct(guard *g)
{
	size_t j = g->nfl;
	while (j > 0 && g->fl[j - 1].at == -1)
		j--;
	for (; j < g->nfl; j++) {
		const fmt *f = &g->fl[j];
		if (push(g, f->tag, NS_HTML, false) < 0)
			return CLN_ENOMEM;
		g->fl[j].at = (int)g->n - 1;
		g->st[g->n - 1].listed = true;
	}
	return 0;
}

/* Start tags before which the tree builder reopens formatting elements:
   all but blocks, table parts, head elements and raw text. */
static bool reconstructs(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HR: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_COL: case GUMBO_TAG_PLAINTEXT:
	case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_BODY: case GUMBO_TAG_FRAMESET:
	case GUMBO_TAG_FRAME: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT: case GUMBO_TAG_BGSOUND:
	case GUMBO_TAG_LINK: case GUMBO_TAG_META: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_RB:
	case GUMBO_TAG_RP: case GUMBO_TAG_RT: case GUMBO_TAG_RTC: case GUMBO_TAG_PARAM:
	case GUMBO_TAG_SOURCE: case GUMBO_TAG_TRACK:
		return false;
	default:
		return !closes_p(t) && !is_table_part(t) && !is_raw_text(t);
	}
}


/* Nothing waits in the active list to be opened again (markers may). */
static bool list_idle(const guard *g)
{
	for (size_t j = 0; j < g->nfl; j++)
		if (g->fl[j].at != -2)
			return false;
	return true;
}

/* The formatting elements closed since the last marker, which the next
   text opens again, as [start, end) of their start tags in res->fmts:
   where a cut leaves them waiting, the next piece must have them too. */
static int list_waiting(guard *g, cln_cut *c)
{
	cln_guarded *r = g->res;
	c->fmt0 = r->nfmts / 2;
	c->nfmt = 0;
	size_t j = g->nfl;
	while (j > 0 && g->fl[j - 1].at == -1)
		j--;
	for (; j < g->nfl; j++, c->nfmt++) {
		if (grow_array(&r->fmts, r->nfmts + 1, &r->capfmts, sizeof *r->fmts) < 0)
			return CLN_ENOMEM;
		r->fmts[r->nfmts++] = g->fl[j].start;
		r->fmts[r->nfmts++] = g->fl[j].end;
	}
	return 0;
}

/* The piece so far ends at `at` with `open` elements open (their tags are
   still in g->st); the next starts at `resume` with the first `keep`. */
static int add_cut(guard *g, size_t at, size_t resume, size_t open, size_t keep)
{
	cln_guarded *r = g->res;
	g->from = resume;
	g->tags = 0;
	g->base = keep;
	if (r->ncuts && r->cuts[r->ncuts - 1].resume == at) {
		/* nothing between this cut and the last: one cut */
		r->cuts[r->ncuts - 1].resume = resume;
		r->cuts[r->ncuts - 1].keep = keep;
		return list_waiting(g, &r->cuts[r->ncuts - 1]);
	}
	if (grow_array(&r->cuts, r->ncuts, &r->capcuts, sizeof *r->cuts) < 0)
		return CLN_ENOMEM;
	/* closing elements open since cuts before, one after another, cuts at
	   each: each list is the start of the last one */
	if (open > g->listed) {
		for (size_t i = 0; i < open; i++) {
			if (grow_array(&r->tags, r->ntags, &r->captags, sizeof *r->tags) < 0)
				return CLN_ENOMEM;
			r->tags[r->ntags++] = g->st[i].tag;
		}
		g->list0 = r->ntags - open;
	}
	g->listed = open;
	r->cuts[r->ncuts] = (cln_cut){ at, resume, open, keep, g->list0, 0, 0 };
	return list_waiting(g, &r->cuts[r->ncuts++]);
}

/* A place to cut before start tag t, once the piece is long enough: of
   `piece` bytes, or of a start tag to every PIECE_TAG_BYTES of them (Gumbo's
   tree takes 100 bytes and more a node: a 256 KiB piece of "x<br>" took 15
   MB), and of as many start tags as elements are open: a cut costs those
   (they are listed, and reopened), so that tiny pieces of a deep page cost
   no more than its tags, not their product. */
static int cut_before(guard *g, const token *t)
{
	if (!g->res || g->no_cuts || !g->in_body ||
	    (t->start - g->from < g->piece && g->tags < g->piece / PIECE_TAG_BYTES) ||
	    g->tags < g->n || !g->st[g->n - 1].cuttable || !list_idle(g))
		return 0;
	return add_cut(g, t->start, t->start, g->n, g->n);
}

/* Where the active list starts after its last marker. */
static size_t after_marker(const guard *g)
{
	size_t j = g->nfl;
	while (j > 0 && g->fl[j - 1].at != -2)
		j--;
	return j;
}

static void list_remove(guard *g, size_t j)
{
	memmove(g->fl + j, g->fl + j + 1, (g->nfl - j - 1) * sizeof *g->fl);
	g->nfl--;
}

/* The formatting element just pushed joins the list; of three alike
   already there the first leaves (the spec's Noah's Ark clause). */
static int list_add(guard *g, const token *t, int at)
{
	/* alike: the same bytes (Gumbo compares the parsed attributes, and may
	   find more alike: the model keeps the longer list) */
	size_t from = after_marker(g), alike = 0, first = 0;
	for (size_t j = g->nfl; j-- > from;)
		if (g->fl[j].tag == t->tag && g->fl[j].alen == t->alen &&
		    memcmp(g->fl[j].attrs, t->attrs, t->alen) == 0) {
			alike++;
			first = j;
		}
	if (alike >= 3)
		list_remove(g, first);
	if (grow_array(&g->fl, g->nfl, &g->capfl, sizeof *g->fl) < 0)
		return CLN_ENOMEM;
	g->fl[g->nfl++] = (fmt){ t->attrs, t->alen, t->start, t->end, t->tag, at };
	if (at >= 0)
		g->st[at].listed = true;
	return 0;
}

/* The end tag of a formatting element, or the adoption agency on its
   start tag, takes it out of the list once it is closed. */
static void list_close(guard *g, GumboTag tag)
{
	for (size_t j = g->nfl, from = after_marker(g); j-- > from;)
		if (g->fl[j].tag == tag) {
			if (g->fl[j].at == -1)
				list_remove(g, j);
			return;
		}
}

/* Pop every element from index k up: formatting elements stay in the
   list, to be opened again; a cell or the like takes its marker along.
   When an element open since the piece began closes, the piece ends at
   the tag (after it, if it is an end tag), if what is left can start the
   next; else Gumbo keeps that element open until the next cut. `closes`:
   a formatting element's tag whose list entry the tag takes out, before
   the cut says what waits (GUMBO_TAG_UNKNOWN: none). */
static int truncate_to(guard *g, size_t k, GumboTag closes)
{
	size_t open = g->n;
	while (g->n > k) {
		const open_el *e = &g->st[--g->n];
		g->top_of[e->tag] = e->below;
		for (size_t j = g->nfl; e->listed && j-- > 0;)
			if (g->fl[j].at == (int)g->n) {
				g->fl[j].at = -1;
				break;
			}
		while (e->marker && g->nfl > 0 && g->fl[--g->nfl].at != -2)
			;
	}
	if (closes != GUMBO_TAG_UNKNOWN)
		list_close(g, closes);
	int rc = 0;
	if (g->res && k < g->base && g->cur && !g->no_cuts)
		rc = add_cut(g, g->cur->start, g->cur->end_tag ? g->cur->end : g->cur->start, open, k);
	if (g->listed > k)
		g->listed = k;
	return rc;
}

/* The topmost open HTML element of this tag below index keep, or -1. */
static int find(const guard *g, GumboTag tag, size_t keep)
{
	int i = g->top_of[tag];
	for (int steps = 0; i >= 0 && steps < CHAIN; i = g->st[i].below, steps++)
		if ((size_t)i < keep && g->st[i].ns == NS_HTML)
			return i;
	return -1;
}

/* Where the stack is cut if an element named tag must be closed in a
   scope, or keep if it is not open there. */
static size_t close_in_scope(const guard *g, GumboTag tag, int kind, size_t keep)
{
	int i = find(g, tag, keep);
	return i >= 2 && i >= g->st[keep - 1].scope[kind] ? (size_t)i : keep;
}

static size_t min_size(size_t a, size_t b)
{
	return a < b ? a : b;
}

/* The adoption agency for a formatting element's end tag (or for <a>,
   <nobr>): where the stack is cut (g->n: nowhere), or -1 when the element
   is open below a special element (a furthest block): the agency then
   rebuilds the stack in ways the model does not follow, so the tag is
   ignored instead (the element stays open; its text is kept). It works on
   the last such element in the list of active formatting elements. */
static long adoption(const guard *g, GumboTag tag)
{
	const open_el *top = &g->st[g->n - 1];
	for (size_t j = g->nfl, from = after_marker(g); j-- > from;)
		if (g->fl[j].tag == tag) {
			int i = g->fl[j].at;
			if (i < 0 || i < top->scope[SC_ALL])
				return (long)g->n; /* closed already, or out of scope */
			return top->special > i ? -1 : i;
		}
	return (long)g->n; /* not in the list: Gumbo 0.10.1 ignores it */
}

/* The list entry of the last <a> after the marker is still open. */
static bool open_in_list(const guard *g, GumboTag tag)
{
	for (size_t j = g->nfl, from = after_marker(g); j-- > from;)
		if (g->fl[j].tag == tag)
			return g->fl[j].at >= 0;
	return false;
}


/* An <li> (or <dd>, <dt>) closes the open one unless a special element
   other than address, div and p is above it. */
static size_t close_item(const guard *g, GumboTag a, GumboTag b, size_t keep)
{
	int i = find(g, a, keep);
	if (b != GUMBO_TAG_UNKNOWN) {
		int j = find(g, b, keep);
		i = j > i ? j : i;
	}
	return i >= 2 && i >= g->st[keep - 1].special_li ? (size_t)i : keep;
}

/* Table parts: where the stack is cut and how many implied elements
   (tbody, tr) go on before the tag's own; -1 when no table is open and
   Gumbo ignores the tag. */
static int table_start(const guard *g, GumboTag tag, size_t *keep)
{
	int i = g->st[*keep - 1].tbl;
	GumboTag s = i >= 0 ? (GumboTag)g->st[i].tag : GUMBO_TAG_UNKNOWN;
	if (tag == GUMBO_TAG_TABLE) {
		/* in a cell or caption a table nests; in a table it closes the open one */
		if (i < 0 || s == GUMBO_TAG_TD || s == GUMBO_TAG_TH || s == GUMBO_TAG_CAPTION)
			return 0;
		int t = find(g, GUMBO_TAG_TABLE, *keep);
		*keep = t >= 2 && t >= g->st[*keep - 1].scope[SC_TABLE] ? (size_t)t : *keep;
		return 0;
	}
	int t = find(g, GUMBO_TAG_TABLE, *keep);
	if (t < 2 || t < g->st[*keep - 1].scope[SC_TABLE])
		return -1;
	size_t k;
	if (tag == GUMBO_TAG_CAPTION || tag == GUMBO_TAG_COLGROUP)
		k = (size_t)t + 1;
	else if (s == GUMBO_TAG_TD || s == GUMBO_TAG_TH) /* the cell closes, and its row for a row */
		k = (size_t)i - (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH ? 0 : is_section(tag) ? 2 : 1);
	else if (s == GUMBO_TAG_CAPTION)
		k = (size_t)i;
	else if (s == GUMBO_TAG_TR)
		k = (size_t)i + (tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH) - is_section(tag);
	else if (is_section(s))
		k = (size_t)i + !is_section(tag);
	else
		k = (size_t)i + 1;
	if (k <= (size_t)t)
		k = (size_t)t + 1;
	*keep = min_size(k, *keep);
	if (tag != GUMBO_TAG_TR && tag != GUMBO_TAG_TD && tag != GUMBO_TAG_TH)
		return 0;
	GumboTag top = (GumboTag)g->st[*keep - 1].tag;
	int need = tag == GUMBO_TAG_TR ? 1 : 2; /* tbody, tr */
	return top == GUMBO_TAG_TABLE ? need : is_section(top) ? need - 1 : 0;
}

/* The elements "generate implied end tags" closes. */
static bool implied_end(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_OPTION:
	case GUMBO_TAG_OPTGROUP: case GUMBO_TAG_P: case GUMBO_TAG_RB: case GUMBO_TAG_RP:
	case GUMBO_TAG_RT: case GUMBO_TAG_RTC:
		return true;
	default:
		return false;
	}
}

/* In a <select> the tree builder takes options and little else: the
   current node is the select or an option (group) right in it. */
static bool in_select(const guard *g)
{
	const open_el *top = &g->st[g->n - 1];
	return top->ns == NS_HTML && g->st[top->special].tag == GUMBO_TAG_SELECT &&
	       (top->tag == GUMBO_TAG_SELECT || top->tag == GUMBO_TAG_OPTION ||
	        top->tag == GUMBO_TAG_OPTGROUP);
}

/* A start tag in a select. */
static int start_select(const guard *g, const token *t, size_t *keep)
{
	size_t k = g->n, s = (size_t)g->st[k - 1].special;
	switch (t->tag) {
	case GUMBO_TAG_OPTGROUP:
	case GUMBO_TAG_OPTION:
		k -= g->st[k - 1].tag == GUMBO_TAG_OPTION;
		k -= t->tag == GUMBO_TAG_OPTGROUP && g->st[k - 1].tag == GUMBO_TAG_OPTGROUP;
		*keep = k;
		return A_PUSH;
	case GUMBO_TAG_SELECT: /* closes the select */
		*keep = s;
		return A_PASS;
	case GUMBO_TAG_INPUT: case GUMBO_TAG_KEYGEN: case GUMBO_TAG_TEXTAREA:
		*keep = s; /* closes it, then as in the body */
		return t->tag == GUMBO_TAG_TEXTAREA ? A_RAW : A_PASS;
	case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE:
		return A_RAW;
	case GUMBO_TAG_TEMPLATE:
		return A_PUSH;
	default:
		if (!is_table_part(t->tag) || g->st[s].tbl < 0)
			return A_PASS; /* ignored */
		*keep = s; /* a select in a table closes for a table part */
		return A_AGAIN;
	}
}

/* An HTML start tag: the implied end tags it brings (keep: the stack size
   after them), the implied parents (*extra), and what to do with it. */
static int start_html(const guard *g, const token *t, size_t *keep, int *extra)
{
	size_t k = *keep;
	const open_el *top = &g->st[k - 1];
	GumboTag tag = t->tag;
	*extra = 0;
	if (tag == GUMBO_TAG_HR)
		k = close_in_scope(g, GUMBO_TAG_P, SC_BUTTON, k);
	if (is_void(tag) || ((tag == GUMBO_TAG_SVG || tag == GUMBO_TAG_MATH) && t->self_closing)) {
		*keep = k;
		return A_PASS;
	}
	if (is_raw_text(tag))
		return A_RAW; /* its end tag comes next: nothing stays open */
	if (tag == GUMBO_TAG_LI)
		k = close_item(g, GUMBO_TAG_LI, GUMBO_TAG_UNKNOWN, k);
	else if (tag == GUMBO_TAG_DD || tag == GUMBO_TAG_DT)
		k = close_item(g, GUMBO_TAG_DD, GUMBO_TAG_DT, k);
	if (tag == GUMBO_TAG_XMP || tag == GUMBO_TAG_PLAINTEXT || closes_p(tag))
		k = close_in_scope(g, GUMBO_TAG_P, SC_BUTTON, k);
	if (tag == GUMBO_TAG_XMP || tag == GUMBO_TAG_PLAINTEXT) {
		*keep = k;
		return tag == GUMBO_TAG_XMP ? A_RAW : A_PLAIN;
	}
	if (tag == GUMBO_TAG_FORM && find(g, GUMBO_TAG_FORM, k) >= 0)
		return A_PASS; /* a form in a form is ignored */
	if (is_heading(tag) && is_heading((GumboTag)g->st[k - 1].tag) && k > 2)
		k--;
	else if (tag == GUMBO_TAG_A || (tag == GUMBO_TAG_NOBR &&
	                                close_in_scope(g, tag, SC_ALL, k) < k)) {
		/* an <a> open in the list, a <nobr> in scope: closed first */
		long cut = adoption(g, tag);
		if (cut < 0 || (cut == (long)k && tag == GUMBO_TAG_A && open_in_list(g, tag)))
			return A_DROP; /* Gumbo would take it out of the middle of the stack */
		k = (size_t)cut;
	}
	else if (tag == GUMBO_TAG_BUTTON)
		k = close_in_scope(g, GUMBO_TAG_BUTTON, SC_ALL, k);
	else if (tag == GUMBO_TAG_OPTION && top->tag == GUMBO_TAG_OPTION)
		k--;
	else if (tag == GUMBO_TAG_SELECT) {
		int s = find(g, GUMBO_TAG_SELECT, k);
		if (s >= 2 && k - (size_t)s <= 3) { /* a select in a select closes it */
			*keep = (size_t)s;
			return A_PASS;
		}
	} else if (tag == GUMBO_TAG_RB || tag == GUMBO_TAG_RTC || tag == GUMBO_TAG_RP ||
	           tag == GUMBO_TAG_RT) {
		if (close_in_scope(g, GUMBO_TAG_RUBY, SC_ALL, k) < k)
			while (k > 2 && implied_end((GumboTag)g->st[k - 1].tag))
				k--;
	} else if (is_table_part(tag) || tag == GUMBO_TAG_COLGROUP) {
		int ex = table_start(g, tag, &k);
		if (ex < 0)
			return A_PASS; /* no table: Gumbo ignores it */
		*extra = ex;
	}
	*keep = k;
	return A_PUSH;
}

/* Blank out [from, to) as a comment Gumbo ignores; line ends stay. */
static int flatten(guard *g, size_t from, size_t to)
{
	if (!g->out) {
		if (!(g->out = malloc(g->len + 1)))
			return CLN_ENOMEM;
		memcpy(g->out, g->in, g->len);
		g->out[g->len] = '\0';
	}
	for (size_t i = from; i < to; i++)
		if (g->out[i] != '\n' && g->out[i] != '\r')
			g->out[i] = ' ';
	g->out[from] = '<';
	g->out[from + 1] = '!';
	g->out[to - 1] = '>';
	g->flattened++;
	return 0;
}

/* Read the tag at p ("<x" or "</x") into t; false if the input ends inside
   it (Gumbo then drops it). */
static bool read_tag(const guard *g, size_t p, token *t)
{
	const char *s = g->in;
	size_t len = g->len, i = p + 1;
	*t = (token){ .start = p, .end_tag = s[i] == '/' };
	i += t->end_tag;
	t->name = s + i;
	while (i < len && !ws(s[i]) && s[i] != '/' && s[i] != '>')
		i++;
	t->nlen = (size_t)(s + i - t->name);
	t->tag = t->nlen < 64 ? gumbo_tagn_enum(t->name, (unsigned)t->nlen) : GUMBO_TAG_UNKNOWN;
	t->attrs = s + i;
	cln_span name, value;
	int rc;
	while ((rc = cln_html_attr(s, len, &i, &name, &value, &t->self_closing)) > 0) {
		/* after white space, so that what stays reads as it did */
		if (g->attrs && !t->end_tag && t->ncuts < ATTR_CUTS && ws(name.p[-1]) &&
		    cln_attr_cut(g->attrs, name.p, name.n)) {
			t->cuts[2 * t->ncuts] = (size_t)(name.p - s);
			t->cuts[2 * t->ncuts++ + 1] = i;
		}
		t->font_attr |= (name.n == 5 && strncasecmp(name.p, "color", 5) == 0) ||
		                (name.n == 4 && (strncasecmp(name.p, "face", 4) == 0 ||
		                                 strncasecmp(name.p, "size", 4) == 0));
		if (name.n == 8 && strncasecmp(name.p, "encoding", 8) == 0)
			t->html_encoding = (value.n == 9 && strncasecmp(value.p, "text/html", 9) == 0) ||
			                   (value.n == 21 &&
			                    strncasecmp(value.p, "application/xhtml+xml", 21) == 0);
	}
	if (rc < 0)
		return false;
	t->end = i + 1;
	t->alen = (size_t)(s + i - t->attrs);
	return true;
}

/* The end of a comment, a doctype or a processing instruction at p. */
static size_t skip_markup(const guard *g, size_t p, bool foreign)
{
	const char *s = g->in, *end = s + g->len;
	size_t left = g->len - p;
	if (left >= 4 && memcmp(s + p, "<!--", 4) == 0) {
		for (const char *q = s + p + 4;; q++) {
			if (q == s + p + 4 && q < end && *q == '>')
				return (size_t)(q + 1 - s); /* <!--> */
			if (q == s + p + 4 && end - q >= 2 && q[0] == '-' && q[1] == '>')
				return (size_t)(q + 2 - s); /* <!---> */
			if (!(q = memchr(q, '-', (size_t)(end - q))))
				return g->len;
			if (end - q >= 3 && q[1] == '-' && q[2] == '>')
				return (size_t)(q + 3 - s);
			if (end - q >= 4 && q[1] == '-' && q[2] == '!' && q[3] == '>')
				return (size_t)(q + 4 - s);
		}
	}
	if (foreign && left >= 9 && memcmp(s + p, "<![CDATA[", 9) == 0) {
		for (const char *q = s + p + 9; (q = memchr(q, ']', (size_t)(end - q))); q++)
			if (end - q >= 3 && q[1] == ']' && q[2] == '>')
				return (size_t)(q + 3 - s);
		return g->len;
	}
	const char *gt = memchr(s + p + 2, '>', left - 2);
	return gt ? (size_t)(gt + 1 - s) : g->len;
}

/* The foreign element an end tag in foreign content closes, or -1. In
   foreign content Gumbo matches names, not tags. */
static int find_foreign(const guard *g, const token *t)
{
	const open_el *top = &g->st[g->n - 1];
	int i = g->top_of[t->tag];
	for (int steps = 0; i >= top->foreign_base && steps < CHAIN; i = g->st[i].below, steps++)
		if (t->tag != GUMBO_TAG_UNKNOWN ||
		    (g->st[i].nlen == t->nlen && strncasecmp(g->st[i].name, t->name, t->nlen) == 0))
			return i;
	return -1;
}

/* Where an end tag cuts the stack, or -1 if it closes nothing. */
static int end_target(const guard *g, const token *t)
{
	size_t k = g->n;
	const open_el *top = &g->st[k - 1];
	GumboTag tag = t->tag;
	int i;
	if (top->ns != NS_HTML && (i = find_foreign(g, t)) >= 0)
		return i;
	size_t cut = k;
	if (tag == GUMBO_TAG_P)
		cut = close_in_scope(g, tag, SC_BUTTON, k);
	else if (tag == GUMBO_TAG_LI)
		cut = close_in_scope(g, tag, SC_LIST, k);
	else if (is_heading(tag)) /* the topmost heading, whichever */
		for (GumboTag h = GUMBO_TAG_H1; h <= GUMBO_TAG_H6; h++) {
			size_t c = close_in_scope(g, h, SC_ALL, k);
			cut = c < k && (cut == k || c > cut) ? c : cut;
		}
	else if (is_table_part(tag) || tag == GUMBO_TAG_COLGROUP)
		cut = close_in_scope(g, tag, SC_TABLE, k);
	else if (tag == GUMBO_TAG_FORM) {
		/* the form leaves the stack, and nothing above it but what implied
		   end tags close: the model follows only when that is all */
		size_t f = k;
		while (f > 2 && implied_end((GumboTag)g->st[f - 1].tag))
			f--;
		cut = g->st[f - 1].tag == GUMBO_TAG_FORM && g->st[f - 1].ns == NS_HTML ? f - 1 : k;
	} else if (tag == GUMBO_TAG_BODY || tag == GUMBO_TAG_HTML)
		cut = k;
	else if (closes_p(tag) || tag == GUMBO_TAG_APPLET || tag == GUMBO_TAG_MARQUEE ||
	         tag == GUMBO_TAG_OBJECT || tag == GUMBO_TAG_BUTTON || tag == GUMBO_TAG_SELECT ||
	         tag == GUMBO_TAG_TEMPLATE)
		cut = close_in_scope(g, tag, SC_ALL, k);
	else if ((i = find(g, tag, k)) >= 2 && i >= top->special)
		cut = (size_t)i;
	return cut < k ? (int)cut : -1;
}

/* An end tag in foreign content closes the foreign element of its name;
   if there is none, HTML rules apply to it ("</div>" closes the div the
   svg is in), when the model is sure of the HTML below. */
static int end_foreign(const guard *g, const token *t)
{
	int i = find_foreign(g, t);
	int below = g->st[g->n - 1].foreign_base - 1;
	return i >= 0 || below < 0 || g->st[below].unsure ? i : end_target(g, t);
}

/* An end tag in a select: only options and the select close. */
static int end_in_select(const guard *g, const token *t)
{
	size_t k = g->n;
	GumboTag top = (GumboTag)g->st[k - 1].tag;
	if (t->tag == GUMBO_TAG_SELECT)
		return g->st[k - 1].special;
	if (t->tag == GUMBO_TAG_TEMPLATE)
		return find(g, GUMBO_TAG_TEMPLATE, k) >= 2 ? find(g, GUMBO_TAG_TEMPLATE, k) : -1;
	if (t->tag == GUMBO_TAG_OPTION && top == GUMBO_TAG_OPTION)
		return (int)k - 1;
	if (t->tag == GUMBO_TAG_OPTGROUP && top == GUMBO_TAG_OPTGROUP)
		return (int)k - 1;
	if (t->tag == GUMBO_TAG_OPTGROUP && top == GUMBO_TAG_OPTION &&
	    g->st[k - 2].tag == GUMBO_TAG_OPTGROUP)
		return (int)k - 2;
	return -1;
}

static int end_tag(guard *g, const token *t)
{
	if (t->tag == GUMBO_TAG_BR)
		return 0; /* read as <br> */
	const open_el *top = &g->st[g->n - 1];
	if (top->ns == NS_HTML && is_formatting(t->tag) && !in_select(g) && !top->unsure) {
		long cut = adoption(g, t->tag);
		if (cut < 0 || (cut == (long)g->n && g->n > SHALLOW))
			return flatten(g, t->start, t->end);
		return truncate_to(g, (size_t)cut, t->tag);
	}
	/* </template> closes the template, whatever is open in it */
	int tpl = t->tag == GUMBO_TAG_TEMPLATE ? find(g, GUMBO_TAG_TEMPLATE, g->n) : -1;
	int cut = tpl >= 2 ? tpl
	          : !top->unsure ? (in_select(g) ? end_in_select(g, t) : end_target(g, t))
	          : top->ns != NS_HTML && !top->broken ? end_foreign(g, t)
	          : top->tag == t->tag ? (int)g->n - 1 : -1; /* see start_tag */
	if (cut < 0 && g->n > SHALLOW)
		return flatten(g, t->start, t->end);
	GumboTag closes = is_formatting(t->tag) ? t->tag : GUMBO_TAG_UNKNOWN;
	if (cut >= 0)
		return truncate_to(g, (size_t)cut, closes);
	if (closes != GUMBO_TAG_UNKNOWN)
		list_close(g, closes);
	return 0;
}

/* The end of the raw text that follows a <script> (and the like) at t;
   *close: where its end tag starts, or g->len if it has none. */
static size_t raw_end(const guard *g, const token *t, size_t *close)
{
	const char *s = g->in;
	*close = g->len;
	for (size_t p = t->end; p + 2 + t->nlen <= g->len; p++) {
		const char *lt = memchr(s + p, '<', g->len - p);
		if (!lt)
			break;
		p = (size_t)(lt - s);
		size_t after = p + 2 + t->nlen;
		token e;
		if (after <= g->len && s[p + 1] == '/' && strncasecmp(s + p + 2, t->name, t->nlen) == 0 &&
		    (after == g->len || ws(s[after]) || s[after] == '/' || s[after] == '>')) {
			if (!read_tag(g, p, &e))
				return g->len;
			*close = p;
			return e.end;
		}
	}
	return g->len;
}

/* The text of a <script> or <style> read as HTML, [t->end, close): Gumbo
   need not read it unless it is JSON-LD. Where the tokenizer's escaped
   script states may end a script elsewhere, the model stops skipping. */
static int skip_raw(guard *g, const token *t, size_t close)
{
	if (!g->skips || g->astray)
		return 0;
	if (t->tag == GUMBO_TAG_SCRIPT && cln_script_escapes(g->in, t->end, close)) {
		g->astray = true;
		return 0;
	}
	if (close == g->len ||
	    (t->tag == GUMBO_TAG_SCRIPT && cln_script_is_data(g->in, t->start + 1 + t->nlen, t->end - 1)))
		return 0;
	return cln_skips_add(g->skips, t->end, close);
}

/* The inside of the comment [p, end), left as "<!---->" (or "<!----!>"). */
static int skip_comment(guard *g, size_t p, size_t end)
{
	const char *s = g->in;
	if (!g->skips || g->astray || end - p < 8 || s[end - 1] != '>')
		return 0; /* <!---->, or one the page's end closes */
	size_t close = memcmp(s + end - 3, "-->", 3) == 0    ? end - 3
	               : memcmp(s + end - 4, "--!>", 4) == 0 ? end - 4
	                                                      : p;
	return close > p + 4 ? cln_skips_add(g->skips, p + 4, close) : 0;
}

/* The attributes of start tag t that Gumbo need not read. Not of a
   formatting element's but an <a>'s: the tree builder compares their
   attributes (Noah's Ark), and an <a> closes the one before it. Not of an
   <isindex>, whose attributes become a form, a label and an input. */
static int skip_attrs(guard *g, const token *t)
{
	if (!g->skips || g->astray || (is_formatting(t->tag) && t->tag != GUMBO_TAG_A) ||
	    t->tag == GUMBO_TAG_ISINDEX)
		return 0;
	for (unsigned i = 0; i < t->ncuts; i++)
		if (cln_skips_add(g->skips, t->cuts[2 * i], t->cuts[2 * i + 1]) < 0)
			return CLN_ENOMEM;
	return 0;
}

/* White space between tags, in[from, to): Gumbo makes a token of each
   character; one does as well (two for a CR LF, so that lines count
   alike). Not in <pre> and <listing>, where a browser shows it, nor in
   GitHub's table of code lines, read as one (cln_code_table_class). */
static int skip_blanks(guard *g, size_t from, size_t to)
{
	const char *s = g->in;
	int table = g->top_of[GUMBO_TAG_TABLE];
	if (!g->skips || g->astray || g->pres || g->top_of[GUMBO_TAG_PRE] >= 0 ||
	    g->top_of[GUMBO_TAG_LISTING] >= 0 || (table >= 0 && g->st[table].code) || to - from < 3)
		return 0;
	for (size_t i = from; i < to; i++)
		if (!ws(s[i]))
			return 0;
	size_t keep = from + 1 + (s[from] == '\r' && s[from + 1] == '\n');
	return cln_skips_add(g->skips, keep, to);
}

/* Whether the tags inside the current node are foreign (svg, math). */
static bool in_foreign(const guard *g, const token *t)
{
	const open_el *top = &g->st[g->n - 1];
	if (top->broken)
		return false;
	if (top->ns == NS_HTML || top->html_point)
		return top->html_point && top->ns == NS_MATH && top->tag != GUMBO_TAG_ANNOTATION_XML &&
		       (t->tag == GUMBO_TAG_MGLYPH || t->tag == GUMBO_TAG_MALIGNMARK);
	return true;
}

/* A raw-text element (<iframe>, <textarea>, <xmp>, ...) in a <noscript>
   whose own end tag does not come before </noscript>: a browser, scripts
   on, reads a <noscript> as text up to </noscript>, while Gumbo (scripts
   off) would read the rest of the page as that element's text (a page of
   `<noscript><iframe ... /></noscript>` came out as its header alone).
   The element and what follows it up to </noscript> are left out of
   Gumbo's input; returns where </noscript> starts, or 0 when the element
   is read as usual. */
static size_t unclosed_in_noscript(guard *g, const token *t, size_t close)
{
	if (g->top_of[GUMBO_TAG_NOSCRIPT] < 0 || !g->skips || g->astray ||
	    (g->res && g->res->ncuts && g->res->cuts[g->res->ncuts - 1].resume > t->start))
		return 0;
	token ns = *t;
	ns.name = "noscript";
	ns.nlen = 8;
	size_t ns_close;
	raw_end(g, &ns, &ns_close);
	if (ns_close == g->len || close < ns_close)
		return 0;
	cln_skips *sk = g->skips; /* the element's attributes skipped so far go with it */
	while (sk->n && sk->v[sk->n - 1].from >= t->start)
		sk->n--;
	return cln_skips_add(sk, t->start, ns_close) < 0 ? SIZE_MAX : ns_close;
}

/* A raw text element (script, style, textarea, ...) or plaintext at k:
   read on to its end (*next). */
static int raw_start(guard *g, const token *t, size_t k, int act, size_t *next)
{
	size_t close = g->len;
	*next = act == A_PLAIN ? g->len : raw_end(g, t, &close);
	size_t ns_close = unclosed_in_noscript(g, t, close);
	if (ns_close == SIZE_MAX)
		return CLN_ENOMEM;
	if (ns_close) {
		*next = ns_close;
		return 0;
	}
	g->no_cuts |= act == A_PLAIN;
	if ((t->tag == GUMBO_TAG_SCRIPT || t->tag == GUMBO_TAG_STYLE) &&
	    skip_raw(g, t, close) < 0)
		return CLN_ENOMEM;
	if (truncate_to(g, k, GUMBO_TAG_UNKNOWN) < 0)
		return CLN_ENOMEM;
	return t->tag == GUMBO_TAG_XMP ? reconstruct(g) : 0;
}

/* The element of a start tag placed above k, with the tbody/tr a table
   part implies (extra), or flattened where the stack or the formatting
   list is full. */
static int open_start(guard *g, const token *t, size_t k, int act, int extra, int ns,
                      bool point, bool html)
{
	bool formatting = html && act == A_PUSH && is_formatting(t->tag);
	if (act == A_DROP || (act == A_PUSH && (k + (size_t)extra + 1 > g->limit ||
	                      (formatting && g->nfl - after_marker(g) >= FORMATTING))))
		return flatten(g, t->start, t->end);
	bool agency = html && (t->tag == GUMBO_TAG_A || t->tag == GUMBO_TAG_NOBR);
	if (truncate_to(g, k, agency ? t->tag : GUMBO_TAG_UNKNOWN) < 0)
		return CLN_ENOMEM;
	if (html && reconstructs(t->tag) && reconstruct(g) < 0)
		return CLN_ENOMEM;
	if (act == A_PASS)
		return 0;
	if (extra == 2 && push(g, GUMBO_TAG_TBODY, NS_HTML, false) < 0)
		return CLN_ENOMEM;
	if (extra >= 1 && push(g, extra == 2 || t->tag != GUMBO_TAG_TR ? GUMBO_TAG_TR : GUMBO_TAG_TBODY,
	                       NS_HTML, false) < 0)
		return CLN_ENOMEM;
	if (push(g, t->tag, ns, point) < 0)
		return CLN_ENOMEM;
	g->st[g->n - 1].name = t->name;
	g->st[g->n - 1].nlen = t->nlen;
	return formatting ? list_add(g, t, (int)g->n - 1) : 0;
}

/* A start tag: returns where the tokenizer goes on. */
static int start_tag(guard *g, const token *t, size_t *next)
{
	size_t k = g->n;
	int extra = 0, act = A_PUSH, ns = NS_HTML;
	bool point = false, html = true;
	*next = t->end;
	/* an HTML tag ends foreign content: Gumbo closes the foreign elements
	   (or not, Gumbo 0.10.1 varies); the model keeps them open, and from
	   then on reads what comes in them as HTML, in which it is unsure */
	if (in_foreign(g, t) && breaks_out(t) && g->res && g->res->ncuts && !g->no_cuts) {
		/* a fragment keeps an HTML tag in svg or math (the fragment case
		   of the standard): end the piece, without the foreign elements */
		size_t below = (size_t)g->st[k - 1].foreign_base;
		if (add_cut(g, t->start, t->start, k, below) < 0 || truncate_to(g, below, GUMBO_TAG_UNKNOWN) < 0)
			return CLN_ENOMEM;
		k = g->n;
	}
	if (in_foreign(g, t) && breaks_out(t)) {
		g->st[k - 1].broken = true;
		g->astray = true; /* Gumbo 0.10.1 varies: see above */
	}
	if (in_foreign(g, t)) {
		if (t->self_closing)
			return 0;
		html = false;
		const open_el *top = &g->st[k - 1];
		/* in the namespace of the current node, but svg in annotation-xml */
		ns = top->tag == GUMBO_TAG_ANNOTATION_XML && t->tag == GUMBO_TAG_SVG ? NS_SVG : top->ns;
		point = ns == NS_SVG ? t->tag == GUMBO_TAG_FOREIGNOBJECT || t->tag == GUMBO_TAG_DESC ||
		                       t->tag == GUMBO_TAG_TITLE
		                     : t->tag == GUMBO_TAG_MI || t->tag == GUMBO_TAG_MO ||
		                       t->tag == GUMBO_TAG_MN || t->tag == GUMBO_TAG_MS ||
		                       t->tag == GUMBO_TAG_MTEXT ||
		                       (t->tag == GUMBO_TAG_ANNOTATION_XML && t->html_encoding);
	} else if (t->tag == GUMBO_TAG_SELECT && g->st[k - 1].unsure) {
		/* Gumbo 0.10.1 fails an assertion (abort) on an HTML select in
		   foreign content in a table: no page needs one */
		act = A_DROP;
	} else if (g->st[k - 1].unsure) {
		/* HTML inside foreign content or a template: the tree builder's
		   modes there are more than the model follows, so it only counts:
		   every element stays open until an end tag closes it on top */
		act = is_void(t->tag) ? A_PASS : A_PUSH;
		/* Gumbo may switch its tokenizer to raw text where the model
		   reads markup */
		g->astray |= is_raw_text(t->tag) || t->tag == GUMBO_TAG_XMP ||
		             t->tag == GUMBO_TAG_PLAINTEXT;
		extra = t->tag == GUMBO_TAG_TD || t->tag == GUMBO_TAG_TH ? 2 : t->tag == GUMBO_TAG_TR;
		if (t->tag == GUMBO_TAG_SVG || t->tag == GUMBO_TAG_MATH) {
			ns = t->tag == GUMBO_TAG_SVG ? NS_SVG : NS_MATH;
			act = t->self_closing ? A_PASS : A_PUSH;
		}
	} else if (in_select(g) && (act = start_select(g, t, &k)) != A_AGAIN) {
		html = false; /* nothing reopens in a select */
		/* Gumbo ignores a <style> there and reads what follows as markup */
		g->astray |= t->tag == GUMBO_TAG_STYLE;
	} else {
		act = start_html(g, t, &k, &extra);
		if (t->tag == GUMBO_TAG_SVG || t->tag == GUMBO_TAG_MATH)
			ns = t->tag == GUMBO_TAG_SVG ? NS_SVG : NS_MATH;
	}
	if (act == A_RAW || act == A_PLAIN)
		return raw_start(g, t, k, act, next);
	return open_start(g, t, k, act, extra, ns, point, html);
}

/* An <html> or <body> tag in a piece after the first: a fragment ignores
   it, the page's element takes its attributes (htmlblocks.c). */
static int late_tag(guard *g, const token *t)
{
	cln_guarded *r = g->res;
	if (!r || !r->ncuts)
		return 0;
	if (grow_array(&r->late, r->nlate, &r->caplate, 2 * sizeof *r->late) < 0)
		return CLN_ENOMEM;
	r->late[2 * r->nlate] = t->start;
	r->late[2 * r->nlate + 1] = t->end;
	r->nlate++;
	return 0;
}

/* A start tag that only a page's body holds. */
static bool in_body(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_HTML: case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_META:
	case GUMBO_TAG_LINK: case GUMBO_TAG_BASE: case GUMBO_TAG_BASEFONT:
	case GUMBO_TAG_BGSOUND: case GUMBO_TAG_STYLE: case GUMBO_TAG_SCRIPT:
	case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_NOFRAMES:
		return false;
	default:
		return true;
	}
}

/* The markup at p ('<'): returns where the tokenizer goes on. */
static int markup(guard *g, size_t p, size_t *next)
{
	const char *s = g->in;
	*next = p + 1;
	if (p + 1 >= g->len)
		return 0;
	char c = s[p + 1];
	bool foreign = g->st[g->n - 1].ns != NS_HTML;
	token t;
	if (c == '!' || c == '?' || (c == '/' && p + 2 < g->len && !alpha(s[p + 2]))) {
		*next = c == '/' && s[p + 2] == '>' ? p + 3 : skip_markup(g, p, foreign);
		bool comment = g->len - p >= 4 && memcmp(s + p, "<!--", 4) == 0;
		return comment ? skip_comment(g, p, *next) : 0;
	}
	if (!alpha(c) && !(c == '/' && p + 2 < g->len))
		return 0; /* a '<' of text */
	if (!read_tag(g, p, &t)) {
		*next = g->len;
		return 0;
	}
	*next = t.end;
	g->cur = &t;
	g->brs += t.tag == GUMBO_TAG_BR;
	g->tags += !t.end_tag;
	if (t.tag == GUMBO_TAG_PRE || t.tag == GUMBO_TAG_LISTING)
		g->pres += t.end_tag ? -1 : 1;
	int rc = t.end_tag ? end_tag(g, &t) : skip_attrs(g, &t);
	if (rc == 0 && !t.end_tag)
		rc = cut_before(g, &t);
	if (rc == 0 && !t.end_tag)
		rc = start_tag(g, &t, next);
	g->cur = NULL;
	g->in_body |= !t.end_tag && in_body(t.tag);
	/* what follows a frameset is not parsed as a body's content (what
	   follows </body> is: those end tags close nothing) */
	g->no_cuts |= !t.end_tag && t.tag == GUMBO_TAG_FRAMESET;
	/* in a frameset Gumbo ignores <script> and <style>; after <plaintext>
	   nothing is markup */
	g->astray |= g->no_cuts;
	if (rc == 0 && !t.end_tag && (t.tag == GUMBO_TAG_HTML || t.tag == GUMBO_TAG_BODY))
		rc = late_tag(g, &t);
	return rc;
}

int cln_html_guard(const char *in, size_t len, size_t limit, size_t piece, bool skip,
                   const cln_attrset *attrs, cln_guarded *out)
{
	*out = (cln_guarded){ 0 };
	guard g = { .in = in, .len = len, .limit = limit < 3 ? 3 : limit,
	            .res = piece ? out : NULL, .piece = piece, .skips = skip ? &out->skips : NULL,
	            .attrs = skip ? attrs : NULL };
	memset(g.top_of, -1, sizeof g.top_of);
	int rc = push(&g, GUMBO_TAG_HTML, NS_HTML, false);
	if (rc == 0)
		rc = push(&g, GUMBO_TAG_BODY, NS_HTML, false);
	for (size_t p = 0; rc == 0 && p < len;) {
		const char *lt = memchr(in + p, '<', len - p);
		if (!lt)
			break;
		/* text: inside HTML elements, formatting elements open again */
		const open_el *top = &g.st[g.n - 1];
		if (lt > in + p && (top->ns == NS_HTML || top->html_point) && !in_select(&g))
			rc = reconstruct(&g);
		if (rc == 0)
			rc = skip_blanks(&g, p, (size_t)(lt - in));
		if (rc == 0)
			rc = markup(&g, (size_t)(lt - in), &p);
	}
	free(g.st);
	free(g.fl);
	out->copy = g.out;
	out->flattened = g.flattened;
	out->brs = g.brs;
	if (rc < 0)
		cln_guarded_free(out);
	return rc;
}

void cln_guarded_free(cln_guarded *g)
{
	free(g->copy);
	free(g->cuts);
	free(g->tags);
	free(g->fmts);
	free(g->late);
	cln_skips_free(&g->skips);
	*g = (cln_guarded){ 0 };
}

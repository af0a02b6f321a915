/*
 * htmlblocks.c - the blocks stage for HTML: Gumbo parses the page, one walk
 * turns its rendered text into blocks (a paragraph, heading, list item,
 * table cell, caption, preformatted section, or a <br>-separated line) and
 * keeps the elements rules need (tag, id, class, attributes, the blocks
 * inside). The tree is destroyed as soon as the walk is done.
 *
 * What a browser does not render as text never becomes a block: <head>,
 * <script>, <style>, <template> and comments. The walk is iterative, so
 * deep nesting costs heap, not stack.
 */
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* Gumbo's stack never holds more open elements than this (htmlguard.c) */
#define MAX_NESTING 2048

typedef struct frame {
	GumboNode *node;
	unsigned child;
	int elem;       /* its index in d->el, -1 for non-elements */
	bool block;     /* a block-level element: flushes around it */
	size_t text_from; /* length of the block text when it opened */
} frame;

/* An inline element seen in the block being built: it owns the block if
   its text turns out to be all of it. */
typedef struct inline_span {
	int elem;
	size_t from, to; /* its text in the block buffer */
} inline_span;

typedef struct walker {
	doc *d;
	const char *src;   /* what Gumbo parsed: d->in, or its guarded copy */
	inline_span *spans;
	size_t nspans, capspans;
	buf text;          /* the block being built */
	size_t start, end; /* its source span */
	unsigned line;
	size_t link_chars;
	bool space;        /* a collapsed space is pending */
	bool br;           /* the next block follows a <br> */
	int links, pres, headings, lists, tables, figures, quotes;
	frame *stack;
	size_t depth, cap;
} walker;

static bool is_block(GumboTag t)
{
	switch (t) {
	case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE:
	case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION:
	case GUMBO_TAG_CENTER: case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS:
	case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
	case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION:
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
	case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP:
	case GUMBO_TAG_HR: case GUMBO_TAG_HTML: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI:
	case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL:
	case GUMBO_TAG_OPTION: case GUMBO_TAG_P: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION:
	case GUMBO_TAG_SUMMARY: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_TD:
	case GUMBO_TAG_TFOOT: case GUMBO_TAG_TH: case GUMBO_TAG_THEAD: case GUMBO_TAG_TR:
	case GUMBO_TAG_UL: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA:
	case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_IFRAME:
		return true;
	default:
		return false;
	}
}

/* Never rendered as text. */
static bool is_hidden(GumboTag t)
{
	return t == GUMBO_TAG_HEAD || t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE ||
	       t == GUMBO_TAG_TEMPLATE || t == GUMBO_TAG_TITLE;
}

static void count_context(walker *w, GumboTag t, int delta)
{
	switch (t) {
	case GUMBO_TAG_A: w->links += delta; break;
	case GUMBO_TAG_PRE: case GUMBO_TAG_TEXTAREA: w->pres += delta; break;
	case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
	case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: w->headings += delta; break;
	case GUMBO_TAG_LI: case GUMBO_TAG_DT: case GUMBO_TAG_DD: w->lists += delta; break;
	case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION: w->tables += delta; break;
	case GUMBO_TAG_FIGURE: case GUMBO_TAG_FIGCAPTION: w->figures += delta; break;
	case GUMBO_TAG_BLOCKQUOTE: w->quotes += delta; break;
	default: break;
	}
}

/* The innermost element on the stack, -1 if none. */
static int top_elem(const walker *w)
{
	for (size_t i = w->depth; i-- > 0;)
		if (w->stack[i].elem >= 0)
			return w->stack[i].elem;
	return -1;
}

/* The tag of the innermost block-level element on the stack (else of the
   innermost element; body if none). */
static GumboTag block_tag(const walker *w)
{
	for (size_t i = w->depth; i-- > 0;)
		if (w->stack[i].block && w->stack[i].elem >= 0)
			return w->stack[i].node->v.element.tag;
	for (size_t i = w->depth; i-- > 0;)
		if (w->stack[i].elem >= 0)
			return w->stack[i].node->v.element.tag;
	return GUMBO_TAG_BODY;
}

_Static_assert(GUMBO_TAG_LAST <= UINT8_MAX, "block.tag holds a GumboTag");

const char *cln_block_tag(const block *b)
{
	return gumbo_normalized_tagname((GumboTag)b->tag);
}

static int flush(walker *w)
{
	doc *d = w->d;
	/* trailing white space does not show; in <pre> only line ends are cut */
	for (char c; w->text.len && (c = w->text.data[w->text.len - 1],
	                             w->pres ? c == '\n' || c == '\r' : c == ' ');)
		w->text.len--;
	w->space = false;
	if (w->text.len == 0) {
		w->nspans = 0;
		return 0;
	}
	if (w->text.len > CLN_MAX_DOCUMENT)
		return CLN_ETOOBIG; /* a block's length has 32 bits (U+FFFD for NULs can get there) */
	const char *t = arena_add(&d->ar, w->text.data, w->text.len);
	if (!t || grow_array(&d->b, d->n, &d->cap, sizeof *d->b) < 0)
		return CLN_ENOMEM;
	size_t chars = cln_utf8_chars(t, w->text.len);
	unsigned flags = (w->headings ? BF_HEADING : 0) | (w->lists ? BF_LIST : 0) |
	                 (w->tables ? BF_TABLE : 0) | (w->figures ? BF_FIGURE : 0) |
	                 (w->pres ? BF_PRE : 0) | (w->quotes ? BF_QUOTE : 0) |
	                 (w->br ? BF_BR : 0) | (w->link_chars >= chars ? BF_LINK : 0);
	for (size_t k = 0; k < w->nspans; k++)
		if (w->spans[k].from == 0 && w->spans[k].to >= w->text.len) {
			d->el[w->spans[k].elem].first = d->n;
			d->el[w->spans[k].elem].end = d->n + 1;
		}
	w->nspans = 0;
	d->b[d->n++] = (block){
		.text = t, .len = w->text.len, .start = w->start, .end = w->end,
		.line = w->line, .blanks = 0, .removed_by = -1,
		.group = -1, .kept_by = -1, .elem = top_elem(w),
		.tag = (uint8_t)block_tag(w), .flags = flags, .chars = chars,
		.link_chars = w->link_chars,
	};
	w->text.len = 0;
	w->link_chars = 0;
	w->br = false;
	return 0;
}

/* Append text as a browser lays it out: white space runs fold to one space,
   none at the start of a block; inside <pre> everything is kept. */
static int add_text(walker *w, const GumboText *t)
{
	const char *s = t->text;
	size_t before = w->text.len;
	for (; *s; s++) {
		char c = *s;
		if (!w->pres && (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f')) {
			w->space = w->text.len > 0;
			continue;
		}
		if (w->space) {
			if (buf_addc(&w->text, ' ') < 0)
				return CLN_ENOMEM;
			w->space = false;
		}
		if (buf_addc(&w->text, c) < 0)
			return CLN_ENOMEM;
	}
	if (w->text.len == before)
		return 0;
	size_t off = t->start_pos.offset;
	if (before == 0) {
		w->start = off;
		w->line = t->start_pos.line;
	}
	w->end = t->original_text.data ? (size_t)(t->original_text.data - w->src) +
	                                 t->original_text.length : off;
	if (w->links)
		w->link_chars += cln_utf8_chars(w->text.data + before, w->text.len - before);
	return 0;
}

static int add_elem(walker *w, const GumboElement *e, const char *name)
{
	doc *d = w->d;
	if (grow_array(&d->el, d->nel, &d->capel, sizeof *d->el) < 0)
		return -1;
	buf attrs = BUF_INIT;
	const char *id = NULL, *cls = NULL;
	int bad = 0; /* a lost attribute would change what selectors match */
	for (unsigned i = 0; i < e->attributes.length; i++) {
		const GumboAttribute *a = e->attributes.data[i];
		bad |= buf_add(&attrs, a->name, strlen(a->name) + 1);
		bad |= buf_add(&attrs, a->value, strlen(a->value) + 1);
	}
	bad |= buf_addc(&attrs, '\0');
	const char *ap = !bad ? arena_add(&d->ar, attrs.data, attrs.len) : NULL;
	buf_free(&attrs);
	if (!ap)
		return -1;
	for (const char *p = ap; *p; p += strlen(p) + 1) {
		const char *v = p + strlen(p) + 1;
		if (strcmp(p, "id") == 0 && *v)
			id = v;
		else if (strcmp(p, "class") == 0 && *v)
			cls = v;
		p = v;
	}
	int parent = top_elem(w);
	d->el[d->nel] = (elem){
		.parent = parent, .tag = name, .id = id, .cls = cls, .attrs = ap,
		.offset = e->start_pos.offset, .line = e->start_pos.line, .first = d->n, .end = d->n,
		.depth = parent >= 0 ? d->el[parent].depth + 1 : 0,
	};
	return (int)d->nel++;
}

static int push(walker *w, GumboNode *n, int el, bool is_blk)
{
	if (grow_array(&w->stack, w->depth, &w->cap, sizeof *w->stack) < 0)
		return CLN_ENOMEM;
	w->stack[w->depth++] = (frame){ n, 0, el, is_blk, w->text.len };
	return 0;
}

static int enter(walker *w, GumboNode *n)
{
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
	    n->type == GUMBO_NODE_CDATA)
		return add_text(w, &n->v.text);
	if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)
		return 0;
	GumboElement *e = &n->v.element;
	if (is_hidden(e->tag))
		return 0;
	const char *name = gumbo_normalized_tagname(e->tag);
	if (e->tag == GUMBO_TAG_UNKNOWN) {
		GumboStringPiece p = e->original_tag;
		gumbo_tag_from_original_text(&p);
		char *lower = arena_add(&w->d->ar, p.data ? p.data : "", p.length);
		if (!lower)
			return CLN_ENOMEM;
		for (char *c = lower; *c; c++)
			*c = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
		name = lower;
	}
	if (e->tag == GUMBO_TAG_BR || e->tag == GUMBO_TAG_HR) {
		int rc = flush(w);
		w->br = e->tag == GUMBO_TAG_BR;
		return rc;
	}
	bool blk = is_block(e->tag);
	int rc;
	if (blk && (rc = flush(w)) < 0)
		return rc;
	if (blk)
		w->br = false;
	int el = add_elem(w, e, name);
	if (el < 0)
		return CLN_ENOMEM;
	count_context(w, e->tag, 1);
	return push(w, n, el, blk);
}

static int leave(walker *w)
{
	/* flush while the element is still on the stack: the block is its */
	frame f = w->stack[w->depth - 1];
	int rc;
	if (f.block && (rc = flush(w)) < 0)
		return rc;
	w->depth--;
	if (!f.block && f.elem >= 0 && w->d->el[f.elem].first == w->d->n && w->text.len > f.text_from) {
		/* inline, all its text in the current block: it may own that block */
		if (grow_array(&w->spans, w->nspans, &w->capspans, sizeof *w->spans) < 0)
			return CLN_ENOMEM;
		w->spans[w->nspans++] = (inline_span){ f.elem, f.text_from, w->text.len };
	}
	GumboNode *n = f.node;
	if (n->type == GUMBO_NODE_ELEMENT)
		count_context(w, n->v.element.tag, -1);
	if (f.elem >= 0)
		w->d->el[f.elem].end = w->d->n;
	return 0;
}

static int walk(walker *w, GumboNode *document)
{
	int rc = push(w, document, -1, false);
	while (rc == 0 && w->depth > 0) {
		frame *f = &w->stack[w->depth - 1];
		GumboVector *kids = f->node->type == GUMBO_NODE_DOCUMENT
		                    ? &f->node->v.document.children : &f->node->v.element.children;
		if (f->child < kids->length)
			rc = enter(w, kids->data[f->child++]);
		else
			rc = leave(w);
	}
	if (rc == 0)
		rc = flush(w);
	return rc;
}

int cln_html_blocks(doc *d)
{
	char *copy;
	size_t flat;
	if (cln_html_guard(d->in, d->len, MAX_NESTING, &copy, &flat) < 0)
		return CLN_ENOMEM;
	if (flat && cln_warn(d, "%zu tags ignored (their text is kept): nested more than %d deep, "
	                     "closing nothing open in a deep page, or misnested so that the "
	                     "parser's work would grow without bound", flat, MAX_NESTING) < 0) {
		free(copy);
		return CLN_ENOMEM;
	}
	const char *src = copy ? copy : d->in;
	cln_parse *parse;
	GumboOutput *out;
	if (cln_html_parse(&parse, &out, src, d->len) < 0) {
		free(copy);
		return CLN_ENOMEM;
	}
	walker w = { .d = d, .src = src };
	int rc = walk(&w, out->document);
	if (rc == 0)
		rc = cln_html_metadata(d, out->document);
	if (rc == 0)
		d->lines = w.line;
	free(w.stack);
	free(w.spans);
	buf_free(&w.text);
	cln_html_parse_free(parse);
	free(copy);
	return rc;
}

void cln_elem_path(const doc *d, int e, buf *out)
{
	int chain[64];
	size_t n = 0;
	for (int i = e; i >= 0 && n < 64; i = d->el[i].parent)
		if (strcmp(d->el[i].tag, "html") != 0)
			chain[n++] = i;
	while (n-- > 0) {
		const elem *x = &d->el[chain[n]];
		buf_adds(out, x->tag);
		if (x->id)
			buf_printf(out, "#%s", x->id);
		else if (x->cls) {
			size_t l = strcspn(x->cls, " \t\n\r\f");
			if (l)
				buf_printf(out, ".%.*s", (int)l, x->cls);
		}
		if (n)
			buf_addc(out, '>');
	}
}

const char *cln_elem_attr(const elem *e, const char *name)
{
	for (const char *p = e->attrs; p && *p;) {
		const char *v = p + strlen(p) + 1;
		if (strcmp(p, name) == 0)
			return v;
		p = v + strlen(v) + 1;
	}
	return NULL;
}

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
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <gumbo.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "htmlwalk.h"
#include "internal.h"
#include "memci.h"

/* Gumbo's stack never holds more open elements than this (htmlguard.c) */
#define MAX_NESTING 2048
/* a big page: over this many bytes */
#define BIG_PAGE (256 << 10)
/* A page of over BIG_PAGE bytes with more <br>s than one per BR_DENSE bytes
   is a page of tiny lines (10 MB of "x<br>" made a 56-byte block of each
   5-byte line): its <br> lines go into blocks of BR_FOLD bytes or more.
   The page size, not the piece size, decides: pieces change no output. */
#define BR_DENSE 32
#define BR_FOLD 64

typedef struct frame {
	GumboNode *node; /* NULL once its piece's tree is gone */
	unsigned child;
	GumboTag tag;
	int elem;       /* its index in d->el, -1 for non-elements */
	bool block;     /* a block-level element: flushes around it */
	bool code;      /* GitHub's table of code lines, read as a <pre> */
	size_t text_from; /* length of the block text when it opened */
	size_t at_block;  /* and the block it went into (d->n) */
} frame;

/* An inline element seen in the block being built: it owns the block if
   its text turns out to be all of it. */
typedef struct inline_span {
	int elem;
	size_t from, to; /* its text in the block buffer */
} inline_span;

/* A formatting element's start tag in a piece's prefix: `in` bytes into
   it, `at` in src, on `line`. */
typedef struct pre_tag {
	size_t in, at;
	unsigned line;
} pre_tag;

typedef struct walker {
	doc *d;
	const char *src;   /* what Gumbo parsed: d->in, or its guarded copy,
	                      without the skips */
	const cln_skips *skips; /* maps positions in src back to d->in */
	size_t off;        /* where the piece being walked starts in src */
	size_t len;        /* src's length */
	unsigned line0;    /* and the lines before it (in src) */
	const char *parsed; /* what Gumbo read: the piece, after a prefix of */
	size_t pre;        /* pre bytes (reopen_prefix) */
	unsigned pre_lines; /* holding as many line ends */
	pre_tag *pre_tags; /* where its tags are in src */
	size_t npre;
	inline_span *spans;
	size_t nspans, capspans;
	buf text;          /* the block being built */
	size_t start, end; /* its source span */
	unsigned line;
	size_t link_chars;
	bool space;        /* a collapsed space is pending */
	bool camel;        /* a space goes in if the next text starts upper-case */
	bool digits;       /* a space goes in if the next text starts with a digit */
	GumboTag left;     /* the inline element that just ended, nothing after it yet */
	int left_elem;     /* and its index in d->el */
	size_t left_from, left_at; /* where its text started and ended */
	bool br;           /* the next block follows a <br> */
	bool fold_br;      /* a page of tiny <br> lines (BR_DENSE) */
	size_t folded;     /* <br>s that became a line end inside a block */
	bool in_fold;      /* the block being built holds such a line end */
	int links, pres, headings, lists, tables, figures, quotes;
	cln_numbering numbers; /* the open <pre>'s line numbers (htmlcode.c) */
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

/* How far past a <button> its end tag is looked for: a label is short. */
enum { BUTTON_SCAN = 4096 };

/* A character that goes on into what follows: a letter (any non-ASCII byte
   counts as one) or a comma; not a sentence's end, a price's digit or a
   tag's '>'. */
static bool runs_on(unsigned char c)
{
	return isalpha(c) || c >= 0x80 || c == ',';
}

/* Where in src a node Gumbo read at pos starts, and its line there (as
   Gumbo counts them, without the skips'). In a piece's prefix, a copy of a
   formatting element Gumbo opened again is where the page has its tag, as
   a whole parse has it. */
static size_t src_at(const walker *w, GumboSourcePosition pos, unsigned *line)
{
	if (pos.offset >= w->pre) {
		*line = w->line0 + pos.line - w->pre_lines;
		return w->off + pos.offset - w->pre;
	}
	for (size_t i = 0; i < w->npre; i++)
		if (w->pre_tags[i].in == pos.offset) {
			*line = w->pre_tags[i].line;
			return w->pre_tags[i].at;
		}
	*line = w->line0 + 1; /* the prefix's own <span>, never walked */
	return w->off;
}

/* A <button> is a control of its own (a card's "Add to cart", a price's
   "Add to bag", "Quick view"), so a block that non-content drops; not one
   in running text, where a script explains a name or term ("said
   professor <button>Thomas W. Malone,</button> the founding director",
   "<button>Batch jobs</button> need"): text that goes on right before its
   tag, or text right after its end tag. Read in the source, not the tree,
   which holds one piece of a page parsed in pieces. */
static bool in_running_text(const walker *w, const GumboElement *e)
{
	unsigned line;
	size_t at = src_at(w, e->start_pos, &line), i = at;
	while (i > 0 && isspace((unsigned char)w->src[i - 1]))
		i--;
	if (i > 0 && runs_on((unsigned char)w->src[i - 1]))
		return true;
	size_t n = w->len - at < BUTTON_SCAN ? w->len - at : BUTTON_SCAN;
	const char *end = memci(w->src + at, n, "</button");
	const char *stop = w->src + at + n;
	end = end ? memchr(end, '>', (size_t)(stop - end)) : NULL;
	if (!end)
		return false;
	while (++end < stop && isspace((unsigned char)*end))
		;
	return end < stop && *end != '<';
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
	case GUMBO_TAG_TD: case GUMBO_TAG_TH: case GUMBO_TAG_CAPTION:
		w->tables += w->pres ? 0 : delta; /* a code table's cells: lines of code */
		break;
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
			return w->stack[i].tag;
	for (size_t i = w->depth; i-- > 0;)
		if (w->stack[i].elem >= 0)
			return w->stack[i].tag;
	return GUMBO_TAG_BODY;
}

_Static_assert(GUMBO_TAG_LAST <= UINT8_MAX, "block.tag holds a GumboTag");

const char *cln_block_tag(const block *b)
{
	return gumbo_normalized_tagname((GumboTag)b->tag);
}

/* Whether the block being built shows nothing (<pre> aside): a paragraph
   of a no-break space or a zero-width joiner is a spacer, no text. */
static bool blank_block(const walker *w)
{
	const unsigned char *s = (const unsigned char *)w->text.data;
	size_t i = 0, n = w->text.len, k = 1;
	while (!w->pres && i < n && (k = cln_shows_nothing(s + i, n - i)) > 0)
		i += k;
	return i == n;
}

/* The block being built shows nothing: it is none. Images with no text
   around them stand before the next block; marks around what showed
   nothing go. */
static void no_block(walker *w)
{
	doc *d = w->d;
	w->text.len = 0;
	w->link_chars = 0;
	w->nspans = 0;
	size_t kept = d->ninl;
	while (kept > 0 && d->inl[kept - 1].block == d->n)
		kept--;
	for (size_t j = kept; j < d->ninl; j++)
		if (!strcmp(cln_elem_tag(&d->el[d->inl[j].elem]), "img")) {
			d->inl[kept] = d->inl[j];
			d->inl[kept].from = d->inl[kept].to = INL_ALONE;
			kept++;
		}
	d->ninl = kept;
}

/* The numbers of a <pre>'s lines leave its block's text, and the inline
   elements' places in it move with the text. */
static void cut_numbers(walker *w)
{
	const cln_numbering *nb = &w->numbers;
	char *t = w->text.data;
	size_t out = nb->v[0].from;
	for (size_t i = 0; i < nb->n; i++) {
		const cln_number *x = &nb->v[i];
		size_t next = i + 1 < nb->n ? nb->v[i + 1].from : w->text.len;
		if (x->link)
			w->link_chars -= cln_utf8_chars(t + x->from, x->to - x->from);
		memmove(t + out, t + x->to, next - x->to);
		out += next - x->to;
	}
	w->text.len = out;
	for (size_t k = 0; k < w->nspans; k++) {
		w->spans[k].from = cln_numbering_moved(nb, w->spans[k].from);
		w->spans[k].to = cln_numbering_moved(nb, w->spans[k].to);
	}
	doc *d = w->d;
	for (size_t k = d->ninl; k-- > 0 && d->inl[k].block == d->n;) {
		d->inl[k].from = (uint32_t)cln_numbering_moved(nb, d->inl[k].from);
		d->inl[k].to = (uint32_t)cln_numbering_moved(nb, d->inl[k].to);
	}
}

static int flush(walker *w)
{
	doc *d = w->d;
	if (w->pres && cln_numbering_holds(&w->numbers)) {
		cut_numbers(w);
		cln_numbering_start(&w->numbers);
	}
	/* trailing white space does not show; in <pre> only line ends are cut
	   (outside, a line end is a folded <br>) */
	for (char c; w->text.len && (c = w->text.data[w->text.len - 1],
	                             w->pres ? c == '\n' || c == '\r' : c == ' ' || c == '\n');)
		w->text.len--;
	w->space = w->camel = w->digits = false;
	if (blank_block(w)) {
		no_block(w);
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
	                 (w->br ? BF_BR : 0) | (w->link_chars >= chars ? BF_LINK : 0) |
	                 (w->in_fold ? BF_FOLDED : 0);
	for (size_t k = 0; k < w->nspans; k++)
		if (w->spans[k].from == 0 && w->spans[k].to >= w->text.len) {
			elem *x = &d->el[w->spans[k].elem];
			if (x->first == x->end) /* no block before this one is its */
				x->first = d->n;
			x->end = d->n + 1;
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
	w->br = w->in_fold = false;
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
			w->space = w->text.len > 0 && w->text.data[w->text.len - 1] != '\n';
			continue;
		}
		if (w->space || (w->camel && isupper((unsigned char)c)) ||
		    (w->digits && isdigit((unsigned char)c))) {
			if (buf_addc(&w->text, ' ') < 0)
				return CLN_ENOMEM;
			w->space = false;
		}
		w->camel = w->digits = false;
		if (buf_addc(&w->text, c) < 0)
			return CLN_ENOMEM;
	}
	if (w->text.len == before)
		return 0;
	unsigned line;
	size_t off = src_at(w, t->start_pos, &line);
	if (before == 0) {
		w->start = cln_skips_orig(w->skips, off);
		w->line = line + cln_skips_lines(w->skips, off);
	}
	/* a text never ends where a skip begins: that is inside a tag */
	w->end = cln_skips_orig(w->skips, t->original_text.data ?
	                        w->off + (size_t)(t->original_text.data - w->parsed) - w->pre +
	                        t->original_text.length : off);
	if (w->links)
		w->link_chars += cln_utf8_chars(w->text.data + before, w->text.len - before);
	return 0;
}

/* The "name\0value\0" pairs of x, after the name of an element Gumbo does
   not know. */
static const char *attr_list(const elem *x)
{
	if (!x->attrs || x->tag != GUMBO_TAG_UNKNOWN)
		return x->attrs;
	return x->attrs + strlen(x->attrs) + 1;
}

/* Add name (n bytes) and a NUL to `to`, lower-cased (ASCII) as selectors
   and paths compare it. */
static int add_lower(buf *to, const char *name, size_t n)
{
	if (buf_reserve(to, n + 1) < 0)
		return -1;
	char *o = to->data + to->len;
	for (size_t i = 0; i < n; i++)
		o[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + 32 : name[i]);
	o[n] = '\0';
	to->len += n + 1;
	return 0;
}

/* The name of element e, which Gumbo does not know. */
static int add_unknown_name(buf *to, const GumboElement *e)
{
	GumboStringPiece p = e->original_tag;
	gumbo_tag_from_original_text(&p);
	return add_lower(to, p.data ? p.data : "", p.length);
}

/* Add the attributes in v that x does not have yet to x (whose attrs is
   NULL while it is new, made from Gumbo's element e): x->attrs becomes a
   new list in the arena, with an unknown element's name kept first. */
static int add_attrs(doc *d, elem *x, const GumboVector *v, const GumboElement *e)
{
	buf attrs = BUF_INIT;
	int bad = 0; /* a lost attribute would change what selectors match */
	if (x->tag == GUMBO_TAG_UNKNOWN)
		bad |= x->attrs ? buf_add(&attrs, x->attrs, strlen(x->attrs) + 1)
		                : add_unknown_name(&attrs, e);
	const char *p = attr_list(x);
	while (p && *p) {
		size_t n = strlen(p) + 1, m = strlen(p + n) + 1;
		bad |= buf_add(&attrs, p, n + m);
		p += n + m;
	}
	for (unsigned i = 0; i < v->length; i++) {
		const GumboAttribute *a = v->data[i];
		if (x->attrs && cln_elem_attr(x, a->name))
			continue;
		/* SVG's names keep their case (viewBox): CSS matches them case-blind */
		bad |= add_lower(&attrs, a->name, strlen(a->name));
		bad |= buf_add(&attrs, a->value, strlen(a->value) + 1);
	}
	bad |= buf_addc(&attrs, '\0');
	const char *ap = !bad ? arena_add(&d->ar, attrs.data, attrs.len) : NULL;
	buf_free(&attrs);
	if (!ap)
		return CLN_ENOMEM;
	x->attrs = ap;
	const char *id = cln_elem_attr(x, "id"), *cls = cln_elem_attr(x, "class");
	x->id = id && *id ? (uint32_t)(id - ap) : 0;
	x->cls = cls && *cls ? (uint32_t)(cls - ap) : 0;
	return 0;
}

static int add_elem(walker *w, const GumboElement *e)
{
	doc *d = w->d;
	if (grow_array(&d->el, d->nel, &d->capel, sizeof *d->el) < 0)
		return -1;
	int parent = top_elem(w);
	elem *x = &d->el[d->nel];
	unsigned line;
	size_t at = src_at(w, e->start_pos, &line);
	*x = (elem){
		.parent = parent, .tag = (uint16_t)e->tag,
		.offset = (uint32_t)cln_skips_orig(w->skips, at),
		.line = line + cln_skips_lines(w->skips, at),
		.first = d->n, .end = d->n,
		.depth = parent >= 0 ? d->el[parent].depth + 1 : 0,
	};
	if (add_attrs(d, x, &e->attributes, e) < 0)
		return -1;
	return (int)d->nel++;
}

static int push(walker *w, GumboNode *n, GumboTag tag, int el, bool is_blk)
{
	if (grow_array(&w->stack, w->depth, &w->cap, sizeof *w->stack) < 0)
		return CLN_ENOMEM;
	w->stack[w->depth++] = (frame){ .node = n, .tag = tag, .elem = el, .block = is_blk,
	                                .text_from = w->text.len, .at_block = w->d->n };
	return 0;
}

/* In <pre>: a <br> ends a line; a line element starts a new one unless
   the code is at a line start already. */
static int pre_line_end(walker *w, bool br)
{
	if (w->text.len == 0 || (!br && w->text.data[w->text.len - 1] == '\n'))
		return 0;
	if (!br)
		cln_numbering_box_end(&w->numbers, w->text.len);
	return buf_addc(&w->text, '\n');
}

/* On a page of tiny <br> lines, a <br> ends a line inside the block being
   built until it holds BR_FOLD bytes; true when it did. */
static bool fold_br(walker *w, int *rc)
{
	if (!w->fold_br || w->text.len == 0 || w->text.len >= BR_FOLD)
		return false;
	while (w->text.len && w->text.data[w->text.len - 1] == ' ')
		w->text.len--;
	w->space = w->camel = w->digits = false;
	w->folded++;
	w->in_fold = true;
	*rc = buf_addc(&w->text, '\n') < 0 ? CLN_ENOMEM : 0;
	return true;
}

/* Whether an element of this tag starts right where another one ended,
   nothing between them: a row of tags or filter options (<a>), a card's
   brand and name (<span>). The page's styles set them apart, and a
   browser shows words apart where the text would run them together
   ("StrategyRoguelike", "Black DiamondAstro 300 Headlamp"). Known from
   the walk, not the tree, so that a page parsed in pieces reads the same. */
static bool follows_same(const walker *w, GumboTag tag)
{
	return w->left == tag && w->left_at == w->text.len && !w->space;
}

/* Is e set in an icon font, holding only a glyph's name? Material Icons
   and Symbols draw "local_offer", "chevron_right" or "check" as a picture
   (class material-icons, material-icons-outlined, material-symbols-rounded
   ...): the name is no text, as an image without alt text has none. In a
   table it is read: a comparison's "check" in a cell says yes. */
static bool icon_font(const char *t, size_t n, const void *arg)
{
	(void)arg;
	return (n >= 14 && strncmp(t, "material-icons", 14) == 0) ||
	       (n >= 16 && strncmp(t, "material-symbols", 16) == 0);
}

static bool icon_glyph(const GumboElement *e)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, "class");
	if (!a || e->children.length != 1)
		return false;
	const GumboNode *t = e->children.data[0];
	if (t->type != GUMBO_NODE_TEXT)
		return false;
	bool icon = cln_any_token(a->value, icon_font, NULL);
	const char *s = t->v.text.text;
	s += strspn(s, " \t\n\f\r");
	size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_");
	return icon && n > 0 && s[n + strspn(s + n, " \t\n\f\r")] == '\0';
}

/* A footnote's reference mark: a <sup> holding only a link to a note on
   the page, of up to MARK_BYTES ("13", "[1]", "*"). The sentence it
   follows does not read it ("ever.13"); an exponent has no link. */
enum { MARK_BYTES = 8 };
static bool footnote_mark(const GumboElement *e)
{
	const GumboElement *a = NULL;
	for (size_t i = 0; e->tag == GUMBO_TAG_SUP && i < e->children.length; i++) {
		const GumboNode *c = e->children.data[i];
		if (c->type == GUMBO_NODE_ELEMENT && !a && c->v.element.tag == GUMBO_TAG_A)
			a = &c->v.element;
		else if (c->type != GUMBO_NODE_WHITESPACE)
			return false;
	}
	const GumboAttribute *href = a ? gumbo_get_attribute(&a->attributes, "href") : NULL;
	if (!href || href->value[0] != '#' || a->children.length != 1)
		return false;
	const GumboNode *t = a->children.data[0];
	return t->type == GUMBO_NODE_TEXT && strlen(t->v.text.text) <= MARK_BYTES;
}

/* A permalink's or a back link's glyph: an <a> to a place on the page
   holding only one of these (Sphinx's and MkDocs' "\u00b6" after a heading,
   VitePress's "#", "\u00a7", a footnote's "\u21a9" back to its mark), with
   white space or a variation selector around it. The page shows it on
   hover; the heading does not read it. */
static bool permalink_glyph(const GumboElement *e)
{
	static const char *const glyphs[] = { "\u00b6", "#", "\u00a7", "\u21a9", "\U0001f517" };
	const GumboAttribute *href = e->tag == GUMBO_TAG_A ? gumbo_get_attribute(&e->attributes, "href") : NULL;
	if (!href || href->value[0] != '#' || e->children.length != 1)
		return false;
	const GumboNode *t = e->children.data[0];
	if (t->type != GUMBO_NODE_TEXT)
		return false;
	const char *s = t->v.text.text;
	s += strspn(s, " \t\n\f\r");
	for (size_t i = 0; i < sizeof glyphs / sizeof *glyphs; i++) {
		size_t n = strlen(glyphs[i]);
		if (strncmp(s, glyphs[i], n) != 0)
			continue;
		if (strncmp(s + n, "\ufe0e", 3) == 0 || strncmp(s + n, "\ufe0f", 3) == 0)
			n += 3; /* text or emoji presentation */
		return s[n + strspn(s + n, " \t\n\f\r")] == '\0';
	}
	return false;
}

/* Do e and the span that just ended carry one class: items of one list
   (IMDb's "cli-title-metadata-item"), not the parts of one price or name
   a page styles apart ("price-msrp" and "price-discount")? */
static bool same_class(const walker *w, const GumboElement *e)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, "class");
	const char *left = elem_class(&w->d->el[w->left_elem]);
	return a && left && a->value[0] && strcmp(a->value, left) == 0;
}

/* Does class token [c, c + n) end in one of the words (a NULL-ended
   array) after '-' or '_'? */
static bool ends_in_word(const char *c, size_t n, const void *arg)
{
	const char *const *words = arg;
	for (size_t k = 0; words[k]; k++) {
		size_t wl = strlen(words[k]);
		if (n > wl && (c[n - wl - 1] == '-' || c[n - wl - 1] == '_') &&
		    strncmp(c + n - wl, words[k], wl) == 0)
			return true;
	}
	return false;
}

static bool class_ends(const char *list, const char *const *words)
{
	return cln_any_token(list, ends_in_word, words);
}

/* Are the span that just ended and e a label and its value, named so
   ("details_name" and "details_value", "spec-label" and "spec-value")?
   A row of a shop's details styles them apart: "ISBN-10 054410305X". */
static bool label_then_value(const walker *w, const GumboElement *e)
{
	static const char *const label[] = { "label", "name", "key", "term", "title", NULL };
	static const char *const value[] = { "value", "val", "data", NULL };
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, "class");
	return a && class_ends(elem_class(&w->d->el[w->left_elem]), label) &&
	       class_ends(a->value, value);
}

/* Two links that touch are two items: a space between them. Two spans
   are when the first ends in two lower-case letters and the second starts
   upper-case ("Diamond|Astro"); not a word split for styling
   ("gyo|kuro"), nor "Mc|Donald" or "i|Phone". Two spans of one class,
   items of one list, are also two items when the first ends in a digit
   and a lower-case letter and the second starts upper-case (a running
   time and a rating, "1h 54m|R"), or when the first, of two characters or
   more, ends in a digit and the second starts with one (a year and a
   running time, "2026|1h 54m", read as one number otherwise). A counter
   printed a digit a span, or a price cut at its point ("19|.99"), does
   not touch so. */
static void space_siblings(walker *w, const GumboElement *e)
{
	size_t len = w->text.len;
	if (len > 0 && follows_same(w, GUMBO_TAG_A) && e->tag == GUMBO_TAG_A)
		w->space = w->text.data[len - 1] != '\n';
	else if (len > 0 && follows_same(w, GUMBO_TAG_SPAN) && e->tag == GUMBO_TAG_SPAN &&
	         label_then_value(w, e))
		w->space = w->text.data[len - 1] != '\n';
	else if (len > 1 && follows_same(w, GUMBO_TAG_SPAN) && e->tag == GUMBO_TAG_SPAN) {
		unsigned char last = (unsigned char)w->text.data[len - 1];
		unsigned char prev = (unsigned char)w->text.data[len - 2];
		bool items = same_class(w, e);
		w->camel = islower(last) && (islower(prev) || (items && isdigit(prev)));
		w->digits = items && isdigit(last) && isalnum(prev) && w->left_from + 2 <= len;
	}
}

/* A React streaming placeholder's id without its "B:" or "P:". */
static const char *stream_slot_id(const GumboElement *e)
{
	const GumboAttribute *id = gumbo_get_attribute(&e->attributes, "id");
	if (!id || (id->value[0] != 'B' && id->value[0] != 'P') || id->value[1] != ':' ||
	    !id->value[2] || strlen(id->value + 2) >= sizeof ((stream_slot *)0)->id)
		return NULL;
	return id->value + 2;
}

static int add_stream_slot(walker *w, const GumboElement *e)
{
	doc *d = w->d;
	const char *id = stream_slot_id(e);
	if (!id)
		return 0;
	if (grow_array(&d->slots, d->nslots, &d->capslots, sizeof *d->slots) < 0)
		return CLN_ENOMEM;
	stream_slot *s = &d->slots[d->nslots++];
	strcpy(s->id, id);
	s->parent = top_elem(w);
	return 0;
}

/* Is the walk between a table's cells (white space there shows nothing,
   even where white space shows: GitHub's table of code lines)? */
static bool between_cells(const walker *w)
{
	int e = top_elem(w);
	uint16_t t = e >= 0 ? w->d->el[e].tag : GUMBO_TAG_UNKNOWN;
	return t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD ||
	       t == GUMBO_TAG_TFOOT || t == GUMBO_TAG_TR;
}

/* GitHub's table of code lines (a gist's, a file's), read as a <pre> of
   rows (cln_code_table_class). */
static bool code_table(const GumboElement *e)
{
	const GumboAttribute *cls = e->tag == GUMBO_TAG_TABLE ? gumbo_get_attribute(&e->attributes, "class") : NULL;
	return cls && cln_code_table_class(cls->value);
}

/* Text in a <pre>: the code's, or a line's number (htmlcode.c). */
static int add_pre_text(walker *w, const GumboText *t)
{
	size_t before = w->text.len;
	int rc = add_text(w, t);
	if (rc == 0)
		cln_numbering_text(&w->numbers, w->text.data + before, w->text.len - before);
	return rc;
}

/* An element that numbers a <pre>'s line (cln_numbering_candidate): its
   text goes in as it would, its bytes noted, in case the <pre>'s numbers
   turn out to number its lines. */
static int add_number(walker *w, const GumboElement *e, long value)
{
	size_t from = w->text.len;
	int rc = 0;
	for (unsigned i = 0; rc == 0 && i < e->children.length; i++) {
		const GumboNode *c = e->children.data[i];
		if (c->type == GUMBO_NODE_TEXT || c->type == GUMBO_NODE_WHITESPACE)
			rc = add_text(w, &c->v.text);
	}
	w->stack[w->depth - 1].child = e->children.length;
	return rc ? rc : cln_numbering_take(&w->numbers, value, from, w->text.len, w->links > 0);
}

/* An address Cloudflare hid (cln_cf_email) reads as the browser shows it,
   in place of "[email protected]", the element's one text. */
enum { EMAIL_MAX = 256 };
static int add_email(walker *w, const GumboElement *e)
{
	const GumboNode *c = e->children.data[0];
	char addr[EMAIL_MAX];
	if (c->type != GUMBO_NODE_TEXT || !cln_cf_email(e, addr, sizeof addr))
		return 0;
	GumboText t = c->v.text;
	t.text = addr;
	w->stack[w->depth - 1].child = 1;
	return w->pres ? add_pre_text(w, &t) : add_text(w, &t);
}

static int enter(walker *w, GumboNode *n)
{
	if (n->type == GUMBO_NODE_WHITESPACE && w->pres && between_cells(w))
		return 0; /* a code table's layout, no code */
	if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
	    n->type == GUMBO_NODE_CDATA)
		return w->pres ? add_pre_text(w, &n->v.text) : add_text(w, &n->v.text);
	if (n->type != GUMBO_NODE_ELEMENT && n->type != GUMBO_NODE_TEMPLATE)
		return 0;
	GumboElement *e = &n->v.element;
	if (e->tag == GUMBO_TAG_TEMPLATE)
		return add_stream_slot(w, e);
	int rc = 0;
	/* a copy button a page puts in its code is no code */
	if (is_hidden(e->tag) || cln_code_gutter(e) || (w->pres && e->tag == GUMBO_TAG_BUTTON))
		return 0;
	bool code = code_table(e);
	if ((code || e->tag == GUMBO_TAG_PRE) && !w->pres)
		cln_numbering_start(&w->numbers);
	/* inside <pre> the code stays one block: a <br> or a line element
	   (<div class="line">, as highlighters write them) only ends a line */
	if (w->pres && (e->tag == GUMBO_TAG_BR || e->tag == GUMBO_TAG_HR || is_block(e->tag))) {
		cln_numbering_line(&w->numbers, e->tag != GUMBO_TAG_BR);
		if (pre_line_end(w, e->tag == GUMBO_TAG_BR) < 0)
			return CLN_ENOMEM;
	}
	if (!w->pres && e->tag == GUMBO_TAG_BR && fold_br(w, &rc))
		return rc;
	if (!w->pres && (e->tag == GUMBO_TAG_BR || e->tag == GUMBO_TAG_HR)) {
		rc = flush(w);
		w->br = e->tag == GUMBO_TAG_BR;
		return rc;
	}
	if (e->tag == GUMBO_TAG_BR || e->tag == GUMBO_TAG_HR)
		return 0;
	bool blk = (is_block(e->tag) || (e->tag == GUMBO_TAG_BUTTON && !in_running_text(w, e))) &&
	           !w->pres;
	if (!blk && !w->pres)
		space_siblings(w, e);
	w->left = GUMBO_TAG_UNKNOWN;
	if (blk && (rc = flush(w)) < 0)
		return rc;
	if (blk)
		w->br = false;
	int el = add_elem(w, e);
	if (el < 0)
		return CLN_ENOMEM;
	count_context(w, code ? GUMBO_TAG_PRE : e->tag, 1);
	rc = push(w, n, e->tag, el, blk);
	if (rc == 0)
		w->stack[w->depth - 1].code = code;
	if (rc == 0 && e->children.length == 1)
		rc = add_email(w, e);
	long number;
	if (rc == 0 && w->pres && cln_numbering_candidate(&w->numbers, e, &number))
		return add_number(w, e, number);
	if (rc == 0 && !w->pres && ((!w->tables && icon_glyph(e)) || footnote_mark(e) || permalink_glyph(e)))
		w->stack[w->depth - 1].child = e->children.length; /* its name or mark is not read */
	return rc;
}

/* Markdown: where an inline element's text is in its block's; none when
   a block ended inside it. */
static int mark_inline(walker *w, const frame *f)
{
	doc *d = w->d;
	if (f->at_block != d->n || f->text_from > w->text.len ||
	    !cln_md_inline(cln_elem_tag(&d->el[f->elem]), d->markdown))
		return 0;
	if (grow_array(&d->inl, d->ninl, &d->capinl, sizeof *d->inl) < 0)
		return CLN_ENOMEM;
	size_t from = f->text_from, to = w->text.len;
	if (from == to) /* an image: after a space pending before it */
		from = to += w->space;
	else /* a space before it went in with its text */
		from += w->text.data[from] == ' ';
	d->inl[d->ninl++] = (md_inline){ (uint32_t)d->n, (uint32_t)from, (uint32_t)to, f->elem };
	return 0;
}

/* A block that reads as sentences: SENTENCE_CHARS or more, a full stop
   inside or a sentence's end at its end. */
enum { SENTENCE_CHARS = 80, WRAPPED_SENTENCES = 2 };

static bool sentences(const block *b)
{
	return b->chars >= SENTENCE_CHARS &&
	       (cln_ends_sentence(b) || memmem(b->text, b->len, ". ", 2));
}

/* An <a> around paragraphs of sentences is no link but a tag left open (a
   quote missing, `<a href=x target="_blank"Name</a>`): HTML puts all that
   follows inside it, and every paragraph would read as a link. Text in the
   blocks it holds whole is not link text. <a> never nests, so the anchors'
   block ranges are disjoint and this costs one look at each block. */
static void unlink_wrapper(doc *d, const frame *f)
{
	size_t from = f->at_block + (f->text_from > 0), seen = 0;
	for (size_t k = from; k < d->n && seen < WRAPPED_SENTENCES; k++)
		seen += sentences(&d->b[k]);
	for (size_t k = from; k < d->n && seen >= WRAPPED_SENTENCES; k++) {
		d->b[k].link_chars = 0;
		d->b[k].flags &= ~BF_LINK;
	}
}

/* An inline element's blocks are those its text is all of. One that
   spans blocks (a <span> around a <button> or a <div>) starts after the
   block it joined when that began before it (text that showed, not a
   zero-width space, which makes no block); the block still being built
   after it may be its (flush decides). */
static int inline_range(walker *w, const frame *f)
{
	const doc *d = w->d;
	elem *x = &d->el[f->elem];
	size_t from = f->text_from;
	if (x->first < d->n) {
		x->first = f->at_block + (d->b[f->at_block].start < x->offset);
		from = 0; /* that block began inside it */
	}
	if (w->text.len <= from)
		return 0;
	if (grow_array(&w->spans, w->nspans, &w->capspans, sizeof *w->spans) < 0)
		return CLN_ENOMEM;
	w->spans[w->nspans++] = (inline_span){ f->elem, from, w->text.len };
	return 0;
}

static int leave(walker *w)
{
	/* flush while the element is still on the stack: the block is its */
	frame f = w->stack[w->depth - 1];
	int rc;
	if (f.block && (rc = flush(w)) < 0)
		return rc;
	w->depth--;
	if (!f.block && f.elem >= 0 && (rc = inline_range(w, &f)) < 0)
		return rc;
	if (!f.block && f.elem >= 0 && w->d->markdown && (rc = mark_inline(w, &f)) < 0)
		return rc;
	if (f.elem >= 0) { /* not a piece's stand-in root */
		w->left = f.block ? GUMBO_TAG_UNKNOWN : f.tag;
		w->left_elem = f.elem;
		w->left_from = f.text_from;
		w->left_at = w->text.len;
		count_context(w, f.code ? GUMBO_TAG_PRE : f.tag, -1);
		w->d->el[f.elem].end = w->d->n;
		if (f.tag == GUMBO_TAG_A)
			unlink_wrapper(w->d, &f);
	}
	return 0;
}

static const GumboVector *children(const GumboNode *n)
{
	return n->type == GUMBO_NODE_DOCUMENT ? &n->v.document.children : &n->v.element.children;
}

/* The innermost element of a piece's tree still open where the piece
   ends: down the last children from root while they are the open elements
   tags[from, n) (a tree that disagrees with the guard stops it early). */
static GumboNode *open_end(GumboNode *root, const uint16_t *tags, size_t from, size_t n)
{
	GumboNode *node = root;
	for (size_t i = from; i < n; i++) {
		const GumboVector *kids = children(node);
		GumboNode *last = kids->length ? kids->data[kids->length - 1] : NULL;
		if (!last || last->type != GUMBO_NODE_ELEMENT || last->v.element.tag != tags[i] ||
		    is_hidden(last->v.element.tag))
			break;
		node = last;
	}
	return node;
}

/* Walk a piece's tree from root (the document, or a fragment's stand-in
   <html>) on top of what earlier pieces left open, until the element
   `stop` has no more children (NULL: to the end). */
static int walk_piece(walker *w, GumboNode *root, GumboNode *stop)
{
	size_t base = w->depth;
	int rc = push(w, root, GUMBO_TAG_UNKNOWN, -1, false);
	const GumboVector *top = children(root);
	if (rc == 0 && w->pre && top->length && ((GumboNode *)top->data[0])->type == GUMBO_NODE_ELEMENT &&
	    ((GumboNode *)top->data[0])->v.element.start_pos.offset == 0)
		w->stack[base].child = 1; /* the prefix's <span> (reopen_prefix) */
	while (rc == 0 && w->depth > base) {
		frame *f = &w->stack[w->depth - 1];
		const GumboVector *kids = children(f->node);
		if (f->child < kids->length)
			rc = enter(w, kids->data[f->child++]);
		else if (f->node == stop)
			break;
		else
			rc = leave(w);
	}
	return rc;
}

/* After a piece: its tree goes; of the elements open, the first cut->keep
   stay open into the next piece, as far as they are the ones the guard
   saw open; the others close here. */
static int end_piece(walker *w, const cln_cut *cut, const uint16_t *tags)
{
	size_t pos = 0, kept = 0;
	for (size_t i = 0; i < w->depth; i++) {
		w->stack[i].node = NULL;
		if (w->stack[i].elem < 0 || kept == cut->keep)
			continue;
		if (w->stack[i].tag != tags[kept])
			kept = cut->keep; /* a disagreement: what follows closes */
		else {
			kept++;
			pos = i + 1;
		}
	}
	int rc = 0;
	while (rc == 0 && w->depth > pos)
		rc = leave(w);
	return rc;
}

/* Lines before byte `to` of s as Gumbo counts them (a CR LF, CR or LF
   ends one), given `line` of them before byte `from`. */
static unsigned lines_before(const char *s, size_t len, size_t from, size_t to, unsigned line)
{
	for (size_t i = from; i < to; i++)
		line += s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n'));
	return line;
}

/* The line of src's byte `at`, before the piece that starts at `from`:
   known if a tag of the last prefix was there (a chain of cuts leaves the
   same elements waiting: each line is counted once). */
static unsigned line_at(const walker *w, size_t at, size_t from)
{
	for (size_t i = 0; i < w->npre; i++)
		if (w->pre_tags[i].at == at)
			return w->pre_tags[i].line;
	return w->line0 + 1 - lines_before(w->src, w->len, at, from, 0);
}

/* A fragment starts with no formatting element waiting to be opened
   again, where the whole parse may have some the cut left waiting (an <a>
   whose </a> never came, closed by its parent's end tag, opens again
   around what follows). So the piece src[from, end) is parsed after
   "<span><a ...></span>", their start tags as the page has them: Gumbo
   closes them with the span, and opens copies of them where the whole
   parse does. The walk skips the span; src_at places the copies. */
static int reopen_prefix(walker *w, const cln_guarded *g, const cln_cut *prev, size_t from,
                         size_t end, char **copy)
{
	static const char open[] = "<span>", close[] = "</span>";
	const size_t *f = g->fmts + 2 * prev->fmt0;
	size_t n = sizeof open + sizeof close + (end - from);
	for (size_t i = 0; i < prev->nfmt; i++)
		n += f[2 * i + 1] - f[2 * i];
	pre_tag *tags = malloc(prev->nfmt * sizeof *tags);
	char *b = malloc(n);
	if (!tags || !b) {
		free(tags);
		free(b);
		return CLN_ENOMEM;
	}
	size_t len = sizeof open - 1;
	memcpy(b, open, len);
	for (size_t i = 0; i < prev->nfmt; i++) {
		tags[i] = (pre_tag){ len, f[2 * i], line_at(w, f[2 * i], from) };
		memcpy(b + len, w->src + f[2 * i], f[2 * i + 1] - f[2 * i]);
		len += f[2 * i + 1] - f[2 * i];
	}
	memcpy(b + len, close, sizeof close - 1);
	len += sizeof close - 1;
	memcpy(b + len, w->src + from, end - from);
	free(w->pre_tags);
	w->pre_tags = tags;
	w->npre = prev->nfmt;
	w->pre = len;
	w->pre_lines = lines_before(b, len, 0, len, 0);
	*copy = b;
	return 0;
}

static bool is_table_part(int t)
{
	return t == GUMBO_TAG_TABLE || t == GUMBO_TAG_TBODY || t == GUMBO_TAG_THEAD ||
	       t == GUMBO_TAG_TFOOT || t == GUMBO_TAG_TR;
}

/* Parse and walk the piece src[from, end) (a whole page when context is
   GUMBO_TAG_LAST); prev: the cut it starts at, cut: where it ends, NULL
   for the last piece. Inside a table part (where a <span> would go
   before the table) the elements waiting stay out. */
static int parse_piece(walker *w, const cln_guarded *g, size_t from, size_t end, int context,
                       const cln_cut *prev, const cln_cut *cut)
{
	cln_parse *parse;
	GumboOutput *out;
	char *copy = NULL;
	w->pre = 0;
	w->pre_lines = 0;
	if (prev && prev->nfmt && !is_table_part(context) &&
	    reopen_prefix(w, g, prev, from, end, &copy) < 0)
		return CLN_ENOMEM;
	w->parsed = copy ? copy : w->src + from;
	if (cln_html_parse(&parse, &out, w->parsed, w->pre + end - from, context) < 0) {
		free(copy);
		return CLN_ENOMEM;
	}
	bool whole = context == GUMBO_TAG_LAST;
	GumboNode *root = whole ? out->document : out->root;
	GumboNode *stop = NULL;
	if (cut) {
		size_t kept = 0; /* the elements earlier pieces left open */
		for (size_t i = 0; i < w->depth; i++)
			kept += w->stack[i].elem >= 0;
		stop = open_end(root, g->tags + cut->tag0, kept, cut->open);
	}
	int rc = walk_piece(w, root, stop);
	if (rc == 0)
		rc = cln_html_metadata(w->d, out->document);
	if (rc == 0 && cut)
		rc = end_piece(w, cut, g->tags + cut->tag0);
	cln_html_parse_free(parse);
	free(copy);
	return rc;
}

/* A page's first elements named html and body (as cln_elem_path skips). */
static int page_elem(const doc *d, const char *name)
{
	for (size_t i = 0; i < d->nel && d->el[i].depth <= 1; i++)
		if (strcmp(cln_elem_tag(&d->el[i]), name) == 0)
			return (int)i;
	return -1;
}

/* The <html> and <body> tags of later pieces: as in a whole parse, what
   they say adds to the page's elements (each is parsed on its own). */
static int late_attrs(doc *d, const char *src, const cln_guarded *g)
{
	int rc = 0, html = page_elem(d, "html"), body = page_elem(d, "body");
	for (size_t i = 0; rc == 0 && i < g->nlate; i++) {
		cln_parse *parse;
		GumboOutput *out;
		size_t from = g->late[2 * i], to = g->late[2 * i + 1];
		if (cln_html_parse(&parse, &out, src + from, to - from, GUMBO_TAG_LAST) < 0)
			return CLN_ENOMEM;
		const GumboVector *kids = &out->root->v.element.children;
		const GumboNode *b = kids->length ? kids->data[kids->length - 1] : NULL;
		if (html >= 0)
			rc = add_attrs(d, &d->el[html], &out->root->v.element.attributes, NULL);
		if (rc == 0 && body >= 0 && b && b->type == GUMBO_NODE_ELEMENT &&
		    b->v.element.tag == GUMBO_TAG_BODY)
			rc = add_attrs(d, &d->el[body], &b->v.element.attributes, NULL);
		cln_html_parse_free(parse);
	}
	return rc;
}

/* Parse the page one piece at a time, so that Gumbo's tree never holds
   more than one; a page up to `piece` bytes is one piece. */
static int walk_pieces(walker *w, const cln_guarded *g, size_t len)
{
	size_t from = 0;
	int context = GUMBO_TAG_LAST, rc = 0;
	for (size_t k = 0; rc == 0 && k <= g->ncuts; k++) {
		const cln_cut *cut = k < g->ncuts ? &g->cuts[k] : NULL;
		rc = parse_piece(w, g, from, cut ? cut->at : len, context, k ? &g->cuts[k - 1] : NULL, cut);
		if (!cut)
			break;
		w->line0 = lines_before(w->src, len, from, cut->resume, w->line0);
		w->off = from = cut->resume;
		context = cut->keep ? g->tags[cut->tag0 + cut->keep - 1] : GUMBO_TAG_BODY;
	}
	free(w->pre_tags);
	while (rc == 0 && w->depth > 0)
		rc = leave(w);
	if (rc == 0)
		rc = flush(w);
	return rc == 0 ? late_attrs(w->d, w->src, g) : rc;
}

/* The copy without the skips costs the page's size again. On a page over
   BIG_PAGE bytes it is made only when they are more than a 32nd of it
   (Gumbo reads ~100 instructions a byte, the copy ~1): a 1 MB page of
   nested <div>s skipping a few bytes took a 1 MB copy. The output is the
   same either way. */
static bool worth_a_copy(const cln_skips *sk, size_t len)
{
	size_t gone = 0;
	for (size_t i = 0; i < sk->n; i++)
		gone += sk->v[i].to - sk->v[i].from;
	return gone && (len <= BIG_PAGE || gone > len / 32);
}

/* Leave the skips out of the page Gumbo reads: the cuts and late tags
   then say where they are in the copy (none is inside a skip). */
static int compact(cln_guarded *g, const char *src, size_t len, char **out, size_t *out_len)
{
	if (cln_skips_compact(&g->skips, src, len, out, out_len) < 0)
		return CLN_ENOMEM;
	for (size_t i = 0; i < g->ncuts; i++) {
		g->cuts[i].at = cln_skips_to_copy(&g->skips, g->cuts[i].at);
		g->cuts[i].resume = cln_skips_to_copy(&g->skips, g->cuts[i].resume);
	}
	for (size_t i = 0; i < 2 * g->nlate; i++)
		g->late[i] = cln_skips_to_copy(&g->skips, g->late[i]);
	for (size_t i = 0; i < g->nfmts; i++)
		g->fmts[i] = cln_skips_to_copy(&g->skips, g->fmts[i]);
	return 0;
}

int cln_html_blocks(doc *d, size_t piece)
{
	cln_guarded g;
	if (cln_html_guard(d->in, d->len, MAX_NESTING, d->len > piece ? piece : 0, true,
	                   cln_explain_selects(d->ex) ? NULL : d->rules->attrs, &g) < 0)
		return CLN_ENOMEM;
	int rc = 0;
	if (g.flattened)
		rc = cln_warn(d, "%zu tags ignored (their text is kept): nested more than %d deep, "
		              "closing nothing open in a deep page, or misnested so that the "
		              "parser's work would grow without bound", g.flattened, MAX_NESTING);
	char *copy = NULL;
	size_t len = d->len;
	if (rc == 0 && worth_a_copy(&g.skips, d->len))
		rc = compact(&g, g.copy ? g.copy : d->in, d->len, &copy, &len);
	walker w = { .d = d, .src = copy ? copy : g.copy ? g.copy : d->in, .len = len, .skips = &g.skips,
	             .fold_br = d->len > BIG_PAGE && g.brs > d->len / BR_DENSE };
	if (rc == 0)
		rc = walk_pieces(&w, &g, len);
	if (rc == 0 && w.folded)
		rc = cln_warn(d, "%zu <br> line breaks kept inside blocks of several lines: a page "
		              "of tiny lines (a <br> to every %d bytes or less) is cleaned in "
		              "blocks of %d bytes or more, which rules see whole", w.folded,
		              BR_DENSE, BR_FOLD);
	if (rc == 0)
		d->lines = w.line;
	free(copy);
	free(w.stack);
	free(w.numbers.v);
	free(w.spans);
	buf_free(&w.text);
	cln_guarded_free(&g);
	return rc;
}

void cln_elem_path(const doc *d, int e, buf *out)
{
	int chain[64];
	size_t n = 0;
	for (int i = e; i >= 0 && n < 64; i = d->el[i].parent)
		if (strcmp(cln_elem_tag(&d->el[i]), "html") != 0)
			chain[n++] = i;
	if (n == 0) /* the root itself, which other paths leave out */
		buf_adds(out, "html");
	while (n-- > 0) {
		const elem *x = &d->el[chain[n]];
		buf_adds(out, cln_elem_tag(x));
		if (x->id)
			buf_printf(out, "#%s", elem_id(x));
		else if (x->cls) {
			size_t l = strcspn(elem_class(x), " \t\n\r\f");
			if (l)
				buf_printf(out, ".%.*s", (int)l, elem_class(x));
		}
		if (n)
			buf_addc(out, '>');
	}
}

const char *cln_elem_tag(const elem *e)
{
	return e->tag == GUMBO_TAG_UNKNOWN ? e->attrs : gumbo_normalized_tagname((GumboTag)e->tag);
}

bool cln_elem_whole_page(const elem *e)
{
	return e->tag == GUMBO_TAG_BODY || e->tag == GUMBO_TAG_HTML;
}

const char *cln_elem_attrs(const elem *e)
{
	return attr_list(e);
}

const char *cln_elem_attr(const elem *e, const char *name)
{
	for (const char *p = attr_list(e); p && *p;) {
		const char *v = p + strlen(p) + 1;
		if (strcmp(p, name) == 0)
			return v;
		p = v + strlen(v) + 1;
	}
	return NULL;
}

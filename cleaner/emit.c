/*
 * emit.c - the clean text: kept blocks in order, byte for byte, each with
 * its own line end. Between two kept blocks goes the blank-line run that
 * stood right before the second one, or else the last one in the gap, so
 * paragraphs stay apart when the noise between them goes. A document with
 * nothing removed comes out identical to the input.
 */
#include <string.h>

#include "internal.h"

/* Note block i in *at if a removal starts there or it is a kept block with
   edits; off: the text's length so far (a kept block's: where it starts). */
static int spot_at(const doc *d, size_t i, size_t off, spots *at)
{
	const block *b = &d->b[i];
	bool run = b->removed_by >= 0 && (i == 0 || d->b[i - 1].group != b->group);
	bool edited = b->removed_by < 0 && d->block_edit && d->block_edit[i] != (size_t)-1;
	if (!run && !edited)
		return 0;
	if (grow_array(&at->v, at->n, &at->cap, sizeof *at->v) < 0)
		return -1;
	at->v[at->n++] = (spot){ i, off };
	return 0;
}

int cln_emit_text(const doc *d, buf *out, spots *at)
{
	if (d->n == 0)
		return buf_add(out, d->in, d->len);
	/* the output is the input less what went, unless replace rules made
	   text longer: one allocation of the right size instead of doublings */
	if (buf_reserve(out, d->len) < 0)
		return CLN_ENOMEM;
	bool any = false;
	size_t sep_s = 0, sep_e = 0;
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		if (b->blanks) { /* they run from the previous block's end */
			sep_s = i ? d->b[i - 1].end : 0;
			sep_e = b->start;
		}
		if (b->removed_by >= 0) {
			if (spot_at(d, i, out->len, at) < 0)
				return CLN_ENOMEM;
			continue;
		}
		int rc = 0;
		if (!any && i == 0)
			rc |= buf_add(out, d->in, d->lead_end);
		else if (any)
			rc |= buf_add(out, d->in + sep_s, sep_e - sep_s);
		rc |= spot_at(d, i, out->len, at) | buf_add(out, b->text, b->len);
		rc |= buf_add(out, d->in + b->end - b->eol_len, b->eol_len);
		if (rc)
			return CLN_ENOMEM;
		any = true;
		sep_s = sep_e = 0;
	}
	if (d->b[d->n - 1].removed_by < 0)
		return buf_add(out, d->in + d->trail_start, d->len - d->trail_start) ? CLN_ENOMEM : 0;
	return 0;
}

/* The list element (ul, ol, dl) an item block belongs to, or -1. */
static int list_of(const doc *d, const block *b)
{
	for (int e = b->elem; e >= 0; e = d->el[e].parent)
		if (!strcmp(d->el[e].tag, "ul") || !strcmp(d->el[e].tag, "ol") ||
		    !strcmp(d->el[e].tag, "dl"))
			return e;
	return -1;
}

static int heading_level(const block *b)
{
	const char *t = cln_block_tag(b);
	return t[0] == 'h' && t[1] >= '1' && t[1] <= '6' && !t[2] ? t[1] - '0' : 0;
}

/* Markdown's marks: what goes into the text where (md_mark). */
enum { MD_PRE_OPEN = 7, MD_PRE_CLOSE, MD_QUOTE, MD_ITEM, MD_NUMBERED, MD_KINDS };
_Static_assert(MD_KINDS <= 16, "a mark's kind takes 4 bits");

static int add_mark(md_marks *m, size_t at, unsigned kind)
{
	if (grow_array(&m->v, m->n, &m->cap, sizeof *m->v) < 0)
		return -1;
	m->v[m->n++] = (uint64_t)at << 4 | kind;
	return 0;
}

/* Where Markdown adds to block b, which starts at byte `at` of the text. */
static int mark_block(const doc *d, const block *b, size_t at, md_marks *m)
{
	int h = heading_level(b), rc = 0;
	if (h)
		rc |= add_mark(m, at, (unsigned)h);
	else if (b->flags & BF_PRE)
		rc |= add_mark(m, at, MD_PRE_OPEN) | add_mark(m, at + b->len, MD_PRE_CLOSE);
	else if (b->flags & BF_QUOTE)
		rc |= add_mark(m, at, MD_QUOTE);
	else if (b->flags & BF_LIST) {
		int l = list_of(d, b);
		rc |= add_mark(m, at, l >= 0 && !strcmp(d->el[l].tag, "ol") ? MD_NUMBERED : MD_ITEM);
	}
	return rc;
}

int cln_markdown(buf *out, const char *text, size_t len, const uint64_t *marks, size_t n)
{
	static const char *const put[MD_KINDS] = {
		"", "# ", "## ", "### ", "#### ", "##### ", "###### ",
		[MD_PRE_OPEN] = "```\n", [MD_PRE_CLOSE] = "\n```", [MD_QUOTE] = "> ",
		[MD_ITEM] = "- ", [MD_NUMBERED] = "1. ",
	};
	size_t at = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		size_t to = (size_t)(marks[i] >> 4);
		rc |= buf_add(out, text + at, to - at) | buf_adds(out, put[marks[i] & 15]);
		at = to;
	}
	rc |= buf_add(out, text + at, len - at);
	if (!out->data)
		rc |= buf_reserve(out, 0);
	return rc ? CLN_ENOMEM : 0;
}

int cln_emit_html(const doc *d, buf *out, md_marks *marks, spots *at)
{
	const block *prev = NULL;
	size_t prev_i = 0, base = out->len;
	int rc = 0;
	for (size_t i = 0; i < d->n && rc == 0; i++) {
		const block *b = &d->b[i];
		if (b->removed_by >= 0) {
			rc |= spot_at(d, i, out->len - base, at);
			continue;
		}
		if (prev) {
			/* lines of one paragraph and items of one list stay together */
			bool tight = ((b->flags & BF_BR) && prev_i + 1 == i) ||
			             ((b->flags & BF_LIST) && (prev->flags & BF_LIST) &&
			              list_of(d, b) == list_of(d, prev)) ||
			             ((b->flags & BF_TABLE) && (prev->flags & BF_TABLE));
			rc |= buf_adds(out, tight ? "\n" : "\n\n");
		}
		rc |= mark_block(d, b, out->len - base, marks) | spot_at(d, i, out->len - base, at) |
		      buf_add(out, b->text, b->len);
		prev = b;
		prev_i = i;
	}
	if (d->added_text) /* a paragraph the page does not show (mainproduct.c) */
		rc |= buf_adds(out, prev ? "\n\n" : "") | buf_adds(out, d->added_text);
	if (prev || d->added_text)
		rc |= buf_addc(out, '\n');
	if (!out->data)
		rc |= buf_reserve(out, 0);
	return rc ? CLN_ENOMEM : 0;
}

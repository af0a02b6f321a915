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
		if (!strcmp(cln_elem_tag(&d->el[e]), "ul") || !strcmp(cln_elem_tag(&d->el[e]), "ol") ||
		    !strcmp(cln_elem_tag(&d->el[e]), "dl"))
			return e;
	return -1;
}

int cln_emit_html(const doc *d, buf *out, spots *at)
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
		rc |= spot_at(d, i, out->len - base, at) | buf_add(out, b->text, b->len);
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

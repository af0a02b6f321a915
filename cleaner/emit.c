/*
 * emit.c - the clean text: kept blocks in order, byte for byte, each with
 * its own line end. Between two kept blocks goes the blank-line run that
 * stood right before the second one, or else the last one in the gap, so
 * paragraphs stay apart when the noise between them goes. A document with
 * nothing removed comes out identical to the input.
 */
#include <string.h>

#include "internal.h"

int cln_emit_text(const doc *d, buf *out)
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
		if (b->removed_by >= 0)
			continue;
		int rc = 0;
		if (!any && i == 0)
			rc |= buf_add(out, d->in, d->lead_end);
		else if (any)
			rc |= buf_add(out, d->in + sep_s, sep_e - sep_s);
		rc |= buf_add(out, b->text, b->len);
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

int cln_emit_html(const doc *d, buf *out, bool markdown)
{
	const block *prev = NULL;
	size_t prev_i = 0;
	int rc = 0;
	for (size_t i = 0; i < d->n && rc == 0; i++) {
		const block *b = &d->b[i];
		if (b->removed_by >= 0)
			continue;
		if (prev) {
			/* lines of one paragraph and items of one list stay together */
			bool tight = ((b->flags & BF_BR) && prev_i + 1 == i) ||
			             ((b->flags & BF_LIST) && (prev->flags & BF_LIST) &&
			              list_of(d, b) == list_of(d, prev)) ||
			             ((b->flags & BF_TABLE) && (prev->flags & BF_TABLE));
			rc |= buf_adds(out, tight ? "\n" : "\n\n");
		}
		if (markdown) {
			int h = heading_level(b);
			if (h)
				rc |= buf_printf(out, "%.*s ", h, "######");
			else if (b->flags & BF_PRE)
				rc |= buf_adds(out, "```\n");
			else if (b->flags & BF_QUOTE)
				rc |= buf_adds(out, "> ");
			else if (b->flags & BF_LIST) {
				int l = list_of(d, b);
				rc |= buf_adds(out, l >= 0 && !strcmp(d->el[l].tag, "ol") ? "1. " : "- ");
			}
		}
		rc |= buf_add(out, b->text, b->len);
		if (markdown && (b->flags & BF_PRE) && !heading_level(b))
			rc |= buf_adds(out, "\n```");
		prev = b;
		prev_i = i;
	}
	if (prev)
		rc |= buf_addc(out, '\n');
	if (!out->data)
		rc |= buf_reserve(out, 0);
	return rc ? CLN_ENOMEM : 0;
}

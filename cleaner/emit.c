/*
 * emit.c - the clean text: kept blocks in order, byte for byte, each with
 * its own line end. Between two kept blocks goes the blank-line run that
 * stood right before the second one, or else the last one in the gap, so
 * paragraphs stay apart when the noise between them goes. A document with
 * nothing removed comes out identical to the input.
 */
#include "internal.h"

int cln_emit_text(const doc *d, buf *out)
{
	if (d->n == 0)
		return buf_add(out, d->in, d->len);
	bool any = false;
	size_t sep_s = 0, sep_e = 0;
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		if (b->blanks) {
			sep_s = b->sep_start;
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
		rc |= buf_add(out, d->in + b->eol, b->end - b->eol);
		if (rc)
			return CLN_ENOMEM;
		any = true;
		sep_s = sep_e = 0;
	}
	if (d->b[d->n - 1].removed_by < 0)
		return buf_add(out, d->in + d->trail_start, d->len - d->trail_start) ? CLN_ENOMEM : 0;
	return 0;
}

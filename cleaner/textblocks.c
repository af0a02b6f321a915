/*
 * textblocks.c - the blocks stage for flattened text: one block per
 * non-blank line. Blocks point into the input; blank lines are kept as the
 * separators the emitter puts back between kept blocks.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

bool cln_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!strchr(" \t\r\f\v", s[i]) || s[i] == '\0')
			return false;
	return true;
}

static int push(doc *d, const block *b)
{
	if (grow_array(&d->b, d->n, &d->cap, sizeof *d->b) < 0)
		return CLN_ENOMEM;
	d->b[d->n++] = *b;
	return 0;
}

int cln_text_blocks(doc *d)
{
	const char *s = d->in;
	size_t pos = 0, sep = 0;
	unsigned line = 0, blanks = 0;
	while (pos < d->len) {
		line++;
		const char *nl = memchr(s + pos, '\n', d->len - pos);
		size_t eol = nl ? (size_t)(nl - s) : d->len;
		size_t next = nl ? eol + 1 : d->len;
		if (eol > pos && s[eol - 1] == '\r')
			eol--;
		if (cln_blank(s + pos, eol - pos)) {
			if (blanks++ == 0)
				sep = pos;
			pos = next;
			continue;
		}
		if (d->n == 0)
			d->lead_end = pos;
		block b = {
			.text = s + pos, .len = eol - pos, .start = pos, .end = next,
			.eol_len = (unsigned char)(next - eol), .sep_start = blanks ? sep : pos, .line = line,
			.blanks = blanks, .removed_by = -1, .group = -1, .kept_by = -1,
			.detail = -1, .elem = -1, .chars = cln_utf8_chars(s + pos, eol - pos),
		};
		if (push(d, &b) < 0)
			return CLN_ENOMEM;
		blanks = 0;
		pos = next;
	}
	d->lines = line;
	d->trail_start = d->n ? d->b[d->n - 1].end : 0;
	return 0;
}

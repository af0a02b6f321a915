/*
 * textblocks.c - the blocks stage for flattened text: one block per
 * non-blank line. Blocks point into the input; blank lines are kept as the
 * separators the emitter puts back between kept blocks.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

bool cln_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\f' && s[i] != '\v')
			return false;
	return true;
}

/* The line at pos: its text ends at *eol (before LF or CR LF); returns
   where the next line begins. */
static size_t line_at(const char *s, size_t len, size_t pos, size_t *eol)
{
	const char *nl = memchr(s + pos, '\n', len - pos);
	size_t e = nl ? (size_t)(nl - s) : len;
	*eol = e > pos && s[e - 1] == '\r' ? e - 1 : e;
	return nl ? e + 1 : len;
}

/* The blocks are counted first and allocated once: an array grown by
   doubling held up to twice the address space a text of tiny lines needs. */
static size_t count_blocks(const char *s, size_t len)
{
	size_t n = 0, eol;
	for (size_t pos = 0; pos < len;) {
		size_t next = line_at(s, len, pos, &eol);
		n += !cln_blank(s + pos, eol - pos);
		pos = next;
	}
	return n;
}

int cln_text_blocks(doc *d)
{
	size_t n = count_blocks(d->in, d->len);
	if (n > INT_MAX)
		return CLN_ETOOBIG; /* rule and group numbers are ints (only 4 GiB - 1 of "x" lines) */
	d->b = malloc((n ? n : 1) * sizeof *d->b);
	if (!d->b)
		return CLN_ENOMEM;
	d->cap = n;
	const char *s = d->in;
	size_t pos = 0, eol;
	unsigned line = 0, blanks = 0;
	while (pos < d->len) {
		line++;
		size_t next = line_at(s, d->len, pos, &eol);
		if (cln_blank(s + pos, eol - pos)) {
			blanks++;
			pos = next;
			continue;
		}
		if (d->n == 0)
			d->lead_end = pos;
		d->b[d->n++] = (block){
			.text = s + pos, .len = eol - pos, .start = pos, .end = next,
			.eol_len = (uint8_t)(next - eol), .line = line, .blanks = blanks,
			.removed_by = -1, .group = -1, .kept_by = -1, .elem = -1,
			.chars = cln_utf8_chars(s + pos, eol - pos),
		};
		blanks = 0;
		pos = next;
	}
	d->lines = line;
	d->trail_start = d->n ? d->b[d->n - 1].end : 0;
	return 0;
}

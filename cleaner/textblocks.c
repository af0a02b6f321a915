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
		if (!strchr(" \t\r\f\v", s[i]) || s[i] == '\0')
			return false;
	return true;
}

/* Room for every line at once: a text of tiny lines would otherwise grow
   the array by doubling, holding up to twice the address space it needs. */
static int reserve_lines(doc *d)
{
	size_t lines = 1;
	for (const char *p = d->in, *end = d->in + d->len;
	     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
		lines++;
	if (lines > INT_MAX)
		return CLN_ETOOBIG; /* rule and group numbers per block are ints */
	d->b = malloc(lines * sizeof *d->b);
	d->cap = lines;
	return d->b ? 0 : CLN_ENOMEM;
}

int cln_text_blocks(doc *d)
{
	int rc = reserve_lines(d);
	if (rc < 0)
		return rc;
	const char *s = d->in;
	size_t pos = 0;
	unsigned line = 0, blanks = 0;
	while (pos < d->len) {
		line++;
		const char *nl = memchr(s + pos, '\n', d->len - pos);
		size_t eol = nl ? (size_t)(nl - s) : d->len;
		size_t next = nl ? eol + 1 : d->len;
		if (eol > pos && s[eol - 1] == '\r')
			eol--;
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
	/* give back what blank lines left unused */
	block *fit = d->n < d->cap ? realloc(d->b, (d->n ? d->n : 1) * sizeof *d->b) : NULL;
	if (fit) {
		d->b = fit;
		d->cap = d->n ? d->n : 1;
	}
	return 0;
}

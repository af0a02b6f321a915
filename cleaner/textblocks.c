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

unsigned cln_block_last_line(const doc *d, const block *b)
{
	unsigned line = b->line;
	size_t end = b->end > d->len ? d->len : b->end;
	for (size_t k = b->start; k + 1 < end; k++)
		line += d->in[k] == '\n';
	return line;
}

/* A text of over FOLD_TEXT bytes with a non-blank line to every FOLD_DENSE
   bytes or less is a text of tiny lines (20 KB of gzip made 10 M lines of
   "x", a 56-byte block each: 630 MB): each block then goes on over the
   lines after it, blank or not, until it holds FOLD_LEN bytes. */
#define FOLD_TEXT (256 << 10)
#define FOLD_DENSE 8
#define FOLD_LEN 64

/* A block's lines: its text is s[start, eol); the next begins at next. */
typedef struct lines {
	size_t start, eol, next;
	unsigned count, blanks; /* lines read, blank lines before the block */
} lines;

/* The next non-blank line from pos into *l (false: none; l->count still
   counts the blank lines read). */
static bool next_line(const char *s, size_t len, size_t pos, lines *l)
{
	for (; pos < len; pos = l->next) {
		l->count++;
		l->start = pos;
		l->next = line_at(s, len, pos, &l->eol);
		if (!cln_blank(s + pos, l->eol - pos))
			return true;
		l->blanks++;
	}
	return false;
}

/* The block from pos: its first non-blank line, and if fold, the lines
   after it while it is shorter than FOLD_LEN. */
static bool next_block(const char *s, size_t len, size_t pos, bool fold, lines *l)
{
	*l = (lines){ 0 };
	if (!next_line(s, len, pos, l))
		return false;
	while (fold && l->eol - l->start < FOLD_LEN) {
		lines more = { 0 };
		if (!next_line(s, len, l->next, &more))
			break; /* blank lines at the end stay out */
		l->eol = more.eol;
		l->next = more.next;
		l->count += more.count;
	}
	return true;
}

/* The blocks are counted first and allocated once: an array grown by
   doubling held up to twice the address space a text of tiny lines needs. */
static size_t count_blocks(const char *s, size_t len, bool fold)
{
	size_t n = 0;
	lines l;
	for (size_t pos = 0; next_block(s, len, pos, fold, &l); pos = l.next)
		n++;
	return n;
}

int cln_text_blocks(doc *d)
{
	size_t n = count_blocks(d->in, d->len, false);
	bool fold = d->len > FOLD_TEXT && n > d->len / FOLD_DENSE;
	size_t lines_n = n;
	if (fold)
		n = count_blocks(d->in, d->len, true);
	if (n > INT_MAX)
		return CLN_ETOOBIG; /* rule and group numbers are ints (only 4 GiB - 1 of "x" lines) */
	d->b = malloc((n ? n : 1) * sizeof *d->b);
	if (!d->b)
		return CLN_ENOMEM;
	d->cap = n;
	const char *s = d->in;
	size_t pos = 0;
	unsigned line = 0;
	lines l;
	for (; next_block(s, d->len, pos, fold, &l); pos = l.next, line += l.count) {
		if (d->n == 0)
			d->lead_end = l.start;
		d->b[d->n++] = (block){
			.text = s + l.start, .len = l.eol - l.start, .start = l.start, .end = l.next,
			.eol_len = (uint8_t)(l.next - l.eol), .line = line + l.blanks + 1,
			.blanks = l.blanks, .removed_by = -1, .group = -1, .kept_by = -1, .elem = -1,
			.chars = cln_utf8_chars(s + l.start, l.eol - l.start),
			.flags = fold && l.count > l.blanks + 1 ? BF_FOLDED : 0,
		};
	}
	d->lines = line + l.count;
	d->trail_start = d->n ? d->b[d->n - 1].end : 0;
	if (fold)
		return cln_warn(d, "%zu lines kept inside blocks of several lines: a text of tiny "
		                "lines (a line to every %d bytes or less) is cleaned in blocks of "
		                "%d bytes or more, which rules see whole", lines_n - n, FOLD_DENSE,
		                FOLD_LEN);
	return 0;
}

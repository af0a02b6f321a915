/*
 * textblocks.c - the blocks stage for flattened text: one block per
 * non-blank line, or per paragraph in a text hard-wrapped at a fixed width
 * (textwrap.c). Blocks point into the input; blank lines are kept as the
 * separators the emitter puts back between kept blocks.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

size_t cln_shows_nothing(const unsigned char *s, size_t n)
{
	if (s[0] == ' ' || s[0] == '\n')
		return 1;
	if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
		return 2;
	if (n < 3)
		return 0;
	unsigned c = (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	bool is = (s[0] & 0xF0) == 0xE0 &&
	          ((c >= 0x2000 && c <= 0x200D) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
	           c == 0x205F || c == 0x2060 || c == 0x3000 || c == 0xFEFF);
	return is ? 3 : 0;
}

bool cln_blank(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0, k; i < len; i += k)
		if (!(k = u[i] == '\t' || u[i] == '\r' || u[i] == '\f' || u[i] == '\v'
		          ? 1 : cln_shows_nothing(u + i, len - i)))
			return false;
	return true;
}

size_t cln_line_at(const char *s, size_t len, size_t pos, size_t *eol)
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
	/* the newlines before its own line end */
	const char *p = d->in + b->start, *e = d->in + end - (end > b->start);
	while (p < e && (p = memchr(p, '\n', (size_t)(e - p)))) {
		line++;
		p++;
	}
	return line;
}

/* A text of over FOLD_TEXT bytes with a non-blank line to every FOLD_DENSE
   bytes or less is a text of tiny lines (20 KB of gzip made 10 M lines of
   "x", a 56-byte block each: 630 MB): each block then goes on over the
   lines after it, blank or not, until it holds FOLD_LEN bytes. */
#define FOLD_TEXT (256 << 10)
#define FOLD_DENSE 8
#define FOLD_LEN 64

/* On a text of tiny lines, the lines after the block s[start, *eol) join
   it, blank or not, while it is shorter than FOLD_LEN (blank lines after
   the last one taken stay out); *eol and *next move on to that line.
   Returns the lines taken. */
static unsigned fold_lines(const char *s, size_t len, size_t start, size_t *eol, size_t *next)
{
	unsigned taken = 0, read = 0;
	size_t e, nx;
	for (size_t pos = *next; *eol - start < FOLD_LEN && pos < len; pos = nx) {
		nx = cln_line_at(s, len, pos, &e);
		read++;
		if (!cln_blank(s + pos, e - pos)) {
			*eol = e;
			*next = nx;
			taken = read;
		}
	}
	return taken;
}

/* How a block goes on past its first line: over tiny lines (fold), or
   over a paragraph's wrapped lines (wrap: the width, or 0). */
typedef struct runon {
	bool fold;
	unsigned wrap;
} runon;

/* The lines after the block s[start, *eol) that it takes (*eol and *next
   move on to the last of them). */
static unsigned run_on(const char *s, size_t len, runon ro, size_t start, size_t *eol,
                       size_t *next)
{
	if (ro.fold)
		return fold_lines(s, len, start, eol, next);
	return ro.wrap ? cln_wrap_lines(s, len, ro.wrap, start, eol, next) : 0;
}

/* The blocks are counted first and allocated once: an array grown by
   doubling held up to twice the address space a text of tiny lines needs. */
static size_t count_blocks(const char *s, size_t len, runon ro)
{
	size_t n = 0, eol;
	for (size_t pos = 0; pos < len;) {
		size_t next = cln_line_at(s, len, pos, &eol);
		if (!cln_blank(s + pos, eol - pos)) {
			n++;
			run_on(s, len, ro, pos, &eol, &next);
		}
		pos = next;
	}
	return n;
}

int cln_text_blocks(doc *d, int wrap)
{
	runon ro = { 0 };
	size_t n = count_blocks(d->in, d->len, ro);
	bool fold = d->len > FOLD_TEXT && n > d->len / FOLD_DENSE;
	size_t lines_n = n;
	ro.fold = fold;
	ro.wrap = fold || wrap < 0 ? 0 : wrap > 0 ? (unsigned)wrap : cln_wrap_width(d->in, d->len);
	/* a wrapped paragraph's lines join: room for a block a line (no more
	   than a block to FOLD_DENSE bytes), given back below; folded lines
	   are far fewer blocks than lines, so those are counted again */
	if (ro.fold)
		n = count_blocks(d->in, d->len, ro);
	d->wrap_width = ro.wrap;
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
		size_t next = cln_line_at(s, d->len, pos, &eol);
		if (cln_blank(s + pos, eol - pos)) {
			blanks++;
			pos = next;
			continue;
		}
		if (d->n == 0)
			d->lead_end = pos;
		unsigned more = run_on(s, d->len, ro, pos, &eol, &next);
		/* a wrapped paragraph's characters are those it shows on one line */
		size_t hidden = more && !fold ? cln_wrap_breaks(s + pos, eol - pos) : 0;
		d->b[d->n++] = (block){
			.text = s + pos, .len = eol - pos, .start = pos, .end = next,
			.eol_len = (uint8_t)(next - eol), .line = line, .blanks = blanks,
			.removed_by = -1, .group = -1, .kept_by = -1, .elem = -1,
			.chars = cln_utf8_chars(s + pos, eol - pos) - hidden,
			.flags = !more ? 0 : fold ? BF_FOLDED : BF_WRAPPED,
		};
		line += more;
		blanks = 0;
		pos = next;
	}
	d->lines = line;
	d->trail_start = d->n ? d->b[d->n - 1].end : 0;
	block *fit = d->n < d->cap ? realloc(d->b, (d->n ? d->n : 1) * sizeof *d->b) : NULL;
	if (fit) {
		d->b = fit;
		d->cap = d->n;
	}
	if (fold)
		return cln_warn(d, "%zu lines kept inside blocks of several lines: a text of tiny "
		                "lines (a line to every %d bytes or less) is cleaned in blocks of "
		                "%d bytes or more, which rules see whole", lines_n - n, FOLD_DENSE,
		                FOLD_LEN);
	return 0;
}

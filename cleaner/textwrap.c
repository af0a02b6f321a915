/*
 * textwrap.c - flattened text hard-wrapped at a fixed width (lynx and w3m
 * dump at 80 columns, mail and html2text at 72-78): which lines run on as
 * one paragraph. Judged a line at a time, a wrapped paragraph is a stack of
 * short lines that read like a menu; held as one block, it reads as the
 * prose it is. A text is wrapped when its long lines stop at one width;
 * a line then runs on into the next when the next one's first word would
 * not have fitted after it, at the indent the paragraph's lines share.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>

#include "internal.h"

/* Lines of WRAP_LONG columns or more show the width. It is one of the
   WRAP_TRY widest that WRAP_AT percent of them reach (past WRAP_MAX: a
   wide dump's long lines), the one with the most signs of wrapped
   paragraphs among lines that end within WRAP_SLACK columns of it and run
   on: a next line that starts in lower case (a sentence going on), and
   three lines in a row that run on from two widths (a paragraph's lines
   end where words did; a table's rows, a form's fields end at one). A
   text with fewer than WRAP_SIGNS is not wrapped (a wide dump's lines run
   on by chance up to 4 times on the article benchmark; an 80-column dump
   of an article shows 6 or more). The first WRAP_SAMPLE bytes decide. */
#define WRAP_LONG 40
#define WRAP_MAX 250
#define WRAP_AT 3
#define WRAP_TRY 4
#define WRAP_SLACK 8
#define WRAP_SIGNS 6
#define WRAP_SAMPLE (1 << 20)
/* A line that ended WRAP_GAP columns or more before the width was not
   wrapped: no word of prose is that long (a link's address is, or a
   file's name, on a line of its own) */
#define WRAP_GAP 20

/* Is the character at s of East Asian wide width (two columns on a
   terminal)? Hangul Jamo, CJK and Hangul syllables, compatibility
   ideographs, full-width forms, and the planes past the BMP's. */
static bool wide(const unsigned char *s, size_t n)
{
	if (n == 4)
		return true;
	if (n != 3)
		return false;
	unsigned c = (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
	       (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
	       (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
	       (c >= 0xFFE0 && c <= 0xFFE6);
}

/* The columns s[0, len) takes on a terminal, blanks at its end left out. */
static size_t columns(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	while (len && (u[len - 1] == ' ' || u[len - 1] == '\t'))
		len--;
	size_t cols = 0;
	for (size_t i = 0, k; i < len; i += k) {
		k = cln_utf8_seq(u + i, len - i);
		k = k ? k : 1;
		cols += wide(u + i, k) ? 2 : 1;
	}
	return cols;
}

static size_t indent(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && s[i] == ' ')
		i++;
	return i;
}

/* The bullet or number a dump puts before a list item ("* ", "+ ", "o ",
   "# ", "@ ", "- ", "12. "), with the blank after it: its bytes, or 0. */
static size_t marker(const char *s, size_t len)
{
	size_t i = 0;
	if (len >= 2 && memchr("*+o#@-", s[0], 6))
		i = 1;
	else {
		while (i < len && i < 4 && s[i] >= '0' && s[i] <= '9')
			i++;
		if (i == 0 || i >= len || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	return i < len && s[i] == ' ' ? i + 1 : 0;
}

/* Does the text s[0, n) hold words, not one token (a link's address, a
   run of letters): a blank between two, or Chinese or Japanese, which
   write none (a lead byte of U+3000-U+FFFF)? */
static bool words(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	while (n && u[n - 1] == ' ')
		n--;
	for (size_t i = 0; i < n; i++)
		if (u[i] == ' ' || (u[i] >= 0xE3 && u[i] <= 0xEF))
			return true;
	return false;
}

/* Is the line b[0, bn) the next line of a paragraph whose line a[0, an)
   ended at the given width, its text at column `at`? Not when it is blank,
   sits at another indent or starts an item, nor when a is a table's row
   (three blanks between its cells) or one token, nor when b's first word
   would have fitted on a or a ended far from the width. */
static bool runs_on(const char *a, size_t an, size_t at, const char *b, size_t bn,
                    unsigned width)
{
	if (cln_blank(b, bn) || indent(b, bn) != at || at >= bn || marker(b + at, bn - at))
		return false;
	size_t in = indent(a, an);
	if (in >= an || memmem(a + in, an - in, "   ", 3) || !words(a + in, an - in))
		return false;
	const char *gap = memchr(b + at, ' ', bn - at);
	size_t word = columns(b + at, gap ? (size_t)(gap - b) - at : bn - at);
	size_t cols = columns(a, an);
	return cols + WRAP_GAP > width && cols + 1 + word > width;
}

/* Where the text of the line s[0, n) starts: after its indent and an
   item's marker. */
static size_t text_column(const char *s, size_t n)
{
	size_t in = indent(s, n);
	return in + marker(s + in, n - in);
}

/* Does s[0, n) start with a lower-case letter (ASCII, Latin-1, Cyrillic)? */
static bool lower_start(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	if (n && u[0] >= 'a' && u[0] <= 'z')
		return true;
	return n >= 2 && ((u[0] == 0xC3 && u[1] >= 0x9F && u[1] != 0xB7) ||
	                  (u[0] == 0xD0 && u[1] >= 0xB0) || (u[0] == 0xD1 && u[1] <= 0x9F));
}

/* The signs (above) that s[0, len) is wrapped at the given width. */
static unsigned signs(const char *s, size_t len, unsigned width)
{
	unsigned found = 0;
	size_t prev_cols = 0, a = 0, a_eol, eol;
	size_t b = cln_line_at(s, len, 0, &a_eol);
	for (size_t next; b < len; a = b, a_eol = eol, b = next) {
		next = cln_line_at(s, len, b, &eol);
		/* a line has no more columns than bytes: most are told at once */
		size_t an = a_eol - a, cols = an + WRAP_SLACK < width ? 0 : columns(s + a, an);
		size_t at = cols ? text_column(s + a, an) : 0;
		bool on = cols <= width && cols + WRAP_SLACK >= width &&
		          runs_on(s + a, an, at, s + b, eol - b, width);
		if (on)
			found += (prev_cols && prev_cols != cols) + lower_start(s + b + at, eol - b - at);
		prev_cols = on ? cols : 0;
	}
	return found;
}

unsigned cln_wrap_width(const char *s, size_t len)
{
	len = len > WRAP_SAMPLE ? WRAP_SAMPLE : len;
	unsigned count[WRAP_MAX + 1] = { 0 };
	size_t long_lines = 0, eol;
	for (size_t pos = 0, next; pos < len; pos = next) {
		next = cln_line_at(s, len, pos, &eol);
		size_t cols = eol - pos < WRAP_LONG ? 0 : columns(s + pos, eol - pos);
		if (cols >= WRAP_LONG) {
			long_lines++;
			count[cols > WRAP_MAX ? WRAP_MAX : cols]++;
		}
	}
	size_t floor = long_lines * WRAP_AT / 100;
	unsigned width = 0, most = WRAP_SIGNS - 1, tried = 0;
	for (unsigned w = WRAP_MAX - 1; w >= WRAP_LONG && tried < WRAP_TRY; w--) {
		if (count[w] < 2 || count[w] < floor)
			continue;
		tried++;
		unsigned c = signs(s, len, w);
		if (c > most) {
			most = c;
			width = w;
		}
	}
	return width;
}

unsigned cln_wrap_lines(const char *s, size_t len, unsigned width, size_t start, size_t *eol,
                        size_t *next)
{
	size_t at = text_column(s + start, *eol - start);
	size_t last = start;
	unsigned taken = 0;
	for (size_t pos = *next, e; pos < len; pos = *next) {
		size_t nx = cln_line_at(s, len, pos, &e);
		if (!runs_on(s + last, *eol - last, at, s + pos, e - pos, width))
			break;
		last = pos;
		*eol = e;
		*next = nx;
		taken++;
	}
	return taken;
}

size_t cln_wrap_breaks(const char *s, size_t len)
{
	size_t extra = 0;
	for (const char *nl = memchr(s, '\n', len); nl; nl = memchr(nl, '\n', (size_t)(s + len - nl))) {
		size_t k = nl > s && nl[-1] == '\r' ? 2 : 1; /* the line end, less the blank it shows */
		for (nl++; nl < s + len && *nl == ' '; nl++)
			k++;
		extra += k - 1;
	}
	return extra;
}

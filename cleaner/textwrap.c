/*
 * textwrap.c - flattened text hard-wrapped at a fixed width (lynx and w3m
 * dump at 80 columns, mail and html2text at 72-78): which lines run on as
 * one paragraph. Judged a line at a time, a wrapped paragraph is a stack of
 * short lines that read like a menu; held as one block, it reads as the
 * prose it is. A text is wrapped when its long lines stop at one width;
 * a line then runs on into the next when the next one's first word would
 * not have fitted after it, at the indent the paragraph's lines share.
 */
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

/* Does s[0, len) hold a byte of 0xE0 or more, the lead of a character
   of U+0800 or above (eight bytes at a time: the three top bits of each)? */
static bool has_high(const unsigned char *u, size_t len)
{
	const uint64_t top = 0x8080808080808080ULL;
	size_t i = 0;
	for (; i + 8 <= len; i += 8) {
		uint64_t w;
		memcpy(&w, u + i, 8);
		if (w & (w << 1) & (w << 2) & top)
			return true;
	}
	for (; i < len; i++)
		if (u[i] >= 0xE0)
			return true;
	return false;
}

/* The columns s[0, len) takes on a terminal, blanks at its end left out:
   a column a character, two for a wide one. */
static size_t columns(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	while (len && (u[len - 1] == ' ' || u[len - 1] == '\t'))
		len--;
	size_t cols = cln_utf8_chars(s, len);
	if (!has_high(u, len))
		return cols;
	for (size_t i = 0; i < len; i++) /* a wide character's lead byte is 0xE1 or more */
		if (u[i] >= 0xE1) {
			size_t k = cln_utf8_seq(u + i, len - i);
			cols += k && wide(u + i, k);
			i += k ? k - 1 : 0;
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
   "# ", "@ ", "- ", w3m's disc, circle and squares; "12. "), with the
   blank after it: its bytes, or 0. */
size_t cln_item_marker(const char *s, size_t len)
{
	/* w3m's: a disc, a circle, squares and a star, which it gives the
	   levels of nested lists (U+2022, U+25CB, U+25A1, U+25A0, U+2606) */
	static const char *const bullets[] = { "\xE2\x80\xA2", "\xE2\x97\x8B", "\xE2\x96\xA1",
		                               "\xE2\x96\xA0", "\xE2\x98\x86" };
	size_t i = 0;
	bool lead = len > 3 && (unsigned char)s[0] == 0xE2; /* every bullet's first byte */
	for (size_t k = 0; lead && k < sizeof bullets / sizeof *bullets; k++)
		if (memcmp(s, bullets[k], 3) == 0)
			return s[3] == ' ' ? 4 : 0;
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

/* Does s[0, n) hold three blanks in a row (between a table's cells)? */
static bool cells(const char *s, size_t n)
{
	for (size_t i = 0, run = 0; i < n; i++) {
		run = s[i] == ' ' ? run + 1 : 0;
		if (run == 3)
			return true;
	}
	return false;
}

/* Could the line b[0, bn) be the next line of a paragraph whose line
   a[0, an) has its text at column `at`, at some width? Not when it is
   blank, sits at another indent or starts an item, nor when a is a
   table's row (three blanks between its cells) or one token. *word: the
   columns of b's first word. */
static bool continues(const char *a, size_t an, size_t at, const char *b, size_t bn,
                      size_t *word)
{
	/* an item starts there, unless its "o" is a word (Portuguese "o
	   período"): lynx sets that bullet deeper than any paragraph's text */
	if (indent(b, bn) != at || at >= bn || cln_blank(b + at, bn - at) ||
	    (cln_item_marker(b + at, bn - at) && b[at] != 'o'))
		return false;
	size_t in = indent(a, an);
	if (in >= an || cells(a + in, an - in) || !words(a + in, an - in))
		return false;
	const char *gap = memchr(b + at, ' ', bn - at);
	*word = columns(b + at, gap ? (size_t)(gap - b) - at : bn - at);
	return true;
}

/* Did a line of `cols` columns end at `width` because a next word of
   `word` columns would not have fitted? Not when it ended WRAP_GAP columns
   or more before it. */
static bool ended_at(size_t cols, size_t word, unsigned width)
{
	return cols + WRAP_GAP > width && cols + 1 + word > width;
}

/* Where the text of the line s[0, n) starts: after its indent and an
   item's marker. */
size_t cln_text_column(const char *s, size_t n)
{
	size_t in = indent(s, n);
	return in + cln_utf8_chars(s + in, cln_item_marker(s + in, n - in)); /* w3m's "• " */
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

/* One pass over the lines gathers, for every width at once, the long
   lines that end there and the signs (above) that the text is wrapped
   there: a line of c columns runs on at the widths [c, c + min(slack,
   next word)] (it ended at or before the width, within the slack, and
   the next word would not have fitted); its sign counts at each of them
   (sign[] holds differences: +1 where a range starts, -1 after it). */
typedef struct wrap_scan {
	unsigned count[WRAP_MAX + 1]; /* long lines by columns (WRAP_MAX: wider) */
	int sign[WRAP_MAX + 2];
	size_t long_lines;
	size_t lo, hi; /* the last line's range of widths; lo > hi: it did not run on */
	size_t cols;   /* and its columns */
} wrap_scan;

static void add_signs(wrap_scan *w, size_t lo, size_t hi)
{
	if (lo <= hi && lo <= WRAP_MAX) {
		w->sign[lo]++;
		w->sign[(hi < WRAP_MAX ? hi : WRAP_MAX) + 1]--;
	}
}

/* Line a[0, an) and the line b[0, bn) after it. */
static void scan_pair(wrap_scan *w, const char *a, size_t an, const char *b, size_t bn)
{
	/* a character takes one to four bytes: most lines are told at once
	   (a short one: no width; a wide dump's paragraph: past every width) */
	size_t cols = an + WRAP_SLACK < WRAP_LONG ? 0 : an > 4 * WRAP_MAX ? WRAP_MAX + 1 : columns(a, an);
	if (cols >= WRAP_LONG) {
		w->long_lines++;
		w->count[cols > WRAP_MAX ? WRAP_MAX : cols]++;
	}
	size_t at = cols ? cln_text_column(a, an) : 0, word = 0;
	bool on = cols && cols < WRAP_MAX && continues(a, an, at, b, bn, &word);
	size_t lo = on ? cols : 1, hi = on ? cols + (word < WRAP_SLACK ? word : WRAP_SLACK) : 0;
	if (on && lower_start(b + at, bn - at)) /* a sentence going on */
		add_signs(w, lo, hi);
	if (on && w->cols != cols) /* a third line, ending elsewhere */
		add_signs(w, lo > w->lo ? lo : w->lo, hi < w->hi ? hi : w->hi);
	w->lo = lo;
	w->hi = hi;
	w->cols = cols;
}

unsigned cln_wrap_width(const char *s, size_t len)
{
	len = len > WRAP_SAMPLE ? WRAP_SAMPLE : len;
	wrap_scan w = { .lo = 1, .hi = 0 };
	size_t a = 0, a_eol, eol;
	for (size_t b = cln_line_at(s, len, 0, &a_eol), next; a < len; a = b, a_eol = eol, b = next) {
		next = b < len ? cln_line_at(s, len, b, &eol) : len;
		if (b >= len)
			eol = len;
		scan_pair(&w, s + a, a_eol - a, s + b, eol - b);
	}
	size_t floor = w.long_lines * WRAP_AT / 100;
	unsigned width = 0, tried = 0;
	int most = WRAP_SIGNS - 1, signs = 0;
	int at_width[WRAP_MAX];
	for (unsigned c = 0; c < WRAP_MAX; c++)
		at_width[c] = signs += w.sign[c];
	for (unsigned c = WRAP_MAX - 1; c >= WRAP_LONG && tried < WRAP_TRY; c--) {
		if (w.count[c] < 2 || w.count[c] < floor)
			continue;
		tried++;
		if (at_width[c] > most) {
			most = at_width[c];
			width = c;
		}
	}
	return width;
}

unsigned cln_wrap_lines(const char *s, size_t len, unsigned width, size_t start, size_t *eol,
                        size_t *next)
{
	size_t at = cln_text_column(s + start, *eol - start);
	size_t last = start, word;
	unsigned taken = 0;
	for (size_t pos = *next, e; pos < len; pos = *next) {
		size_t nx = cln_line_at(s, len, pos, &e);
		if (!continues(s + last, *eol - last, at, s + pos, e - pos, &word) ||
		    !ended_at(columns(s + last, *eol - last), word, width))
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

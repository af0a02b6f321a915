/*
 * textshapes.c - shapes of flattened-text lines that the prose scores of
 * maincontent.c misjudge: a copyright notice (the footer begins), a line
 * that is one long token (a URL, base64, a file name: punctuation makes it
 * look like a sentence), and a teaser list (related stories: headlines
 * each with a one-line blurb, whose blurbs read like prose) and the
 * listicle that has its look.
 *
 * Each test looks at one line or a few, and only at lines that could
 * matter, so text mode stays one pass over the lines.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

const char *cln_line_trim(const block *b, size_t *n)
{
	const char *s = b->text;
	size_t len = b->len;
	while (len && (*s == ' ' || *s == '\t'))
		s++, len--;
	while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	*n = len;
	return s;
}

bool cln_has_digit(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (isdigit((unsigned char)s[i]))
			return true;
	return false;
}

bool cln_starts_any(const char *s, size_t n, const char *const *prefixes)
{
	int c = n ? tolower((unsigned char)s[0]) : -1; /* as in cln_word_index */
	for (size_t k = 0; prefixes[k]; k++)
		if ((unsigned char)prefixes[k][0] == c && n >= strlen(prefixes[k]) &&
		    strncasecmp(s, prefixes[k], strlen(prefixes[k])) == 0)
			return true;
	return false;
}

int cln_word_index(const char *s, size_t n, const char *const *words)
{
	/* the first byte before the length: most lines are none of them */
	int c = n ? tolower((unsigned char)s[0]) : -1;
	for (int k = 0; words[k]; k++)
		if ((unsigned char)words[k][0] == c && n == strlen(words[k]) &&
		    strncasecmp(s, words[k], n) == 0)
			return k;
	return -1;
}

static bool ends_with(const char *s, size_t n, const char *end)
{
	size_t l = strlen(end);
	return n >= l && memcmp(s + n - l, end, l) == 0;
}

/* A copyright notice is short; a longer line is prose about copyright,
   unless the sign opens it. Its year follows the opening within DATED
   bytes. */
enum { NOTICE_CHARS = 200, DATED = 20 };

/* A year (19xx, 20xx) in s[0, n). */
bool cln_has_year(const char *s, size_t n)
{
	for (size_t i = 0; i + 4 <= n; i++)
		if ((memcmp(s + i, "19", 2) == 0 || memcmp(s + i, "20", 2) == 0) &&
		    isdigit((unsigned char)s[i + 2]) && isdigit((unsigned char)s[i + 3]) &&
		    (i + 4 == n || !isdigit((unsigned char)s[i + 4])) &&
		    (i == 0 || !isdigit((unsigned char)s[i - 1])))
			return true;
	return false;
}

bool cln_ends_sentence(const block *b)
{
	size_t n = b->len;
	while (n && isspace((unsigned char)b->text[n - 1]))
		n--;
	return n && memchr(".!?", b->text[n - 1], 3);
}

bool cln_copyright_line(const block *b)
{
	size_t n;
	const char *s = cln_line_trim(b, &n);
	if (n < 6)
		return false;
	/* "© 2024 Example Ltd", "(c) 2024", "Copyright © 2024 ...": the notice
	   opens the line and dates it at once (a photo credit "© Reuters" does
	   not, nor a sentence "Copyright in the lyrics, the 2019 ruling said");
	   opened by the sign, it may go on about trademarks at any length */
	bool sign = memcmp(s, "\xC2\xA9", 2) == 0 || (s[0] == '(' && strncasecmp(s, "(c)", 3) == 0);
	bool word = (s[0] | 0x20) == 'c' && n >= 9 && strncasecmp(s, "copyright", 9) == 0;
	if ((sign || (word && b->chars <= NOTICE_CHARS)) && cln_has_year(s, n < DATED ? n : DATED))
		return true;
	if (b->chars > NOTICE_CHARS)
		return false;
	/* "Contents copyright 2024 Example. All rights reserved.": the notice
	   ends the line (no search through every line: this runs on many) */
	return cln_rights_line(b);
}

bool cln_rights_line(const block *b)
{
	size_t n;
	const char *s = cln_line_trim(b, &n);
	size_t e = n && s[n - 1] == '.' ? n - 1 : n;
	return ends_with(s, e, "ights reserved") || ends_with(s, e, "ights Reserved");
}

/* A token of TOKEN_BYTES or more without a blank, all ASCII, that is
   TOKEN_SHARE percent of the line: not words (CJK prose has no blanks
   either, hence ASCII). */
enum { TOKEN_BYTES = 40, TOKEN_SHARE = 70 };

bool cln_token_line(const block *b)
{
	size_t n;
	const char *s = cln_line_trim(b, &n);
	for (size_t i = 0; i < n;) {
		const char *sp = memchr(s + i, ' ', n - i);
		size_t end = sp ? (size_t)(sp - s) : n, len = end - i;
		if (len >= TOKEN_BYTES && len * 100 >= n * TOKEN_SHARE) {
			for (size_t k = i; k < end; k++)
				if ((unsigned char)s[k] >= 0x80)
					return false;
			return true;
		}
		i = end + 1;
	}
	return false;
}

/* A teaser: a headline (HEAD_MIN..HEAD_MAX chars, HEAD_WORDS words or more
   unlike an ad label, no closing punctuation, no colon of a "Read more:"
   label) or a thumbnail (lynx's "[image]"), up to LABELS short lines
   (LABEL_MAX chars: a kicker, a source, "5H ago"), then a blurb of at most
   BLURB_MAX chars that ends a sentence (or, under an article, an excerpt
   cut mid-sentence: cut_short), on one line, and up to LABELS labels
   right under it; TEASERS of them in a
   row are a related-stories list. An article's short lines end in "…" or
   ")" or lead into paragraphs of more than one line. */
enum { HEAD_MIN = 10, HEAD_MAX = 120, HEAD_WORDS = 3, LABELS = 3, LABEL_MAX = 60,
       BLURB_MIN = 30, BLURB_MAX = 300, TEASERS = 3 };

static bool headline(const block *b)
{
	size_t n;
	const char *s = cln_line_trim(b, &n);
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']')
		return !memchr(s, ' ', n); /* "[ Anzeige ]" is a label */
	if (n < HEAD_MIN || memchr(s, ':', n))
		return false;
	size_t words = 1;
	for (const char *p = s; words < HEAD_WORDS && (p = memchr(p, ' ', (size_t)(s + n - p))); p++)
		words++;
	return words >= HEAD_WORDS;
}

/* What a line can be in a teaser: SH_* bits, from its length and how it
   ends (a look at its last bytes: this runs on every line). SH_OPEN: long
   enough for a headline and not ended as a sentence; headline() says. */
enum { SH_OPEN = 1, SH_LABEL = 2, SH_BLURB = 4 };

static unsigned shape(const block *b)
{
	if (b->chars > BLURB_MAX) /* most paragraphs */
		return 0;
	const char *s = b->text;
	size_t n = b->len;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0)
		return 0;
	char c = s[n - 1];
	if (c == '.' || c == '!' || c == '?' || c == '"' || ends_with(s, n, "\xE2\x80\xA6"))
		return b->chars >= BLURB_MIN ? SH_BLURB : 0;
	if (c == ':' || c == ';' || c == ',' || c == ')')
		return 0;
	return (b->chars <= LABEL_MAX ? SH_LABEL : 0) |
	       (b->chars >= HEAD_MIN && b->chars <= HEAD_MAX ? SH_OPEN : 0);
}

/* A line that may stand between a teaser's headline and its blurb, or
   after its blurb: a label, or the next headline. */
static bool short_line(const block *b, unsigned sh)
{
	return (sh & SH_LABEL) || ((sh & SH_OPEN) && headline(b));
}

/* Under an article, a related box's excerpt cut at its word count,
   mid-sentence ("... improving their chances of", "At Example Law,"):
   CUT_MIN to CUT_MAX chars ending in a comma or in a word of small
   letters (an ingredients list ends in a name: "Citric Acid, Limonene").
   A shop's cards cut their descriptions so too, and are its content. */
enum { CUT_MIN = 150, CUT_MAX = 500 };
static bool cut_short(const block *b)
{
	if (b->chars < CUT_MIN || b->chars > CUT_MAX)
		return false;
	size_t n, w;
	const char *s = cln_line_trim(b, &n);
	if (n && s[n - 1] == ',')
		return true;
	for (w = n; w && islower((unsigned char)s[w - 1]);)
		w--;
	return w < n && (w == 0 || s[w - 1] == ' ');
}

static unsigned blurb_shape(const doc *d, const block *b)
{
	unsigned sh = shape(b);
	return d->page.type == PAGE_ARTICLE && cut_short(b) ? sh | SH_BLURB : sh;
}

/* The lines of the teaser at block i (0: none): its headline, its labels,
   its blurb, and the next line (if any) is no second paragraph of it. */
static size_t teaser(const doc *d, size_t i)
{
	/* the cheap looks first: most lines are no headline */
	if (i + 1 >= d->n || !(shape(&d->b[i]) & SH_OPEN) || !blurb_shape(d, &d->b[i + 1]) ||
	    !headline(&d->b[i]))
		return 0;
	size_t j = i + 1;
	for (;; j++) {
		if (j >= d->n || j - i > LABELS + 1)
			return 0;
		unsigned sh = blurb_shape(d, &d->b[j]);
		if (sh & SH_BLURB)
			break;
		if (!short_line(&d->b[j], sh))
			return 0;
	}
	/* labels right under the blurb are the teaser's too ("32M ago",
	   "Syria Israel": its age and its topics) */
	for (size_t end = ++j + LABELS; j < end && j < d->n && d->b[j].blanks == 0 &&
	                                (shape(&d->b[j]) & SH_LABEL) && !headline(&d->b[j]);)
		j++;
	bool alone = j >= d->n || d->b[j].blanks > 0 || short_line(&d->b[j], shape(&d->b[j]));
	return alone ? j - i : 0;
}

size_t cln_teaser_list(const doc *d, size_t i)
{
	size_t j = i, k = 0;
	for (size_t w; (w = teaser(d, j)) > 0; j += w)
		k++;
	return k >= TEASERS ? j : i;
}

/* A carousel's pictures as a dump writes them, each a list item of its
   alt text: one name and a counter ("+ Smith Engage Mips Bike Helmet 0",
   "+ ... 1", "+ ... 2"), SLIDES items or more in a row, one of which may
   be named by its view instead ("+ ... Back view"). The counter starts
   at 0, as a program's index does: people count from 1 ("Practice Exam
   1", "Practice Exam 2" may be a list of links to keep). The name is two
   words or more; a program's output ("Printing in g 0") is no list. */
enum { SLIDES = 3, SLIDE_DIGITS = 3 };

/* Item line b's counter, the name before it in [*stem, *stem + *len); -1
   if it is no such item. */
static long slide(const block *b, const char **stem, size_t *len)
{
	size_t n;
	const char *s = cln_line_trim(b, &n);
	size_t at = cln_item_marker(s, n), e = n;
	while (e > at && isdigit((unsigned char)s[e - 1]))
		e--;
	size_t k = e > at && s[e - 1] == '#' ? e - 1 : e;
	if (!at || e == n || n - e > SLIDE_DIGITS || k <= at + 1 || s[k - 1] != ' ' ||
	    !memchr(s + at, ' ', k - 1 - at))
		return -1;
	*stem = s + at;
	*len = k - 1 - at;
	long v = 0;
	while (e < n)
		v = v * 10 + (s[e++] - '0');
	return v;
}

/* Is line b a picture of the carousel named [stem, stem + n) that the
   page names by its view, not its index ("+ woom READY Helmet - Kids'
   Back view" between "... 0" and "... 2")? */
static bool named_view(const block *b, const char *stem, size_t n)
{
	size_t m;
	const char *s = cln_line_trim(b, &m);
	size_t at = cln_item_marker(s, m);
	return at && m - at > n + 1 && memcmp(s + at, stem, n) == 0 && s[at + n] == ' ';
}

/* A run counts SLIDES pictures or more, two by their index or more; a
   view's name that a dump wraps goes on on the next line, set deeper. A
   picture of the name out of its turn ends the run (so that no two runs
   looked at overlap, and text mode stays one pass: "A B 0" many times
   over is none). */
size_t cln_slide_run(const doc *d, size_t i)
{
	const char *s0, *s;
	size_t n0, n, j = i + 1, counted = 1, pictures = 1;
	if (slide(&d->b[i], &s0, &n0) != 0)
		return i;
	for (bool view = false; j < d->n && d->b[j].blanks <= 1; j++) {
		const block *b = &d->b[j];
		if (view && !cln_item_line(b) && cln_line_indent(b) > cln_line_indent(&d->b[j - 1]))
			continue;
		long v = slide(b, &s, &n);
		bool named = v >= 0 && n == n0 && memcmp(s, s0, n) == 0;
		if (named && v != (long)pictures)
			break;
		view = !named;
		if (view && !named_view(b, s0, n0))
			break;
		counted += !view;
		pictures++;
	}
	return counted >= 2 && pictures >= SLIDES ? j : i;
}

/* lynx's list of the page's <link>s, the first thing it prints: "#" and
   their titles or rels ("#alternate alternate RSS Feed", "#Aliexpress
   Shopping"), wrapped at its indent (or left of it: its first line may
   be set one blank deeper), HEAD_LINKS lines at most, and a blank line
   after it (or nothing, when it is set in). The end of its lines at the
   top of the text, 0 if it has none: a hashtag that starts a sentence
   ("#100Days starts today, and ...") or a list flush left under a tag
   with no blank line is the text's. */
enum { HEAD_LINKS = 30 };
size_t cln_head_links(const doc *d)
{
	size_t n, j = 1;
	const char *s = d->n ? cln_line_trim(&d->b[0], &n) : NULL;
	if (!s || n < 2 || s[0] != '#' || s[1] == '#' || isspace((unsigned char)s[1]))
		return 0;
	size_t indent = cln_line_indent(&d->b[0]);
	while (j < d->n && j < HEAD_LINKS && d->b[j].blanks == 0 && cln_line_indent(&d->b[j]) <= indent)
		j++;
	if (j < d->n ? d->b[j].blanks == 0 : indent == 0)
		return 0;
	for (size_t i = 0; i < j; i++) {
		s = cln_line_trim(&d->b[i], &n);
		for (size_t k = 0; k < n; k++)
			if ((s[k] == '.' || s[k] == '!' || s[k] == '?') && (k + 1 == n || s[k + 1] == ' '))
				return 0;
	}
	return j;
}

/* Does s[0, n) end a sentence before its end: a mark, a blank and a
   capital, the full stop after no capital ("U.S. Department" is one)? */
static bool two_sentences(const char *s, size_t n)
{
	for (size_t k = 1; k + 2 < n; k++)
		if ((s[k] == '!' || s[k] == '?' || (s[k] == '.' && !isupper((unsigned char)s[k - 1]))) &&
		    s[k + 1] == ' ' && isupper((unsigned char)s[k + 2]))
			return true;
	return false;
}

/* A listicle's item looks like a teaser: its name, its paragraph. But
   the name starts with a word (a count, "· 35 comments", is no name), the
   paragraph is right under it and nothing under that (no label between,
   no "Read more" after), holds two sentences or more (a dek one), is no
   next item (a caption, "2. A sign reads..."), and the line above it is
   no teaser's blurb under its headline. */
bool cln_teaser_bare(const doc *d, size_t i)
{
	if (teaser(d, i) != 2)
		return false;
	size_t n, m;
	const char *s = cln_line_trim(&d->b[i], &n), *t = cln_line_trim(&d->b[i + 1], &m);
	size_t at = cln_item_marker(s, n);
	return at < n && isalpha((unsigned char)s[at]) && !cln_item_marker(t, m) &&
	       two_sentences(t, m) &&
	       !(i >= 2 && (shape(&d->b[i - 1]) & SH_BLURB) && (shape(&d->b[i - 2]) & SH_OPEN) &&
	         headline(&d->b[i - 2]));
}

/* Chinese and Japanese write no blanks between words and have no stop
   words a table could list (lines of Korean, which has blanks, are
   judged as others are). A line is theirs when CJK_SHARE percent of its
   characters are CJK; it reads as running text when it holds a sentence
   mark (U+3002, U+3001, U+FF0C, U+FF01, U+FF1F) or, Japanese, KANA_SHARE
   percent hiragana, the script of its particles. Its characters weigh
   CJK_WEIGHT Latin ones: a sentence of 30 says what one of 90 does. */
enum { CJK_SHARE = 50, KANA_SHARE = 25 };
bool cln_cjk_line(const block *b, bool *prose)
{
	const unsigned char *s = (const unsigned char *)b->text;
	size_t chars = 0, cjk = 0, kana = 0, marks = 0, lead = 0;
	/* every line is asked, twice: most hold no lead byte of U+3000-U+FFFF */
	for (size_t i = 0; i < b->len && !lead; i++)
		lead = s[i] >= 0xE3 && s[i] <= 0xEF;
	*prose = false;
	for (size_t i = 0; lead && i < b->len;) {
		size_t n = cln_utf8_seq(s + i, b->len - i);
		if (n == 0)
			n = 1;
		unsigned cp = n == 3 ? (s[i] & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3Fu) : 0;
		chars += s[i] != ' ' && s[i] != '\t';
		cjk += (cp >= 0x3000 && cp <= 0x9FFF) || (cp >= 0xFF00 && cp <= 0xFFEF);
		kana += cp >= 0x3041 && cp <= 0x309F;
		marks += cp == 0x3002 || cp == 0x3001 || cp == 0xFF0C || cp == 0xFF01 || cp == 0xFF1F;
		i += n;
	}
	if (!lead)
		return false;
	*prose = marks > 0 || kana * 100 >= cjk * KANA_SHARE;
	return chars > 0 && cjk * 100 >= chars * CJK_SHARE;
}

/*
 * textlines.c - what each line of flattened text is, for main-content's
 * text path (maintext.c): prose, a short line, a link list's or a menu's,
 * a reader's comment's head, a caption printed twice, a hidden copy's.
 *
 * Each line is judged on what flattened text shows (length, sentence
 * punctuation, stop words, link-list look) in the spirit of jusText, in one
 * pass over the lines.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* Frequent function words of the languages most pages are in (en, es, it,
   pt, fr, de, ru); a line of prose has many, a menu or a teaser list few.
   Sorted by bytes, for bsearch. */
static const char *const STOP_WORDS[] = {
	"a", "about", "after", "all", "also", "an", "and", "are", "as", "at", "auch", "auf",
	"be", "been", "but", "by", "can", "che", "con", "could", "da", "dans", "das", "de",
	"del", "della", "den", "der", "des", "di", "die", "do", "du", "e", "ein", "eine",
	"el", "em", "en", "es", "est", "et", "for", "from", "had", "has", "have", "he", "her",
	"his", "if", "il", "in", "into", "is", "ist", "it", "its", "la", "las", "le", "les",
	"los", "mit", "more", "nicht", "no", "non", "not", "o", "of", "on", "one", "only",
	"or", "os", "other", "our", "over", "para", "pas", "per", "por", "pour", "que", "qui",
	"said", "se", "she", "sich", "so", "some", "sono", "sur", "than", "that", "the",
	"their", "them", "there", "these", "they", "this", "to", "um", "uma", "un", "una",
	"und", "une", "von", "was", "we", "were", "what", "when", "which", "who", "will",
	"with", "would", "y", "you", "zu", "в", "за", "и", "из", "к", "как", "на", "не", "от",
	"по", "с", "что", "это"
};

enum { NSTOP = sizeof STOP_WORDS / sizeof STOP_WORDS[0], STOP_MAX = 8, STOP_SLOTS = 512 };

/* What a byte is to a line's classification: part of a word (ASCII letter
   or digit, or part of a non-ASCII character), an apostrophe (inside a
   word), or a mark that makes a sentence. */
enum { B_WORD = 1, B_APOS = 2, B_MARK = 4 };

/* Read-only tables for text lines, built with the rule set: the byte
   classes, and the function words as keys (a word of at most STOP_MAX
   bytes as a number) in an open-addressing set, so a word costs a
   multiply and a load. */
struct line_tables {
	unsigned char cls[256];
	uint64_t stop[STOP_SLOTS]; /* 0: empty (no key is 0) */
};

static size_t stop_slot(uint64_t k)
{
	return (size_t)((k * 0x9E3779B97F4A7C15ULL) >> 55); /* 9 bits: STOP_SLOTS */
}

line_tables *cln_line_tables_new(void)
{
	line_tables *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	for (int c = 0; c < 256; c++)
		t->cls[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		            c >= 0x80 ? B_WORD : 0;
	t->cls['\''] = B_APOS;
	t->cls['.'] = t->cls['!'] = t->cls['?'] = t->cls[','] = B_MARK;
	for (size_t i = 0; i < NSTOP; i++) {
		uint64_t k = 0;
		size_t n = strlen(STOP_WORDS[i]);
		for (size_t j = 0; j < STOP_MAX; j++)
			k = k << 8 | (j < n ? (unsigned char)STOP_WORDS[i][j] : 0);
		size_t h = stop_slot(k);
		while (t->stop[h])
			h = (h + 1) % STOP_SLOTS;
		t->stop[h] = k;
	}
	return t;
}

/* The 8 bytes at p as a number that sorts as they do. */
static uint64_t load_key(const unsigned char *p)
{
	uint64_t k;
	memcpy(&k, p, sizeof k);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	k = __builtin_bswap64(k);
#endif
	return k;
}

/* Is the word w[0, len) one of STOP_WORDS (ASCII case folded)? Its key is
   its bytes and zeros after; read 8 bytes at once where the line has them
   (e is the line's end), folding A-Z in all 8 lanes together. */
static bool stop_word(const line_tables *t, const unsigned char *w, size_t len,
                      const unsigned char *e)
{
	if (len > STOP_MAX)
		return false; /* no function word is that long */
	uint64_t k = 0;
	if (e - w >= STOP_MAX) {
		const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
		k = load_key(w) & ~0ULL << 8 * (STOP_MAX - len);
		uint64_t low7 = k & ~highs;
		uint64_t upper = (low7 + ones * (0x80 - 'A')) & ~(low7 + ones * (0x80 - 'Z' - 1)) &
		                 ~k & highs; /* 0x80 in the lanes holding A-Z */
		k |= upper >> 2;
	} else {
		for (size_t j = 0; j < STOP_MAX; j++)
			k = k << 8 | (j < len ? w[j] + ((unsigned)(w[j] - 'A') < 26u ? 32u : 0u) : 0u);
	}
	for (size_t h = stop_slot(k); t->stop[h]; h = (h + 1) % STOP_SLOTS)
		if (t->stop[h] == k)
			return true;
	return false;
}

/* A line's words, function words among them, those that start with a
   capital, the marks of a sentence after them, and whether it holds one:
   one pass over its bytes. */
typedef struct line_counts {
	size_t words, stops, caps, marks;
	bool sentence;
} line_counts;

static void count_words(const line_tables *t, const char *s, size_t len, line_counts *lc)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	unsigned seen = 0; /* the classes of the bytes between words */
	size_t words = 0, stops = 0, caps = 0, marks = 0;
	for (;;) {
		while (p < e && !(t->cls[*p] & B_WORD)) {
			marks += (t->cls[*p] & B_MARK) != 0;
			seen |= t->cls[*p++];
		}
		if (p == e)
			break;
		const unsigned char *w = p;
		while (p < e && (t->cls[*p] & (B_WORD | B_APOS)))
			p++;
		words++;
		caps += *w >= 'A' && *w <= 'Z';
		stops += stop_word(t, w, (size_t)(p - w), e);
	}
	lc->words = words;
	lc->stops = stops;
	lc->caps = caps;
	lc->marks = marks;
	/* or U+3002, the ideographic full stop */
	lc->sentence = (seen & B_MARK) ||
	               (memchr(s, 0xE3, len) && memmem(s, len, "\xE3\x80\x82", 3));
}

/* The blanks a line starts with. */
size_t cln_line_indent(const block *b)
{
	size_t k = 0;
	while (k < b->len && (b->text[k] == ' ' || b->text[k] == '\t'))
		k++;
	return k;
}

/* When s[0, *n) ends in one of ends (ASCII case aside), *n loses it and
   the blanks before it. */
static void strip_end(const char *s, size_t *n, const char *const *ends)
{
	for (size_t k = 0; ends[k]; k++) {
		size_t m = strlen(ends[k]);
		if (*n > m && strncasecmp(s + *n - m, ends[k], m) == 0) {
			for (*n -= m; *n && s[*n - 1] == ' '; --*n)
				;
			return;
		}
	}
}

/* A comment section's heading alone on its line: "Comments", "Leave a
   Reply" (WordPress, in its most used translations too, and with the
   "Cancel reply" link it prints on the same line), "Show comments" (a
   button). */
static bool thread_heading(const char *s, size_t n)
{
	static const char *const heads[] = {
		"comments", "leave a reply", "leave a comment", "show comments", "post a comment",
		"add a comment", "join the discussion", "join the conversation", "reader comments",
		"deixe uma resposta", "deixe um coment\xC3\xA1rio", "deja una respuesta",
		"deja un comentario", "lascia un commento", "laisser un commentaire",
		"schreibe einen kommentar", "hinterlasse einen kommentar", "geef een reactie",
		"coment\xC3\xA1rios", "comentarios", "commenti", "commentaires", "kommentare", NULL
	};
	static const char *const cancel[] = { "cancel reply", "cancelar resposta",
		                              "cancelar la respuesta", "annulla risposta",
		                              "annuler la r\xC3\xA9ponse", "antworten abbrechen",
		                              "reactie annuleren", NULL };
	while (n && (s[n - 1] == ':' || s[n - 1] == ' '))
		n--;
	strip_end(s, &n, cancel);
	/* lynx shows a button so: "(BUTTON) Show comments" */
	static const char button[] = "(BUTTON) ";
	if (n > sizeof button - 1 && memcmp(s, button, sizeof button - 1) == 0) {
		s += sizeof button - 1;
		n -= sizeof button - 1;
	}
	return cln_word_index(s, n, heads) >= 0;
}

/* The bytes of a time's "am" or "pm" that s[0, n) ends in, with the blank
   before it ("6:34 am") or right after the time ("3:33pm"); 0 if none. */
static size_t time_end(const char *s, size_t n)
{
	if (n < 3)
		return 0;
	const char *e = s + n - 2;
	if (memcmp(e, "am", 2) && memcmp(e, "pm", 2) && memcmp(e, "AM", 2) && memcmp(e, "PM", 2))
		return 0;
	return s[n - 3] == ' ' ? 3 : isdigit((unsigned char)s[n - 3]) ? 2 : 0;
}

/* The head of a reader's comment as comment systems print it: "name says:",
   "... said:", "wrote:", or a time stamp "... at 6:34 am" (HEAD_STAMP),
   "3/14/2021 at 3:33pm" too, or a date and a time with no "at" (HEAD_DATED,
   "December 18, 2025, 9:46 pm"). */
int cln_comment_head(const block *b)
{
	const char *s = b->text;
	size_t n = b->len;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (b->chars > 120 || n < 5)
		return HEAD_NONE;
	/* "34 responses", "12 Comments to “...”": the thread's own heading */
	size_t i = cln_line_indent(b);
	if (thread_heading(s + i, n - i))
		return HEAD_SECTION;
	if (i < n && isdigit((unsigned char)s[i])) {
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		static const char *const heads[] = { " response", " comment", " Comment", " Response",
		                                     " repl", " Repl", " thought", NULL };
		for (size_t k = 0; heads[k]; k++)
			if (n - i >= strlen(heads[k]) && memcmp(s + i, heads[k], strlen(heads[k])) == 0)
				return HEAD_SECTION;
	}
	if (s[n - 1] != ':' && s[n - 1] != 'm' && s[n - 1] != 'M')
		return HEAD_NONE; /* the last bytes of every end below */
	static const char *const ends[] = { "says:", "said:", "wrote:", NULL };
	for (size_t k = 0; ends[k]; k++) {
		size_t e = strlen(ends[k]);
		if (n >= e && memcmp(s + n - e, ends[k], e) == 0)
			return HEAD_NAME;
	}
	size_t l = time_end(s, n);
	return !l || n <= l + 5 || !memchr(s, ':', n) ? HEAD_NONE
	       : memmem(s, n, " at ", 3) ? HEAD_STAMP
	       : cln_has_year(s, n) ? HEAD_DATED : HEAD_NONE;
}

/* lynx and w3m mark list items "* ", "+ ", "o ", "- " */
static bool bullet_at(const char *s, size_t len, size_t i)
{
	return i + 1 < len && memchr("*+o#-", s[i], 5) && s[i + 1] == ' ';
}

/* A list's item, bulleted or numbered. */
bool cln_item_line(const block *b)
{
	size_t i = cln_line_indent(b);
	return cln_item_marker(b->text + i, b->len - i) > 0;
}

/* A table's row: cells two blanks apart or more. */
bool cln_row_line(const block *b)
{
	size_t run = 0;
	for (size_t i = cln_line_indent(b); i < b->len; i++) {
		if (b->text[i] == ' ')
			run++;
		else if (b->text[i] == '\n') /* a wrapped block's next line: its indent is none */
			for (run = 0; i + 1 < b->len && b->text[i + 1] == ' ';)
				i++;
		else if (run >= 2)
			return true;
		else
			run = 0;
	}
	return false;
}

/* A script a dump prints as text (a page's inline JavaScript or JSON,
   minified: "a._pSetI=function(){return null}})(window,document,Date);"),
   SCRIPT_CHARS bytes or more of which one in SCRIPT_SHARE or more is a
   brace, a semicolon, an equals sign, a backslash or a double quote,
   where prose has next to none. Its keywords ("return", "if", "for",
   "in") read as function words. A manual's line of code is shorter. */
enum { SCRIPT_SHARE = 20, SCRIPT_CHARS = 500 };
static bool script_text(const char *s, size_t len)
{
	size_t marks = 0;
	for (size_t k = 0; k < len; k++)
		marks += s[k] == '{' || s[k] == '}' || s[k] == ';' || s[k] == '=' || s[k] == '\\' || s[k] == '"';
	return len >= SCRIPT_CHARS && marks * SCRIPT_SHARE >= len;
}

/* jusText's classes from what flattened line i shows. A long line of
   few function words whose words are MENU_CAPS percent capitalised or
   more, a mark to MENU_WORDS words or fewer, is no prose. */
enum { MENU_CAPS = 70, MENU_WORDS = 8 };
static int classify_line(const doc *d, size_t bi, const line_tables *t, long min_chars)
{
	const block *b = &d->b[bi];
	const char *s = b->text;
	size_t len = b->len, i = cln_line_indent(b);
	bool bullet = bullet_at(s, len, i);
	line_counts lc;
	count_words(t, s + i, len - i, &lc);
	size_t chars = cln_block_chars(d, bi) - i; /* the i blanks are a byte each */
	double sw = lc.words ? (double)lc.stops / (double)lc.words : 0.0;
	bool sentence = lc.sentence;
	bool cjk_prose, cjk = cln_cjk_line(b, &cjk_prose);
	if (cjk)
		chars *= CJK_WEIGHT;
	if (bullet && chars < (size_t)min_chars * 2)
		return C_BAD;
	/* lynx shows images as [name] and form fields as ____ */
	if (i < len && ((s[i] == '[' && s[len - 1] == ']') || (s[i] == '_' && s[len - 1] == '_')))
		return C_BAD;
	if (cjk) /* no stop words to count: its marks say */
		return chars < (size_t)min_chars ? (cjk_prose ? C_NEAR : C_SHORT) : cjk_prose ? C_GOOD : C_BAD;
	if (chars < (size_t)min_chars)
		return sentence && sw >= 0.30 ? C_NEAR : C_SHORT;
	if (script_text(s + i, len - i))
		return C_BAD;
	if (sw >= 0.30 || (sentence && sw >= 0.15))
		return C_GOOD;
	/* a URL's or a file name's dots are no sentence */
	if (sentence && sw < 0.15 && cln_token_line(b))
		return C_BAD;
	/* a long line of few function words is prose in a language they do
	   not cover, but not when its words are capitalised and few marks
	   part them: a menu's ("Solidbody Guitars Semi-hollowbody Guitars
	   ...", a comma making no sentence); a list of names, a comma after
	   each, is a credit's */
	bool menu = lc.caps * 100 >= lc.words * MENU_CAPS && lc.marks * MENU_WORDS < lc.words;
	return chars >= 200 && sentence && !menu ? C_GOOD : sw >= 0.15 || sentence ? C_NEAR : C_BAD;
}

/* A time stamp heads a comment when another is within STAMP_GAP lines
   (a thread's); alone it is a dateline, kept with the article around it
   (C_NEAR: it neither counts nor splits the stretch). */
enum { STAMP_GAP = 40 };

static int stamp_class(signed char *cls, size_t i, size_t *last)
{
	bool thread = *last != SIZE_MAX && i - *last <= STAMP_GAP;
	if (thread)
		cls[*last] = C_COMMENT;
	*last = i;
	return thread ? C_COMMENT : C_NEAR;
}

/* Is line i, a caption's length (CAPTION_WORDS words or more), printed
   again on the next line, the copy taken by a duplicate rule or one too
   long for it (a caption of 600 characters)? A dump writes an image's alt
   text and then its caption so: a playlist's or gallery's captions read
   as prose, but are none. (A table's header row written twice is
   shorter.) Line i + 1, a copy still kept, is one too. */
enum { CAPTION_WORDS = 8 };
static bool printed_twice(const doc *d, size_t i)
{
	const block *b = &d->b[i], *c = i + 1 < d->n ? &d->b[i + 1] : NULL;
	if (!c || (c->removed_by >= 0 && d->rules->v[c->removed_by].act != ACT_DUPLICATE) ||
	    c->blanks > 0 || !cln_same_text(b->text, b->len, c->text, c->len))
		return false;
	size_t words = 0;
	for (size_t k = 0; k < b->len && words < CAPTION_WORDS; k++)
		words += !isspace((unsigned char)b->text[k]) &&
		         (k == 0 || isspace((unsigned char)b->text[k - 1]));
	return words >= CAPTION_WORDS;
}

/* A list's lead-in: "... you want to:", "Pros:". */
static bool ends_colon(const block *b)
{
	size_t n = b->len;
	while (n && isspace((unsigned char)b->text[n - 1]))
		n--;
	return n && b->text[n - 1] == ':';
}

/* A related box's heading, a tag list's or a share bar's: "You may also
   like:", "Related posts:", "Tags:", "Share this:". */
static bool related_lead(const char *s, size_t n)
{
	static const char *const starts[] = { "related", "you may also", "you might also", "read more",
		                              "more from", "see also", "recommended for", "popular posts",
		                              "recent posts", "most popular",
		                              "tags", "tagged", "categories", "category", "topics",
		                              "filed under", "posted in", "share", "follow", NULL };
	return cln_starts_any(s, n, starts);
}

/* A paragraph's list set right under it, no blank line between, of
   ITEMS items or more, its first of ITEM_WORDS words or more: a menu's
   short links ("About Us", "Akron, OH") and a pair of related posts'
   titles under an article's last paragraph are no part of it. */
enum { ITEMS = 3, ITEM_WORDS = 4 };
static bool list_under(const doc *d, size_t i)
{
	for (size_t k = i + 1; k <= i + ITEMS; k++)
		if (k >= d->n || d->b[k].blanks != 0 || !cln_item_line(&d->b[k]))
			return false;
	size_t n, words = 1;
	const char *s = cln_line_trim(&d->b[i + 1], &n);
	for (size_t k = cln_item_marker(s, n); k < n; k++)
		words += s[k] == ' ' && k + 1 < n && s[k + 1] != ' ';
	return words >= ITEM_WORDS;
}

/* Does line i (of class cls) announce a list: a sentence or a short line
   ending in a colon ("... as follows:")? Beside an article's text a short
   one only ("Features include:", "Minimum:" over a game's requirements:
   a shop's, a service's; of LEAD_WORDS words or more or capitalised, not a
   program's "ports:" nor a related box's "You may also like:", "Tags:"),
   as menus under an article's take such headings too. */
enum { LEAD_WORDS = 2 };
static bool lead_in(const doc *d, size_t i, int cls, const line_tables *t)
{
	if (cls == C_GOOD && list_under(d, i))
		return true;
	if (!ends_colon(&d->b[i]))
		return false;
	if (cls == C_GOOD || cls == C_NEAR)
		return true;
	if (cls != C_SHORT || d->page.type == PAGE_ARTICLE)
		return false;
	const block *b = &d->b[i];
	size_t k = cln_line_indent(b);
	line_counts lc;
	count_words(t, b->text + k, b->len - k, &lc);
	unsigned char c = (unsigned char)b->text[k];
	return isalpha(c) && (lc.words >= LEAD_WORDS || isupper(c)) && !related_lead(b->text + k, b->len - k);
}

/* The prose a pass found: in lines it kept, and in the teaser lists it
   read as related stories (their blurbs' chars). */
typedef struct prose_found {
	size_t kept, teasers;
} prose_found;

/* A date and a time with no "at" (HEAD_DATED) head readers' comments
   under an article: ARTICLE_ABOVE chars of prose above the first; a
   thread's first post comes under its own. */
enum { ARTICLE_ABOVE = 1500 };

/* One pass over the lines; looks for teaser lists when `teasers_on`. */
static void classify_pass(const doc *d, signed char *cls, const bool *copy, long min_chars,
                          bool teasers_on, prose_found *pf)
{
	const line_tables *t = d->rules->lines;
	*pf = (prose_found){ 0, 0 };
	size_t stamp = SIZE_MAX, teasers = 0, items = 0, slides = 0, links = cln_head_links(d);
	size_t dated = SIZE_MAX; /* the prose above the first HEAD_DATED line */
	bool lead = false; /* a list's lead-in ("... you want to:") came */
	for (size_t i = 0; i < d->n; i++) {
		if (teasers_on && i >= teasers && i >= items) {
			/* right under a paragraph, no heading or gap between, the
			   list goes on with it: a listicle's items ("* Napkin
			   Holder" and its paragraph); related stories come under
			   their heading or a break */
			size_t end = cln_teaser_list(d, i);
			if (end > i && i > 0 && cls[i - 1] == C_GOOD && d->b[i].blanks <= 1 &&
			    cln_teaser_bare(d, i))
				items = end;
			else
				teasers = end;
		}
		if (i >= slides)
			slides = cln_slide_run(d, i);
		if (d->b[i].removed_by >= 0 || i < slides || i < links) {
			cls[i] = d->b[i].removed_by >= 0 ? C_GONE : i < links ? C_LINKS : C_SLIDE;
			continue;
		}
		int head = cln_comment_head(&d->b[i]);
		if (head == HEAD_DATED) {
			if (dated == SIZE_MAX)
				dated = pf->kept;
			head = dated >= ARTICLE_ABOVE ? HEAD_STAMP : HEAD_NONE;
		}
		/* on a forum's page "Comments" heads its replies, no readers'
		   comments on an article */
		bool comment = head == HEAD_NAME || (head == HEAD_SECTION && d->page.type != PAGE_FORUM);
		cls[i] = copy[i] ? C_REPEAT
		         : comment ? C_COMMENT
		         : head == HEAD_STAMP ? stamp_class(cls, i, &stamp)
		         : i > 0 && cls[i - 1] == C_CAPTION ? C_COPY /* the print it repeats */
		         : printed_twice(d, i) ? C_CAPTION
		         : classify_line(d, i, t, min_chars);
		if (cls[i] == C_GOOD)
			*(i < teasers ? &pf->teasers : &pf->kept) += d->b[i].chars;
		if (i < teasers && !copy[i] && head == HEAD_NONE)
			cls[i] = C_BAD;
		/* the items a lead-in announces are the article's, however short */
		if (d->b[i].removed_by < 0) {
			bool item = cln_item_line(&d->b[i]);
			if (item && lead && cls[i] == C_BAD)
				cls[i] = C_NEAR;
			if (!item)
				lead = lead_in(d, i, cls[i], t);
		}
	}
}

/* A stanza: STANZA_LINES lines or more in a row, no blank line between,
   each one statement of its own that starts with a capital and ends with
   a full stop ("Trains lose connectivity." / "Factories operate behind
   firewalls." / "Hospitals isolate systems."): a paragraph set a sentence
   to a line with <br>, too short each to read as prose. Together they
   are, when they hold STANZA_CHARS or more; no menu ends its items so. A
   question or an exclamation is not one: teasers' titles ("What Does Tort
   Mean?") and a form's messages ("Great! We've sent you an email.") end
   or hold them. */
enum { STANZA_LINES = 3, STANZA_CHARS = 100 };

static bool stanza_line(const doc *d, const signed char *cls, size_t i)
{
	const block *b = &d->b[i];
	size_t n;
	const char *s = cln_line_trim(b, &n);
	if ((cls[i] != C_NEAR && cls[i] != C_SHORT) || n < 2 || cln_item_line(b) ||
	    !isupper((unsigned char)s[0]))
		return false;
	char c = s[n - 1];
	if ((c == '"' || c == ')') && n > 2)
		c = s[n - 2];
	return c == '.' && !memchr(s, '!', n) && !memchr(s, '?', n);
}

static void mark_stanzas(const doc *d, signed char *cls)
{
	for (size_t i = 0; i < d->n;) {
		size_t e = i, chars = 0;
		while (e < d->n && stanza_line(d, cls, e) && (e == i || d->b[e].blanks == 0))
			chars += d->b[e++].chars;
		if (e - i >= STANZA_LINES && chars >= STANZA_CHARS)
			for (size_t k = i; k < e; k++)
				cls[k] = C_GOOD;
		i = e > i ? e : i + 1;
	}
}

/* cls[i]: the class of each line; copy[i]: cln_text_copies. A service
   page's offerings (a heading, a blurb, "Find out more") and a listing's
   cards look like a teaser list, and are their content; so is a teaser
   list that holds TEASERS_PAGE times the prose of the rest of the page (a
   manual's index: its pages' titles, a line on each): a second pass then
   reads it as prose. */
enum { TEASERS_PAGE = 4 };
void cln_text_classify(const doc *d, signed char *cls, const bool *copy, long min_chars)
{
	prose_found pf = { 0, 0 };
	bool on = d->page.type != PAGE_SERVICE && d->page.type != PAGE_LISTING;
	classify_pass(d, cls, copy, min_chars, on, &pf);
	if (on && pf.teasers > TEASERS_PAGE * pf.kept)
		classify_pass(d, cls, copy, min_chars, false, &pf);
	mark_stanzas(d, cls);
}


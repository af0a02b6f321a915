/*
 * maintext.c - the main-content rule on flattened text (a dump of a page,
 * a scraper's text): find the article body and drop what lies outside it.
 *
 * Each line has its class (textlines.c: prose, short, a menu's, a
 * comment's head...); the body is the stretch of lines with the most
 * prose, other lines costing, and it joins the stretches beside it that an
 * article's lists, tables and subheadings split from it; a forum's thread
 * (textposts.c) and a listing's cards (textunits.c) are read as such. The
 * rest goes, each run with its reason.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* BARRIER menu-like lines in a row (not prose, shorter than MENU_CHARS)
   end a stretch of body */
enum { BARRIER = 4, MENU_CHARS = 30 };

/* A notice that reserves rights within NOTICE_GAP lines after a body of
   NOTICE_BODY chars of prose ends it. */
enum { NOTICE_GAP = 3, NOTICE_BODY = 600 };

/* A line the body does not grow past: not prose, a reader's comment, a
   caption printed twice (kept inside the body, but no edge of it). */
static bool ends_body(int cls)
{
	return cls == C_BAD || cls == C_COMMENT || cls == C_CAPTION || cls == C_COPY ||
	       cls == C_REPEAT || cls == C_TOOL;
}

/* The blanks before a dump's picture "[name]" on line b (0: none, or no
   picture). */
static size_t picture_indent(const block *b)
{
	size_t k = cln_line_indent(b);
	return k < b->len && b->text[k] == '[' && b->text[b->len - 1] == ']' ? k : 0;
}

/* What a line adds to a stretch of body: prose counts, the rest costs. */
static long weight(int cls, const block *b)
{
	/* lynx centres an image's [name] with hundreds of blanks: a picture
	   costs what it shows */
	bool prose;
	long chars = ((long)b->chars - (long)picture_indent(b)) * (cln_cjk_line(b, &prose) ? CJK_WEIGHT : 1);
	switch (cls) {
	case C_GOOD: return chars;
	case C_NEAR: return 0;
	case C_SHORT: return -chars / 2 - 10;
	case C_GONE: return 0; /* another rule removed it: it is not there */
	case C_SLIDE: /* a carousel's picture: it goes, no menu's cost */
	case C_LINKS: return 0; /* nor the page's <link>s */
	case C_CAPTION: /* an image's, inside an article too: no prose, */
	case C_COPY:           /* but no menu either */
	case C_REPEAT: return 0; /* the article's sentences, counted where they are */
	case C_HEAD: return 0;   /* a post's author and time */
	case C_PRE: return 0;    /* an article's code: it splits no body */
	case C_COMMENT: return -1000; /* readers' comments are not the article */
	default: return -chars / 2 - 20;
	}
}

/* A stretch of lines [s, e) and the most prose it reached. */
typedef struct stretch {
	long score;
	size_t s, e;
} stretch;

/* A stretch has ended: keep the two best (top[0] first); the body is one
   of them, the other is the runner-up. */
static void offer(stretch top[2], stretch *peak)
{
	if (peak->score > top[0].score) {
		top[1] = top[0];
		top[0] = *peak;
	} else if (peak->score > top[1].score) {
		top[1] = *peak;
	}
	peak->score = 0;
}

/* how: static; the runner-up o is told when the body did not join it */
static void trace_text(doc *d, size_t ri, const char *how, long best, size_t bs, size_t be,
                       const stretch *o)
{
	main_trace m = { .rule = (int)ri, .how = how, .elem = -1, .runner = -1,
	                 .score = (double)best, .first = d->b[bs].line,
	                 .last = d->b[be - 1].line };
	if (o->score > 0 && (o->e <= bs || o->s >= be)) {
		m.runner_first = d->b[o->s].line;
		m.runner_last = d->b[o->e - 1].line;
		m.runner_score = (double)o->score;
	}
	cln_explain_main(d, &m);
}

/* A paragraph set in and wrapped over lines (lynx's paragraphs, either
   dump's list items): text, whatever its words, and no menu's line. */
static bool set_in_paragraph(const block *b)
{
	return (b->flags & BF_WRAPPED) && cln_line_indent(b) > 0;
}

/* Inside the body: what is not prose goes, and so does the second print
   of a caption; indent: the body's text's; thread: text_thread()'s. */
static int drop_inside(doc *d, size_t ri, int cls, size_t i, size_t indent, bool thread)
{
	/* a list of the article's (tools, steps, pros and cons), a table's
	   row, a paragraph set in, and where the text is indented, a line
	   flush left: lynx sets a heading and <pre>'s code so */
	const block *b = &d->b[i];
	if (cls == C_BAD && (cln_item_line(b) || cln_row_line(b) || set_in_paragraph(b) ||
	                     (indent > 0 && cln_line_indent(b) == 0)))
		return 0;
	if (cls == C_BAD || cls == C_COMMENT)
		return cln_drop_run(d, ri, i, i + 1, "%s", "inside the main content, but not prose "
		                "(a link list, or few stop words and no sentence)");
	if (cls == C_COPY)
		return cln_drop_run(d, ri, i, i + 1, "%s", "inside the main content: a caption printed again");
	if (cls == C_SLIDE)
		return cln_drop_run(d, ri, i, i + 1, "%s", "inside the main content: a carousel's "
		                    "pictures, one name and a counter (\"Name 0\", \"Name 1\")");
	if (cls == C_LINKS)
		return cln_drop_run(d, ri, i, i + 1, "%s", "lynx's list of the page's <link>s "
		                    "(\"#alternate RSS Feed\"): the page's head, not its text");
	if (cls == C_TOOL)
		return cln_drop_run(d, ri, i, i + 1, "%s", "inside the thread: what every post "
		                    "repeats (Like, Reply, Quote), or the poster's stats");
	if (cls == C_REPEAT && thread)
		return cln_drop_run(d, ri, i, i + 1, "%s", "inside the thread: a quote of another post");
	if (cls == C_REPEAT)
		return cln_drop_run(d, ri, i, i + 1, "%s", "inside the main content: other paragraphs' "
		                "sentences strung together (a hidden copy of the article)");
	return 0;
}

/* Headings, datelines and bylines before the body [*bs, *be) belong to
   it, and notes after it, each side up to a menu: three short lines in a
   row, after the body indented ones (a dump sets headings flush left: a
   list of short lines under headings, a meal plan's, is the post's). Where
   an article's prose is flush left too (w3m's dumps, a scraper's text:
   `flush`), a menu's lines are as well, and any three short lines after
   the body are one: a footer's "About us", "Contact", "Privacy" ran on to
   the page's end. Above a thread, prose is the forum's blurb ("Welcome to
   ..."), not a post's. */
static void widen_body(const doc *d, const signed char *cls, size_t n, size_t *bs, size_t *be,
                       bool thread, bool flush)
{
	for (size_t menu = 0; *bs > 0 && !ends_body(cls[*bs - 1]) &&
	                      !(thread && cls[*bs - 1] == C_GOOD);) {
		--*bs;
		menu = cls[*bs] == C_SHORT && d->b[*bs].chars < MENU_CHARS ? menu + 1 : 0;
		if (menu == BARRIER - 1) {
			*bs += menu;
			break;
		}
	}
	for (size_t menu = 0; *be < n && !ends_body(cls[*be]);) {
		const block *b = &d->b[*be];
		bool item = cls[*be] == C_SHORT && b->chars < MENU_CHARS && b->len &&
		            (isspace((unsigned char)b->text[0]) || flush);
		menu = item ? menu + 1 : 0;
		++*be;
		if (menu == BARRIER - 1) {
			*be -= menu;
			break;
		}
	}
}

/* Where each block stands on the page, in lines of text before it:
   rank[i], rank[n] the page's. A page's position reads in lines: a
   wrapped article's paragraphs are a few blocks beside a menu's many.
   NULL when every block is one line (rank i is i), or out of memory
   (*nomem). */
static uint32_t *line_ranks(const doc *d, bool *nomem)
{
	size_t i = 0;
	while (i < d->n && !(d->b[i].flags & BF_WRAPPED))
		i++;
	if (i == d->n)
		return NULL;
	uint32_t *rank = malloc((d->n + 1) * sizeof *rank);
	if (!rank) {
		*nomem = true;
		return NULL;
	}
	rank[0] = 0;
	for (i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		rank[i + 1] = rank[i] + 1 + (b->flags & BF_WRAPPED ? cln_block_last_line(d, b) - b->line : 0);
	}
	return rank;
}

/* The search for the body: the stretch with the most prose, other lines
   costing; three lines in a row that are not prose (a menu) end any
   stretch. */
enum { TAILS = 8 };
typedef struct body_scan {
	const signed char *cls;
	const uint32_t *rank; /* line_ranks() */
	long best, run;
	size_t bs, be, start, barren;
	size_t n;             /* the end of what may be body */
	stretch before;       /* the best before the current stretch began */
	bool comments, thread; /* readers' comments began; text_thread() */
	size_t first, last;    /* a thread's first head and last, */
	size_t limit;          /* and where the body may start at the latest, */
	size_t pindent;        /* and the indent of the page's prose */
	stretch peak, top[2]; /* explaining: for the runner-up */
	size_t indent;        /* joining: the body's prose indent, */
	size_t tails[TAILS], ntails; /* and the drop-after rules */
	size_t gap_s, gap_e;  /* a listing: between its cards and guide */
	const char *gap_why;  /* what the gap is (the report's words) */
} body_scan;

static size_t rank_of(const body_scan *sc, size_t i)
{
	return sc->rank ? sc->rank[i] : i;
}

/* In a thread a short line of POST_CHARS or more is a post's, prose too
   ("Thanks, that worked.", "Do I unlock psychic powers on the way?": a
   forum's talk has few of the function words articles have). */
enum { POST_CHARS = 40 };
static bool post_line(const doc *d, const body_scan *sc, size_t i)
{
	int c = sc->cls[i];
	return (c == C_NEAR || c == C_SHORT) && sc->thread && i >= sc->first && i <= sc->limit &&
	       d->b[i].chars >= POST_CHARS;
}

/* Is line i prose, the lines a stretch is made of? */
static bool prose_line(const doc *d, const body_scan *sc, size_t i)
{
	return sc->cls[i] == C_GOOD || post_line(d, sc, i);
}

/* What line i adds to a stretch (weight(), post_line()). */
static long line_weight(const doc *d, const body_scan *sc, size_t i)
{
	return post_line(d, sc, i) ? (long)d->b[i].chars : weight(sc->cls[i], &d->b[i]);
}

/* A <pre>'s line: code by its ends (cln_code_line), or by what no
   heading holds ("loop = asyncio.get_event_loop()", "f();"). */
static bool code_like(const block *b)
{
	return cln_code_line(b) || memchr(b->text, '=', b->len) || memchr(b->text, ';', b->len) ||
	       memchr(b->text, '{', b->len) || memmem(b->text, b->len, "()", 2);
}

/* Is line i alone between blank lines (or the page's end), no list's
   item: a heading's place. */
static bool alone(const doc *d, size_t i)
{
	return d->b[i].blanks > 0 && (i + 1 == d->n || d->b[i + 1].blanks > 0) &&
	       !cln_item_line(&d->b[i]);
}

/* Above a thread's first head, where the prose is indented (lynx), is
   line i a heading, flush left alone between blank lines, no code of a
   <pre>: the thread's title, over its first post (Stack Exchange's
   question, whose head comes under it), under the forum's blurbs and
   promotions? A title has the thread's counts under it, TITLE_META lines
   or more before the post's prose ("Asked 16 years ago", "Viewed 69k
   times"); a heading inside the question has its prose right under it.
   Where the text is flush left (w3m) a post's short lines alone look so
   too. */
enum { TITLE_META = 2 };
static bool thread_title(const doc *d, const body_scan *sc, size_t i)
{
	const block *b = &d->b[i];
	if (!sc->thread || i >= sc->first || (sc->cls[i] != C_SHORT && sc->cls[i] != C_NEAR))
		return false;
	if (!(sc->pindent > 0 && b->len && cln_line_indent(b) == 0 && alone(d, i) && !code_like(b)))
		return false;
	for (size_t k = i + 1, meta = 0; k < sc->first && sc->cls[k] != C_GOOD; k++)
		if (sc->cls[k] != C_GONE && ++meta >= TITLE_META)
			return true;
	return false;
}

/* A copyright notice after the body, in the second half: the footer
   begins (n: the end of what may be body); a stretch of prose that begins
   in the last quarter and ends right at it is the footer's fine print
   (disclaimers, trademarks), not the body. In the first half, a notice
   reserving rights (which no photo credit does) ends a body of NOTICE_BODY
   chars of prose it follows within NOTICE_GAP lines: a footer of teasers
   longer than the article may follow (a site's blurb above a notice in its
   header is shorter). */
static bool footer_notice(const doc *d, body_scan *sc, size_t i)
{
	size_t at = rank_of(sc, i), all = rank_of(sc, d->n);
	if (sc->best <= 0 || !cln_copyright_line(&d->b[i]) ||
	    (at * 2 < all && (i - sc->be > NOTICE_GAP || sc->best < NOTICE_BODY ||
	                      !cln_rights_line(&d->b[i]))))
		return false;
	if (sc->bs == sc->start && rank_of(sc, sc->start) * 4 >= all * 3 && sc->be == i &&
	    sc->before.score > 0) {
		sc->best = sc->before.score;
		sc->bs = sc->before.s;
		sc->be = sc->before.e;
	}
	sc->n = i;
	return true;
}

/* What the body does not grow past, but a reader's comment (which ends
   the body otherwise), a carousel's pictures, lynx's list of <link>s and
   short lines: a menu's. */
static bool barren_line(const doc *d, const signed char *cls, size_t i)
{
	return (ends_body(cls[i]) && cls[i] != C_COMMENT) || cls[i] == C_SLIDE ||
	       cls[i] == C_LINKS || (cls[i] == C_SHORT && d->b[i].chars < MENU_CHARS);
}

/* The barren lines in a row, line i counted: a removed line or <pre>'s
   neither adds to them nor ends them. */
static size_t barren_run(const doc *d, const signed char *cls, size_t i, size_t barren)
{
	if (cls[i] == C_GONE || cls[i] == C_PRE)
		return barren;
	return barren_line(d, cls, i) ? barren + 1 : 0;
}

/* Pages end in footers that can read like prose: prose in the last
   quarter counts half (position weighs in boilerpipe too). */
static long late(const doc *d, const body_scan *sc, size_t i, long w)
{
	return w > 0 && rank_of(sc, i) * 4 >= rank_of(sc, d->n) * 3 ? w / 2 : w;
}

static void scan_body(const doc *d, body_scan *sc)
{
	const signed char *cls = sc->cls;
	for (size_t i = 0; i < sc->n && !footer_notice(d, sc, i); i++) {
		sc->barren = barren_run(d, cls, i, sc->barren);
		/* a post's head starts a stretch: what comes above is no post's;
		   so does a thread's title */
		if (sc->run <= 0 || sc->barren >= BARRIER || cls[i] == C_HEAD || thread_title(d, sc, i)) {
			if (d->ex)
				offer(sc->top, &sc->peak);
			sc->run = 0;
			sc->start = i + (sc->barren >= BARRIER);
			sc->before = (stretch){ sc->best, sc->bs, sc->be };
		}
		long w = line_weight(d, sc, i);
		/* and once readers' comments have begun, prose is theirs */
		sc->comments |= cls[i] == C_COMMENT;
		if (w > 0 && sc->comments)
			w /= 4;
		if (sc->barren < BARRIER)
			sc->run += late(d, sc, i, w);
		if (d->ex && sc->run > sc->peak.score)
			sc->peak = (stretch){ sc->run, sc->start, i + 1 };
		if (sc->run > sc->best && sc->start <= sc->limit) {
			sc->best = sc->run;
			sc->bs = sc->start;
			sc->be = i + 1;
		}
	}
}

/* ---- threads ------------------------------------------------------------ */

/* A forum's thread: its posts, each under a head (cln_post_head; "name
   said:", a name and a time stamp), are the content, not readers' comments
   on an article. THREAD_HEADS heads make a thread where an engine's own
   shapes (cln_post_head's but a post number with no date over it) are as
   many, or where less
   than THREAD_LEAD chars of prose come before the first head and each
   head has a post's text after it, and THREAD_LATER chars of prose come
   after the second: an article comes before its comments, a comment
   section has a heading ("Comments", "34 responses"), a ranked list an
   introduction, and a teaser list's dates after an article's byline a
   headline each. */
enum { THREAD_HEADS = 3, THREAD_LEAD = 400, THREAD_LATER = 300, POST_AFTER = 6 };

static int post_head_at(const doc *d, const signed char *cls, size_t i)
{
	return cls[i] == C_GONE ? POST_NONE : cln_post_head(&d->b[i]);
}

/* Does text (prose, a quote) follow the head on line i within POST_AFTER
   lines, before another head? */
static bool post_follows(const doc *d, const signed char *cls, size_t i)
{
	for (size_t k = i + 1; k < d->n && k <= i + POST_AFTER; k++) {
		if (cls[k] == C_COMMENT || post_head_at(d, cls, k) != POST_NONE)
			return false;
		if (cls[k] == C_GOOD || cls[k] == C_NEAR || cls[k] == C_REPEAT)
			return true;
	}
	return false;
}

/* XenForo in lynx's dump sets a post's date and its number apart ("* Oct
   8, 2024", two empty bullets, "* #2"): a number with a short dated line
   at most DATED_ABOVE lines above is the engine's head, as "#2 · Oct 8,
   2024" on one line is (a ranked list's "#2" has no date over it). */
enum { DATED_ABOVE = 4, DATE_CHARS = 24 };

static bool dated_number(const doc *d, size_t i)
{
	for (size_t k = i; k-- > 0 && k + DATED_ABOVE >= i;)
		if (d->b[k].chars <= DATE_CHARS && cln_has_year(d->b[k].text, d->b[k].len))
			return true;
	return false;
}

static size_t thread_start(const doc *d, const signed char *cls)
{
	size_t heads = 0, own = 0, first = SIZE_MAX;
	long lead = 0, later = 0; /* prose before the first head, after the second */
	for (size_t i = 0; i < d->n; i++) {
		int ph = post_head_at(d, cls, i);
		if (cls[i] == C_COMMENT || ph != POST_NONE) {
			first = first == SIZE_MAX ? i : first;
			own += ph == POST_HEAD || ph == POST_STATS ||
			       (ph == POST_NUMBER && dated_number(d, i));
			heads += post_follows(d, cls, i);
		} else if (cls[i] == C_GOOD) {
			lead += first == SIZE_MAX ? (long)d->b[i].chars : 0;
			later += heads >= 2 ? (long)d->b[i].chars : 0;
		}
	}
	return own >= THREAD_HEADS || (heads >= THREAD_HEADS && lead < THREAD_LEAD &&
	       later >= THREAD_LATER && cln_comment_head(&d->b[first]) != HEAD_SECTION) ? first
	                                                                          : SIZE_MAX;
}

/* In a thread, the heads become C_HEAD, the poster's stats and what every
   post repeats C_TOOL, a quote of another post C_REPEAT (cln_post_repeats),
   and sc learns where the heads are: 1 if a thread, 0 if none, or
   CLN_ENOMEM. */
static int text_thread(const doc *d, signed char *cls, body_scan *sc)
{
	size_t first = thread_start(d, cls);
	if (first == SIZE_MAX)
		return 0;
	unsigned char *mark = malloc(d->n);
	if (!mark || cln_post_repeats(d, first, mark) < 0) {
		free(mark);
		return CLN_ENOMEM;
	}
	for (size_t i = first; i < d->n; i++) {
		int ph = post_head_at(d, cls, i);
		if (cls[i] == C_COMMENT || ph == POST_NUMBER || ph == POST_HEAD)
			cls[i] = C_HEAD;
		else if (ph == POST_STATS || ((mark[i] & POST_TOOL) && cls[i] != C_GOOD && cls[i] != C_GONE))
			cls[i] = C_TOOL;
		else if ((mark[i] & POST_QUOTE) && cls[i] != C_GONE)
			cls[i] = C_REPEAT;
		if (ph != POST_NONE || cls[i] == C_HEAD)
			sc->last = i;
	}
	free(mark);
	sc->thread = true;
	sc->first = first;
	sc->limit = sc->last + POST_AFTER; /* a footer's prose is no post */
	return 1;
}

/* ---- joining stretches -------------------------------------------------- */

/* An article's lists, tables, code and subheadings split its prose into
   stretches (BARRIER lines that are not prose end one). The body joins the
   stretch beside it, and goes on, while one of JOIN_PROSE chars of prose or
   more lies within JOIN_GAP lines (gap_cost: a table's rows and cells,
   lines other rules removed and flush-left lines of indented text not
   counted, lines near prose counted half, smaller stretches on the way
   counted), with JOIN_SHARE percent of its prose at the body's indent or
   left of it (a dump sets a teaser list's blurbs deeper than the
   article's text, and an article's quotes, its items' paragraphs and its
   notes a little deeper: a third of it will do; join_share()), and no line
   on the way ends an article (article_end). */
enum { JOIN_PROSE = 300, JOIN_GAP = 60, JOIN_SHARE = 33, INDENTS = 16, CELL_CHARS = 12 };

/* A table's cell that a dump set on a line of its own ("60%", "Done",
   "+98"): of CELL_CHARS or fewer, with a letter or a digit, no list's item
   (a menu's "* Asia" is no cell, nor a bare "*"). */
static bool cell_line(const block *b)
{
	size_t n;
	const char *s = cln_line_trim(b, &n);
	if (n > CELL_CHARS || cln_item_marker(s, n) > 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (isalnum((unsigned char)s[i]))
			return true;
	return false;
}

/* Where the body's text is flush left (w3m sets paragraphs so), is line i
   a heading: a short line alone between blank lines, no list's item? */
static bool heading_alone(const doc *d, const body_scan *sc, size_t i)
{
	return sc->indent == 0 && sc->cls[i] == C_SHORT && alone(d, i);
}

/* An article's list item of a label and its value, a spec sheet's "Max
   speed: 34-40 mph" under each model a review compares: a table's row in
   a list's form. (On a shop's page such lines are its cards' prices.) */
static bool spec_item(const doc *d, const block *b)
{
	return d->page.type == PAGE_ARTICLE && cln_item_line(b) && cln_spec_line(b);
}

/* What line i costs a gap, in half lines: nothing if not there, a
   table's row, a spec sheet's item, a paragraph set in, or a heading in
   either layout (where the body's text is indented, a line flush left,
   where lynx sets headings and <pre>'s code; where it is flush left, one
   alone between blank lines); half a line if near prose (a short
   sentence, an item its lead-in announced: a list of the article's,
   however long); else a line. */
static long gap_cost(const doc *d, const body_scan *sc, size_t i)
{
	const block *b = &d->b[i];
	if (sc->cls[i] == C_GONE || sc->cls[i] == C_PRE || cln_row_line(b) || set_in_paragraph(b) ||
	    cell_line(b) || spec_item(d, b) || heading_alone(d, sc, i) ||
	    (sc->indent > 0 && cln_line_indent(b) == 0))
		return 0;
	return sc->cls[i] == C_NEAR ? 1 : 2;
}

static long gap_costs(const doc *d, const body_scan *sc, size_t a, size_t b)
{
	long n = 0;
	for (size_t i = a; i < b; i++)
		n += gap_cost(d, sc, i);
	return n;
}

/* No joined stretch reaches over a reader's comment, a hidden copy, a
   copyright notice, or a line a drop-after rule takes (a footer's heading,
   a cookie notice) wherever it stands. */
static bool article_end(doc *d, const body_scan *sc, size_t i)
{
	const signed char *cls = sc->cls;
	if (cls[i] == C_COMMENT || (cls[i] == C_REPEAT && !sc->thread) ||
	    cln_copyright_line(&d->b[i]))
		return true;
	for (size_t k = 0; k < sc->ntails && cls[i] != C_GONE; k++)
		if (cln_rule_hits(d, sc->tails[k], i))
			return true;
	return false;
}

/* The stretch of prose nearest line i going dir (1 or -1), after at most
   gmax half lines of gap, up to a barrier or where its run falls to
   nothing: its peak (score 0: none, or an article's end came first). */
static stretch stretch_at(doc *d, const body_scan *sc, size_t i, int dir, long gmax)
{
	stretch best = { 0, i, i };
	long run = 0, gap = 0;
	size_t barren = 0, start = SIZE_MAX;
	for (; i < sc->n && !article_end(d, sc, i); i = dir > 0 ? i + 1 : i - 1) {
		if (start == SIZE_MAX) { /* a stretch starts at prose, the one class that weighs */
			if (!prose_line(d, sc, i)) {
				if ((gap += gap_cost(d, sc, i)) > gmax)
					break;
				continue;
			}
			start = i;
		}
		long w = late(d, sc, i, line_weight(d, sc, i));
		barren = barren_run(d, sc->cls, i, barren);
		run += w;
		if (barren >= BARRIER || run <= 0)
			break;
		if (run > best.score)
			best = dir > 0 ? (stretch){ run, start, i + 1 } : (stretch){ run, i, start + 1 };
	}
	return best; /* going back, i - 1 from line 0 wraps past n */
}

/* The indent most of [s, e)'s prose is at, list items aside (their text
   sits deeper). */
static size_t body_indent(const doc *d, const body_scan *sc, size_t s, size_t e)
{
	size_t at[INDENTS], n = 0, best = 0;
	long chars[INDENTS], most = -1;
	/* a post of a list and no other prose: its items' indent */
	for (int items = 0; items < 2 && n == 0; items++)
		for (size_t i = s; i < e; i++) {
			if (!prose_line(d, sc, i) || (!items && cln_item_line(&d->b[i])))
				continue;
			size_t ind = cln_line_indent(&d->b[i]), k = 0;
			while (k < n && at[k] != ind)
				k++;
			if (k == n && n < INDENTS) {
				at[n] = ind;
				chars[n++] = 0;
			}
			if (k < n)
				chars[k] += (long)d->b[i].chars;
		}
	for (size_t k = 0; k < n; k++)
		if (chars[k] > most) {
			most = chars[k];
			best = at[k];
		}
	return best;
}

/* The percent of [s, e)'s prose (list items aside) at indent ind or left
   of it. */
static long share_at(const doc *d, const body_scan *sc, size_t s, size_t e, size_t ind)
{
	long all = 0, at = 0;
	for (size_t i = s; i < e; i++)
		if (prose_line(d, sc, i) && !cln_item_line(&d->b[i])) {
			all += (long)d->b[i].chars;
			at += cln_line_indent(&d->b[i]) <= ind ? (long)d->b[i].chars : 0;
		}
	return all ? at * 100 / all : 0;
}

/* Is stretch st a post's text: in a thread, from its first head to the
   text under its last? */
static bool in_thread(const body_scan *sc, const stretch *st)
{
	return sc->thread && st->s >= sc->first && st->s <= sc->last + POST_AFTER;
}

enum { JOIN_SUM = 2 * JOIN_PROSE };

/* What smaller stretches hold together to join: on a service page, where
   each feature, step or testimonial is a blurb of its own, what one
   stretch holds. */
static long join_sum(const doc *d)
{
	return d->page.type == PAGE_SERVICE ? JOIN_PROSE : JOIN_SUM;
}

/* The percent of a stretch's prose that sits at the body's indent or left
   of it for the stretch to join: in a manual, whose definitions,
   parameters and notes sit deeper than its prose and beside which no
   teaser list stands, any. */
static long join_share(const doc *d)
{
	return d->page.type == PAGE_DOCUMENTATION ? 0 : JOIN_SHARE;
}

/* The stretch the body joins going dir from line at: the first of
   JOIN_PROSE or more within JOIN_GAP lines, or, when smaller ones at the
   body's indent hold join_sum() together (a checklist's short paragraphs
   between its items and subheadings), the span from the first of them to
   the last; score 0 if none. In a thread every post is one: the first
   stretch of prose at the body's indent (deeper, a reply's comments). */
static stretch join_at(doc *d, const body_scan *sc, size_t at, int dir)
{
	stretch sum = { 0, at, at };
	for (long gap = 0;;) {
		stretch nx = stretch_at(d, sc, at, dir, 2 * JOIN_GAP - gap);
		bool post = in_thread(sc, &nx);
		if (nx.score <= 0 || (!post && nx.score >= JOIN_PROSE) ||
		    (post && share_at(d, sc, nx.s, nx.e, sc->indent) >= join_share(d)))
			return nx;
		if (!post && share_at(d, sc, nx.s, nx.e, sc->indent) >= join_share(d)) {
			if (sum.score == 0)
				sum = nx;
			else if (dir > 0)
				sum = (stretch){ sum.score + nx.score, sum.s, nx.e };
			else
				sum = (stretch){ sum.score + nx.score, nx.s, sum.e };
			if (sum.score >= join_sum(d))
				return sum;
		}
		gap += dir > 0 ? gap_costs(d, sc, at, nx.e) : gap_costs(d, sc, nx.s, at + 1);
		if (gap > 2 * JOIN_GAP || (dir < 0 && nx.s == 0))
			return (stretch){ 0, 0, 0 };
		at = dir > 0 ? nx.e : nx.s - 1;
	}
}

/* Does the body join st, a stretch join_at() found? A post's was checked
   there; another's prose must sit at the body's indent. */
static bool joins(const doc *d, const body_scan *sc, const stretch *st)
{
	return st->score > 0 &&
	       (in_thread(sc, st) || share_at(d, sc, st->s, st->e, sc->indent) >= join_share(d));
}

/* A stretch in the page's last quarter that runs to the copyright notice
   (or the page's end) is the footer's fine print (footer_notice). */
static bool fine_print(const doc *d, const body_scan *sc, const stretch *st)
{
	return st->e == sc->n && rank_of(sc, st->s) * 4 >= rank_of(sc, d->n) * 3;
}

/* The nearest thread's title in [lo, hi), going up from hi; SIZE_MAX if
   none. A stretch joining above a thread's first head starts under it
   (the question's small paragraphs join summed with what lies above them:
   the forum's promotions, which the title parts from the question); the
   body widened over the headings above it stops at it. */
static size_t title_in(const doc *d, const body_scan *sc, size_t lo, size_t hi)
{
	for (size_t i = hi; sc->thread && i > lo; i--)
		if (thread_title(d, sc, i - 1))
			return i - 1;
	return SIZE_MAX;
}

/* Join the body [sc->bs, sc->be) and the stretches beside it; true if it
   took any. Above a thread's first head one joins, the post whose head
   comes under it (Stack Exchange's question): what lies above it is the
   forum's (a sidebar of other threads, the network's promotions). */
static bool join_body(doc *d, body_scan *sc)
{
	sc->indent = body_indent(d, sc, sc->bs, sc->be);
	sc->ntails = cln_tail_rules(d, sc->tails, TAILS);
	bool joined = false;
	for (;;) {
		stretch nx = join_at(d, sc, sc->be, 1);
		if (!joins(d, sc, &nx) || fine_print(d, sc, &nx))
			break;
		sc->be = nx.e;
		joined = true;
	}
	while (sc->bs > 0) {
		stretch pv = join_at(d, sc, sc->bs - 1, -1);
		if (!joins(d, sc, &pv))
			break;
		size_t t = title_in(d, sc, pv.s, sc->first < sc->bs ? sc->first : sc->bs);
		if (t != SIZE_MAX && t + 1 >= sc->bs)
			break; /* what lies over the title is the forum's */
		pv.s = t == SIZE_MAX ? pv.s : t + 1;
		sc->bs = pv.s;
		joined = true;
		if (sc->thread && pv.s < sc->first)
			break;
	}
	return joined;
}

/* ---- a table closing the article -------------------------------------- */

/* An article that ends in a table (a shopping list's quantities, a
   training plan's weeks, a ranking's figures): no prose follows it for
   the body to join, so it joins as a table. After the body, rows at its
   indent (or flush left where the body is), with headings alone between
   them (lynx sets them flush left: "Fruit", "Week 2"), up to a list's
   item, code, a line no rule may cross (article_end) or a line of another
   indent: TABLE_ROWS rows or more, of TABLE_CHARS on average (a sidebar's
   "March 2025(6)" archive is shorter), two thirds of them holding
   TABLE_FIGURES numbers or more apart (80g 160g 320g): a teaser list's
   "7 must-watch films" and its dates hold fewer. The table ends at its
   last row of figures. Articles and manuals only: on a shop's page
   figures are its grid's. */
enum { TABLE_ROWS = 4, TABLE_CHARS = 24, TABLE_FIGURES = 3 };

static bool figures_row(const block *b)
{
	size_t numbers = 0;
	for (size_t k = 0; k < b->len; k++)
		numbers += isdigit((unsigned char)b->text[k]) && (k == 0 || !isdigit((unsigned char)b->text[k - 1]));
	return numbers >= TABLE_FIGURES;
}

/* A line a table stops at: a list's item, code, or a script's JSON that
   a dump printed (its escaped quotes, its braces). */
static bool no_row(const block *b)
{
	return cln_code_line(b) || cln_item_line(b) || memchr(b->text, '{', b->len) ||
	       memmem(b->text, b->len, "\\\"", 2);
}

static bool closing_table(doc *d, body_scan *sc)
{
	if (sc->thread || (d->page.type != PAGE_ARTICLE && d->page.type != PAGE_DOCUMENTATION))
		return false;
	/* rows and chars up to the last row of figures, which ends the table
	   (a tag line or a byline may follow it) */
	size_t rows = 0, figures = 0, chars = 0, last = sc->be, seen = 0, seen_chars = 0;
	for (size_t i = sc->be; i < sc->n; i++) {
		const block *b = &d->b[i];
		if (sc->cls[i] == C_GONE)
			continue;
		if (article_end(d, sc, i) || sc->cls[i] == C_COMMENT || no_row(b))
			break;
		bool heading = sc->indent > 0 ? cln_line_indent(b) == 0 && alone(d, i)
		                              : heading_alone(d, sc, i) && !figures_row(b);
		if (heading)
			continue;
		if (cln_line_indent(b) != sc->indent)
			break;
		seen++;
		seen_chars += b->chars;
		if (figures_row(b)) {
			figures++;
			rows = seen;
			chars = seen_chars;
			last = i + 1;
		}
	}
	if (rows < TABLE_ROWS || figures * 3 < rows * 2 || chars < rows * TABLE_CHARS)
		return false;
	sc->be = last;
	return true;
}

/* ---- a product's specifications ---------------------------------------- */

/* On a product page the specifications (cln_spec_run: SPEC_MIN lines or
   more) that start within SPEC_GAP lines after the body, none of them
   prose or an article's end, join it, a group after another ("Dimensions"
   under the description, "System requirements" under a game's); true if
   it took any. */
enum { SPEC_GAP = 12, SPEC_MIN = 3 };
static bool spec_body(doc *d, body_scan *sc)
{
	bool took = false;
	if (d->page.type != PAGE_PRODUCT)
		return false;
	for (size_t i = sc->be; i < sc->n && i - sc->be <= SPEC_GAP; i++) {
		if (sc->cls[i] == C_GOOD || article_end(d, sc, i))
			break;
		size_t count, e = cln_spec_run(d, i, sc->n, &count);
		if (count >= SPEC_MIN) {
			sc->be = e;
			took = true;
		}
		i = e > i ? e - 1 : i;
	}
	return took;
}

/* A product's specifications of SPEC_FAR lines or more that stand
   further under its description than SPEC_GAP lines (a sponsored card, the
   tabs' labels between: Newegg's) join it too, what lies between apart;
   true if they did. Not over an article's end (a footer's heading). */
enum { SPEC_FAR = 8 };
static bool far_specs(doc *d, body_scan *sc)
{
	if (d->page.type != PAGE_PRODUCT || sc->gap_e > sc->gap_s)
		return false;
	for (size_t i = sc->be; i < sc->n; i++) {
		if (article_end(d, sc, i))
			return false;
		size_t count, e = cln_spec_run(d, i, sc->n, &count);
		if (count >= SPEC_FAR) {
			sc->gap_s = sc->be;
			sc->gap_e = i;
			sc->gap_why = "between the description and the specifications";
			sc->be = e;
			return true;
		}
		i = e > i ? e - 1 : i;
	}
	return false;
}

/* A product's feature bullets: FEATURE_ITEMS items or more of
   FEATURE_WORDS words each right over the body (a shop prints them under
   the product's name, its description or a promotion under them), the
   lines rules removed aside. Items that start alike (FEATURE_SAME bytes,
   a gallery's alt texts: "May include: ...", "Mug, handmade image 2") are
   no features: a third of them so and they stay out. True if they joined. */
enum { FEATURE_ITEMS = 3, FEATURE_WORDS = 4, FEATURE_SAME = 14 };

static bool starts_alike(const block *a, const block *b)
{
	size_t n, m;
	const char *s = cln_line_trim(a, &n), *t = cln_line_trim(b, &m);
	return n >= FEATURE_SAME && m >= FEATURE_SAME && memcmp(s, t, FEATURE_SAME) == 0;
}

static bool feature_bullets(const doc *d, body_scan *sc)
{
	if (d->page.type != PAGE_PRODUCT || sc->thread)
		return false;
	size_t s = sc->bs, items = 0, alike = 0, last = SIZE_MAX;
	while (s > 0 && (sc->cls[s - 1] == C_GONE ||
	                 (cln_item_line(&d->b[s - 1]) && cln_block_words(&d->b[s - 1]) >= FEATURE_WORDS))) {
		if (sc->cls[--s] == C_GONE)
			continue;
		items++;
		alike += last != SIZE_MAX && starts_alike(&d->b[s], &d->b[last]);
		last = s;
	}
	if (items < FEATURE_ITEMS || alike * 3 >= items)
		return false;
	sc->bs = s;
	return true;
}

/* ---- preformatted text -------------------------------------------------- */

static bool flush_left(const doc *d, size_t i)
{
	return d->b[i].len && cln_line_indent(&d->b[i]) == 0;
}

/* The indent most of the prose's chars are at, when PRE_SHARE percent of
   them are indented (lynx indents paragraphs 3 blanks, a definition's
   deeper); else 0. A list's items and the lines they wrap onto do not
   count: w3m indents those, not its paragraphs. */
enum { PRE_SHARE = 80 };
static size_t prose_indent(const doc *d, const signed char *cls)
{
	size_t at[INDENTS] = { 0 }, all = 0, in = 0, best = 0, item = 0; /* item: its text's column */
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		size_t k = cln_line_indent(b), c = b->chars;
		bool it = cln_item_line(b);
		if (it || (item && b->blanks == 0 && k == item)) {
			item = it ? cln_text_column(b->text, b->len) : item;
			continue;
		}
		item = 0;
		if (cls[i] != C_GOOD)
			continue;
		all += c;
		in += k > 0 ? c : 0;
		if (k > 0 && k < INDENTS)
			at[k] += c;
	}
	for (size_t k = 1; k < INDENTS; k++)
		best = at[k] > at[best] ? k : best;
	return all && in * 100 >= all * PRE_SHARE ? best : 0;
}

/* Is line i code over a line set deeper than the prose (at ind), or over
   such a line of code: a function's first line over its body? */
static bool code_over(const doc *d, size_t i, size_t ind)
{
	const block *next = &d->b[i + 1];
	return cln_line_indent(next) > ind && !cln_item_line(next) &&
	       (cln_code_line(&d->b[i]) || cln_code_line(next));
}

/* Where the prose is flush left too (w3m), a <pre> is a run of PRE_RUN
   lines or more, no blank line between, none prose nor a list's item,
   one line in PRE_CODE or more reading as code ("SELECT u.name,
   COUNT(o.id)", "GROUP BY u.id;"): a menu's or a footer's lines hold
   none. */
enum { PRE_RUN = 3, PRE_CODE = 3 };
static void mark_pre_flush(const doc *d, signed char *cls)
{
	for (size_t i = 0; i < d->n;) {
		size_t j = i, code = 0;
		for (; j < d->n && (j == i || d->b[j].blanks == 0) &&
		       (cls[j] == C_BAD || cls[j] == C_SHORT || cls[j] == C_NEAR) &&
		       !cln_item_line(&d->b[j]);
		     j++)
			code += code_like(&d->b[j]);
		if (j - i >= PRE_RUN && code * PRE_CODE >= j - i)
			memset(cls + i, C_PRE, j - i);
		i = j > i ? j : i + 1;
	}
}

/* Where a dump indents its prose (lynx does), it sets <pre> flush left,
   keeping the indents inside it: the lines there that are no prose
   become C_PRE, a flush-left line right under or over another, or over a
   line set deeper when either is code (a function's first line over its
   body), and the lines under one of them, right under (a statement's
   continued lines) or, a blank line apart, set deeper than the prose and
   no list's item (a diagram's next part); and a flush-left line of code
   alone, and a line set left of the prose but not flush left (nothing
   but a <pre> is: "  const [age, setAge] = useState(42);"). An article's
   code then splits no body: it weighs nothing, and no menu's barrier
   counts it. A heading, flush left too, stands alone between blank lines,
   and costs as before. */
static void mark_pre(const doc *d, signed char *cls)
{
	size_t ind = prose_indent(d, cls);
	if (!ind)
		mark_pre_flush(d, cls);
	for (size_t i = 0; ind && i < d->n; i++) {
		const block *b = &d->b[i];
		if (cls[i] != C_BAD && cls[i] != C_SHORT && cls[i] != C_NEAR)
			continue;
		bool under = i > 0 && b->blanks == 0, over = i + 1 < d->n && d->b[i + 1].blanks == 0;
		size_t k = cln_line_indent(b);
		if (flush_left(d, i) ? (under && (cls[i - 1] == C_PRE || flush_left(d, i - 1))) ||
		                       (over && (flush_left(d, i + 1) || code_over(d, i, ind))) ||
		                       code_like(b)
		                     : (k < ind && !cln_item_line(b) && code_like(b)) ||
		                       (i > 0 && cls[i - 1] == C_PRE &&
		                        (under || (b->blanks == 1 && k > ind && !cln_item_line(b)))))
			cls[i] = C_PRE;
	}
}

/* The chars of the lines [s, e) no rule removed. */
static size_t kept_chars(const doc *d, size_t s, size_t e)
{
	size_t n = 0;
	for (size_t i = s; i < e; i++)
		n += d->b[i].removed_by < 0 ? d->b[i].chars : 0;
	return n;
}

/* A listing: when the body holds under 1/UNIT_SHARE of the text a
   listing's repeated cards span (cln_text_units), the cards are the
   content, and the body is their span: 1, or 0 (none), or CLN_ENOMEM. On
   a page typed a collection or a listing (by more than one weak signal:
   "cards" alone types a news page whose related stories are a grid),
   whose cards are what it shows, cards that print a number (a price, a
   count, a date) will do when the body holds under half their text (2);
   a body that ends within UNIT_NEAR lines over them (the grid's
   introduction) stays with them, and so does one of UNIT_GUIDE chars or
   more anywhere (a category's guide to what it sells, under its grid:
   the HTML path keeps both too), the lines between them (a pager) apart.
   `prices`: a grid of fewer cards will do when each prints its price
   alone on a line (cln_text_units). */
enum { UNIT_SHARE = 10, UNIT_SHARE_GRID = 2, UNIT_NEAR = 10, UNIT_GUIDE = 800 };
static int listing_body(const doc *d, body_scan *sc, bool prices)
{
	text_units u;
	int rc = cln_text_units(d, &u, prices);
	if (rc <= 0)
		return rc;
	/* the shape may stand anywhere in a card: a card's lines before the
	   first and after the last, up to prose (no card's, a footer's) */
	size_t s = u.first, e = u.last + 1;
	while (s > 0 && u.first - s + 1 < u.card && sc->cls[s - 1] != C_GOOD)
		s--;
	while (e < d->n && e - u.last <= u.card && sc->cls[e] != C_GOOD)
		e++;
	bool grid = u.numbered && cln_page_score(&d->page) > 1 &&
	            (d->page.type == PAGE_COLLECTION || d->page.type == PAGE_LISTING);
	size_t body = kept_chars(d, sc->bs, sc->be);
	if (body * (grid ? UNIT_SHARE_GRID : UNIT_SHARE) >= kept_chars(d, s, e))
		return 0;
	bool intro = body > 0 && sc->be <= s && s - sc->be <= UNIT_NEAR;
	bool guide = body >= UNIT_GUIDE;
	if (guide && sc->be <= s && !intro) {
		sc->gap_s = sc->be;
		sc->gap_e = s;
		sc->gap_why = "between the cards and the guide";
	} else if (guide && sc->bs >= e) {
		sc->gap_s = e;
		sc->gap_e = sc->bs;
		sc->gap_why = "between the cards and the guide";
	}
	sc->bs = (intro || guide) && sc->bs < s ? sc->bs : s;
	sc->be = guide && sc->be > e ? sc->be : e;
	return grid ? 2 : 1;
}

/* Readers' comments run on while a comment's head or a line of prose
   follows within COMMENT_GAP lines of the last. */
enum { COMMENT_GAP = 8 };

/* Where the readers' comments after the body end, from the first head
   at c (the section's "39 Comments" or a comment's "name says:"): after
   the last comment's head or line of prose that follows another within
   COMMENT_GAP lines (prose with no menu's line between), and before a
   section's heading that follows the comments ("Leave a Reply": the form
   to comment is no comment). c itself when no comment's head and prose
   follow (a lone "Reply", a form's "Comments" and "Your email address
   will not be published."). */
static size_t comments_end(const doc *d, const body_scan *sc, size_t c)
{
	size_t last = c;
	bool head = cln_comment_head(&d->b[c]) != HEAD_SECTION, prose = false, text = false;
	bool menu = false; /* a line that is no prose since the last one counted */
	for (size_t i = c + 1; i < d->n && i - last <= COMMENT_GAP; i++) {
		int k = sc->cls[i];
		/* a short comment ("thanks") right under its head */
		bool reply = k == C_SHORT && !text && i - last <= 2;
		if (d->b[i].removed_by >= 0)
			continue;
		menu |= k == C_BAD;
		/* prose after a menu's line ("[ Read All Comments ]", "Guides")
		   is a teaser's, unless a comment's head comes first */
		if ((k != C_COMMENT && k != C_GOOD && k != C_NEAR && !reply) || (menu && k != C_COMMENT))
			continue;
		bool section = k == C_COMMENT && cln_comment_head(&d->b[i]) == HEAD_SECTION;
		if (section && head)
			break;
		head |= k == C_COMMENT && !section;
		prose |= head && k == C_GOOD;
		text = k != C_COMMENT;
		menu = false;
		last = i;
	}
	return head && prose ? last + 1 : c;
}

/* What follows the body [sc->be, n) goes; the readers' comments in it
   (from the first comment's head on: an article's, not a thread's, whose
   posts are its body) as the rule's part, when it names one. */
static int cut_tail(doc *d, size_t ri, const body_scan *sc)
{
	size_t c = sc->be, e;
	if (d->rules->v[ri].part && !sc->thread && d->page.type != PAGE_FORUM)
		while (c < d->n && (d->b[c].removed_by >= 0 || sc->cls[c] != C_COMMENT))
			c++;
	if (c == d->n || (e = comments_end(d, sc, c)) == c)
		return cln_drop_run(d, ri, sc->be, d->n, "%s", "after the main content");
	int rc = cln_drop_run(d, ri, sc->be, c, "%s", "after the main content");
	int g = d->groups;
	if (rc == 0)
		rc = cln_drop_run(d, ri, c, e, "%s", "after the main content: readers' comments");
	if (rc == 0 && d->groups > g)
		cln_part_group(d, d->groups);
	return rc == 0 ? cln_drop_run(d, ri, e, d->n, "%s", "after the main content") : rc;
}

/* The body found [sc->bs, sc->be): say how, drop what lies outside it and
   what inside is not the article's; in a listing, whose cards are no
   prose, only a carousel's pictures. */
static int cut_body(doc *d, size_t ri, const body_scan *sc, const char *how,
                    const stretch *other, bool listing)
{
	if (d->ex)
		trace_text(d, ri, how, sc->best, sc->bs, sc->be, other);
	int rc = cln_drop_run(d, ri, 0, sc->bs, "%s", "before the main content");
	if (rc == 0)
		rc = cut_tail(d, ri, sc);
	if (rc == 0 && sc->gap_e > sc->gap_s)
		rc = cln_drop_run(d, ri, sc->gap_s, sc->gap_e, "%s", sc->gap_why);
	for (size_t i = sc->bs; i < sc->be && rc == 0; i++)
		if (!listing || sc->cls[i] == C_SLIDE || sc->cls[i] == C_LINKS)
			rc = drop_inside(d, ri, sc->cls[i], i, sc->indent, sc->thread);
	return rc;
}

/* No prose at all: a shop's grid of priced cards may still be the
   content (a category of six lights, each a name and a price). */
static int grid_body(doc *d, size_t ri, body_scan *sc, const stretch *other)
{
	sc->bs = sc->be = 0;
	int listing = listing_body(d, sc, true);
	return listing != 2 ? (listing < 0 ? listing : 0)
	       : cut_body(d, ri, sc, "no prose, a grid of cards: the lines its numbered cards span",
	                  other, true);
}

/* What --explain says of a body found by prose scores. */
static const char *prose_how(const body_scan *sc, int listing, bool features, bool specs,
                             bool joined)
{
	return listing == 2 ? "prose scores, a grid of cards: the lines its numbered cards span, "
	                      "the prose half of them or less"
	       : listing ? "prose scores, a listing: the lines its repeated cards span, the prose "
	                   "a tenth of them or less"
	       : sc->thread ? "prose scores, a thread: every post under its head"
	       : features && specs ? "prose scores, the product's feature bullets over it and its "
	                             "specifications under it"
	       : features ? "prose scores, and the product's feature bullets over it"
	       : specs ? "prose scores, and the specifications under the product's description"
	       : joined ? "prose scores, joining the stretches an article's lists, tables and "
	                  "headings split"
	       : "prose scores";
}

/* The stretch of most prose found, joined, widened, and moved to the
   cards or the specifications that make the page. */
static int prose_body(doc *d, size_t ri, body_scan *sc, const stretch *other)
{
	bool joined = join_body(d, sc);
	while (closing_table(d, sc)) { /* and the prose after it */
		join_body(d, sc);
		joined = true;
	}
	size_t top = sc->bs, t;
	widen_body(d, sc->cls, sc->n, &sc->bs, &sc->be, sc->thread,
	           d->page.type == PAGE_ARTICLE && prose_indent(d, sc->cls) == 0);
	if ((t = title_in(d, sc, sc->bs, top)) != SIZE_MAX)
		sc->bs = t;
	bool features = feature_bullets(d, sc);
	bool specs = !sc->thread && spec_body(d, sc);
	int listing = sc->thread ? 0 : listing_body(d, sc, false);
	specs |= listing == 0 && !sc->thread && far_specs(d, sc);
	return listing < 0 ? listing
	       : cut_body(d, ri, sc, prose_how(sc, listing, features, specs, joined), other, listing);
}

/* lynx's list of the page's <link>s goes where no body was cut around
   it: on a page of no prose (a shell whose content a script loads) too. */
static int drop_links(doc *d, size_t ri, const signed char *cls)
{
	int rc = 0;
	for (size_t i = 0; i < d->n && cls[i] == C_LINKS && rc == 0; i++)
		if (d->b[i].removed_by < 0)
			rc = drop_inside(d, ri, C_LINKS, i, 0, false);
	return rc;
}

int cln_text_main(doc *d, size_t ri)
{
	const rule *r = &d->rules->v[ri];
	if (d->n == 0)
		return 0;
	bool nomem = false;
	signed char *cls = malloc(d->n); /* a byte a line: this can be the peak */
	bool *copy = cls ? malloc(d->n) : NULL;
	uint32_t *rank = copy ? line_ranks(d, &nomem) : NULL;
	if (!copy || nomem || cln_text_copies(d, copy) < 0) {
		free(rank);
		free(copy);
		free(cls);
		return CLN_ENOMEM;
	}
	cln_text_classify(d, cls, copy, r->p[P_MIN_CHARS]);
	free(copy);
	body_scan sc = { .cls = cls, .rank = rank, .n = d->n, .limit = SIZE_MAX };
	int rc = text_thread(d, cls, &sc);
	if (rc > 0)
		sc.pindent = prose_indent(d, cls);
	/* not in a thread, whose body is every post under its head already:
	   there it only moved where the first post was found (WCXB forums) */
	if (rc == 0)
		mark_pre(d, cls);
	if (rc >= 0)
		scan_body(d, &sc);
	offer(sc.top, &sc.peak);
	const stretch *other = sc.top[0].s == sc.bs ? &sc.top[1] : &sc.top[0];
	if (rc == 0 && sc.best <= 0)
		rc = grid_body(d, ri, &sc, other);
	else if (rc >= 0 && sc.best > 0)
		rc = prose_body(d, ri, &sc, other);
	if (rc >= 0)
		rc = drop_links(d, ri, cls);
	free(rank);
	free(cls);
	return rc < 0 ? rc : 0;
}

/*
 * htmlcode.c - a code listing's line numbers. Highlighters number a
 * listing's lines in elements of their own, in a gutter beside the <pre>
 * (Pygments' "linenos" cell, Rouge's and hexo's "gutter") or at the start
 * of each line inside it (a React highlighter's "linenumber" spans, or
 * spans a style sheet makes unselectable: Twilio's). A browser shows them,
 * but copying the code leaves them out, and so does the clean text:
 * "1with open(...)" is no line of the program, nor a column of numbers
 * printed over it.
 */
#include <ctype.h>
#include <gumbo.h>
#include <string.h>

#include "htmlwalk.h"
#include "internal.h"
#include "memci.h"

/* Deeper than this an element's text is not looked into. */
enum { CODE_DEPTH = 32, NUMBER_DIGITS = 6, NUMBERED_MIN = 2, BARE_SHARE = 10 };

/* What a subtree's text holds: digits only, and white space (`ok`), in
   how many runs, the last run's value. */
typedef struct digits {
	size_t count, runs;
	long value;
	bool ok;
} digits;

static void read_digits(const GumboNode *n, int depth, digits *dg);

static void kids_digits(const GumboVector *kids, int depth, digits *dg)
{
	if (depth >= CODE_DEPTH)
		dg->ok = false;
	for (unsigned i = 0; dg->ok && i < kids->length; i++)
		read_digits(kids->data[i], depth + 1, dg);
}

static void read_digits(const GumboNode *n, int depth, digits *dg)
{
	if (n->type == GUMBO_NODE_ELEMENT) {
		kids_digits(&n->v.element.children, depth, dg);
		return;
	}
	if (n->type != GUMBO_NODE_TEXT && n->type != GUMBO_NODE_WHITESPACE)
		return; /* a comment */
	bool in = false;
	for (const char *s = n->v.text.text; *s && dg->ok; s++) {
		bool d = isdigit((unsigned char)*s);
		dg->ok = d || isspace((unsigned char)*s);
		dg->runs += d && !in;
		if (d && dg->count < NUMBER_DIGITS) /* longer is no line's number */
			dg->value = (in ? dg->value : 0) * 10 + (*s - '0');
		dg->count += d;
		in = d;
	}
}

/* A class token [t, t + n) that names line numbers: "linenos", "lineno",
   "linenumber", "line-number(s)", "line_num", "CodeMirror-linenumber"
   ("line" at the token's start or after a dash, not "outline-none"), or a
   gutter: "gutter", "rouge-gutter" (not Bootstrap's "no-gutters"). */
static bool numbers_token(const char *t, size_t n, const void *arg)
{
	(void)arg;
	if ((n >= 6 && strncasecmp(t + n - 6, "gutter", 6) == 0) &&
	    (n == 6 || t[n - 7] == '-' || t[n - 7] == '_'))
		return true;
	for (const char *p = memci(t, n, "line"); p; p = memci(p + 4, n - (size_t)(p + 4 - t), "line")) {
		if (p > t && p[-1] != '-' && p[-1] != '_')
			continue;
		const char *q = p + 4, *end = t + n;
		q += q < end && (*q == '-' || *q == '_');
		if (end - q >= 3 && strncasecmp(q, "num", 3) == 0)
			return true;
		if (end - q >= 2 && strncasecmp(q, "no", 2) == 0 &&
		    (end - q == 2 || (end - q == 3 && (q[2] == 's' || q[2] == 'S'))))
			return true;
	}
	return false;
}

static bool github_table(const char *t, size_t n, const void *arg)
{
	(void)arg;
	return n == 22 && strncmp(t, "js-file-line-container", 22) == 0;
}

bool cln_code_table_class(const char *c)
{
	return cln_any_token(c, github_table, NULL);
}

static bool holds_element(const GumboElement *e)
{
	for (unsigned i = 0; i < e->children.length; i++)
		if (((const GumboNode *)e->children.data[i])->type == GUMBO_NODE_ELEMENT)
			return true;
	return false;
}

bool cln_code_gutter(const GumboElement *e)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, "class");
	if (!a || !cln_any_token(a->value, numbers_token, NULL))
		return false;
	if (e->tag != GUMBO_TAG_TD && e->tag != GUMBO_TAG_TH && holds_element(e))
		return false;
	digits dg = { .ok = true };
	kids_digits(&e->children, 0, &dg);
	return dg.ok && dg.count > 0;
}

/* ---- numbers that start a <pre>'s lines -------------------------------- */

/* The walk tells what it meets in a <pre>, in the page's order, so a page
   parsed in pieces reads as one parsed whole: a line ends (a <br>, a line
   element), text, an element that holds a number. */
enum { AT_START, AFTER_NUMBER, IN_LINE };

void cln_numbering_start(cln_numbering *nb)
{
	nb->n = nb->code = nb->bare = 0;
	nb->state = AT_START;
	nb->broken = false;
}

void cln_numbering_line(cln_numbering *nb, bool box)
{
	/* a line's box starts a line; the code's box beside its number, not */
	if (!box || nb->state != AFTER_NUMBER)
		nb->state = AT_START;
}

void cln_numbering_text(cln_numbering *nb, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			nb->state = AT_START;
		else if (!isspace((unsigned char)s[i]) && nb->state != IN_LINE) {
			*(nb->state == AFTER_NUMBER ? &nb->code : &nb->bare) += 1;
			nb->state = IN_LINE;
		}
	}
}

bool cln_numbering_candidate(const cln_numbering *nb, const GumboElement *e, long *value)
{
	if (nb->state != AT_START || nb->broken)
		return false;
	if (holds_element(e))
		return false; /* a line's box, holding its number and code */
	digits dg = { .ok = true };
	kids_digits(&e->children, 0, &dg);
	*value = dg.value;
	return dg.ok && dg.runs == 1 && dg.count <= NUMBER_DIGITS;
}

int cln_numbering_take(cln_numbering *nb, long value, size_t from, size_t to, bool link)
{
	if (nb->n && value != nb->last + 1) {
		nb->broken = true; /* out of turn: numbers of the program's */
		return 0;
	}
	if (grow_array(&nb->v, nb->n, &nb->cap, sizeof *nb->v) < 0)
		return CLN_ENOMEM;
	size_t before = nb->n ? nb->v[nb->n - 1].before + nb->v[nb->n - 1].to - nb->v[nb->n - 1].from : 0;
	nb->v[nb->n++] = (cln_number){ from, to, before, link };
	nb->last = value;
	nb->state = AFTER_NUMBER;
	return 0;
}

void cln_numbering_box_end(cln_numbering *nb, size_t at)
{
	/* the box of a line's code after its number: were the number not
	   there, the line would start with the box */
	if (nb->n && nb->state == AFTER_NUMBER && nb->v[nb->n - 1].to == at)
		nb->v[nb->n - 1].to++;
}

bool cln_numbering_holds(const cln_numbering *nb)
{
	/* every line numbered, or all but one in BARE_SHARE (not a program's
	   output between its statements, "0" after ">>> len(empty)"), and
	   most numbers before a line of code (not an output that counts "1",
	   "2", "3" in spans) */
	return !nb->broken && nb->n >= NUMBERED_MIN && nb->bare * BARE_SHARE <= nb->n &&
	       nb->code * 2 >= nb->n;
}

size_t cln_numbering_moved(const cln_numbering *nb, size_t at)
{
	size_t lo = 0, hi = nb->n; /* the numbers that start before at: [0, lo) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (nb->v[mid].from < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return at;
	const cln_number *x = &nb->v[lo - 1];
	return at - x->before - ((at < x->to ? at : x->to) - x->from);
}

/*
 * htmlwalk.h - what htmlblocks.c's walk over Gumbo's tree asks of its
 * helpers: a code listing's line numbers, which the text leaves out
 * (htmlcode.c), and addresses a CDN hid from scrapers (htmlemail.c)
 * (internal).
 */
#ifndef CLEANER_HTMLWALK_H
#define CLEANER_HTMLWALK_H

#include <gumbo.h>
#include <stdbool.h>
#include <stddef.h>

/* Is e a gutter of line numbers: its class names them, its text is
   digits and white space, and it is a table's cell or holds no element
   (no piece of a page parsed in pieces cuts either)? */
bool cln_code_gutter(const GumboElement *e);

/* The numbers that start a <pre>'s lines 1, 2, 3 ..., whatever their
   elements' class (Twilio's spans), found as the walk builds the <pre>'s
   block: its text's bytes [from, to) that held them go when the block
   ends and they were a numbering (cln_numbering_holds). */
typedef struct cln_number {
	size_t from, to; /* in the block's text */
	size_t before;   /* the bytes of the numbers before it */
	bool link;       /* inside a link (counted in its link chars) */
} cln_number;

typedef struct cln_numbering {
	cln_number *v;
	size_t n, cap;
	long last;   /* the last number taken */
	size_t code; /* lines with code after their number, */
	size_t bare; /* and lines with code and no number */
	int state;
	bool broken; /* a number out of turn: no numbering */
} cln_numbering;

/* A <pre> starts (v stays allocated: free it when the walk ends). */
void cln_numbering_start(cln_numbering *nb);
/* A <br> (box false) or a line's box (a <div>, <p>, <li>...) starts. */
void cln_numbering_line(cln_numbering *nb, bool box);
/* Text [s, s + n) was added to the <pre>'s block. */
void cln_numbering_text(cln_numbering *nb, const char *s, size_t n);
/* Could element e, met now, number its line: at a line's start, holding
   only one number (*value) and no element? */
bool cln_numbering_candidate(const cln_numbering *nb, const GumboElement *e, long *value);
/* It did, at bytes [from, to) of the block's text: taken if in turn
   (else the numbering is broken). 0, or CLN_ENOMEM. */
int cln_numbering_take(cln_numbering *nb, long value, size_t from, size_t to, bool link);
/* The walk ends a line at byte `at` (the line end it writes before a
   line's box): right after a number, the line end goes with it. */
void cln_numbering_box_end(cln_numbering *nb, size_t at);
/* Do the numbers taken number the <pre>'s lines? */
bool cln_numbering_holds(const cln_numbering *nb);
/* Where byte `at` of the block's text is once the numbers are cut. */
size_t cln_numbering_moved(const cln_numbering *nb, size_t at);

/* Cloudflare's email protection: an element (class "__cf_email__") shows
   "[email protected]" where the browser's script writes the address its
   data-cfemail attribute holds (hex, each byte XOR the first). The
   address into out (cap bytes, NUL-terminated): its length, or 0 when e
   has none or it does not decode to an address. */
size_t cln_cf_email(const GumboElement *e, char *out, size_t cap);

#endif

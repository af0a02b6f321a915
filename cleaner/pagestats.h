/*
 * pagestats.h - what a page shows of its kind, counted: pagetype.c counts
 * it on a page's elements and blocks, textsignals.c on flattened text's
 * lines, and pagetype.c weighs both the same way (internal).
 */
#ifndef CLEANER_PAGESTATS_H
#define CLEANER_PAGESTATS_H

#include "internal.h"

/* A run of like siblings (same tag and class): how many, and how many of
   them hold a date, an author, a price, a heading; their text. */
typedef struct run {
	uint32_t n, time, author, price, heading, link, img;
	uint32_t first; /* the first block of its first element */
	int parent;     /* the element around the run */
	uint64_t chars, link_chars;
} run;

typedef struct page_stats {
	run posts, priced, cards;  /* the biggest run of each shape */
	size_t member_stats; /* "Joined: ...", "Posts: 12" beside posts */
	unsigned landing, body_class; /* bits: the words below the page's classes use */
	size_t pre, code, sections, toc, cart, prices, headings, linked_headings, times, sales;
	size_t buy_buttons; /* buy_button() elements */
	size_t doc_labels;  /* a manual's labels alone on a line: "Note", "See also" (text) */
	unsigned product_heads; /* bits: the kinds of a product's section headings (text) */
	uint32_t first_buy; /* the first block of the first of them */
	size_t first_h1;    /* the first <h1>'s block, + 1 (0: none) */
	uint64_t link_chars;
	size_t prose, prose_chars, chars;
	size_t before_posts; /* prose chars before the posts: an article's comments follow it */
	size_t para_run, best_run; /* paragraphs in a row: now, the most */
} page_stats;

/* Phrases of a page that sells a service ("we offer", "get a quote"): how
   many of them stand in s. */
size_t cln_sales_copy(const char *s, size_t len);
/* A forum's line on a poster: "Joined: May 2020", "Posts: 1,024". */
bool cln_member_stat(const char *s, size_t len);
/* A short text that is a buy button's: "Add to cart", "Buy now". */
bool cln_cart_text(const char *s, size_t len, size_t chars);
/* textsignals.c: st's counts from flattened text's lines; 0 or CLN_ENOMEM. */
int cln_text_stats(const doc *d, page_stats *st);

#endif

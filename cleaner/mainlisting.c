/*
 * mainlisting.c - main content on a listing page (a blog index, a news
 * section, search results, a directory: what the page-type classifier
 * calls a listing). Its content is the list of cards, each a headline
 * link with perhaps a teaser, a byline and a date. The prose scores of
 * maincontent.c see little prose there, as the teasers are links too: they
 * pick one card (an <article>, a "story body" class) or a sidebar's
 * paragraph; and inside the body, the link-density test takes the
 * headlines. Here the pick widens to the list, and headlines stay.
 */
#include "internal.h"

static size_t in(const uint32_t *prefix, const elem *e)
{
	return prefix[e->end] - prefix[e->first];
}

/* A container holding under ONE_CARD percent of the text still kept is one
   card, or a box beside the list: the body is its nearest ancestor holding
   LIST_TEXT percent of that text. */
enum { ONE_CARD = 25, LIST_TEXT = 50 };

int cln_listing_widen(const main_page *pg, int best)
{
	const doc *d = pg->d;
	if (best < 0 || d->page.type != PAGE_LISTING ||
	    in(pg->chars, &d->el[best]) * 100 >= (size_t)pg->chars[d->n] * ONE_CARD)
		return best;
	return cln_main_gather(d, pg->chars, best, LIST_TEXT);
}

/* A card's headline: a link block that is a heading, or long enough to
   name something (TITLE_CHARS); a menu's short items still go. */
enum { TITLE_CHARS = 20 };

bool cln_listing_title(const doc *d, const block *b)
{
	return d->page.type == PAGE_LISTING && (b->chars >= TITLE_CHARS || (b->flags & BF_HEADING));
}

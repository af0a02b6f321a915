/*
 * mainsections.c - main content spread over many parts: service pages
 * (hero, features, testimonials, pricing, FAQ as sibling sections),
 * listings and collections (a grid of cards). The text scores of
 * maincontent.c crown the container of the best run of paragraphs, which
 * on such pages is one FAQ answer or one card; here that choice is widened
 * to the element that gathers the page's prose.
 */
#include <string.h>

#include "internal.h"

/* The chosen container holds less than SCATTERED percent of the page's
   prose: it is one part of many, so widen to the nearest ancestor holding
   GATHERED percent. But a body of BODY_BLOCKS paragraphs or more that holds
   BODY_SHARE percent is an article's: the prose elsewhere is teasers and
   comments around it. */
enum { SCATTERED = 50, GATHERED = 70, BODY_BLOCKS = 12, BODY_SHARE = 30 };

static size_t good_in(const size_t *good, const elem *e)
{
	return good[e->end] - good[e->first];
}

int cln_main_widen(const doc *d, const size_t *good, int best)
{
	if (best < 0)
		return best;
	size_t total = good[d->n], have = good_in(good, &d->el[best]), paragraphs = 0;
	for (size_t i = d->el[best].first; i < d->el[best].end; i++)
		paragraphs += good[i + 1] > good[i];
	if (have * 100 >= total * SCATTERED ||
	    (paragraphs >= BODY_BLOCKS && have * 100 >= total * BODY_SHARE))
		return best;
	int e = best;
	while (d->el[e].parent >= 0 && good_in(good, &d->el[e]) * 100 < total * GATHERED &&
	       strcmp(d->el[d->el[e].parent].tag, "html") != 0)
		e = d->el[e].parent;
	return e;
}

/*
 * mainlisting.c - main content on a listing page (a blog index, a news
 * section, search results, a directory: what the page-type classifier
 * calls a listing). Its content is the list of cards, each a headline
 * link with perhaps a teaser, a byline and a date. The prose scores of
 * maincontent.c see little prose there, as the teasers are links too: they
 * pick one card (an <article>, a "story body" class) or a sidebar's
 * paragraph; and inside the body, the link-density test takes the
 * headlines. Here the pick widens to the list, and headlines stay. A
 * collection (a category grid of products) is its grid of priced cards:
 * a pick beside it widens to hold it, and the products' names stay.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* A card's headline names something: TITLE_CHARS or more. */
enum { TITLE_CHARS = 20 };

static size_t in(const uint32_t *prefix, const elem *e)
{
	return prefix[e->end] - prefix[e->first];
}

/* A container holding under ONE_CARD percent of the text still kept is one
   card, or a box beside the list: the body is its nearest ancestor holding
   LIST_TEXT percent of that text. */
enum { ONE_CARD = 25, LIST_TEXT = 50 };

/* A page of cards: a listing's (headlines) or a collection's (products). */
static bool cards_page(const doc *d)
{
	return d->page.type == PAGE_LISTING || d->page.type == PAGE_COLLECTION;
}

/* Is element e inside element top (or top itself)? */
static bool inside(const doc *d, size_t e, size_t top)
{
	int a = (int)e;
	while (a >= 0 && d->el[a].depth > d->el[top].depth)
		a = d->el[a].parent;
	return a == (int)top;
}

/* The nearest element holding both a and b. */
static int common(const doc *d, int a, int b)
{
	while (d->el[a].depth > d->el[b].depth)
		a = d->el[a].parent;
	while (d->el[b].depth > d->el[a].depth)
		b = d->el[b].parent;
	while (a != b)
		a = d->el[a].parent, b = d->el[b].parent;
	return a;
}

/* A listing's or a collection's content is its grid of cards (the
   classifier's biggest run of like priced cards): a pick beside the grid
   (the category's blurb above or below it, which holds the page's only
   prose) widens to the element holding both, and a pick inside it (one
   card) to the grid, if the rules left the grid text. */
static int with_grid(const main_page *pg, int best)
{
	const doc *d = pg->d;
	int g = d->page.grid;
	if (g < 0 || !cards_page(d) || inside(d, (size_t)g, (size_t)best) ||
	    in(pg->chars, &d->el[g]) == 0)
		return best;
	return common(d, best, g);
}

static bool headline(const doc *d, const block *b);

/* Does element top hold, outside element pick, a kept headline that is a
   link (a card's; an article's own title links nowhere)? */
static bool other_headline(const doc *d, int top, int pick)
{
	const elem *t = &d->el[top], *p = &d->el[pick];
	for (size_t k = t->first; k < t->end; k++)
		if ((k < p->first || k >= p->end) && d->b[k].removed_by < 0 &&
		    d->b[k].link_chars * 2 > d->b[k].chars && headline(d, &d->b[k]))
			return true;
	return false;
}

/* On a listing page the <main> around the pick is the list when it holds
   another card's linked headline: its author marked it so, and the pick is one
   part of it (the posts under a featured post, which the scores took for
   a thread). What else it holds (a form, a box of links) goes by the
   rules; a <main> adding no headline (an article the classifier took
   for a listing, its share line) adds nothing. */
static int with_main(const doc *d, int best)
{
	if (d->page.type != PAGE_LISTING)
		return best;
	for (int a = d->el[best].parent; a >= 0; a = d->el[a].parent)
		if (strcmp(cln_elem_tag(&d->el[a]), "main") == 0)
			return other_headline(d, a, best) ? a : best;
	return best;
}

int cln_listing_widen(const main_page *pg, int best)
{
	const doc *d = pg->d;
	if (best < 0)
		return best;
	best = with_main(d, with_grid(pg, best));
	if (d->page.type != PAGE_LISTING ||
	    in(pg->chars, &d->el[best]) * 100 >= (size_t)pg->chars[d->n] * ONE_CARD)
		return best;
	return cln_main_gather(d, pg->chars, best, LIST_TEXT);
}

/* A row of link items: MIN_ROW_LINKS or more links inside block b (a
   menu, a tag list, a pager, "Share Save Hide"), each shorter on average
   than a headline. Its links open on its index (an inline element holds
   no block of its own) and are inside its element (an icon link before a
   card's <h3> is not the heading's). Elements open in page order and
   blocks only grow, so the first element opening on b is found by
   bisection: a page of many such blocks costs no square. */
enum { MIN_ROW_LINKS = 3 };

bool cln_link_row(const doc *d, const block *b)
{
	if (b->elem < 0)
		return false;
	size_t i = (size_t)(b - d->b), top = (size_t)b->elem, lo = top + 1, hi = d->nel, links = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (d->el[mid].first < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t e = lo; e < d->nel && d->el[e].first == i; e++)
		links += strcmp(cln_elem_tag(&d->el[e]), "a") == 0 && inside(d, e, top);
	return links >= MIN_ROW_LINKS && b->link_chars < links * TITLE_CHARS;
}

/* Link rows holding over ROWS_LIST percent of the body's text are the
   list itself (a directory of categories), not the cards' furniture. */
enum { ROWS_LIST = 50 };

bool cln_listing_rows(const doc *d, const bool *in)
{
	size_t rows = 0, all = 0;
	for (size_t i = 0; d->page.type == PAGE_LISTING && i < d->n; i++)
		if (in[i] && d->b[i].removed_by < 0) {
			all += d->b[i].chars;
			rows += cln_link_row(d, &d->b[i]) ? d->b[i].chars : 0;
		}
	return rows * 100 > all * ROWS_LIST;
}

/* The ancestor of e (or e) that is a child of element top. */
static int child_of(const doc *d, int e, int top)
{
	while (d->el[e].parent != top)
		e = d->el[e].parent;
	return e;
}

/* Does a name start with byte c: a letter or digit (any non-ASCII byte
   may be one), not a swatch row's "+3" or "+More"? */
static bool word_start(char c)
{
	return (unsigned char)c >= 0x80 || isalnum((unsigned char)c);
}

/* A product's short name ("Rejoy Carry-On", "BILLY"): in a card (the
   grid's child holding it) that holds a price, the first linked line
   before the price that starts with a word, when the card names itself in
   no heading or longer link there. What comes after the price ("Shop
   Now", "Quick Shop", "Compare") is the card's buttons; a badge link
   before a long name ("New") is not the name; its swatches' "+More" may
   come first. Cards are small: a child of the grid holding more than
   CARD_SCAN blocks is no card. */
enum { CARD_SCAN = 40 };

static bool card_name(const doc *d, const block *b)
{
	if (b->elem == d->page.grid)
		return false;
	const elem *c = &d->el[child_of(d, b->elem, d->page.grid)];
	if (c->end - c->first > CARD_SCAN)
		return false;
	const block *name = NULL;
	for (size_t j = c->first; j < c->end; j++) {
		const block *x = &d->b[j];
		if (cln_price_text(x->text, x->len))
			return name == b;
		bool link = x->link_chars * 2 > x->chars;
		if ((x->flags & BF_HEADING) || (link && x->chars >= TITLE_CHARS))
			return false;
		if (!name && link && x->len > 0 && word_start(x->text[0]))
			name = x;
	}
	return false;
}

/* A card's headline: a link block that is a heading, or long enough to
   name something (TITLE_CHARS); a menu's short items still go, and so
   does a row of links, unless such rows are the list (rows). On a
   collection page only the product grid's links are its cards' names (a
   category menu beside the grid is as long; a short name that leads a
   priced card: card_name) or prices ("$79.00", a linked price is shorter
   than a name); a linked heading is a card's title anywhere in the body (a
   tile of the category's subcategories, a second row of products). */
bool cln_listing_title(const doc *d, const block *b, bool rows)
{
	if (d->page.type == PAGE_COLLECTION)
		return ((b->flags & BF_HEADING) ||
		        (d->page.grid >= 0 && b->elem >= 0 && inside(d, (size_t)b->elem, (size_t)d->page.grid) &&
		         (b->chars >= TITLE_CHARS || cln_price_text(b->text, b->len) || card_name(d, b)))) &&
		       !cln_link_row(d, b);
	return d->page.type == PAGE_LISTING && (b->chars >= TITLE_CHARS || (b->flags & BF_HEADING)) &&
	       (rows || !cln_link_row(d, b)) && !cln_listing_button(d, b);
}

/* A card's button written as a link: on a listing page, a line of
   BUTTON_WORDS words at most, links only and no heading, that starts with
   an imperative ("Back to Project", "Listen to this podcast", "View trail
   map", "Register now") and that BUTTON_COPIES blocks or more of the page
   say the same: each card repeats it, where a headline names its own
   story. */
enum { BUTTON_WORDS = 4, BUTTON_COPIES = 3 };

static bool same_text(const block *a, const block *b);

static bool imperative(const block *b)
{
	static const char *const verbs[] = { "back", "listen", "watch", "view", "visit", "explore",
	                                     "register", "read", "see", "learn", "discover", "play",
	                                     "download", "book", "join", "shop", "get", "go", "apply",
	                                     NULL };
	for (size_t v = 0; verbs[v]; v++) {
		size_t n = strlen(verbs[v]);
		if (b->len > n && strncasecmp(b->text, verbs[v], n) == 0 && b->text[n] == ' ')
			return true;
	}
	return false;
}

bool cln_listing_button(const doc *d, const block *b)
{
	if (d->page.type != PAGE_LISTING || (b->flags & BF_HEADING) || b->link_chars < b->chars ||
	    !imperative(b))
		return false;
	size_t words = 1, copies = 0;
	for (size_t k = 0; k < b->len; k++)
		words += b->text[k] == ' ';
	for (size_t i = 0; i < d->n && words <= BUTTON_WORDS && copies < BUTTON_COPIES; i++)
		copies += same_text(&d->b[i], b);
	return copies >= BUTTON_COPIES;
}

/* A card's row of tag links ("python machine-learning deep-learning") on
   a listing page: a row of short links in a card that holds text of its
   own outside links (a teaser, a date: TITLE_CHARS or more) is the card's
   furniture, as it is outside a grid of cards. Not a heading: a headline
   with its source and comment count is three links too ("Seagate Just
   Unleashed 44TB Hard Drives (nerds.xyz) 39"). In a directory's card,
   links only, the row of links is the card (a category and its
   subcategories), and stays. */
bool cln_listing_tags(const doc *d, const block *b, size_t plain)
{
	return d->page.type == PAGE_LISTING && plain >= TITLE_CHARS && !(b->flags & BF_HEADING) &&
	       cln_link_row(d, b);
}

static bool same_text(const block *a, const block *b)
{
	return a->len == b->len && memcmp(a->text, b->text, b->len) == 0;
}

/* A card's copy of one of its lines: a block of COPY_MIN to COPY_MAX
   characters equal to one of the COPY_WINDOW kept blocks before it, the two
   inside one element of at most CARD_BLOCKS blocks, one inside the other or
   in children of it that differ in shape: the parts of one card (its
   picture's label, its heading). The same line in the next card ("2 days ago", "Free
   shipping") sits in a sibling of the same shape, and stays. */
enum { COPY_MIN = 10, COPY_MAX = 200, COPY_WINDOW = 6, CARD_BLOCKS = 12 };

bool cln_listing_copy(const doc *d, size_t i)
{
	const block *b = &d->b[i];
	if (!cards_page(d) || b->elem < 0 || b->chars < COPY_MIN || b->chars > COPY_MAX)
		return false;
	size_t seen = 0;
	for (size_t j = i; j-- > 0 && seen < COPY_WINDOW;) {
		const block *a = &d->b[j];
		if (a->removed_by >= 0)
			continue;
		seen++;
		if (a->elem < 0 || !same_text(a, b))
			continue;
		int c = common(d, a->elem, b->elem);
		if (d->el[c].end - d->el[c].first > CARD_BLOCKS)
			return false;
		/* one inside the other: the card's own line and its part's */
		return c == a->elem || c == b->elem ||
		       !cln_same_shape(&d->el[child_of(d, a->elem, c)], &d->el[child_of(d, b->elem, c)]);
	}
	return false;
}

/* A card again: on a listing or a collection page, a headline (a heading,
   or a link block) of TWICE_MIN characters or more equal to a kept
   headline of the body at most TWICE_WINDOW blocks before it, the two in
   children of their nearest common element that differ in shape: a strip
   of featured or "top" stories repeating cards of the list (or a list
   repeating the strip), a card written for a phone's layout and again for
   a desktop's. The same headline twice among like items of one list (a job
   posted twice, each its own card) stays. The copy takes its headline and
   the lines after it that repeat, in order, the lines after the first
   (its teaser, byline, date), up to CARD_BLOCKS; the count is returned, 0
   when the block is no copy. */
enum { TWICE_MIN = 25, TWICE_WINDOW = 2000 };

/* A link around a whole card (its title, place and tags) makes each of
   its lines a link: a headline's link holds that one block. */
static bool own_link(const doc *d, const block *b)
{
	for (int e = b->elem; e >= 0; e = d->el[e].parent)
		if (strcmp(cln_elem_tag(&d->el[e]), "a") == 0)
			return d->el[e].end - d->el[e].first == 1;
	return true;
}

static bool headline(const doc *d, const block *b)
{
	return b->elem >= 0 && b->chars >= TWICE_MIN &&
	       ((b->flags & BF_HEADING) || (b->link_chars * 2 > b->chars && own_link(d, b)));
}

/* The next block after k that the body keeps (n: none). */
static size_t next_kept(const doc *d, const bool *in, size_t k)
{
	while (++k < d->n && (!in[k] || d->b[k].removed_by >= 0))
		;
	return k;
}

/* The length of a separator at s, n bytes left: an ASCII space or
   punctuation, a Latin-1 sign (U+00A0 to U+00BF: "\u00b7", "\u00bb") or
   general punctuation (U+2000 to U+206F: dashes, bullets); 0 if none. */
static size_t sep_len(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return !isalnum(s[0]);
	if (n >= 2 && s[0] == 0xC2 && s[1] >= 0xA0 && s[1] <= 0xBF)
		return 2;
	if (n >= 3 && s[0] == 0xE2 && (s[1] == 0x80 || s[1] == 0x81))
		return 3;
	return 0;
}

/* The same words, whatever separates them: "Mar 07, 2026 | 4 min read"
   and "Mar 07, 2026 \u00b7 4 min read", a card's two layouts. */
static bool same_words(const block *a, const block *b)
{
	const unsigned char *x = (const unsigned char *)a->text, *y = (const unsigned char *)b->text;
	size_t i = 0, j = 0, k;
	for (;;) {
		while (i < a->len && (k = sep_len(x + i, a->len - i)) > 0)
			i += k;
		while (j < b->len && (k = sep_len(y + j, b->len - j)) > 0)
			j += k;
		if (i == a->len || j == b->len)
			return i == a->len && j == b->len;
		if (x[i++] != y[j++])
			return false;
	}
}

/* A line of links, no headline: the link test takes it anyway. */
static bool link_line(const doc *d, const block *b)
{
	return b->link_chars * 2 > b->chars && !headline(d, b);
}

/* Blocks of the copy at i of the card at j: its headline and the lines
   after it that agree with the first card's, in order, separators aside
   (a phone layout's copy writes "\u00b7" for the card's "|"), before the
   copy starts. A line of links on one side only is passed over ("by
   BenoitMalige" where the card has "BenoitMalige"): the link test takes
   it. */
static size_t card_run(const doc *d, const bool *in, size_t j, size_t i)
{
	size_t n = 1, a = next_kept(d, in, j), b = next_kept(d, in, i);
	for (size_t k = 1; k < 2 * CARD_BLOCKS; k++) {
		if (a >= i || b >= d->n || headline(d, &d->b[b]))
			break;
		if (same_words(&d->b[a], &d->b[b])) {
			n = b - i + 1;
			a = next_kept(d, in, a);
			b = next_kept(d, in, b);
		} else if (link_line(d, &d->b[b])) {
			b = next_kept(d, in, b);
		} else if (link_line(d, &d->b[a])) {
			a = next_kept(d, in, a);
		} else {
			break;
		}
	}
	return n;
}

size_t cln_listing_twice(const doc *d, const bool *in, size_t i)
{
	const block *b = &d->b[i];
	if (!cards_page(d) || !headline(d, b))
		return 0;
	for (size_t j = i, seen = 0; j-- > 0 && seen++ < TWICE_WINDOW;) {
		const block *a = &d->b[j];
		if (!in[j] || a->removed_by >= 0 || !same_text(a, b) || !headline(d, a))
			continue;
		int c = common(d, a->elem, b->elem);
		if (c == a->elem || c == b->elem)
			return 0;
		const elem *x = &d->el[child_of(d, a->elem, c)], *y = &d->el[child_of(d, b->elem, c)];
		if (cln_same_shape(x, y) && y->end - y->first <= CARD_BLOCKS)
			return 0;
		return card_run(d, in, j, i);
	}
	return 0;
}

/* A listing's list may come in parts outside the pick: sections of cards
   one after another (a blog's latest posts, then its newsletter's issues),
   each a sibling of an ancestor of the pick. Up from the pick, below
   <body>, PART_LEVELS levels at most, a sibling that is a grid of cards
   (cln_main_grid) holding PART_TEXT percent or more of the pick's text
   joins the body, unless it is a landmark (a header, footer, navigation or
   aside) or its lines are PART_LINE characters or shorter on average: a
   menu's groups of short links are cards too, but name no story. */
enum { PART_TEXT = 30, PART_LEVELS = 4, PART_LINE = 40 };

static int joins(const main_page *pg, int s, size_t own)
{
	const elem *e = &pg->d->el[s];
	size_t chars = in(pg->chars, e), lines = 0;
	if (chars * 100 < own * PART_TEXT || cln_elem_landmark(pg->d, s))
		return 0;
	for (size_t b = e->first; b < e->end; b++)
		lines += pg->chars[b + 1] > pg->chars[b];
	return chars > lines * PART_LINE ? cln_main_grid(pg, s) : 0;
}

/* The page's <main> beside the pick (neither inside the other) is a part
   of the list when it holds a kept linked headline: its author marked it
   the page's own (a section's featured stories above its feed, which the
   scores passed over for the longer feed). */
static void main_part(const doc *d, int best, bool *body)
{
	for (size_t m = 0; m < d->nel; m++) {
		const elem *e = &d->el[m];
		if (strcmp(cln_elem_tag(e), "main") != 0 || inside(d, (size_t)best, m) ||
		    inside(d, m, (size_t)best) || !other_headline(d, (int)m, best))
			continue;
		for (size_t k = e->first; k < e->end; k++)
			body[k] = true;
		return;
	}
}

int cln_listing_parts(const main_page *pg, int best, bool *body)
{
	const doc *d = pg->d;
	size_t own = in(pg->chars, &d->el[best]);
	if (d->page.type != PAGE_LISTING || own == 0)
		return 0;
	main_part(d, best, body);
	for (int a = best, up = 0; up < PART_LEVELS; up++, a = d->el[a].parent) {
		int p = d->el[a].parent, rc;
		if (p < 0 || cln_elem_whole_page(&d->el[p]))
			return 0;
		for (size_t s = (size_t)p + 1; s < d->nel && d->el[s].depth > d->el[p].depth; s++) {
			if (d->el[s].parent != p || (int)s == a || (rc = joins(pg, (int)s, own)) == 0)
				continue;
			if (rc < 0)
				return rc;
			for (size_t k = d->el[s].first; k < d->el[s].end; k++)
				body[k] = true;
		}
	}
	return 0;
}

/*
 * maincontent.c - the main-content rule: find the article body and drop
 * what lies outside it, saying why for each dropped block.
 *
 * HTML: the page's own signals first (itemprop=articleBody, JSON-LD
 * articleBody, the content classes of common CMSs, <article>, <main>),
 * each accepted only if it holds most of the page's prose; else scores in
 * the spirit of Readability: prose blocks (long, with commas, few links)
 * score their parent and grandparent, class and id names weigh in, and the
 * best container takes along siblings that score well too. Inside the body,
 * blocks that are mostly links go, and so does a heading that repeats the
 * page title (the text output puts the title first).
 *
 * Text: maintext.c.
 *
 * Blocks are (text, len) spans of the input, not C strings: every search
 * in them is bounded by len (memchr, memmem), never strstr or strchr.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* ---- shared -------------------------------------------------------------- */

/* Drop blocks [i, j) in one group with one reason. */
int cln_drop_run(doc *d, size_t ri, size_t i, size_t j, const char *fmt, const char *arg)
{
	int g = -1;
	size_t first = (size_t)-1;
	for (size_t k = i; k < j; k++) {
		if (d->b[k].removed_by >= 0 || d->b[k].kept_by >= 0) {
			if (d->ex)
				cln_explain_note(d, k, (int)ri);
			continue;
		}
		if (g < 0)
			g = cln_new_group(d, -1);
		cln_remove(d, k, (int)ri, g);
		if (first == (size_t)-1)
			first = k;
	}
	if (first != (size_t)-1 && cln_detail(d, first, fmt, arg) < 0)
		return CLN_ENOMEM;
	return 0;
}

static double link_density(const block *b)
{
	return b->chars ? (double)b->link_chars / (double)b->chars : 0.0;
}

static size_t count_char(const char *s, size_t len, char c)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		n += s[i] == c;
	return n;
}

/* The bytes of white space at i in s[0, n) (read from its end when back):
   ASCII white space, or a no-break space (U+00A0), which &nbsp; gives a
   heading where the <title> has a space. 0 if none. */
static size_t blank(const char *s, size_t n, size_t i, bool back)
{
	if (!back)
		return cln_space_at(s + i, n - i);
	const unsigned char *u = (const unsigned char *)s;
	size_t k = n - 1 - i;
	return isspace(u[k]) ? 1 : u[k] == 0xA0 && k > 0 && u[k - 1] == 0xC2 ? 2 : 0;
}

/* Text equal when white space is folded and case ignored. */
bool cln_same_text(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0, k;
	for (;;) {
		while (i < al && (k = blank(a, al, i, false)))
			i += k;
		while (j < bl && (k = blank(b, bl, j, false)))
			j += k;
		if (i == al || j == bl)
			return i == al && j == bl;
		if (tolower((unsigned char)a[i]) != tolower((unsigned char)b[j]))
			return false;
		i++;
		j++;
	}
}

/* Where b ends inside a when a starts (or, backwards, ends) with b, white
   space folded and case ignored: the bytes of a it takes, or 0. */
static size_t fold_match(const char *a, size_t al, const char *b, size_t bl, bool backwards)
{
	size_t i = 0, j = 0, k;
#define AT(s, n, k) (backwards ? (s)[(n) - 1 - (k)] : (s)[k])
	for (;;) {
		while (i < al && (k = blank(a, al, i, backwards)))
			i += k;
		while (j < bl && (k = blank(b, bl, j, backwards)))
			j += k;
		if (j == bl)
			return i;
		if (i == al || tolower((unsigned char)AT(a, al, i)) != tolower((unsigned char)AT(b, bl, j)))
			return 0;
		i++;
		j++;
	}
#undef AT
}

/* A separator between a headline and a site name in a title. */
static bool title_separator(const char *s, size_t n)
{
	static const char *const seps[] = { "|", "-", ":", "/", "\xC2\xB7", "\xC2\xBB",
	                                     "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\xA2" };
	for (size_t k = 0; k < sizeof seps / sizeof seps[0]; k++)
		if (n >= strlen(seps[k]) && memcmp(s, seps[k], strlen(seps[k])) == 0)
			return true;
	return false;
}

/* Does a heading repeat the page title: the same text, or all of the title
   but a site name set off by a separator ("Headline | Site")? */
static bool repeats_title(const char *h, size_t hl, const char *t, size_t tl)
{
	if (cln_same_text(h, hl, t, tl))
		return true;
	size_t n = fold_match(t, tl, h, hl, false);
	while (n && n < tl && isspace((unsigned char)t[n]))
		n++;
	if (n && n < tl && title_separator(t + n, tl - n))
		return true;
	n = fold_match(t, tl, h, hl, true);
	while (n && n < tl && isspace((unsigned char)t[tl - 1 - n]))
		n++;
	for (size_t k = 1; n && k <= 3 && k <= tl - n; k++) /* a separator ends just before */
		if (title_separator(t + tl - n - k, k))
			return true;
	return false;
}

/* ---- HTML ---------------------------------------------------------------- */

typedef main_page page;

size_t cln_block_words(const block *b)
{
	size_t w = 0;
	for (size_t i = 0; i < b->len; i++)
		w += isalpha((unsigned char)b->text[i]) && (i == 0 || !isalpha((unsigned char)b->text[i - 1]));
	return w;
}

/* Prose: long enough, few links, reads like sentences. */
bool cln_prose_block(const block *b)
{
	return b->chars >= 60 && link_density(b) < 0.3 && !(b->flags & BF_LINK) &&
	       (memchr(b->text, '.', b->len) || memchr(b->text, ',', b->len) ||
	        b->chars >= 150);
}

/* A sentence that links its words ("Just use the Download and install
   steps."): it ends as sentences do and holds words of its own besides the
   links; a menu or a link list does neither. */
static bool linked_sentence(const block *b)
{
	return cln_ends_sentence(b) && b->chars >= b->link_chars + 15 && link_density(b) < 0.8;
}

static size_t sum(const uint32_t *prefix, const elem *e)
{
	return prefix[e->end] - prefix[e->first];
}

bool cln_has_word(const char *list, const char *const *words)
{
	if (!list)
		return false;
	char low[256];
	size_t n = strlen(list);
	if (n >= sizeof low)
		n = sizeof low - 1;
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)list[i]);
	low[n] = '\0';
	for (size_t w = 0; words[w]; w++)
		if (strstr(low, words[w]))
			return true;
	return false;
}

static const char *const CONTENT_CLASSES[] = {
	"articlebody", "article-body", "article_body", "article__body", "article-content",
	"article__content", "articlecontent", "article-text", "article__text", "articletext",
	"entry-content", "entry_content", "entrycontent", "post-content", "post_content",
	"postcontent", "post-body", "postbody", "post__content", "story-body", "storybody",
	"story-content", "story__body", "story-text", "body-text", "bodytext", "content-body",
	"field-name-body", "field--name-body", "td-post-content", "rich-text", "richtext",
	"caas-body", "paywall", "article-main", "text-body", "main-text", "itemfulltext",
	"blog-post-body", "post-entry", "article-wrap", NULL
};
static const char *const POSITIVE[] = {
	"article", "body", "content", "entry", "main", "page", "post", "text", "blog", "story", NULL
};
static const char *const NEGATIVE[] = {
	"comment", "footer", "sidebar", "sponsor", "related", "share", "social", "widget", "nav",
	"menu", "promo", "advert", "newsletter", "subscribe", "recommend", "popular", "trending",
	"breadcrumb", "masthead", "header", "banner", "cookie", "modal", "tags", "byline", NULL
};

/* The first heading that gives the page's title, or (size_t)-1. */
static size_t title_heading(const doc *d)
{
	const char *title = d->meta[META_TITLE];
	for (size_t i = 0; title && i < d->n; i++) {
		const block *b = &d->b[i];
		if (!(b->flags & BF_HEADING) || b->removed_by >= 0 || b->chars < 10)
			continue;
		/* titles are often "Headline | Site", and their punctuation may
		   differ ("..." for "…"): the first words stand for the heading */
		char probe[16];
		size_t n = b->len < 15 ? b->len : 15;
		memcpy(probe, b->text, n);
		probe[n] = '\0';
		char *cut = n == 15 ? strrchr(probe, ' ') : NULL;
		if (cut && cut > probe + 4)
			*cut = '\0'; /* whole words only */
		if (strstr(title, probe))
			return i;
	}
	return (size_t)-1;
}

/* The element holding the most prose among those `pick` accepts; of
   several, the innermost one that holds the title heading comes first (a
   page of <article> teasers around the real one), unless one other, and
   only one, holds more than twice its prose: then both, through the
   element around them (a recipe's header <article> and its instructions'
   <article>; teasers come several). */
static int best_of(const page *pg, bool (*pick)(const elem *), bool *titled_out)
{
	int best = -1, other = -1;
	size_t most = 0, most_other = 0, others = 0, th = title_heading(pg->d);
	bool best_titled = false;
	for (size_t i = 0; i < pg->d->nel; i++) {
		const elem *e = &pg->d->el[i];
		size_t g = sum(pg->good, e);
		if (g == 0 || !pick(e)) /* the sum first: it is the cheaper test */
			continue;
		bool titled = th >= e->first && th < e->end;
		bool deeper = best >= 0 && e->depth > pg->d->el[best].depth;
		others += !titled;
		if (!titled && g > most_other) {
			most_other = g;
			other = (int)i;
		}
		/* on a tie the deeper element is the tighter fit */
		if ((titled && !best_titled) || (titled && best_titled && deeper) ||
		    (titled == best_titled && !titled && g >= most)) {
			most = g;
			best = (int)i;
			best_titled = titled;
		}
	}
	*titled_out = best_titled;
	if (best_titled && others == 1 && most_other > 2 * sum(pg->good, &pg->d->el[best])) {
		int lca = cln_elem_lca(pg->d, best, other);
		if (lca >= 0 && lca != other && !cln_elem_whole_page(&pg->d->el[lca]))
			return lca;
	}
	return best;
}

static bool pick_itemprop(const elem *e)
{
	const char *v = cln_elem_attr(e, "itemprop");
	return v && strcasecmp(v, "articleBody") == 0;
}

static bool pick_class(const elem *e)
{
	/* CMSs name the page after its article type on <body> too */
	return !cln_elem_whole_page(e) &&
	       (cln_has_word(elem_class(e), CONTENT_CLASSES) || cln_has_word(elem_id(e), CONTENT_CLASSES));
}

static bool pick_article(const elem *e)
{
	return strcmp(cln_elem_tag(e), "article") == 0;
}

static bool pick_main(const elem *e)
{
	return strcmp(cln_elem_tag(e), "main") == 0 || (cln_elem_attr(e, "role") &&
	                                        strcmp(cln_elem_attr(e, "role"), "main") == 0);
}

bool cln_elem_holds(const doc *d, int a, int b)
{
	while (b >= 0 && d->el[b].depth > d->el[a].depth)
		b = d->el[b].parent;
	return a == b;
}

int cln_elem_lca(const doc *d, int a, int b)
{
	while (a >= 0 && b >= 0 && a != b) {
		if (d->el[a].depth >= d->el[b].depth)
			a = d->el[a].parent;
		else
			b = d->el[b].parent;
	}
	return a == b ? a : -1;
}

/* A block stands for itself in the JSON-LD articleBody by its first PROBE
   bytes (entities may differ later); good blocks are longer than that. */
enum { PROBE = 40 };

static uint64_t probe_hash(const char *s)
{
	uint64_t h = 0;
	for (size_t i = 0; i < PROBE; i++)
		h = h * 257 + (unsigned char)s[i];
	return h;
}

/* Mark in found[] the blocks whose probe occurs in body: one pass of a
   rolling hash over the body against a table of the probes (a strstr per
   block was quadratic: 80,000 paragraphs took 13 s). */
static int find_probes(const doc *d, const char *body, bool *found)
{
	size_t cap = 16, blen = strlen(body);
	while (cap < 2 * d->n)
		cap *= 2;
	size_t *slot = malloc(cap * sizeof *slot); /* block index + 1, 0 for empty */
	if (!slot)
		return CLN_ENOMEM;
	memset(slot, 0, cap * sizeof *slot);
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		if (b->removed_by >= 0 || !cln_prose_block(b) || b->len < PROBE)
			continue;
		size_t k = probe_hash(b->text) & (cap - 1);
		while (slot[k])
			k = (k + 1) & (cap - 1);
		slot[k] = i + 1;
	}
	uint64_t top = 1; /* 257^(PROBE-1), for the byte leaving the window */
	for (size_t i = 1; i < PROBE; i++)
		top *= 257;
	uint64_t h = blen >= PROBE ? probe_hash(body) : 0;
	for (size_t at = 0; at + PROBE <= blen; at++) {
		if (at > 0)
			h = (h - top * (unsigned char)body[at - 1]) * 257 + (unsigned char)body[at + PROBE - 1];
		for (size_t k = h & (cap - 1); slot[k]; k = (k + 1) & (cap - 1)) {
			const block *b = &d->b[slot[k] - 1];
			if (!found[slot[k] - 1] && memcmp(b->text, body + at, PROBE) == 0)
				found[slot[k] - 1] = true;
		}
	}
	free(slot);
	return 0;
}

/* *out: the element around the blocks whose text the JSON-LD articleBody
   holds, or -1. Returns 0 or CLN_ENOMEM. */
static int by_json_ld(const page *pg, int *out)
{
	const doc *d = pg->d;
	*out = -1;
	if (!d->ld_body)
		return 0;
	bool *found = calloc(d->n + 1, sizeof *found);
	if (!found || find_probes(d, d->ld_body, found) < 0) {
		free(found);
		return CLN_ENOMEM;
	}
	int e = -1;
	size_t hits = 0;
	for (size_t i = 0; i < d->n; i++)
		if (found[i]) {
			e = e < 0 ? d->b[i].elem : cln_elem_lca(d, e, d->b[i].elem);
			hits++;
		}
	free(found);
	*out = hits >= 2 ? e : -1;
	return 0;
}

/* Readability-style scores; returns the best container. */
static int by_score(const page *pg, double *score)
{
	const doc *d = pg->d;
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		if (b->removed_by >= 0 || b->chars < 25 || b->elem < 0)
			continue;
		double s = 1.0 + (double)count_char(b->text, b->len, ',') +
		           (b->chars / 100.0 < 3.0 ? b->chars / 100.0 : 3.0);
		s *= 1.0 - link_density(b);
		/* the paragraph is the block's own element; score its ancestors,
		   or the element itself when text sits right in a div */
		int p = b->elem;
		while (p >= 0 && strcmp(cln_elem_tag(&d->el[p]), cln_block_tag(b)) != 0)
			p = d->el[p].parent;
		if (p < 0)
			p = b->elem;
		static const char *const para[] = { "p", "li", "td", "th", "dd", "dt", "pre",
		                                    "blockquote", "h1", "h2", "h3", "h4", "h5",
		                                    "h6", "figcaption", "caption", NULL };
		bool is_para = false;
		for (size_t k = 0; para[k] && !is_para; k++)
			is_para = strcmp(cln_elem_tag(&d->el[p]), para[k]) == 0;
		int up = is_para ? d->el[p].parent : p;
		for (int level = 1; up >= 0 && level <= 3; level++, up = d->el[up].parent)
			score[up] += s / (level == 1 ? 1.0 : level == 2 ? 2.0 : 3.0 * level);
	}
	int best = -1;
	for (size_t i = 0; i < d->nel; i++) {
		const elem *e = &d->el[i];
		if (score[i] <= 0)
			continue;
		size_t c = sum(pg->chars, e);
		double ld = c ? (double)sum(pg->links, e) / (double)c : 1.0;
		score[i] *= 1.0 - ld;
		if (cln_has_word(elem_class(e), POSITIVE) || cln_has_word(elem_id(e), POSITIVE))
			score[i] += 25;
		if (cln_has_word(elem_class(e), NEGATIVE) || cln_has_word(elem_id(e), NEGATIVE))
			score[i] -= 25;
		if (best < 0 || score[i] > score[best])
			best = (int)i;
	}
	return best;
}

/* Is one of elements a and b inside the other (or the same)? */
static bool nested(const doc *d, int a, int b)
{
	while (a >= 0 && b >= 0 && d->el[a].depth > d->el[b].depth)
		a = d->el[a].parent;
	while (a >= 0 && b >= 0 && d->el[b].depth > d->el[a].depth)
		b = d->el[b].parent;
	return a == b;
}

/* Explaining: the chosen container's score and the best-scored element
   elsewhere on the page (scores made now if a signal chose). */
static void trace_html(const page *pg, size_t ri, int best, const char *why, bool scored,
                       double *score)
{
	doc *d = pg->d;
	if (!scored)
		by_score(pg, score);
	main_trace m = { .rule = (int)ri, .how = why, .elem = best, .runner = -1,
	                 .score = score[best] };
	for (size_t i = 0; i < d->nel; i++)
		if (score[i] > 0 && !nested(d, (int)i, best) &&
		    (m.runner < 0 || score[i] > m.runner_score)) {
			m.runner = (int)i;
			m.runner_score = score[i];
		}
	cln_explain_main(d, &m);
}

/* Scores chose best: its siblings that carry prose too belong to the body
   (an article split by an ad), unless named as boilerplate, or a grid of
   teaser cards after a body that is none (related stories). A content
   class chose it: only the siblings after it (later), the article's FAQ
   or testimonials in a field of their own; before it stand tickers and
   a video's transcript. */
static int take_siblings(const page *pg, size_t ri, int best, bool *in, bool later)
{
	const doc *d = pg->d;
	const rule *r = &d->rules->v[ri];
	const elem *top = &d->el[best];
	size_t top_good = sum(pg->good, top);
	int top_grid = -1; /* not yet known */
	for (size_t i = later ? (size_t)best + 1 : 0; i < d->nel; i++) {
		const elem *s = &d->el[i];
		if ((int)i == best || s->parent != top->parent || s->first == s->end)
			continue;
		size_t g = sum(pg->good, s);
		if (g * 100 < top_good * (size_t)r->p[P_SIBLINGS] || g == 0 ||
		    cln_has_word(elem_class(s), NEGATIVE) || cln_has_word(elem_id(s), NEGATIVE))
			continue;
		if (top_grid < 0 && (top_grid = cln_main_grid(pg, best)) < 0)
			return top_grid;
		int grid = top_grid ? 0 : cln_main_grid(pg, (int)i);
		if (grid < 0)
			return grid;
		for (size_t k = s->first; k < s->end && !grid; k++)
			in[k] = true;
	}
	return 0;
}

/* Characters of prose still kept. */
static size_t kept_prose(const doc *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->b[i].removed_by < 0 && cln_prose_block(&d->b[i]) ? d->b[i].chars : 0;
	return n;
}

/* A card's copy of its own line (the picture's label, the heading), or a
   listing's card shown again (a strip of top stories repeating the list),
   at block i of the body in[]. */
static int drop_copy(doc *d, size_t ri, const bool *in, size_t i)
{
	size_t twice;
	if (cln_listing_copy(d, i))
		return cln_drop_run(d, ri, i, i + 1, "%s", "a copy of a line of its card");
	if ((twice = cln_listing_twice(d, in, i)) > 0)
		return cln_drop_run(d, ri, i, i + twice, "%s", "a card the page shows again");
	return 0;
}

/* A card grid with no prose (a shop's grid of names and prices) is kept
   whole, but the copies of its cards' lines still go, as they do inside a
   body. */
static int drop_copies(doc *d, size_t ri, bool *in)
{
	int rc = 0;
	for (size_t i = 0; i < d->n; i++)
		in[i] = true;
	for (size_t i = 0; i < d->n && rc == 0; i++)
		if (d->b[i].removed_by < 0)
			rc = drop_copy(d, ri, in, i);
	return rc;
}

/* A page with no prose whose blocks left are links only (all of each
   block's text in a link), under SHELL_WORDS words together: a shell a
   script fills (a shop's category, a forum served without its posts), of
   which the site's menu is all that shows ("Desks", "Chairs", "Sale"). It
   has no content: they go, and the warning that nothing was kept says
   so. A grid of cards holds more, and its prices, ratings and blurbs are
   no links. */
enum { SHELL_WORDS = 40 };

static int drop_menu_shell(doc *d, size_t ri)
{
	size_t words = 0, kept = 0;
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		if (b->removed_by >= 0)
			continue;
		if (!(b->flags & BF_LINK))
			return 0;
		kept++;
		words += cln_block_words(b);
	}
	if (kept == 0 || words >= SHELL_WORDS)
		return 0;
	return cln_drop_run(d, ri, 0, d->n, "%s",
	                    "a shell's menu: the page holds no prose, only these links");
}

/* Prefix sums over the blocks still kept: text, links, prose. */
static void page_sums(page *pg)
{
	const doc *d = pg->d;
	for (size_t i = 0; i < d->n; i++) {
		const block *b = &d->b[i];
		bool kept = b->removed_by < 0;
		pg->chars[i + 1] = pg->chars[i] + (kept ? b->chars : 0);
		pg->links[i + 1] = pg->links[i] + (kept ? b->link_chars : 0);
		pg->good[i + 1] = pg->good[i] + (kept && cln_prose_block(b) ? b->chars : 0);
	}
	pg->good_total = pg->good[d->n];
}

/* The page's own word first, if it holds most of the prose: schema.org
   says outright where the body is; names and tags only hint, so they must
   hold `share` of the prose. *best stays -1 if none does. */
static int by_signals(const page *pg, const rule *r, int *best, const char **why)
{
	static const struct signal {
		const char *why;
		bool (*pick)(const elem *);
		bool explicit_body;
	} signals[] = {
		{ "itemprop=articleBody", pick_itemprop, true },
		{ "JSON-LD articleBody", NULL, true },
		{ "content class", pick_class, false },
		{ "<article>", pick_article, false },
		{ "<main>", pick_main, false },
	};
	for (size_t s = 0; s < sizeof signals / sizeof signals[0] && *best < 0; s++) {
		bool titled = false;
		int e = -1;
		if (signals[s].pick)
			e = best_of(pg, signals[s].pick, &titled);
		else if (by_json_ld(pg, &e) < 0)
			return CLN_ENOMEM;
		/* holding the title heading too, a hint needs a quarter of that */
		size_t need = signals[s].explicit_body ? 1
		              : pg->good_total * (size_t)r->p[P_SHARE] / (titled ? 4 : 1);
		if (e >= 0 && sum(pg->good, &pg->d->el[e]) * 100 >= need) {
			*best = e;
			*why = signals[s].why;
		}
	}
	return 0;
}

/* A content class's box holding fewer characters is one part of a shop's
   product, not its page. */
enum { THIN_BOX = 500 };

/* The body's element (*pick, -1: none): a thread, a signal, or text
   scores, then widened to what the page type says the body is (a grid of
   sections, a list, the product). */
static int choose(const page *pg, size_t ri, int thread, int *pick, const char **why,
                  bool *scored)
{
	doc *d = pg->d;
	int best = thread;
	*why = thread >= 0 ? "a thread of posts" : "text scores";
	if (by_signals(pg, &d->rules->v[ri], &best, why) < 0)
		return CLN_ENOMEM;
	if (best < 0 && (best = cln_product_main(d, pg->chars, pg->links)) >= 0)
		*why = "product page: the <main> around the product's name";
	*scored = best < 0;
	/* a double an element: made only when needed */
	double *score = *scored || d->ex ? calloc(d->nel + 1, sizeof *score) : NULL;
	if ((*scored || d->ex) && !score)
		return CLN_ENOMEM;
	if (*scored) {
		int raw = by_score(pg, score);
		best = cln_product_part(d, pg->good, raw) ? raw : cln_main_widen(pg, raw);
	}
	else if (cln_main_sections(pg, best) != best) {
		best = cln_main_sections(pg, best);
		*why = "a grid of sections around the pick";
	}
	/* a shop's <main> holds other products and pitches beside this one */
	int narrow = best >= 0 && !*scored && d->page.type == PAGE_PRODUCT && pick_main(&d->el[best])
	                 ? cln_product_narrow(d, pg->chars, best) : best;
	if (narrow != best) {
		best = narrow;
		*why = "product page: the box in <main> around the product's name";
	}
	/* on a listing page, one card is no body: the list is */
	int list = cln_listing_widen(pg, best);
	if (list != best) {
		best = list;
		*why = "listing page: the list around the pick";
	}
	/* scores pick one box of a shop page, and so does a content class on
	   a thin box (a description of a few lines, the details in a tab
	   beside it); a page's own landmark (<main>, <article>) is meant */
	bool one_box = best >= 0 && (*scored || (strcmp(*why, "content class") == 0 &&
	                                         sum(pg->chars, &d->el[best]) < THIN_BOX));
	if (one_box && cln_product_page(d) && cln_product_container(d, best) != best) {
		best = cln_product_container(d, best);
		*why = "product page: the pick, the product's name and specifications";
	}
	if (best >= 0 && d->ex)
		trace_html(pg, ri, best, *why, *scored, score);
	free(score);
	*pick = best;
	return 0;
}

/* React's streamed parts (stream_slot): the hidden <div id="S:x"> whose
   placeholder stands in the body, or in a part taken, is the body's, as
   the page's script makes it (the rest of an article sent late). The
   first MAX_STREAMED parts are looked at; a page has a few. */
enum { MAX_STREAMED = 256 };

static void take_streamed(const doc *d, int best, bool *in)
{
	int part[MAX_STREAMED];
	const stream_slot *slot[MAX_STREAMED];
	size_t n = 0;
	for (size_t i = 0; i < d->nel && d->nslots && n < MAX_STREAMED; i++) {
		const char *id = elem_id(&d->el[i]);
		if (!id || id[0] != 'S' || id[1] != ':' || !cln_elem_attr(&d->el[i], "hidden"))
			continue;
		for (size_t k = 0; k < d->nslots; k++)
			if (strcmp(d->slots[k].id, id + 2) == 0 && d->slots[k].parent >= 0) {
				part[n] = (int)i;
				slot[n++] = &d->slots[k];
				break;
			}
	}
	bool taken[MAX_STREAMED] = { false }, more = true;
	while (more) { /* a part taken may hold another's placeholder */
		more = false;
		for (size_t i = 0; i < n; i++) {
			bool body = !taken[i] && cln_elem_holds(d, best, slot[i]->parent);
			for (size_t j = 0; j < n && !taken[i] && !body; j++)
				body = taken[j] && cln_elem_holds(d, part[j], slot[i]->parent);
			if (!body)
				continue;
			taken[i] = more = true;
			for (size_t k = d->el[part[i]].first; k < d->el[part[i]].end; k++)
				in[k] = true;
		}
	}
}

/* The body: the container; for a content class, every element of that
   same class (articles split into chunks around ads); for scores, the
   siblings that carry prose too; on a listing, the list's other parts. */
static int mark_body(const page *pg, size_t ri, int best, bool scored, bool *in)
{
	const doc *d = pg->d;
	const elem *top = &d->el[best];
	for (size_t i = top->first; i < top->end; i++)
		in[i] = true;
	bool by_class = elem_class(top) && pick_class(top);
	for (size_t i = 0; i < d->nel && by_class; i++) {
		const elem *s = &d->el[i];
		if (elem_class(s) && strcmp(elem_class(s), elem_class(top)) == 0 && sum(pg->good, s) > 0)
			for (size_t k = s->first; k < s->end; k++)
				in[k] = true;
	}
	int rc = 0;
	if (top->parent >= 0 && (scored || by_class))
		rc = take_siblings(pg, ri, best, in, !scored);
	if (rc == 0)
		rc = cln_listing_parts(pg, best, in);
	if (rc == 0)
		take_streamed(d, best, in);
	return rc;
}

/* Every run of blocks outside the body goes, saying which body and why. */
static int drop_outside(doc *d, size_t ri, int best, const char *why, const bool *in)
{
	buf path = BUF_INIT;
	cln_elem_path(d, best, &path);
	buf reason = BUF_INIT;
	buf_printf(&reason, "outside the main content: %s (%s)", path.data ? path.data : "?", why);
	buf_free(&path);
	int rc = 0;
	for (size_t i = 0; i < d->n && rc == 0;) {
		size_t j = i;
		while (j < d->n && in[j] == in[i])
			j++;
		if (!in[i])
			rc = cln_drop_run(d, ri, i, j, "%s", reason.data);
		i = j;
	}
	buf_free(&reason);
	return rc;
}

/* Inside: link lists, and a heading that repeats the title (a headline
   that differs from it stays: it is in no other output). */
static int tidy_inside(const page *pg, size_t ri, int best, int thread, bool *in)
{
	doc *d = pg->d;
	const rule *r = &d->rules->v[ri];
	bool seen_text = false;
	const char *title = d->meta[META_TITLE];
	/* a grid of cards keeps its titles; a thread's posts are no grid */
	bool *card = calloc(d->n + 1, sizeof *card);
	int rc = !card || (thread < 0 && cln_main_cards(pg, best, card) < 0) ? CLN_ENOMEM : 0;
	bool rows = rc == 0 && cln_listing_rows(d, in);
	for (size_t i = 0; i < d->n && rc == 0; i++) {
		const block *b = &d->b[i];
		if (!in[i] || b->removed_by >= 0)
			continue;
		if (!seen_text && (b->flags & BF_HEADING) &&
		    (title ? repeats_title(b->text, b->len, title, strlen(title))
		           : strcmp(cln_block_tag(b), "h1") == 0)) {
			/* a page that names no title of its own: its headline is it,
			   so the outputs still carry it first */
			if (!title && (title = arena_add(&d->ar, b->text, b->len)))
				d->meta[META_TITLE] = title;
			rc = cln_drop_run(d, ri, i, i + 1, "%s", "the page title (the text output puts it first)");
			continue;
		}
		if (b->chars >= 25)
			seen_text = true;
		if (link_density(b) * 100 > (double)r->p[P_LINK_DENSITY] && b->chars < 300 &&
		    !card[i] && !linked_sentence(b) && !cln_listing_title(d, b, rows)) {
			char why_links[64];
			snprintf(why_links, sizeof why_links, "%d%% of its text is links",
			         (int)(link_density(b) * 100 + 0.5));
			rc = cln_drop_run(d, ri, i, i + 1, "%s", why_links);
		} else {
			rc = drop_copy(d, ri, in, i);
		}
	}
	free(card);
	return rc;
}

/* The stages: posts and the safeguard first, then the body chosen, marked,
   everything outside it dropped and its inside tidied. */
static int html_main(doc *d, size_t ri)
{
	page pg = { d, calloc(d->n + 1, sizeof(uint32_t)), calloc(d->n + 1, sizeof(uint32_t)),
	            calloc(d->n + 1, sizeof(uint32_t)), 0 };
	bool *in = calloc(d->n + 1, sizeof *in);
	int rc = CLN_ENOMEM, thread = -1, best;
	const char *why;
	bool scored;
	if (!pg.chars || !pg.links || !pg.good || !in)
		goto out;
	/* a forum or Q&A page: its posts are the body (mainposts.c); and no
	   rule may have emptied a page of prose (backoff.c) */
	if ((rc = cln_main_posts(d, &thread)) < 0 || (rc = cln_back_off(d)) < 0)
		goto out;
	page_sums(&pg);
	/* no prose at all: nothing to choose between, but on a shop's page
	   the product (its name, price, options) is still the body */
	if (pg.good_total == 0 && !(d->page.type == PAGE_PRODUCT && cln_product_page(d))) {
		if ((rc = drop_menu_shell(d, ri)) == 0)
			rc = drop_copies(d, ri, in);
		goto out;
	}
	if ((rc = choose(&pg, ri, thread, &best, &why, &scored)) < 0 || best < 0)
		goto out;
	if ((rc = mark_body(&pg, ri, best, scored, in)) == 0 &&
	    (rc = drop_outside(d, ri, best, why, in)) == 0)
		rc = tidy_inside(&pg, ri, best, thread, in);
out:
	if (rc == 0) /* also on a page with no prose at all */
		rc = cln_product_description(d, kept_prose(d));
	free(pg.chars);
	free(pg.links);
	free(pg.good);
	free(in);
	return rc;
}

int cln_apply_main(doc *d, size_t ri)
{
	return d->html ? html_main(d, ri) : cln_text_main(d, ri);
}

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
 * Text: each line is judged on what flattened text shows (length, sentence
 * punctuation, stop words, link-list look) in the spirit of jusText, short
 * lines take the class of their neighbours, and the body is the densest
 * stretch of good lines; the rest goes.
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
static int drop_run(doc *d, size_t ri, size_t i, size_t j, const char *fmt, const char *arg)
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

/* Text equal when white space is folded and case ignored. */
static bool same_text(const char *a, size_t al, const char *b, size_t bl)
{
	size_t i = 0, j = 0;
	for (;;) {
		while (i < al && isspace((unsigned char)a[i]))
			i++;
		while (j < bl && isspace((unsigned char)b[j]))
			j++;
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
	size_t i = 0, j = 0;
#define AT(s, n, k) (backwards ? (s)[(n) - 1 - (k)] : (s)[k])
	for (;;) {
		while (i < al && isspace((unsigned char)AT(a, al, i)))
			i++;
		while (j < bl && isspace((unsigned char)AT(b, bl, j)))
			j++;
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
	if (same_text(h, hl, t, tl))
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
   teaser cards after a body that is none (related stories). */
static int take_siblings(const page *pg, size_t ri, int best, bool *in)
{
	const doc *d = pg->d;
	const rule *r = &d->rules->v[ri];
	const elem *top = &d->el[best];
	size_t top_good = sum(pg->good, top);
	int top_grid = -1; /* not yet known */
	for (size_t i = 0; i < d->nel; i++) {
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
		return drop_run(d, ri, i, i + 1, "%s", "a copy of a line of its card");
	if ((twice = cln_listing_twice(d, in, i)) > 0)
		return drop_run(d, ri, i, i + twice, "%s", "a card the page shows again");
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
	if (top->parent >= 0 && scored)
		rc = take_siblings(pg, ri, best, in);
	return rc == 0 ? cln_listing_parts(pg, best, in) : rc;
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
			rc = drop_run(d, ri, i, j, "%s", reason.data);
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
			rc = drop_run(d, ri, i, i + 1, "%s", "the page title (the text output puts it first)");
			continue;
		}
		if (b->chars >= 25)
			seen_text = true;
		if (link_density(b) * 100 > (double)r->p[P_LINK_DENSITY] && b->chars < 300 &&
		    !card[i] && !linked_sentence(b) && !cln_listing_title(d, b, rows)) {
			char why_links[64];
			snprintf(why_links, sizeof why_links, "%d%% of its text is links",
			         (int)(link_density(b) * 100 + 0.5));
			rc = drop_run(d, ri, i, i + 1, "%s", why_links);
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

/* ---- text ---------------------------------------------------------------- */

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

/* A line's words, function words among them, and whether it holds a mark
   of a sentence: one pass over its bytes. */
typedef struct line_counts {
	size_t words, stops;
	bool sentence;
} line_counts;

static void count_words(const line_tables *t, const char *s, size_t len, line_counts *lc)
{
	const unsigned char *p = (const unsigned char *)s, *e = p + len;
	unsigned seen = 0; /* the classes of the bytes between words */
	size_t words = 0, stops = 0;
	for (;;) {
		while (p < e && !(t->cls[*p] & B_WORD))
			seen |= t->cls[*p++];
		if (p == e)
			break;
		const unsigned char *w = p;
		while (p < e && (t->cls[*p] & (B_WORD | B_APOS)))
			p++;
		words++;
		stops += stop_word(t, w, (size_t)(p - w), e);
	}
	lc->words = words;
	lc->stops = stops;
	/* or U+3002, the ideographic full stop */
	lc->sentence = (seen & B_MARK) ||
	               (memchr(s, 0xE3, len) && memmem(s, len, "\xE3\x80\x82", 3));
}

/* A line's class; C_COPY: a caption's second print no duplicate rule took;
   C_REPEAT: other blocks' sentences strung together (cln_text_copies) */
enum { C_BAD, C_SHORT, C_NEAR, C_GOOD, C_GONE, C_COMMENT, C_CAPTION, C_COPY, C_REPEAT };

/* What a comment_head() line is: none, a head ("name says:", "34
   responses"), or a time stamp ("November 19, 2019 at 6:34 am"), which
   heads a comment only among others: alone, it is the article's dateline. */
enum { HEAD_NONE, HEAD_NAME, HEAD_STAMP };

/* The head of a reader's comment as comment systems print it: "name says:",
   "... said:", "wrote:", or a time stamp "... at 6:34 am". */
static int comment_head(const block *b)
{
	const char *s = b->text;
	size_t n = b->len;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (b->chars > 120 || n < 5)
		return HEAD_NONE;
	/* "34 responses", "12 Comments to “...”": the thread's own heading */
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && isdigit((unsigned char)s[i])) {
		while (i < n && isdigit((unsigned char)s[i]))
			i++;
		static const char *const heads[] = { " response", " comment", " Comment", " Response",
		                                     " repl", " Repl", " thought", NULL };
		for (size_t k = 0; heads[k]; k++)
			if (n - i >= strlen(heads[k]) && memcmp(s + i, heads[k], strlen(heads[k])) == 0)
				return HEAD_NAME;
	}
	if (s[n - 1] != ':' && s[n - 1] != 'm' && s[n - 1] != 'M')
		return HEAD_NONE; /* the last bytes of every end below */
	static const char *const ends[] = { "says:", "said:", "wrote:", " am", " pm", " AM", " PM", NULL };
	for (size_t k = 0; ends[k]; k++) {
		size_t l = strlen(ends[k]);
		if (n >= l && memcmp(s + n - l, ends[k], l) == 0)
			return k < 3 ? HEAD_NAME
			       : n > l + 5 && memchr(s, ':', n) && memmem(s, n, " at ", 3) ? HEAD_STAMP
			                                                                   : HEAD_NONE;
	}
	return HEAD_NONE;
}

/* BARRIER menu-like lines in a row (not prose, shorter than MENU_CHARS)
   end a stretch of body */
enum { BARRIER = 4, MENU_CHARS = 30 };

/* A notice that reserves rights within NOTICE_GAP lines after a body of
   NOTICE_BODY chars of prose ends it. */
enum { NOTICE_GAP = 3, NOTICE_BODY = 600 };

/* jusText's classes from what flattened line i shows. */
static int classify_line(const doc *d, size_t bi, const line_tables *t, long min_chars)
{
	const block *b = &d->b[bi];
	const char *s = b->text;
	size_t len = b->len, i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	/* lynx and w3m mark list items "* ", "+ ", "o ", "- " */
	bool bullet = i + 1 < len && memchr("*+o#-", s[i], 5) && s[i + 1] == ' ';
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
	if (sw >= 0.30 || (sentence && sw >= 0.15))
		return C_GOOD;
	/* a URL's or a file name's dots are no sentence */
	if (sentence && sw < 0.15 && cln_token_line(b))
		return C_BAD;
	return chars >= 200 && sentence ? C_GOOD : sw >= 0.15 || sentence ? C_NEAR : C_BAD;
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
	    c->blanks > 0 || !same_text(b->text, b->len, c->text, c->len))
		return false;
	size_t words = 0;
	for (size_t k = 0; k < b->len && words < CAPTION_WORDS; k++)
		words += !isspace((unsigned char)b->text[k]) &&
		         (k == 0 || isspace((unsigned char)b->text[k - 1]));
	return words >= CAPTION_WORDS;
}

/* cls[i]: the class of each line, in one pass; copy[i]: cln_text_copies. */
static void classify_lines(const doc *d, signed char *cls, const bool *copy, long min_chars)
{
	const line_tables *t = d->rules->lines;
	size_t stamp = SIZE_MAX, teasers = 0;
	for (size_t i = 0; i < d->n; i++) {
		if (i >= teasers)
			teasers = cln_teaser_list(d, i);
		if (d->b[i].removed_by >= 0) {
			cls[i] = C_GONE;
			continue;
		}
		int head = comment_head(&d->b[i]);
		cls[i] = copy[i] ? C_REPEAT
		         : head == HEAD_NAME ? C_COMMENT
		         : head == HEAD_STAMP ? stamp_class(cls, i, &stamp)
		         : i < teasers ? C_BAD
		         : i > 0 && cls[i - 1] == C_CAPTION ? C_COPY /* the print it repeats */
		         : printed_twice(d, i) ? C_CAPTION
		         : classify_line(d, i, t, min_chars);
	}
}

/* A line the body does not grow past: not prose, a reader's comment, a
   caption printed twice (kept inside the body, but no edge of it). */
static bool ends_body(int cls)
{
	return cls == C_BAD || cls == C_COMMENT || cls == C_CAPTION || cls == C_COPY ||
	       cls == C_REPEAT;
}

/* The blanks before a dump's picture "[name]" on line b (0: none, or no
   picture). */
static size_t picture_indent(const block *b)
{
	size_t k = 0;
	while (k < b->len && (b->text[k] == ' ' || b->text[k] == '\t'))
		k++;
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
	case C_CAPTION: /* an image's, inside an article too: no prose, */
	case C_COPY:           /* but no menu either */
	case C_REPEAT: return 0; /* the article's sentences, counted where they are */
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

static void trace_text(doc *d, size_t ri, long best, size_t bs, size_t be, const stretch *o)
{
	main_trace m = { .rule = (int)ri, .how = "prose scores", .elem = -1, .runner = -1,
	                 .score = (double)best, .first = d->b[bs].line,
	                 .last = d->b[be - 1].line };
	if (o->score > 0) {
		m.runner_first = d->b[o->s].line;
		m.runner_last = d->b[o->e - 1].line;
		m.runner_score = (double)o->score;
	}
	cln_explain_main(d, &m);
}

/* Inside the body: what is not prose goes, and so does the second print
   of a caption. */
static int drop_inside(doc *d, size_t ri, int cls, size_t i)
{
	if (cls == C_BAD || cls == C_COMMENT)
		return drop_run(d, ri, i, i + 1, "%s", "inside the main content, but not prose "
		                "(a link list, or few stop words and no sentence)");
	if (cls == C_COPY)
		return drop_run(d, ri, i, i + 1, "%s", "inside the main content: a caption printed again");
	if (cls == C_REPEAT)
		return drop_run(d, ri, i, i + 1, "%s", "inside the main content: other paragraphs' "
		                "sentences strung together (a hidden copy of the article)");
	return 0;
}

/* Headings, datelines and bylines before the body [*bs, *be) belong to
   it, and notes after it, each side up to a menu: three short lines in a
   row, after the body indented ones (a dump sets headings flush left: a
   list of short lines under headings, a meal plan's, is the post's). */
static void widen_body(const doc *d, const signed char *cls, size_t n, size_t *bs, size_t *be)
{
	for (size_t menu = 0; *bs > 0 && !ends_body(cls[*bs - 1]);) {
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
		            isspace((unsigned char)b->text[0]);
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
typedef struct body_scan {
	const signed char *cls;
	const uint32_t *rank; /* line_ranks() */
	long best, run;
	size_t bs, be, start, barren;
	size_t n;             /* the end of what may be body */
	stretch before;       /* the best before the current stretch began */
	bool comments;
	stretch peak, top[2]; /* explaining: for the runner-up */
} body_scan;

static size_t rank_of(const body_scan *sc, size_t i)
{
	return sc->rank ? sc->rank[i] : i;
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

static void scan_body(const doc *d, body_scan *sc)
{
	const signed char *cls = sc->cls;
	for (size_t i = 0; i < sc->n && !footer_notice(d, sc, i); i++) {
		/* what the body does not grow past, but a reader's comment (which
		   ends the body otherwise), and short lines: a menu's */
		if ((ends_body(cls[i]) && cls[i] != C_COMMENT) ||
		    (cls[i] == C_SHORT && d->b[i].chars < MENU_CHARS))
			sc->barren++;
		else if (cls[i] != C_GONE)
			sc->barren = 0;
		if (sc->run <= 0 || sc->barren >= BARRIER) {
			if (d->ex)
				offer(sc->top, &sc->peak);
			sc->run = 0;
			sc->start = i + (sc->barren >= BARRIER);
			sc->before = (stretch){ sc->best, sc->bs, sc->be };
		}
		/* pages end in footers that can read like prose: prose in the last
		   quarter counts half (position weighs in boilerpipe too) */
		long w = weight(cls[i], &d->b[i]);
		/* and once readers' comments have begun, prose is theirs */
		sc->comments |= cls[i] == C_COMMENT;
		if (w > 0 && sc->comments)
			w /= 4;
		if (sc->barren < BARRIER)
			sc->run += w > 0 && rank_of(sc, i) * 4 >= rank_of(sc, d->n) * 3 ? w / 2 : w;
		if (d->ex && sc->run > sc->peak.score)
			sc->peak = (stretch){ sc->run, sc->start, i + 1 };
		if (sc->run > sc->best) {
			sc->best = sc->run;
			sc->bs = sc->start;
			sc->be = i + 1;
		}
	}
}

static int text_main(doc *d, size_t ri)
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
	classify_lines(d, cls, copy, r->p[P_MIN_CHARS]);
	free(copy);
	body_scan sc = { .cls = cls, .rank = rank, .n = d->n };
	scan_body(d, &sc);
	int rc = 0;
	offer(sc.top, &sc.peak);
	const stretch *other = sc.top[0].s == sc.bs ? &sc.top[1] : &sc.top[0];
	if (sc.best > 0) {
		widen_body(d, cls, sc.n, &sc.bs, &sc.be);
		if (d->ex)
			trace_text(d, ri, sc.best, sc.bs, sc.be, other);
		rc = drop_run(d, ri, 0, sc.bs, "%s", "before the main content");
		if (rc == 0)
			rc = drop_run(d, ri, sc.be, d->n, "%s", "after the main content");
		for (size_t i = sc.bs; i < sc.be && rc == 0; i++)
			rc = drop_inside(d, ri, cls[i], i);
	}
	free(rank);
	free(cls);
	return rc;
}

int cln_apply_main(doc *d, size_t ri)
{
	return d->html ? html_main(d, ri) : text_main(d, ri);
}

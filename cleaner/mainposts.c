/*
 * mainposts.c - threads of posts (forums, Q&A): on a page whose content is
 * its posts, the main-content rule takes the thread, not the one best post,
 * and a whole-element removal that took posts away (a <noscript> crawler
 * view, a "comments" class on a forum's posts) is undone; removals inside
 * a post (its buttons, signature, vote widget) stand.
 *
 * Posts are what the page marks as such with schema.org microdata:
 * DiscussionForumPosting, SocialMediaPosting, Comment (and UserComments,
 * its older name), and Question and Answer on a QAPage (FAQ blocks in
 * articles use those two as well), plus the itemprop=text (commentText)
 * bodies forums give each post; on pages without such
 * markup, the elements of one tag and one class token that names a post
 * (comment, post, reply, message, msg, answer) when at least MIN_NAMED of
 * them hold prose. A post the page marks up counts toward the thread by
 * its text, however short (a reply of one line holds no prose). A page is
 * a thread when it names a forum posting or a Q&A page (in microdata or JSON-LD),
 * or when its posts hold most of its prose and it names no article body
 * (see comments_only): an article's comment section is not its content.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* NO_POST: inside a landmark, not to be marked by class either */
enum { NOT_POST, HEAD_POST, REPLY_POST, NO_POST };
#define IS_POST(k) ((k) == HEAD_POST || (k) == REPLY_POST)

/* Does the schema.org type in itemtype end with `type`? */
static bool typed(const elem *e, const char *type)
{
	const char *t = cln_elem_attr(e, "itemtype");
	if (!t)
		return false;
	size_t n = strlen(t), k = strlen(type);
	while (n && (t[n - 1] == '/' || t[n - 1] == ' '))
		n--;
	return n > k && t[n - k - 1] == '/' && strncasecmp(t + n - k, type, k) == 0;
}

static int post_kind(const doc *d, int i, bool qa)
{
	const elem *e = &d->el[i];
	if (typed(e, "DiscussionForumPosting") || typed(e, "SocialMediaPosting") ||
	    (qa && typed(e, "Question")))
		return HEAD_POST;
	if (typed(e, "Comment") || typed(e, "UserComments") || (qa && typed(e, "Answer")))
		return REPLY_POST;
	const char *p = cln_elem_attr(e, "itemprop");
	if (!p || (strcasecmp(p, "text") != 0 && strcasecmp(p, "commentText") != 0))
		return NOT_POST;
	/* a post's text, unless it is an FAQ answer's or a recipe step's */
	for (int a = e->parent; a >= 0; a = d->el[a].parent)
		if (cln_elem_attr(&d->el[a], "itemscope"))
			return typed(&d->el[a], "Comment") || typed(&d->el[a], "UserComments") ||
			       typed(&d->el[a], "DiscussionForumPosting") ||
			       typed(&d->el[a], "SocialMediaPosting") || (qa && (typed(&d->el[a], "Answer") ||
			       typed(&d->el[a], "Question"))) ? REPLY_POST : NOT_POST;
	return REPLY_POST;
}

/* The characters of prose in blocks [0, i), removed or not, for each i:
   what elements hold is asked of every element, and a page of 1,000
   nested boxes would read its text once a box. */
static size_t *prose_before(const doc *d)
{
	size_t *pre = malloc((d->n + 1) * sizeof *pre);
	if (!pre)
		return NULL;
	pre[0] = 0;
	for (size_t i = 0; i < d->n; i++)
		pre[i + 1] = pre[i] + (cln_prose_block(&d->b[i]) ? d->b[i].chars : 0);
	return pre;
}

/* The characters of prose in blocks [first, end) (pre: prose_before). */
static size_t prose(const size_t *pre, size_t first, size_t end)
{
	return pre[end] - pre[first];
}

/* The characters of text in blocks [first, end), removed or not: a post
   of one short line ("Congrats!", "NIH - 7/18") holds no prose, but it is
   a post of the thread all the same. */
static size_t text(const doc *d, size_t first, size_t end)
{
	size_t n = 0;
	for (size_t i = first; i < end; i++)
		n += d->b[i].chars;
	return n;
}

/* ---- posts by class name ------------------------------------------------- */

/* A tag and a class token that names a post, and what its elements hold. */
typedef struct named {
	const char *tag, *tok;
	size_t len, count, prose;
	unsigned depth;
} named;

/* On a page the classifier calls a forum, two posts holding two thirds of
   its prose are enough (a question and its one answer); a sidebar's two
   "post" teasers hold less. */
enum { MIN_NAMED = 3, MIN_NAMED_FORUM = 2, MAX_NAMED = 256 };

static bool names_post(const char *t, size_t n)
{
	static const char *const stems[] = { "comment", "post", "reply", "message", "msg", "answer",
	                                     NULL };
	char tok[64];
	if (n >= sizeof tok)
		return false;
	memcpy(tok, t, n);
	tok[n] = '\0';
	return cln_has_word(tok, stems);
}

/* Does element e carry class token tok[0, len)? */
static bool has_class(const elem *e, const char *tok, size_t len)
{
	const char *c = elem_class(e);
	while (c && *c) {
		size_t n = strcspn(c, " \t\n\r\f");
		if (n == len && memcmp(c, tok, len) == 0)
			return true;
		c += n;
		c += strspn(c, " \t\n\r\f");
	}
	return false;
}

/* Count element e under each of its post-naming class tokens. */
static void tally(const doc *d, size_t e, named *v, size_t *nv, size_t p)
{
	const elem *el = &d->el[e];
	const char *c = elem_class(el);
	while (c && *c) {
		size_t n = strcspn(c, " \t\n\r\f"), k = 0;
		if (n && names_post(c, n)) {
			while (k < *nv && !(v[k].tag == cln_elem_tag(el) && v[k].len == n &&
			                    memcmp(v[k].tok, c, n) == 0))
				k++;
			if (k == *nv && *nv < MAX_NAMED)
				v[(*nv)++] = (named){ cln_elem_tag(el), c, n, 0, 0, el->depth };
			if (k < *nv) {
				v[k].count++;
				v[k].prose += p;
				if (el->depth < v[k].depth)
					v[k].depth = el->depth;
			}
		}
		c += n;
		c += strspn(c, " \t\n\r\f");
	}
}

/* Are there enough elements of v holding prose to be a thread's posts?
   all: the page's prose. */
static bool enough(const doc *d, const named *v, size_t all)
{
	return v->count >= MIN_NAMED || (d->page.type == PAGE_FORUM && v->count >= MIN_NAMED_FORUM &&
	                                 v->prose * 3 >= all * 2);
}

/* Mark as posts the elements of the tag and class token whose elements
   hold the most prose (on a tie the outer ones), if there are enough of
   them. The number marked. */
static size_t by_class(const doc *d, const size_t *pre, unsigned char *kind)
{
	named *v = malloc(MAX_NAMED * sizeof *v);
	size_t nv = 0, best = 0, marked = 0, all = prose(pre, 0, d->n);
	if (!v)
		return 0; /* only a hint: a page without it is judged as before */
	for (size_t i = 0; i < d->nel; i++) {
		/* hAtom's hentry is an article (a blog's list of its posts) */
		if (has_class(&d->el[i], "hentry", 6))
			kind[i] = NO_POST;
		size_t p = kind[i] == NO_POST ? 0 : prose(pre, d->el[i].first, d->el[i].end);
		if (p)
			tally(d, i, v, &nv, p);
	}
	for (size_t k = 1; k < nv; k++)
		if (enough(d, &v[k], all) &&
		    (!enough(d, &v[best], all) || v[k].prose > v[best].prose ||
		     (v[k].prose == v[best].prose && v[k].depth < v[best].depth)))
			best = k;
	for (size_t i = 0; nv && enough(d, &v[best], all) && i < d->nel; i++)
		if (kind[i] != NO_POST && cln_elem_tag(&d->el[i]) == v[best].tag &&
		    has_class(&d->el[i], v[best].tok, v[best].len)) {
			kind[i] = REPLY_POST;
			marked++;
		}
	free(v);
	return marked;
}

/* ---- giving the posts back ----------------------------------------------- */

/* The innermost post around block i inside the thread, or the thread. */
static int post_of(const doc *d, const unsigned char *kind, size_t i, int thread)
{
	for (int e = d->b[i].elem; e >= 0 && e != thread; e = d->el[e].parent)
		if (IS_POST(kind[e]))
			return e;
	return thread;
}

/* A drop selector of the rules before main-content that takes an element
   holding no prose between block i and its post: the rule (its element in
   *el), or -1. Such furniture inside a post (a quote box, a share bar)
   stays removed; an element holding prose inside a post is the post's text.
   The rule being undone is not asked again: what took the post by its name
   ("comment") takes its parts by the same name ("comment-head"); the post
   rules (posts.rules) clear its buttons and counts after main-content. */
static int inner_furniture(doc *d, const size_t *pre, sel_ctx *cx, size_t i, int post,
                           int undone, int *el)
{
	for (int e = d->b[i].elem; e >= 0 && e != post; e = d->el[e].parent) {
		if (prose(pre, d->el[e].first, d->el[e].end))
			continue;
		for (size_t r = 0; r < d->rules->n; r++) {
			const rule *ru = &d->rules->v[r];
			if (ru->sel && ru->act == ACT_DROP && ru->phase == PHASE_BEFORE_MAIN && d->ran[r] &&
			    (int)r != undone && cln_selector_match(&cx[r], ru->sel, e)) {
				*el = e;
				return (int)r;
			}
		}
	}
	return -1;
}

/* Undo the element removals that took whole posts, or the whole thread;
   say so, with how many blocks each rule gave back. */
static int restore(doc *d, const size_t *pre, const unsigned char *kind, int thread)
{
	const elem *t = &d->el[thread];
	size_t nr = d->rules->n, *back = calloc(nr, sizeof *back);
	sel_ctx *cx = calloc(nr, sizeof *cx);
	int rc = back && cx ? 0 : CLN_ENOMEM;
	for (size_t r = 0; cx && r < nr; r++)
		cx[r] = (sel_ctx){ .d = d, .ri = r };
	for (size_t i = t->first; i < t->end && rc == 0; i++) {
		block *b = &d->b[i];
		if (b->removed_by < 0 || b->group < 0 || (size_t)b->group >= d->ngroups)
			continue;
		int gone = d->group_elem[b->group], post = post_of(d, kind, i, thread), el = -1;
		/* the post itself went, or an element inside it that holds prose:
		   its text, named "comment-body" or the like */
		if (gone < 0 || !(cln_elem_holds(d, gone, post) ||
		                  (post != thread && cln_elem_holds(d, post, gone) &&
		                   prose(pre, d->el[gone].first, d->el[gone].end))))
			continue;
		back[b->removed_by]++;
		int r = inner_furniture(d, pre, cx, i, post, b->removed_by, &el);
		b->removed_by = r;
		b->group = r < 0 ? -1 : cln_new_group(d, el);
	}
	bool any = false;
	for (size_t r = 0; r < nr && rc == 0; r++) {
		any |= back[r] > 0;
		if (back[r])
			rc = cln_warn(d, "main-content: the page is a thread of posts; %zu blocks of its "
			              "posts that rule %s removed are kept", back[r], d->rules->v[r].id);
		if (cx[r].failed)
			rc = CLN_ENOMEM;
	}
	for (size_t r = 0; cx && r < nr; r++)
		cln_sel_ctx_free(&cx[r]);
	free(cx);
	free(back);
	return rc == 0 && any ? cln_rerun_drops(d) : rc;
}

/* The element around the posts, or -1; *head: a forum posting or a
   question among them; [*first, *own): the blocks of the first post (in
   page order) before a reply nested in it begins, its own text (a post
   inside it before its prose is its body: itemprop=text). Posts the page
   marks up count by their text (short), those named by class only by their
   prose: a class named "post" is also on a sidebar's teasers. */
static int around(const doc *d, const size_t *pre, const unsigned char *kind, bool short_ok,
                  bool *head, size_t *first, size_t *own)
{
	int t = -1;
	size_t posts = 0, fp = 0; /* fp: the first post's first prose block */
	*head = false;
	for (size_t i = 0; i < d->nel; i++) {
		const elem *e = &d->el[i];
		if (!IS_POST(kind[i]) || (short_ok ? text(d, e->first, e->end)
		                                   : prose(pre, e->first, e->end)) == 0)
			continue;
		*head |= kind[i] == HEAD_POST;
		if (posts++ == 0) {
			*first = e->first;
			*own = e->end;
			for (fp = e->first; fp < e->end && !cln_prose_block(&d->b[fp]);)
				fp++;
		} else if (e->first > fp && e->first < *own) {
			*own = e->first; /* a reply inside it, after its own prose */
		}
		t = t < 0 ? (int)i : cln_elem_lca(d, t, (int)i);
	}
	return posts >= 2 ? t : -1;
}

/* Comments without a forum posting or question among them are a thread
   when they hold two thirds of the page's prose, the page names no article
   body, the first one is not most of them (an article that names itself a
   post, beside teasers of others), and no more prose comes before them than
   the first one holds (an article above its comments is longer than that;
   a thread's title and forum blurb are not). */
static bool comments_only(const doc *d, const size_t *pre, int t, size_t first, size_t own,
                          bool body)
{
	size_t in = prose(pre, d->el[t].first, d->el[t].end);
	size_t out = prose(pre, 0, d->n) - in;
	size_t lead = prose(pre, 0, first), opening = prose(pre, first, own);
	return !body && out * 2 <= in && opening * 2 <= in &&
	       lead <= (opening > 200 ? opening : 200);
}

/* Posts inside the page's landmarks (an aside of other stories' teasers, a
   footer's latest comments) are not the thread: unmark them, and keep
   by_class from counting them (NO_POST). */
static int aside(const doc *d, unsigned char *kind)
{
	bool *in = malloc(d->nel + 1);
	if (!in)
		return CLN_ENOMEM;
	for (size_t i = 0; i < d->nel; i++) {
		int p = d->el[i].parent;
		in[i] = (p >= 0 && in[p]) || cln_elem_landmark(d, (int)i);
		if (in[i])
			kind[i] = NO_POST;
	}
	free(in);
	return 0;
}

int cln_main_posts(doc *d, int *thread)
{
	*thread = -1;
	bool qa = d->ld_thread, body = d->ld_body != NULL, head;
	for (size_t i = 0; i < d->nel; i++) {
		const char *p = cln_elem_attr(&d->el[i], "itemprop");
		qa |= typed(&d->el[i], "QAPage");
		body |= p && strcasecmp(p, "articleBody") == 0;
	}
	unsigned char *kind = calloc(d->nel + 1, 1);
	size_t *pre = prose_before(d);
	if (!kind || !pre) {
		free(kind);
		free(pre);
		return CLN_ENOMEM;
	}
	for (size_t i = 0; i < d->nel; i++)
		kind[i] = (unsigned char)post_kind(d, (int)i, qa);
	int rc = aside(d, kind);
	size_t first = 0, own = 0;
	int t = around(d, pre, kind, true, &head, &first, &own);
	if (t < 0 && by_class(d, pre, kind))
		t = around(d, pre, kind, false, &head, &first, &own);
	if (rc == 0 && t >= 0 &&
	    (head || d->ld_thread || comments_only(d, pre, t, first, own, body))) {
		*thread = t;
		rc = restore(d, pre, kind, t);
	}
	free(kind);
	free(pre);
	return rc;
}

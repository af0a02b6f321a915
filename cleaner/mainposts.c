/*
 * mainposts.c - threads of posts (forums, Q&A): on a page whose content is
 * its posts, the main-content rule takes the thread, not the one best post,
 * and a whole-element removal that took posts away (a <noscript> crawler
 * view, a "comments" class on a forum's posts) is undone; removals inside
 * a post (its buttons, signature, vote widget) stand.
 *
 * Posts are what the page marks as such with schema.org microdata:
 * DiscussionForumPosting, SocialMediaPosting, Comment, and Question and
 * Answer on a QAPage (FAQ blocks in articles use those two as well), plus
 * the itemprop=text bodies forums give each post. A page is a thread when
 * it names a forum posting or a Q&A page, or when its comments hold most of
 * its prose and it names no article body: an article's comment section is
 * not its content.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

enum { NOT_POST, HEAD_POST, REPLY_POST };

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
	if (typed(e, "Comment") || (qa && typed(e, "Answer")))
		return REPLY_POST;
	const char *p = cln_elem_attr(e, "itemprop");
	if (!p || strcasecmp(p, "text") != 0)
		return NOT_POST;
	/* a post's text, unless it is an FAQ answer's or a recipe step's */
	for (int a = e->parent; a >= 0; a = d->el[a].parent)
		if (cln_elem_attr(&d->el[a], "itemscope"))
			return typed(&d->el[a], "Comment") || typed(&d->el[a], "DiscussionForumPosting") ||
			       typed(&d->el[a], "SocialMediaPosting") || (qa && (typed(&d->el[a], "Answer") ||
			       typed(&d->el[a], "Question"))) ? REPLY_POST : NOT_POST;
	return REPLY_POST;
}

/* Is a an ancestor of b, or b itself? */
static bool holds(const doc *d, int a, int b)
{
	while (b >= 0 && d->el[b].depth > d->el[a].depth)
		b = d->el[b].parent;
	return a == b;
}

/* The characters of prose in blocks [first, end), removed or not. */
static size_t prose(const doc *d, size_t first, size_t end)
{
	size_t n = 0;
	for (size_t i = first; i < end; i++)
		n += cln_prose_block(&d->b[i]) ? d->b[i].chars : 0;
	return n;
}

/* The innermost post around block i inside the thread, or -1. */
static int post_of(const doc *d, const unsigned char *kind, size_t i, int thread)
{
	for (int e = d->b[i].elem; e >= 0 && e != thread; e = d->el[e].parent)
		if (kind[e])
			return e;
	return -1;
}

/* Undo the element removals that took whole posts, or the whole thread;
   say so, with how many blocks each rule gave back. */
static int restore(doc *d, const unsigned char *kind, int thread)
{
	const elem *t = &d->el[thread];
	size_t *back = calloc(d->rules->n, sizeof *back);
	if (!back)
		return CLN_ENOMEM;
	for (size_t i = t->first; i < t->end; i++) {
		block *b = &d->b[i];
		if (b->removed_by < 0 || b->group < 0 || (size_t)b->group >= d->ngroups)
			continue;
		int gone = d->group_elem[b->group], post = post_of(d, kind, i, thread);
		if (gone < 0 || !(holds(d, gone, thread) || (post >= 0 && holds(d, gone, post))))
			continue;
		back[b->removed_by]++;
		b->removed_by = -1;
		b->group = -1;
	}
	int rc = 0;
	for (size_t r = 0; r < d->rules->n && rc == 0; r++)
		if (back[r])
			rc = cln_warn(d, "main-content: the page is a thread of posts; %zu blocks of its "
			              "posts that rule %s removed are kept", back[r], d->rules->v[r].id);
	free(back);
	return rc;
}

int cln_main_posts(doc *d, int *thread)
{
	*thread = -1;
	bool qa = false, body = d->ld_body != NULL;
	for (size_t i = 0; i < d->nel; i++) {
		const char *p = cln_elem_attr(&d->el[i], "itemprop");
		qa |= typed(&d->el[i], "QAPage");
		body |= p && strcasecmp(p, "articleBody") == 0;
	}
	unsigned char *kind = calloc(d->nel + 1, 1);
	if (!kind)
		return CLN_ENOMEM;
	int t = -1;
	size_t posts = 0;
	bool head = false;
	for (size_t i = 0; i < d->nel; i++) {
		kind[i] = (unsigned char)post_kind(d, (int)i, qa);
		if (!kind[i] || prose(d, d->el[i].first, d->el[i].end) == 0)
			continue;
		head |= kind[i] == HEAD_POST;
		posts++;
		t = t < 0 ? (int)i : cln_elem_lca(d, t, (int)i);
	}
	int rc = 0;
	if (posts >= 2 && t >= 0) {
		size_t in = prose(d, d->el[t].first, d->el[t].end);
		size_t out = prose(d, 0, d->n) - in;
		/* comments alone: a thread only if they are nearly all the prose */
		if (head || (!body && out * 4 <= in)) {
			*thread = t;
			rc = restore(d, kind, t);
		}
	}
	free(kind);
	return rc;
}

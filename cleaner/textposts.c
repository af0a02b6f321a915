/*
 * textposts.c - what a forum's thread prints above or beside each post in
 * flattened text: the post's number, its author and time in the shapes of
 * the common forum engines, the poster's stats. main-content's text path
 * counts them to tell a thread, whose posts are the content, from an
 * article's readers' comments.
 *
 * Each shape is one the engines print alone on a line (an article's
 * sentence does not look so), tested on the line without its indent and
 * bullet.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* A head is one line; a longer line is a post's text. */
enum { HEAD_CHARS = 120 };

static bool starts(const char *s, size_t n, const char *with)
{
	size_t l = strlen(with);
	return n >= l && memcmp(s, with, l) == 0;
}

/* "#12" alone, or before a time stamp: "#3 2024-08-03 15:48:19",
   "#5 · Mar 21, 2025" (FluxBB's, XenForo's post number; a ranked list's
   "#3 Best Budget Pick" is not). */
static bool post_number(const char *s, size_t n)
{
	size_t i = 1;
	if (n < 2 || s[0] != '#' || !isdigit((unsigned char)s[1]))
		return false;
	while (i < n && isdigit((unsigned char)s[i]))
		i++;
	return i == n || (s[i] == ' ' && i + 1 < n && isdigit((unsigned char)s[i + 1])) ||
	       starts(s + i, n - i, " \xC2\xB7 ");
}

/* Discourse's "name January 11, 2025, 12:04am 3": a time and the post's
   number end the line. */
static bool stamp_and_number(const char *s, size_t n)
{
	size_t i = n;
	while (i > 0 && isdigit((unsigned char)s[i - 1]))
		i--;
	if (i == n || i < 5 || s[i - 1] != ' ')
		return false;
	char a = (char)(s[i - 3] | 0x20), m = (char)(s[i - 2] | 0x20);
	return (a == 'a' || a == 'p') && m == 'm' && isdigit((unsigned char)s[i - 4]);
}

/* The author and time: Stack Exchange's "answered Jun 8, 2018 at 10:24",
   phpBB's "Post by name » 11. Sep 2024, 21:06", old Reddit's
   "[–]name 41 points 15 hours ago (2 children)". */
static bool author_line(const char *s, size_t n)
{
	if ((starts(s, n, "answered ") || starts(s, n, "asked ")) && cln_has_digit(s, n))
		return true;
	if (starts(s, n, "Post by ") && memmem(s, n, "\xC2\xBB", 2))
		return true;
	return (starts(s, n, "[\xE2\x80\x93]") || starts(s, n, "[-]")) && memmem(s, n, " point", 6);
}

/* Stack Exchange's reputation and badges: a count first, a badge last. */
static bool badges(const char *s, size_t n)
{
	size_t e = n && s[n - 1] == 's' ? n - 1 : n;
	static const char *const last[] = { " bronze badge", " silver badge", " gold badge", NULL };
	for (size_t k = 0; last[k] && isdigit((unsigned char)s[0]); k++) {
		size_t l = strlen(last[k]);
		if (e > l && memcmp(s + e - l, last[k], l) == 0)
			return true;
	}
	return false;
}

/* s is what follows a count, `what` all of it, case aside. */
static bool counted(const char *s, size_t n, const char *what)
{
	return n == strlen(what) && strncasecmp(s, what, n) == 0;
}

/* A poster's stats under the name: "Posts: 1,725", "Joined: Oct 2018",
   "350 posts · Joined 2024", Invision's "4.7k posts", "11.4k
   Reputation" and "4 Solutions" alone on their lines; Stack Exchange's
   reputation and badges ("392k80 gold badges596 silver badges632 bronze
   badges", a dump gluing the counts); XenForo's "Reactions: ann, bob and 3
   others" under a post and "Click to expand..." under a quote. */
static bool poster_stats(const char *s, size_t n)
{
	if ((starts(s, n, "Reactions: ") && n > 12) || (n == 18 && starts(s, n, "Click to expand...")))
		return true;
	if (badges(s, n))
		return true;
	size_t i = 0;
	while (i < n && (isdigit((unsigned char)s[i]) || s[i] == ',' || (i && s[i] == '.')))
		i++;
	if (i > 0 && (starts(s + i, n - i, " posts \xC2\xB7 ") || starts(s + i, n - i, " post \xC2\xB7 ")))
		return true;
	if (i > 0 && i < n && (s[i] == 'k' || s[i] == 'K' || s[i] == 'M'))
		i++;
	if (i > 0 && (counted(s + i, n - i, " posts") || counted(s + i, n - i, " reputation") ||
	              counted(s + i, n - i, " solutions")))
		return true;
	static const char *const labels[] = { "Posts:", "Joined:", "Join Date:", "Join date:",
	                                      "Registered:", "Messages:", "Reaction score:",
	                                      "Solutions:", NULL };
	for (size_t k = 0; labels[k]; k++)
		if (starts(s, n, labels[k]))
			return cln_has_digit(s + strlen(labels[k]), n - strlen(labels[k]));
	return false;
}

int cln_post_head(const block *b)
{
	if (b->chars > HEAD_CHARS)
		return POST_NONE;
	size_t n;
	const char *s = cln_line_trim(b, &n);
	/* a dump's bullet (lynx's "* ", w3m's "• "), not a list's number */
	size_t m = n && !isdigit((unsigned char)s[0]) ? cln_item_marker(s, n) : 0;
	s += m;
	n -= m;
	/* every shape starts so, or ends in a digit (most lines do neither) */
	if (n == 0 || (!memchr("#[aCJMPRS", s[0], 9) && !isdigit((unsigned char)s[0]) &&
	               !isdigit((unsigned char)s[n - 1])))
		return POST_NONE;
	if (poster_stats(s, n))
		return POST_STATS;
	if (post_number(s, n))
		return POST_NUMBER;
	return stamp_and_number(s, n) || author_line(s, n) ? POST_HEAD : POST_NONE;
}

/* A thread prints its furniture (Like, Reply, Share, a label) under every
   post: a line of at most TOOL_CHARS chars whose text comes TOOL_REPEATS
   times or more. A reply quotes another post: its lines come again, as the
   dump wrapped them (a line of QUOTE_CHARS chars or more: shorter ones,
   "Thanks!", repeat by chance). */
enum { TOOL_CHARS = 30, TOOL_REPEATS = 3, QUOTE_CHARS = 30 };

int cln_line_key_cmp(const void *a, const void *b)
{
	const line_key *x = a, *y = b;
	return x->h != y->h ? (x->h < y->h ? -1 : 1) : (x->i > y->i) - (x->i < y->i);
}

int cln_post_repeats(const doc *d, size_t from, unsigned char *mark)
{
	size_t n = 0;
	for (size_t i = from; i < d->n; i++) {
		mark[i] = 0;
		n += d->b[i].removed_by < 0;
	}
	line_key *v = malloc((n ? n : 1) * sizeof *v);
	if (!v)
		return CLN_ENOMEM;
	n = 0;
	for (size_t i = from; i < d->n; i++)
		if (d->b[i].removed_by < 0)
			v[n++] = (line_key){ cln_folded_hash(d->b[i].text, d->b[i].len), i };
	qsort(v, n, sizeof *v, cln_line_key_cmp);
	for (size_t k = 0, end; k < n; k = end) {
		for (end = k; end < n && v[end].h == v[k].h; end++)
			;
		/* one text at other indents: each purpose counts its own sizes */
		size_t tools = 0, quotes = 0;
		for (size_t j = k; j < end; j++)
			tools += d->b[v[j].i].chars <= TOOL_CHARS;
		for (size_t j = k; j < end; j++) {
			size_t chars = d->b[v[j].i].chars;
			if (tools >= TOOL_REPEATS && chars <= TOOL_CHARS)
				mark[v[j].i] |= POST_TOOL;
			if (chars >= QUOTE_CHARS && quotes++ > 0) /* the first print is the post's own */
				mark[v[j].i] |= POST_QUOTE;
		}
	}
	free(v);
	return 0;
}

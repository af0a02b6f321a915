/*
 * htmlskip.c - what Gumbo need not read. Most of a page's bytes are the
 * text of <script> and <style> elements and comments, which Gumbo tokenizes
 * character by character and cleaner then throws away. The parser guard
 * (htmlguard.c), which follows the tokenizer over the page anyway, records
 * where that text lies when it is sure of the tokenizer's state there; here
 * the page is copied without it (the tags stay: <script></script>, <!---->,
 * so the tree has the same elements in the same places), and positions in
 * the copy are mapped back to the page's bytes and lines.
 *
 * The same goes for attributes nothing reads (data-*, srcset, SVG path
 * data, event handlers: a quarter of what is left) and for the white space
 * between tags beyond its first character (Gumbo makes a token of each).
 * Which attributes stay is a set (cln_attrset) of those cleaner itself
 * reads, those Gumbo's tree builder reads, and those a rule set's selectors
 * test.
 */
#define _GNU_SOURCE /* memmem */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

/* Longer attribute names are always read: none of those worth leaving out is. */
#define ATTR_NAME_MAX 64

int cln_skips_add(cln_skips *sk, size_t from, size_t to)
{
	if (to <= from)
		return 0;
	if (sk->n && sk->v[sk->n - 1].to == from) {
		sk->v[sk->n - 1].to = to; /* attributes side by side */
		return 0;
	}
	if (grow_array(&sk->v, sk->n, &sk->cap, sizeof *sk->v) < 0)
		return CLN_ENOMEM;
	sk->v[sk->n++] = (cln_skip){ .from = from, .to = to };
	return 0;
}

static bool ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Does s[i, len) start with `word` in any case, followed by white space,
   '/' or '>' (a tag name as the tokenizer ends it)? */
static bool tag_name_at(const char *s, size_t len, size_t i, const char *word)
{
	size_t n = strlen(word);
	return i + n < len && strncasecmp(s + i, word, n) == 0 &&
	       (ws(s[i + n]) || s[i + n] == '/' || s[i + n] == '>');
}

bool cln_script_escapes(const char *s, size_t from, size_t to)
{
	const char *open = memmem(s + from, to - from, "<!--", 4);
	if (!open)
		return false;
	for (const char *p = open + 4, *end = s + to; (p = memchr(p, '<', (size_t)(end - p))); p++)
		if (tag_name_at(s, to, (size_t)(p - s) + 1, "script"))
			return true;
	return false;
}

bool cln_script_is_data(const char *s, size_t from, size_t to)
{
	size_t i = from;
	cln_span name, value;
	bool slash = false;
	while (cln_html_attr(s, to, &i, &name, &value, &slash) > 0) {
		if (name.n != 4 || strncasecmp(name.p, "type", 4) != 0)
			continue;
		/* JSON-LD (metadata.c reads it), or a value whose character
		   references could spell it */
		if (memchr(value.p, '&', value.n))
			return true;
		for (size_t k = 0; k + 4 <= value.n; k++)
			if (strncasecmp(value.p + k, "json", 4) == 0)
				return true;
	}
	return false;
}

/* Line ends in s[from, to) as Gumbo counts them (CR LF, CR or LF). */
static unsigned count_lines(const char *s, size_t len, size_t from, size_t to)
{
	unsigned n = 0;
	for (const char *p = s + from, *end = s + to; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	for (const char *p = s + from, *end = s + to; (p = memchr(p, '\r', (size_t)(end - p))); p++)
		n += (size_t)(p - s) + 1 == len || p[1] != '\n';
	return n;
}

int cln_skips_compact(cln_skips *sk, const char *in, size_t len, char **out, size_t *out_len)
{
	size_t removed = 0;
	for (size_t i = 0; i < sk->n; i++)
		removed += sk->v[i].to - sk->v[i].from;
	char *c = malloc(len - removed + 1);
	if (!c)
		return CLN_ENOMEM;
	size_t at = 0, from = 0, gone = 0;
	unsigned lines = 0;
	for (size_t i = 0; i < sk->n; i++) {
		cln_skip *k = &sk->v[i];
		memcpy(c + at, in + from, k->from - from);
		at += k->from - from;
		gone += k->to - k->from;
		lines += count_lines(in, len, k->from, k->to);
		k->at = at;
		k->gone = gone;
		k->lines = lines;
		from = k->to;
	}
	memcpy(c + at, in + from, len - from);
	at += len - from;
	c[at] = '\0';
	*out = c;
	*out_len = at;
	return 0;
}

/* The last skip that starts at or before position pos of the copy (in
   the copy), or that ends at or before byte pos of the page (not), or NULL. */
static const cln_skip *skip_before(const cln_skips *sk, size_t pos, bool copy)
{
	size_t lo = 0, hi = sk->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if ((copy ? sk->v[mid].at : sk->v[mid].to) <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &sk->v[lo - 1] : NULL;
}

size_t cln_skips_orig(const cln_skips *sk, size_t at)
{
	const cln_skip *k = skip_before(sk, at, true);
	return k ? at + k->gone : at;
}

unsigned cln_skips_lines(const cln_skips *sk, size_t at)
{
	const cln_skip *k = skip_before(sk, at, true);
	return k ? k->lines : 0;
}

size_t cln_skips_to_copy(const cln_skips *sk, size_t pos)
{
	const cln_skip *k = skip_before(sk, pos, false); /* no skip holds pos */
	return k ? pos - k->gone : pos;
}

void cln_skips_free(cln_skips *sk)
{
	free(sk->v);
	*sk = (cln_skips){ 0 };
}

/* The attributes read after the parse, by name: the elements' id and class
   (htmlblocks.c, htmlemail.c) and what backoff.c, duplicates.c, maincontent.c,
   mainposts.c, mainproduct.c, markdown.c, metadata.c and pagetype.c ask
   for; and those Gumbo's tree builder reads (an <input>'s type in a table,
   <font color|face|size> in foreign content, annotation-xml's encoding).
   tests/test_htmlskip.cc checks that every name the code asks for is here. */
static const char *const read_attrs[] = {
	"id", "class", "role", "alt", "itemprop", "itemtype", "itemscope", "start", "src",
	"href", "data-src", "data-lang", "data-language", "colspan", "rowspan", "type",
	"name", "value", "rel", "lang", "property", "http-equiv", "content", "datetime",
	"color", "face", "size", "encoding", "aria-hidden", "hidden", "data-cfemail",
};

/* Lower-case name p[0, n) into low (ATTR_NAME_MAX bytes), its hash into
   *h: false if it is too long or holds a byte other than a letter, a digit
   or - _ : . (nothing odd for the tokenizer model to get wrong). */
static bool lower_name(const char *p, size_t n, char *low, uint32_t *h)
{
	if (n == 0 || n > ATTR_NAME_MAX)
		return false;
	uint32_t x = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		char c = p[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		else if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '_' &&
		         c != ':' && c != '.')
			return false;
		low[i] = c;
		x = (x ^ (uint8_t)c) * 16777619u;
	}
	*h = x;
	return true;
}

/* The slot of the lower-case name low[0, n) of hash h, or the empty one
   where it would go. */
static cln_attrname *slot(const cln_attrset *set, const char *low, size_t n, uint32_t h)
{
	for (size_t i = h & (set->cap - 1);; i = (i + 1) & (set->cap - 1)) {
		cln_attrname *k = &set->v[i];
		if (!k->name || (k->len == n && memcmp(k->name, low, n) == 0))
			return k;
	}
}

static int grow_set(cln_attrset *set)
{
	cln_attrset big = { .cap = set->cap ? 2 * set->cap : 64, .n = set->n };
	if (!(big.v = calloc(big.cap, sizeof *big.v)))
		return CLN_ENOMEM;
	for (size_t i = 0; i < set->cap; i++)
		if (set->v[i].name)
			*slot(&big, set->v[i].name, set->v[i].len, set->v[i].hash) = set->v[i];
	free(set->v);
	*set = big;
	return 0;
}

int cln_attrset_add(cln_attrset *set, const char *name)
{
	char low[ATTR_NAME_MAX];
	uint32_t h;
	size_t n = strlen(name);
	if (!lower_name(name, n, low, &h))
		return 0; /* never cut (cln_attr_cut) */
	if (2 * (set->n + 1) > set->cap && grow_set(set) < 0)
		return CLN_ENOMEM;
	cln_attrname *k = slot(set, low, n, h);
	if (k->name)
		return 0;
	if (!(k->name = malloc(n)))
		return CLN_ENOMEM;
	memcpy(k->name, low, n);
	k->len = (uint32_t)n;
	k->hash = h;
	set->n++;
	return 0;
}

int cln_attrset_init(cln_attrset *set)
{
	*set = (cln_attrset){ 0 };
	for (size_t i = 0; i < sizeof read_attrs / sizeof *read_attrs; i++)
		if (cln_attrset_add(set, read_attrs[i]) < 0)
			return CLN_ENOMEM;
	return 0;
}

bool cln_attr_cut(const cln_attrset *set, const char *p, size_t n)
{
	char low[ATTR_NAME_MAX];
	uint32_t h;
	/* Gumbo names a foreign element's "xlink:href" "href", its namespace
	   apart: a namespaced name may be one read, and stays */
	return set->cap && !memchr(p, ':', n) && lower_name(p, n, low, &h) &&
	       !slot(set, low, n, h)->name;
}

void cln_attrset_free(cln_attrset *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->v[i].name);
	free(set->v);
	*set = (cln_attrset){ 0 };
}

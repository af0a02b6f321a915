/*
 * sites.c - where a rule applies: site scopes ("example.com ~m.example.com
 * example.org/news/") and the host and path of a document's URL.
 *
 * A host item matches the host itself and every host under it
 * (example.com: www.example.com, news.example.com), as ad blockers' domain
 * options do; a path after it narrows the item to paths that start with it,
 * or that match it as a glob when it has * ? or [. A scope with items to
 * include applies where one matches; items with ~ exclude.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static bool item_char(char c)
{
	return c && c != ' ' && c != '\t' && c != ',';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c;
}

static bool host_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
	       c == '_' || (unsigned char)c >= 0x80;
}

/* One item "~host/path" of s[0, n) into it; NULL, or what is wrong. */
static const char *parse_item(const char *s, size_t n, site_item *it)
{
	it->exclude = n && s[0] == '~';
	s += it->exclude;
	n -= it->exclude;
	const char *slash = memchr(s, '/', n);
	size_t hl = slash ? (size_t)(slash - s) : n;
	if (hl == 0)
		return "a site needs a host name (example.com)";
	if (!(it->host = strndup(s, hl)))
		return CLN_OOM_MESSAGE;
	for (char *c = it->host; *c; c++)
		if (!host_char(*c = lower(*c)))
			return "a host name holds letters, digits, '-' and '.' only";
	if (it->host[0] == '.' || it->host[hl - 1] == '.')
		return "a host name neither starts nor ends with '.'";
	if (slash && !(it->path = strndup(slash, n - hl)))
		return CLN_OOM_MESSAGE;
	return NULL;
}

int cln_scope_parse(site_scope *out, const char *s, size_t len, size_t *err_pos, const char **why)
{
	*out = (site_scope){ 0 };
	*why = NULL;
	for (size_t i = 0; i < len;) {
		while (i < len && !item_char(s[i]))
			i++;
		size_t j = i;
		while (j < len && item_char(s[j]))
			j++;
		if (j == i)
			break;
		site_item it = { 0 };
		*why = grow_array(&out->v, out->n, &out->cap, sizeof *out->v) < 0
		       ? CLN_OOM_MESSAGE : parse_item(s + i, j - i, &it);
		if (*why) {
			free(it.host);
			free(it.path);
			*err_pos = i;
			cln_scope_free(out);
			return strcmp(*why, CLN_OOM_MESSAGE) == 0 ? CLN_ENOMEM : CLN_ESYNTAX;
		}
		out->v[out->n++] = it;
		i = j;
	}
	if (!out->n) {
		*why = "a site scope needs at least one host (example.com, ~ads.example.com)";
		*err_pos = 0;
		return CLN_ESYNTAX;
	}
	return 0;
}

void cln_scope_free(site_scope *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->v[i].host);
		free(s->v[i].path);
	}
	free(s->v);
	*s = (site_scope){ 0 };
}

static bool item_matches(const site_item *it, const doc_site *site)
{
	size_t hl = strlen(it->host), sl = strlen(site->host);
	if (sl < hl || strcmp(site->host + sl - hl, it->host) != 0 ||
	    (sl > hl && site->host[sl - hl - 1] != '.'))
		return false;
	if (!it->path)
		return true;
	if (strpbrk(it->path, "*?["))
		return fnmatch(it->path, site->path, 0) == 0;
	return strncmp(site->path, it->path, strlen(it->path)) == 0;
}

bool cln_scope_match(const site_scope *s, const doc_site *site)
{
	bool any_include = false, included = false;
	for (size_t i = 0; i < s->n; i++) {
		const site_item *it = &s->v[i];
		bool m = site->host[0] && item_matches(it, site);
		if (it->exclude && m)
			return false;
		any_include |= !it->exclude;
		included |= !it->exclude && m;
	}
	return !any_include || included;
}

void cln_url_site(const char *url, doc_site *out)
{
	out->host[0] = '\0';
	snprintf(out->path, sizeof out->path, "/");
	if (!url)
		return;
	const char *p = strstr(url, "://");
	p = p ? p + 3 : url[0] == '/' && url[1] == '/' ? url + 2 : NULL;
	if (!p)
		return; /* a relative URL names no host */
	size_t n = strcspn(p, "/?#");
	const char *at = memchr(p, '@', n); /* user:password@ */
	if (at) {
		n -= (size_t)(at + 1 - p);
		p = at + 1;
	}
	size_t hl = 0;
	for (; hl < n && p[hl] != ':' && hl + 1 < sizeof out->host; hl++)
		out->host[hl] = lower(p[hl]);
	while (hl && out->host[hl - 1] == '.')
		hl--;
	out->host[hl] = '\0';
	const char *path = p + n;
	if (*path == '/')
		snprintf(out->path, sizeof out->path, "%.*s", (int)strcspn(path, "?#"), path);
}

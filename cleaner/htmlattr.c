/*
 * htmlattr.c - the HTML tokenizer's reading of a tag's attributes (names,
 * '=', quoted and unquoted values, the self-closing '/'), shared by the
 * parser guard (htmlguard.c) and the charset prescan (decode.c): a '<' or
 * '>' inside a quoted value belongs to the value; and the tokens of a
 * class list.
 */
#include <string.h>

#include "internal.h"

static bool ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int cln_html_attr(const char *s, size_t len, size_t *i, cln_span *name, cln_span *value,
                  bool *slash)
{
	size_t k = *i;
	for (; k < len && (ws(s[k]) || s[k] == '/'); k++)
		*slash = s[k] == '/' && k + 1 < len && s[k + 1] == '>';
	*i = k;
	if (k >= len)
		return -1;
	if (s[k] == '>')
		return 0;
	name->p = s + k++; /* a name may start with '=' */
	while (k < len && !ws(s[k]) && s[k] != '/' && s[k] != '>' && s[k] != '=')
		k++;
	name->n = (size_t)(s + k - name->p);
	*value = (cln_span){ s + k, 0 };
	while (k < len && ws(s[k]))
		k++;
	if (k < len && s[k] == '=') {
		for (k++; k < len && ws(s[k]); k++)
			;
		if (k < len && (s[k] == '"' || s[k] == '\'')) {
			const char *q = memchr(s + k + 1, s[k], len - k - 1);
			if (!q)
				return -1;
			*value = (cln_span){ s + k + 1, (size_t)(q - s - k - 1) };
			k = (size_t)(q - s) + 1;
		} else {
			for (value->p = s + k; k < len && !ws(s[k]) && s[k] != '>'; k++)
				;
			value->n = (size_t)(s + k - value->p);
		}
	}
	*i = k;
	return 1;
}

bool cln_any_token(const char *list, bool (*is)(const char *t, size_t n, const void *arg),
                   const void *arg)
{
	for (const char *c = list; c && *c; c += strcspn(c, " \t\n\f\r")) {
		c += strspn(c, " \t\n\f\r");
		size_t n = strcspn(c, " \t\n\f\r");
		if (n && is(c, n, arg))
			return true;
	}
	return false;
}

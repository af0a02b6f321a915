/*
 * htmlemail.c - addresses a CDN hid from scrapers. Cloudflare's email
 * protection serves "[email protected]" in place of each address on a page
 * and a script that writes the address back in the browser; the page's
 * readers see the address, so the clean text shows it too.
 */
#include <string.h>

#include "htmlwalk.h"
#include "internal.h"

static int hex_digit(char c)
{
	return c >= '0' && c <= '9' ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	       : -1;
}

size_t cln_cf_decode(const char *h, size_t len, char *out, size_t cap)
{
	size_t n = 0;
	if (len < 4 || len % 2 || len / 2 > cap)
		return 0;
	int k0 = hex_digit(h[0]), k1 = hex_digit(h[1]);
	if (k0 < 0 || k1 < 0)
		return 0; /* no shift of a -1: not hex */
	int key = k0 << 4 | k1;
	bool at = false;
	for (size_t i = 2; i < len; i += 2) {
		int hi = hex_digit(h[i]), lo = hex_digit(h[i + 1]);
		if (hi < 0 || lo < 0)
			return 0;
		unsigned char c = (unsigned char)((hi << 4 | lo) ^ key);
		/* an address: printable ASCII, no blank, one "@" or more */
		if (c <= ' ' || c >= 0x7f || c == '<' || c == '>')
			return 0;
		at |= c == '@';
		out[n++] = (char)c;
	}
	out[n] = '\0';
	return at ? n : 0;
}

size_t cln_cf_email(const GumboElement *e, char *out, size_t cap)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, "data-cfemail");
	return a ? cln_cf_decode(a->value, strlen(a->value), out, cap) : 0;
}

/*
 * decode.c - the read/decode stage for HTML: which format the input is, and
 * its bytes as UTF-8 for Gumbo (which parses nothing else).
 *
 * The charset comes from, in order: a byte-order mark, the caller
 * (--charset), <meta charset> or <meta http-equiv=content-type> in the first
 * 4 KiB, valid UTF-8 as it stands, and last uchardet's guess. iconv converts;
 * a byte that is not valid in the charset becomes U+FFFD and is counted.
 */
#include <ctype.h>
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

#include "internal.h"

#define SNIFF_BYTES 4096
static const char REPLACEMENT[] = "\xEF\xBF\xBD";

/* Case-insensitive search for needle in [s, s+len). */
static const char *find_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

cln_format cln_sniff_format(const char *in, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && isspace((unsigned char)in[i]))
		i++;
	if (i >= len || in[i] != '<')
		return CLN_FORMAT_TEXT;
	/* a page, not a line of text that happens to start with '<' */
	size_t n = len - i < SNIFF_BYTES ? len - i : SNIFF_BYTES;
	static const char *const marks[] = { "<!doctype html", "<html", "<head", "<body", "<meta",
	                                     "<title", "<div", "<p>", "<p ", "<!--", "<script",
	                                     "<link", "<article", "<table", "<span", "<a " };
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
		if (find_ci(in + i, n, marks[k]))
			return CLN_FORMAT_HTML;
	return CLN_FORMAT_TEXT;
}

/* The charset named after "charset=" at p, copied into out (max outsize). */
static bool charset_value(const char *p, const char *end, char *out, size_t outsize)
{
	p += strlen("charset");
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (p >= end || *p != '=')
		return false;
	p++;
	while (p < end && (isspace((unsigned char)*p) || *p == '"' || *p == '\''))
		p++;
	size_t n = 0;
	while (p < end && n + 1 < outsize && (isalnum((unsigned char)*p) || memchr("-_.:", *p, 4)))
		out[n++] = *p++;
	out[n] = '\0';
	return n > 0;
}

/* The charset a <meta> tag in the head declares, if any. */
static bool meta_charset(const char *in, size_t len, char *out, size_t outsize)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	const char *s = in, *end = in + n;
	while ((s = find_ci(s, (size_t)(end - s), "<meta")) != NULL) {
		const char *close = memchr(s, '>', (size_t)(end - s));
		const char *tag_end = close ? close : end;
		const char *cs = find_ci(s, (size_t)(tag_end - s), "charset");
		if (cs && charset_value(cs, tag_end, out, outsize))
			return true;
		s += 5;
	}
	return false;
}

static bool valid_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		size_t n = cln_utf8_seq((const unsigned char *)s + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}

/* Copy UTF-8, replacing each invalid byte with U+FFFD. */
static int copy_utf8(const char *in, size_t len, buf *out, size_t *bad)
{
	if (buf_reserve(out, len) < 0)
		return CLN_ENOMEM;
	for (size_t i = 0; i < len;) {
		size_t n = cln_utf8_seq((const unsigned char *)in + i, len - i);
		if (n) {
			size_t j = i + n;
			/* copy the whole valid run at once */
			while (j < len && (n = cln_utf8_seq((const unsigned char *)in + j, len - j)))
				j += n;
			if (buf_add(out, in + i, j - i) < 0)
				return CLN_ENOMEM;
			i = j;
		} else {
			if (buf_add(out, REPLACEMENT, 3) < 0)
				return CLN_ENOMEM;
			(*bad)++;
			i++;
		}
	}
	return 0;
}

static int convert(iconv_t cd, const char *in, size_t len, buf *out, size_t *bad)
{
	char *ip = (char *)in;
	size_t left = len;
	while (left > 0) {
		if (buf_reserve(out, left * 2 + 16) < 0)
			return CLN_ENOMEM;
		char *op = out->data + out->len;
		size_t room = out->cap - out->len - 1;
		size_t rc = iconv(cd, &ip, &left, &op, &room);
		out->len = (size_t)(op - out->data);
		if (rc != (size_t)-1)
			continue;
		if (errno == E2BIG)
			continue;
		/* EILSEQ or EINVAL (truncated at the end): one bad byte */
		if (buf_add(out, REPLACEMENT, 3) < 0)
			return CLN_ENOMEM;
		(*bad)++;
		ip++;
		left--;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	if (!out->data && buf_reserve(out, 0) < 0)
		return CLN_ENOMEM;
	out->data[out->len] = '\0';
	return 0;
}

static bool is_utf8_name(const char *cs)
{
	return strcasecmp(cs, "utf-8") == 0 || strcasecmp(cs, "utf8") == 0 ||
	       strcasecmp(cs, "us-ascii") == 0 || strcasecmp(cs, "ascii") == 0;
}

int cln_decode(cln_decoded *out, const char *in, size_t len, const char *hint)
{
	/* a fresh result in a buffer that may be reused */
	out->text.len = 0;
	memset(out->charset, 0, sizeof out->charset);
	out->bad_bytes = 0;
	char cs[sizeof out->charset] = "";
	size_t skip = 0;
	if (len >= 3 && memcmp(in, "\xEF\xBB\xBF", 3) == 0) {
		strcpy(cs, "UTF-8");
		skip = 3;
	} else if (len >= 2 && memcmp(in, "\xFF\xFE", 2) == 0) {
		strcpy(cs, "UTF-16LE");
		skip = 2;
	} else if (len >= 2 && memcmp(in, "\xFE\xFF", 2) == 0) {
		strcpy(cs, "UTF-16BE");
		skip = 2;
	} else if (hint && *hint) {
		snprintf(cs, sizeof cs, "%s", hint);
	} else if (!meta_charset(in, len, cs, sizeof cs)) {
		if (valid_utf8(in, len)) {
			strcpy(cs, "UTF-8");
		} else {
			uchardet_t ud = uchardet_new();
			uchardet_handle_data(ud, in, len < (1u << 20) ? len : (1u << 20));
			uchardet_data_end(ud);
			const char *g = uchardet_get_charset(ud);
			snprintf(cs, sizeof cs, "%s", g && *g ? g : "WINDOWS-1252");
			uchardet_delete(ud);
		}
	}
	/* browsers read ISO-8859-1 and ASCII labels as windows-1252 (WHATWG) */
	if (strcasecmp(cs, "iso-8859-1") == 0 || strcasecmp(cs, "latin1") == 0)
		strcpy(cs, "WINDOWS-1252");
	for (char *c = cs; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	snprintf(out->charset, sizeof out->charset, "%s", cs);
	in += skip;
	len -= skip;
	if (is_utf8_name(cs))
		return copy_utf8(in, len, &out->text, &out->bad_bytes);
	iconv_t cd = iconv_open("UTF-8", cs);
	if (cd == (iconv_t)-1) {
		/* an unknown label: read it as UTF-8 rather than fail the page */
		snprintf(out->charset, sizeof out->charset, "UTF-8");
		return copy_utf8(in, len, &out->text, &out->bad_bytes);
	}
	int rc = convert(cd, in, len, &out->text, &out->bad_bytes);
	iconv_close(cd);
	return rc;
}

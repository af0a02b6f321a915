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
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <uchardet/uchardet.h>

#include "memci.h"
#include "internal.h"

#define SNIFF_BYTES 4096
static const char REPLACEMENT[] = "\xEF\xBF\xBD";


cln_format cln_sniff_format(const char *in, size_t len)
{
	if (len >= 2 && (memcmp(in, "\xFF\xFE", 2) == 0 || memcmp(in, "\xFE\xFF", 2) == 0)) {
		/* UTF-16 with a byte-order mark: judge its ASCII characters */
		char ascii[SNIFF_BYTES];
		bool le = in[0] == '\xFF';
		size_t n = 0;
		for (size_t k = 2; k + 1 < len && n < sizeof ascii; k += 2) {
			unsigned char lo = (unsigned char)in[k + !le], hi = (unsigned char)in[k + le];
			ascii[n++] = hi == 0 && lo < 0x80 ? (char)lo : '?';
		}
		return cln_sniff_format(ascii, n);
	}
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
	                                     "<link", "<article", "<table", "<span", "<a ", "<pre",
	                                     "<h1", "<h2", "<h3", "<h4", "<h5", "<h6", "<ul", "<ol",
	                                     "<section", "<main", "<blockquote", "<figure" };
	for (size_t k = 0; k < sizeof marks / sizeof marks[0]; k++)
		if (memci(in + i, n, marks[k]))
			return CLN_FORMAT_HTML;
	return CLN_FORMAT_TEXT;
}

/* ---- the HTML standard's prescan for a <meta> charset ---------------------
   Only real <meta> elements count: comments are skipped, and so are the
   attributes of other tags, quoted values and all (a "<meta charset=...>"
   inside a comment or inside another tag's content attribute is text). */

typedef cln_span span;

static bool sp(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static bool span_is(span s, const char *word)
{
	return s.n == strlen(word) && strncasecmp(s.p, word, s.n) == 0;
}

/* One attribute at *i, or false at the end of the tag (or the input). */
static bool get_attribute(const char *s, size_t len, size_t *i, span *name, span *value)
{
	bool slash;
	return cln_html_attr(s, len, i, name, value, &slash) > 0;
}

/* The charset a content attribute ("text/html; charset=x") names. */
static span content_charset(span c)
{
	for (size_t i = 0; i + 7 <= c.n; i++) {
		if (strncasecmp(c.p + i, "charset", 7) != 0)
			continue;
		size_t k = i + 7;
		while (k < c.n && sp(c.p[k]))
			k++;
		if (k >= c.n || c.p[k] != '=')
			continue;
		for (k++; k < c.n && sp(c.p[k]); k++)
			;
		if (k < c.n && (c.p[k] == '"' || c.p[k] == '\'')) {
			const char *q = memchr(c.p + k + 1, c.p[k], c.n - k - 1);
			return q ? (span){ c.p + k + 1, (size_t)(q - c.p - k - 1) } : (span){ NULL, 0 };
		}
		size_t v = k;
		while (k < c.n && !sp(c.p[k]) && c.p[k] != ';')
			k++;
		return (span){ c.p + v, k - v };
	}
	return (span){ NULL, 0 };
}

/* The charset of the <meta> whose attributes start at *i, if it names one
   the standard honours: UTF-16 declared in bytes read as ASCII means UTF-8,
   x-user-defined windows-1252, and UTF-7 is never honoured. */
static bool meta_element(const char *s, size_t len, size_t *i, char *out, size_t outsize)
{
	span name, value, cs = { NULL, 0 };
	bool pragma = false, seen_cs = false, seen_content = false, seen_heq = false;
	int need_pragma = -1; /* unknown, no, yes */
	while (get_attribute(s, len, i, &name, &value)) {
		if (span_is(name, "http-equiv") && !seen_heq) {
			seen_heq = true;
			pragma = span_is(value, "content-type");
		} else if (span_is(name, "content") && !seen_content) {
			seen_content = true;
			span c = content_charset(value);
			if (c.p && !cs.p) {
				cs = c;
				need_pragma = 1;
			}
		} else if (span_is(name, "charset") && !seen_cs) {
			seen_cs = true;
			cs = value;
			need_pragma = 0;
		}
	}
	while (cs.n && sp(cs.p[0]))
		cs = (span){ cs.p + 1, cs.n - 1 };
	while (cs.n && sp(cs.p[cs.n - 1]))
		cs.n--;
	if (need_pragma < 0 || (need_pragma == 1 && !pragma) || !cs.p || cs.n == 0 ||
	    cs.n >= outsize || span_is(cs, "utf-7") || span_is(cs, "unicode-1-1-utf-7") ||
	    span_is(cs, "csunicode11utf7") || span_is(cs, "x-unicode20utf7"))
		return false;
	if (strncasecmp(cs.p, "utf-16", 6) == 0 || span_is(cs, "unicode") || span_is(cs, "ucs-2") ||
	    span_is(cs, "csunicode") || span_is(cs, "iso-10646-ucs-2") || span_is(cs, "unicodefffe") ||
	    span_is(cs, "unicodefeff"))
		snprintf(out, outsize, "UTF-8");
	else if (span_is(cs, "x-user-defined"))
		snprintf(out, outsize, "WINDOWS-1252");
	else
		snprintf(out, outsize, "%.*s", (int)cs.n, cs.p);
	return true;
}

/* The charset a <meta> in the first SNIFF_BYTES declares, if any. */
static bool meta_charset(const char *in, size_t len, char *out, size_t outsize)
{
	size_t n = len < SNIFF_BYTES ? len : SNIFF_BYTES;
	span name, value;
	for (size_t i = 0; i < n;) {
		const char *s = in + i;
		size_t left = n - i;
		if (left >= 4 && memcmp(s, "<!--", 4) == 0) {
			const char *e = NULL;
			for (const char *q = s + 2; q + 3 <= in + n && !e; q++)
				if (q[0] == '-' && q[1] == '-' && q[2] == '>')
					e = q;
			i = e ? (size_t)(e - in) + 3 : n;
		} else if (left >= 6 && strncasecmp(s, "<meta", 5) == 0 && (sp(s[5]) || s[5] == '/')) {
			i += 6;
			if (meta_element(in, n, &i, out, outsize))
				return true;
		} else if (left >= 2 && s[0] == '<' &&
		           (isalpha((unsigned char)s[1]) ||
		            (left >= 3 && s[1] == '/' && isalpha((unsigned char)s[2])))) {
			while (i < n && !sp(in[i]) && in[i] != '>')
				i++;
			while (get_attribute(in, n, &i, &name, &value))
				;
		} else if (left >= 2 && s[0] == '<' && (s[1] == '!' || s[1] == '/' || s[1] == '?')) {
			const char *gt = memchr(s, '>', left);
			i = gt ? (size_t)(gt - in) + 1 : n;
		} else {
			i++;
		}
	}
	return false;
}

static bool valid_utf8(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		/* ASCII, most of a page: eight bytes at a time */
		uint64_t w;
		if (len - i >= 8 && (memcpy(&w, s + i, 8), (w & 0x8080808080808080u) == 0)) {
			i += 8;
			continue;
		}
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
	out->utf8 = "";
	out->utf8_len = 0;
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
	int rc;
	iconv_t cd = (iconv_t)-1;
	if (!is_utf8_name(cs) && (cd = iconv_open("UTF-8", cs)) == (iconv_t)-1)
		/* an unknown label: read it as UTF-8 rather than fail the page */
		snprintf(out->charset, sizeof out->charset, "UTF-8");
	if (cd != (iconv_t)-1) {
		rc = convert(cd, in, len, &out->text, &out->bad_bytes);
		iconv_close(cd);
	} else if (valid_utf8(in, len)) {
		/* the page as it is: a copy would cost its size again */
		out->utf8 = in;
		out->utf8_len = len;
		return 0;
	} else {
		rc = copy_utf8(in, len, &out->text, &out->bad_bytes);
	}
	out->utf8 = out->text.data ? out->text.data : "";
	out->utf8_len = out->text.len;
	return rc;
}

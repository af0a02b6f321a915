/*
 * warc.c - `cleaner --warc FILE.warc[.gz]`: WARC/1.0 and 1.1 as Common Crawl
 * publishes them (one gzip member per record), read through input.c (plain,
 * gzip or zstd; "-" is standard input). Every HTML `response` record is
 * cleaned: HTTP headers stripped, chunked transfer decoded, a gzip/deflate
 * Content-Encoding undone (wget and warcio keep bodies so), the charset of
 * its Content-Type honoured. Other records are skipped and counted. The
 * output is JSONL: url = WARC-Target-URI, id = WARC-Record-ID, date =
 * WARC-Date, the clean text and a summary.
 *
 * Nothing but the end of the input ends a file: damage in the compressed
 * data, a record whose length cannot be known, or bytes where a record
 * should start fail what they touch, and reading goes on at the next line
 * that starts with "WARC/". A block is read as its bytes come, never
 * allocated by the length it declares.
 */
#define _GNU_SOURCE /* memmem */
#include <ctype.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "memci.h"
#include "cli.h"

/* a longer WARC header line fails its record (it is read past, bounded) */
#define MAX_HEADER_LINE ((size_t)1 << 20)

/* A record handed to a worker (one allocation): its URL, id and date as
   valid UTF-8 in data, then the HTTP body. */
typedef struct record {
	const char *url, *id, *date;
	char charset[64];
	size_t len;
	char *body;
	char data[];
} record;

typedef struct warc_run {
	const warc_options *o;
	const cln_rules *rules;
	size_t input;
	cli_lines *in;
	const char *name;
	bool resync; /* after damage or a broken record: on to the next "WARC/" line */
	FILE *out;
	progress *prog;
	size_t records, cleaned, skipped, failed;
	bool sink_pass; /* o->sink's pass */
	char skip[1 << 16]; /* blocks not kept are read through it */
} warc_run;

/* "Name: value" -> value (*vlen bytes, blanks trimmed) if the name
   matches, else NULL. Lines are (pointer, length): they may hold NULs. */
static const char *header(const char *line, size_t n, const char *name, size_t *vlen)
{
	size_t k = strlen(name);
	if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return NULL;
	const char *v = line + k + 1, *end = line + n;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	*vlen = (size_t)(end - v);
	return v;
}


/* The bytes of a UTF-8 sequence at s (n left), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t k = s[0] < 0x80 ? 1 : (s[0] & 0xe0) == 0xc0 ? 2 : (s[0] & 0xf0) == 0xe0 ? 3
	         : (s[0] & 0xf8) == 0xf0 ? 4 : 0;
	if (!k || k > n || !s[0] || (k == 2 && s[0] < 0xc2) || (k == 4 && s[0] > 0xf4) ||
	    (k == 3 && s[0] == 0xe0 && s[1] < 0xa0) || (k == 3 && s[0] == 0xed && s[1] >= 0xa0) ||
	    (k == 4 && s[0] == 0xf0 && s[1] < 0x90) || (k == 4 && s[0] == 0xf4 && s[1] >= 0x90))
		return 0;
	for (size_t i = 1; i < k; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return k;
}

/* A header value as JSON can carry it: valid UTF-8 as it is, any other
   byte (a Latin-1 URL, a NUL) as %XX, the way URLs escape bytes. Writes
   at most 3 * n + 1 bytes to out; returns out. */
static char *utf8_or_percent(char *out, const char *v, size_t n)
{
	char *o = out;
	for (size_t i = 0; i < n;) {
		size_t k = utf8_len((const unsigned char *)v + i, n - i);
		if (k) {
			memcpy(o, v + i, k);
			o += k;
			i += k;
		} else {
			o += sprintf(o, "%%%02X", (unsigned char)v[i++]);
		}
	}
	*o = '\0';
	return out;
}

/* The charset parameter of a Content-Type value, if any. */
static void charset_of(const char *ct, size_t n, char *out, size_t size)
{
	const char *c = memci(ct, n, "charset=");
	out[0] = '\0';
	if (!c)
		return;
	const char *end = ct + n;
	c += 8;
	while (c < end && (*c == '"' || *c == '\'' || *c == ' '))
		c++;
	size_t k = 0;
	while (c + k < end && (isalnum((unsigned char)c[k]) || strchr("-_.:", c[k])) && c[k] &&
	       k + 1 < size)
		k++;
	snprintf(out, size, "%.*s", (int)k, c);
}

/* Decode chunked transfer coding in place: the new length, or -1 if it is
   not chunked data. *cut: the data ends before the last (empty) chunk;
   what came is kept. */
static long unchunk(char *b, size_t len, bool *cut)
{
	size_t in = 0, out = 0;
	*cut = true;
	while (in < len) {
		if (!isxdigit((unsigned char)b[in]))
			return -1;
		char *end;
		unsigned long long n = strtoull(b + in, &end, 16);
		char *nl = memchr(end, '\n', len - (size_t)(end - b));
		if (!nl)
			break;
		in = (size_t)(nl - b) + 1;
		if (n == 0) {
			*cut = false;
			break;
		}
		size_t take = n < len - in ? (size_t)n : len - in;
		memmove(b + out, b + in, take);
		out += take;
		in += take;
		if (take < n)
			break;
		if (in < len && b[in] == '\r')
			in++;
		if (in < len && b[in] == '\n')
			in++;
	}
	return (long)out;
}

static const char decoded_too_big[] = "larger than --max-bytes once decoded";

/* Undo an HTTP Content-Encoding of gzip or deflate (zlib-wrapped, or raw as
   some servers send it) into a malloc'd buffer, the data after its first
   head bytes: at most limit bytes of it (a few KB of gzip can claim
   gigabytes). NULL with why; *cut if the data ends before its stream. */
static char *decode_body(const char *in, size_t n, size_t head, size_t limit, size_t *outlen,
                         bool *cut, const char **why)
{
	*why = "broken gzip/deflate data";
	for (int raw = 0; raw < 2; raw++) {
		z_stream z;
		memset(&z, 0, sizeof z);
		/* 15 + 32: gzip or zlib header, told apart by zlib; -15: none */
		if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK) {
			*why = "out of memory";
			return NULL;
		}
		size_t cap = n < limit / 4 ? n * 4 + 4096 : limit + 1, got = 0;
		char *out = malloc(head + cap + 1);
		z.next_in = (Bytef *)in;
		int rc = out ? Z_OK : Z_MEM_ERROR;
		size_t left = n;
		while (rc == Z_OK && got <= limit) {
			if (got == cap) {
				size_t more = cap < limit / 2 ? cap * 2 : limit + 1;
				char *bigger = realloc(out, head + more + 1);
				if (!bigger) {
					rc = Z_MEM_ERROR;
					break;
				}
				out = bigger;
				cap = more;
			}
			uInt in_now = left > (1u << 30) ? 1u << 30 : (uInt)left;
			z.avail_in = in_now;
			z.next_out = (Bytef *)out + head + got;
			z.avail_out = (uInt)(cap - got > (1u << 30) ? 1u << 30 : cap - got);
			uInt room = z.avail_out;
			rc = inflate(&z, Z_NO_FLUSH);
			got += room - z.avail_out;
			left -= in_now - z.avail_in;
			if (rc == Z_BUF_ERROR && left == 0)
				break; /* the body ends before the stream does */
			if (rc == Z_BUF_ERROR)
				rc = Z_OK;
		}
		inflateEnd(&z);
		if (got > limit || rc == Z_MEM_ERROR) {
			*why = rc == Z_MEM_ERROR ? "out of memory" : decoded_too_big;
			free(out);
			return NULL;
		}
		if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && got > 0)) {
			*cut = rc != Z_STREAM_END;
			*outlen = got;
			return out;
		}
		free(out);
		if (rc != Z_DATA_ERROR || got > 0)
			break; /* only a wrong header is worth a second try, raw */
	}
	return NULL;
}

/* A record's failure: said, counted; reading goes on at the next record. */
static int fail(warc_run *w, const char *id, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail(warc_run *w, const char *id, const char *fmt, ...)
{
	char why[1400];
	if (cli_stopped())
		return 1; /* a record cut by a stop is no failure of its own */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	progress_say(w->prog, 1, "%s: record %zu (%s): %s", w->name, w->records,
	             id && id[0] ? id : "no id", why);
	w->failed++;
	return 1;
}

/* The WARC headers a record is read by. */
typedef struct warc_head {
	bool response, http;   /* WARC-Type response, Content-Type application/http */
	bool long_line;        /* a header line over MAX_HEADER_LINE was let go */
	char *url, *id, *date; /* malloc'd, valid UTF-8 (NULL: none) */
	long long clen;        /* -1: none */
	const char *bad;       /* why Content-Length cannot be used, or NULL */
	char badval[48];
} warc_head;

/* A header value, kept as valid UTF-8 (malloc'd; NULL if out of memory). */
static char *keep(char *old, const char *v, size_t n)
{
	free(old);
	char *s = malloc(3 * n + 1);
	return s ? utf8_or_percent(s, v, n) : NULL;
}

/* Content-Length: digits only, at most 18 of them (under 2^63). */
static void parse_length(warc_head *h, const char *v, size_t n)
{
	unsigned long long x = 0;
	size_t i = 0;
	for (; i < n && i < 18 && v[i] >= '0' && v[i] <= '9'; i++)
		x = x * 10 + (unsigned)(v[i] - '0');
	utf8_or_percent(h->badval, v, n < 15 ? n : 15);
	if (n > 0 && i == n)
		h->clen = (long long)x;
	else
		h->bad = n && v[0] == '-' ? "negative Content-Length"
		         : i && i < n && v[i] >= '0' && v[i] <= '9' ? "Content-Length too large"
		         : "Content-Length not a number";
}

/* Read a record's headers after its "WARC/" line: 1 read (h says what they
   are), 0 the input ended or broke inside them (said and counted; after
   damage w->resync is set and reading goes on). */
static int read_head(warc_run *w, warc_head *h)
{
	char *l, err[1400];
	long n;
	for (;;) {
		n = cli_lines_next(w->in, MAX_HEADER_LINE, &l, err, sizeof err);
		if (n == -3) {
			h->long_line = true;
			continue;
		}
		if (n < 0)
			break;
		if (n > 0 && l[n - 1] == '\r')
			n--;
		if (n == 0) {
			w->records++;
			return 1;
		}
		const char *v;
		size_t k = (size_t)n, vl;
		if ((v = header(l, k, "WARC-Type", &vl)))
			h->response = vl == 8 && memcmp(v, "response", 8) == 0;
		else if ((v = header(l, k, "WARC-Record-ID", &vl)))
			h->id = keep(h->id, v, vl);
		else if ((v = header(l, k, "WARC-Target-URI", &vl)))
			h->url = keep(h->url, v, vl);
		else if ((v = header(l, k, "WARC-Date", &vl)))
			h->date = keep(h->date, v, vl);
		else if ((v = header(l, k, "Content-Type", &vl)))
			h->http = vl >= 16 && strncasecmp(v, "application/http", 16) == 0;
		else if ((v = header(l, k, "Content-Length", &vl)))
			parse_length(h, v, vl);
	}
	w->records++;
	fail(w, h->id, "%s", n == -1 ? "truncated in its headers" : err);
	w->resync = n == -4;
	return 0;
}

/* Read n bytes of a block into dst (NULL: read through w->skip): 1 all
   read, 0 not (said and counted; w->resync after damage). */
static int read_bytes(warc_run *w, const warc_head *h, char *dst, size_t n)
{
	char err[1400];
	size_t got = 0;
	long k = 1;
	while (got < n && k > 0) {
		size_t want = n - got;
		if (!dst && want > sizeof w->skip)
			want = sizeof w->skip;
		k = cli_lines_read(w->in, dst ? dst + got : w->skip, want, err, sizeof err);
		got += k > 0 ? (size_t)k : 0;
	}
	if (got == n)
		return 1;
	if (k == 0)
		fail(w, h->id, "truncated (%zu of %lld bytes)", got, h->clen);
	else
		fail(w, h->id, "%s", err);
	w->resync = k == -4;
	return 0;
}

/* The block of a record to clean, read as it comes (never allocated by its
   declared length before the bytes are there), after room for the record
   and its strings (head bytes). NULL if not read (said and counted). */
static record *read_block(warc_run *w, const warc_head *h, size_t head)
{
	size_t clen = (size_t)h->clen, cap = clen < (1u << 20) ? clen : 1u << 20, got = 0;
	record *r = malloc(sizeof *r + head + cap + 1);
	while (r && got < clen) {
		if (got == cap) {
			cap = cap < clen / 2 ? cap * 2 : clen;
			record *bigger = realloc(r, sizeof *r + head + cap + 1);
			if (!bigger)
				break;
			r = bigger;
		}
		if (!read_bytes(w, h, r->data + head + got, cap - got)) {
			free(r);
			return NULL;
		}
		got = cap;
	}
	if (!r || got < clen) {
		free(r);
		fail(w, h->id, "no memory for %zu bytes", clen);
		return NULL;
	}
	r->data[head + clen] = '\0';
	return r;
}

/* A body that ends early is kept, with a warning. */
static void cut_warning(warc_run *w, const warc_head *h, const char *what, size_t kept)
{
	progress_say(w->prog, 0, "%s: record %zu (%s): warning: the %s ends early; the %zu bytes "
	             "there are kept", w->name, w->records, h->id ? h->id : "no id", what, kept);
}

/* The end of an HTTP message's headers in [b, b + n): where its body
   starts, or NULL. */
static char *http_body(char *b, size_t n)
{
	char *crlf = memmem(b, n, "\r\n\r\n", 4), *lf = memmem(b, n, "\n\n", 2);
	if (crlf && (!lf || crlf < lf))
		return crlf + 4;
	return lf ? lf + 2 : NULL;
}

/* A read response record: its HTTP headers read (chunked transfer and a
   Content-Encoding undone, charset kept), the body moved where its text
   starts. r itself (or a new allocation) if it is to be cleaned, else
   NULL (freed; skipped or failed, counted). */
static record *http_record(warc_run *w, const warc_head *h, record *r, size_t head)
{
	char *blk = r->data + head, *body = http_body(blk, (size_t)h->clen);
	if (!body) { /* an empty block is no HTML response; a cut one is broken */
		free(r);
		if (h->clen == 0)
			w->skipped++;
		else
			fail(w, h->id, "no end to the HTTP headers");
		return NULL;
	}
	const char *ct = NULL, *ce = NULL, *v;
	size_t ctl = 0, cel = 0, vl;
	bool chunked = false;
	for (char *l = blk, *e; l < body; l = e + 1) { /* NULs included */
		e = memchr(l, '\n', (size_t)(body - l));
		size_t n = (size_t)((e ? e : body) - l);
		if ((v = header(l, n, "Content-Type", &vl)))
			ct = v, ctl = vl;
		else if ((v = header(l, n, "Transfer-Encoding", &vl)) && memci(v, vl, "chunked"))
			chunked = true;
		else if ((v = header(l, n, "Content-Encoding", &vl)))
			ce = v, cel = vl;
		if (!e)
			break;
	}
	if (ct && !memci(ct, ctl, "html")) {
		free(r);
		w->skipped++;
		return NULL;
	}
	charset_of(ct ? ct : "", ctl, r->charset, sizeof r->charset);
	size_t blen = (size_t)h->clen - (size_t)(body - blk);
	bool cut = false;
	long n = chunked ? unchunk(body, blen, &cut) : (long)blen;
	if (n < 0) {
		free(r);
		fail(w, h->id, "broken chunked encoding");
		return NULL;
	}
	blen = (size_t)n;
	if (cut)
		cut_warning(w, h, "chunked transfer coding", blen);
	if (ce && !(cel == 8 && strncasecmp(ce, "identity", 8) == 0)) {
		const char *why = "this Content-Encoding cannot be decoded";
		size_t limit = w->o->max_bytes ? w->o->max_bytes : SIZE_MAX / 2;
		record *d = memci(ce, cel, "gzip") || memci(ce, cel, "deflate")
		                    ? (record *)decode_body(body, blen, sizeof *r + head, limit, &blen,
		                                            &cut, &why)
		                    : NULL;
		if (d) {
			memcpy(d, r, sizeof *r + head);
			if (cut)
				cut_warning(w, h, "Content-Encoding data", blen);
		} else if (why == decoded_too_big) {
			fail(w, h->id, "Content-Encoding %.*s: larger than --max-bytes (%zu) once decoded",
			     (int)(cel < 40 ? cel : 40), ce, limit);
		} else {
			fail(w, h->id, "Content-Encoding %.*s: %s", (int)(cel < 40 ? cel : 40), ce, why);
		}
		free(r);
		if (!d)
			return NULL;
		r = d;
	} else {
		memmove(r->data + head, body, blen);
	}
	r->body = r->data + head;
	r->body[blen] = '\0';
	r->len = blen;
	return r;
}

/* Past damage or a record that cannot be measured: on to the next line
   that starts a record. 1 there, 0 at the end of the input. */
static int find_record(warc_run *w)
{
	char *l, err[1400];
	for (;;) {
		unsigned long long at = cli_lines_offset(w->in);
		long n = cli_lines_next(w->in, MAX_HEADER_LINE, &l, err, sizeof err);
		if (n == -1)
			return 0;
		if ((n == -2 || n == -4) && cli_stopped()) {
			return 0;
		} else if (n == -2 || n == -4) {
			progress_say(w->prog, 1, "%s", err);
			w->failed++;
			w->resync = true;
			if (n == -2)
				return 0;
		} else if (n >= 5 && memcmp(l, "WARC/", 5) == 0) {
			w->resync = false;
			return 1;
		} else if (!w->resync && !(n == 0 || (n == 1 && l[0] == '\r'))) {
			char shown[3 * 40 + 1];
			if (n == -3)
				snprintf(shown, sizeof shown, "a line over %zu bytes", MAX_HEADER_LINE);
			else
				utf8_or_percent(shown, l, n < 40 ? (size_t)n : 40);
			progress_say(w->prog, 1, "%s: not a WARC record at byte %llu of the data: '%s'; "
			             "skipped to the next line starting with 'WARC/'", w->name, at, shown);
			w->failed++;
			w->resync = true;
		}
	}
}

/* Read the next record of the current input: 1 a record was read (*out is
   it, or NULL if it was skipped or failed: said and counted), 0 the input
   is done. */
static int read_record(warc_run *w, record **out)
{
	*out = NULL;
	if (!find_record(w))
		return 0;
	warc_head h = { .clen = -1 };
	if (!read_head(w, &h)) {
		free(h.url), free(h.id), free(h.date);
		return w->resync;
	}
	const char *url = h.url ? h.url : "", *id = h.id ? h.id : "", *date = h.date ? h.date : "";
	size_t ul = strlen(url) + 1, il = strlen(id) + 1, head = ul + il + strlen(date) + 1;
	bool wanted = h.response && h.http;
	bool too_big = w->o->max_bytes && (unsigned long long)h.clen > w->o->max_bytes;
	int rc = 1;
	record *r = NULL;
	if (h.bad || h.clen < 0) {
		fail(w, h.id, "%s%s%s%s; skipped to the next record", h.bad ? h.bad : "no Content-Length",
		     h.bad ? " '" : "", h.bad ? h.badval : "", h.bad ? "'" : "");
		w->resync = true;
	} else if (!wanted || too_big || h.long_line) {
		if (!read_bytes(w, &h, NULL, (size_t)h.clen))
			rc = w->resync;
		else if (wanted && too_big)
			fail(w, h.id, "larger than --max-bytes (%zu): %lld bytes", w->o->max_bytes,
			     h.clen);
		else if (h.long_line)
			fail(w, h.id, "a WARC header line longer than %zu bytes", MAX_HEADER_LINE);
		else
			w->skipped++;
	} else if (!(r = read_block(w, &h, head))) {
		rc = w->resync;
	} else if ((r = http_record(w, &h, r, head))) {
		r->url = memcpy(r->data, url, ul);
		r->id = memcpy(r->data + ul, id, il);
		r->date = memcpy(r->data + ul + il, date, head - ul - il);
		*out = r;
	}
	free(h.url), free(h.id), free(h.date);
	return rc;
}

static int next(void *ud, char **item, size_t *len)
{
	warc_run *w = ud;
	char err[1200];
	for (;;) {
		if (cli_stopped())
			return 0;
		if (!w->in) {
			if (w->input >= w->o->ninputs)
				return 0;
			w->in = cli_lines_open(w->o->inputs[w->input], err, sizeof err);
			w->resync = false;
			if (!w->in) {
				progress_say(w->prog, 1, "%s", err);
				w->failed++;
				w->input++;
				continue;
			}
			w->name = cli_lines_name(w->in);
		}
		record *r;
		if (!read_record(w, &r)) {
			cli_lines_close(w->in);
			w->in = NULL;
			w->input++;
			continue;
		}
		if (!r)
			continue;
		*item = (char *)r;
		*len = sizeof *r + r->len;
		return 1;
	}
}

static char *work(void *ud, const char *item, size_t len, size_t seq, char *err, size_t errsize)
{
	const warc_run *w = ud;
	const record *r = (const record *)item;
	(void)len;
	(void)seq;
	cln_clean_options co = w->o->clean;
	co.format = CLN_FORMAT_HTML;
	if (!co.url && r->url[0])
		co.url = r->url; /* the target URI: site-scoped rules go by it */
	if (!co.charset && r->charset[0])
		co.charset = r->charset;
	if (w->sink_pass)
		return w->o->sink->page(w->o->sink->ud, w->rules, r->body, r->len, &co,
		                        r->id[0] ? r->id : r->url, err, errsize);
	cln_result *res;
	cln_error ce;
	if (cln_clean(&res, w->rules, r->body, r->len, &co, &ce) < 0) {
		snprintf(err, errsize, "%s: %s", r->id[0] ? r->id : r->url, ce.message);
		return NULL;
	}
	progress_add(w->prog, res);
	for (size_t i = 0; i < cln_result_warning_count(res); i++)
		progress_say(w->prog, 0, "%s: warning: %s", r->id, cln_result_warning(res, i));
	size_t tl;
	char *owned;
	const char *text = cli_line_text(res, w->o->output_format, &owned, &tl);
	json_t *o = text ? json_pack("{s:s, s:s, s:s, s:s%}", "id", r->id, "url", r->url, "date",
	                             r->date, "text", text, tl)
	                 : NULL;
	cln_free(owned);
	const char *title = cln_result_meta(res, CLN_META_TITLE);
	if (o && title)
		json_object_set_new(o, "title", json_string(title));
	const char *why = o ? "out of memory" : "cannot write its JSON (bad header bytes?)";
	char *sum = o ? cli_summary(res, w->o->full_report) : NULL;
	json_t *js = sum ? json_loads(sum, 0, NULL) : NULL;
	free(sum);
	if (o && (!js || json_object_set_new(o, w->o->summary_field, js) < 0)) {
		json_decref(o); /* a record without its summary would pass for whole */
		o = NULL;
	}
	cln_result_free(res);
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!s)
		snprintf(err, errsize, "%s: %s", r->id, why);
	return s;
}

static int emit(void *ud, size_t seq, const char *out, const char *err)
{
	warc_run *w = ud;
	(void)seq;
	if (w->sink_pass) {
		w->o->sink->add(w->o->sink->ud, out, err);
		return 0;
	}
	progress_done(w->prog, out ? NULL : err);
	if (!out) {
		w->failed++;
		return 0;
	}
	w->cleaned++;
	fputs(out, w->out);
	fputc('\n', w->out);
	return ferror(w->out) ? -1 : 0;
}

int warc_run_all(const warc_options *o, const cln_rules *rules, FILE *out)
{
	warc_run *w = calloc(1, sizeof *w);
	if (!w)
		return 1;
	w->o = o;
	w->rules = rules;
	w->out = out;
	cli_catch_signals();
	w->prog = progress_new(o->quiet, 0);
	progress_stats_to(w->prog, o->stats);
	int rc = 0;
	if (o->sink) { /* first, in input order; with a clean pass, failures are said then */
		w->sink_pass = true;
		progress_mute(w->prog, !o->sink_only);
		rc = ordered_run(o->jobs, (size_t)o->jobs * 8, next, work, emit, w);
		cli_lines_close(w->in);
		progress_mute(w->prog, 0);
		w->in = NULL;
		w->input = 0;
		if (!o->sink_only)
			w->records = w->skipped = w->failed = 0;
		w->sink_pass = false;
	}
	if (rc == 0 && !o->sink_only)
		rc = ordered_run(o->jobs, (size_t)o->jobs * 8, next, work, emit, w);
	cli_lines_close(w->in);
	char extra[600];
	int n = snprintf(extra, sizeof extra, "%zu WARC records: %zu cleaned, %zu skipped (not HTML "
	                 "responses), %zu failed%s", w->records, w->cleaned, w->skipped, w->failed,
	                 o->sink && o->sink->note ? "; " : "");
	if (o->sink && o->sink->note && n > 0 && (size_t)n < sizeof extra)
		o->sink->note(o->sink->ud, extra + n, sizeof extra - (size_t)n);
	progress_finish(w->prog, extra);
	int status = rc < 0 || w->failed || cli_stopped() ? 1 : 0;
	free(w);
	return status;
}

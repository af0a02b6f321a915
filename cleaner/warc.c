/*
 * warc.c - `cleaner --warc FILE.warc[.gz]`: WARC/1.0 and 1.1 as Common Crawl
 * publishes them (one gzip member per record; zlib reads the members one
 * after another, and plain files as they are). Every HTML `response`
 * record is cleaned: HTTP headers stripped, chunked transfer decoded, a
 * gzip/deflate Content-Encoding undone (wget and warcio keep bodies so), the
 * charset of its Content-Type honoured. Other records are skipped and
 * counted. The output is JSONL: url = WARC-Target-URI, id = WARC-Record-ID,
 * date = WARC-Date, the clean text and a summary.
 */
#include <ctype.h>
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#include "cli.h"

#define MAX_HEADER_LINE 65536

/* A record handed to a worker: its headers and its HTTP body; the URL,
   as long as a header line may be, follows the body in the allocation. */
typedef struct record {
	char id[256], date[64], charset[64];
	const char *url;
	size_t len;
	char body[];
} record;

typedef struct warc_run {
	const warc_options *o;
	const cln_rules *rules;
	size_t input;
	gzFile g;
	const char *name;
	FILE *out;
	progress *prog;
	size_t records, cleaned, skipped, failed;
	char line[MAX_HEADER_LINE];
	char url[MAX_HEADER_LINE]; /* the record's WARC-Target-URI */
} warc_run;

static void trim_eol(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* "Name: value" -> value if the name matches, else NULL. */
static const char *header(const char *line, const char *name)
{
	size_t n = strlen(name);
	if (strncasecmp(line, name, n) != 0 || line[n] != ':')
		return NULL;
	line += n + 1;
	while (*line == ' ' || *line == '\t')
		line++;
	return line;
}

/* Case-insensitive strstr (strcasestr is a GNU extension). */
static const char *find_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

static void copy(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src ? src : "");
}

/* The charset parameter of a Content-Type value, if any. */
static void charset_of(const char *ct, char *out, size_t size)
{
	const char *c = find_ci(ct, "charset=");
	out[0] = '\0';
	if (!c)
		return;
	c += 8;
	while (*c == '"' || *c == '\'' || *c == ' ')
		c++;
	size_t n = 0;
	while (c[n] && (isalnum((unsigned char)c[n]) || strchr("-_.:", c[n])) && n + 1 < size)
		n++;
	snprintf(out, size, "%.*s", (int)n, c);
}

/* Decode chunked transfer coding in place; the new length, or -1 if broken. */
static long unchunk(char *b, size_t len)
{
	size_t in = 0, out = 0;
	for (;;) {
		char *end;
		unsigned long n = strtoul(b + in, &end, 16);
		if (end == b + in)
			return -1;
		char *nl = memchr(end, '\n', len - (size_t)(end - b));
		if (!nl)
			return -1;
		in = (size_t)(nl - b) + 1;
		if (n == 0)
			return (long)out;
		if (n > len - in)
			return -1;
		memmove(b + out, b + in, n);
		out += n;
		in += n;
		if (in < len && b[in] == '\r')
			in++;
		if (in < len && b[in] == '\n')
			in++;
	}
}

/* Undo an HTTP Content-Encoding of gzip or deflate (zlib-wrapped, or raw as
   some servers send it): a malloc'd copy of at most limit bytes, or NULL
   with why. */
static char *decode_body(const char *in, size_t n, size_t limit, size_t *outlen,
                         const char **why)
{
	for (int raw = 0; raw < 2; raw++) {
		z_stream z;
		memset(&z, 0, sizeof z);
		/* 15 + 32: gzip or zlib header, told apart by zlib; -15: none */
		if (inflateInit2(&z, raw ? -15 : 15 + 32) != Z_OK) {
			*why = "out of memory";
			return NULL;
		}
		size_t cap = n * 4 + 4096 < limit ? n * 4 + 4096 : limit, got = 0;
		char *out = malloc(cap + 1);
		if (!out) {
			inflateEnd(&z);
			*why = "out of memory";
			return NULL;
		}
		z.next_in = (Bytef *)in;
		z.avail_in = (uInt)n;
		int rc = Z_OK;
		while (rc == Z_OK) {
			if (got == cap) {
				size_t more = cap * 2 < limit ? cap * 2 : limit;
				char *bigger = more > cap ? realloc(out, more + 1) : NULL;
				if (!bigger) {
					*why = more > cap ? "out of memory"
					                  : "larger than --max-bytes (or 1 GiB) once decoded";
					rc = Z_MEM_ERROR;
					break;
				}
				out = bigger;
				cap = more;
			}
			z.next_out = (Bytef *)out + got;
			z.avail_out = (uInt)(cap - got);
			rc = inflate(&z, Z_NO_FLUSH);
			got = cap - z.avail_out;
			if (rc == Z_BUF_ERROR && z.avail_in == 0)
				break; /* the body ends before the stream does */
		}
		inflateEnd(&z);
		if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && got > 0)) {
			*outlen = got;
			return out;
		}
		free(out);
		if (rc != Z_DATA_ERROR || got > 0)
			break; /* only a wrong header is worth a second try, raw */
		*why = "broken gzip/deflate data";
	}
	if (!*why)
		*why = "broken gzip/deflate data";
	return NULL;
}

/* Read the next record of the current file: 1 one was read (*r set, or
   NULL if it is to be skipped), 0 end of file, -1 broken (message given). */
static int read_record(warc_run *w, record **out)
{
	*out = NULL;
	char *l;
	do { /* records are separated by blank lines (or NULs: /dev/zero never ends) */
		if (cli_stopped() || !(l = gzgets(w->g, w->line, sizeof w->line)))
			return 0;
		trim_eol(l);
	} while (!*l);
	if (strncmp(l, "WARC/", 5) != 0) {
		progress_say(w->prog, 1, "%s: not a WARC record at record %zu: '%.40s'", w->name,
		             w->records + 1, l);
		return -1;
	}
	char type[64] = "", id[256] = "", date[64] = "", ctype[256] = "";
	char *url = w->url;
	url[0] = '\0';
	long long clen = -1;
	while ((l = gzgets(w->g, w->line, sizeof w->line))) {
		trim_eol(l);
		if (!*l)
			break;
		const char *v;
		if ((v = header(l, "WARC-Type")))
			copy(type, sizeof type, v);
		else if ((v = header(l, "WARC-Record-ID")))
			copy(id, sizeof id, v);
		else if ((v = header(l, "WARC-Target-URI")))
			copy(url, sizeof w->url, v);
		else if ((v = header(l, "WARC-Date")))
			copy(date, sizeof date, v);
		else if ((v = header(l, "Content-Type")))
			copy(ctype, sizeof ctype, v);
		else if ((v = header(l, "Content-Length")))
			clen = atoll(v);
	}
	w->records++;
	if (!l || clen < 0) {
		progress_say(w->prog, 1, "%s: record %zu (%s): %s", w->name, w->records,
		             id[0] ? id : "no id", l ? "no Content-Length" : "truncated in its headers");
		return -1;
	}
	bool http = strncasecmp(ctype, "application/http", 16) == 0;
	bool wanted = strcmp(type, "response") == 0 && http;
	bool too_big = wanted && w->o->max_bytes && (unsigned long long)clen > w->o->max_bytes;
	/* records not cleaned are read through a small buffer, not kept */
	char small[1 << 16];
	char *block = wanted && !too_big ? malloc((size_t)clen + 1) : small;
	if (!block) {
		progress_say(w->prog, 1, "%s: record %zu (%s): no memory for %lld bytes", w->name,
		             w->records, id[0] ? id : "no id", clen);
		return -1;
	}
	long long got = 0;
	while (got < clen) {
		long long want = clen - got;
		if (block == small && want > (long long)sizeof small)
			want = sizeof small;
		int n = gzread(w->g, block == small ? small : block + got,
		               (unsigned)(want > (1 << 30) ? (1 << 30) : want));
		if (n <= 0)
			break;
		got += n;
	}
	if (got < clen) {
		progress_say(w->prog, 1, "%s: record %zu (%s): truncated (%lld of %lld bytes)", w->name,
		             w->records, id[0] ? id : "no id", got, clen);
		if (block != small)
			free(block);
		return -1;
	}
	if (too_big) {
		progress_say(w->prog, 1, "%s: record %zu (%s): larger than --max-bytes (%zu): %lld bytes",
		             w->name, w->records, id[0] ? id : "no id", w->o->max_bytes, clen);
		w->failed++;
		return 1;
	}
	if (!wanted) {
		w->skipped++;
		return 1;
	}
	block[clen] = '\0';
	/* the HTTP message: status line, headers, body */
	char *sep = strstr(block, "\r\n\r\n");
	size_t skip = 4;
	if (!sep) {
		sep = strstr(block, "\n\n");
		skip = 2;
	}
	char hct[256] = "", cenc[64] = "";
	bool chunked = false;
	if (sep) {
		*sep = '\0';
		for (char *h = strchr(block, '\n'); h; h = strchr(h, '\n')) {
			h++;
			char *e = strpbrk(h, "\r\n");
			char save = e ? *e : '\0';
			if (e)
				*e = '\0';
			const char *v;
			if ((v = header(h, "Content-Type")))
				copy(hct, sizeof hct, v);
			else if ((v = header(h, "Transfer-Encoding")) && find_ci(v, "chunked"))
				chunked = true;
			else if ((v = header(h, "Content-Encoding")))
				copy(cenc, sizeof cenc, v);
			if (e)
				*e = save;
			else
				break;
		}
	}
	if (!sep || (hct[0] && !find_ci(hct, "html"))) {
		free(block);
		w->skipped++;
		return 1;
	}
	char *body = sep + skip;
	size_t blen = (size_t)clen - (size_t)(body - block);
	if (chunked) {
		long n = unchunk(body, blen);
		if (n < 0) {
			progress_say(w->prog, 1, "%s: record %zu (%s): broken chunked encoding", w->name,
			             w->records, id);
			free(block);
			w->failed++;
			return 1;
		}
		blen = (size_t)n;
	}
	char *decoded = NULL;
	if (cenc[0] && strcasecmp(cenc, "identity") != 0) {
		const char *why = NULL;
		size_t limit = w->o->max_bytes ? w->o->max_bytes : (size_t)1 << 30;
		if (find_ci(cenc, "gzip") || find_ci(cenc, "deflate"))
			decoded = decode_body(body, blen, limit, &blen, &why);
		else
			why = "this Content-Encoding cannot be decoded";
		if (!decoded) {
			progress_say(w->prog, 1, "%s: record %zu (%s): Content-Encoding %s: %s", w->name,
			             w->records, id, cenc, why);
			free(block);
			w->failed++;
			return 1;
		}
		body = decoded;
	}
	size_t ul = strlen(url);
	record *r = malloc(sizeof *r + blen + 1 + ul + 1);
	if (!r) {
		free(decoded);
		free(block);
		return -1;
	}
	copy(r->id, sizeof r->id, id);
	r->url = memcpy(r->body + blen + 1, url, ul + 1);
	copy(r->date, sizeof r->date, date);
	charset_of(hct, r->charset, sizeof r->charset);
	r->len = blen;
	memcpy(r->body, body, blen);
	r->body[blen] = '\0';
	free(decoded);
	free(block);
	*out = r;
	return 1;
}

static int next(void *ud, char **item, size_t *len)
{
	warc_run *w = ud;
	for (;;) {
		if (cli_stopped())
			return 0;
		if (!w->g) {
			if (w->input >= w->o->ninputs)
				return 0;
			w->name = w->o->inputs[w->input];
			w->g = gzopen(w->name, "rb");
			if (!w->g) {
				progress_say(w->prog, 1, "%s: %s", w->name, strerror(errno ? errno : ENOENT));
				w->failed++;
				w->input++;
				continue;
			}
			gzbuffer(w->g, 1 << 17);
		}
		record *r;
		int rc = read_record(w, &r);
		if (rc <= 0) {
			if (rc < 0)
				w->failed++;
			gzclose(w->g);
			w->g = NULL;
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
	cln_clean_options co = CLN_CLEAN_OPTIONS_INIT;
	co.format = CLN_FORMAT_HTML;
	co.charset = w->o->charset ? w->o->charset : r->charset[0] ? r->charset : NULL;
	co.match_limit = w->o->match_limit;
	cln_result *res;
	cln_error ce;
	if (cln_clean(&res, w->rules, r->body, r->len, &co, &ce) < 0) {
		snprintf(err, errsize, "%s: %s", r->id, ce.message);
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
	char *sum = cli_summary(res, w->o->full_report);
	if (o && sum)
		json_object_set_new(o, w->o->summary_field, json_loads(sum, 0, NULL));
	free(sum);
	cln_result_free(res);
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (!s)
		snprintf(err, errsize, "%s: cannot write its JSON (bad header bytes?)", r->id);
	return s;
}

static int emit(void *ud, size_t seq, const char *out, const char *err)
{
	warc_run *w = ud;
	(void)seq;
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
	int rc = ordered_run(o->jobs, (size_t)o->jobs * 8, next, work, emit, w);
	if (w->g)
		gzclose(w->g);
	char extra[160];
	snprintf(extra, sizeof extra, "%zu WARC records: %zu cleaned, %zu skipped (not HTML "
	         "responses), %zu failed", w->records, w->cleaned, w->skipped, w->failed);
	progress_finish(w->prog, extra);
	int status = rc < 0 || w->failed || cli_stopped() ? 1 : 0;
	free(w);
	return status;
}

/*
 * jsonl.c - the JSONL stage of the command line: one JSON object per line
 * in (datatrove and dolma's document convention), the same object out with
 * the cleaned text and a summary of what was removed. A line that is not a
 * JSON object, or has no text to clean, is reported with its line number
 * (and id) and skipped, and the run goes on.
 *
 * json-c reads the lines: a line is mostly one long page string, which
 * json-c decodes at ~200 MB/s where jansson (the library's JSON) manages
 * ~50 MB/s, a fifth of the whole run's time. Its tokener checks UTF-8 and
 * keeps string lengths, so NUL characters survive.
 */
#define _GNU_SOURCE /* memmem */
#include <json-c/json.h>
#include <limits.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* deeper nesting is refused with a message (json-c's default is 32) */
#define JSONL_MAX_DEPTH 1000

/* Parse one line as a JSON object; NULL with the reason in err. */
static json_object *parse_line(const char *line, size_t len, char *err, size_t errsize)
{
	json_tokener *tok = json_tokener_new_ex(JSONL_MAX_DEPTH);
	if (!tok || len > INT_MAX) {
		snprintf(err, errsize, "%s", tok ? "line too long" : "out of memory");
		json_tokener_free(tok);
		return NULL;
	}
	json_tokener_set_flags(tok, JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8);
	json_object *obj = json_tokener_parse_ex(tok, line, (int)len);
	enum json_tokener_error e = json_tokener_get_error(tok);
	size_t at = json_tokener_get_parse_end(tok);
	if (e == json_tokener_continue)
		snprintf(err, errsize, "not JSON: the line ends inside a value");
	else if (e != json_tokener_success && at < len) /* at: the offending byte */
		snprintf(err, errsize, "not JSON: %s at byte %zu (0x%02x)", json_tokener_error_desc(e),
		         at + 1, (unsigned char)line[at]);
	else if (e != json_tokener_success)
		snprintf(err, errsize, "not JSON: %s", json_tokener_error_desc(e));
	else if (!json_object_is_type(obj, json_type_object))
		snprintf(err, errsize, "not a JSON object");
	json_tokener_free(tok);
	if (e != json_tokener_success || !json_object_is_type(obj, json_type_object)) {
		json_object_put(obj);
		return NULL;
	}
	return obj;
}

/* Scanning a line json-c has already found valid: where things end. */
static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
		p++;
	return p;
}

/* After the string at p: the next quote not escaped, found with memchr (a
   text field is most of a line) and judged by the backslashes before it. */
static const char *skip_string(const char *p, const char *end)
{
	for (p++; p < end;) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		if (!q)
			return end;
		size_t bs = 0;
		while (q - bs > p && q[-1 - (ptrdiff_t)bs] == '\\')
			bs++;
		if (bs % 2 == 0)
			return q + 1;
		p = q + 1;
	}
	return end;
}

/* The end of the value at p: after its last byte (blanks after it left). */
static const char *skip_value(const char *p, const char *end)
{
	if (*p == '"')
		return skip_string(p, end);
	const char *last = p;
	for (int depth = 0; p < end; p++) {
		if (*p == '"') {
			p = skip_string(p, end) - 1;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			if (depth == 0)
				break;
			if (--depth == 0)
				return p + 1;
		} else if (depth == 0 && (*p == ',' || *p == ' ' || *p == '\t' || *p == '\r' ||
		                          *p == '\n')) {
			break;
		}
		last = p;
	}
	return last + 1;
}

/* Is the key token [k, e) (quotes included) the field name? */
static bool key_is(const char *k, const char *e, const char *name)
{
	size_t n = strlen(name);
	if (!memchr(k, '\\', (size_t)(e - k)))
		return (size_t)(e - k) == n + 2 && memcmp(k + 1, name, n) == 0;
	json_tokener *tok = json_tokener_new(); /* escapes: let json-c decode it */
	json_object *key = tok ? json_tokener_parse_ex(tok, k, (int)(e - k)) : NULL;
	json_tokener_free(tok);
	bool same = key && (size_t)json_object_get_string_len(key) == n &&
	            memcmp(json_object_get_string(key), name, n) == 0;
	json_object_put(key);
	return same;
}

/* Bytes to an output buffer that grows. */
typedef struct outbuf {
	char *s;
	size_t len, cap;
	bool failed;
} outbuf;

static void put(outbuf *o, const char *p, size_t n)
{
	if (o->failed)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = (o->len + n + 1) * 2;
		char *s = realloc(o->s, cap);
		if (!s) {
			o->failed = true;
			return;
		}
		o->s = s;
		o->cap = cap;
	}
	memcpy(o->s + o->len, p, n);
	o->len += n;
	o->s[o->len] = '\0';
}

/* One top-level field of a valid JSON object line: its key token [k, ke)
   (quotes included) and value [v, ve). */
typedef struct field {
	const char *k, *ke, *v, *ve;
} field;

/* Does the 8-byte word x hold a byte a JSON string escapes: a control
   character, '"' or '\\'? (zero-byte tests of x, x ^ '"' and x ^ '\\';
   bytes >= 0x80 never: UTF-8 goes as it is) */
static bool escapes8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = ones * 0x80;
	uint64_t q = x ^ ones * '"', b = x ^ ones * '\\';
	return (((x - ones * 0x20) & ~x) | ((q - ones) & ~q) | ((b - ones) & ~b)) & highs;
}

/* The first byte from i on that a JSON string escapes, or n: eight bytes
   a step through the text between them (most of it). */
static size_t plain_run(const char *s, size_t i, size_t n)
{
	uint64_t x;
	for (; n - i >= 8; i += 8) {
		memcpy(&x, s + i, 8);
		if (escapes8(x))
			break;
	}
	while (i < n && (unsigned char)s[i] >= ' ' && s[i] != '"' && s[i] != '\\')
		i++;
	return i;
}

/* s[0, n) as a JSON string, escaped as json-c writes one (compact, '/' and
   UTF-8 as they are): the clean text goes straight into the output line,
   not through copies. */
static void put_string(outbuf *o, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	put(o, "\"", 1);
	size_t from = 0;
	for (size_t i = plain_run(s, 0, n); i < n; i = plain_run(s, i + 1, n)) {
		unsigned char c = (unsigned char)s[i];
		const char *e = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
		              : c == '\r' ? "\\r" : c == '\t' ? "\\t" : c == '\b' ? "\\b"
		              : c == '\f' ? "\\f" : NULL;
		char u[7] = { '\\', 'u', '0', '0', hex[c >> 4], hex[c & 15], 0 };
		put(o, s + from, i - from);
		put(o, e ? e : u, strlen(e ? e : u));
		from = i + 1;
	}
	put(o, s + from, n - from);
	put(o, "\"", 1);
}

/* A value for the output line: JSON as it is, or a text to write as a
   JSON string. */
typedef struct value {
	const char *p;
	size_t n;
	bool text;
} value;

static void put_value(outbuf *o, const value *v)
{
	if (v->text)
		put_string(o, v->p, v->n);
	else
		put(o, v->p, v->n);
}

/* The next field after *p (just after the '{' or the field before it, and
   its comma); false at the closing brace, *p then on it. */
static bool next_field(const char **p, const char *end, field *f)
{
	const char *k = skip_ws(*p, end);
	if (k >= end || *k != '"') {
		*p = k;
		return false;
	}
	f->k = k;
	f->ke = skip_string(k, end);
	f->v = skip_ws(skip_ws(f->ke, end) + 1, end); /* after ':' */
	f->ve = skip_value(f->v, end);
	*p = skip_ws(f->ve, end);
	if (*p < end && **p == ',')
		(*p)++;
	return true;
}

/* A name for the document in messages: its id field if it has one, a
   number as it is written in the line. */
static void doc_name(char *out, size_t n, const char *file, size_t lineno, json_object *obj,
                     const char *line, size_t len)
{
	json_object *id;
	snprintf(out, n, "%s:%zu", file, lineno);
	if (!json_object_object_get_ex(obj, "id", &id))
		return;
	if (json_object_is_type(id, json_type_string)) {
		snprintf(out, n, "%s:%zu (id %s)", file, lineno, json_object_get_string(id));
		return;
	}
	if (!json_object_is_type(id, json_type_int) && !json_object_is_type(id, json_type_double))
		return;
	const char *p = skip_ws(line, line + len) + 1;
	field f;
	while (next_field(&p, line + len, &f))
		if (key_is(f.k, f.ke, "id") && (*f.v == '-' || (*f.v >= '0' && *f.v <= '9')))
			snprintf(out, n, "%s:%zu (id %.*s)", file, lineno, (int)(f.ve - f.v), f.v);
}

/* The output line: the input's bytes exactly as they were (numbers of any
   size, escapes, order, spacing) with the value of each top-level field
   named in fields replaced by values, and those not there added before
   the closing brace. NULL if out of memory. */
static char *splice(const char *line, size_t len, const char *const fields[2],
                    const value values[2])
{
	const char *p = line, *end = line + len, *from;
	bool seen[2] = { false, false };
	/* room for the line and its new fields, escapes aside: a huge line's
	   buffer is not doubled past it */
	size_t room = len + values[0].n + values[0].n / 16 + values[1].n + 256;
	outbuf o = { .s = malloc(room), .cap = room };
	o.failed = !o.s;
	p = skip_ws(p, end) + 1; /* after '{' */
	put(&o, line, (size_t)(p - line));
	field f;
	for (from = p; next_field(&p, end, &f); from = p) {
		int i = key_is(f.k, f.ke, fields[0]) ? 0 : key_is(f.k, f.ke, fields[1]) ? 1 : -1;
		if (i < 0) {
			put(&o, from, (size_t)(p - from));
			continue;
		}
		put(&o, from, (size_t)(f.v - from));
		put_value(&o, &values[i]);
		put(&o, f.ve, (size_t)(p - f.ve));
		seen[i] = true;
	}
	/* p: the closing brace; blanks before it stay after the new fields */
	const char *body = p;
	while (body > line && (body[-1] == ' ' || body[-1] == '\t' || body[-1] == '\n' ||
	                       body[-1] == '\r'))
		body--;
	o.len -= (size_t)(p - body);
	bool empty = body > line && body[-1] == '{';
	for (int i = 0; i < 2; i++) {
		if (seen[i])
			continue;
		put(&o, empty ? "" : ",", empty ? 0 : 1);
		put_string(&o, fields[i], strlen(fields[i]));
		put(&o, ":", 1);
		put_value(&o, &values[i]);
		empty = false;
	}
	put(&o, body, (size_t)(end - body));
	if (o.failed)
		free(o.s);
	return o.failed ? NULL : o.s;
}

/* The output line for a cleaned object: its clean text and summary fields
   set, everything else byte for byte as it came; the result is freed.
   NULL if out of memory. */
static char *output_line(const jsonl_options *o, const char *line, size_t len, cln_result *res)
{
	size_t tl;
	char *owned;
	const char *clean = cli_line_text(res, o->output_format, &owned, &tl);
	char *summary = cli_summary(res, o->full_report);
	const char *fields[2] = { o->out_field, o->summary_field };
	value values[2] = { { clean, tl, true }, { summary, summary ? strlen(summary) : 0, false } };
	char *s = clean && summary ? splice(line, len, fields, values) : NULL;
	cln_free(owned);
	cln_result_free(res);
	free(summary);
	return s;
}

char *jsonl_clean_line(const jsonl_options *o, const cln_rules *rules, const char *line,
                       size_t len, const char *file, size_t lineno, char *err, size_t errsize)
{
	char why[256];
	json_object *obj = parse_line(line, len, why, sizeof why);
	char name[512];
	doc_name(name, sizeof name, file, lineno, obj, line, len);
	if (!obj) {
		snprintf(err, errsize, "%s: %s", name, why);
		return NULL;
	}
	json_object *html = NULL, *text = NULL;
	json_object_object_get_ex(obj, o->html_field, &html);
	json_object_object_get_ex(obj, o->text_field, &text);
	json_object *src = json_object_is_type(html, json_type_string) ? html : text;
	if (!json_object_is_type(src, json_type_string)) {
		snprintf(err, errsize, "%s: no string field \"%s\" or \"%s\" to clean", name,
		         o->html_field, o->text_field);
		json_object_put(obj);
		return NULL;
	}
	cln_clean_options co = o->clean;
	if (src == html)
		co.format = CLN_FORMAT_HTML;
	json_object *url;
	if (!co.url && json_object_object_get_ex(obj, "url", &url) &&
	    json_object_is_type(url, json_type_string))
		co.url = json_object_get_string(url); /* site-scoped rules go by it */
	if (o->sink) { /* a first pass: the line's document to the sink */
		char *page = o->sink->page(o->sink->ud, rules, json_object_get_string(src),
		                           (size_t)json_object_get_string_len(src), &co, name, err,
		                           errsize);
		json_object_put(obj);
		return page;
	}
	cln_result *res;
	cln_error ce;
	int rc = cln_clean(&res, rules, json_object_get_string(src),
	                   (size_t)json_object_get_string_len(src), &co, &ce);
	json_object_put(obj); /* the result holds what it needs */
	if (rc < 0) {
		snprintf(err, errsize, "%s: %s", name, ce.message);
		return NULL;
	}
	progress_add(o->prog, res);
	for (size_t i = 0; i < cln_result_warning_count(res); i++)
		progress_say(o->prog, 0, "%s: warning: %s", name, cln_result_warning(res, i));
	char *s = output_line(o, line, len, res);
	if (!s)
		snprintf(err, errsize, "%s: out of memory", name);
	return s;
}

typedef struct jsonl_item {
	const char *file;
	size_t line;
	char text[]; /* the line, NUL-terminated */
} jsonl_item;

typedef struct jsonl_run {
	const jsonl_options *o;
	const char *const *inputs;
	size_t ninputs, max_bytes;
	bool sink_pass;    /* o->sink's pass: lines go to it */
	const cln_rules *rules;
	size_t input;      /* index of the file being read */
	cli_lines *in;
	size_t line;
	FILE *out;
	size_t docs, failed;
} jsonl_run;

static int jsonl_next(void *ud, char **item, size_t *len)
{
	jsonl_run *j = ud;
	char err[1200];
	for (;;) {
		if (cli_stopped())
			return 0;
		if (!j->in) {
			if (j->input >= j->ninputs)
				return 0;
			j->in = cli_lines_open(j->inputs[j->input], err, sizeof err);
			j->line = 0;
			if (!j->in) {
				if (!cli_stopped()) { /* a FIFO's open() cut short by the stop is no failure */
					progress_done(j->o->prog, err);
					j->failed++;
				}
				j->input++;
				continue;
			}
		}
		char *text;
		long n = cli_lines_next(j->in, j->max_bytes, &text, err, sizeof err);
		if (n == -3) {
			const char *name = j->inputs[j->input];
			progress_say(j->o->prog, 1, "%s:%zu: %s", strcmp(name, "-") ? name : "<stdin>",
			             ++j->line, err);
			j->failed++;
			continue;
		}
		if (n == -4) { /* damaged compressed input: said, and read on */
			progress_say(j->o->prog, 1, "%s (after line %zu)", err, j->line);
			j->failed++;
			continue;
		}
		if (n < 0) {
			if (n == -2 && !cli_stopped()) {
				progress_say(j->o->prog, 1, "%s (after line %zu)", err, j->line);
				j->failed++;
			}
			cli_lines_close(j->in);
			j->in = NULL;
			j->input++;
			continue;
		}
		j->line++;
		while (n > 0 && text[n - 1] == '\r')
			n--;
		if (n == 0)
			continue; /* blank lines are no documents */
		jsonl_item *it = malloc(sizeof *it + (size_t)n + 1);
		if (!it)
			return -1;
		it->file = strcmp(j->inputs[j->input], "-") ? j->inputs[j->input] : "<stdin>";
		it->line = j->line;
		memcpy(it->text, text, (size_t)n);
		it->text[n] = '\0';
		cli_lines_release(j->in);
		*item = (char *)it;
		*len = (size_t)n;
		return 1;
	}
}

static char *jsonl_work(void *ud, const char *in, size_t len, size_t seq, char *err, size_t errsize)
{
	const jsonl_run *j = ud;
	const jsonl_item *it = (const jsonl_item *)in;
	(void)seq;
	return jsonl_clean_line(j->o, j->rules, it->text, len, it->file, it->line, err, errsize);
}

static int jsonl_emit(void *ud, size_t seq, const char *out, const char *err)
{
	jsonl_run *j = ud;
	(void)seq;
	if (j->sink_pass) {
		j->o->sink->add(j->o->sink->ud, out, err);
		return 0;
	}
	j->docs++;
	progress_done(j->o->prog, out ? NULL : err);
	if (!out) {
		j->failed++;
		return 0;
	}
	fputs(out, j->out);
	fputc('\n', j->out);
	return ferror(j->out) ? -1 : 0;
}

int jsonl_run_all(const jsonl_options *o, const char *const *inputs, size_t ninputs,
                  size_t max_bytes, unsigned threads, const cln_rules *rules, FILE *out,
                  size_t *failed)
{
	jsonl_options cleaning = *o; /* the second pass: no sink */
	cleaning.sink = NULL;
	jsonl_run j = { .o = o, .inputs = inputs, .ninputs = ninputs, .max_bytes = max_bytes,
	                .rules = rules, .sink_pass = o->sink != NULL };
	int rc = 0;
	if (o->sink) { /* first, in input order; with a clean pass after, failures are said then */
		progress_mute(o->prog, out != NULL);
		rc = ordered_run(threads, (size_t)threads * 16, jsonl_next, jsonl_work, jsonl_emit, &j);
		cli_lines_close(j.in);
		progress_mute(o->prog, 0);
		*failed = j.failed;
		j = (jsonl_run){ .o = &cleaning, .inputs = inputs, .ninputs = ninputs,
		                 .max_bytes = max_bytes, .rules = rules };
	}
	if (rc == 0 && out) {
		j.out = out;
		rc = ordered_run(threads, (size_t)threads * 16, jsonl_next, jsonl_work, jsonl_emit, &j);
		cli_lines_close(j.in);
		*failed = j.failed;
	}
	return rc;
}

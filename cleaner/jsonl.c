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
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* deeper nesting is refused with a message (json-c's default is 32) */
#define JSONL_MAX_DEPTH 1000

/* A name for the document in messages: its id field if it has one. */
static void doc_name(char *out, size_t n, const char *file, size_t line, json_object *obj)
{
	json_object *id;
	if (!json_object_object_get_ex(obj, "id", &id) ||
	    !(json_object_is_type(id, json_type_string) || json_object_is_type(id, json_type_int)))
		snprintf(out, n, "%s:%zu", file, line);
	else
		snprintf(out, n, "%s:%zu (id %s)", file, line, json_object_get_string(id));
}

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

/* Whether v holds an integer json-c clamped to 64 bits while reading
   (strtoll/strtoull saturate): such a value cannot be written back as it
   was. A number at the limit that is really in the line is fine. */
static bool clamped(json_object *v, const char *line, size_t len)
{
	if (json_object_is_type(v, json_type_object)) {
		json_object_object_foreach(v, key, val) {
			(void)key;
			if (clamped(val, line, len))
				return true;
		}
	} else if (json_object_is_type(v, json_type_array)) {
		for (size_t i = 0; i < json_object_array_length(v); i++)
			if (clamped(json_object_array_get_idx(v, i), line, len))
				return true;
	} else if (json_object_is_type(v, json_type_int)) {
		int64_t i = json_object_get_int64(v);
		uint64_t u = json_object_get_uint64(v);
		if (i == INT64_MIN || u == UINT64_MAX || (i == INT64_MAX && u == (uint64_t)INT64_MAX)) {
			const char *digits = json_object_get_string(v);
			size_t n = strlen(digits);
			for (const char *p = line; (p = memmem(p, len - (size_t)(p - line), digits, n));
			     p += n)
				if (!(p + n < line + len && p[n] >= '0' && p[n] <= '9') &&
				    !(p > line && p[-1] >= '0' && p[-1] <= '9'))
					return false;
			return true;
		}
	}
	return false;
}

/* The serialised form json-c gives: compact, '/' as is, UTF-8 as is. */
static const char *to_json(json_object *v)
{
	return json_object_to_json_string_ext(v, JSON_C_TO_STRING_PLAIN |
	                                             JSON_C_TO_STRING_NOSLASHESCAPE);
}

/* The output line: the input's bytes as they were with the two new fields
   added before its closing brace (no re-serialising of a page), or, when
   the input already has one of them, the object re-serialised with their
   values replaced. NULL with the reason in err. */
static char *output_line(const jsonl_options *o, json_object *obj, const char *line, size_t len,
                         const char *clean, size_t clean_len, const char *summary, char *err,
                         size_t errsize)
{
	json_object *sum = json_tokener_parse(summary);
	json_object *add = json_object_new_object();
	char *s = NULL;
	size_t end = len;
	while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	bool splice = !json_object_object_get_ex(obj, o->out_field, NULL) &&
	              !json_object_object_get_ex(obj, o->summary_field, NULL) && end > 0 &&
	              line[end - 1] == '}';
	json_object *to = splice ? add : obj;
	bool exact = splice || !clamped(obj, line, len);
	snprintf(err, errsize, "%s", exact ? "out of memory"
	                                   : "an integer beyond 64 bits cannot be written back as it was");
	if (exact && sum && add &&
	    json_object_object_add(to, o->out_field, json_object_new_string_len(clean, (int)clean_len)) == 0 &&
	    json_object_object_add(to, o->summary_field, sum) == 0) {
		sum = NULL; /* owned by the object now */
		const char *out = to_json(to);
		if (!splice) {
			s = strdup(out);
		} else {
			size_t body = end - 1;
			while (body > 0 && (line[body - 1] == ' ' || line[body - 1] == '\t' ||
			                    line[body - 1] == '\n' || line[body - 1] == '\r'))
				body--;
			bool empty = body > 0 && line[body - 1] == '{';
			if ((s = malloc(body + strlen(out) + 2))) {
				memcpy(s, line, body);
				s[body] = empty ? ' ' : ',';
				strcpy(s + body + 1, out + 1); /* the new fields without their '{' */
			}
		}
	}
	json_object_put(sum);
	json_object_put(add);
	return s;
}

char *jsonl_clean_line(const jsonl_options *o, const cln_rules *rules, const char *line,
                       size_t len, const char *file, size_t lineno, char *err, size_t errsize)
{
	char why[256];
	json_object *obj = parse_line(line, len, why, sizeof why);
	char name[512];
	doc_name(name, sizeof name, file, lineno, obj);
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
	cln_clean_options co = CLN_CLEAN_OPTIONS_INIT;
	co.format = src == html ? CLN_FORMAT_HTML : o->text_format;
	co.match_limit = o->match_limit;
	co.charset = o->charset;
	cln_result *res;
	cln_error ce;
	if (cln_clean(&res, rules, json_object_get_string(src),
	              (size_t)json_object_get_string_len(src), &co, &ce) < 0) {
		snprintf(err, errsize, "%s: %s", name, ce.message);
		json_object_put(obj);
		return NULL;
	}
	progress_add(o->prog, res);
	for (size_t i = 0; i < cln_result_warning_count(res); i++)
		progress_say(o->prog, 0, "%s: warning: %s", name, cln_result_warning(res, i));
	size_t tl;
	char *owned;
	const char *clean = cli_line_text(res, o->output_format, &owned, &tl);
	char *summary = cli_summary(res, o->full_report);
	snprintf(why, sizeof why, "out of memory");
	char *s = summary && clean
	                  ? output_line(o, obj, line, len, clean, tl, summary, why, sizeof why)
	                  : NULL;
	free(summary);
	cln_free(owned);
	cln_result_free(res);
	json_object_put(obj);
	if (!s)
		snprintf(err, errsize, "%s: %s", name, why);
	return s;
}

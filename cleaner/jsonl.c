/*
 * jsonl.c - the JSONL stage of the command line: one JSON object per line
 * in (datatrove and dolma's document convention), the same object out with
 * the cleaned text and a summary of what was removed. jansson parses and
 * writes; a line that is not a JSON object, or has no text to clean, is
 * reported with its line number (and id) and skipped, and the run goes on.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* The summary: bytes removed, and removals per rule id (rules that removed
   something only). */
json_t *cli_summary(const cln_result *res, int full_report)
{
	cln_totals t;
	cln_result_totals(res, &t);
	json_t *hits = json_object();
	for (size_t i = 0; i < cln_result_rule_count(res); i++) {
		const cln_rule_stat *s = cln_result_rule_stat(res, i);
		if (s->hits && strcmp(s->action, "keep") != 0)
			json_object_set_new(hits, s->rule_id, json_integer((json_int_t)s->hits));
	}
	json_t *o = json_pack("{s:I, s:I, s:o}", "removed_bytes", (json_int_t)t.bytes_removed,
	                      "removed_blocks", (json_int_t)t.blocks_removed, "rules", hits);
	if (full_report && o) {
		char *rep;
		if (cln_result_report(&rep, NULL, res, CLN_REPORT_JSON, NULL) == 0) {
			json_object_set_new(o, "report", json_loads(rep, 0, NULL));
			cln_free(rep);
		}
	}
	return o;
}

/* A name for the document in messages: its id field if it has one. */
static void doc_name(char *out, size_t n, const char *file, size_t line, json_t *obj)
{
	json_t *id = obj ? json_object_get(obj, "id") : NULL;
	if (json_is_string(id))
		snprintf(out, n, "%s:%zu (id %s)", file, line, json_string_value(id));
	else if (json_is_integer(id))
		snprintf(out, n, "%s:%zu (id %lld)", file, line, (long long)json_integer_value(id));
	else
		snprintf(out, n, "%s:%zu", file, line);
}

char *jsonl_clean_line(const jsonl_options *o, const cln_rules *rules, const char *line,
                       size_t len, const char *file, size_t lineno, char *err, size_t errsize)
{
	json_error_t je;
	json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &je);
	char name[512];
	doc_name(name, sizeof name, file, lineno, obj);
	if (!obj || !json_is_object(obj)) {
		snprintf(err, errsize, "%s: %s", name, obj ? "not a JSON object" : je.text);
		json_decref(obj);
		return NULL;
	}
	json_t *html = json_object_get(obj, o->html_field);
	json_t *text = json_object_get(obj, o->text_field);
	json_t *src = json_is_string(html) ? html : text;
	if (!json_is_string(src)) {
		snprintf(err, errsize, "%s: no string field \"%s\" or \"%s\" to clean", name,
		         o->html_field, o->text_field);
		json_decref(obj);
		return NULL;
	}
	cln_clean_options co = CLN_CLEAN_OPTIONS_INIT;
	co.format = src == html ? CLN_FORMAT_HTML : o->text_format;
	co.match_limit = o->match_limit;
	co.charset = o->charset;
	cln_result *res;
	cln_error ce;
	if (cln_clean(&res, rules, json_string_value(src), json_string_length(src), &co, &ce) < 0) {
		snprintf(err, errsize, "%s: %s", name, ce.message);
		json_decref(obj);
		return NULL;
	}
	progress_add(o->prog, res);
	size_t tl;
	const char *clean = cln_result_text(res, &tl);
	for (size_t i = 0; i < cln_result_warning_count(res) && !o->quiet; i++)
		fprintf(stderr, "cleaner: %s: warning: %s\n", name, cln_result_warning(res, i));
	/* the input string was valid UTF-8 and HTML is decoded to it, so the
	   cleaned text is too */
	json_t *text_j = json_stringn(clean, tl);
	json_t *sum_j = cli_summary(res, o->full_report);
	cln_result_free(res);
	char *s = NULL;
	size_t end = len;
	while (end > 0 && (line[end - 1] == ' ' || line[end - 1] == '\t'))
		end--;
	if (!json_object_get(obj, o->out_field) && !json_object_get(obj, o->summary_field) &&
	    end > 0 && line[end - 1] == '}') {
		/* new fields only: keep the input's bytes as they were and add
		   them before its closing brace (no re-serialising of a page) */
		json_t *add = json_object();
		json_object_set(add, o->out_field, text_j);
		json_object_set(add, o->summary_field, sum_j);
		char *tail = json_dumps(add, JSON_COMPACT);
		json_decref(add);
		size_t body = end - 1;
		while (body > 0 && (line[body - 1] == ' ' || line[body - 1] == '\t' ||
		                    line[body - 1] == '\n' || line[body - 1] == '\r'))
			body--;
		bool empty = body > 0 && line[body - 1] == '{';
		if (tail && (s = malloc(body + strlen(tail) + 2))) {
			memcpy(s, line, body);
			s[body] = empty ? ' ' : ',';
			strcpy(s + body + 1, tail + 1); /* tail without its '{' */
		}
		free(tail);
	} else {
		json_object_set(obj, o->out_field, text_j);
		json_object_set(obj, o->summary_field, sum_j);
		s = json_dumps(obj, JSON_COMPACT);
	}
	json_decref(text_j);
	json_decref(sum_j);
	json_decref(obj);
	if (!s)
		snprintf(err, errsize, "%s: out of memory", name);
	return s;
}

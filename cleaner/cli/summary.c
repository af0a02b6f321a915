/*
 * summary.c - what a --jsonl or --warc output line carries of a result:
 * the clean text (plain or Markdown), and the compact summary: bytes and
 * blocks removed, removals per rule id, the page type, the page's title
 * when it has one, the parts rules kept apart (reviews, comments), and
 * with --full-report the whole JSON report.
 */
#include <jansson.h>
#include <string.h>

#include "cli.h"

const char *cli_line_text(const cln_result *res, cln_output_format f, char **owned, size_t *len)
{
	*owned = NULL;
	if (f != CLN_OUTPUT_MARKDOWN)
		return cln_result_text(res, len);
	return cln_result_render(owned, len, res, f, NULL) == 0 ? *owned : NULL;
}

char *cli_summary(const cln_result *res, int full_report)
{
	cln_totals t;
	cln_result_totals(res, &t);
	json_t *hits = json_object();
	for (size_t i = 0; i < cln_result_rule_count(res); i++) {
		const cln_rule_stat *s = cln_result_rule_stat(res, i);
		if (s->hits && strcmp(s->action, "keep") != 0)
			json_object_set_new(hits, s->rule_id, json_integer((json_int_t)s->hits));
	}
	json_t *o = json_pack("{s:I, s:I, s:o, s:s}", "removed_bytes", (json_int_t)t.bytes_removed,
	                      "removed_blocks", (json_int_t)t.blocks_removed, "rules", hits,
	                      "page_type", cln_result_page_type(res));
	/* the text field holds an HTML page's body: its title, which the
	   plain text output puts first, is here */
	const char *title = cln_result_meta(res, CLN_META_TITLE);
	if (o && title && json_object_set_new(o, "title", json_string(title)) < 0) {
		json_decref(o);
		o = NULL;
	}
	json_t *parts = cln_result_part_count(res) ? json_object() : NULL;
	for (size_t i = 0; parts && i < cln_result_part_count(res); i++) {
		const char *name;
		size_t len;
		const char *text = cln_result_part(res, i, &name, &len);
		/* a part's text is valid UTF-8 but where a text record held
		   invalid bytes: that part is left out (--full-report has it) */
		json_t *v = json_stringn(text, len);
		if (v)
			json_object_set_new(parts, name, v);
	}
	if (!o)
		json_decref(parts);
	else if (parts && json_object_set_new(o, "parts", parts) < 0) {
		json_decref(o);
		o = NULL;
	}
	if (full_report && o) { /* a summary without the report asked for is none */
		char *rep;
		json_t *r = NULL;
		if (cln_result_report(&rep, NULL, res, CLN_REPORT_JSON, NULL) == 0) {
			r = json_loads(rep, 0, NULL);
			cln_free(rep);
		}
		if (json_object_set_new(o, "report", r) < 0) {
			json_decref(o);
			o = NULL;
		}
	}
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	return s;
}

/*
 * report.c - what was removed, for people (text) and for programs (JSON);
 * reporthtml.c has the page for a browser.
 * JSON is written with jansson; strings that are not valid UTF-8 get
 * U+FFFD for each bad byte, since the byte offsets stay exact anyway.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static json_t *json_text(const char *s, size_t len)
{
	buf b = BUF_INIT;
	json_t *j = cln_utf8_add(&b, s, len, NULL) < 0 ? NULL
	            : json_stringn(b.data ? b.data : "", b.len);
	buf_free(&b);
	return j;
}

static json_t *pair(size_t a, size_t b)
{
	return json_pack("[II]", (json_int_t)a, (json_int_t)b);
}

double cln_percent(size_t part, size_t whole)
{
	return whole ? (double)(long)(1000.0 * (double)part / (double)whole + 0.5) / 10.0 : 0.0;
}

void cln_removal_lines(char *out, size_t size, const cln_removal *m)
{
	if (m->line_start == m->line_end)
		snprintf(out, size, "line %u", m->line_start);
	else
		snprintf(out, size, "lines %u-%u", m->line_start, m->line_end);
}

static int add_json(const char *s, size_t n, void *data)
{
	return buf_add(data, s, n);
}

/* Append j as compact JSON and release it; NULL j (out of memory) is -1. */
static int put(buf *out, json_t *j)
{
	int rc = j ? json_dump_callback(j, add_json, out, JSON_COMPACT | JSON_ENCODE_ANY |
	                                JSON_REAL_PRECISION(6)) : -1;
	json_decref(j);
	return rc;
}

/* The two for explain.c, which writes its JSON the same way. */
json_t *cln_json_text(const char *s, size_t len)
{
	return json_text(s, len);
}

int cln_json_put(buf *out, json_t *j)
{
	return put(out, j);
}

static json_t *removal_object(const cln_removal *m)
{
	json_t *o = json_pack("{s:s, s:s, s:o, s:o, s:I, s:o}", "rule", m->rule_id,
	                      "action", m->action, "lines", pair(m->line_start, m->line_end),
	                      "bytes", pair(m->byte_start, m->byte_end),
	                      "blocks", (json_int_t)m->blocks,
	                      "text", json_text(m->text, m->text_len));
	if (o && m->replacement)
		json_object_set_new(o, "replacement", json_text(m->replacement, m->replacement_len));
	if (o && m->detail)
		json_object_set_new(o, "detail", json_string(m->detail));
	if (o && m->path)
		json_object_set_new(o, "path", json_text(m->path, strlen(m->path)));
	if (o && m->part)
		json_object_set_new(o, "part", json_string(m->part));
	return o;
}

/* The parts (part=NAME) as an object, a member each. */
static json_t *parts_object(const cln_result *res)
{
	json_t *o = json_object();
	for (size_t i = 0; i < cln_result_part_count(res) && o; i++) {
		const char *name;
		size_t len;
		const char *text = cln_result_part(res, i, &name, &len);
		if (json_object_set_new(o, name, json_text(text, len)) < 0) {
			json_decref(o);
			o = NULL;
		}
	}
	return o;
}

/* The report as one JSON object, written a removal at a time: a jansson
   tree of them all took 1.6 KB per removal (3 GB for 2 million removed
   lines) before a byte of it was written. */
static int report_json(buf *out, const cln_result *res)
{
	cln_totals t;
	cln_result_totals(res, &t);
	int bad = buf_printf(out, "{\"bytes_in\":%zu,\"bytes_out\":%zu,\"bytes_removed\":%zu,"
	                     "\"percent_removed\":", t.bytes_in, t.bytes_out, t.bytes_removed);
	bad |= put(out, json_real(cln_percent(t.bytes_removed, t.bytes_in)));
	bad |= buf_printf(out, ",\"lines\":%zu,\"blocks\":%zu,\"blocks_removed\":%zu,\"removals\":[",
	                  t.lines, t.blocks, t.blocks_removed);
	for (size_t i = 0; i < cln_result_removal_count(res) && !bad; i++)
		bad |= (i ? buf_addc(out, ',') : 0) | put(out, removal_object(cln_result_removal(res, i)));
	json_t *rules = json_array(), *warnings = json_array();
	for (size_t i = 0; i < cln_result_rule_count(res); i++) {
		const cln_rule_stat *s = cln_result_rule_stat(res, i);
		json_array_append_new(rules, json_pack("{s:s, s:s, s:I, s:I, s:I}", "id", s->rule_id,
		                                       "action", s->action, "hits", (json_int_t)s->hits,
		                                       "blocks", (json_int_t)s->blocks,
		                                       "bytes", (json_int_t)s->bytes));
	}
	if (t.replaced_bytes)
		json_array_append_new(warnings, json_sprintf("%zu bytes not valid in %s were read as U+FFFD",
		                                             t.replaced_bytes, cln_result_charset(res)));
	for (size_t i = 0; i < cln_result_warning_count(res); i++)
		json_array_append_new(warnings, json_string(cln_result_warning(res, i)));
	bad |= buf_adds(out, "],\"rules\":") | put(out, rules);
	bad |= buf_adds(out, ",\"warnings\":") | put(out, warnings) | buf_addc(out, '}');
	return bad ? CLN_ENOMEM : 0;
}

/* The start of a removed text on one line: line breaks shown as " / ". */
static void preview(buf *b, const char *s, size_t len, size_t max)
{
	size_t chars = 0, i = 0;
	bool sep = false;
	while (i < len && (s[i] == '\n' || s[i] == '\r'))
		i++;
	buf_addc(b, '"');
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n' || c == '\r') {
			sep = true;
			continue;
		}
		if ((c & 0xC0) != 0x80 && chars++ >= max)
			break;
		if (sep) {
			buf_adds(b, " / ");
			sep = false;
		}
		buf_addc(b, c < 0x20 || c == 0x7F ? ' ' : (char)c);
	}
	buf_adds(b, i < len ? "...\"" : "\"");
}

static int report_text(buf *out, const cln_result *res)
{
	cln_totals t;
	cln_result_totals(res, &t);
	for (size_t i = 0; i < cln_result_removal_count(res); i++) {
		const cln_removal *m = cln_result_removal(res, i);
		char where[64], bytes[64];
		cln_removal_lines(where, sizeof where, m);
		snprintf(bytes, sizeof bytes, "[%zu,%zu)", m->byte_start, m->byte_end);
		buf_printf(out, "%-13s %-15s %-24s %-12s ", where, bytes, m->rule_id, m->action);
		preview(out, m->text, m->text_len, 60);
		if (m->replacement) {
			buf_adds(out, " -> ");
			preview(out, m->replacement, m->replacement_len, 30);
		}
		if (m->detail)
			buf_printf(out, " (%s)", m->detail);
		if (m->part)
			buf_printf(out, " (part %s)", m->part);
		if (m->path)
			buf_printf(out, " at %s", m->path);
		buf_addc(out, '\n');
	}
	buf_printf(out, "removed %zu span%s, %zu of %zu blocks, %zu of %zu bytes (%.1f%%)\n",
	           cln_result_removal_count(res), cln_result_removal_count(res) == 1 ? "" : "s",
	           t.blocks_removed, t.blocks, t.bytes_removed, t.bytes_in,
	           cln_percent(t.bytes_removed, t.bytes_in));
	size_t idle = 0;
	for (size_t i = 0; i < cln_result_rule_count(res); i++) {
		const cln_rule_stat *s = cln_result_rule_stat(res, i);
		if (s->hits == 0)
			buf_printf(out, "%s%s", idle++ ? ", " : "rules with no hits: ", s->rule_id);
	}
	if (idle)
		buf_addc(out, '\n');
	for (size_t i = 0; i < cln_result_warning_count(res); i++)
		buf_printf(out, "warning: %s\n", cln_result_warning(res, i));
	return out->data ? 0 : CLN_ENOMEM;
}

int cln_result_report(char **out, size_t *len, const cln_result *res,
                      cln_report_format format, cln_error *err)
{
	if (!out)
		return cln_seterr(err, CLN_EINVAL, "cln_result_report: out is NULL");
	*out = NULL;
	if (!res || format < CLN_REPORT_TEXT || format > CLN_REPORT_HTML)
		return cln_seterr(err, CLN_EINVAL, "cln_result_report: bad arguments");
	buf b = BUF_INIT;
	buf_reserve(&b, 0);
	int rc = format == CLN_REPORT_JSON ? report_json(&b, res)
	         : format == CLN_REPORT_HTML ? cln_report_html(&b, res) : report_text(&b, res);
	if (rc < 0) {
		buf_free(&b);
		return cln_seterr(err, rc, "cannot write the report: %s", cln_strerror(rc));
	}
	*out = buf_detach(&b, len);
	return 0;
}

static json_t *maybe(const char *s)
{
	return s ? json_text(s, strlen(s)) : json_null();
}

json_t *cln_json_page_type(const cln_result *res)
{
	json_t *sig = json_array();
	for (size_t i = 0; i < cln_result_page_signal_count(res); i++) {
		const cln_page_signal *s = cln_result_page_signal(res, i);
		json_array_append_new(sig, json_pack("{s:s, s:s, s:i}", "name", s->name, "type", s->type,
		                                     "weight", s->weight));
	}
	return json_pack("{s:s, s:o}", "type", cln_result_page_type(res), "signals", sig);
}

/* The JSON output form: metadata, the page type, the text, the report. */
static int render_json(buf *out, const cln_result *res)
{
	static const struct {
		const char *key;
		cln_meta what;
	} meta[] = { { "title", CLN_META_TITLE }, { "author", CLN_META_AUTHOR },
	             { "date", CLN_META_DATE }, { "url", CLN_META_URL },
	             { "language", CLN_META_LANGUAGE } };
	int bad = 0;
	for (size_t i = 0; i < sizeof meta / sizeof *meta; i++)
		bad |= buf_printf(out, "%s\"%s\":", i ? "," : "{", meta[i].key) |
		       put(out, maybe(cln_result_meta(res, meta[i].what)));
	size_t tl;
	const char *text = cln_result_text(res, &tl);
	bad |= buf_printf(out, ",\"format\":\"%s\",\"charset\":",
	                  cln_result_format(res) == CLN_FORMAT_HTML ? "html" : "text") |
	       put(out, json_string(cln_result_charset(res))) | buf_adds(out, ",\"page_type\":") |
	       put(out, cln_json_page_type(res)) | buf_adds(out, ",\"text\":") |
	       put(out, json_text(text, tl));
	if (cln_result_part_count(res))
		bad |= buf_adds(out, ",\"parts\":") | put(out, parts_object(res));
	bad |= buf_adds(out, ",\"report\":");
	if (bad || report_json(out, res) < 0 || buf_addc(out, '}') < 0)
		return CLN_ENOMEM;
	return 0;
}

int cln_result_render(char **out, size_t *len, const cln_result *res,
                      cln_output_format format, cln_error *err)
{
	if (!out)
		return cln_seterr(err, CLN_EINVAL, "cln_result_render: out is NULL");
	*out = NULL;
	if (!res || format < CLN_OUTPUT_TEXT || format > CLN_OUTPUT_JSON)
		return cln_seterr(err, CLN_EINVAL, "cln_result_render: bad arguments");
	buf b = BUF_INIT;
	int rc;
	if (format == CLN_OUTPUT_JSON) {
		rc = render_json(&b, res);
	} else {
		rc = cln_result_output(res, format, &b);
	}
	if (rc == CLN_EINVAL)
		return cln_seterr(err, rc, "cannot render the result: an HTML page's Markdown "
		                  "needs cln_clean_options.markdown");
	if (rc < 0) {
		buf_free(&b);
		return cln_seterr(err, rc, "cannot render the result: %s", cln_strerror(rc));
	}
	*out = buf_detach(&b, len);
	return 0;
}

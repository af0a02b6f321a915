/* jsonl.c - fuzz one JSONL line through the CLI's jsonl_clean_line with the
   default rules, as `cleaner --jsonl` cleans it. The input's length picks
   the options (full report, Markdown), so a line keeps its meaning when the
   fuzzer mutates it. What comes out must be one JSON object. */
#include <json-c/json.h>
#include <string.h>

#include "cli.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (memchr(data, '\n', size))
		return 0; /* the CLI cuts lines there before they get here */
	jsonl_options o = { .html_field = "html", .text_field = "text", .out_field = "text",
	                    .summary_field = "cleaner", .full_report = (int)(size & 1),
	                    .output_format = size & 2 ? CLN_OUTPUT_MARKDOWN : CLN_OUTPUT_TEXT,
	                    .clean = { CLN_CLEAN_OPTIONS_VERSION, FUZZ_MATCH_LIMIT,
	                               CLN_FORMAT_AUTO, NULL, 0 } };
	o.clean.markdown = size & 2 ? CLN_MARKDOWN | CLN_MARKDOWN_IMAGES : 0;
	char err[1024];
	char *out = jsonl_clean_line(&o, fuzz_default_rules(), (const char *)data, size, "fuzz.jsonl",
	                             1, err, sizeof err);
	if (!out) {
		FUZZ_CHECK(err[0] != '\0');
		return 0;
	}
	size_t n = strlen(out);
	FUZZ_CHECK(memchr(out, '\n', n) == NULL); /* one line */
	json_tokener *tok = json_tokener_new();
	FUZZ_CHECK(tok != NULL);
	json_object *obj = json_tokener_parse_ex(tok, out, (int)n);
	FUZZ_CHECK(json_object_is_type(obj, json_type_object));
	for (size_t i = json_tokener_get_parse_end(tok); i < n; i++)
		FUZZ_CHECK(strchr(" \t\r", out[i])); /* nothing but space after it */
	json_object_put(obj);
	json_tokener_free(tok);
	free(out);
	return 0;
}

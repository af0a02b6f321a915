/*
 * explain.c - --explain: why each block of a document was kept or removed,
 * instead of the clean text (the library records and renders; this file
 * chooses colour and checks the selector before anything is written).
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli.h"

int cli_explain_check(const cln_rules *rules, const cln_explain_options *eo)
{
	/* an empty page cleans at once and compiles the selector on the way */
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.explain = eo;
	o.format = CLN_FORMAT_HTML;
	o.markdown = 0;
	cln_result *res = NULL;
	cln_error err;
	int rc = cln_clean(&res, rules, "", 0, &o, &err);
	cln_result_free(res);
	if (rc < 0) {
		fprintf(stderr, "cleaner: --explain-path: %s\n", err.message);
		if (rc == CLN_ESYNTAX) /* as a rule file's error: the text, a caret */
			fprintf(stderr, "    %s\n    %*s^\n", eo->selector, (int)err.column - 1, "");
	}
	return rc;
}

int cli_explain_write(FILE *out, const cln_result *res, int json, const char *name)
{
	/* colour only for a person at a terminal who has not said NO_COLOR */
	const char *no = getenv("NO_COLOR");
	int color = !json && isatty(fileno(out)) && !(no && *no);
	char *s;
	size_t len;
	int rc = cln_result_explain(&s, &len, res, json ? CLN_EXPLAIN_JSON
	                            : color ? CLN_EXPLAIN_COLOR : CLN_EXPLAIN_TEXT, NULL);
	if (rc < 0)
		return rc;
	if (name && !json)
		fprintf(out, "== %s ==\n", name);
	fwrite(s, 1, len, out);
	if (json)
		fputc('\n', out);
	cln_free(s);
	return 0;
}

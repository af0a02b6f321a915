/* rules.c - fuzz the rule-file reader: the input is a rule file. Rules that
   load are then used on a small page, as HTML and as text, so what the
   reader accepts is also what the matcher can run. */
#include <string.h>

#include "fuzz.h"

static const char page[] =
	"<html><head><title>Ferry link restored</title></head><body>"
	"<nav class=\"menu\"><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>"
	"<article id=\"story\"><h1>Ferry link restored</h1>"
	"<p>The island ferry ran again on Monday after a week in dry dock.</p>"
	"<p class=\"credit\">Photo: Island News</p><ul><li>Share</li><li>Tweet</li></ul>"
	"<div class=\"share-bar\" hidden>Advertisement</div></article>"
	"<footer>Related stories<br>Copyright 2026</footer></body></html>";

static void on_error(const cln_error *e, void *ud)
{
	(void)ud;
	FUZZ_CHECK(e->message[0] != '\0'); /* every error says what it is */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	cln_rules_options ro = CLN_RULES_OPTIONS_INIT;
	ro.no_defaults = 1;
	/* text_len 0 means a NUL-terminated text: an empty input is "" */
	ro.text = size ? (const char *)data : "";
	ro.text_len = size;
	ro.text_name = "fuzz.rules";
	ro.on_error = on_error;
	cln_rules *rules = NULL;
	cln_error e;
	if (cln_rules_new(&rules, &ro, &e) != 0) {
		FUZZ_CHECK(rules == NULL && e.code < 0);
		return 0;
	}
	fuzz_clean_all(rules, page, strlen(page), CLN_FORMAT_HTML, 0);
	fuzz_clean_all(rules, page, strlen(page), CLN_FORMAT_TEXT, 0);
	cln_rules_free(rules);
	return 0;
}

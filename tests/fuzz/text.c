/* text.c - fuzz cleaning flattened text with the default rules. Besides
   crashes, it checks what the report promises for text: every removal is a
   span of the input, in order, and its text is the input's bytes there. */
#include <string.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	cln_clean_options co = CLN_CLEAN_OPTIONS_INIT;
	co.format = CLN_FORMAT_TEXT;
	co.match_limit = FUZZ_MATCH_LIMIT;
	cln_result *res;
	cln_error e;
	if (cln_clean(&res, fuzz_default_rules(), in, size, &co, &e) < 0)
		return 0;
	size_t end = 0;
	for (size_t i = 0; i < cln_result_removal_count(res); i++) {
		const cln_removal *r = cln_result_removal(res, i);
		FUZZ_CHECK(r->byte_start >= end && r->byte_start <= r->byte_end && r->byte_end <= size);
		FUZZ_CHECK(r->text_len == r->byte_end - r->byte_start);
		FUZZ_CHECK(memcmp(r->text, in + r->byte_start, r->text_len) == 0);
		end = r->byte_end;
	}
	cln_totals t;
	cln_result_totals(res, &t);
	FUZZ_CHECK(t.bytes_in == size && t.bytes_removed <= size);
	cln_result_free(res);
	fuzz_clean_all(fuzz_default_rules(), in, size, CLN_FORMAT_AUTO, 0);
	return 0;
}

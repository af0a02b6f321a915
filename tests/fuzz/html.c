/* html.c - fuzz cleaning HTML with the default rules: charset detection and
   decoding, the tree, blocks, metadata, selectors and main content, then
   every rendering and report. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_clean_all(fuzz_default_rules(), (const char *)data, size, CLN_FORMAT_HTML);
	return 0;
}

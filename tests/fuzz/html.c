/* html.c - fuzz cleaning HTML with the default rules: charset detection and
   decoding, the tree, blocks, metadata, selectors and main content, then
   every rendering and report; the page whole, then cut into small pieces
   (as a big page is) at places its first byte picks. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_clean_all(fuzz_default_rules(), (const char *)data, size, CLN_FORMAT_HTML, 0);
	if (size)
		fuzz_clean_all(fuzz_default_rules(), (const char *)data, size, CLN_FORMAT_HTML,
		               1 + data[0] % 64);
	return 0;
}

/* warc.c - fuzz the CLI's WARC reader (`cleaner --warc FILE`) with the
   default rules: the input is written to a file and read as it is (plain,
   or gzip when it is gzip), and when it is not gzip, read again as a gzip
   file of one member per record, as Common Crawl writes them. Every output
   line must be one JSON object. */
#include <json-c/json.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "cli.h"
#include "fuzz.h"

static char path[64];

static void remove_file(void)
{
	unlink(path);
}

/* The file the reader reads, made once. */
static const char *file(void)
{
	if (!path[0]) {
		const char *tmp = getenv("TMPDIR");
		snprintf(path, sizeof path, "%s/fuzz-warc-XXXXXX", tmp && strlen(tmp) < 40 ? tmp : "/tmp");
		int fd = mkstemp(path);
		FUZZ_CHECK(fd >= 0);
		close(fd);
		atexit(remove_file);
	}
	return path;
}

static void write_plain(const uint8_t *data, size_t size)
{
	FILE *f = fopen(file(), "wb");
	FUZZ_CHECK(f && fwrite(data, 1, size, f) == size && fclose(f) == 0);
}

/* A gzip member per record: a new one at every line that starts "WARC/". */
static void write_members(const uint8_t *data, size_t size)
{
	gzFile g = gzopen(file(), "wb");
	FUZZ_CHECK(g != NULL);
	size_t start = 0;
	for (size_t i = 1; i <= size; i++) {
		bool cut = i == size || (data[i - 1] == '\n' && size - i >= 5 &&
		                         memcmp(data + i, "WARC/", 5) == 0);
		if (!cut)
			continue;
		if (i > start)
			FUZZ_CHECK(gzwrite(g, data + start, (unsigned)(i - start)) > 0);
		FUZZ_CHECK(gzflush(g, Z_FINISH) == Z_OK);
		start = i;
	}
	FUZZ_CHECK(gzclose(g) == Z_OK);
}

/* Every line of out is one JSON object. */
static void check_lines(const char *out, size_t len)
{
	json_tokener *tok = json_tokener_new();
	FUZZ_CHECK(tok != NULL);
	for (const char *l = out, *end; l < out + len; l = end + 1) {
		end = memchr(l, '\n', len - (size_t)(l - out));
		FUZZ_CHECK(end != NULL); /* every line ends */
		json_tokener_reset(tok);
		json_object *obj = json_tokener_parse_ex(tok, l, (int)(end - l));
		FUZZ_CHECK(json_object_is_type(obj, json_type_object));
		FUZZ_CHECK(json_tokener_get_parse_end(tok) == (size_t)(end - l));
		json_object_put(obj);
	}
	json_tokener_free(tok);
}

static void run(void)
{
	const char *inputs[] = { file() };
	/* --max-bytes=16M: a body that decodes to 1 GB is issue 9's item 10,
	   tested on its own; here it would only stop the fuzzer */
	warc_options o = { .inputs = inputs, .ninputs = 1, .jobs = 1,
	                   .clean = { CLN_CLEAN_OPTIONS_VERSION, FUZZ_MATCH_LIMIT,
	                             CLN_FORMAT_HTML, NULL, 0 }, .max_bytes = (size_t)1 << 24,
	                   .summary_field = "cleaner", .quiet = 1 };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	FUZZ_CHECK(f != NULL);
	warc_run_all(&o, fuzz_default_rules(), f);
	FUZZ_CHECK(fclose(f) == 0);
	check_lines(out, len);
	free(out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	write_plain(data, size);
	run();
	if (size < 2 || data[0] != 0x1f || data[1] != 0x8b) {
		write_members(data, size);
		run();
	}
	return 0;
}

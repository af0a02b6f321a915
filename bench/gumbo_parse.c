/*
 * gumbo_parse.c - the floor for bench/throughput: read each file named on
 * the command line, parse it with gumbo_parse_with_options (default
 * options) and destroy the tree. Nothing else: no text extraction.
 *
 * Build: cc -O2 -o gumbo_parse bench/gumbo_parse.c $(pkg-config --cflags --libs gumbo)
 * Usage: gumbo_parse FILE...
 * Prints "N files, B bytes" on standard error. Exit status 1 if a file
 * cannot be read or parsed, 2 on usage error.
 */
#include <gumbo.h>
#include <stdio.h>
#include <stdlib.h>

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (!buf)
			break;
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		char *nb = realloc(buf, cap *= 2);
		if (!nb) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
	}
	if (buf && ferror(f)) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE...\n", argv[0]);
		return 2;
	}
	int status = 0;
	unsigned long files = 0;
	unsigned long long bytes = 0;
	for (int i = 1; i < argc; i++) {
		size_t len;
		char *buf = slurp(argv[i], &len);
		if (!buf) {
			perror(argv[i]);
			status = 1;
			continue;
		}
		GumboOutput *out = gumbo_parse_with_options(&kGumboDefaultOptions, buf, len);
		if (!out) {
			fprintf(stderr, "%s: gumbo_parse_with_options failed\n", argv[i]);
			status = 1;
		} else {
			gumbo_destroy_output(&kGumboDefaultOptions, out);
			files++;
			bytes += len;
		}
		free(buf);
	}
	fprintf(stderr, "%lu files, %llu bytes\n", files, bytes);
	return status;
}

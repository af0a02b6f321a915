/* replay.c - the main of a harness built without libFuzzer (tests/fuzz-NAME):
   run LLVMFuzzerTestOneInput once on each file named, and on each file of
   each folder named (not recursively). Without arguments, as `make check`
   runs it, on tests/fuzz/seeds/NAME/ and tests/fuzz/regressions/NAME/ of
   $CLEANER_SRCDIR (default "."). One "ok N - FILE" line per file; a crash, a
   failed check or a sanitizer report ends it with a failure. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int count;

/* The whole file, in a buffer of exactly its size (so reading one byte past
   the input is caught under ASan); NULL if it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return NULL;
	}
	char *buf = NULL;
	size_t cap = 0, n;
	*len = 0;
	do {
		if (*len == cap) {
			char *bigger = realloc(buf, cap = cap * 2 + 65536);
			if (!bigger)
				break;
			buf = bigger;
		}
		n = fread(buf + *len, 1, cap - *len, f);
		*len += n;
	} while (n > 0);
	int bad = ferror(f) || !feof(f);
	fclose(f);
	char *in = bad ? NULL : malloc(*len ? *len : 1);
	if (in)
		memcpy(in, buf, *len);
	free(buf);
	return in;
}

static int replay(const char *path)
{
	size_t len;
	char *in = slurp(path, &len);
	if (!in)
		return -1;
	LLVMFuzzerTestOneInput((const uint8_t *)in, len);
	free(in);
	printf("ok %d - %s (%zu bytes)\n", ++count, path, len);
	fflush(stdout);
	return 0;
}

static int replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		perror(dir);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
			continue;
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (replay(p) < 0)
			rc = -1;
	}
	closedir(d);
	return rc;
}

static int replay_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		return -1;
	}
	return S_ISDIR(st.st_mode) ? replay_dir(path) : replay(path);
}

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++)
		if (replay_path(argv[i]) < 0)
			rc = 1;
	if (argc > 1)
		return rc;
	/* the harness's name: what follows "fuzz-" in ours (libtool's "lt-fuzz-html") */
	const char *base = strrchr(argv[0], '/');
	const char *name = strstr(base ? base + 1 : argv[0], "fuzz-");
	const char *src = getenv("CLEANER_SRCDIR");
	if (!name)
		return fprintf(stderr, "%s: not named fuzz-NAME\n", argv[0]), 1;
	const char *kinds[] = { "seeds", "regressions" };
	for (int k = 0; k < 2; k++) {
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/tests/fuzz/%s/%s", src ? src : ".", kinds[k], name + 5);
		struct stat st;
		if (stat(dir, &st) == 0 && replay_dir(dir) < 0)
			rc = 1;
	}
	return rc;
}

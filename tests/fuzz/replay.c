/* replay.c - the main of a harness built without libFuzzer: run
   LLVMFuzzerTestOneInput once on each file named, and on each file of each
   folder named (not recursively). A crash or a sanitizer report fails it;
   tests/fuzz.sh replays tests/fuzz/regressions/<harness>/ with it. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (len == cap && !(buf = realloc(buf, cap = cap * 2 + 65536))) {
			fclose(f);
			return -1;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	/* an exact copy, so reading one byte past the input is caught */
	char *in = malloc(len ? len : 1);
	if (in)
		memcpy(in, buf, len);
	free(buf);
	if (!in)
		return -1;
	fprintf(stderr, "replay %s (%zu bytes)\n", path, len);
	LLVMFuzzerTestOneInput((const uint8_t *)in, len);
	free(in);
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
		if (e->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (replay(p) < 0)
			rc = -1;
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			rc = 1;
		} else if ((S_ISDIR(st.st_mode) ? replay_dir(argv[i]) : replay(argv[i])) < 0) {
			rc = 1;
		}
	}
	return rc;
}

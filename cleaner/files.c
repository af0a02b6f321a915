/* files.c - reading inputs whole and writing outputs atomically. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

int cli_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char *err,
                  size_t errsize)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	const char *name = f == stdin ? "<stdin>" : path;
	if (!f) {
		snprintf(err, errsize, "%s: %s", name, strerror(errno));
		return -1;
	}
	size_t cap = 1 << 16, n = 0;
	char *p = malloc(cap);
	size_t got;
	while (p && (got = fread(p + n, 1, cap - n, f)) > 0) {
		n += got;
		if (max_bytes && n > max_bytes) {
			snprintf(err, errsize, "%s: larger than --max-bytes (%zu)", name, max_bytes);
			free(p);
			if (f != stdin)
				fclose(f);
			return -1;
		}
		if (n == cap) {
			char *q = realloc(p, cap * 2);
			if (!q) {
				free(p);
				p = NULL;
				errno = ENOMEM;
				break;
			}
			p = q;
			cap *= 2;
		}
	}
	int bad = !p || ferror(f);
	if (bad)
		snprintf(err, errsize, "%s: %s", name, strerror(errno ? errno : EIO));
	if (f != stdin)
		fclose(f);
	if (bad) {
		free(p);
		return -1;
	}
	*out = p;
	*len = n;
	return 0;
}

int cli_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsize)
{
	size_t n = strlen(path) + 16;
	char *tmp = malloc(n);
	if (!tmp) {
		snprintf(err, errsize, "%s: out of memory", path);
		return -1;
	}
	snprintf(tmp, n, "%s.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes 0600; give the file the mode a plain create would */
	mode_t mask = umask(0);
	umask(mask);
	struct stat st;
	fchmod(fd, (stat(path, &st) == 0 ? st.st_mode : 0666 & ~mask) & 07777);
	size_t off = 0;
	while (off < len) {
		ssize_t w = write(fd, data + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	int bad = off < len;
	int saved = errno;
	if (close(fd) != 0 && !bad) {
		bad = 1;
		saved = errno;
	}
	if (!bad && rename(tmp, path) != 0) {
		bad = 1;
		saved = errno;
	}
	if (bad) {
		unlink(tmp);
		snprintf(err, errsize, "%s: %s", path, strerror(saved ? saved : EIO));
	}
	free(tmp);
	return bad ? -1 : 0;
}

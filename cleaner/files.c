/* files.c - reading inputs whole and writing outputs atomically; a name
   ending in .gz (zlib) or .zst (libzstd) means compressed, both ways. */
#include <errno.h>
#include <zlib.h>
#include <zstd.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static int write_atomic(const char *path, const char *data, size_t len, char *err,
                        size_t errsize);

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);
	return n > t && strcmp(s + n - t, tail) == 0;
}

/* Hand a read buffer over, or fail with why. */
static int finish(const char *path, const char *why, char *p, size_t n, char **out,
                  size_t *len, char *err, size_t errsize)
{
	if (why) {
		snprintf(err, errsize, "%s: %s", path, why);
		free(p);
		return -1;
	}
	*out = p;
	*len = n;
	return 0;
}

/* A whole file through zlib: gzip data (every member of it, as Common Crawl
   writes one per record) is decompressed, anything else read as it is. */
static int read_gz(const char *path, size_t max_bytes, char **out, size_t *len, char *err,
                   size_t errsize)
{
	bool std_in = strcmp(path, "-") == 0;
	int fd = std_in ? dup(STDIN_FILENO) : -1;
	gzFile g = std_in ? (fd >= 0 ? gzdopen(fd, "rb") : NULL) : gzopen(path, "rb");
	if (std_in)
		path = "<stdin>";
	if (!g) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno ? errno : ENOMEM));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	gzbuffer(g, 1 << 17);
	size_t cap = 1 << 16, n = 0;
	char *p = malloc(cap);
	int got;
	while (p && (got = gzread(g, p + n, (unsigned)(cap - n > (1u << 30) ? (1u << 30) : cap - n))) > 0) {
		n += (size_t)got;
		if (max_bytes && n > max_bytes) {
			snprintf(err, errsize, "%s: larger than --max-bytes (%zu)", path, max_bytes);
			free(p);
			gzclose(g);
			return -1;
		}
		if (n == cap) {
			char *q = realloc(p, cap * 2);
			if (!q) {
				free(p);
				p = NULL;
				break;
			}
			p = q;
			cap *= 2;
		}
	}
	int code = Z_OK;
	const char *why = p ? gzerror(g, &code) : "out of memory";
	size_t pl = strlen(path);
	if (strncmp(why, path, pl) == 0 && strncmp(why + pl, ": ", 2) == 0)
		why += pl + 2; /* zlib names the file itself */
	if (p && code == Z_OK && !gzeof(g))
		why = "read error";
	else if (p && code == Z_BUF_ERROR)
		why = "truncated gzip data";
	bool bad = !p || (code != Z_OK && code != Z_STREAM_END) || !gzeof(g);
	/* why may be zlib's own string: use it before gzclose frees it */
	int rc = finish(path, bad ? why : NULL, p, n, out, len, err, errsize);
	gzclose(g);
	return rc;
}

static int read_zst(const char *path, const char *src, size_t srclen, size_t max_bytes,
                    char **out, size_t *len, char *err, size_t errsize)
{
	ZSTD_DStream *z = ZSTD_createDStream();
	size_t cap = srclen * 4 + 65536, n = 0;
	char *p = malloc(cap);
	ZSTD_inBuffer in = { src, srclen, 0 };
	size_t rc = 1;
	while (z && p && in.pos < in.size) {
		if (cap - n < 65536) {
			char *q = realloc(p, cap * 2);
			if (!q)
				break;
			p = q;
			cap *= 2;
		}
		ZSTD_outBuffer o = { p, cap, n };
		rc = ZSTD_decompressStream(z, &o, &in);
		n = o.pos;
		if (ZSTD_isError(rc) || (max_bytes && n > max_bytes))
			break;
	}
	const char *why = !z || !p ? "out of memory"
	                  : ZSTD_isError(rc) ? ZSTD_getErrorName(rc)
	                  : max_bytes && n > max_bytes ? "larger than --max-bytes once decompressed"
	                  : rc != 0 ? "truncated zstd data" : NULL;
	ZSTD_freeDStream(z);
	return finish(path, why, p, n, out, len, err, errsize);
}

int cli_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char *err,
                  size_t errsize)
{
	if (ends_with(path, ".zst")) {
		char *raw;
		size_t n;
		if (read_gz(path, 0, &raw, &n, err, errsize) < 0)
			return -1;
		int rc = read_zst(path, raw, n, max_bytes, out, len, err, errsize);
		free(raw);
		return rc;
	}
	return read_gz(path, max_bytes, out, len, err, errsize);
}

/* Compress for a name that asks for it; *out is data itself otherwise. */
static int compress_for(const char *path, const char *data, size_t len, char **out,
                        size_t *outlen, bool *owned)
{
	*owned = false;
	*out = (char *)data;
	*outlen = len;
	if (ends_with(path, ".zst")) {
		size_t cap = ZSTD_compressBound(len);
		char *p = malloc(cap ? cap : 1);
		size_t n = p ? ZSTD_compress(p, cap, data, len, 3) : 0;
		if (!p || ZSTD_isError(n)) {
			free(p);
			return -1;
		}
		*out = p;
		*outlen = n;
		*owned = true;
	} else if (ends_with(path, ".gz")) {
		z_stream z;
		memset(&z, 0, sizeof z);
		if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
			return -1;
		size_t cap = deflateBound(&z, (uLong)len) + 32;
		char *p = malloc(cap);
		z.next_in = (Bytef *)data;
		z.avail_in = (uInt)len;
		z.next_out = (Bytef *)p;
		z.avail_out = (uInt)cap;
		int rc = p ? deflate(&z, Z_FINISH) : Z_MEM_ERROR;
		size_t n = cap - z.avail_out;
		deflateEnd(&z);
		if (rc != Z_STREAM_END) {
			free(p);
			return -1;
		}
		*out = p;
		*outlen = n;
		*owned = true;
	}
	return 0;
}

int cli_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsize)
{
	char *zdata;
	size_t zlen;
	bool owned;
	if (compress_for(path, data, len, &zdata, &zlen, &owned) < 0) {
		snprintf(err, errsize, "%s: cannot compress", path);
		return -1;
	}
	data = zdata;
	len = zlen;
	int rc = write_atomic(path, data, len, err, errsize);
	if (owned)
		free(zdata);
	return rc;
}

static int write_atomic(const char *path, const char *data, size_t len, char *err,
                        size_t errsize)
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

/* Lines of a file, plain or compressed: gzip streams through zlib (memory
   bounded by the longest line), zstd and standard input are read whole. */
struct cli_lines {
	FILE *f;       /* plain files and standard input */
	gzFile g;
	char *mem;     /* zstd, decompressed */
	size_t memlen, pos;
	char *buf;
	size_t cap;
	const char *name;
};

cli_lines *cli_lines_open(const char *path, char *err, size_t errsize)
{
	cli_lines *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->name = strcmp(path, "-") ? path : "<stdin>";
	if (ends_with(path, ".gz")) {
		l->g = gzopen(path, "rb");
		if (l->g)
			gzbuffer(l->g, 1 << 17);
	} else if (ends_with(path, ".zst")) {
		if (cli_read_file(path, 0, &l->mem, &l->memlen, err, errsize) < 0) {
			free(l);
			return NULL;
		}
		return l;
	} else
		l->f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!l->f && !l->g) {
		snprintf(err, errsize, "%s: %s", l->name, strerror(errno));
		free(l);
		return NULL;
	}
	return l;
}

long cli_lines_next(cli_lines *l, char **line, char *err, size_t errsize)
{
	if (l->mem) {
		if (l->pos >= l->memlen)
			return -1;
		char *s = l->mem + l->pos;
		char *nl = memchr(s, '\n', l->memlen - l->pos);
		size_t n = nl ? (size_t)(nl - s) : l->memlen - l->pos;
		l->pos += n + (nl ? 1 : 0);
		*line = s;
		return (long)n;
	}
	if (l->f) {
		ssize_t n = getline(&l->buf, &l->cap, l->f);
		if (n < 0) {
			if (ferror(l->f)) {
				snprintf(err, errsize, "%s: %s", l->name, strerror(errno));
				return -2;
			}
			return -1;
		}
		*line = l->buf;
		return (long)(n > 0 && l->buf[n - 1] == '\n' ? n - 1 : n);
	}
	size_t n = 0;
	for (;;) {
		if (l->cap - n < 4096) {
			size_t cap = l->cap ? l->cap * 2 : 65536;
			char *p = realloc(l->buf, cap);
			if (!p) {
				snprintf(err, errsize, "%s: out of memory", l->name);
				return -2;
			}
			l->buf = p;
			l->cap = cap;
		}
		if (!gzgets(l->g, l->buf + n, (int)(l->cap - n > (1u << 30) ? (1u << 30) : l->cap - n)))
			break;
		n += strlen(l->buf + n);
		if (n && l->buf[n - 1] == '\n')
			break;
	}
	int code = Z_OK;
	const char *why = gzerror(l->g, &code);
	if (code != Z_OK) {
		snprintf(err, errsize, "%s: %s", l->name,
		         code == Z_BUF_ERROR ? "truncated gzip data" : why);
		return -2;
	}
	if (n == 0 && gzeof(l->g))
		return -1;
	*line = l->buf;
	return (long)(n > 0 && l->buf[n - 1] == '\n' ? n - 1 : n);
}

void cli_lines_close(cli_lines *l)
{
	if (!l)
		return;
	if (l->f && l->f != stdin)
		fclose(l->f);
	if (l->g)
		gzclose(l->g);
	free(l->mem);
	free(l->buf);
	free(l);
}

/* files.c - reading inputs, whole or line by line, plain or compressed
   (gzip through zlib, .zst through libzstd). */
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

const char *cli_compression(const char *path)
{
	size_t n = strlen(path);
	if (n > 3 && strcmp(path + n - 3, ".gz") == 0)
		return ".gz";
	if (n > 4 && strcmp(path + n - 4, ".zst") == 0)
		return ".zst";
	return "";
}

/* A file read as a stream of decompressed bytes: zlib reads everything but
   .zst (gzip data, every member of it as Common Crawl writes one per record,
   is decompressed whatever the name; anything else is read as it is),
   libzstd reads .zst. Whole files and lines are both read through it. */
struct cli_lines {
	int fd;           /* standard input read line by line, or -1 */
	gzFile g;
	FILE *f;          /* .zst input */
	ZSTD_DStream *z;
	char *zbuf;       /* compressed bytes read, not yet decompressed */
	ZSTD_inBuffer zin;
	bool zeof;        /* all compressed bytes read */
	size_t zrc;       /* the last ZSTD_decompressStream result: 0 at a frame's end */
	char *buf;        /* lines read: [start, end) not handed out yet */
	size_t cap, start, end;
	const char *name;
};

/* whole: the input is read to its end at once, so standard input may go
   through zlib too; line by line it is read with read(2), which hands over
   what a pipe has (zlib would wait for a full buffer, holding back lines a
   slow producer already wrote). */
static cli_lines *open_input(const char *path, bool whole, char *err, size_t errsize)
{
	cli_lines *l = calloc(1, sizeof *l);
	if (!l) {
		snprintf(err, errsize, "%s: out of memory", path);
		return NULL;
	}
	bool std_in = strcmp(path, "-") == 0;
	l->name = std_in ? "<stdin>" : path;
	l->fd = -1;
	errno = 0;
	if (std_in && !whole) {
		l->fd = STDIN_FILENO;
		return l;
	}
	if (strcmp(cli_compression(path), ".zst") == 0) {
		l->f = fopen(path, "rb");
		l->z = ZSTD_createDStream();
		l->zbuf = malloc(ZSTD_DStreamInSize());
		l->zin.src = l->zbuf;
		if (l->f && (!l->z || !l->zbuf))
			errno = ENOMEM;
	} else if (std_in) {
		int fd = dup(STDIN_FILENO);
		if (fd >= 0 && !(l->g = gzdopen(fd, "rb")))
			close(fd);
	} else {
		l->g = gzopen(path, "rb");
	}
	if (l->g)
		gzbuffer(l->g, 1 << 17);
	if (!l->g && !(l->f && l->z && l->zbuf)) {
		snprintf(err, errsize, "%s: %s", l->name, strerror(errno ? errno : ENOMEM));
		cli_lines_close(l);
		return NULL;
	}
	return l;
}

cli_lines *cli_lines_open(const char *path, char *err, size_t errsize)
{
	return open_input(path, false, err, errsize);
}

/* Up to room bytes of the (decompressed) input into dst: how many, 0 at
   the end, -1 with the reason in err. */
static long read_chunk(cli_lines *l, char *dst, size_t room, char *err, size_t errsize)
{
	if (room > (1u << 30))
		room = 1u << 30;
	if (l->fd >= 0) {
		ssize_t got;
		while ((got = read(l->fd, dst, room)) < 0 && errno == EINTR && !cli_stopped())
			;
		if (got >= 0 || errno == EINTR) /* EINTR: stopped by a signal */
			return got > 0 ? (long)got : 0;
		snprintf(err, errsize, "%s: %s", l->name, strerror(errno));
		return -1;
	}
	if (l->g) {
		int got = gzread(l->g, dst, (unsigned)room);
		if (got > 0)
			return got;
		int code = Z_OK;
		const char *why = gzerror(l->g, &code);
		if (code == Z_OK)
			return 0;
		size_t nl = strlen(l->name);
		if (strncmp(why, l->name, nl) == 0 && strncmp(why + nl, ": ", 2) == 0)
			why += nl + 2; /* zlib names the file itself */
		snprintf(err, errsize, "%s: %s", l->name,
		         code == Z_BUF_ERROR ? "truncated gzip data" : why);
		return -1;
	}
	for (;;) {
		if (l->zin.pos == l->zin.size && !l->zeof) {
			l->zin.size = fread(l->zbuf, 1, ZSTD_DStreamInSize(), l->f);
			l->zin.pos = 0;
			if (l->zin.size == 0 && ferror(l->f)) {
				snprintf(err, errsize, "%s: %s", l->name, strerror(errno));
				return -1;
			}
			l->zeof = l->zin.size == 0;
		}
		/* at the end of the input this flushes what the decoder holds */
		ZSTD_outBuffer out = { dst, room, 0 };
		size_t rc = ZSTD_decompressStream(l->z, &out, &l->zin);
		if (ZSTD_isError(rc)) {
			snprintf(err, errsize, "%s: %s", l->name, ZSTD_getErrorName(rc));
			return -1;
		}
		if (out.pos == 0 && l->zeof) {
			/* done if the last call ended a frame (this one, with no
			   input, only asks for the next frame's header) */
			if (l->zrc == 0)
				return 0;
			snprintf(err, errsize, "%s: truncated zstd data", l->name);
			return -1;
		}
		l->zrc = rc;
		if (out.pos > 0)
			return (long)out.pos;
	}
}

/* Room for at least 64 KB more after l->end. */
static int grow(cli_lines *l, char *err, size_t errsize)
{
	if (l->cap - l->end >= 65536)
		return 0;
	size_t cap = l->cap ? l->cap * 2 : 1 << 17;
	char *p = realloc(l->buf, cap);
	if (!p) {
		snprintf(err, errsize, "%s: out of memory", l->name);
		return -1;
	}
	l->buf = p;
	l->cap = cap;
	return 0;
}

int cli_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char *err,
                  size_t errsize)
{
	cli_lines *l = open_input(path, true, err, errsize);
	long got = 1;
	while (l && got > 0) {
		if (cli_stopped()) { /* /dev/zero or a pipe that never ends */
			snprintf(err, errsize, "%s: interrupted", l->name);
			got = -1;
		} else if (max_bytes && l->end > max_bytes) {
			snprintf(err, errsize, "%s: larger than --max-bytes (%zu)", l->name, max_bytes);
			got = -1;
		} else if ((got = grow(l, err, errsize)) == 0 &&
		           (got = read_chunk(l, l->buf + l->end, l->cap - l->end, err, errsize)) > 0) {
			l->end += (size_t)got;
		}
	}
	int rc = l && got == 0 ? 0 : -1;
	if (rc == 0) {
		*out = l->buf;
		*len = l->end;
		l->buf = NULL;
	}
	cli_lines_close(l);
	return rc;
}

/* The message for a line over max that was let go. */
static long too_long(size_t max, size_t dropped, char *err, size_t errsize)
{
	snprintf(err, errsize, "larger than --max-bytes (%zu): %zu bytes", max, dropped);
	return -3;
}

long cli_lines_next(cli_lines *l, size_t max, char **line, char *err, size_t errsize)
{
	size_t scanned = l->start;
	size_t dropped = 0; /* bytes of a line over max, let go as they come */
	for (;;) {
		char *nl = l->end > scanned ? memchr(l->buf + scanned, '\n', l->end - scanned) : NULL;
		size_t len = (nl ? (size_t)(nl - l->buf) : l->end) - l->start;
		if (max && dropped + len > max) {
			dropped += len;
			l->start = nl ? (size_t)(nl - l->buf) + 1 : l->end;
			if (nl)
				return too_long(max, dropped, err, errsize);
		} else if (nl) {
			*line = l->buf + l->start;
			l->start += len + 1;
			return (long)len;
		}
		/* no full line yet: keep what is left at the front, make room */
		if (l->start) {
			memmove(l->buf, l->buf + l->start, l->end - l->start);
			l->end -= l->start;
			l->start = 0;
		}
		scanned = l->end;
		if (cli_stopped())
			return -1; /* a line that never ends (/dev/zero) must not hold a stop */
		if (grow(l, err, errsize) < 0)
			return -2;
		long got = read_chunk(l, l->buf + l->end, l->cap - l->end, err, errsize);
		if (got < 0)
			return -2;
		if (got == 0) {
			if (dropped)
				return too_long(max, dropped, err, errsize);
			if (l->end == 0)
				return -1;
			*line = l->buf; /* the last line, without its newline */
			long n = (long)l->end;
			l->start = l->end = 0;
			return n;
		}
		l->end += (size_t)got;
	}
}

void cli_lines_close(cli_lines *l)
{
	if (!l)
		return;
	if (l->f)
		fclose(l->f);
	if (l->g)
		gzclose(l->g);
	ZSTD_freeDStream(l->z);
	free(l->zbuf);
	free(l->buf);
	free(l);
}

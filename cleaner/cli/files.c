/* files.c - reading inputs (through input.c: plain or compressed), whole
   or line by line. */
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

/* Lines of a cli_input: [start, end) of buf not handed out yet. */
struct cli_lines {
	cli_input *in;
	char *buf;
	size_t cap, start, end;
	unsigned long long done; /* bytes handed out before buf[start] */
};

cli_lines *cli_lines_open(const char *path, char *err, size_t errsize)
{
	cli_lines *l = calloc(1, sizeof *l);
	if (!l)
		snprintf(err, errsize, "%s: out of memory", path);
	else if (!(l->in = cli_input_open(path, err, errsize))) {
		free(l);
		l = NULL;
	}
	return l;
}

const char *cli_lines_name(const cli_lines *l)
{
	return cli_input_name(l->in);
}

unsigned long long cli_lines_offset(const cli_lines *l)
{
	return l->done;
}

/* Room for at least 64 KB more after l->end, which is at most max (if
   not 0): the buffer never grows past what max lets it hold. */
static int grow(cli_lines *l, size_t max, char *err, size_t errsize)
{
	if (l->cap - l->end >= 65536)
		return 0;
	size_t cap = l->cap ? l->cap * 2 : 1 << 17;
	if (max && cap > max + 65536 && max + 65536 > l->cap)
		cap = max + 65536;
	char *p = realloc(l->buf, cap);
	if (!p) {
		snprintf(err, errsize, "%s: out of memory", cli_lines_name(l));
		return -1;
	}
	l->buf = p;
	l->cap = cap;
	return 0;
}

int cli_read_file(const char *path, size_t max_bytes, char **out, size_t *len, char *err,
                  size_t errsize)
{
	cli_lines *l = cli_lines_open(path, err, errsize);
	long got = 1;
	while (l && got > 0) {
		if (max_bytes && l->end > max_bytes) {
			snprintf(err, errsize, "%s: larger than --max-bytes (%zu)",
			         cli_lines_name(l), max_bytes);
			got = -1;
		} else if ((got = grow(l, max_bytes, err, errsize)) == 0 &&
		           (got = cli_input_read(l->in, l->buf + l->end, l->cap - l->end, err,
		                                 errsize)) > 0) {
			l->end += (size_t)got;
		}
	}
	int rc = l && got == 0 ? 0 : -1;
	if (rc == 0) {
		/* PCRE2's JIT reads whole words past a subject's end: the bytes
		   after the text (grow left 64 KB free) are set, so that memcheck
		   is quiet about a block at the end of the file */
		memset(l->buf + l->end, 0, 64);
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

/* Damage in the input: the line it cut is dropped (the bytes after the
   damage are no part of it). */
static long damaged(cli_lines *l, char *err, size_t errsize)
{
	size_t cut = l->end - l->start;
	l->done += cut;
	l->start = l->end = 0;
	if (cut) {
		size_t n = strlen(err);
		snprintf(err + n, errsize - n, "; the %zu bytes of the line it cut were dropped", cut);
	}
	return -4;
}

/* The line handed out last is done with: a buffer grown for a huge line
   shrinks back to what is left in it, so that line is not held twice (here
   and in the caller's copy) while it is cleaned. */
void cli_lines_release(cli_lines *l)
{
	size_t left = l->end - l->start;
	if (l->cap <= ((size_t)1 << 20) || left > l->cap / 4)
		return;
	memmove(l->buf, l->buf + l->start, left);
	l->end = left;
	l->start = 0;
	size_t cap = left + 65536 > ((size_t)1 << 17) ? left + 65536 : (size_t)1 << 17;
	char *p = realloc(l->buf, cap);
	if (p) { /* a failed shrink keeps the larger buffer */
		l->buf = p;
		l->cap = cap;
	}
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
			l->done += (nl ? len + 1 : len);
			l->start = nl ? (size_t)(nl - l->buf) + 1 : l->end;
			if (nl)
				return too_long(max, dropped, err, errsize);
		} else if (nl) {
			*line = l->buf + l->start;
			l->start += len + 1;
			l->done += len + 1;
			return (long)len;
		}
		/* no full line yet: keep what is left at the front, make room */
		if (l->start) {
			memmove(l->buf, l->buf + l->start, l->end - l->start);
			l->end -= l->start;
			l->start = 0;
		}
		scanned = l->end;
		if (grow(l, max, err, errsize) < 0)
			return -2;
		long got = cli_input_read(l->in, l->buf + l->end, l->cap - l->end, err, errsize);
		if (got == -2)
			return damaged(l, err, errsize);
		if (got < 0)
			return -2;
		if (got == 0) {
			if (dropped)
				return too_long(max, dropped, err, errsize);
			if (l->end == 0)
				return -1;
			*line = l->buf; /* the last line, without its newline */
			long n = (long)l->end;
			l->done += l->end;
			l->start = l->end = 0;
			return n;
		}
		l->end += (size_t)got;
	}
}

long cli_lines_read(cli_lines *l, char *dst, size_t n, char *err, size_t errsize)
{
	long got;
	if (l->end > l->start) {
		got = (long)(l->end - l->start < n ? l->end - l->start : n);
		memcpy(dst, l->buf + l->start, (size_t)got);
		l->start += (size_t)got;
	} else if ((got = cli_input_read(l->in, dst, n, err, errsize)) < 0) {
		return got == -2 ? -4 : -2;
	}
	l->done += (unsigned long long)got;
	return got;
}

void cli_lines_close(cli_lines *l)
{
	if (!l)
		return;
	cli_input_close(l->in);
	free(l->buf);
	free(l);
}

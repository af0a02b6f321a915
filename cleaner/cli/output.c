/*
 * output.c - writing an output file so that it is whole or absent: the
 * bytes go to a temporary file beside it, compressed on the way when the
 * name ends in .gz (zlib) or .zst (libzstd), and the temporary file is
 * renamed over the name only when everything was written. Streaming, so a
 * JSONL or WARC run of any size writes with bounded memory. Devices
 * (/dev/null, /dev/full, pipes) are written in place.
 */
#define _GNU_SOURCE /* fopencookie */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "cli.h"

struct cli_out {
	FILE *f;         /* what the caller writes to */
	int fd;          /* the temporary file (-1: a device, f is opened on it) */
	char *tmp;       /* its name */
	const char *path;
	z_stream z;      /* .gz */
	bool gz;
	ZSTD_CCtx *zc;   /* .zst */
	int error;       /* errno of the first failure */
	bool keep_old;   /* commit only where no file is */
	char *zbuf;      /* compressed bytes on their way to fd */
	size_t zcap;
};

/* The process's umask, read once: umask() can only be read by setting it,
   which would race with other threads creating files. */
static mode_t file_mask;
static void read_mask(void)
{
	file_mask = umask(022);
	umask(file_mask);
}

static int put(cli_out *o, const char *p, size_t n)
{
	while (n > 0 && !o->error) {
		ssize_t w = write(o->fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			o->error = w < 0 ? errno : EIO;
		else {
			p += w;
			n -= (size_t)w;
		}
	}
	return o->error ? -1 : 0;
}

/* Compress n bytes (finish: and end the stream) and write what comes out. */
static int squeeze(cli_out *o, const char *p, size_t n, bool finish)
{
	if (o->gz) {
		o->z.next_in = (Bytef *)p;
		o->z.avail_in = (uInt)n;
		int rc;
		do {
			o->z.next_out = (Bytef *)o->zbuf;
			o->z.avail_out = (uInt)o->zcap;
			rc = deflate(&o->z, finish ? Z_FINISH : Z_NO_FLUSH);
			if (rc == Z_STREAM_ERROR)
				o->error = EIO;
			else
				put(o, o->zbuf, o->zcap - o->z.avail_out);
		} while (!o->error && (o->z.avail_in > 0 || o->z.avail_out == 0 ||
		                       (finish && rc != Z_STREAM_END)));
	} else {
		ZSTD_inBuffer in = { p, n, 0 };
		size_t left;
		do {
			ZSTD_outBuffer out = { o->zbuf, o->zcap, 0 };
			left = ZSTD_compressStream2(o->zc, &out, &in, finish ? ZSTD_e_end : ZSTD_e_continue);
			if (ZSTD_isError(left))
				o->error = EIO;
			else
				put(o, o->zbuf, out.pos);
		} while (!o->error && (in.pos < in.size || (finish && left != 0)));
	}
	return o->error ? -1 : 0;
}

static ssize_t cookie_write(void *c, const char *buf, size_t n)
{
	cli_out *o = c;
	int rc = o->gz || o->zc ? squeeze(o, buf, n, false) : put(o, buf, n);
	if (rc < 0) {
		errno = o->error;
		return -1;
	}
	return (ssize_t)n;
}

/* The message, and errno for callers that tell one failure from another. */
static void set_error(char *err, size_t errsize, const char *path, int e)
{
	snprintf(err, errsize, "%s: %s", path, strerror(e ? e : EIO));
	errno = e ? e : EIO;
}

/* The temporary name beside path: hidden, so folder walks pass it by, and
   short whatever the name (path.XXXXXX would pass NAME_MAX for a name of
   250 bytes). Room: strlen(path) + 9. */
static void temp_name(char *tmp, size_t n, const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	snprintf(tmp, n, "%.*s.%.64s.XXXXXX", (int)(base - path), path, base);
}

cli_out *cli_out_open(const char *path, char *err, size_t errsize)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, read_mask);
	cli_out *o = calloc(1, sizeof *o);
	size_t n = strlen(path) + 16;
	if (!o || !(o->tmp = malloc(n))) {
		free(o);
		set_error(err, errsize, path, ENOMEM);
		return NULL;
	}
	o->path = path;
	o->fd = -1;
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode)) {
		if (!(o->f = fopen(path, "wb"))) {
			set_error(err, errsize, path, errno);
			cli_out_close(o, false, NULL, 0);
			return NULL;
		}
		return o;
	}
	temp_name(o->tmp, n, path);
	o->fd = mkstemp(o->tmp);
	if (o->fd < 0) {
		set_error(err, errsize, path, errno);
		free(o->tmp);
		o->tmp = NULL;
		cli_out_close(o, false, NULL, 0);
		return NULL;
	}
	/* mkstemp makes 0600: give the mode a plain create (or the file
	   replaced) would have */
	fchmod(o->fd, (exists ? st.st_mode : 0666 & ~file_mask) & 07777);
	const char *zip = cli_compression(path);
	if (strcmp(zip, ".gz") == 0) {
		o->gz = deflateInit2(&o->z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
		if (!o->gz)
			o->error = ENOMEM;
	} else if (strcmp(zip, ".zst") == 0) {
		o->zc = ZSTD_createCCtx();
		if (!o->zc || ZSTD_isError(ZSTD_CCtx_setParameter(o->zc, ZSTD_c_compressionLevel, 3)))
			o->error = ENOMEM;
	}
	if ((o->gz || o->zc) && !o->error) {
		o->zcap = o->zc ? ZSTD_CStreamOutSize() : 1 << 17;
		if (!(o->zbuf = malloc(o->zcap)))
			o->error = ENOMEM;
	}
	cookie_io_functions_t io = { .write = cookie_write };
	if (!o->error && !(o->f = fopencookie(o, "w", io)))
		o->error = errno;
	if (o->error) {
		set_error(err, errsize, path, o->error);
		cli_out_close(o, false, NULL, 0);
		return NULL;
	}
	setvbuf(o->f, NULL, _IOFBF, 1 << 16);
	return o;
}

FILE *cli_out_file(cli_out *o)
{
	return o->f;
}

void cli_out_keep_old(cli_out *o)
{
	o->keep_old = true;
}

/* The temporary file to path: renamed over what is there or, keeping the
   old, linked (which never replaces); the temporary name is then unlinked. */
static int place(const cli_out *o)
{
	if (!o->keep_old)
		return rename(o->tmp, o->path);
	if (link(o->tmp, o->path) == 0 || errno == EEXIST)
		return errno == EEXIST ? -1 : 0;
	struct stat st; /* no hard links on this file system: look, then rename */
	if (lstat(o->path, &st) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(o->tmp, o->path);
}

int cli_out_close(cli_out *o, bool commit, char *err, size_t errsize)
{
	if (!o)
		return 0;
	if (o->f && (fflush(o->f) != 0 || ferror(o->f)) && !o->error)
		o->error = errno ? errno : EIO;
	if (o->fd < 0) { /* a device, or nothing opened */
		if (o->f && fclose(o->f) != 0 && !o->error)
			o->error = errno;
	} else {
		if (o->f)
			fclose(o->f); /* only frees: everything was flushed */
		if (commit && (o->gz || o->zc) && !o->error)
			squeeze(o, NULL, 0, true);
		if (close(o->fd) != 0 && !o->error)
			o->error = errno;
		if (commit && !o->error && place(o) != 0)
			o->error = errno;
		if (!commit || o->error || o->keep_old)
			unlink(o->tmp);
	}
	int rc = o->error ? -1 : 0;
	int e = o->error;
	if (e && err)
		set_error(err, errsize, o->path, e);
	if (o->gz)
		deflateEnd(&o->z);
	ZSTD_freeCCtx(o->zc);
	free(o->zbuf);
	free(o->tmp);
	free(o);
	if (e)
		errno = e;
	return rc;
}

int cli_write_atomic(const char *path, const char *data, size_t len, char *err, size_t errsize)
{
	cli_out *o = cli_out_open(path, err, errsize);
	if (!o)
		return -1;
	fwrite(data, 1, len, o->f);
	return cli_out_close(o, true, err, errsize);
}

int cli_stream_open(cli_stream *s, const char *path, FILE *std)
{
	s->f = std;
	s->file = NULL;
	s->name = path;
	if (!path)
		return 0;
	if (strcmp(path, "-") == 0) {
		s->f = stdout;
		return 0;
	}
	char err[1200];
	if (!(s->file = cli_out_open(path, err, sizeof err))) {
		if (!cli_stopped()) /* an open cut short by a stop: the stop is said */
			progress_say(NULL, 0, "cannot write %s", err);
		return -1;
	}
	s->f = cli_out_file(s->file);
	return 0;
}

int cli_stream_close(cli_stream *s, bool keep)
{
	char err[1200];
	int bad = 0;
	if (s->file)
		bad = cli_out_close(s->file, keep, err, sizeof err) < 0;
	else if (s->f && (fflush(s->f) != 0 || ferror(s->f)))
		bad = snprintf(err, sizeof err, "the output: %s", strerror(errno)) > 0;
	if (bad)
		progress_say(NULL, 0, "cannot write %s", err);
	return bad ? -1 : 0;
}

/*
 * input.c - an input file or standard input as a stream of bytes,
 * decompressed when its first bytes are gzip or zstd magic (whatever its
 * name: pipes have none). Every gzip member and zstd frame is read in turn.
 * Damage (a corrupt or cut member, bytes between members that are not
 * compressed data) is reported with its byte offset in the compressed input
 * and skipped: reading goes on at the next member or frame header, so what
 * follows the damage is kept. Offsets in messages count compressed bytes
 * from the start of the input.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "cli.h"

#define IN_CAP (1u << 18)
/* bytes kept behind a member's start, so a member found to be damaged can
   be searched for the start of the next one (a cut member runs into it) */
#define KEEP_BACK (1u << 16)
#define AT_END (-9) /* inflate_some: the input ended where it may */

enum kind { PLAIN, GZIP, ZSTD };

struct cli_input {
	int fd;
	const char *name;
	enum kind kind;
	size_t pos, end;
	unsigned long long off;   /* offset in the input of in[0] */
	bool eof;
	bool in_member;           /* inside a gzip member or zstd frame */
	unsigned long long member; /* where it started */
	z_stream z;
	bool z_ready;
	ZSTD_DStream *zs;
	unsigned char in[IN_CAP]; /* compressed bytes: [pos, end) not used yet;
	                             last, so that opening clears only the rest */
};

static unsigned long long at(const cli_input *s, size_t i)
{
	return s->off + i;
}

/* Read more compressed bytes after s->end, first dropping what is used
   (but KEEP_BACK bytes from a member's start). 1 read some, 0 at the end,
   -1 error. */
static int fill(cli_input *s, char *err, size_t errsize)
{
	size_t from = s->pos;
	if (s->in_member && s->member >= s->off && s->member + KEEP_BACK >= at(s, s->pos))
		from = (size_t)(s->member - s->off);
	if (from > 0) {
		memmove(s->in, s->in + from, s->end - from);
		s->off += from;
		s->pos -= from;
		s->end -= from;
	}
	if (s->end == IN_CAP) { /* the kept bytes fill it: let them go */
		size_t used = s->pos;
		memmove(s->in, s->in + used, s->end - used);
		s->off += used;
		s->pos = 0;
		s->end -= used;
	}
	if (s->eof)
		return 0;
	ssize_t got;
	while ((got = read(s->fd, s->in + s->end, IN_CAP - s->end)) < 0 && errno == EINTR &&
	       !cli_stopped())
		;
	if (got < 0) { /* an error, or stopped by a signal: never a short input */
		snprintf(err, errsize, "%s: %s", s->name, errno == EINTR ? "interrupted" : strerror(errno));
		return -1;
	}
	if (got == 0) {
		s->eof = true;
		return 0;
	}
	s->end += (size_t)got;
	return 1;
}

static bool gzip_magic(const unsigned char *p)
{
	return p[0] == 0x1f && p[1] == 0x8b && p[2] == 8 && (p[3] & 0xe0) == 0;
}

static bool zstd_magic(const unsigned char *p)
{
	return (p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd) ||
	       ((p[0] & 0xf0) == 0x50 && p[1] == 0x2a && p[2] == 0x4d && p[3] == 0x18);
}

static bool magic(const cli_input *s, size_t i)
{
	const unsigned char *p = s->in + i;
	return s->kind == GZIP ? gzip_magic(p) : zstd_magic(p);
}

/* At least n bytes in [pos, end), unless the input ends first. */
static int need(cli_input *s, size_t n, char *err, size_t errsize)
{
	while (s->end - s->pos < n) {
		int rc = fill(s, err, errsize);
		if (rc <= 0)
			return rc;
	}
	return 1;
}

cli_input *cli_input_open(const char *path, char *err, size_t errsize)
{
	cli_input *s = malloc(sizeof *s);
	if (!s) {
		snprintf(err, errsize, "%s: out of memory", path);
		return NULL;
	}
	memset(s, 0, offsetof(cli_input, in));
	bool std_in = strcmp(path, "-") == 0;
	s->name = std_in ? "<stdin>" : path;
	s->fd = std_in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (s->fd < 0) {
		snprintf(err, errsize, "%s: %s", path, strerror(errno));
		free(s);
		return NULL;
	}
	/* a pipe's first line may be shorter than a magic: wait only while the
	   bytes so far could begin one */
	int rc = 1;
	while (rc > 0 && s->end < 4 && (s->end == 0 || s->in[0] == 0x1f || s->in[0] == 0x28 ||
	                                (s->in[0] & 0xf0) == 0x50))
		rc = fill(s, err, errsize);
	if (rc < 0) {
		cli_input_close(s);
		return NULL;
	}
	if (s->end >= 2 && s->in[0] == 0x1f && s->in[1] == 0x8b) /* no text starts so */
		s->kind = GZIP;
	else if (s->end >= 4 && zstd_magic(s->in))
		s->kind = ZSTD;
	if ((s->kind == GZIP && inflateInit2(&s->z, 15 + 16) != Z_OK) ||
	    (s->kind == ZSTD && !(s->zs = ZSTD_createDStream()))) {
		snprintf(err, errsize, "%s: out of memory", s->name);
		cli_input_close(s);
		return NULL;
	}
	s->z_ready = s->kind == GZIP;
	return s;
}

const char *cli_input_name(const cli_input *s)
{
	return s->name;
}

/* After damage in the member that started at s->member (why NULL: the
   input ended inside it), or in bytes between members (from s->pos): go on
   at the next member header, looked for from just after the damaged
   member's start (a cut member runs into the next one), and say what was
   skipped. Returns -2 (damage) with the message in err. */
static long resync(cli_input *s, const char *why, char *err, size_t errsize)
{
	bool gz = s->kind == GZIP;
	const char *what = gz ? "gzip" : "zstd", *unit = gz ? "member" : "frame";
	unsigned long long bad = s->in_member ? s->member : at(s, s->pos), end = at(s, s->end);
	size_t i = s->in_member && s->member >= s->off ? (size_t)(s->member - s->off) + 1 : s->pos;
	s->in_member = false;
	for (;;) {
		for (; i + 4 <= s->end; i++)
			if (magic(s, i))
				break;
		s->pos = i;
		if (i + 4 <= s->end || need(s, 4, err, errsize) <= 0 || s->end - s->pos < 4)
			break;
		i = s->pos;
	}
	if (s->end - s->pos >= 4 && magic(s, s->pos)) {
		snprintf(err, errsize, "%s: damaged %s data at byte %llu (%s): skipped %llu bytes to "
		         "the next %s at byte %llu", s->name, what, bad, why ? why : "cut short",
		         at(s, s->pos) - bad, unit, at(s, s->pos));
	} else {
		if (why)
			snprintf(err, errsize, "%s: damaged %s data at byte %llu (%s): the remaining %llu "
			         "bytes have no %s header; skipped", s->name, what, bad, why,
			         at(s, s->end) - bad, unit);
		else
			snprintf(err, errsize, "%s: truncated %s data: the %s at byte %llu is cut short "
			         "at byte %llu", s->name, what, unit, bad, end);
		s->pos = s->end;
	}
	if (gz)
		inflateReset(&s->z);
	else
		ZSTD_DCtx_reset(s->zs, ZSTD_reset_session_only);
	return -2;
}

/* One step of decompression into dst: bytes, 0 if none yet (call again),
   AT_END, or -1 (error) or -2 (damage) with err. */
static long inflate_some(cli_input *s, char *dst, size_t room, char *err, size_t errsize)
{
	if (s->pos == s->end) {
		int rc = fill(s, err, errsize);
		if (rc < 0)
			return -1;
		if (rc == 0 && s->pos == s->end) {
			if (!s->in_member)
				return AT_END;
			return resync(s, NULL, err, errsize);
		}
	}
	if (!s->in_member) {
		if (need(s, 4, err, errsize) < 0)
			return -1;
		if (s->end - s->pos < 4 || !magic(s, s->pos))
			return resync(s, s->kind == GZIP ? "not gzip data" : "not zstd data", err,
			              errsize);
		s->in_member = true;
		s->member = at(s, s->pos);
	}
	size_t got;
	if (s->kind == GZIP) {
		s->z.next_in = s->in + s->pos;
		s->z.avail_in = (uInt)(s->end - s->pos);
		s->z.next_out = (Bytef *)dst;
		s->z.avail_out = (uInt)(room > (1u << 30) ? 1u << 30 : room);
		int rc = inflate(&s->z, Z_NO_FLUSH);
		s->pos = (size_t)(s->z.next_in - s->in);
		got = (size_t)((char *)s->z.next_out - dst);
		if (rc == Z_STREAM_END) {
			s->in_member = false;
			inflateReset(&s->z);
		} else if (rc == Z_MEM_ERROR) {
			snprintf(err, errsize, "%s: out of memory", s->name);
			return -1;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) { /* what came out with it is suspect */
			return resync(s, s->z.msg ? s->z.msg : "broken data", err, errsize);
		}
	} else {
		ZSTD_inBuffer zin = { s->in, s->end, s->pos };
		ZSTD_outBuffer out = { dst, room, 0 };
		size_t rc = ZSTD_decompressStream(s->zs, &out, &zin);
		if (ZSTD_isError(rc))
			return resync(s, ZSTD_getErrorName(rc), err, errsize);
		s->pos = zin.pos;
		got = out.pos;
		if (rc == 0)
			s->in_member = false;
	}
	return (long)got;
}

long cli_input_read(cli_input *s, char *dst, size_t room, char *err, size_t errsize)
{
	if (room > (1u << 30))
		room = 1u << 30;
	if (cli_stopped()) { /* /dev/zero or a pipe that never ends must not hold a stop */
		snprintf(err, errsize, "%s: interrupted", s->name);
		return -1;
	}
	if (s->kind == PLAIN) {
		if (s->pos == s->end && fill(s, err, errsize) < 0)
			return -1;
		size_t n = s->end - s->pos < room ? s->end - s->pos : room;
		memcpy(dst, s->in + s->pos, n);
		s->pos += n;
		return (long)n;
	}
	for (long got;;) {
		if ((got = inflate_some(s, dst, room, err, errsize)) != 0)
			return got == AT_END ? 0 : got;
		if (cli_stopped()) {
			snprintf(err, errsize, "%s: interrupted", s->name);
			return -1;
		}
	}
}

void cli_input_close(cli_input *s)
{
	if (!s)
		return;
	if (s->fd > STDIN_FILENO)
		close(s->fd);
	if (s->z_ready)
		inflateEnd(&s->z);
	ZSTD_freeDStream(s->zs);
	free(s);
}

/* error.c - error codes, messages and the version string. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "internal.h"

const char *cln_version(void)
{
	return PACKAGE_VERSION;
}

const char *cln_strerror(int code)
{
	switch (code) {
	case CLN_OK: return "success";
	case CLN_ENOMEM: return "out of memory";
	case CLN_EIO: return "cannot read or write a file";
	case CLN_ESYNTAX: return "malformed rule";
	case CLN_EREGEX: return "bad pattern";
	case CLN_EDUPID: return "duplicate rule id";
	case CLN_EINCLUDE: return "bad include";
	case CLN_EINVAL: return "invalid argument";
	case CLN_ELIMIT: return "pattern match limit reached";
	case CLN_ETOOBIG: return "document too large (over 4 GiB - 1 bytes)";
	default: return "unknown error";
	}
}

int cln_seterr(cln_error *err, int code, const char *fmt, ...)
{
	if (err) {
		err->code = code;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->message, sizeof err->message, fmt, ap);
		va_end(ap);
		err->file[0] = err->source_line[0] = '\0';
		err->line = err->column = 0;
		err->offset = 0;
	}
	return code;
}

size_t cln_error_format(const cln_error *err, char *out, size_t outsize)
{
	int n;
	if (err->file[0] && err->line)
		n = snprintf(out, outsize, "%s:%u:%u: error: %s", err->file, err->line,
		             err->column, err->message);
	else if (err->file[0])
		n = snprintf(out, outsize, "%s: error: %s", err->file, err->message);
	else
		n = snprintf(out, outsize, "error: %s", err->message);
	return n < 0 ? 0 : (size_t)n;
}

void cln_free(void *p)
{
	free(p);
}

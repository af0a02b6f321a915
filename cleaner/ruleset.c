/*
 * ruleset.c - building a cln_rules: built-in defaults, rule files, includes,
 * duplicate ids, and the error list. The parser (rulefile.c) does the syntax.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* The built-in rule files, generated from the files in rules/ (default_rules.c). */
typedef struct builtin_file {
	const char *name;
	const char *text;
} builtin_file;
extern const builtin_file cln_builtin_rules[];
extern const size_t cln_builtin_count;

#define BUILTIN_PREFIX "builtin:"
#define MAX_INCLUDE_DEPTH 16

struct rule_loader {
	cln_rules *set;
	size_t cap;
	const cln_rules_options *opts;
	cln_error *first;   /* caller's error struct, filled by the first error */
	size_t errors;
	int first_code;
	const char *stack[MAX_INCLUDE_DEPTH]; /* files being read, outermost first */
	size_t depth;
};

void cln_rule_clear(rule *r)
{
	free(r->id);
	free(r->file);
	free(r->with);
	pcre2_code_free(r->pat.code);
	cln_selector_free(r->sel);
	for (size_t i = 0; i < r->nmarkers; i++)
		pcre2_code_free(r->markers[i].code);
	free(r->markers);
	memset(r, 0, sizeof *r);
}

int cln_loader_add_rule(rule_loader *ld, rule *r)
{
	cln_rules *s = ld->set;
	if (grow_array(&s->v, s->n, &ld->cap, sizeof *s->v) < 0)
		return CLN_ENOMEM;
	s->v[s->n++] = *r;
	memset(r, 0, sizeof *r);
	return 0;
}

const rule *cln_loader_find(const rule_loader *ld, const char *id, size_t len)
{
	for (size_t i = 0; i < ld->set->n; i++)
		if (strlen(ld->set->v[i].id) == len && memcmp(ld->set->v[i].id, id, len) == 0)
			return &ld->set->v[i];
	return NULL;
}

bool cln_loader_disable(rule_loader *ld, const char *id, size_t len)
{
	cln_rules *s = ld->set;
	for (size_t i = 0; i < s->n; i++)
		if (strlen(s->v[i].id) == len && memcmp(s->v[i].id, id, len) == 0) {
			cln_rule_clear(&s->v[i]);
			memmove(&s->v[i], &s->v[i + 1], (s->n - i - 1) * sizeof *s->v);
			s->n--;
			return true;
		}
	return false;
}

void cln_loader_error(rule_loader *ld, int code, const char *file,
                      unsigned line, unsigned col, size_t offset,
                      const char *srcline, size_t srclen, const char *fmt, ...)
{
	cln_error e;
	memset(&e, 0, sizeof e);
	e.code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e.message, sizeof e.message, fmt, ap);
	va_end(ap);
	snprintf(e.file, sizeof e.file, "%s", file ? file : "");
	e.line = line;
	e.column = col;
	e.offset = offset;
	if (srcline) {
		size_t n = srclen < sizeof e.source_line - 1 ? srclen : sizeof e.source_line - 1;
		memcpy(e.source_line, srcline, n);
		e.source_line[n] = '\0';
	}
	if (ld->errors++ == 0) {
		ld->first_code = code;
		if (ld->first)
			*ld->first = e;
	}
	if (ld->opts->on_error)
		ld->opts->on_error(&e, ld->opts->userdata);
}

static const builtin_file *find_builtin(const char *name)
{
	for (size_t i = 0; i < cln_builtin_count; i++)
		if (strcmp(cln_builtin_rules[i].name, name) == 0)
			return &cln_builtin_rules[i];
	return NULL;
}

static int read_file(const char *path, buf *out)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	errno = 0;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_add(out, chunk, n) < 0) {
			fclose(f);
			errno = ENOMEM;
			return -1;
		}
	int bad = ferror(f) ? (errno ? errno : EIO) : 0; /* a folder: EISDIR, said as such */
	fclose(f);
	if (bad) {
		errno = bad;
		return -1;
	}
	return 0;
}

/* Parse one file with `name` on the include stack (loop detection). */
static size_t load_named(rule_loader *ld, const char *name, bool builtin,
                         const char *text, size_t len)
{
	ld->stack[ld->depth++] = name;
	size_t n = cln_parse_rules(ld, name, builtin, text, len);
	ld->depth--;
	return n;
}

size_t cln_loader_include(rule_loader *ld, const char *from, bool builtin,
                          const char *path, size_t pathlen, unsigned line,
                          unsigned col, size_t offset, const char *srcline,
                          size_t srclen)
{
#define INCLUDE_ERROR(...) \
	(cln_loader_error(ld, CLN_EINCLUDE, from, line, col, offset, srcline, srclen, __VA_ARGS__), 1)
	if (pathlen == 0 || memchr(path, '\0', pathlen))
		return INCLUDE_ERROR("include needs a file name");
	if (ld->depth >= MAX_INCLUDE_DEPTH)
		return INCLUDE_ERROR("includes nested deeper than %d files", MAX_INCLUDE_DEPTH);

	/* resolve: built-in files include each other by name; files on disk
	   include relative to their own folder */
	buf name = BUF_INIT;
	buf text = BUF_INIT;
	size_t errs = 0;
	if (builtin) {
		const builtin_file *bf = find_builtin(path);
		if (!bf) {
			errs = INCLUDE_ERROR("no built-in rule file '%s'", path);
			goto out;
		}
		buf_printf(&name, BUILTIN_PREFIX "%s", bf->name);
		buf_adds(&text, bf->text);
	} else {
		const char *slash = strrchr(from, '/');
		if (path[0] != '/' && slash)
			buf_add(&name, from, (size_t)(slash - from) + 1);
		buf_adds(&name, path);
		if (read_file(name.data, &text) < 0) {
			errs = INCLUDE_ERROR("cannot read '%s': %s", name.data, strerror(errno));
			goto out;
		}
	}
	char real[PATH_MAX];
	const char *key = builtin || !realpath(name.data, real) ? name.data : real;
	for (size_t i = 0; i < ld->depth; i++) {
		char ri[PATH_MAX];
		const char *ki = strncmp(ld->stack[i], BUILTIN_PREFIX, strlen(BUILTIN_PREFIX)) == 0 ||
		                 !realpath(ld->stack[i], ri) ? ld->stack[i] : ri;
		if (strcmp(ki, key) == 0) {
			buf chain = BUF_INIT;
			for (size_t j = i; j < ld->depth; j++)
				buf_printf(&chain, "%s -> ", ld->stack[j]);
			buf_adds(&chain, name.data);
			errs = INCLUDE_ERROR("include loop: %s", chain.data);
			buf_free(&chain);
			goto out;
		}
	}
	errs = load_named(ld, name.data, builtin, text.data ? text.data : "", text.len);
out:
	buf_free(&name);
	buf_free(&text);
	return errs;
#undef INCLUDE_ERROR
}

static void load_file(rule_loader *ld, const char *path)
{
	buf text = BUF_INIT;
	if (read_file(path, &text) < 0)
		cln_loader_error(ld, CLN_EIO, path, 0, 0, 0, NULL, 0,
		                 "cannot read rule file: %s", strerror(errno));
	else
		load_named(ld, path, false, text.data ? text.data : "", text.len);
	buf_free(&text);
}

int cln_rules_new(cln_rules **out, const cln_rules_options *opts, cln_error *err)
{
	static const cln_rules_options defaults = CLN_RULES_OPTIONS_INIT;
	if (!out)
		return cln_seterr(err, CLN_EINVAL, "cln_rules_new: out is NULL");
	*out = NULL;
	if (!opts)
		opts = &defaults;
	for (size_t i = 0; i < opts->nfiles; i++)
		if (!opts->files || !opts->files[i])
			return cln_seterr(err, CLN_EINVAL, "cln_rules_options: files[%zu] of %zu is NULL",
			                  i, opts->nfiles);
	if (opts->version != CLN_RULES_OPTIONS_VERSION)
		return cln_seterr(err, CLN_EINVAL, "cln_rules_options version %u, expected %u",
		                  opts->version, CLN_RULES_OPTIONS_VERSION);
	cln_rules *set = calloc(1, sizeof *set);
	if (!set)
		return cln_seterr(err, CLN_ENOMEM, "out of memory");
	rule_loader ld = { .set = set, .opts = opts, .first = err };
	if (!opts->no_defaults) {
		const builtin_file *bf = find_builtin("default.rules");
		load_named(&ld, BUILTIN_PREFIX "default.rules", true, bf->text, strlen(bf->text));
	}
	for (size_t i = 0; i < opts->nfiles; i++)
		load_file(&ld, opts->files[i]);
	if (opts->text)
		load_named(&ld, opts->text_name ? opts->text_name : "<rules>", false,
		           opts->text, opts->text_len ? opts->text_len : strlen(opts->text));
	if (ld.errors) {
		cln_rules_free(set);
		return ld.first_code;
	}
	*out = set;
	return 0;
}

void cln_rules_free(cln_rules *rules)
{
	if (!rules)
		return;
	for (size_t i = 0; i < rules->n; i++)
		cln_rule_clear(&rules->v[i]);
	free(rules->v);
	free(rules);
}

size_t cln_rules_count(const cln_rules *rules)
{
	return rules ? rules->n : 0;
}

const char *cln_default_rules_name(size_t i)
{
	return i < cln_builtin_count ? cln_builtin_rules[i].name : NULL;
}

const char *cln_default_rules_text(size_t i)
{
	return i < cln_builtin_count ? cln_builtin_rules[i].text : NULL;
}

/*
 * test.c - `cleaner test DIR...`: run folders of cases laid out as the
 * project's fixtures/ are (input.*, expected.txt, optional expected.json,
 * rules and url), print a unified diff for each failing case and a
 * summary line "N passed, N failed". Exit 0 all passed, 1 some failed, 2
 * usage errors. --update writes the expected files from what cleaner
 * gives now.
 */
#include <dirent.h>
#include <getopt.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* expected.json as tests/regen-fixture writes it (Python's json.dumps
   with indent=1): reals in their shortest form, 15.7 not 15.699999... */
#define PRETTY (JSON_INDENT(1) | JSON_REAL_PRECISION(15))

typedef struct test_run {
	bool update, quiet;
	size_t passed, failed;
	const cln_rules *defaults;
} test_run;

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* DIR/name, malloc'd (NULL if out of memory). */
static char *join(const char *dir, const char *name)
{
	return cli_concat(dir, "/", name, "");
}

/* The case's input file, malloc'd, or NULL when it has none. */
static char *find_input(const char *dir)
{
	static const char *const names[] = { "input.txt", "input.html", "input.htm" };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *p = join(dir, names[i]);
		if (p && exists(p))
			return p;
		free(p);
	}
	return NULL;
}

static bool is_case(const char *dir)
{
	char *in = find_input(dir), *exp = join(dir, "expected.txt");
	bool yes = in || (exp && exists(exp));
	free(in);
	free(exp);
	return yes;
}

static void fail(test_run *t, const char *dir, const char *why)
{
	t->failed++;
	printf("FAIL %s: %s\n", dir, why);
}

/* The defaults, or the defaults and the case's rules file (its errors
   printed); NULL if it does not load. *owned: what to free. */
static const cln_rules *case_rules(const test_run *t, const char *dir, cln_rules **owned)
{
	char *file = join(dir, "rules");
	*owned = NULL;
	if (!file || !exists(file)) {
		free(file);
		return t->defaults;
	}
	size_t nerr = 0;
	const char *files[] = { file };
	cln_rules_options ro = cli_rules_options(files, 1, false, &nerr);
	cln_rules_new(owned, &ro, NULL);
	free(file);
	return *owned;
}

/* Compare (or with --update write) one expected file; true if it holds
   `got`. json: compare as JSON values, diff them pretty-printed. */
static bool expect_file(test_run *t, const char *dir, const char *name, const char *got,
                        size_t glen, bool json)
{
	char *path = join(dir, name), *want = NULL, err[1200];
	size_t wlen = 0;
	bool have = path && exists(path), ok = false;
	if (have && cli_read_file(path, 0, &want, &wlen, err, sizeof err) < 0) {
		printf("FAIL %s: %s\n", dir, err);
		free(path);
		return false;
	}
	json_t *w = json && have ? json_loadb(want, wlen, 0, NULL) : NULL;
	json_t *g = json ? json_loadb(got, glen, 0, NULL) : NULL;
	char *gs = g ? json_dumps(g, PRETTY) : NULL;
	char *ws = w ? json_dumps(w, PRETTY) : NULL;
	if (json ? w && g && json_equal(w, g) : have && wlen == glen && !memcmp(want, got, glen))
		ok = true;
	else if (t->update && path) {
		char *text = gs ? cli_concat(gs, "\n", "", "") : NULL;
		ok = cli_write_atomic(path, text ? text : got, text ? strlen(text) : glen, err,
		                      sizeof err) == 0;
		if (!t->quiet || !ok)
			printf(ok ? "updated %s\n" : "FAIL %s\n", ok ? path : err);
		free(text);
	} else if (!have) {
		printf("FAIL %s: no %s (cleaner test --update writes it from what cleaner gives now)\n",
		       dir, name);
	} else {
		printf("FAIL %s: %s differs\n", dir, name);
		char *now = cli_concat(dir, " (cleaned now)", "", "");
		cli_diff(stdout, ws ? ws : want, ws ? strlen(ws) : wlen, gs ? gs : got,
		         gs ? strlen(gs) : glen, path, now ? now : dir);
		free(now);
	}
	json_decref(w);
	json_decref(g);
	free(gs);
	free(ws);
	free(want);
	free(path);
	return ok;
}

/* The page's URL: the first line of the case's url file, malloc'd in
   *url; NULL when it has none (or an empty one). 0, or -1 with the reason
   in err. */
static int case_url(const char *dir, char **url, char *err, size_t errsize)
{
	char *path = join(dir, "url"), *data = NULL;
	size_t len = 0, n = 0;
	*url = NULL;
	int rc = path && exists(path) ? cli_read_file(path, 4096, &data, &len, err, errsize) : 0;
	while (n < len && data[n] != '\n' && data[n] != '\r')
		n++;
	if (n)
		*url = strndup(data, n);
	free(data);
	free(path);
	return rc;
}

static void run_case(test_run *t, const char *dir)
{
	char *in = find_input(dir), *data = NULL, *url = NULL, err[1200];
	size_t len;
	if (!in || case_url(dir, &url, err, sizeof err) < 0) {
		fail(t, dir, in ? err : "no input.txt, input.html or input.htm");
		free(in);
		return;
	}
	cln_clean_options co = CLN_CLEAN_OPTIONS_INIT;
	co.url = url;
	co.markdown = 0; /* the cases compare text */
	cln_rules *owned;
	const cln_rules *rules = case_rules(t, dir, &owned);
	cln_result *res = NULL;
	cln_error ce;
	if (!rules)
		fail(t, dir, "its rules do not load");
	else if (cli_read_file(in, CLI_DEFAULT_MAX_BYTES, &data, &len, err, sizeof err) < 0)
		fail(t, dir, err);
	else if (cln_clean(&res, rules, data, len, &co, &ce) < 0)
		fail(t, dir, ce.message);
	char *text = NULL, *rep = NULL;
	size_t tl, rl;
	if (res && (cln_result_render(&text, &tl, res, CLN_OUTPUT_TEXT, &ce) < 0 ||
	            cln_result_report(&rep, &rl, res, CLN_REPORT_JSON, &ce) < 0))
		fail(t, dir, ce.message);
	if (text && rep) {
		char *json = join(dir, "expected.json");
		bool ok = expect_file(t, dir, "expected.txt", text, tl, false);
		if (json && exists(json))
			ok = expect_file(t, dir, "expected.json", rep, rl, true) && ok;
		free(json);
		ok ? t->passed++ : t->failed++;
		if (ok && !t->quiet)
			printf("ok   %s\n", dir);
	}
	cln_free(text);
	cln_free(rep);
	cln_result_free(res);
	cln_rules_free(owned);
	free(data);
	free(url);
	free(in);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run DIR as a case, or each folder in it (sorted; hidden ones left);
   -1 when it holds none. */
static int run_dir(test_run *t, const char *dir)
{
	if (is_case(dir)) {
		run_case(t, dir);
		return 0;
	}
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	char **sub = NULL;
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d));) {
		struct stat st;
		char *p = e->d_name[0] == '.' ? NULL : join(dir, e->d_name);
		char **more = p ? realloc(sub, (n + 1) * sizeof *sub) : NULL;
		if (more && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
			sub = more;
			sub[n++] = p;
		} else {
			sub = more ? more : sub;
			free(p);
		}
	}
	closedir(d);
	if (n) /* sub is NULL in a folder with none */
		qsort(sub, n, sizeof *sub, by_name);
	for (size_t i = 0; i < n; i++) {
		run_case(t, sub[i]);
		free(sub[i]);
	}
	free(sub);
	return n ? 0 : -1;
}

static int usage(const char *msg, const char *arg)
{
	fprintf(stderr, "cleaner test: ");
	fprintf(stderr, msg, arg);
	fprintf(stderr, "\nUsage: cleaner test [--update] [-q] DIR...\n");
	return 2;
}

int cli_test_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "update", no_argument, NULL, 'u' },
		{ "quiet", no_argument, NULL, 'q' },
		{ NULL, 0, NULL, 0 },
	};
	test_run t = { 0 };
	optind = 1;
	opterr = 0;
	for (int ch; (ch = getopt_long(argc, argv, "+q", opts, NULL)) != -1;) {
		if (ch == 'u')
			t.update = true;
		else if (ch == 'q')
			t.quiet = true;
		else
			return usage("unknown option '%s'", argv[optind - 1]);
	}
	if (optind == argc)
		return usage("%s", "which folder of cases?");
	size_t nerr = 0;
	cln_rules_options ro = cli_rules_options(NULL, 0, false, &nerr);
	cln_rules *defaults;
	if (cln_rules_new(&defaults, &ro, NULL) < 0)
		return 2;
	t.defaults = defaults;
	int status = 0;
	for (int i = optind; i < argc; i++) {
		size_t n = strlen(argv[i]);
		while (n > 1 && argv[i][n - 1] == '/')
			argv[i][--n] = '\0'; /* cases/ names its cases cases/NAME */
		if (run_dir(&t, argv[i]) < 0) {
			fprintf(stderr, "cleaner test: %s: no cases (no input.* or expected.txt in it "
			        "or in a folder inside it)\n", argv[i]);
			status = 2;
		}
	}
	cln_rules_free(defaults);
	printf("%zu passed, %zu failed\n", t.passed, t.failed);
	return status ? status : t.failed ? 1 : 0;
}

// shim.h - the C API as the tests see it: cleaner.h inside extern "C", plus
// RAII owners and small helpers so each test reads as what it checks.
#ifndef CLEANER_TEST_SHIM_H
#define CLEANER_TEST_SHIM_H

extern "C" {
#include "cleaner.h"
}

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

struct RulesFree {
	void operator()(cln_rules *r) const { cln_rules_free(r); }
};
struct ResultFree {
	void operator()(cln_result *r) const { cln_result_free(r); }
};
struct CFree {
	void operator()(char *p) const { cln_free(p); }
};
using Rules = std::unique_ptr<cln_rules, RulesFree>;
using Result = std::unique_ptr<cln_result, ResultFree>;
using CString = std::unique_ptr<char, CFree>;

// Every error a rule load reported, as "file:line:col: error: message".
struct Errors {
	std::vector<std::string> all;
	std::vector<cln_error> raw;
	static void collect(const cln_error *e, void *ud)
	{
		auto *self = static_cast<Errors *>(ud);
		char msg[2048];
		cln_error_format(e, msg, sizeof msg);
		self->all.push_back(msg);
		self->raw.push_back(*e);
	}
};

// Compile rule text (and optionally the defaults and files). Null on error.
inline Rules compile(const std::string &text, bool defaults = false, Errors *errs = nullptr,
                     const std::vector<std::string> &files = {}, int *code = nullptr)
{
	std::vector<const char *> paths;
	for (const auto &f : files)
		paths.push_back(f.c_str());
	cln_rules_options o = CLN_RULES_OPTIONS_INIT;
	o.no_defaults = !defaults;
	o.files = paths.data();
	o.nfiles = paths.size();
	if (!text.empty()) {
		o.text = text.data();
		o.text_len = text.size();
	}
	o.on_error = errs ? Errors::collect : nullptr;
	o.userdata = errs;
	cln_rules *r = nullptr;
	cln_error err;
	int rc = cln_rules_new(&r, &o, &err);
	if (code)
		*code = rc;
	return Rules(r);
}

inline Result clean(const cln_rules *rules, const std::string &in, unsigned long limit = 0,
                    const char *url = nullptr)
{
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.match_limit = limit;
	o.url = url;
	cln_result *r = nullptr;
	cln_error err;
	if (cln_clean(&r, rules, in.data(), in.size(), &o, &err) != 0)
		return Result(nullptr);
	return Result(r);
}

inline std::string text_of(const cln_result *r)
{
	size_t n;
	const char *t = cln_result_text(r, &n);
	return std::string(t, n);
}

// The string a cln_result_report or cln_result_render call made (freed
// here), or `failed` when the call failed.
inline std::string owned(int rc, char *s, size_t n, const char *failed)
{
	CString owner(s);
	return rc == 0 ? std::string(s, n) : std::string(failed);
}

inline std::string report_of(const cln_result *r, cln_report_format f)
{
	char *s = nullptr;
	size_t n = 0;
	int rc = cln_result_report(&s, &n, r, f, nullptr); /* before s, n are read */
	return owned(rc, s, n, "<report failed>");
}

inline std::string render_of(const cln_result *r, cln_output_format f)
{
	char *s = nullptr;
	size_t n = 0;
	int rc = cln_result_render(&s, &n, r, f, nullptr);
	return owned(rc, s, n, "<render failed>");
}

inline std::string read_file(const std::string &path)
{
	std::ifstream f(path, std::ios::binary);
	std::stringstream ss;
	ss << f.rdbuf();
	return ss.str();
}

inline bool file_exists(const std::string &path)
{
	std::ifstream f(path);
	return f.good();
}

inline std::string srcdir()
{
	const char *s = std::getenv("CLEANER_SRCDIR");
	return s ? s : ".";
}

// A fixture's input: input.html for a page, input.txt for flattened text.
inline std::string fixture_input(const std::string &dir)
{
	return file_exists(dir + "/input.html") ? dir + "/input.html" : dir + "/input.txt";
}

#endif

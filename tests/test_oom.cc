// test_oom.cc - out of memory while loading rules: every allocation fails
// in turn, and the load must then either fail (an error, nothing returned)
// or give every rule: never a rule set with a rule silently missing.
//
// malloc, calloc and realloc are replaced in this program (glibc calls them
// through the PLT, so the library, PCRE2 and strdup use them too). Under
// the sanitizers, which bring their own allocator, the test is skipped.
#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cstring>
#include <filesystem>

#include "shim.h"

namespace fs = std::filesystem;

#if defined(__SANITIZE_ADDRESS__)
#define OOM_INJECTION 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define OOM_INJECTION 0
#endif
#endif
#ifndef OOM_INJECTION
#define OOM_INJECTION 1
#endif

static long fail_at = -1; // the allocation to fail, counted from 0; -1: none
static long allocations;

#if OOM_INJECTION
extern "C" {
void *__libc_malloc(size_t);
void *__libc_calloc(size_t, size_t);
void *__libc_realloc(void *, size_t);

// Gumbo does not check its allocations (it would crash, not fail), so its
// own mallocs are never failed; the library gives it an arena whose chunks
// come from malloc here and are failed in turn (htmlparse.c).
static bool fail_now(void *caller)
{
	if (fail_at < 0)
		return false;
	Dl_info in;
	if (dladdr(caller, &in) && in.dli_fname && strstr(in.dli_fname, "libgumbo"))
		return false;
	return allocations++ == fail_at;
}

void *malloc(size_t n)
{
	return fail_now(__builtin_return_address(0)) ? nullptr : __libc_malloc(n);
}

void *calloc(size_t n, size_t m)
{
	return fail_now(__builtin_return_address(0)) ? nullptr : __libc_calloc(n, m);
}

void *realloc(void *p, size_t n)
{
	return fail_now(__builtin_return_address(0)) ? nullptr : __libc_realloc(p, n);
}
}
#endif

// Every kind of rule, a selector with :not and :has-text, an include.
static const char *RULES =
	"include \"inc.rules\"\n"
	"ad: drop /^advertisement$/i maxlen=40\n"
	"next: drop-next /^\\d+:\\d\\d - Source:/ next=1\n"
	"after: drop-after /^related stories$/i\n"
	"before: drop-before /^skip to content$/i\n"
	"strip: replace /^(?<lead>By )(\\w+)/ with=\"${lead}$2 $$\"\n"
	"carousel: run marker=/^\\d+ photos$/ marker=/^gallery$/i\n"
	"dups: duplicate\n"
	"define promo /^(?:sponsored|promoted)\\b/i\n"
	"social: drop {div.share > a:not(.keep), aside:has-text(/share/i), [role=banner]}\n"
	"promos: drop {p:has-text(@promo), [data-kind=@promo]}\n"
	"safe: keep /^by /i\n"
	"disable inc2\n";

// Fail allocations n = 0, stride, 2*stride, ... of loading the rules of o,
// until a load makes no allocation n; returns how many loads failed.
static size_t load_failing(const cln_rules_options &o, long stride)
{
	cln_rules *full = nullptr;
	EXPECT_EQ(0, cln_rules_new(&full, &o, nullptr));
	size_t want = cln_rules_count(full);
	cln_rules_free(full);

	size_t failed = 0;
	for (long n = 0;; n += stride) {
		cln_rules *r = nullptr;
		cln_error err;
		allocations = 0;
		fail_at = n;
		int rc = cln_rules_new(&r, &o, &err);
		bool injected = allocations > n;
		fail_at = -1;
		if (rc == 0) {
			EXPECT_EQ(want, cln_rules_count(r))
				<< "allocation " << n << " failed and a rule went missing";
			cln_rules_free(r);
		} else {
			EXPECT_EQ(nullptr, r);
			EXPECT_EQ(CLN_ENOMEM, rc)
				<< "allocation " << n << ": code " << rc << ": " << err.message;
			failed++;
		}
		if (!injected)
			break;
		if (n >= 1000000) {
			ADD_FAILURE() << "no end to the allocations";
			break;
		}
	}
	return failed;
}

// Every allocation of loading a file of every kind of rule fails in turn.
// The built-in defaults make hundreds of thousands of allocations, and each
// load repeats them all, so there every 97th fails (a prime, so the failures
// fall on every kind of allocation site) to keep the test to seconds.
TEST(OutOfMemory, RuleLoadingFailsOrGivesEveryRule)
{
	if (!OOM_INJECTION)
		GTEST_SKIP() << "allocation failures are not injected under the sanitizers";
	char tmpl[] = "/tmp/cleaner-oom-XXXXXX";
	fs::path dir = mkdtemp(tmpl);
	std::ofstream(dir / "inc.rules") << "inc1: drop /^inc$/\ninc2: drop /^two$/\n";
	std::ofstream(dir / "main.rules") << RULES;
	std::string path = (dir / "main.rules").string();
	const char *files[] = { path.c_str() };
	cln_rules_options o = CLN_RULES_OPTIONS_INIT;
	o.files = files;
	o.nfiles = 1;
	o.no_defaults = 1;
	EXPECT_GT(load_failing(o, 1), 10u);
	o.no_defaults = 0;
	EXPECT_GT(load_failing(o, 97), 10u);
	fs::remove_all(dir);
}

// The same for cleaning a page with selector, pattern and replace rules
// (and the defaults): a failed allocation fails the call with CLN_ENOMEM,
// or changes nothing in the result.
TEST(OutOfMemory, CleaningFailsOrGivesTheSameResult)
{
	if (!OOM_INJECTION)
		GTEST_SKIP() << "allocation failures are not injected under the sanitizers";
	Errors errs;
	Rules rules = compile("social: drop {div.share, aside:has-text(/share/i), div div > p.x}\n"
	                      "strip: replace /^By (\\w+)/ with=\"$1:\"\n"
	                      "ad: drop /^advertisement$/i\n",
	                      true, &errs);
	ASSERT_TRUE(rules) << (errs.all.empty() ? "" : errs.all[0]);
	std::string page = "<!doctype html><html><head><title>A page</title></head><body>"
	                   "<div class=share><p>Share this</p></div><article><h1>Head</h1>"
	                   "<p>By Someone, a reporter</p><p>Advertisement</p>";
	for (int i = 0; i < 8; i++)
		page += "<p>A paragraph of the article body, long enough to count as prose, "
		        "number " + std::to_string(i) + ".</p>";
	page += "<div><div><p class=x>inner</p></div></div><aside>Share on</aside></article>"
	        "</body></html>";
	Result want = clean(rules.get(), page);
	ASSERT_TRUE(want);
	std::string want_text = text_of(want.get());
	size_t want_removals = cln_result_removal_count(want.get());
	for (long n = 0;; n++) {
		cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
		cln_result *r = nullptr;
		cln_error err;
		allocations = 0;
		fail_at = n;
		int rc = cln_clean(&r, rules.get(), page.data(), page.size(), &o, &err);
		bool injected = allocations > n;
		fail_at = -1;
		if (rc == 0) {
			EXPECT_EQ(want_text, text_of(r)) << "allocation " << n;
			EXPECT_EQ(want_removals, cln_result_removal_count(r)) << "allocation " << n;
			cln_result_free(r);
		} else {
			EXPECT_EQ(CLN_ENOMEM, rc) << "allocation " << n << ": " << err.message;
		}
		if (!injected)
			break;
		ASSERT_LT(n, 1000000) << "no end to the allocations";
	}
}

// Explaining while allocations fail: the same text and an explanation, or
// CLN_ENOMEM, from the clean and from the rendering.
TEST(OutOfMemory, ExplainFailsOrExplains)
{
	if (!OOM_INJECTION)
		GTEST_SKIP() << "allocation failures are not injected under the sanitizers";
	Rules rules = compile("k: keep /^Kept/\nd: drop /Kept|^Promo/\n", true);
	ASSERT_TRUE(rules);
	std::string page = "<html><head><title>T</title></head><body><nav><a href=/>Home</a></nav>"
	                   "<article><p>Promo</p><p>Kept here</p>";
	for (int i = 0; i < 6; i++)
		page += "<p>A paragraph of the article body, long enough to count as prose, "
		        "number " + std::to_string(i) + ".</p>";
	page += "</article></body></html>";
	std::string want_text = text_of(clean(rules.get(), page).get());
	cln_explain_options eo = { 0, "article p" };
	for (long n = 0;; n++) {
		cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
		o.explain = &eo;
		cln_result *r = nullptr;
		cln_error err;
		char *s = nullptr;
		allocations = 0;
		fail_at = n;
		int rc = cln_clean(&r, rules.get(), page.data(), page.size(), &o, &err);
		int rc2 = rc == 0 ? cln_result_explain(&s, nullptr, r, CLN_EXPLAIN_JSON, &err) : 0;
		bool injected = allocations > n;
		fail_at = -1;
		if (rc == 0)
			EXPECT_EQ(want_text, text_of(r)) << "allocation " << n;
		else
			EXPECT_EQ(CLN_ENOMEM, rc) << "allocation " << n << ": " << err.message;
		EXPECT_TRUE(rc2 == 0 || rc2 == CLN_ENOMEM) << "allocation " << n;
		cln_free(s);
		cln_result_free(r);
		if (!injected)
			break;
		ASSERT_LT(n, 1000000) << "no end to the allocations";
	}
}

TEST(OutOfMemory, HtmlReportFailsOrIsWhole)
{
	if (!OOM_INJECTION)
		GTEST_SKIP() << "allocation failures are not injected under the sanitizers";
	Rules rules = compile("ad: drop /^advertisement$/i\nw: replace /world/ with=\"there\"\n");
	ASSERT_TRUE(rules);
	Result res = clean(rules.get(), "Advertisement\nhello world <b>\nAdvertisement\nend\n");
	ASSERT_TRUE(res);
	std::string want = report_of(res.get(), CLN_REPORT_HTML);
	for (long n = 0;; n++) {
		char *out = nullptr;
		size_t len = 0;
		allocations = 0;
		fail_at = n;
		int rc = cln_result_report(&out, &len, res.get(), CLN_REPORT_HTML, nullptr);
		bool injected = allocations > n;
		fail_at = -1;
		if (rc == 0)
			EXPECT_EQ(want, std::string(out, len)) << "allocation " << n;
		else
			EXPECT_EQ(CLN_ENOMEM, rc) << "allocation " << n;
		cln_free(out);
		if (!injected)
			break;
		ASSERT_LT(n, 100000) << "no end to the allocations";
	}
}

// Markdown while allocations fail: the clean fails with CLN_ENOMEM or
// renders exactly the Markdown it renders with memory to spare.
TEST(OutOfMemory, MarkdownFailsOrIsWhole)
{
	if (!OOM_INJECTION)
		GTEST_SKIP() << "allocation failures are not injected under the sanitizers";
	Rules rules = compile("ad: drop /^Promo/\n");
	ASSERT_TRUE(rules);
	std::string page = "<html><head><link rel=canonical href=\"https://a.org/b/c\"></head><body>"
	                   "<h2>Head <em>x</em></h2><p>Promo</p><ol start=4><li>a<ul><li>b</ul>"
	                   "<li><p>c</p><p>d <a href=../e>link</a></p></ol><blockquote>q</blockquote>"
	                   "<table><tr><th>h<th>i<tr><td colspan=2>a|b</table>"
	                   "<pre class=lang-c>x ```</pre><p><img src=i.png alt=I> <code>`</code></p>";
	cln_clean_options o = CLN_CLEAN_OPTIONS_INIT;
	o.markdown = CLN_MARKDOWN | CLN_MARKDOWN_LINKS | CLN_MARKDOWN_IMAGES;
	auto markdown = [&](long fail, int *rc) {
		cln_result *r = nullptr;
		char *s = nullptr;
		size_t len = 0;
		allocations = 0;
		fail_at = fail;
		*rc = cln_clean(&r, rules.get(), page.data(), page.size(), &o, nullptr);
		fail_at = -1; /* the render is test_markdown's */
		if (*rc == 0) {
			EXPECT_EQ(0, cln_result_render(&s, &len, r, CLN_OUTPUT_MARKDOWN, nullptr));
		}
		std::string out = s ? std::string(s, len) : "";
		cln_free(s);
		cln_result_free(r);
		return out;
	};
	int rc;
	std::string want = markdown(-1, &rc);
	ASSERT_EQ(0, rc);
	ASSERT_NE(std::string::npos, want.find("[link](https://a.org/e)")) << want;
	for (long n = 0;; n++) {
		std::string got = markdown(n, &rc);
		bool injected = allocations > n;
		if (rc == 0)
			EXPECT_EQ(want, got) << "allocation " << n;
		else
			EXPECT_EQ(CLN_ENOMEM, rc) << "allocation " << n;
		if (!injected) {
			EXPECT_GT(n, 50); /* the Markdown's own allocations were failed too */
			break;
		}
		ASSERT_LT(n, 1000000) << "no end to the allocations";
	}
}

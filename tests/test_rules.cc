// test_rules.cc - the rule parser and every action, driven by the jq-style
// case file tests/rules.test (one GoogleTest case per %%TEST), plus the
// include cases that need real files.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <random>

#include "shim.h"

namespace fs = std::filesystem;

struct Case {
	std::string name, rules, input, output, removed, fail;
	bool has_output = false, has_removed = false, has_fail = false;
	int line = 0;
};

// Name the case in failure messages instead of dumping its bytes.
static void PrintTo(const Case &c, std::ostream *os)
{
	*os << "rules.test:" << c.line << " " << c.name;
}

static std::vector<Case> load_cases()
{
	std::vector<Case> cases;
	std::ifstream f(srcdir() + "/tests/rules.test", std::ios::binary);
	std::string line, *section = nullptr;
	bool strip_eol = false, last_empty = false;
	int n = 0;
	auto finish = [&]() {
		if (section && last_empty)
			section->pop_back(); // the blank line between cases
		if (section && strip_eol && !section->empty() && section->back() == '\n')
			section->pop_back();
		last_empty = false;
	};
	while (std::getline(f, line)) {
		n++;
		if (line.rfind("%%#", 0) == 0) {
			finish();
			section = nullptr;
			continue;
		}
		if (line.rfind("%%", 0) == 0) {
			finish();
			std::string tag = line.substr(2, line.find(' ') == std::string::npos
			                                         ? std::string::npos : line.find(' ') - 2);
			std::string arg = line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
			strip_eol = arg == "-n";
			if (tag == "TEST") {
				cases.push_back(Case());
				cases.back().name = arg;
				cases.back().line = n;
				section = nullptr;
				continue;
			}
			Case &c = cases.back();
			if (tag == "RULES") section = &c.rules;
			else if (tag == "INPUT") section = &c.input;
			else if (tag == "OUTPUT") { section = &c.output; c.has_output = true; }
			else if (tag == "REMOVED") { section = &c.removed; c.has_removed = true; }
			else if (tag == "FAIL") { section = &c.fail; c.has_fail = true; }
			else ADD_FAILURE() << "rules.test:" << n << ": unknown section " << tag;
			continue;
		}
		if (section) {
			*section += line + "\n";
			last_empty = line.empty();
		}
		else if (!line.empty() && line[0] != '#')
			ADD_FAILURE() << "rules.test:" << n << ": text outside a section";
	}
	finish();
	return cases;
}

class RuleCase : public ::testing::TestWithParam<Case> {};

TEST_P(RuleCase, Runs)
{
	const Case &c = GetParam();
	SCOPED_TRACE("tests/rules.test:" + std::to_string(c.line) + ": " + c.name);
	Errors errs;
	Rules rules = compile(c.rules, false, &errs);
	if (c.has_fail) {
		ASSERT_FALSE(rules) << "rules compiled but errors were expected";
		std::string got;
		for (const auto &e : errs.raw)
			got += std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message + "\n";
		EXPECT_EQ(c.fail, got);
		return;
	}
	ASSERT_TRUE(rules) << (errs.all.empty() ? "" : errs.all[0]);
	Result res = clean(rules.get(), c.input);
	ASSERT_TRUE(res);
	if (c.has_output) {
		EXPECT_EQ(c.output, text_of(res.get()));
	}
	if (c.has_removed) {
		std::string got;
		for (size_t i = 0; i < cln_result_removal_count(res.get()); i++) {
			const cln_removal *m = cln_result_removal(res.get(), i);
			got += std::string(m->rule_id) + " " + m->action + " " +
			       std::to_string(m->line_start) + "-" + std::to_string(m->line_end);
			if (m->replacement)
				got += " -> \"" + std::string(m->replacement, m->replacement_len) + "\"";
			if (m->detail)
				got += " (" + std::string(m->detail) + ")";
			got += "\n";
		}
		EXPECT_EQ(c.removed, got);
	}
}

INSTANTIATE_TEST_SUITE_P(Cases, RuleCase, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case> &i) {
	                         std::string s;
	                         for (char ch : i.param.name)
		                         s += isalnum((unsigned char)ch) ? ch : '_';
	                         return std::to_string(i.index) + "_" + s;
                         });

// ---- includes: these need files on disk --------------------------------

class Includes : public ::testing::Test {
protected:
	fs::path dir;
	void SetUp() override
	{
		char tmpl[] = "/tmp/cleaner-test-XXXXXX";
		dir = mkdtemp(tmpl);
	}
	void TearDown() override { fs::remove_all(dir); }
	std::string write(const std::string &name, const std::string &text)
	{
		fs::path p = dir / name;
		fs::create_directories(p.parent_path());
		std::ofstream(p, std::ios::binary) << text;
		return p.string();
	}
};

TEST_F(Includes, RelativeToTheIncludingFile)
{
	write("sub/b.rules", "b: drop /^b$/\n");
	std::string a = write("a.rules", "include \"sub/b.rules\"\na: drop /^a$/\n");
	Errors errs;
	Rules r = compile("", false, &errs, { a });
	ASSERT_TRUE(r) << (errs.all.empty() ? "" : errs.all[0]);
	EXPECT_EQ(2u, cln_rules_count(r.get()));
	Result res = clean(r.get(), "a\nb\nc\n");
	EXPECT_EQ("c\n", text_of(res.get()));
	// include order is rule order: b's rule comes first
	EXPECT_STREQ("b", cln_result_rule_stat(res.get(), 0)->rule_id);
}

TEST_F(Includes, LoopIsReportedWithTheChain)
{
	std::string a = write("a.rules", "include \"b.rules\"\n");
	write("b.rules", "x: drop /x/\ninclude \"a.rules\"\n");
	Errors errs;
	int code = 0;
	Rules r = compile("", false, &errs, { a }, &code);
	ASSERT_FALSE(r);
	EXPECT_EQ(CLN_EINCLUDE, code);
	ASSERT_EQ(1u, errs.all.size());
	EXPECT_NE(std::string::npos, errs.all[0].find("b.rules:2:9: error: include loop: "));
	EXPECT_NE(std::string::npos, errs.all[0].find("a.rules -> "));
}

TEST_F(Includes, SelfIncludeIsALoop)
{
	std::string a = write("a.rules", "include \"a.rules\"\n");
	Errors errs;
	ASSERT_FALSE(compile("", false, &errs, { a }));
	ASSERT_EQ(1u, errs.all.size());
	EXPECT_NE(std::string::npos, errs.all[0].find("include loop"));
}

TEST_F(Includes, MissingFileNamesPathAndReason)
{
	std::string a = write("a.rules", "\ninclude \"nope.rules\"\n");
	Errors errs;
	int code = 0;
	ASSERT_FALSE(compile("", false, &errs, { a }, &code));
	EXPECT_EQ(CLN_EINCLUDE, code);
	ASSERT_EQ(1u, errs.all.size());
	EXPECT_EQ(a + ":2:9: error: cannot read '" + (dir / "nope.rules").string() +
	          "': No such file or directory", errs.all[0]);
}

TEST_F(Includes, EmptyNameIsAnError)
{
	std::string a = write("a.rules", "include \"\"\n");
	Errors errs;
	ASSERT_FALSE(compile("", false, &errs, { a }));
	ASSERT_EQ(1u, errs.all.size());
	EXPECT_EQ(a + ":1:9: error: include needs a file name", errs.all[0]);
}

TEST_F(Includes, NestingIsBounded)
{
	// a chain of 20 distinct files, deeper than the limit of 16
	for (int i = 0; i < 20; i++)
		write("f" + std::to_string(i) + ".rules",
		      "include \"f" + std::to_string(i + 1) + ".rules\"\n");
	write("f20.rules", "x: drop /x/\n");
	Errors errs;
	ASSERT_FALSE(compile("", false, &errs, { (dir / "f0.rules").string() }));
	ASSERT_EQ(1u, errs.all.size());
	EXPECT_NE(std::string::npos, errs.all[0].find("includes nested deeper than 16 files"));
}

TEST_F(Includes, ErrorsOfEveryFileAreReported)
{
	std::string a = write("a.rules", "a: dorp /x/\ninclude \"b.rules\"\nc: drop /(/\n");
	write("b.rules", "b: drop\n");
	Errors errs;
	ASSERT_FALSE(compile("", false, &errs, { a }));
	ASSERT_EQ(3u, errs.all.size());
	EXPECT_NE(std::string::npos, errs.all[0].find("a.rules:1:4: error: unknown action 'dorp'"));
	EXPECT_NE(std::string::npos, errs.all[1].find("b.rules:1:4: error: action 'drop' needs a /pattern/"));
	EXPECT_NE(std::string::npos, errs.all[2].find("a.rules:3:11: error: bad pattern: missing closing parenthesis"));
}

TEST_F(Includes, MissingTopLevelFile)
{
	Errors errs;
	int code = 0;
	std::string p = (dir / "none.rules").string();
	ASSERT_FALSE(compile("", false, &errs, { p }, &code));
	EXPECT_EQ(CLN_EIO, code);
	ASSERT_EQ(1u, errs.all.size());
	EXPECT_EQ(p + ": error: cannot read rule file: No such file or directory", errs.all[0]);
}

TEST_F(Includes, DuplicateIdAcrossFilesNamesTheFirst)
{
	std::string a = write("a.rules", "x: drop /a/\ninclude \"b.rules\"\n");
	write("b.rules", "\n\nx: drop /b/\n");
	Errors errs;
	int code = 0;
	ASSERT_FALSE(compile("", false, &errs, { a }, &code));
	EXPECT_EQ(CLN_EDUPID, code);
	ASSERT_EQ(1u, errs.all.size());
	EXPECT_EQ((dir / "b.rules").string() + ":3:1: error: duplicate rule id 'x' (first defined at " +
	          a + ":1)", errs.all[0]);
}

TEST(Defaults, BuiltInSetLoadsAndUserRulesComeAfter)
{
	Errors errs;
	Rules r = compile("mine: drop /^zzz$/\n", true, &errs);
	ASSERT_TRUE(r) << (errs.all.empty() ? "" : errs.all[0]);
	Result res = clean(r.get(), "x\n");
	size_t n = cln_result_rule_count(res.get());
	ASSERT_GT(n, 5u);
	EXPECT_STREQ("mine", cln_result_rule_stat(res.get(), n - 1)->rule_id);
}

TEST(Defaults, UserRuleCannotReuseADefaultId)
{
	Errors errs;
	ASSERT_FALSE(compile("skip-link: drop /x/\n", true, &errs));
	ASSERT_EQ(1u, errs.all.size());
	EXPECT_EQ("<rules>:1:1: error: duplicate rule id 'skip-link' (first defined at "
	          "builtin:navigation.rules:7)", errs.all[0]);
}

TEST(Defaults, NamesAndTextsAreListed)
{
	std::vector<std::string> names;
	for (size_t i = 0; cln_default_rules_name(i); i++) {
		names.push_back(cln_default_rules_name(i));
		EXPECT_NE(nullptr, cln_default_rules_text(i));
		// the built-in copy is the shipped file
		EXPECT_EQ(read_file(srcdir() + "/rules/" + names.back()), cln_default_rules_text(i));
	}
	EXPECT_NE(names.end(), std::find(names.begin(), names.end(), "default.rules"));
	EXPECT_EQ(nullptr, cln_default_rules_text(names.size()));
}

TEST(Reference, ListsEveryActionAndParameterAndMatchesTheReadme)
{
	CString text(cln_rules_reference(0));
	CString md(cln_rules_reference(1));
	for (const char *a : { "keep", "drop", "drop-next", "drop-after", "drop-before", "replace",
	                       "run", "duplicate", "read-twice" }) {
		EXPECT_NE(nullptr, strstr(text.get(), a)) << a;
		EXPECT_NE(nullptr, strstr(md.get(), (std::string("| `") + a + "` |").c_str())) << a;
	}
	for (const char *p : { "maxlen", "minlen", "next", "next-maxlen", "within", "with", "marker",
	                       "gap", "gap-maxlen", "tail", "head", "min", "window", "max-blank", "kept-window" })
		EXPECT_NE(nullptr, strstr(md.get(), (std::string("| `") + p + "` |").c_str())) << p;
	// rules/README.md carries the generated table verbatim
	std::string readme = read_file(srcdir() + "/rules/README.md");
	EXPECT_NE(std::string::npos, readme.find(md.get()))
		<< "rules/README.md is out of date: paste `cleaner --list-rules=markdown` into it";
}

TEST(Options, VersionMismatchIsRejected)
{
	cln_rules_options o = CLN_RULES_OPTIONS_INIT;
	o.version = 99;
	cln_rules *r = reinterpret_cast<cln_rules *>(1);
	cln_error err;
	EXPECT_EQ(CLN_EINVAL, cln_rules_new(&r, &o, &err));
	EXPECT_EQ(nullptr, r);
	EXPECT_NE(nullptr, strstr(err.message, "version 99"));
}

TEST(Options, NullOptionsMeanDefaults)
{
	cln_rules *r = nullptr;
	ASSERT_EQ(0, cln_rules_new(&r, nullptr, nullptr));
	EXPECT_GT(cln_rules_count(r), 5u);
	cln_rules_free(r);
	cln_rules_free(nullptr);
}

TEST(Stanzas, ARuleLongerThan64LinesIsAnError)
{
	std::string text = "a: drop /x/\n";
	for (int i = 0; i < 70; i++)
		text += "    # line " + std::to_string(i) + "\n";
	Errors errs;
	ASSERT_FALSE(compile(text, false, &errs));
	ASSERT_EQ(1u, errs.raw.size());
	EXPECT_EQ("rule longer than 64 lines", std::string(errs.raw[0].message));
	EXPECT_EQ(64u, errs.raw[0].line);
}

// ---- selectors: the memoised matcher agrees with brute force ------------
//
// Random small pages (nested div/section/article, each holding a paragraph
// "tN") and random selectors (tags, classes, descendant and child
// combinators, :not, :has-text). The expected drops come from a direct,
// exponential reading of the selector over the same tree.

namespace {

struct SelCompound;
using SelComplex = std::vector<std::pair<char, SelCompound>>; // combinator, compound

using SelList = std::vector<SelComplex>;                       // a, b

struct SelCompound {
	std::string tag, cls;               // "" for * and for no class
	std::vector<SelList> nots;
	int has_text = -1;                  // the paragraph number, or -1
};

struct PageEl {
	std::string tag, cls;
	int parent;
	int para = -1;                      // p: its number
};

struct Page {
	std::vector<PageEl> el;             // document order; 0 html, 1 body
	std::string html;
};

Page random_page(std::mt19937 &rng)
{
	static const char *tags[] = { "div", "section", "article" };
	static const char *classes[] = { "", "a", "b" };
	Page pg;
	pg.el.push_back({ "html", "", -1 });
	pg.el.push_back({ "body", "", 0 });
	pg.html = "<!doctype html><html><head><title>t</title></head><body>";
	int paras = 0;
	std::function<void(int, int)> grow = [&](int parent, int depth) {
		int kids = depth > 5 ? 0 : (int)(rng() % 3);
		for (int k = 0; k < kids && pg.el.size() < 30; k++) {
			PageEl e{ tags[rng() % 3], classes[rng() % 3], parent };
			int me = (int)pg.el.size();
			pg.el.push_back(e);
			pg.html += "<" + e.tag + (e.cls.empty() ? "" : " class=\"" + e.cls + "\"") + ">";
			pg.el.push_back({ "p", "", me, paras });
			pg.html += "<p>t" + std::to_string(paras++) + "</p>";
			grow(me, depth + 1);
			pg.html += "</" + e.tag + ">";
		}
	};
	grow(1, 0);
	pg.html += "</body></html>";
	return pg;
}

SelCompound random_compound(std::mt19937 &rng, int paras, int depth);
SelList random_list(std::mt19937 &rng, int paras, int depth);

SelComplex random_complex(std::mt19937 &rng, int paras, int depth)
{
	SelComplex x;
	int n = 1 + (int)(rng() % (depth ? 2 : 4));
	for (int i = 0; i < n; i++)
		x.push_back({ rng() % 3 == 0 ? '>' : ' ', random_compound(rng, paras, depth) });
	return x;
}

SelCompound random_compound(std::mt19937 &rng, int paras, int depth)
{
	static const char *tags[] = { "", "div", "section", "article", "p" };
	SelCompound c;
	c.tag = tags[rng() % 5];
	if (rng() % 3 == 0)
		c.cls = rng() % 2 ? "a" : "b";
	if (depth < 2 && rng() % 4 == 0)
		c.nots.push_back(random_list(rng, paras, depth + 1));
	if (paras && rng() % 6 == 0)
		c.has_text = (int)(rng() % paras);
	if (c.tag.empty() && c.cls.empty() && c.nots.empty() && c.has_text < 0)
		c.tag = "div";
	return c;
}

SelList random_list(std::mt19937 &rng, int paras, int depth)
{
	SelList l;
	for (int n = 1 + (int)(rng() % 3 == 0); n > 0; n--)
		l.push_back(random_complex(rng, paras, depth));
	return l;
}

std::string render(const SelList &l);

std::string render(const SelCompound &c)
{
	std::string s = c.tag.empty() ? "*" : c.tag;
	if (!c.cls.empty())
		s += "." + c.cls;
	for (const auto &n : c.nots)
		s += ":not(" + render(n) + ")";
	if (c.has_text >= 0)
		s += ":has-text(/\\bt" + std::to_string(c.has_text) + "\\b/)";
	return s;
}

std::string render(const SelComplex &x)
{
	std::string s;
	for (size_t i = 0; i < x.size(); i++)
		s += (i ? (x[i].first == '>' ? " > " : " ") : "") + render(x[i].second);
	return s;
}

std::string render(const SelList &l)
{
	std::string s;
	for (const auto &x : l)
		s += (s.empty() ? "" : ", ") + render(x);
	return s;
}

bool inside(const Page &pg, int e, int anc)
{
	for (; e >= 0; e = pg.el[e].parent)
		if (e == anc)
			return true;
	return false;
}

bool brute(const Page &pg, const SelComplex &x, size_t k, int e);

bool brute(const Page &pg, const SelList &l, int e)
{
	for (const auto &x : l)
		if (brute(pg, x, x.size() - 1, e))
			return true;
	return false;
}

bool brute(const Page &pg, const SelCompound &c, int e)
{
	const PageEl &el = pg.el[e];
	if (!c.tag.empty() && c.tag != el.tag)
		return false;
	if (!c.cls.empty() && c.cls != el.cls)
		return false;
	for (const auto &n : c.nots)
		if (brute(pg, n, e))
			return false;
	if (c.has_text >= 0) {
		bool found = false;
		for (size_t j = 0; j < pg.el.size() && !found; j++)
			found = pg.el[j].para == c.has_text && inside(pg, (int)j, e);
		if (!found)
			return false;
	}
	return true;
}

bool brute(const Page &pg, const SelComplex &x, size_t k, int e)
{
	if (!brute(pg, x[k].second, e))
		return false;
	if (k == 0)
		return true;
	int up = pg.el[e].parent;
	if (x[k].first == '>')
		return up >= 0 && brute(pg, x, k - 1, up);
	for (; up >= 0; up = pg.el[up].parent)
		if (brute(pg, x, k - 1, up))
			return true;
	return false;
}

} // namespace

TEST(Selectors, MemoisedMatchingAgreesWithBruteForce)
{
	std::mt19937 rng(9);
	for (int round = 0; round < 1000; round++) {
		Page pg = random_page(rng);
		int paras = 0;
		for (const auto &e : pg.el)
			paras += e.para >= 0;
		SelList x = random_list(rng, paras, 0);
		std::string sel = render(x);
		std::string want;
		for (size_t p = 0; p < pg.el.size(); p++) {
			if (pg.el[p].para < 0)
				continue;
			bool dropped = false;
			for (int a = (int)p; a >= 0 && !dropped; a = pg.el[a].parent)
				dropped = brute(pg, x, a);
			if (!dropped)
				want += "t" + std::to_string(pg.el[p].para) + "\n";
		}
		SCOPED_TRACE("selector {" + sel + "} on " + pg.html);
		Errors errs;
		Rules rules = compile("x: drop {" + sel + "}\n", false, &errs);
		ASSERT_TRUE(rules) << (errs.all.empty() ? "" : errs.all[0]);
		Result res = clean(rules.get(), pg.html);
		ASSERT_TRUE(res);
		std::string got, text = text_of(res.get());
		std::istringstream lines(text);
		for (std::string l; std::getline(lines, l);)
			if (!l.empty() && l != "t")
				got += l + "\n";
		ASSERT_EQ(want, got);
	}
}

TEST(Selectors, ADescendantWhoseTextOutlastsATakenInlineElementIsStillTested)
{
	// the popover <span> closes while its tooltip's text is still in the
	// block being built: that block is the tooltip's, after the span's
	// range; taking the span must not skip the tooltip the rule names too
	Rules rules = compile("x: drop {:classid(/popover/)}\n");
	ASSERT_TRUE(rules);
	Result res = clean(rules.get(),
	                   "<html><body><p>The first paragraph stays.</p><div>Results <span class=\"popover\">"
	                   "<button>Learn more</button><span id=\"ads-popover-tip\">Sellers pay for these."
	                   "</span></span></div><p>The last paragraph stays.</p></body></html>");
	ASSERT_TRUE(res);
	std::string text = text_of(res.get());
	EXPECT_EQ(std::string::npos, text.find("Sellers pay")) << text;
	EXPECT_EQ(std::string::npos, text.find("Learn more")) << text;
	EXPECT_NE(std::string::npos, text.find("The last paragraph stays.")) << text;
	// the <span> itself: its blocks are the button's and the tooltip's, not
	// the text before it, which it joined
	Rules span = compile("x: drop {span.popover}\n");
	ASSERT_TRUE(span);
	Result res2 = clean(span.get(), "<html><body><div>Results <span class=\"popover\"><button>Learn "
	                                "more</button><span>Sellers pay for these.</span></span></div>"
	                                "</body></html>");
	ASSERT_TRUE(res2);
	EXPECT_EQ("Results\n", text_of(res2.get()));
	// text that shows nothing before it (a zero-width space) makes no block:
	// the button's block is the span's first
	Result res3 = clean(span.get(), "<html><body><p>Stays.</p><div>\xE2\x80\x8B<span class=\"popover\">"
	                                "<button>Learn more</button><span>Sellers pay for these.</span>"
	                                "</span></div></body></html>");
	ASSERT_TRUE(res3);
	EXPECT_EQ("Stays.\n", text_of(res3.get()));
}

TEST(Selectors, TooManyCompoundsIsAnError)
{
	auto one_error = [](const std::string &sel, const char *msg) {
		Errors errs;
		ASSERT_FALSE(compile("x: drop {" + sel + "}\n", false, &errs));
		ASSERT_EQ(1u, errs.raw.size());
		EXPECT_STREQ(msg, errs.raw[0].message);
	};
	std::string compounds, classes;
	for (int i = 0; i < 257; i++)
		compounds += "div ";
	for (int i = 0; i < 1025; i++)
		classes += ".c";
	one_error(compounds, "selector too long: more than 256 compounds");
	one_error("div" + classes, "selector too long: more than 1024 simple selectors");
}

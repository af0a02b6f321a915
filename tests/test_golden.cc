// test_golden.cc - every fixtures/*/ page through the library and through
// the CLI: the clean text byte for byte and the JSON report field for field.
#include <gtest/gtest.h>
#include <jansson.h>

#include <filesystem>
#include <map>

#include "shim.h"

namespace fs = std::filesystem;

static std::vector<std::string> fixture_dirs()
{
	std::vector<std::string> v;
	for (const auto &e : fs::directory_iterator(srcdir() + "/fixtures"))
		if (e.is_directory())
			v.push_back(e.path().filename().string());
	std::sort(v.begin(), v.end());
	return v;
}

static std::string dir_of(const std::string &name)
{
	return srcdir() + "/fixtures/" + name;
}

// Compare two JSON texts; on a difference show both, pretty-printed.
static void expect_same_json(const std::string &want, const std::string &got, const char *drop)
{
	json_error_t e;
	json_t *w = json_loads(want.c_str(), 0, &e);
	ASSERT_TRUE(w) << "expected.json: " << e.text;
	json_t *g = json_loadb(got.data(), got.size(), 0, &e);
	ASSERT_TRUE(g) << "report: " << e.text << "\n" << got;
	if (drop)
		json_object_del(g, drop);
	if (!json_equal(w, g)) {
		char *ws = json_dumps(w, JSON_INDENT(1));
		char *gs = json_dumps(g, JSON_INDENT(1));
		ADD_FAILURE() << "JSON report differs.\n--- expected\n" << ws << "\n--- got\n" << gs;
		free(ws);
		free(gs);
	}
	json_decref(w);
	json_decref(g);
}

// The page's URL, from the optional `url` file (site-scoped rules go by it).
static std::string url_of(const std::string &d)
{
	if (!file_exists(d + "/url"))
		return "";
	std::string u = read_file(d + "/url");
	while (!u.empty() && (u.back() == '\n' || u.back() == '\r'))
		u.pop_back();
	return u;
}

class Golden : public ::testing::TestWithParam<std::string> {};

// The default rules, compiled once for the fixtures that add none (a rule
// set is made to clean many documents; compiling it per fixture was most
// of this program's time under ASan).
static const cln_rules *default_rules()
{
	static Rules r = compile("", true);
	return r.get();
}

TEST_P(Golden, Library)
{
	std::string d = dir_of(GetParam());
	Rules own;
	const cln_rules *r = default_rules();
	if (file_exists(d + "/rules")) {
		Errors errs;
		own = compile("", true, &errs, { d + "/rules" });
		ASSERT_TRUE(own) << (errs.all.empty() ? "" : errs.all[0]);
		r = own.get();
	}
	ASSERT_TRUE(r);
	std::string url = url_of(d);
	Result res = clean(r, read_file(fixture_input(d)), 0, url.empty() ? nullptr : url.c_str());
	ASSERT_TRUE(res);
	char *out = nullptr;
	size_t n = 0;
	ASSERT_EQ(0, cln_result_render(&out, &n, res.get(), CLN_OUTPUT_TEXT, nullptr));
	CString owner(out);
	EXPECT_EQ(read_file(d + "/expected.txt"), std::string(out, n));
	expect_same_json(read_file(d + "/expected.json"), report_of(res.get(), CLN_REPORT_JSON), nullptr);
}

static std::string shell_quoted(const std::string &s)
{
	return "'" + s + "'";
}

// The fixtures with neither rules nor a URL of their own, cleaned by one
// run of the CLI into a folder (a start per page was most of this
// program's time under ASan): each one's output is there as NAME.txt, its
// report a line of one file, in order.
struct CliBatch {
	std::string dir, error;
	std::map<std::string, std::string> report; // fixture -> its JSON line
	CliBatch()
	{
		const char *bin = std::getenv("CLEANER_BIN");
		char tmpl[] = "/tmp/cleaner-golden-XXXXXX";
		if (!bin || !mkdtemp(tmpl)) {
			error = "CLEANER_BIN is not set (make check sets it) or no temporary folder";
			return;
		}
		dir = tmpl;
		fs::create_directory(dir + "/in");
		fs::create_directory(dir + "/out");
		std::string cmd = shell_quoted(bin) + " -q --report-format=json --report=" +
		                  shell_quoted(dir + "/report.json") + " -o " + shell_quoted(dir + "/out/");
		std::vector<std::string> names;
		for (const auto &n : fixture_dirs()) {
			std::string d = dir_of(n), in = fixture_input(d);
			if (file_exists(d + "/rules") || !url_of(d).empty())
				continue;
			std::string copy = dir + "/in/" + n + fs::path(in).extension().string();
			fs::copy_file(in, copy);
			cmd += " " + shell_quoted(copy);
			names.push_back(n);
		}
		if (std::system(cmd.c_str()) != 0)
			error = "failed: " + cmd;
		std::string rep = read_file(dir + "/report.json");
		size_t at = 0;
		for (const auto &n : names) {
			size_t nl = rep.find('\n', at);
			if (nl == std::string::npos)
				break;
			report[n] = rep.substr(at, nl + 1 - at);
			at = nl + 1;
		}
	}
	~CliBatch()
	{
		if (!dir.empty())
			fs::remove_all(dir);
	}
};

// The CLI with the fixture's own options, on its own.
static void cli_alone(const std::string &d, std::string *out, std::string *rep)
{
	const char *bin = std::getenv("CLEANER_BIN");
	ASSERT_TRUE(bin) << "CLEANER_BIN is not set (make check sets it)";
	char tmpl[] = "/tmp/cleaner-golden-XXXXXX";
	ASSERT_TRUE(mkdtemp(tmpl));
	std::string tmp = tmpl;
	std::string cmd = shell_quoted(bin) + " --report-format=json --report=" +
	                  shell_quoted(tmp + "/report.json") + " -o " + shell_quoted(tmp + "/out.txt");
	if (file_exists(d + "/rules"))
		cmd += " --rules " + shell_quoted(d + "/rules");
	if (!url_of(d).empty())
		cmd += " --url " + shell_quoted(url_of(d));
	cmd += " " + shell_quoted(fixture_input(d));
	EXPECT_EQ(0, std::system(cmd.c_str())) << cmd;
	*out = read_file(tmp + "/out.txt");
	*rep = read_file(tmp + "/report.json");
	fs::remove_all(tmp);
}

TEST_P(Golden, Cli)
{
	static const CliBatch batch;
	std::string d = dir_of(GetParam()), out, rep;
	auto it = batch.report.find(GetParam());
	if (it != batch.report.end()) {
		ASSERT_EQ("", batch.error);
		out = read_file(batch.dir + "/out/" + GetParam() + ".txt");
		rep = it->second;
	} else {
		ASSERT_TRUE(file_exists(d + "/rules") || !url_of(d).empty())
			<< "not in the batch run's report: " << batch.error;
		cli_alone(d, &out, &rep);
	}
	EXPECT_EQ(read_file(d + "/expected.txt"), out);
	ASSERT_FALSE(rep.empty());
	EXPECT_EQ('\n', rep.back()) << "one JSON object per line";
	expect_same_json(read_file(d + "/expected.json"), rep, "input");
}

TEST(GoldenSet, HasEnoughFixturesAndEachHasItsFiles)
{
	auto dirs = fixture_dirs();
	EXPECT_GE(dirs.size(), 8u);
	for (const auto &n : dirs) {
		for (const char *f : { "expected.txt", "expected.json", "README.md" })
			EXPECT_TRUE(file_exists(dir_of(n) + "/" + f)) << n << "/" << f;
		EXPECT_TRUE(file_exists(fixture_input(dir_of(n)))) << n << ": no input.txt or input.html";
	}
}

// Every shipped rule fires on at least one fixture.
TEST(GoldenSet, EveryDefaultRuleIsExercised)
{
	std::map<std::string, json_int_t> hits;
	for (const auto &n : fixture_dirs()) {
		json_t *j = json_load_file((dir_of(n) + "/expected.json").c_str(), 0, nullptr);
		ASSERT_TRUE(j) << n;
		json_t *rules = json_object_get(j, "rules");
		for (size_t i = 0; i < json_array_size(rules); i++) {
			json_t *r = json_array_get(rules, i);
			hits[json_string_value(json_object_get(r, "id"))] +=
				json_integer_value(json_object_get(r, "hits"));
		}
		json_decref(j);
	}
	Rules r = compile("", true);
	Result res = clean(r.get(), "");
	for (size_t i = 0; i < cln_result_rule_count(res.get()); i++) {
		const char *id = cln_result_rule_stat(res.get(), i)->rule_id;
		EXPECT_GT(hits[id], 0) << "no fixture exercises rule " << id;
	}
}

INSTANTIATE_TEST_SUITE_P(Fixtures, Golden, ::testing::ValuesIn(fixture_dirs()),
                         [](const ::testing::TestParamInfo<std::string> &i) {
	                         std::string s;
	                         for (char c : i.param)
		                         s += isalnum((unsigned char)c) ? c : '_';
	                         return s;
                         });

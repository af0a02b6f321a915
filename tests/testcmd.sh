#!/bin/sh
# tests/testcmd.sh - `cleaner test DIR` (folders of cases, diffs, --update)
# and `cleaner --check` as a linter (warnings, --json, --pages). TAP
# output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

# a text case: input lines, then expected lines after "--"
mkcase() { # DIR INPUT EXPECTED
	mkdir -p "$1"
	printf '%b' "$2" >"$1/input.txt"
	printf '%b' "$3" >"$1/expected.txt"
}

t_fixtures_pass() {
	lim 120 "$B" test "$F" >out 2>err
	rc=$?
	expect_rc 0
	expect_grep out '^[0-9][0-9]* passed, 0 failed$'
	expect_grep out "^ok   .*variant-skip-to-content"
	run test -q "$F"
	expect_rc 0
	[ "$(wc -l <out)" -eq 1 ] || die "-q prints only the summary"
}

t_failing_case_shows_diff() {
	mkcase cases/good 'Kept line one.\nKept line two.\n' 'Kept line one.\nKept line two.\n'
	mkcase cases/bad 'Kept line one.\nSomething new.\n' 'Kept line one.\nSomething old.\n'
	run test cases
	expect_rc 1
	expect_grep out '^FAIL cases/bad: expected.txt differs$'
	expect_grep out '^--- cases/bad/expected.txt$'
	expect_grep out '^@@ -1,2 +1,2 @@$'
	expect_grep out '^-Something old\.$'
	expect_grep out '^+Something new\.$'
	expect_grep out '^ok   cases/good$'
	expect_grep out '^1 passed, 1 failed$'
	# one case folder given directly
	run test cases/good
	expect_rc 0
	expect_grep out '^1 passed, 0 failed$'
}

t_case_with_rules() {
	mkcase c 'Promo: buy now\nThe article text.\n' 'The article text.\n'
	run test c
	expect_rc 1
	printf 'promo: drop /^Promo:/\n' >c/rules
	run test c
	expect_rc 0
	# a rules file with an error fails the case with file:line:col
	printf 'promo: drop /(/\n' >c/rules
	run test c
	expect_rc 1
	expect_grep err 'c/rules:1:.*: error: bad pattern'
	expect_grep out "^FAIL c: its rules do not load$"
}

t_missing_expected_and_update() {
	mkdir -p cases/new
	printf 'One line of text here.\n' >cases/new/input.txt
	run test cases
	expect_rc 1
	expect_grep out '^FAIL cases/new: no expected.txt (cleaner test --update'
	expect_grep out '^0 passed, 1 failed$'
	[ ! -e cases/new/expected.txt ] || die "expected.txt written without --update"
	run test --update cases
	expect_rc 0
	expect_grep out '^updated cases/new/expected.txt$'
	printf 'One line of text here.\n' | cmp - cases/new/expected.txt || die "expected.txt"
	run test cases
	expect_rc 0
}

t_no_input_fails() {
	mkdir -p cases/a
	printf 'x\n' >cases/a/expected.txt
	run test cases
	expect_rc 1
	expect_grep out '^FAIL cases/a: no input.txt, input.html or input.htm$'
}

t_empty_dir_and_usage() {
	mkdir empty
	run test empty
	expect_rc 2
	expect_grep err 'empty: no cases'
	run test missing-folder
	expect_rc 2
	run test
	expect_rc 2
	expect_grep err 'Usage: cleaner test'
	run test --frobnicate empty
	expect_rc 2
}

# expected.json compares as JSON; --update writes it as tests/regen-fixture does
t_expected_json() {
	cp -R "$F/variant-skip-to-content" fx
	chmod -R u+w fx
	sed 's/"hits": 1,/"hits": 9,/' "$F/variant-skip-to-content/expected.json" >fx/expected.json
	run test fx
	expect_rc 1
	expect_grep out '^FAIL fx: expected.json differs$'
	expect_grep out '^-   "hits": 9,$'
	expect_grep out '^+   "hits": 1,$'
	run test --update -q fx
	expect_rc 0
	expect_same fx/expected.json "$F/variant-skip-to-content/expected.json"
	# key order and spacing do not matter
	need_py
	python3 -c 'import json,sys; o=json.load(open("fx/expected.json")); print(json.dumps(o, sort_keys=True))' >fx/x
	mv fx/x fx/expected.json
	run test fx
	expect_rc 0
}

# the url file gives the page's URL: rules scoped to its site apply
t_url_file_scopes_rules() {
	mkcase c 'Promo: buy now\nA line of the article.\n' 'A line of the article.\n'
	printf '@site example.com\npromo: drop /^Promo:/\n' >c/rules
	printf 'https://www.example.com/a/story\n' >c/url
	run test c
	expect_rc 0
	printf 'https://example.org/a/story\n' >c/url
	run test c
	expect_rc 1
	expect_grep out '^+Promo: buy now$'
}

# a huge changed case is named by its first differing line, in bounded time
t_big_diff_is_bounded() {
	mkdir -p big
	awk 'BEGIN { for (i = 0; i < 30000; i++) print "line number " i " of the text" }' >big/input.txt
	awk 'BEGIN { for (i = 0; i < 30000; i++) print "other " i }' >big/expected.txt
	printf 'disable main-content\n' >big/rules
	lim 60 "$B" test big >out 2>err
	rc=$?
	expect_rc 1
	expect_grep out 'big/expected.txt and big (cleaned now) differ at line 1 (too long'
}

t_check_clean_rules() {
	run --check
	expect_rc 0
	expect_grep out '^rules OK: [0-9]* rules$'
	run --check --json
	expect_rc 0
	expect_grep out '"errors":\[\],"warnings":\[\]'
	run --json
	expect_rc 2
	expect_grep err '\-\-json go with --check'
}

t_check_warnings() {
	cat >r.rules <<'EOF'
first: drop /^Menu$/
again: drop /^Menu$/
shorter: drop /^Menu$/ maxlen=10
wide: drop /^Menu$/ minlen=0
guard: keep {.story}
gone: drop {.story}
either: drop /^Ad|/
carousel: run marker=/x?/
fine: drop /^Sponsored$/
swap: replace /a/ with="b"
late: drop /^Sponsored$/
EOF
	run --check -r r.rules
	expect_rc 1
	expect_grep out "^r.rules:2:13: warning: rule 'again': never fires: rule 'first' (r.rules:1) removes every block it matches first \[never-fires\]$"
	expect_grep out "^r.rules:3:15: warning: rule 'shorter': never fires"
	expect_grep out "^r.rules:4:12: warning: rule 'wide': never fires"
	expect_grep out "^r.rules:6:12: warning: rule 'gone': never fires: keep rule 'guard' (r.rules:5) protects"
	expect_grep out "^r.rules:7:14: warning: rule 'either': the pattern matches the empty string"
	expect_grep out "^r.rules:8:22: warning: rule 'carousel': a marker matches the empty string"
	expect_grep out '^6 warnings in'
	# after a replace rule, a repeated pattern may fire: not said
	if grep -q "'late'" out; then die "late follows a replace rule"; fi
	# a looser earlier rule does not hide a stricter one's opposite
	printf 'a: drop /^x$/ maxlen=5\nb: drop /^x$/\n' >s.rules
	run --check -r s.rules
	expect_rc 0
}

t_check_json() {
	need_py
	printf 'a: drop /^x$/\nb: drop /^x$/\n' >w.rules
	run --check --json -r w.rules
	expect_rc 1
	python3 - <<'EOF' || die "bad JSON: $(cat out)"
import json
o = json.load(open("out"))
assert o["errors"] == [], o
w = o["warnings"]
assert len(w) == 1, w
assert w[0] == {"file": "w.rules", "line": 2, "col": 9, "rule": "b", "kind": "never-fires",
                "message": "never fires: rule 'a' (w.rules:1) removes every block it matches first"}, w
EOF
	# errors: exit 2 as before, each with its place and kind
	printf 'a: drop /(/\nb: drop /x/\nb: drop /y/\nc: replace /z/ with="$1"\n' >e.rules
	run --check --json -r e.rules
	expect_rc 2
	python3 - <<'EOF' || die "bad JSON: $(cat out)"
import json
o = json.load(open("out"))
kinds = [(e["line"], e["kind"]) for e in o["errors"]]
assert kinds == [(1, "regex"), (3, "duplicate-id"), (4, "syntax")], kinds
assert all(e["file"] == "e.rules" and e["rule"] is None for e in o["errors"])
assert "group '1'" in o["errors"][2]["message"]
EOF
	run --check -r e.rules
	expect_rc 2
	expect_grep err '^e.rules:3:1: error: duplicate rule id'
	expect_grep err 'cleaner: 3 errors in rule files'
}

t_check_pages_over_broad() {
	mkdir pages
	printf 'Home\nNews\nSport\nWeather\nVideo\nShort text.\n' >pages/a.txt
	printf 'A long first line of a second article, with words.\nNews\n' >pages/b.txt
	printf 'menu: drop /^(?:Home|News|Sport|Weather|Video)$/\n' >m.rules
	run --check -r m.rules --pages pages
	expect_rc 1
	expect_grep out "^m.rules:1:12: warning: rule 'menu': removed 71% of the text of pages/a.txt (30 of 42 bytes)"
	if grep -q 'pages/b.txt' out; then die "b.txt lost little"; fi
	# the defaults take no more than half of any fixture
	mkdir fx
	for d in "$F"/*/; do
		for f in "$d"input.*; do cp "$f" "fx/$(basename "$d").${f##*.}"; done
	done
	lim 120 "$B" --check --pages fx >out 2>err
	rc=$?
	expect_rc 0
	mkdir none
	run --check --pages none
	expect_rc 2
	expect_grep err 'no page could be read'
}

t "cleaner test fixtures/ passes every case" t_fixtures_pass
t "cleaner test: a failing case shows a unified diff, exit 1" t_failing_case_shows_diff
t "cleaner test: a case's rules load after the defaults" t_case_with_rules
t "cleaner test: a missing expected.txt fails; --update writes it" t_missing_expected_and_update
t "cleaner test: a case without input fails" t_no_input_fails
t "cleaner test: an empty folder, no folder, a bad option: exit 2" t_empty_dir_and_usage
t "cleaner test: expected.json compared as JSON, --update as regen-fixture" t_expected_json
t "cleaner test: the url file scopes site rules" t_url_file_scopes_rules
t "cleaner test: a huge diff falls back to the first differing line" t_big_diff_is_bounded
t "--check: the defaults are clean; --json needs --check" t_check_clean_rules
t "--check: never-fires and empty-match warnings at file:line:col, exit 1" t_check_warnings
t "--check --json: warnings and errors with file, line, col, rule, kind" t_check_json
t "--check --pages: over-broad rules" t_check_pages_over_broad
echo "1..$n"

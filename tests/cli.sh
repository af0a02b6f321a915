#!/bin/sh
# tests/cli.sh - tests of the cleaner command line, printing TAP.
#
# Run by automake's tap-driver with CLEANER_BIN (the built binary) and
# CLEANER_SRCDIR (the source tree, read-only under make distcheck); by hand,
# from the top of the tree:  sh tests/cli.sh
# Every file it writes goes into one mktemp -d folder, removed on exit.
# Needs: POSIX sh and utilities; python3 for the JSON tests, groff for the
# man page rendering test and timeout(1) for the time limits (tests that need
# a missing tool are skipped or run without the limit).

. "$(dirname "$0")/tap-lib.sh"

SEED0=$F/seed-000-russia-frozen
SEED2=$F/seed-002-cnn-russia-icy
ACTIONS="keep drop drop-next drop-after drop-before replace run duplicate site-repeat"

# ---- help, version, man page -----------------------------------------------

# The long options of the table in main.c, one per line.
table_options() {
	sed -n '/cli_options\[\] = {/,/^};/p' "$S/cleaner/cli/main.c" |
		sed -n 's/^[[:space:]]*{ "\([a-z][a-z-]*\)",.*/\1/p'
}

t_help_lists_table() {
	table_options >opts
	[ "$(wc -l <opts)" -ge 10 ] || die "found only $(wc -l <opts) options in main.c"
	run --help
	expect_rc 0
	expect_empty err
	expect_grep out '^Usage: cleaner'
	while read -r o; do
		grep -qE -e "--$o([^a-z-]|\$)" out || die "--help does not list --$o"
	done <opts
	cp out help.long
	run -h
	expect_rc 0
	expect_same out help.long
}
t "--help exits 0 and lists every long option of cli_options" t_help_lists_table

t_help_options_in_man() {
	man=$S/cleaner/cleaner.1
	[ -s "$man" ] || die "no man page at $man"
	run --help
	expect_rc 0
	grep -o -e '--[a-z][a-z-]*' out | sort -u >opts
	[ -s opts ] || die "no options in --help"
	# the roff source with \- as - and font escapes gone
	sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\f(..//g' "$man" >man.txt
	while read -r o; do
		grep -qE -e "$o([^a-z-]|\$)" man.txt || die "$o is not in the man page"
	done <opts
}
t "every long option listed by --help appears in cleaner.1" t_help_options_in_man

t_man_renders() {
	man=$S/cleaner/cleaner.1
	have groff || skip "groff not installed"
	groff -man -ww -z "$man" >warn 2>&1 || die "groff failed"
	expect_empty warn
	have man && have col || return 0
	MANWIDTH=80 man -l "$man" 2>warn | col -b >page || die "man -l failed"
	expect_empty warn
	table_options >opts
	while read -r o; do
		grep -q -e "--$o" page || die "rendered page has no --$o"
	done <opts
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS RULES REPORT 'EXIT STATUS' EXAMPLES FILES 'SEE ALSO'; do
		grep -q "^$s\$" page || die "rendered page has no section $s"
	done
}
t "cleaner.1 renders without warnings and shows every option" t_man_renders

t_version() {
	want=$(sed -n 's/^AC_INIT(\[cleaner\], \[\([^]]*\)\].*/\1/p' "$S/configure.ac")
	run --version
	expect_rc 0
	expect_empty err
	[ "$(wc -l <out)" -eq 1 ] || die "more than one line"
	grep -q '^cleaner [0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*$' out || die "not 'cleaner X.Y.Z': $(cat out)"
	[ -z "$want" ] || [ "$(cat out)" = "cleaner $want" ] || die "$(cat out), configure.ac says $want"
	cp out v.long
	run -V
	expect_same out v.long
}
t "--version prints cleaner X.Y.Z (the configure.ac version)" t_version

# ---- cleaning ----------------------------------------------------------------

t_fixture_file() {
	run "$1/input.txt"
	expect_rc 0
	expect_empty err
	expect_same out "$1/expected.txt"
}
t "seed 000 from a file equals expected.txt" t_fixture_file "$SEED0"
t "seed 002 from a file equals expected.txt" t_fixture_file "$SEED2"

t_stdin_dash() {
	run_in "$SEED2/input.txt" -
	expect_rc 0
	expect_empty err
	expect_same out "$SEED2/expected.txt"
}
t "seed 002 from standard input ('-') equals expected.txt" t_stdin_dash

t_stdin_noarg() {
	run_in "$SEED0/input.txt"
	expect_rc 0
	expect_empty err
	expect_same out "$SEED0/expected.txt"
	run_in "$SEED2/input.txt"
	expect_rc 0
	expect_same out "$SEED2/expected.txt"
}
t "seeds from standard input (no FILE) equal expected.txt" t_stdin_noarg

t_two_inputs() {
	run "$SEED0/input.txt" "$SEED2/input.txt"
	expect_rc 0
	cat "$SEED0/expected.txt" "$SEED2/expected.txt" >want
	expect_same out want
}
t "two inputs: their clean texts one after the other" t_two_inputs

t_output_file() {
	run -o clean.txt "$SEED2/input.txt"
	expect_rc 0
	expect_empty out
	expect_empty err
	expect_same clean.txt "$SEED2/expected.txt"
	# no temporary file left beside it
	[ "$(ls -A | wc -l)" -eq 3 ] || die "left over: $(ls -A)"
	# an existing output file is replaced
	echo old >clean.txt
	run --output=clean.txt "$SEED0/input.txt"
	expect_rc 0
	expect_same clean.txt "$SEED0/expected.txt"
}
t "-o FILE writes the clean text to FILE and nothing to stdout" t_output_file

t_output_is_input() {
	cp "$SEED2/input.txt" page.txt
	before=$(sum page.txt)
	run -o page.txt page.txt
	expect_rc 2
	expect_empty out
	expect_grep err 'page.txt'
	[ "$(sum page.txt)" = "$before" ] || die "the input was changed"
	# the same file under another name (a hard link), among other inputs
	ln page.txt link.txt || die "ln failed"
	run -o ./link.txt "$SEED0/input.txt" page.txt
	expect_rc 2
	[ "$(sum page.txt)" = "$before" ] || die "the input was changed through a link"
	# the report may not overwrite an input either
	run --report=page.txt -o out2.txt page.txt
	expect_rc 2
	[ "$(sum page.txt)" = "$before" ] || die "the input was changed by --report"
	[ ! -e out2.txt ] || die "out2.txt was created"
	[ "$(ls -A | wc -l)" -eq 4 ] || die "left over: $(ls -A)"
}
t "-o or --report naming an input file is refused (exit 2), input unchanged" t_output_is_input

t_output_mode() {
	umask 022
	run -o clean.txt "$SEED2/input.txt"
	expect_rc 0
	mode=$(ls -l clean.txt | cut -c1-10)
	[ "$mode" = "-rw-r--r--" ] || die "clean.txt has mode $mode under umask 022, expected -rw-r--r--"
}
t "-o FILE creates FILE with the permissions the umask allows" t_output_mode

t_output_is_report() {
	run -o same.txt --report=same.txt "$SEED2/input.txt"
	expect_rc 2
	expect_grep err 'cannot both go to same.txt'
	[ ! -e same.txt ] || die "same.txt was created"
	# a device may take both
	run -o /dev/null --report=/dev/null "$SEED2/input.txt"
	expect_rc 0
}
t "-o and --report naming one file are refused; /dev/null takes both" t_output_is_report

t_output_fifo() {
	have mkfifo || skip "no mkfifo"
	mkfifo pipe || skip "cannot make a FIFO here"
	cat pipe >got &
	reader=$!
	lim 20 "$B" -o pipe "$SEED2/input.txt" >out 2>err
	rc=$?
	if [ -p pipe ]; then
		wait $reader
	else
		kill $reader 2>/dev/null
		wait $reader 2>/dev/null
		die "the FIFO was replaced by a regular file (exit status $rc; a root run of 'cleaner -o /dev/null' replaces /dev/null the same way)"
	fi
	expect_rc 0
	expect_same got "$SEED2/expected.txt"
}
t "-o naming a FIFO writes into it and leaves it a FIFO" t_output_fifo

t_write_error() {
	[ -w /dev/full ] || skip "no /dev/full"
	"$B" "$SEED2/input.txt" >/dev/full 2>err
	rc=$?
	expect_rc 1
	expect_grep err '^cleaner: .*write'
	run -o no-such-dir/clean.txt "$SEED2/input.txt"
	expect_rc 1
	expect_grep err 'no-such-dir/clean.txt'
}
t "an output that cannot be written gives exit 1 and a message" t_write_error

# ---- reports -------------------------------------------------------------------

t_report_stderr() {
	run --report "$SEED2/input.txt"
	expect_rc 0
	expect_same out "$SEED2/expected.txt"
	expect_grep err '^removed 3 spans, '
	expect_grep err '^line 1 .*\[0,13) .*credit-agency .*drop .*"Getty Images"'
}
t "--report writes the text report to stderr" t_report_stderr

t_report_stdout() {
	run --report=- "$SEED2/input.txt"
	expect_rc 0
	expect_empty err
	grep -q '^removed 3 spans' out || die "no report on stdout (stderr has $(grep -c '^removed' err) report lines)"
	n_exp=$(wc -c <"$SEED2/expected.txt")
	head -c "$n_exp" out >text
	expect_same text "$SEED2/expected.txt"
}
t "--report=- writes the clean text and then the report to stdout" t_report_stdout

t_report_file() {
	run --report=rep.txt "$SEED2/input.txt"
	expect_rc 0
	expect_empty err
	expect_same out "$SEED2/expected.txt"
	expect_grep rep.txt '^removed 3 spans, 25 of 60 blocks, 896 of 4988 bytes'
	# with -o: text to one file, report to the other, nothing on stdout
	run -o clean.txt --report=rep2.txt "$SEED2/input.txt"
	expect_rc 0
	expect_empty out
	expect_empty err
	expect_same rep2.txt rep.txt
	expect_same clean.txt "$SEED2/expected.txt"
}
t "--report=FILE writes the report to FILE" t_report_file

# --report=json reads as a format: a report written to a file named "json"
# (or over one) is not what was meant. The name said as a path (./json) is.
t_report_format_as_file() {
	for f in text json html; do
		run --report=$f "$SEED2/input.txt"
		expect_rc 2
		expect_empty out
		expect_grep err "--report-format=$f"
		[ ! -e $f ] || die "a file $f was created"
	done
	run --report=./json "$SEED2/input.txt"
	expect_rc 0
	expect_grep json '^removed 3 spans'
}
t "--report=text|json|html is refused (exit 2): the format is --report-format, a file ./json" t_report_format_as_file

t_report_seed2_rules() {
	run --report=rep.txt "$SEED2/input.txt"
	expect_rc 0
	report_rules rep.txt >ids
	for r in credit-agency video-carousel video-stamp; do
		grep -qx "$r" ids || die "rule $r not in the report: $(cat rep.txt)"
	done
	[ "$(wc -l <ids)" -eq 3 ] || die "expected 3 removals: $(cat ids)"
	expect_grep rep.txt '^lines 2-23 .*video-carousel .*run '
	expect_grep rep.txt '^lines 67-68 .*\[3137,3196) .*video-stamp .*drop-next .*"00:51.*Source:.*CNN / '
	expect_grep rep.txt '^rules with no hits: .*skip-link'
	! grep '^rules with no hits:' rep.txt | grep -q 'video-stamp' || die "video-stamp listed with no hits"
	# several inputs: one report each, headed by the file name
	run --report=rep2.txt "$SEED0/input.txt" "$SEED2/input.txt"
	expect_rc 0
	[ "$(grep -c '^== .* ==$' rep2.txt)" -eq 2 ] || die "no == FILE == headers"
	[ "$(grep -c '^removed ' rep2.txt)" -eq 2 ] || die "not two reports"
}
t "text report of seed 002 lists video-carousel, credit-agency, video-stamp" t_report_seed2_rules

# check_json FILE NAME INPUT EXPECTED...: one JSON object per line, each with
# the right input name, sizes, and removals whose bytes match the input.
cat >"$tmp/check_json.py" <<'EOF'
import json, sys
lines = open(sys.argv[1], 'rb').read().decode('utf-8').split('\n')
if lines and lines[-1] == '':
    lines.pop()
cases = sys.argv[2:]
assert len(lines) == len(cases) // 3, "%d lines, expected %d" % (len(lines), len(cases) // 3)
keys = ["input", "bytes_in", "bytes_out", "bytes_removed", "percent_removed", "lines",
        "blocks", "blocks_removed", "removals", "rules", "warnings"]
for i, l in enumerate(lines):
    o = json.loads(l)
    name, inp, exp = cases[3 * i:3 * i + 3]
    for k in keys:
        assert k in o, "no key %s" % k
    assert o["input"] == name, "input %r, expected %r" % (o["input"], name)
    data = open(inp, 'rb').read()
    assert o["bytes_in"] == len(data), "bytes_in"
    assert o["bytes_out"] == len(open(exp, 'rb').read()), "bytes_out"
    assert o["bytes_removed"] == sum(r["bytes"][1] - r["bytes"][0] for r in o["removals"])
    ids = {r["id"]: r for r in o["rules"]}
    for r in o["removals"]:
        for k in ("rule", "action", "lines", "bytes", "blocks", "text"):
            assert k in r, "removal without %s" % k
        a, b = r["bytes"]
        assert data[a:b].decode('utf-8', 'replace') == r["text"], "bytes %r != text" % r["bytes"]
        assert data[:a].count(b'\n') + 1 == r["lines"][0], "first line of %r" % r["bytes"]
        assert r["rule"] in ids and ids[r["rule"]]["hits"] > 0, r["rule"]
    for r in o["rules"]:
        for k in ("id", "action", "hits", "blocks", "bytes"):
            assert k in r, "rule without %s" % k
print("ok")
EOF

t_report_json() {
	[ $HAVE_PY = yes ] || skip "no python3"
	run --report-format=json --report=rep.jsonl -o clean.txt "$SEED0/input.txt" "$SEED2/input.txt"
	expect_rc 0
	expect_empty err
	[ "$(wc -l <rep.jsonl)" -eq 2 ] || die "$(wc -l <rep.jsonl) lines, expected 2"
	python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' <rep.jsonl || die "not JSON lines"
	python3 "$tmp/check_json.py" rep.jsonl \
		"$SEED0/input.txt" "$SEED0/input.txt" "$SEED0/expected.txt" \
		"$SEED2/input.txt" "$SEED2/input.txt" "$SEED2/expected.txt" || die "bad JSON report"
	# standard input is named <stdin>
	run_in "$SEED2/input.txt" --report-format=json --report=rep2.jsonl
	expect_rc 0
	python3 "$tmp/check_json.py" rep2.jsonl \
		"<stdin>" "$SEED2/input.txt" "$SEED2/expected.txt" || die "bad JSON report for stdin"
}
t "--report-format=json: one valid JSON line per input with the right input" t_report_json

# ---- rule errors -------------------------------------------------------------

t_bad_rule() {
	printf 'x: dorp /a/\n' >bad.rules
	run -r bad.rules -o clean.txt "$SEED2/input.txt"
	expect_rc 2
	expect_empty out
	expect_grep err '^bad.rules:1:4: error: .*dorp'
	expect_grep err '1 error'
	[ ! -e clean.txt ] || die "clean.txt was created"
	[ "$(ls -A | wc -l)" -eq 3 ] || die "left over: $(ls -A)"
}
t "a malformed rule file: FILE:LINE:COL error, exit 2, no output" t_bad_rule

t_two_errors() {
	printf 'x: dorp /a/\nfine: drop /^fine$/\n\ny: drop /b/ maxlen=abc\n' >two.rules
	run -r two.rules "$SEED2/input.txt"
	expect_rc 2
	expect_empty out
	expect_grep err '^two.rules:1:4: error: '
	expect_grep err '^two.rules:4:20: error: .*maxlen'
	[ "$(grep -c '^two.rules:[0-9]*:[0-9]*: error: ' err)" -eq 2 ] || die "not two errors"
	expect_grep err '2 errors'
}
t "a rule file with two errors reports both and a count, exit 2" t_two_errors

t_bad_regex() {
	printf '# comment\ny: drop /a)b/\n' >re.rules
	run --check -r re.rules
	expect_rc 2
	expect_grep err '^re.rules:2:11: error: .*parenthesis'
	# in a pattern written over several lines (flag x): the right line too
	printf 'z: drop\n    /abc\n     de)f/x\n' >ml.rules
	run --check -r ml.rules
	expect_rc 2
	expect_grep err '^ml.rules:3:8: error: '
}
t "a bad regex is reported at its line and column" t_bad_regex

t_include_loop() {
	printf 'include "b.rules"\n' >a.rules
	printf 'one: drop /^one$/\ninclude "a.rules"\n' >b.rules
	run -r a.rules -o clean.txt "$SEED2/input.txt"
	expect_rc 2
	expect_empty out
	expect_grep err 'include loop'
	expect_grep err 'b.rules:2:'
	[ ! -e clean.txt ] || die "clean.txt was created"
}
t "an include loop is reported with exit 2" t_include_loop

t_missing_rules() {
	run -r nope.rules "$SEED2/input.txt"
	expect_rc 2
	expect_empty out
	expect_grep err 'nope.rules'
}
t "a missing --rules file exits 2 and names it" t_missing_rules

t_dup_id() {
	printf 'credit-agency: drop /x/\n' >dup.rules
	run --check -r dup.rules
	expect_rc 2
	expect_grep err '^dup.rules:1:1: error: .*duplicate'
}
t "a rule id already used by the defaults is an error" t_dup_id

t_check_ok() {
	# the rules in the built-in files
	want=$("$B" --show-default-rules | grep -c '^[A-Za-z0-9][A-Za-z0-9_.-]*:')
	[ "$want" -gt 0 ] || die "no rules in --show-default-rules"
	run --check
	expect_rc 0
	expect_empty err
	[ "$(cat out)" = "rules OK: $want rules" ] || die "'$(cat out)', expected 'rules OK: $want rules'"
	printf 'ad: drop /^advertisement$/i\n' >my.rules
	run --check -r my.rules
	expect_rc 0
	[ "$(cat out)" = "rules OK: $((want + 1)) rules" ] || die "'$(cat out)' with one more rule"
	run --check --no-default-rules -r my.rules
	expect_rc 0
	[ "$(cat out)" = "rules OK: 1 rules" ] || die "'$(cat out)' with only my.rules"
}
t "--check on valid rules prints rules OK and the count, exit 0" t_check_ok

t_no_defaults() {
	run --no-default-rules "$SEED2/input.txt"
	expect_rc 0
	expect_empty err
	expect_same out "$SEED2/input.txt"
}
t "--no-default-rules with no rules leaves the input unchanged" t_no_defaults

t_custom_rules() {
	cat >site.rules <<'EOF'
# a user's rules, after the defaults
sponsored: drop /^\W*sponsored\W*$/i maxlen=30
refs: replace /\s*\[\d+\]/g with=""
getty: keep /^Getty Images$/
EOF
	{
		echo "Getty Images"
		echo "Sponsored"
		echo "A sentence with two references[1] in it[2]."
		echo "Reuters"
	} >page.txt
	run -r site.rules --report=rep.txt page.txt
	expect_rc 0
	printf 'Getty Images\nA sentence with two references in it.\n' >want
	expect_same out want
	expect_grep rep.txt 'sponsored .*drop .*"Sponsored"'
	expect_grep rep.txt 'refs .*replace .*"\[1\]" -> ""'
	expect_grep rep.txt 'credit-agency .*"Reuters"'
	# a removed block is not matched again: the first rule gets it
	printf 'first: drop /^Spons/\n' >1.rules
	printf 'second: drop /ored$/\n' >2.rules
	run --no-default-rules -r 1.rules -r 2.rules --report=rep2.txt page.txt
	expect_rc 0
	[ "$(report_rules rep2.txt)" = first ] || die "removals: $(report_rules rep2.txt)"
	run --no-default-rules -r 2.rules -r 1.rules --report=rep3.txt page.txt
	[ "$(report_rules rep3.txt)" = second ] || die "removals: $(report_rules rep3.txt)"
}
t "a custom rule file: drop and replace, keep wins, first rule takes a block" t_custom_rules

# ---- inputs that fail ------------------------------------------------------------

t_missing_input() {
	run -o clean.txt "$SEED2/input.txt" no-such-file.txt
	expect_rc 1
	expect_grep err 'no-such-file.txt'
	expect_same clean.txt "$SEED2/expected.txt"
	run no-such-file.txt "$SEED0/input.txt"
	expect_rc 1
	expect_grep err 'no-such-file.txt'
	expect_same out "$SEED0/expected.txt"
	mkdir adir
	run adir "$SEED0/input.txt"
	expect_rc 1
	expect_grep err 'adir'
	expect_same out "$SEED0/expected.txt"
}
t "a missing input among valid ones: exit 1, named, the rest still written" t_missing_input

# ---- usage errors ------------------------------------------------------------

t_usage() {
	for args in "--no-such-option" "-Z" "--report-format=xml" "--list-rules=html" \
	            "--match-limit=abc" "--match-limit=0" "--match-limit=99999999999" \
	            "--match-limit="; do
		run $args "$SEED2/input.txt"
		[ "$rc" = 2 ] || die "$args: exit status $rc, expected 2"
		[ ! -s out ] || die "$args: wrote to stdout"
		grep -q -e '--help' err || die "$args: message does not mention --help: $(cat err)"
	done
	run --report-format=xml
	expect_grep err "report-format.*xml"
}
t "unknown options and bad option values exit 2 and point to --help" t_usage

t_missing_arg() {
	for o in -o --output -r --rules --report-format --match-limit; do
		run "$o"
		[ "$rc" = 2 ] || die "$o: exit status $rc, expected 2"
		grep -q -e '--help' err || die "$o: message does not mention --help"
		grep -q 'argument' err || die "$o without its argument: '$(head -n 1 err)' (expected: needs an argument)"
	done
}
t "an option missing its argument says so and exits 2" t_missing_arg

# ---- odd input never crashes -----------------------------------------------------

t_empty() {
	: >empty.txt
	run empty.txt
	expect_rc 0
	expect_empty out
	expect_empty err
	run_in empty.txt
	expect_rc 0
	expect_empty out
	printf '\n\n  \n' >blank.txt
	run blank.txt
	expect_rc 0
	expect_same out blank.txt
}
t "empty (and blank) input gives the same output, exit 0" t_empty

t_no_final_newline() {
	printf 'First line of the article.\nLast line without a line end.' >in.txt
	run in.txt
	expect_rc 0
	expect_same out in.txt
	printf 'Getty Images\nThe article, no line end.' >in2.txt
	printf 'The article, no line end.' >want2
	run in2.txt
	expect_rc 0
	expect_same out want2
	printf 'The article.\nGetty Images' >in3.txt
	printf 'The article.\n' >want3
	run in3.txt
	expect_rc 0
	expect_same out want3
}
t "input without a final newline stays byte-exact" t_no_final_newline

t_crlf() {
	printf 'Getty Images\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n' >in.txt
	printf 'First paragraph.\r\n\r\nSecond paragraph.\r\n' >want
	run in.txt
	expect_rc 0
	expect_same out want
	printf 'Only article text.\r\nNo noise at all.\r\n' >in2.txt
	run in2.txt
	expect_same out in2.txt
	d=$F/variant-crlf-line-ends
	if [ -f "$d/input.txt" ]; then
		run "$d/input.txt"
		expect_same out "$d/expected.txt"
	fi
}
t "CR LF input keeps its line ends byte-exact" t_crlf

t_binary() {
	printf 'a\000b\377\376\000c\n\300\200 caf\351\n\n\355\240\200x\r\nend' >in.txt
	run in.txt
	expect_rc 0
	expect_empty err
	expect_same out in.txt
	run_in in.txt
	expect_same out in.txt
	if [ $HAVE_PY = yes ]; then
		run --report-format=json --report=rep.jsonl in.txt
		expect_rc 0
		python3 -c 'import json,sys; [json.loads(l) for l in sys.stdin]' <rep.jsonl || die "bad JSON"
	fi
	# noise between binary lines still goes, the rest stays byte-exact
	printf '\377\376\000\nGetty Images\n\000tail\n' >in2.txt
	printf '\377\376\000\n\000tail\n' >want2
	run in2.txt
	expect_rc 0
	expect_same out want2
}
t "NUL bytes and invalid UTF-8 pass through byte-exact" t_binary

t_long_line() {
	awk 'BEGIN { s = "Long line of article text without any end; "; while (length(s) < 10000000) s = s s; print substr(s, 1, 10000000) }' >long.txt
	[ "$(wc -c <long.txt)" -eq 10000001 ] || die "could not make the input"
	lim 60 "$B" long.txt >out 2>err
	rc=$?
	expect_rc 0
	expect_same out long.txt
}
t "a 10 MB single line comes out byte-identical" t_long_line

t_big() {
	# ~100 MB of distinct lines (a line repeated at once would be dropped by
	# the default repeated-caption rule), ending without a line end
	awk 'BEGIN { for (i = 0; i < 1800000; i++)
		printf "Sentence %d of a long article, which stays in the text as it is.\n", i }' |
		head -c 100000000 >big.txt
	[ "$(wc -c <big.txt)" -eq 100000000 ] || die "could not make the input"
	lim 120 "$B" big.txt >out 2>err
	rc=$?
	expect_rc 0
	expect_empty err
	expect_same out big.txt
}
t "a 100 MB multi-line input comes out byte-identical within 120 s" t_big

t_catastrophic() {
	printf 'slow: drop /^(a+)+$/\n' >slow.rules
	{
		echo "Intro line of the article."
		awk 'BEGIN { s = ""; for (i = 0; i < 40; i++) s = s "a"; print s "b" }'
		echo "End of the article."
	} >in.txt
	lim 20 "$B" -r slow.rules in.txt >out 2>err
	rc=$?
	expect_rc 0
	expect_same out in.txt
	expect_grep err 'slow'
	expect_grep err 'match limit'
	lim 20 "$B" -q -r slow.rules in.txt >out 2>err
	rc=$?
	expect_rc 0
	expect_empty err
	expect_same out in.txt
	# quiet or not, the report still lists the warning
	lim 20 "$B" -q -r slow.rules --report=rep.txt in.txt >out 2>err
	expect_grep rep.txt '^warning: .*slow.*match limit'
	# folder, JSONL and WARC runs name the document with the warning
	mkdir in && cp in.txt in/doc.txt
	lim 20 "$B" -r slow.rules -o res/ in/doc.txt >out 2>err
	rc=$?
	expect_rc 0
	expect_grep err 'cleaner: in/doc.txt: warning: .*slow.*match limit'
	lim 20 "$B" -q -r slow.rules -o res2/ in/doc.txt >out 2>err
	expect_empty err
	if [ $HAVE_PY = yes ]; then
		python3 -c 'import json,sys; print(json.dumps({"id": "d1", "text": open(sys.argv[1]).read()}))' \
			in.txt >in.jsonl
		lim 20 "$B" -r slow.rules --jsonl in.jsonl >out 2>err
		expect_grep err 'cleaner: in.jsonl:1 (id d1): warning: .*match limit'
	fi
}
t "a catastrophic pattern stops at the match limit with a warning; -q hides it" t_catastrophic

t_match_limit_opt() {
	# a tiny limit makes the default rules give up, warning, not failing
	run --match-limit=1 "$SEED2/input.txt"
	expect_rc 0
	expect_grep err 'match limit'
	run --match-limit=4294967295 "$SEED2/input.txt"
	expect_rc 0
	expect_same out "$SEED2/expected.txt"
}
t "--match-limit=N is honoured" t_match_limit_opt

# ---- rule listings -----------------------------------------------------------

t_list_rules() {
	run --list-rules
	expect_rc 0
	expect_empty err
	for a in $ACTIONS; do
		grep -q "^  $a " out || die "action $a not listed"
	done
	# and every action of the parser's table
	sed -n 's/^[[:space:]]*\[ACT_[A-Z_]*\] = { "\([a-z-]*\)".*/\1/p' "$S/cleaner/rulekinds.c" >acts
	[ -s acts ] || die "no actions found in rulekinds.c"
	while read -r a; do
		grep -q "^  $a " out || die "action $a (rulekinds.c) not listed"
	done <acts
	cp out text
	run --list-rules=text
	expect_same out text
}
t "--list-rules lists every action" t_list_rules

# ---- --warc ---------------------------------------------------------------

t_warc() {
	[ $HAVE_PY = yes ] || skip "no python3"
	python3 "$S/tests/make-warc" crawl || die "tests/make-warc failed"
	run --warc crawl.warc.gz
	expect_rc 0
	expect_grep err '5 WARC records: 2 cleaned, 3 skipped (not HTML responses), 0 failed'
	python3 - out <<'PY' || die "bad WARC output"
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert [d['id'] for d in docs] == ['<urn:uuid:0003>', '<urn:uuid:0005>'], docs
ferry, cafe = docs
assert ferry['url'] == 'https://example.com/ferry' and ferry['date'] == '2024-03-01T10:00:00Z'
# chunked transfer decoded, headers stripped, page cleaned
assert ferry['text'].startswith('The island ferry ran again'), ferry['text']
assert 'Home' not in ferry['text'] and 'Copyright' not in ferry['text'] and 'HTTP' not in ferry['text']
assert ferry['title'] == 'Ferry link restored'
# the charset from the HTTP Content-Type header
assert 'caf\u00e9' in cafe['text'] and 'apr\u00e8s' in cafe['text'], cafe['text']
PY
	mv out gz.jsonl
	run --warc -j 1 crawl.warc
	cmp -s out gz.jsonl || die "plain WARC gives other output than gzip members"
	run --warc crawl-cut.warc.gz
	expect_rc 1
	expect_grep err 'record 5 (<urn:uuid:0005>): truncated'
	[ "$(wc -l <out)" -eq 1 ] || die "the records before the cut were not all written"
	# a record over --max-bytes is let go (read through, not kept)
	run --warc --max-bytes=300 crawl.warc.gz
	expect_rc 1
	expect_grep err 'crawl.warc.gz: record 3 (<urn:uuid:0003>): larger than --max-bytes (300): [0-9]* bytes'
	expect_grep err '5 WARC records: 1 cleaned, 3 skipped (not HTML responses), 1 failed'
	[ "$(cut -c1-23 out)" = '{"id":"<urn:uuid:0005>"' ] || die "record 5 not cleaned: $(cut -c1-40 out)"
	# HTTP bodies with a Content-Encoding are decoded (gzip, deflate); others are named
	run --warc crawl-encoded.warc.gz
	expect_rc 1
	expect_grep err 'record 5 (<urn:uuid:0105>): Content-Encoding br: this Content-Encoding cannot be decoded'
	expect_grep err 'record 6 (<urn:uuid:0106>): Content-Encoding gzip: broken gzip/deflate data'
	expect_grep err '7 WARC records: 5 cleaned, 0 skipped (not HTML responses), 2 failed'
	python3 - out <<'PY' || die "encoded bodies not decoded"
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
assert [d['id'][-5:-1] for d in docs] == ['0101', '0102', '0103', '0104', '0107'], docs
assert docs[-1]['url'] == 'https://example.com/long?' + 'q' * 6000, len(docs[-1]['url'])
for d in docs:
    assert d['title'] == 'Ferry link restored', d
    assert 'new propeller shaft' in d['text'] and 'Copyright' not in d['text'], d
PY
}
t "--warc: HTML responses cleaned to JSONL (url, id, date), others skipped, truncated named" t_warc

# ---- compressed inputs and outputs ----------------------------------------

t_compressed() {
	have gzip || skip "no gzip"
	cp "$SEED2/input.txt" page.txt
	gzip -k page.txt
	run page.txt.gz
	expect_rc 0
	expect_same out "$SEED2/expected.txt"
	# an output named .gz or .zst is compressed
	run -o clean.txt.gz page.txt
	expect_rc 0
	gzip -dc clean.txt.gz >clean.txt || die "clean.txt.gz is not gzip"
	expect_same clean.txt "$SEED2/expected.txt"
	run --no-default-rules -o copy.txt.zst page.txt
	expect_rc 0
	run copy.txt.zst
	expect_rc 0
	expect_same out "$SEED2/expected.txt"
	# a truncated gzip file is named, the others still cleaned
	head -c 1500 page.txt.gz >cut.txt.gz
	run cut.txt.gz page.txt
	expect_rc 1
	expect_grep err 'cut.txt.gz: truncated gzip data'
	# a folder keeps its inputs' compression
	mkdir -p tree/sub && cp page.txt.gz tree/sub/
	run -R -q -o res tree
	expect_rc 0
	gzip -dc res/sub/page.txt.gz | cmp -s - "$SEED2/expected.txt" || die "res/sub/page.txt.gz differs"
}
t ".gz and .zst inputs are read, outputs so named are compressed, truncated gzip named" t_compressed

# ---- -o FOLDER -------------------------------------------------------------

# a tree of inputs: every fixture's input under 50 KB (150 of every kind,
# a seventh of the bytes), some in sub-folders
make_tree() {
	mkdir -p in/sub in/sub/deeper
	k=0
	for d in "$F"/*/; do
		for f in "$d"input.txt "$d"input.html; do
			[ -f "$f" ] && [ "$(wc -c <"$f")" -lt 50000 ] || continue
			k=$((k + 1))
			case $((k % 3)) in
			0) cp "$f" "in/p$k.${f##*.}" ;;
			1) cp "$f" "in/sub/p$k.${f##*.}" ;;
			*) cp "$f" "in/sub/deeper/p$k.${f##*.}" ;;
			esac
		done
	done
}

t_folder() {
	make_tree
	mkdir res
	run -o res in
	expect_rc 1
	expect_grep err 'is a folder (use -R'
	run -R -o res in
	expect_rc 0
	n_in=$(find in -type f | wc -l)
	n_out=$(find res -type f | wc -l)
	[ "$n_in" -eq "$n_out" ] || die "$n_in inputs, $n_out outputs"
	[ -z "$(find res -name '.*' -o -name '*.html')" ] || die "left over or unrenamed files"
	# each output is what cleaning that file alone gives (every fifth file:
	# test_golden checks every fixture's output in a folder run like this)
	for f in $(cd in && find . -type f | sort | awk 'NR % 5 == 1'); do
		"$B" "in/$f" >one 2>/dev/null
		cmp -s one "res/${f%.*}.txt" || die "res/${f%.*}.txt differs from cleaning in/$f alone"
	done
	# markdown names, -j 1 against -j 2
	run -R -j 1 --output-format=markdown -o md1 in
	run -R -j 2 --output-format=markdown -o md2 in
	[ -f md1/sub/p1.md ] || die "no md1/sub/p1.md"
	diff -r md1 md2 >/dev/null || die "-j 2 differs from -j 1"
}
t "-o FOLDER -R: same tree, one clean file each, byte-identical for any -j" t_folder

t_folder_reports() {
	[ $HAVE_PY = yes ] || skip "no python3"
	make_tree
	run -R -j 2 -o res --report=run.jsonl --report-format=json in
	expect_rc 0
	python3 - run.jsonl <<'PY' || die "bad run report"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding='utf-8')]
names = [r['input'] for r in rows]
assert names == sorted(names), names  # input order, whatever the threads did
assert all('removals' in r for r in rows)
PY
	run -R -o beside --report in
	expect_rc 0
	[ -f beside/sub/p1.txt.report.txt ] || die "no report beside the output"
}
t "-o FOLDER: one JSONL report in input order, or a report beside each output" t_folder_reports

t_folder_faults() {
	make_tree
	head -c 300000 /dev/zero | tr '\0' 'x' >in/big.txt
	mkdir in/locked && echo text >in/locked/x.txt && chmod 000 in/locked/x.txt
	run -R --max-bytes=200000 -o res in
	expect_rc 1
	expect_grep err 'big.txt: larger than --max-bytes (200000)'
	[ -f res/sub/p1.txt ] || die "the other documents were not cleaned"
	[ ! -f res/big.txt ] || die "a failed document has an output"
	chmod 644 in/locked/x.txt
	# an output may never replace its input
	cp "$SEED2/input.txt" same.txt
	before=$(sum same.txt)
	run -o . same.txt
	expect_rc 2
	expect_grep err 'same.txt would be written over the input same.txt'
	[ "$(sum same.txt)" = "$before" ] || die "the input was overwritten"
}
t "-o FOLDER: a bad document is named and the run goes on; inputs are never replaced" t_folder_faults

t_folder_resume() {
	make_tree
	for i in $(seq 1 12); do cp -r in/sub "in/copy$i"; done
	run -R -j 1 -o full in
	expect_rc 0
	# stop a run with SIGINT, then carry on with --skip-existing
	"$B" -R -j 1 -o part in >/dev/null 2>part.err &
	pid=$!
	wait_handler $pid INT
	sleep 0.2
	kill -INT $pid 2>/dev/null
	wait $pid
	st=$?
	[ -z "$(find part -name '.*' 2>/dev/null)" ] || die "temporary files left: $(find part -name '.*')"
	if [ $st -ne 0 ]; then
		[ $st -eq 130 ] || die "exit $st after SIGINT, not 130"
		grep -q 'interrupted by SIGINT after [0-9]* of [0-9]* documents' part.err ||
			die "exit $st without saying why: $(cat part.err)"
		if grep -q 'failed:' part.err; then die "documents in flight reported as failed"; fi
	fi
	run -R -j 2 --skip-existing -o part in
	expect_rc 0
	diff -r full part >/dev/null || die "resumed run differs from an uninterrupted one"
}
t "-o FOLDER: SIGINT stops cleanly; --skip-existing resumes to the same result" t_folder_resume

# ---- write errors ------------------------------------------------------------

# documents.jsonl: an HTML page, a text page, odd strings, bad lines
make_jsonl() {
	python3 - "$F" >docs.jsonl <<'PY'
import json, sys
F = sys.argv[1]
page = open(F + '/html-main-article/input.html', encoding='utf-8').read()
seed = open(F + '/seed-002-cnn-russia-icy/input.txt', encoding='utf-8').read()
print(json.dumps({"id": "p1", "url": "https://example.com/a", "html": page, "n": 3}))
print()
print(json.dumps({"id": 7, "text": seed, "meta": {"k": [1, 2]}}))
print('{"id":"esc","text":"Tab\\there \\"q\\" \\\\ / \\u0001\\u001f\\u007f \\u00e9 \\ud83d\\ude00 \\u2028 end\\n"}')
print('not json at all')
print('{"id":"none","title":"no text field"}')
PY
}

t_write_full() {
	[ -w /dev/full ] || skip "no /dev/full"
	[ $HAVE_PY = yes ] || skip "no python3"
	"$B" "$SEED2/input.txt" >/dev/full 2>err
	[ $? -eq 1 ] || die "stdout on a full device: not exit 1"
	expect_grep err 'No space left on device'
	run -o /dev/full "$SEED2/input.txt"
	expect_rc 1
	expect_grep err 'cannot write /dev/full: No space left on device'
	run --report=/dev/full "$SEED2/input.txt"
	expect_rc 1
	expect_grep err 'cannot write /dev/full: No space left on device'
	make_jsonl
	"$B" -q --jsonl -j 2 docs.jsonl >/dev/full 2>err
	[ $? -eq 1 ] || die "--jsonl on a full device: not exit 1"
	expect_grep err 'write error: No space left on device'
	python3 "$S/tests/make-warc" crawl || die "tests/make-warc failed"
	"$B" -q --warc crawl.warc.gz >/dev/full 2>err
	[ $? -eq 1 ] || die "--warc on a full device: not exit 1"
	expect_grep err 'No space left on device'
}
t "a full device on stdout, -o or --report: named, exit 1" t_write_full

# file_limit KB CMD...: run CMD with files limited to KB (writes past it fail
# with EFBIG, as on a full disk, instead of killing the process)
file_limit() {
	(
		trap '' XFSZ
		ulimit -f "$1" || exit 99
		shift
		"$@"
	)
}

t_write_limit() {
	[ $HAVE_PY = yes ] || skip "no python3"
	make_tree
	run -R -j 1 -o full in
	expect_rc 0
	# standard error through a pipe: a file would be under the limit too,
	# and the fixtures' warnings fill its 2 KB before the last line
	(file_limit 4 "$B" -R -j 2 -o part in 2>&1 >out; echo $? >rc) | cat >err
	rc=$(cat rc)
	[ $rc -ne 99 ] || skip "ulimit -f not available"
	expect_rc 1
	expect_grep err 'File too large'
	expect_grep err 'stopped after [0-9]* of [0-9]* documents: an output could not be written'
	[ -z "$(find part -name '.*')" ] || die "temporary files left: $(find part -name '.*')"
	# every output there is whole
	for f in $(cd part && find . -type f); do
		cmp -s "part/$f" "full/$f" || die "part/$f is not whole"
	done
	run -R -j 2 --skip-existing -o part in
	expect_rc 0
	diff -r full part >/dev/null || die "resumed run differs from an uninterrupted one"
	# one output file: nothing is left unless all of it was written
	make_jsonl
	for o in big.jsonl big.jsonl.gz; do
		file_limit 1 "$B" -q --jsonl -o $o docs.jsonl 2>err
		[ $? -eq 1 ] || die "$o: not exit 1"
		expect_grep err "cannot write $o: File too large"
		[ -z "$(ls -A | grep '^\.\?big')" ] || die "left: $(ls -A | grep '^\.\?big')"
	done
}
t "a write that fails (file size limit) ends the run, exit 1; no partial file; resumable" t_write_limit

t_jsonl_signal() {
	[ $HAVE_PY = yes ] || skip "no python3"
	python3 - "$SEED2/input.txt" >many.jsonl <<'PY'
import json, sys
seed = open(sys.argv[1], encoding='utf-8').read()
for i in range(5000):
    print(json.dumps({"id": i, "text": seed}))
PY
	"$B" -q --jsonl -j 2 -o res.jsonl.gz many.jsonl 2>err &
	pid=$!
	wait_handler $pid INT
	sleep 0.3
	kill -INT $pid 2>/dev/null
	wait $pid
	rc=$?
	if [ $rc -eq 0 ]; then # done before the signal came
		[ "$(gzip -dc res.jsonl.gz | wc -l)" -eq 5000 ] || die "finished run, output incomplete"
		return 0
	fi
	expect_rc 130
	expect_grep err 'interrupted by SIGINT after [0-9]* documents'
	expect_grep err 'res.jsonl.gz was not written (interrupted)'
	[ -z "$(ls -A | grep '^\.\?res')" ] || die "left: $(ls -A | grep '^\.\?res')"
}
t "--jsonl -o FILE: SIGINT stops the run, exit 130, no output file left" t_jsonl_signal

# --stats: the totals of a whole run, and an interrupted run's never put over
# a stats file already there (a killed Dask worker's command over its retry's)
t_stats_file() {
	[ $HAVE_PY = yes ] || skip "no python3"
	printf '%s\n' '{"text":"Skip to main content\nBody stays.\n"}' '{"text":"Body two.\n"}' >two.jsonl
	"$B" -q --jsonl --stats=st.json -o out.jsonl two.jsonl 2>err || die "status $?: $(cat err)"
	python3 -c 'import json,sys; s=json.load(open("st.json"))
assert s["documents"] == 2 and s["failed"] == 0 and s["interrupted"] is False, s
assert s["rules"].get("skip-link") == 1, s' || die "$(cat st.json)"
	cp st.json whole.json
	python3 - "$SEED2/input.txt" >many.jsonl <<'PY'
import json, sys
seed = open(sys.argv[1], encoding='utf-8').read()
for i in range(5000):
    print(json.dumps({"id": i, "text": seed}))
PY
	for have in yes no; do
		[ $have = yes ] || rm -f st.json
		"$B" -q --jsonl -j 2 --stats=st.json many.jsonl >/dev/null 2>err &
		pid=$!
		wait_handler $pid INT
		sleep 0.3
		kill -INT $pid 2>/dev/null
		wait $pid
		rc=$?
		[ $rc -ne 0 ] || skip "the run ended before the signal"
		expect_rc 130
		if [ $have = yes ]; then
			expect_same st.json whole.json
			expect_grep err 'st.json was not replaced: the run was interrupted and the file was there'
		else
			python3 -c 'import json; s=json.load(open("st.json")); assert s["interrupted"] is True, s' ||
				die "$(cat st.json)"
		fi
		[ -z "$(ls -A | grep '^\.st')" ] || die "left: $(ls -A | grep '^\.st')"
	done
}
t "--stats=FILE: a whole run's totals; an interrupted run writes its own only where no file is" t_stats_file

t_jsonl_pipe_signal() {
	# a slow producer: the line it wrote is cleaned, and SIGINT stops the
	# run at once although the pipe stays open
	mkfifo pipe || skip "no mkfifo"
	{ printf '%s\n' '{"text":"Body stays.\n"}'; sleep 8; } >pipe &
	"$B" --jsonl <pipe >out 2>err &
	pid=$!
	wait_handler $pid INT
	sleep 1
	t0=$(date +%s)
	kill -INT $pid 2>/dev/null
	wait $pid
	rc=$?
	[ $(($(date +%s) - t0)) -lt 5 ] || die "did not stop at once"
	expect_rc 130
	expect_grep err 'interrupted by SIGINT'
	if grep -q 'Interrupted' err; then die "the interrupted read was reported: $(cat err)"; fi
	case "$(cat out)" in
	'{"text":"Body stays.\n","cleaner":'*) ;;
	*) die "the line was not cleaned: $(cat out)" ;;
	esac
}
t "--jsonl from a pipe: lines are cleaned as they come; SIGINT stops at once" t_jsonl_pipe_signal

t_signal_before_run() {
	# SIGTERM while the report's FIFO has no reader yet: the clean text's
	# temporary file is already there and must go with the run (a killed
	# Dask worker sends it to its command at any moment)
	mkfifo rep || skip "no mkfifo"
	for mode in "" --jsonl; do
		"$B" $mode -o out --report=rep "$F/seed-000-russia-frozen/input.txt" >/dev/null 2>err &
		pid=$!
		i=0
		while [ -z "$(ls -A | grep '^\.out')" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		[ -n "$(ls -A | grep '^\.out')" ] || die "no temporary file seen: $(cat err)"
		kill -TERM $pid
		wait $pid
		rc=$?
		expect_rc 143
		[ -z "$(ls -A | grep '^\.out')" ] || die "$mode: left: $(ls -A | grep '^\.out')"
		[ ! -e out ] || die "$mode: an output of an interrupted run"
	done
}
t "SIGTERM before the run starts (a report FIFO with no reader): exit 143, no temporary file left" t_signal_before_run

t_progress() {
	have script || skip "no script(1)"
	make_tree
	# on a terminal: a progress line redrawn in place, then the summary
	script -qec "'$B' -R -j 1 -o res in" typescript >/dev/null 2>&1 </dev/null || true
	grep -q "documents, [0-9.]* MB/s" typescript || die "no progress line on a terminal: $(head -c 300 typescript)"
	grep -q "$(printf '\r')" typescript || die "the progress line is not redrawn in place"
	grep -q "most removals: " typescript || die "no summary of the rules"
	# not a terminal: the summary only; --quiet: nothing
	run -R -j 1 -o res2 in
	expect_rc 0
	grep -q "$(printf '\r')" err && die "a progress line though stderr is no terminal"
	expect_grep err ' documents (0 failed) in '
	run -R -q -o res3 in
	expect_empty err
}
t "progress line on a terminal only; closing summary unless --quiet" t_progress

# ---- --jsonl ------------------------------------------------------------


t_jsonl_stage() {
	[ $HAVE_PY = yes ] || skip "no python3"
	make_jsonl
	run --jsonl docs.jsonl
	expect_rc 1
	expect_grep err 'docs.jsonl:5: '
	expect_grep err 'docs.jsonl:6 (id none): no string field "html" or "text" to clean'
	python3 - out "$F" <<'PY' || die "bad JSONL output"
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
assert lines[-1] == '', 'no final newline'
docs = [json.loads(l) for l in lines[:-1]]
assert [d['id'] for d in docs] == ['p1', 7, 'esc'], [d['id'] for d in docs]
p1, seed, esc = docs
# every input field kept, in order, the clean text and the summary added
assert list(p1) == ['id', 'url', 'html', 'n', 'text', 'cleaner'], list(p1)
assert p1['n'] == 3 and p1['url'] == 'https://example.com/a'
assert p1['cleaner']['removed_bytes'] > 0 and p1['cleaner']['rules'].get('main-content', 0) > 0
want = open(sys.argv[2] + '/seed-002-cnn-russia-icy/expected.txt', encoding='utf-8').read()
assert seed['text'] == want, 'seed text differs'
assert seed['meta'] == {'k': [1, 2]}
assert seed['cleaner']['rules'] == {'credit-agency': 1, 'video-carousel': 1, 'video-stamp': 1}, seed['cleaner']
# escapes and surrogate pairs round-trip exactly
assert esc['text'] == 'Tab\there "q" \\ / \x01\x1f\x7f \u00e9 \U0001F600 \u2028 end\n', repr(esc['text'])
PY
}
t "--jsonl: fields kept, clean text and summary added, bad lines named, exit 1" t_jsonl_stage

t_jsonl_fields() {
	[ $HAVE_PY = yes ] || skip "no python3"
	printf '%s\n' '{"doc":"Skip to content\nBody stays.\n","id":1}' >in.jsonl
	run --jsonl --text-field=doc --output-field=clean --summary-field=meta --full-report in.jsonl
	expect_rc 0
	python3 - out <<'PY' || die "fields not honoured"
import json, sys
d = json.loads(open(sys.argv[1]).read())
assert d['doc'] == 'Skip to content\nBody stays.\n'
assert d['clean'] == 'Body stays.\n', d
assert d['meta']['rules'] == {'skip-link': 1}
assert d['meta']['report']['removals'][0]['rule'] == 'skip-link'
PY
	# an invalid UTF-8 line is reported, not passed on
	printf '{"text":"a\377b"}\n' >bad.jsonl
	run --jsonl bad.jsonl
	expect_rc 1
	expect_grep err 'bad.jsonl:1: not JSON: invalid utf-8 .*(0xff)'
	expect_empty out
}
t "--jsonl: field names are configurable; full report; invalid UTF-8 reported" t_jsonl_fields

# the text field holds an HTML page's body: its title is in the summary
t_jsonl_title() {
	[ $HAVE_PY = yes ] || skip "no python3"
	{
		printf '%s\n' '{"html":"<html><head><title>Ferry link restored | Island News</title></head><body><article><h1>Ferry link restored</h1><p>The island ferry ran again on Monday after a week in dry dock.</p></article></body></html>"}'
		printf '%s\n' '{"text":"Body stays.\n"}'
	} >in.jsonl
	run --jsonl in.jsonl
	expect_rc 0
	python3 - out <<'PY' || die "no title in the summary"
import json, sys
page, text = [json.loads(l) for l in open(sys.argv[1])]
assert page['text'] == 'The island ferry ran again on Monday after a week in dry dock.\n', page
assert page['cleaner']['title'] == 'Ferry link restored | Island News', page['cleaner']
assert 'title' not in text['cleaner'], text['cleaner']  # a text has none
PY
}
t "--jsonl: an HTML page's title is in the summary, its body in the text" t_jsonl_title

t_jsonl_markdown() {
	[ $HAVE_PY = yes ] || skip "no python3"
	printf '%s\n' '{"html":"<html><body><article><h1>Ferry link restored</h1><p>The island ferry ran again on Monday after a week in dry dock.</p><h2>What changed</h2><ul><li>A new propeller shaft</li></ul></article></body></html>"}' >in.jsonl
	run --jsonl --output-format=markdown in.jsonl
	expect_rc 0
	python3 - out <<'PY' || die "no Markdown in text"
import json, sys
d = json.loads(open(sys.argv[1]).read())
# the headline is the page title: first, as a level-one heading (the plain
# text field holds the body only, where nothing would mark it a title)
assert d['text'] == ('# Ferry link restored\n\nThe island ferry ran again on Monday after a week in dry dock.\n\n'
                     '## What changed\n\n- A new propeller shaft\n'), repr(d['text'])
PY
	python3 "$S/tests/make-warc" crawl || die "tests/make-warc failed"
	run --warc --output-format=markdown crawl.warc.gz
	expect_rc 0
	expect_grep out '"text":"# Ferry link restored\\n\\nThe island ferry ran again'
	run --jsonl --output-format=json in.jsonl
	expect_rc 2
	expect_grep err 'output-format=json does not apply to --jsonl or --warc'
}
t "--jsonl and --warc: --output-format=markdown puts Markdown in text; json is refused" t_jsonl_markdown

t_jsonl_values() {
	[ $HAVE_PY = yes ] || skip "no python3"
	# 1: text replaced in place: its other values must come out as they
	# went in; 2: a page's input bytes are kept, a huge integer too; 3: so
	# is such an integer when the text is replaced (tests/streams.sh has
	# more); 4: NUL and a lone surrogate in the text
	cat >in.jsonl <<'EOF'
{"id":"re","text":"Skip to content\nBody stays.\n","meta":{"f":1.50e3,"u":18446744073709551615,"n":-9223372036854775808,"s":"a\u0000b \ud83d\ude00 / \\ \"","l":[true,false,null,[],{}]}}
{"id":123456789012345678901234567890, "html":"<p>Body.</p>" ,"x":1e400}  
{"id":123456789012345678901234567890,"text":"Body.\n"}
{"id":"nul","text":"a\u0000b \udc00 end\n"}
EOF
	run --jsonl in.jsonl
	expect_rc 0
	expect_grep out '^{"id":123456789012345678901234567890,"text":"Body.\\n","cleaner":{'
	python3 - out <<'PY' || die "values not kept"
import json, sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
assert len(lines) == 5 and lines[4] == '', lines
re_, page, big, nul = lines[:4]
d = json.loads(re_)
assert list(d) == ['id', 'text', 'meta', 'cleaner'], list(d)
assert d['text'] == 'Body stays.\n', d['text']
assert d['meta'] == {"f": 1500.0, "u": 18446744073709551615, "n": -9223372036854775808,
                     "s": "a\x00b \U0001F600 / \\ \"", "l": [True, False, None, [], {}]}, d['meta']
assert '"f":1.50e3' in re_, re_
assert page.startswith('{"id":123456789012345678901234567890, "html":"<p>Body.</p>" ,"x":1e400,"text":"Body.\\n","cleaner":{'), page
d = json.loads(nul)
assert d['text'] == 'a\x00b \ufffd end\n', repr(d['text'])
PY
}
t "--jsonl: values round-trip when the text is replaced; NUL kept; integers of any size" t_jsonl_values

t_jsonl_bad_lines() {
	[ $HAVE_PY = yes ] || skip "no python3"
	cat >in.jsonl <<'EOF'
{"text":"a"} trailing
{"text":"a"
[1,2]
{"text":"a",}
{"text":'a'}
{"text":"ok\n"}
EOF
	run --jsonl in.jsonl
	expect_rc 1
	expect_grep err 'in.jsonl:1: not JSON: unexpected character at byte 14'
	expect_grep err 'in.jsonl:2: not JSON: the line ends inside a value'
	expect_grep err 'in.jsonl:3: not a JSON object'
	expect_grep err 'in.jsonl:4: not JSON: '
	expect_grep err 'in.jsonl:5: not JSON: '
	[ "$(cat out)" = '{"text":"ok\n","cleaner":{"removed_bytes":0,"removed_blocks":0,"rules":{},"page_type":"unknown"}}' ] ||
		die "good line: $(cat out)"
	# the summary names the failures again, the first ten
	[ "$(grep -c '^cleaner: failed: in.jsonl:' err)" -eq 5 ] || die "summary: $(cat err)"
	for i in $(seq 1 12); do echo "bad $i"; done >bad.jsonl
	run --jsonl bad.jsonl
	expect_rc 1
	[ "$(grep -c '^cleaner: failed: bad.jsonl:' err)" -eq 10 ] || die "summary: $(cat err)"
	expect_grep err '^cleaner: failed: 2 more$'
	# failures alike but for their line numbers: the first ten are named
	expect_grep err '^cleaner: 2 messages not shown for being like earlier ones$'
	run -q --jsonl bad.jsonl
	[ "$(grep -c 'failed' err)" -eq 0 ] && [ "$(grep -c 'bad.jsonl' err)" -eq 10 ] ||
		die "--quiet: failures named once, no summary: $(cat err)"
	expect_grep err 'more messages like the one above are counted, not shown'
	# names that differ by a number are not alike
	for i in $(seq 1 12); do echo "bad" >"bad$i.jsonl"; done
	run -q --jsonl bad[0-9]*.jsonl
	[ "$(grep -c 'bad[0-9]*.jsonl' err)" -eq 12 ] || die "failures of distinct files capped: $(cat err)"
	# nesting: 900 levels are read, 1100 are refused
	python3 -c 'print("{\"text\":\"a\",\"d\":" + "[" * 900 + "]" * 900 + "}")' >deep.jsonl
	python3 -c 'print("{\"text\":\"a\",\"d\":" + "[" * 1100 + "]" * 1100 + "}")' >>deep.jsonl
	run --jsonl deep.jsonl
	expect_rc 1
	[ "$(wc -l <out)" -eq 1 ] || die "the 900-deep line is not out"
	expect_grep err 'deep.jsonl:2: not JSON: '
	# lines over --max-bytes fail, also the last one and through gzip
	python3 -c '
import json
print(json.dumps({"id": 1, "text": "short\n"}))
print(json.dumps({"id": 2, "text": "x" * 300000}))
print(json.dumps({"id": 3, "text": "short again\n"}))
print(json.dumps({"id": 4, "text": "y" * 500000}), end="")' >mb.jsonl
	gzip -c mb.jsonl >mb.jsonl.gz
	for f in mb.jsonl mb.jsonl.gz; do
		run --jsonl --max-bytes=100000 $f
		expect_rc 1
		expect_grep err "$f:2: larger than --max-bytes (100000): 300021 bytes"
		expect_grep err "$f:4: larger than --max-bytes (100000): 500021 bytes"
		[ "$(cut -c1-8 out | tr '\n' ' ')" = '{"id": 1 {"id": 3 ' ] ||
			die "$f: kept lines: $(cut -c1-30 out)"
	done
}
t "--jsonl: malformed lines are named with the place and the reason" t_jsonl_bad_lines

t_jsonl_compressed() {
	[ $HAVE_PY = yes ] || skip "no python3"
	have gzip || skip "no gzip"
	make_jsonl
	# lines longer than the reader's chunks, and a last line with no newline
	python3 -c '
import json
for i in range(3):
    print(json.dumps({"id": "long%d" % i, "text": "".join("Line %d.%d of a long page.\n" % (i, k) for k in range(40000))}))
print(json.dumps({"id": "last", "text": "no newline after me\n"}), end="")' >>docs.jsonl
	run --jsonl docs.jsonl
	expect_rc 1
	mv out plain.jsonl
	[ "$(grep -c '"id": "long' plain.jsonl)" -eq 3 ] || die "long lines lost"
	gzip -k docs.jsonl
	run --jsonl -j 2 docs.jsonl.gz
	expect_rc 1
	cmp -s out plain.jsonl || die "a .gz JSONL stream gives other output"
	# zstd, written by cleaner itself (no rules: the bytes as they are)
	run --no-default-rules --format=text -o docs.jsonl.zst docs.jsonl
	expect_rc 0
	run --jsonl -j 2 docs.jsonl.zst
	expect_rc 1
	cmp -s out plain.jsonl || die "a .zst JSONL stream gives other output"
	# two zstd frames one after the other are one stream
	head -n 3 docs.jsonl >a.jsonl && tail -n +4 docs.jsonl >b.jsonl
	run --no-default-rules --format=text -o a.jsonl.zst a.jsonl
	run --no-default-rules --format=text -o b.jsonl.zst b.jsonl
	cat a.jsonl.zst b.jsonl.zst >ab.jsonl.zst
	run --jsonl ab.jsonl.zst
	cmp -s out plain.jsonl || die "a two-frame .zst stream gives other output"
	# cut streams: what came before the cut is written, the cut is named
	size=$(wc -c <docs.jsonl.zst)
	head -c $((size - 100)) docs.jsonl.zst >cut.jsonl.zst
	run --jsonl cut.jsonl.zst
	expect_rc 1
	expect_grep err 'cut.jsonl.zst: truncated zstd data'
	[ "$(wc -l <out)" -ge 3 ] || die "lines before the cut were not written"
	size=$(wc -c <docs.jsonl.gz)
	head -c $((size - 100)) docs.jsonl.gz >cut.jsonl.gz
	run --jsonl cut.jsonl.gz
	expect_rc 1
	expect_grep err 'cut.jsonl.gz: truncated gzip data'
}
t "--jsonl streams .gz and .zst (frames, long lines, cuts named), same output as plain" t_jsonl_compressed

t_jsonl_order() {
	[ $HAVE_PY = yes ] || skip "no python3"
	python3 - "$F" >many.jsonl <<'PY'
import json, os, sys
F = sys.argv[1]
pages = []
for d in sorted(os.listdir(F)):
	for name in ('input.html', 'input.txt'):
		p = os.path.join(F, d, name)
		if os.path.exists(p):
			pages.append((name, open(p, 'rb').read().decode('utf-8', 'replace')))
for i in range(300):
	name, body = pages[i % len(pages)]
	print(json.dumps({"id": i, ("html" if name.endswith('html') else "text"): body}))
PY
	run --jsonl -j 1 many.jsonl
	expect_rc 0
	mv out one.jsonl
	run --jsonl -j 4 many.jsonl
	expect_rc 0
	cmp -s out one.jsonl || die "-j 4 output differs from -j 1"
	[ "$(wc -l <out)" -eq 300 ] || die "$(wc -l <out) lines, expected 300"
	run_in many.jsonl --jsonl --jobs=3
	cmp -s out one.jsonl || die "standard input with 3 threads differs"
	# many short documents: the writer waits for several at a time
	python3 -c 'import json
for i in range(3000): print(json.dumps({"id": i, "text": "Line %d of a short text, with words.\\nSkip to main content" % i}))' >short.jsonl
	for j in 1 2 3; do
		run --jsonl -j $j short.jsonl
		expect_rc 0
		python3 -c 'import json, sys
ids = [json.loads(l)["id"] for l in open(sys.argv[1])]
sys.exit(ids != list(range(3000)))' out || die "-j $j: short documents out of order or missing"
	done
}
t "--jsonl: -j N output is byte-identical to -j 1, in input order" t_jsonl_order

t_jsonl_escapes() {
	[ $HAVE_PY = yes ] || skip "no python3"
	# every byte JSON escapes (and some it does not), at every offset of
	# the eight-byte steps the writer takes between them
	python3 -c 'import json
for c in list(range(1, 128)) + [0xe9, 0x2028]:
	for k in range(18):
		print(json.dumps({"id": "%d-%d" % (c, k), "text": "x" * k + chr(c) + "y" * (k % 5) + "\\\\\"" + chr(c) + "end"}))' >esc.jsonl
	run --jsonl -j 1 --no-default-rules esc.jsonl
	expect_rc 0
	python3 -c 'import json, sys
a = [json.loads(l) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
sys.exit(len(a) != len(b) or any(x["text"] != y["text"] for x, y in zip(a, b)))' esc.jsonl out ||
		die "a text did not come back as it went in"
	grep -q "$(printf '\001')" out && die "a raw control character in the output"
	return 0
}
t "--jsonl: control characters, quotes and backslashes escaped at any offset" t_jsonl_escapes

t_list_markdown() {
	[ $HAVE_PY = yes ] || skip "no python3"
	run --list-rules=markdown
	expect_rc 0
	for a in $ACTIONS; do
		grep -q "^| \`$a\` |" out || die "action $a not in the table"
	done
	python3 -c '
import sys
md = open(sys.argv[1], encoding="utf-8").read()
readme = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if md in readme else 1)' out "$S/rules/README.md" ||
		die "the --list-rules=markdown output is not verbatim in rules/README.md"
}
t "--list-rules=markdown appears verbatim in rules/README.md" t_list_markdown

# The Examples section of rules/README.md is a rule file that loads and
# lints clean, each action (and a selector, a site, a phase) in it.
t_readme_examples() {
	[ $HAVE_PY = yes ] || skip "no python3"
	python3 -c '
import re, sys
s = open(sys.argv[1], encoding="utf-8").read()
sys.stdout.write(re.search(r"## Examples\n\n```\n(.*?)```", s, re.S).group(1))' \
		"$S/rules/README.md" >examples.rules || die "no Examples block in rules/README.md"
	run --check -r examples.rules
	expect_rc 0
	expect_grep out '^rules OK'
	for a in $ACTIONS; do
		grep -q "^[a-z0-9-]*: $a\b" examples.rules || die "no example of $a"
	done
}
t "the examples in rules/README.md load and lint clean, one per action" t_readme_examples

t_flags_accepted() {
	run --list-rules
	flags=$(sed -n 's/^Pattern flags: //p' out | tr ',' '\n' | sed -n 's/^ *\([a-z]\) .*/\1/p')
	[ -n "$flags" ] || die "no 'Pattern flags:' line"
	for f in $flags; do
		printf 'flag-%s: replace /ab/%s with="x"\n' "$f" "$f" >f.rules
		run --check --no-default-rules -r f.rules
		[ "$rc" = 0 ] || die "flag $f is listed by --list-rules but refused: $(head -n 1 err)"
	done
}
t "every pattern flag --list-rules documents is accepted" t_flags_accepted

t_show_defaults() {
	run --show-default-rules
	expect_rc 0
	expect_empty err
	sed -n 's/^==> \(.*\) <==$/\1/p' out >names
	grep -qx default.rules names || die "default.rules not shown"
	# the built-in files are RULE_FILES and SITE_FILES in Makefile.am, named
	# by their path below rules/
	files=$(sed -n 's/^\(RULE\|SITE\)_FILES = //p' "$S/Makefile.am")
	[ -n "$files" ] || files=$(cd "$S" && echo rules/*.rules rules/sites/*.rules)
	for f in $files; do
		grep -qx "${f#rules/}" names || die "${f#rules/} not shown"
	done
	[ "$(wc -l <names)" -eq "$(echo $files | wc -w)" ] || die "shown: $(cat names); built in: $files"
	# each file's text follows its header, byte for byte
	first=yes
	while read -r name; do
		[ $first = yes ] || echo
		first=no
		echo "==> $name <=="
		cat "$S/rules/$name" || die "$name is not in rules/"
	done <names >want
	expect_same out want
}
t "--show-default-rules prints every built-in rule file" t_show_defaults

# ---- charsets ------------------------------------------------------------------

# A charset iconv does not know was read as UTF-8 without a word.
t_charset_unknown() {
	printf '<html><body><p>caf\351 au lait, a sentence long enough.</p></body></html>' >p.html
	run --charset=no-such-charset p.html
	expect_rc 2
	expect_grep err "no-such-charset"
	expect_empty out
	run --charset=latin1 p.html
	expect_rc 0
	expect_grep out "café"
}
t "--charset names a charset iconv knows, or the run is refused (exit 2)" t_charset_unknown

# A text of tiny lines (issue 9, item 10): over 256 KiB with a line to
# every 8 bytes or less, its lines go into blocks of 64 bytes or more; a
# warning says so, the report gives a removed block's first and last line,
# the duplicate rule leaves such blocks alone (a list of repeated values is
# not a repeated paragraph), and a smaller text keeps a block a line.
t_text_tiny_lines() {
	printf '%s\n' 'five: drop /\b12345\b/' >r.rules
	seq 0 29999 >small.txt # 169 KB
	"$B" -r r.rules --report=rep.txt -o out.txt small.txt 2>err || die "status $?"
	expect_empty err
	expect_grep rep.txt '^line 12346 '
	seq 0 69999 >big.txt # 409 KB
	"$B" -r r.rules --report=rep.json --report-format=json -o out.txt big.txt 2>err ||
		die "status $?"
	expect_grep err 'warning: [0-9]* lines kept inside blocks of several lines'
	expect_grep rep.json '"rule":"five","action":"drop","lines":\[12338,12348\]'
	[ "$(wc -l <out.txt)" -eq 69989 ] || die "not the other 69,989 lines"
	yes 7 | head -n 200000 >same.txt
	"$B" -o out.txt same.txt 2>/dev/null || die "status $?"
	expect_same out.txt same.txt
}
t "a text of tiny lines over 256 KiB is cleaned in blocks of several lines, with a warning" t_text_tiny_lines

# Text hard-wrapped at 80 columns: a paragraph's lines are one block,
# removed whole with all of its lines in the report; --wrap=off reads a
# line at a time, --wrap=N gives the width; a width out of range is a
# usage error before any output is written.
t_wrap() {
	f="$S/fixtures/real-text-cityam-lynx-80/input.txt"
	run --report=rep.txt -o auto.txt "$f"
	expect_rc 0
	expect_grep rep.txt '^lines 167-168 .* teaser-line '
	expect_same auto.txt "$S/fixtures/real-text-cityam-lynx-80/expected.txt"
	run --wrap=74 -o w74.txt "$f"
	expect_rc 0
	expect_same w74.txt auto.txt
	run --wrap=off --report=roff.txt -o off.txt "$f"
	expect_rc 0
	expect_grep roff.txt '^line 167 .* teaser-line '
	cmp -s off.txt auto.txt && die "--wrap=off cleaned as the default"
	for bad in 5 1001 wide -1; do
		run --wrap=$bad -o never.txt "$f"
		expect_rc 2
		expect_grep err "--wrap must be auto, off or a width from 10 to 1000, not '$bad'"
		[ ! -e never.txt ] || die "--wrap=$bad wrote an output"
	done
}
t "text hard-wrapped at 80 columns: paragraphs are blocks; --wrap=off and --wrap=N" t_wrap

echo "1..$n"

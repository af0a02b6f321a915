#!/bin/sh
# tests/rules.sh - rule loading and rule matching stay within bounds (issue
# 9 items 9, 11, 12 and the rule parts of 16 and 18), printing TAP.
#
# Run by automake's tap-driver like tests/cli.sh; by hand, from the top of
# the tree:  sh tests/rules.sh
# Inputs: tests/data/rules-limits/ (see its README); big ones are made here.
# The `lim` time limits are generous guards against hangs and blowups
# (each case took minutes before), not benchmarks.

. "$(dirname "$0")/tap-lib.sh"

D=$S/tests/data/rules-limits

# run_lim SECONDS ARGS...: run like `run`, within a time limit.
run_lim() {
	_s=$1
	shift
	lim "$_s" "$B" "$@" >out 2>err
	rc=$?
}

# a_lines N A: N lines of A letters a and a b (a catastrophe for /^(a+)+$/).
a_lines() {
	awk -v n="$1" -v a="$2" 'BEGIN { s = ""; for (i = 0; i < a; i++) s = s "a"
		for (i = 0; i < n; i++) print s "b" }'
}

# ---- item 9: selector matching is linear ----------------------------------

# deep_page N: <article>, N nested divs (class d), a paragraph, closed again.
deep_page() {
	awk -v n="$1" 'BEGIN {
		printf "<!doctype html><html><body><article>"
		for (i = 0; i < n; i++) printf "<div class=\"d\">"
		printf "<p>The needle paragraph, deep inside.</p>"
		for (i = 0; i < n; i++) printf "</div>"
		print "<p>The paragraph outside, at the top.</p></article></body></html>"
	}'
}

# sel_case RULE KEPT: on the deep page, rule text RULE keeps only KEPT lines.
sel_case() {
	printf '%s\n' "$1" >r.rules
	run_lim 10 --no-default-rules -r r.rules deep.html
	expect_rc 0
	grep -v '^$' out >got
	printf '%s' "$2" >want
	cmp got want || { echo "rule: $1"; echo "got:"; cat got; die; }
}

t_selector_deep() {
	deep_page 1990 >deep.html
	both=$(printf 'The needle paragraph, deep inside.\nThe paragraph outside, at the top.\n')
	outside=$(printf 'The paragraph outside, at the top.\n')
	needle=$(printf 'The needle paragraph, deep inside.\n')
	sel_case "$(cat "$D/five.rules")" "$outside
"
	sel_case "$(cat "$D/desc.rules")" "$both
"
	sel_case 'x: drop {article div div div div div div p}' "$outside
"
	sel_case 'x: drop {article > div > div div > div div p}' "$outside
"
	sel_case 'x: drop {article > div > div > p}' "$both
"
	sel_case 'x: drop {div div:not(.nope) div div:not(article div div div div) p}' "$both
"
	sel_case 'x: drop {article div:has-text(/needle/) div div p:not(:has-text(/outside/))}' "$outside
"
	sel_case 'x: drop {body > article > p}' "$needle
"
	sel_case 'x: keep {div div div p}
y: drop {p}' "$needle
"
}
t "selectors with descendant and child combinators, :not and :has-text on a 1,990-deep page: right and fast" t_selector_deep

t_selector_repro() {
	awk 'BEGIN { printf "<!doctype html><html><body>"; for (i = 0; i < 1900; i++) printf "<div>";
		printf "<p>Some text here.</p>"; for (i = 0; i < 1900; i++) printf "</div>"; print "</body></html>" }' >deep1900.html
	run_lim 10 -r "$D/five.rules" deep1900.html
	expect_rc 0
	expect_grep out '^Some text here.$'
}
t "{article div div div p} on 1,900 nested divs (took over 120 s)" t_selector_repro

t_figure_captions() {
	# a figure of 40,000 paragraphs: each was checked against the whole figure
	awk 'BEGIN { printf "<html><body><article><figure><img alt=\"A  cat on\ta mat\">"
		printf "<figure><img alt=\"Inner picture alt\"><figcaption>Inner picture alt</figcaption></figure>"
		for (i = 0; i < 40000; i++) printf "<p>Paragraph number %d of the figure.</p>", i
		print "<figcaption> A cat on a mat </figcaption></figure>" 
		printf "<p>Between one.</p><p>Between two.</p><p>Between three.</p>"
		print "<figure><img alt=\"Other\"><figcaption>A cat on a mat</figcaption></figure></article></body></html>" }' >fig.html
	printf 'd: duplicate\n' >r.rules
	run_lim 10 --no-default-rules -r r.rules --report=rep.txt fig.html
	expect_rc 0
	[ "$(grep -c '^Paragraph number' out)" -eq 40000 ] || die "paragraphs lost"
	[ "$(grep -c 'A cat on a mat' out)" -eq 1 ] || { grep -n 'cat' out; die "expected only the other figure's caption kept"; }
	if grep -q 'Inner picture alt' out; then die "the inner figure's caption was kept"; fi
	[ "$(grep -c "repeats the image's alt text" rep.txt)" -eq 2 ] || { cat rep.txt; die "expected two captions reported"; }
}
t "captions repeating a figure's alt text: found in time linear in the page (40,000 blocks: 23 s)" t_figure_captions

# ---- item 12: a match budget per rule and document ------------------------

# budget_lines A: 2,000 lines of A a's run through cata.rules in time, all
# kept, and the budget warning given once.
budget_lines() {
	a_lines 2000 "$1" >cata.txt
	run_lim 20 --no-default-rules -r "$D/cata.rules" cata.txt
	expect_rc 0
	[ "$(wc -l <out)" -eq 2000 ] || die "expected all 2,000 lines kept, got $(wc -l <out)"
	[ "$(grep -c 'spent its match budget' err)" -eq 1 ] || { cat err; die "expected one budget warning"; }
}

t_budget() {
	budget_lines 40
	expect_grep err 'rule bad: spent its match budget for this document ([0-9]* steps) at line [0-9]*; skipped for the rest of it ([0-9]* blocks not tested)'
	expect_grep err 'rule bad: match limit exceeded at line 1'
}
t "a catastrophic pattern on 2,000 lines stops at its budget, with one warning naming it (took 122 s)" t_budget

# 20 a's: about a million steps a line, under the limit every time
t "a pattern that stays just under the match limit on every line is stopped too (took 44 s)" budget_lines 20

t_budget_selector() {
	awk 'BEGIN { printf "<html><body>"; for (i = 0; i < 2000; i++)
		printf "<div title=\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\"><p>para %d</p></div>", i
		print "</body></html>" }' >t.html
	printf 'slow: drop {div[title=/^(a+)+$/]}\n' >r.rules
	run_lim 20 --no-default-rules -r r.rules t.html
	expect_rc 0
	[ "$(grep -c para out)" -eq 2000 ] || die "expected 2,000 paragraphs kept"
	expect_grep err 'rule slow: spent its match budget for this document ([0-9]* steps) at line 1; skipped for the rest of it ([0-9]* elements not tested)'
}
t "patterns inside selectors share the rule's budget and warn (hung silently)" t_budget_selector

t_budget_small_limit() {
	a_lines 300 40 >cata.txt
	echo aaaa >>cata.txt
	run_lim 20 --no-default-rules --match-limit=100000 -r "$D/cata.rules" cata.txt
	expect_rc 0
	expect_grep err 'spent its match budget for this document (1[0-9]* steps)'
	# the budget stops the rule: the short line after it is not tested
	expect_grep out '^aaaa$'
}
t "--match-limit also sets the budget (10 limits plus 16 per byte)" t_budget_small_limit

t_budget_normal() {
	printf 'Share this\nA real paragraph.\n' >in.txt
	printf 'bad: drop /^(a+)+$/\nshare: drop /^share this$/i\n' >r.rules
	run --no-default-rules -r r.rules in.txt
	expect_rc 0
	expect_empty err
	expect_grep out '^A real paragraph.$'
}
t "ordinary patterns pay nothing from the budget: no warning" t_budget_normal

# ---- item 11: rule loading is linear and bounded --------------------------

t_many_rules() {
	awk 'BEGIN { for (i = 0; i < 100000; i++) printf "r%d: drop /^foo%dbar$/\n", i, i }' >many.rules
	# the 100,000 and the built-in rules, however many those are
	builtin=$("$B" --check | sed -n 's/^rules OK: \([0-9]*\) rules.*/\1/p')
	run_lim 60 --check -r many.rules
	# they load; the one warning: past the prefilter's room, the patterns
	# run on every block
	expect_rc 1
	expect_grep out "many.rules:[0-9]*:[0-9]*: warning: rule 'r[0-9]*': [0-9]* patterns from this rule on run on every block.*\\[prefilter-full\\]"
	expect_grep out "^1 warning in $((100000 + builtin)) rules"
	echo 'r77: drop /x/' >>many.rules
	run_lim 60 --check -r many.rules
	expect_rc 2
	expect_grep err "many.rules:100001:1: error: duplicate rule id 'r77' (first defined at many.rules:78)"
}
t "100,000 rules --check (took 322 s), and a duplicate id among them" t_many_rules

t_disable_then_define() {
	printf 'a: drop /a/\nb: drop /b/\ndisable a\nc: drop /c/\na: drop /A/\ndisable b\n' >r.rules
	printf 'a\nb\nc\nA\n' >in.txt
	run --no-default-rules -r r.rules in.txt
	expect_rc 0
	printf 'a\nb\n' >want
	expect_same out want
}
t "disable takes a rule back and its id may be defined again" t_disable_then_define

t_include_fanout() {
	cp "$D"/include-fanout/*.rules .
	run_lim 10 --check -r l0.rules
	expect_rc 0
	expect_empty err
}
t "16 files of 10 includes each load each file once (hung)" t_include_fanout

t_include_diamond() {
	printf 'include "b.rules"\ninclude "c.rules"\n' >a.rules
	printf 'include "common.rules"\nb: drop /^b$/\n' >b.rules
	printf 'include "common.rules"\nc: drop /^c$/\n' >c.rules
	printf 'common: drop /^x$/\n' >common.rules
	run --check --no-default-rules -r a.rules
	expect_rc 0
	expect_grep out 'rules OK: 3 rules'
}
t "a file included twice is loaded once (no duplicate ids)" t_include_diamond

t_include_count() {
	: >e.rules
	awk 'BEGIN { for (i = 0; i < 1005; i++) print "include \"e.rules\"" }' >a.rules
	run_lim 10 --check --no-default-rules -r a.rules
	expect_rc 2
	expect_grep err '^a.rules:1001:9: error: more than 1000 includes in one rule set (the limit)'
	[ "$(grep -c 'error:' err)" -eq 1 ] || { cat err; die "one error expected"; }
}
t "more than 1,000 includes: an error at file:line:col naming the limit" t_include_count

t_include_depth() {
	i=0
	while [ $i -lt 20 ]; do
		printf 'include "d%d.rules"\n' $((i + 1)) >d$i.rules
		i=$((i + 1))
	done
	: >d20.rules
	run --check --no-default-rules -r d0.rules
	expect_rc 2
	expect_grep err '^d15.rules:1:9: error: includes nested deeper than 16 files (the limit)'
}
t "includes nested deeper than 16: an error naming the limit" t_include_depth

t_rule_file_kinds() {
	run_lim 10 --check -r /dev/zero
	expect_rc 2
	expect_grep err '^/dev/zero: error: cannot read rule file: not a regular file'
	mkdir folder.rules
	run --check -r folder.rules
	expect_rc 2
	expect_grep err '^folder.rules: error: cannot read rule file: Is a directory'
	printf 'include "folder.rules"\n' >a.rules
	run --check -r a.rules
	expect_rc 2
	expect_grep err "^a.rules:1:9: error: cannot read 'folder.rules': Is a directory"
}
t "-r /dev/zero (grew to 1.7 GB) and a folder are refused with a clear message" t_rule_file_kinds

t_rule_file_size() {
	have truncate || skip "SKIP: no truncate(1)"
	printf 'a: drop /a/\n' >big.rules
	truncate -s 67108865 big.rules
	run_lim 10 --check -r big.rules
	expect_rc 2
	expect_grep err 'larger than the limit of 67108864 bytes for a rule file'
}
t "a rule file over 64 MiB is refused" t_rule_file_size

# ---- item 16: replace references checked when the rule is read ------------

t_replace_group() {
	printf 'ok: drop /^x$/\ntwo: replace /(a)(b)/ with="<$5>"\n' >r.rules
	run --check --no-default-rules -r r.rules
	expect_rc 2
	expect_grep err "^r.rules:2:30: error: with=\"...\" refers to group '5'; the pattern has 2 groups"
	printf 'ab\n' >in.txt
	run --no-default-rules -r r.rules in.txt
	expect_rc 2
	if grep -q 'out of memory' err; then cat err; die "an error called out of memory"; fi
}
t "replace with=\"\$5\" fails --check at file:line:col, never as out of memory" t_replace_group

echo "1..$n"

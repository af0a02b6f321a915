#!/bin/sh
# tests/textspeed.sh - the literal prefilter (cleaner/literals.c,
# cleaner/prefilter.c): a pattern runs only on the lines holding the
# literals it needs, and that must never change what it matches. Each case
# is a rule set and lines built to catch a prefilter that skips a line the
# pattern would have taken: literals in other cases, characters that fold
# to ASCII letters, patterns with nothing to extract, lookarounds, runs,
# rule order, replaced text, invalid UTF-8 and NUL bytes. TAP output; see
# tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# clean IN RULES: text mode, only the rules in RULES; out, err, rc as run;
# rep holds the rule of every removal, one a line, in order.
clean() {
	printf '%s' "$2" >rules
	run --no-default-rules -r rules --format=text --report=rep.txt "$1"
	report_rules rep.txt >rep
}

# kept LINE / gone LINE: is the line (a whole line) in out or not?
kept() { grep -qxF -e "$1" out || die "'$1' was removed; out: $(cat out)"; }
gone() { ! grep -qxF -e "$1" out || die "'$1' was kept; out: $(cat out)"; }

t_literal_without_match() {
	printf 'foo bar\nfoo12\nnothing here\nFOO7\n' >in
	clean in 'digits: drop /^foo\d+$/i
'
	expect_rc 0
	kept 'foo bar'
	kept 'nothing here'
	gone 'foo12'
	gone 'FOO7'
}

t_caseless_and_folding() {
	# U+212A KELVIN SIGN matches k, U+017F LONG S matches s, caselessly
	printf 'SKIP THIS\n\342\204\252elvin scale\n\305\277hare now\nskip that\nsha\n' >in
	clean in 'skip: drop /^skip this$/i
kelvin: drop /^kelvin scale$/i
share: drop /^share now$/i
'
	expect_rc 0
	gone 'SKIP THIS'
	gone "$(printf '\342\204\252elvin scale')"
	gone "$(printf '\305\277hare now')"
	kept 'skip that'
	# case-sensitive: no fold at all, still prefiltered caselessly
	printf 'Exact Case\nexact case\n' >in2
	clean in2 'exact: drop /^Exact Case$/
'
	gone 'Exact Case'
	kept 'exact case'
}

t_no_literals_fall_back() {
	printf '12345\nabc\n(?x) is not here\naa\nab\n' >in
	clean in 'number: drop /^\d+$/
double: drop /^(\w)\1$/
inline-x: drop /(?x) a b c /
'
	expect_rc 0
	gone '12345'
	gone 'aa'
	gone 'abc'
	kept 'ab'
	kept '(?x) is not here'
}

t_anchors_and_optional_parts() {
	printf 'xabc\nabc\nac\nabbc\nmost read\nread\n' >in
	clean in 'exact: drop /^abc$/
opt: drop /^ab?c$/
plus: drop /^ab{2,}c$/
most: drop /^(?:most\s+)?read$/
'
	expect_rc 0
	kept 'xabc'
	gone 'abc'
	gone 'ac'
	gone 'abbc'
	gone 'most read'
	gone 'read'
	grep -qx 'exact' rep || die "abc not taken by the first rule: $(cat rep)"
}

t_lookaround_and_alternation() {
	printf 'Share this\nSharing this\nTweet it\nread also\n\320\247\320\230\320\242\320\220\320\231\320\242\320\225 also\n\302\251 2024 Firm\n' >in
	clean in 'share: drop /^(?=.*\b(?:share|tweet)\b)\w+ \w+$/i
teaser: drop /^(?:read|читайте)\s+also$/i
copyright: drop /^\x{00a9}\s*\d{4}/
'
	expect_rc 0
	gone 'Share this'
	kept 'Sharing this'
	gone 'Tweet it'
	gone 'read also'
	gone "$(printf '\320\247\320\230\320\242\320\220\320\231\320\242\320\225 also')"
	gone "$(printf '\302\251 2024 Firm')"
}

t_extended_patterns() {
	printf 'skip to main content\nskip content\njump to the nav\n' >in
	clean in 'skip: drop
    /^\W*(?:skip|jump)\s+(?:to\s+)?  # "to" may be left out
      (?:the\s+)?(?:main\s+)?(?:content|nav)\W*$/ix
'
	expect_rc 0
	gone 'skip to main content'
	gone 'skip content'
	gone 'jump to the nav'
}

t_rule_order_kept() {
	printf 'Photo: Reuters\nRelated\n' >in
	clean in 'first: drop /photo/i
second: drop /reuters/i
third: drop /^related$/i
'
	expect_rc 0
	gone 'Photo: Reuters'
	[ "$(cat rep)" = "$(printf 'first\nthird')" ] || die "rules: $(cat rep)"
	# the other order: the other rule takes it
	clean in 'second: drop /reuters/i
first: drop /photo/i
'
	[ "$(head -n 1 rep)" = second ] || die "rules: $(cat rep)"
}

t_replaced_text_scanned_again() {
	printf 'foo only\nkeep me\n' >in
	clean in 'rename: replace /foo/ with="bar"
after: drop /^bar only$/
'
	expect_rc 0
	gone 'foo only'
	gone 'bar only'
	kept 'keep me'
	grep -qx after rep || die "the replaced line was not dropped by 'after': $(cat rep)"
}

t_runs_and_markers() {
	printf 'intro line of text\n1:23\nNow Playing\nclip.jpg\n4:56\nend of text here\n' >in
	clean in 'video: run
    marker=/^\s*(?:now\s+playing|up\s+next)\s*$/ix
    marker=/^\s*\(?\d{1,2}:\d{2}\)?\s*$/
    marker=/\.jpe?g$/i
    gap=1 min=3 tail=0
'
	expect_rc 0
	gone 'Now Playing'
	gone 'clip.jpg'
	gone '1:23'
	kept 'intro line of text'
	kept 'end of text here'
}

t_bad_bytes_in_lines() {
	printf 'foo\377 bar end\nab\000cd tail\nplain\n' >in
	clean in 'end: drop /bar end$/
tail: drop /cd tail$/
'
	expect_rc 0
	[ "$(cat rep)" = "$(printf 'end\ntail')" ] || die "rules: $(cat rep)"
	kept 'plain'
}

t_many_patterns() {
	# more sets of literals than one 64-bit word holds
	: >rules.in
	i=0
	while [ $i -lt 150 ]; do
		echo "r$i: drop /^word$i(?:x|y)z\$/" >>rules.in
		echo "word${i}yz" >>in
		echo "word${i}zz" >>in
		i=$((i + 1))
	done
	clean in "$(cat rules.in)
"
	expect_rc 0
	[ "$(wc -l <rep)" -eq 150 ] || die "$(wc -l <rep) removals, expected 150"
	grep -qx r149 rep || die "r149 took nothing"
	kept 'word149zz'
	gone 'word149yz'
}

t "a line holding the literal but not matching is kept" t_literal_without_match
t "caseless patterns, and U+212A/U+017F folding to k and s" t_caseless_and_folding
t "patterns without literals (classes, back references, inline x) still run" t_no_literals_fall_back
t "anchors, optional and repeated characters" t_anchors_and_optional_parts
t "lookaheads, alternations, non-ASCII letters and symbols" t_lookaround_and_alternation
t "extended patterns with comments over several lines" t_extended_patterns
t "first rule wins when several match a line" t_rule_order_kept
t "a line a replace rule changed is matched as changed" t_replaced_text_scanned_again
t "run markers are prefiltered too and runs still form" t_runs_and_markers
t "invalid UTF-8 and NUL bytes in lines" t_bad_bytes_in_lines
t "150 patterns: slots past the first word" t_many_patterns

echo "1..$n"

#!/bin/sh
# tests/selectors.sh - selector rules through the CLI: matching stays
# linear on deep and wide pages whatever the combinators (:has, '+', '~',
# :upward, :nth-child), and selector errors point at their spot with
# file:line:col and a caret. The features one by one are cases in
# tests/rules.test. TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# deep PAGE LEVELS UNIT: UNIT nested LEVELS times around <p>deep</p>
deep() {
	awk -v n="$2" -v u="$3" 'BEGIN {
		printf "<html><body>"
		for (i = 0; i < n; i++) printf "%s", u
		printf "<p>deep</p>"
		for (i = 0; i < n; i++) printf "</div>"
		print "<p>the end</p></body></html>"
	}' >"$1"
}

# a naive right-to-left search costs depth^compounds here; each (element,
# compound) question is answered once instead
t_deep_page_is_linear() {
	# 2,000 levels: four nested divs, a div, then the div holding the next level
	deep deep.html 667 '<div><div><div><div><p>s</p></div></div></div></div><div>x</div><div>'
	printf 'a: drop {div:has(div div div p) ~ div + div div}\n' >r.rules
	lim 10 "$B" --no-default-rules -r r.rules deep.html >out 2>err || die "status $? (timeout is 124)"
	printf 's\n\nx\n\nthe end\n' >want
	expect_same out want
	# 2,000 plain nested divs: nothing has a sibling, nothing matches
	deep plain.html 2000 '<div>'
	lim 10 "$B" --no-default-rules -r r.rules plain.html >out 2>err || die "status $? (timeout is 124)"
	printf 'deep\n\nthe end\n' >want
	expect_same out want
}

t_deep_page_upward_has_nth() {
	deep deep.html 2000 '<div>'
	printf '%s\n' 'a: drop {div div div div div div div div p:not(:has(~ div div p)):nth-child(1):upward(div div div)}' \
		'b: drop {div:has(div div div div div div div div div div div div p:first-child:last-child)}' >r.rules
	lim 10 "$B" --no-default-rules -r r.rules --report=rep deep.html >out 2>err || die "status $? (timeout is 124)"
	printf 'the end\n' >want
	expect_same out want
	expect_grep rep ' a  *drop  *"deep" at div>div>div>'
}

t_wide_page_is_linear() {
	awk 'BEGIN { printf "<html><body><div>"; for (i = 0; i < 200000; i++) printf "<p>w%d</p>", i;
		print "</div><p>the end</p></body></html>" }' >wide.html
	printf 'a: drop {p ~ p + p:has(~ p ~ p):nth-child(3n+1) ~ p:not(:last-child)}\n' >r.rules
	lim 10 "$B" --no-default-rules -r r.rules wide.html >out 2>err || die "status $? (timeout is 124)"
	# the first p two siblings on from another at a position 3n+1 is w3
	# (4th): every p after it goes, but the last
	printf 'w0\n\nw1\n\nw2\n\nw3\n\nw199999\n\nthe end\n' >want
	expect_same out want
}

# the memo answers as the definitions do: a naive matcher, case by case
t_same_as_naive_matcher() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
	lim 120 python3 "$S/tests/data/selectors/naive.py" "$B" 150 1 || die "status $?"
}

# a selector error: "file:line:col: error: message", the source line and a
# caret under the spot, exit 2, before any output
t_errors_have_a_caret() {
	printf 'ok: drop {nav}\nbad: drop {div:has(> p),\n    li:nth-child(2x)}\n' >r.rules
	printf '<html><body><p>x</p></body></html>' >p.html
	run -r r.rules -o out.txt p.html
	expect_rc 2
	expect_grep err '^r.rules:3:19: error: expected .)'"'"'$'
	expect_grep err '^ *    li:nth-child(2x)}$'
	# the caret sits under the x: as many columns in as the message says
	awk '/\^/ { c = index($0, "^") } /li:nth-child/ { l = index($0, "li:nth") }
		END { exit !(c - l == 14) }' err || die "caret misplaced: $(cat err)"
	[ ! -e out.txt ] || die "output written before the rules were valid"
	for sel in 'p:upward(0)' 'p:upward(300)' 'div:has(p' 'li:nth-child(odd' 'p:upward(2) div'; do
		printf 'x: drop {%s}\n' "$sel" >s.rules
		run --check -r s.rules
		expect_rc 2
		expect_grep err '^s.rules:1:[0-9]*: error: '
		expect_grep err '^ *\^$'
	done
}

# :first-child is "follows its parent in document order", and a :has() that
# looks only down needs no sibling table: the same elements as before.
t_first_child_and_has() {
	cat >p.html <<'HTML'
<html><body>
<div id="a"><h2>Alpha heading</h2><p>Alpha paragraph one.</p></div>
<div id="b"><p>Beta lead paragraph.</p><h2>Beta heading</h2></div>
<div id="c">Gamma text first <h2>Gamma heading</h2></div>
<div id="d"><span>Delta span</span></div>
<section><p>Epsilon first.</p><p>Epsilon second.</p><p>Epsilon third.</p></section>
</body></html>
HTML
	printf '%s\n' 'a: drop {div:has(> h2:first-child)}' 'b: drop {p:has(+ h2)}' \
		'c: drop {section > p:first-child, span:first-child}' >r.rules
	"$B" --format=html --no-default-rules -r r.rules p.html >out 2>err
	rc=$?
	expect_rc 0
	cat >want <<'TXT'
Beta heading

Epsilon second.

Epsilon third.
TXT
	expect_same out want
}
t ":first-child and :has(> ...), :has(+ ...) pick the elements they name" t_first_child_and_has

# attribute names are matched whatever their case, as CSS does in HTML:
# the parser keeps SVG's own (viewBox), the rule file's may be either
t_attribute_name_case() {
	cat >p.html <<'EOF2'
<html><body><p>Before the drawing.</p>
<svg viewBox="0 0 10 10"><text>Drawn label</text></svg>
<p data-Note="x">Noted line.</p><p>After the drawing.</p></body></html>
EOF2
	printf 'a: drop {[viewBox], [DATA-NOTE]}\n' >r.rules
	"$B" --no-default-rules -r r.rules p.html >out 2>err || die "status $?: $(cat err)"
	printf 'Before the drawing.\n\nAfter the drawing.\n' >want
	expect_same out want
}
t "attribute names match whatever their case ([viewBox] on SVG)" t_attribute_name_case

t "a 2,000-deep page: :has, ~, + and descendants in linear time" t_deep_page_is_linear
t "a 2,000-deep page: :upward, :not(:has(~ ...)), child pseudo-classes" t_deep_page_upward_has_nth
t "200,000 siblings: ~, +, :has(~ ...), :nth-child, :last-child in linear time" t_wide_page_is_linear
t "150 random pages and selectors: as a naive matcher finds" t_same_as_naive_matcher
t "selector errors: file:line:col, the line, a caret; nothing written" t_errors_have_a_caret

echo "1..$n"

#!/bin/sh
# tests/html.sh - HTML input through the CLI: pages built to make the parser
# work without bound (deep nesting, floods of end tags, reopened formatting
# elements), JSON-LD bodies, charsets and memory. TAP output; see
# tests/tap-lib.sh. Inputs from shared/repro/ (issue 9) are in tests/data/.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"
D=$S/tests/data

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

t_script_is_not_nesting() {
	run -q "$D/nesting/inline_js.html"
	expect_rc 0
	expect_grep out 'The council voted on Tuesday'
	expect_empty err
	# in JSONL the text is there too, and nothing is counted as removed by a cut
	run --jsonl "$D/nesting/inline_js.jsonl"
	expect_rc 0
	expect_grep out '"text":"The council voted on Tuesday'
}

# each of these took a minute or more, or gigabytes, before the guard
# modelled the tree builder's stack
t_parser_work_is_bounded() {
	need_py
	python3 - <<'EOF'
w = lambda name, s: open(name, 'w').write('<!doctype html><html><body>' + s + '<p>the end</p>')
w('ends.html', '<div></x>' * 100000)
w('quoted.html', '<div title="</a>">' * 100000)
w('deep.html', '<div>' * 200000 + 'deep' + '</div>' * 200000)
w('spans.html', '<span>' * 2000 + '</x>' * 300000)
w('reopen.html', '<div>' + ''.join('<b id=%d>' % i for i in range(1000)) + '</div>' + '<p>x</p>' * 20000)
w('fonts.html', '<font>x' * 100000)
w('tables.html', '<table><tr><td>x' * 30000)
w('links.html', '<a href=x>y' * 100000)
EOF
	for f in ends quoted deep spans reopen fonts tables links; do
		lim 10 "$B" --no-default-rules "$f.html" >out 2>err || die "$f.html: status $? (timeout is 124)"
		expect_grep out 'the end'
	done
	for f in ends quoted deep spans reopen; do
		lim 10 "$B" "$f.html" >out 2>err
		expect_grep err "$f.html: warning: [0-9]* tags ignored (their text is kept)"
	done
}

t_json_ld_body_is_linear() {
	need_py
	python3 - <<'EOF'
import json
n = 80000
paras = ['Paragraph %d of the story: the council voted on Tuesday to approve the new budget for schools.' % i for i in range(n)]
ld = json.dumps({'@context': 'https://schema.org', '@type': 'NewsArticle', 'headline': 'T', 'articleBody': ' '.join(paras)})
open('ld.html', 'w').write('<!doctype html><html><head><title>T</title><script type="application/ld+json">' + ld
    + '</script></head><body><div><p>Another story, told at length elsewhere on the site, with its own long teaser.</p></div>'
    + '<div>' + ''.join('<p>%s</p>' % p for p in paras) + '</div></body></html>')
EOF
	lim 10 "$B" --report=rep.txt ld.html >out 2>err || die "status $? (timeout is 124)"
	expect_grep out 'Paragraph 79999 of the story'
	expect_grep rep.txt 'JSON-LD articleBody'
}

t "a script's e<t, SVG paths and open cells are not deep nesting" t_script_is_not_nesting
t "deep, stray, quoted and reopened tags: bounded time, text kept, a warning" t_parser_work_is_bounded
t "JSON-LD articleBody matching is linear (80,000 paragraphs)" t_json_ld_body_is_linear

echo "1..$n"

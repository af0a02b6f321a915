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
	# 5 s alone, 18 s under ASan, over 40 s under ASan on a loaded machine;
	# quadratic, it took minutes: 90 s leaves room and still tells them apart
	lim 90 "$B" --report=rep.txt ld.html >out 2>err || die "status $? (timeout is 124)"
	expect_grep out 'Paragraph 79999 of the story'
	expect_grep rep.txt 'JSON-LD articleBody'
}

# A page parsed in pieces (--html-piece) gives what it gives parsed whole:
# text, metadata, offsets, lines and DOM paths in the report. structure.html
# has what a fragment parses differently and the cuts must mend: a <body
# class> after the body began, an HTML tag in SVG, an SVG its div's end tag
# closes, </template> over an open <li>, content after </body>; its rules
# hit only where the tree is as whole. A piece of 1 byte cuts everywhere.
# The fixtures' pages go through one run per piece size (a start per page
# was most of this test's time under ASan).
t_pieces_same_as_whole() {
	pieces_alike "--no-default-rules -r $D/pieces/structure.rules" "$D/pieces/structure.html"
	for id in late-body-nav button-label main-only aside-after-body table-rows left-open-link fostered-text vote-button; do
		grep -q "\"rule\":\"$id\"" whole.rep || die "structure.rules: $id hit nothing"
	done
	mkdir pages
	for f in "$S"/fixtures/*/input.html; do
		d=${f%/input.html}
		cp "$f" "pages/${d##*/}.html"
	done
	pieces_alike "" pages/*.html
}
pieces_alike() { # RULE-OPTIONS PAGE...
	rules=$1
	shift
	# shellcheck disable=SC2086
	"$B" $rules -q --html-piece=whole --output-format=json -o whole.out --report=whole.rep \
		--report-format=json "$@" 2>err || die "$1...: status $? $(head -n 3 err)"
	for p in 1 7 64 1K; do
		# shellcheck disable=SC2086
		"$B" $rules -q --html-piece=$p --output-format=json -o piece.out --report=piece.rep \
			--report-format=json "$@" 2>err || die "$1... --html-piece=$p: status $? $(head -n 3 err)"
		cmp -s piece.out whole.out || die "$1... --html-piece=$p: output differs"
		cmp -s piece.rep whole.rep || die "$1... --html-piece=$p: report differs"
	done
}

# A page of tiny <br> lines (issue 9, item 10): over 256 KiB with a <br>
# to every 32 bytes or less, its lines go into blocks of 64 bytes or more
# (a warning says so; rules see such a block whole); a smaller page, or
# one with longer lines, keeps a block per line. Text and Markdown keep
# every line break.
br_page() { # LINES: "line N<br>" each, in one paragraph
	awk -v n="$1" 'BEGIN { printf "<html><body><p>"
		for (i = 0; i < n; i++) printf "line %d<br>", i; print "</p></body></html>" }'
}
t_tiny_br_lines() {
	echo 'seven: drop /^line 7$/' >r.rules
	br_page 15000 >small.html # 193 KB: a block a line
	"$B" -r r.rules --report=rep.txt small.html >out 2>err || die "status $?"
	expect_empty err
	[ "$(grep -c "^line [0-9]*$" out)" -eq 14999 ] || die "small page: not 14,999 lines"
	expect_grep rep.txt 'seven'
	br_page 30000 >big.html # 408 KB: folded
	"$B" -r r.rules --report=rep.json --report-format=json big.html >out 2>err || die "status $?"
	[ "$(wc -l <out)" -eq 30000 ] || die "big page: not its 30,000 lines"
	expect_grep err 'warning: [0-9]* <br> line breaks kept inside blocks of several lines'
	expect_grep rep.json '<br> line breaks kept inside blocks'
	grep -q '"rule":"seven"' rep.json && die "a line rule matched inside a folded block"
	"$B" --output-format=markdown big.html >md 2>/dev/null || die "markdown: status $?"
	[ "$(grep -c '^line [0-9]*  $' md)" -eq 29999 ] || die "markdown: not a hard break a line"
	awk 'BEGIN { printf "<html><body><p>"; for (i = 0; i < 12000; i++)
		printf "a longer line of text, number %d<br>", i; print "</p></body></html>" }' >long.html
	"$B" long.html >out 2>err || die "status $?"
	expect_empty err
}

t_unclosed_raw_text_in_noscript() {
	# a browser (scripts on) reads a <noscript> as text up to </noscript>;
	# an <iframe .../> inside it must not swallow the page after it, as
	# Gumbo (scripts off) would read it: render.com's home page came out
	# as its header alone (WCXB 2838)
	for tag in 'iframe src="https://t.example/ns.html" height="0" /' textarea noembed xmp plaintext script; do
		cat >page.html <<EOF
<!DOCTYPE html><html><head><title>Cloud for builders</title></head><body>
<noscript><$tag></noscript>
<main><h1>Your fastest path to production</h1>
<p>Intuitive infrastructure to scale any app or agent from your first user to your billionth, with private networking and previews.</p>
<p>Deploy your code: just connect your repository and the platform deploys it on the right runtime for your framework.</p>
</main></body></html>
EOF
		run --format=html page.html
		expect_rc 0
		expect_grep out "fastest path to production"
		expect_grep out "connect your repository"
		expect_no_grep out "noscript"
	done
	# in <head> too (a tag-manager snippet put before the body)
	printf '<!DOCTYPE html><html><head><title>T</title><noscript><iframe src="x" height="0" /></noscript></head><body><main><h1>Head noscript</h1><p>The rates fell for thirty years, and the chart shows how the decline slowed after the crisis of the banks.</p></main></body></html>' >head.html
	run --format=html head.html
	expect_grep out "The rates fell for thirty years"
	# the report's offsets after the left-out bytes point into the page
	printf '<html><body><noscript><iframe src="x" /></noscript><p><a href="#main">Skip to main content</a></p><p>The rates fell for thirty years, and the chart shows how the decline slowed after the crisis.</p></body></html>' >off.html
	run --format=html --output-format=json off.html
	python3 -c 'import json, sys
o = json.load(open("out")); page = open("off.html", "rb").read()
r = [x for x in o["report"]["removals"] if x["rule"] == "skip-link"]
a, b = r[0]["bytes"]
sys.exit(b"Skip to main content" not in page[a:b])' || die "skip-link's bytes do not hold it: $(cat out)"
	# closed where it should be, the noscript's inside is read as before
	printf '<html><body><noscript><p>You need JavaScript for the chart of rates since 1990, which shows the long decline.</p></noscript><p>The rates fell for thirty years, and the chart shows how the decline slowed after the crisis.</p></body></html>' >ok.html
	run --format=html --no-default-rules ok.html
	expect_grep out "You need JavaScript"
}

t "a script's e<t, SVG paths and open cells are not deep nesting" t_script_is_not_nesting
t "a page parsed in pieces of 1 byte, 7, 64 and 1K: output and report as parsed whole" t_pieces_same_as_whole
t "deep, stray, quoted and reopened tags: bounded time, text kept, a warning" t_parser_work_is_bounded
# a script's shell (Discourse served without its crawler view, a shop
# rendered in the browser): nothing comes out, and the warning says why
t_script_shell_warns() {
	printf '<html><head><title>Best first telescope?</title><meta name="description" content="I am new to astronomy"></head><body><section id="d-splash"><div class="dots"></div></section><script src="/app.js"></script></body></html>\n' >shell.html
	run shell.html
	expect_rc 0
	expect_grep err 'warning: the page shows no text: its body is empty, or a script fills it in'
	expect_grep out '^Best first telescope?$'
	printf '<html><head><title>T</title></head><body><p>A line of text.</p></body></html>\n' >text.html
	run text.html
	expect_empty err
}

t "JSON-LD articleBody matching is linear (80,000 paragraphs)" t_json_ld_body_is_linear
t "a page of tiny <br> lines over 256 KiB is cleaned in blocks of several lines, with a warning" t_tiny_br_lines
t "an unclosed <iframe>, <textarea>, <xmp>... in a <noscript> ends with it" t_unclosed_raw_text_in_noscript
t "a page whose body shows no text (a script's shell) warns so" t_script_shell_warns

# Footnotes Sphinx writes in an <aside> (class footnote-list, each note
# role=doc-footnote) are the text's: page-furniture leaves them; a
# sidebar's <aside> beside the text still goes.
t_footnotes_aside() {
	cat >notes.html <<'PAGE'
<html><head><title>Data Structures</title></head><body><main><h1>Data Structures</h1>
<p>Methods like insert, remove or sort only modify the list and have no return value printed, they return the default None.<a class="footnote-reference" href="#id2">[1]</a> This is a design principle for all mutable data structures in Python.</p>
<aside class="footnote-list brackets"><aside class="footnote brackets" id="id2" role="doc-footnote"><span class="label">[1]</span>
<p>Other languages may return the mutated object, which allows method chaining, such as d.insert("a").remove("b").sort().</p></aside></aside>
</main><aside class="sidebar"><h3>Quick search</h3><p>Search the documentation of every version of the language, its library and its tutorial.</p></aside></body></html>
PAGE
	run notes.html
	expect_rc 0
	expect_grep out 'Other languages may return the mutated object'
	expect_no_grep out 'Quick search'
}
t "footnotes in an <aside> (Sphinx's footnote-list, role=doc-footnote) stay; a sidebar's <aside> goes" t_footnotes_aside

echo "1..$n"

#!/bin/sh
# tests/prescan.sh - the text Gumbo does not read (htmlskip.c): the content
# of <script> and <style> and the inside of comments go before the parse,
# and nothing shows it: report offsets and lines still point into the page,
# JSON-LD is still read, <noscript> and <svg> content still reach the rules,
# huge, unterminated or NUL-filled scripts are handled. Likewise attributes
# nothing reads and white space between tags: rules' attribute selectors
# still see theirs. TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

# check.py PAGE REPORT: every removal's bytes [start, end) hold the first
# and last words of its text's first line, and its first line number is the line of byte start.
write_check() {
	cat >check.py <<'EOF'
import json, sys
page = open(sys.argv[1], 'rb').read()
rep = json.load(open(sys.argv[2]))
rows = rep['report']['removals'] if 'report' in rep else rep['removals']
assert rows, 'no removal'
for r in rows:
    s, e = r['bytes']
    words = r['text'].split('\n')[0].split()
    for w in (words[0], words[-1]):
        assert w.encode() in page[s:e], (r['rule'], s, e, w, page[s:e][:80])
    line = page[:s].count(b'\n') + 1
    assert r['lines'][0] == line, (r['rule'], r['lines'], line)
print(len(rows), 'removals checked')
EOF
}

t_offsets_after_skipped_text() {
	need_py
	write_check
	python3 - <<'EOF'
big = 'var s = "' + 'x' * 300000 + '";\n' * 3
page = ('<!doctype html><html><head><title>T</title>\n<style>\nbody { margin: 0 }\n</style>\n'
        '<script>\n' + big + '</script>\n</head><body>\n<!-- a\ncomment\n-->\n'
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>\n'
        '<article><h1>The headline of the story</h1>\n<script>if (a < b) { c(); }\n</script>\n'
        + '\n'.join('<p>Paragraph %d of the article, with enough words to be prose. '
                    'The council met again on Tuesday to vote.</p>' % i for i in range(12))
        + '\n</article>\n<script>\n' + big + '</script>\n'
        '<footer><p>Copyright 2024 Example</p></footer>\n</body></html>\n')
open('page.html', 'w').write(page)
EOF
	for piece in whole 64K; do
		run --format=html --output-format=json --html-piece=$piece page.html
		expect_rc 0
		expect_grep out 'Paragraph 11 of the article'
		python3 check.py page.html out || die "html-piece=$piece: offsets"
		expect_grep out '"rule": *"page-furniture"'
	done
}

t_json_ld_is_still_read() {
	cat >page.html <<'EOF'
<html><head><script type="text/javascript">var x = "</scr" + "ipt>";</script>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "From JSON-LD",
 "author": {"name": "Ada Writer"}, "datePublished": "2024-05-06"}</script>
<!-- <script type="application/ld+json">{"@type": "Product"}</script> -->
</head><body><article><p>Some text of the article that is long enough to be kept.</p></article></body></html>
EOF
	run --format=html --output-format=json page.html
	expect_rc 0
	expect_grep out '"title": *"From JSON-LD"'
	expect_grep out '"author": *"Ada Writer"'
	expect_grep out '"date": *"2024-05-06"'
}

t_noscript_and_svg_reach_the_rules() {
	need_py
	write_check
	cat >page.html <<'EOF'
<html><head><style>.a { color: red }</style></head><body>
<script>document.write("<p>not text</p>")</script>
<noscript><p>Please enable JavaScript to read the crawler view.</p></noscript>
<svg><style>.b{}</style><text>Label in svg</text></svg>
<article><p>Some text of the article that is long enough to be kept as the main text.</p></article>
</body></html>
EOF
	run --format=html --output-format=json page.html
	expect_rc 0
	python3 check.py page.html out || die "offsets"
	python3 - <<'EOF' || die "noscript or svg text not removed by non-content"
import json
rows = json.load(open('out'))['report']['removals']
texts = [r['text'] for r in rows if r['rule'] == 'non-content']
assert any('crawler view' in t for t in texts), texts
assert any('Label in svg' in t for t in texts), texts
assert not any('not text' in r['text'] for r in rows)
EOF
	grep -q 'not text' out && die "a script's text came out"
	return 0
}

t_huge_and_unterminated_scripts() {
	need_py
	python3 - <<'EOF'
open('huge.html', 'w').write('<html><body><p>Before the script.</p><script>'
                             + 'a = 1;\n' * 3000000 + '</script><p>After the script.</p>')
open('open.html', 'w').write('<html><body><p>Before the script.</p><script>'
                             + 'a = 1;\n' * 100000 + '<p>Never text.</p>')
EOF
	lim 60 "$B" --no-default-rules --format=html --output-format=json huge.html >out 2>err ||
		die "huge: status $?"
	expect_grep out 'After the script.'
	python3 -c "
import json; d = json.load(open('out'))
assert d['report']['lines'] == 3000001, d['report']['lines']" || die "line count"
	lim 60 "$B" --no-default-rules open.html >out 2>err || die "unterminated: status $?"
	expect_grep out 'Before the script.'
	grep -q 'Never text' out && die "an unterminated script's text came out"
	return 0
}

t_nul_bytes_in_skipped_text() {
	need_py
	write_check
	python3 - <<'EOF'
open('bad.html', 'wb').write(b'<html><body><script>a\xff</script><p>After \xfe.</p>')
open('nul.html', 'wb').write(b'<html><body><script>a\0b</script><!-- \0 -->'
                             b'<nav><a href="/">Home\0page</a></nav><style>\0</style>'
                             b'<p>Text with a \0 in it that is long enough to be a paragraph.</p>')
EOF
	run --format=html --output-format=json nul.html
	expect_rc 0
	expect_grep out 'Text with a'
	python3 - <<'EOF' || die "nav offsets"
import json
page = open('nul.html', 'rb').read()
rows = json.load(open('out'))['report']['removals']
nav = [r for r in rows if r['rule'] == 'page-furniture']
assert nav and nav[0]['bytes'][0] == page.index(b'Home'), nav
EOF
	# offsets count the page as decoded (here from windows-1252)
	run --format=html bad.html
	expect_rc 0
	expect_grep out 'After'
}

t_attributes_and_blanks() {
	need_py
	write_check
	python3 - <<'EOF'
blob = ' data-config="' + 'x' * 5000 + '" srcset="a.jpg 1x,\n b.jpg 2x"'
page = ('<html><body>\n' + ('<div' + blob + '>\n    \n') * 20 +
        '<nav data-menu="main"><a href="/">Home</a> <a href="/news">News</a></nav>\n\n    \n'
        '<div class="box" data-track="ad-slot" onclick="go()">Buy the new phone today</div>\n'
        '<article>\n      <h1 data-x="1">The headline of the story</h1>\n\n\n'
        + '\n   \n'.join('<p style="color:red" data-n="%d">Paragraph %d of the article, with '
                       'enough words to be prose. The council met again on Tuesday.</p>' % (i, i)
                       for i in range(10))
        + '\n<pre>\n    <b>code</b>   indented\n</pre>\n</article>\n' + '</div>' * 20
        + '</body></html>\n')
open('page.html', 'w').write(page)
open('user.rules', 'w').write('tracked-ads: drop {[data-track^=ad]}\n')
EOF
	run --format=html --output-format=json -r user.rules page.html
	expect_rc 0
	expect_grep out 'Paragraph 9 of the article'
	expect_grep out 'code   indented' # <pre> keeps its blanks
	python3 check.py page.html out || die "offsets"
	expect_grep out '"rule": *"tracked-ads"'
	grep -q '"text": *"[^"]*Buy the new phone' out || die "the data-track selector missed"
	return 0
}

t "report offsets and lines after skipped scripts, styles and comments, whole and in pieces" t_offsets_after_skipped_text
t "JSON-LD is still read; a script's \"</scr\" + \"ipt>\" and a commented one are not" t_json_ld_is_still_read
t "noscript and svg text still reach the non-content rule; a script's text never shows" t_noscript_and_svg_reach_the_rules
t "a 21 MB script goes with its lines counted; an unterminated one hides what follows" t_huge_and_unterminated_scripts
t "NUL bytes and bad UTF-8 in skipped text: offsets after it still right" t_nul_bytes_in_skipped_text
t "attributes nothing reads and blanks between tags go: offsets right, a rule's data-* selector still matches" t_attributes_and_blanks

echo "1..$n"

#!/bin/sh
# tests/report-html.sh - the HTML report (--report-format=html): what the
# page holds (escaped, nothing fetched) and, when Debian's chromium is
# installed, what a real headless browser renders of it. TAP output; see
# tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"
SEED=$F/seed-002-cnn-russia-icy

CHROMIUM=${CHROMIUM:-chromium}
need_chromium() {
	have "$CHROMIUM" || skip "SKIP: no chromium (apt-get install chromium)"
}
# browse ARGS... URL: headless Chromium, its chatter (dbus, GPU) to chatter.log
browse() {
	lim 120 "$CHROMIUM" --headless --disable-gpu --no-sandbox --user-data-dir="$PWD/profile" \
		"$@" 2>chatter.log
}

# The tags of a page: every '<' in it opens one, since the text and the
# attribute values are escaped (tested below).
tags() {
	tr '\n' ' ' <"$1" | grep -o '<[^>]*>'
}

t_seed_report_in_chromium() {
	need_chromium
	run --report-format=html --report=report.html "$SEED/input.txt"
	expect_rc 0
	browse --dump-dom "file://$PWD/report.html" >dom.html || die "chromium: status $?"
	# the legend, with the carousel's rule and its hit count
	expect_grep dom.html '<nav class="legend">'
	expect_grep dom.html '<label for="x[0-9]*" class="r[0-9]*"[^>]*><code>video-carousel</code><span class="n">1</span>'
	# the carousel struck through, tagged with its rule, the rule on hover
	expect_grep dom.html '<span class="rm r[0-9]*" title="video-carousel (run)'
	expect_grep dom.html '<b class="id">video-carousel</b><del>Now playing'
	expect_grep dom.html 'Story highlights'
	expect_grep dom.html 'bytes removed <b>896</b>'
	browse --screenshot="$PWD/shot.png" --window-size=1200,1600 "file://$PWD/report.html" ||
		die "chromium --screenshot: status $?"
	[ "$(head -c 8 shot.png | od -An -c | tr -d ' ')" = '211PNG\r\n032\n' ] ||
		die "no PNG screenshot: $(head -c 200 chatter.log)"
}

# The legend filters: with a rule's checkbox ticked, its blocks are not
# displayed. A copy of the page with a line of script asks the browser.
t_legend_filters_in_chromium() {
	need_chromium
	run --report-format=html --report=report.html "$SEED/input.txt"
	expect_rc 0
	x=$(grep -o '<label for=x[0-9]* class=r[0-9]* [^>]*><code>video-carousel<' report.html |
		sed 's/<label for=\(x[0-9]*\).*/\1/')
	[ -n "$x" ] || die "no legend label for video-carousel"
	cat report.html - >probe.html <<EOF
<script>
var r = document.querySelector('.rm.r${x#x}');
var before = getComputedStyle(r).display;
document.getElementById('$x').checked = true;
document.body.setAttribute('data-probe', before + '/' + getComputedStyle(r).display);
</script>
EOF
	browse --dump-dom "file://$PWD/probe.html" >dom.html || die "chromium: status $?"
	expect_grep dom.html 'data-probe="inline/none"'
}

t_nothing_fetched() {
	cat >in.html <<'EOF'
<!doctype html><html><head><title>Links "and" <things></title>
<link rel=stylesheet href="https://cdn.example/x.css"><script src="https://evil.example/x.js"></script></head>
<body><nav><a href="https://example.com/a">Home</a> <a href="//example.com/b">News</a></nav>
<article><p>Visit <a href="https://example.com/story">the story</a> and see <img src="https://img.example/p.jpg" alt="x">.</p>
<p>Some text with url(https://x.example/y) and @import "z" in it, and src="https://t.example/" too.</p>
<p>Another paragraph, long enough to be the main content of this small page for the rules.</p>
</article><footer>Copyright 2024 Example Media</footer></body></html>
EOF
	run --report-format=html --report=report.html in.html
	expect_rc 0
	tags report.html >tags.txt
	grep -i -E '(src|href|action|data|poster|srcset)=' tags.txt && die "a tag points somewhere"
	grep -i -E '^<(script|link|img|iframe|object|embed|base|meta http-equiv)' tags.txt &&
		die "a tag that fetches or runs"
	tr '\n' ' ' <report.html | grep -o '<style>[^<]*</style>' >style.txt
	[ -s style.txt ] || die "no inline style"
	grep -i -E 'url\(|@import' style.txt && die "the style fetches"
	# what the page said is there, as text
	expect_grep report.html 'src=&quot;https://t.example/&quot;'
	expect_grep report.html '<title>cleaner report: Links &quot;and&quot; &lt;things&gt;</title>'
	:
}

# report_with RULES INPUT PAGE: the HTML report with only those rules; no
# script tag in it.
report_with() {
	printf '%s\n' "$1" >only.rules
	run --no-default-rules -r only.rules --report-format=html --report="$3" "$2"
	expect_rc 0
	tags "$3" | grep -i '<script' && die "a script tag in $3"
	:
}

t_script_comes_out_as_text() {
	printf 'A first line of text.\n<script>alert(1)</script>\nKeep <script>alert(1)</script> here.\n' >in.txt
	report_with 'js: drop /^<script>/' in.txt report.html
	expect_grep report.html '<del>&lt;script&gt;alert(1)&lt;/script&gt;'
	expect_grep report.html 'Keep &lt;script&gt;alert(1)&lt;/script&gt; here.'
	# the same from an HTML page, whose text says <script>, and an id with quotes
	printf '<!doctype html><body><p>Say &lt;script&gt;alert(1)&lt;/script&gt; now</p><div class="a&quot;b">x</div>' >in.html
	report_with 'q: drop {div}' in.html page.html
	expect_grep page.html 'Say &lt;script&gt;alert(1)&lt;/script&gt; now'
	expect_grep page.html 'at body&gt;div.a&quot;b"'
	:
}

t_edits_shown_in_place() {
	printf 'Hello world, world.\nUPDATED: the news\n' >in.txt
	report_with "$(printf 'w: replace /world/g with="there"\nu: replace /^UPDATED: /')" in.txt report.html
	tr '\n' ' ' <report.html >flat.html
	expect_grep flat.html '<span class=k>Hello </span><span class="ed r0"[^>]*><del>world</del><ins>there</ins></span><span class=k>, </span><span class="ed r0"[^>]*><del>world</del><ins>there</ins></span><span class=k>.'
	expect_grep flat.html '<span class="ed r1"[^>]*><del>UPDATED: </del><ins></ins></span><span class=k>the news'
}

# A block removed between two paragraphs stands on lines of its own, one
# blank line before and after it, as in the page (before: at the end of
# the paragraph above, and two blank lines after it)
t_removed_block_between_paragraphs() {
	printf '<html><head><title>T</title></head><body><article><p>First paragraph of the article with words.</p><p>Sponsored</p><p>Second paragraph of the article with words.</p></article></body></html>' >in.html
	report_with 'ad: drop /^Sponsored$/' in.html page.html
	tr '\n' '~' <page.html >flat.html
	expect_grep flat.html '<span class=k>First paragraph of the article with words.~~</span><span class="rm r0"[^>]*><b class=id>ad</b><del>Sponsored~</del></span>~<span class=k>Second paragraph'
}

t_valid_utf8() {
	printf 'caf\351 ok\n\000nul line\nAdvertisement\n' >in.txt
	run --report-format=html --report=report.html in.txt
	expect_rc 0
	if have iconv; then
		iconv -f UTF-8 -t UTF-8 report.html >/dev/null || die "the page is not UTF-8"
	fi
	expect_grep report.html "$(printf 'caf\357\277\275 ok')"
	expect_grep report.html "$(printf '\357\277\275nul line')"
}

t_cli_rules() {
	printf 'a line\n' >a.txt
	printf 'b line\n' >b.txt
	run --report --report-format=html a.txt
	expect_rc 2
	expect_grep err 'needs one input and --report=FILE'
	run --report-format=html --report=r.html a.txt b.txt
	expect_rc 2
	expect_grep err 'needs one input and --report=FILE'
	run --report-format=pdf a.txt
	expect_rc 2
	expect_grep err 'must be text, json or html'
	mkdir in
	cp a.txt b.txt in/
	run --report-format=html --report=r.html -R -o res/ in
	expect_rc 2
	expect_grep err 'takes no FILE with -o FOLDER'
	run -q --report-format=html --report -R -o res/ in
	expect_rc 0
	expect_grep res/a.txt.report.html '<!DOCTYPE html>'
	expect_grep res/b.txt.report.html 'b line'
	# standard input and '-' for standard output
	run_in a.txt --report-format=html --report=- -o clean.txt
	expect_rc 0
	expect_grep out '<nav class=legend>'
}

t "seed 002 in headless Chromium: legend, carousel, rule id, screenshot" t_seed_report_in_chromium
t "the legend hides a rule's blocks (Chromium, CSS only)" t_legend_filters_in_chromium
t "the page fetches nothing: no src/href, no script, no url() in the style" t_nothing_fetched
t "<script> in the document comes out as text, in text and HTML input" t_script_comes_out_as_text
t "replace edits show in place: struck old text, new text, no doubling" t_edits_shown_in_place
t "a block removed between paragraphs stands on its own lines" t_removed_block_between_paragraphs
t "invalid UTF-8 and NUL bytes give a valid UTF-8 page" t_valid_utf8
t "--report-format=html: one input and a FILE, or a page beside each output" t_cli_rules

# A removal of a part (part=NAME) names it on hover, as the text report does.
t_part_on_hover() {
	run --report-format=html --report=report.html -o out.txt "$F/html-product-page/input.html"
	expect_rc 0
	tr '\n' '|' <report.html >flat.html
	expect_grep flat.html 'title="product-reviews (drop)|line 46, bytes \[2271,2372), 1 block|part reviews|at body&gt;main'
}
t "a part's removal names its part on hover" t_part_on_hover

echo "1..$n"

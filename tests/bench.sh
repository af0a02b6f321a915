#!/bin/sh
# tests/bench.sh - bench/quality on small benchmarks made here: the
# article-extraction benchmark's layout (ground-truth.json, html/*.html.gz)
# and WCXB's (gold.json.gz, html/*.html.gz), which bench/quality hands to
# bench/wcxb. The real data is ../shared/bench's; these check the scripts'
# output and errors, not cleaner's quality. TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

Q=$S/bench/quality

# page.html: an article with a menu and a footer around it
article_html() {
	cat <<'EOF'
<html><head><title>Harbour plan</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour plan</h1>
<p>The council's plan for the old docks is timid, and it should be bolder: the docks have stood empty for twenty years.</p>
<p>The plan would leave most of them empty for ten more, with a few flats at one end and a car park at the other end.</p>
</article>
<footer>Copyright 2025 Example Times. All rights reserved.</footer>
</body></html>
EOF
}

GOLD_TEXT="The council's plan for the old docks is timid, and it should be bolder: the docks have stood empty for twenty years. The plan would leave most of them empty for ten more, with a few flats at one end and a car park at the other end."

# wcxb DIR: a WCXB-shaped set of two pages, an article and a product whose
# gold is its description
wcxb() {
	mkdir -p "$1/html"
	article_html | gzip >"$1/html/0001.html.gz"
	printf '<html><body><h1>Trail Lantern</h1><p>Three hundred lumens of warm light for up to forty hours on one charge, folding flat into any pack.</p><p>$49.95</p><button>Add to cart</button></body></html>\n' |
		gzip >"$1/html/0002.html.gz"
	python3 - "$1" "$GOLD_TEXT" <<'EOF'
import gzip, json, sys
d, text = sys.argv[1], sys.argv[2]
gold = {
    "0001": {"page_type": "article", "main_content": text, "url": "https://example.com/a",
             "with": ["old docks is timid"], "without": ["All rights reserved"]},
    "0002": {"page_type": "product", "url": "https://example.com/p",
             "main_content": "Trail Lantern Three hundred lumens of warm light for up to forty hours on one charge, folding flat into any pack.",
             "with": ["forty hours"], "without": ["Add to cart"]},
}
with gzip.open(d + "/gold.json.gz", "wt") as f:
    json.dump(gold, f)
EOF
}

need() {
	[ -x "$Q" ] || skip "SKIP: no bench/quality in $S (a dist tree)"
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

t_article_benchmark() {
	need
	mkdir -p aeb/html
	article_html | gzip >aeb/html/p1.html.gz
	python3 -c 'import json,sys; json.dump({"p1": {"articleBody": sys.argv[1], "url": "https://example.com/a"}}, open("aeb/ground-truth.json", "w"))' "$GOLD_TEXT"
	lim 120 "$Q" --cleaner "$B" aeb >out 2>err
	[ $? -eq 0 ] || die "bench/quality failed: $(cat err)"
	expect_grep out '^P=1\.000 R=1\.000 F1=1\.000'
}
t "bench/quality scores the article benchmark's layout" t_article_benchmark

t_wcxb() {
	need
	wcxb set
	lim 120 "$Q" --cleaner "$B" set >out 2>err
	[ $? -eq 0 ] || die "bench/quality failed: $(cat err)"
	expect_grep out '^all 2 pages F1 '
	expect_grep out '^  article           1 F1 1\.000 empty 0 with 1\.000 without 0\.000'
	expect_grep out '^  product           1 F1 '
	expect_grep out '^page type: accuracy '
	lim 120 "$Q" -v --cleaner "$B" set >out 2>err
	expect_grep out 'https://example.com/p'
	# the text path on dumps of the pages
	mkdir dumps
	printf '   Home News Sport\n\nHarbour plan\n\n   %s\n\n   Copyright 2025 Example Times. All rights reserved.\n' "$GOLD_TEXT" >dumps/0001.txt
	printf 'Trail Lantern\n\n   Three hundred lumens of warm light for up to forty hours on one charge, folding flat into any pack.\n   $49.95\n' >dumps/0002.txt
	lim 120 "$Q" --mode text --dumps dumps --cleaner "$B" set >out 2>err
	[ $? -eq 0 ] || die "bench/quality --mode text failed: $(cat err)"
	expect_grep out '^all 2 pages F1 '
	# what only the article benchmark has is refused, with the reason
	lim 60 "$Q" --baseline whole --cleaner "$B" set >out 2>err
	[ $? -eq 2 ] || die "--baseline on WCXB: exit $?, not 2"
	expect_grep err 'bench/wcxb scores WCXB'
	lim 60 "$Q" --cleaner ./no-such-cleaner set >out 2>err
	[ $? -eq 2 ] || die "a missing cleaner: exit $?, not 2"
	expect_grep err 'no-such-cleaner is not an executable'
}
t "bench/quality hands WCXB's layout to bench/wcxb: per type, snippets, page types, text dumps" t_wcxb

echo "1..$n"

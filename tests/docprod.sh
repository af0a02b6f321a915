#!/bin/sh
# tests/docprod.sh - documentation and product pages through the CLI: code
# in <pre> byte for byte in the text and the JSON, the product page's
# JSON-LD description and where it came from, reviews switched back on,
# and the page tools of documentation sites. TAP output; see
# tests/tap-lib.sh. Pages are in fixtures/ (their READMEs say what they show).
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

# the code of fixtures/html-pre-code-lines as written, tabs and blank lines
CODE='def load(path):
	"""Tabs stay tabs."""
    with open(path) as f:

        for line in f:   # three spaces before the comment


            yield line.rstrip("\n")'

t_pre_text_exact() {
	run "$F/html-pre-code-lines/input.html"
	expect_rc 0
	printf '%s\n' "$CODE" >want
	grep -F -x -f want out >/dev/null || die "a code line changed"
	# the block as a whole: from its first line, as many lines as it has
	awk '/^def load/{p=1} p{print} /yield line/{exit}' out >got
	expect_same got want
}

t_pre_json_exact() {
	need_py
	run --output-format=json "$F/html-pre-code-lines/input.html"
	expect_rc 0
	printf '%s' "$CODE" >want
	python3 -c 'import json,sys; t=json.load(open("out"))["text"]; w=open("want").read(); sys.exit(0 if w in t else 1)' ||
		die "JSON text does not hold the code byte for byte"
	python3 -c 'import json,sys; t=json.load(open("out"))["text"]
sys.exit(0 if "const cfg = load(\"app.toml\");\n  if (cfg.debug) {\n    console.log(cfg);\n  }" in t else 1)' ||
		die "line elements inside <pre> are not one line each"
	python3 -c 'import json,sys; t=json.load(open("out"))["text"]
sys.exit(0 if "\n\n\n  indented after one blank line\n" in t else 1)' ||
		die "the blank line after the one HTML drops is lost"
}

t_product_description_from_json_ld() {
	run "$F/html-product-page/input.html"
	expect_rc 0
	expect_grep out '^A rechargeable camp lantern that gives 300 lumens of warm light for up to 40 hours & folds flat'
	expect_grep err 'JSON-LD (Product.description)'
	# a page that shows its description gets no second copy
	run "$F/real-html-product-birkenstock/input.html"
	[ "$(grep -c 'timeless essential' out)" = 1 ] || die "description printed twice"
	if grep -q 'Product.description' err; then die "a warning for a description the page shows"; fi
}

t_product_parts_removed() {
	run "$F/html-product-page/input.html"
	for s in 'Customers also bought' 'Summit Headlamp' 'Add to cart' 'Quantity' 'Free shipping' \
		'Bright enough to read by'; do
		if grep -q "$s" out; then die "'$s' is still there"; fi
	done
	expect_grep out '^300 lumens$'
	expect_grep out '^\$39.00$'
}

t_reviews_switch_on() {
	printf 'disable product-reviews\ndisable product-review-names\n' >keep.rules
	run --rules keep.rules "$F/html-product-page/input.html"
	expect_rc 0
	expect_grep out '^Dana: Bright enough to read by in the tent'
	expect_grep out '^Lee: The hook is a little small'
	if grep -q 'Customers also bought' out; then die "recommendations came back too"; fi
}

t_doc_tools_removed() {
	run "$F/html-docs-page-tools/input.html"
	expect_rc 0
	for s in 'Edit on GitHub' 'On this page' 'Version: 2.4' 'Was this page helpful' \
		'Yes No' 'Previous Next' 'Last updated'; do
		if grep -q "$s" out; then die "'$s' is still there"; fi
	done
	expect_grep out '^  size: 10000$'
}

# A version picker written as its label and the versions ("Supported
# Versions: Current (18) / 17 / 16", PostgreSQL's manual) and a
# "Submit correction" link go; a sentence about supported versions stays.
t_doc_version_list() {
	cat >v.html <<'EOF2'
<html><head><title>Chapter 11. Indexes</title><meta name="generator" content="DocBook XSL Stylesheets"></head>
<body><main><div class="doc-versions"><p>Supported Versions: Current (18) / 17 / 16 / 15 / 14</p>
<p>Development Versions: devel</p><p>Unsupported versions: 13 / 12 / 11</p></div>
<h1>Chapter 11. Indexes</h1>
<p>Indexes are a common way to enhance database performance. An index allows the database server to find and retrieve specific rows much faster than it could do without an index.</p>
<p>Supported versions: every release receives fixes for five years after its first release, as the versioning policy says.</p>
<pre><code>CREATE INDEX test1_id_index ON test1 (id);</code></pre>
<p><a href="/account/comments/new/">Submit correction</a></p>
</main></body></html>
EOF2
	run --page-type=documentation v.html
	expect_rc 0
	for s in 'Current (18)' 'Development Versions' 'Unsupported versions' 'Submit correction'; do
		if grep -qF "$s" out; then die "'$s' is still there"; fi
	done
	expect_grep out '^Supported versions: every release receives fixes'
	expect_grep out '^CREATE INDEX test1_id_index'
}

# A text dump's permalinks: the "¶" after a heading or a signature
# ("Available middleware¶", or "Â¶" read with the wrong charset)
# goes, and the report names it; a "¶" before a paragraph's number stays.
t_permalink_glyph() {
	printf '%s\n' 'Middleware¶' '' \
		'   This document explains all middleware components that come with the framework.' '' \
		'   class UpdateCacheMiddleware[source]Â¶' '' \
		'   As the court said in ¶ 12 of its ruling, the cache is for its owner to clear.' >p.txt
	run --no-default-rules --rules "$CLEANER_SRCDIR/rules/docs.rules" --report=report p.txt
	expect_rc 0
	expect_grep out '^Middleware$'
	expect_grep out '^   class UpdateCacheMiddleware\[source\]$'
	expect_grep out 'in ¶ 12 of its ruling'
	expect_grep report 'permalink-glyph .*"¶" -> ""'
}

t_doc_words_in_sentences_stay() {
	run "$F/trap-docprod-words/input.html"
	expect_rc 0
	cmp -s out "$F/trap-docprod-words/expected.txt" || die "the trap lost text"
	expect_grep out 'reads Edit this page, and'
	expect_grep out '^Customers who bought early got refunds$'
	expect_grep out '^Next steps$'
}

t "code in <pre>: text output byte for byte (tabs, leading spaces, blank lines)" t_pre_text_exact
t "code in <pre>: JSON text byte for byte; line elements and <br> end lines" t_pre_json_exact
t "product page: a JSON-LD description the page lacks is added, with a warning" t_product_description_from_json_ld
t "product page: recommendations, add-to-cart, shipping line and reviews go" t_product_parts_removed
t "product page: disable product-reviews and product-review-names keep the reviews" t_reviews_switch_on
t "documentation: TOC heading, edit link, version label, feedback, prev/next go" t_doc_tools_removed
t "documentation: a version picker's list and a 'Submit correction' link go, a sentence stays" t_doc_version_list
t "documentation: a text dump's permalink glyphs go, a paragraph sign before a number stays" t_permalink_glyph
t "documentation/product words inside sentences and headings of an article stay" t_doc_words_in_sentences_stay

echo "1..$n"

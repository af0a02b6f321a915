#!/bin/sh
# tests/markdown.sh - --output-format=markdown rendered back to HTML with
# cmark-gfm (Debian package cmark-gfm, GitHub's tables) and compared with
# the page by tests/md-roundtrip: words, heading levels, list nesting and
# numbers, table rows, code byte for byte with its language, emphasis,
# links and images. TAP output; see tests/tap-lib.sh. Pages are in
# tests/data/markdown/; the fixtures' real pages are checked too.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"
D=$S/tests/data/markdown
BASE=https://example.org/guide/intro/page.html

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}
need_cmark() {
	need_py
	have cmark-gfm || skip "SKIP: no cmark-gfm (apt-get install cmark-gfm)"
}

# roundtrip PAGE [OPTIONS...]: the page's Markdown, rendered, reads as the page
roundtrip() {
	_p=$1
	shift
	"$B" --no-default-rules --output-format=markdown --url=$BASE "$@" "$D/$_p.html" >"$_p.md" 2>err ||
		die "$_p: status $?: $(cat err)"
	cmark-gfm -e table "$_p.md" >"$_p.out.html" || die "cmark-gfm failed on $_p.md"
	python3 "$S/tests/md-roundtrip" "$D/$_p.html" "$_p.out.html" --base $BASE "$@" ||
		die "$_p: the Markdown does not render as the page reads (above); it was:
$(cat "$_p.md")"
}

t_structure() {
	need_cmark
	roundtrip structure
	# the levels and numbers as written
	expect_grep structure.md '^###### Level six$'
	expect_grep structure.md '^    7\. seventh step$'
	expect_grep structure.md '^10\. Tenth$'
	expect_grep structure.md '^    1\. ten point one$'
	expect_grep structure.md '^> > A quotation inside it\.$'
}
t "headings h1-h6, nested lists with their numbers, items of two paragraphs, quotes, line breaks" t_structure

t_tables() {
	need_cmark
	roundtrip tables
	expect_grep tables.md '^| Planet | Moons | Notes |$'
	expect_grep tables.md '^| Mars | 2 | Phobos \\| Deimos |$'
	expect_grep tables.md '^| outer | nested table flattened here | end |$'
	expect_grep tables.md '^### A layout table$'
}
t "tables: header row, | escaped, colspan and rowspan padded, nested tables flattened, layout tables not tables" t_tables

t_code() {
	need_cmark
	roundtrip code
	expect_grep code.md '^```python$'
	expect_grep code.md '^```c$'
	expect_grep code.md '^```ruby$'
	expect_grep code.md '^```shell$'
	expect_grep code.md '^`````markdown$'
	expect_grep code.md '^  ```js$'
}
t "code: fenced verbatim, a longer fence around fences, the language from class or data-lang" t_code

t_escaping() {
	need_cmark
	roundtrip escaping
}
t "escaping: '1. ', '# ', '- ', '> ', *stars*, _x_, [links], <tags>, &entities; and pipes read as text" t_escaping

t_links() {
	need_cmark
	roundtrip links --links --images
	expect_grep links.md '\[parent-relative one\](https://example.org/guide/up/one.html?q=1&r=2#frag)'
	expect_grep links.md '!\[lazy loaded\](https://example.org/guide/intro/lazy.png)'
	! grep -q spacer links.md || die "an alt=\"\" image shows"
	# without the options: the text only
	roundtrip links
	! grep -q '](http' links.md || die "links or images without --links or --images"
}
t "--links and --images: [text](URL) and ![alt](URL), URLs resolved against --url" t_links

# every fixture page: what the Markdown renders to has the words of the
# plain text, no more (nothing removed shows) and no fewer
t_fixtures() {
	need_cmark
	mkdir pages json md
	n=0
	for d in "$F"/*/; do
		[ -f "$d/input.html" ] || continue
		n=$((n + 1))
		name=$(basename "$d")
		cp "$d/input.html" "pages/$name.html"
		set --
		[ -f "$d/url" ] && set -- "$@" --url="$(cat "$d/url")"
		[ -f "$d/rules" ] && set -- "$@" -r "$d/rules"
		[ $# -eq 0 ] && continue # cleaned with the others below
		markdown_and_json "$@" "pages/$name.html"
		rm "pages/$name.html"
	done
	# the pages without options of their own in one run (a start per page
	# was most of the time under ASan)
	markdown_and_json pages/*.html
	[ "$(ls md | wc -l)" -eq $n ] && [ "$(ls json | wc -l)" -eq $n ] ||
		die "not a Markdown and a JSON output for each of the $n pages"
	pairs=
	for f in md/*.md; do
		name=$(basename "$f" .md)
		cmark-gfm -e table "$f" >"$name.html"
		pairs="$pairs json/$name.json $name.html"
	done
	# one Python for all pages: its start-up once a page was most of the time
	python3 "$S/tests/md-roundtrip" --text $pairs || die "(above)"
}
markdown_and_json() { # [OPTION...] PAGE...
	"$B" -q --output-format=json -o json/ "$@" 2>err || die "$*: no JSON: $(head -n 3 err)"
	"$B" -q --output-format=markdown --links --images -o md/ "$@" 2>err ||
		die "$*: status $?: $(head -n 3 err)"
}
t "the fixtures' Markdown reads as their plain text: nothing removed shows, nothing kept is lost" t_fixtures

t_options() {
	run --links "$D/links.html"
	expect_rc 2
	expect_grep err 'links goes with --output-format=markdown'
	run --images --output-format=json "$D/links.html"
	expect_rc 2
	printf '{"url":"https://a.org/x/y","html":"<p>a <a href=\\"z\\">link</a></p>"}\n' >in.jsonl
	run --output-format=markdown --links --jsonl in.jsonl
	expect_rc 0
	expect_grep out '"text":"a \[link\](https://a.org/x/z)'
}
t "--links and --images need Markdown; in --jsonl they resolve against the record's url" t_options

# big pages stay linear: 20,000 list items and table rows, inline marks
t_big() {
	need_py
	python3 - <<'EOF'
rows = ''.join('<tr><td>r%d</td><td><em>e</em> <a href="/%d">l</a></td></tr>' % (i, i) for i in range(20000))
items = ''.join('<li>item <b>%d</b><ul><li>sub</li></ul></li>' % i for i in range(20000))
open('big.html', 'w').write('<html><body><table>%s</table><ol>%s</ol></body></html>' % (rows, items))
EOF
	lim 20 "$B" --no-default-rules --output-format=markdown --links big.html >out 2>err ||
		die "status $? (timeout is 124)"
	expect_grep out '^| r19999 | \*e\* \[l\](/19999) |$'
	expect_grep out '^20000\. item \*\*19999\*\*$'
}
t "a page of 20,000 table rows and 40,000 list items in bounded time" t_big

echo "1..$n"

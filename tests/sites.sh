#!/bin/sh
# tests/sites.sh - rules scoped to sites (@site sections, site=, scoped
# disable, the built-in sites/HOST.rules) and rule phases, through the CLI:
# where the URL comes from (--url, JSONL url, WARC target URI, canonical
# link), a mixed stream where each site's rules touch its own pages only,
# and errors with file:line:col. TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

page() {
	printf '%s\n' 'Skip to main content' 'Example noise' 'Everywhere noise' 'News noise' \
		'Body line one is a long sentence of the article, with commas, and words of prose in it.' \
		'Body line two' >page.txt
	cat >s.rules <<'EOF'
ex-all: drop /^Skip to main content$/
@site example.com ~blog.example.com   # a comment after the sites
ex-only: drop /^Example noise$/
disable ex-all
@site *
everywhere: drop /^Everywhere noise$/
ex-news: drop /^News noise$/ site="example.com/news/"
EOF
}

# rule ids that removed something, in order
hits() {
	"$B" --no-default-rules -r s.rules --report=- -o /dev/null "$@" page.txt 2>&1 | report_rules /dev/stdin | tr '\n' ' '
}

t_scopes() {
	page
	[ "$(hits)" = "ex-all everywhere " ] || die "no URL: $(hits)"
	[ "$(hits --url=https://www.example.com/news/a)" = "ex-only everywhere ex-news " ] ||
		die "www.example.com/news/: $(hits --url=https://www.example.com/news/a)"
	[ "$(hits --url=https://example.com/other)" = "ex-only everywhere " ] ||
		die "example.com/other: $(hits --url=https://example.com/other)"
	# the section leaves blog.example.com out; ex-news, outside it, takes it in
	[ "$(hits --url=https://blog.example.com/news/)" = "ex-all everywhere ex-news " ] ||
		die "~blog.example.com: $(hits --url=https://blog.example.com/news/)"
	[ "$(hits --url=http://notexample.com/news/)" = "ex-all everywhere " ] ||
		die "notexample.com is not under example.com: $(hits --url=http://notexample.com/news/)"
	[ "$(hits --url=HTTPS://User:pw@WWW.Example.COM.:8080/news/x?q=1)" = "ex-only everywhere ex-news " ] ||
		die "host case, port, user and trailing dot: $(hits --url=HTTPS://User:pw@WWW.Example.COM.:8080/news/x?q=1)"
	# a report lists only the rules that applied to its document
	"$B" --no-default-rules -r s.rules --report=- -o /dev/null page.txt >out 2>&1
	grep -q 'ex-only\|ex-news' out && die "rules of other sites are listed: $(cat out)"
	"$B" --no-default-rules -r s.rules --report=- -o /dev/null --url=https://example.com/ \
		page.txt >out 2>&1
	grep -q 'ex-all\|ex-news' out && die "rules off or scoped out are listed: $(cat out)"
	expect_grep out 'ex-only'
}
t "@site sections, site=, ~ exclusions and scoped disable apply by the URL's host and path" t_scopes

t_path_glob() {
	page
	sed -i 's|site="example.com/news/"|site="example.com/*/2024/*"|' s.rules
	[ "$(hits --url=https://example.com/news/2024/05/x)" = "ex-only everywhere ex-news " ] ||
		die "glob: $(hits --url=https://example.com/news/2024/05/x)"
	[ "$(hits --url=https://example.com/news/2023/05/x)" = "ex-only everywhere " ] ||
		die "glob, no match: $(hits --url=https://example.com/news/2023/05/x)"
}
t "a site's path may be a glob" t_path_glob

# The built-in site files load for their host only: the seed CNN page
# loses its "Story highlights" label with a cnn.com URL and keeps it without.
t_builtin_sites() {
	in=$F/seed-002-cnn-russia-icy/input.txt
	run "$in"
	expect_same out "$F/seed-002-cnn-russia-icy/expected.txt"
	run --url=https://edition.cnn.com/2016/12/22/politics/x/index.html "$in"
	expect_same out "$F/site-cnn-story-highlights/expected.txt"
	run --url=https://www.notcnn.com/x "$in"
	expect_same out "$F/seed-002-cnn-russia-icy/expected.txt"
	# a site file can be switched off like any default rule
	printf 'disable cnn-highlights-label\n' >off.rules
	run -r off.rules --url=https://cnn.com/x "$in"
	expect_grep out '^Story highlights$'
}
t "rules/sites/HOST.rules apply to their host's pages only" t_builtin_sites

# A site file may narrow itself to part of its site: arxiv.org.rules takes a
# paper's catalogue record and tools on its abstract page (/abs/, as its
# canonical link says), and nothing on the site's other pages.
t_builtin_site_path() {
	in=$F/site-arxiv-abstract/input.html
	run "$in"
	expect_same out "$F/site-arxiv-abstract/expected.txt"
	run --url=https://arxiv.org/list/cs.AI/recent "$in"
	expect_grep out '^Submission history$'
	expect_grep out '^Abstract:Merging large language models'
}
t "a built-in site file scoped to a path (arxiv.org/abs/) applies there only" t_builtin_site_path

# A site file may widen itself too: amazon.com.rules names Amazon's other
# shops on its @site line, so an amazon.co.uk or amazon.de page gets it;
# another host, or no URL, does not.
t_builtin_site_widened() {
	in=$F/site-amazon-product-text/input.txt
	for u in https://www.amazon.com/dp/B0EXAMPLE1 https://www.amazon.co.uk/dp/B0EXAMPLE1 \
		https://www.amazon.de/dp/B0EXAMPLE1; do
		run --url="$u" "$in"
		expect_same out "$F/site-amazon-product-text/expected.txt"
	done
	for u in https://www.notamazon.com/dp/B0EXAMPLE1 ""; do
		run ${u:+--url="$u"} "$in"
		expect_grep out 'Brief content visible, double tap to read full content\.'
	done
}
t "a built-in site file that names more sites (amazon.com.rules) applies on each" t_builtin_site_widened

# One JSONL stream of two sites: each page gets its own site's rules, by
# its url field; a page without one gets none of them.
t_jsonl_mixed() {
	need_py
	python3 - "$F" <<'EOF'
import json, sys
f = sys.argv[1]
cnn = open(f + '/seed-002-cnn-russia-icy/input.txt', encoding='utf-8').read()
wp = open(f + '/site-wordpress-no-comments/input.txt', encoding='utf-8').read()
with open('in.jsonl', 'w') as o:
    for d in [{'id': 'cnn', 'url': 'https://edition.cnn.com/2016/12/22/x', 'text': cnn},
              {'id': 'wp', 'url': 'https://downswalker.wordpress.com/2023/09/12/a', 'text': wp},
              {'id': 'cnn-no-url', 'text': cnn},
              {'id': 'wp-on-cnn', 'url': 'https://cnn.com/x', 'text': wp}]:
        o.write(json.dumps(d) + '\n')
EOF
	run --jsonl in.jsonl
	expect_rc 0
	python3 - "$F" out <<'EOF' || die "site rules crossed pages"
import json, sys
f = sys.argv[1]
rows = {}
for l in open(sys.argv[2]):
    d = json.loads(l)
    rows[d['id']] = d
exp = lambda n: open(f + '/' + n + '/expected.txt', encoding='utf-8').read()
assert rows['cnn']['text'] == exp('site-cnn-story-highlights'), 'cnn'
assert rows['wp']['text'] == exp('site-wordpress-no-comments'), 'wp'
assert rows['cnn-no-url']['text'] == exp('seed-002-cnn-russia-icy'), 'cnn without url'
r = rows['wp-on-cnn']['cleaner']['rules']
assert not any(k.startswith('wp-') for k in r), r
EOF
	# --url wins over the field
	run --jsonl --url=https://example.org/ in.jsonl
	grep -q 'cnn-highlights-label' out && die "--url did not win over the url field"
	true
}
t "a mixed JSONL stream: each page gets its own site's rules (url field)" t_jsonl_mixed

# WARC: the record's target URI; HTML: the page's canonical link.
t_warc_and_canonical() {
	need_py
	cat >h.rules <<'EOF'
@site island.example
island-only: drop {p.promo}
EOF
	python3 - <<'EOF'
page = ('<html><head><title>T</title>{link}</head><body><article><h1>Ferry link restored</h1>'
        '<p>The island ferry ran again on Monday after a week in dry dock, and the first sailing '
        'was full of school children and delivery vans.</p><p class="promo">Subscribe for more island news</p>'
        '<p>The operator said the new propeller shaft should last another ten years, although the '
        'winter timetable will stay in place until March.</p></article></body></html>')
open('canon.html', 'w').write(page.format(link='<link rel="canonical" href="https://news.island.example/ferry">'))
open('plain.html', 'w').write(page.format(link=''))
def record(uri, body):
    http = b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' + body.encode()
    head = ('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n'
            'WARC-Record-ID: <urn:uuid:%s>\r\nContent-Type: application/http; msgtype=response\r\n'
            'Content-Length: %d\r\n\r\n' % (uri, uri[-1], len(http))).encode()
    return head + http + b'\r\n\r\n'
with open('two.warc', 'wb') as o:
    o.write(record('https://www.island.example/a', page.format(link='')))
    o.write(record('https://mainland.example/b', page.format(link='')))
EOF
	run --no-default-rules -r h.rules canon.html
	expect_grep out 'island ferry'
	grep -q 'Subscribe for more' out && die "the canonical link's site rules did not apply"
	run --no-default-rules -r h.rules plain.html
	expect_grep out 'Subscribe for more'
	run --no-default-rules -r h.rules --warc two.warc
	expect_rc 0
	[ "$(grep -c 'Subscribe for more' out)" = 1 ] || die "WARC: the site rule went by the wrong record"
	grep 'mainland.example' out | grep -q 'Subscribe for more' || die "WARC: mainland lost its promo"
}
t "WARC target URI and the page's canonical link name the site" t_warc_and_canonical

# Phases: user rules run before main-content by default (a drop there is
# not weighed by it), keep rules always win, after-main sees the body only.
t_phases() {
	in=$F/seed-000-russia-frozen/input.txt
	# keep: a line main-content drops stays
	run --report=rep.txt "$in"
	expect_grep rep.txt 'Popular Video'
	printf 'save-popular: keep /^Popular Video$/\n' >keep.rules
	run -r keep.rules "$in"
	expect_grep out '^Popular Video$'
	# before-main (the default): the rule runs first and names the block
	printf 'my-skip: drop /^Skip to main content$/\n' >before.rules
	run -r before.rules --report=rep.txt "$in"
	expect_grep rep.txt 'my-skip'
	# after-main: the rule runs last, so a block earlier rules took stays theirs
	printf 'my-skip: drop /^Skip to main content$/ phase=after-main\n' >after.rules
	run -r after.rules --report=rep.txt "$in"
	expect_grep rep.txt 'rules with no hits: .*my-skip'
	# after-main cleans inside the body main-content chose
	printf 'in-body: replace /Kremlin spokesman/ with="spokesman" phase=after-main\n' >body.rules
	run -r body.rules "$in"
	grep -q 'Kremlin spokesman' out && die "after-main replace did not run"
	expect_grep out 'spokesman Dmitry Peskov'
}
t "phases: keep wins, before-main by default, after-main last" t_phases

# bad_rules TEXT MESSAGE: a rule file of TEXT is refused (exit 2) with MESSAGE
bad_rules() {
	printf '%b' "$1" >bad.rules
	run --no-default-rules -r bad.rules /dev/null
	expect_rc 2
	expect_grep err "$2"
}

t_errors() {
	bad_rules 'ok: drop /x/\n@site example.com exa$mple.com\n' 'bad.rules:2:19: error: a host name holds'
	bad_rules '@sites example.com\n' "bad.rules:1:1: error: unknown directive '@sites'"
	bad_rules 'a: drop /x/ site=example.com\n' 'bad.rules:1:18: error: site needs a "quoted list of sites"'
	bad_rules 'a: drop /x/ phase=later\n' \
		"bad.rules:1:19: error: phase is before-main, main or after-main, not 'later'"
	bad_rules 'a: drop /x/ site="~"\n' 'bad.rules:1:19: error: a site needs a host name'
	bad_rules '@site\n' 'bad.rules:1:6: error: @site needs sites'
	bad_rules 'a: drop /x/ phase=main phase=main\n' "bad.rules:1:24: error: parameter 'phase' given twice"
}
t "scope and phase errors name file:line:col" t_errors

# --check --pages: a rule scoped to sites none of the pages comes from
t_check_unseen_site() {
	mkdir -p pages
	printf '<html><head><link rel="canonical" href="https://www.example.com/a"></head><body><p>%s</p></body></html>\n' \
		'A paragraph of the page, long enough to be kept as the article text of it.' >pages/a.html
	printf '@site example.org\norg-promo: drop /^Promo$/\n@site *\ncom-promo: drop /^Promo$/ site="example.com"\n' >u.rules
	run --check -r u.rules --pages pages
	expect_rc 1
	expect_grep out "u.rules:2:1: warning: rule 'org-promo': is scoped to sites none of the 1 pages comes from"
	grep -q "com-promo" out && die "com-promo applied to a page: $(cat out)"
	true
}
t "--check --pages warns of a rule scoped to sites no page comes from" t_check_unseen_site

echo "1..$n"

#!/bin/sh
# tests/learn.sh - `cleaner learn` (site rule files proposed from many pages
# of a site) and --site-repeats (blocks seen on many pages of a host dropped
# in batch runs). TAP output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

# site [HOST PAGES KIND]: site/pNN.html, site.jsonl (url + html) and site.warc
# of a site whose pages share a template: a menu, a note and a tagline
# inside the article that the defaults keep, a dateline whose date changes,
# and the heading "Background" between article paragraphs. Each article's
# paragraphs are its own, but one paragraph is shared by pages 1 and 2
# (shared.txt), and page 5's note holds a paragraph of its own (rare.txt).
# KIND "none": pages that share nothing.
site() {
	python3 - "${1:-news.example.com}" "${2:-12}" "${3:-template}" <<'EOF'
import json, os, random, sys
host, n, kind = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rnd = random.Random(7)
words = ('council budget river harbour school teacher ferry bridge market winter summer '
         'tunnel station library museum garden orchard mayor village valley mountain').split()
def sentence():
    return ' '.join(rnd.choice(words) for _ in range(14)).capitalize() + '.'
def para():
    return ' '.join(sentence() for _ in range(3))
os.makedirs('site', exist_ok=True)
shared, rare = para(), para()
open('rare.txt', 'w').write(rare[:40] + '\n')
open('shared.txt', 'w').write(shared[:40] + '\n')
with open('site.jsonl', 'w') as js, open('site.warc', 'wb') as warc:
    for i in range(1, n + 1):
        paras = [para() for _ in range(4)]
        if i in (1, 2):
            paras[1] = shared  # seen on two pages: article text all the same
        if kind == 'none':
            body = '<div class="c%s"><h1>%s</h1>%s</div>' % (
                'abcdefghijklmnopqrstuvwxyz'[i % 26] * 3, sentence(),
                ''.join('<p>%s</p>' % p for p in paras))
        else:
            body = ('<div id="page"><nav class="topmenu"><a href="/">Home</a> <a href="/world">World</a>'
                    ' <a href="/sport">Sport</a></nav><div class="content"><article class="story">'
                    '<p class="dateline">Updated %d December 2026, %02d:%02d</p><h1>%s</h1>'
                    '<p>%s</p><p>%s</p><h2>Background</h2><p>%s</p><p>%s</p>'
                    '<div class="valley-note">%s<p>Our reporters cover the valley every day: '
                    'support local journalism with a subscription from one euro a week.</p></div>'
                    '<p class="tagline">Tell us what you think: letters to the editor are '
                    'welcome at any time of the year.</p>'
                    '</article></div></div>') % (i % 28 + 1, i % 24, i * 7 % 60, sentence(), *paras,
                                                 '<p>%s</p>' % rare if i == 5 else '')
        page = ('<!doctype html><html><head><title>Story %d</title></head><body>%s</body></html>'
                % (i, body))
        open('site/p%02d.html' % i, 'w').write(page)
        url = 'https://%s/story/%d' % (host, i)
        js.write(json.dumps({'url': url, 'html': page}) + '\n')
        http = ('HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' + page).encode()
        warc.write(('WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: %s\r\n'
                    'WARC-Record-ID: <urn:uuid:%d>\r\nContent-Type: application/http; msgtype=response\r\n'
                    'Content-Length: %d\r\n\r\n' % (url, i, len(http))).encode() + http + b'\r\n\r\n')
EOF
}

# The rule lines (not comments) of a learned file.
rules_of() {
	grep -v '^#' "$1" | grep -v '^$' || true
}

t_learns_template_not_article() {
	need_py
	site
	run learn --host news.example.com site/
	expect_rc 0
	cp out learned.rules
	expect_grep out '^@site news.example.com$'
	expect_grep out '^news.example.com-1: drop '
	expect_grep out '^# seen on 12 of 12 pages (100%); removes [0-9]* characters'
	expect_grep out '^# e.g. "'
	expect_grep out 'from 12 pages of news.example.com'
	expect_grep err 'news.example.com: [0-9]* rules proposed from 12 pages'
	# the note and the tagline, which the defaults keep, are found
	expect_grep out 'Our reporters cover the valley'
	expect_grep out 'letters to the editor'
	# nothing of the articles: not the shared paragraph, not the heading
	# between paragraphs, no element holding article text
	! grep -q 'Background' out || die "proposed the heading amid article text"
	! grep -qi 'drop {body > div#page > div.content}' out || die "proposed the article's container"
	! grep -qi 'drop {body > div#page > div.content > article.story}' out || die "proposed the article"
	# ordered by the text each removes, most first
	grep '^# seen on' out | sed 's/.*removes \([0-9]*\) characters.*/\1/' >sizes
	sort -rn sizes | cmp -s - sizes || die "rules not ordered by the text they remove"
}

t_learned_file_loads_with_r() {
	need_py
	site
	"$B" learn -q --host news.example.com site/ >learned.rules || die "learn failed"
	run --check -r learned.rules
	expect_rc 0
	run -r learned.rules --url https://news.example.com/story/3 site/p03.html
	expect_rc 0
	! grep -q 'Our reporters cover the valley' out || die "the note stayed"
	! grep -q 'letters to the editor' out || die "the tagline stayed"
	! grep -q 'Updated ' out || die "the dateline stayed"
	expect_grep out 'Background'
	[ "$(wc -w <out)" -gt 150 ] || die "the article went: $(cat out)"
	# scoped: another site's page keeps it all
	run -r learned.rules --url https://other.example.org/a site/p03.html
	expect_grep out 'Our reporters cover the valley'
}

t_deterministic() {
	need_py
	site
	"$B" learn -q -j 1 --host news.example.com site/ >a || die "-j 1 failed"
	"$B" learn -q -j 2 --host news.example.com site/ >b || die "-j 2 failed"
	cmp a b || die "folder: -j 1 and -j 2 differ"
	"$B" learn -q -j 1 --jsonl site.jsonl >c || die "jsonl -j 1 failed"
	"$B" learn -q -j 2 --jsonl site.jsonl >d || die "jsonl -j 2 failed"
	cmp c d || die "JSONL: -j 1 and -j 2 differ"
	cmp a c || die "the folder (--host) and JSONL (url) learn different rules"
}

t_compressed_and_warc() {
	need_py
	site
	"$B" learn -q --jsonl site.jsonl >plain || die "jsonl failed"
	gzip -k site.jsonl
	run learn -q --jsonl site.jsonl.gz
	expect_rc 0
	expect_same out plain
	run learn -q --warc site.warc
	expect_rc 0
	expect_same out plain
	gzip -k site.warc
	run learn -q --warc site.warc.gz
	expect_same out plain
	if have zstd; then
		zstd -q site.jsonl -o site.jsonl.zst
		run learn -q --jsonl site.jsonl.zst
		expect_same out plain
	fi
}

t_thresholds() {
	need_py
	site news.example.com 12
	run learn --min-pages 13 --host news.example.com site/
	expect_rc 0
	expect_empty out
	expect_grep err 'news.example.com: 12 pages, fewer than --min-pages=13: nothing learned'
	# the tagline is on every page; drop it from 7 of 12, leaving it on 5
	# (41%): proposed at --min-share 40, not at 50
	for i in 01 02 03 04 05 06 07; do
		sed 's|<p class="tagline">[^<]*</p>||' site/p$i.html >x && mv x site/p$i.html
	done
	"$B" learn -q --min-share 40 --host news.example.com site/ >low
	"$B" learn -q --min-share 50 --host news.example.com site/ >high
	grep -q 'letters to the editor' low || die "not proposed at --min-share 40"
	! grep -q 'letters to the editor' high || die "proposed at --min-share 50 (on 5 of 12)"
	grep -q '# seen on 5 of 12 pages (41%)' low || die "its share is not said"
	run learn --min-share 0 site/
	expect_rc 2
	run learn --article-pages 9 --min-pages 5 site/
	expect_rc 2
	expect_grep err 'article-pages may not be over --min-pages'
}

t_nothing_shared() {
	need_py
	site news.example.com 10 none
	run learn --host news.example.com site/
	expect_rc 0
	expect_grep out '^# 0 rules'
	[ -z "$(rules_of out | grep -v '^@site')" ] || die "rules proposed: $(rules_of out)"
}

t_article_text_never_proposed() {
	need_py
	site news.example.com 12
	# the note is on every page, but on page 5 it holds a paragraph seen
	# there only: its element is not proposed, its own text is
	"$B" learn -q --host news.example.com site/ >a
	grep -qF "$(cat rare.txt)" site/p05.html || die "no rare paragraph"
	! grep -q 'div.valley-note}' a || die "the note's element (article text on page 5) was proposed"
	grep -q '^# e.g. "Our reporters cover the valley' a || die "the note's text was not proposed"
	# with --article-pages 2 text seen on 2 pages is no longer article text:
	# the paragraph pages 1 and 2 share goes into a rule at --min-pages 2;
	# at the default 3 it never does
	"$B" learn -q --min-pages 2 --min-share 1 --article-pages 2 --host news.example.com site/ >b
	grep -qF "$(cat shared.txt)" b || die "--article-pages 2: the paragraph of 2 pages not proposed"
	"$B" learn -q --min-pages 3 --min-share 1 --host news.example.com site/ >c
	! grep -qF "$(cat shared.txt)" c || die "article text seen on 2 pages was proposed"
	! grep -q 'Background' a b c || die "the heading between article paragraphs was proposed"
}

t_output_folder() {
	need_py
	site news.example.com 8
	mv site.jsonl one.jsonl
	site other.example.org 6
	cat one.jsonl site.jsonl >mixed.jsonl
	run learn --jsonl -o learned mixed.jsonl
	expect_rc 0
	expect_empty out
	[ -f learned/news.example.com.rules ] || die "no news.example.com.rules"
	[ -f learned/other.example.org.rules ] || die "no other.example.org.rules"
	expect_grep learned/news.example.com.rules '^@site news.example.com$'
	expect_grep learned/other.example.org.rules 'from 6 pages of other.example.org'
	"$B" --check -r learned/news.example.com.rules -r learned/other.example.org.rules >/dev/null ||
		die "the two files do not load together"
	[ -z "$(ls -A learned | grep -v '\.rules$')" ] || die "a temporary file was left: $(ls -A learned)"
	echo mine >learned/news.example.com.rules
	run learn --jsonl -o learned mixed.jsonl
	expect_rc 2
	expect_grep err 'learned/news.example.com.rules is there (--force replaces it)'
	[ "$(cat learned/news.example.com.rules)" = mine ] || die "replaced without --force"
	run learn --jsonl --force -o learned mixed.jsonl
	expect_rc 0
	expect_grep learned/news.example.com.rules '^@site news.example.com$'
}

t_site_repeats_folder() {
	need_py
	site news.example.com 12
	run -q --site-repeats -R -o out1/ --report=rep.txt --url https://news.example.com/ site/
	expect_rc 0
	expect_grep rep.txt 'site-repeat  *site-repeat  *".*" (seen on 12 pages of news.example.com)'
	! grep -q 'Our reporters cover the valley' out1/p03.txt || die "the note stayed"
	! grep -q 'Updated ' out1/p03.txt || die "the dateline stayed"
	expect_grep out1/p03.txt 'Background'
	[ "$(wc -w <out1/p03.txt)" -gt 150 ] || die "the article went"
	# the shared paragraph is on 2 pages: it stays
	grep -qF "$(cat shared.txt)" out1/p01.txt || die "the paragraph of 2 pages went"
	"$B" -q --site-repeats -R -o out2/ -j 2 --report=rep2.txt --url https://news.example.com/ \
		site/ || die "-j 2 failed"
	for f in out1/*.txt; do cmp "$f" "out2/${f#out1/}" || die "$f: -j 1 and -j 2 differ"; done
	cmp rep.txt rep2.txt || die "reports differ with -j 2"
	run -q --site-repeats --report-format=json --report=- -R -o out3/ site/ \
		--url https://news.example.com/
	expect_grep out '"rule":"site-repeat"'
	expect_grep out '"detail":"seen on 12 pages of news.example.com"'
}

t_site_repeats_streams() {
	need_py
	site news.example.com 12
	run --jsonl --site-repeats=3 -j 1 site.jsonl
	expect_rc 0
	cp out plain
	expect_grep out '"site-repeat":'
	expect_grep err 'site repeats: 12 pages of 1 host counted in'
	run --jsonl --site-repeats=3 -j 2 site.jsonl
	expect_same out plain
	gzip -k site.jsonl
	run --jsonl --site-repeats=3 site.jsonl.gz
	expect_same out plain
	if have zstd; then
		zstd -q site.jsonl -o site.jsonl.zst
		run --jsonl --site-repeats=3 site.jsonl.zst
		expect_same out plain
	fi
	gzip -k site.warc
	run --warc --site-repeats=3 site.warc.gz
	expect_rc 0
	expect_grep out '"site-repeat":'
	expect_grep err '12 WARC records: 12 cleaned'
	# a page of another host counts for its own host only
	run --jsonl --site-repeats=13 site.jsonl
	! grep -q '"site-repeat"' out || die "dropped with 12 pages under --site-repeats=13"
}

t_site_repeats_memory_bound() {
	need_py
	site news.example.com 40
	# 1K holds 64 counts: the pages' unique paragraphs fill it over and
	# over; what every page shares still goes, and the summary says so
	run --jsonl --site-repeats --site-repeats-memory=1K site.jsonl
	expect_rc 0
	expect_grep err 'counted in 0 KiB; the table filled up: [0-9]* fingerprints seen on at most [0-9]* pages were let go'
	expect_grep out '"site-repeat":'
	run --jsonl --site-repeats --site-repeats-memory=1 site.jsonl
	expect_rc 2
}

t_site_repeats_usage() {
	need_py
	site news.example.com 3
	run --site-repeats site/p01.html
	expect_rc 2
	expect_grep err 'use it with --jsonl, --warc or -o FOLDER'
	run --jsonl --site-repeats - <site.jsonl
	expect_rc 2
	expect_grep err 'reads its inputs twice'
	run --jsonl --site-repeats=1 site.jsonl
	expect_rc 2
	run --jsonl --site-repeats-share=20 site.jsonl
	expect_rc 2
	expect_grep err 'go with --site-repeats'
}

t_learn_usage() {
	run learn
	expect_rc 2
	expect_grep err 'needs pages to learn from'
	run learn --help
	expect_rc 0
	expect_grep out 'Usage: cleaner learn'
	run learn --force x
	expect_rc 2
	run learn --jsonl --warc x
	expect_rc 2
	run learn --host news.example.com missing.html
	expect_rc 1
	expect_grep err 'missing.html'
}

t "learn: the template's texts and elements, never the article's" t_learns_template_not_article
t "learn: the proposed file loads with -r and cleans the site's pages only" t_learned_file_loads_with_r
t "learn: byte-identical with -j 1 and -j 2, folder or JSONL" t_deterministic
t "learn: JSONL gz/zst and WARC (plain, gz) learn what the plain JSONL does" t_compressed_and_warc
t "learn: --min-pages and --min-share" t_thresholds
t "learn: pages that share nothing get no rules" t_nothing_shared
t "learn: article text seen on few pages, or amid article text, is never proposed" t_article_text_never_proposed
t "learn -o FOLDER: a file per host, atomic, never replaced without --force" t_output_folder
t "--site-repeats -o FOLDER: rule site-repeat with its page count, same for any -j" t_site_repeats_folder
t "--site-repeats on JSONL (gz, zst) and WARC: same for any -j, per host" t_site_repeats_streams
t "--site-repeats-memory bounds the counts and says what it let go" t_site_repeats_memory_bound
t "--site-repeats: usage errors" t_site_repeats_usage
t "learn: usage errors" t_learn_usage

echo "1..$n"

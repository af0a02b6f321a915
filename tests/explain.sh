#!/bin/sh
# tests/explain.sh - --explain: why each block was kept or removed (issue 10),
# on the seed 002 text page (a video carousel) and an HTML article page,
# printing TAP; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"
SEED=$F/seed-002-cnn-russia-icy/input.txt
PAGE=$F/html-main-article/input.html

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

# the paragraph of block at line $2 in explanation $1
block_at() {
	awk -v l="line $2" 'index($0, l ":") == 1 || index($0, l "-") == 1 { on = 1 } on && /^$/ { exit } on' "$1"
}

t_removed_names_rule() {
	run --explain "$SEED"
	expect_rc 0
	expect_grep out '^line 2: removed by video-carousel (run): run of 16 markers$'
	expect_grep out '^line 1: removed by credit-agency (drop)$'
	# the body's lines are there too, kept
	grep -q '^line [0-9]*: kept$' out || die "no kept block"
	# every block is explained, in order: as many paragraphs as blocks
	[ "$(grep -c '^line ' out)" -gt 50 ] || die "too few blocks"
	# `cleaner explain FILE` says the same
	"$B" explain "$SEED" >out2 2>err || die "cleaner explain: status $?"
	expect_same out2 out
}

# line 4 is a file name inside the carousel: the run took it, and the
# image-file-name rule, later, matched it too
t_removed_and_matched() {
	run --explain "$SEED"
	block_at out 4 >b4
	expect_grep b4 'removed by video-carousel (run)'
	expect_grep b4 '^  also matched: image-file-name (drop)'
	block_at out 5 >b5
	# the copy of line 4: repeated-caption compares with kept blocks only
	expect_grep b5 '^  also matched: image-file-name (drop)$'
}

t_keep_protects() {
	printf 'keep-getty: keep /^Getty Images$/\n' >keep.rules
	run -r keep.rules --explain-line 1 "$SEED"
	expect_rc 0
	expect_grep out '^line 1: kept, protected by keep-getty (keep)$'
	expect_grep out '^  matched, but the keep rule stopped: credit-agency (drop)'
	[ "$(grep -c '^line ' out)" = 1 ] || die "--explain-line 1 gave more than one block"
}

t_main_content_html() {
	run --explain "$PAGE"
	expect_rc 0
	expect_grep out '^main content: rule main-content chose body>div.wrap>article (by <article>), score [0-9.]*; runner-up body>div.more, score [0-9.]*$'
	block_at out 33 >b33
	expect_grep b33 'removed by main-content (main-content): 77% of its text is links'
	expect_grep b33 'path body>div.wrap>article>p, links 77% of its text'
	block_at out 10 >b10
	expect_grep b10 'outside the main content: body>div.wrap>article (<article>)'
	expect_grep b10 'bytes 274-317, path body>div.top-strip'
}

t_main_content_text() {
	run --explain "$F/real-text-guardian-hong-kong/input.txt"
	expect_rc 0
	expect_grep out '^main content: rule main-content chose lines [0-9]*-[0-9]* (by prose scores), score [0-9]*'
}

t_json() {
	need_py
	run --explain=json "$PAGE"
	expect_rc 0
	python3 - out <<'EOF' || die "bad JSON explanation"
import json, sys
d = json.load(open(sys.argv[1]))
m = d['main']
assert d['format'] == 'html' and m['container'] == 'body>div.wrap>article', m
assert m['how'] == '<article>' and m['score'] > 0 and m['runner_up'] == 'body>div.more', m
assert m['runner_up_score'] < m['score'], m
b = [x for x in d['blocks'] if x['lines'][0] == 33][0]
assert b['removed'] and b['rule'] == 'main-content' and abs(b['link_density'] - 0.77) < 0.01, b
assert len(d['blocks']) == d['blocks_in_document'], d
kept = [x for x in d['blocks'] if not x['removed']]
assert kept and all(x['rule'] is None for x in kept)
EOF
	run --explain=json "$SEED"
	python3 - out <<'EOF' || die "bad JSON explanation of text"
import json, sys
d = json.load(open(sys.argv[1]))
assert d['format'] == 'text' and d['main']['lines'][0] >= 1, d['main']
assert d['wrap_width'] == 0 and 'wrap_width' in d, d
b = [x for x in d['blocks'] if x['lines'] == [4, 4]][0]
assert b['rule'] == 'video-carousel' and b['also_matched'] == [{'rule': 'image-file-name', 'action': 'drop'}], b
EOF
}

# explain only watches: what it says was removed is what the report says,
# for every fixture (a rule tested on taken blocks must not change them)
t_same_removals() {
	need_py
	set --
	for dir in "$F"/*/; do
		in=$(ls "$dir"input.* | head -n 1)
		if [ -f "$dir/rules" ]; then
			explain_and_report own -r "$dir/rules" "$in"
		else
			set -- "$@" "$in"
		fi
	done
	# the others in one run each way (a start per page was most of the time
	# under ASan): one JSON object per page and line, in order
	explain_and_report all "$@"
	# one Python for every page: its start-up once a page was most of the time
	python3 - own all <<'EOF' || die "removals differ"
import json, sys
pages = 0
for tag in sys.argv[1:]:
    names = open('pages-' + tag).read().split()
    # lines end at \n only: a JSON string may hold U+2028, which splitlines() ends at
    exs = open('ex-' + tag).read().rstrip('\n').split('\n')
    reps = open('rep-' + tag).read().rstrip('\n').split('\n')
    assert len(names) == len(exs) == len(reps), (tag, len(names), len(exs), len(reps))
    for page, e, r in zip(names, exs, reps):
        ex, rep = json.loads(e), json.loads(r)
        a = sorted((b['bytes'][0], b['rule']) for b in ex['blocks'] if b['removed'])
        gone = sorted(set((m['bytes'][0], m['rule']) for m in rep['removals'] if m['blocks']))
        starts = set(s for s, _ in a)
        assert all(s in starts for s, _ in gone), (page, gone[:3], a[:3])
        assert len(a) == sum(m['blocks'] for m in rep['removals']), page
        pages += 1
assert pages > 200, pages
EOF
}
explain_and_report() { # TAG [-r RULES] PAGE...
	_tag=$1
	shift
	"$B" -q --explain=json "$@" >"ex-$_tag" 2>err || die "$_tag: explain failed: $(head -n 3 err)"
	"$B" -q --report="rep-$_tag" --report-format=json "$@" >/dev/null 2>err ||
		die "$_tag: status $?: $(head -n 3 err)"
	for _p; do
		case $_p in -r) _skip=1 ;; *) [ -n "${_skip:-}" ] && _skip= || echo "$_p" ;; esac
	done >"pages-$_tag"
}

t_explain_line() {
	run --explain-line 26 "$PAGE"
	expect_rc 0
	expect_grep out '^lines 24-28: kept$'
	[ "$(grep -c '^lines* ' out)" = 1 ] || die "more than the block holding line 26"
	run --explain-line 33 "$PAGE"
	expect_grep out '^line 33: removed by main-content'
	run --explain-line 9999 "$PAGE"
	expect_rc 0
	expect_grep out '^no block is selected$'
	run --explain-line 0 "$PAGE"
	expect_rc 2
}

t_explain_path() {
	run --explain-path 'div.more h3' "$PAGE"
	expect_rc 0
	expect_grep out 'path body>div.more>div.teaser>a>h3'
	[ "$(grep -c '^line ' out)" = "$(grep -c '^  bytes .*path body>div.more>div.teaser>a>h3' out)" ] ||
		die "a block outside div.more h3"
	run --explain-path 'div[' "$PAGE"
	expect_rc 2
	expect_grep err "^cleaner: --explain-path: explain selector: .* at byte 5$"
	expect_grep err '^    div\[$'
	expect_grep err '^        \^$'
	expect_empty out
	# the rule set's named patterns (define NAME /.../), a rule file's too
	printf '<html><body><main><p>%s</p><div>Only $5 today</div></main></body></html>\n' \
		'Prose of the page, long enough to be what the page says.' >priced.html
	run --explain-path 'div:has-text(@price)' priced.html
	expect_rc 0
	[ "$(grep -c '^line ' out)" = 1 ] || die "not the one priced block"
	printf 'define promo /^only\\b/i\n' >d.rules
	run -r d.rules --explain-path ':has-text(@promo)' priced.html
	expect_rc 0
	[ "$(grep -c '^line ' out)" -ge 1 ] || die "@promo of a rule file selects nothing"
	run --explain-path ':has-text(@nope)' priced.html
	expect_rc 2
	expect_grep err 'no define before names @nope'
}

t_usage() {
	run --explain --jsonl "$PAGE"
	expect_rc 2
	expect_grep err 'not --jsonl'
	run --explain-line 3 --warc "$PAGE"
	expect_rc 2
	mkdir outdir
	run --explain -o outdir/ "$PAGE"
	expect_rc 2
	expect_grep err 'drop -o FOLDER'
	run --explain=xml "$PAGE"
	expect_rc 2
}

t_colour() {
	have script || skip "SKIP: no script(1) for a terminal"
	run --explain "$PAGE"
	grep -q "$(printf '\033')" out && die "colour when piped"
	script -qc "'$B' --explain '$PAGE'" /dev/null >tty.out 2>&1
	grep -q "$(printf '\033')\[31mremoved" tty.out || die "no colour on a terminal"
	NO_COLOR=1 script -qc "'$B' --explain '$PAGE'" /dev/null >tty.out 2>&1
	grep -q "$(printf '\033')" tty.out && die "colour despite NO_COLOR"
	grep -q '^line 33: removed' tty.out || die "no explanation under NO_COLOR"
}

# rules scoped to another site did not run: the explanation says which
t_site() {
	printf 'ours: drop /^Getty Images$/ site="example.com"\ntheirs: drop /^Now playing$/ site="other.org"\n' >s.rules
	run -r s.rules --url https://www.example.com/a --explain-line 1 "$SEED"
	expect_rc 0
	expect_grep out '^site: www.example.com; rules for other sites, not run: .*theirs'
	grep -q 'not run: .*ours' out && die "ours listed as not run"
	expect_grep out '^  also matched: ours (drop)$'
	run -r s.rules --explain-line 1 "$SEED"
	expect_grep out '^site: none (no URL); rules for other sites, not run: .*ours'
}

t_output_unchanged() {
	run "$SEED"
	expect_same out "$F/seed-002-cnn-russia-icy/expected.txt"
	run -o explained.txt --explain --report=rep.txt "$PAGE"
	expect_rc 0
	expect_grep explained.txt '^main content: '
	expect_grep rep.txt 'main-content'
	run --explain-line 1 "$SEED" "$F/seed-000-russia-frozen/input.txt"
	expect_grep out '^== .*seed-000-russia-frozen/input.txt ==$'
	[ "$(grep -c '^line 1: ' out)" = 2 ] || die "not one block per input" 
}

# Explaining tests every rule on blocks it can no longer take: a run rule
# whose markers a drop rule took first, a replace rule on a removed block.
t_shadowed_rules() {
	printf 'Intro line of the article here.\nNow playing\nClip one\nNow playing\nClip two\nBody sentence here, long enough.\n' >runs.txt
	printf 'a: drop /^Now playing$/\nrr: run marker=/^Now playing$/ min=2\ned: replace /playing/ with="X"\n' >runs.rules
	run --no-default-rules -r runs.rules --explain runs.txt
	expect_rc 0
	block_at out 2 >b2
	expect_grep b2 '^line 2: removed by a (drop)$'
	expect_grep b2 '^  also matched: rr (run), ed (replace)$'
	block_at out 4 >b4
	expect_grep b4 '^  also matched: rr (run), ed (replace)$'
	# the clip titles between the markers were never taken: no claim on them
	block_at out 3 >b3
	expect_grep b3 '^line 3: kept$'
	! grep -q 'rr (run)' b3 || die "a kept block claimed by a run that did not happen"
	run --no-default-rules -r runs.rules runs.txt
	expect_grep out '^Clip one$'
}

t_second_keep() {
	printf '<html><body><article><div class="box"><p class="first">Kept paragraph, protected by two keep rules.</p><p>Second paragraph of text with words in it.</p></div></article></body></html>' >k2.html
	printf 'k1: keep {p.first}\nk2: keep {div.box}\n' >k2.rules
	run --no-default-rules -r k2.rules --explain k2.html
	expect_rc 0
	expect_grep out '^line 1: kept, protected by k1 (keep)$'
	expect_grep out '^  also protected by: k2 (keep)$'
	expect_grep out '^line 1: kept, protected by k2 (keep)$'
}

# Text hard-wrapped at 80 columns: the width found, in the text header
# and the JSON; a removed paragraph's entry gives all of its lines.
t_wrapped_text() {
	f=$F/real-text-cityam-lynx-80/input.txt
	run --explain --explain-line=168 "$f"
	expect_rc 0
	expect_grep out '^text: wrapped at 74 columns, a paragraph.s lines one block (--wrap)$'
	expect_grep out '^lines 167-168: removed by teaser-line (drop)'
	run --explain "$SEED"
	expect_rc 0
	grep -q '^text: wrapped' out && die "a text a line said wrapped"
	run --explain=json --wrap=off "$f"
	expect_grep out '"wrap_width":0,'
	run --explain=json "$f"
	expect_grep out '"wrap_width":74,'
}

t_path_on_text() {
	run --explain-path p "$SEED"
	expect_rc 0
	expect_grep out '^no block is selected: a selector picks HTML elements and this document is text'
}

t "a removed block names its rule and note" t_removed_names_rule
t "a block one rule removed lists the later rules that matched it" t_removed_and_matched
t "a block a keep rule protects names it and the rule it stopped" t_keep_protects
t "HTML main content: container, how, score, runner-up, link density" t_main_content_html
t "text main content: the lines chosen and their score" t_main_content_text
t "--explain=json parses and carries the same" t_json
t "explaining changes no removal (every fixture)" t_same_removals
t "--explain-line: the block on or holding the line" t_explain_line
t "--explain-path: blocks inside matching elements, @NAME of the rules' defines; a bad selector is exit 2" t_explain_path
t "--explain with --jsonl, --warc, -o FOLDER or a bad format: exit 2" t_usage
t "colour on a terminal only, NO_COLOR honoured" t_colour
t "the site, and the rules scoped to other sites that did not run" t_site
t "rules are tested on blocks others took: a run whose markers went first, a replace" t_shadowed_rules
t "a block two keep selectors protect lists both" t_second_keep
t "--explain-path on a text document says it selects HTML elements" t_path_on_text
t "text wrapped at 80 columns: the width, and a paragraph's lines" t_wrapped_text
t "without --explain the output is as before; -o FILE, --report, several inputs" t_output_unchanged

echo "1..$n"

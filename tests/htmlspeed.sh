#!/bin/sh
# tests/htmlspeed.sh - the selector index (cleaner/selindex.c) tests a
# selector rule only on the elements holding its rightmost compound's key;
# it must take exactly what testing every element takes. --explain-path
# still tests every element, so for each complex selector of the shipped
# rules (and each whole list), on every HTML fixture page, the blocks a
# `drop {S}` rule removes are the blocks --explain-path 'S' lists. TAP
# output; see tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# the selectors of the drop {...} and keep {...} rules in rules/ (and
# rules/sites/), one per line: each complex selector, then the whole list;
# a named pattern (@NAME) written out as its define gives it (the
# --explain-path runs load no rules, so no defines)
selectors() {
	python3 - "$S"/rules/*.rules "$S"/rules/sites/*.rules <<'EOF'
import re, sys
out, defines = [], {}
for path in sys.argv[1:]:
    for m in re.finditer(r"^define\s+(\S+)\s+(/.*/[ix]*)\s*$", open(path, encoding="utf-8").read(), re.M):
        defines[m.group(1)] = m.group(2)
for path in sys.argv[1:]:
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"\b(?:drop|keep)\s*\{", text):
        i, depth, start, parts = m.end(), 0, m.end(), []
        while i < len(text):
            c = text[i]
            if c in "([":
                depth += 1
            elif c in ")]":
                depth -= 1
            elif c == "," and depth == 0:
                parts.append(text[start:i])
                start = i + 1
            elif c == "}" and depth == 0:
                parts.append(text[start:i])
                break
            i += 1
        parts = [re.sub(r"@([\w.-]+)", lambda n: defines[n.group(1)], " ".join(p.split()))
                 for p in parts]
        out += parts + ([", ".join(parts)] if len(parts) > 1 else [])
for s in dict.fromkeys(out):
    print(s)
EOF
}

# same SELECTOR PAGES...: the block numbers the rule drops, page by page,
# against those --explain-path lists
same() {
	sel=$1
	shift
	printf 'indexed: drop {%s}\n' "$sel" >r.rules
	"$B" -q --no-default-rules -r r.rules --explain=json "$@" >dropped 2>err ||
		die "drop {$sel}: status $?: $(cat err)"
	"$B" -q --no-default-rules --explain=json --explain-path "$sel" "$@" >listed 2>err ||
		die "--explain-path '$sel': status $?: $(cat err)"
	python3 - dropped listed "$sel" <<'EOF' || exit 1
import json, sys
drop = [json.loads(l) for l in open(sys.argv[1])]
listed = [json.loads(l) for l in open(sys.argv[2])]
assert len(drop) == len(listed), "not one answer per page"
hits = 0
for k, (d, l) in enumerate(zip(drop, listed)):
    a = [b["block"] for b in d["blocks"] if b["rule"] == "indexed"]
    b = [b["block"] for b in l["blocks"]]
    if a != b:
        sys.exit("%s: page %d: the rule drops %s, --explain-path lists %s" % (sys.argv[3], k, a, b))
    hits += len(a)
print("%s: %d blocks" % (sys.argv[3], hits))
EOF
}

t_shipped_selectors() {
	need_py
	selectors >sels || die "no selectors"
	[ "$(wc -l <sels)" -ge 40 ] || die "only $(wc -l <sels) selectors read from rules/"
	# the hand-made pages (written to meet the rules) and every third real
	# page: the real ones are 95% of the bytes, and the suite's time
	# (twice, with sanitizers, in CI) grew with rules times pages
	{ ls "$F"/*/input.html | grep -v '/real-'; ls "$F"/real-*/input.html | awk 'NR % 3 == 1'; } >pages
	[ "$(wc -l <pages)" -ge 20 ] || die "too few pages"
	# every selector a rule of one set, in one run: a block's first rule
	# and the others that matched it (also_matched) are the selectors
	# that take it; then each selector's --explain-path run
	awk '{ printf "s%d: drop {%s}\n", NR, $0 }' sels >all.rules
	# shellcheck disable=SC2046 # the fixtures' paths have no spaces
	"$B" -q --no-default-rules -r all.rules --explain=json $(cat pages) >dropped 2>err ||
		die "the selectors as rules: status $?: $(cat err)"
	k=0
	while IFS= read -r sel; do
		k=$((k + 1))
		# shellcheck disable=SC2046
		"$B" -q --no-default-rules --explain=json --explain-path "$sel" $(cat pages) >"listed$k" 2>err ||
			die "--explain-path '$sel': status $?: $(cat err)"
	done <sels
	python3 - sels <<'EOF' >log || { cat log; exit 1; }
import json, sys
sels = open(sys.argv[1]).read().rstrip('\n').split('\n')
drop = [json.loads(l) for l in open('dropped')]
matched = 0
for k, sel in enumerate(sels, 1):
    rule = 's%d' % k
    listed = [json.loads(l) for l in open('listed%d' % k)]
    assert len(drop) == len(listed), "not one answer per page"
    hits = 0
    for n, (d, l) in enumerate(zip(drop, listed)):
        a = [b["block"] for b in d["blocks"]
             if b["rule"] == rule or any(m["rule"] == rule for m in b["also_matched"])]
        b = [b["block"] for b in l["blocks"]]
        if a != b:
            sys.exit("%s: page %d: the rule drops %s, --explain-path lists %s" % (sel, n, a, b))
        hits += len(a)
    print("%s: %d blocks" % (sel, hits))
EOF
	# the comparison means something: many selectors match somewhere
	matched=$(grep -vc ': 0 blocks$' log)
	[ "$matched" -ge 20 ] || die "only $matched selectors match any block"
}

# a rule whose keys are in the id, a class, an attribute and an unknown
# tag, and one with no key (tested everywhere), on a small page
t_each_kind_of_key() {
	need_py
	cat >p.html <<'EOF'
<html><body><main><p id="lead">The lead paragraph of the story.</p>
<div class="note extra">A note in a box.</div><x-card data-k="1"><p>A custom card.</p></x-card>
<section><p class="a">First part.</p><p>Second part.</p></section>
<svg viewBox="0 0 10 10"><text>svg text</text></svg></main></body></html>
EOF
	for sel in '#lead' '.extra' 'div.note' '[data-k]' 'x-card p' 'section > p + p' \
	    ':not(main):not(body):not(html)' '*' ':classid(/^not/)' 'p:first-child' \
	    'section:has(.a)' 'p.a:upward(section)' '#lead, .note, x-card'; do
		same "$sel" p.html >>log || { cat log; exit 1; }
	done
	grep -q '^#lead: 1 blocks$' log || die "#lead took $(grep '^#lead:' log)"
	grep -q '^x-card p: 1 blocks$' log || die "x-card p took $(grep '^x-card p:' log)"
}

# :classid asks its pattern once per distinct word of the page, and each
# element by its own words: names in any case, an id, a name of more than
# 64 bytes, a non-ASCII one (U+017F, long s, matches "s" case-blind)
t_classid_words() {
	long=a-very-long-class-name-that-goes-on-and-on-and-on-past-sixty-four-bytes-share
	printf '%s\n' '<html><body><p>Kept lead.</p>' \
	    '<div class="SHARE-bar">Upper case name.</div><div class="x shares">Second word.</div>' \
	    '<div class="sh-are">Split name stays.</div><div id="Share_box">By its id.</div>' \
	    "<div class=\"$long\">Long name.</div><div class=\"hare\">Hare stays.</div>" >p.html
	printf '<div class="\305\277hare">Long s name.</div><p>Kept end.</p></body></html>\n' >>p.html
	printf 'a: drop {:classid(/^share|-share$/i)}\n' >r.rules
	"$B" --no-default-rules -r r.rules p.html >out 2>err || die "status $?: $(cat err)"
	printf 'Kept lead.\n\nSplit name stays.\n\nHare stays.\n\nKept end.\n' >want
	expect_same out want
}

need_py() {
	[ "$HAVE_PY" = yes ] || skip "SKIP: no python3"
}

t "every shipped selector takes what testing every element takes" t_shipped_selectors
t "keys of every kind: id, class, attribute, unknown tag, none" t_each_kind_of_key
t ":classid: names in any case, ids, long and non-ASCII names" t_classid_words
echo "1..$n"

#!/bin/sh
# tests/textspeed2.sh - the fast paths of text mode give what the slow ones
# give. Each case runs its rules twice: as written (the literal prefilter
# steps from one block holding a pattern's literals to the next), and with
# every pattern behind "(?:\Q\E)", which matches nothing and which the
# literal reader does not read, so that copy runs on every block. The
# outputs and reports must be the same, and each case also checks what was
# removed. Tricky input: small classes, case folding (U+212A, U+017F),
# UTF-8, anchors, blocks past the 64 of one column word, replaced text,
# trimmed lengths; and JSONL strings skipped with memchr. TAP output; see
# tests/tap-lib.sh.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

# both IN RULES: text mode with only RULES, fast and slow; out and rep
# (the rule of every removal, one a line) are the fast run's.
both() {
	printf '%s' "$2" >rules
	sed -e 's# /# /(?:\\Q\\E)#; s#=/#=/(?:\\Q\\E)#' rules >slow.rules
	grep -q 'Q' slow.rules || die "no pattern in the rules"
	run --no-default-rules -r slow.rules --format=text --report=slow.rep "$1"
	expect_rc 0
	mv out slow.out
	run --no-default-rules -r rules --format=text --report=fast.rep "$1"
	expect_rc 0
	expect_same out slow.out
	expect_same fast.rep slow.rep
	report_rules fast.rep >rep
}

kept() { grep -qxF -e "$1" out || die "'$1' was removed; out: $(cat out)"; }
gone() { ! grep -qxF -e "$1" out || die "'$1' was kept; out: $(cat out)"; }

t_small_classes() {
	printf 'a (Photo) b\n[PHOTO]\n{photo}\n(photo]\nphoto\n' >in
	both in 'brackets: drop /[(\[]photo[)\]]/i
'
	gone 'a (Photo) b'
	gone '[PHOTO]'
	gone '(photo]'
	kept '{photo}'
	kept 'photo'
}

t_hex_classes_caseless() {
	printf 'ID-BEEF-X\nid-beeg-x\nid-12ab-x\nId-0000-x tail\nid-12a-x\n' >in
	both in 'hex: drop /\bid-[0-9a-f]{4}-x\b/i
'
	gone 'ID-BEEF-X'
	gone 'id-12ab-x'
	gone 'Id-0000-x tail'
	kept 'id-beeg-x'
	kept 'id-12a-x'
}

t_optional_and_known_groups() {
	printf 'a.JPG\nb.jpeg\nc.jpgx\nd.pn g\ne.Png\nf.jpe\n' >in
	both in 'file: drop /\.(?:jpe?g|png)$/i
'
	gone 'a.JPG'
	gone 'b.jpeg'
	gone 'e.Png'
	kept 'c.jpgx'
	kept 'd.pn g'
	kept 'f.jpe'
}

t_alternation_unions() {
	printf 'abc d\nxyz w\nabc w\nxyz d\nabc  d\n' >in
	both in 'pairs: drop /^(?:abc\s+d|xyz\s+w)$/
'
	gone 'abc d'
	gone 'xyz w'
	gone 'abc  d'
	kept 'abc w'
	kept 'xyz d'
}

t_folding_into_classes() {
	# U+212A KELVIN SIGN is k and U+017F LONG S is s under caseless matching
	printf '\342\204\252ILO\305\277\nkilos\nkilo\n(\342\204\252)\n' >in
	both in 'kilos: drop /^[k]ilo[s]$/i
kelvin: drop /^[(\[]k[)\]]$/i
'
	gone "$(printf '\342\204\252ILO\305\277')"
	gone 'kilos'
	gone "$(printf '(\342\204\252)')"
	kept 'kilo'
}

t_utf8_in_classes() {
	printf 'CAF\303\211 noir\ncafe noir\ncaf\303\251 noir\ncafx noir\n\303\251def\n' >in
	both in 'cafe: drop /^caf[e\x{e9}] noir$/i
edef: drop /^[\x{e9}x]def$/i
'
	gone "$(printf 'CAF\303\211 noir')"
	gone 'cafe noir'
	gone "$(printf 'caf\303\251 noir')"
	gone "$(printf '\303\251def')"
	kept 'cafx noir'
}

t_blocks_past_a_word() {
	# 300 lines: hits at the edges of the prefilter's 64-block words
	i=0
	while [ $i -lt 300 ]; do
		case $i in
		0 | 63 | 64 | 127 | 128 | 299) echo "marker line $i" ;;
		190) echo "next comes" ;;
		250) echo "the end is here" ;;
		5) echo "start of body" ;;
		*) echo "line $i of text" ;;
		esac
		i=$((i + 1))
	done >in
	both in 'protect: keep /^marker line 299$/
mark: drop /^marker line \d+$/
next: drop-next /^next comes$/ next=2
after: drop-after /^the end is here$/ within=100
before: drop-before /^start of body$/ within=10
'
	gone 'marker line 63'
	gone 'marker line 64'
	gone 'marker line 128'
	gone 'line 191 of text'
	gone 'line 192 of text'
	kept 'line 193 of text'
	gone 'line 260 of text'
	gone 'line 1 of text'
	kept 'line 6 of text'
	kept 'marker line 299'
}

t_replaced_text_and_trimmed_lengths() {
	# a replaced line is scanned again; a duplicate's length is its trimmed
	# text (U+00A0 trimmed is one character)
	printf 'credit foo\nbar only\n  \302\240abcdef\n\302\240abcdef  \nabcdefg\nabcdefg\nwxyz\nwxyz\302\240\302\240\nxyzxyy\n' >in
	both in 'rename: replace /foo$/ with="bar only"
gone: drop /^bar only$/
dup: duplicate window=1 minlen=6 maxlen=6 max-blank=0
'
	gone 'bar only'
	gone "$(printf '\302\240abcdef  ')"
	kept "$(printf '  \302\240abcdef')"
	kept 'abcdefg'
	# trailing U+00A0 is white space to the comparison (its length counts it)
	kept 'wxyz'
	kept 'xyzxyy'
	gone "$(printf 'wxyz\302\240\302\240')"
	[ "$(grep -c -x abcdefg out)" = 2 ] || die "a 7-character line taken as a duplicate: $(cat out)"
	grep -qx dup rep || die "no duplicate removed: $(cat rep)"
}

t_jsonl_escaped_quotes() {
	# a JSONL line's strings end at the first quote after an even run of
	# backslashes (memchr finds the quotes); the fields around kept as they were
	printf '%s\n' '{"id":"a\"b\\","x":"q\\\"z\\\\","text":"Keep \"this\" line\\"}' >in.jsonl
	run --jsonl --no-default-rules in.jsonl
	expect_rc 0
	printf '%s\n' '{"id":"a\"b\\","x":"q\\\"z\\\\","text":"Keep \"this\" line\\","cleaner":{"removed_bytes":0,"removed_blocks":0,"rules":{},"page_type":"unknown"}}' >want
	expect_same out want
}

t_lanes_of_uneven_blocks() {
	# the prefilter walks four blocks side by side and refills a lane as
	# its block ends: lines of 1 to 400 bytes, the literal at either end,
	# in documents of 1 to 9 lines (fewer lines than lanes, and a tail)
	long=$(printf '%0400d' 0 | tr 0 x)
	for n in 1 2 3 4 5 9; do
		i=0
		while [ $i -lt $n ]; do
			case $((i % 4)) in
			0) echo "${long}zebra" ;;
			1) echo "z" ;;
			2) echo "zebra $i" ;;
			3) echo "x${long}" ;;
			esac
			i=$((i + 1))
		done >in
		both in 'zebra: drop /zebra/
'
		[ "$n" -lt 2 ] || kept z
		gone "zebra 2"
		gone "${long}zebra"
		[ "$n" -lt 4 ] || kept "x${long}"
	done
}

t "small classes: [(\\[] and [)\\]] around a word" t_small_classes
t "a hex class under caseless matching, with ranges" t_hex_classes_caseless
t "optional characters and groups of known strings (.jpe?g)" t_optional_and_known_groups
t "an alternation needs one set of each branch" t_alternation_unions
t "U+212A and U+017F against letters in classes" t_folding_into_classes
t "non-ASCII members of classes, caseless" t_utf8_in_classes
t "keep, drop, drop-next/after/before across 64-block words" t_blocks_past_a_word
t "replaced text scanned again; duplicates' trimmed lengths" t_replaced_text_and_trimmed_lengths
t "JSONL: escaped quotes and backslash runs inside strings" t_jsonl_escaped_quotes
t "four blocks walked side by side: uneven lengths, 1 to 9 lines" t_lanes_of_uneven_blocks

echo "1..$n"

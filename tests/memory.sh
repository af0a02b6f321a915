#!/bin/sh
# tests/memory.sh - memory per line of a text input: a document of many
# tiny lines (the shape of ../shared/repro/gzip-bomb-lines/, 20 MB of
# "x\n") is cleaned within a fixed address space. Prints TAP; run like
# cli.sh. The limits are generous for today's sizes (a 56-byte block per
# line, the input, the output) and far below what 96-byte blocks grown by
# doubling took. Skipped under ASan, which reserves terabytes of address
# space.

. "$(dirname "$0")/tap-lib.sh"

# 2,000,000 lines of "x": 4 MB. Before: 201 MB of blocks alone (96 bytes a
# line, the array's capacity doubled to 2^21); now 112 MB, 130 MB in all.
t_tiny_lines() {
	small_vm 170000 || skip "cannot limit the address space (sanitizers?)"
	yes x | head -n 2000000 >in.txt
	(ulimit -v 170000 && lim 60 "$B" -o out.txt in.txt) >out 2>err
	rc=$?
	expect_rc 0
	expect_same out.txt in.txt
}
t "2,000,000 one-byte lines are cleaned (default rules) within 170 MB of address space" t_tiny_lines

# A rule that fires on every line: per-line costs of the report and of
# replace. 200,000 lines of "xxxxxxxx" (1.8 MB: lines that long are not
# held together as tiny ones are). Before: the JSON report built a jansson
# tree of every removal (343 MB); each replaced line kept a 512-byte buffer
# (173 MB). Now each takes 60-80 MB of address space.
t_every_line_json() {
	small_vm 140000 || skip "cannot limit the address space (sanitizers?)"
	yes xxxxxxxx | head -n 200000 >in.txt
	echo 'every: drop /x/' >r.rules
	(ulimit -v 140000 && lim 60 "$B" --no-default-rules -r r.rules --report-format=json \
		--report=rep.json -o out.txt in.txt) >out 2>err
	rc=$?
	expect_rc 0
	# the one warning: a rule that takes every line empties the text
	[ "$(wc -l <err)" -eq 1 ] || die "warnings: $(head -c 500 err)"
	expect_grep err 'nothing kept: the rules removed all 200000 blocks of the page (0 of them prose), 200000 by rule every'
	expect_empty out.txt
	[ "$(grep -o '"rule":"every"' rep.json | wc -l)" -eq 200000 ] || die "not 200000 removals in the report"
	(ulimit -v 140000 && lim 60 "$B" --no-default-rules -r r.rules --output-format=json \
		-o out.json in.txt) >out 2>err
	rc=$?
	expect_rc 0
	expect_grep out.json '"warnings":\["nothing kept: '
	expect_grep out.json '"blocks_removed":200000,'
}
t "200,000 removals: the JSON report and JSON output within 140 MB of address space" t_every_line_json

t_every_line_replace() {
	small_vm 140000 || skip "cannot limit the address space (sanitizers?)"
	yes xxxxxxxx | head -n 200000 >in.txt
	echo 'every: replace /x+/ with="yz"' >r.rules
	(ulimit -v 140000 && lim 60 "$B" --no-default-rules -r r.rules --report=rep.txt \
		-o out.txt in.txt) >out 2>err
	rc=$?
	expect_rc 0
	expect_empty err
	[ "$(grep -c '^yz$' out.txt)" -eq 200000 ] || die "not 200000 lines replaced"
	expect_grep rep.txt '^removed 200000 spans'
}
t "a replace on each of 200,000 lines within 140 MB of address space" t_every_line_replace

# A report that could not be written (out of memory) left exit status 0.
t_report_nomem_fails() {
	small_vm 400000 || skip "cannot limit the address space (sanitizers?)"
	yes x | head -n 1000000 >in.txt
	echo 'every: drop /x/' >r.rules
	hit=no
	for kb in 190000 210000 230000 260000; do
		(ulimit -v $kb && lim 60 "$B" --no-default-rules -r r.rules --report-format=json \
			--report=rep.json -o out.txt in.txt) >out 2>err
		rc=$?
		grep -q 'out of memory writing the report' err || continue
		hit=yes
		[ "$rc" -ne 0 ] || die "ulimit -v $kb: the report was not written, yet exit status 0"
	done
	[ $hit = yes ] || skip "no limit tried leaves the clean room but not the report"
}
t "a report that cannot be written fails the run (exit status 1)" t_report_nomem_fails

# --full-report whose report could not be made wrote the line without it.
t_full_report_nomem() {
	small_vm 400000 || skip "cannot limit the address space (sanitizers?)"
	python3 -c 'import json; print(json.dumps({"id": "a", "text": "x\n" * 1000000}))' >in.jsonl ||
		skip "no python3"
	echo 'every: drop /x/' >r.rules
	for kb in 300000 400000 600000 900000; do
		(ulimit -v $kb && lim 60 "$B" --jsonl --no-default-rules -r r.rules --full-report \
			in.jsonl) >out 2>err
		rc=$?
		if [ "$rc" -eq 0 ]; then
			expect_grep out '"report":{'
		else
			expect_grep err 'out of memory'
		fi
	done
}
t "--full-report: a line is written with its report or fails (out of memory)" t_full_report_nomem

# Gumbo does not check its allocations: out of memory it crashed (SIGSEGV).
t_gumbo_nomem() {
	small_vm 400000 || skip "cannot limit the address space (sanitizers?)"
	python3 -c 'print("<p>" + "x<br>" * 400000)' >br.html || skip "no python3"
	for kb in 60000 80000 100000 140000; do
		(ulimit -v $kb && lim 60 "$B" -q br.html) >out 2>err
		rc=$?
		[ "$rc" -le 2 ] || die "ulimit -v $kb: exit status $rc (a signal?)"
		[ "$rc" -eq 0 ] || expect_grep err 'out of memory'
	done
}
t "HTML out of memory while parsing fails the document (exit 1), never a crash" t_gumbo_nomem

# A big page is parsed in pieces (--html-piece), so Gumbo's tree never
# holds the whole page: 3 MB of paragraphs each inside 200 <div>s takes
# 26 MB parsed in pieces and 83 MB parsed whole (--html-piece=whole, which
# runs out of memory here, as every page did before).
t_html_pieces() {
	small_vm 60000 || skip "cannot limit the address space (sanitizers?)"
	python3 -c '
p = "<div>" * 200 + "<p>Paragraph %d of the story, long enough to be kept, about the council and its vote.</p>" + "</div>" * 200 + "\n"
open("deep.html", "w").write("<!doctype html><html><head><title>T</title></head><body><article>" + "".join(p % i for i in range(1300)) + "</article></body></html>")
' || skip "no python3"
	(ulimit -v 60000 && lim 60 "$B" -o out.txt deep.html) >out 2>err
	rc=$?
	expect_rc 0
	[ "$(grep -c '^Paragraph [0-9]* of the story' out.txt)" -eq 1300 ] || die "not every paragraph came out"
	(ulimit -v 60000 && lim 60 "$B" --html-piece=whole -o whole.txt deep.html) >out 2>err
	rc=$?
	expect_rc 1
	expect_grep err 'out of memory'
}
t "a 3 MB page nested 200 deep is cleaned in 60 MB of address space, in pieces (whole: out of memory)" t_html_pieces

# One JSONL line of 35 MB: the reader's buffer, grown for that line, shrinks
# once the line is copied, and the output line is sized once, not doubled.
# Before: the line was held twice while it was cleaned (fails under 260 MB
# of address space); now 240 MB suffice.
t_jsonl_huge_line() {
	small_vm 250000 || skip "cannot limit the address space (sanitizers?)"
	awk 'BEGIN { printf "{\"id\":\"huge\",\"html\":\"<html><head><title>Huge</title></head><body><article>"
		for (i = 0; i < 300000; i++)
			printf "<p>Paragraph %d of one huge page, with words enough to be prose, and then a comma, and then some more words.</p>", i
		print "</article></body></html>\"}" }' >huge.jsonl
	(ulimit -v 250000 && lim 120 "$B" -q -j 1 --jsonl huge.jsonl) >out 2>err
	rc=$?
	expect_rc 0
	[ "$(grep -o 'Paragraph [0-9]* of one huge page' out | wc -l)" -ge 600000 ] ||
		die "the text and the html field do not both come out whole"
}
t "a 35 MB JSONL line is cleaned within 250 MB of address space (the line is not held twice)" t_jsonl_huge_line

# A million nested elements (1,000 paragraphs, each inside 1,000 <div>s:
# bench/scaling's html-deep shape, 11 MB): an element's record is 40 bytes
# (its tag a number, not a pointer) and :first-child needs no sibling
# table. Before: 48-byte records and 8 bytes of sibling tables an element
# (fails under 96 MB of address space); now 84 MB suffice.
t_html_deep_elements() {
	small_vm 90000 || skip "cannot limit the address space (sanitizers?)"
	awk 'BEGIN { printf "<!doctype html><html><head><title>Deep</title></head><body><article>"
		for (i = 0; i < 1000; i++) {
			for (k = 0; k < 1000; k++) printf "<div>"
			printf "<p>Paragraph %d of a deep page, long enough to be prose for it.</p>", i
			for (k = 0; k < 1000; k++) printf "</div>"
			print ""
		}
		print "</article></body></html>" }' >deep.html
	(ulimit -v 90000 && lim 120 "$B" --format=html -o out.txt deep.html) >out 2>err
	rc=$?
	expect_rc 0
	[ "$(grep -c '^Paragraph [0-9]* of a deep page' out.txt)" -eq 1000 ] ||
		die "not the 1,000 paragraphs in the output"
}
t "a million nested elements are cleaned within 90 MB of address space" t_html_deep_elements

# Item 10 of issue 9: 10 MB of "x<br>" made a 56-byte block for each 5-byte
# line and ran out of 110 MB of address space (peak RSS 180 MB, 18x the
# page). On a page cut in pieces whose <br>s come more than one per 32
# bytes, the tiny lines of a block element go into blocks of about 64
# bytes: every line is kept, and a warning says so. Now 43 MB peak RSS.
t_html_tiny_br_lines() {
	small_vm 110000 || skip "cannot limit the address space (sanitizers?)"
	awk 'BEGIN { printf "<html><body><p>"; for (i = 0; i < 1000000; i++) printf "%d <br>", i
		print "</p></body></html>" }' >br.html
	seq 0 999999 >want.txt
	(ulimit -v 110000 && lim 60 "$B" --format=html -o out.txt br.html) >out 2>err
	rc=$?
	expect_rc 0
	expect_same out.txt want.txt
	expect_grep err 'warning: 9[0-9]\{5\} <br> line breaks kept inside blocks of several lines'
}
t "10 MB of tiny <br> lines are cleaned within 110 MB of address space, every line kept" t_html_tiny_br_lines

# A piece of 256 KiB of dense markup holds a big tree (Gumbo takes 100
# bytes and more a node): 2.4 MB of "<b>x</b><br>" needed 45 MB of address
# space. A piece now also ends at a start tag to every 64 of its bytes:
# 28 MB suffice.
t_html_dense_pieces() {
	small_vm 40000 || skip "cannot limit the address space (sanitizers?)"
	awk 'BEGIN { printf "<html><body><div>"; for (i = 0; i < 200000; i++) printf "<b>x</b><br>"
		print "</div></body></html>" }' >dense.html
	(ulimit -v 40000 && lim 60 "$B" --format=html -o out.txt dense.html) >out 2>err
	rc=$?
	expect_rc 0
	expect_grep out.txt '^x$'
}
t "2.4 MB of dense markup is parsed in pieces of 4K tags, within 40 MB of address space" t_html_dense_pieces

# ../shared/repro/gzip-bomb-lines: 20 KB of gzip is 10 M lines of "x"
# (20 MB); a 56-byte block a line took 630 MB. A text over 256 KiB with a
# line to every 8 bytes or less keeps its lines in blocks of 64 bytes or
# more: every line comes out, with a warning. Before: out of 200 MB of
# address space; now 100 MB suffice.
t_text_tiny_lines_fold() {
	small_vm 200000 || skip "cannot limit the address space (sanitizers?)"
	yes x | head -n 10000000 | gzip -9 >bomb20.txt.gz
	(ulimit -v 200000 && lim 60 "$B" -o out.txt bomb20.txt.gz) >out 2>err
	rc=$?
	expect_rc 0
	gzip -dc bomb20.txt.gz | cmp -s - out.txt || die "the lines do not come out as they went in"
	expect_grep err 'warning: [0-9]* lines kept inside blocks of several lines'
}
t "20 MB of one-byte lines (a 20 KB gzip) are cleaned within 200 MB of address space" t_text_tiny_lines_fold

# A replace rule's edited line lives in an arena chunk; PCRE2's JIT reads
# past a subject's end (its SIMD search loads whole words), into the
# chunk's unwritten rest. Harmless inside the allocation, but memcheck
# reported it as a jump on uninitialised memory on every page a replace
# edits (a w3m dump where text-read-twice halves "bynder-videobynder-video"),
# burying real reports. Run only where valgrind is installed, not under ASan.
t_valgrind_replace() {
	have valgrind || skip "no valgrind"
	small_vm 400000 || skip "sanitizers"
	printf 'A short title\n\nbynder-videobynder-video\n\n%s\n' \
		'This paragraph of an article holds a sentence or two of prose, so that the page has a body to keep around the line.' >in.txt
	lim 120 valgrind -q --error-exitcode=9 "$B" -o out.txt in.txt >out 2>err
	rc=$?
	expect_rc 0
	expect_grep out.txt '^bynder-video$'
}
t "valgrind: a line a replace rule edited is matched without reading uninitialised memory" t_valgrind_replace

# Gumbo leaves the quirks mode of a fragment's document unset and reads it
# at a <table> inside a <p>: a page parsed in pieces (here of 1 KB) had its
# later pieces' trees depend on what the parse arena's memory held before.
t_valgrind_pieces() {
	have valgrind || skip "no valgrind"
	small_vm 400000 || skip "sanitizers"
	{
		printf '<html><body><div>'
		i=0
		while [ $i -lt 300 ]; do printf '<b>x</b><br>'; i=$((i + 1)); done
		printf '</div><p>A paragraph before a table, long enough to be prose.'
		printf '<table><tr><td>cell one</td><td>cell two</td></tr></table><p>After the table.</body></html>\n'
	} >in.html
	lim 120 valgrind -q --error-exitcode=9 "$B" --html-piece=1K -o out.txt in.html >out 2>err
	rc=$?
	expect_rc 0
	expect_grep out.txt '^cell two$'
}
t "valgrind: a page parsed in pieces reads no uninitialised memory in Gumbo" t_valgrind_pieces

# The same JIT reads at the end of a file: the CLI's read buffer had
# nothing written after the text, and a block ending the file (here one
# newsletter-box looks at) was matched into it.
t_valgrind_file_end() {
	have valgrind || skip "no valgrind"
	small_vm 400000 || skip "sanitizers"
	printf 'A title\n\n%s\n\n%s\n' \
		'This paragraph of an article holds a sentence or two of prose, so that the page has a body to keep around the line.' \
		"The mayor urged residents to sign up for the city's newsletter to hear about road closures." >in.txt
	lim 120 valgrind -q --error-exitcode=9 "$B" -o out.txt in.txt >out 2>err
	rc=$?
	expect_rc 0
	expect_grep out.txt 'road closures'
}
t "valgrind: a block at the end of a file is matched without reading uninitialised memory" t_valgrind_file_end

echo "1..$n"

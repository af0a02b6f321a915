#!/bin/sh
# tests/fuzz.sh - CLI tests of defects the fuzz harnesses (tests/fuzz/)
# found, where the replay of the input alone (tests/fuzz-NAME) cannot show
# them: wrong output rather than a crash. TAP; see tests/cli.sh for the style.

. "$(dirname "$0")/tap-lib.sh"

# fuzz/html found strncmp reading an output buffer that was allocated but
# never written (no block kept): the title was dropped when the garbage
# happened to start with it. glibc's MALLOC_PERTURB_ fills new memory with
# a chosen byte (165: 'Z'), and tcache off makes every malloc go through it.
t_title_of_empty_page() {
	printf '<html><head><title>ZZZZ</title></head><body></body></html>' >p.html
	GLIBC_TUNABLES=glibc.malloc.tcache_count=0 MALLOC_PERTURB_=165 run p.html
	expect_rc 0
	printf 'ZZZZ\n' >want
	expect_same out want
}
t "a page with no block kept prints its title (output buffer read before written)" t_title_of_empty_page

# fuzz/jsonl found a removal whose end came before its start (and UBSan an
# overflow in the report's percent_removed): Gumbo moves text a table may
# not hold to before the table, so a group of removed blocks is not in
# source order. Here "x" (bytes 21-22) is moved before "h" (16-17).
t_removal_span_out_of_order() {
	printf '<nav><table><th>h<tr>x' >p.html
	run --format=html --report=- --report-format=json -o /dev/null p.html
	expect_rc 0
	expect_grep out '"bytes":\[16,22\]'
	expect_grep out '"bytes_removed":6,'
	expect_grep out '"lines":\[1,1\]'
}
t "a removal of blocks Gumbo moved out of source order spans them all, start <= end" t_removal_span_out_of_order

echo "1..$n"

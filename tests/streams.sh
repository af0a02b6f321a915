#!/bin/sh
# tests/streams.sh - reading inputs: compressed streams and their damage,
# WARC records and headers, JSONL numbers, decompression limits. Prints TAP.
# Inputs in tests/data/streams/ (see the README there); run like cli.sh.

. "$(dirname "$0")/tap-lib.sh"

D=$S/tests/data/streams
SEED2=$F/seed-002-cnn-russia-icy

# lines COUNT FILE: FILE has COUNT lines.
lines() {
	[ "$(wc -l <"$2")" -eq "$1" ] || die "$2 has $(wc -l <"$2") lines, expected $1"
}

# ---- damaged gzip: reported with its offset, failed, the rest kept ---------

t_warc_gz_damage() {
	for c in corruptmid:4:836 cuthdr:4:1253 trailjunk:5:1253 cutmid:4:836; do
		f=${c%%:*} want=${c#*:}
		at=${want#*:} want=${want%%:*}
		run --warc "$D/$f.warc.gz"
		expect_rc 1
		lines "$want" out
		expect_grep err "$f.warc.gz: damaged gzip data at byte $at"
		expect_grep err "$want cleaned"
	done
}
t "WARC.gz: a damaged member is named with its byte offset, counted, and every other record kept" t_warc_gz_damage

t_jsonl_gz_damage() {
	for c in corrupt:5:219 cuthdr:5:219 junk:6:219; do
		f=${c%%:*} want=${c#*:}
		at=${want#*:} want=${want%%:*}
		run --jsonl "$D/$f.jsonl.gz"
		expect_rc 1
		lines "$want" out
		grep -q '"id":"2"' out || die "$f: the line before the damage was lost"
		grep -q '"id":"5"' out || die "$f: the line after the damage was lost"
		expect_grep err "$f.jsonl.gz: damaged gzip data at byte $at"
	done
	# the first member cut to its first two bytes: still gzip, the rest read
	{ head -c 2 "$D/corrupt.jsonl.gz"; tail -c +74 "$D/corrupt.jsonl.gz"; } >first.jsonl.gz
	run --jsonl first.jsonl.gz
	expect_rc 1
	lines 4 out
	expect_grep err 'first.jsonl.gz: damaged gzip data at byte 0 (not gzip data): skipped 2 bytes'
}
t "JSONL .gz: garbage or a bad member between lines is named; the lines around it are kept" t_jsonl_gz_damage

t_jsonl_zstd_damage() {
	have zstd || skip "zstd not installed"
	for i in 0 1 2 3 4 5; do
		printf '{"id":"%s","text":"Line of text number %s, here."}\n' $i $i | zstd -q -c
		[ $i = 2 ] && printf 'JUNK'
	done >docs.jsonl.zst
	run --jsonl docs.jsonl.zst
	expect_rc 1
	lines 6 out
	expect_grep err 'docs.jsonl.zst: damaged zstd data at byte [0-9]* (not zstd data): skipped 4 bytes'
	head -c 150 docs.jsonl.zst >cut.jsonl.zst
	run --jsonl cut.jsonl.zst
	expect_rc 1
	expect_grep err 'cut.jsonl.zst: truncated zstd data: the frame at byte [0-9]* is cut short at byte 150'
}
t "JSONL .zst: junk between frames and a cut frame are named; the other lines kept" t_jsonl_zstd_damage

t_text_gz_damage() {
	run "$D/junk.txt.gz"
	expect_rc 1
	expect_grep err 'junk.txt.gz: damaged gzip data at byte 237'
	# a cut member at the end is named, in folder mode too
	head -c 200 "$D/junk.txt.gz" >cut.txt.gz
	run -o outdir/ cut.txt.gz
	expect_rc 1
	expect_grep err 'cut.txt.gz: truncated gzip data: the member at byte 158 is cut short at byte 200'
}
t "a text .gz with junk between members or a cut member fails with the byte offset" t_text_gz_damage

# ---- gzip and zstd by their magic bytes, on every input path -------------

t_magic_stdin() {
	have zstd || skip "zstd not installed"
	"$B" "$SEED2/input.txt" >plain.txt 2>/dev/null || die "plain run failed"
	zstd -q -c "$SEED2/input.txt" >in.zst
	run_in in.zst
	expect_rc 0
	expect_same out plain.txt
	gzip -c "$SEED2/input.txt" >in.gz
	run_in in.gz -
	expect_rc 0
	expect_same out plain.txt
	# a name that says nothing, or the wrong thing
	cp in.zst data.txt && cp in.gz data.bin && cp "$SEED2/input.txt" data.zst
	for f in data.txt data.bin data.zst; do
		run "$f"
		expect_rc 0
		expect_same out plain.txt
	done
}
t "text: gzip and zstd found by their magic bytes on stdin and under any name" t_magic_stdin

t_magic_jsonl_stdin() {
	have zstd || skip "zstd not installed"
	zcat "$D/junk.jsonl.gz" 2>/dev/null | head -n 3 >docs.jsonl
	run --jsonl docs.jsonl
	expect_rc 0
	mv out plain.jsonl
	gzip -c docs.jsonl >docs.gz
	run_in docs.gz --jsonl
	expect_rc 0
	expect_same out plain.jsonl
	zstd -q -c docs.jsonl >docs.zst
	run_in docs.zst --jsonl -
	expect_rc 0
	expect_same out plain.jsonl
	cp docs.zst docs.jsonl.gz
	run --jsonl docs.jsonl.gz
	expect_rc 0
	expect_same out plain.jsonl
}
t "JSONL: gzip and zstd on standard input and under a wrong name are read as such" t_magic_jsonl_stdin

t_warc_stdin() {
	[ "$HAVE_PY" = yes ] || skip "python3 not installed"
	python3 "$S/tests/make-warc" crawl || die "tests/make-warc failed"
	run --warc crawl.warc.gz
	expect_rc 0
	mv out file.jsonl
	[ -s file.jsonl ] || die "no records from the file"
	run_in crawl.warc.gz --warc -
	expect_rc 0
	expect_same out file.jsonl
	gzip -dc crawl.warc.gz >plain.warc
	run_in plain.warc --warc
	expect_rc 0
	expect_same out file.jsonl
	if have zstd; then
		zstd -q -c plain.warc >crawl.warc.zst
		run --warc crawl.warc.zst
		expect_rc 0
		expect_same out file.jsonl
	fi
}
t "--warc reads standard input ('-' or none), plain, gzip or zstd" t_warc_stdin

# ---- WARC headers ----------------------------------------------------------

t_warc_headers() {
	for f in uri65535 longuri latinuri nulhdr; do
		run --warc "$D/$f.warc"
		expect_rc 0
		lines 6 out
	done
	run --warc "$D/longuri.warc"
	[ "$HAVE_PY" = yes ] || return 0
	python3 -c '
import json, sys
urls = [json.loads(l)["url"] for l in open("out")]
assert max(len(u) for u in urls) == 65535, "the long URL was cut"
assert any(u.endswith("Content-Length: 5") for u in urls), "the URL tail was lost"' ||
		die "long URL not kept whole"
	run --warc "$D/latinuri.warc"
	expect_grep out '"url":"http://example.com/caf%E9"'
}
t "WARC: 64 KB header lines, long URLs, Latin-1 URLs and NULs in HTTP headers are read" t_warc_headers

t_warc_bad_length() {
	run --warc "$D/neg.warc"
	expect_rc 1
	lines 4 out
	expect_grep err "record 3 (<urn:uuid:2>): negative Content-Length '-5'"
	run --warc "$D/overflow.warc"
	expect_rc 1
	lines 4 out
	expect_grep err 'Content-Length too large'
	# junk before a record: named, and the records after it are read
	{ printf 'not a warc\r\n'; cat "$D/neg.warc"; } >junk.warc
	run --warc junk.warc
	expect_rc 1
	lines 4 out
	expect_grep err "junk.warc: not a WARC record at byte 0 of the data: 'not a warc"
}
t "WARC: a negative, huge or missing Content-Length fails its record only" t_warc_bad_length

t_warc_cut_bodies() {
	[ "$HAVE_PY" = yes ] || skip "python3 not installed"
	python3 - <<'PY' || die "cannot write the WARC"
import zlib
page = (b"<html><body><article><p>The island ferry ran again on Monday after a week in "
        b"dry dock, and the first sailing was full of school children.</p></article></body></html>")
def rec(i, extra, body):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + extra + b"\r\n" + body
    return (b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
            b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (i, len(http))) + http + b"\r\n\r\n"
chunks = b"".join(b"%x\r\n%s\r\n" % (len(page[k:k + 50]), page[k:k + 50]) for k in range(0, len(page), 50))
gz = zlib.compressobj(9, zlib.DEFLATED, 31)
cut = (gz.compress(page) + gz.flush())[:-30]
open("cut.warc", "wb").write(rec(1, b"Transfer-Encoding: chunked\r\n", chunks) +
                             rec(2, b"Content-Encoding: gzip\r\n", cut) +
                             b"WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:3>\r\n"
                             b"Content-Type: application/http\r\nContent-Length: 0\r\n\r\n\r\n\r\n")
PY
	run --warc cut.warc
	expect_rc 0
	lines 2 out
	expect_grep err 'record 1 (<urn:uuid:1>): warning: the chunked transfer coding ends early'
	expect_grep err 'record 2 (<urn:uuid:2>): warning: the Content-Encoding data ends early'
	expect_grep err '3 WARC records: 2 cleaned, 1 skipped'
	expect_grep out '"text":"The island ferry'
}
t "WARC: a chunked or encoded body that ends early is kept, with a warning; an empty one skipped" t_warc_cut_bodies

t_warc_declared_length() {
	small_vm 400000 || skip "cannot limit the address space (sanitizers?)"
	# a record claiming 3 GB in a 4 KB file: read as it comes, never allocated
	sed 's/^Content-Length: [0-9]*/Content-Length: 3000000000/' "$D/neg.warc" >claim.warc
	(ulimit -v 400000 && "$B" --warc --max-bytes=4000000000 claim.warc) >out 2>err
	rc=$?
	expect_rc 1
	expect_grep err 'truncated ([0-9]* of 3000000000 bytes)'
	if grep -q 'no memory' err; then die "the declared length was allocated"; fi
}
t "--warc never allocates a record's declared length before its bytes are read" t_warc_declared_length

# ---- JSONL: the line's bytes are kept -------------------------------------

t_jsonl_bigint() {
	run --jsonl "$D/bigint.jsonl"
	expect_rc 0
	lines 4 out
	# every input byte but the closing brace comes out as it was
	sed 's/}$//' "$D/bigint.jsonl" >want
	paste -d '\n' want out | awk 'NR % 2 { w = $0; next } index($0, w) != 1 { print "changed: " w; bad = 1 } END { exit bad }' ||
		die "numbers or fields rewritten"
	expect_grep out '"g":123456789012345678901234567890,"h":18446744073709551615'
	# and a document is named by its id as written
	printf '%s\n' '{"id":123456789012345678901234567890,"text":5}' '{"id":1.50e3}' >ids.jsonl
	run --jsonl ids.jsonl
	expect_rc 1
	expect_grep err 'ids.jsonl:1 (id 123456789012345678901234567890): no string field'
	expect_grep err 'ids.jsonl:2 (id 1.50e3): no string field'
}
t "JSONL: integers beyond 64 bits are written as they came, never clamped" t_jsonl_bigint

t_jsonl_exact() {
	# the text field replaced where it is: every other byte as it was
	printf '%s\n' ' {"a":1.50e3, "te\u0078t" : "Tab\there" ,"n":[-0,1E400,12345678901234567890123],"s":"\ud83d \u00e9"}' >in.jsonl
	run --jsonl --no-default-rules in.jsonl
	expect_rc 0
	printf '%s\n' ' {"a":1.50e3, "te\u0078t" : "Tab\there" ,"n":[-0,1E400,12345678901234567890123],"s":"\ud83d \u00e9","cleaner":{"removed_bytes":0,"removed_blocks":0,"rules":{},"page_type":"unknown"}}' >want
	expect_same out want
}
t "JSONL: a field replaced in place; numbers, escapes, spacing and order kept byte for byte" t_jsonl_exact

t_field_collision() {
	run --jsonl --output-field=x --summary-field=x "$D/field-collision.jsonl"
	expect_rc 2
	expect_empty out
	expect_grep err "summary-field and --output-field are both 'x'"
	run --jsonl --summary-field=text "$D/field-collision.jsonl"
	expect_rc 2
	run --warc --summary-field=url "$D/neg.warc"
	expect_rc 2
	expect_grep err 'summary-field=url'
	run --jsonl --output-field=x --summary-field=y "$D/field-collision.jsonl"
	expect_rc 0
	expect_grep out '"x":".*Important article text'
}
t "--summary-field may not replace the clean text (or a --warc field): exit 2" t_field_collision

# ---- decompression limits ---------------------------------------------------

t_ce_bomb() {
	small_vm 600000 || skip "cannot limit the address space (sanitizers?)"
	(ulimit -v 600000 && lim 60 "$B" --warc "$D/ce_bomb.warc.gz") >out 2>err
	rc=$?
	expect_rc 1
	expect_grep err 'Content-Encoding gzip: larger than --max-bytes (134217728) once decoded'
	(ulimit -v 600000 && lim 60 "$B" --warc --max-bytes=1000000 "$D/ce_bomb.warc.gz") >out 2>err
	rc=$?
	expect_rc 1
	expect_grep err 'larger than --max-bytes (1000000) once decoded'
}
t "a 983-byte Content-Encoding bomb stops at --max-bytes (default 128 MiB) in bounded memory" t_ce_bomb

t_gzip_bomb() {
	# 200 MB of short lines in 200 KB of gzip: refused at the default limit
	yes x | head -c 209715200 | gzip -1 >bomb.txt.gz || die "cannot make the bomb"
	lim 60 "$B" bomb.txt.gz >out 2>err
	rc=$?
	expect_rc 1
	expect_grep err 'bomb.txt.gz: larger than --max-bytes (134217728)'
}
t "a gzip bomb of short lines stops at the default --max-bytes, in time" t_gzip_bomb

echo "1..$n"

#!/bin/sh
# tests/dask.sh - the distributed run (python3 -m cleaner.dask) and the
# --stats totals it adds up: a LocalCluster of worker processes, a scheduler
# and workers started as processes of their own on 127.0.0.1, a worker
# killed mid-run, a re-run, failing shards, output byte-identical to
# `cleaner --jsonl` / `--warc`, and the dask.bag / dask.dataframe helpers.
# TAP output; see tests/tap-lib.sh. Needs a python3 with Debian's
# python3-distributed (and python3-pandas for the column helper): the first of
# /usr/bin/python3 (where Debian's packages are) and python3 that has it.
. "${CLEANER_SRCDIR:-.}/tests/tap-lib.sh"

PY=
for c in /usr/bin/python3 python3; do
	if "$c" -c 'import distributed' >/dev/null 2>&1; then
		PY=$c
		break
	fi
done
so=$SO
# a sanitizer build's library needs the ASan runtime first in a Python
# process (Python leaks by design: no leak check there)
if [ -f "$so" ] && have ldd && ldd "$so" | grep -q libasan; then
	LD_PRELOAD=$(ldd "$so" | awk '/libasan/ { print $3 }')
	ASAN_OPTIONS=detect_leaks=0:${ASAN_OPTIONS:-}
	export LD_PRELOAD ASAN_OPTIONS
fi
CLEANER_LIBRARY=$so
CLEANER_CLI=$B
PYTHONPATH=$S/python${PYTHONPATH:+:$PYTHONPATH}
PYTHONDONTWRITEBYTECODE=1
export CLEANER_LIBRARY CLEANER_CLI PYTHONPATH PYTHONDONTWRITEBYTECODE
# Dask's own files (worker spill folders, config) in the test's folder
DASK_TEMPORARY_DIRECTORY=$tmp
export DASK_TEMPORARY_DIRECTORY

need_dask() {
	[ -n "$PY" ] || skip "SKIP: no python3 with distributed (apt-get install python3-distributed)"
	[ -f "$so" ] || skip "SKIP: no shared library at $so (built with --disable-shared?)"
}

# shards DIR N: N JSONL shards of the fixture pages (a few per shard, each
# with an id and a url) in DIR, the second gzip, the third zstd when Python
# can write it, and one WARC.gz of the same pages.
shards() {
	"$PY" - "$F" "$1" "$2" <<'EOF'
import glob, gzip, json, os, sys
fixtures, out, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
os.makedirs(out, exist_ok=True)
pages = sorted(glob.glob(os.path.join(fixtures, "*", "input.html")) +
               glob.glob(os.path.join(fixtures, "*", "input.txt")))
docs = []
for i, p in enumerate(pages):
    body = open(p, "rb").read()
    key = "html" if p.endswith(".html") else "text"
    docs.append((i, body, {"id": "d%d" % i, "url": "https://example.com/%d" % i,
                           key: body.decode("utf-8", "replace")}))
try:
    import zstandard
except ImportError:
    zstandard = None
for s in range(n):
    lines = "".join(json.dumps(d) + "\n" for k, _, d in docs if k % n == s).encode()
    name = os.path.join(out, "s%02d.jsonl" % s)
    if s == 1:
        open(name + ".gz", "wb").write(gzip.compress(lines))
    elif s == 2 and zstandard:
        open(name + ".zst", "wb").write(zstandard.ZstdCompressor().compress(lines))
    else:
        open(name, "wb").write(lines)
html = [(k, body) for k, body, d in docs if "html" in d]
open(out + ".docs", "w").write("%d\n" % (len(docs) + len(html)))
with open(os.path.join(out, "crawl.warc.gz"), "wb") as w:
    for k, body in html:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
        head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%d>\r\n"
                "WARC-Target-URI: https://example.com/%d\r\nWARC-Date: 2024-01-01T00:00:00Z\r\n"
                "Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n"
                % (k, k, len(http)))
        w.write(gzip.compress(head.encode() + http + b"\r\n\r\n"))
EOF
}

# same_as_cli IN OUT [CLEANER OPTIONS]: every shard of IN cleaned by
# `cleaner --jsonl` (or --warc) on its own is byte-identical to OUT's.
same_as_cli() {
	_in=$1 _out=$2
	shift 2
	for f in "$_in"/*; do
		b=${f##*/}
		case $b in
		*.warc*) mode=--warc o=$(echo "$b" | sed 's/\.warc/.jsonl/') ;;
		*) mode=--jsonl o=$b ;;
		esac
		"$B" -q $mode -j 1 "$@" -o "cli-$o" "$f" || die "cleaner $mode $f failed"
		cmp "cli-$o" "$_out/$o" || die "$_out/$o differs from cleaner $mode $f"
	done
}

# field FILE KEY: a number or list length from a JSON summary
field() {
	"$PY" -c 'import json, sys; v = json.load(open(sys.argv[1]))[sys.argv[2]]
print(len(v) if isinstance(v, list) else v)' "$1" "$2"
}

# dask ARGS...: python3 -m cleaner.dask, a hang guard, status in $rc
dask() {
	lim 300 "$PY" -m cleaner.dask "$@" >out 2>err
	rc=$?
}

# no_temporaries DIR: no hidden file (a cleaner temporary) but the state folder
no_temporaries() {
	left=$(find "$1" -name '.*' ! -name .cleaner-dask ! -path '*/.cleaner-dask/*')
	[ -z "$left" ] || die "temporary files left: $left"
}

# ---- --stats: the totals of a run, for programs --------------------------

t_stats() {
	shards in 2
	run --jsonl -q --stats=st.json -o o.jsonl in/s00.jsonl
	expect_rc 0
	[ "$(field st.json documents)" = "$(wc -l <o.jsonl)" ] || die "documents: $(cat st.json)"
	# the same figures the summary rounds
	run --jsonl --stats=st2.json in/s00.jsonl
	expect_grep err "$(field st2.json documents) documents (0 failed)"
	mb=$("$PY" -c 'import json; print("%.1f MB in" % (json.load(open("st2.json"))["bytes_in"] / 1e6))')
	expect_grep err "$mb"
	"$PY" -c 'import json; s = json.load(open("st.json"))
assert s["bytes_removed"] > 0 and s["rules"]["main-content"] > 0 and s["failed"] == 0, s
assert s["interrupted"] is False, s' || die "$(cat st.json)"
	run --warc -q --stats=w.json in/crawl.warc.gz
	expect_rc 0
	[ "$(field w.json documents)" = "$(wc -l <out)" ] || die "WARC documents: $(cat w.json)"
	# a line that is not JSON: failed, named
	printf '{"id":"a","text":"Some words.\\n"}\nnot json\n' >bad.jsonl
	run --jsonl -q --stats=b.json bad.jsonl
	expect_rc 1
	[ "$(field b.json failed)" = 1 ] && [ "$(field b.json documents)" = 2 ] || die "$(cat b.json)"
	expect_grep b.json 'bad.jsonl:2.*not JSON'
	# a folder run
	mkdir pages && cp "$F"/seed-002-cnn-russia-icy/input.txt pages/a.txt
	run -q -R --stats=f.json -o clean/ pages
	expect_rc 0
	[ "$(field f.json documents)" = 1 ] || die "$(cat f.json)"
	# not for one document to standard output; never over an input
	run --stats=x.json pages/a.txt
	expect_rc 2
	expect_grep err 'needs --jsonl, --warc or -o FOLDER'
	run --jsonl --stats=bad.jsonl bad.jsonl
	expect_rc 2
	expect_grep err 'refusing to write the --stats file to input file bad.jsonl'
}
t "--stats writes a run's exact totals as JSON (JSONL, WARC, folders), failures named" t_stats

# ---- a LocalCluster of worker processes ------------------------------------

t_local_cluster() {
	need_dask
	shards in 5
	dask in clean --workers 3 --summary-json sum.json
	expect_rc 0
	expect_grep err '6 shards on 3 workers'
	expect_grep err 'most removals: '
	same_as_cli in clean
	no_temporaries clean
	# the totals are the shards' totals added up
	"$PY" - <<'EOF' || die "$(cat sum.json)"
import glob, json
s = json.load(open("sum.json"))
parts = [json.load(open(p)) for p in glob.glob("clean/.cleaner-dask/*.stats.json")]
assert len(parts) == 6 and s["shards"] == 6 and s["failed_shards"] == [], s
for k in ("documents", "bytes_in", "bytes_out", "bytes_removed"):
    assert s[k] == sum(p[k] for p in parts), k
assert s["documents"] == int(open("in.docs").read()), s
assert s["rules"]["main-content"] == sum(p["rules"].get("main-content", 0) for p in parts)
EOF
}
t "LocalCluster of 3 worker processes: JSONL (plain, gz, zst) and WARC.gz shards byte-identical to cleaner --jsonl/--warc, totals added up" t_local_cluster

t_rerun() {
	need_dask
	shards in 4
	dask in clean --workers 2 --summary-json first.json
	expect_rc 0
	ls -li clean >before
	rm clean/s02.jsonl*
	dask in clean --workers 2 --summary-json sum.json
	expect_rc 0
	expect_grep err '5 shards (4 done before, skipped) on 2 workers'
	[ "$(field sum.json documents)" = "$(field first.json documents)" ] ||
		die "not every shard counted: $(cat sum.json)"
	# the others were not written again: same inodes and times
	ls -li clean | grep -v 's02\.' >after
	grep -v 's02\.' before | cmp - after || die "finished shards were written again"
	same_as_cli in clean
	# nothing left to do
	dask in clean --workers 2
	expect_rc 0
	expect_grep err 'all 5 shards are done already'
}
t "a re-run cleans only the shards without output; the totals still count every shard" t_rerun

t_failing_shard() {
	need_dask
	shards in 2
	printf '{"id":"a","text":"Some words.\\n"}\nnot json\n' >in/bad.jsonl
	dask in/s00.jsonl in/bad.jsonl in/gone.jsonl in/s01.jsonl.gz clean --workers 2 --retries 1
	expect_rc 1
	expect_grep err 'failed shard: in/gone.jsonl: cleaner exited 1: in/gone.jsonl: No such file or directory (tried 2 times)'
	expect_grep err 'failed document: in/bad.jsonl:2.*not JSON'
	expect_grep err '4 shards (1 failed) on 2 workers in [0-9.]* s: [0-9]* documents (1 failed)'
	[ -f clean/s00.jsonl ] && [ -f clean/s01.jsonl.gz ] && [ -f clean/bad.jsonl ] || die "$(ls clean)"
	[ ! -e clean/gone.jsonl ] || die "an output for a shard that is not there"
	# a rule error: said once, before anything is sent; nothing cleaned
	echo 'x: drop /(/' >bad.rules
	dask in/s00.jsonl clean2 -r bad.rules
	expect_rc 2
	expect_grep err 'bad.rules:1:'
	[ ! -e clean2 ] || die "clean2 made"
	# two shards to one output name: refused with both names
	mkdir -p a b && cp in/s00.jsonl a/x.jsonl && cp in/s00.jsonl b/x.jsonl
	dask a/x.jsonl b/x.jsonl clean3
	expect_rc 2
	expect_grep err 'a/x.jsonl and b/x.jsonl would both be written to clean3/x.jsonl'
	# nor over an input
	dask in/s00.jsonl in
	expect_rc 2
	expect_grep err 'refusing to write in/s00.jsonl over an input'
}
t "a shard that fails is tried again then named (exit 1); failed documents named; rule and name errors refuse the run" t_failing_shard

# ---- a scheduler and workers of their own ----------------------------------

# cluster N [--nanny]: a scheduler on 127.0.0.1 and N workers, each a
# process of its own, one thread each; the address in $addr, pids in
# sched.pid and w*.pid (stopped by stop_cluster).
cluster() {
	"$PY" -m distributed.cli.dask_scheduler --host 127.0.0.1 --port 0 --no-dashboard \
		--scheduler-file sched.json >sched.log 2>&1 &
	echo $! >sched.pid
	i=0
	while [ ! -s sched.json ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	addr=$("$PY" -c 'import json; print(json.load(open("sched.json"))["address"])') ||
		die "no scheduler: $(cat sched.log)"
	w=1
	while [ $w -le "$1" ]; do
		"$PY" -m distributed.cli.dask_worker "$addr" --nthreads 1 --no-nanny --no-dashboard \
			--name "w$w" --host 127.0.0.1 --local-directory "$PWD/w$w" >"w$w.log" 2>&1 &
		echo $! >"w$w.pid"
		w=$((w + 1))
	done
	# wait for them to join
	lim 60 "$PY" -c 'import sys; from distributed import Client
c = Client(sys.argv[1], timeout="30s"); c.wait_for_workers(int(sys.argv[2]), timeout=50)' \
		"$addr" "$1" || die "workers did not join: $(cat w1.log)"
}
# stop PID...: TERM, then KILL what still runs 10 s later (a process that
# is still closing is not waited for without end)
stop() {
	[ -n "$*" ] || return 0
	kill "$@" 2>/dev/null
	(sleep 10 && kill -9 "$@") >/dev/null 2>&1 &
	killer=$!
	for p in "$@"; do
		wait "$p" 2>/dev/null
	done
	kill "$killer" 2>/dev/null
	return 0
}
# the workers first: a worker whose scheduler went first tries to reach it
# again as it closes
stop_cluster() {
	workers=$(cat w*.pid 2>/dev/null)
	sched=$(cat sched.pid 2>/dev/null)
	rm -f w*.pid sched.pid
	stop $workers
	stop $sched
}

t_scheduler_processes() {
	need_dask
	trap stop_cluster EXIT
	shards in 4
	# rules with an include, shipped to the workers (read from a copy there)
	mkdir rules
	echo 'include "more/site.rules"' >rules/main.rules
	mkdir rules/more
	printf '@site example.com\nfeed-line: drop /^Feedback$/\nshort-dots: drop /\\.\\.\\.$/ maxlen=40\n' \
		>rules/more/site.rules
	cluster 2
	# and an option of cleaner's passed on
	dask in clean --scheduler "$addr" -r rules/main.rules --page-type=forum --summary-json sum.json
	expect_rc 0
	expect_grep err '5 shards on 2 workers'
	same_as_cli in clean -r rules/main.rules --page-type=forum
	grep -q '"short-dots":' clean/*.jsonl || die "the shipped rule did not run"
	grep -q '"page_type":"forum"' clean/s00.jsonl || die "--page-type was not passed on"
	[ "$(field sum.json workers)" = 2 ] || die "$(cat sum.json)"
	# the workers let go of their copies of the rules
	[ -z "$(find w1 w2 -name '*.rules' 2>/dev/null)" ] || die "rule copies left in the workers' folders"
	stop_cluster
}
t "a scheduler and 2 workers as processes of their own on 127.0.0.1 (--scheduler): rules with an include shipped, an option passed on, output byte-identical" t_scheduler_processes

t_killed_worker() {
	need_dask
	trap stop_cluster EXIT
	shards in 12
	# each shard takes a second more: the kill lands while both work
	printf '#!/bin/sh\nsleep 1\nexec "%s" "$@"\n' "$B" >slow-cleaner
	chmod +x slow-cleaner
	cluster 2
	lim 300 "$PY" -m cleaner.dask in clean --scheduler "$addr" --cleaner "$PWD/slow-cleaner" \
		--summary-json sum.json >out.log 2>err &
	run_pid=$!
	i=0
	while [ "$(ls clean 2>/dev/null | grep -c jsonl)" -lt 4 ] && [ $i -lt 1200 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -9 "$(cat w1.pid)"
	wait "$run_pid"
	rc=$?
	expect_rc 0
	[ "$(ls clean | grep -c jsonl)" = 13 ] || die "$(ls clean)"
	same_as_cli in clean
	no_temporaries clean
	[ "$(field sum.json shards)" = 13 ] || die "$(cat sum.json)"
	[ "$(field sum.json documents)" = "$(cat in.docs)" ] || die "documents: $(cat sum.json)"
	stop_cluster
}
t "a worker killed mid-run (kill -9): the run finishes, every shard once, byte-identical, no temporary left" t_killed_worker

# ---- columns: the binding in the workers -----------------------------------

t_columns() {
	need_dask
	"$PY" -c 'import pandas, dask.dataframe' 2>/dev/null ||
		skip "SKIP: no pandas (apt-get install python3-pandas)"
	shards in 1
	printf '@site example.com\nshort-dots: drop /\\.\\.\\.$/ maxlen=40\n' >site.rules
	"$B" -q --jsonl -j 1 -r site.rules -o cli.jsonl in/s00.jsonl || die "cleaner failed"
	# a file, not standard input: the LocalCluster's processes import the main module
	cat >columns.py <<'EOF'
import json
import dask.bag as db
import dask.dataframe as dd
import pandas as pd
from distributed import Client, LocalCluster
from cleaner.dask import RuleSource, clean_bag, clean_column

def main():
    docs = [json.loads(l) for l in open("in/s00.jsonl", encoding="utf-8")]
    want = [json.loads(l)["text"] for l in open("cli.jsonl", encoding="utf-8")]
    pages = [d.get("html", d.get("text")) for d in docs]
    urls = [d["url"] for d in docs]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster):
        rules = RuleSource(["site.rules"])
        pdf = pd.DataFrame({"page": pages + [None], "url": urls + [None]})
        df = dd.from_pandas(pdf, npartitions=4)
        got = clean_column(df, "page", "clean", url_column="url", rules=rules).compute()
        assert list(got["clean"][:-1]) == want, "column differs from cleaner --jsonl"
        assert got["clean"].iloc[-1] is None and list(got["page"]) == list(pdf["page"])
        assert any("short-dots" in l for l in open("cli.jsonl")), "the rule never fired"
        bag = db.from_sequence(list(zip(pages, urls)), npartitions=3)
        assert clean_bag(bag, rules).compute() == want, "bag differs from cleaner --jsonl"
        # without rules: the defaults; pandas in this process
        plain = clean_column(pdf.iloc[:3], "page", output="text")
        assert plain["page"].iloc[0].strip() and plain["page"].iloc[0] != pdf["page"].iloc[0]
    print("ok")


if __name__ == "__main__":
    main()
EOF
	lim 300 "$PY" columns.py || die "column helper"
}
t "clean_column (dask.dataframe, pandas) and clean_bag: the text cleaner --jsonl writes, rules shipped, missing pages kept missing" t_columns

echo "1..$n"

#!/bin/sh
# tests/files.sh - the command line and the file system: outputs that would
# collide or replace an input, what -R cleans and skips, signals, temporary
# files, exit statuses and messages (issue 9, items 1, 14, 15 and 16).
# The cases are those of ../shared/repro/folders/repro.sh and
# signals/repro.sh (issue 9), rebuilt here: art() is that script's page.
# Run like tests/cli.sh: sh tests/files.sh from the top of the tree.

. "$(dirname "$0")/tap-lib.sh"

SEED2=$F/seed-002-cnn-russia-icy

# art TITLE: a small article page
art() {
	printf '<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s is the story here, with commas, words and the sentences that make prose.</p></article></body></html>\n' "$1" "$1" "$1"
}

# slow_pages N: in/pNNN.txt that take a while each with slow.rules (a
# pattern that backtracks to the match limit on every line), so that a
# signal finds the run in the middle
slow_pages() {
	mkdir -p in
	echo 'bad: drop /^(a+)+$/' >slow.rules
	for i in $(seq -w 1 "$1"); do
		printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab\n%.0s' 1 2 3 >"in/p$i.txt"
	done
}
SLOW="--no-default-rules -r slow.rules"

# ---- item 1: no run replaces an input or another document's output --------

t_collide_ext() {
	mkdir c1
	art AAA >c1/a.html
	art BBB >c1/a.htm
	run -q -R -o res c1
	expect_rc 2
	expect_grep err 'c1/a.htm and c1/a.html would both be written to res/a.txt'
	expect_grep err 'nothing was cleaned'
	[ ! -e res/a.txt ] || die "a document was cleaned anyway"
}
t "-R: a.html and a.htm would both make a.txt: refused naming both, exit 2" t_collide_ext

t_collide_dirs() {
	mkdir x y
	art XXX >x/page.html
	art YYY >y/page.html
	run -q -j 2 -o res/ x/page.html y/page.html
	expect_rc 2
	expect_grep err 'x/page.html and y/page.html would both be written to res/page.txt'
	[ ! -e res/page.txt ] || die "a document was cleaned anyway"
	# the same file named twice is one document, cleaned once
	run -q -o res2/ x/page.html x/page.html
	expect_rc 2
	expect_grep err 'x/page.html and x/page.html would both be written'
	# a.gz and a.txt.gz both make a.txt.gz
	printf 'one\n' | gzip >x/a.gz
	printf 'two\n' | gzip >x/a.txt.gz
	run -q -R -o res3 x
	expect_rc 2
	expect_grep err 'would both be written to res3/a.txt.gz'
	# an output where another document needs a folder
	mkdir -p f/a.txt
	art A >f/a.html
	art B >f/a.txt/b.html
	run -q -R -o res4 f
	expect_rc 2
	expect_grep err 'f/a.txt/b.html would need the folder res4/a.txt, the output of f/a.html'
}
t "-o FOLDER: x/page.html and y/page.html (and a.gz, a.txt.gz) refused, exit 2" t_collide_dirs

t_outdir_is_indir() {
	mkdir in
	art HTMLPAGE >in/a.html
	echo 'ORIGINAL a.txt, the only copy.' >in/a.txt
	before=$(sum in/a.txt)
	run -j 1 -R -o in/ in
	expect_rc 2
	expect_grep err 'output folder in/ is the input folder in'
	[ "$(sum in/a.txt)" = "$before" ] || die "the input a.txt was replaced"
	# named in another spelling
	run -R -o ./in/../in in
	expect_rc 2
	[ "$(sum in/a.txt)" = "$before" ] || die "the input a.txt was replaced"
	# without -R: the output of a.html would replace the input a.txt
	run -o in/ in/a.html in/a.txt
	expect_rc 2
	expect_grep err 'in/a.html would be written over the input in/a.txt'
	[ "$(sum in/a.txt)" = "$before" ] || die "the input a.txt was replaced"
}
t "-R -o in/ in: refused (exit 2), the input a.txt is kept" t_outdir_is_indir

t_report_into_input() {
	mkdir in
	art ONE >in/one.html
	art TWO >in/two.html
	before=$(sum in/two.html)
	run -q -R -o res/ --report=in/two.html in
	expect_rc 2
	expect_grep err 'in/two.html'
	[ "$(sum in/two.html)" = "$before" ] || die "the input two.html was replaced by the report"
	[ ! -e res/one.txt ] || die "documents were cleaned before the refusal"
	# a new report file inside the input folder would be cleaned by the next
	# run: refused too; inside the output folder (in the input folder) it is not
	run -q -R -o res/ --report=in/run.txt in
	expect_rc 2
	expect_grep err 'report in/run.txt is inside the input folder in'
	[ ! -e in/run.txt ] || die "the report was written"
	run -q -R -o in/res/ --report=in/res/run.txt in
	expect_rc 0
	[ -s in/res/run.txt ] || die "no report"
	ls in/res >list
	[ "$(cat list | tr '\n' ' ')" = "one.txt run.txt two.txt " ] || die "outputs: $(cat list)"
	run -q -R --skip-existing -o in/res/ --report=in/res/run.txt in
	expect_rc 0
	[ ! -e in/res/res ] || die "the output folder was cleaned"
}
t "--report=FILE inside the input folder: never replaces an input, never cleaned" t_report_into_input

t_report_over_output() {
	mkdir in res
	art ONE >in/one.html
	run -q -R -o res/ --report=res/one.txt in
	expect_rc 2
	expect_grep err 'report res/one.txt would be written over the output of in/one.html'
	[ ! -e res/one.txt ] || die "something was written"
	# --report beside each output may not meet another document's output
	art TWO >in/one.txt.report.html
	run -q -R -o res2/ --report in
	expect_rc 2
	expect_grep err 'would both be written to res2/one.txt.report.txt'
}
t "--report=res/one.txt replacing an output: refused, exit 2" t_report_over_output

t_outdir_inside_indir() {
	mkdir in
	art A >in/a.html
	run -R -o in/clean/ in
	expect_rc 0
	expect_grep err 'in/clean: the output folder, not cleaned'
	run -q -R --skip-existing -o in/clean/ in
	expect_rc 0
	find in -type f | sort >files
	printf 'in/a.html\nin/clean/a.txt\n' >want
	expect_same files want
}
t "an output folder inside the input folder is not cleaned again (also on resume)" t_outdir_inside_indir

t_failed_keeps_previous() {
	echo 'previous good output' >prev.txt
	run -o prev.txt does-not-exist.html
	expect_rc 1
	expect_grep err 'prev.txt was not written'
	[ "$(cat prev.txt)" = "previous good output" ] || die "prev.txt was replaced: $(cat prev.txt)"
	mkdir adir
	echo prev >prev3.jsonl
	run --warc -o prev3.jsonl adir
	expect_rc 1
	expect_grep err 'adir: is a folder'
	[ "$(cat prev3.jsonl)" = prev ] || die "prev3.jsonl was replaced"
	run --jsonl -o prev3.jsonl missing.jsonl
	expect_rc 1
	[ "$(cat prev3.jsonl)" = prev ] || die "prev3.jsonl was replaced"
}
t "a failed input leaves the previous -o FILE as it was" t_failed_keeps_previous

t_stdin_is_output() {
	cp "$SEED2/input.txt" a.txt
	before=$(sum a.txt)
	run_in a.txt -o a.txt
	expect_rc 2
	expect_grep err 'refusing to write the clean text to input file a.txt (standard input)'
	run_in a.txt --jsonl --report=a.txt
	expect_rc 2
	[ "$(sum a.txt)" = "$before" ] || die "a.txt was replaced"
}
t "-o FILE < FILE: standard input is the output file: refused, exit 2" t_stdin_is_output


# ---- item 14: what is not a regular file; every read stops on a signal ----

t_fifo_in_folder() {
	have mkfifo || skip "no mkfifo"
	mkdir in
	art A >in/a.html
	mkfifo in/b.fifo
	art C >in/c.html
	have timeout || skip "no timeout(1)"
	timeout -s KILL 20 "$B" -R -j 1 -o res in >out 2>err
	rc=$?
	expect_rc 0
	expect_grep err 'skipped: 1 not a regular file (FIFO, device, socket)'
	[ -f res/a.txt ] && [ -f res/c.txt ] || die "outputs: $(ls res)"
	# named, it is refused: -o FOLDER cleans files
	run -o res2/ in/b.fifo in/a.html
	expect_rc 1
	expect_grep err 'in/b.fifo: not a regular file'
	[ -f res2/a.txt ] || die "the other input was not cleaned"
}
t "-R: a FIFO in the folder is skipped and counted, not opened (was a hang)" t_fifo_in_folder

# stop_with SIG CMD...: start CMD (cleaner), send SIG a second after it
# catches it, print its exit status (KILLED if it had to be killed 10 s later)
stop_with() {
	_sig=$1
	shift
	"$@" >out 2>err &
	_pid=$!
	wait_handler $_pid "$_sig"
	sleep 1
	kill -"$_sig" $_pid 2>/dev/null
	_i=0
	while kill -0 $_pid 2>/dev/null && [ $_i -lt 100 ]; do
		sleep 0.1
		_i=$((_i + 1))
	done
	if kill -0 $_pid 2>/dev/null; then
		kill -KILL $_pid
		wait $_pid
		echo KILLED
	else
		wait $_pid
		echo $?
	fi
}

t_stop_endless_line() {
	[ -r /dev/zero ] || skip "no /dev/zero"
	rc=$(stop_with INT "$B" --jsonl --max-bytes=1000000 /dev/zero)
	expect_rc 130
	expect_grep err 'interrupted by SIGINT'
	rc=$(stop_with TERM "$B" -q --jsonl --max-bytes=1000000 -o res.jsonl /dev/zero)
	expect_rc 143
	expect_grep err 'interrupted by SIGTERM'
	[ -z "$(ls -A | grep res)" ] || die "left: $(ls -A | grep res)"
	rc=$(stop_with INT "$B" --warc /dev/zero)
	expect_rc 130
	# a named FIFO whose writer says nothing: the cut-short read is no failure
	have mkfifo || return 0
	mkfifo quiet
	sleep 30 >quiet &
	writer=$!
	rc=$(stop_with INT "$B" --jsonl quiet)
	kill $writer 2>/dev/null
	expect_rc 130
	if grep -q 'Interrupted system call\|failed:' err; then die "reported as a failure: $(cat err)"; fi
}
t "--jsonl --max-bytes /dev/zero (a line that never ends), --warc /dev/zero: SIGINT/SIGTERM stop them" t_stop_endless_line

# ---- item 15: no temporary file left behind ---------------------------------

t_single_sigterm() {
	have mkfifo || skip "no mkfifo"
	cp "$SEED2/input.txt" good.txt
	echo 'previous' >single.txt
	mkfifo slow
	sleep 30 >slow &
	writer=$!
	rc=$(stop_with TERM "$B" -q -o single.txt good.txt slow)
	kill $writer 2>/dev/null
	expect_rc 143
	expect_grep err 'single.txt was not written (interrupted)'
	[ "$(cat single.txt)" = previous ] || die "single.txt was replaced"
	[ "$(ls -A | grep -c single)" -eq 1 ] || die "left: $(ls -A | grep single)"
}
t "-o FILE: SIGTERM while reading leaves no temporary file, exit 143" t_single_sigterm

# The process that read our standard error is gone (a Dask worker killed
# with kill -9: its command gets SIGTERM through PR_SET_PDEATHSIG): saying
# "interrupted" to a pipe with no reader must not kill the run (SIGPIPE)
# before it takes its temporary file away.
t_sigterm_stderr_gone() {
	have mkfifo || skip "no mkfifo"
	cp "$SEED2/input.txt" good.txt
	mkfifo slow errp
	sleep 30 >slow &
	writer=$!
	"$B" -q -o single.txt good.txt slow >out 2>errp &
	pid=$!
	sh -c 'exec 3<errp' # opens the pipe's reading end, and closes it
	wait_handler $pid TERM
	sleep 1
	kill -TERM $pid
	wait $pid
	rc=$?
	kill $writer 2>/dev/null
	expect_rc 143
	[ ! -e single.txt ] || die "single.txt was written"
	[ -z "$(ls -A | grep single)" ] || die "left: $(ls -A | grep single)"
}
t "SIGTERM with standard error's reader gone: no SIGPIPE death, no temporary file left, exit 143" t_sigterm_stderr_gone

t_hangup() {
	slow_pages 40
	rc=$(stop_with HUP "$B" -q $SLOW -R -j 2 -o res in)
	[ "$rc" = 0 ] && return 0
	expect_rc 129
	expect_grep err 'interrupted by SIGHUP'
	[ -z "$(ls -A res | grep '^\.')" ] || die "temporary files left: $(ls -A res)"
}
t "SIGHUP (a closed terminal) stops a folder run as cleanly, exit 129" t_hangup

t_file_size_limit() {
	python3 -c '
import random
random.seed(2)
w = "the of and council voted budget city school road park mayor said people".split()
with open("big.txt", "w") as f:
    for i in range(3000): f.write(" ".join(random.choice(w) for _ in range(12)) + ".\n")
' || skip "no python3"
	# no trap here: cleaner itself must not die of SIGXFSZ
	(ulimit -f 8 && "$B" -q -o fs.txt big.txt) >out 2>err
	rc=$?
	expect_rc 1
	expect_grep err 'fs.txt: File too large'
	[ -z "$(ls -A | grep fs)" ] || die "left: $(ls -A | grep fs)"
	(ulimit -f 8 && "$B" -q big.txt >std.txt) 2>err
	rc=$?
	expect_rc 1
	expect_grep err 'File too large'
	printf '{"text":"%s"}\n' "$(head -c 3000 big.txt | tr -d '\n')" >one.jsonl
	for i in 1 2 3 4 5 6; do cat one.jsonl one.jsonl one.jsonl; done >docs.jsonl
	(ulimit -f 8 && "$B" -q --jsonl -o fs.jsonl docs.jsonl) >out 2>err
	rc=$?
	expect_rc 1
	expect_grep err 'fs.jsonl: File too large'
	[ -z "$(ls -A | grep fs)" ] || die "left: $(ls -A | grep fs)"
}
t "ulimit -f: every mode says 'File too large', exit 1, no temporary file (was SIGXFSZ)" t_file_size_limit

t_long_names() {
	mkdir in
	long=$(printf 'L%.0s' $(seq 1 245))
	art LONG >"in/$long.html"
	for i in 1 2 3; do art "P$i" >"in/p$i.html"; done
	run -q -R -j 1 -o res in
	expect_rc 0
	[ -f "res/$long.txt" ] || die "no output for the 250-byte name"
	[ "$(ls res | wc -l)" -eq 4 ] || die "outputs: $(ls res)"
	# an output name that cannot be made fails that document only
	longer=$(printf 'M%.0s' $(seq 1 249))
	art M | gzip >"in/$longer.a.gz"
	rm -rf res
	run -q -R -j 1 -o res in
	expect_rc 1
	expect_grep err 'File name too long'
	[ "$(ls res | wc -l)" -eq 4 ] || die "the run stopped at the long name: $(ls res)"
	if grep -q 'stopped after' err; then die "a name too long ended the run"; fi
}
t "a 250-byte input name: cleaned (temporary name fits); a too-long output fails alone" t_long_names


# ---- item 16: exit statuses and messages ------------------------------------


t_interrupt_status() {
	slow_pages 40
	rc=$(stop_with TERM "$B" -q $SLOW -R -j 1 -o res in)
	[ "$rc" = 0 ] && return 0 # done within the second: nothing to see
	expect_rc 143
	expect_grep err 'interrupted by SIGTERM after [0-9]* of 40 documents'
	expect_grep err '^cleaner: --skip-existing carries on from there'
	done_n=$(ls res | wc -l)
	# the resume counts what is left
	run -R -j 2 --skip-existing -o res $SLOW in
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || die "resume: exit $rc"
	left=$((40 - done_n))
	expect_grep err "^cleaner: $left of $left documents (0 failed)"
	[ "$(ls res | wc -l)" -eq 40 ] || die "resumed: $(ls res | wc -l) outputs"
	expect_grep err "skipped: $done_n done before (--skip-existing)"
}
t "SIGTERM: exit 143, 'interrupted ... N of M'; the resume's total is what is left" t_interrupt_status

t_interrupt_terminal() {
	have script || skip "no script(1)"
	slow_pages 40
	script -qec "'$B' $SLOW -R -j 1 -o res in & p=\$!; sleep 1; kill -INT \$p; wait \$p; echo rc=\$?" typescript >/dev/null 2>&1 </dev/null || true
	grep -q 'rc=0' typescript && return 0
	grep -q 'rc=130' typescript || die "not 130: $(cat typescript)"
	# the progress line is cleared before anything else is said
	if tr '\r' '\n' <typescript | grep -q 'MB/s.*interrupted\|MB/s.*stopped'; then
		die "a message was written after the progress line: $(cat -v typescript)"
	fi
}
t "SIGINT on a terminal: exit 130, the progress line cleared before the messages" t_interrupt_terminal

t_unreadable_folder() {
	mkdir -p in/locked
	art A >in/a.html
	art B >in/locked/b.html
	chmod 000 in/locked
	if [ -r in/locked ]; then
		chmod 755 in/locked
		skip "running as root: a folder cannot be made unreadable"
	fi
	run -q -R -o res in
	chmod 755 in/locked
	expect_rc 1
	expect_grep err 'in/locked: cannot read this folder'
	[ -f res/a.txt ] || die "the rest was not cleaned"
}
t "-R: a folder that cannot be read is named, exit 1" t_unreadable_folder

t_warc_folder() {
	mkdir adir
	run --warc adir
	expect_rc 1
	expect_grep err 'adir: is a folder'
	run --jsonl adir
	expect_rc 1
	run adir
	expect_rc 1
}
t "--warc DIR (and --jsonl, plain): 'is a folder', exit 1" t_warc_folder

t_skip_binary_hidden() {
	mkdir -p in/.git in/img
	art A >in/a.html
	printf '\211PNG\r\n\032\n\000\000\000\rIHDR' >in/img/logo.png
	printf 'GIF89a\001\000\001\000' >in/img/x.gif
	printf '%%PDF-1.4\n%%\342\343\n1 0 obj\n' >in/doc.pdf
	head -c 600 /dev/zero >in/zeros.bin
	echo 'secret notes' >in/.notes.txt
	echo 'ref: refs/heads/main' >in/.git/HEAD
	printf '\357\273\277BOM text\n' >in/bom.txt
	printf '\377\376<\000h\000t\000m\000l\000>\000' >in/utf16.html
	printf 'plain\n' | gzip >in/z.txt.gz
	run -R -o res in
	expect_rc 0
	(cd res && find . -type f | sort) >got
	printf './a.txt\n./bom.txt\n./utf16.txt\n./z.txt.gz\n' >want
	expect_same got want
	expect_grep err 'skipped: 2 hidden, 4 not text'
	# named, a file is cleaned whatever it holds
	run -o res2/ in/img/x.gif
	expect_rc 0
	[ -f res2/x.txt ] || die "a named file was skipped"
}
t "-R skips hidden files and files that are not text by their first bytes, counted" t_skip_binary_hidden

t_include_exclude() {
	mkdir -p in/drafts in/sub
	for f in a.html b.htm c.txt drafts/d.html sub/e.html sub/f.txt; do art X >"in/$f"; done
	run -q -R --include='*.html' --include='*.htm' --exclude=drafts -o res in
	expect_rc 0
	(cd res && find . -type f | sort) >got
	printf './a.txt\n./b.txt\n./sub/e.txt\n' >want
	expect_same got want
	run -R --exclude='sub/*' -o res2 in
	expect_rc 0
	[ ! -e res2/sub ] || die "--exclude=sub/* left $(ls res2/sub)"
	expect_grep err 'excluded by --include/--exclude'
	run --include='*.html' -o res3/ in/a.html
	expect_rc 2
	expect_grep err 'need -R'
}
t "--include and --exclude: globs on the name or the path below the folder" t_include_exclude

t_symlinks() {
	mkdir in real
	art REAL >real/r.html
	art A >in/a.html
	ln -s ../real/r.html in/link.html || skip "no symbolic links"
	ln -s ../real in/linkdir
	run -R -o res in
	expect_rc 0
	expect_grep err 'skipped: 2 symbolic links'
	[ "$(ls res)" = a.txt ] || die "outputs: $(ls res)"
	# named on the command line, a link is followed
	run -o res2/ in/link.html
	expect_rc 0
	[ -f res2/link.txt ] || die "a named link was not cleaned"
}
t "-R: symbolic links are not followed, and counted in the summary" t_symlinks

t_option_values() {
	run -o '' "$SEED2/input.txt"
	expect_rc 2
	expect_grep err "\-o needs a file or folder name"
	run --report= "$SEED2/input.txt"
	expect_rc 2
	for v in -1 +5 ' 5' 0 1X 1MB 99999999999999999999 18014398509481984G; do
		run --max-bytes="$v" "$SEED2/input.txt"
		[ "$rc" = 2 ] || die "--max-bytes=$v: exit $rc"
	done
	expect_grep err "\-\-max-bytes needs a positive number"
	for o in -j=+2 '-j= 2' --match-limit=+5 '--match-limit= 5'; do
		run "${o%%=*}" "${o#*=}" "$SEED2/input.txt"
		[ "$rc" = 2 ] || die "$o: exit $rc"
	done
	# --skip-existing makes -o a folder: a file there is refused
	echo x >plain
	run --skip-existing -o plain "$SEED2/input.txt"
	expect_rc 2
	expect_grep err 'plain: not a folder'
	head -c 1500000 /dev/zero | tr '\0' 'x' >big.txt
	for v in 1M 1024K 1048576; do
		run --max-bytes=$v big.txt
		expect_rc 1
		expect_grep err 'larger than --max-bytes (1048576)'
	done
	for v in 2M 512k 1G 2G; do
		run -q --max-bytes=$v "$SEED2/input.txt"
		expect_rc 0
	done
}
t "-o '' refused; --max-bytes takes 512K, 1M, 2G and refuses -1" t_option_values

t_rule_folder() {
	mkdir rules.d
	run -r rules.d --check
	expect_rc 2
	expect_grep err 'rules.d: error: cannot read rule file: Is a directory'
	if grep -q 'Input/output' err; then die "said: $(cat err)"; fi
}
t "a rule file that is a folder: 'Is a directory', not 'Input/output error'" t_rule_folder

t_escapes() {
	esc=$(printf '\033')
	name="$(printf 'a\033[2Jb\007')"
	art X >"$name.html"
	run -o res/ "$name.html" nothere
	expect_rc 1
	run -o res2/ "$(printf 'no\033[31mfile')"
	expect_rc 1
	if grep -q "$esc" err; then die "raw escape: $(cat -v err)"; fi
	expect_grep err 'no\\x1B\[31mfile'
	printf '{"id":"\\u001b[2Jevil\\u0007","text":5}\n' >esc.jsonl
	run --jsonl esc.jsonl
	expect_rc 1
	if grep -q "$esc" err; then die "raw escape: $(cat -v err)"; fi
	expect_grep err '(id \\x1B\[2Jevil\\x07)'
}
t "control characters in names and JSONL ids are shown escaped" t_escapes

t_plural() {
	printf '{"text":"a\\n"}\n' >one.jsonl
	run --jsonl one.jsonl
	expect_rc 0
	expect_grep err '^cleaner: 1 document (0 failed)'
}
t "'1 document', not '1 documents'" t_plural

# an empty folder: nothing to clean, said, exit 0 (under UBSan it was
# qsort(NULL, 0): undefined)
t_empty_folder() {
	mkdir -p empty
	run -R -o empty-out/ empty
	expect_rc 0
	expect_grep err '^cleaner: 0 documents (0 failed)'
}
t "-R over an empty folder: 0 documents, exit 0" t_empty_folder

echo "1..$n"

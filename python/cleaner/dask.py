"""Cleaning on a Dask cluster: shards of JSONL or WARC, and DataFrame columns.

    python3 -m cleaner.dask INPUTS... OUT_DIR [--scheduler ADDRESS] [-r RULES]...

cleans every shard (a .jsonl or .warc file, plain, .gz or .zst; folders are
walked for them) to OUT_DIR, one Dask task per shard. Each task runs the
`cleaner` command on its shard (`cleaner --jsonl` or `--warc`), so a shard's
output is byte for byte what `cleaner` writes on one machine: the readers,
the JSON lines and the compression are the command's, not redone here. The
rule files (and the files they include) are read once by this process and
shipped once to each worker (a worker plugin), which writes them to a
temporary folder; the command writes its output and its totals
(`--stats`) through temporary files renamed when whole. A shard whose task
fails (a worker lost, the command killed, the shard unreadable) is tried
again, then named; a shard whose output exists is skipped, so a run that
stopped carries on. The totals of every shard are added up at the end.

clean_bag() and clean_column() clean a dask.bag or a dask.dataframe column
in the workers' processes with the binding (cleaner.Rules); the rules go to
each worker once, as one piece of the task graph, and are compiled once per
worker process.
"""
from __future__ import annotations

import argparse
import hashlib
import importlib
import itertools
import json
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

PROG = "cleaner.dask"
# a shard: NAME.jsonl / .ndjson / .warc, plain or compressed
SHARD_NAME = re.compile(r"\.(jsonl|ndjson|warc)(\.gz|\.zst)?$")
STATE_DIR = ".cleaner-dask"  # in OUT_DIR: each shard's totals (--stats)
PLUGIN_PREFIX = "cleaner-rules-"


def _module(name: str) -> Any:
    """Dask's modules, imported when used (the rest of the package runs
    without Dask) and as Any: type checks of this package do not go through
    all of Dask's sources."""
    return importlib.import_module(name)


# ---- the cleaner command ----------------------------------------------------

def find_cli() -> str:
    """The `cleaner` command this package belongs with: $CLEANER_CLI; the
    built tree the package sits in (python/cleaner -> cleaner/cleaner); the
    one on PATH. Looked up on each worker, not sent from the client."""
    env = os.environ.get("CLEANER_CLI")
    if env:
        return env
    tree = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cleaner",
                        "cleaner")
    if os.path.isfile(tree) and os.access(tree, os.X_OK):
        return os.path.normpath(tree)
    found = shutil.which("cleaner")
    if found:
        return found
    raise FileNotFoundError("cleaner.dask: no `cleaner` command (set CLEANER_CLI, or install "
                            "cleaner on this machine)")


def _die_with_parent() -> None:
    """In the child, before exec: SIGTERM when the worker that started it
    dies (Linux), so a killed worker leaves no command writing its shard;
    `cleaner` then drops its temporary file."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


# ---- rules, shipped once per worker ----------------------------------------

def _include_errors(cli: str, paths: Sequence[str], no_defaults: bool) -> List[Tuple[str, str]]:
    """`cleaner --check --json` on rule files: (kind, message) of each error."""
    cmd = [cli, "--check", "--json"] + (["--no-default-rules"] if no_defaults else [])
    for p in paths:
        cmd += ["-r", p]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    try:
        errors = json.loads(r.stdout)["errors"]
    except (ValueError, KeyError):
        raise RuntimeError("cleaner --check failed: %s" % r.stderr.decode("utf-8", "replace"))
    return [(e.get("kind", ""), e.get("message", "")) for e in errors]


def rule_bundle(cli: str, files: Sequence[str], no_defaults: bool = False) -> Dict[str, bytes]:
    """The rule files and every file they include, by absolute path. The
    includes are found by the command's own loader: the files are copied
    under a scratch folder at their own paths and checked there; each
    include it cannot read there is copied too, until none is missing."""
    bundle: Dict[str, bytes] = {}
    want = [os.path.abspath(f) for f in files]
    with tempfile.TemporaryDirectory(prefix="cleaner-dask-") as scratch:
        for _ in range(1001):  # the loader follows at most 1,000 includes
            for path in want:
                with open(path, "rb") as f:
                    bundle[path] = f.read()
            write_bundle(scratch, bundle)
            errors = _include_errors(cli, [scratch + os.path.abspath(f) for f in files],
                                     no_defaults)
            want = []
            for kind, msg in errors:
                m = re.match(r"cannot read '(.*)': ", msg)
                if kind == "include" and m and m.group(1).startswith(scratch + "/"):
                    orig = os.path.normpath(m.group(1)[len(scratch):])
                    if orig not in bundle and os.path.isfile(orig):
                        want.append(orig)
            if not want:
                return bundle
    return bundle


def write_bundle(root: str, bundle: Dict[str, bytes]) -> None:
    """Each file of the bundle at root + its absolute path, so includes
    relative to a file's folder find what they found where it came from."""
    for path, data in bundle.items():
        dst = root + path
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        with open(dst, "wb") as f:
            f.write(data)


def _worker_plugin_class() -> Any:
    WorkerPlugin = _module("distributed.diagnostics.plugin").WorkerPlugin

    class RulesPlugin(WorkerPlugin):  # type: ignore[misc,valid-type]
        """The run's rule files, written to a folder of each worker as it
        joins (workers that join or restart later too); removed when the
        plugin or the worker goes."""

        def __init__(self, name: str, bundle: Dict[str, bytes]) -> None:
            self.name = name
            self.bundle = bundle
            self.root: Optional[str] = None

        def setup(self, worker: Any) -> None:
            self.root = tempfile.mkdtemp(prefix="cleaner-rules-", dir=worker.local_directory)
            write_bundle(self.root, self.bundle)

        def teardown(self, worker: Any) -> None:
            if self.root:
                shutil.rmtree(self.root, ignore_errors=True)

    return RulesPlugin


def _rules_root(plugin: Optional[str]) -> str:
    """This worker's copy of the run's rule files (see RulesPlugin)."""
    if not plugin:
        return ""
    worker = _module("distributed").get_worker()
    root: Optional[str] = getattr(worker.plugins[plugin], "root", None)
    if not root:
        raise RuntimeError("cleaner.dask: the rules did not reach this worker")
    return root


# ---- shards -----------------------------------------------------------------

class Shard:
    """One input file and where its output and its totals go."""

    def __init__(self, path: str, rel: str, out_dir: str) -> None:
        self.path = path  # as named, for messages
        # the workers' folders are not ours: absolute paths (on shared
        # storage, the same path on every machine)
        self.abspath = os.path.abspath(path)
        m = SHARD_NAME.search(rel)
        self.warc = bool(m and m.group(1) == "warc")
        out_rel = rel[:m.start()] + ".jsonl" + (m.group(2) or "") if m and self.warc else rel
        self.out_shown = os.path.join(out_dir, out_rel)
        out_dir = os.path.abspath(out_dir)
        self.out = os.path.join(out_dir, out_rel)
        self.stats = os.path.join(out_dir, STATE_DIR, out_rel + ".stats.json")


def list_shards(inputs: Sequence[str], out_dir: str) -> Tuple[List[Shard], List[str]]:
    """The shards of the inputs: files named as they are (a name without
    .warc is read as JSONL), folders walked for *.jsonl, *.ndjson, *.warc
    (.gz, .zst), hidden names and the output folder left out. A file named
    keeps its name under OUT_DIR, a folder's files their path below it.
    Returns the shards and the problems that refuse the run."""
    shards: List[Shard] = []
    problems: List[str] = []
    out_real = os.path.realpath(out_dir)
    for inp in inputs:
        if not os.path.isdir(inp):
            shards.append(Shard(inp, os.path.basename(inp), out_dir))
            continue
        for root, dirs, names in os.walk(inp):
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and
                             os.path.realpath(os.path.join(root, d)) != out_real)
            for n in sorted(names):
                p = os.path.join(root, n)
                if n.startswith(".") or not SHARD_NAME.search(n) or not os.path.isfile(p):
                    continue
                shards.append(Shard(p, os.path.relpath(p, inp), out_dir))
    seen: Dict[str, str] = {}
    real_inputs = {os.path.realpath(s.path) for s in shards}
    for s in shards:
        key = os.path.normpath(s.out)
        if key in seen:
            problems.append("%s and %s would both be written to %s" % (seen[key], s.path,
                                                                      s.out_shown))
        seen[key] = s.path
        if os.path.realpath(s.out) in real_inputs:
            problems.append("refusing to write %s over an input" % s.out_shown)
    return shards, problems


def run_shard(path: str, out: str, stats: str, warc: bool, args: Sequence[str],
              rules: Sequence[str], plugin: Optional[str], cli: Optional[str]) -> Dict[str, Any]:
    """Clean one shard on a worker with the `cleaner` command; its totals.
    A shard the command wrote (status 0, or 1 with some documents failed,
    named in the totals) is done; anything else raises, for Dask to retry."""
    root = _rules_root(plugin)
    cmd = [cli or find_cli(), "--warc" if warc else "--jsonl", "-q", "--stats", stats, "-o", out]
    for r in rules:
        cmd += ["-r", root + r]
    cmd += list(args) + ["--", path]
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    os.makedirs(os.path.dirname(os.path.abspath(stats)), exist_ok=True)
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       preexec_fn=_die_with_parent)
    err = p.stderr.decode("utf-8", "replace").strip()
    if root:  # messages name the shipped copies: say the user's paths
        err = err.replace(root + "/", "/")
    if p.returncode not in (0, 1) or not os.path.exists(out):
        raise RuntimeError("cleaner exited %s: %s" % (
            p.returncode if p.returncode >= 0 else "on signal %d" % -p.returncode,
            err.splitlines()[0].replace("cleaner: ", "", 1) if err else "no message"))
    with open(stats, encoding="utf-8") as f:
        totals: Dict[str, Any] = json.load(f)
    totals["seconds"] = time.monotonic() - t0
    return totals


# ---- the run ----------------------------------------------------------------

class Totals:
    """The totals of every shard added up."""

    def __init__(self) -> None:
        self.shards = self.skipped = 0
        self.documents = self.failed = self.bytes_in = self.bytes_out = self.bytes_removed = 0
        self.rules: Dict[str, int] = {}
        self.doc_failures: List[str] = []   # "shard: message"
        self.shard_failures: List[str] = []  # "shard: why"

    def add(self, shard: Shard, t: Dict[str, Any]) -> None:
        self.shards += 1
        for k in ("documents", "failed", "bytes_in", "bytes_out", "bytes_removed"):
            setattr(self, k, getattr(self, k) + int(t.get(k, 0)))
        for rule, hits in t.get("rules", {}).items():
            self.rules[rule] = self.rules.get(rule, 0) + int(hits)
        self.doc_failures += [m.replace(shard.abspath, shard.path) for m in t.get("failures", [])]

    def removed_share(self) -> float:
        return 100.0 * self.bytes_removed / self.bytes_in if self.bytes_in else 0.0

    def top_rules(self, n: int = 5) -> List[Tuple[str, int]]:
        return sorted(self.rules.items(), key=lambda kv: (-kv[1], kv[0]))[:n]

    def as_json(self, workers: int, seconds: float) -> Dict[str, Any]:
        return {"shards": self.shards, "skipped": self.skipped,
                "failed_shards": self.shard_failures, "workers": workers,
                "seconds": round(seconds, 3), "documents": self.documents,
                "failed": self.failed, "bytes_in": self.bytes_in, "bytes_out": self.bytes_out,
                "bytes_removed": self.bytes_removed,
                "removed_percent": round(self.removed_share(), 2), "rules": self.rules,
                "document_failures": self.doc_failures}


def say(msg: str) -> None:
    print("%s: %s" % (PROG, msg), file=sys.stderr, flush=True)


def print_summary(t: Totals, workers: int, seconds: float) -> None:
    notes = ["%d done before, skipped" % t.skipped] if t.skipped else []
    notes += ["%d failed" % len(t.shard_failures)] if t.shard_failures else []
    where = " on %d worker%s" % (workers, "" if workers == 1 else "s") if workers else ""
    say("%d shards%s%s in %.1f s: %d documents (%d failed); %.1f MB in, "
        "%.1f MB out, %.1f%% removed" % (t.shards + len(t.shard_failures),
                                         " (%s)" % "; ".join(notes) if notes else "", where,
                                         seconds, t.documents, t.failed, t.bytes_in / 1e6,
                                         t.bytes_out / 1e6, t.removed_share()))
    if t.rules:
        say("most removals: " + ", ".join("%s %d" % kv for kv in t.top_rules()))
    for m in t.doc_failures[:10]:
        say("failed document: " + m)
    if len(t.doc_failures) > 10:
        say("failed documents: %d more" % (len(t.doc_failures) - 10))
    for m in t.shard_failures:
        say("failed shard: " + m)


def _client(a: argparse.Namespace) -> Tuple[Any, Any]:
    dist = _module("distributed")
    Client, LocalCluster = dist.Client, dist.LocalCluster
    if a.scheduler:
        return Client(a.scheduler, timeout=a.connect_timeout), None
    # the workers' own log of a failed task would bury the summary: shards
    # that fail are named there
    cluster = LocalCluster(
        n_workers=a.workers, threads_per_worker=1, processes=True, dashboard_address=None,
        silence_logs=logging.ERROR)
    return Client(cluster), cluster


def run(a: argparse.Namespace, passthrough: List[str]) -> int:
    t0 = time.monotonic()
    shards, problems = list_shards(a.inputs, a.out_dir)
    for m in problems:
        say(m)
    if problems:
        say("%d name problem%s; nothing was cleaned" % (len(problems),
                                                        "" if len(problems) == 1 else "s"))
        return 2
    if not shards:
        say("no shards (*.jsonl, *.ndjson, *.warc, plain, .gz or .zst) in " + " ".join(a.inputs))
        return 2
    cli = a.cleaner or find_cli()
    rules = [os.path.abspath(r) for r in a.rules]
    if rules or a.no_default_rules:  # errors now, named at their place, not on every worker
        cmd = [cli, "--check"] + (["--no-default-rules"] if a.no_default_rules else [])
        for r in rules:
            cmd += ["-r", r]
        if subprocess.run(cmd, stdout=subprocess.DEVNULL).returncode == 2:
            return 2
    args = passthrough + (["--no-default-rules"] if a.no_default_rules else [])
    totals = Totals()
    todo = []
    for s in shards:
        if os.path.exists(s.out) and not a.force:
            totals.skipped += 1
            try:
                with open(s.stats, encoding="utf-8") as f:
                    totals.add(s, json.load(f))
            except (OSError, ValueError):
                totals.shards += 1  # done by hand or before --stats: counted, not summed
        else:
            todo.append(s)
    if not todo:
        say("all %d shards are done already (--force cleans them again)" % len(shards))
        print_summary(totals, 0, time.monotonic() - t0)
        return 0
    client, cluster = _client(a)
    try:
        plugin = None
        if rules:
            bundle = rule_bundle(cli, rules, a.no_default_rules)
            plugin = PLUGIN_PREFIX + hashlib.sha256(
                b"".join(k.encode() + b"\0" + v for k, v in sorted(bundle.items()))).hexdigest()[:16]
            client.register_worker_plugin(_worker_plugin_class()(plugin, bundle), name=plugin)
        workers = len(client.scheduler_info().get("workers", {}))
        collect(client, todo, totals, (args, rules, plugin, a.cleaner), a.retries)
        if plugin:
            client.unregister_worker_plugin(plugin)  # the workers drop their copies
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    print_summary(totals, workers, time.monotonic() - t0)
    if a.summary_json:
        tmp = a.summary_json + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(totals.as_json(workers, time.monotonic() - t0), f)
            f.write("\n")
        os.replace(tmp, a.summary_json)
    return 1 if totals.shard_failures or totals.failed else 0


def collect(client: Any, todo: List[Shard], totals: Totals, how: Tuple[Any, ...],
            retries: int) -> None:
    """One task per shard, as many at once as the cluster takes; totals and
    failures gathered as they finish."""
    as_completed = _module("distributed").as_completed
    futures = {}
    for i, s in enumerate(todo):
        f = client.submit(run_shard, s.abspath, s.out, s.stats, s.warc, *how,
                          key="cleaner-shard-%d-%s" % (i, hashlib.sha256(
                              s.path.encode()).hexdigest()[:12]),
                          retries=retries, pure=False)
        futures[f.key] = (f, s)
    for f in as_completed([f for f, _ in futures.values()]):
        s = futures[f.key][1]
        try:
            totals.add(s, f.result())
        except Exception as e:  # the task's error after its retries, or a lost worker's
            why = str(e).replace(s.abspath, s.path)
            totals.shard_failures.append("%s: %s (tried %d times)" % (s.path, why, retries + 1))


def parse_args(argv: Sequence[str]) -> Tuple[argparse.Namespace, List[str]]:
    ap = argparse.ArgumentParser(
        prog="python3 -m cleaner.dask",
        description="Clean JSONL and WARC shards (plain, .gz, .zst) on a Dask cluster, one "
                    "task per shard, each as `cleaner --jsonl` or `cleaner --warc` writes it.",
        epilog="Options of `cleaner` for the shards (--html-field, --text-field, "
               "--output-field, --summary-field, --full-report, --output-format, --links, "
               "--images, --max-bytes, --match-limit, --charset, --html-piece, --url, "
               "--page-type) are "
               "passed on to it. Exit status: 0 ok, 1 a shard or a document failed (named), "
               "2 usage, rule or name error (nothing cleaned).")
    ap.add_argument("inputs", nargs="+", metavar="INPUT", help="shards, or folders of shards")
    ap.add_argument("out_dir", metavar="OUT_DIR", help="where the cleaned shards go")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler "
                    "(tcp://HOST:8786); without it a LocalCluster starts")
    ap.add_argument("--workers", type=int, default=min(4, os.cpu_count() or 1),
                    help="LocalCluster: worker processes (default: cores, at most 4)")
    ap.add_argument("-r", "--rules", action="append", default=[], metavar="FILE",
                    help="rule file, after the defaults; repeatable (shipped to the workers "
                    "with what it includes)")
    ap.add_argument("--no-default-rules", action="store_true")
    ap.add_argument("--retries", type=int, default=2,
                    help="tries again a shard whose task failed (default 2)")
    ap.add_argument("--force", action="store_true", help="clean shards whose output exists")
    ap.add_argument("--cleaner", metavar="PATH", help="the `cleaner` command on the workers "
                    "(default: $CLEANER_CLI, the built tree, PATH)")
    ap.add_argument("--summary-json", metavar="FILE", help="write the run's totals as JSON")
    ap.add_argument("--connect-timeout", default="30s", help=argparse.SUPPRESS)
    ap.add_argument("-j", "--jobs", type=int, default=1,
                    help="threads of `cleaner` per shard (default 1: one shard per core)")
    for name, value in PASSTHROUGH:
        kw: Dict[str, Any] = {"metavar": "VALUE"} if value else {"action": "store_true"}
        ap.add_argument(name, dest="pt" + name.replace("-", "_"), help=argparse.SUPPRESS, **kw)
    a = ap.parse_args(argv)
    if a.jobs < 1 or a.retries < 0 or a.workers < 1:
        ap.error("-j and --workers must be at least 1, --retries at least 0")
    passthrough = ["-j", str(a.jobs)]
    for name, value in PASSTHROUGH:
        v = getattr(a, "pt" + name.replace("-", "_"))
        if v:
            passthrough.append(name + "=" + v if value else name)
    return a, passthrough


# options of `cleaner` passed on to it for each shard: (name, takes a value)
PASSTHROUGH = [("--html-field", True), ("--text-field", True), ("--output-field", True),
               ("--summary-field", True), ("--full-report", False), ("--output-format", True),
               ("--links", False), ("--images", False), ("--max-bytes", True),
               ("--match-limit", True), ("--charset", True), ("--html-piece", True),
               ("--url", True), ("--page-type", True)]


def main(argv: Optional[Sequence[str]] = None) -> int:
    a, passthrough = parse_args(sys.argv[1:] if argv is None else argv)
    return run(a, passthrough)


# ---- columns: the binding in the workers' processes ------------------------

class RuleSource:
    """Rules to build on the workers: rule files (read here, with what they
    include) and rule text. Small and picklable; compiled once per process."""

    def __init__(self, files: Sequence[str] = (), text: Optional[str] = None,
                 no_defaults: bool = False) -> None:
        self.files = [os.path.abspath(f) for f in files]
        self.bundle = rule_bundle(find_cli(), self.files, no_defaults) if self.files else {}
        self.text = text
        self.no_defaults = no_defaults
        h = hashlib.sha256(repr((self.files, text, no_defaults)).encode())
        for k, v in sorted(self.bundle.items()):
            h.update(k.encode() + b"\0" + v)
        self.digest = h.hexdigest()

    def __dask_tokenize__(self) -> str:
        return self.digest


_compiled: Dict[str, Any] = {}
_compile_lock = threading.Lock()


def _rules_of(src: Optional[RuleSource]) -> Any:
    """src's compiled Rules in this process (built at its first use)."""
    from .rules import Rules
    key = src.digest if src else ""
    with _compile_lock:
        if key not in _compiled:
            if src is None:
                _compiled[key] = Rules.default()
            else:
                root = tempfile.mkdtemp(prefix="cleaner-rules-")
                try:
                    write_bundle(root, src.bundle)
                    _compiled[key] = Rules(files=[root + f for f in src.files], text=src.text,
                                           no_defaults=src.no_defaults)
                finally:
                    shutil.rmtree(root, ignore_errors=True)
        return _compiled[key]


OUTPUTS = ("body", "text", "markdown")


def _clean_docs(docs: Iterable[Any], urls: Optional[Iterable[Any]], src: Optional[RuleSource],
                output: str, fmt: str) -> List[Optional[str]]:
    rules = _rules_of(src)
    out: List[Optional[str]] = []
    for doc, url in zip(docs, urls if urls is not None else itertools.repeat(None)):
        if doc is None or (isinstance(doc, float) and doc != doc):  # None / NaN: no page
            out.append(None)
            continue
        res = rules.clean(doc, format=fmt, url=url if isinstance(url, str) else None,
                          markdown=output == "markdown")
        out.append(res.body if output == "body" else res.text if output == "text"
                   else res.markdown)
        res.close()
    return out


def _source(rules: Union[None, RuleSource, str, Sequence[str]]) -> Optional[RuleSource]:
    if rules is None or isinstance(rules, RuleSource):
        return rules
    return RuleSource([rules] if isinstance(rules, (str, os.PathLike)) else list(rules))


def _check_output(output: str) -> None:
    if output not in OUTPUTS:
        raise ValueError("cleaner.dask: output must be one of %s, not %r" % (OUTPUTS, output))


def clean_bag(bag: Any, rules: Union[None, RuleSource, str, Sequence[str]] = None, *,
              output: str = "body", format: str = "auto") -> Any:
    """A dask.bag of the clean texts of bag's pages (str or bytes, or
    (page, url) pairs). output: "body" (default: the text `cleaner --jsonl`
    writes, for HTML without the title), "text" (title first, as `cleaner`
    writes a page) or "markdown". rules: None (the defaults), a rule file or
    files, or a RuleSource."""
    delayed = _module("dask.delayed").delayed
    _check_output(output)
    src = delayed(_source(rules), pure=True)  # one key: sent once to each worker

    def part(items: List[Any], src: Optional[RuleSource]) -> List[Optional[str]]:
        items = list(items)
        pairs = [i if isinstance(i, tuple) else (i, None) for i in items]
        return _clean_docs([p[0] for p in pairs], [p[1] for p in pairs], src, output, format)

    return bag.map_partitions(part, src)


def clean_column(df: Any, column: str, out: Optional[str] = None, *,
                 url_column: Optional[str] = None,
                 rules: Union[None, RuleSource, str, Sequence[str]] = None,
                 output: str = "body", format: str = "auto") -> Any:
    """df (a dask or pandas DataFrame) with the clean text of `column`'s
    pages in column `out` (default: `column`, replaced); the pages' URLs
    from `url_column` for rules scoped to sites. output and rules as in
    clean_bag(). A missing page (None, NaN) stays missing."""
    delayed = _module("dask.delayed").delayed
    _check_output(output)
    target = out or column
    src_obj = _source(rules)

    def part(pdf: Any, src: Optional[RuleSource]) -> Any:
        pdf = pdf.copy()
        urls = pdf[url_column].tolist() if url_column else None
        # a list of str and None: a column of dtype object, as the meta says
        pdf[target] = _clean_docs(pdf[column].tolist(), urls, src, output, format)
        return pdf

    if not hasattr(df, "map_partitions"):  # a pandas DataFrame: here, now
        return part(df, src_obj)
    meta = df._meta.assign(**{target: df._meta[column].astype(object)})
    return df.map_partitions(part, delayed(src_obj, pure=True), meta=meta)


if __name__ == "__main__":
    # the functions the workers run must come from the importable module
    from cleaner.dask import main as _main
    sys.exit(_main())

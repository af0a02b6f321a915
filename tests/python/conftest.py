"""Shared fixtures of the Python package's tests (run by tests/python.sh,
which sets CLEANER_BIN, CLEANER_SRCDIR, CLEANER_LIBRARY and PYTHONPATH)."""
import json
import os
import subprocess

import pytest

import cleaner

SRCDIR = os.environ.get("CLEANER_SRCDIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("CLEANER_BIN", os.path.join(SRCDIR, "cleaner", "cleaner"))
FIXTURES = os.path.join(SRCDIR, "fixtures")


def fixture_names():
    return sorted(d for d in os.listdir(FIXTURES) if os.path.isdir(os.path.join(FIXTURES, d)))


def fixture_input(name):
    d = os.path.join(FIXTURES, name)
    for f in ("input.html", "input.txt"):
        if os.path.exists(os.path.join(d, f)):
            return os.path.join(d, f)
    raise FileNotFoundError(name)


def fixture_url(name):
    p = os.path.join(FIXTURES, name, "url")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return f.read().strip()


def fixture_rules(name):
    p = os.path.join(FIXTURES, name, "rules")
    return p if os.path.exists(p) else None


def read(path):
    with open(path, "rb") as f:
        return f.read()


def cli(*args, stdin=None):
    """Run the cleaner command; (status, stdout bytes, stderr str)."""
    p = subprocess.run([BIN, *args], input=stdin, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8", "replace")


def cli_report(*args, stdin=None):
    """The JSON report the command writes for one input, without "input"."""
    rc, out, err = cli("--report=-", "--report-format=json", "-o", "/dev/null", *args, stdin=stdin)
    assert rc == 0, err
    rep = json.loads(out)
    rep.pop("input", None)
    return rep


@pytest.fixture(scope="session")
def rules():
    with cleaner.Rules.default() as r:
        yield r


@pytest.fixture(scope="session")
def article():
    return read(fixture_input("html-main-article"))

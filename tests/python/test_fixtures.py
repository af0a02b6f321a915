"""The binding gives the command's bytes: on every fixture, text is what
`cleaner` writes (and expected.txt), the report is expected.json, and body
is the text `cleaner --jsonl` writes."""
import json
import os

import pytest

import cleaner
from conftest import FIXTURES, cli, fixture_input, fixture_names, fixture_rules, fixture_url, read

NAMES = fixture_names()


@pytest.fixture(scope="module")
def rule_sets():
    sets = {}
    yield sets
    for r in sets.values():
        r.close()


def rules_for(name, rule_sets):
    path = fixture_rules(name)
    if path not in rule_sets:
        rule_sets[path] = cleaner.Rules.load([path] if path else [])
    return rule_sets[path]


@pytest.mark.parametrize("name", NAMES)
def test_text_is_the_commands(name, rule_sets):
    path, url = fixture_input(name), fixture_url(name)
    res = rules_for(name, rule_sets).clean(read(path), url=url)
    args = (["-r", fixture_rules(name)] if fixture_rules(name) else []) + \
        (["--url", url] if url else [])
    rc, out, err = cli(*args, path)
    assert rc == 0, err
    assert res.text_bytes == out
    assert res.text_bytes == read(os.path.join(FIXTURES, name, "expected.txt"))
    want = json.loads(read(os.path.join(FIXTURES, name, "expected.json")))
    want.pop("input", None)
    assert res.report == want


def test_body_is_the_jsonl_text(rules):
    names = [n for n in NAMES if fixture_input(n).endswith(".html")][:8]
    lines = b"".join(json.dumps({"id": n, "html": read(fixture_input(n)).decode("utf-8", "replace")})
                     .encode() + b"\n" for n in names)
    rc, out, err = cli("--jsonl", "-j", "2", stdin=lines)
    assert rc == 0, err
    rows = [json.loads(l) for l in out.splitlines()]
    assert [r["id"] for r in rows] == names
    for n, row in zip(names, rows):
        doc = json.loads(lines.splitlines()[names.index(n)])["html"]
        res = rules.clean(doc)
        assert res.body == row["text"], n
        assert res.page_type == row["cleaner"]["page_type"]
        assert res.totals.bytes_removed == row["cleaner"]["removed_bytes"]

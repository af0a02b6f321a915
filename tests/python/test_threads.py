"""Threads: clean_many gives what one thread gives, in input order; one
Rules serves many threads at once; the GIL is let go while C cleans."""
import threading

import pytest

import cleaner
from conftest import fixture_input, fixture_names, read


@pytest.fixture(scope="module")
def pages():
    return [read(fixture_input(n)) for n in fixture_names()]


def outputs(results):
    return [(r.text_bytes, r.report_json, r.markdown) for r in results]


def test_clean_many_threads_give_one_threads_results_in_order(rules, pages):
    one = outputs(rules.clean(p) for p in pages)
    assert outputs(rules.clean_many(pages, threads=1)) == one
    for n in (2, 4):
        assert outputs(rules.clean_many(pages, threads=n)) == one
    # more documents than the 4 x threads in flight, from a generator
    many = pages * 3
    assert outputs(rules.clean_many(iter(many), threads=2)) == one * 3


def test_clean_many_passes_options_and_urls(rules, pages):
    got = [r.format for r in rules.clean_many(pages[:5], threads=2, format="text")]
    assert got == ["text"] * 5
    with pytest.raises(cleaner.InvalidArgumentError):
        next(iter(rules.clean_many(pages[:1], threads=2, format="html", markdown=False)))\
            .markdown
    assert list(rules.clean_many([], threads=3)) == []


def test_clean_many_errors_raise_or_return(rules):
    docs = [b"fine\n", 42, b"also fine\n", ("a", "b", "c"), "\ud800 lone surrogate"]
    for n in (1, 2):
        with pytest.raises(TypeError):
            list(rules.clean_many(docs, threads=n))
        got = list(rules.clean_many(docs, threads=n, errors="return"))
        assert [type(g).__name__ for g in got] == [
            "Result", "TypeError", "Result", "ValueError", "UnicodeEncodeError"]
        assert got[2].text == "also fine\n"
    with pytest.raises(ValueError):
        list(rules.clean_many(docs, threads=0))
    with pytest.raises(ValueError):
        list(rules.clean_many(docs, errors="ignore"))


def test_clean_many_stopped_early_cleans_up(rules, pages):
    it = rules.clean_many(pages * 4, threads=2)
    first = next(it)
    it.close()  # cancels what is queued, waits for what runs
    assert first.text_bytes == rules.clean(pages[0]).text_bytes


def test_one_rules_many_threads(rules, pages):
    want = [rules.clean(p).report_json for p in pages]
    got = {}
    errors = []

    def work(k):
        try:
            got[k] = [rules.clean(p).report_json for p in pages]
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert errors == []
    assert all(got[k] == want for k in range(4))


def test_the_gil_is_released_while_c_cleans(rules):
    # One clean of a large page on a thread; the main thread counts while it
    # runs. Were the GIL held through the C call, the count could not move
    # until the call returned.
    page = b"<!DOCTYPE html><html><body>" + b"<p>A sentence of prose, again.</p>\n" * 200000 + \
        b"</body></html>"
    inside = threading.Event()
    done = threading.Event()

    def work():
        inside.set()
        rules.clean(page, markdown=False)
        done.set()

    t = threading.Thread(target=work)
    t.start()
    inside.wait()
    count = 0
    while not done.is_set():
        count += 1
    t.join()
    assert count > 1000

"""Every call of the package: loading rules three ways, clean and its
options, the Result's properties, and the objects' lifetimes."""
import gc
import json
import os
import pathlib
import pickle
import subprocess
import sys
import weakref

import pytest

import cleaner
from conftest import cli, cli_report, fixture_input, read

TEXT_PAGE = b"Skip to main content\nA paragraph about pears.\nShare this\nThe end.\n"


def test_version_is_the_commands(rules):
    rc, out, _ = cli("--version")
    assert rc == 0
    assert out.decode().split()[-1] == cleaner.__version__


def test_library_is_this_trees():
    assert cleaner.library_path() == os.environ["CLEANER_LIBRARY"]


def test_default_rules_are_many_and_from_text_adds_one(rules):
    assert len(rules) > 10
    with cleaner.Rules.from_text('share: drop /^Share this$/\n') as more:
        assert len(more) == len(rules) + 1
    with cleaner.Rules.from_text('share: drop /^Share this$/', no_defaults=True) as only:
        assert len(only) == 1
        res = only.clean(TEXT_PAGE, format="text")
        assert res.text == "Skip to main content\nA paragraph about pears.\nThe end.\n"
        assert [r.rule for r in res.removals] == ["share"]


def test_load_one_path_a_pathlike_or_a_list_in_order(tmp_path):
    a = tmp_path / "a.rules"
    a.write_text("pears: drop /pears/\n")
    b = tmp_path / "b.rules"
    b.write_text("disable pears\nend: drop /^The end\\.$/\n")
    assert [r.rule for r in cleaner.Rules.load(str(a), no_defaults=True)
            .clean(TEXT_PAGE, "text").removals] == ["pears"]
    with cleaner.Rules.load(pathlib.Path(a), no_defaults=True) as r:
        assert len(r) == 1
    with cleaner.Rules.load([a, b], no_defaults=True) as r:
        res = r.clean(TEXT_PAGE, "text")
        assert [x.rule for x in res.removals] == ["end"]
    # the defaults come first: the same as the command with -r
    with cleaner.Rules.load([a]) as r:
        res = r.clean(TEXT_PAGE, "text")
        rc, out, err = cli("-r", str(a), stdin=TEXT_PAGE)
        assert rc == 0, err
        assert res.text_bytes == out


def test_from_text_includes_relative_to_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "inc.rules").write_text("pears: drop /pears/\n")
    monkeypatch.chdir(tmp_path)
    with cleaner.Rules.from_text('include "inc.rules"\n', no_defaults=True) as r:
        assert len(r) == 1


def test_formats(rules):
    html = b"<p>Skip to main content</p><p>Hello there, a sentence of prose.</p>"
    assert rules.clean(html).format == "html"  # starts like a page
    assert rules.clean(b"Hello.\n" + html).format == "text"
    assert rules.clean(html, format="html").format == "html"
    assert rules.clean(b"<!DOCTYPE html>" + html).format == "html"
    assert rules.clean(TEXT_PAGE, format="text").format == "text"
    with pytest.raises(ValueError):
        rules.clean(html, format="pdf")
    with pytest.raises(TypeError):
        rules.clean(12)
    with pytest.raises(TypeError):
        rules.clean(html, url=b"https://example.com/")


def test_bytes_like_inputs_are_the_same(rules, article):
    want = rules.clean(article).text_bytes
    assert rules.clean(bytearray(article)).text_bytes == want
    assert rules.clean(memoryview(article)).text_bytes == want
    assert rules.clean(article.decode("utf-8")).text_bytes == want


def test_html_result(rules, article):
    with rules.clean(article) as res:
        assert res.format == "html"
        assert res.charset == "UTF-8"
        assert res.title == "Orchard volunteers save a forgotten pear"
        assert res.metadata == {"title": res.title, "author": None, "date": None,
                                "url": None, "language": "en"}
        assert res.page_type == "article"
        assert res.page_signals == ()  # none: an HTML page reads as an article
        assert res.text.startswith(res.title + "\n\n")
        assert res.text_bytes.endswith(res.body_bytes)
        assert res.text == res.text_bytes.decode()
        assert res.body == res.body_bytes.decode()
        t = res.totals
        assert (t.bytes_in, t.bytes_removed, t.blocks_removed) == (len(article), 1247, 16)
        assert res.warnings == ()
        assert "Orchard" in res.report_text and "main-content" in res.report_text
        assert res.report_html.lstrip().lower().startswith("<!doctype html")


def test_text_result_knows_no_metadata(rules):
    res = rules.clean(TEXT_PAGE)
    assert res.format == "text"
    assert res.charset is None
    assert res.metadata == dict.fromkeys(("title", "author", "date", "url", "language"))
    assert res.title is None
    assert res.page_type is None
    assert res.markdown == res.text  # a text input's Markdown is its clean text
    assert res.body_bytes == res.text_bytes


def test_report_json_and_document_json_are_the_commands(rules):
    for name in ("html-main-article", "seed-002-cnn-russia-icy", "html-product-page"):
        path = fixture_input(name)
        res = rules.clean(read(path))
        assert json.loads(res.report_json) == cli_report(path)
        assert res.report == json.loads(res.report_json)
        rc, out, err = cli("--output-format=json", path)
        assert rc == 0, err
        assert json.loads(res.document_json) == json.loads(out)
        assert res.document_json.encode() + b"\n" == out


def test_page_type_and_signals_are_the_commands(rules):
    path = fixture_input("html-product-page")
    res = rules.clean(read(path))
    rc, out, err = cli("--output-format=json", path)
    assert rc == 0, err
    want = json.loads(out)["page_type"]
    assert res.page_type == want["type"] == "product"
    assert [(s.name, s.type, s.weight) for s in res.page_signals] == [
        (s["name"], s["type"], s["weight"]) for s in want["signals"]]
    assert res.page_signals


def test_forced_page_type_is_the_commands(rules):
    path = fixture_input("trap-article-product-reviews")
    res = rules.clean(read(path), page_type="product")
    rc, out, err = cli("--output-format=json", "--page-type=product", path)
    assert rc == 0, err
    want = json.loads(out)
    assert res.page_type == want["page_type"]["type"] == "product"
    assert (res.page_signals[0].name, res.page_signals[0].type) == ("forced", "product")
    assert res.text.encode() == cli("--page-type=product", path)[1]
    assert "product-reviews" in {r.rule for r in res.removals}
    assert rules.clean(read(path)).page_type == "article"
    with pytest.raises(cleaner.InvalidArgumentError, match="unknown page type 'shop'"):
        rules.clean(read(path), page_type="shop")
    with pytest.raises(TypeError):
        rules.clean(read(path), page_type=b"product")  # type: ignore[arg-type]


def test_wrap_width_is_the_commands(rules):
    # a dump wrapped at 80 columns: its paragraphs are blocks; off: lines
    path = fixture_input("real-text-cityam-lynx-80")
    auto, off = rules.clean(read(path)), rules.clean(read(path), wrap_width=-1)
    assert auto.text.encode() == cli(path)[1]
    assert off.text.encode() == cli("--wrap=off", path)[1]
    assert rules.clean(read(path), wrap_width=77).text.encode() == cli("--wrap=77", path)[1]
    assert auto.totals.blocks < off.totals.blocks
    with pytest.raises(cleaner.InvalidArgumentError, match="wrap_width 5"):
        rules.clean(read(path), wrap_width=5)


def test_rule_stats_sum_to_the_totals(rules):
    res = rules.clean(read(fixture_input("seed-002-cnn-russia-icy")))
    assert [(s.rule, s.action, s.hits, s.blocks, s.bytes) for s in res.rule_stats] == [
        (s["id"], s["action"], s["hits"], s["blocks"], s["bytes"]) for s in res.report["rules"]]
    removing = [s for s in res.rule_stats if s.action != "keep"]
    assert sum(s.bytes for s in removing) == res.totals.bytes_removed
    assert sum(s.hits for s in removing) == len(res.removals)
    by_id = {s.rule: s for s in res.rule_stats}
    for r in res.removals:
        assert by_id[r.rule].action == r.action


def test_url_scopes_site_rules(rules):
    with cleaner.Rules.from_text("@site example.com\npears: drop /pears/\n", no_defaults=True) as r:
        page = b"A paragraph about pears.\nAnother about apples.\n"
        assert r.clean(page, url="https://www.example.com/x").text == "Another about apples.\n"
        assert r.clean(page, url="https://example.org/x").text_bytes == page
        assert r.clean(page).text_bytes == page
        got = list(r.clean_many([(page, "https://example.com/"), page], threads=2))
        assert [g.text_bytes for g in got] == [b"Another about apples.\n", page]


def test_charset_and_match_limit(rules):
    latin1 = "<html><body><p>Caf\u00e9 cr\u00e8me, a long enough sentence of prose.</p></body></html>"
    res = rules.clean(latin1.encode("latin-1"), charset="ISO-8859-1")
    assert res.charset == "WINDOWS-1252"  # what browsers read ISO-8859-1 as
    assert "Caf\u00e9 cr\u00e8me" in res.text
    # a label iconv does not know: read as UTF-8, as the library does
    res = rules.clean(latin1.encode("utf-8"), charset="no-such-charset")
    assert res.charset == "UTF-8" and "Caf\u00e9 cr\u00e8me" in res.text
    with cleaner.Rules.from_text("slow: drop /(a|aa)+$/\n", no_defaults=True) as r:
        res = r.clean(b"a" * 40 + b"b\n", format="text", match_limit=1000)
        assert res.warnings and "slow" in res.warnings[0]
        assert res.text_bytes == b"a" * 40 + b"b\n"


def test_markdown_is_the_commands(rules):
    for name in ("html-br-lists-table", "html-pre-code-lines", "real-html-docs-go-tutorial"):
        path = fixture_input(name)
        page = read(path)
        for flags, kw in (([], {}), (["--links", "--images"], {"links": True, "images": True})):
            rc, out, err = cli("--output-format=markdown", *flags, path)
            assert rc == 0, err
            assert rules.clean(page, **kw).markdown.encode() == out


def test_markdown_shape(rules):
    page = (b"<!DOCTYPE html><html><body><article><h1>Title</h1><h2>Part one</h2>"
            b"<p>Some <em>prose</em> with <a href='/x'>a link</a> in it.</p>"
            b"<ul><li>one</li><li>two</li></ul><pre><code class='language-c'>int x;</code></pre>"
            b"</article></body></html>")
    md = rules.clean(page, url="https://example.com/a/", links=True).markdown
    assert md.startswith("# Title\n\n## Part one")  # the headline, dropped as the title, first
    assert "*prose*" in md or "_prose_" in md
    assert "[a link](https://example.com/x)" in md
    assert "- one\n- two" in md
    assert "```c\nint x;\n```" in md


def test_markdown_needs_markdown_on(rules, article):
    res = rules.clean(article, markdown=False)
    with pytest.raises(cleaner.InvalidArgumentError):
        res.markdown
    assert res.text == rules.clean(article).text  # the text does not change


def test_result_close_and_with(rules, article):
    res = rules.clean(article)
    title = res.title
    res.close()
    res.close()  # twice is fine
    assert res.title == title  # read before: kept
    with pytest.raises(ValueError):
        res.text
    with rules.clean(article) as res2:
        assert res2.removals
    with pytest.raises(ValueError):
        res2.report_json
    assert "closed" in repr(res2)


def test_rules_close_waits_for_its_results(article):
    r = cleaner.Rules.default()
    handle = weakref.ref(r._h)
    res = r.clean(article)
    r.close()
    with pytest.raises(ValueError):
        r.clean(article)
    with pytest.raises(ValueError):
        len(r)
    gc.collect()
    assert handle() is not None  # the result still needs the rule set
    assert res.removals[0].rule == "main-content"
    res.close()
    assert handle() is None  # freed as soon as the last user let go


def test_rules_with_block_frees_at_its_end():
    with cleaner.Rules.default() as r:
        handle = weakref.ref(r._h)
        assert "rules" in repr(r)
    assert handle() is None
    assert "closed" in repr(r)


def test_pickled_rules_compile_again(tmp_path, article):
    f = tmp_path / "a.rules"
    f.write_text("pears: drop /pears/\n")
    with cleaner.Rules.load([f]) as r:
        with pickle.loads(pickle.dumps(r)) as r2:
            assert len(r2) == len(r)
            assert r2.clean(TEXT_PAGE).text_bytes == r.clean(TEXT_PAGE).text_bytes
            assert r2.clean(article).report_json == r.clean(article).report_json
    with cleaner.Rules.from_text("x: drop /^The end/", no_defaults=True, name="mine") as r:
        r2 = pickle.loads(pickle.dumps(r))
        assert len(r2) == 1 and r2.clean(TEXT_PAGE).text.endswith("Share this\n")
    with cleaner.Rules.load([f]) as r:
        data = pickle.dumps(r)
    f.unlink()  # the sources are paths: gone, the copy fails to load
    with pytest.raises(cleaner.CleanerIOError):
        pickle.loads(data)


def test_results_and_handles_refuse_pickle(rules, article):
    # a copy would hold the C pointer of an object it does not own
    res = rules.clean(article)
    with pytest.raises(TypeError):
        pickle.dumps(res)
    with pytest.raises(TypeError):
        pickle.dumps(rules._h)


def import_in_child(**env):
    """library_path() of `import cleaner` in a fresh python3 with env changes."""
    e = {k: v for k, v in os.environ.items() if k != "CLEANER_LIBRARY"}
    e.update(env)
    code = "import cleaner; print(cleaner.library_path())"
    return subprocess.run([sys.executable, "-c", code], env=e, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)


def test_import_finds_its_trees_library():
    pkg_top = os.path.dirname(os.path.dirname(os.path.abspath(cleaner.__file__)))
    so = os.path.join(os.path.dirname(pkg_top), "cleaner", ".libs", "libcleaner.so")
    if not os.path.exists(so):
        pytest.skip("the package's tree has no built library (a VPATH build)")
    r = import_in_child()
    assert r.returncode == 0, r.stderr.decode()
    assert r.stdout.decode().strip() == os.path.normpath(so)


def test_cleaner_library_names_it_or_fails_clearly(tmp_path):
    r = import_in_child(CLEANER_LIBRARY=os.environ["CLEANER_LIBRARY"])
    assert r.stdout.decode().strip() == os.environ["CLEANER_LIBRARY"]
    r = import_in_child(CLEANER_LIBRARY=str(tmp_path / "none.so"))
    assert r.returncode != 0
    err = r.stderr.decode()
    assert "ImportError" in err and "none.so" in err and "CLEANER_LIBRARY" in err

"""Awkward inputs: empty, unicode, invalid UTF-8, NUL bytes, other charsets:
no exception, nothing lost, the same bytes as the command."""
import pytest

from conftest import cli, fixture_input, read


@pytest.mark.parametrize("doc", [b"", "", b"\n\n", b"<!DOCTYPE html>", b"<html></html>"])
def test_empty_inputs(rules, doc):
    res = rules.clean(doc)
    assert res.text_bytes.strip() == b""
    assert res.removals == ()
    data = doc.encode() if isinstance(doc, str) else doc
    rc, out, err = cli(stdin=data)
    assert rc == 0, err
    assert res.text_bytes == out


def test_unicode_str_in_str_out(rules):
    doc = "Καλημέρα κόσμε, ένα κείμενο.\n日本語の文章です。\nEmoji 🍐 pears.\n"
    res = rules.clean(doc, format="text")
    assert res.text == doc
    html = "<!DOCTYPE html><html><body><p>%s</p></body></html>" % doc.replace("\n", " ")
    assert "日本語の文章です。" in rules.clean(html).text


def test_invalid_utf8_and_nul_bytes_kept_in_text(rules):
    doc = b"A line with \xff\xfe bad bytes and a \x00 NUL, kept as it is.\nSecond line.\n"
    res = rules.clean(doc, format="text")
    assert res.text_bytes == doc  # byte for byte
    assert "\ufffd" in res.text  # the str reads bad bytes as U+FFFD
    assert "\x00" in res.text
    rc, out, err = cli("--format=text", stdin=doc)
    assert rc == 0, err
    assert out == doc


def test_surrogateescape_str_round_trips(rules):
    raw = b"Bytes \xe9t\xe9 not UTF-8.\n"
    res = rules.clean(raw.decode("utf-8", "surrogateescape"), format="text")
    assert res.text_bytes == raw


def test_invalid_utf8_in_html_is_decoded_and_counted(rules):
    page = b"<!DOCTYPE html><html><head><meta charset=utf-8></head><body>" \
        b"<p>Caf\xe9 au lait is a sentence of prose with a bad byte.</p></body></html>"
    res = rules.clean(page)
    assert "\ufffd" in res.text
    assert res.totals.replaced_bytes == 1
    rc, out, err = cli(stdin=page)
    assert rc == 0, err
    assert res.text_bytes == out


def test_other_charset_page(rules):
    path = fixture_input("html-charset-latin1")
    res = rules.clean(read(path))
    assert res.charset == "WINDOWS-1252"
    assert res.text_bytes == read(path.rsplit("/", 1)[0] + "/expected.txt")
    res.text_bytes.decode("utf-8")  # decoded to UTF-8


def test_removal_text_of_invalid_bytes(rules):
    from cleaner import Rules
    with Rules.from_text("bad: drop /^Share/\n", no_defaults=True) as r:
        res = r.clean(b"Keep me.\nShare \xff this\n", format="text")
        (rm,) = res.removals
        assert rm.text_bytes == b"Share \xff this\n"
        assert rm.text == "Share \ufffd this\n"

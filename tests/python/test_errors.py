"""Rule errors as Python exceptions: the class of each CLN_E* code, the
position (file, line, column, offset) and source line, every error of a
load, and the same text the command prints."""
import pytest

import cleaner
from conftest import cli


def cli_errors(path):
    """The command's error blocks for a rule file (its stderr, less the count)."""
    rc, _, err = cli("-r", str(path), stdin=b"")
    assert rc == 2
    return err.rsplit("cleaner: ", 1)[0].rstrip("\n")


def load_error(path):
    with pytest.raises(cleaner.CleanerError) as e:
        cleaner.Rules.load(path)
    return e.value


def test_syntax_errors_all_of_them_with_position(tmp_path):
    f = tmp_path / "bad.rules"
    f.write_text("ok1: drop /x/\nbad: dorp /y/\nok2: drop /z/\nok1: drop /q/\n")
    e = load_error(f)
    assert isinstance(e, cleaner.RuleSyntaxError)
    assert (e.file, e.line, e.column) == (str(f), 2, 6)
    assert e.source_line == "bad: dorp /y/"
    assert e.offset == len("ok1: drop /x/\n") + 5
    assert "unknown action 'dorp'" in e.message
    assert e.code == -3
    assert [type(x) for x in e.errors] == [cleaner.RuleSyntaxError, cleaner.DuplicateRuleIdError]
    assert e.errors[0] is e
    assert e.errors[1].line == 4 and e.errors[1].source_line == "ok1: drop /q/"
    # the same text as the command: "file:line:col: error: ...", the line, a caret
    assert "\n".join(str(x) for x in e.errors) == cli_errors(f)
    assert str(e).splitlines()[2] == "         ^"


@pytest.mark.parametrize("text, cls, line, column", [
    ("a: drop /x(/\n", cleaner.RegexError, 1, 12),            # in the pattern
    ("a: drop /x/\na: drop /y/\n", cleaner.DuplicateRuleIdError, 2, 1),
    ('include "nope.rules"\n', cleaner.IncludeError, 1, 9),   # at the file name
], ids=["regex", "duplicate-id", "missing-include"])
def test_error_class_and_position(tmp_path, text, cls, line, column):
    f = tmp_path / "r.rules"
    f.write_text(text)
    e = load_error(f)
    assert type(e) is cls
    assert (e.file, e.line, e.column) == (str(f), line, column)
    assert e.source_line == text.splitlines()[line - 1]
    assert str(e) == cli_errors(f)


def test_missing_file_is_an_oserror(tmp_path):
    f = tmp_path / "none.rules"
    e = load_error(f)
    assert isinstance(e, cleaner.CleanerIOError) and isinstance(e, OSError)
    assert e.file == str(f) and e.line == 0 and e.source_line == ""
    assert str(e) == cli_errors(f)


def test_from_text_errors_name_the_text():
    with pytest.raises(cleaner.RuleSyntaxError) as e:
        cleaner.Rules.from_text("good: drop /x/\nbad: drop /\u00e9t\u00e9/ frob=1\n", name="mine")
    e = e.value
    assert e.file == "mine" and e.line == 2
    # the caret stands under the character, though the column counts bytes
    lines = str(e).splitlines()
    assert lines[0].startswith("mine:2:")
    assert lines[1] == "    " + e.source_line
    assert lines[2].index("^") == lines[1].index("frob")
    with pytest.raises(cleaner.CleanerError) as e2:
        cleaner.Rules.from_text("x: drop /(/")
    assert e2.value.file == "<rules>"


def test_errors_are_one_hierarchy():
    for cls in (cleaner.RuleSyntaxError, cleaner.RegexError, cleaner.DuplicateRuleIdError,
                cleaner.IncludeError, cleaner.CleanerIOError, cleaner.InvalidArgumentError,
                cleaner.DocumentTooBigError, cleaner.CleanerMemoryError):
        assert issubclass(cls, cleaner.CleanerError)
        assert cls.code < 0
    assert issubclass(cleaner.InvalidArgumentError, ValueError)
    assert issubclass(cleaner.CleanerMemoryError, MemoryError)

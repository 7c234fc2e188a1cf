"""The two catalogues, and messages and human formats in the reader's language. (That the
machine formats never change with it is the scripts' contract: tests/test_json_contract.py.)"""

from __future__ import annotations

import string
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcli.i18n import DA, EN, IDS_SHOWN, Ids, Msg, Tr, percent, text
from tests.conftest import run

KEYS = {value for name, value in vars(Msg).items() if not name.startswith("_")}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


# Danish may leave out what a Danish reader needs no gloss for: the English name of a
# Danish administration; and what is written in English only: a transcription remark (the
# remarks' heading says in Danish where to read them).
DANISH_LEAVES_OUT = {
    Msg.department_line: {"name_en"},
    Msg.remark_line: {"text"},
}


def test_both_catalogues_cover_every_key_with_the_same_placeholders() -> None:
    assert EN.keys() == KEYS == DA.keys()
    for key in KEYS:
        assert _fields(EN[key]) - DANISH_LEAVES_OUT.get(key, set()) == _fields(DA[key]), key


# Words Danish writes as English does; any other message with one text for both languages
# is only placeholders and punctuation.
SAID_ALIKE = {"id", "status", "budget", "note"}


def test_a_message_said_alike_in_both_languages_has_no_words_to_translate() -> None:
    """A message declared with its English only (``_said("...")``) is Danish too: that is
    right for placeholders and punctuation and a few shared words, never for a sentence."""
    import re

    alike = [key for key in KEYS if EN[key] == DA[key]]
    assert alike, "the shared form is used (placeholders only)"
    for key in alike:
        words = re.findall(r"[^\W\d_]+", re.sub(r"\{[^}]*\}", "", EN[key]))
        assert {w.lower() for w in words} <= SAID_ALIKE, (key, EN[key])


def test_a_text_is_written_in_the_readers_language() -> None:
    said = text(
        Msg.counted_actual,
        year=2018,
        id="igu-elev",
        actual=Decimal("0.11759"),
        budget=Decimal("0.205"),
    )
    assert (
        Tr("en").text(said)
        == "2018: igu-elev counted at actual spend 0.11759 instead of budget 0.205"
    )
    assert "0,11759" in Tr("da").text(said) and "faktisk forbrug" in Tr("da").text(said)


def test_long_id_lists_name_a_handful_and_count_the_rest() -> None:
    ids = tuple(f"a{i}" for i in range(IDS_SHOWN + 745))
    said = Tr("en").value(Ids(ids))
    assert said.endswith("and 745 more") and said.count(",") == IDS_SHOWN - 1
    assert Tr("da").value(Ids(ids)).endswith("og 745 flere")
    # One more than the handful is named rather than counted ("and 1 more" saves nothing).
    assert Tr("en").value(Ids(ids[: IDS_SHOWN + 1])).count(",") == IDS_SHOWN


def test_danish_percentages_have_a_space_and_a_comma() -> None:
    assert percent(Decimal("-50.1"), "da") == "-50,1 %"
    assert percent(Decimal("-50.1"), "en") == "-50.1%"


@pytest.mark.parametrize(
    "args",
    [
        ["total", "--format", "xml"],
        ["total", "-o", "t.pdf"],
        ["list", "--format", "xlsx"],  # a file format with nowhere to go
        ["export", "x.pdf"],
        ["export", "x.json", "--format", "markdown"],
    ],
)
def test_a_bad_format_exits_2_before_the_data_is_read(
    args: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from budgetcli.source import loader

    calls: list[Path] = []
    monkeypatch.setattr(loader, "load", lambda path, **_: calls.append(path))
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2, result.stderr
    assert calls == []
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("args", "english", "danish"),
    [
        (["total", "-y", "2031"], "no year 2031 in the data", "året 2031 findes ikke i data"),
        (["show", "welcome-haus"], "did you mean welcome-house", "mente du welcome-house"),
        (["list", "-d", "XYZ"], "no department 'XYZ'", "ingen forvaltning 'XYZ'"),
        (["expiring", "-y", "2022"], "choose a year from 2018", "vælg et år fra 2018"),
        (["total", "-o", "t.pdf"], "add --format", "tilføj --format"),
    ],
)
def test_usage_errors_follow_the_language(
    args: list[str], english: str, danish: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    said = run(*args)
    assert said.exit_code == 2 and english in said.stderr
    for env, extra in (({}, ["--lang", "da"]), ({"BUDGETCLI_LANG": "da"}, [])):
        told = run(*args, *extra, env=env)
        assert told.exit_code == 2 and danish in told.stderr, told.stderr
        assert len(told.stderr.splitlines()) == 1


def test_comparing_a_year_with_itself_is_a_usage_error() -> None:
    said = run("compare", "2019", "2019")
    assert said.exit_code == 2 and "not 2019 with itself" in said.stderr
    assert "ikke 2019 med sig selv" in run("compare", "2019", "2019", "--lang", "da").stderr


def test_each_message_is_declared_once_with_both_languages_side_by_side() -> None:
    import ast
    from pathlib import Path

    from budgetcli import i18n

    source = Path(i18n.__file__).read_text(encoding="utf-8")
    tree = ast.parse(source)
    (msg,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Msg"]
    declared = [n for n in msg.body if isinstance(n, ast.AnnAssign)]
    assert len(declared) == len(i18n.EN) == len(i18n.DA)
    for declaration in declared:
        assert isinstance(declaration.value, ast.Call), ast.dump(declaration.target)
        said = declaration.value.func
        assert isinstance(said, ast.Name) and said.id == "_said"
    # No second copy of the words anywhere in the package: no dict keyed by a Msg key.
    package = Path(i18n.__file__).parent
    for path in package.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Dict):
                keys = [k for k in node.keys if isinstance(k, ast.Attribute)]
                assert not any(
                    isinstance(k.value, ast.Name) and k.value.id == "Msg" for k in keys
                ), path


def test_every_message_is_said_somewhere_in_the_package() -> None:
    """A message no code names is dead words to translate: each key is named beyond its
    declaration (``Msg.key`` or the string ``"key"``), or is a filter's title or heading, which
    filtering.py finds by the filter's name."""
    import re

    from budgetcli import i18n
    from budgetcli.filtering import FILTERS

    package = Path(i18n.__file__).parent
    code = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py"))
    declaration = re.compile(r"^    [a-z][a-z0-9_]*: Final\[str\]", re.MULTILINE)
    named = set(re.findall(r"\b[a-z][a-z0-9_]*\b", declaration.sub("", code)))
    by_filter = {f"{kind}_{f.name}" for f in FILTERS for kind in ("filter", "report_f")}
    assert sorted(KEYS - named - by_filter) == []

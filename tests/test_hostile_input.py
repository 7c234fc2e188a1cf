"""Hostile or careless data files: nothing lost, nothing injected, never an internal error.

Every case is a real file written to a temporary directory and run through the CLI; each
problem is one line naming the file, the line and the field.
"""

from __future__ import annotations

import json
import time
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import synthetic_yaml
from budgetcli import filtering, folding, queries
from budgetcli.errors import UsageError
from budgetcli.model import Dataset
from budgetcli.results import Filters
from tests.conftest import run, synthetic, write_data

BASE = """\
period: {first: 2018, last: 2022}
unit: mio. kr.
departments:
  - code: BIF
    appendix: 1
    name: Beskæftigelses- og Integrationsforvaltningen
    sections: [Job og uddannelse, Diverse]
  - code: KFF
    appendix: 3
    name: Kultur- og Fritidsforvaltningen
    sections: [Diverse]
  - code: ØKF
    appendix: 7
    name: Økonomiforvaltningen
notes:
  - id: n1
    department: ØKF
    kind: footnote
    marker: "*"
    text: Faktisk forbrug.
activities:
  - id: job
    department: BIF
    section: Job og uddannelse
    name: Job
    budget: {2018: 1.5, 2019: 0.25}
  - id: bif-diverse
    department: BIF
    section: Diverse
    name: BIF diverse
    budget: {2018: 2, 2019: 0.5}
  - id: kff-diverse
    department: KFF
    section: Diverse
    name: KFF diverse
    budget: {2018: 10, 2019: 4}
  - id: okf
    department: ØKF
    name: Økonomi
    funding: Budget 2018
    printed: "0,1"
    description: Beskrivelse
    budget: {2018: {text: Driftsbudget}, 2019: 0.1}
    notes: [n1]
    remarks: [Transcribed as printed.]
"""


def _edit(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def _line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if fragment in line)


def _problems(path: Path) -> list[str]:
    """The problem lines ``validate`` lists for ``path`` (it must find at least one)."""
    result = run("validate", str(path))
    assert result.exit_code == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "Exceeds" not in result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith(f"{path}:") for line in lines)
    return lines


def _edited_problems(tmp_path: Path, old: str, new: str) -> tuple[str, Path, list[str]]:
    """BASE with ``old`` made ``new``, written, and the problem lines validate lists."""
    text = _edit(old, new)
    path = write_data(tmp_path, text)
    return text, path, _problems(path)


def _rows(path: Path, *args: str) -> Any:
    """The rows of a command's JSON document."""
    return _json(path, *args)["rows"]


def _amount(record: Any, year: int) -> Any:
    """A sum's or an activity's amount in one year."""
    per_year = record["years"] if "years" in record else record["budget"]
    return next(y for y in per_year if y["year"] == year)["amount"]


def _json(path: Path, *args: str) -> Any:
    result = run(*args, "--data", str(path), "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_base_file_is_valid(tmp_path: Path) -> None:
    result = run("validate", str(write_data(tmp_path, BASE)))
    assert result.exit_code == 0, result.stdout


# --- 1. control characters --------------------------------------------------------------

# (text to replace, its replacement with an escaped ESC, the field reported)
CONTROL_FIELDS = [
    ("  - id: job\n", '  - id: "jo\\eb"\n', "activities[0].id"),
    ("    name: Job\n", '    name: "\\e[2J\\e[HJob"\n', "activities[0].name"),
    ("    description: Beskrivelse\n", '    description: "Be\\eskrivelse"\n', "description"),
    ("    funding: Budget 2018\n", '    funding: "Budget\\e 2018"\n', "activities[3].funding"),
    ('    printed: "0,1"\n', '    printed: "0,1\\e"\n', "activities[3].printed"),
    ("{text: Driftsbudget}", '{text: "Drifts\\ebudget"}', "activities[3].budget.2018.text"),
    ("    remarks: [Transcribed as printed.]\n", '    remarks: ["\\e"]\n', "remarks[0]"),
    ("    text: Faktisk forbrug.\n", '    text: "Faktisk\\e"\n', "notes[0].text"),
    ('    marker: "*"\n', '    marker: "\\e*"\n', "notes[0].marker"),
    (
        "    name: Økonomiforvaltningen\n",
        '    name: "Økonomi\\eforvaltningen"\n',
        "departments[2].name",
    ),
    ("unit: mio. kr.\n", 'unit: "mio.\\e kr."\n', "unit"),
    ("  - code: KFF\n", '  - code: "K\\eFF"\n', "departments[1].code"),
]


@pytest.mark.parametrize(("old", "new", "field"), CONTROL_FIELDS)
def test_control_character_in_each_text_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    text, path, lines = _edited_problems(tmp_path, old, new)
    mine = [line for line in lines if "U+001B" in line]
    assert len(mine) == 1, lines  # one Problem for the field
    assert f"{path}:{_line_of(text, new.strip()[:12])}:" in mine[0]
    assert f"{field}: contains the control character U+001B" in mine[0]
    result = run("validate", str(path))
    assert "\x1b" not in result.stdout + result.stderr  # reported, never passed through


def test_control_characters_in_section_names(tmp_path: Path) -> None:
    text = _edit("sections: [Diverse]", 'sections: ["Di\\x9bverse"]')
    lines = _problems(write_data(tmp_path, text))
    assert any(
        "departments[1].sections[0]: contains the control character U+009B" in line
        for line in lines
    )


@pytest.mark.parametrize(
    ("escape", "code"),
    [
        ("\\0", "U+0000"),
        ("\\a", "U+0007"),
        ("\\r", "U+000D"),
        ("\\x7f", "U+007F"),
        ("\\x80", "U+0080"),
        ("\\N", "U+0085"),
        ("\\x9f", "U+009F"),
        ("\\v", "U+000B"),
    ],
)
def test_every_c0_and_c1_character_is_refused(tmp_path: Path, escape: str, code: str) -> None:
    path = write_data(tmp_path, _edit("    name: Job\n", f'    name: "J{escape}ob"\n'))
    (line,) = _problems(path)
    assert f"activities[0].name: contains the control character {code}" in line


def test_several_control_characters_make_one_problem(tmp_path: Path) -> None:
    path = write_data(
        tmp_path, _edit("    name: Job\n", '    name: "\\e]0;pwned\\a\\e[31mJob\\r"\n')
    )
    (line,) = _problems(path)
    assert "the control characters U+001B, U+0007, U+000D;" in line


def test_tab_and_newline_are_ordinary_text(tmp_path: Path) -> None:
    path = write_data(tmp_path, _edit("    name: Job\n", '    name: "Job\\tog\\nuddannelse"\n'))
    (shown,) = [a for a in _rows(path, "list") if a["id"] == "job"]
    assert shown["name"] == "Job\tog\nuddannelse"


@pytest.mark.parametrize(
    ("raw", "code"), [("\x1b", "U+001B"), ("\x85", "U+0085"), ("\x7f", "U+007F")]
)
def test_raw_control_character_in_the_file(tmp_path: Path, raw: str, code: str) -> None:
    text = _edit("    name: Job\n", f"    name: Jo{raw}b\n")
    path = write_data(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 1
    line = _line_of(text, "name: Jo")
    assert f"{path}:{line}: the control character {code} (column 13) is not allowed" in (
        result.stdout
    )
    assert raw not in result.stdout + result.stderr


def test_windows_line_endings_are_still_fine(tmp_path: Path) -> None:
    path = tmp_path / "crlf.yaml"
    path.write_bytes(BASE.replace("\n", "\r\n").encode("utf-8"))
    assert run("validate", str(path)).exit_code == 0


def test_control_character_in_a_key_is_shown_not_sent(tmp_path: Path) -> None:
    path = write_data(tmp_path, _edit("unit: mio. kr.\n", 'unit: mio. kr.\n"col\\eour": red\n'))
    (line,) = _problems(path)
    assert "col<U+001B>our" in line and "\x1b" not in line


# --- 2. lookups never fold two things into one ----------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            (("  - code: KFF\n", "  - code: BÏF\n"),),
            "departments[1].code",
            "'BÏF' differs from 'BIF'",
        ),
        (
            (("  - code: KFF\n", "  - code: bif\n"),),
            "departments[1].code",
            "'bif' differs from 'BIF'",
        ),
        # ØKF is found by "okf" and by "oekf": a department OEKF would be found by both.
        ((("  - code: KFF\n", "  - code: OEKF\n"),), "departments[2].code", "'ØKF' differs"),
        ((("  - id: bif-diverse\n", "  - id: Job\n"),), "activities[1].id", "'Job' differs"),
        (
            (("  - id: job\n", "  - id: straße\n"), ("  - id: bif-diverse\n", "  - id: strasse\n")),
            "activities[1].id",
            "'strasse' differs from 'straße'",
        ),
    ],
)
def test_codes_and_ids_that_fold_alike_are_refused(
    tmp_path: Path, changes: tuple[tuple[str, str], ...], field: str, message: str
) -> None:
    text = BASE
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    lines = _problems(write_data(tmp_path, text))
    assert any(
        f"{field}: {message}" in line and "only in case or accents" in line for line in lines
    ), lines


def test_sections_that_fold_alike_in_one_department_are_refused(tmp_path: Path) -> None:
    text = _edit("[Job og uddannelse, Diverse]", "[Job og uddannelse, Diverse, DIVERSE]")
    (line,) = _problems(write_data(tmp_path, text))
    assert "departments[0].sections[2]: 'DIVERSE' differs from 'Diverse'" in line


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        # Two ids that differ only by a zero-width space: two rows that look the same.
        ("  - id: bif-diverse\n", '  - id: "job\\u200b"\n', "activities[1].id"),
        ("  - id: okf\n", '  - id: "o\\u2060kf"\n', "activities[3].id"),  # word joiner
        ("  - code: KFF\n", '  - code: "B\\u200bIF"\n', "departments[1].code"),
        ("  - code: KFF\n", '  - code: "KFF\\ufeff"\n', "departments[1].code"),
        ("  - id: n1\n", '  - id: "n\\u00ad1"\n', "notes[0].id"),  # soft hyphen
    ],
)
def test_ids_and_codes_with_invisible_characters_are_refused(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    text, path, lines = _edited_problems(tmp_path, old, new)
    line = _line_of(text, new.strip())
    code = next(c for c in ("U+200B", "U+2060", "U+FEFF", "U+00AD") if c in lines[0])
    assert lines[0] == (
        f"{path}:{line}: {field}: contains the invisible character {code}; "
        "ids and codes must be visible"
    )
    refused = run("list", "--data", str(path))
    assert refused.exit_code == 1 and refused.stdout == ""
    assert "invisible character" in refused.stderr


def test_bundled_department_codes_fold(tmp_path: Path) -> None:
    for typed in ("ØKF", "OKF", "okf", "oekf", "Økonomi"):
        result = run("list", "-d", typed, "-f", "json")
        assert result.exit_code == 0, (typed, result.stderr)
        assert {a["department"] for a in json.loads(result.stdout)["rows"]} == {"ØKF"}


def test_exact_matches_win(tmp_path: Path) -> None:
    # "Job" is exactly a section of its own and part of "Job og uddannelse".
    text = _edit("[Job og uddannelse, Diverse]", "[Job og uddannelse, Diverse, Job]")
    text = text.replace("    section: Diverse\n    name: BIF", "    section: Job\n    name: BIF", 1)
    # An id that is a prefix of another; a code that is a prefix of a department's name.
    text = text.replace("  - id: okf\n", "  - id: bif\n").replace("code: KFF", "code: KUL")
    text = text.replace("department: KFF", "department: KUL")
    path = write_data(tmp_path, text)
    assert [a["id"] for a in _rows(path, "list", "--section", "Job")] == ["bif-diverse"]
    assert _rows(path, "show", "bif")[0]["id"] == "bif"
    assert {a["department"] for a in _rows(path, "list", "-d", "KUL")} == {"KUL"}


# --- 3. and 4. numbers ----------------------------------------------------------------------

HUGE = "9" * 5000


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("2019: 0.25}", f"2019: {HUGE}}}", "activities[0].budget.2019"),
        ("2019: 0.25}", f"2019: {HUGE}.5}}", "activities[0].budget.2019"),
        ("period: {first: 2018,", f"period: {{first: {HUGE},", "period.first"),
        ("  - id: job\n", f"  - id: {HUGE}\n", "activities[0].id"),
    ],
)
def test_a_5000_digit_number_is_one_clear_problem(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    path = write_data(tmp_path, _edit(old, new))
    lines = _problems(path)
    mine = [line for line in lines if f": {field}: " in line]
    assert len(mine) == 1, lines
    assert "digits" in mine[0] and len(mine[0]) < 300
    loaded = run("total", "--data", str(path))
    assert loaded.exit_code == 1 and "Exceeds" not in loaded.stderr


@pytest.mark.parametrize("zero", ["-0", "-0.0", "-0.000", "0.0"])
def test_negative_zero_is_zero(tmp_path: Path, zero: str) -> None:
    path = write_data(tmp_path, _edit("2019: 0.25}", f"2019: {zero}}}"))
    total = _json(path, "total", "--year", "2019", "-d", "BIF")
    assert _amount(total["total"], 2019) == 0.5  # bif-diverse's 0.5 plus job's 0, counted
    (job,) = [a for a in _rows(path, "list") if a["id"] == "job"]
    assert _amount(job, 2019) == 0
    assert "-" not in run("show", "job", "--data", str(path)).stdout.split("2019")[1][:20]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1_0.5", "found the text '1_0.5' (write numbers without '_')"),
        ("1_000", "found the text '1_000' (write numbers without '_')"),
        ("0.1234567890123456789", "has more than 6 decimals"),
        ("0.123456789", "has more than 6 decimals"),
        ("-0.5", "amount -0.5 is negative"),
    ],
)
def test_number_forms_refused(tmp_path: Path, value: str, message: str) -> None:
    text = _edit("2019: 0.25}", f"2019: {value}}}")
    (line,) = _problems(write_data(tmp_path, text))
    assert f":{_line_of(text, value)}: activities[0].budget.2019: " in line
    assert message in line


def test_six_decimals_are_kept_exactly(tmp_path: Path) -> None:
    # 0.000001 mio. kr. is one krone, the smallest amount an export can write.
    path = write_data(tmp_path, _edit("2019: 0.25}", "2019: 0.123456}"))
    result = run("total", "--data", str(path), "-y", "2019", "-d", "BIF", "-f", "json")
    assert '"amount": 0.623456' in result.stdout


# --- 5. the same section name in two departments --------------------------------------------


def test_shared_section_names_are_told_apart(tmp_path: Path) -> None:
    path = write_data(tmp_path, BASE)
    ambiguous = run("list", "--data", str(path), "--section", "Diverse")
    assert ambiguous.exit_code == 2
    assert "BIF/Diverse" in ambiguous.stderr and "KFF/Diverse" in ambiguous.stderr
    for typed, wanted in [
        ("BIF/Diverse", ["bif-diverse"]),
        ("KFF:Diverse", ["kff-diverse"]),
        ("kff/diverse", ["kff-diverse"]),
        ("BIF:div", ["bif-diverse"]),
        ("Job og uddannelse", ["job"]),
    ]:
        assert [a["id"] for a in _rows(path, "list", "--section", typed)] == wanted, typed


def test_total_by_section_never_merges_departments(tmp_path: Path) -> None:
    path = write_data(tmp_path, BASE)
    groups = {g["key"]: g for g in _rows(path, "total", "-y", "2018", "--by", "section")}
    # A unique name keeps its plain key; shared ones carry their department. ØKF has no
    # sections: a group with no name (key null), of its department.
    assert set(groups) == {"Job og uddannelse", "BIF/Diverse", "KFF/Diverse", None}
    assert groups[None]["department"] == "ØKF"
    assert _amount(groups["BIF/Diverse"], 2018) == 2
    assert _amount(groups["KFF/Diverse"], 2018) == 10
    assert groups["BIF/Diverse"]["name"] == "Diverse"
    assert groups["BIF/Diverse"]["department"] == "BIF"
    rows = _rows(path, "compare", "2018", "2019", "--by", "section")
    assert {r["key"] for r in rows} == set(groups)


def test_bundled_section_keys_are_plain_names() -> None:
    result = run("total", "-y", "2019", "--by", "section", "-f", "json")
    keys = {g["key"] for g in json.loads(result.stdout)["rows"]} - {None}  # no sections
    assert "Job og uddannelse" in keys
    assert not any("/" in key for key in keys)


# --- 6. a long miss among many activities costs bounded work ------------------------------


class _Work:
    """Counts difflib's comparisons and the characters folded, via monkeypatch."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.quick = self.full = self.long_folds = 0
        quick, full, fold = SequenceMatcher.quick_ratio, SequenceMatcher.ratio, folding.fold

        def counted_quick(matcher: SequenceMatcher[str]) -> float:
            self.quick += 1
            return quick(matcher)

        def counted_full(matcher: SequenceMatcher[str]) -> float:
            self.full += 1
            return full(matcher)

        def counted_fold(text: str, *, danish_digraphs: bool = False) -> str:
            self.long_folds += len(text) >= 1000
            return fold(text, danish_digraphs=danish_digraphs)

        monkeypatch.setattr(SequenceMatcher, "quick_ratio", counted_quick)
        monkeypatch.setattr(SequenceMatcher, "ratio", counted_full)
        monkeypatch.setattr(queries, "fold", counted_fold)
        queries.folded_needle.cache_clear()


@pytest.fixture(scope="module")
def many() -> Dataset:
    return synthetic(100_000)


def test_a_long_miss_is_not_compared_with_every_id(
    many: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _Work(monkeypatch)
    started = time.monotonic()
    with pytest.raises(UsageError) as raised:
        queries.find_activity(many, "x" * 2000)
    assert time.monotonic() - started < 5  # was 23 s; the counts below are the real bound
    # Longer than 7/3 of every id: no id can be close, so difflib compares nothing, and
    # the needle is folded once for the id lookup and once for the loose search.
    assert (work.quick, work.full) == (0, 0)
    assert work.long_folds <= 2
    assert len(str(raised.value)) < 120


def test_a_near_miss_among_many_scores_a_bounded_pool(
    many: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _Work(monkeypatch)
    with pytest.raises(UsageError, match=r"did you mean activity-9999\?"):
        queries.find_activity(many, "activity-9999x")
    assert 0 < work.quick <= 2000 and 0 < work.full <= 20
    # A typo in the middle: the pool also holds the ids that end alike.
    with pytest.raises(UsageError, match=r"did you mean activity-512\?"):
        queries.find_activity(many, "activty-512")
    with pytest.raises(UsageError, match=r"did you mean activity-77\?"):
        queries.find_activity(many, "ACTIVITY-77_")


def test_a_long_search_folds_its_needle_once(
    many: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = _Work(monkeypatch)
    assert filtering.select(many, Filters(search="y" * 2000)) == []
    assert work.long_folds == 1


def test_long_miss_on_a_generated_file(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_text(synthetic_yaml(3000), encoding="utf-8")
    miss = run("show", "q" * 2000, "--data", str(path))
    assert miss.exit_code == 2 and miss.stdout == ""
    assert len(miss.stderr.splitlines()) == 1 and len(miss.stderr) < 150
    near = run("show", "activity-2999x", "--data", str(path))
    assert "did you mean activity-2999?" in near.stderr


def test_small_amounts_stay_in_fixed_point(tmp_path: Path) -> None:
    # One krone is 0.000001 mio. kr., the smallest amount; Decimal's str() would write
    # 0.000000 as 0E-6.
    path = write_data(tmp_path, _edit("2019: 0.25}", "2019: 0.000000}"))
    (job,) = [a for a in _rows(path, "list") if a["id"] == "job"]
    assert _amount(job, 2019) == 0
    shown = run("list", "--data", str(path), "-f", "csv", "-d", "BIF").stdout
    assert "0.000000" in shown and "E-" not in shown


def test_the_parse_cache_key_covers_every_module_that_checks_data() -> None:
    # The cached plain form is whatever these modules decide; an edit to any of them in a
    # source checkout must miss the cache: follow their budgetcli imports and compare.
    import ast

    from budgetcli.source import cache

    here = Path(cache.__file__).parents[1]
    needed = {"source/yamlread.py", "source/validate.py"}
    todo = list(needed)
    while todo:
        tree = ast.parse((here / todo.pop()).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("budgetcli"):
                folder = here.joinpath(*(node.module or "").split(".")[1:])
                for alias in node.names:
                    # `from budgetcli.source import limits` names a module; else the module.
                    module = folder / f"{alias.name}.py"
                    if not module.exists():
                        module = folder.with_suffix(".py")
                    name = module.relative_to(here).as_posix()
                    if name not in needed and module.exists():
                        needed.add(name)
                        todo.append(name)
    assert needed <= set(cache._CODE)

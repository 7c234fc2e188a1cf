"""Bad data files: one clear message naming the file and the place, exit 1, nothing on stdout.

Every case is a real file written to a temporary directory and run through the CLI.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tests.conftest import GOOD, refused, run, write_data


def _fails(path: Path, *messages: str, line: int | None = None) -> str:
    stderr = refused(run("total", "--data", str(path), "--format", "json"), str(path), *messages)
    if line is not None:
        assert f"{path}:{line}:" in stderr
    return stderr


def test_a_good_small_file_works(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD)
    result = run("total", "--data", str(path), "--year", "2019", "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert '"amount": 0.190' in result.stdout  # 0.1 + 0.090
    assert run("validate", str(path)).exit_code == 0


def test_env_var_names_the_data_file(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD)
    result = run("list", "-f", "json", env={"BUDGETCLI_DATA": str(path)})
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["rows"]) == 2


def test_yaml_syntax_error_names_the_line(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD.replace("    name: A\n", "    name: [A\n"))
    _fails(path, "YAML syntax")


def test_empty_file(tmp_path: Path) -> None:
    _fails(write_data(tmp_path, ""), "the file is empty")
    _fails(
        write_data(tmp_path, "# only a comment\n", "c.yaml"), "expected the document's top level"
    )


def test_top_level_not_a_mapping(tmp_path: Path) -> None:
    _fails(write_data(tmp_path, "- 1\n- 2\n"), "expected the document's top level (a mapping)")


def test_activities_not_a_list(tmp_path: Path) -> None:
    text = GOOD[: GOOD.index("activities:")] + "activities: {a: 1}\n"
    _fails(write_data(tmp_path, text), "activities: expected 'activities' (a list)")


def test_missing_required_field(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD.replace("    name: A\n", ""))
    _fails(path, "activities[0]: missing required field 'name'", line=10)


def test_unknown_department(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD.replace("department: BIF\n", "department: XYZ\n"))
    _fails(path, "activities[0].department: unknown department 'XYZ'", line=11)


def test_duplicate_id(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD.replace("  - id: b\n", "  - id: a\n"))
    _fails(path, "activities[1].id: duplicate id 'a'", line=15)


def test_year_outside_period(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD.replace("2020: 0}", "2031: 0}"))
    _fails(path, "activities[0].budget.2031: year '2031' is outside the period 2018-2022", line=14)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"1,5"', "found the text '1,5' (write amounts with a '.' decimal point)"),
        (".nan", "amount must be a finite number"),
        (".inf", "amount must be a finite number"),
        ("-.inf", "amount must be a finite number"),
        ("yes", "found the boolean True"),
        ("1.0e+999999", "out of range"),
        ("1e999999", "found the text '1e999999'"),  # YAML 1.1: no dot, so not a float
        ("1.0e-30", "has more than 6 decimals"),
        ("99999999999999999999999", "out of range"),
        ("[1, 2]", "found a list"),
        ("1:30.5", "found the text '1:30.5'"),
        ("{text: ''}", "a text cell is written"),
    ],
)
def test_bad_amounts(tmp_path: Path, value: str, message: str) -> None:
    path = write_data(tmp_path, GOOD.replace("2018: 1.5,", f"2018: {value},"))
    _fails(path, "activities[0].budget.2018", message, line=14)


def test_every_problem_is_listed_in_one_pass(tmp_path: Path) -> None:
    bad = (
        GOOD.replace("department: BIF\n", "department: XYZ\n")
        .replace("2018: 1.5", "2018: .nan")
        .replace("  - id: b\n", "  - id: a\n")
        .replace("notes: [n1]", "notes: [n2]")
    )
    path = write_data(tmp_path, bad)
    result = run("validate", str(path))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 4
    assert all(line.startswith(f"{path}:") for line in lines)
    assert "4 problems" in result.stderr
    # The same checks when a command loads the file: the first ones, on stderr.
    stderr = _fails(path, "unknown department")
    assert stderr.count(str(path)) >= 4


def test_python_tags_are_refused_never_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    payload = f"!!python/object/apply:os.system ['touch {marker}']"
    path = write_data(tmp_path, GOOD.replace("name: A", f"name: {payload}"))
    _fails(path, "refused")
    assert not marker.exists()


def test_alias_bomb_is_answered_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, 10):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 9)}]")
    bomb = "\n".join(lines) + "\n" + GOOD.replace("name: A", "name: *a9")
    path = write_data(tmp_path, bomb)
    started = time.monotonic()
    # Refused at the first alias (tests/test_hostile_edges.py), before anything expands.
    _fails(path, "aliases and anchors are not allowed", line=1)
    listed = run("validate", str(path))
    assert "repeated through an alias" in listed.stdout
    assert time.monotonic() - started < 2


def test_not_utf8(tmp_path: Path) -> None:
    # Latin-1 bytes: the first non-ASCII character is the "æ" of line 4.
    path = write_data(tmp_path, GOOD.encode("latin-1"))
    _fails(path, "not UTF-8 text", line=4)


def test_binary_file(tmp_path: Path) -> None:
    _fails(write_data(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary file")


def test_directory(tmp_path: Path) -> None:
    _fails(tmp_path, "is a directory")


def test_missing_file(tmp_path: Path) -> None:
    _fails(tmp_path / "nope.yaml", "no such file")


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file(tmp_path: Path) -> None:  # pragma: no cover - CI runs as root
    path = write_data(tmp_path, GOOD)
    path.chmod(0)
    _fails(path, "permission denied")


@pytest.mark.parametrize(
    ("error", "message"),
    [
        # CI runs as root, where chmod 0 does not stop a read: simulate the refusal instead.
        (PermissionError(13, "Permission denied"), "permission denied"),
        (OSError(5, "Input/output error"), "cannot read: Input/output error"),
    ],
    ids=["unreadable", "other"],
)
def test_a_failed_read_is_one_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, message: str
) -> None:
    path = write_data(tmp_path, GOOD)

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise error

    monkeypatch.setattr(Path, "open", refuse)
    _fails(path, message)


def test_structural_problems(tmp_path: Path) -> None:
    text = """\
period: {first: 2018, last: 2022}
unit: [mio]
departments:
  - {code: A, appendix: x, name: A}
  - 5
  - {code: B, appendix: 2, name: B, sections: [S, 3]}
  - {code: B, appendix: 3, name: B2}
notes:
  - {id: n, department: Q, kind: side, text: t}
  - {id: n, department: B, kind: heading, text: t}
  - 7
activities:
  - 1
  - {id: x, department: B, name: X, section: T, colour: red, budget: [1], actual: {2019: z},
     adjustable: [1990, true], notes: 5, remarks: [1]}
  - {id: y, department: B, name: Y}
  - {id: z, department: B, name: Z, budget: ~, description: {a: 1}}
"""
    result = run("validate", str(write_data(tmp_path, text)))
    assert result.exit_code == 1
    out = result.stdout
    for expected in (
        "unit: expected text, found a list",
        "departments[0].appendix: expected a whole number",
        "departments[1]: expected a department (a mapping), found the number 5",
        "departments[2].sections[1]: expected text",
        "departments[3].code: duplicate department code 'B'",
        "notes[0].department: unknown department 'Q'",
        "notes[0].kind: unknown kind 'side'",
        "notes[1].id: duplicate note id 'n'",
        "notes[2]: expected a note (a mapping)",
        "activities[0]: expected an activity (a mapping)",
        "activities[1].colour: unknown field 'colour'",
        "activities[1].section: unknown section 'T' for B; its sections are S",
        "activities[1].budget: expected 'budget': year to amount (a mapping), found a list",
        "activities[1].actual.2019: expected an amount in mio. kr., found the text 'z'",
        "activities[1].adjustable[0]: the number 1990 is not a year of the period",
        "activities[1].adjustable[1]: the boolean True is not a year of the period",
        "activities[1].notes: expected 'notes' (a list)",
        "activities[1].remarks[0]: expected text",
        "activities[2]: missing required field 'budget'",
        "activities[3].description: expected text, found a mapping",
    ):
        assert expected in out, expected


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("{first: 2022, last: 2018}", "period: period 2022-2018 is not a plausible range"),
        ("{first: 2018}", "period: missing required field 'last'"),
        ("2018-2022", "period: expected 'period' with 'first' and 'last' (a mapping)"),
    ],
)
def test_bad_period(tmp_path: Path, period: str, message: str) -> None:
    path = write_data(tmp_path, GOOD.replace("{first: 2018, last: 2022}", period))
    _fails(path, message, line=1)


def test_validate_the_bundled_file() -> None:
    result = run("validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "ok (67 activities, 10 notes)" in result.stderr


def test_data_file_is_never_written(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    for _ in range(2):
        assert run("list", "--data", str(path)).exit_code == 0
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


@pytest.mark.parametrize(
    ("change", "message", "line"),
    [
        # YAML keeps the last of two equal keys silently; budgetcli refuses.
        (("    name: A\n", "    name: A\n    name: A2\n"), "found the key 'name' twice", 14),
        # YAML 1.1 reads 010 as 8 and 1:30 as 90: refused rather than changed.
        (("2019: 0.1", "2019: 010"), "found the text '010'", 14),
        (("2019: 0.1", "2019: 1:30"), "found the text '1:30'", 14),
        (("2019: 0.1", "2019: 0x10"), "found the text '0x10'", 14),
        (("2019: 0.1", "2019: -0.1"), "amount -0.1 is negative", 14),
        (("  - id: a\n", "  - id: ''\n"), "activities[0].id: must not be empty", 10),
        (("  - id: a\n", "  - id: welcome house\n"), "must be one word", 10),
        (("name: A\n", "name: '  '\n"), "activities[0].name: must not be empty", 13),
        (("unit: mio. kr.\n", "unit: ''\n"), "unit: must not be empty", 2),
        (("sections: [Job og uddannelse]", "sections: [Job, Job]"), "listed twice", 5),
        (("unit: mio. kr.\n", "unit: mio. kr.\nunits: kr\n"), "unknown field 'units'", 3),
        (("appendix: 7,", "appendix: 7, colour: red,"), "departments[1].colour: unknown", 6),
        (('marker: "*",', 'marker: "*", star: 1,'), "notes[0].star: unknown field", 8),
    ],
)
def test_strict_reading(tmp_path: Path, change: tuple[str, str], message: str, line: int) -> None:
    old, new = change
    assert old in GOOD
    path = write_data(tmp_path, GOOD.replace(old, new, 1))
    listed = run("validate", str(path))
    assert listed.exit_code == 1
    assert f"{path}:{line}:" in listed.stdout and message in listed.stdout


def test_plain_integers_are_still_amounts(tmp_path: Path) -> None:
    path = write_data(tmp_path, GOOD.replace("2019: 0.1", "2019: 10"))
    result = run("total", "--data", str(path), "-y", "2019", "-f", "json")
    assert '"amount": 10.090' in result.stdout

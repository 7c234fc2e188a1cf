"""Issue 32's hostile edges on the reading side: a formula with no saved value (5), a sheet
padded to 16,384 columns (10), a YAML file that builds millions of values (11), a stream
sniffed for a workbook (13), tags and impossible dates (19), what validates but could not
round-trip (20), a number format with more decimals than the value (23), and diff across
units (24).

Each test builds its files in ``tmp_path``, reproduces the case as the issue found it and
asserts the fix; the memory and time bounds are measured on a subprocess (peak RSS of the
children, wall time) in the slow tier.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

from budgetcli.source import limits, yamlread
from budgetcli.source.loader import bundled_data_path, load
from tests.conftest import Result, process_env, run
from tests.test_hostile_edges import _pipe
from tests.test_import import columns, edited, export, row_of

BUNDLED = bundled_data_path().read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


def _refused(result: Result, *messages: str) -> list[str]:
    """Exit 1, no traceback, every message said; the lines said, but validate's count."""
    assert result.exit_code == 1, result.stdout + result.stderr
    both = result.stdout + result.stderr
    assert "Traceback" not in both and "internal error" not in both
    for message in messages:
        assert message in both, both
    count = re.compile(r"budgetcli: \d+ problems? in ")
    return [line for line in both.splitlines() if not count.match(line)]


# Runs a command as its own child and writes that child's peak RSS (KB) to the fd named
# first. A process's ru_maxrss starts from the memory of the process it was forked from
# (Linux keeps the high-water mark across fork and exec), so a command started straight from
# this test run would report the run's own peak; from this small interpreter, only its own.
_OWN_PEAK = """
import os, sys
fd = int(sys.argv[1])
pid = os.fork()
if pid == 0:
    os.close(fd)
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(fd, str(usage.ru_maxrss).encode())
os._exit(os.waitstatus_to_exitcode(status))
"""


def _measured(
    args: list[str], cwd: Path, stdin: bytes | None = None
) -> tuple[int, str, float, int]:
    """(exit code, stdout and stderr, seconds, peak RSS in MB of this one process).

    The peak is the command's own, measured from a small interpreter it is started by
    (:data:`_OWN_PEAK`): RUSAGE_CHILDREN would give the largest of every child the test run
    has waited for, and a child started by this run inherits the run's peak."""
    env = process_env(cwd / "cache")
    peak_read, peak_write = os.pipe()
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-c", _OWN_PEAK, str(peak_write), str(BIN / "budgetcli"), *args],
            cwd=cwd,
            env=env,
            input=stdin,
            capture_output=True,
            timeout=300,
            check=False,
            pass_fds=(peak_write,),
        )
    finally:
        os.close(peak_write)
    seconds = time.monotonic() - start
    with os.fdopen(peak_read, "rb") as said:
        peak = int(said.read()) // 1024  # KB on Linux
    return done.returncode, (done.stdout + done.stderr).decode(), seconds, peak


# --- 5. a formula with no saved value -------------------------------------------------------


def test_a_formula_without_a_saved_value_is_named_not_dropped(tmp_path: Path) -> None:
    # A script (openpyxl) writes the formula and no cached value; read for values, the cell
    # looked empty and the amount vanished with exit 0.
    where: list[str] = []

    def formula(book: Any) -> None:
        sheet = book["activities"]
        row, column = row_of(sheet, "welcome-house"), columns(sheet)["2020"]
        sheet.cell(row, column, "=1+1.5")
        where.append(sheet.cell(row, column).coordinate)

    workbook = edited(export(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", formula)
    target = tmp_path / "out.yaml"
    lines = _refused(
        run("import", str(workbook), "-o", str(target)),
        f"activities!{where[0]}",
        "a formula (=1+1.5) with no saved value",
    )
    assert len(lines) == 1
    assert not target.exists()
    _refused(run("validate", str(workbook)), f"activities!{where[0]}: a formula")


def test_a_workbook_without_formulas_is_read_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The second reading, for saved values, is only for a workbook that has formulas.
    from budgetcli.source import workbook_import

    opened: list[bool] = []
    real = workbook_import._open

    def counting(path: Path, data: bytes | None, *, saved_values: bool) -> Any:
        opened.append(saved_values)
        return real(path, data, saved_values=saved_values)

    monkeypatch.setattr(workbook_import, "_open", counting)
    workbook_import.read_plain(export(tmp_path / "a.xlsx"))
    assert opened == [False]


# --- 10. a sheet padded to 16,384 columns ---------------------------------------------------


def _far_right(rows: int, column: int) -> Callable[[Any], None]:
    def change(book: Any) -> None:
        sheet = book["activities"]
        last = sheet.max_row
        for row in range(last + 1, last + 1 + rows):
            sheet.cell(row, column, 1)

    return change


def _without_dimensions(path: Path) -> Path:
    """The workbook with each sheet's recorded size removed (as budgetcli's own export and
    many scripts write it): the reader must bound the sheet by itself."""
    import zipfile

    target = path.with_name("undimensioned.xlsx")
    with zipfile.ZipFile(path) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = re.sub(rb"<dimension [^>]*/>", b"", data)
            new.writestr(item, data)
    return target


def test_a_sheet_wider_than_any_export_is_refused_by_its_recorded_size(tmp_path: Path) -> None:
    workbook = edited(export(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", _far_right(3, 16_384))
    lines = _refused(run("validate", str(workbook)), "16,384 columns wide", "at most 200")
    assert len(lines) == 1
    assert lines[0].startswith(f"{workbook}: activities!XFD1: ")


def test_a_value_past_the_last_column_read_is_named(tmp_path: Path) -> None:
    # Without a recorded size, a value just past the columns read is still seen.
    width = limits.MAX_SHEET_COLUMNS
    workbook = edited(export(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", _far_right(1, width + 1))
    workbook = _without_dimensions(workbook)
    lines = _refused(run("validate", str(workbook)), f"a value past column {width}")
    assert len(lines) == 1 and "activities!GS" in lines[0]


def test_a_value_far_right_in_a_sheet_with_no_recorded_size_is_named(tmp_path: Path) -> None:
    # A value in XFD in a sheet with no recorded size: openpyxl padded each such row to 16,384
    # cells. It is named before any row is padded (and nothing is read past column 201).
    workbook = edited(export(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", _far_right(50, 16_384))
    workbook = _without_dimensions(workbook)
    lines = _refused(run("validate", str(workbook)), "a value past column 200")
    assert len(lines) == 1 and re.search(r": activities!XFD\d+: ", lines[0])


def test_a_sheet_longer_than_any_export_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_SHEET_ROWS", 100)
    workbook = edited(export(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", _far_right(60, 3))
    lines = _refused(run("validate", str(workbook)), "more than 100 rows")
    assert len(lines) == 1 and "activities!101" in lines[0]


@pytest.mark.slow
def test_a_workbook_with_2000_values_in_column_xfd_is_refused_fast_and_small(
    tmp_path: Path,
) -> None:
    # The 38 KB workbook took 28 s and 2.3 GB in validate, import and diff.
    workbook = edited(export(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", _far_right(2000, 16_384))
    for args in (
        ["validate", str(workbook)],
        ["import", str(workbook), "-o", str(tmp_path / "o.yaml")],
        ["diff", str(workbook), str(tmp_path / "a.xlsx")],
    ):
        code, stderr, seconds, peak = _measured(args, tmp_path)
        assert code in (1, 2) and "16,384 columns wide" in stderr, stderr
        assert seconds < 20 and peak < 400, (args, seconds, peak)
    # Without a recorded size: the same, the first far value named.
    bare = _without_dimensions(workbook)
    code, stderr, seconds, peak = _measured(["validate", str(bare)], tmp_path)
    assert code == 1 and "a value past column 200" in stderr, stderr
    assert seconds < 20 and peak < 400, (seconds, peak)


# --- 11. a YAML file that would build millions of values -------------------------------------


def _flow_title(items: int) -> str:
    return BUNDLED.replace(
        "title: Oversigt over integrationsaktiviteter 2018-22, mio. kr.",
        "title: [" + ",".join(["0"] * items) + "]",
    )


def test_a_file_of_too_many_values_is_refused_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(_flow_title(40_000), encoding="utf-8")
    lines = _refused(run("validate", str(path)), "values (items, keys and texts)")
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:16: more than ")
    _refused(run("total", "--data", str(path)), "is this the right file?")


@pytest.mark.parametrize(
    "text",
    [
        "{a, b, c}",
        "[a: b, c: d]",
        "- - - a\n- b:\n  c:\n",
        "a:\nb:\n- \n- [x, {y}, ? z]\n",
        "? [a, b]\n: {c: d}\n",
        "x: |\n  text, [with] {marks}\n",
        BUNDLED,
    ],
)
def test_the_quick_count_never_undercounts_the_values(text: str) -> None:
    # The characters counted bound the values from above, so a file under the bound needs
    # no exact count: check that against the parser's own events.
    values = sum(isinstance(e, yaml.NodeEvent) for e in yaml.parse(text))
    single = sum(text.count(c) for c in "-:\n")
    double = sum(text.count(c) for c in ",[{?")
    assert values <= 1 + single + 2 * double


def test_a_real_file_is_far_from_the_value_bound() -> None:
    # The bundled file holds one value per 28 bytes; the bound is one per 8.
    text = BUNDLED
    values = sum(isinstance(e, yaml.NodeEvent) for e in yaml.parse(text))
    assert values * limits.BYTES_PER_NODE * 3 < len(text.encode())
    assert yamlread.parse(text)["unit"] == "mio. kr."


@pytest.mark.slow
def test_an_8_mb_flow_list_is_refused_fast_and_small(tmp_path: Path) -> None:
    # The issue: 8 MB took 23 s and 1.45 GB; 24 MB ended in MemoryError.
    for items in (4_000_000, 12_000_000):
        path = tmp_path / "data.yaml"
        path.write_text(_flow_title(items), encoding="utf-8")
        code, stderr, seconds, peak = _measured(["validate", str(path)], tmp_path)
        assert code == 1 and "values (items, keys and texts)" in stderr, stderr
        assert "internal error" not in stderr
        assert seconds < 30 and peak < 500, (items, seconds, peak)


@pytest.mark.slow
def test_a_large_real_file_is_not_counted_twice(tmp_path: Path) -> None:
    # 10,000 synthetic activities (4 MB) pass the quick count: the parser runs once.
    from benchmarks.generate import synthetic_yaml

    text = synthetic_yaml(10_000)
    calls: list[str] = []
    real = yaml.parse

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append("parse")
        return real(*args, **kwargs)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml, "parse", counting)
        document = yamlread.parse(text)
    assert calls == [] and len(document["activities"]) == 10_000


# --- 13. a stream sniffed for a workbook ----------------------------------------------------


def test_validate_reads_a_yaml_stream_once(tmp_path: Path) -> None:
    # `cat D | budgetcli validate /dev/stdin` said "not UTF-8 text" or "the file is empty".
    with _pipe(bundled_data_path().read_bytes()) as pipe:
        result = run("validate", pipe)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "ok (67 activities, 10 notes)" in result.stderr


def test_diff_reads_a_yaml_stream_once(tmp_path: Path) -> None:
    # `budgetcli diff D <(cat D)` exited 2.
    with _pipe(bundled_data_path().read_bytes()) as pipe:
        result = run("diff", str(bundled_data_path()), pipe)
    assert result.exit_code == 0, result.stdout + result.stderr


def test_a_workbook_through_a_pipe_is_read_as_a_workbook(tmp_path: Path) -> None:
    # "not an Excel workbook" before: the sniffing ate the zip signature.
    workbook = export(tmp_path / "a.xlsx")
    with _pipe(workbook.read_bytes()) as pipe:
        result = run("validate", pipe)
    assert result.exit_code == 0, result.stdout + result.stderr
    with _pipe(workbook.read_bytes()) as pipe:
        result = run("diff", pipe, str(bundled_data_path()))
    assert result.exit_code == 0, result.stdout + result.stderr


def test_import_reads_a_workbook_from_a_pipe(tmp_path: Path) -> None:
    workbook = export(tmp_path / "a.xlsx")
    target = tmp_path / "out.yaml"
    with _pipe(workbook.read_bytes()) as pipe:
        result = run("import", pipe, "-o", str(target))
    assert result.exit_code == 0, result.stdout + result.stderr
    assert len(load(target, use_cache=False).activities) == 67


@pytest.mark.slow
def test_standard_input_as_the_data_file_of_validate(tmp_path: Path) -> None:
    data = bundled_data_path().read_bytes()
    code, stderr, _, _ = _measured(["validate", "/dev/stdin"], tmp_path, stdin=data)
    assert code == 0 and "ok (67 activities" in stderr, stderr
    workbook = export(tmp_path / "a.xlsx").read_bytes()
    code, stderr, _, _ = _measured(["validate", "/dev/stdin"], tmp_path, stdin=workbook)
    assert code == 0 and "ok (67 activities" in stderr, stderr


# --- 19. tags and impossible dates ----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("2016-02-30", "'2016-02-30', which YAML reads as a date or time, but is none"),
        ("2016-02-28 23:59:60Z", "second must be in 0..59"),
        ("2016-02-28 10:00:00-25:00", "offset must be a timedelta"),
        ("!!bool maybe", "'maybe' tagged !!bool, which it cannot be"),
        ("!!map [1]", "a list tagged !!map"),
        ("!!set [1]", "a list tagged !!set"),
        ("!!seq {a: 1}", "a mapping tagged !!seq"),
        ("!!str [1]", "a list tagged !!str"),
        ("!!timestamp x", "'x', which YAML reads as a date or time"),
    ],
)
def test_a_value_its_tag_cannot_be_is_one_line_with_its_field(
    tmp_path: Path, value: str, said: str
) -> None:
    text = BUNDLED.replace("    name: Welcome House\n", f"    name: {value}\n", 1)
    line = text[: text.index(f"    name: {value}\n")].count("\n") + 1
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    lines = _refused(run("validate", str(path)), said)
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}:{line}: activities[18].name: expected text, found ")
    stderr = _refused(run("total", "--data", str(path)), said)
    assert len(stderr) == 1 and f"data.yaml:{line}: activities[18].name: " in stderr[0]


# --- 20. what validates round-trips ----------------------------------------------------------


def test_an_activity_without_amounts_round_trips_through_a_workbook(tmp_path: Path) -> None:
    # The last activity with `budget: {}`: its row's year cells are all empty, and a row's
    # empty cells past its last value are not stored at all.
    text = BUNDLED.rstrip("\n") + "\n\n  - id: nothing-yet\n    department: ØKF\n"
    text += "    name: Nothing yet\n    budget: {}\n"
    data = tmp_path / "data.yaml"
    data.write_text(text, encoding="utf-8")
    workbook = tmp_path / "a.xlsx"
    assert run("export", str(workbook), "--data", str(data)).exit_code == 0
    saved = edited(workbook, tmp_path / "b.xlsx", lambda book: None)  # as a program saves it
    for book in (workbook, saved):
        target = tmp_path / f"{book.stem}.yaml"
        result = run("import", str(book), "-o", str(target))
        assert result.exit_code == 0, result.stderr
        loaded = load(target, use_cache=False).activities
        activity = next(a for a in loaded if a.id == "nothing-yet")
        assert all(cell is None for cell in activity.budget.values())


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff"])
def test_a_non_character_is_refused_by_field(tmp_path: Path, char: str) -> None:
    # U+FFFE validated, exported to json that could not be read back, and came back from
    # xlsx as U+FFFD.
    escaped = f"\\U{ord(char):08x}"
    text = BUNDLED.replace("    name: Welcome House\n", f'    name: "Welcome{escaped}"\n', 1)
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    lines = _refused(run("validate", str(path)), f"U+{ord(char):04X}")
    assert len(lines) == 1 and ": activities[18].name: contains " in lines[0]
    _refused(run("export", str(tmp_path / "x.json"), "--data", str(path)))
    assert not (tmp_path / "x.json").exists()


def test_a_yaml_reader_error_is_one_line(tmp_path: Path) -> None:
    # PyYAML's own message spans two lines ("\n  in <unicode string>"); one is said.
    from budgetcli.source.yamlread import YamlSyntaxError

    class Broken(yaml.YAMLError):
        def __str__(self) -> str:
            return "unacceptable character\n  in '<unicode string>', position 3"

    with pytest.MonkeyPatch.context() as patch:

        def fail(*_: Any, **__: Any) -> Any:
            raise Broken

        patch.setattr(yaml, "load", fail)
        with pytest.raises(YamlSyntaxError) as error:
            yamlread.parse("a: 1\n")
    assert str(error.value) == "YAML syntax: unacceptable character"


# --- 23. the value, not its display ---------------------------------------------------------


def test_an_amount_shown_with_seven_decimals_is_read_as_its_value(tmp_path: Path) -> None:
    def seven(book: Any) -> None:
        sheet = book["activities"]
        cell = sheet.cell(row_of(sheet, "welcome-house"), columns(sheet)["2020"], 3.3)
        cell.number_format = "0.0000000"

    workbook = edited(export(tmp_path / "a.xlsx"), tmp_path / "b.xlsx", seven)
    target = tmp_path / "out.yaml"
    result = run("import", str(workbook), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    activity = next(a for a in load(target, use_cache=False).activities if a.id == "welcome-house")
    amount = activity.budget[2020]
    assert isinstance(amount, Decimal) and amount == Decimal("3.3")
    assert str(amount) in ("3.3", "3.300000")  # the shown zeros, up to an amount's six


# --- 24. diff across units ------------------------------------------------------------------


def _in_thousands(text: str, unit: str = "t.kr.") -> str:
    def times_1000(found: re.Match[str]) -> str:
        return found.group(1) + format(Decimal(found.group(2)).scaleb(3).normalize(), "f")

    text = text.replace("unit: mio. kr.", f"unit: {unit}")
    return re.sub(r"(?m)^(      20\d\d: )([0-9.]+)$", times_1000, text)


def test_diff_across_units_compares_in_one_unit(tmp_path: Path) -> None:
    # 2,000 t.kr. against 2 mio. kr. gave a difference of 1,998.0.
    old = tmp_path / "old.yaml"
    old.write_text(BUNDLED, encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(_in_thousands(BUNDLED), encoding="utf-8")
    result = run("diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 1, result.stderr
    payload = json.loads(result.stdout)
    changes = payload["rows"]
    # Only the unit changed: every amount is the same in t.kr.
    assert [(c["kind"], c["field"]) for c in changes] == [("dataset", "unit")]
    assert payload["totals"] == []
    # One real change, in t.kr.: welcome-house 2020 from 2.5 mio. kr. (2,500 t.kr.) to 2,700.
    changed = _in_thousands(BUNDLED)
    welcome = changed.index("  - id: welcome-house\n")
    at = changed.index("      2020: 2500\n", welcome)
    changed = changed[:at] + "      2020: 2700\n" + changed[at + len("      2020: 2500\n") :]
    new.write_text(changed, encoding="utf-8")
    payload = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    budget = [c for c in payload["rows"] if c["kind"] == "budget"]
    assert [(c["id"], c["year"], c["difference"]) for c in budget] == [
        ("welcome-house", 2020, "200")
    ] or [(c["id"], c["year"], Decimal(str(c["difference"]))) for c in budget] == [
        ("welcome-house", 2020, Decimal(200))
    ]
    assert Decimal(str(budget[0]["old"])) == Decimal(2500)


def test_diff_across_unknown_units_computes_no_difference(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    old.write_text(BUNDLED, encoding="utf-8")
    new = tmp_path / "new.yaml"
    new.write_text(_in_thousands(BUNDLED, "kr. (1000s)"), encoding="utf-8")
    payload = json.loads(run("diff", str(old), str(new), "--format", "json").stdout)
    budget = [c for c in payload["rows"] if c["kind"] == "budget"]
    assert budget and all(c["difference"] is None for c in budget)
    assert all(t["difference"] is None for t in payload["totals"])

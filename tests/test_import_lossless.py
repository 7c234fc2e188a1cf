"""Issue 29 item 8: import onto the last edition is lossless. Importing a workbook onto an
existing data file keeps its comments and layout and changes only the lines whose values
changed; an unchanged workbook leaves the file byte-identical.

The expected lines are found in the bundled file's text by hand (the activity's block, the
year's line), never taken from the code's own output.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from budgetcli.formats.json import document, dumps
from budgetcli.source.loader import bundled_data_path, load
from tests.conftest import run
from tests.readme import TEXT as README
from tests.test_import import columns, edited, export, row_of

BUNDLED = bundled_data_path().read_text(encoding="utf-8")


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    """(lines removed, lines added), as ``git diff`` would show them."""
    removed, added = [], []
    for line in difflib.ndiff(before.splitlines(), after.splitlines()):
        if line.startswith("- "):
            removed.append(line[2:])
        elif line.startswith("+ "):
            added.append(line[2:])
    return removed, added


def _import(workbook: Path, target: Path) -> None:
    result = run("import", str(workbook), "-o", str(target))
    assert result.exit_code == 0, result.stderr


def _set(activity_id: str, header: str, value: object) -> Any:
    def change(book: Any) -> None:
        sheet = book["activities"]
        sheet.cell(row_of(sheet, activity_id), columns(sheet)[header], value)

    return change


def test_an_unchanged_workbook_leaves_the_file_byte_identical(tmp_path: Path) -> None:
    # Before: 152 lines differed (the header comment lost, prose rewrapped).
    workbook = export(tmp_path / "budget.xlsx")
    target = tmp_path / "activities.yaml"
    target.write_bytes(bundled_data_path().read_bytes())
    os.utime(target, (1_000_000_000, 1_000_000_000))
    _import(workbook, target)
    assert target.read_bytes() == bundled_data_path().read_bytes()
    assert target.stat().st_mtime == 1_000_000_000  # not even rewritten
    # Saved by a spreadsheet program (openpyxl here): the same.
    saved = edited(workbook, tmp_path / "saved.xlsx", lambda book: None)
    _import(saved, target)
    assert target.read_bytes() == bundled_data_path().read_bytes()


def test_a_one_cell_edit_changes_exactly_that_line(tmp_path: Path) -> None:
    workbook = edited(
        export(tmp_path / "budget.xlsx"), tmp_path / "next.xlsx", _set("welcome-house", "2020", 2.7)
    )
    target = tmp_path / "activities.yaml"
    target.write_text(BUNDLED, encoding="utf-8")
    _import(workbook, target)
    after = target.read_text(encoding="utf-8")
    # The bundled file: welcome-house's block has "      2020: 2.5".
    assert _changed_lines(BUNDLED, after) == (["      2020: 2.5"], ["      2020: 2.7"])
    block = BUNDLED.index("  - id: welcome-house\n")
    line = BUNDLED.index("      2020: 2.5\n", block)
    assert (
        after == BUNDLED[:line] + "      2020: 2.7\n" + BUNDLED[line + len("      2020: 2.5\n") :]
    )


def test_comments_and_hand_wrapping_stay_where_values_change(tmp_path: Path) -> None:
    # A file its author annotated and wrapped in their own way, edited in a workbook.
    own = BUNDLED.replace(
        "  - id: welcome-house\n",
        "  # Welcome House: see the 2019 evaluation before changing the amounts.\n"
        "  - id: welcome-house\n",
    ).replace("    name: Sabaah\n", "    name: Sabaah   # the association's own spelling\n")
    target = tmp_path / "activities.yaml"
    target.write_text(own, encoding="utf-8")
    workbook = export(tmp_path / "budget.xlsx")
    workbook = edited(workbook, tmp_path / "next.xlsx", _set("welcome-house", "2021", 3))
    workbook = edited(workbook, tmp_path / "next.xlsx", _set("sabaah", "description", "Ny tekst"))
    _import(workbook, target)
    after = target.read_text(encoding="utf-8")
    removed, added = _changed_lines(own, after)
    assert sorted(removed) == sorted(
        [
            "      2021: 2.5",
            "    description: Driftsstøtte til foreningens administration og aktiviteter",
        ]
    )
    assert sorted(added) == sorted(["      2021: 3", "    description: Ny tekst"])
    assert "# Welcome House: see the 2019 evaluation" in after
    assert "    name: Sabaah   # the association's own spelling\n" in after
    assert after.startswith(BUNDLED[: BUNDLED.index("title:")])  # the header comment


def test_an_added_year_or_a_removed_activity_changes_only_its_lines(tmp_path: Path) -> None:
    workbook = export(tmp_path / "budget.xlsx")
    target = tmp_path / "activities.yaml"

    # welcome-house with no actual spend gets one, in a year: its block takes the lines.
    def actual(book: Any) -> None:
        _set("welcome-house", "actual 2019", 2.4)(book)

    target.write_text(BUNDLED, encoding="utf-8")
    _import(edited(workbook, tmp_path / "a.xlsx", actual), target)
    removed, added = _changed_lines(BUNDLED, target.read_text(encoding="utf-8"))
    assert removed == [] and added == ["    actual:", "      2019: 2.4"]

    # sabaah removed: its block (16 lines with the blank one after it) and nothing else.
    def remove(book: Any) -> None:
        sheet = book["activities"]
        sheet.delete_rows(row_of(sheet, "sabaah"))

    target.write_text(BUNDLED, encoding="utf-8")
    _import(edited(workbook, tmp_path / "b.xlsx", remove), target)
    removed, added = _changed_lines(BUNDLED, target.read_text(encoding="utf-8"))
    start = BUNDLED.index("  - id: sabaah\n")
    end = BUNDLED.index("\n\n", start) + 2
    assert added == [] and removed == BUNDLED[start:end].splitlines()


def _dedented(text: str) -> str:
    """The bundled file with its lists' items at their key's indentation (``- id:`` at the
    start of the line): the same data in another layout."""
    head, body = text.split("\ndepartments:\n", 1)
    lines = [line[2:] if line.startswith("  ") else line for line in body.splitlines()]
    return head + "\ndepartments:\n" + "\n".join(lines) + "\n"


def test_an_added_or_renamed_activity_changes_only_its_lines(tmp_path: Path) -> None:
    workbook = export(tmp_path / "budget.xlsx")
    target = tmp_path / "activities.yaml"
    start = BUNDLED.index("  - id: sabaah\n")
    block = BUNDLED[start : BUNDLED.index("\n\n", start) + 1].splitlines()

    def copy(book: Any) -> None:  # a copy of sabaah's row, under a new id, after it
        sheet = book["activities"]
        row = row_of(sheet, "sabaah")
        sheet.insert_rows(row + 1)
        for column in range(1, sheet.max_column + 1):
            sheet.cell(row + 1, column, sheet.cell(row, column).value)
        sheet.cell(row + 1, 1, "sabaah-2")

    target.write_text(BUNDLED, encoding="utf-8")
    _import(edited(workbook, tmp_path / "a.xlsx", copy), target)
    removed, added = _changed_lines(BUNDLED, target.read_text(encoding="utf-8"))
    assert removed == []
    assert added in (["  - id: sabaah-2", *block[1:], ""], ["", "  - id: sabaah-2", *block[1:]])

    def rename(book: Any) -> None:
        sheet = book["activities"]
        sheet.cell(row_of(sheet, "sabaah"), 1, "sabaah-lgbt")

    target.write_text(BUNDLED, encoding="utf-8")
    _import(edited(workbook, tmp_path / "b.xlsx", rename), target)
    assert _changed_lines(BUNDLED, target.read_text(encoding="utf-8")) == (
        ["  - id: sabaah"],
        ["  - id: sabaah-lgbt"],
    )


def test_a_file_in_another_layout_keeps_it_or_is_written_whole(tmp_path: Path) -> None:
    from budgetcli.yamlwrite import dump

    own = _dedented(BUNDLED)
    target = tmp_path / "activities.yaml"
    target.write_text(own, encoding="utf-8")
    bundled = dumps(document(load(bundled_data_path(), use_cache=False)))
    assert dumps(document(load(target, use_cache=False))) == bundled
    workbook = export(tmp_path / "budget.xlsx")
    # A changed value is changed in place, in the file's own layout.
    _import(edited(workbook, tmp_path / "a.xlsx", _set("welcome-house", "2020", 2.7)), target)
    assert _changed_lines(own, target.read_text(encoding="utf-8")) == (
        ["    2020: 2.5"],
        ["    2020: 2.7"],
    )
    # A new field cannot be written in the file's layout by budgetcli's: the whole file is
    # written afresh, and reads back as the workbook.
    target.write_text(own, encoding="utf-8")
    _import(
        edited(workbook, tmp_path / "b.xlsx", _set("welcome-house", "actual 2019", 2.4)), target
    )
    again = load(target, use_cache=False)
    welcome = next(a for a in again.activities if a.id == "welcome-house")
    assert welcome.actual is not None and str(welcome.actual[2019]) == "2.4"
    assert target.read_text(encoding="utf-8") == dump(again)


def test_the_readme_promises_what_import_does() -> None:
    assert "changes only the lines whose values changed" in README
    assert "byte-identical" in README

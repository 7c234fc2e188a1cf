"""``budgetcli import``: the exported workbook back into a data file, losing nothing, and
every bad cell named by sheet and cell."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcli.formats.json import document, dumps
from budgetcli.model import Dataset, TextCell
from budgetcli.source.loader import bundled_data_path, load
from budgetcli.yamlwrite import dump
from tests import readme
from tests.conftest import run

ROUND_TRIP = "## The next edition: from a workbook and back"

Sheet = Any


def export(path: Path) -> Path:
    result = run("export", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def columns(sheet: Sheet, row: int = 1) -> dict[str, int]:
    return {c.value: c.column for c in sheet[row] if c.value is not None}


def row_of(sheet: Sheet, activity_id: str) -> int:
    for row in sheet.iter_rows(min_row=2):
        if row[0].value == activity_id:
            return int(row[0].row)
    raise KeyError(activity_id)


def edited(source: Path, target: Path, change: Callable[[Any], None]) -> Path:
    """``source``'s workbook with ``change(book)`` applied, saved as ``target``."""
    from openpyxl import load_workbook

    book = load_workbook(source)
    change(book)
    book.save(target)
    return target


def welcome_house_and_a_copy(book: Any) -> None:
    """The issue's edit: Welcome House 2020 from 2.5 to 2.7, and one row copied under a new id."""
    sheet = book["activities"]
    column = columns(sheet)
    row = row_of(sheet, "welcome-house")
    assert sheet.cell(row, column["2020"]).value == 2.5
    sheet.cell(row, column["2020"]).value = 2.7
    copy = sheet.max_row + 1
    source = row_of(sheet, "sabaah")
    for index in range(1, sheet.max_column + 1):
        sheet.cell(copy, index).value = sheet.cell(source, index).value
    sheet.cell(copy, column["id"]).value = "sabaah-ungdom"


def imported(workbook: Path, target: Path) -> Dataset:
    result = run("import", str(workbook), "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    return load(target, use_cache=False)


# --- export -> import loses nothing ------------------------------------------------------

# Every command that answers from the data, with arguments that reach every kind of field.
QUESTIONS = (
    ("list",),
    ("list", "--department", "SUF"),
    ("show", "igu-elev"),
    ("show", "welcome-house"),
    ("show", "forebyggende-hjemmebesoeg"),
    ("total",),
    ("total", "--by", "department"),
    ("total", "--year", "2019", "--basis", "actual"),
    ("total", "--by", "section"),
    ("compare", "2018", "2022", "--by", "activity"),
    ("expiring",),
    ("notes",),
    ("chart", "--by", "department"),
)


def test_export_then_import_answers_every_question_alike(tmp_path: Path, dataset: Dataset) -> None:
    back = imported(export(tmp_path / "budget.xlsx"), tmp_path / "back.yaml")
    # The whole document, digits included (0.090 is not 0.09 here: strings are compared).
    assert dumps(document(back)) == dumps(document(dataset))
    for question in QUESTIONS:
        bundled = run(*question, "--format", "json")
        again = run(*question, "--format", "json", "--data", str(tmp_path / "back.yaml"))
        assert bundled.exit_code == again.exit_code == 0, question
        assert again.stdout == bundled.stdout, question


def test_trailing_zeros_survive_the_spreadsheet(tmp_path: Path) -> None:
    # The source prints 0,090 (IGU-elev 2019) and 117.590 kr. actual spend: a float keeps
    # neither trailing zero, the cell's number format does.
    back = imported(export(tmp_path / "budget.xlsx"), tmp_path / "back.yaml")
    igu = next(a for a in back.activities if a.id == "igu-elev")
    assert str(igu.budget[2019]) == "0.090"
    assert igu.actual is not None and str(igu.actual[2018]) == "0.117590"
    assert "      2019: 0.090\n" in (tmp_path / "back.yaml").read_text(encoding="utf-8")


def test_the_yaml_reads_like_the_bundled_file(tmp_path: Path) -> None:
    """Measured: the lines of data/activities.yaml that export -> import writes differently.
    The bundled file was wrapped by hand (at 96 to 100 columns) and its header comment is
    its own; everything else (order, layout, year cells, comments) is reproduced."""
    import difflib

    imported(export(tmp_path / "budget.xlsx"), tmp_path / "back.yaml")
    bundled = bundled_data_path().read_text(encoding="utf-8").splitlines()
    written = (tmp_path / "back.yaml").read_text(encoding="utf-8").splitlines()
    changed = [
        line
        for line in difflib.unified_diff(bundled, written, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    removed = sum(line.startswith("-") for line in changed)
    assert removed < len(bundled) * 0.12, (removed, len(bundled))
    # The lines that carry the data's structure are all there, in the same order.
    keys = re.compile(r"^ *(- )?(id|department|code|budget|\d{4}|adjustable|notes):")
    assert [line for line in bundled if keys.match(line)] == [
        line for line in written if keys.match(line)
    ]


def test_a_second_round_trip_changes_nothing(tmp_path: Path) -> None:
    first = imported(export(tmp_path / "one.xlsx"), tmp_path / "one.yaml")
    result = run("export", str(tmp_path / "two.xlsx"), "--data", str(tmp_path / "one.yaml"))
    assert result.exit_code == 0, result.stderr
    imported(tmp_path / "two.xlsx", tmp_path / "two.yaml")
    assert (tmp_path / "one.yaml").read_bytes() == (tmp_path / "two.yaml").read_bytes()
    assert len(first.activities) == 67


def test_title_rows_and_moved_columns_are_read_by_their_headers(
    tmp_path: Path, dataset: Dataset
) -> None:
    def rework(book: Any) -> None:
        for title in ("activities", "notes", "departments"):
            sheet = book[title]
            sheet.insert_rows(1, amount=2)
            sheet.cell(1, 1).value = f"Oversigt: {title}"
        activities = book["activities"]
        # The name column moved to the far right.
        name = columns(activities, 3)["name"]
        last = activities.max_column + 1
        for row in range(1, activities.max_row + 1):
            activities.cell(row, last).value = activities.cell(row, name).value
            activities.cell(row, name).value = None
        activities.delete_cols(name)

    reworked = edited(export(tmp_path / "budget.xlsx"), tmp_path / "reworked.xlsx", rework)
    back = imported(reworked, tmp_path / "back.yaml")
    assert dumps(document(back)) == dumps(document(dataset))


# --- bad cells: one line each, nothing written -------------------------------------------


def _put(book: Any, activity_id: str, header: str, value: object) -> str:
    """Writes ``value`` in an activity's cell; the cell as a message names it."""
    sheet = book["activities"]
    cell = sheet.cell(row_of(sheet, activity_id), columns(sheet)[header])
    cell.value = value
    return f"activities!{cell.coordinate}"


def _negative(book: Any) -> str:
    return f"{_put(book, 'welcome-house', '2020', -4)}: amount -4 is negative"


def _unknown_department(book: Any) -> str:
    return f"{_put(book, 'feriecamp', 'department', 'KUF')}: unknown department 'KUF'"


def _duplicate_id(book: Any) -> str:
    sheet = book["activities"]
    first, second = row_of(sheet, "sabaah"), row_of(sheet, "bydelsmoedre")
    sheet.cell(second, 1).value = "sabaah"
    return f"activities!A{second}: duplicate id 'sabaah' (first used by activities!A{first})"


def _note_department(book: Any) -> str:
    sheet = book["notes"]
    sheet.cell(3, columns(sheet)["department"]).value = "XYZ"
    return f"notes!{sheet.cell(3, columns(sheet)['department']).coordinate}: unknown department"


def _both_amount_and_words(book: Any) -> str:
    where = _put(book, "welcome-house", "2020 text", "Driftsbudget")
    return f"{where}: 2020 has both an amount and words"


def _missing_sheet(book: Any) -> str:
    del book["notes"]
    return "no sheet 'notes'"


BAD = {
    "negative": _negative,
    "unknown department": _unknown_department,
    "duplicate id": _duplicate_id,
    "note's department": _note_department,
    "amount and words": _both_amount_and_words,
    "missing sheet": _missing_sheet,
}


def test_validate_lists_every_bad_cell_of_a_workbook(tmp_path: Path) -> None:
    def two(book: Any) -> None:
        _negative(book)
        _unknown_department(book)

    workbook = edited(export(tmp_path / "budget.xlsx"), tmp_path / "bad.xlsx", two)
    result = run("validate", str(workbook))
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stdout.splitlines()] == [
        "activities!" + _cell(workbook, "welcome-house", "2020"),
        "activities!" + _cell(workbook, "feriecamp", "department"),
    ]


def _cell(workbook: Path, activity_id: str, header: str) -> str:
    from openpyxl import load_workbook

    sheet = load_workbook(workbook)["activities"]
    return str(sheet.cell(row_of(sheet, activity_id), columns(sheet)[header]).coordinate)


@pytest.mark.parametrize(
    "content", [b"", b"hello\n", b"PK\x03\x04 not really a zip", b"period: {first: 2018}\n"]
)
def test_a_file_that_is_not_a_workbook_gets_one_line(tmp_path: Path, content: bytes) -> None:
    source = tmp_path / "book.xlsx"
    source.write_bytes(content)
    result = run("import", str(source), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"budgetcli: {source}: not an Excel workbook (.xlsx) as budgetcli export writes it\n"
    )
    assert not (tmp_path / "out.yaml").exists()


def test_import_never_writes_over_its_input_or_a_foreign_file(tmp_path: Path) -> None:
    workbook = export(tmp_path / "budget.xlsx")
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(workbook)
    result = run("import", str(workbook), "-o", str(alias))
    assert result.exit_code == 1 and "it is the data file being read" in result.stderr
    foreign = tmp_path / "notes.yaml"
    foreign.write_text("my own notes\n", encoding="utf-8")
    result = run("import", str(workbook), "-o", str(foreign))
    assert result.exit_code == 1 and "not a budgetcli data file" in result.stderr
    assert foreign.read_text(encoding="utf-8") == "my own notes\n"
    assert run("import", str(workbook), "-o", str(foreign), "--force").exit_code == 0
    # A data file budgetcli wrote (or the bundled one, copied) is replaced without asking.
    copy = tmp_path / "copy.yaml"
    shutil.copy(bundled_data_path(), copy)
    assert run("import", str(workbook), "-o", str(copy)).exit_code == 0
    result = run("import", str(workbook), "-o", str(tmp_path / "out.txt"))
    assert result.exit_code == 2


# --- the YAML writer ---------------------------------------------------------------------

# Text as a data file may hold it: anything but the control characters validation refuses.
_texts = st.text(
    st.characters(exclude_categories=["Cs"], exclude_characters="\x85"),
    min_size=1,
    max_size=120,
).filter(lambda t: t.strip() and not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", t))


@given(name=_texts, description=_texts, remark=_texts)
def test_every_text_reads_back_exactly(
    dataset: Dataset, name: str, description: str, remark: str
) -> None:
    from budgetcli.source.build import build_dataset
    from budgetcli.source.loader import parse_and_check

    first = dataset.activities[0]._replace(name=name, description=description, remarks=(remark,))
    changed = dataset._replace(activities=(first, *dataset.activities[1:]))
    again = build_dataset(parse_and_check(Path("x.yaml"), dump(changed).encode("utf-8")))
    assert again.activities[0].name == name
    assert again.activities[0].description == description
    assert again.activities[0].remarks == (remark,)


def test_folded_lines_keep_to_the_width(dataset: Dataset) -> None:
    text = dump(dataset)
    folded = False
    for line in text.splitlines():
        if line.endswith(">-"):
            folded = True
        elif folded and line.startswith("      ") and not line.lstrip().startswith("- "):
            assert len(line) <= 99, line
        else:
            folded = False


# --- the recipe in README ----------------------------------------------------------------


def test_the_round_trip_recipe_runs_as_printed(tmp_path: Path) -> None:
    steps = readme.steps(readme.console_blocks(readme.section(ROUND_TRIP))[0])
    assert [c.split()[1] for c, _ in steps if c.startswith("budgetcli")] == [
        "export",
        "import",
        "validate",
        "diff",
        "total",
    ]
    for command, shown in steps:
        result = readme.shell(command, tmp_path)
        # diff exits 1 when the files differ, as diff(1).
        expected = 1 if command.startswith("budgetcli diff") else 0
        assert result.returncode == expected, (command, result.stderr)
        assert result.stdout.rstrip("\n") == shown, command
    # The recipe's figures, by hand: Welcome House goes 2.5 -> 2.7 in 2020, so BIF's 2020
    # (19.2 in the source) is 19.4, and the 2020 total (111.037) is 111.237.
    diff = next(shown for command, shown in steps if command.startswith("budgetcli diff"))
    assert re.search(r"^total +BIF +2020 +19\.2 +19\.4 +0\.200$", diff, re.MULTILINE)
    assert steps[-1].output == str(Decimal("111.037") + Decimal("0.2"))  # the total, printed


# --- LibreOffice -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_a_workbook_saved_by_libreoffice_reads_back(tmp_path: Path, dataset: Dataset) -> None:
    """As a data maintainer would: three changes, the workbook saved by LibreOffice Calc."""

    def three(book: Any) -> None:
        sheet = book["activities"]
        column = columns(sheet)
        sheet.cell(row_of(sheet, "welcome-house"), column["2020"]).value = 2.7
        sheet.cell(row_of(sheet, "feriecamp"), column["2020"]).value = 0.35
        sheet.cell(row_of(sheet, "sabaah"), column["funding"]).value = "Budget 2015, 2019 og 2023"

    edited(export(tmp_path / "budget.xlsx"), tmp_path / "edited.xlsx", three)
    converted = tmp_path / "lo"
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(converted),
            str(tmp_path / "edited.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    saved = converted / "edited.xlsx"
    assert saved.exists()
    imported(saved, tmp_path / "next.yaml")
    result = run("diff", str(bundled_data_path()), str(tmp_path / "next.yaml"), "--format", "json")
    assert result.exit_code == 1, result.stderr
    changes = json.loads(result.stdout)["rows"]
    assert [(c["kind"], c["id"], c["field"], c["year"]) for c in changes] == [
        ("field", "sabaah", "funding", None),
        ("budget", "welcome-house", None, 2020),
        ("budget", "feriecamp", None, 2020),
    ]
    # 0.090 and 0.117590 kept their digits through LibreOffice too (the cells' formats).
    assert "      2019: 0.090\n" in (tmp_path / "next.yaml").read_text(encoding="utf-8")


# --- what spreadsheet programs do to cells -----------------------------------------------


def test_cells_a_spreadsheet_retyped_read_as_what_they_mean(tmp_path: Path) -> None:
    def retype(book: Any) -> None:
        sheet = book["activities"]
        column = columns(sheet)
        row = row_of(sheet, "welcome-house")
        sheet.cell(row, column["adjustable years"]).value = 2020  # "2020" became a number
        sheet.cell(row, column["name"]).value = 2019  # a name that looks like a number
        sheet.cell(row, column["description"]).value = 1.5
        sheet.cell(row, column["target_group"]).value = "   "  # blanks are no text
        sheet.cell(row, column["2021"]).value = 3.0  # a whole float is a whole amount
        sheet.cell(row, column["notes"]).value = " bif-welcome-house , "

    back = imported(
        edited(export(tmp_path / "budget.xlsx"), tmp_path / "typed.xlsx", retype),
        tmp_path / "typed.yaml",
    )
    house = next(a for a in back.activities if a.id == "welcome-house")
    assert house.adjustable == frozenset({2020})
    assert (house.name, house.description, house.target_group) == ("2019", "1.5", None)
    assert str(house.budget[2021]) == "3"
    assert house.notes == ("bif-welcome-house",)


def _beyond(book: Any, name: str, row: int, value: str, gap: int = 1) -> str:
    """Writes ``value`` ``gap`` columns right of a sheet's last; the cell as a message names it."""
    sheet = book[name]
    cell = sheet.cell(row, sheet.max_column + gap)
    cell.value = value
    return f"{name}!{cell.coordinate}"


def _headers(book: Any, name: str, change: Callable[[Any], Any]) -> None:
    for cell in book[name][1]:
        cell.value = change(cell.value)


def _unknown_column(book: Any) -> str:
    return f"{_beyond(book, 'activities', 1, 'colour')}: unknown column 'colour'"


def _twice(book: Any) -> str:
    return f"{_beyond(book, 'notes', 1, 'text')}: the column 'text' appears twice"


def _no_header(book: Any) -> str:
    _headers(book, "departments", lambda value: "kode" if value == "code" else value)
    return "departments!1: no header row with the columns code, name"


def _headless_value(book: Any) -> str:
    return f"{_beyond(book, 'departments', 3, 'stray', gap=2)}: a value in a column"


def _no_years(book: Any) -> str:
    _headers(book, "activities", lambda v: None if re.search(r"\d{4}", str(v)) else v)
    return "activities!A1: no year columns"


LAYOUT = {
    "unknown column": _unknown_column,
    "a column twice": _twice,
    "no header": _no_header,
    "a value without a header": _headless_value,
    "no year columns": _no_years,
}


@pytest.mark.parametrize("name", [*BAD, *LAYOUT])
def test_a_bad_cell_or_layout_is_named_and_nothing_is_written(tmp_path: Path, name: str) -> None:
    said: list[str] = []
    workbook = edited(
        export(tmp_path / "budget.xlsx"),
        tmp_path / "bad.xlsx",
        lambda book: said.append({**BAD, **LAYOUT}[name](book)),
    )
    result = run("import", str(workbook), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    # One line, the fault named first; without year columns, the problems that follow too.
    assert len(lines) == 1 or name == "no year columns", lines
    assert lines[0].startswith(f"budgetcli: {workbook}: {said[0]}"), lines[0]
    assert not (tmp_path / "out.yaml").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.xlsx", "budget.xlsx", "cache"]


def test_a_missing_or_unreadable_workbook(tmp_path: Path) -> None:
    result = run("import", str(tmp_path / "none.xlsx"), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1 and "no such file" in result.stderr
    result = run("import", str(tmp_path), "-o", str(tmp_path / "out.yaml"))
    assert result.exit_code == 1 and "is a directory" in result.stderr


# --- any dataset goes round the workbook -------------------------------------------------

_amounts = st.decimals(min_value=0, max_value=10_000, places=3, allow_nan=False).map(
    lambda d: d.normalize() if d == d.to_integral() else d
)


@settings(max_examples=25)
@given(
    name=_texts,
    # One remark a line in the workbook's cell: a remark cannot hold a line break there.
    remark=_texts.filter(lambda t: "\n" not in t),
    amounts=st.lists(st.one_of(st.none(), _amounts, _texts.map(TextCell)), min_size=5, max_size=5),
)
def test_any_cells_go_round_the_workbook(
    tmp_path_factory: pytest.TempPathFactory,
    dataset: Dataset,
    name: str,
    remark: str,
    amounts: list[Any],
) -> None:
    from budgetcli.formats import Options
    from budgetcli.formats.xlsx import export as export_xlsx
    from budgetcli.source.build import build_dataset
    from budgetcli.source.workbook_import import read_plain

    first = dataset.activities[0]._replace(
        name=name,
        remarks=(remark,),
        budget=dict(zip(dataset.years, amounts, strict=True)),
    )
    small = dataset._replace(activities=(first,), notes=())
    small = small._replace(activities=(first._replace(notes=()),))
    path = tmp_path_factory.mktemp("round") / "one.xlsx"
    export_xlsx(small, path, Options())
    assert dumps(document(build_dataset(read_plain(path)))) == dumps(document(small))


def test_a_danish_export_reads_back_too(tmp_path: Path, dataset: Dataset) -> None:
    """`export --lang da` names the about sheet 'om' and its facts in Danish."""
    workbook = tmp_path / "budget.xlsx"
    assert run("export", str(workbook), "--lang", "da").exit_code == 0
    from openpyxl import load_workbook

    assert "om" in load_workbook(workbook, read_only=True).sheetnames
    back = imported(workbook, tmp_path / "back.yaml")
    assert dumps(document(back)) == dumps(document(dataset))

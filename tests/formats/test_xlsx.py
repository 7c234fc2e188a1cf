"""Excel: a report's workbook stands on its own; export streams the whole dataset exactly.

Figures are the source's (Bilag 1-7): BUF's 2021 frame 64.592 includes refugee funds and may
change (a star), SUF prints only "Driftsbudget" for 2021, the IGU trainee's budget 0.205 and
0.090 differs from actual spend.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from budgetcli.formats import Options
from budgetcli.formats.xlsx import REPLACEMENT, export
from budgetcli.loader import load
from budgetcli.model import Dataset, TextCell
from tests.conftest import run
from tests.test_bad_input import GOOD

SOURCE = "Københavns Kommune: Bilag 1-7"


def _report(tmp_path: Path, *args: str, name: str = "r.xlsx") -> Path:
    path = tmp_path / name
    result = run(*args, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def _rows(sheet: Worksheet) -> list[list[Any]]:
    return [[c.value for c in row] for row in sheet.iter_rows()]


def _by_key(sheet: Worksheet, header_row: int) -> dict[str, dict[str, Any]]:
    """Data rows under the header, keyed by their first cell, as {header: cell}."""
    header = [c.value for c in sheet[header_row]]
    rows: dict[str, dict[str, Any]] = {}
    for row in sheet.iter_rows(min_row=header_row + 1):
        if row[0].value is None:
            break  # the blank line before the footnotes
        pairs = enumerate(zip(header, row, strict=True))
        rows[str(row[0].value)] = {str(h) if h else f"col{i}": c for i, (h, c) in pairs}
    return rows


def _all_cells(path: Path) -> list[Any]:
    book = load_workbook(path)
    return [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row]


# --- a report ----------------------------------------------------------------------------


def test_danish_total_stands_on_its_own(tmp_path: Path) -> None:
    path = _report(tmp_path, "total", "--by", "department", "--year", "2021", "--lang", "da")
    book = load_workbook(path)
    assert book.sheetnames == ["rapport", "noter"]
    sheet = book["rapport"]
    title, source = sheet["A1"].value, sheet["A2"].value
    assert "2021" in title and "mio. kr." in title and title.startswith("Budget 2021 efter")
    assert sheet["A1"].font.b
    assert SOURCE in source and source.startswith("Kilde:")
    header = [c.value for c in sheet[4]]
    assert header[0] == "forvaltning" and "2021" in header and "2021 mærke" in header
    assert all(c.font.b for c in sheet[4] if c.value)
    assert sheet.freeze_panes == "A5"
    rows = _by_key(sheet, 4)
    assert set(rows) == {"BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF", "total"}
    buf = rows["BUF"]["2021"]
    assert buf.data_type == "n" and Decimal(str(buf.value)) == Decimal("64.592")
    assert buf.number_format == "#,##0.000"
    assert rows["BUF"]["2021 mærke"].value == "*"  # "Inklusiv flygtningemidler"
    assert rows["KFF"]["2021 mærke"].value is None
    suf = rows["SUF"]["2021"]
    assert suf.value == "ikke opgjort" and suf.data_type == "s"  # words, never 0
    assert rows["TMF"]["2021"].value == 0  # no amount at all: a sum over nothing is 0
    assert rows["total"]["navn"].value == "I alt"
    # 16.4 + 64.592 + 5.85 + 7.96 (BIF, BUF, KFF, SOF in 2021, Bilag 1-4)
    assert Decimal(str(rows["total"]["2021"].value)) == Decimal("94.802")
    texts = [v for row in _rows(sheet) for v in row if isinstance(v, str)]
    assert any(t.startswith("2021: udeladt, intet tal findes") for t in texts)
    properties = book.properties
    assert properties.title == title
    assert properties.creator is not None and properties.creator.startswith("budgetcli ")
    assert properties.description is not None and SOURCE in properties.description
    assert properties.language == "da"


def test_notes_sheet_holds_every_source_note(tmp_path: Path) -> None:
    path = _report(tmp_path, "total", "--year", "2020")
    notes = load_workbook(path)["notes"]
    assert notes.freeze_panes == "A5"
    assert [c.value for c in notes[4]] == ["id", "dept", "kind", "marker", "text"]
    rows = {r[0]: r for r in _rows(notes)[4:]}
    assert rows["oekf-igu-elev"][2] == "footnote"
    assert "117.590 kr. i 2018" in rows["oekf-igu-elev"][4]
    assert rows["bif-scope"][2] == "heading"


def test_markers_have_their_own_columns(tmp_path: Path) -> None:
    path = _report(tmp_path, "list", "-d", "ØKF")
    sheet = load_workbook(path)["report"]
    rows = _by_key(sheet, 4)
    igu = rows["igu-elev"]
    assert Decimal(str(igu["2018"].value)) == Decimal("0.205")
    assert Decimal(str(igu["2019"].value)) == Decimal("0.090")
    assert igu["2018 mark"].value == "†" and igu["2019 mark"].value == "†"
    assert igu["2018"].number_format == "#,##0.000"
    assert igu["name"].value == "IGU-elev"
    # Only columns with a marker somewhere get a marker column.
    assert "2020 mark" not in igu


def test_compare_words_and_percentages_in_danish(tmp_path: Path) -> None:
    path = _report(tmp_path, "compare", "2019", "2021", "--lang", "da")
    rows = _by_key(load_workbook(path)["rapport"], 4)
    tmf = rows["TMF"]
    assert tmf["status"].value == "ophørt"  # TMF's last amount is 2019's 0.120
    # 16.4 / 32.28 - 1 = -49.2 %: stored as the fraction, shown as a percentage.
    bif = rows["BIF"]["ændring %"]
    assert Decimal(str(bif.value)) == Decimal("-0.492") and bif.number_format.endswith("%")


def test_widths_come_from_the_cells_not_the_title(tmp_path: Path) -> None:
    path = _report(tmp_path, "total", "--year", "2020")
    sheet = load_workbook(path)["report"]
    width = sheet.column_dimensions["A"].width
    assert width is not None and width < len(sheet["A1"].value) and width < 30
    assert sheet.column_dimensions["B"].width >= len("Total")


def test_record_report_has_no_header_and_years_stay_numbers(tmp_path: Path) -> None:
    path = _report(tmp_path, "show", "igu-elev")
    rows = _rows(load_workbook(path)["report"])
    fields = {r[0]: r[1] for r in rows[3:] if r[0] is not None}
    assert fields["id"] == "igu-elev"
    assert Decimal(str(fields["budget 2019"])) == Decimal("0.090")


ODD_NAMES = ["=1+2", "+41 12 34", "-x", "@SUM(A1)", "#N/A", '=HYPERLINK("http://x")']


def _odd_data(tmp_path: Path, names: list[str]) -> Path:
    text = GOOD
    for old, new in zip(("name: A\n", "name: B\n"), names[:2], strict=True):
        text = text.replace(old, f"name: {_yaml_string(new)}\n")
    extra = "".join(
        f"  - id: odd{i}\n    department: BIF\n    name: {_yaml_string(name)}\n"
        f"    budget: {{2018: 1}}\n"
        for i, name in enumerate(names[2:])
    )
    path = tmp_path / "odd.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def _yaml_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\x01", "\\x01").replace("\x1b", "\\e")
    return f'"{escaped}"'


@pytest.mark.parametrize("command", [("list",), ("export",)])
def test_text_is_never_a_formula(tmp_path: Path, command: tuple[str, ...]) -> None:
    data = _odd_data(tmp_path, ODD_NAMES)
    path = tmp_path / "odd.xlsx"
    args = (*command, str(path)) if command == ("export",) else (*command, "-o", str(path))
    result = run(*args, "--data", str(data))
    assert result.exit_code == 0, result.stderr
    cells = _all_cells(path)
    assert not [c.coordinate for c in cells if c.data_type in ("f", "e")]
    values = {c.value for c in cells}
    assert set(ODD_NAMES) <= values


@pytest.mark.parametrize("command", ["list", "export", "show"])
def test_control_characters_never_crash(tmp_path: Path, dataset: Dataset, command: str) -> None:
    # validate refuses such text (tests/test_hostile_input.py), so the writer is handed a
    # dataset that skipped it: a file that slips through must still never crash a writer.
    from budgetcli.formats import Format, Options, dataset_writer, report_writer
    from budgetcli.reports.activities import list_report, show_report

    first, second, *rest = dataset.activities
    odd = dataset._replace(
        activities=(
            first._replace(name="A\x01B"),
            second._replace(name="\x1b[31mred"),
            *rest,
        )
    )
    path = tmp_path / "ctl.xlsx"
    options = Options(dataset=odd)
    if command == "export":
        dataset_writer(Format.xlsx)(odd, path, options)
    else:
        report = (
            list_report(odd, odd.activities)
            if command == "list"
            else show_report(odd, odd.activities[0])
        )
        content = report_writer(Format.xlsx)(report, options)
        assert isinstance(content, bytes)
        path.write_bytes(content)
    values = {c.value for c in _all_cells(path)}
    assert f"A{REPLACEMENT}B" in values
    if command != "show":
        assert f"{REPLACEMENT}[31mred" in values


# --- export: the whole dataset -----------------------------------------------------------


def test_export_about_sheet_and_properties(tmp_path: Path) -> None:
    path = tmp_path / "budget.xlsx"
    assert run("export", str(path), "--lang", "da").exit_code == 0
    book = load_workbook(path)
    assert book.sheetnames[:3] == ["activities", "notes", "departments"]
    about = {r[0]: r[1] for r in _rows(book[book.sheetnames[3]]) if r[0]}
    assert SOURCE in about["kilde"] and about["aktiviteter"] == 67
    assert about["enhed"] == "mio. kr." and about["periode"] == "2018-2022"
    assert book.properties.creator is not None and book.properties.creator.startswith("budgetcli")
    assert book.properties.description is not None and SOURCE in book.properties.description
    # Programs find the header in row 1 of every data sheet, in English whatever --lang.
    assert book["activities"]["A1"].value == "id" and book["activities"]["A1"].font.b


@pytest.mark.slow
def test_streaming_export_equals_the_model_at_20000_activities(tmp_path: Path) -> None:
    from benchmarks.generate import synthetic_yaml

    source = tmp_path / "20k.yaml"
    source.write_text(synthetic_yaml(20_000), encoding="utf-8")
    dataset = load(source, use_cache=False)
    path = tmp_path / "20k.xlsx"
    export(dataset, path, Options())
    book = load_workbook(path, read_only=True)
    sheet = book["activities"]
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    years = list(dataset.years)
    amount_at = {y: header.index(str(y)) for y in years}
    text_at = {y: header.index(f"{y} text") for y in years}
    count = 0
    for cells, activity in zip(rows, dataset.activities, strict=True):
        count += 1
        row = (*cells, *([None] * (len(header) - len(cells))))  # read-only drops empty tails
        assert row[0] == activity.id and row[3] == activity.name
        for year in years:
            cell = activity.cell(year)
            amount, words = row[amount_at[year]], row[text_at[year]]
            if isinstance(cell, Decimal):
                assert isinstance(amount, int | float) and Decimal(str(amount)) == cell
                assert words is None
            elif isinstance(cell, TextCell):
                assert amount is None and words == cell.text
            else:
                assert amount is None and words is None
    assert count == len(dataset.activities) == 20_000
    book.close()

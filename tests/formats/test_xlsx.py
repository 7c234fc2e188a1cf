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
from budgetcli.model import Dataset, TextCell
from budgetcli.source.loader import load
from tests.conftest import GOOD, run

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
        if all(c.value is None for c in row):
            break  # the blank line before the footnotes
        pairs = enumerate(zip(header, row, strict=True))
        key = row[0].value if row[0].value is not None else row[1].value  # the total row
        rows[str(key)] = {str(h) if h else f"col{i}": c for i, (h, c) in pairs}
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
    assert header == ["forvaltning", "navn", "2021"]  # the markers are in the amounts' cells
    assert all(c.font.b for c in sheet[4] if c.value)
    # A number's heading stands over its numbers: both at the right of the column.
    assert sheet["C4"].alignment.horizontal == "right"
    assert sheet["A4"].alignment.horizontal in (None, "general", "left")
    assert sheet.freeze_panes == "A5"
    rows = _by_key(sheet, 4)
    assert set(rows) == {"BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF", "I alt"}
    buf = rows["BUF"]["2021"]
    assert buf.data_type == "n" and Decimal(str(buf.value)) == Decimal("64.592")
    assert buf.alignment.horizontal == "right"
    # The marker beside its amount, which stays a number: "Inklusiv flygtningemidler".
    assert buf.number_format == '#,##0.000"*"'
    kff = rows["KFF"]["2021"]
    assert kff.number_format == "#,##0.000_*"  # no marker, but its room: the digits align
    suf = rows["SUF"]["2021"]
    assert suf.value == "ikke opgjort" and suf.data_type == "s"  # words, never 0
    assert rows["TMF"]["2021"].value == 0  # no amount at all: a sum over nothing is 0
    total = rows["I alt"]
    assert total["navn"].value == "I alt" and total["forvaltning"].value is None
    # 16.4 + 64.592 + 5.85 + 7.96 (BIF, BUF, KFF, SOF in 2021, Bilag 1-4)
    assert Decimal(str(total["2021"].value)) == Decimal("94.802")
    assert total["2021"].font.b and total["navn"].font.b
    texts = [v for row in _rows(sheet) for v in row if isinstance(v, str)]
    assert any(t.startswith("2021: udeladt, intet tal findes") for t in texts)
    properties = book.properties
    assert properties.title == title
    assert properties.creator is not None and properties.creator.startswith("budgetcli ")
    assert properties.description is not None and SOURCE in properties.description
    assert properties.language == "da"


def test_notes_sheet_holds_every_source_note(tmp_path: Path) -> None:
    path = _report(tmp_path, "total", "--year", "2020")
    book = load_workbook(path)
    notes = book["notes"]
    # Out of print (LibreOffice prints every visible sheet), and said under the table.
    assert notes.sheet_state == "hidden" and book["report"].sheet_state == "visible"
    texts = [v for row in _rows(book["report"]) for v in row if isinstance(v, str)]
    assert any("hidden sheet “notes”" in t for t in texts)
    assert notes.freeze_panes == "A5"
    assert [c.value for c in notes[4]] == ["id", "dept", "kind", "marker", "text"]
    rows = {r[0]: r for r in _rows(notes)[4:]}
    assert rows["oekf-igu-elev"][2] == "footnote"
    assert "117.590 kr. i 2018" in rows["oekf-igu-elev"][4]
    assert rows["bif-scope"][2] == "heading"


def test_markers_stand_in_their_amounts_number_format(tmp_path: Path) -> None:
    path = _report(tmp_path, "list", "-d", "ØKF")
    sheet = load_workbook(path)["report"]
    header = [c.value for c in sheet[4]]
    # People read names: the id (for typing `show`) is left out of a workbook.
    assert header == ["dept", "section", "name", "2018", "2019", "2020", "2021", "2022"]
    igu = next(r for r in sheet.iter_rows(min_row=5) if r[2].value == "IGU-elev")
    cells = dict(zip(header, igu, strict=True))
    assert Decimal(str(cells["2018"].value)) == Decimal("0.205")
    assert Decimal(str(cells["2019"].value)) == Decimal("0.090")
    assert cells["2018"].number_format == '#,##0.000"†"'
    assert cells["2019"].number_format == '#,##0.000"†"'
    assert cells["2018"].data_type == "n"
    # Only columns with a marker somewhere keep room for one.
    assert cells["2020"].value is None or cells["2020"].number_format == "#,##0.000"


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
    from tests.presenting import list_report, show_report

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


# --- on paper ------------------------------------------------------------------------------

PRINTED = [
    ("total", "--by", "department"),
    ("list", "--lang", "da"),
    ("compare", "2019", "2021", "--lang", "da"),
    ("expiring",),
    ("show", "igu-elev"),
]


def _check_printing(sheet: Worksheet, *, filtered: bool) -> None:
    setup = sheet.page_setup
    assert sheet.sheet_properties.pageSetUpPr is not None
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, sheet.title
    assert setup.fitToWidth in (1, None) and setup.fitToHeight == 0, sheet.title
    assert setup.paperSize == 9  # A4
    widths = [d.width for d in sheet.column_dimensions.values() if d.width]
    assert widths and max(widths) <= 60, (sheet.title, max(widths))
    wide = sum(widths) > 95
    assert setup.orientation == ("landscape" if wide else "portrait"), sheet.title
    if filtered:
        assert sheet.auto_filter.ref, sheet.title
        header = int(sheet.auto_filter.ref.split(":")[0][1:])
        assert sheet.print_title_rows == f"${header}:${header}", sheet.title
        assert sheet.freeze_panes == f"A{header + 1}", sheet.title


@pytest.mark.parametrize("command", PRINTED, ids=" ".join)
def test_every_report_sheet_prints_one_page_wide(tmp_path: Path, command: tuple[str, ...]) -> None:
    book = load_workbook(_report(tmp_path, *command))
    for sheet in book.worksheets:
        # A record (show) has no header row to filter by.
        _check_printing(sheet, filtered=command[0] != "show" or sheet is not book.worksheets[0])


def test_every_exported_sheet_prints_and_filters(tmp_path: Path) -> None:
    path = tmp_path / "all.xlsx"
    assert run("export", str(path)).exit_code == 0
    book = load_workbook(path)
    for sheet in book.worksheets[:3]:  # activities, notes, departments
        _check_printing(sheet, filtered=True)
        from openpyxl.utils import get_column_letter

        last = get_column_letter(sheet.max_column)
        assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
    _check_printing(book.worksheets[3], filtered=False)  # about: facts, no table
    # A long text wraps in its capped column, and its row is tall enough to show it.
    activities = book["activities"]
    header = [c.value for c in activities[1]]
    description = header.index("description") + 1
    for row in range(2, activities.max_row + 1):
        cell = activities.cell(row, description)
        if isinstance(cell.value, str) and len(cell.value) > 120:
            assert cell.alignment.wrap_text
            height = activities.row_dimensions[row].height
            assert height is not None and height >= 15 * 2, row


def test_wrapped_notes_get_rows_tall_enough(tmp_path: Path) -> None:
    """The notes sheet's long paragraphs printed over the rows below them."""
    sheet = load_workbook(_report(tmp_path, "total"))["notes"]
    for row in range(5, sheet.max_row + 1):
        text = str(sheet.cell(row, 5).value)
        lines = -(-len(text) // 66)  # at least one line per 66 characters of a 60 wide column
        height = sheet.row_dimensions[row].height
        if lines > 1:
            assert height is not None and height >= 15 * lines, (row, height, len(text))
        assert sheet.cell(row, 5).alignment.wrap_text


def test_amounts_are_one_block_under_right_aligned_headings(tmp_path: Path) -> None:
    sheet = load_workbook(_report(tmp_path, "total", "--by", "department"))["report"]
    header = [c.value for c in sheet[4]]
    # department, name, 2018..2022, total: no marker columns, the amounts are one block.
    assert header == ["department", "name", "2018", "2019", "2020", "2021", "2022", "total"]
    for column in range(3, 9):
        assert sheet.cell(4, column).alignment.horizontal == "right", header[column - 1]
        for row in range(5, 13):  # BIF .. ØKF and the total
            cell = sheet.cell(row, column)
            if isinstance(cell.value, int | float):
                assert cell.alignment.horizontal == "right", (row, column)
    # BIF's 2018 (36.340) includes Welcome House's adjustable 1.460: marked in its format.
    assert sheet["C5"].number_format.endswith('"*"') and sheet["C5"].value == 36.34
    # The filter leaves the total row out: sorting never moves it among the departments.
    assert sheet.auto_filter.ref == "A4:H11"
    assert sheet["B12"].value == "Total" and sheet["A12"].value is None
    # The print area is the table and its footnotes, nothing right of it.
    assert sheet.print_area == f"'report'!$A$1:$H${sheet.max_row}"


@pytest.mark.parametrize(
    "command",
    [("compare", "2019", "2021"), ("total", "--by", "department"), ("list",), ("expiring",)],
    ids=" ".join,
)
def test_a_danish_workbook_has_no_english_word(tmp_path: Path, command: tuple[str, ...]) -> None:
    import re

    cells = _all_cells(_report(tmp_path, *command, "--lang", "da"))
    english = re.compile(r"\b(total|mark|marker|notes?|report|text|source|kind)\b", re.I)
    found = [c.value for c in cells if isinstance(c.value, str) and english.search(c.value)]
    # The source's own words may say anything; the workbook's own words are Danish.
    assert not [v for v in found if not v.startswith(("Kilde:", "Note om"))], found


def test_text_over_excels_limit_is_cut_visibly(tmp_path: Path) -> None:
    """Excel holds 32,767 characters a cell; validation allows 100,000 (json keeps all)."""
    long = "Lang tekst " * 5_000  # 55,000 characters
    data = tmp_path / "long.yaml"
    data.write_text(GOOD.replace("name: A\n", f"name: {long.strip()}\n"), encoding="utf-8")
    path = tmp_path / "long.xlsx"
    result = run("list", "--data", str(data), "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert "1 text longer than Excel's 32,767 characters cut" in result.stderr
    cut = [c.value for c in _all_cells(path) if isinstance(c.value, str) and len(c.value) > 1000]
    assert len(cut) == 1 and len(cut[0]) == 32_767 and cut[0].endswith("…")
    export_path = tmp_path / "long-export.xlsx"
    result = run("export", str(export_path), "--data", str(data))
    assert result.exit_code == 0 and "cut" in result.stderr


@pytest.mark.slow
def test_a_full_disk_gives_one_clear_line(tmp_path: Path) -> None:
    """A file-size limit stands in for a full disk: every write past 8 KB fails."""
    import resource
    import subprocess
    import sys

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (8 * 1024, 8 * 1024))

    for args in (["list", "-o", str(tmp_path / "l.xlsx")], ["export", str(tmp_path / "e.xlsx")]):
        done = subprocess.run(
            [sys.executable, "-m", "budgetcli", *args],
            capture_output=True,
            text=True,
            preexec_fn=limited,
            # No bytecode written: the limit would leave truncated .pyc files behind.
            env={
                "PATH": "/usr/bin:/bin",
                "TMPDIR": str(tmp_path),
                "NO_COLOR": "1",
                "PYTHONDONTWRITEBYTECODE": "1",
            },
            check=False,
        )
        assert done.returncode == 1, done.stderr
        lines = done.stderr.splitlines()
        assert len(lines) == 1, done.stderr
        assert lines[0].startswith("budgetcli: cannot ") and "File too large" in lines[0]
        assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert not list(tmp_path.glob("*.xlsx"))


# --- issue 32, item 17 and the full-disk regression ------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["export", "OUT"], ["list", "-o", "OUT"], ["total", "--by", "department", "-o", "OUT"]],
)
def test_a_workbooks_temporary_files_are_made_beside_it_and_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    import tempfile

    from openpyxl.worksheet import _writer

    made: list[Path] = []
    real = _writer.create_temporary_file

    def recorded(suffix: str = "") -> str:
        name = real(suffix)
        made.append(Path(name))
        return name

    monkeypatch.setattr(_writer, "create_temporary_file", recorded)
    system = tmp_path / "systmp"
    system.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(system))
    out = tmp_path / "out" / "budget.xlsx"
    out.parent.mkdir()
    result = run(*[str(out) if a == "OUT" else a for a in args])
    assert result.exit_code == 0, result.stderr
    assert made, "openpyxl made no temporary file: the check would prove nothing"
    for path in made:
        assert path.parent.parent == out.parent and path.parent.name.startswith(".budgetcli-")
        assert not path.exists()
    assert sorted(p.name for p in out.parent.iterdir()) == ["budget.xlsx"]
    assert list(system.iterdir()) == []
    assert tempfile.tempdir == str(system)  # restored


@pytest.mark.parametrize("limit", [1_000, 6_000, 20_000])
def test_a_full_disk_during_an_xlsx_export_is_one_line_and_nothing_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int
) -> None:
    """The workbook being built beside the target stands on a disk that fills after
    ``limit`` bytes: the one clear line, and no "Exception ignored in ZipFile.__del__"."""
    import errno
    import gc
    import io
    import os
    import sys

    real_open = io.open
    written = [0]

    class FullDisk(io.FileIO):
        def write(self, data: Any) -> int:
            if written[0] + len(data) > limit:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            written[0] += len(data)
            return super().write(data)

    def opened(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        name = str(file) if isinstance(file, str | Path) else ""
        # The workbook's own file (tempfile opens its files through an opener: let be).
        built = name.endswith(".tmp") and "opener" not in kwargs
        if name.startswith(str(tmp_path)) and built and "w" in mode and "b" in mode:
            raw = FullDisk(name, mode.replace("b", ""))
            return io.BufferedRandom(raw) if "+" in mode else io.BufferedWriter(raw)
        return real_open(file, mode, *args, **kwargs)

    ignored: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    monkeypatch.setattr(io, "open", opened)
    target = tmp_path / "budget.xlsx"
    result = run("export", str(target))
    monkeypatch.setattr(io, "open", real_open)
    gc.collect()
    assert result.exit_code == 1
    assert result.stderr == f"budgetcli: cannot write {target}: No space left on device\n"
    assert [str(u.exc_value) for u in ignored] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


def test_an_export_interrupted_mid_sheet_leaves_nothing_and_nothing_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C (or SIGTERM, raised the same way) while rows stream: exit 130, no file, no
    scratch folder, and no "Exception ignored" from openpyxl's half-written streams."""
    import gc
    import sys

    from budgetcli.formats import xlsx

    rows = xlsx._activity_rows

    def interrupted(dataset: Dataset) -> Any:
        for n, row in enumerate(rows(dataset)):
            if n == 20:
                raise KeyboardInterrupt
            yield row

    ignored: list[Any] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    monkeypatch.setattr(xlsx, "_activity_rows", interrupted)
    result = run("export", str(tmp_path / "budget.xlsx"))
    gc.collect()
    assert result.exit_code == 130
    assert [str(u.exc_value) for u in ignored] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]

"""Leaving the terminal: exports read back losslessly, files by extension, Danish, charts."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from budgetcli.formats import Format, Options, report_writer
from budgetcli.i18n import number
from budgetcli.model import Dataset, TextCell
from budgetcli.reports import Report
from budgetcli.source.loader import load
from budgetcli.terms import Grouping
from tests.conftest import run
from tests.presenting import chart_report

# Hand-summed from the source (see tests/test_cli.py): the yearly totals 2018-2022.
TOTALS = {
    2018: Decimal("129.233"),
    2019: Decimal("129.623"),
    2020: Decimal("111.037"),
    2021: Decimal("94.802"),
    2022: Decimal("88.392"),
}


def _export(tmp_path: Path, name: str, *args: str) -> Path:
    path = tmp_path / name
    result = run("export", str(path), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "wrote" in result.stderr
    return path


def test_yearly_totals_are_the_hand_sums(dataset: Dataset) -> None:
    for year, expected in TOTALS.items():
        cells = [a.cell(year) for a in dataset.activities]
        assert sum((c for c in cells if isinstance(c, Decimal)), Decimal(0)) == expected


# --- the whole dataset -------------------------------------------------------------------


def test_json_export_reads_back_as_the_same_dataset(tmp_path: Path, dataset: Dataset) -> None:
    path = _export(tmp_path, "budget.json")
    assert load(path, use_cache=False) == dataset
    assert '"2019": 0.090' in path.read_text(encoding="utf-8")  # exact digits, not 0.09


def test_csv_export_is_tidy_and_lossless(tmp_path: Path, dataset: Dataset) -> None:
    path = _export(tmp_path, "cells.csv")
    rows = list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert len(rows) == len(dataset.activities) * 5
    by_id = {a.id: a for a in dataset.activities}
    for row in rows:
        activity = by_id[row["activity_id"]]
        cell = activity.cell(int(row["year"]))
        if row["kind"] == "amount":
            assert Decimal(row["amount"]) == cell and str(cell) == row["amount"]
        elif row["kind"] == "words":
            assert cell == TextCell(row["words"]) and row["amount"] == ""
        else:
            assert row["kind"] == "empty" and cell is None and row["amount"] == ""
        assert row["name"] == activity.name
        assert row["description"] == (activity.description or "")
        assert (row["adjustable"] == "true") == (int(row["year"]) in activity.adjustable)
        actual = (activity.actual or {}).get(int(row["year"]))
        assert row["actual"] == ("" if actual is None else str(actual))


def test_xlsx_export_has_numbers_text_and_notes(tmp_path: Path, dataset: Dataset) -> None:
    path = _export(tmp_path, "budget.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["activities", "notes", "departments", "about"]
    sheet = book["activities"]
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["id", "department", "appendix", "name"]
    assert sheet.freeze_panes == "A2"
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(2)]
    assert [r["id"] for r in rows] == [a.id for a in dataset.activities]
    for year, expected in TOTALS.items():
        numbers = [r[str(year)] for r in rows if r[str(year)] is not None]
        assert all(isinstance(n, int | float) for n in numbers)  # real numbers, not text
        assert sum(Decimal(str(n)) for n in numbers) == expected
    for row, activity in zip(rows, dataset.activities, strict=True):
        for year in dataset.years:
            cell = activity.cell(year)
            text = row[f"{year} text"]
            assert (text is not None) == isinstance(cell, TextCell)
            if isinstance(cell, Decimal):
                assert Decimal(str(row[str(year)])) == cell
        assert row["description"] == activity.description
    igu = next(r for r in rows if r["id"] == "igu-elev")
    assert Decimal(str(igu["actual 2018"])) == Decimal("0.11759")
    notes = [[c.value for c in row] for row in book["notes"].iter_rows(2)]
    assert len(notes) == len(dataset.notes)
    assert len(list(book["departments"].iter_rows(2))) == 7


def test_sqlite_export_answers_sql(tmp_path: Path, dataset: Dataset) -> None:
    path = _export(tmp_path, "budget.sqlite")
    db = sqlite3.connect(path)
    try:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        exact = db.execute(
            "SELECT year, amount_exact FROM amounts WHERE kind = 'amount'"
        ).fetchall()
        sums: dict[int, Decimal] = {}
        for year, text in exact:
            sums[year] = sums.get(year, Decimal(0)) + Decimal(text)
        assert sums == TOTALS
        kinds = dict(db.execute("SELECT kind, count(*) FROM amounts GROUP BY kind").fetchall())
        assert kinds["words"] == 15  # three SUF rows, five years each
        assert sum(kinds.values()) == 67 * 5
        (rounded,) = db.execute(
            "SELECT round(sum(amount), 3) FROM amounts WHERE year = 2020"
        ).fetchone()
        assert Decimal(str(rounded)) == TOTALS[2020]
        assert db.execute("SELECT count(*) FROM activities").fetchone() == (67,)
        assert db.execute(
            "SELECT amount_exact FROM actuals WHERE activity_id = 'igu-elev' ORDER BY year"
        ).fetchall() == [("0.117590",), ("0",)]
        assert db.execute(
            "SELECT note_id FROM activity_notes WHERE activity_id = 'welcome-house'"
        ).fetchall() == [("bif-welcome-house",)]
        remarks = db.execute("SELECT count(*) FROM remarks").fetchone()[0]
        assert remarks == sum(len(a.remarks) for a in dataset.activities)
    finally:
        db.close()


def test_export_format_option_and_errors(tmp_path: Path) -> None:
    _export(tmp_path, "budget.db")
    _export(tmp_path, "data.out", "--format", "json")
    unknown = run("export", str(tmp_path / "budget.pdf"))
    assert unknown.exit_code == 2 and ".xlsx" in unknown.stderr
    bad = run("export", str(tmp_path / "x.json"), "--format", "pdf")
    assert bad.exit_code == 2 and "formats are json, csv, xlsx, sqlite" in bad.stderr
    nowhere = run("export", str(tmp_path / "missing" / "x.json"))
    assert nowhere.exit_code == 1 and "cannot write" in nowhere.stderr


# --- any report to a file ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("t.csv", lambda text: text.startswith("row,key,name,department,department_name,2020,")),
        ("t.tsv", lambda text: text.startswith("row\tkey\tname\tdepartment\tdepartment_name\t")),
        ("t.json", lambda text: json.loads(text)["total"]["years"][0]["amount"] == 111.037),
        ("t.md", lambda text: "| Total" in text and "111.037\\*" in text),  # * escaped
        ("t.txt", lambda text: "111.037*" in text),
        ("t.svg", lambda text: text.startswith("<svg") and "111.037" in text),
    ],
)
def test_output_file_format_from_extension(tmp_path: Path, name: str, check: object) -> None:
    path = tmp_path / name
    result = run("total", "--year", "2020", "-o", str(path))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert callable(check) and check(path.read_text(encoding="utf-8"))


def test_output_xlsx_report_holds_numbers(tmp_path: Path) -> None:
    path = tmp_path / "by-department.xlsx"
    assert run("total", "--year", "2020", "--by", "department", "-o", str(path)).exit_code == 0
    sheet = load_workbook(path)["report"]
    # Rows 1-3: the title, the source and a blank line; row 4: the header.
    values = {
        row[0].value or row[1].value: row[2].value for row in sheet.iter_rows(5) if row[2].value
    }
    assert Decimal(str(values["BUF"])) == Decimal("75.592")
    assert Decimal(str(values["Total"])) == TOTALS[2020]  # the total row: its label, no key


def test_output_errors(tmp_path: Path) -> None:
    unknown = run("total", "-o", str(tmp_path / "t.pdf"))
    assert unknown.exit_code == 2 and "add --format" in unknown.stderr
    assert not (tmp_path / "t.pdf").exists()
    stdout_xlsx = run("total", "--format", "xlsx")
    assert stdout_xlsx.exit_code == 2 and "add --output FILE" in stdout_xlsx.stderr
    explicit = run("total", "-y", "2020", "--format", "json", "-o", str(tmp_path / "t.txt"))
    assert explicit.exit_code == 0
    assert json.loads((tmp_path / "t.txt").read_text(encoding="utf-8"))["years"] == [2020]
    nowhere = run("total", "-o", str(tmp_path / "no" / "t.csv"))
    assert nowhere.exit_code == 1 and "cannot write" in nowhere.stderr


# --- Danish ------------------------------------------------------------------------------


def test_danish_numbers() -> None:
    assert number(Decimal("1234.567"), "da") == "1.234,567"
    assert number(Decimal("1234.567"), "en") == "1,234.567"
    assert number(Decimal("1234.567"), "en", grouping=False) == "1234.567"
    assert number(Decimal("0.5"), "da", decimals=3) == "0,500"
    assert number(Decimal("0.0005"), "en", decimals=3) == "0.001"  # half up
    assert number(Decimal("-0.0001"), "en", decimals=2) == "0.00"  # never -0.00
    assert number(Decimal("-0.5"), "da") == "-0,5"


def test_danish_tables_and_footnotes() -> None:
    result = run("total", "--year", "2020", "--lang", "da")
    assert "111,037*" in result.stdout
    assert "I alt" in result.stdout
    assert "udeladt, intet tal findes" in result.stdout
    env = run("list", "-d", "BUF", env={"BUDGETCLI_LANG": "da"})
    assert "46,400*" in env.stdout and "beløbet kan blive justeret" in env.stdout
    show = run("show", "igu", "--lang", "da")
    assert "forskel -0,087410" in show.stdout


def test_danish_csv_is_the_excel_dialect() -> None:
    result = run("total", "--year", "2020", "--by", "department", "-f", "csv-da")
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    assert header[0] == "forvaltning" and "2020" in header  # Danish headers, for people
    amounts = {r[0] or r[1]: r[header.index("2020")] for r in rows[1:]}
    assert amounts["BUF"] == "75,592"
    groups = [Decimal(v.replace(",", ".")) for k, v in amounts.items() if k != "I alt" and v]
    assert sum(groups) == Decimal(amounts["I alt"].replace(",", ".")) == TOTALS[2020]


# --- charts ------------------------------------------------------------------------------


def test_chart_by_year_plain_when_piped() -> None:
    result = run("chart")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    bars = {line.split()[0]: line for line in lines[1:6]}
    assert "129.623*" in bars["2019"] and "#" in bars["2019"]
    # Bars scale with the amounts: 2022's is shorter than 2019's.
    assert bars["2022"].count("#") < bars["2019"].count("#")
    assert "█" not in result.stdout and "\x1b[" not in result.stdout


def test_chart_marks_unquantified_and_adjustable(dataset: Dataset) -> None:
    # SUF prints only operating-budget words for 2021 (its numeric rows end in 2019-2020):
    # its bar says so instead of drawing 0, and the footnote names what was left out.
    result = run("chart", "--by", "department", "--year", "2021")
    suf = next(line for line in result.stdout.splitlines() if line.startswith("Sundheds"))
    assert "not quantified" in suf and "#" not in suf
    assert "Forebyggende hjemmebesøg til særlige målgrupper fra 65 – 79 år (Driftsbudget)" in (
        result.stdout
    )
    tmf = next(line for line in result.stdout.splitlines() if line.startswith("Teknik"))
    assert (
        tmf.split()[-1] == "0.000"
    )  # no amount at all: a sum over nothing is 0, in the column's precision
    assert "75.592*" in run("chart", "--by", "department", "--year", "2020").stdout
    report = chart_report(dataset, dataset.activities, Grouping.section, 2019)
    terminal = _terminal(report)
    assert isinstance(terminal, str) and "█" in terminal


def test_chart_data_formats_and_svg(tmp_path: Path) -> None:
    data = json.loads(run("chart", "--by", "department", "-f", "json").stdout)
    assert data["years"] == [2018, 2019, 2020, 2021, 2022]
    bif = next(b for b in data["rows"] if b["key"] == "BIF")
    # 36.34 + 32.28 + 19.2 + 16.4 + 16.1, the department's yearly sums.
    assert Decimal(str(bif["total"]["amount"])) == Decimal("120.32")
    svg = tmp_path / "chart.svg"
    assert run("chart", "-o", str(svg)).exit_code == 0
    assert "<svg" in svg.read_text(encoding="utf-8")


def test_output_keeps_links_and_permissions(tmp_path: Path) -> None:
    target = tmp_path / "t.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    assert run("total", "-y", "2020", "-o", str(link)).exit_code == 0
    assert link.is_symlink()
    assert target.read_text(encoding="utf-8").startswith(
        "row,key,name,department,department_name,2020,"
    )
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("where", ["", "/", "."])
def test_output_to_a_directory_fails_cleanly(where: str) -> None:
    result = run("total", "-f", "csv", "-o", where)
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Traceback" not in result.stderr
    exported = run("export", where, "--format", "json")
    assert exported.exit_code == 1 and "cannot write" in exported.stderr


def test_json_export_with_line_separators_reads_back(tmp_path: Path) -> None:
    from tests.conftest import GOOD

    # U+2028 and U+2029 are line breaks to YAML but plain characters to JSON; tab and newline
    # are the only control characters data may hold (tests/test_hostile_input.py).
    source = tmp_path / "odd.yaml"
    odd = 'name: "A\\u2028B\\u2029\\tC\\nD"\n'
    source.write_text(GOOD.replace("name: A\n", odd), encoding="utf-8")
    exported = tmp_path / "odd.json"
    assert run("export", str(exported), "--data", str(source)).exit_code == 0
    assert load(exported, use_cache=False).activities[0].name == "A\u2028B\u2029\tC\nD"


def _terminal(report: Report) -> str | bytes:
    return report_writer(Format.table)(report, Options(terminal=True))


def test_narrow_terminal_keeps_ids_and_amounts_whole(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.presenting import list_report

    monkeypatch.setenv("COLUMNS", "80")
    sof = [a for a in dataset.activities if a.department == "SOF"]
    text = _terminal(list_report(dataset, sof))
    assert isinstance(text, str)
    assert max(len(line) for line in text.splitlines()) <= 80
    for activity in sof:
        assert activity.id in text
    assert "frivilligcenter-vesterbro" in text and "0.185" in text and "2.7" in text


@pytest.mark.parametrize("lang", ["en", "da"])
def test_svg_chart_words_start_where_a_zero_does_clear_of_the_baseline(
    tmp_path: Path, lang: str
) -> None:
    # 2021 (Bilag 5-7): SUF is words only ("Driftsbudget" ...), TMF 0 (nothing printed).
    # The words start where the 0's figure does, not on the baseline the bars grow from.
    import re

    svg = tmp_path / "chart.svg"
    args = ("chart", "--by", "department", "--year", "2021", "--lang", lang, "-o", str(svg))
    assert run(*args).exit_code == 0
    drawn = svg.read_text(encoding="utf-8")
    words = "ikke opgjort" if lang == "da" else "not quantified"
    zero = "0,000" if lang == "da" else "0.000"

    def start(said: str) -> float:
        found = re.search(r'<text[^>]* x="([\d.]+)"[^>]*>(?:<tspan[^>]*>)?' + said, drawn)
        assert found, said
        return float(found.group(1))

    baseline = re.search(r'<line x1="([\d.]+)"', drawn)
    assert baseline
    assert start(words) == start(zero) > float(baseline.group(1))


@pytest.mark.parametrize(("lang", "figure"), [("en", "19.200*"), ("da", "19,200*")])
def test_svg_chart_has_the_tables_precision(tmp_path: Path, lang: str, figure: str) -> None:
    # BIF 2020 (Bilag 1) adds up to 19.2, Welcome House's 2.5* among it: drawn alone, the
    # bar's figure has mio. kr.'s three decimals, as total prints it, not "19.2*".
    svg = tmp_path / "chart.svg"
    args = ("chart", "--year", "2020", "-d", "BIF", "--lang", lang, "-o", str(svg))
    assert run(*args).exit_code == 0
    drawn = svg.read_text(encoding="utf-8")
    assert figure in drawn
    assert figure.replace("00*", "*") not in drawn
    page = tmp_path / "bif.html"
    assert (
        run("report", "-d", "BIF", "--year", "2020", "--lang", lang, "-o", str(page)).exit_code == 0
    )
    assert figure.replace("00*", "*") + "<" not in page.read_text(encoding="utf-8")

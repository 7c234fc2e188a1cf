"""Ready for the memo (issue 20, helper H): one precision per amount column in every human
format, documents that name activities and carry no command hints, Danish that is Danish,
compact terminal lists, pages that validate, and a terminal of any width.

Figures from the source (../shared/source/000_fec51d6fff7b33c6.txt): KFF 2018 9,85 and SOF
8,270 (Bilag 3, 4) in one column with BUF's 73,07 / 79,282 (Bilag 2): three decimals each;
Welcome House (Bilag 1) and Ny i København (Bilag 2) carry the stars; 111,037 is 2020's total.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from budgetcli.formats import Format, Options, report_writer
from budgetcli.i18n import Lang
from budgetcli.model import Dataset
from budgetcli.reports import Report
from tests.conftest import run
from tests.presenting import expiring_report, list_report, notes_report

ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")
FIGURE = re.compile(r"^-?[\d.,]+(?:\*|†| ?%)?$")


def _decimals(cell: str, lang: str) -> int | None:
    cell = cell.strip().rstrip("*†% ").strip()
    if not FIGURE.match(cell + ""):
        return None
    separator = "," if lang == "da" else "."
    return len(cell) - cell.rindex(separator) - 1 if separator in cell else 0


def _one_precision(columns: list[list[str]], lang: str) -> None:
    for cells in columns:
        places = {d for c in cells if (d := _decimals(c, lang)) is not None}
        assert len(places) <= 1, cells


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize(
    "question",
    [
        ["total", "--by", "department"],
        ["list"],
        ["compare", "2018", "2022", "--by", "activity"],
        ["expiring"],
        ["total", "--by", "section", "-y", "2020"],
    ],
)
def test_every_amount_column_shows_one_number_of_decimals(
    question: list[str], lang: str, tmp_path: Path
) -> None:
    md = run(*question, "-f", "markdown", "--lang", lang).stdout
    rows = [
        [c.strip().replace("\\*", "*") for c in line.strip("|").split("|")]
        for line in md.splitlines()
        if line.startswith("|") and not line.startswith("|:") and not line.startswith("|-")
    ][1:]
    assert rows
    _one_precision([list(col) for col in zip(*rows, strict=True)], lang)
    danish = run(*question, "-f", "csv-da").stdout.lstrip("\ufeff")
    table = list(csv.reader(io.StringIO(danish), delimiter=";"))[1:]
    _one_precision([list(col) for col in zip(*table, strict=True)], "da")
    page = tmp_path / "page.html"
    assert run(*question, "--lang", lang, "-o", str(page)).exit_code == 0
    html_rows = re.findall(r"<tr>(.*?)</tr>", page.read_text(encoding="utf-8"))[1:]
    cells = [
        [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r)]
        for r in html_rows
    ]
    _one_precision([list(col) for col in zip(*cells, strict=True)], lang)


def test_decimals_are_the_columns_or_asked_for() -> None:
    md = run("total", "--by", "department", "-f", "markdown").stdout
    kff = next(line for line in md.splitlines() if "| KFF" in line)
    assert "9.850" in kff and "0.000" in kff  # KFF 2018 9,85 beside SOF's 8,270
    one = run("total", "--by", "department", "-f", "markdown", "--decimals", "1").stdout
    assert "| 129.2\\* " in one.replace("  ", " ") or "129.2\\*" in one  # 129.233, rounded
    assert "129.233" in run("total", "-f", "json", "--decimals", "1").stdout  # exact for programs


@pytest.mark.parametrize(("lang", "shown"), [("en", "205,000"), ("da", "205.000")])
def test_kroner_are_whole_with_thousands_separators(lang: str, shown: str) -> None:
    # TMF 2019 in Bilag 6 is 0,120 mio. kr.; ØKF 2018 0,217: whole kroner, grouped.
    out = run("total", "--by", "department", "--unit", "kr", "--lang", lang).stdout
    assert ("120,000" if lang == "en" else "120.000") in out
    assert run("total", "--unit", "kr", "-f", "csv").stdout.count(",000") == 0  # programs
    assert shown[:3] == "205"


def test_documents_name_activities_and_carry_no_command_hints(tmp_path: Path) -> None:
    md = run("total", "--by", "department", "-f", "markdown").stdout
    assert "Welcome House, Ny i København" in md and "welcome-house" not in md
    assert "budgetcli notes" not in md and "--basis" not in md
    page = tmp_path / "t.html"
    assert run("total", "--by", "department", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Welcome House" in html and "ny-i-koebenhavn" not in html
    assert "budgetcli notes" not in html and "--basis" not in html
    words = re.sub(r"<[^>]+>", " ", html.split("<body>")[1])
    assert words.count("Budget 2018-2022 by department") == 1  # one title
    svg = tmp_path / "t.svg"
    assert run("total", "--by", "department", "-o", str(svg)).exit_code == 0
    assert (
        "budgetcli&#160;notes" not in svg.read_text() and "budgetcli notes" not in svg.read_text()
    )
    # The terminal names them too (issue 30): ids are for programs and `show`.
    assert "Welcome House" in run("total", "--by", "department").stdout


ENGLISH = re.compile(
    r"\b(the|and|amount|amounts|may be|adjusted|footnote|left out|includes|Total|total|"
    r"budget shown|Activities|counted|not quantified|which|transcription)\b"
)


@pytest.mark.parametrize(
    "question",
    [
        ["show", "welcome-house"],
        ["notes"],
        ["expiring"],
        ["total", "--by", "department"],
        ["total"],
        ["list", "-d", "BUF"],
    ],
)
def test_danish_outputs_contain_no_english(question: list[str], tmp_path: Path) -> None:
    out = run(*question, "--lang", "da").stdout
    md = run(*question, "--lang", "da", "-f", "markdown").stdout
    dk = run(*question, "-f", "csv-da").stdout
    for text in (out, md, dk):
        assert not ENGLISH.search(text), ENGLISH.search(text)


def test_danish_csv_has_danish_headers() -> None:
    header = run("list", "-f", "csv-da").stdout.lstrip("\ufeff").splitlines()[0]
    assert header.startswith("id;forv.;afsnit;indsats;2018")
    total = run("total", "--by", "department", "-f", "csv-da").stdout
    assert ";I alt;" in total and "total;" not in total


def _screen(report: Report, width: int) -> list[str]:
    text = report_writer(Format.table)(report, Options(Lang.en, terminal=True, width=width))
    assert isinstance(text, str)
    return ANSI.sub("", text).splitlines()


@pytest.mark.parametrize(("width", "most"), [(120, 2), (80, 3)])
def test_a_long_list_is_compact(dataset: Dataset, width: int, most: int) -> None:
    for report, found in (
        (list_report(dataset, dataset.activities), dataset.activities),
        (expiring_report(dataset, dataset.activities, None), None),
    ):
        lines = _screen(report, width)
        assert max(map(len, lines)) <= width
        ids = [row[0] for row in report.rows]
        first: dict[str, int] = {}
        for i, line in enumerate(lines):
            if line[:1].strip() and line.split()[0] in ids:
                first.setdefault(line.split()[0], i)  # a footnote may start with an id too
        starts = sorted(first.values())
        assert len(starts) == len(ids)
        blocks = [b - a for a, b in itertools.pairwise(starts)]
        # A block: its lines up to the next id, less a department/section heading.
        assert max(blocks) <= most + 1
        assert len(lines) <= most * len(ids) + 40, (width, len(lines))
        del found


def test_notes_keep_web_addresses_whole(dataset: Dataset) -> None:
    report = notes_report(dataset, ())
    urls = {u for n in dataset.notes for u in re.findall(r"https?://\S+", n.text)}
    for width in (60, 80):
        screen = "\n".join(_screen(report, width))
        for url in urls:
            assert url in screen.split(), (width, url)


@pytest.mark.parametrize("columns", ["0", "5"])
def test_a_tiny_window_still_shows_the_answer(columns: str) -> None:
    if shutil.which("script") is None:
        pytest.skip("script(1) is not installed")
    shown = subprocess.run(
        ["script", "-qc", f"{sys.executable} -m budgetcli total -y 2020", "/dev/null"],
        check=False,
        env={"COLUMNS": columns, "TERM": "xterm", "NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    assert "111.037*" in ANSI.sub("", shown)


def test_wide_letters_are_measured_by_their_width(dataset: Dataset) -> None:
    cjk = dataset.activities[0]._replace(id="日本語の活動番号です", name="名前 " * 3)
    data = dataset._replace(activities=(cjk, *dataset.activities[1:5]))
    lines = _screen(list_report(data, data.activities), 100)
    from rich.cells import cell_len

    assert max(map(cell_len, lines)) <= 100
    assert any("日本語の活動番号です" in line for line in lines)  # never cut


def test_pages_pass_html_validate(tmp_path: Path) -> None:
    validator = shutil.which("html-validate")
    if validator is None:
        pytest.skip("html-validate is not installed (npm install -g html-validate)")
    pages = []
    for name, question in {
        "total": ["total", "--by", "department", "--lang", "da"],
        "list": ["list"],
        "show": ["show", "welcome-house"],
        "chart": ["chart", "--by", "department"],
        "total1": ["total"],
    }.items():
        path = tmp_path / f"{name}.html"
        assert run(*question, "-o", str(path)).exit_code == 0
        pages.append(str(path))
    checked = subprocess.run(
        [validator, *pages], check=False, capture_output=True, text=True, timeout=120
    )
    assert checked.returncode == 0, checked.stdout


def test_danish_total_by_department_reads_danish() -> None:
    out = run("total", "--by", "department", "--lang", "da").stdout
    assert "I alt" in out and "i alt" in out and "total " not in out


def test_the_total_row_keeps_its_label_when_names_go_to_a_legend(dataset: Dataset) -> None:
    # 553,087 is the 2018-2022 total (Bilag 1-7 summed); at 80 columns the names of the
    # administrations go under the table and the total row must still say what it is.
    from budgetcli.terms import Basis, Grouping
    from tests.presenting import total_report

    report = total_report(dataset, dataset.activities, None, Grouping.department, Basis.budget)
    text = report_writer(Format.table)(report, Options(Lang.da, terminal=True, width=80))
    assert isinstance(text, str)
    total = next(line for line in ANSI.sub("", text).splitlines() if "553,087" in line)
    assert total.startswith("I alt")


@pytest.mark.parametrize("question", [["list", "-d", "BIF"], ["expiring", "--year", "2020"]])
def test_a_workbook_has_one_precision_per_table(question: list[str], tmp_path: Path) -> None:
    # Bilag 1 prints BIF's "3,3 3,3 3,3 3,3" (Håndholdt ... virksomhedsindsats), and in
    # 2019 "0,38" (Samarbejde med FRAK): the 2019 column was formatted 0.00 beside 2020's
    # 0.0, so one row read "3.30 3.3 3.3". Every amount shows mio. kr.'s three decimals,
    # as on the terminal.
    from openpyxl import load_workbook

    book = tmp_path / "answer.xlsx"
    assert run(*question, "-o", str(book)).exit_code == 0
    sheet = load_workbook(book).active
    assert sheet is not None
    formats = {
        cell.number_format
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, float) or (isinstance(cell.value, int) and cell.value < 1000)
    }
    assert formats
    assert {re.sub(r"[\"_].*$", "", f) for f in formats} == {"#,##0.000"}, formats

"""Markdown: a pipe table with its title and footnotes, safe from the text it carries."""

from __future__ import annotations

from budgetcli.formats import Format, Options, report_writer
from budgetcli.model import Dataset
from budgetcli.reports.activities import list_report


def _md(dataset: Dataset, header: bool = True) -> str:
    buf = [a for a in dataset.activities if a.department == "BUF"]
    text = report_writer(Format.markdown)(list_report(dataset, buf), Options(header=header))
    assert isinstance(text, str)
    return text


def test_title_table_and_footnotes(dataset: Dataset) -> None:
    text = _md(dataset)
    assert text.startswith("**Activities (mio. kr.)**\n\n| id")
    assert "| ny-i-koebenhavn" in text and "46.400\\*" in text  # Bilag 2, starred
    assert "\n- \\* the amount may be adjusted: ny-i-koebenhavn" in text


def test_no_header_leaves_the_table_alone(dataset: Dataset) -> None:
    text = _md(dataset, header=False)
    assert text.startswith("|") and "**" not in text.split("\n")[0]


def test_a_pipe_or_line_break_in_text_stays_in_its_cell(dataset: Dataset) -> None:
    first = dataset.activities[0]._replace(name="a | b\nc")
    report = list_report(dataset, [first])
    text = report_writer(Format.markdown)(report, Options())
    assert isinstance(text, str)
    row = next(line for line in text.splitlines() if line.startswith(f"| {first.id}"))
    assert "a \\| b c" in row

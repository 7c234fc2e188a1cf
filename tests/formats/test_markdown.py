"""Markdown: a pipe table with its title and footnotes, safe from the text it carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetcli.formats import Format, Options, report_writer
from budgetcli.model import Dataset
from tests.conftest import run
from tests.presenting import list_report


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


# --- issue 32, item 2: no terminal escapes, no live links or images -----------------------

HOSTILE_NAME = "welcome ![pix](http://evil.example/pixel.png) [click](javascript:alert(1))"
ESCAPE = "\x1b]0;PWNED\x07"


def _rendered(markdown: str) -> str:
    from markdown_it import MarkdownIt

    html: str = MarkdownIt("commonmark").enable("table").render(markdown)
    return html


def test_markdown_links_and_images_from_the_data_stay_text(tmp_path: Path) -> None:
    from tests.conftest import GOOD

    data = tmp_path / "data.yaml"
    data.write_text(GOOD.replace("    name: A\n", f"    name: '{HOSTILE_NAME}'\n"), "utf-8")
    result = run("list", "--data", str(data), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    html = _rendered(result.stdout)
    assert "<a " not in html and "<img" not in html
    assert "href=" not in html and "src=" not in html
    # Shown as the text it is; in the markdown itself, only the brackets escaped.
    assert HOSTILE_NAME in html
    assert "welcome !\\[pix\\](http://evil.example/pixel.png)" in result.stdout


@pytest.mark.parametrize("option", ["--search", "--funding"])
def test_markdown_never_passes_a_terminal_escape_from_an_argument(option: str) -> None:
    result = run("list", option, f"welcome{ESCAPE}", "--format", "markdown")
    assert "\x1b" not in result.stdout + result.stderr
    assert "\x07" not in result.stdout + result.stderr
    assert "\\x1b" in _rendered(result.stdout)  # the escape shown, not acted on


def test_markdown_never_passes_a_terminal_escape_from_a_file_name(tmp_path: Path) -> None:
    from tests.conftest import GOOD

    old = tmp_path / "old.yaml"
    old.write_text(GOOD, "utf-8")
    new = tmp_path / f"new{ESCAPE}.yaml"
    new.write_text(GOOD.replace("2018: 1.5", "2018: 2.5"), "utf-8")
    result = run("diff", str(old), str(new), "--format", "markdown")
    assert result.exit_code == 1, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "new\\x1b]0;PWNED\\x07.yaml" in _rendered(result.stdout)

"""The workbooks as people print them: LibreOffice turns each into a PDF, as "Print to PDF"
would, and the pages are counted and their type measured (pypdf).

Skipped, with the reason, where LibreOffice is not installed; CI installs it (.ci/run:
libreoffice-calc). Slow: LibreOffice takes a few seconds to start.

Expected page counts are the issue's (31): a single-command workbook prints its table on one
A4 page, its notes under it and the source's notes sheet left out; ``list`` in type of at least
8 points, on 5 pages at most.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import run

pytestmark = pytest.mark.slow

SMALLEST_TYPE = 8.0
"""Points: the smallest printed type people read without a loupe."""


def _soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc)")
    return found


def _printed(tmp_path: Path, *command: str) -> Path:
    """The workbook of ``command``, printed to PDF by LibreOffice."""
    soffice = _soffice()
    book = tmp_path / "book.xlsx"
    result = run(*command, "-o", str(book))
    assert result.exit_code == 0, result.stderr
    # A profile of its own: a second LibreOffice (a user's) would otherwise take the call.
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(book),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "book.pdf"
    assert pdf.exists(), "LibreOffice wrote no PDF"
    return pdf


def _pages_and_type(pdf: Path) -> tuple[int, Counter[float]]:
    """The pages, and the printed size (points) of every character, as a count by size."""
    from pypdf import PdfReader

    reader = PdfReader(pdf)
    sizes: Counter[float] = Counter()
    for page in reader.pages:

        def seen(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                # The text matrix and the page's transformation (the fit-to-width scale).
                scale = (tm[2] ** 2 + tm[3] ** 2) ** 0.5 * (cm[2] ** 2 + cm[3] ** 2) ** 0.5
                sizes[round(size * scale, 1)] += len(text.strip())

        page.extract_text(visitor_text=seen)
    return len(reader.pages), sizes


@pytest.mark.parametrize(
    "command",
    [
        ("total", "--by", "department"),
        ("total", "--by", "department", "--lang", "da"),
        ("compare", "2019", "2022"),
    ],
    ids=" ".join,
)
def test_a_single_command_workbook_prints_on_one_page(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    pdf = _printed(tmp_path, *command)
    pages, sizes = _pages_and_type(pdf)
    # Before issue 31: 4 pages (the table, then the whole notes sheet).
    assert pages == 1, pages
    assert min(sizes) >= SMALLEST_TYPE, sizes
    from pypdf import PdfReader

    text = PdfReader(pdf).pages[0].extract_text()
    # The notes that belong to the table are under it, on the same page.
    assert "Welcome House" in text
    assert "Notes from the source" in text or "Kildens noter" in text


def test_the_list_prints_in_readable_type_on_five_pages_at_most(tmp_path: Path) -> None:
    pages, sizes = _pages_and_type(_printed(tmp_path, "list"))
    # Before issue 31: 5 pages in 4.3 pt type (the notes sheet in 10 pt).
    assert pages <= 5, pages
    smallest = min(sizes)
    assert smallest >= SMALLEST_TYPE, sizes

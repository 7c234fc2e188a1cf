"""The HTML report and the SVG chart in a real browser: Debian's headless Chromium.

Driven by playwright's Python client with ``executable_path`` set to the system Chromium
(playwright's own browser builds are never downloaded). Skipped, with the reason, where no
Chromium binary is installed; CI installs it (.ci/run).

``BUDGETCLI_SCREENSHOTS=DIR`` also saves the pictures README shows (docs/).
"""

from __future__ import annotations

import os
import re
import struct
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from budgetcli.formats.svgchart import chart_from_report
from budgetcli.model import Dataset
from budgetcli.terms import Grouping
from tests.conftest import run
from tests.presenting import chart_report

if TYPE_CHECKING:
    from playwright._impl._api_structures import Clip
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.slow


def _shots_dir() -> Path | None:
    wanted = os.environ.get("BUDGETCLI_SCREENSHOTS")
    if not wanted:
        return None
    path = Path(wanted)
    path.mkdir(parents=True, exist_ok=True)
    return path


def _report(tmp_path: Path, name: str, *args: str) -> Path:
    out = tmp_path / name
    result = run("report", "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    return out


def _open(browser: Browser, path: Path, **options: object) -> tuple[Page, list[str]]:
    """The page, and every error it raised or request it made for anything but itself."""
    page = browser.new_page(viewport={"width": 1280, "height": 900}, **options)  # type: ignore[arg-type]
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"error: {error}"))
    page.on(
        "request",
        lambda request: None if request.url == path.as_uri() else problems.append(request.url),
    )
    page.goto(path.as_uri())
    return page, problems


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _visible_ids(page: Page) -> list[str]:
    ids: list[str] = page.eval_on_selector_all(
        "#activities-table tbody:not([hidden])", "groups => groups.map(g => g.dataset.id)"
    )
    return ids


def test_report_reads_searches_sorts_and_prints(
    browser: Browser, tmp_path: Path, dataset: Dataset
) -> None:
    page, problems = _open(browser, _report(tmp_path, "report.html"))
    total = page.locator("#totals-table tfoot tr")
    # The source's 2020 total, in the 2020 column (the fourth cell: label, 2018, 2019, 2020).
    assert total.locator("td").nth(2).inner_text() == "111.037*"
    assert "111.037*" in (page.locator("#chart-years-bar-2").text_content() or "")

    everyone = [a.id for a in dataset.activities]
    assert _visible_ids(page) == everyone
    page.fill("#search", "flygtning")
    narrowed = _visible_ids(page)
    assert 0 < len(narrowed) < len(everyone)
    assert "tilflyttede-flygtninge" in narrowed
    assert page.inner_text("#shown") == f"{len(narrowed)} of {len(everyone)} activities shown"
    page.fill("#search", "kobenhavn")  # ø typed as o still finds København
    assert "ny-i-koebenhavn" in _visible_ids(page)
    page.fill("#search", "")
    assert _visible_ids(page) == everyone

    shots = _shots_dir()
    png = page.screenshot(full_page=True)
    assert _png_size(png)[0] == 1280
    if shots:
        page.screenshot(
            path=str(shots / "report.png"), full_page=True, clip=_clip(page, "#totals", "expiring")
        )
    pdf = page.pdf(format="A4", print_background=True)
    assert pdf.startswith(b"%PDF")
    sizes = set(re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf))
    # A4 portrait (595 x 842 pt) throughout: each activity's texts run across the page
    # under its figures, so no table needs landscape (issue 31).
    # A4 is 595.3 x 841.9 pt; Chromium rounds a page to whole CSS pixels (595.92 x 842.88).
    kinds = set()
    for width, height in ((float(w), float(h)) for w, h in sizes):
        short, long = sorted((width, height))
        assert abs(short - 595.3) < 1.5 and abs(long - 841.9) < 1.5, (width, height)
        kinds.add("portrait" if width < height else "landscape")
    assert kinds == {"portrait"}
    assert problems == []


def _clip(page: Page, first: str, until: str, height: float | None = None) -> Clip:
    """The page from element ``first`` down to where section ``until`` starts."""
    top = page.eval_on_selector(first, "e => e.getBoundingClientRect().top + window.scrollY")
    end = page.eval_on_selector(f"#{until}", "e => e.getBoundingClientRect().top + window.scrollY")
    top = 0 if first == "header" else top
    return {"x": 0, "y": top, "width": 1280, "height": height or end - top}


def test_sorting_by_a_year_puts_the_largest_first(browser: Browser, tmp_path: Path) -> None:
    page, problems = _open(browser, _report(tmp_path, "buf.html", "-d", "BUF"))
    page.click("#activities-table th[data-key='2020'] button")
    ids = _visible_ids(page)
    # Bilag 2's largest 2020 amount: Ny i København, 46,4* (then Sprog- og integration 8,9).
    assert ids[:2] == ["ny-i-koebenhavn", "sprog-integration-dagtilbud"]
    assert ids[-1] == "antiradikalisering-folkeskoler"  # 0 in 2020
    header = page.locator("#activities-table th[data-key='2020']")
    assert header.get_attribute("aria-sort") == "descending"
    page.click("#activities-table th[data-key='2020'] button")
    assert _visible_ids(page)[0] == "antiradikalisering-folkeskoler"
    assert header.get_attribute("aria-sort") == "ascending"
    page.click("#activities-table th[data-key='activity'] button")
    assert _visible_ids(page)[0] == "antiradikalisering-folkeskoler"  # "Antiradikalisering..."
    shots = _shots_dir()
    if shots:
        page.click("#activities-table th[data-key='2020'] button")  # largest first again
        page.screenshot(
            path=str(shots / "report-activities.png"),
            full_page=True,
            clip=_clip(page, "#activities", "notes", height=900),
        )
    assert problems == []


def test_danish_report_in_the_browser(browser: Browser, tmp_path: Path) -> None:
    page, problems = _open(browser, _report(tmp_path, "da.html", "--lang", "da"))
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("#totals-table tfoot td").nth(2).inner_text() == "111,037*"
    assert page.inner_text("#shown").endswith("aktiviteter vist")
    assert problems == []


def test_without_javascript_everything_reads(browser: Browser, tmp_path: Path) -> None:
    page, problems = _open(browser, _report(tmp_path, "plain.html"), java_script_enabled=False)
    assert not page.is_visible("#search-box")  # a box that could not search is not offered
    activities = page.locator("#activities-table tbody")  # one per activity: figures, texts
    assert activities.count() == 67
    assert activities.nth(66).is_visible()
    assert not page.is_visible("#sum")  # the running sum is the script's: the totals say it
    assert problems == []


def test_svg_chart_in_the_browser(browser: Browser, tmp_path: Path, dataset: Dataset) -> None:
    report = chart_report(dataset, dataset.activities, Grouping.department, 2020)
    path = tmp_path / "chart.svg"
    names = {a.id: a.name for a in dataset.activities}
    chart = chart_from_report(report, source=dataset.source, lang="en", names=names)
    path.write_text(chart, "utf-8")
    page, problems = _open(browser, path)
    # As drawn on screen: BUF's bar (75.592) about 4 times BIF's (19.2), per the source.
    widths = page.eval_on_selector_all(
        "g.bar rect", "rects => rects.map(r => r.getBoundingClientRect().width)"
    )
    assert len(widths) == 5
    assert widths[1] / widths[0] == pytest.approx(75.592 / 19.2, rel=0.01)
    box = page.eval_on_selector(
        "svg", "s => { const b = s.getBoundingClientRect(); return [b.width, b.height]; }"
    )
    # 180 mm at the CSS 96 px per inch: the drawing prints at A4's text width.
    assert box[0] == pytest.approx(180 / 25.4 * 96, abs=1)
    # Sized to the drawing (a full-page screenshot of an SVG document never finishes).
    page.set_viewport_size({"width": round(box[0]), "height": round(box[1])})
    png = page.screenshot()
    assert _png_size(png)[0] == round(box[0])
    shots = _shots_dir()
    if shots:
        (shots / "chart.png").write_bytes(png)
    assert problems == []


# Every word of the page's text whose letters the browser laid out on more than one line. A
# line may end after a hyphen or a slash ("2019-|22", a web address): the parts between
# them are the words that must stay whole.
BROKEN_WORDS = """() => {
  const broken = [];
  const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement.offsetParent) continue;  // not shown
    const re = /[^\\s\\/\u2010-\u2014-]{2,}/g;
    let m;
    while ((m = re.exec(node.data))) {
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set(Array.from(range.getClientRects(), r => Math.round(r.top)));
      if (tops.size > 1) broken.push(m[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("lang", ["en", "da"])
def test_report_at_1280_px_has_whole_words_and_fits_the_window(
    browser: Browser, tmp_path: Path, lang: str
) -> None:
    """195 words broke mid-word ("sagsbehandle|r") and the Notes column was clipped."""
    page, problems = _open(browser, _report(tmp_path, f"{lang}.html", "--lang", lang))
    assert page.evaluate(BROKEN_WORDS) == []
    # The page is never wider than the window; a wide table scrolls in its own box.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    box = page.eval_on_selector(
        "#activities-table", "t => [t.parentElement.clientWidth, t.parentElement.scrollWidth]"
    )
    assert box[0] <= 1280
    assert problems == []


def _pdf_pages(pdf: bytes) -> list[str]:
    import io

    pypdf = pytest.importorskip("pypdf", reason="pypdf reads the printed pages")
    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.mark.parametrize(("lang", "total"), [("en", "553.087*"), ("da", "553.087*")])
def test_printed_on_a4_every_total_appears_once(
    browser: Browser, tmp_path: Path, lang: str, total: str
) -> None:
    """The totals table split after SOF and repeated its Total row on the next page, so page
    1 read as if four administrations added up to 129.233."""
    page, problems = _open(browser, _report(tmp_path, f"p-{lang}.html", "--lang", lang))
    pages = _pdf_pages(page.pdf(format="A4", print_background=True))
    grand = total if lang == "en" else total.replace(".", ",")
    # The grand total 2018-2022 (Bilag 1-7 added up): printed in the table, once.
    printed = "\n".join(pages)
    assert printed.count(grand) == 1, [i for i, p in enumerate(pages) if grand in p]
    # Each administration's row of totals is on one page together with the Total row.
    with_total = [i for i, p in enumerate(pages) if grand in p]
    table_pages = {i for i, p in enumerate(pages) for code in ("BIF", "ØKF") if f"{code} " in p}
    assert with_total[0] in table_pages
    # The 2020 total 111.037 (Bilag 1-7): once in the table, once in the chart per year.
    year_total = "111.037*" if lang == "en" else "111,037*"
    assert printed.count(year_total) == 2
    assert problems == []


@pytest.mark.parametrize(
    "typed",
    [
        "bydelsmor",
        "kvinder",
        "women",
        "sprog",
        "children",
        "refugees",
        "language",
        "bydelsmdre",
        "børn",
        "ny i kø",
        "IGU elev",
        "kobenhavn ny",
    ],
)
def test_the_reports_search_finds_what_list_finds(
    browser: Browser, tmp_path: Path, typed: str
) -> None:
    # Issue 30: one declaration (budgetcli.search.client_index) behind both searches.
    import csv
    import io

    listed = run("list", "-s", typed, "-f", "csv")
    assert listed.exit_code == 0
    expected = sorted(r["id"] for r in csv.DictReader(io.StringIO(listed.stdout)))
    assert expected or typed == "bydelsmdre"
    page, problems = _open(browser, _report(tmp_path, "report.html"))
    page.fill("#search", typed)
    assert sorted(_visible_ids(page)) == expected, typed
    assert not problems

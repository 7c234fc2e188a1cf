"""The HTML report, read as a document (the browser tests click it): figures from the source."""

from __future__ import annotations

import hashlib
import re
from datetime import UTC, datetime
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from budgetcli import __version__
from budgetcli.api import _report_document as document
from budgetcli.errors import USAGE_ERROR_EXIT
from budgetcli.formats.htmlreport import html_report
from budgetcli.formats.svgchart import clean
from budgetcli.i18n import Lang
from budgetcli.model import CellKind, Dataset
from budgetcli.reports.asked import NO_FILTERS, selection_heading
from budgetcli.reports.document import Document
from budgetcli.source.loader import bundled_data_path
from tests.conftest import run


class Page(HTMLParser):
    """Tags with their attributes, and the text of each table row, in document order."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[str] = []
        self.scripts: list[str] = []
        self._row: list[str] | None = None
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "tr":
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._row.append(" ")  # cells apart; a marker's span stays beside its figure
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self._row is not None:
            self.rows.append(" ".join("".join(self._row).split()))
            self._row = None
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        elif self._row is not None:
            self._row.append(data)

    def attrs(self, tag: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag]


def _report(tmp_path: Path, *args: str) -> str:
    out = tmp_path / "report.html"
    result = run("report", "-o", str(out), *args)
    assert result.exit_code == 0, result.stderr
    assert f"wrote {out}" in result.stderr or f"skrev {out}" in result.stderr
    return out.read_text(encoding="utf-8")


def _section(text: str, name: str) -> Page:
    """The page's section ``name`` (source, totals, expiring, activities, notes, remarks)."""
    start = text.index(f'<section id="{name}"')
    ends = [text.find(end, start + 1) for end in ('<section id="', "</main>")]
    return Page(text[start : min(e for e in ends if e > 0)])


def _row(page: Page, start: str) -> str:
    found = [r for r in page.rows if r.startswith(start)]
    assert len(found) == 1, (start, found)
    return found[0]


def test_english_report_totals_and_provenance(tmp_path: Path) -> None:
    text = _report(tmp_path)
    page = _section(text, "totals")
    assert text.startswith("<!DOCTYPE html>")
    assert Page(text).attrs("html")[0]["lang"] == "en"
    # The source's totals per year (Bilag 1-7 added up); words are not numbers.
    assert _row(page, "Total ") == ("Total 129.233* 129.623* 111.037* 94.802* 88.392* 553.087*")
    assert _row(page, "SUF ").endswith("1.256 1.256 0.750 not quantified not quantified 3.262")
    assert _row(page, "ØKF ").endswith("0.217 0.090 0.000 0.000 0.000 0.307")  # nothing is 0
    # What the totals left out and what may change, activities named by name (a document).
    assert "Forebyggende hjemmebesøg til særlige målgrupper fra 65 – 79 år (Driftsbudget)" in text
    assert "includes amounts that may be adjusted: Welcome House, Ny i København" in text
    assert "welcome-house, ny-i-koebenhavn" not in text
    data = bundled_data_path().read_bytes()
    assert hashlib.sha256(data).hexdigest() in text
    assert "activities.yaml" in text
    assert f"budgetcli {__version__}" in text
    for appendix in range(1, 8):
        assert f"Bilag {appendix}: Oversigt over integrationsaktiviteter" in text
    # Two charts, inline: per year and per administration.
    assert len(page.attrs("svg")) == 2
    assert len(Page(text).attrs("svg")) == 2
    assert "All activities" in text


def test_danish_report(tmp_path: Path) -> None:
    text = _report(tmp_path, "--lang", "da")
    page = _section(text, "totals")
    assert Page(text).attrs("html")[0]["lang"] == "da"
    assert _row(page, "I alt ") == "I alt 129,233* 129,623* 111,037* 94,802* 88,392* 553,087*"
    assert "ikke opgjort" in _row(page, "SUF ")
    assert "Noter fra kilden" in text
    assert "Hvad udløber" in text


def test_every_activity_is_in_the_table_with_all_fields(tmp_path: Path, dataset: Dataset) -> None:
    text = _report(tmp_path)
    page = _section(text, "activities")
    # One group of rows per activity, its id the page's anchor (report.html#ny-i-koebenhavn).
    ids = [a["data-id"] for a in page.attrs("tbody")]
    assert ids == [a.id for a in dataset.activities]
    assert [a["id"] for a in page.attrs("tbody")] == ids
    ny = _activity(text, "ny-i-koebenhavn")
    assert "BUF Ny i København 40.800 45.700 46.400* 46.400* 46.400*" in ny  # names, no id
    assert "Modtagelsesmodellen" in ny  # description
    assert "Varig bevilling" in ny  # funding
    assert "Inklusiv flygtningemidler" in ny  # its footnote
    igu = _activity(text, "igu-elev")
    assert "†" in igu  # budget shown, actual spend differs
    # The footnote's 117.590 kr. in 2018 and 0 kr. in 2019, in mio. kr.
    assert "Actual spend 2018: 0.117590 mio. kr." in igu
    assert "Actual spend 2019: 0 mio. kr." in igu


def _activity(text: str, ident: str) -> str:
    """The text of one activity's rows: its figures, then its texts and notes."""
    found = re.search(rf'<tbody id="[^"]*" data-id="{re.escape(ident)}".*?</tbody>', text, re.S)
    assert found is not None, ident
    return " ".join(Page(found.group(0)).rows)


def test_expiring_notes_and_remarks(tmp_path: Path, dataset: Dataset) -> None:
    text = _report(tmp_path)
    expiring = text[text.index('id="expiring"') : text.index('id="activities"')]
    # Branchepakker is funded in 2018 only (Bilag 1); Ny i København runs to 2022.
    assert "branchepakker" in expiring
    assert "ny-i-koebenhavn" not in expiring
    assert "an explicit 0 counts as no funding" in expiring
    notes = text[text.index('id="notes"') : text.index('id="remarks"')]
    assert "I nedenstående tabel er indsatserne opdelt" in notes  # a heading note (Bilag 1)
    assert "Inklusiv flygtningemidler så rammen kan ændre sig" in notes  # a footnote (Bilag 2)
    remarked = next(a for a in dataset.activities if a.remarks)
    assert remarked.remarks[0].split()[0] in text[text.index('id="remarks"') :]


def test_filters_are_described_and_applied(tmp_path: Path) -> None:
    text = _report(tmp_path, "-d", "børne", "--year", "2020")
    page = _section(text, "totals")
    assert "Selection: administration BUF; activities with a cell in 2020" in text
    assert _row(page, "Total ") == "Total 75.592*"
    assert len(_section(text, "activities").attrs("tbody")) == 11
    chosen = NO_FILTERS._replace(search="flygtning", funding="Varig")
    assert selection_heading(Lang.da, chosen) == "Udvalg: tekst “flygtning”; finansiering “Varig”"
    assert selection_heading(Lang.en, NO_FILTERS) == "All activities"
    several = NO_FILTERS._replace(department=("BUF", "SUF"), section=("Diverse", "Job"))
    assert selection_heading(Lang.en, several) == (
        "Selection: administration BUF, SUF; section “Diverse”; section “Job”"
    )


def test_accessible_tables(tmp_path: Path) -> None:
    text = _report(tmp_path)
    tables = re.findall(r"<table\b.*?</table>", text, flags=re.DOTALL)
    assert len(tables) == 3
    for table in tables:
        assert re.search(r"<caption\b", table)
        page = Page(table)
        assert all(a.get("scope") in ("col", "row") for a in page.attrs("th"))


def test_nothing_is_fetched(tmp_path: Path) -> None:
    text = _report(tmp_path)
    page = Page(text)
    assert not [a for _, a in page.tags if "src" in a]
    assert not page.attrs("link") and not page.attrs("img") and not page.attrs("iframe")
    for forbidden in ("url(", "@import", "fetch(", "XMLHttpRequest"):
        assert forbidden not in text
    csp = [a for a in page.attrs("meta") if a.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in (csp[0]["content"] or "")
    # The only addresses: the SVG namespace, and links printed in the source's notes.
    addresses = set(re.findall(r"https?://[^\s\"'<>]*", text))
    assert addresses - {"http://www.w3.org/2000/svg"}
    assert all(
        a.startswith("https://www.kk.dk/") for a in addresses - {"http://www.w3.org/2000/svg"}
    )


def test_data_is_escaped(dataset: Dataset) -> None:
    first, *rest = dataset.activities
    hostile = first._replace(
        name="<script>alert('name')</script>",
        description="</script><img src=x onerror=alert(1)> & more",
        remarks=("<!-- remark -->",),
    )
    odd = dataset._replace(activities=(hostile, *rest))
    text = html_report(
        odd,
        document(odd, (hostile, *rest)),
        filters_description="<b>filters</b>",
        lang="en",
        data_path=Path("<evil>.yaml"),
        data_bytes=b"x",
        generated=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
    )
    page = Page(text)
    # Ours (the search's data block, the script), and nothing from the data.
    assert page.attrs("script") == [{"type": "application/json", "id": "search-index"}, {}]
    assert not page.attrs("img") and not page.attrs("b")
    assert "&lt;script&gt;alert(&#x27;name&#x27;)&lt;/script&gt;" in text or (
        "&lt;script&gt;alert('name')&lt;/script&gt;" in text
    )
    assert "<!-- remark -->" not in text
    assert "&lt;evil&gt;.yaml" in text
    assert "2026-01-02 03:04 UTC" in text


def test_usage_errors_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = run("report", "-o", str(out), "-d", "nowhere")
    assert result.exit_code == USAGE_ERROR_EXIT
    assert "no department 'nowhere'" in result.stderr
    assert not out.exists()
    result = run("report", "-o", str(out), "--year", "2031")
    assert result.exit_code == USAGE_ERROR_EXIT
    assert not out.exists()
    assert run("report").exit_code == USAGE_ERROR_EXIT  # -o is required


def test_an_empty_selection_says_so(tmp_path: Path) -> None:
    text = _report(tmp_path, "--search", "no such words anywhere")
    assert text.count("No activities match this selection.") == 2  # totals and the table
    assert "Selection: text “no such words anywhere”" in text
    assert "No remarks on the activities in this selection." in text
    assert "<svg" not in text


@given(name=st.text(), funding=st.text())
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_text_in_the_data_is_shown_as_text(dataset: Dataset, name: str, funding: str) -> None:
    first, *rest = dataset.activities
    changed = first._replace(name=name, funding=funding)
    changed_data = dataset._replace(activities=(changed, *rest))
    text = html_report(
        changed_data,
        document(changed_data, (changed,)),
        filters_description=name,
        lang="da",
        data_path=Path("data.yaml"),
        data_bytes=b"",
    )
    page = Page(text)
    # The data makes no element: the same tags whatever the name, and our two scripts (the
    # search's data block, which never runs, and the page's own).
    assert page.attrs("script") == [{"type": "application/json", "id": "search-index"}, {}]
    group = next(a for a in page.attrs("tbody") if a.get("data-id") == first.id)
    assert group is not None
    shown = _section(text, "activities").rows[1]
    assert " ".join(clean(name).split()) in shown


def test_the_danish_report_stays_danish(tmp_path: Path, dataset: Dataset) -> None:
    """The transcription remarks are in English: the Danish report says where they are."""
    text = _report(tmp_path, "--lang", "da")
    remarks = text[text.index('id="remarks"') :]
    assert "står derfor kun i den engelske udgave" in remarks
    for activity in dataset.activities:
        for remark in activity.remarks:
            assert remark[:40] not in text
    # No command-line hint in a document.
    assert "--basis" not in text and "budgetcli notes" not in text


def test_no_writer_asks_a_question_of_its_own() -> None:
    """The report is composed of the presenters' Reports (reports/document.py): no module
    under formats/ imports the queries, and none keeps words outside the one catalogue."""
    import ast

    import budgetcli.formats

    for path in Path(budgetcli.formats.__file__).parent.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or "", *(f"{node.module}.{a.name}" for a in node.names)]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            else:
                continue
            assert not [n for n in names if n.startswith("budgetcli.queries")], path.name
    source = Path(budgetcli.formats.__file__).parent
    for name in ("htmlreport.py", "svgchart.py"):
        text = (source / name).read_text(encoding="utf-8")
        assert "Beløb i" not in text and "I alt" not in text, name


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_amount_cell_has_the_reports_one_precision(tmp_path: Path, lang: str) -> None:
    import re

    text = _report(tmp_path, "--lang", lang)
    # A marker is hung in a span of its own after the figure.
    cells = re.findall(
        r'<td class="num"[^>]*>([^<]*)(?:<span class="mark">[^<]*</span>)?</td>', text
    )
    separator = "," if lang == "da" else "."
    # Amounts, not the expiring table's last funded years (2019: no separator).
    figures = [c.rstrip("*†") for c in cells if re.fullmatch(r"[\d.,]+[*†]?", c) and separator in c]
    assert len(figures) > 300  # the totals, the expiring table and every activity's years
    # The source prints at most three decimals (0,090; 8,270): every column shows three.
    assert all(len(f.rpartition(separator)[2]) == 3 for f in figures), figures[:20]


class _Unread:
    """A part of the data the page must not read: any use of it fails."""

    def __getattr__(self, name: str) -> object:
        raise AssertionError(f"the page read the data's {name}")

    def __iter__(self) -> object:
        raise AssertionError("the page read the data's activities or notes")

    def __len__(self) -> int:
        raise AssertionError("the page counted the data's activities or notes")

    def __bool__(self) -> bool:
        raise AssertionError("the page asked whether the data has activities or notes")


def test_the_page_is_drawn_from_the_answers_not_from_the_datas_activities(
    dataset: Dataset,
) -> None:
    """Every activity's row and every note come from the ``list`` and ``notes`` records
    (reports.document): the page is the same with the data's activities and notes out of
    reach, and an answer changed is a page changed."""
    # Every other activity: the notes name activities left out of the selection too.
    chosen = dataset.activities[::2]
    doc = document(dataset, chosen)

    def page(data: Dataset, doc: Document, lang: str) -> str:
        return html_report(
            data,
            doc,
            filters_description="half",
            lang=lang,
            data_path=Path("data.yaml"),
            data_bytes=b"",
            generated=datetime(2026, 1, 2, 3, 4, tzinfo=UTC),
        )

    unread: Any = _Unread()  # where the data's activities and notes were: any use fails
    blind = dataset._replace(activities=unread, notes=unread)
    for lang in ("en", "da"):
        assert page(blind, doc, lang) == page(dataset, doc, lang)
    # An answer's record changed, and the page says what the record says.
    first, *rest = doc.selection.rows
    cells = list(first.budget)
    cells[0] = cells[0]._replace(amount=Decimal("12.345"), kind=CellKind.amount, words=None)
    changed = first._replace(name="Named by the answer", budget=tuple(cells))
    told = doc._replace(selection=doc.selection._replace(rows=(changed, *rest)))
    row = _activity(page(blind, told, "en"), first.id)
    assert row.startswith(f"{first.department} Named by the answer")
    assert " 12.345 " in row and first.name not in row

"""The SVG chart: valid XML whatever the data, nothing fetched, bars as long as the amounts.

Expected figures are the source's (Bilag 1-7, 2020 column summed by hand per appendix), not
the code's own output.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgetcli.formats.svgchart import Bar, chart_from_report, clean, svg_chart
from budgetcli.model import Dataset
from budgetcli.terms import Grouping
from tests.presenting import chart_report

NS = {"svg": "http://www.w3.org/2000/svg"}
# 2020 per administration, from the source: BIF's rows add up to 19.2, BUF's to 75.592 ...
SOURCE_2020 = {
    "Beskæftigelses- og Integrationsforvaltningen": Decimal("19.2"),
    "Børne- og Ungdomsforvaltningen": Decimal("75.592"),
    "Kultur- og Fritidsforvaltningen": Decimal("6.55"),
    "Socialforvaltningen": Decimal("8.945"),
    "Sundheds- og Omsorgsforvaltningen": Decimal("0.75"),
}
NO_2020_CELLS = ("Teknik- og Miljøforvaltningen", "Økonomiforvaltningen")


def _chart(dataset: Dataset, year: int, lang: str = "en") -> str:
    report = chart_report(dataset, dataset.activities, Grouping.department, year)
    return chart_from_report(report, source=dataset.source, lang=lang)


def _bars(svg: str) -> dict[str, ET.Element]:
    """Each bar group by its label (the first line of the group's first <text>)."""
    root = ET.fromstring(svg)
    found = {}
    for group in root.iterfind(".//svg:g[@class='bar']", NS):
        text = group.find("svg:text", NS)
        assert text is not None
        label = " ".join(" ".join(text.itertext()).split())
        found[label] = group
    return found


def _texts(group: ET.Element) -> list[str]:
    return ["".join(t.itertext()) for t in group.iterfind("svg:text", NS)]


def test_bar_lengths_are_proportional_to_the_amounts(dataset: Dataset) -> None:
    bars = _bars(_chart(dataset, 2020))
    widths = {}
    for label, amount in SOURCE_2020.items():
        rect = bars[label].find("svg:rect", NS)
        assert rect is not None, label
        widths[label] = float(rect.attrib["width"])
        assert Decimal(rect.attrib["data-amount"]) == amount
    scale = widths["Børne- og Ungdomsforvaltningen"] / 75.592
    for label, amount in SOURCE_2020.items():
        assert abs(widths[label] - float(amount) * scale) < 0.01, label
    assert max(widths, key=lambda k: widths[k]) == "Børne- og Ungdomsforvaltningen"
    for label in NO_2020_CELLS:
        # No cell in 2020: a sum over nothing is 0 (issue 10): labelled 0 (with the chart's
        # one precision), no length.
        rect = bars[label].find("svg:rect", NS)
        assert rect is None or float(rect.attrib["width"]) == 0
        assert "0.000" in _texts(bars[label])


def test_each_bar_is_labelled_with_its_exact_amount_and_marker(dataset: Dataset) -> None:
    english = _bars(_chart(dataset, 2020))
    assert "75.592*" in _texts(english["Børne- og Ungdomsforvaltningen"])
    assert "8.945" in _texts(english["Socialforvaltningen"])
    danish = _bars(_chart(dataset, 2020, "da"))
    assert "75,592*" in _texts(danish["Børne- og Ungdomsforvaltningen"])
    # One precision for every figure of the chart (the most decimals a bar has: 3).
    assert "0,750" in _texts(danish["Sundheds- og Omsorgsforvaltningen"])
    assert "0,000" in _texts(danish["Økonomiforvaltningen"])


def test_title_source_unit_and_notes_are_there(dataset: Dataset) -> None:
    svg = _chart(dataset, 2020)
    root = ET.fromstring(svg)
    words = " ".join(" ".join(root.itertext()).split())
    assert "Budget 2020 by department (mio. kr.)" in words  # the question and the unit
    assert "Bilag 1-7" in words  # the source, under the title
    assert "Amounts in mio. kr." in words
    # The star is explained, and what has words instead of a number is named.
    assert "* 2020: includes amounts that may be adjusted: welcome-house, ny-i-koebenhavn" in words
    assert "forebyggende-hjemmebesoeg (Driftsbudget)" in words


def test_words_are_not_quantified_never_a_bar(dataset: Dataset) -> None:
    # In 2021 Sundheds- og Omsorgsforvaltningen prints only words ("Driftsbudget").
    for lang, said in (("en", "not quantified"), ("da", "ikke opgjort")):
        bars = _bars(_chart(dataset, 2021, lang))
        health = bars["Sundheds- og Omsorgsforvaltningen"]
        assert health.find("svg:rect", NS) is None
        assert said in _texts(health)


def test_nothing_is_fetched(dataset: Dataset) -> None:
    for lang in ("en", "da"):
        svg = _chart(dataset, 2020, lang)
        assert set(re.findall(r"https?://[^\s\"'<>]*", svg)) == {"http://www.w3.org/2000/svg"}
        for forbidden in ("href", "<image", "<script", "url(", "@import", "<foreignObject"):
            assert forbidden not in svg


def test_a4_width() -> None:
    root = ET.fromstring(svg_chart("t", "", [Bar("a", Decimal(1))], "mio. kr.", "en", ()))
    assert root.attrib["width"] == "180mm"
    assert root.attrib["viewBox"].startswith("0 0 720 ")


def test_hostile_text_stays_text() -> None:
    nasty = "<script>alert('x')</script> & \x00\x07\x1b[31m \ud800 \ufffe ]]> \"q\""
    bars = [Bar(nasty, Decimal("1.5"), "&"), Bar(nasty, None)]
    svg = svg_chart(nasty, nasty, bars, nasty, "en", [nasty])
    root = ET.fromstring(svg)  # parses: nothing unescaped, no forbidden character left
    assert "<script" not in svg
    title = root.find("svg:title", NS)
    assert title is not None
    assert title.text == clean(nasty)
    assert "\x00" not in svg
    assert "\ud800" not in svg


@given(
    title=st.text(),
    labels=st.lists(st.text(), min_size=1, max_size=6),
    amounts=st.lists(
        st.none() | st.decimals(min_value=0, max_value=10**6, places=3), min_size=6, max_size=6
    ),
    notes=st.lists(st.text(), max_size=3),
)
def test_any_text_gives_valid_xml(
    title: str, labels: list[str], amounts: list[Decimal | None], notes: list[str]
) -> None:
    bars = [Bar(label, amount) for label, amount in zip(labels, amounts, strict=False)]
    svg = svg_chart(title, title, bars, "mio. kr.", "da", notes)
    root = ET.fromstring(svg)
    rects = {
        g.attrib["id"]: g.find("svg:rect", NS) for g in root.iterfind(".//svg:g[@class='bar']", NS)
    }
    assert len(rects) == len(bars)
    widths = {i: float(r.attrib["width"]) for i, r in enumerate(rects.values()) if r is not None}
    largest = max((b.amount for b in bars if b.amount is not None), default=Decimal(0))
    room = max(widths.values(), default=0.0)
    for index, bar in enumerate(bars):
        # A bar exactly where there is an amount above 0, as long as the amount (the largest
        # is full); a 0 is its label alone.
        assert (index in widths) == (bar.amount is not None and bar.amount > 0)
        if bar.amount is not None and bar.amount > 0:
            assert abs(widths[index] - float(bar.amount / largest) * room) < 0.01


def test_a_word_longer_than_a_line_is_cut_not_overflowing() -> None:
    label = "Integrationsforvaltningsoversigtsbilag" * 4
    svg = svg_chart("t", "", [Bar(label, Decimal(1)), Bar("short", Decimal(2))], "u", "en", ())
    group = _bars(svg)
    long_group = next(g for name, g in group.items() if name.startswith("Integrations"))
    text = long_group.find("svg:text", NS)
    assert text is not None
    lines = ["".join(span.itertext()) for span in text.iterfind("svg:tspan", NS)]
    assert len(lines) > 1
    assert "".join(lines) == label  # every letter kept, in order
    # No line reaches the bars, which start at 45 % of the drawing's text width.
    assert all(len(line) * 13 * 0.32 <= 0.45 * 672 for line in lines)

"""-o FILE.html on any command: one self-contained, accessible page that escapes the data."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from tests.conftest import GOOD, run


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _page(path: Path) -> tuple[_Page, str]:
    source = path.read_text(encoding="utf-8")
    page = _Page()
    page.feed(source)
    return page, source


def test_a_total_as_a_page(tmp_path: Path) -> None:
    path = tmp_path / "total.html"
    result = run("total", "--year", "2020", "--by", "department", "-d", "BUF", "-o", str(path))
    assert result.exit_code == 0 and result.stdout == ""
    page, source = _page(path)
    words = " ".join("".join(page.text).split())
    # The title says what was asked; 75.592 is BUF's 2020 amount in Bilag 2.
    assert "Budget 2020 by department, BUF: Børne- og Ungdomsforvaltningen (mio. kr.)" in words
    assert "75.592*" in words and "may be adjusted" in words
    tags = [tag for tag, _ in page.tags]
    # One title: the heading names the table (aria-labelledby), no caption repeats it.
    assert "caption" not in tags and ("th", {"scope": "col"}) in page.tags
    assert "main" in tags and ("h1", {"id": "title"}) in page.tags
    assert ("html", {"lang": "en"}) in page.tags
    assert not re.search(r"""(src|href)=["']?https?:""", source)  # nothing fetched


def test_a_chart_page_carries_its_chart_in_danish(tmp_path: Path) -> None:
    path = tmp_path / "chart.html"
    assert (
        run(
            "chart", "--by", "department", "--year", "2020", "--lang", "da", "-o", str(path)
        ).exit_code
        == 0
    )
    page, source = _page(path)
    assert ("html", {"lang": "da"}) in page.tags
    assert "<svg" in source and "75,592*" in source


def test_data_is_escaped(tmp_path: Path) -> None:
    data = tmp_path / "odd.yaml"
    data.write_text(GOOD.replace("name: A\n", 'name: "<script>alert(1)</script>"\n'), "utf-8")
    path = tmp_path / "list.html"
    assert run("list", "--data", str(data), "-o", str(path)).exit_code == 0
    source = path.read_text(encoding="utf-8")
    assert "<script>alert" not in source and "&lt;script&gt;alert(1)&lt;/script&gt;" in source

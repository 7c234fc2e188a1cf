"""Excel workbooks: a report as a workbook that stands on its own, and the whole dataset.

Both are written in openpyxl's write-only mode: rows stream to disk as they are made, so
memory does not grow with the rows, and styles are named once per workbook and shared by
every cell that uses them (never a new Font or Alignment per cell).

Amounts are real numbers with a number format showing their column's decimals; Excel shows
them with the reader's own separators. Text is always stored as text, never as a formula or
an error value, whatever it starts with (OWASP "CSV injection"), and characters that XML 1.0
cannot carry are replaced, so no name in the data can make writing fail.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from budgetcli import __version__
from budgetcli.controls import NOT_IN_XML
from budgetcli.files import replace_with
from budgetcli.formats import Options
from budgetcli.formats.cells import footnotes, label
from budgetcli.i18n import Msg, Text, Tr
from budgetcli.model import TEXT_FIELDS, Dataset, TextCell
from budgetcli.reports import Marked, Pct, Report, ReportKind, Value

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

REPLACEMENT = "\ufffd"
# What openpyxl would store as an error value rather than the text.
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
LONGEST_TEXT = 32_767
"""Excel's limit on one cell's characters."""
WIDEST = 60
"""Column width (characters) beyond which a column's text wraps."""
CREATOR = f"budgetcli {__version__}"


def clean(text: str) -> str:
    """Text as a cell can hold it: unwritable characters replaced, cut at Excel's limit."""
    # openpyxl refuses the C0 controls (IllegalCharacterError) and would write a broken
    # file for the rest of what XML cannot hold.
    if NOT_IN_XML.search(text):
        text = NOT_IN_XML.sub(REPLACEMENT, text)
    return text[:LONGEST_TEXT]


def _needs_text_type(text: str) -> bool:
    """openpyxl would make this a formula (``=...``) or an error value (``#N/A``)."""
    return (text[:1] == "=" and len(text) > 1) or text in _ERROR_CODES


class _Styles:
    """Named styles, each added to the workbook once, the first time a cell asks for it."""

    def __init__(self, book: Workbook) -> None:
        self._book = book
        self._added: set[str] = set()

    def __call__(self, name: str, **parts: Any) -> str:
        if name not in self._added:
            from openpyxl.styles import NamedStyle

            self._book.add_named_style(NamedStyle(name=name, **parts))
            self._added.add(name)
        return name


class _Sheet:
    """A write-only sheet and the cells it is made of."""

    def __init__(self, book: Workbook, title: str, styles: _Styles) -> None:
        self.sheet: WriteOnlyWorksheet = book.create_sheet(clean(title)[:31])
        self.styles = styles
        self.rows = 0

    def cell(self, value: object, style: str | None = None) -> object:
        """A value as written: plain where possible (cheapest), a styled cell where asked."""
        if isinstance(value, str):
            value = clean(value)
            if style is None and not _needs_text_type(value):
                return value
        elif style is None:
            return value
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value)  # type: ignore[arg-type]
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula, never an error value
        if style is not None:
            cell.style = style
        return cell

    def append(self, row: Iterable[object]) -> None:
        self.sheet.append(list(row))
        self.rows += 1

    def freeze(self, *, below: int) -> None:
        """Keep the first ``below`` rows in view. A write-only sheet writes its view with
        the first row: call this before appending."""
        assert self.rows == 0, "freeze before the first row"
        self.sheet.freeze_panes = f"A{below + 1}"

    def widths(self, widths: Sequence[float]) -> None:
        from openpyxl.utils import get_column_letter

        columns = self.sheet.column_dimensions  # type: ignore[attr-defined]
        for index, width in enumerate(widths, start=1):
            columns[get_column_letter(index)].width = width


# --- a report ----------------------------------------------------------------------------


def _decimals(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def amount_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def percent_format(decimals: int) -> str:
    return "0" + ("." + "0" * decimals if decimals else "") + "%"


class _Column(NamedTuple):
    """One report column as the sheet lays it out."""

    header: str
    decimals: int
    """The most decimals any amount in the column has: every amount is shown with these."""
    pct_decimals: int
    marked: bool
    """Some amount carries a marker: a column of markers follows the amounts."""
    width: float
    wrap: bool


def _layout(report: Report, tr: Tr) -> list[_Column]:
    """Every column's decimals, markers and width, read from its cells (never from the
    title or the footnotes, which may run as wide as they like)."""
    layout = []
    for index, column in enumerate(report.columns):
        header = label(column, tr)
        decimals = pct_decimals = 0
        marked = False
        longest = len(header)
        for row in report.rows:
            value = row[index]
            if isinstance(value, Marked):
                marked = True
                value = value.value
            if isinstance(value, Decimal):
                decimals = max(decimals, _decimals(value))
                longest = max(longest, len(f"{value:,f}") + 1)
            elif isinstance(value, Pct):
                pct_decimals = max(pct_decimals, _decimals(value.value))
                longest = max(longest, len(tr.pct(value.value)))
            elif value is not None:
                longest = max(longest, *(len(line) for line in _words(value, tr).split("\n")))
        layout.append(
            _Column(
                header,
                decimals,
                pct_decimals,
                marked,
                min(max(longest, 4), WIDEST) + 2,
                longest > WIDEST,
            )
        )
    return layout


def _words(value: Value, tr: Tr) -> str:
    if isinstance(value, TextCell):
        return value.text
    if isinstance(value, Text):
        return tr.text(value)
    return str(value)


class _Look(NamedTuple):
    """The named styles of a report workbook (each added to it once)."""

    title: str
    header: str
    words: str
    text: str | None
    wrap: str
    top: bool


def _look(styles: _Styles, *, top: bool) -> _Look:
    from openpyxl.styles import Alignment, Border, Font, Side

    # Where some text wraps, rows grow: every cell then starts at the top of its row.
    aligned = {"alignment": Alignment(vertical="top")} if top else {}
    return _Look(
        title=styles("budgetcli title", font=Font(bold=True, size=13)),
        header=styles(
            "budgetcli header",
            font=Font(bold=True),
            border=Border(bottom=Side(style="thin")),
            alignment=Alignment(vertical="top", wrap_text=True),
        ),
        words=styles(f"budgetcli words{' top' if top else ''}", font=Font(italic=True), **aligned),
        text=styles("budgetcli text top", **aligned) if top else None,
        wrap=styles("budgetcli wrap", alignment=Alignment(vertical="top", wrap_text=True)),
        top=top,
    )


class _Table:
    """A report's rows as sheet rows: each Value becomes a typed, styled cell."""

    def __init__(self, page: _Sheet, layout: list[_Column], look: _Look, tr: Tr) -> None:
        self.page = page
        self.layout = layout
        self.look = look
        self.tr = tr

    def widths(self) -> list[float]:
        widths: list[float] = []
        for column in self.layout:
            widths.append(column.width)
            if column.marked:
                widths.append(max(len(self.mark_header(column)) + 2, 5))
        return widths

    def mark_header(self, column: _Column) -> str:
        return self.tr(Msg.xlsx_mark, column=column.header)

    def header(self) -> list[object]:
        cells: list[object] = []
        for column in self.layout:
            cells.append(self.page.cell(column.header, self.look.header))
            if column.marked:
                cells.append(self.page.cell(self.mark_header(column), self.look.header))
        return cells

    def row(self, row: tuple[Value, ...]) -> list[object]:
        cells: list[object] = []
        for value, column in zip(row, self.layout, strict=True):
            if isinstance(value, Marked):
                cells.append(self.number(value.value, column.decimals))
            else:
                cells.append(self.value(value, column))
            if column.marked:
                marker = value.marker if isinstance(value, Marked) else None
                cells.append(self.page.cell(marker, self.look.text) if marker else None)
        return cells

    def value(self, value: Value, column: _Column) -> object:
        if value is None:
            return None
        if isinstance(value, Decimal | int):
            return self.number(value, column.decimals)
        if isinstance(value, Pct):
            return self.number(value.value / 100, column.pct_decimals, percent=True)
        if isinstance(value, TextCell | Text):
            return self.page.cell(_words(value, self.tr), self.look.words)
        assert isinstance(value, str), value
        wrap = (column.wrap and len(value) > WIDEST) or "\n" in value
        return self.page.cell(value, self.look.wrap if wrap else self.look.text)

    def number(self, value: Decimal | int, decimals: int, *, percent: bool = False) -> object:
        if isinstance(value, int):
            fmt = "0"  # a year: no thousands separator
        else:
            fmt = percent_format(decimals) if percent else amount_format(decimals)
        if self.look.top:
            from openpyxl.styles import Alignment

            name = self.page.styles(
                f"budgetcli number {fmt} top",
                number_format=fmt,
                alignment=Alignment(vertical="top"),
            )
        else:
            name = self.page.styles(f"budgetcli number {fmt}", number_format=fmt)
        return self.page.cell(value, name)


def write(report: Report, options: Options) -> bytes:
    """A workbook that stands on its own: what was asked (title, source), the table with
    headers in the reader's language, amounts as numbers with their markers beside them,
    the footnotes under the table and the source's notes on a sheet of their own."""
    from openpyxl import Workbook

    tr = Tr(options.lang)
    dataset = options.dataset
    layout = _layout(report, tr)
    book = Workbook(write_only=True)
    styles = _Styles(book)
    look = _look(styles, top=any(c.wrap for c in layout))
    page = _Sheet(book, tr(Msg.xlsx_sheet_report), styles)
    table = _Table(page, layout, look, tr)
    page.widths(table.widths())
    header = options.header and report.kind is not ReportKind.record
    # The title, the source, a blank line and the header stay in view while scrolling.
    page.freeze(below=(3 if dataset is not None else 2) + (1 if header else 0))
    page.append([page.cell(tr.text(report.title), look.title)])
    if dataset is not None:
        page.append([page.cell(tr(Msg.xlsx_source, source=dataset.source))])
    page.append([])
    if header:
        page.append(table.header())
    for row in report.rows:
        page.append(table.row(row))
    notes = footnotes(report, tr, hints=False)
    if dataset is None:
        notes.append(tr(Msg.xlsx_no_notes))
    page.append([])
    for note in notes:
        page.append([page.cell(note)])
    if dataset is not None and dataset.notes:
        _notes_sheet(book, styles, dataset, tr, look)
    _properties(book, tr.text(report.title), dataset, tr)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _notes_sheet(
    book: Workbook,
    styles: _Styles,
    dataset: Dataset,
    tr: Tr,
    look: _Look,
) -> None:
    """The source's own notes: what each appendix leaves out, and its footnotes."""
    from openpyxl.styles import Alignment

    page = _Sheet(book, tr(Msg.xlsx_sheet_notes), styles)
    page.widths([24, 8, 12, 8, 100])
    page.freeze(below=4)
    top = styles("budgetcli text top", alignment=Alignment(vertical="top"))
    page.append([page.cell(tr(Msg.notes_title), look.title)])
    page.append([page.cell(tr(Msg.xlsx_source, source=dataset.source))])
    page.append([])
    headers = [tr(Msg.col_id), tr(Msg.col_department), tr(Msg.col_kind), tr(Msg.xlsx_marker)]
    page.append([page.cell(h, look.header) for h in (*headers, tr(Msg.col_text))])
    kinds = {"heading": tr(Msg.kind_heading), "footnote": tr(Msg.kind_footnote)}
    for note in dataset.notes:
        page.append(
            [
                page.cell(note.id, top),
                page.cell(note.department, top),
                page.cell(kinds.get(note.kind.value, note.kind.value), top),
                page.cell(note.marker, top) if note.marker else None,
                page.cell(note.text, look.wrap),
            ]
        )


def _properties(book: Workbook, title: str, dataset: Dataset | None, tr: Tr) -> None:
    """File > Properties: what the workbook is, its source, and what wrote it."""
    properties = book.properties
    properties.title = clean(title)
    properties.creator = CREATOR
    properties.lastModifiedBy = CREATOR
    properties.language = tr.lang.value
    if dataset is not None:
        properties.subject = clean(dataset.title)
        properties.description = clean(tr(Msg.xlsx_source, source=dataset.source))


# --- export: the whole dataset -----------------------------------------------------------


def activity_sheet_header(dataset: Dataset) -> list[str]:
    years = [str(y) for y in dataset.years]
    return [
        "id",
        "department",
        "appendix",
        "name",
        *TEXT_FIELDS,
        *years,
        *(f"{y} text" for y in years),
        *(f"actual {y}" for y in years),
        "actual_text",
        "adjustable years",
        "printed",
        "notes",
        "remarks",
    ]


NOTE_HEADER = ["id", "department", "kind", "marker", "text", "links"]
DEPARTMENT_HEADER = ["code", "appendix", "name", "name_en", "title", "sections"]
# Widths by header; every other column is 14 wide.
_EXPORT_WIDTHS = {"id": 34, "name": 40, "description": 50, "text": 80, "remarks": 60, "title": 60}


def _activity_rows(dataset: Dataset) -> Iterator[list[object]]:
    years = dataset.years
    appendix = {d.code: d.appendix for d in dataset.departments}
    for a in dataset.activities:
        cells = [a.budget.get(y) for y in years]
        actual = a.actual or {}
        yield [
            a.id,
            a.department,
            appendix[a.department],
            a.name,
            *(getattr(a, field) for field in TEXT_FIELDS),
            *(c if isinstance(c, Decimal) else None for c in cells),
            *(c.text if isinstance(c, TextCell) else None for c in cells),
            *(actual.get(y) for y in years),
            a.actual_text,
            ", ".join(str(y) for y in sorted(a.adjustable)) or None,
            a.printed,
            ", ".join(a.notes) or None,
            "\n".join(a.remarks) or None,
        ]


def export(dataset: Dataset, path: Path, options: Options) -> None:
    """The whole dataset for programs and spreadsheets: activities, notes and departments,
    each with its header in row 1 (fixed English keys, as in every export), and an 'about'
    sheet last with the title, the source and what each sheet holds.

    Rows stream to a temporary file beside ``path`` and replace it only when complete.
    """

    from budgetcli.progress import progress

    rows = len(dataset.activities)

    def build(temporary: Path) -> None:
        # About 10,000 rows a second here: a bar on a terminal from two seconds' worth.
        with progress(f"Writing {path.name}", total=rows, long=rows > 20_000) as bar:
            book = _export_book(dataset, Tr(options.lang), bar.advance)
            book.save(temporary)

    replace_with(path, build)


def _export_book(
    dataset: Dataset, tr: Tr, advance: Callable[[int], None] = lambda _: None
) -> Workbook:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    styles = _Styles(book)
    bold = styles("budgetcli header", font=Font(bold=True))
    sheets: tuple[tuple[str, Sequence[str], Iterable[Sequence[object]]], ...] = (
        ("activities", activity_sheet_header(dataset), _activity_rows(dataset)),
        (
            "notes",
            NOTE_HEADER,
            (
                [n.id, n.department, n.kind.value, n.marker, n.text, "\n".join(n.links) or None]
                for n in dataset.notes
            ),
        ),
        (
            "departments",
            DEPARTMENT_HEADER,
            (
                [d.code, d.appendix, d.name, d.name_en, d.title, "\n".join(d.sections) or None]
                for d in dataset.departments
            ),
        ),
    )
    for title, header, rows in sheets:
        page = _Sheet(book, title, styles)
        page.widths([_EXPORT_WIDTHS.get(h, 14) for h in header])
        page.freeze(below=1)
        page.append(page.cell(h, bold) for h in header)
        cell = page.cell
        # Data cells carry no style: plain values are the cheapest thing to write (a styled
        # cell costs 2-3 times as much), and only text openpyxl would misread is wrapped.
        for count, row in enumerate(rows, start=1):
            page.append([cell(v) if isinstance(v, str) else v for v in row])
            if count % 1000 == 0:
                advance(1000)
    _about_sheet(book, styles, dataset, tr)
    _properties(book, dataset.title, dataset, tr)
    return book


def _about_sheet(book: Workbook, styles: _Styles, dataset: Dataset, tr: Tr) -> None:
    from openpyxl.styles import Font

    page = _Sheet(book, tr(Msg.about_sheet), styles)
    page.widths([16, 100])
    bold = styles("budgetcli header")
    page.append(
        [page.cell(dataset.title, styles("budgetcli title", font=Font(bold=True, size=13)))]
    )
    page.append([])
    facts: list[tuple[str, object]] = [
        (tr(Msg.about_dataset), dataset.title),
        (tr(Msg.about_source), dataset.source),
        (tr(Msg.about_unit), dataset.unit),
        (tr(Msg.about_period), f"{dataset.first_year}-{dataset.last_year}"),
        (tr(Msg.about_activities), len(dataset.activities)),
        (tr(Msg.about_notes), len(dataset.notes)),
        (tr(Msg.about_written_by), CREATOR),
    ]
    for name, value in facts:
        page.append([page.cell(name, bold), page.cell(value)])
    page.append([])
    for key in (Msg.about_sheet_activities, Msg.about_sheet_notes, Msg.about_sheet_departments):
        page.append([page.cell(tr(key, unit=dataset.unit))])

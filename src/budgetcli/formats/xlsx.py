"""Excel workbooks: a report as a workbook that stands on its own, and the whole dataset.

Both are written in openpyxl's write-only mode: rows stream to disk as they are made, so
memory does not grow with the rows, and styles are named once per workbook and shared by
every cell that uses them (never a new Font or Alignment per cell). openpyxl streams each
sheet through a temporary file: an export keeps them in a hidden folder beside its target
(:func:`budgetcli.files.scratch_beside`), never in ``$TMPDIR``.

Amounts are real numbers with a number format showing their column's decimals; Excel shows
them with the reader's own separators. Text is always stored as text, never as a formula or
an error value, whatever it starts with (OWASP "CSV injection"), and characters that XML 1.0
cannot carry are replaced, so no name in the data can make writing fail. Text longer than
Excel's cell limit is cut visibly (it ends in "…") and said on stderr.

Every sheet prints: fitted to one page wide (landscape where the columns are wide), its
header repeated on each page, an autofilter over its rows, no column wider than
:data:`WIDEST` (longer text wraps, and its row is made tall enough to show it).
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from budgetcli import __version__
from budgetcli.controls import NOT_IN_XML
from budgetcli.errors import OutputError
from budgetcli.files import replace_with, scratch_beside
from budgetcli.formats import Options
from budgetcli.formats.cells import footnotes, human, label, reader, table_precision
from budgetcli.i18n import Msg, Text, Tr, places, text
from budgetcli.model import TEXT_KEYS, Dataset, TextCell
from budgetcli.reports import Marked, Pct, Report, ReportKind, Value
from budgetcli.reports.notes import KIND_LABEL

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

REPLACEMENT = "\ufffd"
# What openpyxl would store as an error value rather than the text.
_ERROR_CODES = frozenset(("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"))
LONGEST_TEXT = 32_767
"""Excel's limit on one cell's characters."""
CUT_MARK = "…"
"""Ends a text cut at Excel's limit, so the cell itself says it is not whole."""
WIDEST = 60
"""The widest a column gets (characters); longer text wraps within it."""
PROSE_WIDEST = 32
"""The widest a column of words people read (a name, a section) gets in a report: they wrap
within it, so a list prints in readable type."""
NUMERIC_WORDS = 10
"""The most an amount column widens for words printed in place of a number (or their longest
word); longer wrap."""
PORTRAIT_WIDTH = 95
"""Column widths (characters) that fit across A4 portrait; a wider sheet prints landscape."""
LINE_HEIGHT = 15.0
"""Points per line of 11-point text: the height a wrapped cell needs per line."""
CREATOR = f"budgetcli {__version__}"


class _Cuts:
    """How many texts were cut at Excel's limit while one workbook was written."""

    count = 0


def clean(text: str) -> str:
    """Text as a cell can hold it: unwritable characters replaced; text over Excel's limit
    cut, ending in :data:`CUT_MARK` (counted, and said on stderr once the workbook is made)."""
    # openpyxl refuses the C0 controls (IllegalCharacterError) and would write a broken
    # file for the rest of what XML cannot hold.
    if NOT_IN_XML.search(text):
        text = NOT_IN_XML.sub(REPLACEMENT, text)
    if len(text) > LONGEST_TEXT:
        _Cuts.count += 1
        return text[: LONGEST_TEXT - len(CUT_MARK)] + CUT_MARK
    return text


def _say_cuts() -> None:
    """One line on stderr if any text was cut (the json and sqlite exports keep it whole)."""
    count, _Cuts.count = _Cuts.count, 0
    if count:
        from budgetcli.messages import tell

        said = Msg.xlsx_cut if count != 1 else Msg.xlsx_cut_one
        tell(text(said, count=count, limit=Decimal(LONGEST_TEXT), mark=CUT_MARK))


def lines_needed(text: str, width: float) -> int:
    """Lines a wrapped cell ``width`` characters wide shows ``text`` in (an estimate: no
    font metrics without a renderer; words wrap whole, so a line holds a little less)."""
    room = max((width - 1) / 0.9, 1)  # proportional letters average 0.9 of a digit's width
    return sum(max(1, math.ceil(len(part) / room)) for part in text.split("\n"))


def _close_quietly(book: Workbook) -> None:
    """After a failure (a full disk, Ctrl-C, SIGTERM), close every sheet's half-written
    stream before the one clear error or the exit: openpyxl's streams would otherwise each
    print a traceback ("Exception ignored in ...") when collected."""
    from contextlib import suppress

    for sheet in book.worksheets:
        writer = getattr(sheet, "_writer", None)
        for stream in (getattr(sheet, "_rows", None), getattr(writer, "xf", None)):
            with suppress(Exception):
                stream.close()  # type: ignore[union-attr]
        with suppress(Exception):
            writer.cleanup()  # type: ignore[union-attr]


def _built(book: Workbook, fill: Callable[[], None], target: Path | io.BytesIO) -> None:
    """``fill`` the book's sheets and save it; on failure nothing but the error is said."""
    try:
        fill()
        _save(book, target)
    except BaseException:  # a full disk, and Ctrl-C or SIGTERM mid-sheet alike
        _close_quietly(book)
        raise
    finally:
        _say_cuts()


def _save(book: Workbook, target: Path | io.BytesIO) -> None:
    """``book.save(target)``, as openpyxl's save_workbook does it, but with the zip archive
    closed here if writing fails (a full disk): left to the garbage collector, its close
    would fail again and print "Exception ignored in ZipFile.__del__" and a traceback
    after the one clear line."""
    import datetime
    from contextlib import suppress
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    if not book.worksheets:
        book.create_sheet()
    archive = ZipFile(target, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        now = datetime.datetime.now(tz=datetime.UTC).replace(tzinfo=None)
        book.properties.modified = now
        ExcelWriter(book, archive).save()  # closes the archive when done
    except BaseException:
        with suppress(Exception):
            archive.close()  # fails again on a full disk, but marks the archive closed
        raise


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
        from openpyxl.worksheet.properties import PageSetupProperties

        self.sheet: WriteOnlyWorksheet = book.create_sheet(clean(title)[:31])
        self.styles = styles
        self.rows = 0
        # Printed one page wide (the page setup itself is written last, see printed());
        # a write-only sheet writes its properties with its first row: set them now.
        self.sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)

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

    def append(self, row: Iterable[object], *, lines: int = 1) -> None:
        """The next row; ``lines`` tall where wrapped text needs it."""
        if lines > 1:
            from openpyxl.worksheet.dimensions import RowDimension

            index = self.rows + 1
            height = lines * LINE_HEIGHT + 2
            sheet: Any = self.sheet  # a write-only sheet keeps row dimensions as any sheet does
            sheet.row_dimensions[index] = RowDimension(
                sheet, index=index, ht=height, customHeight=True
            )
        self.sheet.append(list(row))
        self.rows += 1

    def spanned(self, value: str, style: str | None, columns: int, width: float) -> None:
        """A line of text (a title, a footnote) over the table's full width, wrapped there."""
        from openpyxl.utils import get_column_letter

        row = self.rows + 1
        if columns > 1:
            self.sheet.merged_cells.add(f"A{row}:{get_column_letter(columns)}{row}")  # type: ignore[attr-defined]
        self.append([self.cell(value, style)], lines=lines_needed(value, width))

    def printed(
        self, widths: Sequence[float], *, header: int | None, last: int, area: bool = False
    ) -> None:
        """Print setup: one page wide, A4, landscape if wide, narrow margins; the header
        row on every page and an autofilter from it down to row ``last``; with ``area``,
        a print area over every row written (the table and its notes). Written after the
        rows, so it may be set once they are known."""
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.page import PageMargins

        sheet = self.sheet
        sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.5, bottom=0.5)  # type: ignore[attr-defined]
        last_column = get_column_letter(max(len(widths), 1))
        if area:
            sheet.print_area = f"A1:{last_column}{max(self.rows, 1)}"
        setup = sheet.page_setup  # type: ignore[attr-defined]
        setup.paperSize = 9  # A4
        setup.orientation = "landscape" if sum(widths) > PORTRAIT_WIDTH else "portrait"
        setup.fitToWidth = 1
        setup.fitToHeight = 0  # as many pages down as the rows need
        if header is not None:
            sheet.print_title_rows = f"{header}:{header}"
            sheet.auto_filter.ref = f"A{header}:{last_column}{max(last, header)}"  # type: ignore[attr-defined]

    def freeze(self, *, below: int) -> None:
        """Keep the first ``below`` rows in view. A write-only sheet writes its view with
        the first row: call this before appending."""
        assert self.rows == 0, "freeze before the first row"
        self.sheet.freeze_panes = f"A{below + 1}"

    def widths(self, widths: Sequence[float]) -> None:
        from openpyxl.utils import get_column_letter

        columns = self.sheet.column_dimensions  # type: ignore[attr-defined]
        for index, width in enumerate(widths, start=1):
            columns[get_column_letter(index)].width = min(width, WIDEST)


# --- a report ----------------------------------------------------------------------------


def amount_format(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def percent_format(decimals: int) -> str:
    return "0" + ("." + "0" * decimals if decimals else "") + "%"


class _Column(NamedTuple):
    """One report column as the sheet lays it out."""

    at: int
    """Its place in the report's rows."""
    header: str
    decimals: int
    """The most decimals any amount in the column has: every amount is shown with these."""
    pct_decimals: int
    markers: str
    """The widest marker any amount in the column carries ("" if none): every amount keeps
    its room, so the digits line up."""
    width: float
    wrap: bool
    numeric: bool


def _layout(report: Report, tr: Tr) -> list[_Column]:
    """Every shown column's decimals, markers and width, read from its cells (never from
    the title or the footnotes, which span the table and wrap). A column people need not
    see (a section's key is its name) is left out, as in the terminal's table; so is an
    activity's id where its name is shown: a workbook is read by people who do not type
    ids (the terminal's table keeps them for ``show``), and the room goes to the words."""
    layout = []
    keys = {c.key for c in report.columns}
    # One precision for every amount column, as on the terminal (mio. kr.: 3): 3.300 3.300,
    # not 3.30 beside 3.3 because one year's column holds a 2.25 and the next does not.
    whole = table_precision(report)
    for index, column in enumerate(report.columns):
        if not column.human or (column.key == "id" and "name" in keys):
            continue
        header = label(column, tr)
        decimals = pct_decimals = 0
        markers = ""
        longest = len(header)
        words = word = 0
        for row in report.rows:
            value = row[index]
            if isinstance(value, Marked):
                markers = max(markers, value.marker, key=len)
                value = value.value
            if isinstance(value, Decimal):
                decimals = max(decimals, places(value))
                shown = max(places(value), whole or 0) if column.numeric else places(value)
                longest = max(longest, len(f"{value:,.{shown}f}") + 1)
            elif isinstance(value, Pct):
                pct_decimals = max(pct_decimals, places(value.value))
                longest = max(longest, len(tr.pct(value.value)))
            elif value is not None:
                lines = human(value, tr).split("\n")
                if column.numeric:  # words in place of a number wrap in a narrow column
                    words = max(words, *(len(line) for line in lines))
                    word = max(word, *(len(w) for line in lines for w in line.split()))
                else:
                    longest = max(longest, *(len(line) for line in lines))
        if column.numeric and whole is not None:
            decimals = max(decimals, whole)
        if words:
            longest = max(longest, min(words, NUMERIC_WORDS), word)
        longest += len(markers)
        widest = PROSE_WIDEST if column.prose else WIDEST
        layout.append(
            _Column(
                index,
                header,
                decimals,
                pct_decimals,
                markers,
                min(max(longest, 4) + 2, widest),
                longest + 2 > widest or words > longest,
                column.numeric,
            )
        )
    return layout


def _is_total(row: tuple[Value, ...]) -> bool:
    """The row that adds the others up (its label is the catalogue's "Total")."""
    return any(isinstance(v, Text) and v.msg == Msg.total_label for v in row)


class _Look(NamedTuple):
    """The named styles of a report workbook (each added to it once)."""

    title: str
    header: str
    header_right: str
    """The header of a number column: on the numbers' side, over their last digit."""
    words: str
    text: str | None
    wrap: str
    total: str
    words_right: str
    total_right: str
    top: bool


def _look(styles: _Styles, *, top: bool) -> _Look:
    from openpyxl.styles import Alignment, Border, Font, Side

    # Where some text wraps, rows grow: every cell then starts at the top of its row.
    aligned = {"alignment": Alignment(vertical="top")} if top else {}
    heading = {"font": Font(bold=True), "border": Border(bottom=Side(style="thin"))}
    right = Alignment(horizontal="right", vertical="top", wrap_text=True)  # amounts' side
    return _Look(
        title=styles("budgetcli title", font=Font(bold=True, size=13)),
        header=styles(
            "budgetcli header", **heading, alignment=Alignment(vertical="bottom", wrap_text=True)
        ),
        header_right=styles(
            "budgetcli header right",
            **heading,
            alignment=Alignment(horizontal="right", vertical="bottom", wrap_text=True),
        ),
        words=styles(f"budgetcli words{' top' if top else ''}", font=Font(italic=True), **aligned),
        text=styles("budgetcli text top", **aligned) if top else None,
        wrap=styles("budgetcli wrap", alignment=Alignment(vertical="top", wrap_text=True)),
        total=styles("budgetcli total", font=Font(bold=True), **aligned),
        words_right=styles("budgetcli words right", font=Font(italic=True), alignment=right),
        total_right=styles(
            "budgetcli total right", font=Font(bold=True, italic=True), alignment=right
        ),
        top=top,
    )


class _Table:
    """A report's rows as sheet rows: each Value becomes a typed, styled cell. A marker
    stands beside its amount inside the amount's own cell, as its number format's text
    (``#,##0.000"*"``): the amount stays a number Excel adds, and an unmarked amount in the
    same column keeps the marker's room (``_*``), so the digits line up."""

    def __init__(self, page: _Sheet, layout: list[_Column], look: _Look, tr: Tr) -> None:
        self.page = page
        self.layout = layout
        self.look = look
        self.tr = tr

    def widths(self) -> list[float]:
        return [c.width for c in self.layout]

    def header(self) -> list[object]:
        return [
            self.page.cell(c.header, self.look.header_right if c.numeric else self.look.header)
            for c in self.layout
        ]

    def header_lines(self) -> int:
        return max(lines_needed(c.header, c.width) for c in self.layout)

    def row(self, row: tuple[Value, ...]) -> tuple[list[object], int]:
        """The cells, and the lines the row's wrapped text needs."""
        total = _is_total(row)
        cells: list[object] = []
        lines = 1
        for column in self.layout:
            value = row[column.at]
            if total and value == "total":
                value = None  # the key of the total row: its label says "Total" (or "I alt")
            cells.append(self.value(value, column, bold=total))
            words = human(value, self.tr) if isinstance(value, TextCell | Text) else value
            if isinstance(words, str) and (column.wrap or "\n" in words):
                # Words in an amount column are italic, a little narrower than upright
                # letters: "not quantified" fills a 13-wide column on one line.
                room = column.width + (1 if column.numeric else 0)
                lines = max(lines, lines_needed(words, room))
        return cells, lines

    def value(self, value: Value, column: _Column, *, bold: bool = False) -> object:
        if value is None:
            return None
        if isinstance(value, Marked):
            return self.number(value.value, column, bold=bold, marker=value.marker)
        if isinstance(value, Decimal | int):
            return self.number(value, column, bold=bold)
        if isinstance(value, Pct):
            return self.number(value.value / 100, column, percent=True, bold=bold)
        if isinstance(value, TextCell | Text):
            words = human(value, self.tr)
            style = self.look.total if bold else self.look.words
            if column.numeric:  # on the numbers' side of the column, wrapped if long
                style = self.look.total_right if bold else self.look.words_right
            return self.page.cell(words, style)
        assert isinstance(value, str), value
        wrap = (column.wrap and len(value) > column.width - 2) or "\n" in value
        return self.page.cell(value, self.look.wrap if wrap else self.look.text)

    def number(
        self,
        value: Decimal | int,
        column: _Column,
        *,
        percent: bool = False,
        bold: bool = False,
        marker: str = "",
    ) -> object:
        from openpyxl.styles import Alignment, Font

        if isinstance(value, int):
            fmt = "0"  # a year: no thousands separator
        elif percent:
            fmt = percent_format(column.pct_decimals)
        else:
            fmt = amount_format(column.decimals) + marker_format(marker, column.markers)
        parts: dict[str, Any] = {
            "number_format": fmt,
            "alignment": Alignment(horizontal="right", vertical="top" if self.look.top else None),
        }
        if bold:
            parts["font"] = Font(bold=True)
        name = f"budgetcli number {fmt}{' top' if self.look.top else ''}{' total' if bold else ''}"
        return self.page.cell(value, self.page.styles(name, **parts))


def marker_format(marker: str, room: str) -> str:
    """The number format's tail that shows ``marker`` after the digits, then keeps the room
    of the rest of the column's widest marker ``room`` blank (``_x``: the width of x)."""
    shown = "".join(c for c in marker if c != '"')
    shown_part = f'"{shown}"' if shown else ""
    return shown_part + "".join(f"_{c}" for c in room[len(shown) :])


def write(report: Report, options: Options) -> bytes:
    """A workbook that stands on its own: what was asked (title, source), the table with
    headers in the reader's language, amounts as numbers with their markers after them,
    the footnotes under the table and the source's notes on a sheet of their own."""
    from openpyxl import Workbook

    layout = _layout(report, reader(options, document=True))
    book = Workbook(write_only=True)
    buffer = io.BytesIO()
    try:
        _built(book, lambda: _fill_report(book, report, options, layout), buffer)
    except OSError as error:
        # openpyxl streams each sheet through a temporary file before the workbook exists
        # (beside the output: the CLI calls this within files.scratch_beside).
        reason = error.strerror or error
        raise OutputError(text(Msg.err_workbook_scratch, reason=reason)) from None
    return buffer.getvalue()


def _fill_report(book: Workbook, report: Report, options: Options, layout: list[_Column]) -> None:
    tr = reader(options, document=True)  # a workbook is a document: activities by name
    dataset = options.dataset
    styles = _Styles(book)
    look = _look(styles, top=any(c.wrap for c in layout))
    page = _Sheet(book, tr(Msg.xlsx_sheet_report), styles)
    table = _Table(page, layout, look, tr)
    widths = table.widths()
    page.widths(widths)
    span = (len(widths), min(sum(widths), PORTRAIT_WIDTH * 1.5))
    header = options.header and report.kind is not ReportKind.record
    # The title, the source, a blank line and the header stay in view while scrolling.
    page.freeze(below=(3 if dataset is not None else 2) + (1 if header else 0))
    page.spanned(tr.text(report.title), look.title, *span)
    if dataset is not None:
        page.spanned(tr(Msg.xlsx_source, source=dataset.source), look.wrap, *span)
    page.append([])
    header_row = None
    if header:
        page.append(table.header(), lines=table.header_lines())
        header_row = page.rows
    last = page.rows
    for row in report.rows:
        cells, lines = table.row(row)
        page.append(cells, lines=lines)
        if not _is_total(row):
            last = page.rows  # the filter and sort leave the total row where it is
    notes = footnotes(report, tr, hints=False)
    if dataset is None:
        notes.append(tr(Msg.xlsx_no_notes))
    elif dataset.notes:
        notes.append(tr(Msg.xlsx_notes_hidden, sheet=tr(Msg.xlsx_sheet_notes)))
    page.append([])
    for note in notes:
        page.spanned(note, look.wrap, *span)
    page.printed(widths, header=header_row, last=last, area=True)
    if dataset is not None and dataset.notes:
        # The source's notes on every appendix, a sheet of their own out of print: the
        # table prints on its page with the notes that belong to it under it.
        notes_sheet: Any = _notes_sheet(book, styles, dataset, tr, look).sheet
        notes_sheet.sheet_state = "hidden"  # a write-only sheet keeps its state as any does
    _properties(book, tr.text(report.title), dataset, tr)


def _notes_sheet(
    book: Workbook,
    styles: _Styles,
    dataset: Dataset,
    tr: Tr,
    look: _Look,
) -> _Sheet:
    """The source's own notes: what each appendix leaves out, and its footnotes."""
    from openpyxl.styles import Alignment

    page = _Sheet(book, tr(Msg.xlsx_sheet_notes), styles)
    widths = [24, 8, 12, 8, WIDEST]
    page.widths(widths)
    page.freeze(below=4)
    top = styles("budgetcli text top", alignment=Alignment(vertical="top"))
    page.spanned(tr(Msg.notes_title), look.title, len(widths), sum(widths))
    page.spanned(tr(Msg.xlsx_source, source=dataset.source), look.wrap, len(widths), sum(widths))
    page.append([])
    headers = [tr(Msg.col_id), tr(Msg.col_department), tr(Msg.col_kind), tr(Msg.xlsx_marker)]
    page.append([page.cell(h, look.header) for h in (*headers, tr(Msg.col_text))])
    for note in dataset.notes:
        page.append(
            [
                page.cell(note.id, top),
                page.cell(note.department, top),
                page.cell(tr(KIND_LABEL[note.kind]), top),
                page.cell(note.marker, top) if note.marker else None,
                page.cell(note.text, look.wrap),
            ],
            # Each wrapped note gets the height of its lines: without it a printed row
            # stays one line tall and its text runs over the rows below.
            lines=lines_needed(note.text, widths[-1]),
        )
    page.printed(widths, header=4, last=page.rows)
    return page


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
        *TEXT_KEYS,
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
_EXPORT_WIDTHS = {
    "id": 34,
    "name": 40,
    **dict.fromkeys(TEXT_KEYS, 50),
    "text": WIDEST,
    "remarks": WIDEST,
    "title": WIDEST,
}
MOST_LINES = 27
"""The tallest row (lines) an export makes: Excel's row limit is 409 points."""


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
            *(getattr(a, field) for field in TEXT_KEYS),
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
        with (
            scratch_beside(temporary),
            progress(text(Msg.writing_file, name=path.name), total=rows, long=rows > 20_000) as bar,
        ):
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            _built(
                book, lambda: _export_book(book, dataset, Tr(options.lang), bar.advance), temporary
            )

    replace_with(path, build)


def _export_book(
    book: Workbook, dataset: Dataset, tr: Tr, advance: Callable[[int], None] = lambda _: None
) -> None:
    from openpyxl.styles import Alignment, Font

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
    wrap = styles("budgetcli wrap", alignment=Alignment(vertical="top", wrap_text=True))
    for title, header, rows in sheets:
        page = _Sheet(book, title, styles)
        widths = [_EXPORT_WIDTHS.get(h, 14) for h in header]
        page.widths(widths)
        page.freeze(below=1)
        page.append(page.cell(h, bold) for h in header)
        cell = page.cell
        # Data cells carry no style: plain values are the cheapest thing to write (a styled
        # cell costs 2-3 times as much). Only text longer than its column is wrapped, and
        # its row made tall enough; text openpyxl would misread is marked as text.
        for count, row in enumerate(rows, start=1):
            lines = 1
            cells: list[object] = []
            for value, width in zip(row, widths, strict=True):
                if isinstance(value, str):
                    if len(value) > width - 2 or "\n" in value:
                        lines = max(lines, lines_needed(value, width))
                        cells.append(cell(value, wrap))
                    else:
                        cells.append(cell(value))
                else:
                    cells.append(_exact_amount(page, value))
            page.append(cells, lines=min(lines, MOST_LINES))
            if count % 1000 == 0:
                advance(1000)
        page.printed(widths, header=1, last=page.rows)
    _about_sheet(book, styles, dataset, tr)
    _properties(book, dataset.title, dataset, tr)


def _exact_amount(page: _Sheet, value: object) -> object:
    """An amount with trailing zeros (0.090), which a float cannot keep, gets a number format
    of its own decimals: a reader sees the printed digits, and ``budgetcli import`` reads them
    back from the format. Every other value is written plain."""
    if isinstance(value, Decimal):
        _, digits, exponent = value.as_tuple()
        if isinstance(exponent, int) and exponent < 0 and digits[-1] == 0:
            fmt = "0." + "0" * -exponent
            return page.cell(value, page.styles(f"budgetcli number {fmt}", number_format=fmt))
    return value


def _about_sheet(book: Workbook, styles: _Styles, dataset: Dataset, tr: Tr) -> None:
    from openpyxl.styles import Alignment, Font

    page = _Sheet(book, tr(Msg.about_sheet), styles)
    widths = [16, WIDEST]
    page.widths(widths)
    bold = styles("budgetcli header")
    wrap = styles("budgetcli wrap", alignment=Alignment(vertical="top", wrap_text=True))
    title = styles("budgetcli title", font=Font(bold=True, size=13))
    page.spanned(dataset.title, title, len(widths), sum(widths))
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
        lines = lines_needed(value, widths[1]) if isinstance(value, str) else 1
        page.append([page.cell(name, bold), page.cell(value, wrap)], lines=lines)
    page.append([])
    for key in (Msg.about_sheet_activities, Msg.about_sheet_notes, Msg.about_sheet_departments):
        page.spanned(tr(key, unit=dataset.unit), wrap, len(widths), sum(widths))
    page.printed(widths, header=None, last=page.rows)

"""The only module that knows rich, tabulate, csv, json and openpyxl; each imported when used.

Every renderer returns the whole output at once (text, or bytes for xlsx), so a failure can
never leave a half-printed table on stdout or a half-written file.
"""

from __future__ import annotations

import io
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcli.messages import Tr, number
from budgetcli.model import TextCell
from budgetcli.report import Marked, Pct, Report, Term, Value

if TYPE_CHECKING:
    from rich.console import Console

NO_AMOUNT = "–"
BAR_WIDTH = 40


class Format(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"
    xlsx = "xlsx"
    svg = "svg"


FILE_ONLY = (Format.xlsx, Format.svg)
EXTENSIONS = {
    ".csv": Format.csv,
    ".tsv": Format.tsv,
    ".json": Format.json,
    ".md": Format.markdown,
    ".markdown": Format.markdown,
    ".xlsx": Format.xlsx,
    ".svg": Format.svg,
    ".txt": Format.table,
}


def format_for(path: Path) -> Format | None:
    """The format a file's extension asks for, as hledger's -o does."""
    return EXTENSIONS.get(path.suffix.lower())


def human(value: Value, *, numeric: bool = True, lang: str = "en") -> str:
    """A cell for people: markers kept; an empty amount shown as a dash, empty text as ''."""
    if value is None:
        return NO_AMOUNT if numeric else ""
    if isinstance(value, Decimal):
        return number(value, lang)
    if isinstance(value, Marked):
        return f"{human(value.value, lang=lang)}{value.marker}"
    if isinstance(value, Pct):
        return f"{human(value.value, lang=lang)}%"
    if isinstance(value, TextCell):
        return value.text
    if isinstance(value, Term):
        return Tr(lang)(value.key)
    return str(value)


def machine(value: Value, *, decimal_comma: bool = False) -> str:
    """A cell for programs: bare numbers, no thousands separators, empty for no amount."""
    if value is None:
        return ""
    if isinstance(value, Marked | Pct):
        return machine(value.value, decimal_comma=decimal_comma)
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, TextCell):
        return value.text
    if isinstance(value, Term):
        return value.machine
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def render(
    report: Report,
    fmt: Format,
    *,
    header: bool = True,
    terminal: bool = False,
    lang: str = "en",
) -> str | bytes:
    if fmt is Format.json:
        from budgetcli.jsonout import dumps

        return dumps(report.payload) + "\n"
    if fmt is Format.csv:
        if lang == "da":
            # The dialect Danish Excel opens directly: BOM, semicolons, decimal comma.
            return "\ufeff" + _delimited(report, ";", header=header, decimal_comma=True)
        return _delimited(report, ",", header=header)
    if fmt is Format.tsv:
        return _delimited(report, "\t", header=header)
    if fmt is Format.markdown:
        return _markdown(report, header=header, lang=lang)
    if fmt is Format.xlsx:
        return _xlsx(report, header=header)
    if fmt is Format.svg:
        return _rich(report, terminal=False, lang=lang, svg=True)
    return _rich(report, terminal=terminal, lang=lang)


def _delimited(report: Report, delimiter: str, *, header: bool, decimal_comma: bool = False) -> str:
    import csv

    buffer = io.StringIO()
    tsv = delimiter == "\t"
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator="\n",
        # TSV has no quoting (machine() folds tabs and line breaks inside a field to spaces).
        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL,
        quotechar=None if tsv else '"',
    )
    unit = [report.unit] if report.unit else []
    if header:
        writer.writerow([c.key for c in report.columns] + (["unit"] if unit else []))
    for row in report.rows:
        writer.writerow([machine(v, decimal_comma=decimal_comma) for v in row] + unit)
    return buffer.getvalue()


def _markdown(report: Report, *, header: bool, lang: str) -> str:
    from tabulate import tabulate

    numeric = [c.numeric for c in report.columns]
    rows = [
        [_markdown_cell(human(v, numeric=n, lang=lang)) for v, n in zip(row, numeric, strict=True)]
        for row in report.rows
    ]
    align = ["right" if n else "left" for n in numeric]
    headers = [c.label for c in report.columns] if header else ()
    table = tabulate(rows, headers=headers, tablefmt="pipe", colalign=align, disable_numparse=True)
    parts = [f"**{report.title}**", "", table] if header else [table]
    if report.footnotes:
        parts += ["", *(f"- {note.strip()}" for note in report.footnotes)]
    return "\n".join(parts) + "\n"


def _markdown_cell(text: str) -> str:
    # A line break or a pipe inside a cell would start a new row or column.
    return " ".join(text.split()).replace("|", "\\|")


def _xlsx(report: Report, *, header: bool) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "report"
    if header:
        sheet.append([c.key for c in report.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for row in report.rows:
        # Amounts stay numbers (openpyxl writes a Decimal's exact digits); text stays text.
        sheet.append([_spreadsheet_value(v) for v in row])
    if report.footnotes:
        sheet.append([])
        for note in report.footnotes:
            sheet.append([note.strip()])
    _fit_columns(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _spreadsheet_value(value: Value) -> str | int | Decimal | None:
    if isinstance(value, Marked | Pct):
        return value.value
    if isinstance(value, TextCell):
        return value.text
    if isinstance(value, Term):
        return value.machine
    return value


def _fit_columns(sheet: object) -> None:
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    assert isinstance(sheet, Worksheet)
    for index, column in enumerate(sheet.iter_cols(max_row=min(sheet.max_row, 200)), start=1):
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=4)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 6), 60)


# --- rich: tables, records and charts ----------------------------------------------------


def _rich(report: Report, *, terminal: bool, lang: str, svg: bool = False) -> str:
    from rich.console import Console
    from rich.text import Text

    if svg:
        console = Console(record=True, width=160, file=io.StringIO(), color_system="truecolor")
    else:
        # On a terminal rich fits the table to the window; anywhere else a row is never
        # cut or wrapped, whatever COLUMNS says.
        console = Console(width=None if terminal else 100_000, soft_wrap=not terminal)
    body = _chart(report, lang, plain=not (terminal or svg)) if report.kind == "chart" else None

    def draw(target: Console) -> None:
        target.print(body if body is not None else _table(report, lang))
        for note in report.footnotes:
            target.print(Text(note, style="dim"))

    if svg:
        draw(console)
        return console.export_svg(title=report.title)
    with console.capture() as capture:
        draw(console)
    return "\n".join(line.rstrip() for line in capture.get().split("\n"))


def _table(report: Report, lang: str) -> object:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    record = report.kind == "record"
    table = Table(
        title=report.title,
        box=None if record else box.SIMPLE_HEAD,
        show_header=not record,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for column in report.columns:
        # Amounts are read and ids typed back in: in a narrow terminal the prose columns
        # wrap (and fold) around them, never the figures.
        table.add_column(
            column.label,
            justify="right" if column.numeric else "left",
            no_wrap=column.numeric or column.key == "id",
            overflow="fold",
        )
    numeric = [c.numeric for c in report.columns]
    for row in report.rows:
        cells = []
        for value, is_number in zip(row, numeric, strict=True):
            style = (
                "italic" if isinstance(value, TextCell | Term) else ("dim" if value is None else "")
            )
            cells.append(Text(human(value, numeric=is_number, lang=lang), style=style))
        table.add_row(*cells)
    return table


def _chart(report: Report, lang: str, *, plain: bool) -> object:
    """Horizontal bars labelled with the exact amounts; text where no number exists."""
    from rich.table import Table
    from rich.text import Text

    amounts = [_bar_amount(row[2]) for row in report.rows]
    largest = max((a for a in amounts if a is not None), default=Decimal(0))
    grid = Table.grid(padding=(0, 1))
    grid.title = report.title
    grid.title_justify = "left"
    grid.add_column(justify="left")
    grid.add_column(justify="left")
    grid.add_column(justify="right")
    symbol = "#" if plain else "█"
    for row, amount in zip(report.rows, amounts, strict=True):
        label = str(row[1])
        value = row[2]
        if amount is None:
            grid.add_row(label, Text(human(value, lang=lang), style="italic"), "")
            continue
        length = int(amount * BAR_WIDTH / largest + Decimal("0.5")) if largest > 0 else 0
        bar = Text(symbol * length, style="cyan" if not plain else "")
        grid.add_row(label, bar, human(value, lang=lang))
    return grid


def _bar_amount(value: Value) -> Decimal | None:
    if isinstance(value, Marked):
        return value.value
    return value if isinstance(value, Decimal) else None

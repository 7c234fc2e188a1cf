"""The only module that knows rich, tabulate, csv and json; each imported only when used.

Every renderer returns the whole output as one string, so a failure can never leave a
half-printed table on stdout.
"""

from __future__ import annotations

import io
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from budgetcli.model import TextCell
from budgetcli.report import Marked, Pct, Report, Value

if TYPE_CHECKING:
    from rich.text import Text

NO_AMOUNT = "–"


class Format(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    markdown = "markdown"


def human(value: Value, *, numeric: bool = True) -> str:
    """A cell for people: markers kept; an empty amount shown as a dash, empty text as ''."""
    if value is None:
        return NO_AMOUNT if numeric else ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, Marked):
        return f"{human(value.value)}{value.marker}"
    if isinstance(value, Pct):
        return f"{human(value.value)}%"
    if isinstance(value, TextCell):
        return value.text
    return str(value)


def machine(value: Value) -> str:
    """A cell for programs: bare numbers with '.' decimals, empty for no amount."""
    if value is None:
        return ""
    if isinstance(value, Marked | Pct):
        return machine(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, TextCell):
        return value.text
    return str(value)


def render(report: Report, fmt: Format, *, header: bool = True, terminal: bool = False) -> str:
    if fmt is Format.json:
        from budgetcli.jsonout import dumps

        return dumps(report.payload) + "\n"
    if fmt in (Format.csv, Format.tsv):
        return _delimited(report, "," if fmt is Format.csv else "\t", header=header)
    if fmt is Format.markdown:
        return _markdown(report, header=header)
    return _rich_table(report, terminal=terminal)


def _delimited(report: Report, delimiter: str, *, header: bool) -> str:
    import csv

    buffer = io.StringIO()
    tsv = delimiter == "\t"
    writer = csv.writer(
        buffer,
        delimiter=delimiter,
        lineterminator="\n",
        # TSV has no quoting: tabs and newlines inside a field become spaces instead.
        quoting=csv.QUOTE_NONE if tsv else csv.QUOTE_MINIMAL,
        escapechar=None,
    )
    unit = [report.unit] if report.unit else []
    if header:
        writer.writerow([c.key for c in report.columns] + (["unit"] if unit else []))
    for row in report.rows:
        cells = [machine(v) for v in row]
        if tsv:
            cells = [" ".join(c.replace("\t", " ").split("\n")) for c in cells]
        writer.writerow(cells + unit)
    return buffer.getvalue()


def _markdown(report: Report, *, header: bool) -> str:
    from tabulate import tabulate

    numeric = [c.numeric for c in report.columns]
    rows = [
        [human(v, numeric=n).replace("|", "\\|") for v, n in zip(row, numeric, strict=True)]
        for row in report.rows
    ]
    align = ["right" if c.numeric else "left" for c in report.columns]
    headers = [c.label or c.key for c in report.columns] if header else ()
    table = tabulate(rows, headers=headers, tablefmt="pipe", colalign=align, disable_numparse=True)
    parts = [f"**{report.title}**", "", table] if header else [table]
    if report.footnotes:
        parts += ["", *(f"- {note.strip()}" for note in report.footnotes)]
    return "\n".join(parts) + "\n"


def _rich_table(report: Report, *, terminal: bool) -> str:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    # On a terminal rich fits the table to the window; anywhere else a row is never
    # cut or wrapped, whatever COLUMNS says.
    console = Console(width=None if terminal else 100_000, soft_wrap=not terminal)
    table = Table(
        title=report.title,
        box=None if report.record else box.SIMPLE_HEAD,
        show_header=not report.record,
        title_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for column in report.columns:
        table.add_column(
            column.label,
            justify="right" if column.numeric else "left",
            overflow="fold",
        )
    numeric = [c.numeric for c in report.columns]
    for row in report.rows:
        table.add_row(*(_styled(v, n, Text) for v, n in zip(row, numeric, strict=True)))
    with console.capture() as capture:
        console.print(table)
        for note in report.footnotes:
            console.print(Text(note, style="dim"))
    return "\n".join(line.rstrip() for line in capture.get().split("\n"))


def _styled(value: Value, numeric: bool, text_type: type[Text]) -> Text:
    if isinstance(value, TextCell):
        return text_type(value.text, style="italic")
    if value is None:
        return text_type(NO_AMOUNT if numeric else "", style="dim")
    return text_type(human(value))

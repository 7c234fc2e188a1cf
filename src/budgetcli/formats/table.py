"""The terminal: rich tables, records and bar charts.

On a terminal rich fits the table to the window; anywhere else (a pipe, a file) a row is
never cut or wrapped, whatever COLUMNS says.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from budgetcli.formats import Options
from budgetcli.formats.cells import footnotes, human, label, title
from budgetcli.i18n import Text, Tr
from budgetcli.model import TextCell
from budgetcli.reports import Marked, Report, ReportKind, Value

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

BAR_WIDTH = 40


def write(report: Report, options: Options) -> str:
    from rich.console import Console

    terminal = options.terminal
    console = Console(width=None if terminal else 100_000, soft_wrap=not terminal)
    with console.capture() as capture:
        draw(console, report, Tr(options.lang), plain=not terminal)
    return "\n".join(line.rstrip() for line in capture.get().split("\n"))


def draw(console: Console, report: Report, tr: Tr, *, plain: bool) -> None:
    from rich.text import Text as RichText

    body = _chart(report, tr, plain=plain) if report.kind is ReportKind.chart else None
    console.print(body if body is not None else _table(report, tr))
    for note in footnotes(report, tr):
        console.print(RichText(note, style="dim"))


def _table(report: Report, tr: Tr) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text as RichText

    record = report.kind is ReportKind.record
    table = Table(
        title=title(report, tr),
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
            label(column, tr),
            justify="right" if column.numeric else "left",
            no_wrap=column.numeric or column.key == "id",
            overflow="fold",
        )
    numeric = [c.numeric for c in report.columns]
    for row in report.rows:
        cells = []
        for value, is_number in zip(row, numeric, strict=True):
            style = (
                "italic" if isinstance(value, TextCell | Text) else ("dim" if value is None else "")
            )
            cells.append(RichText(human(value, tr, numeric=is_number), style=style))
        table.add_row(*cells)
    return table


def _chart(report: Report, tr: Tr, *, plain: bool) -> RenderableType:
    """Horizontal bars labelled with the exact amounts; text where no number exists."""
    from rich.table import Table
    from rich.text import Text as RichText

    amounts = [_bar_amount(row[2]) for row in report.rows]
    largest = max((a for a in amounts if a is not None), default=Decimal(0))
    grid = Table.grid(padding=(0, 1))
    grid.title = title(report, tr)
    grid.title_justify = "left"
    grid.add_column(justify="left")
    grid.add_column(justify="left")
    grid.add_column(justify="right")
    symbol = "#" if plain else "█"
    for row, amount in zip(report.rows, amounts, strict=True):
        name = human(row[1], tr, numeric=False)
        value = row[2]
        if amount is None:
            grid.add_row(name, RichText(human(value, tr), style="italic"), "")
            continue
        length = int(amount * BAR_WIDTH / largest + Decimal("0.5")) if largest > 0 else 0
        bar = RichText(symbol * length, style="cyan" if not plain else "")
        grid.add_row(name, bar, human(value, tr))
    return grid


def _bar_amount(value: Value) -> Decimal | None:
    if isinstance(value, Marked):
        return value.value
    return value if isinstance(value, Decimal) else None

"""SVG: a report drawn as a picture (rich's terminal export), for slides and memos."""

from __future__ import annotations

import io

from budgetcli.formats import Options
from budgetcli.formats.cells import title
from budgetcli.formats.table import draw
from budgetcli.i18n import Tr
from budgetcli.reports import Report


def write(report: Report, options: Options) -> str:
    from rich.console import Console

    console = Console(record=True, width=160, file=io.StringIO(), color_system="truecolor")
    draw(console, report, Tr(options.lang), plain=False)
    return console.export_svg(title=title(report, Tr(options.lang)))

"""SVG: a chart drawn for print (formats/svgchart.py); any other report as a picture of
its table (rich's export), for slides and memos."""

from __future__ import annotations

import io
import re

from budgetcli.formats import Options
from budgetcli.formats.cells import reader, title
from budgetcli.formats.table import draw
from budgetcli.reports import Report, ReportKind

# Characters XML 1.0 forbids (C0 controls but tab and line breaks, lone surrogates, U+FFFE
# and U+FFFF) and the C1 controls (allowed, but invisible and refused by XML 1.1 readers):
# a data file may hold any of them, and one would make the whole picture unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def write(report: Report, options: Options) -> str:
    from rich.console import Console

    if report.kind is ReportKind.chart:
        from budgetcli.formats.svgchart import chart_from_report

        return chart_from_report(report, source=report.source, lang=options.lang)

    console = Console(record=True, width=160, file=io.StringIO(), color_system="truecolor")
    # A picture for a document: activities by name, no pointers to commands.
    tr = reader(options, document=True)
    draw(console, report, tr, plain=False, decimals=options.decimals, hints=False)
    return _NOT_XML.sub("", console.export_svg(title=title(report, tr)))

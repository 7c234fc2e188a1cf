"""SVG: a chart drawn for print (formats/svgchart.py); any other report as a picture of
its table (rich's export), for slides and memos."""

from __future__ import annotations

import io

from budgetcli.controls import NOT_IN_SVG
from budgetcli.formats import Options
from budgetcli.formats.cells import reader, title
from budgetcli.formats.table import draw
from budgetcli.reports import Report, ReportKind


def write(report: Report, options: Options) -> str:
    from rich.console import Console

    if report.kind is ReportKind.chart:
        from budgetcli.formats.svgchart import chart_from_report

        dataset = options.dataset
        names = {a.id: a.name for a in dataset.activities} if dataset is not None else None
        return chart_from_report(report, source=report.source, lang=options.lang, names=names)

    console = Console(record=True, width=160, file=io.StringIO(), color_system="truecolor")
    # A picture for a document: activities by name, no pointers to commands.
    tr = reader(options, document=True)
    draw(console, report, tr, plain=False, decimals=options.decimals, hints=False)
    # One character XML cannot hold (from an argument, say) would make the picture unreadable.
    return NOT_IN_SVG.sub("", console.export_svg(title=title(report, tr)))

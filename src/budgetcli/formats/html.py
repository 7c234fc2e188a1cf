"""HTML: any command's answer as one self-contained page (``-o FILE.html``).

The page carries its title (what was asked), an accessible table (caption, ``th scope``),
the footnotes and the source; a chart report also gets its chart as inline SVG. Nothing is
fetched; every piece of data is escaped. The full report with every section is
``budgetcli report`` (formats/htmlreport.py).
"""

from __future__ import annotations

from html import escape

from budgetcli import __version__
from budgetcli.formats import Options
from budgetcli.formats.cells import aligned, footnotes, human, label, title
from budgetcli.i18n import Tr
from budgetcli.reports import Report, ReportKind

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;
color:#1a1a1a;max-width:70rem}
h1{font-size:1.3rem}table{border-collapse:collapse;margin:1rem 0}
th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;
white-space:pre}
caption{text-align:left;font-weight:600;padding:.4rem 0}
.notes{font-size:.9rem;color:#444}.source{font-size:.85rem;color:#666}
@media print{body{margin:0}@page{size:A4;margin:15mm}}
"""


def write(report: Report, options: Options) -> str:
    tr = Tr(options.lang)
    heading = title(report, tr)
    chart = ""
    if report.kind is ReportKind.chart:
        from budgetcli.formats.svgchart import chart_from_report

        chart = chart_from_report(report, source=report.source, lang=options.lang)
    notes = "".join(f"<li>{escape(n)}</li>" for n in footnotes(report, tr, hints=False))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{options.lang.value}">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f'<meta name="generator" content="budgetcli {escape(__version__)}">\n'
        f"<title>{escape(heading)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"<h1>{escape(heading)}</h1>\n{chart}{_table(report, tr, heading, options)}"
        + (f'<ul class="notes">{notes}</ul>\n' if notes else "")
        + (f'<p class="source">{escape(report.source)}</p>\n' if report.source else "")
        + "</body>\n</html>\n"
    )


def _table(report: Report, tr: Tr, caption: str, options: Options) -> str:
    columns = report.columns
    shown = [
        aligned([row[i] for row in report.rows], tr) if c.numeric else None
        for i, c in enumerate(columns)
    ]
    head = ""
    if options.header and report.kind is not ReportKind.record:
        header = "".join(
            f'<th scope="col"{" class=num" if c.numeric else ""}>{escape(label(c, tr))}</th>'
            for c in columns
        )
        head = f"<thead><tr>{header}</tr></thead>"
    lines = []
    for r, row in enumerate(report.rows):
        cells = []
        for i, (value, column) in enumerate(zip(row, columns, strict=True)):
            written = shown[i]
            said = written[r] if written is not None else human(value, tr, numeric=False)
            css = ' class="num"' if column.numeric else ""
            if i == 0:
                cells.append(f'<th scope="row"{css}>{escape(said)}</th>')
            else:
                cells.append(f"<td{css}>{escape(said)}</td>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    body = "".join(lines)
    return f"<table><caption>{escape(caption)}</caption>{head}<tbody>{body}</tbody></table>\n"

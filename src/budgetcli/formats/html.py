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
from budgetcli.formats.cells import (
    column_cells,
    column_places,
    footnotes,
    human,
    label,
    people_rows,
    reader,
    title,
)
from budgetcli.i18n import Tr
from budgetcli.reports import Column, Marked, Report, ReportKind, Value

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:2rem;
color:#1a1a1a;max-width:70rem}
h1{font-size:1.3rem}table{border-collapse:collapse;margin:1rem 0}
th,td{padding:.25rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;
white-space:nowrap}.mark{display:inline-block;min-width:1ch;text-align:left}
.notes{font-size:.9rem;color:#444}.source{font-size:.85rem;color:#666}
@media print{body{margin:0}@page{size:A4;margin:15mm}}
"""


def write(report: Report, options: Options) -> str:
    # A document: activities by name, no pointers to commands.
    tr = reader(options, document=True)
    heading = title(report, tr)
    chart = ""
    if report.kind is ReportKind.chart:
        from budgetcli.formats.svgchart import chart_from_report

        chart = chart_from_report(report, source=report.source, lang=options.lang)
    notes = "".join(f"<li>{escape(n)}</li>" for n in footnotes(report, tr, hints=False))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{options.lang.value}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; img-src data:\">\n"
        f'<meta name="generator" content="budgetcli {escape(__version__)}">\n'
        f"<title>{escape(heading)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n"
        # One title: the heading names the table too (aria-labelledby), no second caption.
        f'<h1 id="title">{escape(heading)}</h1>\n{chart}{_table(report, tr, options)}'
        + (f'<ul class="notes">{notes}</ul>\n' if notes else "")
        + (f'<p class="source">{escape(report.source)}</p>\n' if report.source else "")
        + "</main>\n</body>\n</html>\n"
    )


def _figure(value: Value, tr: Tr, places: int, marks: bool) -> str:
    """An amount with its marker in a slot of its own, so that right-aligned the digits
    line up whatever the font (tabular figures) and whichever rows carry a marker."""
    mark = value.marker if isinstance(value, Marked) else ""
    said = human(value.value if isinstance(value, Marked) else value, tr, decimals=places)
    slot = f'<span class="mark">{escape(mark)}</span>' if marks else ""
    return escape(said) + slot


def _table(report: Report, tr: Tr, options: Options) -> str:
    shown = [i for i, c in enumerate(report.columns) if c.human]
    columns = [report.columns[i] for i in shown]
    rows = [[row[i] for i in shown] for row in people_rows(report)]
    seen = report._replace(columns=tuple(columns), rows=tuple(map(tuple, rows)))
    unit = options.dataset.unit if options.dataset is not None else None
    texts = column_cells(seen, tr, options.decimals, unit=unit)
    kept = list(zip(*texts, strict=True)) if texts else []
    # Rows that say nothing in the reader's language were left out (cells.column_cells).
    rows = [row for row in rows if any(human(v, tr, numeric=False).strip() for v in row)]
    assert len(rows) == len(kept)
    places = column_places(seen, options.decimals)  # percentages keep their own
    marks = [
        c.numeric and any(isinstance(row[i], Marked) for row in rows) for i, c in enumerate(columns)
    ]
    head = ""
    if options.header and report.kind is not ReportKind.record:
        header = "".join(
            # A column without a header text gets a plain cell, not an empty header.
            f'<th scope="col"{_num(c)}>{escape(label(c, tr))}</th>' if label(c, tr) else "<td></td>"
            for c in columns
        )
        head = f"<thead><tr>{header}</tr></thead>"
    lines = []
    for row, said in zip(rows, kept, strict=True):
        # The row's header is its first cell with words in it (the total row's is "Total").
        first = next((i for i, c in enumerate(columns) if not c.numeric and said[i].strip()), None)
        cells = []
        for i, (value, column) in enumerate(zip(row, columns, strict=True)):
            numeric = column.numeric
            content = _figure(value, tr, places[i], marks[i]) if numeric else escape(said[i])
            if i == first:
                cells.append(f'<th scope="row"{_num(column)}>{content}</th>')
            else:
                cells.append(f"<td{_num(column)}>{content}</td>")
        lines.append(f"<tr>{''.join(cells)}</tr>")
    body = "".join(lines)
    return f'<table aria-labelledby="title">{head}<tbody>{body}</tbody></table>\n'


def _num(column: Column) -> str:
    return ' class="num"' if column.numeric else ""

"""Markdown: a report as a pipe table, for memos, wikis and issue trackers."""

from __future__ import annotations

from budgetcli.controls import visible
from budgetcli.formats import Options
from budgetcli.formats.cells import column_cells, footnotes, label, reader, title
from budgetcli.reports import Report


def write(report: Report, options: Options) -> str:
    from tabulate import tabulate

    # A document: activities by name, no pointers to commands, one precision per column.
    tr = reader(options, document=True)
    numeric = [c.numeric for c in report.columns]
    unit = options.dataset.unit if options.dataset is not None else None
    columns = column_cells(report, tr, options.decimals, unit=unit)
    rows = [[_cell(c) for c in row] for row in zip(*columns, strict=True)] if columns else []
    align = ["right" if n else "left" for n in numeric]
    headers = [_cell(label(c, tr)) for c in report.columns] if options.header else ()
    table = tabulate(rows, headers=headers, tablefmt="pipe", colalign=align, disable_numparse=True)
    parts = [f"**{_cell(title(report, tr))}**", "", table] if options.header else [table]
    notes = footnotes(report, tr, hints=False)
    if notes:
        parts += ["", *(f"- {_cell(note)}" for note in notes)]
    return "\n".join(parts) + "\n"


# Markdown passes raw HTML through, and renderers show it live: "<script>" or "<img
# onerror=...>" in a name must stay text. Entities, not backslashes, since every renderer
# reads those; "&" too, so that an entity in the data ("&lt;") is shown as written.
_HTML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
# Characters markdown reads as structure, each escaped with a backslash (CommonMark
# shows an escaped punctuation character as itself): a backslash; a pipe or a line break
# would start a new column or row; a star would start emphasis or, at a line's start, a
# list item ("- * 2018: ..." nests a list); a bracket would start a live link or an image
# that loads on sight ("![pix](http://...)", "[x](javascript:...)"). Every link, image and
# reference starts with "[": with the brackets escaped, "(", ")" and "!" are plain text,
# so they stay as written ("(mio. kr.)").
_MARKDOWN = str.maketrans({c: "\\" + c for c in "\\|*[]"})


def _cell(text: str) -> str:
    # Control characters (an escape sequence from a search text or a file name would act
    # on the terminal the markdown is read on) as escapes, the one policy (controls.py).
    return visible(" ".join(text.split())).translate(_HTML).translate(_MARKDOWN)

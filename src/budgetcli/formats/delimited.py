"""csv and tsv of a result's rows for programs, the Danish spreadsheet dialect for people,
and the tidy long-form export of the whole dataset.

csv and tsv are machine formats: the same bytes whatever the language or terminal, number
columns holding numbers (``results.tabular``), data verbatim (a program gets exactly what
the source says, so text is never altered to defend a spreadsheet: use xlsx or csv-da for
people). The one human variant is the format ``csv-da``, asked for by name: the dialect
Danish Excel opens directly (BOM, ``;``, decimal comma, Danish words); being meant for
Excel, it defuses text that Excel would run as a formula (OWASP "CSV injection") with a
leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from budgetcli.files import write_atomic
from budgetcli.formats import Options
from budgetcli.formats.cells import footnotes, label, machine, people_rows, precision
from budgetcli.i18n import Lang, Msg, Text, Tr
from budgetcli.model import TEXT_KEYS, CellKind, Dataset, TextCell
from budgetcli.reports import Marked, Pct, Report, Value
from budgetcli.results import Document
from budgetcli.results.tabular import cell_text, columns_of, flat_rows, select_fields

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv(document: Document, options: Options) -> str:
    columns, rows = _table(document, options)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if options.header:
        writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def write_tsv(document: Document, options: Options) -> str:
    columns, rows = _table(document, options)
    lines = ["\t".join(columns)] if options.header else []
    lines += ["\t".join(tsv_escape(cell) for cell in row) for row in rows]
    return "".join(line + "\n" for line in lines)


def _table(document: Document, options: Options) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of the layout asked for, cut to ``--fields``."""
    layout, summary = options.layout, options.summary
    columns = select_fields(columns_of(document, layout, summary=summary), options.fields)
    flats = flat_rows(document, layout, summary=summary)
    rows = [[cell_text(flat[c]) for c in columns] for flat in flats]
    return columns, rows


def tsv_escape(text: str) -> str:
    """Linear TSV / PostgreSQL text format: backslash, tab and line breaks as escapes."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def write_csv_da(report: Report, options: Options) -> str:
    """The Danish spreadsheet dialect, for people: Danish Excel opens it as it is (BOM,
    ``;``, decimal comma, Danish headers and words, each amount column with one precision
    or ``--decimals``). Outside Danish settings "1,256" reads as 1256: anywhere else, use
    xlsx. No thousands separators: the dot that groups them in Danish is a decimal point
    elsewhere, and Excel groups a number itself.

    The caveats travel with the numbers, in the file: an amount that carries a marker
    (``*`` may be adjusted, ``†`` actual spend differs) keeps it in a column of its own
    right after the amount's ("2019 mærke"), so the amount stays a number Excel adds; and
    the footnotes follow the table as rows of their own after a blank row, as a Danish
    spreadsheet user writes them."""
    tr = Tr(Lang.da, grouping=False)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    unit = [defuse(report.unit)] if report.unit else []  # the unit comes from the data file too
    # The columns people see (a section's key, which repeats its name, is left out).
    shown = [i for i, c in enumerate(report.columns) if c.human]
    rows = [[row[i] for i in shown] for row in people_rows(report)]
    places = [
        precision([row[n] for row in rows], options.decimals) if report.columns[i].numeric else None
        for n, i in enumerate(shown)
    ]
    # The columns with a marker somewhere get a marker column beside them.
    marked = [any(isinstance(row[n], Marked) for row in rows) for n in range(len(shown))]
    width = len(shown) + sum(marked) + len(unit)
    if options.header:
        header: list[str] = []
        for n, i in enumerate(shown):
            name = defuse(label(report.columns[i], tr) or report.columns[i].key)
            header += [name, tr(Msg.col_mark, column=name)] if marked[n] else [name]
        writer.writerow(header + ([tr(Msg.col_unit)] if unit else []))
    for row in rows:
        cells: list[str] = []
        for n, value in enumerate(row):
            cells.append(_danish_cell(value, tr, places[n]))
            if marked[n]:
                cells.append(value.marker if isinstance(value, Marked) else "")
        if any(cells):  # a row that says nothing in Danish (an English remark) is left out
            writer.writerow(cells + unit)
    # A footnote is read by people: it names activities by name (its pointers to other
    # commands, which mean nothing in a spreadsheet, are left out).
    names = None if options.dataset is None else {a.id: a.name for a in options.dataset.activities}
    notes = footnotes(report, Tr(Lang.da, grouping=False, names=names), hints=False)
    if notes:
        # Each row as wide as the table's, as Excel itself writes a blank row (";;;").
        writer.writerow([""] * width)
        for note in notes:
            writer.writerow([defuse(note)] + [""] * (width - 1))
    return "\ufeff" + buffer.getvalue()


def defuse(text: str) -> str:
    """Text Excel would run as a formula, made inert with a leading apostrophe."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _danish_cell(value: Value, tr: Tr, places: int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Marked | Pct):
        value = value.value
    if isinstance(value, Decimal):
        return tr.num(value, places)
    if isinstance(value, int):
        return str(value)
    return defuse(tr.text(value) if isinstance(value, Text) else machine(value))


# --- export: tidy long form, one row per activity and year -------------------------------


CSV_COLUMNS = (
    "activity_id",
    "department",
    "name",
    *TEXT_KEYS,
    "year",
    "kind",
    "amount",
    "words",
    "adjustable",
    "actual",
)


def export_csv(dataset: Dataset, path: Path, options: Options) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for a in dataset.activities:
        for year, cell in a.budget.items():
            actual = (a.actual or {}).get(year)
            writer.writerow(
                [
                    a.id,
                    a.department,
                    a.name,
                    *(getattr(a, field) or "" for field in TEXT_KEYS),
                    year,
                    CellKind.of(cell).value,
                    format(cell, "f") if isinstance(cell, Decimal) else "",
                    cell.text if isinstance(cell, TextCell) else "",
                    "true" if year in a.adjustable else "false",
                    "" if actual is None else format(actual, "f"),
                ]
            )
    write_atomic(path, buffer.getvalue().encode("utf-8"))

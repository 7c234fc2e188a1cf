"""csv and tsv: a report's rows for programs, the Danish spreadsheet dialect, and the tidy
long-form export of the whole dataset.

csv and tsv are machine formats: the same bytes whatever the language, data verbatim (a
program gets exactly what the source says, so text is never altered to defend a
spreadsheet: use xlsx or ``--lang da`` csv for people). The one human variant is
``--lang da --format csv``, the dialect Danish Excel opens directly (BOM, ``;``, decimal
comma, translated words); being meant for Excel, it defuses text that Excel would run as a
formula (OWASP "CSV injection") with a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

from budgetcli.files import write_atomic
from budgetcli.formats import Options
from budgetcli.formats.cells import label, machine, people_rows, precision
from budgetcli.i18n import Lang, Msg, Text, Tr
from budgetcli.model import TEXT_FIELDS, Dataset, TextCell
from budgetcli.reports import Marked, Pct, Report, Value

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_csv(report: Report, options: Options) -> str:
    if options.lang is Lang.da:
        return "\ufeff" + _danish(report, options)
    return _machine(report, options, ",")


def write_tsv(report: Report, options: Options) -> str:
    return _machine(report, options, "\t")


def tsv_escape(text: str) -> str:
    """Linear TSV / PostgreSQL text format: backslash, tab and line breaks as escapes."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


def _machine(report: Report, options: Options, delimiter: str) -> str:
    buffer = io.StringIO()
    unit = [report.unit] if report.unit else []
    if delimiter == "\t":
        lines = []
        if options.header:
            lines.append("\t".join([c.key for c in report.columns] + (["unit"] if unit else [])))
        for row in report.rows:
            lines.append("\t".join([tsv_escape(machine(v)) for v in [*row, *unit]]))
        return "".join(line + "\n" for line in lines)
    writer = csv.writer(buffer, lineterminator="\n")
    if options.header:
        writer.writerow([c.key for c in report.columns] + (["unit"] if unit else []))
    for row in report.rows:
        writer.writerow([machine(v) for v in row] + unit)
    return buffer.getvalue()


def _danish(report: Report, options: Options) -> str:
    """For people in Danish Excel: Danish headers and words, decimal comma, each amount
    column with one precision (or ``--decimals``), markers dropped so Excel can add. No
    thousands separators: the dot that groups them in Danish is a decimal point elsewhere,
    and Excel groups a number itself."""
    tr = Tr(Lang.da, grouping=False)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\n")
    unit = [report.unit] if report.unit else []
    unit = [defuse(u) for u in unit]  # the unit comes from the data file too
    # The columns people see (a section's key, which repeats its name, is left out).
    shown = [i for i, c in enumerate(report.columns) if c.human]
    if options.header:
        headers = [label(report.columns[i], tr) or report.columns[i].key for i in shown]
        writer.writerow([defuse(h) for h in headers] + ([tr(Msg.about_unit)] if unit else []))
    rows = [[row[i] for i in shown] for row in people_rows(report)]
    places = [
        precision([row[n] for row in rows], options.decimals) if report.columns[i].numeric else None
        for n, i in enumerate(shown)
    ]
    for row in rows:
        cells = [_danish_cell(v, tr, p) for v, p in zip(row, places, strict=True)]
        if any(cells):  # a row that says nothing in Danish (an English remark) is left out
            writer.writerow(cells + unit)
    return buffer.getvalue()


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
    *TEXT_FIELDS,
    "year",
    "kind",
    "amount",
    "text",
    "adjustable",
    "actual",
)


def cell_kind(cell: Decimal | TextCell | None) -> str:
    if isinstance(cell, TextCell):
        return "text"
    return "empty" if cell is None else "amount"


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
                    *(getattr(a, field) or "" for field in TEXT_FIELDS),
                    year,
                    cell_kind(cell),
                    format(cell, "f") if isinstance(cell, Decimal) else "",
                    cell.text if isinstance(cell, TextCell) else "",
                    "true" if year in a.adjustable else "false",
                    "" if actual is None else format(actual, "f"),
                ]
            )
    write_atomic(path, buffer.getvalue().encode("utf-8"))

"""Excel workbooks: a report as a sheet, and the whole dataset as three sheets.

Amounts are real numbers (openpyxl writes a Decimal's exact digits); text is always stored
as text, never as a formula, whatever it starts with (OWASP "CSV injection").
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcli.files import write_atomic
from budgetcli.formats import Options
from budgetcli.formats.cells import footnotes, machine
from budgetcli.i18n import Tr
from budgetcli.model import TEXT_FIELDS, Dataset, TextCell
from budgetcli.reports import Marked, Pct, Report, Value

if TYPE_CHECKING:
    from openpyxl.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


def write(report: Report, options: Options) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "report"
    if options.header:
        sheet.append([c.key for c in report.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
    for row in report.rows:
        sheet.append([_value(v) for v in row])
    _fit_columns(sheet)
    notes = footnotes(report, Tr(options.lang))
    if notes:
        sheet.append([])
        for note in notes:
            sheet.append([note])
    return _save(book)


def _value(value: Value) -> str | int | Decimal | None:
    if isinstance(value, Marked | Pct):
        return value.value
    if isinstance(value, Decimal | int) or value is None:
        return value
    return machine(value)


def _no_formulas(book: Workbook) -> None:
    """openpyxl stores any string starting with '=' as a formula: store it as text."""
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def _save(book: Workbook) -> bytes:
    _no_formulas(book)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fit_columns(sheet: Worksheet) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(sheet.iter_cols(max_row=min(sheet.max_row, 200)), start=1):
        longest = max((len(str(c.value)) for c in column if c.value is not None), default=4)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, 6), 60)


# --- export: the whole dataset -----------------------------------------------------------


def activity_sheet_header(dataset: Dataset) -> list[str]:
    years = [str(y) for y in dataset.years]
    return [
        "id",
        "department",
        "appendix",
        "name",
        *TEXT_FIELDS,
        *years,
        *(f"{y} text" for y in years),
        *(f"actual {y}" for y in years),
        "actual_text",
        "adjustable years",
        "printed",
        "notes",
        "remarks",
    ]


def export(dataset: Dataset, path: Path, options: Options) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    activities = book.active
    assert activities is not None
    activities.title = "activities"
    activities.append(activity_sheet_header(dataset))
    for a in dataset.activities:
        cells = [a.budget[y] for y in dataset.years]
        activities.append(
            [
                a.id,
                a.department,
                dataset.department(a.department).appendix,
                a.name,
                *(getattr(a, field) for field in TEXT_FIELDS),
                *(c if isinstance(c, Decimal) else None for c in cells),
                *(c.text if isinstance(c, TextCell) else None for c in cells),
                *((a.actual or {}).get(y) for y in dataset.years),
                a.actual_text,
                ", ".join(str(y) for y in sorted(a.adjustable)) or None,
                a.printed,
                ", ".join(a.notes) or None,
                "\n".join(a.remarks) or None,
            ]
        )
    notes = book.create_sheet("notes")
    notes.append(["id", "department", "kind", "marker", "text", "links"])
    for n in dataset.notes:
        notes.append(
            [n.id, n.department, n.kind.value, n.marker, n.text, "\n".join(n.links) or None]
        )
    departments = book.create_sheet("departments")
    departments.append(["code", "appendix", "name", "name_en", "title", "sections"])
    for d in dataset.departments:
        departments.append(
            [d.code, d.appendix, d.name, d.name_en, d.title, "\n".join(d.sections) or None]
        )
    widths = {"id": 34, "name": 40, "description": 50, "text": 80, "remarks": 60, "title": 60}
    for sheet in (activities, notes, departments):
        sheet.freeze_panes = "A2"
        for index, cell in enumerate(sheet[1], start=1):
            cell.font = Font(bold=True)
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = widths.get(str(cell.value), 14)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(vertical="top")
    write_atomic(path, _save(book))

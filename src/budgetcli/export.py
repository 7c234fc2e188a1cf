"""The whole dataset, every field, to JSON, tidy CSV, Excel or SQLite.

Each writer is lossless for what it holds; tests/test_export.py reads every file back and
compares it with the model. The JSON export has the YAML data file's own shape, so
``budgetcli --data export.json`` reads it back as it is.
"""

from __future__ import annotations

import io
from decimal import Decimal
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcli.model import Activity, Dataset, TextCell

if TYPE_CHECKING:
    import sqlite3


class ExportFormat(StrEnum):
    json = "json"
    csv = "csv"
    xlsx = "xlsx"
    sqlite = "sqlite"


EXPORT_EXTENSIONS = {
    ".json": ExportFormat.json,
    ".csv": ExportFormat.csv,
    ".xlsx": ExportFormat.xlsx,
    ".sqlite": ExportFormat.sqlite,
    ".sqlite3": ExportFormat.sqlite,
    ".db": ExportFormat.sqlite,
}

TEXT_FIELDS = ("section", "description", "target_group", "expected_effect", "funding")


def export(dataset: Dataset, fmt: ExportFormat, path: Path) -> None:
    """Write ``dataset`` to ``path``; the content is made whole before the file is touched."""
    from budgetcli.output import write_output

    writers = {
        ExportFormat.json: lambda: _json(dataset).encode("utf-8"),
        ExportFormat.csv: lambda: _csv(dataset).encode("utf-8"),
        ExportFormat.xlsx: lambda: _xlsx(dataset),
        ExportFormat.sqlite: lambda: _sqlite(dataset),
    }
    write_output(path, writers[fmt]())


# --- JSON: the data file's own shape -----------------------------------------------------


def document(dataset: Dataset) -> dict[str, Any]:
    return {
        "title": dataset.title,
        "source": dataset.source,
        "period": {"first": dataset.first_year, "last": dataset.last_year},
        "unit": dataset.unit,
        "departments": [
            {
                "code": d.code,
                "appendix": d.appendix,
                "name": d.name,
                "name_en": d.name_en,
                "title": d.title,
                "sections": list(d.sections),
            }
            for d in dataset.departments
        ],
        "notes": [
            {
                "id": n.id,
                "department": n.department,
                "kind": n.kind,
                "marker": n.marker,
                "text": n.text,
                "links": list(n.links),
            }
            for n in dataset.notes
        ],
        "activities": [_activity_document(a) for a in dataset.activities],
    }


def _activity_document(a: Activity) -> dict[str, Any]:
    budget: dict[str, Any] = {}
    for year, cell in a.budget.items():
        if isinstance(cell, TextCell):
            budget[str(year)] = {"text": cell.text}
        elif cell is not None:
            budget[str(year)] = cell
    return {
        "id": a.id,
        "department": a.department,
        "name": a.name,
        **{field: getattr(a, field) for field in TEXT_FIELDS},
        "budget": budget,
        "printed": a.printed,
        "actual": {str(y): v for y, v in (a.actual or {}).items()},
        "actual_text": a.actual_text,
        "adjustable": sorted(a.adjustable),
        "notes": list(a.notes),
        "remarks": list(a.remarks),
    }


def _json(dataset: Dataset) -> str:
    from budgetcli.jsonout import dumps

    return dumps(document(dataset)) + "\n"


# --- CSV: tidy long form, one row per activity and year ---------------------------------

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


def _csv(dataset: Dataset) -> str:
    import csv

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
    return buffer.getvalue()


# --- Excel -------------------------------------------------------------------------------


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


def _xlsx(dataset: Dataset) -> bytes:
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
                # Real numbers, written with the decimal's exact digits.
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
        notes.append([n.id, n.department, n.kind, n.marker, n.text, "\n".join(n.links) or None])
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
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


# --- SQLite ------------------------------------------------------------------------------

SCHEMA = """
PRAGMA foreign_keys = ON;
CREATE TABLE departments (
    code TEXT PRIMARY KEY,
    appendix INTEGER NOT NULL,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL,
    title TEXT NOT NULL
);
CREATE TABLE sections (
    department TEXT NOT NULL REFERENCES departments(code),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (department, name)
);
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    department TEXT NOT NULL REFERENCES departments(code),
    kind TEXT NOT NULL CHECK (kind IN ('heading', 'footnote')),
    marker TEXT,
    text TEXT NOT NULL
);
CREATE TABLE note_links (
    note_id TEXT NOT NULL REFERENCES notes(id),
    position INTEGER NOT NULL,
    url TEXT NOT NULL,
    PRIMARY KEY (note_id, position)
);
CREATE TABLE activities (
    id TEXT PRIMARY KEY,
    position INTEGER NOT NULL UNIQUE,
    department TEXT NOT NULL REFERENCES departments(code),
    section TEXT,
    name TEXT NOT NULL,
    description TEXT,
    target_group TEXT,
    expected_effect TEXT,
    funding TEXT,
    printed TEXT,
    actual_text TEXT
);
-- One row per activity and year of the period: kind 'amount' (amount set), 'text' (no
-- number exists; the words in text) or 'empty' (no amount). amount is mio. kr. as REAL for
-- SQL; amount_exact keeps the printed decimal digits; amount_kr is the same amount in whole
-- kroner as an INTEGER, so SUM(amount_kr) is exact (SUM(amount) is a float sum).
CREATE TABLE amounts (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    year INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('amount', 'text', 'empty')),
    amount REAL,
    amount_exact TEXT,
    amount_kr INTEGER,
    text TEXT,
    adjustable INTEGER NOT NULL CHECK (adjustable IN (0, 1)),
    PRIMARY KEY (activity_id, year),
    CHECK ((kind = 'amount') = (amount IS NOT NULL)),
    CHECK ((kind = 'amount') = (amount_kr IS NOT NULL)),
    CHECK ((kind = 'text') = (text IS NOT NULL))
);
CREATE TABLE actuals (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    year INTEGER NOT NULL,
    amount REAL NOT NULL,
    amount_exact TEXT NOT NULL,
    amount_kr INTEGER NOT NULL,
    PRIMARY KEY (activity_id, year)
);
CREATE TABLE activity_notes (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    note_id TEXT NOT NULL REFERENCES notes(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (activity_id, note_id)
);
CREATE TABLE remarks (
    activity_id TEXT NOT NULL REFERENCES activities(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (activity_id, position)
);
CREATE INDEX amounts_year ON amounts(year);
CREATE INDEX activities_department ON activities(department);
CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT NOT NULL);
-- The common questions, answered exactly (budget basis: the amounts as printed). A sum is
-- NULL where nothing had a number, never 0; not_quantified counts the cells that hold words
-- instead of a number, which no sum includes.
CREATE VIEW totals_per_year AS
SELECT
    year,
    SUM(amount_kr) AS total_kr,
    SUM(kind = 'amount') AS amounts,
    SUM(kind = 'text') AS not_quantified,
    SUM(adjustable) > 0 AS includes_adjustable
FROM amounts
GROUP BY year
ORDER BY year;
CREATE VIEW totals_per_department_year AS
SELECT
    activities.department AS department,
    amounts.year AS year,
    SUM(amounts.amount_kr) AS total_kr,
    SUM(amounts.kind = 'amount') AS amounts,
    SUM(amounts.kind = 'text') AS not_quantified,
    group_concat(CASE WHEN amounts.kind = 'text' THEN activities.id END, ',')
        AS not_quantified_ids,
    SUM(amounts.adjustable) > 0 AS includes_adjustable
FROM amounts JOIN activities ON activities.id = amounts.activity_id
GROUP BY activities.department, amounts.year
ORDER BY activities.department, amounts.year;
-- Funding that ends within the period: the last year with a positive amount comes before the
-- period's last year (an explicit 0 is no funding; words are no amount), as `budgetcli
-- expiring` counts it.
CREATE VIEW activities_ending AS
SELECT
    activities.id AS activity_id,
    activities.department AS department,
    activities.section AS section,
    activities.name AS name,
    funded.last_year AS last_year,
    funded.last_amount_kr AS last_amount_kr
FROM activities JOIN (
    SELECT activity_id, MAX(year) AS last_year, amount_kr AS last_amount_kr
    FROM amounts
    WHERE kind = 'amount' AND amount_kr > 0
    GROUP BY activity_id
) AS funded ON funded.activity_id = activities.id
WHERE funded.last_year < (SELECT CAST(value AS INTEGER) FROM metadata WHERE key = 'last_year')
ORDER BY funded.last_year, activities.position;
CREATE VIEW endings_per_year AS
SELECT
    last_year,
    COUNT(*) AS activities,
    SUM(last_amount_kr) AS last_amount_kr
FROM activities_ending
GROUP BY last_year
ORDER BY last_year;
"""


def _sqlite(dataset: Dataset) -> bytes:
    """The database file's bytes: built in a private temporary directory, then read."""
    import sqlite3
    import tempfile

    with tempfile.TemporaryDirectory(prefix="budgetcli-") as directory:
        path = Path(directory) / "export.sqlite"
        connection = sqlite3.connect(path)
        try:
            # A private scratch file read back whole: a crash loses nothing worth a journal.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.executescript(SCHEMA)
            with connection:
                _fill(connection, dataset)
        finally:
            connection.close()
        return path.read_bytes()


def _fill(db: sqlite3.Connection, dataset: Dataset) -> None:
    """Every row, with one executemany per table (issue 15: at the library's floor)."""
    from budgetcli.kroner import NotWholeKronerError, to_kroner

    db.executemany(
        "INSERT INTO metadata VALUES (?, ?)",
        [
            ("title", dataset.title),
            ("source", dataset.source),
            ("unit", dataset.unit),
            ("first_year", str(dataset.first_year)),
            ("last_year", str(dataset.last_year)),
        ],
    )
    db.executemany(
        "INSERT INTO departments VALUES (?, ?, ?, ?, ?)",
        [(d.code, d.appendix, d.name, d.name_en, d.title) for d in dataset.departments],
    )
    db.executemany(
        "INSERT INTO sections VALUES (?, ?, ?)",
        [(d.code, i, s) for d in dataset.departments for i, s in enumerate(d.sections)],
    )
    db.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, ?, ?)",
        [(n.id, n.department, n.kind, n.marker, n.text) for n in dataset.notes],
    )
    db.executemany(
        "INSERT INTO note_links VALUES (?, ?, ?)",
        [(n.id, i, u) for n in dataset.notes for i, u in enumerate(n.links)],
    )
    activities = dataset.activities
    db.executemany(
        "INSERT INTO activities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                a.id,
                position,
                a.department,
                a.section,
                a.name,
                a.description,
                a.target_group,
                a.expected_effect,
                a.funding,
                a.printed,
                a.actual_text,
            )
            for position, a in enumerate(activities)
        ],
    )
    amounts: list[tuple[object, ...]] = []
    actuals: list[tuple[object, ...]] = []
    try:
        for a in activities:
            for year, cell in a.budget.items():
                if isinstance(cell, Decimal):
                    row: tuple[object, ...] = (
                        a.id,
                        year,
                        "amount",
                        float(cell),
                        format(cell, "f"),
                        to_kroner(cell),
                        None,
                        year in a.adjustable,
                    )
                elif cell is None:
                    row = (a.id, year, "empty", None, None, None, None, year in a.adjustable)
                else:
                    row = (a.id, year, "text", None, None, None, cell.text, year in a.adjustable)
                amounts.append(row)
            if a.actual:
                for year, value in a.actual.items():
                    actuals.append((a.id, year, float(value), format(value, "f"), to_kroner(value)))
    except NotWholeKronerError as error:
        raise NotWholeKronerError(f"{a.id}: {error}") from None
    db.executemany("INSERT INTO amounts VALUES (?, ?, ?, ?, ?, ?, ?, ?)", amounts)
    db.executemany("INSERT INTO actuals VALUES (?, ?, ?, ?, ?)", actuals)
    db.executemany(
        "INSERT INTO activity_notes VALUES (?, ?, ?)",
        [(a.id, n, i) for a in activities for i, n in enumerate(a.notes)],
    )
    db.executemany(
        "INSERT INTO remarks VALUES (?, ?, ?)",
        [(a.id, i, r) for a in activities for i, r in enumerate(a.remarks)],
    )

"""SQLite: the whole dataset as related tables, for sqlite3, datasette and DuckDB.

The database is built in a temporary file beside the target and moved onto it whole
(:func:`budgetcli.files.replace_with`), so an interrupted export never leaves a broken
database under the target's name.
"""

from __future__ import annotations

import re
import sqlite3
from decimal import Decimal
from pathlib import Path

from budgetcli.errors import OutputError
from budgetcli.files import replace_with, resolve_target
from budgetcli.formats import Options
from budgetcli.model import RECORD_FIELDS, TEXT_FIELDS, Activity, Dataset

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
-- The common questions, answered exactly (budget basis: the amounts as printed), by the rule
-- every budgetcli total follows: a sum over nothing is 0; a sum whose cells are words and no
-- number is NULL (not quantified), never 0; not_quantified counts the cells that hold words
-- instead of a number, which no sum includes.
CREATE VIEW totals_per_year AS
SELECT
    year,
    CASE WHEN SUM(kind = 'amount') = 0 AND SUM(kind = 'text') > 0 THEN NULL
        ELSE COALESCE(SUM(amount_kr), 0) END AS total_kr,
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
    CASE WHEN SUM(amounts.kind = 'amount') = 0 AND SUM(amounts.kind = 'text') > 0 THEN NULL
        ELSE COALESCE(SUM(amounts.amount_kr), 0) END AS total_kr,
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


def export(dataset: Dataset, path: Path, options: Options) -> None:
    def build(temporary: Path) -> None:
        connection = sqlite3.connect(temporary)
        try:
            # A scratch file until it is moved onto the target whole: no journal needed.
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.executescript(SCHEMA)
            with connection:
                _fill(connection, dataset)
        except sqlite3.Error as error:  # "database or disk is full", ...
            raise OutputError(f"cannot write {path}: {error}") from None
        finally:
            connection.close()

    target = resolve_target(path)  # one clear line for a symlink loop
    if not options.force:
        _check_replaceable(path, target)
    replace_with(path, build)
    # A -wal or -journal left beside the old database would be read as part of the new
    # one (SQLite pairs them by name only): remove them. Inspecting the old database above
    # has already had SQLite fold its own journal back in, so nothing of it is lost.
    for suffix in SIDECARS:
        target.with_name(target.name + suffix).unlink(missing_ok=True)


SIDECARS = ("-wal", "-shm", "-journal")
HEADER = b"SQLite format 3\x00"
OURS = frozenset(re.findall(r"CREATE TABLE (\w+)", SCHEMA))


def _check_replaceable(path: Path, target: Path) -> None:
    """Replace only what budgetcli could have written: nothing, an empty file, or a
    database of budgetcli's tables. A ``.db`` is a common name for other programs' data
    (SQLite or not); replacing one of those takes ``--force``."""

    try:
        with target.open("rb") as handle:
            header = handle.read(len(HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return  # nothing to lose (a directory is refused when writing)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if not header:
        return
    if header != HEADER:
        raise OutputError(
            f"refusing to replace {path}: it exists and is not a SQLite database; "
            "remove it, choose another name, or add --force"
        )
    foreign = sorted(set(_tables(path, target)) - OURS)
    if foreign:
        shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
        raise OutputError(
            f"refusing to replace {path}: it holds tables budgetcli did not create "
            f"({shown}); choose another name, or add --force"
        )


def _tables(path: Path, target: Path) -> list[str]:

    # mode=rw: never create a file; reading lets SQLite recover its own journal or WAL.
    try:
        connection = sqlite3.connect(f"{target.as_uri()}?mode=rw", uri=True)
        try:
            rows = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise OutputError(
            f"refusing to replace {path}: it cannot be read as a SQLite database ({error}); "
            "add --force to replace it anyway"
        ) from None
    return [str(name) for (name,) in rows]


def activity_record(position: int, a: Activity) -> tuple[object, ...]:
    """An activity as the ``activities`` table's row (the Data Package's too)."""
    return (
        a.id,
        position,
        a.department,
        a.section,
        a.name,
        *(getattr(a, field) for field in TEXT_FIELDS[1:]),
        *(getattr(a, field) for field in RECORD_FIELDS),
    )


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
        [activity_record(position, a) for position, a in enumerate(activities)],
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

"""SQLite: the whole dataset as related tables, with a full-text index and views, for
sqlite3 and datasette (the layout: :mod:`budgetcli.formats.tabledocs`).

The database is built in a temporary file beside the target and moved onto it whole
(:func:`budgetcli.files.replace_with`), so an interrupted export never leaves a broken
database under the target's name.
"""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

from budgetcli.errors import OutputError
from budgetcli.files import replace_with, resolve_target
from budgetcli.formats import Options
from budgetcli.formats.tabledocs import SEARCH, TABLES, ddl, fill_search, table_rows
from budgetcli.model import Dataset

# The DDL is derived from the one declaration of the tables (formats/tabledocs.py).
SCHEMA = ddl()


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
# FTS5 keeps the index in shadow tables named after it.
_FTS_SHADOWS = ("data", "idx", "docsize", "config", "content")
OURS = frozenset(
    [t.name for t in TABLES if t.view is None]
    + [SEARCH.name, *(f"{SEARCH.name}_{shadow}" for shadow in _FTS_SHADOWS)]
)


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


def _fill(db: sqlite3.Connection, dataset: Dataset) -> None:
    """Every row, with one executemany per table (issue 15: at the library's floor)."""
    rows = table_rows(dataset)
    for table in TABLES:
        if table.view is not None:
            continue
        values = rows[table.name]
        numbers = [i for i, c in enumerate(table.columns) if c.type == "number"]
        if numbers:  # REAL columns: sqlite3 takes floats, not Decimals
            values = [_floats(row, numbers) for row in values]
        marks = ", ".join("?" * len(table.columns))
        db.executemany(f"INSERT INTO {table.name} VALUES ({marks})", values)
    fill_search(db.execute, dataset)


def _floats(row: tuple[object, ...], numbers: list[int]) -> tuple[object, ...]:
    out = list(row)
    for i in numbers:
        value = out[i]
        if isinstance(value, Decimal):
            out[i] = float(value)
    return tuple(out)

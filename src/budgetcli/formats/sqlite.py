"""SQLite: the whole dataset as related tables, with a full-text index and views, for
sqlite3 and datasette (the layout: :mod:`budgetcli.formats.tabledocs`).

The database is built in a temporary file beside the target and moved onto it whole
(:func:`budgetcli.files.replace_with`), so an interrupted export never leaves a broken
database under the target's name.
"""

from __future__ import annotations

import errno
import re
import sqlite3
import stat
from decimal import Decimal
from pathlib import Path

from budgetcli.errors import OutputError
from budgetcli.files import cannot_write, replace_with, resolve_target
from budgetcli.formats import Options
from budgetcli.formats.tabledocs import SEARCH, TABLES, ddl, fill_search, table_rows
from budgetcli.i18n import Msg, text
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
            raise OutputError(cannot_write(path, error)) from None
        finally:
            connection.close()

    target = resolve_target(path)  # one clear line for a symlink loop
    _check_sidecars(path, target)
    if not options.force:
        _check_replaceable(path, target)
    replace_with(path, build)
    # A -wal or -journal left beside the old database would be read as part of the new
    # one (SQLite pairs them by name only): remove them. Inspecting the old database above
    # has already had SQLite fold its own journal back in, so nothing of it is lost.
    for sidecar in sidecars(target):
        try:
            sidecar.unlink(missing_ok=True)
        except OSError as error:  # checked above; changed since, or not ours to remove
            if error.errno == errno.ENAMETOOLONG:
                continue  # no such file can exist
            reason = error.strerror or error
            raise OutputError(
                text(Msg.sqlite_journal_left, path=path, sidecar=sidecar, reason=reason)
            ) from None


SIDECARS = ("-wal", "-shm", "-journal")


def sidecars(path: Path) -> list[Path]:
    """The files SQLite pairs with the database ``path`` by name: its journal and WAL."""
    return [path.with_name(path.name + suffix) for suffix in SIDECARS]


def refuse_sidecar_input(path: Path, data: Path) -> None:
    """The export removes the database's old journal files: none may be the data file
    being read (``export b.sqlite --data b.sqlite-wal``). Checked before the data is read."""
    from budgetcli.files import same_file

    for sidecar in sidecars(resolve_target(path)):
        if same_file(sidecar, data):
            raise OutputError(text(Msg.sqlite_journal_input, path=path, sidecar=sidecar))


def _check_sidecars(path: Path, target: Path) -> None:
    """Before anything is written: each journal name holds nothing, a file or a link,
    which the export removes; anything else (a directory, a fifo) it cannot remove, and a
    database beside it would not open. Refused, nothing written."""
    for sidecar in sidecars(target):
        try:
            mode = sidecar.lstat().st_mode
        except FileNotFoundError:
            continue
        except OSError as error:
            if error.errno == errno.ENAMETOOLONG:
                continue  # a name too long for the file system: no such file can exist
            reason = f"{sidecar}: {error.strerror}"
            raise OutputError(text(Msg.err_write, path=path, reason=reason)) from None
        if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode)):
            raise OutputError(text(Msg.sqlite_journal_not_file, path=path, sidecar=sidecar))


HEADER = b"SQLite format 3\x00"
# FTS5 keeps the index in shadow tables named after it.
_FTS_SHADOWS = ("data", "idx", "docsize", "config", "content")
# Every table, view, index and trigger the export creates, read from its one DDL.
_CREATED = re.compile(r"CREATE (?:VIRTUAL )?(?:TABLE|VIEW|INDEX|TRIGGER) (\w+)")
OURS = frozenset(
    [*_CREATED.findall(SCHEMA), SEARCH.name, *(f"{SEARCH.name}_{s}" for s in _FTS_SHADOWS)]
)


def _check_replaceable(path: Path, target: Path) -> None:
    """Replace only what budgetcli could have written: nothing, an empty file, or a
    database of budgetcli's tables. A ``.db`` is a common name for other programs' data
    (SQLite or not); replacing one of those takes ``--force``."""

    from budgetcli.files import is_stream

    if is_stream(path) or is_stream(target):  # never opened: a fifo would wait for a writer
        raise OutputError(text(Msg.sqlite_not_a_file, path=path))
    try:
        with target.open("rb") as handle:
            header = handle.read(len(HEADER))
    except (FileNotFoundError, IsADirectoryError):
        return  # nothing to lose (a directory is refused when writing)
    except OSError as error:
        raise OutputError(cannot_write(path, error)) from None
    if not header:
        return
    if header != HEADER:
        raise OutputError(text(Msg.sqlite_not_sqlite, path=path))
    # A view, index or trigger a user added to an export is theirs too (issue 32, item 6).
    foreign = sorted((kind, name) for kind, name in _objects(path, target) if name not in OURS)
    if foreign:
        said = [f"{kind} {name}" for kind, name in foreign]
        shown = ", ".join(said[:3]) + (", ..." if len(said) > 3 else "")
        raise OutputError(text(Msg.sqlite_foreign, path=path, shown=shown))


def _objects(path: Path, target: Path) -> list[tuple[str, str]]:
    """Every table, view, index and trigger in the database, as (type, name); SQLite's
    own (``sqlite_*``: its catalogue, the indexes behind a UNIQUE) left out."""
    # mode=rw: never create a file; reading lets SQLite recover its own journal or WAL.
    try:
        connection = sqlite3.connect(f"{target.as_uri()}?mode=rw", uri=True)
        try:
            rows = connection.execute(
                "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            ).fetchall()
        finally:
            connection.close()
    except sqlite3.Error as error:
        raise OutputError(text(Msg.sqlite_unreadable, path=path, error=error)) from None
    return [(str(kind), str(name)) for kind, name in rows]


def _fill(db: sqlite3.Connection, dataset: Dataset) -> None:
    """Every row, with one executemany per table (issue 15: at the library's floor)."""
    rows = table_rows(dataset)
    for table in TABLES:
        if table.view is not None:
            continue
        values = rows[table.name]
        if any(c.type == "number" for c in table.columns):  # REAL: floats, not Decimals
            values = [tuple(float(v) if isinstance(v, Decimal) else v for v in r) for r in values]
        marks = ", ".join("?" * len(table.columns))
        db.executemany(f"INSERT INTO {table.name} VALUES ({marks})", values)
    fill_search(db.execute, dataset)

"""The SQLite export against the library's floor: one executemany per table, rows ready.

python -m benchmarks.sqlite_floor 20000

The floor replays exactly the rows the export inserts (recorded from ``export._fill``),
already built, with one executemany per table on a connection set up as the export sets
up its own; so the ratio is what building the rows and our calls cost on top of sqlite3.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.generate import synthetic_yaml
from budgetcli.formats import Options
from budgetcli.formats import sqlite as export
from budgetcli.model import Dataset
from budgetcli.source.loader import load


class _Recorder:
    """Stands in for a connection: keeps every executemany's rows, per statement."""

    def __init__(self) -> None:
        self.statements: dict[str, list[Any]] = {}

    def executemany(self, sql: str, rows: Any) -> None:
        self.statements.setdefault(sql, []).extend(rows)

    def execute(self, sql: str, row: Any = ()) -> None:
        self.statements.setdefault(sql, []).append(row)


def recorded_rows(dataset: Dataset) -> dict[str, list[Any]]:
    recorder = _Recorder()
    export._fill(recorder, dataset)  # type: ignore[arg-type]
    return recorder.statements


def floor(statements: dict[str, list[Any]], directory: Path) -> None:
    """The same rows into a new database file, made durable (fsync), as the export must."""
    path = directory / "floor.sqlite"
    path.unlink(missing_ok=True)
    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA journal_mode = OFF")
        connection.execute("PRAGMA synchronous = OFF")
        connection.executescript(export.SCHEMA)
        with connection:
            for sql, rows in statements.items():
                connection.executemany(sql, rows)
    finally:
        connection.close()
    descriptor = os.open(path, os.O_RDONLY)
    os.fsync(descriptor)
    os.close(descriptor)


def _best(function: Any, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "synthetic.yaml"
        path.write_text(synthetic_yaml(count), encoding="utf-8")
        dataset = load(path, use_cache=False)
    statements = recorded_rows(dataset)
    calls = len(statements)
    rows = sum(len(r) for r in statements.values())
    # Interleaved, best of ``rounds`` each: the shared machine's noise hits both alike.
    ours, base = [], []
    with tempfile.TemporaryDirectory(prefix="budgetcli-floor-") as scratch:
        work = Path(scratch)
        target = work / "export.sqlite"
        for _ in range(rounds):
            ours.append(_best(lambda: export.export(dataset, target, Options()), 1))
            base.append(_best(lambda: floor(statements, work), 1))
    print(f"{count} activities, {rows} rows, {calls} executemany calls (one per table)")
    print(f"export: {min(ours):.3f} s; floor: {min(base):.3f} s; ")
    print(f"ratio {min(ours) / min(base):.2f} (target <= 1.2)")


if __name__ == "__main__":
    main()

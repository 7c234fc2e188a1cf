"""The one declaration of the exported tables (formats/tabledocs.py) holds every writer:
the SQLite tables and views, the Data Package's CSV files and schemas, datasette's metadata."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path

import pytest

from budgetcli.formats import Format, Options, dataset_writer
from budgetcli.formats.datapackage import package_tables, write_datapackage
from budgetcli.formats.datasette_meta import datasette_metadata
from budgetcli.formats.tabledocs import SEARCH, SQL_TYPES, TABLES, VIEWS, table_rows
from budgetcli.model import Dataset


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[sqlite3.Connection, Path]:
    from budgetcli.source.loader import bundled_data_path, load

    dataset = load(bundled_data_path(), use_cache=False)
    directory = tmp_path_factory.mktemp("tables")
    dataset_writer(Format.sqlite)(dataset, directory / "data.sqlite", Options())
    write_datapackage(dataset, directory / "pkg")
    return sqlite3.connect(directory / "data.sqlite"), directory / "pkg"


def test_sqlite_has_exactly_the_declared_tables_and_columns(
    exported: tuple[sqlite3.Connection, Path],
) -> None:
    db, _ = exported
    for table in TABLES:
        info = db.execute(f"PRAGMA table_info({table.name})").fetchall()
        assert [r[1] for r in info] == [c.name for c in table.columns], table.name
        if table.view is None:
            assert [r[2] for r in info] == [SQL_TYPES[c.type] for c in table.columns]
            assert [bool(r[3]) for r in info] == [c.required for c in table.columns]
    for view in VIEWS:
        info = db.execute(f"PRAGMA table_info({view.name})").fetchall()
        assert [r[1] for r in info] == list(view.columns), view.name
    kinds = dict(db.execute("SELECT name, type FROM sqlite_master WHERE name NOT LIKE '%fts%'"))
    declared = {t.name: "view" if t.view else "table" for t in TABLES}
    declared |= {v.name: "view" for v in VIEWS}
    assert {k: v for k, v in kinds.items() if v != "index"} == declared
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_the_cells_view_and_cells_csv_hold_the_same_rows(
    exported: tuple[sqlite3.Connection, Path], dataset: Dataset
) -> None:
    db, package = exported
    table = next(t for t in TABLES if t.name == "cells")
    names = ", ".join(c.name for c in table.csv_columns)
    from_sql = db.execute(f"SELECT {names} FROM cells").fetchall()
    text = (package / "cells.csv").read_text(encoding="utf-8")
    from_csv = list(csv.reader(io.StringIO(text)))[1:]

    def plain(value: object) -> str:
        if value is None:
            return ""
        if isinstance(value, float):
            return repr(value)
        return str(value)

    assert len(from_sql) == len(from_csv) == len(dataset.activities) * len(dataset.years)
    for sql_row, csv_row in zip(from_sql, from_csv, strict=True):
        for column, a, b in zip(table.csv_columns, sql_row, csv_row, strict=True):
            if column.type == "number" and b:
                assert a == float(b)
            elif column.type == "boolean":
                assert a == (b == "true")
            else:
                assert plain(a) == b, column.name


def test_the_package_has_exactly_the_declared_resources(
    exported: tuple[sqlite3.Connection, Path],
) -> None:
    _, package = exported
    document = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in document["resources"]}
    assert list(resources) == [t.name for t in package_tables()]
    assert "metadata" not in resources  # said in the descriptor instead
    for table in package_tables():
        fields = resources[table.name]["schema"]["fields"]
        assert [(f["name"], f["type"], f["description"]) for f in fields] == [
            (c.name, c.type, c.description) for c in table.csv_columns
        ]
        header = (package / f"{table.name}.csv").read_text(encoding="utf-8").split("\n")[0]
        assert header == ",".join(c.name for c in table.csv_columns)
        assert resources[table.name]["schema"]["primaryKey"] == list(table.primary_key)


def test_datasette_metadata_is_the_declaration(dataset: Dataset) -> None:
    tables = datasette_metadata(dataset)["databases"]["data"]["tables"]
    for table in TABLES:
        assert tables[table.name]["columns"] == {c.name: c.description for c in table.columns}
    for view in VIEWS:
        assert tables[view.name]["columns"] == view.columns
    assert tables[SEARCH.table]["fts_table"] == SEARCH.name


def test_every_row_has_its_tables_columns(dataset: Dataset) -> None:
    rows = table_rows(dataset, flat=True)
    assert set(rows) == {t.name for t in TABLES}
    for table in TABLES:
        assert rows[table.name], table.name
        assert {len(r) for r in rows[table.name]} == {len(table.columns)}, table.name

"""One vocabulary (issue 29, item 4): a key has one meaning and one type in json, ndjson,
csv, the long layout, the SQLite export, the Data Package and the csv export; a list is one
cell joined by one space, never a flag; every single-valued key of an activity sorts; and
``--fields`` output meets the schema ``budgetcli schema COMMAND --fields`` prints.

Expected words and figures are the source's: Bilag 5 (SUF) prints words, not a number, for
forebyggende-hjemmebesøg, Center for Diabetes and the diversity nursing home in 2021; the
IGU trainee's 2018 actual spend (117.590 kr.) is the only actual the source reports.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from budgetcli import api
from budgetcli.errors import DatasetError
from budgetcli.formats.datapackage import read_datapackage
from budgetcli.results.schema import schema_for
from tests.conftest import run

KINDS = {"amount", "words", "empty"}
SUF_WORDS_2021 = "forebyggende-hjemmebesoeg center-for-diabetes mangfoldighedsplejehjem"


def _out(*args: str) -> str:
    result = run(*args, "-q")
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _csv(*args: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(_out(*args, "--format", "csv"))))


def _ndjson(*args: str) -> list[dict[str, Any]]:
    lines = _out(*args, "--format", "ndjson").splitlines()
    return [json.loads(line, parse_float=Decimal) for line in lines]


def _json(*args: str) -> Any:
    return json.loads(_out(*args, "--format", "json"), parse_float=Decimal)


def _exported(tmp_path: Path, name: str, *args: str) -> Path:
    path = tmp_path / name
    result = run("export", str(path), *args, "-q")
    assert result.exit_code == 0, result.stderr
    return path


def _csv_file(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_every_export_says_the_same_words(tmp_path: Path) -> None:
    """The kinds of a cell, the column of its words, the last funded year and the ids a sum
    left out: collected from every export, the same words (and the same values) in each."""
    listed = _json("list")
    long_csv = _csv("list", "--layout", "long")
    long_ndjson = _ndjson("list", "--layout", "long")
    exported_csv = _csv_file(_exported(tmp_path, "cells.csv"))
    package = _exported(tmp_path, "package", "--format", "datapackage")
    descriptor = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in descriptor["resources"]}
    db = sqlite3.connect(_exported(tmp_path, "budget.sqlite"))
    try:

        def sql_columns(table: str) -> list[str]:
            return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]

        def sql_kinds(table: str) -> set[str]:
            return {kind for (kind,) in db.execute(f"SELECT DISTINCT kind FROM {table}")}

        kinds = {
            "json": {cell["kind"] for row in listed["rows"] for cell in row["budget"]},
            "csv --layout long": {row["kind"] for row in long_csv},
            "ndjson --layout long": {row["kind"] for row in long_ndjson},
            "export .csv": {row["kind"] for row in exported_csv},
            "sqlite amounts": sql_kinds("amounts"),
            "sqlite cells": sql_kinds("cells"),
            "datapackage amounts.csv": {r["kind"] for r in _csv_file(package / "amounts.csv")},
            "datapackage cells.csv": {r["kind"] for r in _csv_file(package / "cells.csv")},
            **{
                f"datapackage {name} enum": set(
                    next(f for f in resources[name]["schema"]["fields"] if f["name"] == "kind")[
                        "constraints"
                    ]["enum"]
                )
                for name in ("amounts", "cells")
            },
        }
        assert kinds == dict.fromkeys(kinds, KINDS)

        # Where a cell's words are: a column (key) named words, and none named text.
        cell_columns = {
            "json": list(listed["rows"][0]["budget"][0]),
            "csv --layout long": list(long_csv[0]),
            "ndjson --layout long": list(long_ndjson[0]),
            "export .csv": list(exported_csv[0]),
            "sqlite amounts": sql_columns("amounts"),
            "sqlite cells": sql_columns("cells"),
            **{
                f"datapackage {name}": [f["name"] for f in resources[name]["schema"]["fields"]]
                for name in ("amounts", "cells")
            },
        }
        for where, columns in cell_columns.items():
            assert "words" in columns and "text" not in columns, where
        words = {
            "json": [c["words"] for r in listed["rows"] for c in r["budget"] if c["words"]],
            "csv --layout long": [r["words"] for r in long_csv if r["words"]],
            "export .csv": [r["words"] for r in exported_csv if r["words"]],
            "sqlite cells": [
                w for (w,) in db.execute("SELECT words FROM cells WHERE words IS NOT NULL")
            ],
        }
        assert len(words["json"]) == 15  # three SUF rows in words, five years each
        assert words == dict.fromkeys(words, words["json"])

        # The year an activity's funding last comes: last_funded_year everywhere.
        ending = {
            "json": listed["rows"][0],
            "csv": _csv("list")[0],
            "expiring csv": _csv("expiring")[0],
            "sqlite activities_ending": sql_columns("activities_ending"),
            "sqlite endings_per_year": sql_columns("endings_per_year"),
        }
        for where, columns in ending.items():
            assert "last_funded_year" in columns and "last_year" not in columns, where

        # The ids a sum left out: one list, joined by one space where a cell holds it.
        suf = next(
            r
            for r in _json("total", "--year", "2021", "--by", "department")["rows"]
            if r["key"] == "SUF"
        )
        (sql_ids,) = db.execute(
            "SELECT not_quantified FROM totals_per_department_year"
            " WHERE department = 'SUF' AND year = 2021"
        ).fetchone()
        long_suf = next(
            r
            for r in _csv("total", "--year", "2021", "--by", "department", "--layout", "long")
            if r["key"] == "SUF"
        )
        assert " ".join(suf["years"][0]["not_quantified"]) == SUF_WORDS_2021
        assert long_suf["not_quantified"] == SUF_WORDS_2021
        assert sql_ids == SUF_WORDS_2021
    finally:
        db.close()


@pytest.mark.parametrize(
    "args",
    [
        ("total", "--year", "2018", "-d", "ØKF", "--basis", "actual"),
        ("total", "--by", "department"),
        ("compare", "2019", "2022", "--by", "department"),
    ],
    ids=" ".join,
)
def test_a_sums_lists_are_one_cell_joined_by_a_space_never_a_flag(args: tuple[str, ...]) -> None:
    document = _json(*args)
    records = [*document["rows"], document["total"]]
    expected = [
        {key: " ".join(year[key]) for key in ("not_quantified", "adjustable", "actual_used")}
        for record in records
        for year in record["years"]
    ]
    for rows in (_csv(*args, "--layout", "long"), _ndjson(*args, "--layout", "long")):
        lists = [{key: row[key] for key in expected[0]} for row in rows]
        assert lists == expected
        assert not {"true", "false", True, False} & {v for row in lists for v in row.values()}


def test_the_actual_spend_used_is_named_in_the_long_layout() -> None:
    # ØKF 2018 on actual spend: the IGU trainee's reported 117.590 kr. replaces its budget.
    (row,) = _ndjson(
        "total", "--year", "2018", "-d", "ØKF", "--basis", "actual", "--layout", "long"
    )
    assert row["actual_used"] == "igu-elev"
    assert row["adjustable"] == "" and row["not_quantified"] == ""


def test_list_sorts_by_last_funded_year() -> None:
    rows = _csv("list", "--sort", "last_funded_year", "--fields", "id,last_funded_year")
    years = [int(r["last_funded_year"]) for r in rows if r["last_funded_year"]]
    assert years == sorted(years) and len(rows) == 67
    assert rows[-1]["last_funded_year"] == "" or years[-1] == 2022  # none funded last
    # Foreningen Fisken: two amounts, then nothing (Bilag 1): its funding ends in 2020.
    assert {"id": "foreningen-fisken", "last_funded_year": "2020"} in rows
    down = _csv("list", "--sort", "-last_funded_year", "--fields", "id,last_funded_year")
    assert [int(r["last_funded_year"]) for r in down if r["last_funded_year"]] == sorted(
        years, reverse=True
    )
    result = api.list_activities(sort="last_funded_year")
    assert [a.id for a in result.rows] == [r["id"] for r in rows]


def test_every_key_of_an_activity_with_one_value_is_a_sort_key() -> None:
    record = _json("list")["rows"][0]
    single = [key for key, value in record.items() if not isinstance(value, list | dict)]
    assert "last_funded_year" in single and "appendix" in single
    for key in single:
        result = run("list", "--sort", f"-{key}", "--format", "csv", "--fields", "id", "-q")
        assert result.exit_code == 0, (key, result.stderr)
    refused = run("list", "--sort", "budget")  # a list of cells: no one value to sort by
    assert refused.exit_code == 2 and "last_funded_year" in refused.stderr


FIELDS_CASES = [
    ("list", "id,total"),
    ("list", "last_funded_year,id,budget"),
    ("expiring", "id,last_funded_year"),
    ("show", "igu", "budget,id"),
    ("total", "--by", "department", "key,total,years"),
    ("total", "--year", "2019", "--by", "department,section", "groups,key"),
    ("compare", "2019", "2022", "--by", "department", "key,change,status"),
    ("notes", "-d", "SOF", "id,text,links"),
]


@pytest.mark.parametrize("case", FIELDS_CASES, ids=" ".join)
def test_fields_output_meets_the_schema_of_its_fields(case: tuple[str, ...]) -> None:
    *args, fields = case
    chosen = fields.split(",")
    document = json.loads(_out(*args, "--format", "json", "--fields", fields))
    schema = schema_for(args[0], chosen)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)
    for row in [*document["rows"], *([document["total"]] if "total" in document else [])]:
        assert list(row) == chosen
    # The whole document's schema requires every key of a row: a projection is not one.
    assert not jsonschema.Draft202012Validator(schema_for(args[0])).is_valid(document)
    # A row missing a chosen key fails the projection's schema.
    document["rows"][0].pop(chosen[0])
    assert not jsonschema.Draft202012Validator(schema).is_valid(document)


def test_schema_command_prints_the_schema_of_fields() -> None:
    shown = run("schema", "list", "--fields", "id,total")
    assert shown.exit_code == 0, shown.stderr
    printed = json.loads(shown.stdout)
    assert printed == schema_for("list", ["id", "total"])
    assert printed["title"] == "budgetcli list --format json --fields id,total"
    refused = run("schema", "list", "--fields", "id,nope")
    assert refused.exit_code == 2 and "nope" in refused.stderr and refused.stdout == ""


def test_a_package_that_said_text_is_refused_in_one_line_and_may_be_replaced(
    tmp_path: Path,
) -> None:
    package = _exported(tmp_path, "package", "--format", "datapackage")
    descriptor = package / "datapackage.json"
    meta = json.loads(descriptor.read_text(encoding="utf-8"))
    meta["budgetcli"]["profile"] = "budgetcli-datapackage-1"  # kind 'text', column text
    descriptor.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(DatasetError, match=r"older budgetcli.*export it again"):
        read_datapackage(package)
    # It is still budgetcli's own: exporting over it replaces it without --force.
    _exported(tmp_path, "package", "--format", "datapackage")
    assert read_datapackage(package).activities

"""The whole dataset as a Frictionless Data Package: datapackage.json and one CSV per table.

Lossless: :func:`read_datapackage` rebuilds the same Dataset (through the loader's own
checks), so a package is as good as the YAML file. The tables are the SQLite export's, from
the one declaration in :mod:`budgetcli.formats.tabledocs`; the CSV ``amount`` is the exact
decimal as printed and ``amount_kr`` the same amount in whole kroner, so any tool can sum
exactly. A ``kind`` column tells a cell of words (no number; the words in ``words``) from an
empty one, since both leave ``amount`` empty: the CLI's words, ``amount``/``words``/``empty``.

The package is also a Fiscal Data Package (v0.3): :func:`fiscal_model` maps the flat
``cells.csv`` (derived from the tables; the reader checks it still agrees) onto measures
and dimensions, for budget portals that take one fact table.

One limit of CSV: an empty text field and a missing one look the same and read back as
missing (the bundled data has no empty texts).
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import tempfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from budgetcli.errors import DatasetError, Problem
from budgetcli.files import cannot_write
from budgetcli.formats import Options
from budgetcli.formats.tabledocs import (
    KINDS,
    MIO,
    NO_LICENSE,
    TABLES,
    ColumnSpec,
    Table,
    table_rows,
)
from budgetcli.i18n import Msg, Text, text
from budgetcli.model import Dataset
from budgetcli.results.tabular import cell_text

DESCRIPTOR = "datapackage.json"
PROFILE = "budgetcli-datapackage-2"
"""2: a cell of words is kind ``words``, its words in column ``words`` (1 said ``text``)."""
_OLDER_PROFILES = ("budgetcli-datapackage-1",)
_TRUE, _FALSE = "true", "false"


def package_tables() -> tuple[Table, ...]:
    """The tables a package holds, in the order it lists them (tabledocs.TABLES)."""
    return tuple(t for t in TABLES if t.in_package)


def _csv(table: Table, rows: list[tuple[Any, ...]]) -> bytes:
    kept = [i for i, c in enumerate(table.columns) if c.in_csv]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(c.name for c in table.csv_columns)
    # As the CLI's csv writes a value (a Dataset holds no -0: the loader makes it 0).
    writer.writerows([cell_text(row[i]) for i in kept] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _field_descriptor(column: ColumnSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"name": column.name, "type": column.type}
    out["description"] = column.description
    if column.type == "boolean":
        out["trueValues"], out["falseValues"] = [_TRUE], [_FALSE]
    if column.unit is not None:
        # Table Schema has no unit property; a custom one, stated in the description too.
        out["unit"] = column.unit
    if column.column_type is not None:
        out["columnType"] = column.column_type  # the Fiscal Data Package's fiscal concept
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.unique:
        constraints["unique"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if column.type in ("number", "integer") and column.unit:
        constraints["minimum"] = 0
    if constraints:
        out["constraints"] = constraints
    return out


def _resource(table: Table) -> dict[str, Any]:
    schema: dict[str, Any] = {
        "fields": [_field_descriptor(c) for c in table.csv_columns],
        "primaryKey": list(table.primary_key),
        "missingValues": [""],
    }
    foreign = [
        {
            "fields": [c.name],
            "reference": {"resource": c.references[0], "fields": [c.references[1]]},
        }
        for c in table.columns
        if c.references
    ]
    if foreign:
        schema["foreignKeys"] = foreign
    return {
        "name": table.name,
        "path": f"{table.name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "schema": schema,
    }


FACTS = "cells"
"""The package's fact table for fiscal tools: one flat row per activity and year."""


def fiscal_model(dataset: Dataset) -> dict[str, Any]:
    """The Fiscal Data Package (v0.3) ``model``: what the amounts measure and by what.

    Both measures are whole kroner (factor 1) of the flat ``cells`` resource: the budget as
    the source prints it (phase approved: the budget as decided) and actual spend where the
    source reports it (phase executed)."""

    def measure(source: str, phase: str, title: str) -> dict[str, Any]:
        return {
            "source": source,
            "resource": FACTS,
            "currency": "DKK",
            "factor": 1,
            "direction": "expenditure",
            "phase": phase,
            "title": title,
        }

    def attribute(source: str, **more: str) -> dict[str, Any]:
        return {"source": source, "resource": FACTS, **more}

    return {
        "measures": {
            "budget": measure("amount_kr", "approved", "Budget, kroner"),
            "actual": measure("actual_kr", "executed", "Actual spend, kroner (where reported)"),
        },
        "dimensions": {
            "administration": {
                "dimensionType": "classification",
                "classificationType": "administrative",
                "attributes": {
                    "code": attribute("department"),
                    "section": attribute("section", parent="code"),
                },
                "primaryKey": ["code"],
            },
            "activity": {
                "dimensionType": "activity",
                "attributes": {
                    "id": attribute("activity_id"),
                    "title": attribute("name", labelfor="id"),
                },
                "primaryKey": ["id"],
            },
            "year": {
                "dimensionType": "datetime",
                "attributes": {"year": attribute("year")},
                "primaryKey": ["year"],
            },
            "kind": {
                "dimensionType": "other",
                "description": "What the cell holds: amount, words (no number exists: "
                "never count it as 0) or empty (no amount).",
                "attributes": {"kind": attribute("kind"), "words": attribute("words")},
                "primaryKey": ["kind"],
            },
        },
    }


def descriptor(dataset: Dataset) -> dict[str, Any]:
    """The datapackage.json content: a Tabular Data Package that is also a Fiscal Data
    Package (its ``model``, ``fiscalPeriod``, ``countryCode``, ``granularity``)."""
    from budgetcli import __version__

    return {
        # The fiscal schema requires this profile (it rejects "fiscal-data-package").
        "profile": "tabular-data-package",
        "name": "copenhagen-integration-activities",
        "title": dataset.title,
        "description": (
            f"Copenhagen Municipality's integration activities {dataset.first_year}-"
            f"{dataset.last_year}, transcribed from the source and exported by budgetcli "
            f"{__version__}. Amounts: amount in {MIO} exactly as printed; amount_kr the same "
            "in whole kroner (sum this one for exact totals). kind tells an amount from words "
            "(kind words: no number exists, never count it as 0) and from an empty cell. "
            "cells.csv "
            "is every cell flat, with its administration and section. " + NO_LICENSE
        ),
        # "notspecified" is the Open Definition's identifier for "no licence stated": the
        # honest entry, since the source gives none (none is invented here).
        "licenses": [{"name": "notspecified", "title": "License not specified. " + NO_LICENSE}],
        # The data file records no web address for its source document, so none is given.
        "sources": [{"title": dataset.source}],
        "countryCode": "DK",
        "granularity": "aggregated",
        # Danish municipalities budget by calendar year.
        "fiscalPeriod": {
            "start": f"{dataset.first_year}-01-01",
            "end": f"{dataset.last_year}-12-31",
        },
        "model": fiscal_model(dataset),
        "budgetcli": {
            "profile": PROFILE,
            "version": __version__,
            "unit": dataset.unit,
            "period": {"first": dataset.first_year, "last": dataset.last_year},
        },
        "resources": [_resource(t) for t in package_tables()],
    }


def export(dataset: Dataset, path: Path, options: Options) -> None:
    """``budgetcli export DIR --format datapackage``."""
    from budgetcli.errors import OutputError
    from budgetcli.files import refuse_foreign, resolve_target

    resolve_target(path)  # one clear line for a symlink loop
    if not options.force and not _written_by_us(path):
        refuse_foreign(path, (DESCRIPTOR, *(f"{t.name}.csv" for t in package_tables())))
    try:
        write_datapackage(dataset, path)
    except OSError as error:
        raise OutputError(cannot_write(path, error)) from None


def _written_by_us(directory: Path) -> bool:
    """Whether ``directory`` holds an earlier export (its descriptor names our profile), so
    its files may be replaced; a folder with no datapackage.json has nothing of ours."""
    from budgetcli.files import is_stream

    if is_stream(directory / DESCRIPTOR):
        return False  # never read: a fifo would wait for a writer
    try:
        meta = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    own = meta.get("budgetcli") if isinstance(meta, dict) else None
    return isinstance(own, dict) and own.get("profile") in (PROFILE, *_OLDER_PROFILES)


def write_datapackage(dataset: Dataset, directory: Path) -> list[Path]:
    """Write DIR/datapackage.json and one CSV per table; return the paths written.

    Everything is made in a temporary directory beside DIR first, so an error leaves no
    partial package: a new DIR appears whole by one rename; into an existing DIR each file
    moves by os.replace, the CSVs first and the descriptor that names them last.
    """
    from budgetcli.files import TEMPORARY

    # May fail (NotWholeKronerError) before anything touches the disk.
    rows = table_rows(dataset, flat=True)
    tables = package_tables()
    files: dict[str, bytes] = {f"{t.name}.csv": _csv(t, rows[t.name]) for t in tables}
    written = json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n"
    files[DESCRIPTOR] = written.encode("utf-8")

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(20, "not a directory", str(directory))
    staging = Path(tempfile.mkdtemp(prefix=TEMPORARY, suffix=".tmp", dir=directory.parent))
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
        if directory.is_dir():
            for name in files:  # the descriptor is last
                (staging / name).replace(directory / name)
            staging.rmdir()
        else:
            staging.chmod(0o777 & ~_umask())
            staging.rename(directory)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [directory / name for name in (DESCRIPTOR, *(f"{t.name}.csv" for t in tables))]


def _umask() -> int:
    # mkdtemp makes a private (0700) directory; a package is meant to be shared like any
    # directory the user makes, so it gets the usual mode.
    mask = os.umask(0)
    os.umask(mask)
    return mask


# --- reading -----------------------------------------------------------------------------

Row = dict[str, str | None]


def read_datapackage(directory: Path) -> Dataset:
    """The Dataset in a package written by :func:`write_datapackage`, checked as the loader
    checks a YAML file; DatasetError lists what is wrong."""
    from budgetcli.source.build import build_dataset
    from budgetcli.source.validate import validate

    directory = Path(directory)
    path = directory / DESCRIPTOR
    plain, problems = validate(_Reader(directory).document())
    if plain is None:
        raise DatasetError(
            [Problem(path, None, ".".join(str(p) for p in where), msg) for where, msg in problems]
        )
    dataset = build_dataset(plain)
    _check_derived(directory, dataset)
    return dataset


def _check_derived(directory: Path, dataset: Dataset) -> None:
    """The flat tables (cells.csv) must be what the tables they are made of say: an edit to
    one alone would give fiscal tools and budgetcli different figures."""
    rows = table_rows(dataset, flat=True)
    for table in package_tables():
        if table.view is None:
            continue
        path = directory / f"{table.name}.csv"
        try:
            written = path.read_text(encoding="utf-8").split("\n")
        except FileNotFoundError:
            continue  # a package from before budgetcli wrote flat tables
        except (OSError, UnicodeDecodeError) as error:
            raise _fail(path, text(Msg.data_cannot_read, reason=error)) from None
        expected = _csv(table, rows[table.name]).decode("utf-8").split("\n")
        if written == expected:
            continue
        pairs = enumerate(zip(written, expected, strict=False), start=1)
        line = next((i for i, (a, b) in pairs if a != b), min(len(written), len(expected)) + 1)
        raise _fail(path, text(Msg.dp_disagrees, tables=", ".join(_sources(table))), line)


def _sources(table: Table) -> list[str]:
    named = set(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", table.view or ""))
    return [t.name for t in TABLES if t.name in named]


def _fail(path: Path, message: Text, line: int | None = None) -> DatasetError:
    return DatasetError([Problem(path, line, "", message)])


def _ordered(pairs: list[tuple[int, str]] | None) -> list[str]:
    return [value for _, value in sorted(pairs or [])]


class _Reader:
    """Reads the CSVs back into the YAML data file's shape, for the loader's own checks."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def fail(self, table: str, line: int, message: Text) -> DatasetError:
        return _fail(self.directory / f"{table}.csv", message, line)

    def number(self, table: str, line: int, value: str | None) -> Decimal | None:
        if value is None:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            raise self.fail(table, line, text(Msg.dp_not_number, value=repr(value))) from None

    def integer(self, table: str, line: int, value: str | None) -> int:
        if value is None or not (value.isascii() and value.isdigit()):
            raise self.fail(table, line, text(Msg.dp_not_whole, value=repr(value)))
        return int(value)

    def table(self, table: Table) -> list[tuple[int, Row]]:
        """(line number, row) pairs, with empty cells as None."""
        path = self.directory / f"{table.name}.csv"
        try:
            content = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise _fail(path, text(Msg.data_cannot_read, reason=error)) from None
        reader = csv.reader(io.StringIO(content, newline=""))
        header = next(reader, [])
        expected = [c.name for c in table.csv_columns]
        if header != expected:
            raise _fail(path, text(Msg.dp_header, header=header, expected=expected), 1)
        rows = []
        for row in reader:
            if len(row) != len(expected):
                wrong = text(Msg.dp_cells, count=len(row), expected=len(expected))
                raise _fail(path, wrong, reader.line_num)
            cells = {k: (v if v != "" else None) for k, v in zip(expected, row, strict=True)}
            rows.append((reader.line_num, cells))
        return rows

    def positioned(self, rows: list[tuple[int, Row]], table: str, key: str, value: str) -> Any:
        """key -> [(position, value)], for lists whose order the CSV keeps in a column."""
        out: dict[str, list[tuple[int, str]]] = {}
        for line, r in rows:
            position = self.integer(table, line, r["position"])
            out.setdefault(str(r[key]), []).append((position, str(r[value])))
        return out

    def check_kroner(self, table: str, line: int, amount: Decimal | None, kr: str | None) -> None:
        """amount and amount_kr must say the same thing: an edit to one alone is caught."""
        from budgetcli.kroner import to_kroner

        if amount is None or kr is None or str(to_kroner(amount)) != kr:
            raise self.fail(table, line, text(Msg.dp_kroner, amount=str(amount), kr=kr))

    def document(self) -> dict[str, Any]:
        path = self.directory / DESCRIPTOR
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise _fail(path, text(Msg.dp_cannot_read_descriptor, reason=error)) from None
        own = meta.get("budgetcli") if isinstance(meta, dict) else None
        if isinstance(own, dict) and own.get("profile") in _OLDER_PROFILES:
            raise _fail(path, text(Msg.dp_older, profile=own["profile"]))
        if not isinstance(own, dict) or own.get("profile") != PROFILE:
            raise _fail(path, text(Msg.dp_not_ours, profile=PROFILE))
        # cells.csv is derived (a flat view for other tools); budgetcli reads the tables.
        tables = {t.name: self.table(t) for t in package_tables() if t.view is None}
        sections = self.positioned(tables["sections"], "sections", "department", "name")
        links = self.positioned(tables["note_links"], "note_links", "note_id", "url")
        period = own.get("period") or {}
        return {
            "title": meta.get("title"),
            "source": next((s.get("title") for s in meta.get("sources", [])), None),
            "period": {"first": period.get("first"), "last": period.get("last")},
            "unit": own.get("unit"),
            "departments": [
                {
                    **{k: v for k, v in r.items() if v is not None},
                    "appendix": self.integer("departments", line, r["appendix"]),
                    "sections": _ordered(sections.get(str(r["code"]))),
                }
                for line, r in tables["departments"]
            ],
            "notes": [
                {
                    **{k: v for k, v in r.items() if v is not None},
                    "links": _ordered(links.get(str(r["id"]))),
                }
                for _, r in tables["notes"]
            ],
            "activities": self.activities(tables),
        }

    def activities(self, tables: dict[str, list[tuple[int, Row]]]) -> list[dict[str, Any]]:
        activities: dict[str | None, dict[str, Any]] = {}
        for _, r in tables["activities"]:
            fields = {k: v for k, v in r.items() if k != "position" and v is not None}
            activities[r["id"]] = {**fields, "budget": {}, "actual": {}, "adjustable": []}

        def owner(table: str, line: int, activity_id: str | None) -> dict[str, Any]:
            if activity_id not in activities:
                raise self.fail(table, line, text(Msg.dp_unknown_activity, id=repr(activity_id)))
            return activities[activity_id]

        for line, r in tables["amounts"]:
            self.amount(owner("amounts", line, r["activity_id"]), line, r)
        for line, r in tables["actuals"]:
            amount = self.number("actuals", line, r["amount"])
            self.check_kroner("actuals", line, amount, r["amount_kr"])
            year = self.integer("actuals", line, r["year"])
            owner("actuals", line, r["activity_id"])["actual"][year] = amount
        for table, key in (("activity_notes", "note_id"), ("remarks", "text")):
            for line, r in tables[table]:
                owner(table, line, r["activity_id"])
            listed = self.positioned(tables[table], table, "activity_id", key)
            for activity_id, activity in activities.items():
                activity["notes" if table == "activity_notes" else table] = _ordered(
                    listed.get(str(activity_id))
                )
        return list(activities.values())

    def amount(self, activity: dict[str, Any], line: int, r: Row) -> None:
        year = self.integer("amounts", line, r["year"])
        amount = self.number("amounts", line, r["amount"])
        kind = r["kind"]
        if kind not in KINDS:
            raise self.fail("amounts", line, text(Msg.dp_unknown_kind, kind=repr(kind)))
        if (kind == "amount") != (amount is not None) or (kind == "words") != (
            r["words"] is not None
        ):
            raise self.fail("amounts", line, text(Msg.dp_kind_disagrees, kind=repr(kind)))
        if r["adjustable"] == _TRUE:
            activity["adjustable"].append(year)
        if kind == "amount":
            self.check_kroner("amounts", line, amount, r["amount_kr"])
            activity["budget"][year] = amount
        elif kind == "words":
            activity["budget"][year] = {"text": r["words"]}

"""The whole dataset as a Frictionless Data Package: datapackage.json and one CSV per table.

Lossless: :func:`read_datapackage` rebuilds the same Dataset (through the loader's own
checks), so a package is as good as the YAML file. The tables mirror the SQLite export's;
the CSV ``amount`` is the exact decimal as printed and ``amount_kr`` the same amount in whole
kroner, so any tool can sum exactly. A ``kind`` column tells a text cell (words, no number)
from an empty one, since both leave ``amount`` empty.

One limit of CSV: an empty text field and a missing one look the same and read back as
missing (the bundled data has no empty texts).
"""

from __future__ import annotations

import os
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NamedTuple

from budgetcli.errors import DatasetError, Problem
from budgetcli.formats import Options
from budgetcli.formats.tabledocs import MIO, NO_LICENSE, TABLES
from budgetcli.model import Dataset, TextCell

DESCRIPTOR = "datapackage.json"
PROFILE = "budgetcli-datapackage-1"
_TRUE, _FALSE = "true", "false"


class Field(NamedTuple):
    name: str
    type: str = "string"
    required: bool = False
    unit: str | None = None
    enum: tuple[str, ...] = ()


class Table(NamedTuple):
    name: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...] = ()


def _key(name: str) -> Field:
    return Field(name, required=True)


_ACTIVITY = (("activity_id",), "activities", ("id",))
_DEPARTMENT = (("department",), "departments", ("code",))

TABLE_SCHEMAS: tuple[Table, ...] = (
    Table(
        "departments",
        (
            _key("code"),
            Field("appendix", "integer", required=True),
            _key("name"),
            _key("name_en"),
            _key("title"),
        ),
        ("code",),
    ),
    Table(
        "sections",
        (_key("department"), Field("position", "integer", required=True), _key("name")),
        ("department", "name"),
        (_DEPARTMENT,),
    ),
    Table(
        "notes",
        (
            _key("id"),
            _key("department"),
            Field("kind", required=True, enum=("heading", "footnote")),
            Field("marker"),
            _key("text"),
        ),
        ("id",),
        (_DEPARTMENT,),
    ),
    Table(
        "note_links",
        (_key("note_id"), Field("position", "integer", required=True), _key("url")),
        ("note_id", "position"),
        ((("note_id",), "notes", ("id",)),),
    ),
    Table(
        "activities",
        (
            _key("id"),
            Field("position", "integer", required=True),
            _key("department"),
            Field("section"),
            _key("name"),
            Field("description"),
            Field("target_group"),
            Field("expected_effect"),
            Field("funding"),
            Field("printed"),
            Field("actual_text"),
        ),
        ("id",),
        (_DEPARTMENT,),
    ),
    Table(
        "amounts",
        (
            _key("activity_id"),
            Field("year", "integer", required=True),
            Field("kind", required=True, enum=("amount", "text", "empty")),
            Field("amount", "number", unit="mio. kr."),
            Field("amount_kr", "integer", unit="kr."),
            Field("text"),
            Field("adjustable", "boolean", required=True),
        ),
        ("activity_id", "year"),
        (_ACTIVITY,),
    ),
    Table(
        "actuals",
        (
            _key("activity_id"),
            Field("year", "integer", required=True),
            Field("amount", "number", required=True, unit="mio. kr."),
            Field("amount_kr", "integer", required=True, unit="kr."),
        ),
        ("activity_id", "year"),
        (_ACTIVITY,),
    ),
    Table(
        "activity_notes",
        (_key("activity_id"), _key("note_id"), Field("position", "integer", required=True)),
        ("activity_id", "note_id"),
        (_ACTIVITY, (("note_id",), "notes", ("id",))),
    ),
    Table(
        "remarks",
        (_key("activity_id"), Field("position", "integer", required=True), _key("text")),
        ("activity_id", "position"),
        (_ACTIVITY,),
    ),
)


# --- writing -----------------------------------------------------------------------------


def _rows(dataset: Dataset) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows as Python values (Decimal amounts, bools, None for missing)."""
    from budgetcli.formats.delimited import cell_kind
    from budgetcli.formats.sqlite import activity_record
    from budgetcli.kroner import NotWholeKronerError, to_kroner

    activities = dataset.activities
    amounts: list[tuple[Any, ...]] = []
    actuals: list[tuple[Any, ...]] = []
    for a in activities:
        try:
            for year, cell in a.budget.items():
                number = cell if isinstance(cell, Decimal) else None
                amounts.append(
                    (
                        a.id,
                        year,
                        cell_kind(cell),
                        number,
                        None if number is None else to_kroner(number),
                        cell.text if isinstance(cell, TextCell) else None,
                        year in a.adjustable,
                    )
                )
            for year, value in (a.actual or {}).items():
                actuals.append((a.id, year, value, to_kroner(value)))
        except NotWholeKronerError as error:
            raise NotWholeKronerError(f"{a.id}: {error}") from None
    return {
        "departments": [
            (d.code, d.appendix, d.name, d.name_en, d.title) for d in dataset.departments
        ],
        "sections": [(d.code, i, s) for d in dataset.departments for i, s in enumerate(d.sections)],
        "notes": [(n.id, n.department, n.kind, n.marker, n.text) for n in dataset.notes],
        "note_links": [(n.id, i, u) for n in dataset.notes for i, u in enumerate(n.links)],
        "activities": [activity_record(position, a) for position, a in enumerate(activities)],
        "amounts": amounts,
        "actuals": actuals,
        "activity_notes": [(a.id, n, i) for a in activities for i, n in enumerate(a.notes)],
        "remarks": [(a.id, i, r) for a in activities for i, r in enumerate(a.remarks)],
    }


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _TRUE if value else _FALSE
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def _csv(table: Table, rows: list[tuple[Any, ...]]) -> bytes:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(f.name for f in table.fields)
    writer.writerows([_text(v) for v in row] for row in rows)
    return buffer.getvalue().encode("utf-8")


def _field_descriptor(table: Table, field: Field) -> dict[str, Any]:
    out: dict[str, Any] = {"name": field.name, "type": field.type}
    out["description"] = TABLES[table.name].columns[field.name]
    if field.type == "boolean":
        out["trueValues"], out["falseValues"] = [_TRUE], [_FALSE]
    if field.unit is not None:
        # Table Schema has no unit property; a custom one, stated in the description too.
        out["unit"] = field.unit
    constraints: dict[str, Any] = {}
    if field.required:
        constraints["required"] = True
    if field.enum:
        constraints["enum"] = list(field.enum)
    if field.type in ("number", "integer") and field.unit:
        constraints["minimum"] = 0
    if constraints:
        out["constraints"] = constraints
    return out


def descriptor(dataset: Dataset) -> dict[str, Any]:
    """The datapackage.json content."""
    from budgetcli import __version__

    resources = []
    for table in TABLE_SCHEMAS:
        schema: dict[str, Any] = {
            "fields": [_field_descriptor(table, f) for f in table.fields],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": list(fields), "reference": {"resource": target, "fields": list(ref)}}
                for fields, target, ref in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name,
                "path": f"{table.name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": TABLES[table.name].description,
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "copenhagen-integration-activities",
        "title": dataset.title,
        "description": (
            f"Copenhagen Municipality's integration activities {dataset.first_year}-"
            f"{dataset.last_year}, transcribed from the source and exported by budgetcli "
            f"{__version__}. Amounts: amount in {MIO} exactly as printed; amount_kr the same "
            "in whole kroner (sum this one for exact totals). kind tells an amount from words "
            "(text: no number exists, never count it as 0) and from an empty cell. " + NO_LICENSE
        ),
        "sources": [{"title": dataset.source}],
        "budgetcli": {
            "profile": PROFILE,
            "version": __version__,
            "unit": dataset.unit,
            "period": {"first": dataset.first_year, "last": dataset.last_year},
        },
        "resources": resources,
    }


def export(dataset: Dataset, path: Path, options: Options) -> None:
    """``budgetcli export DIR --format datapackage``."""
    from budgetcli.errors import OutputError
    from budgetcli.files import refuse_foreign, resolve_target

    resolve_target(path)  # one clear line for a symlink loop
    if not options.force and not _written_by_us(path):
        refuse_foreign(path, (DESCRIPTOR, *(f"{t.name}.csv" for t in TABLE_SCHEMAS)))
    try:
        write_datapackage(dataset, path)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None


def _written_by_us(directory: Path) -> bool:
    """Whether ``directory`` holds an earlier export (its descriptor names our profile), so
    its files may be replaced; a folder with no datapackage.json has nothing of ours."""
    import json

    try:
        meta = json.loads((directory / DESCRIPTOR).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    own = meta.get("budgetcli") if isinstance(meta, dict) else None
    return isinstance(own, dict) and own.get("profile") == PROFILE


def write_datapackage(dataset: Dataset, directory: Path) -> list[Path]:
    """Write DIR/datapackage.json and one CSV per table; return the paths written.

    Everything is made in a temporary directory beside DIR first, so an error leaves no
    partial package: a new DIR appears whole by one rename; into an existing DIR each file
    moves by os.replace, the CSVs first and the descriptor that names them last.
    """
    import json
    import shutil
    import tempfile

    rows = _rows(dataset)  # may fail (NotWholeKronerError) before anything touches the disk
    files: dict[str, bytes] = {f"{t.name}.csv": _csv(t, rows[t.name]) for t in TABLE_SCHEMAS}
    text = json.dumps(descriptor(dataset), ensure_ascii=False, indent=2) + "\n"
    files[DESCRIPTOR] = text.encode("utf-8")

    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise NotADirectoryError(20, "not a directory", str(directory))
    staging = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", dir=directory.parent))
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
    return [directory / name for name in (DESCRIPTOR, *(f"{t.name}.csv" for t in TABLE_SCHEMAS))]


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
    from budgetcli.build import build_dataset
    from budgetcli.validate import validate

    directory = Path(directory)
    path = directory / DESCRIPTOR
    plain, problems = validate(_Reader(directory).document())
    if plain is None:
        raise DatasetError(
            [Problem(path, None, ".".join(str(p) for p in where), msg) for where, msg in problems]
        )
    return build_dataset(plain)


def _fail(path: Path, message: str, line: int | None = None) -> DatasetError:
    return DatasetError([Problem(path, line, "", message)])


def _ordered(pairs: list[tuple[int, str]] | None) -> list[str]:
    return [value for _, value in sorted(pairs or [])]


class _Reader:
    """Reads the CSVs back into the YAML data file's shape, for the loader's own checks."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def fail(self, table: str, line: int, message: str) -> DatasetError:
        return _fail(self.directory / f"{table}.csv", message, line)

    def number(self, table: str, line: int, value: str | None) -> Decimal | None:
        if value is None:
            return None
        try:
            return Decimal(value)
        except InvalidOperation:
            raise self.fail(table, line, f"not a number: {value!r}") from None

    def integer(self, table: str, line: int, value: str | None) -> int:
        if value is None or not (value.isascii() and value.isdigit()):
            raise self.fail(table, line, f"not a whole number: {value!r}")
        return int(value)

    def table(self, table: Table) -> list[tuple[int, Row]]:
        """(line number, row) pairs, with empty cells as None."""
        import csv
        import io

        path = self.directory / f"{table.name}.csv"
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise _fail(path, f"cannot read: {error}") from None
        reader = csv.reader(io.StringIO(text, newline=""))
        header = next(reader, [])
        expected = [f.name for f in table.fields]
        if header != expected:
            raise _fail(path, f"header is {header}, expected {expected}", 1)
        rows = []
        for row in reader:
            if len(row) != len(expected):
                raise _fail(path, f"{len(row)} cells, expected {len(expected)}", reader.line_num)
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
            raise self.fail(table, line, f"amount {amount} and amount_kr {kr} disagree")

    def document(self) -> dict[str, Any]:
        import json

        path = self.directory / DESCRIPTOR
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise _fail(path, f"cannot read the package descriptor: {error}") from None
        own = meta.get("budgetcli") if isinstance(meta, dict) else None
        if not isinstance(own, dict) or own.get("profile") != PROFILE:
            raise _fail(path, f"not a budgetcli data package (no 'budgetcli.profile': {PROFILE})")
        tables = {t.name: self.table(t) for t in TABLE_SCHEMAS}
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
                raise self.fail(table, line, f"unknown activity {activity_id!r}")
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
        if kind not in ("amount", "text", "empty"):
            raise self.fail("amounts", line, f"unknown kind {kind!r}")
        if (kind == "amount") != (amount is not None) or (kind == "text") != (
            r["text"] is not None
        ):
            raise self.fail("amounts", line, f"kind {kind!r} disagrees with the row")
        if r["adjustable"] == _TRUE:
            activity["adjustable"].append(year)
        if kind == "amount":
            self.check_kroner("amounts", line, amount, r["amount_kr"])
            activity["budget"][year] = amount
        elif kind == "text":
            activity["budget"][year] = {"text": r["text"]}

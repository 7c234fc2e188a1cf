"""JSON with exact decimals: ``Decimal("129.623")`` is written as the number ``129.623``.

The standard library can only write Decimals through float, which is exactly the artefact
(``129.62300000000002``) budgetcli must never print; this writer emits the decimal's own
digits. Strings still go through ``json`` so their escaping is the standard one.

Two documents: a report's payload (the JSON contract in README.md), and ``export``'s whole
dataset in the data file's own shape, so ``budgetcli --data export.json`` reads it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from json.encoder import encode_basestring
from pathlib import Path
from typing import Any

from budgetcli.controls import RAW_IN_JSON
from budgetcli.files import write_atomic
from budgetcli.formats import Options
from budgetcli.model import TEXT_KEYS, Dataset, SourceActivity, TextCell
from budgetcli.results import Document, Layout, plain, plain_level
from budgetcli.results.tabular import (
    columns_of,
    flat_rows,
    number,
    row_records,
    select_fields,
)


def write(document: Document, options: Options) -> str:
    """The document (its records written as they come: :func:`dumps`), or with ``--fields``
    its rows' records cut to those keys."""
    if options.fields:
        return dumps(_cut(document, document.to_dict(), options.fields)) + "\n"
    return dumps(document) + "\n"


def write_ndjson(document: Document, options: Options) -> str:
    """One JSON object a line: the document's rows (the total last), or with ``--layout
    long`` one per row and year. Nothing else: the footnotes go to stderr."""
    if options.layout is Layout.long:
        columns = select_fields(
            columns_of(document, Layout.long, summary=options.summary), options.fields
        )
        lines = [
            dumps({c: flat.get(c) for c in columns}, indent=None)
            for flat in flat_rows(document, Layout.long, summary=options.summary)
        ]
    else:
        records = [plain(r) for r in row_records(document, summary=options.summary)]
        if options.fields:
            keys = select_fields(list(records[0]) if records else [], options.fields)
            records = [{k: r[k] for k in keys} for r in records]
        lines = [dumps(r, indent=None) for r in records]
    return "".join(line + "\n" for line in lines)


def _cut(document: Document, data: dict[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    records = [plain(r) for r in row_records(document)]
    keys = select_fields(list(records[0]) if records else list(fields), fields)
    data["rows"] = [{k: r[k] for k in keys} for r in data["rows"]]
    if "total" in data:
        data["total"] = {k: data["total"][k] for k in keys}
    return data


def export(dataset: Dataset, path: Path, options: Options) -> None:
    write_atomic(path, (dumps(document(dataset)) + "\n").encode("utf-8"))


def _string(text: str) -> str:
    """A JSON string with Danish letters as they are, but DEL, C1 and bidi controls escaped
    (see :data:`budgetcli.controls.RAW_IN_JSON`)."""
    # What json.dumps(text, ensure_ascii=False) writes, without an encoder made per string.
    encoded = encode_basestring(text)
    if RAW_IN_JSON.search(encoded):
        encoded = RAW_IN_JSON.sub(lambda found: f"\\u{ord(found.group()):04x}", encoded)
    return encoded


_CONSTANTS = {None: "null", True: "true", False: "false"}


def dumps(value: Any, indent: int | None = 2) -> str:
    """JSON text of plain data or of result records (:func:`budgetcli.results.plain_level`,
    one record at a time); ``indent`` None for one line (ndjson)."""
    parts: list[str] = []
    _write(value, parts, 0, indent)
    return "".join(parts)


_JOINED_BELOW = 2
"""Containers this shallow join each item's text as it is written: the parts held are then
a string per row, not a string per token (100,000 groups took 2 GB as tokens)."""


def _write(value: Any, out: list[str], depth: int, indent: int | None) -> None:
    value = plain_level(value)
    if isinstance(value, Decimal):
        out.append(number(value))
    elif isinstance(value, str):
        out.append(_string(value))
    elif value is None or isinstance(value, bool):
        out.append(_CONSTANTS[value])
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, dict):
        _container(list(value.items()), "{", "}", out, depth, indent)
    elif isinstance(value, list | tuple):
        _container(list(value), "[", "]", out, depth, indent)
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _container(
    items: list[Any], opening: str, closing: str, out: list[str], depth: int, indent: int | None
) -> None:
    if not items:
        out.append(opening + closing)
        return
    # One line (ndjson) has no padding and no space after the colon.
    pad = "" if indent is None else "\n" + " " * (indent * (depth + 1))
    end = "" if indent is None else "\n" + " " * (indent * depth)
    colon = ":" if indent is None else ": "
    out.append(opening)
    for index, entry in enumerate(items):
        out.append(pad if index == 0 else "," + pad)
        value = entry
        if opening == "{":
            key, value = entry
            out.append(_string(str(key)) + colon)
        if depth < _JOINED_BELOW:
            item: list[str] = []
            _write(value, item, depth + 1, indent)
            out.append("".join(item))
        else:
            _write(value, out, depth + 1, indent)
    out.append(end + closing)


# --- the whole dataset, in the data file's own shape -------------------------------------


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
                "kind": n.kind.value,
                "marker": n.marker,
                "text": n.text,
                "links": list(n.links),
            }
            for n in dataset.notes
        ],
        "activities": [_activity_document(a) for a in dataset.activities],
    }


def _activity_document(a: SourceActivity) -> dict[str, Any]:
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
        **{field: getattr(a, field) for field in TEXT_KEYS},
        "budget": budget,
        "printed": a.printed,
        "actual": {str(y): v for y, v in (a.actual or {}).items()},
        "actual_text": a.actual_text,
        "adjustable": sorted(a.adjustable),
        "notes": list(a.notes),
        "remarks": list(a.remarks),
    }

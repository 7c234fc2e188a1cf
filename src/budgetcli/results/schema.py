"""JSON Schemas (draft 2020-12) of the commands' documents, derived from the result types
themselves: a key added to a record is in its schema at once, and no schema can drift
from what ``--format json`` prints. Records require every key they have; they do not forbid
others, since adding a key is not a change of :data:`~budgetcli.results.SCHEMA_VERSION`: a
reader ignores keys it does not know, and a document of a later budgetcli that only adds
keys still meets this schema. ``--fields`` has a schema of its own (:func:`schema_for`'s
``fields``): its rows hold the chosen keys only."""

from __future__ import annotations

import types
from collections.abc import Sequence
from decimal import Decimal
from enum import StrEnum
from typing import Any, Union, get_args, get_origin, get_type_hints

from budgetcli import results
from budgetcli.errors import UsageError
from budgetcli.i18n import Msg, Text, text
from budgetcli.results.tabular import select_fields

DOCUMENTS = results.DOCUMENTS
"""Each command's document type (declared with the results)."""
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(command: str, fields: Sequence[str] = ()) -> dict[str, Any]:
    """The schema of ``budgetcli COMMAND --format json``, or with ``fields`` of
    ``--format json --fields ...``: each row (and a sum's ``total``) then has exactly those
    keys. An unknown field is the usage error ``--fields`` gives."""
    document = DOCUMENTS.get(command)
    if document is None:
        known = ", ".join(DOCUMENTS)
        raise UsageError(text(Msg.err_no_schema, command=repr(command), known=known))
    defs: dict[str, Any] = {}
    root = _record(document, defs)
    root["properties"]["command"] = {"const": command}
    root["properties"]["schema_version"] = {"const": results.SCHEMA_VERSION}
    title = f"budgetcli {command} --format json"
    name = command
    if fields:
        keys = _project(root, defs, fields)
        title += " --fields " + ",".join(keys)
        name += "--fields-" + ",".join(keys)
    return {
        "$schema": DIALECT,
        "$id": f"https://budgetcli.invalid/schema/{results.SCHEMA_VERSION}/{name}.json",
        "title": title,
        **root,
        "$defs": defs,
    }


def _project(root: dict[str, Any], defs: dict[str, Any], fields: Sequence[str]) -> list[str]:
    """``--fields``: the rows' record (and the total's, the same one) with only those keys,
    all required, as ``--format json --fields`` cuts them; returns the keys."""
    rows = root["properties"]["rows"]["items"]
    record = rows["$ref"].rsplit("/", 1)[1]
    full = defs[record]
    keys = select_fields(list(full["properties"]), fields)
    cut = f"{record}Fields"
    defs[cut] = {
        **full,
        "description": f"{full['description']} Only the keys --fields chose.",
        "properties": {key: full["properties"][key] for key in keys},
        "required": keys,
    }
    root["properties"]["rows"] = {**root["properties"]["rows"], "items": {"$ref": f"#/$defs/{cut}"}}
    if root["properties"].get("total") == rows:
        root["properties"]["total"] = {"$ref": f"#/$defs/{cut}"}
    return keys


def _record(record: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(record)
    fields: tuple[str, ...] = record._fields
    return {
        "type": "object",
        "description": (record.__doc__ or "").strip().splitlines()[0].replace("``", '"'),
        "properties": {name: _type(hints[name], defs) for name in fields},
        "required": list(fields),
    }


def _type(hint: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        options = [a for a in get_args(hint) if a is not type(None)]
        return {"anyOf": [*(_type(option, defs) for option in options), {"type": "null"}]}
    if origin is tuple:
        return {"type": "array", "items": _type(get_args(hint)[0], defs)}
    if hint is Text or hint is str:
        return {"type": "string"}
    if hint is bool:
        return {"type": "boolean"}
    if hint is int:
        return {"type": "integer"}
    if hint is Decimal:
        return {"type": "number"}
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return {"enum": [member.value for member in hint]}
    if isinstance(hint, type) and hasattr(hint, "_fields"):
        name = hint.__name__
        if name not in defs:
            defs[name] = {}  # a placeholder first: records may nest
            defs[name] = _record(hint, defs)
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON Schema for {hint!r}")  # pragma: no cover - a new kind of field

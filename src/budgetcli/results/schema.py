"""JSON Schemas (draft 2020-12) of the commands' documents, derived from the result types
themselves: a key added to a record is in its schema at once, and no schema can drift
from what ``--format json`` prints. Records require every key and allow no other."""

from __future__ import annotations

import types
from decimal import Decimal
from enum import StrEnum
from typing import Any, Union, get_args, get_origin, get_type_hints

from budgetcli import results
from budgetcli.errors import UsageError
from budgetcli.i18n import Msg, Text, text

DOCUMENTS: dict[str, type[Any]] = {
    "list": results.Activities,
    "expiring": results.Activities,
    "show": results.Shown,
    "total": results.Totals,
    "chart": results.Totals,
    "compare": results.Comparison,
    "notes": results.Notes,
    "diff": results.Differences,
}
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_for(command: str) -> dict[str, Any]:
    """The schema of ``budgetcli COMMAND --format json``."""
    document = DOCUMENTS.get(command)
    if document is None:
        known = ", ".join(DOCUMENTS)
        raise UsageError(text(Msg.err_no_schema, command=repr(command), known=known))
    defs: dict[str, Any] = {}
    root = _record(document, defs)
    root["properties"]["command"] = {"const": command}
    root["properties"]["schema_version"] = {"const": results.SCHEMA_VERSION}
    return {
        "$schema": DIALECT,
        "$id": f"https://budgetcli.invalid/schema/{results.SCHEMA_VERSION}/{command}.json",
        "title": f"budgetcli {command} --format json",
        **root,
        "$defs": defs,
    }


def _record(record: type[Any], defs: dict[str, Any]) -> dict[str, Any]:
    hints = get_type_hints(record)
    fields: tuple[str, ...] = record._fields
    return {
        "type": "object",
        "description": (record.__doc__ or "").strip().splitlines()[0].replace("``", '"'),
        "properties": {name: _type(hints[name], defs) for name in fields},
        "required": list(fields),
        "additionalProperties": False,
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

"""JSON with exact decimals: ``Decimal("129.623")`` is written as the number ``129.623``.

The standard library can only write Decimals through float, which is exactly the artefact
(``129.62300000000002``) budgetcli must never print; this writer emits the decimal's own
digits. Strings still go through ``json`` so their escaping is the standard one.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any


def number(value: Decimal) -> str:
    """A JSON number with the decimal's digits: never an exponent, never a float."""
    text = format(value, "f")
    return text.lstrip("-") if value.is_zero() else text


def dumps(value: Any, indent: int = 2) -> str:
    parts: list[str] = []
    _write(value, parts, 0, indent)
    return "".join(parts)


def _write(value: Any, out: list[str], depth: int, indent: int) -> None:
    if isinstance(value, Decimal):
        out.append(number(value))
    elif value is None or isinstance(value, bool | int | str):
        out.append(json.dumps(value, ensure_ascii=False))
    elif isinstance(value, dict):
        _container(list(value.items()), "{", "}", out, depth, indent)
    elif isinstance(value, list | tuple):
        _container(list(value), "[", "]", out, depth, indent)
    else:
        raise TypeError(f"cannot write {type(value).__name__} as JSON")


def _container(
    items: list[Any], opening: str, closing: str, out: list[str], depth: int, indent: int
) -> None:
    if not items:
        out.append(opening + closing)
        return
    pad = "\n" + " " * (indent * (depth + 1))
    out.append(opening)
    for index, entry in enumerate(items):
        out.append(pad if index == 0 else "," + pad)
        value = entry
        if opening == "{":
            key, value = entry
            out.append(json.dumps(str(key), ensure_ascii=False) + ": ")
        _write(value, out, depth + 1, indent)
    out.append("\n" + " " * (indent * depth) + closing)

"""The plain form between reading and building: what validation hands the model builder,
and the path of a field in a document, which locates a problem in a YAML file (by line)
or a workbook (by sheet and cell)."""

from __future__ import annotations

from typing import Any

Path_ = tuple[str | int, ...]
"""Keys and list indices from the document's root to one field."""
Plain = dict[str, Any]
"""A checked document (or a part of one): builtins only, amounts as decimal strings."""

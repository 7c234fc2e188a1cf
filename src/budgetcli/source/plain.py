"""The plain form between reading and building: what validation hands the model builder,
and the path of a field in a document, which locates a problem in a YAML file (by line)
or a workbook (by sheet and cell)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from budgetcli.i18n import Text

Path_ = tuple[str | int, ...]
"""Keys and list indices from the document's root to one field."""
Plain = dict[str, Any]
"""A checked document (or a part of one): builtins only, amounts as decimal strings."""


class Unreadable:
    """A YAML value that names a type it cannot be (``!!bool maybe``, the date 2016-02-30,
    ``!!map [1]``): kept in the document for validation to refuse by its field and line,
    like any value of the wrong kind."""

    __slots__ = ("described",)

    def __init__(self, described: Text) -> None:
        self.described = described

    def __repr__(self) -> str:
        return f"Unreadable({self.described!r})"

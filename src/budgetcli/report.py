"""The one hand-off shape between the questions (views) and the renderers.

A Report is a table (for table, csv, tsv and markdown) plus a JSON document (for json):
the JSON keys are a contract with scripts and do not follow the table's layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TypeAlias

from budgetcli.model import TextCell


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    """Machine header (csv, tsv): stable, lower case, no unit."""
    label: str
    """Human header (table, markdown)."""
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Marked:
    """An amount shown with a marker in human formats ("46.4*"); machine formats drop it."""

    value: Decimal
    marker: str


@dataclass(frozen=True, slots=True)
class Pct:
    """A percentage: shown with "%" to people, as a bare number to machines."""

    value: Decimal


Value: TypeAlias = str | int | Decimal | TextCell | Marked | Pct | None


@dataclass(frozen=True, slots=True)
class Report:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    payload: Any
    """The JSON document: builtins, Decimal for amounts."""
    footnotes: tuple[str, ...] = ()
    unit: str | None = None
    """Set when the report's amounts share one unit; machine tables get a unit column."""
    empty_message: str | None = None
    """Said on stderr when there are no rows (an empty result is still a success)."""
    record: bool = False
    """One thing's fields (field, value) rather than a table of rows: shown without rules."""

"""The one hand-off shape between the questions (views) and the renderers.

Small immutable records are NamedTuples rather than dataclasses here and in queries.py: a
dataclass costs about 1 ms to define at import and a NamedTuple 0.2 ms, and every command
imports these modules (benchmarks/README.md).

A Report is a table (for table, csv, tsv and markdown) plus a JSON document (for json):
the JSON keys are a contract with scripts and do not follow the table's layout.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, NamedTuple, TypeAlias

from budgetcli.model import TextCell


class Column(NamedTuple):
    key: str
    """Machine header (csv, tsv): stable, lower case, no unit."""
    label: str
    """Human header (table, markdown)."""
    numeric: bool = False


class Marked(NamedTuple):
    """An amount shown with a marker in human formats ("46.4*"); machine formats drop it."""

    value: Decimal
    marker: str


class Pct(NamedTuple):
    """A percentage: shown with "%" to people, as a bare number to machines."""

    value: Decimal


class Term(NamedTuple):
    """A word the tool says (not the source): translated for people, fixed for machines."""

    key: str
    """The message key (budgetcli.messages) shown to people in their language."""
    machine: str
    """What csv, tsv and xlsx write, whatever the language."""


Value: TypeAlias = str | int | Decimal | TextCell | Marked | Pct | Term | None


class Report(NamedTuple):
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
    kind: str = "table"
    """How people see it: "table"; "record" (one thing's fields, shown without rules);
    "chart" (rows of key, label, amount, drawn as bars)."""

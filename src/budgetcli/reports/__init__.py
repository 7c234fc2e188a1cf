"""Reports: the one language-neutral hand-off between the questions and the writers.

A presenter (one module per command) turns a command's typed result (:mod:`budgetcli.results`)
into a :class:`Report`: typed rows of cells, column keys, titles and footnotes as
:class:`~budgetcli.i18n.Text` records. Nothing in a Report is in a language yet; the writers
of human formats (the Danish csv among them) translate it. The machine formats never read a
Report: they are written from the result itself, so they never change with ``--lang``.

Small immutable records are NamedTuples rather than dataclasses: every command imports this
module, and a NamedTuple costs a fifth of a dataclass to define (benchmarks/README.md).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple, TypeAlias

from budgetcli.i18n import Text
from budgetcli.model import TextCell
from budgetcli.results import Footnote


class Column(NamedTuple):
    key: str
    """Machine header (csv, tsv, xlsx): stable, lower case, no unit."""
    label: Text | str | None = None
    """Human header (table, markdown); a str is shown as it is (a year), None as nothing."""
    numeric: bool = False
    prose: bool = False
    """Words people read (a name, a description): may wrap at spaces in a narrow window.
    Other columns (ids, codes, amounts) are never cut, wrapped or folded."""
    human: bool = True
    """Shown to people; False where it repeats another column (a section's key is its name)."""


class Marked(NamedTuple):
    """An amount shown with a marker in human formats ("46.4*"); machine formats drop it."""

    value: Decimal
    marker: str


class Pct(NamedTuple):
    """A percentage: shown with "%" to people, as a bare number to machines."""

    value: Decimal


Value: TypeAlias = str | int | Decimal | TextCell | Marked | Pct | Text | None
"""A cell: text, a year, an amount (maybe marked), words from the source (TextCell), a word
of the tool's own (Text: "not quantified"), or None for no amount."""


class ReportKind(StrEnum):
    table = "table"
    record = "record"
    """One thing's fields, shown as label: value lines."""
    chart = "chart"
    """Rows of key, label, amount, drawn as bars."""


class Report(NamedTuple):
    title: Text
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]
    footnotes: tuple[Footnote, ...] = ()
    unit: str | None = None
    """Set when the report's amounts share one unit; machine tables get a unit column."""
    empty_message: Text | None = None
    """Said on stderr when there are no rows (an empty result is still a success)."""
    kind: ReportKind = ReportKind.table
    source: str = ""
    """The document the figures come from, for writers that cite it (svg, html, xlsx)."""

"""One cell as people read it, and as programs read it: the two ways every writer needs."""

from __future__ import annotations

from decimal import Decimal

from budgetcli.i18n import ENGLISH, Text, Tr
from budgetcli.model import TextCell
from budgetcli.reports import Column, Marked, Pct, Report, Value

NO_AMOUNT = "–"


def human(value: Value, tr: Tr, *, numeric: bool = True) -> str:
    """A cell for people: markers kept; an empty amount shown as a dash, empty text as ''."""
    if value is None:
        return NO_AMOUNT if numeric else ""
    if isinstance(value, Decimal):
        return tr.num(value)
    if isinstance(value, Marked):
        return f"{tr.num(value.value)}{value.marker}"
    if isinstance(value, Pct):
        return tr.pct(value.value)
    if isinstance(value, TextCell):
        return value.text
    if isinstance(value, Text):
        return tr.text(value)
    return str(value)


def machine(value: Value) -> str:
    """A cell for programs: bare numbers, no thousands separators, empty for no amount.

    Words of the tool's own (``not quantified``, ``ended``) are written in English, whatever
    the reader's language: they are part of the contract.
    """
    if value is None:
        return ""
    if isinstance(value, Marked | Pct):
        return machine(value.value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, TextCell):
        return value.text
    if isinstance(value, Text):
        return ENGLISH.text(value)
    return str(value)


def label(column: Column, tr: Tr) -> str:
    """A column's header for people."""
    if column.label is None:
        return ""
    return column.label if isinstance(column.label, str) else tr.text(column.label)


def title(report: Report, tr: Tr) -> str:
    return tr.text(report.title)


def footnotes(report: Report, tr: Tr) -> list[str]:
    return [tr.text(note.text) for note in report.footnotes]

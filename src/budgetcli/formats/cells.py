"""One cell as people read it, and as programs read it: the two ways every writer needs."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetcli.i18n import ENGLISH, Text, Tr
from budgetcli.model import TextCell
from budgetcli.reports import Column, Marked, Pct, Report, Value
from budgetcli.results import FootnoteKind

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


def footnotes(report: Report, tr: Tr, *, hints: bool = True) -> list[str]:
    """The footnotes in the reader's language; a document (``hints`` false) leaves out the
    pointers to other commands, which mean nothing on paper."""
    return [
        tr.text(note.text)
        for note in report.footnotes
        if hints or note.kind is not FootnoteKind.hint
    ]


def aligned(values: Sequence[Value], tr: Tr) -> list[str]:
    """An amount column for people, with the decimal separators in one column.

    Each number keeps its own digits (``8.270`` stays ``8.270``, the source's precision);
    shorter ones are padded on the right to the column's largest number of decimals plus
    the widest marker (``*``, ``†``, ``%``), which stays next to its number. Words and dashes are
    left as they are; a right-aligned column then lines them all up.
    """
    numbers: list[tuple[str, int, str] | None] = []
    for value in values:
        if isinstance(value, Decimal | Marked | Pct):
            amount = value if isinstance(value, Decimal) else value.value
            shown = human(value, tr)
            digits = tr.num(amount)
            separator = "," if tr.lang == "da" else "."
            own = len(digits) - digits.rfind(separator) - 1 if separator in digits else 0
            numbers.append((digits, own, shown[len(digits) :]))
        else:
            numbers.append(None)
    places = max((n[1] for n in numbers if n), default=0)
    suffix = max((len(n[2]) for n in numbers if n), default=0)
    out = []
    for value, number in zip(values, numbers, strict=True):
        if number is None:
            # A dash for no amount sits where the digits end, like the numbers do.
            dash = value is None and places
            out.append(human(value, tr) + " " * ((places + 1 if dash else 0) + suffix))
            continue
        digits, own, marker = number
        pad = places - own + (1 if own == 0 and places else 0)
        # The marker stays on its number ("46.4*"); the padding follows it, so the decimal
        # separators still share a column.
        out.append(digits + marker + " " * (pad + suffix - len(marker)))
    # One width for the column's figures, so they line up however a writer justifies them;
    # words ("not quantified") keep their length, for a writer to wrap or pad.
    width = max(
        (len(c) for c, n in zip(out, numbers, strict=True) if n or c.startswith("–")), default=0
    )
    return [cell.rjust(width) for cell in out]

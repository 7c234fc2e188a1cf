"""One cell as people read it, and as programs read it: the two ways every writer needs."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetcli.formats import Options
from budgetcli.i18n import MACHINE, Msg, Text, Tr, places, text
from budgetcli.model import TextCell
from budgetcli.reports import Column, Marked, Pct, Report, ReportKind, Value
from budgetcli.results import Footnote, FootnoteKind

NO_AMOUNT = "–"


def human(value: Value, tr: Tr, *, numeric: bool = True, decimals: int | None = None) -> str:
    """A cell for people: markers kept; an empty amount shown as a dash, empty text as ''.

    ``decimals``: the column's one precision (:func:`precision`); None keeps the value's own.
    """
    if value is None:
        return NO_AMOUNT if numeric else ""
    if isinstance(value, Decimal):
        return tr.num(value, decimals)
    if isinstance(value, Marked):
        return f"{tr.num(value.value, decimals)}{value.marker}"
    if isinstance(value, Pct):
        return tr.pct(value.value, decimals)
    if isinstance(value, TextCell):
        return value.text
    if isinstance(value, Text):
        return tr.text(value)
    return str(value)


def amount(value: Value) -> Decimal | None:
    """The number in a cell, if it holds one (a year, an id or words hold none)."""
    if isinstance(value, Marked | Pct):
        return value.value
    return value if isinstance(value, Decimal) else None


def precision(values: Sequence[Value], decimals: int | None = None) -> int:
    """One column's display precision, as hledger settles a commodity's: the most decimals
    any of its amounts is written with (``9.85``, ``8.270``, ``0`` -> 3), or ``decimals``
    if the reader asked for a number (``--decimals``). In t.kr. and kr. the source's
    amounts are whole, so the column is too."""
    if decimals is not None:
        return decimals
    return max((places(a) for v in values if (a := amount(v)) is not None), default=0)


def figures(values: Sequence[Value], tr: Tr, decimals: int | None = None) -> list[str]:
    """An amount column for people, every number with the column's one precision; no
    padding (a proportional font or a markdown table aligns them by their right edge)."""
    shown = precision(values, decimals)
    return [human(v, tr, decimals=shown) for v in values]


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
        return MACHINE.text(value)
    return str(value)


def reader(options: Options, *, document: bool) -> Tr:
    """The words of a writer's reader. A document (markdown, html, svg) is read by people
    who do not type ids: its sentences name activities by name (formats need the data for
    that, ``options.dataset``); a terminal keeps the ids ``show`` takes."""
    names = None
    if document and options.dataset is not None:
        names = {a.id: a.name for a in options.dataset.activities}
    return Tr(options.lang, names=names)


def label(column: Column, tr: Tr) -> str:
    """A column's header for people."""
    if column.label is None:
        return ""
    return column.label if isinstance(column.label, str) else tr.text(column.label)


TOTAL_ROW = text(Msg.total_label)


def people_rows(report: Report) -> tuple[tuple[Value, ...], ...]:
    """The rows as people read them: the total row's key (``total``, a word for programs)
    left blank beside its label, which says "Total" or "I alt" in the reader's language."""
    return tuple(
        (None, *row[1:]) if row and TOTAL_ROW in row[1:] and isinstance(row[0], str) else row
        for row in report.rows
    )


def column_cells(
    report: Report, tr: Tr, decimals: int | None = None, *, unit: str | None = None
) -> list[list[str]]:
    """Every column's cells for people, one list per column: amount columns with the
    table's one precision (:func:`table_precision`); other columns as text, a record's
    amounts with one precision (``unit``, the data's, where the report names none)."""
    rows = people_rows(report)
    places = column_places(report, decimals)
    out = []
    for index, column in enumerate(report.columns):
        values = [row[index] for row in rows]
        if column.numeric:
            out.append(figures(values, tr, places[index]))
        else:
            # A record's values (show) are one column to the eye: its amounts one precision,
            # as on a terminal (1.460 and 11.460, not 1.46 and 11.46).
            own = (
                unit_precision(values, report.unit or unit, decimals)
                if report.kind is ReportKind.record
                else None
            )
            out.append([human(v, tr, numeric=False, decimals=own) for v in values])
    # A row that says nothing in the reader's language (an English remark, in Danish) is
    # left out.
    said = [r for r in range(len(rows)) if any(cells[r].strip() for cells in out)]
    return [[cells[r] for r in said] for cells in out]


def title(report: Report, tr: Tr) -> str:
    return tr.text(report.title)


def notes(report: Report, *, hints: bool = True) -> list[Footnote]:
    """The footnotes; a document (``hints`` false) leaves out the pointers to other
    commands, which mean nothing on paper."""
    return [note for note in report.footnotes if hints or note.kind is not FootnoteKind.hint]


def footnotes(report: Report, tr: Tr, *, hints: bool = True) -> list[str]:
    """The footnotes (:func:`notes`) in the reader's language."""
    return [tr.text(note.text) for note in notes(report, hints=hints)]


def aligned(values: Sequence[Value], tr: Tr, decimals: int | None = None) -> list[str]:
    """An amount column for a fixed-width font: one precision (:func:`figures`), the figures
    right-justified so that their last digits (and the decimal separators) share a column,
    and their markers (``*``, ``†``) hanging after them in a slot of their own
    (:func:`marker_slot` wide), so a marked amount's digits line up with the others. A dash
    for no amount stands where the last digits do. A percentage keeps its ``%`` as part of
    the figure. Words are left as they are, for a writer to wrap.
    """
    from rich.cells import cell_len  # display width: a CJK letter takes two cells

    places = precision(values, decimals)
    digits = [
        (tr.pct(a, places) if isinstance(v, Pct) else tr.num(a, places))
        if (a := amount(v)) is not None
        else NO_AMOUNT
        for v in values
    ]
    marks = [v.marker if isinstance(v, Marked) else "" for v in values]
    slot = marker_slot(values)
    width = max((cell_len(d) for d, v in zip(digits, values, strict=True) if _figure(v)), default=0)
    return [
        " " * (width - cell_len(d)) + d + m + " " * (slot - cell_len(m))
        if _figure(v)
        else human(v, tr, decimals=places)
        for d, m, v in zip(digits, marks, values, strict=True)
    ]


def marker_slot(values: Sequence[Value]) -> int:
    """The width of an amount column's marker slot: its widest marker (0 without one)."""
    from rich.cells import cell_len

    return max((cell_len(v.marker) for v in values if isinstance(v, Marked)), default=0)


DECIMALS = {"mio. kr.": 3}
"""The precision of a table in a unit (the unit's label): mio. kr. with three decimals, as
budgets write it and as every total prints; t.kr. and kr. with their amounts' own (whole,
as the source's are, save the IGU trainee's actual spend)."""


def table_precision(report: Report, decimals: int | None = None) -> int | None:
    """One precision for every amount column of a table (percentages keep their own):
    :func:`unit_precision` of all its amounts."""
    values = [
        v for row in report.rows for c, v in zip(report.columns, row, strict=False) if c.numeric
    ]
    return unit_precision(values, report.unit, decimals)


def column_places(report: Report, decimals: int | None = None) -> list[int]:
    """Each amount column's precision (0 for other columns): the table's one
    (:func:`table_precision`); a column of percentages its own (:func:`precision`)."""
    whole = table_precision(report, decimals)
    rows = people_rows(report)
    places = []
    for index, column in enumerate(report.columns):
        values = [row[index] for row in rows]
        percent = any(isinstance(v, Pct) for v in values)
        own = decimals if percent else whole
        places.append(precision(values, own) if column.numeric else 0)
    return places


def unit_precision(
    values: Sequence[Value], unit: str | None, decimals: int | None = None
) -> int | None:
    """One precision for amounts in ``unit`` shown as one column (percentages aside):
    ``--decimals`` if given, else the unit's (:data:`DECIMALS`), raised where an amount
    has more decimals (0.117590 mio. kr.), so no figure is ever rounded."""
    if decimals is not None:
        return decimals
    least = DECIMALS.get(unit or "")
    values = [v for v in values if not isinstance(v, Pct)]
    if least is None and not values:
        return None
    return max(least or 0, precision(values))


def _figure(value: Value) -> bool:
    """A number or a dash: the cells that share the column's width."""
    return value is None or amount(value) is not None

"""A result's rows as flat records, for csv, tsv and ndjson: the wide layout (one row per
activity or group, one number column per year) and the long one (one row per activity or
group and year, as hledger's ``--layout tidy``).

Number columns hold numbers or nothing: the source's words go to ``YEAR_words`` (wide) or
``words`` (long); what a sum left out to ``YEAR_not_quantified`` or ``not_quantified``. A key
keeps the JSON's meaning and type: a list (of ids, years or addresses) is one cell, its items
joined by :data:`LIST_SEPARATOR` (a space: no id, year or address holds one), never turned
into a flag; an empty list is an empty cell. Lists of prose (an activity's ``notes`` and
``remarks``) are one line each. Each record type is flattened here once, whatever the
command.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from enum import Enum
from typing import Any

from budgetcli.errors import UsageError
from budgetcli.i18n import Msg, text
from budgetcli.model import TEXT_FIELDS, TEXT_KEYS, CellKind, FieldKind, NoteKind
from budgetcli.results import (
    Activities,
    Activity,
    Change,
    Comparison,
    Differences,
    Document,
    Edit,
    EditKind,
    Ending,
    Group,
    Layout,
    Note,
    Notes,
    Sum,
    TotalEdit,
    Totals,
    YearCell,
)

Flat = dict[str, Any]
"""Column -> a str, Decimal, int, bool or None (empty)."""


LIST_SEPARATOR = " "
"""What joins a list's items in one cell of csv, tsv, the long layout, and the SQLite and
Data Package exports: a space, as none of an id, a year or a web address holds one."""


def join_list(items: Sequence[object]) -> str:
    """A JSON list as one flat cell: ``["a", "b"]`` is ``a b``, ``[]`` is empty."""
    return LIST_SEPARATOR.join(map(str, items))


def _flat(record: tuple[Any, ...], keys: Sequence[str]) -> Flat:
    """A result's record as flat cells, ``keys`` in that order: a list (of ids, years or
    addresses) one cell, joined; a choice (a kind, a status) its value; the rest as it is."""
    flat: Flat = {}
    for key in keys:
        value = getattr(record, key)
        if isinstance(value, Enum):
            value = value.value
        elif type(value) is tuple:
            value = join_list(value)
        flat[key] = value
    return flat


def _who(row: Group | Change) -> Flat:
    return _flat(row, ("row", "key", "name", "department", "department_name"))


# The activity's texts in the record's own order: the short ones beside its name, the
# prose after the figures.
_PROSE = tuple(
    key
    for key in Activity._fields
    if key in {f.key for f in TEXT_FIELDS if f.kind is FieldKind.prose}
)
_BRIEF = tuple(key for key in Activity._fields if key in TEXT_KEYS and key not in _PROSE)
_HEAD = ("id", "name", "department", "department_name", *_BRIEF)


def _activity_head(a: Activity) -> Flat:
    return {key: getattr(a, key) for key in _HEAD}  # all text: nothing for _flat to turn


def _activity_wide(a: Activity) -> Flat:
    flat = _activity_head(a)
    flat |= {str(c.year): c.amount for c in a.budget}
    flat["total"] = a.total
    flat |= {f"{c.year}_words": c.words for c in a.budget}
    flat |= {f"{c.year}_actual": c.actual for c in a.budget}
    flat["adjustable_years"] = join_list(a.adjustable_years)
    flat["last_funded_year"] = a.last_funded_year
    # The texts in full, after the figures: nothing the JSON has is lost in a table.
    flat |= {
        **{key: getattr(a, key) for key in _PROSE},
        "notes": "\n".join(note.text for note in a.notes),
        "remarks": "\n".join(a.remarks),
        "printed": a.printed,
        "actual_text": a.actual_text,
        "appendix": a.appendix,
    }
    return flat


def _activity_long(a: Activity) -> Iterator[Flat]:
    head = _activity_head(a)
    for c in a.budget:
        # Written out rather than through _flat: this runs once per activity and year, and a
        # dict display takes half the time (a long csv of 100,000 activities: 0.7 s).
        yield head | {
            "year": c.year,
            "amount": c.amount,
            "kind": c.kind.value,
            "words": c.words,
            "adjustable": c.adjustable,
            "actual": c.actual,
        }


def _sums_wide(sums: Sequence[Sum], total: Sum | None, years: Sequence[int]) -> Flat:
    """A column per year of the document, empty where the row has no sum that year (a
    chart's bar per year has only its own); then, per year and for the period's total, the
    ids a sum left out (words), those whose amount may be adjusted, and those whose actual
    spend it counted: what a footnote says beside the figure, in the file itself."""
    by_year = {s.year: s for s in sums}
    flat: Flat = {str(y): by_year[y].amount if y in by_year else None for y in years}
    if total is not None:
        flat["total"] = total.amount
    for ids in ("not_quantified", "adjustable", "actual_used"):
        flat |= {
            f"{y}_{ids}": join_list(getattr(by_year[y], ids)) if y in by_year else None
            for y in years
        }
        if total is not None:
            flat[f"total_{ids}"] = join_list(getattr(total, ids))
    return flat


def _sum_long(s: Sum) -> Flat:
    return _flat(s, Sum._fields)


def _group_wide(g: Group, years: Sequence[int]) -> Flat:
    return _who(g) | _sums_wide(g.years, g.total, years)


def _change_tail(c: Change) -> Flat:
    return _flat(c, ("change", "change_pct", "status"))


def _change_wide(c: Change, years: Sequence[int]) -> Flat:
    return _who(c) | _sums_wide(c.years, None, years) | _change_tail(c)


def _note_flat(n: Note) -> Flat:
    return _flat(n, Note._fields)


def _ending_flat(e: Ending) -> Flat:
    # The amount before the ids, as the columns have always stood.
    return _flat(
        e, ("last_funded_year", "department", "department_name", "activities", "amount", "ids")
    )


def _edit_flat(e: Edit | TotalEdit) -> Flat:
    """A difference, or (kind ``total``) a department's total moved by them: one shape."""
    if isinstance(e, TotalEdit):
        return {
            "kind": "total",
            "id": None,
            "department": e.department,
            "field": None,
            "year": e.year,
            "old": e.old,
            "new": e.new,
            "old_is_text": False,
            "new_is_text": False,
            "difference": e.difference,
        }
    return {
        "kind": e.kind.value,
        "id": e.id,
        "department": None,
        "field": e.field,
        "year": e.year,
        "old": e.old,
        "new": e.new,
        "old_is_text": e.old_is_text,
        "new_is_text": e.new_is_text,
        "difference": e.difference,
    }


def row_records(document: Document, *, summary: bool = False) -> tuple[Any, ...]:
    """The records a document lists, the total last where it has one (a diff's department
    totals after its changes); ``summary``: an expiring answer's summary rows instead of
    its activities (``expiring --summary`` as csv, tsv or ndjson)."""
    if summary and isinstance(document, Activities):
        return document.summary
    if isinstance(document, Differences):
        return (*document.rows, *document.totals)
    total = getattr(document, "total", None)
    return (*document.rows, total) if total is not None else document.rows


def _leaves(rows: Sequence[Any], depth: int) -> Iterator[tuple[tuple[Any, ...], Any]]:
    """A nested ``--by``'s last-level groups, each with its path of groups from the top."""
    for row in rows:
        if depth > 1 and row.groups:
            for path, leaf in _leaves(row.groups, depth - 1):
                yield (row, *path), leaf
        else:
            yield (row,), row


def _level_keys(levels: Sequence[Any], path: Sequence[Any]) -> Flat:
    """One column per level (``department``, ``section``), the leaf's key at each."""
    keys: Flat = {f"level_{level.value}": None for level in levels}
    for level, group in zip(levels, path, strict=False):
        keys[f"level_{level.value}"] = group.key
    return keys


def _flattened(record: Any, keys: Flat, layout: Layout, years: Sequence[int]) -> Iterator[Flat]:
    """One record's rows: several in the long layout (one per year), else one."""
    if isinstance(record, Activity):
        if layout is Layout.long:
            yield from _activity_long(record)
        else:
            yield _activity_wide(record)
    elif isinstance(record, Group | Change):
        tail = _change_tail(record) if isinstance(record, Change) else {}
        if layout is Layout.long:
            yield from (keys | _who(record) | _sum_long(s) | tail for s in record.years)
        elif isinstance(record, Group):
            yield keys | _group_wide(record, years)
        else:
            yield keys | _change_wide(record, years)
    elif isinstance(record, Ending):
        yield _ending_flat(record)
    elif isinstance(record, Edit | TotalEdit):
        yield _edit_flat(record)
    else:
        yield _note_flat(record)


def flat_rows(document: Document, layout: Layout, *, summary: bool = False) -> list[Flat]:
    """Every row of the document, flattened; with the unit as a column where it has one.
    A nested ``--by``: one row per leaf, with a column per level, and the total."""
    out: list[Flat] = []
    levels = getattr(document, "levels", ())
    years: Sequence[int] = getattr(document, "years", ())
    records: list[tuple[Flat, Any]] = [
        ({}, record) for record in row_records(document, summary=summary)
    ]
    if len(levels) > 1 and isinstance(document, Totals | Comparison):
        records = [
            (_level_keys(levels, path), leaf) for path, leaf in _leaves(document.rows, len(levels))
        ]
        records.append((_level_keys(levels, ()), document.total))
    for keys, record in records:
        out.extend(_flattened(record, keys, layout, years))
    unit = getattr(document, "unit", None)
    if unit is not None:
        for flat in out:
            flat["unit"] = unit
    return out


def columns_of(document: Document, layout: Layout, *, summary: bool = False) -> list[str]:
    """The columns the layout has for this document, even when it has no rows."""
    rows = flat_rows(document, layout, summary=summary)
    if rows:
        return list(rows[0])
    # An empty answer still has its header: flatten a stand-in record of the right shape.
    years: Sequence[int] = getattr(document, "years", ())
    flat = next(_flattened(_stand_in(document, summary), {}, layout, years))
    if getattr(document, "unit", None) is not None:
        flat["unit"] = None
    return list(flat)


def _stand_in(document: Document, summary: bool) -> Activity | Note | Edit | Ending:
    if summary:
        return Ending(0, None, None, 0, (), Decimal(0))
    if isinstance(document, Notes):
        return Note("", "", "", NoteKind.footnote, None, "", (), ())
    if isinstance(document, Differences):
        return Edit(EditKind.added, "", None, None, None, None, False, False, None)
    years = getattr(document, "years", ())
    empty = tuple(YearCell(y, None, CellKind.empty, None, False, None) for y in years)
    return Activity(
        "", "", "", "", None, None, None, None, None, empty, None, None, (), (), (), None, None, 0
    )


def select_fields(columns: Sequence[str], wanted: Sequence[str] | None) -> list[str]:
    """``--fields a,b``: those columns, in that order; an unknown one is a usage error."""
    if not wanted:
        return list(columns)
    unknown = [f for f in wanted if f not in columns]
    if unknown:
        raise UsageError(
            text(Msg.err_unknown_field, wanted=", ".join(unknown), known=", ".join(columns))
        )
    return list(wanted)


def cell_text(value: Any) -> str:
    """A flat value as csv and tsv write it: numbers bare, booleans true/false, None empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return number(value)
    return str(value)


def number(value: Decimal) -> str:
    """A decimal's own digits: never an exponent, never a float, never "-0"."""
    digits = format(value, "f")
    return digits.lstrip("-") if value.is_zero() else digits

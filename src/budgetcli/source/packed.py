"""The dataset in a shape that marshal loads and Python builds fast: the parse cache's payload.

A cache hit used to rebuild every activity from a nested dict: a dict per activity, a dict
per year map, a tuple per cell and a Decimal per amount, each built by Python code. At
100,000 activities that took longer than ``json.load`` of the same data. Here the same
dataset is stored by column, so that building it is a handful of C-level passes:

* one list per text field (``ids``, ``names``, ...), identical strings stored once (marshal
  writes a shared object once and refers back to it, and loads it as one object);
* the year cells as one array of 32-bit indices into a table of distinct values
  (``None``, each distinct amount once, each distinct text cell once), so each distinct amount
  becomes a ``Decimal`` once and equal cells share one immutable object;
* the rarely filled fields (actual spend, adjustable years, notes, remarks) as sparse
  ``(row, value)`` pairs.

Amounts are stored as the exact decimal strings ``str(Decimal)`` gives, which read back to the
same digits and exponent.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import cache, partial
from operator import itemgetter
from typing import Any, Literal, NamedTuple

from budgetcli.model import (
    Cell,
    Dataset,
    Department,
    NoteKind,
    SourceActivity,
    SourceNote,
    TextCell,
)

# The Activity fields that are not one plain value per activity: stored their own ways below.
_STRUCTURED = ("budget", "actual", "adjustable", "notes", "remarks")
# Every other Activity field is one plain column (a str or None per activity), in its order.
_COLUMNS = tuple(field for field in SourceActivity._fields if field not in _STRUCTURED)

# Bump when the layout below changes. The index array is in the machine's own byte order and
# item size, so those are part of the tag too (a home directory may be shared across machines),
# and so are the columns: a field added to the model misses every older entry.
LAYOUT = (2, sys.byteorder, memoryview(bytes(8)).cast("I").itemsize, _COLUMNS)
Packed = tuple[Any, ...]


class _Payload(NamedTuple):
    """The payload's parts, by name; marshal stores it as the plain tuple of them."""

    layout: tuple[Any, ...]
    head: tuple[Any, ...]
    """first_year, last_year, unit, title, source."""
    departments: tuple[Any, ...]
    notes: tuple[Any, ...]
    activities: int
    columns: tuple[list[str | None], ...]
    """One per :data:`_COLUMNS`."""
    amounts: tuple[str, ...]
    texts: tuple[str, ...]
    cells: bytes
    """Per activity and year, an index into None, the amounts, then the texts."""
    actual: tuple[Any, ...]
    adjustable: tuple[Any, ...]
    notes_of: tuple[Any, ...]
    remarks: tuple[Any, ...]


# Index-array item type: unsigned int, 4 bytes on every platform CPython supports.
_INDEX: Literal["I"] = "I"
_EMPTY: frozenset[int] = frozenset()
# Below this many activities, writing a builder (a quarter of a millisecond) costs more than it
# saves; the bundled dataset has 67.
_SMALL = 2000


def pack(dataset: Dataset) -> Packed:
    """``dataset`` as builtins only (tuples, lists, str, int, bytes, None) for marshal."""
    from array import array  # only on a cache miss: a hit reads the bytes through memoryview

    shared: dict[str, str] = {}

    def one(text: str | None) -> str | None:
        # The same str object wherever the same text occurs, so marshal stores it once.
        return None if text is None else shared.setdefault(text, text)

    activities = dataset.activities
    years = tuple(dataset.years)
    values: dict[tuple[int, str], int] = {}  # (kind, text) -> index into the value table
    amounts: list[str] = []
    texts: list[str] = []
    cells: list[int] = []
    for activity in activities:
        for year in years:
            cells.append(_cell_key(activity.budget.get(year), values, amounts, texts))
    # Table indices: 0 is None, then amounts, then texts; texts were numbered from 0 in their
    # own list above, so shift them past the amounts now that the amounts are all known.
    offset = len(amounts)
    index = array(_INDEX, [item if item >= 0 else offset - item for item in cells])
    columns = tuple(
        [one(getattr(activity, field)) for activity in activities] for field in _COLUMNS
    )
    payload = _Payload(
        LAYOUT,
        (dataset.first_year, dataset.last_year, dataset.unit, dataset.title, dataset.source),
        tuple(map(tuple, dataset.departments)),
        # Plain strings for marshal: a note's kind is a StrEnum in the model.
        tuple((*n[:2], str(n.kind), *n[3:]) for n in dataset.notes),
        len(activities),
        columns,
        tuple(amounts),
        tuple(texts),
        index.tobytes(),
        _sparse(activities, lambda a: tuple((y, str(v)) for y, v in (a.actual or {}).items())),
        _sparse(activities, lambda a: tuple(sorted(a.adjustable))),
        _sparse(activities, lambda a: tuple(map(one, a.notes))),
        _sparse(activities, lambda a: tuple(map(one, a.remarks))),
    )
    return tuple(payload)  # marshal stores plain tuples only


def _sparse(
    activities: Sequence[SourceActivity], value: Callable[[SourceActivity], tuple[Any, ...]]
) -> tuple[tuple[int, tuple[Any, ...]], ...]:
    """``(row, value)`` for each activity whose value is not empty."""
    return tuple((row, found) for row, a in enumerate(activities) if (found := value(a)))


def _spread(
    pairs: tuple[Any, ...], count: int, empty: Any, make: Callable[[Any], Any] = tuple
) -> list[Any]:
    """:func:`_sparse`'s pairs as a full column: ``empty`` where there was none."""
    column = [empty] * count
    for row, value in pairs:
        column[row] = make(value)
    return column


def _cell_key(
    cell: Cell, values: dict[tuple[int, str], int], amounts: list[str], texts: list[str]
) -> int:
    """The cell's table index: 0 for None, 1.. for amounts, and -1, -2.. for texts (shifted
    past the amounts by the caller)."""
    if cell is None:
        return 0
    if isinstance(cell, TextCell):
        key = (1, cell.text)
        if key not in values:
            texts.append(cell.text)
            values[key] = -len(texts)
        return values[key]
    key = (0, str(cell))
    if key not in values:
        amounts.append(key[1])
        values[key] = len(amounts)
    return values[key]


@cache
def _budget_builder(width: int) -> Callable[..., list[dict[int, Cell]]]:
    """A function making each activity's budget dict from per-year columns of cells.

    Written out for the number of years, as namedtuple writes its __new__: a comprehension
    with a dict display builds the 100,000 dicts of a large dataset in half the time
    ``dict(zip(years, row))`` takes. The generated source holds only names, never data.
    """
    keys = [f"k{i}" for i in range(width)]
    values = [f"v{i}" for i in range(width)]
    pairs = ", ".join(f"{k}: {v}" for k, v in zip(keys, values, strict=True))
    source = (
        f"def build(columns, {', '.join(keys)}):\n"
        f"    return [{{{pairs}}} for {', '.join(values)}, in zip(*columns)]\n"
    )
    namespace: dict[str, Any] = {}
    exec(source, namespace)  # the source holds the names above only
    return namespace["build"]  # type: ignore[no-any-return]


def unpack(packed: Packed) -> Dataset:
    """The dataset ``packed`` holds; ValueError if it is not a payload of this layout."""
    if not isinstance(packed, tuple) or len(packed) != len(_Payload._fields):
        raise ValueError("not a packed dataset of this layout")
    p = _Payload._make(packed)
    if p.layout != LAYOUT:
        raise ValueError("not a packed dataset of this layout")
    first_year, last_year, unit, title, source = p.head
    count = p.activities
    years = tuple(range(first_year, last_year + 1))
    index = memoryview(p.cells).cast(_INDEX)
    if len(p.columns) != len(_COLUMNS) or len(index) != count * len(years):
        raise ValueError("packed dataset is damaged")
    table: list[Cell] = [None, *map(Decimal, p.amounts), *map(TextCell, p.texts)]
    # Indices to shared cell objects in one C-level call (the extra 0 keeps itemgetter
    # returning a tuple even for a single cell), then one column of cells per year.
    budgets: list[dict[int, Cell]] = []
    if count:
        cells = itemgetter(*index.tolist(), 0)(table)
        width = len(years)
        by_year = [cells[offset:-1:width] for offset in range(width)]
        if count < _SMALL:
            budgets = [dict(zip(years, row, strict=True)) for row in zip(*by_year, strict=True)]
        else:
            budgets = _budget_builder(width)(by_year, *years)

    structured = (
        budgets,
        _spread(p.actual, count, None, lambda pairs: {y: Decimal(v) for y, v in pairs}),
        _spread(p.adjustable, count, _EMPTY, frozenset),
        _spread(p.notes_of, count, ()),
        _spread(p.remarks, count, ()),
    )
    by_field: dict[str, Sequence[Any]] = {
        **dict(zip(_COLUMNS, p.columns, strict=True)),
        **dict(zip(_STRUCTURED, structured, strict=True)),
    }
    # Each activity's values in Activity's own field order, whatever order that is.
    rows = zip(*(by_field[field] for field in SourceActivity._fields), strict=True)
    # tuple.__new__ straight from each zipped row: the NamedTuple's own __new__ is Python code,
    # which at 100,000 rows costs more than the whole rest of this function.
    make = partial(tuple.__new__, SourceActivity)
    return Dataset(
        first_year=first_year,
        last_year=last_year,
        unit=unit,
        title=title,
        source=source,
        departments=tuple(map(partial(tuple.__new__, Department), p.departments)),
        notes=tuple(SourceNote(n[0], n[1], NoteKind(n[2]), *n[3:]) for n in p.notes),
        activities=tuple(map(make, rows)),
    )

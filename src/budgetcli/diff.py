"""What changed between two editions of the data: pure, no printing.

Activities are matched by id, so a new name under the same id is a rename, not a removal
and an addition. Amounts are compared as numbers (``0.090`` is ``0.09``); a cell in words is
never a number, so a change to or from words has no difference. A department's totals are
the sums every other command makes (:func:`budgetcli.results.sums.year_sum`): 0 over nothing, None
where the cells are words only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import NamedTuple, TypeAlias

from budgetcli.model import RECORD_FIELDS, TEXT_KEYS, Cell, Dataset, SourceActivity, TextCell
from budgetcli.queries import shifted
from budgetcli.results import Edit, TotalEdit
from budgetcli.results import EditKind as Kind
from budgetcli.results.sums import year_sum
from budgetcli.terms import UNIT_LABELS

Shown: TypeAlias = Decimal | TextCell | str | None
"""An old or new value: an amount, words from the source, a text, or nothing."""


class Compared(NamedTuple):
    """Every difference, and the department totals they move."""

    edits: tuple[Edit, ...]
    totals: tuple[TotalEdit, ...]


def _edit(
    kind: Kind,
    key: str,
    field: str | None,
    year: int | None,
    old: Shown,
    new: Shown,
    difference: Decimal | None = None,
) -> Edit:
    """Words in a year cell keep their text and say so (``old_is_text``)."""
    return Edit(
        kind,
        key,
        field,
        year,
        old.text if isinstance(old, TextCell) else old,
        new.text if isinstance(new, TextCell) else new,
        isinstance(old, TextCell),
        isinstance(new, TextCell),
        difference,
    )


_LIST_FIELDS = {"notes": ", ", "adjustable": ", ", "remarks": "\n"}
_ACTIVITY_FIELDS = ("department", *TEXT_KEYS, *RECORD_FIELDS, *_LIST_FIELDS)


def _difference(old: Cell, new: Cell) -> Decimal | None:
    if isinstance(old, TextCell) or isinstance(new, TextCell):
        return None
    return (new or Decimal(0)) - (old or Decimal(0))


def _field_value(activity: SourceActivity, key: str) -> str | None:
    if key in _LIST_FIELDS:
        value = getattr(activity, key)
        items = sorted(value) if key == "adjustable" else value
        return _LIST_FIELDS[key].join(str(v) for v in items) or None
    text: str | None = getattr(activity, key)
    return text


def _cells(
    kind: Kind,
    activity_id: str,
    years: Iterable[int],
    old: dict[int, Cell],
    new: dict[int, Cell],
    comparable: bool,
) -> Iterator[Edit]:
    for year in years:
        before, after = old.get(year), new.get(year)
        if before != after:  # amounts as numbers: 0.090 is 0.09
            difference = _difference(before, after) if comparable else None
            yield _edit(kind, activity_id, None, year, before, after, difference)


def _activity(
    old: SourceActivity, new: SourceActivity, years: list[int], comparable: bool
) -> Iterator[Edit]:
    if old.name != new.name:
        yield _edit(Kind.renamed, new.id, "name", None, old.name, new.name)
    budgets = dict(old.budget), dict(new.budget)
    yield from _cells(Kind.budget, new.id, years, *budgets, comparable)
    actuals: tuple[dict[int, Cell], dict[int, Cell]] = (
        dict(old.actual or {}),
        dict(new.actual or {}),
    )
    yield from _cells(Kind.actual, new.id, years, *actuals, comparable)
    for key in _ACTIVITY_FIELDS:
        before, after = _field_value(old, key), _field_value(new, key)
        if before != after:
            yield _edit(Kind.field, new.id, key, None, before, after)


def _records(
    kind: Kind,
    old: dict[str, tuple[str, ...]],
    new: dict[str, tuple[str, ...]],
    fields: tuple[str, ...],
) -> Iterator[Edit]:
    """Notes and departments: each a tuple of its fields' texts, in ``fields`` order."""
    for key, before in old.items():
        after = new.get(key)
        if after is None:
            yield _edit(kind, key, None, None, before[0], None)
            continue
        for name, a, b in zip(fields, before, after, strict=True):
            if a != b:
                yield _edit(kind, key, name, None, a or None, b or None)
    for key, after in new.items():
        if key not in old:
            yield _edit(kind, key, None, None, None, after[0])


def _notes(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    return {
        n.id: (n.text, n.department, n.kind.value, n.marker or "", "\n".join(n.links))
        for n in dataset.notes
    }


def _departments(dataset: Dataset) -> dict[str, tuple[str, ...]]:
    return {
        d.code: (d.name, str(d.appendix), d.name_en, d.title, "\n".join(d.sections))
        for d in dataset.departments
    }


def _about(dataset: Dataset) -> dict[str, str]:
    return {
        "title": dataset.title,
        "source": dataset.source,
        "unit": dataset.unit,
        "period": f"{dataset.first_year}-{dataset.last_year}",
    }


def _totals(old: Dataset, new: Dataset, years: list[int], comparable: bool) -> Iterator[TotalEdit]:
    codes = list(
        dict.fromkeys([d.code for d in old.departments] + [d.code for d in new.departments])
    )
    for code in codes:
        before = [a for a in old.activities if a.department == code]
        after = [a for a in new.activities if a.department == code]
        for year in years:
            a, b = year_sum(before, year).amount, year_sum(after, year).amount
            if a != b:
                difference = None if a is None or b is None or not comparable else b - a
                yield TotalEdit(code, year, a, b, difference)


def _in_unit_of(old: Dataset, new: Dataset) -> Dataset | None:
    """``old`` with its amounts in ``new``'s unit (2,000 t.kr. is 2 mio. kr.), so that the
    two compare as amounts; None where the units differ and one is not known to budgetcli."""
    if old.unit == new.unit:
        return old
    exponents = {label: unit.exponent for unit, label in UNIT_LABELS.items()}
    if old.unit not in exponents or new.unit not in exponents:
        return None
    return shifted(old, exponents[new.unit] - exponents[old.unit], new.unit)


def compare_datasets(old: Dataset, new: Dataset) -> Compared:
    """Every difference from ``old`` to ``new``, in the order of the old file (then what
    the new one adds), and the effect on each department's total per year.

    Amounts compare in ``new``'s unit: where the files' units differ, the unit change is
    reported and ``old``'s amounts are shown converted; where one unit is unknown, no
    difference is computed at all (two numbers in different units do not subtract)."""
    years = sorted(set(old.years) | set(new.years))
    changes: list[Edit] = []
    before, after = _about(old), _about(new)
    converted = _in_unit_of(old, new)
    comparable = converted is not None
    old = converted or old
    changes += [
        _edit(Kind.dataset, key, key, None, before[key] or None, after[key] or None)
        for key in before
        if before[key] != after[key]
    ]
    changes += _records(
        Kind.department,
        _departments(old),
        _departments(new),
        ("name", "appendix", "name_en", "title", "sections"),
    )
    changes += _records(
        Kind.note, _notes(old), _notes(new), ("text", "department", "kind", "marker", "links")
    )
    new_by_id = {a.id: a for a in new.activities}
    old_ids = {a.id for a in old.activities}
    for activity in old.activities:
        counterpart = new_by_id.get(activity.id)
        if counterpart is None:
            changes.append(_edit(Kind.removed, activity.id, None, None, activity.name, None))
        else:
            changes += _activity(activity, counterpart, years, comparable)
    for activity in new.activities:
        if activity.id not in old_ids:
            changes.append(_edit(Kind.added, activity.id, None, None, None, activity.name))
    return Compared(tuple(changes), tuple(_totals(old, new, years, comparable)))

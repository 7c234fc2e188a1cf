"""The Python API: the same answers as the command line, as typed results.

>>> from budgetcli import api
>>> api.total(year=2021, by="department").to_dict()["total"]["years"][0]["amount"]
Decimal('94.802')

Each function returns the command's result (:mod:`budgetcli.results`): its ``to_dict()``
equals, number for number (Decimals kept), what ``budgetcli COMMAND --format json``
prints; a sum of words only is ``None``, never 0. Keyword arguments are named like the
options. ``data`` is a path to a data file, a dataset from :func:`load`, or None for the
bundled one. Bad arguments raise :class:`budgetcli.errors.UsageError`; a bad data file
:class:`budgetcli.errors.DatasetError`.

This module and the result types are the stable surface (semantic versioning, from 1.0;
in 0.x a minor version may change them and says so in README.md); everything else is
internal.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypedDict, TypeVar, Unpack

from budgetcli import queries
from budgetcli.errors import UsageError
from budgetcli.filtering import FILTERS, find, resolve_filters
from budgetcli.model import Activity, Dataset
from budgetcli.queries import Basis, Grouping, Order, Unit
from budgetcli.results import Activities, Comparison, Document, Notes, Shown, Totals, build
from budgetcli.results.searched import with_search_notes
from budgetcli.search import Found

D = TypeVar("D", bound=Document)

__all__ = ["compare", "expiring", "list_activities", "load", "notes", "show", "total"]

Data = str | Path | Dataset | None
Names = str | Sequence[str] | None


class Selecting(TypedDict, total=False):
    """The keyword arguments every question over activities takes, named like the options."""

    department: Names
    """A code or name prefix, or several: ``"BUF"``, ``["BIF", "børne"]``."""
    section: Names
    search: str | None
    funding: str | None
    sort: str | None
    """A year, ``total``, ``name``...; ``-KEY`` for descending."""
    top: int | None
    unit: str
    """``mio`` (as printed), ``tkr`` or ``kr``: an exact shift."""
    data: Data


def load(data: str | Path | None = None, *, use_cache: bool = True) -> Dataset:
    """The dataset in ``data`` (a YAML or JSON data file), or the bundled one."""
    from budgetcli.source import loader

    return loader.load(
        loader.resolve_data_path(None if data is None else Path(data)), use_cache=use_cache
    )


def _dataset(data: Data, unit: str) -> Dataset:
    dataset = data if isinstance(data, Dataset) else load(data)
    try:
        wanted = Unit(unit)
    except ValueError:
        raise UsageError(f"unit {unit!r} is not one of mio, tkr, kr") from None
    return queries.in_unit(dataset, wanted) if wanted is not Unit.mio else dataset


def _names(value: Names) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _grouping(by: str | Grouping | None, offered: Sequence[Grouping]) -> Grouping | None:
    if by is None:
        return None
    for choice in offered:
        if choice.value == str(by).strip().lower():
            return choice
    raise UsageError(f"by {by!r} is not one of {', '.join(c.value for c in offered)}")


def _levels(by: str | Grouping | None, offered: Sequence[Grouping]) -> tuple[Grouping, ...]:
    """``by="department,section"`` nests, as ``--by`` does."""
    if by is None:
        return ()
    parts = [by] if isinstance(by, Grouping) else str(by).split(",")
    return queries.check_levels([g for g in (_grouping(p, offered) for p in parts) if g])


def _asked(
    selecting: Selecting, year: int | None = None
) -> tuple[Dataset, queries.Filters, list[Activity], Order, Found]:
    """The dataset in the unit asked, the filters as understood, the activities they keep
    (in source order), the order asked for, and what the search found (best first)."""
    dataset = _dataset(selecting.get("data"), selecting.get("unit", "mio"))
    given: dict[str, Any] = dict(selecting)
    typed = {f.name: _names(given.get(f.name)) if f.repeat else given.get(f.name) for f in FILTERS}
    filters = resolve_filters(dataset, {**typed, "year": year})
    order = Order.parse(selecting.get("sort"), selecting.get("top"))
    found = find(dataset, filters)
    chosen = list(found.activities)
    if filters.search:
        chosen = queries.in_source_order(dataset, chosen)
    return dataset, filters, chosen, order, found


def _told(document: D, dataset: Dataset, selecting: Selecting, found: Found) -> D:
    return with_search_notes(document, dataset, selecting.get("search"), found)


def list_activities(*, year: int | None = None, **selecting: Unpack[Selecting]) -> Activities:
    """``budgetcli list``: the activities the filters keep (``year``: with a cell that year)."""
    dataset, filters, _, order, found = _asked(selecting, year)
    result = build.list_result(dataset, found.activities, filters, order)
    return _told(result, dataset, selecting, found)


def show(activity: str, *, unit: str = "mio", data: Data = None) -> Shown:
    """``budgetcli show``: one activity, by id, a unique prefix, its name or search words."""
    dataset = _dataset(data, unit)
    return build.show_result(dataset, queries.find_activity(dataset, activity))


def total(
    *,
    year: int | None = None,
    by: str | None = None,
    basis: str = "budget",
    **selecting: Unpack[Selecting],
) -> Totals:
    """``budgetcli total``: sums per year, by group, and what they left out."""
    levels = _levels(
        by, (Grouping.department, Grouping.section, Grouping.funding, Grouping.activity)
    )
    dataset, filters, chosen, order, found = _asked(selecting)
    queries.check_nested_order(levels, order)
    checked = None if year is None else queries.check_year(dataset, year)
    first = levels[0] if levels else None
    result = build.total_result(
        dataset, chosen, checked, first, Basis(basis), filters, order, levels
    )
    return _told(result, dataset, selecting, found)


def compare(
    from_year: int, to_year: int, *, by: str = "department", **selecting: Unpack[Selecting]
) -> Comparison:
    """``budgetcli compare``: two years by group, and the change."""
    levels = _levels(by, (Grouping.department, Grouping.section, Grouping.activity))
    dataset, filters, chosen, order, found = _asked(selecting)
    queries.check_nested_order(levels, order)
    years = (queries.check_year(dataset, from_year), queries.check_year(dataset, to_year))
    if from_year == to_year:
        raise UsageError(f"compare two different years, not {from_year} with itself")
    result = build.compare_result(dataset, chosen, *years, levels[0], filters, order, levels)
    return _told(result, dataset, selecting, found)


def expiring(*, year: int | None = None, **selecting: Unpack[Selecting]) -> Activities:
    """``budgetcli expiring``: activities whose funding ends before the period's last year."""
    dataset, filters, chosen, order, found = _asked(selecting)
    checked = None if year is None else queries.check_year(dataset, year)
    result = build.expiring_result(dataset, chosen, checked, filters, order)
    return _told(result, dataset, selecting, found)


def notes(*, department: Names = None, data: Data = None) -> Notes:
    """``budgetcli notes``: the source's own footnotes and heading paragraphs."""
    dataset = _dataset(data, "mio")
    codes = [queries.resolve_department(dataset, d) for d in _names(department)]
    return build.notes_result(dataset, codes)

"""The Python API, and the one place every answer is composed: the command line parses its
options, calls a function here and emits what it returns.

>>> from budgetcli import api
>>> api.total(year=2021, by="department").to_dict()["total"]["years"][0]["amount"]
Decimal('94.802')

Each function returns the command's result (:mod:`budgetcli.results`): its ``to_dict()``
equals, number for number (Decimals kept), what ``budgetcli COMMAND --format json``
prints; a sum of words only is ``None``, never 0. Keyword arguments are named like the
options. ``data`` is a path to a data file, a dataset from :func:`load`, or None for the
bundled one. An unknown keyword raises :class:`TypeError`, as Python does; a bad value
:class:`budgetcli.errors.UsageError`, with the command line's words; a bad data file
:class:`budgetcli.errors.DatasetError`.

This module and the result types are the stable surface (semantic versioning, from 1.0;
in 0.x a minor version may change them and says so in README.md); everything else is
internal.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict, Unpack

from budgetcli import queries, terms
from budgetcli.errors import UsageError
from budgetcli.filtering import FILTERS, find, in_order, resolve_filters
from budgetcli.i18n import Msg, text
from budgetcli.model import Dataset, SourceActivity
from budgetcli.queries import Order
from budgetcli.results import (
    Activities,
    Comparison,
    D,
    Differences,
    Filters,
    Notes,
    Shown,
    Totals,
    build,
)
from budgetcli.results.searched import with_search_notes
from budgetcli.search import Found
from budgetcli.terms import Basis, Grouping, Unit, check_levels

if TYPE_CHECKING:
    from budgetcli.reports import Report
    from budgetcli.reports.document import Document

__all__ = [
    "chart",
    "compare",
    "diff",
    "expiring",
    "list_activities",
    "load",
    "notes",
    "report",
    "show",
    "total",
]

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
    """The first N rows (after ``sort``); N at least 1."""
    unit: str
    """``mio`` (as printed), ``tkr`` or ``kr``: an exact shift."""
    data: Data


_SELECTING = frozenset(Selecting.__annotations__)


def load(data: str | Path | None = None, *, use_cache: bool = True, unit: str = "mio") -> Dataset:
    """The dataset in ``data`` (a YAML or JSON data file; ``-`` standard input), or the
    bundled one; its amounts in ``unit`` (``mio`` as printed, ``tkr``, ``kr``)."""
    from budgetcli.source import loader

    path = loader.resolve_data_path(None if data is None else Path(data))
    return _dataset(loader.load(path, use_cache=use_cache), unit)


# --- checking what was asked ----------------------------------------------------------------


def _strict(function: str, given: Mapping[str, Any], allowed: frozenset[str]) -> None:
    """An unknown keyword is a TypeError, as Python's own: a misspelt filter must not
    silently answer for the whole city."""
    for name in given:
        if name not in allowed:
            close = queries.closest(name, sorted(allowed))
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise TypeError(f"{function}() got an unexpected keyword argument {name!r}{hint}")


def _int(value: Any, what: str) -> int:
    """A whole number, as the command line reads one (``"2020"`` is 2020)."""
    if isinstance(value, bool):
        raise UsageError(text(Msg.err_not_whole, what=what, value=repr(value)))
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise UsageError(text(Msg.err_not_whole, what=what, value=repr(value)))


def _year(dataset: Dataset, year: Any) -> int | None:
    return None if year is None else queries.check_year(dataset, _int(year, "year"))


def _choice(value: Any, offered: Sequence[Any], what: str) -> Any:
    for choice in offered:
        if choice.value == str(value).strip().lower():
            return choice
    known = ", ".join(c.value for c in offered)
    raise UsageError(text(Msg.err_not_one_of, what=what, value=repr(value), known=known))


def _dataset(data: Data, unit: str) -> Dataset:
    """The data in the unit asked (a dataset already in it is taken as it is)."""
    dataset = data if isinstance(data, Dataset) else load(data)
    wanted: Unit = _choice(unit, tuple(Unit), "unit")
    if dataset.unit == wanted.label:
        return dataset
    return queries.in_unit(dataset, wanted)


def _names(value: Names) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _levels(by: str | Grouping | None, offered: Sequence[Grouping]) -> tuple[Grouping, ...]:
    """``by="department,section"`` nests, as ``--by`` does."""
    if by is None:
        return ()
    parts = [by] if isinstance(by, Grouping) else str(by).split(",")
    return check_levels([_choice(p, offered, "by") for p in parts])


def _order(selecting: Selecting) -> Order:
    top = selecting.get("top")
    if top is not None and _int(top, "top") < 1:
        raise UsageError(text(Msg.err_top, top=top))
    return Order.parse(selecting.get("sort"), None if top is None else _int(top, "top"))


class _Asked:
    """A question over activities as understood: the dataset in the unit asked, the
    filters, the activities they keep (in source order), the order, what the search found."""

    def __init__(self, function: str, selecting: Selecting, year: Any = None) -> None:
        _strict(function, selecting, _SELECTING)
        self.dataset = _dataset(selecting.get("data"), selecting.get("unit", "mio"))
        self.order = _order(selecting)
        given: dict[str, Any] = dict(selecting)
        typed = {
            f.name: _names(given.get(f.name)) if f.repeat else given.get(f.name) for f in FILTERS
        }
        typed["year"] = None if year is None else _int(year, "year")
        self.filters = resolve_filters(self.dataset, typed)
        self.found: Found = find(self.dataset, self.filters)
        self.chosen: list[SourceActivity] = in_order(self.dataset, self.filters, self.found)

    def told(self, document: D) -> D:
        """The result, with what the search has to say (close spellings, nearest names)."""
        return with_search_notes(document, self.dataset, self.filters.search, self.found)


# --- the questions -------------------------------------------------------------------------


def list_activities(*, year: int | None = None, **selecting: Unpack[Selecting]) -> Activities:
    """``budgetcli list``: the activities the filters keep (``year``: with a cell that year)."""
    asked = _Asked("list_activities", selecting, year)
    result = build.list_result(asked.dataset, asked.found.activities, asked.filters, asked.order)
    return asked.told(result)


def show(activity: str, *, unit: str = "mio", data: Data = None) -> Shown:
    """``budgetcli show``: one activity, by id, a unique prefix, its name or search words."""
    dataset = _dataset(data, unit)
    picked, also = queries.pick_activity(dataset, activity)
    return build.show_result(dataset, picked, also_found=(activity, also))


def total(
    *,
    year: int | None = None,
    by: str | None = None,
    basis: str = "budget",
    **selecting: Unpack[Selecting],
) -> Totals:
    """``budgetcli total``: sums per year, by group, and what they left out."""
    levels = _levels(by, terms.TOTAL_BY)
    counted: Basis = _choice(basis, tuple(Basis), "basis")
    asked = _Asked("total", selecting)
    _check_nested(levels, asked.order)
    result = build.total_result(
        asked.dataset,
        asked.chosen,
        _year(asked.dataset, year),
        levels[0] if levels else None,
        counted,
        asked.filters,
        asked.order,
        levels,
    )
    return asked.told(result)


def compare(
    from_year: int, to_year: int, *, by: str = "department", **selecting: Unpack[Selecting]
) -> Comparison:
    """``budgetcli compare``: two years by group, and the change."""
    if by is None:
        raise UsageError(text(Msg.err_not_one_of, what="by", value="None", known="department"))
    levels = _levels(by, terms.COMPARE_BY)
    asked = _Asked("compare", selecting)
    _check_nested(levels, asked.order)
    years = (
        queries.check_year(asked.dataset, _int(from_year, "from_year")),
        queries.check_year(asked.dataset, _int(to_year, "to_year")),
    )
    if years[0] == years[1]:
        raise UsageError(text(Msg.err_same_year, year=years[0]))
    result = build.compare_result(
        asked.dataset, asked.chosen, *years, levels[0], asked.filters, asked.order, levels
    )
    return asked.told(result)


def expiring(
    *,
    year: int | None = None,
    summary: bool = False,
    by: str | None = None,
    **selecting: Unpack[Selecting],
) -> Activities:
    """``budgetcli expiring``: activities whose funding ends before the period's last year.

    The result always carries the summary (per last funded year: how many stop and how much
    ends with them); ``summary`` asks for it as the answer, ``by="department"`` per
    department too. A summary covers every year: no ``year``, ``sort`` or ``top`` with it."""
    levels = _levels(by, terms.EXPIRING_BY)
    if levels and not summary:
        raise UsageError(text(Msg.err_expiring_by))
    if summary and (year is not None or selecting.get("sort") or selecting.get("top")):
        raise UsageError(text(Msg.err_expiring_summary))
    asked = _Asked("expiring", selecting)
    result = build.expiring_result(
        asked.dataset,
        asked.chosen,
        _year(asked.dataset, year),
        asked.filters,
        asked.order,
        by_department=bool(levels),
    )
    return asked.told(result)


def notes(*, department: Names = None, data: Data = None) -> Notes:
    """``budgetcli notes``: the source's own footnotes and heading paragraphs."""
    dataset = _dataset(data, "mio")
    codes = [queries.resolve_department(dataset, d) for d in _names(department)]
    return build.notes_result(dataset, codes)


def chart(*, by: str = "year", year: int | None = None, **selecting: Unpack[Selecting]) -> Totals:
    """``budgetcli chart``: the bars' figures, per year or per group over one year (or the
    whole period); ``top`` keeps the N largest groups. A bar per activity takes a filter or
    ``top``."""
    grouping: Grouping = _choice(by, terms.CHART_BY, "by")
    asked = _Asked("chart", selecting)
    if asked.order.key is not None:
        raise TypeError("chart() takes no 'sort': its bars are the largest first")
    result = build.chart_result(
        asked.dataset,
        asked.chosen,
        grouping,
        _year(asked.dataset, year),
        asked.filters,
        top=asked.order.top,
    )
    return asked.told(result)


def diff(
    old: str | Path | Dataset,
    new: str | Path | Dataset,
    *,
    use_cache: bool = True,
    names: tuple[str, str] | None = None,
) -> Differences:
    """``budgetcli diff``: what changed from one data file (or workbook, or dataset) to
    another; ``names`` name the two in the answer (default: the paths given)."""
    from budgetcli.diff import compare_datasets
    from budgetcli.source.workbook_import import read_dataset

    def dataset(given: str | Path | Dataset) -> Dataset:
        return (
            given if isinstance(given, Dataset) else read_dataset(Path(given), use_cache=use_cache)
        )

    before, after = dataset(old), dataset(new)
    old_name, new_name = names or (str(old), str(new))
    if isinstance(old, Dataset) and names is None:
        old_name, new_name = "old", "new"
    return build.diff_result(compare_datasets(before, after), old_name, new_name, after.unit)


def report(
    *,
    lang: str = "en",
    year: int | None = None,
    use_cache: bool = True,
    **selecting: Unpack[Selecting],
) -> str:
    """``budgetcli report``: the self-contained HTML page of the activities the filters keep
    (``year``: with a cell that year), with the data file it was made from embedded."""
    from budgetcli.formats.htmlreport import html_report
    from budgetcli.i18n import Lang
    from budgetcli.reports.asked import selection_heading
    from budgetcli.source import loader

    _strict("report", selecting, _SELECTING - {"sort", "top", "unit"})
    language: Lang = _choice(lang, tuple(Lang), "lang")
    given = selecting.get("data")
    if isinstance(given, Dataset):
        raise TypeError("report() reads its data file itself: give data as a path")
    path = loader.resolve_data_path(None if given is None else Path(given))
    # The bytes parsed are the bytes embedded: a stream (--data -) is read once.
    dataset, parsed = loader.read(path, use_cache=use_cache)
    asked = _Asked("report", {**selecting, "data": dataset}, year)
    return html_report(
        dataset,
        _report_document(dataset, asked.chosen, asked.filters),
        filters_description=selection_heading(language, asked.filters),
        lang=language.value,
        data_path=path,
        data_bytes=loader.read_bytes(path) if parsed is None else parsed,
    )


def _report_document(
    dataset: Dataset, activities: Sequence[SourceActivity], filters: Filters = build.NO_FILTERS
) -> Document:
    """The HTML report's answers, about ``activities`` (the filters' selection): the
    totals, charts and expiring activities ``total``, ``chart`` and ``expiring`` give, as
    people see them (``filters.year`` narrows the totals and charts; what expires covers
    the whole period), the activities as ``list`` gives them, and the source's notes as
    ``notes`` gives them."""
    from budgetcli.reports.activities import activities_report
    from budgetcli.reports.document import Document
    from budgetcli.reports.totals import chart_report_of, totals_report

    year = filters.year

    def chart(by: Grouping, year: int | None) -> Report:
        return chart_report_of(build.chart_result(dataset, activities, by, year), dataset)

    totals = build.total_result(dataset, activities, year, Grouping.department, Basis.budget)
    everything = build.list_result(dataset, dataset.activities)
    unfiltered = filters == build.NO_FILTERS and tuple(activities) == dataset.activities
    return Document(
        totals=totals_report(totals, dataset),
        year_chart=None if year is not None else chart(Grouping.year, None),
        department_chart=chart(Grouping.department, year),
        expiring=activities_report(build.expiring_result(dataset, activities, None), dataset),
        # No filter: the selection is every activity, in source order (made once).
        selection=everything if unfiltered else build.list_result(dataset, activities, filters),
        everything=everything,
        notes=build.notes_result(dataset, ()),
    )


def _check_nested(levels: Sequence[Grouping], order: Order) -> None:
    queries.check_nested_order(levels, order)

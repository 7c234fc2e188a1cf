"""The filters, each declared once: its name, how it is typed on the command line, how what
was typed is understood, which activities it keeps, and how it is said back to people.

Every layer loops over :data:`FILTERS`: the command line's options (``cli/grammar.py``),
resolving and selecting (:func:`resolve_filters`, :func:`find`), the ``filters`` record of
every answer (:class:`budgetcli.results.Filters`: as understood is as shown), titles
(``reports/asked.py``) and the HTML report's heading. The typed records that name the
filters one by one, for mypy and the JSON Schema (:class:`budgetcli.results.Filters` and
:class:`budgetcli.api.Selecting`), are held to this list by ``tests/test_architecture.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from budgetcli import queries
from budgetcli.i18n import Msg, Text, text
from budgetcli.model import Dataset, SourceActivity
from budgetcli.results import Filters
from budgetcli.search import Found, search


class Filter(NamedTuple):
    name: str
    """The option (``--department``), the API's keyword and the JSON ``filters`` key; its
    words are ``Msg.filter_NAME`` (titles) and ``Msg.report_f_NAME`` (the report's heading)."""
    flags: tuple[str, ...]
    help: str
    value: type
    understood: Callable[[Dataset, Any], Any]
    """What was typed (a list if ``repeat``; None if not given) -> as understood, which is
    how an answer's ``filters`` record shows it (codes, sections as people name them)."""
    keeps: Callable[[Dataset, Any], Callable[[SourceActivity], bool]] | None
    """As understood -> whether an activity passes (made once per question, so it may ask
    the whole dataset once); None for the search, which ranks (:mod:`budgetcli.search`)."""
    repeat: bool = False
    """May be given more than once (then all of them: any of them is kept)."""
    titled: Callable[[Dataset, Any], Text | None] | None = None
    """Its words in a title, when given (None: ``Msg.filter_NAME`` with the value)."""
    joined: bool = False
    """The report's heading names a repeated filter's values in one part (``administration
    BUF, SUF``), not one part each (sections, whose headings may hold commas)."""

    def title(self, dataset: Dataset, shown: Any) -> Text | None:
        if self.titled is not None:
            return self.titled(dataset, shown)
        return text(f"filter_{self.name}", **{self.name: shown}) if given(shown) else None

    def heading(self, shown: Any) -> list[Text]:
        """Its parts of the HTML report's heading (``Msg.report_f_NAME``), when given."""
        if not given(shown):
            return []
        values = [", ".join(shown)] if self.joined else list(shown) if self.repeat else [shown]
        return [text(f"report_f_{self.name}", value=value) for value in values]


def _each(resolve: Callable[[Dataset, str], Any]) -> Callable[[Dataset, Any], tuple[Any, ...]]:
    return lambda dataset, typed: tuple(resolve(dataset, one) for one in typed or ())


def _year(dataset: Dataset, typed: int | None) -> int | None:
    return None if typed is None else queries.check_year(dataset, typed)


def _sections(dataset: Dataset, typed: Any) -> tuple[str, ...]:
    """Each section typed, as people name it (:func:`budgetcli.queries.section_labels`)."""
    labels = queries.section_labels(dataset)
    return tuple(labels[queries.resolve_section(dataset, one)] for one in typed or ())


def _in_sections(dataset: Dataset, labels: tuple[str, ...]) -> Callable[[SourceActivity], bool]:
    refs = {ref for ref, label in queries.section_labels(dataset).items() if label in labels}
    return lambda activity: (activity.department, activity.section) in refs


def _departments_titled(dataset: Dataset, codes: tuple[str, ...]) -> Text | None:
    if len(codes) == 1:
        return text(Msg.filter_department, code=codes[0], name=dataset.department(codes[0]).name)
    return text(Msg.filter_departments, codes=", ".join(codes)) if codes else None


def _sections_titled(dataset: Dataset, labels: tuple[str, ...]) -> Text | None:
    quoted = ", ".join(f"“{label}”" for label in labels)
    return text(Msg.filter_section, sections=quoted) if labels else None


FILTERS: tuple[Filter, ...] = (
    Filter(
        "department",
        ("--department", "-d"),
        "Department code or name prefix (repeatable): BUF, 'børne'.",
        str,
        _each(queries.resolve_department),
        lambda dataset, codes: lambda activity: activity.department in codes,
        repeat=True,
        titled=_departments_titled,
        joined=True,
    ),
    Filter(
        "section",
        ("--section",),
        "Section heading, or part of it (repeatable).",
        str,
        _sections,
        _in_sections,
        repeat=True,
        titled=_sections_titled,
    ),
    Filter(
        "year",
        ("--year", "-y"),
        "Only activities with a cell that year.",
        int,
        _year,
        lambda dataset, year: lambda activity: activity.cell(year) is not None,
    ),
    Filter(
        "search",
        ("--search", "-s"),
        "Text in name, description, target group, effect or funding.",
        str,
        lambda dataset, typed: None if typed is None else queries.check_search(typed),
        None,
    ),
    Filter(
        "funding",
        ("--funding",),
        "A funding decision (as --by funding names it), or text in the funding column.",
        str,
        lambda dataset, typed: typed,
        queries.funded_by,
    ),
)


def given(value: Any) -> bool:
    """Whether a filter's value narrows anything: not None, not empty."""
    return value is not None and value not in ((), "")


def resolve_filters(dataset: Dataset, typed: Mapping[str, Any]) -> Filters:
    """The filters as typed, by name (``{"department": ["BUF"], "year": 2020}``) -> as
    understood (codes, whole section names, a known year)."""
    return Filters(**{f.name: f.understood(dataset, typed.get(f.name)) for f in FILTERS})


def find(dataset: Dataset, filters: Filters) -> Found:
    """The activities matching every filter: in source order, or best first with a
    search (see :mod:`budgetcli.search`), and how closely the search matched."""
    tests = [
        f.keeps(dataset, value)
        for f in FILTERS
        if f.keeps is not None and given(value := getattr(filters, f.name))
    ]
    out = tuple(a for a in dataset.activities if all(keeps(a) for keeps in tests))
    if not filters.search:
        return Found(out)
    return search(out, queries.folded_needle(filters.search))


def in_order(dataset: Dataset, filters: Filters, found: Found) -> list[SourceActivity]:
    """The activities found, in source order, as every answer lists them (a search found
    them best first)."""
    if filters.search:
        return queries.in_source_order(dataset, found.activities)
    return list(found.activities)


def select(dataset: Dataset, filters: Filters) -> list[SourceActivity]:
    """The activities matching every filter, in source order."""
    return in_order(dataset, filters, find(dataset, filters))


def titled(dataset: Dataset, filters: Mapping[str, Any]) -> Iterable[Text]:
    """The words of each filter given, for a title."""
    for f in FILTERS:
        words = f.title(dataset, filters[f.name])
        if words is not None:
            yield words

"""What was asked, said back: titles that name the filters and the unit, and the ``filters``
key of the JSON objects. A table pasted into a memo must say it is BUF's, not the city's."""

from __future__ import annotations

from typing import Any

from budgetcli.i18n import Msg, Text, text
from budgetcli.model import Dataset
from budgetcli.queries import Filters

NO_FILTERS = Filters()


def titled(question: Text, dataset: Dataset, filters: Filters = NO_FILTERS) -> Text:
    """``Budget 2021, BUF: Børne- og Ungdomsforvaltningen (mio. kr.)``."""
    return text(
        Msg.title, question=question, filters=_described(dataset, filters), unit=dataset.unit
    )


def _described(dataset: Dataset, filters: Filters) -> Text | str:
    parts: list[Text] = []
    if len(filters.departments) == 1:
        code = filters.departments[0]
        parts.append(text(Msg.filter_department, code=code, name=dataset.department(code).name))
    elif filters.departments:
        parts.append(text(Msg.filter_departments, codes=", ".join(filters.departments)))
    if filters.sections:
        quoted = ", ".join(f"“{dataset.section_label(*ref)}”" for ref in filters.sections)
        parts.append(text(Msg.filter_section, sections=quoted))
    if filters.year is not None:
        parts.append(text(Msg.filter_year, year=filters.year))
    if filters.search:
        parts.append(text(Msg.filter_search, search=filters.search))
    if filters.funding:
        parts.append(text(Msg.filter_funding, funding=filters.funding))
    described: Text | str = ""
    for part in reversed(parts):
        described = text(Msg.filter_part, part=part, rest=described)
    return described


def filters_json(dataset: Dataset, filters: Filters) -> dict[str, Any]:
    """The filters given, by the names of their options; the same in every language."""
    return {
        "department": list(filters.departments),
        "section": [dataset.section_label(*ref) for ref in filters.sections],
        "year": filters.year,
        "search": filters.search,
        "funding": filters.funding,
    }

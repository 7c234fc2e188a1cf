"""What was asked, said back: titles that name the filters and the unit, and the ``filters``
key of the JSON objects. A table pasted into a memo must say it is BUF's, not the city's."""

from __future__ import annotations

from budgetcli.i18n import Msg, Text, text
from budgetcli.model import Dataset
from budgetcli.results import Filters

NO_FILTERS = Filters((), (), None, None, None)


def titled(question: Text, dataset: Dataset, filters: Filters = NO_FILTERS) -> Text:
    """``Budget 2021, BUF: Børne- og Ungdomsforvaltningen (mio. kr.)``."""
    return text(
        Msg.title, question=question, filters=_described(dataset, filters), unit=dataset.unit
    )


def _described(dataset: Dataset, filters: Filters) -> Text | str:
    parts: list[Text] = []
    if len(filters.department) == 1:
        code = filters.department[0]
        parts.append(text(Msg.filter_department, code=code, name=dataset.department(code).name))
    elif filters.department:
        parts.append(text(Msg.filter_departments, codes=", ".join(filters.department)))
    if filters.section:
        quoted = ", ".join(f"“{label}”" for label in filters.section)
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

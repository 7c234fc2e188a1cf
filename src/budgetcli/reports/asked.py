"""What was asked, said back: titles that name the filters and the unit, and the HTML
report's heading. A table pasted into a memo must say it is BUF's, not the city's. (The
``filters`` key of the JSON objects is the result's own.)"""

from __future__ import annotations

from budgetcli import filtering
from budgetcli.i18n import Lang, Msg, Text, Tr, text
from budgetcli.model import Dataset
from budgetcli.results import Filters

NO_FILTERS = Filters()


def titled(question: Text, dataset: Dataset, filters: Filters = NO_FILTERS) -> Text:
    """``Budget 2021, BUF: Børne- og Ungdomsforvaltningen (mio. kr.)``."""
    return text(
        Msg.title, question=question, filters=_described(dataset, filters), unit=dataset.unit
    )


def _described(dataset: Dataset, filters: Filters) -> Text | str:
    described: Text | str = ""
    for part in reversed(list(filtering.titled(dataset, filters._asdict()))):
        described = text(Msg.filter_part, part=part, rest=described)
    return described


def selection_heading(lang: Lang, filters: Filters) -> str:
    """The selection in words, for the report's heading: "All activities" when none."""
    t = Tr(lang)
    parts = [
        t.text(part) for f in filtering.FILTERS for part in f.heading(getattr(filters, f.name))
    ]
    return t(Msg.report_selection, what="; ".join(parts)) if parts else t(Msg.report_all)

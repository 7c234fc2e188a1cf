"""What a search tells beside its rows: that close spellings were taken for the words
typed, or, when nothing matched, the nearest names ("did you mean ...")."""

from __future__ import annotations

from budgetcli import queries
from budgetcli.i18n import Msg, text
from budgetcli.model import Dataset
from budgetcli.reports import Footnote, FootnoteKind, Report
from budgetcli.search import Found, Tier


def with_search_notes(report: Report, dataset: Dataset, search: str | None, found: Found) -> Report:
    if not search:
        return report
    if found.tier == Tier.close:
        close = text(Msg.search_close, text=repr(search), words=", ".join(found.close_words))
        return report._replace(footnotes=(Footnote(FootnoteKind.hint, close), *report.footnotes))
    if found.activities:
        return report
    names = queries.closest(search, [a.name for a in dataset.activities])
    hint = text(Msg.err_did_you_mean_any, what=", ".join(names)) if names else ""
    said = text(Msg.search_none, text=repr(search), hint=hint)
    if report.rows:  # a total of nothing still has its row: the note goes with it
        return report._replace(footnotes=(Footnote(FootnoteKind.hint, said), *report.footnotes))
    return report._replace(empty_message=said)

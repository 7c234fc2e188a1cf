"""What a search tells beside its rows, as a footnote of the result (so JSON and the stderr
notes say the same): that close spellings were taken for the words typed, or, when nothing
matched, the nearest names ("did you mean ...")."""

from __future__ import annotations

from typing import TypeVar

from budgetcli import queries
from budgetcli.i18n import Msg, text
from budgetcli.model import Dataset
from budgetcli.results import Document, Footnote, FootnoteKind
from budgetcli.search import Found, Tier

D = TypeVar("D", bound=Document)


def search_footnotes(dataset: Dataset, search: str | None, found: Found) -> tuple[Footnote, ...]:
    if not search:
        return ()
    if found.tier == Tier.close:
        close = text(Msg.search_close, text=repr(search), words=", ".join(found.close_words))
        return (Footnote(FootnoteKind.rule, close),)
    if found.activities:
        return ()
    names = queries.closest(search, [a.name for a in dataset.activities])
    hint = text(Msg.err_did_you_mean_any, what=", ".join(names)) if names else ""
    return (Footnote(FootnoteKind.rule, text(Msg.search_none, text=repr(search), hint=hint)),)


def with_search_notes(document: D, dataset: Dataset, search: str | None, found: Found) -> D:
    said = search_footnotes(dataset, search, found)
    if not said:
        return document
    return document._replace(footnotes=(*said, *document.footnotes))  # type: ignore[return-value]

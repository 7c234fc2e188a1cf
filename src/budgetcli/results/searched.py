"""What a search tells beside its rows, as a footnote of the result (so JSON and the stderr
notes say the same): that close spellings were taken for the words typed, or, when nothing
matched, the nearest names ("did you mean ...")."""

from __future__ import annotations

from collections.abc import Sequence

from budgetcli import queries
from budgetcli.i18n import Msg, text
from budgetcli.model import Dataset, SourceActivity
from budgetcli.results import D, Footnote, FootnoteKind
from budgetcli.search import Found, Tier


def search_footnotes(dataset: Dataset, search: str | None, found: Found) -> tuple[Footnote, ...]:
    if not search:
        return ()
    if found.tier == Tier.close:
        words = ", ".join(as_written(found.activities, w) for w in found.close_words)
        close = text(Msg.search_close, text=repr(search), words=words)
        return (Footnote(FootnoteKind.rule, close),)
    if found.activities:
        return tuple(
            Footnote(
                FootnoteKind.rule,
                text(
                    Msg.search_read,
                    text=repr(_typed(search, typed)),
                    words=", ".join(map(_reading, read)),
                ),
            )
            for typed, read in found.readings
        )
    names = queries.closest(search, [a.name for a in dataset.activities])
    hint = text(Msg.err_did_you_mean_any, what=", ".join(names)) if names else ""
    return (Footnote(FootnoteKind.rule, text(Msg.search_none, text=repr(search), hint=hint)),)


def _typed(search: str, word: str) -> str:
    """The word of the search as typed whose search form is ``word``."""
    from budgetcli.folding import loose

    return next((w for w in search.split() if loose(w) == word), word)


def _reading(word: str) -> str:
    """A reading as said: a stem or a word's start ends with "…" ("kvind…")."""
    return f"{word.removeprefix('^')}…"


def as_written(activities: Sequence[SourceActivity], word: str) -> str:
    """A word in its search form as the activities write it ("bydelsmodre" ->
    "bydelsmødre"), or as it is if none does."""
    from budgetcli.folding import loose
    from budgetcli.model import TEXT_FIELDS

    for activity in activities:
        for field in ("name", *(f.key for f in TEXT_FIELDS)):
            said: str | None = getattr(activity, field)
            if not said:
                continue
            for token in said.replace("/", " ").split():
                written = token.strip(".,:;()\"'!?")
                if loose(written) == word:
                    return written.lower() if written[1:].islower() else written
    return word


def with_search_notes(document: D, dataset: Dataset, search: str | None, found: Found) -> D:
    said: tuple[Footnote, ...] = search_footnotes(dataset, search, found)
    if not said:
        return document
    return document._replace(footnotes=(*said, *document.footnotes))

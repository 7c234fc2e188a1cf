"""What an answer must say beside its figures: what was left out, what may be adjusted,
where actual spend differs, the source's own footnotes. Records, not sentences: a
:class:`~budgetcli.i18n.Text` is said in the reader's language by a human format and in
English in JSON."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetcli import queries
from budgetcli.i18n import IDS_SHOWN, Ids, Msg, Text, text
from budgetcli.model import Cell, Dataset, NoteKind, SourceActivity, TextCell
from budgetcli.results import Change, Filters, Footnote, FootnoteKind, Status, Sum
from budgetcli.terms import Basis, Grouping

ADJUSTABLE_MARK = "*"
ACTUAL_MARK = "†"


def plain_cell(cell: Cell) -> Text | Decimal | str:
    """A cell inside a sentence: its number, its words, or "none"."""
    if isinstance(cell, TextCell):
        return cell.text
    return text(Msg.none) if cell is None else cell


def _joined(parts: tuple[Text, ...]) -> Text:
    if len(parts) == 1:
        return parts[0]
    return text(Msg.joined, first=parts[0], rest=_joined(parts[1:]))


def joined(items: Sequence[Text]) -> Text:
    """'a, b, c': a handful of items, then "and N more" (a footnote stays a line)."""
    shown = tuple(items[:IDS_SHOWN])
    said = _joined(shown)
    if len(items) > len(shown):
        said = text(
            Msg.with_more, text=said, more=text(Msg.and_more, count=len(items) - len(shown))
        )
    return said


def cut(shown: int, count: int, *, groups: bool = False) -> tuple[Footnote, ...]:
    """ "Showing 5 of 67." where --top left rows out."""
    if shown == count:
        return ()
    msg = Msg.top_shown if groups else Msg.top_rows
    return (Footnote(FootnoteKind.rule, text(msg, shown=shown, count=count)),)


def activities(dataset: Dataset, shown: Sequence[SourceActivity]) -> list[Footnote]:
    """Explain every marker and every kind of cell that is not a plain amount.

    One footnote per distinct text: activities sharing a source footnote are named together,
    so 50,000 rows still give a handful of lines.
    """
    notes: list[Footnote] = []
    by_note: dict[str, list[str]] = {}
    actual: list[Text] = []
    texts: list[Text] = []
    for a in shown:
        for note_id in a.notes:
            by_note.setdefault(note_id, []).append(a.id)
        if a.actual:
            spent = tuple(
                text(Msg.actual_year, amount=v, unit=dataset.unit, year=y)
                for y, v in a.actual.items()
            )
            actual.append(
                text(Msg.actual_shown, mark=ACTUAL_MARK, id=Ids((a.id,)), spent=_joined(spent))
            )
        if a.has_text_cells:
            words = dict.fromkeys(c.text for c in a.budget.values() if isinstance(c, TextCell))
            texts.append(text(Msg.id_with_words, id=Ids((a.id,)), words="; ".join(words)))
    adjustable_ids = [a.id for a in shown if a.adjustable]
    if adjustable_ids:
        notes.append(
            Footnote(
                FootnoteKind.adjustable,
                text(Msg.adjustable_head, mark=ADJUSTABLE_MARK, ids=Ids(tuple(adjustable_ids))),
            )
        )
    notes += [Footnote(FootnoteKind.actual, t) for t in actual]
    if texts:
        notes.append(Footnote(FootnoteKind.left_out, text(Msg.text_cells, items=joined(texts))))
    for note_id, citing in by_note.items():
        notes.append(
            Footnote(
                FootnoteKind.source_note,
                text(Msg.note_on, ids=Ids(tuple(citing)), text=dataset.note(note_id).text),
            )
        )
    return notes


def _by_years(entries: list[tuple[int, Text]]) -> list[Text]:
    """'2018-2022: text' for runs of consecutive years that would say the same thing."""
    runs: list[tuple[int, int, Text]] = []
    for year, said in entries:
        if runs and runs[-1][2] == said and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year, said)
        else:
            runs.append((year, year, said))
    return [
        text(Msg.in_years, years=str(first) if first == last else f"{first}-{last}", text=said)
        for first, last, said in runs
    ]


def _left_out_items(left_out: Sequence[SourceActivity], year: int) -> Text:
    """'a (Driftsbudget), b (…)': what was left out, with the source's words."""
    items = [
        text(Msg.id_with_words, id=Ids((a.id,)), words=plain_cell(a.cell(year))) for a in left_out
    ]
    return joined(items)


def overlap(both: Sequence[SourceActivity]) -> tuple[Footnote, ...]:
    """By funding, an activity under several decisions is a row of each: say so."""
    if not both:
        return ()
    ids = Ids(tuple(a.id for a in both))
    return (Footnote(FootnoteKind.rule, text(Msg.funding_overlap, ids=ids)),)


def _differing(activities: Sequence[SourceActivity], years: Sequence[int]) -> tuple[str, ...]:
    """The activities counted by their budget in ``years`` whose actual spend differed."""
    return tuple(
        a.id
        for a in activities
        if a.actual and any(y in a.actual and isinstance(a.cell(y), Decimal) for y in years)
    )


def totals(
    dataset: Dataset, activities: Sequence[SourceActivity], overall: Sequence[Sum], basis: Basis
) -> tuple[Footnote, ...]:
    """What the sums of everything selected (``overall``, one a year) left out, may be
    adjusted, or counted of actual spend."""
    of = {a.id: a for a in activities}
    left_out = [
        (
            s.year,
            text(Msg.left_out, items=_left_out_items([of[i] for i in s.not_quantified], s.year)),
        )
        for s in overall
        if s.not_quantified and s.year is not None
    ]
    adjustable = [
        (s.year, text(Msg.includes_adjustable, ids=Ids(s.adjustable)))
        for s in overall
        if s.adjustable and s.year is not None
    ]
    notes = [Footnote(FootnoteKind.left_out, n) for n in _by_years(left_out)]
    notes += [
        Footnote(FootnoteKind.adjustable, text(Msg.marked, mark=ADJUSTABLE_MARK, text=n))
        for n in _by_years(adjustable)
    ]
    for s in overall:
        for i in s.actual_used:
            a, year = of[i], s.year
            assert a.actual is not None and year is not None  # its actual spend was counted
            said = text(
                Msg.counted_actual,
                year=year,
                id=Ids((i,)),
                actual=a.actual[year],
                budget=plain_cell(a.cell(year)),
            )
            notes.append(Footnote(FootnoteKind.actual, said))
    if basis is Basis.budget:
        years = [s.year for s in overall if s.year is not None]
        differing = tuple(sorted(_differing(activities, years)))
        if differing:
            notes.append(
                Footnote(FootnoteKind.actual, text(Msg.actual_differs, ids=Ids(differing)))
            )
            notes.append(Footnote(FootnoteKind.hint, text(Msg.see_basis_actual)))
    if any(note.kind is NoteKind.heading for note in dataset.notes):
        notes.append(Footnote(FootnoteKind.hint, text(Msg.see_notes)))
    return tuple(notes)


def comparison(
    dataset: Dataset, activities: Sequence[SourceActivity], rows: Sequence[Change], total: Change
) -> list[Footnote]:
    """What a comparison left out (in either year), may be adjusted, compared of budgets
    whose actual spend differed, and could not compare (a year of words only)."""
    years = [s.year for s in total.years if s.year is not None]
    of = {a.id: a for a in activities}
    # Year by year, each in the source's order, with its words ("Driftsbudget"): the words
    # of the first year compared that has them.
    left_out: dict[str, Text] = {}
    for year, s in zip(years, total.years, strict=True):
        for i in s.not_quantified:
            words = plain_cell(of[i].cell(year))
            left_out.setdefault(i, text(Msg.id_with_words, id=Ids((i,)), words=words))
    adjustable = tuple(dict.fromkeys(i for s in total.years for i in s.adjustable))
    notes: list[Footnote] = []
    if left_out:
        notes.append(
            Footnote(
                FootnoteKind.left_out,
                text(Msg.compare_left_out, items=joined(list(left_out.values()))),
            )
        )
    if adjustable:
        notes.append(
            Footnote(
                FootnoteKind.adjustable,
                text(Msg.compare_adjustable, mark=ADJUSTABLE_MARK, ids=Ids(adjustable)),
            )
        )
    # The IGU trainee's budget is compared, as total says: its actual spend differed.
    differing = _differing(activities, years)
    if differing:
        notes.append(Footnote(FootnoteKind.actual, text(Msg.actual_differs, ids=Ids(differing))))
    # A year of words only: not a year of 0, so no change is computed (a reader must not
    # take -100 % for "the money stopped"); the row's status says not quantified.
    # One item a row, its years together; an activity (--by activity) by its name for
    # people (Ids: a department's or a decision's key is no activity's id, so stays).
    words_only = [
        text(
            Msg.id_with_words,
            id=Ids((row.key or row.department or "",)),
            words=", ".join(str(s.year) for s in row.years if s.amount is None),
        )
        for row in rows
        if row.status is Status.not_quantified
    ]
    if words_only:
        notes.append(
            Footnote(FootnoteKind.left_out, text(Msg.compare_words_only, items=joined(words_only)))
        )
    notes.append(Footnote(FootnoteKind.rule, text(Msg.compare_pct)))
    return notes


def summed(
    activities: Sequence[SourceActivity],
    years: Sequence[int],
    filters: Filters,
    by: Grouping | None,
) -> tuple[Footnote, ...]:
    """What a total over a filter or a search added up: the activities with a number in
    its years, by name, each with where the search matched it; when there are many, how
    many (``--by activity`` lists them). Nothing when nothing was filtered, or when the
    rows are the activities already."""
    filtered = filters.department or filters.section or filters.search or filters.funding
    if not filtered or by is Grouping.activity:
        return ()
    added = [a for a in activities if any(isinstance(a.budget.get(y), Decimal) for y in years)]
    if not added:
        return ()
    if len(added) > IDS_SHOWN:
        return (Footnote(FootnoteKind.rule, text(Msg.total_summed_many, count=len(added))),)
    items = [_where_matched(a, filters.search) for a in added]
    msg = Msg.total_summed_one if len(added) == 1 else Msg.total_summed
    return (Footnote(FootnoteKind.rule, text(msg, count=len(added), items=joined(items))),)


def _where_matched(activity: SourceActivity, search: str | None) -> Text:
    """An activity, and the fields the search found it in ("target group")."""
    from budgetcli.model import TEXT_FIELDS
    from budgetcli.search import matched_fields

    if not search:
        return text(Msg.id_only, id=Ids((activity.id,)))
    labels = {"name": Msg.field_name, **{f.key: f.label for f in TEXT_FIELDS}}
    # The first place it matched: the name, or a text with the word found there ("target
    # group: flersprogede"), so that a reader sees why a row is counted.
    first = matched_fields(activity, queries.folded_needle(search))[:1]
    fields = [
        text(labels[k])
        if k == "name" or not word
        else text(Msg.field_word, field=text(labels[k]), word=word)
        for k, word in first
    ]
    if not fields:
        return text(Msg.id_only, id=Ids((activity.id,)))
    return text(Msg.id_with_words, id=Ids((activity.id,)), words=_joined(tuple(fields)))

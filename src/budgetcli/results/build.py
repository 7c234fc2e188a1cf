"""The questions, answered once: the activities asked about -> the command's typed result.

Each answer is computed straight into its record (:mod:`budgetcli.results.sums` for the
sums); every view (json, ndjson, csv, tsv, the API, tables and documents) is drawn from
what these functions return, and none of them asks the queries again.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict, TypeVar

from budgetcli import i18n, queries
from budgetcli.errors import UsageError
from budgetcli.i18n import ENGLISH, Ids, Msg, text
from budgetcli.model import TEXT_KEYS, ZERO, CellKind, Dataset, NoteKind, SourceActivity, TextCell
from budgetcli.queries import Order
from budgetcli.results import (
    SCHEMA_VERSION,
    Activities,
    ActivityNote,
    Change,
    Comparison,
    Differences,
    EditKind,
    Ending,
    Filters,
    Footnote,
    FootnoteKind,
    Group,
    Note,
    Notes,
    Shown,
    Totals,
    YearCell,
)
from budgetcli.results import Activity as ActivityRecord
from budgetcli.results import footnotes as notes_for
from budgetcli.results.sums import Grouper, change_tree, changed, endings, sums, total_row
from budgetcli.terms import Basis, Grouping

if TYPE_CHECKING:
    from budgetcli.diff import Compared


class _Envelope(TypedDict):
    schema_version: int
    command: str
    unit: str


def _envelope(command: str, unit: str) -> _Envelope:
    """What every answer begins with: the schema's version, the command, the unit."""
    return _Envelope(schema_version=SCHEMA_VERSION, command=command, unit=unit)


NO_FILTERS = Filters()
NO_ORDER = Order()
R = TypeVar("R", Group, Change)


def cells(activity: SourceActivity, years: Sequence[int]) -> tuple[YearCell, ...]:
    actual = activity.actual or {}
    out = []
    for year in years:
        cell = activity.cell(year)
        out.append(
            YearCell(
                year=year,
                amount=cell if isinstance(cell, Decimal) else None,
                kind=CellKind.of(cell),
                words=cell.text if isinstance(cell, TextCell) else None,
                adjustable=year in activity.adjustable,
                actual=actual.get(year),
            )
        )
    return tuple(out)


def activity_total(activity: SourceActivity) -> Decimal | None:
    """The period's numbers added: 0 for none, None where the cells are words only."""
    numbers = [c for c in activity.budget.values() if isinstance(c, Decimal)]
    if not numbers and activity.has_text_cells:
        return None
    return sum(numbers, ZERO)


def activity_record(dataset: Dataset, activity: SourceActivity) -> ActivityRecord:
    department = dataset.department(activity.department)
    return ActivityRecord(
        id=activity.id,
        name=activity.name,
        department=activity.department,
        department_name=department.name,
        **{key: getattr(activity, key) for key in TEXT_KEYS},
        budget=cells(activity, dataset.years),
        total=activity_total(activity),
        last_funded_year=activity.last_funded_year,
        adjustable_years=tuple(sorted(activity.adjustable)),
        notes=tuple(ActivityNote(n, dataset.note(n).text) for n in activity.notes),
        remarks=activity.remarks,
        printed=activity.printed,
        actual_text=activity.actual_text,
        appendix=department.appendix,
    )


def _sorted(
    dataset: Dataset, activities: Sequence[SourceActivity], order: Order
) -> Sequence[SourceActivity]:
    if order == NO_ORDER:
        return activities
    return queries.ordered(
        activities,
        order,
        lambda a, key: queries.activity_sort_value(dataset, a, key),
        queries.activity_sort_keys(dataset),
    )


def _activities(
    command: str,
    dataset: Dataset,
    found: Sequence[SourceActivity],
    filters: Filters,
    order: Order,
    extra: Sequence[Footnote] = (),
    summary: Sequence[Ending] = (),
) -> Activities:
    shown = _sorted(dataset, found, order)
    footnotes = (
        *notes_for.cut(len(shown), len(found)),
        *notes_for.activities(dataset, shown),
        *extra,
    )
    return Activities(
        **_envelope(command, dataset.unit),
        filters=filters,
        years=tuple(dataset.years),
        matched=len(found),
        rows=tuple(activity_record(dataset, a) for a in shown),
        summary=tuple(summary),
        footnotes=footnotes,
    )


def list_result(
    dataset: Dataset,
    selected: Sequence[SourceActivity],
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Activities:
    """``selected`` as found: with a search, best first, which the list keeps unless
    ``--sort`` or ``--top`` (the largest) asks for another order."""
    order = queries.largest_first(order, filters.year)
    if order.key is not None:
        selected = queries.in_source_order(dataset, selected)
    return _activities("list", dataset, selected, filters, order)


def expiring_result(
    dataset: Dataset,
    selected: Sequence[SourceActivity],
    year: int | None,
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
    *,
    by_department: bool = False,
) -> Activities:
    """``by_department``: the summary per department too."""
    order = queries.largest_first(order, year)
    found = queries.expiring(dataset, selected, year)
    extra = []
    never = queries.unquantified(selected)
    if never:
        extra.append(
            Footnote(
                FootnoteKind.left_out,
                text(Msg.expiring_unquantified, ids=Ids(tuple(a.id for a in never))),
            )
        )
    extra.append(Footnote(FootnoteKind.rule, text(Msg.expiring_rule, last=dataset.last_year)))
    if year is not None and found:
        # What stops: the last funded year's amounts of what expires then.
        stops = sum((c for a in found if isinstance(c := a.budget.get(year), Decimal)), Decimal(0))
        said = text(
            Msg.expiring_sum_one if len(found) == 1 else Msg.expiring_sum,
            year=year,
            amount=stops,
            unit=dataset.unit,
            count=len(found),
        )
        extra.append(Footnote(FootnoteKind.rule, said))
    summary = endings(dataset, selected, by_department=by_department)
    return _activities("expiring", dataset, found, _filters(filters, year), order, extra, summary)


def show_result(
    dataset: Dataset,
    activity: SourceActivity,
    *,
    also_found: tuple[str, Sequence[SourceActivity]] = ("", ()),
) -> Shown:
    """``also_found``: what was typed, and the other activities its words are in, where the
    one shown was taken for holding them in its name."""
    typed, others = also_found
    picked: tuple[Footnote, ...] = ()
    if others:
        said = text(
            Msg.show_also_found,
            text=repr(typed.strip()),
            count=len(others),
            ids=Ids(tuple(a.id for a in others)),
        )
        picked = (Footnote(FootnoteKind.rule, said),)
    return Shown(
        **_envelope("show", dataset.unit),
        years=tuple(dataset.years),
        rows=(activity_record(dataset, activity),),
        footnotes=(*picked, *notes_for.activities(dataset, [activity])),
    )


# --- sums ----------------------------------------------------------------------------------


def _group_value(g: Group | Change, key: str, years: Sequence[int]) -> queries.Sortable:
    """What a row sorts by: a year's amount, the period's (``total``), the change, its
    percentage, its key (``key``, ``id``) or its name (``name``, ``label``)."""
    if key.isdigit() and int(key) in years:
        return g.years[years.index(int(key))].amount
    if key == "total" and isinstance(g, Group):
        return g.total.amount
    if key in ("change", "change_pct") and isinstance(g, Change):
        return g.change if key == "change" else g.change_pct
    if g.key is None and g.name is None:
        # A group with no name of its own sorts where its words put it, not last: a
        # department's activities outside any section by the department ("BUF",
        # "Børne- og Ungdomsforvaltningen (no sections)"), no funding stated as said.
        said = (
            text(Msg.no_sections, name=g.department_name) if g.department else text(Msg.not_stated)
        )
        return g.department if key in ("key", "id") and g.department else ENGLISH.text(said)
    return g.key if key in ("key", "id") else g.name


_NAMED = ("key", "id", "name", "label")
"""The sort keys every group answers to, beside its figures: :func:`_group_value`'s."""


def _sorted_groups(rows: Sequence[R], order: Order, years: Sequence[int], *more: str) -> list[R]:
    return queries.ordered(
        rows, order, lambda g, key: _group_value(g, key, years), [*_NAMED, *map(str, years), *more]
    )


def _filters(filters: Filters, year: int | None) -> Filters:
    """The filters, with ``year`` where it picks the year a total is of, not the activities."""
    return filters if filters.year is not None else filters._replace(year=year)


def total_result(
    dataset: Dataset,
    activities: Sequence[SourceActivity],
    year: int | None,
    by: Grouping | None,
    basis: Basis,
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
    levels: Sequence[Grouping] = (),
) -> Totals:
    """One year's total (``year``), or every year's side by side, with ``by`` groups;
    ``levels`` (``by`` first) nest them: every group then holds its next level's groups."""
    levels = tuple(levels) or ((by,) if by else ())
    years = [year] if year is not None else list(dataset.years)
    actual = basis is Basis.actual
    whole = sums(activities, years, actual=actual)
    groups = Grouper(dataset, levels).groups(activities, years, whole, actual=actual)
    shown = _sorted_groups(groups, queries.largest_first(order, year), years, "total")
    both = queries.overlapping(activities, by) if by else ()
    return Totals(
        **_envelope("total", dataset.unit),
        basis=basis,
        by=by,
        levels=levels,
        filters=_filters(filters, year),
        years=tuple(years),
        matched=len(groups),
        rows=tuple(shown),
        total=total_row(whole),
        overlapping=tuple(a.id for a in both),
        footnotes=(
            *notes_for.cut(len(shown), len(groups), groups=True),
            *notes_for.overlap(both),
            *notes_for.summed(activities, years, filters, by),
            *notes_for.totals(dataset, activities, whole.years, basis),
        ),
    )


def chart_result(
    dataset: Dataset,
    activities: Sequence[SourceActivity],
    by: Grouping,
    year: int | None,
    filters: Filters = NO_FILTERS,
    *,
    top: int | None = None,
) -> Totals:
    """Bars: the total per year, or per group over one year (or the whole period);
    ``top``: the N largest groups. One bar per activity takes a filter or ``top``: a bar
    for each of the data's activities would not read."""
    years = [year] if year is not None else list(dataset.years)
    per_year = by is Grouping.year
    filtered = filters.department or filters.section or filters.search or filters.funding
    if by is Grouping.activity and not filtered and top is None:
        raise UsageError(i18n.text(Msg.err_chart_activities, count=len(activities)))
    whole = sums(activities, years)
    grouper = Grouper(dataset, () if per_year else (by,))
    cut: tuple[Footnote, ...] = ()
    if per_year:
        rows = tuple(grouper.group((str(y), str(y), None), sums(activities, (y,))) for y in years)
    else:
        rows = grouper.groups(activities, years, whole)
        if top is not None:
            largest = sorted(rows, key=lambda g: -(g.total.amount or ZERO))[:top]
            cut = notes_for.cut(len(largest), len(rows))  # a chart has no total row
            rows = tuple(largest)
    return Totals(
        **_envelope("chart", dataset.unit),
        basis=Basis.budget,
        by=by,
        levels=() if per_year else (by,),
        filters=_filters(filters, year),
        years=tuple(years),
        matched=len(rows),
        rows=rows,
        total=total_row(whole),
        overlapping=(),
        footnotes=(*cut, *notes_for.totals(dataset, activities, whole.years, Basis.budget)),
    )


# --- comparisons ---------------------------------------------------------------------------


def compare_result(
    dataset: Dataset,
    activities: Sequence[SourceActivity],
    from_year: int,
    to_year: int,
    by: Grouping,
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
    levels: Sequence[Grouping] = (),
) -> Comparison:
    """Two years' sums by ``by`` (nested: by ``levels``, ``by`` first); an activity with no
    cell in either year is in no group."""
    levels = tuple(levels) or (by,)
    years = (from_year, to_year)
    kept = [a for a in activities if not (a.cell(from_year) is None and a.cell(to_year) is None)]
    whole = sums(activities, years)
    rows = change_tree(Grouper(dataset, levels).groups(kept, years, whole))
    shown = _sorted_groups(rows, order, years, "change", "change_pct")
    total = changed(total_row(whole))
    return Comparison(
        **_envelope("compare", dataset.unit),
        by=by,
        levels=levels,
        filters=filters,
        years=years,
        matched=len(rows),
        rows=tuple(shown),
        total=total,
        footnotes=(
            *notes_for.cut(len(shown), len(rows), groups=True),
            *notes_for.comparison(dataset, activities, rows, total),
        ),
    )


# --- the source's notes --------------------------------------------------------------------


def notes_result(dataset: Dataset, departments: Sequence[str]) -> Notes:
    rows = []
    for note in dataset.notes:
        if departments and note.department not in departments:
            continue
        if note.kind is NoteKind.heading:
            concerned = [a.id for a in dataset.activities if a.department == note.department]
        else:
            concerned = [a.id for a in dataset.activities if note.id in a.notes]
        rows.append(
            Note(
                id=note.id,
                department=note.department,
                department_name=dataset.department(note.department).name,
                kind=note.kind,
                marker=note.marker,
                text=note.text,
                links=note.links,
                activities=tuple(concerned),
            )
        )
    return Notes(
        schema_version=SCHEMA_VERSION,
        command="notes",
        filters=Filters(department=tuple(departments)),
        rows=tuple(rows),
        footnotes=(),
    )


# --- differences ---------------------------------------------------------------------------


def diff_result(found: Compared, old: str, new: str, unit: str) -> Differences:
    """``old`` and ``new`` name the two files as the user gave them."""
    edits = found.edits
    if edits:
        added = sum(e.kind is EditKind.added for e in edits)
        removed = sum(e.kind is EditKind.removed for e in edits)
        touched = (EditKind.renamed, EditKind.budget, EditKind.actual, EditKind.field)
        changed = len({e.id for e in edits if e.kind in touched})
        summary = text(
            Msg.diff_summary_one if len(edits) == 1 else Msg.diff_summary,
            added=added,
            removed=removed,
            changed=changed,
            changes=len(edits),
        )
        footnotes: tuple[Footnote, ...] = (
            Footnote(FootnoteKind.rule, summary),
            Footnote(FootnoteKind.rule, text(Msg.diff_totals_rule)),
        )
    else:
        footnotes = ()
    return Differences(
        **_envelope("diff", unit),
        old=old,
        new=new,
        rows=edits,
        totals=found.totals,
        footnotes=footnotes,
    )

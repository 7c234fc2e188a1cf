"""The questions, answered once: a query's figures -> the command's typed result.

Every view (json, ndjson, csv, tsv, the API, tables and documents) is drawn from what these
functions return; none of them asks the queries again.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from budgetcli import filtering, i18n, queries
from budgetcli.errors import UsageError
from budgetcli.i18n import Ids, Msg, text
from budgetcli.model import TEXT_KEYS, Activity, CellKind, Dataset, NoteKind, TextCell
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
    RowKind,
    Shown,
    Sum,
    Totals,
    YearCell,
)
from budgetcli.results import Activity as ActivityRecord
from budgetcli.results import footnotes as notes_for

if TYPE_CHECKING:
    from budgetcli.diff import Compared
from budgetcli.terms import Basis, Grouping

NO_FILTERS = queries.Filters()
NO_ORDER = Order()
ZERO = Decimal(0)


def filters_record(dataset: Dataset, filters: queries.Filters, year: int | None = None) -> Filters:
    """The filters given, by the names of their options; ``year`` also where it picks the
    year a total is of rather than the activities."""
    record = Filters(**filtering.shown(dataset, filters))
    return record if filters.year is not None else record._replace(year=year)


def cells(activity: Activity, years: Sequence[int]) -> tuple[YearCell, ...]:
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


def activity_total(activity: Activity) -> Decimal | None:
    """The period's numbers added: 0 for none, None where the cells are words only."""
    numbers = [c for c in activity.budget.values() if isinstance(c, Decimal)]
    if not numbers and activity.has_text_cells:
        return None
    return sum(numbers, ZERO)


def activity_record(dataset: Dataset, activity: Activity) -> ActivityRecord:
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


def _sorted(dataset: Dataset, activities: Sequence[Activity], order: Order) -> Sequence[Activity]:
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
    found: Sequence[Activity],
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
        schema_version=SCHEMA_VERSION,
        command=command,
        unit=dataset.unit,
        filters=filters,
        years=tuple(dataset.years),
        matched=len(found),
        rows=tuple(activity_record(dataset, a) for a in shown),
        summary=tuple(summary),
        footnotes=footnotes,
    )


def list_result(
    dataset: Dataset,
    selected: Sequence[Activity],
    filters: queries.Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Activities:
    """``selected`` as found: with a search, best first, which the list keeps unless
    ``--sort`` or ``--top`` (the largest) asks for another order."""
    order = queries.largest_first(order, filters.year)
    if order.key is not None:
        selected = queries.in_source_order(dataset, selected)
    return _activities("list", dataset, selected, filters_record(dataset, filters), order)


def expiring_result(
    dataset: Dataset,
    selected: Sequence[Activity],
    year: int | None,
    filters: queries.Filters = NO_FILTERS,
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
    record = filters_record(dataset, filters, year)
    summary = [
        Ending(
            last_funded_year=e.last_year,
            department=e.department,
            department_name=dataset.department(e.department).name if e.department else None,
            activities=e.stopping,
            ids=tuple(a.id for a in e.activities),
            amount=e.amount,
        )
        for e in queries.expiry_summary(dataset, selected, by_department=by_department)
    ]
    return _activities("expiring", dataset, found, record, order, extra, summary)


def show_result(dataset: Dataset, activity: Activity) -> Shown:
    return Shown(
        schema_version=SCHEMA_VERSION,
        command="show",
        unit=dataset.unit,
        years=tuple(dataset.years),
        rows=(activity_record(dataset, activity),),
        footnotes=tuple(notes_for.activities(dataset, [activity])),
    )


# --- sums ----------------------------------------------------------------------------------


def sum_record(s: queries.Sum, year: int | None, whole: queries.Sum | None = None) -> Sum:
    """``whole``: everything selected in the same year (or period), for the share."""
    amount = s.amount
    return Sum(
        year=year,
        amount=amount,
        kind=CellKind.words if amount is None else CellKind.amount,
        not_quantified=tuple(a.id for a in s.not_quantified),
        adjustable=tuple(a.id for a in s.adjustable),
        actual_used=tuple(a.id for a in s.actual_used),
        share=queries.share(s, whole if whole is not None else s),
    )


class _Whole(NamedTuple):
    """Everything selected, year for year and over the period: what each row's share is of.
    Combined once per answer, not once per row (that made ``--by activity`` quadratic)."""

    years: tuple[queries.Sum, ...]
    period: queries.Sum


def _whole(sums: Sequence[queries.Sum]) -> _Whole:
    return _Whole(tuple(sums), queries.combine(sums))


def _group(
    dataset: Dataset,
    group: queries.Group | None,
    sums: Sequence[queries.Sum],
    whole: _Whole | None = None,
    groups: tuple[Group, ...] = (),
) -> Group:
    """A row of sums; ``group`` None for everything selected; ``whole``: everything
    selected (:func:`_whole`), which each share is of (default: ``sums``)."""
    own = _whole(sums)
    whole = own if whole is None else whole
    code = group.department if group else None
    named = group is not None and group.placeholder is None
    return Group(
        row=RowKind.group if group else RowKind.total,
        key=group.key if group and named else None,
        name=group.label if group and named else None,
        department=code,
        department_name=dataset.department(code).name if code else None,
        years=tuple(sum_record(s, s.year, w) for s, w in zip(sums, whole.years, strict=True)),
        total=sum_record(own.period, None, whole.period),
        groups=groups,
    )


def _group_value(g: queries.Node, key: str, years: Sequence[int]) -> queries.Sortable:
    if key.isdigit() and int(key) in years:
        return g.sums[years.index(int(key))].amount
    if key == "total":
        return queries.combine(g.sums).amount
    return _named_value(g.group, key)


_BY_KEY = ("key", "id")
_NAMED = (*_BY_KEY, "name", "label")
"""The sort keys every group answers to, beside its figures: :func:`_named_value`'s."""


def _named_value(group: queries.Group, key: str) -> queries.Sortable:
    """What a group sorts by for ``--sort key`` (or ``id``), else ``name`` (or ``label``)."""
    return group.key if key in _BY_KEY else group.label


def total_result(
    dataset: Dataset,
    activities: Sequence[Activity],
    year: int | None,
    by: Grouping | None,
    basis: Basis,
    filters: queries.Filters = NO_FILTERS,
    order: Order = NO_ORDER,
    levels: Sequence[Grouping] = (),
) -> Totals:
    """One year's total (``year``), or every year's side by side, with ``by`` groups;
    ``levels`` (``by`` first) nest them: every group then holds its next level's groups."""
    levels = tuple(levels) or ((by,) if by else ())
    years = [year] if year is not None else list(dataset.years)
    order = queries.largest_first(order, year)
    t = queries.totals(dataset, activities, years, by=by, basis=basis, levels=levels)
    whole = _whole(t.overall)
    both = queries.overlapping(activities, by) if by else ()
    shown = queries.ordered(
        t.groups,
        order,
        lambda g, key: _group_value(g, key, years),
        [*_NAMED, *map(str, years), "total"],
    )
    return Totals(
        schema_version=SCHEMA_VERSION,
        command="total",
        unit=dataset.unit,
        basis=basis,
        by=by,
        levels=levels,
        filters=filters_record(dataset, filters, year),
        years=tuple(years),
        matched=len(t.groups),
        rows=_nodes(dataset, shown, whole),
        total=_group(dataset, None, t.overall),
        overlapping=tuple(a.id for a in both),
        footnotes=(
            *notes_for.cut(len(shown), len(t.groups), groups=True),
            *notes_for.overlap(both),
            *notes_for.summed(activities, years, filters, by),
            *notes_for.totals(dataset, t),
        ),
    )


def _nodes(dataset: Dataset, nodes: Sequence[queries.Node], whole: _Whole) -> tuple[Group, ...]:
    """The rows of groups, each holding the next level's (a nested ``--by``: each level's
    groups summed from their own activities, so each adds up exactly to the group above)."""
    return tuple(
        _group(dataset, n.group, n.sums, whole, _nodes(dataset, n.children, whole)) for n in nodes
    )


def chart_result(
    dataset: Dataset,
    activities: Sequence[Activity],
    by: Grouping,
    year: int | None,
    filters: queries.Filters = NO_FILTERS,
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
    t = queries.totals(dataset, activities, years, by=None if per_year else by)
    cut: tuple[Footnote, ...] = ()
    if per_year:
        rows = tuple(
            _group(dataset, queries.Group(str(s.year), str(s.year)), (s,)) for s in t.overall
        )
    else:
        nodes = list(t.groups)
        if top is not None:
            nodes = sorted(nodes, key=lambda g: -sum(s.total for s in g.sums))[:top]
            cut = notes_for.cut(len(nodes), len(t.groups))  # a chart has no total row
        rows = _nodes(dataset, nodes, _whole(t.overall))
    return Totals(
        schema_version=SCHEMA_VERSION,
        command="chart",
        unit=dataset.unit,
        basis=Basis.budget,
        by=by,
        levels=() if per_year else (by,),
        filters=filters_record(dataset, filters, year),
        years=tuple(years),
        matched=len(rows),
        rows=rows,
        total=_group(dataset, None, t.overall),
        overlapping=(),
        footnotes=(*cut, *notes_for.totals(dataset, t)),
    )


# --- comparisons ---------------------------------------------------------------------------


def _change(
    dataset: Dataset,
    c: queries.Change,
    whole: _Whole | None = None,
    groups: tuple[Change, ...] = (),
) -> Change:
    """``whole`` (:func:`_whole` of the total's two years) None: the total row itself."""
    group = None if whole is None else c.group
    row = _group(dataset, group, (c.before, c.after), whole)
    # A change is the group's row, its two years, and what changed between them.
    return Change(
        *row[:6], change=c.change, change_pct=c.change_pct, status=c.status, groups=groups
    )


def _change_tree(
    dataset: Dataset, nodes: Sequence[queries.Node], whole: _Whole
) -> tuple[Change, ...]:
    return tuple(
        _change(
            dataset,
            queries.Change(n.group, n.sums[0], n.sums[1]),
            whole,
            _change_tree(dataset, n.children, whole),
        )
        for n in nodes
    )


def _change_value(c: queries.Change, key: str, years: tuple[int, int]) -> queries.Sortable:
    if key == str(years[0]):
        return c.from_amount
    if key == str(years[1]):
        return c.to_amount
    if key in ("change", "change_pct"):
        return c.change if key == "change" else c.change_pct
    return _named_value(c.group, key)


def compare_result(
    dataset: Dataset,
    activities: Sequence[Activity],
    from_year: int,
    to_year: int,
    by: Grouping,
    filters: queries.Filters = NO_FILTERS,
    order: Order = NO_ORDER,
    levels: Sequence[Grouping] = (),
) -> Comparison:
    """``levels`` (``by`` first) nest the groups, as in :func:`total_result`."""
    levels = tuple(levels) or (by,)
    c = queries.compare(dataset, activities, from_year, to_year, by, levels=levels)
    whole = _whole((c.total.before, c.total.after))
    years = (from_year, to_year)
    shown = queries.ordered(
        c.rows,
        order,
        lambda ch, key: _change_value(ch, key, years),
        [*_NAMED, *map(str, years), "change", "change_pct"],
    )
    return Comparison(
        schema_version=SCHEMA_VERSION,
        command="compare",
        unit=dataset.unit,
        by=by,
        levels=levels,
        filters=filters_record(dataset, filters),
        years=years,
        matched=len(c.rows),
        rows=(
            _change_tree(dataset, c.nodes, whole)
            if len(levels) > 1
            else tuple(_change(dataset, ch, whole) for ch in shown)
        ),
        total=_change(dataset, c.total),
        footnotes=(
            *notes_for.cut(len(shown), len(c.rows), groups=True),
            *notes_for.comparison(c),
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
        schema_version=SCHEMA_VERSION,
        command="diff",
        unit=unit,
        old=old,
        new=new,
        rows=edits,
        totals=found.totals,
        footnotes=footnotes,
    )

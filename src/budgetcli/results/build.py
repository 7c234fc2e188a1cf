"""The questions, answered once: a query's figures -> the command's typed result.

Every view (json, ndjson, csv, tsv, the API, tables and documents) is drawn from what these
functions return; none of them asks the queries again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from budgetcli import queries
from budgetcli.i18n import Ids, Msg, text
from budgetcli.model import Activity, CellKind, Dataset, NoteKind, TextCell
from budgetcli.queries import Basis, Grouping, Order
from budgetcli.results import (
    SCHEMA_VERSION,
    Activities,
    ActivityNote,
    Change,
    Comparison,
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

NO_FILTERS = queries.Filters()
NO_ORDER = Order()
ZERO = Decimal(0)


def filters_record(dataset: Dataset, filters: queries.Filters, year: int | None = None) -> Filters:
    """The filters given, by the names of their options; ``year`` also where it picks the
    year a total is of rather than the activities."""
    return Filters(
        department=filters.departments,
        section=tuple(dataset.section_label(*ref) for ref in filters.sections),
        year=filters.year if filters.year is not None else year,
        search=filters.search,
        funding=filters.funding,
    )


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
        section=activity.section,
        funding=activity.funding,
        target_group=activity.target_group,
        expected_effect=activity.expected_effect,
        description=activity.description,
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
        footnotes=footnotes,
    )


def list_result(
    dataset: Dataset,
    selected: Sequence[Activity],
    filters: queries.Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Activities:
    return _activities("list", dataset, selected, filters_record(dataset, filters), order)


def expiring_result(
    dataset: Dataset,
    selected: Sequence[Activity],
    year: int | None,
    filters: queries.Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Activities:
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
    record = filters_record(dataset, filters, year)
    return _activities("expiring", dataset, found, record, order, extra)


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


def sum_record(s: queries.Sum, year: int | None) -> Sum:
    amount = s.amount
    return Sum(
        year=year,
        amount=amount,
        kind=CellKind.words if amount is None else CellKind.amount,
        not_quantified=tuple(a.id for a in s.not_quantified),
        adjustable=tuple(a.id for a in s.adjustable),
        actual_used=tuple(a.id for a in s.actual_used),
    )


def _group(dataset: Dataset, group: queries.Group | None, sums: Sequence[queries.Sum]) -> Group:
    """A row of sums; ``group`` None for everything selected."""
    code = group.department if group else None
    named = group is not None and group.placeholder is None
    return Group(
        row=RowKind.group if group else RowKind.total,
        key=group.key if group and named else None,
        name=group.label if group and named else None,
        department=code,
        department_name=dataset.department(code).name if code else None,
        years=tuple(sum_record(s, s.year) for s in sums),
        total=sum_record(queries.combine(sums), None),
    )


def _group_value(g: queries.GroupedSums, key: str, years: Sequence[int]) -> queries.Sortable:
    if key.isdigit() and int(key) in years:
        return g.sums[years.index(int(key))].amount
    if key == "total":
        return queries.combine(g.sums).amount
    if key in ("key", "id"):
        return g.group.key
    return g.group.label  # name, label


def total_result(
    dataset: Dataset,
    activities: Sequence[Activity],
    year: int | None,
    by: Grouping | None,
    basis: Basis,
    filters: queries.Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Totals:
    """One year's total (``year``), or every year's side by side, with ``by`` groups."""
    years = [year] if year is not None else list(dataset.years)
    t = queries.totals(dataset, activities, years, by=by, basis=basis)
    shown = list(t.groups)
    if order != NO_ORDER:
        shown = queries.ordered(
            t.groups,
            order,
            lambda g, key: _group_value(g, key, years),
            ["key", "id", "name", "label", *map(str, years), "total"],
        )
    return Totals(
        schema_version=SCHEMA_VERSION,
        command="total",
        unit=dataset.unit,
        basis=basis,
        by=by,
        filters=filters_record(dataset, filters, year),
        years=tuple(years),
        matched=len(t.groups),
        rows=tuple(_group(dataset, g.group, g.sums) for g in shown),
        total=_group(dataset, None, t.overall),
        footnotes=(
            *notes_for.cut(len(shown), len(t.groups), groups=True),
            *notes_for.totals(dataset, t),
        ),
    )


def chart_result(
    dataset: Dataset,
    activities: Sequence[Activity],
    by: Grouping,
    year: int | None,
    filters: queries.Filters = NO_FILTERS,
) -> Totals:
    """Bars: the total per year, or per group over one year (or the whole period)."""
    years = [year] if year is not None else list(dataset.years)
    per_year = by is Grouping.year
    t = queries.totals(dataset, activities, years, by=None if per_year else by)
    if per_year:
        rows = tuple(
            _group(dataset, queries.Group(str(s.year), str(s.year)), (s,)) for s in t.overall
        )
    else:
        rows = tuple(_group(dataset, g.group, g.sums) for g in t.groups)
    return Totals(
        schema_version=SCHEMA_VERSION,
        command="chart",
        unit=dataset.unit,
        basis=Basis.budget,
        by=by,
        filters=filters_record(dataset, filters, year),
        years=tuple(years),
        matched=len(rows),
        rows=rows,
        total=_group(dataset, None, t.overall),
        footnotes=notes_for.totals(dataset, t),
    )


# --- comparisons ---------------------------------------------------------------------------


def _change(dataset: Dataset, c: queries.Change, total: bool = False) -> Change:
    group = None if total else c.group
    row = _group(dataset, group, (c.before, c.after))
    # A change is the group's row, its two years, and what changed between them.
    return Change(*row[:6], change=c.change, change_pct=c.change_pct, status=c.status)


def _change_value(c: queries.Change, key: str, years: tuple[int, int]) -> queries.Sortable:
    if key == str(years[0]):
        return c.from_amount
    if key == str(years[1]):
        return c.to_amount
    if key in ("change", "change_pct"):
        return c.change if key == "change" else c.change_pct
    if key in ("key", "id"):
        return c.group.key
    return c.group.label  # name, label


def compare_result(
    dataset: Dataset,
    activities: Sequence[Activity],
    from_year: int,
    to_year: int,
    by: Grouping,
    filters: queries.Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Comparison:
    c = queries.compare(dataset, activities, from_year, to_year, by)
    years = (from_year, to_year)
    shown = list(c.rows)
    if order != NO_ORDER:
        known = ["key", "id", "name", "label", str(from_year), str(to_year)]
        value: Callable[[queries.Change, str], queries.Sortable] = lambda ch, key: (  # noqa: E731
            _change_value(ch, key, years)
        )
        shown = queries.ordered(c.rows, order, value, [*known, "change", "change_pct"])
    return Comparison(
        schema_version=SCHEMA_VERSION,
        command="compare",
        unit=dataset.unit,
        by=by,
        filters=filters_record(dataset, filters),
        years=years,
        matched=len(c.rows),
        rows=tuple(_change(dataset, ch) for ch in shown),
        total=_change(dataset, c.total, total=True),
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
        filters=Filters(tuple(departments), (), None, None, None),
        rows=tuple(rows),
        footnotes=(),
    )

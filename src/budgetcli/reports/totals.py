"""Presenters for sums: ``total`` and ``chart``; the sum cells and footnotes ``compare`` shares."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from budgetcli import queries
from budgetcli.i18n import IDS_SHOWN, Ids, Msg, Text, text
from budgetcli.model import Activity, Dataset, NoteKind
from budgetcli.queries import Basis, Filters, Grouping, Order
from budgetcli.reports import Column, Footnote, FootnoteKind, Marked, Report, ReportKind, Value
from budgetcli.reports.activities import ADJUSTABLE_MARK, NO_ORDER, plain_cell, year_columns
from budgetcli.reports.asked import NO_FILTERS, filters_json, titled

NOT_QUANTIFIED = text(Msg.not_quantified)
BY_LABEL = {
    Grouping.year: Msg.by_year,
    Grouping.department: Msg.by_department,
    Grouping.section: Msg.by_section,
    Grouping.funding: Msg.by_funding,
    Grouping.activity: Msg.by_activity,
}
BASIS_LABEL = {Basis.budget: Msg.basis_budget, Basis.actual: Msg.basis_actual}
PLACEHOLDER_LABEL = {
    queries.Placeholder.no_sections: Msg.no_sections,
    queries.Placeholder.not_stated: Msg.not_stated,
}


def sum_json(s: queries.Sum) -> dict[str, Any]:
    data: dict[str, Any] = {
        "total": s.amount,  # words are not 0: None when only words
        "not_quantified": [a.id for a in s.not_quantified],
        "adjustable": [a.id for a in s.adjustable],
    }
    if s.actual_used:
        data["actual_used"] = [a.id for a in s.actual_used]
    return data


def sum_value(s: queries.Sum) -> Value:
    """A sum for a table: no amount and not-a-number stay distinct from 0."""
    if s.amount is None:
        return NOT_QUANTIFIED
    return Marked(s.total, ADJUSTABLE_MARK) if s.adjustable else s.total


def group_label(group: queries.Group) -> Text | str:
    """A group's name as data: its own name, or a placeholder said in the reader's language."""
    if group.placeholder is None:
        return group.label
    return text(PLACEHOLDER_LABEL[group.placeholder], name=group.subject)


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


def _left_out_items(activities: Sequence[Activity], year: int) -> Text:
    """'a (Driftsbudget), b (…)': what was left out, with the source's words."""
    items = [
        text(Msg.id_with_words, id=Ids((a.id,)), words=plain_cell(a.cell(year))) for a in activities
    ]
    shown = items[:IDS_SHOWN]
    joined: Text = shown[-1]
    for item in reversed(shown[:-1]):
        joined = text(Msg.joined, first=item, rest=joined)
    if len(items) > len(shown):
        joined = text(
            Msg.with_more, text=joined, more=text(Msg.and_more, count=len(items) - IDS_SHOWN)
        )
    return joined


def totals_footnotes(dataset: Dataset, t: queries.Totals) -> tuple[Footnote, ...]:
    left_out = [
        (s.year, text(Msg.left_out, items=_left_out_items(s.not_quantified, s.year)))
        for s in t.overall
        if s.not_quantified
    ]
    adjustable = [
        (s.year, text(Msg.includes_adjustable, ids=Ids(tuple(a.id for a in s.adjustable))))
        for s in t.overall
        if s.adjustable
    ]
    notes = [Footnote(FootnoteKind.left_out, n) for n in _by_years(left_out)]
    notes += [
        Footnote(FootnoteKind.adjustable, text(Msg.marked, mark=ADJUSTABLE_MARK, text=n))
        for n in _by_years(adjustable)
    ]
    for s in t.overall:
        for a in s.actual_used:
            actual = a.amount(s.year, actual=True)
            assert isinstance(actual, Decimal)
            notes.append(
                Footnote(
                    FootnoteKind.actual,
                    text(
                        Msg.counted_actual,
                        year=s.year,
                        id=Ids((a.id,)),
                        actual=actual,
                        budget=plain_cell(a.cell(s.year)),
                    ),
                )
            )
    if t.basis is Basis.budget:
        differing = sorted(
            {a.id for s in t.overall for a in s.counted if a.actual and s.year in a.actual}
        )
        if differing:
            notes.append(
                Footnote(FootnoteKind.actual, text(Msg.actual_differs, ids=Ids(tuple(differing))))
            )
            notes.append(Footnote(FootnoteKind.hint, text(Msg.see_basis_actual)))
    if any(note.kind is NoteKind.heading for note in dataset.notes):
        notes.append(Footnote(FootnoteKind.hint, text(Msg.see_notes)))
    return tuple(notes)


def total_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    year: int | None,
    by: Grouping | None,
    basis: Basis,
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Report:
    """One year's total (``year``), or every year's side by side with a grand total."""
    years = [year] if year is not None else list(dataset.years)
    t = queries.totals(dataset, activities, years, by=by, basis=basis)
    cut: tuple[Footnote, ...] = ()
    if order != NO_ORDER:
        shown = queries.ordered(
            t.groups,
            order,
            lambda g, key: _group_value(g, key, years),
            ["key", "id", "name", "label", *map(str, years), "total"],
        )
        if len(shown) < len(t.groups):
            cut = (top_note(len(shown), len(t.groups)),)
        t = t._replace(groups=tuple(shown))
    rows: list[tuple[Value, ...]] = [
        (g.group.key, group_label(g.group), *(sum_value(s) for s in g.sums)) for g in t.groups
    ]
    rows.append(("total", text(Msg.total_label), *(sum_value(s) for s in t.overall)))
    # A department's key is its code, an activity's its id: worth a column. A section's or
    # funding's key is its own name, which the label already shows.
    short_key = by in (Grouping.department, Grouping.activity)
    key_column = Column("key", text(BY_LABEL[by]) if by else None, human=short_key)
    label_column = Column("label", label_header(by), prose=True)

    def groups_json(index: int) -> list[dict[str, Any]]:
        return [
            {"key": g.group.key, "label": g.group.label, **sum_json(g.sums[index])}
            for g in t.groups
        ]

    def payload() -> dict[str, Any]:
        if year is not None:
            data: dict[str, Any] = {
                "year": year,
                "unit": dataset.unit,
                "basis": basis.value,
                "filters": filters_json(dataset, filters),
                **sum_json(t.overall[0]),
            }
            if by:
                data["groups"] = groups_json(0)
            return data
        yearly = []
        for index, s in enumerate(t.overall):
            entry: dict[str, Any] = {"year": s.year, **sum_json(s)}
            if by:
                entry["groups"] = groups_json(index)
            yearly.append(entry)
        grand = t.grand_total
        return {
            "unit": dataset.unit,
            "basis": basis.value,
            "filters": filters_json(dataset, filters),
            "years": yearly,
            "total": grand.amount,
        }

    if year is not None:
        columns: tuple[Column, ...] = (key_column, label_column, *year_columns(years))
        period = str(year)
    else:
        columns = (
            key_column,
            label_column,
            *year_columns(years),
            Column("total", text(Msg.col_total), numeric=True),
        )
        sums_per_row = [*(g.sums for g in t.groups), t.overall]
        rows = [
            (*row, sum_value(queries.combine(sums)))
            for row, sums in zip(rows, sums_per_row, strict=True)
        ]
        period = f"{years[0]}-{years[-1]}"
    return Report(
        title=titled(
            text(
                Msg.total_title,
                what=text(BASIS_LABEL[basis]),
                period=period,
                by=text(Msg.by_suffix, by=text(BY_LABEL[by])) if by else "",
            ),
            dataset,
            filters,
        ),
        columns=columns,
        rows=tuple(rows),
        payload=payload,
        footnotes=cut + totals_footnotes(dataset, t),
        unit=dataset.unit,
    )


def label_header(by: Grouping | None) -> Text | None:
    """The header over a group's name: "name" beside a code or an id, else what the groups
    are (a section's or a funding's name is its key); none over a lone total row."""
    if by is None:
        return None
    if by in (Grouping.department, Grouping.activity):
        return text(Msg.col_label)
    return text(BY_LABEL[by])


def top_note(shown: int, count: int) -> Footnote:
    return Footnote(FootnoteKind.rule, text(Msg.top_shown, shown=shown, count=count))


def _group_value(g: queries.GroupedSums, key: str, years: Sequence[int]) -> queries.Sortable:
    if key.isdigit() and int(key) in years:
        return g.sums[years.index(int(key))].amount
    if key == "total":
        return queries.combine(g.sums).amount
    if key in ("key", "id"):
        return g.group.key
    return g.group.label  # name, label


def chart_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    by: Grouping,
    year: int | None,
    filters: Filters = NO_FILTERS,
) -> Report:
    """Bars of the total per year, or per group over one year (or the whole period)."""
    years = [year] if year is not None else list(dataset.years)
    period = str(year) if year is not None else f"{years[0]}-{years[-1]}"
    per_year = by is Grouping.year
    t = queries.totals(dataset, activities, years, by=None if per_year else by)
    bars: list[tuple[str, queries.Group, tuple[queries.Sum, ...]]]
    if per_year:
        bars = [(str(s.year), queries.Group(str(s.year), str(s.year)), (s,)) for s in t.overall]
    else:
        bars = [(g.group.key, g.group, g.sums) for g in t.groups]
    merged = [(key, group, queries.combine(sums)) for key, group, sums in bars]
    return Report(
        title=titled(text(Msg.chart_title, by=text(BY_LABEL[by]), period=period), dataset, filters),
        columns=(
            Column("key", text(BY_LABEL[by]), human=False),
            Column("label", label_header(by), prose=True),
            Column("total", text(Msg.col_amount), numeric=True),
        ),
        rows=tuple((key, group_label(group), sum_value(s)) for key, group, s in merged),
        payload=lambda: {
            "by": by.value,
            "period": period,
            "unit": dataset.unit,
            "filters": filters_json(dataset, filters),
            "bars": [{"key": key, "label": group.label, **sum_json(s)} for key, group, s in merged],
        },
        footnotes=totals_footnotes(dataset, t),
        unit=dataset.unit,
        kind=ReportKind.chart,
    )

"""Presenter for ``compare``: two years side by side, with the change."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from budgetcli import queries
from budgetcli.i18n import Ids, Msg, text
from budgetcli.model import Activity, Dataset
from budgetcli.queries import Filters, Grouping, Order, Status
from budgetcli.reports import Column, Footnote, FootnoteKind, Pct, Report, Value
from budgetcli.reports.activities import ADJUSTABLE_MARK, NO_ORDER, joined, year_columns
from budgetcli.reports.asked import NO_FILTERS, filters_json, titled
from budgetcli.reports.totals import BY_LABEL, group_label, label_header, sum_value, top_note

STATUS_LABEL = {Status.new: Msg.status_new, Status.ended: Msg.status_ended}


def _change_json(c: queries.Change) -> dict[str, Any]:
    return {
        "from": c.from_amount,
        "to": c.to_amount,
        "change": c.change,
        "change_pct": c.change_pct,
        "status": c.status.value if c.status else None,
    }


def _row(c: queries.Change, label: Value) -> tuple[Value, ...]:
    return (
        c.group.key,
        label,
        sum_value(c.before),
        sum_value(c.after),
        c.change,
        Pct(c.change_pct) if c.change_pct is not None else None,
        text(STATUS_LABEL[c.status]) if c.status else None,
    )


def compare_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    from_year: int,
    to_year: int,
    by: Grouping,
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Report:
    result = queries.compare(dataset, activities, from_year, to_year, by)
    cut: list[Footnote] = []
    if order != NO_ORDER:

        def value(c: queries.Change, key: str) -> queries.Sortable:
            if key == str(from_year):
                return c.from_amount
            if key == str(to_year):
                return c.to_amount
            if key in ("change", "change_pct"):
                return c.change if key == "change" else c.change_pct
            if key in ("key", "id"):
                return c.group.key
            return c.group.label  # name, label

        known = ["key", "id", "name", "label", str(from_year), str(to_year)]
        shown = queries.ordered(result.rows, order, value, [*known, "change", "change_pct"])
        if len(shown) < len(result.rows):
            cut.append(top_note(len(shown), len(result.rows)))
        result = result._replace(rows=tuple(shown))
    total = result.total
    left_out = sorted({a.id for s in (total.before, total.after) for a in s.not_quantified})
    adjustable = sorted({a.id for s in (total.before, total.after) for a in s.adjustable})
    footnotes = cut
    if left_out:
        footnotes.append(
            Footnote(FootnoteKind.left_out, text(Msg.compare_left_out, ids=Ids(tuple(left_out))))
        )
    if adjustable:
        footnotes.append(
            Footnote(
                FootnoteKind.adjustable,
                text(Msg.compare_adjustable, mark=ADJUSTABLE_MARK, ids=Ids(tuple(adjustable))),
            )
        )
    # A year of words only beside one of numbers: the change is of the numbers, and the
    # reader must not take -100 % for "the money stopped".
    words_only = [
        text(
            Msg.id_with_words,
            id=Ids((c.group.key,)) if by is Grouping.activity else c.group.key,
            words=year,
        )
        for c in result.rows
        if c.change is not None
        for year, s in ((from_year, c.before), (to_year, c.after))
        if s.amount is None
    ]
    if words_only:
        footnotes.append(
            Footnote(FootnoteKind.left_out, text(Msg.compare_words_only, items=joined(words_only)))
        )
    footnotes.append(Footnote(FootnoteKind.rule, text(Msg.compare_pct)))
    return Report(
        title=titled(
            text(Msg.compare_title, a=from_year, b=to_year, by=text(BY_LABEL[by])),
            dataset,
            filters,
        ),
        columns=(
            Column("key", text(BY_LABEL[by]), human=by is not Grouping.section),
            Column("label", label_header(by), prose=True),
            *year_columns([from_year, to_year]),
            Column("change", text(Msg.col_change), numeric=True),
            Column("change_pct", text(Msg.col_change_pct), numeric=True),
            Column("status", text(Msg.col_status)),
        ),
        rows=(
            *(_row(c, group_label(c.group)) for c in result.rows),
            _row(total, text(Msg.total_label)),
        ),
        payload=lambda: {
            "from_year": from_year,
            "to_year": to_year,
            "unit": dataset.unit,
            "by": by.value,
            "filters": filters_json(dataset, filters),
            "rows": [
                {"key": c.group.key, "label": c.group.label, **_change_json(c)} for c in result.rows
            ],
            "total": _change_json(total),
            "not_quantified": left_out,
            "adjustable": adjustable,
        },
        footnotes=tuple(footnotes),
        unit=dataset.unit,
    )

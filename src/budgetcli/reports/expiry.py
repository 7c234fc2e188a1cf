"""Presenter for ``expiring --summary``: per last funded year, how many activities stop and
how much money ends with them (optionally per department)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from budgetcli import queries
from budgetcli.i18n import Ids, Msg, text
from budgetcli.model import Activity, Dataset
from budgetcli.queries import Filters
from budgetcli.reports import Column, Footnote, FootnoteKind, Report, Value
from budgetcli.reports.asked import NO_FILTERS, filters_json, titled


def expiry_summary_report(
    dataset: Dataset,
    selected: Sequence[Activity],
    *,
    by_department: bool = False,
    filters: Filters = NO_FILTERS,
) -> Report:
    summary = queries.expiry_summary(dataset, selected, by_department=by_department)
    columns = [Column("last_year", text(Msg.col_last_year), numeric=True)]
    if by_department:
        columns.append(Column("department", text(Msg.col_department)))
    columns += [
        Column("activities", text(Msg.col_activities), numeric=True),
        Column("amount", text(Msg.col_amount_ending), numeric=True),
    ]

    def row(e: queries.Ending) -> tuple[Value, ...]:
        department: tuple[Value, ...] = (e.department,) if by_department else ()
        return (e.last_year, *department, e.stopping, e.amount)

    def entry(e: queries.Ending) -> dict[str, Any]:
        data: dict[str, Any] = {"last_year": e.last_year}
        if by_department:
            data["department"] = e.department
        return data | {
            "activities": e.stopping,
            "ids": [a.id for a in e.activities],
            "amount": e.amount,
        }

    footnotes = [Footnote(FootnoteKind.rule, text(Msg.expiry_summary_rule))]
    never = queries.unquantified(selected)
    if never:
        footnotes.append(
            Footnote(
                FootnoteKind.left_out,
                text(Msg.expiring_unquantified, ids=Ids(tuple(a.id for a in never))),
            )
        )
    return Report(
        title=titled(text(Msg.expiry_summary_title, last=dataset.last_year), dataset, filters),
        columns=tuple(columns),
        rows=tuple(row(e) for e in summary),
        payload=lambda: {
            "unit": dataset.unit,
            "filters": filters_json(dataset, filters),
            "by": "department" if by_department else None,
            "rows": [entry(e) for e in summary],
        },
        footnotes=tuple(footnotes),
        unit=dataset.unit,
        empty_message=text(Msg.expiring_none),
    )

"""``expiring --summary`` for people: per last funded year (and department, where asked),
how many activities stop and how much money ends with them, drawn from the result's
summary (which the JSON always carries)."""

from __future__ import annotations

from budgetcli import results
from budgetcli.i18n import Msg, text
from budgetcli.model import Dataset
from budgetcli.reports import Column, Report, Value
from budgetcli.reports.asked import titled
from budgetcli.results import Footnote, FootnoteKind


def expiry_summary_report_of(result: results.Activities, dataset: Dataset) -> Report:
    by_department = any(e.department is not None for e in result.summary)
    columns = [Column("last_year", text(Msg.col_last_year), numeric=True)]
    if by_department:
        columns.append(Column("department", text(Msg.col_department)))
    columns += [
        Column("activities", text(Msg.col_activities), numeric=True),
        Column("amount", text(Msg.col_amount_ending), numeric=True),
    ]

    def row(e: results.Ending) -> tuple[Value, ...]:
        department: tuple[Value, ...] = (e.department,) if by_department else ()
        return (e.last_funded_year, *department, e.activities, e.amount)

    # The list's own notes (the cut, each activity's footnotes) are not this table's.
    kept = tuple(f for f in result.footnotes if f.kind is FootnoteKind.left_out)
    return Report(
        title=titled(
            text(Msg.expiry_summary_title, last=dataset.last_year),
            dataset,
            result.filters._replace(year=None),
        ),
        columns=tuple(columns),
        rows=tuple(row(e) for e in result.summary),
        footnotes=(Footnote(FootnoteKind.rule, text(Msg.expiry_summary_rule)), *kept),
        unit=result.unit,
        empty_message=text(Msg.expiring_none),
    )

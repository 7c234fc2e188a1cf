"""People's view of ``compare``: two years side by side, with the change."""

from __future__ import annotations

from budgetcli import results
from budgetcli.i18n import Msg, Text, text
from budgetcli.model import Dataset
from budgetcli.reports import Column, Pct, Report, Value
from budgetcli.reports.activities import year_columns
from budgetcli.reports.asked import titled
from budgetcli.reports.totals import (
    group_columns,
    group_key,
    levels_label,
    sum_value,
    tree,
)
from budgetcli.results import Status

STATUS_LABEL = {
    Status.new: Msg.status_new,
    Status.ended: Msg.status_ended,
    Status.not_quantified: Msg.not_quantified,
}


def _row(c: results.Change, label: Text | str) -> tuple[Value, ...]:
    return (
        group_key(c),
        label,
        *(sum_value(s) for s in c.years),
        c.change,
        Pct(c.change_pct) if c.change_pct is not None else None,
        text(STATUS_LABEL[c.status]) if c.status else None,
    )


def comparison_report(result: results.Comparison, dataset: Dataset) -> Report:
    by = result.by
    a, b = result.years
    return Report(
        title=titled(
            text(Msg.compare_title, a=a, b=b, by=levels_label(result.levels)),
            dataset,
            result.filters,
        ),
        columns=(
            *group_columns(by, result.levels),
            *year_columns(result.years),
            Column("change", text(Msg.col_change), numeric=True),
            Column("change_pct", text(Msg.col_change_pct), numeric=True),
            Column("status", text(Msg.col_status)),
        ),
        rows=tuple(
            _row(c, label) for c, label in tree((*result.rows, result.total), result.levels)
        ),
        footnotes=result.footnotes,
        unit=result.unit,
    )

"""Presenter for ``diff``: the changes from one data file to another, and their effect on
each department's totals, as one table (totals last)."""

from __future__ import annotations

from decimal import Decimal

from budgetcli.i18n import Msg, text
from budgetcli.model import TextCell
from budgetcli.reports import Column, Report, Value
from budgetcli.results import Differences, EditKind

KIND_LABEL = {
    EditKind.added: Msg.diff_added,
    EditKind.removed: Msg.diff_removed,
    EditKind.renamed: Msg.diff_renamed,
    EditKind.budget: Msg.diff_budget,
    EditKind.actual: Msg.diff_actual,
    EditKind.field: Msg.diff_field,
    EditKind.note: Msg.diff_note,
    EditKind.department: Msg.diff_department,
    EditKind.dataset: Msg.diff_dataset,
}


def _total(value: Decimal | None) -> Value:
    return text(Msg.not_quantified) if value is None else value


def _value(value: Decimal | str | None, is_text: bool) -> Value:
    """Words in a year cell are shown as the source's words, not as a text field."""
    return TextCell(value) if is_text and isinstance(value, str) else value


def diff_report(document: Differences) -> Report:
    rows: list[tuple[Value, ...]] = [
        (
            text(KIND_LABEL[e.kind]),
            e.id,
            e.field,
            e.year,
            _value(e.old, e.old_is_text),
            _value(e.new, e.new_is_text),
            e.difference,
        )
        for e in document.rows
    ]
    rows += [
        (
            text(Msg.diff_total),
            t.department,
            None,
            t.year,
            _total(t.old),
            _total(t.new),
            t.difference,
        )
        for t in document.totals
    ]
    return Report(
        title=text(Msg.diff_title, old=document.old, new=document.new),
        columns=(
            Column("kind", text(Msg.col_kind)),
            Column("id", text(Msg.col_id)),
            Column("field", text(Msg.col_field)),
            Column("year", text(Msg.col_year)),
            Column("old", text(Msg.col_old), prose=True),
            Column("new", text(Msg.col_new), prose=True),
            Column("difference", text(Msg.col_difference), numeric=True),
        ),
        rows=tuple(rows),
        footnotes=document.footnotes,
        unit=document.unit,
        empty_message=text(Msg.diff_none),
    )

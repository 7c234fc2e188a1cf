"""Presenter for ``diff``: the changes from one data file to another, and their effect on
each department's totals, as one table (totals last) and one JSON document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from budgetcli.diff import Change, Differences, Kind, Shown, TotalChange
from budgetcli.i18n import Msg, text
from budgetcli.model import TextCell
from budgetcli.reports import Column, Footnote, FootnoteKind, Report, Value

KIND_LABEL = {
    Kind.added: Msg.diff_added,
    Kind.removed: Msg.diff_removed,
    Kind.renamed: Msg.diff_renamed,
    Kind.budget: Msg.diff_budget,
    Kind.actual: Msg.diff_actual,
    Kind.field: Msg.diff_field,
    Kind.note: Msg.diff_note,
    Kind.department: Msg.diff_department,
    Kind.dataset: Msg.diff_dataset,
}
TOTAL = "total"
"""The kind of a row with a department's total (after every change)."""


def _json_value(value: Shown) -> Any:
    return value.text if isinstance(value, TextCell) else value


def _change_json(c: Change) -> dict[str, Any]:
    return {
        "kind": c.kind.value,
        "id": c.id,
        "field": c.field,
        "year": c.year,
        "old": _json_value(c.old),
        "new": _json_value(c.new),
        # Words in a year cell, apart from the amount (as budget_text is in list's json).
        "old_is_text": isinstance(c.old, TextCell),
        "new_is_text": isinstance(c.new, TextCell),
        "difference": c.difference,
    }


def _total_json(t: TotalChange) -> dict[str, Any]:
    return {
        "department": t.department,
        "year": t.year,
        "old": t.old,
        "new": t.new,
        "difference": t.difference,
    }


def _total(value: Decimal | None) -> Value:
    return text(Msg.not_quantified) if value is None else value


def diff_report(differences: Differences, old: str, new: str, unit: str) -> Report:
    """``old`` and ``new`` name the two files as the user gave them."""
    changes, totals = differences
    rows: list[tuple[Value, ...]] = [
        (text(KIND_LABEL[c.kind]), c.id, c.field, c.year, c.old, c.new, c.difference)
        for c in changes
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
        for t in totals
    ]
    counts = {kind: sum(c.kind is kind for c in changes) for kind in (Kind.added, Kind.removed)}
    changed = len(
        {c.id for c in changes if c.kind in (Kind.renamed, Kind.budget, Kind.actual, Kind.field)}
    )
    footnotes = (
        (
            Footnote(
                FootnoteKind.rule,
                text(
                    Msg.diff_summary,
                    added=counts[Kind.added],
                    removed=counts[Kind.removed],
                    changed=changed,
                    changes=len(changes),
                ),
            ),
            Footnote(FootnoteKind.rule, text(Msg.diff_totals_rule)),
        )
        if changes
        else ()
    )
    payload = {
        "old": old,
        "new": new,
        "unit": unit,
        "changes": [_change_json(c) for c in changes],
        "totals": [_total_json(t) for t in totals],
    }
    return Report(
        title=text(Msg.diff_title, old=old, new=new),
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
        payload=lambda: payload,
        footnotes=footnotes,
        unit=unit,
        empty_message=text(Msg.diff_none),
    )

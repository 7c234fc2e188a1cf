"""Presenter for ``diff``: the changes from one data file to another, and their effect on
each department's totals, as one table (totals last) and one JSON document."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from budgetcli.diff import Change, Differences, Kind, Shown, TotalChange
from budgetcli.i18n import Msg, text
from budgetcli.model import TextCell
from budgetcli.reports import Column, Report, Value
from budgetcli.results import Footnote, FootnoteKind

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


def diff_payload(differences: Differences, old: str, new: str, unit: str) -> dict[str, Any]:
    """The JSON document (and the API's answer): the changes, then the totals they move."""
    return {
        "old": old,
        "new": new,
        "unit": unit,
        "changes": [_change_json(c) for c in differences.changes],
        "totals": [_total_json(t) for t in differences.totals],
    }


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
        footnotes=footnotes,
        unit=unit,
        empty_message=text(Msg.diff_none),
    )


def machine_table(report: Report) -> tuple[list[str], list[list[Any]]]:
    """csv, tsv and ndjson: the report's columns by their keys, cells as plain values (the
    tool's words in English, a source's words as text), the unit a column of its own."""
    from budgetcli.i18n import ENGLISH, Text

    def plain(value: Value) -> Any:
        if isinstance(value, Text):
            return ENGLISH.text(value)
        if isinstance(value, TextCell):
            return value.text
        return value

    columns = [c.key for c in report.columns] + ["unit"]
    rows = [[plain(v) for v in row] + [report.unit] for row in report.rows]
    return columns, rows


def machine_content(report: Report, fmt: str, *, header: bool) -> str:
    """csv, tsv or ndjson of the report's machine table."""
    import csv
    import io

    from budgetcli.formats.delimited import tsv_escape
    from budgetcli.formats.json import dumps
    from budgetcli.results.tabular import cell_text

    columns, rows = machine_table(report)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        if header:
            writer.writerow(columns)
        writer.writerows([[cell_text(v) for v in row] for row in rows])
        return buffer.getvalue()
    if fmt == "tsv":
        lines = ["\t".join(columns)] if header else []
        lines += ["\t".join(tsv_escape(cell_text(v)) for v in row) for row in rows]
        return "".join(line + "\n" for line in lines)
    # ndjson: one object a line (JSON escapes every line break inside a string).
    return "".join(
        dumps(dict(zip(columns, row, strict=True)), indent=0).replace("\n", "") + "\n"
        for row in rows
    )

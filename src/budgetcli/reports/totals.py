"""People's views of sums: ``total`` and ``chart``, drawn from their results; the sum cells
``compare`` shares."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from budgetcli import results
from budgetcli.i18n import Msg, Text, text
from budgetcli.model import Dataset
from budgetcli.reports import Column, Marked, Report, ReportKind, Value
from budgetcli.reports.activities import year_columns
from budgetcli.reports.asked import titled
from budgetcli.results.footnotes import ADJUSTABLE_MARK
from budgetcli.terms import Basis, Grouping

NOT_QUANTIFIED = text(Msg.not_quantified)
BY_LABEL = {
    Grouping.year: Msg.by_year,
    Grouping.department: Msg.by_department,
    Grouping.section: Msg.by_section,
    Grouping.funding: Msg.by_funding,
    Grouping.activity: Msg.by_activity,
}
BASIS_LABEL = {Basis.budget: Msg.basis_budget, Basis.actual: Msg.basis_actual}


def sum_value(s: results.Sum) -> Value:
    """A sum for a table: no amount and not-a-number stay distinct from 0."""
    if s.amount is None:
        return NOT_QUANTIFIED
    return Marked(s.amount, ADJUSTABLE_MARK) if s.adjustable else s.amount


def group_label(
    row: results.Group | results.Change, by: Grouping | None, *, under_department: bool = False
) -> Text | str:
    """A group's name for people: its own, the total's, or what a group with no name is.
    A section whose name another department's section shares says its department ("BIF /
    Diverse"), unless it stands under its department's row (``under_department``)."""
    if row.row is results.RowKind.total:
        return text(Msg.total_label)
    if row.name is not None:
        if by is Grouping.section and row.key != row.name and not under_department:
            return f"{row.department} / {row.name}"
        return row.name
    if by is Grouping.section:
        return text(Msg.no_sections, name=row.department_name)
    return text(Msg.not_stated)


R = TypeVar("R", results.Group, results.Change)
INDENT = "  "


def tree(rows: Sequence[R], levels: Sequence[Grouping | None]) -> list[tuple[R, Text | str]]:
    """Depth first, each row with its label for people, indented by its level (a nested
    ``--by``); a department without sections, one nameless child repeating it, not shown
    twice."""
    out: list[tuple[R, Text | str]] = []

    def visit(row: R, depth: int) -> None:
        label = group_label(
            row,
            levels[depth] if depth < len(levels) else None,
            under_department=Grouping.department in levels[:depth],
        )
        if depth and isinstance(label, str):
            label = INDENT * depth + label
        elif depth:
            label = text(Msg.indented, indent=INDENT * depth, text=label)
        out.append((row, label))
        children: Sequence[R] = row.groups
        if len(children) == 1 and children[0].key is None:
            children = children[0].groups
        for child in children:
            visit(child, depth + 1)

    for row in rows:
        visit(row, 0)
    return out


def levels_label(levels: Sequence[Grouping]) -> Text:
    """'department, section' in the reader's language."""
    said: Text = text(BY_LABEL[levels[-1]])
    for level in reversed(levels[:-1]):
        said = text(Msg.joined, first=text(BY_LABEL[level]), rest=said)
    return said


def group_key(row: results.Group | results.Change) -> str:
    """The key column for people: the total's word, a nameless group's department."""
    if row.row is results.RowKind.total:
        return "total"
    return row.key or row.department or ""


def label_header(by: Grouping | None) -> Text | None:
    """The header over a group's name: "name" beside a code or an id, else what the groups
    are (a section's or a funding's name is its key); none over a lone total row."""
    if by is None:
        return None
    if by in (Grouping.department, Grouping.activity):
        return text(Msg.col_label)
    return text(BY_LABEL[by])


def group_columns(by: Grouping | None, levels: Sequence[Grouping]) -> tuple[Column, Column]:
    """The key and name columns of a table of groups (total, compare). A department's key is
    its code, an activity's its id: worth a column for people. A section's or funding's key
    is its own name, which the label already shows; nested groups show their path."""
    flat = len(levels) < 2
    short_key = by in (Grouping.department, Grouping.activity) and flat
    return (
        Column("key", text(BY_LABEL[by]) if by else None, human=short_key),
        Column("label", label_header(by) if flat else levels_label(levels), prose=True),
    )


def _period(years: Sequence[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"


def totals_report(result: results.Totals, dataset: Dataset) -> Report:
    """``total`` for people: one column per year, and the period's total beside several."""
    by = result.by
    several = len(result.years) > 1
    rows: list[tuple[Value, ...]] = []
    for row, label in tree((*result.rows, result.total), result.levels):
        sums = [sum_value(s) for s in row.years]
        if several:
            sums.append(sum_value(row.total))
        rows.append((group_key(row), label, *sums))
    columns: tuple[Column, ...] = (*group_columns(by, result.levels), *year_columns(result.years))
    if several:
        columns = (*columns, Column("total", text(Msg.col_total), numeric=True))
    question = text(
        Msg.total_title,
        what=text(BASIS_LABEL[result.basis]),
        period=_period(result.years),
        by=text(Msg.by_suffix, by=levels_label(result.levels)) if by else "",
    )
    return Report(
        title=titled(question, dataset, result.filters._replace(year=None)),
        columns=columns,
        rows=tuple(rows),
        footnotes=result.footnotes,
        unit=result.unit,
    )


def chart_report_of(result: results.Totals, dataset: Dataset) -> Report:
    """Bars of the total per year, or per group over one year (or the whole period)."""
    by = result.by or Grouping.year
    question = text(Msg.chart_title, by=text(BY_LABEL[by]), period=_period(result.years))
    return Report(
        title=titled(question, dataset, result.filters._replace(year=None)),
        columns=(
            Column("key", text(BY_LABEL[by]), human=False),
            Column("label", label_header(by), prose=True),
            Column("total", text(Msg.col_amount), numeric=True),
        ),
        rows=tuple(
            (group_key(row), group_label(row, by), sum_value(row.total)) for row in result.rows
        ),
        footnotes=result.footnotes,
        unit=result.unit,
        kind=ReportKind.chart,
    )

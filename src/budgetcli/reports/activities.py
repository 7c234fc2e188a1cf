"""People's views of activities: ``list``, ``expiring`` and ``show``, drawn from their
results (``budgetcli.api``); the figures and footnotes are the result's own."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetcli import results
from budgetcli.i18n import Msg, Text, text
from budgetcli.model import TEXT_FIELDS, Cell, CellKind, Dataset, FieldKind, TextCell
from budgetcli.reports import Column, Marked, Report, ReportKind, Value
from budgetcli.reports.asked import titled
from budgetcli.results import FootnoteKind
from budgetcli.results.footnotes import ACTUAL_MARK, ADJUSTABLE_MARK, plain_cell


def shown_cell(cell: results.YearCell) -> Value:
    """A budget cell for people: adjustable amounts and those with actual spend are marked."""
    if cell.amount is not None:
        if cell.adjustable:
            return Marked(cell.amount, ADJUSTABLE_MARK)
        if cell.actual is not None:
            return Marked(cell.amount, ACTUAL_MARK)
        return cell.amount
    return TextCell(cell.words) if cell.words is not None else None


def year_columns(years: Sequence[int]) -> tuple[Column, ...]:
    return tuple(Column(str(y), str(y), numeric=True) for y in years)


def activity_columns(years: Sequence[int]) -> tuple[Column, ...]:
    return (
        Column("id", text(Msg.col_id)),
        Column("department", text(Msg.col_department)),
        Column("section", text(Msg.col_section), prose=True),
        Column("name", text(Msg.col_name), prose=True),
        *year_columns(years),
    )


def activity_row(a: results.Activity) -> tuple[Value, ...]:
    return (a.id, a.department, a.section, a.name, *(shown_cell(c) for c in a.budget))


def activities_report(result: results.Activities, dataset: Dataset) -> Report:
    """``list`` or ``expiring`` for people."""
    expiring = result.command == "expiring"
    columns = activity_columns(result.years)
    if expiring:
        when = text(Msg.expiring_when, year=result.filters.year) if result.filters.year else ""
        title = titled(
            text(Msg.expiring_title, last=dataset.last_year, when=when),
            dataset,
            result.filters._replace(year=None),
        )
        columns = (*columns, Column("last_year", text(Msg.col_last_year), numeric=True))
        rows = tuple((*activity_row(a), a.last_funded_year) for a in result.rows)
    else:
        title = titled(text(Msg.activities_title), dataset, result.filters)
        rows = tuple(activity_row(a) for a in result.rows)
    return Report(
        title=title,
        columns=columns,
        rows=rows,
        footnotes=result.footnotes,
        unit=result.unit,
        empty_message=text(Msg.expiring_none if expiring else Msg.no_activities),
    )


# --- one activity ------------------------------------------------------------------------


def _shortened(remark: str) -> str:
    if len(remark) <= REMARK_SHOWN:
        return remark
    return remark[: remark.rfind(" ", 0, REMARK_SHOWN)].rstrip(" ,;:") + " …"


def _cell_words(cell: results.YearCell) -> Value:
    if cell.kind is CellKind.empty:
        return text(Msg.cell_empty)
    if cell.words is not None:
        return text(Msg.cell_text, text=cell.words)
    if cell.adjustable and cell.amount is not None:
        return Marked(cell.amount, ADJUSTABLE_MARK)  # as list and total mark it
    return cell.amount


def _period_totals(cells: Sequence[results.YearCell]) -> list[tuple[Value, ...]]:
    """What the activity gets over the period (the numbers; words alone are not
    quantified), and what it actually cost in the years the source gives that."""
    if not cells:
        return []
    first, last = cells[0].year, cells[-1].year
    amounts = [c.amount for c in cells if c.amount is not None]
    rows: list[tuple[Value, ...]] = []
    if amounts:
        total = sum(amounts, Decimal(0))
        adjustable = any(c.adjustable and c.amount is not None for c in cells)
        rows.append(
            (
                text(Msg.field_period_total, first=first, last=last),
                Marked(total, ADJUSTABLE_MARK) if adjustable else total,
            )
        )
    elif any(c.words is not None for c in cells):
        rows.append(
            (text(Msg.field_period_total, first=first, last=last), text(Msg.not_quantified))
        )
    spent = [c for c in cells if c.actual is not None]
    if len(spent) > 1:
        actual = sum((c.actual for c in spent if c.actual is not None), Decimal(0))
        budget = sum((c.amount for c in spent if c.amount is not None), Decimal(0))
        rows.append(
            (
                text(Msg.field_actual, year=f"{spent[0].year}-{spent[-1].year}"),
                text(
                    Msg.actual_vs_budget,
                    spent=actual,
                    budget=budget,
                    difference=text(Msg.difference, amount=actual - budget),
                ),
            )
        )
    return rows


def _plain(cell: results.YearCell) -> Cell:
    return TextCell(cell.words) if cell.words is not None else cell.amount


REMARK_SHOWN = 90
"""Characters of each transcription remark ``show`` prints unless asked for all."""


def shown_report(result: results.Shown, dataset: Dataset, *, all_remarks: bool = False) -> Report:
    """One activity as a record: what it is and what it gets, then what the source says
    about it (its footnotes), then the texts, then, under their own heading, the
    transcribers' remarks (shortened unless ``all_remarks``)."""
    activity = result.activity
    department = dataset.department(activity.department)
    rows: list[tuple[Value, ...]] = [
        (text(Msg.field_id), activity.id),
        (text(Msg.field_name), activity.name),
        (
            text(Msg.field_department),
            text(
                Msg.department_line,
                code=department.code,
                name=department.name,
                name_en=department.name_en,
            ),
        ),
        *(
            (text(f.label), getattr(activity, f.key))
            for f in TEXT_FIELDS
            if f.kind is not FieldKind.prose
        ),
    ]
    for cell in activity.budget:
        rows.append((text(Msg.field_budget, year=cell.year), _cell_words(cell)))
    for cell in activity.budget:
        if cell.actual is None:
            continue
        difference: Text | str = (
            text(Msg.difference, amount=cell.actual - cell.amount)
            if cell.amount is not None
            else ""
        )
        budget = cell.amount if cell.amount is not None else plain_cell(_plain(cell))
        rows.append(
            (
                text(Msg.field_actual, year=cell.year),
                text(
                    Msg.actual_vs_budget,
                    spent=cell.actual,
                    budget=budget,
                    difference=difference,
                ),
            )
        )
    rows += _period_totals(activity.budget)
    if activity.adjustable_years:
        years = ", ".join(str(y) for y in activity.adjustable_years)
        said = text(Msg.adjustable_years, years=years, mark=ADJUSTABLE_MARK)
        rows.append((text(Msg.field_adjustable), said))
    rows += [(text(Msg.field_note), note.text) for note in activity.notes]
    rows += [
        (text(f.label), getattr(activity, f.key)) for f in TEXT_FIELDS if f.kind is FieldKind.prose
    ]
    printed: Text | str = text(Msg.printed, printed=activity.printed) if activity.printed else ""
    rows.append(
        (text(Msg.field_source), text(Msg.source_line, title=department.title, printed=printed))
    )
    if activity.remarks:
        remarks = [r if all_remarks else _shortened(r) for r in activity.remarks]
        cut = any(s != r for s, r in zip(remarks, activity.remarks, strict=True))
        rows.append((text(Msg.field_remarks), text(Msg.remarks_more if cut else Msg.remarks_all)))
        # Remarks are written in English: a Danish reader gets the heading's line saying
        # so, and these rows say nothing in Danish (writers leave out a row of nothing).
        rows += [("", text(Msg.remark_line, text=remark)) for remark in remarks]
    return Report(
        title=titled(text(Msg.show_title, name=activity.name), dataset),
        columns=(Column("field"), Column("value", prose=True)),
        rows=tuple(r for r in rows if r[1] is not None),
        # The record's rows say what the source's footnotes say; how the activity asked for
        # was read (one picked among several that hold the words) is said under it.
        footnotes=tuple(f for f in result.footnotes if f.kind is FootnoteKind.rule),
        kind=ReportKind.record,
    )

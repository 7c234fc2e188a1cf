"""Presenters for rows of activities: ``list``, ``expiring`` and ``show``.

The JSON keys here are the contract documented in README.md and pinned by
tests/test_json_contract.py: keys may be added, never renamed or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from budgetcli import queries
from budgetcli.i18n import IDS_SHOWN, Ids, Msg, Text, text
from budgetcli.model import TEXT_FIELDS, Activity, Cell, Dataset, TextCell
from budgetcli.queries import Filters, Order
from budgetcli.reports import (
    Column,
    Footnote,
    FootnoteKind,
    Marked,
    Report,
    ReportKind,
    Value,
)
from budgetcli.reports.asked import NO_FILTERS, titled

NO_ORDER = Order()
ADJUSTABLE_MARK = "*"
ACTUAL_MARK = "†"


def shown_cell(activity: Activity, year: int) -> Value:
    """A budget cell for people: adjustable amounts and those with actual spend are marked."""
    cell = activity.cell(year)
    if isinstance(cell, Decimal):
        if year in activity.adjustable:
            return Marked(cell, ADJUSTABLE_MARK)
        if activity.actual and year in activity.actual:
            return Marked(cell, ACTUAL_MARK)
    return cell


def sort_activities(
    dataset: Dataset, activities: Sequence[Activity], order: Order
) -> Sequence[Activity]:
    if order == NO_ORDER:
        return activities
    return queries.ordered(
        activities,
        order,
        lambda a, key: queries.activity_sort_value(dataset, a, key),
        queries.activity_sort_keys(dataset),
    )


def cut_note(shown: Sequence[Activity], of: Sequence[Activity]) -> tuple[Footnote, ...]:
    """ "Showing 5 of 67." where --top left rows out."""
    if len(shown) == len(of):
        return ()
    return (Footnote(FootnoteKind.rule, text(Msg.top_rows, shown=len(shown), count=len(of))),)


def activity_json(dataset: Dataset, activity: Activity, *, full: bool = False) -> dict[str, Any]:
    years = dataset.years
    data: dict[str, Any] = {
        "id": activity.id,
        "department": activity.department,
        "section": activity.section,
        "name": activity.name,
        "funding": activity.funding,
        "budget": {
            str(y): c if isinstance(c := activity.cell(y), Decimal) else None for y in years
        },
        "budget_text": {
            str(y): c.text for y in years if isinstance(c := activity.cell(y), TextCell)
        },
        "actual": {str(y): v for y, v in (activity.actual or {}).items()},
        "adjustable": bool(activity.adjustable),
        "adjustable_years": sorted(activity.adjustable),
        "notes": [dataset.note(n).text for n in activity.notes],
        "unit": dataset.unit,  # of budget and actual: mio. kr., or what --unit asked for
    }
    if full:
        department = dataset.department(activity.department)
        data |= {
            "department_name": department.name,
            "department_name_en": department.name_en,
            "appendix": department.appendix,
            **{field: getattr(activity, field) for field in TEXT_FIELDS},
            "printed": activity.printed,
            "actual_text": activity.actual_text,
            "note_ids": list(activity.notes),
            "remarks": list(activity.remarks),
        }
    return data


def year_columns(years: Sequence[int]) -> tuple[Column, ...]:
    return tuple(Column(str(y), str(y), numeric=True) for y in years)


def activity_footnotes(dataset: Dataset, activities: Sequence[Activity]) -> list[Footnote]:
    """Explain every marker and every kind of cell that is not a plain amount.

    One footnote per distinct text: activities sharing a source footnote are named together,
    so 50,000 rows still give a handful of lines.
    """
    notes: list[Footnote] = []
    by_note: dict[str, list[str]] = {}
    actual: list[Text] = []
    texts: list[Text] = []
    for a in activities:
        for note_id in a.notes:
            by_note.setdefault(note_id, []).append(a.id)
        if a.actual:
            spent = tuple(
                text(Msg.actual_year, amount=v, unit=dataset.unit, year=y)
                for y, v in a.actual.items()
            )
            actual.append(
                text(Msg.actual_shown, mark=ACTUAL_MARK, id=Ids((a.id,)), spent=_joined(spent))
            )
        if a.has_text_cells:
            words = dict.fromkeys(c.text for c in a.budget.values() if isinstance(c, TextCell))
            texts.append(text(Msg.id_with_words, id=Ids((a.id,)), words="; ".join(words)))
    adjustable_ids = [a.id for a in activities if a.adjustable]
    if adjustable_ids:
        notes.append(
            Footnote(
                FootnoteKind.adjustable,
                text(Msg.adjustable_head, mark=ADJUSTABLE_MARK, ids=Ids(tuple(adjustable_ids))),
            )
        )
    notes += [Footnote(FootnoteKind.actual, t) for t in actual]
    if texts:
        notes.append(Footnote(FootnoteKind.left_out, text(Msg.text_cells, items=joined(texts))))
    for note_id, citing in by_note.items():
        notes.append(
            Footnote(
                FootnoteKind.source_note,
                text(Msg.note_on, ids=Ids(tuple(citing)), text=dataset.note(note_id).text),
            )
        )
    return notes


def _joined(parts: tuple[Text, ...]) -> Text:
    if len(parts) == 1:
        return parts[0]
    return text(Msg.joined, first=parts[0], rest=_joined(parts[1:]))


def joined(items: Sequence[Text]) -> Text:
    """'a, b, c': a handful of items, then "and N more" (a footnote stays a line)."""
    shown = tuple(items[:IDS_SHOWN])
    said = _joined(shown)
    if len(items) > len(shown):
        said = text(
            Msg.with_more, text=said, more=text(Msg.and_more, count=len(items) - len(shown))
        )
    return said


def activity_columns(dataset: Dataset) -> tuple[Column, ...]:
    return (
        Column("id", text(Msg.col_id)),
        Column("department", text(Msg.col_department)),
        Column("section", text(Msg.col_section), prose=True),
        Column("name", text(Msg.col_name), prose=True),
        *year_columns(dataset.years),
    )


def activity_row(dataset: Dataset, a: Activity) -> tuple[Value, ...]:
    return (a.id, a.department, a.section, a.name, *(shown_cell(a, y) for y in dataset.years))


def list_report(
    dataset: Dataset,
    selected: Sequence[Activity],
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Report:
    activities = sort_activities(dataset, selected, order)
    return Report(
        title=titled(text(Msg.activities_title), dataset, filters),
        columns=activity_columns(dataset),
        rows=tuple(activity_row(dataset, a) for a in activities),
        payload=lambda: [activity_json(dataset, a) for a in activities],
        footnotes=(*cut_note(activities, selected), *activity_footnotes(dataset, activities)),
        unit=dataset.unit,
        empty_message=text(Msg.no_activities),
    )


def expiring_report(
    dataset: Dataset,
    selected: Sequence[Activity],
    year: int | None,
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Report:
    expiring = queries.expiring(dataset, selected, year)
    found = sort_activities(dataset, expiring, order)
    footnotes = [*cut_note(found, expiring), *activity_footnotes(dataset, found)]
    never = queries.unquantified(selected)
    if never:
        footnotes.append(
            Footnote(
                FootnoteKind.left_out,
                text(Msg.expiring_unquantified, ids=Ids(tuple(a.id for a in never))),
            )
        )
    footnotes.append(Footnote(FootnoteKind.rule, text(Msg.expiring_rule, last=dataset.last_year)))
    when = text(Msg.expiring_when, year=year) if year is not None else ""
    return Report(
        title=titled(text(Msg.expiring_title, last=dataset.last_year, when=when), dataset, filters),
        columns=(
            *activity_columns(dataset),
            Column("last_year", text(Msg.col_last_year), numeric=True),
        ),
        rows=tuple((*activity_row(dataset, a), a.last_funded_year) for a in found),
        payload=lambda: [
            activity_json(dataset, a) | {"last_year": a.last_funded_year} for a in found
        ],
        footnotes=tuple(footnotes),
        unit=dataset.unit,
        empty_message=text(Msg.expiring_none),
    )


# --- one activity ------------------------------------------------------------------------


def _shortened(remark: str) -> str:
    if len(remark) <= REMARK_SHOWN:
        return remark
    return remark[: remark.rfind(" ", 0, REMARK_SHOWN)].rstrip(" ,;:") + " …"


def _cell_words(cell: Cell) -> Value:
    if cell is None:
        return text(Msg.cell_empty)
    if isinstance(cell, TextCell):
        return text(Msg.cell_text, text=cell.text)
    return cell


def plain_cell(cell: Cell) -> Text | Decimal | str:
    """A cell inside a sentence: its number, its words, or "none"."""
    if isinstance(cell, TextCell):
        return cell.text
    return text(Msg.none) if cell is None else cell


REMARK_SHOWN = 90
"""Characters of each transcription remark ``show`` prints unless asked for all."""


def show_report(
    dataset: Dataset, activity: Activity, *, all_remarks: bool = False, for_people: bool = True
) -> Report:
    """One activity as a record: what it is and what it gets, then what the source says
    about it (its footnotes), then the texts, then, under their own heading, the
    transcribers' remarks (shortened unless ``all_remarks``). Not ``for_people`` (csv,
    tsv), every field is one row of plain values: no heading, nothing shortened, an empty
    cell empty."""
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
        (text(Msg.field_section), activity.section),
        (text(Msg.field_funding), activity.funding),
    ]
    for year in dataset.years:
        cell = activity.cell(year)
        rows.append((text(Msg.field_budget, year=year), _cell_words(cell) if for_people else cell))
    for year, spent in (activity.actual or {}).items():
        budget = activity.cell(year)
        difference: Text | str = (
            text(Msg.difference, amount=spent - budget) if isinstance(budget, Decimal) else ""
        )
        rows.append(
            (
                text(Msg.field_actual, year=year),
                text(
                    Msg.actual_vs_budget,
                    spent=spent,
                    budget=plain_cell(budget),
                    difference=difference,
                ),
            )
        )
    if activity.adjustable:
        years = ", ".join(str(y) for y in sorted(activity.adjustable))
        rows.append((text(Msg.field_adjustable), years))
    rows += [(text(Msg.field_note), dataset.note(n).text) for n in activity.notes]
    rows += [
        (text(Msg.field_description), activity.description),
        (text(Msg.field_target_group), activity.target_group),
        (text(Msg.field_expected_effect), activity.expected_effect),
    ]
    printed: Text | str = text(Msg.printed, printed=activity.printed) if activity.printed else ""
    rows.append(
        (text(Msg.field_source), text(Msg.source_line, title=department.title, printed=printed))
    )
    if activity.remarks and not for_people:
        # In English only: the Danish spreadsheet dialect leaves these rows out.
        rows += [
            (text(Msg.field_remark), text(Msg.remark_text, text=remark))
            for remark in activity.remarks
        ]
    elif activity.remarks:
        shown = [r if all_remarks else _shortened(r) for r in activity.remarks]
        cut = any(s != r for s, r in zip(shown, activity.remarks, strict=True))
        rows.append((text(Msg.field_remarks), text(Msg.remarks_more if cut else Msg.remarks_all)))
        # Remarks are written in English: a Danish reader gets the heading's line saying
        # so, and these rows say nothing in Danish (writers leave out a row of nothing).
        rows += [("", text(Msg.remark_line, text=remark)) for remark in shown]
    return Report(
        title=titled(text(Msg.show_title, name=activity.name), dataset),
        columns=(Column("field"), Column("value", prose=True)),
        rows=tuple(r for r in rows if r[1] is not None or not for_people),
        payload=lambda: activity_json(dataset, activity, full=True),
        kind=ReportKind.record,
    )

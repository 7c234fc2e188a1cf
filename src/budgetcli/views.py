"""Turn query results into Reports: the table people read and the JSON scripts rely on.

The JSON keys here are the contract documented in README.md and pinned by
tests/test_json_contract.py: keys may be added, never renamed or removed.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from budgetcli import queries
from budgetcli.model import Activity, Cell, Dataset, TextCell
from budgetcli.report import Column, Marked, Pct, Report, Value

ADJUSTABLE_MARK = "*"
ACTUAL_MARK = "†"


# --- activity rows -----------------------------------------------------------------------


def shown_cell(activity: Activity, year: int) -> Value:
    """A budget cell for people: adjustable amounts and those with actual spend are marked."""
    cell = activity.cell(year)
    if isinstance(cell, Decimal):
        if year in activity.adjustable:
            return Marked(cell, ADJUSTABLE_MARK)
        if activity.actual and year in activity.actual:
            return Marked(cell, ACTUAL_MARK)
    return cell


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
    }
    if full:
        department = dataset.department(activity.department)
        data |= {
            "department_name": department.name,
            "department_name_en": department.name_en,
            "appendix": department.appendix,
            "description": activity.description,
            "target_group": activity.target_group,
            "expected_effect": activity.expected_effect,
            "printed": activity.printed,
            "actual_text": activity.actual_text,
            "note_ids": list(activity.notes),
            "remarks": list(activity.remarks),
        }
    return data


def _year_columns(dataset: Dataset) -> tuple[Column, ...]:
    return tuple(Column(str(y), str(y), numeric=True) for y in dataset.years)


def _activity_footnotes(dataset: Dataset, activities: Sequence[Activity]) -> tuple[str, ...]:
    """Explain every marker and every kind of cell that is not a plain amount."""
    notes = []
    adjustable = [a for a in activities if a.adjustable]
    if adjustable:
        notes.append(f"{ADJUSTABLE_MARK} the amount may be adjusted:")
        notes += [f"  {a.id}: {_note_texts(dataset, a)}" for a in adjustable]
    with_actual = [a for a in activities if a.actual]
    for a in with_actual:
        spent = ", ".join(f"{v} in {y}" for y, v in a.actual.items()) if a.actual else ""
        notes.append(f"{ACTUAL_MARK} {a.id}: budget shown; actual spend was {spent} mio. kr.")
    texts = [a for a in activities if a.has_text_cells]
    if texts:
        ids = ", ".join(a.id for a in texts)
        notes.append(f"Text cells are not numbers (funded from operating budgets): {ids}.")
    # Every other footnote the rows cite (e.g. KFF's "not integration projects as such").
    cited: dict[str, list[str]] = {}
    for a in activities:
        if not a.adjustable:
            for note_id in a.notes:
                cited.setdefault(note_id, []).append(a.id)
    for note_id, citing in cited.items():
        notes.append(f"Note on {', '.join(citing)}: {dataset.note(note_id).text}")
    return tuple(notes)


def _note_texts(dataset: Dataset, activity: Activity) -> str:
    return " ".join(dataset.note(n).text for n in activity.notes) or "(see the source)"


def list_report(dataset: Dataset, activities: Sequence[Activity]) -> Report:
    columns = (
        Column("id", "id"),
        Column("department", "dept"),
        Column("section", "section"),
        Column("name", "name"),
        *_year_columns(dataset),
    )
    rows = tuple(
        (a.id, a.department, a.section, a.name, *(shown_cell(a, y) for y in dataset.years))
        for a in activities
    )
    return Report(
        title=f"Activities ({dataset.unit})",
        columns=columns,
        rows=rows,
        payload=[activity_json(dataset, a) for a in activities],
        footnotes=_activity_footnotes(dataset, activities),
        unit=dataset.unit,
        empty_message="no activities match",
    )


def expiring_report(dataset: Dataset, selected: Sequence[Activity], year: int | None) -> Report:
    found = queries.expiring(dataset, selected, year)
    base = list_report(dataset, found)
    payload = [activity_json(dataset, a) | {"last_year": a.last_funded_year} for a in found]
    never = queries.unquantified(selected)
    footnotes = list(base.footnotes)
    if never:
        listing = ", ".join(a.id for a in never)
        footnotes.append(f"Not counted as expiring, since no amount is printed: {listing}.")
    footnotes.append(
        f"Expiring: the last year with a positive amount is before {dataset.last_year}"
        " (an explicit 0 counts as no funding)."
    )
    return Report(
        title=f"Activities whose funding ends before {dataset.last_year}"
        + (f", last funded in {year}" if year else "")
        + f" ({dataset.unit})",
        columns=(*base.columns, Column("last_year", "last year", numeric=True)),
        rows=tuple((*row, a.last_funded_year) for row, a in zip(base.rows, found, strict=True)),
        payload=payload,
        footnotes=tuple(footnotes),
        unit=dataset.unit,
        empty_message="no activity's funding ends in that selection",
    )


# --- one activity ------------------------------------------------------------------------


def _cell_words(cell: Cell) -> Value:
    if cell is None:
        return "– (no amount)"
    if isinstance(cell, TextCell):
        return f"{cell.text} (text: not a number)"
    return cell


def show_report(dataset: Dataset, activity: Activity) -> Report:
    department = dataset.department(activity.department)
    rows: list[tuple[Value, ...]] = [
        ("id", activity.id),
        ("name", activity.name),
        ("department", f"{department.code}: {department.name} ({department.name_en})"),
        ("section", activity.section),
        ("description", activity.description),
        ("target group", activity.target_group),
        ("expected effect", activity.expected_effect),
        ("funding", activity.funding),
    ]
    for year in dataset.years:
        rows.append((f"budget {year}", _cell_words(activity.cell(year))))
    for year, spent in (activity.actual or {}).items():
        budget = activity.cell(year)
        difference = f"; difference {spent - budget}" if isinstance(budget, Decimal) else ""
        rows.append((f"actual {year}", f"{spent} (budget {_plain(budget)}{difference})"))
    if activity.adjustable:
        years = ", ".join(str(y) for y in sorted(activity.adjustable))
        rows.append(("may be adjusted", years))
    rows += [("note", dataset.note(n).text) for n in activity.notes]
    rows += [("remark", r) for r in activity.remarks]
    printed = f"; printed: {activity.printed}" if activity.printed else ""
    rows.append(("source", f"{department.title}{printed}"))
    kept = tuple(r for r in rows if r[1] is not None)
    return Report(
        title=f"{activity.name} ({dataset.unit})",
        columns=(Column("field", "field"), Column("value", "value")),
        rows=kept,
        payload=activity_json(dataset, activity, full=True),
        record=True,
    )


def _plain(cell: Cell) -> str:
    if isinstance(cell, TextCell):
        return cell.text
    return "none" if cell is None else str(cell)


# --- totals ------------------------------------------------------------------------------


def _sum_json(s: queries.Sum) -> dict[str, Any]:
    return {
        "total": s.total if s.has_amount else None,  # no amount is not 0
        "not_quantified": [a.id for a in s.not_quantified],
        "adjustable": [a.id for a in s.adjustable],
    }


def _sum_value(s: queries.Sum) -> Value:
    if not s.has_amount:
        return TextCell("not quantified") if s.not_quantified else None
    return Marked(s.total, ADJUSTABLE_MARK) if s.adjustable else s.total


def _by_years(entries: list[tuple[int, str]]) -> list[str]:
    """'2018-2022: text' for runs of consecutive years that would say the same thing."""
    out: list[str] = []
    runs: list[tuple[int, int, str]] = []
    for year, text in entries:
        if runs and runs[-1][2] == text and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year, text)
        else:
            runs.append((year, year, text))
    for first, last, text in runs:
        span = f"{first}" if first == last else f"{first}-{last}"
        out.append(f"{span}: {text}")
    return out


def _totals_footnotes(t: queries.Totals) -> tuple[str, ...]:
    notes = _by_years(
        [
            (
                s.year,
                "left out, no number exists: "
                + ", ".join(f"{a.id} ({_plain(a.cell(s.year))})" for a in s.not_quantified),
            )
            for s in t.overall
            if s.not_quantified
        ]
    )
    notes += [
        f"{ADJUSTABLE_MARK} {line}"
        for line in _by_years(
            [
                (
                    s.year,
                    "includes amounts that may be adjusted: "
                    + ", ".join(a.id for a in s.adjustable),
                )
                for s in t.overall
                if s.adjustable
            ]
        )
    ]
    for s in t.overall:
        for a in s.actual_used:
            notes.append(
                f"{s.year}: {a.id} counted at actual spend {a.amount(s.year, actual=True)} "
                f"instead of budget {_plain(a.cell(s.year))}"
            )
    if t.basis == "budget":
        differing = sorted(
            {a.id for s in t.overall for a in s.counted if a.actual and s.year in a.actual}
        )
        if differing:
            notes.append(
                f"Budget figures; actual spend differs for {', '.join(differing)}"
                " (see --basis actual)"
            )
    notes.append("What each appendix leaves out of the overview: budgetcli notes")
    return tuple(notes)


def total_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    year: int | None,
    by: str | None,
    basis: str,
) -> Report:
    """One year's total (``year``), or every year's side by side with a grand total."""
    single = year is not None
    years = [year] if year is not None else list(dataset.years)
    t = queries.totals(dataset, activities, years, by=by, basis=basis)
    groups = [(g.group.key, g.group.label, g.sums) for g in t.groups]
    rows = [(key, label, *(_sum_value(s) for s in sums)) for key, label, sums in groups]
    rows.append(("total", "Total", *(_sum_value(s) for s in t.overall)))
    if single:
        columns: tuple[Column, ...] = (
            Column("key", by or ""),
            Column("label", ""),
            Column(str(years[0]), str(years[0]), numeric=True),
        )
        year_sum = t.overall[0]
        payload: dict[str, Any] = {
            "year": years[0],
            "unit": dataset.unit,
            "basis": basis,
            **_sum_json(year_sum),
        }
        if by:
            payload["groups"] = [
                {"key": key, "label": label, **_sum_json(sums[0])} for key, label, sums in groups
            ]
    else:
        columns = (
            Column("key", by or ""),
            Column("label", ""),
            *_year_columns(dataset),
            Column("total", "total", numeric=True),
        )
        rows = [
            (*row, sum((s.total for s in sums), Decimal(0)))
            for row, sums in zip(rows, [*(g for _, _, g in groups), t.overall], strict=True)
        ]
        yearly = []
        for index, s in enumerate(t.overall):
            entry: dict[str, Any] = {"year": s.year, **_sum_json(s)}
            if by:
                entry["groups"] = [
                    {"key": key, "label": label, **_sum_json(sums[index])}
                    for key, label, sums in groups
                ]
            yearly.append(entry)
        payload = {"unit": dataset.unit, "basis": basis, "years": yearly, "total": t.grand_total}
    what = "actual spend where recorded, else budget" if basis == "actual" else "budget"
    period = str(years[0]) if single else f"{years[0]}-{years[-1]}"
    return Report(
        title=f"Total {what}, {period} ({dataset.unit})",
        columns=columns,
        rows=tuple(rows),
        payload=payload,
        footnotes=_totals_footnotes(t),
        unit=dataset.unit,
    )


# --- comparisons -------------------------------------------------------------------------


def _change_json(c: queries.Change) -> dict[str, Any]:
    return {
        "from": c.from_amount,
        "to": c.to_amount,
        "change": c.change,
        "change_pct": c.change_pct,
        "status": c.status or None,
    }


def compare_report(
    dataset: Dataset, activities: Sequence[Activity], from_year: int, to_year: int, by: str
) -> Report:
    result = queries.compare(dataset, activities, from_year, to_year, by)

    def row(c: queries.Change) -> tuple[Value, ...]:
        pct = Pct(c.change_pct) if c.change_pct is not None else None
        return (
            c.group.key,
            c.group.label,
            _sum_value(c.before),
            _sum_value(c.after),
            c.change,
            pct,
            c.status or None,
        )

    left_out = sorted(
        {a.id for c in (result.total,) for s in (c.before, c.after) for a in s.not_quantified}
    )
    footnotes = []
    if left_out:
        footnotes.append(f"Left out, no number exists: {', '.join(left_out)}")
    adjustable = sorted(
        {a.id for s in (result.total.before, result.total.after) for a in s.adjustable}
    )
    if adjustable:
        footnotes.append(
            f"{ADJUSTABLE_MARK} includes amounts that may be adjusted: {', '.join(adjustable)}"
        )
    footnotes.append("change % is empty where the first year has no amount")
    return Report(
        title=f"{from_year} compared with {to_year} by {by} ({dataset.unit})",
        columns=(
            Column("key", by),
            Column("label", ""),
            Column(str(from_year), str(from_year), numeric=True),
            Column(str(to_year), str(to_year), numeric=True),
            Column("change", "change", numeric=True),
            Column("change_pct", "change %", numeric=True),
            Column("status", "status"),
        ),
        rows=(*(row(c) for c in result.rows), row(result.total)),
        payload={
            "from_year": from_year,
            "to_year": to_year,
            "unit": dataset.unit,
            "by": by,
            "rows": [
                {"key": c.group.key, "label": c.group.label, **_change_json(c)} for c in result.rows
            ],
            "total": _change_json(result.total),
            "not_quantified": left_out,
            "adjustable": adjustable,
        },
        footnotes=tuple(footnotes),
        unit=dataset.unit,
    )


# --- notes -------------------------------------------------------------------------------


def notes_report(dataset: Dataset, departments: Sequence[str]) -> Report:
    rows: list[tuple[Value, ...]] = []
    payload = []
    for note in dataset.notes:
        if departments and note.department not in departments:
            continue
        if note.kind == "heading":
            concerned = [a.id for a in dataset.activities if a.department == note.department]
            shown = f"all {note.department} activities ({len(concerned)})"
        else:
            concerned = [a.id for a in dataset.activities if note.id in a.notes]
            shown = ", ".join(concerned)
        text = note.text + "".join(f" {link}" for link in note.links)
        rows.append((note.id, note.department, note.kind, text, shown))
        payload.append(
            {
                "id": note.id,
                "department": note.department,
                "kind": note.kind,
                "marker": note.marker,
                "text": note.text,
                "links": list(note.links),
                "activities": concerned,
            }
        )
    return Report(
        title="Notes from the source: paragraphs under each heading, and footnotes",
        columns=(
            Column("id", "id"),
            Column("department", "dept"),
            Column("kind", "kind"),
            Column("text", "text"),
            Column("activities", "concerns"),
        ),
        rows=tuple(rows),
        payload=payload,
        empty_message="no notes match",
    )

"""Turn query results into Reports: the table people read and the JSON scripts rely on.

The JSON keys here are the contract documented in README.md and pinned by
tests/test_json_contract.py: keys may be added, never renamed or removed. People's text
(titles, labels, footnotes) comes from :mod:`budgetcli.messages` in the chosen language;
JSON is the same in every language.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from budgetcli import queries
from budgetcli.messages import Tr
from budgetcli.model import Activity, Cell, Dataset, TextCell
from budgetcli.report import Column, Marked, Pct, Report, Term, Value

ADJUSTABLE_MARK = "*"
ACTUAL_MARK = "†"
_EN = Tr("en")


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


def _year_columns(years: Sequence[int]) -> tuple[Column, ...]:
    return tuple(Column(str(y), str(y), numeric=True) for y in years)


def _activity_footnotes(
    dataset: Dataset, activities: Sequence[Activity], tr: Tr
) -> tuple[str, ...]:
    """Explain every marker and every kind of cell that is not a plain amount."""
    notes = []
    adjustable = [a for a in activities if a.adjustable]
    if adjustable:
        notes.append(tr("adjustable_head", mark=ADJUSTABLE_MARK))
        notes += [f"  {a.id}: {_note_texts(dataset, a)}" for a in adjustable]
    for a in activities:
        if a.actual:
            spent = ", ".join(
                tr("actual_year", amount=tr.num(v), unit=dataset.unit, year=y)
                for y, v in a.actual.items()
            )
            notes.append(tr("actual_shown", mark=ACTUAL_MARK, id=a.id, spent=spent))
    texts = [a.id for a in activities if a.has_text_cells]
    if texts:
        notes.append(tr("text_cells", ids=", ".join(texts)))
    # Every other footnote the rows cite (e.g. KFF's "not integration projects as such").
    cited: dict[str, list[str]] = {}
    for a in activities:
        if not a.adjustable:
            for note_id in a.notes:
                cited.setdefault(note_id, []).append(a.id)
    for note_id, citing in cited.items():
        notes.append(tr("note_on", ids=", ".join(citing), text=dataset.note(note_id).text))
    return tuple(notes)


def _note_texts(dataset: Dataset, activity: Activity) -> str:
    return " ".join(dataset.note(n).text for n in activity.notes)


def _activity_columns(dataset: Dataset, tr: Tr) -> tuple[Column, ...]:
    return (
        Column("id", tr("col_id")),
        Column("department", tr("col_department")),
        Column("section", tr("col_section")),
        Column("name", tr("col_name")),
        *_year_columns(dataset.years),
    )


def _activity_row(dataset: Dataset, a: Activity) -> tuple[Value, ...]:
    return (a.id, a.department, a.section, a.name, *(shown_cell(a, y) for y in dataset.years))


def list_report(dataset: Dataset, activities: Sequence[Activity], tr: Tr = _EN) -> Report:
    return Report(
        title=tr("activities_title", unit=dataset.unit),
        columns=_activity_columns(dataset, tr),
        rows=tuple(_activity_row(dataset, a) for a in activities),
        payload=[activity_json(dataset, a) for a in activities],
        footnotes=_activity_footnotes(dataset, activities, tr),
        unit=dataset.unit,
        empty_message=tr("no_activities"),
    )


def expiring_report(
    dataset: Dataset, selected: Sequence[Activity], year: int | None, tr: Tr = _EN
) -> Report:
    found = queries.expiring(dataset, selected, year)
    footnotes = list(_activity_footnotes(dataset, found, tr))
    never = queries.unquantified(selected)
    if never:
        footnotes.append(tr("expiring_unquantified", ids=", ".join(a.id for a in never)))
    footnotes.append(tr("expiring_rule", last=dataset.last_year))
    when = tr("expiring_when", year=year) if year is not None else ""
    return Report(
        title=tr("expiring_title", last=dataset.last_year, when=when, unit=dataset.unit),
        columns=(
            *_activity_columns(dataset, tr),
            Column("last_year", tr("col_last_year"), numeric=True),
        ),
        rows=tuple((*_activity_row(dataset, a), a.last_funded_year) for a in found),
        payload=[activity_json(dataset, a) | {"last_year": a.last_funded_year} for a in found],
        footnotes=tuple(footnotes),
        unit=dataset.unit,
        empty_message=tr("expiring_none"),
    )


# --- one activity ------------------------------------------------------------------------


def _cell_words(cell: Cell, tr: Tr) -> Value:
    if cell is None:
        return tr("cell_empty")
    if isinstance(cell, TextCell):
        return tr("cell_text", text=cell.text)
    return cell


def _plain(cell: Cell, tr: Tr) -> str:
    if isinstance(cell, TextCell):
        return cell.text
    return tr("none") if cell is None else tr.num(cell)


def show_report(dataset: Dataset, activity: Activity, tr: Tr = _EN) -> Report:
    department = dataset.department(activity.department)
    rows: list[tuple[Value, ...]] = [
        (tr("field_id"), activity.id),
        (tr("field_name"), activity.name),
        (
            tr("field_department"),
            f"{department.code}: {department.name} ({department.name_en})",
        ),
        (tr("field_section"), activity.section),
        (tr("field_description"), activity.description),
        (tr("field_target_group"), activity.target_group),
        (tr("field_expected_effect"), activity.expected_effect),
        (tr("field_funding"), activity.funding),
    ]
    for year in dataset.years:
        rows.append((tr("field_budget", year=year), _cell_words(activity.cell(year), tr)))
    for year, spent in (activity.actual or {}).items():
        budget = activity.cell(year)
        difference = (
            tr("difference", amount=tr.num(spent - budget)) if isinstance(budget, Decimal) else ""
        )
        text = tr(
            "actual_vs_budget",
            spent=tr.num(spent),
            budget=_plain(budget, tr),
            difference=difference,
        )
        rows.append((tr("field_actual", year=year), text))
    if activity.adjustable:
        years = ", ".join(str(y) for y in sorted(activity.adjustable))
        rows.append((tr("field_adjustable"), years))
    rows += [(tr("field_note"), dataset.note(n).text) for n in activity.notes]
    rows += [(tr("field_remark"), r) for r in activity.remarks]
    printed = tr("printed", printed=activity.printed) if activity.printed else ""
    rows.append((tr("field_source"), f"{department.title}{printed}"))
    return Report(
        title=f"{activity.name} ({dataset.unit})",
        columns=(Column("field", "field"), Column("value", "value")),
        rows=tuple(r for r in rows if r[1] is not None),
        payload=activity_json(dataset, activity, full=True),
        kind="record",
    )


# --- totals ------------------------------------------------------------------------------


NOT_QUANTIFIED = Term("not_quantified", "not quantified")


def _sum_json(s: queries.Sum) -> dict[str, Any]:
    data: dict[str, Any] = {
        "total": s.total if s.has_amount else None,  # no amount is not 0
        "not_quantified": [a.id for a in s.not_quantified],
        "adjustable": [a.id for a in s.adjustable],
    }
    if s.actual_used:
        data["actual_used"] = [a.id for a in s.actual_used]
    return data


def _sum_value(s: queries.Sum) -> Value:
    """A sum for a table: no amount and not-a-number stay distinct from 0."""
    if not s.has_amount:
        return NOT_QUANTIFIED if s.not_quantified else None
    return Marked(s.total, ADJUSTABLE_MARK) if s.adjustable else s.total


def _label(group: queries.Group, tr: Tr) -> str:
    return tr(group.placeholder, name=group.subject) if group.placeholder else group.label


def _by_years(entries: list[tuple[int, str]]) -> list[str]:
    """'2018-2022: text' for runs of consecutive years that would say the same thing."""
    runs: list[tuple[int, int, str]] = []
    for year, text in entries:
        if runs and runs[-1][2] == text and runs[-1][1] == year - 1:
            runs[-1] = (runs[-1][0], year, text)
        else:
            runs.append((year, year, text))
    return [
        f"{first if first == last else f'{first}-{last}'}: {text}" for first, last, text in runs
    ]


def _totals_footnotes(dataset: Dataset, t: queries.Totals, tr: Tr) -> tuple[str, ...]:
    left_out = [
        (
            s.year,
            tr(
                "left_out",
                items=", ".join(f"{a.id} ({_plain(a.cell(s.year), tr)})" for a in s.not_quantified),
            ),
        )
        for s in t.overall
        if s.not_quantified
    ]
    adjustable = [
        (s.year, tr("includes_adjustable", ids=", ".join(a.id for a in s.adjustable)))
        for s in t.overall
        if s.adjustable
    ]
    notes = _by_years(left_out) + [f"{ADJUSTABLE_MARK} {line}" for line in _by_years(adjustable)]
    for s in t.overall:
        for a in s.actual_used:
            actual = a.amount(s.year, actual=True)
            assert isinstance(actual, Decimal)
            notes.append(
                tr(
                    "counted_actual",
                    year=s.year,
                    id=a.id,
                    actual=tr.num(actual),
                    budget=_plain(a.cell(s.year), tr),
                )
            )
    if t.basis == "budget":
        differing = sorted(
            {a.id for s in t.overall for a in s.counted if a.actual and s.year in a.actual}
        )
        if differing:
            notes.append(tr("actual_differs", ids=", ".join(differing)))
    if any(note.kind == "heading" for note in dataset.notes):
        notes.append(tr("see_notes"))
    return tuple(notes)


def total_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    year: int | None,
    by: str | None,
    basis: str,
    tr: Tr = _EN,
) -> Report:
    """One year's total (``year``), or every year's side by side with a grand total."""
    years = [year] if year is not None else list(dataset.years)
    t = queries.totals(dataset, activities, years, by=by, basis=basis)
    rows: list[tuple[Value, ...]] = [
        (g.group.key, _label(g.group, tr), *(_sum_value(s) for s in g.sums)) for g in t.groups
    ]
    rows.append(("total", tr("total_label"), *(_sum_value(s) for s in t.overall)))
    key_column = Column("key", tr(f"by_{by}") if by else "")
    label_column = Column("label", "")

    def groups_json(index: int) -> list[dict[str, Any]]:
        return [
            {"key": g.group.key, "label": g.group.label, **_sum_json(g.sums[index])}
            for g in t.groups
        ]

    if year is not None:
        columns = (key_column, label_column, *_year_columns(years))
        payload: dict[str, Any] = {
            "year": year,
            "unit": dataset.unit,
            "basis": basis,
            **_sum_json(t.overall[0]),
        }
        if by:
            payload["groups"] = groups_json(0)
        period = str(year)
    else:
        columns = (
            key_column,
            label_column,
            *_year_columns(years),
            Column("total", tr("total_label").lower(), numeric=True),
        )
        sums_per_row = [*(g.sums for g in t.groups), t.overall]
        rows = [
            (*row, _sum_value(queries.combine(sums)))
            for row, sums in zip(rows, sums_per_row, strict=True)
        ]
        yearly = []
        for index, s in enumerate(t.overall):
            entry: dict[str, Any] = {"year": s.year, **_sum_json(s)}
            if by:
                entry["groups"] = groups_json(index)
            yearly.append(entry)
        grand = t.grand_total
        payload = {
            "unit": dataset.unit,
            "basis": basis,
            "years": yearly,
            "total": grand.total if grand.has_amount else None,
        }
        period = f"{years[0]}-{years[-1]}"
    return Report(
        title=tr("total_title", what=tr(f"basis_{basis}"), period=period, unit=dataset.unit),
        columns=columns,
        rows=tuple(rows),
        payload=payload,
        footnotes=_totals_footnotes(dataset, t, tr),
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
    dataset: Dataset,
    activities: Sequence[Activity],
    from_year: int,
    to_year: int,
    by: str,
    tr: Tr = _EN,
) -> Report:
    result = queries.compare(dataset, activities, from_year, to_year, by)

    def row(c: queries.Change, label: str) -> tuple[Value, ...]:
        pct = Pct(c.change_pct) if c.change_pct is not None else None
        status = Term(f"status_{c.status}", c.status) if c.status else None
        return (
            c.group.key,
            label,
            _sum_value(c.before),
            _sum_value(c.after),
            c.change,
            pct,
            status,
        )

    total = result.total
    left_out = sorted({a.id for s in (total.before, total.after) for a in s.not_quantified})
    adjustable = sorted({a.id for s in (total.before, total.after) for a in s.adjustable})
    footnotes = []
    if left_out:
        footnotes.append(tr("compare_left_out", ids=", ".join(left_out)))
    if adjustable:
        footnotes.append(tr("compare_adjustable", mark=ADJUSTABLE_MARK, ids=", ".join(adjustable)))
    footnotes.append(tr("compare_pct"))
    return Report(
        title=tr("compare_title", a=from_year, b=to_year, by=tr(f"by_{by}"), unit=dataset.unit),
        columns=(
            Column("key", tr(f"by_{by}")),
            Column("label", ""),
            *_year_columns([from_year, to_year]),
            Column("change", tr("col_change"), numeric=True),
            Column("change_pct", tr("col_change_pct"), numeric=True),
            Column("status", tr("col_status")),
        ),
        rows=(
            *(row(c, _label(c.group, tr)) for c in result.rows),
            row(total, tr("total_label")),
        ),
        payload={
            "from_year": from_year,
            "to_year": to_year,
            "unit": dataset.unit,
            "by": by,
            "rows": [
                {"key": c.group.key, "label": c.group.label, **_change_json(c)} for c in result.rows
            ],
            "total": _change_json(total),
            "not_quantified": left_out,
            "adjustable": adjustable,
        },
        footnotes=tuple(footnotes),
        unit=dataset.unit,
    )


# --- notes -------------------------------------------------------------------------------


def notes_report(dataset: Dataset, departments: Sequence[str], tr: Tr = _EN) -> Report:
    rows: list[tuple[Value, ...]] = []
    payload = []
    for note in dataset.notes:
        if departments and note.department not in departments:
            continue
        if note.kind == "heading":
            concerned = [a.id for a in dataset.activities if a.department == note.department]
            shown = tr("notes_all", department=note.department, count=len(concerned))
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
        title=tr("notes_title"),
        columns=(
            Column("id", tr("col_id")),
            Column("department", tr("col_department")),
            Column("kind", tr("col_kind")),
            Column("text", tr("col_text")),
            Column("activities", tr("col_concerns")),
        ),
        rows=tuple(rows),
        payload=payload,
        empty_message=tr("notes_none"),
    )


# --- charts ------------------------------------------------------------------------------


def chart_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    by: str,
    year: int | None,
    tr: Tr = _EN,
) -> Report:
    """Bars of the total per year, or per group over one year (or the whole period)."""
    years = [year] if year is not None else list(dataset.years)
    period = str(year) if year is not None else f"{years[0]}-{years[-1]}"
    t = queries.totals(dataset, activities, years, by=None if by == "year" else by)
    bars: list[tuple[str, str, tuple[queries.Sum, ...]]]
    if by == "year":
        bars = [(str(s.year), str(s.year), (s,)) for s in t.overall]
    else:
        bars = [(g.group.key, _label(g.group, tr), g.sums) for g in t.groups]
    rows: list[tuple[Value, ...]] = []
    payload = []
    for key, label, sums in bars:
        merged = queries.combine(sums)
        rows.append((key, label, _sum_value(merged)))
        payload.append({"key": key, "label": label, **_sum_json(merged)})
    return Report(
        title=tr("chart_title", by=tr(f"by_{by}"), period=period, unit=dataset.unit),
        columns=(
            Column("key", tr(f"by_{by}")),
            Column("label", ""),
            Column("total", tr("col_amount"), numeric=True),
        ),
        rows=tuple(rows),
        payload={"by": by, "period": period, "unit": dataset.unit, "bars": payload},
        footnotes=_totals_footnotes(dataset, t, tr),
        unit=dataset.unit,
        kind="chart",
    )

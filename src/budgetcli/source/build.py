"""Build the model from the validated plain form (see :mod:`budgetcli.source.validate`)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from budgetcli.model import (
    RECORD_FIELDS,
    TEXT_KEYS,
    Cell,
    Dataset,
    Department,
    NoteKind,
    SourceActivity,
    SourceNote,
    TextCell,
)

if TYPE_CHECKING:
    from budgetcli.source.plain import Plain


def build_dataset(plain: Plain) -> Dataset:
    years = range(plain["first_year"], plain["last_year"] + 1)
    return Dataset(
        first_year=plain["first_year"],
        last_year=plain["last_year"],
        unit=plain["unit"],
        title=plain["title"],
        source=plain["source"],
        departments=tuple(
            Department(
                code=d["code"],
                appendix=d["appendix"],
                name=d["name"],
                name_en=d["name_en"],
                title=d["title"],
                sections=tuple(d["sections"]),
            )
            for d in plain["departments"]
        ),
        notes=tuple(
            SourceNote(
                id=n["id"],
                department=n["department"],
                kind=NoteKind(n["kind"]),
                text=n["text"],
                marker=n["marker"],
                links=tuple(n["links"]),
            )
            for n in plain["notes"]
        ),
        activities=tuple(_activity(a, years) for a in plain["activities"]),
    )


def _cell(encoded: tuple[str, str] | None) -> Cell:
    if encoded is None:
        return None
    kind, value = encoded
    return TextCell(value) if kind == "t" else Decimal(value)


def _activity(a: Plain, years: range) -> SourceActivity:
    budget = a["budget"]
    actual = a["actual"]
    return SourceActivity(
        id=a["id"],
        department=a["department"],
        name=a["name"],
        budget={year: _cell(budget.get(year)) for year in years},
        **{key: a[key] for key in (*TEXT_KEYS, *RECORD_FIELDS)},
        actual={year: Decimal(value) for year, (_, value) in actual.items()} or None,
        adjustable=frozenset(a["adjustable"]),
        notes=tuple(a["notes"]),
        remarks=tuple(a["remarks"]),
    )

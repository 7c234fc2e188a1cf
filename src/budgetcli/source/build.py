"""Build the model from the validated plain form (see :mod:`budgetcli.source.validate`).

The plain form's keys are the model's field names: only what is not a plain value (a cell,
an amount, a tuple, a set) is built here."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from budgetcli.model import (
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

_HEAD = ("first_year", "last_year", "unit", "title", "source")


def build_dataset(plain: Plain) -> Dataset:
    years = range(plain["first_year"], plain["last_year"] + 1)
    return Dataset(
        **{key: plain[key] for key in _HEAD},
        departments=tuple(
            Department(**{**d, "sections": tuple(d["sections"])}) for d in plain["departments"]
        ),
        notes=tuple(
            SourceNote(**{**n, "kind": NoteKind(n["kind"]), "links": tuple(n["links"])})
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
    actual = {year: Decimal(value) for year, (_, value) in a["actual"].items()}
    return SourceActivity(
        **{
            **a,
            "budget": {year: _cell(a["budget"].get(year)) for year in years},
            "actual": actual or None,
            "adjustable": frozenset(a["adjustable"]),
            "notes": tuple(a["notes"]),
            "remarks": tuple(a["remarks"]),
        }
    )

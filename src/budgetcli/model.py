"""The in-memory dataset: small immutable, typed value objects with exact amounts. No I/O here.

They are NamedTuples, not frozen dataclasses: every command builds on this module at start-up,
where five dataclasses cost about 5 ms to define and five NamedTuples about 1 ms; at 20,000
activities the tuples are also the smaller in memory. (benchmarks/README.md has the figures.)

A year cell is one of three things, and they are never confused:

* a ``Decimal``: an amount in mio. kr. as printed (an explicit ``0`` included);
* a ``TextCell``: the source prints words, not a number ("Driftsbudget");
* ``None``: the cell is empty, there is no amount.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import NamedTuple, TypeAlias

ZERO = Decimal(0)
"""An amount of nothing: what a sum over no numbers is."""


class TextCell(NamedTuple):
    """A year cell that holds words instead of a number, kept with its text."""

    text: str


Cell: TypeAlias = Decimal | TextCell | None


class CellKind(StrEnum):
    """What a year cell (or a sum of cells) holds: the one vocabulary of every format."""

    amount = "amount"
    words = "words"
    """The source prints words, not a number; a sum of words only is not quantified."""
    empty = "empty"

    @classmethod
    def of(cls, cell: Cell) -> CellKind:
        if isinstance(cell, TextCell):
            return cls.words
        return cls.empty if cell is None else cls.amount


class NoteKind(StrEnum):
    heading = "heading"
    """A paragraph under an appendix heading: it concerns the whole appendix."""
    footnote = "footnote"
    """A starred footnote under a table: it concerns the activities citing it."""


class SourceNote(NamedTuple):
    """A paragraph under an appendix heading, or a starred footnote under its table."""

    id: str
    department: str
    kind: NoteKind
    text: str
    marker: str | None = None
    """The footnote sign as printed (``*``), if any."""
    links: tuple[str, ...] = ()


class Department(NamedTuple):
    """One administration, and the appendix ("Bilag") that lists its activities."""

    code: str
    appendix: int
    name: str
    name_en: str
    title: str
    """The appendix heading as printed."""
    sections: tuple[str, ...] = ()


class FieldKind(StrEnum):
    """Where a text field belongs beside the figures."""

    heading = "heading"
    """The appendix's sub-heading it is listed under: where it is, not what it is. Search
    leaves it out (``--section`` asks for it); tables put it before the name."""
    brief = "brief"
    """A short line read with the figures (the decision that funds it)."""
    prose = "prose"
    """Paragraphs about the activity: read after the figures."""


class TextField(NamedTuple):
    """One of the activity's text fields, declared once: every reader and writer (validation,
    the cache, search, the exports and their column docs, the data file writer, show, csv,
    the HTML report) loops over :data:`TEXT_FIELDS` instead of naming the fields."""

    key: str
    """The data file's key, the :class:`SourceActivity` attribute, every export's column."""
    label: str
    """Its name for people: an ``i18n.Msg`` key, named here rather than imported, so the
    model (and the parse cache's key) does not hang on the catalogues' wording."""
    doc: str
    """What the column holds, for the exports' column docs (English)."""
    kind: FieldKind
    width: float
    """Its share of the HTML report's activity table, in percent (the longer it runs, the
    wider); 0 for a heading, which has no column there (it is shown under the name)."""

    @property
    def searched(self) -> bool:
        return self.kind is not FieldKind.heading


TEXT_FIELDS = (
    TextField(
        "section",
        "field_section",
        "Sub-heading it is listed under, if any.",
        FieldKind.heading,
        0,
    ),
    TextField(
        "description",
        "field_description",
        "Description (Beskrivelse) as printed.",
        FieldKind.prose,
        16,
    ),
    TextField(
        "target_group",
        "field_target_group",
        "Target group (Målgruppe) as printed.",
        FieldKind.prose,
        10.5,
    ),
    TextField(
        "expected_effect",
        "field_expected_effect",
        "Expected effect (Forventet effekt) as printed.",
        FieldKind.prose,
        13,
    ),
    TextField(
        "funding",
        "field_funding",
        "The budget decision that funds it (Budget column), as printed.",
        FieldKind.brief,
        9,
    ),
)
"""The activity's text fields beside id, department and name, in the order every export
writes them. Adding one is a line here, its attribute on :class:`SourceActivity` and on
``results.Activity``, and its label in ``i18n.Msg`` (English and Danish side by side)."""
TEXT_KEYS = tuple(field.key for field in TEXT_FIELDS)
RECORD_FIELDS = ("printed", "actual_text")
"""Text fields about the transcription rather than the activity: how cells were printed,
and the source's words on actual spend."""


class SectionRef(NamedTuple):
    """A section heading and the department it belongs to: names are unique only within one."""

    department: str
    name: str

    @property
    def qualified(self) -> str:
        """``BIF/Diverse``: the form ``--section`` accepts to tell shared names apart."""
        return f"{self.department}/{self.name}"


class SourceActivity(NamedTuple):
    """One row of an appendix table."""

    id: str
    department: str
    name: str
    budget: dict[int, Cell]
    """Every year of the period, in order; ``None`` where the cell is empty."""
    section: str | None = None
    description: str | None = None
    target_group: str | None = None
    expected_effect: str | None = None
    funding: str | None = None
    """The Budget column: the decision that funds the activity, as printed."""
    printed: str | None = None
    """The year cells exactly as the source prints them, for checking against it."""
    actual: dict[int, Decimal] | None = None
    """Actual spend where the source reports it beside the budget, in mio. kr."""
    actual_text: str | None = None
    adjustable: frozenset[int] = frozenset()
    """Years whose amount the source says may be adjusted."""
    notes: tuple[str, ...] = ()
    """Ids of the footnotes that concern this activity."""
    remarks: tuple[str, ...] = ()
    """The transcribers' reasoning where the source was ambiguous."""

    def cell(self, year: int) -> Cell:
        return self.budget.get(year)

    def amount(self, year: int, *, actual: bool = False) -> Cell:
        """The numeric figure for ``year``; with ``actual``, actual spend where recorded."""
        if actual and self.actual and year in self.actual:
            return self.actual[year]
        return self.budget.get(year)

    @property
    def last_funded_year(self) -> int | None:
        """The last year with a positive amount (an explicit 0 is no funding)."""
        funded = [y for y, c in self.budget.items() if isinstance(c, Decimal) and c > 0]
        return max(funded) if funded else None

    @property
    def has_text_cells(self) -> bool:
        return any(isinstance(c, TextCell) for c in self.budget.values())


class Dataset(NamedTuple):
    """The whole overview: departments, notes and activities, in source order."""

    first_year: int
    last_year: int
    unit: str
    title: str
    source: str
    departments: tuple[Department, ...]
    notes: tuple[SourceNote, ...]
    activities: tuple[SourceActivity, ...]

    @property
    def years(self) -> range:
        return range(self.first_year, self.last_year + 1)

    @property
    def department_names(self) -> dict[str, str]:
        """Each department's name by its code: made once where every row needs one."""
        return {d.code: d.name for d in self.departments}

    def department(self, code: str) -> Department:
        for department in self.departments:
            if department.code == code:
                return department
        raise KeyError(code)

    def note(self, note_id: str) -> SourceNote:
        for note in self.notes:
            if note.id == note_id:
                return note
        raise KeyError(note_id)

    @property
    def section_refs(self) -> tuple[SectionRef, ...]:
        return tuple(SectionRef(d.code, s) for d in self.departments for s in d.sections)

"""One typed result per question: the answer itself, before any format.

A command's answer is a *document*: a NamedTuple of records (activities, group sums,
changes, notes) with the sum rule already applied, so every view says the same thing:

* ``to_dict()`` gives the JSON document (Decimals kept; the API returns exactly this);
* ndjson writes its ``rows`` one per line;
* csv and tsv flatten the same rows (``results.tabular``): number columns hold numbers,
  words go to columns of their own, or to the long layout;
* the human formats get a Report drawn from it (``reports/``).

The vocabulary is one across commands: ``rows`` of records; ``key`` and ``name`` for a
group; ``id`` and ``name`` for an activity; ``department`` and ``department_name`` wherever
activities or groups of them appear; years are integers, and a per-year figure is a record
with its ``year``. The sum rule (README, "How budgetcli adds up"): a sum over nothing is 0;
words only is not quantified (``amount`` None, ``kind`` words), never 0.

NamedTuples rather than dataclasses: every command builds on this module at start-up, and
a NamedTuple costs a fifth of a dataclass to define (benchmarks/README.md).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from budgetcli.i18n import ENGLISH, Text
from budgetcli.model import CellKind, NoteKind
from budgetcli.terms import Basis, Grouping

SCHEMA_VERSION = 1
"""Raised when a key is renamed or removed or a type changes; adding a key is not a change."""


class Layout(StrEnum):
    """How csv, tsv and ndjson lay the rows out."""

    wide = "wide"
    """One row per activity or group, a number column per year."""
    long = "long"
    """One row per activity or group and year (hledger's --layout tidy)."""


class RowKind(StrEnum):
    group = "group"
    """A group's sums (a department, a section, a funding decision, an activity, a year)."""
    total = "total"
    """Everything selected together: no data value can pose as it."""


class FootnoteKind(StrEnum):
    adjustable = "adjustable"
    """Amounts that may be adjusted (the source's stars)."""
    actual = "actual"
    """Actual spend that differs from the budget."""
    left_out = "left_out"
    """Cells in words: no number exists, nothing was added."""
    source_note = "source_note"
    """A footnote or heading note of the source itself."""
    rule = "rule"
    """How the tool counted (what "expiring" means, when a percentage is empty)."""
    hint = "hint"
    """A pointer to another command: for a terminal, not for a document."""


class Footnote(NamedTuple):
    kind: FootnoteKind
    text: Text
    """In the reader's language for people; in English in JSON."""


class Status(StrEnum):
    """What a comparison's row says beside its change."""

    new = "new"
    ended = "ended"
    not_quantified = "not_quantified"
    """A year of words only ("Driftsbudget"): not a year of 0, so nothing is compared."""


class Filters(NamedTuple):
    """Every filter, as understood (department codes, sections as people name them).

    By filter name (:data:`budgetcli.filtering.FILTERS`); every field narrows the selection,
    and an answer shows them as understood."""

    department: tuple[str, ...] = ()
    """Department codes."""
    section: tuple[str, ...] = ()
    """Sections as people read and type them: the name, or ``DEPT/name`` where two
    departments have a section of that name (:func:`budgetcli.queries.section_labels`)."""
    year: int | None = None
    search: str | None = None
    funding: str | None = None


class YearCell(NamedTuple):
    """One year of one activity: an amount, words instead of one, or nothing."""

    year: int
    amount: Decimal | None
    kind: CellKind
    words: str | None
    """The source's words where it prints words instead of a number ("Driftsbudget")."""
    adjustable: bool
    """The source says this year's amount may be adjusted."""
    actual: Decimal | None
    """Actual spend, where the source gives it beside the budget."""


class ActivityNote(NamedTuple):
    id: str
    text: str


class Activity(NamedTuple):
    """One activity, every field: the same record in list, expiring and show."""

    id: str
    name: str
    department: str
    department_name: str
    section: str | None
    funding: str | None
    target_group: str | None
    expected_effect: str | None
    description: str | None
    budget: tuple[YearCell, ...]
    total: Decimal | None
    """The period's numbers added; None when its cells are words only."""
    last_funded_year: int | None
    adjustable_years: tuple[int, ...]
    notes: tuple[ActivityNote, ...]
    remarks: tuple[str, ...]
    """The transcribers' reasoning where the source was ambiguous."""
    printed: str | None
    """The year cells exactly as the source prints them."""
    actual_text: str | None
    appendix: int


class Sum(NamedTuple):
    """Some activities' numbers added for one year (or, ``year`` None, the period)."""

    year: int | None
    amount: Decimal | None
    """None when the cells are words only: not quantified, never 0."""
    kind: CellKind
    """amount, or words (not quantified)."""
    not_quantified: tuple[str, ...]
    """Ids of the activities whose cells are words: left out of the amount."""
    adjustable: tuple[str, ...]
    """Ids of the counted activities whose amount may be adjusted."""
    actual_used: tuple[str, ...]
    """Ids whose actual spend replaced the budget (basis actual)."""
    share: Decimal | None
    """In percent of everything selected in the same year (or period), to one decimal;
    None where either is not a number or the whole is 0. Always here; ``--percent`` only
    decides whether people's views show it."""


class Group(NamedTuple):
    """A row of sums: one group, or (``row`` total) everything selected."""

    row: RowKind
    key: str | None
    """The group's key: a department code, an activity id, a section or funding text, a
    year; None for the total and for a group with no name (no sections, no funding)."""
    name: str | None
    department: str | None
    """The department of the group, where it has one."""
    department_name: str | None
    years: tuple[Sum, ...]
    total: Sum
    groups: tuple[Group, ...]
    """A nested ``--by``'s next level under this group (each adds up to it); empty at the
    last level and without nesting."""


class Change(NamedTuple):
    """One group (or the total) in two years, and the change."""

    row: RowKind
    key: str | None
    name: str | None
    department: str | None
    department_name: str | None
    years: tuple[Sum, ...]
    """The two years compared, in the order asked."""
    change: Decimal | None
    """Of the numbers: None when neither year has one."""
    change_pct: Decimal | None
    """In percent of the first year; None where that is 0 or there is no change."""
    status: Status | None
    groups: tuple[Change, ...]
    """A nested ``--by``'s next level under this group; empty at the last level."""


class Ending(NamedTuple):
    """The activities last funded in one year (of one department, where asked by it)."""

    last_funded_year: int
    department: str | None
    """None unless the summary is by department."""
    department_name: str | None
    activities: int
    """How many stop after that year."""
    ids: tuple[str, ...]
    amount: Decimal
    """Their amounts in that last year: the money that stops with them."""


class Note(NamedTuple):
    """A footnote or heading paragraph of the source, with the activities it concerns."""

    id: str
    department: str
    department_name: str
    kind: NoteKind
    marker: str | None
    text: str
    links: tuple[str, ...]
    activities: tuple[str, ...]


def plain(value: Any) -> Any:
    """The JSON form of a record tree: records as objects, tuples as lists, enums as their
    values, the tool's sentences in English; Decimals stay Decimals."""
    value = plain_level(value)
    if isinstance(value, dict):
        return {field: plain(item) for field, item in value.items()}
    if isinstance(value, tuple):
        return [plain(item) for item in value]
    return value


def plain_level(value: Any) -> Any:
    """:func:`plain` of one level, its items as they are: a record as a dict of its fields, a
    sentence in English, an enum as its value; a writer that walks the tree itself (JSON of
    100,000 groups) converts each record as it comes and never holds the whole tree twice."""
    if isinstance(value, tuple):
        if isinstance(value, Text):
            return ENGLISH.text(value)
        fields = getattr(value, "_fields", None)
        if fields is not None:
            return dict(zip(fields, value, strict=True))
        return value
    if isinstance(value, StrEnum):
        return value.value
    return value


def to_dict(document: NamedTuple) -> dict[str, Any]:
    data: dict[str, Any] = plain(document)
    return data


class Activities(NamedTuple):
    """``list`` and ``expiring``: activities, one row each."""

    schema_version: int
    command: str
    unit: str
    filters: Filters
    years: tuple[int, ...]
    matched: int
    """How many matched, before ``--top``."""
    rows: tuple[Activity, ...]
    summary: tuple[Ending, ...]
    """``expiring``: per last funded year, how many stop and how much ends with them, of
    every activity selected (whatever ``--year``/``--top``), always here; ``--summary`` only
    picks it for people's views. Empty for ``list``."""
    footnotes: tuple[Footnote, ...]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


class Shown(NamedTuple):
    """``show``: one activity (the one row)."""

    schema_version: int
    command: str
    unit: str
    years: tuple[int, ...]
    rows: tuple[Activity, ...]
    footnotes: tuple[Footnote, ...]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)

    @property
    def activity(self) -> Activity:
        return self.rows[0]


class Totals(NamedTuple):
    """``total`` and ``chart``: sums per year, by group, and of everything selected."""

    schema_version: int
    command: str
    unit: str
    basis: Basis
    by: Grouping | None
    """The outermost grouping (``levels[0]``), None without ``--by``."""
    levels: tuple[Grouping, ...]
    """Every grouping, outermost first: ``--by department,section`` nests; () without."""
    filters: Filters
    years: tuple[int, ...]
    matched: int
    """How many groups there are, before ``--top``."""
    rows: tuple[Group, ...]
    total: Group
    overlapping: tuple[str, ...]
    """Ids counted in several groups (by funding, an activity under several decisions): the
    rows then add up to more than the total, which counts each once. Empty otherwise."""
    footnotes: tuple[Footnote, ...]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


class Comparison(NamedTuple):
    """``compare``: two years by group, and the change."""

    schema_version: int
    command: str
    unit: str
    by: Grouping
    levels: tuple[Grouping, ...]
    filters: Filters
    years: tuple[int, ...]
    matched: int
    rows: tuple[Change, ...]
    total: Change
    footnotes: tuple[Footnote, ...]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


class Notes(NamedTuple):
    """``notes``: the source's own footnotes and heading paragraphs."""

    schema_version: int
    command: str
    filters: Filters
    rows: tuple[Note, ...]
    footnotes: tuple[Footnote, ...]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


class EditKind(StrEnum):
    """What a difference from one data file to another is about."""

    added = "added"
    removed = "removed"
    renamed = "renamed"
    budget = "budget"
    """A year's budget cell changed."""
    actual = "actual"
    """A year's actual spend changed."""
    field = "field"
    """An activity's text or list field changed."""
    note = "note"
    department = "department"
    dataset = "dataset"
    """The data file's title, source, unit or period."""


class Edit(NamedTuple):
    """One difference from the old data file to the new."""

    kind: EditKind
    id: str
    """The activity's id (a note's, a department's code; the key for dataset fields)."""
    field: str | None
    year: int | None
    old: Decimal | str | None
    """An amount, the source's words, a text, or nothing."""
    new: Decimal | str | None
    old_is_text: bool
    """``old`` is words in a year cell, not a text field (as ``words`` beside an amount)."""
    new_is_text: bool
    difference: Decimal | None
    """new - old where both are amounts (an empty cell counts as 0), else None."""


class TotalEdit(NamedTuple):
    """A department's total in one year, before and after."""

    department: str
    year: int
    old: Decimal | None
    """None where the department's cells that year are words only."""
    new: Decimal | None
    difference: Decimal | None


class Differences(NamedTuple):
    """``diff``: what changed from one data file to another, and each department's totals."""

    schema_version: int
    command: str
    unit: str
    """The new file's unit; amounts of an old file in another unit are shifted to it."""
    old: str
    new: str
    rows: tuple[Edit, ...]
    totals: tuple[TotalEdit, ...]
    footnotes: tuple[Footnote, ...]

    def to_dict(self) -> dict[str, Any]:
        return to_dict(self)


Document = Activities | Shown | Totals | Comparison | Notes | Differences
"""Every command's answer."""
D = TypeVar("D", Activities, Shown, Totals, Comparison, Notes, Differences)
"""One of the answers, as the type it is (``_replace`` gives that type back)."""

DOCUMENTS: dict[str, type[Document]] = {
    "list": Activities,
    "expiring": Activities,
    "show": Shown,
    "total": Totals,
    "chart": Totals,
    "compare": Comparison,
    "notes": Notes,
    "diff": Differences,
}
"""The document each command answers with (``--format json``, ``budgetcli schema``)."""

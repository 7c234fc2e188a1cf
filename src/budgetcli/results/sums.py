"""The sum rule, computed straight into the result records: each :class:`Sum`,
:class:`Group`, :class:`Change` and :class:`Ending` is made once, here, from the activities;
nothing is summed into a record of its own and copied over.

One rule everywhere (README, "How budgetcli adds up"): a sum over nothing is 0; a sum whose
cells are all words (empty cells aside) is not quantified (``amount`` None, never 0); a mixed
one adds its numbers and names its words in ``not_quantified``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import NamedTuple

from budgetcli.model import ZERO, CellKind, Dataset, SectionRef, SourceActivity, TextCell
from budgetcli.queries import decisions_of, expiring, section_labels
from budgetcli.results import Change, Ending, Group, RowKind, Status, Sum
from budgetcli.terms import Grouping

TENTH = Decimal("0.1")

Head = tuple[str | None, str | None, str | None]
"""What a group is before its sums: its key, its name and its department (each None where it
has none); key and name None for a group with no name of its own (a department's activities
outside any section, or no funding stated), which people's views name."""


class _Tally:
    """One year's sum being added up: the numbers, and which activities were counted, were
    words, may be adjusted or had their actual spend counted. A list is made only when an
    id comes: most sums of a breakdown have none, and 500,000 empty lists for 100,000
    groups cost the garbage collector more than the adding does."""

    __slots__ = ("adjustable", "counted", "total", "used", "words")

    def __init__(self) -> None:
        self.total = ZERO
        self.counted = False
        self.words: list[str] | None = None
        self.adjustable: list[str] | None = None
        self.used: list[str] | None = None

    def record(self, year: int | None, whole: Sum | None) -> Sum:
        """The Sum, with its share of ``whole``, the sum it is a part of (None: it is
        everything selected, a share of itself)."""
        amount = None if self.words and not self.counted else self.total
        return Sum(
            year=year,
            amount=amount,
            kind=CellKind.words if amount is None else CellKind.amount,
            not_quantified=_ids(self.words),
            adjustable=_ids(self.adjustable),
            actual_used=_ids(self.used),
            share=share(amount, amount if whole is None else whole.amount),
        )


def _met(ids: list[str] | None, key: str) -> list[str]:
    if ids is None:
        return [key]
    ids.append(key)
    return ids


def _ids(met: list[str] | None) -> tuple[str, ...]:
    """Each id once, in the order met (over a period, an activity comes once a year)."""
    return tuple(dict.fromkeys(met)) if met else ()


def _period(tallies: Sequence[_Tally]) -> _Tally:
    """The years' tallies as one: the numbers added, the ids of every year."""
    period = _Tally()
    for tally in tallies:
        period.total += tally.total
        period.counted = period.counted or tally.counted
        for field in ("words", "adjustable", "used"):
            ids = getattr(tally, field)
            if ids:
                setattr(period, field, [*(getattr(period, field) or ()), *ids])
    return period


def share(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    """``part`` in percent of ``whole``, to one decimal; None where either is not a number
    (words only) or the whole is 0 (no share of nothing)."""
    if part is None or whole is None or whole == 0:
        return None
    return (part * 100 / whole).quantize(TENTH, rounding=ROUND_HALF_UP)


class Sums(NamedTuple):
    """A row's sums: one per year asked, and the period's."""

    years: tuple[Sum, ...]
    period: Sum


def sums(
    activities: Iterable[SourceActivity],
    years: Sequence[int],
    *,
    actual: bool = False,
    whole: Sums | None = None,
) -> Sums:
    """The sums of ``activities`` per year and over ``years``, in one pass; ``actual``:
    actual spend where the source gives it; ``whole``: everything selected, which each share
    is of (None: these are everything selected)."""
    tallies = [_Tally() for _ in years]
    for activity in activities:
        for year, tally in zip(years, tallies, strict=True):
            cell = activity.amount(year, actual=actual)
            if cell is None:
                continue
            if isinstance(cell, TextCell):
                tally.words = _met(tally.words, activity.id)
                continue
            tally.total += cell
            tally.counted = True
            if year in activity.adjustable:
                tally.adjustable = _met(tally.adjustable, activity.id)
            if actual and activity.actual and year in activity.actual:
                tally.used = _met(tally.used, activity.id)
    period = _period(tallies)
    wholes = whole.years if whole is not None else (None,) * len(years)
    return Sums(
        tuple(t.record(y, w) for y, t, w in zip(years, tallies, wholes, strict=True)),
        period.record(None, whole.period if whole is not None else None),
    )


def year_sum(activities: Iterable[SourceActivity], year: int, *, actual: bool = False) -> Sum:
    """One year's sum of ``activities`` (its share: of itself)."""
    return sums(activities, (year,), actual=actual).years[0]


# --- groups ----------------------------------------------------------------------------------


def grouper(dataset: Dataset, by: Grouping) -> Callable[[SourceActivity], tuple[Head, ...]]:
    """The groups an activity counts in, made once per grouping: one, except by funding,
    where an activity funded by several decisions counts under each (:func:`decisions_of`),
    so those rows overlap."""
    if by is Grouping.department:
        names = dataset.department_names
        return lambda a: ((a.department, names[a.department], a.department),)
    if by is Grouping.section:
        # Keyed by department too where a name is shared, so two departments' "Diverse"
        # never merge; a name only one department uses keeps its plain key.
        labels = section_labels(dataset)

        def section(a: SourceActivity) -> tuple[Head, ...]:
            if a.section is None:
                return ((None, None, a.department),)
            return (
                (
                    labels.get(SectionRef(a.department, a.section), a.section),
                    a.section,
                    a.department,
                ),
            )

        return section
    if by is Grouping.funding:
        return lambda a: tuple((d, d, None) for d in decisions_of(a)) or (NOT_STATED,)
    if by is Grouping.activity:
        return lambda a: ((a.id, a.name, a.department),)
    raise ValueError(f"activities are not grouped by {by}")


NOT_STATED: Head = (None, None, None)


def grouped(
    activities: Iterable[SourceActivity], groups_of: Callable[[SourceActivity], tuple[Head, ...]]
) -> dict[Head, list[SourceActivity]]:
    """The one grouping routine, for flat and nested sums alike: each group's activities in
    their order, the groups in the order of their first activity. One pass, so a grouping of
    n activities costs n steps however many groups (by funding, an activity funded by several
    decisions is in each of their groups: :func:`grouper`)."""
    members: dict[Head, list[SourceActivity]] = {}
    for activity in activities:
        for head in groups_of(activity):
            members.setdefault(head, []).append(activity)
    return members


class Grouper:
    """Everything a breakdown needs made once per answer: each level's grouper and the
    departments' names."""

    def __init__(self, dataset: Dataset, levels: Sequence[Grouping]) -> None:
        self.levels = [grouper(dataset, level) for level in levels]
        self.names = dataset.department_names

    def groups(
        self,
        activities: Iterable[SourceActivity],
        years: Sequence[int],
        whole: Sums,
        *,
        actual: bool = False,
        depth: int = 0,
    ) -> tuple[Group, ...]:
        """The groups of the level ``depth``, each with its sums and the groups of the
        levels under it. Each group's sums are of its own activities, so every level adds up
        exactly to the level above (by funding, where one activity is under several
        decisions, the rows overlap and add up to more: :func:`budgetcli.queries.overlapping`)."""
        if depth == len(self.levels):
            return ()
        return tuple(
            self.group(
                head,
                sums(members, years, actual=actual, whole=whole),
                self.groups(members, years, whole, actual=actual, depth=depth + 1),
            )
            for head, members in grouped(activities, self.levels[depth]).items()
        )

    def group(self, head: Head, summed: Sums, groups: tuple[Group, ...] = ()) -> Group:
        key, name, department = head
        return Group(
            row=RowKind.group,
            key=key,
            name=name,
            department=department,
            department_name=self.names[department] if department else None,
            years=summed.years,
            total=summed.period,
            groups=groups,
        )


def total_row(summed: Sums) -> Group:
    """Everything selected, as a row."""
    return Group(RowKind.total, None, None, None, None, summed.years, summed.period, ())


# --- changes ---------------------------------------------------------------------------------


def _numbers(s: Sum) -> Decimal:
    return ZERO if s.amount is None else s.amount


def changed(row: Group, groups: tuple[Change, ...] = ()) -> Change:
    """A row of two years' sums as a change. A year of words only ("Driftsbudget") is not a
    year of 0: its change and percentage are empty and its status says not quantified. The
    total row compares the numbers whatever words a year holds; its footnotes say what it
    left out."""
    before, after = row.years
    total = row.row is RowKind.total
    words_only = not total and (before.amount is None or after.amount is None)
    status: Status | None = None
    change: Decimal | None = None
    pct: Decimal | None = None
    if words_only:
        status = Status.not_quantified
    elif before.amount is not None or after.amount is not None:
        old, new = _numbers(before), _numbers(after)
        change = new - old
        pct = None if old == 0 else ((new - old) * 100 / old).quantize(TENTH, ROUND_HALF_UP)
        if old <= 0 < new and not before.not_quantified:
            status = Status.new
        elif new <= 0 < old and not after.not_quantified:
            status = Status.ended
    return Change(
        row=row.row,
        key=row.key,
        name=row.name,
        department=row.department,
        department_name=row.department_name,
        years=row.years,
        change=change,
        change_pct=pct,
        status=status,
        groups=groups,
    )


def change_tree(rows: Iterable[Group]) -> tuple[Change, ...]:
    return tuple(changed(row, change_tree(row.groups)) for row in rows)


# --- what ends when --------------------------------------------------------------------------


def endings(
    dataset: Dataset, activities: Iterable[SourceActivity], *, by_department: bool = False
) -> tuple[Ending, ...]:
    """Per last funded year before the period's last (and per department, if asked): how
    many activities stop, and how much money ends with them; years in order."""
    groups: dict[tuple[int, str | None], list[SourceActivity]] = {}
    for activity in expiring(dataset, activities, None):
        last = activity.last_funded_year
        assert last is not None  # expiring() keeps only funded activities
        key = (last, activity.department if by_department else None)
        groups.setdefault(key, []).append(activity)
    order = {d.code: n for n, d in enumerate(dataset.departments)}
    names = dataset.department_names
    return tuple(
        Ending(
            last_funded_year=last,
            department=department,
            department_name=names[department] if department else None,
            activities=len(members),
            ids=tuple(a.id for a in members),
            amount=sum((c for a in members if isinstance(c := a.cell(last), Decimal)), ZERO),
        )
        for (last, department), members in sorted(
            groups.items(), key=lambda item: (item[0][0], order.get(item[0][1] or "", -1))
        )
    )

"""The words of a question every layer shares: what amounts are in, what a sum counts, what
it is broken down by. Declared here once, below the queries, so the command line and the
results name them without importing a query."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from budgetcli.errors import UsageError
from budgetcli.i18n import Msg, text


class Grouping(StrEnum):
    """What a total, comparison or chart is broken down by."""

    year = "year"
    department = "department"
    section = "section"
    funding = "funding"
    activity = "activity"


# What each question may be broken down by, in the order offered: the API checks its ``by``
# against these, and each command's ``--by`` offers them.
TOTAL_BY = (Grouping.department, Grouping.section, Grouping.funding, Grouping.activity)
COMPARE_BY = (Grouping.department, Grouping.section, Grouping.activity)
EXPIRING_BY = (Grouping.department,)
CHART_BY = (Grouping.year, Grouping.department, Grouping.section, Grouping.activity)


class Basis(StrEnum):
    """Which figure a total adds: the budget, or actual spend where the source gives it."""

    budget = "budget"
    actual = "actual"


class Unit(StrEnum):
    """The unit amounts are shown in; the source prints mio. kr."""

    mio = "mio"
    tkr = "tkr"
    kr = "kr"

    @property
    def label(self) -> str:
        return UNIT_LABELS[self]

    @property
    def exponent(self) -> int:
        """Powers of ten from mio. kr. to this unit: an exact shift, never a rounding."""
        return {Unit.mio: 0, Unit.tkr: 3, Unit.kr: 6}[self]


# "t.kr." as Danish budgets write thousands of kroner: "117,590 t.kr." reads as one figure
# where "117,590 1.000 kr." would read as two.
UNIT_LABELS = {Unit.mio: "mio. kr.", Unit.tkr: "t.kr.", Unit.kr: "kr."}
SOURCE_UNIT = UNIT_LABELS[Unit.mio]


MAX_LEVELS = 3
"""How deep ``--by department,section,activity`` may nest."""


def check_levels(levels: Sequence[Grouping]) -> tuple[Grouping, ...]:
    """``--by department,section``: up to three different groupings, as typed."""
    if not levels or len(levels) > MAX_LEVELS:
        raise UsageError(text(Msg.err_levels_count, count=MAX_LEVELS))
    if len(set(levels)) < len(levels):
        raise UsageError(text(Msg.err_levels_twice))
    if Grouping.activity in levels[:-1]:
        raise UsageError(text(Msg.err_levels_activity))
    return tuple(levels)

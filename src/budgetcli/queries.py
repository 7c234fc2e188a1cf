"""Pure questions asked of a Dataset: selection, totals, comparisons, expiry. No printing."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple, TypeVar

from budgetcli import i18n
from budgetcli.errors import UsageError
from budgetcli.folding import fold, folds, loose, loosen, search_words
from budgetcli.i18n import Msg
from budgetcli.model import RECORD_FIELDS, TEXT_KEYS, Activity, Cell, Dataset, SectionRef, TextCell
from budgetcli.search import in_title, same_name, search
from budgetcli.search import index as search_index
from budgetcli.terms import SOURCE_UNIT, Basis, Grouping, Unit

ZERO = Decimal(0)


class Placeholder(StrEnum):
    """A group with no name of its own; presenters say it in the reader's language."""

    no_sections = "no_sections"
    not_stated = "not_stated"


class Filters(NamedTuple):
    """Which activities a command looks at, as understood, by filter name
    (:data:`budgetcli.filtering.FILTERS`); every field narrows the selection."""

    department: tuple[str, ...] = ()
    """Department codes."""
    section: tuple[SectionRef, ...] = ()
    """(department, section) pairs: two departments may have sections of the same name."""
    year: int | None = None
    search: str | None = None
    funding: str | None = None


def in_unit(dataset: Dataset, unit: Unit) -> Dataset:
    """The dataset with every amount in ``unit``: 0,117590 mio. kr. is 117590 kr., exactly."""
    if unit is Unit.mio:
        return dataset
    if dataset.unit != SOURCE_UNIT:
        raise UsageError(
            f"--unit converts from {SOURCE_UNIT}, but this data file's unit is {dataset.unit!r}"
        )
    return shifted(dataset, unit.exponent, unit.label)


def shifted(dataset: Dataset, shift: int, label: str) -> Dataset:
    """The dataset with every amount times 10**``shift``, in the unit ``label``: exact."""

    def cell(value: Cell) -> Cell:
        return value.scaleb(shift) if isinstance(value, Decimal) else value

    activities = tuple(
        a._replace(
            budget={year: cell(value) for year, value in a.budget.items()},
            actual={year: v.scaleb(shift) for year, v in a.actual.items()} if a.actual else None,
        )
        for a in dataset.activities
    )
    return dataset._replace(unit=label, activities=activities)


# --- resolving what the user typed -------------------------------------------------------


def _fold(text: str, *, danish_digraphs: bool = False) -> str:
    """Case- and accent-insensitive form: 'København' -> 'kobenhavn' (or 'koebenhavn')."""
    return fold(text, danish_digraphs=danish_digraphs)


@lru_cache(maxsize=16)
def folded_needle(needle: str) -> str:
    # select() asks matches() the same needle for every field of every activity: folding a
    # long needle each time made a 2,000-character search over 100,000 activities take 20 s.
    return fold(needle)


# A search is what a person types or pastes (the longest text of the source, a description,
# is 68 words): every word is looked for in every activity, so its time is the words times
# the activities. Bounded, it stays linear in the activities (5,000 words over 70,000
# activities took 169 s).
MAX_SEARCH_WORDS = 100


def check_search(text: str) -> str:
    """``text`` as a search, refused where it has more than :data:`MAX_SEARCH_WORDS` words."""
    count = len(search_words(folded_needle(text)))
    if count > MAX_SEARCH_WORDS:
        raise UsageError(i18n.text(Msg.err_search_words, count=count, limit=MAX_SEARCH_WORDS))
    return text


def matches(needle: str, haystack: str | None) -> bool:
    """Substring match that forgives case, accents, the Danish spellings (æ/ae/a, ø/oe/o,
    å/aa/a) and hyphens: the text as typed, in one piece (``--funding``, ``--section``)."""
    if not haystack:
        return False
    return loosen(folded_needle(needle)) in loose(haystack)


# A did-you-mean hint is only worth its cost for something the length of a name or id.
_SUGGEST_MAX_LENGTH = 100
_SUGGEST_CUTOFF = 0.6
# At most this many candidates get difflib's linear quick_ratio, and this many its quadratic
# ratio(), however many activities there are.
_SUGGEST_POOL = 2000
_SUGGEST_SHORTLIST = 20


def _suggest(
    word: str, candidates: Sequence[str], *, cutoff: float = _SUGGEST_CUTOFF
) -> i18n.Text | str:
    """ " (did you mean X?)" for the closest candidate, or "" when none is close.

    Bounded work whatever the input: a word no candidate could match at the cutoff is not
    compared at all (SequenceMatcher's ratio is at most 2*min(a, b)/(a + b), so at 0.6 a word
    more than 7/3 the length of the longest candidate matches none); of many candidates only
    a pool of those sharing the longest prefix with the word is scored (see :func:`_pool`),
    by the linear quick_ratio, and only a shortlist gets the quadratic ratio().
    """
    best = _closest(word, candidates, cutoff=cutoff, count=1)
    if not best:
        return ""
    return i18n.text(Msg.err_did_you_mean, what=candidates[best[0]])


def closest(word: str, candidates: Sequence[str], count: int = 3) -> list[str]:
    """Up to ``count`` of ``candidates`` nearest to ``word`` (difflib's ratio), best first:
    the names a search that found nothing suggests."""
    return [candidates[i] for i in _closest(word, candidates, cutoff=0.5, count=count)]


def _closest(word: str, candidates: Sequence[str], *, cutoff: float, count: int) -> list[int]:
    from difflib import SequenceMatcher
    from heapq import nlargest

    wanted = word.strip().casefold()
    folded = [c.casefold() for c in candidates]
    longest = max(map(len, folded), default=0)
    # ratio <= 2 * longest / (len(wanted) + longest): below the cutoff, no comparison.
    if (
        not wanted
        or len(wanted) > _SUGGEST_MAX_LENGTH
        or len(wanted) * cutoff > longest * (2 - cutoff)
    ):
        return []
    matcher = SequenceMatcher(b=wanted, autojunk=False)
    scored = []
    for index in _pool(wanted, folded):
        matcher.set_seq1(folded[index])
        if matcher.real_quick_ratio() >= cutoff:
            quick = matcher.quick_ratio()
            if quick >= cutoff:
                scored.append((quick, -index))
    best: list[tuple[float, int]] = []
    for _, negative_index in nlargest(_SUGGEST_SHORTLIST, scored):
        matcher.set_seq1(folded[-negative_index])
        ratio = matcher.ratio()
        if ratio >= cutoff:
            best.append((-ratio, -negative_index))
    return [index for _, index in sorted(best)[:count]]


def _pool(wanted: str, folded: list[str]) -> Sequence[int]:
    """The indices of the candidates worth scoring against ``wanted``: all of a few; of
    many, at most _SUGGEST_POOL: half sharing the longest start with it, half the longest
    end, so a typo anywhere but at both ends still finds its id.

    The alternative, difflib over every id, took 23 s for one miss among 100,000.
    """
    if len(folded) <= _SUGGEST_POOL:
        return range(len(folded))
    half = _SUGGEST_POOL // 2
    starts = _sharing_prefix(wanted, folded, half)
    ends = _sharing_prefix(wanted[::-1], [c[::-1] for c in folded], half)
    return list(dict.fromkeys((*starts, *ends)))


def _sharing_prefix(wanted: str, keys: list[str], limit: int) -> list[int]:
    """At most ``limit`` indices of ``keys`` sharing the longest prefix with ``wanted``."""
    from bisect import bisect_left

    order = sorted(range(len(keys)), key=keys.__getitem__)
    ordered = [keys[i] for i in order]
    lo, hi = 0, len(ordered)
    for length in range(1, len(wanted) + 1):
        prefix = wanted[:length]
        narrower = (
            bisect_left(ordered, prefix, lo, hi),
            bisect_left(ordered, prefix + "\U0010ffff", lo, hi),
        )
        if narrower[0] == narrower[1]:
            break
        lo, hi = narrower
        if hi - lo <= limit:
            break
    if hi - lo <= limit:
        return order[lo:hi]
    from heapq import nsmallest

    # Too many still: those nearest in length first (only they can score well), then
    # those nearest in sort order.
    at = bisect_left(ordered, wanted, lo, hi)
    size = len(wanted)
    nearest = nsmallest(
        limit, range(lo, hi), key=lambda k: (abs(len(ordered[k]) - size), abs(k - at))
    )
    return [order[k] for k in nearest]


def _code_of(dataset: Dataset, text: str) -> str | None:
    """The department whose code is ``text``: exactly, else folded (validation keeps folded
    codes unique, so at most one matches)."""
    for department in dataset.departments:
        if department.code == text:
            return department.code
    wanted = folds(text)
    for department in dataset.departments:
        if wanted & folds(department.code):
            return department.code
    return None


def resolve_department(dataset: Dataset, text: str) -> str:
    """A department code from a code or a name prefix, case- and accent-insensitively."""
    codes = [d.code for d in dataset.departments]
    code = _code_of(dataset, text.strip())
    if code is not None:
        return code
    wanted = _fold(text.strip())
    by_name = [
        d.code
        for d in dataset.departments
        if wanted
        and (
            _fold(d.code).startswith(wanted)
            or _fold(d.name).startswith(wanted)
            or _fold(d.name_en).startswith(wanted)
        )
    ]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        raise UsageError(
            i18n.text(Msg.err_department_ambiguous, text=repr(text), codes=", ".join(by_name))
        )
    raise UsageError(
        i18n.text(
            Msg.err_no_department,
            text=repr(text),
            hint=_suggest(text, codes),
            codes=", ".join(codes),
        )
    )


def _pick_sections(refs: Sequence[SectionRef], text: str) -> tuple[int, list[SectionRef]]:
    """The sections ``text`` names, and how closely: exact name (0), else folded name (1),
    else part of the name (2)."""
    exact = [r for r in refs if r.name == text]
    if exact:
        return 0, exact
    folded = _fold(text)
    same = [r for r in refs if _fold(r.name) == folded]
    if same:
        return 1, same
    return 2, [r for r in refs if matches(text, r.name)]


_QUALIFIERS = "/:"


def qualified(ref: SectionRef) -> str:
    """``BIF/Diverse``: a section with its department, as ``--section`` reads it back alone;
    ``DEPT:name`` where the code or the name holds a ``/`` (``A:B/C``, ``A/B:C``)."""
    slash = "/" in ref.department or "/" in ref.name
    return f"{ref.department}{':' if slash else '/'}{ref.name}"


def section_labels(dataset: Dataset) -> dict[SectionRef, str]:
    """Every section as people read and type it: its name where only one department has a
    section of that name, else :func:`qualified`. All at once: one count of the names, so a
    grouping by section costs one look-up per activity however many sections."""
    refs = dataset.section_refs
    count = Counter(r.name for r in refs)
    return {r: r.name if count[r.name] == 1 else qualified(r) for r in refs}


def resolve_section(dataset: Dataset, text: str) -> SectionRef:
    """A section from any unambiguous part of its heading, or ``DEPT/heading`` (``DEPT:heading``)
    where two departments have a section of that name.

    Every reading counts: the whole text as a heading, and the text split at each ``/`` or
    ``:`` whose left part is a department's code; the closest readings win (exact, folded,
    part of a name), and two of them are a usage error that lists each in a form
    (:func:`qualified`) that has one reading, never a silent pick (``A/B/C``: department A's
    "B/C" or department "A/B"'s "C").
    """
    refs = dataset.section_refs
    wanted = text.strip()
    readings: dict[SectionRef, int] = {r: 0 for r in refs if r.name == wanted}
    for at, letter in enumerate(wanted):
        if letter not in _QUALIFIERS:
            continue
        department = _code_of(dataset, wanted[:at].strip())
        if department is None:
            continue
        closeness, picked = _pick_sections(
            [r for r in refs if r.department == department], wanted[at + 1 :].strip()
        )
        for ref in picked:
            readings[ref] = min(readings.get(ref, closeness), closeness)
    if readings:
        closest = min(readings.values())
        found = [r for r in refs if readings.get(r) == closest]
    else:
        found = _pick_sections(refs, wanted)[1]
    if len(found) == 1:
        return found[0]
    if found:
        listing = ", ".join(qualified(r) for r in found)
        raise UsageError(i18n.text(Msg.err_section_ambiguous, text=repr(text), listing=listing))
    listing = "; ".join(section_labels(dataset).values()) or "none"
    raise UsageError(i18n.text(Msg.err_no_section, text=repr(text), listing=listing))


def check_year(dataset: Dataset, year: int) -> int:
    if year not in dataset.years:
        raise UsageError(
            i18n.text(Msg.err_no_year, year=year, first=dataset.first_year, last=dataset.last_year)
        )
    return year


def find_activity(dataset: Dataset, wanted: str) -> Activity:
    """The activity whose id is ``wanted`` (exactly, else folded: validation keeps folded
    ids unique), or the only one whose id starts with it, or whose name it is, or that the
    search ``wanted`` finds alone (or alone in its name). Several found: a usage error that
    lists them; none: one that suggests the nearest id or close spellings."""
    key = wanted.strip()
    if not key:
        raise UsageError(i18n.text(Msg.err_give_id))
    for activity in dataset.activities:
        if activity.id == key:
            return activity
    folded_key = _fold(key)
    folded_ids = [_fold(a.id) for a in dataset.activities]
    for activity, folded_id in zip(dataset.activities, folded_ids, strict=True):
        if folded_id == folded_key:
            return activity
    candidates = [
        a
        for a, folded_id in zip(dataset.activities, folded_ids, strict=True)
        if folded_id.startswith(folded_key)
    ]
    if len(candidates) == 1:
        return candidates[0]
    # What people know of it: its name, or words of it (kontanthjælp, "Welcome House").
    needle = folded_needle(check_search(key))
    texts = search_index(dataset.activities)
    same = same_name(texts, needle)
    if len(same) == 1:
        return same[0]
    if candidates:
        listing = ", ".join(a.id for a in candidates)
        raise UsageError(i18n.text(Msg.err_id_ambiguous, text=repr(wanted), listing=listing))
    found = search(dataset.activities, needle, close=False, texts=texts).activities
    if len(found) == 1:
        return found[0]
    # Several: the one whose name (or id) holds every word, if only one does.
    of = {id(t.activity): t for t in texts}
    titled = [a for a in found if in_title(of[id(a)], needle)]
    if len(titled) == 1:
        return titled[0]
    ids = [a.id for a in dataset.activities]
    # Only what could be an id (no spaces) is taken for a mistyped one.
    nearly_an_id = "" if " " in key else _suggest(key, ids, cutoff=_NEARLY_AN_ID)
    if found and not nearly_an_id:
        raise UsageError(
            i18n.text(
                Msg.err_activity_ambiguous,
                text=_quoted(wanted),
                count=len(found),
                listing=_candidates(found),
            )
        )
    hint = nearly_an_id
    if not found and not hint:
        # A typo in a name: the close spellings, where they point to a few activities.
        close = search(dataset.activities, needle, texts=texts).activities
        hint = (
            i18n.text(Msg.err_did_you_mean_any, what=", ".join(a.id for a in close))
            if 0 < len(close) <= _CLOSE_SHOWN
            else _suggest(key, ids)
        )
    raise UsageError(i18n.text(Msg.err_no_activity, text=_quoted(wanted), hint=hint))


# Typed text this like an id is an id mistyped ("ACTIVITY-77_"), even where its words
# are also found in other activities' texts.
_NEARLY_AN_ID = 0.8
_CLOSE_SHOWN = 5
_CANDIDATES_SHOWN = 8


def _candidates(found: Sequence[Activity]) -> str:
    """'bydelsmoedre (Bydelsmødre), ...': the first few, best first."""
    shown = ", ".join(f"{a.id} ({a.name})" for a in found[:_CANDIDATES_SHOWN])
    more = len(found) - _CANDIDATES_SHOWN
    return f"{shown}, ..." if more > 0 else shown


def _quoted(text: str, limit: int = 60) -> str:
    """What the user typed, quoted, and cut short enough for one line of an error."""
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}... ({len(text)} characters)"


# --- selection ---------------------------------------------------------------------------


def in_source_order(dataset: Dataset, activities: Iterable[Activity]) -> list[Activity]:
    """Totals and groups keep the source's order whatever a search ranked first."""
    wanted = {id(a) for a in activities}
    return [a for a in dataset.activities if id(a) in wanted]


# --- totals ------------------------------------------------------------------------------


class Group(NamedTuple):
    key: str
    label: str
    """In English; JSON shows it as is, tables translate placeholder labels."""
    placeholder: Placeholder | None = None
    """For a generated label: what kind of group has no name of its own."""
    subject: str = ""
    """What a placeholder label is about (the department's name)."""
    department: str | None = None
    """The department every member belongs to, where the grouping gives one."""


def grouper(dataset: Dataset, by: Grouping) -> Callable[[Activity], tuple[Group, ...]]:
    """The groups an activity counts in, made once per grouping: one, except by funding,
    where an activity funded by several decisions counts under each (:func:`decisions_of`),
    so those rows overlap."""
    if by is Grouping.department:
        names = {d.code: d.name for d in dataset.departments}
        return lambda a: (Group(a.department, names[a.department], department=a.department),)
    if by is Grouping.section:
        # Keyed by department too where a name is shared, so two departments' "Diverse"
        # never merge; a name only one department uses keeps its plain key.
        labels = section_labels(dataset)
        named = {d.code: d.name for d in dataset.departments}

        def section(a: Activity) -> tuple[Group, ...]:
            code = a.department
            if a.section is None:
                name = named[code]
                return (Group(code, f"{name} (no sections)", Placeholder.no_sections, name, code),)
            key = labels.get(SectionRef(code, a.section), a.section)
            return (Group(key, a.section, department=code),)

        return section
    if by is Grouping.funding:
        return lambda a: tuple(Group(d, d) for d in decisions_of(a)) or (NOT_STATED,)
    if by is Grouping.activity:
        return lambda a: (Group(a.id, a.name, department=a.department),)
    raise ValueError(f"activities are not grouped by {by}")


NOT_STATED = Group("(not stated)", "(not stated)", Placeholder.not_stated)


def decisions_of(activity: Activity) -> tuple[str, ...]:
    """The decisions an activity is funded by (:func:`budgetcli.funding.decisions`): the
    groups of ``--by funding`` and what ``--funding`` keeps (:func:`funded_by`)."""
    from budgetcli.funding import decisions

    return decisions(activity.funding)


def funded_by(dataset: Dataset, typed: str) -> Callable[[Activity], bool]:
    """``--funding``: whether an activity is funded by the decisions ``typed`` names, read
    as a funding text is (:func:`decisions_of`: "Budget 18" is Budget 2018, "Integrations-
    handleplan 2017-2018 og 2019-22" is two plans), so a filter for a decision keeps every
    activity ``--by funding`` counts under it, and only those. Where ``typed`` names no
    decision of the data ("handleplan"), the funding texts that hold it, as typed."""
    named = _decision_keys(typed)
    if named and any(named <= _decision_keys(a.funding) for a in dataset.activities):
        return lambda a: named <= _decision_keys(a.funding)
    return lambda a: matches(typed, a.funding)


@lru_cache(maxsize=1024)
def _decision_keys(funding: str | None) -> frozenset[str]:
    """The decisions a funding text names, as loosely as a search compares them."""
    from budgetcli.funding import decisions

    return frozenset(loose(d) for d in decisions(funding))


def overlapping(activities: Iterable[Activity], by: Grouping) -> tuple[Activity, ...]:
    """The activities counted in more than one group (only by funding): the groups' sums
    then add up to more than the total, which counts each activity once."""
    if by is not Grouping.funding:
        return ()
    return tuple(a for a in activities if len(decisions_of(a)) > 1)


class Sum(NamedTuple):
    """The numeric amounts of some activities in one year, and what could not be added."""

    year: int
    total: Decimal
    counted: tuple[Activity, ...]
    not_quantified: tuple[Activity, ...]
    """Activities whose cell that year is text: no number exists, so none was added."""
    adjustable: tuple[Activity, ...]
    """Counted activities whose amount that year may be adjusted."""
    actual_used: tuple[Activity, ...] = ()
    """Activities whose actual spend replaced the budget (basis "actual")."""

    @property
    def amount(self) -> Decimal | None:
        """The sum, or None where the cells are words and none is a number.

        One rule everywhere (README, "How budgetcli adds up"): a sum over nothing is 0; a
        group whose cells are all words (empty cells aside) is not quantified; a mixed
        group sums its numbers and lists its words in ``not_quantified``.
        """
        if self.not_quantified and not self.counted:
            return None
        return self.total


def year_sum(activities: Iterable[Activity], year: int, *, actual: bool = False) -> Sum:
    total = ZERO
    counted: list[Activity] = []
    text: list[Activity] = []
    adjustable: list[Activity] = []
    used: list[Activity] = []
    for activity in activities:
        cell = activity.amount(year, actual=actual)
        if isinstance(cell, TextCell):
            text.append(activity)
        elif cell is not None:
            total += cell
            counted.append(activity)
            if year in activity.adjustable:
                adjustable.append(activity)
            if actual and activity.actual and year in activity.actual:
                used.append(activity)
    return Sum(year, total, tuple(counted), tuple(text), tuple(adjustable), tuple(used))


def combine(sums: Sequence[Sum]) -> Sum:
    """Several years' sums as one: amounts added; what was left out or adjustable united.

    Like every Sum, it is not quantified (``amount`` None) when it has words and no number,
    so a row of operating budgets in words never adds up to 0.
    """

    def union(groups: Iterable[tuple[Activity, ...]]) -> tuple[Activity, ...]:
        seen: dict[str, Activity] = {}
        for group in groups:
            for activity in group:
                seen.setdefault(activity.id, activity)
        return tuple(seen.values())

    return Sum(
        year=sums[0].year,
        total=sum((s.total for s in sums), ZERO),
        counted=union(s.counted for s in sums),
        not_quantified=union(s.not_quantified for s in sums),
        adjustable=union(s.adjustable for s in sums),
        actual_used=union(s.actual_used for s in sums),
    )


class Totals(NamedTuple):
    overall: tuple[Sum, ...]
    groups: tuple[Node, ...] = ()
    """The groups of the first level, each holding the next level's (:func:`nested_totals`)."""
    basis: Basis = Basis.budget


def totals(
    dataset: Dataset,
    activities: Sequence[Activity],
    years: Sequence[int],
    *,
    by: Grouping | None = None,
    basis: Basis = Basis.budget,
    levels: Sequence[Grouping] = (),
) -> Totals:
    """The sums of ``activities`` in ``years``, and of their groups by ``by`` (or, nested,
    by ``levels``, ``by`` first)."""
    actual = basis is Basis.actual
    overall = tuple(year_sum(activities, y, actual=actual) for y in years)
    levels = tuple(levels) or ((by,) if by is not None else ())
    groups = nested_totals(dataset, activities, years, levels, basis=basis)
    return Totals(overall, groups, basis)


# --- comparisons -------------------------------------------------------------------------


class Status(StrEnum):
    new = "new"
    ended = "ended"
    not_quantified = "not_quantified"
    """A year of words only ("Driftsbudget"): not a year of 0, so nothing is compared."""


class Change(NamedTuple):
    group: Group
    before: Sum
    after: Sum
    total: bool = False
    """The total row: it compares the numbers whatever words a year holds, and its
    footnotes say what it left out."""

    @property
    def from_amount(self) -> Decimal | None:
        return self.before.amount

    @property
    def to_amount(self) -> Decimal | None:
        return self.after.amount

    @property
    def words_only(self) -> bool:
        """A year is words only ("Driftsbudget", no number): it is not a year of 0, so
        the change and its percentage are empty and the status says not quantified."""
        if self.total:
            return False
        return any(s.amount is None and s.not_quantified for s in (self.before, self.after))

    @property
    def change(self) -> Decimal | None:
        """The change in the numeric amounts; None when neither year has one, or when a
        year is words only (:attr:`words_only`).

        Like every total, it counts numbers only: words ("Driftsbudget") are listed as not
        quantified, never taken as 0.
        """
        if self.before.amount is None and self.after.amount is None:
            return None
        if self.words_only:
            return None
        return self.after.total - self.before.total

    @property
    def change_pct(self) -> Decimal | None:
        """The change in percent of the first year's numbers; None with the change, or
        where the first year's numbers add up to 0 (a new activity: status says so)."""
        if self.change is None:
            return None
        return percent(self.before.total, self.after.total)

    @property
    def status(self) -> Status | None:
        """New or ended where the other year has no amount and no words; else None."""
        before, after = self.before, self.after
        if self.words_only:
            return Status.not_quantified
        if self.change is None:
            return None
        if before.total <= 0 < after.total and not before.not_quantified:
            return Status.new
        if after.total <= 0 < before.total and not after.not_quantified:
            return Status.ended
        return None


def percent(before: Decimal, after: Decimal) -> Decimal | None:
    if before == 0:
        return None
    return ((after - before) * 100 / before).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class Comparison(NamedTuple):
    from_year: int
    to_year: int
    rows: tuple[Change, ...]
    total: Change
    nodes: tuple[Node, ...] = ()
    """The groups as a tree (a nested ``--by``): each node's sums are its two years'."""


def compare(
    dataset: Dataset,
    activities: Sequence[Activity],
    from_year: int,
    to_year: int,
    by: Grouping,
    *,
    levels: Sequence[Grouping] = (),
) -> Comparison:
    """Two years' sums by ``by`` (nested: by ``levels``, ``by`` first); an activity with no
    cell in either year is in no group."""
    kept = [a for a in activities if not (a.cell(from_year) is None and a.cell(to_year) is None)]
    nodes = nested_totals(dataset, kept, (from_year, to_year), tuple(levels) or (by,))
    rows = tuple(Change(n.group, n.sums[0], n.sums[1]) for n in nodes)
    everything = Change(
        Group("total", "Total"),
        year_sum(activities, from_year),
        year_sum(activities, to_year),
        total=True,
    )
    return Comparison(from_year, to_year, rows, everything, nodes)


# --- expiry ------------------------------------------------------------------------------


def expiring(dataset: Dataset, activities: Iterable[Activity], year: int | None) -> list[Activity]:
    """Activities whose last positive amount falls before the period's final year."""
    if year is not None and year >= dataset.last_year:
        raise UsageError(
            i18n.text(
                Msg.err_expiring_last,
                last=dataset.last_year,
                first=dataset.first_year,
                before=dataset.last_year - 1,
            )
        )
    out = []
    for activity in activities:
        last = activity.last_funded_year
        if last is None or last >= dataset.last_year:
            continue
        if year is None or last == year:
            out.append(activity)
    return out


def unquantified(activities: Iterable[Activity]) -> list[Activity]:
    """Activities with no positive number in any year: operating budgets, or no amounts."""
    return [a for a in activities if a.last_funded_year is None]


# --- ordering ------------------------------------------------------------------------------


class Order(NamedTuple):
    """``--sort KEY`` (``-KEY`` for descending) and ``--top N``, as hledger and csvsort do."""

    key: str | None = None
    descending: bool = False
    top: int | None = None

    @classmethod
    def parse(cls, text: str | None, top: int | None = None) -> Order:
        if text is None:
            return cls(top=top)
        key = text.strip()
        descending = key.startswith("-")
        return cls(key.lstrip("-").strip().lower() or None, descending, top)


def largest_first(order: Order, year: int | None) -> Order:
    """``--top N`` without ``--sort``: the N largest (a list in file order, cut, would
    answer a question nobody asked), by the year asked, else by the period's total."""
    if order.key is None and order.top is not None:
        return Order(str(year) if year is not None else "total", True, order.top)
    return order


Sortable = Decimal | int | str | None
T = TypeVar("T")


def ordered(
    items: Sequence[T],
    order: Order,
    value: Callable[[T, str], Sortable],
    known: Sequence[str],
) -> list[T]:
    """``items`` sorted by ``order`` (stable; no amount and words last whichever way), then cut
    to ``order.top``. ``value`` gives an item's sort value for one of the ``known`` keys."""
    if order.key is not None and order.key not in known:
        raise unknown_sort_key(order.key, known)
    out = list(items)
    if order.key is not None:
        key = order.key
        present = [i for i in out if value(i, key) is not None]
        absent = [i for i in out if value(i, key) is None]
        present.sort(key=lambda i: _sort_value(value(i, key)), reverse=order.descending)
        out = present + absent
    return out[: order.top] if order.top is not None else out


def _sort_value(value: Sortable) -> Decimal | int | str:
    assert value is not None
    return value.casefold() if isinstance(value, str) else value


def unknown_sort_key(key: str, known: Iterable[str]) -> UsageError:
    return UsageError(i18n.text(Msg.err_sort_key, wanted=repr(key), known=", ".join(known)))


_TEXT_SORT_KEYS = ("id", "name", "department", "department_name", *TEXT_KEYS, *RECORD_FIELDS)


def activity_sort_keys(dataset: Dataset) -> list[str]:
    """Every key of an activity's record that has one value to sort by, by its name in the
    record (``last_funded_year``, as JSON and csv say); lists and objects have none."""
    years = map(str, dataset.years)
    return [*_TEXT_SORT_KEYS, *years, "total", "last_funded_year", "appendix"]


def activity_sort_value(dataset: Dataset, activity: Activity, key: str) -> Sortable:
    """What ``list`` and ``expiring`` sort by: a year's amount, the period's total, a year,
    or text."""
    if key.isdigit() and int(key) in dataset.years:
        cell = activity.cell(int(key))
        return cell if isinstance(cell, Decimal) else None
    if key == "total":
        amounts = [c for c in activity.budget.values() if isinstance(c, Decimal)]
        return sum(amounts, ZERO) if amounts else None
    if key == "last_funded_year":
        return activity.last_funded_year
    if key == "department_name":
        return dataset.department(activity.department).name
    if key == "appendix":
        return dataset.department(activity.department).appendix
    if key in _TEXT_SORT_KEYS:
        text: str | None = getattr(activity, key)
        return text
    raise unknown_sort_key(key, activity_sort_keys(dataset))


# --- nested breakdowns, shares, what ends when (issue 21) ----------------------------------


class Node(NamedTuple):
    """One group of a nested breakdown: its sums (every activity under it, once) and the
    groups of the next level under it."""

    level: Grouping
    group: Group
    sums: tuple[Sum, ...]
    children: tuple[Node, ...] = ()


def check_nested_order(levels: Sequence[Grouping], order: Order) -> None:
    """A nested ``--by`` shows every group, in the source's order: no --sort, no --top."""
    if len(levels) > 1 and order != Order():
        raise UsageError(i18n.text(Msg.err_nested_order))


def nested_totals(
    dataset: Dataset,
    activities: Sequence[Activity],
    years: Sequence[int],
    levels: Sequence[Grouping],
    *,
    basis: Basis = Basis.budget,
) -> tuple[Node, ...]:
    """The groups of ``levels[0]``, each with its sums and its breakdown by the rest.

    Each node's sums are of its own activities, so every level adds up exactly to the level
    above (by funding, where one activity is under several decisions, the rows overlap and
    add up to more: :func:`overlapping` names those activities).
    """
    groupers = [(level, grouper(dataset, level)) for level in levels]
    return _nodes(activities, years, groupers, basis is Basis.actual)


def _nodes(
    activities: Iterable[Activity],
    years: Sequence[int],
    groupers: Sequence[tuple[Grouping, Callable[[Activity], tuple[Group, ...]]]],
    actual: bool,
) -> tuple[Node, ...]:
    if not groupers:
        return ()
    (level, groups_of), rest = groupers[0], groupers[1:]
    return tuple(
        Node(
            level,
            group,
            tuple(year_sum(acts, y, actual=actual) for y in years),
            _nodes(acts, years, rest, actual),
        )
        for group, acts in _grouped(activities, groups_of).items()
    )


def grouped(
    dataset: Dataset, activities: Iterable[Activity], by: Grouping
) -> dict[Group, list[Activity]]:
    """Each group's activities by one grouping, as every sum groups them (:func:`_grouped`)."""
    return _grouped(activities, grouper(dataset, by))


def _grouped(
    activities: Iterable[Activity], groups_of: Callable[[Activity], tuple[Group, ...]]
) -> dict[Group, list[Activity]]:
    """The one grouping routine, for flat and nested sums alike (:func:`_nodes`, with each
    level's grouper made once): each group's activities in their order, the groups in the
    order of their first activity. One pass, so a grouping of n activities costs n steps
    however many groups (by funding, an activity funded by several decisions is in each of
    their groups: :func:`grouper`)."""
    members: dict[Group, list[Activity]] = {}
    for activity in activities:
        for group in groups_of(activity):
            members.setdefault(group, []).append(activity)
    return members


def leaves(nodes: Sequence[Node], path: tuple[Node, ...] = ()) -> list[tuple[Node, ...]]:
    """Every path from a top group down to a group of the last level."""
    out: list[tuple[Node, ...]] = []
    for node in nodes:
        here = (*path, node)
        out.extend(leaves(node.children, here) if node.children else [here])
    return out


def share(part: Sum | None, whole: Sum | None) -> Decimal | None:
    """``part`` in percent of ``whole``, to one decimal; None where either is not a number
    (words only) or the whole is 0 (no share of nothing)."""
    if part is None or whole is None:
        return None
    if part.amount is None or whole.amount is None or whole.amount == 0:
        return None
    return (part.amount * 100 / whole.amount).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


class Ending(NamedTuple):
    """The activities whose funding ends after one year (their last positive amount)."""

    last_year: int
    department: str | None
    """With a breakdown by department, whose they are; else None (all departments)."""
    activities: tuple[Activity, ...]
    amount: Decimal
    """Their amounts in that last year: the money that stops with them."""

    @property
    def stopping(self) -> int:
        """How many activities stop."""
        return len(self.activities)


def expiry_summary(
    dataset: Dataset, activities: Iterable[Activity], *, by_department: bool = False
) -> tuple[Ending, ...]:
    """Per last funded year before the period's last (and per department, if asked): how
    many activities stop, and how much money ends with them; years in order."""
    groups: dict[tuple[int, str | None], list[Activity]] = {}
    for activity in expiring(dataset, activities, None):
        last = activity.last_funded_year
        assert last is not None  # expiring() keeps only funded activities
        key = (last, activity.department if by_department else None)
        groups.setdefault(key, []).append(activity)
    order = {d.code: n for n, d in enumerate(dataset.departments)}
    out = []
    for (last, department), acts in sorted(
        groups.items(), key=lambda item: (item[0][0], order.get(item[0][1] or "", -1))
    ):
        amount = sum((c for a in acts if isinstance(c := a.cell(last), Decimal)), ZERO)
        out.append(Ending(last, department, tuple(acts), amount))
    return tuple(out)

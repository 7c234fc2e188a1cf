"""Questions asked of a Dataset before anything is added up: what the user typed, as
understood (departments, sections, an activity, a year, a search); which activities a
funding decision or expiry keeps; the order rows are sorted in. No printing; the sums are
:mod:`budgetcli.results.sums`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, TypeVar

from budgetcli import i18n
from budgetcli.errors import UsageError
from budgetcli.folding import fold, folds, loose, loosen, search_words
from budgetcli.i18n import Msg
from budgetcli.model import (
    RECORD_FIELDS,
    TEXT_KEYS,
    ZERO,
    Cell,
    Dataset,
    SectionRef,
    SourceActivity,
)
from budgetcli.search import in_title, same_name, search
from budgetcli.search import index as search_index
from budgetcli.terms import SOURCE_UNIT, Grouping, Unit


def in_unit(dataset: Dataset, unit: Unit) -> Dataset:
    """The dataset with every amount in ``unit``: 0,117590 mio. kr. is 117590 kr., exactly."""
    if unit is Unit.mio:
        return dataset
    if dataset.unit != SOURCE_UNIT:
        raise UsageError(i18n.text(Msg.err_unit_from, source=SOURCE_UNIT, unit=repr(dataset.unit)))
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
    """Every section as people read and type it, each label one section's: its name where
    only one department has a section of that name and no other section is qualified as
    that name reads ("BIF/Diverse" may be department X's own heading), else
    :func:`qualified`. All at once: one count of the names, so a grouping by section costs
    one look-up per activity however many sections."""
    refs = dataset.section_refs
    count = Counter(r.name for r in refs)
    labels = {r: r.name if count[r.name] == 1 else qualified(r) for r in refs}
    taken = Counter(labels.values())
    return {r: label if taken[label] == 1 else qualified(r) for r, label in labels.items()}


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


def find_activity(dataset: Dataset, wanted: str) -> SourceActivity:
    """The activity ``wanted`` names (:func:`pick_activity`)."""
    return pick_activity(dataset, wanted)[0]


def pick_activity(
    dataset: Dataset, wanted: str
) -> tuple[SourceActivity, tuple[SourceActivity, ...]]:
    """The activity whose id is ``wanted`` (exactly, else folded: validation keeps folded
    ids unique), or the only one whose id starts with it, or whose name it is, or that the
    search ``wanted`` finds alone (or alone in its name: then also the others it found,
    which the answer names, so that one picked among several is never picked silently).
    Several found: a usage error that lists them; none: one that suggests the nearest id or
    close spellings."""
    key = wanted.strip()
    if not key:
        raise UsageError(i18n.text(Msg.err_give_id))
    for activity in dataset.activities:
        if activity.id == key:
            return activity, ()
    folded_key = _fold(key)
    folded_ids = [_fold(a.id) for a in dataset.activities]
    for activity, folded_id in zip(dataset.activities, folded_ids, strict=True):
        if folded_id == folded_key:
            return activity, ()
    candidates = [
        a
        for a, folded_id in zip(dataset.activities, folded_ids, strict=True)
        if folded_id.startswith(folded_key)
    ]
    if len(candidates) == 1:
        return candidates[0], ()
    # What people know of it: its name, or words of it (kontanthjælp, "Welcome House").
    needle = folded_needle(check_search(key))
    texts = search_index(dataset.activities)
    same = same_name(texts, needle)
    if len(same) == 1:
        return same[0], ()
    if candidates:
        listing = ", ".join(a.id for a in candidates)
        raise UsageError(i18n.text(Msg.err_id_ambiguous, text=repr(wanted), listing=listing))
    found = search(dataset.activities, needle, close=False, texts=texts).activities
    if len(found) == 1:
        return found[0], ()
    # Several: the one whose name (or id) holds every word, if only one does.
    of = {id(t.activity): t for t in texts}
    titled = [a for a in found if in_title(of[id(a)], needle)]
    if len(titled) == 1:
        return titled[0], tuple(a for a in found if a is not titled[0])
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


def _candidates(found: Sequence[SourceActivity]) -> str:
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


def in_source_order(dataset: Dataset, activities: Iterable[SourceActivity]) -> list[SourceActivity]:
    """Totals and groups keep the source's order whatever a search ranked first."""
    wanted = {id(a) for a in activities}
    return [a for a in dataset.activities if id(a) in wanted]


# --- funding decisions -------------------------------------------------------------------


def decisions_of(activity: SourceActivity) -> tuple[str, ...]:
    """The decisions an activity is funded by (:func:`budgetcli.funding.decisions`): the
    groups of ``--by funding`` and what ``--funding`` keeps (:func:`funded_by`)."""
    from budgetcli.funding import decisions

    return decisions(activity.funding)


def funded_by(dataset: Dataset, typed: str) -> Callable[[SourceActivity], bool]:
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


def overlapping(activities: Iterable[SourceActivity], by: Grouping) -> tuple[SourceActivity, ...]:
    """The activities counted in more than one group (only by funding): the groups' sums
    then add up to more than the total, which counts each activity once."""
    if by is not Grouping.funding:
        return ()
    return tuple(a for a in activities if len(decisions_of(a)) > 1)


# --- expiry ------------------------------------------------------------------------------


def expiring(
    dataset: Dataset, activities: Iterable[SourceActivity], year: int | None
) -> list[SourceActivity]:
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


def unquantified(activities: Iterable[SourceActivity]) -> list[SourceActivity]:
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


def activity_sort_value(dataset: Dataset, activity: SourceActivity, key: str) -> Sortable:
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


def check_nested_order(levels: Sequence[Grouping], order: Order) -> None:
    """A nested ``--by`` shows every group, in the source's order: no --sort, no --top."""
    if len(levels) > 1 and order != Order():
        raise UsageError(i18n.text(Msg.err_nested_order))

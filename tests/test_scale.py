"""Time that grows with the data, never faster (issue 32 item 12): groupings and searches."""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable
from decimal import Decimal
from functools import partial

import pytest

from budgetcli import filtering, queries
from budgetcli.errors import UsageError
from budgetcli.formats import Options
from budgetcli.formats import json as json_format
from budgetcli.model import Cell, Dataset, Department, SourceActivity, TextCell
from budgetcli.reports.view import report_of
from budgetcli.results import build
from budgetcli.search import search
from budgetcli.terms import Basis, Grouping
from tests.conftest import run

CODES = ("BIF", "BUF", "KFF", "SOF")


def synthetic(count: int, *, sections: int = 3) -> Dataset:
    """``count`` activities over four departments, each with ``sections`` sections of the
    same names (S0, S1, ...): amounts, a word cell now and then, two funding decisions."""
    rng = random.Random(count)
    names = tuple(f"S{n}" for n in range(sections))
    departments = tuple(
        Department(code, n, f"Forvaltning {code}", f"Department {code}", code, names)
        for n, code in enumerate(CODES, 1)
    )
    activities = []
    for i in range(count):
        budget: dict[int, Cell] = {
            year: Decimal(rng.randrange(0, 50_000)).scaleb(-3) for year in range(2018, 2023)
        }
        if i % 31 == 0:
            budget[2020] = TextCell("Driftsbudget")
        activities.append(
            SourceActivity(
                f"activity-{i}",
                CODES[i % len(CODES)],
                f"Indsats nummer {i} for borgere i København",
                budget,
                section=names[i % sections],
                description="Et forløb med fokus på job, uddannelse og fællesskab.",
                funding=f"Budget {2016 + i % 4} og Budget 2019",
            )
        )
    return Dataset(2018, 2022, "mio. kr.", "Synthetic", "", departments, (), tuple(activities))


def _best_of(rounds: int, work: Callable[[], object]) -> float:
    """The shortest of a few runs: the least disturbed by a busy machine. The collector is
    paused, as the command line pauses it while it builds and writes an answer."""
    best = float("inf")
    for _ in range(rounds):
        gc.collect()
        gc.disable()
        try:
            started = time.perf_counter()
            work()
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
    return best


GROUPINGS: list[tuple[Grouping, ...]] = [
    (Grouping.activity,),
    (Grouping.department, Grouping.activity),
    (Grouping.section,),
    (Grouping.funding, Grouping.section, Grouping.activity),
]


@pytest.mark.slow
@pytest.mark.parametrize("levels", GROUPINGS, ids=",".join)
def test_totals_and_comparisons_grow_linearly(levels: tuple[Grouping, ...]) -> None:
    # 6,000 activities took 5.4 s and 8,000 17 s by activity: each row combined every
    # activity again for its share. Four times the activities may take at most about four
    # times as long (8: room for a busy machine; quadratic growth is 16).
    small, large = synthetic(1_000, sections=250), synthetic(4_000, sections=1_000)

    def answer(dataset: Dataset) -> Callable[[], object]:
        def both() -> None:
            selected = list(dataset.activities)
            by = levels[0]
            total = build.total_result(dataset, selected, None, by, Basis.budget, levels=levels)
            json_format.write(total, Options())  # the JSON answer
            report_of(total, dataset)  # the people's view of it
            build.compare_result(dataset, selected, 2019, 2020, by, levels=levels)

        return both

    answer(small)()  # warm: imports, caches
    ratio = _best_of(3, answer(large)) / _best_of(3, answer(small))
    assert ratio < 8, f"4x the activities took {ratio:.1f}x as long"


def test_the_sums_of_a_synthetic_grouping_are_its_activities() -> None:
    # What the linear path computes is still each group's own sum.
    dataset = synthetic(40)
    result = build.total_result(
        dataset, list(dataset.activities), 2019, Grouping.activity, Basis.budget
    )
    assert [row.key for row in result.rows] == [a.id for a in dataset.activities]
    for row, activity in zip(result.rows, dataset.activities, strict=True):
        assert row.years[0].amount == activity.budget[2019]
    amounts = [a.budget[2019] for a in dataset.activities]
    assert result.total.years[0].amount == sum(
        (cell for cell in amounts if isinstance(cell, Decimal)), Decimal(0)
    )


# --- searches -------------------------------------------------------------------------------


def test_a_search_of_more_than_100_words_is_refused_with_one_line() -> None:
    # A 5,000-word search over 70,000 activities took 169 s: a search is bounded in words.
    too_many = " ".join(["job"] * 101)
    for args in (("list", "-s", too_many), ("total", "--search", too_many), ("show", too_many)):
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.stderr.strip().splitlines() == [
            "budgetcli: a search of 101 words; search with at most 100"
        ]
        assert result.stdout == ""
    # The longest text of the source, a description, is 68 words: a pasted one is searched.
    assert run("list", "-s", " ".join(["job"] * queries.MAX_SEARCH_WORDS)).exit_code == 0
    with pytest.raises(UsageError, match="a search of 101 words"):
        filtering.resolve_filters(synthetic(4), {"search": too_many})


@pytest.mark.slow
def test_a_search_of_100_words_is_linear_in_the_activities() -> None:
    # 100 different words, none found as typed (the close-spelling tier reads every word
    # of the text for each): 4x the activities may take about 4x as long, no more.
    rng = random.Random(7)
    words = " ".join("".join(rng.choice("abcdefghijklmnop") for _ in range(7)) for _ in range(100))
    found = [" ".join(["forløb", "job", "fællesskab"] * 33)]  # 99 words, all found
    small, large = synthetic(5_000), synthetic(20_000)
    for typed in (words, *found):
        needle = queries.folded_needle(typed)
        assert len(search(small.activities, needle).activities) == (0 if typed == words else 5_000)
        timed = [_best_of(2, partial(search, data.activities, needle)) for data in (large, small)]
        ratio = timed[0] / timed[1]
        assert ratio < 8, f"4x the activities took {ratio:.1f}x as long"


def test_folding_strips_exactly_the_combining_marks() -> None:
    # fold() strips Latin accents with one regular expression (a search folds every text of
    # every activity), the rest by the per-character rule: together, exactly that rule.
    import unicodedata

    from budgetcli.folding import fold

    def by_rule(text: str) -> str:
        folded = text.casefold().replace("æ", "ae").replace("ø", "o")
        decomposed = unicodedata.normalize("NFKD", folded)
        return "".join(c for c in decomposed if not unicodedata.combining(c))

    for code in range(0x80, 0x2000):
        text = f"xå{chr(code)}é"
        assert fold(text) == by_rule(text), hex(code)

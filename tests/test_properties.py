"""Invariants that must hold for any selection, checked with hypothesis."""

from __future__ import annotations

import json
import string
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from budgetcli import filtering, queries, terms
from budgetcli.model import Dataset, TextCell
from budgetcli.results import Filters, Status, Sum, build
from budgetcli.results.sums import year_sum
from tests.conftest import COMMANDS, run

CODES = ["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"]
YEARS = [2018, 2019, 2020, 2021, 2022]
SEARCHES = ["", "flygtning", "unge", "job", "København", "kobenhavn", "driftsbudget", "zz"]
FUNDINGS = [None, "Budget 2018", "Integrationshandleplan", "Varig", "Driftsbudget"]

filters = st.builds(
    Filters,
    department=st.lists(st.sampled_from(CODES), max_size=3, unique=True).map(tuple),
    search=st.sampled_from(SEARCHES).map(lambda s: s or None),
    funding=st.sampled_from(FUNDINGS),
)


@given(filters, st.sampled_from(YEARS))
def test_a_total_is_the_sum_of_the_rows_it_covers(
    dataset: Dataset, chosen: Filters, year: int
) -> None:
    rows = filtering.select(dataset, chosen)
    result = year_sum(rows, year)
    numbers = [c for a in rows if isinstance(c := a.cell(year), Decimal)]
    texts = {a.id for a in rows if isinstance(a.cell(year), TextCell)}
    # A sum over nothing is 0; words alone are not quantified (None), never 0.
    assert result.amount == (None if texts and not numbers else sum(numbers, Decimal(0)))
    assert set(result.not_quantified) == texts
    counted = {a.id for a in rows if isinstance(a.cell(year), Decimal)}
    assert set(result.adjustable) <= counted


@given(filters, st.sampled_from(YEARS))
def test_cli_total_equals_the_sum_of_cli_list(chosen: Filters, year: int) -> None:
    args: list[str] = []
    for code in chosen.department:
        args += ["-d", code]
    if chosen.search:
        args += ["-s", chosen.search]
    if chosen.funding:
        args += ["--funding", chosen.funding]
    listed = json.loads(run("list", *args, "-f", "json").stdout, parse_float=Decimal)
    total = json.loads(
        run("total", "--year", str(year), *args, "-f", "json").stdout, parse_float=Decimal
    )
    cells = [(a["id"], next(c for c in a["budget"] if c["year"] == year)) for a in listed["rows"]]
    amounts = [c["amount"] for _, c in cells if c["amount"] is not None]
    words = [key for key, c in cells if c["kind"] == "words"]
    summed = total["total"]["years"][0]
    # A sum over nothing is 0; words alone are not quantified (None), never 0.
    assert summed["amount"] == (None if words and not amounts else sum(amounts, Decimal(0)))
    assert summed["not_quantified"] == words


@given(
    filters,
    st.sampled_from(YEARS),
    st.sampled_from(YEARS),
    st.sampled_from([terms.Grouping.department, terms.Grouping.section, terms.Grouping.activity]),
)
def test_compare_change_is_the_difference_of_the_totals(
    dataset: Dataset, chosen: Filters, a: int, b: int, by: terms.Grouping
) -> None:
    rows = filtering.select(dataset, chosen)
    if a == b:
        return  # compare refuses the same year twice
    result = build.compare_result(dataset, rows, a, b, by)
    before, after = year_sum(rows, a), year_sum(rows, b)
    if before.amount is None and after.amount is None:
        assert result.total.change is None  # words on both sides are not a change of 0
        return
    assert result.total.change == _numbers(after) - _numbers(before)
    changes = [r.change for r in result.rows if r.change is not None]
    # A row with a year of words only is not compared (issue 30); the total counts its
    # numbers all the same.
    words_only = [r for r in result.rows if r.status is Status.not_quantified]
    uncompared = [_numbers(r.years[1]) - _numbers(r.years[0]) for r in words_only]
    assert sum(changes + uncompared, Decimal(0)) == _numbers(after) - _numbers(before)
    for row in result.rows:
        first, second = row.years
        # The change and its percentage come together, or the first year's numbers are 0.
        assert (row.change_pct is None) == (row.change is None or _numbers(first) == 0)
        if row.change is None:
            assert row in words_only or (first.amount is None and second.amount is None)
        if row in words_only:
            assert row.change is None
            assert first.amount is None or second.amount is None


def _numbers(s: Sum) -> Decimal:
    """A sum's numbers: 0 where it is words only."""
    return Decimal(0) if s.amount is None else s.amount


@given(filters, st.one_of(st.none(), st.sampled_from(YEARS[:-1])))
def test_expiring_rows_have_no_positive_amount_after_their_last_year(
    dataset: Dataset, chosen: Filters, year: int | None
) -> None:
    for activity in queries.expiring(dataset, filtering.select(dataset, chosen), year):
        last = activity.last_funded_year
        assert last is not None and last < dataset.last_year
        assert year is None or last == year
        for later in range(last + 1, dataset.last_year + 1):
            cell = activity.cell(later)
            assert not (isinstance(cell, Decimal) and cell > 0)


yaml_fragments = st.lists(
    st.sampled_from(
        [
            "activities:",
            "  - id: a",
            "    department: BIF",
            "    name: x",
            "    budget:",
            "      2018: 1.5",
            "      2019: {text: Drift}",
            "      2031: 1",
            "      2020: .nan",
            "period: {first: 2018, last: 2022}",
            "unit: mio. kr.",
            "departments:",
            "  - {code: BIF, appendix: 1, name: B}",
            "notes: 5",
            "- 1",
            "{",
            "]",
            "&a [1]",
            "*a",
            "!!python/object:os.system",
            "key: value",
            "\t",
            "'",
            "? [1, 2]\n: 3",
            "    budget: &b {2018: 1}",
            "    actual: *b",
            "  - *b",
        ]
    ),
    max_size=14,
).map("\n".join)


@given(st.one_of(yaml_fragments, st.text(max_size=200)))
def test_random_documents_never_crash(text: str) -> None:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "d.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = run("total", "--data", str(path), "-f", "json")
        assert result.exit_code in (0, 1)
        if result.exit_code == 1:
            assert result.stdout == "" and str(path) in result.stderr
        else:
            assert "budgetcli:" not in result.stderr


arguments = st.lists(
    st.sampled_from(
        [
            *COMMANDS[:6],  # list, show, total, compare, expiring, notes
            "validate",
            "--year",
            "-y",
            "2020",
            "2031",
            "abc",
            "-d",
            "BUF",
            "OKF",
            "nope",
            "--by",
            "department",
            "funding",
            "--format",
            "json",
            "csv",
            "tsv",
            "markdown",
            "xml",
            "--section",
            "unge",
            "-s",
            "--no-header",
            "--basis",
            "actual",
            "welcome",
            "--funding",
            "--help",
            "--version",
            "--no-cache",
            "--data",
            "/nonexistent",
        ]
    )
    | st.text(alphabet=string.printable, max_size=8),
    max_size=6,
)


@given(arguments)
def test_random_arguments_never_crash(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code in (0, 1, 2)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    if result.exit_code == 0:
        # Success may say "no activities match" (an empty result), never an error.
        assert "Error" not in result.stderr and "problem" not in result.stderr
    else:  # an error says why; bare `budgetcli` shows its help
        assert result.stderr.strip() or "Usage" in result.stdout

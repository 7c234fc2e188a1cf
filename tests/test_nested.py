"""The analyst's next questions (issue 21): nested breakdowns, shares, what ends when, and
--top meaning the largest. Expected figures are summed by hand from the source text."""

from __future__ import annotations

import csv as csv_module
import json
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcli import terms
from budgetcli.errors import UsageError
from budgetcli.model import Dataset
from budgetcli.results import Group, Sum, build
from budgetcli.results.sums import endings, share, year_sum
from budgetcli.terms import Basis, Grouping
from tests.conftest import run, run_json

D = Decimal


# --- nested breakdowns -----------------------------------------------------------------


def test_bif_2019_by_department_then_section(dataset: Dataset) -> None:
    nodes = _nested(dataset, 2019, [Grouping.department, Grouping.section])
    bif = next(n for n in nodes if n.key == "BIF")
    sections = {c.key: c.years[0].amount for c in bif.groups}
    # Source lines 27-245, the 2019 column: Job og uddannelse 3,3 + 2,5 + 0,6 + 0,8 + 0,8 +
    # 1,6 + 0,38 + 1,8 + 4,3 + 1,5 (Copenhagen Host) = 17,58; Flygtningeområdet Welcome
    # House 2,5 + Fastholdelse 0,6 + Tilflyttede 1,6 = 4,7; Diskrimination og social kontrol
    # 1 + 2,7 + 0,6 + 0,3 = 4,6; Forebyggelse af ekstremisme 5 + 0,4 = 5,4.
    assert sections == {
        "Job og uddannelse": D("17.58"),
        "Diskrimination og social kontrol": D("4.6"),
        "Flygtningeområdet": D("4.7"),
        "Forebyggelse af ekstremisme": D("5.4"),
    }
    assert bif.years[0].amount == D("32.28")


def _nested(dataset: Dataset, year: int, levels: list[Grouping]) -> tuple[Group, ...]:
    by = levels[0] if levels else None
    result = build.total_result(dataset, dataset.activities, year, by, Basis.budget, levels=levels)
    return result.rows


@given(
    st.lists(
        st.sampled_from([Grouping.department, Grouping.section, Grouping.activity]),
        min_size=1,
        max_size=3,
        unique=True,
    ).filter(lambda levels: Grouping.activity not in levels[:-1]),
    st.sampled_from([2018, 2019, 2020, 2021, 2022]),
)
def test_every_level_adds_up_exactly(dataset: Dataset, levels: list[Grouping], year: int) -> None:
    def numbers(s: Sum) -> Decimal:
        return D(0) if s.amount is None else s.amount

    def check(nodes: tuple[Group, ...], whole: Sum) -> None:
        assert sum((numbers(n.years[0]) for n in nodes), D(0)) == numbers(whole)
        for node in nodes:
            if node.groups:
                check(node.groups, node.years[0])

    check(_nested(dataset, year, levels), year_sum(dataset.activities, year))


def test_leaves_are_the_paths_to_the_last_level(dataset: Dataset) -> None:
    nodes = _nested(dataset, 2019, [Grouping.department, Grouping.section])
    paths = [(n, c) for n in nodes for c in n.groups]
    # BIF's and SOF's sections, and one leaf each for the five departments without any.
    assert len(paths) == 4 + 2 + 5
    assert all(not c.groups for _, c in paths)


@pytest.mark.parametrize(
    "levels",
    [
        [],
        [Grouping.department, Grouping.department],
        [Grouping.activity, Grouping.department],
        [Grouping.department, Grouping.section, Grouping.funding, Grouping.activity],
    ],
)
def test_bad_levels_are_usage_errors(levels: list[Grouping]) -> None:
    with pytest.raises(UsageError):
        terms.check_levels(levels)


# --- shares ----------------------------------------------------------------------------


def test_shares(dataset: Dataset) -> None:
    whole = year_sum(dataset.activities, 2019).amount
    bif = year_sum([a for a in dataset.activities if a.department == "BIF"], 2019).amount
    # 32,28 of 129,623 (the 2019 total, tests/test_cli.py) = 24.90...%
    assert share(bif, whole) == D("24.9")
    words = year_sum([a for a in dataset.activities if a.id == "center-for-diabetes"], 2019)
    assert words.amount is None and share(words.amount, whole) is None  # words are no share
    nothing = year_sum([], 2019).amount
    assert share(bif, nothing) is None  # no share of 0
    assert share(nothing, whole) == D("0.0")


# --- what ends when --------------------------------------------------------------------


def test_expiry_summary_counts_per_last_funded_year(dataset: Dataset) -> None:
    summary = endings(dataset, dataset.activities)
    assert [(e.last_funded_year, e.activities) for e in summary] == [
        (2018, 13),
        (2019, 16),
        (2020, 5),
        (2021, 6),
    ]
    # Last funded in 2018 (by hand): BIF 2,7 + 1,9 + 4,5 + 0,9 + 0,6 + 0,5; SOF 0,115 +
    # 0,115 + 0,155; TMF 0,012 + 0,015 + 0,015; ØKF 0,012 = 11,539.
    assert summary[0].amount == D("11.539")


def test_expiry_summary_by_department(dataset: Dataset) -> None:
    rows = endings(dataset, dataset.activities, by_department=True)
    in_2018 = {e.department: (e.activities, e.amount) for e in rows if e.last_funded_year == 2018}
    assert in_2018 == {
        "BIF": (6, D("11.1")),
        "SOF": (3, D("0.385")),
        "TMF": (3, D("0.042")),
        "ØKF": (1, D("0.012")),
    }
    assert sum(e.activities for e in rows) == 13 + 16 + 5 + 6


# --- --top means the largest ------------------------------------------------------------


def test_top_without_sort_is_the_largest() -> None:
    data = run_json("total", "--year", "2020", "--by", "activity", "--top", "3")
    # 2020 column by hand: Ny i København 46,4; Sprog- og integrationsindsatsen 8,9;
    # Kompetenceudvikling 5,6 (next: Opsøgende forældresamarbejde 4).
    assert [g["key"] for g in data["rows"]] == [
        "ny-i-koebenhavn",
        "sprog-integration-dagtilbud",
        "kompetenceudvikling-dsa",
    ]
    assert data["total"]["years"][0]["amount"] == D("111.037")  # still every row counted


def test_top_without_a_year_is_by_the_period_total() -> None:
    data = run_json("total", "--by", "department", "--top", "1")
    assert [g["key"] for g in data["rows"]] == ["BUF"]
    listed = run_json("list", "--top", "2")["rows"]
    assert [a["id"] for a in listed] == ["ny-i-koebenhavn", "sprog-integration-dagtilbud"]


def test_an_explicit_sort_still_wins() -> None:
    data = run_json("total", "--year", "2020", "--by", "activity", "--sort", "id", "--top", "1")
    assert [g["key"] for g in data["rows"]] == ["aktivitetscenter-peder-lykke"]


# --- the same, asked on the command line --------------------------------------------------


def test_expiring_summary_in_every_format() -> None:
    data = run_json("expiring", "--summary")
    assert [(r["last_funded_year"], r["activities"]) for r in data["summary"]] == [
        (2018, 13),
        (2019, 16),
        (2020, 5),
        (2021, 6),
    ]
    assert data["summary"][0]["amount"] == D("11.539")
    # Always in the document: --summary only picks what people see.
    assert run_json("expiring")["summary"] == data["summary"]
    by_department = run_json("expiring", "--summary", "--by", "department")["summary"]
    bif_2018 = next(
        e for e in by_department if (e["last_funded_year"], e["department"]) == (2018, "BIF")
    )
    assert (bif_2018["activities"], bif_2018["amount"]) == (6, D("11.1"))
    assert run_json("list")["summary"] == []
    table = run("expiring", "--summary").stdout
    assert "amount ending" in table and "11.539" in table
    assert "ophørende beløb" in run("expiring", "--summary", "--lang", "da").stdout


def test_expiring_summary_options_go_together() -> None:
    assert run("expiring", "--by", "department").exit_code == 2
    assert run("expiring", "--summary", "--year", "2019").exit_code == 2


def test_expiring_summary_as_csv_and_ndjson_rows() -> None:
    listed = run("expiring", "--summary", "-f", "csv", "-q").stdout.splitlines()
    assert listed[0] == "last_funded_year,department,department_name,activities,amount,ids,unit"
    # 13 activities last funded in 2018, 11.539 mio. kr. among them (summed by hand).
    assert listed[1].startswith("2018,,,13,11.539,")
    lines = run("expiring", "--summary", "-f", "ndjson", "-q").stdout.splitlines()
    assert [json.loads(line)["activities"] for line in lines] == [13, 16, 5, 6]


def test_total_percent() -> None:
    data = run_json("total", "--year", "2019", "--by", "department", "--percent")
    shares = {g["key"]: g["years"][0]["share"] for g in data["rows"]}
    assert shares["BIF"] == D("24.9")  # 32,28 of 129,623
    assert shares["TMF"] == D("0.1")  # 0,120 of 129,623
    assert data["total"]["years"][0]["share"] == D("100.0")
    # The share is part of the result whatever --percent says: one shape.
    plain = run_json("total", "--year", "2019", "--by", "department")
    assert plain == data
    assert "24.9%" in run("total", "-y", "2019", "--by", "department", "--percent").stdout


def test_compare_percent() -> None:
    data = run_json("compare", "2019", "2020", "--percent")
    bif = next(r for r in data["rows"] if r["key"] == "BIF")
    # 32,28 of 129,623 in 2019; 19,2 of 111,037 in 2020 (BIF's 2020 column by hand:
    # 3,3 + 2,9 + 0,6 + 0,8 + 0,8 + 1,6 + 1,8 + 1 + 0,6 + 0,3 + 2,5 + 0,6 + 2,4 = 19,2).
    assert [y["share"] for y in bif["years"]] == [D("24.9"), D("17.3")]
    table = run("compare", "2019", "2020", "--percent").stdout
    assert "24.9%" in table and "17.3%" in table


def test_total_by_department_then_section_on_the_command_line() -> None:
    data = run_json("total", "--year", "2019", "--by", "department,section")
    assert (data["by"], data["levels"]) == ("department", ["department", "section"])
    bif = next(g for g in data["rows"] if g["key"] == "BIF")
    assert bif["years"][0]["amount"] == D("32.28")
    sections = {g["key"]: g["years"][0]["amount"] for g in bif["groups"]}
    assert sections["Job og uddannelse"] == D("17.58")
    assert sections["Flygtningeområdet"] == D("4.7")
    assert all(g["groups"] == [] for g in bif["groups"])  # the last level: leaves
    assert data["total"]["years"][0]["amount"] == D("129.623")
    # Without nesting, the same shape: levels of one, no sub-groups.
    flat = run_json("total", "--year", "2019", "--by", "department")
    assert flat["levels"] == ["department"] and all(g["groups"] == [] for g in flat["rows"])
    # csv: one row per leaf, a column per level, and the total row.
    lines = run("total", "-y", "2019", "--by", "department,section", "-f", "csv").stdout
    rows = list(csv_module.DictReader(lines.splitlines()))
    assert list(rows[0])[:2] == ["level_department", "level_section"]
    job = next(r for r in rows if r["level_section"] == "Job og uddannelse")
    assert (job["level_department"], job["2019"]) == ("BIF", "17.58")
    assert [r["row"] for r in rows].count("total") == 1 and rows[-1]["2019"] == "129.623"
    # Leaves add up to the total (every activity has one department and one section).
    leaves = [D(r["2019"]) for r in rows if r["row"] == "group"]
    assert sum(leaves) == D("129.623")
    # On screen: an indented tree, sections under their department.
    table = run("total", "-y", "2019", "--by", "department,section").stdout
    assert "\n  Job og uddannelse " in table and "17.58" in table


def test_compare_nested_and_bad_nestings() -> None:
    data = run_json("compare", "2019", "2020", "--by", "department,section")
    bif = next(g for g in data["rows"] if g["key"] == "BIF")
    job = next(g for g in bif["groups"] if g["key"] == "Job og uddannelse")
    # Job og uddannelse 2020 by hand: 3,3 + 2,9 + 0,6 + 0,8 + 0,8 + 1,6 + 1,8 = 11,8
    years = [y["amount"] for y in job["years"]]
    assert (*years, job["change"]) == (D("17.58"), D("11.8"), D("-5.78"))
    for bad in ("department,department", "activity,department", "department,year"):
        assert run("total", "--by", bad).exit_code == 2, bad
    assert run("total", "--by", "department,section", "--top", "3").exit_code == 2


def test_the_api_nests_as_the_cli_does() -> None:
    from budgetcli import api

    result = api.total(year=2019, by="department,section", department="BIF")
    assert result.levels == (Grouping.department, Grouping.section)
    (bif,) = result.rows
    sections = {g.key: g.years[0].amount for g in bif.groups}
    assert sections["Job og uddannelse"] == D("17.58")  # as summed above, lines 27-245
    with pytest.raises(UsageError):
        api.total(by="department,section", top=3)
    with pytest.raises(UsageError):
        api.total(by="activity,department")

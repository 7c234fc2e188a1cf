"""Sections two departments share, told apart in every format and by ``--section`` (issue 32
item 22); one notion of a funding decision for ``--funding`` and ``--by funding`` (issue 29
item 5).

Figures of the bundled data are the source's (../shared/source/000_fec51d6fff7b33c6.txt).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from budgetcli import filtering
from budgetcli.errors import UsageError
from budgetcli.model import Dataset
from budgetcli.results import Filters
from budgetcli.results.sums import grouped, grouper
from budgetcli.terms import Grouping
from tests.conftest import run

# Department A has a section "B/C"; department "A/B" a section "C": ``A/B/C`` reads both
# ways. BIF has "B/C" too, so A's is named with its department; BIF and KFF share "Diverse".
SHARED = """\
period: {first: 2018, last: 2022}
unit: mio. kr.
departments:
  - {code: BIF, appendix: 1, name: Beskæftigelsesforvaltningen, sections: [Diverse, B/C]}
  - {code: KFF, appendix: 3, name: Kultur- og Fritidsforvaltningen, sections: [Diverse]}
  - {code: A, appendix: 4, name: Forvaltning A, sections: [B/C]}
  - {code: A/B, appendix: 5, name: Forvaltning AB, sections: [C]}
notes: []
activities:
  - {id: bif-diverse, department: BIF, section: Diverse, name: BIF diverse, budget: {2018: 2}}
  - {id: bif-bc, department: BIF, section: B/C, name: BIF BC, budget: {2018: 1}}
  - {id: kff-diverse, department: KFF, section: Diverse, name: KFF diverse, budget: {2018: 10}}
  - {id: a-bc, department: A, section: B/C, name: A BC, budget: {2018: 3}}
  - {id: ab-c, department: A/B, section: C, name: AB C, budget: {2018: 5}}
"""


@pytest.fixture
def shared(tmp_path: Path) -> str:
    path = tmp_path / "shared.yaml"
    path.write_text(SHARED, encoding="utf-8")
    assert run("validate", str(path)).exit_code == 0
    return str(path)


def _ok(*args: str) -> str:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("command", [("total", "-y", "2018"), ("compare", "2018", "2019")])
def test_shared_section_names_say_their_department_in_every_format(
    shared: str, command: tuple[str, ...]
) -> None:
    args = (*command, "--by", "section", "--data", shared)
    # People's formats: the label names the department where the name is shared.
    for fmt in ("table", "markdown"):
        out = _ok(*args, "-f", fmt)
        for label in ("BIF / Diverse", "KFF / Diverse", "BIF / B/C", "A / B/C"):
            assert out.count(label) == 1, (fmt, label, out)
    # "C" is A/B's alone: its plain name.
    assert "A/B / C" not in _ok(*args)
    # Machine formats: a key of its own, and the department beside the name.
    rows = json.loads(_ok(*args, "-f", "json"))["rows"]
    keys = {r["key"]: (r["name"], r["department"]) for r in rows}
    assert keys == {
        "BIF/Diverse": ("Diverse", "BIF"),
        "BIF:B/C": ("B/C", "BIF"),
        "KFF/Diverse": ("Diverse", "KFF"),
        "A:B/C": ("B/C", "A"),
        "C": ("C", "A/B"),
    }
    for fmt in ("csv", "tsv"):
        delimiter = "," if fmt == "csv" else "\t"
        table = list(csv.DictReader(io.StringIO(_ok(*args, "-f", fmt)), delimiter=delimiter))
        got = {(r["key"], r["department"]) for r in table if r["row"] == "group"}
        assert got == {(k, d) for k, (_, d) in keys.items()}, fmt


def test_files_for_people_tell_shared_sections_apart(shared: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    args = ("total", "-y", "2018", "--by", "section", "--data", shared, "-o")
    _ok(*args, str(tmp_path / "t.html"))
    page = (tmp_path / "t.html").read_text(encoding="utf-8")
    assert "BIF / Diverse" in page and "KFF / Diverse" in page and "A / B/C" in page
    _ok(*args, str(tmp_path / "t.xlsx"))
    cells = {
        cell
        for row in load_workbook(tmp_path / "t.xlsx")["report"].iter_rows(values_only=True)
        for cell in row
    }
    assert {"BIF / Diverse", "KFF / Diverse", "A / B/C", "C"} <= cells


def test_a_chart_and_a_nested_breakdown_tell_shared_sections_apart(shared: str) -> None:
    chart = _ok("chart", "--by", "section", "--data", shared)
    assert "BIF / Diverse" in chart and "KFF / Diverse" in chart
    # Under its department's row a section needs no department of its own.
    nested = _ok("total", "-y", "2018", "--by", "department,section", "--data", shared)
    assert "  Diverse" in nested and "/ Diverse" not in nested
    flipped = _ok("total", "-y", "2018", "--by", "section,department", "--data", shared)
    assert "BIF / Diverse" in flipped


def test_a_section_that_reads_two_ways_is_refused_naming_both(shared: str) -> None:
    refused = run("list", "--section", "A/B/C", "--data", shared)
    assert refused.exit_code == 2 and refused.stdout == ""
    (line,) = refused.stderr.strip().splitlines()
    assert "'A/B/C' is ambiguous" in line and "A:B/C" in line and "A/B:C" in line
    # Each form the error lists has one reading: department A's "B/C", A/B's "C".
    for typed, wanted in (("A:B/C", "a-bc"), ("A/B:C", "ab-c"), ("BIF/B/C", "bif-bc")):
        out = _ok("list", "--section", typed, "--data", shared, "-f", "json")
        assert [r["id"] for r in json.loads(out)["rows"]] == [wanted], typed
    # A name two departments share, alone, is refused as before; with its department, not.
    assert run("list", "--section", "Diverse", "--data", shared).exit_code == 2
    assert "bif-diverse" in _ok("list", "--section", "BIF/Diverse", "--data", shared)


def test_the_understood_section_is_said_back_in_its_one_reading(shared: str) -> None:
    out = _ok("list", "--section", "A:B/C", "--data", shared, "-f", "json")
    assert json.loads(out)["filters"]["section"] == ["A:B/C"]


# --- one notion of a funding decision ---------------------------------------------------------


def test_every_decision_of_the_grouping_filters_to_exactly_its_activities(
    dataset: Dataset,
) -> None:
    groups = grouped(dataset.activities, grouper(dataset, Grouping.funding))
    decisions = [head for head in groups if head[0] is not None]
    assert len(decisions) >= 10
    for key, name, department in decisions:
        assert key is not None and name == key and department is None
        kept = filtering.select(dataset, Filters(funding=key))
        assert [a.id for a in kept] == [a.id for a in groups[key, name, department]], key


def test_integrationshandleplan_2019_22_is_eight_activities_both_ways() -> None:
    # By hand from the source: "Integrationshandleplan 2019-22" alone (lines 30, 54, 81, 105,
    # 121), "2017-2018 og 2019-22" (135, 155) and "2017-18 / 2019-22" (281-283): eight.
    # A text match missed the two "2017-2018 og 2019-22" (and kept six).
    wanted = {
        "haandholdt-virksomhedsindsats",
        "virksomhedsindsats-kvinder-helbred",
        "barselsgruppe-job-uddannelse",
        "ubevidst-diskrimination",
        "flere-laere-og-elevpladser",
        "fritidsjob-til-unge",
        "samarbejde-med-frak",
        "forebyggelse-social-kontrol",
    }
    listed = json.loads(_ok("list", "--funding", "Integrationshandleplan 2019-22", "-f", "json"))[
        "rows"
    ]
    assert {r["id"] for r in listed} == wanted
    grouped = json.loads(_ok("total", "--by", "funding", "-f", "json"))
    (row,) = [r for r in grouped["rows"] if r["key"] == "Integrationshandleplan 2019-22"]
    total = json.loads(_ok("total", "--funding", "Integrationshandleplan 2019-22", "-f", "json"))[
        "total"
    ]
    assert row["total"]["amount"] == total["total"]["amount"]
    # As a funding text is read: "2019-2022" is the same plan, case and accents forgiven.
    for typed in ("integrationshandleplan 2019-2022", "INTEGRATIONSHANDLEPLAN 2019-22"):
        again = json.loads(_ok("list", "--funding", typed, "-f", "json"))["rows"]
        assert {r["id"] for r in again} == wanted, typed


def test_funding_text_that_names_no_decision_is_found_as_text(dataset: Dataset) -> None:
    # "handleplan" is no decision: every funding text holding it, 2017-18 plans included.
    kept = filtering.select(dataset, Filters(funding="handleplan"))
    assert {a.id for a in kept} == {
        a.id for a in dataset.activities if a.funding and "handleplan" in a.funding.lower()
    }
    assert "samarbejde-med-frak" in {a.id for a in kept}
    # "Budget 18" is the decision Budget 2018, as --by funding names it.
    budget_2018 = grouped(dataset.activities, grouper(dataset, Grouping.funding))[
        ("Budget 2018", "Budget 2018", None)
    ]
    assert filtering.select(dataset, Filters(funding="Budget 18")) == budget_2018


def test_a_search_refused_in_the_api_too(dataset: Dataset) -> None:
    with pytest.raises(UsageError):
        filtering.resolve_filters(dataset, {"search": "x " * 101})


# --- groups with no name of their own; labels that read one way ------------------------------


def test_a_group_without_a_name_sorts_by_its_words_not_last() -> None:
    from budgetcli import api

    by_name = api.total(by="section", sort="name", year=2020).rows
    # "Børne- og Ungdomsforvaltningen (no sections)" comes before BIF's "Diskrimination og
    # social kontrol", and KFF's ("Kultur- og Fritidsforvaltningen (no sections)") between
    # "Job og uddannelse" and SOF's sections; before, such rows sorted as "no value", last.
    assert (by_name[0].key, by_name[0].department) == (None, "BUF")
    assert by_name[1].name == "Diskrimination og social kontrol"
    names = [r.name or f"({r.department})" for r in by_name]
    assert names.index("(KFF)") == names.index("Job og uddannelse") + 1
    by_key = api.total(by="section", sort="key", year=2020).rows
    assert (by_key[0].key, by_key[0].department) == (None, "BUF")  # the code, "BUF"
    # "(not stated)" sorts before every decision's name, as its parenthesis does.
    funding = api.total(by="funding", sort="name", year=2020).rows
    assert (funding[0].key, funding[0].name) == (None, None)
    assert funding[1].name == "Budget 2015"


COLLIDING = """\
period: {first: 2018, last: 2022}
unit: mio. kr.
departments:
  - {code: BIF, appendix: 1, name: Beskæftigelsesforvaltningen, sections: [Diverse]}
  - {code: KFF, appendix: 3, name: Kultur- og Fritidsforvaltningen, sections: [Diverse]}
  - {code: X, appendix: 4, name: Forvaltning X, sections: [BIF/Diverse]}
notes: []
activities:
  - {id: bif-diverse, department: BIF, section: Diverse, name: BIF diverse, budget: {2018: 2}}
  - {id: kff-diverse, department: KFF, section: Diverse, name: KFF diverse, budget: {2018: 10}}
  - {id: x-bif, department: X, section: BIF/Diverse, name: X thing, budget: {2018: 100}}
"""


def test_a_heading_that_reads_as_another_sections_label_keeps_each_apart(
    tmp_path: Path,
) -> None:
    # Department X's own heading "BIF/Diverse" is what BIF's shared "Diverse" is called:
    # each section gets a label of its own, and a filter keeps its section only.
    path = tmp_path / "colliding.yaml"
    path.write_text(COLLIDING, encoding="utf-8")
    data = str(path)
    assert (
        _ok("list", "--section", "X:BIF/Diverse", "--data", data, "-f", "csv", "--fields", "id")
        == "id\nx-bif\n"
    )
    assert (
        _ok("list", "--section", "BIF:Diverse", "--data", data, "-f", "csv", "--fields", "id")
        == "id\nbif-diverse\n"
    )
    rows = list(
        csv.DictReader(
            io.StringIO(
                _ok("total", "--by", "section", "--year", "2018", "--data", data, "-f", "csv")
            )
        )
    )
    assert [(r["key"], r["2018"]) for r in rows] == [
        ("BIF/Diverse", "2"),
        ("KFF/Diverse", "10"),
        ("X:BIF/Diverse", "100"),
        ("", "112"),
    ]

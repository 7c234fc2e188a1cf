"""Funding decisions as decisions (issue 21): every funding text of the bundled data, read
by hand, with the decisions it names; ``--by funding`` groups by decision."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcli.funding import decisions
from budgetcli.model import Dataset
from tests.conftest import run, run_json

# Every funding text the bundled data holds (as printed; source line of its first row),
# and the decisions a reader takes from it.
EXPECTED: dict[str | None, tuple[str, ...]] = {
    "Integrationshandleplan 2019-22": ("Integrationshandleplan 2019-22",),  # line 27
    # line 128: two plans; the first period written out in full, the second abridged
    "Integrationshandleplan 2017-2018 og 2019-22": (
        "Integrationshandleplan 2017-18",
        "Integrationshandleplan 2019-22",
    ),
    "Integrationshandleplan 2017-2018": ("Integrationshandleplan 2017-18",),  # line 262
    "Integrationshandleplan 2017-18 Integrationshandleplan 2019-22": (  # line 279
        "Integrationshandleplan 2017-18",
        "Integrationshandleplan 2019-22",
    ),
    "Budget 2018": ("Budget 2018",),
    "Budget 18": ("Budget 2018",),  # line 731: KFF writes the year with two digits
    "Budget 2017": ("Budget 2017",),
    "Budget 2016": ("Budget 2016",),
    "Budget 2019": ("Budget 2019",),
    "Budget 2015 og Budget 2019": ("Budget 2015", "Budget 2019"),  # Sabaah
    "Budget 2017 og Budget 2018": ("Budget 2017", "Budget 2018"),  # line 763
    "Budget 2015, 2016, 2017, 2019": (  # radicalisation: one budget word, four years
        "Budget 2015",
        "Budget 2016",
        "Budget 2017",
        "Budget 2019",
    ),
    # Welcome House: the star points to the footnote under BIF's table, not a name; the
    # budgeting model was adopted with Budget 2019, so that is the decision.
    "Budget 2018 og Budgetteringsmodel vedtaget med Budget 2019*": ("Budget 2018", "Budget 2019"),
    "Budget 2018 og Budgetteringsmodel vedtaget med Budget 2019": ("Budget 2018", "Budget 2019"),
    # line 531: a permanent grant given in budget 2018; "budgettet fra 2019" is no decision
    "Varig bevilling, givet i budget 2018. Grundet effektiviseringer nedskrives budgettet fra"
    " 2019. Beløbene er eksklusiv transport": ("Budget 2018",),
    "Varig bevilling": ("Varig bevilling",),  # no year: the permanent grant itself
    # "fra 2020 udlægges 7,8" is an amount in the text, not a decision
    "Budget 2018, fra 2020 udlægges 7,8 som del af pladsprisen": ("Budget 2018",),
    # line 664: granted in budget 2016; "budgetudløb i 2019" is when it runs out
    "Bevilliget i budget 2016 med budgetudløb i 2019": ("Budget 2016",),
    "Budget 15 og overførselssagen 2019": ("Budget 2015", "Overførselssagen 2019"),  # FerieCamp
    "Driftsbudget for forebyggende hjemmebesøg": ("Driftsbudget for forebyggende hjemmebesøg",),
    "Driftsbudget for Center for Diabetes": ("Driftsbudget for Center for Diabetes",),
    "Ordinær driftbudget for plejehjem": ("Ordinær driftbudget for plejehjem",),
    # TMF: money set aside in the urban renewal frame, allocated by a neighbourhood plan
    "Afsat i byfornyelsesrammen - udmøntet i 'Kvarterplan for Områdefornyelse Nørrebro'": (
        "Kvarterplan for Områdefornyelse Nørrebro",
    ),
    "Afsat i byfornyelsesrammen - udmøntet i 'Kvarterplan for Områdefornyelse Nordvest'": (
        "Kvarterplan for Områdefornyelse Nordvest",
    ),
    "Afsat i byfornyelsesrammen - udmøntet i 'Kvarterplan for Områdefornyelse Sundby'": (
        "Kvarterplan for Områdefornyelse Sundby",
    ),
    "Københavns Kommunes budget til Fælles Administrative Uddannelser": (
        "Københavns Kommunes budget til Fælles Administrative Uddannelser",
    ),
    None: (),  # SUF and ØKF rows with no funding text
}


def test_every_funding_text_of_the_bundled_data_is_listed(dataset: Dataset) -> None:
    assert {a.funding for a in dataset.activities} == set(EXPECTED)


@pytest.mark.parametrize(("printed", "expected"), list(EXPECTED.items()))
def test_the_decisions_of_each_funding_text(printed: str | None, expected: tuple[str, ...]) -> None:
    assert decisions(printed) == expected


def test_the_star_is_a_footnote_marker_and_the_text_stays_verbatim(dataset: Dataset) -> None:
    welcome = next(a for a in dataset.activities if a.id == "welcome-house")
    assert welcome.funding == "Budget 2018 og Budgetteringsmodel vedtaget med Budget 2019*"
    # The star is read as the source's footnote sign, not as part of a decision's name.
    assert decisions(welcome.funding) == ("Budget 2018", "Budget 2019")


@given(st.text(max_size=80))
def test_decisions_are_unique_and_never_empty_words(text: str) -> None:
    found = decisions(text)
    assert len(found) == len(set(found))
    assert all(d.strip() and not d.endswith("*") for d in found)


def test_total_by_funding_groups_by_decision() -> None:
    data = run_json("total", "--year", "2020", "--by", "funding")
    groups = {g["key"]: g["years"][0]["amount"] for g in data["rows"]}
    # "Budget 18" (KFF: FritidsGuiderne 1,5 + Kontingentstøtte 1,65, lines 731, 746) is
    # Budget 2018, with the 19 other rows naming budget 2018 (2020 column, by hand):
    # BIF 1,8 + 0,3 + Welcome House 2,5 + 0,6; BUF 1,612 + 8,9 + 4 + 5,6; KFF 1,5 + 1,65 +
    # 3,4; SOF 0,185 + 2,6 + 2,4 + 2,7 = 39,747.
    assert groups["Budget 2018"] == Decimal("39.747")
    assert "Budget 18" not in groups
    # Integrationshandleplan 2019-22 alone (3,3 + 2,9 + 0,6 + 0,8 + 0,8) and inside three
    # combined cells (Fritidsjob 1,6; FRAK nothing in 2020; social kontrol 1) = 11.0
    assert groups["Integrationshandleplan 2019-22"] == Decimal("11.0")
    # No row of its own for the star.
    assert not any(key.endswith("*") for key in groups if key is not None)
    # The total counts each activity once: the same as without --by.
    whole = data["total"]["years"][0]["amount"]
    assert whole == run_json("total", "--year", "2020")["total"]["years"][0]["amount"]
    assert whole == Decimal("111.037")
    assert sum(v for v in groups.values() if v is not None) > whole  # they overlap
    assert "welcome-house" in data["overlapping"] and "sabaah" in data["overlapping"]
    # Always there, empty where nothing overlaps: one shape whatever the grouping.
    assert run_json("total", "--year", "2020", "--by", "department")["overlapping"] == []


def test_the_answer_says_the_rows_overlap() -> None:
    table = run("total", "--year", "2020", "--by", "funding").stdout
    assert "The rows overlap" in table and "the total counts every activity once" in table
    assert (
        "Rækkerne overlapper"
        in run("total", "-y", "2020", "--by", "funding", "--lang", "da").stdout
    )
    # Not said where nothing overlaps.
    plain = run("total", "--year", "2020", "--by", "funding", "-d", "SOF").stdout
    assert "overlap" not in plain
    assert "overlap" not in run("total", "--year", "2020", "--by", "department").stdout


@pytest.mark.parametrize(
    ("lang", "head"),
    [
        ("en", "these activities are funded by several decisions and count under each:"),
        ("da", "disse aktiviteter er finansieret af flere beslutninger og tælles under hver:"),
    ],
)
def test_the_overlap_names_the_activities_after_saying_what_they_share(
    lang: str, head: str
) -> None:
    # Welcome House is funded by "Budget 2018 og Budgetteringsmodel vedtaget med Budget
    # 2019" (Bilag 1): two decisions. The sentence says what the named activities share,
    # then names them; it does not run the names into "funded by several decisions, ...".
    said = " ".join(run("total", "-y", "2020", "--by", "funding", "--lang", lang).stdout.split())
    start = said.index(head)
    assert "Welcome House" in said[start : said.index(";", start)]
    assert "decisions, Fritidsjob" not in said and "beslutninger tæller Fritidsjob" not in said

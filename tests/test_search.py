"""Search as people type (issue 21): the words a civil servant remembers find the activity."""

from __future__ import annotations

import csv as csv_module
import json
import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcli import filtering, queries
from budgetcli.errors import UsageError
from budgetcli.folding import loose, search_words
from budgetcli.model import Dataset
from budgetcli.results import Filters
from budgetcli.search import Tier, search, substring_distance
from tests.conftest import run, synthetic


def _ids(*args: str) -> list[str]:
    result = run("list", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return [a["id"] for a in json.loads(result.stdout)["rows"]]


# --- the search form ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "spellings",
    [
        ("kontanthjælp", "kontanthjaelp", "kontanthjalp", "KONTANTHJÆLP"),
        ("bydelsmødre", "bydelsmoedre", "bydelsmodre", "Bydelsmødre"),
        ("håndholdt", "haandholdt", "handholdt"),
        ("IGU-elev", "iguelev", "IGU\u2010elev"),
        ("Fællesspisning", "faellesspisning", "fallesspisning"),
    ],
)
def test_danish_spellings_and_hyphens_fold_alike(spellings: tuple[str, ...]) -> None:
    assert len({loose(s) for s in spellings}) == 1


def test_a_typed_hyphen_separates_words() -> None:
    assert search_words("welcome-house") == ("welcome", "house")
    assert loose("Nørrebro/ Nordvest") == "norrebro nordvest"


@pytest.mark.parametrize(
    ("word", "text", "distance"),
    [
        ("hose", "house", 1),  # a letter left out
        ("bydelsmoder", "bydelsmodre", 1),  # two neighbours swapped
        ("lektiehjelp", "hjemmelektiehjalp", 1),  # inside a compound
        ("kontanthjalp", "kontanthjalp", 0),
        ("xyzw", "house", 2),  # more than the limit: limit + 1
    ],
)
def test_substring_distance(word: str, text: str, distance: int) -> None:
    assert substring_distance(word, text, 1) == distance


@given(st.text(alphabet="abæøå-e", max_size=8), st.text(alphabet="abæøå-e", max_size=12))
def test_distance_is_zero_exactly_for_a_substring(word: str, text: str) -> None:
    assert (substring_distance(word, text, 2) == 0) == (word in text)


# --- the searches of the issue -----------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("kontanthjalp", "minoritetsfamilier-kontanthjaelp"),  # æ typed as a
        ("lektiehjalp", "hjemmelektiehjaelp-noerrebro"),  # part of a compound
        ("fallesspisning", "muhabet-faellesspisning"),
        ("bydelsmøder", "bydelsmoedre"),  # a typo
        ("welcome hose", "welcome-house"),  # a typo
        ("IGU elev", "igu-elev"),  # the hyphen ignored
        ("kobenhavn ny", "ny-i-koebenhavn"),  # the words in another order
        ("fritidsjob unge", "fritidsjob-til-unge"),
    ],
)
def test_the_issues_searches_find_the_activity_first(typed: str, first: str) -> None:
    assert _ids("-s", typed)[0] == first


def test_every_word_must_match() -> None:
    # "unge" alone is in 20-odd activities; with "fritidsjob" (in any order) in four: the
    # two job activities of BIF (source lines 128-155), "Unge fritidsjobbere i FRAK" of
    # Grønne generationsmøder (TMF) and FISKEN (SOF), whose texts name both.
    found = _ids("-s", "fritidsjob unge")
    assert found[0] == "fritidsjob-til-unge"  # both words in its name
    assert set(found) == {
        "fritidsjob-til-unge",
        "samarbejde-med-frak",
        "groenne-generationsmoeder",
        "foreningen-fisken",
    }
    assert _ids("-s", "kontanthjalp diabetes") == []


def test_ranked_name_first_then_source_order() -> None:
    # "kontanthjælp" is in the name of one and the target group of two (lines 176-205).
    assert _ids("-s", "kontanthjalp") == [
        "minoritetsfamilier-kontanthjaelp",
        "integrationspaalaeg-jobindsats",
        "branchepakker",
    ]
    # --sort still wins over the ranking.
    assert _ids("-s", "kontanthjalp", "--sort", "id")[0] == "branchepakker"


def test_totals_keep_source_order_whatever_the_ranking() -> None:
    args = ("total", "-y", "2018", "--by", "activity", "-s", "kontanthjalp", "-f", "json")
    data = json.loads(run(*args).stdout, parse_float=Decimal)
    assert [g["key"] for g in data["rows"]] == [
        "minoritetsfamilier-kontanthjaelp",
        "integrationspaalaeg-jobindsats",
        "branchepakker",
    ]
    # 4,3 + 2,7 + 1,9 (lines 186, 207, 222)
    assert data["total"]["years"][0]["amount"] == Decimal("8.9")


def test_words_typed_rightly_are_not_drowned_by_near_spellings(dataset: Dataset) -> None:
    # "ny" and "i" count only as words of their own, not inside "nyankomne", "indsats".
    found = filtering.find(dataset, Filters(search="NY I KOBENHAVN"))
    assert found.tier == Tier.words
    assert [a.id for a in found.activities] == ["ny-i-koebenhavn"]
    # "Welkom" would be close to "welcome", but "flygtninge" is found as typed.
    assert filtering.find(dataset, Filters(search="flygtninge")).tier == Tier.words


def test_close_spellings_are_said_on_stderr() -> None:
    result = run("list", "-s", "bydelsmdre", "-f", "csv")
    assert result.stdout.splitlines()[1].startswith("bydelsmoedre,")
    assert "showing close spellings: bydelsmødre" in result.stderr
    exact = run("list", "-s", "bydelsmødre", "-f", "csv")
    assert "close spellings" not in exact.stderr


def test_nothing_found_suggests_the_nearest_names() -> None:
    result = run("list", "-s", "Wlcm Hs", "-f", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 0 and document["rows"] == []
    # The same words in the document's footnotes as on stderr.
    said = [f["text"] for f in document["footnotes"] if f["kind"] == "rule"]
    assert any("did you mean Welcome House" in t for t in said)
    csv = run("list", "-s", "Wlcm Hs", "-f", "csv")
    assert "no activities match 'Wlcm Hs'; did you mean Welcome House" in csv.stderr
    da = run("list", "-s", "Wlcm Hs", "--lang", "da")
    assert "mente du Welcome House" in da.stdout + da.stderr


# --- show takes what people know ---------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("Welcome House", "welcome-house"),  # the name
        ("welcome house", "welcome-house"),
        ("bydelsmødre", "bydelsmoedre"),  # the name, which is the id spelt the Danish way
        ("kontanthjalp", "minoritetsfamilier-kontanthjaelp"),  # a word of one name only
        ("Kringlebakken", "kringlebakken-drift"),  # a name exactly, though ids start so too
        ("igu", "igu-elev"),  # a unique id prefix, as before
        ("Ny i København", "ny-i-koebenhavn"),
        ("fællesspisninger", "muhabet-faellesspisning"),
    ],
)
def test_show_takes_a_name_or_words(typed: str, shown: str) -> None:
    result = run("show", typed, "-f", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rows"][0]["id"] == shown


def test_show_lists_the_candidates_when_several_match() -> None:
    result = run("show", "flygtninge")
    assert result.exit_code == 2 and result.stdout == ""
    assert "'flygtninge' matches 14 activities" in result.stderr
    # Best first: the three with "flygtninge" in their names.
    assert result.stderr.index("fastholdelsesindsats-flygtninge") < result.stderr.index(
        "barselsgruppe-job-uddannelse"
    )
    assert len(result.stderr.splitlines()) == 1


def test_show_suggests_for_a_typo_but_does_not_guess() -> None:
    for typed, meant in (("bydelsmdre", "bydelsmoedre"), ("welcome hose", "welcome-house")):
        result = run("show", typed)
        assert result.exit_code == 2
        assert f"did you mean {meant}" in result.stderr


# --- at scale ------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_typo_search_over_100000_activities_is_fast() -> None:
    many = synthetic(100_000, described=True)
    # "976" is found in hold 976 and in every activity number holding 976.
    hold_976 = sum(i % 977 == 976 or "976" in str(i) for i in range(100_000))
    for typed, expected in (
        ("lektiehjelp hold 976", hold_976),  # a typo: the close tier reads every word
        ("kobenhavn nummer 99999", 1),
        ("zqxv wvut", 0),
    ):
        started = time.monotonic()
        found = search(many.activities, typed)
        assert time.monotonic() - started < 10
        assert len(found.activities) == expected, typed


def test_every_command_with_a_search_says_how_it_matched() -> None:
    total = run("total", "-y", "2019", "-s", "bydelsmdre")
    assert "showing close spellings: bydelsmødre" in total.stdout
    assert "Total  0.300" in total.stdout  # Bydelsmødre's 0,3 in 2019 (source line 353)
    nothing = run("total", "-y", "2019", "-s", "Wlcm Hs", "-f", "csv")
    (total_row,) = csv_module.DictReader(nothing.stdout.splitlines())
    assert total_row["row"] == "total" and total_row["2019"] == "0"  # a sum over nothing
    assert "did you mean Welcome House" in nothing.stderr
    assert "close spellings" in run("expiring", "-s", "bydelsmdre").stdout


def test_every_activity_is_found_and_shown_by_its_name(dataset: Dataset) -> None:
    names = [a.name for a in dataset.activities]
    for activity in dataset.activities:
        for typed in (activity.name, activity.name.upper(), loose(activity.name)):
            found = filtering.find(dataset, Filters(search=typed)).activities
            assert activity in found, typed
            if names.count(activity.name) == 1:
                assert found[0] == activity, typed  # its own name ranks it first
                assert queries.find_activity(dataset, typed) == activity, typed


def test_a_name_two_activities_share_lists_both(dataset: Dataset) -> None:
    # SOF funds "Indvandrer Kvindecentret" from the pool and with an operating grant.
    with pytest.raises(UsageError, match="indvandrer-kvindecentret-pulje") as raised:
        queries.find_activity(dataset, "Indvandrer Kvindecentret")
    assert "indvandrer-kvindecentret-drift" in str(raised.value)


def test_a_name_is_found_while_it_is_typed(dataset: Dataset) -> None:
    # "As people type": every start of a name, cut anywhere from three letters on, finds it.
    for activity in dataset.activities:
        for end in range(3, len(activity.name) + 1, 2):
            typed = activity.name[:end]
            found = filtering.find(dataset, Filters(search=typed)).activities
            assert activity in found, typed


@given(st.lists(st.text(alphabet="aæøå -,.Ééo\t/e", max_size=8), min_size=1, max_size=4))
def test_fields_loosened_together_are_loosened_alike(fields: list[str]) -> None:
    # index() loosens an activity's fields joined by NUL in one call: the same as one by one.
    assert loose("\x00".join(fields)).split("\x00") == [loose(f) for f in fields]


def test_show_of_a_word_in_one_name_says_the_others_that_mention_it() -> None:
    # "kvinder" is in one activity's name (Særlig virksomhedsrettet indsats for kvinder…,
    # Bilag 1) and in the texts of nine more: show takes the named one, and says so.
    result = run("show", "kvinder", "-f", "json")
    shown = json.loads(result.stdout)
    assert shown["rows"][0]["id"] == "virksomhedsindsats-kvinder-helbred"
    (said,) = [f["text"] for f in shown["footnotes"] if f["kind"] == "rule"]
    assert said.startswith("'kvinder' is in this activity's name only; 9 more mention it: ")
    assert "bydelsmoedre" in said
    table = run("show", "kvinder", "--lang", "da")
    assert "'kvinder' står kun i denne aktivitets navn; 9 andre nævner det:" in table.stdout
    # An id, a name or words found in one activity alone: nothing to say.
    for typed in ("welcome-house", "Welcome House", "IGU"):
        footnotes = json.loads(run("show", typed, "-f", "json").stdout)["footnotes"]
        assert all(f["kind"] != "rule" for f in footnotes), typed


@pytest.mark.parametrize("form", ["csv", "table"])
def test_a_search_that_finds_nothing_says_so_once(form: str) -> None:
    result = run("list", "-s", "zzzqqq", "-f", form)
    assert result.exit_code == 0
    said = result.stdout + result.stderr
    assert said.count("no activities match") == 1, said


def test_kbh_is_read_as_copenhagen_as_danes_write_it_short() -> None:
    # "Ny i København" (BUF, Bilag 2): typed the way a memo abbreviates it.
    listed = run("list", "-s", "ny i kbh", "-f", "csv", "--fields", "id")
    assert listed.stdout.splitlines() == ["id", "ny-i-koebenhavn"]
    shown = json.loads(run("show", "ny i kbh", "-f", "json").stdout)
    assert shown["rows"][0]["id"] == "ny-i-koebenhavn"
    # KBH as written is still found: FritidsGuiderne KBH (KFF, Bilag 3) comes first.
    assert run("list", "-s", "kbh", "-f", "csv", "--fields", "id").stdout.splitlines()[1] == (
        "fritidsguiderne-kbh"
    )

"""Every command, filter and format through typer's CliRunner.

Expected figures were summed by hand from ../shared/source/000_fec51d6fff7b33c6.txt:
2018 total 129.233, 2019 total 129.623, 2020 total 111.037; 2020 by department BIF 19.2,
BUF 75.592, KFF 6.55, SOF 8.945, SUF 0.75 (TMF and ØKF print nothing for 2020).
"""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import Any

import pytest

from tests.conftest import COMMANDS, run, run_json


def _year(record: dict[str, Any], year: int) -> dict[str, Any]:
    """A sum's (or an activity's) record for one year."""
    per_year = record["years"] if "years" in record else record["budget"]
    found: dict[str, Any] = next(y for y in per_year if y["year"] == year)
    return found


def _groups(document: dict[str, Any], year: int) -> dict[str | None, Any]:
    """Each group's amount in one year, by key."""
    return {g["key"]: _year(g, year)["amount"] for g in document["rows"]}


def _csv(*args: str, delimiter: str = ",") -> list[dict[str, str]]:
    result = run(*args, "--format", "csv" if delimiter == "," else "tsv")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))


# --- total -------------------------------------------------------------------------------


def test_total_2020_table() -> None:
    result = run("total", "--year", "2020")
    assert result.exit_code == 0
    assert "111.037*" in result.stdout
    # What the total left out, by name, and what may change.
    # People read names in the footnotes (issue 30); ids stay in the machine formats.
    assert (
        "Forebyggende hjemmebesøg til særlige målgrupper fra 65 – 79 år (Driftsbudget)"
        in result.stdout
    )
    assert "may be adjusted: Welcome House, Ny i København" in result.stdout
    assert result.stderr == ""


def test_total_2020_json_contract() -> None:
    data = run_json("total", "--year", "2020")
    assert data["years"] == [2020]
    assert data["filters"]["year"] == 2020
    assert data["unit"] == "mio. kr."
    total = _year(data["total"], 2020)
    assert total["amount"] == Decimal("111.037")
    assert total["not_quantified"] == [
        "forebyggende-hjemmebesoeg",
        "center-for-diabetes",
        "mangfoldighedsplejehjem",
    ]
    assert total["adjustable"] == ["welcome-house", "ny-i-koebenhavn"]


def test_total_by_department() -> None:
    data = run_json("total", "--year", "2020", "--by", "department")
    groups = _groups(data, 2020)
    assert groups == {
        "BIF": Decimal("19.2"),
        "BUF": Decimal("75.592"),
        "KFF": Decimal("6.55"),
        "SOF": Decimal("8.945"),
        "SUF": Decimal("0.75"),
        # No amount printed for 2020: a sum over nothing is 0 (as in hledger and pandas);
        # null is kept for words only (issue 10).
        "TMF": Decimal(0),
        "ØKF": Decimal(0),
    }
    suf = next(g for g in data["rows"] if g["key"] == "SUF")
    assert len(_year(suf, 2020)["not_quantified"]) == 3
    assert {g["department_name"] for g in data["rows"]} >= {"Socialforvaltningen"}


def test_total_without_year_is_one_column_per_year() -> None:
    data = run_json("total")
    by_year = {y["year"]: y["amount"] for y in data["total"]["years"]}
    assert by_year[2018] == Decimal("129.233")
    assert by_year[2019] == Decimal("129.623")
    assert by_year[2020] == Decimal("111.037")
    assert data["total"]["total"]["amount"] == sum(by_year.values())
    # The JSON writer prints the exact decimal, never a float artefact.
    assert '"amount": 129.623' in run("total", "--year", "2019", "-f", "json").stdout


def test_total_without_year_table_and_csv() -> None:
    rows = _csv("total", "--by", "section")
    assert rows[-1]["row"] == "total"
    assert rows[-1]["2019"] == "129.623"
    assert rows[-1]["unit"] == "mio. kr."
    assert {"Job og uddannelse", "Flygtningeområdet"} <= {r["key"] for r in rows}
    table = run("total", "--by", "department")
    assert "553.087" in table.stdout  # 129.233 + 129.623 + 111.037 + 94.802 + 88.392
    assert "2018-2022: left out, no number exists" in table.stdout


def test_total_actual_basis_uses_recorded_spend() -> None:
    # 2018: 129.233 with the IGU budget 0.205; actual spend 117.590 kr. = 0.11759.
    budget = run_json("total", "--year", "2018")
    actual = run_json("total", "--year", "2018", "--basis", "actual")
    assert _year(budget["total"], 2018)["amount"] == Decimal("129.233")
    assert _year(actual["total"], 2018)["amount"] == (
        Decimal("129.233") - Decimal("0.205") + Decimal("0.117590")
    )
    text = run("total", "--year", "2018", "--basis", "actual").stdout
    assert "IGU-elev counted at actual spend 0.117590 instead of budget 0.205" in text


def test_total_filters_by_funding_and_search() -> None:
    data = run_json("total", "--year", "2019", "--funding", "integrationshandleplan 2019")
    # The text "Integrationshandleplan 2019" is in five BIF funding cells reading
    # "Integrationshandleplan 2019-22" (lines 30-122: 3.3 + 2.5 + 0.6 + 0.8 + 0.8 in 2019) and
    # in "Integrationshandleplan 2017-18 Integrationshandleplan 2019-22" (line 283: 1), not in
    # "Integrationshandleplan 2017-2018 og 2019-22": 9.0.
    assert _year(data["total"], 2019)["amount"] == Decimal("9.0")
    searched = run_json("total", "--year", "2019", "--search", "welcome")
    assert _year(searched["total"], 2019)["amount"] == Decimal("2.5")


def test_total_by_funding_and_activity() -> None:
    data = run_json("total", "--year", "2022", "--by", "activity", "-d", "ØKF")
    assert [g["key"] for g in data["rows"]] == ["kurser-skrivning-laesning", "igu-elev"]
    assert all(
        _year(g, 2022)["amount"] == 0 and _year(g, 2022)["not_quantified"] == []
        for g in data["rows"]
    )
    funding = run_json("total", "--year", "2018", "--by", "funding", "-d", "ØKF")
    assert [(g["name"], _year(g, 2018)["amount"]) for g in funding["rows"]] == [
        ("Københavns Kommunes budget til Fælles Administrative Uddannelser", Decimal("0.012")),
        (None, Decimal("0.205")),  # no funding stated: a group with no name
    ]


# --- list --------------------------------------------------------------------------------


def test_list_all_activities_json() -> None:
    data = run_json("list")["rows"]
    assert len(data) == 67
    welcome = next(a for a in data if a["id"] == "welcome-house")
    assert [c["amount"] for c in welcome["budget"]] == [
        Decimal("1.46"),
        Decimal("2.5"),
        Decimal("2.5"),
        Decimal("2.5"),
        Decimal("2.5"),
    ]
    assert welcome["adjustable_years"] == [2018, 2019, 2020, 2021, 2022]
    assert welcome["notes"] and "justeret" in welcome["notes"][0]["text"]
    home = next(a for a in data if a["id"] == "forebyggende-hjemmebesoeg")
    assert _year(home, 2020)["amount"] is None
    assert _year(home, 2020)["kind"] == "words"
    assert _year(home, 2020)["words"] == "Driftsbudget"
    igu = next(a for a in data if a["id"] == "igu-elev")
    assert [(c["year"], c["actual"]) for c in igu["budget"] if c["actual"] is not None] == [
        (2018, Decimal("0.117590")),
        (2019, Decimal(0)),
    ]


def test_list_department_filter_accepts_code_name_and_okf() -> None:
    assert len(run_json("list", "--department", "BUF")["rows"]) == 11
    assert len(run_json("list", "-d", "børne")["rows"]) == 11
    assert len(run_json("list", "-d", "okf")["rows"]) == 2
    assert len(run_json("list", "-d", "OEKF", "-d", "tmf")["rows"]) == 9
    assert len(run_json("list", "-d", "culture")["rows"]) == 4


def test_list_year_section_search_filters() -> None:
    # Activities with any cell in 2022 (numbers, the explicit 0s, and text cells).
    in_2022 = run_json("list", "--year", "2022")["rows"]
    assert "antiradikalisering-folkeskoler" in {a["id"] for a in in_2022}
    assert "forebyggende-hjemmebesoeg" in {a["id"] for a in in_2022}
    assert len(run_json("list", "--section", "flygtninge")["rows"]) == 4
    assert len(run_json("list", "--section", "driftstilskud")["rows"]) == 3
    # Accent- and case-insensitive: 'kobenhavn' and 'koebenhavn' both find 'København'.
    ids = {a["id"] for a in run_json("list", "-s", "NY I KOBENHAVN")["rows"]}
    other = {a["id"] for a in run_json("list", "-s", "ny i koebenhavn")["rows"]}
    assert ids == other == {"ny-i-koebenhavn"}


def test_list_csv_keeps_no_amount_text_and_zero_apart() -> None:
    rows = {r["id"]: r for r in _csv("list")}
    assert rows["antiradikalisering-folkeskoler"]["2020"] == "0"
    assert rows["barselsgruppe-job-uddannelse"]["2018"] == ""
    # Words have a column of their own: the number column stays numbers only.
    assert rows["forebyggende-hjemmebesoeg"]["2018"] == ""
    assert rows["forebyggende-hjemmebesoeg"]["2018_words"] == "Driftsbudget"
    assert rows["ny-i-koebenhavn"]["2020"] == "46.4"  # the marker stays out of the number


def test_list_tsv_and_no_header() -> None:
    rows = _csv("list", "-d", "KFF", delimiter="\t")
    assert [r["2021"] for r in rows] == ["", "1.5", "2.15", "2.2"]
    bare = run("list", "-d", "KFF", "-f", "tsv", "--no-header")
    assert bare.stdout.splitlines()[0].startswith("feriecamp\tFerieCamp\tKFF\t")


def test_list_table_and_markdown_mark_adjustable_and_text() -> None:
    table = run("list", "-d", "BUF")
    assert "46.400*" in table.stdout
    assert "may be adjusted" in table.stdout
    md = run("list", "-d", "SUF", "-d", "BUF", "--format", "markdown")
    assert md.stdout.startswith("**Activities, SUF, BUF (mio. kr.)**")  # says what was asked
    rows = {
        cells[1]: cells[5:10]
        for line in md.stdout.splitlines()
        if (cells := [c.strip() for c in line.split("|")])[0] == "" and len(cells) > 10
    }
    # No amount, words and a printed 0 stay three different things.
    # Every year column has 3 decimals (BUF's 79.282 in 2019, Bilag 2): one precision each.
    assert rows["etnisk-ressourceteam"] == ["1.000", "1.000", "0.750", "–", "–"]
    assert rows["forebyggende-hjemmebesoeg"] == ["Driftsbudget"] * 5
    assert rows["antiradikalisering-folkeskoler"] == ["0.700", "0.700", "0.000", "0.000", "0.000"]


def test_list_empty_result_is_success_with_a_note() -> None:
    result = run("list", "--search", "no such words anywhere", "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["rows"] == []
    assert "no activities match" in result.stderr


# --- show --------------------------------------------------------------------------------


def test_show_welcome_house() -> None:
    result = run("show", "welcome-house")
    assert result.exit_code == 0
    assert "Welcome House er kommunens mødested" in result.stdout
    assert "may be adjusted" in result.stdout
    assert "Bilag 1" in result.stdout


def test_show_prefix_and_actual_difference() -> None:
    result = run("show", "igu")
    assert "actual 2018" in result.stdout
    assert "difference -0.087410" in result.stdout  # 0.117590 - 0.205
    data = run_json("show", "igu-elev")["rows"][0]
    assert data["appendix"] == 7
    assert data["printed"] == "0,205* 0,090*"
    assert data["remarks"]


def test_show_ambiguous_and_unknown_ids() -> None:
    ambiguous = run("show", "fakti")
    assert ambiguous.exit_code == 2
    assert "fakti-pulje" in ambiguous.stderr and "fakti-drift" in ambiguous.stderr
    unknown = run("show", "welcome-haus")
    assert unknown.exit_code == 2
    assert "welcome-house" in unknown.stderr
    assert unknown.stdout == ""


def test_show_csv_is_the_activity_as_one_row() -> None:
    (fields,) = _csv("show", "center-for-diabetes")
    # Data, not screen text (the words as printed, in their own column; no number).
    assert fields["2020"] == ""
    assert fields["2020_words"] == "Driftsbudget for Center for Diabetes"
    (plain,) = _csv("show", "igu-elev")
    assert plain["2019"] == "0.090" and plain["2020"] == ""  # empty is empty
    assert plain["2018_actual"] == "0.117590"


# --- compare -----------------------------------------------------------------------------


def test_compare_2019_2020() -> None:
    data = run_json("compare", "2019", "2020")
    assert data["years"] == [2019, 2020]
    assert _year(data["total"], 2019)["amount"] == Decimal("129.623")
    assert _year(data["total"], 2020)["amount"] == Decimal("111.037")
    assert data["total"]["change"] == Decimal("-18.586")
    tmf = next(r for r in data["rows"] if r["key"] == "TMF")
    # TMF prints 0,035 + 0,032 + 0,04 + 0,013 in 2019 and nothing in 2020.
    assert _year(tmf, 2019)["amount"] == Decimal("0.120")
    assert _year(tmf, 2020)["amount"] == 0
    assert tmf["status"] == "ended"
    assert tmf["change_pct"] == Decimal("-100.0")


def test_compare_new_line_has_no_percentage() -> None:
    data = run_json("compare", "2018", "2019", "--by", "activity", "-d", "SOF")
    new = next(r for r in data["rows"] if r["key"] == "frivillighuset")
    assert _year(new, 2018)["amount"] == 0
    assert new["change_pct"] is None
    assert new["status"] == "new"
    table = run("compare", "2018", "2019", "--by", "activity", "-d", "SOF")
    assert "new" in table.stdout


# --- expiring ----------------------------------------------------------------------------


def test_expiring_in_2019() -> None:
    data = run_json("expiring", "--year", "2019")["rows"]
    ids = {a["id"] for a in data}
    # Rows whose last positive amount is 2019, read off the source by hand.
    assert ids == {
        "samarbejde-med-frak",
        "minoritetsfamilier-kontanthjaelp",
        "copenhagen-host-program",
        "styrket-medborgerskab",
        "tilflyttede-flygtninge",
        "pilotprojekt-kriminalforsorgen",
        "antiradikalisering-folkeskoler",
        "feriecamp",
        "frivillighuset",
        "frivilligcenter-vesterbro",
        "muhabet-faellesspisning",
        "nye-ungefaellesskaber",
        "mit-danmark",
        "hjemmelektiehjaelp-noerrebro",
        "mangfoldighedsfesten",
        "igu-elev",
    }
    assert all(a["last_funded_year"] == 2019 for a in data)


def test_expiring_excludes_operating_budgets_and_says_so() -> None:
    data = run_json("expiring")["rows"]
    ids = {a["id"] for a in data}
    assert "forebyggende-hjemmebesoeg" not in ids
    assert "welcome-house" not in ids
    assert "bydelsmoedre" in ids  # 0,3 in 2018-2021, 2022 empty
    result = run("expiring")
    assert "Not counted as expiring, since no amount is printed" in result.stdout


# --- notes -------------------------------------------------------------------------------


def test_notes_list_every_note_with_its_activities() -> None:
    data = run_json("notes")["rows"]
    assert len(data) == 10
    igu = next(n for n in data if n["id"] == "oekf-igu-elev")
    assert igu["activities"] == ["igu-elev"]
    heading = next(n for n in data if n["id"] == "bif-scope")
    assert len(heading["activities"]) == 25
    sof = run_json("notes", "-d", "SOF")["rows"]
    assert {n["department"] for n in sof} == {"SOF"}
    assert "all BIF activities (25)" in run("notes").stdout


# --- errors and usage --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["total", "--year", "2031"], "no year 2031 in the data; years are 2018-2022"),
        (["list", "-d", "BUFF"], "did you mean BUF?"),
        (["list", "--section", "nowhere"], "sections are Job og uddannelse"),
        (["list", "--section", "og"], "ambiguous"),
        (["list", "-d", "S"], "ambiguous"),
        (["compare", "2018", "2030"], "no year 2030"),
        (["expiring", "--year", "1999"], "no year 1999"),
        (["list", "--format", "xml"], "xml"),
        (["list", "--year", "2017"], "no year 2017"),
    ],
)
def test_usage_errors_exit_2_with_one_message(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_csv_notes_go_to_stderr() -> None:
    result = run("total", "--year", "2020", "-f", "csv")
    assert result.stdout.splitlines()[0] == (
        "row,key,name,department,department_name,2020,total,2020_not_quantified,"
        "total_not_quantified,2020_adjustable,total_adjustable,2020_actual_used,"
        "total_actual_used,unit"
    )
    assert "note: 2020: left out" in result.stderr


def test_a_sums_caveats_are_columns_of_the_csv_not_only_notes() -> None:
    # Welcome House (BIF) may be adjusted every year, Ny i København (BUF) in 2020-22 (the
    # source's stars); with --basis actual, ØKF's 2019 is the IGU trainee's actual 0. -q
    # silences the notes: the file itself must say so.
    rows = {
        r["key"]: r
        for r in csv.DictReader(
            io.StringIO(run("total", "--by", "department", "-f", "csv", "-q").stdout)
        )
    }
    assert [rows["BIF"][f"{y}_adjustable"] for y in range(2018, 2023)] == ["welcome-house"] * 5
    assert [rows["BUF"][f"{y}_adjustable"] for y in range(2018, 2023)] == [
        "",
        "",
        *["ny-i-koebenhavn"] * 3,
    ]
    assert rows["SUF"]["total_not_quantified"] == (
        "forebyggende-hjemmebesoeg center-for-diabetes mangfoldighedsplejehjem"
    )
    actual = run("total", "--year", "2019", "-d", "ØKF", "--basis", "actual", "-f", "csv", "-q")
    (total,) = csv.DictReader(io.StringIO(actual.stdout))
    assert (total["2019"], total["2019_actual_used"]) == ("0", "igu-elev")


def test_version_and_help() -> None:
    from budgetcli import __version__

    assert run("--version").stdout.strip() == f"budgetcli {__version__}"
    for command in COMMANDS:
        result = run(command, "--help")
        assert result.exit_code == 0
        assert "Examples" in result.stdout and f"budgetcli {command}" in result.stdout


def test_only_the_requested_command_is_built() -> None:
    from budgetcli.cli import app, app_for

    single = app_for(["total", "--year", "2020"])
    assert [c.name for c in single.registered_commands] == ["total"]
    assert single.registered_callback is app.registered_callback
    for argv in ([], ["--version"], ["total", "--help"], ["nosuch"], ["list", "-h"]):
        assert app_for(argv) is app, argv


def test_main_runs_the_single_command_app(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from budgetcli.cli import main

    monkeypatch.setattr("sys.argv", ["budgetcli", "total", "--year", "2020", "-f", "json"])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 0
    assert json.loads(capsys.readouterr().out)["total"]["years"][0]["amount"] == 111.037


def test_row_totals_never_turn_words_or_nothing_into_zero() -> None:
    rows = {r["key"]: r for r in _csv("total", "--by", "activity", "-d", "SUF")}
    assert rows["forebyggende-hjemmebesoeg"]["total"] == ""  # words only: no number
    assert rows["forebyggende-hjemmebesoeg"]["2019_not_quantified"] == "forebyggende-hjemmebesoeg"
    assert rows["aktivitetscenter-peder-lykke"]["total"] == "0"  # a sum over nothing is 0
    assert rows["etnisk-ressourceteam"]["total"] == "2.75"  # 1 + 1 + 0.75
    only_words = run_json("total", "-d", "SUF", "-s", "diabetes")
    assert only_words["total"]["total"]["amount"] is None
    assert all(y["amount"] is None for y in only_words["total"]["years"])
    assert "553.087*" in run("total").stdout  # the grand total carries the adjustable mark


def test_compare_with_words_only_is_unknown_not_zero() -> None:
    data = run_json("compare", "2021", "2022")
    suf = next(r for r in data["rows"] if r["key"] == "SUF")
    assert _year(suf, 2021)["amount"] is None and _year(suf, 2022)["amount"] is None
    # Words in both years: nothing to compare, and the status says why (issue 30).
    assert suf["change"] is None and suf["status"] == "not_quantified"
    ending = run_json("compare", "2020", "2021", "-d", "SUF")
    # Etnisk Ressourceteam's 0.75 ends; the operating-budget activities go on (in words).
    assert ending["total"]["change"] == Decimal("-0.75")
    # Computed on the numbers, like the change: 0.75 -> no number is -100 % of the numbers.
    assert ending["total"]["change_pct"] == Decimal("-100.0")
    # SUF's row: 2021 is words only, not a year of 0: not compared, "not quantified".
    assert ending["rows"][0]["status"] == "not_quantified"
    assert ending["rows"][0]["change"] is None


def test_status_is_a_word_for_programs_and_translated_in_csv_da() -> None:
    # csv is the same in every language (tests/test_json_contract.py): the status is a key.
    status = _csv("compare", "2019", "2020", "--lang", "da")
    assert {r["status"] for r in status} == {"", "ended"}
    # The Danish csv is a format of its own, for people: translated like a table.
    danish = run("compare", "2019", "2020", "-f", "csv-da").stdout
    assert ";ophørt;" in danish and "ended" not in danish


def test_show_csv_and_tsv_keep_the_remarks_in_full() -> None:
    # Before the contract, show -f csv carried the remark in full; the source's text is data.
    (plain,) = _csv("show", "igu-elev")
    assert "remarks" in plain and "…" not in plain["remarks"]
    assert plain["remarks"].startswith("Two starred cells, placed in 2018-2019.")
    # feriecamp's remark quotes the source ('The KFF "*" footnote'); tsv writes it as it is.
    assert '"*"' in run("show", "feriecamp", "-f", "tsv").stdout


def test_tsv_with_quotes_in_the_text() -> None:
    result = run("show", "feriecamp", "-f", "tsv")
    assert result.exit_code == 0
    header, row = result.stdout.splitlines()
    assert header.count("\t") == row.count("\t")  # one line a row, whatever the text holds


def test_empty_filters_and_ids() -> None:
    everything = run_json("total", "-y", "2018", "--funding", "")
    assert _year(everything["total"], 2018)["amount"] == Decimal("129.233")
    empty = run("show", "")
    assert empty.exit_code == 2 and "give an activity id" in empty.stderr
    final = run("expiring", "--year", "2022")
    assert final.exit_code == 2 and "choose a year from 2018 to 2021" in final.stderr


def test_actual_basis_json_names_what_it_replaced() -> None:
    data = run_json("total", "-y", "2018", "--basis", "actual")
    assert _year(data["total"], 2018)["actual_used"] == ["igu-elev"]

"""Issue 30: answers a civil servant trusts at a glance (aligned, one precision, names,
what was summed, honest comparisons, search that understands, Danish, whole help).

Expected figures are the source's, added by hand."""

from __future__ import annotations

import csv
import io
import json
import re
import sqlite3
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcli import search
from budgetcli.model import Dataset
from tests.conftest import run


def _words(*args: str) -> str:
    """What ``budgetcli ARGS`` prints, its lines and wrapping joined into one run of words."""
    return " ".join(run(*args).stdout.split())


def _ids(*args: str) -> list[str]:
    result = run("list", *args, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))]


# --- 6. search that understands --------------------------------------------------------


def test_kvinder_finds_indvandrer_kvindecentret_by_its_stem() -> None:
    found = _ids("-s", "kvinder")
    # "Kvindecentret" holds the stem "kvind", not the word "kvinder": both its rows.
    assert "indvandrer-kvindecentret-drift" in found
    assert "indvandrer-kvindecentret-pulje" in found
    assert "virksomhedsindsats-kvinder-helbred" in found  # as typed, still found


def test_boern_finds_boernene() -> None:
    # "Udvikling af børnenes faglige kompetencer" (data line 1284).
    found = _ids("-s", "børn")
    assert found
    assert any("børnene" in a for a in _texts(found))


def _texts(ids: list[str]) -> list[str]:
    from budgetcli.source.loader import bundled_data_path, load

    ds = load(bundled_data_path(), use_cache=False)
    return [
        " ".join(str(v) for v in a._asdict().values() if isinstance(v, str)).lower()
        for a in ds.activities
        if a.id in ids
    ]


@pytest.mark.parametrize(
    ("english", "danish"),
    [("women", "kvinder"), ("children", "børn"), ("refugees", "flygtninge"), ("language", "sprog")],
)
def test_english_words_of_the_domain_find_the_danish(english: str, danish: str) -> None:
    found = _ids("-s", english)
    assert found
    assert set(_ids("-s", danish)) <= set(found)


def test_elderly_is_not_read_inside_foraeldre() -> None:
    found = _ids("-s", "elderly")
    assert "opsoegende-foraeldresamarbejde" not in found
    assert "aktivitetscenter-peder-lykke" in found


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_reading_is_said_on_stderr(lang: str) -> None:
    result = run("list", "-s", "women", "-f", "csv", "--lang", lang)
    assert "'women'" in result.stderr
    assert "kvind…" in result.stderr
    said = run("list", "-s", "kvinder", "-f", "csv", "--lang", lang).stderr
    assert "'kvinder'" in said and "kvind…" in said
    # A word found as typed, with nothing more by its stem, is not read otherwise.
    assert "'sprog'" not in run("list", "-s", "sprog", "-f", "csv", "--lang", lang).stderr


def test_close_spellings_are_shown_as_the_text_writes_them() -> None:
    result = run("list", "-s", "bydelsmdre", "-f", "csv", "--lang", "da")
    assert "viser nære stavemåder: bydelsmødre" in result.stderr


def test_show_understands_the_same_words() -> None:
    result = run("show", "Kvindecenter")
    assert result.exit_code == 2  # two rows: the pool and the operating grant
    assert "indvandrer-kvindecentret-drift" in result.stdout + result.stderr


def test_the_sqlite_index_finds_what_list_finds(tmp_path: Path) -> None:
    db = tmp_path / "budget.sqlite"
    assert run("export", str(db)).exit_code == 0
    connection = sqlite3.connect(db)
    try:
        for typed in ("kvinder", "women", "children", "refugees", "language", "sprog"):
            rows = connection.execute(
                "SELECT id FROM activities WHERE rowid IN "
                "(SELECT rowid FROM activities_fts WHERE activities_fts MATCH ?)",
                (typed,),
            ).fetchall()
            assert sorted(r[0] for r in rows) == sorted(_ids("-s", typed)), typed
    finally:
        connection.close()


def test_client_index_carries_the_readings(dataset: Dataset) -> None:
    index = search.client_index(dataset.activities)
    assert index["readings"]["women"] == ["kvind"]
    assert "kvind" in index["readings"]["kvinder"]
    assert set(index["texts"]) == {a.id for a in dataset.activities}


# --- on a terminal of a given width ------------------------------------------------------


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> Callable[..., list[str]]:
    """The screen of a command on a terminal ``width`` columns wide, as lines."""
    from budgetcli.cli import answer

    monkeypatch.setattr(answer, "_isatty", lambda: True)

    def screen(width: int, *args: str) -> list[str]:
        monkeypatch.setenv("COLUMNS", str(width))
        result = run(*args)
        assert result.exit_code == 0, result.stderr
        lines = result.stdout.splitlines()
        assert max(map(len, lines)) <= width, (args, width)
        return lines

    return screen


WIDTHS = (80, 120)
LANGS = ("en", "da")
_RULE = "─"


_FOOTNOTE = re.compile(
    r"^(\d{4}(-\d{4})?: |[*†‡] |Note |Not counted|Ikke regnet|Expiring|Udløbende|What each|"
    r"Hvad hvert|Budget figures|Budgettal|--basis|Adds up|Lægger|Ends after|Ophører|"
    r"In words|Med ord|Left out|Udeladt|Not quantified|Ikke opgjort|change %|ændring %)"
)


def _table_lines(lines: list[str]) -> tuple[str, list[str]]:
    """The heading line and the lines of rows (between the rule and the footnotes)."""
    rule = next(i for i, line in enumerate(lines) if line.startswith(_RULE))
    rows = []
    for line in lines[rule + 1 :]:
        if _FOOTNOTE.match(line):
            break
        rows.append(line)
    return lines[rule - 1], rows


_AMOUNT = re.compile(r"(?<!\S)(-?[\d.,]*\d|–)(?=[*†‡]?(?:\s|$))")


def _amount_ends(line: str) -> set[int]:
    return {m.end() for m in _AMOUNT.finditer(line)}


def _heading_ends(heading: str, labels: tuple[str, ...]) -> set[int]:
    return {m.end() for label in labels for m in re.finditer(re.escape(label), heading)}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("args", "labels"),
    [
        (("list", "-d", "BIF"), ("2018", "2019", "2020", "2021", "2022")),
        (("total", "--by", "department"), ("2018", "2019", "2020", "2021", "2022")),
        (("expiring", "--year", "2020"), ("2018", "2019", "2020", "2021", "2022")),
    ],
)
def test_headings_and_amounts_end_in_one_column(
    terminal: Callable[..., list[str]],
    width: int,
    lang: str,
    args: tuple[str, ...],
    labels: tuple[str, ...],
) -> None:
    heading, rows = _table_lines(terminal(width, *args, "--lang", lang))
    ends = _heading_ends(heading, labels)
    assert ends, heading
    found = set()
    for row in rows:
        # Every amount (and every dash for none) ends where a year's heading does; its
        # marker hangs after it. (The sum columns, "total", are checked by their own.)
        for end in _amount_ends(row):
            if end <= min(ends) - 6:
                continue  # a figure in a name ("3-17 år"), left of the amounts
            found.add(end)
    assert ends <= found | {max(found)}, (heading, rows[:3])
    assert found - ends <= {max(found)}  # the period's total column, if any


def _figures(rows: list[str]) -> list[str]:
    return [m.group(1) for row in rows for m in _AMOUNT.finditer(row) if m.group(1) != "–"]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "args",
    [
        ("list", "-d", "BIF"),
        ("list", "-s", "kvinder"),
        ("expiring", "--year", "2020"),
        ("total", "--by", "department"),
    ],
)
def test_one_precision_per_table(
    terminal: Callable[..., list[str]], width: int, lang: str, args: tuple[str, ...]
) -> None:
    _, rows = _table_lines(terminal(width, *args, "--lang", lang))
    separator = "," if lang == "da" else "."
    figures = [f for f in _figures(rows) if separator in f]
    assert figures
    # mio. kr.: three decimals everywhere ("3.300", never "3.3" beside "3.30").
    assert {len(f.rpartition(separator)[2]) for f in figures} == {3}, figures


@pytest.mark.parametrize("lang", LANGS)
def test_show_has_the_tables_precision_and_the_period_total(lang: str) -> None:
    shown = run("show", "welcome-house", "--lang", lang).stdout
    # Bilag 1: 1,46 2,5 2,5 2,5 2,5 -> 1.46 + 4 * 2.5 = 11.46 over the period.
    if lang == "da":
        assert "1,460" in shown and "2,500" in shown
        assert re.search(r"i alt 2018-2022 +11,460", shown)
    else:
        assert "1.460" in shown and "2.500" in shown
        assert re.search(r"total 2018-2022 +11.460", shown)
    igu = run("show", "igu", "--lang", lang).stdout
    # The footnote: 117.590 kr. in 2018 and 0 kr. in 2019 against 0.205 + 0.090 budgeted.
    assert "0.117590" in igu or "0,117590" in igu
    assert "0.295" in igu or "0,295" in igu


def test_compare_has_one_precision_and_percentages_their_own() -> None:
    _, rows = _table_lines(run("compare", "2019", "2022").stdout.splitlines())
    amounts = [f for f in _figures(rows) if not f.endswith("%")]
    assert {len(f.rpartition(".")[2]) for f in amounts} == {3}
    assert "-50.1%" in "\n".join(rows)


# --- 2. one line per activity where it fits ---------------------------------------------


@pytest.mark.parametrize(("width", "most"), [(200, 1.5), (120, 2.5), (80, 2.6)])
def test_the_list_takes_a_line_per_activity_where_it_fits(
    terminal: Callable[..., list[str]], dataset: Dataset, width: int, most: float
) -> None:
    count = len(dataset.activities)  # 67
    for lang in LANGS:
        lines = terminal(width, "list", "--lang", lang)
        footnotes = 12  # a title, the headings' rule, the notes
        assert len(lines) <= most * count + footnotes, (width, lang, len(lines))
        text = "\n".join(lines)
        for activity in dataset.activities:
            assert activity.id in text  # every id whole, for `show`
        if width >= 200:
            # One line each: the id and its name on the same line.
            assert any(
                line.startswith("welcome-house") and "Welcome House" in line for line in lines
            )


# --- 3. names in every footnote ----------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_footnotes_name_activities_by_name(
    terminal: Callable[..., list[str]], width: int, lang: str
) -> None:
    text = " ".join(terminal(width, "total", "--year", "2020", "--lang", lang))
    assert "Welcome House, Ny i København" in text
    assert "Forebyggende hjemmebesøg til særlige målgrupper" in text
    for said in ("welcome-house", "ny-i-koebenhavn", "forebyggende-hjemmebesoeg"):
        assert said not in text
    listed = " ".join(terminal(width, "list", "-d", "ØKF", "--lang", lang))
    assert "IGU-elev" in listed and "Note on igu-elev" not in listed


def test_machine_formats_keep_the_ids() -> None:
    result = run("total", "--year", "2020", "-f", "csv")
    assert "welcome-house" in result.stderr and "Welcome House" not in result.stderr


# --- 4. say what was summed -------------------------------------------------------------


# BUF's 2020 amounts of the activities that "sprog" finds (Bilag 2), by hand.
SPROG_2020 = {
    "Københavnermodellen for integrationsrådgivningen": Decimal("1.612"),
    "Ny i København": Decimal("46.4"),
    "Sprog- og integrationsindsatsen i dagtilbud": Decimal("8.9"),
    "Sprogvurdering af børn udenfor dagtilbud": Decimal("1.2"),
    "Sprogvejledere i områderne": Decimal("2.91"),
    "Opsøgende forældresamarbejde": Decimal("4"),
    "Kompetencecenter for sprog og flersprogethed på Nørrefælled Skole": Decimal("1.17"),
    "Kompetenceudvikling indenfor dansk som andet sprog og interkulturel pædagogik": Decimal("5.6"),
}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_total_over_a_search_names_what_it_added(
    terminal: Callable[..., list[str]], width: int, lang: str
) -> None:
    assert sum(SPROG_2020.values()) == Decimal("71.792")
    text = " ".join(
        terminal(width, "total", "--year", "2020", "-d", "BUF", "-s", "sprog", "--lang", lang)
    )
    text = " ".join(text.split())
    assert ("71,792*" if lang == "da" else "71.792*") in text
    for name in SPROG_2020:
        assert name in text, name
    # Ny i København matched on "flersprogede" in its target group.
    field = "målgruppe" if lang == "da" else "target group"
    assert f"Ny i København ({field}: flersprogede)" in text
    assert ("Lægger 8 aktiviteter sammen" if lang == "da" else "Adds up 8 activities") in text


def test_a_total_over_many_says_how_many_and_how_to_see_them() -> None:
    said = run("total", "-d", "BIF").stdout
    assert "Adds up 25 activities; --by activity lists them." in said
    assert "Adds up" not in run("total", "--year", "2020").stdout  # nothing filtered


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_expiring_ends_with_the_sum_that_stops(
    terminal: Callable[..., list[str]], width: int, lang: str
) -> None:
    # Bilag 1, 4, 5: 0.6 + 1.8 (BIF), 0.8 + 0.185 (SOF), 0.75 (SUF) end after 2020.
    assert Decimal("0.6") + Decimal("1.8") + Decimal("0.8") + Decimal("0.185") + Decimal(
        "0.75"
    ) == Decimal("4.135")
    lines = terminal(width, "expiring", "--year", "2020", "--lang", lang)
    text = " ".join(" ".join(lines).split())
    if lang == "da":
        assert "Ophører efter 2020: 4,135 mio. kr." in text
    else:
        assert "Ends after 2020: 4.135 mio. kr." in text


# --- 5. honest comparisons --------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_suf_2022_is_not_quantified_not_a_cut(
    terminal: Callable[..., list[str]], width: int, lang: str
) -> None:
    lines = terminal(width, "compare", "2019", "2022", "--lang", lang)
    start = next(i for i, line in enumerate(lines) if line.startswith("SUF"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith(" "))
    block = " ".join(lines[start:end])  # the row, and its name or words over lines
    status = "ikke opgjort" if lang == "da" else "not quantified"
    assert status in " ".join(block.split()) or status.split()[1] in block
    assert "-100" not in block and "-1.256" not in block and "-1,256" not in block
    total = next(
        line
        for line in lines
        if line.strip().startswith(("129", "Total", "I alt"))
        or "129.623" in line
        or "129,623" in line
    )
    assert "-41.231" in total or "-41,231" in total  # the total still compares the numbers


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_suf_comparison_in_machine_formats(fmt: str) -> None:
    result = run("compare", "2019", "2022", "-f", fmt)
    if fmt == "json":
        import json

        suf = next(r for r in json.loads(result.stdout)["rows"] if r["key"] == "SUF")
        assert suf["change"] is None and suf["change_pct"] is None
        assert suf["status"] == "not_quantified"
    else:
        row = next(r for r in csv.DictReader(io.StringIO(result.stdout)) if r["key"] == "SUF")
        assert row["change"] == "" and row["change_pct"] == ""
        assert row["status"] == "not_quantified"


# --- 7. Danish that reads as Danish ------------------------------------------------------


@pytest.mark.parametrize("width", (*WIDTHS, 200))
def test_no_bare_ord_for_an_amount_in_words(terminal: Callable[..., list[str]], width: int) -> None:
    lines = terminal(width, "list", "-d", "SUF", "--lang", "da")
    assert not any(
        re.search(r"(?<!\w)ord(?!\w)", line)
        for line in lines[:-6]
        if "ord" in line and "Med ord" not in line
    )
    text = " ".join(lines)
    assert "Driftsbudget" in text or "‡" in text
    if "‡" in text:
        assert "‡ Med ord, ikke et tal (ikke opgjort" in text
    else:
        assert "ikke" in text and "opgjort" in text
    said = run("list", "-s", "bydelsmdre", "-f", "csv", "--lang", "da").stderr
    assert "bydelsmødre" in said and "bydelsmodre" not in said


# --- 8. help and charts ------------------------------------------------------------------


@pytest.mark.parametrize("width", WIDTHS)
def test_help_summaries_are_whole(monkeypatch: pytest.MonkeyPatch, width: int) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    result = run("--help")
    commands = result.stdout.split("Commands:")[1].splitlines()
    assert len([c for c in commands if c.strip()]) == 13
    assert not any("..." in c for c in commands)
    assert max(map(len, commands)) <= width


@pytest.mark.parametrize("lang", LANGS)
def test_chart_by_activity_with_a_filter_or_the_top(lang: str) -> None:
    # KFF 2020 (Bilag 3): FerieCamp none, FritidsGuiderne 1.5, Kontingentstøtte 1.65,
    # Sociale partnerskaber 3.4.
    kff = run("chart", "--by", "activity", "-d", "KFF", "--year", "2020", "--lang", lang)
    assert kff.exit_code == 0
    bars = {
        line.split("  ")[0].strip().rstrip("#").strip(): line.split()[-1]
        for line in kff.stdout.splitlines()[1:5]
    }
    point = "," if lang == "da" else "."
    assert bars["Sociale partnerskaber"] == f"3{point}400"
    assert bars["Kontingentstøtte til børn og unge 3-17 år"] == f"1{point}650"
    top = run("chart", "--by", "activity", "--top", "2", "--year", "2020", "--lang", lang)
    assert top.exit_code == 0
    assert "Ny i København" in top.stdout.splitlines()[1]  # 46.4*, the largest
    refused = run("chart", "--by", "activity", "--lang", lang)
    assert refused.exit_code == 2 and "--top N" in refused.stderr


def test_the_report_embeds_the_search_index(tmp_path: Path) -> None:
    import json

    page = tmp_path / "report.html"
    assert run("report", "-o", str(page)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    start = html.index('<script type="application/json" id="search-index">')
    block = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["readings"]["women"] == ["kvind"]
    assert "indvandrer-kvindecentret-drift" in data["texts"]
    assert "<" not in block  # written \u003c: the data can close no element


# --- found trying the tool as its users would (review) ----------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_a_chart_on_a_wide_terminal_keeps_each_name_on_one_line(
    terminal: Callable[..., list[str]], lang: str
) -> None:
    # Seven administrations, the longest "Beskæftigelses- og Integrationsforvaltningen"
    # (44 letters): beside a 40-wide bar it fits 120 columns, so no name wraps there; at 80
    # the names wrap and the lines still fit the window.
    wide = terminal(120, "chart", "--by", "department", "--year", "2020", "--lang", lang)
    assert wide[1].startswith("Beskæftigelses- og Integrationsforvaltningen ")
    assert wide[1].rstrip().endswith("19,200*" if lang == "da" else "19.200*")
    assert wide[7].startswith("Økonomiforvaltningen ")
    narrow = terminal(80, "chart", "--by", "department", "--year", "2020", "--lang", lang)
    assert narrow[2].strip() == "Integrationsforvaltningen"


def test_the_total_row_has_its_label_on_its_figures_line_when_names_go_under_ids(
    terminal: Callable[..., list[str]],
) -> None:
    # In Danish at 80 columns compare puts each administration's name under its code; the
    # total row has no code, so "I alt" goes where the code would, beside 129,623* (2019:
    # Bilag 1-7 summed) and 88,392* (2022), not on a line of its own under bare figures.
    lines = terminal(80, "compare", "2019", "2022", "--lang", "da")
    assert any(line.startswith("forvaltning / navn") for line in lines)
    total = next(line for line in lines if "129,623*" in line)
    assert total.split()[:3] == ["I", "alt", "129,623*"]
    assert "88,392*" in total
    assert "I alt" not in [line.strip() for line in lines]


@pytest.mark.parametrize("lang", LANGS)
def test_compare_names_the_words_it_left_out_in_the_sources_order(lang: str) -> None:
    # SUF's three activities print words for 2019 and 2022 (Bilag 5): "Driftsbudget",
    # "Driftsbudget for Center for Diabetes", "Ordinær driftbudget for plejehjem", in that
    # order; compare says them as total does, never a bare list of names.
    result = run("compare", "2019", "2022", "--lang", lang)
    said = " ".join(result.stdout.split())
    assert (
        "Forebyggende hjemmebesøg til særlige målgrupper fra 65 – 79 år (Driftsbudget), "
        "Indsatser målrettet diabetespatienter med anden etnisk baggrund i Center for "
        "Diabetes (Driftsbudget for Center for Diabetes), Mangfoldigheds-plejehjem "
        "(Ordinær driftbudget for plejehjem)"
    ) in said
    # Welcome House (Bilag 1) before Ny i København (Bilag 2), as total says them.
    assert ": Welcome House, Ny i København" in said


@pytest.mark.parametrize("lang", LANGS)
def test_show_marks_the_amounts_that_may_be_adjusted(lang: str) -> None:
    # Bilag 2: Ny i København 40,8 45,7 46,4* 46,4* 46,4*, the star's footnote "Inklusiv
    # flygtningemidler så rammen kan ændre sig": 2020-22 may be adjusted, 2018-19 not;
    # the period's 225.7 includes them. A line copied into a memo keeps its star.
    point = "," if lang == "da" else "."
    lines = run("show", "ny-i-koebenhavn", "--lang", lang).stdout.splitlines()
    budget = {line.split()[1]: line.split()[-1] for line in lines if line.startswith("budget 20")}
    assert budget == {
        "2018": f"40{point}800",
        "2019": f"45{point}700",
        "2020": f"46{point}400*",
        "2021": f"46{point}400*",
        "2022": f"46{point}400*",
    }
    total = "i alt 2018-2022" if lang == "da" else "total 2018-2022"
    assert next(line for line in lines if line.startswith(total)).endswith(f"225{point}700*")
    said = next(line for line in lines if line.startswith(("may be", "kan blive")))
    assert said.endswith("2020, 2021, 2022 (the amounts marked *)" if lang == "en" else "*)")
    # IGU-elev may not be adjusted: no star on its amounts or its period total (0.295).
    igu = run("show", "igu-elev", "--lang", lang).stdout
    assert "*" not in "".join(line for line in igu.splitlines() if line.startswith("budget"))
    assert f"0{point}295*" not in igu


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_show_has_one_precision_in_a_document_too(tmp_path: Path, suffix: str) -> None:
    # Welcome House (Bilag 1) prints 1,46 2,5 2,5 2,5 2,5; 11.46 over the period: as on the
    # terminal, a memo's table gives them all with mio. kr.'s three decimals.
    out = tmp_path / f"show.{suffix}"
    assert run("show", "welcome-house", "-o", str(out)).exit_code == 0
    shown = out.read_text(encoding="utf-8").replace("\\*", "*")
    for figure in ("1.460*", "2.500*", "11.460*"):
        assert figure in shown, figure
    assert not re.search(r"(?<![\d.])2\.5\*", shown)
    assert "1.46*" not in shown


def test_decimals_help_says_the_default_the_tables_use(monkeypatch: pytest.MonkeyPatch) -> None:
    # The default is one precision per table: mio. kr. with three decimals, so BIF's
    # "3,3" (Bilag 1, Håndholdt ... virksomhedsindsats) is shown 3.300, not 3.3.
    monkeypatch.setenv("COLUMNS", "200")
    said = " ".join(run("list", "--help").stdout.split())
    assert "as many as its amounts need" not in said
    assert "one precision per table (mio. kr.: 3)" in said
    line = next(row for row in run("list", "-d", "BIF").stdout.splitlines() if "haandholdt" in row)
    assert line.split()[-4:] == ["3.300"] * 4


@pytest.mark.parametrize("lang", LANGS)
def test_one_activity_is_said_in_the_singular(lang: str) -> None:
    # "welcome house" finds Welcome House alone (2.5* in 2020, Bilag 1); BIF's only
    # activity last funded in 2021 is Bydelsmødre (0,3 in 2018-2021, Bilag 1).
    total = run("total", "-s", "welcome house", "--year", "2020", "--lang", lang).stdout
    assert ("Adds up 1 activity:" if lang == "en" else "Lægger 1 aktivitet sammen:") in total
    ending = run("expiring", "--year", "2021", "-d", "BIF", "--lang", lang).stdout
    assert ("of this activity." if lang == "en" else "denne aktivitets finansiering") in ending
    for said in (total, ending):
        assert "1 activities" not in said and "1 aktiviteter" not in said


@pytest.mark.parametrize("lang", LANGS)
def test_compare_by_activity_names_the_words_only_rows_once_each(lang: str) -> None:
    # SUF's three operating budgets are words in 2019 and in 2022 (Bilag 5): for people
    # each is named (not its id) once, with both years, not once a year by id.
    said = _words("compare", "2019", "2022", "--by", "activity", "-d", "SUF", "--lang", lang)
    assert "Mangfoldigheds-plejehjem (2019, 2022)" in said
    assert "Forebyggende hjemmebesøg til særlige målgrupper fra 65 – 79 år (2019, 2022)" in said
    assert "forebyggende-hjemmebesoeg (" not in said
    # By department the row is the administration's code, as the table shows it.
    assert "SUF (2022)" in _words("compare", "2019", "2022", "--lang", lang)


@pytest.mark.parametrize("lang", LANGS)
def test_a_short_list_takes_at_most_two_lines_an_activity_at_120(
    terminal: Callable[..., list[str]], lang: str
) -> None:
    # "kvinder" finds ten activities; as a table with its section and name wrapped in
    # narrow columns each took up to five lines at 120 columns ("Puljen til / frivilligt /
    # socialt / arbejde"). A line an activity, or two, as the whole list reads.
    found = _ids("-s", "kvinder")
    assert len(found) == 10
    _, rows = _table_lines(terminal(120, "list", "-s", "kvinder", "--lang", lang))
    rows = [row for row in rows if not row.startswith("'kvinder'")]
    assert len(rows) <= 2 * len(found)
    for activity in found:
        line = next(row for row in rows if row.startswith(activity + " "))
        assert line.rstrip().endswith(("–", "0", "*")), line  # its amounts on its line
    # A table of sums keeps its wrapped names and its total row labelled beside its figures.
    compared = terminal(120, "compare", "2019", "2022", "--by", "activity", "-d", "SUF")
    total = next(line for line in compared if "1.256" in line and "-1.256" in line)
    assert total.split()[0] == "Total"


@pytest.mark.parametrize("lang", LANGS)
def test_a_coloured_terminal_line_ends_where_its_words_do(
    monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    # With colour, a wrapped footnote's or a name's padding sat before the style's closing
    # code, out of reach of a plain rstrip: a line copied into a memo carried the spaces.
    from budgetcli.cli import answer

    monkeypatch.setattr(answer, "_isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.delenv("NO_COLOR")
    lines = run("list", "-d", "SUF", "--lang", lang).stdout.splitlines()
    assert any("\x1b[" in line for line in lines)  # coloured, as on a terminal
    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in lines]
    assert max(map(len, plain)) <= 80
    assert "Mangfoldigheds-plejehjem" in plain  # a name under its id, alone on its line
    assert [line for line in plain if line != line.rstrip()] == []


@pytest.mark.parametrize("lang", LANGS)
def test_compare_says_the_igu_trainees_actual_spend_differed(lang: str) -> None:
    # Bilag 7's footnote: IGU-elev budgeted 0,205 and 0,090, actually 117.590 kr. in 2018
    # and 0 kr. in 2019. Comparing those budgets, compare says so, as total does.
    said = _words("compare", "2018", "2019", "--by", "activity", "-d", "ØKF", "--lang", lang)
    assert (
        "Budget figures; actual spend differs for IGU-elev"
        if lang == "en"
        else "Budgettal; det faktiske forbrug afviger for IGU-elev"
    ) in said
    # 2020 and 2022 hold no IGU amount: nothing to say there.
    later = run("compare", "2020", "2022", "--lang", lang).stdout
    assert "IGU-elev" not in later
    document = json.loads(run("compare", "2018", "2019", "-f", "json").stdout)
    assert {"kind": "actual", "text": "Budget figures; actual spend differs for igu-elev"} in (
        document["footnotes"]
    )


@pytest.mark.parametrize("lang", LANGS)
def test_a_nested_total_in_blocks_keeps_its_tree(
    terminal: Callable[..., list[str]], lang: str
) -> None:
    # At 80 columns `total --by department,section` is a block a row; BIF's section "Job
    # og uddannelse" (18.78 in 2018, Bilag 1) stays indented under its administration, as
    # in the table, so a reader tells a section from an administration.
    lines = terminal(80, "total", "--by", "department,section", "--lang", lang)
    bif = lines.index("Beskæftigelses- og Integrationsforvaltningen")
    section = lines.index("  Job og uddannelse")
    assert section > bif
    point = "," if lang == "da" else "."
    assert lines[section + 1].startswith(f"  2018 18{point}780")
    assert "Børne- og Ungdomsforvaltningen" in lines  # an administration, not indented


def test_an_answer_of_no_rows_is_its_title_and_its_message_not_headings_over_nothing() -> None:
    # Budget 2015 funds BIF activities only (source lines 330 and 466, in Bilag 1); BUF is
    # Bilag 2 (lines 509-672).
    result = run("list", "-d", "BUF", "--funding", "Budget 2015")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "Activities, BUF: Børne- og Ungdomsforvaltningen, funding “Budget 2015” (mio. kr.)"
    ]
    assert "no activities match" in result.stderr

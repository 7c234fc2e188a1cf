"""What a person sees (issue 10): tables that hold at any width, figures that line up, titles
that say what was asked, one rule for sums, --unit, --sort/--top, footnotes at scale.

Figures are the source's (../shared/source/000_fec51d6fff7b33c6.txt): BUF's 2021 total
64.592 (Bilag 2), the 2020 total 111.037, the IGU trainee's actual 117.590 kr. in 2018
(Bilag 7's footnote), Ny i København's 46.4 in 2020, BUF's largest (Bilag 2).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcli.formats import Format, Options, report_writer
from budgetcli.formats.cells import aligned, precision
from budgetcli.i18n import Lang, Tr
from budgetcli.model import Dataset
from budgetcli.reports import Marked, Report
from budgetcli.reports.compare import comparison_report
from budgetcli.results import Filters
from budgetcli.results.build import compare_result
from budgetcli.terms import Basis, Grouping
from tests.conftest import run
from tests.presenting import (
    chart_report,
    expiring_report,
    list_report,
    notes_report,
    show_report,
    total_report,
)

WIDTHS = (60, 80, 100, 120, 200)
ANSI = re.compile(r"\x1b\[[0-9;?]*[a-zA-Z]")


def _reports(dataset: Dataset) -> dict[str, Report]:
    acts = dataset.activities
    buf = [a for a in acts if a.department == "BUF"]
    return {
        "list": list_report(dataset, acts),
        "list -d BUF": list_report(dataset, buf, Filters(department=("BUF",))),
        "list -d SUF": list_report(dataset, [a for a in acts if a.department == "SUF"]),
        "expiring": expiring_report(dataset, acts, None),
        "expiring --year 2019": expiring_report(dataset, acts, 2019),
        "total": total_report(dataset, acts, None, None, Basis.budget),
        "total --by department": total_report(
            dataset, acts, None, Grouping.department, Basis.budget
        ),
        "total --by activity -y 2020": total_report(
            dataset, acts, 2020, Grouping.activity, Basis.budget
        ),
        "total --by section": total_report(dataset, acts, None, Grouping.section, Basis.budget),
        "compare --by activity": comparison_report(
            compare_result(dataset, acts, 2019, 2022, Grouping.activity), dataset
        ),
        "compare": comparison_report(
            compare_result(dataset, acts, 2018, 2020, Grouping.department), dataset
        ),
        "notes": notes_report(dataset, ()),
        "show igu-elev": show_report(dataset, next(a for a in acts if a.id == "igu-elev")),
        "chart --by department": chart_report(dataset, acts, Grouping.department, 2020),
    }


def _screen(report: Report, width: int, lang: str = "en") -> str:
    text = report_writer(Format.table)(report, Options(Lang(lang), terminal=True, width=width))
    assert isinstance(text, str)
    return ANSI.sub("", text)


def _tokens(screen: str) -> set[str]:
    return set(screen.split())


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_table_holds_at_every_width(dataset: Dataset, width: int, lang: str) -> None:
    tr = Tr(lang)
    for name, report in _reports(dataset).items():
        screen = _screen(report, width, lang)
        lines = screen.splitlines()
        assert max(map(len, lines)) <= width, (name, width)
        tokens = _tokens(screen)
        for row in report.rows:
            for value, column in zip(row, report.columns, strict=True):
                if not column.human:
                    continue
                if column.key in ("id", "key") and isinstance(value, str) and value != "total":
                    assert value in tokens, (name, width, value)  # ids whole, never cut
                elif isinstance(value, Decimal | Marked):
                    shown = tr.num(value if isinstance(value, Decimal) else value.value)
                    assert any(t.startswith(shown) for t in tokens), (name, width, shown)
                elif column.key == "name" and isinstance(value, str):
                    assert set(value.split()) <= tokens, (name, width, value)  # words whole


@pytest.mark.parametrize("width", [120, 200])
def test_decimal_separators_share_a_column_on_screen(dataset: Dataset, width: int) -> None:
    buf = [a for a in dataset.activities if a.department == "BUF"]
    lines = _screen(list_report(dataset, buf), width).splitlines()
    # Rows whose last year (2022) has decimals: their last separator is that column's.
    fractional = [
        a.id for a in buf if isinstance(c := a.cell(2022), Decimal) and c != c.to_integral_value()
    ]
    points = {
        line.rfind(".")
        for line in lines
        for activity_id in fractional
        if line.startswith(activity_id + " ")
    }
    assert len(fractional) >= 2 and len(points) == 1


amounts = st.decimals(min_value=0, max_value=10_000, places=3, allow_nan=False)
cells = st.one_of(
    amounts,
    st.builds(Marked, amounts, st.sampled_from(["*", "†"])),
    st.none(),
)


@given(st.lists(cells, min_size=1, max_size=12), st.sampled_from(["en", "da"]))
def test_aligned_amounts_have_one_width_and_one_decimal_column(
    values: list[Decimal | Marked | None], lang: str
) -> None:
    tr = Tr(lang)
    shown = aligned(values, tr)
    places = precision(values)
    separator = "," if lang == "da" else "."
    ends = set()  # where each cell's last digit (or dash) stands, counted from the right
    for value, text in zip(values, shown, strict=True):
        if value is None:
            ends.add(len(text) - text.index("–"))
            continue
        amount = value if isinstance(value, Decimal) else value.value
        digits = tr.num(amount, places)
        start = len(text) - len(text.lstrip())
        assert text[start:].startswith(digits)  # never cut
        assert Decimal(digits.replace(",", "").replace(".", "") or 0).scaleb(-places) == amount
        assert digits.count(separator) == (1 if places else 0)  # one precision
        ends.add(len(text) - (start + len(digits) - 1))
    assert len({len(text) for text in shown}) == 1  # one width: any justification aligns
    # Right-aligned in one column (issue 30): every last digit, and every dash for no
    # amount, stands in one place; a marker hangs after it in a slot of its own.
    assert len(ends) == 1


def test_a_real_terminal_at_80_columns(tmp_path: Path) -> None:
    script = shutil.which("script")
    if script is None:
        pytest.skip("no script(1) to make a pseudo-terminal")
    budgetcli = Path(sys.executable).with_name("budgetcli")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    env |= {"COLUMNS": "80", "LINES": "50", "TERM": "xterm-256color"}
    for args in ("list -d TMF", "total --by department --lang da", "expiring --year 2019"):
        done = subprocess.run(
            [script, "-qec", f"{budgetcli} {args}", "/dev/null"],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=True,
        )
        screen = ANSI.sub("", done.stdout).replace("\r", "")
        lines = screen.splitlines()
        assert lines and max(map(len, lines)) <= 80, args
    # The last one: every id that expires in 2019 is whole on the screen.
    for activity_id in ("minoritetsfamilier-kontanthjaelp", "samarbejde-med-frak"):
        assert activity_id in screen


# --- titles and filters ---------------------------------------------------------------


def _at(record: dict[str, object], year: int) -> object:
    """A sum's or an activity's amount in one year."""
    per_year = record["years"] if "years" in record else record["budget"]
    assert isinstance(per_year, list)
    return next(y for y in per_year if y["year"] == year)["amount"]


def test_titles_and_json_say_what_was_asked() -> None:
    table = run("total", "--year", "2021", "-d", "BUF")
    assert table.stdout.startswith("Budget 2021, BUF: Børne- og Ungdomsforvaltningen (mio. kr.)")
    data = json.loads(run("total", "--year", "2021", "-d", "BUF", "-f", "json").stdout)
    assert data["filters"] == {
        "department": ["BUF"],
        "section": [],
        "year": 2021,
        "search": None,
        "funding": None,
    }
    assert Decimal(str(_at(data["total"], 2021))) == Decimal("64.592")
    md = run("compare", "2019", "2020", "-s", "flygtning", "-f", "markdown").stdout
    assert md.startswith("**Budget 2019 compared with 2020 by department, matching “flygtning”")
    danish = run("list", "--section", "Flygtningeområdet", "--lang", "da").stdout
    assert danish.startswith("Aktiviteter, afsnit “Flygtningeområdet” (mio. kr.)")
    chart = json.loads(run("chart", "-d", "SOF", "-f", "json").stdout)
    assert chart["filters"]["department"] == ["SOF"]


# --- one rule for sums and changes ---------------------------------------------------------


def test_a_sum_over_nothing_is_0_and_words_alone_are_not_quantified() -> None:
    data = json.loads(run("total", "--year", "2020", "--by", "department", "-f", "json").stdout)
    groups = {g["key"]: g for g in data["rows"]}
    assert _at(groups["TMF"], 2020) == 0 and _at(groups["ØKF"], 2020) == 0  # nothing printed
    suf_2021 = json.loads(run("total", "--year", "2021", "-d", "SUF", "-f", "json").stdout)
    total = suf_2021["total"]["years"][0]
    assert total["amount"] is None  # all three cells are words: not 0
    assert total["kind"] == "words"
    assert total["not_quantified"] == [
        "forebyggende-hjemmebesoeg",
        "center-for-diabetes",
        "mangfoldighedsplejehjem",
    ]
    _says(("total", "--year", "2021", "--by", "department"), "not quantified", "ikke opgjort")


def test_change_and_percentage_come_together() -> None:
    data = json.loads(run("compare", "2019", "2022", "-d", "SUF", "-f", "json").stdout)
    suf = data["rows"][0]
    # 2019: 1 + 0.256 (Etnisk Ressourceteam, Muhabet) and words; 2022: words only.
    assert Decimal(str(_at(suf, 2019))) == Decimal("1.256") and _at(suf, 2022) is None
    assert (suf["change"] is None) == (suf["change_pct"] is None)
    # A year of words only is not a year of 0 (issue 30): SUF's row is not compared...
    assert suf["change"] is None and suf["status"] == "not_quantified"
    # ...and the total row compares the numbers, saying what it left out.
    assert Decimal(str(data["total"]["change"])) == Decimal("-1.256")
    by_activity = json.loads(
        run("compare", "2019", "2022", "-d", "SUF", "--by", "activity", "-f", "json").stdout
    )
    for row in by_activity["rows"]:
        if row["change"] is not None and _at(row, 2019):
            assert row["change_pct"] is not None, row
    danish = run("compare", "2019", "2022", "-d", "SUF", "--lang", "da").stdout
    assert "-100,0 %" in danish


# --- units ---------------------------------------------------------------------------------


def test_units_are_an_exact_shift() -> None:
    shown = json.loads(run("show", "igu-elev", "--unit", "kr", "-f", "json").stdout)
    igu = shown["rows"][0]
    assert igu["budget"][0]["actual"] == 117590  # "117.590 kr. i 2018", exactly
    assert _at(igu, 2018) == 205000
    total = json.loads(run("total", "--year", "2020", "--unit", "tkr", "-f", "json").stdout)
    assert _at(total["total"], 2020) == 111037 and total["unit"] == "t.kr."
    table = run("show", "igu-elev", "--unit", "kr", "--lang", "da").stdout
    assert "117.590" in table and "(kr.)" in table.splitlines()[0]
    csv = run("total", "--year", "2020", "--unit", "kr", "-f", "csv").stdout
    assert "111037000" in csv and csv.splitlines()[0].endswith(",unit")


# --- sort and top --------------------------------------------------------------------------


def test_sort_and_top() -> None:
    top = json.loads(run("list", "-d", "BUF", "--sort", "-2020", "--top", "2", "-f", "json").stdout)
    assert [a["id"] for a in top["rows"]] == ["ny-i-koebenhavn", "sprog-integration-dagtilbud"]
    by_name = json.loads(run("list", "-d", "TMF", "--sort", "name", "-f", "json").stdout)
    names = [a["name"] for a in by_name["rows"]]
    assert names == sorted(names, key=str.casefold)
    total = run("total", "--year", "2020", "--by", "activity", "--sort", "-2020", "--top", "1")
    assert "ny-i-koebenhavn" in total.stdout and "Showing 1 of" in total.stdout
    assert "111.037*" in total.stdout  # the total still counts every row
    change = json.loads(
        run(
            "compare",
            "2019",
            "2022",
            "--by",
            "activity",
            "--sort",
            "change",
            "--top",
            "1",
            "-f",
            "json",
        ).stdout
    )
    assert change["rows"][0]["key"] == "sprog-integration-dagtilbud"  # 10.2 -> 1 (Bilag 2)
    none_last = json.loads(run("list", "-d", "SUF", "--sort", "-2018", "-f", "json").stdout)
    assert _at(none_last["rows"][-1], 2018) is None  # no amount sorts last either way
    wrong = run("list", "--sort", "colour")
    assert wrong.exit_code == 2 and "sort by id, name" in wrong.stderr


# --- footnotes at scale --------------------------------------------------------------------


@pytest.mark.slow
def test_footnotes_stay_short_at_20000_activities(tmp_path: Path) -> None:
    from benchmarks.generate import synthetic_yaml

    data = tmp_path / "big.yaml"
    data.write_text(synthetic_yaml(20_000), encoding="utf-8")
    result = run("list", "--data", str(data), "-f", "csv")
    assert result.exit_code == 0
    notes = result.stderr.splitlines()
    assert 0 < len(notes) < 10
    assert all(len(line) < 1_000 for line in notes)
    assert any(re.search(r"and \d+ more", line) for line in notes)


# --- what a first trial found ----------------------------------------------------------------


def test_no_arguments_shows_the_help() -> None:
    result = run()
    assert result.exit_code == 2
    assert result.stderr.startswith("Usage: budgetcli") and "\\n" not in result.stderr
    assert "Commands" in result.stderr


def test_every_json_document_names_its_unit() -> None:
    listed = json.loads(run("list", "-d", "ØKF", "--unit", "kr", "-f", "json").stdout)
    assert listed["unit"] == "kr."
    shown = json.loads(run("show", "igu-elev", "--unit", "kr", "-f", "json").stdout)
    assert shown["unit"] == "kr." and _at(shown["rows"][0], 2018) == 205000


def test_markdown_keeps_its_stars() -> None:
    md = run("total", "-y", "2020", "-f", "markdown").stdout
    assert "- \\* 2020: includes amounts that may be adjusted" in md  # not a nested list
    assert "111.037\\*" in md


def test_a_block_never_parts_a_label_from_its_amount(dataset: Dataset) -> None:
    from budgetcli.queries import in_unit
    from budgetcli.terms import Unit

    kroner = in_unit(dataset, Unit.kr)
    report = total_report(kroner, kroner.activities, None, Grouping.department, Basis.budget)
    for width in (60, 70):
        for line in _screen(report, width).splitlines():
            assert not re.search(r"\S\s+(20\d\d|total)$", line.strip()), (width, line)


def test_compare_says_when_a_year_is_words_only() -> None:
    _says(
        ("compare", "2019", "2022", "-d", "SUF"),
        "Not quantified (words only, not a number) in a year, so not compared: SUF",
        "Ikke opgjort (kun tekst, intet tal) i et af årene, så ikke sammenlignet: SUF (2022)",
    )


def _says(args: tuple[str, ...], english: str, danish: str) -> None:
    """The table ``budgetcli ARGS`` prints says ``english``, and ``danish`` with --lang da."""
    assert english in run(*args).stdout
    assert danish in run(*args, "--lang", "da").stdout


def test_top_says_how_many_it_shows() -> None:
    assert "Showing 2 of 67." in run("list", "--sort", "-2020", "--top", "2").stdout
    assert "Viser 2 af 11." in run("list", "-d", "BUF", "--top", "2", "--lang", "da").stdout


def test_a_code_prefix_names_a_department() -> None:
    listed = json.loads(run("list", "-d", "bu", "-f", "json").stdout)
    assert listed["rows"][0]["department"] == "BUF"


def test_a_directory_as_output_is_a_file_problem(tmp_path: Path) -> None:
    result = run("list", "-o", str(tmp_path))
    assert result.exit_code == 1 and "it is a directory" in result.stderr


def test_documents_carry_no_command_hints(tmp_path: Path) -> None:
    for name in ("chart.svg", "chart.html"):
        path = tmp_path / name
        assert run("chart", "--by", "department", "-y", "2020", "-o", str(path)).exit_code == 0
        page = path.read_text(encoding="utf-8")
        assert "budgetcli notes" not in page and "--basis" not in page
    assert "budgetcli notes" in run("total", "-y", "2020").stdout  # the terminal keeps them


def test_a_zero_has_its_columns_precision() -> None:
    rows = run("compare", "2021", "2022", "--by", "activity", "-d", "BIF").stdout
    # 3.3 - 3.3 is 0 in a table of mio. kr. with three decimals (issue 30; BIF's 2021-2022
    # changes, Bilag 1).
    assert re.search(r"\s0\.000\s", rows) and not re.search(r"\s0\.0\s", rows)


@pytest.mark.parametrize("width", [80, 200])
def test_a_dash_stands_where_the_last_digit_does(dataset: Dataset, width: int) -> None:
    # SUF 2018 (Bilag 5): 1 (Etnisk Ressourceteam), nothing (Peder Lykke), words, 0.256.
    suf = [a for a in dataset.activities if a.department == "SUF"]
    lines = _screen(list_report(dataset, suf), width).splitlines()
    one = next(line for line in lines if line.startswith("etnisk-ressourceteam "))
    none = next(line for line in lines if line.startswith("aktivitetscenter-peder-lykke "))
    number = next(line for line in lines if line.startswith("muhabet-faellesspisning "))
    start = len("aktivitetscenter-peder-lykke") + 1
    ends = {
        one.index("1.000", start) + 4,
        none.index("–", start),
        number.index("0.256") + 4 if "0.256" in number else -1,
    }
    assert len(ends) == 1

"""The hledger journal: budget goals per year and the reported actual spend, in whole kroner,
read by hledger itself (Debian's /usr/bin/hledger, when installed)."""

from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcli.errors import OutputError
from budgetcli.formats import Format, resolve
from budgetcli.formats.journal import journal
from budgetcli.model import Dataset, TextCell
from tests.conftest import run

# The yearly sums of the source's printed amounts, in kroner (tests/test_export.py TOTALS,
# hand-summed; the blind second reading in tests/data/second_reading.tsv gives the same).
KRONER = {2018: 129_233_000, 2019: 129_623_000, 2020: 111_037_000, 2021: 94_802_000}
KRONER[2022] = 88_392_000
HLEDGER = shutil.which("hledger")


def _goals(text: str) -> dict[int, dict[str, int]]:
    """Per year, account -> goal, read from the periodic transactions."""
    out: dict[int, dict[str, int]] = {}
    year = 0
    for line in text.splitlines():
        if line.startswith("~ yearly from "):
            year = int(line.split()[3][:4])
            out[year] = {}
        elif year and (m := re.match(r"    \((\S+)\)\s+DKK (-?\d+)(  ;|$)", line)):
            out[year][m.group(1)] = int(m.group(2))
        elif not line.strip():
            year = 0
    return out


def test_budget_goals_are_the_printed_amounts_in_kroner(dataset: Dataset) -> None:
    goals = _goals(journal(dataset))
    assert {year: sum(g.values()) for year, g in goals.items()} == KRONER
    assert goals[2018]["expenses:ØKF:igu-elev"] == 205_000  # 0,205* in Bilag 7
    # Words are no goal (not 0), an empty cell neither; an explicit 0 is a goal of 0.
    for a in dataset.activities:
        for year, cell in a.budget.items():
            account = f"expenses:{a.department}:{a.id}"
            if isinstance(cell, Decimal):
                assert goals[year][account] == int(cell * 1_000_000)
            else:
                assert account not in goals[year]
    words = [c for a in dataset.activities for c in a.budget.values() if isinstance(c, TextCell)]
    assert len(words) == 15  # SUF's three rows, every year
    assert "no number, the source prints 'Driftsbudget'" in journal(dataset)


def test_the_format_is_chosen_by_extension_or_name(tmp_path: Path) -> None:
    assert resolve(None, tmp_path / "b.journal", dataset=True) is Format.hledger
    assert resolve("hledger", tmp_path / "b.txt", dataset=True) is Format.hledger


def test_activities_never_share_an_account(dataset: Dataset) -> None:
    first, second = dataset.activities[:2]
    second = second._replace(id="a:b", department=first.department)
    clash = dataset._replace(activities=(first._replace(id="a b"), second))
    with pytest.raises(OutputError, match="share the hledger account"):
        journal(clash)


def test_names_cannot_break_the_journal(dataset: Dataset) -> None:
    first = dataset.activities[0]
    hostile = first._replace(name="line one\n2020-01-01 injected\n    (assets:x)  DKK 1")
    text = journal(dataset._replace(activities=(hostile, *dataset.activities[1:])))
    assert "\n2020-01-01 injected" not in text


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed (apt install hledger)")
def test_hledger_compares_budget_with_actual(tmp_path: Path) -> None:
    path = tmp_path / "budget.journal"
    result = run("export", str(path))
    assert result.exit_code == 0, result.stderr
    assert HLEDGER is not None
    report = subprocess.run(
        [HLEDGER, "-f", str(path), "balance", "--budget", "-Y", "-b", "2018", "-e", "2023"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    lines = [" ".join(line.split()) for line in report.splitlines()]  # without the alignment
    igu = next(line for line in lines if "expenses:ØKF:igu-elev" in line)
    # The footnote: actual spend 117.590 kr. in 2018 against the budget 0,205 mio. kr.
    assert "DKK 117590 [57% of DKK 205000]" in igu
    total = lines[-1]
    for kroner in KRONER.values():
        assert f"DKK {kroner}]" in total
    command = [HLEDGER, "-f", str(path), "check"]
    check = subprocess.run(command, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stderr


def test_goals_sum_to_budgetcli_totals_on_generated_data(tmp_path: Path) -> None:
    from benchmarks.generate import synthetic_yaml
    from budgetcli.results.sums import year_sum
    from budgetcli.source.loader import load

    source = tmp_path / "synthetic.yaml"
    source.write_text(synthetic_yaml(300, seed=24), encoding="utf-8")
    generated = load(source, use_cache=False)
    goals = _goals(journal(generated))
    for year in generated.years:
        total = year_sum(generated.activities, year).amount or 0
        assert sum(goals[year].values()) == int(total * 1_000_000), year
    if HLEDGER is not None:
        path = tmp_path / "g.journal"
        path.write_text(journal(generated), encoding="utf-8")
        command = [HLEDGER, "-f", str(path), "check"]
        check = subprocess.run(command, capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stderr


# --- issue 32, item 9: an id is the payee, never a mark or a code --------------------------

MARKS = ("*y", "!x", "(z)", "*", "=2020-01-01", "plain")


def _marked(dataset: Dataset) -> Dataset:
    igu = next(a for a in dataset.activities if a.actual)
    return dataset._replace(activities=tuple(igu._replace(id=i) for i in MARKS))


def test_an_id_that_looks_like_a_mark_or_code_stays_the_description(dataset: Dataset) -> None:
    lines = journal(_marked(dataset)).splitlines()
    for activity_id in MARKS:
        payee = activity_id if activity_id[0] not in "*!(" else f"() {activity_id}"
        assert f"2018-12-31 {payee} | actual spend  ; IGU-elev" in lines


@pytest.mark.skipif(HLEDGER is None, reason="hledger is not installed (apt install hledger)")
def test_hledger_reads_every_id_as_the_description(dataset: Dataset, tmp_path: Path) -> None:
    import json

    assert HLEDGER is not None
    path = tmp_path / "marks.journal"
    path.write_text(journal(_marked(dataset)), encoding="utf-8")
    printed = subprocess.run(
        [HLEDGER, "-f", str(path), "print", "-O", "json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    read = {
        (t["tstatus"], t["tcode"], t["tdescription"])
        for t in json.loads(printed)
        if t["tdate"] == "2018-12-31"
    }
    assert read == {("Unmarked", "", f"{i} | actual spend") for i in MARKS}

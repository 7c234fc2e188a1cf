"""README's "Using the data in other tools": every recipe is run as printed, in a shell.

Each ```console block of that section is a script: `$ ` lines are commands (a heredoc runs
to its `EOF` line), the lines after a command are what it prints on stdout. The test runs
the commands in order in a fresh directory and compares. Then it checks the printed figures
against the model's exact Decimal totals, so the README cannot show a wrong answer.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcli.filtering import select
from budgetcli.model import Dataset, TextCell
from budgetcli.results import Filters
from budgetcli.results.sums import year_sum
from tests import readme
from tests.readme import Step

MILLION = Decimal(1_000_000)

# Commands the CLI does not take yet (the lead wires them into the export command); until
# `budgetcli export --help` names the option, the recipe runs the library call instead.
_LOAD = (
    "from budgetcli.source.loader import load, bundled_data_path; d = load(bundled_data_path()); "
)
UNWIRED = {
    "budgetcli export budget --format datapackage": (
        "datapackage",
        "python -c 'from pathlib import Path; "
        + _LOAD
        + "from budgetcli.formats.datapackage import write_datapackage; "
        + 'write_datapackage(d, Path("budget"))\'',
    ),
    "budgetcli export data.sqlite --datasette-metadata metadata.json": (
        "--datasette-metadata",
        "budgetcli export data.sqlite && python -c 'import json; "
        + _LOAD
        + "from budgetcli.formats.datasette_meta import datasette_metadata; "
        + 'open("metadata.json", "w").write(json.dumps(datasette_metadata(d)))\'',
    ),
}


TOOLS = "## Using the data in other tools"


def recipes(heading: str = TOOLS) -> dict[str, list[Step]]:
    """Each console block of the section, named by the bold tool name before it."""
    pattern = r"^\*\*(\w+)\*\*(?:(?!```).)*?```console\n(.*?)```"
    found = re.findall(pattern, readme.section(heading), flags=re.DOTALL | re.MULTILINE)
    return {name: readme.steps(block) for name, block in found}


def _wired(option: str) -> bool:
    result = subprocess.run(
        [str(readme.BIN / "budgetcli"), "export", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    return option in result.stdout


def run_recipe(name: str, directory: Path, heading: str = TOOLS) -> list[tuple[Step, str]]:
    """Run one recipe's commands in ``directory``; (step, what it printed) for each."""
    out = []
    for step in recipes(heading)[name]:
        command = step.command
        if command in UNWIRED and not _wired(UNWIRED[command][0]):
            command = UNWIRED[command][1]
        result = readme.shell(command, directory)
        assert result.returncode == 0, (step.command, result.stderr)
        out.append((step, result.stdout.rstrip("\n")))
    return out


def _ran(name: str, directory: Path, heading: str = TOOLS) -> list[str]:
    """Run the recipe; assert the README shows what it printed; return the outputs."""
    outputs = []
    for step, raw in run_recipe(name, directory, heading):
        # Trailing blanks (hledger pads its table) do not survive in Markdown.
        printed = "\n".join(line.rstrip() for line in raw.split("\n"))
        shown = "\n".join(line.rstrip() for line in step.output.split("\n"))
        assert printed == shown, f"{step.command}\nprints:\n{printed}"
        outputs.append(printed)
    return outputs


def _kroner(amount: Decimal | None) -> int | None:
    return None if amount is None else int(amount * MILLION)


def _department_totals(dataset: Dataset, year: int) -> dict[str, tuple[Decimal | None, int]]:
    """Per administration: the exact sum and the number of text cells."""
    out = {}
    for department in dataset.departments:
        members = [a for a in dataset.activities if a.department == department.code]
        total = year_sum(members, year)
        out[department.code] = (
            total.amount,
            len(total.not_quantified),
        )
    return out


def test_the_section_has_the_four_recipes() -> None:
    assert set(recipes()) == {"datasette", "DuckDB", "hledger", "pandas", "jq"}


@pytest.mark.slow
def test_datasette_recipe(tmp_path: Path, dataset: Dataset) -> None:
    _export, per_year, per_department, searched, words = _ran("datasette", tmp_path)
    years = {row["year"]: row["total_kr"] for row in json.loads(per_year)}
    assert years == {y: _kroner(year_sum(dataset.activities, y).amount) for y in dataset.years}
    assert years[2019] == 129_623_000 and years[2020] == 111_037_000  # hand sums (test_export)
    rows = {
        r["department"]: (r["total_kr"], r["not_quantified_count"])
        for r in json.loads(per_department)
    }
    expected = _department_totals(dataset, 2021)
    assert rows == {code: (_kroner(total), text) for code, (total, text) in expected.items()}
    assert rows["SUF"] == (None, 3)  # words only: no sum, never 0
    # The search finds what budgetcli's own search finds (here: within BIF).
    found = [a.id for a in select(dataset, Filters(search="flygtninge")) if a.department == "BIF"]
    assert sorted(row["id"] for row in json.loads(searched)) == sorted(found)
    texts = [c.text for a in dataset.activities if isinstance(c := a.cell(2021), TextCell)]
    assert [row["words"] for row in json.loads(words)] == texts


@pytest.mark.slow
def test_duckdb_recipe(tmp_path: Path, dataset: Dataset) -> None:
    _export, printed = _ran("DuckDB", tmp_path)
    total, *lines = printed.splitlines()
    assert total == "111.037"  # the 2020 sum of the source, by hand (tests/test_export.py)
    shown = {}
    for line in lines:
        department, kroner, text = line.split()
        shown[department] = (None if kroner == "None" else int(kroner), int(text))
    expected = _department_totals(dataset, 2020)
    assert shown == {code: (_kroner(total), text) for code, (total, text) in expected.items()}
    assert sum(k for k, _ in shown.values() if k is not None) == 111_037_000


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("hledger") is None, reason="hledger is not installed")
def test_hledger_recipe(tmp_path: Path, dataset: Dataset) -> None:
    _export, printed = _ran("hledger", tmp_path)
    igu = next(line for line in printed.splitlines() if "igu-elev" in line)
    # Bilag 7's footnote: 117.590 kr. spent in 2018 against the budget 0,205 mio. kr.
    assert " ".join(igu.split()).endswith("DKK 117590 [57% of DKK 205000] 0 [0% of DKK 90000]")


@pytest.mark.slow
def test_pandas_recipe(tmp_path: Path, dataset: Dataset) -> None:
    _export, printed = _ran("pandas", tmp_path)
    lines = printed.splitlines()
    header = lines[0].split()
    assert header == ["year", *map(str, dataset.years)]
    table = {line.split()[0]: line.split()[1:] for line in lines[2:]}
    for code, (_, _) in _department_totals(dataset, 2018).items():
        for year, shown in zip(dataset.years, table[code], strict=True):
            total = year_sum([a for a in dataset.activities if a.department == code], year)
            # Every amount has at most 3 decimals, so the sum rounded to 3 is the exact sum.
            assert (None if shown == "NaN" else Decimal(shown)) == (total.amount), (code, year)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_jq_recipe(tmp_path: Path, dataset: Dataset) -> None:
    _export, printed = _ran("jq", tmp_path)
    shown = {}
    for line in printed.splitlines():
        code, total, text = line.split()
        shown[code] = (None if total == "null" else Decimal(total), int(text))
    assert shown == _department_totals(dataset, 2020)

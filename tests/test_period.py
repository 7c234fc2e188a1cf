"""Any period: a 2019-2023 data file works everywhere, and every title, help text and
document takes its period (and its number of administrations) from the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from budgetcli.model import Dataset
from budgetcli.source.loader import load
from budgetcli.yamlwrite import dump
from tests.conftest import COMMANDS, run

YEARS = range(2019, 2024)


def shifted(dataset: Dataset, by: int) -> Dataset:
    """The same overview ``by`` years later: every year cell, actual and adjustable year."""
    return dataset._replace(
        first_year=dataset.first_year + by,
        last_year=dataset.last_year + by,
        activities=tuple(
            a._replace(
                budget={y + by: c for y, c in a.budget.items()},
                actual={y + by: c for y, c in a.actual.items()} if a.actual else None,
                adjustable=frozenset(y + by for y in a.adjustable),
            )
            for a in dataset.activities
        ),
    )


@pytest.fixture
def later(tmp_path: Path, dataset: Dataset) -> Path:
    path = tmp_path / "2019-2023.yaml"
    path.write_text(dump(shifted(dataset, 1)), encoding="utf-8")
    assert list(load(path, use_cache=False).years) == list(YEARS)
    return path


def _years_in(text: str) -> set[int]:
    return {int(y) for y in re.findall(r"(?<![\d.,])(20\d\d)(?![\d.,])", text)}


def test_help_for_another_data_file_never_reads_it_and_names_no_year(later: Path) -> None:
    # Help never reads data (issue 32, item 14): for a file other than the bundled one its
    # texts say "the period of the data" and YEAR, never the bundled file's years.
    env = {"BUDGETCLI_DATA": str(later)}
    main = run("--help", env=env)
    assert main.exit_code == 0
    assert "budget (the period of the data)." in " ".join(main.stdout.split())
    for command in COMMANDS:
        shown = run(command, "--help", env=env)
        assert shown.exit_code == 0, command
        said = shown.stdout.replace("draft 2020-12", "")  # the JSON Schema draft: no year
        assert not _years_in(said), (command, _years_in(said))
    assert "budgetcli compare YEAR YEAR" in run("compare", "--help", env=env).stdout
    assert "budgetcli compare YEAR YEAR" in run("compare", "--data", str(later), "--help").stdout


def test_help_for_the_bundled_data_speaks_of_its_period(dataset: Dataset) -> None:
    from budgetcli.cli.helptext import BUNDLED_YEARS

    # The declared period is the bundled file's.
    assert list(BUNDLED_YEARS) == list(dataset.years)
    assert "budget 2018-2022." in run("--help").stdout
    assert "budgetcli compare 2018 2022" in run("compare", "--help").stdout
    for command in COMMANDS:
        shown = run(command, "--help")
        assert _years_in(shown.stdout) <= set(BUNDLED_YEARS), command


def test_help_without_readable_data_still_shows(tmp_path: Path) -> None:
    result = run("--help", env={"BUDGETCLI_DATA": str(tmp_path / "missing.yaml")})
    assert result.exit_code == 0
    assert "(the period of the data)" in " ".join(result.stdout.split())


ANSWERS = (
    ("list",),
    ("show", "igu-elev"),
    ("total",),
    ("total", "--by", "department"),
    ("total", "--year", "2023"),
    ("compare", "2019", "2023"),
    ("expiring",),
    ("notes",),
    ("chart",),
    ("chart", "--by", "department"),
)


def test_every_command_answers_on_a_later_period(later: Path) -> None:
    for question in ANSWERS:
        for fmt in ("table", "json", "csv", "markdown"):
            result = run(*question, "--format", fmt, "--data", str(later))
            assert result.exit_code == 0, (question, fmt, result.stderr)
            # (The transcribers' remarks speak of "the year cells 2018-2022": data, as written.)
            shown = result.stdout.replace("the year cells 2018-2022", "")
            assert "2018-2022" not in shown, (question, fmt)
    title = run("total", "--by", "department", "--data", str(later)).stdout.splitlines()[0]
    assert title == "Budget 2019-2023 by department (mio. kr.)"
    chart = run("chart", "--data", str(later)).stdout.splitlines()[0]
    assert "2019-2023" in chart
    payload = json.loads(run("list", "--format", "json", "--data", str(later)).stdout)
    assert payload["years"] == list(YEARS)
    # The period's last year moved: expiring means "ends before 2023" now.
    expiring = run("expiring", "--data", str(later)).stdout.splitlines()[0]
    assert "before 2023" in expiring
    assert run("total", "--year", "2018", "--data", str(later)).exit_code == 2


def test_documents_take_the_period_and_the_administrations(tmp_path: Path, later: Path) -> None:
    page = tmp_path / "report.html"
    assert run("report", "-o", str(page), "--data", str(later)).exit_code == 0
    html = page.read_text(encoding="utf-8")
    # (The transcribers' remarks speak of "the year cells 2018-2022": data, kept as written.)
    title = re.search(r"<title>([^<]*)</title>", html)
    assert title is not None and title.group(1).endswith("2019-2023"), title
    assert "2018-2022" not in re.sub(r"the year cells 2018-2022", "", html)
    assert "the 7 appendices" in html and "seven appendices" not in html
    danish = tmp_path / "rapport.html"
    assert run("report", "-o", str(danish), "--lang", "da", "--data", str(later)).exit_code == 0
    assert "oversigtens 7 bilag" in danish.read_text(encoding="utf-8")
    for name in ("budget.xlsx", "budget.sqlite", "budget.json", "cells.csv"):
        assert run("export", str(tmp_path / name), "--data", str(later)).exit_code == 0, name
    result = run("export", str(tmp_path / "pkg"), "--format", "datapackage", "--data", str(later))
    assert result.exit_code == 0
    described = (tmp_path / "pkg" / "datapackage.json").read_text(encoding="utf-8")
    assert "seven" not in described and "2018-2022" not in described
    assert run("validate", str(later)).exit_code == 0


def test_a_later_period_goes_round_the_workbook(tmp_path: Path, later: Path) -> None:
    workbook = tmp_path / "budget.xlsx"
    assert run("export", str(workbook), "--data", str(later)).exit_code == 0
    result = run("import", str(workbook), "-o", str(tmp_path / "back.yaml"))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "back.yaml").read_text(encoding="utf-8") == later.read_text(encoding="utf-8")
    # Against the bundled 2018-2022 data, every year cell moved: 2018 is gone, 2023 new.
    answer = json.loads(run("diff", str(later), str(tmp_path / "back.yaml"), "-f", "json").stdout)
    assert answer["rows"] == []


# --- issue 32, item 14: help never reads data ----------------------------------------------

HELP_ASKS: tuple[list[str], ...] = (
    ["schema", "--help"],
    ["--help"],
    [],
    ["list", "--help"],
    ["list", "-h", "--data", "/dev/stdin"],
    ["compare", "--data", "/dev/stdin", "--help"],
)


@pytest.mark.slow
@pytest.mark.parametrize("args", HELP_ASKS, ids=" ".join)
def test_help_never_reads_a_fifo_or_stdin_as_data(tmp_path: Path, args: list[str]) -> None:
    import os
    import subprocess
    import sys

    from tests.conftest import process_env

    fifo = tmp_path / "data.fifo"
    os.mkfifo(fifo)  # nobody writes to it: reading it would wait forever
    env = process_env(tmp_path / "cache", BUDGETCLI_DATA=str(fifo))
    command = [sys.executable, "-m", "budgetcli", *args]
    read_end, write_end = os.pipe()  # a stdin that never ends: reading it would wait
    try:
        answer = subprocess.run(
            command, stdin=read_end, capture_output=True, env=env, timeout=30, check=False
        )
        assert answer.returncode == (2 if not args else 0), answer.stderr
        assert b"Usage: budgetcli" in answer.stdout + answer.stderr
        assert b"Traceback" not in answer.stderr
    finally:
        os.close(read_end)
        os.close(write_end)

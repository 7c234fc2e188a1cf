"""What only a real process shows: pipes, terminals, colour and the start-up imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.generate import synthetic_yaml
from tests.conftest import process_env

pytestmark = pytest.mark.slow


def _budgetcli(tmp_path: Path, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "budgetcli", *args],
        capture_output=True,
        text=True,
        env=process_env(tmp_path / "cache", **extra),
        check=False,
        timeout=60,
    )


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # Large enough that the output overflows a pipe's buffer before head closes it.
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text(synthetic_yaml(3000), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_closed_pipe_ends_quietly(tmp_path: Path, big_file: Path, fmt: str) -> None:
    script = (
        f'"{sys.executable}" -m budgetcli list --data "{big_file}" --format {fmt} | head -1;'
        ' echo "status ${PIPESTATUS[0]} ${PIPESTATUS[1]}"'
    )
    result = subprocess.run(
        ["bash", "-c", script],
        capture_output=True,
        text=True,
        env=process_env(tmp_path / "cache"),
        check=False,
    )
    # No BrokenPipeError, no "Exception ignored": only csv's notes on what totals leave out.
    assert [line for line in result.stderr.splitlines() if not line.startswith("note: ")] == []
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    # A closed pipe ends budgetcli quietly with 0, whatever was left to write; head succeeds.
    assert lines[1] == "status 0 0"


def test_piped_tables_are_never_cut_or_wrapped(tmp_path: Path) -> None:
    result = _budgetcli(tmp_path, "list", "-d", "SUF", COLUMNS="20")
    assert result.returncode == 0
    long_name = (
        "Indsatser målrettet diabetespatienter med anden etnisk baggrund i Center for Diabetes"
    )
    assert any(long_name in line for line in result.stdout.splitlines())
    assert "\x1b[" not in result.stdout


@pytest.mark.parametrize(
    ("extra", "coloured"),
    [
        ({}, False),  # NO_COLOR and TERM=dumb from the pinned environment
        ({"NO_COLOR": "", "TERM": "xterm-256color"}, False),  # not a terminal
        ({"NO_COLOR": "", "TERM": "xterm-256color", "FORCE_COLOR": "1"}, True),
    ],
)
def test_colour_only_when_wanted(tmp_path: Path, extra: dict[str, str], coloured: bool) -> None:
    env = dict(extra)
    if env.get("NO_COLOR") == "":
        env.pop("NO_COLOR")
    result = _budgetcli(tmp_path, "total", "--year", "2020", **env)
    assert result.returncode == 0
    assert ("\x1b[" in result.stdout) is coloured


def test_errors_go_to_stderr_only(tmp_path: Path) -> None:
    result = _budgetcli(tmp_path, "total", "--year", "2031")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "budgetcli: no year 2031 in the data; years are 2018-2022\n"


HEAVY = ("yaml", "rich", "tabulate", "pydantic", "csv", "importlib.metadata", "pygments")


def test_cached_json_total_imports_nothing_heavy(tmp_path: Path) -> None:
    args = ("total", "--year", "2020", "--format", "json")
    assert _budgetcli(tmp_path, *args).returncode == 0  # warms the parse cache
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "budgetcli", *args],
        capture_output=True,
        text=True,
        env=process_env(tmp_path / "cache"),
        check=True,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "budgetcli.cli" in imported
    loaded = sorted(m for m in imported if m.split(".")[0] in HEAVY or m in HEAVY)
    assert loaded == [], f"imported on the hot path: {loaded}"
    assert '"amount": 111.037' in result.stdout


def test_a_stdout_that_cannot_encode_gets_one_message(tmp_path: Path) -> None:
    result = _budgetcli(tmp_path, "list", "-d", "BUF", PYTHONIOENCODING="ascii")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "PYTHONIOENCODING=utf-8" in result.stderr and "Traceback" not in result.stderr

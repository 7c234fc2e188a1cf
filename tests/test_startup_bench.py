"""The start-up benchmark's pieces (benchmarks/startup.py), cheaply: ratios, rounds, terminal."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.startup import environment, on_terminal, piped
from benchmarks.timing import interleaved, median_ratio


def test_the_ratio_is_the_median_of_each_rounds_ratio() -> None:
    # Rounds: 10/5 = 2, 30/10 = 3, 8/2 = 4; the ratio of medians would be 10/5 = 2.
    assert median_ratio([10.0, 30.0, 8.0], [5.0, 10.0, 2.0]) == 3.0


def test_every_round_runs_every_command_once_in_a_shuffled_order() -> None:
    order: list[str] = []

    def command(name: str) -> Callable[[int], tuple[str, int]]:
        def run(index: int) -> tuple[str, int]:
            order.append(name)
            return name, index

        return run

    runs = interleaved(3, {name: command(name) for name in "abcd"}, random.Random(1))
    assert runs == {name: [(name, 0), (name, 1), (name, 2)] for name in "abcd"}
    rounds = [order[i : i + 4] for i in range(0, 12, 4)]
    assert all(sorted(r) == list("abcd") for r in rounds)
    assert any(r != list("abcd") for r in rounds)  # shuffled, not always declared order


# Fails (exit 1) unless all three streams are a terminal of 80 columns by 24 rows; then writes
# far more than a terminal buffers, which only ends if the other side is read.
_ON_A_TERMINAL = """
import os, sys
assert all(os.isatty(fd) for fd in (0, 1, 2))
assert os.get_terminal_size(1) == (80, 24), os.get_terminal_size(1)
sys.stdout.write("x" * 1_000_000)
"""


def test_the_terminal_runner_gives_an_80x24_terminal_and_drains_it(tmp_path: Path) -> None:
    env = environment(tmp_path / "cache", terminal=True)
    timing = on_terminal([sys.executable, "-c", _ON_A_TERMINAL], env, tmp_path)
    assert timing.wall > 0
    assert timing.cpu > 0  # the child's CPU time, not zero: the rusage delta is the child's


def test_runners_fail_loudly_when_the_command_fails(tmp_path: Path) -> None:
    env = environment(tmp_path / "cache", terminal=True)
    for runner in (on_terminal, piped):
        with pytest.raises(subprocess.CalledProcessError):
            runner([sys.executable, "-c", "raise SystemExit(3)"], env, tmp_path)


def test_the_environment_drops_budgetclis_variables_and_has_its_own_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BUDGETCLI_DATA", "/elsewhere.yaml")
    env = environment(tmp_path)
    assert "BUDGETCLI_DATA" not in env
    assert env["XDG_CACHE_HOME"] == str(tmp_path)
    assert env["PYTHONDONTWRITEBYTECODE"] == "1"

"""A progress display appears on a terminal's stderr for long work only, and never when quiet."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from budgetcli import messages, progress
from budgetcli.source.loader import load
from tests.conftest import run


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def not_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETCLI_QUIET", raising=False)
    monkeypatch.setattr(messages, "quiet", False)
    monkeypatch.setenv("TERM", "xterm-256color")  # a terminal rich animates


def _on_terminal(monkeypatch: pytest.MonkeyPatch) -> _Terminal:
    """stderr as a terminal; called in the test body, as pytest's capture replaces sys.stderr
    between a fixture's setup and the test."""
    stream = _Terminal()
    monkeypatch.setattr(sys, "stderr", stream)
    return stream


def _work(total: int | None = 3, *, long: bool = True) -> None:
    with progress.progress("Crunching numbers", total=total, long=long) as bar:
        for _ in range(3):
            bar.advance()


def test_long_work_on_a_terminal_shows_a_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _on_terminal(monkeypatch)
    _work()
    assert "Crunching numbers" in terminal.getvalue()
    assert "3/3" in terminal.getvalue()


def test_without_a_total_a_spinner(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _on_terminal(monkeypatch)
    _work(total=None)
    assert "Crunching numbers" in terminal.getvalue()
    assert "/3" not in terminal.getvalue()


def test_short_work_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _on_terminal(monkeypatch)
    _work(long=False)
    assert terminal.getvalue() == ""


def test_not_a_terminal_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    captured = io.StringIO()
    monkeypatch.setattr(sys, "stderr", captured)
    _work()
    assert captured.getvalue() == ""


def test_quiet_switch_shows_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = _on_terminal(monkeypatch)
    monkeypatch.setattr(messages, "quiet", True)
    _work()
    assert terminal.getvalue() == ""


@pytest.mark.parametrize(
    ("args", "env", "quiet"),
    [
        (["--quiet"], {}, True),
        (["-q"], {}, True),
        ([], {"BUDGETCLI_QUIET": "1"}, True),
        ([], {"BUDGETCLI_QUIET": "0"}, False),
        ([], {}, False),
    ],
)
def test_quiet_option_and_environment(
    monkeypatch: pytest.MonkeyPatch, args: list[str], env: dict[str, str], quiet: bool
) -> None:
    from tests.conftest import run

    monkeypatch.setattr(messages, "quiet", not quiet)  # the CLI must set it either way
    assert run(*args, "total", "-y", "2020", "-f", "json", env=env).exit_code == 0
    assert messages.quiet is quiet


def test_expected_long_by_size() -> None:
    rate = progress.PARSE_BYTES_PER_SECOND
    assert not progress.expected_long(100_000, rate)  # the bundled file: about 0.1 MB
    assert progress.expected_long(22_000_000, rate)  # 50,000 activities: about 11 s to parse
    assert not progress.expected_long(rate * progress.LONG_SECONDS, rate)


def test_a_cold_parse_of_a_big_file_shows_progress(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _on_terminal(monkeypatch)
    # As if parsing were slow enough for this small file to take seconds.
    monkeypatch.setattr(progress, "PARSE_BYTES_PER_SECOND", 1)
    assert load(data_file, use_cache=False).activities[0].id == "a"
    assert "Reading data.yaml" in terminal.getvalue()


def test_a_small_file_or_a_cache_hit_shows_nothing(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _on_terminal(monkeypatch)
    load(data_file)  # small: nothing
    assert terminal.getvalue() == ""
    monkeypatch.setattr(progress, "PARSE_BYTES_PER_SECOND", 1)
    load(data_file)  # a cache hit parses nothing
    assert terminal.getvalue() == ""


def test_the_cli_never_shows_progress_in_captured_output(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(progress, "PARSE_BYTES_PER_SECOND", 1)
    result = run("total", "--data", str(data_file), "-y", "2018", "-f", "json")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "Reading" not in result.stdout

"""Empty answers and failing writes: one line and the right exit code, never an internal error."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "markdown", "json"])
@pytest.mark.parametrize(
    "args", [["list", "--search", "no-such-words"], ["expiring", "-d", "TMF", "-y", "2020"]]
)
def test_an_empty_answer_is_a_success_in_every_format(args: list[str], fmt: str) -> None:
    result = run(*args, "-f", fmt)
    assert result.exit_code == 0, result.stderr
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("budgetcli: no ")


@pytest.mark.parametrize("suffix", [".svg", ".html", ".xlsx", ".txt"])
def test_an_empty_answer_to_a_file(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"empty{suffix}"
    result = run("list", "--search", "no-such-words", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.exists()


def test_a_data_package_where_none_can_go(tmp_path: Path) -> None:
    missing = run("export", str(tmp_path / "no" / "such" / "pkg"), "--format", "datapackage")
    assert missing.exit_code == 1 and "cannot write" in missing.stderr
    a_file = tmp_path / "plain.txt"
    a_file.write_text("mine\n", encoding="utf-8")
    onto_file = run("export", str(a_file), "--format", "datapackage")
    assert onto_file.exit_code == 1 and "internal error" not in onto_file.stderr
    assert a_file.read_text(encoding="utf-8") == "mine\n"


def test_a_failing_sqlite_write_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from budgetcli.formats import sqlite

    def full(*_: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(sqlite, "_fill", full)
    out = tmp_path / "out"
    out.mkdir()
    result = run("export", str(out / "x.sqlite"))
    assert result.exit_code == 1
    said = f"budgetcli: cannot write {out / 'x.sqlite'}: database or disk is full"
    assert result.stderr.strip() == said
    assert list(out.iterdir()) == []  # no half-built file left beside it


def test_a_path_that_cannot_be_looked_at(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # As a user without search permission on the directory: stat() itself fails.
    is_dir = Path.is_dir

    def denied(self: Path) -> bool:
        if self.name == "t.csv":
            raise PermissionError(13, "Permission denied")
        return is_dir(self)

    monkeypatch.setattr(Path, "is_dir", denied)
    result = run("total", "-y", "2020", "-o", str(tmp_path / "locked" / "t.csv"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr and "Permission denied" in result.stderr


def test_an_unwritable_stdout_is_said_with_the_systems_reason_or_the_error() -> None:
    import errno

    from budgetcli.i18n import ENGLISH
    from budgetcli.messages import unwritable_stdout

    def said(error: BaseException) -> str:
        return ENGLISH.text(unwritable_stdout(error))

    full = OSError(errno.ENOSPC, "No space left on device")
    assert said(full) == "cannot write to standard output: No space left on device"
    closed = ValueError("I/O operation on closed file.")
    assert said(closed).endswith(": I/O operation on closed file.")
    # An OSError with no reason of its own is named by itself, never as "None".
    assert "None" not in said(OSError("pipe gone"))
    assert said(OSError("pipe gone")).endswith(": pipe gone")

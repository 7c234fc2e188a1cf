"""Safety that only a real process shows: signals in the middle of an export, a closed or
full stdout, and nothing left in the system's temp directory."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.generate import synthetic_yaml
from tests.conftest import process_env

pytestmark = pytest.mark.slow

BIG = 50_000


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """50,000 activities, parsed once so that each export below starts writing at once."""
    home = tmp_path_factory.mktemp("big")
    data = home / "big.yaml"
    data.write_text(synthetic_yaml(BIG), encoding="utf-8")
    (home / "systmp").mkdir()
    # Anything budgetcli (or SQLite, or openpyxl) left in the system's temp dir shows here.
    env = process_env(home / "cache", TMPDIR=str(home / "systmp"))
    warm = [sys.executable, "-m", "budgetcli", "total", "-f", "json", "--data", str(data)]
    subprocess.run(warm, env=env, check=True, capture_output=True, timeout=300)
    return data, env


def _activities(path: Path) -> int:
    connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(connection.execute("SELECT count(*) FROM activities").fetchone()[0])
    finally:
        connection.close()


def _temporaries(directory: Path, name: str) -> list[Path]:
    # (``name``, the target's: the temporary's is short and the same for every target.)
    return [
        p for p in directory.iterdir() if p.name.startswith(".budgetcli-") and p.suffix == ".tmp"
    ]


def _previous_export(tmp_path: Path, env: dict[str, str]) -> tuple[Path, bytes]:
    target = tmp_path / "budget.sqlite"
    command = [sys.executable, "-m", "budgetcli", "export", str(target)]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    assert _activities(target) == 67
    return target, target.read_bytes()


def _start_export(target: Path, data: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "budgetcli", "export", str(target), "--data", str(data)]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for(condition: object, process: subprocess.Popen[str], what: str) -> None:
    assert callable(condition)
    deadline = time.monotonic() + 240
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"the export ended before {what}: {process.communicate()}")
        time.sleep(0.002)


@pytest.mark.parametrize(
    ("signum", "code"),
    [(signal.SIGKILL, -signal.SIGKILL), (signal.SIGTERM, 143), (signal.SIGINT, 130)],
    ids=["SIGKILL", "SIGTERM", "SIGINT"],
)
def test_a_signal_mid_export_keeps_the_previous_file(
    tmp_path: Path, big: tuple[Path, dict[str, str]], signum: int, code: int
) -> None:
    data, env = big
    target, before = _previous_export(tmp_path, env)
    process = _start_export(target, data, env)
    _wait_for(lambda: _temporaries(tmp_path, target.name), process, "its temporary file")
    time.sleep(0.05)  # well into building the new database
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == code, stderr
    assert "Traceback" not in stderr and "internal error" not in stderr
    assert target.read_bytes() == before
    assert _activities(target) == 67
    left = _temporaries(tmp_path, target.name)
    if signum == signal.SIGKILL:
        # Nothing can clean up after SIGKILL: the half-built file is hidden beside the
        # target, under a name no other export will reuse.
        assert len(left) <= 1
    else:
        assert left == []
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".")] == ["budget.sqlite"]
    assert list(Path(env["TMPDIR"]).iterdir()) == []


def test_killed_as_the_target_changes_it_is_old_or_new_never_half(
    tmp_path: Path, big: tuple[Path, dict[str, str]]
) -> None:
    data, env = big
    target, _ = _previous_export(tmp_path, env)
    inode = target.stat().st_ino
    process = _start_export(target, data, env)
    _wait_for(lambda: target.stat().st_ino != inode, process, "replacing the target")
    process.kill()
    process.communicate(timeout=60)
    # The rename is the last step: once the name changes hands, the new file is whole.
    assert _activities(target) == BIG
    assert list(Path(env["TMPDIR"]).iterdir()) == []


# --- a broken stdout ----------------------------------------------------------------------


def _shell(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    (tmp_path / "systmp").mkdir(exist_ok=True)
    env = process_env(tmp_path / "cache", TMPDIR=str(tmp_path / "systmp"))
    env["BUDGETCLI"] = f'"{sys.executable}" -m budgetcli'
    return subprocess.run(
        ["bash", "-c", script], capture_output=True, text=True, env=env, timeout=120, check=False
    )


CLOSED = (">&-", "standard output is closed; write a file with --output")
FULL = ("> /dev/full", "cannot write to standard output: No space left on device")
ON_CLOSED = ("total", "list -f csv", "list -f json", "show igu", "chart", "list -f markdown")
ON_FULL = ("total", "list", "list -f csv", "list -f json", "list -f tsv", "notes -f markdown")


@pytest.mark.parametrize(
    ("stdout", "command"),
    [*((CLOSED, c) for c in ON_CLOSED), *((FULL, c) for c in ON_FULL)],
    ids=lambda value: value if isinstance(value, str) else value[0],
)
def test_a_closed_or_full_stdout_is_one_line(
    tmp_path: Path, stdout: tuple[str, str], command: str
) -> None:
    redirect, said = stdout
    result = _shell(f"eval $BUDGETCLI {command} {redirect}; echo status $? >&2", tmp_path)
    lines = [line for line in result.stderr.splitlines() if not line.startswith("note: ")]
    assert lines == [f"budgetcli: {said}", "status 1"]


# --- issue 32, item 16: what only prints (help, version, completion), and diff --------------

PRINTS_ONLY = ("--version", "--help", "list --help", "show -h", "--show-completion bash")


@pytest.mark.parametrize("command", PRINTS_ONLY)
@pytest.mark.parametrize(
    ("redirect", "reason"),
    [(">&-", "standard output is closed"), ("> /dev/full", "No space left on device")],
    ids=["closed", "full"],
)
def test_help_version_and_completion_to_a_bad_stdout_are_one_line(
    tmp_path: Path, command: str, redirect: str, reason: str
) -> None:
    result = _shell(f"eval $BUDGETCLI {command} {redirect}; echo status $? >&2", tmp_path)
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and lines[1] == "status 1", result.stderr
    assert lines[0].startswith("budgetcli: ") and reason in lines[0], lines
    assert "internal error" not in lines[0]


@pytest.mark.parametrize(
    ("redirect", "line"),
    [
        (">&-", "budgetcli: standard output is closed; write a file with --output"),
        ("> /dev/full", "budgetcli: cannot write to standard output: No space left on device"),
    ],
    ids=["closed", "full"],
)
def test_diff_to_a_bad_stdout_is_trouble_exit_2(tmp_path: Path, redirect: str, line: str) -> None:
    from budgetcli.source.loader import bundled_data_path

    old = bundled_data_path()
    new = tmp_path / "new.yaml"
    new.write_text(old.read_text(encoding="utf-8").replace("46.4", "47.4"), encoding="utf-8")
    for fmt in ("table", "markdown", "json", "csv"):
        script = f"eval $BUDGETCLI diff {old} {new} -f {fmt} {redirect}; echo status $? >&2"
        result = _shell(script, tmp_path)
        lines = [x for x in result.stderr.splitlines() if not x.startswith("note: ")]
        assert lines == [line, "status 2"], (fmt, result.stderr)


def test_a_full_disk_on_a_file_is_one_line(tmp_path: Path) -> None:
    # /dev/full as -o: a device, written in place, and the failure told as for any file.
    result = _shell("eval $BUDGETCLI total -o /dev/full -f csv; echo status $? >&2", tmp_path)
    assert result.stderr.splitlines() == [
        "budgetcli: cannot write /dev/full: No space left on device",
        "status 1",
    ]


def test_writing_leaves_nothing_in_the_system_temp_dir(tmp_path: Path) -> None:
    outputs = ["budget.sqlite", "budget.xlsx", "budget.json", "cells.csv"]
    script = "; ".join(
        [f"eval $BUDGETCLI export {tmp_path / name}" for name in outputs]
        + [
            f"eval $BUDGETCLI total --by department -o {tmp_path / name}"
            for name in ("t.xlsx", "t.svg", "t.csv")
        ]
    )
    result = _shell(script + "; echo status $? >&2", tmp_path)
    assert result.stderr.splitlines()[-1] == "status 0", result.stderr
    assert list((tmp_path / "systmp").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# --- issue 32, item 17: a workbook's scratch files stay beside the target ------------------


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_signal_mid_xlsx_export_leaves_nothing_in_tmpdir(
    tmp_path: Path, big: tuple[Path, dict[str, str]], signum: int
) -> None:
    data, env = big
    target = tmp_path / "budget.xlsx"
    process = _start_export(target, data, env)
    # openpyxl's sheet streams appear in the scratch folder beside the target.
    _wait_for(
        lambda: any(p.is_dir() and any(p.iterdir()) for p in _temporaries(tmp_path, "")),
        process,
        "its sheets' temporary files",
    )
    time.sleep(0.2)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=120)
    assert "Traceback" not in stderr and "Exception ignored" not in stderr
    assert list(Path(env["TMPDIR"]).iterdir()) == []
    left = _temporaries(tmp_path, "")
    if signum == signal.SIGKILL:
        # Nothing can clean up after SIGKILL: the workbook being built and the folder of its
        # sheets, hidden beside the target.
        assert len(left) <= 2
    else:
        assert process.returncode == 143
        assert left == []
    assert not target.exists()

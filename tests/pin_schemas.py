"""The published contract, pinned in files a reviewer reads (README, "Changing the contract").

``schemas/COMMAND.json`` is what ``budgetcli schema COMMAND`` prints, and
``tests/golden/NAME`` what one small question prints in a machine format; the tests in
``tests/test_pinned_contract.py`` hold the program to both. After a deliberate change:

    uv run python -m tests.pin_schemas             # rewrite schemas/*.json
    uv run python -m tests.pin_schemas --goldens   # ... and tests/golden/*

then read the diff: a key renamed, removed or retyped breaks scripts (raise
``schema_version``). The goldens' figures are held to hand sums of the source as well, so
rewriting them cannot make a wrong figure pass.
"""

from __future__ import annotations

import contextlib
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.source.loader import bundled_data_path

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
GOLDEN = Path(__file__).resolve().parent / "golden"
# The commands `budgetcli schema` knows, written out: a command that gains or loses a
# schema shows up as a file added or removed in review.
SCHEMA_COMMANDS = ("list", "show", "total", "compare", "expiring", "notes", "chart", "diff")
# The environment every pinned answer is made in (machine formats must not depend on it,
# and tests/test_json_contract.py holds them to that; this only keeps the files stable).
ENV: dict[str, str | None] = {
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "LC_ALL": "C.UTF-8",
    "LANG": "C.UTF-8",
    "TERM": "dumb",
    "BUDGETCLI_DATA": None,
    "BUDGETCLI_LANG": None,
    "BUDGETCLI_DEBUG": None,
    "BUDGETCLI_QUIET": None,
    "FORCE_COLOR": None,
}


def cli(*args: str) -> tuple[int, str]:
    """Exit code and stdout of ``budgetcli ARGS`` run in this process."""
    result = CliRunner().invoke(app, list(args), env=ENV, catch_exceptions=False)
    assert result.exit_code in (0, 1), (args, result.stderr)
    return result.exit_code, result.stdout


def schema_text(command: str) -> str:
    code, out = cli("schema", command)
    assert code == 0, (command, code)
    return out


def _edited_copy(folder: Path) -> None:
    """old.yaml, the bundled data, and new.yaml, the same with one cell changed: TMF's
    Mit Danmark 2019, printed 0,032, made 0.050."""
    text = bundled_data_path().read_text(encoding="utf-8")
    (folder / "old.yaml").write_text(text, encoding="utf-8")
    at = text.index("  - id: mit-danmark\n")
    cell = text.index("      2019: 0.032\n", at)
    edited = text[:cell] + "      2019: 0.050\n" + text[cell + len("      2019: 0.032\n") :]
    (folder / "new.yaml").write_text(edited, encoding="utf-8")


def _diff() -> tuple[int, str]:
    with tempfile.TemporaryDirectory() as folder:
        _edited_copy(Path(folder))
        with contextlib.chdir(folder):
            return cli("diff", "old.yaml", "new.yaml", "-f", "csv")


class Golden(NamedTuple):
    """One small answer, one department or year, in a machine format."""

    name: str  # the file under tests/golden/
    run: Callable[[], tuple[int, str]]
    exit_code: int = 0


def _asked(*args: str) -> Callable[[], tuple[int, str]]:
    return lambda: cli(*args)


GOLDENS = (
    Golden(
        "list-tmf.csv",
        _asked("list", "-d", "TMF", "-f", "csv", "--fields", "id,2018,2019,2020,total"),
    ),
    Golden(
        "show-igu.csv",
        _asked(
            "show", "igu", "-f", "csv", "--fields", "id,2018,2019,2018_actual,2019_actual,total"
        ),
    ),
    Golden(
        "total-okf-actual.csv",
        _asked("total", "-d", "ØKF", "--basis", "actual", "--by", "activity", "-f", "csv"),
    ),
    Golden("compare-tmf.csv", _asked("compare", "2018", "2019", "-d", "TMF", "-f", "csv")),
    Golden(
        "expiring-okf.csv",
        _asked(
            "expiring", "-d", "ØKF", "-f", "csv", "--fields", "id,last_funded_year,2018,2019,total"
        ),
    ),
    Golden("notes-okf.json", _asked("notes", "-d", "ØKF", "-f", "json")),
    Golden("chart-tmf.csv", _asked("chart", "-d", "TMF", "-f", "csv")),
    Golden("diff-tmf.csv", _diff, exit_code=1),  # diff(1): 1 means "they differ"
)


def main(argv: list[str]) -> int:
    SCHEMAS.mkdir(exist_ok=True)
    for stale in set(SCHEMAS.glob("*.json")) - {SCHEMAS / f"{c}.json" for c in SCHEMA_COMMANDS}:
        stale.unlink()
        print(f"removed {stale.relative_to(ROOT)}")
    for command in SCHEMA_COMMANDS:
        _write(SCHEMAS / f"{command}.json", schema_text(command))
    if "--goldens" in argv:
        for golden in GOLDENS:
            code, out = golden.run()
            assert code == golden.exit_code, (golden.name, code)
            _write(GOLDEN / golden.name, out)
    return 0


def _write(path: Path, text: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else None
    if old != text:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        print(f"{'wrote' if old is None else 'changed'} {path.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""README.md documents every command and the JSON contract (as sqlite-utils' test_docs does)."""

from __future__ import annotations

import shlex

from budgetcli.cli import app
from tests.conftest import COMMANDS, run
from tests.readme import TEXT as README
from tests.readme import console_blocks, steps


def test_every_command_is_documented() -> None:
    names = [command.name for command in app.registered_commands]
    assert tuple(names) == COMMANDS
    for name in names:
        assert f"budgetcli {name}" in README, name


def test_the_two_first_commands_are_there() -> None:
    assert "uv run --no-dev budgetcli total --year 2020" in README
    assert "uv run pytest" in README


def test_the_json_contract_is_documented() -> None:
    for key in ("schema_version", "not_quantified", "change_pct", "last_funded_year", "rows"):
        assert f"`{key}`" in README, key


PROMPT = "$ uv run budgetcli "


def _examples() -> list[tuple[list[str], str]]:
    """README's ```console blocks of one `$ uv run budgetcli ...` line and its output."""
    found = []
    for block in console_blocks():
        if block.startswith(PROMPT):
            shown = steps(block)
            if len(shown) == 1:
                found.append((shlex.split(shown[0].command[len(PROMPT) - 2 :]), shown[0].output))
    return found


def test_readme_shows_real_output() -> None:
    examples = _examples()
    assert len(examples) >= 10
    for args, shown in examples:
        result = run(*args)
        assert result.exit_code == 0, args
        assert result.stdout.rstrip("\n") == shown.rstrip("\n"), args


def _runtime_packages() -> set[str]:
    """What `uv run --no-dev` installs besides budgetcli on Linux: the lock file's closure
    of the runtime dependencies (Windows-only ones, such as colorama, left out)."""
    import tomllib
    from pathlib import Path

    lock = tomllib.loads((Path(__file__).parents[1] / "uv.lock").read_text(encoding="utf-8"))
    packages = {p["name"]: p for p in lock["package"]}
    seen: set[str] = set()
    todo = list(packages["budgetcli"]["dependencies"])
    while todo:
        dependency = todo.pop()
        if "win32" in dependency.get("marker", "") or dependency["name"] in seen:
            continue
        seen.add(dependency["name"])
        todo += packages[dependency["name"]].get("dependencies", [])
    return seen


def test_the_first_command_counts_the_dependencies_it_installs() -> None:
    import re

    said = re.search(r"sets up budgetcli and its (\d+) dependencies", README)
    assert said is not None
    assert int(said.group(1)) == len(_runtime_packages())

"""README.md documents every command and the JSON contract (as sqlite-utils' test_docs does)."""

from __future__ import annotations

from pathlib import Path

from budgetcli.cli import app
from tests.conftest import COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


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
    import re
    import shlex

    found = []
    for block in re.findall(r"```console\n(.*?)```", README, flags=re.DOTALL):
        lines = block.splitlines()
        if (
            lines
            and lines[0].startswith(PROMPT)
            and not any(line.startswith("$ ") for line in lines[1:])
        ):
            found.append((shlex.split(lines[0][len(PROMPT) :]), "\n".join(lines[1:])))
    return found


def test_readme_shows_real_output() -> None:
    from tests.conftest import run

    examples = _examples()
    assert len(examples) >= 10
    for args, shown in examples:
        result = run(*args)
        assert result.exit_code == 0, args
        assert result.stdout.rstrip("\n") == shown.rstrip("\n"), args

"""README.md documents every command and the JSON contract (as sqlite-utils' test_docs does)."""

from __future__ import annotations

from pathlib import Path

from budgetcli.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_documented() -> None:
    names = [command.name for command in app.registered_commands]
    assert names == ["list", "show", "total", "compare", "expiring", "notes", "validate"]
    for name in names:
        assert f"budgetcli {name}" in README, name


def test_the_two_first_commands_are_there() -> None:
    assert "uv run budgetcli total --year 2020" in README
    assert "uv run pytest" in README


def test_the_json_contract_is_documented() -> None:
    for key in ("not_quantified", "budget_text", "change_pct", "last_year", "from_year"):
        assert f"`{key}`" in README, key

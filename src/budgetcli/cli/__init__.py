"""The command line: its declarations (``grammar``), the commands (``run``), the shared path
of a question to its answer (``answer``), the error boundary (``guard``), the fast path
(``fast``) and the typer app built from the declarations (``commands``, ``boundary``)."""

from typing import Any


def __getattr__(name: str) -> Any:
    # The typer app only when asked for: the fast path must not import typer.
    if name in {"app", "app_for"}:
        from budgetcli.cli import commands

        return getattr(commands, name)
    if name == "main":
        from budgetcli.cli.script import main

        return main
    raise AttributeError(name)


__all__ = ["app", "app_for", "main"]

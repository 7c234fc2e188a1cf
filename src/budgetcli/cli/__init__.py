"""The command line: options (``options``), commands (``commands``), the shared path of a
question to its answer (``answer``), and the error boundary (``boundary``)."""

from budgetcli.cli.commands import app, app_for
from budgetcli.cli.main import main

__all__ = ["app", "app_for", "main"]

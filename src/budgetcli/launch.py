"""The console script's first step: answer ``--version`` before anything is imported.

Everything else goes to the command line proper (:func:`budgetcli.cli.script.main`), whose
typer import is most of every command's start-up; a version check should not pay for it.
"""

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from budgetcli import __version__

        sys.stdout.write(f"budgetcli {__version__}\n")
        return
    from budgetcli.cli.script import main as run

    run()

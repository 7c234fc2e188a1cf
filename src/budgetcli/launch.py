"""The console script's first step: answer ``--version`` before anything is imported.

Everything else goes to the command line proper (:func:`budgetcli.cli.script.main`), whose
typer import is most of every command's start-up; a version check should not pay for it.
"""

import sys


def main() -> None:
    if sys.argv[1:] == ["--version"]:
        from budgetcli import __version__

        try:
            sys.stdout.write(f"budgetcli {__version__}\n")
            sys.stdout.flush()
        except BrokenPipeError:  # the reader went away: quietly, as every answer ends
            from budgetcli.cli.guard import stdout_closed

            stdout_closed()
            return
        except (AttributeError, OSError, ValueError) as error:  # closed (None), or full
            from budgetcli.messages import closed_stdout, say, unwritable_stdout

            say(closed_stdout() if sys.stdout is None else unwritable_stdout(error))
            sys.exit(1)
        return
    from budgetcli.cli.script import main as run

    run()

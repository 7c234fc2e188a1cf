"""typer's group with budgetcli's error boundary (:mod:`budgetcli.cli.guard`) around
everything a command does; click's own errors told in the boundary's one-line style."""

import sys
from collections.abc import Callable, Sequence
from typing import Any

# typer 0.26+ carries its own copy of click (pinned below 0.29 in pyproject.toml); its
# exceptions are the ones raised for bad options and arguments.
from typer._click import exceptions as click
from typer.core import TyperGroup
from typer.exceptions import Abort

from budgetcli.cli.fast import reader
from budgetcli.cli.grammar import HELP_FLAGS
from budgetcli.cli.guard import guarded
from budgetcli.errors import USAGE_ERROR_EXIT
from budgetcli.i18n import Msg, text
from budgetcli.messages import closed_stdout, say, unwritable_stdout


class BoundaryGroup(TyperGroup):
    """typer's group, with budgetcli's error boundary around everything a command does."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = sys.argv[1:] if args is None else list(args)
        if not argv or set(HELP_FLAGS) & set(argv):
            from budgetcli.cli import helptext  # only for help: it may read the data

            helptext.fill(self, helptext.words(argv))
        code = guarded(
            _told(
                lambda: super(BoundaryGroup, self).main(
                    args, prog_name, complete_var, standalone_mode=False, **extra
                ),
                only_prints=_only_prints(argv),
            ),
            reader(argv),
        )
        if standalone_mode:
            sys.exit(code)
        return code


PRINTING_FLAGS = ("--version", "--show-completion")
"""Options that print something and exit, as help does, before any command runs."""


def _only_prints(argv: Sequence[str]) -> bool:
    """Whether ``argv`` asks only for text to print (help, the version, a completion
    script): an OSError then can only be stdout's (closed, full), told as such."""
    # (`budgetcli` alone prints its help to stderr: not this.)
    return bool(set(HELP_FLAGS) & set(argv)) or any(a in PRINTING_FLAGS for a in argv)


def _told(run: Callable[[], Any], *, only_prints: bool = False) -> Callable[[], Any]:
    """``run``, with click's errors told as one line and turned into their exit status;
    with ``only_prints``, a stdout that is closed or full too (not an internal error)."""

    def told() -> Any:
        if only_prints and sys.stdout is None:
            say(closed_stdout())
            return 1
        try:
            return run()
        except click.UsageError as error:
            if isinstance(error, click.NoArgsIsHelpError):
                # `budgetcli` alone: the help as it is (not an error message), exit 2.
                sys.stderr.write(error.format_message() + "\n")
            else:
                where = error.ctx.command_path if error.ctx else "budgetcli"
                # click's own words are English; the pointer to the help is said.
                say(text(Msg.err_see_help, message=error.format_message(), where=where))
            return USAGE_ERROR_EXIT
        except click.ClickException as error:
            say(error.format_message())
            return error.exit_code
        except Abort:
            return 130
        except OSError as error:
            if not only_prints:
                raise
            say(unwritable_stdout(error))
            return 1

    return told

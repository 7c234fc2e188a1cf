"""The one error boundary: every failure becomes one line on stderr and an exit code.

Data errors exit 1, output errors exit 1, usage errors exit 2 (click's own included, told by
:mod:`budgetcli.cli.boundary` in the same one-line style); Ctrl-C, SIGTERM and SIGHUP exit
130, 143 and 129 after the clean-up a ``finally`` does (a half-written file is removed).
Anything else is a bug: one line, no traceback, unless BUDGETCLI_DEBUG is set.

Nothing here imports typer: the fast path (:mod:`budgetcli.cli.fast`) answers inside this
same boundary.
"""

import os
import sys
from collections.abc import Callable

from budgetcli import messages
from budgetcli.errors import (
    DATA_ERROR_EXIT,
    USAGE_ERROR_EXIT,
    DatasetError,
    OutputError,
    UsageError,
)
from budgetcli.i18n import Msg, Tr, text
from budgetcli.messages import say

SHOWN_PROBLEMS = 5


class Terminated(BaseException):
    """SIGTERM or SIGHUP, raised like KeyboardInterrupt so that clean-up code runs (a
    half-built file beside the target is removed); exits 128 + the signal's number."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def on_signal(signum: int, frame: object) -> None:
    import signal

    # One is enough: a second signal must not cut the clean-up short.
    for other in (signal.SIGTERM, signal.SIGINT, getattr(signal, "SIGHUP", signal.SIGTERM)):
        signal.signal(other, signal.SIG_IGN)
    raise Terminated(signum)


def stdout_closed() -> None:
    """The reader of a pipe has what it wanted: nothing more goes to it, not even the flush
    at exit (which would say "Exception ignored ... BrokenPipeError")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def tell(error: DatasetError | OutputError) -> None:
    """A data or output error told as the boundary tells it (also for a command that exits
    with a status of its own: diff, 2 for trouble, as diff(1)): an output error's line, or
    a data file's first problems and how to see them all."""
    if isinstance(error, OutputError):
        say(error.text)
        return
    shown = error.problems[:SHOWN_PROBLEMS]
    for problem in shown:
        say(problem.said())
    more = len(error.problems) - len(shown)
    if more:
        say(text("more_problems", more=more, path=error.problems[0].path))


def guarded(run: Callable[[], object], tr: Tr) -> int:
    """``run``'s exit status (an int it returns, else 0), every failure told in one line."""

    messages.lang = tr.lang.value
    messages.quiet = False  # until -q is read (grammar.Command.call)
    try:
        result = run()
    except BrokenPipeError:
        stdout_closed()
        return 0
    except KeyboardInterrupt:
        return 130
    except EOFError:  # as typer answers it: a line break, then Abort's status
        sys.stderr.write("\n")
        return 130
    except UsageError as error:
        say(error.text)
        return USAGE_ERROR_EXIT
    except (DatasetError, OutputError) as error:
        tell(error)
        return DATA_ERROR_EXIT
    except Terminated as stop:
        return 128 + stop.signum
    except Exception as error:
        if os.environ.get("BUDGETCLI_DEBUG"):
            raise
        say(text(Msg.err_internal, kind=type(error).__name__, error=error))
        return DATA_ERROR_EXIT
    return result if isinstance(result, int) else 0

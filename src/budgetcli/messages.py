"""Lines for people on stderr: errors always, everything else unless quiet.

Its own small module so that the error boundary and the commands share it without
importing each other.
"""

import contextlib
import sys

quiet = False
"""``-q``/``--quiet``/BUDGETCLI_QUIET: on success, nothing on stderr."""


def say(message: str) -> None:
    """One line on stderr, in the one style every message has: errors, and what failed."""
    from budgetcli.controls import visible

    try:
        # Messages quote names and arguments: no escape sequence reaches the terminal.
        sys.stderr.write(f"budgetcli: {visible(message)}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed too: nothing left to tell
        pass


def tell(message: str) -> None:
    """What went right ("wrote FILE"): said unless quiet."""
    if not quiet:
        say(message)


def note(message: str) -> None:
    """What the numbers of a bare machine table leave out: ``note:`` lines, unless quiet."""
    if quiet:
        return
    from budgetcli.controls import visible

    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stderr.write(f"note: {visible(message)}\n")

"""Lines for people on stderr: errors always, everything else unless quiet.

Its own small module so that the error boundary and the commands share it without
importing each other.
"""

import contextlib
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budgetcli.i18n import Text

quiet = False
"""``-q``/``--quiet``/BUDGETCLI_QUIET: on success, nothing on stderr."""
lang = "en"
"""The language messages are said in (``--lang``, BUDGETCLI_LANG): set by the boundary."""


def words(message: "str | Text") -> str:
    """A message in the language asked for (a plain str is said as it is)."""
    if isinstance(message, str):
        return message
    from budgetcli.i18n import Tr

    return Tr(lang).text(message)


def say(message: "str | Text") -> None:
    """One line on stderr, in the one style every message has: errors, and what failed."""
    from budgetcli.controls import visible

    try:
        # Messages quote names and arguments: no escape sequence reaches the terminal.
        sys.stderr.write(f"budgetcli: {visible(words(message))}\n")
        sys.stderr.flush()
    except (OSError, ValueError, AttributeError):  # stderr closed too: nothing left to tell
        pass


def closed_stdout() -> "Text":
    """What help, --version and completion say when there is no standard output at all."""
    from budgetcli.i18n import Msg, text

    return text(Msg.err_stdout_gone)


def unwritable_stdout(error: BaseException) -> "Text":
    """The one wording for a standard output that takes no more (full, closed, gone bad):
    the system's reason where the error has one (an OSError's), else the error itself."""
    from budgetcli.i18n import Msg, text

    reason = getattr(error, "strerror", None) or error
    return text(Msg.err_stdout_unwritable, reason=reason)


def tell(message: "str | Text") -> None:
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

"""Lines for people on stderr: errors always, everything else unless quiet.

Its own small module so that the error boundary and the commands share it without
importing each other.
"""

import contextlib
import sys
from typing import TYPE_CHECKING, TextIO

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
    _line("budgetcli", words(message))


def _line(kind: str, message: str) -> None:
    from budgetcli.controls import visible

    # Messages quote names and arguments: no escape sequence reaches the terminal.
    with contextlib.suppress(OSError, ValueError, AttributeError):  # stderr closed too
        sys.stderr.write(f"{kind}: {visible(message)}\n")
        sys.stderr.flush()


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
    if not quiet:
        _line("note", message)


def is_terminal(stream: TextIO | None) -> bool:
    """Whether ``stream`` is a terminal; a closed, replaced or missing one is not."""
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError):
        return False

"""The kinds of failure a user can meet. Library code raises them with no CLI wording;
the CLI's one error boundary (:mod:`budgetcli.cli.guard`) maps each to its exit code."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from budgetcli.i18n import ENGLISH, Msg, Text, text

DATA_ERROR_EXIT = 1
"""The data cannot be used, or the output cannot be written."""
USAGE_ERROR_EXIT = 2
"""The question cannot be asked as written: an unknown year, department, format..."""


class Problem(NamedTuple):
    """One thing wrong with a data file, located as precisely as the file allows.

    ``said()`` is the line for people, FILE:LINE: field: message, in the reader's language
    (:func:`budgetcli.messages.words`); ``str(problem)`` is the same line in English."""

    path: Path
    line: int | None
    field: str
    message: Text

    def said(self) -> Text:
        where = f"{self.path}:{self.line}" if self.line else str(self.path)
        if self.field:
            return text(Msg.problem_in_field, where=where, field=self.field, message=self.message)
        return text(Msg.problem_at, where=where, message=self.message)

    def __str__(self) -> str:
        from budgetcli.controls import visible

        # `validate` prints this on stdout: a file named with ESC[2J must not clear the screen.
        return visible(ENGLISH.text(self.said()))


class DatasetError(Exception):
    """A data file that cannot be used; carries every problem found in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(str(problems[0]) if problems else "invalid data file")
        self.problems = problems


class _SaidError(Exception):
    """Raised with a :class:`~budgetcli.i18n.Text`, said in the reader's language (``--lang``);
    ``str(error)`` is the English."""

    def __init__(self, message: Text) -> None:
        self.text = message
        super().__init__(ENGLISH.text(message))


class UsageError(_SaidError):
    """A bad argument: an unknown year, department, id, format..."""


class OutputError(_SaidError):
    """The answer cannot be written: a full disk, a closed stdout, the input as output."""

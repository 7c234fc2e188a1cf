"""Progress on stderr for work long enough to make a user wonder whether anything is happening.

    with progress("Writing report.xlsx", total=len(rows), long=len(rows) > 50_000) as bar:
        for row in rows:
            ...
            bar.advance()

A bar (with ``total``) or a spinner (without) appears only when all of these hold:

* the caller expects the work to take more than about two seconds (``long``; decide it from
  the size of the work, e.g. :func:`expected_long` with a measured rate), so quick commands
  never flash a bar;
* stderr is a terminal: nothing ever reaches a pipe, a file or a test's captured output, and
  stdout is never touched, so redirected results stay clean;
* the user has not asked for quiet (:data:`budgetcli.messages.quiet`, set for ``--quiet`` or
  ``BUDGETCLI_QUIET=1``, declared on that option): the one flag every line on stderr obeys.

Otherwise the context manager hands out an object whose methods do nothing, so callers never
branch. rich is imported only when a bar is actually shown.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

from budgetcli.controls import visible

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from budgetcli.i18n import Text


LONG_SECONDS = 2.0
"""Work expected to take longer than this gets a progress display."""

PARSE_BYTES_PER_SECOND = 2_500_000
"""YAML parsing plus checking, measured (benchmarks/README.md): about 2 MB/s on the 2-core
benchmark machine, so a file over about 5 MB takes more than two seconds there."""


class Progress(Protocol):
    def advance(self, amount: int = 1) -> None: ...


def expected_long(amount: float, per_second: float) -> bool:
    """Whether ``amount`` units of work at ``per_second`` take longer than LONG_SECONDS."""
    return amount > per_second * LONG_SECONDS


def enabled() -> bool:
    """Whether a progress display may be shown at all (terminal, not quiet)."""
    from budgetcli import messages

    return not messages.quiet and messages.is_terminal(sys.stderr)


class _Silent:
    def advance(self, amount: int = 1) -> None:
        pass


class _Bar:
    def __init__(self, bar: RichProgress, task: TaskID) -> None:
        self._bar = bar
        self._task = task

    def advance(self, amount: int = 1) -> None:
        self._bar.advance(self._task, amount)


@contextmanager
def progress(
    description: str | Text, total: int | None = None, *, long: bool = True
) -> Iterator[Progress]:
    """A progress display for the work inside the block, when worth showing (see above);
    a Text ``description`` is said in the reader's language."""
    if not long or not enabled():
        yield _Silent()
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        ProgressColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import Progress as RichProgress

    from budgetcli.messages import words

    # The description names a file: its text is shown as it is, never read as markup.
    text = TextColumn("{task.description}", markup=False)
    columns: list[ProgressColumn] = [SpinnerColumn(), text]
    if total is not None:
        columns += [BarColumn(), MofNCompleteColumn()]
    columns.append(TimeElapsedColumn())
    # transient: the display is erased when the work is done, leaving only the results.
    console = Console(file=sys.stderr)
    with RichProgress(*columns, console=console, transient=True) as bar:
        yield _Bar(bar, bar.add_task(visible(words(description)), total=total))

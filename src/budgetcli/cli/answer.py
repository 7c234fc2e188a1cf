"""What every command does around its question: settle the format, read the data, select
the activities, write the answer where it was asked for."""

import contextlib
import io
import sys
from collections.abc import Callable
from pathlib import Path

from budgetcli import formats
from budgetcli.cli.boundary import say
from budgetcli.cli.options import Output, Selection
from budgetcli.errors import OutputError
from budgetcli.formats import Format, Options
from budgetcli.i18n import Tr
from budgetcli.model import Activity, Dataset
from budgetcli.queries import Filters, Unit, in_unit
from budgetcli.reports import Report


def answer(
    question: Callable[[Dataset], Report], output: Output, data: Path | None, no_cache: bool
) -> None:
    # The format first: a wrong --format or -o extension is said before any data is read.
    if output.path is not None:
        _not_a_directory(output.path)
    fmt = formats.resolve(output.format, output.path)
    dataset = load(data, no_cache, output=output.path)
    if output.unit is not Unit.mio:
        dataset = in_unit(dataset, output.unit)
    emit(question(dataset)._replace(source=dataset.source), fmt, output, dataset)


def _not_a_directory(path: Path) -> None:
    try:
        directory = path.is_dir()
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if directory:
        raise OutputError(f"cannot write {path}: it is a directory; name a file")


def load(data: Path | None, no_cache: bool, *, output: Path | None = None) -> Dataset:
    from budgetcli import loader
    from budgetcli.files import refuse_input

    path = loader.resolve_data_path(data)
    if output is not None:
        refuse_input(output, path)
    return loader.load(path, use_cache=not no_cache)


def select(dataset: Dataset, selection: Selection) -> tuple[Filters, list[Activity]]:
    """The filters as understood (codes, whole section names) and the activities they keep."""
    from budgetcli import queries

    filters = queries.Filters(
        departments=tuple(
            queries.resolve_department(dataset, d) for d in selection.departments or ()
        ),
        sections=tuple(queries.resolve_section(dataset, s) for s in selection.sections or ()),
        year=None if selection.year is None else queries.check_year(dataset, selection.year),
        search=selection.search,
        funding=selection.funding,
    )
    return filters, queries.select(dataset, filters)


def emit(report: Report, fmt: Format, output: Output, dataset: Dataset | None = None) -> None:
    from budgetcli.files import write_atomic

    terminal = output.path is None and _isatty()
    options = Options(
        lang=output.lang,
        header=not output.no_header,
        terminal=terminal,
        dataset=dataset,
        decimals=output.decimals,
    )
    if terminal:
        content = formats.report_writer(fmt)(report, options)
    else:
        # Writers return their content; rich (the table) still flushes the real stdout when
        # its capture ends, which fails on a full disk or a closed pipe before a byte of the
        # answer is out. Rendering touches a scratch buffer instead; the answer is written
        # once, below, where its failure is told properly.
        with contextlib.redirect_stdout(io.StringIO()):
            content = formats.report_writer(fmt)(report, options)
    spec = formats.SPECS[fmt]
    if output.path is not None:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        write_atomic(output.path, data)
    else:
        assert not spec.binary and isinstance(content, str)  # settled by formats.resolve
        write_stdout(content)
    tr = Tr(output.lang)
    if not report.rows and report.empty_message:
        say(tr.text(report.empty_message))
    if spec.notes_on_stderr and report.footnotes:
        # No place for footnotes in the format, and stdout stays pure data: what the numbers
        # leave out goes to stderr.
        from budgetcli.controls import visible

        for note in report.footnotes:
            sys.stderr.write(f"note: {visible(tr.text(note.text))}\n")
    if output.path is not None:
        say(f"wrote {output.path}")


def _isatty() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):  # stdout closed or None
        return False


def write_stdout(content: str) -> None:
    if sys.stdout is None:
        raise OutputError("standard output is closed; write a file with --output")
    try:
        sys.stdout.write(content)
        sys.stdout.flush()
    except UnicodeEncodeError:
        # Raised before a byte is written: the whole text is encoded first.
        raise OutputError(
            f"this terminal's encoding ({sys.stdout.encoding}) cannot show the Danish "
            "letters; set PYTHONIOENCODING=utf-8 or write a file with --output"
        ) from None
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or error
        raise OutputError(f"cannot write to standard output: {reason}") from None

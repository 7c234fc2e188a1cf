"""What every command does around its question: settle the format, read the data, ask the
API (:mod:`budgetcli.api`) and hand the one typed result to the view the format asks for."""

import contextlib
import gc
import io
import sys
from collections.abc import Callable
from pathlib import Path

from budgetcli import formats, messages
from budgetcli.cli.values import Output
from budgetcli.errors import OutputError, UsageError
from budgetcli.files import cannot_write
from budgetcli.formats import Format, Options
from budgetcli.i18n import Msg, Tr, text
from budgetcli.model import Dataset
from budgetcli.results import Document


def answer(
    question: Callable[[Dataset], Document],
    out: Output,
    **view: bool,
) -> None:
    """``view``: how the people's view is drawn (``all_remarks`` for show)."""
    fmt = settle(out)
    dataset = load(out.data, out.no_cache, output=out.path, unit=out.unit.value)
    # The answer builds records none of which is garbage, a few per cell: at 100,000 groups
    # the collector's walks over them were a third of `total --by activity` and grew faster
    # than the groups (issue 32). Paused while the answer is built and written, as while
    # the data is loaded.
    collecting = gc.isenabled()
    gc.disable()
    try:
        emit(question(dataset), fmt, out, dataset, **view)
    finally:
        if collecting:
            gc.enable()


def settle(out: Output) -> Format:
    """The format, settled before any data is read: a wrong ``--format`` or ``-o``
    extension, ``-o`` a directory, or ``--fields``/``--layout`` with a format for people is
    said first."""
    if out.path is not None:
        _not_a_directory(out.path)
    fmt = formats.resolve(out.format, out.path)
    if (out.fields or out.layout.value != "wide") and formats.SPECS[fmt].human:
        raise UsageError(text(Msg.err_fields_format, fmt=fmt.value))
    return fmt


def _not_a_directory(path: Path) -> None:
    try:
        directory = path.is_dir()
    except OSError as error:
        raise OutputError(cannot_write(path, error)) from None
    if directory:
        raise OutputError(text(Msg.err_write_directory, path=path))


def load(
    data: Path | None, no_cache: bool, *, output: Path | None = None, unit: str = "mio"
) -> Dataset:
    """The dataset asked for, in the unit asked; never one the answer would overwrite."""
    from budgetcli import api
    from budgetcli.files import refuse_input
    from budgetcli.source import loader

    path = loader.resolve_data_path(data)
    if output is not None:
        refuse_input(output, path)
    return api.load(path, use_cache=not no_cache, unit=unit)


def emit(document: Document, fmt: Format, out: Output, dataset: Dataset, **view: bool) -> None:
    from budgetcli.files import write_atomic

    spec = formats.SPECS[fmt]
    terminal = out.path is None and _isatty()
    options = Options(
        lang=out.lang,
        header=not out.no_header,
        terminal=terminal,
        dataset=dataset,
        fields=out.fields,
        layout=out.layout,
        summary=bool(view.get("summary")),
        decimals=out.decimals,
    )
    writer = formats.report_writer(fmt)
    subject: object = document
    report = None
    from budgetcli.results.tabular import row_records

    # An answer of rows only (no total) that has none is said to be empty, on stderr, once:
    # by what the search said of it where one found nothing ("did you mean …"), which
    # is then no footnote of its own for people (JSON keeps it: it is data).
    nothing = not row_records(document, summary=options.summary)
    empty = next((n for n in document.footnotes if nothing and n.text.msg == Msg.search_none), None)
    if spec.human or nothing:
        from budgetcli.reports.view import report_of

        # People read the Report drawn from the result; an empty answer's message is its.
        report = report_of(document, dataset, **view)._replace(source=dataset.source)
        if empty is not None:
            kept = tuple(n for n in report.footnotes if n != empty)
            report = report._replace(footnotes=kept, empty_message=empty.text)
        if spec.human:
            subject = report
    if terminal:
        content = writer(subject, options)
    else:
        from budgetcli.files import scratch_beside

        # Writers return their content; rich (the table) still flushes the real stdout when
        # its capture ends, which fails on a full disk or a closed pipe before a byte of the
        # answer is out. Rendering touches a scratch buffer instead; the answer is written
        # once, below, where its failure is told properly. A workbook's sheets stream
        # through temporary files: beside the output, never in $TMPDIR.
        scratch = (
            scratch_beside(out.path)
            if out.path is not None and spec.binary
            else contextlib.nullcontext()
        )
        with contextlib.redirect_stdout(io.StringIO()), scratch:
            content = writer(subject, options)
    if out.path is not None:
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        write_atomic(out.path, data)
    else:
        assert not spec.binary and isinstance(content, str)  # settled by formats.resolve
        write_stdout(content)
    tr = Tr(out.lang)
    if report is not None and not report.rows and report.empty_message is not None:
        messages.tell(tr.text(report.empty_message))
    if spec.notes_on_stderr:
        # No place for footnotes in the format, and stdout stays pure data: what the numbers
        # leave out goes to stderr.
        for note in document.footnotes:
            if note != empty:
                messages.note(tr.text(note.text))
    if out.path is not None:
        messages.tell(text(Msg.wrote, path=out.path))


def _isatty() -> bool:
    return messages.is_terminal(sys.stdout)


def write_stdout(content: str) -> None:
    if sys.stdout is None:
        raise OutputError(text(Msg.err_stdout_closed))
    try:
        sys.stdout.write(content)
        sys.stdout.flush()
    except UnicodeEncodeError:
        # Raised before a byte is written: the whole text is encoded first.
        raise OutputError(text(Msg.err_encoding, encoding=sys.stdout.encoding)) from None
    except BrokenPipeError:
        raise
    except (OSError, ValueError) as error:
        raise OutputError(messages.unwritable_stdout(error)) from None

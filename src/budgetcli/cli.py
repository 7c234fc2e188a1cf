"""Thin typer commands: parse options, ask a question, hand the report to the renderer.

Start-up is budgetcli's main cost, so this module imports only typer and the small pure
modules; YAML, rich and tabulate are imported by the code paths that need them. (No
``from __future__ import annotations`` here: typer would have to evaluate every string
annotation of every command at each start, which costs about 4 ms.)
"""

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from budgetcli import __version__
from budgetcli.errors import DATA_ERROR_EXIT, USAGE_ERROR_EXIT, DatasetError, UsageError
from budgetcli.model import Activity, Dataset
from budgetcli.render import Format
from budgetcli.report import Report

app = typer.Typer(
    name="budgetcli",
    help="Ask questions of Copenhagen's integration-activity budget 2018-2022 (mio. kr.).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class By(StrEnum):
    department = "department"
    section = "section"
    funding = "funding"
    activity = "activity"


class CompareBy(StrEnum):
    department = "department"
    section = "section"
    activity = "activity"


class Basis(StrEnum):
    budget = "budget"
    actual = "actual"


# Options shared by every command, declared once.
FormatOpt = Annotated[
    Format,
    typer.Option("--format", "-f", case_sensitive=False, help="Output format."),
]
NoHeaderOpt = Annotated[
    bool, typer.Option("--no-header", help="Leave out the header row (csv, tsv, markdown).")
]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Data file to read instead of the bundled one (or set BUDGETCLI_DATA).",
        show_default=False,
    ),
]
NoCacheOpt = Annotated[
    bool, typer.Option("--no-cache", help="Parse the data file afresh (or BUDGETCLI_NO_CACHE=1).")
]
DepartmentOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--department", "-d", help="Department code or name prefix (repeatable): BUF, 'børne'."
    ),
]
SectionOpt = Annotated[
    list[str] | None, typer.Option("--section", help="Section heading, or part of it (repeatable).")
]
SearchOpt = Annotated[
    str | None,
    typer.Option(
        "--search", "-s", help="Text in name, description, target group, effect or funding."
    ),
]
FundingOpt = Annotated[str | None, typer.Option("--funding", help="Text in the funding column.")]


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            installed = version("budgetcli")
        except PackageNotFoundError:  # pragma: no cover - running from an uninstalled tree
            installed = __version__
        typer.echo(f"budgetcli {installed}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Ask questions of Copenhagen's integration-activity budget 2018-2022 (mio. kr.).

    Amounts are in mio. kr., exactly as the source prints them. Cells that are words
    ("Driftsbudget") are never counted as 0; every total says what it left out.
    """


# --- plumbing ----------------------------------------------------------------------------


def _fail(message: str, code: int) -> typer.Exit:
    typer.echo(f"budgetcli: {message}", err=True)
    return typer.Exit(code)


def _load(data: Path | None, no_cache: bool) -> Dataset:
    from budgetcli import loader

    path = loader.resolve_data_path(data)
    try:
        return loader.load(path, use_cache=not no_cache)
    except DatasetError as error:
        shown = error.problems[:5]
        for problem in shown:
            typer.echo(f"budgetcli: {problem}", err=True)
        more = len(error.problems) - len(shown)
        if more:
            typer.echo(f"budgetcli: ... and {more} more (budgetcli validate {path})", err=True)
        raise typer.Exit(DATA_ERROR_EXIT) from None


def _emit(report: Report, fmt: Format, no_header: bool) -> None:
    from budgetcli.render import render

    text = render(report, fmt, header=not no_header, terminal=sys.stdout.isatty())
    if not report.rows and report.empty_message:
        typer.echo(f"budgetcli: {report.empty_message}", err=True)
    if fmt in (Format.csv, Format.tsv) and report.footnotes:
        # Machine formats keep stdout pure data; what the numbers leave out goes to stderr.
        for note in report.footnotes:
            typer.echo(f"note: {note.strip()}", err=True)
    sys.stdout.write(text)
    sys.stdout.flush()


def _run(
    data: Path | None,
    no_cache: bool,
    fmt: Format,
    no_header: bool,
    question: Callable[[Dataset], Report],
) -> None:
    dataset = _load(data, no_cache)
    try:
        report = question(dataset)
    except UsageError as error:
        raise _fail(str(error), USAGE_ERROR_EXIT) from None
    _emit(report, fmt, no_header)


def _select(
    dataset: Dataset,
    department: list[str] | None,
    section: list[str] | None,
    year: int | None,
    search: str | None,
    funding: str | None,
) -> list[Activity]:
    from budgetcli import queries

    filters = queries.Filters(
        departments=tuple(queries.resolve_department(dataset, d) for d in department or ()),
        sections=tuple(queries.resolve_section(dataset, s) for s in section or ()),
        year=queries.check_year(dataset, year) if year is not None else None,
        search=search,
        funding=funding,
    )
    return queries.select(dataset, filters)


# --- commands ----------------------------------------------------------------------------


@app.command("list")
def list_command(
    department: DepartmentOpt = None,
    section: SectionOpt = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Only activities with a cell that year.")
    ] = None,
    search: SearchOpt = None,
    funding: FundingOpt = None,
    fmt: FormatOpt = Format.table,
    no_header: NoHeaderOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List activities, one row each, with their amount per year.

    \b
    Examples:
      budgetcli list --department BUF
      budgetcli list --search flygtning --format csv
    """
    from budgetcli import views

    def question(ds: Dataset) -> Report:
        return views.list_report(ds, _select(ds, department, section, year, search, funding))

    _run(data, no_cache, fmt, no_header, question)


@app.command("show")
def show_command(
    activity_id: Annotated[
        str, typer.Argument(metavar="ID", help="Activity id or a unique prefix.")
    ],
    fmt: FormatOpt = Format.table,
    no_header: NoHeaderOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Show everything about one activity: texts, each year, notes, remarks, source.

    \b
    Examples:
      budgetcli show welcome-house
      budgetcli show igu --format json
    """
    from budgetcli import queries, views

    def question(ds: Dataset) -> Report:
        return views.show_report(ds, queries.find_activity(ds, activity_id))

    _run(data, no_cache, fmt, no_header, question)


@app.command("total")
def total_command(
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="One year; default: every year.")
    ] = None,
    by: Annotated[By | None, typer.Option("--by", help="Subtotals by this grouping.")] = None,
    basis: Annotated[
        Basis, typer.Option("--basis", help="actual: use actual spend where the source gives it.")
    ] = Basis.budget,
    department: DepartmentOpt = None,
    section: SectionOpt = None,
    search: SearchOpt = None,
    funding: FundingOpt = None,
    fmt: FormatOpt = Format.table,
    no_header: NoHeaderOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Sum the amounts; say what could not be added and what may be adjusted.

    \b
    Examples:
      budgetcli total --year 2020
      budgetcli total --by department
      budgetcli total --year 2019 --basis actual --format json
    """
    from budgetcli import queries, views

    def question(ds: Dataset) -> Report:
        if year is not None:
            queries.check_year(ds, year)
        chosen = _select(ds, department, section, None, search, funding)
        return views.total_report(ds, chosen, year, by.value if by else None, basis.value)

    _run(data, no_cache, fmt, no_header, question)


@app.command("compare")
def compare_command(
    from_year: Annotated[int, typer.Argument(metavar="YEAR_A", help="The earlier year.")],
    to_year: Annotated[int, typer.Argument(metavar="YEAR_B", help="The later year.")],
    by: Annotated[CompareBy, typer.Option("--by", help="Compare by this grouping.")] = (
        CompareBy.department
    ),
    department: DepartmentOpt = None,
    section: SectionOpt = None,
    search: SearchOpt = None,
    funding: FundingOpt = None,
    fmt: FormatOpt = Format.table,
    no_header: NoHeaderOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Compare two years side by side, with the change in mio. kr. and in percent.

    \b
    Examples:
      budgetcli compare 2018 2022
      budgetcli compare 2019 2020 --by activity --department BIF
    """
    from budgetcli import queries, views

    def question(ds: Dataset) -> Report:
        queries.check_year(ds, from_year)
        queries.check_year(ds, to_year)
        chosen = _select(ds, department, section, None, search, funding)
        return views.compare_report(ds, chosen, from_year, to_year, by.value)

    _run(data, no_cache, fmt, no_header, question)


@app.command("expiring")
def expiring_command(
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Only those last funded in this year.")
    ] = None,
    department: DepartmentOpt = None,
    section: SectionOpt = None,
    search: SearchOpt = None,
    funding: FundingOpt = None,
    fmt: FormatOpt = Format.table,
    no_header: NoHeaderOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List activities whose funding ends before the period's last year.

    \b
    Examples:
      budgetcli expiring
      budgetcli expiring --year 2019 --format csv
    """
    from budgetcli import queries, views

    def question(ds: Dataset) -> Report:
        if year is not None:
            queries.check_year(ds, year)
        chosen = _select(ds, department, section, None, search, funding)
        return views.expiring_report(ds, chosen, year)

    _run(data, no_cache, fmt, no_header, question)


@app.command("notes")
def notes_command(
    department: DepartmentOpt = None,
    fmt: FormatOpt = Format.table,
    no_header: NoHeaderOpt = False,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Every footnote and heading note of the source, with the activities they concern.

    \b
    Examples:
      budgetcli notes
      budgetcli notes --department SOF --format json
    """
    from budgetcli import queries, views

    def question(ds: Dataset) -> Report:
        codes = [queries.resolve_department(ds, d) for d in department or ()]
        return views.notes_report(ds, codes)

    _run(data, no_cache, fmt, no_header, question)


@app.command("validate")
def validate_command(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Data file to check; default: --data, BUDGETCLI_DATA or the bundled file."
        ),
    ] = None,
    data: DataOpt = None,
) -> None:
    """Check a data file and list every problem as FILE:LINE: field: message.

    \b
    Examples:
      budgetcli validate
      budgetcli validate my-edit.yaml
    """
    from budgetcli import loader

    target = loader.resolve_data_path(path or data)
    try:
        plain = loader.parse_and_check(target, loader.read_bytes(target))
    except DatasetError as error:
        for problem in error.problems:
            typer.echo(str(problem))
        count = len(error.problems)
        raise _fail(
            f"{count} problem{'s' if count != 1 else ''} in {target}", DATA_ERROR_EXIT
        ) from None
    typer.echo(
        f"{target}: ok ({len(plain['activities'])} activities, {len(plain['notes'])} notes)",
        err=True,
    )


def main() -> None:
    """The console script: quiet on a closed pipe and on Ctrl-C, never a traceback."""
    import signal

    # Like cat or grep: `budgetcli list | head -1` ends quietly when head closes the pipe.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app(prog_name="budgetcli")
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # pragma: no cover - a bug; say so without a traceback
        if os.environ.get("BUDGETCLI_DEBUG"):
            raise
        typer.echo(
            f"budgetcli: internal error: {type(error).__name__}: {error} "
            "(set BUDGETCLI_DEBUG=1 for the traceback, and please report it)",
            err=True,
        )
        sys.exit(1)

"""Thin typer commands: parse options, ask a question, hand the report to the renderer.

Start-up is budgetcli's main cost, so this module imports only typer and the small pure
modules; YAML, rich, tabulate and openpyxl are imported by the code paths that need them.
(No ``from __future__ import annotations`` here: typer would have to evaluate every string
annotation of every command at each start, which costs about 4 ms.)
"""

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

from budgetcli import __version__
from budgetcli.errors import DATA_ERROR_EXIT, USAGE_ERROR_EXIT, DatasetError, UsageError
from budgetcli.messages import Tr
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


class ChartBy(StrEnum):
    year = "year"
    department = "department"
    section = "section"


class Basis(StrEnum):
    budget = "budget"
    actual = "actual"


class Lang(StrEnum):
    en = "en"
    da = "da"


# Options shared by every command, declared once.
FormatOpt = Annotated[
    Format | None,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="Output format (default: table, or the --output file's extension).",
        show_default=False,
    ),
]
NoHeaderOpt = Annotated[
    bool, typer.Option("--no-header", help="Leave out the header row (csv, tsv, markdown).")
]
OutputOpt = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        help="Write to this file; .csv .tsv .json .md .xlsx .svg pick the format.",
        show_default=False,
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="BUDGETCLI_LANG",
        case_sensitive=False,
        help="Labels and footnotes in English or Danish (da: 1.234,5). JSON never changes.",
    ),
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


class Output(NamedTuple):
    """Where and how a report goes: the options every command shares."""

    fmt: Format | None
    no_header: bool
    path: Path | None
    lang: Lang


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


def _resolve_format(output: Output) -> Format:
    from budgetcli.render import EXTENSIONS, FILE_ONLY, format_for

    if output.fmt is not None:
        fmt = output.fmt
    elif output.path is not None:
        found = format_for(output.path)
        if found is None:
            known = " ".join(EXTENSIONS)
            raise UsageError(
                f"cannot tell the format of {output.path} from its extension ({known}); "
                "add --format"
            )
        fmt = found
    else:
        fmt = Format.table
    if fmt in FILE_ONLY and output.path is None:
        raise UsageError(f"--format {fmt} writes a file; add --output FILE")
    return fmt


def _emit(report: Report, output: Output) -> None:
    from budgetcli.render import render

    fmt = _resolve_format(output)
    terminal = output.path is None and sys.stdout.isatty()
    content = render(report, fmt, header=not output.no_header, terminal=terminal, lang=output.lang)
    if output.path is not None:
        _write_file(output.path, content)
    else:
        assert isinstance(content, str)
        try:
            sys.stdout.write(content)
        except UnicodeEncodeError:
            # Raised before a byte is written: the whole text is encoded first.
            raise _fail(
                f"this terminal's encoding ({sys.stdout.encoding}) cannot show the Danish "
                "letters; set PYTHONIOENCODING=utf-8 or write a file with --output",
                DATA_ERROR_EXIT,
            ) from None
        sys.stdout.flush()
    if not report.rows and report.empty_message:
        typer.echo(f"budgetcli: {report.empty_message}", err=True)
    if fmt in (Format.csv, Format.tsv, Format.xlsx) and report.footnotes:
        # Machine formats keep the data pure; what the numbers leave out goes to stderr.
        for note in report.footnotes:
            typer.echo(f"note: {note.strip()}", err=True)
    if output.path is not None:
        typer.echo(f"budgetcli: wrote {output.path}", err=True)


def _write_file(path: Path, content: str | bytes) -> None:
    from budgetcli.output import write_output

    try:
        write_output(path, content)
    except OSError as error:
        raise _fail(f"cannot write {path}: {error.strerror or error}", DATA_ERROR_EXIT) from None


def _run(
    question: Callable[[Dataset, Tr], Report],
    output: Output,
    data: Path | None,
    no_cache: bool,
) -> None:
    dataset = _load(data, no_cache)
    try:
        report = question(dataset, Tr(output.lang))
        _emit(report, output)
    except UsageError as error:
        raise _fail(str(error), USAGE_ERROR_EXIT) from None


def _select(
    dataset: Dataset,
    department: list[str] | None,
    section: list[str] | None,
    search: str | None,
    funding: str | None,
    year: int | None = None,
) -> list[Activity]:
    from budgetcli import queries

    filters = queries.Filters(
        departments=tuple(queries.resolve_department(dataset, d) for d in department or ()),
        sections=tuple(queries.resolve_section(dataset, s) for s in section or ()),
        year=_year(dataset, year),
        search=search,
        funding=funding,
    )
    return queries.select(dataset, filters)


def _year(dataset: Dataset, year: int | None) -> int | None:
    """The year, checked against the data's period (a usage error names the valid years)."""
    from budgetcli.queries import check_year

    return None if year is None else check_year(dataset, year)


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
    fmt: FormatOpt = None,
    no_header: NoHeaderOpt = False,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List activities, one row each, with their amount per year.

    \b
    Examples:
      budgetcli list --department BUF
      budgetcli list --search flygtning --format csv
      budgetcli list -o activities.xlsx
    """
    from budgetcli import views

    def question(ds: Dataset, tr: Tr) -> Report:
        chosen = _select(ds, department, section, search, funding, year)
        return views.list_report(ds, chosen, tr)

    _run(question, Output(fmt, no_header, output, lang), data, no_cache)


@app.command("show")
def show_command(
    activity_id: Annotated[
        str, typer.Argument(metavar="ID", help="Activity id or a unique prefix.")
    ],
    fmt: FormatOpt = None,
    no_header: NoHeaderOpt = False,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
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

    def question(ds: Dataset, tr: Tr) -> Report:
        return views.show_report(ds, queries.find_activity(ds, activity_id), tr)

    _run(question, Output(fmt, no_header, output, lang), data, no_cache)


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
    fmt: FormatOpt = None,
    no_header: NoHeaderOpt = False,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
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
    from budgetcli import views

    def question(ds: Dataset, tr: Tr) -> Report:
        chosen = _select(ds, department, section, search, funding)
        grouping = by.value if by else None
        return views.total_report(ds, chosen, _year(ds, year), grouping, basis.value, tr)

    _run(question, Output(fmt, no_header, output, lang), data, no_cache)


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
    fmt: FormatOpt = None,
    no_header: NoHeaderOpt = False,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
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

    def question(ds: Dataset, tr: Tr) -> Report:
        years = (queries.check_year(ds, from_year), queries.check_year(ds, to_year))
        chosen = _select(ds, department, section, search, funding)
        return views.compare_report(ds, chosen, *years, by.value, tr)

    _run(question, Output(fmt, no_header, output, lang), data, no_cache)


@app.command("expiring")
def expiring_command(
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Only those last funded in this year.")
    ] = None,
    department: DepartmentOpt = None,
    section: SectionOpt = None,
    search: SearchOpt = None,
    funding: FundingOpt = None,
    fmt: FormatOpt = None,
    no_header: NoHeaderOpt = False,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """List activities whose funding ends before the period's last year.

    \b
    Examples:
      budgetcli expiring
      budgetcli expiring --year 2019 --format csv
    """
    from budgetcli import views

    def question(ds: Dataset, tr: Tr) -> Report:
        chosen = _select(ds, department, section, search, funding)
        return views.expiring_report(ds, chosen, _year(ds, year), tr)

    _run(question, Output(fmt, no_header, output, lang), data, no_cache)


@app.command("notes")
def notes_command(
    department: DepartmentOpt = None,
    fmt: FormatOpt = None,
    no_header: NoHeaderOpt = False,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
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

    def question(ds: Dataset, tr: Tr) -> Report:
        codes = [queries.resolve_department(ds, d) for d in department or ()]
        return views.notes_report(ds, codes, tr)

    _run(question, Output(fmt, no_header, output, lang), data, no_cache)


@app.command("chart")
def chart_command(
    by: Annotated[ChartBy, typer.Option("--by", help="One bar per year or per group.")] = (
        ChartBy.year
    ),
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="One year; default: the whole period.")
    ] = None,
    department: DepartmentOpt = None,
    section: SectionOpt = None,
    search: SearchOpt = None,
    funding: FundingOpt = None,
    fmt: FormatOpt = None,
    no_header: NoHeaderOpt = False,
    output: OutputOpt = None,
    lang: LangOpt = Lang.en,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Draw the amounts as horizontal bars, labelled with the exact figures.

    \b
    Examples:
      budgetcli chart
      budgetcli chart --by department --year 2020
      budgetcli chart --by department -o chart.svg
    """
    from budgetcli import views

    def question(ds: Dataset, tr: Tr) -> Report:
        chosen = _select(ds, department, section, search, funding)
        return views.chart_report(ds, chosen, by.value, _year(ds, year), tr)

    _run(question, Output(fmt, no_header, output, lang), data, no_cache)


@app.command("export")
def export_command(
    path: Annotated[Path, typer.Argument(metavar="FILE", help=".xlsx, .sqlite/.db, .json or .csv")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", "-f", help="xlsx, sqlite, json or csv (default: by extension)."),
    ] = None,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write the whole dataset, every field, to Excel, SQLite, JSON or tidy CSV.

    \b
    Examples:
      budgetcli export budget.xlsx
      budgetcli export budget.sqlite && sqlite3 budget.sqlite 'select * from amounts limit 5'
      budgetcli export cells.csv
    """
    from budgetcli.export import EXPORT_EXTENSIONS, ExportFormat, export

    valid = ", ".join(f.value for f in ExportFormat)
    if fmt is not None:
        if fmt.lower() not in {f.value for f in ExportFormat}:
            raise _fail(f"no export format {fmt!r}; formats are {valid}", USAGE_ERROR_EXIT)
        chosen = ExportFormat(fmt.lower())
    else:
        found = EXPORT_EXTENSIONS.get(path.suffix.lower())
        if found is None:
            known = " ".join(EXPORT_EXTENSIONS)
            raise _fail(
                f"cannot tell the format of {path} from its extension ({known}); add --format",
                USAGE_ERROR_EXIT,
            )
        chosen = found
    dataset = _load(data, no_cache)
    try:
        export(dataset, chosen, path)
    except OSError as error:
        raise _fail(f"cannot write {path}: {error.strerror or error}", DATA_ERROR_EXIT) from None
    typer.echo(f"budgetcli: wrote {path} ({len(dataset.activities)} activities)", err=True)


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
        plural = "s" if count != 1 else ""
        raise _fail(f"{count} problem{plural} in {target}", DATA_ERROR_EXIT) from None
    typer.echo(
        f"{target}: ok ({len(plain['activities'])} activities, {len(plain['notes'])} notes)",
        err=True,
    )


@app.command("report")
def report_command(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The HTML file to write.", show_default=False),
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", "-y", help="One year; only activities with a cell that year."),
    ] = None,
    department: DepartmentOpt = None,
    section: SectionOpt = None,
    search: SearchOpt = None,
    funding: FundingOpt = None,
    lang: LangOpt = Lang.en,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
) -> None:
    """Write one self-contained HTML report: totals, charts, every activity, notes, source.

    \b
    Examples:
      budgetcli report -o report.html
      budgetcli report --department BUF --year 2020 --lang da -o buf-2020.html
    """
    from budgetcli import loader, queries
    from budgetcli.htmlreport import describe_filters, html_report

    dataset = _load(data, no_cache)
    path = loader.resolve_data_path(data)
    try:
        chosen = _select(dataset, department, section, search, funding, year)
        described = describe_filters(
            lang,
            departments=[queries.resolve_department(dataset, d) for d in department or ()],
            sections=[queries.resolve_section(dataset, s) for s in section or ()],
            search=search,
            funding=funding,
            year=year,
        )
        content = html_report(
            dataset,
            chosen,
            year=year,
            filters_description=described,
            lang=lang.value,
            data_path=path,
            data_bytes=loader.read_bytes(path),
        )
    except UsageError as error:
        raise _fail(str(error), USAGE_ERROR_EXIT) from None
    _write_file(output, content)
    typer.echo(f"budgetcli: wrote {output} ({len(chosen)} activities)", err=True)


def app_for(argv: list[str]) -> typer.Typer:
    """The app to run for ``argv``: only the command asked for, when one plainly is.

    typer builds a click command for every registered command at each start (about 0.6 ms
    each, most of it signature inspection), though only one will run: the lazy-subcommand
    pattern click's documentation recommends for start-up time. Help, completion and
    anything unusual get the whole app, so nothing a user sees changes.
    """
    if not argv or os.environ.get("_BUDGETCLI_COMPLETE"):
        return app
    wanted = [c for c in app.registered_commands if c.name == argv[0]]
    if len(wanted) != 1 or {"-h", "--help"} & set(argv):
        return app
    single = typer.Typer(
        name=app.info.name,
        add_completion=False,
        pretty_exceptions_enable=False,
        context_settings=app.info.context_settings,
    )
    single.registered_callback = app.registered_callback
    single.registered_commands = wanted
    return single


def main() -> None:
    """The console script: quiet on a closed pipe and on Ctrl-C, never a traceback."""
    import signal

    # Like cat or grep: `budgetcli list | head -1` ends quietly when head closes the pipe.
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    try:
        app_for(sys.argv[1:])(prog_name="budgetcli")
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

"""The commands: each parses its options, names its question, and hands it to
:func:`budgetcli.cli.answer.answer`. The questions themselves are in ``reports/``.

Start-up is budgetcli's main cost, so this module imports only typer and the small pure
modules; YAML, rich, tabulate and openpyxl are imported by the code paths that need them.
(No ``from __future__ import annotations`` here: typer would have to evaluate every string
annotation of every command at each start, which costs about 4 ms.)
"""

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from budgetcli import __version__, formats
from budgetcli.cli.answer import answer, select, select_found
from budgetcli.cli.boundary import BoundaryGroup
from budgetcli.cli.options import (
    DataOpt,
    DepartmentOpt,
    FundingOpt,
    LangOpt,
    NoCacheOpt,
    Output,
    PercentOpt,
    QuietOpt,
    SearchOpt,
    SectionOpt,
    Selection,
    SortOpt,
    TopOpt,
    by_option,
    filter_options,
    grouping,
    nested_by_option,
    output_options,
)
from budgetcli.errors import UsageError
from budgetcli.i18n import Lang, Msg, text
from budgetcli.messages import say, tell
from budgetcli.model import Dataset
from budgetcli.queries import Basis, Grouping, Order
from budgetcli.results import Document

if TYPE_CHECKING:
    from budgetcli.search import Found

D = TypeVar("D", bound=Document)

app = typer.Typer(
    name="budgetcli",
    cls=BoundaryGroup,
    help="Ask questions of Copenhagen's integration-activity budget {period}.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetcli {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Ask questions of Copenhagen's integration-activity budget {period}.

    Amounts are in mio. kr. (or --unit tkr, kr), exactly as the source prints them.
    Cells that are words ("Driftsbudget") are never counted as 0; every total says what it
    left out.
    """
    from budgetcli import messages, progress

    progress.quiet = quiet
    messages.quiet = quiet


@app.command("list")
@filter_options(year=True)
@output_options()
def list_command(chosen: Selection, out: Output, sort: SortOpt = None, top: TopOpt = None) -> None:
    """List activities, one row each, with their amount per year.

    \b
    Examples:
      budgetcli list --department BUF
      budgetcli list --search flygtning --format csv
      budgetcli list --sort -{mid} --top 5
      budgetcli list -o activities.xlsx
    """
    from budgetcli.results.build import list_result

    def question(ds: Dataset) -> Document:
        from budgetcli.cli.answer import find

        filters, found = find(ds, chosen)  # with a search, best first
        result = list_result(ds, found.activities, filters, Order.parse(sort, top))
        return _told(result, ds, chosen.search, found)

    answer(question, out)


@app.command("show")
@output_options()
def show_command(
    activity_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="Activity id, a unique prefix, a name or search words."),
    ],
    out: Output,
    remarks: Annotated[
        bool,
        typer.Option("--remarks", help="Every transcription remark in full (json: always)."),
    ] = False,
) -> None:
    """Show everything about one activity: texts, each year, notes, remarks, source.

    \b
    Examples:
      budgetcli show welcome-house
      budgetcli show igu --format json
    """
    from budgetcli import queries
    from budgetcli.results.build import show_result

    def question(ds: Dataset) -> Document:
        return show_result(ds, queries.find_activity(ds, activity_id))

    # A document (markdown, html, a workbook) has no --remarks to ask for the rest: it
    # carries every remark in full.
    document = formats.resolve(out.format, out.path) is not formats.Format.table
    answer(question, out, all_remarks=remarks or document)


TotalByOpt = nested_by_option(
    Grouping.department,
    Grouping.section,
    Grouping.funding,
    Grouping.activity,
    help="Subtotals by this grouping; nested: department,section (up to three).",
)
QuestionYearOpt = Annotated[
    int | None, typer.Option("--year", "-y", help="One year; default: every year.")
]


@app.command("total")
@filter_options()
@output_options()
def total_command(
    chosen: Selection,
    out: Output,
    year: QuestionYearOpt = None,
    by: TotalByOpt = None,  # type: ignore[valid-type]
    basis: Annotated[
        Basis, typer.Option("--basis", help="actual: use actual spend where the source gives it.")
    ] = Basis.budget,
    sort: SortOpt = None,
    top: TopOpt = None,
    percent: PercentOpt = False,
) -> None:
    """Sum the amounts; say what could not be added and what may be adjusted.

    \b
    Examples:
      budgetcli total --year {mid}
      budgetcli total --by department
      budgetcli total --year {mid} --by activity --sort -{mid} --top 10
      budgetcli total --year {next} --basis actual --format json
      budgetcli total --year {mid} --by department --percent
      budgetcli total --year {next} --by department,section
    """
    from budgetcli import queries
    from budgetcli.results.build import total_result

    def question(ds: Dataset) -> Document:
        filters, activities, found = select_found(ds, chosen)
        checked = None if year is None else queries.check_year(ds, year)
        nested = _levels(by, sort, top)
        first = nested[0] if nested else None
        order = Order.parse(sort, top)
        result = total_result(ds, activities, checked, first, basis, filters, order, nested)
        return _told(result, ds, chosen.search, found)

    answer(question, out, percent=percent)


@app.command("compare")
@filter_options()
@output_options()
def compare_command(
    from_year: Annotated[
        int, typer.Argument(metavar="YEAR_A", help="The year the change is from.")
    ],
    to_year: Annotated[int, typer.Argument(metavar="YEAR_B", help="The year it is to.")],
    chosen: Selection,
    out: Output,
    by: nested_by_option(  # type: ignore[valid-type]
        Grouping.department,
        Grouping.section,
        Grouping.activity,
        help="Compare by this grouping; nested: department,section.",
    ) = Grouping.department.value,
    sort: SortOpt = None,
    top: TopOpt = None,
    percent: PercentOpt = False,
) -> None:
    """Compare two years side by side, with the change in amount and in percent.

    \b
    Examples:
      budgetcli compare {first} {last}
      budgetcli compare {next} {mid} --by activity --department BIF
      budgetcli compare {next} {last} --by activity --sort change --top 5
    """
    from budgetcli import queries
    from budgetcli.results.build import compare_result

    def question(ds: Dataset) -> Document:
        years = (queries.check_year(ds, from_year), queries.check_year(ds, to_year))
        if from_year == to_year:
            raise UsageError(text(Msg.err_same_year, year=from_year))
        filters, activities, found = select_found(ds, chosen)
        nested = _levels(by, sort, top)
        order = Order.parse(sort, top)
        result = compare_result(ds, activities, *years, nested[0], filters, order, nested)
        return _told(result, ds, chosen.search, found)

    answer(question, out, percent=percent)


@app.command("expiring")
@filter_options()
@output_options()
def expiring_command(
    chosen: Selection,
    out: Output,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Only those last funded in this year.")
    ] = None,
    sort: SortOpt = None,
    top: TopOpt = None,
    summary: Annotated[
        bool,
        typer.Option(
            "--summary", help="Per last funded year: how many stop, and how much ends with them."
        ),
    ] = False,
    by: Annotated[
        Grouping | None,
        typer.Option(
            "--by",
            parser=grouping(Grouping.department),
            metavar="[department]",
            help="With --summary: per department too.",
        ),
    ] = None,
) -> None:
    """List activities whose funding ends before the period's last year.

    \b
    Examples:
      budgetcli expiring
      budgetcli expiring --year {next} --format csv
      budgetcli expiring --summary --by department
    """
    from budgetcli import queries
    from budgetcli.results.build import expiring_result

    if by is not None and not summary:
        raise UsageError("expiring --by goes with --summary")
    if summary and (year is not None or sort is not None or top is not None):
        raise UsageError("expiring --summary covers every year; leave out --year, --sort, --top")

    def question(ds: Dataset) -> Document:
        filters, activities, found = select_found(ds, chosen)
        checked = None if year is None else queries.check_year(ds, year)
        result = expiring_result(
            ds,
            activities,
            checked,
            filters,
            Order.parse(sort, top),
            by_department=by is Grouping.department,
        )
        return _told(result, ds, chosen.search, found)

    answer(question, out, summary=summary)


@app.command("notes")
@output_options(unit=False)
def notes_command(out: Output, department: DepartmentOpt = None) -> None:
    """Every footnote and heading note of the source, with the activities they concern.

    \b
    Examples:
      budgetcli notes
      budgetcli notes --department SOF --format json
    """
    from budgetcli import queries
    from budgetcli.results.build import notes_result

    def question(ds: Dataset) -> Document:
        codes = [queries.resolve_department(ds, d) for d in department or ()]
        return notes_result(ds, codes)

    answer(question, out)


@app.command("chart")
@filter_options()
@output_options()
def chart_command(
    chosen: Selection,
    out: Output,
    by: by_option(  # type: ignore[valid-type]
        Grouping.year, Grouping.department, Grouping.section, help="One bar per year or per group."
    ) = Grouping.year,
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="One year; default: the whole period.")
    ] = None,
) -> None:
    """Draw the amounts as horizontal bars, labelled with the exact figures.

    \b
    Examples:
      budgetcli chart
      budgetcli chart --by department --year {mid}
      budgetcli chart --by department -o chart.svg
    """
    from budgetcli import queries
    from budgetcli.results.build import chart_result

    def question(ds: Dataset) -> Document:
        filters, activities, found = select_found(ds, chosen)
        checked = None if year is None else queries.check_year(ds, year)
        return _told(chart_result(ds, activities, by, checked, filters), ds, chosen.search, found)

    answer(question, out)


@app.command("schema")
def schema_command(
    command: Annotated[
        str,
        typer.Argument(
            metavar="COMMAND", help="list, show, total, compare, expiring, notes or chart."
        ),
    ],
) -> None:
    """Print the JSON Schema (draft 2020-12) of a command's --format json document.

    \b
    Examples:
      budgetcli schema total
      budgetcli list --format json | python -m jsonschema ... (see README, For scripts)
    """
    from budgetcli.cli.answer import write_stdout
    from budgetcli.formats.json import dumps
    from budgetcli.results.schema import schema_for

    write_stdout(dumps(schema_for(command)) + "\n")


@app.command("export")
def export_command(
    path: Annotated[
        Path,
        typer.Argument(
            metavar="FILE",
            help=".xlsx, .sqlite/.db, .json, .csv or .journal; a folder for datapackage",
        ),
    ],
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help=", ".join(formats.names(dataset=True)) + " (default: by the file's extension).",
            show_default=False,
        ),
    ] = None,
    datasette_metadata: Annotated[
        Path | None,
        typer.Option(
            "--datasette-metadata",
            help="With sqlite: also write datasette's metadata (titles, units) to this file.",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Replace an existing SQLite file, or a folder's files, even if budgetcli "
            "did not write them.",
        ),
    ] = False,
    lang: LangOpt = Lang.en,
    data: DataOpt = None,
    no_cache: NoCacheOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Write the whole dataset, every field, to Excel, SQLite, JSON, tidy CSV or a
    Frictionless Data Package (a folder of CSV files described by datapackage.json).

    \b
    Examples:
      budgetcli export budget.xlsx
      budgetcli export budget.sqlite && sqlite3 budget.sqlite 'select * from amounts limit 5'
      budgetcli export budget.sqlite --datasette-metadata metadata.json
      budgetcli export budget --format datapackage
      budgetcli export cells.csv
    """
    from budgetcli.cli.answer import load

    _quiet(quiet)
    chosen = formats.resolve(fmt, path, dataset=True)
    if datasette_metadata is not None and chosen is not formats.Format.sqlite:
        raise UsageError("--datasette-metadata goes with a sqlite export")
    if datasette_metadata is not None:
        from budgetcli.files import refuse_input, refuse_same
        from budgetcli.formats.sqlite import SIDECARS
        from budgetcli.source import loader

        # The metadata must not replace the database, nor pose as its journal.
        sidecars = [path.with_name(path.name + suffix) for suffix in SIDECARS]
        refuse_same(datasette_metadata, [path, *sidecars], f"the database {path} or its journal")
        refuse_input(datasette_metadata, loader.resolve_data_path(data))
    dataset = load(data, no_cache, output=path)
    formats.dataset_writer(chosen)(dataset, path, formats.Options(lang=lang, force=force))
    tell(f"wrote {path} ({len(dataset.activities)} activities)")
    if datasette_metadata is not None:
        from budgetcli.files import write_atomic
        from budgetcli.formats.datasette_meta import write_metadata

        write_atomic(datasette_metadata, write_metadata(dataset, path))
        tell(f"wrote {datasette_metadata}")


@app.command("validate")
def validate_command(
    path: Annotated[
        Path | None,
        typer.Argument(
            help="Data file to check; default: --data, BUDGETCLI_DATA or the bundled file."
        ),
    ] = None,
    data: DataOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Check a data file (or a workbook for import) and list every problem as
    FILE:LINE: field: message (FILE: sheet!CELL: message).

    \b
    Examples:
      budgetcli validate
      budgetcli validate my-edit.yaml
    """
    from budgetcli.errors import DatasetError
    from budgetcli.source import loader
    from budgetcli.source.workbook_import import is_workbook, read_plain

    _quiet(quiet)
    target = loader.resolve_data_path(path or data)
    try:
        if is_workbook(target):  # a workbook for import: every bad cell by sheet and cell
            plain = read_plain(target)
        else:
            plain = loader.parse_and_check(target, loader.read_bytes(target))
    except DatasetError as error:
        for problem in error.problems:
            typer.echo(str(problem))
        count = len(error.problems)
        plural = "s" if count != 1 else ""
        say(f"{count} problem{plural} in {target}")
        raise typer.Exit(1) from None
    tell(f"{target}: ok ({len(plain['activities'])} activities, {len(plain['notes'])} notes)")


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
    quiet: QuietOpt = False,
) -> None:
    """Write one self-contained HTML report: totals, charts, every activity, notes, source.

    \b
    Examples:
      budgetcli report -o report.html
      budgetcli report --department BUF --year {mid} --lang da -o buf-{mid}.html
    """
    from budgetcli.files import refuse_input, write_atomic
    from budgetcli.formats.htmlreport import describe_filters, html_report
    from budgetcli.reports.document import document
    from budgetcli.source import loader

    _quiet(quiet)
    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"the report is an HTML page: name a .html file, not {output}")
    path = loader.resolve_data_path(data)
    refuse_input(output, path)
    # The bytes parsed are the bytes hashed: a stream (--data /dev/stdin) is read once.
    dataset, parsed = loader.read(path, use_cache=not no_cache)
    filters, chosen = select(dataset, Selection(department, section, search, funding, year))
    described = describe_filters(
        lang,
        departments=filters.departments,
        sections=[dataset.section_label(*ref) for ref in filters.sections],
        search=search,
        funding=funding,
        year=year,
    )
    content = html_report(
        dataset,
        chosen,
        document(dataset, chosen, filters.year),
        filters_description=described,
        lang=lang.value,
        data_path=path,
        data_bytes=loader.read_bytes(path) if parsed is None else parsed,
    )
    write_atomic(output, content.encode("utf-8"))
    tell(f"wrote {output} ({len(chosen)} activities)")


def _quiet(quiet: bool) -> None:
    from budgetcli import messages, progress

    if quiet:
        messages.quiet = progress.quiet = True


@app.command("import")
def import_command(
    workbook: Annotated[
        Path, typer.Argument(metavar="WORKBOOK", help="A workbook budgetcli export wrote.")
    ],
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The YAML data file to write.", show_default=False),
    ],
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a file that is not a budgetcli data file."),
    ] = False,
) -> None:
    """Read an exported workbook (edited, perhaps) back into a YAML data file.

    Every cell is checked as validate checks a data file; a bad cell is named by sheet and
    cell (activities!J12), and then nothing is written.

    \b
    Examples:
      budgetcli export budget.xlsx        # edit it in a spreadsheet, then:
      budgetcli import budget.xlsx -o next.yaml
      budgetcli diff data/activities.yaml next.yaml
    """
    from budgetcli.importing import import_workbook

    count = import_workbook(workbook, output, force=force)
    say(f"wrote {output} ({count} activities)")


@app.command("diff")
@output_options(unit=False)
def diff_command(
    out: Output,
    old: Annotated[Path, typer.Argument(metavar="OLD", help="A data file or workbook.")],
    new: Annotated[Path, typer.Argument(metavar="NEW", help="Another one.")],
) -> None:
    """What changed from OLD to NEW: activities added, removed, renamed; amounts per year;
    texts and notes; each department's totals. Exits as diff(1): 0 no differences, 1
    differences, 2 trouble (a file that cannot be read, a usage error).

    \b
    Examples:
      budgetcli diff data/activities.yaml next.yaml
      budgetcli diff old.xlsx new.xlsx --format json
    """
    from budgetcli.errors import DatasetError, OutputError

    if out.fields or out.layout.value != "wide":
        raise UsageError("diff takes neither --fields nor --layout")
    chosen = formats.resolve(out.format, out.path)
    try:
        differences = _write_diff(old, new, chosen, out)
    except (DatasetError, OutputError) as error:
        from budgetcli.cli.boundary import tell as tell_error

        tell_error(error)
        raise typer.Exit(DIFF_TROUBLE) from None
    raise typer.Exit(1 if differences else 0)


def _write_diff(old: Path, new: Path, chosen: formats.Format, out: Output) -> bool:
    """Compare, write the answer where asked; whether there are differences."""
    from budgetcli.cli.answer import write_stdout
    from budgetcli.diff import compare_datasets
    from budgetcli.files import refuse_input, write_atomic
    from budgetcli.formats.json import dumps
    from budgetcli.i18n import Tr
    from budgetcli.reports.diff import diff_payload, diff_report, machine_content
    from budgetcli.source.workbook_import import read_dataset

    for path in (old, new):
        if out.path is not None:
            refuse_input(out.path, path)
    before, after = (read_dataset(p, use_cache=not out.no_cache) for p in (old, new))
    differences = compare_datasets(before, after)
    report = diff_report(differences, str(old), str(new), after.unit)._replace(source=after.source)
    spec = formats.SPECS[chosen]
    content: str | bytes
    # diff's answer is no results.Document (issue 19's shapes are per question): people get
    # the Report through the registry's writers; programs get its rows and the payload here.
    if spec.human:
        options = formats.Options(lang=out.lang, header=not out.no_header, dataset=after)
        content = formats.report_writer(chosen)(report, options)
    elif chosen is formats.Format.json:
        content = dumps(diff_payload(differences, str(old), str(new), after.unit)) + "\n"
    else:
        content = machine_content(report, chosen.value, header=not out.no_header)
    if out.path is not None:
        write_atomic(out.path, content if isinstance(content, bytes) else content.encode())
        tell(f"wrote {out.path}")
    else:
        assert isinstance(content, str)
        write_stdout(content)
    if not differences:
        tell(Tr(out.lang).text(report.empty_message) if report.empty_message else "")
    elif spec.notes_on_stderr:
        from budgetcli import messages

        for note in report.footnotes:
            messages.note(Tr(out.lang).text(note.text))
    return bool(differences)


DIFF_TROUBLE = 2
"""diff's exit status when it cannot compare, as diff(1)'s: 1 means the files differ."""


def _told(document: D, ds: Dataset, search: str | None, found: "Found") -> D:
    """The result, with what the search has to say (close spellings, nearest names)."""
    from budgetcli.results.searched import with_search_notes

    return with_search_notes(document, ds, search, found)


def _levels(by: str | None, sort: str | None, top: int | None) -> tuple[Grouping, ...]:
    """A parsed ``--by``'s groupings; a nested one shows every group, so no --sort/--top."""
    from budgetcli import queries
    from budgetcli.cli.options import levels

    nested = levels(by)
    queries.check_nested_order(nested, Order.parse(sort, top))
    return nested


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
        cls=BoundaryGroup,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings=app.info.context_settings,
    )
    single.registered_callback = app.registered_callback
    single.registered_commands = wanted
    return single

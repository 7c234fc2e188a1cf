"""The commands themselves: each names its question and hands it to
:func:`budgetcli.cli.answer.answer`; the questions are in ``results/`` and ``reports/``.

Their arguments and options are declared in :mod:`budgetcli.cli.grammar`, which both the
typer app and the fast path read; nothing here imports typer. Each returns its exit status
(None for 0). Start-up is budgetcli's main cost, so YAML, rich, tabulate and openpyxl are
imported by the code paths that need them.
"""

from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from budgetcli import formats
from budgetcli.cli.answer import answer, select, select_found, write_stdout
from budgetcli.cli.values import Output, Selection
from budgetcli.errors import UsageError
from budgetcli.i18n import Lang, Msg, text
from budgetcli.messages import say, tell
from budgetcli.model import Dataset
from budgetcli.queries import Basis, Grouping, Order
from budgetcli.results import Document, Layout

if TYPE_CHECKING:
    from budgetcli.search import Found

D = TypeVar("D", bound=Document)

DIFF_TROUBLE = 2
"""diff's exit status when it cannot compare, as diff(1)'s: 1 means the files differ."""


def main_options(quiet: bool) -> None:
    """Ask questions of Copenhagen's integration-activity budget {period}."""
    from budgetcli import messages, progress

    progress.quiet = quiet
    messages.quiet = quiet


def list_activities(chosen: Selection, out: Output, sort: str | None, top: int | None) -> None:
    """List activities, one row each, with their amount per year.

    \b
    Examples:
      budgetcli list --department BUF
      budgetcli list --search flygtning --format csv
      budgetcli list --sort -{mid} --top 5
      budgetcli list -o activities.xlsx
    """
    from budgetcli.cli.answer import find
    from budgetcli.results.build import list_result

    def question(ds: Dataset) -> Document:
        filters, found = find(ds, chosen)  # with a search, best first
        result = list_result(ds, found.activities, filters, Order.parse(sort, top))
        return _told(result, ds, filters.search, found)

    answer(question, out)


def show(activity_id: str, remarks: bool, out: Output) -> None:
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


def total(
    chosen: Selection,
    out: Output,
    year: int | None,
    by: str | None,
    basis: Basis,
    sort: str | None,
    top: int | None,
    percent: bool,
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
        return _told(result, ds, filters.search, found)

    answer(question, out, percent=percent)


def compare(
    from_year: int,
    to_year: int,
    chosen: Selection,
    out: Output,
    by: str,
    sort: str | None,
    top: int | None,
    percent: bool,
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
        return _told(result, ds, filters.search, found)

    answer(question, out, percent=percent)


def expiring(
    chosen: Selection,
    out: Output,
    year: int | None,
    sort: str | None,
    top: int | None,
    summary: bool,
    by: Grouping | None,
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
        return _told(result, ds, filters.search, found)

    answer(question, out, summary=summary)


def notes(out: Output, department: list[str] | None) -> None:
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


def chart(
    chosen: Selection, out: Output, by: Grouping, year: int | None, top: int | None = None
) -> None:
    """Draw the amounts as horizontal bars, labelled with the exact figures.

    \b
    Examples:
      budgetcli chart
      budgetcli chart --by department --year {mid}
      budgetcli chart --by department -o chart.svg
      budgetcli chart --by activity -d KFF --year {mid}
    """
    from budgetcli import queries
    from budgetcli.results.build import chart_result

    def question(ds: Dataset) -> Document:
        filters, activities, found = select_found(ds, chosen)
        checked = None if year is None else queries.check_year(ds, year)
        result = chart_result(ds, activities, by, checked, filters, top=top)
        return _told(result, ds, filters.search, found)

    answer(question, out)


def schema(command: str) -> None:
    """Print the JSON Schema (draft 2020-12) of a command's --format json document.

    \b
    Examples:
      budgetcli schema total
      budgetcli list --format json | python -m jsonschema ... (see README, For scripts)
    """
    from budgetcli.formats.json import dumps
    from budgetcli.results.schema import schema_for

    write_stdout(dumps(schema_for(command)) + "\n")


def export(
    path: Path,
    fmt: str | None,
    datasette_metadata: Path | None,
    force: bool,
    lang: Lang,
    data: Path | None,
    no_cache: bool,
    quiet: bool,
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


def validate(path: Path | None, data: Path | None, quiet: bool) -> int:
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
        write_stdout("".join(f"{problem}\n" for problem in error.problems))
        count = len(error.problems)
        plural = "s" if count != 1 else ""
        say(f"{count} problem{plural} in {target}")
        return 1
    tell(f"{target}: ok ({len(plain['activities'])} activities, {len(plain['notes'])} notes)")
    return 0


def report(
    output: Path,
    lang: Lang,
    data: Path | None,
    no_cache: bool,
    quiet: bool,
    chosen: Selection,
) -> None:
    """Write one self-contained HTML report: totals, charts, every activity, notes, source.

    \b
    Examples:
      budgetcli report -o report.html
      budgetcli report --department BUF --year {mid} --lang da -o buf-{mid}.html
    """
    from budgetcli.files import refuse_input, write_atomic
    from budgetcli.formats.htmlreport import html_report
    from budgetcli.reports.asked import selection_heading
    from budgetcli.reports.document import document
    from budgetcli.results.build import filters_record
    from budgetcli.source import loader

    _quiet(quiet)
    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(f"the report is an HTML page: name a .html file, not {output}")
    path = loader.resolve_data_path(data)
    refuse_input(output, path)
    # The bytes parsed are the bytes hashed: a stream (--data /dev/stdin) is read once.
    dataset, parsed = loader.read(path, use_cache=not no_cache)
    filters, activities = select(dataset, chosen)
    described = selection_heading(lang, filters_record(dataset, filters))
    content = html_report(
        dataset,
        activities,
        document(dataset, activities, filters.year),
        filters_description=described,
        lang=lang.value,
        data_path=path,
        data_bytes=loader.read_bytes(path) if parsed is None else parsed,
    )
    write_atomic(output, content.encode("utf-8"))
    tell(f"wrote {output} ({len(activities)} activities)")


def import_workbook(workbook: Path, output: Path, force: bool) -> None:
    """Read an exported workbook (edited, perhaps) back into a YAML data file.

    Every cell is checked as validate checks a data file; a bad cell is named by sheet and
    cell (activities!J12), and then nothing is written.

    \b
    Examples:
      budgetcli export budget.xlsx        # edit it in a spreadsheet, then:
      budgetcli import budget.xlsx -o next.yaml
      budgetcli diff data/activities.yaml next.yaml
    """
    from budgetcli.importing import import_workbook as read_into

    count = read_into(workbook, output, force=force)
    say(f"wrote {output} ({count} activities)")


def diff(out: Output, old: Path, new: Path) -> int:
    """What changed from OLD to NEW: activities added, removed, renamed; amounts per year;
    texts and notes; each department's totals. Exits as diff(1): 0 no differences, 1
    differences, 2 trouble (a file that cannot be read, a usage error).

    \b
    Examples:
      budgetcli diff data/activities.yaml next.yaml
      budgetcli diff old.xlsx new.xlsx --format json
    """
    from budgetcli.errors import DatasetError, OutputError

    if out.fields or out.layout is not Layout.wide:
        raise UsageError("diff takes neither --fields nor --layout")
    chosen = formats.resolve(out.format, out.path)
    try:
        differences = _write_diff(old, new, chosen, out)
    except (DatasetError, OutputError) as error:
        from budgetcli.cli.guard import tell as tell_error

        tell_error(error)
        return DIFF_TROUBLE
    return 1 if differences else 0


def _write_diff(old: Path, new: Path, chosen: formats.Format, out: Output) -> bool:
    """Compare, write the answer where asked; whether there are differences."""
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


def _quiet(quiet: bool) -> None:
    from budgetcli import messages, progress

    if quiet:
        messages.quiet = progress.quiet = True


def _told(document: D, ds: Dataset, search: str | None, found: "Found") -> D:
    """The result, with what the search has to say (close spellings, nearest names)."""
    from budgetcli.results.searched import with_search_notes

    return with_search_notes(document, ds, search, found)


def _levels(by: str | None, sort: str | None, top: int | None) -> tuple[Grouping, ...]:
    """A parsed ``--by``'s groupings; a nested one shows every group, so no --sort/--top."""
    from budgetcli import queries

    nested = tuple(Grouping(part) for part in by.split(",")) if by else ()
    queries.check_nested_order(nested, Order.parse(sort, top))
    return nested

"""The commands themselves: each asks its question of :mod:`budgetcli.api` (the one
composer of every answer) and hands the result to :func:`budgetcli.cli.answer.answer`,
which writes it in the format asked for.

Their arguments and options are declared in :mod:`budgetcli.cli.grammar`, which both the
typer app and the fast path read; nothing here imports typer. Each returns its exit status
(None for 0). Start-up is budgetcli's main cost, so YAML, rich, tabulate and openpyxl are
imported by the code paths that need them.
"""

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from budgetcli import formats
from budgetcli.cli.answer import answer, emit, load, settle, write_stdout
from budgetcli.cli.values import DATA_VARIABLE, LANG_VARIABLE, Output, Selection, split_fields
from budgetcli.errors import UsageError
from budgetcli.i18n import Lang, Msg, text
from budgetcli.messages import say, tell
from budgetcli.model import Dataset
from budgetcli.results import Document, Layout
from budgetcli.terms import Basis, Grouping

DIFF_TROUBLE = 2
"""diff's exit status when it cannot compare, as diff(1)'s: 1 means the files differ."""


def main_options(lang: Lang, data: Path | None) -> None:
    """Ask questions of Copenhagen's integration-activity budget {period}."""
    import os

    # Before the command, an option stands for the command's own: its environment variable
    # is the command's default, so one given after the command still wins.
    for variable, value in ((LANG_VARIABLE, lang), (DATA_VARIABLE, data)):
        if value is not None:
            os.environ[variable] = str(value)


def list_activities(chosen: Selection, out: Output, sort: str | None, top: int | None) -> None:
    """List activities, one row each, with their amount per year.

    \b
    Examples:
      budgetcli list --department BUF
      budgetcli list --search flygtning --format csv
      budgetcli list --sort -{mid} --top 5
      budgetcli list -o activities.xlsx
    """
    from budgetcli import api

    _ask(api.list_activities, out, chosen, sort, top)


def show(activity_id: str, remarks: bool, out: Output) -> None:
    """Show everything about one activity: texts, each year, notes, remarks, source.

    \b
    Examples:
      budgetcli show welcome-house
      budgetcli show igu --format json
    """
    from budgetcli import api

    # A document (markdown, html, a workbook) has no --remarks to ask for the rest: it
    # carries every remark in full.
    document = formats.resolve(out.format, out.path) is not formats.Format.table
    answer(
        lambda ds: api.show(activity_id, unit=out.unit.value, data=ds),
        out,
        all_remarks=remarks or document,
    )


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
    from budgetcli import api

    asked = {"year": year, "by": by, "basis": basis.value}
    _ask(api.total, out, chosen, sort, top, asked, percent=percent)


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
    from budgetcli import api

    asked = {"from_year": from_year, "to_year": to_year, "by": by}
    _ask(api.compare, out, chosen, sort, top, asked, percent=percent)


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
    from budgetcli import api

    asked = {"year": year, "summary": summary, "by": None if by is None else by.value}
    _ask(api.expiring, out, chosen, sort, top, asked, summary=summary)


def notes(out: Output, department: list[str] | None) -> None:
    """Every footnote and heading note of the source, with the activities they concern.

    \b
    Examples:
      budgetcli notes
      budgetcli notes --department SOF --format json
    """
    from budgetcli import api

    answer(lambda ds: api.notes(department=department, data=ds), out)


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
    from budgetcli import api

    _ask(api.chart, out, chosen, None, top, {"by": by.value, "year": year})


def schema(command: str, fields: str | None, lang: Lang) -> None:
    """Print the JSON Schema (draft 2020-12) of a command's --format json document.

    \b
    Examples:
      budgetcli schema total
      budgetcli schema list --fields id,total
      budgetcli list --format json | python -m jsonschema ... (see README, For scripts)
    """
    from budgetcli.formats.json import dumps
    from budgetcli.results.schema import schema_for

    write_stdout(dumps(schema_for(command, split_fields(fields))) + "\n")


def export(
    path: Path,
    fmt: str | None,
    datasette_metadata: Path | None,
    force: bool,
    lang: Lang,
    data: Path | None,
    no_cache: bool,
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
    from budgetcli.source import loader

    chosen = formats.resolve(fmt, path, dataset=True)
    source = loader.resolve_data_path(data)
    if datasette_metadata is not None:
        from budgetcli.files import refuse_input, refuse_same
        from budgetcli.formats.sqlite import SIDECARS

        if chosen is not formats.Format.sqlite:
            raise UsageError(text(Msg.err_datasette_sqlite))
        # The metadata must not replace the database, nor pose as its journal.
        sidecars = [path.with_name(path.name + suffix) for suffix in SIDECARS]
        taken_by = text(Msg.what_database_journal, path=path)
        refuse_same(datasette_metadata, [path, *sidecars], taken_by)
        refuse_input(datasette_metadata, source)
    if chosen is formats.Format.sqlite:
        from budgetcli.formats.sqlite import refuse_sidecar_input

        refuse_sidecar_input(path, source)
    dataset = load(data, no_cache, output=path)
    formats.dataset_writer(chosen)(dataset, path, formats.Options(lang=lang, force=force))
    tell(text(Msg.wrote_count, path=path, count=len(dataset.activities)))
    if datasette_metadata is not None:
        from budgetcli.files import write_atomic
        from budgetcli.formats.datasette_meta import write_metadata

        write_atomic(datasette_metadata, write_metadata(dataset, path))
        tell(text(Msg.wrote, path=datasette_metadata))


def validate(path: Path | None, data: Path | None, lang: Lang) -> int:
    """Check a data file (or a workbook for import) and list every problem as
    FILE:LINE: field: message (FILE: sheet!CELL: message).

    \b
    Examples:
      budgetcli validate
      budgetcli validate my-edit.yaml
    """
    from budgetcli.controls import visible
    from budgetcli.errors import DatasetError
    from budgetcli.messages import words
    from budgetcli.source import loader
    from budgetcli.source.workbook_import import read_checked

    target = loader.resolve_data_path(path or data)
    try:
        # A workbook for import has every bad cell named by sheet and cell.
        plain = read_checked(target)
    except DatasetError as error:
        write_stdout("".join(f"{visible(words(p.said()))}\n" for p in error.problems))
        count = len(error.problems)
        say(
            text(
                Msg.validate_problems if count != 1 else Msg.validate_problem,
                count=count,
                path=target,
            )
        )
        return 1
    counts = {"activities": len(plain["activities"]), "notes": len(plain["notes"])}
    tell(text(Msg.validate_ok, path=target, **counts))
    return 0


def report(
    output: Path,
    lang: Lang,
    data: Path | None,
    no_cache: bool,
    chosen: Selection,
) -> None:
    """Write one self-contained HTML report: totals, charts, every activity, notes, source.

    \b
    Examples:
      budgetcli report -o report.html
      budgetcli report --department BUF --year {mid} --lang da -o buf-{mid}.html
    """
    from budgetcli import api
    from budgetcli.files import refuse_input, write_atomic
    from budgetcli.source import loader

    if output.suffix.lower() not in (".html", ".htm"):
        raise UsageError(text(Msg.err_report_html, output=output))
    path = loader.resolve_data_path(data)
    refuse_input(output, path)
    content = api.report(lang=lang.value, use_cache=not no_cache, data=path, **chosen)
    write_atomic(output, content.encode("utf-8"))
    tell(text(Msg.wrote, path=output))


def import_workbook(workbook: Path, output: Path, force: bool, lang: Lang) -> None:
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
    tell(text(Msg.wrote_count, path=output, count=count))


def diff(out: Output, old: Path, new: Path) -> int:
    """What changed from OLD to NEW: activities added, removed, renamed; amounts per year;
    texts and notes; each department's totals. Exits as diff(1): 0 no differences, 1
    differences, 2 trouble (a file that cannot be read, a usage error).

    \b
    Examples:
      budgetcli diff data/activities.yaml next.yaml
      budgetcli diff old.xlsx new.xlsx --format json
    """
    from budgetcli import api
    from budgetcli.errors import DatasetError, OutputError
    from budgetcli.files import refuse_input
    from budgetcli.source.workbook_import import read_dataset

    if out.layout is not Layout.wide:
        raise UsageError(text(Msg.err_diff_layout))
    try:
        fmt = settle(out)
        if out.path is not None:
            for path in (old, new):
                refuse_input(out.path, path)
        before, after = (read_dataset(p, use_cache=not out.no_cache) for p in (old, new))
        document = api.diff(before, after, names=(str(old), str(new)))
        emit(document, fmt, out, after)
    except (DatasetError, OutputError) as error:
        from budgetcli.cli.guard import tell as tell_error

        tell_error(error)
        return DIFF_TROUBLE
    return 1 if document.rows else 0


def _ask(
    question: Callable[..., Document],
    out: Output,
    chosen: Selection,
    sort: str | None,
    top: int | None,
    asked: Mapping[str, Any] | None = None,
    **view: bool,
) -> None:
    """Answer a question over activities: the API's ``question`` asked with the command's
    own keywords (``asked``) and those every such question takes, from the parsed options;
    ``view`` as for :func:`~budgetcli.cli.answer.answer`."""

    def answered(ds: Dataset) -> Document:
        selecting = {**chosen, "sort": sort, "top": top, "unit": out.unit.value, "data": ds}
        return question(**(asked or {}), **selecting)

    answer(answered, out, **view)

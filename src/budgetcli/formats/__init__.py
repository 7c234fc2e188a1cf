"""The format registry: every way budgetcli writes, one record each.

A command's output (``--format``, ``-o FILE``) and ``export`` both look formats up here, and
both settle the format while the arguments are read, before any data is. A writer is named
by its module and function and imported only when used, so adding a format costs start-up
nothing: write one module under ``formats/``, add one :class:`Spec` below.

Machine formats (json, ndjson, csv, tsv, sqlite, datapackage) are the same in every
language and terminal, and their writers get the command's typed result
(:mod:`budgetcli.results`); human formats are written in the reader's language from the
Report drawn from it (:mod:`budgetcli.reports`). The Danish spreadsheet dialect is a human
format of its own, ``csv-da``, asked for by name (``-o x.csv`` stays plain csv).
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from budgetcli.errors import UsageError
from budgetcli.i18n import Lang, Msg, text
from budgetcli.results import Layout

if TYPE_CHECKING:
    from budgetcli.model import Dataset


class Format(StrEnum):
    table = "table"
    json = "json"
    ndjson = "ndjson"
    csv = "csv"
    csv_da = "csv-da"
    tsv = "tsv"
    markdown = "markdown"
    xlsx = "xlsx"
    svg = "svg"
    html = "html"
    sqlite = "sqlite"
    datapackage = "datapackage"
    hledger = "hledger"


class Spec(NamedTuple):
    format: Format
    extensions: tuple[str, ...]
    human: bool
    """Written in the reader's language (and numbers their way) from a Report; else fixed
    for programs, and written from the typed result."""
    binary: bool
    report_writer: str | None = None
    """``module:function`` turning a Report into text or bytes, if the format shows reports."""
    dataset_writer: str | None = None
    """``module:function`` writing a whole Dataset to a path, if ``export`` offers the format."""
    file_only: bool = False
    """Never printed to stdout (a picture, a workbook)."""
    notes_on_stderr: bool = False
    """The format has no place for footnotes (a bare table for programs): they go to stderr,
    so stdout stays pure data."""
    aliases: tuple[str, ...] = ()
    """Other names ``--format`` accepts."""
    rows_only: bool = False
    """Writes rows only (csv, tsv, ndjson): ``--fields`` and ``--layout`` apply."""


SPECS: dict[Format, Spec] = {
    spec.format: spec
    for spec in (
        Spec(Format.table, (".txt",), True, False, "table:write"),
        Spec(Format.json, (".json",), False, False, "json:write", "json:export"),
        Spec(
            Format.ndjson,
            (".ndjson", ".jsonl"),
            False,
            False,
            "json:write_ndjson",
            notes_on_stderr=True,
            aliases=("jsonl",),
            rows_only=True,
        ),
        Spec(
            Format.csv,
            (".csv",),
            False,
            False,
            "delimited:write_csv",
            "delimited:export_csv",
            notes_on_stderr=True,
            rows_only=True,
        ),
        Spec(
            Format.tsv,
            (".tsv",),
            False,
            False,
            "delimited:write_tsv",
            notes_on_stderr=True,
            rows_only=True,
        ),
        # For Danish Excel only (";", decimal comma, BOM): no extension picks it. Its
        # footnotes are rows of the file, after the table.
        Spec(Format.csv_da, (), True, False, "delimited:write_csv_da"),
        Spec(Format.markdown, (".md", ".markdown"), True, False, "markdown:write"),
        Spec(Format.xlsx, (".xlsx",), True, True, "xlsx:write", "xlsx:export", file_only=True),
        Spec(Format.svg, (".svg",), True, False, "svg:write", file_only=True),
        Spec(Format.html, (".html", ".htm"), True, False, "html:write", file_only=True),
        Spec(Format.sqlite, (".sqlite", ".sqlite3", ".db"), False, True, None, "sqlite:export"),
        # A directory of CSV files and datapackage.json: no extension names it.
        Spec(Format.datapackage, (), False, True, None, "datapackage:export"),
        Spec(Format.hledger, (".journal", ".hledger"), False, False, None, "journal:export"),
    )
}


class Options(NamedTuple):
    """How a writer writes: the reader's language, a header row, a terminal's width."""

    lang: Lang = Lang.en
    header: bool = True
    terminal: bool = False
    """Writing to a terminal: fit its width, colour if it allows."""
    width: int | None = None
    """The terminal's width, if known better than rich can tell (tests pin it)."""
    dataset: Dataset | None = None
    """The data the report was drawn from, for formats that stand on their own and cite
    their source and its notes (xlsx); None where not known."""
    force: bool = False
    """Replace an existing file the writer would otherwise refuse to (export --force)."""
    fields: tuple[str, ...] = ()
    """``--fields``: only these columns (csv, tsv) or keys of the rows (json, ndjson)."""
    layout: Layout = Layout.wide
    summary: bool = False
    """``expiring --summary``: csv, tsv and ndjson list the summary's rows, not the activities
    (json has both, always)."""
    decimals: int | None = None
    """Decimals of every amount shown to people (``--decimals``); None: one precision per
    table, the unit's, raised where an amount has more (formats.cells.table_precision).
    Machine formats ignore it."""


def _names(specs: list[Spec]) -> str:
    return ", ".join(s.format.value for s in specs)


def _extensions(specs: list[Spec]) -> str:
    return " ".join(e for s in specs for e in s.extensions)


def resolve(
    name: str | None, path: Path | None, *, dataset: bool = False, default: Format = Format.table
) -> Format:
    """The format a command writes: ``--format`` if given, else the file's extension.

    ``dataset`` selects the formats ``export`` offers. Raises UsageError naming the choices.
    """
    offered = [s for s in SPECS.values() if (s.dataset_writer if dataset else s.report_writer)]
    if name is not None:
        for spec in offered:
            if name.lower() in (spec.format.value, *spec.aliases):
                return _check_destination(spec, path)
        raise UsageError(text(Msg.err_no_format, name=repr(name), names=_names(offered)))
    if path is not None:
        suffix = path.suffix.lower()
        for spec in offered:
            if suffix in spec.extensions:
                return _check_destination(spec, path)
        raise UsageError(text(Msg.err_no_extension, path=path, known=_extensions(offered)))
    return _check_destination(SPECS[default], path)


def _check_destination(spec: Spec, path: Path | None) -> Format:
    if spec.file_only and path is None:
        raise UsageError(text(Msg.err_file_only, fmt=spec.format.value))
    return spec.format


def names(*, dataset: bool = False) -> list[str]:
    """The formats a command's output (or, with ``dataset``, ``export``) offers."""
    return [
        name
        for s in SPECS.values()
        if (s.dataset_writer if dataset else s.report_writer)
        for name in (s.format.value, *s.aliases)
    ]


def _load(target: str) -> Callable[..., Any]:
    module, function = target.split(":")
    writer: Callable[..., Any] = getattr(import_module(f"budgetcli.formats.{module}"), function)
    return writer


def report_writer(fmt: Format) -> Callable[..., str | bytes]:
    target = SPECS[fmt].report_writer
    assert target is not None, f"{fmt} shows no reports"
    return _load(target)


def dataset_writer(fmt: Format) -> Callable[..., None]:
    target = SPECS[fmt].dataset_writer
    assert target is not None, f"{fmt} exports no dataset"
    return _load(target)

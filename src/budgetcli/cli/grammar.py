"""Every command, argument and option of the command line, declared once, without typer.

Two readers are built from these declarations: the typer app (:mod:`budgetcli.cli.commands`),
which gives help, completion and click's error messages, and the fast path
(:mod:`budgetcli.cli.fast`), which answers a plain command line without importing typer
(typer is two thirds of a JSON answer's start-up). Both hand the command the same values,
so neither has a grammar of its own to keep in step with the other.

A value's parser (``parse``) raises ValueError with the words a user should read; typer
shows them as click's "Invalid value for '--by': ...", the fast path leaves such a command
line to typer.
"""

from collections.abc import Callable, Sequence
from enum import Enum
from pathlib import Path
from typing import Any, NamedTuple

from budgetcli.cli import run
from budgetcli.cli.values import DATA_VARIABLE, LANG_VARIABLE, Output
from budgetcli.errors import UsageError
from budgetcli.filtering import FILTERS
from budgetcli.formats import SPECS, names
from budgetcli.i18n import Lang
from budgetcli.results import DOCUMENTS, Layout
from budgetcli.terms import (
    CHART_BY,
    COMPARE_BY,
    EXPIRING_BY,
    TOTAL_BY,
    Basis,
    Grouping,
    Unit,
    check_levels,
)

REQUIRED: Any = ...
"""The default of an argument or option that must be given."""
HELP_FLAGS = ("-h", "--help")
COMPLETION_VARIABLE = "_BUDGETCLI_COMPLETE"
"""Set by the shell's completion script (click's ``_{PROG}_COMPLETE``)."""


class Param(NamedTuple):
    """One argument (no ``flags``) or option of a command."""

    name: str
    """The command function's parameter."""
    flags: tuple[str, ...]
    help: str
    value: type = str
    """What one value is read as: str, int, Path, bool (a switch), or an Enum (by value)."""
    default: Any = None
    repeat: bool = False
    """May be given more than once: the values as a list (None when never given)."""
    envvar: str | None = None
    parse: Callable[[str], Any] | None = None
    """Reads a value instead of ``value``'s own reading; raises ValueError."""
    metavar: str | None = None
    minimum: int | None = None
    maximum: int | None = None
    case_sensitive: bool = True
    """For an Enum: whether ``--lang DA`` is refused."""


class OptionGroup(NamedTuple):
    """Options several commands share, handed to a command as one value (sqlite-utils'
    ``output_options``): each is declared here once, never in a command's signature."""

    into: str
    params: tuple[Param, ...]
    collect: Callable[[dict[str, Any]], Any]


class Command(NamedTuple):
    name: str
    run: Callable[..., int | None]
    """The command itself (:mod:`budgetcli.cli.run`), whose docstring is its help: the
    exit status, None for 0."""
    params: tuple[Param | OptionGroup, ...] = ()
    """In the order help lists them; a group's options where the group stands."""

    def every_param(self) -> tuple[Param, ...]:
        return tuple(
            p for e in self.params for p in (e.params if isinstance(e, OptionGroup) else (e,))
        )

    def values(self, parsed: dict[str, Any]) -> dict[str, Any]:
        """The command's keyword arguments from every parameter's parsed value (-q is not
        one: see :meth:`call`)."""
        values = {}
        for e in self.params:
            if isinstance(e, OptionGroup):
                values[e.into] = e.collect({p.name: parsed[p.name] for p in e.params})
            elif e is not QUIET:
                values[e.name] = parsed[e.name]
        return values

    def call(self, parsed: dict[str, Any]) -> int | None:
        """The command run with every parameter's parsed value. ``-q`` (before the command,
        after it, or BUDGETCLI_QUIET) is the whole process's, set here for every command;
        the error boundary clears it before each command line."""
        if parsed[QUIET.name]:
            from budgetcli import messages

            messages.quiet = True
        return self.run(**self.values(parsed))


# --- parsers ------------------------------------------------------------------------------


def grouping(*offered: Grouping) -> Callable[[str], Grouping]:
    """A parser for ``--by`` that accepts the groupings one command offers."""

    def parse(value: str) -> Grouping:
        if isinstance(value, Grouping):  # the default, already parsed
            return value
        for choice in offered:
            if choice.value == value.strip().lower():
                return choice
        raise ValueError(f"{value!r} is not one of {', '.join(c.value for c in offered)}")

    return parse


def groupings(*offered: Grouping) -> Callable[[str], str]:
    """A parser for ``--by`` that also takes nested groupings: ``department,section``
    (up to three of those one command offers, each once); gives them back normalised."""
    single = grouping(*offered)

    def parse(value: str) -> str:
        try:
            parts = check_levels([single(part) for part in value.split(",")])
        except UsageError as error:
            raise ValueError(f"{value!r}: {error}") from None
        return ",".join(part.value for part in parts)

    return parse


def _format_name(value: str) -> str:
    if value.lower() not in names():
        raise ValueError(f"no format {value!r}; formats are {', '.join(names())}")
    return value.lower()


def _by(*offered: Grouping, nested: bool, help: str, default: Any) -> Param:
    """``--by`` for one command: the groupings it offers, checked while parsing; ``nested``
    takes ``department,section`` (see :func:`groupings`)."""
    choices = "|".join(g.value for g in offered)
    return Param(
        "by",
        ("--by",),
        help,
        str if nested else Grouping,
        default,
        parse=groupings(*offered) if nested else grouping(*offered),
        metavar=f"[{choices}][,...]" if nested else f"[{choices}]",
    )


# --- options commands share ---------------------------------------------------------------

QUIET = Param(
    "quiet",
    ("--quiet", "-q"),
    "On success, nothing on stderr: no notes, no progress, no 'wrote FILE'.",
    bool,
    False,
    envvar="BUDGETCLI_QUIET",
)
LANG = Param(
    "lang",
    ("--lang",),
    "Words and numbers for people in English or Danish (da: 1.234,5). "
    "json, ndjson, csv and tsv never change.",
    Lang,
    Lang.en,
    envvar=LANG_VARIABLE,
    case_sensitive=False,
)
DATA = Param(
    "data",
    ("--data",),
    "Data file to read instead of the bundled one.",
    Path,
    envvar=DATA_VARIABLE,
)
NO_CACHE = Param(
    "no_cache",
    ("--no-cache",),
    "Parse the data file afresh.",
    bool,
    False,
    envvar="BUDGETCLI_NO_CACHE",
)
FILTER_OPTIONS = {f.name: Param(f.name, f.flags, f.help, f.value, repeat=f.repeat) for f in FILTERS}
YEAR = FILTER_OPTIONS["year"]
SORT = Param(
    "sort",
    ("--sort",),
    "Order rows by a year, total, change, name or id; -KEY for descending "
    "(amounts in words or none come last).",
)
TOP = Param("top", ("--top",), "Only the first N rows (after --sort).", int, minimum=1)
PERCENT = Param(
    "percent", ("--percent",), "A share column: each row in percent of the total.", bool, False
)


def _output(*, unit: bool) -> OptionGroup:
    """--format, -o, --no-header, --fields, --layout, --lang, [--unit, --decimals], --data,
    --no-cache, -q: into the command's ``out: Output``."""
    amounts = (
        Param(
            "unit",
            ("--unit",),
            "Amounts in mio. kr. (as the source prints them), t.kr. (tkr) or kr.; "
            "exact, never rounded.",
            Unit,
            Unit.mio,
            case_sensitive=False,
        ),
        Param(
            "decimals",
            ("--decimals",),
            "Decimals of every amount shown to people (rounded half up); default: one "
            "precision per table (mio. kr.: 3), more only where an amount has more. json, "
            "tsv and plain csv stay exact.",
            int,
            minimum=0,
            maximum=6,
        ),
    )
    params = (
        Param(
            "fmt",
            ("--format", "-f"),
            "Output format (default: table, or the --output file's extension). "
            "json, ndjson, csv and tsv are for programs and never change with --lang; "
            "csv-da is for Danish Excel only (; and decimal commas: elsewhere use xlsx).",
            parse=_format_name,
            metavar="[" + "|".join(names()) + "]",
        ),
        Param(
            "no_header",
            ("--no-header",),
            "Leave out the header row (csv, tsv, markdown).",
            bool,
            False,
        ),
        Param(
            "output",
            ("--output", "-o"),
            "Write to this file; its extension picks the format ("
            + " ".join(e for s in SPECS.values() if s.report_writer for e in s.extensions)
            + ").",
            Path,
        ),
        Param(
            "fields",
            ("--fields",),
            "Only these comma-separated columns (csv, tsv) or row keys (json, ndjson).",
        ),
        Param(
            "layout",
            ("--layout",),
            "csv, tsv, ndjson: wide (a column per year) or long (a row per year).",
            Layout,
            Layout.wide,
            case_sensitive=False,
        ),
        LANG,
        *(amounts if unit else ()),
        DATA,
        NO_CACHE,
        QUIET,
    )
    return OptionGroup("out", params, Output.collect)


READING = (LANG, DATA, NO_CACHE, QUIET)
"""What a command that writes a file of its own takes besides (export, report)."""
OUTPUT = _output(unit=True)
OUTPUT_NO_UNIT = _output(unit=False)


def _filters(year: Param | None = None) -> OptionGroup:
    """Every filter (:data:`budgetcli.filtering.FILTERS`) but the year, and the year too where
    it is a filter rather than the question's own: into the command's ``chosen: Selection``."""
    rest = (p for name, p in FILTER_OPTIONS.items() if name != YEAR.name)
    params = (*((year,) if year else ()), *rest)
    return OptionGroup("chosen", params, dict)


def _year(help: str) -> Param:
    return YEAR._replace(help=help)


FILTERS_BUT_YEAR = _filters()
FILTERS_BY_YEAR = _filters(YEAR)
SUMMED = (SORT, TOP, PERCENT, OUTPUT, FILTERS_BUT_YEAR)
"""What a question of sums (total, compare) takes after its own options."""


# --- the commands -------------------------------------------------------------------------

ROOT = Command("budgetcli", run.main_options, (QUIET, LANG, DATA))
"""What comes before the command (``budgetcli -q --lang da list``), read for every command:
each stands for the command's own option of that name (given after the command, that wins)."""

COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        Command(
            "list",
            run.list_activities,
            (SORT, TOP, OUTPUT, FILTERS_BY_YEAR),
        ),
        Command(
            "show",
            run.show,
            (
                Param(
                    "activity_id",
                    (),
                    "Activity id, a unique prefix, a name or search words.",
                    default=REQUIRED,
                    metavar="ID",
                ),
                Param(
                    "remarks",
                    ("--remarks",),
                    "Every transcription remark in full (json: always).",
                    bool,
                    False,
                ),
                OUTPUT,
            ),
        ),
        Command(
            "total",
            run.total,
            (
                _year("One year; default: every year."),
                _by(
                    *TOTAL_BY,
                    nested=True,
                    help="Subtotals by this grouping; nested: department,section (up to three).",
                    default=None,
                ),
                Param(
                    "basis",
                    ("--basis",),
                    "actual: use actual spend where the source gives it.",
                    Basis,
                    Basis.budget,
                ),
                *SUMMED,
            ),
        ),
        Command(
            "compare",
            run.compare,
            (
                Param(
                    "from_year",
                    (),
                    "The year the change is from.",
                    int,
                    REQUIRED,
                    metavar="YEAR_A",
                ),
                Param("to_year", (), "The year it is to.", int, REQUIRED, metavar="YEAR_B"),
                _by(
                    *COMPARE_BY,
                    nested=True,
                    help="Compare by this grouping; nested: department,section.",
                    default=Grouping.department.value,
                ),
                *SUMMED,
            ),
        ),
        Command(
            "expiring",
            run.expiring,
            (
                _year("Only those last funded in this year."),
                SORT,
                TOP,
                Param(
                    "summary",
                    ("--summary",),
                    "Per last funded year: how many stop, and how much ends with them.",
                    bool,
                    False,
                ),
                _by(
                    *EXPIRING_BY,
                    nested=False,
                    help="With --summary: per department too.",
                    default=None,
                ),
                OUTPUT,
                FILTERS_BUT_YEAR,
            ),
        ),
        Command(
            "notes",
            run.notes,
            (FILTER_OPTIONS["department"], OUTPUT_NO_UNIT),
        ),
        Command(
            "chart",
            run.chart,
            (
                _by(
                    *CHART_BY,
                    nested=False,
                    help="One bar per year or per group (activity: with a filter or --top).",
                    default=Grouping.year,
                ),
                _year("One year; default: the whole period."),
                Param(
                    "top",
                    ("--top",),
                    "Only the N largest bars.",
                    int,
                    minimum=1,
                ),
                OUTPUT,
                FILTERS_BUT_YEAR,
            ),
        ),
        Command(
            "schema",
            run.schema,
            (
                Param(
                    "command",
                    (),
                    ", ".join(DOCUMENTS) + ".",
                    default=REQUIRED,
                    metavar="COMMAND",
                ),
                Param(
                    "fields",
                    ("--fields",),
                    "The schema of --format json --fields: rows (and a total) with only "
                    "these comma-separated keys.",
                ),
                LANG,
                QUIET,
            ),
        ),
        Command(
            "export",
            run.export,
            (
                Param(
                    "path",
                    (),
                    ".xlsx, .sqlite/.db, .json, .csv or .journal; a folder for datapackage",
                    Path,
                    REQUIRED,
                    metavar="FILE",
                ),
                Param(
                    "fmt",
                    ("--format", "-f"),
                    ", ".join(names(dataset=True)) + " (default: by the file's extension).",
                ),
                Param(
                    "datasette_metadata",
                    ("--datasette-metadata",),
                    "With sqlite: also write datasette's metadata (titles, units) to this file.",
                    Path,
                ),
                Param(
                    "force",
                    ("--force",),
                    "Replace an existing SQLite file, or a folder's files, even if budgetcli "
                    "did not write them.",
                    bool,
                    False,
                ),
                *READING,
            ),
        ),
        Command(
            "validate",
            run.validate,
            (
                Param(
                    "path",
                    (),
                    "Data file to check; default: --data, BUDGETCLI_DATA or the bundled file.",
                    Path,
                ),
                DATA,
                LANG,
                QUIET,
            ),
        ),
        Command(
            "report",
            run.report,
            (
                Param(
                    "output",
                    ("--output", "-o"),
                    "The HTML file to write.",
                    Path,
                    REQUIRED,
                ),
                _filters(_year("One year; only activities with a cell that year.")),
                *READING,
            ),
        ),
        Command(
            "import",
            run.import_workbook,
            (
                Param(
                    "workbook",
                    (),
                    "A workbook budgetcli export wrote.",
                    Path,
                    REQUIRED,
                    metavar="WORKBOOK",
                ),
                Param(
                    "output",
                    ("--output", "-o"),
                    "The YAML data file to write.",
                    Path,
                    REQUIRED,
                ),
                Param(
                    "force",
                    ("--force",),
                    "Replace a file that is not a budgetcli data file.",
                    bool,
                    False,
                ),
                LANG,
                QUIET,
            ),
        ),
        Command(
            "diff",
            run.diff,
            (
                Param("old", (), "A data file or workbook.", Path, REQUIRED, metavar="OLD"),
                Param("new", (), "Another one.", Path, REQUIRED, metavar="NEW"),
                OUTPUT_NO_UNIT,
            ),
        ),
    )
}


def positional(params: Sequence[Param]) -> list[Param]:
    return [p for p in params if not p.flags]


def is_enum(value: type) -> bool:
    return isinstance(value, type) and issubclass(value, Enum)

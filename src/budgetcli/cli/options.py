"""The options commands share, declared once (sqlite-utils' ``output_options``, in typer:
``Annotated`` aliases). Environment variables are declared on their options, so ``--help``
shows them and nothing below the CLI reads the environment.

(No ``from __future__ import annotations``: typer evaluates these annotations at start-up.)
"""

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NamedTuple

import typer

from budgetcli.errors import UsageError
from budgetcli.formats import SPECS, names
from budgetcli.i18n import Lang
from budgetcli.queries import Grouping, Unit, check_levels
from budgetcli.results import Layout


def grouping(*offered: Grouping) -> Callable[[str], Grouping]:
    """A parser for ``--by`` that accepts the groupings one command offers."""

    def parse(value: str) -> Grouping:
        if isinstance(value, Grouping):  # the default, already parsed
            return value
        for choice in offered:
            if choice.value == value.strip().lower():
                return choice
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(c.value for c in offered)}")

    return parse


def groupings(*offered: Grouping) -> Callable[[str], str]:
    """A parser for ``--by`` that also takes nested groupings: ``department,section``
    (up to three of those one command offers, each once); gives them back normalised."""
    single = grouping(*offered)

    def parse(value: str) -> str:
        if isinstance(value, Grouping):
            return value.value
        try:
            parts = check_levels([single(part) for part in value.split(",")])
        except UsageError as error:
            raise typer.BadParameter(f"{value!r}: {error}") from None
        return ",".join(part.value for part in parts)

    return parse


def levels(by: str | None) -> tuple[Grouping, ...]:
    """The groupings a parsed ``--by`` names, outermost first."""
    return tuple(Grouping(part) for part in by.split(",")) if by else ()


def nested_by_option(*offered: Grouping, help: str) -> object:
    """``--by`` that nests: ``department,section`` (see :func:`groupings`, :func:`levels`)."""
    return Annotated[
        str,
        typer.Option(
            "--by",
            parser=groupings(*offered),
            metavar="[" + "|".join(g.value for g in offered) + "][,...]",
            help=help,
        ),
    ]


def by_option(*offered: Grouping, help: str) -> object:
    """``--by`` for one command: the groupings it offers, checked while parsing."""
    return Annotated[
        Grouping,
        typer.Option(
            "--by",
            parser=grouping(*offered),
            metavar="[" + "|".join(g.value for g in offered) + "]",
            help=help,
        ),
    ]


def _format_name(value: str) -> str:
    if value.lower() not in names():
        raise typer.BadParameter(f"no format {value!r}; formats are {', '.join(names())}")
    return value.lower()


FormatOpt = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        parser=_format_name,
        metavar="[" + "|".join(names()) + "]",
        help="Output format (default: table, or the --output file's extension). "
        "json, ndjson, csv and tsv are for programs and never change with --lang; "
        "csv-da is for Danish Excel only (; and decimal commas: elsewhere use xlsx).",
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
        help="Write to this file; its extension picks the format ("
        + " ".join(e for s in SPECS.values() if s.report_writer for e in s.extensions)
        + ").",
        show_default=False,
    ),
]
LangOpt = Annotated[
    Lang,
    typer.Option(
        "--lang",
        envvar="BUDGETCLI_LANG",
        case_sensitive=False,
        help="Words and numbers for people in English or Danish (da: 1.234,5). "
        "json, ndjson, csv and tsv never change.",
    ),
]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        envvar="BUDGETCLI_DATA",
        help="Data file to read instead of the bundled one.",
        show_default=False,
    ),
]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", envvar="BUDGETCLI_NO_CACHE", help="Parse the data file afresh."),
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


UnitOpt = Annotated[
    Unit,
    typer.Option(
        "--unit",
        case_sensitive=False,
        help="Amounts in mio. kr. (as the source prints them), t.kr. (tkr) or kr.; "
        "exact, never rounded.",
    ),
]

DecimalsOpt = Annotated[
    int | None,
    typer.Option(
        "--decimals",
        min=0,
        max=6,
        help="Decimals of every amount shown to people (rounded half up); default: each "
        "amount column as many as its amounts need. json, tsv and plain csv stay exact.",
        show_default=False,
    ),
]


SortOpt = Annotated[
    str | None,
    typer.Option(
        "--sort",
        help="Order rows by a year, total, change, name or id; -KEY for descending "
        "(amounts in words or none come last).",
        show_default=False,
    ),
]
TopOpt = Annotated[
    int | None,
    typer.Option("--top", min=1, help="Only the first N rows (after --sort).", show_default=False),
]


PercentOpt = Annotated[
    bool,
    typer.Option("--percent", help="A share column: each row in percent of the total."),
]

QuietOpt = Annotated[
    bool,
    typer.Option(
        "--quiet",
        "-q",
        envvar="BUDGETCLI_QUIET",
        help="On success, nothing on stderr: no notes, no progress, no 'wrote FILE'.",
    ),
]
FieldsOpt = Annotated[
    str | None,
    typer.Option(
        "--fields",
        help="Only these comma-separated columns (csv, tsv) or row keys (json, ndjson).",
        show_default=False,
    ),
]
LayoutOpt = Annotated[
    Layout,
    typer.Option(
        "--layout",
        case_sensitive=False,
        help="csv, tsv, ndjson: wide (a column per year) or long (a row per year).",
    ),
]


class Output(NamedTuple):
    """Where and how an answer goes, and where the data comes from: the options every
    question shares."""

    format: str | None = None
    no_header: bool = False
    path: Path | None = None
    lang: Lang = Lang.en
    unit: Unit = Unit.mio
    data: Path | None = None
    no_cache: bool = False
    fields: tuple[str, ...] = ()
    layout: Layout = Layout.wide
    quiet: bool = False
    decimals: int | None = None


class Selection(NamedTuple):
    """The filters that narrow the activities a command looks at, as typed."""

    departments: list[str] | None = None
    sections: list[str] | None = None
    search: str | None = None
    funding: str | None = None
    year: int | None = None


def _option(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


def _with(
    extra: list[inspect.Parameter], into: str, collect: Callable[[dict[str, Any]], Any]
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """A decorator adding ``extra`` options to a command's signature (what typer reads),
    handed to the command collected as its ``into`` parameter: each shared option is
    declared here once, never in a command's signature (sqlite-utils' output_options)."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command)
        kept = [p for p in signature.parameters.values() if p.name != into]
        parameters = [*kept, *(p for p in extra if p.name not in signature.parameters)]

        @functools.wraps(command)
        def wrapper(**values: Any) -> None:
            taken = {p.name: values.pop(p.name) for p in extra if p.name in values}
            command(**values, **{into: collect(taken)})

        wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
        return wrapper

    return decorate


def _fields(text: str | None) -> tuple[str, ...]:
    return tuple(f.strip() for f in (text or "").split(",") if f.strip())


def output_options(*, unit: bool = True) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """--format, -o, --no-header, --fields, --layout, --lang, [--unit], --data, --no-cache,
    -q: into the command's ``out: Output``."""
    extra = [
        _option("fmt", FormatOpt, None),
        _option("no_header", NoHeaderOpt, False),
        _option("output", OutputOpt, None),
        _option("fields", FieldsOpt, None),
        _option("layout", LayoutOpt, Layout.wide),
        _option("lang", LangOpt, Lang.en),
        *(
            [_option("unit", UnitOpt, Unit.mio), _option("decimals", DecimalsOpt, None)]
            if unit
            else []
        ),
        _option("data", DataOpt, None),
        _option("no_cache", NoCacheOpt, False),
        _option("quiet", QuietOpt, False),
    ]

    def collect(v: dict[str, Any]) -> Output:
        return Output(
            format=v["fmt"],
            no_header=v["no_header"],
            path=v["output"],
            lang=v["lang"],
            unit=v.get("unit", Unit.mio),
            data=v["data"],
            no_cache=v["no_cache"],
            fields=_fields(v["fields"]),
            layout=v["layout"],
            quiet=v["quiet"],
            decimals=v.get("decimals"),
        )

    return _with(extra, "out", collect)


YearFilterOpt = Annotated[
    int | None, typer.Option("--year", "-y", help="Only activities with a cell that year.")
]


def filter_options(*, year: bool = False) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """-d/--department, --section, -s/--search, --funding (and, where the year is a filter
    rather than the question's own, -y/--year): into the command's ``chosen: Selection``."""
    extra = [
        *([_option("year", YearFilterOpt, None)] if year else []),
        _option("department", DepartmentOpt, None),
        _option("section", SectionOpt, None),
        _option("search", SearchOpt, None),
        _option("funding", FundingOpt, None),
    ]

    def collect(v: dict[str, Any]) -> Selection:
        return Selection(v["department"], v["section"], v["search"], v["funding"], v.get("year"))

    return _with(extra, "chosen", collect)

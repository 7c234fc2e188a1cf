"""The options commands share, declared once (sqlite-utils' ``output_options``, in typer:
``Annotated`` aliases). Environment variables are declared on their options, so ``--help``
shows them and nothing below the CLI reads the environment.

(No ``from __future__ import annotations``: typer evaluates these annotations at start-up.)
"""

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, NamedTuple

import typer

from budgetcli.formats import SPECS, names
from budgetcli.i18n import Lang
from budgetcli.queries import Grouping, Unit


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
        "With --lang da, csv is for Danish Excel only (';', decimal comma: '1,256' is 1.256); "
        "other settings misread it, so use xlsx.",
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
        "json and tsv never change.",
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


class Output(NamedTuple):
    """Where and how a report goes: the options every command shares."""

    format: str | None
    no_header: bool
    path: Path | None
    lang: Lang
    unit: Unit = Unit.mio


class Selection(NamedTuple):
    """The filters that narrow the activities a command looks at, as typed."""

    departments: list[str] | None = None
    sections: list[str] | None = None
    search: str | None = None
    funding: str | None = None
    year: int | None = None

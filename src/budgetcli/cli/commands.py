"""The typer app, built from the declarations in :mod:`budgetcli.cli.grammar`: help,
completion and click's error messages. A plain command line is answered by the fast path
(:mod:`budgetcli.cli.fast`) before this module is imported.

(No ``from __future__ import annotations`` here: typer evaluates the annotations of every
command it builds.)
"""

import functools
import inspect
import os
from collections.abc import Callable
from typing import Annotated, Any

import typer

from budgetcli import __version__
from budgetcli.cli.boundary import BoundaryGroup
from budgetcli.cli.grammar import (
    COMMANDS,
    COMPLETION_VARIABLE,
    HELP_FLAGS,
    REQUIRED,
    ROOT,
    Command,
    Param,
    is_enum,
)


def _typer(**settings: Any) -> typer.Typer:
    """A typer app with budgetcli's error boundary, plain help and -h."""
    return typer.Typer(
        name="budgetcli",
        cls=BoundaryGroup,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": list(HELP_FLAGS)},
        **settings,
    )


app = _typer(no_args_is_help=True)


def _parser(parse: Callable[[str], Any]) -> Callable[[str], Any]:
    """A grammar parser, its ValueError told as click tells a bad value."""

    def checked(value: str) -> Any:
        try:
            return parse(value)
        except ValueError as error:
            raise typer.BadParameter(str(error)) from None

    return checked


def _annotation(p: Param) -> Any:
    """The annotation typer reads for one declared parameter."""
    kind: Any = list[p.value] if p.repeat else p.value  # type: ignore[name-defined]
    if p.default is None and p.value is not bool:
        kind = kind | None
    settings: dict[str, Any] = {"help": p.help}
    if p.metavar is not None:
        settings["metavar"] = p.metavar
    if p.parse is not None:
        settings["parser"] = _parser(p.parse)
    if not p.flags:
        return Annotated[kind, typer.Argument(**settings)]
    if p.envvar is not None:
        settings["envvar"] = p.envvar
    if p.minimum is not None:
        settings["min"] = p.minimum
    if p.maximum is not None:
        settings["max"] = p.maximum
    if is_enum(p.value) and not p.case_sensitive:
        settings["case_sensitive"] = False
    return Annotated[kind, typer.Option(*p.flags, **settings)]


def typer_command(command: Command, *extra: inspect.Parameter) -> Callable[..., int | None]:
    """A function whose signature is ``command``'s parameters, for typer to read; ``extra``
    ones before them are typer's alone (the command never sees them)."""
    params = [*extra] + [
        inspect.Parameter(
            p.name,
            inspect.Parameter.KEYWORD_ONLY,
            annotation=_annotation(p),
            default=inspect.Parameter.empty if p.default is REQUIRED else p.default,
        )
        for p in command.every_param()
    ]

    @functools.wraps(command.run)
    def run(**parsed: Any) -> int | None:
        return command.call(parsed)

    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    return run


SUMMARY = {
    "list": "List activities, one row each, with their amount per year.",
    "show": "Everything about one activity: texts, years, notes, source.",
    "total": "Sum the amounts; say what was added, left out, adjustable.",
    "compare": "Two years side by side, with the change and its percentage.",
    "expiring": "Activities whose funding ends before the period's last year.",
    "notes": "The source's footnotes and notes, with the activities concerned.",
    "chart": "Bars of the amounts, labelled with the exact figures.",
    "schema": "The JSON Schema of a command's --format json answer.",
    "export": "Write the whole dataset: Excel, SQLite, JSON, CSV, datapackage.",
    "validate": "Check a data file or a workbook; list every problem.",
    "report": "Write one self-contained HTML report to read, print or mail.",
    "import": "Read an exported workbook back into a YAML data file.",
    "diff": "What changed from OLD to NEW: activities, amounts, texts.",
}
"""Each command's one-line summary in ``budgetcli --help``: whole in an 80-column window
(click cuts a longer one with "..."); the docstring is the command's own help."""

for _command in COMMANDS.values():
    app.command(_command.name, short_help=SUMMARY[_command.name])(typer_command(_command))


def _version(value: bool) -> None:
    if value:
        typer.echo(f"budgetcli {__version__}")
        raise typer.Exit()


VERSION = inspect.Parameter(
    "version",
    inspect.Parameter.KEYWORD_ONLY,
    annotation=Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ],
    default=False,
)
"""--version, for typer's help (``budgetcli --version`` alone is answered by the launcher)."""

# The group's own options: the grammar's ROOT, and --version.
app.callback()(typer_command(ROOT, VERSION))


def app_for(argv: list[str]) -> typer.Typer:
    """The app to run for ``argv``: only the command asked for, when one plainly is.

    typer builds a click command for every registered command at each start (about 0.6 ms
    each, most of it signature inspection), though only one will run: the lazy-subcommand
    pattern click's documentation recommends for start-up time. Help, completion and
    anything unusual get the whole app, so nothing a user sees changes.
    """
    if not argv or os.environ.get(COMPLETION_VARIABLE):
        return app
    wanted = [c for c in app.registered_commands if c.name == argv[0]]
    if len(wanted) != 1 or set(HELP_FLAGS) & set(argv):
        return app
    single = _typer(add_completion=False)
    single.registered_callback = app.registered_callback
    single.registered_commands = wanted
    return single


__all__ = ["app", "app_for"]

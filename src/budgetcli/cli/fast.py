"""The fast path: a plain command line answered without importing typer.

Parsed by the declarations in :mod:`budgetcli.cli.grammar`, as typer would parse them, and
answered by the same command inside the same error boundary. Anything this parser is not
sure of (help, completion, a bad or unusual value, ``-dBUF``, ``--``, an option before the
command) it leaves to typer, which gives the help and click's error messages: so a command
line either gets exactly typer's answer, or typer answers it. ``tests/test_fast_path.py``
holds the two to the same stdout, stderr and exit status.
"""

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from budgetcli.cli.grammar import (
    COMMANDS,
    COMPLETION_VARIABLE,
    HELP_FLAGS,
    LANG,
    REQUIRED,
    ROOT,
    Param,
    is_enum,
    positional,
)
from budgetcli.i18n import Lang, Tr

# click's readings of a switch's environment variable (BoolParamType.bool_states).
_TRUE = {"1", "true", "t", "yes", "y", "on"}
_FALSE = {"0", "false", "f", "no", "n", "off"}


class LeftToTyperError(Exception):
    """This command line is typer's to answer."""


def answer(argv: Sequence[str]) -> int | None:
    """The exit status of answering ``argv``; None when typer must answer it."""
    # On Windows typer expands wildcards in the arguments (click's windows_expand_args).
    if not argv or os.environ.get(COMPLETION_VARIABLE) or os.name == "nt":
        return None
    command = COMMANDS.get(argv[0])
    if command is None:
        return None
    try:
        before = parse(ROOT.every_param(), [])  # what the environment says for them all
        parsed = parse(command.every_param(), argv[1:])
    except LeftToTyperError:
        return None
    from budgetcli.cli.guard import guarded

    def run() -> int | None:
        ROOT.call(before)
        return command.call(parsed)

    return guarded(run, reader(argv))


def parse(params: Sequence[Param], args: Sequence[str]) -> dict[str, Any]:
    """Each parameter's value, as typer would give it; raises LeftToTyperError otherwise."""
    by_flag = {flag: p for p in params for flag in p.flags}
    given: dict[str, Any] = {}
    words: list[str] = []
    rest = list(reversed(args))
    while rest:
        token = rest.pop()
        if token in HELP_FLAGS or token == "--":
            raise LeftToTyperError
        if not token.startswith("-") or token == "-":
            words.append(token)
            continue
        p, value = _option(by_flag, token, rest)
        if p.repeat:
            given.setdefault(p.name, []).append(value)
        else:
            given[p.name] = value
    arguments = positional(params)
    required = [p for p in arguments if p.default is REQUIRED]
    if not len(required) <= len(words) <= len(arguments):
        raise LeftToTyperError
    for p, word in zip(arguments, words, strict=False):
        given[p.name] = _read(p, word)
    return {p.name: given[p.name] if p.name in given else _default(p) for p in params}


def _option(by_flag: dict[str, Param], token: str, rest: list[str]) -> tuple[Param, Any]:
    """The option ``token`` names and its value (``--x=v``, or the next word, as click takes
    it even when it starts with a dash: ``--sort -2020``), taken from ``rest``."""
    flag, equals, inline = token.partition("=") if token.startswith("--") else (token, "", "")
    p = by_flag.get(flag)
    if p is None or (p.value is bool and equals):
        raise LeftToTyperError
    if p.value is bool:
        return p, True
    if not equals:
        if not rest:
            raise LeftToTyperError
        inline = rest.pop()
    return p, _read(p, inline)


def _default(p: Param) -> Any:
    if p.default is REQUIRED:
        raise LeftToTyperError
    from_env = os.environ.get(p.envvar) if p.envvar else None
    if not from_env:  # click reads an empty variable as none
        return p.default
    if p.value is bool:
        state = from_env.strip().lower()
        if state in _TRUE | _FALSE:
            return state in _TRUE
        raise LeftToTyperError
    return _read(p, from_env)


def _read(p: Param, value: str) -> Any:
    """One value as typer reads it; LeftToTyperError for anything typer would refuse or might read
    otherwise."""
    try:
        if p.parse is not None:
            return p.parse(value)
        if p.value is int:
            number = int(value)
            if (p.minimum is not None and number < p.minimum) or (
                p.maximum is not None and number > p.maximum
            ):
                raise LeftToTyperError
            return number
        if p.value is Path:
            return _path(value)
        if is_enum(p.value):
            return _member(p, value)
    except ValueError:
        raise LeftToTyperError from None
    return value


def _path(value: str) -> Path:
    """A path as click's Path type reads it (readable=True): an existing path the user may
    not read is refused there, so it is typer's to answer."""
    if not value:
        raise LeftToTyperError
    if os.path.lexists(value) and not os.access(value, os.R_OK):
        raise LeftToTyperError
    return Path(value)


def _member(p: Param, value: str) -> Any:
    for member in p.value:  # type: ignore[attr-defined]
        wanted = member.value
        if value == wanted or (not p.case_sensitive and value.casefold() == wanted.casefold()):
            return member
    raise LeftToTyperError


def typed_value(args: Sequence[str], p: Param) -> str | None:
    """The last value given to option ``p`` (``--lang da`` or ``--lang=da``), else its
    environment variable's, before or without parsing: for what must be known when parsing
    fails, or before it (help's data file)."""
    flag = p.flags[0]
    wanted = None
    for index, arg in enumerate(args):
        if arg == flag and index + 1 < len(args):
            wanted = args[index + 1]
        elif arg.startswith(flag + "="):
            wanted = arg.partition("=")[2]
    return os.environ.get(p.envvar or "") if wanted is None else wanted


def reader(args: Sequence[str]) -> Tr:
    """The language errors are told in: ``--lang``'s, else BUDGETCLI_LANG's, else English.
    (Read here, since an error may come before or instead of the option's parsing.)"""
    wanted = typed_value(args, LANG) or ""
    chosen = next((lang for lang in Lang if lang.value == wanted.strip().lower()), Lang.en)
    return Tr(chosen)

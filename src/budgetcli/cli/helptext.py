"""Help texts that speak of the data's period, not a period written in the help itself.

Help texts say ``{period}`` (``2018-2022``), ``{first}``, ``{next}`` (the second year),
``{mid}`` (the third) and ``{last}``. Help never reads a data file: a fifo, ``/dev/stdin``
or a 64 MiB file named by ``--data`` or BUDGETCLI_DATA would make ``--help`` wait, eat
its input or take seconds. For the bundled file the tokens are its period, declared below
(tests/test_period.py holds the declaration to the file); for any other file they are
neutral words ("the period of the data", ``YEAR``).
"""

from collections.abc import Sequence
from typing import Any

from budgetcli.cli.fast import typed_value
from budgetcli.cli.grammar import DATA

BUNDLED_YEARS = range(2018, 2023)
"""The period of the bundled data file (``data/activities.yaml``), for its help texts."""
NEUTRAL = {
    "{period}": "(the period of the data)",
    "{first}": "YEAR",
    "{next}": "YEAR",
    "{mid}": "YEAR",
    "{last}": "YEAR",
}


def words(args: Sequence[str]) -> dict[str, str]:
    """Each token's text for the data ``args`` would read, without reading it."""
    if typed_value(args, DATA):
        return dict(NEUTRAL)
    years = list(BUNDLED_YEARS)
    return {
        "{period}": f"{years[0]}-{years[-1]}",
        "{first}": str(years[0]),
        "{next}": str(years[1]),
        "{mid}": str(years[2]),
        "{last}": str(years[-1]),
    }


def _filled(text: str | None, table: dict[str, str]) -> str | None:
    if not text or "{" not in text:
        return text
    for token, value in table.items():
        text = text.replace(token, value)
    return text


def fill(command: Any, table: dict[str, str]) -> None:
    """Fill the tokens in ``command``'s help, its options' and its subcommands'."""
    for attribute in ("help", "short_help", "epilog"):
        setattr(command, attribute, _filled(getattr(command, attribute, None), table))
    for param in getattr(command, "params", ()):
        if hasattr(param, "help"):
            param.help = _filled(param.help, table)
    for sub in getattr(command, "commands", {}).values():
        fill(sub, table)

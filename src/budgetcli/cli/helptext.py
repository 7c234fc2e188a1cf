"""Help texts that speak of the data being read: its period, not a period written in code.

Help texts say ``{period}`` (``2018-2022``), ``{first}``, ``{next}`` (the second year),
``{mid}`` (the third) and ``{last}``; when help is asked for, they are filled from the data
file the command would read (``--data``, BUDGETCLI_DATA or the bundled file), so a
2019-2023 file gets 2019-2023 in every help text and examples that run on it. Filled only
for help: a command that runs never reads the data twice.
"""

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from budgetcli.cli.fast import typed_value
from budgetcli.cli.grammar import DATA

TOKENS = ("{period}", "{first}", "{next}", "{mid}", "{last}")


def _data_path(args: Sequence[str]) -> Path | None:
    wanted = typed_value(args, DATA.flags[0])
    wanted = os.environ.get(DATA.envvar or "") if wanted is None else wanted
    return Path(wanted) if wanted else None


def words(args: Sequence[str]) -> dict[str, str]:
    """Each token's text for the data ``args`` would read; neutral words if it cannot be read."""
    from budgetcli.source import loader

    try:
        dataset = loader.load(loader.resolve_data_path(_data_path(args)))
    except Exception:  # help must show whatever the data file holds, even nothing usable
        return {
            "{period}": "(the period of the data)",
            "{first}": "YEAR",
            "{next}": "YEAR",
            "{mid}": "YEAR",
            "{last}": "YEAR",
        }
    years = list(dataset.years)
    return {
        "{period}": f"{dataset.first_year}-{dataset.last_year}",
        "{first}": str(years[0]),
        "{next}": str(years[min(1, len(years) - 1)]),
        "{mid}": str(years[min(2, len(years) - 1)]),
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

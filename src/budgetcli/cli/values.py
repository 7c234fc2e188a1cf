"""What a command line asked for, as the commands receive it: where and how the answer goes
(:class:`Output`) and which activities it looks at (:data:`Selection`). Both the typer app and
the fast path (:mod:`budgetcli.cli.fast`) hand the commands these same values."""

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from budgetcli.files import STDIO
from budgetcli.i18n import Lang
from budgetcli.results import Layout
from budgetcli.terms import Unit

LANG_VARIABLE = "BUDGETCLI_LANG"
DATA_VARIABLE = "BUDGETCLI_DATA"
"""The environment's --lang and --data: also what ``budgetcli --lang da COMMAND`` sets."""


class Output(NamedTuple):
    """Where and how an answer goes, and where the data comes from: the options every
    question shares. Their defaults are the grammar's (:data:`budgetcli.cli.grammar.OUTPUT`)."""

    format: str | None
    no_header: bool
    path: Path | None
    lang: Lang
    unit: Unit
    data: Path | None
    no_cache: bool
    fields: tuple[str, ...]
    layout: Layout
    decimals: int | None

    @classmethod
    def collect(cls, v: dict[str, Any]) -> "Output":
        """From the parsed options (see :data:`budgetcli.cli.grammar.OUTPUT`)."""
        return cls(
            format=v["fmt"],
            no_header=v["no_header"],
            path=None if str(v["output"]) == STDIO else v["output"],
            lang=v["lang"],
            unit=v.get("unit", Unit.mio),
            data=v["data"],
            no_cache=v["no_cache"],
            fields=split_fields(v["fields"]),
            layout=v["layout"],
            decimals=v.get("decimals"),
        )


def split_fields(fields: str | None) -> tuple[str, ...]:
    """``--fields id, total``: the names, each stripped, none empty."""
    return tuple(f.strip() for f in (fields or "").split(",") if f.strip())


Selection = Mapping[str, Any]
"""The filters as typed, by name (:data:`budgetcli.filtering.FILTERS`): ``{"department":
["BUF"], "search": None, ...}``; a repeatable filter's value is a list, or None."""

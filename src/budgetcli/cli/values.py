"""What a command line asked for, as the commands receive it: where and how the answer goes
(:class:`Output`) and which activities it looks at (:class:`Selection`). Both the typer app and
the fast path (:mod:`budgetcli.cli.fast`) hand the commands these same values."""

from pathlib import Path
from typing import Any, NamedTuple

from budgetcli.i18n import Lang
from budgetcli.queries import Unit
from budgetcli.results import Layout


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

    @classmethod
    def collect(cls, v: dict[str, Any]) -> "Output":
        """From the parsed options (see :data:`budgetcli.cli.grammar.OUTPUT`)."""
        return cls(
            format=v["fmt"],
            no_header=v["no_header"],
            path=v["output"],
            lang=v["lang"],
            unit=v.get("unit", Unit.mio),
            data=v["data"],
            no_cache=v["no_cache"],
            fields=tuple(f.strip() for f in (v["fields"] or "").split(",") if f.strip()),
            layout=v["layout"],
            quiet=v["quiet"],
            decimals=v.get("decimals"),
        )


class Selection(NamedTuple):
    """The filters that narrow the activities a command looks at, as typed."""

    departments: list[str] | None = None
    sections: list[str] | None = None
    search: str | None = None
    funding: str | None = None
    year: int | None = None

    @classmethod
    def collect(cls, v: dict[str, Any]) -> "Selection":
        """From the parsed options (see :data:`budgetcli.cli.grammar.FILTERS`)."""
        return cls(v["department"], v["section"], v["search"], v["funding"], v.get("year"))

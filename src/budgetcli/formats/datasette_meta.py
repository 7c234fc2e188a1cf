"""Datasette metadata for the SQLite export: titles, source, and what every column means.

``datasette data.sqlite -m metadata.json`` shows these descriptions beside each table and
column. Datasette's own ``units`` key takes Pint units, which know no kroner, so the units
are stated in the column descriptions instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcli.formats.tabledocs import NO_LICENSE, TABLES, VIEWS

if TYPE_CHECKING:
    from budgetcli.model import Dataset


def datasette_metadata(dataset: Dataset, database: str = "data") -> dict[str, Any]:
    """Metadata for ``datasette FILE -m metadata.json``; ``database`` is FILE's stem."""
    from budgetcli import __version__

    description = (
        f"{dataset.title}. Copenhagen Municipality's integration activities "
        f"{dataset.first_year}-{dataset.last_year}, transcribed from the source and exported "
        f"by budgetcli {__version__}. Amounts are in {dataset.unit} as printed (amount, "
        "amount_exact) and in whole kroner (amount_kr: sum this one for exact totals). "
        "Cells with words instead of a number (kind = 'text') are never counted as 0. " + NO_LICENSE
    )
    tables = {
        name: {"description": doc.description, "columns": dict(doc.columns)}
        for name, doc in (*TABLES.items(), *VIEWS.items())
    }
    return {
        "title": dataset.title,
        "description": description,
        "source": dataset.source,
        "databases": {database: {"description": description, "tables": tables}},
    }


def write_metadata(dataset: Dataset, database: Path) -> bytes:
    """The metadata file's bytes for the database at ``database`` (datasette names a
    database by its file's stem)."""
    import json

    document = datasette_metadata(dataset, database=database.stem)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

"""Datasette metadata for the SQLite export: titles, source, licence, what every column
means, and the full-text index, all derived from the one declaration of the tables
(:mod:`budgetcli.formats.tabledocs`).

``datasette data.sqlite -m metadata.json`` shows these descriptions beside each table and
column. Datasette's own ``units`` key takes Pint units, which know no kroner, so the units
are stated in the column descriptions instead. ``fts_table`` lets ``?_search=`` use the
FTS5 index on 0.65; datasette 1.0 also finds the index by itself (its ``content=``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcli.formats.tabledocs import NO_LICENSE, SEARCH, TABLES, VIEWS

if TYPE_CHECKING:
    from budgetcli.model import Dataset


def datasette_metadata(dataset: Dataset, database: str = "data") -> dict[str, Any]:
    """Metadata for ``datasette FILE -m metadata.json``; ``database`` is FILE's stem."""
    from budgetcli import __version__

    description = (
        f"Copenhagen Municipality's integration activities {dataset.first_year}-"
        f"{dataset.last_year} ({dataset.source}), transcribed from the source and exported "
        f"by budgetcli {__version__}. Amounts are in {dataset.unit} as printed (amount, "
        "amount_exact) and in whole kroner (amount_kr: sum this one for exact totals). "
        "Cells with words instead of a number (kind = 'words') are never counted as 0. "
        "cells is every cell flat, with its administration and section; search the "
        "activities' texts with ?_search=. " + NO_LICENSE
    )
    tables: dict[str, dict[str, Any]] = {
        t.name: {
            "description": t.description,
            "columns": {c.name: c.description for c in t.columns},
        }
        for t in TABLES
    }
    tables |= {v.name: {"description": v.description, "columns": dict(v.columns)} for v in VIEWS}
    tables[SEARCH.table] |= {"fts_table": SEARCH.name, "fts_pk": "rowid"}
    tables["cells"]["facets"] = ["department", "year", "kind"]
    return {
        "title": dataset.title,
        "description": description,
        # datasette shows this as the licence's name; no licence is invented (and so no
        # license_url). The data file records no web address for the source: no source_url.
        "license": "None stated by the source",
        "source": dataset.source,
        "databases": {database: {"description": description, "tables": tables}},
    }


def write_metadata(dataset: Dataset, database: Path) -> bytes:
    """The metadata file's bytes for the database at ``database`` (datasette names a
    database by its file's stem)."""
    import json

    document = datasette_metadata(dataset, database=database.stem)
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

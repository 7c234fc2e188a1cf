"""The SQLite export as datasette (the version the lock file pins) serves it: full-text
search, facets by administration, and column descriptions that say what the columns hold."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from budgetcli.filtering import select
from budgetcli.formats import Format, Options, dataset_writer
from budgetcli.formats.datasette_meta import datasette_metadata
from budgetcli.model import Dataset
from budgetcli.results import Filters

datasette_app = pytest.importorskip("datasette.app")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    from budgetcli.source.loader import bundled_data_path, load

    dataset = load(bundled_data_path(), use_cache=False)
    path = tmp_path_factory.mktemp("datasette") / "data.sqlite"
    dataset_writer(Format.sqlite)(dataset, path, Options())
    return path, datasette_metadata(dataset, database="data")


def _get(served: tuple[Path, dict[str, Any]], url: str) -> Any:
    path, metadata = served

    async def fetch() -> Any:
        app = datasette_app.Datasette([str(path)], metadata=metadata)
        response = await app.client.get(url)
        assert response.status_code == 200, (url, response.text)
        return response.json()

    return asyncio.run(fetch())


@pytest.mark.parametrize("needle", ["flygtninge", "Flygtninge", "IGU", "nydanske"])
def test_search_finds_what_budgetcli_search_finds(
    served: tuple[Path, dict[str, Any]], dataset: Dataset, needle: str
) -> None:
    found = _get(served, f"/data/activities.json?_search={needle}&_col=id&_shape=array&_size=max")
    expected = [a.id for a in select(dataset, Filters(search=needle))]
    assert expected, needle  # the needle is in the source
    assert sorted(r["id"] for r in found) == sorted(expected)


def test_search_finds_words_inside_danish_compounds(served: tuple[Path, dict[str, Any]]) -> None:
    # "flygtningefamilier" and the like: a word index would miss these, the trigram index not.
    found = _get(served, "/data/activities.json?_search=flygtninge&_col=id&_shape=array&_size=max")
    db = sqlite3.connect(served[0])
    whole_word = {
        r[0]
        for r in db.execute(
            "SELECT id FROM activities WHERE ' ' || lower(name || ' ' || coalesce(description, '')"
            " || ' ' || coalesce(target_group, '') || ' ' || coalesce(expected_effect, '') || ' '"
            " || coalesce(funding, '')) || ' ' GLOB '*[^a-zæøå]flygtninge[^a-zæøå]*'"
        )
    }
    assert whole_word < {r["id"] for r in found}


def test_cells_facet_by_administration(
    served: tuple[Path, dict[str, Any]], dataset: Dataset
) -> None:
    page = _get(served, "/data/cells.json?year=2020&kind=amount&_facet=department&_size=0")
    counts = {r["value"]: r["count"] for r in page["facet_results"]["department"]["results"]}
    expected: dict[str, int] = {}
    for a in dataset.activities:
        if a.cell(2020) is not None and not hasattr(a.cell(2020), "text"):
            expected[a.department] = expected.get(a.department, 0) + 1
    assert counts == expected
    suf = _get(
        served, "/data/cells.json?department=SUF&year=2021&kind=words&_col=words&_shape=array"
    )
    assert [r["words"] for r in suf] == [  # as the source prints them (Bilag 5)
        "Driftsbudget",
        "Driftsbudget for Center for Diabetes",
        "Ordinær driftbudget for plejehjem",
    ]


def test_descriptions_say_what_the_columns_hold(
    served: tuple[Path, dict[str, Any]], dataset: Dataset
) -> None:
    tables = datasette_metadata(dataset)["databases"]["data"]["tables"]
    description = tables["totals_per_department_year"]["columns"]["total_kr"]
    rows = _get(served, "/data/totals_per_department_year.json?_shape=array&_size=max")
    assert len(rows) == 35
    # NULL exactly where the cells are words only; 0 where they are zeros or nothing.
    for r in rows:
        assert (r["total_kr"] is None) == (r["amounts"] == 0 and r["not_quantified_count"] > 0)
    tmf = next(r for r in rows if r["department"] == "TMF" and r["year"] == 2021)
    assert tmf["total_kr"] == 0 and "0 when" in description and "NULL only when" in description
    suf = next(r for r in rows if r["department"] == "SUF" and r["year"] == 2021)
    assert suf["total_kr"] is None and suf["not_quantified_count"] == 3
    assert suf["not_quantified"].split(" ") == [
        "forebyggende-hjemmebesoeg",
        "center-for-diabetes",
        "mangfoldighedsplejehjem",
    ]
    shown = _get(served, "/-/metadata.json")
    assert shown["license"] == "None stated by the source" and "states no licence" in json.dumps(
        shown, ensure_ascii=False
    )
    cells = tables["cells"]["columns"]
    assert "not reported, not 0" in cells["actual_kr"]

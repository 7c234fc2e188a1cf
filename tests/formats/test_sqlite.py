"""The SQLite export: exact kroner, its views (the one sum rule), datasette metadata."""

from __future__ import annotations

import json
import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest

from budgetcli.formats import Format, Options, dataset_writer
from budgetcli.formats.datasette_meta import datasette_metadata
from budgetcli.kroner import NotWholeKronerError, to_kroner
from budgetcli.model import Dataset
from budgetcli.queries import expiring
from budgetcli.results.sums import year_sum
from tests.conftest import KRONER, without_kroner

MILLION = Decimal(1_000_000)


def _export_sqlite(dataset: Dataset, path: Path) -> None:
    dataset_writer(Format.sqlite)(dataset, path, Options())


@pytest.fixture
def db(tmp_path: Path, dataset: Dataset) -> sqlite3.Connection:
    path = tmp_path / "data.sqlite"
    _export_sqlite(dataset, path)
    return sqlite3.connect(path)


# --- kroner ------------------------------------------------------------------------------


def test_to_kroner_is_exact_and_refuses_fractions() -> None:
    assert to_kroner(Decimal("3.3")) == 3_300_000
    assert to_kroner(Decimal("0.117590")) == 117_590
    assert to_kroner(Decimal("0.1175900")) == 117_590  # trailing zeros are still whole kroner
    assert to_kroner(Decimal(0)) == 0
    assert to_kroner(Decimal("999999999.999999")) == 999_999_999_999_999
    with pytest.raises(NotWholeKronerError, match=r"0\.0000005"):
        to_kroner(Decimal("0.0000005"))


def test_sqlite_amount_kr_is_exact(db: sqlite3.Connection, dataset: Dataset) -> None:
    first = db.execute(
        "SELECT amount_kr FROM amounts WHERE activity_id = ? AND year = 2019",
        (dataset.activities[0].id,),
    ).fetchone()
    assert dataset.activities[0].cell(2019) == Decimal("3.3") and first == (3_300_000,)
    actual = db.execute(
        "SELECT year, amount_kr FROM actuals WHERE activity_id = 'igu-elev' ORDER BY year"
    ).fetchall()
    assert actual == [(2018, 117_590), (2019, 0)]
    sums = dict(db.execute("SELECT year, SUM(amount_kr) FROM amounts GROUP BY year").fetchall())
    assert sums == KRONER
    for exact, kroner, kind in db.execute("SELECT amount_exact, amount_kr, kind FROM amounts"):
        assert (kind == "amount") == (kroner is not None)
        if kroner is not None:
            assert Decimal(exact) * MILLION == kroner
            assert isinstance(kroner, int)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def test_sqlite_export_refuses_fractions_of_a_krone(tmp_path: Path, dataset: Dataset) -> None:
    path = tmp_path / "x.sqlite"
    with pytest.raises(NotWholeKronerError, match="haandholdt"):
        _export_sqlite(without_kroner(dataset), path)
    assert not path.exists()


def test_totals_views_match_the_model(db: sqlite3.Connection, dataset: Dataset) -> None:
    per_year = db.execute(
        "SELECT year, total_kr, not_quantified_count FROM totals_per_year"
    ).fetchall()
    assert per_year == [(y, KRONER[y], 3) for y in dataset.years]
    rows = db.execute(
        "SELECT department, year, total_kr, not_quantified_count, not_quantified,"
        " includes_adjustable FROM totals_per_department_year"
    ).fetchall()
    assert len(rows) == 7 * 5
    for code, year, total_kr, not_quantified, ids, adjustable in rows:
        members = [a for a in dataset.activities if a.department == code]
        expected = year_sum(members, year)
        assert total_kr == (None if expected.amount is None else int(expected.amount * MILLION))
        assert not_quantified == len(expected.not_quantified)
        # The ids as the CLI's csv writes them: space-separated, in the source's order.
        assert ids == " ".join(expected.not_quantified)
        assert bool(adjustable) == bool(expected.adjustable)
    suf = {r[1]: r[2:4] for r in rows if r[0] == "SUF"}
    assert suf[2021] == (None, 3)  # words only: no sum (NULL), never 0


def test_ending_views_follow_expiring(db: sqlite3.Connection, dataset: Dataset) -> None:
    ending = db.execute(
        "SELECT activity_id, last_funded_year, last_amount_kr FROM activities_ending"
    )
    expected = sorted(
        expiring(dataset, dataset.activities, None),
        key=lambda a: (a.last_funded_year or 0, dataset.activities.index(a)),
    )
    rows = ending.fetchall()
    assert [(r[0], r[1]) for r in rows] == [(a.id, a.last_funded_year) for a in expected]
    for activity_id, last_year, kroner in rows:
        cell = next(a for a in dataset.activities if a.id == activity_id).cell(last_year)
        assert isinstance(cell, Decimal) and cell * MILLION == kroner
    per_year = db.execute("SELECT last_funded_year, activities FROM endings_per_year").fetchall()
    for year, count in per_year:
        assert count == len(expiring(dataset, dataset.activities, year))
    assert sum(count for _, count in per_year) == len(expected)
    # A row ending in 2020 by the source (two amounts, then nothing):
    assert ("foreningen-fisken", 2020) in [(r[0], r[1]) for r in rows]


# --- datasette metadata ------------------------------------------------------------------


def test_datasette_metadata_describes_every_table_and_column(
    db: sqlite3.Connection, dataset: Dataset
) -> None:
    metadata = datasette_metadata(dataset, "budget")
    assert json.loads(json.dumps(metadata)) == metadata  # plain JSON
    assert metadata["title"] == dataset.title and metadata["source"] == dataset.source
    # The source states no licence: said so, none invented (no licence name, no address).
    assert metadata["license"] == "None stated by the source" and "license_url" not in metadata
    assert "states no licence" in metadata["description"]
    assert "mio. kr.." not in metadata["description"]
    tables = metadata["databases"]["budget"]["tables"]
    names = [
        r[0]
        for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
        if not r[0].startswith("activities_fts")  # the index and its shadow tables
    ]
    assert sorted(tables) == sorted(names)
    for name in names:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
        assert list(tables[name]["columns"]) == columns, name
    amount_columns = tables["amounts"]["columns"]
    assert "mio. kr." in amount_columns["amount"] and "kroner" in amount_columns["amount_kr"]


# --- the Data Package --------------------------------------------------------------------

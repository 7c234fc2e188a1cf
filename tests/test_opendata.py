"""Open data: exact kroner in SQLite, its views and datasette metadata, the Data Package."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from benchmarks.generate import synthetic_yaml
from budgetcli.errors import DatasetError
from budgetcli.formats import Format, Options, dataset_writer
from budgetcli.formats.datapackage import read_datapackage, write_datapackage
from budgetcli.formats.datasette_meta import datasette_metadata
from budgetcli.formats.tabledocs import TABLES, VIEWS
from budgetcli.kroner import NotWholeKronerError, to_kroner
from budgetcli.loader import load
from budgetcli.model import Dataset, TextCell
from budgetcli.queries import expiring, year_sum

# The yearly sums of the source's printed amounts, in kroner (tests/test_export.py TOTALS,
# hand-summed; the blind second reading in tests/data/second_reading.tsv gives the same).
KRONER = {2018: 129_233_000, 2019: 129_623_000, 2020: 111_037_000, 2021: 94_802_000}
KRONER[2022] = 88_392_000
MILLION = Decimal(1_000_000)


def _export_sqlite(dataset: Dataset, path: Path) -> None:
    dataset_writer(Format.sqlite)(dataset, path, Options())


@pytest.fixture
def db(tmp_path: Path, dataset: Dataset) -> sqlite3.Connection:
    path = tmp_path / "data.sqlite"
    _export_sqlite(dataset, path)
    return sqlite3.connect(path)


def _without_kroner(dataset: Dataset) -> Dataset:
    """The bundled data with one amount a tenth of a krone off whole kroner."""
    first = dataset.activities[0]
    budget = {**first.budget, 2018: Decimal("3.3000001")}
    return dataset._replace(activities=(first._replace(budget=budget), *dataset.activities[1:]))


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
        _export_sqlite(_without_kroner(dataset), path)
    assert not path.exists()


def test_totals_views_match_the_model(db: sqlite3.Connection, dataset: Dataset) -> None:
    per_year = db.execute("SELECT year, total_kr, not_quantified FROM totals_per_year").fetchall()
    assert per_year == [(y, KRONER[y], 3) for y in dataset.years]
    rows = db.execute(
        "SELECT department, year, total_kr, not_quantified, not_quantified_ids,"
        " includes_adjustable FROM totals_per_department_year"
    ).fetchall()
    assert len(rows) == 7 * 5
    for code, year, total_kr, not_quantified, ids, adjustable in rows:
        members = [a for a in dataset.activities if a.department == code]
        expected = year_sum(members, year)
        assert total_kr == (None if expected.amount is None else int(expected.amount * MILLION))
        assert not_quantified == len(expected.not_quantified)
        named = sorted(ids.split(",")) if ids else []
        assert named == sorted(a.id for a in expected.not_quantified)
        assert bool(adjustable) == bool(expected.adjustable)
    suf = {r[1]: r[2:4] for r in rows if r[0] == "SUF"}
    assert suf[2021] == (None, 3)  # words only: no sum (NULL), never 0


def test_ending_views_follow_expiring(db: sqlite3.Connection, dataset: Dataset) -> None:
    ending = db.execute("SELECT activity_id, last_year, last_amount_kr FROM activities_ending")
    expected = sorted(
        expiring(dataset, dataset.activities, None),
        key=lambda a: (a.last_funded_year or 0, dataset.activities.index(a)),
    )
    rows = ending.fetchall()
    assert [(r[0], r[1]) for r in rows] == [(a.id, a.last_funded_year) for a in expected]
    for activity_id, last_year, kroner in rows:
        cell = next(a for a in dataset.activities if a.id == activity_id).cell(last_year)
        assert isinstance(cell, Decimal) and cell * MILLION == kroner
    per_year = db.execute("SELECT last_year, activities FROM endings_per_year").fetchall()
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
    assert "license" not in metadata and "states no licence" in metadata["description"]
    tables = metadata["databases"]["budget"]["tables"]
    names = [
        r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
    ]
    assert sorted(tables) == sorted(names)
    for name in names:
        columns = [r[1] for r in db.execute(f"PRAGMA table_info({name})")]
        assert list(tables[name]["columns"]) == columns, name
    amount_columns = tables["amounts"]["columns"]
    assert "mio. kr." in amount_columns["amount"] and "kroner" in amount_columns["amount_kr"]


# --- the Data Package --------------------------------------------------------------------


def _rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


def test_datapackage_validates_and_round_trips(tmp_path: Path, dataset: Dataset) -> None:
    directory = tmp_path / "budget"
    written = write_datapackage(dataset, directory)
    assert written[0] == directory / "datapackage.json"
    assert sorted(p.name for p in directory.iterdir()) == sorted(p.name for p in written)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left
    frictionless = Path(sys.executable).parent / "frictionless"
    report = subprocess.run(
        [str(frictionless), "validate", "--json", str(written[0])],
        capture_output=True,
        text=True,
        check=False,
    )
    assert json.loads(report.stdout)["valid"] is True, report.stdout[-2000:]

    descriptor = json.loads(written[0].read_text(encoding="utf-8"))
    from budgetcli import __version__

    assert descriptor["budgetcli"]["version"] == __version__
    assert descriptor["sources"] == [{"title": dataset.source}]
    amounts = next(r for r in descriptor["resources"] if r["name"] == "amounts")
    fields = {f["name"]: f for f in amounts["schema"]["fields"]}
    assert fields["amount"]["unit"] == "mio. kr." and fields["amount_kr"]["unit"] == "kr."
    assert fields["amount_kr"]["type"] == "integer"
    assert amounts["schema"]["primaryKey"] == ["activity_id", "year"]
    assert {
        "fields": ["activity_id"],
        "reference": {"resource": "activities", "fields": ["id"]},
    } in (amounts["schema"]["foreignKeys"])

    rows = _rows(directory / "amounts.csv")
    kinds = {r["kind"] for r in rows if r["amount"] == ""}
    assert kinds == {"text", "empty"}  # an empty amount is told apart by kind
    sums: dict[int, int] = {}
    for r in rows:
        if r["kind"] == "amount":
            sums[int(r["year"])] = sums.get(int(r["year"]), 0) + int(r["amount_kr"])
            cell = next(a for a in dataset.activities if a.id == r["activity_id"]).cell(
                int(r["year"])
            )
            assert r["amount"] == format(cell, "f")  # the printed digits: 0.090, not 0.09
    assert sums == KRONER
    assert read_datapackage(directory) == dataset
    igu = [r for r in _rows(directory / "actuals.csv") if r["activity_id"] == "igu-elev"]
    assert [(r["amount"], r["amount_kr"]) for r in igu] == [("0.117590", "117590"), ("0", "0")]


def test_datapackage_round_trips_a_generated_dataset(tmp_path: Path) -> None:
    source = tmp_path / "synthetic.yaml"
    source.write_text(synthetic_yaml(300, seed=15), encoding="utf-8")
    generated = load(source, use_cache=False)
    assert any(isinstance(c, TextCell) for a in generated.activities for c in a.budget.values())
    write_datapackage(generated, tmp_path / "pkg")
    back = read_datapackage(tmp_path / "pkg")
    assert back == generated
    for year in generated.years:
        assert year_sum(back.activities, year) == year_sum(generated.activities, year)


def test_datapackage_replaces_an_existing_package(tmp_path: Path, dataset: Dataset) -> None:
    directory = tmp_path / "pkg"
    directory.mkdir()
    (directory / "mine.txt").write_text("kept", encoding="utf-8")
    (directory / "amounts.csv").write_text("old", encoding="utf-8")
    write_datapackage(dataset, directory)
    assert (directory / "mine.txt").read_text(encoding="utf-8") == "kept"
    assert read_datapackage(directory) == dataset


def test_datapackage_leaves_nothing_on_error(
    tmp_path: Path, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(NotWholeKronerError):
        write_datapackage(_without_kroner(dataset), tmp_path / "pkg")
    assert list(tmp_path.iterdir()) == []

    calls = []
    original = Path.write_bytes

    def fail_on_third(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return original(self, data)

    monkeypatch.setattr(Path, "write_bytes", fail_on_third)
    with pytest.raises(OSError, match="No space"):
        write_datapackage(dataset, tmp_path / "pkg")
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    (tmp_path / "file").write_text("x", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        write_datapackage(dataset, tmp_path / "file")
    assert [p.name for p in tmp_path.iterdir()] == ["file"]


@pytest.mark.parametrize(
    ("table", "edit", "message"),
    [
        ("amounts.csv", ("3300000", "3300001"), "disagree"),
        ("amounts.csv", (",amount,3.3,", ",empty,3.3,"), "disagrees with the row"),
        ("remarks.csv", ("igu-elev,", "no-such-activity,"), "unknown activity"),
        ("activities.csv", ("id,position", "id,place"), "header is"),
    ],
)
def test_read_datapackage_refuses_edited_files(
    tmp_path: Path, dataset: Dataset, table: str, edit: tuple[str, str], message: str
) -> None:
    write_datapackage(dataset, tmp_path)
    path = tmp_path / table
    text = path.read_text(encoding="utf-8")
    assert edit[0] in text
    path.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    with pytest.raises(DatasetError, match=message):
        read_datapackage(tmp_path)


def test_read_datapackage_refuses_other_packages(tmp_path: Path) -> None:
    (tmp_path / "datapackage.json").write_text('{"resources": []}', encoding="utf-8")
    with pytest.raises(DatasetError, match="not a budgetcli data package"):
        read_datapackage(tmp_path)
    with pytest.raises(DatasetError, match="cannot read"):
        read_datapackage(tmp_path / "missing")


def test_every_exported_column_is_documented() -> None:
    from budgetcli.formats.datapackage import TABLE_SCHEMAS

    for table in TABLE_SCHEMAS:
        assert set(TABLES[table.name].columns) >= {f.name for f in table.fields}
    assert set(VIEWS) == {
        "totals_per_year",
        "totals_per_department_year",
        "activities_ending",
        "endings_per_year",
    }

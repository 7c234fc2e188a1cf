"""The Frictionless Data Package: valid offline, lossless, written whole."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from benchmarks.generate import synthetic_yaml
from budgetcli.errors import DatasetError
from budgetcli.formats.datapackage import read_datapackage, write_datapackage
from budgetcli.kroner import NotWholeKronerError
from budgetcli.model import Dataset, TextCell
from budgetcli.results.sums import year_sum
from budgetcli.source.loader import load
from tests.conftest import KRONER, without_kroner


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
    assert kinds == {"words", "empty"}  # an empty amount is told apart by kind
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
        write_datapackage(without_kroner(dataset), tmp_path / "pkg")
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
        ("cells.csv", ("3300000", "3300001"), r"disagrees with the tables .*amounts"),
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


# --- the Fiscal Data Package model --------------------------------------------------------

FISCAL_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "fiscal-data-package-0.3.schema.json"


def _fiscal_errors(document: dict[str, Any]) -> list[str]:
    import jsonschema

    schema = json.loads(FISCAL_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    return [error.message for error in validator.iter_errors(document)]


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from budgetcli.source.loader import bundled_data_path

    directory = tmp_path_factory.mktemp("fiscal") / "pkg"
    write_datapackage(load(bundled_data_path()), directory)
    return directory


def test_the_package_meets_the_fiscal_data_package_schema(package: Path) -> None:
    document = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    assert _fiscal_errors(document) == []
    assert document["profile"] == "tabular-data-package"
    # The vendored schema has teeth: each of these breaks a rule of the specification.
    broken: list[tuple[str, Any]] = [
        ("model", None),
        ("profile", "fiscal-data-package"),
        ("licenses", [{"title": "no name, no path"}]),
        ("granularity", "yearly"),
        ("fiscalPeriod", {"end": "2022-12-31"}),
    ]
    for key, value in broken:
        changed = {k: v for k, v in document.items() if k != key}
        if value is not None:
            changed[key] = value
        assert _fiscal_errors(changed), key
    budget = document["model"]["measures"]["budget"]
    for key, value in (("phase", "budgeted"), ("currency", "kr."), ("source", None)):
        measure = {k: v for k, v in budget.items() if k != key}
        if value is not None:
            measure[key] = value
        model = {**document["model"], "measures": {"budget": measure}}
        assert _fiscal_errors({**document, "model": model}), key
    without = {**document["model"], "dimensions": {"year": {"attributes": {}}}}
    assert _fiscal_errors({**document, "model": without})  # a dimension needs its primaryKey


def test_the_fiscal_model_says_what_the_amounts_are(package: Path) -> None:
    document = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    model = document["model"]
    measures = model["measures"]
    assert {k: (m["currency"], m["factor"], m["phase"]) for k, m in measures.items()} == {
        "budget": ("DKK", 1, "approved"),
        "actual": ("DKK", 1, "executed"),
    }
    assert document["fiscalPeriod"] == {"start": "2018-01-01", "end": "2022-12-31"}
    assert document["countryCode"] == "DK"
    administration = model["dimensions"]["administration"]
    assert (administration["dimensionType"], administration["classificationType"]) == (
        "classification",
        "administrative",
    )
    # Every source the model names is a column of the resource it names.
    resources = {r["name"]: r for r in document["resources"]}
    mapped = [*measures.values()] + [
        a for d in model["dimensions"].values() for a in d["attributes"].values()
    ]
    for item in mapped:
        fields = [f["name"] for f in resources[item["resource"]]["schema"]["fields"]]
        assert item["source"] in fields, item
    cells = {f["name"]: f for f in resources["cells"]["schema"]["fields"]}
    assert cells["amount_kr"]["columnType"] == "value"
    assert cells["year"]["columnType"] == "date:fiscal-year"
    assert cells["department"]["columnType"].startswith("administrative-classification:")
    # What the measures hold, summed from the fact table as a fiscal tool would: the hand
    # sums of the source (2020: 111.037 mio. kr.) and the IGU trainee's actual spend, which
    # the source gives in a footnote: 117.590 kr. in 2018 against a budget of 0,205.
    rows = _rows(package / "cells.csv")
    budget = {
        y: sum(int(r["amount_kr"]) for r in rows if r["year"] == str(y) and r["amount_kr"])
        for y in KRONER
    }
    assert budget == KRONER
    spent = [(r["year"], r["amount_kr"], r["actual_kr"]) for r in rows if r["actual_kr"]]
    assert spent == [("2018", "205000", "117590"), ("2019", "90000", "0")]


def test_the_package_states_its_licence_and_source_honestly(
    package: Path, dataset: Dataset
) -> None:
    document = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    # The source states no licence: the Open Definition's "not specified", none invented.
    assert [licence["name"] for licence in document["licenses"]] == ["notspecified"]
    assert "states no licence" in document["licenses"][0]["title"]
    # The data file gives the source's title and no address for it: no path is made up.
    assert document["sources"] == [{"title": dataset.source}]


def test_cells_is_the_flat_view_of_the_tables(package: Path, dataset: Dataset) -> None:
    rows = _rows(package / "cells.csv")
    amounts = _rows(package / "amounts.csv")
    assert len(rows) == len(dataset.activities) * len(dataset.years)
    assert [{k: r[k] for k in amounts[0]} for r in rows] == amounts
    departments = {a.id: (a.department, a.section or "", a.name) for a in dataset.activities}
    for r in rows:
        assert departments[r["activity_id"]] == (r["department"], r["section"], r["name"])


def test_duckdb_sums_the_package_exactly_without_extensions(package: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    # A fresh in-memory database that may not fetch extensions: only core read_csv is used.
    connection = duckdb.connect(config={"autoinstall_known_extensions": False})
    cells = f"read_csv('{package / 'cells.csv'}')"
    rows = connection.sql(f"select year, sum(amount_kr) from {cells} group by year order by year")
    assert dict(rows.fetchall()) == KRONER
    total = connection.sql(f"select sum(amount_kr) / 1000000 from {cells} where year = 2020")
    assert total.fetchall() == [(111.037,)]
    joined = connection.sql(
        f"select sum(amount_kr) from read_csv('{package / 'amounts.csv'}') as a"
        f" join read_csv('{package / 'activities.csv'}') as b on a.activity_id = b.id"
        " where year = 2020 and department = 'BUF'"
    )
    assert joined.fetchall() == [(75_592_000,)]  # BUF 2020, summed by hand (tests/test_cli.py)


def test_a_package_without_cells_still_reads(tmp_path: Path, dataset: Dataset) -> None:
    write_datapackage(dataset, tmp_path)
    (tmp_path / "cells.csv").unlink()  # as budgetcli wrote packages before it had cells.csv
    assert read_datapackage(tmp_path) == dataset

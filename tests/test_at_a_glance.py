"""Issue 30: answers a civil servant trusts at a glance (aligned, one precision, names,
what was summed, honest comparisons, search that understands, Danish, whole help).

Expected figures are the source's, added by hand."""

from __future__ import annotations

import csv
import io
import sqlite3
from pathlib import Path

import pytest

from budgetcli import search
from budgetcli.model import Dataset
from tests.conftest import run


def _ids(*args: str) -> list[str]:
    result = run("list", *args, "-f", "csv")
    assert result.exit_code == 0, result.stderr
    return [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))]


# --- 6. search that understands --------------------------------------------------------


def test_kvinder_finds_indvandrer_kvindecentret_by_its_stem() -> None:
    found = _ids("-s", "kvinder")
    # "Kvindecentret" holds the stem "kvind", not the word "kvinder": both its rows.
    assert "indvandrer-kvindecentret-drift" in found
    assert "indvandrer-kvindecentret-pulje" in found
    assert "virksomhedsindsats-kvinder-helbred" in found  # as typed, still found


def test_boern_finds_boernene() -> None:
    # "Udvikling af børnenes faglige kompetencer" (data line 1284).
    found = _ids("-s", "børn")
    assert found
    assert any("børnene" in a for a in _texts(found))


def _texts(ids: list[str]) -> list[str]:
    from budgetcli.source.loader import bundled_data_path, load

    ds = load(bundled_data_path(), use_cache=False)
    return [
        " ".join(str(v) for v in a._asdict().values() if isinstance(v, str)).lower()
        for a in ds.activities
        if a.id in ids
    ]


@pytest.mark.parametrize(
    ("english", "danish"),
    [("women", "kvinder"), ("children", "børn"), ("refugees", "flygtninge"), ("language", "sprog")],
)
def test_english_words_of_the_domain_find_the_danish(english: str, danish: str) -> None:
    found = _ids("-s", english)
    assert found
    assert set(_ids("-s", danish)) <= set(found)


def test_elderly_is_not_read_inside_foraeldre() -> None:
    found = _ids("-s", "elderly")
    assert "opsoegende-foraeldresamarbejde" not in found
    assert "aktivitetscenter-peder-lykke" in found


@pytest.mark.parametrize("lang", ["en", "da"])
def test_the_reading_is_said_on_stderr(lang: str) -> None:
    result = run("list", "-s", "women", "-f", "csv", "--lang", lang)
    assert "'women'" in result.stderr
    assert "kvind…" in result.stderr
    said = run("list", "-s", "kvinder", "-f", "csv", "--lang", lang).stderr
    assert "'kvinder'" in said and "kvind…" in said
    # A word found as typed, with nothing more by its stem, is not read otherwise.
    assert "'sprog'" not in run("list", "-s", "sprog", "-f", "csv", "--lang", lang).stderr


def test_close_spellings_are_shown_as_the_text_writes_them() -> None:
    result = run("list", "-s", "bydelsmdre", "-f", "csv", "--lang", "da")
    assert "viser nære stavemåder: bydelsmødre" in result.stderr


def test_show_understands_the_same_words() -> None:
    result = run("show", "Kvindecenter")
    assert result.exit_code == 2  # two rows: the pool and the operating grant
    assert "indvandrer-kvindecentret-drift" in result.stdout + result.stderr


def test_the_sqlite_index_finds_what_list_finds(tmp_path: Path) -> None:
    db = tmp_path / "budget.sqlite"
    assert run("export", str(db)).exit_code == 0
    connection = sqlite3.connect(db)
    try:
        for typed in ("kvinder", "women", "children", "refugees", "language", "sprog"):
            rows = connection.execute(
                "SELECT id FROM activities WHERE rowid IN "
                "(SELECT rowid FROM activities_fts WHERE activities_fts MATCH ?)",
                (typed,),
            ).fetchall()
            assert sorted(r[0] for r in rows) == sorted(_ids("-s", typed)), typed
    finally:
        connection.close()


def test_client_index_carries_the_readings(dataset: Dataset) -> None:
    index = search.client_index(dataset.activities)
    assert index["readings"]["women"] == ["kvind"]
    assert "kvind" in index["readings"]["kvinder"]
    assert set(index["texts"]) == {a.id for a in dataset.activities}

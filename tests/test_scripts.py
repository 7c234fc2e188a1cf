"""README's "For scripts" recipes, run as printed in a shell: a bash+jq memo line, a DuckDB
query on the csv, the Python API. Their figures are checked against hand sums of the source."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from tests.test_recipes import _ran, recipes

SCRIPTS = "## For scripts"
# The source's 2021 column per appendix, added by hand (SUF's three cells are words).
BY_HAND_2021 = {
    "BIF": "16.4",
    "BUF": "64.592",
    "KFF": "5.85",
    "SOF": "7.96",
    "SUF": None,
    "TMF": "0",
    "ØKF": "0",
}


def test_the_section_has_the_three_recipes() -> None:
    assert set(recipes(SCRIPTS)) == {"memo", "duckdb", "api"}


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("jq") is None, reason="jq is not installed")
def test_memo_recipe(tmp_path: Path) -> None:
    (printed,) = _ran("memo", tmp_path, SCRIPTS)
    assert printed == "2021: 94.802 mio. kr. (3 activities in words left out)"


@pytest.mark.slow
def test_duckdb_recipe(tmp_path: Path) -> None:
    _export, printed = _ran("duckdb", tmp_path, SCRIPTS)
    shown = dict(line.split()[:2] for line in printed.splitlines())
    assert set(shown) == set(BY_HAND_2021)
    for code, amount in BY_HAND_2021.items():
        if amount is None:
            assert shown[code] == "None", code  # words only: DuckDB's NULL, never 0
        else:
            assert Decimal(shown[code]) == Decimal(amount), code


@pytest.mark.slow
def test_api_recipe(tmp_path: Path) -> None:
    (printed,) = _ran("api", tmp_path, SCRIPTS)
    shown = dict(line.split() for line in printed.splitlines())
    assert shown == {code: str(amount) for code, amount in BY_HAND_2021.items()}

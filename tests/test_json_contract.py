"""The JSON keys scripts rely on (README.md, "The JSON contract"). Keys may be added, never
renamed or removed: a failure here means a breaking change."""

from __future__ import annotations

import json
from typing import Any

from tests.conftest import run

ACTIVITY_KEYS = {
    "id",
    "department",
    "section",
    "name",
    "funding",
    "budget",
    "budget_text",
    "actual",
    "adjustable",
    "notes",
}
YEAR_KEYS = {"2018", "2019", "2020", "2021", "2022"}
SUM_KEYS = {"total", "not_quantified", "adjustable"}
CHANGE_KEYS = {"from", "to", "change", "change_pct"}


def _json(*args: str) -> Any:
    result = run(*args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _is_activity(obj: dict[str, Any]) -> None:
    assert obj.keys() >= ACTIVITY_KEYS
    assert obj["budget"].keys() == YEAR_KEYS
    assert all(v is None or isinstance(v, int | float) for v in obj["budget"].values())
    assert isinstance(obj["adjustable"], bool)
    assert all(isinstance(n, str) for n in obj["notes"])


def test_list_and_expiring() -> None:
    for activity in _json("list"):
        _is_activity(activity)
    for activity in _json("expiring"):
        _is_activity(activity)
        assert isinstance(activity["last_year"], int)


def test_show() -> None:
    shown = _json("show", "welcome-house")
    _is_activity(shown)
    assert {"description", "target_group", "expected_effect", "remarks", "printed"} <= shown.keys()


def test_total_one_year() -> None:
    data = _json("total", "--year", "2020", "--by", "department")
    assert {"year", "unit", "groups"} | SUM_KEYS <= data.keys()
    assert data["unit"] == "mio. kr."
    for group in data["groups"]:
        assert {"key", "label", "total"} <= group.keys()


def test_total_every_year() -> None:
    data = _json("total")
    assert {"years", "total", "unit"} <= data.keys()
    for year in data["years"]:
        assert {"year"} | SUM_KEYS <= year.keys()


def test_compare() -> None:
    data = _json("compare", "2018", "2022")
    assert {"from_year", "to_year", "unit", "rows", "total"} <= data.keys()
    assert data["total"].keys() >= CHANGE_KEYS
    assert data["by"] == "department"
    for row in data["rows"]:
        assert {"key", "label", "status"} | CHANGE_KEYS <= row.keys()
        assert row["status"] in (None, "new", "ended")


def test_notes() -> None:
    for note in _json("notes"):
        assert {"id", "department", "kind", "marker", "text", "links", "activities"} <= note.keys()


def test_chart() -> None:
    data = _json("chart", "--by", "department")
    assert {"by", "period", "unit", "bars"} <= data.keys()
    for bar in data["bars"]:
        assert {"key", "label"} | SUM_KEYS <= bar.keys()


def test_numbers_are_exact_decimals_in_the_text() -> None:
    text = run("total", "-f", "json").stdout
    assert "0000000" not in text and "9999999" not in text
    assert '"total": 553.087' in text

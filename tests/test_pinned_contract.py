"""The published contract, held to reviewed files (README, "Changing the contract"): each
command's JSON Schema to ``schemas/COMMAND.json``, one small answer per command to a golden
file under ``tests/golden/``, and each golden's figures to sums made by hand from the
source. tests/test_json_contract.py checks the output against the schema the code derives;
this module checks the code's schema against the one scripts were promised."""

from __future__ import annotations

import csv
import difflib
import io
import json
from typing import Any, NamedTuple, get_type_hints

import pytest

from budgetcli import results
from budgetcli.results.schema import DOCUMENTS
from tests.pin_schemas import GOLDEN, GOLDENS, SCHEMA_COMMANDS, SCHEMAS, Golden, schema_text

AGAIN = "if the change is deliberate: uv run python -m tests.pin_schemas, and review the diff"


def _differences(command: str, printed: str) -> list[str]:
    """How ``printed`` (the schema the code gives) differs from the pinned file."""
    pinned = (SCHEMAS / f"{command}.json").read_text(encoding="utf-8")
    if json.loads(printed) == json.loads(pinned):
        return []
    return list(
        difflib.unified_diff(
            pinned.splitlines(), printed.splitlines(), f"schemas/{command}.json", "printed", n=1
        )
    )


def test_every_command_with_a_schema_has_a_pinned_file_and_no_other() -> None:
    assert set(DOCUMENTS) == set(SCHEMA_COMMANDS)
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(f"{c}.json" for c in SCHEMA_COMMANDS)


@pytest.mark.parametrize("command", SCHEMA_COMMANDS)
def test_schema_command_prints_the_pinned_schema(command: str) -> None:
    differences = _differences(command, schema_text(command))
    assert differences == [], "\n".join([*differences[:40], AGAIN])


def _renamed(record: type[Any], old: str, new: str) -> type[Any]:
    """``record`` with its key ``old`` called ``new``, as a rename in results/ would."""
    hints = get_type_hints(record)
    fields = [(new if name == old else name, hints[name]) for name in record._fields]
    renamed: type[Any] = NamedTuple(record.__name__, fields)  # type: ignore[misc]
    renamed.__doc__ = record.__doc__
    return renamed


@pytest.mark.parametrize(
    ("record", "old", "new", "commands"),
    [
        ("Sum", "amount", "value", ("total", "chart", "compare")),
        ("Note", "text", "body", ("notes",)),
        ("Activity", "last_funded_year", "last_year", ("list", "show", "expiring")),
    ],
)
def test_a_key_renamed_in_the_code_fails_the_pin(
    monkeypatch: pytest.MonkeyPatch, record: str, old: str, new: str, commands: tuple[str, ...]
) -> None:
    # The mutation: the record type, as every document's schema finds it by name.
    monkeypatch.setattr(results, record, _renamed(getattr(results, record), old, new))
    for command in commands:
        differences = _differences(command, schema_text(command))
        assert any(f'"{new}"' in line for line in differences if line.startswith("+")), command
        assert any(f'"{old}"' in line for line in differences if line.startswith("-")), command
    monkeypatch.undo()
    for command in commands:
        assert _differences(command, schema_text(command)) == []


def test_the_pinned_schemas_are_the_current_schema_version() -> None:
    # A break raises schema_version (README); the pinned $id and const carry it.
    for command in SCHEMA_COMMANDS:
        pinned = json.loads((SCHEMAS / f"{command}.json").read_text(encoding="utf-8"))
        assert pinned["properties"]["schema_version"] == {"const": results.SCHEMA_VERSION}
        assert f"/schema/{results.SCHEMA_VERSION}/{command}.json" in pinned["$id"]


# --- goldens ------------------------------------------------------------------------------


@pytest.mark.parametrize("golden", GOLDENS, ids=lambda g: g.name)
def test_each_command_prints_its_golden_answer(golden: Golden) -> None:
    code, printed = golden.run()
    assert code == golden.exit_code
    pinned = (GOLDEN / golden.name).read_text(encoding="utf-8")
    assert printed == pinned, AGAIN.replace("pin_schemas", "pin_schemas --goldens")


def test_every_golden_file_is_asked_for() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(g.name for g in GOLDENS)


# The golden figures, summed by hand from the source (Bilag 6 and 7). TMF's seven
# activities print 0,188 and 0,035 (Nye ungefællesskaber, 2018 and 2019), 0,032, 0,04 and
# 0,013 (2019), 0,012, 0,015 and 0,015 (2018): 2018 0.230, 2019 0.120, 0 after. ØKF prints
# 0,012 (2018, courses) and 0,205* 0,090* (IGU), whose footnote says 117.590 kr. was spent
# in 2018 and 0 kr. in 2019.
BY_HAND: dict[str, dict[str, dict[str, str]]] = {
    "list-tmf.csv": {
        "nye-ungefaellesskaber": {"2018": "0.188", "2019": "0.035", "total": "0.223"},
        "mit-danmark": {"2018": "", "2019": "0.032"},  # an empty cell, not 0
        "hjemmelektiehjaelp-noerrebro": {"2019": "0.04"},
        "trampolinhuset-foedselsdagsfest": {"2018": "0.012", "2019": ""},
        "os-i-nordvest": {"2018": "0.015"},
        "groenne-generationsmoeder": {"2018": "0.015", "total": "0.015"},
        "mangfoldighedsfesten": {"2019": "0.013"},
    },
    "show-igu.csv": {
        "igu-elev": {
            "2018": "0.205",
            "2019": "0.090",
            "2018_actual": "0.117590",
            "2019_actual": "0",
            "total": "0.295",
        }
    },
    "total-okf-actual.csv": {
        "kurser-skrivning-laesning": {"2018": "0.012"},
        "igu-elev": {"2018": "0.117590", "2019": "0"},
        "": {"2018": "0.129590", "total": "0.129590"},  # the total row
    },
    # -0.110 / 0.230 is -47.83 %
    "compare-tmf.csv": {
        "TMF": {"2018": "0.230", "2019": "0.120", "change": "-0.110", "change_pct": "-47.8"}
    },
    "expiring-okf.csv": {
        "kurser-skrivning-laesning": {"last_funded_year": "2018"},
        "igu-elev": {"last_funded_year": "2019", "total": "0.295"},
    },
    # Mit Danmark's 2019 cell, 0,032 in the source, made 0.050: TMF's 2019 0.120 -> 0.138.
    "diff-tmf.csv": {
        "mit-danmark": {"kind": "budget", "year": "2019", "old": "0.032", "new": "0.050"},
        "": {"department": "TMF", "old": "0.120", "new": "0.138", "difference": "0.018"},
    },
    "chart-tmf.csv": {
        "2018": {"2018": "0.230"},
        "2019": {"2019": "0.120"},
        "2020": {"2020": "0"},
        "": {"total": "0.350"},
    },
}


@pytest.mark.parametrize("name", sorted(BY_HAND))
def test_the_golden_csv_figures_are_the_hand_sums(name: str) -> None:
    rows = list(csv.DictReader(io.StringIO((GOLDEN / name).read_text(encoding="utf-8"))))
    first = "key" if "key" in rows[0] else "id"
    shown = {row[first]: row for row in rows}
    for key, figures in BY_HAND[name].items():
        for column, figure in figures.items():
            assert shown[key][column] == figure, (name, key, column)


def test_the_golden_json_is_the_source() -> None:
    notes = json.loads((GOLDEN / "notes-okf.json").read_text(encoding="utf-8"))
    (note,) = notes["rows"]
    assert note["activities"] == ["igu-elev"] and note["marker"] == "*"
    assert "117.590 kr. i 2018 og 0 kr. i 2019" in note["text"]

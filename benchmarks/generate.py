"""Synthetic datasets in budgetcli's YAML format, for scale benchmarks and large-output tests.

python -m benchmarks.generate 10000 > /tmp/10k.yaml
python -m benchmarks.generate 10000 --json > /tmp/10k.json   # the same document as JSON

The JSON form is the document YAML gives for the same count and seed (amounts as numbers,
years as string keys), for the benchmarks' ``json.load`` reference.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Iterator
from typing import Any

DEPARTMENTS = ("BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF")
_DESCRIPTION = (
    "Et forløb med fokus på job, uddannelse og fællesskab, som beskrevet i"
    " kommunens integrationshandleplan."
)
_TARGET = "Nyankomne flygtninge og familiesammenførte"
_EFFECT = "Flere kommer i job eller uddannelse"


def _records(count: int, seed: int) -> Iterator[dict[str, Any]]:
    """The activities, each a dict; budget values are amount text ("1.250") or a text cell."""
    rng = random.Random(seed)
    for index in range(count):
        funding = f"Budget {rng.choice((2016, 2017, 2018, 2019))}"
        budget: dict[int, str | dict[str, str]] = {}
        first = rng.randrange(2018, 2021)
        for year in range(first, rng.randrange(first, 2023) + 1):
            if rng.random() < 0.03:
                budget[year] = {"text": "Driftsbudget"}
            else:
                budget[year] = f"{rng.randrange(0, 50_000) / 1000:.3f}"
        record: dict[str, Any] = {
            "id": f"activity-{index}",
            "department": DEPARTMENTS[index % len(DEPARTMENTS)],
            "name": f"Indsats nummer {index} for borgere i København",
            "description": _DESCRIPTION,
            "target_group": _TARGET,
            "expected_effect": _EFFECT,
            "funding": funding,
            "budget": budget,
        }
        if index % 97 == 0:
            record |= {"adjustable": [2020, 2021], "notes": ["n1"]}
        yield record


def synthetic_yaml(count: int, seed: int = 2018) -> str:
    """``count`` activities shaped like the real ones: amounts, gaps, text cells, notes."""
    out = [
        "title: Synthetic budgetcli dataset",
        "period: {first: 2018, last: 2022}",
        "unit: mio. kr.",
        "departments:",
    ]
    for number, code in enumerate(DEPARTMENTS, start=1):
        out.append(f"  - {{code: {code}, appendix: {number}, name: Forvaltning {code}}}")
    out.append("notes:")
    out.append("  - {id: n1, department: BIF, kind: footnote, marker: '*', text: Kan justeres.}")
    out.append("activities:")
    for record in _records(count, seed):
        out += [
            f"  - id: {record['id']}",
            f"    department: {record['department']}",
            f"    name: {record['name']}",
            "    description: >-",
            "      Et forløb med fokus på job, uddannelse og fællesskab, som beskrevet i",
            "      kommunens integrationshandleplan.",
            f"    target_group: {record['target_group']}",
            f"    expected_effect: {record['expected_effect']}",
            f"    funding: {record['funding']}",
            "    budget:",
        ]
        for year, value in record["budget"].items():
            if isinstance(value, dict):
                out.append(f"      {year}: {{text: {value['text']}}}")
            else:
                out.append(f"      {year}: {value}")
        if "adjustable" in record:
            out += ["    adjustable: [2020, 2021]", "    notes: [n1]"]
    return "\n".join(out) + "\n"


def synthetic_json(count: int, seed: int = 2018) -> str:
    """The document :func:`synthetic_yaml` writes, as JSON."""
    activities = []
    for record in _records(count, seed):
        record["budget"] = {
            str(year): value if isinstance(value, dict) else float(value)
            for year, value in record["budget"].items()
        }
        activities.append(record)
    document = {
        "title": "Synthetic budgetcli dataset",
        "period": {"first": 2018, "last": 2022},
        "unit": "mio. kr.",
        "departments": [
            {"code": code, "appendix": number, "name": f"Forvaltning {code}"}
            for number, code in enumerate(DEPARTMENTS, start=1)
        ],
        "notes": [
            {"id": "n1", "department": "BIF", "kind": "footnote", "marker": "*"}
            | {"text": "Kan justeres."}
        ],
        "activities": activities,
    }
    return json.dumps(document, ensure_ascii=False)


def main() -> None:
    args = sys.argv[1:]
    as_json = "--json" in args
    numbers = [a for a in args if a != "--json"]
    count = int(numbers[0]) if numbers else 1000
    sys.stdout.write(synthetic_json(count) if as_json else synthetic_yaml(count))


if __name__ == "__main__":
    main()

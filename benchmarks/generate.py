"""Synthetic datasets in budgetcli's YAML format, for scale benchmarks and large-output tests.

python -m benchmarks.generate 10000 > /tmp/10k.yaml
"""

from __future__ import annotations

import random
import sys

DEPARTMENTS = ("BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF")


def synthetic_yaml(count: int, seed: int = 2018) -> str:
    """``count`` activities shaped like the real ones: amounts, gaps, text cells, notes."""
    rng = random.Random(seed)
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
    for index in range(count):
        department = DEPARTMENTS[index % len(DEPARTMENTS)]
        out += [
            f"  - id: activity-{index}",
            f"    department: {department}",
            f"    name: Indsats nummer {index} for borgere i København",
            "    description: >-",
            "      Et forløb med fokus på job, uddannelse og fællesskab, som beskrevet i",
            "      kommunens integrationshandleplan.",
            "    target_group: Nyankomne flygtninge og familiesammenførte",
            "    expected_effect: Flere kommer i job eller uddannelse",
            f"    funding: Budget {rng.choice((2016, 2017, 2018, 2019))}",
            "    budget:",
        ]
        first = rng.randrange(2018, 2021)
        for year in range(first, rng.randrange(first, 2023) + 1):
            if rng.random() < 0.03:
                out.append(f"      {year}: {{text: Driftsbudget}}")
            else:
                out.append(f"      {year}: {rng.randrange(0, 50_000) / 1000:.3f}")
        if index % 97 == 0:
            out += ["    adjustable: [2020, 2021]", "    notes: [n1]"]
    return "\n".join(out) + "\n"


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    sys.stdout.write(synthetic_yaml(count))


if __name__ == "__main__":
    main()

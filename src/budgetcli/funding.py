"""The decisions an activity is funded by, read from the funding text as printed.

The text stays as the source prints it (``Activity.funding``); this module derives from it a
normalised tuple of decisions, so that "Budget 18" and "Budget 2018" are one decision, the
footnote star is no part of a name, and "Budget 2018 og Budgetteringsmodel vedtaget med
Budget 2019" is two. Derived, never stored: the data file keeps one fact, the printed text.

The rules, in order, for one text:

* a trailing footnote marker (``*``) is dropped;
* "Integrationshandleplan 2017-2018 og 2019-22": each period is a plan of its own, written
  with a two-digit end ("Integrationshandleplan 2017-18");
* "budget" followed by years ("Budget 15", "budget 2016", "Budget 2015, 2016, 2017, 2019"):
  one "Budget YYYY" per year; other years in the text ("nedskrives budgettet fra 2019",
  "budgetudløb i 2019", "fra 2020 udlægges 7,8") are not decisions;
* "overførselssagen 2019": the carry-over case of that year;
* a name in single quotes ("udmøntet i 'Kvarterplan for Områdefornyelse Nørrebro'"): that name;
* anything else ("Varig bevilling", "Driftsbudget for Center for Diabetes") is one decision,
  its text as printed.
"""

from __future__ import annotations

import re
from functools import lru_cache

FOOTNOTE_MARKERS = "*†"

_PLAN = re.compile(
    r"Integrationshandleplan\s+(\d{4})\s*-\s*(\d{2,4})((?:\s+og\s+\d{4}\s*-\s*\d{2,4})*)",
    re.IGNORECASE,
)
_PERIOD = re.compile(r"(\d{4})\s*-\s*(\d{2,4})")
# "budget" as a word (not "budgettet", "budgetudløb"), then years: 15, 2016, "2015, 2016".
_BUDGET = re.compile(r"\bbudget\s+(\d{2}|\d{4})\b((?:\s*,\s*(?:\d{4}|\d{2})\b)*)", re.IGNORECASE)
_YEAR = re.compile(r"\d{4}|\d{2}")
_CARRY_OVER = re.compile(r"\boverførselssagen\s+(\d{4})\b", re.IGNORECASE)
# The source quotes a plan's name in single quotes; double quotes are left alone (they are
# more often a formula's or a sentence's than a name's).
_QUOTED = re.compile(r"'([^']+)'|‘([^’]+)’")


def _year(text: str) -> int:
    """'18' -> 2018: the source's budgets are this century's."""
    return int(text) if len(text) == 4 else 2000 + int(text)


def _plan(start: str, end: str) -> str:
    return f"Integrationshandleplan {start}-{end[-2:]}"


@lru_cache(maxsize=1024)
def decisions(funding: str | None) -> tuple[str, ...]:
    """The decisions ``funding`` (the printed text) names, in the order it names them,
    each once; () where no text is printed."""
    if funding is None or not funding.strip():
        return ()
    text = " ".join(funding.split()).rstrip(FOOTNOTE_MARKERS).strip()
    if not text:  # a footnote sign alone names no decision
        return ()
    found: list[tuple[int, str]] = []  # (where in the text, decision)
    for match in _PLAN.finditer(text):
        found.append((match.start(), _plan(match.group(1), match.group(2))))
        for period in _PERIOD.finditer(match.group(3)):
            found.append((match.start(3) + period.start(), _plan(*period.groups())))
    for match in _BUDGET.finditer(text):
        first, rest = match.group(1), match.group(2)
        found.append((match.start(), f"Budget {_year(first)}"))
        for year in _YEAR.finditer(rest):
            found.append((match.start(2) + year.start(), f"Budget {_year(year.group())}"))
    for match in _CARRY_OVER.finditer(text):
        found.append((match.start(), f"Overførselssagen {match.group(1)}"))
    if not found:
        for match in _QUOTED.finditer(text):
            name = next(g for g in match.groups() if g)
            found.append((match.start(), name.strip()))
    if not found:
        return (text,)
    return tuple(dict.fromkeys(decision for _, decision in sorted(found)))

"""An hledger journal: the budget as periodic transactions, actual spend as transactions.

``hledger -f budget.journal balance --budget -Y`` then sets each activity's actual spend
against its budget, year by year. Amounts are whole kroner (``DKK 117590``), exact, from the
printed mio. kr. (:func:`budgetcli.kroner.to_kroner`); nothing is rounded.

* One periodic transaction per year (``~ yearly from 2018-01-01 to 2019-01-01``) holds a
  budget goal for every activity with a number that year; an explicit 0 is a goal of 0.
* A cell of words ("Driftsbudget") has no number: no goal, a comment says what is printed.
  An empty cell has no goal either.
* Actual spend only where the source reports it (the IGU trainee), dated the year's last
  day. Elsewhere hledger shows 0 actual: read that as "not reported", not as nothing spent.

Postings are unbalanced (in parentheses): the overview says what is budgeted and spent, not
where the money comes from. Accounts are ``expenses:DEPARTMENT:ACTIVITY-ID``, so
``--depth 2`` gives the administrations' totals.
"""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

from budgetcli.controls import ANY_CONTROL, visible
from budgetcli.errors import OutputError
from budgetcli.files import write_atomic
from budgetcli.formats import Options
from budgetcli.formats.tabledocs import NO_LICENSE
from budgetcli.i18n import Msg, text
from budgetcli.kroner import to_kroner
from budgetcli.model import Dataset, SourceActivity, TextCell

COMMODITY = "DKK"
# hledger ends an account name at two spaces and splits it at ':'; ';' starts a comment.
_NOT_IN_ACCOUNT = re.compile(rf"[\s:;{ANY_CONTROL}]+")


def _part(text: str) -> str:
    return _NOT_IN_ACCOUNT.sub("-", text).strip("-") or "-"


def _payee(activity_id: str) -> str:
    """The id as a transaction's payee. hledger reads a ``*`` or ``!`` after the date as
    the cleared or pending mark and ``(...)`` as a code, taking them from the description
    (``*y`` would become a cleared ``y``): such an id goes after an empty code, ``()``,
    after which hledger reads neither."""
    part = _part(activity_id)
    return f"() {part}" if part[0] in "*!(" else part


def _comment(text: str) -> str:
    """One comment line's text: whitespace runs as one space, controls as escapes."""
    return visible(" ".join(text.split()))


def accounts(dataset: Dataset) -> dict[str, str]:
    """Activity id -> its account. Two activities never share one (their sums would merge)."""
    out: dict[str, str] = {}
    seen: dict[str, str] = {}
    for a in dataset.activities:
        account = f"expenses:{_part(a.department)}:{_part(a.id)}"
        if account in seen:
            raise OutputError(
                text(
                    Msg.journal_shared_account,
                    first=repr(seen[account]),
                    second=repr(a.id),
                    account=account,
                )
            )
        seen[account], out[a.id] = a.id, account
    return out


def journal(dataset: Dataset) -> str:
    from budgetcli import __version__

    names = accounts(dataset)
    width = max((len(n) for n in names.values()), default=0) + 4

    def posting(a: SourceActivity, value: Decimal) -> str:
        return f"    ({names[a.id]})".ljust(width + 6) + f"{COMMODITY} {to_kroner(value, a.id)}"

    lines = [
        f"; {_comment(dataset.title)}",
        f"; Source: {_comment(dataset.source)}",
        f"; {NO_LICENSE}",
        f"; Written by budgetcli {__version__}: the budget as printed, in whole kroner, as",
        "; periodic transactions (budget goals); actual spend where the source reports it.",
        "; Compare them: hledger -f THIS_FILE balance --budget -Y",
        "",
        f"commodity {COMMODITY} 1000.",
        "",
    ]
    for year in dataset.years:
        lines.append(f"~ yearly from {year}-01-01 to {year + 1}-01-01  budget {year}")
        # Comments before the first posting belong to the transaction, not to a posting.
        lines += [
            f"    ; {names[a.id]}: no number, the source prints {_comment(cell.text)!r}"
            for a in dataset.activities
            if isinstance(cell := a.cell(year), TextCell)
        ]
        for a in dataset.activities:
            cell = a.cell(year)
            if isinstance(cell, Decimal):
                lines.append(f"{posting(a, cell)}  ; {_comment(a.name)}")
        lines.append("")
    for a in dataset.activities:
        for year, value in (a.actual or {}).items():
            lines.append(f"{year}-12-31 {_payee(a.id)} | actual spend  ; {_comment(a.name)}")
            if a.actual_text:
                lines.append(f"    ; {_comment(a.actual_text)}")
            lines += [posting(a, value), ""]
    return "\n".join(lines)


def export(dataset: Dataset, path: Path, options: Options) -> None:
    """``budgetcli export FILE.journal`` (or ``--format hledger``)."""
    write_atomic(path, journal(dataset).encode("utf-8"))

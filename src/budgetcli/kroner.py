"""Amounts in whole kroner: the exact integer form of an amount in mio. kr.

SQL engines and CSV readers sum binary floats, so 0.1 + 0.2 drifts; integers do not. Every
exported amount therefore also appears as an integer number of kroner, computed from the
exact Decimal, never from a float.
"""

from __future__ import annotations

from decimal import Decimal

from budgetcli.errors import OutputError
from budgetcli.i18n import Msg, text


class NotWholeKronerError(OutputError):
    """An amount with more than six decimals in mio. kr., i.e. a fraction of a krone."""


def to_kroner(amount: Decimal, of: str | None = None) -> int:
    """``amount`` (mio. kr.) as whole kroner: ``Decimal("3.3")`` -> ``3300000``; ``of``:
    the id of the activity whose amount it is, for the error to name.

    Raises NotWholeKronerError rather than rounding: a fraction of a krone in a budget overview
    is a transcription error, and a silently rounded figure would no longer sum to the source.
    """
    # scaleb only moves the exponent, so this is exact; int() truncates, the comparison
    # catches anything it dropped.
    scaled = amount.scaleb(6)
    kroner = int(scaled)
    if kroner != scaled:
        problem = text(Msg.not_whole_kroner, amount=f"{amount:f}")
        raise NotWholeKronerError(
            problem if of is None else text(Msg.of_activity, id=of, problem=problem)
        )
    return kroner

"""Amounts in whole kroner: the exact integer form of an amount in mio. kr.

SQL engines and CSV readers sum binary floats, so 0.1 + 0.2 drifts; integers do not. Every
exported amount therefore also appears as an integer number of kroner, computed from the
exact Decimal, never from a float.
"""

from __future__ import annotations

from decimal import Decimal

from budgetcli.errors import OutputError


class NotWholeKronerError(OutputError):
    """An amount with more than six decimals in mio. kr., i.e. a fraction of a krone."""


def to_kroner(amount: Decimal) -> int:
    """``amount`` (mio. kr.) as whole kroner: ``Decimal("3.3")`` -> ``3300000``.

    Raises NotWholeKronerError rather than rounding: a fraction of a krone in a budget overview
    is a transcription error, and a silently rounded figure would no longer sum to the source.
    """
    # scaleb only moves the exponent, so this is exact; int() truncates, the comparison
    # catches anything it dropped.
    scaled = amount.scaleb(6)
    kroner = int(scaled)
    if kroner != scaled:
        raise NotWholeKronerError(
            f"amount {amount:f} mio. kr. is not a whole number of kroner "
            "(more than 6 decimals); it cannot be exported as amount_kr"
        )
    return kroner

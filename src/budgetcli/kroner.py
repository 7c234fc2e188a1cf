"""Amounts in whole kroner: the exact integer form of an amount in mio. kr.

SQL engines and CSV readers sum binary floats, so 0.1 + 0.2 drifts; integers do not. Every
exported amount therefore also appears as an integer number of kroner, computed from the
exact Decimal, never from a float.
"""

from __future__ import annotations

from decimal import Decimal

from budgetcli.errors import OutputError
from budgetcli.i18n import ENGLISH, Msg, Text, text


class NotWholeKronerError(OutputError):
    """An amount with more than six decimals in mio. kr., i.e. a fraction of a krone."""

    def __init__(self, message: Text) -> None:
        Exception.__init__(self, ENGLISH.text(message))
        self.text = message


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
        raise NotWholeKronerError(text(Msg.not_whole_kroner, amount=f"{amount:f}"))
    return kroner

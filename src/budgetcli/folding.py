"""The folded form lookups compare: case, accents and Danish letters forgiven.

Validation uses the same function to refuse ids and codes that fold alike, so a folded
lookup can never have two answers.
"""

from __future__ import annotations

import unicodedata


def fold(text: str, *, danish_digraphs: bool = False) -> str:
    """Case- and accent-insensitive form: 'København' -> 'kobenhavn' (or 'koebenhavn')."""
    if text.isascii():
        # Ids and codes are nearly always ASCII: lower() is the whole fold for them, and a
        # lookup over 100,000 activities folds every id.
        return text.lower()
    text = text.casefold()
    if danish_digraphs:
        text = text.replace("ø", "oe").replace("å", "aa")
    text = text.replace("æ", "ae").replace("ø", "o")
    if text.isascii():
        return text  # 'København' is ASCII by now: no accents left to strip
    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def folds(text: str) -> frozenset[str]:
    """Every folded form a lookup may compare ``text`` by (with and without ø -> oe)."""
    return frozenset((fold(text), fold(text, danish_digraphs=True)))

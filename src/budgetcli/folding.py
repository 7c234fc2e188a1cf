"""The folded form lookups compare: case, accents and Danish letters forgiven.

Validation uses the same function to refuse ids and codes that fold alike, so a folded
lookup can never have two answers.
"""

from __future__ import annotations

import functools
import re


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
    # Imported here, not at start-up (1 ms for a command that folds no such text).
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    if decomposed.isascii():
        return decomposed
    # The accents of Latin letters in one C call (the character loop below was most of a
    # search's time over 100,000 activities); anything else left, by the loop.
    stripped = _latin_accents().sub("", decomposed)
    if stripped.isascii():
        return stripped
    return "".join(c for c in stripped if not unicodedata.combining(c))


# The combining diacritical marks (U+0300-U+036F) that are accents (a combining class),
# which fold() strips: å is a and a ring above, which goes.
@functools.cache
def _latin_accents() -> re.Pattern[str]:
    # Compiled when first folded, not at every start-up (0.3 ms of a command that folds nothing).
    import unicodedata

    marks = (chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c)))
    return re.compile("[" + "".join(marks) + "]")


def folds(text: str) -> frozenset[str]:
    """Every folded form a lookup may compare ``text`` by (with and without ø -> oe)."""
    return frozenset((fold(text), fold(text, danish_digraphs=True)))


# --- the looser form searches compare ----------------------------------------------------

# The spellings Danes type for one letter all become one: æ/ae/a -> a, ø/oe/o -> o,
# å/aa/a -> a. fold() has already made æ "ae", ø "o" and å "a"; collapsing the digraphs
# makes "kontanthjalp", "kontanthjaelp" and "kontanthjælp" the same word. (A foreign
# "ae" or "oe" collapses too, on both sides alike: at worst a search finds a little more.)
# Hyphens join: "IGU-elev" is "iguelev", "Mangfoldigheds-plejehjem" one word.
_HYPHENS = str.maketrans("", "", "-\u2010\u2011\u00ad")
# Any other punctuation separates words ("Nørrebro/ Nordvest", "65 – 79 år").
# NUL is kept: a search joins an activity's fields with it, to loosen them in one call.
_SEPARATORS = re.compile(r"[^\w\x00]+")


def loosen(folded: str) -> str:
    """The search form of text already :func:`fold`-ed: digraphs collapsed, hyphens gone,
    punctuation a single space."""
    # Each step only where it has something to do: a search loosens every text field of
    # every activity, and the regular expressions were most of that time at 100,000.
    if "-" in folded or "\u00ad" in folded or "\u2010" in folded or "\u2011" in folded:
        folded = folded.translate(_HYPHENS)
    if "ae" in folded or "oe" in folded or "aa" in folded:
        # Three replaces are several times faster than one regular expression with a
        # callback; text and search go through the same steps, so they still agree.
        folded = folded.replace("ae", "a").replace("oe", "o").replace("aa", "a")
    if "  " in folded or not folded.replace(" ", "").replace("\x00", "").isalnum():
        folded = _SEPARATORS.sub(" ", folded)
    # A field's own spaces at its ends go, as strip() takes them from a field alone.
    if " \x00" in folded or "\x00 " in folded:
        folded = folded.replace(" \x00", "\x00").replace("\x00 ", "\x00")
    return folded.strip()


def loose(text: str) -> str:
    """'Fællesspisninger, Nørrebro-Nordvest' -> 'fallesspisninger norrebronordvest'."""
    return loosen(fold(text))


def search_words(folded: str) -> tuple[str, ...]:
    """The words of a folded search: a hyphen typed between words separates them
    ("welcome-house" is "welcome" and "house"), so they still find "Welcome House"."""
    return tuple(loosen(folded.replace("-", " ")).split())

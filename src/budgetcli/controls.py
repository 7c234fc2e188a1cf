"""The one control-character policy: which characters data may hold, and how every writer
treats the rest. No other module spells a range of control characters.

A name may hold any character; written raw to a terminal, an escape sequence in it would
recolour the screen, retitle the window or clear it, a line break would split a one-line
message, and a bidirectional control (U+202E, "right-to-left override") would make a
bidi-aware terminal or editor show the amounts beside it in another order. So:

* a data file's text holds no control characters but tab and newline, and no bidi
  controls (:data:`IN_DATA`, used by the YAML reader and by validation);
* text shown on a terminal has every control character written as an escape
  (:func:`visible`), the line separators and bidi controls included, whatever its origin
  (an argument, a file name);
* XML writers drop or replace what XML 1.0 cannot hold (:data:`NOT_IN_XML`,
  :data:`NOT_IN_SVG`), JSON escapes what YAML refuses raw (:data:`RAW_IN_JSON`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

# C0 controls but tab and newline (carriage return erases a line on a terminal).
_C0 = "\x00-\x08\x0b-\x1f"
# C0 controls XML 1.0 cannot hold (it can hold tab, newline and carriage return).
_C0_NOT_XML = "\x00-\x08\x0b\x0c\x0e-\x1f"
# DEL and the C1 controls (U+009B is a one-character escape sequence on some terminals).
_DEL_C1 = "\x7f-\x9f"
# Line and paragraph separators: line breaks to YAML and some editors, plain to JSON.
_LINES = "\u2028\u2029"
# Bidirectional embeddings, overrides and isolates (U+202A-202E, U+2066-2069; the
# "Trojan Source" characters), and the three invisible direction marks.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Lone surrogates and the two non-characters no XML file may hold.
_NOT_CHARACTERS = "\ud800-\udfff\ufffe\uffff"

# Each pattern is compiled when first used (a compile costs about 0.4 ms of a start-up
# that is mostly imports, and an answer uses one or two of them).
_PATTERNS = {
    # Characters a data file's text may not hold, raw or escaped.
    "IN_DATA": f"[{_C0}{_DEL_C1}{_BIDI}]",
    "_ON_TERMINAL": f"[\t\n{_C0}{_DEL_C1}{_LINES}{_BIDI}]",
    # What XML 1.0 cannot hold at all (an xlsx cell replaces them).
    "NOT_IN_XML": f"[{_C0_NOT_XML}{_NOT_CHARACTERS}]",
    # What an SVG drops: XML 1.0's impossible characters and the C1 controls, which it
    # discourages and XML 1.1 readers refuse.
    "NOT_IN_SVG": f"[{_C0_NOT_XML}{_DEL_C1}{_NOT_CHARACTERS}]",
    # What JSON writes as \uXXXX: what YAML refuses raw (JSON may hold it), so that an
    # export reads back, and the bidi controls, so that JSON on a terminal is shown in order.
    "RAW_IN_JSON": f"[{_DEL_C1}{_BIDI}]",
    # What a double-quoted YAML scalar must carry as escapes: what YAML forbids raw, and the
    # line and paragraph separators, which YAML reads as line breaks.
    "ESCAPED_IN_YAML": f"[{_DEL_C1}{_LINES}\ufeff\ufffe\uffff]",
}
ANY_CONTROL = f"\x00-\x1f{_DEL_C1}"
"""Every C0 and C1 control and DEL, for a character class (hledger's account names)."""


if TYPE_CHECKING:  # the names mypy knows; at run time each is compiled on first use
    IN_DATA: re.Pattern[str]
    NOT_IN_XML: re.Pattern[str]
    NOT_IN_SVG: re.Pattern[str]
    RAW_IN_JSON: re.Pattern[str]
    ESCAPED_IN_YAML: re.Pattern[str]
else:

    def __getattr__(name: str) -> re.Pattern[str]:
        """A pattern compiled on first use, then a plain module attribute."""
        if name not in _PATTERNS or name.startswith("_"):
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        return _pattern(name)


def _pattern(name: str) -> re.Pattern[str]:
    found: re.Pattern[str] | None = globals().get(name)
    if found is None:
        found = globals()[name] = re.compile(_PATTERNS[name])
    return found


_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def visible(text: str) -> str:
    """``text`` with every control character written as ``\\xNN`` (``\\t``, ``\\n``,
    ``\\r``; ``\\uNNNN`` beyond U+00FF), the way Python's repr shows them."""
    on_terminal = _pattern("_ON_TERMINAL")
    return on_terminal.sub(_escape, text) if on_terminal.search(text) else text


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


def code(char: str) -> str:
    """A character as a message names it: ``U+001B``."""
    return f"U+{ord(char):04X}"


def invisible(text: str) -> list[str]:
    """The format characters in ``text`` (Unicode category Cf: the zero-width space U+200B,
    the joiners, the soft hyphen, U+FEFF), each once. Invisible, they make two ids or codes
    that look alike (``welcome-house`` and ``welcome-house\u200b``): validation refuses
    them there."""
    if text.isascii():
        return []
    import unicodedata

    return list(dict.fromkeys(c for c in text if unicodedata.category(c) == "Cf"))


def named(text: str) -> str:
    """``text`` with each character data may not hold written as ``<U+001B>``: for a field
    name in a message, where a backslash would read as part of the name."""
    return _pattern("IN_DATA").sub(lambda found: f"<{code(found.group())}>", text)

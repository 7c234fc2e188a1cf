"""Text from the data file (or the command line) made safe for a terminal line.

A name may hold any character; written raw to a terminal, an escape sequence in it would
recolour the screen, retitle the window or clear it, and a line break would split a
one-line message. Control characters (C0, DEL, C1, the Unicode line and paragraph
separators) are shown as escapes instead, the way Python's repr shows them.
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def visible(text: str) -> str:
    """``text`` with every control character written as ``\\xNN`` (``\\t``, ``\\n``, ``\\r``)."""
    return _CONTROLS.sub(_escape, text) if _CONTROLS.search(text) else text


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    named = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
    if char in named:
        return named[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"

"""The one set of limits on a data file, read by the loader and by validation alike.

Each is chosen so that whatever loads, every export can write: anything beyond them is a
typo or an attack, not a budget. (The loader checks a file through validation on every
parse; a cache entry is only ever made from a file that passed.)
"""

from __future__ import annotations

from decimal import Decimal

MAX_BYTES = 64 * 1024 * 1024
"""A data file's size; checked before a byte is read or hashed."""

MAX_AMOUNT = Decimal(10) ** 9
"""Amounts are mio. kr. from 0 to this (10^15 kroner fit SQLite's 64-bit integers)."""

MAX_DECIMALS = 6
"""0.000001 mio. kr. is one krone: every export also writes each amount as an exact whole
number of kroner (``amount_kr``), so a seventh decimal (a fraction of a krone) could not be
exported, and is a transcription error anyway."""

MAX_TEXT = 100_000
"""Characters in one text field or list item."""

MAX_ID = 80
"""Characters in an activity id (one word, like welcome-house)."""

APPENDIX = range(1, 1000)
"""A department's appendix number ("Bilag 1"): a small whole number, never one that
overflows a database integer."""

YEARS = range(1900, 2201)
"""A period's plausible years."""

MAX_NODES = 4_000_000
"""Values (scalars, lists, mappings) the YAML parser may build for one file; a real data
file of 64 MiB holds about 3.4 million (one per 20 bytes)."""

BYTES_PER_NODE = 8
"""...and at most one value per this many bytes of the file (a small file may always hold
:data:`MIN_NODES`): a flow list of 8 MB (``[0,0,0,...]``) would otherwise build 4 million
nodes and take 1.5 GB."""

MIN_NODES = 10_000

MAX_SHEET_COLUMNS = 200
"""Columns read from a workbook's sheet; an export writes fewer than 60."""

MAX_SHEET_ROWS = 500_000
"""Rows read from a workbook's sheet (more than any data file of 64 MiB holds)."""

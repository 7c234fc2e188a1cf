"""A parse cache, as beancount keeps one: the validated plain form, marshalled.

Parsing YAML is by far the slowest thing budgetcli does. The cache entry for a data file is
named after the file's absolute path and holds a key: the path, the file's size,
modification time and a CRC-32 of its content, budgetcli's version and the modification
times of the modules that parse and check data. An entry is used only when every part
matches. A missing, stale, truncated or corrupt entry is ignored and rewritten; the data
file itself is never written.

Why CRC-32 and not SHA-256: the content check guards against edits that keep size and mtime,
not against an adversary (whoever can write the user's cache can run code as the user anyway),
and hashlib's OpenSSL binding costs about 3 ms of every command's start-up; zlib's is nearly free.
"""

from __future__ import annotations

import marshal
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcli import __version__

if TYPE_CHECKING:
    from budgetcli.validate import Plain

_FORMAT = 1


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "budgetcli"


def _entry(path: Path) -> Path:
    name = zlib.crc32(str(path.absolute()).encode("utf-8", "surrogateescape"))
    return cache_dir() / f"{name:08x}.marshal"


# The modules whose code decides the cached plain form: an edit to any of them (in a source
# checkout, where the version does not change) must not be answered from an old entry.
_CODE = ("yamlread.py", "validate.py", "folding.py")


def _code_stamp() -> tuple[int, ...]:
    here = Path(__file__).parent
    return tuple(
        stat.st_mtime_ns + stat.st_size for stat in (here.joinpath(n).stat() for n in _CODE)
    )


def _key(path: Path, data: bytes) -> tuple[Any, ...]:
    stat = path.stat()
    return (
        _FORMAT,
        __version__,
        _code_stamp(),
        str(path.absolute()),
        len(data),
        stat.st_mtime_ns,
        zlib.crc32(data),
    )


def lookup(path: Path, data: bytes) -> Plain | None:
    """The cached plain form of ``data``, or None on any miss or damage."""
    try:
        raw = _entry(path).read_bytes()
        key, plain = marshal.loads(raw)
        if key != _key(path, data) or not isinstance(plain, dict):
            return None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return plain


def store(path: Path, data: bytes, plain: Plain) -> None:
    """Best effort: a cache that cannot be written only costs speed, never correctness."""
    import tempfile  # only on a miss: it pulls in random, which every hit would pay for

    try:
        directory = cache_dir()
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        payload = marshal.dumps((_key(path, data), plain))
        # Write then rename, so a reader never sees half an entry.
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            Path(tmp).replace(_entry(path))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return

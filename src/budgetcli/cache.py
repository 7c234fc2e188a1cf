"""A parse cache, as beancount keeps one: the validated plain form, marshalled.

Parsing YAML is by far the slowest thing budgetcli does. The cache entry for a data file is
keyed by the file's absolute path (which names the entry) and validated against the file's
size, modification time, SHA-256 of its content and budgetcli's version: an entry is used
only when every one matches. A missing, stale, truncated or corrupt entry is ignored and
rewritten; the data file itself is never written.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import tempfile
from pathlib import Path
from typing import Any

from budgetcli import __version__
from budgetcli.validate import Plain

_FORMAT = 1


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "budgetcli"


def _entry(path: Path) -> Path:
    name = hashlib.sha256(str(path.absolute()).encode("utf-8", "surrogateescape")).hexdigest()
    return cache_dir() / f"{name[:32]}.marshal"


def _key(path: Path, data: bytes) -> tuple[Any, ...]:
    stat = path.stat()
    digest = hashlib.sha256(data).hexdigest()
    return (_FORMAT, __version__, str(path.absolute()), len(data), stat.st_mtime_ns, digest)


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

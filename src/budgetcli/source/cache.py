"""A parse cache, as beancount keeps one: the checked dataset, packed and marshalled.

Parsing YAML is by far the slowest thing budgetcli does. The cache entry for a data file is
named after the file's absolute path and holds a key: the path, the file's size,
modification time and a CRC-32 of its content, budgetcli's version and the modification
times of the modules that parse, check and pack data. An entry is used only when every part
matches. A missing, stale, truncated or corrupt entry is ignored and rewritten; the data
file itself is never written. The payload is :mod:`budgetcli.source.packed`'s columnar form, which
builds the dataset several times faster than the nested plain form would.

Trust: a cache entry decides what budgetcli reports, so it is read only from a directory that
the current user owns and nobody else can write (created 0700), and only if the user owns the
entry too. Anything else (a shared or world-writable directory, a planted file, a relative
``XDG_CACHE_HOME``, which the XDG spec says to ignore, or no home directory at all) means
running without the cache, silently: the cache only ever costs or saves time.

Why CRC-32 and not SHA-256: the content check guards against edits that keep size and mtime,
not against an adversary (the ownership checks above keep other users out, and whoever can
write as the user can run code as the user anyway), and hashlib's OpenSSL binding costs about
3 ms of every command's start-up; zlib's is nearly free.

The entry itself is checked too: it starts with a BLAKE2b digest of the rest, checked before
a byte of it is unmarshalled, so an entry damaged or edited after it was written (a flipped
byte, ``46.4`` made ``96.4`` by hand) is a miss and rewritten, never an answer (marshal is
not meant for damaged input either). BLAKE2b from CPython's own ``_blake2`` module, which
loads in about 0.15 ms, not through hashlib, which would load OpenSSL too. The entry is
opened without blocking and without following a link, and used only if it is a regular file:
a fifo planted at its path is a miss, not a hang.
"""

from __future__ import annotations

import marshal
import os
import stat
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from budgetcli import __version__

if TYPE_CHECKING:
    from budgetcli.source.packed import Packed

_FORMAT = 3
DIGEST_SIZE = 16
"""Bytes of the BLAKE2b digest that opens every entry."""


def _digest(body: bytes) -> bytes:
    try:
        from _blake2 import blake2b  # CPython's own, without hashlib's OpenSSL start-up
    except ImportError:  # pragma: no cover - another Python
        from hashlib import blake2b
    return blake2b(body, digest_size=DIGEST_SIZE).digest()


def seal(body: bytes) -> bytes:
    """An entry: the digest of ``body``, then ``body``."""
    return _digest(body) + body


def unsealed(entry: bytes) -> bytes | None:
    """The body of a sealed entry, or None if the digest does not match it."""
    body = entry[DIGEST_SIZE:]
    return body if len(entry) > DIGEST_SIZE and _digest(body) == entry[:DIGEST_SIZE] else None


def cache_dir() -> Path | None:
    """Where entries live, or None where there is no usable place (no home directory)."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(base).is_absolute():
        # Unset, empty or relative: the XDG spec says to ignore a relative path.
        if os.environ.get("HOME") == "":
            return None  # Python would read an empty HOME as "/"
        try:
            home = Path.home()
        except RuntimeError:  # no HOME and no password entry for this user
            return None
        if not home.is_absolute():
            return None
        base = str(home / ".cache")
    return Path(base) / "budgetcli"


def _private(info: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    geteuid = getattr(os, "geteuid", None)  # POSIX only; elsewhere the OS guards the profile
    return geteuid is None or (info.st_uid == geteuid() and not info.st_mode & 0o022)


def _trusted_dir(*, create: bool) -> Path | None:
    directory = cache_dir()
    if directory is None:
        return None
    try:
        if create:
            directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = directory.stat()
    except OSError:
        return None
    return directory if stat.S_ISDIR(info.st_mode) and _private(info) else None


def _entry(directory: Path, path: Path) -> Path:
    name = zlib.crc32(str(path.absolute()).encode("utf-8", "surrogateescape"))
    return directory / f"{name:08x}.marshal"


# The modules whose code decides the cached form: an edit to any of them (in a source
# checkout, where the version does not change) must not be answered from an old entry.
_CODE = (
    "source/yamlread.py",
    "source/validate.py",
    "source/plain.py",
    "source/limits.py",
    "controls.py",
    "folding.py",
    "source/build.py",
    "model.py",
    "source/packed.py",
    "i18n.py",  # the words of a problem only, but validate.py names them
)
"""Paths from the package's folder."""


def _code_stamp() -> tuple[int, ...]:
    here = Path(__file__).parents[1]
    return tuple(
        info.st_mtime_ns + info.st_size for info in (here.joinpath(n).stat() for n in _CODE)
    )


def _key(path: Path, size: int, crc: int) -> tuple[Any, ...]:
    info = path.stat()
    return (
        _FORMAT,
        __version__,
        _code_stamp(),
        str(path.absolute()),
        size,
        info.st_mtime_ns,
        crc,
    )


def _file_crc(path: Path) -> tuple[int, int]:
    """The size and CRC-32 of the file at ``path``, read in chunks: a hit needs only these,
    and reading a large file into one bytes object would cost more than the check itself."""
    crc = size = 0
    # Without blocking: the file may have been replaced by a fifo since the loader looked.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            # Replaced by a stream since the loader looked: reading it here would use it up.
            raise OSError("not a regular file")
        buffer = bytearray(min(info.st_size + 1, 1 << 20))
        view = memoryview(buffer)
        while count := handle.readinto(buffer):
            crc = zlib.crc32(view[:count], crc)
            size += count
    return size, crc


def lookup(path: Path) -> Packed | None:
    """The cached packed dataset of the file at ``path``, or None on any miss, damage or
    doubt."""
    directory = _trusted_dir(create=False)
    if directory is None:
        return None
    try:
        raw = _read_entry(_entry(directory, path))
        body = unsealed(raw) if raw is not None else None
        if body is None:
            return None
        key, packed = marshal.loads(body)
        if key != _key(path, *_file_crc(path)) or not isinstance(packed, tuple):
            return None
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return packed


def _read_entry(entry: Path) -> bytes | None:
    """The entry's bytes, if it is a regular file of this user's that nobody else can
    write; None otherwise, without ever waiting (a fifo at its path) or following a link."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(entry, flags | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or not _private(info):
            return None
        return handle.read()


def store(path: Path, data: bytes, packed: Packed) -> None:
    """Best effort: a cache that cannot be written only costs speed, never correctness."""
    import tempfile  # only on a miss: it pulls in random, which every hit would pay for

    directory = _trusted_dir(create=True)
    if directory is None:
        return
    try:
        payload = seal(marshal.dumps((_key(path, len(data), zlib.crc32(data)), packed)))
        # Write then rename, so a reader never sees half an entry (mkstemp makes it 0600).
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
            Path(tmp).replace(_entry(directory, path))
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return

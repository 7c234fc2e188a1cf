"""Writing files without losing what was there: whole or not at all.

Content goes to a temporary file in the target's own directory, is flushed to disk, and
only then renamed over the target (``os.replace`` is atomic on POSIX): a full disk, a crash
or Ctrl-C leaves the previous file as it was, and the temporary file is removed. The new
file keeps the old one's permissions. A symlink is written through to its target (the link
stays a link); special files (a fifo, ``/dev/stdout``, a terminal) are written in place,
since they cannot be replaced.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from budgetcli.errors import OutputError


def write_atomic(path: Path, data: bytes) -> None:
    def fill(temporary: Path) -> None:
        with temporary.open("wb") as handle:
            handle.write(data)

    try:
        if path.is_dir():
            raise OutputError(f"cannot write {path}: it is a directory; name a file")
        if _is_special(path):
            with path.open("wb") as handle:
                handle.write(data)
            return
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    replace_with(path, fill)


def _is_special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def replace_with(path: Path, build: Callable[[Path], None]) -> None:
    """Let ``build`` write a temporary file beside ``path``, then move it onto ``path``.

    Beside, not in the system's temp directory: a rename is only atomic within one file
    system, and nothing is left behind in /tmp. Whatever stops ``build`` (an error, Ctrl-C,
    SIGTERM raised as an exception by the CLI) removes the temporary file; only SIGKILL or
    a power cut can leave one, named ``.NAME.*.tmp`` beside the untouched target.
    """
    import tempfile

    try:
        # Looking at the path may fail too (a directory that cannot be entered).
        if path.is_dir():
            raise OutputError(f"cannot write {path}: it is a directory; name a file")
        target = path.resolve() if path.is_symlink() else path
        special = _is_special(target)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    if special:
        # A device or fifo cannot be replaced by a file (and /dev must never get one).
        raise OutputError(f"cannot write {path}: it is not a regular file")
    directory = target.parent
    temporary: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".tmp")
        temporary = Path(name)
        os.close(fd)
        build(temporary)
        _sync(temporary)
        _keep_mode(target, temporary)
        temporary.replace(target)
        temporary = None
        _sync_directory(directory)
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX: the directory entry lives in the directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # pragma: no cover - a directory we can write but not open
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems cannot sync a directory
        pass
    finally:
        os.close(fd)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _keep_mode(target: Path, temporary: Path) -> None:
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        # A new file: what a plain open() would have made (0666 less the umask).
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    temporary.chmod(mode)


def refuse_input(output: Path, data: Path) -> None:
    """An output must never replace the data file being read (through any link or alias)."""
    try:
        same = output.exists() and output.samefile(data)
    except OSError:
        same = False
    if same:
        raise OutputError(
            f"refusing to write {output}: it is the data file being read ({data}); "
            "choose another output file"
        )

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
from collections.abc import Callable, Iterable
from pathlib import Path

from budgetcli.errors import OutputError

STDIO = "-"
"""As a file name: standard input for ``--data``, standard output for ``-o`` (cat, jq)."""


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
        target = resolve_target(path) if path.is_symlink() else path
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


def resolve_target(path: Path) -> Path:
    """The file ``path`` names, through any symlinks; OutputError for a link loop (which
    Python 3.11's ``Path.resolve`` raises as RuntimeError, not OSError)."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        raise OutputError(
            f"cannot write {path}: it is a symbolic link that leads back to itself (a loop)"
        ) from None


def _same(one: Path, other: Path) -> bool:
    """Whether two paths name one file: by their resolved names, or for files that exist,
    by device and inode (a hard link, a bind mount)."""
    try:
        if one.resolve() == other.resolve():
            return True
        return one.exists() and other.exists() and one.samefile(other)
    except (OSError, RuntimeError):
        return False


def refuse_input(output: Path, data: Path) -> None:
    """An output must never replace the data file being read (through any link or alias);
    a folder export must not write into the folder that holds it (the data may be one of
    the files the export writes, a package's datapackage.json)."""
    if _same(output, data):
        raise OutputError(
            f"refusing to write {output}: it is the data file being read ({data}); "
            "choose another output file"
        )
    try:
        holds = output.is_dir() and _same(output, data.parent)
    except OSError:
        holds = False
    if holds:
        raise OutputError(
            f"refusing to write into {output}: it holds the data file being read ({data}); "
            "choose another folder"
        )


def refuse_same(output: Path, taken: Iterable[Path], taken_by: str) -> None:
    """Two outputs of one command must be two files: ``output`` would replace what the
    command writes to ``taken`` (``taken_by`` says what that is)."""
    if any(_same(output, other) for other in taken):
        raise OutputError(f"refusing to write {output}: it is {taken_by}; name another file")


def refuse_foreign(directory: Path, names: Iterable[str]) -> None:
    """A folder export replaces only the files it wrote: OutputError naming the first of
    ``names`` already in ``directory`` (the caller has found no sign that budgetcli wrote
    them; ``--force`` skips this)."""
    for name in names:
        existing = directory / name
        try:
            found = existing.exists() or existing.is_symlink()
        except OSError:
            found = False
        if found:
            raise OutputError(
                f"refusing to replace {existing}: budgetcli did not write it; choose another "
                "folder, or add --force"
            )

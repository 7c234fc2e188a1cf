"""Writing files without losing what was there: whole or not at all.

Content goes to a temporary file in the target's own directory, is flushed to disk, and
only then renamed over the target (``os.replace`` is atomic on POSIX): a full disk, a crash
or Ctrl-C leaves the previous file as it was, and the temporary file is removed. The new
file keeps the old one's permissions. A symlink is written through to its target (the link
stays a link).

A stream (a fifo, a pipe such as ``/dev/stdout`` or ``>(gzip > x.gz)``, a terminal, a
character device such as /dev/null) cannot be replaced: it is written in place, as stdout
is, since that is what naming it asks for. It is opened without waiting: a fifo that no
program reads is given :data:`FIFO_WAIT` seconds to get a reader, then refused with one
line, never a hang. Anything else that is not a regular file (a block device, a socket) is
refused: writing a disk in place would destroy it.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from budgetcli.errors import OutputError
from budgetcli.i18n import Msg, Text, text

STDIO = "-"
"""As a file name: standard input for ``--data``, standard output for ``-o`` (cat, jq)."""

TEMPORARY = ".budgetcli-"
"""How the name of a file (or folder) being built beside its target starts: hidden, ours,
and short, so that any name legal for the target is legal for it too (the target's own
name in it would push a 242-255-byte name past the file system's 255)."""
FIFO_WAIT = 5.0
"""Seconds a fifo named as the output is given to get a reader before it is refused."""


def cannot_write(path: Path, error: BaseException) -> Text:
    """The one wording of a file that cannot be written, with the system's reason."""
    return text(Msg.err_write, path=path, reason=getattr(error, "strerror", None) or error)


def write_atomic(path: Path, data: bytes) -> None:
    def fill(temporary: Path) -> None:
        with temporary.open("wb") as handle:
            handle.write(data)

    if is_stream(path):
        try:
            _write_stream(path, data)
        except OSError as error:
            raise OutputError(cannot_write(path, error)) from None
        return
    replace_with(path, fill)  # which refuses a directory


def _is_special(path: Path) -> bool:
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)


def is_stream(path: Path) -> bool:
    """Whether ``path`` exists and is not a regular file or directory: something to be
    opened, if at all, without waiting (a fifo's open waits for the other end)."""
    try:
        mode = path.stat().st_mode
    except (OSError, RuntimeError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def _write_stream(path: Path, data: bytes) -> None:
    """``data`` written in place to a fifo, pipe or character device (see the module's
    documentation); OutputError for anything else, or a fifo nobody reads."""
    import time

    mode = path.stat().st_mode
    if not (stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        raise OutputError(text(Msg.err_write_special, path=path))
    # O_NONBLOCK: a fifo without a reader fails at once (ENXIO) instead of waiting for one.
    flags = os.O_WRONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    deadline = time.monotonic() + FIFO_WAIT
    while True:
        try:
            fd = os.open(path, flags)
            break
        except OSError as error:
            if error.errno != errno.ENXIO:
                raise
            if time.monotonic() >= deadline:
                raise OutputError(
                    text(Msg.err_fifo_unread, path=path, seconds=f"{FIFO_WAIT:g}")
                ) from None
            time.sleep(0.05)
    with os.fdopen(fd, "wb") as handle:
        # Open now: writes may wait for a slow reader, as they would on stdout.
        os.set_blocking(fd, True)
        handle.write(data)


def replace_with(path: Path, build: Callable[[Path], None]) -> None:
    """Let ``build`` write a temporary file beside ``path``, then move it onto ``path``.

    Beside, not in the system's temp directory: a rename is only atomic within one file
    system, and nothing is left behind in /tmp. Whatever stops ``build`` (an error, Ctrl-C,
    SIGTERM raised as an exception by the CLI) removes the temporary file; only SIGKILL or
    a power cut can leave one, named ``.budgetcli-*.tmp`` beside the untouched target.
    """
    import tempfile

    try:
        # Looking at the path may fail too (a directory that cannot be entered).
        if path.is_dir():
            raise OutputError(text(Msg.err_write_directory, path=path))
        target = resolve_target(path) if path.is_symlink() else path
        # The path as followed by the system too: a link to /dev/stdout resolves, by name,
        # to /proc/self/fd/pipe:[N], which does not exist.
        special = _is_special(path) or _is_special(target)
    except OSError as error:
        raise OutputError(cannot_write(path, error)) from None
    if special:
        # A device or fifo cannot be replaced by a file (and /dev must never get one).
        raise OutputError(text(Msg.err_write_not_a_file, path=path))
    directory = target.parent
    temporary: Path | None = None
    try:
        fd, name = tempfile.mkstemp(dir=directory, prefix=TEMPORARY, suffix=".tmp")
        temporary = Path(name)
        os.close(fd)
        build(temporary)
        _sync(temporary)
        _keep_mode(target, temporary)
        temporary.replace(target)
        temporary = None
        _sync_directory(directory)
    except OSError as error:
        raise OutputError(cannot_write(path, error)) from None
    finally:
        if temporary is not None:
            temporary.unlink(missing_ok=True)


@contextmanager
def scratch_beside(target: Path) -> Iterator[None]:
    """While the block runs, the temporary files a library makes through :mod:`tempfile`
    (openpyxl streams each sheet of a write-only workbook through one) go to a private
    hidden folder beside ``target`` (``.budgetcli-*.tmp``), not to ``$TMPDIR``: nothing is
    written outside the target's folder, and the folder and all in it are removed after,
    whatever ends the block (an error, Ctrl-C, SIGTERM; only SIGKILL or a power cut leaves
    it, beside the target, as it would the temporary file). It sets ``tempfile.tempdir``
    for the block: one command at a time, as the CLI runs them."""
    import shutil
    import tempfile

    try:
        scratch = tempfile.mkdtemp(prefix=TEMPORARY, suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise OutputError(cannot_write(target, error)) from None
    saved = tempfile.tempdir
    tempfile.tempdir = scratch
    try:
        yield
    finally:
        tempfile.tempdir = saved
        shutil.rmtree(scratch, ignore_errors=True)


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
        raise OutputError(text(Msg.err_write_loop, path=path)) from None


def same_file(one: Path, other: Path) -> bool:
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
    if same_file(output, data):
        raise OutputError(text(Msg.err_input_as_output, output=output, data=data))
    try:
        holds = output.is_dir() and _holds(output, data)
    except OSError:
        holds = False
    if holds:
        raise OutputError(text(Msg.err_input_in_folder, output=output, data=data))


def _holds(directory: Path, data: Path) -> bool:
    """Whether ``directory`` holds the file ``data``: by the folder ``data`` is named in,
    the folder it resolves to (a symlink into ``directory``), or, for a hard link, by a
    file of ``directory`` that is the same inode."""
    if same_file(directory, data.parent):
        return True
    try:
        if same_file(directory, data.resolve().parent):
            return True
        found = data.stat()
    except (OSError, RuntimeError):
        return False
    with os.scandir(directory) as entries:
        return any(
            entry.inode() == found.st_ino
            and entry.is_file(follow_symlinks=False)
            and entry.stat(follow_symlinks=False).st_dev == found.st_dev
            for entry in entries
        )


def refuse_same(output: Path, taken: Iterable[Path], taken_by: Text) -> None:
    """Two outputs of one command must be two files: ``output`` would replace what the
    command writes to ``taken`` (``taken_by`` says what that is)."""
    if any(same_file(output, other) for other in taken):
        raise OutputError(text(Msg.err_output_taken, output=output, taken_by=taken_by))


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
            raise OutputError(text(Msg.err_not_ours, path=existing))

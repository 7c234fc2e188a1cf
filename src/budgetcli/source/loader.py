"""Find, read and check a data file; return the model or raise one DatasetError.

The hot path, with the collector paused: find the cache entry, check it against the file
(path, size, mtime, CRC-32 of the content), and build the model from its packed columns
(:mod:`budgetcli.source.packed`). YAML is imported only on a cache miss (see
:mod:`budgetcli.source.cache`), which parses, checks, builds and writes the entry for next time.
"""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from budgetcli.errors import DatasetError, Problem
from budgetcli.files import STDIO
from budgetcli.i18n import Msg, Text, text
from budgetcli.model import Dataset
from budgetcli.source import cache
from budgetcli.source.build import build_dataset
from budgetcli.source.limits import MAX_BYTES

if TYPE_CHECKING:
    from budgetcli.source.plain import Plain


def bundled_data_path() -> Path:
    """The dataset shipped with budgetcli: package data in a wheel, ``data/`` in a checkout."""
    # Installed from a wheel, the package is a directory on disk and the file sits in it; a
    # plain path costs nothing at start-up, where importlib.resources costs about 4 ms.
    package = Path(__file__).parents[1]  # budgetcli/, this module's package's parent
    packaged = package / "data" / "activities.yaml"
    if packaged.is_file():
        return packaged
    # Running from a source checkout (an editable install): the file sits at the repo root.
    checkout = package.resolve().parents[1] / "data" / "activities.yaml"
    if checkout.is_file():
        return checkout
    return _from_resources()  # pragma: no cover - a zipped install


def _from_resources() -> Path:  # pragma: no cover - a zipped install
    import atexit
    from contextlib import ExitStack
    from importlib.resources import as_file, files

    stack = ExitStack()
    atexit.register(stack.close)
    return stack.enter_context(as_file(files("budgetcli") / "data" / "activities.yaml"))


def resolve_data_path(option: Path | None) -> Path:
    """The file to read: the one named (``--data`` or BUDGETCLI_DATA; ``-`` is standard
    input, as for cat and jq), else the bundled one."""
    if option is not None and str(option) == STDIO:
        return Path("/dev/stdin")
    return option if option is not None else bundled_data_path()


def load(path: Path, *, use_cache: bool = True) -> Dataset:
    """The dataset in ``path``; DatasetError lists every problem found."""
    return read(path, use_cache=use_cache)[0]


def read(path: Path, *, use_cache: bool = True) -> tuple[Dataset, bytes | None]:
    """The dataset in ``path``, and the bytes it was parsed from (None on a cache hit,
    where the file was only checked, not kept).

    A stream (a pipe, ``/dev/stdin``, ``<(...)``, a fifo) can be read only once: it is
    never looked up in or stored to the cache, and its bytes are the ones parsed. A
    regular file's size is checked before a byte of it is read or hashed.
    """
    # Loading allocates a few objects per amount and per field, none of them cyclic garbage;
    # with the collector running, half the time of a large load went to collections that
    # found nothing. Pause it, and afterwards freeze what was built, so later collections
    # never walk the dataset again.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(path, use_cache and _regular(path))
    finally:
        if enabled:
            gc.freeze()
            gc.enable()


def _load(path: Path, use_cache: bool) -> tuple[Dataset, bytes | None]:
    from budgetcli.source import packed

    if use_cache:
        # A hit reads the data file only to check its CRC; read_bytes below, with its
        # messages for a missing or unreadable file, runs on a miss.
        hit = cache.lookup(path)
        if hit is not None:
            try:
                return packed.unpack(hit), None
            except (ValueError, TypeError, IndexError, KeyError):
                pass  # a damaged entry: parse afresh and rewrite it
    data = read_bytes(path)
    dataset = build_dataset(parse_and_check(path, data))
    if use_cache:
        cache.store(path, data, packed.pack(dataset))
    return dataset, data


def failure(path: Path, message: Text, *, line: int | None = None, where: str = "") -> DatasetError:
    """The error of one problem with the file at ``path``."""
    return DatasetError([Problem(path, line, where, message)])


def _regular(path: Path) -> bool:
    """Whether ``path`` is a regular file of an acceptable size (so it may be cached);
    False for a stream or anything unreadable, which read_bytes then reports."""
    import stat

    try:
        info = path.stat()
    except (OSError, RuntimeError):
        return False
    if stat.S_ISREG(info.st_mode) and info.st_size > MAX_BYTES:
        raise _too_large(path)
    return stat.S_ISREG(info.st_mode)


def _too_large(path: Path) -> DatasetError:
    return failure(path, text(Msg.data_too_large, mib=MAX_BYTES // 2**20))


def read_bytes(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise failure(path, text(Msg.data_is_directory))
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise failure(path, text(Msg.data_no_file)) from None
    except PermissionError:
        raise failure(path, text(Msg.data_permission)) from None
    except OSError as error:
        raise failure(path, text(Msg.data_cannot_read, reason=error.strerror or error)) from None
    if len(data) > MAX_BYTES:
        raise _too_large(path)
    return data


def parse_and_check(path: Path, data: bytes) -> Plain:
    """YAML text to the validated plain form; DatasetError with every problem located."""
    from budgetcli import progress
    from budgetcli.source import yamlread
    from budgetcli.source.validate import validate

    if b"\x00" in data[:8192]:
        raise failure(path, text(Msg.data_binary))
    try:
        content = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise failure(path, text(Msg.data_not_utf8), line=line) from None
    if not content.strip():
        raise failure(path, text(Msg.data_empty))
    # A cold parse of a big file takes many seconds (the cache makes later runs fast): show
    # a spinner meanwhile, on a terminal only.
    long = progress.expected_long(len(data), progress.PARSE_BYTES_PER_SECOND)
    size = f"{len(data) / 1e6:.0f}"
    with progress.progress(text(Msg.reading_file, name=path.name, mb=size), long=long):
        try:
            document = yamlread.parse(content)
        except yamlread.YamlSyntaxError as error:
            raise failure(path, error.message, line=error.line) from None
        plain, problems = validate(document)
    if problems:
        lines = yamlread.locate(content, [field for field, _ in problems])
        raise DatasetError(
            [
                Problem(path, line, _field_name(field), message)
                for (field, message), line in zip(problems, lines, strict=True)
            ]
        )
    assert plain is not None
    return plain


def _field_name(path: tuple[str | int, ...]) -> str:
    from budgetcli.controls import named

    name = ""
    for step in path:
        name += f"[{step}]" if isinstance(step, int) else (f".{step}" if name else step)
    # A key is the file's text too: shown, never obeyed, by the terminal ("\x1b" as <U+001B>).
    return named(name)

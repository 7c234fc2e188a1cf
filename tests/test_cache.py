"""The parse cache is used only when it matches the file exactly, and never trusted blindly."""

from __future__ import annotations

import marshal
import os
import pwd
import zlib
from pathlib import Path
from typing import Any

import pytest

from budgetcli.model import Dataset
from budgetcli.source import cache, packed
from budgetcli.source.loader import load
from tests.conftest import GOOD, run

as_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown to another user needs root"
)
OTHER_UID = 54321


def _dir() -> Path:
    directory = cache.cache_dir()
    assert directory is not None
    return directory


def _entries() -> list[Path]:
    return sorted(_dir().glob("*.marshal"))


def _renamed(dataset: Dataset, name: str) -> Dataset:
    first, *rest = dataset.activities
    return dataset._replace(activities=(first._replace(name=name), *rest))


def _plant(data_file: Path, payload: Any) -> Path:
    """Write ``payload`` as the entry for ``data_file``, under the right key."""
    [entry] = _entries()
    data = data_file.read_bytes()
    key = cache._key(data_file, len(data), zlib.crc32(data))
    entry.write_bytes(cache.seal(marshal.dumps((key, payload))))
    return entry


def test_first_load_writes_a_private_cache(data_file: Path) -> None:
    load(data_file)
    [entry] = _entries()
    assert entry.stat().st_size > 0
    assert entry.stat().st_mode & 0o077 == 0
    assert _dir().stat().st_mode & 0o077 == 0


def test_a_hit_gives_the_same_dataset(data_file: Path) -> None:
    fresh = load(data_file)
    cached = load(data_file)
    assert cached == fresh
    # repr shows each Decimal's digits: 0.090 must come back as 0.090, not 0.09.
    assert repr(cached) == repr(fresh)
    assert cache.lookup(data_file) is not None


def test_an_edited_file_is_never_answered_from_the_old_cache(data_file: Path) -> None:
    assert run("total", "--data", str(data_file), "-y", "2018", "-f", "json").exit_code == 0
    stat = data_file.stat()
    # Same size and same mtime: only the content hash tells the two apart.
    data_file.write_text(GOOD.replace("2018: 1.5", "2018: 2.5"), encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = run("total", "--data", str(data_file), "-y", "2018", "-f", "json")
    assert '"amount": 2.5' in result.stdout


def test_a_truncated_or_corrupt_cache_is_ignored_and_rewritten(data_file: Path) -> None:
    load(data_file)
    [entry] = _entries()
    good = entry.read_bytes()
    for damage in (good[: len(good) // 2], b"", b"\x00garbage", b"\xe9" * 40):
        entry.write_bytes(damage)
        assert load(data_file).activities[0].id == "a"
        assert entry.read_bytes() == good


def test_a_cache_of_another_shape_is_ignored_and_rewritten(data_file: Path) -> None:
    fresh = load(data_file)
    [entry] = _entries()
    good = entry.read_bytes()
    whole = packed.pack(fresh)
    # The right key over a payload that is not a packed dataset, or a damaged one.
    payloads: tuple[Any, ...] = (
        ["not", "a", "tuple"],
        {"activities": []},  # the plain form the first cache format stored
        ((packed.LAYOUT[0] + 1, *packed.LAYOUT[1:]), *whole[1:]),
        (packed.LAYOUT[:1], *whole[1:]),  # written on a machine of another byte order
        (*whole[:8], whole[8][:-4], *whole[9:]),  # one year cell short
        (*whole[:5], whole[5][:-1], *whole[6:]),  # a column missing
        whole[:-1],
    )
    for payload in payloads:
        _plant(data_file, payload)
        assert load(data_file) == fresh
        assert entry.read_bytes() == good


def test_an_entry_of_another_version_is_stale(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load(data_file)
    _plant(data_file, packed.pack(_renamed(load(data_file), "from the cache")))
    assert load(data_file).activities[0].name == "from the cache"
    monkeypatch.setattr(cache, "__version__", "0.0.0-other")
    assert cache.lookup(data_file) is None
    assert load(data_file).activities[0].name == "A"


def test_no_cache_option_and_env(data_file: Path) -> None:
    assert run("list", "--data", str(data_file), "--no-cache").exit_code == 0
    assert _entries() == []
    result = run("list", "--data", str(data_file), env={"BUDGETCLI_NO_CACHE": "1"})
    assert result.exit_code == 0
    assert _entries() == []


def test_an_unwritable_cache_costs_only_speed(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert load(data_file).activities[0].id == "a"


def test_home_cache_when_xdg_is_unset(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / ".cache" / "budgetcli"


def test_a_relative_xdg_cache_home_is_ignored(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # The XDG spec: a relative path in XDG_CACHE_HOME is invalid and must be ignored.
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for relative in ("cache", "./cache", "rel/cache"):
        monkeypatch.setenv("XDG_CACHE_HOME", relative)
        assert cache.cache_dir() == tmp_path / "home" / ".cache" / "budgetcli"
    load(data_file)
    assert list(work.iterdir()) == []
    assert len(list((tmp_path / "home" / ".cache" / "budgetcli").glob("*.marshal"))) == 1


def test_no_home_directory_runs_without_the_cache(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def no_such_user(uid: int) -> pwd.struct_passwd:
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.delenv("HOME", raising=False)
    monkeypatch.setattr(pwd, "getpwuid", no_such_user)
    with pytest.raises(RuntimeError):
        Path.home()  # the situation itself, as Python reports it
    assert cache.cache_dir() is None
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.rglob("*"))
    assert load(data_file).activities[0].id == "a"
    result = run("total", "--data", str(data_file), "-y", "2018", "-f", "json")
    assert result.exit_code == 0
    assert '"amount": 1.5' in result.stdout
    assert sorted(tmp_path.rglob("*")) == before  # nothing written anywhere


def test_an_empty_home_runs_without_the_cache(
    data_file: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "")
    monkeypatch.chdir(tmp_path)
    assert cache.cache_dir() is None
    assert load(data_file).activities[0].id == "a"
    assert not (tmp_path / ".cache").exists()


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o702, 0o720])
def test_a_directory_others_can_write_is_not_used(data_file: Path, mode: int) -> None:
    load(data_file)
    entry = _plant(data_file, packed.pack(_renamed(load(data_file), "planted")))
    planted = entry.read_bytes()
    _dir().chmod(mode)
    assert load(data_file).activities[0].name == "A"
    assert entry.read_bytes() == planted  # not rewritten either: the directory is not ours
    assert cache.lookup(data_file) is None


@as_root
def test_a_directory_of_another_user_is_not_used(data_file: Path) -> None:
    load(data_file)
    _plant(data_file, packed.pack(_renamed(load(data_file), "planted")))
    os.chown(_dir(), OTHER_UID, -1)
    assert load(data_file).activities[0].name == "A"


@as_root
def test_an_entry_of_another_user_is_not_used_and_is_replaced(data_file: Path) -> None:
    load(data_file)
    entry = _plant(data_file, packed.pack(_renamed(load(data_file), "planted")))
    os.chown(entry, OTHER_UID, -1)
    assert load(data_file).activities[0].name == "A"
    assert entry.stat().st_uid == os.geteuid()
    assert load(data_file).activities[0].name == "A"


def test_an_entry_others_can_write_is_not_used(data_file: Path) -> None:
    load(data_file)
    entry = _plant(data_file, packed.pack(_renamed(load(data_file), "planted")))
    entry.chmod(0o666)
    assert load(data_file).activities[0].name == "A"


def test_a_new_cache_directory_is_private(data_file: Path) -> None:
    old = os.umask(0)
    try:
        load(data_file)
    finally:
        os.umask(old)
    assert _dir().stat().st_mode & 0o777 == 0o700
    [entry] = _entries()
    assert entry.stat().st_mode & 0o777 == 0o600


def test_a_hit_is_answered_from_the_cache(data_file: Path) -> None:
    load(data_file)
    _plant(data_file, packed.pack(_renamed(load(data_file), "from the cache")))
    assert load(data_file).activities[0].name == "from the cache"
    assert load(data_file, use_cache=False).activities[0].name == "A"


def test_changed_parsing_code_misses(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(data_file)
    assert cache.lookup(data_file) is not None
    # As after an edit to validate.py in a checkout, where the version stays the same.
    monkeypatch.setattr(cache, "_code_stamp", lambda: (0, 0))
    assert cache.lookup(data_file) is None


def test_a_hit_checks_the_file_read_in_chunks(data_file: Path, tmp_path: Path) -> None:
    load(data_file)
    assert cache.lookup(data_file) is not None
    big = tmp_path / "big.bin"
    content = os.urandom(2 * 2**20 + 12345)  # more than two chunks, the last one partial
    big.write_bytes(content)
    assert cache._file_crc(big) == (len(content), zlib.crc32(content))


# --- issue 32, item 7: the entry is checked, and never waited for --------------------------


def test_an_entry_edited_by_hand_is_never_believed(tmp_path: Path) -> None:
    from budgetcli.source.loader import bundled_data_path

    data = tmp_path / "activities.yaml"
    data.write_bytes(bundled_data_path().read_bytes())
    args = ("total", "--year", "2020", "--data", str(data), "-f", "json")
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    [entry] = _entries()
    raw = entry.read_bytes()
    assert raw.count(b"46.4") == 1  # ny-i-koebenhavn, 2020
    entry.write_bytes(raw.replace(b"46.4", b"96.4"))
    for _ in range(2):
        again = run(*args)
        assert (again.exit_code, again.stdout) == (0, first.stdout)
        assert entry.read_bytes() == raw  # rewritten from the data file


def test_every_single_byte_flip_in_an_entry_is_a_miss(data_file: Path) -> None:
    fresh = load(data_file)
    [entry] = _entries()
    good = entry.read_bytes()
    for index in range(0, len(good), max(1, len(good) // 97)):
        flipped = bytearray(good)
        flipped[index] ^= 0x20
        assert cache.unsealed(bytes(flipped)) is None
        entry.write_bytes(bytes(flipped))
        assert cache.lookup(data_file) is None
    entry.write_bytes(good)
    assert cache.lookup(data_file) is not None and load(data_file) == fresh


@pytest.mark.slow
def test_a_fifo_at_the_entry_path_is_a_miss_not_a_hang(data_file: Path) -> None:
    import subprocess
    import sys

    load(data_file)
    [entry] = _entries()
    entry.unlink()
    os.mkfifo(entry)
    command = [sys.executable, "-m", "budgetcli", "total", "--data", str(data_file)]
    env = {**os.environ, "XDG_CACHE_HOME": str(_dir().parent)}
    # Nobody ever writes to the fifo: opening it to read would wait forever.
    answer = subprocess.run(command, capture_output=True, env=env, timeout=30, check=False)
    assert answer.returncode == 0, answer.stderr
    assert b"Total" in answer.stdout
    assert entry.is_file()  # replaced by a real entry

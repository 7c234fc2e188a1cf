"""The fast path (a command line answered without typer) against the typer app: for every
command line, either the fast path leaves it to typer, or both print the same stdout and
stderr and exit with the same status. Command lines are drawn from the declarations
themselves (cli/grammar.py), with good and bad values, in every spelling click accepts."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import typer
from hypothesis import event, given, settings
from hypothesis import strategies as st
from typer._click import exceptions as click

from budgetcli import messages
from budgetcli.cli import fast
from budgetcli.cli.commands import app_for, typer_command
from budgetcli.cli.grammar import (
    COMMANDS,
    QUIET,
    REQUIRED,
    ROOT,
    Command,
    OptionGroup,
    Param,
    is_enum,
    positional,
)

Outcome = tuple[int, str, str]

# Values to try, per kind of parameter: good ones and ones typer refuses or reads oddly.
INTS = ["2020", "2019", "2022", "1999", "0", "1", "3", "7", "-2", " 2021", "+2020", "x", ""]
TEXTS = ["BUF", "suf", "børne", "flygtning", "Budget 2019", "Welcome", "-d", "", "zzz"]
WORDS_FOR = {
    "activity_id": ["welcome-house", "igu", "welc", "nosuch", "Welcome House"],
    "command": ["list", "total", "show", "nosuch"],
    "sort": ["2020", "-2020", "total", "-total", "name", "id", "change", "nosuch"],
    "fmt": ["json", "JSON", "ndjson", "jsonl", "csv", "tsv", "csv-da", "markdown", "table", "x"],
    "fields": ["key,total", "id,name,2020", "nosuch", ""],
    "by": ["department", "section", "activity", "funding", "year", "department,section", "x"],
}
DATA = str(Path(__file__).parents[1] / "data" / "activities.yaml")
# Mostly unset, as in most shells.
ENV_VALUES = {
    "BUDGETCLI_DATA": ["", "", "", DATA, "/nonexistent/activities.yaml"],
    "BUDGETCLI_LANG": ["", "", "", "", "da", "EN", "xx"],
    "BUDGETCLI_QUIET": ["", "", "", "", "1", "yes", "0", "off", "2"],
    "BUDGETCLI_NO_CACHE": ["", "", "", "", "true", "n", "maybe"],
}
ANSWERING = ("list", "show", "total", "compare", "expiring", "notes", "chart", "schema")


def _values(p: Param, tmp: Path) -> list[str]:
    if p.name in WORDS_FOR:
        return WORDS_FOR[p.name]
    if p.value is int:
        return INTS
    if is_enum(p.value):
        members = [m.value for m in p.value]  # type: ignore[attr-defined]
        return [*members, *(m.upper() for m in members), "nope"]
    if p.name == "output":
        return [str(tmp / "answer.md"), str(tmp / "answer.json"), str(tmp / "answer.txt")]
    if p.name == "data":
        return [str(tmp / "missing.yaml"), ""]
    return TEXTS


@st.composite
def command_lines(draw: st.DrawFn, tmp: Path) -> list[str]:
    name = draw(st.sampled_from(ANSWERING))
    params = COMMANDS[name].every_param()
    argv = [name]
    for p in positional(params):
        if draw(st.integers(0, 9)):  # now and then an argument left out
            argv.append(draw(st.sampled_from(_values(p, tmp))))
    options = [p for p in params if p.flags]
    for p in draw(st.lists(st.sampled_from(options), max_size=4)) if options else []:
        flag = draw(st.sampled_from(p.flags))
        if p.value is bool:
            argv.append(draw(st.sampled_from([flag, flag, f"{flag}=1"])))
            continue
        value = draw(st.sampled_from(_values(p, tmp)))
        form = draw(st.sampled_from(["apart", "apart", "equals", "joined"]))
        if form == "equals" and flag.startswith("--"):
            argv.append(f"{flag}={value}")
        elif form == "joined" and not flag.startswith("--"):
            argv.append(flag + value)
        else:
            argv += [flag, value]
    if draw(st.integers(0, 19)) == 0:
        argv.insert(draw(st.integers(1, len(argv))), draw(st.sampled_from(["--", "-x", "extra"])))
    return argv


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _fresh(tmp: Path) -> None:
    messages.quiet = False  # -q is process state, as in one process per run
    for written in tmp.glob("answer.*"):
        written.unlink()


def _both(
    argv: Sequence[str], capsys: pytest.CaptureFixture[str], tmp: Path
) -> tuple[Outcome | None, Outcome]:
    _fresh(tmp)
    code = fast.answer(argv)
    out, err = capsys.readouterr()
    quick = None if code is None else (code, out, err)
    if code is None:
        assert not out and not err, "a command line left to typer printed nothing first"
    _fresh(tmp)
    typer_code = app_for(list(argv))(list(argv), prog_name="budgetcli", standalone_mode=False)
    out, err = capsys.readouterr()
    return quick, (typer_code, out, err)


@settings(max_examples=300)
@given(data=st.data())
def test_the_fast_path_answers_as_typer_does(
    data: st.DataObject, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    argv = data.draw(command_lines(tmp_path))
    env = {key: data.draw(st.sampled_from(values)) for key, values in ENV_VALUES.items()}
    with _environment(env):
        quick, full = _both(argv, capsys, tmp_path)
    event("answered on the fast path" if quick else "left to typer")
    if quick is not None:
        assert quick == full, (argv, env)


PLAIN = [
    ["total", "--year", "2020", "--format", "json"],
    ["total", "-y", "2020", "-f", "csv", "--by", "department,section"],
    ["list", "-d", "BUF"],
    ["list", "--department=SUF", "--sort", "-2021", "--top", "3", "--lang", "da"],
    ["list", "-s", "flygtning", "--format", "ndjson", "--layout", "long"],
    ["show", "welcome-house"],
    ["show", "igu", "--format", "json", "--remarks"],
    ["compare", "2019", "2021", "--by", "activity", "-d", "BIF", "--percent"],
    ["expiring", "--summary", "--by", "department", "-f", "tsv"],
    ["notes", "--department", "SOF", "-q"],
    ["chart", "--by", "department", "--year", "2020", "--unit", "tkr"],
    ["schema", "total"],
    ["total", "--year", "1999"],
    ["show", "nosuch"],
]


@pytest.mark.parametrize("argv", PLAIN, ids=" ".join)
def test_a_plain_command_line_is_answered_on_the_fast_path_as_typer_answers_it(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quick, full = _both(argv, capsys, tmp_path)
    assert quick is not None, "left to typer"
    assert quick == full


WRITING = [
    ["export", "{tmp}/all.json"],
    ["export", "{tmp}/cells.csv", "-q"],
    ["export", "{tmp}/x.nosuch"],
    ["validate"],
    ["validate", DATA],
    ["validate", "{tmp}/missing.yaml"],
    ["report", "-o", "{tmp}/buf.html", "-d", "BUF", "--year", "2020", "--lang", "da"],
    ["report", "-o", "{tmp}/report.txt"],
    ["diff", DATA, DATA, "--format", "json"],
    ["diff", DATA, "{tmp}/missing.yaml"],
    ["import", "{tmp}/missing.xlsx", "-o", "{tmp}/next.yaml"],
    ["list", "-o", "{tmp}/list.md", "-d", "SUF"],
]


@pytest.mark.parametrize("argv", WRITING, ids=" ".join)
def test_a_command_that_writes_files_answers_alike_on_both_paths(
    argv: list[str], capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    filled = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    outcomes, files = [], []
    for path in ("fast", "typer"):
        messages.quiet = False
        for old in tmp_path.glob("*.*"):
            old.unlink()
        if path == "fast":
            code = fast.answer(filled)
            assert code is not None, "left to typer"
        else:
            code = app_for(filled)(filled, prog_name="budgetcli", standalone_mode=False)
        outcomes.append((code, *capsys.readouterr()))
        # A report states when it was made, to the minute: compared without it.
        files.append(
            {
                p.name: re.sub(rb"\d{4}-\d\d-\d\d \d\d:\d\d UTC", b"WHEN", p.read_bytes())
                for p in sorted(tmp_path.glob("*.*"))
            }
        )
    assert outcomes[0] == outcomes[1]
    assert files[0] == files[1]


@pytest.mark.parametrize(
    "argv",
    [
        ["total", "--help"],
        ["list", "-h", "-d", "BUF"],
        ["total", "--year", "x"],
        ["total", "--top", "0"],
        ["list", "-dBUF"],
        ["list", "--", "x"],
        ["list", "--nosuch"],
        ["show"],
        ["compare", "2019"],
        ["list", "--no-header=1"],
        ["list", "--format", "nope"],
        ["list", "--lang", "xx"],
        ["total", "--basis", "ACTUAL"],
        ["list", "--fields"],
        ["-q", "list"],
        ["nosuch"],
        [],
    ],
    ids=lambda argv: " ".join(argv) or "(nothing)",
)
def test_help_and_every_doubtful_command_line_are_left_to_typer(argv: list[str]) -> None:
    assert fast.answer(argv) is None


def test_a_json_answer_imports_neither_typer_nor_rich(tmp_path: Path) -> None:
    probe = (
        "import sys; from budgetcli.cli.script import main\n"
        "sys.argv = ['budgetcli', 'total', '--year', '2020', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in {'typer', 'rich', 'click'})\n"
        "print(code, heavy, file=sys.stderr)\n"
    )
    env: dict[str, Any] = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )
    assert done.stderr.strip().splitlines()[-1] == "0 []"
    assert '"amount": 111.037' in done.stdout


def _typer_parse(command: Command, argv: list[str]) -> dict[str, Any] | None:
    """The values typer hands ``command`` for ``argv``; None when typer refuses it."""
    seen: dict[str, Any] = {}

    def record(**values: Any) -> None:
        seen.update(values)

    app = typer.Typer(add_completion=False)
    app.callback()(lambda: None)  # a group, so that the command is named as on the CLI
    app.command(command.name)(typer_command(command._replace(run=record)))
    try:
        app([command.name, *argv], standalone_mode=False)
    except click.ClickException:
        return None
    return seen


def _grid() -> Iterator[tuple[str, list[str]]]:
    """Every option of every command, with every value of its pool, in every spelling."""
    tmp = Path("/nonexistent-budgetcli")
    for name, command in COMMANDS.items():
        params = command.every_param()
        needed = [_values(p, tmp)[0] for p in positional(params) if p.default is REQUIRED]
        yield name, needed
        for p in params:
            if not p.flags:
                continue
            for flag in p.flags:
                if p.value is bool:
                    yield name, [*needed, flag]
                    continue
                for value in _values(p, tmp):
                    yield name, [*needed, flag, value]
                    if flag.startswith("--"):
                        yield name, [*needed, f"{flag}={value}"]


GRID = list(_grid())


def test_every_option_value_and_spelling_is_read_as_typer_reads_it() -> None:
    answered = 0
    for name, argv in GRID:
        command = COMMANDS[name]
        try:
            quick = command.values(fast.parse(command.every_param(), argv))
        except fast.LeftToTyperError:
            continue
        answered += 1
        assert quick == _typer_parse(command, argv), (name, argv)
    assert answered > len(GRID) // 2


def test_an_existing_path_one_may_not_read_is_left_to_typer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    unreadable = tmp_path / "out.json"
    unreadable.write_text("{}")
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != unreadable)
    argv = ["total", "--year", "2020", "-f", "json", "-o", str(unreadable)]
    assert fast.answer(argv) is None
    assert _typer_parse(COMMANDS["total"], argv[1:]) is None  # typer refuses it too


@pytest.mark.parametrize("command", [*COMMANDS.values(), ROOT], ids=lambda c: c.name)
def test_each_declared_command_runs_a_function_taking_exactly_its_parameters(
    command: Command,
) -> None:
    # -q is the process's, set by Command.call for every command: none takes it.
    declared = [
        e.into if isinstance(e, OptionGroup) else e.name for e in command.params if e is not QUIET
    ]
    assert sorted(declared) == sorted(inspect.signature(command.run).parameters)


def test_on_windows_every_command_line_is_left_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    # typer expands wildcards in the arguments there; the fast path does not.
    assert fast.answer(["schema", "total"]) is not None
    monkeypatch.setattr(os, "name", "nt")
    assert fast.answer(["schema", "total"]) is None


def test_end_of_input_is_answered_as_typer_answers_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def ended(**values: Any) -> None:
        raise EOFError

    capsys.readouterr()
    outcomes = []
    for through in ("fast", "typer"):
        command = COMMANDS["schema"]._replace(run=ended)
        monkeypatch.setitem(COMMANDS, "schema", command)
        if through == "fast":
            code = fast.answer(["schema", "total"])
        else:
            from budgetcli.cli.boundary import BoundaryGroup

            app = typer.Typer(cls=BoundaryGroup, add_completion=False)
            app.callback()(lambda: None)
            app.command("schema")(typer_command(command))
            code = app(["schema", "total"], standalone_mode=False)
        outcomes.append((code, *capsys.readouterr()))
    assert outcomes[0] == outcomes[1] == (130, "", "\n")

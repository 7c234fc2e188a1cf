"""Start-up from the wheel, as users who installed budgetcli meet it (issue 23).

    uv run python -m benchmarks.startup                       # this checkout, 30 rounds
    uv run python -m benchmarks.startup --against f55f81e     # ... beside a revision: before/after
    uv run python -m benchmarks.startup --rounds 20 --check   # exit 1 if this checkout misses

Each source tree (this checkout, and every ``--against`` revision, taken with ``git archive``)
is built into a wheel and installed into a fresh venv of its own with ``uv pip install
--compile-bytecode``, as ``uv tool install --compile-bytecode`` does; this checkout's wheel is
also installed once without compiling, to show what that costs. Every command runs with
PYTHONDONTWRITEBYTECODE=1 (so nothing is compiled behind the measurement's back), from an
empty folder, without BUDGETCLI_* variables, on a parse cache of its venv's own that was
warmed before timing.

Each round runs every row once, in a shuffled order, and each ratio is the median over the
rounds of that round's row over that round's reference: ``python -c pass`` of the same venv's
interpreter, piped for piped commands and on a terminal (a pseudo-terminal of 80x24, drained
as it fills) for the table. The Python API's ``total`` is timed inside a fresh process, with
and without its import, against ``json.load`` of the same answer in the same kind of process.
Wall time is what the targets compare; CPU time (user + system) is shown beside it.
"""

from __future__ import annotations

import argparse
import fcntl
import io
import os
import random
import shutil
import statistics
import struct
import subprocess
import sys
import tarfile
import tempfile
import termios
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from benchmarks.timing import Timing, interleaved, machine, median_ratio, timed

REPOSITORY = Path(__file__).resolve().parents[1]

JSON_ANSWER = ["total", "--year", "2020", "--format", "json"]
TERMINAL_TABLE = ["list", "-d", "BUF"]
FLOOR = ["-c", "pass"]

# The "Done when": wall-time ratio to `python -c pass`, median of ratios.
TARGETS = {"json": 3.0, "table": 5.0}

# Both print: wall and CPU seconds with the import, then without it.
_API_TOTAL = """
import time
start, start_cpu = time.perf_counter(), time.process_time()
from budgetcli import api
imported, imported_cpu = time.perf_counter(), time.process_time()
api.total(year=2020)
end, end_cpu = time.perf_counter(), time.process_time()
print(end - start, end_cpu - start_cpu, end - imported, end_cpu - imported_cpu)
"""

_JSON_LOAD = """
import sys, time
start, start_cpu = time.perf_counter(), time.process_time()
import json
imported, imported_cpu = time.perf_counter(), time.process_time()
with open(sys.argv[1], "rb") as answer:
    json.load(answer)
end, end_cpu = time.perf_counter(), time.process_time()
print(end - start, end_cpu - start_cpu, end - imported, end_cpu - imported_cpu)
"""

TERMINAL_SIZE = (24, 80)  # rows, columns


class Install(NamedTuple):
    label: str
    venv: Path
    cache: Path

    def python(self) -> str:
        return str(self.venv / "bin" / "python")

    def budgetcli(self) -> str:
        return str(self.venv / "bin" / "budgetcli")


class Row(NamedTuple):
    what: str
    run: Callable[[int], Timing]
    reference: str | None  # the key of the row it is divided by; None: it is a reference


def environment(cache: Path, terminal: bool = False) -> dict[str, str]:
    """The caller's environment without budgetcli's and venvs' variables, with its own cache."""
    dropped = ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("BUDGETCLI_") and k not in dropped
    }
    env |= {"XDG_CACHE_HOME": str(cache), "PYTHONDONTWRITEBYTECODE": "1"}
    if terminal:
        rows, columns = TERMINAL_SIZE
        env |= {"COLUMNS": str(columns), "LINES": str(rows), "TERM": "xterm-256color"}
    return env


def piped(argv: list[str], env: dict[str, str], cwd: Path) -> Timing:
    """One run with stdout and stderr to /dev/null."""
    return timed(
        lambda: subprocess.run(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=cwd, check=True
        )
    )


def _drain(fd: int) -> None:
    """Read the terminal's other side until the child and its children have closed theirs."""
    while True:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:  # EIO: no process holds the terminal any more
            return


def on_terminal(argv: list[str], env: dict[str, str], cwd: Path) -> Timing:
    """One run with stdin, stdout and stderr on a fresh pseudo-terminal of TERMINAL_SIZE."""
    leader, follower = os.openpty()
    rows, columns = TERMINAL_SIZE
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))

    def run() -> None:
        try:
            child = subprocess.Popen(
                argv, stdin=follower, stdout=follower, stderr=follower, env=env, cwd=cwd
            )
        finally:
            os.close(follower)  # ours; else reading would never see the end
        _drain(leader)
        if child.wait():
            raise subprocess.CalledProcessError(child.returncode, argv)

    try:
        return timed(run)
    finally:
        os.close(leader)


def self_timed(
    script: str, python: str, env: dict[str, str], cwd: Path, import_included: bool, *args: str
) -> Callable[[int], Timing]:
    """A runner of a fresh process whose ``script`` times itself, with its import or without."""

    def run(_: int) -> Timing:
        out = subprocess.run(
            [python, "-c", script, *args], capture_output=True, text=True, env=env, cwd=cwd,
            check=True,
        ).stdout.split()  # fmt: skip
        wall, cpu, call_wall, call_cpu = map(float, out)
        return Timing(wall, cpu) if import_included else Timing(call_wall, call_cpu)

    return run


# --- building and installing ---------------------------------------------------------------


def _quiet(*argv: str) -> str:
    return subprocess.run(argv, check=True, capture_output=True, text=True).stdout.strip()


def checkout_label() -> str:
    head = _quiet("git", "-C", str(REPOSITORY), "rev-parse", "--short", "HEAD")
    dirty = _quiet("git", "-C", str(REPOSITORY), "status", "--porcelain", "--", "src", "data")
    return f"this checkout ({head}{', modified' if dirty else ''})"


def exported(revision: str, into: Path) -> tuple[str, Path]:
    """The tree of ``revision`` (``git archive``) in ``into``, and its short hash."""
    short = _quiet("git", "-C", str(REPOSITORY), "rev-parse", "--short", f"{revision}^{{commit}}")
    archive = subprocess.run(
        ["git", "-C", str(REPOSITORY), "archive", "--format=tar", short],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return short, into


def wheel(source: Path, out: Path) -> Path:
    subprocess.run(
        ["uv", "build", "--wheel", "--quiet", "--out-dir", str(out), str(source)], check=True
    )
    (built,) = out.glob("*.whl")
    return built


def install(label: str, built: Path, work: Path, compile_bytecode: bool) -> Install:
    venv = work / "venv"
    subprocess.run(["uv", "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    subprocess.run(
        [
            "uv", "pip", "install", "--quiet", "--python", str(venv / "bin" / "python"),
            *(["--compile-bytecode"] if compile_bytecode else []), str(built),
        ],
        check=True,
    )  # fmt: skip
    return Install(label, venv, work / "cache")


def versions(target: Install) -> str:
    script = "import importlib.metadata as m; print(*(m.version(p) for p in ('typer', 'rich')))"
    typer, rich = _quiet(target.python(), "-c", script).split()
    return f"typer {typer}, rich {rich}"


# --- the rows ------------------------------------------------------------------------------


def startup_rows(target: Install, cwd: Path, key: str) -> dict[str, Row]:
    """Floors and commands of one install, keyed ``key/...``; the answer saved for the API."""
    env, terminal = environment(target.cache), environment(target.cache, terminal=True)
    answer = cwd.parent / f"{key}-answer.json"
    with answer.open("wb") as out:  # warms the parse cache, as in daily use
        subprocess.run([target.budgetcli(), *JSON_ANSWER], stdout=out, env=env, cwd=cwd, check=True)
    on_terminal([target.budgetcli(), *TERMINAL_TABLE], terminal, cwd)
    py, cli = target.python(), target.budgetcli()
    return {
        f"{key}/floor": Row(
            f"`python -c pass` ({target.label})", lambda _: piped([py, *FLOOR], env, cwd), None
        ),
        f"{key}/json": Row(
            f"`budgetcli {' '.join(JSON_ANSWER)}` ({target.label})",
            lambda _: piped([cli, *JSON_ANSWER], env, cwd),
            f"{key}/floor",
        ),
        f"{key}/terminal floor": Row(
            f"`python -c pass` on a terminal ({target.label})",
            lambda _: on_terminal([py, *FLOOR], terminal, cwd),
            None,
        ),
        f"{key}/table": Row(
            f"`budgetcli {' '.join(TERMINAL_TABLE)}` on a terminal ({target.label})",
            lambda _: on_terminal([cli, *TERMINAL_TABLE], terminal, cwd),
            f"{key}/terminal floor",
        ),
    }


# What any answer built on the given stack imports before a line of budgetcli runs: typed
# records (typing, enum, re), exact amounts (decimal), paths and JSON; and for a terminal
# table, rich. Measured as ratios like the commands, they show how close to the floor the
# commands are.
STDLIB_FLOOR = "import typing, enum, re, decimal, pathlib, json"
RICH_FLOOR = "import rich.console, rich.table"


def library_rows(target: Install, cwd: Path, key: str) -> dict[str, Row]:
    env, terminal, py = environment(target.cache), environment(target.cache, True), target.python()
    return {
        f"{key}/stdlib": Row(
            f"`python -c '{STDLIB_FLOOR}'` (a floor)",
            lambda _: piped([py, "-c", STDLIB_FLOOR], env, cwd),
            f"{key}/floor",
        ),
        f"{key}/rich": Row(
            f"`python -c '{RICH_FLOOR}'` on a terminal (a floor)",
            lambda _: on_terminal([py, "-c", RICH_FLOOR], terminal, cwd),
            f"{key}/terminal floor",
        ),
    }


def api_rows(target: Install, cwd: Path, key: str) -> dict[str, Row]:
    env, py = environment(target.cache), target.python()
    answer = str(cwd.parent / f"{key}-answer.json")
    rows: dict[str, Row] = {}
    for included, how in ((True, "import included"), (False, "without the import")):
        ref = f"{key}/json.load {how}"
        rows[ref] = Row(
            f"`json.load` of the answer, {how} ({target.label})",
            self_timed(_JSON_LOAD, py, env, cwd, included, answer),
            None,
        )
        rows[f"{key}/api {how}"] = Row(
            f"`api.total(year=2020)`, {how} ({target.label})",
            self_timed(_API_TOTAL, py, env, cwd, included),
            ref,
        )
    return rows


def jq_row(answer: Path, env: dict[str, str], cwd: Path, floor: str) -> dict[str, Row]:
    jq = shutil.which("jq")
    if jq is None:
        return {}
    version = _quiet(jq, "--version")
    return {
        "jq": Row(
            f"`jq . answer.json` ({version}, reference)",
            lambda _: piped([jq, ".", str(answer)], env, cwd),
            floor,
        )
    }


# --- the report ----------------------------------------------------------------------------


def table(
    rows: dict[str, Row], runs: dict[str, list[Timing]], keys: list[str], reference: str
) -> list[str]:
    lines = [
        f"| what | median ms | × {reference} (median of ratios) | cpu × |",
        "|---|---:|---:|---:|",
    ]
    for key in keys:
        row, samples = rows[key], runs[key]
        ms = statistics.median(s.wall for s in samples) * 1000
        if row.reference is None:
            lines.append(f"| {row.what} | {ms:.1f} | 1 | 1 |")
            continue
        references = runs[row.reference]
        wall = median_ratio((s.wall for s in samples), (r.wall for r in references))
        cpu = median_ratio((s.cpu for s in samples), (r.cpu for r in references))
        lines.append(f"| {row.what} | {ms:.1f} | {wall:.2f} | {cpu:.2f} |")
    return lines


def ratio(runs: dict[str, list[Timing]], rows: dict[str, Row], key: str) -> float:
    reference = rows[key].reference
    assert reference is not None
    return median_ratio((s.wall for s in runs[key]), (r.wall for r in runs[reference]))


def import_costs(target: Install, cwd: Path, top: int = 8) -> str:
    """``python -X importtime`` of the json answer, by who asked: each package budgetcli
    imports, with everything that package imports in turn, and budgetcli's own modules."""
    stderr = subprocess.run(
        [target.python(), "-X", "importtime", target.budgetcli(), *JSON_ANSWER],
        env=environment(target.cache), cwd=cwd, capture_output=True, text=True, check=True,
    ).stderr  # fmt: skip
    entries: list[tuple[int, str, int, int]] = []  # depth, name, self µs, cumulative µs
    for line in stderr.splitlines():
        if line.startswith("import time:") and "self [us]" not in line:
            own, cumulative, field = line.removeprefix("import time:").split("|")
            depth = (len(field) - len(field.lstrip()) - 1) // 2
            entries.append((depth, field.strip(), int(own), int(cumulative)))
    by_package: dict[str, int] = defaultdict(int)
    ancestors: list[str] = []
    for depth, name, self_us, cumulative_us in reversed(entries):  # importtime: parents last
        del ancestors[depth:]
        if all(a.startswith("budgetcli") for a in ancestors):
            if name.startswith("budgetcli"):
                by_package["budgetcli's own modules"] += self_us
            else:
                by_package[name.split(".")[0]] += cumulative_us
        ancestors.append(name)
    total = sum(c for depth, _, _, c in entries if depth == 0)
    biggest = sorted(by_package.items(), key=lambda item: -item[1])[:top]
    shown = ", ".join(f"{name} {us / 1000:.1f}" for name, us in biggest)
    return (
        f"imports {total / 1000:.1f} ms in all; the biggest (ms, with what each imports): {shown}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30, help="interleaved rounds (default 30)")
    parser.add_argument(
        "--against", action="append", default=[], metavar="REV",
        help="also measure the wheel of this git revision (repeatable)",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, default=23, help="of the shuffled order")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if this checkout misses a target"
    )
    args = parser.parse_args()
    if args.check and args.rounds < 20:
        parser.error("--check needs at least 20 rounds")

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        cwd = work / "cwd"
        cwd.mkdir()
        sources = [(checkout_label(), REPOSITORY)]
        for n, revision in enumerate(args.against):
            short, tree = exported(revision, work / f"tree-{n}")
            sources.append((short, tree))
        wheels = [wheel(tree, work / f"dist-{n}") for n, (_, tree) in enumerate(sources)]
        installs = [
            (f"i{n}", install(label, built, work / f"install-{n}", True))
            for n, ((label, _), built) in enumerate(zip(sources, wheels, strict=True))
        ]
        plain = install(
            f"{sources[0][0]}, without bytecode", wheels[0], work / "install-plain", False
        )
        print(machine())
        print(f"installed: {versions(installs[0][1])}; {args.rounds} interleaved rounds\n")

        rows: dict[str, Row] = {}
        for key, target in installs:
            rows |= startup_rows(target, cwd, key)
        rows |= library_rows(installs[0][1], cwd, "i0")
        rows |= startup_rows(plain, cwd, "plain")
        rows |= jq_row(work / "i0-answer.json", environment(work / "jq"), cwd, "i0/floor")
        for key, target in installs:
            rows |= api_rows(target, cwd, key)

        runs = interleaved(
            args.rounds, {key: row.run for key, row in rows.items()}, random.Random(args.seed)
        )
        startup_keys = [k for k in rows if not k.split("/")[-1].startswith(("api", "json.load"))]
        api_keys = [k for k in rows if k not in startup_keys]
        print("\n".join(table(rows, runs, startup_keys, "`python -c pass`")))
        print()
        print("\n".join(table(rows, runs, api_keys, "`json.load` of the answer")))
        print()
        print(f"python -X importtime, {installs[0][1].label}: {import_costs(installs[0][1], cwd)}")

        missed = False
        print()
        for key, target in installs:
            for what, limit in TARGETS.items():
                found = ratio(runs, rows, f"{key}/{what}")
                met = found <= limit
                missed |= key == "i0" and not met
                print(
                    f"target {what} ≤ {limit}× ({target.label}): {found:.2f}×,"
                    f" {'met' if met else 'not met'}"
                )
    if args.check and missed:
        sys.exit(1)


if __name__ == "__main__":
    main()

"""Time budgetcli as users meet it: whole processes, medians, ratios to ``python -c pass``.

    uv run python -m benchmarks.bench              # start-up and scale, default sizes
    uv run python -m benchmarks.bench --sizes 1000 10000 20000 100000 --rounds 30

Start-up: every command is run ``--rounds`` times, interleaved with the others and with a bare
``python -c pass`` (so machine noise hits all alike); the median of each is reported with its
ratio to the bare interpreter's median from the same run.

Scale: synthetic files (benchmarks/generate.py) of each size; for each, a bare CSafeLoader parse
of the file, budgetcli's first query (empty parse cache) and a repeated query (warm cache):
median seconds and peak memory (max RSS of the process), and their ratios to the bare parse.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.generate import synthetic_yaml

STARTUP_COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "total --year 2020 --format json": ["total", "--year", "2020", "--format", "json"],
    "total --year 2020 (table)": ["total", "--year", "2020"],
    "list (table)": ["list"],
}

# Runs a command and prints its wall time and the peak RSS of that one child (KiB).
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
elapsed = time.perf_counter() - start
print(elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

_BARE_PARSE = """
import sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""


def _budgetcli() -> list[str]:
    script = Path(sys.executable).with_name("budgetcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "budgetcli"]


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETCLI_")}
    env |= {"XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"}
    return env


def _wall(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
    return time.perf_counter() - start


def _measure(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    return float(out[0]), int(out[1])


def compile_bytecode() -> None:
    """Installers byte-compile packages; make sure this environment is measured the same way
    (this machine sets PYTHONDONTWRITEBYTECODE, which would otherwise compile on every run)."""
    import compileall
    import sysconfig

    for path in {sysconfig.get_paths()["purelib"], str(Path(__file__).parents[1] / "src")}:
        compileall.compile_dir(path, quiet=1)


def startup(rounds: int) -> list[str]:
    cli = _budgetcli()
    with tempfile.TemporaryDirectory() as cache:
        env = _env(Path(cache))
        _wall([*cli, "total", "--year", "2020"], env)  # warm the parse cache, as in daily use
        runs: dict[str, list[float]] = {name: [] for name in ["python -c pass", *STARTUP_COMMANDS]}
        for _ in range(rounds):
            runs["python -c pass"].append(_wall([sys.executable, "-c", "pass"], env))
            for name, args in STARTUP_COMMANDS.items():
                runs[name].append(_wall([*cli, *args], env))
    bare = statistics.median(runs["python -c pass"])
    lines = ["| command | median ms | × `python -c pass` |", "|---|---:|---:|"]
    for name, times in runs.items():
        median = statistics.median(times)
        lines.append(f"| `{name}` | {median * 1000:.1f} | {median / bare:.2f} |")
    return lines


def scale(sizes: list[int], rounds: int) -> list[str]:
    cli = _budgetcli()
    lines = [
        "| activities | bare CSafeLoader parse | first query | repeated query |"
        " first / parse | repeated / parse |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            data = Path(work) / f"{size}.yaml"
            data.write_text(synthetic_yaml(size), encoding="utf-8")
            query = [*cli, "total", "--year", "2020", "--format", "json", "--data", str(data)]
            bare, first, repeated = [], [], []
            for index in range(rounds):
                cache = Path(work) / f"cache-{size}-{index}"
                env = _env(cache)
                bare.append(_measure([sys.executable, "-c", _BARE_PARSE, str(data)], env))
                first.append(_measure(query, env))
                repeated.append(_measure(query, env))

            def cell(samples: list[tuple[float, int]]) -> tuple[float, float, str]:
                seconds = statistics.median(s for s, _ in samples)
                peak = max(m for _, m in samples) / 1024
                return seconds, peak, f"{seconds:.3f} s, {peak:.0f} MiB"

            b, f, r = cell(bare), cell(first), cell(repeated)
            lines.append(
                f"| {size:,} | {b[2]} | {f[2]} | {r[2]} | {f[0] / b[0]:.2f} (mem {f[1] / b[1]:.2f})"
                f" | {r[0] / b[0]:.2f} (mem {r[1] / b[1]:.2f}) |"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--scale-rounds", type=int, default=3)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000, 20000])
    args = parser.parse_args()
    compile_bytecode()
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(f"\nstart-up, {args.rounds} interleaved rounds, warm parse cache:\n")
    print("\n".join(startup(args.rounds)))
    if args.sizes:
        print(f"\nscale, median of {args.scale_rounds} rounds, peak = max RSS:\n")
        print("\n".join(scale(args.sizes, args.scale_rounds)))


if __name__ == "__main__":
    main()

"""Time budgetcli as users meet it: whole processes, medians, ratios to a reference.

    uv run python -m benchmarks.bench                       # everything, default rounds
    uv run python -m benchmarks.bench --quick               # fewer rounds, for a check
    uv run python -m benchmarks.bench --sizes 20000 --no-export --rounds 0

Every figure is the median of several runs of a whole process, interleaved with its reference
(so machine noise hits both alike), and every target is a ratio within one run:

* start-up: each command against a bare ``python -c pass`` (warm parse cache);
* repeated query (``total --year 2020 --format json``, warm cache) against a process that
  ``json.load``\\s the same document as JSON and sums 2020's amounts;
* first query (empty cache) against a bare ``yaml.load(CSafeLoader)`` of the file;
* ``export x.xlsx`` against openpyxl's write-only mode writing the same rows, and
  ``export x.sqlite`` against one ``executemany`` per table, both from the JSON document;
* ``total --by activity`` and ``--by department,activity`` (warm cache, JSON) against a
  process that ``json.load``\\s the document, sums every year of every group and writes one
  JSON row per group; and each against itself at ten times the activities (linear: 10x).

Wall time is what is compared; CPU time (user + system of the process) is shown beside it,
as on a shared machine it is the steadier of the two.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from benchmarks.generate import synthetic_json, synthetic_yaml
from benchmarks.timing import interleaved, machine

STARTUP_COMMANDS: dict[str, list[str]] = {
    "--version": ["--version"],
    "total --year 2020 --format json": ["total", "--year", "2020", "--format", "json"],
    "total --year 2020 (table)": ["total", "--year", "2020"],
    "list (table)": ["list"],
}

# Runs a command; prints its wall time, the peak RSS of that one child (KiB) and its CPU time.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
elapsed = time.perf_counter() - start
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(elapsed, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)
"""

_BARE_PARSE = """
import sys, yaml
with open(sys.argv[1], encoding="utf-8") as f:
    yaml.load(f.read(), Loader=yaml.CSafeLoader)
"""

_JSON_SUM = """
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)
total = 0.0
for activity in document["activities"]:
    value = activity["budget"].get("2020")
    if isinstance(value, float):
        total += value
print(total)
"""

# The rows budgetcli's activities sheet has (25 columns), from the JSON document.
_XLSX_WRITE_ONLY = """
import json, sys
from openpyxl import Workbook
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
years = [str(y) for y in range(doc["period"]["first"], doc["period"]["last"] + 1)]
appendix = {d["code"]: d["appendix"] for d in doc["departments"]}
texts = ("section", "description", "target_group", "expected_effect", "funding")
book = Workbook(write_only=True)
sheet = book.create_sheet("activities")
sheet.append(["id", "department", "appendix", "name", *texts, *years,
              *(y + " text" for y in years), *("actual " + y for y in years),
              "actual_text", "adjustable years", "printed", "notes", "remarks"])
for a in doc["activities"]:
    cells = [a["budget"].get(y) for y in years]
    sheet.append([a["id"], a["department"], appendix[a["department"]], a["name"],
                  *(a.get(t) for t in texts),
                  *(c if isinstance(c, float) else None for c in cells),
                  *(c["text"] if isinstance(c, dict) else None for c in cells),
                  *(None for y in years), None,
                  ", ".join(map(str, a.get("adjustable", []))) or None, None,
                  ", ".join(a.get("notes", [])) or None, None])
notes = book.create_sheet("notes")
for n in doc["notes"]:
    notes.append([n["id"], n["department"], n["kind"], n.get("marker"), n["text"]])
departments = book.create_sheet("departments")
for d in doc["departments"]:
    departments.append([d["code"], d["appendix"], d["name"]])
book.save(sys.argv[2])
"""

# budgetcli's two big tables (same columns, keys and index), one executemany each.
_SQLITE_EXECUTEMANY = """
import json, sqlite3, sys
with open(sys.argv[1], encoding="utf-8") as f:
    doc = json.load(f)
years = range(doc["period"]["first"], doc["period"]["last"] + 1)
db = sqlite3.connect(sys.argv[2])
db.executescript('''
CREATE TABLE activities (id TEXT PRIMARY KEY, position INTEGER NOT NULL UNIQUE,
    department TEXT NOT NULL, section TEXT, name TEXT NOT NULL, description TEXT,
    target_group TEXT, expected_effect TEXT, funding TEXT, printed TEXT, actual_text TEXT);
CREATE TABLE amounts (activity_id TEXT NOT NULL REFERENCES activities(id),
    year INTEGER NOT NULL, kind TEXT NOT NULL, amount REAL, amount_exact TEXT, text TEXT,
    adjustable INTEGER NOT NULL, PRIMARY KEY (activity_id, year));
CREATE INDEX amounts_year ON amounts(year);
''')
def cell(a, year):
    value = a["budget"].get(str(year))
    kind = "empty" if value is None else "text" if isinstance(value, dict) else "amount"
    number = value if isinstance(value, float) else None
    return (a["id"], year, kind, number, None if number is None else repr(number),
            value["text"] if isinstance(value, dict) else None,
            int(year in a.get("adjustable", ())))
with db:
    db.executemany("INSERT INTO activities VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(a["id"], i, a["department"], a.get("section"), a["name"], a.get("description"),
          a.get("target_group"), a.get("expected_effect"), a.get("funding"), None, None)
         for i, a in enumerate(doc["activities"])])
    db.executemany("INSERT INTO amounts VALUES (?, ?, ?, ?, ?, ?, ?)",
        [cell(a, y) for a in doc["activities"] for y in years])
db.close()
"""


# The floor of a grouping: load, one sum per group and year, one JSON row per group.
_JSON_GROUP = """
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    document = json.load(f)
years = [str(y) for y in range(document["period"]["first"], document["period"]["last"] + 1)]
by_department = sys.argv[2] == "department,activity"
rows, departments = [], {}
for a in document["activities"]:
    cells = [a["budget"].get(y) for y in years]
    amounts = [c if isinstance(c, float) else None for c in cells]
    row = {"key": a["id"], "name": a["name"], "department": a["department"],
           "years": [{"year": int(y), "amount": v} for y, v in zip(years, amounts)],
           "total": sum(v for v in amounts if v is not None)}
    (departments.setdefault(a["department"], []) if by_department else rows).append(row)
if by_department:
    rows = [{"key": code, "total": sum(r["total"] for r in group), "groups": group}
            for code, group in departments.items()]
sys.stdout.write(json.dumps({"rows": rows}, indent=2))
"""

GROUPINGS = ("activity", "department,activity")


class Sample(NamedTuple):
    wall: float
    peak_kib: int
    cpu: float


class Stat(NamedTuple):
    wall: float
    cpu: float
    peak_mib: float

    @staticmethod
    def of(samples: list[Sample]) -> Stat:
        return Stat(
            statistics.median(s.wall for s in samples),
            statistics.median(s.cpu for s in samples),
            max(s.peak_kib for s in samples) / 1024,
        )

    def cell(self) -> str:
        return f"{self.wall:.3f} s ({self.cpu:.3f} cpu), {self.peak_mib:.0f} MiB"


class Target(NamedTuple):
    name: str
    ratio: float
    cpu_ratio: float
    limit: float

    @classmethod
    def recorded(cls, name: str, ours: Stat, reference: Stat) -> Target:
        """A ratio reported for the record, with no limit to meet."""
        return cls(name, ours.wall / reference.wall, ours.cpu / reference.cpu, float("nan"))


def _budgetcli() -> list[str]:
    script = Path(sys.executable).with_name("budgetcli")
    return [str(script)] if script.exists() else [sys.executable, "-m", "budgetcli"]


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETCLI_")}
    env |= {"XDG_CACHE_HOME": str(cache), "NO_COLOR": "1"}
    return env


def _measure(argv: list[str], env: dict[str, str]) -> Sample:
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *argv],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.split()
    return Sample(float(out[0]), int(out[1]), float(out[2]))


def _runner(argv: list[str], env: dict[str, str]) -> Callable[[int], Sample]:
    return lambda _: _measure(argv, env)


def _each_own_cache(argv: list[str], caches: list[Path]) -> Callable[[int], Sample]:
    return lambda index: _measure(argv, _env(caches[index]))


def _python(script: str, *args: str) -> list[str]:
    return [sys.executable, "-c", script, *args]


def compile_bytecode() -> None:
    """Installers byte-compile packages; make sure this environment is measured the same way
    (this machine sets PYTHONDONTWRITEBYTECODE, which would otherwise compile on every run)."""
    import compileall
    import sysconfig

    for path in {sysconfig.get_paths()["purelib"], str(Path(__file__).parents[1] / "src")}:
        compileall.compile_dir(path, quiet=1)


def startup(rounds: int) -> tuple[list[str], list[Target]]:
    cli = _budgetcli()
    with tempfile.TemporaryDirectory() as cache:
        env = _env(Path(cache))
        _measure([*cli, "total", "--year", "2020"], env)  # warm the parse cache, as in daily use
        commands: dict[str, Callable[[int], Sample]] = {
            "python -c pass": lambda _: _measure([sys.executable, "-c", "pass"], env)
        }
        for name, args in STARTUP_COMMANDS.items():
            commands[name] = _runner([*cli, *args], env)
        runs = interleaved(rounds, commands)
    stats = {name: Stat.of(samples) for name, samples in runs.items()}
    bare = stats["python -c pass"]
    lines = [
        "| command | median ms | cpu ms | × `python -c pass` | cpu × |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, stat in stats.items():
        lines.append(
            f"| `{name}` | {stat.wall * 1000:.1f} | {stat.cpu * 1000:.1f} |"
            f" {stat.wall / bare.wall:.2f} | {stat.cpu / bare.cpu:.2f} |"
        )
    targets = [
        Target(
            f"start-up `{name}` / `python -c pass`",
            stats[name].wall / bare.wall,
            stats[name].cpu / bare.cpu,
            6.5,
        )
        for name in ("total --year 2020 --format json", "--version")
    ]
    return lines, targets


def scale(
    sizes: list[int], cold_rounds: int, warm_rounds: int, work: Path
) -> tuple[list[str], list[Target]]:
    cli = _budgetcli()
    lines = [
        "| activities | bare CSafeLoader parse | first query | first / parse |"
        " json.load + sum | repeated query | repeated / json |",
        "|---:|---|---|---:|---|---|---:|",
    ]
    targets: list[Target] = []
    for size in sizes:
        data = work / f"{size}.yaml"
        data.write_text(synthetic_yaml(size), encoding="utf-8")
        document = work / f"{size}.json"
        document.write_text(synthetic_json(size), encoding="utf-8")
        query = [*cli, "total", "--year", "2020", "--format", "json", "--data", str(data)]
        caches = [work / f"cache-{size}-{i}" for i in range(cold_rounds)]
        cold = interleaved(
            cold_rounds,
            {
                "parse": _runner(_python(_BARE_PARSE, str(data)), _env(work)),
                "first": _each_own_cache(query, caches),
            },
        )
        warm_env = _env(caches[0])
        warm = interleaved(
            warm_rounds,
            {
                "json": _runner(_python(_JSON_SUM, str(document)), warm_env),
                "repeated": _runner(query, warm_env),
            },
        )
        parse, first = Stat.of(cold["parse"]), Stat.of(cold["first"])
        reference, repeated = Stat.of(warm["json"]), Stat.of(warm["repeated"])
        lines.append(
            f"| {size:,} | {parse.cell()} | {first.cell()} | {first.wall / parse.wall:.2f} |"
            f" {reference.cell()} | {repeated.cell()} | {repeated.wall / reference.wall:.2f} |"
        )
        first_target = Target(
            f"first query, {size:,} / bare CSafeLoader parse",
            first.wall / parse.wall,
            first.cpu / parse.cpu,
            1.2,
        )
        repeated_target = Target(
            f"repeated query, {size:,} / json.load + sum",
            repeated.wall / reference.wall,
            repeated.cpu / reference.cpu,
            1.0,
        )
        # At small sizes start-up, not parsing, is the cost: the targets are about scale.
        if size >= 20_000:
            targets += [first_target]
        if size >= 50_000:
            targets += [repeated_target]
    return lines, targets


def exports(size: int, rounds: int, work: Path) -> tuple[list[str], list[Target]]:
    cli = _budgetcli()
    data = work / f"export-{size}.yaml"
    data.write_text(synthetic_yaml(size), encoding="utf-8")
    document = work / f"export-{size}.json"
    document.write_text(synthetic_json(size), encoding="utf-8")
    env = _env(work / "cache-export")
    _measure([*cli, "total", "--year", "2020", "--data", str(data)], env)  # warm the cache
    out = work / "out"
    out.mkdir()

    def ours(suffix: str) -> Callable[[int], Sample]:
        return lambda i: _measure(
            [*cli, "export", str(out / f"ours-{i}{suffix}"), "--data", str(data)], env
        )

    def reference(script: str, suffix: str) -> Callable[[int], Sample]:
        return lambda i: _measure(
            _python(script, str(document), str(out / f"ref-{i}{suffix}")), env
        )

    runs = interleaved(
        rounds,
        {
            "export x.xlsx": ours(".xlsx"),
            "openpyxl write-only": reference(_XLSX_WRITE_ONLY, ".xlsx"),
            "export x.sqlite": ours(".sqlite"),
            "executemany per table": reference(_SQLITE_EXECUTEMANY, ".sqlite"),
        },
    )
    stats = {name: Stat.of(samples) for name, samples in runs.items()}
    lines = ["| command | median | × reference | cpu × |", "|---|---|---:|---:|"]
    targets = []
    for ours_name, ref_name in (
        ("export x.xlsx", "openpyxl write-only"),
        ("export x.sqlite", "executemany per table"),
    ):
        mine, ref = stats[ours_name], stats[ref_name]
        lines.append(f"| `{ref_name}` (reference) | {ref.cell()} | 1.00 | 1.00 |")
        lines.append(
            f"| `{ours_name}` | {mine.cell()} | {mine.wall / ref.wall:.2f} |"
            f" {mine.cpu / ref.cpu:.2f} |"
        )
        targets.append(Target.recorded(f"`{ours_name}`, {size:,} / {ref_name}", mine, ref))
    return lines, targets


def groupings(sizes: list[int], rounds: int, work: Path) -> tuple[list[str], list[Target]]:
    """``total --by activity`` and ``--by department,activity`` (issue 32: quadratic once)
    against the floor, at each size; and the growth from the smallest size to each."""
    cli = _budgetcli()
    lines = [
        "| activities | `--by` | floor: json.load + group sums + JSON rows | budgetcli"
        " | × floor | cpu × | growth | floor growth |",
        "|---:|---|---|---|---:|---:|---:|---:|",
    ]
    targets: list[Target] = []
    first: dict[str, tuple[Stat, Stat]] = {}
    for size in sizes:
        data = work / f"group-{size}.yaml"
        data.write_text(synthetic_yaml(size), encoding="utf-8")
        document = work / f"group-{size}.json"
        document.write_text(synthetic_json(size), encoding="utf-8")
        env = _env(work / f"cache-group-{size}")
        _measure([*cli, "total", "--year", "2020", "--data", str(data)], env)  # warm the cache
        commands: dict[str, Callable[[int], Sample]] = {}
        for by in GROUPINGS:
            query = [*cli, "total", "--by", by, "--format", "json", "--data", str(data)]
            commands[f"floor {by}"] = _runner(_python(_JSON_GROUP, str(document), by), env)
            commands[by] = _runner(query, env)
        runs = interleaved(rounds, commands)
        for by in GROUPINGS:
            floor, ours = Stat.of(runs[f"floor {by}"]), Stat.of(runs[by])
            base_floor, base = first.setdefault(by, (floor, ours))
            lines.append(
                f"| {size:,} | `{by}` | {floor.cell()} | {ours.cell()} |"
                f" {ours.wall / floor.wall:.2f} | {ours.cpu / floor.cpu:.2f} |"
                f" {ours.cpu / base.cpu:.1f} | {floor.cpu / base_floor.cpu:.1f} |"
            )
            targets.append(Target.recorded(f"`total --by {by}`, {size:,} / floor", ours, floor))
    return lines, targets


def target_table(targets: list[Target]) -> list[str]:
    lines = ["| target | ratio | cpu ratio | limit | met |", "|---|---:|---:|---:|---|"]
    for t in targets:
        if t.limit != t.limit:  # no limit set: reported for the record
            limit, met = "-", "-"
        else:
            limit, met = f"≤ {t.limit}", "yes" if t.ratio <= t.limit else "**no**"
        lines.append(f"| {t.name} | {t.ratio:.2f} | {t.cpu_ratio:.2f} | {limit} | {met} |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20, help="start-up rounds (0: skip)")
    parser.add_argument("--cold-rounds", type=int, default=2, help="first-query rounds")
    parser.add_argument("--warm-rounds", type=int, default=7, help="repeated-query rounds")
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 20000, 50000, 100000])
    parser.add_argument("--export-size", type=int, default=10000)
    parser.add_argument("--export-rounds", type=int, default=3)
    parser.add_argument("--no-export", action="store_true")
    parser.add_argument(
        "--group-sizes", type=int, nargs="*", default=[10000, 100000], help="total --by activity"
    )
    parser.add_argument("--group-rounds", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="fewer rounds everywhere")
    args = parser.parse_args()
    if args.quick:
        args.rounds, args.cold_rounds, args.warm_rounds, args.export_rounds = 10, 1, 5, 2
        args.group_rounds = 1
    compile_bytecode()
    print(machine())
    targets: list[Target] = []
    if args.rounds:
        print(f"\nstart-up, {args.rounds} interleaved rounds, warm parse cache:\n")
        lines, found = startup(args.rounds)
        print("\n".join(lines), flush=True)
        targets += found
    with tempfile.TemporaryDirectory() as work:
        if args.sizes:
            print(
                f"\nscale: first query median of {args.cold_rounds}, repeated of"
                f" {args.warm_rounds}; peak = max RSS:\n"
            )
            lines, found = scale(args.sizes, args.cold_rounds, args.warm_rounds, Path(work))
            print("\n".join(lines), flush=True)
            targets += found
        if not args.no_export:
            print(f"\nexport of {args.export_size:,} activities, median of {args.export_rounds}:\n")
            lines, found = exports(args.export_size, args.export_rounds, Path(work))
            print("\n".join(lines), flush=True)
            targets += found
        if args.group_sizes:
            print(f"\ngroupings, median of {args.group_rounds}; growth in CPU time:\n")
            lines, found = groupings(args.group_sizes, args.group_rounds, Path(work))
            print("\n".join(lines), flush=True)
            targets += found
    print("\ntargets (ratios within this run):\n")
    print("\n".join(target_table(targets)))


if __name__ == "__main__":
    main()

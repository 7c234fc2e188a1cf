"""``export x.xlsx`` against a bare openpyxl write-only writer of the same values.

uv run python -m benchmarks.xlsx_export 10000 --rounds 3     # time ratio
uv run python -m benchmarks.xlsx_export 100000 --rounds 1    # peak memory ratio

Each run is its own process: it loads the dataset (from the parse cache, warmed first) and
times only the writing; peak memory is the process's max RSS, model included, since the
target is that writing adds little beyond the model. Rounds interleave the two writers.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def reference(dataset: object, path: Path) -> None:
    """openpyxl write-only, no styles, no widths: the same rows and sheets as export."""
    from openpyxl import Workbook

    from budgetcli.formats import xlsx
    from budgetcli.model import Dataset

    assert isinstance(dataset, Dataset)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("activities")
    sheet.append(xlsx.activity_sheet_header(dataset))
    for row in xlsx._activity_rows(dataset):
        sheet.append(row)
    notes = book.create_sheet("notes")
    notes.append(xlsx.NOTE_HEADER)
    for n in dataset.notes:
        notes.append([n.id, n.department, n.kind.value, n.marker, n.text, None])
    departments = book.create_sheet("departments")
    departments.append(xlsx.DEPARTMENT_HEADER)
    for d in dataset.departments:
        departments.append([d.code, d.appendix, d.name, d.name_en, d.title, None])
    book.save(path)


def child(mode: str, data: Path) -> None:
    import resource
    import time

    from budgetcli.formats import Options
    from budgetcli.formats.xlsx import export
    from budgetcli.source.loader import load

    dataset = load(data)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.xlsx"
        start = time.perf_counter()
        if mode == "export":
            export(dataset, out, Options())
        else:
            reference(dataset, out)
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mib": peak}))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", choices=("export", "reference"))
    parser.add_argument("--data", type=Path)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.data)
        return
    from benchmarks.generate import synthetic_yaml
    from budgetcli.source.loader import load

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp) / "cache")
        data = Path(tmp) / "data.yaml"
        data.write_text(synthetic_yaml(args.count), encoding="utf-8")
        load(data)  # warm the parse cache
        results: dict[str, list[dict[str, float]]] = {"export": [], "reference": []}
        for _ in range(args.rounds):
            for mode, runs in results.items():
                command = [sys.executable, "-m", "benchmarks.xlsx_export", str(args.count)]
                command += ["--child", mode, "--data", str(data)]
                out = subprocess.run(command, check=True, capture_output=True, text=True)
                runs.append(json.loads(out.stdout))
    median = {
        mode: {key: statistics.median(r[key] for r in runs) for key in ("seconds", "peak_mib")}
        for mode, runs in results.items()
    }
    for mode, m in median.items():
        print(f"{mode:10} {m['seconds']:8.2f} s  {m['peak_mib']:8.0f} MiB")
    e, r = median["export"], median["reference"]
    print(
        f"export / reference: time {e['seconds'] / r['seconds']:.2f}, "
        f"peak memory {e['peak_mib'] / r['peak_mib']:.2f}"
    )


if __name__ == "__main__":
    main()

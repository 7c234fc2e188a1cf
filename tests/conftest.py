"""A deterministic environment for every test: no colour, fixed width, C.UTF-8, own cache."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import threading
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.model import Dataset, Department, SourceActivity
from budgetcli.source.loader import bundled_data_path, load

if TYPE_CHECKING:
    from playwright.sync_api import Browser

# One hypothesis profile for every module, loaded before any test is collected: the
# deadline is off because a cold cache or a busy 2-core machine makes timings meaningless.
settings.register_profile(
    "budgetcli",
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
settings.load_profile("budgetcli")

PINNED_ENV = {
    "NO_COLOR": "1",
    "COLUMNS": "100",
    "LINES": "40",
    "LC_ALL": "C.UTF-8",
    "LANG": "C.UTF-8",
    "TERM": "dumb",
}
# Every command, in the order `budgetcli --help` lists them.
COMMANDS = (
    "list",
    "show",
    "total",
    "compare",
    "expiring",
    "notes",
    "chart",
    "schema",
    "export",
    "validate",
    "report",
    "import",
    "diff",
)
UNSET_ENV = (
    "BUDGETCLI_DATA",
    "BUDGETCLI_LANG",
    "BUDGETCLI_QUIET",
    "BUDGETCLI_NO_CACHE",
    "FORCE_COLOR",
    "BUDGETCLI_DEBUG",
)


@pytest.fixture(autouse=True)
def pinned_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    for key, value in PINNED_ENV.items():
        monkeypatch.setenv(key, value)
    for key in UNSET_ENV:
        monkeypatch.delenv(key, raising=False)
    # Each test gets its own parse cache, so no test sees another's (or the user's).
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield


# The yearly sums of the source's printed amounts, in kroner (tests/test_export.py TOTALS,
# hand-summed; the blind second reading in tests/data/second_reading.tsv gives the same).
KRONER = {2018: 129_233_000, 2019: 129_623_000, 2020: 111_037_000, 2021: 94_802_000}
KRONER[2022] = 88_392_000


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load(bundled_data_path(), use_cache=False)


def without_kroner(dataset: Dataset) -> Dataset:
    """``dataset`` with one amount a tenth of a krone off whole kroner."""
    first = dataset.activities[0]
    budget = {**first.budget, 2018: Decimal("3.3000001")}
    return dataset._replace(activities=(first._replace(budget=budget), *dataset.activities[1:]))


def synthetic(count: int, *, described: bool = False) -> Dataset:
    """``count`` activities in one department, shaped like benchmarks.generate's but built in
    memory (parsing 100,000 activities of YAML takes longer than what is under test);
    ``described``: each with a description too."""
    department = Department("BIF", 1, "Forvaltning BIF", "Forvaltning BIF", "Forvaltning BIF")
    activities = tuple(
        SourceActivity(
            f"activity-{i}",
            "BIF",
            f"Indsats nummer {i} for borgere i København",
            {},
            description=f"Fællesspisning og lektiehjælp, hold {i % 977}" if described else None,
        )
        for i in range(count)
    )
    return Dataset(2018, 2022, "mio. kr.", "Synthetic", "", (department,), (), activities)


class Result:
    """What a command printed, with stdout and stderr kept apart."""

    def __init__(self, exit_code: int, stdout: str, stderr: str) -> None:
        self.exit_code = exit_code
        self.stdout = stdout
        self.stderr = stderr


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    runner = CliRunner()
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    return Result(result.exit_code, result.stdout, result.stderr)


def run_json(*args: str) -> Any:
    """A command's ``--format json`` answer, its amounts as Decimals; the command must succeed."""
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout, parse_float=Decimal)


def answered(seconds: float, job: Callable[[], Result], fifo: Path, hung: str) -> Result:
    """``job()``'s result, or a failure saying ``hung`` if it waits on ``fifo`` for longer
    than ``seconds`` (then the fifo is opened at both ends, to let it go)."""
    done: list[Result] = []
    worker = threading.Thread(target=lambda: done.append(job()), daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        for flags in (os.O_RDONLY | os.O_NONBLOCK, os.O_WRONLY | os.O_NONBLOCK):
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, flags))
        worker.join(5)
        pytest.fail(f"no answer within {seconds} s: {hung}")
    return done[0]


def process_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment for budgetcli as a process of its own: this one without budgetcli's
    settings, pinned as every test is (:data:`PINNED_ENV`), its parse cache in ``cache``, and
    ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BUDGETCLI_", "FORCE_COLOR"))}
    return {**env, **PINNED_ENV, "XDG_CACHE_HOME": str(cache), **extra}


def refused(result: Result, *words: str) -> str:
    """A refusal: exit 1, nothing on stdout, no traceback, every one of ``words`` said on
    stderr; stderr, for what a test asks further."""
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    return result.stderr


GOOD = """\
period: {first: 2018, last: 2022}
unit: mio. kr.
departments:
  - {code: BIF, appendix: 1, name: Beskæftigelses- og Integrationsforvaltningen,
     sections: [Job og uddannelse]}
  - {code: ØKF, appendix: 7, name: Økonomiforvaltningen}
notes:
  - {id: n1, department: ØKF, kind: footnote, marker: "*", text: Faktisk forbrug.}
activities:
  - id: a
    department: BIF
    section: Job og uddannelse
    name: A
    budget: {2018: 1.5, 2019: 0.1, 2020: 0}
  - id: b
    department: ØKF
    name: B
    budget: {2018: {text: Driftsbudget}, 2019: 0.090}
    actual: {2019: 0.05}
    adjustable: [2019]
    notes: [n1]
"""
"""A small data file that is valid: two departments, a footnote, an amount, words, an empty
year, actual spend and an adjustable year."""


def write_data(tmp_path: Path, text: str | bytes = GOOD, name: str = "data.yaml") -> Path:
    """``text`` (by default :data:`GOOD`) as the file ``name`` in ``tmp_path``."""
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """:data:`GOOD` in ``tmp_path/data.yaml``."""
    return write_data(tmp_path)


COUNTED = "counted"
"""A test's ``user_properties`` entry under this name is a line for the run's summary."""


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Print what tests counted (how many generated examples reached the code they name)."""
    for outcome in ("passed", "failed"):
        for report in terminalreporter.stats.get(outcome, []):
            for name, value in getattr(report, "user_properties", ()):
                if name == COUNTED:
                    terminalreporter.write_line(f"{report.nodeid}: {value}")


CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")


def _chromium() -> str | None:
    wanted = os.environ.get("BUDGETCLI_CHROMIUM")
    if wanted:
        return wanted
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium through playwright (its own browser builds are never
    downloaded), for the browser tests; skipped, with the reason, where either is missing."""
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium binary (apt-get install chromium, or set BUDGETCLI_CHROMIUM)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
        launched = playwright.chromium.launch(executable_path=executable, args=["--no-sandbox"])
        yield launched
        launched.close()

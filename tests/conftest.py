"""A deterministic environment for every test: no colour, fixed width, C.UTF-8, own cache."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from budgetcli.cli import app
from budgetcli.model import Dataset
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


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load(bundled_data_path(), use_cache=False)


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

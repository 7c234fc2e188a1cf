"""README.md, read once for every test that holds it to the program: its text, a section,
its ```console blocks as commands with the output shown after each, and a shell that runs
them as a reader would (budgetcli on the PATH)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

TEXT = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
BIN = Path(sys.executable).parent


class Step(NamedTuple):
    command: str  # what follows `$ `; a heredoc runs to its EOF line
    output: str  # the lines README shows after it: what it prints on stdout


def section(heading: str) -> str:
    """From ``heading`` to the next second-level heading."""
    start = TEXT.index(heading)
    end = TEXT.find("\n## ", start + 1)
    return TEXT[start:] if end < 0 else TEXT[start:end]


def console_blocks(text: str = TEXT) -> list[str]:
    return re.findall(r"```console\n(.*?)```", text, flags=re.DOTALL)


def steps(block: str) -> list[Step]:
    """A console block's commands, each with the output shown after it."""
    found: list[Step] = []
    lines = block.splitlines()
    index = 0
    while index < len(lines):
        line = lines[index]
        assert line.startswith("$ "), f"output before any command: {line!r}"
        command = [line[2:]]
        index += 1
        if line.endswith("<<'EOF'"):
            while lines[index] != "EOF":
                command.append(lines[index])
                index += 1
            command.append("EOF")
            index += 1
        output = []
        while index < len(lines) and not lines[index].startswith("$ "):
            output.append(lines[index])
            index += 1
        found.append(Step("\n".join(command), "\n".join(output)))
    return found


def shell(command: str, directory: Path) -> subprocess.CompletedProcess[str]:
    """``command`` run by bash in ``directory`` (strict: -euo pipefail), this environment's
    budgetcli first on the PATH."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + command],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

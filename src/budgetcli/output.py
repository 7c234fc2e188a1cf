"""Writing an output file.

The content is rendered whole before anything is written, so a failed render leaves no
partial file. The write itself goes to the path as it is (no temporary file renamed over
it): a symlink keeps pointing where it did, a fifo or /dev/stdout stays what it is, and an
existing file keeps its permissions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


def write_output(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    with path.open("wb") as handle:
        handle.write(data)

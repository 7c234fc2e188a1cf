"""``budgetcli import``: a workbook in, a YAML data file out, or nothing at all.

The workbook is read and checked (:mod:`budgetcli.source.workbook_import`), written in the data
file's own style (:mod:`budgetcli.yamlwrite`), and the text is read back through the loader
before it is written: what lands on disk is proven to be the dataset the workbook holds.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from budgetcli.errors import DatasetError, OutputError, UsageError
from budgetcli.i18n import Msg, text

YAML_SUFFIXES = (".yaml", ".yml")
# The first line of every data file budgetcli writes, and of the bundled one.
_OURS = b"# budgetcli dataset"


def _replaceable(output: Path) -> bool:
    """Whether ``output`` is missing, empty or a budgetcli data file (by its first line)."""
    from budgetcli.files import is_stream

    if is_stream(output):
        return True  # never read (a fifo would wait); write_atomic writes it in place
    try:
        with output.open("rb") as handle:
            start = handle.read(len(_OURS))
    except OSError:
        return True  # missing, or write_atomic says what is wrong with it
    return not start or start == _OURS


def import_workbook(workbook: Path, output: Path, *, force: bool = False) -> int:
    """Write the workbook's data to ``output``; the number of activities written."""
    from budgetcli.files import refuse_input, write_atomic
    from budgetcli.formats.json import document, dumps
    from budgetcli.source import loader
    from budgetcli.source.build import build_dataset
    from budgetcli.source.workbook_import import read_plain
    from budgetcli.yamlwrite import dump

    if output.suffix.lower() not in YAML_SUFFIXES:
        raise UsageError(text(Msg.err_import_yaml, output=output))
    refuse_input(output, workbook)
    if not force and not _replaceable(output):
        raise OutputError(text(Msg.err_not_data_file, output=output))
    dataset = build_dataset(read_plain(workbook))
    expected = dumps(document(dataset))

    def same(text: str) -> bool:
        """Whether ``text`` reads back as the workbook's dataset."""
        try:
            again = build_dataset(loader.parse_and_check(output, text.encode("utf-8")))
        except DatasetError:
            return False
        return dumps(document(again)) == expected

    last = _last_edition(output)
    if last is None:
        candidates: Iterable[str] = [dump(dataset)]
    else:
        from budgetcli.yamlpatch import patched

        candidates = patched(last, dataset)
    content = next((c for c in candidates if same(c)), None)
    if content is None:  # pragma: no cover - a bug
        raise OutputError(text(Msg.err_not_read_back, output=output))
    if content == last:
        return len(dataset.activities)  # nothing changed: the file stays as it is
    write_atomic(output, content.encode("utf-8"))
    return len(dataset.activities)


def _last_edition(output: Path) -> str | None:
    """The text of the data file already at ``output`` (a regular UTF-8 file), for the
    import to change only what changed; else None."""
    from budgetcli.files import is_stream
    from budgetcli.source import loader

    if is_stream(output):
        return None  # never read: a fifo would wait
    try:
        data = loader.read_bytes(output)  # DatasetError for a missing file or a folder
        # Only a budgetcli data file: a file --force replaces is written afresh.
        return data.decode("utf-8") if data.startswith(_OURS) else None
    except (DatasetError, UnicodeDecodeError):
        return None

"""``budgetcli import``: a workbook in, a YAML data file out, or nothing at all.

The workbook is read and checked (:mod:`budgetcli.source.workbook_import`), written in the data
file's own style (:mod:`budgetcli.yamlwrite`), and the text is read back through the loader
before it is written: what lands on disk is proven to be the dataset the workbook holds.
"""

from __future__ import annotations

from pathlib import Path

from budgetcli.errors import OutputError, UsageError
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
    except FileNotFoundError:
        return True
    except OSError:
        return True  # write_atomic says what is wrong with it
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
        raise OutputError(
            f"refusing to replace {output}: it is not a budgetcli data file; "
            "choose another name, or add --force"
        )
    dataset = build_dataset(read_plain(workbook))
    content = dump(dataset).encode("utf-8")
    again = build_dataset(loader.parse_and_check(output, content))
    if dumps(document(again)) != dumps(document(dataset)):  # pragma: no cover - a bug
        raise OutputError(f"not writing {output}: the YAML would not read back the same")
    write_atomic(output, content)
    return len(dataset.activities)

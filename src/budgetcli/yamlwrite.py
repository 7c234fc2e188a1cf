"""Write a dataset as a data file in the bundled file's own style.

The layout is that of ``data/activities.yaml``: the same order of keys, one field a line,
year cells one a line, short texts plain, long ones folded (``>-``) at 100 columns, the
transcription fields (``printed``, ``remarks``) quoted, a comment line where an appendix and
a section begin. A data file written here and edited by hand, or written again after an
edit in a workbook, changes only where the data changed, so ``git diff`` reads well.

Only the layout is chosen here; every scalar is written so that it reads back as exactly
the same text (:func:`dump` is checked against a re-read by :mod:`budgetcli.cli.commands`).
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from enum import Enum

from budgetcli.controls import ESCAPED_IN_YAML
from budgetcli.model import (
    TEXT_FIELDS,
    Dataset,
    Department,
    FieldKind,
    SourceActivity,
    SourceNote,
    TextCell,
)

WIDTH = 100
"""The longest line a text is written on before it is folded."""
FOLD_WIDTH = 99
"""The longest line of folded text (the bundled file's own habit)."""
_STR_TAG = "tag:yaml.org,2002:str"
_ESCAPE = ESCAPED_IN_YAML


class Style(Enum):
    auto = "auto"
    """Plain where it fits on the line, else folded; quoted where plain would misread."""
    quoted = "quoted"
    """Always double-quoted, on one line."""
    quoted_or_folded = "quoted_or_folded"
    """Double-quoted where it fits on the line, else folded."""


def _analysis(text: str) -> tuple[bool, bool]:
    """(may be a plain block scalar, may be a plain flow scalar) as YAML would read it back."""
    import yaml

    emitter = yaml.emitter.Emitter(io.StringIO(), allow_unicode=True)
    analysis = emitter.analyze_scalar(text)
    resolver = yaml.resolver.Resolver()
    resolved = resolver.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    plain = bool(text) and resolved == _STR_TAG and not analysis.multiline
    return plain and analysis.allow_block_plain, plain and analysis.allow_flow_plain


def quoted(text: str) -> str:
    """A double-quoted scalar: JSON's escapes are YAML's too."""
    encoded = json.dumps(text, ensure_ascii=False)
    return _ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04x}", encoded)


def _foldable(text: str) -> bool:
    """Folding joins lines with one space: only text of single-spaced words survives it."""
    return (
        bool(text)
        and text == text.strip()
        and not any(c in text for c in "\n\t\r")
        and "  " not in text
        and not _ESCAPE.search(text)
    )


def _folded(text: str, indent: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and indent + len(line) + 1 + len(word) > FOLD_WIDTH:
            lines.append(" " * indent + line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(" " * indent + line)
    return lines


def _scalar(text: str, style: Style) -> str:
    """``text`` plain where the style allows and YAML reads it back as it is, else quoted."""
    return text if style is Style.auto and _analysis(text)[0] else quoted(text)


def field(key: str, text: str, indent: int, style: Style = Style.auto) -> list[str]:
    """``key: text`` as one line, or as a folded block when too long."""
    head = " " * indent + f"{key}: "
    fits = len(head) + len(text) <= WIDTH
    if style is Style.quoted or (style is Style.quoted_or_folded and fits):
        return [head + quoted(text)]
    if fits or not _foldable(text):
        return [head + _scalar(text, style)]
    return [f"{head}>-", *_folded(text, indent + 2)]


def _flow_item(text: str) -> str:
    return text if _analysis(text)[1] else quoted(text)


def _flow(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _cells(key: str, cells: dict[int, Decimal | TextCell], indent: int) -> list[str]:
    if not cells:
        return [" " * indent + f"{key}: {{}}"]
    lines = [" " * indent + f"{key}:"]
    for year, cell in cells.items():
        value = f"{{text: {quoted(cell.text)}}}" if isinstance(cell, TextCell) else f"{cell:f}"
        lines.append(" " * (indent + 2) + f"{year}: {value}")
    return lines


def _department(department: Department) -> list[str]:
    lines = [f"  - code: {_flow_item(department.code)}", f"    appendix: {department.appendix}"]
    lines += field("name", department.name, 4)
    lines += field("name_en", department.name_en, 4)
    lines += field("title", department.title, 4, Style.quoted)
    return lines + _items("sections", department.sections)


def _items(key: str, items: tuple[str, ...], style: Style = Style.auto) -> list[str]:
    """An item's block list under ``key``, one entry a line; nothing for no entries."""
    return [f"    {key}:", *(f"      - {_scalar(i, style)}" for i in items)] if items else []


def _note(note: SourceNote) -> list[str]:
    lines = [f"  - id: {_flow_item(note.id)}", f"    department: {_flow_item(note.department)}"]
    lines.append(f"    kind: {note.kind.value}")
    if note.marker is not None:
        lines += field("marker", note.marker, 4, Style.quoted)
    lines += field("text", note.text, 4, Style.quoted_or_folded)
    return lines + _items("links", note.links, Style.quoted)


# The activity's texts as the bundled file writes them: the heading before the name, the
# brief field (the funding decision) quoted, the prose plain where it can be.
_TEXT_STYLES = (
    *((f.key, Style.auto) for f in TEXT_FIELDS if f.kind is FieldKind.heading),
    ("name", Style.auto),
    *(
        (f.key, Style.quoted_or_folded if f.kind is FieldKind.brief else Style.auto)
        for f in TEXT_FIELDS
        if f.kind is not FieldKind.heading
    ),
)


def _activity(activity: SourceActivity) -> list[str]:
    a = activity
    lines = [f"  - id: {_flow_item(a.id)}", f"    department: {_flow_item(a.department)}"]
    for key, style in _TEXT_STYLES:
        value = getattr(a, key)
        if value is not None:
            lines += field(key, value, 4, style)
    lines += _cells("budget", {y: c for y, c in a.budget.items() if c is not None}, 4)
    if a.printed is not None:
        lines += field("printed", a.printed, 4, Style.quoted_or_folded)
    if a.actual:
        lines += _cells("actual", dict(a.actual), 4)
    if a.actual_text is not None:
        lines += field("actual_text", a.actual_text, 4, Style.quoted)
    if a.adjustable:
        lines.append(f"    adjustable: {_flow([str(y) for y in sorted(a.adjustable)])}")
    if a.notes:
        lines.append(f"    notes: {_flow([_flow_item(n) for n in a.notes])}")
    return lines + _items("remarks", a.remarks, Style.quoted)


def _header(dataset: Dataset) -> list[str]:
    example = dataset.first_year + (1 if dataset.last_year > dataset.first_year else 0)
    about = f"# budgetcli dataset: {dataset.title}" if dataset.title else "# budgetcli dataset"
    return [
        about.replace("\n", " "),
        "#",
        "# Year cells under `budget` (and `actual`):",
        f'#   {example}: 1.5                 an amount in {dataset.unit} (write a "." decimal'
        " point; 0 is a real 0)",
        f'#   {example}: {{text: "..."}}       the source prints words, not a number'
        ' ("Driftsbudget")',
        "#   (year left out)           the cell is empty: no amount",
        "# `printed` keeps the year cells exactly as printed (stars included) for checking.",
        "# `adjustable` lists the years whose amount a footnote says may change.",
        "# Check your edits with `budgetcli validate path/to/file.yaml`.",
        "",
    ]


def _appendix_comment(department: Department) -> str:
    label = department.title.partition(":")[0] if ":" in department.title else ""
    label = label if label and len(label) <= 20 else f"appendix {department.appendix}"
    return f"  # {'-' * 64} {label}: {department.code}".replace("\n", " ")


def dump(dataset: Dataset) -> str:
    """The dataset as the text of a data file."""
    lines = _header(dataset)
    if dataset.title:
        lines += field("title", dataset.title, 0)
    if dataset.source:
        lines += field("source", dataset.source, 0)
    lines += ["period:", f"  first: {dataset.first_year}", f"  last: {dataset.last_year}"]
    lines += field("unit", dataset.unit, 0)
    lines += ["", "departments:"]
    for department in dataset.departments:
        lines += _department(department)
    lines += ["", "notes:" if dataset.notes else "notes: []"]
    for index, note in enumerate(dataset.notes):
        if index:
            lines.append("")
        lines += _note(note)
    lines += ["", "activities:" if dataset.activities else "activities: []"]
    departments = {d.code: d for d in dataset.departments}
    current: tuple[str, str | None] | None = None
    for index, activity in enumerate(dataset.activities):
        if index:
            lines.append("")
        if current is None or current[0] != activity.department:
            lines.append(_appendix_comment(departments[activity.department]))
            current = (activity.department, None)
        if activity.section is not None and activity.section != current[1]:
            lines.append(f"  # --- {activity.section} ---".replace("\n", " "))
        current = (activity.department, activity.section)
        lines += _activity(activity)
    return "\n".join(lines) + "\n"

"""Presenter for ``notes``: the source's own footnotes and heading paragraphs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from budgetcli.i18n import Msg, text
from budgetcli.model import Dataset, NoteKind
from budgetcli.reports import Column, Report, Value

KIND_LABEL = {NoteKind.heading: Msg.kind_heading, NoteKind.footnote: Msg.kind_footnote}


def notes_report(dataset: Dataset, departments: Sequence[str]) -> Report:
    rows: list[tuple[Value, ...]] = []
    payload: list[dict[str, Any]] = []
    for note in dataset.notes:
        if departments and note.department not in departments:
            continue
        concerned: list[str]
        shown: Value
        if note.kind is NoteKind.heading:
            concerned = [a.id for a in dataset.activities if a.department == note.department]
            shown = text(Msg.notes_all, department=note.department, count=len(concerned))
        else:
            concerned = [a.id for a in dataset.activities if note.id in a.notes]
            shown = ", ".join(concerned)
        words = note.text + "".join(f" {link}" for link in note.links)
        rows.append((note.id, note.department, text(KIND_LABEL[note.kind]), words, shown))
        payload.append(
            {
                "id": note.id,
                "department": note.department,
                "kind": note.kind.value,
                "marker": note.marker,
                "text": note.text,
                "links": list(note.links),
                "activities": concerned,
            }
        )
    return Report(
        title=text(
            Msg.notes_title_in, question=text(Msg.notes_title), departments=", ".join(departments)
        )
        if departments
        else text(Msg.notes_title),
        columns=(
            Column("id", text(Msg.col_id)),
            Column("department", text(Msg.col_department)),
            Column("kind", text(Msg.col_kind)),
            Column("text", text(Msg.col_text), prose=True),
            Column("activities", text(Msg.col_concerns), prose=True),
        ),
        rows=tuple(rows),
        payload=lambda: payload,
        empty_message=text(Msg.notes_none),
    )

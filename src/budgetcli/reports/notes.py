"""People's view of ``notes``: the source's own footnotes and heading paragraphs."""

from __future__ import annotations

from budgetcli import results
from budgetcli.i18n import Msg, text
from budgetcli.model import Dataset, NoteKind
from budgetcli.reports import Column, Report, Value

KIND_LABEL = {NoteKind.heading: Msg.kind_heading, NoteKind.footnote: Msg.kind_footnote}


def notes_report_of(result: results.Notes, dataset: Dataset) -> Report:
    rows: list[tuple[Value, ...]] = []
    for note in result.rows:
        shown: Value
        if note.kind is NoteKind.heading:
            shown = text(Msg.notes_all, department=note.department, count=len(note.activities))
        else:
            shown = ", ".join(note.activities)
        words = note.text + "".join(f" {link}" for link in note.links)
        rows.append((note.id, note.department, text(KIND_LABEL[note.kind]), words, shown))
    departments = result.filters.department
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
        empty_message=text(Msg.notes_none),
    )

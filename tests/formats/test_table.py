"""The terminal table: piped, never wrapped; on a terminal, fitted (tests/test_presentation.py
checks every command at every width)."""

from __future__ import annotations

from budgetcli.formats import Format, Options, report_writer
from budgetcli.model import Dataset
from budgetcli.reports.activities import list_report


def test_piped_rows_are_never_wrapped(dataset: Dataset) -> None:
    text = report_writer(Format.table)(list_report(dataset, dataset.activities), Options())
    assert isinstance(text, str)
    longest = max(len(a.name) for a in dataset.activities)
    lines = text.splitlines()
    # One line per activity, each with its whole name: nothing folded to a window.
    for activity in dataset.activities:
        assert sum(line.startswith(activity.id + " ") for line in lines) == 1
    assert max(map(len, lines)) > longest
    assert all(line == line.rstrip() for line in lines)


def test_a_terminal_gets_the_width_it_has(dataset: Dataset) -> None:
    report = list_report(dataset, dataset.activities)
    text = report_writer(Format.table)(report, Options(terminal=True, width=70))
    assert isinstance(text, str)
    assert max(len(line) for line in text.splitlines()) <= 70

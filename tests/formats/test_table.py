"""The terminal table: piped, never wrapped; on a terminal, fitted (tests/test_presentation.py
checks every command at every width)."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetcli.formats import Format, Options, report_writer
from budgetcli.model import Dataset
from budgetcli.source.loader import load
from tests.conftest import run
from tests.presenting import list_report


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


# --- issue 32, item 1: a label is data, never rich markup ---------------------------------

HOSTILE_LABELS = ("Puljen [ny]", "Indsats [b]ørn", "[/]", "[bold red]x[/]")
PHISH = "[link=http://evil.example/phish]Socialforvaltningen[/link]"


def _hostile_data(tmp_path: Path) -> Path:
    from tests.conftest import GOOD

    sections = ", ".join(f"'{s}'" for s in HOSTILE_LABELS)
    text = GOOD.replace("sections: [Job og uddannelse]", f"sections: [{sections}]")
    text = text.replace("section: Job og uddannelse", f"section: '{HOSTILE_LABELS[0]}'")
    text = text.replace("name: Økonomiforvaltningen", f"name: '{PHISH}'")
    extra = "".join(
        f"  - {{id: x{n}, department: BIF, section: '{s}', name: '{s}', budget: {{2019: 1}}}}\n"
        for n, s in enumerate(HOSTILE_LABELS[1:])
    )
    path = tmp_path / "data.yaml"
    path.write_text(text + extra, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["chart", "--by", "section"],
        ["chart", "--by", "department"],
        ["total", "--by", "activity"],
        ["total", "--by", "section"],
        ["total", "--by", "department"],
        ["list"],
        ["show", "x0"],
    ],
)
def test_labels_from_the_data_are_printed_literally_never_as_markup(
    tmp_path: Path, args: list[str]
) -> None:
    result = run(*args, "--data", str(_hostile_data(tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert "MarkupError" not in result.stderr
    lines = result.stdout.splitlines()
    shown = [label for label in (*HOSTILE_LABELS, PHISH) if any(label in s for s in lines)]
    if args[0] == "show":
        assert shown == ["Indsats [b]ørn"]
    elif "department" in args:
        assert PHISH in result.stdout
    else:
        assert {"Indsats [b]ørn", "[/]", "[bold red]x[/]"} <= set(shown)


def test_a_link_in_a_label_never_becomes_a_hyperlink_on_a_colour_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from budgetcli.terms import Grouping
    from tests.presenting import chart_report

    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "xterm-256color")
    data = load(_hostile_data(tmp_path), use_cache=False)
    for by in ("department", "section"):
        report = chart_report(data, data.activities, Grouping(by), None)
        text = report_writer(Format.table)(report, Options(terminal=True, width=200))
        assert isinstance(text, str)
        assert "\x1b[" in text  # coloured: the terminal path, where rich renders links
        assert "\x1b]8;" not in text  # OSC 8, a hyperlink
        assert "Indsats [b]ørn" in text or by == "department"
        assert "[link=http://evil.example" in text or by == "section"


def test_a_progress_description_is_shown_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from budgetcli import messages, progress

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    monkeypatch.setattr("sys.stderr", err)
    monkeypatch.setattr(messages, "quiet", False)
    with progress.progress("Writing [/]x\x1b[2J.xlsx", total=2) as bar:
        bar.advance()
    assert "\x1b[2J" not in err.getvalue()

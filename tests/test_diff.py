"""``budgetcli diff OLD NEW``: what changed between two editions, and exit codes as diff(1)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetcli.diff import compare_datasets
from budgetcli.model import Dataset
from budgetcli.results import EditKind as Kind
from budgetcli.source.loader import bundled_data_path
from budgetcli.yamlwrite import dump
from tests.conftest import run
from tests.test_import import edited, export, welcome_house_and_a_copy

BUNDLED = str(bundled_data_path())


def _with(dataset: Dataset, activity_id: str, **changes: Any) -> Dataset:
    activities = tuple(
        a._replace(**changes) if a.id == activity_id else a for a in dataset.activities
    )
    return dataset._replace(activities=activities)


def _written(dataset: Dataset, path: Path) -> str:
    path.write_text(dump(dataset), encoding="utf-8")
    return str(path)


def test_the_same_data_has_no_differences(tmp_path: Path) -> None:
    workbook = export(tmp_path / "budget.xlsx")
    result = run("diff", BUNDLED, str(workbook), "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["rows"] == []
    assert json.loads(result.stdout)["totals"] == []
    assert "no differences" in result.stderr


def test_the_issues_edit_shows_exactly_two_changes(tmp_path: Path) -> None:
    """Welcome House 2020 from 2.5 to 2.7, and Sabaah's row copied under a new id."""
    before = export(tmp_path / "budget.xlsx")
    workbook = edited(before, tmp_path / "next.xlsx", welcome_house_and_a_copy)
    assert run("import", str(workbook), "-o", str(tmp_path / "next.yaml")).exit_code == 0
    after = tmp_path / "next.yaml"
    result = run("diff", BUNDLED, str(after), "--format", "json")
    assert result.exit_code == 1, result.stderr
    answer = json.loads(result.stdout)
    # The workbooks themselves compare alike.
    direct = json.loads(run("diff", str(before), str(workbook), "--format", "json").stdout)
    assert (direct["rows"], direct["totals"]) == (answer["rows"], answer["totals"])
    assert answer["rows"] == [
        {
            "kind": "budget",
            "id": "welcome-house",
            "field": None,
            "year": 2020,
            "old": 2.5,
            "new": 2.7,
            "old_is_text": False,
            "new_is_text": False,
            "difference": 0.2,
        },
        {
            "kind": "added",
            "id": "sabaah-ungdom",
            "field": None,
            "year": None,
            "old": None,
            "new": "Sabaah",
            "old_is_text": False,
            "new_is_text": False,
            "difference": None,
        },
    ]
    # BIF by hand (README's totals): 36.34, 32.28, 19.2, 16.4, 16.1, plus Sabaah's 0.6 a
    # year in the copy, plus 0.2 in 2020.
    totals = {t["year"]: (t["old"], t["new"], t["difference"]) for t in answer["totals"]}
    assert {t["department"] for t in answer["totals"]} == {"BIF"}
    assert totals == {
        2018: (36.34, 36.94, 0.6),
        2019: (32.28, 32.88, 0.6),
        2020: (19.2, 20.0, 0.8),
        2021: (16.4, 17.0, 0.6),
        2022: (16.1, 16.7, 0.6),
    }
    table = run("diff", BUNDLED, str(after))
    assert table.exit_code == 1
    rows = [line.split() for line in table.stdout.splitlines()[3:10]]
    # One precision per table (mio. kr.: three decimals): 0.2 shows as 0.200.
    assert rows[0] == ["budget", "welcome-house", "2020", "2.5", "2.7", "0.200"]
    assert rows[1] == ["added", "sabaah-ungdom", "Sabaah", "–"]
    assert [r[:3] for r in rows[2:]] == [["total", "BIF", str(y)] for y in range(2018, 2023)]
    assert "1 added, 0 removed, 1 changed; 2 changes in all" in table.stdout


def test_removed_renamed_and_fields(dataset: Dataset) -> None:
    without = dataset._replace(
        activities=tuple(a for a in dataset.activities if a.id != "feriecamp")
    )
    changed = _with(without, "sabaah", name="Sabaah (LGBT+)", funding="Budget 2019")
    differences = compare_datasets(dataset, changed)
    assert [(c.kind, c.id, c.field, c.old, c.new) for c in differences.edits] == [
        (Kind.renamed, "sabaah", "name", "Sabaah", "Sabaah (LGBT+)"),
        (Kind.field, "sabaah", "funding", "Budget 2015 og Budget 2019", "Budget 2019"),
        (Kind.removed, "feriecamp", None, "FerieCamp", None),
    ]
    # FerieCamp is 4.4 in 2018 and 1.4 in 2019 (Bilag 3); KFF was 9.85 and 7.45.
    assert [(t.department, t.year, t.old, t.new, t.difference) for t in differences.totals] == [
        ("KFF", 2018, Decimal("9.85"), Decimal("5.45"), Decimal("-4.4")),
        ("KFF", 2019, Decimal("7.45"), Decimal("6.05"), Decimal("-1.4")),
    ]


def test_words_are_never_a_number_in_a_difference(dataset: Dataset) -> None:
    """SUF 2021 is words only (three operating budgets): no total; a number there makes one."""
    activity = next(a for a in dataset.activities if a.id == "forebyggende-hjemmebesoeg")
    budget = {**activity.budget, 2021: Decimal("1.0")}
    differences = compare_datasets(
        dataset, _with(dataset, "forebyggende-hjemmebesoeg", budget=budget)
    )
    (change,) = differences.edits
    assert change.kind is Kind.budget and change.year == 2021
    assert (change.old, change.old_is_text) == ("Driftsbudget", True)
    assert (change.new, change.new_is_text) == (Decimal("1.0"), False)
    assert change.difference is None
    (total,) = differences.totals
    assert (total.department, total.year, total.old, total.new) == ("SUF", 2021, None, Decimal(1))
    assert total.difference is None


def test_an_empty_cell_counts_as_zero_in_a_difference(dataset: Dataset) -> None:
    activity = next(a for a in dataset.activities if a.id == "feriecamp")
    budget = {**activity.budget, 2020: Decimal("0.35")}
    (change,) = compare_datasets(dataset, _with(dataset, "feriecamp", budget=budget)).edits
    assert (change.old, change.new, change.difference) == (None, Decimal("0.35"), Decimal("0.35"))


def test_notes_and_departments(dataset: Dataset) -> None:
    notes = tuple(
        n._replace(text="Ny tekst") if n.id == "buf-flygtningemidler" else n for n in dataset.notes
    )
    departments = tuple(
        d._replace(name_en="Children's Administration") if d.code == "BUF" else d
        for d in dataset.departments
    )
    changed = dataset._replace(notes=notes, departments=departments)
    assert [(c.kind, c.id, c.field, c.new) for c in compare_datasets(dataset, changed).edits] == [
        (Kind.department, "BUF", "name_en", "Children's Administration"),
        (Kind.note, "buf-flygtningemidler", "text", "Ny tekst"),
    ]


def test_yaml_against_yaml_in_every_format(tmp_path: Path, dataset: Dataset) -> None:
    new = _written(_with(dataset, "sabaah", name="Sabaah (LGBT+)"), tmp_path / "new.yaml")
    for fmt in ("table", "json", "csv", "tsv", "markdown"):
        result = run("diff", BUNDLED, new, "--format", fmt)
        assert result.exit_code == 1, (fmt, result.stderr)
        assert "Sabaah (LGBT+)" in result.stdout, fmt
    csv = run("diff", BUNDLED, new, "--format", "csv").stdout.splitlines()
    assert csv == [
        "kind,id,department,field,year,old,new,old_is_text,new_is_text,difference,unit",
        "renamed,sabaah,,name,,Sabaah,Sabaah (LGBT+),false,false,,mio. kr.",
    ]
    # Machine formats never change with the language; the table does.
    assert (
        run("diff", BUNDLED, new, "-f", "json", "--lang", "da").stdout
        == run("diff", BUNDLED, new, "-f", "json").stdout
    )
    assert "omdøbt" in run("diff", BUNDLED, new, "--lang", "da").stdout


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("missing.yaml",), "no such file"),
        (("broken.yaml",), "YAML syntax"),
        (("not.xlsx",), "not an Excel workbook"),
    ],
)
def test_trouble_exits_2_as_diff_does(tmp_path: Path, args: tuple[str, ...], said: str) -> None:
    (tmp_path / "broken.yaml").write_text("period: [\n", encoding="utf-8")
    (tmp_path / "not.xlsx").write_text("hello", encoding="utf-8")
    result = run("diff", BUNDLED, *(str(tmp_path / a) for a in args))
    assert result.exit_code == 2
    assert said in result.stderr and result.stdout == ""


def test_a_usage_error_exits_2(tmp_path: Path) -> None:
    assert run("diff", BUNDLED).exit_code == 2
    assert run("diff", BUNDLED, BUNDLED, "--format", "nope").exit_code == 2


def test_diff_writes_a_file_but_never_over_its_input(tmp_path: Path) -> None:
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(bundled_data_path().read_bytes())
    result = run("diff", BUNDLED, str(copy), "-o", str(copy), "--format", "json")
    assert result.exit_code == 2 and "it is the data file being read" in result.stderr
    assert copy.read_bytes() == bundled_data_path().read_bytes()
    out = tmp_path / "changes.md"
    assert run("diff", BUNDLED, str(copy), "-o", str(out)).exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("**Changes from")


@settings(max_examples=40)
@given(
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=66),
            st.integers(min_value=2018, max_value=2022),
            st.one_of(st.none(), st.decimals(min_value=0, max_value=100, places=3)),
        ),
        max_size=6,
    )
)
def test_the_totals_move_by_the_sum_of_the_cells_differences(
    dataset: Dataset, edits: list[tuple[int, int, Decimal | None]]
) -> None:
    activities = list(dataset.activities)
    for index, year, amount in edits:
        activities[index] = activities[index]._replace(
            budget={**activities[index].budget, year: amount}
        )
    differences = compare_datasets(dataset, dataset._replace(activities=tuple(activities)))
    assert not compare_datasets(dataset, dataset).edits
    departments = {a.id: a.department for a in dataset.activities}
    moved: dict[tuple[str, int], Decimal] = {}
    words: set[tuple[str, int]] = set()  # a cell to or from words has no difference
    for change in differences.edits:
        assert change.kind is Kind.budget and change.year is not None
        key = (departments[change.id], change.year)
        if change.difference is None:
            words.add(key)
        else:
            moved[key] = moved.get(key, Decimal(0)) + change.difference
    for total in differences.totals:
        if total.difference is not None and (total.department, total.year) not in words:
            assert moved.get((total.department, total.year), Decimal(0)) == total.difference
    # Where the cells' differences add up to something, the total moved by that much.
    shown = {(t.department, t.year): t.difference for t in differences.totals}
    for key, amount in moved.items():
        if amount != 0 and key not in words and shown.get(key, Decimal(0)) is not None:
            assert shown[key] == amount


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "0 added, 0 removed, 1 changed; 1 change in all"), ("da", "1 ændring i alt")],
)
def test_one_change_is_said_in_the_singular(tmp_path: Path, lang: str, said: str) -> None:
    # Ny i København 2022 (Bilag 2: 46,4*) edited to 47.4: one change, not "1 changes".
    old = Path(BUNDLED).read_text(encoding="utf-8")
    edited_text = old.replace("      2022: 46.4\n", "      2022: 47.4\n", 1)
    assert edited_text != old
    new = tmp_path / "new.yaml"
    new.write_text(edited_text, encoding="utf-8")
    result = run("diff", BUNDLED, str(new), "--lang", lang)
    assert result.exit_code == 1
    assert said in result.stdout
    assert "1 changes" not in result.stdout and "1 ændringer" not in result.stdout

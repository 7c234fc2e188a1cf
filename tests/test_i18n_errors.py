"""Every error and message for people goes through the catalogue (issue 29, item 7): a broken
data file, a bad workbook, an export that cannot write are said in Danish with ``--lang da``
and in English without, each wording declared once in :class:`budgetcli.i18n.Msg`.

The Danish expected here is written by hand, as a reader would want it, never read back
from the catalogue.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOOD, run
from tests.test_import import columns, edited, export, row_of

# --- no words outside the catalogue ---------------------------------------------------------

_ERRORS = {
    "UsageError",
    "OutputError",
    "DatasetError",
    "NotWholeKronerError",
    "YamlSyntaxError",
    "SheetTooLargeError",
}
"""Errors a user reads: raised with a Text, never with words of their own."""
_SAYERS = {"Problem", "Unreadable", "say", "tell", "note", "progress", "fail", "_fail"}
"""What puts a line (or part of one) in front of people: no words written into the call."""

ALLOWED: set[tuple[str, str]] = set()


def _sentence(written: str) -> bool:
    """Words, not a name or a place (``{table}.csv``, ``about!A1``): letters and a space."""
    return " " in written.strip() and any(c.isalpha() for c in written)


def _words(node: ast.AST) -> str | None:
    """The literal text in ``node`` if it holds words outside its placeholders."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value if _sentence(node.value) else None
    if isinstance(node, ast.JoinedStr):
        parts = "".join(str(v.value) for v in node.values if isinstance(v, ast.Constant))
        return ast.unparse(node)[2:-1] if _sentence(parts) else None
    if isinstance(node, ast.BinOp):
        return _words(node.left) or _words(node.right)
    return None


def _calls_with_words() -> list[tuple[str, int, str]]:
    from budgetcli import i18n

    package = Path(i18n.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called not in _ERRORS | _SAYERS:
                continue
            for arg in [*node.args, *(k.value for k in node.keywords)]:
                said = _words(arg)
                # Parts joined into an error's line are words too, even with no letter of
                # their own (f"{id}: {error}" is the error's English).
                if said is None and called in _ERRORS and isinstance(arg, ast.JoinedStr):
                    joined = "".join(
                        str(v.value) for v in arg.values if isinstance(v, ast.Constant)
                    )
                    said = ast.unparse(arg)[2:-1] if " " in joined else None
                if said is not None:
                    found.append((name, node.lineno, said))
    return found


def test_no_error_or_message_is_worded_outside_the_catalogue() -> None:
    """Each error a user reads (usage, data, output) and each line said to them is a Text:
    a str literal or f-string given to one would stay English under --lang da."""
    worded = [
        (name, line, said)
        for name, line, said in _calls_with_words()
        if not any(name.endswith(where) and said.startswith(start) for where, start in ALLOWED)
    ]
    assert worded == []


def test_the_scan_finds_words_where_they_are() -> None:
    """The scan itself: words given to an error or said are found; a name or a place is not.
    (An ALLOWED entry the scan no longer finds is fixed, and may go.)"""
    tree = ast.parse('OutputError(f"cannot write {p}")\nsay("hi there")\nfail(f"{t}.csv")\n')
    assert [_words(n.args[0]) for n in ast.walk(tree) if isinstance(n, ast.Call)] == [
        "cannot write {p}",
        "hi there",
        None,
    ]


# --- a broken data file ---------------------------------------------------------------------


def _write(tmp_path: Path, text: str, name: str = "bad.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _both(*args: str) -> tuple[Any, Any]:
    # --lang after the command: before it, it stands for BUDGETCLI_LANG in this process.
    return run(*args), run(*args, "--lang", "da")


def test_validate_says_each_problem_in_danish_with_its_file_and_line(tmp_path: Path) -> None:
    # Line 14 is activity a's budget; line 17 holds activity b's name.
    text = GOOD.replace("    budget: {2018: 1.5,", "    budget: {2018: -1.5,").replace(
        "    name: B\n", "    name: B\n    colour: red\n"
    )
    path = _write(tmp_path, text)
    english, danish = _both("validate", str(path))
    assert english.exit_code == danish.exit_code == 1
    assert english.stdout.splitlines() == [
        f"{path}:14: activities[0].budget.2018: amount -1.5 is negative; budgets here are 0 or "
        "more mio. kr.",
        f"{path}:18: activities[1].colour: unknown field 'colour'; fields are actual, "
        "actual_text, adjustable, budget, department, description, expected_effect, funding, "
        "id, name, notes, printed, remarks, section, target_group",
    ]
    assert danish.stdout.splitlines() == [
        f"{path}:14: activities[0].budget.2018: beløbet -1.5 er negativt; budgetterne her er 0 "
        "mio. kr. eller mere",
        f"{path}:18: activities[1].colour: ukendt felt 'colour'; felterne er actual, "
        "actual_text, adjustable, budget, department, description, expected_effect, funding, "
        "id, name, notes, printed, remarks, section, target_group",
    ]
    assert english.stderr == f"budgetcli: 2 problems in {path}\n"
    assert danish.stderr == f"budgetcli: 2 problemer i {path}\n"


@pytest.mark.parametrize(
    ("text", "english", "danish"),
    [
        ("", "the file is empty", "filen er tom; den skal indeholde period, unit"),
        ("\x00\x01", "looks like a binary file", "ligner en binær fil, ikke YAML-tekst"),
        (
            GOOD.replace("    name: A\n", "    name: &n A\n    description: *n\n"),
            "aliases and anchors are not allowed",
            "aliasser og ankre er ikke tilladt i en datafil",
        ),
        (
            GOOD.replace("    name: A\n", "    name: A\n    name: A2\n"),
            "YAML syntax: found the key 'name' twice",
            "fejl i YAML-syntaksen: nøglen 'name' står to gange",
        ),
        (
            GOOD.replace("    name: B\n", "    name: B\n    description: !!bool maybe\n"),
            "expected text, found 'maybe' tagged !!bool, which it cannot be",
            "forventede tekst, fandt 'maybe' med tagget !!bool, hvilket den ikke kan være",
        ),
        (
            GOOD.replace("adjustable: [2019]", "adjustable: [2019, 2019]"),
            "year 2019 is listed twice",
            "året 2019 står to gange",
        ),
        (
            GOOD.replace("department: ØKF\n    name: B", "department: KUF\n    name: B"),
            "unknown department 'KUF'; departments are BIF, ØKF",
            "ukendt forvaltning 'KUF'; forvaltningerne er BIF, ØKF",
        ),
        (
            GOOD.replace("2019: 0.090}", "2019: 0.0900001}"),
            "has more than 6 decimals (0.000001 mio. kr. is one krone",
            "har mere end 6 decimaler (0,000001 mio. kr. er én krone",
        ),
    ],
)
def test_a_broken_data_file_is_one_danish_line(
    tmp_path: Path, text: str, english: str, danish: str
) -> None:
    path = _write(tmp_path, text)
    said = _both("total", "--data", str(path))
    for result, words in zip(said, (english, danish), strict=True):
        assert result.exit_code == 1 and result.stdout == ""
        assert result.stderr.startswith(f"budgetcli: {path}"), result.stderr
        assert words in result.stderr and len(result.stderr.splitlines()) == 1, result.stderr
    assert english not in said[1].stderr


def test_a_missing_file_and_a_directory_are_said_in_danish(tmp_path: Path) -> None:
    missing = tmp_path / "missing.yaml"
    english, danish = _both("total", "--data", str(missing))
    assert english.stderr == (
        f"budgetcli: {missing}: no such file; check the path (without --data, budgetcli reads "
        "its bundled data)\n"
    )
    assert danish.stderr == (
        f"budgetcli: {missing}: filen findes ikke; tjek stien (uden --data læser budgetcli "
        "sine medfølgende data)\n"
    )
    english, danish = _both("total", "--data", str(tmp_path))
    assert english.stderr == f"budgetcli: {tmp_path}: is a directory; name a YAML data file\n"
    assert danish.stderr == f"budgetcli: {tmp_path}: er en mappe; angiv en YAML-datafil\n"
    assert english.exit_code == danish.exit_code == 1


def test_the_language_comes_from_the_environment_too(tmp_path: Path) -> None:
    told = run("total", "--data", str(tmp_path / "nix.yaml"), env={"BUDGETCLI_LANG": "da"})
    assert told.exit_code == 1 and "filen findes ikke" in told.stderr


def test_the_library_error_is_english_whatever_the_cli_said(tmp_path: Path) -> None:
    """str(DatasetError) is for programs and logs: English, as the API documents."""
    from budgetcli import messages
    from budgetcli.errors import DatasetError
    from budgetcli.source.loader import load

    run("total", "--data", str(tmp_path / "nix.yaml"), "--lang", "da")
    assert messages.lang == "da"  # the CLI's language is set...
    with pytest.raises(DatasetError) as error:
        load(tmp_path / "nix.yaml")
    assert str(error.value) == (  # ...and the error's own words stay English
        f"{tmp_path / 'nix.yaml'}: no such file; check the path (without --data, budgetcli "
        "reads its bundled data)"
    )


# --- a bad workbook -------------------------------------------------------------------------


def test_a_bad_workbook_is_named_cell_by_cell_in_danish(tmp_path: Path) -> None:
    rows: list[int] = []

    def twice(book: Any) -> None:
        sheet = book["activities"]
        rows.extend((row_of(sheet, "sabaah"), row_of(sheet, "bydelsmoedre")))
        sheet.cell(rows[1], 1).value = "sabaah"

    def colour(book: Any) -> None:
        sheet = book["activities"]
        sheet.cell(1, sheet.max_column + 1).value = "colour"

    exported = export(tmp_path / "budget.xlsx")
    workbook = edited(exported, tmp_path / "twice.xlsx", twice)
    target = tmp_path / "out.yaml"
    english, danish = _both("import", str(workbook), "-o", str(target))
    assert english.exit_code == danish.exit_code == 1
    # validate's "activities[3]" is the workbook's row, in either language.
    assert english.stderr == (
        f"budgetcli: {workbook}: activities!A{rows[1]}: duplicate id 'sabaah' (first used by "
        f"activities!A{rows[0]})\n"
    )
    assert danish.stderr == (
        f"budgetcli: {workbook}: activities!A{rows[1]}: id'et 'sabaah' står to gange (først "
        f"brugt af activities!A{rows[0]})\n"
    )
    workbook = edited(exported, tmp_path / "colour.xlsx", colour)
    from openpyxl import load_workbook

    sheet = load_workbook(workbook)["activities"]
    cell = sheet.cell(1, columns(sheet)["colour"]).coordinate
    english, danish = _both("validate", str(workbook))
    assert english.stdout == f"{workbook}: activities!{cell}: unknown column 'colour'\n"
    assert danish.stdout == f"{workbook}: activities!{cell}: ukendt kolonne 'colour'\n"
    assert danish.stderr == f"budgetcli: 1 problem i {workbook}\n"
    assert not target.exists()


def test_a_file_that_is_no_workbook_is_said_in_danish(tmp_path: Path) -> None:
    source = tmp_path / "book.xlsx"
    source.write_bytes(b"hello\n")
    told = run("import", str(source), "-o", str(tmp_path / "out.yaml"), "--lang", "da")
    assert told.exit_code == 1
    assert told.stderr == (
        f"budgetcli: {source}: ikke en Excel-projektmappe (.xlsx) af den slags, budgetcli "
        "export skriver\n"
    )


# --- what the exports say -------------------------------------------------------------------


def test_a_sqlite_export_refusing_a_foreign_file_says_so_in_danish(tmp_path: Path) -> None:
    target = tmp_path / "data.db"
    target.write_text("not a database\n", encoding="utf-8")
    english, danish = _both("export", str(target), "--format", "sqlite")
    assert english.exit_code == danish.exit_code == 1
    assert english.stderr == (
        f"budgetcli: refusing to replace {target}: it exists and is not a SQLite database; "
        "remove it, choose another name, or add --force\n"
    )
    assert danish.stderr == (
        f"budgetcli: erstatter ikke {target}: filen findes og er ikke en SQLite-database; "
        "fjern den, vælg et andet navn, eller tilføj --force\n"
    )
    assert target.read_text(encoding="utf-8") == "not a database\n"


def test_the_datasette_metadata_cannot_be_the_database_in_danish(tmp_path: Path) -> None:
    database = tmp_path / "data.sqlite"
    told = run("export", str(database), "--datasette-metadata", str(database), "--lang", "da")
    assert told.exit_code == 1
    assert told.stderr == (
        f"budgetcli: skriver ikke {database}: det er databasen {database} eller dens journal; "
        "angiv en anden fil\n"
    )


def test_a_journal_account_shared_by_two_activities_is_said_in_danish(dataset: Any) -> None:
    from budgetcli.errors import OutputError
    from budgetcli.formats.journal import accounts
    from budgetcli.i18n import Text, Tr

    first = dataset.activities[0]
    twin = dataset.activities[1]._replace(id=f"{first.id};", department=first.department)
    with pytest.raises(OutputError) as error:
        accounts(dataset._replace(activities=(first, twin)))
    account = f"expenses:{first.department}:{first.id}"
    assert str(error.value) == (
        f"activities {first.id!r} and {twin.id!r} would share the hledger account {account}; "
        "give one of them another id"
    )
    assert isinstance(error.value.text, Text)
    assert Tr("da").text(error.value.text) == (
        f"aktiviteterne {first.id!r} og {twin.id!r} ville dele hledger-kontoen {account}; "
        "giv en af dem et andet id"
    )

"""The API composes every answer: the command line's JSON is the API's result, the API is as
strict as the command line, and the options every command shares work everywhere."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from budgetcli import api
from budgetcli.errors import UsageError
from budgetcli.formats.json import dumps
from budgetcli.source.loader import bundled_data_path
from tests.conftest import run

BUNDLED = str(bundled_data_path())


# --- the CLI is a view of the API ------------------------------------------------------------

ASKED: list[tuple[tuple[str, ...], Any]] = [
    (("list", "-d", "BIF"), lambda: api.list_activities(department="BIF")),
    (("show", "welcome-house"), lambda: api.show("welcome-house")),
    (
        ("total", "--year", "2020", "--by", "department"),
        lambda: api.total(year=2020, by="department"),
    ),
    (("compare", "2019", "2022"), lambda: api.compare(2019, 2022)),
    (
        ("expiring", "--summary", "--by", "department"),
        lambda: api.expiring(summary=True, by="department"),
    ),
    (("notes", "-d", "SOF"), lambda: api.notes(department="SOF")),
    (
        ("chart", "--by", "department", "--year", "2020"),
        lambda: api.chart(by="department", year=2020),
    ),
    (("diff", BUNDLED, BUNDLED), lambda: api.diff(BUNDLED, BUNDLED)),
]


@pytest.mark.parametrize(("args", "asked"), ASKED, ids=[a[0][0] for a in ASKED])
def test_the_commands_json_is_the_apis_result(args: tuple[str, ...], asked: Any) -> None:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == dumps(asked().to_dict()) + "\n"


def test_every_command_with_json_has_a_schema_its_answer_meets() -> None:
    for args, _ in ASKED:
        schema = json.loads(run("schema", args[0]).stdout)
        answer = json.loads(run(*args, "--format", "json").stdout)
        jsonschema.validate(answer, schema)
        assert answer["command"] == args[0] and answer["schema_version"] == 1


def test_diff_is_a_result_with_the_envelope(tmp_path: Path) -> None:
    edited = tmp_path / "next.yaml"
    edited.write_text(
        Path(BUNDLED).read_text(encoding="utf-8").replace("name: Sabaah\n", "name: Sabaah+\n"),
        encoding="utf-8",
    )
    result = run("diff", BUNDLED, str(edited), "--format", "json")
    assert result.exit_code == 1
    answer = json.loads(result.stdout)
    assert [(r["kind"], r["id"], r["old"], r["new"]) for r in answer["rows"]] == [
        ("renamed", "sabaah", "Sabaah", "Sabaah+")
    ]
    assert answer["totals"] == [] and answer["footnotes"]
    jsonschema.validate(answer, json.loads(run("schema", "diff").stdout))
    # csv: the department column is a department, never an id.
    header = run("diff", BUNDLED, str(edited), "--format", "csv").stdout.splitlines()[0]
    assert header.split(",")[:3] == ["kind", "id", "department"]


# --- the API is as strict as the command line -------------------------------------------------


def test_an_unknown_keyword_is_a_type_error_not_the_whole_city() -> None:
    with pytest.raises(TypeError, match=r"departmnt.*did you mean 'department'"):
        api.total(year=2020, departmnt="BUF")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="fields"):
        api.list_activities(fields="id")  # type: ignore[call-arg]


@pytest.mark.parametrize(
    "asked",
    [
        lambda: api.total(top=-1),
        lambda: api.total(top=0),
        lambda: api.total(basis="foo"),
        lambda: api.total(by="colour"),
        lambda: api.total(unit="dkk"),
        lambda: api.compare(2019, 2022, by=None),  # type: ignore[arg-type]
        lambda: api.compare(2020, 2020),
        lambda: api.expiring(by="department"),
        lambda: api.expiring(summary=True, year=2020),
        lambda: api.total(year="twenty"),  # type: ignore[arg-type]
        lambda: api.total(year=1999),
    ],
)
def test_a_wrong_value_is_a_usage_error(asked: Any) -> None:
    with pytest.raises(UsageError):
        asked()


BY: dict[str, Any] = {
    "total": lambda by: api.total(by=by),
    "compare": lambda by: api.compare(2019, 2022, by=by),
    "expiring": lambda by: api.expiring(summary=True, by=by),
    "chart": lambda by: api.chart(by=by, top=3),
}


@pytest.mark.parametrize("command", BY)
def test_the_command_line_offers_the_groupings_the_api_takes(command: str) -> None:
    from budgetcli.cli.grammar import COMMANDS
    from budgetcli.terms import Grouping

    by = next(p for p in COMMANDS[command].every_param() if p.name == "by")
    assert by.parse is not None and by.metavar is not None
    for grouping in Grouping:
        try:
            BY[command](grouping.value)
        except UsageError:
            taken = False
        else:
            taken = True
        try:
            by.parse(grouping.value)
        except ValueError:
            offered = False
        else:
            offered = True
        assert offered == taken, (command, grouping)
        assert (grouping.value in by.metavar) == taken


def test_a_year_as_text_is_read_as_the_command_line_reads_it() -> None:
    answer = api.total(year="2020")  # type: ignore[arg-type]
    assert answer.total.years[0].amount == Decimal("111.037")


def test_the_expiring_summary_by_department_is_the_apis_too() -> None:
    rows = api.expiring(summary=True, by="department").summary
    assert all(row.department is not None for row in rows)
    # Summed by hand: 2020 ends 4.135 (BIF 2.0 + BUF 2.135? see the source) over every department.
    by_year: dict[int, Decimal] = {}
    for row in rows:
        by_year[row.last_funded_year] = by_year.get(row.last_funded_year, Decimal(0)) + row.amount
    assert by_year[2020] == Decimal("4.135")


# --- options every command shares -----------------------------------------------------------


def test_quiet_silences_diff_and_import(tmp_path: Path) -> None:
    workbook = tmp_path / "budget.xlsx"
    assert run("export", str(workbook)).exit_code == 0
    imported = run("import", str(workbook), "-o", str(tmp_path / "next.yaml"), "-q")
    assert imported.exit_code == 0 and imported.stderr == ""
    differ = run("diff", BUNDLED, str(tmp_path / "next.yaml"), "-q", "--format", "csv")
    assert differ.stderr == ""
    loud = run("import", str(workbook), "-o", str(tmp_path / "again.yaml"))
    assert "wrote" in loud.stderr


def _edited() -> str:
    """The bundled data with Ny i København's 2020 at 47.4 where the source prints 46.4: the
    city's 2020 is 111.037 + 1 = 112.037, so that answer comes only from the data given."""
    bundled = Path(BUNDLED).read_text(encoding="utf-8")
    assert bundled.count("      2020: 46.4\n") == 1
    return bundled.replace("      2020: 46.4\n", "      2020: 47.4\n")


def test_lang_data_and_quiet_before_the_command(tmp_path: Path) -> None:
    danish = run("--lang", "da", "total", "--year", "1999")
    assert danish.exit_code == 2 and "findes ikke" in danish.stderr
    edited = tmp_path / "edited.yaml"
    edited.write_text(_edited(), encoding="utf-8")
    before = run("--data", str(edited), "-q", "total", "--year", "2020", "--format", "csv")
    assert before.exit_code == 0 and before.stderr == ""
    assert "112.037" in before.stdout and "111.037" not in before.stdout
    # After the command, the command's own wins.
    assert "no year 1999" in run("--lang", "da", "total", "--year", "1999", "--lang", "en").stderr


def test_a_dash_is_standard_input_for_data_and_standard_output_for_output(
    tmp_path: Path,
) -> None:
    piped = subprocess.run(
        [
            sys.executable,
            "-m",
            "budgetcli",
            "total",
            "-y",
            "2020",
            "--data",
            "-",
            "-f",
            "json",
            "-o",
            "-",
        ],
        input=_edited().encode(),
        capture_output=True,
        cwd=tmp_path,
        check=False,
    )
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["total"]["years"][0]["amount"] == 112.037
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "danish"),
    [
        (("expiring", "--summary", "--year", "2020"), "dækker alle år"),
        (("expiring", "--by", "department"), "hører sammen med --summary"),
        (("total", "--by", "department,section", "--top", "3"), "udelad --sort og --top"),
        (("report", "-o", "report.txt"), "HTML-side"),
        (("schema", "nothing"), "intet skema"),
    ],
)
def test_usage_errors_in_danish(args: tuple[str, ...], danish: str) -> None:
    result = run(*args, "--lang", "da") if args[0] != "schema" else run("--lang", "da", *args)
    assert result.exit_code == 2
    assert danish in result.stderr, result.stderr


def test_wrote_file_in_danish(tmp_path: Path) -> None:
    out = tmp_path / "t.csv"
    result = run("total", "--year", "2020", "-o", str(out), "--lang", "da")
    assert result.exit_code == 0 and f"skrev {out}" in result.stderr


def test_every_command_takes_quiet_and_lang_after_it() -> None:
    from budgetcli.cli.grammar import COMMANDS, LANG, QUIET, ROOT

    for name, command in COMMANDS.items():
        params = command.every_param()
        assert QUIET in params and LANG in params, name
    assert {QUIET, LANG} <= set(ROOT.every_param())


@pytest.mark.parametrize("fmt", ["csv", "tsv", "ndjson"])
def test_the_expiring_summary_is_the_rows_of_a_flat_format(fmt: str) -> None:
    import csv
    import io

    out = run("expiring", "--summary", "--by", "department", "-f", fmt).stdout
    if fmt == "ndjson":
        rows = [json.loads(line) for line in out.splitlines()]
    else:
        rows = list(csv.DictReader(io.StringIO(out), delimiter="," if fmt == "csv" else "\t"))
    assert rows and all(set(r) >= {"last_funded_year", "department", "amount"} for r in rows)
    # What stops after 2020, by the hand sum: 4.135 mio. kr. over the departments.
    ending_2020 = sum(Decimal(str(r["amount"])) for r in rows if int(r["last_funded_year"]) == 2020)
    assert ending_2020 == Decimal("4.135")


def test_an_empty_expiring_summary_still_has_its_header() -> None:
    # Welcome House is funded to 2022: nothing of it ends.
    result = run("expiring", "--summary", "-s", "welcome house", "-f", "csv")
    assert result.stdout.splitlines() == [
        "last_funded_year,department,department_name,activities,amount,ids,unit"
    ]


def test_output_errors_in_danish(tmp_path: Path) -> None:
    into_a_folder = run("total", "-o", str(tmp_path), "--lang", "da")
    assert into_a_folder.exit_code == 1
    assert f"kan ikke skrive {tmp_path}: det er en mappe; angiv en fil" in into_a_folder.stderr
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(Path(BUNDLED).read_bytes())
    over_the_input = run(
        "export", str(copy), "--format", "json", "--data", str(copy), "--lang", "da"
    )
    assert over_the_input.exit_code == 1
    assert (
        "skriver ikke" in over_the_input.stderr
        and "den datafil, der læses" in over_the_input.stderr
    )
    # In English as before.
    assert "it is a directory" in run("total", "-o", str(tmp_path)).stderr


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (("-o", "."), "it is a directory"),
        (("--fields", "id"), "--fields and --layout go with csv, tsv, ndjson and json"),
    ],
)
def test_diff_settles_its_output_as_every_command_does(options: tuple[str, ...], said: str) -> None:
    data = str(bundled_data_path())
    for command in (("total",), ("diff", data, data)):
        result = run(*command, *options)
        assert result.exit_code in (1, 2) and said in result.stderr, command
        assert result.stdout == ""

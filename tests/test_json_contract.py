"""The contract for scripts (README, "For scripts"): every command's JSON meets its schema
for every option combination the tests know, and the schema declares every key it has; a
record with a key dropped fails, one with a key added passes (readers ignore new keys);
the API's documents equal the CLI's; machine formats never change with the language or
the terminal; quiet is quiet; number columns hold numbers for pandas and DuckDB."""

from __future__ import annotations

import copy
import io
import json
from decimal import Decimal
from typing import Any

import jsonschema
import pytest

from budgetcli import api
from budgetcli.formats import SPECS
from budgetcli.results.schema import DOCUMENTS, schema_for
from tests.conftest import COMMANDS, run, run_json

CASES: list[tuple[str, ...]] = [
    ("list",),
    ("list", "-d", "BUF"),
    ("list", "--year", "2021", "-d", "SUF"),
    ("list", "-s", "flygtning", "--sort", "-2020", "--top", "3"),
    ("list", "--section", "Job og uddannelse", "--unit", "kr"),
    ("list", "-s", "no-such-words-anywhere"),
    ("expiring",),
    ("expiring", "--year", "2019", "-d", "BIF"),
    ("show", "welcome-house"),
    ("show", "igu"),
    ("show", "forebyggende-hjemmebesoeg"),
    ("total",),
    ("total", "--year", "2020"),
    ("total", "--year", "2021", "--by", "department"),
    ("total", "--by", "section", "-d", "BIF"),
    ("total", "--by", "funding", "--year", "2019"),
    ("total", "--by", "activity", "--sort", "-total", "--top", "5"),
    ("total", "--year", "2018", "--basis", "actual", "-d", "ØKF"),
    ("compare", "2019", "2022"),
    ("compare", "2018", "2021", "--by", "activity", "-d", "SUF"),
    ("compare", "2019", "2020", "--by", "section", "--unit", "tkr"),
    ("notes",),
    ("notes", "-d", "SOF"),
    ("chart",),
    ("chart", "--by", "department", "--year", "2020"),
    # issue 21: search as people type (close spellings, nothing found), show by name,
    # --top the largest, --percent, funding decisions overlapping
    ("list", "-s", "bydelsmøder"),
    ("list", "-s", "Wlcm Hs"),
    ("list", "--top", "3"),
    ("expiring", "--top", "2", "-s", "kontanthjalp"),
    ("show", "Welcome House"),
    ("show", "kontanthjalp"),
    ("total", "--year", "2020", "--by", "funding", "--percent"),
    ("total", "--by", "department", "--top", "2", "--percent"),
    ("total", "--year", "2019", "-s", "welcome hose"),
    ("compare", "2019", "2020", "--percent", "-s", "flygtninge"),
    ("expiring", "--summary"),
    ("total", "--year", "2019", "--by", "department,section"),
    ("total", "--by", "department,section,activity", "--percent", "-d", "BIF"),
    ("total", "--year", "2020", "--by", "funding,department"),
    ("compare", "2019", "2020", "--by", "department,section", "--percent"),
    ("expiring", "--summary", "--by", "department", "-d", "BIF"),
]


@pytest.mark.parametrize("args", CASES, ids=" ".join)
def test_every_document_meets_its_schema(args: tuple[str, ...]) -> None:
    document = run_json(*args)
    assert document["command"] == args[0]
    jsonschema.Draft202012Validator(schema_for(args[0])).validate(_floats(document))
    jsonschema.Draft202012Validator(closed(schema_for(args[0]))).validate(_floats(document))


def closed(schema: Any) -> Any:
    """The schema with every record closed (no key it does not list): what the output of
    this version has exactly, while the published schema lets a reader meet later keys."""
    if isinstance(schema, dict):
        out = {key: closed(value) for key, value in schema.items()}
        if out.get("type") == "object" and "properties" in out:
            out["additionalProperties"] = False
        return out
    if isinstance(schema, list):
        return [closed(item) for item in schema]
    return schema


def _floats(document: Any) -> Any:
    """jsonschema's "number" wants int or float, not Decimal."""
    return json.loads(json.dumps(document, default=float))


def test_the_schemas_are_valid_draft_2020_12() -> None:
    for command in DOCUMENTS:
        jsonschema.Draft202012Validator.check_schema(schema_for(command))


def test_schema_command_prints_the_schema() -> None:
    result = run("schema", "total")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == schema_for("total")
    assert run("schema", "nope").exit_code == 2


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (("list", "-d", "KFF"), ("rows", 0)),
        (("total", "--by", "department"), ("rows", 0)),
        (("total", "--by", "department"), ("total", "years", 0)),
        (("compare", "2019", "2022"), ("rows", 0)),
        (("notes",), ("rows", 0)),
        (("show", "igu"), ("rows", 0, "budget", 0)),
    ],
)
def test_a_record_with_a_key_dropped_fails_and_one_added_is_read_past(
    args: tuple[str, ...], where: tuple[str | int, ...]
) -> None:
    document = _floats(run_json(*args))
    validator = jsonschema.Draft202012Validator(schema_for(args[0]))
    validator.validate(document)

    def record(doc: Any) -> dict[str, Any]:
        for step in where:
            doc = doc[step]
        assert isinstance(doc, dict)
        return doc

    dropped = copy.deepcopy(document)
    del record(dropped)[next(iter(record(dropped)))]
    assert not validator.is_valid(dropped)
    added = copy.deepcopy(document)
    record(added)["surprise"] = 1
    # Adding a key is not a change of schema_version: the published schema accepts it ...
    assert validator.is_valid(added)
    # ... and the output of this version has no key its schema does not declare.
    assert not jsonschema.Draft202012Validator(closed(schema_for(args[0]))).is_valid(added)


def test_one_shape_whatever_the_year() -> None:
    one = run_json("total", "--year", "2020", "--by", "department")
    every = run_json("total", "--by", "department")
    assert one.keys() == every.keys()
    assert one["filters"]["year"] == 2020
    assert one["years"] == [2020]
    # Hand sum of the source's 2020 column, every appendix: 111.037 mio. kr.
    assert one["total"]["years"][0]["amount"] == Decimal("111.037")
    assert every["total"]["total"]["amount"] == Decimal("553.087")


def test_words_only_is_none_in_the_api_and_null_in_json() -> None:
    result = api.total(year=2021, by="department")
    suf = next(g for g in result.rows if g.key == "SUF")
    assert suf.years[0].amount is None
    assert suf.years[0].kind.value == "words"
    assert len(suf.years[0].not_quantified) == 3
    tmf = next(g for g in result.rows if g.key == "TMF")
    assert tmf.years[0].amount == 0  # TMF prints 0 in 2021: a number, not words
    cli = run_json("total", "--year", "2021", "--by", "department")
    assert result.to_dict() == cli
    assert next(r for r in cli["rows"] if r["key"] == "SUF")["years"][0]["amount"] is None


@pytest.mark.parametrize(
    ("call", "args"),
    [
        (lambda: api.list_activities(department="BUF"), ("list", "-d", "BUF")),
        (
            lambda: api.list_activities(search="flygtning", top=4),
            ("list", "-s", "flygtning", "--top", "4"),
        ),
        (lambda: api.show("welcome-house"), ("show", "welcome-house")),
        (
            lambda: api.compare(2019, 2022, by="activity"),
            ("compare", "2019", "2022", "--by", "activity"),
        ),
        (lambda: api.expiring(year=2019), ("expiring", "--year", "2019")),
        (lambda: api.notes(department="SUF"), ("notes", "-d", "SUF")),
        (lambda: api.total(unit="kr", by="section"), ("total", "--unit", "kr", "--by", "section")),
        (
            lambda: api.total(year=2020, by="funding", search="budget 18"),
            ("total", "--year", "2020", "--by", "funding", "-s", "budget 18"),
        ),
        (lambda: api.expiring(top=3), ("expiring", "--top", "3")),
        (
            lambda: api.total(year=2019, by="department,section"),
            ("total", "--year", "2019", "--by", "department,section"),
        ),
        (
            lambda: api.compare(2019, 2020, by="department,section"),
            ("compare", "2019", "2020", "--by", "department,section"),
        ),
        (lambda: api.show("bydelsmødre"), ("show", "bydelsmødre")),
        (lambda: api.list_activities(search="Wlcm Hs"), ("list", "-s", "Wlcm Hs")),
    ],
)
def test_the_api_gives_the_cli_documents(call: Any, args: tuple[str, ...]) -> None:
    assert call().to_dict() == run_json(*args)


# Every command that answers, with arguments that give it rows, footnotes, words of the
# tool's own, a name found by search, and nothing at all.
QUESTIONS = [
    ["list"],
    ["list", "-d", "SUF"],
    ["show", "igu-elev"],
    ["show", "igu"],
    ["show", "forebyggende-hjemmebesoeg"],
    ["total"],
    ["total", "--by", "department"],
    ["total", "--year", "2021", "--by", "department"],
    ["total", "--by", "section"],
    ["total", "--by", "funding", "--basis", "actual"],
    ["compare", "2019", "2022"],
    ["compare", "2019", "2022", "--by", "activity"],
    ["compare", "2018", "2020"],
    ["expiring"],
    ["notes"],
    ["notes", "-d", "TMF"],
    ["chart", "--by", "section"],
    ["chart", "--by", "department", "--year", "2021"],
]


def test_every_command_is_among_the_questions() -> None:
    asked = {q[0] for q in QUESTIONS}
    # export, validate, report and import write files or say ok; diff compares two files
    # (tests/test_diff.py checks its json in Danish); schema is pinned (test_pinned_contract).
    assert asked == set(COMMANDS) - {"export", "validate", "report", "schema", "import", "diff"}


# Every machine format that shows answers, from the registry. The Danish spreadsheet
# dialect is a human format of its own (csv-da): --lang never turns csv into it.
MACHINE = [s.format.value for s in SPECS.values() if not s.human and s.report_writer]


def test_the_machine_formats_are_json_ndjson_csv_and_tsv() -> None:
    assert MACHINE == ["json", "ndjson", "csv", "tsv"]


@pytest.mark.parametrize("fmt", MACHINE)
@pytest.mark.parametrize("question", QUESTIONS, ids=" ".join)
def test_machine_formats_never_change_with_language_or_terminal(
    fmt: str, question: list[str]
) -> None:
    plain = run(*question, "-f", fmt)
    assert plain.exit_code == 0
    # Something to compare, but where there is nothing: no notes in TMF, no ndjson lines.
    assert plain.stdout or (fmt, question) == ("ndjson", ["notes", "-d", "TMF"])
    # Danish by option and by environment; a narrow terminal; the C locale. Two runs hold
    # the four: a difference caused by any one of them shows.
    for extra, env in (
        (("--lang", "da"), {"COLUMNS": "40"}),
        ((), {"BUDGETCLI_LANG": "da", "LC_ALL": "C", "LANG": "C"}),
    ):
        other = run(*question, "-f", fmt, *extra, env=env)
        assert other.exit_code == 0 and other.stdout == plain.stdout, (extra, env)


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("list", "--format", "csv", "-q"), None),
        (("-q", "list", "--format", "csv"), None),
        (("total", "--year", "2020", "--quiet"), None),
        (("total", "--year", "2020", "-f", "csv"), {"BUDGETCLI_QUIET": "1"}),
        (("list", "-s", "no-such-words-anywhere", "-q"), None),
    ],
)
def test_quiet_leaves_stderr_empty(args: tuple[str, ...], env: dict[str, str] | None) -> None:
    result = run(*args, env=env)
    assert result.exit_code == 0
    assert result.stderr == ""


def test_without_quiet_the_notes_stay_on_stderr() -> None:
    result = run("total", "--year", "2020", "-f", "csv")
    assert "note: " in result.stderr
    assert "forebyggende-hjemmebesoeg" in result.stderr


def test_ndjson_is_one_record_a_line_the_total_last() -> None:
    result = run("total", "--by", "department", "-f", "ndjson")
    lines = [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]
    assert [r["key"] for r in lines] == ["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF", None]
    assert lines[-1]["row"] == "total"
    assert lines[-1]["total"]["amount"] == Decimal("553.087")
    assert run("total", "-f", "jsonl").stdout == run("total", "-f", "ndjson").stdout


def test_long_layout_is_a_row_per_activity_and_year() -> None:
    result = run("list", "-d", "SUF", "-f", "ndjson", "--layout", "long")
    rows = [json.loads(line, parse_float=Decimal) for line in result.stdout.splitlines()]
    assert len(rows) == 6 * 5  # six SUF activities, five years
    diabetes_2019 = next(r for r in rows if r["id"] == "center-for-diabetes" and r["year"] == 2019)
    assert diabetes_2019["amount"] is None
    assert diabetes_2019["kind"] == "words"
    assert diabetes_2019["words"] == "Driftsbudget for Center for Diabetes"
    assert diabetes_2019["department_name"] == "Sundheds- og Omsorgsforvaltningen"


def test_fields_select_columns_and_unknown_ones_are_a_usage_error() -> None:
    result = run("list", "-d", "TMF", "-f", "csv", "--fields", "id,2018")
    assert result.stdout.splitlines()[0] == "id,2018"
    bad = run("list", "-f", "csv", "--fields", "id,nope")
    assert bad.exit_code == 2
    assert "nope" in bad.stderr and "department_name" in bad.stderr
    people = run("list", "--fields", "id")
    assert people.exit_code == 2


pandas = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")

NUMERIC_CASES = [
    (("list",), ["2018", "2019", "2020", "2021", "2022", "total"]),
    (("expiring",), ["2018", "2019", "2020", "2021", "2022", "total"]),
    (("total", "--by", "department"), ["2018", "2019", "2020", "2021", "2022", "total"]),
    (("total", "--by", "activity"), ["2018", "2019", "2020", "2021", "2022", "total"]),
    (("compare", "2019", "2022"), ["2019", "2022", "change", "change_pct"]),
    (("compare", "2019", "2022", "--by", "activity"), ["2019", "2022", "change", "change_pct"]),
]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize(("args", "columns"), NUMERIC_CASES, ids=" ".join)
def test_pandas_and_duckdb_read_numbers_as_numbers(
    fmt: str, args: tuple[str, ...], columns: list[str], tmp_path: Any
) -> None:
    out = run(*args, "-f", fmt).stdout
    frame = pandas.read_csv(io.StringIO(out), sep="," if fmt == "csv" else "\t")
    for column in columns:
        assert pandas.api.types.is_numeric_dtype(frame[column]), column
    path = tmp_path / f"x.{fmt}"
    path.write_text(out, encoding="utf-8")
    described = duckdb.sql(f"describe select * from read_csv('{path}')").fetchall()
    types = {name: kind for name, kind, *_ in described}
    for column in columns:
        assert types[column] in ("DOUBLE", "BIGINT", "DECIMAL(18,3)", "INTEGER"), (column, types)


def test_pandas_department_sums_equal_total_by_department() -> None:
    listed = pandas.read_csv(io.StringIO(run("list", "-f", "csv").stdout), dtype={"2021": str})
    totals = run_json("total", "--year", "2021", "--by", "department")
    for row in totals["rows"]:
        cells = listed.loc[listed["department"] == row["key"], "2021"].dropna()
        expected = row["years"][0]["amount"]
        if expected is None:  # SUF 2021: words only
            assert cells.empty
        else:
            assert sum((Decimal(c) for c in cells), Decimal(0)) == expected


POSING = """\
period: {first: 2018, last: 2019}
unit: mio. kr.
departments: [{code: BIF, appendix: 1, name: Beskæftigelses- og Integrationsforvaltningen}]
activities:
  - {id: total, department: BIF, name: total, funding: (not stated), budget: {2018: 1.5, 2019: 2}}
  - {id: plain, department: BIF, name: Plain, budget: {2018: 1, 2019: 1}}
"""


def test_no_data_value_can_pose_as_the_total_or_a_nameless_group(tmp_path: Any) -> None:
    data = tmp_path / "posing.yaml"
    data.write_text(POSING, encoding="utf-8")
    by_activity = run("total", "--by", "activity", "-f", "csv", "--data", str(data), "-q")
    rows = [line.split(",")[:2] for line in by_activity.stdout.splitlines()[1:]]
    assert rows == [["group", "total"], ["group", "plain"], ["total", ""]]
    by_funding = run_json("total", "--by", "funding", "--data", str(data))
    keys = [(r["row"], r["key"]) for r in by_funding["rows"]]
    # The printed text "(not stated)" is a funding of its own; "plain" states none (key null).
    assert keys == [("group", "(not stated)"), ("group", None)]
    assert by_funding["total"]["key"] is None


def test_quiet_silences_the_file_commands_too(tmp_path: Any) -> None:
    for args in (
        ("validate", "-q"),
        ("export", str(tmp_path / "all.json"), "-q"),
        ("report", "-o", str(tmp_path / "report.html"), "-q"),
        ("list", "-o", str(tmp_path / "list.csv"), "--quiet"),
    ):
        result = run(*args)
        assert result.exit_code == 0, args
        assert result.stderr == "", args
    assert "wrote" in run("export", str(tmp_path / "again.json")).stderr  # not quiet: said

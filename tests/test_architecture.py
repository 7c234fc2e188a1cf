"""The shape of the package: imports go one way (no circle, imports inside functions
included), the formats never ask the queries, and facts are declared once."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "budgetcli"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _imports(name: str) -> set[str]:
    """Every budgetcli module ``name`` imports, anywhere in it, and their packages."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            targets = [
                f"{node.module}.{alias.name}"
                if f"{node.module}.{alias.name}" in MODULES
                else node.module
                for alias in node.names
            ]
        for target in targets:
            module = target
            while module.startswith("budgetcli"):
                if module in MODULES and module != name:
                    found.add(module)
                module = module.rpartition(".")[0]
    # A package's own __init__ is imported before its modules: not an edge back.
    return {t for t in found if not name.startswith(t + ".")}


GRAPH = {name: _imports(name) for name in MODULES}


def test_no_import_circle() -> None:
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for target in sorted(GRAPH[name]):
            if state.get(target) == 1:
                circles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[name] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    assert circles == []


def test_no_format_runs_the_queries() -> None:
    writers = [n for n in GRAPH if n.startswith("budgetcli.formats")]
    assert [n for n in writers if "budgetcli.queries" in GRAPH[n]] == []


def test_no_format_reads_the_filters_either() -> None:
    writers = [n for n in GRAPH if n.startswith("budgetcli.formats")]
    assert [n for n in writers if "budgetcli.filtering" in GRAPH[n]] == []


def test_the_typed_records_of_the_filters_name_the_declared_filters() -> None:
    from budgetcli import api, results
    from budgetcli.filtering import FILTERS

    assert list(results.Filters._fields) == [f.name for f in FILTERS]
    # Each filter's words are found by its name.
    from budgetcli.i18n import DA, EN

    for f in FILTERS:
        for key in (f"filter_{f.name}", f"report_f_{f.name}"):
            assert key in EN and key in DA, key
    # The year is each question's own keyword in the API (a filter only for list).
    assert set(api.Selecting.__annotations__) >= {f.name for f in FILTERS} - {"year"}


def test_the_command_line_offers_every_declared_filter() -> None:
    from budgetcli.cli.grammar import COMMANDS
    from budgetcli.filtering import FILTERS

    for name in ("list", "report"):
        offered = {p.name: p.flags for p in COMMANDS[name].every_param()}
        assert {f.name: offered.get(f.name) for f in FILTERS} == {f.name: f.flags for f in FILTERS}


def test_the_activity_fields_are_spelled_in_three_modules_at_most() -> None:
    # The Activity record and the field declaration (model), the answer's record (results)
    # and the labels (i18n): every other reader and writer loops over model.TEXT_FIELDS.
    for field in ("expected_effect", "target_group"):
        holders = sorted(
            name for name, path in MODULES.items() if field in path.read_text(encoding="utf-8")
        )
        assert holders == ["budgetcli.i18n", "budgetcli.model", "budgetcli.results"], field


def test_every_declared_text_field_is_on_both_activity_records() -> None:
    from budgetcli import model, results
    from budgetcli.i18n import DA, EN, Msg

    keys = set(model.TEXT_KEYS)
    assert keys <= set(model.SourceActivity._fields)
    assert keys <= set(results.Activity._fields)
    for field in model.TEXT_FIELDS:
        assert getattr(Msg, field.label) == field.label
        assert field.label in EN and field.label in DA


def test_reading_the_data_never_asks_the_layers_above_it() -> None:
    above = ("budgetcli.formats", "budgetcli.reports", "budgetcli.results", "budgetcli.cli")
    readers = [n for n in GRAPH if n.startswith("budgetcli.source")]
    assert len(readers) > 5
    reaching = {n: sorted(t for t in GRAPH[n] if t.startswith(above)) for n in readers}
    assert {n: t for n, t in reaching.items() if t} == {}


def test_the_command_line_asks_the_api_never_a_query() -> None:
    # cli/ parses, calls budgetcli.api and emits: no question is composed twice.
    queries = {
        "budgetcli.queries",
        "budgetcli.search",
        "budgetcli.diff",
        "budgetcli.results.build",
    }
    cli = [n for n in GRAPH if n.startswith("budgetcli.cli")]
    assert len(cli) > 5
    assert {n: sorted(GRAPH[n] & queries) for n in cli if GRAPH[n] & queries} == {}
    assert any("budgetcli.api" in GRAPH[n] for n in cli)


def test_no_public_class_name_is_declared_in_two_modules() -> None:
    # One record system: an answer's records are results.*, the data file's model.*; a
    # second class of the same name is a copy that will drift.
    declared: dict[str, list[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                declared.setdefault(node.name, []).append(path.relative_to(PACKAGE).as_posix())
    assert len(declared) > 40
    assert {name: where for name, where in declared.items() if len(where) > 1} == {}


def test_only_the_composers_build_an_answer() -> None:
    # The API composes (through results.build); presenters and formats draw views of the
    # results they are given and never build one.
    composers = {"budgetcli.api", "budgetcli.results", "budgetcli.results.build"}
    building = {n for n in GRAPH if "budgetcli.results.build" in GRAPH[n]}
    assert building and building <= composers


def test_the_html_report_reads_the_answers_never_the_models_activities_or_notes() -> None:
    # A view of results (issue 29): every activity's row and every note of the page come
    # from the list and notes records (reports.document), not from the in-memory model.
    tree = ast.parse(MODULES["budgetcli.formats.htmlreport"].read_text(encoding="utf-8"))
    from_model = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "budgetcli.model"
        for alias in node.names
    }
    assert from_model & {"Activity", "Note", "Cell"} == set()
    read = {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "dataset"
    }
    assert read & {"activities", "notes", "note"} == set()

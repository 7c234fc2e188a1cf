"""The one declaration of the exported tables: every table, view and column, with its type,
keys and meaning, and the rows that fill the tables.

Everything else is derived from here: the SQLite DDL (:func:`ddl`) and the full-text index,
the datasette metadata (:mod:`budgetcli.formats.datasette_meta`), the Data Package's
resource schemas and its Fiscal Data Package model (:mod:`budgetcli.formats.datapackage`).
Adding a column is one :class:`ColumnSpec` here plus its value in :func:`table_rows`; a test
holds every writer to these declarations.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from budgetcli.model import RECORD_FIELDS, TEXT_FIELDS, CellKind, FieldKind
from budgetcli.results.tabular import LIST_SEPARATOR

if TYPE_CHECKING:
    from budgetcli.model import Dataset, SourceActivity

MIO = "mio. kr. (millions of Danish kroner)"
KR = "kroner (DKK), a whole number: the same amount as amount, times 1,000,000, exact"
NO_LICENSE = (
    "The source states no licence; it is a public document of Copenhagen Municipality "
    "(Københavns Kommune)."
)
KINDS = tuple(kind.value for kind in CellKind)
"""A cell's kinds, in the CLI's words: amount, words, empty."""
KIND = (
    "amount (the source prints a number; 0 is a real zero), words (the source prints words, "
    "e.g. 'Driftsbudget': no number exists, never count it as 0) or empty (no amount)."
)
STRING, INTEGER, NUMBER, BOOLEAN = "string", "integer", "number", "boolean"
"""Table Schema types; :data:`SQL_TYPES` says how SQLite stores each."""
SQL_TYPES = {STRING: "TEXT", INTEGER: "INTEGER", NUMBER: "REAL", BOOLEAN: "INTEGER"}


# The activities table puts a heading (the section) before the name, the rest after it.
_AFTER_NAME = tuple(f for f in TEXT_FIELDS if f.kind is not FieldKind.heading)
_HEADING_TYPE = "administrative-classification:generic:level2:label"
"""The Fiscal Data Package ColumnType of a sub-heading of an appendix."""


class ColumnSpec(NamedTuple):
    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    unit: str | None = None
    """For amounts: the unit (Table Schema has no unit property; a custom one)."""
    references: tuple[str, str] | None = None
    """(table, column) this column's values point to: REFERENCES and a foreignKey."""
    unique: bool = False
    column_type: str | None = None
    """The Fiscal Data Package ColumnType (fiscal budgets taxonomy), where one fits."""
    in_csv: bool = True
    """False for SQLite-only columns (amount_exact: the CSV's amount is exact already)."""


class Table(NamedTuple):
    name: str
    description: str
    columns: tuple[ColumnSpec, ...]
    primary_key: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()
    """SQL CHECK constraints beyond one column's (how columns agree with each other)."""
    in_package: bool = True
    """False: SQLite only (the package says the same in its descriptor)."""
    view: str | None = None
    """The SELECT that makes it a view in SQLite; the Data Package writes its rows."""

    @property
    def csv_columns(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.in_csv)


def _text(name: str, description: str, **kw: Any) -> ColumnSpec:
    return ColumnSpec(name, STRING, description, **kw)


def _required(name: str, description: str, **kw: Any) -> ColumnSpec:
    return ColumnSpec(name, STRING, description, required=True, **kw)


def _position(description: str = "Order, from 0.") -> ColumnSpec:
    return ColumnSpec("position", INTEGER, description, required=True)


_DEPARTMENT = _required(
    "department",
    "Department code (BIF, BUF, ...).",
    references=("departments", "code"),
    column_type="administrative-classification:generic:level1:code",
)
_ACTIVITY = _required(
    "activity_id",
    "Activity id.",
    references=("activities", "id"),
    column_type="activity:generic:program:code",
)
_NOTE = _required("note_id", "Note id.", references=("notes", "id"))
_YEAR = ColumnSpec("year", INTEGER, "Budget year.", required=True, column_type="date:fiscal-year")
_ADJUSTABLE = ColumnSpec(
    "adjustable",
    BOOLEAN,
    "The source says this amount may be adjusted (printed with *).",
    required=True,
)


def _amount(what: str, *, required: bool = False) -> tuple[ColumnSpec, ...]:
    """amount (mio. kr.), amount_exact (SQLite: the digits) and amount_kr (whole kroner)."""
    where = "" if required else ", where kind is amount"
    return (
        ColumnSpec(
            "amount", NUMBER, f"{what} in {MIO}{where}.", required=required, unit="mio. kr."
        ),
        ColumnSpec(
            "amount_exact",
            STRING,
            f"{what} in {MIO}, the printed decimal digits as text{where}.",
            required=required,
            in_csv=False,
        ),
        ColumnSpec(
            "amount_kr",
            INTEGER,
            f"{what} in {KR}{where}.",
            required=required,
            unit="kr.",
            column_type="value",
        ),
    )


_KIND = ColumnSpec("kind", STRING, KIND, required=True, enum=KINDS)
_WORDS = _text("words", "The printed words, where kind is words (no number exists).")
# How the three kinds of cell show in a row: one rule, in the table and in its CHECKs.
_CELL_CHECKS = (
    "(kind = 'amount') = (amount IS NOT NULL)",
    "(kind = 'amount') = (amount_kr IS NOT NULL)",
    "(kind = 'words') = (words IS NOT NULL)",
)

TABLES: tuple[Table, ...] = (
    Table(
        "departments",
        "The administrations (forvaltninger), one appendix (Bilag) of the source each.",
        (
            _required(
                "code",
                "Short code, unique (BUF, ØKF...).",
                column_type="administrative-classification:generic:level1:code",
            ),
            ColumnSpec(
                "appendix",
                INTEGER,
                "Number of the appendix (Bilag) that lists its activities.",
                required=True,
            ),
            _required(
                "name",
                "Danish name.",
                column_type="administrative-classification:generic:level1:label",
            ),
            _required("name_en", "English name."),
            _required("title", "The appendix heading as printed."),
        ),
        ("code",),
    ),
    Table(
        "sections",
        "Sub-headings within an appendix, in source order.",
        (
            _DEPARTMENT,
            _position("Order within the department, from 0."),
            _required("name", "The sub-heading as printed."),
        ),
        ("department", "name"),
    ),
    Table(
        "notes",
        "Paragraphs under each appendix heading, and starred footnotes under its table.",
        (
            _required("id", "Note id."),
            _DEPARTMENT,
            _required(
                "kind",
                "heading (concerns the whole appendix) or footnote (the activities citing it).",
                enum=("heading", "footnote"),
            ),
            _text("marker", "The footnote sign as printed (*), if any."),
            _required("text", "The text as printed."),
        ),
        ("id",),
    ),
    Table(
        "note_links",
        "Web addresses a note gives.",
        (_NOTE, _position("Order within the note, from 0."), _required("url", "The address.")),
        ("note_id", "position"),
    ),
    Table(
        "activities",
        "One row of an appendix table: an integration activity.",
        (
            _required(
                "id",
                "Stable id (used by budgetcli show ID).",
                column_type="activity:generic:program:code",
            ),
            ColumnSpec("position", INTEGER, "Order in the source, from 0.", True, unique=True),
            _DEPARTMENT,
            *(
                _text(f.key, f.doc, column_type=_HEADING_TYPE)
                for f in TEXT_FIELDS
                if f.kind is FieldKind.heading
            ),
            _required(
                "name", "Name (Indsats) as printed.", column_type="activity:generic:program:label"
            ),
            *(_text(f.key, f.doc) for f in _AFTER_NAME),
            _text("printed", "The year cells exactly as the source prints them, for checking."),
            _text("actual_text", "The source's words on actual spend, where it gives any."),
        ),
        ("id",),
    ),
    Table(
        "amounts",
        "Budget per activity and year: one row for every activity and every year of the "
        "period, so an empty cell is a row too. Sum amount_kr for exact totals.",
        (_ACTIVITY, _YEAR, _KIND, *_amount("Budget"), _WORDS, _ADJUSTABLE),
        ("activity_id", "year"),
        _CELL_CHECKS,
    ),
    Table(
        "actuals",
        "Actual spend where the source reports it beside the budget (only there: a "
        "missing row is 'not reported', not 0).",
        (_ACTIVITY, _YEAR._replace(description="Year."), *_amount("Actual spend", required=True)),
        ("activity_id", "year"),
    ),
    Table(
        "activity_notes",
        "Which footnotes concern which activity.",
        (_ACTIVITY, _NOTE, _position("Order of the note on the activity, from 0.")),
        ("activity_id", "note_id"),
    ),
    Table(
        "remarks",
        "The transcribers' reasoning where the source was ambiguous (e.g. which years a row's "
        "amounts belong to).",
        (_ACTIVITY, _position(), _required("text", "The remark.")),
        ("activity_id", "position"),
    ),
    Table(
        "metadata",
        "About the dataset: title, source, unit, period, licence.",
        (_required("key", "Name."), _required("value", "Value.")),
        ("key",),
        in_package=False,
    ),
    Table(
        "cells",
        "Every budget cell, flat: one row per activity and year with its administration, "
        "section and name beside the amount and any actual spend, for filtering and "
        "faceting without joins (in SQLite a view of amounts, activities and actuals).",
        (
            _ACTIVITY._replace(references=None),
            _DEPARTMENT._replace(references=None),
            _text(
                "section",
                "Sub-heading within the administration, if any.",
                column_type=_HEADING_TYPE,
            ),
            _required(
                "name", "Activity name as printed.", column_type="activity:generic:program:label"
            ),
            _YEAR,
            _KIND,
            *_amount("Budget"),
            _WORDS,
            _ADJUSTABLE,
            ColumnSpec(
                "actual_kr",
                INTEGER,
                "Actual spend in kroner (DKK), where the source reports it; empty where it "
                "does not (not reported, not 0).",
                unit="kr.",
                column_type="value",
            ),
        ),
        ("activity_id", "year"),
        view="""
SELECT
    amounts.activity_id AS activity_id,
    activities.department AS department,
    activities.section AS section,
    activities.name AS name,
    amounts.year AS year,
    amounts.kind AS kind,
    amounts.amount AS amount,
    amounts.amount_exact AS amount_exact,
    amounts.amount_kr AS amount_kr,
    amounts.words AS words,
    amounts.adjustable AS adjustable,
    actuals.amount_kr AS actual_kr
FROM amounts
JOIN activities ON activities.id = amounts.activity_id
LEFT JOIN actuals ON actuals.activity_id = amounts.activity_id AND actuals.year = amounts.year
ORDER BY activities.position, amounts.year""",
    ),
)


class Search(NamedTuple):
    """A full-text index (SQLite FTS5) over some of a table's text columns."""

    name: str
    table: str
    columns: tuple[str, ...]


# The texts `budgetcli list --search` looks in. The trigram tokenizer matches any part of
# a word, as budgetcli's own search does: Danish compounds ("flygtningefamilier") are found
# by "flygtninge", where a word tokenizer would find only the whole word. Unlike budgetcli's
# search it folds case only (SQLite 3.40's trigram has no remove_diacritics: "kobenhavn" does
# not find "København"), and needs three characters or more. A column of its own, "terms"
# (fill_search), holds the words that find each activity by what they mean (its readings:
# Danish stems, English words of the domain), so the same words find the same activities.
SEARCH = Search(
    "activities_fts", "activities", ("name", *(f.key for f in TEXT_FIELDS if f.searched))
)


class View(NamedTuple):
    """A SQLite view answering a common question: its SELECT and what its columns mean."""

    name: str
    description: str
    columns: dict[str, str]
    sql: str


_SUM_KR = (
    "Sum of amount_kr in kroner (DKK), exact. 0 when the cells hold zeros or no amount at "
    "all (a sum over nothing is 0); NULL only when they hold words and no number (not "
    "quantified, never 0)."
)
_NOT_QUANTIFIED = (
    "Ids of the activities whose cells hold words instead of a number (e.g. "
    "'Driftsbudget'), left out of the sum, never counted as 0; separated by "
    f"{LIST_SEPARATOR!r}, empty when there are none (as budgetcli's csv writes them)."
)
_NOT_QUANTIFIED_COUNT = "How many cells hold words instead of a number."
# The ids of the cells of words, in the source's order as budgetcli lists them (SQLite
# concatenates in the order an ordered subquery gives), joined as the CLI's csv joins them.
_IDS = (
    "COALESCE((\n"
    "        SELECT group_concat(id, '{sep}') FROM (\n"
    "            SELECT words.activity_id AS id FROM amounts AS words\n"
    "            JOIN activities AS own ON own.id = words.activity_id\n"
    "            WHERE words.kind = 'words' AND words.year = {t}year{where}\n"
    "            ORDER BY own.position)\n"
    "    ), '') AS not_quantified"
).replace("{sep}", LIST_SEPARATOR)
_ADJUSTABLE_SUM = "1 if the sum includes amounts that may be adjusted, else 0."
# The sum rule every budgetcli total follows, in SQL: words only is NULL, nothing is 0.
_SUM = (
    "CASE WHEN SUM({t}kind = 'amount') = 0 AND SUM({t}kind = 'words') > 0 THEN NULL\n"
    "        ELSE COALESCE(SUM({t}amount_kr), 0) END AS total_kr"
)
_TOTAL_COLUMNS = {
    "total_kr": _SUM_KR,
    "amounts": "Cells with a number.",
    "not_quantified_count": _NOT_QUANTIFIED_COUNT,
    "not_quantified": _NOT_QUANTIFIED,
    "includes_adjustable": _ADJUSTABLE_SUM,
}
"""The columns of a totals view after its keys, as :func:`_totals` selects them."""


def _totals(t: str, where: str) -> str:
    """A totals view's sums of the amounts of each group (``t``: the amounts table's prefix,
    ``where``: what else a cell of words shares with its group)."""
    return (
        f"{_SUM.format(t=t)},\n"
        f"    SUM({t}kind = 'amount') AS amounts,\n"
        f"    SUM({t}kind = 'words') AS not_quantified_count,\n"
        f"    {_IDS.format(t='amounts.', where=where)},\n"
        f"    SUM({t}kind = 'amount' AND {t}adjustable) > 0 AS includes_adjustable"
    )


VIEWS: tuple[View, ...] = (
    View(
        "totals_per_year",
        "Budget total per year, exact, in kroner.",
        {
            "year": "Budget year.",
            **_TOTAL_COLUMNS,
        },
        f"""
SELECT
    year,
    {_totals(t="", where="")}
FROM amounts
GROUP BY year
ORDER BY year""",
    ),
    View(
        "totals_per_department_year",
        "Budget total per administration and year, exact, in kroner.",
        {
            "department": "Department code.",
            "year": "Budget year.",
            **_TOTAL_COLUMNS,
        },
        f"""
SELECT
    activities.department AS department,
    amounts.year AS year,
    {_totals(t="amounts.", where=" AND own.department = activities.department")}
FROM amounts JOIN activities ON activities.id = amounts.activity_id
GROUP BY activities.department, amounts.year
ORDER BY activities.department, amounts.year""",
    ),
    View(
        "activities_ending",
        "Activities whose funding ends within the period: the last year with a positive "
        "amount is before the period's last year (an explicit 0 is no funding), as "
        "budgetcli expiring counts them.",
        {
            "activity_id": "Activity id.",
            "department": "Department code.",
            "section": "Sub-heading, if any.",
            "name": "Name as printed.",
            "last_funded_year": "Last year with a positive amount.",
            "last_amount_kr": "The amount in that year, in kroner (DKK).",
        },
        # MAX() picks its row's amount_kr: SQLite's bare-column rule for one MAX.
        """
SELECT
    activities.id AS activity_id,
    activities.department AS department,
    activities.section AS section,
    activities.name AS name,
    funded.last_funded_year AS last_funded_year,
    funded.last_amount_kr AS last_amount_kr
FROM activities JOIN (
    SELECT activity_id, MAX(year) AS last_funded_year, amount_kr AS last_amount_kr
    FROM amounts
    WHERE kind = 'amount' AND amount_kr > 0
    GROUP BY activity_id
) AS funded ON funded.activity_id = activities.id
WHERE funded.last_funded_year
    < (SELECT CAST(value AS INTEGER) FROM metadata WHERE key = 'last_year')
ORDER BY funded.last_funded_year, activities.position""",
    ),
    View(
        "endings_per_year",
        "How many activities have their last funded year in each year, and what that last "
        "year's funding was.",
        {
            "last_funded_year": "Last year with a positive amount.",
            "activities": "Number of activities.",
            "last_amount_kr": "Their funding in that year, in kroner (DKK), exact.",
        },
        """
SELECT
    last_funded_year,
    COUNT(*) AS activities,
    SUM(last_amount_kr) AS last_amount_kr
FROM activities_ending
GROUP BY last_funded_year
ORDER BY last_funded_year""",
    ),
)


# --- SQLite ------------------------------------------------------------------------------


def _sql_column(column: ColumnSpec) -> str:
    parts = [column.name, SQL_TYPES[column.type]]
    if column.required:
        parts.append("NOT NULL")
    if column.unique:
        parts.append("UNIQUE")
    if column.references:
        parts.append("REFERENCES {}({})".format(*column.references))
    checked = column.enum or (("0", "1") if column.type == BOOLEAN else ())
    if checked:
        quoted = ", ".join(v if column.type == BOOLEAN else f"'{v}'" for v in checked)
        parts.append(f"CHECK ({column.name} IN ({quoted}))")
    return " ".join(parts)


def _sql_table(table: Table) -> str:
    # Each column's meaning as a comment before it: sqlite3's .schema shows it.
    lines = [f"-- {c.description}\n    {_sql_column(c)}" for c in table.columns]
    if table.primary_key:
        lines.append(f"PRIMARY KEY ({', '.join(table.primary_key)})")
    lines += [f"CHECK ({check})" for check in table.checks]
    body = ",\n    ".join(lines)
    return f"-- {table.description}\nCREATE TABLE {table.name} (\n    {body}\n);"


def ddl() -> str:
    """The SQLite schema: tables, indexes, the full-text index, then the views."""
    tables = [t for t in TABLES if t.view is None]
    views = [(t.name, t.view) for t in TABLES if t.view is not None]
    views += [(v.name, v.sql) for v in VIEWS]
    search = ", ".join(SEARCH.columns)
    return "\n".join(
        [
            "PRAGMA foreign_keys = ON;",
            *(_sql_table(t) for t in tables),
            "CREATE INDEX amounts_year ON amounts(year);",
            "CREATE INDEX activities_department ON activities(department);",
            # Its own copy of the texts, and the words that find each activity only by what
            # they mean (search.index_terms: "kvinder", "women" for Kvindecentret), so that
            # datasette's ?_search= finds what `budgetcli list -s` finds. Datasette finds it
            # by metadata.json's fts_table; its rowid is the activity's.
            f"CREATE VIRTUAL TABLE {SEARCH.name} USING fts5({search}, {SEARCH_TERMS}, "
            "tokenize='trigram');",
            *(f"CREATE VIEW {name} AS{sql};" for name, sql in views),
        ]
    )


SEARCH_TERMS = "terms"
"""The full-text index's column of words that find an activity by what they mean."""


def fill_search(execute: Any, dataset: Dataset) -> None:
    """Build the full-text index from its table (after the table is filled), with each
    activity's :func:`budgetcli.search.index_terms`."""
    from budgetcli.search import index_terms

    terms = index_terms(dataset.activities)
    columns = ", ".join(SEARCH.columns)
    # The texts from the table, as SQLite holds them; the terms beside them, by id.
    execute(
        f"INSERT INTO {SEARCH.name}(rowid, {columns}) SELECT rowid, {columns} FROM {SEARCH.table}"
    )
    rows = execute(f"SELECT rowid, id FROM {SEARCH.table}").fetchall()
    update = f"UPDATE {SEARCH.name} SET {SEARCH_TERMS} = ? WHERE rowid = ?"
    for rowid, activity_id in rows:
        if terms.get(activity_id):
            execute(update, (terms[activity_id], rowid))


# --- rows --------------------------------------------------------------------------------


def activity_record(position: int, a: SourceActivity) -> tuple[object, ...]:
    """An activity as the ``activities`` table's row."""
    return (
        a.id,
        position,
        a.department,
        *(getattr(a, f.key) for f in TEXT_FIELDS if f.kind is FieldKind.heading),
        a.name,
        *(getattr(a, f.key) for f in _AFTER_NAME),
        *(getattr(a, field) for field in RECORD_FIELDS),
    )


def _cells(a: SourceActivity) -> Iterator[tuple[Any, ...]]:
    """(year, kind, amount, amount_exact, amount_kr, words, adjustable) per year cell."""
    from budgetcli.kroner import to_kroner

    for year, cell in a.budget.items():
        adjustable = year in a.adjustable
        kind = CellKind.of(cell).value
        if isinstance(cell, Decimal):
            yield (year, kind, cell, format(cell, "f"), to_kroner(cell, a.id), None, adjustable)
        else:
            words = None if cell is None else cell.text
            yield (year, kind, None, None, None, words, adjustable)


def table_rows(dataset: Dataset, *, flat: bool = False) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, each in its columns' order, as Python values (Decimal amounts,
    bools, None for missing). ``flat`` adds the rows of ``cells`` (SQLite makes those
    itself, as a view). Raises NotWholeKronerError, naming the activity, before any
    writing."""
    from budgetcli.kroner import to_kroner

    activities = dataset.activities
    amounts: list[tuple[Any, ...]] = []
    actuals: list[tuple[Any, ...]] = []
    cells: list[tuple[Any, ...]] = []
    for a in activities:
        budget = list(_cells(a))
        actual = {y: (v, format(v, "f"), to_kroner(v, a.id)) for y, v in (a.actual or {}).items()}
        amounts += [(a.id, *cell) for cell in budget]
        actuals += [(a.id, year, *value) for year, value in actual.items()]
        if flat:
            head = (a.id, a.department, a.section, a.name)
            for cell in budget:
                spent = actual.get(cell[0])
                cells.append((*head, *cell, None if spent is None else spent[2]))
    rows: dict[str, list[tuple[Any, ...]]] = {
        "departments": [
            (d.code, d.appendix, d.name, d.name_en, d.title) for d in dataset.departments
        ],
        "sections": [(d.code, i, s) for d in dataset.departments for i, s in enumerate(d.sections)],
        "notes": [(n.id, n.department, n.kind, n.marker, n.text) for n in dataset.notes],
        "note_links": [(n.id, i, u) for n in dataset.notes for i, u in enumerate(n.links)],
        "activities": [activity_record(position, a) for position, a in enumerate(activities)],
        "amounts": amounts,
        "actuals": actuals,
        "activity_notes": [(a.id, n, i) for a in activities for i, n in enumerate(a.notes)],
        "remarks": [(a.id, i, r) for a in activities for i, r in enumerate(a.remarks)],
        "metadata": [
            ("title", dataset.title),
            ("source", dataset.source),
            ("unit", dataset.unit),
            ("first_year", str(dataset.first_year)),
            ("last_year", str(dataset.last_year)),
            ("licence", NO_LICENSE),
        ],
    }
    if flat:
        rows["cells"] = cells
    return rows

"""csv and tsv: data verbatim for programs, with a unit column; the Danish spreadsheet
dialect for people."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from budgetcli.formats import Format, Options, report_writer
from budgetcli.formats.delimited import tsv_escape
from budgetcli.i18n import Lang
from budgetcli.model import Dataset
from budgetcli.queries import Basis, Grouping
from budgetcli.reports.totals import total_report


def _written(dataset: Dataset, fmt: Format, lang: Lang = Lang.en) -> str:
    report = total_report(dataset, dataset.activities, 2021, Grouping.department, Basis.budget)
    text = report_writer(fmt)(report, Options(lang=lang))
    assert isinstance(text, str)
    return text


def test_csv_rows_carry_keys_amounts_and_the_unit(dataset: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(_written(dataset, Format.csv))))
    buf = next(r for r in rows if r["key"] == "BUF")
    assert buf["2021"] == "64.592" and buf["unit"] == "mio. kr."  # Bilag 2, 2021
    suf = next(r for r in rows if r["key"] == "SUF")
    assert suf["2021"] == "not quantified"  # words only: never 0, never empty
    assert next(r for r in rows if r["key"] == "TMF")["2021"] == "0"  # nothing is 0


def test_tsv_is_one_line_per_row_whatever_the_text() -> None:
    assert tsv_escape("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re"


def test_the_danish_dialect(dataset: Dataset) -> None:
    text = _written(dataset, Format.csv, Lang.da)
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    # Danish headers; the total row named by its label only ("I alt", not "total | I alt").
    amounts = {r["forvaltning"] or r["navn"]: r["2021"] for r in rows}
    assert amounts["BUF"] == "64,592" and amounts["SUF"] == "ikke opgjort"
    assert amounts["KFF"] == "5,850"  # 5.85 with the column's 3 decimals (64.592)
    total = Decimal(amounts["I alt"].replace(",", "."))
    assert total == Decimal("94.802")  # 16.4 + 64.592 + 5.85 + 7.96


def test_tsv_does_not_change_with_the_language(dataset: Dataset) -> None:
    assert _written(dataset, Format.tsv, Lang.da) == _written(dataset, Format.tsv)

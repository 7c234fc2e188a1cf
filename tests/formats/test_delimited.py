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
from budgetcli.reports.totals import totals_report
from budgetcli.results.build import total_result
from budgetcli.terms import Basis, Grouping


def _written(dataset: Dataset, fmt: Format, lang: Lang = Lang.en) -> str:
    result = total_result(dataset, dataset.activities, 2021, Grouping.department, Basis.budget)
    # Machine formats are written from the result; the Danish dialect, for people, from
    # the Report drawn from it.
    subject = totals_report(result, dataset) if fmt is Format.csv_da else result
    text = report_writer(fmt)(subject, Options(lang=lang))
    assert isinstance(text, str)
    return text


def test_csv_rows_carry_keys_amounts_and_the_unit(dataset: Dataset) -> None:
    rows = list(csv.DictReader(io.StringIO(_written(dataset, Format.csv))))
    buf = next(r for r in rows if r["key"] == "BUF")
    assert buf["2021"] == "64.592" and buf["unit"] == "mio. kr."  # Bilag 2, 2021
    suf = next(r for r in rows if r["key"] == "SUF")
    assert suf["2021"] == ""  # words only: never 0; the number column holds numbers only
    assert len(suf["2021_not_quantified"].split()) == 3  # ... and says what it left out
    assert next(r for r in rows if r["key"] == "TMF")["2021"] == "0"  # nothing is 0


def test_tsv_is_one_line_per_row_whatever_the_text() -> None:
    assert tsv_escape("a\tb\nc\\d\re") == "a\\tb\\nc\\\\d\\re"


def test_the_danish_dialect(dataset: Dataset) -> None:
    text = _written(dataset, Format.csv_da)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    # The total row is named by its label only ("I alt", not "total | I alt").
    amounts = {r[0] or r[1]: r[2] for r in rows[1:]}
    assert amounts["BUF"] == "64,592" and amounts["SUF"] == "ikke opgjort"
    assert amounts["KFF"] == "5,850"  # 5.85 with the column's 3 decimals (64.592)
    total = Decimal(amounts["I alt"].replace(",", "."))
    assert total == Decimal("94.802")  # 16.4 + 64.592 + 5.85 + 7.96


def test_csv_and_tsv_do_not_change_with_the_language(dataset: Dataset) -> None:
    assert _written(dataset, Format.tsv, Lang.da) == _written(dataset, Format.tsv)
    assert _written(dataset, Format.csv, Lang.da) == _written(dataset, Format.csv)

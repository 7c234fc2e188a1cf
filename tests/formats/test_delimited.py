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


def test_the_danish_dialect_keeps_the_caveats_in_the_file() -> None:
    """The issue: Welcome House showed 2,500 with no mark and every footnote went to stderr."""
    from tests.conftest import run

    result = run("list", "-d", "BIF", "-f", "csv-da")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    header = rows[0]
    # A marker column right after each amount column that has a marker somewhere.
    assert header[4:8] == ["2018", "2018 mærke", "2019", "2019 mærke"]
    welcome = next(r for r in rows if r and r[0] == "welcome-house")
    assert welcome[header.index("2019")] == "2,50"  # still a number Excel adds
    assert welcome[header.index("2019 mærke")] == "*"  # Midlerne ... kan blive justeret
    fritid = next(r for r in rows if r and r[0] == "fritidsjob-til-unge")
    assert fritid[header.index("2019 mærke")] == ""
    # The footnotes: rows after a blank row, naming activities by name.
    blank = next(i for i, r in enumerate(rows) if not any(r))
    assert all(len(r) == len(header) for r in rows)  # as wide as the table, as Excel writes
    notes = [r[0] for r in rows[blank + 1 :]]
    assert any(n.startswith("*") and "Welcome House" in n for n in notes), notes
    assert any(n.startswith("Note om Welcome House: Midlerne") for n in notes), notes
    assert "note:" not in result.stderr  # in the file, not on stderr
    # The actual-spend mark (IGU-elev: 0.117590 spent of 0.205 in 2018).
    igu = run("list", "-d", "ØKF", "-f", "csv-da").stdout
    igu_rows = list(csv.reader(io.StringIO(igu.lstrip("\ufeff")), delimiter=";"))
    row = next(r for r in igu_rows if r and r[0] == "igu-elev")
    assert row[igu_rows[0].index("2018 mærke")] == "†"


def test_plain_csv_is_untouched_by_the_danish_caveats() -> None:
    from tests.conftest import run

    plain = run("list", "-d", "BIF", "-f", "csv")
    header = plain.stdout.splitlines()[0].split(",")
    assert not any(h.endswith(("mark", "mærke")) for h in header)
    assert "note:" in plain.stderr  # the machine format's footnotes stay on stderr

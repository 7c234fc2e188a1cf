"""The JSON writer: the decimal's own digits, standard escaping, and a payload built only
when JSON is asked for."""

from __future__ import annotations

import json
from decimal import Decimal

from budgetcli.formats import Format, Options, report_writer
from budgetcli.formats.json import dumps
from budgetcli.model import Dataset
from budgetcli.reports import Report
from budgetcli.reports.activities import list_report


def test_decimals_keep_their_digits() -> None:
    written = dumps({"a": Decimal("129.623"), "b": Decimal("0.090"), "c": Decimal("-0.0")})
    assert '"a": 129.623' in written and '"b": 0.090' in written and '"c": 0.0' in written
    assert json.loads(written)["a"] == 129.623  # and it is still JSON
    assert "E" not in dumps(Decimal("1E+6")) and dumps(Decimal("1E+6")) == "1000000"


def test_text_is_escaped_and_c1_controls_too() -> None:
    written = dumps(["Økonomi", 'a "quote"', "\x85"])
    assert json.loads(written) == ["Økonomi", 'a "quote"', "\x85"]
    assert "Økonomi" in written and "\\u0085" in written


def test_the_payload_is_built_for_json_only(dataset: Dataset) -> None:
    calls: list[int] = []

    def payload() -> list[object]:
        calls.append(1)
        return []

    counted = list_report(dataset, dataset.activities)._replace(payload=payload)
    for fmt in (Format.csv, Format.tsv, Format.markdown, Format.table):
        report_writer(fmt)(counted, Options())
    assert calls == []
    assert report_writer(Format.json)(counted, Options()) == "[]\n" and calls == [1]


def test_a_report_document_ends_with_a_newline(dataset: Dataset) -> None:
    report: Report = list_report(dataset, dataset.activities[:1])
    written = report_writer(Format.json)(report, Options())
    assert isinstance(written, str) and written.endswith("]\n")
    assert json.loads(written)[0]["id"] == dataset.activities[0].id

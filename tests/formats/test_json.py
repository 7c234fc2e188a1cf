"""The JSON writer: the decimal's own digits, standard escaping; ndjson one line a row."""

from __future__ import annotations

import json
from decimal import Decimal

from budgetcli.formats import Format, Options, report_writer
from budgetcli.formats.json import dumps
from budgetcli.model import Dataset
from budgetcli.results.build import list_result


def test_decimals_keep_their_digits() -> None:
    written = dumps({"a": Decimal("129.623"), "b": Decimal("0.090"), "c": Decimal("-0.0")})
    assert '"a": 129.623' in written and '"b": 0.090' in written and '"c": 0.0' in written
    assert json.loads(written)["a"] == 129.623  # and it is still JSON
    assert "E" not in dumps(Decimal("1E+6")) and dumps(Decimal("1E+6")) == "1000000"


def test_text_is_escaped_and_c1_controls_too() -> None:
    written = dumps(["Økonomi", 'a "quote"', "\x85"])
    assert json.loads(written) == ["Økonomi", 'a "quote"', "\x85"]
    assert "Økonomi" in written and "\\u0085" in written


def test_a_document_ends_with_a_newline(dataset: Dataset) -> None:
    result = list_result(dataset, dataset.activities[:1])
    written = report_writer(Format.json)(result, Options())
    assert isinstance(written, str) and written.endswith("}\n")
    assert json.loads(written)["rows"][0]["id"] == dataset.activities[0].id


def test_ndjson_is_one_compact_line_a_row(dataset: Dataset) -> None:
    result = list_result(dataset, dataset.activities[:3])
    written = report_writer(Format.ndjson)(result, Options())
    assert isinstance(written, str)
    lines = written.splitlines()
    assert [json.loads(line)["id"] for line in lines] == [a.id for a in dataset.activities[:3]]
    assert all("\n" not in line and ": " not in line for line in lines)

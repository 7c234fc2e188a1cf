"""The HTML report's figures, composed of the presenters' Reports: the same totals, charts
and expiring activities ``total``, ``chart`` and ``expiring`` give, so the report's writer
(formats/htmlreport.py) only renders and never asks a question of its own."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from budgetcli.model import Activity, Dataset
from budgetcli.reports import Report
from budgetcli.reports.activities import expiring_report
from budgetcli.reports.totals import chart_report, total_report
from budgetcli.terms import Basis, Grouping


class Document(NamedTuple):
    totals: Report
    """Per administration and year (or the one year asked for), with a total row."""
    year_chart: Report | None
    """The total per year; None when one year was asked for."""
    department_chart: Report
    """Per administration, over the period (or the year)."""
    expiring: Report
    """Activities whose funding ends before the last year, over the whole period."""


def document(dataset: Dataset, activities: Sequence[Activity], year: int | None) -> Document:
    """``year`` narrows the totals and charts; what expires always covers the period."""
    return Document(
        totals=total_report(dataset, activities, year, Grouping.department, Basis.budget),
        year_chart=None
        if year is not None
        else chart_report(dataset, activities, Grouping.year, None),
        department_chart=chart_report(dataset, activities, Grouping.department, year),
        expiring=expiring_report(dataset, activities, None),
    )

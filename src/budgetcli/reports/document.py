"""The HTML report's figures, as the presenters show them: the same totals, charts and
expiring activities ``total``, ``chart`` and ``expiring`` give (:func:`budgetcli.api.report`
composes their results), so the report's writer (formats/htmlreport.py) only renders and
never asks a question of its own."""

from __future__ import annotations

from typing import NamedTuple

from budgetcli.reports import Report


class Document(NamedTuple):
    totals: Report
    """Per administration and year (or the one year asked for), with a total row."""
    year_chart: Report | None
    """The total per year; None when one year was asked for."""
    department_chart: Report
    """Per administration, over the period (or the year)."""
    expiring: Report
    """Activities whose funding ends before the last year, over the whole period."""

"""The HTML report's answers: the same totals, charts and expiring activities ``total``,
``chart`` and ``expiring`` give, as the presenters show them, and the activities and the
source's notes as ``list`` and ``notes`` give them (:func:`budgetcli.api._report_document`
composes them), so the report's writer (formats/htmlreport.py) only renders and never asks
a question of its own, nor reads the data's activities."""

from __future__ import annotations

from typing import NamedTuple

from budgetcli.reports import Report
from budgetcli.results import Activities, Notes


class Document(NamedTuple):
    totals: Report
    """Per administration and year (or the one year asked for), with a total row."""
    year_chart: Report | None
    """The total per year; None when one year was asked for."""
    department_chart: Report
    """Per administration, over the period (or the year)."""
    expiring: Report
    """Activities whose funding ends before the last year, over the whole period."""
    selection: Activities
    """The activities the filters keep, in source order, as ``list`` gives them: every
    activity's row of the page (its figures, texts, notes, remarks, search text)."""
    everything: Activities
    """Every activity of the data, as ``list`` gives them unfiltered: what the page names
    beyond the selection (a note's activities, two activities of one name) and the data's
    precision (the most decimals its amounts have)."""
    notes: Notes
    """Every note of the source, as ``notes`` gives them, each with the ids of the
    activities it concerns: the page shows those of the selection's appendices."""

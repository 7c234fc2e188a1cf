"""People's views of the results the commands compute, for tests of the presenters: each
composes the result as the API does (``results.build``) and draws its Report from it."""

from __future__ import annotations

from collections.abc import Sequence

from budgetcli.model import Dataset, SourceActivity
from budgetcli.queries import Order
from budgetcli.reports import Report
from budgetcli.reports.activities import activities_report, shown_report
from budgetcli.reports.notes import notes_report_of
from budgetcli.reports.totals import chart_report_of, totals_report
from budgetcli.results import Filters, build
from budgetcli.terms import Basis, Grouping

NO_FILTERS = Filters()
NO_ORDER = Order()


def list_report(
    dataset: Dataset,
    selected: Sequence[SourceActivity],
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Report:
    return activities_report(build.list_result(dataset, selected, filters, order), dataset)


def expiring_report(
    dataset: Dataset, selected: Sequence[SourceActivity], year: int | None, order: Order = NO_ORDER
) -> Report:
    return activities_report(build.expiring_result(dataset, selected, year, order=order), dataset)


def show_report(
    dataset: Dataset,
    activity: SourceActivity,
    *,
    all_remarks: bool = False,
) -> Report:
    shown = build.show_result(dataset, activity)
    return shown_report(shown, dataset, all_remarks=all_remarks)


def total_report(
    dataset: Dataset,
    activities: Sequence[SourceActivity],
    year: int | None,
    by: Grouping | None,
    basis: Basis = Basis.budget,
    filters: Filters = NO_FILTERS,
    order: Order = NO_ORDER,
) -> Report:
    result = build.total_result(dataset, activities, year, by, basis, filters, order)
    return totals_report(result, dataset)


def chart_report(
    dataset: Dataset, activities: Sequence[SourceActivity], by: Grouping, year: int | None
) -> Report:
    return chart_report_of(build.chart_result(dataset, activities, by, year), dataset)


def notes_report(dataset: Dataset, departments: Sequence[str]) -> Report:
    return notes_report_of(build.notes_result(dataset, departments), dataset)

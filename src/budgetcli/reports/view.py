"""A result -> the Report people read: one presenter per kind of result."""

from __future__ import annotations

from budgetcli import results
from budgetcli.model import Dataset
from budgetcli.reports import Report


def report_of(
    document: results.Document,
    dataset: Dataset,
    *,
    all_remarks: bool = False,
    percent: bool = False,
    summary: bool = False,
) -> Report:
    """``percent``: a share column beside each row (total, compare); ``summary``: the
    expiring summary rather than the activities."""
    if isinstance(document, results.Activities):
        if summary:
            from budgetcli.reports.expiry import expiry_summary_report_of

            return expiry_summary_report_of(document, dataset)
        from budgetcli.reports.activities import activities_report

        return activities_report(document, dataset)
    if isinstance(document, results.Shown):
        from budgetcli.reports.activities import shown_report

        return shown_report(document, dataset, all_remarks=all_remarks)
    if isinstance(document, results.Totals):
        from budgetcli.reports import totals

        if document.command == "chart":
            return totals.chart_report_of(document, dataset)
        report = totals.totals_report(document, dataset)
        if not percent:
            return report
        from budgetcli.reports.shares import totals_shares

        return totals_shares(report, document)
    if isinstance(document, results.Comparison):
        from budgetcli.reports.compare import comparison_report

        report = comparison_report(document, dataset)
        if not percent:
            return report
        from budgetcli.reports.shares import comparison_shares

        return comparison_shares(report, document)
    if isinstance(document, results.Differences):
        from budgetcli.reports.diff import diff_report

        return diff_report(document)
    from budgetcli.reports.notes import notes_report_of

    return notes_report_of(document, dataset)

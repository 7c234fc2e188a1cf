"""Shares (``--percent``): a column of each row's share, as the result states it (every
Sum carries one), added to a report already drawn, so the presenters stay as they are."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from budgetcli import results
from budgetcli.i18n import Msg, text
from budgetcli.reports import Column, Pct, Report
from budgetcli.reports.totals import tree
from budgetcli.results import Footnote, FootnoteKind

SHARE_COLUMN = Column("share", text(Msg.col_share), numeric=True)


def with_shares(
    report: Report, shares: Sequence[Decimal | None], *, year: int | None = None
) -> Report:
    """``report`` with a share column, row n's being ``shares[n]``; ``year``: one of several
    share columns (``share_2019``), named by its year."""
    column = SHARE_COLUMN
    if year is not None:
        column = Column(f"share_{year}", text(Msg.col_share_of, year=year), numeric=True)
    rows = tuple(
        (*row, None if share is None else Pct(share))
        for row, share in zip(report.rows, shares, strict=True)
    )
    rule = Footnote(FootnoteKind.rule, text(Msg.share_rule))
    footnotes = report.footnotes if rule in report.footnotes else (*report.footnotes, rule)
    return report._replace(columns=(*report.columns, column), rows=rows, footnotes=footnotes)


def totals_shares(report: Report, result: results.Totals) -> Report:
    """Of the one year asked, or of the period."""
    rows = [r for r, _ in tree((*result.rows, result.total), result.levels)]
    single = len(result.years) == 1
    return with_shares(report, [(r.years[0] if single else r.total).share for r in rows])


def comparison_shares(report: Report, result: results.Comparison) -> Report:
    """Of either year's total, in two columns."""
    rows = [r for r, _ in tree((*result.rows, result.total), result.levels)]
    for index, year in enumerate(result.years):
        report = with_shares(report, [r.years[index].share for r in rows], year=year)
    return report

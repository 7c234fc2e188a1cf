"""Shares (``--percent``): a column of each row's amount in percent of the total, added to a
report already built, so the presenters stay as they are."""

from __future__ import annotations

from collections.abc import Sequence

from budgetcli import queries
from budgetcli.i18n import Msg, text
from budgetcli.reports import Column, Footnote, FootnoteKind, Pct, Report

SHARE_COLUMN = Column("share", text(Msg.col_share), numeric=True)


def share_value(part: queries.Sum, whole: queries.Sum) -> Pct | None:
    value = queries.share(part, whole)
    return None if value is None else Pct(value)


def with_shares(
    report: Report,
    parts: Sequence[queries.Sum],
    whole: queries.Sum,
    *,
    year: int | None = None,
) -> Report:
    """``report`` with a share column: row n's share is ``parts[n]`` of ``whole``;
    ``year``: one of several share columns (``share_2019``), named by its year."""
    column = SHARE_COLUMN
    if year is not None:
        column = Column(f"share_{year}", text(Msg.col_share_of, year=year), numeric=True)
    rows = tuple(
        (*row, share_value(part, whole)) for row, part in zip(report.rows, parts, strict=True)
    )
    rule = Footnote(FootnoteKind.rule, text(Msg.share_rule))
    footnotes = report.footnotes if rule in report.footnotes else (*report.footnotes, rule)
    return report._replace(columns=(*report.columns, column), rows=rows, footnotes=footnotes)

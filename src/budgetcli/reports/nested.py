"""Presenters for nested breakdowns: ``total --by department,section`` and ``compare --by
department,section``, with a subtotal at every level (hledger's ``balance --tree``).

On screen, an indented tree: one row per group, each level under its parent. Machine
formats get one column per level (``department``, ``section``): a row of the last level has
every level filled; a subtotal row leaves the levels under it empty. JSON nests the groups.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from budgetcli import queries
from budgetcli.i18n import Msg, Text, text
from budgetcli.model import Activity, Dataset
from budgetcli.queries import Basis, Filters, Grouping, Node, Placeholder
from budgetcli.reports import Column, Footnote, FootnoteKind, Pct, Report, Value
from budgetcli.reports.activities import year_columns
from budgetcli.reports.asked import NO_FILTERS, filters_json, titled
from budgetcli.reports.compare import STATUS_LABEL
from budgetcli.reports.totals import (
    BASIS_LABEL,
    BY_LABEL,
    group_label,
    overlap_footnotes,
    overlap_json,
    sum_json,
    sum_value,
    totals_footnotes,
)

INDENT = "  "


def levels_label(levels: Sequence[Grouping]) -> Text:
    """'department, section' in the reader's language."""
    said: Text = text(BY_LABEL[levels[-1]])
    for level in reversed(levels[:-1]):
        said = text(Msg.joined, first=text(BY_LABEL[level]), rest=said)
    return said


def _walk(nodes: Sequence[Node], depth: int = 0) -> list[tuple[int, tuple[Node, ...]]]:
    """Depth first: every node with its depth and its path from the top."""
    out: list[tuple[int, tuple[Node, ...]]] = []

    def visit(node: Node, path: tuple[Node, ...]) -> None:
        here = (*path, node)
        out.append((len(path), here))
        children = node.children
        # A department without sections has one child that repeats it: not shown.
        if len(children) == 1 and children[0].group.placeholder is Placeholder.no_sections:
            children = children[0].children
        for child in children:
            visit(child, here)

    for node in nodes:
        visit(node, ())
    return out


def _label(node: Node, depth: int) -> Value:
    label = group_label(node.group)
    if depth == 0:
        return label
    if isinstance(label, str):
        return INDENT * depth + label
    return text(Msg.indented, indent=INDENT * depth, text=label)


def _level_keys(path: tuple[Node, ...], count: int) -> tuple[Value, ...]:
    keys: list[Value] = [n.group.key for n in path]
    return (*keys, *([None] * (count - len(keys))))


def _level_columns(levels: Sequence[Grouping]) -> tuple[Column, ...]:
    return tuple(Column(level.value, text(BY_LABEL[level]), human=False) for level in levels)


def nested_total_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    year: int | None,
    levels: Sequence[Grouping],
    basis: Basis = Basis.budget,
    filters: Filters = NO_FILTERS,
    *,
    percent: bool = False,
) -> Report:
    years = [year] if year is not None else list(dataset.years)
    nodes = queries.nested_totals(dataset, activities, years, levels, basis=basis)
    t = queries.totals(dataset, activities, years, basis=basis)
    grand = t.overall[0] if year is not None else t.grand_total

    def whole(sums: tuple[queries.Sum, ...]) -> queries.Sum:
        return sums[0] if year is not None else queries.combine(sums)

    def figures(sums: tuple[queries.Sum, ...]) -> tuple[Value, ...]:
        cells: tuple[Value, ...] = tuple(sum_value(s) for s in sums)
        if year is None:
            cells = (*cells, sum_value(queries.combine(sums)))
        if percent:
            value = queries.share(whole(sums), grand)
            cells = (*cells, None if value is None else Pct(value))
        return cells

    count = len(levels)
    rows: list[tuple[Value, ...]] = [
        (*_level_keys(path, count), _label(path[-1], depth), *figures(path[-1].sums))
        for depth, path in _walk(nodes)
    ]
    rows.append((*(["total"] + [None] * (count - 1)), text(Msg.total_label), *figures(t.overall)))
    columns = [*_level_columns(levels), Column("label", prose=True), *year_columns(years)]
    if year is None:
        columns.append(Column("total", text(Msg.col_total), numeric=True))
    if percent:
        columns.append(Column("share", text(Msg.col_share), numeric=True))

    def node_json(node: Node) -> dict[str, Any]:
        data: dict[str, Any] = {"level": node.level.value, "key": node.group.key}
        data["label"] = node.group.label
        if year is not None:
            data |= sum_json(node.sums[0])
        else:
            data["years"] = [{"year": s.year, **sum_json(s)} for s in node.sums]
            data["total"] = queries.combine(node.sums).amount
        if percent:
            data["share"] = queries.share(whole(node.sums), grand)
        if node.children:
            data["groups"] = [node_json(c) for c in node.children]
        return data

    def payload() -> dict[str, Any]:
        data: dict[str, Any] = {
            "unit": dataset.unit,
            "basis": basis.value,
            "by": [level.value for level in levels],
            "filters": filters_json(dataset, filters),
        }
        if year is not None:
            data |= {"year": year, **sum_json(t.overall[0])}
        else:
            data["years"] = [{"year": s.year, **sum_json(s)} for s in t.overall]
            data["total"] = grand.amount
        data["groups"] = [node_json(n) for n in nodes]
        return data | _overlaps_json(activities, levels)

    period = str(year) if year is not None else f"{years[0]}-{years[-1]}"
    return Report(
        title=titled(
            text(
                Msg.total_title,
                what=text(BASIS_LABEL[basis]),
                period=period,
                by=text(Msg.by_suffix, by=levels_label(levels)),
            ),
            dataset,
            filters,
        ),
        columns=tuple(columns),
        rows=tuple(rows),
        payload=payload,
        footnotes=_overlaps(activities, levels) + totals_footnotes(dataset, t),
        unit=dataset.unit,
    )


def _overlaps(activities: Sequence[Activity], levels: Sequence[Grouping]) -> tuple[Footnote, ...]:
    return overlap_footnotes(activities, Grouping.funding) if Grouping.funding in levels else ()


def _overlaps_json(activities: Sequence[Activity], levels: Sequence[Grouping]) -> dict[str, Any]:
    return overlap_json(activities, Grouping.funding) if Grouping.funding in levels else {}


def nested_compare_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    from_year: int,
    to_year: int,
    levels: Sequence[Grouping],
    filters: Filters = NO_FILTERS,
    *,
    percent: bool = False,
) -> Report:
    # As compare does: an activity with no cell in either year is no row of the comparison.
    present = [
        a for a in activities if a.cell(from_year) is not None or a.cell(to_year) is not None
    ]
    nodes = queries.nested_totals(dataset, present, [from_year, to_year], levels)
    everything = queries.Change(
        queries.Group("total", "Total"),
        queries.year_sum(activities, from_year),
        queries.year_sum(activities, to_year),
    )

    def change(node: Node) -> queries.Change:
        return queries.Change(node.group, node.sums[0], node.sums[1])

    def figures(c: queries.Change) -> tuple[Value, ...]:
        cells: tuple[Value, ...] = (
            sum_value(c.before),
            sum_value(c.after),
            c.change,
            Pct(c.change_pct) if c.change_pct is not None else None,
            text(STATUS_LABEL[c.status]) if c.status else None,
        )
        if percent:
            shares = (
                queries.share(c.before, everything.before),
                queries.share(c.after, everything.after),
            )
            cells = (*cells, *(None if s is None else Pct(s) for s in shares))
        return cells

    count = len(levels)
    rows: list[tuple[Value, ...]] = [
        (*_level_keys(path, count), _label(path[-1], depth), *figures(change(path[-1])))
        for depth, path in _walk(nodes)
    ]
    rows.append((*(["total"] + [None] * (count - 1)), text(Msg.total_label), *figures(everything)))
    columns = [
        *_level_columns(levels),
        Column("label", prose=True),
        *year_columns([from_year, to_year]),
        Column("change", text(Msg.col_change), numeric=True),
        Column("change_pct", text(Msg.col_change_pct), numeric=True),
        Column("status", text(Msg.col_status)),
    ]
    if percent:
        for year in (from_year, to_year):
            columns.append(Column(f"share_{year}", text(Msg.col_share_of, year=year), numeric=True))

    def change_json(c: queries.Change) -> dict[str, Any]:
        data: dict[str, Any] = {
            "from": c.from_amount,
            "to": c.to_amount,
            "change": c.change,
            "change_pct": c.change_pct,
            "status": c.status.value if c.status else None,
        }
        if percent:
            data["share_from"] = queries.share(c.before, everything.before)
            data["share_to"] = queries.share(c.after, everything.after)
        return data

    def node_json(node: Node) -> dict[str, Any]:
        data: dict[str, Any] = {"level": node.level.value, "key": node.group.key}
        data["label"] = node.group.label
        data |= change_json(change(node))
        if node.children:
            data["groups"] = [node_json(c) for c in node.children]
        return data

    return Report(
        title=titled(
            text(Msg.compare_title, a=from_year, b=to_year, by=levels_label(levels)),
            dataset,
            filters,
        ),
        columns=tuple(columns),
        rows=tuple(rows),
        payload=lambda: (
            {
                "from_year": from_year,
                "to_year": to_year,
                "unit": dataset.unit,
                "by": [level.value for level in levels],
                "filters": filters_json(dataset, filters),
                "groups": [node_json(n) for n in nodes],
                "total": change_json(everything),
            }
            | _overlaps_json(present, levels)
        ),
        footnotes=(
            *_overlaps(present, levels),
            Footnote(FootnoteKind.rule, text(Msg.compare_pct)),
        ),
        unit=dataset.unit,
    )

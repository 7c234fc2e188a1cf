"""One self-contained HTML file about the selected activities: to read, print, search, mail.

Everything is inside the file (CSS, SVG charts, a small script) and the page's
Content-Security-Policy forbids fetching anything, so it works offline and as an e-mail
attachment. Without JavaScript every table still reads in full; the script only adds the
search box and sortable headers. Every piece of data goes through :func:`escape`, so a
``<script>`` in a name is shown as text. The page is a view of the answers
(reports/document.py): the presenters' Reports for the figures (exact Decimals), the
``list`` and ``notes`` records for every activity's row and every note; so this module runs
no query and reads no activity of the data: words ("Driftsbudget") are never counted as 0,
and the notes under each total say what it left out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from budgetcli import __version__
from budgetcli.formats.cells import NO_AMOUNT
from budgetcli.formats.svgchart import bars_from_report, escape, svg_chart
from budgetcli.i18n import Msg, Text, Tr, places
from budgetcli.model import TEXT_FIELDS, CellKind, Dataset, FieldKind, NoteKind, TextCell
from budgetcli.reports import Marked, Report, Value
from budgetcli.reports.document import Document
from budgetcli.results import Activities, Activity, FootnoteKind, Note, Notes, YearCell
from budgetcli.results.footnotes import ACTUAL_MARK, ADJUSTABLE_MARK


def html_report(
    dataset: Dataset,
    doc: Document,
    *,
    filters_description: str,
    lang: str,
    data_path: Path,
    data_bytes: bytes,
    generated: datetime | None = None,
) -> str:
    """The whole report as one HTML document (UTF-8 text).

    ``doc`` holds the answers the page shows (reports.document): the selection (the caller
    applies the filters) and its figures, already narrowed to a year where one was asked
    for, and the source's notes. ``dataset`` gives only what is no answer: the title,
    source, appendices, period and unit.
    """
    # A document for people: its sentences name activities by name, not by id, and every
    # amount column has one precision, the most decimals the data's amounts have.
    everything = doc.everything.rows
    t = Tr(lang, names={a.id: a.name for a in everything})
    t.column_decimals = max(
        (places(c.amount) for a in everything for c in a.budget if c.amount is not None),
        default=0,
    )
    selection = doc.selection
    period = f"{dataset.first_year}-{dataset.last_year}"
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M %Z").strip()
    title = t(Msg.report_title, period=period)
    sections = [
        ("source", t(Msg.report_source), _source(dataset, t)),
        (
            "provenance",
            t(Msg.report_provenance),
            _provenance(selection.rows, t, data_path, data_bytes, when),
        ),
        ("totals", t(Msg.report_totals), _totals(dataset, doc, t)),
        ("expiring", t(Msg.report_expiring), _expiring(dataset, doc, t)),
        ("activities", t(Msg.report_activities), _activities(selection, doc.notes, t)),
        ("notes", t(Msg.report_notes), _notes(dataset, doc, t)),
        ("remarks", t(Msg.report_remarks), _remarks(selection.rows, t)),
    ]
    contents = "".join(f'<li><a href="#{key}">{escape(name)}</a></li>' for key, name, _ in sections)
    body = "".join(
        f'<section id="{key}" aria-labelledby="{key}-h"><h2 id="{key}-h">{escape(name)}</h2>'
        f"{html}</section>"
        for key, name, html in sections
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"da" if lang == "da" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        # Nothing may be fetched: the file must read the same offline and in a mail client.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="budgetcli {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{CSS}{_year_css(dataset.years)}</style>\n</head>\n<body>\n"
        f'<header><h1>{escape(title)}</h1><p class="filters">{escape(filters_description)}</p>'
        f'<p class="unit">{escape(t(Msg.report_unit_line, unit=dataset.unit))}</p>'
        f'<nav aria-label="{escape(t(Msg.report_contents))}"><ol>{contents}</ol></nav></header>\n'
        f"<main>{body}</main>\n"
        f"<footer><p>{escape(t(Msg.report_footer, version=__version__))}</p></footer>\n"
        f"{_search_index(selection.rows)}<script>{_script(t)}</script>\n</body>\n</html>\n"
    )


# --- sections ----------------------------------------------------------------------------


def _source(dataset: Dataset, t: Tr) -> str:
    items = "".join(f"<li>{escape(d.title)}</li>" for d in dataset.departments)
    intro = escape(t(Msg.report_source_intro, count=len(dataset.departments)))
    return f"<p>{escape(dataset.source)}</p><p>{intro}</p><ol>{items}</ol>"


def _provenance(
    activities: Sequence[Activity], t: Tr, data_path: Path, data_bytes: bytes, when: str
) -> str:
    rows = [
        (t(Msg.report_data_file), escape(data_path.name)),
        (t(Msg.report_sha), f"<code>{hashlib.sha256(data_bytes).hexdigest()}</code>"),
        (t(Msg.report_version), escape(__version__)),
        (t(Msg.report_generated), escape(when)),
        (t(Msg.report_activity_count), str(len(activities))),
    ]
    items = "".join(f"<dt>{escape(k)}</dt><dd>{v}</dd>" for k, v in rows)
    return f'<dl class="provenance">{items}</dl>'


def _value_cell(value: Value, t: Tr) -> str:
    """A figure as a table cell: no amount and words stay distinct from 0."""
    if isinstance(value, Text | TextCell):  # words only: not quantified, never 0
        words = t.text(value) if isinstance(value, Text) else value.text
        return f'<td class="num words">{escape(words)}</td>'
    if value is None:
        return f'<td class="num none">{NO_AMOUNT}</td>'
    if isinstance(value, Marked):
        return f'<td class="num">{escape(t.column(value.value))}{_mark(value.marker)}</td>'
    if isinstance(value, Decimal):
        return f'<td class="num">{escape(t.column(value))}</td>'
    return f'<td class="num">{escape(str(value))}</td>'


Markers = dict[str, str | None]
"""Each source note's sign as printed (``*``), by the note's id."""


def _mark(marker: str) -> str:
    """A marker after a figure, hung in the cell's margin: the digits of marked and
    unmarked figures end at one edge, under their heading's."""
    return f'<span class="mark">{escape(marker)}</span>' if marker else ""


def _notes_of(report: Report, source: Notes, t: Tr) -> list[str]:
    """A Report's footnotes in the page's language: a pointer to the page's Notes instead of
    the command-line hints, which mean nothing in a document."""
    notes = [t.text(n.text) for n in report.footnotes if n.kind is not FootnoteKind.hint]
    if any(note.kind is NoteKind.heading for note in source.rows):
        notes.append(t(Msg.report_see_notes))
    return notes


def _department_label(dataset: Dataset, code: str, t: Tr) -> str:
    department = dataset.department(code)
    return department.name if t.lang == "da" else f"{department.name} ({department.name_en})"


def _is_total(row: tuple[Value, ...]) -> bool:
    return any(isinstance(v, Text) and v.msg == Msg.total_label for v in row)


def _totals(dataset: Dataset, doc: Document, t: Tr) -> str:
    report = doc.totals
    if len(report.rows) <= 1:  # the total row alone: nothing was selected
        return f"<p>{escape(t(Msg.report_no_activities))}</p>"
    years = [c.key for c in report.columns if c.key.isdigit()]
    several = len(years) > 1
    period = f"{years[0]}-{years[-1]}" if several else years[0]
    total = [f"{t(Msg.report_total)} {period}"] if several else []
    rows = []
    total_cells = ""
    for row in report.rows:
        cells = "".join(_value_cell(v, t) for v in row[2:])
        if _is_total(row):
            total_cells = cells
            continue
        code = str(row[0])
        name = escape(_department_label(dataset, code, t))
        rows.append(
            f'<tr><th scope="row"><abbr>{escape(code)}</abbr> '
            f'<span class="name">{name}</span></th>{cells}</tr>'
        )
    notes = _notes_of(report, doc.notes, t)
    table = _table(
        "totals",
        t(Msg.report_totals_caption, unit=dataset.unit),
        f"<thead><tr>{_heads([t(Msg.report_administration), *years, *total], 1)}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr class="total"><th scope="row">{escape(t(Msg.report_total))}</th>'
        f"{total_cells}</tr></tfoot>",
    )
    # By department, the Danish name alone (the chart's labels): with the English beside it a
    # label would wrap to four lines.
    charts = [
        (Msg.report_chart_years, doc.year_chart, "chart-years"),
        (Msg.report_chart_departments, doc.department_chart, "chart-departments"),
    ]
    figures = "".join(
        f'<figure class="chart" tabindex="0" aria-labelledby="{ident}-title">'
        + svg_chart(
            t(title, period=period, unit=dataset.unit),
            dataset.source,
            bars_from_report(chart, t.lang),
            dataset.unit,
            t.lang,
            notes,
            ident=ident,
        )
        + "</figure>"
        for title, chart, ident in charts
        if chart is not None
    )
    figures = f'<div class="charts">{figures}</div>'
    return table + _note_list(notes) + figures


def _table(name: str, caption: str, inner: str, *, ident: bool = True) -> str:
    """A table of class ``name`` (``ident``: and id ``name-table``) in a box of its own that
    scrolls sideways, named by its caption."""
    at = f' id="{name}-table"' if ident else ""
    return (
        f'<section class="scroll" tabindex="0" aria-labelledby="{name}-cap">'
        f'<table class="{name}"{at}><caption id="{name}-cap">{escape(caption)}</caption>'
        f"{inner}</table></section>"
    )


def _heads(labels: Sequence[str], text: int) -> str:
    """Column headings: the first ``text`` over words, the rest over figures."""
    css = ("", ' class="num"')
    return "".join(
        f'<th scope="col"{css[n >= text]}>{escape(label)}</th>' for n, label in enumerate(labels)
    )


def _note_list(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    return '<ul class="table-notes">' + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>"


def _amount_td(cell: YearCell, t: Tr) -> str:
    """An activity's cell: the sort key (the exact amount) in data-sort, its year in data-y;
    words and empty cells sort last, and the running sum (the script) reads the same
    attributes: data-words for a cell in words, never counted as 0, data-adj where the
    amount may be adjusted."""
    year = cell.year
    if cell.kind is CellKind.words:
        words = escape(cell.words or "")
        return (
            f'<td class="num words" data-y="{year}" data-sort="" data-words="{words}">{words}</td>'
        )
    if cell.amount is None:
        return f'<td class="num none" data-y="{year}" data-sort="">{NO_AMOUNT}</td>'
    mark = adj = ""
    if cell.adjustable:
        mark, adj = ADJUSTABLE_MARK, " data-adj"
    elif cell.actual is not None:
        mark = ACTUAL_MARK
    return (
        f'<td class="num" data-y="{year}" data-sort="{cell.amount:f}"{adj}>'
        f"{escape(t.column(cell.amount))}{_mark(mark)}</td>"
    )


def _expiring(dataset: Dataset, doc: Document, t: Tr) -> str:
    report = doc.expiring
    # The rule and what could not count; each activity's own notes are in its row below.
    notes = [
        t.text(n.text)
        for n in report.footnotes
        if n.kind is FootnoteKind.rule
        or (n.kind is FootnoteKind.left_out and n.text.msg == Msg.expiring_unquantified)
    ]
    if not report.rows:
        none = t(Msg.report_expiring_none, last=dataset.last_year)
        return f"<p>{escape(none)}</p>" + _note_list(notes)
    keys = [c.key for c in report.columns]
    years = [k for k in keys if k.isdigit()]
    at = {k: keys.index(k) for k in ("id", "department", "name", "last_year", *years)}
    rows = "".join(
        f'<tr><td>{escape(str(r[at["department"]]))}</td><th scope="row">'
        f'<a href="#{escape(_anchor(str(r[at["id"]])))}">{escape(str(r[at["name"]]))}</a></th>'
        + "".join(_value_cell(r[at[y]], t) for y in years)
        + f'<td class="num">{r[at["last_year"]]}</td></tr>'
        for r in report.rows
    )
    caption = t(Msg.report_expiring_caption, last=dataset.last_year, unit=dataset.unit)
    head = _heads([t(Msg.report_dept), t(Msg.report_activity), *years, t(Msg.report_last_year)], 2)
    inner = f'<thead><tr>{head}</tr></thead><tbody lang="da">{rows}</tbody>'
    return _table("expiring", caption, inner, ident=False) + _note_list(notes)


def _activity_notes(activity: Activity, markers: Markers, unit: str, t: Tr) -> str:
    """The footnotes, actual spend and printed cells of one activity, for its Notes cell."""
    items = [
        f"{escape(markers.get(note.id) or '')} {escape(note.text)}".strip()
        for note in activity.notes
    ]
    for cell in activity.budget:
        if cell.actual is not None:
            spent = f"{t.num(cell.actual)} {unit}"
            items.append(escape(t(Msg.report_actual, year=cell.year, amount=spent)))
    if activity.actual_text:
        items.append(escape(t(Msg.report_actual_text, text=activity.actual_text)))
    if activity.printed:
        items.append(escape(t(Msg.report_printed, text=activity.printed)))
    return "".join(f"<p>{item}</p>" for item in items)


# The activity's texts: a heading goes under the name, every other text has a column.
_HEADINGS = tuple(f for f in TEXT_FIELDS if f.kind is FieldKind.heading)
_COLUMNS = tuple(f for f in TEXT_FIELDS if f.kind is not FieldKind.heading)


PAGE_IDS = frozenset(
    (
        *("source", "provenance", "totals", "expiring", "activities", "notes", "remarks"),
        *("search", "search-box", "shown", "totals-table", "activities-table", "filters"),
        *("totals-cap", "expiring-cap", "activities-cap"),
        *("view-link", "sum-label", "sum-notes"),
    )
)


def _anchor(activity_id: str) -> str:
    """The page's id of an activity's rows: its own id (``report.html#welcome-house``),
    unless that is the id of a part of the page."""
    taken = activity_id in PAGE_IDS or activity_id.startswith(("chart-", "sum-", "f-"))
    return f"a-{activity_id}" if taken else activity_id


def _about(activity: Activity, markers: Markers, unit: str, t: Tr) -> str:
    """An activity's texts, each after its label, and its notes: the row under its figures."""
    parts = [
        f'<p><span class="field">{escape(t.heading(f.label))}:</span> {escape(value)}</p>'
        for f in _COLUMNS
        if (value := getattr(activity, f.key))
    ]
    notes = _activity_notes(activity, markers, unit, t)
    if notes:
        parts.append(
            f'<div class="notes"><span class="field">{escape(t(Msg.report_notes_col))}:</span> '
            f"{notes}</div>"
        )
    return "".join(parts)


def _select(
    key: str,
    label: str,
    options: Sequence[tuple[str, str]],
    t: Tr,
    depts: dict[str, str] | None = None,
) -> str:
    """A labelled choice, "all" first; ``depts`` gives each option the administrations it
    belongs to (data-dept), so choosing one leaves only its own sections to choose."""
    choices = "".join(
        f'<option value="{escape(value)}"'
        + (f' data-dept="{escape(depts[value])}"' if depts else "")
        + f">{escape(shown)}</option>"
        for value, shown in options
    )
    return (
        f'<label for="f-{key}">{escape(label)}</label>'
        f'<select id="f-{key}" name="{key}"><option value="">'
        f"{escape(t(Msg.report_filter_any))}</option>{choices}</select>"
    )


def _filters(selection: Activities, t: Tr) -> str:
    """The search box and the filters: administration, section, funding decision, year.
    Hidden until the script runs: without JavaScript they would do nothing."""
    from budgetcli.funding import decisions

    activities = selection.rows
    names = {a.department: a.department_name for a in activities}
    departments = [(c, f"{c} {names[c]}") for c in sorted(names)]
    sections = sorted({a.section for a in activities if a.section})
    owners = {
        x: " ".join(sorted({a.department for a in activities if a.section == x})) for x in sections
    }
    funded = sorted({d for a in activities for d in decisions(a.funding)})
    years = [(str(y), str(y)) for y in selection.years]
    count = escape(t(Msg.report_shown, shown=len(activities), total=len(activities)))
    section = _select(
        "section", t(Msg.report_filter_section), [(x, x) for x in sections], t, owners
    )
    return (
        f'<form class="search" id="search-box" role="search" hidden '
        f'aria-label="{escape(t(Msg.report_filters))}">'
        f'<div class="field-q"><label for="search">{escape(t(Msg.report_search))}</label>'
        f'<input type="search" id="search" name="q" autocomplete="off" '
        f'placeholder="{escape(t(Msg.report_search_placeholder))}"></div>'
        f"<div>{_select('dept', t(Msg.report_filter_department), departments, t)}</div>"
        f"<div>{section}</div>"
        f"<div>{_select('funding', t(Msg.report_filter_funding), [(x, x) for x in funded], t)}"
        "</div>"
        f"<div>{_select('year', t(Msg.report_filter_year), years, t)}</div>"
        f'<div class="go"><button type="submit">{escape(t(Msg.report_filter_show))}</button></div>'
        f'<p class="found"><output id="shown" aria-live="polite">{count}</output> '
        f'<a id="view-link" href="#">{escape(t(Msg.report_view_link))}</a></p></form>'
    )


def _activities(selection: Activities, source: Notes, t: Tr) -> str:
    """Every activity as a group of two rows (a tbody of its own, so search, filters and
    sorting move and hide it whole): its name and amounts under their years, then its texts
    and notes across the table's width. A narrow window shows each as a card."""
    from budgetcli.funding import decisions

    activities, years, unit = selection.rows, selection.years, selection.unit
    markers = {note.id: note.marker for note in source.rows}
    if not activities:
        return f"<p>{escape(t(Msg.report_no_activities))}</p>"

    def header(key: str, kind: str, label: str, year: int | None = None) -> str:
        # The script adds a sort button (keyboard too) beside the label and hides the label;
        # print shows the label again, since Chromium leaves buttons out of a table header
        # repeated on each page.
        css = ' class="num"' if kind == "num" else ""
        at = f' data-y="{year}"' if year is not None else ""
        return (
            f'<th scope="col"{css}{at} data-type="{kind}" data-key="{key}">'
            f'<span class="label">{escape(label)}</span></th>'
        )

    heads = [
        header("dept", "text", t(Msg.report_dept)),
        header("activity", "text", t(Msg.report_activity)),
        *(header(str(y), "num", str(y), y) for y in years),
    ]
    width = len(heads)
    groups = []
    for a in activities:
        section = "".join(
            f'<span class="section">{escape(value)}</span>'
            for f in _HEADINGS
            if (value := getattr(a, f.key))
        )
        funding = escape(json.dumps(decisions(a.funding), ensure_ascii=False))
        # The source's text is Danish whatever the labels' language (for hyphens, speech).
        groups.append(
            f'<tbody id="{escape(_anchor(a.id))}" data-id="{escape(a.id)}" '
            f'data-dept="{escape(a.department)}" data-section="{escape(a.section or "")}" '
            f'data-funding="{funding}" lang="da">'
            f'<tr class="figures"><td class="dept" data-sort="{escape(a.department)}">'
            f'<abbr title="{escape(a.department_name)}">'
            f"{escape(a.department)}</abbr></td>"
            f'<th scope="row" data-sort="{escape(a.name)}"><a class="name" '
            f'href="#{escape(_anchor(a.id))}">{escape(a.name)}</a>{section}</th>'
            + "".join(_amount_td(cell, t) for cell in a.budget)
            + f'</tr><tr class="about"><td colspan="{width}">'
            f"{_about(a, markers, unit, t)}</td></tr>"
            "</tbody>"
        )
    legend = [
        t(Msg.report_legend_adjustable, mark=ADJUSTABLE_MARK),
        t(Msg.report_legend_actual, mark=ACTUAL_MARK),
        t(Msg.report_legend_words),
        t(Msg.report_legend_empty, dash=NO_AMOUNT),
    ]
    # The running sum of the rows shown: filled in by the script, which alone can hide rows.
    sums = "".join(f'<td class="num" data-y="{y}" id="sum-{y}"></td>' for y in years)
    foot = (
        f'<tfoot id="sum" hidden><tr class="sum"><th scope="row" colspan="2" id="sum-label">'
        f"</th>{sums}</tr>"
        f'<tr class="sum-notes"><td colspan="{width}"><ul id="sum-notes"></ul></td></tr></tfoot>'
    )
    table = _table(
        "activities",
        t(Msg.report_activities_caption, unit=unit),
        f"<thead><tr>{''.join(heads)}</tr></thead>{''.join(groups)}{foot}",
    )
    return _filters(selection, t) + table + _note_list(legend)


def _concerned(note: Note, names: dict[str, str], t: Tr) -> str:
    if note.kind is NoteKind.heading:
        return t(Msg.report_concerns_all)
    return t(Msg.report_concerns, ids=", ".join(names[i] for i in note.activities))


def _notes(dataset: Dataset, doc: Document, t: Tr) -> str:
    """Every heading paragraph and footnote of the appendices the selection comes from,
    under the appendix's heading as printed."""
    wanted = {a.department for a in doc.selection.rows}
    names = {a.id: a.name for a in doc.everything.rows}
    parts = []
    for department in dataset.departments:
        notes = [n for n in doc.notes.rows if n.department == department.code]
        if department.code not in wanted or not notes:
            continue
        items = []
        for note in notes:
            heading = note.kind is NoteKind.heading
            kind = t(Msg.report_heading_note) if heading else t(Msg.report_footnote)
            marker = f" {escape(note.marker)}" if note.marker else ""
            links = "".join(
                f' <a href="{escape(link)}">{escape(link)}</a>'
                for link in note.links
                if link.startswith(("https://", "http://"))
            )
            items.append(
                f'<li><span class="kind">{escape(kind)}{marker}:</span> {escape(note.text)}'
                f'{links} <span class="concerns">'
                f"{escape(_concerned(note, names, t))}</span></li>"
            )
        parts.append(f"<h3>{escape(department.title)}</h3><ul>{''.join(items)}</ul>")
    return "".join(parts)


def _remarks(activities: Sequence[Activity], t: Tr) -> str:
    with_remarks = [a for a in activities if a.remarks]
    if not with_remarks:
        return f"<p>{escape(t(Msg.report_remarks_none))}</p>"
    if t.lang == "da":
        # The remarks are written in English: a Danish document says where they are
        # rather than switch language halfway through.
        return f"<p>{escape(t(Msg.report_remarks_elsewhere, count=len(with_remarks)))}</p>"
    items = "".join(
        f"<dt>{escape(a.name)} <code>{escape(a.id)}</code></dt>"
        + "".join(f"<dd>{escape(r)}</dd>" for r in a.remarks)
        for a in with_remarks
    )
    return f'<p>{escape(t(Msg.report_remarks_intro))}</p><dl class="remarks">{items}</dl>'


# --- style and script --------------------------------------------------------------------

CHART_WIDTH = 800
"""CSS pixels a chart is drawn at, at least: its smallest text (11 of 720 units) is then
12 px; a narrower window scrolls the chart in its own box."""

CSS = (
    """
:root{--ink:#1b1f24;--grey:#4b5563;--line:#d0d5dc;--band:#f3f5f8;--accent:#2c5f8a;
--mark:#fff4c2}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0 auto;max-width:80rem;padding:1.5rem;color:var(--ink);background:#fff;
font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;
border-bottom:2px solid var(--accent);padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
.filters{font-weight:600;margin:.2rem 0}.unit,.table-notes,.small,caption{color:var(--grey)}
nav ol{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;list-style:none;margin:.8rem 0}
a{color:var(--accent)}
.scroll{overflow-x:auto;max-width:100%}
.scroll:focus-visible,figure.chart:focus-visible{outline:2px solid var(--accent)}
table{border-collapse:collapse;margin:.4rem 0;font-size:14px}
caption{text-align:left;font-style:italic;padding:.2rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:var(--band);border-bottom:2px solid var(--grey);white-space:nowrap}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
/* A marker hangs in the cell's right margin, so digits line up under their heading. */
.num .mark{display:inline-block;width:0;overflow:visible}
td.words{font-style:italic;color:var(--grey);white-space:normal}
td.none{color:var(--grey)}
tfoot th,tfoot td{font-weight:700;border-top:2px solid var(--grey)}
table.totals th[scope=row]{font-weight:400}
.name{font-weight:600}code{font-size:.9em}abbr{text-decoration:none}
.section{display:block;font-weight:400;font-size:.9em;color:var(--grey)}
table.activities{width:100%}
table.activities th[scope=row]{min-width:14rem}
table.activities a.name{color:var(--ink);text-decoration:none}
table.activities a.name:hover,table.activities a.name:focus{text-decoration:underline}
table.activities td.words{min-width:7rem;font-size:13px}
table.activities tr.figures>*{border-bottom:0}
table.activities tr.about td{padding:0 .45rem .6rem;font-size:13px}
table.activities tr.about p,table.activities tr.about .notes p{margin:0 0 .15rem;max-width:62rem}
table.activities .field{font-weight:600;color:var(--grey)}
table.activities .notes p{display:inline}
table.activities .notes p+p::before{content:" · "}
table.activities tbody:nth-of-type(even){background:#fafbfc}
table.activities tbody{scroll-margin-top:1rem}
table.activities tbody:target{outline:3px solid var(--accent);background:var(--mark)}
table.activities td,table.activities th{overflow-wrap:normal;word-break:normal;hyphens:manual}
table.activities tr.sum-notes td{font-weight:400;border-top:0;color:var(--grey);font-size:13px}
#sum-notes{margin:0;padding-left:1.1rem}
th button{all:inherit;display:block;width:100%;cursor:pointer;padding:0;border:0;
background:none}
th.sortable .label{display:none}
th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
th.num[aria-sort=ascending] button::before{content:"\\25B2  "}
th.num[aria-sort=descending] button::before{content:"\\25BC  "}
th.num[aria-sort] button::after{content:none}
.search{margin:.6rem 0;display:flex;gap:.6rem 1rem;align-items:flex-end;flex-wrap:wrap}
.search>div{display:flex;flex-direction:column;gap:.15rem;min-width:0;max-width:100%}
.search label{font-weight:600;font-size:14px}
.search input,.search select{font:inherit;padding:.3rem .5rem;border:1px solid var(--grey);
border-radius:4px;background:#fff;color:var(--ink);max-width:100%}
.search input{width:20rem}.search select{max-width:18rem}
.search .found{flex-basis:100%;margin:0;color:var(--grey)}
.search button{font:inherit;padding:.3rem .9rem;border:1px solid var(--accent);border-radius:4px;
background:var(--accent);color:#fff;cursor:pointer}
.search .found a{margin-left:.8rem}
figure.chart{margin:1.5rem 0;max-width:"""
    + str(CHART_WIDTH)
    + """px;overflow-x:auto}
figure.chart svg{width:100%;min-width:"""
    + str(CHART_WIDTH)
    + """px;height:auto;display:block}
dl.provenance{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.provenance dt{font-weight:600}dl.provenance dd{margin:0;overflow-wrap:anywhere}
dl.remarks dt{font-weight:600;margin-top:.6rem}dl.remarks dd{margin:.1rem 0 0 1.2rem}
.kind{font-weight:600}.concerns{color:var(--grey);font-size:.9em}
footer{margin-top:2rem;color:var(--grey);font-size:.85rem}
/* A phone: the activities reflow as cards, each figure under its year; no page-wide
   sideways scroll, no text under 12 px. */
@media (max-width:44rem){
body{padding:.8rem}
h1{font-size:1.35rem}
dl.provenance{grid-template-columns:1fr}
.search input,.search select{width:100%;max-width:none}.search>div{flex:1 1 100%}
table.activities,table.activities tbody,table.activities tfoot,table.activities tr,
table.activities caption{display:block}
/* The headings become a row of sort buttons above the cards. */
table.activities thead,table.activities thead tr{display:flex;flex-wrap:wrap;gap:.35rem}
table.activities thead th{display:block;border:1px solid var(--line);border-radius:4px;
padding:.25rem .6rem;text-align:left}
table.activities tbody{border:1px solid var(--line);border-radius:6px;margin:.6rem 0;
padding:.3rem 0}
table.activities tr.figures,table.activities tfoot tr.sum{display:grid;
grid-template-columns:repeat(auto-fill,minmax(4rem,1fr))}
table.activities tr.figures>*,table.activities tfoot tr.sum>*{display:block;border:0;min-width:0}
table.activities tr.figures th[scope=row],table.activities tr.figures td.dept,
table.activities tfoot tr.sum th{grid-column:1/-1}
table.activities tr.figures th[scope=row]{order:1;padding-bottom:0}
table.activities tr.figures td.dept{order:2;padding-top:0;color:var(--grey)}
table.activities tr.figures td.num,table.activities tfoot td.num{order:3;text-align:left;
white-space:normal}
table.activities tr.figures td.num::before{content:attr(data-y);display:block;font-size:12px;
color:var(--grey);font-style:normal}
table.activities tr.about td{display:block;padding-top:.3rem}
table.activities tfoot td::before{content:attr(data-y);display:block;font-size:12px;
font-weight:400}
table.activities tfoot tr.sum-notes,table.activities tfoot tr.sum-notes td{display:block}
}
@page{size:A4;margin:14mm 12mm}
@media print{
body{max-width:none;padding:0;font-size:10pt}
nav,.search{display:none!important}
.scroll{overflow:visible}
table{font-size:8.5pt;page-break-inside:auto}
tr,figure,li,dd,table.activities tbody{break-inside:avoid}
thead{display:table-header-group}
/* Every figure once on paper: a small table moves whole to the next page rather than
   split, and a total row is printed once, at the end (never repeated on each page); the
   running sum only where the page shows a part of the selection. */
table.totals,table.expiring,.scroll:has(table.totals),.scroll:has(table.expiring){break-inside:avoid}
tfoot{display:table-row-group}
table.activities:not(.filtered) tfoot{display:none}
h2,h3{break-after:avoid}
/* Fixed widths on paper: a name on one or two lines, each year as wide as its figures;
   an activity's texts run on, one after another, across the page's width. */
table.activities{table-layout:fixed}
table.activities th[data-key=dept]{width:7%}table.activities th[data-key=activity]{width:38%}
table.activities th[scope=row]{min-width:0}
table.activities tr.about td{font-size:8pt;padding-bottom:.35rem}
table.activities tr.about p,table.activities tr.about div.notes{display:inline;max-width:none}
table.activities tr.about td>*+*::before{content:" · ";font-weight:700}
#notes{font-size:9pt}
dl.remarks{font-size:8pt;columns:2;column-gap:6mm}
dl.remarks dt{break-after:avoid}
/* Words whole: broken only where the page's language hyphenates them, with a hyphen. */
table.activities,.table-notes,#notes{hyphens:auto;overflow-wrap:normal}
table.activities tbody:nth-of-type(even){background:none}
th button{display:none!important}th.sortable .label{display:inline!important}
table.totals{width:100%;table-layout:fixed}table.totals thead th:first-child{width:44%}
table.totals td.words{white-space:nowrap}
figure.chart{max-width:150mm;margin:.8rem 0;overflow:visible}
figure.chart svg{min-width:0}
a{color:inherit;text-decoration:none}
}
"""
)


def _year_css(years: Sequence[int]) -> str:
    """With a year chosen, the activities table shows that year's column alone."""
    return "".join(
        f'table.activities[data-year]:not([data-year="{y}"]) [data-y="{y}"]{{display:none}}'
        for y in years
    )


def _script(t: Tr) -> str:
    """Search, filters, the running sum, links to a view, and sorting, for the activities
    table; the data stays in the DOM, the script carries only the page's words."""
    words = {
        "shown": t(Msg.report_shown, shown="{s}", total="{t}"),
        "sum": t(Msg.report_sum_shown, shown="{s}"),
        "notQuantified": t(Msg.not_quantified),
        "inYears": t(Msg.in_years, years="{years}", text="{text}"),
        "leftOut": t(Msg.left_out, items="{items}"),
        "withWords": t(Msg.id_with_words, id="{id}", words="{words}"),
        "adjustable": t(Msg.marked, mark=ADJUSTABLE_MARK, text="{text}"),
        "includesAdjustable": t(Msg.includes_adjustable, ids="{ids}"),
        "mark": ADJUSTABLE_MARK,
        "decimals": t.column_decimals or 0,
        "point": t.num(Decimal("0.5"), 1)[1],
        "group": t.num(Decimal(1000), 0)[1:2] if len(t.num(Decimal(1000), 0)) == 5 else "",
    }
    said = _script_json(words, separators=(", ", ": "))
    return "\n(function () {\n  var WORDS = " + said + ";\n" + _SEARCH_JS + SCRIPT + "\n})();\n"


SCRIPT = r"""
  var table = document.getElementById("activities-table");
  if (!table) return;
  var groups = Array.prototype.slice.call(table.tBodies);
  var box = document.getElementById("search-box");
  var input = document.getElementById("search");
  var out = document.getElementById("shown");
  var viewLink = document.getElementById("view-link");
  var lang = document.documentElement.lang;
  var selects = {};
  ["dept", "section", "funding", "year"].forEach(function (k) {
    selects[k] = document.getElementById("f-" + k);
  });
  var years = Array.prototype.slice.call(table.tHead.querySelectorAll("th[data-y]"))
    .map(function (th) { return th.getAttribute("data-y"); });

  // --- search: the query -> the set of ids of the activities it finds (null: no query) --
  // The command line's search (searcher, from budgetcli.search's embedded index).
  var searchIds = searcher();

  // --- the running sum: as `budgetcli total` adds up the same activities ----------------
  // Exact: amounts are added as whole units of the document's last decimal. Words are never
  // counted as 0 (a year of words only says so), what was left out is named, and a sum
  // that includes an amount that may be adjusted is marked.
  var scale = Math.pow(10, WORDS.decimals);
  function units(text) {
    var negative = text.charAt(0) === "-";
    var parts = text.replace("-", "").split(".");
    var fraction = ((parts[1] || "") + "0".repeat(WORDS.decimals)).slice(0, WORDS.decimals);
    var value = parseInt(parts[0], 10) * scale + (fraction ? parseInt(fraction, 10) : 0);
    return negative ? -value : value;
  }
  function figure(value) {
    var negative = value < 0;
    value = Math.abs(value);
    var whole = String(Math.floor(value / scale));
    if (WORDS.group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, WORDS.group);
    var fraction = WORDS.decimals ?
      WORDS.point + String(value % scale).padStart(WORDS.decimals, "0") : "";
    return (negative ? "-" : "") + whole + fraction;
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; });
  }
  function byYears(entries) {
    // "first-last: text" for runs of consecutive years that say the same thing.
    var runs = [];
    entries.forEach(function (e) {
      var last = runs[runs.length - 1];
      if (last && last[2] === e[1] && last[1] === e[0] - 1) last[1] = e[0];
      else runs.push([e[0], e[0], e[1]]);
    });
    return runs.map(function (r) {
      return fill(WORDS.inYears, {years: r[0] === r[1] ? r[0] : r[0] + "-" + r[1], text: r[2]});
    });
  }
  function runningSum(shown, year) {
    var shownYears = year ? [year] : years;
    var leftOut = [], adjustable = [];
    years.forEach(function (y) {
      var sum = 0, numbers = 0, words = [], adj = [];
      shown.forEach(function (g) {
        var cell = g.querySelector("td[data-y='" + y + "']");
        var name = g.querySelector("a.name").textContent;
        if (cell.hasAttribute("data-words")) {
          words.push(fill(WORDS.withWords, {id: name, words: cell.getAttribute("data-words")}));
        } else if (cell.getAttribute("data-sort")) {
          sum += units(cell.getAttribute("data-sort"));
          numbers++;
          if (cell.hasAttribute("data-adj")) adj.push(name);
        }
      });
      var td = document.getElementById("sum-" + y);
      td.classList.toggle("words", !numbers && words.length > 0);
      td.textContent = !numbers && words.length ? WORDS.notQuantified : figure(sum);
      if (numbers && adj.length) {
        var mark = document.createElement("span");
        mark.className = "mark";
        mark.textContent = WORDS.mark;
        td.appendChild(mark);
      }
      if (shownYears.indexOf(y) < 0) return;
      if (words.length) leftOut.push([+y, fill(WORDS.leftOut, {items: words.join(", ")})]);
      if (adj.length) adjustable.push([+y, fill(WORDS.includesAdjustable, {ids: adj.join(", ")})]);
    });
    var notes = byYears(leftOut).concat(byYears(adjustable).map(function (n) {
      return fill(WORDS.adjustable, {text: n});
    }));
    var list = document.getElementById("sum-notes");
    list.textContent = "";
    notes.forEach(function (n) {
      var li = document.createElement("li");
      li.textContent = n;
      list.appendChild(li);
    });
    document.getElementById("sum-label").textContent = fill(WORDS.sum, {s: shown.length});
  }

  // --- filters, and the view in the address ---------------------------------------------
  function state() {
    var s = {q: input.value};
    Object.keys(selects).forEach(function (k) { s[k] = selects[k].value; });
    return s;
  }
  function address(s) {
    var p = new URLSearchParams();
    Object.keys(s).forEach(function (k) { if (s[k]) p.set(k, s[k]); });
    return p.toString();
  }
  function apply() {
    var s = state();
    var found = searchIds(s.q);
    var shown = [];
    groups.forEach(function (g) {
      var funding = JSON.parse(g.getAttribute("data-funding") || "[]");
      var hit = (!found || found.has(g.getAttribute("data-id"))) &&
        (!s.dept || g.getAttribute("data-dept") === s.dept) &&
        (!s.section || g.getAttribute("data-section") === s.section) &&
        (!s.funding || funding.indexOf(s.funding) >= 0) &&
        (!s.year || !g.querySelector("td[data-y='" + s.year + "']").classList.contains("none"));
      g.hidden = !hit;
      if (hit) shown.push(g);
    });
    if (s.year) table.setAttribute("data-year", s.year);
    else table.removeAttribute("data-year");
    var query = address(s);
    table.classList.toggle("filtered", query !== "");
    out.textContent = fill(WORDS.shown, {s: shown.length, t: groups.length});
    runningSum(shown, s.year);
    viewLink.href = "#" + query;
    return query;
  }
  function narrowSections() {
    // An administration chosen: only its own sections to choose from.
    var dept = selects.dept.value;
    Array.prototype.forEach.call(selects.section.options, function (o) {
      var owners = (o.getAttribute("data-dept") || "").split(" ");
      o.hidden = o.disabled = Boolean(dept && o.value && owners.indexOf(dept) < 0);
    });
    if (selects.section.selectedOptions[0].disabled) selects.section.value = "";
  }
  function changed() {
    narrowSections();
    var query = apply();
    var url = location.pathname + location.search + (query ? "#" + query : "");
    try { history.replaceState(null, "", url); } catch (e) { /* a page opened from mail */ }
  }
  function fromAddress() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") < 0) return false;  // "#welcome-house": a link to an activity
    var p = new URLSearchParams(hash);
    input.value = p.get("q") || "";
    Object.keys(selects).forEach(function (k) {
      var wanted = p.get(k) || "";
      var known = Array.prototype.some.call(selects[k].options, function (o) {
        return o.value === wanted;
      });
      selects[k].value = known ? wanted : "";
    });
    return true;
  }
  box.hidden = false;
  document.getElementById("sum").hidden = false;
  box.addEventListener("submit", function (e) { e.preventDefault(); changed(); });
  input.addEventListener("input", changed);
  Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", changed); });
  window.addEventListener("hashchange", function () { if (fromAddress()) apply(); });
  fromAddress();
  narrowSections();
  apply();

  // --- sorting ---------------------------------------------------------------------------
  var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
  heads.forEach(function (th, col) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = th.textContent;
    th.appendChild(button);
    th.classList.add("sortable");
    button.addEventListener("click", function () {
      var numeric = th.dataset.type === "num";
      var current = th.getAttribute("aria-sort");
      // Amounts sort largest first, words A to Z; a second click reverses.
      var dir = current ? (current === "descending" ? 1 : -1) : (numeric ? -1 : 1);
      heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", dir < 0 ? "descending" : "ascending");
      function key(g) {
        var c = g.rows[0].cells[col];
        return c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent.trim();
      }
      var order = groups.map(function (g, i) { return [key(g), i, g]; });
      order.sort(function (a, b) {
        // Empty cells (no amount, or words) go last in either direction.
        if (a[0] === "" || b[0] === "") {
          return (a[0] === "") - (b[0] === "") || a[1] - b[1];
        }
        var d = numeric ? parseFloat(a[0]) - parseFloat(b[0]) : a[0].localeCompare(b[0], lang);
        return d * dir || a[1] - b[1];
      });
      var foot = table.tFoot;
      order.forEach(function (o) { table.insertBefore(o[2], foot); });
    });
  });
"""

# --- search ------------------------------------------------------------------------------
# The report's search box finds what `budgetcli list -s` finds: the activities' texts in
# search form, the words' readings (Danish stems, English words of the domain) and the
# vocabulary for typos all come from budgetcli.search.client_index, the one declaration;
# the script only folds what is typed and matches as search.search does.


def _search_index(activities: Sequence[Activity]) -> str:
    """The search's data, as JSON in a data block the script reads (never executed; every
    ``<`` written ``\\u003c``, so the data can neither close the element nor open a
    comment)."""
    from budgetcli.search import client_index

    data = _script_json(client_index(activities), separators=(",", ":"))
    return f'<script type="application/json" id="search-index">{data}</script>\n'


def _script_json(value: object, separators: tuple[str, str]) -> str:
    """``value`` as JSON inside a script element: every ``<`` written ``\\u003c`` (valid JSON
    and JavaScript), so it can neither close the element nor open a comment."""
    return json.dumps(value, ensure_ascii=False, separators=separators).replace("<", "\\u003c")


_SEARCH_JS = r"""
  // The command line's search (budgetcli.search), on the data it embedded (search-index).
  function searcher() {
    var data = JSON.parse(document.getElementById("search-index").textContent);
    var ids = Object.keys(data.texts);
    var texts = ids.map(function (id) { return data.texts[id]; });
    function fold(s) {
      s = s.toLowerCase().replace(/æ/g, "ae").replace(/ø/g, "o");
      return s.normalize("NFKD").replace(/\p{M}/gu, "");  // the accents, as unicodedata
    }
    function loosen(s) {
      s = s.replace(/[-\u2010\u2011\u00ad]/g, "");
      s = s.replace(/ae/g, "a").replace(/oe/g, "o").replace(/aa/g, "a");
      return s.replace(/[^\p{L}\p{N}_]+/gu, " ").trim();
    }
    function words(s) { var w = loosen(s.replace(/-/g, " ")); return w ? w.split(" ") : []; }
    // Before the text's first letter and after its last is an edge too (undefined).
    function edge(c) { return c === undefined || c === " " || c === "\u0000"; }
    // word begins a word of the title or the body (whole: is a word of its own).
    function starts(t, word, whole) {
      return t.some(function (text) {
        for (var at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
          if (edge(text[at - 1]) && (!whole || edge(text[at + word.length]))) return true;
        }
        return false;
      });
    }
    function within(t, word) { return t[0].indexOf(word) >= 0 || t[1].indexOf(word) >= 0; }
    function holds(t, word, started) {
      return word.length > data.short ? within(t, word) : starts(t, word, !started);
    }
    function holdsReading(t, r) {
      if (r[0] === "^" || r.length <= data.short_reading) return starts(t, r.replace(/^\^/, ""));
      return within(t, r);
    }
    function holdsTerm(t, term) {
      if (holds(t, term.joined, term.last)) return true;
      var all = term.parts.every(function (p, n) {
        return holds(t, p, term.last && n === term.parts.length - 1);
      });
      return all || term.readings.some(function (r) { return holdsReading(t, r); });
    }
    function allowed(word) {
      if (word.length < data.errors_from) return 0;
      return word.length < data.two_errors_from ? 1 : 2;
    }
    // The fewest edits (insert, delete, substitute, swap neighbours) from word to a part of
    // text: search.substring_distance.
    function distance(word, text, limit) {
      var before = [], prev = [], i, j;
      for (j = 0; j <= text.length; j++) prev.push(0);
      for (i = 1; i <= word.length; i++) {
        var cur = [i];
        for (j = 1; j <= text.length; j++) {
          var cost = word[i - 1] === text[j - 1] ? 0 : 1;
          var best = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
          if (i > 1 && j > 1 && word[i - 1] === text[j - 2] && word[i - 2] === text[j - 1]) {
            best = Math.min(best, before[j - 2] + 1);
          }
          cur.push(best);
        }
        if (Math.min.apply(null, cur) > limit) return limit + 1;
        before = prev;
        prev = cur;
      }
      return Math.min.apply(null, prev);
    }
    function near(word) {
      var k = allowed(word);
      if (!k) return [];
      return data.vocabulary.filter(function (v) {
        return v.length >= word.length - k && distance(word, v, k) <= k;
      });
    }
    return function (typed) {
      var folded = fold(typed.trim());
      var ws = words(folded);
      if (!ws.length) return null;
      var tokens = folded.split(/\s+/).map(function (token) {
        return [loosen(token), words(token)];
      }).filter(function (t) { return t[1].length; });
      var terms = tokens.map(function (t, n) {
        return {joined: t[0], parts: t[1], last: n === tokens.length - 1,
                readings: data.readings[t[0]] || []};
      });
      var found = new Set();
      texts.forEach(function (t, i) {
        if (terms.every(function (term) { return holdsTerm(t, term); })) found.add(ids[i]);
      });
      if (found.size) return found;
      // Nothing as typed: each word found, or within its typing errors of a word of the text.
      var close = {};
      ws.forEach(function (w) { close[w] = near(w); });
      texts.forEach(function (t, i) {
        var own = (t[0] + " " + t[1]).replace(/\u0000/g, " ").split(" ");
        var hit = ws.every(function (w) {
          return holds(t, w, false) || close[w].some(function (v) { return own.indexOf(v) >= 0; });
        });
        if (hit) found.add(ids[i]);
      });
      return found;
    };
  }
"""

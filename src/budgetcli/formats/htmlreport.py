"""One self-contained HTML file about the selected activities: to read, print, search, mail.

Everything is inside the file (CSS, SVG charts, a small script) and the page's
Content-Security-Policy forbids fetching anything, so it works offline and as an e-mail
attachment. Without JavaScript every table still reads in full; the script only adds the
search box and sortable headers. Every piece of data goes through :func:`escape`, so a
``<script>`` in a name is shown as text. All figures come from the presenters' Reports
(reports/document.py; exact Decimals), so this module runs no query: words
("Driftsbudget") are never counted as 0, and the notes under each total say what it left
out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from budgetcli import __version__
from budgetcli.formats.cells import NO_AMOUNT
from budgetcli.formats.svgchart import bars_from_report, escape, svg_chart
from budgetcli.i18n import Msg, Text, Tr, places
from budgetcli.model import TEXT_FIELDS, Activity, Dataset, FieldKind, Note, TextCell
from budgetcli.reports import Marked, Report, Value
from budgetcli.reports.document import Document
from budgetcli.results import FootnoteKind
from budgetcli.results.footnotes import ACTUAL_MARK, ADJUSTABLE_MARK


def html_report(
    dataset: Dataset,
    activities: Sequence[Activity],
    doc: Document,
    *,
    filters_description: str,
    lang: str,
    data_path: Path,
    data_bytes: bytes,
    generated: datetime | None = None,
) -> str:
    """The whole report as one HTML document (UTF-8 text).

    ``activities`` is the selection (the caller applies the filters); ``doc`` holds its
    figures (reports.document), already narrowed to a year where one was asked for.
    """
    # A document for people: its sentences name activities by name, not by id, and every
    # amount column has one precision, the most decimals the data's amounts have.
    t = Tr(lang, names={a.id: a.name for a in dataset.activities})
    t.column_decimals = max(
        (
            places(c)
            for a in dataset.activities
            for c in a.budget.values()
            if isinstance(c, Decimal)
        ),
        default=0,
    )
    period = f"{dataset.first_year}-{dataset.last_year}"
    when = (generated or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M %Z").strip()
    title = t(Msg.report_title, period=period)
    sections = [
        ("source", t(Msg.report_source), _source(dataset, t)),
        (
            "provenance",
            t(Msg.report_provenance),
            _provenance(activities, t, data_path, data_bytes, when),
        ),
        ("totals", t(Msg.report_totals), _totals(dataset, doc, t)),
        ("expiring", t(Msg.report_expiring), _expiring(dataset, doc, t)),
        ("activities", t(Msg.report_activities), _activities(dataset, activities, t)),
        ("notes", t(Msg.report_notes), _notes(dataset, activities, t)),
        ("remarks", t(Msg.report_remarks), _remarks(activities, t)),
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
        f"<title>{escape(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<header><h1>{escape(title)}</h1><p class="filters">{escape(filters_description)}</p>'
        f'<p class="unit">{escape(t(Msg.report_unit_line, unit=dataset.unit))}</p>'
        f'<nav aria-label="{escape(t(Msg.report_contents))}"><ol>{contents}</ol></nav></header>\n'
        f"<main>{body}</main>\n"
        f"<footer><p>{escape(t(Msg.report_footer, version=__version__))}</p></footer>\n"
        f"{_search_index(activities)}<script>{_script(t)}</script>\n</body>\n</html>\n"
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
        return f'<td class="num">{escape(t.column(value.value))}{escape(value.marker)}</td>'
    if isinstance(value, Decimal):
        return f'<td class="num">{escape(t.column(value))}</td>'
    return f'<td class="num">{escape(str(value))}</td>'


def _notes_of(report: Report, dataset: Dataset, t: Tr) -> list[str]:
    """A Report's footnotes in the page's language: a pointer to the page's Notes instead of
    the command-line hints, which mean nothing in a document."""
    notes = [t.text(n.text) for n in report.footnotes if n.kind is not FootnoteKind.hint]
    if any(note.kind == "heading" for note in dataset.notes):
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
    head = "".join(f'<th scope="col" class="num">{y}</th>' for y in years)
    if several:
        head += f'<th scope="col" class="num">{escape(t(Msg.report_total))} {period}</th>'
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
    notes = _notes_of(report, dataset, t)
    table = (
        f'<div class="scroll"><table class="totals" id="totals-table">'
        f"<caption>{escape(t(Msg.report_totals_caption, unit=dataset.unit))}</caption>"
        f'<thead><tr><th scope="col">{escape(t(Msg.report_administration))}</th>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr class="total"><th scope="row">{escape(t(Msg.report_total))}</th>'
        f"{total_cells}</tr></tfoot></table></div>"
    )
    # By department, the Danish name alone (the chart's labels): with the English beside it a
    # label would wrap to four lines.
    charts = [
        (Msg.report_chart_years, doc.year_chart, "chart-years"),
        (Msg.report_chart_departments, doc.department_chart, "chart-departments"),
    ]
    figures = "".join(
        '<figure class="chart">'
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


def _note_list(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    return '<ul class="table-notes">' + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>"


def _amount_td(activity: Activity, year: int, t: Tr) -> str:
    """An activity's cell: the sort key in data-sort; words and empty cells sort last."""
    cell = activity.cell(year)
    if isinstance(cell, TextCell):
        return f'<td class="num words" data-sort="">{escape(cell.text)}</td>'
    if cell is None:
        return f'<td class="num none" data-sort="">{NO_AMOUNT}</td>'
    mark = ""
    if year in activity.adjustable:
        mark = ADJUSTABLE_MARK
    elif activity.actual and year in activity.actual:
        mark = ACTUAL_MARK
    return f'<td class="num" data-sort="{cell}">{escape(t.column(cell))}{mark}</td>'


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
    head = "".join(f'<th scope="col" class="num">{y}</th>' for y in years)
    rows = "".join(
        f'<tr><td>{escape(str(r[at["department"]]))}</td><th scope="row">'
        f'{escape(str(r[at["name"]]))} <code class="id">{escape(str(r[at["id"]]))}</code></th>'
        + "".join(_value_cell(r[at[y]], t) for y in years)
        + f'<td class="num">{r[at["last_year"]]}</td></tr>'
        for r in report.rows
    )
    return (
        f'<div class="scroll"><table class="expiring">'
        f"<caption>"
        f"{escape(t(Msg.report_expiring_caption, last=dataset.last_year, unit=dataset.unit))}"
        f'</caption><thead><tr><th scope="col">{escape(t(Msg.report_dept))}</th>'
        f'<th scope="col">{escape(t(Msg.report_activity))}</th>{head}'
        f'<th scope="col" class="num">{escape(t(Msg.report_last_year))}</th></tr></thead>'
        f'<tbody lang="da">{rows}</tbody></table></div>' + _note_list(notes)
    )


def _activity_notes(dataset: Dataset, activity: Activity, t: Tr) -> str:
    """The footnotes, actual spend and printed cells of one activity, for its Notes cell."""
    items = [
        f"{escape(note.marker or '')} {escape(note.text)}".strip()
        for note in (dataset.note(n) for n in activity.notes)
    ]
    for year, spent in (activity.actual or {}).items():
        items.append(
            escape(t(Msg.report_actual, year=year, amount=f"{t.num(spent)} {dataset.unit}"))
        )
    if activity.actual_text:
        items.append(escape(t(Msg.report_actual_text, text=activity.actual_text)))
    if activity.printed:
        items.append(escape(t(Msg.report_printed, text=activity.printed)))
    return "".join(f"<p>{item}</p>" for item in items)


# The activity's texts: a heading goes under the name, every other text has a column.
_HEADINGS = tuple(f for f in TEXT_FIELDS if f.kind is FieldKind.heading)
_COLUMNS = tuple(f for f in TEXT_FIELDS if f.kind is not FieldKind.heading)


def _activities(dataset: Dataset, activities: Sequence[Activity], t: Tr) -> str:
    if not activities:
        return f"<p>{escape(t(Msg.report_no_activities))}</p>"

    def header(key: str, kind: str, label: str) -> str:
        # The script adds a sort button (keyboard too) beside the label and hides the label;
        # print shows the label again, since Chromium leaves buttons out of a table header
        # repeated on each page.
        css = ' class="num"' if kind == "num" else ""
        return (
            f'<th scope="col"{css} data-type="{kind}" data-key="{key}">'
            f'<span class="label">{escape(label)}</span></th>'
        )

    heads = [
        # Amounts right after the name: at any width a reader sees what each one costs.
        header("dept", "text", t(Msg.report_dept)),
        header("activity", "text", t(Msg.report_activity)),
        *(header(str(y), "num", str(y)) for y in dataset.years),
        *(header(f.key, "text", t.heading(f.label)) for f in _COLUMNS),
        header("notes", "text", t(Msg.report_notes_col)),
    ]
    rows = []
    for a in activities:
        section = "".join(
            f'<span class="section">{escape(t.heading(f.label))}: {escape(value)}</span>'
            for f in _HEADINGS
            if (value := getattr(a, f.key))
        )
        rows.append(
            f'<tr id="a-{escape(a.id)}"><td data-sort="{escape(a.department)}">'
            f"{escape(a.department)}</td>"
            f'<th scope="row" data-sort="{escape(a.name)}"><span class="name">'
            f'{escape(a.name)}</span> <code class="id">{escape(a.id)}</code>{section}</th>'
            + "".join(_amount_td(a, y, t) for y in dataset.years)
            + "".join(f'<td class="prose">{escape(getattr(a, f.key) or "")}</td>' for f in _COLUMNS)
            + f'<td class="small">{_activity_notes(dataset, a, t)}</td></tr>'
        )
    legend = [
        t(Msg.report_legend_adjustable, mark=ADJUSTABLE_MARK),
        t(Msg.report_legend_actual, mark=ACTUAL_MARK),
        t(Msg.report_legend_words),
        t(Msg.report_legend_empty, dash=NO_AMOUNT),
    ]
    count = escape(t(Msg.report_shown, shown=len(activities), total=len(activities)))
    return (
        # Hidden until the script runs: without JavaScript a search box would do nothing.
        f'<div class="search" id="search-box" hidden><label for="search">'
        f"{escape(t(Msg.report_search))}</label> "
        f'<input type="search" id="search" autocomplete="off" '
        f'placeholder="{escape(t(Msg.report_search_placeholder))}"> '
        f'<output id="shown" aria-live="polite">{count}</output></div>'
        f'<div class="scroll"><table class="activities" id="activities-table">'
        f"<caption>{escape(t(Msg.report_activities_caption, unit=dataset.unit))}</caption>"
        f"<thead><tr>{''.join(heads)}</tr></thead>"
        # The source's text is Danish whatever the labels' language (for hyphens, speech).
        f'<tbody lang="da">{"".join(rows)}</tbody></table></div>' + _note_list(legend)
    )


def _concerned(dataset: Dataset, note: Note, t: Tr) -> str:
    if note.kind == "heading":
        return t(Msg.report_concerns_all)
    ids = [a.id for a in dataset.activities if note.id in a.notes]
    return t(Msg.report_concerns, ids=", ".join(ids))


def _notes(dataset: Dataset, activities: Sequence[Activity], t: Tr) -> str:
    """Every heading paragraph and footnote of the appendices the selection comes from."""
    wanted = {a.department for a in activities}
    parts = []
    for department in dataset.departments:
        notes = [n for n in dataset.notes if n.department == department.code]
        if department.code not in wanted or not notes:
            continue
        items = []
        for note in notes:
            kind = t(Msg.report_heading_note) if note.kind == "heading" else t(Msg.report_footnote)
            marker = f" {escape(note.marker)}" if note.marker else ""
            links = "".join(
                f' <a href="{escape(link)}">{escape(link)}</a>'
                for link in note.links
                if link.startswith(("https://", "http://"))
            )
            items.append(
                f'<li><span class="kind">{escape(kind)}{marker}:</span> {escape(note.text)}'
                f'{links} <span class="concerns">'
                f"{escape(_concerned(dataset, note, t))}</span></li>"
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

CSS = (
    """
:root{--ink:#1b1f24;--grey:#4b5563;--line:#d0d5dc;--band:#f3f5f8;--accent:#2c5f8a}
*{box-sizing:border-box}
[hidden]{display:none!important}
body{margin:0 auto;max-width:80rem;padding:1.5rem;color:var(--ink);background:#fff;
font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}
h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.25rem;margin:2rem 0 .6rem;
border-bottom:2px solid var(--accent);padding-bottom:.2rem}h3{font-size:1rem;margin:1.2rem 0 .3rem}
.filters{font-weight:600;margin:.2rem 0}.unit,.table-notes,.small,caption{color:var(--grey)}
nav ol{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem;padding:0;list-style:none;margin:.8rem 0}
a{color:var(--accent)}
.scroll{overflow-x:auto}
table{border-collapse:collapse;margin:.4rem 0;font-size:13px}
caption{text-align:left;font-style:italic;padding:.2rem 0}
th,td{border-bottom:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:var(--band);border-bottom:2px solid var(--grey);white-space:nowrap}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.words{font-style:italic;color:var(--grey);white-space:normal}
td.none{color:var(--grey)}
tfoot th,tfoot td{font-weight:700;border-top:2px solid var(--grey)}
table.totals th[scope=row]{font-weight:400}
.name{font-weight:600}code{font-size:.85em}
code.id{display:block;color:var(--grey);font-weight:400}
.section{display:block;font-weight:400;font-size:.9em;color:var(--grey)}
table.activities{width:100%}
table.activities th,table.activities td{padding:.3rem .35rem}
/* Whole words only: each text column gets room for its long Danish compounds
   ("minoritetsbaggrund"), and the table scrolls inside its own box where the window is
   narrower than that; the page itself never gets wider than the window. */
table.activities th[scope=row]{min-width:12rem}
table.activities td.prose{min-width:13rem}
table.activities td.small{min-width:13rem;font-size:12px}
table.activities td.words{font-size:12px;min-width:7.5rem}
table.activities td,table.activities th{overflow-wrap:normal;word-break:normal;hyphens:manual}
.scroll{max-width:100%}
table.activities td.small p{margin:0 0 .3rem}
table.activities tbody tr:nth-child(even){background:#fafbfc}
th button{all:inherit;cursor:pointer;padding:0}
th.sortable .label{display:none}
th button:focus-visible{outline:2px solid var(--accent)}
th[aria-sort=ascending] button::after{content:" \\25B2"}
th[aria-sort=descending] button::after{content:" \\25BC"}
.search{margin:.6rem 0;display:flex;gap:.6rem;align-items:center;flex-wrap:wrap}
.search input{font:inherit;padding:.3rem .5rem;min-width:20rem;border:1px solid var(--grey);
border-radius:4px}
.search output{color:var(--grey)}
figure.chart{margin:1.5rem 0;max-width:45rem}
figure.chart svg{width:100%;height:auto;display:block}
dl.provenance{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dl.provenance dt{font-weight:600}dl.provenance dd{margin:0;overflow-wrap:anywhere}
dl.remarks dt{font-weight:600;margin-top:.6rem}dl.remarks dd{margin:.1rem 0 0 1.2rem}
.kind{font-weight:600}.concerns{color:var(--grey);font-size:.9em}
footer{margin-top:2rem;color:var(--grey);font-size:.85rem}
@page{size:A4;margin:14mm 12mm}
@page wide{size:A4 landscape;margin:10mm}
@media print{
body{max-width:none;padding:0;font-size:10pt}
nav,.search{display:none!important}
.scroll{overflow:visible}
table{font-size:8pt;page-break-inside:auto}
tr,figure,li,dd{break-inside:avoid}
thead{display:table-header-group}
/* Every figure once on paper: a small table moves whole to the next page rather than
   split, and a total row is printed once, at the end (never repeated on each page). */
table.totals,table.expiring,.scroll:has(table.totals),.scroll:has(table.expiring){break-inside:avoid}
tfoot{display:table-row-group}
h2,h3{break-after:avoid}
section#activities{page:wide}
/* Fixed widths on paper: the auto layout gave the amounts room the prose needed. */
table.activities{font-size:6.5pt;table-layout:fixed;width:100%}
table.activities th[scope=row],table.activities td.prose,table.activities td.small,
table.activities td.words{min-width:0}
table.activities td.prose,table.activities td.small{hyphens:auto;overflow-wrap:break-word}
table.activities td.small,table.activities td.words{font-size:inherit}
table.activities th[data-key=dept]{width:4%}table.activities th[data-key=activity]{width:14%}
table.activities th.num{width:5%}table.activities th[data-key=notes]{width:8.5%}
"""
    + "".join(f"table.activities th[data-key={f.key}]{{width:{f.width:g}%}}" for f in _COLUMNS)
    + """
th button{display:none!important}th.sortable .label{display:inline!important}
figure.chart{max-width:100%}
a{color:inherit;text-decoration:none}
}
"""
)


def _script(t: Tr) -> str:
    """Search and sort for the activities table; the data stays in the DOM, not the script."""
    import json

    # The one string the script carries, as a JSON literal that cannot close the element.
    shown = json.dumps(t(Msg.report_shown, shown="{s}", total="{t}")).replace("</", "<\\/")
    return (
        """
(function () {
  var table = document.getElementById("activities-table");
  if (!table) return;
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var box = document.getElementById("search-box");
  var input = document.getElementById("search");
  var out = document.getElementById("shown");
  var lang = document.documentElement.lang;
  var template = """
        + shown
        + """;
"""
        + _SEARCH_JS
        + """
  var finds = searcher();
  box.hidden = false;
  input.addEventListener("input", function () {
    var hits = finds(input.value), n = 0;
    rows.forEach(function (r) {
      var hit = hits === null || hits[r.id.slice(2)] === true;
      r.hidden = !hit;
      if (hit) n++;
    });
    out.textContent = template.replace("{s}", n).replace("{t}", rows.length);
  });
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
      function key(r) {
        var c = r.cells[col];
        return c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent.trim();
      }
      var order = rows.map(function (r, i) { return [key(r), i, r]; });
      order.sort(function (a, b) {
        // Empty cells (no amount, or words) go last in either direction.
        if (a[0] === "" || b[0] === "") {
          return (a[0] === "") - (b[0] === "") || a[1] - b[1];
        }
        var d = numeric ? parseFloat(a[0]) - parseFloat(b[0]) : a[0].localeCompare(b[0], lang);
        return d * dir || a[1] - b[1];
      });
      order.forEach(function (o) { body.appendChild(o[2]); });
    });
  });
})();
"""
    )


# --- search ------------------------------------------------------------------------------
# The report's search box finds what `budgetcli list -s` finds: the activities' texts in
# search form, the words' readings (Danish stems, English words of the domain) and the
# vocabulary for typos all come from budgetcli.search.client_index, the one declaration;
# the script only folds what is typed and matches as search.search does.


def _search_index(activities: Sequence[Activity]) -> str:
    """The search's data, as JSON in a data block the script reads (never executed; every
    ``<`` written ``\\u003c``, so the data can neither close the element nor open a
    comment)."""
    import json

    from budgetcli.search import client_index

    data = json.dumps(client_index(activities), ensure_ascii=False, separators=(",", ":"))
    return (
        '<script type="application/json" id="search-index">'
        + data.replace("<", "\\u003c")  # valid JSON; no "</script>", no "<!--"
        + "</script>\n"
    )


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
    function edge(c) { return c === " " || c === "\u0000"; }
    function startsAWord(word, text) {
      for (var at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) {
        if (at === 0 || edge(text[at - 1])) return true;
      }
      return false;
    }
    function isAWord(word, text) {
      for (var at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + word.length)) {
        var end = at + word.length;
        if ((at === 0 || edge(text[at - 1])) && (end === text.length || edge(text[end]))) {
          return true;
        }
      }
      return false;
    }
    function holds(t, word, started) {
      if (word.length > data.short) return t[0].indexOf(word) >= 0 || t[1].indexOf(word) >= 0;
      if (started) return startsAWord(word, t[0]) || startsAWord(word, t[1]);
      return isAWord(word, t[0]) || isAWord(word, t[1]);
    }
    function holdsReading(t, r) {
      if (r[0] === "^" || r.length <= data.short_reading) {
        r = r.replace(/^\^/, "");
        return startsAWord(r, t[0]) || startsAWord(r, t[1]);
      }
      return t[0].indexOf(r) >= 0 || t[1].indexOf(r) >= 0;
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
      var found = {}, any = false;
      texts.forEach(function (t, i) {
        if (terms.every(function (term) { return holdsTerm(t, term); })) {
          found[ids[i]] = any = true;
        }
      });
      if (any) return found;
      // Nothing as typed: each word found, or within its typing errors of a word of the text.
      var close = {};
      ws.forEach(function (w) { close[w] = near(w); });
      texts.forEach(function (t, i) {
        var own = (t[0] + " " + t[1]).replace(/\u0000/g, " ").split(" ");
        var hit = ws.every(function (w) {
          return holds(t, w, false) || close[w].some(function (v) { return own.indexOf(v) >= 0; });
        });
        if (hit) found[ids[i]] = true;
      });
      return found;
    };
  }
"""

"""What every exported table, view and column means, with units: one text for all exports.

The SQLite export's datasette metadata (:mod:`budgetcli.datasette_meta`) and the Frictionless
Data Package (:mod:`budgetcli.datapackage`) both describe their columns from here, so the
two never tell a user different things.
"""

from __future__ import annotations

from typing import NamedTuple

MIO = "mio. kr. (millions of Danish kroner)"
KR = "kroner (DKK), a whole number: the same amount as amount, times 1,000,000, exact"
NO_LICENSE = (
    "The source states no licence; it is a public document of Copenhagen Municipality "
    "(Københavns Kommune)."
)
KIND = (
    "amount (the source prints a number; 0 is a real zero), text (the source prints words, "
    "e.g. 'Driftsbudget': no number exists, never count it as 0) or empty (no amount)"
)


class TableDoc(NamedTuple):
    description: str
    columns: dict[str, str]


TABLES: dict[str, TableDoc] = {
    "departments": TableDoc(
        "The administrations (forvaltninger), one appendix (Bilag) of the source each.",
        {
            "code": "Short code, unique (BUF, ØKF...).",
            "appendix": "Number of the appendix (Bilag) that lists its activities.",
            "name": "Danish name.",
            "name_en": "English name.",
            "title": "The appendix heading as printed.",
        },
    ),
    "sections": TableDoc(
        "Sub-headings within an appendix, in source order.",
        {
            "department": "Department code.",
            "position": "Order within the department, from 0.",
            "name": "The sub-heading as printed.",
        },
    ),
    "notes": TableDoc(
        "Paragraphs under each appendix heading, and starred footnotes under its table.",
        {
            "id": "Note id.",
            "department": "Department code.",
            "kind": "heading (concerns the whole appendix) or footnote (the activities citing it).",
            "marker": "The footnote sign as printed (*), if any.",
            "text": "The text as printed.",
        },
    ),
    "note_links": TableDoc(
        "Web addresses a note gives.",
        {
            "note_id": "Note id.",
            "position": "Order within the note, from 0.",
            "url": "The address.",
        },
    ),
    "activities": TableDoc(
        "One row of an appendix table: an integration activity.",
        {
            "id": "Stable id (used by budgetcli show ID).",
            "position": "Order in the source, from 0.",
            "department": "Department code.",
            "section": "Sub-heading it is listed under, if any.",
            "name": "Name (Indsats) as printed.",
            "description": "Description (Beskrivelse) as printed.",
            "target_group": "Target group (Målgruppe) as printed.",
            "expected_effect": "Expected effect (Forventet effekt) as printed.",
            "funding": "The budget decision that funds it (Budget column), as printed.",
            "printed": "The year cells exactly as the source prints them, for checking.",
            "actual_text": "The source's words on actual spend, where it gives any.",
        },
    ),
    "amounts": TableDoc(
        "Budget per activity and year: one row for every activity and every year of the "
        "period, so an empty cell is a row too. Sum amount_kr for exact totals.",
        {
            "activity_id": "Activity id.",
            "year": "Budget year.",
            "kind": KIND + ".",
            "amount": f"Budget in {MIO}, where kind is amount.",
            "amount_exact": f"Budget in {MIO}, the printed decimal digits as text.",
            "amount_kr": f"Budget in {KR}.",
            "text": "The printed words, where kind is text.",
            "adjustable": "The source says this amount may be adjusted (printed with *).",
        },
    ),
    "actuals": TableDoc(
        "Actual spend where the source reports it beside the budget.",
        {
            "activity_id": "Activity id.",
            "year": "Year.",
            "amount": f"Actual spend in {MIO}.",
            "amount_exact": f"Actual spend in {MIO}, the exact decimal digits as text.",
            "amount_kr": f"Actual spend in {KR}.",
        },
    ),
    "activity_notes": TableDoc(
        "Which footnotes concern which activity.",
        {
            "activity_id": "Activity id.",
            "note_id": "Note id.",
            "position": "Order of the note on the activity, from 0.",
        },
    ),
    "remarks": TableDoc(
        "The transcribers' reasoning where the source was ambiguous (e.g. which years a row's "
        "amounts belong to).",
        {
            "activity_id": "Activity id.",
            "position": "Order, from 0.",
            "text": "The remark.",
        },
    ),
    "metadata": TableDoc(
        "About the dataset: title, source, unit, period.",
        {"key": "Name.", "value": "Value."},
    ),
}

_SUM_KR = "Sum of amount_kr in kroner (DKK), exact; NULL when nothing had a number (never 0)."
_NOT_QUANTIFIED = (
    "Cells with words instead of a number (e.g. 'Driftsbudget'), left out of the sum, "
    "never counted as 0."
)

VIEWS: dict[str, TableDoc] = {
    "totals_per_year": TableDoc(
        "Budget total per year, exact, in kroner.",
        {
            "year": "Budget year.",
            "total_kr": _SUM_KR,
            "amounts": "Cells with a number.",
            "not_quantified": _NOT_QUANTIFIED,
            "includes_adjustable": "1 if the sum includes amounts that may be adjusted.",
        },
    ),
    "totals_per_department_year": TableDoc(
        "Budget total per administration and year, exact, in kroner.",
        {
            "department": "Department code.",
            "year": "Budget year.",
            "total_kr": _SUM_KR,
            "amounts": "Cells with a number.",
            "not_quantified": _NOT_QUANTIFIED,
            "not_quantified_ids": "Ids of the activities with words instead of a number.",
            "includes_adjustable": "1 if the sum includes amounts that may be adjusted.",
        },
    ),
    "activities_ending": TableDoc(
        "Activities whose funding ends within the period: the last year with a positive "
        "amount is before the period's last year (an explicit 0 is no funding), as "
        "budgetcli expiring counts them.",
        {
            "activity_id": "Activity id.",
            "department": "Department code.",
            "section": "Sub-heading, if any.",
            "name": "Name as printed.",
            "last_year": "Last year with a positive amount.",
            "last_amount_kr": "The amount in that year, in kroner (DKK).",
        },
    ),
    "endings_per_year": TableDoc(
        "How many activities have their last funded year in each year, and what that last "
        "year's funding was.",
        {
            "last_year": "Last year with a positive amount.",
            "activities": "Number of activities.",
            "last_amount_kr": "Their funding in that year, in kroner (DKK), exact.",
        },
    ),
}

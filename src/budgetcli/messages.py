"""Every label, title and footnote people read, in English and Danish; numbers for people.

JSON and the other machine formats never change with the language (keys, ``.`` decimals).
"""

from __future__ import annotations

from decimal import Decimal

EN: dict[str, str] = {
    "activities_title": "Activities ({unit})",
    "col_id": "id",
    "col_department": "dept",
    "col_section": "section",
    "col_name": "name",
    "col_last_year": "last year",
    "col_change": "change",
    "col_change_pct": "change %",
    "col_status": "status",
    "col_kind": "kind",
    "col_text": "text",
    "col_concerns": "concerns",
    "col_amount": "amount",
    "adjustable_head": "{mark} the amount may be adjusted:",
    "actual_shown": "{mark} {id}: budget shown; actual spend was {spent}",
    "actual_year": "{amount} {unit} in {year}",
    "text_cells": "Cells in words are not numbers, and never counted as 0: {ids}.",
    "note_on": "Note on {ids}: {text}",
    "no_activities": "no activities match",
    "expiring_title": "Activities whose funding ends before {last}{when} ({unit})",
    "expiring_when": ", last funded in {year}",
    "expiring_none": "no activity's funding ends in that selection",
    "expiring_unquantified": "Not counted as expiring, since no amount is printed: {ids}.",
    "expiring_rule": "Expiring: the last year with a positive amount is before {last}"
    " (an explicit 0 counts as no funding).",
    "field_id": "id",
    "field_name": "name",
    "field_department": "department",
    "field_section": "section",
    "field_description": "description",
    "field_target_group": "target group",
    "field_expected_effect": "expected effect",
    "field_funding": "funding",
    "field_budget": "budget {year}",
    "field_actual": "actual {year}",
    "field_adjustable": "may be adjusted",
    "field_note": "note",
    "field_remark": "remark",
    "field_source": "source",
    "cell_empty": "– (no amount)",
    "cell_text": "{text} (text: not a number)",
    "actual_vs_budget": "{spent} (budget {budget}{difference})",
    "difference": "; difference {amount}",
    "none": "none",
    "printed": "; printed: {printed}",
    "total_label": "Total",
    "total_title": "Total {what}, {period} ({unit})",
    "basis_budget": "budget",
    "basis_actual": "actual spend where recorded, else budget",
    "left_out": "left out, no number exists: {items}",
    "includes_adjustable": "includes amounts that may be adjusted: {ids}",
    "counted_actual": "{year}: {id} counted at actual spend {actual} instead of budget {budget}",
    "actual_differs": "Budget figures; actual spend differs for {ids} (see --basis actual)",
    "see_notes": "What each appendix leaves out of the overview: budgetcli notes",
    "not_quantified": "not quantified",
    "no_sections": "{name} (no sections)",
    "not_stated": "(not stated)",
    "compare_title": "{a} compared with {b} by {by} ({unit})",
    "status_new": "new",
    "status_ended": "ended",
    "compare_left_out": "Left out, no number exists: {ids}",
    "compare_adjustable": "{mark} includes amounts that may be adjusted: {ids}",
    "compare_pct": "change % is empty where the first year has no amount",
    "notes_title": "Notes from the source: paragraphs under each heading, and footnotes",
    "notes_all": "all {department} activities ({count})",
    "notes_none": "no notes match",
    "by_department": "department",
    "by_section": "section",
    "by_funding": "funding",
    "by_activity": "activity",
    "by_year": "year",
    "chart_title": "Budget by {by}, {period} ({unit})",
}

DA: dict[str, str] = {
    "activities_title": "Aktiviteter ({unit})",
    "col_id": "id",
    "col_department": "forv.",
    "col_section": "afsnit",
    "col_name": "indsats",
    "col_last_year": "sidste år",
    "col_change": "ændring",
    "col_change_pct": "ændring %",
    "col_status": "status",
    "col_kind": "type",
    "col_text": "tekst",
    "col_concerns": "vedrører",
    "col_amount": "beløb",
    "adjustable_head": "{mark} beløbet kan blive justeret:",
    "actual_shown": "{mark} {id}: budgettet er vist; det faktiske forbrug var {spent}",
    "actual_year": "{amount} {unit} i {year}",
    "text_cells": "Celler med ord er ikke tal og tælles aldrig som 0: {ids}.",
    "note_on": "Note om {ids}: {text}",
    "no_activities": "ingen aktiviteter passer",
    "expiring_title": "Aktiviteter hvis finansiering ophører før {last}{when} ({unit})",
    "expiring_when": ", sidst finansieret i {year}",
    "expiring_none": "ingen aktiviteters finansiering ophører i det udvalg",
    "expiring_unquantified": "Ikke regnet som udløbende, da der ikke er trykt et beløb: {ids}.",
    "expiring_rule": "Udløbende: sidste år med et positivt beløb ligger før {last}"
    " (et trykt 0 tæller som ingen finansiering).",
    "field_id": "id",
    "field_name": "navn",
    "field_department": "forvaltning",
    "field_section": "afsnit",
    "field_description": "beskrivelse",
    "field_target_group": "målgruppe",
    "field_expected_effect": "forventet effekt",
    "field_funding": "finansiering",
    "field_budget": "budget {year}",
    "field_actual": "forbrug {year}",
    "field_adjustable": "kan blive justeret",
    "field_note": "note",
    "field_remark": "bemærkning",
    "field_source": "kilde",
    "cell_empty": "– (intet beløb)",
    "cell_text": "{text} (tekst: ikke et tal)",
    "actual_vs_budget": "{spent} (budget {budget}{difference})",
    "difference": "; forskel {amount}",
    "none": "intet",
    "printed": "; trykt: {printed}",
    "total_label": "I alt",
    "total_title": "I alt, {what}, {period} ({unit})",
    "basis_budget": "budget",
    "basis_actual": "faktisk forbrug hvor det er oplyst, ellers budget",
    "left_out": "udeladt, intet tal findes: {items}",
    "includes_adjustable": "omfatter beløb der kan blive justeret: {ids}",
    "counted_actual": "{year}: {id} medregnet med faktisk forbrug {actual} i stedet for"
    " budget {budget}",
    "actual_differs": "Budgettal; det faktiske forbrug afviger for {ids} (se --basis actual)",
    "see_notes": "Hvad hvert bilag udelader af oversigten: budgetcli notes",
    "not_quantified": "ikke opgjort",
    "no_sections": "{name} (ingen afsnit)",
    "not_stated": "(ikke angivet)",
    "compare_title": "{a} sammenlignet med {b} efter {by} ({unit})",
    "status_new": "ny",
    "status_ended": "ophørt",
    "compare_left_out": "Udeladt, intet tal findes: {ids}",
    "compare_adjustable": "{mark} omfatter beløb der kan blive justeret: {ids}",
    "compare_pct": "ændring % er tom hvor det første år ikke har et beløb",
    "notes_title": "Noter fra kilden: afsnit under hver overskrift og fodnoter",
    "notes_all": "alle {department}-aktiviteter ({count})",
    "notes_none": "ingen noter passer",
    "by_department": "forvaltning",
    "by_section": "afsnit",
    "by_funding": "finansiering",
    "by_activity": "aktivitet",
    "by_year": "år",
    "chart_title": "Budget efter {by}, {period} ({unit})",
}


def number(value: Decimal, lang: str) -> str:
    """An amount for people, with the data's own precision: ``1234.5`` or ``1.234,5``."""
    text = format(value, ",f")
    if lang == "da":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text.replace(",", "")


class Tr:
    """The messages of one language: ``tr("left_out", items=...)``, ``tr.num(amount)``."""

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self._table = DA if lang == "da" else EN

    def __call__(self, key: str, **values: object) -> str:
        return self._table[key].format(**values)

    def num(self, value: Decimal) -> str:
        return number(value, self.lang)

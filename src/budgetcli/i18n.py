"""Every word people read, in English and Danish, and numbers as people write them.

Only the writers of human formats (table, markdown, xlsx, svg, html, the Danish csv) call
this module. Reports carry :class:`Text` records (a message key and its values) instead of
finished sentences, so a report is the same data whatever the language; json and tsv render
no Text through a language at all (they write the English form, which is fixed).

Message keys are attributes of :class:`Msg`, so mypy catches a misspelt key;
tests/test_i18n.py checks that both catalogues cover every key with the same placeholders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, Final, NamedTuple


class Msg:
    """The message keys. Plain constants rather than an Enum: as attributes, a misspelt key
    is a mypy error all the same, and an 80-member Enum would cost 2 ms of every start-up."""

    activities_title: Final = "activities_title"
    col_id: Final = "col_id"
    col_department: Final = "col_department"
    col_section: Final = "col_section"
    col_name: Final = "col_name"
    col_last_year: Final = "col_last_year"
    col_change: Final = "col_change"
    col_change_pct: Final = "col_change_pct"
    col_status: Final = "col_status"
    col_kind: Final = "col_kind"
    col_text: Final = "col_text"
    col_concerns: Final = "col_concerns"
    col_amount: Final = "col_amount"
    col_unit: Final = "col_unit"
    err_unknown_field: Final = "err_unknown_field"
    err_fields_format: Final = "err_fields_format"
    adjustable_head: Final = "adjustable_head"
    actual_shown: Final = "actual_shown"
    actual_year: Final = "actual_year"
    text_cells: Final = "text_cells"
    note_on: Final = "note_on"
    no_activities: Final = "no_activities"
    expiring_title: Final = "expiring_title"
    expiring_when: Final = "expiring_when"
    expiring_none: Final = "expiring_none"
    expiring_unquantified: Final = "expiring_unquantified"
    expiring_rule: Final = "expiring_rule"
    expiring_sum: Final = "expiring_sum"
    total_summed: Final = "total_summed"
    err_chart_activities: Final = "err_chart_activities"
    total_summed_many: Final = "total_summed_many"
    field_id: Final = "field_id"
    field_name: Final = "field_name"
    field_department: Final = "field_department"
    field_section: Final = "field_section"
    field_description: Final = "field_description"
    field_target_group: Final = "field_target_group"
    field_expected_effect: Final = "field_expected_effect"
    field_funding: Final = "field_funding"
    field_budget: Final = "field_budget"
    field_actual: Final = "field_actual"
    field_period_total: Final = "field_period_total"
    field_adjustable: Final = "field_adjustable"
    field_note: Final = "field_note"
    field_remark: Final = "field_remark"
    field_source: Final = "field_source"
    cell_empty: Final = "cell_empty"
    cell_text: Final = "cell_text"
    actual_vs_budget: Final = "actual_vs_budget"
    difference: Final = "difference"
    none: Final = "none"
    printed: Final = "printed"
    total_label: Final = "total_label"
    total_title: Final = "total_title"
    basis_budget: Final = "basis_budget"
    basis_actual: Final = "basis_actual"
    left_out: Final = "left_out"
    includes_adjustable: Final = "includes_adjustable"
    counted_actual: Final = "counted_actual"
    actual_differs: Final = "actual_differs"
    see_notes: Final = "see_notes"
    not_quantified: Final = "not_quantified"
    no_sections: Final = "no_sections"
    not_stated: Final = "not_stated"
    compare_title: Final = "compare_title"
    status_new: Final = "status_new"
    status_ended: Final = "status_ended"
    compare_left_out: Final = "compare_left_out"
    compare_adjustable: Final = "compare_adjustable"
    compare_pct: Final = "compare_pct"
    notes_title: Final = "notes_title"
    notes_all: Final = "notes_all"
    notes_none: Final = "notes_none"
    by_department: Final = "by_department"
    by_section: Final = "by_section"
    by_funding: Final = "by_funding"
    by_activity: Final = "by_activity"
    by_year: Final = "by_year"
    chart_title: Final = "chart_title"
    and_more: Final = "and_more"
    joined: Final = "joined"
    id_only: Final = "id_only"
    field_word: Final = "field_word"
    source_line: Final = "source_line"
    show_title: Final = "show_title"
    title: Final = "title"
    filter_part: Final = "filter_part"
    filter_department: Final = "filter_department"
    filter_departments: Final = "filter_departments"
    filter_section: Final = "filter_section"
    filter_year: Final = "filter_year"
    filter_search: Final = "filter_search"
    filter_funding: Final = "filter_funding"
    by_suffix: Final = "by_suffix"
    notes_title_in: Final = "notes_title_in"
    words_marker: Final = "words_marker"
    field_remarks: Final = "field_remarks"
    remarks_all: Final = "remarks_all"
    remarks_more: Final = "remarks_more"
    top_shown: Final = "top_shown"
    err_no_department: Final = "err_no_department"
    err_department_ambiguous: Final = "err_department_ambiguous"
    err_no_section: Final = "err_no_section"
    err_no_year: Final = "err_no_year"
    err_give_id: Final = "err_give_id"
    err_search_words: Final = "err_search_words"
    err_id_ambiguous: Final = "err_id_ambiguous"
    err_no_activity: Final = "err_no_activity"
    err_did_you_mean: Final = "err_did_you_mean"
    err_did_you_mean_any: Final = "err_did_you_mean_any"
    err_activity_ambiguous: Final = "err_activity_ambiguous"
    search_close: Final = "search_close"
    search_read: Final = "search_read"
    search_none: Final = "search_none"
    funding_overlap: Final = "funding_overlap"
    col_activities: Final = "col_activities"
    col_amount_ending: Final = "col_amount_ending"
    col_share: Final = "col_share"
    col_share_of: Final = "col_share_of"
    indented: Final = "indented"
    expiry_summary_title: Final = "expiry_summary_title"
    expiry_summary_rule: Final = "expiry_summary_rule"
    share_rule: Final = "share_rule"
    err_expiring_last: Final = "err_expiring_last"
    err_no_extension: Final = "err_no_extension"
    err_file_only: Final = "err_file_only"
    err_sort_key: Final = "err_sort_key"
    err_section_ambiguous: Final = "err_section_ambiguous"
    err_no_format: Final = "err_no_format"
    department_line: Final = "department_line"
    err_same_year: Final = "err_same_year"
    err_not_whole: Final = "err_not_whole"
    err_not_one_of: Final = "err_not_one_of"
    err_top: Final = "err_top"
    err_expiring_by: Final = "err_expiring_by"
    err_expiring_summary: Final = "err_expiring_summary"
    err_levels_count: Final = "err_levels_count"
    err_levels_twice: Final = "err_levels_twice"
    err_levels_activity: Final = "err_levels_activity"
    err_nested_order: Final = "err_nested_order"
    err_import_yaml: Final = "err_import_yaml"
    err_report_html: Final = "err_report_html"
    err_datasette_sqlite: Final = "err_datasette_sqlite"
    err_diff_layout: Final = "err_diff_layout"
    err_no_schema: Final = "err_no_schema"
    wrote: Final = "wrote"
    wrote_count: Final = "wrote_count"
    validate_problem: Final = "validate_problem"
    validate_problems: Final = "validate_problems"
    validate_ok: Final = "validate_ok"
    more_problems: Final = "more_problems"
    see_basis_actual: Final = "see_basis_actual"
    top_rows: Final = "top_rows"
    compare_words_only: Final = "compare_words_only"
    col_total: Final = "col_total"
    in_years: Final = "in_years"
    id_with_words: Final = "id_with_words"
    with_more: Final = "with_more"
    marked: Final = "marked"
    kind_heading: Final = "kind_heading"
    kind_footnote: Final = "kind_footnote"
    xlsx_source: Final = "xlsx_source"
    xlsx_sheet_report: Final = "xlsx_sheet_report"
    xlsx_sheet_notes: Final = "xlsx_sheet_notes"
    xlsx_notes_hidden: Final = "xlsx_notes_hidden"
    col_mark: Final = "col_mark"
    xlsx_marker: Final = "xlsx_marker"
    xlsx_no_notes: Final = "xlsx_no_notes"
    about_sheet: Final = "about_sheet"
    about_dataset: Final = "about_dataset"
    about_source: Final = "about_source"
    about_unit: Final = "about_unit"
    about_period: Final = "about_period"
    about_activities: Final = "about_activities"
    about_notes: Final = "about_notes"
    about_written_by: Final = "about_written_by"
    about_sheet_activities: Final = "about_sheet_activities"
    about_sheet_notes: Final = "about_sheet_notes"
    about_sheet_departments: Final = "about_sheet_departments"
    named_id: Final = "named_id"
    col_label: Final = "col_label"
    remark_line: Final = "remark_line"
    remark_text: Final = "remark_text"
    diff_title: Final = "diff_title"
    diff_none: Final = "diff_none"
    diff_summary: Final = "diff_summary"
    col_field: Final = "col_field"
    col_year: Final = "col_year"
    col_old: Final = "col_old"
    col_new: Final = "col_new"
    col_difference: Final = "col_difference"
    diff_added: Final = "diff_added"
    diff_removed: Final = "diff_removed"
    diff_renamed: Final = "diff_renamed"
    diff_budget: Final = "diff_budget"
    diff_actual: Final = "diff_actual"
    diff_field: Final = "diff_field"
    diff_note: Final = "diff_note"
    diff_department: Final = "diff_department"
    diff_dataset: Final = "diff_dataset"
    diff_total: Final = "diff_total"
    diff_totals_rule: Final = "diff_totals_rule"
    # The HTML report (budgetcli report) and its charts.
    report_title: Final = "report_title"
    report_unit_line: Final = "report_unit_line"
    report_all: Final = "report_all"
    report_selection: Final = "report_selection"
    report_f_department: Final = "report_f_department"
    report_f_section: Final = "report_f_section"
    report_f_search: Final = "report_f_search"
    report_f_funding: Final = "report_f_funding"
    report_f_year: Final = "report_f_year"
    report_contents: Final = "report_contents"
    report_source: Final = "report_source"
    report_source_intro: Final = "report_source_intro"
    report_provenance: Final = "report_provenance"
    report_data_file: Final = "report_data_file"
    report_sha: Final = "report_sha"
    report_version: Final = "report_version"
    report_generated: Final = "report_generated"
    report_activity_count: Final = "report_activity_count"
    report_totals: Final = "report_totals"
    report_totals_caption: Final = "report_totals_caption"
    report_administration: Final = "report_administration"
    report_total: Final = "report_total"
    report_chart_years: Final = "report_chart_years"
    report_chart_departments: Final = "report_chart_departments"
    report_not_quantified: Final = "report_not_quantified"
    report_see_notes: Final = "report_see_notes"
    report_expiring: Final = "report_expiring"
    report_expiring_caption: Final = "report_expiring_caption"
    report_expiring_rule: Final = "report_expiring_rule"
    report_expiring_unquantified: Final = "report_expiring_unquantified"
    report_expiring_none: Final = "report_expiring_none"
    report_last_year: Final = "report_last_year"
    report_activities: Final = "report_activities"
    report_activities_caption: Final = "report_activities_caption"
    report_search: Final = "report_search"
    report_search_placeholder: Final = "report_search_placeholder"
    report_shown: Final = "report_shown"
    report_activity: Final = "report_activity"
    report_dept: Final = "report_dept"
    report_notes_col: Final = "report_notes_col"
    report_actual: Final = "report_actual"
    report_actual_text: Final = "report_actual_text"
    report_printed: Final = "report_printed"
    report_legend_adjustable: Final = "report_legend_adjustable"
    report_legend_actual: Final = "report_legend_actual"
    report_legend_words: Final = "report_legend_words"
    report_legend_empty: Final = "report_legend_empty"
    report_notes: Final = "report_notes"
    report_heading_note: Final = "report_heading_note"
    report_footnote: Final = "report_footnote"
    report_concerns: Final = "report_concerns"
    report_concerns_all: Final = "report_concerns_all"
    report_remarks: Final = "report_remarks"
    report_remarks_intro: Final = "report_remarks_intro"
    report_remarks_none: Final = "report_remarks_none"
    report_remarks_elsewhere: Final = "report_remarks_elsewhere"
    report_no_activities: Final = "report_no_activities"
    report_footer: Final = "report_footer"
    report_filters: Final = "report_filters"
    report_filter_department: Final = "report_filter_department"
    report_filter_section: Final = "report_filter_section"
    report_filter_funding: Final = "report_filter_funding"
    report_filter_year: Final = "report_filter_year"
    report_filter_any: Final = "report_filter_any"
    report_view_link: Final = "report_view_link"
    report_filter_show: Final = "report_filter_show"
    report_sum_shown: Final = "report_sum_shown"
    chart_unit: Final = "chart_unit"
    chart_no_amount: Final = "chart_no_amount"


_FORMS: dict[str, str] = {
    Msg.total_title: "{what} {period}{by}",
    Msg.indented: "{indent}{text}",
    Msg.joined: "{first}, {rest}",
    Msg.id_only: "{id}",
    Msg.field_word: "{field}: {word}",
    Msg.source_line: "{title}{printed}",
    Msg.show_title: "{name}",
    Msg.title: "{question}{filters} ({unit})",
    Msg.filter_part: ", {part}{rest}",
    Msg.filter_department: "{code}: {name}",
    Msg.filter_departments: "{codes}",
    Msg.notes_title_in: "{question}, {departments}",
    Msg.in_years: "{years}: {text}",
    Msg.id_with_words: "{id} ({words})",
    Msg.with_more: "{text} {more}",
    Msg.marked: "{mark} {text}",
    Msg.named_id: "{name} ({id})",
}
"""Messages that are all placeholders and punctuation: the same in every language, so
declared once and part of both catalogues."""


SIDE_BY_SIDE: dict[str, tuple[str, str]] = {
    Msg.err_not_whole: (
        "{what} must be a whole number, not {value}",
        "{what} skal være et helt tal, ikke {value}",
    ),
    Msg.err_not_one_of: (
        "{what} {value} is not one of {known}",
        "{what} {value} er ikke en af {known}",
    ),
    Msg.err_top: (
        "top must be 1 or more, not {top}",
        "top skal være 1 eller mere, ikke {top}",
    ),
    Msg.err_expiring_by: (
        "expiring --by goes with --summary",
        "expiring --by hører sammen med --summary",
    ),
    Msg.err_expiring_summary: (
        "expiring --summary covers every year; leave out --year, --sort, --top",
        "expiring --summary dækker alle år; udelad --year, --sort og --top",
    ),
    Msg.err_levels_count: (
        "one to {count} groupings, separated by commas",
        "en til {count} grupperinger, adskilt af kommaer",
    ),
    Msg.err_levels_twice: (
        "a grouping named twice",
        "en gruppering nævnt to gange",
    ),
    Msg.err_levels_activity: (
        "activity can only be the last grouping",
        "activity kan kun være den sidste gruppering",
    ),
    Msg.err_nested_order: (
        "a nested --by shows every group: leave out --sort and --top",
        "en indlejret --by viser alle grupper: udelad --sort og --top",
    ),
    Msg.err_import_yaml: (
        "import writes a YAML data file: name a .yaml file, not {output}",
        "import skriver en YAML-datafil: angiv en .yaml-fil, ikke {output}",
    ),
    Msg.err_report_html: (
        "the report is an HTML page: name a .html file, not {output}",
        "rapporten er en HTML-side: angiv en .html-fil, ikke {output}",
    ),
    Msg.err_datasette_sqlite: (
        "--datasette-metadata goes with a sqlite export",
        "--datasette-metadata hører sammen med en sqlite-eksport",
    ),
    Msg.err_diff_layout: (
        "diff takes no --layout: its rows are changes, not years",
        "diff tager ikke --layout: dens rækker er ændringer, ikke år",
    ),
    Msg.err_no_schema: (
        "no schema for {command}; commands are {known}",
        "intet skema for {command}; kommandoerne er {known}",
    ),
    Msg.wrote: (
        "wrote {path}",
        "skrev {path}",
    ),
    Msg.wrote_count: (
        "wrote {path} ({count} activities)",
        "skrev {path} ({count} aktiviteter)",
    ),
    Msg.validate_problem: (
        "1 problem in {path}",
        "1 problem i {path}",
    ),
    Msg.validate_problems: (
        "{count} problems in {path}",
        "{count} problemer i {path}",
    ),
    Msg.validate_ok: (
        "{path}: ok ({activities} activities, {notes} notes)",
        "{path}: ok ({activities} aktiviteter, {notes} noter)",
    ),
    Msg.more_problems: (
        "... and {more} more (budgetcli validate {path})",
        "... og {more} mere (budgetcli validate {path})",
    ),
}
"""Messages declared once, English and Danish side by side (newer ones; the catalogues
below take their halves)."""

EN: dict[str, str] = {
    **_FORMS,
    **{key: en for key, (en, _) in SIDE_BY_SIDE.items()},
    Msg.activities_title: "Activities",
    Msg.col_id: "id",
    Msg.col_department: "dept",
    Msg.col_section: "section",
    Msg.col_name: "name",
    Msg.col_last_year: "last year",
    Msg.col_change: "change",
    Msg.col_change_pct: "change %",
    Msg.col_status: "status",
    Msg.col_kind: "kind",
    Msg.col_text: "text",
    Msg.col_concerns: "concerns",
    Msg.col_amount: "amount",
    Msg.col_unit: "unit",
    Msg.err_unknown_field: "no field {wanted}; the fields are {known}",
    Msg.err_fields_format: "--fields and --layout go with csv, tsv, ndjson and json, not {fmt}",
    Msg.adjustable_head: "{mark} the amount may be adjusted: {ids}",
    Msg.actual_shown: "{mark} {id}: budget shown; actual spend was {spent}",
    Msg.actual_year: "{amount} {unit} in {year}",
    Msg.text_cells: "In words, not a number (not quantified, never counted as 0): {items}.",
    Msg.note_on: "Note on {ids}: {text}",
    Msg.no_activities: "no activities match",
    Msg.expiring_title: "Activities whose funding ends before {last}{when}",
    Msg.expiring_when: ", last funded in {year}",
    Msg.expiring_none: "no activity's funding ends in that selection",
    Msg.expiring_unquantified: "Not counted as expiring, since no amount is printed: {ids}.",
    Msg.expiring_sum: "Ends after {year}: {amount} {unit}, the {year} funding of these {count}"
    " activities.",
    Msg.total_summed: "Adds up {count} activities: {items}.",
    Msg.err_chart_activities: "a bar for each of {count} activities would not read; choose"
    " some (-d, --section, -s, --funding) or the largest (--top N)",
    Msg.total_summed_many: "Adds up {count} activities; --by activity lists them.",
    Msg.expiring_rule: "Expiring: the last year with a positive amount is before {last}"
    " (an explicit 0 counts as no funding).",
    Msg.field_id: "id",
    Msg.field_name: "name",
    Msg.field_department: "department",
    Msg.field_section: "section",
    Msg.field_description: "description",
    Msg.field_target_group: "target group",
    Msg.field_expected_effect: "expected effect",
    Msg.field_funding: "funding",
    Msg.field_budget: "budget {year}",
    Msg.field_actual: "actual {year}",
    Msg.field_period_total: "total {first}-{last}",
    Msg.field_adjustable: "may be adjusted",
    Msg.field_note: "note",
    Msg.field_remark: "remark",
    Msg.field_source: "source",
    Msg.cell_empty: "– (no amount)",
    Msg.cell_text: "{text} (text: not a number)",
    Msg.actual_vs_budget: "{spent} (budget {budget}{difference})",
    Msg.difference: "; difference {amount}",
    Msg.none: "none",
    Msg.printed: "; printed: {printed}",
    Msg.total_label: "Total",
    Msg.basis_budget: "Budget",
    Msg.basis_actual: "Actual spend where recorded, else budget,",
    Msg.left_out: "left out, no number exists: {items}",
    Msg.includes_adjustable: "includes amounts that may be adjusted: {ids}",
    Msg.counted_actual: "{year}: {id} counted at actual spend {actual} instead of budget {budget}",
    Msg.actual_differs: "Budget figures; actual spend differs for {ids}",
    Msg.see_notes: "What each appendix leaves out of the overview: budgetcli notes",
    Msg.col_activities: "activities",
    Msg.col_amount_ending: "amount ending",
    Msg.col_share: "share",
    Msg.col_share_of: "share {year}",
    Msg.expiry_summary_title: "Funding that ends before {last}, by last funded year",
    Msg.expiry_summary_rule: "Each activity counts in the last year with a positive amount;"
    " the amount ending is what it gets that year, and none after.",
    Msg.share_rule: "Share: a row's amount in percent of the total of its column; empty where"
    " either is words only or the total is 0.",
    Msg.funding_overlap: "The rows overlap: funded by several decisions, {ids} count under each;"
    " the total counts every activity once.",
    Msg.not_quantified: "not quantified",
    Msg.no_sections: "{name} (no sections)",
    Msg.not_stated: "(not stated)",
    Msg.compare_title: "Budget {a} compared with {b} by {by}",
    Msg.status_new: "new",
    Msg.status_ended: "ended",
    Msg.compare_left_out: "Left out, no number exists: {ids}",
    Msg.compare_adjustable: "{mark} includes amounts that may be adjusted: {ids}",
    Msg.compare_pct: "change % is empty where the first year's amounts add up to 0;"
    " amounts in words are never counted",
    Msg.notes_title: "Notes from the source: paragraphs under each heading, and footnotes",
    Msg.notes_all: "all {department} activities ({count})",
    Msg.notes_none: "no notes match",
    Msg.by_department: "department",
    Msg.by_section: "section",
    Msg.by_funding: "funding",
    Msg.by_activity: "activity",
    Msg.by_year: "year",
    Msg.chart_title: "Budget {period} by {by}",
    Msg.and_more: "and {count} more",
    Msg.filter_section: "section {sections}",
    Msg.filter_year: "with a cell in {year}",
    Msg.filter_search: "matching “{search}”",
    Msg.filter_funding: "funding “{funding}”",
    Msg.by_suffix: " by {by}",
    Msg.words_marker: "words",
    Msg.field_remarks: "transcription",
    Msg.remarks_all: "how the source was read where it was unclear:",
    Msg.remarks_more: "how the source was read where it was unclear (all of it: --remarks):",
    Msg.top_shown: "Showing {shown} of {count} rows; the total counts them all.",
    Msg.err_no_department: "no department {text}{hint}; departments are {codes}",
    Msg.err_department_ambiguous: "department {text} is ambiguous: {codes}",
    Msg.err_no_section: "no section {text}; sections are {listing}",
    Msg.err_no_year: "no year {year} in the data; years are {first}-{last}",
    Msg.err_give_id: "give an activity id",
    Msg.err_search_words: "a search of {count} words; search with at most {limit}",
    Msg.err_id_ambiguous: "id {text} is ambiguous; it starts {listing}",
    Msg.err_no_activity: "no activity {text}{hint}",
    Msg.err_did_you_mean: " (did you mean {what}?)",
    Msg.err_did_you_mean_any: "; did you mean {what}?",
    Msg.err_activity_ambiguous: "{text} matches {count} activities: {listing}; give the id",
    Msg.search_close: "nothing matches {text} as typed; showing close spellings: {words}",
    Msg.search_read: "{text} also read as {words} (Danish word forms, English words of the domain)",
    Msg.search_none: "no activities match {text}{hint}",
    Msg.err_expiring_last: "funding that runs to {last} does not end within the period; choose a"
    " year from {first} to {before}",
    Msg.err_no_extension: "cannot tell the format of {path} from its extension ({known}); add"
    " --format",
    Msg.err_file_only: "--format {fmt} writes a file; add --output FILE",
    Msg.err_sort_key: "cannot sort by {wanted}; sort by {known} (-KEY: descending)",
    Msg.err_section_ambiguous: "section {text} is ambiguous: it could be {listing}; name one as"
    " listed (DEPT/section, or DEPT:section where a code or name holds a /)",
    Msg.err_no_format: "no format {name}; formats are {names}",
    Msg.department_line: "{code}: {name} ({name_en})",
    Msg.err_same_year: "compare two different years, not {year} with itself",
    Msg.see_basis_actual: "--basis actual counts actual spend where the source gives it",
    Msg.top_rows: "Showing {shown} of {count}.",
    Msg.compare_words_only: "Not quantified (words only, not a number) in a year, so not"
    " compared: {items}; the total compares the numbers",
    Msg.col_total: "total",
    Msg.kind_heading: "heading",
    Msg.kind_footnote: "footnote",
    Msg.xlsx_source: "Source: {source}",
    Msg.xlsx_sheet_report: "report",
    Msg.xlsx_sheet_notes: "notes",
    Msg.col_mark: "{column} mark",
    Msg.xlsx_notes_hidden: "Notes from the source on every appendix: the hidden sheet “{sheet}”,"
    " left out of print (to see it: right-click a sheet tab, Unhide).",
    Msg.xlsx_marker: "marker",
    Msg.xlsx_no_notes: "Notes from the source: not part of this workbook"
    " (the data was not at hand).",
    Msg.about_sheet: "about",
    Msg.about_dataset: "dataset",
    Msg.about_source: "source",
    Msg.about_unit: "unit",
    Msg.about_period: "period",
    Msg.about_activities: "activities",
    Msg.about_notes: "notes",
    Msg.about_written_by: "written by",
    Msg.about_sheet_activities: "Sheet activities: one row per activity; amounts in {unit} as"
    " numbers in the year columns, words printed instead of a number in the '<year> text' columns,"
    " actual spend in the 'actual <year>' columns.",
    Msg.about_sheet_notes: "Sheet notes: the source's paragraphs under each appendix heading,"
    " and its footnotes.",
    Msg.about_sheet_departments: "Sheet departments: the administrations, one appendix each.",
    Msg.col_label: "name",
    Msg.remark_line: "– {text}",
    Msg.remark_text: "{text}",
    Msg.diff_title: "Changes from {old} to {new}",
    Msg.diff_none: "no differences",
    Msg.diff_summary: "{added} added, {removed} removed, {changed} changed;"
    " {changes} changes in all",
    Msg.col_field: "field",
    Msg.col_year: "year",
    Msg.col_old: "old",
    Msg.col_new: "new",
    Msg.col_difference: "difference",
    Msg.diff_added: "added",
    Msg.diff_removed: "removed",
    Msg.diff_renamed: "renamed",
    Msg.diff_budget: "budget",
    Msg.diff_actual: "actual",
    Msg.diff_field: "changed",
    Msg.diff_note: "note",
    Msg.diff_department: "department",
    Msg.diff_dataset: "data file",
    Msg.diff_total: "total",
    Msg.diff_totals_rule: "total: a department's budget that year, as every total counts it"
    " (words are never 0)",
    # The HTML report and its charts.
    Msg.report_title: "Integration activities in Copenhagen Municipality's administrations, "
    "{period}",
    Msg.report_unit_line: "Amounts in {unit}, exactly as the source prints them.",
    Msg.report_all: "All activities",
    Msg.report_selection: "Selection: {what}",
    Msg.report_f_department: "administration {value}",
    Msg.report_f_section: "section “{value}”",
    Msg.report_f_search: "text “{value}”",
    Msg.report_f_funding: "funding “{value}”",
    Msg.report_f_year: "activities with a cell in {value}",
    Msg.report_contents: "Contents",
    Msg.report_source: "Source",
    Msg.report_source_intro: "Transcribed from the {count} appendices of the overview:",
    Msg.report_provenance: "Provenance",
    Msg.report_data_file: "Data file",
    Msg.report_sha: "SHA-256 of the data file",
    Msg.report_version: "budgetcli version",
    Msg.report_generated: "Generated",
    Msg.report_activity_count: "Activities in this report",
    Msg.report_totals: "Totals per administration",
    Msg.report_totals_caption: "Budget per administration and year ({unit})",
    Msg.report_administration: "Administration",
    Msg.report_total: "Total",
    Msg.report_chart_years: "Total budget per year, {period} ({unit})",
    Msg.report_chart_departments: "Budget per administration, {period} ({unit})",
    Msg.report_not_quantified: "not quantified",
    Msg.report_see_notes: "What each appendix leaves out of the overview is under Notes from the "
    "source.",
    Msg.report_expiring: "What expires",
    Msg.report_expiring_caption: "Activities whose funding ends before {last} ({unit})",
    Msg.report_expiring_rule: "Expiring: the last year with a positive amount is before {last} "
    "(an explicit 0 counts as no funding).",
    Msg.report_expiring_unquantified: "Not counted as expiring, since no amount is printed: {ids}.",
    Msg.report_expiring_none: "No activity in this selection has funding that ends before {last}.",
    Msg.report_last_year: "Last funded",
    Msg.report_activities: "Every activity",
    Msg.report_activities_caption: "Activities with all their fields ({unit}); click a header to "
    "sort",
    Msg.report_search: "Search the activities",
    Msg.report_search_placeholder: "name, text, id, funding …",
    Msg.report_shown: "{shown} of {total} activities shown",
    Msg.report_activity: "Activity",
    Msg.report_dept: "Admin.",
    Msg.report_notes_col: "Notes",
    Msg.report_actual: "Actual spend {year}: {amount}",
    Msg.report_actual_text: "Actual spend: {text}",
    Msg.report_printed: "Printed: {text}",
    Msg.report_legend_adjustable: "{mark} The amount may be adjusted (see the activity's note).",
    Msg.report_legend_actual: "{mark} Budget shown; the actual spend differs (see Notes).",
    Msg.report_legend_words: "Words in italics are printed instead of a number; they are never "
    "counted as 0.",
    Msg.report_legend_empty: "{dash} No amount printed.",
    Msg.report_notes: "Notes from the source",
    Msg.report_heading_note: "Under the heading",
    Msg.report_footnote: "Footnote",
    Msg.report_concerns: "Concerns: {ids}",
    Msg.report_concerns_all: "Concerns all of the administration's activities.",
    Msg.report_remarks: "Transcribers' remarks",
    Msg.report_remarks_intro: "Where the source was ambiguous, the transcribers' reasoning:",
    Msg.report_remarks_none: "No remarks on the activities in this selection.",
    # Said only in a Danish report: the remarks are written in English.
    Msg.report_remarks_elsewhere: "The transcribers' remarks ({count} activities) are in English.",
    Msg.report_no_activities: "No activities match this selection.",
    Msg.report_footer: "Made with budgetcli {version}.",
    Msg.report_filters: "Find activities",
    Msg.report_filter_department: "Administration",
    Msg.report_filter_section: "Section",
    Msg.report_filter_funding: "Funding decision",
    Msg.report_filter_year: "Year",
    Msg.report_filter_any: "all",
    Msg.report_view_link: "Link to this view",
    Msg.report_filter_show: "Show",
    Msg.report_sum_shown: "Sum of the {shown} activities shown",
    Msg.chart_unit: "Amounts in {unit}",
    Msg.chart_no_amount: "– no amount",
}

DA: dict[str, str] = {
    **_FORMS,
    **{key: da for key, (_, da) in SIDE_BY_SIDE.items()},
    Msg.activities_title: "Aktiviteter",
    Msg.col_id: "id",
    Msg.col_department: "forv.",
    Msg.col_section: "afsnit",
    Msg.col_name: "indsats",
    Msg.col_last_year: "sidste år",
    Msg.col_change: "ændring",
    Msg.col_change_pct: "ændring %",
    Msg.col_status: "status",
    Msg.col_kind: "type",
    Msg.col_text: "tekst",
    Msg.col_concerns: "vedrører",
    Msg.col_amount: "beløb",
    Msg.col_unit: "enhed",
    Msg.err_unknown_field: "intet felt {wanted}; felterne er {known}",
    Msg.err_fields_format: "--fields og --layout hører til csv, tsv, ndjson og json, ikke {fmt}",
    Msg.adjustable_head: "{mark} beløbet kan blive justeret: {ids}",
    Msg.actual_shown: "{mark} {id}: budgettet er vist; det faktiske forbrug var {spent}",
    Msg.actual_year: "{amount} {unit} i {year}",
    Msg.text_cells: "Med ord, ikke et tal (ikke opgjort, tælles aldrig som 0): {items}.",
    Msg.note_on: "Note om {ids}: {text}",
    Msg.no_activities: "ingen aktiviteter passer",
    Msg.expiring_title: "Aktiviteter hvis finansiering ophører før {last}{when}",
    Msg.expiring_when: ", sidst finansieret i {year}",
    Msg.expiring_none: "ingen aktiviteters finansiering ophører i det udvalg",
    Msg.expiring_unquantified: "Ikke regnet som udløbende, da der ikke er trykt et beløb: {ids}.",
    Msg.expiring_sum: "Ophører efter {year}: {amount} {unit}, de {count} aktiviteters"
    " finansiering i {year}.",
    Msg.total_summed: "Lægger {count} aktiviteter sammen: {items}.",
    Msg.err_chart_activities: "en søjle for hver af {count} aktiviteter kan ikke læses; vælg"
    " nogle (-d, --section, -s, --funding) eller de største (--top N)",
    Msg.total_summed_many: "Lægger {count} aktiviteter sammen; --by activity viser dem.",
    Msg.expiring_rule: "Udløbende: sidste år med et positivt beløb ligger før {last}"
    " (et trykt 0 tæller som ingen finansiering).",
    Msg.field_id: "id",
    Msg.field_name: "navn",
    Msg.field_department: "forvaltning",
    Msg.field_section: "afsnit",
    Msg.field_description: "beskrivelse",
    Msg.field_target_group: "målgruppe",
    Msg.field_expected_effect: "forventet effekt",
    Msg.field_funding: "finansiering",
    Msg.field_budget: "budget {year}",
    Msg.field_actual: "forbrug {year}",
    Msg.field_period_total: "i alt {first}-{last}",
    Msg.field_adjustable: "kan blive justeret",
    Msg.field_note: "note",
    Msg.field_remark: "",  # the remarks are in English only: no Danish row for them
    Msg.field_source: "kilde",
    Msg.cell_empty: "– (intet beløb)",
    Msg.cell_text: "{text} (tekst: ikke et tal)",
    Msg.actual_vs_budget: "{spent} (budget {budget}{difference})",
    Msg.difference: "; forskel {amount}",
    Msg.none: "intet",
    Msg.printed: "; trykt: {printed}",
    Msg.total_label: "I alt",
    Msg.basis_budget: "Budget",
    Msg.basis_actual: "Faktisk forbrug hvor det er oplyst, ellers budget,",
    Msg.left_out: "udeladt, intet tal findes: {items}",
    Msg.includes_adjustable: "omfatter beløb, der kan blive justeret: {ids}",
    Msg.counted_actual: "{year}: {id} medregnet med faktisk forbrug {actual} i stedet for"
    " budget {budget}",
    Msg.actual_differs: "Budgettal; det faktiske forbrug afviger for {ids}",
    Msg.see_notes: "Hvad hvert bilag udelader af oversigten: budgetcli notes",
    Msg.col_activities: "aktiviteter",
    Msg.col_amount_ending: "ophørende beløb",
    Msg.col_share: "andel",
    Msg.col_share_of: "andel {year}",
    Msg.expiry_summary_title: "Finansiering der ophører før {last}, efter sidste finansierede år",
    Msg.expiry_summary_rule: "Hver aktivitet tæller i sidste år med et positivt beløb;"
    " det ophørende beløb er hvad den får det år, og intet efter.",
    Msg.share_rule: "Andel: rækkens beløb i procent af kolonnens total; tom hvor et af dem kun"
    " er ord, eller totalen er 0.",
    Msg.funding_overlap: "Rækkerne overlapper: finansieret af flere beslutninger tæller {ids}"
    " under hver; totalen tæller hver aktivitet én gang.",
    Msg.not_quantified: "ikke opgjort",
    Msg.no_sections: "{name} (ingen afsnit)",
    Msg.not_stated: "(ikke angivet)",
    Msg.compare_title: "Budget {a} sammenlignet med {b} efter {by}",
    Msg.status_new: "ny",
    Msg.status_ended: "ophørt",
    Msg.compare_left_out: "Udeladt, intet tal findes: {ids}",
    Msg.compare_adjustable: "{mark} omfatter beløb, der kan blive justeret: {ids}",
    Msg.compare_pct: "ændring % er tom, hvor det første års beløb summer til 0;"
    " beløb i ord tælles aldrig med",
    Msg.notes_title: "Noter fra kilden: afsnit under hver overskrift og fodnoter",
    Msg.notes_all: "alle {department}-aktiviteter ({count})",
    Msg.notes_none: "ingen noter passer",
    Msg.by_department: "forvaltning",
    Msg.by_section: "afsnit",
    Msg.by_funding: "finansiering",
    Msg.by_activity: "aktivitet",
    Msg.by_year: "år",
    Msg.chart_title: "Budget {period} efter {by}",
    Msg.and_more: "og {count} flere",
    Msg.filter_section: "afsnit {sections}",
    Msg.filter_year: "med en celle i {year}",
    Msg.filter_search: "der matcher “{search}”",
    Msg.filter_funding: "finansiering “{funding}”",
    Msg.by_suffix: " efter {by}",
    Msg.words_marker: "ord",
    Msg.field_remarks: "transskription",
    Msg.remarks_all: "bemærkningerne om, hvordan kilden er læst, hvor den var uklar, findes kun"
    " på engelsk, i den engelske udgave",
    Msg.remarks_more: "bemærkningerne om, hvordan kilden er læst, hvor den var uklar, findes kun"
    " på engelsk (--lang en)",
    Msg.top_shown: "Viser {shown} af {count} rækker; totalen medregner dem alle.",
    Msg.err_no_department: "ingen forvaltning {text}{hint}; forvaltningerne er {codes}",
    Msg.err_department_ambiguous: "forvaltningen {text} er tvetydig: {codes}",
    Msg.err_no_section: "intet afsnit {text}; afsnittene er {listing}",
    Msg.err_no_year: "året {year} findes ikke i data; årene er {first}-{last}",
    Msg.err_give_id: "angiv en aktivitets id",
    Msg.err_search_words: "en søgning på {count} ord; søg med højst {limit}",
    Msg.err_id_ambiguous: "id {text} er tvetydigt; det indleder {listing}",
    Msg.err_no_activity: "ingen aktivitet {text}{hint}",
    Msg.err_did_you_mean: " (mente du {what}?)",
    Msg.err_did_you_mean_any: "; mente du {what}?",
    Msg.err_activity_ambiguous: "{text} passer på {count} aktiviteter: {listing}; angiv id'et",
    Msg.search_close: "intet passer på {text} som skrevet; viser nære stavemåder: {words}",
    Msg.search_read: "{text} også læst som {words} (danske bøjningsformer, engelske fagord)",
    Msg.search_none: "ingen aktiviteter passer på {text}{hint}",
    Msg.err_expiring_last: "finansiering der løber til {last}, ophører ikke i perioden; vælg et"
    " år fra {first} til {before}",
    Msg.err_no_extension: "kan ikke se formatet af {path} ud fra endelsen ({known}); tilføj"
    " --format",
    Msg.err_file_only: "--format {fmt} skriver en fil; tilføj --output FIL",
    Msg.err_sort_key: "kan ikke sortere efter {wanted}; sortér efter {known} (-NØGLE: faldende)",
    Msg.err_section_ambiguous: "afsnittet {text} er tvetydigt: det kan være {listing}; angiv ét som"
    " anført (FORV/afsnit, eller FORV:afsnit hvor en kode eller et navn har en /)",
    Msg.err_no_format: "intet format {name}; formaterne er {names}",
    Msg.department_line: "{code}: {name}",
    Msg.err_same_year: "sammenlign to forskellige år, ikke {year} med sig selv",
    Msg.see_basis_actual: "--basis actual tæller det faktiske forbrug med, hvor kilden oplyser det",
    Msg.top_rows: "Viser {shown} af {count}.",
    Msg.compare_words_only: "Ikke opgjort (kun tekst, intet tal) i et af årene, så ikke"
    " sammenlignet: {items}; i alt sammenligner tallene",
    Msg.col_total: "i alt",
    Msg.kind_heading: "overskrift",
    Msg.kind_footnote: "fodnote",
    Msg.xlsx_source: "Kilde: {source}",
    Msg.xlsx_sheet_report: "rapport",
    Msg.xlsx_sheet_notes: "noter",
    Msg.col_mark: "{column} mærke",
    Msg.xlsx_notes_hidden: "Kildens noter til alle bilag: det skjulte ark “{sheet}”, som ikke"
    " udskrives (vis det: højreklik på et arkfaneblad, Vis).",
    Msg.xlsx_marker: "mærke",
    Msg.xlsx_no_notes: "Noter fra kilden: ikke med i denne projektmappe"
    " (data var ikke tilgængelige).",
    Msg.about_sheet: "om",
    Msg.about_dataset: "datasæt",
    Msg.about_source: "kilde",
    Msg.about_unit: "enhed",
    Msg.about_period: "periode",
    Msg.about_activities: "aktiviteter",
    Msg.about_notes: "noter",
    Msg.about_written_by: "skrevet af",
    Msg.about_sheet_activities: "Arket activities: én række pr. aktivitet; beløb i {unit} som tal i"
    " årskolonnerne, ord trykt i stedet for et tal i kolonnerne '<år> text', faktisk"
    " forbrug i kolonnerne 'actual <år>'.",
    Msg.about_sheet_notes: "Arket notes: kildens afsnit under hver bilagsoverskrift"
    " og dens fodnoter.",
    Msg.about_sheet_departments: "Arket departments: forvaltningerne, ét bilag hver.",
    Msg.col_label: "navn",
    Msg.remark_line: "",
    Msg.remark_text: "",
    Msg.diff_title: "Ændringer fra {old} til {new}",
    Msg.diff_none: "ingen forskelle",
    Msg.diff_summary: "{added} tilføjet, {removed} fjernet, {changed} ændret;"
    " {changes} ændringer i alt",
    Msg.col_field: "felt",
    Msg.col_year: "år",
    Msg.col_old: "før",
    Msg.col_new: "nu",
    Msg.col_difference: "forskel",
    Msg.diff_added: "tilføjet",
    Msg.diff_removed: "fjernet",
    Msg.diff_renamed: "omdøbt",
    Msg.diff_budget: "budget",
    Msg.diff_actual: "forbrug",
    Msg.diff_field: "ændret",
    Msg.diff_note: "note",
    Msg.diff_department: "forvaltning",
    Msg.diff_dataset: "datafil",
    Msg.diff_total: "i alt",
    Msg.diff_totals_rule: "i alt: forvaltningens budget det år, talt som i alle summer"
    " (ord tælles aldrig som 0)",
    # The HTML report and its charts.
    Msg.report_title: "Integrationsaktiviteter i Københavns Kommunes forvaltninger, {period}",
    Msg.report_unit_line: "Beløb i {unit}, præcis som kilden trykker dem.",
    Msg.report_all: "Alle aktiviteter",
    Msg.report_selection: "Udvalg: {what}",
    Msg.report_f_department: "forvaltning {value}",
    Msg.report_f_section: "afsnit “{value}”",
    Msg.report_f_search: "tekst “{value}”",
    Msg.report_f_funding: "finansiering “{value}”",
    Msg.report_f_year: "aktiviteter med en celle i {value}",
    Msg.report_contents: "Indhold",
    Msg.report_source: "Kilde",
    Msg.report_source_intro: "Transskriberet fra oversigtens {count} bilag:",
    Msg.report_provenance: "Oprindelse",
    Msg.report_data_file: "Datafil",
    Msg.report_sha: "Datafilens SHA-256",
    Msg.report_version: "budgetcli-version",
    Msg.report_generated: "Dannet",
    Msg.report_activity_count: "Aktiviteter i rapporten",
    Msg.report_totals: "I alt pr. forvaltning",
    Msg.report_totals_caption: "Budget pr. forvaltning og år ({unit})",
    Msg.report_administration: "Forvaltning",
    Msg.report_total: "I alt",
    Msg.report_chart_years: "Samlet budget pr. år, {period} ({unit})",
    Msg.report_chart_departments: "Budget pr. forvaltning, {period} ({unit})",
    Msg.report_not_quantified: "ikke opgjort",
    Msg.report_see_notes: "Hvad hvert bilag udelader af oversigten, står under Noter fra kilden.",
    Msg.report_expiring: "Hvad udløber",
    Msg.report_expiring_caption: "Aktiviteter hvis finansiering ophører før {last} ({unit})",
    Msg.report_expiring_rule: "Udløbende: sidste år med et positivt beløb ligger før {last} (et "
    "trykt 0 tæller som ingen finansiering).",
    Msg.report_expiring_unquantified: "Ikke regnet som udløbende, da der ikke er trykt et beløb: "
    "{ids}.",
    Msg.report_expiring_none: "Ingen aktivitet i udvalget har finansiering der ophører før {last}.",
    Msg.report_last_year: "Sidst finansieret",
    Msg.report_activities: "Alle aktiviteter",
    Msg.report_activities_caption: "Aktiviteterne med alle felter ({unit}); klik på en overskrift"
    " for at sortere",
    Msg.report_search: "Søg i aktiviteterne",
    Msg.report_search_placeholder: "navn, tekst, id, finansiering …",
    Msg.report_shown: "{shown} af {total} aktiviteter vist",
    Msg.report_activity: "Aktivitet",
    Msg.report_dept: "Forv.",
    Msg.report_notes_col: "Noter",
    Msg.report_actual: "Faktisk forbrug {year}: {amount}",
    Msg.report_actual_text: "Faktisk forbrug: {text}",
    Msg.report_printed: "Trykt: {text}",
    Msg.report_legend_adjustable: "{mark} Beløbet kan blive justeret (se aktivitetens note).",
    Msg.report_legend_actual: "{mark} Budgettet er vist; det faktiske forbrug afviger (se "
    "noterne).",
    Msg.report_legend_words: "Ord i kursiv er trykt i stedet for et tal; de tælles aldrig som 0.",
    Msg.report_legend_empty: "{dash} Intet beløb trykt.",
    Msg.report_notes: "Noter fra kilden",
    Msg.report_heading_note: "Under overskriften",
    Msg.report_footnote: "Fodnote",
    Msg.report_concerns: "Vedrører: {ids}",
    Msg.report_concerns_all: "Vedrører alle forvaltningens aktiviteter.",
    Msg.report_remarks: "Bemærkninger fra transskriptionen",
    Msg.report_remarks_intro: "Hvor kilden var tvetydig, sådan er den læst:",
    Msg.report_remarks_none: "Ingen bemærkninger til aktiviteterne i udvalget.",
    Msg.report_remarks_elsewhere: "Transskriptionens bemærkninger om hvordan kilden er læst, er "
    "skrevet på engelsk og står derfor kun i den engelske udgave af rapporten ({count} "
    "aktiviteter har bemærkninger).",
    Msg.report_no_activities: "Ingen aktiviteter passer til udvalget.",
    Msg.report_footer: "Lavet med budgetcli {version}.",
    Msg.report_filters: "Find aktiviteter",
    Msg.report_filter_department: "Forvaltning",
    Msg.report_filter_section: "Afsnit",
    Msg.report_filter_funding: "Bevillingsbeslutning",
    Msg.report_filter_year: "År",
    Msg.report_filter_any: "alle",
    Msg.report_view_link: "Link til denne visning",
    Msg.report_filter_show: "Vis",
    Msg.report_sum_shown: "Sum af de {shown} viste aktiviteter",
    Msg.chart_unit: "Beløb i {unit}",
    Msg.chart_no_amount: "– intet beløb",
}


class Lang(StrEnum):
    en: Final = "en"
    da: Final = "da"


class Ids(NamedTuple):
    """A list of activity ids inside a message: people see a handful and a count of the rest."""

    items: tuple[str, ...]


class Text(NamedTuple):
    """A sentence to be written in the reader's language: a message key and its values.

    Values may be text, numbers (``Decimal`` amounts are written the reader's way), other
    Texts and :class:`Ids`.
    """

    msg: str
    """A :class:`Msg` key."""
    values: tuple[tuple[str, Any], ...] = ()


def text(msg: str, **values: Any) -> Text:
    return Text(msg, tuple(values.items()))


# How many ids a sentence names before it says "and N more": a footnote at 50,000 rows must
# stay a line, not a page (issue 10).
IDS_SHOWN = 8


def places(value: Decimal) -> int:
    """The decimals a value is written with: ``8.270`` has 3, ``3.3E+3`` (t.kr.) none."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def number(value: Decimal, lang: str, *, decimals: int | None = None, grouping: bool = True) -> str:
    """An amount for people: ``1,234.5`` or ``1.234,5``.

    With ``decimals`` (a column's one precision), written with exactly that many, rounded
    half up where it must be; without, with the data's own precision, and a zero is ``0``
    however it was reached (0.8 - 0.8 is 0.0 to a Decimal). ``grouping`` off leaves out the
    thousands separators (a spreadsheet cell, a program's sentence).
    """
    if decimals is not None:
        value = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
        if value.is_zero():
            value = value.copy_abs()  # never "-0.00"
    elif value.is_zero():
        return "0"
    text = format(value, ",f" if grouping else "f")
    if lang == "da":
        return text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def percent(
    value: Decimal, lang: str, *, decimals: int | None = None, grouping: bool = True
) -> str:
    """``-50.1%`` in English, ``-50,1 %`` in Danish (Retskrivningsordbogen: space before %)."""
    written = number(value, lang, decimals=decimals, grouping=grouping)
    return f"{written} %" if lang == "da" else f"{written}%"


class Tr:
    """The messages of one language: ``tr(Msg.left_out, items=...)``, ``tr.text(t)``."""

    def __init__(
        self, lang: str = "en", *, names: Mapping[str, str] | None = None, grouping: bool = True
    ) -> None:
        self.lang = Lang(lang)
        self._table = DA if self.lang is Lang.da else EN
        self.names = names
        """Activity names by id: given (a document for people), activities are named by
        name, not by id; the id follows only where two share a name."""
        self.grouping = grouping
        self.column_decimals: int | None = None
        """A document's one precision for its amount columns (the HTML report sets it);
        sentences keep each amount's own digits."""
        counts = Counter((names or {}).values())
        self._shared = {n for n, count in counts.items() if count > 1}

    def __call__(self, key: str, **values: Any) -> str:
        return self._table[key].format(**{k: self.value(v) for k, v in values.items()})

    def text(self, t: Text) -> str:
        return self(t.msg, **dict(t.values))

    def heading(self, key: str) -> str:
        """A message as a heading: its first letter a capital ("target group" -> "Target
        group"), so a field's one label serves the show rows and the report's columns."""
        said = self(key)
        return said[:1].upper() + said[1:]

    def value(self, value: Any) -> str:
        if isinstance(value, Text):
            return self.text(value)
        if isinstance(value, Decimal):
            return self.num(value)
        if isinstance(value, Ids):
            return self.ids(value.items)
        return str(value)

    def ids(self, ids: Sequence[str]) -> str:
        said = [self.activity(i) for i in ids]
        if len(said) <= IDS_SHOWN + 1:
            return ", ".join(said)
        more = self(Msg.and_more, count=len(said) - IDS_SHOWN)
        return f"{', '.join(said[:IDS_SHOWN])} {more}"

    def activity(self, activity_id: str) -> str:
        """An activity as a reader knows it: by name in a document, by id on a terminal
        (where the id is what ``show`` takes)."""
        if self.names is None or activity_id not in self.names:
            return activity_id
        name = self.names[activity_id]
        if name in self._shared:
            return self(Msg.named_id, name=name, id=activity_id)
        return name

    def num(self, value: Decimal, decimals: int | None = None) -> str:
        return number(value, self.lang, decimals=decimals, grouping=self.grouping)

    def column(self, value: Decimal) -> str:
        """An amount in a table column: with the document's one precision, if it has one."""
        return self.num(value, self.column_decimals)

    def pct(self, value: Decimal, decimals: int | None = None) -> str:
        return percent(value, self.lang, decimals=decimals, grouping=self.grouping)


ENGLISH = Tr("en")
MACHINE = Tr("en", grouping=False)
"""The fixed English of the machine formats: no thousands separators in a sentence either."""

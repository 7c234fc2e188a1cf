"""Every word people read, in English and Danish, and numbers as people write them.

Results, reports and errors carry :class:`Text` records (a message key and its values)
instead of finished sentences, so an answer is the same data whatever the language; only the
writers of human formats (table, markdown, xlsx, svg, html, the Danish csv) and the lines
on stderr say them in the reader's language. json and tsv render no Text through a language
at all (they write the English form, which is fixed).

Each message is declared once, as an attribute of :class:`Msg` with its English and Danish
side by side; its key is its name, so mypy catches a misspelt key, and the catalogues
:data:`EN` and :data:`DA` are derived from it. tests/test_i18n.py checks that both say
every message with the same placeholders.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Any, Final, NamedTuple


class _Said(str):
    """A message's words while Msg is declared: a str to the type checker, its two
    languages to :func:`_catalogues`."""

    da: str

    def __new__(cls, en: str, da: str | None = None) -> _Said:
        said = super().__new__(cls, en)
        said.da = en if da is None else da
        return said


def _said(en: str, da: str | None = None) -> str:
    return _Said(en, da)


class Msg:
    """Every message, declared once: its key is its name, its words English first, Danish
    second (one text where the words are only placeholders and punctuation, the same in
    both). As attributes, a misspelt key is a mypy error; at import each becomes its key
    (``Msg.total_label == "total_label"``) and its words go to :data:`EN` and :data:`DA`."""

    activities_title: Final[str] = _said("Activities", "Aktiviteter")
    col_id: Final[str] = _said("id")
    col_department: Final[str] = _said("dept", "forv.")
    col_section: Final[str] = _said("section", "afsnit")
    col_name: Final[str] = _said("name", "indsats")
    col_last_year: Final[str] = _said("last year", "sidste år")
    col_change: Final[str] = _said("change", "ændring")
    col_change_pct: Final[str] = _said("change %", "ændring %")
    col_status: Final[str] = _said("status")
    col_kind: Final[str] = _said("kind", "type")
    col_text: Final[str] = _said("text", "tekst")
    col_concerns: Final[str] = _said("concerns", "vedrører")
    col_amount: Final[str] = _said("amount", "beløb")
    col_unit: Final[str] = _said("unit", "enhed")
    err_unknown_field: Final[str] = _said(
        "no field {wanted}; the fields are {known}",
        "intet felt {wanted}; felterne er {known}",
    )
    err_fields_format: Final[str] = _said(
        "--fields and --layout go with csv, tsv, ndjson and json, not {fmt}",
        "--fields og --layout hører til csv, tsv, ndjson og json, ikke {fmt}",
    )
    adjustable_head: Final[str] = _said(
        "{mark} the amount may be adjusted: {ids}",
        "{mark} beløbet kan blive justeret: {ids}",
    )
    actual_shown: Final[str] = _said(
        "{mark} {id}: budget shown; actual spend was {spent}",
        "{mark} {id}: budgettet er vist; det faktiske forbrug var {spent}",
    )
    actual_year: Final[str] = _said("{amount} {unit} in {year}", "{amount} {unit} i {year}")
    text_cells: Final[str] = _said(
        "In words, not a number (not quantified, never counted as 0): {items}.",
        "Med ord, ikke et tal (ikke opgjort, tælles aldrig som 0): {items}.",
    )
    note_on: Final[str] = _said("Note on {ids}: {text}", "Note om {ids}: {text}")
    no_activities: Final[str] = _said("no activities match", "ingen aktiviteter passer")
    expiring_title: Final[str] = _said(
        "Activities whose funding ends before {last}{when}",
        "Aktiviteter hvis finansiering ophører før {last}{when}",
    )
    expiring_when: Final[str] = _said(", last funded in {year}", ", sidst finansieret i {year}")
    expiring_none: Final[str] = _said(
        "no activity's funding ends in that selection",
        "ingen aktiviteters finansiering ophører i det udvalg",
    )
    expiring_unquantified: Final[str] = _said(
        "Not counted as expiring, since no amount is printed: {ids}.",
        "Ikke regnet som udløbende, da der ikke er trykt et beløb: {ids}.",
    )
    expiring_rule: Final[str] = _said(
        "Expiring: the last year with a positive amount is before {last} (an explicit 0 counts "
        "as no funding).",
        "Udløbende: sidste år med et positivt beløb ligger før {last} (et trykt 0 tæller som "
        "ingen finansiering).",
    )
    expiring_sum: Final[str] = _said(
        "Ends after {year}: {amount} {unit}, the {year} funding of these {count} activities.",
        "Ophører efter {year}: {amount} {unit}, de {count} aktiviteters finansiering i {year}.",
    )
    expiring_sum_one: Final[str] = _said(
        "Ends after {year}: {amount} {unit}, the {year} funding of this activity.",
        "Ophører efter {year}: {amount} {unit}, denne aktivitets finansiering i {year}.",
    )
    total_summed: Final[str] = _said(
        "Adds up {count} activities: {items}.",
        "Lægger {count} aktiviteter sammen: {items}.",
    )
    total_summed_one: Final[str] = _said(
        "Adds up 1 activity: {items}.",
        "Lægger 1 aktivitet sammen: {items}.",
    )
    err_chart_activities: Final[str] = _said(
        "a bar for each of {count} activities would not read; choose some (-d, --section, -s, "
        "--funding) or the largest (--top N)",
        "en søjle for hver af {count} aktiviteter kan ikke læses; vælg nogle (-d, --section, "
        "-s, --funding) eller de største (--top N)",
    )
    total_summed_many: Final[str] = _said(
        "Adds up {count} activities; --by activity lists them.",
        "Lægger {count} aktiviteter sammen; --by activity viser dem.",
    )
    field_id: Final[str] = _said("id")
    field_name: Final[str] = _said("name", "navn")
    field_department: Final[str] = _said("department", "forvaltning")
    field_section: Final[str] = _said("section", "afsnit")
    field_description: Final[str] = _said("description", "beskrivelse")
    field_target_group: Final[str] = _said("target group", "målgruppe")
    field_expected_effect: Final[str] = _said("expected effect", "forventet effekt")
    field_funding: Final[str] = _said("funding", "finansiering")
    field_budget: Final[str] = _said("budget {year}")
    field_actual: Final[str] = _said("actual {year}", "forbrug {year}")
    field_period_total: Final[str] = _said("total {first}-{last}", "i alt {first}-{last}")
    field_adjustable: Final[str] = _said("may be adjusted", "kan blive justeret")
    adjustable_years: Final[str] = _said(
        "{years} (the amounts marked {mark})", "{years} (beløbene markeret med {mark})"
    )
    field_note: Final[str] = _said("note")
    field_source: Final[str] = _said("source", "kilde")
    cell_empty: Final[str] = _said("– (no amount)", "– (intet beløb)")
    cell_text: Final[str] = _said("{text} (text: not a number)", "{text} (tekst: ikke et tal)")
    actual_vs_budget: Final[str] = _said("{spent} (budget {budget}{difference})")
    difference: Final[str] = _said("; difference {amount}", "; forskel {amount}")
    none: Final[str] = _said("none", "intet")
    printed: Final[str] = _said("; printed: {printed}", "; trykt: {printed}")
    total_label: Final[str] = _said("Total", "I alt")
    total_title: Final[str] = _said("{what} {period}{by}")
    basis_budget: Final[str] = _said("Budget")
    basis_actual: Final[str] = _said(
        "Actual spend where recorded, else budget,",
        "Faktisk forbrug hvor det er oplyst, ellers budget,",
    )
    left_out: Final[str] = _said(
        "left out, no number exists: {items}",
        "udeladt, intet tal findes: {items}",
    )
    includes_adjustable: Final[str] = _said(
        "includes amounts that may be adjusted: {ids}",
        "omfatter beløb, der kan blive justeret: {ids}",
    )
    counted_actual: Final[str] = _said(
        "{year}: {id} counted at actual spend {actual} instead of budget {budget}",
        "{year}: {id} medregnet med faktisk forbrug {actual} i stedet for budget {budget}",
    )
    actual_differs: Final[str] = _said(
        "Budget figures; actual spend differs for {ids}",
        "Budgettal; det faktiske forbrug afviger for {ids}",
    )
    see_notes: Final[str] = _said(
        "What each appendix leaves out of the overview: budgetcli notes",
        "Hvad hvert bilag udelader af oversigten: budgetcli notes",
    )
    not_quantified: Final[str] = _said("not quantified", "ikke opgjort")
    no_sections: Final[str] = _said("{name} (no sections)", "{name} (ingen afsnit)")
    not_stated: Final[str] = _said("(not stated)", "(ikke angivet)")
    compare_title: Final[str] = _said(
        "Budget {a} compared with {b} by {by}",
        "Budget {a} sammenlignet med {b} efter {by}",
    )
    status_new: Final[str] = _said("new", "ny")
    status_ended: Final[str] = _said("ended", "ophørt")
    compare_left_out: Final[str] = _said(
        "Left out, no number exists: {items}",
        "Udeladt, intet tal findes: {items}",
    )
    compare_adjustable: Final[str] = _said(
        "{mark} includes amounts that may be adjusted: {ids}",
        "{mark} omfatter beløb, der kan blive justeret: {ids}",
    )
    compare_pct: Final[str] = _said(
        "change % is empty where the first year's amounts add up to 0; amounts in words are "
        "never counted",
        "ændring % er tom, hvor det første års beløb summer til 0; beløb i ord tælles aldrig med",
    )
    notes_title: Final[str] = _said(
        "Notes from the source: paragraphs under each heading, and footnotes",
        "Noter fra kilden: afsnit under hver overskrift og fodnoter",
    )
    notes_all: Final[str] = _said(
        "all {department} activities ({count})",
        "alle {department}-aktiviteter ({count})",
    )
    notes_none: Final[str] = _said("no notes match", "ingen noter passer")
    by_department: Final[str] = _said("department", "forvaltning")
    by_section: Final[str] = _said("section", "afsnit")
    by_funding: Final[str] = _said("funding", "finansiering")
    by_activity: Final[str] = _said("activity", "aktivitet")
    by_year: Final[str] = _said("year", "år")
    chart_title: Final[str] = _said("Budget {period} by {by}", "Budget {period} efter {by}")
    and_more: Final[str] = _said("and {count} more", "og {count} flere")
    joined: Final[str] = _said("{first}, {rest}")
    id_only: Final[str] = _said("{id}")
    field_word: Final[str] = _said("{field}: {word}")
    source_line: Final[str] = _said("{title}{printed}")
    show_title: Final[str] = _said("{name}")
    title: Final[str] = _said("{question}{filters} ({unit})")
    filter_part: Final[str] = _said(", {part}{rest}")
    filter_department: Final[str] = _said("{code}: {name}")
    filter_departments: Final[str] = _said("{codes}")
    filter_section: Final[str] = _said("section {sections}", "afsnit {sections}")
    filter_year: Final[str] = _said("with a cell in {year}", "med en celle i {year}")
    filter_search: Final[str] = _said("matching “{search}”", "der matcher “{search}”")
    filter_funding: Final[str] = _said("funding “{funding}”", "finansiering “{funding}”")
    by_suffix: Final[str] = _said(" by {by}", " efter {by}")
    notes_title_in: Final[str] = _said("{question}, {departments}")
    field_remarks: Final[str] = _said("transcription", "transskription")
    remarks_all: Final[str] = _said(
        "how the source was read where it was unclear:",
        "bemærkningerne om, hvordan kilden er læst, hvor den var uklar, findes kun på engelsk, "
        "i den engelske udgave",
    )
    remarks_more: Final[str] = _said(
        "how the source was read where it was unclear (all of it: --remarks):",
        "bemærkningerne om, hvordan kilden er læst, hvor den var uklar, findes kun på engelsk "
        "(--lang en)",
    )
    top_shown: Final[str] = _said(
        "Showing {shown} of {count} rows; the total counts them all.",
        "Viser {shown} af {count} rækker; totalen medregner dem alle.",
    )
    err_no_department: Final[str] = _said(
        "no department {text}{hint}; departments are {codes}",
        "ingen forvaltning {text}{hint}; forvaltningerne er {codes}",
    )
    err_department_ambiguous: Final[str] = _said(
        "department {text} is ambiguous: {codes}",
        "forvaltningen {text} er tvetydig: {codes}",
    )
    err_no_section: Final[str] = _said(
        "no section {text}; sections are {listing}",
        "intet afsnit {text}; afsnittene er {listing}",
    )
    err_no_year: Final[str] = _said(
        "no year {year} in the data; years are {first}-{last}",
        "året {year} findes ikke i data; årene er {first}-{last}",
    )
    err_give_id: Final[str] = _said("give an activity id", "angiv en aktivitets id")
    err_search_words: Final[str] = _said(
        "a search of {count} words; search with at most {limit}",
        "en søgning på {count} ord; søg med højst {limit}",
    )
    err_id_ambiguous: Final[str] = _said(
        "id {text} is ambiguous; it starts {listing}",
        "id {text} er tvetydigt; det indleder {listing}",
    )
    err_no_activity: Final[str] = _said("no activity {text}{hint}", "ingen aktivitet {text}{hint}")
    err_did_you_mean: Final[str] = _said(" (did you mean {what}?)", " (mente du {what}?)")
    err_did_you_mean_any: Final[str] = _said("; did you mean {what}?", "; mente du {what}?")
    err_activity_ambiguous: Final[str] = _said(
        "{text} matches {count} activities: {listing}; give the id",
        "{text} passer på {count} aktiviteter: {listing}; angiv id'et",
    )
    search_close: Final[str] = _said(
        "nothing matches {text} as typed; showing close spellings: {words}",
        "intet passer på {text} som skrevet; viser nære stavemåder: {words}",
    )
    show_also_found: Final[str] = _said(
        "{text} is in this activity's name only; {count} more mention it: {ids}",
        "{text} står kun i denne aktivitets navn; {count} andre nævner det: {ids}",
    )
    search_read: Final[str] = _said(
        "{text} also read as {words} (Danish word forms, English words of the domain)",
        "{text} også læst som {words} (danske bøjningsformer, engelske fagord)",
    )
    search_none: Final[str] = _said(
        "no activities match {text}{hint}",
        "ingen aktiviteter passer på {text}{hint}",
    )
    funding_overlap: Final[str] = _said(
        "The rows overlap: these activities are funded by several decisions and count under "
        "each: {ids}; the total counts every activity once.",
        "Rækkerne overlapper: disse aktiviteter er finansieret af flere beslutninger og tælles "
        "under hver: {ids}; totalen tæller hver aktivitet én gang.",
    )
    col_activities: Final[str] = _said("activities", "aktiviteter")
    col_amount_ending: Final[str] = _said("amount ending", "ophørende beløb")
    col_share: Final[str] = _said("share", "andel")
    col_share_of: Final[str] = _said("share {year}", "andel {year}")
    indented: Final[str] = _said("{indent}{text}")
    expiry_summary_title: Final[str] = _said(
        "Funding that ends before {last}, by last funded year",
        "Finansiering der ophører før {last}, efter sidste finansierede år",
    )
    expiry_summary_rule: Final[str] = _said(
        "Each activity counts in the last year with a positive amount; the amount ending is "
        "what it gets that year, and none after.",
        "Hver aktivitet tæller i sidste år med et positivt beløb; det ophørende beløb er hvad "
        "den får det år, og intet efter.",
    )
    share_rule: Final[str] = _said(
        "Share: a row's amount in percent of the total of its column; empty where either is "
        "words only or the total is 0.",
        "Andel: rækkens beløb i procent af kolonnens total; tom hvor et af dem kun er ord, "
        "eller totalen er 0.",
    )
    err_expiring_last: Final[str] = _said(
        "funding that runs to {last} does not end within the period; choose a year from {first} "
        "to {before}",
        "finansiering der løber til {last}, ophører ikke i perioden; vælg et år fra {first} til "
        "{before}",
    )
    err_no_extension: Final[str] = _said(
        "cannot tell the format of {path} from its extension ({known}); add --format",
        "kan ikke se formatet af {path} ud fra endelsen ({known}); tilføj --format",
    )
    err_file_only: Final[str] = _said(
        "--format {fmt} writes a file; add --output FILE",
        "--format {fmt} skriver en fil; tilføj --output FIL",
    )
    err_sort_key: Final[str] = _said(
        "cannot sort by {wanted}; sort by {known} (-KEY: descending)",
        "kan ikke sortere efter {wanted}; sortér efter {known} (-NØGLE: faldende)",
    )
    err_section_ambiguous: Final[str] = _said(
        "section {text} is ambiguous: it could be {listing}; name one as listed (DEPT/section, "
        "or DEPT:section where a code or name holds a /)",
        "afsnittet {text} er tvetydigt: det kan være {listing}; angiv ét som anført "
        "(FORV/afsnit, eller FORV:afsnit hvor en kode eller et navn har en /)",
    )
    err_no_format: Final[str] = _said(
        "no format {name}; formats are {names}",
        "intet format {name}; formaterne er {names}",
    )
    department_line: Final[str] = _said("{code}: {name} ({name_en})", "{code}: {name}")
    err_same_year: Final[str] = _said(
        "compare two different years, not {year} with itself",
        "sammenlign to forskellige år, ikke {year} med sig selv",
    )
    err_not_whole: Final[str] = _said(
        "{what} must be a whole number, not {value}",
        "{what} skal være et helt tal, ikke {value}",
    )
    err_not_one_of: Final[str] = _said(
        "{what} {value} is not one of {known}",
        "{what} {value} er ikke en af {known}",
    )
    err_top: Final[str] = _said(
        "top must be 1 or more, not {top}",
        "top skal være 1 eller mere, ikke {top}",
    )
    err_expiring_by: Final[str] = _said(
        "expiring --by goes with --summary",
        "expiring --by hører sammen med --summary",
    )
    err_expiring_summary: Final[str] = _said(
        "expiring --summary covers every year; leave out --year, --sort, --top",
        "expiring --summary dækker alle år; udelad --year, --sort og --top",
    )
    err_levels_count: Final[str] = _said(
        "one to {count} groupings, separated by commas",
        "en til {count} grupperinger, adskilt af kommaer",
    )
    err_levels_twice: Final[str] = _said("a grouping named twice", "en gruppering nævnt to gange")
    err_levels_activity: Final[str] = _said(
        "activity can only be the last grouping",
        "activity kan kun være den sidste gruppering",
    )
    err_nested_order: Final[str] = _said(
        "a nested --by shows every group: leave out --sort and --top",
        "en indlejret --by viser alle grupper: udelad --sort og --top",
    )
    err_import_yaml: Final[str] = _said(
        "import writes a YAML data file: name a .yaml file, not {output}",
        "import skriver en YAML-datafil: angiv en .yaml-fil, ikke {output}",
    )
    err_report_html: Final[str] = _said(
        "the report is an HTML page: name a .html file, not {output}",
        "rapporten er en HTML-side: angiv en .html-fil, ikke {output}",
    )
    err_datasette_sqlite: Final[str] = _said(
        "--datasette-metadata goes with a sqlite export",
        "--datasette-metadata hører sammen med en sqlite-eksport",
    )
    err_diff_layout: Final[str] = _said(
        "diff takes no --layout: its rows are changes, not years",
        "diff tager ikke --layout: dens rækker er ændringer, ikke år",
    )
    err_no_schema: Final[str] = _said(
        "no schema for {command}; commands are {known}",
        "intet skema for {command}; kommandoerne er {known}",
    )
    err_write: Final[str] = _said(
        "cannot write {path}: {reason}", "kan ikke skrive {path}: {reason}"
    )
    err_write_directory: Final[str] = _said(
        "cannot write {path}: it is a directory; name a file",
        "kan ikke skrive {path}: det er en mappe; angiv en fil",
    )
    err_write_loop: Final[str] = _said(
        "cannot write {path}: it is a symbolic link that leads back to itself (a loop)",
        "kan ikke skrive {path}: det er et symbolsk link, der fører tilbage til sig selv (en "
        "løkke)",
    )
    err_write_not_a_file: Final[str] = _said(
        "cannot write {path}: it is not a regular file, and this format is written only to a file",
        "kan ikke skrive {path}: det er ikke en almindelig fil, og dette format skrives kun til "
        "en fil",
    )
    err_write_special: Final[str] = _said(
        "cannot write {path}: it is not a regular file, a fifo or a terminal",
        "kan ikke skrive {path}: det er hverken en almindelig fil, en fifo eller en terminal",
    )
    err_fifo_unread: Final[str] = _said(
        "cannot write {path}: it is a fifo that no program is reading (waited {seconds} s); "
        "start the reader first",
        "kan ikke skrive {path}: det er en fifo, som intet program læser (ventede {seconds} s); "
        "start læseren først",
    )
    err_input_as_output: Final[str] = _said(
        "refusing to write {output}: it is the data file being read ({data}); choose another "
        "output file",
        "skriver ikke {output}: det er den datafil, der læses ({data}); vælg en anden fil",
    )
    err_input_in_folder: Final[str] = _said(
        "refusing to write into {output}: it holds the data file being read ({data}); choose "
        "another folder",
        "skriver ikke i {output}: mappen rummer den datafil, der læses ({data}); vælg en anden "
        "mappe",
    )
    err_not_ours: Final[str] = _said(
        "refusing to replace {path}: budgetcli did not write it; choose another folder, or add "
        "--force",
        "erstatter ikke {path}: budgetcli har ikke skrevet den; vælg en anden mappe, eller "
        "tilføj --force",
    )
    err_stdout_closed: Final[str] = _said(
        "standard output is closed; write a file with --output",
        "standardoutput er lukket; skriv en fil med --output",
    )
    wrote: Final[str] = _said("wrote {path}", "skrev {path}")
    wrote_count: Final[str] = _said(
        "wrote {path} ({count} activities)",
        "skrev {path} ({count} aktiviteter)",
    )
    validate_problem: Final[str] = _said("1 problem in {path}", "1 problem i {path}")
    validate_problems: Final[str] = _said(
        "{count} problems in {path}",
        "{count} problemer i {path}",
    )
    validate_ok: Final[str] = _said(
        "{path}: ok ({activities} activities, {notes} notes)",
        "{path}: ok ({activities} aktiviteter, {notes} noter)",
    )
    more_problems: Final[str] = _said(
        "... and {more} more (budgetcli validate {path})",
        "... og {more} mere (budgetcli validate {path})",
    )
    see_basis_actual: Final[str] = _said(
        "--basis actual counts actual spend where the source gives it",
        "--basis actual tæller det faktiske forbrug med, hvor kilden oplyser det",
    )
    top_rows: Final[str] = _said("Showing {shown} of {count}.", "Viser {shown} af {count}.")
    compare_words_only: Final[str] = _said(
        "Not quantified (words only, not a number) in a year, so not compared: {items}; the "
        "total compares the numbers",
        "Ikke opgjort (kun tekst, intet tal) i et af årene, så ikke sammenlignet: {items}; i "
        "alt sammenligner tallene",
    )
    col_total: Final[str] = _said("total", "i alt")
    in_years: Final[str] = _said("{years}: {text}")
    id_with_words: Final[str] = _said("{id} ({words})")
    with_more: Final[str] = _said("{text} {more}")
    marked: Final[str] = _said("{mark} {text}")
    kind_heading: Final[str] = _said("heading", "overskrift")
    kind_footnote: Final[str] = _said("footnote", "fodnote")
    xlsx_source: Final[str] = _said("Source: {source}", "Kilde: {source}")
    xlsx_sheet_report: Final[str] = _said("report", "rapport")
    xlsx_sheet_notes: Final[str] = _said("notes", "noter")
    xlsx_notes_hidden: Final[str] = _said(
        "Notes from the source on every appendix: the hidden sheet “{sheet}”, left out of print "
        "(to see it: right-click a sheet tab, Unhide).",
        "Kildens noter til alle bilag: det skjulte ark “{sheet}”, som ikke udskrives (vis det: "
        "højreklik på et arkfaneblad, Vis).",
    )
    col_mark: Final[str] = _said("{column} mark", "{column} mærke")
    xlsx_marker: Final[str] = _said("marker", "mærke")
    xlsx_no_notes: Final[str] = _said(
        "Notes from the source: not part of this workbook (the data was not at hand).",
        "Noter fra kilden: ikke med i denne projektmappe (data var ikke tilgængelige).",
    )
    about_sheet: Final[str] = _said("about", "om")
    about_dataset: Final[str] = _said("dataset", "datasæt")
    about_source: Final[str] = _said("source", "kilde")
    about_unit: Final[str] = _said("unit", "enhed")
    about_period: Final[str] = _said("period", "periode")
    about_activities: Final[str] = _said("activities", "aktiviteter")
    about_notes: Final[str] = _said("notes", "noter")
    about_written_by: Final[str] = _said("written by", "skrevet af")
    about_sheet_activities: Final[str] = _said(
        "Sheet activities: one row per activity; amounts in {unit} as numbers in the year "
        "columns, words printed instead of a number in the '<year> text' columns, actual spend "
        "in the 'actual <year>' columns.",
        "Arket activities: én række pr. aktivitet; beløb i {unit} som tal i årskolonnerne, ord "
        "trykt i stedet for et tal i kolonnerne '<år> text', faktisk forbrug i kolonnerne "
        "'actual <år>'.",
    )
    about_sheet_notes: Final[str] = _said(
        "Sheet notes: the source's paragraphs under each appendix heading, and its footnotes.",
        "Arket notes: kildens afsnit under hver bilagsoverskrift og dens fodnoter.",
    )
    about_sheet_departments: Final[str] = _said(
        "Sheet departments: the administrations, one appendix each.",
        "Arket departments: forvaltningerne, ét bilag hver.",
    )
    named_id: Final[str] = _said("{name} ({id})")
    col_label: Final[str] = _said("name", "navn")
    remark_line: Final[str] = _said("– {text}", "")
    diff_title: Final[str] = _said("Changes from {old} to {new}", "Ændringer fra {old} til {new}")
    diff_none: Final[str] = _said("no differences", "ingen forskelle")
    diff_summary: Final[str] = _said(
        "{added} added, {removed} removed, {changed} changed; {changes} changes in all",
        "{added} tilføjet, {removed} fjernet, {changed} ændret; {changes} ændringer i alt",
    )
    diff_summary_one: Final[str] = _said(
        "{added} added, {removed} removed, {changed} changed; 1 change in all",
        "{added} tilføjet, {removed} fjernet, {changed} ændret; 1 ændring i alt",
    )
    col_field: Final[str] = _said("field", "felt")
    col_year: Final[str] = _said("year", "år")
    col_old: Final[str] = _said("old", "før")
    col_new: Final[str] = _said("new", "nu")
    col_difference: Final[str] = _said("difference", "forskel")
    diff_added: Final[str] = _said("added", "tilføjet")
    diff_removed: Final[str] = _said("removed", "fjernet")
    diff_renamed: Final[str] = _said("renamed", "omdøbt")
    diff_budget: Final[str] = _said("budget")
    diff_actual: Final[str] = _said("actual", "forbrug")
    diff_field: Final[str] = _said("changed", "ændret")
    diff_note: Final[str] = _said("note")
    diff_department: Final[str] = _said("department", "forvaltning")
    diff_dataset: Final[str] = _said("data file", "datafil")
    diff_total: Final[str] = _said("total", "i alt")
    diff_totals_rule: Final[str] = _said(
        "total: a department's budget that year, as every total counts it (words are never 0)",
        "i alt: forvaltningens budget det år, talt som i alle summer (ord tælles aldrig som 0)",
    )
    report_title: Final[str] = _said(
        "Integration activities in Copenhagen Municipality's administrations, {period}",
        "Integrationsaktiviteter i Københavns Kommunes forvaltninger, {period}",
    )
    report_unit_line: Final[str] = _said(
        "Amounts in {unit}, exactly as the source prints them.",
        "Beløb i {unit}, præcis som kilden trykker dem.",
    )
    report_all: Final[str] = _said("All activities", "Alle aktiviteter")
    report_selection: Final[str] = _said("Selection: {what}", "Udvalg: {what}")
    report_f_department: Final[str] = _said("administration {value}", "forvaltning {value}")
    report_f_section: Final[str] = _said("section “{value}”", "afsnit “{value}”")
    report_f_search: Final[str] = _said("text “{value}”", "tekst “{value}”")
    report_f_funding: Final[str] = _said("funding “{value}”", "finansiering “{value}”")
    report_f_year: Final[str] = _said(
        "activities with a cell in {value}",
        "aktiviteter med en celle i {value}",
    )
    report_contents: Final[str] = _said("Contents", "Indhold")
    report_source: Final[str] = _said("Source", "Kilde")
    report_source_intro: Final[str] = _said(
        "Transcribed from the {count} appendices of the overview:",
        "Transskriberet fra oversigtens {count} bilag:",
    )
    report_provenance: Final[str] = _said("Provenance", "Oprindelse")
    report_data_file: Final[str] = _said("Data file", "Datafil")
    report_sha: Final[str] = _said("SHA-256 of the data file", "Datafilens SHA-256")
    report_version: Final[str] = _said("budgetcli version", "budgetcli-version")
    report_generated: Final[str] = _said("Generated", "Dannet")
    report_activity_count: Final[str] = _said(
        "Activities in this report",
        "Aktiviteter i rapporten",
    )
    report_totals: Final[str] = _said("Totals per administration", "I alt pr. forvaltning")
    report_totals_caption: Final[str] = _said(
        "Budget per administration and year ({unit})",
        "Budget pr. forvaltning og år ({unit})",
    )
    report_administration: Final[str] = _said("Administration", "Forvaltning")
    report_total: Final[str] = _said("Total", "I alt")
    report_chart_years: Final[str] = _said(
        "Total budget per year, {period} ({unit})",
        "Samlet budget pr. år, {period} ({unit})",
    )
    report_chart_departments: Final[str] = _said(
        "Budget per administration, {period} ({unit})",
        "Budget pr. forvaltning, {period} ({unit})",
    )
    report_see_notes: Final[str] = _said(
        "What each appendix leaves out of the overview is under Notes from the source.",
        "Hvad hvert bilag udelader af oversigten, står under Noter fra kilden.",
    )
    report_expiring: Final[str] = _said("What expires", "Hvad udløber")
    report_expiring_caption: Final[str] = _said(
        "Activities whose funding ends before {last} ({unit})",
        "Aktiviteter hvis finansiering ophører før {last} ({unit})",
    )
    report_expiring_none: Final[str] = _said(
        "No activity in this selection has funding that ends before {last}.",
        "Ingen aktivitet i udvalget har finansiering der ophører før {last}.",
    )
    report_last_year: Final[str] = _said("Last funded", "Sidst finansieret")
    report_activities: Final[str] = _said("Every activity", "Alle aktiviteter")
    report_activities_caption: Final[str] = _said(
        "Activities with all their fields ({unit}); click a header to sort",
        "Aktiviteterne med alle felter ({unit}); klik på en overskrift for at sortere",
    )
    report_search: Final[str] = _said("Search the activities", "Søg i aktiviteterne")
    report_search_placeholder: Final[str] = _said(
        "name, text, id, funding …",
        "navn, tekst, id, finansiering …",
    )
    report_shown: Final[str] = _said(
        "{shown} of {total} activities shown",
        "{shown} af {total} aktiviteter vist",
    )
    report_activity: Final[str] = _said("Activity", "Aktivitet")
    report_dept: Final[str] = _said("Admin.", "Forv.")
    report_notes_col: Final[str] = _said("Notes", "Noter")
    report_actual: Final[str] = _said(
        "Actual spend {year}: {amount}",
        "Faktisk forbrug {year}: {amount}",
    )
    report_actual_text: Final[str] = _said("Actual spend: {text}", "Faktisk forbrug: {text}")
    report_printed: Final[str] = _said("Printed: {text}", "Trykt: {text}")
    report_legend_adjustable: Final[str] = _said(
        "{mark} The amount may be adjusted (see the activity's note).",
        "{mark} Beløbet kan blive justeret (se aktivitetens note).",
    )
    report_legend_actual: Final[str] = _said(
        "{mark} Budget shown; the actual spend differs (see Notes).",
        "{mark} Budgettet er vist; det faktiske forbrug afviger (se noterne).",
    )
    report_legend_words: Final[str] = _said(
        "Words in italics are printed instead of a number; they are never counted as 0.",
        "Ord i kursiv er trykt i stedet for et tal; de tælles aldrig som 0.",
    )
    report_legend_empty: Final[str] = _said(
        "{dash} No amount printed.",
        "{dash} Intet beløb trykt.",
    )
    report_notes: Final[str] = _said("Notes from the source", "Noter fra kilden")
    report_heading_note: Final[str] = _said("Under the heading", "Under overskriften")
    report_footnote: Final[str] = _said("Footnote", "Fodnote")
    report_concerns: Final[str] = _said("Concerns: {ids}", "Vedrører: {ids}")
    report_concerns_all: Final[str] = _said(
        "Concerns all of the administration's activities.",
        "Vedrører alle forvaltningens aktiviteter.",
    )
    report_remarks: Final[str] = _said(
        "Transcribers' remarks",
        "Bemærkninger fra transskriptionen",
    )
    report_remarks_intro: Final[str] = _said(
        "Where the source was ambiguous, the transcribers' reasoning:",
        "Hvor kilden var tvetydig, sådan er den læst:",
    )
    report_remarks_none: Final[str] = _said(
        "No remarks on the activities in this selection.",
        "Ingen bemærkninger til aktiviteterne i udvalget.",
    )
    report_remarks_elsewhere: Final[str] = _said(
        "The transcribers' remarks ({count} activities) are in English.",
        "Transskriptionens bemærkninger om hvordan kilden er læst, er skrevet på engelsk og "
        "står derfor kun i den engelske udgave af rapporten ({count} aktiviteter har "
        "bemærkninger).",
    )
    report_no_activities: Final[str] = _said(
        "No activities match this selection.",
        "Ingen aktiviteter passer til udvalget.",
    )
    report_footer: Final[str] = _said(
        "Made with budgetcli {version}.",
        "Lavet med budgetcli {version}.",
    )
    report_filters: Final[str] = _said("Find activities", "Find aktiviteter")
    report_filter_department: Final[str] = _said("Administration", "Forvaltning")
    report_filter_section: Final[str] = _said("Section", "Afsnit")
    report_filter_funding: Final[str] = _said("Funding decision", "Bevillingsbeslutning")
    report_filter_year: Final[str] = _said("Year", "År")
    report_filter_any: Final[str] = _said("all", "alle")
    report_view_link: Final[str] = _said("Link to this view", "Link til denne visning")
    report_filter_show: Final[str] = _said("Show", "Vis")
    report_sum_shown: Final[str] = _said(
        "Sum of the {shown} activities shown",
        "Sum af de {shown} viste aktiviteter",
    )
    chart_unit: Final[str] = _said("Amounts in {unit}", "Beløb i {unit}")
    chart_no_amount: Final[str] = _said("– no amount", "– intet beløb")
    # --- a data file's problems, and what the exports say (issue 29, item 7) --------------
    problem_at: Final[str] = _said("{where}: {message}")
    problem_in_field: Final[str] = _said("{where}: {field}: {message}")
    err_internal: Final[str] = _said(
        "internal error: {kind}: {error} (set BUDGETCLI_DEBUG=1 for the traceback, and please "
        "report it)",
        "intern fejl: {kind}: {error} (sæt BUDGETCLI_DEBUG=1 for at se hele forløbet, og meld "
        "gerne fejlen)",
    )
    data_too_large: Final[str] = _said(
        "larger than {mib} MiB; is this the right file?",
        "større end {mib} MiB; er det den rigtige fil?",
    )
    data_is_directory: Final[str] = _said(
        "is a directory; name a YAML data file",
        "er en mappe; angiv en YAML-datafil",
    )
    data_no_file: Final[str] = _said(
        "no such file; check the path (without --data, budgetcli reads its bundled data)",
        "filen findes ikke; tjek stien (uden --data læser budgetcli sine medfølgende data)",
    )
    data_permission: Final[str] = _said(
        "permission denied; check the file's permissions",
        "adgang nægtet; tjek filens rettigheder",
    )
    data_cannot_read: Final[str] = _said("cannot read: {reason}", "kan ikke læses: {reason}")
    data_binary: Final[str] = _said(
        "looks like a binary file, not YAML text",
        "ligner en binær fil, ikke YAML-tekst",
    )
    data_not_utf8: Final[str] = _said(
        "not UTF-8 text; save the file as UTF-8",
        "ikke UTF-8-tekst; gem filen som UTF-8",
    )
    data_empty: Final[str] = _said(
        "the file is empty; expected a mapping with period, unit, departments and activities",
        "filen er tom; den skal indeholde period, unit, departments og activities",
    )
    reading_file: Final[str] = _said("Reading {name} ({mb} MB)", "Læser {name} ({mb} MB)")
    writing_file: Final[str] = _said("Writing {name}", "Skriver {name}")
    yaml_syntax: Final[str] = _said("YAML syntax: {problem}", "fejl i YAML-syntaksen: {problem}")
    yaml_python_tag: Final[str] = _said(
        "{problem} (tags that build Python objects are refused)",
        "{problem} (tags, der danner Python-objekter, afvises)",
    )
    yaml_alias: Final[str] = _said(
        "the value here is repeated through an alias (*name); aliases and anchors are not "
        "allowed in a data file: write each value out",
        "værdien her gentages via et alias (*navn); aliasser og ankre er ikke tilladt i en "
        "datafil: skriv hver værdi helt ud",
    )
    yaml_merge: Final[str] = _said(
        "merge keys (<<) are not allowed in a data file: write each value out",
        "flettenøgler (<<) er ikke tilladt i en datafil: skriv hver værdi helt ud",
    )
    yaml_key_twice: Final[str] = _said("found the key {name} twice", "nøglen {name} står to gange")
    yaml_key_collection: Final[str] = _said(
        "found a key that is a list or a mapping",
        "en nøgle er en liste eller en samling nøgler og værdier",
    )
    yaml_too_many: Final[str] = _said(
        "more than {limit} values (items, keys and texts) in a file of {size} characters; a "
        "data file holds far fewer: is this the right file?",
        "mere end {limit} værdier (elementer, nøgler og tekster) i en fil på {size} tegn; en "
        "datafil har langt færre: er det den rigtige fil?",
    )
    yaml_control: Final[str] = _said(
        "the control character {char} (column {column}) is not allowed in the file; only tab "
        "and newline may appear in text",
        "kontroltegnet {char} (kolonne {column}) er ikke tilladt i filen; kun tabulator og "
        "linjeskift må forekomme i tekst",
    )
    yaml_tagged: Final[str] = _said("{kind} tagged {tag}", "{kind} med tagget {tag}")
    yaml_cannot_be: Final[str] = _said(
        "{value} tagged {tag}, which it cannot be",
        "{value} med tagget {tag}, hvilket den ikke kan være",
    )
    yaml_not_a_date: Final[str] = _said(
        "{value}, which YAML reads as a date or time, but is none{reason}",
        "{value}, som YAML læser som en dato eller et klokkeslæt, men som ingen af delene "
        "er{reason}",
    )
    desc_scalar: Final[str] = _said("text", "tekst")
    desc_nothing: Final[str] = _said("nothing", "ingenting")
    desc_boolean: Final[str] = _said("the boolean {value}", "sandhedsværdien {value}")
    desc_mapping: Final[str] = _said("a mapping", "en samling nøgler og værdier")
    desc_list: Final[str] = _said("a list", "en liste")
    desc_text: Final[str] = _said("the text {value}", "teksten {value}")
    desc_number: Final[str] = _said("the number {value}", "tallet {value}")
    desc_other: Final[str] = _said("{kind} {value}")
    desc_long_number: Final[str] = _said(
        "{start}... (a number of {digits} digits)",
        "{start}... (et tal på {digits} cifre)",
    )
    what_top: Final[str] = _said("the document's top level", "dokumentets øverste niveau")
    what_period: Final[str] = _said(
        "'period' with 'first' and 'last'",
        "'period' med 'first' og 'last'",
    )
    what_department: Final[str] = _said("a department", "en forvaltning")
    what_note: Final[str] = _said("a note", "en note")
    what_activity: Final[str] = _said("an activity", "en aktivitet")
    what_cells: Final[str] = _said("{field}: year to amount", "{field}: år og beløb")
    what_years: Final[str] = _said("'adjustable': a list of years", "'adjustable': en liste af år")
    val_expected_mapping: Final[str] = _said(
        "expected {what} (a mapping), found {found}",
        "forventede {what} (nøgler og værdier), fandt {found}",
    )
    val_expected_list: Final[str] = _said(
        "expected {what} (a list), found {found}",
        "forventede {what} (en liste), fandt {found}",
    )
    val_missing: Final[str] = _said(
        "missing required field {field}",
        "det påkrævede felt {field} mangler",
    )
    val_missing_budget: Final[str] = _said(
        "missing required field 'budget' (use {{}} for an activity without amounts)",
        "det påkrævede felt 'budget' mangler (skriv {{}} for en aktivitet uden beløb)",
    )
    val_expected_text: Final[str] = _said(
        "expected text, found {found}{hint}",
        "forventede tekst, fandt {found}{hint}",
    )
    val_hint_quote: Final[str] = _said(
        " (quote it to use it as text)",
        " (sæt det i anførselstegn for at bruge det som tekst)",
    )
    val_too_long: Final[str] = _said(
        "text longer than {limit} characters",
        "teksten er længere end {limit} tegn",
    )
    val_empty: Final[str] = _said("must not be empty", "må ikke være tom")
    val_control_one: Final[str] = _said(
        "contains the control character {named}; only tab and newline may appear in text",
        "indeholder kontroltegnet {named}; kun tabulator og linjeskift må forekomme i tekst",
    )
    val_control_many: Final[str] = _said(
        "contains the control characters {named}; only tab and newline may appear in text",
        "indeholder kontroltegnene {named}; kun tabulator og linjeskift må forekomme i tekst",
    )
    val_invisible_one: Final[str] = _said(
        "contains the invisible character {named}; ids and codes must be visible",
        "indeholder det usynlige tegn {named}; id'er og koder skal være synlige",
    )
    val_invisible_many: Final[str] = _said(
        "contains the invisible characters {named}; ids and codes must be visible",
        "indeholder de usynlige tegn {named}; id'er og koder skal være synlige",
    )
    val_unknown_field: Final[str] = _said(
        "unknown field {field}; fields are {known}",
        "ukendt felt {field}; felterne er {known}",
    )
    val_not_within: Final[str] = _said(
        "{value} is not from {first} to {last}",
        "{value} ligger ikke mellem {first} og {last}",
    )
    val_far_too_large: Final[str] = _said(
        "{found} is far too large here",
        "{found} er alt for stort her",
    )
    val_expected_whole: Final[str] = _said(
        "expected a whole number, found {found}",
        "forventede et helt tal, fandt {found}",
    )
    val_expected_amount: Final[str] = _said(
        "expected an amount in mio. kr., found {found}{hint}",
        "forventede et beløb i mio. kr., fandt {found}{hint}",
    )
    val_hint_comma: Final[str] = _said(
        " (write amounts with a '.' decimal point)",
        " (skriv beløb med '.' som decimaltegn)",
    )
    val_hint_underscore: Final[str] = _said(
        " (write numbers without '_')",
        " (skriv tal uden '_')",
    )
    val_not_finite: Final[str] = _said(
        "amount must be a finite number, found {value}",
        "beløbet skal være et endeligt tal, fandt {value}",
    )
    val_negative: Final[str] = _said(
        "amount {value} is negative; budgets here are 0 or more mio. kr.",
        "beløbet {value} er negativt; budgetterne her er 0 mio. kr. eller mere",
    )
    val_out_of_range: Final[str] = _said(
        "amount {value} is out of range for mio. kr.",
        "beløbet {value} ligger uden for det mulige interval for mio. kr.",
    )
    val_decimals: Final[str] = _said(
        "amount {value} has more than {decimals} decimals (0.000001 mio. kr. is one krone, the "
        "smallest amount an export can write)",
        "beløbet {value} har mere end {decimals} decimaler (0,000001 mio. kr. er én krone, det "
        "mindste beløb en eksport kan skrive)",
    )
    val_year_spelled: Final[str] = _said(
        "year {year} is not written as a year; write four digits, like 2019",
        "året {year} er ikke skrevet som et år; skriv fire cifre, fx 2019",
    )
    val_year_outside: Final[str] = _said(
        "year {year} is outside the period {span}",
        "året {year} ligger uden for perioden {span}",
    )
    val_declared_period: Final[str] = _said("the declared period", "den angivne periode")
    val_period_range: Final[str] = _said(
        "period {first}-{last} is not a plausible range of years",
        "perioden {first}-{last} er ikke et sandsynligt årsinterval",
    )
    val_duplicate_code: Final[str] = _said(
        "duplicate department code {code}",
        "forvaltningskoden {code} står to gange",
    )
    val_fold_clash: Final[str] = _said(
        "{value} differs from {other} only in case or accents; lookups ignore those, so rename one",
        "{value} adskiller sig kun fra {other} ved store og små bogstaver eller accenter; "
        "opslag ser bort fra dem, så omdøb den ene",
    )
    val_section_twice: Final[str] = _said(
        "section {section} is listed twice",
        "afsnittet {section} står to gange",
    )
    val_duplicate_note: Final[str] = _said(
        "duplicate note id {id}",
        "note-id'et {id} står to gange",
    )
    val_unknown_kind: Final[str] = _said(
        "unknown kind {kind}; kinds are heading, footnote",
        "ukendt kind {kind}; mulige værdier er heading og footnote",
    )
    val_unknown_department: Final[str] = _said(
        "unknown department {code}; departments are {codes}",
        "ukendt forvaltning {code}; forvaltningerne er {codes}",
    )
    val_id_word: Final[str] = _said(
        "id {id} must be one word of at most {limit} characters, like welcome-house",
        "id'et {id} skal være ét ord på højst {limit} tegn, fx welcome-house",
    )
    val_duplicate_id: Final[str] = _said(
        "duplicate id {id} (first used by {first})",
        "id'et {id} står to gange (først brugt af {first})",
    )
    val_unknown_section: Final[str] = _said(
        "unknown section {section} for {department}; its sections are {known}",
        "ukendt afsnit {section} under {department}; forvaltningens afsnit er {known}",
    )
    val_no_note: Final[str] = _said("no note with id {id}", "ingen note med id'et {id}")
    val_note_twice: Final[str] = _said(
        "note {id} is listed twice",
        "noten {id} står to gange",
    )
    val_year_twice: Final[str] = _said(
        "year {year} is given twice",
        "året {year} er angivet to gange",
    )
    val_text_cell: Final[str] = _said(
        'a text cell is written {{text: "..."}} with non-empty text',
        'en tekstcelle skrives {{text: "..."}} med en tekst, der ikke er tom',
    )
    val_not_period_year: Final[str] = _said(
        "{found} is not a year of the period",
        "{found} er ikke et år i perioden",
    )
    val_year_listed_twice: Final[str] = _said(
        "year {year} is listed twice",
        "året {year} står to gange",
    )
    wb_is_directory: Final[str] = _said(
        "is a directory; name a workbook (.xlsx)",
        "er en mappe; angiv en projektmappe (.xlsx)",
    )
    wb_no_file: Final[str] = _said("no such file; check the path", "filen findes ikke; tjek stien")
    wb_not_xlsx: Final[str] = _said(
        "not an Excel workbook (.xlsx) as budgetcli export writes it{detail}",
        "ikke en Excel-projektmappe (.xlsx) af den slags, budgetcli export skriver{detail}",
    )
    wb_unreadable: Final[str] = _said(
        "not a readable Excel workbook (.xlsx): {kind}",
        "ikke en læsbar Excel-projektmappe (.xlsx): {kind}",
    )
    wb_too_wide: Final[str] = _said(
        "the sheet is {columns} columns wide; a budgetcli workbook has at most {width} (clear "
        "the columns to the right)",
        "arket er {columns} kolonner bredt; en projektmappe fra budgetcli har højst {width} "
        "(ryd kolonnerne til højre)",
    )
    wb_too_long: Final[str] = _said(
        "the sheet has more than {rows} rows; a budgetcli workbook has one row per activity "
        "(clear the rows below)",
        "arket har mere end {rows} rækker; en projektmappe fra budgetcli har én række pr. "
        "aktivitet (ryd rækkerne nedenunder)",
    )
    wb_far_value: Final[str] = _said(
        "a value past column {width}; a budgetcli workbook has at most {width} columns (clear "
        "the columns to the right)",
        "en værdi efter kolonne {width}; en projektmappe fra budgetcli har højst {width} "
        "kolonner (ryd kolonnerne til højre)",
    )
    wb_no_header: Final[str] = _said(
        "no header row with the columns {columns} in the first {rows} rows",
        "ingen overskriftsrække med kolonnerne {columns} i de første {rows} rækker",
    )
    wb_column_twice: Final[str] = _said(
        "the column {column} appears twice",
        "kolonnen {column} står to gange",
    )
    wb_unknown_column: Final[str] = _said("unknown column {column}", "ukendt kolonne {column}")
    wb_headless: Final[str] = _said(
        "a value in a column with no header; name the column or clear it",
        "en værdi i en kolonne uden overskrift; giv kolonnen en overskrift, eller ryd den",
    )
    wb_amount_and_words: Final[str] = _said(
        "{year} has both an amount and words; keep one of them",
        "{year} har både et beløb og ord; behold kun det ene",
    )
    wb_no_years: Final[str] = _said(
        "no year columns (2018, 2019, ...) in the header",
        "ingen årskolonner (2018, 2019, ...) i overskriftsrækken",
    )
    wb_formula: Final[str] = _said(
        "a formula ({formula}) with no saved value; type the value, or open and save the "
        "workbook in a spreadsheet program",
        "en formel ({formula}) uden gemt værdi; skriv værdien, eller åbn og gem projektmappen "
        "i et regnearksprogram",
    )
    wb_no_sheet: Final[str] = _said(
        "no sheet {sheet}; a budgetcli workbook has the sheets {sheets} (this one has {have})",
        "intet ark {sheet}; en projektmappe fra budgetcli har arkene {sheets} (denne har {have})",
    )
    dp_cannot_read_descriptor: Final[str] = _said(
        "cannot read the package descriptor: {reason}",
        "kan ikke læse pakkebeskrivelsen: {reason}",
    )
    dp_older: Final[str] = _said(
        "written by an older budgetcli ({profile}: kind 'text' where this one says 'words'); "
        "export it again from the data file",
        "skrevet af en ældre budgetcli ({profile}: kind 'text', hvor denne skriver 'words'); "
        "eksportér den igen fra datafilen",
    )
    dp_not_ours: Final[str] = _said(
        "not a budgetcli data package (no 'budgetcli.profile': {profile})",
        "ikke en datapakke fra budgetcli (intet 'budgetcli.profile': {profile})",
    )
    dp_disagrees: Final[str] = _said(
        "disagrees with the tables it is made from ({tables}); it is derived from them: edit "
        "those and export the package again",
        "stemmer ikke med de tabeller, den er dannet af ({tables}); ret dem, og eksportér "
        "pakken igen",
    )
    dp_not_number: Final[str] = _said("not a number: {value}", "ikke et tal: {value}")
    dp_not_whole: Final[str] = _said("not a whole number: {value}", "ikke et helt tal: {value}")
    dp_header: Final[str] = _said(
        "header is {header}, expected {expected}",
        "overskriften er {header}, forventede {expected}",
    )
    dp_cells: Final[str] = _said(
        "{count} cells, expected {expected}",
        "{count} celler, forventede {expected}",
    )
    dp_kroner: Final[str] = _said(
        "amount {amount} and amount_kr {kr} disagree",
        "amount {amount} og amount_kr {kr} stemmer ikke overens",
    )
    dp_unknown_activity: Final[str] = _said(
        "unknown activity {id}",
        "ukendt aktivitet {id}",
    )
    dp_unknown_kind: Final[str] = _said("unknown kind {kind}", "ukendt kind {kind}")
    dp_kind_disagrees: Final[str] = _said(
        "kind {kind} disagrees with the row",
        "kind {kind} stemmer ikke med rækken",
    )
    not_whole_kroner: Final[str] = _said(
        "amount {amount} mio. kr. is not a whole number of kroner (more than 6 decimals); it "
        "cannot be exported as amount_kr",
        "beløbet {amount} mio. kr. er ikke et helt antal kroner (mere end 6 decimaler); det kan "
        "ikke eksporteres som amount_kr",
    )
    of_activity: Final[str] = _said("{id}: {problem}")
    err_unit_from: Final[str] = _said(
        "--unit converts from {source}, but this data file's unit is {unit}",
        "--unit omregner fra {source}, men denne datafils enhed er {unit}",
    )
    journal_shared_account: Final[str] = _said(
        "activities {first} and {second} would share the hledger account {account}; give one "
        "of them another id",
        "aktiviteterne {first} og {second} ville dele hledger-kontoen {account}; giv en af dem "
        "et andet id",
    )
    sqlite_journal_left: Final[str] = _said(
        "wrote {path}, but cannot remove its old journal {sidecar}: {reason}; remove it before "
        "opening the database",
        "skrev {path}, men kan ikke fjerne dens gamle journal {sidecar}: {reason}; fjern den, "
        "før databasen åbnes",
    )
    sqlite_journal_input: Final[str] = _said(
        "refusing to write {path}: the export removes {sidecar} (the name of its journal), "
        "which is the data file being read; choose another name",
        "skriver ikke {path}: eksporten fjerner {sidecar} (navnet på dens journal), som er den "
        "datafil, der læses; vælg et andet navn",
    )
    sqlite_journal_not_file: Final[str] = _said(
        "cannot write {path}: {sidecar} (the name of its journal) is not a file; remove it or "
        "choose another name",
        "kan ikke skrive {path}: {sidecar} (navnet på dens journal) er ikke en fil; fjern den, "
        "eller vælg et andet navn",
    )
    sqlite_not_a_file: Final[str] = _said(
        "cannot write {path}: it is not a regular file, and a database is written only to a file",
        "kan ikke skrive {path}: det er ikke en almindelig fil, og en database skrives kun til "
        "en fil",
    )
    sqlite_not_sqlite: Final[str] = _said(
        "refusing to replace {path}: it exists and is not a SQLite database; remove it, choose "
        "another name, or add --force",
        "erstatter ikke {path}: filen findes og er ikke en SQLite-database; fjern den, vælg et "
        "andet navn, eller tilføj --force",
    )
    sqlite_foreign: Final[str] = _said(
        "refusing to replace {path}: it holds tables, views, indexes or triggers budgetcli did "
        "not create ({shown}); choose another name, or add --force",
        "erstatter ikke {path}: den indeholder tabeller, views, indeks eller triggere, som "
        "budgetcli ikke har oprettet ({shown}); vælg et andet navn, eller tilføj --force",
    )
    sqlite_unreadable: Final[str] = _said(
        "refusing to replace {path}: it cannot be read as a SQLite database ({error}); add "
        "--force to replace it anyway",
        "erstatter ikke {path}: den kan ikke læses som en SQLite-database ({error}); tilføj "
        "--force for at erstatte den alligevel",
    )
    err_output_taken: Final[str] = _said(
        "refusing to write {output}: it is {taken_by}; name another file",
        "skriver ikke {output}: det er {taken_by}; angiv en anden fil",
    )
    what_database_journal: Final[str] = _said(
        "the database {path} or its journal",
        "databasen {path} eller dens journal",
    )
    err_not_data_file: Final[str] = _said(
        "refusing to replace {output}: it is not a budgetcli data file; choose another name, "
        "or add --force",
        "erstatter ikke {output}: det er ikke en datafil fra budgetcli; vælg et andet navn, "
        "eller tilføj --force",
    )
    err_not_read_back: Final[str] = _said(
        "not writing {output}: the YAML would not read back the same",
        "skriver ikke {output}: YAML-teksten ville ikke give de samme data, når den læses igen",
    )
    err_workbook_scratch: Final[str] = _said(
        "cannot make the workbook: {reason}",
        "kan ikke danne projektmappen: {reason}",
    )
    err_encoding: Final[str] = _said(
        "this terminal's encoding ({encoding}) cannot show the Danish letters; set "
        "PYTHONIOENCODING=utf-8 or write a file with --output",
        "terminalens tegnsæt ({encoding}) kan ikke vise de danske bogstaver; sæt "
        "PYTHONIOENCODING=utf-8, eller skriv en fil med --output",
    )
    xlsx_cut: Final[str] = _said(
        "note: {count} texts longer than Excel's {limit} characters cut, ending in {mark} (json "
        "keeps every character)",
        "bemærk: {count} tekster længere end Excels {limit} tegn er afkortet og ender med {mark} "
        "(json beholder alle tegn)",
    )
    xlsx_cut_one: Final[str] = _said(
        "note: 1 text longer than Excel's {limit} characters cut, ending in {mark} (json keeps "
        "every character)",
        "bemærk: 1 tekst længere end Excels {limit} tegn er afkortet og ender med {mark} (json "
        "beholder alle tegn)",
    )
    err_stdout_gone: Final[str] = _said(
        "standard output is closed; nothing to write to",
        "standardoutput er lukket; der er intet at skrive til",
    )
    err_see_help: Final[str] = _said(
        "{message} (see '{where} --help')", "{message} (se '{where} --help')"
    )
    err_stdout_unwritable: Final[str] = _said(
        "cannot write to standard output: {reason}",
        "kan ikke skrive til standardoutput: {reason}",
    )


def _catalogues(messages: type) -> tuple[dict[str, str], dict[str, str]]:
    """The English and Danish catalogues, by key; each attribute of ``messages`` becomes its
    own key."""
    english: dict[str, str] = {}
    danish: dict[str, str] = {}
    for key, said in list(vars(messages).items()):
        if isinstance(said, _Said):
            english[key], danish[key] = str(said), said.da
            setattr(messages, key, key)
    return english, danish


EN, DA = _catalogues(Msg)


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

"""Check a parsed data document and normalise it to the plain form the model is built from.

The plain form holds only builtins (dicts, lists, str, int, None); amounts are decimal
strings. :func:`budgetcli.source.build.build_dataset` makes the model from it; the parse cache
then stores the model in its packed form (:mod:`budgetcli.source.packed`), so a cache hit skips
YAML, validation and building alike.

Every problem is collected in one pass, each with the path of the field it concerns;
the loader turns paths into line numbers only when there is something to report.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from budgetcli.controls import IN_DATA, code, invisible
from budgetcli.folding import fold, folds
from budgetcli.i18n import Msg, Text, text
from budgetcli.model import RECORD_FIELDS, TEXT_KEYS
from budgetcli.source import limits
from budgetcli.source.plain import Path_, Plain, Unreadable

# A number written with more digits than this is shown by its length, not quoted.
_SHOWN_DIGITS = 24

_ACTIVITY_TEXT_FIELDS = (*TEXT_KEYS, *RECORD_FIELDS)
_ACTIVITY_KEYS = frozenset(
    (
        "id",
        "department",
        "name",
        "budget",
        "actual",
        "adjustable",
        "notes",
        "remarks",
        *_ACTIVITY_TEXT_FIELDS,
    )
)
_NOTE_KINDS = ("heading", "footnote")
_TOP_KEYS = frozenset(("title", "source", "period", "unit", "departments", "notes", "activities"))
_DEPARTMENT_KEYS = frozenset(("code", "appendix", "name", "name_en", "title", "sections"))
_NOTE_KEYS = frozenset(("id", "department", "kind", "marker", "text", "links"))


class _Checker:
    def __init__(self) -> None:
        self.problems: list[tuple[Path_, Text]] = []

    def fail(self, path: Path_, message: Text) -> None:
        self.problems.append((path, message))

    def mapping(self, value: object, path: Path_, what: str | Text) -> dict[Any, Any] | None:
        if isinstance(value, dict):
            return value
        self.fail(path, text(Msg.val_expected_mapping, what=what, found=_describe(value)))
        return None

    def sequence(self, value: object, path: Path_, what: str | Text) -> list[Any] | None:
        if isinstance(value, list):
            return value
        self.fail(path, text(Msg.val_expected_list, what=what, found=_describe(value)))
        return None

    def records(
        self, value: object, section: str, what: Text, allowed: frozenset[str]
    ) -> Iterator[tuple[Path_, dict[Any, Any]]]:
        """Each mapping of a top-level list (``departments``, ``notes``, ``activities``) with
        its path, its keys checked; what is not a mapping is reported and passed over."""
        for index, raw in enumerate(self.sequence(value, (section,), f"'{section}'") or []):
            path: Path_ = (section, index)
            item = self.mapping(raw, path, what)
            if item is not None:
                self.known_keys(item, path, allowed)
                yield path, item

    def text(self, parent: dict[Any, Any], key: str, path: Path_, *, required: bool) -> str | None:
        if key not in parent or parent[key] is None:
            if required:
                self.fail(path, text(Msg.val_missing, field=repr(key)))
            return None
        value = parent[key]
        if isinstance(value, bool) or not isinstance(value, str | int):
            hint = text(Msg.val_hint_quote) if isinstance(value, Decimal) else ""
            self.fail((*path, key), text(Msg.val_expected_text, found=_describe(value), hint=hint))
            return None
        written = str(value)
        if len(written) > limits.MAX_TEXT:
            self.fail((*path, key), text(Msg.val_too_long, limit=limits.MAX_TEXT))
            return None
        if required and not written.strip():
            self.fail((*path, key), text(Msg.val_empty))
            return None
        return written if self.clean((*path, key), written) else None

    def clean(self, path: Path_, written: str) -> bool:
        """Whether ``written`` is free of control characters; if not, one problem names them."""
        found = IN_DATA.findall(written)
        if not found:
            return True
        codes = list(dict.fromkeys(code(c) for c in found))
        named: str | Text = ", ".join(codes[:3])
        if len(codes) > 3:
            named = text(Msg.with_more, text=named, more=text(Msg.and_more, count=len(codes) - 3))
        said = Msg.val_control_one if len(codes) == 1 else Msg.val_control_many
        self.fail(path, text(said, named=named))
        return False

    def identifier(self, parent: dict[Any, Any], key: str, path: Path_) -> str | None:
        """A required id or code: text with no invisible (format) character, which would
        make two that look alike, and two rows no reader could tell apart."""
        written = self.text(parent, key, path, required=True)
        found = invisible(written) if written is not None else []
        if found:
            named = ", ".join(code(c) for c in found[:3])
            said = Msg.val_invisible_one if len(found) == 1 else Msg.val_invisible_many
            self.fail((*path, key), text(said, named=named))
            return None
        return written

    def known_keys(self, item: dict[Any, Any], path: Path_, allowed: frozenset[str]) -> None:
        for key in item:
            if key not in allowed:
                valid = ", ".join(sorted(allowed))
                unknown = text(Msg.val_unknown_field, field=repr(str(key)[:40]), known=valid)
                self.fail((*path, str(key)), unknown)

    def integer(
        self, parent: dict[Any, Any], key: str, path: Path_, within: range | None = None
    ) -> int | None:
        value = parent.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            if within is None or value in within:
                return value
            shown = _show(Decimal(value))
            outside = text(Msg.val_not_within, value=shown, first=within.start, last=within[-1])
            self.fail((*path, key), outside)
            return None
        if key not in parent:
            self.fail(path, text(Msg.val_missing, field=repr(key)))
        elif isinstance(value, Decimal) and _is_huge(value):
            self.fail((*path, key), text(Msg.val_far_too_large, found=_describe(value)))
        else:
            self.fail((*path, key), text(Msg.val_expected_whole, found=_describe(value)))
        return None

    def texts(self, parent: dict[Any, Any], key: str, path: Path_) -> list[str]:
        value = parent.get(key)
        if value is None:
            return []
        items = self.sequence(value, (*path, key), f"{key!r}")
        if items is None:
            return []
        out = []
        for index, item in enumerate(items):
            where = (*path, key, index)
            if not isinstance(item, str):
                self.fail(where, text(Msg.val_expected_text, found=_describe(item), hint=""))
            elif not item.strip():
                # Every export writes an item as a required cell, which cannot be empty.
                self.fail(where, text(Msg.val_empty))
            elif len(item) > limits.MAX_TEXT:
                self.fail(where, text(Msg.val_too_long, limit=limits.MAX_TEXT))
            elif self.clean(where, item):
                out.append(item)
        return out

    def amount(self, value: object, path: Path_) -> str | None:
        """An exact decimal string, or None after reporting why ``value`` is not one."""
        if isinstance(value, int) and not isinstance(value, bool):
            value = Decimal(value)
        if not isinstance(value, Decimal):
            hint: str | Text = ""
            if isinstance(value, str) and "," in value:
                hint = text(Msg.val_hint_comma)
            elif isinstance(value, str) and "_" in value:
                hint = text(Msg.val_hint_underscore)
            wrong = text(Msg.val_expected_amount, found=_describe(value), hint=hint)
            self.fail(path, wrong)
            return None
        if not value.is_finite():
            self.fail(path, text(Msg.val_not_finite, value=str(value)))
            return None
        if value.is_signed():
            if not value.is_zero():
                self.fail(path, text(Msg.val_negative, value=_show(value)))
                return None
            value = value.copy_abs()  # -0 and -0.0 are 0: nothing negative about them
        # A comparison, never abs() or arithmetic: it needs no context, so 1.0e+9999999
        # cannot overflow into an exception.
        if value > limits.MAX_AMOUNT:
            self.fail(path, text(Msg.val_out_of_range, value=_show(value)))
            return None
        exponent = value.as_tuple().exponent
        assert isinstance(exponent, int)  # finite
        if -exponent > limits.MAX_DECIMALS:
            many = text(Msg.val_decimals, value=_show(value), decimals=limits.MAX_DECIMALS)
            self.fail(path, many)
            return None
        # Fixed-point always: str() would write 0.0000001 as 1E-7.
        return f"{value:f}"


def _is_huge(value: Decimal) -> bool:
    return value.is_finite() and value.adjusted() >= _SHOWN_DIGITS


def _show(value: Decimal) -> str | Text:
    """A number for a message: as written, or by its size when it is very long."""
    _, digits, exponent = value.as_tuple()
    plain = isinstance(exponent, int) and abs(exponent) <= _SHOWN_DIGITS
    written = f"{value:f}" if plain else str(value)  # 0.000000001, not 1E-9
    if len(digits) <= _SHOWN_DIGITS:
        return written
    return text(Msg.desc_long_number, start=written[:12], digits=len(digits))


def _describe(value: object) -> Text:
    if value is None:
        return text(Msg.desc_nothing)
    if isinstance(value, Unreadable):
        return value.described
    if isinstance(value, bool):
        return text(Msg.desc_boolean, value=value)
    if isinstance(value, dict):
        return text(Msg.desc_mapping)
    if isinstance(value, list):
        return text(Msg.desc_list)
    if isinstance(value, str):
        return text(Msg.desc_text, value=repr(value[:40]))
    if isinstance(value, Decimal):
        return text(Msg.desc_number, value=_show(value))
    if isinstance(value, int):
        return text(Msg.desc_number, value=str(value))
    return text(Msg.desc_other, kind=type(value).__name__, value=f"{value!s:.40}")


_YEAR = re.compile("[1-9][0-9]{3}")


def _year(key: object) -> int | None:
    """A year written as one: 2019 or "2019"; never +2019, 02019 or 2019.0, which YAML
    (or a reader) might take for the same year, so two cells could fold into one."""
    if isinstance(key, bool):
        return None
    if isinstance(key, int):
        return key
    if isinstance(key, str) and _YEAR.fullmatch(key):
        return int(key)
    return None


def _year_problem(raw: object, years: range | None) -> Text | None:
    """Why ``raw`` is no year of the period, or None if it is one."""
    year = _year(raw)
    if year is not None and (years is None or year in years):
        return None
    shown = repr(str(raw)[:20])
    if year is None and _SPELLED_NUMBER.fullmatch(str(raw)):
        return text(Msg.val_year_spelled, year=shown)
    span = f"{years.start}-{years.stop - 1}" if years else text(Msg.val_declared_period)
    return text(Msg.val_year_outside, year=shown, span=span)


# A key that is a number to some reader: +2019, 02019, 2019.0, 2_019.
_SPELLED_NUMBER = re.compile(r"\s*[-+]?[0-9_]+(\.[0-9]*)?\s*")


def validate(document: object) -> tuple[Plain | None, list[tuple[Path_, Text]]]:
    """Check ``document`` (as parsed from YAML); return its plain form and every problem."""
    check = _Checker()
    top = check.mapping(document, (), text(Msg.what_top))
    if top is None:
        return None, check.problems
    check.known_keys(top, (), _TOP_KEYS)

    period = check.mapping(top.get("period"), ("period",), text(Msg.what_period))
    first = last = None
    if period is not None:
        first = check.integer(period, "first", ("period",))
        last = check.integer(period, "last", ("period",))
        if (
            first is not None
            and last is not None
            and not (first <= last and first in limits.YEARS and last in limits.YEARS)
        ):
            check.fail(("period",), text(Msg.val_period_range, first=first, last=last))
            first = last = None
    years = range(first, last + 1) if first is not None and last is not None else None

    plain: Plain = {
        "first_year": first,
        "last_year": last,
        "unit": check.text(top, "unit", (), required=True),
        "title": check.text(top, "title", (), required=False) or "",
        "source": check.text(top, "source", (), required=False) or "",
    }
    departments = _departments(check, top.get("departments"))
    plain["departments"] = departments
    codes = {d["code"]: d for d in departments}
    plain["notes"] = notes = _notes(check, top.get("notes"), codes)
    note_ids = {n["id"] for n in notes}
    plain["activities"] = _activities(check, top.get("activities"), codes, note_ids, years)
    return (plain if not check.problems else None), check.problems


def _departments(check: _Checker, value: object) -> list[Plain]:
    out: list[Plain] = []
    seen: set[str] = set()
    folded: dict[str, str] = {}
    what = text(Msg.what_department)
    for path, item in check.records(value, "departments", what, _DEPARTMENT_KEYS):
        code = check.identifier(item, "code", path)
        appendix = check.integer(item, "appendix", path, limits.APPENDIX)
        name = check.text(item, "name", path, required=True)
        if code in seen:
            check.fail((*path, "code"), text(Msg.val_duplicate_code, code=repr(code)))
            continue
        if code is not None and not _fold_unique(check, (*path, "code"), code, folds(code), folded):
            continue
        if code is None or appendix is None or name is None:
            continue
        seen.add(code)
        out.append(
            {
                "code": code,
                "appendix": appendix,
                "name": name,
                "name_en": check.text(item, "name_en", path, required=False) or name,
                "title": check.text(item, "title", path, required=False) or name,
                "sections": _unique_sections(check, item, path),
            }
        )
    return out


def _fold_unique(
    check: _Checker, path: Path_, value: str, forms: frozenset[str], folded: dict[str, str]
) -> bool:
    """Record ``value``'s folded forms; False after a problem if another value shares one.

    Lookups forgive case, accents and ø/oe (``okf`` finds ``ØKF``), so two values that fold
    alike (``BOF`` and ``BØF``, ``straße`` and ``strasse``) could not be told apart by them.
    """
    for form in forms:
        other = folded.get(form)
        if other is not None and other != value:
            check.fail(
                path, text(Msg.val_fold_clash, value=repr(value[:40]), other=repr(other[:40]))
            )
            return False
    for form in forms:
        folded.setdefault(form, value)
    return True


def _unique_sections(check: _Checker, item: dict[Any, Any], path: Path_) -> list[str]:
    sections = check.texts(item, "sections", path)
    folded: dict[str, str] = {}
    for index, section in enumerate(sections):
        if section in sections[:index]:
            twice = text(Msg.val_section_twice, section=repr(section))
            check.fail((*path, "sections", index), twice)
        else:
            _fold_unique(check, (*path, "sections", index), section, folds(section), folded)
    return list(dict.fromkeys(sections))


def _notes(check: _Checker, value: object, codes: dict[str, Plain]) -> list[Plain]:
    if value is None:
        return []
    out: list[Plain] = []
    seen: set[str] = set()
    for path, item in check.records(value, "notes", text(Msg.what_note), _NOTE_KEYS):
        note_id = check.identifier(item, "id", path)
        department = check.text(item, "department", path, required=True)
        kind = check.text(item, "kind", path, required=True)
        words = check.text(item, "text", path, required=True)
        if note_id in seen:
            check.fail((*path, "id"), text(Msg.val_duplicate_note, id=repr(note_id)))
        if department is not None and department not in codes:
            check.fail((*path, "department"), _unknown_department(department, codes))
        if kind is not None and kind not in _NOTE_KINDS:
            check.fail((*path, "kind"), text(Msg.val_unknown_kind, kind=repr(kind)))
        if note_id is None or department is None or kind is None or words is None:
            continue
        seen.add(note_id)
        out.append(
            {
                "id": note_id,
                "department": department,
                "kind": kind,
                "text": words,
                "marker": check.text(item, "marker", path, required=False),
                "links": check.texts(item, "links", path),
            }
        )
    return out


def _unknown_department(code: str, codes: dict[str, Plain]) -> Text:
    known = ", ".join(codes) or text(Msg.none)
    return text(Msg.val_unknown_department, code=repr(code), codes=known)


def _activities(
    check: _Checker,
    value: object,
    codes: dict[str, Plain],
    note_ids: set[str],
    years: range | None,
) -> list[Plain]:
    out: list[Plain] = []
    seen: dict[str, Path_] = {}
    folded: dict[str, str] = {}
    for path, item in check.records(value, "activities", text(Msg.what_activity), _ACTIVITY_KEYS):
        activity_id = check.identifier(item, "id", path)
        if activity_id is not None and (
            len(activity_id.split()) != 1 or len(activity_id) > limits.MAX_ID
        ):
            check.fail(
                (*path, "id"),
                text(Msg.val_id_word, id=repr(activity_id[:40]), limit=limits.MAX_ID),
            )
            activity_id = None
        department = check.text(item, "department", path, required=True)
        name = check.text(item, "name", path, required=True)
        if activity_id is not None:
            if activity_id in seen:
                first = seen[activity_id][1]
                check.fail(
                    (*path, "id"),
                    text(Msg.val_duplicate_id, id=repr(activity_id), first=f"activities[{first}]"),
                )
            else:
                # Ids are looked up by their plain fold only (show welcome-house).
                _fold_unique(
                    check, (*path, "id"), activity_id, frozenset((fold(activity_id),)), folded
                )
            seen.setdefault(activity_id, path)
        if department is not None and department not in codes:
            check.fail((*path, "department"), _unknown_department(department, codes))
        section = check.text(item, "section", path, required=False)
        if section is not None and department in codes:
            sections = codes[department]["sections"]
            if section not in sections:
                valid = ", ".join(sections) if sections else text(Msg.none)
                check.fail(
                    (*path, "section"),
                    text(
                        Msg.val_unknown_section,
                        section=repr(section),
                        department=department,
                        known=valid,
                    ),
                )
        plain: Plain = {"id": activity_id, "department": department, "name": name}
        for key in _ACTIVITY_TEXT_FIELDS:
            plain[key] = check.text(item, key, path, required=False)
        plain["budget"] = _cells(check, item, "budget", path, years, allow_text=True)
        plain["actual"] = _cells(check, item, "actual", path, years, allow_text=False)
        plain["adjustable"] = _years_list(check, item, path, years)
        plain["notes"] = _activity_notes(check, item, path, note_ids)
        plain["remarks"] = check.texts(item, "remarks", path)
        out.append(plain)
    return out


def _activity_notes(
    check: _Checker, item: dict[Any, Any], path: Path_, note_ids: set[str]
) -> list[str]:
    notes = check.texts(item, "notes", path)
    for index, note_id in enumerate(notes):
        if note_id not in note_ids:
            check.fail((*path, "notes", index), text(Msg.val_no_note, id=repr(note_id)))
        elif note_id in notes[:index]:
            # One row per activity and note in every export (a primary key in SQLite).
            check.fail((*path, "notes", index), text(Msg.val_note_twice, id=repr(note_id)))
    return notes


def _cells(
    check: _Checker,
    item: dict[Any, Any],
    key: str,
    path: Path_,
    years: range | None,
    *,
    allow_text: bool,
) -> dict[int, tuple[str, str]]:
    """Year cells as ``{year: ("n", "1.46") | ("t", "Driftsbudget")}``; empty cells left out."""
    if item.get(key) is None:
        if key == "budget" and key not in item:
            check.fail(path, text(Msg.val_missing_budget))
        return {}
    cells = check.mapping(item[key], (*path, key), text(Msg.what_cells, field=repr(key)))
    out: dict[int, tuple[str, str]] = {}
    seen: set[int] = set()
    for raw_year, value in (cells or {}).items():
        cell_path: Path_ = (*path, key, str(raw_year))
        problem = _year_problem(raw_year, years)
        if problem is not None:
            check.fail(cell_path, problem)
            continue
        year = _year(raw_year)
        assert year is not None
        if year in seen:
            # 2019 and "2019" are two keys to YAML, one year here: never keep one silently.
            check.fail(cell_path, text(Msg.val_year_twice, year=year))
            continue
        seen.add(year)
        if value is None:
            continue
        if isinstance(value, dict) and allow_text:
            words = value.get("text")
            if set(value) != {"text"} or not isinstance(words, str) or not words.strip():
                check.fail(cell_path, text(Msg.val_text_cell))
                continue
            if not check.clean((*cell_path, "text"), words):
                continue
            out[year] = ("t", words)
            continue
        amount = check.amount(value, cell_path)
        if amount is not None:
            out[year] = ("n", amount)
    return out


def _years_list(
    check: _Checker, item: dict[Any, Any], path: Path_, years: range | None
) -> list[int]:
    value = item.get("adjustable")
    if value is None:
        return []
    entries = check.sequence(value, (*path, "adjustable"), text(Msg.what_years))
    out = []
    for index, raw in enumerate(entries or []):
        year = _year(raw)
        if year is None or (years is not None and year not in years):
            check.fail(
                (*path, "adjustable", index), text(Msg.val_not_period_year, found=_describe(raw))
            )
        elif year in out:
            check.fail((*path, "adjustable", index), text(Msg.val_year_listed_twice, year=year))
        else:
            out.append(year)
    return out

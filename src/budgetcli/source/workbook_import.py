"""Read the workbook ``budgetcli export FILE.xlsx`` writes back into a data document.

The workbook is turned into the very document a YAML data file parses to, and checked by
:func:`budgetcli.source.validate.validate`, the rules ``budgetcli validate`` applies: there is one
validator. What differs is only where a problem is said to be: a sheet and a cell
(``activities!J12``) instead of a line.

Sheets are found by name and columns by their header, the machine keys the export writes
(``id``, ``2020``, ``2020 text``, ``actual 2020``...), wherever the header row sits (a
title above it is skipped) and in whatever order the columns come. :data:`_COLUMNS` is the
one place that says which column holds which field.

A spreadsheet stores amounts as binary floats: ``0.090`` comes back as ``0.09``. The digits
are restored from the float's shortest form, and from the cell's number format where it shows
more decimals (the export gives such amounts a format of their own decimals), so every amount
reads back exactly as it was written.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from budgetcli.errors import DatasetError, Problem
from budgetcli.files import is_stream
from budgetcli.i18n import DA, EN, ENGLISH, Msg, Text, text
from budgetcli.model import RECORD_FIELDS, TEXT_KEYS, Dataset
from budgetcli.source import limits, loader
from budgetcli.source.plain import Path_, Plain
from budgetcli.source.validate import validate

SHEETS = ("activities", "notes", "departments", "about")
"""The sheets an export has; each is needed to rebuild the data."""
_ABOUT_NAMES = (EN[Msg.about_sheet], DA[Msg.about_sheet])
# The 'about' sheet's facts, by their label in either language: label -> document key.
_ABOUT_FACTS = {
    table[msg]: key
    for table in (EN, DA)
    for msg, key in ((Msg.about_dataset, "title"), (Msg.about_source, "source"))
} | {table[Msg.about_unit]: "unit" for table in (EN, DA)}
# How far down a sheet its header row may sit (title rows above it are skipped).
_HEADER_SEARCH_ROWS = 12
_YEAR = re.compile(r"(?:(actual) )?(\d{4})(?: (text))?")
_NUMBER_FORMAT_DECIMALS = re.compile(r"0\.(0+)(?![0-9#])")


# --- which column holds which field: the one declaration ---------------------------------

Reader = Callable[[object], object]


def _text(value: object) -> object:
    """A text field: what the cell holds, as text (a spreadsheet may make "2019" a number)."""
    if isinstance(value, bool):
        return value  # validation names it: expected text, found the boolean True
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _list(separator: str, *, years: bool = False) -> Reader:
    """Items joined by ``separator`` in one cell: years (``2018, 2019``), or texts."""

    def read(value: object) -> object:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return [_integer(value) if years else _text(value)]
        items = str(value).split(separator)
        if years or separator == ",":  # ids and years: the spaces around a comma are layout
            items = [item.strip() for item in items]
        kept = [item for item in items if item.strip()]
        return [_whole_text(item) if years else item for item in kept] or None

    return read


def _integer(value: object) -> object:
    """A whole number as an int; anything else as it is (a fraction as its text), for
    validation to name."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return int(value) if isinstance(value, int) or value.is_integer() else repr(value)


class _Sheet(NamedTuple):
    required: tuple[str, ...]
    """Headers that identify the header row (and must be there)."""
    fields: dict[str, tuple[str, Reader]]
    """Header -> (document key, how the cell is read)."""
    ignored: tuple[str, ...] = ()
    """Headers the export writes for readers that the data derives (an activity's appendix)."""


_COLUMNS: dict[str, _Sheet] = {
    "activities": _Sheet(
        ("id", "department", "name"),
        {
            **{key: (key, _text) for key in ("id", "department", "name", *TEXT_KEYS)},
            **{key: (key, _text) for key in RECORD_FIELDS},
            "adjustable years": ("adjustable", _list(",", years=True)),
            "notes": ("notes", _list(",")),
            "remarks": ("remarks", _list("\n")),
        },
        ignored=("appendix",),
        # The year columns ('2020', '2020 text', 'actual 2020') are matched by _YEAR.
    ),
    "notes": _Sheet(
        ("id", "department", "kind", "text"),
        {
            **{key: (key, _text) for key in ("id", "department", "kind", "marker", "text")},
            "links": ("links", _list("\n")),
        },
    ),
    "departments": _Sheet(
        ("code", "name"),
        {
            **{key: (key, _text) for key in ("code", "name", "name_en", "title")},
            "appendix": ("appendix", _integer),
            "sections": ("sections", _list("\n")),
        },
    ),
}


# --- numbers -------------------------------------------------------------------------------


def _whole_text(text: str) -> object:
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 6 else text


def _amount(value: object, number_format: str | None) -> object:
    """A cell's amount as a Decimal with its written digits; anything else as it is, for
    validation to name (a text, a boolean)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value.strip() or None if isinstance(value, str) else value
    if isinstance(value, float) and not value.is_integer():
        amount = Decimal(repr(value))  # the shortest form that reads back as this float
    else:
        amount = Decimal(int(value))
    shown = _NUMBER_FORMAT_DECIMALS.search(number_format or "")
    exponent = amount.as_tuple().exponent
    # Trailing zeros the float cannot keep (0.090), shown by the cell's own format; never
    # more than an amount may have: 3.3 shown as 3.3000000 is still the value 3.3.
    decimals = min(len(shown.group(1)), limits.MAX_DECIMALS) if shown else 0
    if isinstance(exponent, int) and decimals > -exponent:
        amount = amount.quantize(Decimal(1).scaleb(-decimals))
    return amount


# --- reading -------------------------------------------------------------------------------


class _Cell(NamedTuple):
    value: object
    number_format: str | None


_EMPTY = _Cell(None, None)


class _Rows(NamedTuple):
    header_row: int
    header: dict[int, str]
    """Column index (0-based) -> header key."""
    rows: list[tuple[int, dict[int, _Cell]]]
    """(row number, cells by column index) for every row below the header that holds
    something."""


def _coordinate(sheet: str, column: int, row: int) -> str:
    from openpyxl.utils import get_column_letter

    return f"{sheet}!{get_column_letter(column + 1)}{row}"


class _Book:
    """The document being built and, for each of its fields, the cell it came from."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cells: dict[Path_, str] = {}
        self.problems: list[Problem] = []

    def fail(self, where: str, message: Text) -> None:
        self.problems.append(Problem(self.path, None, where, message))

    def where(self, path: Path_, message: Text) -> str:
        """The cell a validation problem concerns: the field's own, else its row's."""
        if message.msg == Msg.val_missing:
            key = str(dict(message.values)["field"]).strip("'")
            if (*path, key) in self.cells:
                return self.cells[(*path, key)]
        for end in range(len(path), 0, -1):
            found = self.cells.get(path[:end])
            if found is not None:
                return found
        return f"{path[0]}!A1" if path and isinstance(path[0], str) else "about!A1"

    def explain(self, message: Text) -> Text:
        """validate's ``activities[3]`` as the row it is in the workbook."""

        def cell(value: object) -> object:
            if isinstance(value, Text):
                return self.explain(value)
            if not isinstance(value, str):
                return value
            return re.sub(
                r"activities\[(\d+)\]",
                lambda m: self.cells.get(("activities", int(m.group(1))), m.group()),
                value,
            )

        return Text(message.msg, tuple((k, cell(v)) for k, v in message.values))


def _open(path: Path, data: bytes | None, *, saved_values: bool) -> Any:
    """The workbook in ``path`` (or in ``data``, the bytes of a stream read once)."""
    import io
    import zipfile

    from openpyxl import load_workbook

    handle: Any
    if data is not None:
        handle = io.BytesIO(data)
    else:
        try:
            if path.is_dir():
                raise loader.failure(path, text(Msg.wb_is_directory))
            handle = path.open("rb")
        except FileNotFoundError:
            raise loader.failure(path, text(Msg.wb_no_file)) from None
        except OSError as error:
            raise loader.failure(
                path, text(Msg.data_cannot_read, reason=error.strerror or error)
            ) from None
    try:
        # A file object, not the path: openpyxl would refuse by extension alone.
        return load_workbook(handle, read_only=True, data_only=saved_values)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError) as error:
        handle.close()
        detail = f" ({error})" if isinstance(error, KeyError) else ""
        raise loader.failure(path, text(Msg.wb_not_xlsx, detail=detail)) from None
    except Exception as error:  # openpyxl raises its own kinds for damaged parts
        handle.close()
        raise loader.failure(path, text(Msg.wb_unreadable, kind=type(error).__name__)) from None


class SheetTooLargeError(Exception):
    """A sheet past the bounds of :mod:`budgetcli.source.limits`; said as one problem."""

    def __init__(self, where: str, message: Text) -> None:
        super().__init__(ENGLISH.text(message))
        self.where = where
        self.message = message


class _Formulas:
    """The cells that hold a formula, found on a first reading of the formulas; read again
    for their saved values, a formula with none (a workbook written by a script) is named."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, int, int], str] = {}
        self.unsaved: list[tuple[str, str]] = []
        self.saved = False
        """Whether this reading is of the saved values (the second)."""


def _cells(sheet: Any, name: str, formulas: _Formulas) -> Iterator[tuple[int, dict[int, _Cell]]]:
    """Each row's cells that hold something, by column index (0-based).

    Only :data:`~budgetcli.source.limits.MAX_SHEET_COLUMNS` columns are read (openpyxl pads
    every row to the widest one: one value in column XFD made 16,384 cells of each row), and
    a sheet past the bounds is refused."""
    width = limits.MAX_SHEET_COLUMNS
    declared = sheet.max_column  # the sheet's recorded size, where it has one
    if isinstance(declared, int) and declared > width:
        raise SheetTooLargeError(
            _coordinate(name, declared - 1, 1),
            text(Msg.wb_too_wide, columns=Decimal(declared), width=width),
        )
    # Spreadsheet programs do not always record a sheet's size correctly: read every row.
    sheet.reset_dimensions()
    _refuse_far_values(sheet, name, width)
    for number, row in enumerate(sheet.iter_rows(max_col=width + 1), start=1):
        if number > limits.MAX_SHEET_ROWS:
            raise SheetTooLargeError(
                f"{name}!{number}",
                text(Msg.wb_too_long, rows=Decimal(limits.MAX_SHEET_ROWS)),
            )
        cells: dict[int, _Cell] = {}
        for index, c in enumerate(row):
            value = getattr(c, "value", None)
            if value is None:
                formula = formulas.found.get((name, number, index)) if formulas.saved else None
                if formula is not None:
                    formulas.unsaved.append((_coordinate(name, index, number), formula))
                continue
            if index == width:
                raise SheetTooLargeError(
                    _coordinate(name, index, number), text(Msg.wb_far_value, width=width)
                )
            if not formulas.saved and getattr(c, "data_type", None) == "f":
                formulas.found[(name, number, index)] = str(getattr(value, "text", value))
            cells[index] = _Cell(value, getattr(c, "number_format", None))
        yield number, cells


def _refuse_far_values(sheet: Any, name: str, width: int) -> None:
    """Have the sheet refuse a row with a value past ``width`` columns, before it pads the
    row: a sheet that records no size (budgetcli's own export, many scripts) is bounded
    by its cells alone. openpyxl's read-only sheet hands each row's parsed cells to
    ``_get_row``, which cuts them to the columns asked for; where a later openpyxl has no
    such step, the columns read are bounded all the same, and only this check is lost."""
    cut = getattr(sheet, "_get_row", None)
    if cut is None:  # pragma: no cover - another openpyxl
        return

    def checked(row: Any, *args: Any, **kwargs: Any) -> Any:
        for cell in row:
            far = isinstance(cell, dict) and cell.get("column", 0) > width
            if far and cell.get("value") is not None:
                raise SheetTooLargeError(
                    _coordinate(name, cell["column"] - 1, cell.get("row", 0)),
                    text(Msg.wb_far_value, width=width),
                )
        return cut(row, *args, **kwargs)

    sheet._get_row = checked


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _rows(
    book: _Book, name: str, sheet: Any, required: Sequence[str], formulas: _Formulas
) -> _Rows | None:
    """The sheet's header (the first row with every required key) and the rows under it."""
    header_row = 0
    header: dict[int, str] = {}
    rows: list[tuple[int, dict[int, _Cell]]] = []
    for number, cells in _cells(sheet, name, formulas):
        if not header_row:
            keys = {i: str(c.value).strip() for i, c in cells.items() if not _blank(c.value)}
            if set(required) <= set(keys.values()):
                header_row, header = number, keys
            elif number >= _HEADER_SEARCH_ROWS:
                break
            continue
        if any(not _blank(c.value) for c in cells.values()):
            rows.append((number, cells))
    if not header_row:
        columns = ", ".join(required)
        book.fail(f"{name}!1", text(Msg.wb_no_header, columns=columns, rows=_HEADER_SEARCH_ROWS))
        return None
    return _Rows(header_row, header, rows)


def _items(
    book: _Book, name: str, table: _Rows, item_of: Callable[[str], Callable[..., None] | None]
) -> list[dict[str, Any]]:
    """One document item per row; ``item_of(header)`` says how a column fills an item."""
    readers: dict[int, Callable[..., None]] = {}
    seen: dict[str, int] = {}
    for index, key in table.header.items():
        where = _coordinate(name, index, table.header_row)
        if key in seen:
            book.fail(where, text(Msg.wb_column_twice, column=repr(key)))
            continue
        seen[key] = index
        reader = item_of(key)
        if reader is None:
            book.fail(where, text(Msg.wb_unknown_column, column=repr(key[:40])))
        else:
            readers[index] = reader
    items = []
    headless: dict[int, str] = {}
    for position, (number, cells) in enumerate(table.rows):
        item: dict[str, Any] = {}
        book.cells[(name, position)] = _coordinate(name, 0, number)
        # Every column is read, empty or not (a row's empty cells past its last value are not
        # stored at all): an activity with no amounts has a budget, ``{}``.
        for index, reader in readers.items():
            where = _coordinate(name, index, number)
            reader(item, cells.get(index, _EMPTY), (name, position), where)
        for index, cell in cells.items():
            if index not in table.header and not _blank(cell.value):
                headless.setdefault(index, _coordinate(name, index, number))
        items.append(item)
    for where in headless.values():
        # Said once per column: what it holds would be lost without a header to name it.
        book.fail(where, text(Msg.wb_headless))
    return items


def _field(book: _Book, key: str, read: Reader) -> Callable[..., None]:
    def fill(item: dict[str, Any], cell: _Cell, path: Path_, where: str) -> None:
        book.cells[(*path, key)] = where
        value = read(cell.value)
        if value is None:
            return
        item[key] = value
        if isinstance(value, list):
            for index in range(len(value)):
                book.cells[(*path, key, index)] = where

    return fill


def _year_cell(book: _Book, actual: bool, year: int, words: bool) -> Callable[..., None]:
    key = "actual" if actual else "budget"

    def fill(item: dict[str, Any], cell: _Cell, path: Path_, where: str) -> None:
        cells = item.setdefault(key, {})
        value = cell.value
        if words:
            value = None if _blank(value) else {"text": _text(value)}
        else:
            value = _amount(value, cell.number_format)
        if value is None:
            return
        if year in cells:
            book.fail(where, text(Msg.wb_amount_and_words, year=year))
            return
        cells[year] = value
        book.cells[(*path, key, str(year))] = where

    return fill


def _activity_columns(book: _Book, years: set[int]) -> Callable[[str], Callable[..., None] | None]:
    spec = _COLUMNS["activities"]

    def item_of(header: str) -> Callable[..., None] | None:
        year = _YEAR.fullmatch(header)
        if year is not None and not (year.group(1) and year.group(3)):
            years.add(int(year.group(2)))
            return _year_cell(book, bool(year.group(1)), int(year.group(2)), bool(year.group(3)))
        return _plain_columns(book, spec)(header)

    return item_of


def _plain_columns(book: _Book, spec: _Sheet) -> Callable[[str], Callable[..., None] | None]:
    def item_of(header: str) -> Callable[..., None] | None:
        if header in spec.ignored:
            return lambda *_: None
        field = spec.fields.get(header)
        return None if field is None else _field(book, *field)

    return item_of


def _about(book: _Book, workbook: Any, document: dict[str, Any], formulas: _Formulas) -> None:
    name = next(n for n in workbook.sheetnames if n in _ABOUT_NAMES)
    for number, cells in _cells(workbook[name], name, formulas):
        label = cells.get(0)
        if label is None or _blank(label.value):
            continue
        key = _ABOUT_FACTS.get(str(label.value).strip())
        value = cells.get(1)
        if key is not None and key not in document and value is not None:
            book.cells[(key,)] = _coordinate(name, 1, number)
            document[key] = _text(value.value)


def read_document(path: Path, data: bytes | None = None) -> tuple[dict[str, Any], _Book]:
    """The workbook as a data document, and where each of its fields came from; raises
    DatasetError for a file that is not a workbook, lacks a sheet, or has a bad layout.

    The workbook is read with its formulas; only if it has any is it read again for their
    saved values (a spreadsheet program saves each formula's value; a script need not, and
    openpyxl then reads the cell as empty: such a cell is named, never taken for empty)."""
    formulas = _Formulas()
    document, book = _read(path, data, formulas)
    if formulas.found:
        formulas.saved = True
        document, book = _read(path, data, formulas)
        for where, formula in formulas.unsaved:
            book.fail(where, text(Msg.wb_formula, formula=formula[:40]))
    if book.problems:
        raise DatasetError(book.problems)
    return document, book


def _read(path: Path, data: bytes | None, formulas: _Formulas) -> tuple[dict[str, Any], _Book]:
    workbook = _open(path, data, saved_values=formulas.saved)
    book = _Book(path)
    try:
        missing = [
            s
            for s in SHEETS
            if not (
                s in workbook.sheetnames
                or (s == "about" and set(_ABOUT_NAMES) & set(workbook.sheetnames))
            )
        ]
        if missing:
            have = ", ".join(workbook.sheetnames) or text(Msg.none)
            sheets = ", ".join(SHEETS)
            said = text(Msg.wb_no_sheet, sheet=repr(missing[0]), sheets=sheets, have=have)
            raise loader.failure(path, said)
        document: dict[str, Any] = {}
        _about(book, workbook, document, formulas)
        years: set[int] = set()
        for name in ("departments", "notes", "activities"):
            spec = _COLUMNS[name]
            table = _rows(book, name, workbook[name], spec.required, formulas)
            if table is None:
                continue
            item_of = _plain_columns(book, spec)
            if name == "activities":
                where = book.cells[("period",)] = _coordinate(name, 0, table.header_row)
                if not any(_YEAR.fullmatch(k) for k in table.header.values()):
                    book.fail(where, text(Msg.wb_no_years))
                item_of = _activity_columns(book, years)
            document[name] = _items(book, name, table, item_of)
        if years:
            document["period"] = {"first": min(years), "last": max(years)}
    except SheetTooLargeError as error:
        raise loader.failure(path, error.message, where=error.where) from None
    finally:
        workbook.close()
    return document, book


def read_plain(path: Path, data: bytes | None = None) -> Plain:
    """The workbook checked by validate's rules: its plain form, or DatasetError naming every
    bad cell by sheet and cell. A stream (``import /dev/stdin``) is read once, into memory."""
    document, book = read_document(path, data if data is not None else _stream(path))
    plain, problems = validate(document)
    if problems:
        raise DatasetError(
            [
                Problem(path, None, book.where(field, message), book.explain(message))
                for field, message in problems
            ]
        )
    assert plain is not None
    return plain


_ZIP = b"PK\x03\x04"


def is_workbook(path: Path) -> bool:
    """Whether ``path`` names a workbook (by its extension, else by its first bytes). Only
    for a file that can be read twice: a stream is sniffed by :func:`read_checked`."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return True
    try:
        with path.open("rb") as handle:
            return handle.read(4) == _ZIP
    except OSError:
        return False


def _stream(path: Path) -> bytes | None:
    """The bytes of ``path`` if it is a stream (a pipe, ``/dev/stdin``, ``<(...)``): read
    once, within the size limit, so that sniffing it consumes nothing; else None (for a
    file missing or unreadable too: the reader says which)."""
    return loader.read_bytes(path) if is_stream(path) else None


def read_checked(path: Path) -> Plain:
    """A data file of either kind, YAML or a workbook, checked: its plain form, or
    DatasetError naming every problem (by line, or by sheet and cell)."""
    return _checked(path, _stream(path))


def _checked(path: Path, data: bytes | None) -> Plain:
    if data is None and not is_workbook(path):
        data = loader.read_bytes(path)
    if data is None or data.startswith(_ZIP):
        return read_plain(path, data)
    return loader.parse_and_check(path, data)


def read_dataset(path: Path, *, use_cache: bool = True) -> Dataset:
    """A data file of either kind, YAML or a workbook, as the model."""
    from budgetcli.source.build import build_dataset

    data = _stream(path)
    if data is None and not is_workbook(path):
        return loader.load(path, use_cache=use_cache)
    return build_dataset(_checked(path, data))

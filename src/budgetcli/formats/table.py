"""The terminal: rich tables, records and bar charts that hold at any width.

Piped or written to a file, a row is never cut or wrapped, whatever COLUMNS says. On a
terminal the table is fitted to the window by one rule (README, "Narrow terminals"):

1. Columns that say nothing are left out: a column empty in every row, and one with the
   same value in every row (the department, when the title already names it).
2. Ids, codes and amounts are never cut, wrapped or folded; names and other prose wrap at
   spaces, never inside a word.
3. If that does not fit, the name goes under the id in one cell.
4. If even that does not fit, each row becomes a block: the id and name, then one line
   per amount.

Amount columns line their decimal separators up (formats.cells.aligned); a cell in words
shows a short marker ("words"), its words in a footnote, so year columns stay as narrow
as their numbers.
"""

from __future__ import annotations

from copy import copy
from decimal import Decimal
from typing import TYPE_CHECKING

from budgetcli.controls import visible
from budgetcli.formats import Options
from budgetcli.formats.cells import (
    NO_AMOUNT,
    aligned,
    amount,
    column_places,
    footnotes,
    human,
    label,
    marker_slot,
    notes,
    people_rows,
    reader,
    title,
    unit_precision,
)
from budgetcli.i18n import Msg, Text, Tr
from budgetcli.model import TextCell
from budgetcli.reports import Column, Report, ReportKind, Value

if TYPE_CHECKING:
    from collections.abc import Iterator

    from rich.console import Console, RenderableType

MIN_WIDTH = 40
"""The narrowest window laid out for: below it (COLUMNS=5, or 0) the table is drawn this
wide and the terminal wraps it, rather than split an amount or print nothing."""
BAR_WIDTH = 40
NAME_WIDTH = 30
"""A chart's label column where the window is too narrow for whole names."""
GAP = 2
"""Spaces between two columns."""


def write(report: Report, options: Options) -> str:
    from rich.console import Console

    if options.terminal:
        console = Console(width=options.width, soft_wrap=False)
        if console.width < MIN_WIDTH:  # COLUMNS=0 or 5: lay out at the minimum width
            console = Console(width=MIN_WIDTH, soft_wrap=False)
    else:
        console = Console(width=100_000, soft_wrap=True)
    with console.capture() as capture:
        draw(
            console,
            report,
            # People read names, not ids, in the footnotes too (ids stay in machine formats).
            reader(options, document=True),
            plain=not options.terminal,
            decimals=options.decimals,
            unit=options.dataset.unit if options.dataset is not None else None,
        )
    return "\n".join(_trimmed(line) for line in capture.get().split("\n"))


def _trimmed(line: str) -> str:
    """A line without trailing spaces, also where a style's closing code follows them (a
    wrapped footnote, a name under its id on a terminal): pasted into a memo, a line ends
    where its words do."""
    line = line.rstrip()
    while True:
        end = len(line)
        while end and line[end - 1] == "m" and (start := line.rfind("\x1b[", 0, end)) >= 0:
            if not all(c.isdigit() or c == ";" for c in line[start + 2 : end - 1]):
                break
            end = start
        if end == 0 or line[end - 1] not in " \t":
            return line
        line = line[:end].rstrip(" \t") + line[end:]


def draw(
    console: Console,
    report: Report,
    tr: Tr,
    *,
    plain: bool,
    decimals: int | None = None,
    hints: bool = True,
    unit: str | None = None,
) -> None:
    """The report on ``console``; ``hints`` false (a picture for a document) leaves out the
    pointers to other commands."""
    from rich.text import Text as RichText

    width = None if plain else max(console.width, MIN_WIDTH)
    if report.kind is ReportKind.chart:
        body = _chart(report, tr, plain=plain, width=width, decimals=decimals, unit=unit)
    elif report.kind is ReportKind.record:
        body = _record(report, tr, decimals, unit)
    else:
        body = _fitted(report, tr, width, decimals)
    console.print(RichText(_clean(title(report, tr)), style="bold"))
    if report.rows or report.empty_message is None:
        # An answer of no rows is its title and its message (on stderr), not headings over
        # nothing.
        console.print(body)
    marked = isinstance(body, _Marked)
    for note, said in zip(
        notes(report, hints=hints), footnotes(report, tr, hints=hints), strict=True
    ):
        # The cells in words were marked to fit the window: their footnote says the mark.
        marks = marked and note.text.msg == Msg.text_cells
        console.print(RichText(_clean(f"{WORDS_MARK} {said}" if marks else said), style="dim"))


WORDS_MARK = "‡"
"""Where the source's words do not fit a narrow window, a cell in words shows this mark,
and the footnote that names those words starts with it."""


# --- the cells, as people see them ---------------------------------------------------------


class _Grid:
    """The report's human columns with every cell already written as text."""

    def __init__(
        self, report: Report, tr: Tr, decimals: int | None = None, *, mark_words: bool = False
    ) -> None:
        self.columns: list[Column] = []
        self.cells: list[list[str]] = []  # per column
        self.styles: list[list[str]] = []
        self.slots: list[int] = []
        """Per column, the width of the markers' slot after the figures (0: none)."""
        places = column_places(report, decimals)
        for index, column in enumerate(report.columns):
            if not column.human:
                continue
            values = [row[index] for row in people_rows(report)]
            slot = 0
            if column.numeric:
                words = [_marker_for_words(v, mark=mark_words) for v in values]
                shown = aligned(words, tr, places[index])
                slot = marker_slot(values)
            else:
                shown = [_clean(human(v, tr, numeric=False)) for v in values]
            self.columns.append(column)
            self.cells.append(shown)
            self.styles.append([_style(v) for v in values])
            self.slots.append(slot)
        self._drop_columns_that_say_nothing(len(report.rows))

    def compact_words(self) -> None:
        """Words in an amount column ("not quantified") over lines, one word each."""
        self.cells = list(self.cells)  # a copy's own: the grid it was copied from keeps its
        for index, column in enumerate(self.columns):
            if column.numeric:
                self.cells[index] = [
                    "\n".join(c.split()) if " " in c.strip() and not _is_figure(c) else c
                    for c in self.cells[index]
                ]

    def prose_columns(self) -> list[int]:
        """The wrapping columns, the name first (it is what a reader looks for)."""
        found = [i for i, c in enumerate(self.columns) if c.prose]
        return sorted(found, key=lambda i: self.columns[i].key not in ("name", "label"))

    def without(self, index: int) -> _Grid:
        other = copy(self)
        other.columns = self.columns[:index] + self.columns[index + 1 :]
        other.cells = self.cells[:index] + self.cells[index + 1 :]
        other.styles = self.styles[:index] + self.styles[index + 1 :]
        other.slots = self.slots[:index] + self.slots[index + 1 :]
        return other

    def _drop_columns_that_say_nothing(self, rows: int) -> None:
        keep = []
        for index, column in enumerate(self.columns):
            cells = self.cells[index]
            empty = all(not c.strip() for c in cells)
            constant = rows > 1 and column.key == "department" and len(set(cells)) == 1
            if not ((empty and not column.numeric) or constant):
                keep.append(index)
        self.columns = [self.columns[i] for i in keep]
        self.cells = [self.cells[i] for i in keep]
        self.styles = [self.styles[i] for i in keep]
        self.slots = [self.slots[i] for i in keep]

    def fixed_width(self, index: int, header: str) -> int:
        """A column's width with no cell wrapped, its header's beside the markers' slot."""
        return max(_len(header) + self.slots[index], *map(_width, self.cells[index]), 1)

    def header(self, index: int, header: str) -> str:
        """An amount column's header right-justified over the figures' last digits, the
        markers' slot beside it left blank."""
        slot = self.slots[index]
        size = max([_len(header) + slot, *map(_width, self.cells[index])])
        return header.rjust(size - slot) + " " * slot


def _rjust_lines(cell: str, size: int) -> str:
    return "\n".join(" " * (size - _len(line)) + line for line in cell.split("\n"))


def _clean(text: str) -> str:
    """Text from the data as one terminal line's worth: line breaks and tabs as spaces,
    any other control character shown as an escape, never sent raw to the terminal."""
    return visible(text.replace("\n", " ").replace("\t", " "))


def _is_figure(cell: str) -> bool:
    return any(c.isdigit() for c in cell)


SHORT_WORDS = 12
"""The source's words stand in an amount column when this short ("Driftsbudget"); longer
ones are said "not quantified" there, and in full in the footnote."""


def _marker_for_words(value: Value, *, mark: bool = False) -> Value:
    if isinstance(value, TextCell) and mark:
        return WORDS_MARK
    if isinstance(value, TextCell):
        words = " ".join(value.text.split())
        return TextCell(words) if len(words) <= SHORT_WORDS else Text(Msg.not_quantified)
    return value


def _style(value: Value) -> str:
    if isinstance(value, TextCell | Text):
        return "italic"
    return "dim" if value is None else ""


# --- choosing the layout -------------------------------------------------------------------


def _fitted(report: Report, tr: Tr, width: int | None, decimals: int | None) -> RenderableType:
    """The report laid out for the window; where the source's words in amount columns
    ("Driftsbudget", "not quantified") make every layout but blocks too wide, with those
    cells marked (:data:`WORDS_MARK`, explained in their footnote) instead."""
    grid = _Grid(report, tr, decimals)
    headers = [label(c, tr) for c in grid.columns]
    if width is None:
        return _table(grid, headers, stacked=False, width=width)
    marked = _Grid(report, tr, decimals, mark_words=True)
    # Strict first: no id on a line of its own, no heading for every row.
    for strict in (True, False):
        laid = _layout(grid, headers, width, strict=strict)
        if laid is not None:
            return laid
        if marked.cells != grid.cells:
            laid = _layout(marked, headers, width, strict=strict)
            if laid is not None:
                return _Marked(laid)
    grid.compact_words()
    return _blocks(grid, headers, width)


def _layout(
    grid: _Grid, headers: list[str], width: int, *, strict: bool = True
) -> RenderableType | None:
    """The first layout that fits, blocks aside: the table; for a long list a line per
    row, or two; the table with words over lines, the names under the ids, the names in a
    legend; not ``strict``, a list of two lines a row with a long id on a line of its own
    and headings however often the department changes."""
    from rich.console import Group
    from rich.text import Text as RichText

    long_list = bool(grid.cells) and len(grid.cells[0]) > LEGEND_ROWS
    if _natural(grid, headers) <= width:
        return _table(grid, headers, stacked=False, width=width)
    if not long_list and _needed(grid, headers, stacked=False) <= width:
        compact = _short_list(grid, headers, width, strict=strict)
        return compact if compact is not None else _table(grid, headers, stacked=False, width=width)
    if long_list:
        # A long list whose rows would wrap in a table: a line per row, or else two.
        rows = _two_line_rows(grid, headers, width, ids_alone=not strict)
        if rows is not None:
            return rows
        if _needed(grid, headers, stacked=False) <= width:
            return _table(grid, headers, stacked=False, width=width)
    grid = copy(grid)
    grid.compact_words()
    if _needed(grid, headers, stacked=False) <= width:
        return _table(grid, headers, stacked=False, width=width)
    stackable = bool(grid.columns) and not grid.columns[0].prose and grid.prose_columns()
    if stackable and _needed(grid, headers, stacked=True) <= width:
        return _table(grid, headers, stacked=True, width=width)
    prose = grid.prose_columns()
    if stackable and len(prose) == 1 and len(grid.cells[0]) <= LEGEND_ROWS:
        # Codes alone, their names in a legend under the table (BIF: Beskæftigelses- ...).
        names = grid.cells[prose[0]]
        legend = [
            f"{code.strip()}: {name}"
            for code, name in zip(grid.cells[0], names, strict=True)
            if code.strip()
            and name
            and name.casefold() != code.strip().casefold()
            and code.strip() != "total"
        ]
        short = grid.without(prose[0])
        # The total row has no code, only its label ("I alt"): it keeps the label.
        short.cells = [
            [
                name if not code.strip() else code
                for code, name in zip(grid.cells[0], names, strict=True)
            ],
            *short.cells[1:],
        ]
        shorter = headers[: prose[0]] + headers[prose[0] + 1 :]
        if _needed(short, shorter, stacked=False) <= width:
            lines = RichText("\n".join(legend), style="dim")
            return Group(_table(short, shorter, stacked=False, width=width), lines)
    if not strict and not long_list:
        return _two_line_rows(grid, headers, width, ids_alone=True, hoist_always=True)
    return None


class _Marked:
    """A layout whose cells in words show :data:`WORDS_MARK`."""

    def __init__(self, body: RenderableType) -> None:
        self.body = body

    def __rich__(self) -> RenderableType:
        return self.body


LEGEND_ROWS = 15
"""A table of at most this many rows may put its names in a legend to fit a window."""
LONGEST_LINK = 30
"""A web address is folded where it must be: it is read by a browser, not by eye."""


def _len(text: str) -> int:
    """Display width, not characters: a CJK letter takes two cells, a combining accent none."""
    from rich.cells import cell_len

    return cell_len(text)


def _width(text: str) -> int:
    return max(map(_len, text.split("\n")), default=0)


def _longest_word(text: str) -> int:
    return max(
        (min(_len(w), LONGEST_LINK) if "://" in w else _len(w) for w in text.split()), default=0
    )


def _natural(grid: _Grid, headers: list[str]) -> int:
    """The table's width with no cell wrapped."""
    widths = [grid.fixed_width(i, headers[i]) for i in range(len(grid.columns))]
    return sum(widths) + GAP * (len(widths) - 1)


def _needed(grid: _Grid, headers: list[str], *, stacked: bool) -> int:
    """The narrowest the table can be with no id or amount cut and no word broken."""
    prose = grid.prose_columns() if stacked else []
    widths = []
    for index, column in enumerate(grid.columns):
        if index in prose:
            continue  # goes under the id
        cells = grid.cells[index]
        if stacked and index == 0:
            under = [w for p in prose for w in map(_longest_word, grid.cells[p])]
            widths.append(max([*map(_width, cells), *under, 1]))
        elif column.prose:
            widths.append(max(_longest_word(headers[index]), *map(_longest_word, cells), 1))
        else:
            widths.append(grid.fixed_width(index, headers[index]))
    return sum(widths) + GAP * (len(widths) - 1)


def _short_list(
    grid: _Grid, headers: list[str], width: int, *, strict: bool
) -> RenderableType | None:
    """A short list whose names and sections would wrap to three lines and more a row (a
    search's ten matches at 120 columns) as a line a row, or two, as a long list is; None
    where its table wraps less, or for a table of sums, whose total row (no id) keeps its
    label beside its figures."""
    if not all(grid.cells[0]) or _lines_per_row(grid, headers, width) <= 2:
        return None
    return _two_line_rows(grid, headers, width, ids_alone=not strict)


def _lines_per_row(grid: _Grid, headers: list[str], width: int) -> float:
    """How many lines a row of the table takes on average, its prose wrapped to fit."""
    shown = list(range(len(grid.columns)))
    wrapping = {i: [i] for i in shown if grid.columns[i].prose}
    rows = len(grid.cells[0]) if grid.cells else 0
    if not wrapping or not rows:
        return 1.0
    widths = _widths(grid, headers, shown, wrapping, width)
    lines = sum(
        max(len(wrap_words(grid.cells[i][r], widths[i])) for i in wrapping) for r in range(rows)
    )
    return lines / rows


def _widths(
    grid: _Grid, headers: list[str], shown: list[int], wrapping: dict[int, list[int]], width: int
) -> dict[int, int]:
    """Every shown column's width: ids and amounts at their full width, and what is left
    shared by the wrapping columns, each at least its longest word."""
    fixed = {i: grid.fixed_width(i, headers[i]) for i in shown if i not in wrapping}
    least = {
        i: max(_longest_word(headers[i]), *(_longest_word(c) for j in js for c in grid.cells[j]), 1)
        for i, js in wrapping.items()
    }
    natural = {
        i: max(_len(headers[i]), *(_len(c) for j in js for c in grid.cells[j]), 1)
        for i, js in wrapping.items()
    }
    spare = width - GAP * (len(shown) - 1) - sum(fixed.values()) - sum(least.values())
    wanted = sum(natural[i] - least[i] for i in wrapping) or 1
    given = {
        i: least[i] + min(natural[i] - least[i], spare * (natural[i] - least[i]) // wanted)
        for i in wrapping
    }
    return fixed | given


def _table(grid: _Grid, headers: list[str], *, stacked: bool, width: int | None) -> RenderableType:
    """The table; ``stacked`` puts the prose columns (name, section) under the id."""
    from rich import box
    from rich.table import Table
    from rich.text import Text as RichText

    table = Table(
        box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1), collapse_padding=True
    )
    prose = grid.prose_columns() if stacked else []
    shown = [i for i in range(len(grid.columns)) if i not in prose]
    wrapping = {
        i: ([i, *prose] if stacked and i == 0 else [i])
        for i in shown
        if grid.columns[i].prose or (stacked and i == 0)
    }
    widths = _widths(grid, headers, shown, wrapping, width) if width is not None else {}
    for index, column in enumerate(grid.columns):
        if index in prose:
            continue
        header = headers[index]
        if stacked and index == 0:
            header = " / ".join([header, *(headers[p] for p in prose if headers[p])])
        wraps = index in wrapping
        if column.numeric:
            # The figures come padded to one width (cells.aligned); brought to the column's
            # width and kept as they are, their last digits end where the header does.
            header = grid.header(index, header)
            size = _len(header)
            grid.cells[index] = [_rjust_lines(c, size) for c in grid.cells[index]]
        table.add_column(
            RichText(header),  # data (a section, a year), never markup
            justify="left",
            no_wrap=not wraps,
            overflow="fold" if wraps else "ignore",
            # Widths chosen here, not by rich, which may squeeze a column below its longest
            # word and break it.
            width=widths.get(index),
        )
    for r in range(len(grid.cells[0]) if grid.cells else 0):
        cells = []
        for index in range(len(grid.columns)):
            if index in prose:
                continue
            text = RichText(grid.cells[index][r], style=grid.styles[index][r])
            if stacked and index == 0:
                text = RichText(grid.cells[0][r], style="bold")
                for p in prose:
                    if grid.cells[p][r]:
                        # A row with no id (the total) has its name on its figures' line.
                        start = "\n" if text.plain else ""
                        text.append(start + grid.cells[p][r], style="" if p == prose[0] else "dim")
            cells.append(text)
        table.add_row(*cells)
    return table


HOISTED = ("department", "section")
"""Columns a long list may say once, as a heading over the rows that share them."""


def _two_line_rows(
    grid: _Grid,
    headers: list[str],
    width: int,
    *,
    ids_alone: bool = True,
    hoist_always: bool = False,
) -> RenderableType | None:
    """A long list, compact: the id, its short columns and the amounts on one line, the
    name under it; the department and section as headings where rows share them (in
    source order they do). None if the id and the amounts do not fit on one line."""
    from rich.console import Group
    from rich.text import Text as RichText

    rows = len(grid.cells[0])
    hoist = [i for i, c in enumerate(grid.columns) if c.key in HOISTED and not c.numeric]
    runs = len(
        {0}
        | {
            r
            for r in range(1, rows)
            if any(grid.cells[i][r] != grid.cells[i][r - 1] for i in hoist)
        }
    )
    if runs * 3 > rows and not hoist_always:
        hoist = []  # sorted by amount: a heading per row would say nothing
    under = [i for i in grid.prose_columns() if i not in hoist and i != 0]
    line = [i for i in range(len(grid.columns)) if i not in hoist and i not in under]
    if any("\n" in c for i in line for c in grid.cells[i]):
        return None
    headers = [grid.header(i, h) if grid.columns[i].numeric else h for i, h in enumerate(headers)]
    sizes = {i: max(_len(headers[i]), *map(_len, grid.cells[i]), 1) for i in line}
    # One space between amounts (each column is as wide as its widest figure, so most
    # have more); the id's column as wide as the window leaves, a longer id on its own line.
    rest = sum(sizes[i] + (1 if grid.columns[i].numeric else GAP) for i in line[1:])
    room = width - rest
    if room < max(_len(headers[0]), MIN_ID):
        return None
    if not ids_alone and room < max(map(_len, grid.cells[0]), default=0):
        return None
    name = under[0] if under else None
    if name is not None:
        # One line per row where the name fits beside the id and the amounts (wrapping at
        # spaces where it must, under itself): the list reads as a table of names.
        whole_id = max(_len(headers[0]), *map(_len, grid.cells[0]))
        natural = max(_len(headers[name]), *map(_len, grid.cells[name]), 1)
        longest = max(_longest_word(headers[name]), *map(_longest_word, grid.cells[name]), 1)
        left = width - whole_id - GAP - rest - GAP + (1 if grid.columns[line[1]].numeric else 0)
        fits = left >= max(longest, min(natural, MIN_NAME)) and len(line) > 1
        # At most two lines for any name: else the name under the id reads better.
        if fits and all(len(wrap_words(n, min(natural, left))) <= 2 for n in grid.cells[name]):
            sizes[0] = whole_id
            sizes[name] = min(natural, left)
            return _one_line_rows(grid, headers, [line[0], name, *line[1:]], sizes, hoist, width)
    sizes[0] = min(sizes[0], room)

    out = _headings(grid, line, sizes, headers, width)
    for r, above in _under_headings(grid, hoist, rows):
        out.extend(above)
        first = grid.cells[0][r]
        if _len(first) > sizes[0]:
            out.append(RichText(first))
            first = ""
        out.append(
            RichText(_laid(grid, line, sizes, [first, *(grid.cells[i][r] for i in line[1:])]))
        )
        for n, i in enumerate(under):
            words = grid.cells[i][r]
            if words.strip():
                for wrapped in wrap_words(words, width - INDENT):
                    out.append(RichText(" " * INDENT + wrapped, style="" if n == 0 else "dim"))
    return Group(*out)


def _laid(grid: _Grid, line: list[int], sizes: dict[int, int], cells: list[str]) -> str:
    """One line of cells: amounts right-justified, one space before them; text left-justified,
    two spaces before it."""
    text = ""
    for i, c in zip(line, cells, strict=True):
        if i != line[0]:
            text += " " if grid.columns[i].numeric else " " * GAP
        if grid.columns[i].numeric:
            text += " " * (sizes[i] - _len(c)) + c
        else:
            text += c + " " * max(0, sizes[i] - _len(c))
    return text.rstrip()


def _headings(
    grid: _Grid, line: list[int], sizes: dict[int, int], headers: list[str], width: int
) -> list[RenderableType]:
    """The headings laid as the rows under them, in bold, and a rule under them."""
    from rich.text import Text as RichText

    head = _laid(grid, line, sizes, [headers[i] for i in line])
    return [RichText(head, style="bold"), RichText("─" * min(width, _len(head)))]


def _under_headings(
    grid: _Grid, hoist: list[int], rows: int
) -> Iterator[tuple[int, list[RenderableType]]]:
    """Each row, with what to print above it: the hoisted cells (department, section) as a
    heading where they change from the row before, else nothing."""
    from rich.text import Text as RichText

    heading = None
    for r in range(rows):
        said = " · ".join(grid.cells[i][r] for i in hoist if grid.cells[i][r].strip())
        if hoist and said != heading:
            heading = said
            yield r, [RichText(said, style="bold underline")]
        else:
            yield r, []


def _one_line_rows(
    grid: _Grid,
    headers: list[str],
    line: list[int],
    sizes: dict[int, int],
    hoist: list[int],
    width: int,
) -> RenderableType:
    """A long list, a line per row: the id, the name (wrapped under itself where it is
    longer than its column), the short columns and the amounts; the department and section
    as headings where rows share them."""
    from rich.console import Group
    from rich.text import Text as RichText

    name = line[1]
    out = _headings(grid, line, sizes, headers, width)
    for r, above in _under_headings(grid, hoist, len(grid.cells[0])):
        out.extend(above)
        parts = wrap_words(grid.cells[name][r], sizes[name]) or [""]
        cells = [grid.cells[i][r] for i in line]
        cells[1] = parts[0]
        out.append(RichText(_laid(grid, line, sizes, cells)))
        for part in parts[1:]:
            out.append(RichText(" " * (sizes[line[0]] + GAP) + part))
    return Group(*out)


MIN_NAME = 24
"""The least room for the names in a list of a line per row; less, and the name goes under
the id."""
MIN_ID = 12
"""The least room for the ids in a two-line list; less, and each row becomes a block."""
INDENT = 2
"""The name under its id, indented so that the ids stand out."""


def wrap_words(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` cells, broken at spaces only: a word longer than the line
    (a web address) stands on a line of its own, whole, for a terminal to show and a mouse
    to click; never folded."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if "://" in word and current:
            lines.append(current)
            current = ""
        if current and _len(current) + 1 + _len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
        if "://" in word:
            lines.append(current)
            current = ""
    if current:
        lines.append(current)
    return lines


def _blocks(grid: _Grid, headers: list[str], width: int) -> RenderableType:
    """One block per row: the id and the short columns on a line, the prose under it, then
    ``label value`` for each amount, wrapping between pairs (never inside one) as the window
    needs."""
    from rich.console import Group
    from rich.text import Text as RichText

    blocks: list[RenderableType] = []
    rows = len(grid.cells[0]) if grid.cells else 0
    for r in range(rows):
        head = RichText()
        prose = RichText()
        pairs = RichText()
        line = 0  # the length of the pairs' current line
        # A nested --by's sub-group keeps its indentation: its block under its parent's.
        first = grid.cells[0][r]
        indent = first[: len(first) - len(first.lstrip(" "))]
        room = max(width - len(indent), 1)
        for index, column in enumerate(grid.columns):
            cell = " ".join(grid.cells[index][r].split())
            if not cell or cell == NO_AMOUNT:
                continue
            if index == 0:
                head.append(cell, style="bold")
            elif column.prose:
                prose.append("\n" + cell)
            elif not column.numeric and not headers[index]:
                head.append("  " + cell)
            else:
                name = f"{headers[index]} " if headers[index] else ""
                size = _len(name) + _len(cell)
                if line and line + 3 + size > room:
                    pairs.append("\n")
                    line = 0
                elif line:
                    pairs.append("   ")
                    line += 3
                pairs.append(name, style="dim")
                pairs.append(cell, style=grid.styles[index][r])
                line += size
        block = head + prose
        if pairs:
            block.append("\n")
            block.append_text(pairs)
        if indent:
            block = RichText("\n").join(RichText(indent) + part for part in block.split("\n"))
        blocks.append(block)
    return Group(*blocks)


# --- records and charts --------------------------------------------------------------------


def _record(
    report: Report, tr: Tr, decimals: int | None, unit: str | None = None
) -> RenderableType:
    from rich.table import Table
    from rich.text import Text as RichText

    table = Table(box=None, show_header=False, pad_edge=False, padding=(0, 1))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(overflow="fold")
    # The record's amounts (a budget per year) are one column to the eye: one precision.
    places = unit_precision([value for _, value in report.rows], unit, decimals)
    for field, value in report.rows:
        name = _clean(human(field, tr, numeric=False))
        said = _clean(human(value, tr, numeric=False, decimals=places))
        if name.strip() or said.strip():  # a row of nothing in this language is left out
            table.add_row(RichText(name), RichText(said))
    return table


def _chart(
    report: Report,
    tr: Tr,
    *,
    plain: bool,
    width: int | None,
    decimals: int | None = None,
    unit: str | None = None,
) -> RenderableType:
    """Horizontal bars labelled with the exact amounts; text where no number exists."""
    from rich.table import Table
    from rich.text import Text as RichText

    values = [row[2] for row in report.rows]
    amounts = [amount(v) for v in values]  # a chart has no percentages
    shown = aligned(values, tr, unit_precision(values, report.unit or unit, decimals))
    names = [_clean(human(row[1], tr, numeric=False)) for row in report.rows]
    largest = max((a for a in amounts if a is not None), default=Decimal(0))
    bar_width = BAR_WIDTH
    name_width: int | None = None
    if width is not None:
        figures = max(map(len, shown), default=0)
        # Names whole where the window leaves room for them beside a full bar (at 120
        # columns every department's); else wrapped at NAME_WIDTH, the bar shortened.
        room = width - BAR_WIDTH - figures - 2 * GAP
        name_width = min(max(map(len, names), default=0), max(NAME_WIDTH, room))
        bar_width = max(10, min(BAR_WIDTH, width - name_width - figures - 2 * GAP))
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="left", overflow="fold", max_width=name_width)
    grid.add_column(justify="left", no_wrap=True)
    # The figures come padded to one width (cells.aligned): kept as they are, their decimal
    # separators share a column (rich would strip the padding of a right-justified cell).
    grid.add_column(justify="left", no_wrap=True)
    symbol = "#" if plain else "█"
    for name, figure, bar_amount in zip(names, shown, amounts, strict=True):
        if bar_amount is None:
            grid.add_row(RichText(name), RichText(figure.strip(), style="italic"), "")
            continue
        length = int(bar_amount * bar_width / largest + Decimal("0.5")) if largest > 0 else 0
        bar = RichText(symbol * length, style="cyan" if not plain else "")
        grid.add_row(RichText(name), bar, RichText(figure))
    return grid

"""A horizontal bar chart as one self-contained SVG document, for memos, print and e-mail.

Hand-written rather than drawn by a plotting library: the chart is a few dozen ``<rect>`` and
``<text>`` elements, and the hand-written form keeps what matters under our control: every
bar labelled with its exact amount in the reader's number format, words never drawn as a bar
of 0, no fonts or scripts fetched (a system font stack), valid XML whatever the data holds,
and nothing imported at start-up by any other command.

Sizes are in SVG user units (CSS pixels): the drawing is 720 wide and declares itself 180 mm
wide, the text width of A4 paper with the usual margins, so it prints at its natural size.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, NamedTuple

from budgetcli.controls import NOT_IN_SVG
from budgetcli.formats.cells import unit_precision
from budgetcli.i18n import Msg, Tr, number

if TYPE_CHECKING:
    from budgetcli.reports import Report


class Bar(NamedTuple):
    """One bar: an amount (drawn), or words (``not quantified``) or nothing (a dash)."""

    label: str
    amount: Decimal | None
    marker: str = ""
    """Shown after the amount (``*`` for an amount that may be adjusted); the notes say why."""
    words: str | None = None
    """What to say instead of a bar when there is no amount, e.g. "not quantified"."""


WIDTH = 720
WIDTH_MM = 180
PAD = 24
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
TITLE_SIZE = 17
TEXT_SIZE = 13
NOTE_SIZE = 11
BAR_HEIGHT = 16
ROW_GAP = 10
AMOUNT_ROOM = 96
"""Space right of the longest bar for its amount label ("111,037*" at 13 px is about 60)."""
BAR_COLOUR = "#2c5f8a"
INK = "#1b1f24"
GREY = "#4b5563"


def _no_amount(lang: str) -> str:
    return Tr(lang)(Msg.chart_no_amount)


def clean(text: str) -> str:
    """Text safe to put in XML: forbidden characters dropped, whitespace runs made one space."""
    return " ".join(NOT_IN_SVG.sub("", text).split())


def escape(text: str) -> str:
    """Cleaned and escaped for XML text and double-quoted attributes."""
    return (
        clean(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
    )


_NARROW = frozenset("fijlrtI.,:;'!|()[]- ")
_WIDE = frozenset("mwMWÆæ")


def _text_width(text: str, size: float) -> float:
    """An estimate of the drawn width: no font metrics exist without a renderer.

    Per-character widths of the common sans-serif system fonts (DejaVu Sans, Arial, Segoe
    UI), rounded up and padded by a tenth, so text errs on the short side of its room.
    """
    ems = sum(
        0.32 if c in _NARROW else 0.9 if c in _WIDE else 0.68 if c.isupper() else 0.58 for c in text
    )
    return ems * size * 1.1


def _wrap(text: str, width_px: float, size: float) -> list[str]:
    """Words in lines no wider than ``width_px``; a word wider than a line is cut."""
    lines: list[str] = []
    line = ""
    for whole in clean(text).split(" "):
        word = whole
        candidate = f"{line} {word}" if line else word
        if _text_width(candidate, size) <= width_px:
            line = candidate
            continue
        if line:
            lines.append(line)
        while len(word) > 1 and _text_width(word, size) > width_px:
            cut = 1
            while cut < len(word) and _text_width(word[: cut + 1], size) <= width_px:
                cut += 1
            lines.append(word[:cut])
            word = word[cut:]
        line = word
    if line:
        lines.append(line)
    return lines or [""]


def _lines(x: float, y: float, lines: Sequence[str], size: float, **attrs: str) -> str:
    """A <text> of one or more lines (tspans), its first baseline at ``y``."""
    extra = "".join(f' {name.replace("_", "-")}="{value}"' for name, value in attrs.items())
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else size * 1.3:g}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text x="{x:g}" y="{y:g}" font-size="{size}"{extra}>{spans}</text>'


def _figure(amount: Decimal, marker: str, lang: str, places: int | None) -> str:
    return number(amount, lang, decimals=places) + clean(marker)


def _rect(x: float, centre: float, length: float, amount: Decimal) -> list[str]:
    """The bar; a 0 is said by its label alone, not by a bar of no length."""
    if amount <= 0:
        return []
    return [
        f'<rect x="{x:g}" y="{centre - BAR_HEIGHT / 2:g}" width="{length:g}" '
        f'height="{BAR_HEIGHT}" fill="{BAR_COLOUR}" data-amount="{amount}"/>'
    ]


def svg_chart(
    title: str,
    subtitle: str,
    bars: Sequence[Bar],
    unit: str,
    lang: str,
    notes: Sequence[str],
    *,
    ident: str = "chart",
) -> str:
    """The chart as an SVG document (no XML declaration, so it can also go inline in HTML).

    ``ident`` prefixes the element ids, so several charts can share one HTML page.
    """
    inner = WIDTH - 2 * PAD
    parts: list[str] = []
    y: float = PAD + TITLE_SIZE
    title_lines = _wrap(title, inner, TITLE_SIZE)
    parts.append(_lines(PAD, y, title_lines, TITLE_SIZE, font_weight="700", fill=INK))
    y += (len(title_lines) - 1) * TITLE_SIZE * 1.3
    if subtitle:
        y += TEXT_SIZE * 1.5
        sub_lines = _wrap(subtitle, inner, NOTE_SIZE + 1)
        parts.append(_lines(PAD, y, sub_lines, NOTE_SIZE + 1, fill=GREY))
        y += (len(sub_lines) - 1) * (NOTE_SIZE + 1) * 1.3
    y += TEXT_SIZE * 2
    unit_text = Tr(lang)(Msg.chart_unit, unit=unit)
    parts.append(_lines(PAD, y, [unit_text], NOTE_SIZE, fill=GREY, font_style="italic"))
    y += 12

    # The label column is as wide as the longest label needs, up to 45 % of the drawing;
    # longer labels wrap rather than crowd the bars.
    longest = max((_text_width(clean(b.label), TEXT_SIZE) for b in bars), default=0.0)
    label_width = min(longest + 4, inner * 0.45)
    bar_x = PAD + label_width + 10
    bar_room = WIDTH - PAD - AMOUNT_ROOM - bar_x
    largest = max((b.amount for b in bars if b.amount is not None and b.amount > 0), default=None)
    # The figures are one column: one precision, the unit's (mio. kr.: 3, as every table
    # prints them), or the most decimals any bar's amount has if more.
    shown = unit_precision([b.amount for b in bars], unit)

    top = y
    for index, bar in enumerate(bars):
        label_lines = _wrap(bar.label, label_width, TEXT_SIZE)
        block = max(BAR_HEIGHT, len(label_lines) * TEXT_SIZE * 1.3)
        centre = y + block / 2
        first_baseline = centre - (len(label_lines) - 1) * TEXT_SIZE * 0.65 + TEXT_SIZE * 0.35
        row = [_lines(PAD, first_baseline, label_lines, TEXT_SIZE, fill=INK)]
        if bar.amount is not None:
            amount_text = _figure(bar.amount, bar.marker, lang, shown)
            length = (
                round(float(bar.amount / largest) * bar_room, 3)
                if largest is not None and bar.amount > 0
                else 0.0
            )
            row += _rect(bar_x, centre, length, bar.amount)
            row.append(
                _lines(
                    bar_x + length + 6, centre + TEXT_SIZE * 0.35, [amount_text], TEXT_SIZE
                ).replace("<text ", f'<text fill="{INK}" font-weight="600" ', 1)
            )
            tooltip = f"{bar.label}: {amount_text} {unit}"
        else:
            said = bar.words if bar.words is not None else _no_amount(lang)
            row.append(
                _lines(
                    bar_x + 6,  # clear of the baseline, where a 0's figure starts
                    centre + TEXT_SIZE * 0.35,
                    [said],
                    TEXT_SIZE,
                    fill=GREY,
                    font_style="italic",
                )
            )
            tooltip = f"{bar.label}: {said}"
        parts.append(
            f'<g class="bar" id="{ident}-bar-{index}"><title>{escape(tooltip)}</title>'
            + "".join(row)
            + "</g>"
        )
        y += block + ROW_GAP
    # The baseline every bar starts from.
    parts.append(
        f'<line x1="{bar_x:g}" y1="{top - 4:g}" x2="{bar_x:g}" y2="{y - ROW_GAP + 4:g}" '
        f'stroke="{GREY}" stroke-width="1"/>'
    )

    y += 6
    for note in notes:
        note_lines = _wrap(note, inner, NOTE_SIZE)
        y += NOTE_SIZE * 1.4
        parts.append(_lines(PAD, y, note_lines, NOTE_SIZE, fill=GREY))
        y += (len(note_lines) - 1) * NOTE_SIZE * 1.3
    height = round(y + PAD)
    height_mm = round(height * WIDTH_MM / WIDTH, 1)
    description = "; ".join(
        f"{clean(b.label)}: "
        + (
            _figure(b.amount, b.marker, lang, shown)
            if b.amount is not None
            else clean(b.words or _no_amount(lang))
        )
        for b in bars
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH_MM}mm" height="{height_mm}mm" '
        f'viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" font-family="{FONT}">'
        f'<title id="{ident}-title">{escape(title)}</title>'
        f'<desc id="{ident}-desc">{escape(description)}</desc>'
        f'<rect x="0" y="0" width="{WIDTH}" height="{height}" fill="#ffffff"/>'
        + "".join(parts)
        + "</svg>\n"
    )


def bars_from_report(report: Report, lang: str) -> list[Bar]:
    """The bars of a chart Report (reports.totals.chart_report): rows of key, label, value."""
    from budgetcli.formats.cells import human
    from budgetcli.i18n import Text
    from budgetcli.reports import Marked

    tr = Tr(lang)
    bars = []
    for _key, label, value in report.rows:
        name = human(label, tr, numeric=False)
        if isinstance(value, Marked):
            bars.append(Bar(name, value.value, value.marker))
        elif isinstance(value, Decimal):
            bars.append(Bar(name, value))
        elif isinstance(value, Text):
            bars.append(Bar(name, None, words=tr.text(value)))
        else:
            bars.append(Bar(name, None))
    return bars


def chart_from_report(
    report: Report, *, source: str, lang: str, names: Mapping[str, str] | None = None
) -> str:
    """A chart Report drawn as SVG: its title (which names the filters), the source under it;
    with ``names``, its notes name activities by name (a document for people)."""
    from budgetcli.formats.cells import footnotes, title

    tr = Tr(lang, names=names)
    return svg_chart(
        title(report, tr),
        source,
        bars_from_report(report, lang),
        report.unit or "",
        lang,
        footnotes(report, tr, hints=False),
    )

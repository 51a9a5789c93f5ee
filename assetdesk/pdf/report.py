"""Declared table reports: a report module states its columns and rows, this draws the pages.

Later reports (assets, leases, fees, funds) only build a ``ReportSpec``. Amount columns take
integer fen and print them in the ledger form ``1,234.50`` (negatives ``-1,234.50`` in red; zero
left blank unless the column says otherwise). Rows too long for their column wrap; every page
repeats the header rows; ledgers add 承前页 / 过次页 through ``CarryForward``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Sequence

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from assetdesk.money import format_amount
from assetdesk.pdf.fonts import FontChoice, register_cjk_font
from assetdesk.pdf.page import DEFAULT_SIGNATURE, PageFrame, bold_text
from assetdesk.pdf.paging import CARRY_IN, CARRY_OUT, CarryForward, carry_cells, carry_states, paginate

FONT_SIZE = 9
LEADING = 11
ROW_PAD = 5  # points above + below the text of a body row
MAX_LINES = 4  # a cell longer than this is cut with "…" so one row never outgrows a page
PADDING_X = 3
RED = colors.HexColor("#C00000")
HEADER_FILL = colors.HexColor("#EDEDED")
CARRY_FILL = colors.HexColor("#F5F5F5")
ALIGNS = ("left", "center", "right", "amount")

# Row kinds and how they print. Totals are bold between rules: 本月合计 one rule below,
# 本年累计 / 合计 a double rule below (the 单红线 / 双红线 of hand-kept books). 本日合计 is only
# bold: a journal has one nearly every day, and rules on each would drown the month-end ones.
TOTAL_KINDS = ("month_total", "subtotal")
GRAND_KINDS = ("year_total", "total")
BOLD_KINDS = TOTAL_KINDS + GRAND_KINDS + ("day_total",)


def grid_style(font: str, size: float, leading: float, box: float) -> list:
    """The ruled-table look every printed book shares: font, middle alignment, thin grid, heavier box."""
    return [
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("FONTSIZE", (0, 0), (-1, -1), size),
        ("LEADING", (0, 0), (-1, -1), leading),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING_X),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("BOX", (0, 0), (-1, -1), box, colors.black),
    ]


@dataclass(frozen=True)
class Column:
    """One column: ``width`` is a relative weight (columns are scaled to the printable width);
    ``align`` is left / center / right, or ``amount`` (right-aligned, int cells are fen)."""

    header: str
    width: float
    align: str = "left"
    blank_zero: bool = True

    def __post_init__(self) -> None:
        if self.align not in ALIGNS:
            raise ValueError(f"column {self.header!r}: align must be one of {ALIGNS}")

    @classmethod
    def of(cls, value: "Column | Sequence") -> "Column":
        return value if isinstance(value, Column) else cls(*value)


@dataclass(frozen=True)
class Row:
    """Cells plus a kind: ``line`` (default), ``opening``, ``day_total``, ``month_total``,
    ``year_total``, ``subtotal``, ``total`` or ``carry``."""

    cells: tuple
    kind: str = "line"


@dataclass(frozen=True)
class Section:
    """A run of rows that starts on a new page, e.g. one account of a ledger; ``heading`` is printed
    above the table on each of its pages (科目：101 库存现金)."""

    rows: Sequence
    heading: str = ""
    carry: CarryForward | None = None  # this section's own carry-forward rule, over the report's
    carry_start: tuple[int, int] = (0, 0)  # debit/credit already run up before the first row


@dataclass(frozen=True)
class ReportSpec:
    """Everything a printed table report needs. ``rows`` is the single-section shorthand;
    ``sections`` (when given) replaces it. ``groups`` are header labels spanning columns
    (label, first, last), e.g. ("期初余额", 2, 3). ``printed_on`` is required: builders never
    read the clock."""

    title: str
    community: str
    period_label: str
    unit: str = "元"
    columns: Sequence = ()
    rows: Sequence = ()
    landscape: bool = False
    signature: tuple[str, ...] = DEFAULT_SIGNATURE
    printed_on: date | None = None
    sections: Sequence[Section] = ()
    groups: Sequence[tuple[str, int, int]] = ()
    carry: CarryForward | None = None
    font: str | None = None
    empty_text: str = "（无数据）"
    author: str = field(default="AssetDesk")


def render_table_report(path: str | Path, spec: ReportSpec) -> Path:
    """Write ``spec`` as a PDF at ``path`` and return the path."""
    if not isinstance(spec.printed_on, date):
        raise ValueError("ReportSpec.printed_on is required (the date printed on every page)")
    font = register_cjk_font(spec.font)
    frame = PageFrame(spec.title, spec.community, spec.period_label, spec.printed_on, font,
                      spec.unit, spec.landscape, tuple(spec.signature))
    layout = _TableLayout(spec, frame, font)
    pages = [page for section in _sections(spec) for page in layout.pages(section)]
    canvas = _open_canvas(path, frame, spec)
    for number, page in enumerate(pages, start=1):
        frame.draw(canvas, number, len(pages), page.heading)
        layout.draw(canvas, page)
        canvas.showPage()
    canvas.save()
    return Path(path)


def _sections(spec: ReportSpec) -> list[Section]:
    return list(spec.sections) if spec.sections else [Section(spec.rows)]


def _open_canvas(path: str | Path, frame: PageFrame, spec: ReportSpec) -> Canvas:
    canvas = Canvas(str(path), pagesize=frame.size, initialFontName=frame.font.name)
    canvas.setTitle(f"{spec.community} {spec.title} {spec.period_label}")
    canvas.setAuthor(spec.community)
    canvas.setCreator(spec.author)
    return canvas


@dataclass(frozen=True)
class _Page:
    heading: str
    rows: list[_FormattedRow]  # text cells already formatted
    heights: list


class _TableLayout:
    """Measures and formats rows once, then draws one ``Table`` per page."""

    def __init__(self, spec: ReportSpec, frame: PageFrame, font: FontChoice):
        self.columns = [Column.of(c) for c in spec.columns]
        self.spec, self.frame, self.font = spec, frame, font
        total = sum(c.width for c in self.columns)
        self.widths = [frame.width * c.width / total for c in self.columns]
        self.header_rows, self.header_heights, self.header_style = self._header()
        self.base_style = self._base_style()
        self.row_height = LEADING + ROW_PAD

    # -- pagination -------------------------------------------------------------------------
    def pages(self, section: Section) -> list[_Page]:
        rows = [r if isinstance(r, Row) else Row(tuple(r)) for r in section.rows]
        texts = [self._format(row) for row in rows]
        heights = [len_lines * LEADING + ROW_PAD for len_lines in (t[1] for t in texts)]
        capacity = self.frame.body_height(section.heading) - sum(self.header_heights)
        carry = section.carry or self.spec.carry
        cuts = paginate(heights, capacity, self.row_height if carry else None)
        states = carry_states(rows, cuts, carry, section.carry_start) if carry else []
        out = []
        for index, cut in enumerate(cuts):
            page_rows = [texts[i][0] for i in cut]
            page_heights = [heights[i] for i in cut]
            if carry and index > 0:
                page_rows.insert(0, self._carry_row(states[index - 1], CARRY_IN, carry))
                page_heights.insert(0, self.row_height)
            if carry and index < len(cuts) - 1:
                page_rows.append(self._carry_row(states[index], CARRY_OUT, carry))
                page_heights.append(self.row_height)
            out.append(_Page(section.heading, page_rows, page_heights))
        return out

    def _carry_row(self, state, label: str, carry: CarryForward) -> _FormattedRow:
        cells = carry_cells(state, label, len(self.columns), carry)
        return self._format(Row(tuple(cells), "carry"))[0]

    # -- cells ------------------------------------------------------------------------------
    def _format(self, row: Row) -> tuple[_FormattedRow, int]:
        """Text of each cell (wrapped to its column) and the row's line count."""
        font = self.font.bold if row.kind in BOLD_KINDS else self.font.name
        cells, lines, negatives = [], 1, []
        for index, (value, column) in enumerate(zip(row.cells, self.columns)):
            if column.align == "amount" and isinstance(value, int) and not isinstance(value, bool):
                cells.append("" if value == 0 and column.blank_zero else format_amount(value))
                if value < 0:
                    negatives.append(index)
                continue
            text = "" if value is None else str(value)
            wrapped = wrap_text(text, font, FONT_SIZE, self.widths[index] - 2 * PADDING_X)
            lines = max(lines, len(wrapped))
            cells.append("\n".join(wrapped))
        cells += [""] * (len(self.columns) - len(cells))
        return _FormattedRow(tuple(cells), row.kind, tuple(negatives)), lines

    # -- drawing ----------------------------------------------------------------------------
    def draw(self, canvas: Canvas, page: _Page) -> None:
        rows = page.rows or [self._empty_row()]
        heights = page.heights or [self.row_height]
        data = self.header_rows + [list(r.cells) for r in rows]
        style = self.base_style + self._row_styles(rows, len(self.header_rows))
        table = _BookTable(data, colWidths=self.widths, rowHeights=self.header_heights + heights,
                           style=style)
        table.fake_bold_font = self.font.bold if self.font.fake_bold else None
        _, height = table.wrapOn(canvas, self.frame.width, self.frame.body_height(page.heading))
        table.drawOn(canvas, self.frame.left, self.frame.body_top(page.heading) - height)

    def _empty_row(self) -> "_FormattedRow":
        cells = [""] * len(self.columns)
        text_col = next((i for i, c in enumerate(self.columns) if c.align != "amount"), 0)
        cells[text_col] = self.spec.empty_text
        return _FormattedRow(tuple(cells), "line", ())

    def _row_styles(self, rows: Sequence["_FormattedRow"], offset: int) -> list:
        styles: list = []
        for index, row in enumerate(rows, start=offset):
            styles += _kind_style(row.kind, index, self.font)
            styles += [("TEXTCOLOR", (col, index), (col, index), RED) for col in row.negatives]
        return styles

    def _header(self) -> tuple[list, list, list]:
        """One header row, or two when ``groups`` span columns (期初余额 over 借方 | 贷方)."""
        headers = [c.header for c in self.columns]
        lines = max(h.count("\n") + 1 for h in headers) if headers else 1
        if not self.spec.groups:
            return [headers], [lines * LEADING + ROW_PAD + 1], []
        top = list(headers)
        bottom = [""] * len(headers)
        style: list = []
        grouped: set[int] = set()
        for label, first, last in self.spec.groups:
            top[first:last + 1] = [label] + [""] * (last - first)
            bottom[first:last + 1] = headers[first:last + 1]
            style.append(("SPAN", (first, 0), (last, 0)))
            grouped.update(range(first, last + 1))
        style += [("SPAN", (i, 0), (i, 1)) for i in range(len(headers)) if i not in grouped]
        height = LEADING + ROW_PAD + 1
        return [top, bottom], [height, max(lines - 1, 0) * LEADING + height], style

    def _base_style(self) -> list:
        last_header = len(self.header_rows) - 1
        style = grid_style(self.font.name, FONT_SIZE, LEADING, box=0.9) + [
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ("FONTNAME", (0, 0), (-1, last_header), self.font.bold),
            ("BACKGROUND", (0, 0), (-1, last_header), HEADER_FILL),
            ("ALIGN", (0, 0), (-1, last_header), "CENTER"),
            ("LINEBELOW", (0, last_header), (-1, last_header), 0.9, colors.black),
        ]
        body = last_header + 1
        for index, column in enumerate(self.columns):
            align = "RIGHT" if column.align == "amount" else column.align.upper()
            style.append(("ALIGN", (index, body), (index, -1), align))
        return self.header_style + style


class _BookTable(Table):
    """A reportlab Table that can make a regular-only CJK font read as bold (see fonts.fake_bold)."""

    fake_bold_font: str | None = None

    def _drawCell(self, cellval, cellstyle, pos, size):  # noqa: N802 (reportlab's name)
        if not self.fake_bold_font or cellstyle.fontname != self.fake_bold_font or not cellval:
            return super()._drawCell(cellval, cellstyle, pos, size)
        self._curcellstyle = None  # font and colour are set again inside the saved state
        with bold_text(self.canv, True, cellstyle.color):
            super()._drawCell(cellval, cellstyle, pos, size)
        self._curcellstyle = None


@dataclass(frozen=True)
class _FormattedRow:
    cells: tuple
    kind: str
    negatives: tuple


def _kind_style(kind: str, index: int, font: FontChoice) -> list:
    """Bold totals between rules; carry-forward rows shaded so they read as bookkeeping lines."""
    if kind == "carry":
        return [("BACKGROUND", (0, index), (-1, index), CARRY_FILL)]
    if kind == "day_total":
        return [("FONTNAME", (0, index), (-1, index), font.bold)]
    if kind in TOTAL_KINDS:
        return [("FONTNAME", (0, index), (-1, index), font.bold),
                ("LINEABOVE", (0, index), (-1, index), 0.9, RED),
                ("LINEBELOW", (0, index), (-1, index), 0.9, RED)]
    if kind in GRAND_KINDS:
        return [("FONTNAME", (0, index), (-1, index), font.bold),
                ("LINEABOVE", (0, index), (-1, index), 0.9, RED),
                ("LINEBELOW", (0, index), (-1, index), 0.7, RED, 1, None, None, 2, 1.6)]
    return []


def wrap_text(text: str, font: str, size: float, width: float, max_lines: int = MAX_LINES) -> list[str]:
    """Break ``text`` into lines no wider than ``width``; Chinese breaks between any two characters."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if stringWidth(paragraph, font, size) <= width:
            lines.append(paragraph)
            continue
        lines += _break_long(paragraph, font, size, width)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def _break_long(text: str, font: str, size: float, width: float) -> list[str]:
    """Character-wise breaking; a line indented with full-width spaces (a sub-item of a
    statement) keeps that indent on its continuation lines, so it still reads as a sub-item."""
    indent = text[:len(text) - len(text.lstrip("\u3000"))]
    indent_width = stringWidth(indent, font, size)
    lines: list[str] = []
    current, used = "", 0.0
    for char in text:
        char_width = stringWidth(char, font, size)
        if current.strip("\u3000") and used + char_width > width:
            lines.append(current)
            current, used = indent, indent_width
        current += char
        used += char_width
    lines.append(current)
    return lines


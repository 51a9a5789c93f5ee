"""The common page frame of every printed report (DOMAIN §9).

Every page carries the community name, report title, period, unit (单位：元), page N/M, the printed
date and a signature line (制表人 / 审核人 / 负责人), because reviewers sign and file loose pages.
Reports paginate themselves, so the page count is known before the first page is drawn: no second
pass and no NumberedCanvas are needed.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.pagesizes import landscape as to_landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from assetdesk.pdf.fonts import FontChoice

DEFAULT_SIGNATURE = ("制表人", "审核人", "负责人")
TITLE_SIZE = 16
INFO_SIZE = 9.5
FOOTER_SIZE = 8.5
MARGIN_X = 14 * mm
MARGIN_TOP = 10 * mm
MARGIN_BOTTOM = 9 * mm
_TITLE_BLOCK = 20 * mm  # title and the info line under it
_HEADING_BLOCK = 6 * mm  # optional section heading line (科目：101 库存现金)
_FOOTER_BLOCK = 15 * mm  # signature line and the page/date line
RULE_COLOR = colors.black


@dataclass(frozen=True)
class PageFrame:
    """Where things go on one page and how the header and footer are drawn."""

    title: str
    community: str
    period_label: str
    printed_on: date
    font: FontChoice
    unit: str = "元"
    landscape: bool = False
    signature: tuple[str, ...] = field(default=DEFAULT_SIGNATURE)

    @property
    def size(self) -> tuple[float, float]:
        return to_landscape(A4) if self.landscape else A4

    @property
    def left(self) -> float:
        return MARGIN_X

    @property
    def width(self) -> float:
        return self.size[0] - 2 * MARGIN_X

    def body_top(self, heading: str = "") -> float:
        """Top of the table area, below the title, info line and optional section heading."""
        top = self.size[1] - MARGIN_TOP - _TITLE_BLOCK
        return top - _HEADING_BLOCK if heading else top

    @property
    def body_bottom(self) -> float:
        return MARGIN_BOTTOM + (_FOOTER_BLOCK if self.signature else _FOOTER_BLOCK - 7 * mm)

    def body_height(self, heading: str = "") -> float:
        return self.body_top(heading) - self.body_bottom

    def draw(self, canvas: Canvas, page_no: int, page_count: int, heading: str = "") -> None:
        """Header and footer of one page; the body is drawn by the report."""
        self.draw_header(canvas, heading)
        self.draw_footer(canvas, page_no, page_count)

    def draw_header(self, canvas: Canvas, heading: str = "") -> None:
        width, height = self.size
        top = height - MARGIN_TOP
        _draw_title(canvas, self.font, self.title, width / 2, top - TITLE_SIZE)
        info_y = top - _TITLE_BLOCK + 3 * mm
        canvas.setFont(self.font.name, INFO_SIZE)
        canvas.drawString(self.left, info_y, f"编制单位：{self.community}")
        canvas.drawCentredString(width / 2, info_y, self.period_label)
        if self.unit:
            canvas.drawRightString(self.left + self.width, info_y, f"单位：{self.unit}")
        if heading:
            canvas.setFont(self.font.bold, INFO_SIZE + 0.5)
            with bold_text(canvas, self.font.fake_bold):
                canvas.drawString(self.left, info_y - _HEADING_BLOCK + 0.5 * mm, heading)

    def draw_footer(self, canvas: Canvas, page_no: int, page_count: int) -> None:
        right = self.left + self.width
        if self.signature:
            draw_signature_line(canvas, self.font.name, self.signature, self.left, right,
                                MARGIN_BOTTOM + 8 * mm)
        canvas.setFont(self.font.name, FOOTER_SIZE)
        y = MARGIN_BOTTOM + 1 * mm
        canvas.drawString(self.left, y, f"打印日期：{self.printed_on.isoformat()}")
        canvas.drawCentredString(self.left + self.width / 2, y, f"第 {page_no} 页 / 共 {page_count} 页")
        canvas.drawRightString(right, y, self.community)


def _draw_title(canvas: Canvas, font: FontChoice, title: str, centre_x: float, y: float) -> None:
    """Title centred with a double rule under it, the way printed account books head a page."""
    canvas.setFont(font.bold, TITLE_SIZE)
    with bold_text(canvas, font.fake_bold):
        canvas.drawCentredString(centre_x, y, title)
    half = stringWidth(title, font.bold, TITLE_SIZE) / 2 + 4 * mm
    canvas.setStrokeColor(RULE_COLOR)
    canvas.setLineWidth(0.8)
    canvas.line(centre_x - half, y - 2.2 * mm, centre_x + half, y - 2.2 * mm)
    canvas.setLineWidth(0.4)
    canvas.line(centre_x - half, y - 3.0 * mm, centre_x + half, y - 3.0 * mm)


def draw_signature_line(canvas: Canvas, font: str, roles: tuple[str, ...], left: float,
                        right: float, y: float, size: float = INFO_SIZE) -> None:
    """``制表人：______  审核人：______  负责人：______`` spread evenly across the page width."""
    canvas.setFont(font, size)
    slot = (right - left) / len(roles)
    for index, role in enumerate(roles):
        x = left + index * slot
        label = f"{role}："
        canvas.drawString(x, y, label)
        start = x + stringWidth(label, font, size) + 1 * mm
        canvas.setLineWidth(0.4)
        canvas.line(start, y - 1, x + slot - 8 * mm, y - 1)


@contextmanager
def bold_text(canvas: Canvas, fake: bool, color=colors.black, weight: float = 0.35):
    """Text drawn inside reads as bold: with ``fake`` (no bold face installed) the glyph outlines
    are stroked as well as filled (PDF text render mode 2); otherwise nothing changes."""
    if not fake:
        yield
        return
    canvas.saveState()
    canvas.setLineWidth(weight)
    canvas.setStrokeColor(color)
    canvas._code.append("2 Tr")  # reportlab's canvas has no public setter; Q below restores it
    try:
        yield
    finally:
        canvas.restoreState()

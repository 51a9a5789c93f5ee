"""收款收据 printed (DOMAIN §9, §2.1): three copies on one A4 page, cut apart along dashed lines.

第一联 存根 stays in the book, 第二联 收据 goes to the payer, 第三联 记账 goes with the voucher. Each
copy: title 收款收据 with its number (NO.), the date received, 交款单位（人）, 收款事由 (the periods the
money settled: 2026年1-3月租金), the amount in 大写 and in figures (¥), the method, 收款人 (who took
the money) and a box for the unit's stamp (单位盖章). A voided receipt keeps its number and prints a
large red 作废 across every copy, with the day and the reason it was voided.

``render_receipt`` draws a ``ReceiptView`` (the UI prints through it too); ``build_receipt`` reads
the receipt by its number.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from assetdesk.errors import InputError, NotFoundError
from assetdesk.money import format_money, to_capital
from assetdesk.pdf.fonts import FontChoice, register_cjk_font
from assetdesk.pdf.page import bold_text
from assetdesk.pdf.report import PADDING_X, RED, grid_style, wrap_text
from assetdesk.pdf.scope import community_name, print_font
from assetdesk.services.receivables.ledger import receipt_reason
from assetdesk.services.receivables.types import ReceiptView

TITLE = "收款收据"
COPIES = (("第一联", "存根"), ("第二联", "收据（交付款人）"), ("第三联", "记账"))
VOID_MARK = "作废"
MARGIN_X = 16 * mm
MARGIN_Y = 8 * mm
FONT_SIZE = 10
ROW_HEIGHT = 22
WEIGHTS = (22, 44, 11, 37)  # label | value | label | value


def render_receipt(path: str | Path, view: ReceiptView, *, community: str, printed_on: date,
                   font: str | None = None) -> Path:
    """Write ``view`` as one A4 page of three copies and return the path."""
    choice = register_cjk_font(font)
    canvas = Canvas(str(path), pagesize=A4, initialFontName=choice.name)
    canvas.setTitle(f"{community} {TITLE} NO.{view.number}")
    canvas.setAuthor(community)
    canvas.setCreator("AssetDesk")
    width, height = A4
    slot = (height - 2 * MARGIN_Y) / len(COPIES)
    drawer = _CopyDrawer(canvas, choice, view, community, printed_on, width - 2 * MARGIN_X)
    for index, copy in enumerate(COPIES):
        top = height - MARGIN_Y - index * slot
        drawer.draw(copy, top, slot)
        if index:
            _cut_line(canvas, choice, top, width)
    canvas.showPage()
    canvas.save()
    return Path(path)


def _cut_line(canvas: Canvas, font: FontChoice, y: float, width: float) -> None:
    canvas.saveState()
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.4)
    canvas.setStrokeColor(colors.grey)
    canvas.line(6 * mm, y, width - 6 * mm, y)
    canvas.setFillColor(colors.grey)
    canvas.setFont(font.name, 6.5)
    canvas.drawRightString(width - 6 * mm, y + 1.2 * mm, "沿虚线裁开")
    canvas.restoreState()


class _CopyDrawer:
    def __init__(self, canvas: Canvas, font: FontChoice, view: ReceiptView, community: str, printed_on: date,
                 width: float):
        self.canvas, self.font, self.view = canvas, font, view
        self.community, self.printed_on, self.width = community, printed_on, width
        total = sum(WEIGHTS)
        self.widths = [width * w / total for w in WEIGHTS]

    def draw(self, copy: tuple[str, str], top: float, slot: float) -> None:
        canvas, font, view = self.canvas, self.font, self.view
        left, right = MARGIN_X, MARGIN_X + self.width
        centre = left + self.width / 2
        title_y = top - 12 * mm
        canvas.setFont(font.bold, 17)
        with bold_text(canvas, font.fake_bold):
            canvas.drawCentredString(centre, title_y, TITLE)
        half = stringWidth(TITLE, font.bold, 17) / 2 + 5 * mm
        canvas.setLineWidth(0.8)
        canvas.line(centre - half, title_y - 2.4 * mm, centre + half, title_y - 2.4 * mm)
        canvas.setLineWidth(0.4)
        canvas.line(centre - half, title_y - 3.2 * mm, centre + half, title_y - 3.2 * mm)
        canvas.setFont(font.name, 9.5)
        canvas.drawString(left, title_y, f"{copy[0]}　{copy[1]}")
        canvas.setFillColor(RED)
        canvas.setFont(font.name, 12)
        canvas.drawRightString(right, title_y, f"NO. {view.number}")
        canvas.setFillColor(colors.black)
        info_y = title_y - 9 * mm
        canvas.setFont(font.name, 9.5)
        canvas.drawString(left, info_y, f"收款单位：{self.community}")
        received = view.received_on
        canvas.drawRightString(right, info_y, f"{received.year}年{received.month:02d}月{received.day:02d}日")
        table = self._table()
        _, height = table.wrapOn(canvas, self.width, slot)
        table_top = info_y - 3 * mm
        table.drawOn(canvas, left, table_top - height)
        self._draw_bottom(table_top - height)
        if view.is_void:
            self._draw_void(centre, top - slot / 2)

    def _table(self) -> Table:
        view = self.view
        width = sum(self.widths[1:3]) - 2 * PADDING_X - 2
        capital = "\n".join(wrap_text(to_capital(view.amount_fen, prefix=True), self.font.bold, FONT_SIZE, width,
                                       max_lines=2))
        data = [["交款单位（人）", self._fit(view.payer_name, 1, 3), "", ""],
                ["收款事由", self._fit(receipt_reason(view), 1, 3), "", ""],
                ["金额（大写）", capital, "", format_money(view.amount_fen)],
                ["收款方式", view.method, "备注", self._fit(view.note, 3, 3)]]
        style = grid_style(self.font.name, FONT_SIZE, FONT_SIZE + 2, box=1.0) + [
            ("SPAN", (1, 0), (3, 0)), ("SPAN", (1, 1), (3, 1)), ("SPAN", (1, 2), (2, 2)),
            ("ALIGN", (0, 0), (0, -1), "CENTER"), ("ALIGN", (2, 3), (2, 3), "CENTER"),
            ("ALIGN", (3, 2), (3, 2), "RIGHT"), ("FONTSIZE", (3, 2), (3, 2), 12),
            ("FONTNAME", (1, 2), (3, 2), self.font.bold),
        ]
        heights = [ROW_HEIGHT] * len(data)
        for row in (1, 2, 3):  # 收款事由, a 亿 amount in 大写 and 备注 may take two lines
            lines = max(cell.count("\n") + 1 for cell in data[row])
            heights[row] = max(ROW_HEIGHT, lines * (FONT_SIZE + 2) + 8)
        return Table(data, colWidths=self.widths, rowHeights=heights, style=style)

    def _fit(self, text: str, column: int, columns_to: int) -> str:
        width = sum(self.widths[column:columns_to + 1]) - 2 * PADDING_X - 2
        return "\n".join(wrap_text(text or "", self.font.name, FONT_SIZE, width, max_lines=2))

    def _draw_bottom(self, table_bottom: float) -> None:
        canvas, font, view = self.canvas, self.font, self.view
        left, right = MARGIN_X, MARGIN_X + self.width
        y = table_bottom - 8 * mm
        canvas.setFont(font.name, 9.5)
        stamp_w, stamp_h = 38 * mm, 15 * mm
        canvas.drawString(left, y, "单位盖章：")
        stamp_x = left + stringWidth("单位盖章：", font.name, 9.5) + 1 * mm
        canvas.saveState()
        canvas.setDash(2, 2)
        canvas.setLineWidth(0.5)
        canvas.rect(stamp_x, y - stamp_h + 4 * mm, stamp_w, stamp_h)
        canvas.restoreState()
        slot = self.width / 3
        canvas.drawString(left + slot, y, f"收款人：{view.created_by}")
        canvas.drawString(left + 2 * slot, y, "交款人：")
        canvas.setLineWidth(0.4)
        start = left + 2 * slot + stringWidth("交款人：", font.name, 9.5) + 1 * mm
        canvas.line(start, y - 1, right, y - 1)
        canvas.setFont(font.name, 7.5)
        foot = f"打印日期：{self.printed_on.isoformat()}"
        if view.voucher_label:
            foot = f"记账凭证：{view.voucher_label}　{foot}"
        canvas.drawRightString(right, y - 9 * mm, foot)
        if view.is_void:
            canvas.setFillColor(RED)
            when = view.voided_on.isoformat() if view.voided_on else ""
            reason = f"，原因：{view.void_reason}" if view.void_reason else ""
            canvas.drawString(left + slot, y - 9 * mm, f"本收据已于{when}作废{reason}")
            canvas.setFillColor(colors.black)

    def _draw_void(self, x: float, y: float) -> None:
        canvas = self.canvas
        canvas.saveState()
        canvas.setFillColor(RED)
        canvas.setStrokeColor(RED)
        canvas.setFillAlpha(0.45)
        canvas.setStrokeAlpha(0.45)
        canvas.translate(x, y)
        canvas.rotate(18)
        canvas.setFont(self.font.bold, 72)
        canvas.drawCentredString(0, -24, VOID_MARK)
        canvas.setLineWidth(3)
        w = stringWidth(VOID_MARK, self.font.bold, 72) / 2 + 6 * mm
        canvas.roundRect(-w, -36, 2 * w, 84, 8)
        canvas.restoreState()


def build_receipt(books, path: str | Path, *, number: str | None, printed_on: date) -> Path:
    """收款收据 ``number`` (three copies on one A4 page)."""
    number = (number or "").strip()
    if not number:
        raise InputError("打印收款收据要指定收据号", "用 --number 收据号，例如 --number 2026-0001")
    try:
        view = books.receivables.receipt(number)
    except NotFoundError:
        view = None
    if view is None:
        raise NotFoundError(f"没有收据号为“{number}”的收据", "请核对收据号（收款页面列出了全部收据）")
    return render_receipt(path, view, community=community_name(books), printed_on=printed_on,
                          font=print_font(books))

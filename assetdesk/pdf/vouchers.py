"""记账凭证 printed two to an A4 page, the way clerks bind them with their attachments.

Each slip: 记账凭证 title, unit, date, voucher number, attachment count, the lines (摘要 / 会计科目 /
借方金额 / 贷方金额), a 合计 row with the 大写 amount, and boxes for 会计主管 (the 负责人 who signs
off) / 记账 / 审核 / 出纳 / 制单. A month without vouchers still prints one headed page that says so.
Red reversals (红字冲销) print their negative amounts in red with a minus; a historical voucher the
import had to renumber shows its paper number beside the books' one (原凭证号 记-0004). A voucher with more
lines than one slip holds continues on the next slip (第 1/2 张) and totals on its last one.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Table

from assetdesk.money import format_amount, to_capital
from assetdesk.pdf.fonts import register_cjk_font
from assetdesk.pdf.page import INFO_SIZE, PageFrame, bold_text, draw_signature_line
from assetdesk.pdf.report import PADDING_X, RED, grid_style, wrap_text
from assetdesk.pdf.scope import PeriodRange, community_name, print_font
from assetdesk.periods import months_between
from assetdesk.services.aux_labels import aux_label

if TYPE_CHECKING:
    from assetdesk.services.voucher_types import LineView, VoucherView

LINES_PER_SLIP = 8
ROW_HEIGHT = 24
FONT_SIZE = 9
LEADING = 10.5
WEIGHTS = (34, 36, 15, 15)
SLIP_ROLES = ("会计主管", "记账", "审核", "出纳", "制单")
SLIP_TITLE = "记账凭证"
_GAP = 5 * mm  # between the two slips, where the page is cut or folded


@dataclass(frozen=True)
class Slip:
    """One printed slip: part ``part`` of ``parts`` of a voucher (``VoucherView``)."""

    voucher: VoucherView
    lines: tuple[LineView, ...]
    part: int
    parts: int

    @property
    def is_last(self) -> bool:
        return self.part == self.parts


def slips_of(vouchers: Iterable[VoucherView]) -> list[Slip]:
    """Vouchers cut into slips of at most ``LINES_PER_SLIP`` lines (one empty slip for no lines)."""
    slips: list[Slip] = []
    for voucher in vouchers:
        lines = tuple(voucher.lines)
        chunks = [lines[i:i + LINES_PER_SLIP] for i in range(0, len(lines), LINES_PER_SLIP)] or [()]
        slips += [Slip(voucher, chunk, n, len(chunks)) for n, chunk in enumerate(chunks, start=1)]
    return slips


def render_vouchers(path: str | Path, vouchers: Sequence[VoucherView], *, community: str, period_label: str,
                    printed_on: date, font: str | None = None) -> Path:
    """Write ``VoucherView`` objects (with lines) two slips per page."""
    choice = register_cjk_font(font)
    frame = PageFrame(SLIP_TITLE, community, period_label, printed_on, choice, signature=())
    slips: list[Slip | None] = [*slips_of(vouchers)] or [None]
    pages = [slips[i:i + 2] for i in range(0, len(slips), 2)]
    canvas = Canvas(str(path), pagesize=frame.size, initialFontName=choice.name)
    canvas.setTitle(f"{community} {SLIP_TITLE} {period_label}")
    canvas.setAuthor(community)
    for number, pair in enumerate(pages, start=1):
        _draw_page(canvas, frame, pair, number, len(pages))
        canvas.showPage()
    canvas.save()
    return Path(path)


def _draw_page(canvas: Canvas, frame: PageFrame, pair: list[Slip | None], number: int, count: int) -> None:
    frame.draw_footer(canvas, number, count)
    top = frame.size[1] - 10 * mm
    middle = frame.size[1] / 2
    for index, slip in enumerate(pair):
        slip_top = top if index == 0 else middle - _GAP / 2
        if slip is None:
            frame.draw_header(canvas)
            canvas.setFont(frame.font.name, INFO_SIZE)
            canvas.drawCentredString(frame.size[0] / 2, slip_top - 40 * mm, f"{frame.period_label}无记账凭证")
        else:
            _SlipDrawer(canvas, frame, slip).draw(slip_top)
    if pair == [None]:
        return  # nothing to cut apart
    canvas.setDash(3, 3)
    canvas.setLineWidth(0.3)
    canvas.setStrokeColor(colors.grey)
    canvas.line(frame.left, middle, frame.left + frame.width, middle)
    canvas.setDash()
    canvas.setStrokeColor(colors.black)


class _SlipDrawer:
    def __init__(self, canvas: Canvas, frame: PageFrame, slip: Slip):
        self.canvas, self.frame, self.slip, self.font = canvas, frame, slip, frame.font
        total = sum(WEIGHTS)
        self.widths = [frame.width * w / total for w in WEIGHTS]

    def draw(self, top: float) -> None:
        self._draw_title(top)
        table_top = top - 19 * mm
        table = self._table()
        _, height = table.wrapOn(self.canvas, self.frame.width, 200 * mm)
        table.drawOn(self.canvas, self.frame.left, table_top - height)
        self._draw_signatures(table_top - height - 7 * mm)

    def _draw_title(self, top: float) -> None:
        canvas, voucher = self.canvas, self.slip.voucher
        left, right = self.frame.left, self.frame.left + self.frame.width
        centre = left + self.frame.width / 2
        canvas.setFont(self.font.bold, 15)
        with bold_text(canvas, self.font.fake_bold):
            canvas.drawCentredString(centre, top - 12, SLIP_TITLE)
        canvas.setLineWidth(0.8)
        canvas.line(centre - 22 * mm, top - 16, centre + 22 * mm, top - 16)
        canvas.setLineWidth(0.4)
        canvas.line(centre - 22 * mm, top - 18.5, centre + 22 * mm, top - 18.5)
        y = top - 14 * mm
        canvas.setFont(self.font.name, INFO_SIZE)
        canvas.drawString(left, y, f"编制单位：{self.frame.community}")
        canvas.drawCentredString(centre, y, _chinese_date(voucher.date_on))
        part = f"（第 {self.slip.part}/{self.slip.parts} 张）" if self.slip.parts > 1 else ""
        original = getattr(voucher, "paper_label", "")
        paper = f"（原凭证号 {original}）" if original else ""
        canvas.drawRightString(right, y, f"凭证号：{voucher.label}{paper}{part}　附件 {voucher.attachments} 张")
        canvas.drawRightString(right, top - 5 * mm, f"单位：{self.frame.unit}")

    def _table(self) -> Table:
        header = ["摘要", "会计科目", "借方金额", "贷方金额"]
        body = [self._line_cells(line) for line in self.slip.lines]
        body += [["", "", "", ""]] * (LINES_PER_SLIP - len(body))
        data = [header] + body + [self._total_cells()]
        heights = [ROW_HEIGHT - 4] + [ROW_HEIGHT] * LINES_PER_SLIP + [ROW_HEIGHT]
        return Table(data, colWidths=self.widths, rowHeights=heights, style=self._style(data))

    def _line_cells(self, line) -> list:
        account = aux_label(line)  # 112 应收款—普洱茶源商贸有限公司: the record the line is booked to
        return [self._fit(line.summary or self.slip.voucher.summary, 0), self._fit(account, 1),
                _amount(line.debit_fen), _amount(line.credit_fen)]

    def _fit(self, text: str, column: int) -> str:
        width = self.widths[column] - 2 * PADDING_X - 1
        return "\n".join(wrap_text(text, self.font.name, FONT_SIZE, width, max_lines=2))

    def _total_cells(self) -> list:
        voucher = self.slip.voucher
        if not self.slip.is_last:
            return ["合计（续下张）", "", "", ""]
        capital = to_capital(voucher.debit_fen)
        return [f"合计　人民币（大写）：{capital}", "", _amount(voucher.debit_fen), _amount(voucher.credit_fen)]

    def _style(self, data: list) -> list:
        last = len(data) - 1
        style = grid_style(self.font.name, FONT_SIZE, LEADING, box=1.0) + [
            ("ALIGN", (0, 0), (-1, 0), "CENTER"),
            ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
            ("SPAN", (0, last), (1, last)),
            ("LINEABOVE", (0, last), (-1, last), 0.9, colors.black),
        ]
        for row, cells in enumerate(data[1:], start=1):
            style += [("TEXTCOLOR", (col, row), (col, row), RED)
                      for col in (2, 3) if cells[col].startswith("-")]
        if self.slip.voucher.debit_fen < 0 and self.slip.is_last:
            style.append(("TEXTCOLOR", (0, last), (0, last), RED))
        return style

    def _draw_signatures(self, y: float) -> None:
        voucher = self.slip.voucher
        names = {"审核": getattr(voucher, "reviewer", ""), "制单": getattr(voucher, "preparer", "")}
        left, right = self.frame.left, self.frame.left + self.frame.width
        draw_signature_line(self.canvas, self.font.name, SLIP_ROLES, left, right, y)
        slot = (right - left) / len(SLIP_ROLES)
        for index, role in enumerate(SLIP_ROLES):
            if names.get(role):
                self.canvas.drawString(left + index * slot + 14 * mm, y + 1, names[role])


def _amount(fen: int | None) -> str:
    return "" if not fen else format_amount(fen)


def _chinese_date(day: date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def posted_vouchers(books, scope: PeriodRange) -> list:
    """Posted vouchers of the range in number order, with their lines."""
    from assetdesk.services.vouchers import VoucherFilter  # the filter type is the service's

    out = []
    for period in months_between(scope.first, scope.last):
        flt = VoucherFilter(period=period, status="posted")
        offset = 0
        while True:
            rows = books.vouchers.list_vouchers(flt, order_by="number", offset=offset, limit=200)
            out += [books.vouchers.get(row.id) for row in rows]
            if len(rows) < 200:
                break
            offset += 200
    return out


def build_vouchers(books, path: str | Path, period, *, printed_on: date) -> Path:
    """All posted 记账凭证 of ``period`` (see ``PeriodRange.of``), two per page."""
    scope = PeriodRange.of(period)
    return render_vouchers(path, posted_vouchers(books, scope), community=community_name(books),
                           period_label=scope.label, printed_on=printed_on, font=print_font(books))

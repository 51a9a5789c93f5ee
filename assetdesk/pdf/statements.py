"""资产负债表 and 收益及收益分配表 printed (portrait A4) from ``StatementService``.

The balance sheet is laid out in the customary two halves: 资产 on the left, 负债和所有者权益 on
the right, each with 行次, 年初数 and 期末数. A printed row's style (合计 bold between rules) spans
both halves, so the right half is padded with blank rows until each of its subtotals sits beside a
left-hand subtotal or 净值 line, and 资产总计 shares the last row with 负债和所有者权益总计.
A balance sheet covering several months prints the last one (it is as at a month end); an income
statement over several months of one year prints them as 本期数.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.scope import PeriodRange, community_name, joined_notes, print_font, unclosed_year_note

# The 资产 column fits its longest line (减：生产性生物资产累计折旧) on one line.
BALANCE_SHEET_COLUMNS = (Column("资产", 24), Column("行次", 4, "center"), Column("年初数", 13, "amount"),
                         Column("期末数", 13, "amount"), Column("负债和所有者权益", 20),
                         Column("行次", 4, "center"), Column("年初数", 13, "amount"),
                         Column("期末数", 13, "amount"))
INCOME_COLUMNS = (Column("项目", 46), Column("行次", 8, "center"), Column("本月数", 23, "amount"),
                  Column("本年累计数", 23, "amount"))
# A statement over several months (a quarter, January to now) heads its first column 本期数.
INCOME_RANGE_COLUMNS = INCOME_COLUMNS[:2] + (Column("本期数", 23, "amount"),) + INCOME_COLUMNS[3:]
# Right-hand lines and the left-hand line they print beside (see the module docstring).
_BESIDE = {"流动负债合计": "流动资产合计", "非流动负债合计": "生产性生物资产净值", "负债合计": "固定资产净值",
           "所有者权益合计": "非流动资产合计", "负债和所有者权益总计": "资产总计"}
_STRENGTH = {"line": 0, "subtotal": 1, "total": 2}
_INDENT = "\u3000"
# Income lines printed under the 加：/ 减： of the line above, so they line up with its name.
_UNDER_PREFIX = {"税金及附加", "管理费用", "其他收入", "其他支出", "其他转入"}


def _half(lines, first_no: int) -> tuple[list[tuple], int]:
    """(label, 行次, 年初数, 期末数, kind, source label) per printed row of one half, with the
    section heading (流动资产：) above each section's first line."""
    rows: list[tuple] = []
    number, section = first_no, None
    for line in lines:
        if line.section and line.section != section:
            rows.append((line.section + "：", "", None, None, "line", ""))
        section = line.section or section
        label = line.label if line.kind != "line" else _INDENT + line.label
        rows.append((label, number, line.year_start_fen, line.closing_fen, line.kind, line.label))
        number += 1
    return rows, number


def _align(left: list[tuple], right: list[tuple]) -> list[tuple | None]:
    """Pad ``right`` with blank rows (None) so each line named in ``_BESIDE`` prints on the row of
    its left partner; when that line closes a section the blank rows go above the section heading."""
    where = {row[5]: index for index, row in enumerate(left)}
    out: list[tuple | None] = []
    for index, row in enumerate(right):
        partner = _BESIDE.get(row[5])
        if partner in where:
            target = where[partner]
            block = _section_block(right, index, out)
            out[len(out) - block:len(out) - block] = [None] * max(0, target - len(out))
        out.append(row)
    return out


def _section_block(right: list[tuple], index: int, out: list[tuple | None]) -> int:
    """How many rows already placed belong to the section ``right[index]`` closes (so padding goes
    above its heading); 0 for a line that follows another subtotal (负债合计)."""
    if index and right[index - 1][4] != "line":
        return 0
    count = 0
    for row in reversed(out):
        if row is None:
            break
        count += 1
        if row[1] == "":
            return count
    return 0


def balance_sheet_rows(sheet) -> list[Row]:
    left, next_no = _half(sheet.side("asset"), 1)
    right, _ = _half(sheet.side("liability_equity"), next_no)
    beside = _align(left, right)
    height = max(len(left), len(beside))
    padded_left: list[tuple | None] = [*left, *[None] * (height - len(left))]
    padded_right = beside + [None] * (height - len(beside))
    rows = []
    for a, b in zip(padded_left, padded_right):
        cells = (a or ("", "", None, None))[:4] + (b or ("", "", None, None))[:4]
        kinds = [r[4] for r in (a, b) if r]
        rows.append(Row(cells, max(kinds, key=_STRENGTH.__getitem__) if kinds else "line"))
    return rows


def _sheet_note(sheet) -> str:
    if sheet.balanced:
        return ""
    return "注意：资产总计与负债和所有者权益总计不相等，请检查期初余额和试算平衡"




def income_rows(statement) -> list[Row]:
    rows = []
    for number, line in enumerate(statement.lines, start=1):
        label = ("\u3000\u3000" + line.label) if line.label in _UNDER_PREFIX else line.label
        month = "" if line.month_fen is None else line.month_fen
        rows.append(Row((label, number, month, line.ytd_fen), line.kind))
    return rows


def build_balance_sheet(books, path: str | Path, period, *, printed_on: date) -> Path:
    """资产负债表 at the end of the last month of ``period`` (see ``PeriodRange.of``)."""
    last = PeriodRange.of(period).last
    sheet = books.statements.balance_sheet(last)
    label = f"{last.year}年{last.month}月{last.last_day.day}日"
    note = joined_notes(_sheet_note(sheet), unclosed_year_note(books, last))
    spec = ReportSpec("资产负债表", community_name(books), label, columns=BALANCE_SHEET_COLUMNS,
                      sections=[Section(balance_sheet_rows(sheet), note)],
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)


def build_income_statement(books, path: str | Path, period, *, printed_on: date) -> Path:
    """收益及收益分配表 of ``period``: 本月数 (本期数 over several months of one year) and
    本年累计数 to its last month."""
    scope = PeriodRange.of(period)
    statement = books.statements.income_statement(scope.last, first=scope.first)
    columns = INCOME_COLUMNS if statement.monthly else INCOME_RANGE_COLUMNS
    spec = ReportSpec("收益及收益分配表", community_name(books), scope.label, columns=columns,
                      sections=[Section(income_rows(statement), unclosed_year_note(books, scope.last))],
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)

"""Exports of the books: any sheet kind (re-importable), and the 科目余额表 the district asks for."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from openpyxl import Workbook

from assetdesk.errors import InputError
from assetdesk.periods import Period, PeriodRange

from .kinds import KINDS, SheetKind
from .writer import OutColumn, add_table_sheet

if TYPE_CHECKING:
    from assetdesk.services.books import Books
    from assetdesk.services.ledger import TrialBalanceRow

TRIAL_BALANCE_COLUMNS = [
    OutColumn("科目编码", width=12), OutColumn("科目名称", "indented", width=28),
    OutColumn("期初借方", "amount"), OutColumn("期初贷方", "amount"),
    OutColumn("本期借方", "amount"), OutColumn("本期贷方", "amount"),
    OutColumn("本年累计借方", "amount"), OutColumn("本年累计贷方", "amount"),
    OutColumn("期末借方", "amount"), OutColumn("期末贷方", "amount"),
]


def kind_by_name(kind: str | SheetKind) -> SheetKind:
    if isinstance(kind, SheetKind):
        return kind
    if kind not in KINDS:
        raise InputError(f"不支持的导入导出类型“{kind}”", "可用：" + "、".join(KINDS))
    return KINDS[kind]


def community_name(books: Books) -> str:
    book = books.org.book()
    return book.community_name if book else ""


def export_file(books: Books, kind: str | SheetKind, path: str | Path, period: object = None,
                year: int | str | None = None) -> Path:
    """Write ``kind``'s records to ``path``; the file re-imports unchanged. ``period``/``year``
    select the months of a journal (vouchers) and are ignored by master-data kinds."""
    sheet_kind = kind_by_name(kind)
    columns = [OutColumn(spec.header, spec.type, spec.width) for spec in sheet_kind.written_columns]
    keys = [spec.key for spec in sheet_kind.written_columns]
    rows = ([record.get(key) for key in keys] for record in sheet_kind.export_rows(books, period=period, year=year))
    title = sheet_kind.export_title(period=period, year=year)
    workbook = Workbook(write_only=True)
    full_title = " ".join(part for part in (community_name(books), title) if part)
    add_table_sheet(workbook, sheet_kind.title, full_title, sheet_kind.unit, columns, rows)
    path = Path(path)
    workbook.save(path)
    return path


def export_trial_balance(books: Books, path: str | Path, period_from: Period | str,
                         period_to: Period | str | None = None) -> Path:
    """科目余额表 for the months, every level, with the level-1 totals as a 合计 row (which the
    reader skips, so the sheet also reads back as data). Headed like the printed report: the
    same period wording and 试算结果; sub-accounts set in under their parent, zeros left blank."""
    first = Period.parse(period_from)
    last = Period.parse(period_to) if period_to else first
    balance = books.ledger.trial_balance(first, last)
    rows = [_tb_values(row.code, (row.level, row.name), row) for row in balance.rows]
    rows.append(_tb_values("合计", None, balance.totals))
    title = " ".join(part for part in (community_name(books), f"科目余额表（{PeriodRange(first, last).label}）")
                     if part)
    workbook = Workbook(write_only=True)
    add_table_sheet(workbook, "科目余额表", title, "元", TRIAL_BALANCE_COLUMNS, rows, note=balance.balance_note)
    path = Path(path)
    workbook.save(path)
    return path


def _tb_values(code: str, name: tuple[int, str] | None, row: TrialBalanceRow) -> list[Any]:
    """Zeros blank, as printed: a column of 0.00 hides the figures that matter."""
    return [code, name, row.opening_debit_fen or None, row.opening_credit_fen or None, row.debit_fen or None,
            row.credit_fen or None, row.ytd_debit_fen or None, row.ytd_credit_fen or None,
            row.closing_debit_fen or None, row.closing_credit_fen or None]

"""辅助余额表 and 辅助明细账 as worksheets: the same figures as the printed reports (pdf.aux_reports).

The 辅助余额表 sheet keeps 借/贷 and the amount in two columns for 期初 and 期末, as printed, and ends
with the 合计 row; the 辅助明细账 sheet lists every record's entries with the record in the first
columns, so the clerk can filter one 往来单位 in Excel. With no account named (every account that
declares a 辅助核算), each row also carries its account and dimension, as the 明细账 sheet does.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from assetdesk.periods import Period, PeriodRange

from .writer import export_table

if TYPE_CHECKING:
    from assetdesk.dimensions import Dimension
    from assetdesk.services.aux_ledger import AuxBalanceRow
    from assetdesk.services.books import Books

CODE_HEADERS = {"counterparty": "证件号码", "compound": "小区编码"}
LEDGER_COLUMNS = [("日期", "date"), ("凭证号", "text"), ("摘要", "text"), ("借方", "amount"),
                  ("贷方", "amount"), ("借或贷", "text"), ("余额", "amount")]
BALANCE_COLUMNS = [("期初方向", "text"), ("期初余额", "amount"), ("本期借方", "amount"), ("本期贷方", "amount"),
                   ("本年累计借方", "amount"), ("本年累计贷方", "amount"), ("期末方向", "text"), ("期末余额", "amount")]
ACCOUNT_COLUMNS = [("科目编码", "text"), ("科目名称", "text"), ("辅助核算", "text")]


def _community(books: Books) -> str:
    book = books.org.book()
    return book.community_name if book else ""


def _label(first: Period, last: Period) -> str:
    return PeriodRange(first, last).label


def _targets(books: Books, account: str | None,
             dimension: Dimension | str | None) -> list[tuple[str, Dimension | str | None]]:
    if account and account.strip():
        return [(account.strip(), dimension)]
    return list(books.aux.declared(dimension))


def _record_columns(dimension: Dimension | None) -> list[tuple[str, str]]:
    if dimension is None:
        return [("编码", "text"), ("核算项目", "text")]
    return [(CODE_HEADERS.get(dimension.key, "编码"), "text"), (dimension.label, "text")]


def _balance_values(row: AuxBalanceRow) -> list[Any]:
    """Zeros of the movements blank, as printed; balances always shown with their side."""
    return [row.code, row.name, row.opening_direction, row.opening_amount_fen, row.debit_fen or None,
            row.credit_fen or None, row.ytd_debit_fen or None, row.ytd_credit_fen or None, row.closing_direction,
            row.closing_amount_fen]


def export_aux_balance(books: Books, path: Path, first: Period, last: Period, account: str | None,
                       dimension: Dimension | str | None = None) -> Path:
    balances = [books.aux.balance(code, first, last, dim) for code, dim in _targets(books, account, dimension)]
    if account and balances:
        balance = balances[0]
        rows = [_balance_values(row) for row in (*balance.rows, balance.totals)]
        title = (f"辅助余额表 {balance.account_code} {balance.account_name}（{balance.dimension.label}）"
                 f"（{_label(first, last)}）")
        columns = _record_columns(balance.dimension) + BALANCE_COLUMNS
    else:
        rows = [[b.account_code, b.account_name, b.dimension.label, *_balance_values(row)]
                for b in balances for row in (*b.rows, b.totals)]
        title = f"辅助余额表（{_label(first, last)}）"
        columns = ACCOUNT_COLUMNS + _record_columns(None) + BALANCE_COLUMNS
    return export_table(path, title, "元", columns, rows, _community(books), sheet_name="辅助余额表")


def export_aux_ledger(books: Books, path: Path, first: Period, last: Period, account: str | None,
                      dimension: Dimension | str | None = None, counterparty: str | int | None = None,
                      compound: str | int | None = None) -> Path:
    implied = dimension or ("counterparty" if counterparty else "compound" if compound else None)
    sections = [section for code, dim in _targets(books, account, implied)
                for section in books.aux.ledger(code, first, last, dimension=dim, counterparty=counterparty,
                                                compound=compound)]
    entries: list[list[Any]] = [
        [s.record.code, s.record.name, e.date_on, e.voucher_label, e.summary, e.debit_fen or None,
         e.credit_fen or None, e.direction, e.balance_fen] for s in sections for e in s.entries]
    one = f" {sections[0].record.name}" if sections and (counterparty or compound) else ""
    if account:
        code = account.strip()
        dim = sections[0].dimension if sections else books.aux.dimension_for(code, implied)
        title = f"辅助明细账 {code} {books.accounts.get(code).full_name}{one}（{_label(first, last)}）"
        columns, rows = _record_columns(dim) + LEDGER_COLUMNS, entries
    else:
        accounts: list[list[Any]] = [[s.account_code, s.account_name, s.dimension.label]
                                     for s in sections for _ in s.entries]
        rows = [head + entry for head, entry in zip(accounts, entries)]
        title = f"辅助明细账{one}（{_label(first, last)}）"
        columns = ACCOUNT_COLUMNS + _record_columns(None) + LEDGER_COLUMNS
    return export_table(path, title, "元", columns, rows, _community(books), sheet_name="辅助明细账")

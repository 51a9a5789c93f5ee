"""辅助余额表 and 辅助明细账 as worksheets: the same figures as the printed reports (pdf.aux_reports).

The 辅助余额表 sheet keeps 借/贷 and the amount in two columns for 期初 and 期末, as printed, and ends
with the 合计 row; the 辅助明细账 sheet lists every record's entries with the record in the first
columns, so the clerk can filter one 往来单位 in Excel.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from assetdesk.periods import Period
from assetdesk.services.aux_ledger import required_account

from .writer import export_table

CODE_HEADERS = {"counterparty": "证件号码", "compound": "小区编码"}
LEDGER_COLUMNS = [("日期", "date"), ("凭证号", "text"), ("摘要", "text"), ("借方", "amount"),
                  ("贷方", "amount"), ("借或贷", "text"), ("余额", "amount")]


def _community(books: Any) -> str:
    book = books.org.book()
    return book.community_name if book else ""


def _label(first: Period, last: Period) -> str:
    from assetdesk.pdf.scope import PeriodRange  # plain values: loads no PDF library

    return PeriodRange(first, last).label


def balance_columns(dimension) -> list[tuple[str, str]]:
    return [(CODE_HEADERS.get(dimension.key, "编码"), "text"), (dimension.label, "text"),
            ("期初方向", "text"), ("期初余额", "amount"), ("本期借方", "amount"), ("本期贷方", "amount"),
            ("本年累计借方", "amount"), ("本年累计贷方", "amount"), ("期末方向", "text"), ("期末余额", "amount")]


def _balance_values(row: Any) -> list[Any]:
    """Zeros of the movements blank, as printed; balances always shown with their side."""
    return [row.code, row.name, row.opening_direction, row.opening_amount_fen, row.debit_fen or None,
            row.credit_fen or None, row.ytd_debit_fen or None, row.ytd_credit_fen or None, row.closing_direction,
            row.closing_amount_fen]


def export_aux_balance(books: Any, path: Path, first: Period, last: Period, account: str | None,
                       dimension: Any = None) -> Path:
    balance = books.aux.balance(required_account(account, "辅助余额表"), first, last, dimension)
    rows = [_balance_values(row) for row in balance.rows] + [_balance_values(balance.totals)]
    title = (f"辅助余额表 {balance.account_code} {balance.account_name}（{balance.dimension.label}）"
             f"（{_label(first, last)}）")
    return export_table(path, title, "元", balance_columns(balance.dimension), rows, _community(books),
                        sheet_name="辅助余额表")


def export_aux_ledger(books: Any, path: Path, first: Period, last: Period, account: str | None,
                      dimension: Any = None, counterparty: Any = None, compound: Any = None) -> Path:
    code = required_account(account, "辅助明细账")
    sections = books.aux.ledger(code, first, last, dimension=dimension, counterparty=counterparty, compound=compound)
    implied = dimension or ("counterparty" if counterparty else "compound" if compound else None)
    dim = sections[0].dimension if sections else books.aux.dimension_for(code, implied)
    rows = [[s.record.code, s.record.name, e.date_on, e.voucher_label, e.summary, e.debit_fen or None,
             e.credit_fen or None, e.direction, e.balance_fen] for s in sections for e in s.entries]
    columns = [(CODE_HEADERS.get(dim.key, "编码"), "text"), (dim.label, "text"), *LEDGER_COLUMNS]
    name = books.accounts.get(code).full_name
    one = f" {sections[0].record.name}" if len(sections) == 1 and (counterparty or compound) else ""
    title = f"辅助明细账 {code} {name}{one}（{_label(first, last)}）"
    return export_table(path, title, "元", columns, rows, _community(books), sheet_name="辅助明细账")

"""The data of a printed report as one worksheet (the preview's 导出Excel): same figures, plain cells.

科目余额表 → ``export_trial_balance``; 明细账 / 日记账 → a table of the ledger entries (every leaf
account with postings, with a 科目 column, when no account is chosen); 记账凭证 → the re-importable
vouchers sheet of a month or a year; 会计科目表 → the accounts sheet; 辅助余额表 / 辅助明细账 → the
account's sub-ledger by record (``aux_sheets``); 资产台账 / 闲置资产 → ``asset_sheets``.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from assetdesk.periods import Period, PeriodRange
from assetdesk.services.ledger import journal_account_code, shows_in_all_accounts_ledger

from .asset_sheets import export_asset_register, export_idle_assets
from .aux_sheets import export_aux_balance, export_aux_ledger
from .exports import export_file, export_trial_balance
from .lease_report_sheets import export_arrears, export_lease_register, export_receipt, export_rent_ledger
from .writer import export_table

if TYPE_CHECKING:
    from assetdesk.services.books import Books
    from assetdesk.services.ledger import LedgerEntry

LEDGER_COLUMNS = [("日期", "date"), ("凭证号", "text"), ("摘要", "text"), ("借方", "amount"),
                  ("贷方", "amount"), ("借或贷", "text"), ("余额", "amount")]


def _community(books: Books) -> str:
    book = books.org.book()
    return book.community_name if book else ""


def _label(first: Period, last: Period) -> str:
    """The same period wording as the printed report (2025年3月, 2025年1月—3月, 2025年度)."""
    return PeriodRange(first, last).label


def _entry_values(entry: LedgerEntry) -> list[Any]:
    """A ledger line as printed: 本日合计 carries its day, as on the page."""
    return [entry.date_on, entry.voucher_label, entry.summary,
            entry.debit_fen or None, entry.credit_fen or None, entry.direction, entry.balance_fen]


def _trial_balance(books: Books, path: str | Path, first: Period, last: Period, account: str | None) -> Path:
    return export_trial_balance(books, path, first, last)


def _chart(books: Books, path: str | Path, first: Period, last: Period, account: str | None) -> Path:
    return export_file(books, "accounts", path)


def _vouchers(books: Books, path: str | Path, first: Period, last: Period, account: str | None) -> Path:
    """The same months as the printed vouchers, re-importable."""
    return export_file(books, "vouchers", path, period=(first, last))


def _journal(books: Books, path: str | Path, first: Period, last: Period, account: str | None) -> Path:
    """One journal; with no account, the cash and the bank journal one after the other with a 科目
    column, as the printed report binds both."""
    names = {a.code: a.full_name for a in books.accounts.list_accounts()}
    if account is None:
        rows = [[code, names.get(code, ""), *_entry_values(entry)]
                for code in ("101", "102") for entry in books.ledger.journal(code, first, last)]
        columns = [("科目编码", "text"), ("科目名称", "text"), *LEDGER_COLUMNS]
        return export_table(path, f"现金日记账、银行存款日记账（{_label(first, last)}）", "元", columns, rows,
                            _community(books))
    code = journal_account_code(account)
    entries = books.ledger.journal(code, first, last)
    book = "现金日记账" if code.startswith("101") else "银行存款日记账" if code.startswith("102") else "日记账"
    kind = book if code in ("101", "102") else f"{book} {code} {names.get(code, '')}"
    return export_table(path, f"{kind}（{_label(first, last)}）", "元", LEDGER_COLUMNS,
                        (_entry_values(e) for e in entries), _community(books), sheet_name=book)


def _ledger(books: Books, path: str | Path, first: Period, last: Period, account: str | None) -> Path:
    accounts = books.accounts.list_accounts()
    names = {a.code: a.full_name for a in accounts}
    if account:
        entries = books.ledger.account_ledger(account, first, last)
        title = f"明细分类账 {account} {names.get(account, '')}（{_label(first, last)}）"
        return export_table(path, title, "元", LEDGER_COLUMNS, (_entry_values(e) for e in entries), _community(books),
                            sheet_name=f"明细分类账 {account}")
    rows: list[list[Any]] = []
    for row in accounts:
        if row.is_leaf:
            entries = books.ledger.account_ledger(row.code, first, last)
            if shows_in_all_accounts_ledger(entries):
                rows.extend([row.code, names[row.code], *_entry_values(entry)] for entry in entries)
    columns = [("科目编码", "text"), ("科目名称", "text"), *LEDGER_COLUMNS]
    return export_table(path, f"明细分类账（{_label(first, last)}）", "元", columns, rows, _community(books))


def _balance_sheet(books: Books, path: str | Path, first: Period, last: Period, account: str | None) -> Path:
    """资产负债表 of the last month: one row per line, 资产 first, then 负债和所有者权益."""
    sheet = books.statements.balance_sheet(last)
    sides = {"asset": "资产", "liability_equity": "负债和所有者权益"}
    rows = [[sides.get(line.side, line.side), line.label, number, line.year_start_fen or None, line.closing_fen or None]
            for number, line in enumerate(sheet.lines, start=1)]
    columns = [("类别", "text"), ("项目", "text"), ("行次", "int"), ("年初数", "amount"), ("期末数", "amount")]
    day = last.last_day  # a balance is of a day, as printed: 2026年10月31日
    return export_table(path, f"资产负债表（{day.year}年{day.month}月{day.day}日）", "元", columns, rows,
                        _community(books))


def _income_statement(books: Books, path: str | Path, first: Period, last: Period, account: str | None) -> Path:
    statement = books.statements.income_statement(last, first=first)
    rows = [[line.label, number, line.month_fen or None, line.ytd_fen or None]  # blank zeros, as printed
            for number, line in enumerate(statement.lines, start=1)]
    columns = [("项目", "text"), ("行次", "int"), ("本月数" if statement.monthly else "本期数", "amount"),
               ("本年累计数", "amount")]
    return export_table(path, f"收益及收益分配表（{_label(first, last)}）", "元", columns, rows, _community(books))


# report name (as in assetdesk.pdf.REPORTS) → writer(books, path, first, last, account, **aux) -> Path
REPORT_SHEETS: dict[str, Callable[..., Path]] = {
    "trial-balance": _trial_balance, "ledger": _ledger, "journal": _journal, "vouchers": _vouchers, "chart": _chart,
    "balance-sheet": _balance_sheet, "income-statement": _income_statement,
    "aux-balance": export_aux_balance, "aux-ledger": export_aux_ledger,
    "asset-register": export_asset_register, "idle-assets": export_idle_assets,
    "lease-register": export_lease_register, "rent-ledger": export_rent_ledger, "arrears": export_arrears,
    "receipt": export_receipt,
}
# of today (the 欠租账龄表 of its as_of), as printed: no months to cut
UNDATED_SHEETS = ("chart", "asset-register", "idle-assets", "lease-register", "arrears", "receipt")


def export_report(books: Books, name: str, path: str | Path, first: Period, last: Period,
                  account: str | None = None, **aux: Any) -> Path:
    """Write report ``name``'s data for the months ``first``…``last`` to ``path`` (.xlsx), cut to
    the months the books hold as the printed report is (``PeriodService.reportable``). ``aux``:
    the options of the 辅助 reports (``assetdesk.pdf.reports.AUX_OPTIONS``), unset ones left out."""
    if name not in UNDATED_SHEETS:
        first, last = books.periods.reportable(first, last)
    aux = {key: value for key, value in aux.items() if value is not None and value != ""}
    return REPORT_SHEETS[name](books, Path(path), first, last, account, **aux)

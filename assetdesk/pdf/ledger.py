"""明细账: one account, or every account with postings, one account per section (DOMAIN §3.2).

Each section opens with 期初余额 (上年结转 in January), lists the lines with a running balance and
借/贷/平, closes each month with 本月合计 and 本年累计, and carries 承前页 / 过次页 across pages.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Sequence

from assetdesk.pdf.paging import CarryForward
from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.scope import PeriodRange, community_name, print_font

LEDGER_COLUMNS = (
    Column("日期", 21, "center"),
    Column("凭证号", 16, "center"),
    Column("摘要", 53),
    Column("借方", 24, "amount"),
    Column("贷方", 24, "amount"),
    Column("借或贷", 11, "center"),
    Column("余额", 24, "amount", blank_zero=False),
)
LEDGER_CARRY = CarryForward(label_column=2, debit_column=3, credit_column=4, balance_column=6,
                            direction_column=5)


def ledger_rows(entries: Sequence) -> list[Row]:
    """``LedgerEntry`` objects (services.ledger) as printed rows; debit/credit stay blank on 期初."""
    rows = []
    for entry in entries:
        day = entry.date_on.isoformat() if entry.date_on else ""
        if entry.kind == "opening":
            cells = (day, "", entry.summary, None, None, entry.direction, entry.balance_fen)
        else:
            cells = (day, entry.voucher_label, entry.summary, entry.debit_fen, entry.credit_fen,
                     entry.direction, entry.balance_fen)
        rows.append(Row(cells, entry.kind))
    return rows


def build_ledger(books, path: str | Path, period, *, account: str | None = None,
                 printed_on: date) -> Path:
    """明细账 for ``period`` (see ``PeriodRange.of``): of ``account`` (a code, with its
    sub-accounts) or, when None, of every leaf account with postings in the range (postings that
    a red reversal cancels still count: the auditor must see both)."""
    scope = PeriodRange.of(period)
    accounts = books.accounts.list_accounts()
    names = {a.code: a.full_name or a.name for a in accounts}
    codes = [account] if account else [a.code for a in accounts if a.is_leaf]
    sections = []
    for code in codes:
        entries = books.ledger.account_ledger(code, scope.first, scope.last)
        if account or any(entry.kind == "line" for entry in entries):
            sections.append(Section(ledger_rows(entries), f"科目：{code} {names.get(code, '')}"))
    spec = ReportSpec("明细分类账", community_name(books), scope.label, columns=LEDGER_COLUMNS,
                      sections=sections or [Section([], "本期无发生额")], carry=LEDGER_CARRY,
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)


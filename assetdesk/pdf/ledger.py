"""明细账: one account, or every account with postings or a balance, one per section (DOMAIN §3.2).

Each section opens with 期初余额 (上年结转 in January), lists the lines with a running balance and
借/贷/平, closes each month with 本月合计 and 本年累计, and carries 承前页 / 过次页 across pages.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Sequence

from assetdesk.pdf.paging import CarryForward
from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.scope import PeriodRange, community_name, print_font
from assetdesk.services.ledger import shows_in_all_accounts_ledger

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
# 损益 accounts keep 本年累计, so their 过次页 carries the year to date (会计基础工作规范 §61).
YEAR_TO_DATE_CARRY = replace(LEDGER_CARRY, year_to_date=True)
PROFIT_AND_LOSS_CATEGORY = "损益"


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


def ledger_section(entries: Sequence, heading: str, year_to_date: bool = False) -> Section:
    """One account's pages; ``year_to_date`` makes 过次页 carry from January (see the module)."""
    if not year_to_date:
        return Section(ledger_rows(entries), heading)
    return Section(ledger_rows(entries), heading, carry=YEAR_TO_DATE_CARRY, carry_start=_ytd_before(entries))


def _ytd_before(entries: Sequence) -> tuple[int, int]:
    """Debit and credit of the year before the first entry: the first 本年累计 less the lines
    printed above it."""
    debit = credit = 0
    for entry in entries:
        if entry.kind == "year_total":
            return entry.debit_fen - debit, entry.credit_fen - credit
        if entry.kind == "line":
            debit += entry.debit_fen
            credit += entry.credit_fen
    return 0, 0


def build_ledger(books, path: str | Path, period, *, account: str | None = None,
                 printed_on: date) -> Path:
    """明细账 for ``period`` (see ``PeriodRange.of``): of ``account`` (a code, with its
    sub-accounts) or, when None, of every leaf account the auditor must see: those with postings
    in the range (postings that a red reversal cancels still count) and those holding a balance
    without postings (固定资产, 资本 …), which print 期初, 本月合计 and 本年累计."""
    scope = PeriodRange.of(period)
    accounts = books.accounts.list_accounts()
    names = {a.code: a.full_name or a.name for a in accounts}
    categories = {a.code: a.category for a in accounts}
    codes = [account] if account else [a.code for a in accounts if a.is_leaf]
    sections = []
    for code in codes:
        entries = books.ledger.account_ledger(code, scope.first, scope.last)
        if account or shows_in_all_accounts_ledger(entries):
            sections.append(ledger_section(entries, f"科目：{code} {names.get(code, '')}",
                                           categories.get(code) == PROFIT_AND_LOSS_CATEGORY))
    spec = ReportSpec("明细分类账", community_name(books), scope.label, columns=LEDGER_COLUMNS,
                      sections=sections or [Section([], "本期无发生额")], carry=LEDGER_CARRY,
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)


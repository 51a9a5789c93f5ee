"""现金日记账 / 银行存款日记账: every receipt and payment in order, 本日合计 with the day's balance.

Laid out like the 明细账 (and carried forward the same way); only the headings differ, because a
cashier reads 收入 / 支出 where an accountant reads 借方 / 贷方.
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from assetdesk.pdf.ledger import LEDGER_CARRY, LEDGER_COLUMNS, ledger_rows
from assetdesk.pdf.report import ReportSpec, Section, render_table_report
from assetdesk.pdf.scope import PeriodRange, community_name, print_font

CASH, BANK = "101", "102"
_ALIASES = {"cash": CASH, "现金": CASH, "bank": BANK, "银行": BANK, "银行存款": BANK}
JOURNAL_COLUMNS = tuple(
    replace(column, header={"借方": "借方\n（收入）", "贷方": "贷方\n（支出）"}.get(column.header, column.header))
    for column in LEDGER_COLUMNS
)


def journal_code(account: str | None) -> str:
    """``None``/"cash" → 101, "bank" → 102; a code (101, 10201 ...) passes through."""
    text = (account or "cash").strip()
    return _ALIASES.get(text.lower(), text)


def journal_title(code: str) -> str:
    return "银行存款日记账" if code.startswith(BANK) else "现金日记账"


def build_journal(books, path: str | Path, period, *, account: str | None = None,
                  printed_on: date) -> Path:
    """The cash (default) or bank journal for ``period``; ``account`` is "cash", "bank" or a code."""
    scope = PeriodRange.of(period)
    code = journal_code(account)
    entries = books.ledger.journal(code, scope.first, scope.last)
    name = books.accounts.get(code).full_name or books.accounts.get(code).name
    spec = ReportSpec(journal_title(code), community_name(books), scope.label,
                      columns=JOURNAL_COLUMNS,
                      sections=[Section(ledger_rows(entries), f"科目：{code} {name}")],
                      carry=LEDGER_CARRY, printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)

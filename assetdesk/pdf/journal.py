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
from assetdesk.services.chart import BANK
from assetdesk.services.ledger import journal_account_code

JOURNAL_COLUMNS = tuple(
    replace(column, header={"借方": "借方\n（收入）", "贷方": "贷方\n（支出）"}.get(column.header, column.header))
    for column in LEDGER_COLUMNS
)


def journal_title(code: str) -> str:
    return "银行存款日记账" if code.startswith(BANK) else "现金日记账"


def build_journal(books, path: str | Path, period, *, account: str | None = None,
                  printed_on: date) -> Path:
    """The cash (default) or bank journal for ``period``; ``account`` is "cash", "bank" or a code.

    A cashier keeps one 日记账 per account: when the chosen account has sub-accounts (基本存款户,
    专户 …) each gets its own section with its own balance and 本日合计; a sub-account with
    neither postings nor a balance in the range is left out."""
    scope = PeriodRange.of(period)
    code = journal_account_code(account)
    chosen = books.accounts.get(code)
    leaves = [a for a in books.accounts.list_accounts() if a.is_leaf and a.code.startswith(code)]
    sections = []
    for leaf in leaves if len(leaves) > 1 else [chosen]:
        entries = books.ledger.journal(leaf.code, scope.first, scope.last)
        if len(leaves) > 1 and not any(entry.kind == "line" or entry.balance_fen for entry in entries):
            continue
        sections.append(Section(ledger_rows(entries), f"科目：{leaf.code} {leaf.full_name or leaf.name}"))
    spec = ReportSpec(journal_title(code), community_name(books), scope.label,
                      columns=JOURNAL_COLUMNS,
                      sections=sections or [Section([], f"科目：{code} {chosen.full_name or chosen.name}"
                                                        "（本期无发生额）")],
                      carry=LEDGER_CARRY, printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)

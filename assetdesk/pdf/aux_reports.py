"""辅助余额表 and 辅助明细账: an account's sub-ledger by 往来单位 or 小区 (services.aux_ledger).

The 辅助余额表 prints one row per record with 期初 / 期末 as 借/贷 and an amount, the period's and the
year's debits and credits, and a 合计 row equal to the account's line of the 科目余额表 — the
（未指定往来单位） row holds what names no record, so an auditor can tick the two against each other.
The 辅助明细账 prints one section per record exactly like the 明细账 (承前页 / 过次页, 本月合计 /
本年累计), headed with the account and the record.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from assetdesk.pdf.ledger import LEDGER_CARRY, LEDGER_COLUMNS, PROFIT_AND_LOSS_CATEGORY, ledger_section
from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.scope import PeriodRange, community_name, print_font
from assetdesk.services.aux_ledger import required_account

# what identifies a record in print, beside its name
CODE_HEADERS = {"counterparty": "证件号码", "compound": "小区编码"}
AUX_BALANCE_GROUPS = (("期初余额", 2, 3), ("本期发生额", 4, 5), ("本年累计发生额", 6, 7), ("期末余额", 8, 9))


def aux_balance_columns(dimension) -> tuple[Column, ...]:
    """编码, the record's name under the dimension's label (往来单位), then the four pairs."""
    side, amount = Column("方向", 7, "center"), Column("金额", 21, "amount", blank_zero=False)
    return (Column(CODE_HEADERS.get(dimension.key, "编码"), 27), Column(dimension.label, 36), side, amount,
            Column("借方", 21, "amount"), Column("贷方", 21, "amount"), Column("借方", 21, "amount"),
            Column("贷方", 21, "amount"), side, amount)


def aux_balance_rows(balance) -> list[Row]:
    """Rows of an ``AuxBalance`` and its 合计 row."""
    return [Row(_cells(row)) for row in balance.rows] + [Row(_cells(balance.totals), "total")]


def _cells(row) -> tuple:
    return (row.code, row.name, row.opening_direction, row.opening_amount_fen, row.debit_fen, row.credit_fen,
            row.ytd_debit_fen, row.ytd_credit_fen, row.closing_direction, row.closing_amount_fen)


def build_aux_balance(books, path: str | Path, period, *, account: str | None, dimension=None,
                      printed_on: date) -> Path:
    """辅助余额表 of ``account`` (with its sub-accounts) by ``dimension`` (default: the account's
    first) for ``period`` (see ``PeriodRange.of``)."""
    scope = PeriodRange.of(period)
    balance = books.aux.balance(required_account(account, "辅助余额表"), scope.first, scope.last, dimension)
    spec = ReportSpec("辅助余额表", community_name(books), scope.label, columns=aux_balance_columns(balance.dimension),
                      groups=AUX_BALANCE_GROUPS, landscape=True,
                      sections=[Section(aux_balance_rows(balance), balance.heading)],
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)


def build_aux_ledger(books, path: str | Path, period, *, account: str | None, dimension=None,
                     counterparty=None, compound=None, printed_on: date) -> Path:
    """辅助明细账 of ``account`` for ``period``: of one 往来单位 / 小区 (name, 证件号码 or code) or,
    when none is named, of every record with a balance or postings, one section each."""
    scope = PeriodRange.of(period)
    code = required_account(account, "辅助明细账")
    sections = books.aux.ledger(code, scope.first, scope.last, dimension=dimension,
                                counterparty=counterparty, compound=compound)
    year_to_date = books.accounts.get(code).category == PROFIT_AND_LOSS_CATEGORY
    printed = [ledger_section(s.entries, s.heading, year_to_date) for s in sections]
    empty = Section([], f"科目：{code} {books.accounts.get(code).full_name}　本期无发生额")
    spec = ReportSpec("辅助明细账", community_name(books), scope.label, columns=LEDGER_COLUMNS,
                      sections=printed or [empty], carry=LEDGER_CARRY,
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)

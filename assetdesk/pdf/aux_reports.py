"""辅助余额表 and 辅助明细账: an account's sub-ledger by 往来单位 or 小区 (services.aux_ledger).

The 辅助余额表 prints one row per record with 期初 / 期末 as 借/贷 and an amount, the period's and the
year's debits and credits, and a 合计 row equal to the account's line of the 科目余额表 — the
（未指定往来单位） row holds what names no record, so an auditor can tick the two against each other.
The 辅助明细账 prints one section per record exactly like the 明细账 (承前页 / 过次页, 本月合计 /
本年累计), headed with the account and the record. With no account named, both print every account
the chart declares a 辅助核算 for, one section (or run of sections) each.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from assetdesk.pdf.ledger import LEDGER_CARRY, LEDGER_COLUMNS, PROFIT_AND_LOSS_CATEGORY, ledger_section
from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.scope import PeriodRange, community_name, print_font

# what identifies a record in print, beside its name
CODE_HEADERS = {"counterparty": "证件号码", "compound": "小区编码"}
AUX_BALANCE_GROUPS = (("期初余额", 2, 3), ("本期发生额", 4, 5), ("本年累计发生额", 6, 7), ("期末余额", 8, 9))
NO_DECLARATION = "科目表中没有设置辅助核算的科目（在“设置”中为科目设置辅助核算，如 112 应收款—往来单位）"


def aux_balance_columns(dimension=None) -> tuple[Column, ...]:
    """编码, the record's name under the dimension's label (往来单位), then the four pairs; several
    dimensions in one report print under 编码 / 核算项目."""
    code = CODE_HEADERS.get(dimension.key, "编码") if dimension else "编码"
    side, amount = Column("方向", 7, "center"), Column("金额", 21, "amount", blank_zero=False)
    return (Column(code, 27), Column(dimension.label if dimension else "核算项目", 36), side, amount,
            Column("借方", 21, "amount"), Column("贷方", 21, "amount"), Column("借方", 21, "amount"),
            Column("贷方", 21, "amount"), side, amount)


def aux_balance_rows(balance) -> list[Row]:
    """Rows of an ``AuxBalance`` and its 合计 row."""
    return [Row(_cells(row)) for row in balance.rows] + [Row(_cells(balance.totals), "total")]


def _cells(row) -> tuple:
    return (row.code, row.name, row.opening_direction, row.opening_amount_fen, row.debit_fen, row.credit_fen,
            row.ytd_debit_fen, row.ytd_credit_fen, row.closing_direction, row.closing_amount_fen)


def aux_targets(books, account: str | None, dimension=None) -> list[tuple[str, object]]:
    """(account code, dimension) of each part of an 辅助 report: the account named (its dimension
    as given, or its first), or every declaration of the chart (of ``dimension`` when given)."""
    if account and account.strip():
        return [(account.strip(), dimension)]
    return list(books.aux.declared(dimension))


def build_aux_balance(books, path: str | Path, period, *, account: str | None = None, dimension=None,
                      printed_on: date) -> Path:
    """辅助余额表 of ``account`` (with its sub-accounts) by ``dimension`` (default: the account's
    first) for ``period`` (see ``PeriodRange.of``); every declared account when None."""
    scope = PeriodRange.of(period)
    balances = [books.aux.balance(code, scope.first, scope.last, dim)
                for code, dim in aux_targets(books, account, dimension)]
    dimensions = {b.dimension for b in balances}
    spec = ReportSpec("辅助余额表", community_name(books), scope.label,
                      columns=aux_balance_columns(dimensions.pop() if len(dimensions) == 1 else None),
                      groups=AUX_BALANCE_GROUPS, landscape=True,
                      sections=[Section(aux_balance_rows(b), b.heading) for b in balances]
                      or [Section([], NO_DECLARATION)],
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)


def build_aux_ledger(books, path: str | Path, period, *, account: str | None = None, dimension=None,
                     counterparty=None, compound=None, printed_on: date) -> Path:
    """辅助明细账 for ``period``: of one 往来单位 / 小区 (name, 证件号码 or code) or, when none is
    named, of every record with a balance or postings, one section each; of ``account`` or of
    every declared account (those declaring the record's dimension when one is named)."""
    scope = PeriodRange.of(period)
    implied = dimension or ("counterparty" if counterparty else "compound" if compound else None)
    categories = {a.code: a.category for a in books.accounts.list_accounts()}
    sections, empty = [], []
    for code, dim in aux_targets(books, account, implied):
        found = books.aux.ledger(code, scope.first, scope.last, dimension=dim, counterparty=counterparty,
                                 compound=compound)
        year_to_date = categories.get(code) == PROFIT_AND_LOSS_CATEGORY
        sections += [ledger_section(s.entries, s.heading, year_to_date) for s in found]
        empty.append(f"科目：{code} {books.accounts.get(code).full_name}　本期无发生额")
    spec = ReportSpec("辅助明细账", community_name(books), scope.label, columns=LEDGER_COLUMNS,
                      sections=sections or [Section([], empty[0] if len(empty) == 1 else
                                                    "本期无发生额" if empty else NO_DECLARATION)],
                      carry=LEDGER_CARRY, printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)

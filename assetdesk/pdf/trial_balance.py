"""科目余额表 (trial balance) for a month or a range: 期初, 本期, 本年累计, 期末, each 借 / 贷.

Landscape, with grouped headers; sub-accounts are indented under their parent; the 合计 row sums
the first-level accounts. The heading says whether the books balance, the first thing a reviewer
checks before signing.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.scope import PeriodRange, community_name, joined_notes, print_font, unclosed_year_note

_AMOUNT_FIELDS = ("opening_debit_fen", "opening_credit_fen", "debit_fen", "credit_fen",
                  "ytd_debit_fen", "ytd_credit_fen", "closing_debit_fen", "closing_credit_fen")
TRIAL_BALANCE_COLUMNS = (Column("科目编码", 15), Column("科目名称", 38)) + tuple(
    Column(side, 21, "amount") for _ in range(4) for side in ("借方", "贷方"))
TRIAL_BALANCE_GROUPS = (("期初余额", 2, 3), ("本期发生额", 4, 5), ("本年累计发生额", 6, 7),
                        ("期末余额", 8, 9))
_INDENT = "\u3000"  # one full-width space per level below the first


def trial_balance_rows(balance) -> list[Row]:
    """Rows of a ``TrialBalance`` (services.ledger) plus its 合计 row."""
    rows = [Row((r.code, _INDENT * (r.level - 1) + r.name)
                + tuple(getattr(r, f) for f in _AMOUNT_FIELDS)) for r in balance.rows]
    totals = balance.totals
    rows.append(Row(("", "合计") + tuple(getattr(totals, f) for f in _AMOUNT_FIELDS), "total"))
    return rows


def build_trial_balance(books, path: str | Path, period, *, level: int | None = None,
                        printed_on: date) -> Path:
    """科目余额表 for ``period`` (see ``PeriodRange.of``); ``level`` 1 prints first-level only."""
    scope = PeriodRange.of(period)
    balance = books.ledger.trial_balance(scope.first, scope.last, level=level)
    spec = ReportSpec("科目余额表", community_name(books), scope.label,
                      columns=TRIAL_BALANCE_COLUMNS, groups=TRIAL_BALANCE_GROUPS, landscape=True,
                      sections=[Section(trial_balance_rows(balance),
                                       joined_notes(balance.balance_note, unclosed_year_note(books, scope.first)))],
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)

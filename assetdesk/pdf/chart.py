"""科目表 (chart of accounts) as the clerk has set it up: codes, names, class, normal side, status.

Printed for the review of sub-accounts and kept with the year's books.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from assetdesk.pdf.report import Column, ReportSpec, Row, render_table_report
from assetdesk.pdf.scope import community_name, print_font

CHART_COLUMNS = (Column("科目编码", 16), Column("科目名称", 56), Column("类别", 18, "center"),
                 Column("余额方向", 14, "center"), Column("级次", 10, "center"),
                 Column("末级", 10, "center"), Column("状态", 12, "center"))
_INDENT = "\u3000"


def chart_rows(accounts) -> list[Row]:
    """``AccountRow`` objects (services.accounts) as printed rows, sub-accounts indented."""
    return [Row((a.code, _INDENT * (a.level - 1) + a.name, a.category, a.normal_side,
                 str(a.level), "是" if a.is_leaf else "", "启用" if a.is_active else "停用"))
            for a in accounts]


def build_chart(books, path: str | Path, *, printed_on: date, active_only: bool = False) -> Path:
    """The chart of accounts; ``period_label`` is the chart version (2023 制度)."""
    info = books.org.book()
    version = getattr(info, "chart_version", "") if info else ""
    label = f"农村集体经济组织会计制度（{version}）" if version else ""
    spec = ReportSpec("会计科目表", community_name(books), label, unit="",
                      columns=CHART_COLUMNS, rows=chart_rows(books.accounts.list_accounts(active_only)),
                      printed_on=printed_on, font=print_font(books))
    return render_table_report(path, spec)

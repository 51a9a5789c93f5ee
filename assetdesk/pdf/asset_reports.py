"""资产台账 and 闲置资产 (盘活) printed: the register grouped by 类别 or 片区 with 小计 per group and a
合计, and the idle assets longest idle first. Both are of a day (the date printed), not of a period:
the register holds each asset's state today, so idle days count to that day.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.scope import community_name, print_font
from assetdesk.services.assets.report import (
    GROUPINGS,
    as_of_label,
    asset_grouping,
    group_assets,
    idle_assets,
    land_area_text,
    place_text,
    totals_of,
)

REGISTER_COLUMNS = (Column("资产编码", 13), Column("名称", 30), Column("类别", 10, "center"), Column("坐落位置", 24),
                    Column("片区/小区", 22), Column("建筑面积㎡", 15, "amount"), Column("占地面积", 15, "right"),
                    Column("取得日期", 15, "center"), Column("原值", 19, "amount"), Column("累计折旧", 19, "amount"),
                    Column("净值", 19, "amount"), Column("使用状态", 11, "center"))
IDLE_COLUMNS = (Column("资产编码", 13), Column("名称", 24), Column("类别", 10, "center"), Column("坐落位置", 30),
                Column("片区/小区", 22), Column("建筑面积㎡", 15, "amount"), Column("占地面积", 15, "right"),
                Column("闲置起始日期", 16, "center"), Column("闲置天数", 12, "right"), Column("净值", 19, "amount"))


def register_rows(rows, by: str) -> list[Row]:
    """Each group's assets, its 小计 row, and the 合计 row over all."""
    out: list[Row] = []
    for group in group_assets(rows, by):
        out += [Row((r.code, r.name, r.category, r.location, place_text(r), r.building_area_centi,
                     land_area_text(r), r.acquired_on.isoformat() if r.acquired_on else "", r.original_fen,
                     r.accumulated_fen, r.net_fen, r.status)) for r in group.rows]
        out.append(_sum_row(f"{group.label}小计", group.totals, "subtotal"))
    out.append(_sum_row("合计", totals_of(rows), "total"))
    return out


def _sum_row(label: str, totals, kind: str) -> Row:
    return Row(("", label, f"{totals.count}项", "", "", totals.building_area_centi, "", "", totals.original_fen,
                totals.accumulated_fen, totals.net_fen, ""), kind)


def build_asset_register(books, path: str | Path, *, group: str | None = None, printed_on: date) -> Path:
    """资产台账 as of ``printed_on``, by 类别 (``group`` "category") or 片区 ("area")."""
    by = asset_grouping(group)
    rows = books.assets.list_assets(today=printed_on)
    spec = ReportSpec("资产台账", community_name(books), as_of_label(printed_on), columns=REGISTER_COLUMNS,
                      landscape=True, sections=[Section(register_rows(rows, by) if rows else [],
                                                        f"按{GROUPINGS[by]}分组")],
                      printed_on=printed_on, font=print_font(books), empty_text="（资产台账中没有资产）")
    return render_table_report(path, spec)


def idle_rows(rows, as_of: date) -> list[Row]:
    items = idle_assets(rows, as_of)
    out = [Row((i.row.code, i.row.name, i.row.category, i.row.location, place_text(i.row),
                i.row.building_area_centi, land_area_text(i.row),
                i.row.idle_since.isoformat() if i.row.idle_since else "", str(i.idle_days), i.row.net_fen))
           for i in items]
    if items:
        totals = totals_of(i.row for i in items)
        out.append(Row(("", "合计", f"{totals.count}项", "", "", totals.building_area_centi, "", "", "",
                        totals.net_fen), "total"))
    return out


def build_idle_assets(books, path: str | Path, *, printed_on: date) -> Path:
    """闲置资产 (盘活) as of ``printed_on``: every 闲置 asset, the longest idle first."""
    rows = books.assets.list_assets(today=printed_on)
    spec = ReportSpec("闲置资产明细表", community_name(books), as_of_label(printed_on), columns=IDLE_COLUMNS,
                      landscape=True, sections=[Section(idle_rows(rows, printed_on), "闲置天数计至报表日期")],
                      printed_on=printed_on, font=print_font(books), empty_text="（没有闲置资产）")
    return render_table_report(path, spec)

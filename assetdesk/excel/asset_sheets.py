"""资产台账 and 闲置资产 as worksheets (导出Excel of the printed reports): the same rows, 小计 and 合计
as the PDF, numbers as numbers, so the figures can be added up again in Excel. Both are as of the
books' today, as the printed reports are of the day printed."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from assetdesk.periods import Period
from assetdesk.services.assets.report import (
    GROUPINGS,
    as_of_label,
    asset_grouping,
    group_assets,
    idle_assets,
    place_text,
    totals_of,
)

from .writer import export_table

if TYPE_CHECKING:
    from assetdesk.services.books import Books

REGISTER_COLUMNS = [("资产编码", "text"), ("名称", "text"), ("类别", "text"), ("坐落位置", "text"),
                    ("片区/小区", "text"), ("建筑面积㎡", "area"), ("占地面积", "area"), ("占地面积单位", "text"),
                    ("取得日期", "date"), ("原值", "amount"), ("累计折旧", "amount"), ("净值", "amount"),
                    ("使用状态", "text")]
IDLE_COLUMNS = [("资产编码", "text"), ("名称", "text"), ("类别", "text"), ("坐落位置", "text"), ("片区/小区", "text"),
                ("建筑面积㎡", "area"), ("占地面积", "area"), ("占地面积单位", "text"), ("闲置起始日期", "date"),
                ("闲置天数", "int"), ("净值", "amount")]


def _community(books: Books) -> str:
    book = books.org.book()
    return book.community_name if book else ""


def _land(row) -> list[Any]:
    return [row.land_area_centi or None, row.land_area_unit if row.land_area_centi else ""]


def _sum_row(label: str, totals) -> list[Any]:
    return ["", label, f"{totals.count}项", "", "", totals.building_area_centi, None, "", None, totals.original_fen,
            totals.accumulated_fen, totals.net_fen, ""]


def export_asset_register(books: Books, path: str | Path, first: Period | None = None, last: Period | None = None,
                          account: str | None = None, group: str | None = None) -> Path:
    by = asset_grouping(group)
    today = books.ctx.today()
    assets = books.assets.list_assets(today=today)
    rows: list[list[Any]] = []
    for item in group_assets(assets, by):
        rows += [[r.code, r.name, r.category, r.location, place_text(r), r.building_area_centi or None, *_land(r),
                  r.acquired_on, r.original_fen, r.accumulated_fen, r.net_fen, r.status] for r in item.rows]
        rows.append(_sum_row(f"{item.label}小计", item.totals))
    if assets:
        rows.append(_sum_row("合计", totals_of(assets)))
    title = f"资产台账（按{GROUPINGS[by]}，{as_of_label(today)}）"
    return export_table(path, title, "元", REGISTER_COLUMNS, rows, _community(books), sheet_name="资产台账")


def export_idle_assets(books: Books, path: str | Path, first: Period | None = None, last: Period | None = None,
                       account: str | None = None) -> Path:
    today = books.ctx.today()
    items = idle_assets(books.assets.list_assets(today=today), today)
    rows: list[list[Any]] = [[i.row.code, i.row.name, i.row.category, i.row.location, place_text(i.row),
                              i.row.building_area_centi or None, *_land(i.row), i.row.idle_since, i.idle_days,
                              i.row.net_fen] for i in items]
    if items:
        totals = totals_of(i.row for i in items)
        rows.append(["", "合计", f"{totals.count}项", "", "", totals.building_area_centi, None, "", None, None,
                     totals.net_fen])
    return export_table(path, f"闲置资产明细表（{as_of_label(today)}）", "元", IDLE_COLUMNS, rows, _community(books),
                        sheet_name="闲置资产明细表")

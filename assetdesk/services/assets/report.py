"""What the 资产台账 and 闲置资产 reports show, shared by print and Excel so both carry the same figures.

Pure functions over ``AssetRow``s (``AssetService.list_assets``): grouping by 类别 or 片区 with a
subtotal per group and a 合计, and the idle assets with their idle days as of the report date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assetdesk.services.assets.types import CATEGORIES, IDLE, AssetRow
from assetdesk.services.report_grouping import grouping_key

GROUPINGS = {"category": "类别", "area": "片区"}


def asset_grouping(group: str | None) -> str:
    """--group category (default) or area, or their labels; anything else refused."""
    return grouping_key(group, GROUPINGS, "category", "资产台账")
NO_AREA = "未分片区"


@dataclass(frozen=True)
class AssetTotals:
    """原值, 累计折旧, 净值 and 建筑面积 (㎡ × 100) summed over a group or the whole register."""

    count: int
    building_area_centi: int
    original_fen: int
    accumulated_fen: int
    net_fen: int


@dataclass(frozen=True)
class AssetGroup:
    label: str  # 商铺, 东片区 …
    rows: tuple[AssetRow, ...]
    totals: AssetTotals


def totals_of(rows) -> AssetTotals:
    rows = list(rows)
    return AssetTotals(len(rows), sum(r.building_area_centi for r in rows), sum(r.original_fen for r in rows),
                       sum(r.accumulated_fen for r in rows), sum(r.net_fen for r in rows))


def group_assets(rows: list[AssetRow], by: str = "category") -> list[AssetGroup]:
    """Groups in the register's order: 类别 as DOMAIN §4 lists them, 片区 by name with the assets
    of no 片区 last; within a group by 资产编码."""
    if by not in GROUPINGS:
        raise ValueError(f"group by one of {tuple(GROUPINGS)}")
    key = (lambda r: r.category) if by == "category" else (lambda r: r.area_name or NO_AREA)
    labels = sorted({key(r) for r in rows}, key=lambda label: _order(label, by))
    groups = []
    for label in labels:
        members = tuple(sorted((r for r in rows if key(r) == label), key=lambda r: r.code))
        groups.append(AssetGroup(label, members, totals_of(members)))
    return groups


def _order(label: str, by: str) -> tuple:
    if by == "category":
        return (CATEGORIES.index(label) if label in CATEGORIES else len(CATEGORIES), label)
    return (label == NO_AREA, label)


def land_area_text(row: AssetRow) -> str:
    """占地面积 in its own unit (㎡ or 亩), blank when none is recorded."""
    if not row.land_area_centi:
        return ""
    return f"{row.land_area_centi // 100:,}.{row.land_area_centi % 100:02d}{row.land_area_unit}"


def place_text(row: AssetRow) -> str:
    """片区/小区 as one cell: 东片区/兰园小区, or whichever is known."""
    return "/".join(part for part in (row.area_name, row.compound_name) if part)


@dataclass(frozen=True)
class IdleAsset:
    row: AssetRow
    idle_days: int


def idle_assets(rows: list[AssetRow], as_of: dt.date) -> list[IdleAsset]:
    """The 闲置 assets with their idle days on ``as_of``, longest idle first (then by 资产编码)."""
    found = [IdleAsset(r, r.idle_days(as_of) or 0) for r in rows if r.status == IDLE]
    return sorted(found, key=lambda item: (-item.idle_days, item.row.code))


def as_of_label(day: dt.date) -> str:
    return f"截至{day.year}年{day.month}月{day.day}日"

"""What the asset register takes and returns, and the choices DOMAIN §4 allows."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

CATEGORIES = ("土地", "房屋", "商铺", "构筑物", "设施设备", "其他")
DEPRECIABLE = ("房屋", "商铺", "构筑物", "设施设备")  # buildings and structures; land never (DOMAIN §4)
NATURES = ("经营性", "非经营性", "资源性")
ACQUISITIONS = ("购建", "自建", "捐赠", "投资投入", "政府补助", "盘盈")
STATUSES = ("闲置", "出租", "自用", "出借", "处置中", "已处置")
LAND_UNITS = ("㎡", "亩")
DISPOSED = "已处置"
IDLE = "闲置"


@dataclass(frozen=True)
class AssetInput:
    """The clerk's form (and one imported row). Money in fen, areas in ㎡ × 100 (占地面积 in its unit × 100)."""

    code: str
    name: str
    category: str
    nature: str = "经营性"
    location: str = ""
    boundaries: str = ""
    compound_code: str = ""  # 小区编码, "" for none; the 片区 comes with it
    building_area_centi: int = 0
    land_area_centi: int = 0
    land_area_unit: str = "㎡"
    land_type: str = ""
    ownership: str = ""
    certificate_no: str = ""
    acquisition: str = ""
    acquired_on: dt.date | None = None
    original_fen: int = 0
    opening_depreciation_fen: int = 0
    life_months: int = 0
    salvage_fen: int = 0
    status: str = IDLE
    idle_since: dt.date | None = None
    keeper: str = ""
    note: str = ""


@dataclass(frozen=True)
class AssetRow:
    id: int
    code: str
    name: str
    category: str
    nature: str
    location: str
    boundaries: str
    compound_code: str
    compound_name: str
    area_name: str  # 片区
    building_area_centi: int
    land_area_centi: int
    land_area_unit: str
    land_type: str
    ownership: str
    certificate_no: str
    acquisition: str
    acquired_on: dt.date | None
    original_fen: int
    opening_depreciation_fen: int
    life_months: int
    salvage_fen: int
    status: str
    idle_since: dt.date | None
    keeper: str
    note: str
    accumulated_fen: int  # 累计折旧: at registration plus what the runs posted (less what disposal took off)

    @property
    def net_fen(self) -> int:
        """净值 = 原值 − 累计折旧 (0 once disposed: both were taken off)."""
        return self.original_fen - self.accumulated_fen if self.status != DISPOSED else 0

    def idle_days(self, today: dt.date) -> int | None:
        if self.status != IDLE or self.idle_since is None:
            return None
        return (today - self.idle_since).days


@dataclass(frozen=True)
class DepreciationRun:
    """What ``run_depreciation`` posted: the month, how many assets, the total and its voucher."""

    period: str
    assets: int
    total_fen: int
    voucher_label: str  # "2025-01 记-5", "" when nothing was due


@dataclass(frozen=True)
class Disposal:
    asset_code: str
    on: dt.date
    original_fen: int
    accumulated_fen: int
    net_fen: int  # what 固定资产清理 received
    proceeds_fen: int
    voucher_label: str


@dataclass(frozen=True)
class AssetEventRow:
    """One recorded event of an asset's life (状态变更 "闲置 → 出租", 处置 with its proceeds)."""

    id: int
    kind: str
    happened_on: dt.date
    amount_fen: int
    reason: str
    created_at: dt.datetime
    created_by: str

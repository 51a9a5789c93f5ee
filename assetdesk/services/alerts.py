"""预警: the red lights of the 三资 platforms (DOMAIN §5), gathered from every area for the 首页 and
the 预警 list. An area registers a function ``(ctx, today) -> list[Alert]`` (``books.alerts.add``);
the thresholds are settings (``SETTING_DEFAULTS``) the clerk can change in 设置.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

from assetdesk.services.context import ServiceContext

# setting keys (their defaults are in services.settings.DEFAULTS: 60, 30 and 180 days)
LEASE_EXPIRY_DAYS = "alerts.lease_expiry_days"  # a lease ending within this many days
RENT_OVERDUE_DAYS = "alerts.rent_overdue_days"  # rent overdue by more than this
ASSET_IDLE_DAYS = "alerts.asset_idle_days"  # an asset idle longer than this


@dataclass(frozen=True)
class Alert:
    kind: str  # 即将到期 / 到期未续 / 欠租逾期 / 租期超20年 / 租金低于上期 / 缺少决议 / 资产闲置
    subject: str  # what it is about: 合同编号 or 资产编码
    message: str  # one sentence for the clerk
    hint: str  # what to do
    area: str = ""  # leases / assets: which page opens it
    days: int = 0  # how urgent (days to expiry, days overdue, days idle)


AlertSource = Callable[[ServiceContext, dt.date], list[Alert]]


class AlertRegistry:
    def __init__(self) -> None:
        self._sources: list[AlertSource] = []

    def add(self, source: AlertSource) -> None:
        if source not in self._sources:
            self._sources.append(source)

    def run(self, ctx: ServiceContext, today: dt.date) -> list[Alert]:
        alerts: list[Alert] = []
        for source in self._sources:
            alerts.extend(source(ctx, today))
        return alerts


def setting_days(ctx: ServiceContext, key: str) -> int:
    """A threshold from the settings table, its default when unset or not a number."""
    from assetdesk.services.settings import DEFAULTS, SettingsService

    try:
        return max(0, int(SettingsService(ctx).get(key)))
    except ValueError:
        return int(DEFAULTS[key])

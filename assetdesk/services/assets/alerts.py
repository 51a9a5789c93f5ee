"""The asset register's 预警: 资产闲置, an idle asset idle longer than the setting (180 days by default)."""
from __future__ import annotations

import datetime as dt

from assetdesk.db.models import Asset
from assetdesk.services.alerts import ASSET_IDLE_DAYS, Alert, setting_days
from assetdesk.services.assets.types import IDLE
from assetdesk.services.context import ServiceContext

AREA = "assets"
IDLE_TOO_LONG = "资产闲置"


def asset_alerts(ctx: ServiceContext, today: dt.date) -> list[Alert]:
    over = setting_days(ctx, ASSET_IDLE_DAYS)
    cutoff = today - dt.timedelta(days=over)
    query = (Asset.select().where(Asset.status == IDLE, Asset.idle_since.is_null(False), Asset.idle_since < cutoff)
             .order_by(Asset.idle_since, Asset.code))
    alerts = []
    for asset in query:
        since = asset.idle_since or today
        days = (today - since).days
        alerts.append(Alert(IDLE_TOO_LONG, asset.code,
                            f"资产“{asset.code} {asset.name}”自 {since} 起闲置，已 {days} 天",
                            f"闲置超过 {over} 天；请研究盘活（招租、自用等），出租后登记租赁合同，状态会自动变为出租",
                            AREA, days))
    return alerts

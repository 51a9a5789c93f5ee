"""An asset's 使用状态 follows its leases (DOMAIN §4): let on the day → 出租; a 出租 asset whose
leases have all ended (or not begun) → 闲置, idle since the day after its latest lease's last day.

Assets 自用 / 出借 / 处置中 / 已处置 without a lease in force are left as the clerk set them; an asset
let while 自用 becomes 出租. The lease tables are read directly (the asset register does not import
the lease area): a lease lets an asset from ``start_on`` to ``terminated_on`` or ``end_on``.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence

from assetdesk.db.models import Asset, Lease, LeaseAsset
from assetdesk.services.assets.types import DISPOSED, IDLE

LET = "出租"
_DAY = dt.timedelta(days=1)

RecordEvent = Callable[[int, str, dt.date, int, str], int]


def follow(asset_ids: Sequence[int], on: dt.date, record: RecordEvent) -> int:
    """Set each asset's status from its leases on ``on``; returns how many assets changed."""
    ids = sorted({int(i) for i in asset_ids})
    if not ids:
        return 0
    periods: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
    query = (LeaseAsset.select(LeaseAsset.asset, Lease.start_on, Lease.end_on, Lease.terminated_on)
             .join(Lease).where(LeaseAsset.asset.in_(ids)))
    for link in query:
        lease = link.lease
        periods[int(link.asset_id)].append((lease.start_on, lease.terminated_on or lease.end_on))
    changed = 0
    for asset in Asset.select().where(Asset.id.in_(ids)):
        status, idle_since = _wanted(asset, periods.get(int(asset.id), []), on)
        if status == asset.status and idle_since == asset.idle_since:
            continue
        Asset.update(status=status, idle_since=idle_since).where(Asset.id == asset.id).execute()
        if status != asset.status:  # dated when it happened: the lease's first day, or the first idle day
            happened = idle_since if status == IDLE and idle_since else _let_since(periods.get(int(asset.id), []), on)
            record(int(asset.id), "状态变更", happened if status in (IDLE, LET) else on, 0,
                   f"{asset.status} → {status}（按租赁合同）")
        changed += 1
    return changed


def _let_since(periods: list[tuple[dt.date, dt.date]], on: dt.date) -> dt.date:
    """The first day of the lease in force on ``on`` (a lease recorded after it began was let from then)."""
    return max((start for start, last in periods if start <= on <= last), default=on)


def _wanted(asset: Asset, periods: list[tuple[dt.date, dt.date]], on: dt.date) -> tuple[str, dt.date | None]:
    """The status and idle date the leases give ``asset`` on ``on`` (its own when they say nothing)."""
    if asset.status == DISPOSED:
        return asset.status, asset.idle_since
    if any(start <= on <= last for start, last in periods):
        return LET, None
    ended = [last for start, last in periods if last < on]
    if asset.status == LET:
        return IDLE, min(max(ended) + _DAY, on) if ended else on
    if asset.status == IDLE and ended and (asset.idle_since is None or asset.idle_since < max(ended) + _DAY):
        return IDLE, max(ended) + _DAY  # a lease recorded late (an import): idle from its end
    return asset.status, asset.idle_since

"""The leases' 预警 (DOMAIN §5, the red lights of the 三资 platforms): 即将到期, 到期未续, 欠租逾期,
租期超20年, 租金低于上期, 缺少决议. Registered in ``Books`` (``books.alerts.add(lease_alerts)``);
thresholds are settings (``alerts.setting_days``)."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

import peewee

from assetdesk.db.models import Charge, Counterparty, Lease, LeaseAsset, Settlement
from assetdesk.money import format_amount, format_money
from assetdesk.services.alerts import LEASE_EXPIRY_DAYS, RENT_OVERDUE_DAYS, Alert, setting_days
from assetdesk.services.context import ServiceContext
from assetdesk.services.leases.reading import status_on, tuples
from assetdesk.services.leases.store import SOURCE, monthly_rent_on, terms_of_row
from assetdesk.services.leases.terms import MAX_TERM_YEARS, add_years
from assetdesk.services.leases.types import ACTIVE, EXPIRED, NOT_STARTED

AREA = "leases"
EXPIRING, EXPIRED_NOT_RENEWED, OVERDUE = "即将到期", "到期未续", "欠租逾期"
OVER_20_YEARS, RENT_BELOW_PREVIOUS, NO_DECISION = "租期超20年", "租金低于上期", "缺少决议"
EXPIRED_LOOKBACK_DAYS = 365  # an expired lease is a warning for a year, then it is history


def lease_alerts(ctx: ServiceContext, today: dt.date) -> list[Alert]:
    leases: list[Lease] = list(Lease.select(Lease, Counterparty).join(Counterparty,
                                                                    on=(Lease.tenant == Counterparty.id))
                               .order_by(Lease.number))
    if not leases:
        return []
    assets: dict[int, set[int]] = defaultdict(set)
    for lease_id, asset_id in tuples(LeaseAsset.select(LeaseAsset.lease, LeaseAsset.asset)):
        assets[int(lease_id)].add(int(asset_id))
    history = _History(leases, assets)
    alerts = _expiry(ctx, today, leases, history)
    alerts += _overdue(ctx, today, {int(lease.id): lease for lease in leases})
    for lease in leases:
        status = status_on(lease, today)
        if status not in (ACTIVE, NOT_STARTED):
            continue
        alerts += _over_20_years(lease, today) + _below_previous(lease, history) + _no_decision(lease)
    return alerts


class _History:
    """Which lease came before which on the same asset."""

    def __init__(self, leases: list[Lease], assets: dict[int, set[int]]):
        self.by_id = {int(lease.id): lease for lease in leases}
        self.assets = assets
        self.renewed = {int(lease.previous_id) for lease in leases if lease.previous_id}
        self.on_asset: dict[int, list[Lease]] = defaultdict(list)
        for lease in leases:
            for asset_id in assets.get(int(lease.id), ()):
                self.on_asset[asset_id].append(lease)

    def followed(self, lease: Lease) -> bool:
        """Renewed, or another lease on one of its assets begins after it ended."""
        if int(lease.id) in self.renewed:
            return True
        last = lease.terminated_on or lease.end_on
        return any(other.id != lease.id and other.start_on > last
                   for asset_id in self.assets.get(int(lease.id), ()) for other in self.on_asset[asset_id])

    def previous(self, lease: Lease) -> Lease | None:
        """The lease it renews, else the latest on one of its assets that ended before it began."""
        if lease.previous_id and int(lease.previous_id) in self.by_id:
            return self.by_id[int(lease.previous_id)]
        before = [other for asset_id in self.assets.get(int(lease.id), ()) for other in self.on_asset[asset_id]
                  if other.id != lease.id and (other.terminated_on or other.end_on) < lease.start_on]
        return max(before, key=lambda other: (other.terminated_on or other.end_on, other.id), default=None)


def _who(lease: Lease) -> str:
    return f"合同 {lease.number}（{lease.tenant.name}）"


def _expiry(ctx: ServiceContext, today: dt.date, leases: list[Lease], history: _History) -> list[Alert]:
    within = setting_days(ctx, LEASE_EXPIRY_DAYS)
    alerts = []
    for lease in leases:
        if lease.terminated_on is not None or history.followed(lease):
            continue
        status = status_on(lease, today)
        if status == ACTIVE and (lease.end_on - today).days <= within:
            days = (lease.end_on - today).days
            alerts.append(Alert(EXPIRING, lease.number, f"{_who(lease)}将于 {lease.end_on} 到期，还有 {days} 天",
                                "请及早商议续租或准备重新招租；续租请用“续租”，新合同会与原合同关联", AREA, days))
        elif status == EXPIRED and (today - lease.end_on).days <= EXPIRED_LOOKBACK_DAYS:
            days = (today - lease.end_on).days
            alerts.append(Alert(EXPIRED_NOT_RENEWED, lease.number,
                                f"{_who(lease)}已于 {lease.end_on} 到期（已过 {days} 天），没有续租或新签合同",
                                "已续租的请录入续租合同；已收回的资产请安排招租", AREA, days))
    return alerts


def _overdue(ctx: ServiceContext, today: dt.date, leases: dict[int, Lease]) -> list[Alert]:
    """Per lease: the billed rent still owed that fell due more than N days ago, and the oldest's days."""
    over = setting_days(ctx, RENT_OVERDUE_DAYS)
    cutoff = today - dt.timedelta(days=over)
    settled = (Settlement.select(Settlement.charge, peewee.fn.SUM(Settlement.amount_fen).alias("paid"))
               .where(Settlement.is_void == False).group_by(Settlement.charge))  # noqa: E712
    query = (Charge.select(Charge.source_id, Charge.due_on, Charge.amount_fen - peewee.fn.COALESCE(settled.c.paid, 0))
             .join(settled, peewee.JOIN.LEFT_OUTER, on=(settled.c.charge_id == Charge.id))
             .where(Charge.source == SOURCE, Charge.state == "billed", Charge.due_on < cutoff))
    owed: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for lease_id, due_on, outstanding in tuples(query):
        if int(outstanding or 0) <= 0:
            continue
        due = due_on if isinstance(due_on, dt.date) else dt.date.fromisoformat(str(due_on)[:10])
        entry = owed[int(lease_id)]
        entry[0] += int(outstanding)
        entry[1] = max(entry[1], (today - due).days)
    alerts = []
    for lease_id, (total, days) in sorted(owed.items(), key=lambda item: -item[1][1]):
        lease = leases.get(lease_id)
        if lease is None:
            continue
        alerts.append(Alert(OVERDUE, lease.number, f"{_who(lease)}欠租 {format_money(total)}，最长已逾期 {days} 天",
                            f"逾期超过 {over} 天；请催收并在 收款 中登记，必要时用押金抵扣或按规定核销", AREA, days))
    return alerts


def _over_20_years(lease: Lease, today: dt.date) -> list[Alert]:
    if lease.end_on < add_years(lease.start_on, MAX_TERM_YEARS):
        return []
    return [Alert(OVER_20_YEARS, lease.number,
                  f"{_who(lease)}的租期 {lease.start_on} 至 {lease.end_on} 超过 {MAX_TERM_YEARS} 年",
                  "《民法典》第七百零五条：租赁期限超过二十年的，超过部分无效；请核实合同并在期满前重新订立",
                  AREA, (lease.end_on - today).days)]


def _below_previous(lease: Lease, history: _History) -> list[Alert]:
    """Compared per ㎡ when both leases have an area, per month otherwise."""
    previous = history.previous(lease)
    if previous is None:
        return []
    now = Decimal(monthly_rent_on(terms_of_row(lease), lease.start_on))
    before = Decimal(monthly_rent_on(terms_of_row(previous), previous.terminated_on or previous.end_on))
    unit = "元/月"
    if lease.area_centi and previous.area_centi:
        now, before = now * 100 / Decimal(lease.area_centi), before * 100 / Decimal(previous.area_centi)
        unit = "元/㎡·月"
    if now >= before:
        return []
    return [Alert(RENT_BELOW_PREVIOUS, lease.number,
                  f"{_who(lease)}的租金 {_yuan(now)} {unit} 低于上期合同 {previous.number} 的 {_yuan(before)} {unit}",
                  "租金低于上期须有成员（代表）大会决议或评估依据；请核实，并在合同备注中说明原因", AREA)]


def _yuan(fen: Decimal) -> str:
    return format_amount(int(fen.to_integral_value(ROUND_HALF_UP)))


def _no_decision(lease: Lease) -> list[Alert]:
    if lease.decision_ref.strip():
        return []
    return [Alert(NO_DECISION, lease.number, f"{_who(lease)}没有填写成员（代表）大会决议编号",
                  "集体资产出租须经民主决策；请在合同中补填决议编号和日期", AREA)]

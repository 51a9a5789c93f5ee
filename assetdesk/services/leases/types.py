"""What the lease service takes and returns (DOMAIN §5)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from assetdesk.services.leases.terms import EveryYears, PaymentCycle, RentBasis, RentStep

METHODS = ("公开竞价", "协议", "续租")  # 交易方式
ACTIVE, NOT_STARTED, EXPIRED, TERMINATED = "生效", "未开始", "已到期", "已终止"
DEPOSIT_ACTIONS = ("apply_then_refund", "apply", "refund", "keep")  # at termination


@dataclass(frozen=True)
class LeasedAsset:
    asset_code: str
    area_centi: int = 0  # the part let, ㎡ × 100; 0 = the whole asset


@dataclass(frozen=True)
class LeaseInput:
    """The clerk's contract form (and one imported row). ``tenant_id`` wins over ``tenant_name``; a
    name no counterparty has becomes a new counterparty with the role 承租方."""

    number: str
    tenant_name: str
    assets: tuple[LeasedAsset, ...]
    start_on: dt.date
    end_on: dt.date
    basis: RentBasis = RentBasis.PER_MONTH
    rent_fen: int = 0
    rate_yuan: Decimal | None = None
    escalation: EveryYears | tuple[RentStep, ...] | None = None
    free_months: int = 0
    free_ranges: tuple[tuple[dt.date, dt.date], ...] = ()
    cycle: PaymentCycle = PaymentCycle.MONTHLY
    due_day: int = 1
    deposit_fen: int = 0
    purpose: str = ""
    method: str = "协议"
    decision_ref: str = ""
    decision_on: dt.date | None = None
    signed_on: dt.date | None = None
    allow_over_20_years: bool = False
    note: str = ""
    tenant_id: int | None = None


@dataclass(frozen=True)
class LeaseRow:
    id: int
    number: str
    tenant_id: int
    tenant_name: str
    asset_codes: tuple[str, ...]
    asset_names: tuple[str, ...]
    area_centi: int
    purpose: str
    method: str
    decision_ref: str
    decision_on: dt.date | None
    signed_on: dt.date | None
    start_on: dt.date
    end_on: dt.date
    terminated_on: dt.date | None
    basis: str
    rent_text: str  # "3,000.00 元/月", "25.50 元/㎡·月"
    monthly_rent_fen: int  # the rent in force today (for 盘活 last rent, rent below previous)
    cycle_label: str  # 月 / 季 / 半年 / 年
    due_day: int
    deposit_fen: int
    deposit_held_fen: int
    previous_number: str
    status: str  # 未开始 / 生效 / 已到期 / 已终止
    total_fen: int  # the whole schedule
    billed_fen: int
    received_fen: int
    outstanding_fen: int
    note: str

    @property
    def last_day(self) -> dt.date:
        return self.terminated_on or self.end_on


@dataclass(frozen=True)
class Termination:
    lease_number: str
    on: dt.date
    rent_credited_fen: int  # billed rent for days after ``on`` credited back
    deposit_applied_fen: int
    deposit_refunded_fen: int
    outstanding_fen: int  # what the tenant still owes after settlement
    credit_fen: int = 0  # the tenant's credit (预收) after it: paid rent credited back, to refund or keep

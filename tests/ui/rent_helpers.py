"""A leased shop with rent billed, for the 收款 and 预警 screen tests (through the real services)."""
from __future__ import annotations

import datetime as dt

from assetdesk.services.assets import AssetInput
from assetdesk.services.leases.terms import PaymentCycle
from assetdesk.services.leases.types import LeasedAsset, LeaseInput

QUARTER_FEN = 9_000_00  # 3,000.00 a month, paid quarterly in advance


def leased_shop(books, *, tenant: str = "叶桂霞", number: str = "ZL2025-001", code: str = "ZC001",
                deposit_fen: int = 6_000_00, bill_through: str = "2025-06", start_on: dt.date = dt.date(2025, 1, 1)):
    """Shop ``code`` let to ``tenant`` from ``start_on`` (2025-01-01) (quarterly, due on the 1st), rent billed
    through ``bill_through`` (the books' today is 2025-03-15: Q1 overdue, Q2 not yet due)."""
    books.assets.register(AssetInput(code, "东街商铺", "商铺", location="东街12号", building_area_centi=120_00,
                                     acquired_on=dt.date(2020, 1, 1), original_fen=120_000_00, life_months=240,
                                     idle_since=dt.date(2024, 6, 1)))
    lease = books.leases.create(LeaseInput(
        number=number, tenant_name=tenant, assets=(LeasedAsset(code),), start_on=start_on,
        end_on=dt.date(2027, 12, 31), rent_fen=3_000_00, cycle=PaymentCycle.QUARTERLY, due_day=1,
        deposit_fen=deposit_fen, decision_ref="兰社决〔2024〕12号"))
    if bill_through:
        books.leases.bill_rent(bill_through)
    return lease

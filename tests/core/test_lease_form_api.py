"""What the contract form reads back (``input_of``) and previews for 修改条款 (``preview(…, existing=)``)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assetdesk.errors import InputError
from assetdesk.services.assets import AssetInput
from assetdesk.services.leases.terms import EveryYears, PaymentCycle, RentBasis
from assetdesk.services.leases.types import LeasedAsset, LeaseInput


@pytest.fixture
def lease(books):
    books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", building_area_centi=12050, status="闲置",
                                     idle_since=dt.date(2024, 6, 1)))
    item = LeaseInput("ZL2025-001", "叶桂霞", (LeasedAsset("ZC001", 8000),), dt.date(2025, 1, 1), dt.date(2027, 12, 31),
                      basis=RentBasis.PER_SQM_MONTH, rate_yuan=Decimal("25.505"),
                      escalation=EveryYears(2, Decimal("5")), free_months=1, cycle=PaymentCycle.QUARTERLY, due_day=5,
                      deposit_fen=6_000_00, purpose="餐饮", method="公开竞价", decision_ref="兰两委〔2024〕12号",
                      decision_on=dt.date(2024, 12, 1), signed_on=dt.date(2024, 12, 10), note="含门前空地")
    books.leases.create(item)
    return item


def test_input_of_gives_back_every_term_the_form_shows(books, lease):
    stored = books.leases.input_of("ZL2025-001")
    assert stored.tenant_id is not None
    assert (stored.number, stored.tenant_name, stored.assets, stored.start_on, stored.end_on, stored.basis,
            stored.rate_yuan, stored.escalation, stored.free_months, stored.cycle, stored.due_day, stored.deposit_fen,
            stored.purpose, stored.method, stored.decision_ref, stored.decision_on, stored.signed_on, stored.note) == (
        lease.number, lease.tenant_name, lease.assets, lease.start_on, lease.end_on, lease.basis, lease.rate_yuan,
        lease.escalation, lease.free_months, lease.cycle, lease.due_day, lease.deposit_fen, lease.purpose,
        lease.method, lease.decision_ref, lease.decision_on, lease.signed_on, lease.note)


def test_preview_of_new_terms_for_the_same_lease_keeps_billed_periods(books, lease):
    with pytest.raises(InputError):  # as a new contract: its number (and area) are taken
        books.leases.preview(lease)
    books.leases.bill_rent("2025-03")
    billed = books.leases.schedule("ZL2025-001")[0]
    lines = books.leases.preview(LeaseInput(**{**lease.__dict__, "rate_yuan": Decimal("30")}), existing="ZL2025-001")
    assert lines[0].amount_fen == billed.amount_fen and lines[0].period_end == billed.period_end
    assert lines[1].amount_fen == 30 * 80 * 3 * 100  # 80 ㎡ × 30 元 × 3 months
    assert [c.state for c in books.leases.schedule("ZL2025-001")][:2] == ["billed", "planned"]  # nothing written

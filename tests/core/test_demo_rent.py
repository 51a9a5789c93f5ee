"""The demo community's assets, leases and rent: made through the services, posted from documents."""
import datetime as dt

import pytest

from assetdesk.db.models import Account, Voucher, VoucherLine
from assetdesk.services.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from assetdesk.services import open_books
    from tests.conftest import fixed_clock

    books = open_books(tmp_path_factory.mktemp("demo") / "demo.db", clock=fixed_clock, user="测试会计")
    build_demo(books, households=30)
    yield books
    books.close()


def test_about_forty_assets_a_mix_of_idle_and_let_matching_151_and_152(demo):
    assets = demo.assets.list_assets()
    assert 38 <= len(assets) <= 42
    categories = {a.category for a in assets}
    assert {"土地", "商铺", "房屋", "构筑物"} <= categories
    assert any(a.name == "原社区办公楼" and a.status == "闲置" for a in assets)
    assert any(a.category == "土地" and a.land_area_unit == "亩" for a in assets)
    statuses = [a.status for a in assets]
    assert statuses.count("出租") >= 25 and statuses.count("闲置") >= 5
    assert not any("（商铺）" in c.name for c in demo.org.list_counterparties(role="承租方"))


def test_thirty_leases_with_escalation_free_months_cycles_deposits_one_renewed_one_expiring(demo):
    leases = demo.leases.list_leases()
    assert len(leases) >= 30
    assert {lease.cycle_label for lease in leases} >= {"月", "季", "年"}
    assert sum(1 for lease in leases if lease.deposit_held_fen > 0) >= 25
    assert [lease.previous_number for lease in leases if lease.previous_number] == ["兰租2024-002"]
    today = demo.ctx.today()
    assert any(today <= lease.end_on <= today + dt.timedelta(days=60) for lease in leases)
    assert any(lease.monthly_rent_fen > 0 and "㎡" in lease.rent_text for lease in leases)


def test_rent_is_posted_from_documents_not_typed_and_some_tenants_owe(demo):
    typed_rent = (VoucherLine.select().join(Voucher).switch(VoucherLine).join(Account)
                  .where((Voucher.document_kind.is_null() | (Voucher.document_kind == ""))
                         & (Account.code.startswith("112") | (Account.code == "50101"))))
    assert typed_rent.count() == 0
    kinds = {v.document_kind for v in Voucher.select(Voucher.document_kind).distinct()}
    assert {"receivable_charges", "receipt", "depreciation", "deposit_move"} <= kinds
    assert len(demo.receivables.receipts()) > 50
    owing = {row.payer_name for row in demo.receivables.arrears(demo.ctx.today(), "lease")}
    assert 2 <= len(owing) <= 8


def test_check_passes_with_the_receivables_and_the_register_reconciled(demo):
    assert demo.check.run() == []


def test_a_shop_let_for_two_months_is_idle_again_with_its_last_rent(demo):
    idle_shops = [a for a in demo.assets.list_assets(category="商铺", status="闲置")]
    with_history = [a for a in idle_shops if demo.leases.of_asset(a.code)]
    assert len(with_history) == 1
    shop = with_history[0]
    assert shop.idle_since == dt.date(2024, 3, 1)
    assert demo.leases.of_asset(shop.code)[0].monthly_rent_fen == 2_600_00


def test_two_years_of_rent_the_first_year_closed(demo):
    periods = demo.periods.list_periods()
    assert str(periods[0].period) == "2024-01" and str(periods[-1].period) == "2025-03"
    assert all(p.is_closed for p in periods if p.period.year == 2024)
    billed_months = {v.period_key for v in Voucher.select().where(Voucher.document_kind == "receivable_charges")}
    assert len(billed_months) == 15 and min(billed_months) == 202401

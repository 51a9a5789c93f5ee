"""预警 of leases and assets (DOMAIN §5, issue 11 item 4): each fires when it should and only then."""
from __future__ import annotations

import pytest

from assetdesk.services.assets import AssetInput
from assetdesk.services.leases.types import LeasedAsset, LeaseInput
from assetdesk.services.receivables import Payer, ReceiptInput
from tests.helpers import day

TODAY = day("2025-03-15")
SHOP = AssetInput("ZC001", "东街商铺", "商铺", building_area_centi=120_00, status="闲置", idle_since=day("2024-12-01"))
LAND = AssetInput("ZC002", "村口空地", "土地", land_area_centi=300, land_area_unit="亩", status="闲置",
                  idle_since=day("2024-01-01"))


def lease(number: str = "HT2025-001", asset: str = "ZC001", area: int = 0, **kw) -> LeaseInput:
    fields = dict(number=number, tenant_name="张三", assets=(LeasedAsset(asset, area),), start_on=day("2025-01-01"),
                  end_on=day("2025-12-31"), rent_fen=3000_00, decision_ref="社决〔2024〕5号")
    fields.update(kw)
    return LeaseInput(**fields)  # type: ignore[arg-type]


@pytest.fixture
def books(books):
    books.assets.register(SHOP)
    books.assets.register(LAND)
    return books


def alerts(books, kind: str, today=TODAY) -> list:
    return [a for a in books.alerts.run(books.ctx, today) if a.kind == kind]


def subjects(books, kind: str, today=TODAY) -> list[str]:
    return [a.subject for a in alerts(books, kind, today)]


def test_a_lease_about_to_expire(books):
    books.leases.create(lease(end_on=day("2025-04-30")))
    books.leases.create(lease("HT2025-002", "ZC002", end_on=day("2025-12-31")))
    [alert] = alerts(books, "即将到期")
    assert (alert.subject, alert.days, alert.area) == ("HT2025-001", 46, "leases")
    assert "2025-04-30 到期，还有 46 天" in alert.message and "续租" in alert.hint
    books.settings.set("alerts.lease_expiry_days", "30")
    assert subjects(books, "即将到期") == []
    books.settings.set("alerts.lease_expiry_days", "60")
    books.leases.renew("HT2025-001", lease("HT2025-003", start_on=day("2025-05-01"), end_on=day("2026-04-30")))
    assert subjects(books, "即将到期") == []


def test_an_expired_lease_not_renewed(books):
    books.leases.create(lease(end_on=day("2025-02-28")))
    [alert] = alerts(books, "到期未续")
    assert (alert.subject, alert.days) == ("HT2025-001", 15) and "2025-02-28 到期" in alert.message
    assert subjects(books, "到期未续", day("2026-03-01")) == []  # a year on it is history
    assert subjects(books, "即将到期") == []
    books.leases.create(lease("HT2025-002", start_on=day("2025-04-01"), tenant_name="李四"))
    assert subjects(books, "到期未续") == []  # the asset was let again


def test_a_terminated_lease_is_not_expired_and_not_renewed(books):
    books.leases.create(lease())
    books.leases.terminate("HT2025-001", day("2025-02-28"), "keep")
    assert subjects(books, "到期未续") == [] and subjects(books, "即将到期") == []


def test_rent_overdue_per_lease_with_total_and_days(books):
    row = books.leases.create(lease())
    books.leases.create(lease("HT2025-002", "ZC002", tenant_name="李四"))
    books.leases.bill_rent("2025-03", TODAY)
    books.receivables.receive(ReceiptInput(Payer.counterparty(books.leases.get("HT2025-002").tenant_id), TODAY,
                                           9000_00, "现金"))
    [alert] = alerts(books, "欠租逾期")
    # January (73 days) and February (42 days) are over 30 days; March (14 days) not yet
    assert (alert.subject, alert.days) == ("HT2025-001", 73)
    assert "欠租 ¥6,000.00，最长已逾期 73 天" in alert.message
    books.settings.set("alerts.rent_overdue_days", "90")
    assert subjects(books, "欠租逾期") == []
    books.settings.set("alerts.rent_overdue_days", "30")
    books.receivables.receive(ReceiptInput(Payer.counterparty(row.tenant_id), TODAY, 3000_00, "现金"))
    [alert] = alerts(books, "欠租逾期")
    assert "欠租 ¥3,000.00，最长已逾期 42 天" in alert.message
    books.leases.terminate("HT2025-001", day("2025-03-31"), "keep")
    assert subjects(books, "欠租逾期") == ["HT2025-001"]  # unpaid rent survives the lease


def test_a_term_over_20_years(books):
    books.leases.create(lease(end_on=day("2044-12-31")))
    assert subjects(books, "租期超20年") == []
    books.settings.set("alerts.lease_expiry_days", "60")
    books.settings.set("leases.allow_over_20_years", "1")
    books.leases.create(lease("HT2025-002", "ZC002", end_on=day("2045-01-01"), allow_over_20_years=True))
    [alert] = alerts(books, "租期超20年")
    assert alert.subject == "HT2025-002" and "超过 20 年" in alert.message and "民法典" in alert.hint


def test_rent_below_the_previous_lease_on_the_same_asset(books):
    books.assets.register(AssetInput("ZC003", "原办公楼", "房屋"))  # no area recorded: per month
    books.leases.create(lease(asset="ZC003", end_on=day("2025-06-30")))
    books.leases.renew("HT2025-001", lease("HT2025-002", "ZC003", start_on=day("2025-07-01"),
                                           end_on=day("2026-06-30"), rent_fen=2800_00))
    [alert] = alerts(books, "租金低于上期")
    assert alert.subject == "HT2025-002" and "2,800.00 元/月 低于上期合同 HT2025-001 的 3,000.00 元/月" in alert.message
    books.leases.update_terms("HT2025-002", lease("HT2025-002", "ZC003", start_on=day("2025-07-01"),
                                                  end_on=day("2026-06-30"), rent_fen=3000_00))
    assert subjects(books, "租金低于上期") == []


def test_rent_below_previous_compares_per_square_metre_without_a_renewal_link(books):
    books.leases.create(lease(end_on=day("2025-02-28")))  # 120 ㎡ whole: 25.00 元/㎡·月
    books.leases.create(lease("HT2025-002", area=60_00, start_on=day("2025-03-01"), rent_fen=1800_00))  # 30.00
    assert subjects(books, "租金低于上期") == []
    books.leases.create(lease("HT2025-003", area=60_00, start_on=day("2025-03-01"), rent_fen=1200_00,
                              tenant_name="李四"))  # 20.00
    [alert] = alerts(books, "租金低于上期")
    assert alert.subject == "HT2025-003" and "20.00 元/㎡·月 低于上期合同 HT2025-001 的 25.00 元/㎡·月" in alert.message


def test_a_missing_decision_reference(books):
    books.leases.create(lease(decision_ref=""))
    books.leases.create(lease("HT2025-002", "ZC002", decision_ref="", start_on=day("2025-06-01")))
    books.leases.create(lease("HT2024-001", "ZC002", decision_ref="", start_on=day("2024-01-01"),
                              end_on=day("2024-12-31")))
    books.leases.create(lease("HT2025-003", "ZC002", start_on=day("2026-01-01"), end_on=day("2026-12-31")))
    found = alerts(books, "缺少决议")
    assert [a.subject for a in found] == ["HT2025-001", "HT2025-002"]  # not the expired one, not one with it
    assert "决议" in found[0].message and "民主决策" in found[0].hint


def test_an_asset_idle_too_long(books):
    [alert] = alerts(books, "资产闲置")
    assert (alert.subject, alert.area, alert.days) == ("ZC002", "assets", 439)
    assert "自 2024-01-01 起闲置，已 439 天" in alert.message
    books.settings.set("alerts.asset_idle_days", "90")
    assert subjects(books, "资产闲置") == ["ZC002", "ZC001"]  # the longest idle first
    books.leases.create(lease("HT2025-001", "ZC002"))
    assert subjects(books, "资产闲置") == ["ZC001"]


def test_no_leases_no_lease_alerts(books):
    assert [a.kind for a in books.alerts.run(books.ctx, TODAY)] == ["资产闲置"]

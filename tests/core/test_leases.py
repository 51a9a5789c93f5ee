"""租赁合同 (DOMAIN §5): the contract form and its bad input, the stored schedule, new terms,
renewal, early termination with its settlement, and asset status following the leases."""
from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest

from assetdesk.db.models import AssetEvent
from assetdesk.errors import AssetDeskError, InputError, NotFoundError
from assetdesk.events import AssetsChanged, Event, LeasesChanged
from assetdesk.services.assets import AssetInput
from assetdesk.services.leases.schedule import generate_schedule
from assetdesk.services.leases.terms import EveryYears, LeaseTerms, PaymentCycle, RentBasis, RentStep
from assetdesk.services.leases.types import LeasedAsset, LeaseInput
from assetdesk.services.org import CounterpartyInput
from assetdesk.services.receivables import Payer, ReceiptInput
from tests.helpers import day

SHOP = AssetInput("ZC001", "东街商铺", "商铺", building_area_centi=120_00, status="闲置", idle_since=day("2024-06-01"))
LAND = AssetInput("ZC002", "村口空地", "土地", nature="资源性", land_area_centi=300, land_area_unit="亩",
                  status="闲置", idle_since=day("2024-01-01"))
OFFICE = AssetInput("ZC003", "原办公楼", "房屋", status="自用")


def lease(number: str = "HT2025-001", *assets: LeasedAsset, **kw) -> LeaseInput:
    fields = dict(number=number, tenant_name="张三", assets=assets or (LeasedAsset("ZC001"),),
                  start_on=day("2025-01-01"), end_on=day("2025-12-31"), rent_fen=3000_00, decision_ref="社决〔2024〕5号")
    fields.update(kw)
    return LeaseInput(**fields)  # type: ignore[arg-type]


@pytest.fixture
def assets(books):
    for item in (SHOP, LAND, OFFICE):
        books.assets.register(item)
    return books


def nothing_written(books) -> None:
    assert books.leases.list_leases() == []
    assert books.org.find_counterparty("张三") is None


# --- create and preview ----------------------------------------------------------------------------
def test_create_stores_the_lease_its_schedule_and_lets_the_asset(assets):
    books = assets
    heard: list = []
    books.events.subscribe(LeasesChanged, heard.append)
    books.events.subscribe(AssetsChanged, heard.append)
    row = books.leases.create(lease(cycle=PaymentCycle.QUARTERLY, deposit_fen=6000_00, purpose="餐饮"))
    assert (row.number, row.tenant_name, row.asset_codes, row.asset_names) == ("HT2025-001", "张三", ("ZC001",), ("东街商铺",))
    assert (row.status, row.rent_text, row.monthly_rent_fen, row.cycle_label) == ("生效", "3,000.00 元/月", 3000_00, "季")
    assert (row.total_fen, row.billed_fen, row.outstanding_fen, row.area_centi) == (36000_00, 0, 0, 120_00)
    tenant = books.org.find_counterparty("张三")
    assert tenant is not None and tenant.id == row.tenant_id and "承租方" in tenant.roles
    charges = books.leases.schedule("HT2025-001")
    expected = generate_schedule(LeaseTerms(day("2025-01-01"), day("2025-12-31"), rent_fen=3000_00,
                                            cycle=PaymentCycle.QUARTERLY, area_centi_sqm=120_00))
    assert [(c.seq, c.period_start, c.period_end, c.due_on, c.amount_fen, c.state) for c in charges] == \
        [(x.seq, x.period_start, x.period_end, x.due_on, x.amount_fen, "planned") for x in expected]
    assert all(c.payer == Payer.counterparty(row.tenant_id) and c.lease_id == row.id and c.item == "租金" for c in charges)
    shop = books.assets.get("ZC001")
    assert (shop.status, shop.idle_since) == ("出租", None)
    assert {type(e) for e in heard} == {LeasesChanged, AssetsChanged}
    assert "新增租赁合同" in [e.action for e in books.audit.list_entries(entity="lease")]


def test_an_existing_tenant_is_found_by_its_normalised_name(assets):
    books = assets
    books.org.add_counterparty(CounterpartyInput("张三", "个人", phone="13800138000", roles=("缴费人",)))
    first = books.leases.create(lease())
    second = books.leases.create(lease("HT2025-002", LeasedAsset("ZC002"), tenant_name=" 张  三 "))
    assert first.tenant_id == second.tenant_id
    assert [(c.name, c.roles, c.phone) for c in books.org.list_counterparties()] == \
        [("张三", ("缴费人", "承租方"), "13800138000")]


def test_preview_checks_like_create_and_writes_nothing(assets):
    books = assets
    lines = books.leases.preview(lease(start_on=day("2025-01-15"), end_on=day("2025-03-31")))
    assert [(x.period_start, x.amount_fen) for x in lines] == [
        (day("2025-01-15"), 1645_16), (day("2025-02-01"), 3000_00), (day("2025-03-01"), 3000_00)]
    nothing_written(books)
    assert books.assets.get("ZC001").status == "闲置"
    books.leases.create(lease())
    with pytest.raises(InputError, match="重叠"):
        books.leases.preview(lease("HT2025-009"))


def test_rent_per_square_metre_uses_the_leased_area(assets):
    books = assets
    row = books.leases.create(lease(assets=(LeasedAsset("ZC001", 80_00),), basis=RentBasis.PER_SQM_MONTH,
                                    rate_yuan=Decimal("25.5"), rent_fen=0))
    assert (row.area_centi, row.rent_text, row.monthly_rent_fen) == (80_00, "25.50 元/㎡·月", 2040_00)
    assert books.leases.schedule(row.number)[0].amount_fen == 2040_00


# --- bad input: each refused in Chinese, nothing written ----------------------------------------------
@pytest.mark.parametrize("change, message", [
    ({"end_on": day("2024-12-31")}, "租期结束日 2024-12-31 早于开始日 2025-01-01"),
    ({"rent_fen": 0}, "租金须大于 0"),
    ({"rent_fen": -5}, "租金须大于 0"),
    ({"number": " "}, "合同编号不能为空"),
    ({"tenant_name": ""}, "承租方不能为空"),
    ({"assets": (LeasedAsset("ZC404"),)}, "资产编码“ZC404”不存在"),
    ({"assets": ()}, "至少有一项资产"),
    ({"assets": (LeasedAsset("ZC001", 130_00),)}, "租赁面积 130.00 ㎡ 超过了资产面积 120.00 ㎡"),
    ({"assets": (LeasedAsset("ZC002", 250000_00),)}, "超过了资产面积 2,000.00 ㎡"),  # 3 亩
    ({"due_day": 31}, "交租日 31 无效"),
    ({"method": "拍卖"}, "交易方式"),
    ({"end_on": day("2045-01-01")}, "租期超过 20 年"),
])
def test_bad_input_is_refused_and_nothing_is_written(assets, change, message):
    with pytest.raises(AssetDeskError, match=message):
        assets.leases.create(lease(**change))
    nothing_written(assets)
    assert assets.assets.get("ZC001").status == "闲置"


def test_duplicate_number_is_refused(assets):
    assets.leases.create(lease())
    with pytest.raises(InputError, match="合同编号 HT2025-001 已存在"):
        assets.leases.create(lease(assets=(LeasedAsset("ZC002"),), start_on=day("2026-01-01"), end_on=day("2026-12-31")))
    assert len(assets.leases.list_leases()) == 1


def test_overlapping_leases_on_the_same_area_are_refused(assets):
    books = assets
    books.leases.create(lease(assets=(LeasedAsset("ZC001", 70_00),)))
    with pytest.raises(InputError, match=r"与合同 HT2025-001（2025-01-01 至 2025-12-31）在同一资产的面积上重叠"):
        books.leases.create(lease("HT2025-002", LeasedAsset("ZC001", 60_00), start_on=day("2025-06-01"),
                                  end_on=day("2026-05-31"), tenant_name="李四"))
    with pytest.raises(InputError, match="重叠"):  # the whole asset
        books.leases.create(lease("HT2025-002", LeasedAsset("ZC001"), start_on=day("2025-12-31"),
                                  end_on=day("2026-05-31"), tenant_name="李四"))
    assert books.org.find_counterparty("李四") is None
    # the rest of the area, or the same area after the first lease ends, may be let
    books.leases.create(lease("HT2025-002", LeasedAsset("ZC001", 50_00), tenant_name="李四"))
    books.leases.create(lease("HT2026-001", LeasedAsset("ZC001"), start_on=day("2026-01-01"), end_on=day("2026-12-31")))
    assert [r.number for r in books.leases.of_asset("ZC001")] == ["HT2026-001", "HT2025-002", "HT2025-001"]


def test_an_asset_without_area_can_only_be_checked_for_whole_lets(assets):
    books = assets
    books.leases.create(lease(assets=(LeasedAsset("ZC003", 50_00),)))
    books.leases.create(lease("HT2025-002", LeasedAsset("ZC003", 80_00), tenant_name="李四"))
    with pytest.raises(InputError, match="重叠"):
        books.leases.create(lease("HT2025-003", LeasedAsset("ZC003"), tenant_name="王五"))


def test_a_disposed_asset_cannot_be_let(assets):
    assets.assets.dispose("ZC003", day("2025-02-01"), reason="拆除")
    with pytest.raises(InputError, match="已处置，不能出租"):
        assets.leases.create(lease(assets=(LeasedAsset("ZC003"),)))


def test_over_20_years_needs_both_the_contract_and_the_setting(assets):
    books = assets
    long = lease(start_on=day("2025-01-01"), end_on=day("2049-12-31"), allow_over_20_years=True)
    with pytest.raises(InputError, match="租期超过 20 年") as refused:
        books.leases.create(long)
    assert "设置" in refused.value.hint
    books.settings.set("leases.allow_over_20_years", "1")
    with pytest.raises(InputError, match="租期超过 20 年") as refused:
        books.leases.create(dataclasses.replace(long, allow_over_20_years=False))
    assert "勾选" in refused.value.hint
    nothing_written(books)
    row = books.leases.create(long)
    assert row.end_on == day("2049-12-31")
    assert [a.subject for a in books.alerts.run(books.ctx, day("2025-03-15")) if a.kind == "租期超20年"] == ["HT2025-001"]


# --- new terms, renewal -------------------------------------------------------------------------------
def test_update_terms_keeps_billed_periods_and_regenerates_the_rest(assets):
    books = assets
    books.leases.create(lease())
    books.leases.bill_rent("2025-03", day("2025-03-15"))
    preview = books.leases.preview(lease(rent_fen=3300_00), existing="HT2025-001")
    assert [x.amount_fen for x in preview[2:5]] == [3000_00, 3300_00, 3300_00]
    assert all(c.amount_fen == 3000_00 for c in books.leases.schedule("HT2025-001"))  # a preview writes nothing
    row = books.leases.update_terms("HT2025-001", lease(rent_fen=3300_00, purpose="办公"))
    charges = books.leases.schedule("HT2025-001")
    assert [(c.seq, c.amount_fen, c.state) for c in charges[:4]] == [
        (1, 3000_00, "billed"), (2, 3000_00, "billed"), (3, 3000_00, "billed"), (4, 3300_00, "planned")]
    assert len(charges) == 12 and row.total_fen == 3 * 3000_00 + 9 * 3300_00 and row.purpose == "办公"
    with pytest.raises(InputError, match="租金已出账至 2025-03-31"):
        books.leases.update_terms("HT2025-001", lease(end_on=day("2025-02-28")))
    with pytest.raises(InputError, match="租金已出账至 2025-03-31"):
        books.leases.preview(lease(end_on=day("2025-02-28")), existing="HT2025-001")


def test_new_terms_on_another_asset_free_the_first(assets):
    books = assets
    books.leases.create(lease())
    books.leases.update_terms("HT2025-001", lease(assets=(LeasedAsset("ZC002"),)))
    assert [books.assets.get(code).status for code in ("ZC001", "ZC002")] == ["闲置", "出租"]
    assert books.assets.get("ZC001").idle_since == day("2025-03-15")
    assert books.leases.get("HT2025-001").asset_codes == ("ZC002",)


def test_renewal_links_the_new_contract_to_the_old_one(assets):
    books = assets
    books.leases.create(lease())
    with pytest.raises(InputError, match="须晚于原合同 HT2025-001 的最后一日 2025-12-31"):
        books.leases.renew("HT2025-001", lease("HT2026-001", tenant_name="", start_on=day("2025-12-01"),
                                               end_on=day("2026-12-31")))
    row = books.leases.renew("HT2025-001", lease("HT2026-001", tenant_name="", start_on=day("2026-01-01"),
                                                 end_on=day("2027-12-31"), rent_fen=3200_00))
    assert (row.previous_number, row.method, row.tenant_name, row.status) == ("HT2025-001", "续租", "张三", "未开始")
    assert books.leases.schedule("HT2026-001")[0].amount_fen == 3200_00


# --- termination ----------------------------------------------------------------------------------------
def test_termination_settles_rent_to_date_and_the_deposit(assets):
    books = assets
    row = books.leases.create(lease(cycle=PaymentCycle.QUARTERLY, deposit_fen=5000_00))
    payer = Payer.counterparty(row.tenant_id)
    books.receivables.receive_deposit(row.id, 5000_00, day("2025-01-02"), "现金")
    books.leases.bill_rent("2025-04", day("2025-04-01"))  # Q1 and Q2 billed
    books.receivables.receive(ReceiptInput(payer, day("2025-01-05"), 9000_00, "转账", source="lease", source_id=row.id))
    vouchers, heard = books.vouchers.count_vouchers(), []
    books.events.subscribe(Event, heard.append)
    preview = books.leases.preview_termination("HT2025-001", day("2025-05-10"), "apply_then_refund", "转账")
    assert books.vouchers.count_vouchers() == vouchers and heard == []  # the preview writes and announces nothing
    assert books.leases.get("HT2025-001").terminated_on is None
    done = books.leases.terminate("HT2025-001", day("2025-05-10"), "apply_then_refund", "转账", "承租方搬迁")
    assert preview == done  # the dialog shows before confirming exactly what terminating settles
    assert done.credit_fen == 0  # Q2 was paid only in part: the credit-back reduced what was owed
    # Q2 (9,000) cut to 04-01 – 05-10: April 3,000 + 10/31 of May 967.74
    assert done.rent_credited_fen == 9000_00 - 3967_74
    assert (done.deposit_applied_fen, done.deposit_refunded_fen, done.outstanding_fen) == (3967_74, 1032_26, 0)
    charges = books.leases.schedule("HT2025-001")
    assert [(c.period_start, c.period_end, c.state) for c in charges if c.state != "cancelled"] == [
        (day("2025-01-01"), day("2025-03-31"), "billed"), (day("2025-04-01"), day("2025-06-30"), "billed")]
    assert all(c.state == "cancelled" for c in charges[2:])
    after = books.leases.get("HT2025-001")
    assert (after.status, after.terminated_on, after.total_fen, after.outstanding_fen, after.deposit_held_fen) == \
        ("已终止", day("2025-05-10"), 9000_00 + 3967_74, 0, 0)
    assert books.check.run() == []  # 112 and 211 still equal the tenant's open rent and deposit
    with pytest.raises(InputError, match="已终止"):
        books.leases.terminate("HT2025-001", day("2025-05-20"))
    with pytest.raises(InputError, match="已终止"):
        books.leases.update_terms("HT2025-001", lease())


def test_termination_cuts_the_planned_period_and_unpaid_rent_survives(assets):
    books = assets
    books.leases.create(lease())
    books.leases.bill_rent("2025-02", day("2025-02-01"))
    done = books.leases.terminate("HT2025-001", day("2025-03-15"), "keep")
    assert (done.rent_credited_fen, done.outstanding_fen) == (0, 6000_00)
    live = [c for c in books.leases.schedule("HT2025-001") if c.state != "cancelled"]
    assert [(c.period_end, c.amount_fen) for c in live] == [
        (day("2025-01-31"), 3000_00), (day("2025-02-28"), 3000_00), (day("2025-03-15"), 1451_61)]
    assert books.leases.get("HT2025-001").outstanding_fen == 6000_00
    assert books.check.run() == []
    books.leases.create(lease("HT2025-002", LeasedAsset("ZC002")))
    with pytest.raises(InputError, match="不在合同 HT2025-002 的租期"):
        books.leases.terminate("HT2025-002", day("2026-01-10"))


# --- the asset follows --------------------------------------------------------------------------------
def test_asset_status_follows_the_leases_with_the_idle_date(assets):
    books = assets
    books.leases.create(lease(end_on=day("2025-02-28")))  # already ended on 2025-03-15
    shop = books.assets.get("ZC001")
    assert (shop.status, shop.idle_since) == ("闲置", day("2025-03-01"))
    books.leases.create(lease("HT2025-002", start_on=day("2025-03-01"), end_on=day("2025-12-31")))
    assert books.assets.get("ZC001").status == "出租"
    books.leases.terminate("HT2025-002", day("2025-03-10"), "keep")
    shop = books.assets.get("ZC001")
    assert (shop.status, shop.idle_since) == ("闲置", day("2025-03-11"))
    # an asset let while 自用 becomes 出租; a lease starting later leaves it 自用 until then
    books.leases.create(lease("HT2025-003", LeasedAsset("ZC003"), start_on=day("2025-04-01")))
    assert books.assets.get("ZC003").status == "自用"
    books.leases.follow_today(day("2025-04-01"))
    assert books.assets.get("ZC003").status == "出租"
    books.leases.follow_today(day("2026-01-05"))
    office = books.assets.get("ZC003")
    assert (office.status, office.idle_since) == ("闲置", day("2026-01-01"))
    events = AssetEvent.select().where(AssetEvent.asset == office.id).order_by(AssetEvent.id)
    assert [(e.kind, e.happened_on, e.reason) for e in events] == [
        ("状态变更", day("2025-04-01"), "自用 → 出租（按租赁合同）"), ("状态变更", day("2026-01-01"), "出租 → 闲置（按租赁合同）")]
    # a lease recorded after it began (today is 2025-03-15): the asset was let from the lease's first day
    books.leases.create(lease("HT2025-004", LeasedAsset("ZC002"), start_on=day("2025-03-01")))
    events = AssetEvent.select().where(AssetEvent.asset == books.assets.get("ZC002").id)
    assert [(e.happened_on, e.reason.split("（")[0]) for e in events][-1] == (day("2025-03-01"), "闲置 → 出租")


def test_reading_lists_by_status_asset_and_tenant(assets):
    books = assets
    books.leases.create(lease())
    books.leases.create(lease("HT2025-002", LeasedAsset("ZC002"), tenant_name="李四有限公司",
                              start_on=day("2025-06-01"), end_on=day("2026-05-31")))
    assert [r.number for r in books.leases.list_leases(status="生效")] == ["HT2025-001"]
    assert [r.number for r in books.leases.list_leases(status="未开始")] == ["HT2025-002"]
    assert [r.number for r in books.leases.list_leases(status="已到期", today=day("2026-01-01"))] == ["HT2025-001"]
    assert [r.number for r in books.leases.list_leases(asset_code="ZC002")] == ["HT2025-002"]
    assert [r.number for r in books.leases.list_leases(tenant="李四")] == ["HT2025-002"]
    assert books.org.find_counterparty("李四有限公司").kind == "单位"
    with pytest.raises(NotFoundError):
        books.leases.get("HT404")


def test_escalated_rent_in_force_today(assets, monkeypatch):
    books = assets
    row = books.leases.create(lease(start_on=day("2023-01-01"), end_on=day("2027-12-31"),
                                    escalation=EveryYears(1, Decimal("5"))))
    assert row.monthly_rent_fen == 3307_50  # 3,000 → 3,150 (2024) → 3,307.50 (2025)


def test_import_creates_updates_and_leaves_unchanged_in_one_transaction(assets):
    books = assets
    result = books.leases.upsert_leases([lease(), lease("HT2025-002", LeasedAsset("ZC002"))])
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    result = books.leases.upsert_leases([lease(), lease("HT2025-002", LeasedAsset("ZC002"), rent_fen=2000_00)])
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert books.leases.get("HT2025-002").monthly_rent_fen == 2000_00
    with pytest.raises(InputError, match="租金须大于 0"):
        books.leases.upsert_leases([lease("HT2025-003", LeasedAsset("ZC003")), lease("HT2025-004", rent_fen=0)])
    assert len(books.leases.list_leases()) == 2


def test_terms_round_trip_through_the_database(assets):
    """Step tables, free ranges and yearly rent are stored as the clerk gave them: the stored schedule is
    the generated one, and importing the same contract again changes nothing."""
    books = assets
    item = lease(basis=RentBasis.PER_YEAR, rent_fen=36000_00, cycle=PaymentCycle.HALF_YEARLY, due_day=5,
                 escalation=(RentStep(day("2025-07-01"), 3500_00), RentStep(2, 4000_00)), end_on=day("2026-12-31"),
                 free_ranges=((day("2025-02-01"), day("2025-02-28")),), free_months=1, deposit_fen=1000_00,
                 signed_on=day("2024-12-20"), decision_on=day("2024-12-01"))
    row = books.leases.create(item)
    assert (row.rent_text, row.cycle_label, row.due_day, row.monthly_rent_fen) == ("36,000.00 元/年", "半年", 5, 3000_00)
    expected = books.leases.preview(dataclasses.replace(item, number="HT-PREVIEW", assets=(LeasedAsset("ZC002"),)))
    assert [(c.period_start, c.period_end, c.due_on, c.amount_fen, c.note) for c in books.leases.schedule(row.number)] \
        == [(x.period_start, x.period_end, x.due_on, x.amount_fen, x.note) for x in expected]
    assert expected[0].amount_fen == 3000_00 * 4 and "免租" in expected[0].note  # Jan and Feb free
    result = books.leases.upsert_leases([item])
    assert (result.created, result.updated, result.unchanged) == (0, 0, 1)
    assert books.leases.input_of(row.number) == dataclasses.replace(item, tenant_id=row.tenant_id)


def test_a_termination_refused_half_way_leaves_everything_as_it_was(assets):
    books = assets
    row = books.leases.create(lease(deposit_fen=2000_00))
    books.receivables.receive_deposit(row.id, 2000_00, day("2025-01-02"), "现金")
    books.leases.bill_rent("2025-02", day("2025-02-01"))
    before = books.leases.schedule("HT2025-001")
    with pytest.raises(AssetDeskError):
        books.leases.terminate("HT2025-001", day("2025-02-10"), "refund", refund_method="支票")
    after = books.leases.get("HT2025-001")
    assert (after.status, after.terminated_on, after.deposit_held_fen) == ("生效", None, 2000_00)
    assert books.leases.schedule("HT2025-001") == before
    assert books.assets.get("ZC001").status == "出租"


def test_rent_paid_for_days_after_a_termination_is_credit_that_can_be_refunded(assets):
    books = assets
    row = books.leases.create(lease(cycle=PaymentCycle.QUARTERLY))
    payer = Payer.counterparty(row.tenant_id)
    books.leases.bill_rent("2025-04", day("2025-04-01"))
    books.receivables.receive(ReceiptInput(payer, day("2025-04-02"), 18000_00, "转账", source="lease", source_id=row.id))
    done = books.leases.terminate("HT2025-001", day("2025-05-10"), "keep")
    assert done.credit_fen == 9000_00 - 3967_74 == books.receivables.credit_of(payer)
    with pytest.raises(InputError, match="超过 .* 的预收款余额 ¥5,032.26"):
        books.receivables.refund_credit(payer, 6000_00, day("2025-05-12"), "转账", "提前终止退还多收租金")
    with pytest.raises(InputError, match="退还原因"):
        books.receivables.refund_credit(payer, 100_00, day("2025-05-12"), "转账", " ")
    refund = books.receivables.refund_credit(payer, done.credit_fen, day("2025-05-12"), "转账", "提前终止退还多收租金")
    assert books.receivables.credit_of(payer) == 0
    assert books.check.run() == []  # 112 (credit on it) and the bank agree with the sub-ledger again
    voucher = books.vouchers.get(books.documents.voucher_of("credit_refund", refund) or 0)
    assert [(line.account_code, line.debit_fen or 0, line.credit_fen or 0) for line in voucher.lines] == [
        ("112", 5032_26, 0), ("10201", 0, 5032_26)]

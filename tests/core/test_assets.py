"""资产台账 (DOMAIN §4): register, filters, status, depreciation run, disposal, check against 151/152."""
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assetdesk.errors import DuplicateError, InputError, NotFoundError, PeriodError, VoucherError
from assetdesk.events import AssetsChanged
from assetdesk.periods import Period
from assetdesk.services.assets import AssetInput
from assetdesk.services.assets.schedule import cumulative_fen, due_fen, monthly_fen
from assetdesk.services.org import CompoundInput
from tests.helpers import post

SHOP = AssetInput("ZC001", "东街商铺", "商铺", location="东街12号", compound_code="", building_area_centi=12050,
                  acquisition="自建", acquired_on=dt.date(2024, 12, 10), original_fen=120_000_00, life_months=240,
                  salvage_fen=6_000_00, status="出租", keeper="李四")
LAND = AssetInput("ZC002", "村口空地", "土地", nature="资源性", land_area_centi=350, land_area_unit="亩",
                  acquired_on=dt.date(2000, 1, 1), status="闲置", idle_since=dt.date(2024, 6, 1))


def test_register_and_read_back_every_field(books):
    books.org.add_area("PQ01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    heard = []
    books.events.subscribe(AssetsChanged, heard.append)
    row = books.assets.register(AssetInput(**{**SHOP.__dict__, "compound_code": "XQ001"}))
    assert (row.code, row.name, row.category, row.compound_name, row.area_name) == \
        ("ZC001", "东街商铺", "商铺", "兰园小区", "东片区")
    assert row.building_area_centi == 12050 and row.original_fen == 120_000_00 and row.life_months == 240
    assert row.status == "出租" and row.idle_since is None and row.net_fen == 120_000_00
    land = books.assets.register(LAND)
    assert (land.land_area_centi, land.land_area_unit, land.idle_since) == (350, "亩", dt.date(2024, 6, 1))
    assert len(heard) == 2
    assert [e.action for e in books.audit.list_entries(entity="asset")] == ["登记资产", "登记资产"]


@pytest.mark.parametrize("change, message", [
    ({"code": " "}, "资产编码不能为空"), ({"name": ""}, "名称不能为空"), ({"category": "车辆"}, "类别“车辆”不在可选范围内"),
    ({"salvage_fen": 200_000_00}, "净残值大于原值"), ({"original_fen": -1}, "原值不能为负数"),
    ({"opening_depreciation_fen": 119_000_00}, "累计折旧超过了原值减净残值"), ({"land_area_unit": "公顷"}, "占地面积单位"),
    ({"acquisition": "偷来"}, "取得方式"),
])
def test_bad_input_is_refused_in_chinese_and_nothing_is_written(books, change, message):
    with pytest.raises(InputError, match=message):
        books.assets.register(AssetInput(**{**SHOP.__dict__, **change}))
    assert books.assets.list_assets() == []


def test_duplicate_code_and_unknown_compound_are_refused(books):
    books.assets.register(SHOP)
    with pytest.raises(DuplicateError, match="ZC001"):
        books.assets.register(SHOP)
    with pytest.raises(NotFoundError, match="小区编码“XQ404”不存在"):
        books.assets.register(AssetInput(**{**LAND.__dict__, "compound_code": "XQ404"}))


def test_filters_by_category_status_compound_area_and_idle_days(books):
    books.org.add_area("PQ01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    books.assets.register(AssetInput(**{**SHOP.__dict__, "compound_code": "XQ001"}))
    books.assets.register(LAND)
    books.assets.register(AssetInput("ZC003", "仓库", "房屋", status="闲置", idle_since=dt.date(2025, 3, 1)))
    codes = lambda rows: [r.code for r in rows]  # noqa: E731
    assert codes(books.assets.list_assets(category="土地")) == ["ZC002"]
    assert codes(books.assets.list_assets(status="闲置")) == ["ZC002", "ZC003"]
    assert codes(books.assets.list_assets(compound_code="XQ001")) == ["ZC001"]
    assert codes(books.assets.list_assets(area_code="PQ01")) == ["ZC001"]
    today = dt.date(2025, 3, 15)
    assert codes(books.assets.list_assets(idle_over_days=30, today=today)) == ["ZC002"]
    assert codes(books.assets.list_assets(idle_over_days=10, today=today)) == ["ZC002", "ZC003"]
    assert books.assets.get("ZC002").idle_days(today) == (today - dt.date(2024, 6, 1)).days


def test_status_change_records_the_idle_date_and_an_event(books):
    books.assets.register(SHOP)
    row = books.assets.set_status("ZC001", "闲置", dt.date(2025, 2, 1))
    assert row.status == "闲置" and row.idle_since == dt.date(2025, 2, 1)
    row = books.assets.set_status("ZC001", "出租", dt.date(2025, 3, 1))
    assert row.status == "出租" and row.idle_since is None
    with pytest.raises(InputError, match="使用状态"):
        books.assets.set_status("ZC001", "已处置", dt.date(2025, 3, 1))
    assert books.assets.update("ZC001", AssetInput(**{**SHOP.__dict__, "name": "东街一号商铺"})).name == "东街一号商铺"


def test_a_month_is_depreciated_once_in_one_voucher_land_never(books):
    books.assets.register(SHOP)
    books.assets.register(LAND)
    books.assets.register(AssetInput("ZC003", "水泵", "设施设备", acquired_on=dt.date(2024, 12, 31),
                                     original_fen=1_000_00, life_months=3, status="自用"))
    run = books.assets.run_depreciation("2025-01")
    monthly = monthly_fen(120_000_00, 6_000_00, 240)
    assert monthly == 475_00
    assert (run.assets, run.total_fen) == (2, 475_00 + 333_33)
    assert books.ledger.balance("152", "2025-01") == -(475_00 + 333_33)
    assert books.ledger.balance("511", "2025-01") == 475_00 + 333_33
    with pytest.raises(VoucherError, match="2025-01 已经计提折旧"):
        books.assets.run_depreciation("2025-01")
    books.assets.run_depreciation("2025-02")
    third = books.assets.run_depreciation("2025-03")
    assert third.total_fen == 475_00 + (1_000_00 - 2 * 333_33)  # the last month takes the remainder
    assert books.assets.run_depreciation("2025-04").total_fen == 475_00  # 水泵 fully depreciated
    assert books.assets.get("ZC003").accumulated_fen == 1_000_00 and books.assets.get("ZC003").net_fen == 0
    with pytest.raises(PeriodError, match="按月份顺序"):
        books.assets.run_depreciation("2024-12")


def test_opening_accumulated_continues_the_schedule(books):
    """Registered at the books' start with the 累计折旧 of its schedule: the next run is one month's charge."""
    opening = cumulative_fen(120_000_00, 6_000_00, 240, dt.date(2020, 6, 1), Period(2024, 12))
    books.assets.register(AssetInput(**{**SHOP.__dict__, "acquired_on": dt.date(2020, 6, 1),
                                        "opening_depreciation_fen": opening}))
    books.accounts.set_opening_balances({"151": 120_000_00, "152": -opening, "301": -(120_000_00 - opening)})
    assert books.check.run() == []
    assert books.assets.run_depreciation("2025-01").total_fen == 475_00
    assert books.check.run() == []


def test_check_reconciles_the_register_with_151_and_152(books):
    books.assets.register(SHOP)
    findings = [f.message for f in books.check.run()]
    assert any("固定资产原值（151）与资产台账" in m and "ZC001" not in m for m in findings)
    post(books, "2025-01-05", "自建商铺完工", ("151", 120_000_00), ("10201", -120_000_00))
    assert books.check.run() == []
    books.assets.run_depreciation("2025-01")
    assert books.check.run() == []


def test_disposal_posts_the_net_value_to_clearing_and_is_final(books):
    books.assets.register(SHOP)
    post(books, "2025-01-05", "自建商铺完工", ("151", 120_000_00), ("10201", -120_000_00))
    books.assets.run_depreciation("2025-01")
    with pytest.raises(InputError, match="处置原因"):
        books.assets.dispose("ZC001", dt.date(2025, 2, 20))
    done = books.assets.dispose("ZC001", dt.date(2025, 2, 20), 50_000_00, "道路拓宽拆除，决议〔2025〕3号")
    assert (done.accumulated_fen, done.net_fen, done.proceeds_fen) == (475_00, 120_000_00 - 475_00, 50_000_00)
    assert books.ledger.balance("154", "2025-02") == 120_000_00 - 475_00
    assert books.ledger.balance("151", "2025-02") == 0 and books.ledger.balance("152", "2025-02") == 0
    row = books.assets.get("ZC001")
    assert row.status == "已处置" and row.net_fen == 0
    assert books.check.run() == []
    assert books.assets.run_depreciation("2025-02").total_fen == 0  # disposed: no more depreciation
    with pytest.raises(InputError, match="已经处置"):
        books.assets.dispose("ZC001", dt.date(2025, 2, 21), 0, "再处置")
    with pytest.raises(InputError, match="已处置"):
        books.assets.set_status("ZC001", "闲置", dt.date(2025, 3, 1))


def test_an_asset_named_on_a_line_must_exist(books):
    from assetdesk.services.vouchers import LineInput, VoucherInput
    with pytest.raises(Exception, match="资产（编号 999）不存在"):
        books.vouchers.create_and_post(VoucherInput(dt.date(2025, 1, 5), "购置", [
            LineInput.debit("151", 100_00, asset_id=999), LineInput.credit("10201", 100_00)]))


@settings(max_examples=200, deadline=None)
@given(original=st.integers(0, 10**11), salvage_share=st.integers(0, 100), life=st.integers(1, 600),
       opening_share=st.integers(0, 100))
def test_over_the_whole_life_the_runs_sum_exactly_to_original_less_salvage(original, salvage_share, life,
                                                                         opening_share):
    salvage = original * salvage_share // 100
    opening = (original - salvage) * opening_share // 100
    acquired, period, accumulated = dt.date(2020, 5, 17), Period(2020, 5), opening
    for _ in range(life + 3):
        period = period.next()
        accumulated += due_fen(original, salvage, life, acquired, period, accumulated)
        assert accumulated <= original - salvage  # never below 净残值
    assert accumulated == original - salvage


def test_a_difference_is_listed_by_asset_where_151_names_assets(books):
    from assetdesk.services.opening_breakdown import BreakdownInput

    shop = books.assets.register(SHOP)
    hall = books.assets.register(AssetInput("ZC004", "活动室", "房屋", acquired_on=dt.date(2024, 1, 1),
                                            original_fen=50_000_00, life_months=360, status="自用"))
    books.accounts.set_dimensions("151", ["asset"])
    books.accounts.set_opening_balances(
        {"151": 160_000_00, "301": -160_000_00},
        breakdown={"151": [BreakdownInput(110_000_00, asset_id=shop.id), BreakdownInput(50_000_00, asset_id=hall.id)]})
    findings = [f.message for f in books.check.run() if "151" in f.message and "资产台账" in f.message]
    assert len(findings) == 1 and "ZC001 东街商铺 相差 ¥10,000.00" in findings[0] and "ZC004" not in findings[0]


def test_a_reversed_month_can_be_run_again_and_every_line_names_its_asset(books):
    shop = books.assets.register(SHOP)
    run = books.assets.run_depreciation("2025-01")
    voucher = books.vouchers.get(books.documents.voucher_of("depreciation", 202501))
    assert {line.asset_id for line in voucher.lines} == {shop.id} and len(voucher.lines) == 2
    books.documents.reverse("depreciation", 202501)
    assert books.assets.get("ZC001").accumulated_fen == 0
    assert books.assets.run_depreciation("2025-01").total_fen == run.total_fen
    assert books.assets.get("ZC001").accumulated_fen == 475_00


def test_importing_the_same_items_again_changes_nothing(books):
    first = books.assets.upsert_assets([SHOP, LAND])
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = books.assets.upsert_assets([SHOP, LAND])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    with pytest.raises(DuplicateError, match="出现两次"):
        books.assets.upsert_assets([SHOP, SHOP])

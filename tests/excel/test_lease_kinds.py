"""租赁合同 Excel (kind ``leases``): the district's contract ledgers, read into the lease service's
input. The words contracts use for terms (递增, 免租, 缴费周期, 租赁期限) are read as a clerk means
them; a bad row is refused at its row and the column holding the mistake, in Chinese."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assetdesk.errors import InputError
from assetdesk.excel.importer import read_file
from assetdesk.excel.kinds import KINDS
from assetdesk.excel.kinds.lease_text import (
    parse_basis,
    parse_cycle,
    parse_due_day,
    parse_escalation,
    parse_free,
    parse_term,
    split_codes,
)
from assetdesk.excel.kinds.leases import _AssetInfo, _RowProblem, lease_input
from assetdesk.services.leases.terms import EveryYears, PaymentCycle, RentBasis, RentStep

from .helpers import make_workbook

D = dt.date
ASSETS = {code: _AssetInfo(code, area) for code, area in
          (("ZC001", 120_00), ("ZC002", 80_50), ("ZC003", 300_00), ("TD01", 2000_00))}

LEDGER = [
    ["兰花社区集体资产租赁合同台账"],
    ["填报单位：兰花社区股份经济合作社", None, None, None, None, None, None, None, "单位：元"],
    ["序号", "合同号", "承租人", "资产编号", "出租面积", "租赁用途", "交易方式", "民主决策文号", "决议日期",
     "签订日期", "租赁期限", "月租金", "递增方式", "免租期(月)", "付款方式", "每期缴款日", "保证金", "备注"],
    [1, "ZL2024-001", "叶桂霞", "ZC001", None, "餐饮", "竞价", "兰社决〔2023〕12号", "2023-12-05", "2023-12-20",
     "2024-01-01至2026-12-31", 3000, "每两年上浮3%", 2, "季付", "每季首月5日", 6000, "临街"],
    [2, "ZL2024-002", "兰花物业有限公司", "ZC002、ZC003", None, "仓储", "协议", "兰社决〔2024〕3号", "2024-02-01",
     "2024-02-10", "2024.3.1-2029.2.28", 5000, "2026-03-01起5300；2028-03-01起5600", "无", "按年", 1, 10000, None],
    ["合计", None, None, None, None, None, None, None, None, None, None, 8000, None, None, None, None, 16000],
    ["填表人：王会计", None, None, None, "审核人：李主任"],
]


def _rows(tmp_path, rows, merges=("A1:R1",)):
    return read_file(KINDS["leases"], make_workbook(tmp_path / "合同台账.xlsx", rows, merges=merges))


def test_the_words_contracts_use_for_terms_are_read():
    assert split_codes("ZC001、ZC002，ZC003; ZC004/ZC005 ZC001") == ("ZC001", "ZC002", "ZC003", "ZC004", "ZC005")
    assert parse_term("2024-01-01至2026-12-31") == parse_term("2024.1.1-2026.12.31") == \
        parse_term("2024年1月1日—2026年12月31日") == (D(2024, 1, 1), D(2026, 12, 31))
    assert [parse_basis(t) for t in ("元/月", "按月", "元/年", "按年", "元/㎡·月", "按面积", "元/平方米/月", "")] == \
        [RentBasis.PER_MONTH] * 2 + [RentBasis.PER_YEAR] * 2 + [RentBasis.PER_SQM_MONTH] * 3 + [None]
    assert parse_escalation("每3年递增5%", RentBasis.PER_MONTH) == EveryYears(3, Decimal(5))
    assert parse_escalation("每两年上浮3%", RentBasis.PER_MONTH) == EveryYears(2, Decimal(3))
    assert parse_escalation("每年递增2.5%", RentBasis.PER_MONTH) == EveryYears(1, Decimal("2.5"))
    assert parse_escalation("无", RentBasis.PER_MONTH) is None
    assert parse_escalation("2026-01-01起3300；2028-01-01起3600", RentBasis.PER_MONTH) == \
        (RentStep(D(2026, 1, 1), 3300_00), RentStep(D(2028, 1, 1), 3600_00))
    assert parse_escalation("第3年起3300", RentBasis.PER_MONTH) == (RentStep(3, 3300_00),)
    # a step in a 元/年 contract is a year's rent; in a 元/㎡·月 one a rate on the leased area
    assert parse_escalation("第2年起37200", RentBasis.PER_YEAR) == (RentStep(2, 3100_00),)
    assert parse_escalation("第2年起26", RentBasis.PER_SQM_MONTH, 100_00) == (RentStep(2, 2600_00),)
    assert parse_free(2) == parse_free("2个月") == (2, ())
    assert parse_free("2024-01-01至2024-01-31；2025-01-01至2025-01-15") == \
        (0, ((D(2024, 1, 1), D(2024, 1, 31)), (D(2025, 1, 1), D(2025, 1, 15))))
    assert [parse_cycle(t) for t in ("月付", "按季", "季", "半年付", "年", "每3个月")] == \
        [PaymentCycle.MONTHLY, PaymentCycle.QUARTERLY, PaymentCycle.QUARTERLY, PaymentCycle.HALF_YEARLY,
         PaymentCycle.YEARLY, PaymentCycle.QUARTERLY]
    assert [parse_due_day(t) for t in (5, "5日", "每月5号", "每期首月10日", "")] == [5, 5, 5, 10, None]


@pytest.mark.parametrize(("parse", "text", "reason"), [
    (parse_term, "2024年起三年", "租赁期限“2024年起三年”无法识别"),
    (parse_basis, "按人头", "计租方式“按人头”无法识别"),
    (lambda t: parse_escalation(t, RentBasis.PER_MONTH), "看情况涨", "租金递增“看情况涨”无法识别"),
    (parse_free, "春节期间", "免租期“春节期间”无法识别"),
    (parse_cycle, "随时", "缴费周期“随时”无法识别"),
    (parse_due_day, "月底前", "交租日“月底前”无法识别"),
])
def test_words_that_say_nothing_clear_are_refused_in_chinese(parse, text, reason):
    with pytest.raises(InputError, match=reason):
        parse(text)


def test_a_district_contract_ledger_reads_with_its_aliases_title_total_and_sign_off(tmp_path):
    preview = _rows(tmp_path, LEDGER)
    assert preview.errors == []
    assert [row.row for row in preview.rows] == [4, 5]  # title, unit, 合计 and 填表人 rows are not contracts
    first, second = (lease_input(row, ASSETS) for row in preview.rows)
    assert (first.number, first.tenant_name, [a.asset_code for a in first.assets]) == \
        ("ZL2024-001", "叶桂霞", ["ZC001"])
    assert (first.start_on, first.end_on, first.basis, first.rent_fen) == \
        (D(2024, 1, 1), D(2026, 12, 31), RentBasis.PER_MONTH, 3000_00)
    assert (first.escalation, first.free_months, first.cycle, first.due_day, first.deposit_fen) == \
        (EveryYears(2, Decimal(3)), 2, PaymentCycle.QUARTERLY, 5, 6000_00)
    assert (first.method, first.decision_ref, first.decision_on, first.signed_on, first.purpose, first.note) == \
        ("公开竞价", "兰社决〔2023〕12号", D(2023, 12, 5), D(2023, 12, 20), "餐饮", "临街")
    assert [(a.asset_code, a.area_centi) for a in second.assets] == [("ZC002", 0), ("ZC003", 0)]
    assert (second.start_on, second.end_on, second.cycle, second.due_day) == \
        (D(2024, 3, 1), D(2029, 2, 28), PaymentCycle.YEARLY, 1)
    assert second.escalation == (RentStep(D(2026, 3, 1), 5300_00), RentStep(D(2028, 3, 1), 5600_00))
    assert (second.free_months, second.method, second.tenant_name) == (0, "协议", "兰花物业有限公司")


def test_the_rent_column_header_says_the_basis_and_the_unit(tmp_path):
    head = ["合同编号", "承租方", "资产编码", "租赁面积(㎡)", "起租日期", "到期日期"]
    cases = [
        (["年租金(万元)"], [3.6], RentBasis.PER_YEAR, 36000_00, None),
        (["租金单价(元/㎡·月)"], [25.5], RentBasis.PER_SQM_MONTH, 0, Decimal("25.50")),
        (["租金单价(元/㎡·月)"], ["25.505元/㎡·月"], RentBasis.PER_SQM_MONTH, 0, Decimal("25.505")),
        (["计租方式", "租金"], ["按面积", 18], RentBasis.PER_SQM_MONTH, 0, Decimal(18)),
        (["计租方式", "租金（元）"], ["元/年", 48000], RentBasis.PER_YEAR, 48000_00, None),
        (["租金"], [2500], RentBasis.PER_MONTH, 2500_00, None),
        # a ledger with both: 计租方式 chooses the column
        (["计租方式", "月租金", "年租金"], ["元/年", 3000, 36000], RentBasis.PER_YEAR, 36000_00, None),
    ]
    for index, (headers, values, basis, rent_fen, rate) in enumerate(cases):
        rows = [head + headers, ["HT-1", "张三", "ZC001", 60, "2025-01-01", "2025-12-31", *values]]
        preview = read_file(KINDS["leases"], make_workbook(tmp_path / f"{index}.xlsx", rows))
        item = lease_input(preview.rows[0], ASSETS)
        assert (item.basis, item.rent_fen, item.rate_yuan) == (basis, rent_fen, rate), headers
        assert [(a.asset_code, a.area_centi) for a in item.assets] == [("ZC001", 60_00)]


def test_separate_start_and_end_columns_win_over_a_term_cell_and_free_ranges_read(tmp_path):
    rows = [["合同编号", "承租方", "资产编码", "开始日期", "结束日期", "租金", "免租期", "缴费周期", "交租日"],
            ["HT-2", "李四", "TD01", dt.datetime(2025, 4, 1), "2027-03-31", 1200,
             "2025-04-01至2025-05-31", "按半年", "10号"]]
    item = lease_input(read_file(KINDS["leases"], make_workbook(tmp_path / "a.xlsx", rows)).rows[0], ASSETS)
    assert (item.start_on, item.end_on, item.free_ranges, item.cycle, item.due_day) == \
        (D(2025, 4, 1), D(2027, 3, 31), ((D(2025, 4, 1), D(2025, 5, 31)),), PaymentCycle.HALF_YEARLY, 10)


@pytest.mark.parametrize(("cells", "column", "reason"), [
    ({"租赁期限": "2026-12-31至2024-01-01"}, "租赁期限", "早于开始日"),
    ({"租赁期限": "2024-01-01至2046-12-31"}, "租赁期限", "租期超过 20 年"),
    ({"月租金": 0}, "月租金", "租金须大于 0"),
    ({"资产编号": "ZC404"}, "资产编号", "资产编码“ZC404”不存在"),
    ({"递增方式": "每3年递增500%"}, "递增方式", "递增比例 500% 超出范围"),
    ({"付款方式": "随缘"}, "付款方式", "缴费周期“随缘”无法识别"),
    ({"每期缴款日": 31}, "每期缴款日", "交租日 31 无效"),
    ({"免租期(月)": "2024-03-01至2024-02-01"}, "免租期(月)", "免租期结束日 2024-02-01 早于开始日"),
    ({"资产编号": "ZC001、ZC002", "出租面积": 50}, "出租面积", "按整个资产出租"),
    ({"租赁期限": None}, "租赁期限", "须填写起租日期"),
])
def test_a_bad_term_is_reported_at_its_column(tmp_path, cells, column, reason):
    header = LEDGER[2]
    row = list(LEDGER[3])
    for name, value in cells.items():
        row[header.index(name)] = value
    parsed = _rows(tmp_path, [header, row], merges=()).rows[0]
    with pytest.raises(_RowProblem) as caught:
        lease_input(parsed, ASSETS)
    error = parsed.error(caught.value.key, caught.value.reason)
    assert error.row == 2 and reason in error.reason
    assert error.column.endswith(f"（{column}）"), error.column


# --- importing into the books ----------------------------------------------------------------------
CONTRACTS = [
    ["兰花社区集体资产租赁合同台账"],
    [None, None, None, None, None, None, None, None, "单位：元"],
    ["序号", "合同编号", "承租方", "资产编码", "租赁面积(㎡)", "用途", "交易方式", "决议文号", "决议日期", "签订日期",
     "租赁期限", "月租金", "租金递增", "免租期", "缴费周期", "交租日", "押金", "备注"],
    [1, "ZL2025-001", "叶桂霞", "ZC001", None, "餐饮", "竞价", "兰社决〔2024〕12号", "2024-12-05", "2024-12-20",
     "2025-01-01至2027-12-31", 3000, "每2年递增3%", "1个月", "季付", 5, 6000, "临街"],
    [2, "ZL2025-002", "兰花物业有限公司", "ZC002、ZC003", None, "仓储", "协议", "兰社决〔2025〕3号", "2025-01-10",
     "2025-01-20", "2025.2.1-2026.1.31", 5000, "无", None, "按月", 1, 10000, None],
    [3, "ZL2025-003", "张三", "TD01", 500, "停车", "协议", "兰社决〔2025〕4号", "2025-01-10", "2025-01-20",
     "2025-01-01至2025-12-31", 1000, "2025-07-01起1200", None, "月付", 1, 0, None],
    ["合计", None, None, None, None, None, None, None, None, None, None, 9000, None, None, None, None, 16000],
    ["填表人：王会计", None, None, None, "审核人：李主任"],
]


@pytest.fixture
def with_assets(books):
    from assetdesk.services.assets import AssetInput

    for code, name, category, area in (("ZC001", "东街商铺", "商铺", 120_00), ("ZC002", "北仓库", "房屋", 80_50),
                                       ("ZC003", "南仓库", "房屋", 300_00)):
        books.assets.register(AssetInput(code, name, category, building_area_centi=area, status="闲置",
                                         idle_since=D(2024, 6, 1)))
    books.assets.register(AssetInput("TD01", "村口空地", "土地", nature="资源性", land_area_centi=2000_00,
                                     status="闲置", idle_since=D(2024, 1, 1)))
    return books


def _contracts(tmp_path, rows=CONTRACTS, name="合同台账.xlsx"):
    return make_workbook(tmp_path / name, rows, merges=("A1:R1",))


def test_a_contract_ledger_imports_leases_with_their_schedules(with_assets, tmp_path):
    from assetdesk.excel import import_file

    from .helpers import listed

    books = with_assets
    path = _contracts(tmp_path)
    assert listed(import_file(books, "leases", path, dry_run=True)) == \
        ["新增 ZL2025-001 叶桂霞", "新增 ZL2025-002 兰花物业有限公司", "新增 ZL2025-003 张三"]
    assert books.leases.list_leases() == []
    import_file(books, "leases", path)
    shop, store, park = books.leases.list_leases()
    assert (shop.tenant_name, shop.asset_codes, shop.method, shop.cycle_label, shop.due_day, shop.deposit_fen) == \
        ("叶桂霞", ("ZC001",), "公开竞价", "季", 5, 6000_00)
    assert (shop.start_on, shop.end_on, shop.decision_ref, shop.signed_on, shop.note) == \
        (D(2025, 1, 1), D(2027, 12, 31), "兰社决〔2024〕12号", D(2024, 12, 20), "临街")
    first_quarter = books.leases.schedule("ZL2025-001")[0]
    assert (first_quarter.period_start, first_quarter.period_end, first_quarter.amount_fen) == \
        (D(2025, 1, 1), D(2025, 3, 31), 6000_00)  # January free
    assert books.leases.schedule("ZL2025-001")[-1].amount_fen == 3090_00 * 3  # the third year: 3% up
    assert sorted(store.asset_codes) == ["ZC002", "ZC003"] and store.total_fen == 12 * 5000_00
    assert park.area_centi == 500_00
    july = next(c for c in books.leases.schedule("ZL2025-003") if c.period_start == D(2025, 7, 1))
    assert july.amount_fen == 1200_00
    assert books.assets.get("ZC001").status == "出租"
    assert books.org.find_counterparty("兰花物业有限公司") is not None


def test_importing_the_same_ledger_twice_changes_nothing_and_an_edit_is_a_change(with_assets, tmp_path):
    import openpyxl

    from assetdesk.excel import import_file

    from .helpers import listed

    books = with_assets
    path = _contracts(tmp_path)
    import_file(books, "leases", path)
    before = (books.leases.list_leases(), [books.leases.schedule(n) for n in ("ZL2025-001", "ZL2025-002")])
    assert listed(import_file(books, "leases", path, dry_run=True)) == []
    preview = import_file(books, "leases", path)
    assert (preview.new, preview.changed, preview.unchanged) == (0, 0, 3)
    assert (books.leases.list_leases(), [books.leases.schedule(n) for n in ("ZL2025-001", "ZL2025-002")]) == before
    workbook = openpyxl.load_workbook(path)
    workbook.active["L5"] = 5500  # ZL2025-002's rent
    workbook.active["F4"] = "餐饮、零售"
    workbook.save(path)
    assert listed(import_file(books, "leases", path, dry_run=True)) == [
        "修改 ZL2025-001 叶桂霞：用途：餐饮 → 餐饮、零售",
        "修改 ZL2025-002 兰花物业有限公司：租金条款（应收租金计划）有变化"]
    import_file(books, "leases", path)
    assert books.leases.get("ZL2025-002").total_fen == 12 * 5500_00
    assert books.leases.get("ZL2025-001").purpose == "餐饮、零售"


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_written(with_assets, tmp_path):
    from assetdesk.excel import ImportRejectedError, import_file

    books = with_assets
    rows = [list(row) for row in CONTRACTS]
    rows[3][10] = "2027-12-31至2025-01-01"  # end before start
    rows[4][11] = 0  # no rent
    rows[5][3] = "ZC009"  # an asset not on record
    rows.insert(6, [4, "ZL2025-004", "李四", "ZC001", None, "零售", "协议", None, None, None,
                    "2025-06-01至2026-05-31", 2000, None, None, "半年付", 1, 0, None])  # ZL2025-001's shop
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "leases", _contracts(tmp_path, rows))
    errors = {(e.row, e.column): e.reason for e in caught.value.preview.errors}
    assert "早于开始日" in errors[(4, "K（租赁期限）")]
    assert "租金须大于 0" in errors[(5, "L（月租金）")]
    assert "资产编码“ZC009”不存在" in errors[(6, "D（资产编码）")]
    assert len(errors) == 3  # ZL2025-004 overlaps a contract refused above: nothing to overlap with yet
    assert books.leases.list_leases() == [] and books.org.find_counterparty("叶桂霞") is None


def test_two_contracts_letting_the_same_asset_at_once_are_refused(with_assets, tmp_path):
    from assetdesk.excel import ImportRejectedError, import_file

    books = with_assets
    rows = [list(row) for row in CONTRACTS[:5]]
    rows.append([4, "ZL2025-004", "李四", "ZC001", None, "零售", "协议", None, None, None,
                 "2025-06-01至2026-05-31", 2000, None, None, "半年付", 1, 0, None])
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "leases", _contracts(tmp_path, rows))
    assert [(e.row, e.column) for e in caught.value.preview.errors] == [(6, "D（资产编码）")]
    assert "与第 4 行合同“ZL2025-001”的租期重叠" in caught.value.preview.errors[0].reason
    import_file(books, "leases", _contracts(tmp_path, rows[:5], "ok.xlsx"))
    with pytest.raises(ImportRejectedError) as caught:  # now against the lease in the books
        import_file(books, "leases", _contracts(tmp_path, rows[:3] + rows[5:], "later.xlsx"))
    (error,) = caught.value.preview.errors
    assert error.row == 4 and "ZL2025-001" in error.reason, error
    assert [lease.number for lease in books.leases.list_leases()] == ["ZL2025-001", "ZL2025-002"]


def test_the_cli_imports_a_ledger_and_refuses_a_bad_one_with_exit_code_1(with_assets, tmp_path, capsys):
    from assetdesk.cli import main

    db = str(with_assets.database_path)
    with_assets.close()
    bad = [list(row) for row in CONTRACTS]
    bad[3][14] = "随缘"
    assert main(["--db", db, "import", "leases", str(_contracts(tmp_path, bad, "bad.xlsx"))]) == 1
    out = capsys.readouterr().out
    assert "第 4 行 O 列（缴费周期）“随缘”：缴费周期“随缘”无法识别" in out
    assert main(["--db", db, "import", "leases", str(_contracts(tmp_path))]) == 0
    assert "新增 3" in capsys.readouterr().out
    assert main(["--db", db, "import", "leases", str(_contracts(tmp_path))]) == 0
    assert "未变 3" in capsys.readouterr().out


def test_new_rent_after_a_billing_run_keeps_the_billed_periods_and_re_imports_unchanged(with_assets, tmp_path):
    import openpyxl

    from assetdesk.excel import import_file

    from .helpers import listed

    books = with_assets
    path = _contracts(tmp_path)
    import_file(books, "leases", path)
    books.leases.bill_rent("2025-03")
    workbook = openpyxl.load_workbook(path)
    workbook.active["L6"] = 1100  # ZL2025-003 (monthly, billed January to March)
    workbook.active["M6"] = "无"
    workbook.save(path)
    assert listed(import_file(books, "leases", path, dry_run=True)) == \
        ["修改 ZL2025-003 张三：租金条款（应收租金计划）有变化"]
    import_file(books, "leases", path)
    amounts = [c.amount_fen for c in books.leases.schedule("ZL2025-003") if c.state != "cancelled"]
    assert amounts == [1000_00] * 3 + [1100_00] * 9  # billed periods stay as they were
    assert listed(import_file(books, "leases", path, dry_run=True)) == []

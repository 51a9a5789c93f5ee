"""The fixed-asset registers other programs export (固定资产卡片清单) read as kind ``assets``: their
编号, 类别名称, 规格型号, 开始使用日期, 使用年限 in years or months, 净残值, 折旧方法, a 单位 column of
台/个 (a unit of measure, never a name), 原值, 累计折旧, 存放地点 and 使用状态; title rows, a 合计
row and a sign-off row are not assets."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from assetdesk.excel import ImportRejectedError, export_file, import_file
from assetdesk.excel.kinds.assets import category_of, life_months

from .helpers import listed, make_workbook

HEADER = ["序号", "编号", "名称", "类别名称", "规格型号", "单位", "数量", "开始使用日期", "使用年限", "原值", "累计折旧",
          "净残值", "折旧方法", "存放地点", "使用状态", "备注"]
CARDS = [
    ["固定资产卡片清单"],
    ["单位名称：兰花社区股份经济合作社", None, None, None, None, None, None, None, None, None, None, None, None, None,
     "金额单位：元"],
    HEADER,
    [1, "0101001", "社区综合楼", "房屋及建筑物", "框架四层", "栋", 1, "2008-06-30", "50年", 3200000, 1113600, 160000,
     "平均年限法", "兰花路8号", "在用", None],
    [2, "0201003", "水泵", "机器设备", "QJ-50", "台", 1, "2019-05-01", "120个月", 3000, 1710, 150, "平均年限法",
     "泵房", "闲置", None],
    [3, "0203001", "联想台式电脑", "电子设备", "启天M430", "台", 2, dt.datetime(2022, 3, 15), 5, 9600, 5472, 480,
     "平均年限法", "财务室", "在用", "2台"],
    [4, "0301001", "会议桌", "家具用具", "2.4米", "张", 1, "2020-01-01", 8, 2400, 1140, 120, "平均年限法", "会议室",
     "在用", None],
    [5, "0401001", "东片区集体建设用地", "土地", None, "宗", 1, "2000-01-01", None, 0, 0, 0, None, "东片区", "出租",
     None],
    [6, "0205002", "社区巡逻车", "交通运输设备", "电动", "辆", 1, "2021-07-01", "6年", 45000, 24862.5, 2250,
     "平均年限法", "车棚", "在用", None],
    ["合计", None, None, None, None, None, 7, None, None, 3260000, 1146784.5, 163000],
    ["制表人：王会计", None, None, None, "审核人：李主任", None, None, None, None, "打印日期：2025-01-05"],
]


def _cards(tmp_path, rows=CARDS):
    return make_workbook(tmp_path / "固定资产卡片清单.xlsx", rows, merges=("A1:P1",))


def test_another_programs_register_imports_with_its_title_total_and_sign_off_rows(books, tmp_path):
    path = _cards(tmp_path)
    preview = import_file(books, "assets", path, dry_run=True)
    assert preview.errors == []
    assert len(preview.changes) == 6  # the 合计 and 制表人 rows are not assets
    assert {"规格型号", "单位", "折旧方法"} <= set(preview.ignored_columns)
    import_file(books, "assets", path)
    office = books.assets.get("0101001")
    assert (office.name, office.category, office.life_months, office.original_fen, office.opening_depreciation_fen) \
        == ("社区综合楼", "房屋", 600, 3_200_000_00, 1_113_600_00)
    assert (office.salvage_fen, office.location, office.status, office.acquired_on) == \
        (160_000_00, "兰花路8号", "自用", dt.date(2008, 6, 30))
    pump = books.assets.get("0201003")
    assert (pump.name, pump.category, pump.life_months, pump.status) == ("水泵", "设施设备", 120, "闲置")
    pc = books.assets.get("0203001")
    assert (pc.name, pc.category, pc.life_months, pc.note) == ("联想台式电脑", "设施设备", 60, "2台")
    table = books.assets.get("0301001")
    assert (table.category, table.note) == ("其他", "原类别：家具用具")  # nothing of the class is lost
    assert books.assets.get("0401001").category == "土地" and books.assets.get("0401001").status == "出租"
    car = books.assets.get("0205002")
    assert (car.category, car.life_months, car.opening_depreciation_fen) == ("设施设备", 72, 24_862_50)
    # 单位 (台/个) is a unit of measure: no asset is named 台
    assert all(a.name not in ("台", "张", "栋") for a in books.assets.list_assets())


def test_importing_the_register_twice_and_its_export_change_nothing(books, tmp_path):
    path = _cards(tmp_path)
    import_file(books, "assets", path)
    before = books.assets.list_assets()
    assert listed(import_file(books, "assets", path, dry_run=True)) == []
    import_file(books, "assets", path)
    assert books.assets.list_assets() == before
    out = export_file(books, "assets", tmp_path / "导出.xlsx")
    assert listed(import_file(books, "assets", out, dry_run=True)) == []


def test_a_life_that_is_not_whole_years_exports_in_months_and_reads_back(books, tmp_path):
    rows = [HEADER, [1, "GD-9", "打印机", "办公设备", None, "台", 1, "2024-01-01", "66个月", 1800, 0, 0, None, None,
                     "在用", None]]
    import_file(books, "assets", make_workbook(tmp_path / "a.xlsx", rows))
    assert books.assets.get("GD-9").life_months == 66
    out = export_file(books, "assets", tmp_path / "out.xlsx")
    sheet = openpyxl.load_workbook(out).active
    header = [c.value for c in sheet[3]]
    assert sheet.cell(4, header.index("使用年限(年)") + 1).value == "66个月"
    assert listed(import_file(books, "assets", out, dry_run=True)) == []


def test_years_or_months_in_the_life_column():
    assert [life_months(v) for v in (10, 10.0, "10", "10年", "120个月", "120月", "", None, "2.5年")] == \
        [120, 120, 120, 120, 120, 120, 0, 0, 30]
    assert life_months(120, "使用年限(月)") == 120 and life_months(96, "折旧月数") == 96
    with pytest.raises(Exception, match="使用年限“十年左右”无法识别"):
        life_months("十年左右")
    with pytest.raises(Exception, match="过长"):
        life_months(240)


def test_class_names_are_placed_by_what_they_say():
    assert [category_of(t) for t in ("房屋及构筑物", "办公用房", "电子及通讯设备", "通用设备", "专用设备",
                                     "集体建设用地", "道路及管网", "门面房", "图书档案", "无形资产", "飞机")] == \
        ["房屋", "房屋", "设施设备", "设施设备", "设施设备", "土地", "构筑物", "商铺", "其他", "其他", None]


def test_an_unknown_class_and_a_bad_life_are_refused_at_their_cells_and_nothing_is_written(books, tmp_path):
    rows = list(CARDS)
    rows[4] = list(rows[4])
    rows[4][3] = "飞机"
    rows[5] = list(rows[5])
    rows[5][8] = "五年左右"
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "assets", _cards(tmp_path, rows))
    errors = [str(e) for e in caught.value.preview.errors]
    assert any("第 5 行 D 列（类别名称）“飞机”" in e and "只能填写" in e for e in errors), errors
    assert any("第 6 行 I 列（使用年限）“五年左右”：使用年限“五年左右”无法识别" in e for e in errors), errors
    assert len(errors) == 2
    assert books.assets.list_assets() == []


@pytest.mark.parametrize("kind", ["leases", "rent-payments", "counterparties"])
def test_the_register_chosen_as_another_kind_is_named_for_what_it_is(books, tmp_path, kind):
    from assetdesk.errors import ImportFileError

    with pytest.raises(ImportFileError, match="是资产台账") as caught:
        import_file(books, kind, _cards(tmp_path), dry_run=True)
    assert caught.value.suggested_kind == "assets"
    assert books.assets.list_assets() == []


def test_a_contract_ledger_chosen_as_assets_is_named_a_lease_ledger(books, tmp_path):
    from assetdesk.errors import ImportFileError

    from .test_lease_kinds import CONTRACTS

    with pytest.raises(ImportFileError, match="是租赁合同") as caught:
        import_file(books, "assets", make_workbook(tmp_path / "合同台账.xlsx", CONTRACTS), dry_run=True)
    assert caught.value.suggested_kind == "leases"

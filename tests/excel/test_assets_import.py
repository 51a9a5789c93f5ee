"""资产台账 Excel: the district's layout, another program's fixed-asset register, export → re-import
unchanged, refusals by row and column in Chinese, the template, and the CLI's public names."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from assetdesk.excel import ImportRejectedError, export_file, import_file, write_template
from assetdesk.services.org import CompoundInput

from .helpers import listed, make_workbook

DISTRICT = [["兰花社区集体资产台账"], ["单位：㎡、万元"],
            ["序号", "资产编号", "资产名称", "类别", "坐落位置", "小区编码", "建筑面积(㎡)", "占地面积（亩）", "原值(万元)",
             "取得日期", "使用年限", "净残值", "使用状态", "管护人"],
            [1, "ZC001", "东街商铺", "门面", "东街12号", "XQ001", 120.5, None, 12, "2024-12-10", 20, 0.6, "出租中", "李四"],
            [2, "ZC002", "村口空地", "土地", "村口", None, None, 3.5, None, "2000-01-01", None, None, "闲置", ""]]


@pytest.fixture
def books_with_compound(books):
    books.org.add_area("PQ01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    return books


def test_the_district_register_imports_with_its_headers_units_and_aliases(books_with_compound, tmp_path):
    books = books_with_compound
    path = make_workbook(tmp_path / "资产台账.xlsx", DISTRICT)
    assert listed(import_file(books, "assets", path, dry_run=True)) == ["新增 ZC001 东街商铺", "新增 ZC002 村口空地"]
    import_file(books, "assets", path)
    shop, land = books.assets.get("ZC001"), books.assets.get("ZC002")
    assert (shop.category, shop.compound_name, shop.building_area_centi, shop.original_fen) == \
        ("商铺", "兰园小区", 12050, 120_000_00)
    assert (shop.life_months, shop.salvage_fen, shop.status, shop.acquired_on) == \
        (240, 6_000_00, "出租", dt.date(2024, 12, 10))
    assert land.land_area_centi == 233333 and land.land_area_unit == "㎡"  # 3.5 亩 = 2333.33 ㎡
    assert land.status == "闲置" and land.idle_since == dt.date(2000, 1, 1)


def test_an_export_re_imports_unchanged_and_an_edit_shows_as_a_change(books_with_compound, tmp_path):
    books = books_with_compound
    import_file(books, "assets", make_workbook(tmp_path / "in.xlsx", DISTRICT))
    out = export_file(books, "assets", tmp_path / "out.xlsx")
    assert listed(import_file(books, "assets", out, dry_run=True)) == []
    workbook = openpyxl.load_workbook(out)
    sheet = workbook.active
    header_row = next(r for r in range(1, 6) if sheet.cell(r, 1).value == "资产编码")
    name_col = [c.value for c in sheet[header_row]].index("名称") + 1
    sheet.cell(header_row + 1, name_col).value = "东街一号商铺"
    workbook.save(out)
    assert listed(import_file(books, "assets", out, dry_run=True)) == ["修改 ZC001 东街一号商铺：名称：东街商铺 → 东街一号商铺"]
    import_file(books, "assets", out)
    assert books.assets.get("ZC001").name == "东街一号商铺"
    assert books.assets.get("ZC001").status == "出租"


def test_a_fixed_asset_register_of_another_program_reads(books, tmp_path):
    rows = [["编号", "名称", "类别名称", "规格型号", "单位", "开始使用日期", "使用年限", "原值", "净残值", "折旧方法"],
            ["GD-01", "水泵", "机器设备", "QJ-50", "台", "2023-05-01", 5, 3000, 150, "平均年限法"]]
    import_file(books, "assets", make_workbook(tmp_path / "固定资产卡片.xlsx", rows))
    pump = books.assets.get("GD-01")
    assert (pump.name, pump.category, pump.life_months, pump.original_fen, pump.salvage_fen) == \
        ("水泵", "设施设备", 60, 3_000_00, 150_00)


def test_bad_rows_are_refused_by_row_and_column_in_chinese(books, tmp_path):
    rows = [["资产编码", "名称", "类别", "小区编码", "原值(元)", "净残值(元)", "使用状态"],
            ["ZC001", "商铺", "飞机", None, 100, 0, "闲置"],
            ["ZC002", "仓库", "房屋", "XQ404", 100, 0, "闲置"],
            ["ZC003", "围墙", "构筑物", None, 100, 200, "闲置"],
            ["ZC004", "旧房", "房屋", None, 100, 0, "已处置"],
            ["ZC003", "围墙", "构筑物", None, 100, 0, "闲置"]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "assets", make_workbook(tmp_path / "bad.xlsx", rows))
    errors = [str(e) for e in caught.value.preview.errors]
    assert any("第 2 行 C 列（类别）“飞机”" in e for e in errors)
    assert any("第 3 行 D 列（小区编码）“XQ404”：小区编码不存在" in e for e in errors)
    assert any("第 4 行 F 列" in e and "净残值大于原值" in e for e in errors)
    assert any("第 5 行 G 列" in e and "办理处置" in e for e in errors)
    assert any("第 6 行" in e and "重复" in e for e in errors)
    assert books.assets.list_assets() == []


def test_the_template_has_the_columns(tmp_path):
    path = write_template("assets", tmp_path / "t.xlsx")
    values = [c.value for row in openpyxl.load_workbook(path).active.iter_rows(max_row=5) for c in row]
    assert "资产编码" in values and "使用年限(年)" in values and "原值(元)" in values


def test_the_cli_imports_and_exports_assets(books_with_compound, tmp_path, capsys):
    from assetdesk.cli import main

    path = make_workbook(tmp_path / "资产台账.xlsx", DISTRICT)
    db = str(books_with_compound.database_path)
    books_with_compound.close()
    assert main(["--db", db, "import", "assets", str(path)]) == 0
    assert main(["--db", db, "export", "assets", str(tmp_path / "out.xlsx")]) == 0
    assert (tmp_path / "out.xlsx").exists()


def test_the_cli_runs_a_months_depreciation_once(books_with_compound, tmp_path, capsys):
    from assetdesk.cli import main

    import_file(books_with_compound, "assets", make_workbook(tmp_path / "资产台账.xlsx", DISTRICT))
    db = str(books_with_compound.database_path)
    books_with_compound.close()
    capsys.readouterr()
    assert main(["--db", db, "depreciate", "--period", "2025-01"]) == 0
    assert "2025-01 计提折旧 1 项资产，合计 ¥475.00，凭证 2025-01 记-" in capsys.readouterr().out
    assert main(["--db", db, "depreciate", "--period", "2025-01"]) == 1
    assert "已经计提折旧" in capsys.readouterr().err


def test_a_fixed_asset_register_chosen_as_counterparties_is_named_for_what_it_is(books, tmp_path):
    from assetdesk.errors import ImportFileError

    rows = [["编号", "名称", "类别名称", "规格型号", "单位", "开始使用日期", "使用年限", "原值", "净残值", "折旧方法"],
            ["GD-01", "水泵", "机器设备", "QJ-50", "台", "2023-05-01", 5, 3000, 150, "平均年限法"]]
    path = make_workbook(tmp_path / "固定资产卡片.xlsx", rows)
    with pytest.raises(ImportFileError, match="是资产台账") as caught:
        import_file(books, "counterparties", path, dry_run=True)
    assert caught.value.suggested_kind == "assets"
    assert books.org.list_counterparties() == []

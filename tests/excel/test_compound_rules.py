"""片区与小区 imports as clerks send them: compounds moved to another 片区 by name, 片区 renamed in an
exported sheet, blank cells in update sheets, land areas, names padded with spaces."""
from __future__ import annotations

import openpyxl
import pytest

from assetdesk.excel import ImportRejectedError, export_file, import_file
from assetdesk.services.org import CompoundInput

from .helpers import listed, make_workbook


@pytest.fixture
def grid(books):
    """东片区 (PQ01): 兰园小区 物业公司-managed, 翠云小区; 中片区 (PQ02): 茶城小区; 西片区 (PQ03): 月光小区."""
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01", "商品房小区", "物业公司", 21, 142779,
                                         "普洱市兰庭物业服务有限公司", area_name="东片区"))
    books.org.add_compound(CompoundInput("XQ002", "翠云小区", "PQ01", "老旧小区", "社区托管", 30, 187026, area_name="东片区"))
    books.org.add_compound(CompoundInput("XQ003", "茶城小区", "PQ02", "三无小区", "社区托管", 21, 190533, area_name="中片区"))
    books.org.add_compound(CompoundInput("XQ004", "月光小区", "PQ03", "老旧小区", "居民自治", 21, 245658, area_name="西片区"))
    return books


def compounds(books):
    return {c.name: c for c in books.org.list_compounds()}


# ---------------------------------------------------------------- moving a compound to another 片区

def test_a_compound_moved_to_another_area_by_name_is_shown_and_moved(grid, tmp_path):
    rows = [["兰花社区网格（片区）调整后小区归属表"], ["序号", "所属片区", "小区编码", "小区名称", "户数"],
            [1, "西片区", "XQ001", "兰园小区", 21], [2, "北片区", None, "茶城小区", 21]]
    path = make_workbook(tmp_path / "网格调整.xlsx", rows)
    preview = import_file(grid, "compounds", path, dry_run=True)
    assert listed(preview) == ["修改 XQ001 兰园小区：片区：东片区 → 西片区", "修改 XQ003 茶城小区：片区：中片区 → 北片区"]
    import_file(grid, "compounds", path)
    moved = compounds(grid)
    assert (moved["兰园小区"].area_code, moved["兰园小区"].area_name) == ("PQ03", "西片区")
    assert (moved["茶城小区"].area_code, moved["茶城小区"].area_name) == ("PQ04", "北片区")  # a new 片区, numbered next
    assert moved["兰园小区"].property_company_name == "普洱市兰庭物业服务有限公司"  # nothing else changed
    assert import_file(grid, "compounds", path).unchanged == 2


def test_renaming_an_area_in_every_row_of_an_export_with_codes_renames_the_area(grid, tmp_path):
    path = export_file(grid, "compounds", tmp_path / "小区.xlsx")
    workbook = openpyxl.load_workbook(path)
    for row in workbook.active.iter_rows(min_row=4):
        if row[1].value == "东片区":
            row[1].value = "东一片区"
    workbook.save(path)
    preview = import_file(grid, "compounds", path, dry_run=True)
    assert listed(preview) == ["修改 XQ001 兰园小区：片区改名：东片区 → 东一片区",
                               "修改 XQ002 翠云小区：片区改名：东片区 → 东一片区"]
    import_file(grid, "compounds", path)
    assert [(a.code, a.name) for a in grid.org.list_areas()] == [("PQ01", "东一片区"), ("PQ02", "中片区"), ("PQ03", "西片区")]
    assert compounds(grid)["兰园小区"].area_code == "PQ01"


def test_renaming_an_area_in_a_sheet_without_codes_moves_its_compounds_to_a_new_area(grid, tmp_path):
    rows = [["片区名称", "小区名称", "户数"], ["东一片区", "兰园小区", 21], ["东一片区", "翠云小区", 30]]
    preview = import_file(grid, "compounds", make_workbook(tmp_path / "小区.xlsx", rows))
    assert [c.detail for c in preview.changes] == ["片区：东片区 → 东一片区"] * 2
    assert {(c.area_code, c.area_name) for n, c in compounds(grid).items() if n in ("兰园小区", "翠云小区")} == {
        ("PQ04", "东一片区")}
    assert "东片区" in {a.name for a in grid.org.list_areas()}


def test_an_area_code_and_name_that_disagree_with_the_books_are_refused_naming_both_cells(grid, tmp_path):
    rows = [["片区编码", "片区名称", "小区编码", "小区名称"], ["PQ01", "东片区", "XQ001", "兰园小区"],
            ["PQ03", "中片区", "XQ003", "茶城小区"]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(grid, "compounds", make_workbook(tmp_path / "小区.xlsx", rows))
    (error,) = caught.value.preview.errors
    assert (error.row, error.column, error.value) == (3, "A（片区编码）", "PQ03")
    assert "“西片区”" in error.reason and "B 列（片区名称）“中片区”" in error.reason and "PQ02" in error.reason
    assert compounds(grid)["茶城小区"].area_code == "PQ02"


def test_one_area_code_written_with_two_names_is_refused(grid, tmp_path):
    rows = [["片区编码", "片区名称", "小区名称"], ["PQ01", "东一片区", "兰园小区"], ["PQ01", "东片区", "翠云小区"]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(grid, "compounds", make_workbook(tmp_path / "小区.xlsx", rows))
    (error,) = caught.value.preview.errors
    assert (error.row, error.column) == (3, "B（片区名称）")
    assert "片区编码“PQ01”在第 2 行名为“东一片区”，本行却是“东片区”" in error.reason
    assert grid.org.list_areas()[0].name == "东片区"


# ---------------------------------------------------------------- update sheets: blank cells keep the books

def test_blank_cells_of_an_update_sheet_keep_mode_company_and_counts(grid, tmp_path):
    rows = [["兰花社区小区户数及面积更新表（2025年）"], ["单位：户、平方米"],
            ["序号", "小区名称", "户数", "建筑面积", "管理方式", "类别", "备注"],
            [1, "兰园小区\xa0", "２５", "1,500.00", "", None, ""], [2, "翠云 小区", None, 1900, "无", "—", "新增2户"]]
    path = make_workbook(tmp_path / "更新.xlsx", rows)
    preview = import_file(grid, "compounds", path, dry_run=True)
    assert listed(preview) == ["修改 XQ001 兰园小区：户数：21 → 25；建筑面积(㎡)：1427.79 → 1500.00",
                               "修改 XQ002 翠云小区：建筑面积(㎡)：1870.26 → 1900.00；备注：（空） → 新增2户"]
    import_file(grid, "compounds", path)
    found = compounds(grid)
    assert (found["兰园小区"].management_mode, found["兰园小区"].category) == ("物业公司", "商品房小区")
    assert found["兰园小区"].property_company_name == "普洱市兰庭物业服务有限公司"
    assert (found["翠云小区"].households, found["翠云小区"].category) == (30, "老旧小区")
    assert import_file(grid, "compounds", path).unchanged == 2


def test_property_company_mode_needs_a_company_only_where_none_is_on_record(grid, tmp_path):
    rows = [["小区名称", "户数", "管理方式"], ["兰园小区", 25, "物业公司"], ["茶城小区", 21, "物业公司"]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(grid, "compounds", make_workbook(tmp_path / "更新.xlsx", rows))
    (error,) = caught.value.preview.errors
    assert (error.row, error.column) == (3, "C（管理方式）") and "请填写物业公司名称" in error.reason
    ok = [["小区名称", "户数", "管理方式"], ["兰园小区", 25, "物业公司"]]
    assert import_file(grid, "compounds", make_workbook(tmp_path / "更新2.xlsx", ok)).changed == 1


def test_a_placeholder_company_of_a_compound_without_one_is_blank(books, tmp_path):
    rows = [["所属片区", "小区名称", "类别", "物业公司"], ["东片区", "桂花苑", "三无小区", "无"]]
    import_file(books, "compounds", make_workbook(tmp_path / "小区.xlsx", rows))
    assert compounds(books)["桂花苑"].property_company_name == ""
    assert books.org.list_counterparties() == []


# ---------------------------------------------------------------- columns and names

def test_land_area_is_not_building_area(books, tmp_path):
    rows = [["所属片区", "小区名称", "户数", "占地面积（亩）", "绿化面积（㎡）", "备注"],
            ["东片区", "占地一小区", 120, 15, 800, ""], ["东片区", "占地二小区", 60, 8.5, 300, ""]]
    preview = import_file(books, "compounds", make_workbook(tmp_path / "小区.xlsx", rows))
    assert any(name.startswith("占地面积") for name in preview.ignored_columns)
    assert any(name.startswith("绿化面积") for name in preview.ignored_columns)
    assert {c.building_area_centi for c in books.org.list_compounds()} == {0}


def test_compound_names_padded_with_spaces_match_the_books(grid, tmp_path):
    rows = [["小区名称", "户数"], ["翠云 小区", 31], ["茶城　小区", 22]]
    preview = import_file(grid, "compounds", make_workbook(tmp_path / "户数.xlsx", rows))
    assert (preview.new, preview.changed) == (0, 2)
    assert set(compounds(grid)) == {"兰园小区", "翠云小区", "茶城小区", "月光小区"}


def test_the_same_compound_on_two_sheets_is_merged_or_refused_naming_the_other_sheet(grid, tmp_path):
    path = tmp_path / "两张表.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "东片区"
    for row in (["小区名称", "户数", "备注"], ["兰园小区", 25, ""], ["翠云小区", 30, ""]):
        workbook.active.append(row)
    other = workbook.create_sheet("补充")
    for row in (["小区名称", "户数", "备注"], ["兰园小区", 25, "新建2栋"]):
        other.append(row)
    workbook.save(path)
    preview = import_file(grid, "compounds", path)
    assert preview.errors == [] and compounds(grid)["兰园小区"].note == "新建2栋"
    assert "与“东片区”第 2 行是同一小区，已合并" in [c.detail for c in preview.changes]
    other["B2"] = 26
    workbook.save(path)
    with pytest.raises(ImportRejectedError) as caught:
        import_file(grid, "compounds", path)
    (error,) = caught.value.preview.errors
    assert (error.sheet, error.row, error.column) == ("补充", 2, "B（户数）")
    assert "与“东片区”第 2 行重复" in error.reason and "“25”和“26”" in error.reason


def test_a_sheet_named_for_an_area_on_record_gives_its_compounds_that_area(grid, tmp_path):
    """One sheet per 片区, named as the books name them (城东, not …片区): a new compound on the
    城东 sheet belongs to 城东."""
    grid.org.add_compound(CompoundInput("XQ005", "松山小区", "PQ09", "老旧小区", "社区托管", 12, 50000, area_name="城东"))
    workbook = openpyxl.Workbook()
    workbook.active.title = "城东"
    for row in (["小区名称", "户数"], ["松山小区", 12], ["梅子小区", 40]):
        workbook.active.append(row)
    path = tmp_path / "分片区.xlsx"
    workbook.save(path)
    preview = import_file(grid, "compounds", path)
    assert not preview.errors and preview.new == 1
    assert compounds(grid)["梅子小区"].area_name == "城东"


def test_new_areas_and_compounds_are_numbered_without_gaps(books, tmp_path):
    """Two compounds of one new 片区 take one code for it: the next 片区 is PQ02, not PQ03."""
    rows = [["片区", "小区名称", "户数"], ["东片区", "幸福小区", 120], ["东片区", "和平小区", 48],
            ["西片区", "桂香小区", 300], ["西片区", "桂香小区", 300]]
    import_file(books, "compounds", make_workbook(tmp_path / "新小区.xlsx", rows))
    assert {a.name: a.code for a in books.org.list_areas()} == {"东片区": "PQ01", "西片区": "PQ02"}
    assert sorted(c.code for c in books.org.list_compounds()) == ["XQ001", "XQ002", "XQ003"]

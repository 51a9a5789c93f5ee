"""Units a district workbook states — in a header, a title's unit row, a units row under the header
or the cell itself — convert exactly; a unit the app cannot convert is refused naming its column."""
from __future__ import annotations

import pytest

from assetdesk.excel import ImportRejectedError, import_file
from assetdesk.excel.importer import read_file

from .helpers import DemoKind, make_workbook

KIND = DemoKind()


def compounds_sheet(tmp_path, title_unit, area_header, areas, name="小区.xlsx"):
    """A 街道 statistics sheet: title, a unit row, then 片区 / 小区 / 户数 / area columns."""
    rows = [["思茅街道小区统计表"], [title_unit], ["序号", "片区", "小区（院落）名称", "户数\n（户）", area_header]]
    rows += [[i, "东片区", name_, 100 * i, area] for i, (name_, area) in enumerate(zip(["甲小区", "乙小区", "丙小区"], areas), 1)]
    return make_workbook(tmp_path / name, rows, sheet="小区")


def areas_in_books(books):
    """Building areas as the books keep them, in ㎡ (stored as centi-㎡)."""
    return {c.name: c.building_area_centi / 100 for c in books.org.list_compounds()}


def test_ten_thousand_square_metres_in_the_header_become_square_metres(books, tmp_path):
    import_file(books, "compounds", compounds_sheet(tmp_path, "单位：户", "建筑面积\n（万平方米）", [1.2, 0.85, "2.1"]))
    assert areas_in_books(books) == {"甲小区": 12000, "乙小区": 8500, "丙小区": 21000}


@pytest.mark.parametrize("header", ["建筑面积（万㎡）", "建筑面积(万m²)", "建筑面积(万m2)", "建筑面积/万平方米", "建筑面积 万平方米"])
def test_every_spelling_of_ten_thousand_square_metres(books, tmp_path, header):
    import_file(books, "compounds", compounds_sheet(tmp_path, "", header, [1.2, 0.5, 3]))
    assert areas_in_books(books) == {"甲小区": 12000, "乙小区": 5000, "丙小区": 30000}


def test_the_title_unit_row_applies_each_unit_to_columns_of_its_type(tmp_path):
    rows = [["兰花社区资产统计表"], ["单位：户、万平方米、万元"], ["编码", "名称", "户数", "建筑面积", "金额"],
            ["A1", "综合楼", 12, 1.2, 2.5]]
    (row,) = read_file(KIND, make_workbook(tmp_path / "t.xlsx", rows)).rows
    assert row["count"] == 12  # 户 counts households: nothing to convert
    assert row["area"] == 12000_00  # 1.2 万平方米 = 12,000 ㎡
    assert row["amount"] == 25000_00  # 2.5 万元 = 25,000.00 元


def test_an_unknown_unit_after_a_slash_is_refused_too(tmp_path):
    rows = [["编码", "名称", "面积/平方公里", "金额/万元"], ["A1", "地", 1.2, 3]]
    preview = read_file(KIND, make_workbook(tmp_path / "s.xlsx", rows))
    (error,) = preview.errors
    assert error.column == "C（面积/平方公里）" and "不认识的单位“平方公里”" in error.reason
    assert preview.rows[0]["amount"] == 30000_00


def test_the_title_unit_row_of_a_real_compounds_sheet(books, tmp_path):
    import_file(books, "compounds", compounds_sheet(tmp_path, "单位：户、万平方米", "建筑面积", [1.2, 0.85, "2.1"]))
    assert areas_in_books(books) == {"甲小区": 12000, "乙小区": 8500, "丙小区": 21000}


def test_mu_and_hectares_convert_exactly_and_round_once(tmp_path):
    # 1 亩 = 10000/15 ㎡ exactly: 1.5 亩 = 1000 ㎡, 2 亩 = 1333.333… ㎡ → 1333.33, 0.00015 亩 = 0.1 ㎡
    rows = [["编码", "名称", "面积（亩）"], ["A1", "地", 1.5], ["A2", "地", 2], ["A3", "地", "0.00015"], ["A4", "地", "3公顷"]]
    preview = read_file(KIND, make_workbook(tmp_path / "m.xlsx", rows))
    assert preview.errors == []
    assert [row["area"] for row in preview.rows] == [1000_00, 133333, 10, 30000_00]


def test_a_unit_written_in_the_cell_wins_over_the_header(books, tmp_path):
    path = compounds_sheet(tmp_path, "单位：户", "建筑面积", ["1.2万平方米", "0.85万㎡", "21000平方米"])
    import_file(books, "compounds", path)
    assert areas_in_books(books) == {"甲小区": 12000, "乙小区": 8500, "丙小区": 21000}


def test_a_bare_ten_thousand_multiplies_the_columns_unit(tmp_path):
    square_metres = [["编码", "名称", "建筑面积"], ["A1", "楼", "1.2万"]]
    mu = [["编码", "名称", "面积（亩）"], ["A2", "地", "0.3万"]]
    (building,) = read_file(KIND, make_workbook(tmp_path / "m2.xlsx", square_metres)).rows
    (land,) = read_file(KIND, make_workbook(tmp_path / "mu.xlsx", mu)).rows
    assert building["area"] == 12000_00  # 1.2万 ㎡
    assert land["area"] == 2000000_00  # 0.3万 亩 = 3000 亩 = 2,000,000 ㎡


def test_a_units_row_under_the_header_is_read_as_the_columns_units(books, tmp_path):
    rows = [["兰花社区小区情况表"], ["序号", "片区", "小区名称", "户数", "建筑面积", "备注"],
            [None, None, None, "（户）", "（亩）", None],
            [1, "东片区", "单位行一小区", 100, 3, ""], [2, "东片区", "单位行二小区", 50, 1.5, ""]]
    result = import_file(books, "compounds", make_workbook(tmp_path / "u.xlsx", rows))
    assert result.new == 2
    assert areas_in_books(books) == {"单位行一小区": 2000, "单位行二小区": 1000}
    assert {c.name: c.households for c in books.org.list_compounds()} == {"单位行一小区": 100, "单位行二小区": 50}


def test_an_unknown_unit_in_a_header_is_refused_naming_the_column(books, tmp_path):
    path = compounds_sheet(tmp_path, "单位：户", "建筑面积（平方公里）", [1.2, 0.85, 2.1])
    with pytest.raises(ImportRejectedError) as info:
        import_file(books, "compounds", path)
    (error,) = info.value.preview.errors
    assert (error.row, error.column) == (3, "E（建筑面积(平方公里)）")
    assert "不认识的单位“平方公里”" in error.reason and "万平方米" in error.reason
    assert books.org.list_compounds() == []


def test_an_unknown_unit_in_the_title_is_refused_on_each_column_it_would_apply_to(tmp_path):
    rows = [["统计表"], ["单位：户、平方公里、美元"], ["编码", "名称", "建筑面积", "金额"], ["A1", "楼", 1.2, 3]]
    errors = read_file(KIND, make_workbook(tmp_path / "t.xlsx", rows)).errors
    found = {error.column: error for error in errors}
    assert set(found) == {"C（建筑面积）", "D（金额）"}
    assert found["C（建筑面积）"].row == 2 and "不认识的单位“平方公里”" in found["C（建筑面积）"].reason
    assert "不认识的单位“美元”" in found["D（金额）"].reason


def test_a_money_unit_on_an_area_column_is_not_taken_for_square_metres(tmp_path):
    rows = [["编码", "名称", "建筑面积（万元）"], ["A1", "楼", 1.2]]
    (error,) = read_file(KIND, make_workbook(tmp_path / "w.xlsx", rows)).errors
    assert error.column == "C（建筑面积(万元)）" and "不认识的单位“万元”" in error.reason


def test_a_remark_in_brackets_is_not_a_unit(tmp_path):
    rows = [["编码", "名称", "金额（含税）", "建筑面积（套内）"], ["A1", "楼", 12.5, 80]]
    preview = read_file(KIND, make_workbook(tmp_path / "r.xlsx", rows))
    assert preview.errors == []
    assert (preview.rows[0]["amount"], preview.rows[0]["area"]) == (1250, 8000)


def test_two_area_units_in_the_title_go_to_the_area_columns_in_order(tmp_path):
    from assetdesk.excel.kinds.base import ColumnSpec, SheetKind

    class Land(SheetKind):
        columns = (ColumnSpec("name", "名称", required=True), ColumnSpec("land", "占地面积", "area"),
                   ColumnSpec("floor", "建筑面积", "area"))

    rows = [["土地与房屋"], ["单位：亩、平方米"], ["名称", "占地面积", "建筑面积"], ["老村委", 1.5, 800]]
    (row,) = read_file(Land(), make_workbook(tmp_path / "l.xlsx", rows)).rows
    assert (row["land"], row["floor"]) == (1000_00, 800_00)
    rows[1] = ["单位：亩、平方米、公顷"]  # three area units for two columns: which is which cannot be told
    errors = read_file(Land(), make_workbook(tmp_path / "l2.xlsx", rows)).errors
    assert {error.column for error in errors} == {"B（占地面积）", "C（建筑面积）"}
    assert all("列名中写明单位" in error.reason for error in errors)


@pytest.mark.parametrize("placeholder", ["—", "-", "/", "无", "－"])
def test_placeholders_in_numeric_columns_are_blank(tmp_path, placeholder):
    rows = [["编码", "名称", "金额", "建筑面积", "户数"], ["A1", "楼", placeholder, placeholder, placeholder]]
    preview = read_file(KIND, make_workbook(tmp_path / "p.xlsx", rows))
    assert preview.errors == []
    assert (preview.rows[0]["amount"], preview.rows[0]["area"], preview.rows[0]["count"]) == (0, 0, 0)


def test_a_placeholder_in_a_required_numeric_column_is_still_missing(tmp_path):
    from assetdesk.excel.kinds.base import ColumnSpec, SheetKind

    class Rents(SheetKind):
        columns = (ColumnSpec("name", "名称", required=True), ColumnSpec("rent", "租金", "amount", required=True))

    rows = [["名称", "租金"], ["门面一", "—"]]
    (error,) = read_file(Rents(), make_workbook(tmp_path / "r.xlsx", rows)).errors
    assert error.column == "B（租金）" and "必须填写" in error.reason


def test_messages_quote_numbers_as_the_cell_shows_them(tmp_path):
    rows = [["编码", "名称", "建筑面积", "户数", "金额（万元）"], ["A1", "楼", -300, 2.5, 0.0012345]]
    errors = {error.column: error for error in read_file(KIND, make_workbook(tmp_path / "n.xlsx", rows)).errors}
    assert errors["C（建筑面积）"].reason == "面积“-300”不能为负数（请填写正数）"
    assert errors["D（户数）"].reason.startswith("“2.5”不是整数")
    assert errors["E（金额(万元)）"].reason.startswith("金额“0.0012345”换算为元后超过两位小数")
    assert errors["C（建筑面积）"].value == "-300"


def test_amounts_in_ten_thousands_keep_their_accounting_forms(tmp_path):
    """Under 金额（万元）, a text amount is read as typed ((1.5) is negative, 1,234.5 has a separator)
    and only then scaled to 元."""
    rows = [["编码", "名称", "金额（万元）"], ["A1", "楼", "(1.5)"], ["A2", "地", "1,234.5"], ["A3", "房", "¥0.25"]]
    preview = read_file(KIND, make_workbook(tmp_path / "w.xlsx", rows))
    assert not preview.errors
    assert [row["amount"] for row in preview.rows] == [-15000_00, 12345000_00, 2500_00]

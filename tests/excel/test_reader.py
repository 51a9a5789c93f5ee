"""Messy district workbooks read correctly; a bad cell is reported with its row and column."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from assetdesk.errors import ImportFileError
from assetdesk.excel.importer import read_file

from .helpers import DemoKind, make_workbook

KIND = DemoKind()


def values(preview, key):
    return [row.values[key] for row in preview.rows]


def test_messy_workbook_with_titles_totals_and_signoff(tmp_path):
    rows = [
        ["兰花社区集体资产台账"],
        ["填报单位：兰花社区股份经济合作社", None, None, "单位：元"],
        [],
        ["序号", "资产编号", "资产名称", "原值", "建筑面积\n（㎡）", "户  数", "取得日期", "类型", "在用", "用途"],
        [1, " A001 ", "综合楼", 1234.5, 100, 12.0, dt.datetime(2024, 3, 1), "单位", "是", "办公"],
        [2, 1002.0, "门面房", "1,234.50", "12.345", "３", "2024年3月2日", "企业", "否", None],
        [None, None, None, None, None],
        [3, "A003", "仓库", "¥１２３４.５０", None, None, "2024/3/3", "个人", None, None],
        [4, "A004", "车库", "12.5万", 0, 0, 45352, None, None, None],
        ["合计", None, None, 2000, None],
        ["填表人：张三", None, "审核人：李四", None, "填报日期：2025年1月5日"],
        ["说明：本表金额单位为元。"],
        ["注：面积按产权证填写"],
    ]
    path = make_workbook(tmp_path / "台账.xlsx", rows, merges=["A1:J1"])
    preview = read_file(KIND, path)
    assert preview.errors == []
    assert values(preview, "code") == ["A001", "1002", "A003", "A004"]
    assert values(preview, "amount") == [123450, 123450, 123450, 12500000]
    assert values(preview, "area") == [10000, 1235, 0, 0]
    assert values(preview, "count") == [12, 3, 0, 0]
    assert values(preview, "day") == [dt.date(2024, 3, d) for d in (1, 2, 3, 1)]
    assert values(preview, "kind") == ["单位", "单位", "个人", "个人"]
    assert values(preview, "active") == [True, False, True, True]
    assert [row.row for row in preview.rows] == [5, 6, 8, 9]
    assert "用途" in preview.ignored_columns and "序号" not in preview.ignored_columns


def test_units_in_headers_convert(tmp_path):
    rows = [["编码", "名称", "金额（万元）", "面积(亩)"], ["A1", "土地", 1.5, 1.5], ["A2", "地", "0.0001", 15]]
    preview = read_file(KIND, make_workbook(tmp_path / "u.xlsx", rows))
    assert preview.errors == []
    assert values(preview, "amount") == [1500000, 100]
    # 1 亩 = 10000/15 ㎡: 1.5 亩 = 1000 ㎡, 15 亩 = 10000 ㎡ (centi-㎡ stored)
    assert values(preview, "area") == [100000, 1000000]


def test_unit_in_title_row_applies_to_amounts_without_their_own(tmp_path):
    rows = [["兰花社区租金收入表"], ["单位：万元"], ["编码", "名称", "金额", "面积"], ["A1", "房", 2.5, 10]]
    preview = read_file(KIND, make_workbook(tmp_path / "t.xlsx", rows))
    assert values(preview, "amount") == [2500000]
    assert values(preview, "area") == [1000]  # areas are not money: no scaling


def test_header_unit_wins_over_title_unit(tmp_path):
    rows = [["单位：万元"], ["编码", "名称", "金额(元)"], ["A1", "房", 2.5]]
    assert values(read_file(KIND, make_workbook(tmp_path / "t.xlsx", rows)), "amount") == [250]


def test_two_row_header_with_merged_parent(tmp_path):
    rows = [
        ["资产情况表"],
        ["基本信息", None, "价值", None],
        ["编码", "名称", "金额", "建筑面积"],
        ["A1", "房", 10, 20],
    ]
    preview = read_file(KIND, make_workbook(tmp_path / "h.xlsx", rows, merges=["A2:B2", "C2:D2"]))
    assert preview.errors == []
    assert values(preview, "amount") == [1000]
    assert preview.rows[0].row == 4


def test_full_width_brackets_and_spaces_in_headers(tmp_path):
    rows = [["编　码", "名 称", "金额【元】", "建筑面积（平方米）"], ["A1", "房", "1,000", "1,000.5"]]
    preview = read_file(KIND, make_workbook(tmp_path / "f.xlsx", rows))
    assert values(preview, "amount") == [100000]
    assert values(preview, "area") == [100050]


def test_bad_cell_names_row_column_value_and_reason(tmp_path):
    rows = [["标题"], ["编码", "名称", "金额", "日期"], ["A1", "房", "12.345", "2025-02-30"], ["A2", None, "abc", "2025-01-01"]]
    preview = read_file(KIND, make_workbook(tmp_path / "bad.xlsx", rows))
    found = {(e.row, e.column): e for e in preview.errors}
    assert set(found) == {(3, "C（金额）"), (3, "D（日期）"), (4, "B（名称）"), (4, "C（金额）")}
    assert "两位小数" in found[3, "C（金额）"].reason
    assert found[3, "D（日期）"].value == "2025-02-30"
    assert "必须填写" in found[4, "B（名称）"].reason
    assert "第 4 行 C 列" in str(found[4, "C（金额）"])


def test_a_formula_error_value_is_refused_not_imported_as_text(tmp_path):
    """A VLOOKUP that found nothing shows #N/A: it is no name and no amount."""
    rows = [["编码", "名称", "金额", "备注"], ["A1", "#N/A", 10, "好"], ["A2", "乙", "#VALUE!", "#REF!"], ["A3", "丙", 5, "#号楼"]]
    path = make_workbook(tmp_path / "errors.xlsx", rows)
    assert openpyxl.load_workbook(path).active["B2"].data_type == "e"  # real error cells, as Excel saves them
    preview = read_file(KIND, path)
    found = {(e.row, e.column): e.reason for e in preview.errors}
    assert set(found) == {(2, "B（名称）"), (3, "C（金额）"), (3, "D（备注）")}
    assert all("公式的错误值" in reason for reason in found.values())
    assert [row.values["note"] for row in preview.rows if row.row == 4] == ["#号楼"]  # text that only starts with #


def test_long_id_number_stored_as_number_is_refused(tmp_path):
    rows = [["编码", "名称"], [110101199001011234.0, "张三"]]
    preview = read_file(KIND, make_workbook(tmp_path / "id.xlsx", rows))
    assert "丢失" in preview.errors[0].reason


def test_choice_outside_the_list_is_an_error(tmp_path):
    rows = [["编码", "名称", "类型"], ["A1", "张三", "集体"]]
    (error,) = read_file(KIND, make_workbook(tmp_path / "c.xlsx", rows)).errors
    assert error.column == "C（类型）" and "个人、单位" in error.reason


def test_missing_required_column_is_explained(tmp_path):
    rows = [["编码", "金额"], ["A1", 1]]
    with pytest.raises(ImportFileError, match="缺少列：名称"):
        read_file(KIND, make_workbook(tmp_path / "m.xlsx", rows))


def test_escaped_formula_text_loses_its_quote(tmp_path):
    rows = [["编码", "名称", "备注"], ["A1", "'=SUM(A1)", "'-欠款"]]
    preview = read_file(KIND, make_workbook(tmp_path / "e.xlsx", rows))
    assert values(preview, "name") == ["=SUM(A1)"] and values(preview, "note") == ["-欠款"]


def test_rows_from_every_sheet_with_the_table(tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["编码", "名称"])
    workbook.active.append(["A1", "一"])
    other = workbook.create_sheet("二月")
    other.append(["编号", "资产名称"])
    other.append(["A2", "二"])
    workbook.create_sheet("封面").append(["兰花社区"])
    path = tmp_path / "multi.xlsx"
    workbook.save(path)
    preview = read_file(KIND, path)
    assert values(preview, "code") == ["A1", "A2"]
    assert preview.sheets == ["Sheet", "二月"]


def test_csv_reads_like_a_sheet(tmp_path):
    path = tmp_path / "d.csv"
    path.write_bytes("编码,名称,金额\nA1,房,\"1,234.50\"\n合计,,1234.50\n".encode("gbk"))
    preview = read_file(KIND, path)
    assert values(preview, "amount") == [123450]


def _formula_workbook(path, cached: bool):
    """An opening-balance sheet whose 101 debit is =500*2, as a script writes it (no result saved)
    or as Excel saves it (result 1000 beside the formula); the 合计 row's formulas never have one."""
    import zipfile

    import openpyxl

    workbook = openpyxl.Workbook()
    for row in (["科目编码", "科目名称", "借方余额", "贷方余额"], ["101", "库存现金", "=500*2", None],
                ["301", "资本", None, 1000], ["合计", None, "=SUM(C2:C3)", "=SUM(D2:D3)"]):
        workbook.active.append(row)
    workbook.save(path)
    if cached:
        with zipfile.ZipFile(path) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        sheet = "xl/worksheets/sheet1.xml"
        parts[sheet] = parts[sheet].replace(b"<f>500*2</f><v />", b"<f>500*2</f><v>1000</v>", 1)
        assert b"<v>1000</v>" in parts[sheet]
        # Excel, having calculated, drops the writer's "calculate in full on opening" mark
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b' fullCalcOnLoad="1"', b"")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts.items():
                archive.writestr(name, data)
    return path


def test_a_formula_saved_without_its_result_is_refused_naming_the_cell(books, tmp_path):
    from assetdesk.excel import import_file

    path = _formula_workbook(tmp_path / "期初.xlsx", cached=False)
    preview = import_file(books, "opening-balances", path, dry_run=True)
    (error,) = preview.errors  # the 合计 row's formulas are skipped with the row
    assert (error.row, error.column) == (2, "C（借方余额）")
    assert "公式" in error.reason and "在 Excel 中打开并保存" in error.reason


def test_placeholder_results_of_a_workbook_marked_for_recalculation_are_refused(books, tmp_path):
    """xlsxwriter (pandas' writer) saves 0 as every formula's result and marks the workbook
    fullCalcOnLoad: the 0 is no amount, so the cell is refused as one without a result."""
    import zipfile

    from assetdesk.excel import import_file

    path = _formula_workbook(tmp_path / "期初.xlsx", cached=False)
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    assert b'fullCalcOnLoad="1"' in parts["xl/workbook.xml"]
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(b"<f>500*2</f><v />", b"<f>500*2</f><v>0</v>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    preview = import_file(books, "opening-balances", path, dry_run=True)
    (error,) = preview.errors
    assert (error.row, error.column, error.value) == (2, "C（借方余额）", "0")
    assert "须在打开时重新计算" in error.reason and "在 Excel 中打开并保存" in error.reason


def test_a_formula_with_its_saved_result_imports_the_result(books, tmp_path):
    from assetdesk.excel import import_file

    path = _formula_workbook(tmp_path / "期初.xlsx", cached=True)
    import_file(books, "opening-balances", path)
    balances = {r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances()}
    assert balances["101"] == (1_000_00, 0) and balances["301"] == (0, 1_000_00)


def test_a_sheet_declaring_a_wrong_size_is_read_whole(tmp_path):
    """Some programs write <dimension ref="A1"/> whatever the sheet holds; the reader does not trust
    it (openpyxl's read-only mode would otherwise stop after row 1)."""
    import shutil
    import zipfile

    from assetdesk.excel.reader import read_grids

    path = make_workbook(tmp_path / "src.xlsx", [["名册"], ["编码", "名称", "金额"], ["A1", "甲", 10], ["A2", "乙", 20, "多一列"]])
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(lying, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data = data.replace(b'<dimension ref="A1:D4" />', b'<dimension ref="A1" />')
                assert b'<dimension ref="A1" />' in data
            target.writestr(item, data)
    (grid,) = read_grids(lying)
    assert grid.rows == [["名册"], ["编码", "名称", "金额"], ["A1", "甲", 10], ["A2", "乙", 20, "多一列"]]
    shutil.copy(lying, tmp_path / "again.xlsx")
    preview = read_file(DemoKind(), tmp_path / "again.xlsx")
    assert [row.values["amount"] for row in preview.rows] == [1000, 2000]


def test_a_workbook_openpyxl_refuses_over_a_style_is_still_read(tmp_path):
    """Another program wrote a fill pattern openpyxl does not know: openpyxl refuses the whole
    workbook, so the cells are read by calamine, the import goes on, merges and all."""
    import zipfile

    from assetdesk.excel.reader import read_grids, sheet_names

    rows = [["名册"], ["编码", "名称", "金额"], ["A1", "甲", 10], ["A2", None, "12.5"]]
    source = make_workbook(tmp_path / "src.xlsx", rows, merges=["B3:B4"])
    odd = tmp_path / "odd.xlsx"
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(odd, "w", zipfile.ZIP_DEFLATED) as target:
        for item in original.infolist():
            data = original.read(item)
            if item.filename == "xl/styles.xml":
                assert b'patternType="gray125"' in data
                data = data.replace(b'patternType="gray125"', b'patternType="crosshatch-ish"')
            target.writestr(item, data)
    with pytest.raises(ValueError):
        openpyxl.load_workbook(odd, read_only=True)
    assert sheet_names(odd) == ["Sheet1"]
    (grid,) = read_grids(odd)
    assert grid.rows[3][1] == "甲"  # the merge B3:B4 filled down
    preview = read_file(KIND, odd)
    assert [(row.values["name"], row.values["amount"]) for row in preview.rows] == [("甲", 1000), ("甲", 1250)]


def test_a_file_neither_reader_can_open_is_refused_in_chinese(tmp_path):
    import zipfile

    broken = tmp_path / "坏.xlsx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("xl/workbook.xml", b"<workbook><sheets><sheet name=")
    with pytest.raises(ImportFileError) as caught:
        read_file(KIND, broken)
    assert "无法读取" in caught.value.message and "另存为" in caught.value.hint

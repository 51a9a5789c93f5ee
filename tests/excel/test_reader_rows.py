"""Rows of district forms that are not records — pre-numbered blanks, end marks, 其中 breakdowns,
headings with subtotals, headers repeated or a second table — and sheets that stand for a 片区."""
from __future__ import annotations

import openpyxl
import pytest

from assetdesk.excel import import_file
from assetdesk.excel.importer import read_file
from tests.helpers import rent_account

from .helpers import DemoKind, make_workbook

KIND = DemoKind()


def compounds_by_area(books):
    """What the clerk sees in 片区与小区: each 小区 under its 片区, with 户数 and 建筑面积 (㎡)."""
    return {c.name: (c.area_name, c.households, c.building_area_centi / 100) for c in books.org.list_compounds()}


def resident_id(body17: str) -> str:
    """A 身份证号码 with its real check digit (GB 11643), so the rows are valid people."""
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body17 + "10X98765432"[sum(int(c) * w for c, w in zip(body17, weights)) % 11]


def test_a_pre_numbered_form_imports_only_the_filled_lines(books, tmp_path):
    rows = [["兰花社区承租户登记表"], ["序号", "姓名", "联系电话", "备注"]]
    filled = [("王建国", "13908791234"), ("李秀英", "13887654321")]
    rows += [[n, *(filled[n - 1] if n <= len(filled) else (None, None)), None] for n in range(1, 16)]
    rows += [["填表人：", None, "审核人："]]
    result = import_file(books, "counterparties", make_workbook(tmp_path / "form.xlsx", rows))
    assert (result.new, result.errors) == (2, [])
    assert sorted(cp.name for cp in books.org.list_counterparties()) == ["李秀英", "王建国"]


def test_nothing_below_an_end_mark_is_read(tmp_path):
    for mark in ("以下空白", "（以下无正文）", "此页无正文"):
        rows = [["编码", "名称", "金额"], ["A1", "房", 10], [mark], ["A9", "作废的草稿行", 99]]
        preview = read_file(KIND, make_workbook(tmp_path / "end.xlsx", rows))
        assert [row["code"] for row in preview.rows] == ["A1"], mark
        assert preview.errors == []


def test_an_end_mark_after_the_next_number_of_a_pre_numbered_form(tmp_path):
    rows = [["序号", "编码", "名称"], [1, "A1", "房"], [2, "以下空白", None], [3, None, None]]
    preview = read_file(KIND, make_workbook(tmp_path / "end.xlsx", rows))
    assert [row["code"] for row in preview.rows] == ["A1"] and preview.errors == []


def test_grouped_statistics_with_subtotals_breakdowns_and_totals(books, tmp_path):
    rows = [["兰花社区老旧小区基本情况统计表"], ["单位：户、平方米"], ["序号", "小区名称", "小区类别", "户数", "建筑面积", "备注"],
            ["一、东片区", None, None, 205, 16130.5, None],
            [1, "东一小区", "老旧小区", 120, 8600.5, None],
            [2, "东二小区", "三无小区", 85, 7530, None],
            ["二、西片区", None, None, 60, 3000, None],
            [1, "西一小区", "老旧小区", 60, 3000, None],
            ["其中：老旧小区", None, None, 180, 11600.5, None],
            ["合 计", None, None, 265, 19130.5, None],
            ["以下空白", None, None, None, None, None]]
    result = import_file(books, "compounds", make_workbook(tmp_path / "g.xlsx", rows, merges=["A1:F1"]))
    assert (result.new, result.errors) == (3, [])
    assert compounds_by_area(books) == {"东一小区": ("东片区", 120, 8600.5), "东二小区": ("东片区", 85, 7530),
                                        "西一小区": ("西片区", 60, 3000)}


def test_a_row_holding_only_an_areas_name_opens_that_area(books, tmp_path):
    rows = [["小区统计表"], ["序号", "小区名称", "户数"], ["东片区", None, 205], [1, "东一小区", 120], [2, "东二小区", 85],
            ["2.西片区"], [1, "西一小区", 60]]
    result = import_file(books, "compounds", make_workbook(tmp_path / "g.xlsx", rows))
    assert (result.new, result.errors) == (3, [])
    assert {name: area for name, (area, _, _) in compounds_by_area(books).items()} == {
        "东一小区": "东片区", "东二小区": "东片区", "西一小区": "西片区"}


def test_one_sheet_per_area_puts_each_sheets_compounds_in_that_area(books, tmp_path):
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for area, compounds in {"东片区": [("兰园小区", 120), ("桂园小区", 85)], "西片区": [("思源小区", 200)]}.items():
        sheet = workbook.create_sheet(area)
        sheet.append([f"兰花社区{area}小区统计表"])
        sheet.append(["序号", "小区名称", "总户数（户）"])
        for n, (name, households) in enumerate(compounds, 1):
            sheet.append([n, name, households])
        sheet.append(["合计", None, sum(h for _, h in compounds)])
    path = tmp_path / "按片区.xlsx"
    workbook.save(path)
    assert import_file(books, "compounds", path).new == 3
    assert {name: area for name, (area, _, _) in compounds_by_area(books).items()} == {
        "兰园小区": "东片区", "桂园小区": "东片区", "思源小区": "西片区"}
    assert [area.name for area in books.org.list_areas()] == ["东片区", "西片区"]


def test_a_title_naming_the_area_puts_the_sheets_compounds_in_it(books, tmp_path):
    rows = [["思茅街道兰花社区第一网格小区统计表"], ["序号", "小区名称", "户数"], [1, "兰园小区", 120]]
    import_file(books, "compounds", make_workbook(tmp_path / "t.xlsx", rows, sheet="Sheet1"))
    assert compounds_by_area(books)["兰园小区"][0] == "第一网格"


@pytest.mark.parametrize("title", ["兰花社区各片区小区统计表", "兰花社区东片区、西片区小区统计表", "兰花社区网格化管理小区统计表"])
def test_a_title_naming_every_area_or_several_names_none(books, tmp_path, title):
    rows = [[title], ["序号", "小区名称", "户数"], [1, "兰园小区", 120]]
    preview = import_file(books, "compounds", make_workbook(tmp_path / "t.xlsx", rows), dry_run=True)
    assert "请填写所属片区" in preview.errors[0].reason


def test_two_tables_on_one_sheet_each_read_by_its_own_header(books, tmp_path):
    person = resident_id("53080219650112031")
    rows = [["兰花社区集体资产承租方名单"], ["一、单位承租方"], ["序号", "单位名称", "联系电话", "备注"],
            [1, "普洱市茶香餐饮有限公司", "13911110000", None], [],
            ["二、个人承租方"], ["序号", "姓名", "身份证号码", "联系电话"],
            [1, "王建国", person, "13908791234"]]
    result = import_file(books, "counterparties", make_workbook(tmp_path / "two.xlsx", rows))
    assert (result.new, result.errors) == (2, [])
    found = {cp.name: (cp.id_code, cp.phone) for cp in books.org.list_counterparties()}
    assert found == {"普洱市茶香餐饮有限公司": ("", "13911110000"), "王建国": (person, "13908791234")}


def test_the_second_tables_own_columns_are_where_its_errors_point(tmp_path):
    rows = [["编码", "名称", "金额"], ["A1", "房", 10], [], ["名称", "编码", "建筑面积", "金额"], ["车库", "A2", "很大", 5]]
    preview = read_file(KIND, make_workbook(tmp_path / "two.xlsx", rows))
    assert [(row["code"], row["name"], row["amount"]) for row in preview.rows] == [("A1", "房", 1000), ("A2", "车库", 500)]
    (error,) = preview.errors
    assert (error.row, error.column) == (5, "C（建筑面积）")


def test_a_header_repeated_on_every_printed_page_is_skipped(tmp_path):
    header = ["序号", "编码", "名称", "建筑面积\n（㎡）"]
    rows = [["资产台账"], header, [1, "A1", "房", 10], ["本页小计", None, None, 10], header, [2, "A2", "库", 20]]
    preview = read_file(KIND, make_workbook(tmp_path / "pages.xlsx", rows))
    assert [(row.row, row["code"], row["area"]) for row in preview.rows] == [(3, "A1", 1000), (6, "A2", 2000)]
    assert preview.errors == []


def test_the_title_of_a_second_table_is_no_record(books, tmp_path):
    """名单 on top, a blank row, a title 补充名单, the header again and one more person: the title
    is the second table's, never a counterparty named 补充名单."""
    rows = [["名称", "类型", "联系电话", "角色"], ["双表甲", "个人", "13800000001", "缴费人"],
            ["双表乙", "个人", "13800000002", "缴费人"], [None], ["补充名单"],
            ["名称", "类型", "联系电话", "角色"], ["双表丁", "个人", "13800000004", "承租方"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "两表.xlsx", rows), dry_run=True)
    assert preview.ok and [row.values["name"] for row in preview.rows] == ["双表甲", "双表乙", "双表丁"]


def test_the_title_of_another_kinds_table_below_a_journal_is_no_line(books, tmp_path):
    """A journal, then a titled 科目汇总表: the summary is left out (未导入的表格) and its title row
    is no voucher line with a bad date."""
    rent = rent_account(books)
    rows = [["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"],
            ["2025-01-05", "记-0001", "收租金", "10201", 500, None], ["2025-01-05", "记-0001", "收租金", rent, None, 500],
            [None], ["科目汇总表"], ["科目编码", "科目名称", "借方发生额", "贷方发生额"], ["102", "银行存款", 500, None]]
    preview = import_file(books, "vouchers", make_workbook(tmp_path / "序时账.xlsx", rows), dry_run=True)
    assert preview.ok, preview.errors
    assert preview.new == 1 and preview.skipped_tables == ["工作表“Sheet1”第 6 行起的表格（科目编码、科目名称、借方发生额、贷方发生额）"]


def test_a_table_above_the_header_read_is_named_as_left_out(books, tmp_path):
    """往来单位 on top, then the 小区 table being imported: the top table is not read, and the
    clerk is told so rather than left to think it was."""
    rows = [["名称", "类型", "联系电话"], ["张伟", "个人", "13800000001"], ["李娜", "个人", "13800000003"], [None],
            ["所属片区", "小区名称", "类别", "户数"], ["东片区", "翠云小区", "老旧小区", 120]]
    preview = import_file(books, "compounds", make_workbook(tmp_path / "两表.xlsx", rows), dry_run=True)
    assert preview.ok and [row.values["name"] for row in preview.rows] == ["翠云小区"]
    assert preview.skipped_tables == ["工作表“Sheet1”第 1–3 行（表头以上的内容）"]

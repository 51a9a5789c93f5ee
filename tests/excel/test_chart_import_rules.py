"""科目表 from other programs and hand-made charts: code forms, names, headings, and every refusal of
the chart service shown in the preview on its row — never first at commit."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from assetdesk.excel import ImportRejectedError, import_file
from assetdesk.excel.kinds.account_refs import plain_code
from tests.helpers import post

from .helpers import make_workbook


def subs(books, prefix):
    return {a.code: a.name for a in books.accounts.list_accounts() if a.code.startswith(prefix) and len(a.code) > 3}


def refused_in_preview(books, path):
    """The preview shows the refusal; the real import refuses the same way and writes nothing."""
    before = books.accounts.list_accounts()
    errors = import_file(books, "accounts", path, dry_run=True).errors
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "accounts", path)
    assert caught.value.preview.errors == errors and books.accounts.list_accounts() == before
    return errors


def test_a_hand_made_chart_with_class_headings_and_indented_breakdowns(books, tmp_path):
    path = make_workbook(tmp_path / "科目表.xlsx", [
        ["兰花社区股份经济合作社会计科目表"], ["序号", "科目代码", "科目名称", "余额方向", "备注"],
        ["资产类", None, None, None, None],
        [1, "101", "库存现金", "借", None], [2, "102", "银行存款", "借", None],
        [3, "10201", "  其中：基本存款户", "借", "农行"], [4, "10202", "    一般存款户", "借", "信用社"],
        [None, None, None, None, None],
        [5, "112", "应收款", "借", None], [6, "11201", "　　应收租金", "借", "全角空格缩进"],
        ["一、负债类", None, None, None, None], [7, "211", "应付款", "贷", None], [8, "21101", "  其中：押金", "贷", None],
        ["所有者权益类", None, None, None, None], [9, "301", "资本", "贷", None],
        [], ["制表人：张三", None, "审核人：李四"],
    ])
    result = import_file(books, "accounts", path)
    assert result.errors == [] and result.new == 2  # 10201 基本存款户 and 21101 押金: new books have them
    assert subs(books, "1") == {"10201": "基本存款户", "10202": "一般存款户", "11201": "应收租金"}
    assert subs(books, "2") == {"21101": "押金", "21102": "其他应付款"}
    assert import_file(books, "accounts", path).unchanged == 9


def test_kingdee_codes_with_dots_or_dashes_are_the_books_codes(books, tmp_path):
    path = make_workbook(tmp_path / "科目.xlsx", [
        ["科目代码", "科目名称", "类别", "余额方向"], ["102", "银行存款", "资产", "借"], ["102.01", "基本存款户", "资产", "借"],
        ["102-02", "一般存款户", "资产", "借"], ["112.01", "应收租金", "资产", "借"], ["112.01.01", "门面房租金", "资产", "借"],
        [211.01, "押金", "负债", "贷"], ["211 03", "其他", "负债", "贷"]])
    result = import_file(books, "accounts", path)
    assert result.errors == [] and result.new == 4  # 10201 基本存款户 and 21101 押金 are already there
    assert subs(books, "1") == {"10201": "基本存款户", "10202": "一般存款户", "11201": "应收租金", "1120101": "门面房租金"}
    assert subs(books, "2") == {"21101": "押金", "21102": "其他应付款", "21103": "其他"}


@pytest.mark.parametrize("code", ["102.1", "1002", "102.001", "10-201"])
def test_codes_that_do_not_follow_two_digits_a_level_are_refused(books, tmp_path, code):
    path = make_workbook(tmp_path / "科目.xlsx", [["科目编码", "科目名称"], [code, "基本户"]])
    (error,) = refused_in_preview(books, path)
    assert error.column == "A（科目编码）" and "每级 2 位数字" in error.reason


@given(st.sampled_from(["101", "102", "112", "211", "501"]), st.lists(st.integers(1, 99), min_size=0, max_size=3),
       st.sampled_from([".", "-"]))
def test_a_code_written_level_by_level_is_the_code_of_the_books(first, levels, separator):
    """金蝶 writes 112.01.01 for the books' 1120101: any depth, dots or dashes."""
    books_code = first + "".join(f"{level:02d}" for level in levels)
    written = separator.join([first] + [f"{level:02d}" for level in levels])
    assert plain_code(written) == books_code and plain_code(books_code) == books_code


def test_full_names_give_the_sub_accounts_own_name_after_checking_its_parent(books, tmp_path):
    path = make_workbook(tmp_path / "科目.xlsx", [
        ["科目代码", "科目全称"], ["10201", "银行存款-基本存款户"], ["10202", "银行存款/一般存款户"],
        ["11201", "应收款—应收租金"], ["1120101", "应收款\\应收租金\\门面房"], ["21101", "应付款_押金"],
        ["50103", "门面房-A-1栋"]])
    import_file(books, "accounts", path)
    assert subs(books, "1") == {"10201": "基本存款户", "10202": "一般存款户", "11201": "应收租金", "1120101": "门面房"}
    assert subs(books, "2") == {"21101": "押金", "21102": "其他应付款"}
    assert subs(books, "50103") == {"50103": "门面房-A-1栋"}  # a hyphen inside a name is kept


def test_a_full_name_under_another_parent_is_refused_naming_both(books, tmp_path):
    path = make_workbook(tmp_path / "科目.xlsx", [["科目编码", "科目名称"], ["10201", "应付款-押金"]])
    (error,) = refused_in_preview(books, path)
    assert error.column == "B（科目名称）" and "“应付款”与编码表示的上级科目“102 银行存款”不符" in error.reason


def test_two_new_sub_accounts_with_one_name_are_refused_in_the_preview(books, tmp_path):
    path = make_workbook(tmp_path / "科目表.xlsx", [["科目编码", "科目名称"], ["10201", "基本户"], ["10202", "基本户"]])
    errors = refused_in_preview(books, path)
    assert [(e.row, e.column) for e in errors] == [(2, "B（科目名称）"), (3, "B（科目名称）")]
    assert "10202 也叫“基本户”" in errors[0].reason and "不能同名" in errors[0].reason


def test_renaming_into_a_siblings_name_is_refused_but_a_swap_is_not(books, tmp_path):
    import_file(books, "accounts", make_workbook(tmp_path / "a.xlsx", [["科目编码", "科目名称"], ["10201", "基本户"],
                                                                       ["10202", "一般户"]]))
    (error,) = refused_in_preview(books, make_workbook(tmp_path / "b.xlsx", [["科目编码", "科目名称"], ["10202", "基本户"]]))
    assert error.row == 2 and "10201 也叫“基本户”" in error.reason
    swap = make_workbook(tmp_path / "c.xlsx", [["科目编码", "科目名称"], ["10201", "一般户"], ["10202", "基本户"]])
    assert import_file(books, "accounts", swap).changed == 2
    assert subs(books, "102") == {"10201": "一般户", "10202": "基本户"}


def test_a_sub_account_under_an_account_with_a_balance_is_refused_in_the_preview(books, tmp_path):
    books.accounts.set_opening_balances({"101": 500_00, "301": -500_00})
    post(books, "2025-01-05", "收杂项", ("10201", 10_00), ("504", -10_00))
    path = make_workbook(tmp_path / "科目.xlsx", [["科目编码", "科目名称"], ["10101", "备用金"], ["50401", "杂项"],
                                                ["50103", "场地租金"]])
    errors = refused_in_preview(books, path)
    assert [(e.row, e.column) for e in errors] == [(2, "A（科目编码）"), (3, "A（科目编码）")]
    assert "“101 库存现金”已有记账或期初余额" in errors[0].reason and "“504 其他收入”" in errors[1].reason


def test_one_code_with_two_names_is_refused_and_the_same_name_twice_is_one_account(books, tmp_path):
    (error,) = refused_in_preview(books, make_workbook(tmp_path / "a.xlsx", [["科目编码", "科目名称"], ["11201", "甲"],
                                                                            ["11201", "乙"]]))
    assert error.row == 3 and "与第 2 行编码相同而名称不同（“甲”与“乙”）" in error.reason
    twice = import_file(books, "accounts", make_workbook(tmp_path / "b.xlsx", [["科目编码", "科目名称"], ["11201", "甲"],
                                                                              ["11201", "  甲"]]))
    assert (twice.new, twice.unchanged) == (1, 1) and subs(books, "112") == {"11201": "甲"}


def test_a_kingdee_code_typed_as_a_number_is_refused_with_the_text_format_hint(books, tmp_path):
    """112.10 typed into a number column is stored as 112.1: the level's 0 is gone, and the clerk is
    told why and what to do (set the column to 文本)."""
    rows = [["科目编码", "科目名称"], ["112.01", "租户"], [112.1, "住户物业费"]]
    preview = import_file(books, "accounts", make_workbook(tmp_path / "金蝶.xlsx", rows), dry_run=True)
    (error,) = preview.errors
    assert error.row == 3 and "按数字存的" in error.reason and "文本" in error.reason

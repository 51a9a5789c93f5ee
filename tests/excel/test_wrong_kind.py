"""Which kind a sheet is said to be, when the clerk chose another: only a kind that would really
read it (after its own second look at the sheet) is suggested."""
from __future__ import annotations

import pytest

from assetdesk.errors import ImportFileError
from assetdesk.excel import import_file

from .helpers import make_workbook


def test_a_summary_of_accounts_is_not_offered_as_a_journal(books, tmp_path):
    """科目汇总表 has no date and no 凭证号: the journal import would not read it, so it is not
    suggested; the clerk hears which of the chosen kind's columns are missing."""
    rows = [["科目汇总表"], ["科目编码", "科目名称", "借方发生额", "贷方发生额", "摘要"],
            ["101", "库存现金", 100, 50, "收租金"], ["301", "资本", 50, 100, "投入"]]
    with pytest.raises(ImportFileError) as refused:
        import_file(books, "counterparties", make_workbook(tmp_path / "汇总.xlsx", rows), dry_run=True)
    assert refused.value.suggested_kind != "vouchers" and "凭证" not in refused.value.message
    assert "名称" in refused.value.message


def test_a_balance_table_chosen_as_counterparties_is_offered_as_opening_balances(books, tmp_path):
    rows = [["科目余额表"], ["科目编码", "科目名称", "期初借方", "期初贷方", "本期借方", "本期贷方"],
            ["101", "库存现金", 100, None, 50, 20], ["301", "资本", None, 100, None, None]]
    with pytest.raises(ImportFileError) as refused:
        import_file(books, "counterparties", make_workbook(tmp_path / "余额.xlsx", rows), dry_run=True)
    assert refused.value.suggested_kind == "opening-balances"


def test_a_chart_chosen_as_counterparties_imports_no_accounts_as_people(books, tmp_path):
    """A 科目表 holds the word 租户 (a sub-account of 应收款), which also names a counterparty
    column: one matched word in a data row is no header, and no account becomes a person."""
    rows = [["测试社区 科目表"], ["单位：元"], ["科目编码", "科目名称", "科目类别", "余额方向", "状态"],
            ["101", "库存现金", "资产", "借", "启用"], ["112", "应收款", "资产", "借", "启用"],
            ["11201", "租户", "资产", "借", "启用"], ["11202", "住户物业费", "资产", "借", "启用"],
            ["113", "内部往来", "资产", "双向", "启用"]]
    with pytest.raises(ImportFileError) as caught:
        import_file(books, "counterparties", make_workbook(tmp_path / "科目表.xlsx", rows), dry_run=True)
    assert "是科目表" in caught.value.message and caught.value.suggested_kind == "accounts"
    assert books.org.list_counterparties() == []


def test_a_journal_chosen_as_counterparties_is_named_a_journal(books, tmp_path):
    rows = [["日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "往来单位"],
            ["2025-01-05", "记-0001", "收租金", "102", "银行存款", 500, None, None],
            ["2025-01-05", "记-0001", "收租金", "50101", "租金收入", None, 500, "张三"]]
    with pytest.raises(ImportFileError) as caught:
        import_file(books, "counterparties", make_workbook(tmp_path / "序时账.xlsx", rows), dry_run=True)
    assert "是凭证" in caught.value.message

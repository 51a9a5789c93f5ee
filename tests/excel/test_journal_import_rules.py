"""Journals from other programs and from paper, as a clerk imports them and an auditor checks them:
which rows make which voucher, what is refused (and where), what the books show afterwards.

The books' clock stands at 2025-03-15 (tests/conftest.py), so journals here are of January–March 2025.
"""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from assetdesk.errors import ImportFileError, VoucherError
from assetdesk.excel import ImportRejectedError, export_file, import_file, write_error_report
from assetdesk.services.org import CounterpartyInput
from assetdesk.services.vouchers import LineInput, VoucherFilter, VoucherInput
from tests.excel.helpers import make_workbook
from tests.helpers import chart_with

JOURNAL = ["日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额"]
D = dt.date(2025, 2, 10)


@pytest.fixture
def chart(books):
    """The sub-accounts the journals below post to."""
    chart_with(books, ("10201", "基本存款户"), ("50101", "租金收入"), ("50102", "物业服务收入"), ("51101", "设施维修"),
               ("51301", "办公费"), ("21101", "押金"))
    books.posting_rules.set_rule("depreciation.expense", "514")  # 511 has sub-accounts now
    return books


def movements(books, period="2025-02"):
    """Account code → (本期借方, 本期贷方) as the trial balance shows them."""
    return {r.code: (r.debit_fen, r.credit_fen) for r in books.ledger.trial_balance(period).rows
            if r.debit_fen or r.credit_fen}


def refused(books, path, **options):
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "vouchers", path, **options)
    assert books.vouchers.count_vouchers() == 0 or options.get("keep")
    return caught.value.preview.errors


def labels(books):
    views = [books.vouchers.get(v.id) for v in books.vouchers.list_vouchers()]
    return [(v.label, v.date_on.isoformat(), v.summary, v.source) for v in views]


def two_sheets(path, first: tuple[str, list], second: tuple[str, list]):
    workbook = openpyxl.Workbook()
    workbook.active.title = first[0]
    for sheet, rows in ((workbook.active, first[1]), (workbook.create_sheet(second[0]), second[1])):
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


# ---------------------------------------------------------------- 1. sheets that are no journal

def test_a_summary_sheet_beside_the_journal_is_left_out_and_the_month_is_not_doubled(chart, tmp_path):
    path = two_sheets(tmp_path / "二月.xlsx", ("2月凭证", [
        JOURNAL,
        [D, "记-0001", "收2月租金", "10201", "银行存款—基本存款户", 5000, None],
        [D, "记-0001", "收2月租金", "50101", "经营收入—租金收入", None, 5000],
    ]), ("2月科目汇总表", [
        ["科目汇总表"], ["2025年2月", None, "单位：元"],
        ["科目编码", "科目名称", "借方发生额", "贷方发生额"],
        ["10201", "银行存款—基本存款户", 5000, None],
        ["50101", "经营收入—租金收入", None, 5000],
        ["合计", None, 5000, 5000],
    ]))
    result = import_file(chart, "vouchers", path)
    assert result.sheets == ["2月凭证"] and result.new == 1
    assert result.summary().endswith("未导入的工作表：工作表“2月科目汇总表”（缺少日期、凭证号列）")
    assert movements(chart) == {"102": (5000_00, 0), "10201": (5000_00, 0), "501": (0, 5000_00), "50101": (0, 5000_00)}


def test_a_workbook_holding_only_a_summary_sheet_is_refused_as_no_journal(chart, tmp_path):
    path = make_workbook(tmp_path / "汇总.xlsx", [["科目编码", "科目名称", "借方", "贷方"], ["10201", "基本存款户", 10, None],
                                                  ["50101", "租金收入", None, 10]])
    with pytest.raises(ImportFileError, match="找不到凭证表：工作表“Sheet1”是期初余额"):
        import_file(chart, "vouchers", path)


def test_a_sheet_never_continues_the_last_voucher_of_the_sheet_before(chart, tmp_path):
    path = two_sheets(tmp_path / "两月.xlsx", ("1月", [
        JOURNAL, [dt.date(2025, 1, 5), "记-1", "收租金", "10201", None, 800, None],
        [None, None, None, "50101", None, None, 800],
    ]), ("2月", [
        JOURNAL, [None, None, "收租金", "10201", None, 300, None], [None, None, None, "50101", None, None, 300],
    ]))
    errors = refused(chart, path)
    assert [(e.sheet, e.row, e.column[0]) for e in errors] == [("2月", 2, "A"), ("2月", 2, "B")]
    assert "日期必须填写" in errors[0].reason and "凭证号必须填写" in errors[1].reason


# ---------------------------------------------------------------- 2. what one voucher is

def test_shou_fu_zhuan_vouchers_of_one_day_stay_three_vouchers(chart, tmp_path):
    """金蝶 KIS: 凭证字 and 凭证号 in two columns, each word numbered from 1 in the month."""
    path = make_workbook(tmp_path / "收付转.xlsx", [
        ["日期", "凭证字", "凭证号", "摘要", "科目代码", "借方金额", "贷方金额"],
        [D, "收", 1, "收张三租金", "101", 1200, 0], [D, "收", 1, "收张三租金", "50101", 0, 1200],
        [D, "付", 1, "付办公用品", "51301", 350, 0], [D, "付", 1, "付办公用品", "101", 0, 350],
        [D, "转", 1, "计提维修费", "51101", 900, 0], [D, "转", 1, "计提维修费", "21101", 0, 900],
    ])
    preview = import_file(chart, "vouchers", path, dry_run=True)
    assert [(c.key, c.detail) for c in preview.changes] == [
        ("2025-02-10 收-1", "2 行分录；在账中编为 记-0001"), ("2025-02-10 付-1", "2 行分录；在账中编为 记-0002"),
        ("2025-02-10 转-1", "2 行分录；在账中编为 记-0003")]
    import_file(chart, "vouchers", path)
    assert [(label, summary, source) for label, _, summary, source in labels(chart)] == [
        ("记-0001", "收张三租金", "导入（原凭证号 收-0001）"), ("记-0002", "付办公用品", "导入（原凭证号 付-0001）"),
        ("记-0003", "计提维修费", "导入（原凭证号 转-0001）")]
    assert movements(chart)["101"] == (1200_00, 350_00)
    assert import_file(chart, "vouchers", path).unchanged == 3


def test_a_block_pasted_twice_is_refused_naming_both_row_ranges(chart, tmp_path):
    voucher = [[D, "记-0002", "付路灯维修费", "51101", None, 600, None], [D, "记-0002", "付路灯维修费", "10201", None, None, 600]]
    path = make_workbook(tmp_path / "重复.xlsx", [
        JOURNAL, [D, "记-0001", "收租金", "10201", None, 800, None], [D, "记-0001", "收租金", "50101", None, None, 800],
        *voucher, [D, "记-0003", "收租金", "10201", None, 100, None], [D, "记-0003", "收租金", "50101", None, None, 100],
        *voucher])
    errors = refused(chart, path)
    assert [(e.row, e.column[0]) for e in errors] == [(4, "B"), (8, "B")]
    assert all("第 4–5 行、第 8–9 行" in e.reason and "重复粘贴" in e.reason for e in errors)


def test_two_vouchers_typed_under_one_number_are_refused(chart, tmp_path):
    path = make_workbook(tmp_path / "同号.xlsx", [
        JOURNAL, [D, "记-0007", "收李四2月租金", "10201", None, 2000, None], [D, "记-0007", "收李四2月租金", "50101", None, None, 2000],
        [D, "记-0007", "付2月保洁费", "51101", None, 600, None], [D, "记-0007", "付2月保洁费", "101", None, None, 600]])
    (error,) = refused(chart, path)
    assert (error.row, error.column[0]) == (4, "B")
    assert "第 2–3 行与第 4–5 行都是凭证“记-0007”" in error.reason and "改正其中一张的凭证号" in error.reason
    # the same lines written as one voucher (number on its first line only) are one voucher
    one = make_workbook(tmp_path / "一张.xlsx", [
        JOURNAL, [D, "记-0007", "收李四2月租金", "10201", None, 2000, None], [None, None, "收李四2月租金", "50101", None, None, 2000],
        [None, None, "付2月保洁费", "51101", None, 600, None], [None, None, "付2月保洁费", "101", None, None, 600]])
    assert import_file(chart, "vouchers", one).new == 1


def test_lines_of_one_voucher_sorted_apart_still_make_one_voucher(chart, tmp_path):
    """An export sorted by date and account: 记-1's lines stand on either side of 记-2's."""
    path = make_workbook(tmp_path / "按科目排序.xlsx", [
        JOURNAL, [D, "记-1", "收租金", "10201", None, 500, None], [D, "记-2", "付办公费", "101", None, None, 80],
        [D, "记-1", "收租金", "50101", None, None, 500], [D, "记-2", "付办公费", "51301", None, 80, None]])
    assert import_file(chart, "vouchers", path).new == 2
    assert movements(chart)["101"] == (0, 80_00) and movements(chart)["50101"] == (0, 500_00)


# ---------------------------------------------------------------- 3. 科目编码 against 科目名称

@pytest.mark.parametrize("name", ["银行存款—基本存款户", "银行存款-基本存款户", "银行存款/基本存款户", "基本存款户",
                                  "银行存款", "10201 银行存款/基本存款户"])
def test_a_name_written_as_other_programs_do_agrees_with_its_code(chart, tmp_path, name):
    path = make_workbook(tmp_path / "名称.xlsx", [
        JOURNAL, [D, "记-1", "收租金", "10201", name, 500, None], [D, "记-1", "收租金", "50101", "经营收入/租金收入", None, 500]])
    assert import_file(chart, "vouchers", path).new == 1


def test_a_code_that_disagrees_with_its_name_is_refused_naming_both(chart, tmp_path):
    """b10c (10201 beside 库存现金) and the 2004 chart's 153/154, swapped in the 2023 one."""
    path = make_workbook(tmp_path / "旧编码.xlsx", [
        JOURNAL, [D, "记-1", "收现金物业费", "10201", "库存现金", 800, None], [D, "记-1", "收现金物业费", "501", "经营收入", None, 800],
        [D, "记-2", "报废旧房转入清理", "153", "固定资产清理", 200, None], [D, "记-2", "报废旧房转入清理", "151", "固定资产", None, 200]])
    errors = {(e.row, e.column): e.reason for e in refused(chart, path)}
    assert errors[(2, "E（科目名称）")].startswith("科目编码 10201 在账中是“银行存款—基本存款户”，与科目名称“库存现金”不符（“库存现金”的编码是 101）")
    assert errors[(4, "E（科目名称）")].startswith("科目编码 153 在账中是“在建工程”，与科目名称“固定资产清理”不符（“固定资产清理”的编码是 154）")


# ---------------------------------------------------------------- 4. lines that read like totals

def test_lines_whose_summary_opens_like_a_total_or_a_note_are_imported(chart, tmp_path):
    path = make_workbook(tmp_path / "手工.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"],
        [D, "记-5", "付2月保洁费", "51101", 1000, None],
        [None, None, "付2月保洁费", "10201", None, 1000],
        [None, None, "合计报销办公用品", "51301", 236.5, None],
        [None, None, "小计：现金付讫", "101", None, 236.5],
        [D, "记-6", "押金转收入", "21101", 3000, None],
        [None, None, "备注：押金转收入", "50101", None, 3000],
        [None, None, "合计", None, 4236.5, 4236.5],
    ])
    result = import_file(chart, "vouchers", path)
    assert result.new == 2 and len(result.rows) == 6
    moved = movements(chart)
    assert moved["51301"] == (236_50, 0) and moved["101"] == (0, 236_50) and moved["50101"] == (0, 3000_00)
    assert [len(chart.vouchers.get(v.id).lines) for v in chart.vouchers.list_vouchers()] == [4, 2]


# ---------------------------------------------------------------- 5. a corrected journal imported again

def test_a_corrected_voucher_imported_again_is_refused_and_never_posted_twice(chart, tmp_path):
    rows = [JOURNAL,
            [D, "记-0001", "收租金", "10201", None, 800, None], [D, "记-0001", "收租金", "50101", None, None, 800],
            [D, "记-0002", "付办公用品费", "51301", None, 206.54, None], [D, "记-0002", "付办公用品费", "101", None, None, 206.54]]
    import_file(chart, "vouchers", make_workbook(tmp_path / "一.xlsx", rows))
    rows[3][5], rows[4][6] = 216.54, 216.54  # corrected in the old program, exported again
    path = make_workbook(tmp_path / "二.xlsx", rows)
    preview = import_file(chart, "vouchers", path, dry_run=True)
    (error,) = preview.errors
    assert (error.row, error.column[0]) == (4, "B")
    assert error.reason.startswith("凭证 记-0002（2025-02-10，第 4–5 行）已在账中且已记账") and "内容与文件不同；请用红字冲销更正" in error.reason
    assert [c.status for c in preview.changes] == ["unchanged", "changed"]
    with pytest.raises(ImportRejectedError):
        import_file(chart, "vouchers", path)
    assert chart.vouchers.count_vouchers() == 2 and movements(chart)["51301"] == (206_54, 0)


# ---------------------------------------------------------------- 6. paper numbers

def test_a_month_numbered_like_the_books_keeps_its_paper_numbers_and_words(chart, tmp_path):
    path = make_workbook(tmp_path / "收付.xlsx", [
        JOURNAL, [D, "收-1", "收租金", "10201", None, 500, None], [D, "收-1", "收租金", "50101", None, None, 500],
        [D, "付-2", "付办公费", "51301", None, 80, None], [D, "付-2", "付办公费", "10201", None, None, 80]])
    assert [c.detail for c in import_file(chart, "vouchers", path, dry_run=True).changes] == ["2 行分录", "2 行分录"]
    import_file(chart, "vouchers", path)
    assert [(label, source) for label, _, _, source in labels(chart)] == [("收-0001", "导入"), ("付-0002", "导入")]


def test_paper_numbers_with_a_gap_are_renumbered_in_paper_order_and_stay_findable(chart, tmp_path):
    """Paper 记-0003 was voided; 记-0004 was entered late (dated before 记-0002); 记-0005 reverses 记-0002."""
    path = make_workbook(tmp_path / "纸质.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"],
        [dt.date(2025, 2, 1), "记-0001", "收2月租金", "10201", 5000, None], [None, None, None, "50101", None, 5000],
        [dt.date(2025, 2, 5), "记-0002", "付路灯维修费", "51101", 1200, None], [None, None, None, "10201", None, 1200],
        [dt.date(2025, 2, 3), "记-0004", "收2月物业费", "101", 300, None], [None, None, None, "50102", None, 300],
        [dt.date(2025, 2, 10), "记-0005", "冲销 2025-02 记-0002", "51101", -1200, None], [None, None, None, "10201", None, -1200],
    ])
    preview = import_file(chart, "vouchers", path, dry_run=True)
    assert [c.detail for c in preview.changes] == ["2 行分录", "2 行分录", "2 行分录；在账中编为 记-0003",
                                                   "2 行分录；在账中编为 记-0004"]
    import_file(chart, "vouchers", path)
    assert labels(chart) == [
        ("记-0001", "2025-02-01", "收2月租金", "导入"), ("记-0002", "2025-02-05", "付路灯维修费", "导入"),
        ("记-0003", "2025-02-03", "收2月物业费", "导入（原凭证号 记-0004）"),
        ("记-0004", "2025-02-10", "冲销 2025-02 记-0002", "导入（原凭证号 记-0005）")]
    (found,) = chart.vouchers.list_vouchers(VoucherFilter(text="记-0004"))  # the paper number, searched for
    assert found.summary == "收2月物业费"
    assert chart.check.run() == []  # consecutive numbers, as the books keep them


def test_vouchers_added_to_a_month_in_use_are_numbered_on(chart, tmp_path):
    chart.vouchers.create_and_post(VoucherInput(D, "手工录入", [LineInput.debit("101", 100), LineInput.credit("50101", 100)]))
    path = make_workbook(tmp_path / "补录.xlsx", [
        JOURNAL, [D, "记-1", "收租金", "10201", None, 500, None], [D, "记-1", "收租金", "50101", None, None, 500]])
    assert import_file(chart, "vouchers", path, dry_run=True).changes[0].detail == "2 行分录；在账中编为 记-0002"
    import_file(chart, "vouchers", path)
    assert labels(chart)[1][0::3] == ("记-0002", "导入（原凭证号 记-0001）")


# ---------------------------------------------------------------- 7. 往来单位 of one name

def test_a_counterparty_name_two_records_share_is_refused_then_found_by_id_number(chart, tmp_path):
    chart.org.add_counterparty(CounterpartyInput("丁超", id_code="110101199001011237"))
    chart.org.add_counterparty(CounterpartyInput("丁超", id_code="110101198505052310"))
    rows = [["日期", "凭证号", "摘要", "科目编码", "借方", "贷方", "往来单位"],
            [D, "记-0001", "确认丁超物业费", "112", 360, None, "丁超"], [None, None, None, "50102", None, 360, None]]
    (error,) = refused(chart, make_workbook(tmp_path / "丁超.xlsx", rows))
    assert (error.row, error.column, error.reason) == (2, "G（往来单位）", "有2个同名的“丁超”，请在往来单位列填写证件号码或编码")
    rows[1][6] = "丁超（110101198505052310）"
    import_file(chart, "vouchers", make_workbook(tmp_path / "丁超2.xlsx", rows))
    (voucher,) = chart.vouchers.list_vouchers()
    line = chart.vouchers.get(voucher.id).lines[0]
    meant = chart.org.find_counterparty("丁超", id_code="110101198505052310")
    assert (line.counterparty_name, line.counterparty_id) == ("丁超", meant.id)
    exported = export_file(chart, "vouchers", tmp_path / "导出.xlsx", period="2025-02")
    assert "丁超（110101198505052310）" in [c.value for c in openpyxl.load_workbook(exported).active["H"]]
    assert import_file(chart, "vouchers", exported).unchanged == 1


# ---------------------------------------------------------------- 8, 9. every error once, in one pass

def test_every_mistake_of_the_file_is_reported_in_the_first_pass(chart, tmp_path):
    chart.periods.close("2025-01")
    path = make_workbook(tmp_path / "四处错.xlsx", [
        JOURNAL, [D, "记-20", "收租金", None, "银行存款-基本户", 500, None], [None, None, None, "50101", None, None, 500],
        [D, "记-21", "收租金", "100201", None, 600, None], [None, None, None, "50101", None, None, 600],
        [D, "记-22", "付维修费", "51101", None, 700.10, None], [None, None, None, "10201", None, None, 700],
        [dt.date(2025, 1, 26), "记-23", "补记1月电费", "51301", None, 80, None], [None, None, None, "101", None, None, 80]])
    errors = refused(chart, path)
    assert [(e.row, e.column[0]) for e in errors] == [(2, "E"), (4, "D"), (6, "F"), (7, "G"), (8, "A")]
    assert "科目不存在" in errors[0].reason and "100201" in errors[1].reason
    assert "借贷不平衡" in errors[2].reason and "2025-01 已结账" in errors[4].reason


def test_a_bad_cell_is_one_error_and_its_line_stays_in_its_voucher(chart, tmp_path):
    path = make_workbook(tmp_path / "手误.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"],
        ["2025.2.3", "记-1", "收租金", "10201", "500", None], [None, None, None, "50101", None, "500"],
        ["2025.2.30", "记-2", "收物业费", "101", "80", None], [None, None, None, "50102", None, "80"],
        ["2025.2.28", "记-3", "付保洁费", "51101", "1,2OO.00", None], [None, None, None, "10201", None, "1,200.00"],
        ["2025.2.28", "记-4", "收" * 201, "10201", 1, None], [None, None, None, "50101", None, 1],
    ])
    errors = refused(chart, path)
    assert [(e.row, e.column[0]) for e in errors] == [(4, "A"), (6, "E"), (8, "C")]
    assert "不存在" in errors[0].reason and "无法识别" in errors[1].reason and "超过 200 个字" in errors[2].reason


# ---------------------------------------------------------------- 10. layouts of other programs

def test_a_t3_journal_with_a_direction_column_and_month_totals(chart, tmp_path):
    """用友 T3: 月/日, 凭证号 on the first line, one 科目 column, 方向 + 金额, 本月合计 rows carrying the 月."""
    path = make_workbook(tmp_path / "T3.xlsx", [
        ["2025年序时账"], ["单位：元"], ["月", "日", "凭证号", "科目", "摘要", "方向", "金额"],
        [2, 3, "记字第1号", "10201 银行存款/基本存款户", "收租金", "借", 1500],
        [None, None, None, "50101 经营收入/租金收入", "收租金", "贷", 1500],
        [2, 8, "记字第2号", "51301 管理费用/办公费", "买纸", "借", 40],
        [None, None, None, "101 库存现金", "买纸", "贷", 40],
        [2, None, None, None, "本月合计", "借", 1540], [2, None, None, None, "本月合计", "贷", 1540],
    ])
    result = import_file(chart, "vouchers", path)
    assert result.new == 2 and not result.errors
    assert movements(chart)["10201"] == (1500_00, 0) and movements(chart)["101"] == (0, 40_00)
    assert [label for label, *_ in labels(chart)] == ["记-0001", "记-0002"]


def test_page_breaks_and_repeated_titles_of_a_printed_journal_are_skipped(chart, tmp_path):
    path = make_workbook(tmp_path / "打印.xlsx", [
        ["序时账"], JOURNAL,
        [D, "记-0001", "收租金", "10201", None, 500, None], [D, "记-0001", "收租金", "50101", None, None, 500],
        [None, None, "过次页", None, None, 500, 500],
        ["序时账"], JOURNAL,
        [None, None, "承前页", None, None, 500, 500],
        [D, "记-0002", "付办公费", "51301", None, 80, None], [D, "记-0002", "付办公费", "101", None, None, 80],
    ])
    result = import_file(chart, "vouchers", path)
    assert result.new == 2 and len(result.rows) == 4 and not result.errors
    assert movements(chart)["10201"] == (500_00, 0)


# ---------------------------------------------------------------- 11. the year typed wrong

@pytest.mark.parametrize("typed", ["2052-03-01", "2025-04-01"])
def test_a_voucher_dated_after_this_month_is_refused_naming_the_cell(chart, tmp_path, typed):
    path = make_workbook(tmp_path / "将来.xlsx", [
        JOURNAL, [typed, "记-1", "收租金", "10201", None, 500, None], [None, None, None, "50101", None, None, 500]])
    (error,) = refused(chart, path)
    assert (error.row, error.column[0]) == (2, "A")
    assert f"凭证日期 {typed} 晚于本月（2025-03）" in error.reason
    with pytest.raises(VoucherError, match="晚于本月"):
        chart.vouchers.import_vouchers([VoucherInput(dt.date.fromisoformat(typed), "收租金", [
            LineInput.debit("10201", 100), LineInput.credit("50101", 100)])])
    assert chart.periods.list_periods()[-1].period.month <= 3


# ---------------------------------------------------------------- 12. smaller things an auditor notices

def test_an_unbalanced_voucher_names_and_marks_all_its_rows(chart, tmp_path):
    path = make_workbook(tmp_path / "不平.xlsx", [
        JOURNAL, [D, "记-1", "收租金", "10201", None, 1200, None], [None, None, None, "50101", None, None, 1200],
        [D, "记-2", "付2月保洁费", "51101", None, 800, None], [None, None, "付2月保洁费", "51101", None, 300.01, None],
        [None, None, None, "10201", None, None, 800], [None, None, None, "10201", None, None, 300]])
    errors = refused(chart, path)
    assert [(e.row, e.column[0]) for e in errors] == [(4, "F"), (5, "F"), (6, "G"), (7, "G")]
    assert errors[0].reason == "凭证“记-2”（第 4–7 行）借贷不平衡：借方合计 1,100.01，贷方合计 1,100.00，相差 0.01"
    with pytest.raises(ImportRejectedError) as caught:
        import_file(chart, "vouchers", path)
    report = openpyxl.load_workbook(write_error_report(caught.value.preview, tmp_path / "错误.xlsx"))["标记-Sheet1"]
    red = [cell.coordinate for row in report.iter_rows() for cell in row if cell.fill.fgColor.rgb == "00FFC7CE"]
    assert red[:4] == ["F4", "H4", "F5", "H5"] and "G6" in red and "G7" in red


def test_lines_of_one_voucher_typed_with_different_dates_say_so(chart, tmp_path):
    path = make_workbook(tmp_path / "日期.xlsx", [
        JOURNAL, [dt.date(2025, 2, 17), "记-4", "收租金", "10201", None, 500, None],
        [dt.date(2025, 2, 18), "记-4", "收租金", "50101", None, None, 500]])
    (error,) = refused(chart, path)
    assert (error.row, error.column[0]) == (3, "A")
    assert "同一张凭证“记-4”的各行日期不同：第 2 行是 2025-02-17，本行是 2025-02-18" in error.reason


def test_export_says_a_year_must_have_four_digits(tmp_path, capsys):
    from assetdesk.cli import main

    db = str(tmp_path / "另一账套.db")
    assert main(["--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01"]) == 0
    with pytest.raises(SystemExit) as exit_:  # a usage error, caught by the option itself
        main(["--db", db, "export", "vouchers", str(tmp_path / "j.xlsx"), "--year", "25"])
    assert exit_.value.code == 2 and "“25”应为四位数字" in capsys.readouterr().err


def test_a_bad_cell_is_found_by_its_own_sheets_columns(chart, tmp_path):
    """Two months on two sheets laid out differently: the bad amount of the second is one error."""
    path = two_sheets(tmp_path / "两表.xlsx", ("1月", [
        JOURNAL, [dt.date(2025, 1, 5), "记-1", "收租金", "10201", None, 800, None],
        [None, None, None, "50101", None, None, 800],
    ]), ("2月", [
        ["凭证号", "日期", "借方金额", "贷方金额", "科目编码", "摘要"],
        ["记-1", D, "3OO", None, "10201", "收租金"], [None, None, None, 300, "50101", None],
        ["记-2", D, 80, None, "51301", "付办公费"], [None, None, None, 80, "101", None],
    ]))
    (error,) = refused(chart, path)
    assert (error.sheet, error.row, error.column) == ("2月", 2, "C（借方金额）")


# ---------------------------------------------------------------- 辅助核算 (the posting path's own checks)
def test_a_receivable_line_without_its_counterparty_is_refused_by_row_and_column(chart, tmp_path):
    """112 carries 往来单位: the import says so for the row and the 往来单位 cell, with the posting
    path's words, before anything is posted."""
    chart.org.add_counterparty(CounterpartyInput("普洱茶源商贸有限公司", "单位"))
    path = make_workbook(tmp_path / "序时账.xlsx", [
        JOURNAL + ["往来单位"],
        [D, "记-1", "应收二月租金", "112", "应收款", 3_000, None, ""],
        [None, None, "应收二月租金", "50101", "经营收入—租金收入", None, 3_000, None],
        [D, "记-2", "应收二月租金", "112", "应收款", 2_000, None, "普洱茶源商贸有限公司"],
        [None, None, "应收二月租金", "50101", "经营收入—租金收入", None, 2_000, None],
    ])
    errors = refused(chart, path)
    assert [(e.row, e.column, e.reason) for e in errors] == [
        (2, "H（往来单位）", "科目“112 应收款”按往来单位核算，没有填写往来单位："
                             "请为这一行选择往来单位，应收款的明细账按往来单位逐一对账")]


def test_a_journal_import_announces_data_imported_once_after_its_commit(chart, tmp_path):
    from assetdesk.events import DataImported, DocumentsPosted, Event

    heard: list[Event] = []
    chart.events.subscribe(Event, heard.append)
    path = make_workbook(tmp_path / "序时账.xlsx", [
        JOURNAL,
        [D, "记-1", "收二月租金", "10201", "银行存款—基本存款户", 3_000, None],
        [None, None, "收二月租金", "50101", "经营收入—租金收入", None, 3_000],
        [D, "记-2", "付办公费", "51301", "管理费用—办公费", 200, None],
        [None, None, "付办公费", "10201", "银行存款—基本存款户", None, 200],
    ])
    import_file(chart, "vouchers", path)
    assert heard.count(DataImported("vouchers")) == 1
    assert [e for e in heard if isinstance(e, DocumentsPosted)] == [DocumentsPosted("vouchers", 2, ("2025-02",))]

"""期初余额 from other programs' 余额表 (用友 T3, 金蝶, 三资平台, hand-made): which columns are the
opening, how one signed column reads, and every refusal a clerk must see before anything is written.

The books start 2025-01 (``books`` fixture): a table for 2024年12月 gives its 期末, one for 2025年1月
its 期初."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assetdesk.errors import ImportFileError
from assetdesk.excel import ImportRejectedError, export_file, import_file
from assetdesk.excel.kinds.base import ParsedRow
from assetdesk.excel.kinds.opening_amounts import Reading, apply_one_column, one_column_rule
from tests.helpers import chart_with

from .helpers import make_workbook


@pytest.fixture
def chart(books):
    """102 with 基本户 / 一般户, 211 with 押金, 113 with two sides — as a clerk sets up before the openings."""
    chart_with(books, ("10201", "农业银行基本户"), ("10202", "信用社一般户"), ("21101", "押金"),
               ("11301", "社区居委会"), ("11302", "街道办"))
    return books


def openings(books):
    return {r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances() if r.debit_fen or r.credit_fen}


def refused(books, path):
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "opening-balances", path)
    assert openings(books) == {}, "a refused import writes nothing"
    return caught.value.preview.errors


T3_ROWS = [["101", "库存现金", "借", 1000, 500, None, "借", 1500],
           ["10201", "农业银行基本户", "借", 20000, None, 500, "借", 19500],
           ["21101", "押金", "贷", 1000, None, None, "贷", 1000],
           ["301", "资本", "贷", 20000, None, None, "贷", 20000]]


def t3_table(path, period):
    """用友 T3: 期初余额 over 方向|金额, 本期发生 over 借方|贷方, 期末余额 over 方向|金额, the month below the title."""
    return make_workbook(path, [["科目余额表"], [period],
                                ["科目编码", "科目名称", "期初余额", None, "本期发生", None, "期末余额", None],
                                [None, None, "方向", "金额", "借方", "贷方", "方向", "金额"], *T3_ROWS],
                         merges=["C3:D3", "E3:F3", "G3:H3"])


# ---------------------------------------------------------------- which columns are the opening

def test_a_table_for_the_first_month_gives_its_opening_never_the_movements(chart, tmp_path):
    result = import_file(chart, "opening-balances", t3_table(tmp_path / "t3.xlsx", "2025年1月"))
    assert openings(chart) == {"101": (1_000_00, 0), "10201": (20_000_00, 0), "21101": (0, 1_000_00),
                               "301": (0, 20_000_00)}
    assert "本期发生借方" in result.ignored_columns and "本期发生贷方" in result.ignored_columns


def test_a_table_for_the_month_before_the_books_start_gives_its_closing_balance(chart, tmp_path):
    """2024年12月's 期末 is 2025-01's opening: 101 is 1,500.00 (1,000 + 500 moved in December)."""
    result = import_file(chart, "opening-balances", t3_table(tmp_path / "t3.xlsx", "2024年12月"))
    assert openings(chart) == {"101": (1_500_00, 0), "10201": (19_500_00, 0), "21101": (0, 1_000_00),
                               "301": (0, 20_000_00)}
    (cash,) = [c for c in result.changes if c.key.startswith("101 ")]
    assert cash.detail == "期初余额：0.00 → 借 1,500.00（取自“期末余额/金额”，表格为 2024年12月）"  # which column was read


def test_the_three_assets_platform_layout_reads_each_direction_with_its_balance(chart, tmp_path):
    """方向|期初余额|本期借方|本期贷方|方向|期末余额: 本期借方 is a movement, not a 借方余额."""
    path = make_workbook(tmp_path / "三资.xlsx", [
        ["科目编码", "科目名称", "方向", "期初余额", "本期借方", "本期贷方", "方向", "期末余额"],
        *[[code, name, d1, a1, dr, cr, d2, a2] for code, name, d1, a1, dr, cr, d2, a2 in T3_ROWS]])
    result = import_file(chart, "opening-balances", path)
    assert openings(chart)["101"] == (1_000_00, 0) and openings(chart)["21101"] == (0, 1_000_00)
    assert result.ignored_columns == ["本期借方", "本期贷方"]


def _closing_only(path, title=None):
    rows = [["科目编码", "科目名称", "本期发生额", None, "期末余额", None], [None, None, "借方", "贷方", "借方", "贷方"],
            ["101", "库存现金", 500, None, 2000, None], ["10201", "农业银行基本户", 9500, None, 48000, None],
            ["301", "资本", None, 10000, None, 50000]]
    return make_workbook(path, ([[title]] if title else []) + rows, merges=["C1:D1", "E1:F1"] if not title else [])


def test_movements_and_a_closing_balance_of_an_unknown_month_are_refused_naming_the_columns(chart, tmp_path):
    (error,) = refused(chart, _closing_only(tmp_path / "余额表.xlsx"))
    assert error.column == "E（期末余额/借方）"
    assert "只有期末余额（E 列“期末余额/借方”、F 列“期末余额/贷方”）" in error.reason
    assert "如果这是 2024年12月 的余额表" in error.reason and "本期" not in error.reason


def test_the_same_closing_balance_titled_with_the_month_before_the_books_is_taken(chart, tmp_path):
    import_file(chart, "opening-balances", _closing_only(tmp_path / "余额表.xlsx", "兰花社区科目余额表 2024年12月"))
    assert openings(chart) == {"101": (2_000_00, 0), "10201": (48_000_00, 0), "301": (0, 50_000_00)}


def _annual(path, title):
    return make_workbook(path, [[title], ["科目编码", "科目名称", "年初余额", None, "本年发生额", None, "期末余额", None],
                                [None, None, "借方", "贷方", "借方", "贷方", "借方", "贷方"],
                                ["101", "库存现金", 1000, None, 5000, 4000, 2000, None],
                                ["10201", "农业银行基本户", 39000, None, 20000, 11000, 48000, None],
                                ["301", "资本", None, 40000, 0, 10000, None, 50000]],
                         merges=["C2:D2", "E2:F2", "G2:H2"])


def test_last_years_annual_table_gives_its_closing_balance(chart, tmp_path):
    import_file(chart, "opening-balances", _annual(tmp_path / "年报.xlsx", "科目余额表 2024年1月-2024年12月"))
    assert openings(chart) == {"101": (2_000_00, 0), "10201": (48_000_00, 0), "301": (0, 50_000_00)}


def test_an_annual_table_without_its_year_is_refused_rather_than_guessed(chart, tmp_path):
    (error,) = refused(chart, _annual(tmp_path / "年报.xlsx", "科目余额表"))
    assert "年初余额（C 列“年初余额/借方”、D 列“年初余额/贷方”）" in error.reason
    assert "期末余额（G 列“期末余额/借方”、H 列“期末余额/贷方”）" in error.reason


def test_a_table_of_another_period_is_refused_naming_the_period(chart, tmp_path):
    (error,) = refused(chart, t3_table(tmp_path / "t3.xlsx", "2024年6月"))
    assert "这是 2024年6月 的余额表" in error.reason and "2024年12月 的期末余额" in error.reason


# ---------------------------------------------------------------- one signed column

def test_one_signed_balance_column_reads_negatives_as_credit_balances(chart, tmp_path):
    """三资管理平台 exports: one 余额 column, credits negative, no 方向; the file sums to zero."""
    path = make_workbook(tmp_path / "余额.xlsx", [
        ["科目编码", "科目名称", "余额"], ["101", "库存现金", 1200.50], ["10201", "农业银行基本户", 98799.50],
        ["152", "累计折旧", -10000], ["151", "固定资产", 60000], ["21101", "押金", -50000], ["301", "资本", -100000],
        ["合计", None, 0]])
    import_file(chart, "opening-balances", path)
    assert openings(chart) == {"101": (1_200_50, 0), "10201": (98_799_50, 0), "151": (60_000_00, 0),
                               "152": (0, 10_000_00), "21101": (0, 50_000_00), "301": (0, 100_000_00)}
    check = chart.accounts.opening_check()
    assert check.balanced and check.debit_fen == 160_000_00


def test_one_column_of_mixed_signs_that_balances_neither_way_is_refused_with_both_readings(chart, tmp_path):
    path = make_workbook(tmp_path / "余额.xlsx", [
        ["科目编码", "科目名称", "余额"], ["101", "库存现金", 1000], ["152", "累计折旧", -300], ["301", "资本", -500]])
    (error,) = refused(chart, path)
    assert error.column == "C（余额）" and "没有“方向”列" in error.reason
    assert "借方合计 1,000.00、贷方合计 800.00" in error.reason  # by sign
    assert "借方合计 1,800.00、贷方合计 0.00" in error.reason  # by normal side: a negative credit account is a debit


def test_one_column_of_positive_amounts_takes_each_accounts_normal_side(chart, tmp_path):
    path = make_workbook(tmp_path / "余额.xlsx", [
        ["科目编码", "科目名称", "期初余额"], ["101", "库存现金", 1000], ["152", "累计折旧", 300], ["301", "资本", 700]])
    import_file(chart, "opening-balances", path)
    assert openings(chart) == {"101": (1_000_00, 0), "152": (0, 300_00), "301": (0, 700_00)}


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["借", "贷"]), st.integers(min_value=-10**9, max_value=10**9).filter(bool)),
                min_size=1, max_size=8), st.sampled_from(["借", "贷"]))
def test_a_signed_column_that_balances_is_read_by_its_signs(lines, closing_side):
    """Any balances written in one column that sum to zero, a negative among them: read by their
    signs (positive 借, negative 贷) and given back exactly, unless reading each account's normal
    side balances too and says otherwise, which is refused with a reason rather than guessed."""
    lines = list(lines)
    total = sum(amount for _, amount in lines)
    if total:
        lines.append((closing_side, -total))
    if not any(amount < 0 for _, amount in lines):
        lines += [("借", 1), ("借", -1)]
    items = [(ParsedRow("余额", number, {"balance": amount}, [amount], {"balance": (0, "C", "余额")}),
              _Account(side), Reading(None, amount, key="balance")) for number, (side, amount) in enumerate(lines, 2)]
    rule, reason = one_column_rule(items)
    if rule == "sign":
        for _, account, reading in items:
            apply_one_column(reading, account, rule)
        assert [reading.signed for _, _, reading in items] == [amount for _, amount in lines]
    else:
        by_side = sum(amount if side == "借" else -amount for side, amount in lines)
        assert by_side == 0 and not rule and "两种读法都平衡" in reason


class _Account:
    code, full_name = "999", "测试科目"

    def __init__(self, side):
        self.normal_side = side


# ---------------------------------------------------------------- the whole book must balance

def test_unbalanced_openings_are_refused_stating_both_totals_and_the_difference(chart, tmp_path):
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "借方余额", "贷方余额"], ["101", "库存现金", 20000, None],
        ["10201", "农业银行基本户", 80000, None], ["301", "资本", None, 99999.99], ["合计", None, 100000, 99999.99]])
    (error,) = refused(chart, path)
    assert "试算不平衡：借方合计 100,000.00，贷方合计 99,999.99，差额 0.01" in error.reason
    dry = import_file(chart, "opening-balances", path, dry_run=True)
    assert dry.errors and "未导入" in dry.summary()


def test_a_corrected_file_leaving_out_an_account_names_the_balance_left_in_the_books(chart, tmp_path):
    header = ["科目编码", "科目名称", "借方余额", "贷方余额"]
    first = make_workbook(tmp_path / "v1.xlsx", [header, ["10201", "农业银行基本户", 30000, None],
                                                 ["10202", "信用社一般户", 5000, None], ["301", "资本", None, 35000]])
    import_file(chart, "opening-balances", first)
    corrected = make_workbook(tmp_path / "v2.xlsx", [header, ["10201", "农业银行基本户", 35000, None],
                                                     ["301", "资本", None, 35000]])
    with pytest.raises(ImportRejectedError) as caught:
        import_file(chart, "opening-balances", corrected)
    (error,) = caught.value.preview.errors
    assert "借方合计 40,000.00，贷方合计 35,000.00" in error.reason
    assert "本表未列出的期初余额：10202 银行存款—信用社一般户 借 5,000.00" in error.reason
    assert openings(chart)["10201"] == (30_000_00, 0)  # nothing changed
    listed = make_workbook(tmp_path / "v3.xlsx", [header, ["10201", "农业银行基本户", 35000, None],
                                                  ["10202", "信用社一般户", 0, None], ["301", "资本", None, 35000]])
    import_file(chart, "opening-balances", listed)
    assert openings(chart) == {"10201": (35_000_00, 0), "301": (0, 35_000_00)}


def test_openings_after_the_first_month_is_closed_are_refused_in_the_preview(chart, tmp_path):
    chart.accounts.set_opening_balances({"101": 8_000_00, "301": -8_000_00})
    chart.periods.close("2025-01")
    path = make_workbook(tmp_path / "期初.xlsx", [["科目编码", "科目名称", "借方余额", "贷方余额"],
                                                ["101", "库存现金", 8100, None], ["301", "资本", None, 8100]])
    (error,) = import_file(chart, "opening-balances", path, dry_run=True).errors
    assert (error.row, error.column) == (2, "C（借方余额）")
    assert "首个会计期间 2025-01 已结账" in error.reason and "反结账" in error.reason
    same = make_workbook(tmp_path / "同.xlsx", [["科目编码", "借方余额", "贷方余额"], ["101", 8000, None], ["301", None, 8000]])
    assert import_file(chart, "opening-balances", same).errors == []  # nothing to change: nothing refused


# ---------------------------------------------------------------- codes and names (DOMAIN §3.1)

def test_codes_of_the_2004_system_are_refused_by_the_name_beside_them(books, tmp_path):
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "借方余额", "贷方余额"], ["101", "现金", 10000, None], ["153", "固定资产清理", 5000, None],
        ["154", "在建工程", 80000, None], ["502", "经营支出", 15000, None], ["301", "资本", None, 80000]])
    errors = refused(books, path)
    assert [(e.row, e.column) for e in errors] == [(3, "B（科目名称）"), (4, "B（科目名称）"), (5, "B（科目名称）")]
    assert "编码 153 在账中的科目“在建工程”不符" in errors[0].reason and "“固定资产清理”在账中是 154" in errors[0].reason
    assert "编码 502 在账中的科目“投资收益”不符" in errors[2].reason and "在账中是 511 经营支出" in errors[2].reason


def test_a_name_column_shifted_against_the_codes_is_refused(chart, tmp_path):
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "借方余额", "贷方余额"], [101, "银行存款-农业银行基本户", 30000, None],
        [10201, "银行存款-信用社一般户", 1000, None], [21101, "库存现金", None, 31000]])
    errors = refused(chart, path)
    assert [e.row for e in errors] == [2, 3, 4]
    assert "科目名称与编码 101 在账中的科目“库存现金”不符" in errors[0].reason


@pytest.mark.parametrize("name", ["农业银行基本户", "银行存款—农业银行基本户", "银行存款-农业银行基本户",
                                  "银行存款/农业银行基本户", "银行存款\\农业银行基本户", "  其中：农业银行基本户"])
def test_every_usual_spelling_of_the_accounts_name_is_accepted(chart, tmp_path, name):
    path = make_workbook(tmp_path / "期初.xlsx", [["科目编码", "科目名称", "借方余额", "贷方余额"],
                                                ["102.01", name, 1000, None], ["301", "资本", None, 1000]])
    result = import_file(chart, "opening-balances", path, dry_run=True)
    assert result.errors == []
    assert [c.key for c in result.changes] == ["10201 银行存款—农业银行基本户", "301 资本"]  # the chart's names


# ---------------------------------------------------------------- rows that are not balances

def test_a_hand_made_table_with_headings_captions_and_mistakes(chart, tmp_path):
    """Class headings and a blank parent caption are skipped; each mistake is named on its cell."""
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["兰花社区期初余额表"], ["单位：元"], ["序号", "科目编码", "科目名称", "期初余额", "方向"],
        ["资产类", None, None, None, None],
        [1, "101", "库存现金", "1,000.00", "借"],
        [2, "102", "银行存款", "50,000.00", "借"],  # row 6: its sub-accounts total 49,000.00
        [3, "10201", "农业银行基本户", "40,000.00", "借"],
        [4, "10202", "信用社一般户", "9,000.00", "借"],
        [5, "11301", "社区居委会", "2,000.00", None],  # row 9: a two-way account needs its side
        ["负债类", None, None, None, None],
        [6, "211", "应付款", None, None],  # row 11: a caption
        [7, "21101", "押金", "5,000.00", "平"],  # row 12
        ["一、所有者权益类", None, None, None, None],
        [8, "301", "资本", "51,010.00", "贷"],
    ])
    errors = refused(chart, path)
    assert [(e.row, e.column) for e in errors] == [(6, "D（期初余额）"), (9, "E（方向）"), (12, "D（期初余额）")]
    assert "“银行存款”的余额 借 50,000.00 与表中明细科目合计 借 49,000.00 不符" in errors[0].reason
    assert "双向科目，请填写余额方向" in errors[1].reason
    assert "方向为“平”时余额应为0" in errors[2].reason


def test_parent_captions_are_skipped_and_credit_totals_read_as_credit(chart, tmp_path):
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "借方余额", "贷方余额"], ["101", "库存现金", 1000, None], ["102", "银行存款", None, None],
        ["10201", "  农业银行基本户", 20000, None], ["10202", "  信用社一般户", 5000, None], ["211", "应付款", None, 5000],
        ["21101", "  押金", None, 6000], ["301", "资本", None, 20000]])
    (error,) = refused(chart, path)
    assert error.row == 6 and "“应付款”的余额 贷 5,000.00 与表中明细科目合计 贷 6,000.00 不符" in error.reason
    fixed = make_workbook(tmp_path / "期初2.xlsx", [
        ["科目编码", "科目名称", "借方余额", "贷方余额"], ["101", "库存现金", 1000, None], ["102", "银行存款", None, None],
        ["10201", "  农业银行基本户", 20000, None], ["10202", "  信用社一般户", 5000, None], ["211", "应付款", "—", "-"],
        ["21101", "  押金", None, 6000], ["301", "资本", None, 20000]])
    result = import_file(chart, "opening-balances", fixed)
    assert openings(chart) == {"101": (1_000_00, 0), "10201": (20_000_00, 0), "10202": (5_000_00, 0),
                               "21101": (0, 6_000_00), "301": (0, 20_000_00)}
    assert {c.key: c.detail for c in result.changes if c.key.startswith(("102 ", "211 "))} == {
        "102 银行存款": "上级科目标题行", "211 应付款": "上级科目标题行"}


def test_a_two_way_parent_printed_gross_is_a_check_of_its_sub_accounts(chart, tmp_path):
    path = make_workbook(tmp_path / "余额表.xlsx", [
        ["科目代码", "科目名称", "期初借方余额", "期初贷方余额"], ["101", "库存现金", 1000, None],
        ["113", "内部往来", 3000, 800], ["11301", "社区居委会", 3000, None], ["11302", "街道办", None, 800],
        ["301", "资本", None, 3200]])
    import_file(chart, "opening-balances", path)
    assert openings(chart) == {"101": (1_000_00, 0), "11301": (3_000_00, 0), "11302": (0, 800_00), "301": (0, 3_200_00)}


# ---------------------------------------------------------------- workbooks and re-imports

def test_a_setup_workbook_takes_its_balances_from_the_balance_sheet_only(books, tmp_path):
    """建账 workbook: a 科目表 sheet (with 余额方向 but no amounts) beside the 期初余额 sheet."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "科目表"
    for row in (["科目编码", "科目名称", "余额方向"], ["101", "库存现金", "借"], ["102", "银行存款", "借"],
                ["10201", "农业银行基本户", "借"], ["301", "资本", "贷"]):
        workbook.active.append(row)
    sheet = workbook.create_sheet("期初余额")
    for row in (["科目编码", "科目名称", "余额方向", "期初余额"], ["101", "库存现金", "借", 1000],
                ["10201", "农业银行基本户", "借", 20000], ["301", "资本", "贷", 21000]):
        sheet.append(row)
    path = tmp_path / "建账.xlsx"
    workbook.save(path)
    chart = import_file(books, "accounts", path)
    assert not chart.errors and [a.name for a in books.accounts.list_accounts() if a.code == "10201"] == ["农业银行基本户"]
    result = import_file(books, "opening-balances", path)
    assert result.sheets == ["期初余额"] and result.errors == []
    assert openings(books) == {"101": (1_000_00, 0), "10201": (20_000_00, 0), "301": (0, 21_000_00)}


def test_two_balance_sheets_listing_one_account_name_the_other_sheet(chart, tmp_path):
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.title = "资产"
    for row in (["科目编码", "借方余额", "贷方余额"], ["101", 1000, None]):
        workbook.active.append(row)
    sheet = workbook.create_sheet("负债和权益")
    for row in (["科目编码", "借方余额", "贷方余额"], ["301", None, 1000], ["101", 1000, None]):
        sheet.append(row)
    path = tmp_path / "两张表.xlsx"
    workbook.save(path)
    (error,) = refused(chart, path)
    assert error.sheet == "负债和权益" and "与工作表“资产”第 2 行重复" in error.reason


def test_a_red_debit_balance_reimports_unchanged_and_writes_nothing(chart, tmp_path):
    """累计折旧 written as -2,345.67 in the 借方 column (or (1,000.00)) is a credit balance: the same
    file imported again is unchanged, rewrites nothing and leaves no audit entry."""
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "期初借方", "期初贷方"], ["101", "库存现金", "¥1,200.50", None],
        ["10201", "农业银行基本户", "８０，０００．００", None], ["152", "累计折旧", -2345.67, None],
        ["11301", "社区居委会", "(1,000.00)", None], ["301", "资本", None, "77,854.83元"]])
    import_file(chart, "opening-balances", path)
    assert openings(chart)["152"] == (0, 2_345_67) and openings(chart)["11301"] == (0, 1_000_00)
    audited = len(chart.audit.list_entries(limit=1000))
    again = import_file(chart, "opening-balances", path)
    assert (again.changed, again.unchanged) == (0, 5)
    assert len(chart.audit.list_entries(limit=1000)) == audited
    exported = export_file(chart, "opening-balances", tmp_path / "导出.xlsx")
    assert import_file(chart, "opening-balances", exported, dry_run=True).changed == 0


def test_a_chart_sheet_alone_is_no_opening_table(books, tmp_path):
    """余额方向 is no balance: a 科目表 chosen as 期初余额 is named for what it is."""
    path = make_workbook(tmp_path / "科目.xlsx", [["科目编码", "科目名称", "余额方向"], ["101", "库存现金", "借"]])
    with pytest.raises(ImportFileError) as caught:
        import_file(books, "opening-balances", path)
    assert "找不到期初余额表" in str(caught.value) and "是科目表" in str(caught.value)


def test_direction_and_amount_under_each_balance_without_movements(chart, tmp_path):
    """期初余额 and 期末余额 each over 方向 | 金额, no other column under them: the second header row
    is still a header, not a first data row."""
    path = make_workbook(tmp_path / "余额表.xlsx", [
        ["兰花社区科目余额表（2025年1月）"], ["科目编码", "科目名称", "期初余额", None, "期末余额", None],
        [None, None, "方向", "金额", "方向", "金额"],
        ["101", "库存现金", "借", 1000, "借", 1500], ["301", "资本", "贷", 1000, "贷", 1500]],
        merges=["C2:D2", "E2:F2"])
    result = import_file(chart, "opening-balances", path)
    assert openings(chart) == {"101": (1_000_00, 0), "301": (0, 1_000_00)} and len(result.rows) == 2


def test_an_enterprise_code_is_refused_saying_which_account_the_name_is(chart, tmp_path):
    path = make_workbook(tmp_path / "期初.xlsx", [["科目编码", "科目名称", "借方余额", "贷方余额"],
                                                ["1001", "现金", 10, None], ["301", "资本", None, 10]])
    (error,) = refused(chart, path)
    assert error.column == "A（科目编码）" and "“现金”在账中是 101 库存现金" in error.reason


def test_a_list_of_openings_dated_the_day_before_the_books_start_is_read(chart, tmp_path):
    """期初余额表 as of 2024年12月31日 with only 期初 columns: a list of openings, not a 余额表."""
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["兰花社区期初余额表（2024年12月31日）"], ["科目编码", "科目名称", "期初余额", "方向"],
        ["101", "库存现金", 1000, "借"], ["301", "资本", 1000, "贷"]])
    import_file(chart, "opening-balances", path)
    assert openings(chart) == {"101": (1_000_00, 0), "301": (0, 1_000_00)}


def test_a_balance_table_of_december_with_movements_but_no_closing_is_refused(chart, tmp_path):
    """Its 期初 is 1 December's balance: with 本期 columns beside it, it is a 余额表, not the opening."""
    path = make_workbook(tmp_path / "余额表.xlsx", [
        ["科目余额表 2024年12月"], ["科目编码", "科目名称", "期初余额", "方向", "本期借方", "本期贷方"],
        ["101", "库存现金", 1000, "借", 500, None], ["301", "资本", 1000, "贷", None, None]])
    (error,) = refused(chart, path)
    assert "这是 2024年12月 的余额表" in error.reason and "没有期末余额列" in error.reason


def test_an_unbalanced_closing_balance_says_which_columns_were_read(chart, tmp_path):
    path = make_workbook(tmp_path / "余额表.xlsx", [
        ["发生额及余额表"], ["期间：2024.12-2024.12"], ["科目编码", "科目名称", "期初余额", None, "本期发生", None, "期末余额", None],
        [None, None, "借方", "贷方", "借方", "贷方", "借方", "贷方"],
        ["101", "库存现金", 1000, None, 300, 200, 1100, None], ["301", "资本", None, 1000, None, None, None, 1000]],
        merges=["C3:D3", "E3:F3", "G3:H3"])
    (error,) = refused(chart, path)
    assert "借方合计 1,100.00，贷方合计 1,000.00，差额 100.00（取自“期末余额/借方”，表格为 2024年12月）" in error.reason


def test_a_header_printed_again_on_each_page_reads_every_page_by_the_same_columns(chart, tmp_path):
    """A multi-page export repeats its two-row header: page 2 is read by 期初 方向|金额 as page 1,
    never by the 本期 借方|贷方 the names alone would give."""
    header = [["科目编码", "科目名称", "期初余额", None, "本期发生", None, "期末余额", None],
              [None, None, "方向", "金额", "借方", "贷方", "方向", "金额"]]
    path = make_workbook(tmp_path / "t3.xlsx", [["科目余额表"], ["2025年1月"], *header, T3_ROWS[0], T3_ROWS[1],
                                                ["本页合计"], *header, T3_ROWS[2], T3_ROWS[3]])
    result = import_file(chart, "opening-balances", path)
    assert openings(chart) == {"101": (1_000_00, 0), "10201": (20_000_00, 0), "21101": (0, 1_000_00),
                               "301": (0, 20_000_00)}
    assert [row.row for row in result.rows] == [5, 6, 10, 11]


def test_a_movements_table_further_down_the_sheet_is_not_read_as_balances(chart, tmp_path):
    """期初 on top, then the month's 本期借方/本期贷方 under their own header: the second table gets
    the same second look as the first, which finds no balance in it, so it is passed over."""
    rows = [["期初余额表"], ["科目编码", "科目名称", "期初借方", "期初贷方"], ["101", "库存现金", 1000, None],
            ["301", "资本", None, 1000], [None], ["二、本月发生情况"], ["科目编码", "科目名称", "本期借方", "本期贷方"],
            ["101", "库存现金", 500, 200], ["301", "资本", 200, 500]]
    preview = import_file(chart, "opening-balances", make_workbook(tmp_path / "两张表.xlsx", rows))
    assert preview.errors == [] and len(preview.rows) == 2
    assert openings(chart) == {"101": (1000_00, 0), "301": (0, 1000_00)}
    # passed over, but said: the clerk sees that the second table was not imported, and where it is
    assert preview.skipped_tables == ["工作表“Sheet1”第 7 行起的表格（科目编码、科目名称、本期借方、本期贷方）"]
    assert preview.summary().endswith("未导入的表格：工作表“Sheet1”第 7 行起的表格（科目编码、科目名称、本期借方、本期贷方）")

"""科目余额表 with 核算项目 rows under an account, as 金蝶 / 用友 / district clerks lay them out:
read as the account's opening breakdown by 往来单位 (or 小区), checked against the account's own row,
committed with the openings in one transaction, and exported so the file re-imports unchanged.

The books start 2025-01 (``books`` fixture); 112 应收款 carries 往来单位 in new books."""
from __future__ import annotations

import pytest

from assetdesk.excel import ImportRejectedError, export_file, import_file
from assetdesk.services.org import CompoundInput, CounterpartyInput

from .helpers import make_workbook

TEA, ZHANG, LI = "普洱茶源商贸有限公司", "张三", "李四（商铺）"


@pytest.fixture
def people(books):
    """The 往来单位 a clerk imports before the openings."""
    for name, code in ((TEA, "91530802MA6K000001"), (ZHANG, "110101199001011237"), (LI, "")):
        books.org.add_counterparty(CounterpartyInput(name, id_code=code))
    return books


def by_record(books, code="112"):
    return {row.label: row.amount_fen for row in books.accounts.opening_breakdown(code)}


def openings(books):
    return {r.code: r.debit_fen - r.credit_fen for r in books.accounts.opening_balances() if r.debit_fen or r.credit_fen}


def refused(books, path):
    """Every error of a refused import, and proof that nothing was written."""
    before = (openings(books), books.accounts.opening_breakdowns())
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "opening-balances", path)
    assert (openings(books), books.accounts.opening_breakdowns()) == before, "a refused import writes nothing"
    return caught.value.preview.errors


def kingdee(path, rows, code_on_items=True):
    """金蝶 KIS 科目余额表 with 核算项目 shown: the account's row, then a row per 核算项目 in its own
    column (科目代码 repeated, or left blank), 期初 / 本期 / 期末 over 借方 | 贷方, the period in the title."""
    body = []
    for code, name, item, debit, credit in rows:
        body.append([code if (code_on_items or not item) else None, name if (code_on_items or not item) else None,
                     item, debit, credit, None, None, debit, credit])
    return make_workbook(path, [["科目余额表"], ["期间：2025年第1期", None, None, None, None, None, None, "单位：元"],
                                ["科目代码", "科目名称", "核算项目", "期初余额", None, "本期发生额", None, "期末余额", None],
                                [None, None, None, "借方", "贷方", "借方", "贷方", "借方", "贷方"], *body,
                                ["合计", None, None, 56_000, 56_000, 0, 0, 56_000, 56_000]],
                         merges=["D3:E3", "F3:G3", "H3:I3"])


KINGDEE_ROWS = [["101", "库存现金", None, 20_000, None],
                ["112", "应收款", None, 36_000, None],
                ["112", "应收款", f"客户-001 {TEA}", 20_000, None],
                ["112", "应收款", f"[客户]{ZHANG}", 12_000, None],
                ["112", "应收款", f"往来单位：{LI}", 4_000, None],
                ["301", "资本", None, None, 56_000]]


# ---------------------------------------------------------------- the layouts real programs export

@pytest.mark.parametrize("code_on_items", [True, False], ids=["code repeated", "code blank"])
def test_a_kingdee_table_with_a_core_item_column_gives_the_breakdown(people, tmp_path, code_on_items):
    result = import_file(people, "opening-balances", kingdee(tmp_path / "金蝶.xlsx", KINGDEE_ROWS, code_on_items))
    assert openings(people) == {"101": 20_000_00, "112": 36_000_00, "301": -56_000_00}
    assert by_record(people) == {TEA: 20_000_00, ZHANG: 12_000_00, LI: 4_000_00}
    (receivable,) = [c for c in result.changes if c.key.startswith("112 ")]
    assert "核算项目明细：0 项 → 3 项" in receivable.detail
    groups = list(result.kind.group(result.rows).values())  # the import wizard lists each line's sheet rows
    assert len(groups) == len(result.changes) and [r.row for r in groups[result.changes.index(receivable)]] == [6, 7, 8, 9]
    again = import_file(people, "opening-balances", kingdee(tmp_path / "金蝶.xlsx", KINGDEE_ROWS, code_on_items))
    assert (again.new, again.changed) == (0, 0)


def yonyou(path, items):
    """用友 T3 科目余额表: 期初余额 over 方向 | 金额; 辅助核算 rows indented under the account, no code."""
    return make_workbook(path, [["科目余额表"], ["2025.01"],
                                ["科目编码", "科目名称", "期初余额", None, "本期发生", None, "期末余额", None],
                                [None, None, "方向", "金额", "借方", "贷方", "方向", "金额"],
                                ["101", "库存现金", "借", 20_000, None, None, "借", 20_000],
                                ["112", "应收款", "借", 36_000, None, None, "借", 36_000], *items,
                                ["301", "资本", "贷", 56_000, None, None, "贷", 56_000]],
                         merges=["C3:D3", "E3:F3", "G3:H3"])


@pytest.mark.parametrize("written", [(f"    {TEA}", f"\u3000\u3000{ZHANG}"), (f"客户-001-{TEA}", f"  [个人]{ZHANG}"),
                                     (f"应收款—{TEA}", f"应收款/{ZHANG}")], ids=["indented", "with category", "account—record"])
def test_a_yonyou_table_with_indented_rows_under_the_account_gives_the_breakdown(people, tmp_path, written):
    items = [[None, written[0], "借", 20_000, None, None, "借", 20_000],
             [None, written[1], "借", 16_000, None, None, "借", 16_000]]
    import_file(people, "opening-balances", yonyou(tmp_path / "用友.xlsx", items))
    assert openings(people)["112"] == 36_000_00
    assert by_record(people) == {TEA: 20_000_00, ZHANG: 16_000_00}


def test_a_prepaid_tenant_is_a_credit_row_under_a_debit_account(people, tmp_path):
    """One tenant paid ahead (贷 2,000): the breakdown nets to the account's 借 36,000."""
    items = [[None, TEA, "借", 38_000, None, None, "借", 38_000], [None, ZHANG, "贷", 2_000, None, None, "贷", 2_000]]
    import_file(people, "opening-balances", yonyou(tmp_path / "用友.xlsx", items))
    assert by_record(people) == {TEA: 38_000_00, ZHANG: -2_000_00}


def test_the_records_own_code_in_the_code_column_under_its_account(people, tmp_path):
    """用友 辅助明细 / 金蝶 明细: under 112 the rows print the customer's code in the other program
    (001, C002) where the account's code stands, and the customer in 科目名称."""
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "借方余额", "贷方余额"],
        ["112", "应收款", 36_000, None], ["001", TEA, 20_000, None], ["C002", f"客户-002-{ZHANG}", 16_000, None],
        ["301", "资本", None, 36_000]])
    import_file(people, "opening-balances", path)
    assert by_record(people) == {TEA: 20_000_00, ZHANG: 16_000_00}


def test_an_unknown_code_that_names_no_record_is_still_an_unknown_account(people, tmp_path):
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "借方余额", "贷方余额"],
        ["10201", "基本存款户", 100, None], ["10299", "信用社", 100, None], ["301", "资本", None, 200]])
    (error,) = refused(people, path)
    assert (error.row, error.column) == (3, "A（科目编码）") and "科目不存在" in error.reason


def test_category_and_name_columns_without_an_account_row_give_the_account_its_opening(people, tmp_path):
    """A 核算项目余额表: 核算项目类别 | 核算项目编码 | 核算项目名称 on every row, no row for the account
    itself: its rows stand for it. The 证件号码 in the code column finds the record too."""
    path = make_workbook(tmp_path / "核算项目余额表.xlsx", [
        ["核算项目余额表 2025年1月"],
        ["科目编码", "科目名称", "核算项目类别", "核算项目编码", "核算项目名称", "期初借方", "期初贷方"],
        ["101", "库存现金", None, None, None, 20_000, None],
        ["112", "应收款", "客户", "C001", TEA, 20_000, None],
        ["112", "应收款", "客户", "110101199001011237", "张三（老户名）", 16_000, None],
        ["301", "资本", None, None, None, None, 56_000]])
    import_file(people, "opening-balances", path)
    assert openings(people)["112"] == 36_000_00 and by_record(people) == {TEA: 20_000_00, ZHANG: 16_000_00}


def test_a_customer_column_and_records_written_in_the_name_column(people, tmp_path):
    """A hand-made table: a 客户 column for some rows, the record in 科目名称 (应收款—张三) for others."""
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "客户", "借方余额", "贷方余额"],
        ["101", "库存现金", None, 20_000, None],
        ["112", "应收款", TEA, 20_000, None],
        ["112", f"应收款—{ZHANG}", None, 16_000, None],
        ["301", "资本", None, None, 56_000]])
    import_file(people, "opening-balances", path)
    assert by_record(people) == {TEA: 20_000_00, ZHANG: 16_000_00}


def test_an_account_carrying_two_dimensions_reads_both_from_one_cell(people, tmp_path):
    people.org.add_area("PQ01", "东片区")
    people.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    people.org.add_compound(CompoundInput("XQ002", "桂园小区", "PQ01"))
    fees = people.accounts.add_sub_account("112", "住户物业费").code
    people.accounts.set_dimensions(fees, ["counterparty", "compound"])
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "辅助核算", "期初余额", "余额方向"],
        [fees, "应收款—住户物业费", None, 900, "借"],
        [fees, "应收款—住户物业费", f"客户:001 {ZHANG}/小区:XQ001 兰园小区", 600, "借"],
        [fees, "应收款—住户物业费", f"客户:002 {LI}/【小区】桂园小区", 300, "借"],
        ["301", "资本", None, 900, "贷"]])
    import_file(people, "opening-balances", path)
    assert by_record(people, fees) == {f"{ZHANG} / 兰园小区": 600_00, f"{LI} / 桂园小区": 300_00}


# ---------------------------------------------------------------- refusals: a clear reason, nothing written

def test_a_record_not_in_the_books_is_refused_by_row_column_and_name(people, tmp_path):
    rows = [row[:] for row in KINGDEE_ROWS]
    rows[3][2] = "[客户]王五"
    (error,) = refused(people, kingdee(tmp_path / "金蝶.xlsx", rows))
    assert (error.row, error.column, error.value) == (8, "C（核算项目）", "[客户]王五")
    assert error.reason == "往来单位“王五”不存在，请先导入往来单位及个人"


def test_an_indented_name_that_is_no_record_names_the_register_to_fill(people, tmp_path):
    items = [[None, f"  {TEA}", "借", 20_000, None, None, "借", 20_000], [None, "  王五", "借", 16_000, None, None, "借", 16_000]]
    (error,) = refused(people, yonyou(tmp_path / "用友.xlsx", items))
    assert (error.row, error.column) == (8, "B（科目名称）") and "往来单位“王五”不存在" in error.reason


def test_an_account_row_differing_from_its_breakdown_is_refused_naming_both_figures(people, tmp_path):
    rows = [row[:] for row in KINGDEE_ROWS]
    rows[4][3] = 3_999.99
    errors = refused(people, kingdee(tmp_path / "金蝶.xlsx", rows))
    assert [(e.row, e.column) for e in errors] == [(6, "D（期初余额/借方）")]
    assert errors[0].reason == "“应收款”的期初余额 借 36,000.00 与其下各核算项目合计 借 35,999.99 不符，差额 0.01，请核对"


def test_an_account_carrying_a_dimension_without_its_rows_is_told_to_list_them(people, tmp_path):
    path = make_workbook(tmp_path / "期初.xlsx", [["科目编码", "科目名称", "借方余额", "贷方余额"],
                                                 ["112", "应收款", 36_000, None], ["301", "资本", None, 36_000]])
    (error,) = refused(people, path)
    assert error.row == 2 and "“112 应收款”按往来单位辅助核算，期初余额 借 36,000.00 须列明各往来单位的金额" in error.reason
    assert "核算项目" in error.reason


def test_rows_under_an_account_without_a_dimension_say_to_set_one_first(people, tmp_path):
    deposit = "21101"  # 押金: new books have it
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "核算项目", "借方余额", "贷方余额"],
        ["10201", "基本存款户", None, 5_000, None], [deposit, "押金", None, None, 5_000],
        [deposit, "押金", f"往来单位：{ZHANG}", None, 5_000]])
    (error,) = refused(people, path)
    assert error.row == 4 and error.column == "C（核算项目）"
    assert f"科目“{deposit} 应付款—押金”没有设置辅助核算" in error.reason and "请先在科目表中为该科目设置辅助核算" in error.reason


def test_a_record_listed_twice_and_an_unknown_category_are_refused(people, tmp_path):
    rows = [row[:] for row in KINGDEE_ROWS]
    rows[4][2] = f"[客户]{TEA}"
    rows.insert(5, ["112", "应收款", "部门：办公室", 0, None])
    errors = refused(people, kingdee(tmp_path / "金蝶.xlsx", rows))
    reasons = {e.row: e.reason for e in errors}
    assert reasons[9] == "与第 7 行是同一科目的同一核算项目，请合并为一行"
    assert "核算项目类别“部门”不是本账套的辅助核算" in reasons[10]


def test_two_records_of_one_name_need_the_id_number(people, tmp_path):
    people.org.add_counterparty(CounterpartyInput(ZHANG, id_code="110101198001011232"))
    items = [[None, TEA, "借", 20_000, None, None, "借", 20_000], [None, ZHANG, "借", 16_000, None, None, "借", 16_000]]
    (error,) = refused(people, yonyou(tmp_path / "用友.xlsx", items))
    assert "账中有 2 个同名的往来单位“张三”" in error.reason and "证件号码" in error.reason
    items[1][1] = f"{ZHANG}（110101199001011237）"
    import_file(people, "opening-balances", yonyou(tmp_path / "用友2.xlsx", items))
    assert by_record(people) == {TEA: 20_000_00, ZHANG: 16_000_00}


def test_a_sub_account_named_under_its_parent_without_a_code_is_still_asked_for_its_code(people, tmp_path):
    """A code-less row naming an account (not a record) stays what it was: a missing 科目编码."""
    rent = "50101"  # 租金收入: new books have it
    path = make_workbook(tmp_path / "期初.xlsx", [["科目编码", "科目名称", "借方余额", "贷方余额"],
                                                 ["101", "库存现金", 100, None], [None, "租金收入", None, 100]])
    (error,) = refused(people, path)
    assert error.row == 3 and error.column == "A（科目编码）" and "必须填写" in error.reason
    assert rent


# ---------------------------------------------------------------- export → import

def test_the_export_writes_the_breakdown_and_re_imports_unchanged(people, tmp_path):
    people.org.add_counterparty(CounterpartyInput(ZHANG, id_code="110101198001011232"))  # a namesake
    import_file(people, "opening-balances", kingdee(tmp_path / "金蝶.xlsx", [
        *KINGDEE_ROWS[:3], ["112", "应收款", "张三（110101199001011237）", 12_000, None], *KINGDEE_ROWS[4:]]))
    out = export_file(people, "opening-balances", tmp_path / "导出.xlsx")
    import openpyxl

    rows = [row for row in openpyxl.load_workbook(out).active.iter_rows(values_only=True)]
    header = next(row for row in rows if row and row[0] == "科目编码")
    assert "核算项目" in header
    items = [row[header.index("核算项目")] for row in rows if row and row[0] == "112" and row[header.index("核算项目")]]
    assert items == [f"往来单位：{TEA}", "往来单位：张三（110101199001011237）", f"往来单位：{LI}"]
    before = (openings(people), by_record(people))
    again = import_file(people, "opening-balances", out)
    assert (again.new, again.changed, again.errors) == (0, 0, [])
    assert (openings(people), by_record(people)) == before


def test_a_customer_balance_sheet_beside_the_trial_balance_gives_112_its_breakdown(people, tmp_path):
    """用友 往来 客户余额表 (one account's customers, the account in the title, no 科目 column) on a
    sheet of its own beside the 科目余额表: one workbook, one import."""
    import openpyxl

    workbook = openpyxl.Workbook()
    trial = workbook.active
    trial.title = "科目余额表"
    for row in (["科目余额表 2025年1月"], ["科目编码", "科目名称", "期初借方", "期初贷方"], ["101", "库存现金", 20_000, None],
                ["112", "应收款", 36_000, None], ["301", "资本", None, 56_000]):
        trial.append(row)
    customers = workbook.create_sheet("客户余额表")
    for row in (["客户科目余额表"], ["科目：112 应收款", None, "期间：2025.01"],
                ["客户编码", "客户名称", "方向", "期初余额", "本期借方", "本期贷方", "方向", "期末余额"],
                ["001", TEA, "借", 20_000, None, None, "借", 20_000], ["002", ZHANG, "借", 16_000, None, None, "借", 16_000],
                ["合计", None, "借", 36_000, None, None, "借", 36_000]):
        customers.append(row)
    workbook.save(tmp_path / "余额表.xlsx")
    result = import_file(people, "opening-balances", tmp_path / "余额表.xlsx")
    assert result.sheets == ["科目余额表", "客户余额表"]
    assert openings(people)["112"] == 36_000_00 and by_record(people) == {TEA: 20_000_00, ZHANG: 16_000_00}


def test_a_blank_account_row_takes_the_sum_of_its_rows_read_on_its_normal_side(people, tmp_path):
    """A hand-made table: one 余额 column without 方向, the account's row left blank as a caption."""
    path = make_workbook(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "余额"], ["112", "应收款", None], [None, TEA, 20_000], [None, ZHANG, 16_000],
        ["301", "资本", 36_000]])
    import_file(people, "opening-balances", path)
    assert openings(people) == {"112": 36_000_00, "301": -36_000_00}
    assert by_record(people) == {TEA: 20_000_00, ZHANG: 16_000_00}

"""Import and export of every sheet kind against a real database (the ``books`` fixture)."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from assetdesk.errors import ImportFileError
from assetdesk.excel import ImportRejectedError, export_file, import_file, write_error_report, write_template
from assetdesk.services.org import CompoundInput, CounterpartyInput
from assetdesk.services.vouchers import LineInput, VoucherInput

from .helpers import make_workbook


def counts(preview):
    return preview.new, preview.changed, preview.unchanged


# ---------------------------------------------------------------- counterparties

def messy_counterparties(path):
    rows = [
        ["兰花社区往来单位及个人名册"],
        ["填报单位：兰花社区股份经济合作社", None, None, None, "单位：元"],
        ["序号", "单位名称", "类别", "身份证号/统一社会信用代码", "联系电话", "联系地址", "角色"],
        [1, " 张三 ", "个人", "110101199001011237", 13800138000.0, "兰花小区1栋", "承租方、缴费人"],
        [2, "兰花物业服务有限公司", None, "91110000MA01ABCD1M", "010-6666", None, "物业公司"],
        [3, "李四", "自然人", None, None, None, None],
        ["合计", None, None, None, None],
        ["填表人：王五", None, "审核人：赵六"],
    ]
    return make_workbook(path, rows, merges=["A1:G1"])


def test_counterparties_import_then_reimport_changes_nothing(books, tmp_path):
    path = messy_counterparties(tmp_path / "往来.xlsx")
    preview = import_file(books, "counterparties", path, dry_run=True)
    assert preview.errors == [] and counts(preview) == (3, 0, 0)
    assert books.org.list_counterparties() == []
    import_file(books, "counterparties", path)
    people = {cp.name: cp for cp in books.org.list_counterparties()}
    assert people["张三"].phone == "13800138000" and people["张三"].roles == ("承租方", "缴费人")
    assert people["兰花物业服务有限公司"].kind == "单位"
    assert people["李四"].kind == "个人"
    again = import_file(books, "counterparties", path)
    assert counts(again) == (0, 0, 3)


def test_changed_counterparty_is_listed_with_what_changes(books, tmp_path):
    books.org.add_counterparty(CounterpartyInput("张三", "个人", "110101199001011237", phone="13800000001"))
    path = messy_counterparties(tmp_path / "往来.xlsx")
    preview = import_file(books, "counterparties", path, dry_run=True)
    assert counts(preview) == (2, 1, 0)
    (changed,) = [c for c in preview.changes if c.status == "changed"]
    assert "电话：13800000001 → 13800138000" in changed.detail


def test_one_bad_cell_blocks_the_whole_import(books, tmp_path):
    rows = [["名称", "类型", "角色"], ["张三", "个人", "承租方"], ["李四", "集体", "承租方"], ["王五", "个人", "房东"]]
    path = make_workbook(tmp_path / "bad.xlsx", rows)
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "counterparties", path)
    assert books.org.list_counterparties() == []
    errors = caught.value.preview.errors
    assert [(e.row, e.column) for e in errors] == [(3, "B（类型）"), (4, "C（角色）")]
    assert "第 3 行 B 列" in str(caught.value)
    report = write_error_report(caught.value.preview, tmp_path / "错误报告.xlsx")
    workbook = openpyxl.load_workbook(report)
    listed = [row for row in workbook["错误清单"].iter_rows(min_row=4, values_only=True)]
    assert listed[0][:4] == ("Sheet1", 3, "B（类型）", "集体")
    marked = workbook["标记-Sheet1"]
    assert marked["B3"].fill.fgColor.rgb.endswith("FFC7CE") and marked["C4"].fill.fgColor.rgb.endswith("FFC7CE")
    assert "不是可选的值" in marked["D3"].value and marked["D1"].value == "错误原因（本列）"


def test_duplicate_inside_the_file_is_refused(books, tmp_path):
    rows = [["姓名", "身份证号"], ["张三", "110101199001011237"], ["张叁", "110101199001011237"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "d.xlsx", rows), dry_run=True)
    (error,) = preview.errors
    assert error.row == 3 and "与第 2 行重复" in error.reason


def test_counterparties_round_trip_is_exact(books, tmp_path):
    books.org.add_counterparty(CounterpartyInput("=HYPERLINK(\"x\")", "单位", "", "+86 138 0013 8000", "-", ("收款方",), "@备注"))
    books.org.add_counterparty(CounterpartyInput("张三", "个人", "110101199001011237", "13800138000", "一栋",
                                                 ("承租方", "缴费人"), ""))
    before = books.org.list_counterparties()
    path = export_file(books, "counterparties", tmp_path / "out.xlsx")
    ws = openpyxl.load_workbook(path)["往来单位及个人"]
    assert ws["A4"].data_type == "s" and ws["A4"].value.startswith("=")
    preview = import_file(books, "counterparties", path)
    assert preview.errors == [] and counts(preview) == (0, 0, 2)
    assert books.org.list_counterparties() == before


# ---------------------------------------------------------------- compounds

def test_compounds_with_units_and_aliases(books, tmp_path):
    rows = [
        ["兰花社区小区基本情况表"],
        ["片区编码", "所属片区", "小区编号", "小区", "小区类型", "管理方式", "总户数", "建筑面积\n（万平方米）", "物业服务企业"],
        ["P01", "东片区", "X001", "兰花小区", "老旧小区", "社区托管", 120, 1.2, None],
        ["P01", "东片区", "X002", "桂花苑", "商品房", "物业", "３０", "0.5", "桂花物业公司"],
        ["小计", None, None, None, None, None, 150],
    ]
    path = make_workbook(tmp_path / "小区.xlsx", rows)
    preview = import_file(books, "compounds", path, dry_run=True)
    # "万平方米" is not a unit we know: the header still matches and the number is taken as ㎡
    assert preview.errors == [] and counts(preview) == (2, 0, 0)
    import_file(books, "compounds", path)
    compounds = {c.code: c for c in books.org.list_compounds()}
    assert compounds["X002"].category == "商品房小区" and compounds["X002"].management_mode == "物业公司"
    assert compounds["X002"].property_company_name == "桂花物业公司" and compounds["X002"].households == 30
    assert compounds["X001"].area_name == "东片区"
    assert counts(import_file(books, "compounds", path)) == (0, 0, 2)


def test_compounds_round_trip_is_exact(books, tmp_path):
    books.org.add_area("P01", "东片区")
    books.org.add_compound(CompoundInput("X001", "兰花小区", "P01", "三无小区", "居民自治", 12, 123456, "", "备注"))
    before = books.org.list_compounds()
    path = export_file(books, "compounds", tmp_path / "c.xlsx")
    assert counts(import_file(books, "compounds", path)) == (0, 0, 1)
    assert books.org.list_compounds() == before


def test_compound_in_unknown_area_without_name_is_refused(books, tmp_path):
    rows = [["片区编码", "小区编码", "小区名称"], ["P09", "X1", "新小区"]]
    (error,) = import_file(books, "compounds", make_workbook(tmp_path / "x.xlsx", rows), dry_run=True).errors
    assert error.column == "A（片区编码）" and "片区名称" in error.reason


# ---------------------------------------------------------------- accounts and opening balances

def test_accounts_import_creates_and_renames_sub_accounts(books, tmp_path):
    rows = [["科目代码", "科目名称"], ["112", "应收款"], ["11201", "张三"], ["1120101", "房租"], ["50101", "租金收入（门面）"]]
    path = make_workbook(tmp_path / "科目.xlsx", rows)
    preview = import_file(books, "accounts", path, dry_run=True)
    assert preview.errors == []
    import_file(books, "accounts", path)
    names = {a.code: a.name for a in books.accounts.list_accounts()}
    assert names["11201"] == "张三" and names["1120101"] == "房租" and names["50101"] == "租金收入（门面）"
    assert counts(import_file(books, "accounts", path)) == (0, 0, 4)


def test_accounts_with_unknown_parent_or_first_level_are_refused(books, tmp_path):
    rows = [["科目编码", "科目名称"], ["999", "新一级"], ["9990101", "孤儿"], ["1x", "坏"]]
    errors = import_file(books, "accounts", make_workbook(tmp_path / "a.xlsx", rows), dry_run=True).errors
    assert [e.row for e in errors] == [2, 3, 4]


def test_accounts_round_trip_is_exact(books, tmp_path):
    before = books.accounts.list_accounts()
    path = export_file(books, "accounts", tmp_path / "a.xlsx")
    preview = import_file(books, "accounts", path)
    assert preview.new == preview.changed == 0 and books.accounts.list_accounts() == before


def leaf(books, prefix):
    return next(a.code for a in books.accounts.list_accounts() if a.is_leaf and a.code.startswith(prefix))


def test_opening_balances_import_and_round_trip(books, tmp_path):
    cash, capital = leaf(books, "101"), leaf(books, "301")
    rows = [["期初余额表"], ["单位：万元"], ["科目编码", "科目名称", "期初余额", None], [None, None, "借方", "贷方"],
            [cash, "库存现金", 1.5, None], [capital, "资本", None, "1.5"], ["合计", None, 1.5, 1.5]]
    path = make_workbook(tmp_path / "期初.xlsx", rows, merges=["C3:D3"])
    preview = import_file(books, "opening-balances", path)
    assert preview.errors == [] and preview.changed == 2
    assert books.accounts.opening_check().debit_fen == 1_500_000 and books.accounts.opening_check().balanced
    out = export_file(books, "opening-balances", tmp_path / "out.xlsx")
    before = books.accounts.opening_balances()
    assert counts(import_file(books, "opening-balances", out))[:2] == (0, 0)
    assert books.accounts.opening_balances() == before


def test_opening_balance_on_a_parent_account_is_refused(books, tmp_path):
    parent = next(a for a in books.accounts.list_accounts() if not a.is_leaf)
    rows = [["科目编码", "借方余额"], [parent.code, 100]]
    (error,) = import_file(books, "opening-balances", make_workbook(tmp_path / "p.xlsx", rows), dry_run=True).errors
    assert "不是末级科目" in error.reason


# ---------------------------------------------------------------- vouchers

def post_sample(books):
    cash, income = leaf(books, "101"), leaf(books, "501")
    cp = books.org.add_counterparty(CounterpartyInput("张三"))
    books.vouchers.create_and_post(VoucherInput(dt.date(2025, 1, 5), "收租金", [
        LineInput.debit(cash, 123456, counterparty_id=cp.id), LineInput.credit(income, 123456)]))
    books.vouchers.create_and_post(VoucherInput(dt.date(2025, 1, 9), "=冲红", [
        LineInput.debit(cash, -100), LineInput.credit(income, -100, summary="红字")]))
    return cash, income


def test_vouchers_import_groups_lines_and_twice_is_once(books, tmp_path):
    cash, income = leaf(books, "101"), leaf(books, "501")
    books.org.add_counterparty(CounterpartyInput("张三"))
    rows = [
        ["兰花社区记账凭证汇总"],
        ["凭证日期", "凭证字号", "摘要", "科目代码", "科目名称", "借方发生额", "贷方发生额", "往来单位"],
        ["2025年1月3日", "记-1", "收租金", cash, "库存现金", "1,000.00", None, "张三"],
        ["2025/1/3", "记-1", None, income, "经营收入", None, 1000],
        [dt.date(2025, 1, 4), "记2", "付款", income, None, 50.5, None, None],
        [dt.date(2025, 1, 4), "记2", "付款", cash, None, None, "50.50", None],
        ["合计", None, None, None, None, 1050.5, 1050.5],
    ]
    path = make_workbook(tmp_path / "凭证.xlsx", rows)
    preview = import_file(books, "vouchers", path, dry_run=True)
    assert preview.errors == [] and counts(preview) == (2, 0, 0)
    import_file(books, "vouchers", path)
    assert books.vouchers.count_vouchers() == 2
    assert counts(import_file(books, "vouchers", path)) == (0, 0, 2)
    assert books.vouchers.count_vouchers() == 2


def test_unbalanced_voucher_blocks_the_import(books, tmp_path):
    cash, income = leaf(books, "101"), leaf(books, "501")
    rows = [["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"],
            ["2025-01-03", "1", "收租金", cash, 100, None], ["2025-01-03", "1", "收租金", income, None, 99],
            ["2025-01-04", "2", "x", "999999", 1, None], ["2025-01-04", "2", "x", cash, None, 1]]
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "vouchers", make_workbook(tmp_path / "v.xlsx", rows))
    reasons = [(e.row, e.reason) for e in caught.value.preview.errors]
    assert any(row == 2 and "不平衡" in reason for row, reason in reasons)
    assert any(row == 4 and "科目不存在" in reason for row, reason in reasons)
    assert books.vouchers.count_vouchers() == 0


def test_journal_export_round_trip_is_exact(books, tmp_path):
    post_sample(books)
    path = export_file(books, "vouchers", tmp_path / "j.xlsx", period="2025-01")
    ws = openpyxl.load_workbook(path).active
    assert ws.freeze_panes == "A4" and ws["A1"].value.startswith("兰花社区")
    assert ws["F4"].number_format == "#,##0.00" and ws["A4"].number_format == "yyyy-mm-dd"
    preview = import_file(books, "vouchers", path)
    assert preview.errors == [] and counts(preview) == (0, 0, 2)
    assert books.vouchers.count_vouchers() == 2
    again = export_file(books, "vouchers", tmp_path / "j2.xlsx", year=2025)
    assert list(openpyxl.load_workbook(again).active.iter_rows(min_row=3, values_only=True)) == \
        list(ws.iter_rows(min_row=3, values_only=True))


def test_journal_import_into_fresh_books_reproduces_the_lines(books, tmp_path, request):
    post_sample(books)
    path = export_file(books, "vouchers", tmp_path / "j.xlsx", year=2025)
    original = [books.vouchers.get(v.id).lines for v in books.vouchers.list_vouchers()]
    from tests.conftest import _open

    other = _open(tmp_path / "other.db")
    request.addfinalizer(other.close)
    other.org.add_counterparty(CounterpartyInput("张三"))
    import_file(other, "vouchers", path)
    copied = [other.vouchers.get(v.id).lines for v in other.vouchers.list_vouchers()]
    strip = lambda views: [[(l.account_code, l.summary, l.debit_fen, l.credit_fen, l.counterparty_name) for l in v]
                           for v in views]
    assert strip(copied) == strip(original)


# ---------------------------------------------------------------- templates

@pytest.mark.parametrize("kind", ["accounts", "opening-balances", "counterparties", "compounds", "vouchers"])
def test_template_reads_back_with_no_rows(books, tmp_path, kind):
    path = write_template(kind, tmp_path / f"{kind}.xlsx")
    workbook = openpyxl.load_workbook(path)
    assert workbook.sheetnames[1] == "填写说明"
    preview = import_file(books, kind, path, dry_run=True)
    assert preview.rows == [] and preview.skipped_examples == 1


def test_template_has_drop_down_lists(tmp_path):
    ws = openpyxl.load_workbook(write_template("compounds", tmp_path / "t.xlsx")).active
    formulas = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"老旧小区,三无小区,棚户区,商品房小区,其他"' in formulas


def test_a_file_without_the_kinds_table_names_the_missing_columns(books, tmp_path):
    path = make_workbook(tmp_path / "x.xlsx", [["品名", "数量"], ["水泥", "1"]])
    with pytest.raises(ImportFileError, match="找不到凭证的表头（缺少列：日期、凭证号、摘要、科目编码）"):
        import_file(books, "vouchers", path)
    with pytest.raises(ImportFileError, match="缺少列：名称"):
        import_file(books, "counterparties", path)


def test_another_kinds_table_is_named_with_the_kind_to_choose(books, tmp_path):
    path = make_workbook(tmp_path / "x.xlsx", [["名称", "电话", "身份证号"], ["张三", "1", "110101199001011237"]])
    with pytest.raises(ImportFileError, match="工作表“Sheet1”是往来单位及个人") as caught:
        import_file(books, "vouchers", path)
    assert caught.value.suggested_kind == "counterparties"


def test_the_same_wrong_role_on_many_rows_is_reported_on_each(books, tmp_path):
    rows = [["名称", "类型", "角色"], ["张三", "个人", "房东"], ["李四", "个人", "承租方"], ["王五", "个人", "房东"],
            ["赵六", "", "房东、缴费人"], ["孙七", "集体", "承租方"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "roles.xlsx", rows), dry_run=True)
    assert [(e.row, e.column) for e in preview.errors] == [
        (2, "C（角色）"), (4, "C（角色）"), (5, "C（角色）"), (6, "B（类型）")]
    assert all("房东" in e.reason for e in preview.errors if e.column.startswith("C"))


def test_codes_typed_full_width_or_spaced_and_a_lower_case_x_are_made_plain(books, tmp_path):
    rows = [["姓名", "身份证号"], ["张三", "１１０１０１１９９００１０１１２７ｘ"], ["李四", "1101 0119 9102 0212 31"]]
    import_file(books, "counterparties", make_workbook(tmp_path / "p.xlsx", rows))
    codes = {c.name: c.id_code for c in books.org.list_counterparties()}
    assert codes == {"张三": "11010119900101127X", "李四": "110101199102021231"}
    again = [["姓名", "身份证号"], ["张三", "11010119900101127x"]]
    assert import_file(books, "counterparties", make_workbook(tmp_path / "q.xlsx", again)).unchanged == 1


def test_a_name_longer_than_the_books_keep_names_its_cell(books, tmp_path):
    rows = [["名称", "地址"], ["张三", "一栋"], ["李" * 201, "二栋"]]
    preview = import_file(books, "counterparties", make_workbook(tmp_path / "long.xlsx", rows), dry_run=True)
    (error,) = preview.errors
    assert (error.row, error.column) == (3, "A（名称）") and "超过 200 个字" in error.reason


def test_the_audit_trail_names_the_file_an_import_came_from(books, tmp_path):
    import json

    path = make_workbook(tmp_path / "区里的往来名册.xlsx", [["名称"], ["张三"]])
    import_file(books, "counterparties", path)
    (entry,) = [e for e in books.audit.list_entries() if e.action == "导入往来单位"]
    assert json.loads(entry.after) == {"来源": "导入文件：区里的往来名册.xlsx", "created": 1, "updated": 0}
    books.org.add_counterparty(CounterpartyInput("李四"))  # later writes are not marked as imported
    (later,) = [e for e in books.audit.list_entries() if e.action == "新增往来单位"]
    assert "来源" not in json.loads(later.after)


def test_a_blank_kind_is_taken_from_the_name(books, tmp_path):
    rows = [["名称", "类型"], ["张三", ""], ["兰花社区居委会", ""], ["惠民超市", ""], ["安居物业服务中心", ""], ["李四", "单位"]]
    import_file(books, "counterparties", make_workbook(tmp_path / "k.xlsx", rows))
    kinds = {c.name: c.kind for c in books.org.list_counterparties()}
    assert kinds == {"张三": "个人", "兰花社区居委会": "单位", "惠民超市": "单位", "安居物业服务中心": "单位", "李四": "单位"}


def test_import_only_columns_are_explained_but_never_written(books, tmp_path):
    from assetdesk.excel import write_template

    template = openpyxl.load_workbook(write_template("vouchers", tmp_path / "t.xlsx"))
    header = [cell.value for cell in template.worksheets[0][3] if cell.value]
    assert header == ["日期", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额", "往来单位", "小区"]
    notes = {row[0]: row for row in template["填写说明"].iter_rows(min_row=4, values_only=True)}
    assert notes["月"][1] == "可选的其他写法" and "代替“日期”" in notes["月"][5]
    exported = openpyxl.load_workbook(export_file(books, "vouchers", tmp_path / "e.xlsx"))
    assert [cell.value for cell in exported.active[3]] == header


def test_two_shared_words_do_not_make_a_sheet_another_kinds_table(books, tmp_path):
    path = make_workbook(tmp_path / "x.xlsx", [["名称", "电话"], ["张三", "1"]])
    with pytest.raises(ImportFileError, match="找不到凭证的表头") as caught:
        import_file(books, "vouchers", path)
    assert caught.value.suggested_kind == ""

"""Layouts seen in district workbooks that the declared columns alone would miss."""
import openpyxl
import pytest

from assetdesk.excel import ImportRejectedError, import_file


def _book(path, rows, merge=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    workbook.save(path)
    return path


def test_opening_balances_as_one_amount_with_a_direction(books, tmp_path):
    path = _book(tmp_path / "期初.xlsx", [
        ["兰花社区期初余额表"], ["单位：元"], ["科目代码", "科目名称", "方向", "期初余额"],
        ["101", "库存现金", "借", "1,000.00"], ["102", "银行存款", "", 50000], ["301", "资本", "贷", "51,000.00"],
        ["合计", "", "", ""],
    ], merge="A1:D1")
    result = import_file(books, "opening-balances", path)
    assert result.changed == 3
    balances = {r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances()}
    assert balances["101"] == (1_000_00, 0) and balances["102"] == (50_000_00, 0)  # blank 方向: the normal side
    assert balances["301"] == (0, 51_000_00)
    assert books.accounts.opening_check().balanced
    assert import_file(books, "opening-balances", path, dry_run=True).changed == 0


def test_a_two_sided_account_needs_its_direction(books, tmp_path):
    path = _book(tmp_path / "期初.xlsx", [["科目编码", "期初余额", "方向"], ["113", 500, ""]])
    with pytest.raises(ImportRejectedError) as info:
        import_file(books, "opening-balances", path)
    (error,) = info.value.preview.errors
    assert error.row == 2 and "双向科目" in error.reason


def test_opening_balances_without_any_balance_column_are_refused(books, tmp_path):
    path = _book(tmp_path / "期初.xlsx", [["科目编码", "科目名称"], ["101", "库存现金"]])
    with pytest.raises(ImportRejectedError) as info:
        import_file(books, "opening-balances", path)
    assert "找不到余额列" in info.value.preview.errors[0].reason


def test_compounds_by_name_only_get_codes_and_reimport_changes_nothing(books, tmp_path):
    books.org.add_area("PQ01", "东片区")
    path = _book(tmp_path / "小区.xlsx", [
        ["兰花社区小区基本情况统计表"], ["所属片区", "小区名称", "小区类型", "管理方式", "总户数\n（户）", "建筑面积\n（㎡）"],
        ["东片区", "兰园小区", "老旧小区", "社区托管", 120, "9,800.5"],
        ["西片区", "月光小区", "三无小区", "居民自治", 50, ""],
        ["小计", "", "", "", 170, ""],
    ])
    assert import_file(books, "compounds", path).new == 2
    compounds = {c.name: c for c in books.org.list_compounds()}
    assert (compounds["兰园小区"].area_code, compounds["兰园小区"].building_area_centi) == ("PQ01", 980050)
    assert compounds["月光小区"].area_name == "西片区" and compounds["月光小区"].area_code == "PQ02"
    assert {c.code for c in compounds.values()} == {"XQ001", "XQ002"}
    again = import_file(books, "compounds", path, dry_run=True)
    assert (again.new, again.changed, again.unchanged) == (0, 0, 2)


def test_journal_from_another_program_with_blank_continuation_lines(books, tmp_path):
    books.accounts.add_sub_account("501", "租金收入")
    path = _book(tmp_path / "序时账.xlsx", [
        ["序时账"], ["日期", "凭证号", "摘要", "科目", "借方", "贷方"],
        ["2025-01-05", "记字第1号", "收租金", "102 银行存款", "1200", ""],
        [None, None, "收租金", "经营收入-租金收入", "", "1200"],
        ["2025.1.6", "0002", "买办公用品", "513 管理费用", 300, None],
        [None, None, None, "库存现金", None, 300],
    ])
    result = import_file(books, "vouchers", path)
    assert result.new == 2
    tb = {r.code: r for r in books.ledger.trial_balance("2025-01").rows}
    assert tb["102"].debit_fen == 1_200_00 and tb["50101"].credit_fen == 1_200_00 and tb["101"].credit_fen == 300_00
    assert import_file(books, "vouchers", path, dry_run=True).new == 0


def test_an_unknown_account_name_names_its_cell(books, tmp_path):
    path = _book(tmp_path / "序时账.xlsx", [
        ["日期", "凭证号", "摘要", "科目", "借方", "贷方"],
        ["2025-01-05", "1", "收租金", "102 银行存款", 10, None],
        [None, None, None, "租金", None, 10],
    ])
    with pytest.raises(ImportRejectedError) as info:
        import_file(books, "vouchers", path)
    (error,) = info.value.preview.errors
    assert (error.row, error.column[0]) == (3, "D") and "科目不存在" in error.reason
    assert books.vouchers.count_vouchers() == 0


def test_an_exported_journal_of_closed_months_reimports_unchanged(books, tmp_path):
    from assetdesk.excel import export_file
    from tests.helpers import post, rent_account

    rent = rent_account(books)
    post(books, "2025-01-05", "收租金", ("102", 1_200_00), (rent, -1_200_00))
    books.periods.close("2025-01")
    path = export_file(books, "vouchers", tmp_path / "journal.xlsx", year=2025)
    again = import_file(books, "vouchers", path)
    assert (again.new, again.unchanged, again.errors) == (0, 1, [])
    assert books.vouchers.count_vouchers() == 1


def test_headers_that_name_a_column_more_fully_are_understood(books, tmp_path):
    path = _book(tmp_path / "名册.xlsx", [
        ["某街道住户名册"], ["序号", "户主姓名", "身份证号码", "联系人电话", "家庭住址"],
        [1, "张三", "530802199001011234", "13800000000", "兰园小区3栋"],
        [2, "李四", "530802199001011235", "13800000001", "兰园小区4栋"],
    ])
    result = import_file(books, "counterparties", path)
    assert result.new == 2
    people = {c.name: c for c in books.org.list_counterparties()}
    assert people["张三"].phone == "13800000000" and people["李四"].address == "兰园小区4栋"


def test_a_data_row_is_not_taken_for_the_header(books, tmp_path):
    path = _book(tmp_path / "小区.xlsx", [
        ["片区名称", "小区名称", "户数"],
        ["东片区", "兰园小区", 120],
        ["西片区", "月光小区", 50],
    ])
    assert import_file(books, "compounds", path).new == 2
    assert sorted(c.name for c in books.org.list_compounds()) == ["兰园小区", "月光小区"]


def test_counting_words_and_mu_in_cells(books, tmp_path):
    path = _book(tmp_path / "小区.xlsx", [
        ["片区名称", "小区名称", "户数", "建筑面积"],
        ["东片区", "兰园小区", "120户", "9,800.5平方米"],
        ["东片区", "菜园", "3户", "1.5亩"],
    ])
    assert import_file(books, "compounds", path).new == 2
    compounds = {c.name: c for c in books.org.list_compounds()}
    assert (compounds["兰园小区"].households, compounds["兰园小区"].building_area_centi) == (120, 980050)
    assert compounds["菜园"].building_area_centi == 100000  # 1.5 亩 = 1,000.00 ㎡


def test_a_chart_numbered_by_the_old_system_is_refused_by_name(books, tmp_path):
    path = _book(tmp_path / "科目表.xlsx", [
        ["科目编码", "科目名称"], ["153", "固定资产清理"], ["15301", "门面房改造"], ["112", "应收款项"],
    ])
    with pytest.raises(ImportRejectedError) as info:
        import_file(books, "accounts", path)
    (error,) = info.value.preview.errors
    assert error.row == 2 and "现行制度中的编码是 154" in error.reason
    assert not any(a.code == "15301" for a in books.accounts.list_accounts())


def test_a_workbook_whose_name_says_xls_is_read_by_its_content(books, tmp_path):
    path = _book(tmp_path / "名册.xlsx", [["名称", "证件号码"], ["张三", "530802199001011234"]])
    renamed = path.rename(tmp_path / "名册.xls")
    assert import_file(books, "counterparties", renamed).new == 1
    assert books.org.list_counterparties()[0].name == "张三"

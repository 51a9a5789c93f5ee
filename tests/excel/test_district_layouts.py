"""Layouts seen in district workbooks that the declared columns alone would miss."""
import openpyxl
import pytest

from assetdesk.errors import ImportFileError
from assetdesk.excel import ImportRejectedError, import_file
from tests.helpers import chart_with


def _book(path, rows, merge=None):
    """``rows`` on one sheet; ``merge``: one range ("A1:D1") or several."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    for cells in [merge] if isinstance(merge, str) else merge or ():
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def test_opening_balances_as_one_amount_with_a_direction(books, tmp_path):
    path = _book(tmp_path / "期初.xlsx", [
        ["兰花社区期初余额表"], ["单位：元"], ["科目代码", "科目名称", "方向", "期初余额"],
        ["101", "库存现金", "借", "1,000.00"], ["10201", "基本存款户", "", 50000], ["301", "资本", "贷", "51,000.00"],
        ["合计", "", "", ""],
    ], merge="A1:D1")
    result = import_file(books, "opening-balances", path)
    assert result.changed == 3
    balances = {r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances()}
    assert balances["101"] == (1_000_00, 0) and balances["10201"] == (50_000_00, 0)  # blank 方向: the normal side
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
    """A sheet without balance columns is no opening-balance table: refused like any kind's table
    missing its columns, naming the columns looked for."""
    path = _book(tmp_path / "期初.xlsx", [["科目编码", "科目名称"], ["101", "库存现金"]])
    with pytest.raises(ImportFileError) as info:
        import_file(books, "opening-balances", path)
    assert "找不到期初余额的表头" in str(info.value) and "借方余额、贷方余额" in str(info.value)


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
    chart_with(books, ("50101", "租金收入"))
    path = _book(tmp_path / "序时账.xlsx", [
        ["序时账"], ["日期", "凭证号", "摘要", "科目", "借方", "贷方"],
        ["2025-01-05", "记字第1号", "收租金", "10201 基本存款户", "1200", ""],
        [None, None, "收租金", "经营收入-租金收入", "", "1200"],
        ["2025.1.6", "0002", "买办公用品", "511 经营支出", 300, None],
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
        ["2025-01-05", "1", "收租金", "10201 基本存款户", 10, None],
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
    post(books, "2025-01-05", "收租金", ("10201", 1_200_00), (rent, -1_200_00))
    books.periods.close("2025-01")
    path = export_file(books, "vouchers", tmp_path / "journal.xlsx", year=2025)
    again = import_file(books, "vouchers", path)
    assert (again.new, again.unchanged, again.errors) == (0, 1, [])
    assert books.vouchers.count_vouchers() == 1


def test_headers_that_name_a_column_more_fully_are_understood(books, tmp_path):
    path = _book(tmp_path / "名册.xlsx", [
        ["某街道住户名册"], ["序号", "户主姓名", "身份证号码", "联系人电话", "家庭住址"],
        [1, "张三", "53080219900101123X", "13800000000", "兰园小区3栋"],
        [2, "李四", "530802199001011248", "13800000001", "兰园小区4栋"],
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
    path = _book(tmp_path / "名册.xlsx", [["名称", "证件号码"], ["张三", "53080219900101123X"]])
    renamed = path.rename(tmp_path / "名册.xls")
    assert import_file(books, "counterparties", renamed).new == 1
    assert books.org.list_counterparties()[0].name == "张三"


def _district_workbook(path):
    """The district's one workbook: a 小区 sheet and a 往来单位 sheet whose headers overlap
    (小区名称 / 名称, 类别 / 类型, 备注)."""
    workbook = openpyxl.Workbook()
    compounds = workbook.active
    compounds.title = "小区"
    for row in (["兰花社区片区与小区"], ["序号", "所属片区", "小区名称", "类别", "管理模式", "户数", "建筑面积", "物业公司", "备注"],
                [1, "东片区", "兰花小区", "老旧小区", "社区托管", 120, 8600.5, "", ""],
                [2, "西片区", "桂花苑", "三无小区", "物业公司", 80, 5000, "安居物业有限公司", ""]):
        compounds.append(row)
    people = workbook.create_sheet("往来单位")
    for row in (["序号", "名称", "类型", "证件号码", "电话", "地址", "角色", "备注"],
                [1, "张三", "个人", "110101199001011237", "13800138000", "兰花小区1栋", "缴费人", ""],
                [2, "安居物业有限公司", "单位", "91110101MA0123456B", "", "", "物业公司", ""]):
        people.append(row)
    workbook.save(path)
    return path


def test_each_kind_takes_only_its_own_sheet_of_a_district_workbook(books, tmp_path):
    path = _district_workbook(tmp_path / "区里下发.xlsx")
    people = import_file(books, "counterparties", path)
    assert people.sheets == ["往来单位"] and people.new == 2
    compounds = import_file(books, "compounds", path)
    assert compounds.sheets == ["小区"] and compounds.new == 2  # 兰花小区 with 120 户 is data, not the template's example
    assert {c.name for c in books.org.list_compounds()} == {"兰花小区", "桂花苑"}


def test_importing_a_sheet_as_the_wrong_kind_says_which_kind_it_is(books, tmp_path):
    path = _district_workbook(tmp_path / "区里下发.xlsx")
    with pytest.raises(ImportFileError) as caught:
        import_file(books, "vouchers", path, dry_run=True)
    assert "工作表“小区”是片区与小区；工作表“往来单位”是往来单位及个人" in caught.value.message
    assert "导入类型改为“片区与小区”、“往来单位及个人”" in caught.value.hint
    assert caught.value.suggested_kind == ""  # two kinds: the clerk chooses


def test_a_legacy_xls_from_the_district_imports_both_its_tables(books):
    """A real BIFF8 .xls (Excel 97-2003; made by tests/excel/fixtures/make_xls.py)."""
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "district_2003.xls"
    compounds = import_file(books, "compounds", path)
    assert compounds.sheets == ["小区名册"] and compounds.new == 3
    by_name = {c.name: c for c in books.org.list_compounds()}
    assert by_name["兰花小区"].households == 120 and by_name["兰花小区"].building_area_centi == 860050
    assert by_name["桂花苑"].category == "三无小区" and by_name["桂花苑"].area_name == "东片区"
    assert by_name["棚改一区"].building_area_centi == 1500000
    people = import_file(books, "counterparties", path)
    assert people.sheets == ["往来单位"] and people.new == 2
    found = {c.name: c for c in books.org.list_counterparties()}
    assert found["王五"].phone == "13800138000" and found["王五"].id_code == "110101198001011232"
    assert found["赵六"].id_code == "11010119850202121X" and found["赵六"].roles == ("承租方", "缴费人")
    assert import_file(books, "compounds", path).unchanged == 3  # the same file again changes nothing


def _balance_table(path, rows):
    """A 科目余额表 from another program: two-row header (期末 before 期初 here), parent accounts
    with the totals of their sub-accounts, a class subtotal and a grand total."""
    return _book(path, [
        ["科目余额表"], ["科目编码", "科目名称", "期末余额", None, "期初余额", None],
        [None, None, "借方", "贷方", "借方", "贷方"], *rows, ["资产类合计", None, 9, None, 9, None], ["合计"],
    ])


def test_a_balance_table_with_parent_totals_imports_the_sub_accounts(books, tmp_path):
    chart_with(books, ("10201", "基本存款户"))
    books.accounts.add_sub_account("102", "专户")
    path = _balance_table(tmp_path / "科目余额表.xlsx", [
        ["101", "库存现金", 1.0, None, 1000, None],
        ["102", "银行存款", 2.0, None, "50,000.00", None],
        ["10201", "银行存款—基本存款户", 3.0, None, 30000, None],
        ["10202", "银行存款—专户", 4.0, None, 20000, None],
        ["301", "资本", None, 5.0, None, 51000],
    ])
    result = import_file(books, "opening-balances", path)
    balances = {r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances()}
    assert balances["10201"] == (30_000_00, 0) and balances["10202"] == (20_000_00, 0)  # 期初, not 期末
    assert balances["101"] == (1_000_00, 0) and balances["301"] == (0, 51_000_00)
    (parent,) = [c for c in result.changes if c.key.startswith("102 ")]
    assert parent.status == "unchanged" and "汇总" in parent.detail
    assert books.accounts.opening_check().balanced


def test_a_parent_total_that_disagrees_with_its_sub_accounts_is_refused(books, tmp_path):
    chart_with(books, ("10201", "基本存款户"))
    path = _balance_table(tmp_path / "科目余额表.xlsx", [
        ["102", "银行存款", None, None, 50000, None],
        ["10201", "银行存款—基本存款户", None, None, 49000, None],
    ])
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "opening-balances", path)
    (error,) = caught.value.preview.errors
    assert error.row == 4 and "借 50,000.00 与表中明细科目合计 借 49,000.00 不符" in error.reason
    assert all(r.debit_fen == 0 for r in books.accounts.opening_balances())


def test_district_wording_of_headers_and_choices_is_understood(books, tmp_path):
    path = _book(tmp_path / "院落.xlsx", [
        ["序号", "所属网格", "小区（院落）名称", "小区类型", "管理方式", "住户数（户）", "建筑面积（平方米）"],
        [1, "第一网格", "棉纺厂宿舍", "棚改", "社区代管", "210户", "15,000"],
        [2, "第二网格", "粮站院", "三无院落", "居民自管", 36, 2400.5],
    ])
    assert import_file(books, "compounds", path).new == 2
    got = {c.name: (c.category, c.management_mode, c.households, c.building_area_centi)
           for c in books.org.list_compounds()}
    assert got == {"棉纺厂宿舍": ("棚户区", "社区托管", 210, 1500000), "粮站院": ("三无小区", "居民自治", 36, 240050)}

    people = _book(tmp_path / "住户.xlsx", [
        ["户主", "公民身份号码", "移动电话", "居住地址"],
        ["王五", "110101198001011232", 13800138000, "棉纺厂宿舍3栋"],
    ])
    assert import_file(books, "counterparties", people).new == 1
    (person,) = books.org.list_counterparties()
    assert (person.name, person.id_code, person.phone, person.address) == (
        "王五", "110101198001011232", "13800138000", "棉纺厂宿舍3栋")


def test_a_sheet_without_areas_updates_compounds_on_record_and_asks_for_the_area_of_new_ones(books, tmp_path):
    first = _book(tmp_path / "小区.xlsx", [["片区名称", "小区名称", "户数"], ["东片区", "兰花苑", 100]])
    import_file(books, "compounds", first)
    update = _book(tmp_path / "户数.xlsx", [["小区名称", "户数"], ["兰花苑", 120]])
    result = import_file(books, "compounds", update)
    assert result.changed == 1
    (compound,) = books.org.list_compounds()
    assert (compound.area_name, compound.households) == ("东片区", 120)
    new = _book(tmp_path / "新.xlsx", [["小区名称", "户数"], ["兰花苑", 120], ["桂花里", 30]])
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "compounds", new)
    (error,) = caught.value.preview.errors
    assert error.row == 3 and "新小区“桂花里”请填写所属片区" in error.reason


def test_compounds_listed_under_numbered_area_headings_take_their_area(books, tmp_path):
    path = _book(tmp_path / "分片区.xlsx", [
        ["兰花社区小区名册"], ["序号", "小区名称", "户数"],
        ["一、东片区", None, None], [1, "兰花苑", 120], [2, "桂花里", 80], ["东片区小计", None, 200],
        ["（二）西片区", None, None], [3, "棉纺厂宿舍", 210], ["合计", None, 410],
    ])
    assert import_file(books, "compounds", path).new == 3
    areas = {c.name: c.area_name for c in books.org.list_compounds()}
    assert areas == {"兰花苑": "东片区", "桂花里": "东片区", "棉纺厂宿舍": "西片区"}
    assert {a.name for a in books.org.list_areas()} == {"东片区", "西片区"}


def test_numbered_heading_rows_are_not_data_for_other_kinds_either(books, tmp_path):
    path = _book(tmp_path / "往来.xlsx", [
        ["名称", "电话"], ["一、个人", None], ["张三", "13800138000"], ["二、单位", None], ["兰花物业有限公司", "010-66668888"],
    ])
    result = import_file(books, "counterparties", path)
    assert result.new == 2 and not result.errors
    assert {c.name for c in books.org.list_counterparties()} == {"张三", "兰花物业有限公司"}


def test_a_lines_compound_travels_with_the_exported_journal(books, tmp_path):
    from assetdesk.excel import export_file
    from assetdesk.services.org import CompoundInput
    from assetdesk.services.vouchers import LineInput, VoucherInput
    from tests.conftest import _open
    from tests.helpers import day, rent_account

    books.org.add_compound(CompoundInput("XQ901", "兰花苑", "PQ91", area_name="测试片区"))
    rent = rent_account(books)
    compound = next(c.id for c in books.org.list_compounds() if c.code == "XQ901")
    books.vouchers.create_and_post(VoucherInput(day("2025-01-05"), "收兰花苑物业费", [
        LineInput.debit("101", 360_00), LineInput.credit(rent, 360_00, compound_id=compound)]))
    path = export_file(books, "vouchers", tmp_path / "journal.xlsx", period="2025-01")
    assert import_file(books, "vouchers", path).unchanged == 1  # the same books: nothing twice
    books.close()  # one set of books open at a time in a process

    other = _open(tmp_path / "另一账套.db")
    other.org.add_compound(CompoundInput("XQ901", "兰花苑", "PQ91", area_name="测试片区"))
    assert rent_account(other) == rent
    assert import_file(other, "vouchers", path).new == 1  # another set of books: the 小区 comes along
    (voucher,) = other.vouchers.list_vouchers()
    assert [line.compound_name for line in other.vouchers.get(voucher.id).lines] == ["", "兰花苑"]
    by_code = _book(tmp_path / "按编码.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额", "小区"],
        ["2025-01-05", "记-1", "收兰花苑物业费", "101", 360, None, None],
        [None, None, "收兰花苑物业费", rent, None, 360, "XQ901"],
    ])
    assert import_file(other, "vouchers", by_code).unchanged == 1  # the code names the same 小区
    other.close()


def test_a_cell_merged_down_over_its_rows_belongs_to_each_of_them(books, tmp_path):
    path = _book(tmp_path / "小区.xlsx", [
        ["兰花社区小区名册"], ["所属片区", "小区名称", "户数"],
        ["东片区", "兰花苑", 120], [None, "桂花里", 80], [None, "梅园", 60], ["西片区", "棉纺厂宿舍", 210],
    ], merge=["A1:C1", "A3:A5"])
    assert import_file(books, "compounds", path).new == 4
    areas = {c.name: c.area_name for c in books.org.list_compounds()}
    assert areas == {"兰花苑": "东片区", "桂花里": "东片区", "梅园": "东片区", "棉纺厂宿舍": "西片区"}


def test_header_cells_merged_down_over_a_two_row_header(books, tmp_path):
    chart_with(books, ("10201", "基本存款户"))
    path = _book(tmp_path / "期初.xlsx", [
        ["科目编码", "科目名称", "期初余额", None], [None, None, "借方", "贷方"],
        ["101", "库存现金", 1000, None], ["10201", "基本存款户", 2000, None], ["301", "资本", None, 3000],
    ], merge=["A1:A2", "B1:B2", "C1:D1"])
    import_file(books, "opening-balances", path)
    balances = {r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances()}
    assert balances["101"] == (1_000_00, 0) and balances["10201"] == (2_000_00, 0) and balances["301"] == (0, 3_000_00)


def test_a_journal_with_month_and_day_columns_takes_its_year_from_the_title(books, tmp_path):
    """用友-style 序时账: 月 and 日 columns, 凭证类型 apart from 凭证号, the year only in the title."""
    chart_with(books, ("50101", "租金收入"))
    path = _book(tmp_path / "序时账.xlsx", [
        ["兰花社区 2025年 序时账"],
        ["月", "日", "凭证类型", "凭证号", "摘要", "科目编码", "科目名称", "借方金额", "贷方金额"],
        [1, 5, "记", "0001", "收租金", "10201", "基本存款户", 1200, None],
        [1, 5, "记", None, "收租金", "50101", "租金收入", None, 1200],
        ["2月", "6日", "记", "0001", "买办公用品", "511", "经营支出", 300, None],
        [None, None, None, None, "买办公用品", "101", "库存现金", None, 300],
    ])
    result = import_file(books, "vouchers", path)
    assert result.new == 2 and not result.errors
    dates = sorted(v.date_on.isoformat() for v in books.vouchers.list_vouchers())
    assert dates == ["2025-01-05", "2025-02-06"]
    assert import_file(books, "vouchers", path, dry_run=True).unchanged == 2


def test_month_and_day_without_any_year_are_refused_by_cell(books, tmp_path):
    path = _book(tmp_path / "序时账.xlsx", [
        ["月", "日", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"],
        [2, 30, "1", "收租金", "101", 100, None], [2, 30, "1", "收租金", "301", None, 100],
    ])
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "vouchers", path)
    errors = caught.value.preview.errors
    assert errors[0].row == 2 and "缺少年份" in errors[0].reason


def test_a_journal_with_one_amount_column_and_a_debit_credit_flag(books, tmp_path):
    chart_with(books, ("50101", "租金收入"))
    path = _book(tmp_path / "凭证.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "借贷", "金额"],
        ["2025-01-05", "1", "收租金", "10201", "借", "1,200.00"], ["2025-01-05", "1", "收租金", "50101", "贷方", 1200],
        ["2025-01-06", "2", "买办公用品", "511", "借", 300], ["2025-01-06", "2", "买办公用品", "101", "", 300],
    ])
    with pytest.raises(ImportRejectedError) as caught:
        import_file(books, "vouchers", path)
    (error,) = caught.value.preview.errors
    assert (error.row, error.column) == (5, "E（借贷）") and "借贷方向" in error.reason
    fixed = _book(tmp_path / "凭证2.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "借贷", "金额"],
        ["2025-01-05", "1", "收租金", "10201", "借", "1,200.00"], ["2025-01-05", "1", "收租金", "50101", "贷方", 1200],
    ])
    assert import_file(books, "vouchers", fixed).new == 1
    tb = {r.code: r for r in books.ledger.trial_balance("2025-01").rows}
    assert tb["102"].debit_fen == 1_200_00 and tb["50101"].credit_fen == 1_200_00


def test_historical_vouchers_keep_their_preparer_and_attachment_count(books, tmp_path):
    path = _book(tmp_path / "凭证.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额", "制单人", "附单据数"],
        ["2025-01-05", "1", "买办公用品", "511", 300, None, "王会计", 2],
        [None, None, "买办公用品", "101", None, 300, "王会计", 2],
        ["2025-01-06", "2", "提现", "101", 100, None, None, None],
        [None, None, "提现", "10201", None, 100, None, None],
    ])
    import_file(books, "vouchers", path)
    views = [books.vouchers.get(v.id) for v in books.vouchers.list_vouchers()]
    assert [(v.preparer, v.attachments) for v in views] == [("王会计", 2), ("测试会计", 0)]


@pytest.mark.parametrize("layout", ["one row", "two rows"])
def test_opening_balances_take_the_period_opening_over_the_years_and_the_movements(books, tmp_path, layout):
    """A book started mid-year: 期初 (start of the first month) differs from 年初 and from 本期发生额."""
    if layout == "one row":
        header = [["科目编码", "科目名称", "年初借方", "年初贷方", "借方", "贷方", "期初借方", "期初贷方"]]
    else:
        header = [["科目编码", "科目名称", "年初余额", None, "本期发生额", None, "期初余额", None],
                  [None, None, "借方", "贷方", "借方", "贷方", "借方", "贷方"]]
    path = _book(tmp_path / "余额表.xlsx", [
        *header, ["101", "库存现金", 100, None, 50, None, 1000, None], ["301", "资本", None, 100, None, 50, None, 1000],
    ])
    import_file(books, "opening-balances", path)
    balances = {r.code: (r.debit_fen, r.credit_fen) for r in books.accounts.opening_balances()}
    assert balances["101"] == (1_000_00, 0) and balances["301"] == (0, 1_000_00)

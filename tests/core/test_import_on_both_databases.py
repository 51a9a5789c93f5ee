"""The Excel import's bulk writes and reads (raw SQL on the hot paths) on SQLite and PostgreSQL alike."""
from __future__ import annotations

from assetdesk.excel import export_file, import_file
from tests.excel.helpers import make_workbook


def test_counterparties_and_compounds_import_update_and_round_trip(books, tmp_path):
    people = make_workbook(tmp_path / "往来.xlsx", [
        ["名称", "类型", "证件号码", "电话", "角色"],
        ["张三", "个人", "11010119900101127x", "13800138000", "承租方、缴费人"],
        ["兰花物业有限公司", "", "91110101MA0123456B", "010-66668888", "物业公司"],
    ])
    first = import_file(books, "counterparties", people)
    assert first.new == 2
    rows = {c.name: c for c in books.org.list_counterparties()}
    assert rows["张三"].id_code == "11010119900101127X" and rows["张三"].roles == ("承租方", "缴费人")
    assert rows["兰花物业有限公司"].kind == "单位" and rows["兰花物业有限公司"].is_active is True
    changed = make_workbook(tmp_path / "改.xlsx", [["姓名", "身份证号", "电话"], ["张三", "11010119900101127X", "13900139000"]])
    again = import_file(books, "counterparties", changed)
    assert (again.changed, again.new) == (1, 0)
    assert {c.name: c.phone for c in books.org.list_counterparties()}["张三"] == "13900139000"

    compounds = make_workbook(tmp_path / "小区.xlsx", [["片区名称", "小区名称", "户数", "管理模式", "物业公司"],
                                                  ["东片区", "兰花苑", 120, "物业公司", "兰花物业有限公司"]])
    assert import_file(books, "compounds", compounds).new == 1
    exported = export_file(books, "counterparties", tmp_path / "出.xlsx")
    assert import_file(books, "counterparties", exported).unchanged == 2


def test_journal_with_counterparty_and_compound_round_trips(books, tmp_path):
    from assetdesk.services.org import CompoundInput, CounterpartyInput
    from assetdesk.services.vouchers import LineInput, VoucherInput
    from tests.helpers import day, rent_account

    books.org.add_counterparty(CounterpartyInput("王五"))
    books.org.add_compound(CompoundInput("XQ901", "兰花苑", "PQ91", area_name="测试片区"))
    rent = rent_account(books)
    payer = books.org.find_counterparty("王五").id
    compound = next(c.id for c in books.org.list_compounds() if c.code == "XQ901")
    books.vouchers.create_and_post(VoucherInput(day("2025-01-05"), "收兰花苑物业费", [
        LineInput.debit("101", 360_00, counterparty_id=payer), LineInput.credit(rent, 360_00, compound_id=compound)]))
    path = export_file(books, "vouchers", tmp_path / "journal.xlsx", period="2025-01")
    assert import_file(books, "vouchers", path).unchanged == 1
    journal = make_workbook(tmp_path / "新.xlsx", [
        ["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额", "往来单位", "小区"],
        ["2025-01-06", "记-2", "收兰花苑物业费", "101", 120, None, "王五", None],
        [None, None, "收兰花苑物业费", rent, None, 120, None, "XQ901"],
    ])
    assert import_file(books, "vouchers", journal).new == 1
    lines = [line for line in books.vouchers.journal_lines("2025-01", "2025-01")]
    assert [(line["counterparty"], line["compound"]) for line in lines] == [("王五", ""), ("", "兰花苑")] * 2

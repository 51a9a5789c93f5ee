"""The Excel import's bulk writes and reads (raw SQL on the hot paths) on SQLite and PostgreSQL alike."""
from __future__ import annotations

from assetdesk.excel import export_file, import_file
from tests.excel.helpers import make_workbook


def test_counterparties_and_compounds_import_update_and_round_trip(books, tmp_path):
    people = make_workbook(tmp_path / "往来.xlsx", [
        ["名称", "类型", "证件号码", "电话", "角色"],
        ["张三", "个人", "11010119900101123x", "138", "承租方、缴费人"],
        ["兰花物业有限公司", "", "91110101MA01234567", "010-1", "物业公司"],
    ])
    first = import_file(books, "counterparties", people)
    assert first.new == 2
    rows = {c.name: c for c in books.org.list_counterparties()}
    assert rows["张三"].id_code == "11010119900101123X" and rows["张三"].roles == ("承租方", "缴费人")
    assert rows["兰花物业有限公司"].kind == "单位" and rows["兰花物业有限公司"].is_active is True
    changed = make_workbook(tmp_path / "改.xlsx", [["姓名", "身份证号", "电话"], ["张三", "11010119900101123X", "139"]])
    again = import_file(books, "counterparties", changed)
    assert (again.changed, again.new) == (1, 0)
    assert {c.name: c.phone for c in books.org.list_counterparties()}["张三"] == "139"

    compounds = make_workbook(tmp_path / "小区.xlsx", [["片区名称", "小区名称", "户数", "管理模式", "物业公司"],
                                                  ["东片区", "兰花苑", 120, "物业公司", "兰花物业有限公司"]])
    assert import_file(books, "compounds", compounds).new == 1
    exported = export_file(books, "counterparties", tmp_path / "出.xlsx")
    assert import_file(books, "counterparties", exported).unchanged == 2

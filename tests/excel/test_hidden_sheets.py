"""A table kept on a hidden sheet: not read unawares, explained when it is the only one, read
when the clerk names the sheet."""
from __future__ import annotations

import openpyxl

from assetdesk.cli import main
from assetdesk.excel.kinds import KINDS
from assetdesk.excel.reader import hidden_tables, read_grids


def workbook_with_hidden_data(path):
    workbook = openpyxl.Workbook()
    workbook.active.title = "封面"
    workbook.active.append(["兰花社区往来单位名单"])
    data = workbook.create_sheet("数据")
    data.append(["名称", "电话"])
    data.append(["隐藏表里的人", "13900007777"])
    data.sheet_state = "hidden"
    workbook.save(path)
    return path


def test_hidden_sheets_are_read_only_when_named(tmp_path):
    path = workbook_with_hidden_data(tmp_path / "名单.xlsx")
    assert [grid.name for grid in read_grids(path)] == ["封面"]
    named = {grid.name: grid for grid in read_grids(path, sheet="数据")}
    assert named["数据"].hidden and named["数据"].rows[1][0] == "隐藏表里的人"


def test_the_hint_names_the_hidden_sheet_holding_the_table(tmp_path):
    path = workbook_with_hidden_data(tmp_path / "名单.xlsx")
    assert hidden_tables(path, KINDS["counterparties"].columns) == ["数据"]
    assert hidden_tables(path, KINDS["accounts"].columns) == []


def test_the_command_line_says_the_table_is_on_a_hidden_sheet_and_how_to_read_it(tmp_path, capsys):
    db = str(tmp_path / "b.db")
    main(["--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01"])
    path = workbook_with_hidden_data(tmp_path / "名单.xlsx")
    capsys.readouterr()
    code = main(["--db", db, "import", "counterparties", str(path)])
    err = capsys.readouterr().err
    assert code == 1 and "隐藏的工作表“数据”" in err and "--sheet 数据" in err and "取消隐藏" in err


def test_naming_the_hidden_sheet_imports_it(tmp_path, capsys):
    db = str(tmp_path / "b.db")
    main(["--db", db, "init", "--community", "兰花社区", "--first-period", "2025-01"])
    path = workbook_with_hidden_data(tmp_path / "名单.xlsx")
    capsys.readouterr()
    code = main(["--db", db, "import", "counterparties", str(path), "--sheet", "数据"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "新增 1" in out


def test_a_sheet_named_with_a_trailing_space_can_be_chosen_without_it(tmp_path):
    from assetdesk.excel.importer import read_file

    path = tmp_path / "名册.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "往来单位 "
    for row in (["名称", "角色"], ["张伟", "缴费人"]):
        workbook.active.append(row)
    workbook.save(path)
    assert [row.values["name"] for row in read_file(KINDS["counterparties"], path, sheet="往来单位").rows] == ["张伟"]
    assert [row.values["name"] for row in read_file(KINDS["counterparties"], path, sheet="往来单位 ").rows] == ["张伟"]

"""导入向导 step 2 (检查) read like a clerk: where each record sits in the sheet, and a summary that
never promises to add rows when nothing will be imported."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt

from tests.ui.test_import_wizard import counterparties_workbook, wait_step
from ui.dialogs.import_wizard import ImportWizard


def shown_changes(wizard) -> list[dict[str, str]]:
    model = wizard.changes_model
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return [{headers[c]: model.index(r, c).data() for c in range(model.columnCount())} for r in range(model.rowCount())]


def check(qtbot, books, kind: str, path: Path) -> ImportWizard:
    wizard = ImportWizard(books, kind=kind)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_file(path)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, wizard, 2)
    return wizard


def journal_workbook(path: Path, rent: str) -> Path:
    """Two vouchers of two lines each under a title row: data on sheet rows 3–4 and 5–6."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "序时账"
    ws.append(["兰花社区序时账"])
    ws.append(["日期", "凭证号", "摘要", "科目编码", "借方金额", "贷方金额"])
    ws.append(["2025-01-05", "记-0001", "收一月租金", "10201", 500, None])
    ws.append([None, None, None, rent, None, 500])
    ws.append(["2025-01-08", "记-0002", "提取备用金", "101", 200, None])
    ws.append([None, None, None, "10201", None, 200])
    wb.save(path)
    return path


def test_voucher_changes_show_their_sheet_and_rows(qtbot, books, rent, tmp_path, shown_errors):
    wizard = check(qtbot, books, "vouchers", journal_workbook(tmp_path / "序时账.xlsx", rent))

    changes = shown_changes(wizard)
    assert [(c["状态"], c["工作表"], c["行"]) for c in changes] == [("新增", "序时账", "3–4"), ("新增", "序时账", "5–6")]
    assert changes[0]["记录"].startswith("2025-01-05") and "2 行分录" in changes[0]["变化"]
    assert wizard.import_button.isEnabled() and shown_errors == []


def test_a_voucher_with_a_bad_line_is_marked_and_nothing_is_promised(qtbot, books, rent, tmp_path, shown_errors):
    path = journal_workbook(tmp_path / "序时账.xlsx", rent)
    wb = openpyxl.load_workbook(path)
    wb.active["D6"] = "999"  # no such account on the second voucher's second line
    wb.save(path)
    wizard = check(qtbot, books, "vouchers", path)

    assert wizard.summary_label.text() == "发现 1 处错误，未导入任何数据"
    assert [(c["状态"], c["行"]) for c in shown_changes(wizard)] == [("新增", "3–4"), ("有错误", "5–6")]
    assert "其余 1 条记录无误（新增 1，修改 0，未变 0），但要全部改正后才能导入" in wizard.verdict_label.text()
    assert not wizard.import_button.isEnabled()
    assert books.vouchers.count_vouchers(None) == 0 and shown_errors == []


def test_counterparties_with_errors_say_nothing_is_imported_not_new_5(qtbot, books, tmp_path, shown_errors):
    path = counterparties_workbook(tmp_path / "往来单位.xlsx", [
        ["张三", "个人", "", "13800000001", "承租方"],
        ["李四", "个人", "", "13800000002", "房东"],       # no such role
        ["王五", "个人", "", "13800000003", "承租方"],
        ["赵六", "个人", "", "13800000004", "出租人"],     # no such role
        ["兰花物业服务有限公司", "单位", "", "010-12345678", "物业公司"],
    ])
    wizard = check(qtbot, books, "counterparties", path)

    summary = wizard.summary_label.text()
    assert summary == "发现 2 处错误，未导入任何数据"
    assert "新增" not in summary
    verdict = wizard.verdict_label.text()
    assert "“往来单位.xlsx”共 5 行" in verdict
    assert "其余 3 条记录无误（新增 3，修改 0，未变 0），但要全部改正后才能导入" in verdict
    shown = {c["记录"]: (c["状态"], c["工作表"], c["行"]) for c in shown_changes(wizard)}
    assert shown["李四"] == ("有错误", "往来单位", "5") and shown["赵六"] == ("有错误", "往来单位", "7")
    assert shown["张三"] == ("新增", "往来单位", "4")
    assert wizard.tabs.currentIndex() == 0 and wizard.errors_model.rowCount() == 2
    assert not wizard.import_button.isEnabled()

    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)  # disabled: nothing happens
    assert wizard.step == 2 and books.org.list_counterparties() == [] and shown_errors == []


def test_after_correcting_the_file_the_summary_counts_again(qtbot, books, tmp_path, shown_errors):
    rows = [["张三", "个人", "", "13800000001", "承租方"], ["李四", "个人", "", "13800000002", "房东"]]
    path = counterparties_workbook(tmp_path / "往来单位.xlsx", rows)
    wizard = check(qtbot, books, "counterparties", path)
    assert wizard.summary_label.text() == "发现 1 处错误，未导入任何数据"

    rows[1][-1] = "承租方"
    counterparties_workbook(path, rows)
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, wizard, 2)
    assert wizard.summary_label.text() == "“往来单位.xlsx”：共 2 行，新增 2，修改 0，未变 0"
    assert wizard.verdict_label.text() == "检查通过，可以导入。"
    assert [c["状态"] for c in shown_changes(wizard)] == ["新增", "新增"]
    assert wizard.import_button.isEnabled() and shown_errors == []


def test_a_summary_sheet_left_out_is_named_on_the_check_page(qtbot, books, rent, tmp_path, shown_errors):
    path = journal_workbook(tmp_path / "二月.xlsx", rent)
    wb = openpyxl.load_workbook(path)
    summary = wb.create_sheet("2月科目汇总表")
    for row in (["科目汇总表"], ["科目编码", "科目名称", "借方发生额", "贷方发生额"],
                ["102", "银行存款", 500, 200], [rent, "经营收入—租金收入", None, 500], ["合计", None, 700, 700]):
        summary.append(row)
    wb.save(path)
    wizard = check(qtbot, books, "vouchers", path)

    assert wizard.skipped_label.isVisible()
    assert wizard.skipped_label.text() == "未导入的工作表：工作表“2月科目汇总表”（缺少日期、凭证号列）"
    assert [(c["工作表"], c["行"]) for c in shown_changes(wizard)] == [("序时账", "3–4"), ("序时账", "5–6")]
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, wizard, 3)
    assert books.vouchers.count_vouchers(None) == 2 and shown_errors == []


def test_a_journal_alone_shows_no_skipped_sheets_line(qtbot, books, rent, tmp_path, shown_errors):
    wizard = check(qtbot, books, "vouchers", journal_workbook(tmp_path / "序时账.xlsx", rent))
    assert not wizard.skipped_label.isVisible() and wizard.skipped_label.text() == ""


def test_an_unbalanced_opening_sheet_is_refused_without_a_row_number(qtbot, books, tmp_path, shown_errors):
    path = tmp_path / "期初.xlsx"
    wb = openpyxl.Workbook()
    for row in (["科目编码", "科目名称", "借方余额", "贷方余额"], ["101", "库存现金", 20000, None],
                ["301", "资本", None, 19999.99]):
        wb.active.append(row)
    wb.save(path)
    wizard = check(qtbot, books, "opening-balances", path)

    model = wizard.errors_model
    (error,) = model.rows()
    assert error.row == 0 and "试算不平衡" in error.reason
    row_column = model.column_index("row")
    assert model.index(0, row_column).data() == ""
    assert "试算不平衡" in model.index(0, model.column_index("reason")).data()
    assert not wizard.import_button.isEnabled() and shown_errors == []


def test_an_error_on_a_row_keeps_its_row_number(qtbot, books, rent, tmp_path, shown_errors):
    path = journal_workbook(tmp_path / "序时账.xlsx", rent)
    wb = openpyxl.load_workbook(path)
    wb.active["D6"] = "999"
    wb.save(path)
    wizard = check(qtbot, books, "vouchers", path)
    assert wizard.errors_model.index(0, wizard.errors_model.column_index("row")).data() == "6"


def test_another_table_further_down_a_sheet_is_named_on_the_check_page(qtbot, books, tmp_path, shown_errors):
    """期初 on top, the month's movements below: the movements are not balances and are not
    imported, and the check page says so, with the row where that table starts."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "期初"
    for row in (["期初余额表"], ["科目编码", "科目名称", "期初借方", "期初贷方"], ["101", "库存现金", 1000, None],
                ["301", "资本", None, 1000], [None], ["科目编码", "科目名称", "本期借方", "本期贷方"], ["101", "库存现金", 500, 200]):
        ws.append(row)
    wb.save(tmp_path / "期初.xlsx")
    wizard = check(qtbot, books, "opening-balances", tmp_path / "期初.xlsx")

    assert wizard.skipped_label.isVisible()
    assert wizard.skipped_label.text() == "未导入的表格：工作表“期初”第 6 行起的表格（科目编码、科目名称、本期借方、本期贷方）"
    assert wizard.import_button.isEnabled() and shown_errors == []

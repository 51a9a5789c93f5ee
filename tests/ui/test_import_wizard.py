"""导入向导, driven like a clerk: choose a workbook, check it, import; bad files and bad cells."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from assetdesk.errors import ImportFileError
from ui.dialogs.import_wizard import ImportWizard


def counterparties_workbook(path: Path, rows: list[list]) -> Path:
    """A district-style sheet: a merged title row, a unit row, the header, then the data."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "往来单位"
    ws.append(["兰花社区往来单位及个人名册"])
    ws.merge_cells("A1:F1")
    ws.append(["单位：元"])
    ws.append(["序号", "名称", "类型", "身份证号", "联系电话", "角色"])
    for number, row in enumerate(rows, 1):
        ws.append([number, *row])
    ws.append(["填表人：王会计", None, None, "审核人：", None, None])
    wb.save(path)
    return path


def wait_step(qtbot, wizard, step):
    qtbot.waitUntil(lambda: wizard.worker is not None and wizard.worker.done and wizard.step == step, timeout=10000)


def test_clerk_imports_counterparties_workbook(qtbot, books, tmp_path, shown_errors):
    path = counterparties_workbook(tmp_path / "往来单位.xlsx", [
        ["张三", "个人", "110101199001011237", "13800000001", "承租方"],
        ["兰花物业服务有限公司", "", "91110101MA00000005", "010-12345678", "物业公司"],
    ])
    wizard = ImportWizard(books, kind="counterparties")
    qtbot.addWidget(wizard)
    assert wizard.kind_combo.currentText() == "往来单位及个人"
    assert not wizard.next_button.isEnabled()
    wizard.set_file(path)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, wizard, 2)

    assert "新增 2" in wizard.summary_label.text()
    assert wizard.changes_model.rowCount() == 2
    assert wizard.import_button.isEnabled()
    assert books.org.list_counterparties() == []  # the check wrote nothing

    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, wizard, 3)
    assert "新增 2" in wizard.done_detail.text()
    rows = {row.name: row for row in books.org.list_counterparties()}
    assert set(rows) == {"张三", "兰花物业服务有限公司"}
    assert rows["兰花物业服务有限公司"].kind == "单位"
    assert rows["张三"].roles == ("承租方",)
    assert shown_errors == []


def test_bad_cell_is_shown_and_blocks_the_import(qtbot, books, tmp_path, shown_errors, monkeypatch, saved_messages):
    path = counterparties_workbook(tmp_path / "有错.xlsx", [
        ["张三", "个人", "", "13800000001", "承租方"],
        ["李四", "个人", "", "13800000002", "房东"],
    ])
    wizard = ImportWizard(books, kind="counterparties")
    qtbot.addWidget(wizard)
    wizard.set_file(path)
    wizard.check()
    wait_step(qtbot, wizard, 2)

    model = wizard.errors_model
    assert model.rowCount() == 1
    cells = [model.index(0, column).data() for column in range(model.columnCount())]
    assert cells[0] == "往来单位" and cells[1] == "5" and cells[2].startswith("F") and cells[3] == "房东"
    assert "角色" in cells[4]
    assert wizard.tabs.currentIndex() == 0 and wizard.tabs.isTabVisible(0)
    assert not wizard.import_button.isEnabled()
    wizard.commit()  # even forced, nothing happens
    assert books.org.list_counterparties() == []

    report = tmp_path / "错误报告.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(report), "")))
    qtbot.mouseClick(wizard.report_button, Qt.MouseButton.LeftButton)
    assert report.exists() and saved_messages and str(report) in saved_messages[0]
    sheet = openpyxl.load_workbook(report)["错误清单"]
    assert any(row[4] and "角色" in str(row[4]) for row in sheet.iter_rows(values_only=True))
    assert shown_errors == []

    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.step == 1 and wizard.file_edit.text() == str(path)


def test_renamed_text_file_is_refused_in_chinese_and_wizard_stays(qtbot, books, tmp_path, shown_errors):
    path = tmp_path / "名册.xlsx"
    path.write_text("这不是工作簿\n张三,个人\n", encoding="utf-8")
    wizard = ImportWizard(books, kind="counterparties")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_file(path)
    wizard.check()
    qtbot.waitUntil(lambda: wizard.worker.done, timeout=10000)

    assert len(shown_errors) == 1
    exc = shown_errors[0][0]
    assert isinstance(exc, ImportFileError)
    assert "不是 Excel 工作簿" in exc.message
    assert wizard.step == 1 and wizard.isVisible()
    assert books.org.list_counterparties() == []


def test_template_download_then_reimport_of_the_untouched_template_imports_nothing(
        qtbot, books, tmp_path, monkeypatch, saved_messages, shown_errors):
    target = tmp_path / "模板.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    wizard = ImportWizard(books, kind="counterparties")
    qtbot.addWidget(wizard)
    qtbot.mouseClick(wizard.template_button, Qt.MouseButton.LeftButton)
    assert target.exists() and "已导出到" in saved_messages[0]

    wizard.set_file(target)
    wizard.check()
    wait_step(qtbot, wizard, 2)
    assert wizard.preview.skipped_examples == 1
    assert not wizard.import_button.isEnabled()  # nothing to import
    assert "无需导入" in wizard.verdict_label.text()


def test_kind_is_chosen_by_chinese_title(qtbot, books):
    wizard = ImportWizard(books)
    qtbot.addWidget(wizard)
    titles = [wizard.kind_combo.itemText(i) for i in range(wizard.kind_combo.count())]
    assert titles == ["科目表", "期初余额", "往来单位及个人", "片区与小区", "凭证", "资产台账", "租赁合同", "租金收款记录"]
    wizard.kind_combo.setCurrentIndex(3)
    assert wizard.kind() == "compounds"
    assert "小区编码" in wizard.columns_label.text()


def answer_when_asked(button_text: str, asked: list) -> None:
    """Click ``button_text`` on the question box as soon as it opens (it opens after the check
    has run in its worker thread)."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    timer = QTimer()

    def poll():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            timer.stop()
            asked.append(box.text())
            (button,) = [b for b in box.buttons() if b.text() == button_text]
            button.click()

    timer.timeout.connect(poll)
    timer.start(20)
    asked.append(timer)  # kept alive for the test


def check_people_as(qtbot, books, tmp_path, kind: str, answer: str) -> tuple[ImportWizard, list]:
    """The clerk picks a 往来单位 workbook with the wrong kind chosen, presses 检查 and gives ``answer``."""
    path = counterparties_workbook(tmp_path / "往来单位.xlsx", [["张三", "个人", "110101199001011237", "13800000001", "承租方"]])
    wizard = ImportWizard(books, kind=kind)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_file(path)
    asked: list = []
    answer_when_asked(answer, asked)
    wizard.check()
    return wizard, asked


def test_a_workbook_of_another_kind_offers_to_switch_and_imports_it(qtbot, books, tmp_path, shown_errors):
    wizard, asked = check_people_as(qtbot, books, tmp_path, "vouchers", "改为导入“往来单位及个人”")
    qtbot.waitUntil(lambda: wizard.kind() == "counterparties" and wizard.worker.done and wizard.step == 2, timeout=10000)
    assert "工作表“往来单位”是往来单位及个人" in asked[1]
    assert "新增 1" in wizard.summary_label.text() and shown_errors == []


def test_declining_the_switch_shows_the_error_and_keeps_the_kind(qtbot, books, tmp_path, shown_errors):
    wizard, _ = check_people_as(qtbot, books, tmp_path, "compounds", "取消")
    qtbot.waitUntil(lambda: len(shown_errors) == 1, timeout=10000)
    assert wizard.kind() == "compounds" and wizard.step == 1
    assert shown_errors[0][0].suggested_kind == "counterparties"
    assert books.org.list_counterparties() == []


def test_a_workbook_with_several_sheets_lets_the_clerk_import_one(qtbot, books, tmp_path, shown_errors):
    from tests.excel.helpers import people_in_two_sheets

    path = people_in_two_sheets(tmp_path / "往来.xlsx")
    wizard = ImportWizard(books, kind="counterparties")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.set_file(path)
    assert wizard.sheet_combo.isVisible()
    assert [wizard.sheet_combo.itemText(i) for i in range(wizard.sheet_combo.count())][1:] == ["个人", "单位"]
    assert wizard.sheet() is None  # all sheets by default
    wizard.sheet_combo.setCurrentIndex(2)
    wizard.check()
    wait_step(qtbot, wizard, 2)
    assert "共 1 行" in wizard.summary_label.text()
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, wizard, 3)
    assert [c.name for c in books.org.list_counterparties()] == ["兰花物业有限公司"]
    wizard.set_file(tmp_path / "没有这个文件.xlsx")
    assert not wizard.sheet_combo.isVisible() and wizard.sheet() is None and shown_errors == []


def test_a_long_check_shows_the_rows_read_and_取消_stops_it(qtbot, books, tmp_path, shown_errors, monkeypatch):
    from assetdesk.excel import reader

    monkeypatch.setattr(reader, "PROGRESS_EVERY", 100)  # many reports: the press lands while reading
    rows = [[f"住户{i:05d}", "个人", "", "", "缴费人"] for i in range(6_000)]
    wizard = ImportWizard(books, kind="counterparties")
    qtbot.addWidget(wizard)
    wizard.set_file(counterparties_workbook(tmp_path / "大名册.xlsx", rows))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    labels = []

    def heard(done, total, text):
        labels.append(text)
        wizard.worker.dialog.canceled.emit()  # the clerk presses 取消 on the progress dialog

    wizard.worker.progressed.connect(heard)
    qtbot.waitUntil(lambda: wizard.worker.done, timeout=20000)
    assert labels[0] == "正在读取“大名册.xlsx”：100 / 6,004 行…"
    # (where the read stops depends on how soon the screen's thread handles the press; the core
    # test test_a_cancel_during_the_read_stops_it… shows the read itself stops at once)
    assert wizard.worker.outcome == "cancelled" and wizard.step == 1
    assert books.org.list_counterparties() == [] and shown_errors == []


def _checked(qtbot, books, path):
    wizard = ImportWizard(books, kind="counterparties")
    qtbot.addWidget(wizard)
    wizard.set_file(path)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, wizard, 2)
    return wizard


def test_a_file_saved_again_after_the_check_is_shown_anew_not_imported(qtbot, books, tmp_path, shown_errors):
    import os

    path = counterparties_workbook(tmp_path / "往来单位.xlsx", [["张三", "个人", "", "", "承租方"]])
    wizard = _checked(qtbot, books, path)
    assert "新增 1" in wizard.summary_label.text()
    counterparties_workbook(path, [["张三", "个人", "", "", "承租方"], ["李四", "个人", "", "", "缴费人"]])
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 10**9))
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.worker.done and len(shown_errors) == 1, timeout=10000)
    assert "修改过" in str(shown_errors[0][0]) and books.org.list_counterparties() == []
    assert wizard.step == 2 and "新增 2" in wizard.summary_label.text()  # the new check, to look over
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    wait_step(qtbot, wizard, 3)
    assert {row.name for row in books.org.list_counterparties()} == {"张三", "李四"}


def test_a_file_gone_after_the_check_sends_the_clerk_back_to_choose_one(qtbot, books, tmp_path, shown_errors):
    path = counterparties_workbook(tmp_path / "往来单位.xlsx", [["张三", "个人", "", "", "承租方"]])
    wizard = _checked(qtbot, books, path)
    path.unlink()
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.worker.done and len(shown_errors) == 1, timeout=10000)
    assert "找不到文件" in str(shown_errors[0][0]) and wizard.step == 1

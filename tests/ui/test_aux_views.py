"""账簿报表 › 辅助余额表 / 辅助明细账, clicked like a clerk: from the 科目余额表 to the tenants of 应收款,
to one tenant's ledger, to the voucher; printed and exported as shown; vouchers name the tenant."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from assetdesk.periods import Period
from tests.aux_books import LI, TEA, tenant_book
from tests.ui.books_helpers import books_page, cells, use_range
from ui.bridge import EventBridge
from ui.dialogs.report_preview_dialog import ReportPreviewDialog
from ui.pages.books_page import BooksPage

UNASSIGNED = "（未指定往来单位）"


@pytest.fixture
def tenants(books):
    tenant_book(books)
    return books


@pytest.fixture
def page(qtbot, tenants):
    yield from books_page(qtbot, tenants, 1280, 760)


def double_click(qtbot, table, row, column=0):
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_trial_balance_double_click_on_112_opens_its_tenants_adding_up_to_the_fen(qtbot, page, tenants):
    use_range(page.tb_range, "2025-02", "2025-03")
    qtbot.mouseClick(page.tb_range.query_button, Qt.MouseButton.LeftButton)
    row = cells(page.tb_model, "code").index("112")
    double_click(qtbot, page.tb_table, row, 4)
    tab = page.aux_balance_tab
    assert page.tabs.currentWidget() is tab and tab.choice.code() == "112"
    names = cells(tab.model, "name")
    assert names == sorted([TEA, LI]) + [UNASSIGNED, "合计"]
    assert tab.model.headerData(0, Qt.Orientation.Horizontal) == "证件号码"
    assert tab.model.headerData(1, Qt.Orientation.Horizontal) == "往来单位"
    tea = names.index(TEA)
    assert cells(tab.model, "closing_amount_fen")[tea] == "¥2,500.00"
    assert cells(tab.model, "closing_direction")[tea] == "借"
    tb_112 = page.tb_model.row_at(row)
    assert cells(tab.model, "closing_amount_fen")[-1] == f"¥{tb_112.closing_debit_fen / 100:,.2f}" == "¥3,350.00"
    assert cells(tab.model, "debit_fen")[-1] == f"¥{tb_112.debit_fen / 100:,.2f}"
    bold = tab.model.index(len(names) - 1, 0).data(Qt.ItemDataRole.FontRole)
    assert bold is not None and bold.bold()
    assert "112 应收款" in tab.title.text() and "往来单位" in tab.title.text()


def test_an_account_without_dimension_still_drills_to_its_ledger(qtbot, page):
    use_range(page.tb_range, "2025-01", "2025-03")
    qtbot.mouseClick(page.tb_range.query_button, Qt.MouseButton.LeftButton)
    row = cells(page.tb_model, "code").index("102")
    page.tb_table.selectRow(row)
    assert not page.tb_aux_button.isEnabled()
    double_click(qtbot, page.tb_table, row, 4)
    assert page.tabs.currentIndex() == 1 and page.ledger_account.code() == "102"
    assert not page.ledger_aux_button.isEnabled()


def test_the_button_and_the_right_click_menu_offer_both_books_of_112(qtbot, page):
    use_range(page.tb_range, "2025-03", "2025-03")
    qtbot.mouseClick(page.tb_range.query_button, Qt.MouseButton.LeftButton)
    row = cells(page.tb_model, "code").index("112")
    page.tb_table.selectRow(row)
    assert page.tb_aux_button.isEnabled()
    qtbot.mouseClick(page.tb_aux_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentWidget() is page.aux_balance_tab
    page.tabs.setCurrentIndex(0)
    position = page.tb_table.visualRect(page.tb_model.index(row, 1)).center()
    page.tb_table.customContextMenuRequested.emit(position)
    ledger, aux = page.tb_menu.actions()
    assert (ledger.text(), aux.text(), aux.isEnabled()) == ("明细账", "辅助余额表", True)
    ledger.trigger()
    page.tb_menu.close()
    assert page.tabs.currentIndex() == 1 and page.ledger_account.code() == "112"
    assert page.ledger_aux_button.isEnabled()  # from the 明细账 of 112 to its tenants
    qtbot.mouseClick(page.ledger_aux_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentWidget() is page.aux_balance_tab and page.aux_balance_tab.choice.code() == "112"


def test_from_a_tenant_row_to_its_ledger_and_on_to_the_voucher(qtbot, page, tenants):
    page.show_aux_balance("112", Period(2025, 1), Period(2025, 3))
    tab = page.aux_balance_tab
    double_click(qtbot, tab.table, cells(tab.model, "name").index(LI))
    ledger = page.aux_ledger_tab
    assert page.tabs.currentWidget() is ledger and ledger.chosen_record().name == LI
    summaries = cells(ledger.model, "summary")
    assert [s for s in summaries if s not in ("本月合计", "本年累计")] == ["上年结转", "一月租金", "收李秀英租金", "代垫押金"]
    assert set(cells(ledger.model, "record")) == {LI}
    assert cells(ledger.model, "balance_fen")[-1] == "¥300.00"
    assert ledger.model.headerData(0, Qt.Orientation.Horizontal) == "往来单位"
    row = summaries.index("收李秀英租金")
    double_click(qtbot, ledger.table, row, 3)
    dialog = page._dialogs[-1]
    assert dialog.read_only and dialog.view.summary == "收李秀英租金"
    account_cells = [dialog.grid.cell(r, 1).text() for r in range(dialog.grid.row_count())]
    assert any(text.endswith(f"应收款—租金—{LI}") for text in account_cells)  # the tenant named, as printed


def test_every_tenant_or_one_chosen_in_the_box(qtbot, page, typist):
    page.show_aux_ledger("112", Period(2025, 3), Period(2025, 3))
    ledger = page.aux_ledger_tab
    assert set(cells(ledger.model, "record")) == {TEA, LI, UNASSIGNED}
    ledger.record.setCurrentText("")
    typist(ledger.record.lineEdit(), "茶源")
    qtbot.mouseClick(ledger.range.query_button, Qt.MouseButton.LeftButton)
    assert set(cells(ledger.model, "record")) == {TEA}
    ledger.record.setCurrentIndex(0)  # 全部往来单位（小区）
    qtbot.mouseClick(ledger.range.query_button, Qt.MouseButton.LeftButton)
    assert UNASSIGNED in cells(ledger.model, "record")


def test_new_postings_show_after_the_refresh(qtbot, page, tenants):
    from tests.aux_books import post_aux

    page.show_aux_balance("112", Period(2025, 3), Period(2025, 3))
    tea = tenants.aux.find_record("counterparty", TEA)
    post_aux(tenants, "2025-03-28", "三月租金", ("11201", 700_00, {"counterparty_id": tea.id}),
             ("50101", -700_00, {}))
    page.refresh()
    tab = page.aux_balance_tab
    assert cells(tab.model, "debit_fen")[cells(tab.model, "name").index(TEA)] == "¥700.00"


@pytest.fixture
def previews(monkeypatch):
    opened = []
    import ui.dialogs.report_preview_dialog as preview

    monkeypatch.setattr(preview, "preview_report", lambda parent, books, name, **options: opened.append((name, options)))
    return opened


def test_print_and_export_what_is_on_screen(qtbot, page, previews, monkeypatch, tmp_path):
    target = tmp_path / "导出.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    page.show_aux_balance("112", Period(2025, 2), Period(2025, 3))
    assert page.can("print")
    page.trigger("print")
    assert previews[-1] == ("aux-balance", {"period": (Period(2025, 2), Period(2025, 3)), "account": "112",
                                            "dimension": "counterparty"})
    qtbot.mouseClick(page.aux_balance_tab.export_button, Qt.MouseButton.LeftButton)
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert "辅助余额表 112 往来单位" in rows[0][0]
    assert rows[2][:2] == ("证件号码", "往来单位")
    assert rows[-1][1] == "合计" and rows[-1][9] == 3350
    page.aux_balance_tab.open_row(cells(page.aux_balance_tab.model, "name").index(TEA))
    page.trigger("print")
    name, options = previews[-1]
    assert name == "aux-ledger" and options["counterparty"].name == TEA and options["account"] == "112"
    page.trigger("export")
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert TEA in rows[0][0] and {r[0] for r in rows[3:]} == {TEA}


def test_preview_of_one_tenant_prints_and_exports_its_ledger(qtbot, tenants, tmp_path, monkeypatch, saved_messages):
    import pypdf

    from tests.ui.dialog_patches import save_as

    record = tenants.aux.find_record("counterparty", LI)
    dialog = ReportPreviewDialog(tenants, "aux-ledger", period=(Period(2025, 1), Period(2025, 3)), account="112",
                                 counterparty=record)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.worker.done, timeout=15000)
    assert dialog.page_count() == 1 and dialog.aux_label.text() == f"往来单位：{LI}"
    assert dialog.account() == "112" and dialog.excel_button.isEnabled()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(str(dialog.pdf_path)).pages)
    assert "辅助明细账" in text and f"往来单位：{LI}" in text and TEA not in text
    target = tmp_path / "明细.xlsx"
    save_as(monkeypatch, target)
    assert dialog.export_excel() == target
    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    assert {r[1] for r in rows[3:]} == {LI}
    dialog.reject()


def test_vouchers_page_detail_names_the_tenant(qtbot, tenants):
    from ui.pages.vouchers_page import VouchersPage

    page = VouchersPage(tenants, EventBridge(tenants.events))
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    page.refresh()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0)
    labels = cells(page.model, "summary")
    page.table.selectRow(labels.index("收茶源租金"))
    qtbot.waitUntil(lambda: page.lines_model.rowCount() == 2)
    accounts = cells(page.lines_model, "account")
    assert accounts == ["10201 银行存款—基本存款户", f"11201 应收款—租金—{TEA}"]


def test_choosing_the_compound_dimension_reads_112_by_compound(qtbot, tenants):
    from assetdesk.db.models import Account, AccountDimension
    from assetdesk.services.org_types import CompoundInput
    from tests.aux_books import post_aux

    tenants.org.add_area("P01", "东片区")
    tenants.org.add_compound(CompoundInput("XQ001", "兰苑小区", "P01"))
    AccountDimension.create(account=Account.get(Account.code == "112"), dimension="compound")
    tea, compound = tenants.aux.find_record("counterparty", TEA), tenants.aux.find_record("compound", "XQ001")
    post_aux(tenants, "2025-03-26", "兰苑物业费", ("11201", 880_00, {"counterparty_id": tea.id, "compound_id": compound.id}),
             ("50101", -880_00, {}))
    page = BooksPage(tenants, EventBridge(tenants.events))
    qtbot.addWidget(page)
    page.show_aux_balance("112", Period(2025, 3), Period(2025, 3))
    tab = page.aux_balance_tab
    assert [tab.choice.dimension.itemText(i) for i in range(tab.choice.dimension.count())] == ["往来单位", "小区"]
    tab.choice.dimension.setCurrentIndex(1)  # the clerk picks 小区: read at once
    assert tab.model.headerData(0, Qt.Orientation.Horizontal) == "小区编码"
    assert cells(tab.model, "code")[0] == "XQ001" and cells(tab.model, "name")[:2] == ["兰苑小区", "（未指定小区）"]
    assert cells(tab.model, "closing_amount_fen")[0] == "¥880.00"

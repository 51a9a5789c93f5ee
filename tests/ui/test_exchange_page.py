"""导入导出 page: every kind can be imported and has a template, exports write files, reports open."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt

from assetdesk.excel import KINDS, import_file
from assetdesk.pdf import REPORTS
from tests.helpers import post, rent_account
from tests.ui.dialog_patches import save_as
from ui.bridge import EventBridge
from ui.pages.exchange_page import ExchangePage


@pytest.fixture
def page(qtbot, books):
    bridge = EventBridge(books.events)
    page = ExchangePage(books, bridge)
    qtbot.addWidget(page)
    page.resize(1012, 700)
    yield page
    bridge.detach()


def test_page_offers_every_kind_export_and_report(page):
    assert ExchangePage.display_title() == "导入导出"
    assert set(page.import_buttons) == set(KINDS) == set(page.template_buttons)
    listed = [name for name in REPORTS if name != "receipt"]  # one receipt prints from 收款, by its number
    assert list(page.report_buttons) == listed
    assert [page.report_buttons[name].text() for name in listed] == [REPORTS[name][0] for name in listed]
    assert {"accounts", "counterparties", "compounds", "vouchers", "trial-balance"} <= set(page.export_buttons)
    assert str(page.balance_period.period()) == "2025-01"
    assert page.supports("print")


def test_page_is_registered_in_the_shell():
    from ui.main_window import PAGE_REGISTRY, load_page_classes

    assert ("ui.pages.exchange_page", "ExchangePage") in PAGE_REGISTRY
    classes, errors = load_page_classes([("ui.pages.exchange_page", "ExchangePage")])
    assert classes == [ExchangePage] and errors == []


def test_exported_chart_reimports_unchanged(qtbot, page, books, tmp_path, monkeypatch, saved_messages, shown_errors):
    target = tmp_path / "科目表.xlsx"
    save_as(monkeypatch, target)
    qtbot.mouseClick(page.export_buttons["accounts"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_worker.done, timeout=10000)
    assert saved_messages == [f"已导出到 {target}"]
    preview = import_file(books, "accounts", target, dry_run=True)
    assert preview.ok and preview.new == 0 and preview.changed == 0
    assert shown_errors == []


def test_vouchers_of_a_month_and_trial_balance_export(qtbot, page, books, tmp_path, monkeypatch, saved_messages):
    post(books, "2025-01-05", "收1号铺租金", ("10201", 800_00), (rent_account(books), -800_00))
    vouchers = tmp_path / "凭证.xlsx"
    save_as(monkeypatch, vouchers)
    page.voucher_period.set_period("2025-01")
    page.export_vouchers()
    qtbot.waitUntil(lambda: page.last_worker.done, timeout=10000)
    rows = list(openpyxl.load_workbook(vouchers).active.iter_rows(values_only=True))
    assert "凭证（2025年1月）" in rows[0][0]
    assert sum(1 for row in rows if row and row[2] == "收1号铺租金") == 2

    balance = tmp_path / "余额表.xlsx"
    save_as(monkeypatch, balance)
    page.export_trial_balance()
    qtbot.waitUntil(lambda: page.last_worker.done, timeout=10000)
    rows = list(openpyxl.load_workbook(balance).active.iter_rows(values_only=True))
    assert "科目余额表（2025年1月）" in rows[0][0] and rows[1][1] == "试算结果：平衡"
    assert len(saved_messages) == 2


def test_template_button_saves_the_template(qtbot, page, tmp_path, monkeypatch, saved_messages):
    target = tmp_path / "小区模板.xlsx"
    save_as(monkeypatch, target)
    qtbot.mouseClick(page.template_buttons["compounds"], Qt.MouseButton.LeftButton)
    sheet = openpyxl.load_workbook(target).worksheets[0]
    assert any("小区编码" in row for row in sheet.iter_rows(values_only=True))
    assert saved_messages == [f"已导出到 {target}"]


def test_report_button_opens_the_preview(qtbot, page):
    dialog = page.open_report("trial-balance")
    qtbot.waitUntil(lambda: dialog.worker.done and dialog.page_count() >= 1, timeout=15000)
    assert dialog.report_title == "科目余额表"
    with qtbot.waitSignal(dialog.destroyed, timeout=5000):
        dialog.close()


def test_import_button_opens_the_wizard_on_that_kind(qtbot, page, monkeypatch):
    from ui.dialogs.import_wizard import ImportWizard

    opened = []
    monkeypatch.setattr(ImportWizard, "exec", lambda self: opened.append(self.kind()) or 0)
    qtbot.mouseClick(page.import_buttons["opening-balances"], Qt.MouseButton.LeftButton)
    assert opened == ["opening-balances"]

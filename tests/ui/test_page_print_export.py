"""打印 (Ctrl+P) and 导出 (Ctrl+E) from the books screens: what is on screen goes to the preview or a workbook."""
from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from tests.helpers import post, rent_account
from ui.bridge import EventBridge


@pytest.fixture
def posted(books):
    rent = rent_account(books)
    books.accounts.set_opening_balances({"10201": 10_000_00, "301": -10_000_00})
    post(books, "2025-01-05", "收一月租金", ("10201", 1_234_50), (rent, -1_234_50))
    post(books, "2025-01-08", "提取备用金", ("101", 500_00), ("10201", -500_00))
    return books


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    target = tmp_path / "导出.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    return target


@pytest.fixture
def previews(monkeypatch):
    opened = []
    import ui.dialogs.report_preview_dialog as preview

    monkeypatch.setattr(preview, "preview_report", lambda parent, books, name, **options: opened.append((name, options)))
    return opened


def _page(cls, books, qtbot):
    page = cls(books, EventBridge(books.events))
    qtbot.addWidget(page)
    page.refresh()
    return page


def _cells(path):
    return [row for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)]


def test_books_page_prints_and_exports_the_tab_on_screen(qtbot, posted, save_to, previews, shown_errors):
    from ui.pages.books_page import BooksPage

    page = _page(BooksPage, posted, qtbot)
    page.tabs.setCurrentIndex(0)
    assert page.can("print") and page.can("export")
    page.trigger("print")
    assert previews[-1][0] == "trial-balance"
    page.trigger("export")
    rows = _cells(save_to)
    assert any(row and "102" in [str(c) for c in row] for row in rows)
    page.tabs.setCurrentIndex(3)  # 银行存款日记账
    page.trigger("print")
    assert previews[-1] == ("journal", {"period": page.bank_tab.range.range(), "account": "bank"})
    page.tabs.setCurrentIndex(4)  # 结账: nothing to print, the close/reopen log to export
    assert not page.can("print")
    posted.periods.close("2025-01")
    page.refresh()
    page.trigger("export")
    assert any(row and "结账" in [str(c) for c in row] for row in _cells(save_to))
    assert shown_errors == []


def test_vouchers_page_exports_the_list_and_prints_vouchers(qtbot, posted, save_to, previews, shown_errors):
    from ui.pages.vouchers_page import VouchersPage

    page = _page(VouchersPage, posted, qtbot)
    page.trigger("export")
    text = " ".join(str(c) for row in _cells(save_to) for c in row if c is not None)
    assert "收一月租金" in text and "提取备用金" in text
    page.trigger("print")
    assert previews[-1][0] == "vouchers"
    assert shown_errors == []


def test_accounts_page_exports_a_chart_that_reimports_unchanged(qtbot, posted, save_to, previews, shown_errors):
    from assetdesk.excel import import_file
    from ui.pages.accounts_page import AccountsPage

    page = _page(AccountsPage, posted, qtbot)
    page.trigger("export")
    assert import_file(posted, "accounts", save_to, dry_run=True).changed == 0
    page.trigger("print")
    assert previews[-1][0] == "chart"
    assert shown_errors == []


def test_settings_page_exports_users(qtbot, posted, save_to, shown_errors):
    from ui.pages.settings_page import SettingsPage

    posted.org.add_user("王会计", "会计")
    page = _page(SettingsPage, posted, qtbot)
    page.trigger("export")
    assert any(row and "王会计" in [str(c) for c in row] for row in _cells(save_to))
    assert shown_errors == []

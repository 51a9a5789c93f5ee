"""The 科目 page: chart tree, sub-accounts, refusals, opening balances with a live 试算平衡."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from tests.helpers import chart_with, post, rent_account
from ui.bridge import EventBridge
from ui.pages.accounts_page import AccountsPage


@pytest.fixture
def page(qtbot, books):
    bridge = EventBridge(books.events)
    page = AccountsPage(books, bridge)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    yield page
    bridge.detach()


def test_tree_shows_the_chart(page):
    top = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert top[:3] == ["101", "102", "111"] and len(top) == 42
    item = page._items["32202"]
    assert item.parent().text(0) == "322"
    assert [item.text(c) for c in range(5)] == ["32202", "未分配收益", "所有者权益", "贷", "启用"]


def test_add_rename_deactivate_and_delete_sub_account(page, books, monkeypatch):
    page.select_code("501")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("场地租金", True))
    page.add_button.click()
    assert books.accounts.get("50103").name == "场地租金"
    assert page._items["50103"].parent().text(0) == "501" and page.current_code() == "50103"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("商铺租金", True))
    page.rename_button.click()
    assert page._items["50103"].text(1) == "商铺租金"
    page.select_code("50103")
    page.active_button.click()
    assert not books.accounts.get("50103").is_active and page._items["50103"].text(4) == "停用"
    assert page.active_button.text() == "启用"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    assert "50103" not in page._items


def test_delete_of_a_used_account_shows_the_refusal(page, books, monkeypatch, shown_errors):
    rent = rent_account(books)
    post(books, "2025-01-05", "收租", ("10201", 100_00), (rent, -100_00))
    page.select_code(rent)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_button.click()
    assert "已有记账分录" in shown_errors[0][0].message
    assert rent in page._items
    page.select_code("101")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("现金", True))
    page.rename_button.click()
    assert "一级科目" in shown_errors[1][0].message


def test_search_filters_the_tree_by_pinyin(page, books):
    chart_with(books, ("50101", "租金收入"))
    page.search_edit.setText("zjsr")
    visible = [c for c, item in page._items.items() if not item.isHidden()]
    assert visible == ["501", "50101"]


def row_of(page, code):
    for number in range(page.opening_table.rowCount()):
        if page.opening_table.item(number, 0).text() == code:
            return number
    raise KeyError(code)


def test_opening_balances_live_check_and_save(qtbot, page, books, typist):
    table = page.opening_table
    page.tabs.setCurrentIndex(1)
    cash = row_of(page, "101")
    table.setCurrentCell(cash, 3)
    table.editItem(table.item(cash, 3))
    typist(table.focusWidget(), "1.2万")
    qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.item(cash, 3).text() == "¥12,000.00")
    assert page.opening_status.text() == "不平衡"
    assert page.opening_difference.text() == "差额 ¥12,000.00"
    assert "c62828" in page.opening_status.styleSheet()
    capital = row_of(page, "301")
    table.item(capital, 4).setText("12000")
    assert page.opening_is_balanced_on_screen() and "2e7d32" in page.opening_status.styleSheet()
    assert page.opening_debit.text() == "借方合计 ¥12,000.00"
    page.trigger("save")
    check = books.accounts.opening_check()
    assert check.balanced and check.debit_fen == 12_000_00
    assert table.item(row_of(page, "301"), 4).text() == "¥12,000.00"


def test_unreadable_opening_amount_is_marked_and_not_saved(page, books, shown_errors):
    table = page.opening_table
    table.item(row_of(page, "10201"), 3).setText("abc")
    assert page.opening_status.text() == "有金额无法识别"
    page.save_opening_balances()
    assert "科目 10201 借方" in shown_errors[0][0].message
    assert books.accounts.opening_check().debit_fen == 0
    assert table.item(row_of(page, "10201"), 3).text() == "abc"


def test_typed_openings_survive_a_refresh_and_closing_asks_first(qtbot, books, monkeypatch):
    from ui.main_window import MainWindow

    window = MainWindow(books)
    window.set_auto_backup(False)
    qtbot.addWidget(window)
    window.show()
    page = window.show_page("AccountsPage")
    table = page.opening_table
    table.item(row_of(page, "10201"), 3).setText("500")
    books.accounts.add_sub_account("504", "杂项收入")  # another change arrives: the page refreshes
    assert page.has_unsaved_changes() and table.item(row_of(page, "10201"), 3).text() == "¥500.00"
    asked = []

    def answer(*args, **kwargs):
        asked.append(args[2])
        return QMessageBox.StandardButton.Cancel if len(asked) == 1 else QMessageBox.StandardButton.Save

    monkeypatch.setattr(QMessageBox, "question", staticmethod(answer))
    assert not window.close() and window.isVisible()  # 取消: stay open, nothing lost
    assert "“科目”中有尚未保存的修改" in asked[0]
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a, **k: None))
    assert window.close()  # 保存
    from assetdesk.services import open_books

    reopened = open_books(books.database_path)
    assert reopened.accounts.opening_check().debit_fen == 500_00
    reopened.close()

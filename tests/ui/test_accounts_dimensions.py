"""科目 page: the clerk sees and sets an account's 辅助核算, and enters the opening of 应收款 by 往来单位."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from assetdesk.services.org import CounterpartyInput
from tests.helpers import post
from ui.bridge import EventBridge
from ui.pages.accounts_page import AccountsPage

SHOTS = None  # set to a folder to keep the screenshots


@pytest.fixture
def page(qtbot, books):
    bridge = EventBridge(books.events)
    page = AccountsPage(books, bridge)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    with qtbot.waitActive(page):
        page.show()
        page.activateWindow()
    yield page
    bridge.detach()


@pytest.fixture
def tenants(books):
    return [books.org.add_counterparty(CounterpartyInput(name)) for name in ("普洱茶源商贸有限公司", "张三（商铺）")]


def click(qtbot, widget):
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def tick(qtbot, box):
    """Click a check box on its square, as the clerk does."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def editor_of(qtbot, table):
    """The line edit of the cell being edited."""
    qtbot.waitUntil(lambda: any(e.isVisible() for e in table.findChildren(QLineEdit)))
    return next(e for e in table.findChildren(QLineEdit) if e.isVisible())


def shot(widget, name):
    if SHOTS:
        widget.grab().save(f"{SHOTS}/{name}.png")


def row_of(page, code):
    table = page.opening_table
    return next(n for n in range(table.rowCount()) if table.item(n, 0).text() == code)


# ---------------------------------------------------------------- 科目表: see and set

def test_the_tree_shows_each_accounts_dimensions_a_sub_account_greyed_as_its_parents(page, books):
    books.accounts.add_sub_account("112", "应收租金")
    header = page.tree.headerItem()
    assert header.text(5) == "辅助核算"
    assert page._items["112"].text(5) == "往来单位" and page._items["102"].text(5) == ""
    child = page._items["11201"]
    assert child.text(5) == "往来单位" and child.toolTip(5) == "由上级科目设置"


def test_the_clerk_ticks_counterparty_and_compound_for_211_unavailable_ones_greyed(qtbot, page, books):
    page.select_code("211")
    click(qtbot, page.dimensions_button)
    dialog = page.dimensions_dialog
    qtbot.waitExposed(dialog)
    boxes = dialog.boxes
    assert not boxes["counterparty"].isChecked() and boxes["counterparty"].isEnabled()
    assert boxes["asset"].isEnabled()
    assert not boxes["fund"].isEnabled() and "资金项目台账尚未建立" in boxes["fund"].toolTip()
    assert "尚未启用" in boxes["fund"].text()
    tick(qtbot, boxes["counterparty"])
    tick(qtbot, boxes["compound"])
    shot(dialog, "account-dimensions-dialog")
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert not dialog.isVisible()
    assert books.accounts.dimensions_of("211") == ("counterparty", "compound")
    qtbot.waitUntil(lambda: page._items["211"].text(5) == "往来单位、小区")
    shot(page, "accounts-chart-dimensions")


def test_a_sub_account_shows_its_parents_dimension_ticked_and_locked(qtbot, page, books):
    books.accounts.add_sub_account("112", "应收租金")
    page.select_code("11201")
    click(qtbot, page.dimensions_button)
    box = page.dimensions_dialog.boxes["counterparty"]
    assert box.isChecked() and not box.isEnabled() and "112 应收款" in box.toolTip()
    page.dimensions_dialog.reject()


def test_a_refusal_is_shown_and_the_dialog_stays_open_with_nothing_saved(qtbot, page, books, shown_errors):
    deposit = "21101"  # 押金: new books have it
    post(books, "2025-01-08", "收押金", ("10201", 500_00), (deposit, -500_00))
    page.select_code("211")
    click(qtbot, page.dimensions_button)
    dialog = page.dimensions_dialog
    tick(qtbot, dialog.boxes["counterparty"])
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))
    assert "已有 1 笔记账分录没有指明往来单位" in shown_errors[0][0].message
    assert dialog.isVisible() and books.accounts.dimensions_of("211") == ()
    dialog.reject()


# ---------------------------------------------------------------- 期初余额: the breakdown of 112

def open_breakdown_of_112(qtbot, page, typist, amount: str | None):
    page.tabs.setCurrentIndex(1)
    table = page.opening_table
    receivable = row_of(page, "112")
    assert table.item(receivable, 5).text().startswith("往来单位")
    table.setCurrentCell(row_of(page, "101"), 3)
    assert not page.breakdown_button.isEnabled()  # 库存现金 carries nothing
    if amount is not None:
        table.setCurrentCell(receivable, 3)
        table.editItem(table.item(receivable, 3))
        editor = editor_of(qtbot, table)
        typist(editor, amount)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.item(receivable, 3).text() != "")
    table.setCurrentCell(receivable, 5)
    assert page.breakdown_button.isEnabled()
    click(qtbot, page.breakdown_button)
    dialog = page.breakdown_dialog
    qtbot.waitExposed(dialog)
    return dialog


def add_line(qtbot, dialog, monkeypatch, tenant, amount, typist):
    import ui.dialogs.opening_breakdown_dialog as module

    monkeypatch.setattr(module, "pick_counterparty", lambda parent, books: (tenant.id, tenant.name))
    click(qtbot, dialog.add_button)
    editor = editor_of(qtbot, dialog.table)  # the new line's 借方 cell is being edited
    typist(editor, amount)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits the edit on its next turn
    qtbot.waitUntil(lambda: dialog.table.item(dialog.table.rowCount() - 1, 1).text() != "")


def test_the_clerk_enters_112_by_tenant_and_saves_only_when_it_adds_up(qtbot, page, books, tenants, typist, monkeypatch):
    tea, zhang = tenants
    dialog = open_breakdown_of_112(qtbot, page, typist, "36000")
    assert dialog.opening_label.text() == "科目期初余额 借 36,000.00"
    add_line(qtbot, dialog, monkeypatch, tea, "20000", typist)
    add_line(qtbot, dialog, monkeypatch, zhang, "15000", typist)
    assert dialog.sum_label.text() == "明细合计 借 35,000.00" and dialog.status_label.text() == "差额 -¥1,000.00"
    assert not dialog.save_button.isEnabled()
    dialog.table.item(1, 1).setText("16000")
    assert dialog.status_label.text() == "相符" and dialog.save_button.isEnabled()
    shot(dialog, "opening-breakdown-dialog")
    click(qtbot, dialog.save_button)
    assert not dialog.isVisible()
    assert {r.label: r.amount_fen for r in books.accounts.opening_breakdown("112")} == {
        "普洱茶源商贸有限公司": 20_000_00, "张三（商铺）": 16_000_00}
    receivable = row_of(page, "112")
    qtbot.waitUntil(lambda: page.opening_table.item(receivable, 5).text() == "往来单位（2 项）")
    assert page.opening_table.item(receivable, 3).text() == "¥36,000.00" and not page.has_unsaved_changes()
    shot(page, "accounts-opening-breakdown")


def test_the_lines_sum_can_become_the_opening(qtbot, page, books, tenants, typist, monkeypatch):
    dialog = open_breakdown_of_112(qtbot, page, typist, None)
    add_line(qtbot, dialog, monkeypatch, tenants[0], "500", typist)
    assert dialog.status_label.text() == "差额 ¥500.00" and dialog.take_sum_button.isEnabled()
    click(qtbot, dialog.take_sum_button)
    click(qtbot, dialog.save_button)
    assert books.accounts.opening_check().debit_fen == 500_00
    assert page.opening_table.item(row_of(page, "112"), 3).text() == "¥500.00"


def test_a_refusal_is_shown_and_the_breakdown_dialog_stays_open(qtbot, page, books, typist, monkeypatch, shown_errors):
    """A record gone meanwhile (another window): the service's refusal is shown, nothing saved."""
    from types import SimpleNamespace

    dialog = open_breakdown_of_112(qtbot, page, typist, "500")
    add_line(qtbot, dialog, monkeypatch, SimpleNamespace(id=99999, name="已删除的往来单位"), "500", typist)
    click(qtbot, dialog.save_button)
    assert "往来单位（编号 99999）不存在" in shown_errors[0][0].message and dialog.isVisible()
    assert books.accounts.opening_breakdown("112") == [] and books.accounts.opening_check().debit_fen == 0
    dialog.reject()


def test_once_the_first_month_is_closed_the_breakdown_is_only_shown(qtbot, page, books, tenants, typist):
    from assetdesk.services.accounts import BreakdownInput

    books.accounts.set_opening_balances({"112": 300_00, "301": -300_00},
                                        breakdown={"112": [BreakdownInput(300_00, tenants[1].id)]})
    books.periods.close("2025-01")
    dialog = open_breakdown_of_112(qtbot, page, typist, None)
    assert dialog.table.item(0, 0).text() == "张三（商铺）" and dialog.table.item(0, 1).text() == "¥300.00"
    assert not dialog.table.item(0, 1).flags() & Qt.ItemFlag.ItemIsEditable
    assert not dialog.add_button.isEnabled() and not dialog.save_button.isVisible()
    assert "已结账，期初明细只能查看" in dialog.findChild(QLabel, "hint").text()
    dialog.reject()

"""设置 → 记账规则: the clerk sees every rule, changes one through the account picker, and is told why not."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from ui.bridge import EventBridge
from ui.models.table_model import NEGATIVE_COLOUR


@pytest.fixture
def page(qtbot, books):
    from ui.pages.settings_page import SettingsPage

    page = SettingsPage(books, EventBridge(books.events))
    qtbot.addWidget(page)
    page.resize(1200, 900)
    page.show()
    qtbot.waitExposed(page)
    return page


def cell(widget, key: str, column: str):
    model = widget.model
    number = next(i for i, row in enumerate(model.rows()) if row.key == key)
    return model.index(number, model.column_index(column))


def click_rule(qtbot, widget, key: str) -> None:
    index = cell(widget, key, "event")
    widget.view.scrollTo(index)
    qtbot.mouseClick(widget.view.viewport(), Qt.MouseButton.LeftButton, pos=widget.view.visualRect(index).center())
    assert widget.selected_rule().key == key


def retype(qtbot, edit, typist, text: str) -> None:
    qtbot.mouseClick(edit, Qt.MouseButton.LeftButton)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    typist(edit, text)


def rule(books, key: str):
    return next(row for row in books.posting_rules.list_rules() if row.key == key)


def test_every_rule_is_listed_with_its_account_and_status(page):
    widget = page.rules_widget
    assert widget.model.rowCount() == 21
    assert cell(widget, "rent.income", "event").data() == "租金到期"
    assert cell(widget, "rent.income", "label").data() == "租金收入"
    assert cell(widget, "rent.income", "side").data() == "贷"
    assert cell(widget, "rent.income", "account_code").data() == "50101 经营收入—租金收入"
    assert cell(widget, "bank", "account_code").data() == "10201 银行存款—基本存款户"
    assert {widget.model.index(i, 4).data() for i in range(18)} == {"可用"}


def test_the_clerk_points_rent_at_a_new_sub_account(qtbot, page, books, typist, tmp_path):
    widget = page.rules_widget
    books.accounts.add_sub_account("501", "门面房租金", "50103")  # as in 科目; the section hears accounts_changed
    click_rule(qtbot, widget, "rent.income")
    assert widget.account_edit.text() == "50101 经营收入—租金收入"
    assert "501 经营收入 下已启用的末级科目" in widget.allowed_label.text()
    retype(qtbot, widget.account_edit, typist, "2")
    assert widget.account_edit.popup_codes() == []  # 211 应付款 and the like are not offered for rent income
    retype(qtbot, widget.account_edit, typist, "门面")
    assert widget.account_edit.popup_codes() == ["50103"]
    qtbot.keyClick(widget.account_edit, Qt.Key.Key_Return)
    assert rule(books, "rent.income").account_code == "50103"
    assert books.posting_rules.resolve(["rent.income"]) == {"rent.income": "50103"}
    assert cell(widget, "rent.income", "account_code").data() == "50103 经营收入—门面房租金"
    assert widget.selected_rule().key == "rent.income"
    assert widget.account_edit.text() == "50103 经营收入—门面房租金"
    page.grab().save(str(tmp_path / "settings_rules.png"))


def test_a_parent_account_is_refused_with_the_message_and_nothing_written(qtbot, page, books, typist, shown_errors):
    widget = page.rules_widget
    audit = books.ctx.db.execute_sql("SELECT COUNT(*) FROM audit_entry").fetchone()[0]
    click_rule(qtbot, widget, "rent.income")
    retype(qtbot, widget.account_edit, typist, "501")
    qtbot.mouseClick(widget.apply_button, Qt.MouseButton.LeftButton)
    assert len(shown_errors) == 1
    assert shown_errors[0][0].message == ("记账规则“租金到期—租金收入”未修改：科目“501 经营收入”有明细科目，"
                                          "不是末级科目")
    assert rule(books, "rent.income").account_code == "50101"
    assert books.ctx.db.execute_sql("SELECT COUNT(*) FROM audit_entry").fetchone()[0] == audit
    assert cell(widget, "rent.income", "account_code").data() == "50101 经营收入—租金收入"


def test_a_rule_broken_by_the_chart_shows_why_in_red(qtbot, page, books):
    widget = page.rules_widget
    books.accounts.add_sub_account("50101", "门面房")
    status = cell(widget, "rent.income", "problem")
    assert status.data() == "科目“50101 经营收入—租金收入”有明细科目，不是末级科目"
    assert status.data(Qt.ItemDataRole.ForegroundRole).color() == NEGATIVE_COLOUR
    assert cell(widget, "rent.receivable", "problem").data(Qt.ItemDataRole.ForegroundRole) is None
    books.accounts.set_active("10201", False)
    assert cell(widget, "bank", "problem").data() == "科目“10201 银行存款—基本存款户”已停用"

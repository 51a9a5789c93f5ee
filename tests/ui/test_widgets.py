"""Money, date and period editors, typed into like a clerk."""
import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from assetdesk.errors import AmountError, DateError
from assetdesk.periods import Period
from ui.widgets.date_edit import DateEdit
from ui.widgets.money_edit import MoneyEdit
from ui.widgets.period_picker import PeriodPicker


@pytest.fixture
def form(qtbot):
    """A window with the editor under test and a second field to tab to."""
    hosts = []

    def make(editor):
        host = QWidget()
        layout = QVBoxLayout(host)
        layout.addWidget(editor)
        other = QLineEdit()
        layout.addWidget(other)
        qtbot.addWidget(host)
        hosts.append(host)
        with qtbot.waitActive(host):
            host.show()
            host.activateWindow()
        editor.setFocus()
        return other
    return make


def leave(qtbot, widget):
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def test_money_edit_accepts_wan_and_shows_yuan_format(qtbot, form, typist):
    edit = MoneyEdit()
    form(edit)
    changes = []
    edit.value_changed.connect(changes.append)
    typist(edit, "12.5万")
    leave(qtbot, edit)
    assert edit.fen() == 12_500_000
    assert edit.text() == "¥125,000.00"
    assert changes == [12_500_000]
    assert edit.alignment() & Qt.AlignmentFlag.AlignRight
    assert edit.is_valid() and edit.error_message() == ""


@pytest.mark.parametrize("typed,fen", [("1234.5", 123450), ("1,234.50", 123450), ("¥1234.50", 123450),
                                       ("1234.50元", 123450), ("１２３４．５", 123450), ("-8", -800)])
def test_money_edit_accepts_every_clerk_form(qtbot, form, typed, fen, typist):
    edit = MoneyEdit()
    form(edit)
    typist(edit, typed)
    leave(qtbot, edit)
    assert edit.fen() == fen


def test_money_edit_rejects_abc_with_chinese_reason_and_keeps_text(qtbot, form, typist):
    edit = MoneyEdit()
    form(edit)
    typist(edit, "abc")
    leave(qtbot, edit)
    assert edit.text() == "abc"  # never loses what the clerk typed
    assert not edit.is_valid()
    assert "金额“abc”无法识别" in edit.toolTip()
    assert "d32f2f" in edit.styleSheet()  # red border
    with pytest.raises(AmountError):
        edit.fen()
    edit.setFocus()
    edit.clear()
    typist(edit, "100")
    leave(qtbot, edit)
    assert edit.fen() == 10000 and edit.styleSheet() == ""


def test_money_edit_editing_form_and_negative_red(qtbot, form):
    edit = MoneyEdit()
    other = form(edit)
    other.setFocus()
    edit.set_fen(-123450)
    assert edit.text() == "-¥1,234.50"
    assert "c62828" in edit.styleSheet()
    edit.setFocus()
    assert edit.text() == "-1234.50"  # easy to edit
    assert edit.fen() == -123450


def test_money_edit_refuses_negative_when_not_allowed(qtbot, form, typist):
    edit = MoneyEdit(allow_negative=False)
    form(edit)
    typist(edit, "-5")
    leave(qtbot, edit)
    assert "不能为负数" in edit.error_message()


def test_money_edit_empty_is_none(qtbot, form):
    edit = MoneyEdit()
    form(edit)
    assert edit.fen() is None
    required = MoneyEdit(required=True)
    assert not required.is_valid()


@pytest.mark.parametrize("typed", ["2025-01-31", "2025/1/31", "2025.1.31", "2025年1月31日", "20250131"])
def test_date_edit_accepts_clerk_forms(qtbot, form, typed, typist):
    edit = DateEdit()
    form(edit)
    typist(edit, typed)
    leave(qtbot, edit)
    assert edit.date() == dt.date(2025, 1, 31)
    assert edit.text() == "2025-01-31"


def test_date_edit_rejects_impossible_date(qtbot, form, typist):
    edit = DateEdit()
    form(edit)
    typist(edit, "2025-02-30")
    leave(qtbot, edit)
    assert edit.text() == "2025-02-30"
    assert "不存在" in edit.toolTip()
    with pytest.raises(DateError):
        edit.date()


def test_date_edit_calendar_popup_with_f4(qtbot, form):
    edit = DateEdit()
    form(edit)
    edit.set_date(dt.date(2025, 3, 15))
    qtbot.keyClick(edit, Qt.Key.Key_F4)
    menu = edit._calendar_menu
    assert menu.isVisible()
    from PySide6.QtCore import QDate
    from PySide6.QtWidgets import QCalendarWidget
    calendar = menu.findChild(QCalendarWidget)
    assert calendar.selectedDate() == QDate(2025, 3, 15)
    calendar.clicked.emit(QDate(2025, 3, 20))
    assert edit.date() == dt.date(2025, 3, 20)


def test_period_picker_choose_type_and_step(qtbot, form, typist):
    picker = PeriodPicker(periods=[Period(2025, m) for m in range(1, 7)])
    form(picker)
    assert picker.period() == Period(2025, 6)  # newest offered by default
    changes = []
    picker.period_changed.connect(changes.append)
    picker.lineEdit().selectAll()
    typist(picker.lineEdit(), "2025年3月")
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    assert picker.period() == Period(2025, 3)
    assert picker.currentText() == "2025-03"
    qtbot.keyClick(picker, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert picker.period() == Period(2025, 4)
    assert changes == [Period(2025, 3), Period(2025, 4)]


def test_period_picker_rejects_bad_text(qtbot, form, typist):
    picker = PeriodPicker()
    form(picker)
    typist(picker.lineEdit(), "2025-13")
    qtbot.keyClick(picker.lineEdit(), Qt.Key.Key_Return)
    with pytest.raises(DateError):
        picker.period()
    assert "2025-13" in picker.lineEdit().toolTip()

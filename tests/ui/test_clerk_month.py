"""A clerk's month end to end: type a voucher with the keyboard, post, see it in the list and the
trial balance, reverse it, close the month, and see a posting into the closed month refused."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from assetdesk.periods import Period
from tests.helpers import rent_account
from tests.ui.test_voucher_dialog import ENTER, keys, type_date
from ui.bridge import EventBridge
from ui.pages.books_page import BooksPage
from ui.pages.vouchers_page import VouchersPage


def cells(model, key):
    column = model.column_index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_clerk_month(qtbot, books, monkeypatch, shown_errors):
    rent = rent_account(books)
    bridge = EventBridge(books.events)
    vouchers = VouchersPage(books, bridge)
    ledger = BooksPage(books, bridge)
    for page in (vouchers, ledger):
        qtbot.addWidget(page)
        page.resize(1100, 700)
    ledger.show()
    with qtbot.waitActive(vouchers):
        vouchers.show()
        vouchers.activateWindow()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)

    # 1. Ctrl+N on the page, type the voucher with the keyboard only, post it
    vouchers.trigger("new")
    dialog = vouchers._dialogs[-1]
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    type_date(qtbot, dialog, "2025-01-20")
    keys(qtbot, "收到一月租金", ENTER, "10201", ENTER, "500", ENTER,
         "..", ENTER, "zjsr", ENTER, ENTER, "=")
    assert dialog.difference_label.text() == "借贷平衡"
    dialog.post_button.click()
    assert shown_errors == []
    voucher_id = dialog.voucher_id
    dialog._saved_snapshot = dialog.snapshot()
    dialog.close()

    # 2. in the list and in the trial balance (screen and service)
    assert cells(vouchers.model, "label") == ["记-0001"]
    assert cells(vouchers.model, "summary") == ["收到一月租金"]
    ledger.tb_range.start.set_period(Period(2025, 1))
    ledger.tb_range.end.set_period(Period(2025, 1))
    ledger.load_trial_balance()
    row = cells(ledger.tb_model, "code").index("102")
    assert cells(ledger.tb_model, "debit_fen")[row] == "¥500.00"
    tb = books.ledger.trial_balance("2025-01")
    assert next(r for r in tb.rows if r.code == "102").debit_fen == 500_00
    assert next(r for r in tb.rows if r.code == rent).credit_fen == 500_00

    # 3. reverse it (dated today, 2025-03): 102 nets to zero over the quarter
    vouchers.select_voucher(voucher_id)
    vouchers.reverse_button.click()
    assert cells(vouchers.model, "is_reversal") == ["红字冲销", ""]
    assert books.ledger.balance("10201", Period(2025, 3)) == 0
    ledger.tb_range.end.set_period(Period(2025, 3))
    ledger.load_trial_balance()
    assert "102" not in cells(ledger.tb_model, "code")  # 500 and red −500 in 借方: nothing left to show
    assert ledger.tb_status.text() == "试算平衡"

    # 4. close January on the 结账 tab
    ledger.tabs.setCurrentIndex(4)
    ledger.periods_table.selectRow(0)
    ledger.close_button.click()
    assert shown_errors == [] and books.periods.is_closed("2025-01")
    assert cells(ledger.periods_model, "status")[0] == "已结账"

    # 5. a posting into January is refused with the service's message; nothing typed is lost
    vouchers.trigger("new")
    dialog = vouchers._dialogs[-1]
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    type_date(qtbot, dialog, "2025-01-31")
    keys(qtbot, "补记租金", ENTER, "10201", ENTER, "100", ENTER, "..", ENTER, "zjsr", ENTER, ENTER, "=")
    dialog.post_button.click()
    assert [e.message for e, _ in shown_errors] == ["2025-01 已结账，不能在该月记账"]
    assert dialog.grid.cell(1, 3).text() == "100.00"
    assert books.vouchers.count_vouchers() == 2
    dialog._saved_snapshot = dialog.snapshot()
    dialog.close()
    bridge.detach()

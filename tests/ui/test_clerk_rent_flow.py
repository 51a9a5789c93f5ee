"""Issue 11's clerk flow, through the screens: register an idle shop, lease it, run 租金到期出账,
collect a quarter's rent at the counter with the keyboard only, print the receipt, and see the
asset turn 出租 and the receipt's voucher in the journal."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from assetdesk.money import to_capital
from assetdesk.periods import Period
from assetdesk.services.leases.terms import PaymentCycle
from assetdesk.services.receivables.types import Payer
from tests.pdf.conftest import pdf_text
from tests.ui.conftest import show_main_window
from ui.dialogs.asset_dialog import AssetDialog
from ui.dialogs.lease_dialog import LeaseDialog
from ui.pages.leases_page import LeasesPage


def _fill_and_save(monkeypatch, qtbot, cls, fill):
    """The next ``cls`` dialog is filled by ``fill(dialog)`` and its 保存 clicked, like the clerk would."""
    def exec_(dialog):
        dialog.show()
        fill(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()
    monkeypatch.setattr(cls, "exec", exec_)


def _idle_shop(typist):
    def fill(dialog):
        typist(dialog.code_edit, "ZC001")
        typist(dialog.name_edit, "东街商铺")
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("商铺"))
        typist(dialog.location_edit, "东街12号")
        dialog.building_area.setValue(120)
        dialog.acquisition_combo.setCurrentIndex(dialog.acquisition_combo.findData("自建"))
        typist(dialog.acquired_edit, "2020-01-01")
        typist(dialog.original_edit, "12万")
        dialog.life_spin.setValue(240)
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("闲置"))
    return fill


def _lease(typist):
    def fill(dialog):
        typist(dialog.number_edit, "ZL2025-001")
        dialog.tenant_combo.set_name("叶桂霞")
        row = dialog.asset_rows[0] if dialog.asset_rows else dialog.add_asset_row()
        row.combo.setCurrentIndex(row.combo.findData("ZC001"))
        typist(dialog.decision_edit, "兰社决〔2024〕12号")
        typist(dialog.start_edit, "2025-01-01")
        typist(dialog.end_edit, "2027-12-31")
        dialog.rent_edit.set_fen(3_000_00)
        dialog.cycle_combo.setCurrentIndex(dialog.cycle_combo.findData(PaymentCycle.QUARTERLY))
        dialog.due_day_spin.setValue(1)
        dialog.deposit_edit.set_fen(6_000_00)
    return fill


def test_the_clerk_lets_a_shop_and_collects_a_quarter(qtbot, books, monkeypatch, typist, saved_messages):
    window = show_main_window(qtbot, books)

    # 资产台账: register the idle shop through the dialog
    assets_page = window.show_page("AssetsPage")
    _fill_and_save(monkeypatch, qtbot, AssetDialog, _idle_shop(typist))
    qtbot.mouseClick(assets_page.register_button, Qt.MouseButton.LeftButton)
    assert books.assets.get("ZC001").status == "闲置"

    # 租赁合同: lease it through the contract dialog, then 租金到期出账 through 2025-03
    leases_page = window.show_page("LeasesPage")
    _fill_and_save(monkeypatch, qtbot, LeaseDialog, _lease(typist))
    qtbot.mouseClick(leases_page.new_button, Qt.MouseButton.LeftButton)
    lease = books.leases.get("ZL2025-001")
    assert (lease.tenant_name, lease.asset_codes, lease.deposit_fen) == ("叶桂霞", ("ZC001",), 6_000_00)
    monkeypatch.setattr(LeasesPage, "ask_through", lambda self: Period(2025, 3))
    qtbot.mouseClick(leases_page.bill_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "出账至 2025-03" in leases_page.last_message, timeout=20000)
    owed = books.receivables.open_charges(Payer.counterparty(lease.tenant_id))
    assert [(c.due_on, c.outstanding_fen) for c in owed] == [(dt.date(2025, 1, 1), 9_000_00)]

    # 收款: keyboard only — find the tenant by pinyin, Enter, type the quarter's rent, Enter
    receipts_page = window.show_page("ReceiptsPage")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)  # 查找: the search box
    assert receipts_page.search_edit.hasFocus()
    QTest.keyClicks(receipts_page.search_edit, "ygx")
    QTest.keyClick(receipts_page.search_edit, Qt.Key.Key_Return)
    assert receipts_page.payer.name == "叶桂霞" and receipts_page.amount_edit.hasFocus()
    QTest.keyClicks(receipts_page.amount_edit, "9000")
    QTest.keyClick(receipts_page.amount_edit, Qt.Key.Key_Return)
    receipt = receipts_page.last_receipt
    assert receipt is not None and receipt.amount_fen == 9_000_00 and receipt.method == "现金"
    assert receipt.number in receipts_page.result_label.text()
    assert books.receivables.open_charges(Payer.counterparty(lease.tenant_id)) == []

    # 打印收据: Ctrl+P opens the receipt; its PDF names the number and the 大写 amount
    QTest.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    preview = receipts_page.preview
    assert preview is not None
    qtbot.waitUntil(lambda: preview.pdf_path is not None, timeout=30000)
    text = pdf_text(preview.pdf_path).replace(" ", "")
    assert receipt.number in text and to_capital(9_000_00) in text  # 玖仟元整
    assert "叶桂霞" in text
    preview.close()

    # the shop is 出租 now, on the 资产台账 page too
    assert books.assets.get("ZC001").status == "出租"
    window.show_page("AssetsPage")
    column = assets_page.register_model.column_index("status")
    qtbot.waitUntil(lambda: assets_page.register_model.index(0, column).data() == "出租")

    # the receipt's voucher is in the journal (凭证 page)
    assert receipt.voucher_label
    vouchers_page = window.show_page("VouchersPage")
    qtbot.waitUntil(lambda: vouchers_page.model.rowCount() > 0)
    labels = {f"{row.period} {row.label}" for row in vouchers_page.model.rows()}
    assert receipt.voucher_label in labels, labels

"""The 收款 page: find a tenant at the counter, take the rent with the keyboard, partial and over-
payments, choosing charges, the receipts list with 作废, and the side dialogs' refusals."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog

from assetdesk.services.receivables.types import Payer
from tests.ui.rent_helpers import QUARTER_FEN, leased_shop
from ui.bridge import EventBridge
from ui.dialogs.receipt_dialogs import REFUND, DepositDialog
from ui.pages.receipts_page import ReceiptsPage


@pytest.fixture
def lease(books):
    return leased_shop(books)


@pytest.fixture
def page(qtbot, books, lease):
    bridge = EventBridge(books.events)
    page = ReceiptsPage(books, bridge)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    page.activateWindow()
    qtbot.waitExposed(page)
    yield page
    bridge.detach()


def _cells(model, key):
    column = model.column_index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def _find(page, qtbot, typist, text):
    page.search_edit.clear()
    typist(page.search_edit, text)
    QTest.keyClick(page.search_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.payer is not None)


def _pay(page, typist, amount: str):
    page.amount_edit.setFocus()
    page.amount_edit.selectAll()
    typist(page.amount_edit, amount)
    QTest.keyClick(page.amount_edit, Qt.Key.Key_Return)


def _owed(books, lease):
    return sum(c.outstanding_fen for c in books.receivables.open_charges(Payer.counterparty(lease.tenant_id)))


@pytest.mark.parametrize("text", ["ygx", "叶桂", "2025-001"])
def test_the_counter_finds_the_tenant_by_name_initials_or_contract(page, qtbot, typist, text):
    _find(page, qtbot, typist, text)
    assert page.payer.name == "叶桂霞"
    assert _cells(page.charges_model, "lease") == ["ZL2025-001", "ZL2025-001"]
    assert _cells(page.charges_model, "outstanding_fen") == ["¥9,000.00", "¥9,000.00"]
    assert _cells(page.charges_model, "due_on") == ["2025-01-01", "2025-04-01"]
    assert _cells(page.charges_model, "days") == ["73", ""]  # 2025-03-15: the first quarter is overdue
    assert "¥18,000.00" in page.owed_label.text()
    assert page.amount_edit.fen() == 2 * QUARTER_FEN  # the amount proposed is all that is owed
    assert "押金结存 ¥0.00（约定 ¥6,000.00）" in page.deposit_label.text() and "东街商铺" in page.deposit_label.text()


def test_a_partial_payment_leaves_the_rest_open(page, books, lease, qtbot, typist):
    _find(page, qtbot, typist, "ygx")
    _pay(page, typist, "3000")
    receipt = page.last_receipt
    assert receipt is not None and receipt.amount_fen == 3_000_00 and receipt.method == "现金"
    assert receipt.number in page.result_label.text() and page.result_frame.isVisible()
    assert _owed(books, lease) == 2 * QUARTER_FEN - 3_000_00
    assert _cells(page.charges_model, "outstanding_fen") == ["¥6,000.00", "¥9,000.00"]  # oldest first
    assert _cells(page.receipts_model, "number") == [receipt.number]
    assert page.search_edit.hasFocus()  # ready for the next payer


def test_an_overpayment_is_kept_as_credit(page, books, lease, qtbot, typist):
    _find(page, qtbot, typist, "ygx")
    _pay(page, typist, "18500")
    assert page.last_receipt.credit_fen == 500_00
    assert "多收 ¥500.00 转为预收" in page.result_label.text()
    assert page.charges_model.rowCount() == 0
    assert "¥500.00" in page.credit_label.text()
    assert books.receivables.credit_of(Payer.counterparty(lease.tenant_id)) == 500_00


def test_the_credit_is_refunded_from_the_counter(page, books, lease, qtbot, typist, monkeypatch):
    from ui.dialogs.receipt_dialogs import CreditRefundDialog

    _find(page, qtbot, typist, "ygx")
    _pay(page, typist, "18500")  # ¥500.00 more than owed: 预收

    def exec_(dialog):
        dialog.show()
        assert "¥500.00" in dialog.facts.text() and dialog.amount_edit.fen() == 500_00  # the whole credit offered
        typist(dialog.reason_edit, "多交的租金退回")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()
    monkeypatch.setattr(CreditRefundDialog, "exec", exec_)
    qtbot.mouseClick(page.credit_refund_button, Qt.MouseButton.LeftButton)
    assert books.receivables.credit_of(Payer.counterparty(lease.tenant_id)) == 0
    assert not [f for f in books.check.run() if "112" in f.message]  # 应收款 still equals the tenants


def test_keys_choose_the_method_and_chosen_charges_only(page, books, lease, qtbot, typist):
    _find(page, qtbot, typist, "ygx")
    page.chosen_check.setChecked(True)
    page.charges_view.selectRow(1)  # the second quarter only
    assert page.amount_edit.fen() == QUARTER_FEN
    QTest.keyClick(page.method_combo, Qt.Key.Key_3)
    assert page.method_combo.method() == "微信"
    QTest.keyClick(page.amount_edit, Qt.Key.Key_Return)
    assert page.last_receipt.method == "微信"
    assert [a.due_on.isoformat() for a in page.last_receipt.allocations] == ["2025-04-01"]
    assert _cells(page.charges_model, "due_on") == ["2025-01-01"]


def test_void_asks_the_reason_and_marks_the_receipt(page, books, qtbot, typist, monkeypatch, saved_messages):
    _find(page, qtbot, typist, "ygx")
    _pay(page, typist, "9000")
    number = page.last_receipt.number
    page.tabs.setCurrentIndex(1)
    page.receipts_view.selectRow(0)
    asked = []
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: (asked.append(a[2]) or ("", True))))
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    assert "作废原因" in asked[0] and not books.receivables.receipt(number).is_void  # no reason: not voided
    assert "请填写作废原因" in saved_messages[-1]
    monkeypatch.setattr(QInputDialog, "getText", staticmethod(lambda *a, **k: ("金额收错", True)))
    page.receipts_view.selectRow(0)
    qtbot.mouseClick(page.void_button, Qt.MouseButton.LeftButton)
    voided = books.receivables.receipt(number)
    assert voided.is_void and voided.void_reason == "金额收错"
    assert _cells(page.receipts_model, "state") == ["作废"]
    column = page.receipts_model.column_index("state")
    assert page.receipts_model.index(0, column).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert _cells(page.charges_model, "outstanding_fen") == ["¥9,000.00", "¥9,000.00"]  # owed again
    assert "有效金额合计 ¥0.00" in page.receipts_summary.text()


def test_a_refund_larger_than_the_deposit_held_is_refused_in_chinese(page, books, lease, qtbot, shown_errors):
    books.receivables.receive_deposit(lease.id, 6_000_00, books.ctx.today(), "现金")
    dialog = DepositDialog(books, books.leases.get(lease.number), REFUND, page)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "¥6,000.00" in dialog.facts.text()
    assert dialog.amount_edit.fen() == 6_000_00  # all that is held, proposed
    dialog.amount_edit.set_fen(7_000_00)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert shown_errors, "the refusal is shown"
    assert "押金" in str(shown_errors[0][0])
    assert dialog.isVisible() and dialog.result_value is None  # stays open, nothing written
    assert books.receivables.deposit_state(lease.id).held_fen == 6_000_00


def test_print_opens_the_receipt_preview(page, qtbot, typist):
    from assetdesk.money import to_capital
    from tests.pdf.conftest import pdf_text

    _find(page, qtbot, typist, "ygx")
    _pay(page, typist, "9000")
    number = page.last_receipt.number
    assert page.can("print")
    page.trigger("print")  # Ctrl+P in the shell
    preview = page.preview
    qtbot.waitUntil(lambda: preview.pdf_path is not None, timeout=20000)
    text = pdf_text(preview.pdf_path).replace(" ", "")
    assert number in text and to_capital(9_000_00) in text and "作废" not in text
    preview.close()
    page.tabs.setCurrentIndex(1)  # 重打 from the list
    page.receipts_view.selectRow(0)
    qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
    again = page.preview
    assert again is not preview
    qtbot.waitUntil(lambda: again.pdf_path is not None, timeout=20000)
    assert number in pdf_text(again.pdf_path)
    again.close()


def test_deposit_received_at_the_counter_gives_a_receipt(page, books, lease, qtbot, typist, monkeypatch):
    _find(page, qtbot, typist, "ygx")
    opened = []

    def exec_(dialog):
        opened.append(dialog)
        dialog.show()
        assert dialog.amount_edit.fen() == 6_000_00  # the deposit the contract asks
        QTest.keyClick(dialog.method_combo, Qt.Key.Key_2)  # 转账
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()
    monkeypatch.setattr(DepositDialog, "exec", exec_)
    qtbot.mouseClick(page.deposit_in_button, Qt.MouseButton.LeftButton)
    assert opened and books.receivables.deposit_state(lease.id).held_fen == 6_000_00
    assert page.last_receipt is not None and page.last_receipt.method == "转账"
    assert "押金结存 ¥6,000.00" in page.deposit_label.text()


def test_a_charge_of_an_earlier_year_is_written_off_with_approval(qtbot, empty_books, typist, monkeypatch):
    import datetime as dt

    from assetdesk.services.receivables.types import Payer as P
    from ui.dialogs.receipt_dialogs import WriteOffDialog

    books = empty_books
    books.org.setup_book("兰花社区", "2024-01", credit_code="")  # the books hold 2024: its rent can be written off
    old = leased_shop(books, number="ZL2024-001", start_on=dt.date(2024, 1, 1),
                      bill_through="2024-12")
    bridge = EventBridge(books.events)
    page = ReceiptsPage(books, bridge)
    qtbot.addWidget(page)
    page.show()
    _find(page, qtbot, typist, "ygx")
    assert page.charges_model.rowCount() == 4
    page.charges_view.selectRow(0)  # 2024 Q1

    def exec_(dialog):
        dialog.show()
        assert "¥9,000.00" in dialog.facts.text() and "已核销" in dialog.facts.text()
        typist(dialog.reason_edit, "承租人下落不明，多次催收无果")
        typist(dialog.approved_edit, "王主任")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()
    monkeypatch.setattr(WriteOffDialog, "exec", exec_)
    qtbot.mouseClick(page.write_off_button, Qt.MouseButton.LeftButton)
    owed = books.receivables.open_charges(P.counterparty(old.tenant_id))
    assert len(owed) == 3 and page.charges_model.rowCount() == 3
    assert [c.written_off_fen for c in books.receivables.written_off()] == [QUARTER_FEN]
    bridge.detach()


def test_an_offset_shows_what_the_centre_owes_and_settles_without_cash(page, books, lease, qtbot, typist,
                                                                        monkeypatch):
    from assetdesk.services.vouchers import LineInput, VoucherInput
    from tests.helpers import day
    from ui.dialogs.receipt_dialogs import OffsetDialog

    # the centre owes the tenant ¥2,000.00 for repairs she paid for (其他应付款, her sub-ledger)
    books.vouchers.create_and_post(VoucherInput(day("2025-02-10"), "应付叶桂霞代垫维修费", [
        LineInput.debit("502", 2_000_00), LineInput.credit("21102", 2_000_00, counterparty_id=lease.tenant_id)]))
    _find(page, qtbot, typist, "ygx")

    def exec_(dialog):
        dialog.show()
        assert dialog.centre_fen == 2_000_00 and dialog.owed_fen == 2 * QUARTER_FEN
        assert "¥2,000.00" in dialog.facts.text() and "¥18,000.00" in dialog.facts.text()
        assert dialog.amount_edit.fen() == 2_000_00  # at most what the centre owes
        typist(dialog.reason_edit, "以代垫维修费抵顶租金")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.result()
    monkeypatch.setattr(OffsetDialog, "exec", exec_)
    qtbot.mouseClick(page.offset_button, Qt.MouseButton.LeftButton)
    assert _owed(books, lease) == 2 * QUARTER_FEN - 2_000_00
    assert _cells(page.charges_model, "outstanding_fen") == ["¥7,000.00", "¥9,000.00"]
    assert page.receipts_model.rowCount() == 0  # no cash moved: no receipt

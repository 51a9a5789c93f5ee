"""Voucher entry typed like a clerk: only the keyboard, the 金蝶/用友 keys, drafts that survive."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from assetdesk.periods import Period
from tests.helpers import post
from tests.ui.conftest import type_text
from ui.dialogs.voucher_dialog import VoucherDialog
from ui.widgets.voucher_grid import ACCOUNT, CREDIT, DEBIT, SUMMARY


def keys(qtbot, *strokes) -> None:
    """Send text and keys to whatever has the focus now, the way a clerk's fingers do."""
    for stroke in strokes:
        target = QApplication.focusWidget()
        assert target is not None, "nothing has the keyboard focus"
        if isinstance(stroke, str):
            type_text(target, stroke)
        elif isinstance(stroke, tuple):
            qtbot.keyClick(target, stroke[0], stroke[1])
        else:
            qtbot.keyClick(target, stroke)


ENTER = Qt.Key.Key_Return


@pytest.fixture
def open_dialog(qtbot, books, rent):
    def make(voucher_id=None, **options):
        dialog = VoucherDialog(books, voucher_id=voucher_id, **options)
        qtbot.addWidget(dialog, before_close_func=_forget_edits)
        with qtbot.waitActive(dialog):
            dialog.show()
            dialog.activateWindow()
        if not dialog.read_only:
            dialog.grid.focus_cell(0, SUMMARY)
        return dialog

    return make


def _forget_edits(dialog) -> None:
    """Teardown closes the dialog: no 保存/不保存 question then."""
    dialog.autosave_timer.stop()
    dialog._saved_snapshot = dialog.snapshot()


def type_date(qtbot, dialog, text: str) -> None:
    dialog.date_edit.setFocus()
    dialog.date_edit.selectAll()
    keys(qtbot, text, ENTER)


def type_rent_voucher(qtbot, dialog, on="2025-01-20") -> None:
    type_date(qtbot, dialog, on)
    keys(qtbot, "收到一月租金", ENTER, "10201", ENTER, "500", ENTER,   # line 1: 借 银行存款 500
         "..", ENTER, "zjsr", ENTER, ENTER, "=")                       # line 2: 贷 租金收入, balanced by "="


def test_clerk_types_two_lines_with_keyboard_only_and_posts(qtbot, books, rent, open_dialog, shown_errors):
    dialog = open_dialog()
    type_rent_voucher(qtbot, dialog)
    grid = dialog.grid
    assert grid.cell(0, ACCOUNT).code() == "10201"
    assert grid.cell(1, SUMMARY).text() == "收到一月租金"
    assert grid.cell(1, ACCOUNT).code() == rent
    assert grid.cell(1, ACCOUNT).text() == f"{rent} 经营收入—租金收入"
    assert grid.cell(1, CREDIT).text() == "500.00"
    assert dialog.difference_label.text() == "借贷平衡"
    assert dialog.debit_total.text() == dialog.credit_total.text() == "¥500.00"
    assert "伍佰元整" in dialog.capital_label.text()

    dialog.post_button.click()
    assert shown_errors == []
    assert dialog.read_only and "记-0001" in dialog.number_label.text()
    view = books.vouchers.get(dialog.voucher_id)
    assert view.status == "已过账" and view.date_on == dt.date(2025, 1, 20)
    assert [(l.account_code, l.debit_fen, l.credit_fen) for l in view.lines] == [("10201", 500_00, None), (rent, None, 500_00)]


def test_enter_on_last_cell_opens_a_new_line(qtbot, open_dialog):
    dialog = open_dialog()
    rows = dialog.grid.row_count()
    dialog.grid.focus_cell(rows - 1, CREDIT)
    keys(qtbot, ENTER)
    assert dialog.grid.row_count() == rows + 1
    assert QApplication.focusWidget() is dialog.grid.cell(rows, SUMMARY)


def test_equals_fills_the_balancing_amount_red_when_needed(qtbot, open_dialog):
    dialog = open_dialog()
    grid = dialog.grid
    grid.cell(0, DEBIT).setText("300")
    grid.cell(1, CREDIT).setText("120.5")
    grid.focus_cell(2, CREDIT)
    keys(qtbot, "=")
    assert grid.cell(2, CREDIT).text() == "179.50"
    grid.focus_cell(3, CREDIT)
    keys(qtbot, (Qt.Key.Key_F7, Qt.KeyboardModifier.ControlModifier))  # Ctrl+F7 does the same: already balanced
    assert grid.cell(3, CREDIT).text() == ""
    grid.cell(2, CREDIT).setText("200")
    grid.focus_cell(3, CREDIT)
    keys(qtbot, "=")
    assert grid.cell(3, CREDIT).text() == "-20.50"  # a red credit balances an over-credited voucher
    assert "c62828" in grid.cell(3, CREDIT).styleSheet()
    assert dialog.difference_label.text() == "借贷平衡"


def test_dot_dot_copies_line_above_and_slash_slash_the_first(qtbot, open_dialog):
    dialog = open_dialog()
    keys(qtbot, "收取物业费", ENTER)
    dialog.grid.focus_cell(1, SUMMARY)
    keys(qtbot, "代收水费")
    dialog.grid.focus_cell(2, SUMMARY)
    keys(qtbot, "..")
    assert dialog.grid.cell(2, SUMMARY).text() == "代收水费"
    dialog.grid.focus_cell(3, SUMMARY)
    keys(qtbot, "//")
    assert dialog.grid.cell(3, SUMMARY).text() == "收取物业费"


def test_space_moves_the_amount_between_debit_and_credit(qtbot, open_dialog):
    dialog = open_dialog()
    grid = dialog.grid
    grid.focus_cell(0, DEBIT)
    keys(qtbot, "88.8", Qt.Key.Key_Space)
    assert grid.cell(0, DEBIT).text() == ""
    assert grid.cell(0, CREDIT).text() == "88.8"
    assert QApplication.focusWidget() is grid.cell(0, CREDIT)
    keys(qtbot, Qt.Key.Key_Space)
    assert grid.cell(0, DEBIT).text() == "88.8" and grid.cell(0, CREDIT).text() == ""
    assert dialog.debit_total.text() == "¥88.80"


def test_minus_after_an_amount_makes_it_red(qtbot, open_dialog):
    dialog = open_dialog()
    grid = dialog.grid
    grid.focus_cell(0, DEBIT)
    keys(qtbot, "250", "-")
    assert grid.cell(0, DEBIT).text() == "-250.00"
    assert "c62828" in grid.cell(0, DEBIT).styleSheet()
    assert dialog.debit_total.text() == "-¥250.00"
    keys(qtbot, "-")
    assert grid.cell(0, DEBIT).text() == "250.00"
    assert "c62828" not in grid.cell(0, DEBIT).styleSheet()


def test_account_cell_finds_by_pinyin_and_parent_code_offers_children(qtbot, books, rent, open_dialog):
    dialog = open_dialog()  # 501 has 50101 租金收入 and 50102 物业服务收入, as new books do
    cell = dialog.grid.cell(0, ACCOUNT)
    cell.setFocus()
    keys(qtbot, "ysk")
    assert "112" in cell.popup_codes()
    cell.clear()
    keys(qtbot, "501")  # a parent code offers its children first
    assert cell.popup_codes() == ["50101", "50102", "501"]
    keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Down, ENTER)  # the parent itself is not taken: its children again
    assert cell.account() is None and cell.text() == "501"
    assert cell.popup_codes()[:2] == ["50101", "50102"]
    keys(qtbot, Qt.Key.Key_Down, ENTER)
    assert cell.code() == "50102"
    assert QApplication.focusWidget() is dialog.grid.cell(0, DEBIT)


def test_f7_opens_the_account_list(qtbot, books, rent, open_dialog, monkeypatch):
    from ui.widgets import account_picker

    seen = {}

    def fake_exec(lookup):
        seen["codes"] = [lookup.listing.item(i).text().split()[0] for i in range(lookup.listing.count())]
        lookup.search_edit.setText("租金")
        lookup._take_current()
        return lookup.result()

    monkeypatch.setattr(account_picker.AccountLookupDialog, "exec", fake_exec)
    dialog = open_dialog()
    dialog.grid.focus_cell(0, ACCOUNT)
    keys(qtbot, Qt.Key.Key_F7)
    assert "101" in seen["codes"] and "501" not in seen["codes"]  # leaf accounts only
    assert dialog.grid.cell(0, ACCOUNT).code() == rent


def test_save_draft_with_ctrl_s_and_reopen(qtbot, books, rent, open_dialog, shown_errors):
    dialog = open_dialog()
    type_date(qtbot, dialog, "2025-03-02")
    keys(qtbot, "预收租金", ENTER, "10201", ENTER, "1000", ENTER)  # unbalanced: a draft still keeps it
    keys(qtbot, (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier))
    assert shown_errors == []
    assert dialog.voucher_id is not None and not dialog.is_dirty()
    assert books.vouchers.get(dialog.voucher_id).status == "草稿"
    again = open_dialog(dialog.voucher_id)
    assert not again.read_only
    assert again.grid.cell(0, DEBIT).text() == "1,000.00"
    assert again.grid.cell(0, ACCOUNT).code() == "10201"


def test_posting_an_unbalanced_voucher_shows_the_services_message_and_keeps_the_lines(
        qtbot, books, rent, open_dialog, shown_errors):
    dialog = open_dialog()
    type_date(qtbot, dialog, "2025-01-10")
    keys(qtbot, "收租", ENTER, "10201", ENTER, "100", ENTER, "..", ENTER, "zjsr", ENTER, ENTER, "90")
    dialog.post_button.click()
    assert len(shown_errors) == 1 and "借贷不平衡" in str(shown_errors[0][0])
    assert dialog.grid.cell(1, CREDIT).text() == "90"  # nothing the clerk typed is lost
    assert books.vouchers.get(dialog.voucher_id).status == "草稿"


def test_posting_into_a_closed_month_is_refused(qtbot, books, rent, open_dialog, shown_errors):
    books.periods.close(Period(2025, 1))
    dialog = open_dialog()
    type_rent_voucher(qtbot, dialog, on="2025-01-25")
    dialog.post_button.click()
    assert [e.message for e, _ in shown_errors] == ["2025-01 已结账，不能在该月记账"]
    assert dialog.grid.cell(1, CREDIT).text() == "500.00"
    assert books.vouchers.count_vouchers() == 0


def test_autosave_keeps_a_recovery_draft_when_the_clerk_stops_typing(qtbot, books, rent, open_dialog, shown_errors):
    dialog = open_dialog()
    dialog.autosave_timer.setInterval(50)
    type_date(qtbot, dialog, "2025-03-05")
    keys(qtbot, "收押金", ENTER, "10201", ENTER, "2000")
    dialog.autosave_timer.setInterval(50)
    qtbot.waitUntil(lambda: dialog.voucher_id is not None, timeout=5000)
    drafts = books.vouchers.list_vouchers()
    assert [(v.summary, v.status, v.debit_fen) for v in drafts] == [("收押金", "草稿", 2000_00)]
    assert shown_errors == []
    assert dialog.is_dirty()  # an autosave is not the clerk saving: closing still asks


def test_autosave_is_silent_when_the_lines_cannot_be_saved_yet(qtbot, books, open_dialog, shown_errors):
    dialog = open_dialog()
    keys(qtbot, "收款", ENTER, "501", Qt.Key.Key_Escape)  # a parent account: not savable
    dialog._on_autosave_timer_timeout()
    assert dialog.voucher_id is None and shown_errors == []
    assert "暂未自动保存" in dialog.autosave_label.text()


@pytest.mark.parametrize("answer,kept,closed", [
    (QMessageBox.StandardButton.Save, True, True),
    (QMessageBox.StandardButton.Discard, False, True),
    (QMessageBox.StandardButton.Cancel, False, False),
])
def test_closing_with_unsaved_edits_asks(qtbot, books, rent, open_dialog, monkeypatch, answer, kept, closed):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or answer)
    dialog = open_dialog()
    type_date(qtbot, dialog, "2025-03-05")
    keys(qtbot, "收押金", ENTER, "10201", ENTER, "2000")
    dialog._on_autosave_timer_timeout()  # a recovery draft exists already
    dialog.close_button.click()
    assert asked and "未保存" in asked[0]
    assert dialog.isVisible() is not closed
    assert (books.vouchers.count_vouchers() == 1) is (kept or not closed)


def test_posted_voucher_opens_read_only_with_reversal_links(qtbot, books, rent, open_dialog):
    original = post(books, "2025-01-05", "收租金", ("10201", 300_00), (rent, -300_00))
    reversal = books.vouchers.reverse(original.id, on=dt.date(2025, 2, 3))
    dialog = open_dialog(original.id)
    assert dialog.read_only and not dialog.post_button.isEnabled()
    assert "已被" in dialog.link_label.text() and "2025-02 记-0001" in dialog.link_label.text()
    dialog._on_link_label_link_activated(str(reversal.id))
    assert dialog.voucher_id == reversal.id
    assert "冲销" in dialog.link_label.text() and "2025-01 记-0001" in dialog.link_label.text()
    assert dialog.grid.cell(0, DEBIT).text() == "-300.00"


def test_f8_gives_a_line_its_counterparty_and_posting_keeps_it(qtbot, books, open_dialog, monkeypatch, shown_errors):
    from assetdesk.services.org import CounterpartyInput
    from ui.dialogs import aux_pickers

    tenant = books.org.add_counterparty(CounterpartyInput("张三（商铺）", "个人", roles=("承租方",)))
    books.org.add_counterparty(CounterpartyInput("李四", "个人", roles=("缴费人",)))
    dialog = open_dialog()
    type_date(qtbot, dialog, "2025-01-20")
    keys(qtbot, "应收一月租金", ENTER, "112", ENTER)

    def choose_tenant(parent, books):
        picker = aux_pickers.CounterpartyPicker(books, parent)
        picker.search.setText("张三")
        assert picker.hits.count() == 2  # （不指定） + 张三
        picker._accept_current()
        return picker.chosen

    monkeypatch.setattr(aux_pickers, "pick_counterparty", choose_tenant)
    keys(qtbot, Qt.Key.Key_F8)
    assert dialog.grid.cell(0, ACCOUNT).text() == "112 应收款 [张三（商铺）]"
    keys(qtbot, "800", ENTER, "..", ENTER, "zjsr", ENTER, ENTER, "=")
    dialog.post_button.click()
    assert shown_errors == []
    posted = books.vouchers.get(dialog.voucher_id)
    assert (posted.lines[0].counterparty_id, posted.lines[0].counterparty_name) == (tenant.id, "张三（商铺）")
    assert posted.lines[1].counterparty_id is None


def test_editing_a_draft_keeps_its_auxiliary_items(qtbot, books, open_dialog, rent, shown_errors):
    from assetdesk.services.org import CompoundInput, CounterpartyInput
    from assetdesk.services.vouchers import LineInput, VoucherInput

    books.org.add_area("PQ01", "东片区")
    compound = books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    payer = books.org.add_counterparty(CounterpartyInput("王五"))
    draft = books.vouchers.save_draft(VoucherInput(dt.date(2025, 1, 8), "物业费", [
        LineInput.debit("112", 100_00, counterparty_id=payer.id, compound_id=compound.id),
        LineInput.credit(rent, 90_00)]))
    dialog = open_dialog(draft.id)
    assert dialog.grid.cell(0, ACCOUNT).text() == "112 应收款 [王五，兰园小区]"
    credit = dialog.grid.cell(1, CREDIT)
    credit.setText("100")
    dialog.save_draft()
    saved = books.vouchers.get(draft.id)
    assert saved.credit_fen == 100_00
    assert (saved.lines[0].counterparty_id, saved.lines[0].compound_id) == (payer.id, compound.id)


def test_f9_gives_a_line_its_compound(qtbot, books, open_dialog, rent, monkeypatch, shown_errors):
    from PySide6.QtWidgets import QInputDialog

    from assetdesk.services.org import CompoundInput

    books.org.add_area("PQ01", "东片区")
    compound = books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("XQ001 兰园小区（东片区）", True)))
    dialog = open_dialog()
    type_date(qtbot, dialog, "2025-01-20")
    keys(qtbot, "兰园小区路灯维修", ENTER, "511", ENTER, Qt.Key.Key_F9)
    assert dialog.grid.cell(0, ACCOUNT).text() == "511 经营支出 [兰园小区]"
    keys(qtbot, "300", ENTER, "..", ENTER, "101", ENTER, ENTER, "=")
    dialog.post_button.click()
    assert shown_errors == []
    line = books.vouchers.get(dialog.voucher_id).lines[0]
    assert (line.compound_id, line.compound_name) == (compound.id, "兰园小区")


def test_a_typed_voucher_has_no_source_line(qtbot, books, rent, open_dialog, shown_errors):
    dialog = open_dialog()
    assert not dialog.source_label.isVisible()
    type_rent_voucher(qtbot, dialog)
    dialog.post_button.click()
    assert dialog.read_only and not dialog.source_label.isVisible() and shown_errors == []


def test_saving_a_draft_with_a_source_keeps_it(qtbot, books, rent, open_dialog, shown_errors):
    from assetdesk.services.vouchers import LineInput, VoucherInput

    saved = books.vouchers.save_draft(VoucherInput(dt.date(2025, 1, 20), "收租金",
                                                   [LineInput.debit("10201", 500_00), LineInput.credit(rent, 500_00)],
                                                   source="导入（原凭证号 记-0009）"))
    dialog = open_dialog(saved.id)
    assert not dialog.read_only and dialog.source_label.text() == "来源：导入（原凭证号 记-0009）"
    dialog.attachments_spin.setFocus()
    dialog.attachments_spin.selectAll()
    keys(qtbot, "2")
    keys(qtbot, (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier))
    assert dialog.autosave_label.text() == "已保存草稿"
    again = books.vouchers.get(saved.id)
    assert again.attachments == 2 and again.source == "导入（原凭证号 记-0009）" and shown_errors == []

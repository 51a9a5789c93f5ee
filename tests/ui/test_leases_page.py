"""The 租赁合同 page: a contract typed with the keyboard, its schedule previewed before saving and
stored after; invalid terms refused with the Chinese message; 提前终止; 租金到期出账."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from assetdesk.errors import InputError
from assetdesk.periods import Period
from assetdesk.services.assets import AssetInput
from assetdesk.services.leases.terms import PaymentCycle
from assetdesk.services.leases.types import LeasedAsset, LeaseInput
from ui.bridge import EventBridge
from ui.dialogs.lease_dialog import LeaseDialog
from ui.dialogs.termination_dialog import TerminationDialog
from ui.pages.leases_page import LeasesPage


@pytest.fixture
def page(qtbot, books):
    books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", building_area_centi=12050, status="闲置",
                                     idle_since=dt.date(2024, 6, 1)))
    books.assets.register(AssetInput("ZC003", "原办公楼", "房屋", status="自用"))
    bridge = EventBridge(books.events)
    page = LeasesPage(books, bridge)
    qtbot.addWidget(page)
    page.resize(1100, 740)
    page.show()
    qtbot.waitExposed(page)
    yield page
    bridge.detach()


def _lease(number="ZL2025-001", start=dt.date(2025, 1, 1), end=dt.date(2027, 12, 31), **terms) -> LeaseInput:
    terms.setdefault("rent_fen", 3_000_00)
    terms.setdefault("cycle", PaymentCycle.QUARTERLY)
    return LeaseInput(number, "叶桂霞", (LeasedAsset("ZC001"),), start, end, deposit_fen=6_000_00, **terms)


def _cells(model, key):
    column = model.column_index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]


_open_dialogs: list = []


def _focused():
    """The widget the keys go to: the focus inside the dialog the clerk is in (offscreen, a second
    top-level window is not always made the application's active window, so its focus child is asked)."""
    return _open_dialogs[-1].focusWidget() if _open_dialogs else QApplication.focusWidget()


def _key(key) -> None:
    QTest.keyClick(_focused(), key)


def _tab_to(widget) -> None:
    """Press Tab until ``widget`` has the focus, as the clerk would (fails when the tab order skips it)."""
    for _ in range(40):
        focused = _focused()
        if focused is widget or widget.isAncestorOf(focused):
            return
        _key(Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {widget}: {_focused()}")


def _clerk_uses(monkeypatch, dialog_class, act):
    """The next dialog of ``dialog_class`` is shown and handed to ``act(dialog)`` instead of blocking."""
    def exec_(dialog):
        dialog.show()
        dialog.activateWindow()
        QTest.qWaitForWindowActive(dialog)
        _open_dialogs.append(dialog)
        try:
            act(dialog)
        finally:
            _open_dialogs.remove(dialog)
        return dialog.result()

    monkeypatch.setattr(dialog_class, "exec", exec_)


def _type_contract(qtbot, typist, dialog, end="2025-12-31"):
    """The clerk's keystrokes for a quarterly contract on 东街商铺 from 2025-04-01."""
    dialog.number_edit.setFocus()
    typist(dialog.number_edit, "ZL2025-009")
    _tab_to(dialog.tenant_combo)
    typist(dialog.tenant_combo.lineEdit(), "张三")
    row = dialog.asset_rows[0]
    _tab_to(row.combo)
    _key(Qt.Key.Key_Down)  # the idle shop is offered first
    _tab_to(dialog.purpose_edit)
    typist(dialog.purpose_edit, "餐饮")
    _tab_to(dialog.start_edit)
    typist(dialog.start_edit, "2025-04-01")
    _tab_to(dialog.end_edit)
    typist(dialog.end_edit, end)
    _tab_to(dialog.rent_edit)
    typist(dialog.rent_edit, "2000")
    _tab_to(dialog.cycle_combo)
    _key(Qt.Key.Key_Down)  # 月 → 季
    _tab_to(dialog.deposit_edit)
    typist(dialog.deposit_edit, "4000")


def test_a_contract_typed_with_the_keyboard_is_previewed_before_saving_and_stored_after(
        page, books, qtbot, monkeypatch, typist):
    seen = {}

    def act(dialog):
        _type_contract(qtbot, typist, dialog)
        assert dialog.asset_rows[0].combo.currentData() == "ZC001"
        qtbot.waitUntil(lambda: dialog.preview_model.rowCount() == 3 and not dialog.preview_error)
        seen["amounts"] = _cells(dialog.preview_model, "amount_fen")
        seen["total"] = dialog.preview_total.text()
        seen["stored_before"] = books.leases.list_leases(status=None)
        _key(Qt.Key.Key_Return)  # Enter saves

    _clerk_uses(monkeypatch, LeaseDialog, act)
    page.trigger("new")  # Ctrl+N
    assert seen["stored_before"] == []
    assert seen["amounts"] == ["¥6,000.00", "¥6,000.00", "¥6,000.00"]
    assert "3 期" in seen["total"] and "¥18,000.00" in seen["total"]
    lease = books.leases.get("ZL2025-009")
    assert (lease.tenant_name, lease.asset_codes, lease.start_on, lease.end_on, lease.deposit_fen, lease.cycle_label) \
        == ("张三", ("ZC001",), dt.date(2025, 4, 1), dt.date(2025, 12, 31), 4_000_00, "季")
    assert lease.status == "未开始"  # today is 2025-03-15 in the test books
    assert "ZL2025-009" in page.last_message
    page.status_combo.setCurrentIndex(page.status_combo.findData(None))  # 全部
    page.select_lease("ZL2025-009")
    assert _cells(page.schedule_model, "amount_fen") == seen["amounts"]
    assert _cells(page.schedule_model, "period") == ["2025-04-01 至 2025-06-30", "2025-07-01 至 2025-09-30",
                                                     "2025-10-01 至 2025-12-31"]


def test_end_before_start_shows_the_chinese_reason_and_saving_is_refused(
        page, books, qtbot, monkeypatch, typist, shown_errors):
    kept = []

    def act(dialog):
        _type_contract(qtbot, typist, dialog, end="2025-01-31")
        qtbot.waitUntil(lambda: "早于" in dialog.preview_error)
        assert dialog.preview_error_label.isVisible() and dialog.preview_model.rowCount() == 0
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        kept.append(dialog)

    _clerk_uses(monkeypatch, LeaseDialog, act)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert len(shown_errors) == 1 and isinstance(shown_errors[0][0], InputError)
    assert "早于" in shown_errors[0][0].message and "Traceback" not in shown_errors[0][0].message
    assert kept[0].result() == 0 and kept[0].number_edit.text() == "ZL2025-009"  # the form stays as typed
    assert books.leases.list_leases(status=None) == []


def test_an_overlapping_contract_is_refused_in_the_preview(page, books, qtbot, monkeypatch, typist, shown_errors):
    books.leases.create(_lease())

    def act(dialog):
        _type_contract(qtbot, typist, dialog)
        qtbot.waitUntil(lambda: bool(dialog.preview_error))
        assert dialog.preview_model.rowCount() == 0
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    _clerk_uses(monkeypatch, LeaseDialog, act)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert len(shown_errors) == 1 and "ZL2025-001" in shown_errors[0][0].message
    assert [lease.number for lease in books.leases.list_leases(status=None)] == ["ZL2025-001"]


def test_the_bill_rent_button_bills_and_the_schedule_states_change(page, books, qtbot, monkeypatch, saved_messages):
    books.leases.create(_lease())
    qtbot.waitUntil(lambda: page.lease_model.rowCount() == 1)
    page.lease_view.selectRow(0)
    assert set(_cells(page.schedule_model, "state_text")) == {"未出账"}
    monkeypatch.setattr(page, "ask_through", lambda: Period(2025, 3))
    qtbot.mouseClick(page.bill_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_worker.done, timeout=10000)
    assert len(saved_messages) == 1 and "2025-03" in saved_messages[0] and "¥9,000.00" in saved_messages[0]
    qtbot.waitUntil(lambda: _cells(page.schedule_model, "state_text")[0] == "未收")
    states = _cells(page.schedule_model, "state_text")
    assert states[1:] == ["未出账"] * (len(states) - 1)
    assert _cells(page.schedule_model, "outstanding")[0] == "¥9,000.00"
    assert _cells(page.lease_model, "outstanding_fen") == ["¥9,000.00"]
    # a second run bills nothing more
    qtbot.mouseClick(page.bill_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.last_worker.done, timeout=10000)
    assert "没有新到期" in saved_messages[1]


def test_terminate_the_selected_lease(page, books, qtbot, monkeypatch, typist):
    books.leases.create(_lease())
    books.leases.bill_rent("2025-03")
    qtbot.waitUntil(lambda: page.lease_model.rowCount() == 1)
    page.lease_view.selectRow(0)
    summaries = []

    def act(dialog):
        dialog.on_edit.clear()
        typist(dialog.on_edit, "2025-02-28")
        dialog.on_edit.clearFocus()
        dialog.deposit_combo.setCurrentIndex(dialog.deposit_combo.findData("keep"))
        summaries.append(dialog.summary_label.text())
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    _clerk_uses(monkeypatch, TerminationDialog, act)
    qtbot.mouseClick(page.terminate_button, Qt.MouseButton.LeftButton)
    assert "¥9,000.00" in summaries[0] and "暂不处理" in summaries[0]
    assert "冲回租金 ¥3,000.00" in summaries[0]  # March, billed in the quarter, credited back before confirming
    lease = books.leases.get("ZL2025-001")
    assert lease.status == "已终止" and lease.terminated_on == dt.date(2025, 2, 28)
    assert "终止" in page.last_message and "ZL2025-001" in page.last_message
    qtbot.waitUntil(lambda: page.lease_model.rowCount() == 0)  # no longer 生效
    page.status_combo.setCurrentIndex(page.status_combo.findData("已终止"))
    assert _cells(page.lease_model, "number") == ["ZL2025-001"]


def test_search_finds_by_tenant_or_asset(page, books, qtbot):
    books.leases.create(_lease())
    qtbot.waitUntil(lambda: page.lease_model.rowCount() == 1)
    page.search_edit.setText("叶")
    assert page.lease_model.rowCount() == 1
    page.search_edit.setText("东街")
    assert page.lease_model.rowCount() == 1
    page.search_edit.setText("王五")
    assert page.lease_model.rowCount() == 0


def test_change_terms_keeps_what_was_billed_and_the_escalation(page, books, qtbot, monkeypatch, typist):
    from decimal import Decimal

    from assetdesk.services.leases.terms import EveryYears

    books.leases.create(_lease(escalation=EveryYears(1, Decimal(5))))
    books.leases.bill_rent("2025-03")
    qtbot.waitUntil(lambda: page.lease_model.rowCount() == 1)
    page.lease_view.selectRow(0)
    before = _cells(page.schedule_model, "amount_fen")
    seen = {}

    def act(dialog):
        assert dialog.windowTitle() == "修改条款" and dialog.number_edit.isReadOnly()
        assert dialog.escalation_combo.currentIndex() == 1 and dialog.percent_edit.text() == "5"
        qtbot.waitUntil(lambda: dialog.preview_model.rowCount() > 0)
        assert not dialog.preview_error  # its own area is no overlap
        dialog.rent_edit.setFocus()
        dialog.rent_edit.selectAll()
        typist(dialog.rent_edit, "3300")
        dialog.deposit_edit.setFocus()
        qtbot.waitUntil(lambda: _cells(dialog.preview_model, "amount_fen")[1] == "¥9,900.00")
        seen["preview"] = _cells(dialog.preview_model, "amount_fen")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    _clerk_uses(monkeypatch, LeaseDialog, act)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    assert seen["preview"][0] == "¥9,000.00"  # the billed period is previewed as it stays
    after = _cells(page.schedule_model, "amount_fen")
    assert after == seen["preview"]
    assert after[0] == before[0] == "¥9,000.00"  # billed: kept
    assert after[1] == "¥9,900.00" and after[4] == "¥10,395.00"  # 3,300 then +5% from the first anniversary
    assert "修改" in page.last_message


def test_renew_links_a_new_contract_from_the_next_day(page, books, qtbot, monkeypatch, typist):
    from decimal import Decimal

    from assetdesk.services.leases.terms import EveryYears

    books.leases.create(_lease(end=dt.date(2026, 12, 31), escalation=EveryYears(1, Decimal(5))))
    qtbot.waitUntil(lambda: page.lease_model.rowCount() == 1)
    page.lease_view.selectRow(0)

    def act(dialog):
        assert dialog.windowTitle() == "续租" and dialog.method_combo.currentData() == "续租"
        assert dialog.start_edit.text() == "2027-01-01" and dialog.end_edit.text() == "2028-12-31"  # as long again
        assert dialog.rent_edit.fen() == 3_150_00  # the rent in force at the end, 3,000 raised 5%
        assert dialog.escalation_combo.currentIndex() == 0
        qtbot.waitUntil(lambda: "保存前请填写合同编号" in dialog.preview_total.text())  # previewed before the number
        typist(dialog.number_edit, "ZL2026-001")
        qtbot.waitUntil(lambda: dialog.preview_model.rowCount() == 8 and not dialog.preview_error)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    _clerk_uses(monkeypatch, LeaseDialog, act)
    qtbot.mouseClick(page.renew_button, Qt.MouseButton.LeftButton)
    new = books.leases.get("ZL2026-001")
    assert (new.previous_number, new.tenant_name, new.start_on, new.method, new.monthly_rent_fen) == (
        "ZL2025-001", "叶桂霞", dt.date(2027, 1, 1), "续租", 3_150_00)
    assert "ZL2026-001" in page.last_message and "ZL2025-001" in page.last_message


def test_the_tenant_is_found_by_pinyin_initials_and_an_existing_tenant_is_reused(
        page, books, qtbot, monkeypatch, typist):
    from assetdesk.services.org_types import CounterpartyInput

    books.org.add_counterparty(CounterpartyInput("东方建材有限公司", kind="单位"))
    books.org.add_counterparty(CounterpartyInput("王五"))
    seen = {}

    def act(dialog):
        seen["pinyin"] = dialog.tenant_combo.matches("dfjc")
        seen["name"] = dialog.tenant_combo.matches("建材")
        dialog.reject()

    _clerk_uses(monkeypatch, LeaseDialog, act)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert seen == {"pinyin": ["东方建材有限公司"], "name": ["东方建材有限公司"]}
    assert books.leases.list_leases(status=None) == []


def test_ctrl_n_in_the_main_window_opens_the_contract_form(qtbot, books, monkeypatch):
    from tests.ui.conftest import show_main_window

    opened = []
    monkeypatch.setattr(LeaseDialog, "exec", lambda dialog: opened.append(dialog.windowTitle()) or 0)
    window = show_main_window(qtbot, books)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.show_page(LeasesPage)
    assert window.shell_actions["new"].isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == ["新建合同"]


def test_terminate_applies_the_deposit_to_arrears_and_refunds_the_rest(page, books, qtbot, monkeypatch):
    lease = books.leases.create(_lease())
    books.receivables.receive_deposit(lease.id, 6_000_00, dt.date(2025, 1, 1), "转账")
    books.leases.bill_rent("2025-03")  # 01-01 – 03-31: ¥9,000.00 owed
    qtbot.waitUntil(lambda: page.lease_model.rowCount() == 1)
    page.lease_view.selectRow(0)
    assert "押金结存　　　¥6,000.00" in page.deposit_label.text()
    summaries = []

    def act(dialog):
        dialog.on_edit.set_date(dt.date(2025, 3, 31))  # the quarter used in full: nothing credited back
        assert dialog.deposit_combo.currentData() == "apply_then_refund"  # the usual choice first
        summaries.append(dialog.summary_label.text())
        qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)  # Enter confirms

    _clerk_uses(monkeypatch, TerminationDialog, act)
    qtbot.mouseClick(page.terminate_button, Qt.MouseButton.LeftButton)
    assert "押金结存 ¥6,000.00：抵扣欠款 ¥6,000.00，退还 ¥0.00" in summaries[0]
    assert "冲回租金 ¥0.00；结算后尚欠 ¥3,000.00" in summaries[0]  # the amounts the service then settles
    assert "押金抵扣 ¥6,000.00" in page.last_message and "尚欠 ¥3,000.00" in page.last_message
    state = books.receivables.deposit_state(lease.id)
    assert (state.applied_fen, state.held_fen) == (6_000_00, 0)

"""The 凭证 page: list in SQL pages, filters, open/post/reverse/discard, reversal links both ways."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from assetdesk.periods import Period
from tests.helpers import draft, post
from ui.bridge import EventBridge
from ui.dialogs.voucher_dialog import VoucherDialog
from ui.pages.vouchers_page import VouchersPage


@pytest.fixture
def page(qtbot, books, rent):
    bridge = EventBridge(books.events)
    page = VouchersPage(books, bridge)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    qtbot.waitExposed(page)
    yield page
    for dialog in list(page._dialogs):
        dialog._saved_snapshot = dialog.snapshot()
        dialog.close()
    bridge.detach()


def shown(page, key):
    column = page.model.column_index(key)
    return [page.model.index(r, column).data() for r in range(page.model.rowCount())]


def test_list_shows_posted_and_draft_vouchers_newest_first(books, rent, page):
    post(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    post(books, "2025-02-05", "收二月租金", ("10201", 600_00), (rent, -600_00))
    draft(books, "2025-03-01", "预收租金", ("10201", 100_00))
    assert shown(page, "summary") == ["预收租金", "收二月租金", "收一月租金"]
    assert shown(page, "label") == ["草稿", "记-0001", "记-0001"]
    assert shown(page, "period") == ["2025-03", "2025-02", "2025-01"]
    assert shown(page, "debit_fen") == ["¥100.00", "¥600.00", "¥500.00"]
    assert shown(page, "status") == ["草稿", "已过账", "已过账"]
    assert page.count_label.text() == "共 3 张凭证"


def test_filters_and_sorting_go_to_the_service(qtbot, books, rent, page):
    post(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    post(books, "2025-01-08", "付水电费", ("51301", 80_00), ("101", -80_00))
    post(books, "2025-02-05", "收二月租金", ("10201", 600_00), (rent, -600_00))
    page.all_periods.setChecked(False)
    page.period_picker.set_period(Period(2025, 1))
    assert sorted(shown(page, "summary")) == ["付水电费", "收一月租金"]
    page.all_periods.setChecked(True)
    page.account_edit.setText("101")
    page.apply_filter()
    assert shown(page, "summary") == ["付水电费"]
    page.account_edit.setText("")
    page.amount_edit.set_fen(600_00)
    assert shown(page, "summary") == ["收二月租金"]
    page.amount_edit.set_fen(None)
    qtbot.keyClicks(page.text_edit, "zu")  # no match for latin text
    page.apply_filter()
    assert shown(page, "summary") == []
    page.text_edit.setText("租金")
    page.apply_filter()
    assert sorted(shown(page, "summary")) == ["收一月租金", "收二月租金"]
    page.text_edit.setText("")
    page.apply_filter()
    page.table.sortByColumn(page.model.column_index("debit_fen"), Qt.SortOrder.AscendingOrder)
    assert shown(page, "debit_fen") == ["¥80.00", "¥500.00", "¥600.00"]


def test_new_opens_the_voucher_dialog_and_a_saved_draft_appears(qtbot, books, rent, page):
    page.trigger("new")
    dialog = page._dialogs[-1]
    assert isinstance(dialog, VoucherDialog) and dialog.voucher_id is None
    dialog.date_edit.setText("2025-03-02")
    dialog.grid.cell(0, 0).setText("预收押金")
    dialog.grid.cell(0, 1).set_code("10201")
    dialog.grid.cell(0, 2).setText("300")
    assert dialog.save_draft()
    assert shown(page, "summary") == ["预收押金"] and shown(page, "status") == ["草稿"]


def test_post_reverse_and_links_both_ways(qtbot, books, rent, page, monkeypatch, shown_errors):
    voucher = draft(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    assert page.select_voucher(voucher.id)
    assert page.post_button.isEnabled() and not page.reverse_button.isEnabled()
    page.post_button.click()
    assert books.vouchers.get(voucher.id).label == "记-0001"
    assert shown(page, "label") == ["记-0001"]
    page.select_voucher(voucher.id)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    page.reverse_button.click()
    assert "红字冲销" in asked[0] and "记-0001" in asked[0]
    reversal = books.vouchers.get(voucher.id).reversed_by_id
    assert reversal is not None and shown_errors == []
    assert shown(page, "is_reversal") == ["红字冲销", ""]
    assert shown(page, "debit_fen")[0] == "-¥500.00"
    page.select_voucher(voucher.id)
    assert "已被" in page.link_label.text() and "2025-03 记-0001" in page.link_label.text()
    page.select_voucher(reversal)
    assert "冲销" in page.link_label.text() and "2025-01 记-0001" in page.link_label.text()
    assert not page.reverse_button.isEnabled()


def test_reverse_cancelled_changes_nothing(books, rent, page, monkeypatch):
    voucher = post(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    page.refresh()
    page.select_voucher(voucher.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    page.reverse_button.click()
    assert books.vouchers.count_vouchers() == 1


def test_discard_draft(books, rent, page, monkeypatch):
    voucher = draft(books, "2025-03-01", "预收租金", ("10201", 100_00))
    page.select_voucher(voucher.id)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.discard_button.click()
    assert books.vouchers.count_vouchers() == 0 and shown(page, "summary") == []


def test_double_click_opens_the_voucher_read_only(qtbot, books, rent, page):
    voucher = post(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    index = page.model.index(0, 3)
    page.table.doubleClicked.emit(index)
    dialog = page._dialogs[-1]
    assert dialog.voucher_id == voucher.id and dialog.read_only


def test_posting_refusal_is_shown(books, rent, page, shown_errors):
    voucher = draft(books, "2025-01-05", "收租", ("10201", 500_00), (rent, -400_00))
    page.select_voucher(voucher.id)
    page.post_button.click()
    assert [e.message for e, _ in shown_errors][0].startswith("借贷不平衡")


def import_renumbered(books, rent):
    """记-0001 typed in January, then paper 记-0001 imported into the same month: it becomes 记-0002
    and keeps its paper number in its source."""
    from assetdesk.services.vouchers import LineInput, VoucherInput
    from tests.helpers import day

    post(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    item = VoucherInput(day("2025-01-20"), "收门面房租金", [LineInput.debit("10201", 800_00), LineInput.credit(rent, 800_00)])
    books.vouchers.import_vouchers([item], papers=[("记", 1)])
    (row,) = [r for r in books.vouchers.list_vouchers(None) if r.summary == "收门面房租金"]
    return row


def test_a_renumbered_import_shows_its_paper_number_under_the_list_and_in_the_voucher(qtbot, books, rent, page):
    imported = import_renumbered(books, rent)
    assert imported.label == "记-0002"
    assert page.select_voucher(imported.id)
    assert page.detail_source.text() == "来源：导入（原凭证号 记-0001）"
    number_cell = page.table.currentIndex().siblingAtColumn(page.model.column_index("label"))
    assert number_cell.data(Qt.ItemDataRole.ToolTipRole) == "来源：导入（原凭证号 记-0001）"

    page.table.doubleClicked.emit(page.table.currentIndex())
    dialog = page._dialogs[-1]
    assert dialog.read_only and dialog.number_label.text() == "2025-01 记-0002"
    assert dialog.source_label.isVisible() and dialog.source_label.text() == "来源：导入（原凭证号 记-0001）"

    typed = [r for r in books.vouchers.list_vouchers(None) if r.summary == "收一月租金"][0]
    assert page.select_voucher(typed.id) and page.detail_source.text() == ""  # typed here: no 来源 line


def test_the_paper_number_is_found_by_the_search_box(qtbot, books, rent, page):
    imported = import_renumbered(books, rent)
    page.text_edit.setText("原凭证号 记-0001")
    page.apply_filter()
    assert shown(page, "label") == ["记-0002"] and page.model.row_at(0).id == imported.id


def test_a_document_voucher_names_its_document(qtbot, books, page):
    """A voucher posted from a business document says which document it posts."""
    import datetime as dt

    from assetdesk.services.documents import Document, DocumentLine, register_kind
    from assetdesk.services.org import CounterpartyInput

    register_kind("test_rent_charge", "应收租金（测试）")
    if "50101" not in {row.code for row in books.accounts.list_accounts()}:
        books.accounts.add_sub_account("501", "租金收入", "50101")
    tenant = books.org.add_counterparty(CounterpartyInput("普洱茶源商贸有限公司", "单位"))
    view = books.documents.post(Document("test_rent_charge", 41, dt.date(2025, 1, 5), "应收一月租金", (
        DocumentLine("rent.receivable", debit_fen=500_00, counterparty_id=tenant.id),
        DocumentLine("rent.income", credit_fen=500_00))))
    assert page.select_voucher(view.id)
    assert page.detail_source.text() == "来源：应收租金（测试） 41"

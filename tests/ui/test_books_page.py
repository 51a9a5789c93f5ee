"""账簿报表: trial balance, ledger and journals with drill-down, month close and reopen."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox

from assetdesk.periods import Period
from tests.helpers import post
from tests.ui.books_helpers import books_page, cells, use_range
from ui.bridge import EventBridge
from ui.pages.books_page import BooksPage


@pytest.fixture
def page(qtbot, books, rent):
    yield from books_page(qtbot, books, 1200, 700)


@pytest.fixture
def posted(books, rent):
    books.accounts.set_opening_balances({"101": 1_000_00, "301": -1_000_00})
    first = post(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    post(books, "2025-01-05", "提现", ("101", 200_00), ("10201", -200_00))
    post(books, "2025-02-03", "付办公费", ("51301", 50_00), ("101", -50_00))
    return first


def test_trial_balance_rows_totals_and_balanced(page, books, posted):
    use_range(page.tb_range, "2025-01", "2025-01")
    page.load_trial_balance()
    codes = cells(page.tb_model, "code")
    assert codes[:2] == ["101", "102"] and codes[-1] == ""
    assert cells(page.tb_model, "name")[-1] == "合计"
    row = codes.index("102")
    assert cells(page.tb_model, "debit_fen")[row] == "¥500.00"
    assert cells(page.tb_model, "credit_fen")[row] == "¥200.00"
    assert cells(page.tb_model, "closing_debit_fen")[row] == "¥300.00"
    assert cells(page.tb_model, "opening_debit_fen")[-1] == "¥1,000.00"
    tb = books.ledger.trial_balance("2025-01")
    assert cells(page.tb_model, "debit_fen")[-1] == "¥700.00" == f"¥{tb.totals.debit_fen / 100:,.2f}"
    assert page.tb_status.text() == "试算平衡"
    bold = page.tb_model.index(len(codes) - 1, 0).data(page_font_role())
    assert bold is not None and bold.bold()
    page.tb_level.setCurrentIndex(1)
    page.load_trial_balance()
    assert "50101" not in cells(page.tb_model, "code")


def page_font_role():
    from PySide6.QtCore import Qt
    return Qt.ItemDataRole.FontRole


def test_drill_down_trial_balance_to_ledger_to_voucher(page, books, posted):
    use_range(page.tb_range, "2025-01", "2025-02")
    page.load_trial_balance()
    row = cells(page.tb_model, "code").index("102")
    page.tb_table.doubleClicked.emit(page.tb_model.index(row, 4))
    assert page.tabs.currentIndex() == 1
    assert page.ledger_account.code() == "102"
    summaries = cells(page.ledger_model, "summary")
    assert summaries == ["上年结转", "收一月租金", "提现", "本月合计", "本年累计", "本月合计", "本年累计"]
    assert cells(page.ledger_model, "balance_fen")[2] == "¥300.00"
    assert cells(page.ledger_model, "direction")[2] == "借"
    page.ledger_table.doubleClicked.emit(page.ledger_model.index(1, 5))
    dialog = page._dialogs[-1]
    assert dialog.voucher_id == posted.id and dialog.read_only
    assert dialog.grid.cell(0, 2).text() == "500.00"


def test_cash_journal_has_daily_totals(page, books, posted):
    page.tabs.setCurrentIndex(2)
    use_range(page.cash_tab.range, "2025-01", "2025-02")
    page.load_journal(page.cash_tab)
    summaries = cells(page.cash_tab.model, "summary")
    assert summaries[:3] == ["上年结转", "提现", "本日合计"]
    assert cells(page.cash_tab.model, "balance_fen")[2] == "¥1,200.00"
    entries = books.ledger.journal("cash", "2025-01", "2025-02")
    assert [e.summary for e in entries] == summaries


def test_bank_journal_of_one_bank_account_on_screen_and_in_print(page, books, rent, monkeypatch):
    basic = "10201"  # 基本存款户: new books have it
    special = books.accounts.add_sub_account("102", "专户").code
    post(books, "2025-01-05", "收一月租金", (basic, 500_00), (rent, -500_00))
    post(books, "2025-01-08", "收项目补助", (special, 3_000_00), ("241", -3_000_00))
    page.refresh()
    page.tabs.setCurrentIndex(3)
    tab = page.bank_tab
    assert tab.account_combo.isVisible()
    names = [tab.account_combo.itemText(i) for i in range(tab.account_combo.count())]
    assert names == ["全部账户（合计）", f"{basic} 银行存款—基本存款户", f"{special} 银行存款—专户"]
    use_range(tab.range, "2025-01", "2025-01")
    tab.account_combo.setCurrentIndex(2)
    tab.range.query_button.click()
    summaries = cells(tab.model, "summary")
    assert "收项目补助" in summaries and "收一月租金" not in summaries
    assert cells(tab.model, "balance_fen")[summaries.index("收项目补助")] == "¥3,000.00"
    printed = []
    monkeypatch.setattr("ui.dialogs.report_preview_dialog.preview_report",
                        lambda parent, books, name, **options: printed.append((name, options)))
    page.on_print()
    assert printed and printed[0][0] == "journal" and printed[0][1]["account"] == special
    page.refresh()  # the choice survives a refresh
    assert tab.account_combo.currentData() == special
    assert not page.cash_tab.account_combo.isVisible()  # one cash account: nothing to choose


def test_the_page_opens_on_the_current_period_and_keeps_the_clerks_choice(page, books, rent):
    post(books, "2025-01-05", "收一月租金", ("10201", 500_00), (rent, -500_00))
    post(books, "2025-03-05", "收三月租金", ("10201", 500_00), (rent, -500_00))
    books.periods.close("2025-01")
    fresh = BooksPage(books, EventBridge(books.events))
    fresh.refresh()
    assert fresh.tb_range.range() == (Period(2025, 2), Period(2025, 2))  # the first open month, as in the status bar
    use_range(fresh.tb_range, "2025-03", "2025-03")
    fresh.refresh()
    assert fresh.tb_range.range() == (Period(2025, 3), Period(2025, 3))
    fresh.deleteLater()


def test_close_and_reopen_with_reason(page, books, posted, monkeypatch, shown_errors):
    page.tabs.setCurrentIndex(4)
    assert cells(page.periods_model, "status")[0] == "未结账"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.close_button.click()
    assert books.periods.is_closed("2025-01") and shown_errors == []
    assert cells(page.periods_model, "status")[0] == "已结账"
    assert page.current_label.text() == "当前会计期间：2025-02"
    page.periods_table.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("", True))
    page.reopen_button.click()
    assert shown_errors[-1][0].message == "反结账必须填写原因"
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("补录一月凭证", True))
    page.reopen_button.click()
    assert not books.periods.is_closed("2025-01")
    assert cells(page.log_model, "reason")[0] == "补录一月凭证"
    assert cells(page.log_model, "action") == ["反结账", "结账"]


def test_closing_out_of_order_is_refused(page, books, posted, monkeypatch, shown_errors):
    page.tabs.setCurrentIndex(4)
    page.periods_table.selectRow(1)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.close_button.click()
    assert shown_errors[0][0].message == "2025-01 还没有结账"


def test_year_end_closing_from_the_close_tab(page, books, posted, monkeypatch, shown_errors):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    page.tabs.setCurrentIndex(4)
    page.year_end_button.click()
    assert shown and "已生成结转凭证" in shown[0]
    december = books.ledger.trial_balance("2025-12")
    income = [r for r in december.rows if r.code.startswith("5") and r.is_leaf]
    assert income and all(r.closing_debit_fen == r.closing_credit_fen == 0 for r in income)
    assert books.ledger.balance("32202", "2025-12") != 0
    page.year_end_button.click()  # a second time is refused with the service's message
    assert "已经做过年终结转" in str(shown_errors[-1][0])

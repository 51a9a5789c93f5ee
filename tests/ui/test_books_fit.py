"""账簿报表 at 1280×800 with the demo community's books: every column of the 科目余额表 (and of the
ledgers and journals) shows in full, without a horizontal scroll bar, amounts as ¥1,234.50."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assetdesk.services.demo import build_demo
from tests.ui.conftest import show_main_window
from ui.widgets.report_table import MIN_POINT_SIZE


@pytest.fixture
def demo(empty_books):
    build_demo(empty_books, households=60, year=2024)  # a whole year: the widest 本年累计 figures
    return empty_books


@pytest.fixture
def books_page(qtbot, demo):
    window = show_main_window(qtbot, demo)
    assert (window.width(), window.height()) == (1280, 800)
    page = window.show_page("BooksPage")
    qtbot.wait(10)
    return page


def columns_in_full(view) -> bool:
    return all(view.columnWidth(c) >= view.content_width(c) for c in range(view.model().columnCount()))


def assert_every_column_in_full(qtbot, view) -> None:
    qtbot.waitUntil(lambda: columns_in_full(view))  # fitted once the query's rows are in
    assert view.horizontalScrollBar().maximum() == 0 and not view.horizontalScrollBar().isVisible()
    assert view.horizontalHeader().length() <= view.viewport().width()
    assert view.font().pointSizeF() >= MIN_POINT_SIZE


def test_trial_balance_fits_1280_by_800(qtbot, books_page, demo):
    page = books_page
    view = page.tb_table
    year_end = demo.periods.list_periods()[-1].period
    page.tb_range.start.set_period(year_end)
    page.tb_range.end.set_period(year_end)
    qtbot.mouseClick(page.tb_range.query_button, Qt.MouseButton.LeftButton)
    assert page.tabs.currentIndex() == 0 and view.isVisible()
    assert_every_column_in_full(qtbot, view)

    model = page.tb_model
    names = [model.index(r, 1).data() for r in range(model.rowCount())]
    row = next(n for n, name in enumerate(names) if name.strip("　") == "老旧小区改造项目资金")
    assert model.index(row, 0).data() == "24101"
    text_width = view.fontMetrics().horizontalAdvance(names[row])
    assert view.columnWidth(1) >= text_width  # "老旧小区改造项目资金", not "老旧小区改…"
    closing_credit = model.column_index("closing_credit_fen")
    rect = view.visualRect(model.index(row, closing_credit))
    assert rect.right() <= view.viewport().width()  # 期末贷方 on screen, not behind a scroll bar
    assert model.index(row, closing_credit).data().startswith("¥")


def test_ledgers_and_journals_fit_1280_by_800(qtbot, books_page, demo):
    page = books_page
    year_end = demo.periods.list_periods()[-1].period
    first = demo.periods.list_periods()[0].period
    page.show_ledger("10201", first, year_end)  # a whole year of the bank account
    assert page.ledger_model.rowCount() > 50
    assert_every_column_in_full(qtbot, page.ledger_table)
    for index, tab in ((2, page.cash_tab), (3, page.bank_tab)):
        page.tabs.setCurrentIndex(index)
        tab.range.start.set_period(first)
        tab.range.end.set_period(year_end)
        qtbot.mouseClick(tab.range.query_button, Qt.MouseButton.LeftButton)
        assert tab.model.rowCount() > 10
        assert_every_column_in_full(qtbot, tab.table)
    page.tabs.setCurrentIndex(4)
    assert_every_column_in_full(qtbot, page.periods_table)


def test_a_narrower_window_steps_the_font_down_and_a_wider_one_back(qtbot, books_page):
    view = books_page.tb_table
    window = books_page.window()
    assert_every_column_in_full(qtbot, view)
    base = view.font().pointSizeF()
    window.resize(1160, 800)
    qtbot.waitUntil(lambda: view.font().pointSizeF() < base)
    qtbot.wait(20)
    assert view.fits() or view.font().pointSizeF() == MIN_POINT_SIZE
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: view.font().pointSizeF() == base)
    assert_every_column_in_full(qtbot, view)

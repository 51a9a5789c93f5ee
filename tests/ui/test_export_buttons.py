"""导出Excel buttons: every table screen shows one, and clicking it writes what the table shows —
the rows filtered, sorted and queried on screen, Chinese headers, amounts as plain numbers (the
screen shows ¥1,234.50; the workbook holds 1234.5)."""
from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QPushButton, QTableView, QTreeView

from assetdesk.periods import Period
from tests.helpers import post
from tests.ui.conftest import show_main_window
from tests.ui.dialog_patches import save_as
from ui.bridge import EventBridge


@pytest.fixture
def posted(books, rent):
    books.accounts.set_opening_balances({"10201": 10_000_00, "301": -10_000_00})
    post(books, "2025-01-05", "收一月租金", ("10201", 1_234_50), (rent, -1_234_50))
    post(books, "2025-01-08", "提取备用金", ("101", 500_00), ("10201", -500_00))
    post(books, "2025-02-03", "收二月租金", ("10201", 2_000_00), (rent, -2_000_00))
    return books


@pytest.fixture
def target(tmp_path, monkeypatch, saved_messages):
    """The 另存为 dialog answers this path; the "已导出到" box is recorded, not shown."""
    path = tmp_path / "导出.xlsx"
    save_as(monkeypatch, path)
    return path


@pytest.fixture
def bridge(books):
    bridge = EventBridge(books.events)
    yield bridge
    bridge.detach()


def open_page(qtbot, cls, books, bridge):
    page = cls(books, bridge)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def click(qtbot, button: QPushButton) -> None:
    assert button.isVisible() and button.isEnabled() and button.text() == "导出Excel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def workbook(path) -> tuple[str, list[str], list[tuple]]:
    """(title, headers, data rows) of an exported table."""
    rows = list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))
    return rows[0][0], list(rows[2]), rows[3:]


def screen(view) -> list[list[str]]:
    model = view.model()
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def click_header(qtbot, view, column: int) -> None:
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))


def test_voucher_list_exports_the_filtered_sorted_list(qtbot, posted, bridge, target, saved_messages, shown_errors):
    from ui.pages.vouchers_page import VouchersPage

    page = open_page(qtbot, VouchersPage, posted, bridge)
    page.all_periods.click()  # one month only
    page.period_picker.set_period(Period.parse("2025-01"))
    page.apply_filter()
    click_header(qtbot, page.table, page.model.column_index("debit_fen"))  # sort by 金额
    shown = screen(page.table)
    assert [row[3] for row in shown] in (["提取备用金", "收一月租金"], ["收一月租金", "提取备用金"])
    assert page.model.sort_state()[0] == page.model.column_index("debit_fen")
    assert "¥1,234.50" in [row[4] for row in shown]

    click(qtbot, page.export_button)

    title, headers, data = workbook(target)
    assert title == "兰花社区 凭证列表（2025-01）"
    assert headers == ["期间", "凭证号", "日期", "摘要", "金额", "附件", "制单人", "状态", "冲销"]
    assert [row[3] for row in data] == [row[3] for row in shown]  # the screen's rows, in its order
    rent = next(row for row in data if row[3] == "收一月租金")
    assert rent[4] == 1234.5 and not isinstance(rent[4], str)  # a number Excel can add, no ¥
    assert rent[2] == dt.datetime(2025, 1, 5)
    assert saved_messages == [f"已导出到 {target}"] and shown_errors == []


def test_a_reversal_shows_red_minus_yen_and_exports_a_negative_number(qtbot, posted, bridge, target, shown_errors):
    from ui.pages.vouchers_page import VouchersPage

    first = posted.vouchers.list_vouchers(None, order_by="number", descending=False, offset=0, limit=1)[0]
    posted.vouchers.reverse(first.id)
    page = open_page(qtbot, VouchersPage, posted, bridge)
    model = page.model
    amount = model.column_index("debit_fen")
    row = next(r for r in range(model.rowCount()) if model.row_at(r).is_reversal)
    assert model.index(row, amount).data() == "-¥1,234.50"  # assetdesk.money.format_money
    red = model.index(row, amount).data(Qt.ItemDataRole.ForegroundRole).color()
    assert red.red() > 150 and red.green() < 100

    click(qtbot, page.export_button)

    _title, _headers, data = workbook(target)
    reversal = next(line for line in data if line[8] == "红字冲销")
    assert reversal[4] == -1234.5  # the raw amount, not the "-¥1,234.50" on screen
    cell = openpyxl.load_workbook(target).active.cell(row=4 + data.index(reversal), column=5)
    assert cell.data_type == "n" and cell.number_format == "#,##0.00"
    assert shown_errors == []


def test_trial_balance_exports_the_months_and_levels_queried(qtbot, posted, bridge, target, shown_errors):
    from ui.pages.books_page import BooksPage

    page = open_page(qtbot, BooksPage, posted, bridge)
    page.tabs.setCurrentIndex(0)
    page.tb_range.start.set_period(Period.parse("2025-01"))
    page.tb_range.end.set_period(Period.parse("2025-01"))
    page.tb_level.setCurrentIndex(page.tb_level.findData(1))  # 一级科目
    qtbot.mouseClick(page.tb_range.query_button, Qt.MouseButton.LeftButton)
    shown = screen(page.tb_table)
    bank = next(row for row in shown if row[0] == "102")
    assert bank[2] == "¥10,000.00" and bank[4] == "¥1,234.50" and bank[5] == "¥500.00"

    click(qtbot, page.tb_export_button)

    title, headers, data = workbook(target)
    assert title == "兰花社区 科目余额表（2025-01）"
    assert headers == ["科目编码", "科目名称", "期初借方", "期初贷方", "本期借方", "本期贷方",
                       "本年累计借方", "本年累计贷方", "期末借方", "期末贷方"]
    assert [row[0] for row in data] == [row[0] or None for row in shown]  # level 1 only, as shown
    assert "50101" not in [row[0] for row in data]
    row = next(row for row in data if row[0] == "102")
    assert row[1] == "银行存款"
    assert row[2:6] == (10000, None, 1234.5, 500)  # numbers; a blank cell on screen stays blank
    assert row[8] == 10734.5
    assert data[-1][1] == "合计" and data[-1][4] == 1734.5
    assert shown_errors == []


def test_ledger_and_journals_export_the_account_and_months_on_screen(qtbot, posted, bridge, target, shown_errors):
    from ui.pages.books_page import BooksPage

    page = open_page(qtbot, BooksPage, posted, bridge)
    january = Period.parse("2025-01")
    page.show_ledger("10201", january, january)
    click(qtbot, page.ledger_export_button)
    title, headers, data = workbook(target)
    assert title == "兰花社区 明细账 10201（2025-01）"
    assert headers == ["日期", "凭证号", "科目", "摘要", "借方", "贷方", "方向", "余额"]
    assert [row[3] for row in data] == [row[3] for row in screen(page.ledger_table)]
    assert [row[3] for row in data][1:3] == ["收一月租金", "提取备用金"]
    rent = data[1]
    assert rent[4] == 1234.5 and rent[5] is None and rent[6] == "借" and rent[7] == 11234.5

    for index, tab, summary, amount in ((2, page.cash_tab, "提取备用金", 500), (3, page.bank_tab, "收一月租金", 1234.5)):
        page.tabs.setCurrentIndex(index)
        tab.range.start.set_period(january)
        tab.range.end.set_period(january)
        qtbot.mouseClick(tab.range.query_button, Qt.MouseButton.LeftButton)
        assert any(row[2] == summary for row in screen(tab.table))
        click(qtbot, tab.export_button)
        title, headers, data = workbook(target)
        assert title == ("兰花社区 现金日记账（2025-01）" if index == 2 else "兰花社区 银行存款日记账（2025-01）")
        assert headers == ["日期", "凭证号", "摘要", "借方", "贷方", "方向", "余额"]
        assert [row for row in data if row[2] == summary][0][3] == amount
        assert "收二月租金" not in [row[2] for row in data]  # February is not on screen
    assert shown_errors == []


def test_close_tab_exports_the_periods_and_the_log(qtbot, posted, bridge, target, shown_errors):
    from ui.pages.books_page import BooksPage

    posted.periods.close("2025-01")
    page = open_page(qtbot, BooksPage, posted, bridge)
    page.tabs.setCurrentIndex(4)
    click(qtbot, page.periods_export_button)
    title, headers, data = workbook(target)
    assert title == "兰花社区 会计期间" and headers == ["会计期间", "状态", "结账时间", "结账人"]
    assert data[0][:2] == ("2025-01", "已结账") and data[0][2] == "2025-03-15 09:30"
    click(qtbot, page.log_export_button)
    title, headers, data = workbook(target)
    assert title == "兰花社区 结账日志" and headers == ["会计期间", "操作", "原因", "操作人", "时间"]
    assert data[0][:2] == ("2025-01", "结账")
    assert shown_errors == []


def test_chart_exports_the_accounts_the_search_leaves_and_reimports(qtbot, posted, bridge, target, typist,
                                                                   shown_errors):
    from assetdesk.excel import import_file
    from ui.pages.accounts_page import AccountsPage

    page = open_page(qtbot, AccountsPage, posted, bridge)
    page.search_edit.setFocus()
    typist(page.search_edit, "租金")
    click(qtbot, page.chart_export_button)
    title, headers, data = workbook(target)
    assert title == "兰花社区 科目表"
    assert headers == ["科目编码", "科目名称", "类别", "余额方向", "状态"]
    assert ("50101", "租金收入", "损益", "贷", "启用") in data
    assert "101" not in [row[0] for row in data]  # hidden by the search, not exported
    preview = import_file(posted, "accounts", target, dry_run=True)
    assert preview.errors == [] and preview.changed == 0 and preview.new == 0
    assert shown_errors == []


def test_opening_balances_export_what_is_typed_on_screen(qtbot, posted, bridge, target, typist, shown_errors):
    from assetdesk.excel import import_file
    from ui.pages.accounts_page import AccountsPage

    page = open_page(qtbot, AccountsPage, posted, bridge)
    page.tabs.setCurrentIndex(1)
    table = page.opening_table
    for code, column in (("101", 3), ("311", 4)):  # 库存现金 借 2000, 公积公益金 贷 2000: typed, not saved
        number = next(n for n in range(table.rowCount()) if table.item(n, 0).text() == code)
        table.setCurrentCell(number, column)
        table.editItem(table.item(number, column))
        typist(table.focusWidget(), "2000")
        qtbot.keyClick(table.focusWidget(), Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: table.item(number, column).text() == "¥2,000.00")

    click(qtbot, page.opening_export_button)  # not saved yet: the screen is what is exported

    title, headers, data = workbook(target)
    assert title == "兰花社区 期初余额"
    assert headers == ["科目编码", "科目名称", "方向", "借方余额", "贷方余额"]  # as on screen
    rows = {row[0]: row for row in data}
    assert len(rows) == table.rowCount()
    assert rows["101"][3] == 2000 and rows["10201"][3] == 10000 and rows["10201"][1] == "银行存款—基本存款户"
    assert rows["301"][4] == 10000 and rows["301"][3] is None and rows["311"][4] == 2000
    assert posted.accounts.opening_check().debit_fen == 10_000_00  # exporting saved nothing
    preview = import_file(posted, "opening-balances", target, dry_run=True)
    assert preview.errors == [] and preview.changed == 2  # the two typed amounts
    assert shown_errors == []


def test_users_export_sorted_as_shown(qtbot, posted, bridge, target, shown_errors):
    from ui.pages.settings_page import SettingsPage

    posted.org.add_user("王会计", "会计")
    posted.org.add_user("张出纳", "出纳")
    page = open_page(qtbot, SettingsPage, posted, bridge)
    click_header(qtbot, page.users_view, 1)  # by 角色
    shown = [row[0] for row in screen(page.users_view)]
    click(qtbot, page.users_export_button)
    title, headers, data = workbook(target)
    assert title == "兰花社区 用户和角色" and headers == ["姓名", "角色", "状态"]
    assert [row[0] for row in data] == shown and ("王会计", "会计", "启用") in data
    assert shown_errors == []


def _tables(widget) -> list[QAbstractItemView]:
    return [view for view in widget.findChildren(QAbstractItemView)
            if isinstance(view, (QTableView, QTreeView)) and not isinstance(view, QListView) and view.isVisible()]


def _export_buttons(widget) -> list[QPushButton]:
    return [b for b in widget.findChildren(QPushButton) if b.text() == "导出Excel" and b.isVisible()]


def test_every_table_screen_shows_an_export_button(qtbot, posted):
    window = show_main_window(qtbot, posted)
    seen = []
    for cls in window.page_classes():
        page = window.show_page(cls)
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs is not None else 1):
            if tabs is not None:
                tabs.setCurrentIndex(index)
            qtbot.wait(1)
            if _tables(page):
                where = f"{cls.__name__} {tabs.tabText(index) if tabs is not None else ''}".strip()
                seen.append(where)
                buttons = _export_buttons(page)
                assert buttons, f"{where}: a table without a visible 导出Excel button"
                assert not buttons[0].icon().isNull()
    assert {"VouchersPage", "AccountsPage 科目表", "AccountsPage 期初余额", "BooksPage 科目余额表", "BooksPage 明细账",
            "BooksPage 现金日记账", "BooksPage 银行存款日记账", "BooksPage 结账", "SettingsPage"} <= set(seen)


def test_opening_export_carries_the_direction_column_and_reimports_unchanged(qtbot, posted, bridge, target, shown_errors):
    """The 期初余额 export writes the screen's 方向 column (借/贷/双向) beside the 借方/贷方 amounts,
    and re-imports as it is: there 方向 is information, 双向 included."""
    from assetdesk.excel import import_file
    from ui.pages.accounts_page import AccountsPage

    house = posted.accounts.add_sub_account("113", "社区居委会").code   # 内部往来: a 双向 account
    street = posted.accounts.add_sub_account("113", "街道办").code
    posted.accounts.set_opening_balances({"10201": 10_000_00, house: 3_000_00, street: -500_00, "301": -12_500_00})
    page = open_page(qtbot, AccountsPage, posted, bridge)
    page.tabs.setCurrentIndex(1)
    click(qtbot, page.opening_export_button)

    rows = list(openpyxl.load_workbook(target).active.iter_rows(values_only=True))
    header_at = next(n for n, row in enumerate(rows) if row and "方向" in [str(cell) for cell in row])
    side_column = list(rows[header_at]).index("方向")
    sides = {row[0]: row[side_column] for row in rows[header_at + 1:] if row and row[0]}
    assert sides[house] == "双向" and sides["10201"] == "借" and sides["301"] == "贷"

    preview = import_file(posted, "opening-balances", target, dry_run=True)
    assert preview.errors == [] and (preview.new, preview.changed) == (0, 0)
    assert shown_errors == []

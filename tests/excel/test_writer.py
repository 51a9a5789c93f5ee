"""Generic table export and the trial balance workbook: formats, escaping, and reading back."""
from __future__ import annotations

import datetime as dt

import openpyxl

from assetdesk.excel import export_table, export_trial_balance
from assetdesk.excel.reader import read_grids
from assetdesk.services.vouchers import LineInput, VoucherInput
from tests.helpers import chart_with


def test_export_table_formats_and_escapes(tmp_path):
    columns = [("名称", "text"), ("金额", "amount"), ("日期", "date"), ("面积", "area"), ("启用", "bool")]
    rows = [["=1+1", 123456, dt.date(2025, 1, 31), 1050, True], ["@x", -5, None, 0, False]]
    path = export_table(tmp_path / "t.xlsx", "租金明细", "元", columns, rows, community="兰花社区")
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "兰花社区 租金明细" and ws["A2"].value == "单位：元" and ws.freeze_panes == "A4"
    assert ws["A4"].data_type == "s" and ws["A4"].value == "=1+1" and ws["A4"].quotePrefix
    assert ws["B4"].number_format == "#,##0.00" and ws["C4"].number_format == "yyyy-mm-dd"
    (grid,) = read_grids(path)
    assert grid.rows[3] == ["=1+1", 1234.56, dt.datetime(2025, 1, 31), 10.5, "是"]  # openpyxl: dates as datetime
    assert grid.rows[4][:2] == ["@x", -0.05]


def test_trial_balance_workbook(books, tmp_path):
    cash = next(a.code for a in books.accounts.list_accounts() if a.is_leaf and a.code.startswith("101"))
    income = next(a.code for a in books.accounts.list_accounts() if a.is_leaf and a.code.startswith("501"))
    books.vouchers.create_and_post(VoucherInput(dt.date(2025, 1, 5), "收租金",
                                                [LineInput.debit(cash, 100050), LineInput.credit(income, 100050)]))
    chart_with(books, ("10201", "基本存款户"))
    books.vouchers.create_and_post(VoucherInput(dt.date(2025, 2, 5), "收租金",
                                                [LineInput.debit("10201", 20000), LineInput.credit(income, 20000)]))
    path = export_trial_balance(books, tmp_path / "tb.xlsx", "2025-01", "2025-03")
    ws = openpyxl.load_workbook(path).active
    # headed as the printed report is: the same period wording and the 试算结果
    assert ws["A1"].value.endswith("科目余额表（2025年1月—3月）") and ws["B2"].value == "试算结果：平衡"
    rows = {row[0]: row for row in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["101"][4] == 1000.5 and rows["合计"][4] == rows["合计"][5] == 1200.5
    assert rows["101"][2:4] == (None, None) and rows["101"][5] is None  # zeros blank, as printed
    cells = {row[0].value: row for row in ws.iter_rows(min_row=4)}
    assert cells["10201"][1].value == "基本存款户" and cells["10201"][1].alignment.indent == 1
    assert cells["102"][1].alignment.indent == 0

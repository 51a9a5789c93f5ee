"""导出Excel of a table screen: every row (paged models too), the model's headers, amounts as numbers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from assetdesk.money import format_money
from ui.models.table_model import TableModel, bool_column, date_column, money_column, number_column, text_column
from ui.table_export import export_table_view


@dataclass(frozen=True)
class Line:
    number: int
    date_on: dt.date
    summary: str
    amount_fen: int
    posted: bool


COLUMNS = [
    number_column("number", "序号"),
    date_column("date_on", "日期"),
    text_column("summary", "摘要", stretch=True),
    money_column("amount_fen", "金额"),
    bool_column("posted", "已过账"),
]


def lines(count: int) -> list[Line]:
    return [Line(n, dt.date(2025, 1, 1) + dt.timedelta(days=n % 28), f"收{n}号铺租金", n * 100_05 - 500_00, n % 2 == 0)
            for n in range(1, count + 1)]


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    asked = []

    def fake(parent, caption, start, file_filter):
        asked.append(start)
        return str(tmp_path / "导出"), file_filter  # typed without .xlsx

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def read_back(path):
    return list(openpyxl.load_workbook(path).active.iter_rows(values_only=True))


def test_in_memory_table_exports_headers_and_values_as_shown(qtbot, books, tmp_path, save_to, saved_messages,
                                                             shown_errors):
    model = TableModel.in_memory(COLUMNS, lines(5))
    model.sort(3, Qt.SortOrder.DescendingOrder)
    path = export_table_view(None, books, "租金流水", model)

    assert path == tmp_path / "导出.xlsx" and path.exists()
    assert save_to[0].endswith("租金流水.xlsx")
    assert saved_messages == [f"已导出到 {path}"]
    rows = read_back(path)
    assert rows[0][0] == "兰花社区 租金流水"
    assert rows[1][0] == "单位：元"
    headers = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert list(rows[2]) == headers
    data = rows[3:]
    assert len(data) == 5
    for row_number, row in enumerate(data):  # display order, shown text
        shown = [model.index(row_number, c).data() for c in range(model.columnCount())]
        assert isinstance(row[3], (int, float)) and format_money(round(Decimal(str(row[3])) * 100)) == shown[3]
        assert row[1].date().isoformat() == shown[1]
        assert row[2] == shown[2] and row[4] == shown[4] and str(row[0]) == shown[0]
    assert model.index(4, 3).data() == "-¥399.95" and data[4][3] == pytest.approx(-399.95)  # a number, no ¥
    assert shown_errors == []


def test_paged_table_exports_every_row_not_only_the_loaded_page(qtbot, books, tmp_path, save_to, saved_messages):
    source = lines(450)
    calls = []

    def fetch(offset, limit, order, descending, flt):
        calls.append((offset, limit))
        return source[offset:offset + limit]

    model = TableModel.paged(COLUMNS, fetch, lambda flt: len(source), page_size=200)
    assert model.rowCount() == 200
    path = export_table_view(None, books, "租金流水", model)
    data = read_back(path)[3:]
    assert len(data) == 450
    assert data[-1][2] == "收450号铺租金"
    assert calls == [(0, 200), (200, 250)]  # the rest in one query


def test_cancelled_file_dialog_writes_nothing(qtbot, books, monkeypatch, saved_messages):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: ("", "")))
    assert export_table_view(None, books, "租金流水", TableModel.in_memory(COLUMNS, lines(2))) is None
    assert saved_messages == []


def test_unwritable_target_shows_chinese_message(qtbot, books, tmp_path, monkeypatch, saved_messages, shown_errors):
    folder = tmp_path / "是文件夹.xlsx"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(folder), "")))
    assert export_table_view(None, books, "租金流水", TableModel.in_memory(COLUMNS, lines(2))) is None
    assert saved_messages == []
    assert shown_errors and "是一个文件夹" in shown_errors[0][0].message  # said before any work, in Chinese

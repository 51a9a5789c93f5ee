"""The generic table model, without views: formatting, alignment, red negatives, lazy paging,
sorting in the data source (paged) or in the model (in memory), on 100k rows. How long the first page
and a sort take is measured in benchmarks/bench_table_model.py; here, what makes them quick: one page
fetched, the sort handed to the source."""
import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt

from assetdesk.money import format_money
from ui.models.table_model import (
    RAW_ROLE,
    ROW_ROLE,
    TableModel,
    date_column,
    money_column,
    text_column,
)

N = 100_000


@dataclass(frozen=True)
class FakeRow:
    id: int
    label: str
    date_on: dt.date
    summary: str
    amount_fen: int


ROWS = [
    FakeRow(i, f"记-{i:06d}", dt.date(2025, 1, 1) + dt.timedelta(days=i % 365), f"摘要{(i * 7919) % N}",
            ((i * 104729) % 2_000_001) - 1_000_000)
    for i in range(N)
]

COLUMNS = [
    text_column("label", "凭证号", sort_key="number"),
    date_column("date_on", "日期"),
    text_column("summary", "摘要", stretch=True),
    money_column("amount_fen", "金额"),
]


class FakeSource:
    """Stands in for a service's SQL: sorts and filters itself, records each call."""

    ORDER = {"number": lambda r: r.id, "date_on": lambda r: r.date_on, "summary": lambda r: r.summary,
             "amount_fen": lambda r: r.amount_fen}

    def __init__(self, rows):
        self.rows = rows
        self.calls = []

    def _view(self, order_by, descending, flt):
        rows = self.rows if not flt else [r for r in self.rows if flt in r.summary]
        if order_by:
            rows = sorted(rows, key=self.ORDER[order_by], reverse=descending)
        return rows

    def fetch(self, offset, limit, order_by, descending, flt):
        self.calls.append((offset, limit, order_by, descending, flt))
        return self._view(order_by, descending, flt)[offset:offset + limit]

    def count(self, flt):
        return len(self.rows) if not flt else sum(1 for r in self.rows if flt in r.summary)


def display(model, row, column):
    return model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole)


def test_paged_model_shows_first_page_of_100k_rows_fetching_one_page(qapp):
    source = FakeSource(ROWS)
    model = TableModel.paged(COLUMNS, source.fetch, source.count)
    first_text = display(model, 0, 0)
    assert source.calls == [(0, 200, None, False, source.calls[0][4])]  # one page asked for, not 100k rows
    assert model.rowCount() == 200 and model.total_count() == N
    assert first_text == "记-000000"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "金额"


def test_paged_model_fetches_more_lazily(qapp):
    source = FakeSource(ROWS)
    model = TableModel.paged(COLUMNS, source.fetch, source.count, page_size=200)
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 400
    assert source.calls[-1][:2] == (200, 200)
    assert display(model, 399, 0) == "记-000399"


def test_paged_sort_is_delegated_to_the_source(qapp):
    source = FakeSource(ROWS)
    model = TableModel.paged(COLUMNS, source.fetch, source.count)
    source.calls.clear()
    model.sort(3, Qt.SortOrder.DescendingOrder)
    top = model.data(model.index(0, 3), RAW_ROLE)
    assert [call[:4] for call in source.calls] == [(0, 200, "amount_fen", True)]  # the source sorts one page
    assert model.rowCount() == 200
    assert top == max(r.amount_fen for r in ROWS)
    model.sort(0, Qt.SortOrder.AscendingOrder)
    assert source.calls[-1][2] == "number"  # the column's sort key, not its attribute


def test_paged_filter_goes_to_the_source(qapp):
    source = FakeSource(ROWS)
    model = TableModel.paged(COLUMNS, source.fetch, source.count)
    model.set_filter("摘要99999")
    assert model.total_count() == source.count("摘要99999")
    assert all("摘要99999" in r.summary for r in model.rows())
    assert source.calls[-1][4] == "摘要99999"


def test_money_is_formatted_right_aligned_and_red_when_negative(qapp):
    rows = [FakeRow(1, "记-0001", dt.date(2025, 3, 1), "房租", 123450),
            FakeRow(2, "记-0002", dt.date(2025, 3, 2), "冲销", -5000)]
    model = TableModel.in_memory(COLUMNS, rows)
    assert display(model, 0, 3) == "¥1,234.50" == format_money(123450)
    assert display(model, 1, 3) == "-¥50.00"  # the core's format_money, DOMAIN §2
    assert display(model, 0, 1) == "2025-03-01"
    align = model.data(model.index(0, 3), Qt.ItemDataRole.TextAlignmentRole)
    assert align & Qt.AlignmentFlag.AlignRight
    assert model.data(model.index(0, 3), Qt.ItemDataRole.ForegroundRole) is None
    red = model.data(model.index(1, 3), Qt.ItemDataRole.ForegroundRole)
    assert red.color().red() > 150 and red.color().green() < 100
    assert model.data(model.index(1, 0), ROW_ROLE) is rows[1]
    assert model.row_at(1) is rows[1]


def test_blank_zero_money_column(qapp):
    model = TableModel.in_memory([money_column("amount_fen", "借方", blank_zero=True)],
                                 [FakeRow(1, "", dt.date(2025, 1, 1), "", 0)])
    assert display(model, 0, 0) == ""


def test_in_memory_sorts_100k_rows_on_raw_values(qapp):
    """(Its time against a bare ``sorted``: benchmarks/bench_table_model.py.)"""
    model = TableModel.in_memory(COLUMNS, ROWS)
    model.sort(3, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == N
    amounts = [model.data(model.index(i, 3), RAW_ROLE) for i in range(50)]
    assert amounts == sorted(amounts) and amounts[0] == min(r.amount_fen for r in ROWS)
    # raw sort, not text sort: "-999.00" < "-1,000.00" as text but not as money
    model.sort(3, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 3), RAW_ROLE) == max(r.amount_fen for r in ROWS)


def test_in_memory_predicate_filter_and_none_values(qapp):
    @dataclass(frozen=True)
    class R:
        name: str
        amount_fen: int | None

    model = TableModel.in_memory([text_column("name", "名称"), money_column("amount_fen", "金额")],
                                 [R("乙", None), R("甲", 5), R("丙", -3)])
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert [r.name for r in model.rows()] == ["乙", "丙", "甲"]
    assert display(model, 0, 1) == ""
    model.set_filter(lambda r: r.amount_fen is not None)
    assert model.rowCount() == 2
    model.set_rows([R("丁", 1)])
    assert model.rowCount() == 1


def test_source_failure_is_reported_not_raised(qapp):
    from assetdesk.errors import DatabaseError

    def broken_fetch(*_):
        raise DatabaseError("数据库被占用", "请关闭其他程序")

    failures = []
    model = TableModel.paged(COLUMNS, broken_fetch, lambda f: 10, load=False)
    model.load_failed.connect(failures.append)
    model.reload()
    assert model.rowCount() == 0
    assert isinstance(failures[0], DatabaseError)

"""The one generic, column-driven table model every list on screen uses.

Columns are declared as ``Column`` specs (key, header, alignment, formatter, sort key); the model
shows formatted text and sorts on raw values. Two modes, one class:

* **Paged** (large tables: vouchers, ledgers, households): ``TableModel.paged(columns, fetch, count)``.
  Sorting and filtering happen in the data source (SQL in the services); the model only asks for
  pages of ``page_size`` rows through Qt's lazy ``canFetchMore`` / ``fetchMore``::

      fetch(offset: int, limit: int, order_by: str | None, descending: bool, filter) -> list[row]
      count(filter) -> int

  ``filter`` is whatever object the service understands (e.g. ``VoucherFilter``), passed through.

* **In memory** (small lists: users, periods, areas): ``TableModel.in_memory(columns, rows)``.
  Sorted in Python inside the model and filtered by a predicate; never QSortFilterProxyModel,
  which takes tens of seconds on 100k rows (TECH-NOTES, Qt).

Rows are whatever the services return (frozen dataclasses); a column reads ``getattr(row, key)``
unless it has its own ``value`` callable. Money columns (``money_column``) are right-aligned,
formatted with the core's ``money.format_money`` (``¥1,234.50``, ``-¥1,234.50``, DOMAIN §2) and
painted red when negative; the raw value (``RAW_ROLE``, integer fen) is what sorting and 导出Excel use.

Example (a page)::

    columns = [
        text_column("label", "凭证号", sort_key="number"),
        date_column("date_on", "日期"),
        text_column("summary", "摘要", stretch=True),
        money_column("debit_fen", "金额"),
    ]
    model = TableModel.paged(
        columns,
        fetch=lambda off, lim, order, desc, flt: books.vouchers.list_vouchers(
            flt, order_by=order or "number", descending=desc, offset=off, limit=lim),
        count=books.vouchers.count_vouchers,
        filter=VoucherFilter(period=period),
    )
    view.setModel(model); view.setSortingEnabled(True); model.apply_column_widths(view)

Header texts given to ``Column`` are translated with ``QCoreApplication.translate("TableModel", …)``.
"""
from __future__ import annotations

import datetime as dt
import logging
import operator
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from assetdesk.money import format_money

log = logging.getLogger(__name__)

ROW_ROLE = Qt.ItemDataRole.UserRole + 1
"""``index.data(ROW_ROLE)`` gives the whole row object behind a cell."""
RAW_ROLE = Qt.ItemDataRole.UserRole
"""``index.data(RAW_ROLE)`` gives the raw (unformatted) value of a cell."""

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter
NEGATIVE_COLOUR = QColor("#c62828")

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One column: ``key`` (row attribute), ``header`` (Chinese, translated at display time).

    ``formatter(raw) -> str`` makes the display text (``None`` shows as empty);
    ``value(row) -> raw`` overrides ``getattr(row, key)``;
    ``sort_key`` is the name handed to ``fetch`` as ``order_by`` in paged mode (default ``key``;
    ``""`` makes the column unsortable); in memory the raw value is sorted;
    ``money`` paints negatives red; ``blank_zero`` shows (and exports) 0 as an empty cell;
    ``width`` is a default pixel width; ``stretch`` takes the remaining width (``apply_column_widths``);
    ``foreground(row) -> QColor | None`` colours a cell (a problem in red, say).
    """

    key: str
    header: str
    alignment: Qt.AlignmentFlag = LEFT
    formatter: Callable[[Any], str] | None = None
    sort_key: str | None = None
    value: Callable[[Any], Any] | None = None
    money: bool = False
    blank_zero: bool = False
    width: int | None = None
    stretch: bool = False
    tooltip: Callable[[Any], str] | None = None
    foreground: Callable[[Any], QColor | None] | None = None

    @property
    def order_name(self) -> str:
        return self.key if self.sort_key is None else self.sort_key

    @property
    def sortable(self) -> bool:
        return self.order_name != ""


def text_column(key: str, header: str, **options: Any) -> Column:
    """A left-aligned text column."""
    return Column(key, header, **options)


def money_column(key: str, header: str, *, blank_zero: bool = False, **options: Any) -> Column:
    """Right-aligned ``¥1,234.50`` from integer fen (the core's ``format_money``), red when negative.

    ``blank_zero`` shows 0 as empty, as 借方/贷方 columns of ledgers do.
    """

    def fmt(fen: Any) -> str:
        if fen is None or (blank_zero and fen == 0):
            return ""
        return format_money(fen)

    options.setdefault("width", 120)
    return Column(key, header, alignment=RIGHT, formatter=fmt, money=True, blank_zero=blank_zero, **options)


def date_column(key: str, header: str, **options: Any) -> Column:
    """``2025-03-31`` from a ``date``."""
    options.setdefault("width", 96)
    return Column(key, header, formatter=lambda d: d.isoformat() if d else "", **options)


def number_column(key: str, header: str, **options: Any) -> Column:
    """A right-aligned integer column (counts, households)."""
    options.setdefault("width", 80)
    return Column(key, header, alignment=RIGHT, **options)


def bool_column(key: str, header: str, yes: str = "是", no: str = "否", **options: Any) -> Column:
    """``是`` / ``否`` (or given words, translated) from a bool; centred."""
    tr = QCoreApplication.translate
    options.setdefault("width", 64)
    return Column(
        key, header, alignment=CENTER, formatter=lambda v: tr("TableModel", yes if v else no), **options
    )


def _sort_value(raw: Any) -> tuple:
    """Total order over mixed/None values so Python's sort never raises (None sorts first)."""
    if raw is None:
        return (0, 0)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return (1, raw)
    if isinstance(raw, (dt.date, dt.datetime)):
        return (2, raw.isoformat())
    if isinstance(raw, str):
        return (3, raw)
    try:
        return (4, raw)  # Period and other ordered values
    except TypeError:
        return (5, str(raw))


@dataclass
class _Paging:
    fetch: Callable[[int, int, str | None, bool, Any], list]
    count: Callable[[Any], int]
    total: int = 0


class TableModel(QAbstractTableModel):
    """A read-only table over service rows; see the module docstring for both modes.

    Signals: ``load_failed(exception)`` when ``fetch``/``count`` raise (pages connect it to
    ``show_error``; the model stays usable and empty); ``reloaded()`` after every full reload.
    """

    load_failed = Signal(object)
    reloaded = Signal()

    def __init__(self, columns: Sequence[Column], parent=None, *, page_size: int = 200):
        super().__init__(parent)
        self._columns: list[Column] = list(columns)
        self._getters = [self._make_getter(c) for c in self._columns]
        self._rows: list = []
        self._all_rows: list = []  # in-memory mode: every row before the predicate
        self._paging: _Paging | None = None
        self._filter: Any = None
        self._predicate: Callable[[Any], bool] | None = None
        self._order_column: int | None = None
        self._descending = False
        self.page_size = page_size

    # --- construction ---------------------------------------------------------------
    @classmethod
    def paged(
        cls,
        columns: Sequence[Column],
        fetch: Callable[[int, int, str | None, bool, Any], list],
        count: Callable[[Any], int],
        *,
        filter: Any = None,
        page_size: int = 200,
        parent=None,
        load: bool = True,
    ) -> "TableModel":
        """A lazily fetched table; sorting/filtering are delegated to ``fetch``/``count``."""
        model = cls(columns, parent, page_size=page_size)
        model._paging = _Paging(fetch, count)
        model._filter = filter
        if load:
            model.reload()
        return model

    @classmethod
    def in_memory(cls, columns: Sequence[Column], rows: Iterable = (), *, parent=None) -> "TableModel":
        """A small table held in memory, sorted in Python."""
        model = cls(columns, parent)
        model.set_rows(rows)
        return model

    @staticmethod
    def _make_getter(column: Column) -> Callable[[Any], Any]:
        if column.value is not None:
            return column.value
        return operator.attrgetter(column.key)

    # --- public API -----------------------------------------------------------------
    @property
    def columns(self) -> list[Column]:
        return list(self._columns)

    @property
    def is_paged(self) -> bool:
        return self._paging is not None

    def total_count(self) -> int:
        """Rows matching the filter (paged: reported by ``count``; may exceed ``rowCount``)."""
        return self._paging.total if self._paging else len(self._rows)

    def row_at(self, row: int | QModelIndex):
        """The service row shown at ``row`` (an int or an index)."""
        if isinstance(row, (QModelIndex, QPersistentModelIndex)):
            row = row.row()
        return self._rows[row]

    def rows(self) -> list:
        """Rows loaded so far, in display order."""
        return list(self._rows)

    def column_index(self, key: str) -> int:
        for number, column in enumerate(self._columns):
            if column.key == key:
                return number
        raise KeyError(key)

    def set_rows(self, rows: Iterable) -> None:
        """In-memory mode: replace all rows (keeps the current sort and predicate)."""
        self.beginResetModel()
        self._all_rows = list(rows)
        self._rows = self._apply_memory_view(self._all_rows)
        self.endResetModel()
        self.reloaded.emit()

    def set_filter(self, value: Any) -> None:
        """Paged: the filter object handed to ``fetch``/``count``; in memory: a predicate or None."""
        if self._paging:
            self._filter = value
            self.reload()
        else:
            self._predicate = value
            self.set_rows(self._all_rows)

    @property
    def filter(self) -> Any:
        return self._filter if self._paging else self._predicate

    def reload(self) -> None:
        """Re-read from the source, keeping as many rows loaded as before (at least one page)."""
        if not self._paging:
            self.set_rows(self._all_rows)
            return
        wanted = max(self.page_size, len(self._rows))
        order, descending = self._order()
        try:
            total = int(self._paging.count(self._filter))
            rows = list(self._paging.fetch(0, min(wanted, total), order, descending, self._filter)) if total else []
        except Exception as exc:  # shown by the page; an empty table beats a dead one
            total, rows = 0, []
            self._emit_failure(exc)
        self.beginResetModel()
        self._paging.total = total
        self._rows = rows
        self.endResetModel()
        self.reloaded.emit()

    def apply_column_widths(self, view) -> None:
        """Apply each column's ``width`` / ``stretch`` to a QTableView's horizontal header."""
        from PySide6.QtWidgets import QHeaderView

        header = view.horizontalHeader()
        for number, column in enumerate(self._columns):
            if column.stretch:
                header.setSectionResizeMode(number, QHeaderView.ResizeMode.Stretch)
            elif column.width:
                view.setColumnWidth(number, column.width)

    def sort_state(self) -> tuple[int | None, bool]:
        """(column number or None, descending)."""
        return self._order_column, self._descending

    # --- Qt model interface ---------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        column_no = index.column()
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            raw = self._getters[column_no](row)
            if raw is None:
                return ""
            formatter = self._columns[column_no].formatter
            return formatter(raw) if formatter else str(raw)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._columns[column_no].alignment
        if role == Qt.ItemDataRole.ForegroundRole:
            column = self._columns[column_no]
            if column.foreground is not None:
                colour = column.foreground(row)
                return QBrush(colour) if colour is not None else None
            if column.money:
                raw = self._getters[column_no](row)
                if raw is not None and raw < 0:
                    return QBrush(NEGATIVE_COLOUR)
            return None
        if role == RAW_ROLE:
            return self._getters[column_no](row)
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            column = self._columns[column_no]
            return column.tooltip(row) if column.tooltip else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return QCoreApplication.translate("TableModel", self._columns[section].header)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self._columns[section].alignment
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def canFetchMore(self, parent: _Index = QModelIndex()) -> bool:
        if parent.isValid() or not self._paging:
            return False
        return len(self._rows) < self._paging.total

    def fetchMore(self, parent: _Index = QModelIndex()) -> None:
        if parent.isValid() or not self._paging:
            return
        start = len(self._rows)
        limit = min(self.page_size, self._paging.total - start)
        if limit <= 0:
            return
        order, descending = self._order()
        try:
            more = list(self._paging.fetch(start, limit, order, descending, self._filter))
        except Exception as exc:
            self._paging.total = start  # stop asking; the page shows the error
            self._emit_failure(exc)
            return
        if not more:
            self._paging.total = start
            return
        self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Paged: re-query with ``order_by`` = the column's sort key; in memory: sort raw values."""
        if not 0 <= column < len(self._columns) or not self._columns[column].sortable:
            return
        self._order_column = column
        self._descending = order == Qt.SortOrder.DescendingOrder
        if self._paging:
            self._rows = []  # a new order: start again from the first page
            self.reload()
        else:
            self.layoutAboutToBeChanged.emit()
            self._rows = self._apply_memory_view(self._all_rows)
            self.layoutChanged.emit()

    # --- internals ------------------------------------------------------------------
    def _order(self) -> tuple[str | None, bool]:
        if self._order_column is None:
            return None, False
        return self._columns[self._order_column].order_name, self._descending

    def _apply_memory_view(self, rows: list) -> list:
        if self._predicate is not None:
            rows = [row for row in rows if self._predicate(row)]
        else:
            rows = list(rows)
        if self._order_column is not None and rows:
            getter = self._getters[self._order_column]
            values = [getter(row) for row in rows]
            try:
                # fast path: one comparable type, no None (100k rows in a few tens of ms)
                order = sorted(range(len(values)), key=values.__getitem__, reverse=self._descending)
            except TypeError:  # None or mixed types: a total order over (kind, value)
                keyed = [_sort_value(v) for v in values]
                try:
                    order = sorted(range(len(keyed)), key=keyed.__getitem__, reverse=self._descending)
                except TypeError:
                    texts = [str(v) for v in values]
                    order = sorted(range(len(texts)), key=texts.__getitem__, reverse=self._descending)
            rows = [rows[i] for i in order]
        return rows

    def _emit_failure(self, exc: Exception) -> None:
        log.error("table data source failed", exc_info=exc)
        self.load_failed.emit(exc)

"""``ReportTableView``: a read-only table of books (科目余额表, 明细账, 日记账 …) whose columns fit.

Every column except the model's ``stretch`` column is as wide as its widest cell or its header,
whichever is wider (bold total rows and ``¥`` amounts included); the stretch column (科目名称,
摘要) takes the rest of the width. When the columns would not fit the window even so (a large
community's ten-digit amounts on a small screen), the table's font steps down by half a point at a
time, to ``MIN_POINT_SIZE`` at most, so a 1280×800 window shows the whole 科目余额表 without a
horizontal scroll bar; only below that the scroll bar comes back.

The widths are fitted again (one event-loop turn later) whenever the model is reset (a new
query) or re-sorted, and when the view is shown or resized::

    view = ReportTableView()
    view.setModel(model)          # a ui.models.table_model.TableModel
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from assetdesk.money import format_money

MIN_POINT_SIZE = 8.0
_STEP = 0.5
TYPICAL_AMOUNT_FEN = 999_999_99
ROOM = 10  # extra pixels a column gets, when the window has them, so figures do not touch the grid


class ReportTableView(QTableView):
    """See the module docstring. ``fit_columns()`` fits now (tests call it after loading)."""

    def __init__(self, parent: QWidget | None = None, row_height: int = 26):
        super().__init__(parent)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(row_height)
        self.horizontalHeader().setStretchLastSection(False)
        self._base_point_size: float | None = None
        self._fitting = False
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self.fit_columns)

    def setModel(self, model) -> None:  # noqa: N802 (Qt's name)
        old = self.model()
        if old is not None:
            old.modelReset.disconnect(self._refit.start)
            old.layoutChanged.disconnect(self._refit.start)
        super().setModel(model)
        if model is not None:
            model.modelReset.connect(self._refit.start)
            model.layoutChanged.connect(self._refit.start)
        self.fit_columns()

    def stretch_column(self) -> int | None:
        """The column that takes the spare width (the model's ``stretch`` column), if any."""
        columns = getattr(self.model(), "columns", None) or []
        return next((number for number, column in enumerate(columns) if column.stretch), None)

    def content_width(self, column: int) -> int:
        """The width that shows every cell of ``column`` and its header in full; an amount column
        is never narrower than ``¥999,999.99`` (an empty 借方 column keeps its shape)."""
        width = max(self.sizeHintForColumn(column), self.horizontalHeader().sectionSizeHint(column))
        columns = getattr(self.model(), "columns", None) or []
        if column < len(columns) and columns[column].money:
            width = max(width, self.fontMetrics().horizontalAdvance(format_money(TYPICAL_AMOUNT_FEN)) + 8)
        return width

    def needed_width(self) -> int:
        """The sum of every column's content width (what must fit the viewport)."""
        model = self.model()
        return sum(self.content_width(c) for c in range(model.columnCount())) if model is not None else 0

    def fits(self) -> bool:
        """True when every column shows its content in full without a horizontal scroll bar."""
        return self.needed_width() <= self._available_width()

    def fit_columns(self) -> None:
        """Size the columns to their content (the stretch column takes the rest), stepping the
        font down when they would not fit (see the module docstring)."""
        model = self.model()
        if model is None or self._fitting:
            return
        self._fitting = True
        try:
            self._restore_font()
            # a hidden view's viewport has no real width yet: it steps down when shown (showEvent)
            while self.isVisible() and not self.fits() and self.font().pointSizeF() - _STEP >= MIN_POINT_SIZE:
                font = self.font()
                font.setPointSizeF(font.pointSizeF() - _STEP)
                self.setFont(font)
            self._apply_widths()
        finally:
            self._fitting = False

    # --- internals ------------------------------------------------------------------
    def _available_width(self) -> int:
        """The viewport's width with the vertical scroll bar counted as shown whenever the rows
        could need it, so that showing it later never pushes the last column out of sight."""
        width = self.viewport().width()
        scrollbar = self.verticalScrollBar()
        if not scrollbar.isVisible():
            width -= scrollbar.sizeHint().width()
        return width

    def _restore_font(self) -> None:
        if self._base_point_size is None:
            self._base_point_size = self.font().pointSizeF()
        elif self.font().pointSizeF() != self._base_point_size:
            font = self.font()
            font.setPointSizeF(self._base_point_size)
            self.setFont(font)

    def _apply_widths(self) -> None:
        header = self.horizontalHeader()
        stretch = self.stretch_column()
        fixed = [c for c in range(self.model().columnCount()) if c != stretch]
        spare = self._available_width() - self.needed_width()
        room = max(0, min(ROOM, spare // max(len(fixed), 1)))
        for column in fixed:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.setColumnWidth(column, self.content_width(column) + room)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

    def showEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._refit.start()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (event.type() == QEvent.Type.Resize and not self._fitting
                and event.size().width() != event.oldSize().width()):
            self._refit.start()
        return super().viewportEvent(event)

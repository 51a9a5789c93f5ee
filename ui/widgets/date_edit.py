"""``DateEdit``: a date field that accepts what clerks type — ``2025-01-31``, ``2025/1/31``,
``2025.1.31``, ``2025年1月31日``, ``20250131`` (``periods.parse_date``) — and shows ``2025-01-31``.
F4 or the calendar button opens a calendar.

    edit = DateEdit()
    edit.set_date(date(2025, 3, 31))
    edit.date()         # datetime.date, None when empty; raises DateError (Chinese) when invalid
    edit.value_changed.connect(...)
"""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QStyle, QWidget, QWidgetAction

from assetdesk.periods import parse_date
from ui.widgets.validated_edit import ValidatedLineEdit


class DateEdit(ValidatedLineEdit):
    """A calendar date (``datetime.date``)."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = False):
        super().__init__(parent, required=required)
        self.setPlaceholderText(self.tr("2025-01-31"))
        self.set_hint(self.tr("可输入 2025-01-31、2025/1/31、2025.1.31 或 2025年1月31日；F4 打开日历"))
        self.setMaxLength(20)
        self.calendar_action = QAction(self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
                                       self.tr("选择日期"), self)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)

    def _parse(self, text: str) -> dt.date:
        return parse_date(text)

    def _display(self, value: dt.date) -> str:
        return value.isoformat()

    def date(self) -> dt.date | None:
        """The date; None when empty; raises ``DateError`` with the Chinese reason when invalid."""
        return self.value()

    def set_date(self, value: dt.date | None) -> None:
        self.set_value(value)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_F4 or (
            event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        try:
            current = self.value() or dt.date.today()
        except Exception:
            current = dt.date.today()
        calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)

        def picked(qdate: QDate) -> None:
            self.set_date(dt.date(qdate.year(), qdate.month(), qdate.day()))
            menu.close()

        calendar.activated.connect(picked)
        calendar.clicked.connect(picked)
        self._calendar_menu = menu  # tests reach the popup through this
        menu.popup(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.setFocus()

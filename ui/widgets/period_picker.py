"""``PeriodPicker``: choose an accounting month ``YYYY-MM``.

An editable combo box: pick from the offered periods (``set_periods``, e.g. the book's periods
from ``books.periods.list_periods()``) or type ``2025-03`` / ``2025年3月`` / ``202503``.
Ctrl+Up / Ctrl+Down (or PageUp / PageDown) step one month.

    picker = PeriodPicker()
    picker.set_periods([Period(2025, m) for m in range(1, 13)])
    picker.set_period(Period(2025, 3))
    picker.period()             # Period; raises DateError when the typed text is not a month
    picker.period_changed.connect(...)   # Period
"""
from __future__ import annotations

from typing import Iterable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QWidget

from assetdesk.errors import DateError
from assetdesk.periods import Period
from ui.widgets.validated_edit import INVALID_STYLE


class PeriodPicker(QComboBox):
    """An accounting period chooser (see module docstring)."""

    period_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, periods: Iterable[Period] = ()):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMinimumContentsLength(8)
        self.lineEdit().setPlaceholderText(self.tr("2025-03"))
        self.setToolTip(self.tr("会计期间，格式 YYYY-MM；Ctrl+↑/↓ 切换月份"))
        self._period: Period | None = None
        self._error: DateError | None = None
        self.set_periods(periods)
        self.lineEdit().editingFinished.connect(self._commit_text)
        self.activated.connect(lambda _index: self._commit_text())

    def set_periods(self, periods: Iterable[Period]) -> None:
        """Offer these periods (shown newest last, as entered)."""
        current = self._period
        self.blockSignals(True)
        self.clear()
        for period in periods:
            self.addItem(str(period), period)
        self.blockSignals(False)
        if current is not None:
            self._show(current)
        elif self.count():
            self.set_period(self.itemData(self.count() - 1))

    def period(self) -> Period | None:
        """The chosen period (None when nothing chosen); raises ``DateError`` when the text is bad."""
        self._commit_text(emit=False)
        if self._error:
            raise self._error
        return self._period

    def set_period(self, period: Period | str | None) -> None:
        period = Period.parse(period) if period is not None else None
        changed = period != self._period
        self._period = period
        self._set_error(None)
        self._show(period)
        if changed:
            self.period_changed.emit(period)

    def step(self, months: int) -> None:
        period = self._period
        if period is None:
            return
        for _ in range(abs(months)):
            period = period.next() if months > 0 else period.previous()
        self.set_period(period)

    def keyPressEvent(self, event) -> None:
        key, ctrl = event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if (ctrl and key == Qt.Key.Key_Up) or key == Qt.Key.Key_PageDown:
            self.step(1)
        elif (ctrl and key == Qt.Key.Key_Down) or key == Qt.Key.Key_PageUp:
            self.step(-1)
        else:
            super().keyPressEvent(event)

    def _show(self, period: Period | None) -> None:
        text = "" if period is None else str(period)
        index = self.findText(text)
        self.blockSignals(True)
        if index >= 0:
            self.setCurrentIndex(index)
        self.setEditText(text)
        self.blockSignals(False)

    def _commit_text(self, emit: bool = True) -> None:
        text = self.currentText().strip()
        if not text:
            return
        try:
            period = Period.parse(text)
        except DateError as exc:
            self._set_error(exc)
            return
        self._set_error(None)
        if period != self._period:
            self._period = period
            self._show(period)
            if emit:
                self.period_changed.emit(period)

    def _set_error(self, error: DateError | None) -> None:
        self._error = error
        self.lineEdit().setStyleSheet(INVALID_STYLE if error else "")
        self.lineEdit().setToolTip(str(error) if error else "")


def ask_month(parent: QWidget, title: str, label: str, offered: Period | None, note: str = "") -> Period | None:
    """A small dialog asking for one month (``offered`` preselected); None when the clerk cancelled.
    Raises DateError when the typed text is not a month (the page's ``attempt`` shows it)."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel

    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    picker = PeriodPicker(dialog)
    if offered is not None:
        picker.set_period(offered)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    if note:
        form.addRow(QLabel(note))
    form.addRow(label, picker)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return picker.period()

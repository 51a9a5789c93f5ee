"""Base of the typed-value line edits (``MoneyEdit``, ``DateEdit``): parse on leaving the field.

Guarantees: the clerk's text is never thrown away; an invalid entry shows a red border and the
parser's Chinese reason as tooltip (and in ``error_message()``); a valid entry is shown in its
display form while the field does not have focus and in an easy-to-edit form while it does.
Subclasses implement ``_parse(text) -> value`` (raising ``InputError``), ``_display(value)`` and
``_editable(value)``.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from assetdesk.errors import InputError

INVALID_STYLE = "border: 1px solid #d32f2f; background: #fff5f5;"


class ValidatedLineEdit(QLineEdit):
    """``value_changed(value_or_None)`` fires when the parsed value changes."""

    value_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, required: bool = False):
        super().__init__(parent)
        self._value: Any = None
        self._error: InputError | None = None
        self._required = required
        self._plain_tooltip = ""
        self.editingFinished.connect(self._commit_text)

    # --- to implement ---------------------------------------------------------------
    def _parse(self, text: str) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def _display(self, value: Any) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def _editable(self, value: Any) -> str:
        return self._display(value)

    def _valid_style(self, value: Any) -> str:
        """Style sheet for a valid value (e.g. red text for a negative amount)."""
        return ""

    # --- public ---------------------------------------------------------------------
    def is_valid(self) -> bool:
        """True when the text is empty (and not required) or parses."""
        self._commit_text()
        return self._error is None

    def error_message(self) -> str:
        """The Chinese reason the current text is refused ("" when valid)."""
        self._commit_text()
        return str(self._error) if self._error else ""

    def value(self) -> Any:
        """The parsed value, None when empty; raises the ``InputError`` when the text is invalid."""
        self._commit_text()
        if self._error is not None:
            raise self._error
        return self._value

    def set_value(self, value: Any) -> None:
        self._set_error(None)
        changed = value != self._value
        self._value = value
        self._apply_style()
        self.setText("" if value is None else (self._editable(value) if self.hasFocus() else self._display(value)))
        if changed:
            self.value_changed.emit(value)

    # --- behaviour ------------------------------------------------------------------
    def focusInEvent(self, event) -> None:
        if self._value is not None and self._error is None:
            self.setText(self._editable(self._value))
        super().focusInEvent(event)
        self.selectAll()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self._commit_text()

    def _commit_text(self, emit: bool = True) -> None:
        text = self.text().strip()
        if not text:
            if self._required:
                self._set_error(InputError(self.tr("此项必须填写"), ""))
            else:
                self._set_error(None)
            new_value = None
        else:
            try:
                new_value = self._parse(text)
            except InputError as exc:
                self._set_error(exc)
                return  # keep the clerk's text exactly as typed
            self._set_error(None)
            if not self.hasFocus():
                self.setText(self._display(new_value))
        if new_value != self._value:
            self._value = new_value
            self._apply_style()
            if emit:
                self.value_changed.emit(new_value)

    def _set_error(self, error: InputError | None) -> None:
        if error is self._error or (error is None and self._error is None):
            return
        self._error = error
        self.setProperty("invalid", error is not None)
        self._apply_style()
        self.setToolTip(str(error) if error else self._plain_tooltip)

    def _apply_style(self) -> None:
        self.setStyleSheet(INVALID_STYLE if self._error else self._valid_style(self._value))

    def set_hint(self, tooltip: str) -> None:
        """Tooltip shown while the text is valid."""
        self._plain_tooltip = tooltip
        if self._error is None:
            self.setToolTip(tooltip)

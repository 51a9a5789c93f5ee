"""``MoneyEdit``: the amount field. Right-aligned; accepts every form ``money.parse_amount`` accepts
(``1234.5``, ``1,234.50``, ``¥1234.50``, ``1234.50元``, ``12.5万``, full-width digits); shows
``¥1,234.50`` when not focused and ``1234.50`` while editing; negatives red.

    edit = MoneyEdit(allow_negative=False)
    edit.set_fen(123450)
    edit.fen()          # int fen, None when empty; raises AmountError (Chinese) when invalid
    edit.value_changed.connect(...)   # int | None
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from assetdesk.money import format_amount, format_money, parse_amount
from ui.widgets.validated_edit import ValidatedLineEdit


class MoneyEdit(ValidatedLineEdit):
    """An amount in integer fen."""

    def __init__(self, parent: QWidget | None = None, *, allow_negative: bool = True, required: bool = False):
        super().__init__(parent, required=required)
        self._allow_negative = allow_negative
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setPlaceholderText(self.tr("0.00"))
        self.set_hint(self.tr("可输入 1234.50、1,234.50、¥1234.50、1234.50元 或 12.5万"))

    def _parse(self, text: str) -> int:
        return parse_amount(text, allow_negative=self._allow_negative)

    def _display(self, value: int) -> str:
        return format_money(value)

    def _editable(self, value: int) -> str:
        return format_amount(value, separators=False)

    def fen(self) -> int | None:
        """Integer fen; None when empty; raises ``AmountError`` with the Chinese reason when invalid."""
        return self.value()

    def set_fen(self, fen: int | None) -> None:
        self.set_value(None if fen is None else int(fen))

    def _valid_style(self, value) -> str:
        return "color: #c62828;" if value is not None and value < 0 else ""

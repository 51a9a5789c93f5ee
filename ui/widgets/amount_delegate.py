"""Editing an amount cell of a table: a right-aligned line edit holding the figure without ¥ and commas."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate


class AmountDelegate(QStyledItemDelegate):
    """Edits an amount cell with a right-aligned line edit (the figure without ¥ and commas); the
    table parses what is typed (``money.parse_amount``) when the cell changes."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return editor

    def setEditorData(self, editor, index):
        editor.setText((index.data() or "").replace(",", "").replace("¥", ""))
        editor.selectAll()

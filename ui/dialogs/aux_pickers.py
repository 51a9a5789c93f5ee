"""F8 / F9 in a voucher line: choose the line's 往来单位 (auxiliary item for 应收款, 应付款 …) or 小区.

Searching happens in SQL (``books.org.list_counterparties(search=…)``) and shows at most
``LIMIT`` hits, so a community with 50,000 households stays instant.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

LIMIT = 200
NONE_ID = 0  # the "（不指定）" entry: clears the line's 往来单位


class CounterpartyPicker(QDialog):
    """``chosen`` after ``exec()``: (id or None, name) — None/"" clears the line's 往来单位."""

    def __init__(self, books: Any, parent=None, text: str = ""):
        super().__init__(parent)
        self.books = books
        self.chosen: tuple[int | None, str] | None = None
        self.setWindowTitle(self.tr("选择往来单位"))
        self.resize(420, 460)
        self.search = QLineEdit(text)
        self.search.setPlaceholderText(self.tr("名称、证件号码或电话"))
        self.hits = QListWidget()
        self.note = QLabel()
        self.note.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.search, self.hits, self.note, buttons):
            layout.addWidget(widget)
        self.search.textChanged.connect(self._fill)
        self.search.returnPressed.connect(self._accept_current)
        self.hits.itemActivated.connect(lambda _item: self._accept_current())
        self._fill(text)

    def _fill(self, text: str) -> None:
        search = text.strip() or None
        rows = self.books.org.list_counterparties(search=search, limit=LIMIT)
        self.hits.clear()
        none = QListWidgetItem(self.tr("（不指定往来单位）"))
        none.setData(Qt.ItemDataRole.UserRole, (NONE_ID, ""))
        self.hits.addItem(none)
        for row in rows:
            detail = "、".join(row.roles) or row.kind
            item = QListWidgetItem(f"{row.name}　{row.id_code[-6:] if row.id_code else ''}　{detail}")
            item.setData(Qt.ItemDataRole.UserRole, (row.id, row.name))
            self.hits.addItem(item)
        self.hits.setCurrentRow(1 if rows else 0)
        more = self.books.org.count_counterparties(search) - LIMIT if len(rows) == LIMIT else 0
        self.note.setText(self.tr("还有 {0} 个，请输入更多文字缩小范围").format(more) if more > 0 else "")

    def _accept_current(self) -> None:
        item = self.hits.currentItem()
        if item is None:
            return
        counterparty_id, name = item.data(Qt.ItemDataRole.UserRole)
        self.chosen = (counterparty_id or None, name)
        self.accept()


def pick_counterparty(parent, books: Any) -> tuple[int | None, str] | None:
    """The clerk's choice, or None when cancelled."""
    dialog = CounterpartyPicker(books, parent)
    return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


def pick_compound(parent, books: Any) -> tuple[int | None, str] | None:
    """(id, name) of the chosen 小区, (None, "") for none, None when cancelled (96 compounds: a plain list)."""
    compounds = books.org.list_compounds()
    none = QCoreApplication.translate("CounterpartyPicker", "（不指定小区）")
    items = [none] + [f"{c.code} {c.name}（{c.area_name}）" for c in compounds]
    text, ok = QInputDialog.getItem(parent, QCoreApplication.translate("CounterpartyPicker", "选择小区"),
                                    QCoreApplication.translate("CounterpartyPicker", "小区："), items, 0, False)
    if not ok:
        return None
    if text == none:
        return None, ""
    chosen = compounds[items.index(text) - 1]
    return chosen.id, chosen.name

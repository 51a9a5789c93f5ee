"""Choosing an account (科目) with the keyboard: code, part of the name or pinyin initials.

``AccountEdit`` is a line edit with a drop-down of ``books.accounts.search(text)`` hits (leaf first):
↑/↓ move in the list, Enter takes the highlighted account, Esc closes the list, F7 opens the full
lookup (``AccountLookupDialog``). A parent account offers its children instead of being taken, so
Enter only ``committed``s a leaf (or an empty cell). What is a leaf is the service's answer
(``AccountRow.is_leaf``); the voucher service still refuses a non-leaf line with its own message.

    edit = AccountEdit(books)
    edit.committed.connect(move_to_next_cell)   # emitted when Enter settles on an account
    edit.code()                                 # "10201", or "" when empty
    edit.set_code("102")

``within=("501", "504")`` limits the drop-down and the lookup to those first-level accounts and their
sub-accounts (a posting rule's allowed accounts); the service still checks what is finally chosen.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError

POPUP_LIMIT = 40
CODE_ROLE = Qt.ItemDataRole.UserRole


def account_text(row) -> str:
    """``10201 银行存款—工商银行`` — how a chosen account shows in a cell."""
    return f"{row.code} {row.full_name}"


def search_accounts(books, text: str, within: tuple[str, ...] = (), leaf_only: bool = False) -> list:
    """``books.accounts.search`` kept to the accounts under ``within`` (all when empty); [] on a refusal."""
    try:
        rows = books.accounts.search(text, leaf_only=leaf_only)
    except AssetDeskError:
        return []
    return [row for row in rows if row.code[:3] in within] if within else rows


def _fill(listing: QListWidget, rows, limit: int | None = None) -> None:
    listing.clear()
    for row in rows[:limit] if limit else rows:
        text = f"{row.code}  {row.full_name}" + ("" if row.is_leaf else "  ▸")
        item = QListWidgetItem(text)
        item.setData(CODE_ROLE, row)
        if not row.is_leaf:
            item.setForeground(Qt.GlobalColor.darkGray)
        listing.addItem(item)
    if listing.count():
        listing.setCurrentRow(0)


class AccountLookupDialog(QDialog):
    """F7: the whole chart (active accounts), filtered as you type; Enter or double-click takes one."""

    def __init__(self, books, parent: QWidget | None = None, text: str = "", leaf_only: bool = True,
                 within: tuple[str, ...] = ()):
        super().__init__(parent)
        self.books = books
        self.leaf_only = leaf_only
        self.within = within
        self.chosen = None
        self.setWindowTitle(self.tr("选择科目"))
        self.resize(460, 520)
        self.search_edit = QLineEdit(text)
        self.search_edit.setPlaceholderText(self.tr("科目编码、名称或拼音首字母，例如 102、租金、zjsr"))
        self.listing = QListWidget()
        self.listing.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.listing.itemActivated.connect(self._on_listing_item_activated)
        hint = QLabel(self.tr("↑/↓ 选择，Enter 确定，Esc 取消"))
        hint.setObjectName("hint")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._take_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.listing, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.search_edit.textChanged.connect(self._on_search_edit_text_changed)
        self.search_edit.installEventFilter(self)
        self._on_search_edit_text_changed(text)

    def _on_search_edit_text_changed(self, text: str) -> None:
        _fill(self.listing, search_accounts(self.books, text, self.within, self.leaf_only))

    def eventFilter(self, watched, event) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = max(0, min(self.listing.count() - 1, self.listing.currentRow() + step))
                self.listing.setCurrentRow(row)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self._take_current()
                return True
        return super().eventFilter(watched, event)

    def _on_listing_item_activated(self, _item) -> None:
        self._take_current()

    def _take_current(self) -> None:
        item = self.listing.currentItem()
        if item is None:
            return
        self.chosen = item.data(CODE_ROLE)
        self.accept()


class AccountEdit(QLineEdit):
    """An account cell (see module docstring). ``committed`` fires when Enter settles the cell."""

    committed = Signal()
    lookup_requested = Signal()

    def __init__(self, books, parent: QWidget | None = None, within: tuple[str, ...] = ()):
        super().__init__(parent)
        self.books = books
        self.within = within
        self._row = None
        self.setPlaceholderText(QCoreApplication.translate("VoucherGrid", "编码/名称/拼音"))
        self.setToolTip(self.tr("输入科目编码、名称或拼音首字母（如 yhck），上级编码会列出明细科目；F7 打开科目列表"))
        self.popup = QListWidget(self)
        self.popup.setWindowFlags(Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.popup.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.setObjectName("accountPopup")
        self.popup.itemClicked.connect(self._on_popup_item_clicked)
        self.textEdited.connect(self._on_text_edited)

    # --- value ------------------------------------------------------------------------
    def code(self) -> str:
        """The chosen account's code; a typed code when nothing was chosen; "" when empty."""
        text = self.text().strip()
        if not text:
            return ""
        if self._row is not None and text == self.display_text(self._row):
            return self._row.code
        return text.split()[0]

    def account(self):
        """The chosen ``AccountRow`` or None."""
        return self._row if self._row is not None and self.text() == self.display_text(self._row) else None

    def display_text(self, row) -> str:
        """"112 应收款", with the line's auxiliary item when it has one: "112 应收款 [张三]"."""
        aux = getattr(self, "aux", "")
        return account_text(row) + (f" [{aux}]" if aux else "")

    def set_aux(self, aux: str) -> None:
        """Show the line's 往来单位 / 小区 beside the account (the account itself is unchanged)."""
        self.aux = aux
        if self._row is not None:
            self.setText(self.display_text(self._row))
            self.setCursorPosition(0)

    def set_code(self, code: str, name: str | None = None) -> None:
        """Show ``code`` with its full name (``name`` when the chart does not know the code)."""
        self._row = None
        if not code:
            self.setText("")
            return
        try:
            self._row = self.books.accounts.get(code)
            self.setText(self.display_text(self._row))
        except AssetDeskError:
            self.setText(f"{code} {name}" if name else code)
        self.setCursorPosition(0)

    def choose(self, row) -> bool:
        """Take ``row``; a parent account opens its children instead. True when settled on a leaf."""
        if not row.is_leaf:
            self._row = None
            self.setText(row.code)
            self._show_hits(row.code)
            return False
        self._row = row
        self.setText(self.display_text(row))
        self.setCursorPosition(0)
        self.popup.hide()
        return True

    # --- popup ------------------------------------------------------------------------
    def _on_text_edited(self, text: str) -> None:
        self._row = None
        if self.isReadOnly():
            return
        self._show_hits(text)

    def _show_hits(self, text: str) -> None:
        text = text.strip()
        if not text:
            self.popup.hide()
            return
        rows = search_accounts(self.books, text, self.within)
        _fill(self.popup, rows, POPUP_LIMIT)
        if not rows:
            self.popup.hide()
            return
        width = max(self.width(), 320)
        height = min(self.popup.sizeHintForRow(0) * min(len(rows), 10) + 6, 260)
        self.popup.setFixedSize(width, max(height, 24))
        self.popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self.popup.show()

    def popup_codes(self) -> list[str]:
        """Codes offered in the drop-down right now (tests and accessibility)."""
        if not self.popup.isVisible():
            return []
        return [self.popup.item(i).data(CODE_ROLE).code for i in range(self.popup.count())]

    def _on_popup_item_clicked(self, item) -> None:
        if self.choose(item.data(CODE_ROLE)):
            self.committed.emit()

    # --- keys -------------------------------------------------------------------------
    def keyPressEvent(self, event) -> None:
        key = event.key()
        visible = self.popup.isVisible()
        if key == Qt.Key.Key_F7:
            if not self.isReadOnly():
                self.open_lookup()
            return
        if visible and key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            step = 1 if key == Qt.Key.Key_Down else -1
            self.popup.setCurrentRow(max(0, min(self.popup.count() - 1, self.popup.currentRow() + step)))
            return
        if visible and key == Qt.Key.Key_Escape:
            self.popup.hide()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_enter(visible)
            return
        super().keyPressEvent(event)

    def _on_enter(self, popup_visible: bool) -> None:
        if popup_visible and self.popup.currentItem() is not None:
            if self.choose(self.popup.currentItem().data(CODE_ROLE)):
                self.committed.emit()
            return
        text = self.text().strip()
        if not text or self.account() is not None:
            self.popup.hide()
            self.committed.emit()
            return
        rows = search_accounts(self.books, text, self.within)
        exact = [r for r in rows if r.code == text.split()[0]]
        if exact or len(rows) == 1:
            if self.choose((exact or rows)[0]):
                self.committed.emit()
            return
        self._show_hits(text)

    def open_lookup(self) -> None:
        """F7: the full account list; the chosen leaf fills the cell."""
        self.popup.hide()
        self.lookup_requested.emit()
        dialog = AccountLookupDialog(self.books, self, "" if self.account() else self.text().strip(),
                                     within=self.within)
        self._lookup = dialog  # tests reach the open dialog through this
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen is not None:
            if self.choose(dialog.chosen):
                self.committed.emit()
        self._lookup = None

    def focusOutEvent(self, event) -> None:
        self.popup.hide()
        super().focusOutEvent(event)

    def hideEvent(self, event) -> None:
        self.popup.hide()
        super().hideEvent(event)

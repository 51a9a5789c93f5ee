"""``VoucherGrid``: the lines of a voucher (摘要, 科目, 借方金额, 贷方金额), built for keyboard speed.

Every cell is a real editor, so keys behave like 金蝶 / 用友 (STYLE.md, voucher-entry keys):

* Enter moves to the next cell; after a 借方 amount it skips 贷方; on the last cell a new line opens.
* ``..`` in 摘要 copies the line above, ``//`` copies the first line.
* ``=`` (or Ctrl+F7) in an amount cell fills the amount that balances the voucher.
* Space in an amount cell moves the line's amount between 借 and 贷.
* ``-`` after an amount makes it red (negative); again turns it back.
* F7 in 科目 opens the account list; F8 on a line chooses its 往来单位 (shown as "112 应收款 [张三]"),
  F9 its 小区; a saved voucher shown read-only names them as printed: "112 应收款—张三";
  ↑/↓ move between lines; Ctrl+Delete removes a line.

The grid only collects what was typed; whether a voucher may be saved or posted is decided by
``books.vouchers`` (the dialog shows its message). ``lines()`` raises ``AmountError`` naming the
line and column of an amount that cannot be read.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from assetdesk.errors import AmountError
from assetdesk.money import format_amount, parse_amount
from assetdesk.services.aux_labels import aux_label
from assetdesk.services.vouchers import LineInput
from ui.widgets.account_picker import AccountEdit
from ui.widgets.money_edit import MoneyEdit

SUMMARY, ACCOUNT, DEBIT, CREDIT = range(4)
AMOUNT_WIDTH = 140

GRID_STYLE = """
#voucherGridBody { background: white; }
#voucherGridBody QLineEdit {
    border: none; border-radius: 0; border-bottom: 1px solid #e3e8ee; border-right: 1px solid #e3e8ee;
    padding: 5px 6px; background: white; min-height: 22px;
}
#voucherGridBody QLineEdit:focus { background: #fff8dc; }
#voucherGridBody QLineEdit[readOnly="true"] { background: #fbfcfd; }
#gridHeader {
    background: #f0f3f6; font-weight: bold; color: #3b4756; padding: 6px;
    border-bottom: 1px solid #c9d2dc; border-right: 1px solid #e3e8ee;
}
#lineNumber { color: #8a95a3; padding-right: 4px; border-bottom: 1px solid #e3e8ee; }
"""


def _tr(text: str) -> str:
    return QCoreApplication.translate("VoucherGrid", text)


class AmountCell(MoneyEdit):
    """An amount cell: plain ``1,234.50`` (no ¥ inside the grid), right-aligned, red when negative."""

    def _display(self, value: int) -> str:
        return format_amount(value)

    def current_fen(self) -> int | None:
        """What the text says right now (None when empty); raises ``AmountError`` when unreadable."""
        text = self.text().strip()
        return parse_amount(text) if text else None


@dataclass(frozen=True)
class GridLine:
    """One line as typed: the raw texts of its cells, plus the line's auxiliary items (往来单位
    chosen with F8; 小区 / asset / lease / fund kept from a saved line so editing never drops them)."""

    summary: str
    account_code: str
    debit_text: str
    credit_text: str
    counterparty_id: int | None = None
    counterparty_name: str = ""
    other_aux: tuple = ()

    @property
    def is_empty(self) -> bool:
        return not (self.summary or self.account_code or self.debit_text or self.credit_text)


class _Row:
    def __init__(self, grid: "VoucherGrid", number: int):
        self.number = QLabel(str(number))
        self.number.setObjectName("lineNumber")
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.number.setFixedWidth(30)
        self.summary = QLineEdit()
        self.summary.setPlaceholderText(_tr("摘要（.. 复制上行，// 复制首行）") if number == 1 else "")
        self.account = AccountEdit(grid.books)
        self.debit = AmountCell()
        self.credit = AmountCell()
        for cell in (self.debit, self.credit):
            cell.setPlaceholderText("")
            cell.setFixedWidth(AMOUNT_WIDTH)
        self.cells = (self.summary, self.account, self.debit, self.credit)
        self.counterparty_id: int | None = None
        self.counterparty_name = ""
        self.other_aux: tuple = ()  # ((field, value), …) of compound_id, asset_id, lease_id, fund_id
        self.label = ""  # a saved line as the printed voucher names it (aux_labels.aux_label)
        self.edit_tip = self.account.toolTip()

    def set_aux(self, counterparty_id: int | None, counterparty_name: str, other_aux: tuple = ()) -> None:
        self.counterparty_id, self.counterparty_name, self.other_aux = counterparty_id, counterparty_name, other_aux
        shown = [counterparty_name] + [text for field, text in other_aux if field == "compound_name"]
        self.account.set_aux("，".join(name for name in shown if name))


class VoucherGrid(QWidget):
    """Signals: ``changed()`` after any edit; ``totals_changed(debit_fen, credit_fen)``."""

    changed = Signal()
    totals_changed = Signal(int, int)

    def __init__(self, books, parent: QWidget | None = None, initial_rows: int = 4):
        super().__init__(parent)
        self.books = books
        self._rows: list[_Row] = []
        self._loading = False
        self._read_only = False
        self.setStyleSheet(GRID_STYLE)

        self.body = QWidget()
        self.body.setObjectName("voucherGridBody")
        self.layout_ = QGridLayout(self.body)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(0)
        self.layout_.setColumnStretch(1, 5)
        self.layout_.setColumnStretch(2, 4)
        headers = ("", _tr("摘要"), _tr("会计科目"), _tr("借方金额"), _tr("贷方金额"))
        for column, text in enumerate(headers):
            label = QLabel(text)
            label.setObjectName("gridHeader")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter if column >= 3
                               else Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.layout_.addWidget(label, 0, column)
        self.layout_.setRowStretch(1000, 1)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.StyledPanel)
        scroll.setWidget(self.body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for _ in range(initial_rows):
            self.add_row()

    # --- structure ----------------------------------------------------------------------
    def row_count(self) -> int:
        return len(self._rows)

    def cell(self, row: int, column: int) -> QLineEdit:
        return self._rows[row].cells[column]

    def add_row(self) -> int:
        """Append an empty line; returns its index."""
        index = len(self._rows)
        row = _Row(self, index + 1)
        self._rows.append(row)
        self.layout_.addWidget(row.number, index + 1, 0)
        for column, cell in enumerate(row.cells):
            self.layout_.addWidget(cell, index + 1, column + 1)
            cell.installEventFilter(self)
            cell.setReadOnly(self._read_only)
            cell.textChanged.connect(self._on_cell_text_changed)
        for widget in (row.number, *row.cells):
            widget.show()  # at once: a line added while typing must take the focus now
        row.summary.textEdited.connect(lambda text, r=row: self._on_summary_edited(r, text))
        row.account.committed.connect(lambda r=row: self._on_account_committed(r))
        self._fix_tab_order()
        return index

    def remove_row(self, index: int) -> None:
        """Ctrl+Delete: drop a line (the grid keeps at least one)."""
        if self._read_only or not 0 <= index < len(self._rows):
            return
        if len(self._rows) == 1:
            for cell in self._rows[0].cells:
                cell.clear()
            return
        lines = [line for i, line in enumerate(self.grid_lines()) if i != index]
        self._load_texts(lines)
        self.focus_cell(min(index, len(self._rows) - 1), SUMMARY)
        self._emit_changed()

    def _fix_tab_order(self) -> None:
        cells = [cell for row in self._rows for cell in row.cells]
        for first, second in zip(cells, cells[1:]):
            QWidget.setTabOrder(first, second)

    def position_of(self, widget) -> tuple[int, int] | None:
        for r, row in enumerate(self._rows):
            for c, cell in enumerate(row.cells):
                if cell is widget:
                    return r, c
        return None

    def focus_cell(self, row: int, column: int) -> QLineEdit:
        while row >= len(self._rows):
            self.add_row()
        cell = self.cell(row, column)
        cell.setFocus(Qt.FocusReason.OtherFocusReason)
        if isinstance(cell, AccountEdit) or column == SUMMARY:
            cell.setCursorPosition(len(cell.text()))
        return cell

    # --- content ------------------------------------------------------------------------
    def grid_lines(self) -> list[GridLine]:
        return [GridLine(r.summary.text().strip(), r.account.code(), r.debit.text().strip(), r.credit.text().strip(),
                         r.counterparty_id, r.counterparty_name, r.other_aux)
                for r in self._rows]

    def snapshot(self) -> tuple:
        """Everything typed, for "has anything changed since it was saved"."""
        return tuple((line.summary, line.account_code, line.debit_text, line.credit_text, line.counterparty_id)
                     for line in self.grid_lines() if not line.is_empty)

    def lines(self) -> list[LineInput]:
        """The non-empty lines as ``LineInput``; raises ``AmountError`` naming line and column."""
        result = []
        typed = self.grid_lines()
        for number, row in enumerate(self._rows, start=1):
            line = typed[number - 1]
            if line.is_empty:
                continue
            debit = self._amount(row.debit, number, _tr("借方"))
            credit = self._amount(row.credit, number, _tr("贷方"))
            aux = {field: value for field, value in line.other_aux if field.endswith("_id")}
            result.append(LineInput(line.account_code, debit_fen=debit or 0, credit_fen=credit or 0,
                                    summary=line.summary, counterparty_id=line.counterparty_id, **aux))
        return result

    @staticmethod
    def _amount(cell: AmountCell, number: int, column: str) -> int | None:
        try:
            return cell.current_fen()
        except AmountError as exc:
            raise AmountError(_tr("第{0}行{1}：").format(number, column) + exc.message, exc.hint) from None

    def set_lines(self, lines) -> None:
        """Show saved lines (``LineView``s); amounts formatted, the rest of the grid empty. The
        account shows its auxiliary items too (往来单位, 小区), e.g. "112 应收款 [张三]"."""
        lines = list(lines)
        self._load_texts([GridLine(l.summary, l.account_code,
                                   "" if l.debit_fen is None else format_amount(l.debit_fen),
                                   "" if l.credit_fen is None else format_amount(l.credit_fen),
                                   l.counterparty_id, l.counterparty_name, _other_aux(l)) for l in lines])
        for row, line in zip(self._rows, lines):
            row.label = aux_label(line)
        self._show_labels()

    def clear_lines(self) -> None:
        self._load_texts([])

    def _load_texts(self, lines: list[GridLine]) -> None:
        self._loading = True
        try:
            while len(self._rows) < max(len(lines) + 1, 4):
                self.add_row()
            for index, row in enumerate(self._rows):
                line = lines[index] if index < len(lines) else GridLine("", "", "", "")
                row.summary.setText(line.summary)
                row.label = ""
                row.account.aux = ""
                row.account.set_code(line.account_code)
                row.set_aux(line.counterparty_id, line.counterparty_name, line.other_aux)
                for cell, text in ((row.debit, line.debit_text), (row.credit, line.credit_text)):
                    cell.setText(text)
                    cell.is_valid()  # re-parse: red for negatives, display form
        finally:
            self._loading = False
        self._emit_changed()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for row in self._rows:
            row.account.setPlaceholderText("" if read_only else _tr("编码/名称/拼音"))
            for cell in row.cells:
                cell.setReadOnly(read_only)
                cell.style().unpolish(cell)
                cell.style().polish(cell)
        self._show_labels()

    def _show_labels(self) -> None:
        """Read-only, a saved line's account cell reads as on the printed voucher ("112 应收款—张三",
        the whole of it in the tooltip); editable, as typed ("112 应收款 [张三]")."""
        for row in self._rows:
            if not row.label:
                continue
            if self._read_only:
                row.account.setText(row.label)
                row.account.setCursorPosition(0)
                row.account.setToolTip(row.label)
            else:
                row.account.set_aux(row.account.aux)
                row.account.setToolTip(row.edit_tip)

    def is_read_only(self) -> bool:
        return self._read_only

    # --- totals -------------------------------------------------------------------------
    def totals(self) -> tuple[int, int]:
        """(借方合计, 贷方合计) of the amounts that can be read (others count as 0 until fixed)."""
        debit = credit = 0
        for row in self._rows:
            debit += self._safe(row.debit)
            credit += self._safe(row.credit)
        return debit, credit

    @staticmethod
    def _safe(cell: AmountCell) -> int:
        try:
            return cell.current_fen() or 0
        except AmountError:
            return 0

    def balancing_amount(self, row: int, column: int) -> int:
        """The amount that, typed into (row, column) with the line's other column cleared, balances."""
        debit = credit = 0
        for index, other in enumerate(self._rows):
            if index == row:
                continue
            debit += self._safe(other.debit)
            credit += self._safe(other.credit)
        return credit - debit if column == DEBIT else debit - credit

    # --- keys ---------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        position = self.position_of(watched)
        if position is None:
            return super().eventFilter(watched, event)
        row, column = position
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        if ctrl and key == Qt.Key.Key_Delete:
            self.remove_row(row)
            return True
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not self._popup_open(watched):
            target = row + (1 if key == Qt.Key.Key_Down else -1)
            if 0 <= target < len(self._rows):
                self.focus_cell(target, column)
            return True
        if key == Qt.Key.Key_F8 and not self._read_only:
            self.pick_counterparty(row)
            return True
        if key == Qt.Key.Key_F9 and not self._read_only:
            self.pick_compound(row)
            return True
        if column == ACCOUNT:
            return super().eventFilter(watched, event)  # AccountEdit handles Enter, F7 and its list
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.advance(row, column)
            return True
        if column in (DEBIT, CREDIT) and not self._read_only:
            if event.text() == "=" or (ctrl and key == Qt.Key.Key_F7):
                self.fill_balance(row, column)
                return True
            if key == Qt.Key.Key_Space:
                self.swap_side(row, column)
                return True
            if event.text() == "-" and watched.text().strip() not in ("", "-"):
                self.toggle_red(row, column)
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _popup_open(widget) -> bool:
        return isinstance(widget, AccountEdit) and widget.popup.isVisible()

    def advance(self, row: int, column: int) -> None:
        """Enter: next cell; a 借方 amount skips 贷方; past the last cell a new line."""
        if column == SUMMARY:
            self.focus_cell(row, ACCOUNT)
        elif column == ACCOUNT:
            self.focus_cell(row, DEBIT)
        elif column == DEBIT and not self._rows[row].debit.text().strip():
            self.focus_cell(row, CREDIT)
        else:
            self.focus_cell(row + 1, SUMMARY)

    def pick_counterparty(self, row: int) -> None:
        """F8: the line's 往来单位 (or none); the account cell shows it in brackets."""
        from ui.dialogs.aux_pickers import pick_counterparty

        choice = pick_counterparty(self, self.books)
        if choice is not None:
            line = self._rows[row]
            line.set_aux(choice[0], choice[1], line.other_aux)
            self._emit_changed()

    def pick_compound(self, row: int) -> None:
        """F9: the line's 小区 (repairs, fees of a compound) or none."""
        from ui.dialogs.aux_pickers import pick_compound

        choice = pick_compound(self, self.books)
        if choice is not None:
            line = self._rows[row]
            kept = tuple(item for item in line.other_aux if item[0] not in ("compound_id", "compound_name"))
            added = (("compound_id", choice[0]), ("compound_name", choice[1])) if choice[0] else ()
            line.set_aux(line.counterparty_id, line.counterparty_name, kept + added)
            self._emit_changed()

    def _on_account_committed(self, row: _Row) -> None:
        self.advance(self._rows.index(row), ACCOUNT)

    def fill_balance(self, row: int, column: int) -> None:
        """``=``: put the balancing amount here and clear the line's other column."""
        amount = self.balancing_amount(row, column)
        target = self.cell(row, column)
        other = self.cell(row, CREDIT if column == DEBIT else DEBIT)
        other.setText("")
        other.is_valid()
        target.setText(format_amount(amount, separators=False) if amount else "")
        target.is_valid()
        target.setCursorPosition(len(target.text()))

    def swap_side(self, row: int, column: int) -> None:
        """Space: move the line's amount to the other column (借 ⇄ 贷); the cursor follows it."""
        here = self.cell(row, column)
        other_column = CREDIT if column == DEBIT else DEBIT
        there = self.cell(row, other_column)
        if here.text().strip():
            source, target, target_column = here, there, other_column
        elif there.text().strip():
            source, target, target_column = there, here, column
        else:
            return
        text = source.text().strip()
        source.setText("")
        target.setText(text)
        self.focus_cell(row, target_column)
        for cell in (source, target):
            cell.is_valid()
        target.deselect()
        target.setCursorPosition(len(target.text()))

    def toggle_red(self, row: int, column: int) -> None:
        """``-`` after an amount: 红字 (negative); pressed again, back to blue-black."""
        cell = self.cell(row, column)
        try:
            fen = cell.current_fen()
        except AmountError:
            cell.insert("-")
            return
        if fen:
            cell.setText(format_amount(-fen, separators=False))
            cell.is_valid()
            cell.setCursorPosition(len(cell.text()))

    def _on_summary_edited(self, row: _Row, text: str) -> None:
        index = self._rows.index(row)
        source = None
        if text == ".." and index > 0:
            source = self._rows[index - 1].summary.text()
        elif text == "//" and index > 0:
            source = self._rows[0].summary.text()
        if source is not None:
            row.summary.setText(source)
            row.summary.setCursorPosition(len(source))

    def _on_cell_text_changed(self, _text: str) -> None:
        if not self._loading:
            self._emit_changed()

    def _emit_changed(self) -> None:
        self.changed.emit()
        self.totals_changed.emit(*self.totals())


def _other_aux(line) -> tuple:
    """A saved line's auxiliary items other than its 往来单位, carried through editing unchanged."""
    items = [(field, getattr(line, field)) for field in ("compound_id", "asset_id", "lease_id", "fund_id")
             if getattr(line, field, None)]
    if getattr(line, "compound_name", ""):
        items.append(("compound_name", line.compound_name))
    return tuple(items)

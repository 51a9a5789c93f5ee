"""辅助核算 of one account: which records every posting to it (and to its sub-accounts) must name.

One check box per dimension of the catalogue, as ``AccountService.dimension_choices`` offers them:
a dimension set on a parent account is ticked and cannot be taken off here; one whose register is
not built yet (资产, 合同, 资金项目) is greyed, its tooltip saying why. 确定 is one service call
(``set_dimensions``); a refusal (postings without a 往来单位, an opening not broken down) is shown
and the dialog stays open.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ui.dialogs.error_dialog import attempt


class AccountDimensionsDialog(QDialog):
    """``saved`` holds the account's row after 确定 (None until then)."""

    def __init__(self, books: Any, code: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.code = code
        self.saved = None
        account = books.accounts.get(code)
        self.setWindowTitle(self.tr("设置辅助核算"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("科目“{0} {1}”按以下项目辅助核算：").format(account.code, account.full_name)))
        self.boxes: dict[str, QCheckBox] = {}
        for choice in books.accounts.dimension_choices(code):
            box = QCheckBox(choice.label)
            box.setChecked(choice.carried)
            if choice.inherited_from:
                box.setText(self.tr("{0}（上级科目 {1} 设置）").format(choice.label, choice.inherited_from))
                box.setToolTip(self.tr("由上级科目“{0}”设置，适用于它的全部明细科目；如需取消，请在上级科目上修改")
                               .format(choice.inherited_from))
                box.setEnabled(False)
            elif choice.unavailable:
                box.setText(self.tr("{0}（尚未启用）").format(choice.label))
                box.setToolTip(choice.unavailable)
                box.setEnabled(False)
            self.boxes[choice.key] = box
            layout.addWidget(box)
        hint = QLabel(self.tr("设置后，记入该科目及其明细科目的每笔分录都要指明所选项目，期初余额也要按所选项目分列。"))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.resize(460, self.sizeHint().height())

    def chosen(self) -> list[str]:
        """The keys ticked, those set on a parent included (they stay whatever is ticked here)."""
        return [key for key, box in self.boxes.items() if box.isChecked()]

    def accept(self) -> None:
        outcome = attempt(self, self.books.accounts.set_dimensions, self.code, self.chosen())
        if outcome:
            self.saved = outcome.value
            super().accept()

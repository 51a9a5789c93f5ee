"""设置 → 记账规则: which account each business event posts to (DOMAIN §3.3), seen and changed.

The table shows every rule of ``books.posting_rules.list_rules()`` (业务 | 科目用途 | 借/贷 | 科目 |
状态, a rule that cannot be used in red with why). Choosing a rule puts its account in an account
picker limited to the accounts the rule allows; Enter on a leaf or 改用此科目 is one call of
``books.posting_rules.set_rule``, whose refusal is shown as its Chinese message. The section
refreshes itself when the chart or the rules change, without touching the rest of 设置 (a community
name being typed there is not overwritten).
"""
from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.dialogs.error_dialog import attempt
from ui.models.table_model import NEGATIVE_COLOUR, TableModel, text_column
from ui.widgets.account_picker import AccountEdit

REFRESH_EVENTS = ("accounts_changed", "posting_rules_changed", "database_restored")


class PostingRulesWidget(QGroupBox):
    """The 记账规则 section (see module docstring). ``rule_changed(key)`` after a rule was changed."""

    def __init__(self, books, bridge, parent: QWidget | None = None):
        super().__init__(self.tr("记账规则"), parent)
        self.books = books
        self._shown_key: str | None = None
        self.model = TableModel.in_memory(self._columns())
        self.view = self._build_view()
        self.account_edit = AccountEdit(books)
        self.account_edit.committed.connect(self._on_account_edit_committed)
        self.apply_button = QPushButton(self.tr("改用此科目"))
        self.apply_button.clicked.connect(self._on_apply_clicked)
        self.allowed_label = QLabel()
        self.allowed_label.setObjectName("hint")
        self.problem_label = QLabel()  # the selected rule's problem, red (a selected row's text is not)
        self.problem_label.setObjectName("statusWarn")
        self.problem_label.setWordWrap(True)
        note = QLabel(self.tr("租金、物业费、押金、项目资金等业务生成凭证时记入的科目。科目须为所列一级科目下已启用的"
                              "末级科目；科目表变动使规则不能使用时，“状态”栏以红字说明，相关业务暂不能记账。"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        editor = QHBoxLayout()
        caption = QLabel(self.tr("所选规则的科目(&K)："))
        caption.setBuddy(self.account_edit)
        editor.addWidget(caption)
        editor.addWidget(self.account_edit, 1)
        editor.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.view, 1)
        layout.addLayout(editor)
        layout.addWidget(self.allowed_label)
        layout.addWidget(self.problem_label)
        for name in REFRESH_EVENTS:
            getattr(bridge, name).connect(self._on_bridge_rules_or_chart_changed)
        self.refresh()

    def _columns(self):
        return [
            text_column("event", "业务", width=190),
            text_column("label", "科目用途", width=150),
            text_column("side", "借/贷", width=56),
            text_column("account_code", "科目", stretch=True, value=self._account_text),
            text_column("problem", "状态", width=380, formatter=lambda p: p or self.tr("可用"),
                        foreground=lambda row: QColor(NEGATIVE_COLOUR) if row.problem else None,
                        tooltip=lambda row: row.problem),
        ]

    def _account_text(self, row) -> str:
        return f"{row.account_code} {row.account_name}" if row.account_code else self.tr("（未设置）")

    def _build_view(self) -> QTableView:
        view = QTableView()
        view.setModel(self.model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.model.apply_column_widths(view)
        view.selectionModel().selectionChanged.connect(self._on_view_selection_changed)
        return view

    # --- showing ---------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read the rules; the selected rule stays selected and an account being typed stays typed."""
        rule = self.selected_rule()
        self.model.set_rows(self.books.posting_rules.list_rules())
        self._fit_height()
        self.select(rule.key if rule else self._shown_key or self.model.row_at(0).key)

    def _fit_height(self) -> None:
        """Every rule in view at once: the page scrolls, a table inside it should not."""
        rows = self.model.rowCount()
        height = self.view.horizontalHeader().height() + rows * self.view.verticalHeader().defaultSectionSize()
        self.view.setMinimumHeight(height + 2 * self.view.frameWidth() + 2)

    def select(self, key: str) -> None:
        """Select the rule ``key``; its account is put in the picker unless that rule was already there."""
        for number, row in enumerate(self.model.rows()):
            if row.key == key:
                self.view.selectRow(number)
                return

    def selected_rule(self):
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0]) if rows else None

    def _on_view_selection_changed(self, *_args) -> None:
        rule = self.selected_rule()
        self.account_edit.setEnabled(rule is not None)
        self.apply_button.setEnabled(rule is not None)
        self.problem_label.setVisible(bool(rule and rule.problem))
        if rule is None:
            return
        self.problem_label.setText(self.tr("此规则现在不能使用：{0}").format(rule.problem))
        self.account_edit.within = rule.allowed
        self.allowed_label.setText(self.tr("“{0}—{1}”可选：{2} 下已启用的末级科目").format(
            rule.event, rule.label, rule.allowed_text))
        if rule.key != self._shown_key:
            self.account_edit.set_code(rule.account_code)
        self._shown_key = rule.key

    def _on_bridge_rules_or_chart_changed(self, _payload) -> None:
        self.refresh()

    # --- changing --------------------------------------------------------------------
    def _on_account_edit_committed(self) -> None:
        self._on_apply_clicked()

    def _on_apply_clicked(self) -> None:
        rule = self.selected_rule()
        code = self.account_edit.code()
        if rule is None or code == rule.account_code:
            return
        if attempt(self, self.books.posting_rules.set_rule, rule.key, code):
            self._shown_key = None  # show the account as the service now has it
            self.refresh()

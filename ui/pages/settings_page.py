"""设置: community details, users and roles, voucher numbering, backup folder, print font, and the
posting rules (记账规则, ``ui.widgets.posting_rules_widget``, which refreshes itself).

Each section saves through one service call (``books.org.update_book``, ``books.org.add_user`` /
``set_user_active``, ``books.settings.set``); refusals show their Chinese message.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.models.table_model import TableModel, text_column
from ui.pages.base import Page
from ui.table_export import export_button
from ui.widgets.posting_rules_widget import PostingRulesWidget

VOUCHER_WORDS = ("记", "收", "付", "转")
PDF_FONTS = (("自动选择（推荐）", ""), ("宋体 SimSun", "SimSun"), ("黑体 SimHei", "SimHei"),
             ("微软雅黑 Microsoft YaHei", "Microsoft YaHei"), ("文泉驿微米黑 WenQuanYi Micro Hei", "WenQuanYi Micro Hei"))


class SettingsPage(Page):
    """设置 (see module docstring)."""

    title = "设置"
    icon = "settings"

    def __init__(self, books, bridge, parent=None):
        super().__init__(books, bridge, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(scroll)
        content = QWidget()
        scroll.setWidget(content)
        layout = QVBoxLayout(content)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(self.heading(self.display_title()))

        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self._build_book_box(), 0, 0)
        grid.addWidget(self._build_users_box(), 0, 1, 2, 1)
        grid.addWidget(self._build_voucher_box(), 1, 0)
        grid.addWidget(self._build_backup_box(), 2, 0)
        grid.addWidget(self._build_print_box(), 2, 1)
        grid.addWidget(self._build_alerts_box(), 3, 0)
        self.rules_widget = PostingRulesWidget(books, bridge)
        grid.addWidget(self.rules_widget, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.refresh_on("org_changed", "settings_changed", "database_restored")
        self.refresh()

    # --- sections -------------------------------------------------------------------
    def _build_book_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("账套信息"))
        self.name_edit = QLineEdit()
        self.credit_edit = QLineEdit()
        self.credit_edit.setMaxLength(18)
        self.chart_label = QLabel()
        self.first_period_label = QLabel()
        self.save_book_button = QPushButton(self.tr("保存账套信息"))
        self.save_book_button.setObjectName("primary")
        self.save_book_button.clicked.connect(self.on_save)
        form = QFormLayout(box)
        form.setVerticalSpacing(10)
        form.addRow(self.tr("社区名称(&N)："), self.name_edit)
        form.addRow(self.tr("统一社会信用代码："), self.credit_edit)
        form.addRow(self.tr("会计制度："), self.chart_label)
        form.addRow(self.tr("启用期间："), self.first_period_label)
        form.addRow("", self.save_book_button)
        return box

    def _build_users_box(self) -> QGroupBox:
        from assetdesk.services.org import USER_ROLES

        box = QGroupBox(self.tr("用户和角色"))
        self.users_model = TableModel.in_memory([
            text_column("name", "姓名", stretch=True),
            text_column("role", "角色", width=90),
            text_column("is_active", "状态", width=70, formatter=lambda v: self.tr("启用") if v else self.tr("停用")),
        ])
        self.users_view = QTableView()
        self.users_view.setModel(self.users_model)
        self.users_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.users_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.users_view.verticalHeader().setVisible(False)
        self.users_view.setSortingEnabled(True)
        self.users_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.users_model.apply_column_widths(self.users_view)
        self.users_view.setMinimumHeight(180)
        self.users_view.selectionModel().selectionChanged.connect(self._update_user_buttons)

        self.user_name_edit = QLineEdit()
        self.user_name_edit.setPlaceholderText(self.tr("姓名"))
        self.user_name_edit.returnPressed.connect(self._on_add_user_clicked)
        self.user_role_combo = QComboBox()
        self.user_role_combo.addItems(list(USER_ROLES))
        self.add_user_button = QPushButton(self.tr("添加用户"))
        self.add_user_button.clicked.connect(self._on_add_user_clicked)
        self.toggle_user_button = QPushButton(self.tr("停用"))
        self.toggle_user_button.clicked.connect(self._on_toggle_user_clicked)
        adder = QHBoxLayout()
        adder.addWidget(self.user_name_edit, 1)
        adder.addWidget(self.user_role_combo)
        adder.addWidget(self.add_user_button)
        note = QLabel(self.tr("操作人在状态栏选择，记入审计日志；本程序不设登录密码。"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout = QVBoxLayout(box)
        layout.addWidget(self.users_view, 1)
        layout.addLayout(adder)
        self.users_export_button = export_button(self.on_export)
        row = QHBoxLayout()
        row.addWidget(note, 1)
        row.addWidget(self.toggle_user_button)
        row.addWidget(self.users_export_button)
        layout.addLayout(row)
        return box

    def _build_voucher_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("凭证编号"))
        self.voucher_word_combo = QComboBox()
        self.voucher_word_combo.addItems(list(VOUCHER_WORDS))
        self.voucher_word_combo.activated.connect(self._on_voucher_word_activated)
        self.voucher_preview = QLabel()
        self.voucher_preview.setObjectName("hint")
        self.voucher_preview.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(self.tr("凭证字："), self.voucher_word_combo)
        form.addRow(self.tr("编号方式："), self.voucher_preview)
        return box

    def _build_backup_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("备份"))
        self.backup_folder_edit = QLineEdit()
        self.backup_folder_edit.setPlaceholderText(self.tr("默认：用户数据目录下的 backups"))
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._on_browse_backup_clicked)
        self.backup_keep_spin = QSpinBox()
        self.backup_keep_spin.setRange(1, 365)
        self.backup_keep_spin.setSuffix(self.tr(" 份"))
        self.save_backup_button = QPushButton(self.tr("保存备份设置"))
        self.save_backup_button.clicked.connect(self._on_save_backup_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_folder_edit, 1)
        folder_row.addWidget(browse)
        form = QFormLayout(box)
        form.addRow(self.tr("备份文件夹："), folder_row)
        form.addRow(self.tr("退出时自动备份，保留最近："), self.backup_keep_spin)
        form.addRow("", self.save_backup_button)
        return box

    def _build_alerts_box(self) -> QGroupBox:
        """预警 thresholds (services.alerts): days before a lease ends, rent overdue, an asset idle."""
        from assetdesk.services.alerts import ASSET_IDLE_DAYS, LEASE_EXPIRY_DAYS, RENT_OVERDUE_DAYS

        box = QGroupBox(self.tr("预警"))
        form = QFormLayout(box)
        self.alert_spins: dict[str, QSpinBox] = {}
        for key, label in ((LEASE_EXPIRY_DAYS, self.tr("合同到期前提醒：")),
                           (RENT_OVERDUE_DAYS, self.tr("租金逾期超过：")),
                           (ASSET_IDLE_DAYS, self.tr("资产闲置超过："))):
            spin = QSpinBox()
            spin.setRange(1, 3650)
            spin.setSuffix(self.tr(" 天"))
            self.alert_spins[key] = spin
            form.addRow(label, spin)
        self.save_alerts_button = QPushButton(self.tr("保存预警设置"))
        self.save_alerts_button.clicked.connect(self._on_save_alerts_clicked)
        form.addRow("", self.save_alerts_button)
        return box

    def _on_save_alerts_clicked(self) -> None:
        values = {key: str(spin.value()) for key, spin in self.alert_spins.items()}
        # read all first: each save publishes settings_changed, which refreshes this page
        for key, value in values.items():
            if not self.attempt(self.books.settings.set, key, value):
                return

    def _build_print_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("打印"))
        self.pdf_font_combo = QComboBox()
        self.pdf_font_combo.setEditable(True)
        for label, value in PDF_FONTS:
            self.pdf_font_combo.addItem(self.tr(label), value)
        browse = QPushButton(self.tr("字体文件…"))
        browse.clicked.connect(self._on_browse_font_clicked)
        save = QPushButton(self.tr("保存打印设置"))
        save.clicked.connect(self._on_save_font_clicked)
        row = QHBoxLayout()
        row.addWidget(self.pdf_font_combo, 1)
        row.addWidget(browse)
        note = QLabel(self.tr("PDF 报表使用的中文字体；所选字体不可用时自动改用本机的中文字体。"))
        note.setObjectName("hint")
        note.setWordWrap(True)
        form = QFormLayout(box)
        form.addRow(self.tr("PDF 字体："), row)
        form.addRow("", note)
        form.addRow("", save)
        return box

    # --- refresh --------------------------------------------------------------------
    def on_export(self):
        """导出Excel (the button under the users or Ctrl+E) of the users and roles, sorted as shown."""
        from ui.table_export import export_table_view

        return export_table_view(self, self.books, self.tr("用户和角色"), self.users_model)

    def refresh(self) -> None:
        book = self.books.org.book()
        if book is not None:
            self.name_edit.setText(book.community_name)
            self.credit_edit.setText(book.credit_code)
            self.chart_label.setText(self.tr("农村集体经济组织会计制度（{0}）").format(book.chart_version))
            self.first_period_label.setText(str(book.first_period))
        self.users_model.set_rows(self.books.org.list_users())
        self._update_user_buttons()
        values = self.books.settings.all()
        word = values.get("voucher_word") or "记"
        self.voucher_word_combo.setCurrentText(word)
        self.voucher_preview.setText(self.tr("{0}-0001、{0}-0002 …… 每月从 0001 起连续编号，过账时自动分配，"
                                             "不可手工修改。").format(word))
        self.backup_folder_edit.setText(values.get("backup_folder", ""))
        self.backup_keep_spin.setValue(int(values.get("backup_keep") or 30))
        for key, spin in self.alert_spins.items():
            try:
                spin.setValue(int(values.get(key) or 0))
            except ValueError:
                pass
        font = values.get("pdf_font", "")
        index = self.pdf_font_combo.findData(font)
        if index >= 0:
            self.pdf_font_combo.setCurrentIndex(index)
        else:
            self.pdf_font_combo.setEditText(font)

    # --- actions --------------------------------------------------------------------
    def on_save(self) -> None:
        """Ctrl+S saves the community details."""
        if self.attempt(self.books.org.update_book, community_name=self.name_edit.text(),
                        credit_code=self.credit_edit.text()):
            self.save_book_button.setText(self.tr("已保存"))

    def _selected_user(self):
        rows = self.users_view.selectionModel().selectedRows()
        return self.users_model.row_at(rows[0]) if rows else None

    def _update_user_buttons(self, *_args) -> None:
        user = self._selected_user()
        self.toggle_user_button.setEnabled(user is not None)
        self.toggle_user_button.setText(self.tr("停用") if user is None or user.is_active else self.tr("启用"))

    def _on_add_user_clicked(self) -> None:
        if self.attempt(self.books.org.add_user, self.user_name_edit.text(), self.user_role_combo.currentText()):
            self.user_name_edit.clear()
            self.refresh()

    def _on_toggle_user_clicked(self) -> None:
        user = self._selected_user()
        if user is not None and self.attempt(self.books.org.set_user_active, user.id, not user.is_active):
            self.refresh()

    def _on_voucher_word_activated(self, _index: int) -> None:
        self.attempt(self.books.settings.set, "voucher_word", self.voucher_word_combo.currentText())
        self.refresh()

    def _on_browse_backup_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"), self.backup_folder_edit.text())
        if folder:
            self.backup_folder_edit.setText(folder)

    def _on_save_backup_clicked(self) -> None:
        folder, keep = self.backup_folder_edit.text().strip(), str(self.backup_keep_spin.value())
        # read both first: each save publishes settings_changed, which refreshes this page
        if self.attempt(self.books.settings.set, "backup_folder", folder):
            self.attempt(self.books.settings.set, "backup_keep", keep)

    def _on_browse_font_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("选择字体文件"), "",
                                              self.tr("TrueType 字体 (*.ttf *.ttc);;所有文件 (*)"))
        if path:
            self.pdf_font_combo.setEditText(path)

    def _on_save_font_clicked(self) -> None:
        index = self.pdf_font_combo.currentIndex()
        text = self.pdf_font_combo.currentText()
        value = self.pdf_font_combo.itemData(index) if index >= 0 and self.pdf_font_combo.itemText(index) == text else text
        self.attempt(self.books.settings.set, "pdf_font", value or "")

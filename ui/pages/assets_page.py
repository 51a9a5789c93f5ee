"""The 资产台账 page: the register of collective assets, filtered, and the 盘活 (idle assets) view.

Everything shown comes from ``books.assets`` (list_assets with 类别 / 状态 / 小区 / 闲置超过 N 天);
登记 and 修改 go through ``AssetDialog``, 计提折旧 through ``run_depreciation`` for a chosen month.
The page re-reads on ``assets_changed`` (its own writes and imports) and ``documents_posted``.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.money import format_money
from assetdesk.services.assets.types import CATEGORIES, DISPOSED, IDLE, STATUSES, AssetRow
from ui.models.table_model import RIGHT, Column, TableModel, money_column, text_column
from ui.pages.base import Page
from ui.table_export import export_button, export_table_view
from ui.widgets.period_picker import ask_month


def _area(centi: int) -> str:
    return f"{centi / 100:,.2f}" if centi else ""


def _land(row: AssetRow) -> str:
    return f"{_area(row.land_area_centi)} {row.land_area_unit}" if row.land_area_centi else ""


class AssetsPage(Page):
    title = "资产台账"
    icon = "assets"

    def __init__(self, books, bridge, parent: QWidget | None = None):
        super().__init__(books, bridge, parent)
        self._last_rents: dict[str, int] = {}
        layout = self.page_layout()
        layout.addLayout(self._build_filters())
        self.tabs = QTabWidget()
        self.register_model, self.register_view = self._table(self._register_columns())
        self.idle_model, self.idle_view = self._table(self._idle_columns())
        self.tabs.addTab(self._tab(self.register_view, self.register_model, self.tr("资产台账")), self.tr("资产台账"))
        self.tabs.addTab(self._tab(self.idle_view, self.idle_model, self.tr("盘活资产")), self.tr("盘活（闲置资产）"))
        layout.addWidget(self.tabs, 1)
        self.summary_label = QLabel()
        layout.addWidget(self.summary_label)
        self.register_view.doubleClicked.connect(lambda index: self.show_detail(self.register_model.row_at(index)))
        self.idle_view.doubleClicked.connect(lambda index: self.show_detail(self.idle_model.row_at(index)))
        self.refresh_on("assets_changed", "documents_posted", "data_imported", "database_restored")
        self.refresh()

    # --- construction ---------------------------------------------------------------
    def _build_filters(self) -> QHBoxLayout:
        self.category_combo = QComboBox()
        self.status_combo = QComboBox()
        for combo, values in ((self.category_combo, CATEGORIES), (self.status_combo, STATUSES)):
            combo.addItem(self.tr("全部"), None)
            for value in values:
                combo.addItem(value, value)
            combo.currentIndexChanged.connect(self.refresh)
        self.compound_combo = QComboBox()
        self.compound_combo.currentIndexChanged.connect(self.refresh)
        self._fill_compounds()
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(0, 36500)
        self.idle_spin.setSuffix(self.tr(" 天"))
        self.idle_spin.setSpecialValueText(self.tr("不限"))
        self.idle_spin.valueChanged.connect(self.refresh)
        self.register_button = QPushButton(self.tr("登记资产"))
        self.register_button.clicked.connect(self.on_new)
        self.detail_button = QPushButton(self.tr("详情"))
        self.detail_button.setToolTip(self.tr("选中资产的全部信息、租赁记录和收益、状态记录、照片和文件（双击也可打开）"))
        self.detail_button.clicked.connect(self.on_detail)
        self.edit_button = QPushButton(self.tr("修改"))
        self.edit_button.clicked.connect(self.on_edit)
        self.dispose_button = QPushButton(self.tr("处置"))
        self.dispose_button.setToolTip(self.tr("登记选中资产的处置（拆除、出售、报废），生成处置凭证"))
        self.dispose_button.clicked.connect(self.on_dispose)
        self.status_button = QPushButton(self.tr("变更状态"))
        self.status_button.setToolTip(self.tr("把选中的资产改为 出租 / 自用 / 闲置 …（改为闲置时从今天起计闲置天数）"))
        self.status_button.clicked.connect(self.on_change_status)
        self.depreciate_button = QPushButton(self.tr("计提折旧"))
        self.depreciate_button.clicked.connect(self.on_depreciate)
        bar = QHBoxLayout()
        for label, widget in ((self.tr("类别"), self.category_combo), (self.tr("状态"), self.status_combo),
                              (self.tr("小区"), self.compound_combo), (self.tr("闲置超过"), self.idle_spin)):
            bar.addWidget(QLabel(label))
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.register_button)
        bar.addWidget(self.detail_button)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.status_button)
        bar.addWidget(self.dispose_button)
        bar.addWidget(self.depreciate_button)
        return bar

    def _fill_compounds(self) -> None:
        current = self.compound_combo.currentData()
        self.compound_combo.blockSignals(True)
        self.compound_combo.clear()
        self.compound_combo.addItem(self.tr("全部"), None)
        for compound in self.books.org.list_compounds():
            self.compound_combo.addItem(f"{compound.area_name} / {compound.name}", compound.code)
        self.compound_combo.setCurrentIndex(max(0, self.compound_combo.findData(current)))
        self.compound_combo.blockSignals(False)

    def _table(self, columns: list[Column]) -> tuple[TableModel, QTableView]:
        model = TableModel.in_memory(columns, parent=self)
        view = QTableView()
        view.setModel(model)
        view.setSortingEnabled(True)
        view.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # by 资产编码, as the service lists them
        view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        model.apply_column_widths(view)
        return model, view

    def _tab(self, view: QTableView, model: TableModel, title: str) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(export_button(lambda: export_table_view(self, self.books, title, model), tab))
        box.addLayout(row)
        box.addWidget(view, 1)
        return tab

    def _idle_days(self, row: AssetRow) -> int | None:
        return row.idle_days(self.books.ctx.today())

    def _register_columns(self) -> list[Column]:
        return [
            text_column("code", "资产编码", width=84), text_column("name", "名称", width=120),
            text_column("category", "类别", width=64), text_column("location", "坐落位置", width=150),
            text_column("compound_name", "小区", width=90),
            Column("building_area_centi", "建筑面积(㎡)", RIGHT, formatter=_area, width=100),
            money_column("original_fen", "原值"), money_column("accumulated_fen", "累计折旧"),
            money_column("net_fen", "净值"), text_column("status", "使用状态", width=70),
            Column("idle_days", "闲置天数", RIGHT, value=self._idle_days, width=70),
        ]

    def _idle_columns(self) -> list[Column]:
        return [
            text_column("code", "资产编码", width=84), text_column("name", "名称", width=120),
            text_column("category", "类别", width=64), text_column("location", "坐落位置", width=150),
            text_column("area_name", "片区", width=90), text_column("compound_name", "小区", width=90),
            Column("building_area_centi", "建筑面积(㎡)", RIGHT, formatter=_area, width=100),
            Column("land_area", "占地面积", RIGHT, value=_land, width=90),
            Column("idle_since", "闲置起始", formatter=lambda d: d.isoformat(), width=100),
            Column("idle_days", "闲置天数", RIGHT, value=self._idle_days, width=70),
            Column("last_rent", "上次租金(月)", RIGHT, value=lambda row: self._last_rents.get(row.code),
                   formatter=format_money, money=True, width=100),
            money_column("net_fen", "净值"),
        ]

    def last_rents(self, codes: list[str]) -> dict[str, int]:
        """资产编码 → the monthly rent of its latest lease (盘活: what it let for last time)."""
        rents: dict[str, int] = {}
        for code in codes:
            try:
                leases = self.books.leases.of_asset(code)
            except (NotImplementedError, AssetDeskError):  # the lease service not there yet: no column values
                return {}
            if leases:
                rents[code] = max(leases, key=lambda lease: (lease.start_on, lease.id)).monthly_rent_fen
        return rents

    # --- reading --------------------------------------------------------------------
    def refresh(self) -> None:
        """Re-read both lists from the service with the filter bar's choices."""
        self._fill_compounds()
        selected = self.selected_asset()
        idle_over = self.idle_spin.value() or None
        rows = self.attempt(self.books.assets.list_assets, category=self.category_combo.currentData(),
                            status=self.status_combo.currentData(), compound_code=self.compound_combo.currentData(),
                            idle_over_days=idle_over)
        if not rows.ok:
            return
        self.register_model.set_rows(rows.value)
        idle = self.attempt(self.books.assets.list_assets, category=self.category_combo.currentData(), status=IDLE,
                            compound_code=self.compound_combo.currentData(), idle_over_days=idle_over)
        if idle.ok:
            self._last_rents = self.last_rents([row.code for row in idle.value])
            self.idle_model.set_rows(idle.value)
        if selected is not None:  # the clerk's place in the list survives the re-read
            self._select(selected.code)
        total = sum(r.original_fen for r in rows.value)
        self.summary_label.setText(self.tr("共 %n 项资产", "", len(rows.value)) + self.tr("，原值合计 ")
                                   + format_money(total) + self.tr("；闲置 %n 项", "", len(idle.value) if idle.ok else 0))

    # --- clerk actions --------------------------------------------------------------
    def on_new(self) -> None:
        """登记资产 (also Ctrl+N)."""
        from ui.dialogs.asset_dialog import AssetDialog

        AssetDialog(self.books, parent=self).exec()

    def show_detail(self, asset: AssetRow) -> None:
        """资产详情 (double-click or 详情): fields, leases and income, history, photos and documents."""
        from ui.dialogs.asset_detail_dialog import AssetDetailDialog

        AssetDetailDialog(self.books, asset.code, parent=self).exec()
        self.refresh()

    def _selected_or_say(self, title: str) -> AssetRow | None:
        asset = self.selected_asset()
        if asset is None:
            QMessageBox.information(self, title, self.tr("请先在列表中选中一项资产"))
        return asset

    def on_detail(self) -> None:
        asset = self._selected_or_say(self.tr("详情"))
        if asset is not None:
            self.show_detail(asset)

    def on_edit(self) -> None:
        asset = self._selected_or_say(self.tr("修改资产"))
        if asset is not None:
            self.edit_asset(asset)

    def on_dispose(self) -> None:
        """处置 of the selected asset through ``DisposalDialog`` (it shows the voucher posted)."""
        from ui.dialogs.disposal_dialog import DisposalDialog

        asset = self._selected_or_say(self.tr("处置资产"))
        if asset is None:
            return
        if asset.status == DISPOSED:
            QMessageBox.information(self, self.tr("处置资产"), self.tr("这项资产已经处置"))
            return
        DisposalDialog(self.books, asset, parent=self).exec()
        self.refresh()

    def edit_asset(self, asset: AssetRow) -> None:
        from ui.dialogs.asset_dialog import AssetDialog

        AssetDialog(self.books, asset, parent=self).exec()

    def selected_asset(self) -> AssetRow | None:
        """The asset selected in the visible list, if any."""
        view, model = ((self.register_view, self.register_model) if self.tabs.currentIndex() == 0
                       else (self.idle_view, self.idle_model))
        rows = view.selectionModel().selectedRows()
        return model.row_at(rows[0]) if rows else None

    def _select(self, code: str) -> None:
        for view, model in ((self.register_view, self.register_model), (self.idle_view, self.idle_model)):
            for r in range(model.rowCount()):
                if model.row_at(model.index(r, 0)).code == code:
                    view.selectRow(r)
                    break

    def on_change_status(self) -> None:
        """设置使用状态 of the selected asset (as of today); disposal has its own action."""
        asset = self.selected_asset()
        if asset is None:
            QMessageBox.information(self, self.tr("变更状态"), self.tr("请先在列表中选中一项资产"))
            return
        choices = [s for s in STATUSES if s != DISPOSED]
        status, ok = QInputDialog.getItem(self, self.tr("变更状态"), f"{asset.code} {asset.name}",
                                          choices, max(0, choices.index(asset.status)
                                                       if asset.status in choices else 0), False)
        if ok and status != asset.status:
            self.attempt(self.books.assets.set_status, asset.code, status, self.books.ctx.today())

    def on_export(self) -> None:
        model = self.register_model if self.tabs.currentIndex() == 0 else self.idle_model
        export_table_view(self, self.books, self.tabs.tabText(self.tabs.currentIndex()), model)

    def ask_period(self):
        """The month to depreciate (the current period offered); None when the clerk cancelled."""
        current = self.attempt(self.books.periods.current_period)
        return ask_month(self, self.tr("计提折旧"), self.tr("会计期间"), current.value if current.ok else None)

    def on_depreciate(self) -> None:
        """计提折旧 for one month: one voucher; the message names it."""
        period = self.attempt(self.ask_period)
        if not period.ok or period.value is None:
            return
        run = self.attempt(self.books.assets.run_depreciation, period.value)
        if not run.ok:
            return
        result = run.value
        if result.voucher_label:
            text = self.tr("%1 计提折旧 %2 项，合计 %3，已生成凭证 %4").replace("%1", str(result.period)) \
                .replace("%2", str(result.assets)).replace("%3", format_money(result.total_fen)) \
                .replace("%4", result.voucher_label)
        else:
            text = self.tr("%1 没有需要计提折旧的资产").replace("%1", str(result.period))
        QMessageBox.information(self, self.tr("计提折旧"), text)
        self.refresh()


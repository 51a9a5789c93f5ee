"""新建合同 / 修改条款 / 续租: the clerk's contract form over ``books.leases`` (DOMAIN §5).

The form only collects the terms; the service checks them. Below the form a live preview shows the
应收租金计划 the terms give (``books.leases.preview``), refreshed a moment after each change, with
the total — or, when the terms are not valid (overlap, end before start, no rent …), the service's
Chinese message in red. So the clerk sees the schedule BEFORE saving. 保存 calls ``create``,
``update_terms`` or ``renew``; a refusal is shown and the form stays as typed.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from assetdesk.errors import AssetDeskError, InputError
from assetdesk.money import format_amount, format_money, parse_amount, parse_yuan, round_to_fen
from assetdesk.periods import parse_date
from assetdesk.services.account_reader import pinyin_initials
from assetdesk.services.leases.terms import EveryYears, PaymentCycle, RentBasis, RentStep
from assetdesk.services.leases.types import METHODS, LeasedAsset, LeaseInput, LeaseRow
from ui.dialogs.error_dialog import show_error
from ui.models.table_model import RIGHT, Column, TableModel, date_column, money_column, text_column
from ui.widgets.date_edit import DateEdit
from ui.widgets.money_edit import MoneyEdit

NEW, EDIT, RENEW = "new", "edit", "renew"
PREVIEW_DELAY_MS = 300
PREVIEW_NUMBER = "（预览）"  # stands for a number not typed yet: a schedule does not depend on it
ESCALATION_NONE, ESCALATION_EVERY, ESCALATION_STEPS = 0, 1, 2
IDLE = "闲置"


def _area_text(centi: int) -> str:
    return f"{centi / 100:,.2f}"


class TenantCombo(QComboBox):
    """承租方: an editable combo over the counterparties; typing filters by name or pinyin initials
    (``dfgs`` finds 东方公司). A name no counterparty has is allowed: the service creates it."""

    def __init__(self, books: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setPlaceholderText(self.tr("名称或拼音首字母；新名称保存时自动建立往来单位"))
        rows = books.org.list_counterparties(limit=5000)
        rows.sort(key=lambda r: ("承租方" not in r.roles, r.name))  # tenants first
        self._entries = [(r.name, pinyin_initials(r.name)) for r in rows]
        for name, _ in self._entries:
            self.addItem(name)
        self.setCurrentIndex(-1)
        self._hits = QStringListModel(self)
        completer = QCompleter(self._hits, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        self.lineEdit().textEdited.connect(self._filter)

    def matches(self, text: str) -> list[str]:
        needle = text.strip().lower()
        if not needle:
            return []
        return [name for name, initials in self._entries if needle in name.lower() or initials.startswith(needle)]

    def _filter(self, text: str) -> None:
        hits = self.matches(text)
        self._hits.setStringList(hits[:50])
        if hits and hits != [text]:
            self.completer().complete()

    def name(self) -> str:
        return self.currentText().strip()

    def set_name(self, name: str) -> None:
        self.setEditText(name)


class AssetRowWidget(QWidget):
    """One leased asset: the asset (idle ones first) and the area let (0 = the whole asset)."""

    def __init__(self, assets: list, parent: QWidget | None = None):
        super().__init__(parent)
        self.combo = QComboBox()
        self.combo.addItem(self.tr("（选择资产）"), "")
        for asset in assets:
            area = f" {_area_text(asset.building_area_centi)}㎡" if asset.building_area_centi else ""
            self.combo.addItem(f"{asset.code} {asset.name}（{asset.status}{area}）", asset.code)
        self.area = QDoubleSpinBox()
        self.area.setDecimals(2)
        self.area.setRange(0, 99_999_999)
        self.area.setGroupSeparatorShown(True)
        self.area.setSuffix(" ㎡")
        self.area.setSpecialValueText(self.tr("整体"))
        self.area.setToolTip(self.tr("租赁面积；0 表示整个资产"))
        self.remove_button = QPushButton(self.tr("移除"))
        self.remove_button.setAutoDefault(False)
        box = QHBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.combo, 1)
        box.addWidget(self.area)
        box.addWidget(self.remove_button)

    def leased(self) -> LeasedAsset | None:
        code = self.combo.currentData()
        return LeasedAsset(code, round(self.area.value() * 100)) if code else None

    def set_leased(self, code: str, area_centi: int) -> None:
        index = self.combo.findData(code)
        if index < 0:  # not in the list (let to this very lease, say): offered as it is
            self.combo.addItem(code, code)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)
        self.area.setValue(area_centi / 100)


class LeaseDialog(QDialog):
    """The contract form. ``mode`` NEW (``lease`` None), EDIT (修改条款) or RENEW (续租 of ``lease``);
    ``saved`` holds the service's row after 保存."""

    def __init__(self, books: Any, lease: LeaseRow | None = None, mode: str = NEW, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.original = lease
        self.mode = mode if lease is not None else NEW
        self.saved: LeaseRow | None = None
        self._wired = False
        self._free_ranges: tuple = ()  # kept from the stored contract: the form has no field for them
        self.preview_lines: tuple = ()
        self.preview_error = ""
        self.setWindowTitle({NEW: self.tr("新建合同"), EDIT: self.tr("修改条款"), RENEW: self.tr("续租")}[self.mode])
        self.resize(1040, 760)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.refresh_preview)
        self._assets = self._asset_choices()
        self._build()
        if lease is not None:
            self._load(lease)
        else:
            self.add_asset_row()
        self._connect_changes(self)
        self._wired = True
        (self.start_edit if self.mode == EDIT else self.number_edit).setFocus()  # EDIT: the number is fixed
        self._on_basis_changed()
        self._on_escalation_changed()
        self.refresh_preview()

    # --- construction ---------------------------------------------------------------
    def _asset_choices(self) -> list:
        try:
            assets = self.books.assets.list_assets()
        except AssetDeskError:
            return []
        return sorted((a for a in assets if a.status != "已处置"), key=lambda a: (a.status != IDLE, a.code))

    def _build(self) -> None:
        self.number_edit = QLineEdit()
        self.number_edit.setPlaceholderText(self.tr("例如 ZL2025-001"))
        self.tenant_combo = TenantCombo(self.books)
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setPlaceholderText(self.tr("例如 商业经营"))
        self.method_combo = QComboBox()
        for method in METHODS:
            self.method_combo.addItem(method, method)
        self.decision_edit = QLineEdit()
        self.decision_edit.setPlaceholderText(self.tr("决议文号"))
        self.decision_on_edit = DateEdit()
        self.signed_on_edit = DateEdit()
        self.start_edit = DateEdit()
        self.end_edit = DateEdit()
        self.basis_combo = QComboBox()
        for basis in RentBasis:
            self.basis_combo.addItem(basis.value, basis)
        self.rent_edit = MoneyEdit(allow_negative=False)
        self.rate_edit = QLineEdit()
        self.rate_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.rate_edit.setPlaceholderText(self.tr("每平方米每月，例如 25.50"))
        self.escalation_combo = QComboBox()
        self.escalation_combo.addItems([self.tr("无"), self.tr("每 N 年递增"), self.tr("阶梯表")])
        self.every_years_spin = QSpinBox()
        self.every_years_spin.setRange(1, 20)
        self.every_years_spin.setValue(3)
        self.every_years_spin.setPrefix(self.tr("每 "))
        self.every_years_spin.setSuffix(self.tr(" 年"))
        self.percent_edit = QLineEdit()
        self.percent_edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.percent_edit.setPlaceholderText("5")
        self.percent_edit.setMaximumWidth(70)
        self.every_box = QWidget()
        every = QHBoxLayout(self.every_box)
        every.setContentsMargins(0, 0, 0, 0)
        every.addWidget(self.every_years_spin)
        every.addWidget(QLabel(self.tr("递增")))
        every.addWidget(self.percent_edit)
        every.addWidget(QLabel("%"))
        every.addStretch(1)
        self.steps_table = QTableWidget(0, 2)
        self.steps_table.setHorizontalHeaderLabels([self.tr("起始（日期或第几年）"), self.tr("月租金")])
        self.steps_table.horizontalHeader().setStretchLastSection(True)
        self.steps_table.setColumnWidth(0, 150)
        self.steps_table.verticalHeader().setVisible(False)
        self.steps_table.setMaximumHeight(96)
        self.add_step_button = QPushButton(self.tr("添加阶梯"))
        self.add_step_button.setAutoDefault(False)
        self.add_step_button.clicked.connect(lambda: self.add_step())
        self.remove_step_button = QPushButton(self.tr("删除阶梯"))
        self.remove_step_button.setAutoDefault(False)
        self.remove_step_button.clicked.connect(self._remove_step)
        self.steps_box = QWidget()
        steps = QHBoxLayout(self.steps_box)
        steps.setContentsMargins(0, 0, 0, 0)
        steps.addWidget(self.steps_table, 1)
        step_buttons = QVBoxLayout()
        step_buttons.addWidget(self.add_step_button)
        step_buttons.addWidget(self.remove_step_button)
        step_buttons.addStretch(1)
        steps.addLayout(step_buttons)
        self.free_spin = QSpinBox()
        self.free_spin.setRange(0, 240)
        self.free_spin.setSuffix(self.tr(" 个月"))
        self.cycle_combo = QComboBox()
        for cycle in PaymentCycle:
            self.cycle_combo.addItem(cycle.label, cycle)
        self.due_day_spin = QSpinBox()
        self.due_day_spin.setRange(1, 28)
        self.due_day_spin.setPrefix(self.tr("每期首月 "))
        self.due_day_spin.setSuffix(self.tr(" 日"))
        self.deposit_edit = MoneyEdit(allow_negative=False)
        self.note_edit = QLineEdit()

        # 资产 rows
        self.asset_rows: list[AssetRowWidget] = []
        self.assets_box = QVBoxLayout()
        self.assets_box.setContentsMargins(0, 0, 0, 0)
        self.add_asset_button = QPushButton(self.tr("添加资产"))
        self.add_asset_button.setAutoDefault(False)
        self.add_asset_button.clicked.connect(lambda: self.add_asset_row())
        assets_widget = QWidget()
        assets_layout = QVBoxLayout(assets_widget)
        assets_layout.setContentsMargins(0, 0, 0, 0)
        assets_layout.addLayout(self.assets_box)
        add_row = QHBoxLayout()
        add_row.addWidget(self.add_asset_button)
        add_row.addStretch(1)
        assets_layout.addLayout(add_row)

        def pair(*widgets: QWidget | str) -> QWidget:
            holder = QWidget()
            box = QHBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            for widget in widgets:
                box.addWidget(QLabel(widget) if isinstance(widget, str) else widget, 0 if isinstance(widget, str) else 1)
            return holder

        left = QFormLayout()
        left.addRow(self.tr("合同编号"), self.number_edit)
        left.addRow(self.tr("承租方"), self.tenant_combo)
        left.addRow(self.tr("资产"), assets_widget)
        left.addRow(self.tr("用途"), self.purpose_edit)
        left.addRow(self.tr("交易方式"), self.method_combo)
        left.addRow(self.tr("决议文号"), pair(self.decision_edit, self.tr("决议日期"), self.decision_on_edit))
        left.addRow(self.tr("签订日期"), self.signed_on_edit)
        left.addRow(self.tr("备注"), self.note_edit)
        right = QFormLayout()
        right.addRow(self.tr("起租日"), pair(self.start_edit, self.tr("到期日"), self.end_edit))
        right.addRow(self.tr("计租方式"), pair(self.basis_combo, self.rent_edit, self.rate_edit))
        right.addRow(self.tr("递增"), self.escalation_combo)
        right.addRow("", self.every_box)
        right.addRow("", self.steps_box)
        right.addRow(self.tr("免租期"), self.free_spin)
        right.addRow(self.tr("缴费周期"), pair(self.cycle_combo, self.tr("交租日"), self.due_day_spin))
        right.addRow(self.tr("押金"), self.deposit_edit)
        terms = QGroupBox(self.tr("合同"))
        terms.setLayout(left)
        rent = QGroupBox(self.tr("租金条款"))
        rent.setLayout(right)
        top = QGridLayout()
        top.addWidget(terms, 0, 0)
        top.addWidget(rent, 0, 1)
        top.setColumnStretch(0, 1)
        top.setColumnStretch(1, 1)

        # the preview
        self.preview_model = TableModel.in_memory(self._preview_columns(), parent=self)
        self.preview_view = QTableView()
        self.preview_view.setModel(self.preview_model)
        self.preview_view.verticalHeader().setVisible(False)
        self.preview_view.horizontalHeader().setStretchLastSection(True)
        self.preview_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the form to 保存
        self.preview_model.apply_column_widths(self.preview_view)
        self.preview_total = QLabel()
        self.preview_error_label = QLabel()
        self.preview_error_label.setWordWrap(True)
        self.preview_error_label.setStyleSheet("color: #c62828;")
        preview = QGroupBox(self.tr("应收租金计划（预览，保存前核对；已出账或已收款的期次保持不变）") if self.mode == EDIT
                            else self.tr("应收租金计划（预览，保存前核对）"))
        preview_box = QVBoxLayout(preview)
        preview_box.addWidget(self.preview_error_label)
        preview_box.addWidget(self.preview_view, 1)
        preview_box.addWidget(self.preview_total)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.save_button.setDefault(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.on_save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(preview, 1)
        layout.addWidget(self.buttons)

        self.basis_combo.currentIndexChanged.connect(self._on_basis_changed)
        self.escalation_combo.currentIndexChanged.connect(self._on_escalation_changed)

    def _preview_columns(self) -> list[Column]:
        return [
            Column("seq", "期次", RIGHT, width=48),
            Column("period", "起止", value=lambda line: f"{line.period_start} 至 {line.period_end}", width=200),
            date_column("due_on", "应收日"),
            Column("months", "月数", RIGHT, formatter=lambda m: f"{m:.2f}", width=60),
            money_column("amount_fen", "应收"),
            text_column("note", "说明", stretch=True),
        ]

    def _connect_changes(self, root: QWidget) -> None:
        """Every change to the terms restarts the preview timer (debounced)."""
        for edit in root.findChildren(QLineEdit):
            edit.textChanged.connect(self.schedule_preview)
        for combo in root.findChildren(QComboBox):
            combo.currentIndexChanged.connect(self.schedule_preview)
        for spin in root.findChildren(QSpinBox) + root.findChildren(QDoubleSpinBox):
            spin.valueChanged.connect(self.schedule_preview)
        for table in root.findChildren(QTableWidget):
            table.itemChanged.connect(self.schedule_preview)

    def add_asset_row(self, code: str = "", area_centi: int = 0) -> AssetRowWidget:
        row = AssetRowWidget(self._assets, self)
        if code:
            row.set_leased(code, area_centi)
        row.remove_button.clicked.connect(lambda: self._remove_asset_row(row))
        self.asset_rows.append(row)
        self.assets_box.addWidget(row)
        if self._wired:
            self._connect_changes(row)
        self._fix_tab_order()
        self.schedule_preview()
        return row

    def _remove_asset_row(self, row: AssetRowWidget) -> None:
        if len(self.asset_rows) == 1:
            row.combo.setCurrentIndex(0)
            row.area.setValue(0)
            return
        self.asset_rows.remove(row)
        row.setParent(None)
        row.deleteLater()
        self._fix_tab_order()
        self.schedule_preview()

    def _fix_tab_order(self) -> None:
        chain: list[QWidget] = [self.number_edit, self.tenant_combo]
        for row in self.asset_rows:
            chain += [row.combo, row.area, row.remove_button]
        chain += [self.add_asset_button, self.purpose_edit, self.method_combo, self.decision_edit,
                  self.decision_on_edit, self.signed_on_edit, self.note_edit, self.start_edit, self.end_edit,
                  self.basis_combo, self.rent_edit, self.rate_edit, self.escalation_combo, self.every_years_spin,
                  self.percent_edit, self.steps_table, self.add_step_button, self.remove_step_button,
                  self.free_spin, self.cycle_combo, self.due_day_spin, self.deposit_edit, self.save_button]
        for first, second in zip(chain, chain[1:]):
            QWidget.setTabOrder(first, second)

    def add_step(self, start: str = "", rent: str = "") -> None:
        row = self.steps_table.rowCount()
        self.steps_table.insertRow(row)
        self.steps_table.setItem(row, 0, QTableWidgetItem(start))
        rent_item = QTableWidgetItem(rent)
        rent_item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.steps_table.setItem(row, 1, rent_item)
        self.schedule_preview()

    def _remove_step(self) -> None:
        row = self.steps_table.currentRow()
        if row >= 0:
            self.steps_table.removeRow(row)
            self.schedule_preview()

    def _on_basis_changed(self) -> None:
        per_sqm = self.basis_combo.currentData() is RentBasis.PER_SQM_MONTH
        self.rent_edit.setVisible(not per_sqm)
        self.rate_edit.setVisible(per_sqm)

    def _on_escalation_changed(self) -> None:
        index = self.escalation_combo.currentIndex()
        self.every_box.setVisible(index == ESCALATION_EVERY)
        self.steps_box.setVisible(index == ESCALATION_STEPS)
        if index == ESCALATION_STEPS and self.steps_table.rowCount() == 0:
            self.add_step()

    def _load(self, lease: LeaseRow) -> None:
        """The form filled from a stored lease: every term as it is (修改条款), or as the start of a
        renewal (续租: from the next day for as many years, 交易方式 续租, a new number to type)."""
        item = self.books.leases.input_of(lease.number)
        renew = self.mode == RENEW
        self.number_edit.setText("" if renew else item.number)
        self.number_edit.setReadOnly(self.mode == EDIT)
        self.tenant_combo.set_name(item.tenant_name)
        for leased in item.assets:
            self.add_asset_row(leased.asset_code, leased.area_centi)
        if not item.assets:
            self.add_asset_row()
        self.purpose_edit.setText(item.purpose)
        self.method_combo.setCurrentIndex(max(0, self.method_combo.findData("续租" if renew else item.method)))
        self.decision_edit.setText("" if renew else item.decision_ref)
        self.decision_on_edit.set_date(None if renew else item.decision_on)
        self.signed_on_edit.set_date(None if renew else item.signed_on)
        if renew:
            start = lease.last_day + dt.timedelta(days=1)
            self.start_edit.set_date(start)
            years = max(1, round((item.end_on - item.start_on).days / 365.25))
            self.end_edit.set_date(_years_later(start, years) - dt.timedelta(days=1))
        else:
            self.start_edit.set_date(item.start_on)
            self.end_edit.set_date(item.end_on)
        self.basis_combo.setCurrentIndex(max(0, self.basis_combo.findData(item.basis)))
        if item.basis is RentBasis.PER_SQM_MONTH:
            self.rate_edit.setText("" if item.rate_yuan is None else str(item.rate_yuan))
        else:
            self.rent_edit.set_fen(item.rent_fen)
        if renew:  # the rent offered is the one in force at the end (escalations done); new terms are new
            monthly = self._monthly_rent_at_end(lease.number)
            if monthly and item.basis is not RentBasis.PER_SQM_MONTH:
                self.rent_edit.set_fen(monthly * 12 if item.basis is RentBasis.PER_YEAR else monthly)
        elif isinstance(item.escalation, EveryYears):
            self.escalation_combo.setCurrentIndex(ESCALATION_EVERY)
            self.every_years_spin.setValue(item.escalation.years)
            self.percent_edit.setText(f"{item.escalation.percent.normalize():f}")
        elif item.escalation:
            self.escalation_combo.setCurrentIndex(ESCALATION_STEPS)
            self.steps_table.setRowCount(0)
            for step in item.escalation:
                self.add_step(str(step.from_on), format_amount(step.monthly_rent_fen, separators=False))
        self.free_spin.setValue(0 if renew else item.free_months)
        self._free_ranges = () if renew else item.free_ranges
        self.cycle_combo.setCurrentIndex(max(0, self.cycle_combo.findData(item.cycle)))
        self.due_day_spin.setValue(item.due_day)
        self.deposit_edit.set_fen(item.deposit_fen)
        self.note_edit.setText("" if renew else item.note)

    def _monthly_rent_at_end(self, number: str) -> int | None:
        """The monthly rent of the lease's last plain period (whole months, no free days, no change inside)."""
        try:
            charges = self.books.leases.schedule(number)
        except AssetDeskError:
            return None
        for charge in reversed(charges):
            try:
                months = Decimal(charge.months_text)
            except (ArithmeticError, ValueError):
                continue
            if charge.state != "cancelled" and not charge.note and months > 0 and months == months.to_integral():
                return round_to_fen(Decimal(charge.amount_fen) / months / 100)
        return None

    # --- the terms ------------------------------------------------------------------
    def _escalation(self) -> EveryYears | tuple[RentStep, ...] | None:
        index = self.escalation_combo.currentIndex()
        if index == ESCALATION_EVERY:
            text = self.percent_edit.text().strip().rstrip("%％")
            try:
                percent = parse_yuan(text)
            except AssetDeskError:
                raise InputError(self.tr("递增比例“%1”无法识别").replace("%1", text),
                                 self.tr("请填写百分比数字，例如 5 表示每次递增 5%")) from None
            return EveryYears(self.every_years_spin.value(), percent)
        if index == ESCALATION_STEPS:
            steps = []
            for row in range(self.steps_table.rowCount()):
                start_item, rent_item = self.steps_table.item(row, 0), self.steps_table.item(row, 1)
                start_text = start_item.text().strip() if start_item else ""
                rent_text = rent_item.text().strip() if rent_item else ""
                if not start_text and not rent_text:
                    continue
                from_on: dt.date | int = int(start_text) if start_text.isdigit() and len(start_text) <= 2 \
                    else parse_date(start_text)
                steps.append(RentStep(from_on, parse_amount(rent_text, allow_negative=False)))
            return tuple(steps) or None
        return None

    def lease_input(self) -> LeaseInput:
        """What the clerk typed, as the service's input (raises the widgets' Chinese errors)."""
        start, end = self.start_edit.date(), self.end_edit.date()
        if start is None or end is None:
            raise InputError(self.tr("请填写起租日和到期日"), self.tr("日期可写 2025-01-31、2025/1/31 或 2025年1月31日"))
        basis: RentBasis = self.basis_combo.currentData()
        rate = None
        rent_fen = 0
        if basis is RentBasis.PER_SQM_MONTH:
            text = self.rate_edit.text().strip()
            if text:
                rate = parse_yuan(text)
        else:
            rent_fen = self.rent_edit.fen() or 0
        assets = tuple(leased for leased in (row.leased() for row in self.asset_rows) if leased)
        return LeaseInput(
            number=self.number_edit.text().strip(), tenant_name=self.tenant_combo.name(), assets=assets,
            start_on=start, end_on=end, basis=basis, rent_fen=rent_fen, rate_yuan=rate,
            escalation=self._escalation(), free_months=self.free_spin.value(), free_ranges=self._free_ranges, cycle=self.cycle_combo.currentData(),
            due_day=self.due_day_spin.value(), deposit_fen=self.deposit_edit.fen() or 0,
            purpose=self.purpose_edit.text().strip(), method=self.method_combo.currentData(),
            decision_ref=self.decision_edit.text().strip(), decision_on=self.decision_on_edit.date(),
            signed_on=self.signed_on_edit.date(), note=self.note_edit.text().strip(),
        )

    # --- the preview ----------------------------------------------------------------
    def schedule_preview(self, *_args: Any) -> None:
        self._timer.start()

    def refresh_preview(self) -> None:
        """The schedule the terms give now, or the reason they are not valid (in red)."""
        self._timer.stop()
        if not self.start_edit.text().strip() or not self.end_edit.text().strip() or (
                not self.rent_edit.text().strip() and not self.rate_edit.text().strip()):
            self._show_preview((), "")  # a form not filled in yet is no error
            self.preview_total.setText(self.tr("填写起租日、到期日和租金后，这里显示应收租金计划"))
            return
        try:
            item = self.lease_input()
            if not item.number:  # the schedule does not depend on the number: shown before it is typed
                item = dataclasses.replace(item, number=PREVIEW_NUMBER)
            lines = tuple(self._preview(item))
        except AssetDeskError as exc:
            self._show_preview((), exc.message + (f"（{exc.hint}）" if exc.hint else ""))
            return
        self._show_preview(lines, "")
        if not self.number_edit.text().strip():
            self.preview_total.setText(self.preview_total.text() + self.tr("；保存前请填写合同编号"))

    def _preview(self, item: LeaseInput):
        """``books.leases.preview``; 修改条款 previews over the lease's own number and area."""
        if self.mode == EDIT and self.original is not None:
            return self.books.leases.preview(item, existing=self.original.number)
        return self.books.leases.preview(item)

    def _show_preview(self, lines: tuple, error: str) -> None:
        self.preview_lines = lines
        self.preview_error = error
        self.preview_model.set_rows(lines)
        self.preview_error_label.setText(error)
        self.preview_error_label.setVisible(bool(error))
        if lines:
            total = sum(line.amount_fen for line in lines)
            self.preview_total.setText(self.tr("共 %1 期，租金合计 %2").replace("%1", str(len(lines)))
                                       .replace("%2", format_money(total)))
        else:
            self.preview_total.setText("")

    # --- saving ---------------------------------------------------------------------
    def on_save(self) -> None:
        """One click, one service call; a refusal is shown and the form stays as typed."""
        try:
            item = self.lease_input()
            if self.mode == EDIT and self.original is not None:
                self.saved = self.books.leases.update_terms(self.original.number, item)
            elif self.mode == RENEW and self.original is not None:
                self.saved = self.books.leases.renew(self.original.number, item)
            else:
                self.saved = self.books.leases.create(item)
        except AssetDeskError as exc:
            self._show_preview(self.preview_lines, exc.message + (f"（{exc.hint}）" if exc.hint else ""))
            show_error(self, exc)
            return
        self.accept()


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 02-29
        return day.replace(year=day.year + years, day=28)


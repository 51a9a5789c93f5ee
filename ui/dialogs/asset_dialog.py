"""登记资产 / 修改资产: the clerk's form over ``books.assets.register`` / ``update``.

The dialog only collects the fields; the service checks them. A refusal (duplicate 编码, 净残值 over
原值 …) is shown with its Chinese message and hint and the dialog stays open with what was typed,
so the clerk corrects one field instead of typing the whole asset again.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from assetdesk.errors import AssetDeskError
from assetdesk.services.assets.types import (
    ACQUISITIONS,
    CATEGORIES,
    DISPOSED,
    LAND_UNITS,
    NATURES,
    STATUSES,
    AssetInput,
    AssetRow,
)
from ui.dialogs.error_dialog import show_error
from ui.widgets.date_edit import DateEdit
from ui.widgets.money_edit import MoneyEdit


def _area_spin() -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(2)
    spin.setRange(0, 99_999_999)
    spin.setGroupSeparatorShown(True)
    return spin


def _combo(values: tuple[str, ...], blank: bool = False) -> QComboBox:
    combo = QComboBox()
    if blank:
        combo.addItem("", "")
    for value in values:
        combo.addItem(value, value)
    return combo


class AssetDialog(QDialog):
    """Register a new asset (``asset`` None) or change one; ``saved`` holds the service's row."""

    def __init__(self, books: Any, asset: AssetRow | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.books = books
        self.original = asset
        self.saved: AssetRow | None = None
        self.setWindowTitle(self.tr("修改资产") if asset else self.tr("登记资产"))
        self.setMinimumWidth(480)
        self._build()
        if asset is not None:
            self._load(asset)

    def _build(self) -> None:
        self.code_edit = QLineEdit()
        self.code_edit.setPlaceholderText(self.tr("例如 ZC001"))
        self.name_edit = QLineEdit()
        self.category_combo = _combo(CATEGORIES)
        self.nature_combo = _combo(NATURES)
        self.location_edit = QLineEdit()
        self.compound_combo = QComboBox()
        self.compound_combo.addItem(self.tr("（无）"), "")
        for compound in self.books.org.list_compounds():
            self.compound_combo.addItem(f"{compound.code} {compound.name}", compound.code)
        self.building_area = _area_spin()
        self.building_area.setSuffix(" ㎡")
        self.land_area = _area_spin()
        self.land_unit_combo = _combo(LAND_UNITS)
        self.acquisition_combo = _combo(ACQUISITIONS, blank=True)
        self.acquired_edit = DateEdit()
        self.original_edit = MoneyEdit(allow_negative=False)
        self.life_spin = QSpinBox()
        self.life_spin.setRange(0, 1200)
        self.life_spin.setSuffix(self.tr(" 个月"))
        self.salvage_edit = MoneyEdit(allow_negative=False)
        self.status_combo = _combo(tuple(s for s in STATUSES if s != DISPOSED))
        self.note_edit = QLineEdit()
        land = QHBoxLayout()
        land.addWidget(self.land_area, 1)
        land.addWidget(self.land_unit_combo)
        form = QFormLayout(self)
        for label, widget in ((self.tr("资产编码"), self.code_edit), (self.tr("名称"), self.name_edit),
                              (self.tr("类别"), self.category_combo), (self.tr("性质"), self.nature_combo),
                              (self.tr("坐落位置"), self.location_edit), (self.tr("小区"), self.compound_combo),
                              (self.tr("建筑面积"), self.building_area), (self.tr("占地面积"), land),
                              (self.tr("取得方式"), self.acquisition_combo), (self.tr("取得日期"), self.acquired_edit),
                              (self.tr("原值"), self.original_edit), (self.tr("使用年限"), self.life_spin),
                              (self.tr("净残值"), self.salvage_edit), (self.tr("使用状态"), self.status_combo),
                              (self.tr("备注"), self.note_edit)):
            form.addRow(label, widget)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.on_save)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _load(self, asset: AssetRow) -> None:
        self.code_edit.setText(asset.code)
        self.name_edit.setText(asset.name)
        for combo, value in ((self.category_combo, asset.category), (self.nature_combo, asset.nature),
                             (self.compound_combo, asset.compound_code), (self.land_unit_combo, asset.land_area_unit),
                             (self.acquisition_combo, asset.acquisition), (self.status_combo, asset.status)):
            combo.setCurrentIndex(max(0, combo.findData(value)))
        self.location_edit.setText(asset.location)
        self.building_area.setValue(asset.building_area_centi / 100)
        self.land_area.setValue(asset.land_area_centi / 100)
        self.acquired_edit.set_date(asset.acquired_on)
        self.original_edit.set_fen(asset.original_fen)
        self.life_spin.setValue(asset.life_months)
        self.salvage_edit.set_fen(asset.salvage_fen)
        self.note_edit.setText(asset.note)
        self.status_combo.setEnabled(asset.status != DISPOSED)

    def asset_input(self) -> AssetInput:
        """What the clerk typed, as the service's input (raises the widgets' Chinese errors)."""
        base = self.original
        return AssetInput(
            code=self.code_edit.text(), name=self.name_edit.text(),
            category=self.category_combo.currentData(), nature=self.nature_combo.currentData(),
            location=self.location_edit.text(), compound_code=self.compound_combo.currentData(),
            building_area_centi=round(self.building_area.value() * 100),
            land_area_centi=round(self.land_area.value() * 100), land_area_unit=self.land_unit_combo.currentData(),
            acquisition=self.acquisition_combo.currentData(), acquired_on=self.acquired_edit.date(),
            original_fen=self.original_edit.fen() or 0, life_months=self.life_spin.value(),
            salvage_fen=self.salvage_edit.fen() or 0,
            status=base.status if base and base.status == DISPOSED else self.status_combo.currentData(),
            note=self.note_edit.text(),
            # fields the form does not show are kept as they are
            boundaries=base.boundaries if base else "", land_type=base.land_type if base else "",
            ownership=base.ownership if base else "", certificate_no=base.certificate_no if base else "",
            opening_depreciation_fen=base.opening_depreciation_fen if base else 0,
            idle_since=base.idle_since if base else None, keeper=base.keeper if base else "",
        )

    def on_save(self) -> None:
        """One click, one service call; a refusal is shown and the form stays as typed."""
        try:
            item = self.asset_input()
            if self.original is None:
                self.saved = self.books.assets.register(item)
            else:
                self.saved = self.books.assets.update(self.original.code, item)
        except AssetDeskError as exc:
            show_error(self, exc)
            return
        self.accept()

"""The 资产台账 page: register through the dialog, the list and 盘活 view, filters, refusals, 计提折旧."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from assetdesk.errors import DuplicateError
from assetdesk.services.assets import AssetInput
from assetdesk.services.org import CompoundInput
from ui.bridge import EventBridge
from ui.dialogs.asset_dialog import AssetDialog
from ui.pages.assets_page import AssetsPage


@pytest.fixture
def page(qtbot, books):
    books.org.add_area("PQ01", "东片区")
    books.org.add_compound(CompoundInput("XQ001", "兰园小区", "PQ01"))
    bridge = EventBridge(books.events)
    page = AssetsPage(books, bridge)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    yield page
    bridge.detach()


def _clerk_fills(monkeypatch, qtbot, typist, fill):
    """The next AssetDialog is filled by ``fill(dialog)`` and its 保存 clicked, like the clerk would."""
    def exec_(dialog):
        dialog.show()
        fill(dialog)
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        return dialog.result()

    monkeypatch.setattr(AssetDialog, "exec", exec_)


def _idle_shop(typist, code="ZC001"):
    def fill(dialog):
        typist(dialog.code_edit, code)
        typist(dialog.name_edit, "东街商铺")
        dialog.category_combo.setCurrentIndex(dialog.category_combo.findData("商铺"))
        typist(dialog.location_edit, "东街12号")
        dialog.compound_combo.setCurrentIndex(dialog.compound_combo.findData("XQ001"))
        dialog.building_area.setValue(120.5)
        dialog.acquisition_combo.setCurrentIndex(dialog.acquisition_combo.findData("自建"))
        typist(dialog.acquired_edit, "2024-06-01")
        typist(dialog.original_edit, "12万")
        dialog.life_spin.setValue(240)
        typist(dialog.salvage_edit, "6000")
        dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("闲置"))
    return fill


def _cells(model, column_key):
    column = model.column_index(column_key)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_register_an_idle_shop_through_the_dialog(page, books, qtbot, monkeypatch, typist):
    _clerk_fills(monkeypatch, qtbot, typist, _idle_shop(typist))
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.register_model.rowCount() == 1)
    row = books.assets.get("ZC001")
    assert (row.name, row.category, row.compound_code, row.building_area_centi, row.original_fen, row.salvage_fen,
            row.status, row.idle_since) == ("东街商铺", "商铺", "XQ001", 12050, 120_000_00, 6_000_00, "闲置",
                                            dt.date(2024, 6, 1))
    model = page.register_model
    assert _cells(model, "code") == ["ZC001"] and _cells(model, "compound_name") == ["兰园小区"]
    assert _cells(model, "original_fen") == ["¥120,000.00"] and _cells(model, "building_area_centi") == ["120.50"]
    idle_days = (books.ctx.today() - dt.date(2024, 6, 1)).days
    assert _cells(model, "idle_days") == [str(idle_days)]
    page.tabs.setCurrentIndex(1)
    assert _cells(page.idle_model, "name") == ["东街商铺"] and _cells(page.idle_model, "area_name") == ["东片区"]
    assert _cells(page.idle_model, "idle_days") == [str(idle_days)]


def test_filters_by_category_status_and_idle_days(page, books, qtbot):
    books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", original_fen=100_00, status="出租"))
    books.assets.register(AssetInput("ZC002", "村口空地", "土地", status="闲置", idle_since=books.ctx.today()
                                     - dt.timedelta(days=400)))
    books.assets.register(AssetInput("ZC003", "仓库", "房屋", status="闲置", idle_since=books.ctx.today()
                                     - dt.timedelta(days=10), compound_code="XQ001"))
    qtbot.waitUntil(lambda: page.register_model.rowCount() == 3)  # refreshed by assets_changed
    page.category_combo.setCurrentIndex(page.category_combo.findData("商铺"))
    assert _cells(page.register_model, "code") == ["ZC001"] and page.idle_model.rowCount() == 0
    page.category_combo.setCurrentIndex(0)
    page.status_combo.setCurrentIndex(page.status_combo.findData("闲置"))
    assert _cells(page.register_model, "code") == ["ZC002", "ZC003"]
    page.idle_spin.setValue(100)
    assert _cells(page.register_model, "code") == ["ZC002"] and _cells(page.idle_model, "code") == ["ZC002"]
    page.idle_spin.setValue(0)
    page.compound_combo.setCurrentIndex(page.compound_combo.findData("XQ001"))
    assert _cells(page.register_model, "code") == ["ZC003"]


def test_duplicate_code_shows_the_message_and_writes_nothing(page, books, qtbot, monkeypatch, typist, shown_errors):
    books.assets.register(AssetInput("ZC001", "村口空地", "土地"))
    before = books.assets.list_assets()
    kept = []

    def fill(dialog):
        _idle_shop(typist)(dialog)
        kept.append(dialog)

    _clerk_fills(monkeypatch, qtbot, typist, fill)
    qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    assert len(shown_errors) == 1 and isinstance(shown_errors[0][0], DuplicateError)
    assert "ZC001" in shown_errors[0][0].message and "Traceback" not in shown_errors[0][0].message
    assert kept[0].result() == 0 and kept[0].name_edit.text() == "东街商铺"  # the form stays as typed
    assert books.assets.list_assets() == before
    assert _cells(page.register_model, "name") == ["村口空地"]


def test_depreciation_button_reports_the_voucher(page, books, qtbot, monkeypatch, saved_messages):
    books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", acquired_on=dt.date(2024, 12, 10),
                                     original_fen=120_000_00, life_months=240, salvage_fen=6_000_00, status="出租"))
    period = books.periods.current_period()
    monkeypatch.setattr(page, "ask_period", lambda: period)
    qtbot.mouseClick(page.depreciate_button, Qt.MouseButton.LeftButton)
    assert len(saved_messages) == 1
    run_label = saved_messages[0]
    assert str(period) in run_label and "凭证" in run_label
    row = books.assets.get("ZC001")
    assert row.accumulated_fen > 0 and _cells(page.register_model, "accumulated_fen") == [
        f"¥{row.accumulated_fen / 100:,.2f}"]


def test_change_status_of_the_selected_asset_moves_it_out_of_the_idle_view(page, books, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", status="闲置", idle_since=dt.date(2024, 6, 1)))
    qtbot.waitUntil(lambda: page.idle_model.rowCount() == 1)
    page.tabs.setCurrentIndex(1)
    page.idle_view.selectRow(0)
    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(lambda *a, **k: ("出租", True)))
    qtbot.mouseClick(page.status_button, Qt.MouseButton.LeftButton)
    assert books.assets.get("ZC001").status == "出租"
    qtbot.waitUntil(lambda: page.idle_model.rowCount() == 0)
    assert _cells(page.register_model, "status") == ["出租"]


def test_the_idle_view_shows_land_area_with_its_unit(page, books, qtbot):
    books.assets.register(AssetInput("ZC002", "村口空地", "土地", land_area_centi=350, land_area_unit="亩",
                                     status="闲置", idle_since=dt.date(2024, 6, 1)))
    qtbot.waitUntil(lambda: page.idle_model.rowCount() == 1)
    assert _cells(page.idle_model, "land_area") == ["3.50 亩"]


def test_edit_opens_the_selected_asset_and_saves_the_change(page, books, qtbot, monkeypatch, typist):
    books.assets.register(AssetInput("ZC001", "东街商铺", "商铺", location="东街12号", status="出租"))
    qtbot.waitUntil(lambda: page.register_model.rowCount() == 1)

    def fill(dialog):
        assert dialog.windowTitle() == "修改资产" and dialog.location_edit.text() == "东街12号"
        dialog.name_edit.clear()
        typist(dialog.name_edit, "东街一号商铺")

    _clerk_fills(monkeypatch, qtbot, typist, fill)
    view = page.register_view
    rect = view.visualRect(page.register_model.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    row = books.assets.get("ZC001")
    assert (row.name, row.location, row.status) == ("东街一号商铺", "东街12号", "出租")
    qtbot.waitUntil(lambda: _cells(page.register_model, "name") == ["东街一号商铺"])

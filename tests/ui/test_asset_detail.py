"""资产详情: every field, the 状态 history, photos as thumbnails (add, remove), 处置 through its dialog."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QFileDialog, QMessageBox

from assetdesk.periods import Period
from assetdesk.services.assets import AssetInput
from ui.bridge import EventBridge
from ui.dialogs.asset_detail_dialog import AssetDetailDialog
from ui.dialogs.disposal_dialog import DisposalDialog
from ui.pages.assets_page import AssetsPage

SHOP = AssetInput("ZC001", "东街商铺", "商铺", location="东街12号", boundaries="东至巷道，西至东街", building_area_centi=12050,
                  certificate_no="思房权证2008字第0123号", acquisition="自建", acquired_on=dt.date(2024, 6, 10),
                  original_fen=120_000_00, opening_depreciation_fen=10_000_00, life_months=240,
                  salvage_fen=6_000_00, status="出租", keeper="李四")


@pytest.fixture
def shop(books):
    books.accounts.set_opening_balances({"151": 120_000_00, "152": -10_000_00, "301": -110_000_00})
    books.assets.register(SHOP)
    books.assets.set_status("ZC001", "闲置", dt.date(2025, 1, 5))
    return books.assets.get("ZC001")


@pytest.fixture
def detail(qtbot, books, shop):
    dialog = AssetDetailDialog(books, "ZC001")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _png(path, color="#3a7"):
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path))
    return path


def test_the_detail_shows_every_register_field_and_the_status_history(detail):
    fields = {name: label.text() for name, label in detail.field_labels.items()}
    assert fields["资产编码"] == "ZC001" and fields["四至"] == "东至巷道，西至东街"
    assert fields["产权证号"] == "思房权证2008字第0123号" and fields["建筑面积"] == "120.50 ㎡"
    assert (fields["原值"], fields["累计折旧"], fields["净值"]) == ("¥120,000.00", "¥10,000.00", "¥110,000.00")
    assert fields["使用状态"] == "闲置" and fields["闲置起始"] == "2025-01-05" and fields["管护人"] == "李四"
    assert "【闲置】" in detail.heading.text()
    table = detail.events_table
    assert table.rowCount() == 1
    assert [table.item(0, c).text() for c in range(3)] == ["2025-01-05", "状态变更", "出租 → 闲置"]
    assert detail.leases_table.rowCount() == 0 or detail.income_label.text().startswith("共")


def test_add_a_photo_and_a_document_and_see_the_thumbnails(detail, books, qtbot, tmp_path, monkeypatch):
    photo = _png(tmp_path / "正面.png")
    document = tmp_path / "产权证.pdf"
    document.write_bytes(b"%PDF-1.4")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames",
                        staticmethod(lambda *a, **k: ([str(photo), str(document)], "")))
    detail.tabs.setCurrentIndex(3)
    qtbot.mouseClick(detail.add_file_button, Qt.MouseButton.LeftButton)
    assert detail.files_list.count() == 2
    first = detail.files_list.item(0)
    assert first.text() == "正面.png"
    size = first.icon().actualSize(detail.files_list.iconSize())
    assert size.width() == 112 and size.height() == 84  # the photo scaled, its 4:3 kept
    assert detail.files_list.item(1).text() == "产权证.pdf"
    assert detail.files_hint.text() == "照片 1 张，文件 1 个"
    stored = books.attachments.list("asset", detail.asset.id)
    assert [a.kind for a in stored] == ["照片", "文件"]
    assert books.attachments.path_of(stored[0].id).exists()

    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    detail.files_list.setCurrentRow(1)
    qtbot.mouseClick(detail.remove_file_button, Qt.MouseButton.LeftButton)
    assert [detail.files_list.item(i).text() for i in range(detail.files_list.count())] == ["正面.png"]
    assert [a.file_name for a in books.attachments.list("asset", detail.asset.id)] == ["正面.png"]


def test_dispose_through_the_dialog_shows_the_voucher_and_the_asset_turns_disposed(detail, books, qtbot,
                                                                                  monkeypatch, typist):
    books.periods.open_period(Period(2025, 3)) if hasattr(books.periods, "open_period") else None
    seen: list[DisposalDialog] = []

    def exec_(dialog):
        dialog.show()
        seen.append(dialog)
        assert dialog.net_label.text() == "¥110,000.00" and dialog.accumulated_label.text() == "¥10,000.00"
        dialog.date_edit.clear()
        typist(dialog.date_edit, "2025-01-20")
        typist(dialog.proceeds_edit, "5000")
        typist(dialog.reason_edit, "拆除（两委会决议 2025-1 号）")
        qtbot.mouseClick(dialog.dispose_button, Qt.MouseButton.LeftButton)
        return 1

    monkeypatch.setattr(DisposalDialog, "exec", exec_)
    qtbot.mouseClick(detail.dispose_button, Qt.MouseButton.LeftButton)
    dialog = seen[0]
    assert dialog.disposal is not None and dialog.disposal.net_fen == 110_000_00
    assert dialog.result_label.text().startswith("已处置。已生成凭证 2025-01 记-")
    lines = [[dialog.voucher_table.item(r, c).text() for c in range(4)] for r in range(dialog.voucher_table.rowCount())]
    assert [line[2] for line in lines] == ["¥110,000.00", "¥10,000.00", ""]
    assert lines[2][3] == "¥120,000.00" and lines[2][1].startswith("151")
    assert dialog.dispose_button.text() == "关闭"
    assert detail.field_labels["使用状态"].text() == "已处置" and "【已处置】" in detail.heading.text()
    assert not detail.dispose_button.isEnabled()
    assert detail.events_table.item(0, 1).text() == "处置" and detail.events_table.item(0, 3).text() == "¥5,000.00"
    assert books.assets.get("ZC001").status == "已处置"


def test_the_page_opens_the_detail_on_double_click(qtbot, books, shop, monkeypatch):
    bridge = EventBridge(books.events)
    page = AssetsPage(books, bridge)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    opened = []
    monkeypatch.setattr(AssetDetailDialog, "exec", lambda dialog: opened.append(dialog.asset.code) or 0)
    view = page.register_view
    rect = view.visualRect(page.register_model.index(0, 1))
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == ["ZC001"]
    assert page.selected_asset().code == "ZC001"  # re-read after the dialog closed, still selected
    qtbot.mouseClick(page.detail_button, Qt.MouseButton.LeftButton)
    assert opened == ["ZC001", "ZC001"]
    page.tabs.setCurrentIndex(1)
    headers = [page.idle_model.headerData(c, Qt.Orientation.Horizontal) for c in range(page.idle_model.columnCount())]
    assert "上次租金(月)" in headers and "闲置天数" in headers
    bridge.detach()

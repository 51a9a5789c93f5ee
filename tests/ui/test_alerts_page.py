"""预警: the list of today's warnings (filter by type, double-click opens the page), the 首页 box
with counts and the most urgent lines, and the thresholds on the 设置 page."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from assetdesk.services.alerts import ASSET_IDLE_DAYS, LEASE_EXPIRY_DAYS, RENT_OVERDUE_DAYS, Alert
from ui.bridge import EventBridge
from ui.pages.alerts_page import AlertsPage, urgent_first
from ui.pages.home_page import HomePage
from ui.pages.settings_page import SettingsPage

SAMPLE = [
    Alert("资产闲置", "ZC009", "西街仓库闲置 400 天", "列入盘活计划", "assets", 400),
    Alert("即将到期", "ZL2024-007", "合同 2025-04-30 到期，还有 46 天", "联系承租方续签", "leases", 46),
    Alert("欠租逾期", "ZL2025-001", "叶桂霞欠租 ¥9,000.00，已逾期 73 天", "催收或押金抵欠", "leases", 73),
    Alert("即将到期", "ZL2024-002", "合同 2025-03-31 到期，还有 16 天", "联系承租方续签", "leases", 16),
]


@pytest.fixture
def sample(books):
    def source(ctx, today):
        return list(SAMPLE)
    books.alerts.add(source)
    return source


def _show(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _cells(model, key):
    column = model.column_index(key)
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_the_most_urgent_come_first():
    assert [a.subject for a in urgent_first(SAMPLE)] == ["ZL2025-001", "ZL2024-002", "ZL2024-007", "ZC009"]


def test_the_list_filters_by_type_and_opens_the_lease(qtbot, books, sample):
    bridge = EventBridge(books.events)
    page = _show(qtbot, AlertsPage(books, bridge))
    assert _cells(page.model, "kind")[:3] == ["欠租逾期", "即将到期", "即将到期"]
    assert page.model.rowCount() == len(SAMPLE)
    assert page.kind_combo.itemText(0) == "全部（4）"
    page.show_kind("即将到期")
    assert _cells(page.model, "subject") == ["ZL2024-002", "ZL2024-007"]
    assert _cells(page.model, "days") == ["16", "46"]
    with qtbot.waitSignal(page.navigate_requested) as opened:
        page.view.doubleClicked.emit(page.model.index(0, 0))
    assert opened.args == ["LeasesPage"]
    page.show_kind("资产闲置")
    with qtbot.waitSignal(page.navigate_requested) as opened:
        page.view.doubleClicked.emit(page.model.index(0, 0))
    assert opened.args == ["AssetsPage"]
    bridge.detach()


def test_the_home_page_shows_counts_and_the_most_urgent(qtbot, books, sample):
    bridge = EventBridge(books.events)
    page = _show(qtbot, HomePage(books, bridge))
    box = page.alerts_box
    text = box.counts_label.text()
    assert "欠租逾期" in text and "即将到期" in text and "资产闲置" in text
    assert box.lines.count() == len(SAMPLE)
    assert box.lines.item(0).text().startswith("【欠租逾期】ZL2025-001")
    with qtbot.waitSignal(page.navigate_requested) as opened:
        qtbot.mouseClick(box.all_button, Qt.MouseButton.LeftButton)
    assert opened.args == ["AlertsPage"]
    bridge.detach()


def test_the_home_page_survives_a_broken_source(qtbot, books):
    def broken(ctx, today):
        raise RuntimeError("boom")
    books.alerts.add(broken)
    bridge = EventBridge(books.events)
    page = _show(qtbot, HomePage(books, bridge))
    assert page.alerts_box.counts_label.text() == "今天没有预警"
    bridge.detach()


def test_thresholds_are_settings(qtbot, books):
    bridge = EventBridge(books.events)
    page = _show(qtbot, SettingsPage(books, bridge))
    assert [page.alert_spins[k].value() for k in (LEASE_EXPIRY_DAYS, RENT_OVERDUE_DAYS, ASSET_IDLE_DAYS)] == [60, 30, 180]
    page.alert_spins[LEASE_EXPIRY_DAYS].setValue(90)
    page.alert_spins[ASSET_IDLE_DAYS].setValue(365)
    qtbot.mouseClick(page.save_alerts_button, Qt.MouseButton.LeftButton)
    assert books.settings.get(LEASE_EXPIRY_DAYS) == "90"
    assert books.settings.get(RENT_OVERDUE_DAYS) == "30"
    assert books.settings.get(ASSET_IDLE_DAYS) == "365"
    bridge.detach()


def test_an_overdue_lease_opens_selected_on_the_leases_page(qtbot, books):
    from tests.ui.conftest import show_main_window
    from tests.ui.rent_helpers import leased_shop

    leased_shop(books, bill_through="2025-03")  # Q1 unpaid: 73 days overdue on 2025-03-15
    window = show_main_window(qtbot, books)
    page = window.show_page("AlertsPage")
    assert ("欠租逾期", "ZL2025-001") in [(a.kind, a.subject) for a in page.alerts]
    page.show_kind("欠租逾期")
    page.view.doubleClicked.emit(page.model.index(0, 0))
    leases = window.current_page()
    assert type(leases).__name__ == "LeasesPage"
    assert leases.selected_lease().number == "ZL2025-001"
    home = window.show_page("HomePage")
    assert "欠租逾期" in home.alerts_box.counts_label.text()

"""预警: the red lights (DOMAIN §5) — leases ending soon or expired and not renewed, rent overdue,
terms over 20 years, rent below the previous contract, missing decisions, assets idle too long.

Everything comes from ``books.alerts.run(books.ctx, today)`` (each area registers its source); the
thresholds are settings the clerk changes in 设置. The list is filtered by type; double-click opens
the page of the lease or asset (``navigate_requested``). ``AlertsBox`` is the compact 预警 box of the
首页: counts per type and the most urgent lines, with a link to this page.
"""
from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from assetdesk.services.alerts import Alert
from ui.models.table_model import RIGHT, Column, TableModel, text_column
from ui.pages.base import Page
from ui.table_export import export_button, export_table_view

log = logging.getLogger(__name__)

#: the types in the order of urgency (what the clerk should look at first)
KIND_ORDER = ("到期未续", "欠租逾期", "即将到期", "租金低于上期", "租期超20年", "缺少决议", "资产闲置")
AREA_PAGES = {"leases": "LeasesPage", "assets": "AssetsPage", "receivables": "ReceiptsPage"}
URGENT = QColor("#c62828")
HOME_LINES = 5


def urgent_first(alerts: list[Alert]) -> list[Alert]:
    """By type (``KIND_ORDER``), then the most pressing first: the fewest days to expiry, the most
    days overdue or idle."""
    def key(alert: Alert) -> tuple:
        rank = KIND_ORDER.index(alert.kind) if alert.kind in KIND_ORDER else len(KIND_ORDER)
        days = alert.days if alert.kind == "即将到期" else -alert.days
        return rank, days, alert.subject
    return sorted(alerts, key=key)


def counts_by_kind(alerts: list[Alert]) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for alert in alerts:
        counts[alert.kind] = counts.get(alert.kind, 0) + 1
    return sorted(counts.items(), key=lambda kv: KIND_ORDER.index(kv[0]) if kv[0] in KIND_ORDER else 99)


def read_alerts(books: Any) -> list[Alert]:
    """Every alert of today, most urgent first; a failing source is logged (the 首页 never breaks)."""
    try:
        return urgent_first(books.alerts.run(books.ctx, books.ctx.today()))
    except Exception:  # noqa: BLE001 - one broken area must not break the 首页 or this list
        log.exception("预警 could not be read")
        return []


def _days_text(alert: Alert) -> str:
    return str(alert.days) if alert.days else ""


class AlertsPage(Page):
    """预警 (see module docstring)."""

    title = "预警"
    icon = "alerts"

    def __init__(self, books, bridge, parent: QWidget | None = None):
        super().__init__(books, bridge, parent)
        self.alerts: list[Alert] = []
        layout = self.page_layout()
        bar = QHBoxLayout()
        self.kind_combo = QComboBox()
        self.kind_combo.setMinimumWidth(140)
        self.kind_combo.currentIndexChanged.connect(self._filter)
        self.counts_label = QLabel()
        self.counts_label.setObjectName("hint")
        refresh = QPushButton(self.tr("刷新"))
        refresh.clicked.connect(self.refresh)
        bar.addWidget(QLabel(self.tr("类型")))
        bar.addWidget(self.kind_combo)
        bar.addWidget(self.counts_label, 1)
        bar.addWidget(refresh)
        self.model = TableModel.in_memory(self._columns(), parent=self)
        bar.addWidget(export_button(lambda: export_table_view(self, self.books, self.tr("预警"), self.model), self))
        layout.addLayout(bar)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSortingEnabled(False)  # urgency order, as read
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().setVisible(False)
        self.view.setWordWrap(False)
        self.model.apply_column_widths(self.view)
        self.view.horizontalHeader().setSectionResizeMode(self.model.column_index("hint"),
                                                          QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda index: self.open_alert(self.model.row_at(index)))
        layout.addWidget(self.view, 1)
        self.detail_label = QLabel()  # the selected warning in full: what and what to do
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.detail_label)
        self.view.selectionModel().currentRowChanged.connect(self._show_detail)
        note = QLabel(self.tr("双击一行打开对应的合同或资产；预警天数在“设置—预警”中修改。"))
        note.setObjectName("hint")
        layout.addWidget(note)
        self.refresh_on("leases_changed", "receivables_changed", "assets_changed", "documents_posted",
                        "settings_changed", "data_imported", "database_restored")
        self.refresh()

    def _columns(self) -> list[Column]:
        def colour(alert: Alert):
            return URGENT if alert.kind in ("到期未续", "欠租逾期") else None

        return [
            text_column("kind", "类型", width=96, foreground=colour),
            text_column("subject", "对象", width=110),
            text_column("message", "说明", width=430, tooltip=lambda a: a.message),
            text_column("hint", "建议", width=300, tooltip=lambda a: a.hint),
            Column("days", "天数", RIGHT, formatter=lambda d: str(d) if d else "", width=60),
        ]

    def refresh(self) -> None:
        self.alerts = read_alerts(self.books)
        current = self.kind_combo.currentData()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem(self.tr("全部（{0}）").format(len(self.alerts)), None)
        for kind, count in counts_by_kind(self.alerts):
            self.kind_combo.addItem(f"{kind}（{count}）", kind)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(current)))
        self.kind_combo.blockSignals(False)
        self._filter()

    def _filter(self, *_args) -> None:
        kind = self.kind_combo.currentData()
        rows = [a for a in self.alerts if kind is None or a.kind == kind]
        self.model.set_rows(rows)
        self.detail_label.setText("")
        if rows:
            self.view.selectRow(0)
        self.counts_label.setText(self.tr("今天共有 {0} 条预警").format(len(self.alerts)) if self.alerts
                                  else self.tr("今天没有预警"))

    def _show_detail(self, current, _previous=None) -> None:
        alert = self.model.row_at(current) if current.isValid() else None
        self.detail_label.setText(f"【{alert.kind}】{alert.subject}：{alert.message}。{self.tr('建议')}：{alert.hint}"
                                  if alert else "")

    def show_kind(self, kind: str | None) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))

    def open_alert(self, alert: Alert) -> None:
        """The lease's or asset's page (through the shell); the lease itself is selected there."""
        page_name = AREA_PAGES.get(alert.area)
        if not page_name:
            return
        self.navigate_requested.emit(page_name)
        current = getattr(self.window(), "current_page", None)
        page = current() if callable(current) else None
        if page is not None and type(page).__name__ == page_name and hasattr(page, "select_lease"):
            page.select_lease(alert.subject)

    def on_export(self) -> None:
        export_table_view(self, self.books, self.tr("预警"), self.model)


class AlertsBox(QFrame):
    """The 首页's 预警 box: counts per type and the most urgent lines; 查看全部 opens the 预警 page
    (``navigate`` is called with a page class name)."""

    def __init__(self, navigate, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("card")
        self._navigate = navigate
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
        layout.setSpacing(4)
        head = QHBoxLayout()
        title = QLabel(self.tr("预警"))
        title.setObjectName("cardTitle")
        self.counts_label = QLabel()
        self.counts_label.setTextFormat(Qt.TextFormat.RichText)
        self.all_button = QPushButton(self.tr("查看全部预警 →"))
        self.all_button.setFlat(True)
        self.all_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.all_button.clicked.connect(lambda: self._navigate("AlertsPage"))
        head.addWidget(title)
        head.addSpacing(12)
        head.addWidget(self.counts_label, 1)
        head.addWidget(self.all_button)
        layout.addLayout(head)
        self.lines = QListWidget()
        self.lines.setObjectName("attention")
        self.lines.setFrameShape(QFrame.Shape.NoFrame)
        self.lines.itemActivated.connect(self._on_item_activated)
        layout.addWidget(self.lines)

    def show_alerts(self, alerts: list[Alert]) -> None:
        counts = counts_by_kind(alerts)
        if counts:
            self.counts_label.setText("&nbsp;&nbsp;&nbsp;&nbsp;".join(
                f"{kind} <b style='color:{'#c62828' if kind in ('到期未续', '欠租逾期') else '#b45309'}'>{count}</b>"
                for kind, count in counts))
        else:
            self.counts_label.setText(self.tr("今天没有预警"))
        self.lines.clear()
        for alert in alerts[:HOME_LINES]:
            item = QListWidgetItem(f"【{alert.kind}】{alert.subject}　{alert.message}")
            item.setToolTip(alert.hint)
            if alert.kind in ("到期未续", "欠租逾期"):
                item.setForeground(URGENT)
            item.setData(Qt.ItemDataRole.UserRole, alert)
            self.lines.addItem(item)
        self.lines.setFixedHeight(min(len(alerts), HOME_LINES) * 22 + 8)
        self.lines.setVisible(bool(alerts))

    def _on_item_activated(self, _item: QListWidgetItem) -> None:
        self._navigate("AlertsPage")

"""首页: where the books stand today, and what needs attention.

Tiles: 当前期间, 试算平衡 (from ``books.ledger.trial_balance``), 待过账凭证, 未结账期间.
"今天需要处理" is a registry of providers other areas add to::

    from ui.pages.home_page import AttentionItem, register_attention_provider

    def expiring_leases(books):
        for lease in books.leases.expiring(days=60):
            yield AttentionItem(f"合同 {lease.number} 将于 {lease.end_on} 到期", "warning", page="LeasesPage")

    register_attention_provider(expiring_leases)

A provider gets the open ``Books`` and returns ``AttentionItem``s; one that raises is logged and
skipped (the home page never breaks). Activating an item with a ``page`` opens that page.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
)

from assetdesk.money import format_money
from ui.pages.base import Page

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AttentionItem:
    """One line of "今天需要处理": Chinese text, ``severity`` "info" | "warning", optional page class name."""

    text: str
    severity: str = "info"
    page: str | None = None


AttentionProvider = Callable[[object], Iterable[AttentionItem]]
_providers: list[AttentionProvider] = []


def register_attention_provider(provider: AttentionProvider) -> AttentionProvider:
    """Add a provider (usable as a decorator). Registering the same function twice is a no-op."""
    if provider not in _providers:
        _providers.append(provider)
    return provider


def attention_providers() -> list[AttentionProvider]:
    return list(_providers)


def _drafts_waiting(books) -> Iterable[AttentionItem]:
    from assetdesk.services.vouchers import VoucherFilter

    drafts = books.vouchers.count_vouchers(VoucherFilter(status="draft"))
    if drafts:
        yield AttentionItem(QCoreApplication.translate("HomePage", "有 {0} 张凭证草稿尚未过账").format(drafts), "warning",
                            page="VouchersPage")


def _earlier_periods_open(books) -> Iterable[AttentionItem]:
    import datetime as dt

    from assetdesk.periods import Period

    this_month = Period.of(dt.date.today())
    current = books.periods.current_period()
    if current < this_month.previous():
        yield AttentionItem(QCoreApplication.translate("HomePage", "{0} 尚未结账：月末请及时结账").format(current), "warning",
                            page="BooksPage")


def _opening_unbalanced(books) -> Iterable[AttentionItem]:
    from assetdesk.money import format_money

    check = books.accounts.opening_check()
    if not check.balanced:
        yield AttentionItem(QCoreApplication.translate("HomePage", "期初余额借贷不平衡（差额 {0}）：请在“科目—期初余额”中补齐")
                            .format(format_money(check.difference_fen)), "warning", page="AccountsPage")


register_attention_provider(_drafts_waiting)
register_attention_provider(_earlier_periods_open)
register_attention_provider(_opening_unbalanced)


class _Tile(QFrame):
    def __init__(self, title: str):
        super().__init__()
        self.setObjectName("card")
        self.setMinimumHeight(96)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("cardTitle")
        self.value_label = QLabel("—")
        self.value_label.setObjectName("cardValue")
        self.note_label = QLabel("")
        self.note_label.setObjectName("hint")
        self.note_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addWidget(self.note_label)
        layout.addStretch(1)

    def show_value(self, value: str, note: str = "", state: str | None = None) -> None:
        self.value_label.setText(value)
        self.value_label.setObjectName({"ok": "statusOk", "warn": "statusWarn"}.get(state or "", "cardValue"))
        self.value_label.style().unpolish(self.value_label)
        self.value_label.style().polish(self.value_label)
        self.note_label.setText(note)


class HomePage(Page):
    """首页 (see module docstring)."""

    title = "首页"
    icon = "home"

    def __init__(self, books, bridge, parent=None):
        super().__init__(books, bridge, parent)
        layout = self.page_layout()
        self.welcome_label = QLabel()
        self.welcome_label.setObjectName("hint")
        layout.addWidget(self.welcome_label)

        self.period_tile = _Tile(self.tr("当前会计期间"))
        self.balance_tile = _Tile(self.tr("试算平衡"))
        self.drafts_tile = _Tile(self.tr("待过账凭证"))
        self.open_periods_tile = _Tile(self.tr("未结账期间"))
        tiles = QGridLayout()
        tiles.setSpacing(12)
        for column, tile in enumerate((self.period_tile, self.balance_tile, self.drafts_tile, self.open_periods_tile)):
            tiles.addWidget(tile, 0, column)
            tiles.setColumnStretch(column, 1)
        layout.addLayout(tiles)

        from ui.pages.alerts_page import AlertsBox

        self.alerts_box = AlertsBox(self.navigate_requested.emit)  # 预警: counts per type, the most urgent lines
        layout.addWidget(self.alerts_box)

        attention_title = QLabel(self.tr("今天需要处理"))
        attention_title.setObjectName("sectionTitle")
        attention_title.setStyleSheet("font-weight: bold; font-size: 12pt; margin-top: 8px;")
        layout.addWidget(attention_title)
        self.attention_list = QListWidget()
        self.attention_list.setObjectName("attention")
        self.attention_list.setSpacing(2)
        self.attention_list.itemActivated.connect(self._on_attention_list_item_activated)
        layout.addWidget(self.attention_list, 1)
        self.refresh_on("voucher_saved", "voucher_posted", "documents_posted", "voucher_reversed", "voucher_discarded",
                        "period_closed", "period_reopened", "opening_balances_changed", "org_changed",
                        "data_imported", "database_restored", "accounts_changed",
                        "leases_changed", "receivables_changed", "assets_changed", "settings_changed")
        self.refresh()

    def refresh(self) -> None:
        books = self.books
        book = books.org.book()
        self.welcome_label.setText(self.tr("{0} · 操作人：{1}").format(book.community_name if book else "", books.user))
        current = books.periods.current_period()
        self.period_tile.show_value(str(current), self.tr("第一个未结账的月份"))
        self._show_balance(current)
        self._show_drafts()
        self._show_open_periods()
        self._show_attention()
        self._show_alerts()

    def _show_alerts(self) -> None:
        from ui.pages.alerts_page import read_alerts

        self.alerts_box.show_alerts(read_alerts(self.books))

    def _show_balance(self, current) -> None:
        trial = self.books.ledger.trial_balance(current)
        totals = trial.totals
        note = self.tr("期末借方 {0}\n期末贷方 {1}").format(format_money(totals.closing_debit_fen),
                                                          format_money(totals.closing_credit_fen))
        if trial.balanced:
            self.balance_tile.show_value(self.tr("平衡"), note, "ok")
        else:
            self.balance_tile.show_value(self.tr("不平衡"), note, "warn")

    def _show_drafts(self) -> None:
        from assetdesk.services.vouchers import VoucherFilter

        drafts = self.books.vouchers.count_vouchers(VoucherFilter(status="draft"))
        self.drafts_tile.show_value(self.tr("{0} 张").format(drafts),
                                    self.tr("草稿过账后才记入账簿") if drafts else self.tr("没有待过账的草稿"),
                                    "warn" if drafts else None)

    def _show_open_periods(self) -> None:
        open_periods = [row.period for row in self.books.periods.list_periods() if not row.is_closed]
        note = "、".join(str(p) for p in open_periods[:4]) + ("…" if len(open_periods) > 4 else "")
        self.open_periods_tile.show_value(self.tr("{0} 个").format(len(open_periods)), note)

    def _show_attention(self) -> None:
        self.attention_list.clear()
        items: list[AttentionItem] = []
        for provider in attention_providers():
            try:
                items.extend(provider(self.books))
            except Exception:  # one broken provider must not hide the others
                log.exception("attention provider %r failed", provider)
        if not items:
            items = [AttentionItem(self.tr("暂时没有需要处理的事项"))]
        warn_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        info_icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        for entry in items:
            item = QListWidgetItem(warn_icon if entry.severity == "warning" else info_icon, entry.text)
            item.setData(Qt.ItemDataRole.UserRole, entry)
            self.attention_list.addItem(item)

    def _on_attention_list_item_activated(self, item: QListWidgetItem) -> None:
        entry = item.data(Qt.ItemDataRole.UserRole)
        if entry is not None and entry.page:
            self.navigate_requested.emit(entry.page)

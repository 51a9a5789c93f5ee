"""The event bridge: core events (``books.events``) re-emitted as Qt signals on the GUI thread.

Services publish typed events (``assetdesk.events``) on a plain-Python ``EventBus``, after their
transaction commits; ``EventBridge`` subscribes to all of them and re-emits each one as ``event_published(name, payload)`` and, for known names, as a
named signal carrying the payload dict (``voucher_posted``, ``period_closed``, ``accounts_changed``…).
Events published from a worker thread are queued to the GUI thread, so a page's slot never runs
off the GUI thread. Pages listen; no page reaches into another page::

    bridge.voucher_posted.connect(self._on_bridge_voucher_posted)
    bridge.event_published.connect(lambda name, payload: ...)

``Page.refresh_on("voucher_posted", "period_closed")`` (ui/pages/base.py) is the usual way.
"""
from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from assetdesk.events import EVENT_NAMES, Event

#: Events the core publishes (``assetdesk.events``); each has a same-named signal on ``EventBridge``.
KNOWN_EVENTS = EVENT_NAMES


class EventBridge(QObject):
    """Subscribes to an ``EventBus`` and re-emits on the GUI thread. ``detach()`` unsubscribes."""

    event_published = Signal(str, object)

    voucher_saved = Signal(object)
    voucher_posted = Signal(object)
    documents_posted = Signal(object)
    posting_rules_changed = Signal(object)
    voucher_reversed = Signal(object)
    voucher_discarded = Signal(object)
    accounts_changed = Signal(object)
    opening_balances_changed = Signal(object)
    period_closed = Signal(object)
    period_reopened = Signal(object)
    org_changed = Signal(object)
    settings_changed = Signal(object)
    data_imported = Signal(object)
    database_restored = Signal(object)
    assets_changed = Signal(object)
    leases_changed = Signal(object)
    receivables_changed = Signal(object)

    # emitted from whatever thread published; queued to this object's (the GUI) thread
    _relayed = Signal(str, object)

    def __init__(self, bus: Any = None, parent: QObject | None = None):
        super().__init__(parent)
        self._bus = None
        self._relayed.connect(self._dispatch)
        if bus is not None:
            self.attach(bus)

    def attach(self, bus: Any) -> None:
        """Listen to ``bus`` (``books.events``), detaching from any previous one."""
        self.detach()
        self._bus = bus
        bus.subscribe(Event, self._on_bus_event)

    def detach(self) -> None:
        if self._bus is not None:
            self._bus.unsubscribe(Event, self._on_bus_event)
            self._bus = None

    def _on_bus_event(self, event: Event) -> None:
        self._relayed.emit(event.name, event.payload())

    @Slot(str, object)
    def _dispatch(self, name: str, payload: dict) -> None:
        self.event_published.emit(name, payload)
        if name in KNOWN_EVENTS:
            getattr(self, name).emit(payload)

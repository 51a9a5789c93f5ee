"""The event catalogue and a plain-Python event bus.

Services publish typed events (frozen dataclasses below, one per fact, named in the past tense);
``ui/bridge.py`` relays each to a Qt signal of the same ``name`` on the GUI thread. A service never
publishes directly: ``ServiceContext.publish`` holds events until the outermost transaction
commits and drops them when it rolls back, so nothing is announced that did not happen.
Subscribers must not raise; a failing subscriber is logged and never undoes the service's write.
"""
from __future__ import annotations

import dataclasses
import logging
from collections import defaultdict
from dataclasses import dataclass
from typing import Callable, ClassVar

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """Base of every event; ``name`` is the signal the UI bridge emits."""

    name: ClassVar[str] = ""

    def payload(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class VoucherSaved(Event):
    name: ClassVar[str] = "voucher_saved"
    id: int


@dataclass(frozen=True)
class VoucherPosted(Event):
    name: ClassVar[str] = "voucher_posted"
    id: int
    period: str


@dataclass(frozen=True)
class DocumentsPosted(Event):
    """A run posted many documents at once (one event, not one per voucher)."""

    name: ClassVar[str] = "documents_posted"
    kind: str
    count: int
    periods: tuple[str, ...]


@dataclass(frozen=True)
class VoucherReversed(Event):
    name: ClassVar[str] = "voucher_reversed"
    id: int
    reversal_id: int


@dataclass(frozen=True)
class VoucherDiscarded(Event):
    name: ClassVar[str] = "voucher_discarded"
    id: int


@dataclass(frozen=True)
class AccountsChanged(Event):
    name: ClassVar[str] = "accounts_changed"


@dataclass(frozen=True)
class OpeningBalancesChanged(Event):
    name: ClassVar[str] = "opening_balances_changed"


@dataclass(frozen=True)
class PostingRulesChanged(Event):
    name: ClassVar[str] = "posting_rules_changed"


@dataclass(frozen=True)
class PeriodClosed(Event):
    name: ClassVar[str] = "period_closed"
    period: str


@dataclass(frozen=True)
class PeriodReopened(Event):
    name: ClassVar[str] = "period_reopened"
    period: str


@dataclass(frozen=True)
class OrgChanged(Event):
    name: ClassVar[str] = "org_changed"


@dataclass(frozen=True)
class SettingsChanged(Event):
    name: ClassVar[str] = "settings_changed"
    key: str


@dataclass(frozen=True)
class DataImported(Event):
    name: ClassVar[str] = "data_imported"
    kind: str


@dataclass(frozen=True)
class AssetsChanged(Event):
    """The asset register changed (registered, updated, status, depreciation run, disposal)."""

    name: ClassVar[str] = "assets_changed"


@dataclass(frozen=True)
class LeasesChanged(Event):
    """A lease was created, changed, renewed or terminated (its schedule with it)."""

    name: ClassVar[str] = "leases_changed"


@dataclass(frozen=True)
class ReceivablesChanged(Event):
    """Charges fell due, a receipt was taken or voided, a deposit, offset or write-off was recorded."""

    name: ClassVar[str] = "receivables_changed"
    source: str = ""  # lease / fee …


@dataclass(frozen=True)
class DatabaseRestored(Event):
    name: ClassVar[str] = "database_restored"


EVENT_TYPES: tuple[type[Event], ...] = (
    VoucherSaved, VoucherPosted, DocumentsPosted, VoucherReversed, VoucherDiscarded, AccountsChanged,
    OpeningBalancesChanged, PostingRulesChanged, PeriodClosed, PeriodReopened, OrgChanged, SettingsChanged,
    DataImported, DatabaseRestored, AssetsChanged, LeasesChanged,
    ReceivablesChanged,
)
EVENT_NAMES: tuple[str, ...] = tuple(t.name for t in EVENT_TYPES)

Handler = Callable[[Event], None]


class EventBus:
    """Synchronous publish/subscribe by event type; ``subscribe(Event, fn)`` hears everything."""

    def __init__(self) -> None:
        self._handlers: dict[type[Event], list[Handler]] = defaultdict(list)

    def subscribe(self, kind: type[Event], handler: Handler) -> None:
        self._handlers[kind].append(handler)

    def unsubscribe(self, kind: type[Event], handler: Handler) -> None:
        if handler in self._handlers.get(kind, []):
            self._handlers[kind].remove(handler)

    def deliver(self, event: Event) -> None:
        """Hand ``event`` to its subscribers now (``ServiceContext.publish`` decides when)."""
        handlers = list(self._handlers.get(type(event), [])) + list(self._handlers.get(Event, []))
        for handler in handlers:
            try:
                handler(event)
            except Exception:  # a screen's refresh must never break the clerk's action
                log.exception("event handler failed for %s", event.name)

"""A plain-Python event bus: services publish small named events, the UI bridge re-emits them as Qt signals.

Names are past-tense facts: ``voucher_posted``, ``period_closed``, ``accounts_changed``, ``data_imported``.
Subscribers must not raise; a failing subscriber is logged and never undoes the service's write.
"""
from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any, Callable

log = logging.getLogger(__name__)
Handler = Callable[[str, dict[str, Any]], None]


class EventBus:
    """Synchronous publish/subscribe. ``subscribe("*", fn)`` hears everything."""

    def __init__(self) -> None:
        self._handlers: dict[str, list[Handler]] = defaultdict(list)

    def subscribe(self, name: str, handler: Handler) -> None:
        self._handlers[name].append(handler)

    def unsubscribe(self, name: str, handler: Handler) -> None:
        if handler in self._handlers.get(name, []):
            self._handlers[name].remove(handler)

    def publish(self, name: str, **payload: Any) -> None:
        for handler in list(self._handlers.get(name, [])) + list(self._handlers.get("*", [])):
            try:
                handler(name, payload)
            except Exception:  # a screen's refresh must never break the clerk's action
                log.exception("event handler failed for %s", name)

"""What every service shares: the open database, who is acting, the clock, the event bus, the
audit writer and the unit of work.

The core never reads the wall clock itself: ``clock`` is given by the adapter (CLI/UI pass
``datetime.now``; tests pass a fixed one), so audit times and default dates are exact in tests.

One clerk action is one write transaction (``transaction()``): on SQLite it begins IMMEDIATE, so it
holds the write lock before it reads what it decides on, and every check that guards the write runs
inside it. Events published inside wait for the outermost commit; a rollback drops them and clears
every cache registered with ``on_rollback``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Callable, Union

import peewee

from assetdesk.db.connection import DatabaseTarget
from assetdesk.events import Event, EventBus

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

# What an audit entry keeps as "before" / "after": fields by name, a record (dataclass or named
# tuple: kept as its fields) or nothing.
AuditValue = Union[Mapping[str, object], "DataclassInstance", tuple, None]


@dataclass
class ServiceContext:
    db: peewee.Database
    target: DatabaseTarget
    clock: Callable[[], dt.datetime]
    events: EventBus = field(default_factory=EventBus)
    user: str = "会计"
    # where the writes being made come from ("导入文件：往来单位.xlsx"); kept in each audit entry
    source: str = ""
    _local: threading.local = field(default_factory=threading.local, repr=False)
    _rollback_hooks: list[Callable[[], None]] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        add = getattr(self.db, "add_rollback_listener", None)
        if add is not None:
            add(self._rolled_back)

    # --- the unit of work ---------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One clerk action: all of it or none of it. Nested calls join the outer transaction (as a
        savepoint); events they published are dropped if their part fails."""
        pending = self._pending()
        mark = len(pending)
        try:
            with self.db.atomic():
                yield
        except BaseException:
            del pending[mark:]
            self.clear_caches()
            raise

    def publish(self, event: Event) -> None:
        """Announce ``event`` once the outermost transaction commits (at once outside one)."""
        if not self.db.in_transaction():
            self.events.deliver(event)
            return
        pending = self._pending()
        if not pending:
            self.db.after_commit(self._flush)
        pending.append(event)

    def on_rollback(self, hook: Callable[[], None]) -> None:
        """``hook`` clears a cache that may hold rows of a transaction that did not happen."""
        self._rollback_hooks.append(hook)

    def _pending(self) -> list[Event]:
        """Events of this thread's transaction (a worker thread has its own connection and transaction)."""
        if not hasattr(self._local, "pending"):
            self._local.pending = []
        return self._local.pending

    def _flush(self) -> None:
        pending = self._pending()
        events, pending[:] = list(dict.fromkeys(pending)), []
        for event in events:
            self.events.deliver(event)

    def _rolled_back(self) -> None:
        self._pending().clear()
        self.clear_caches()

    def clear_caches(self) -> None:
        """Forget every cached row (after a rollback, or a restore that replaced the books)."""
        for hook in self._rollback_hooks:
            hook()

    def now(self) -> dt.datetime:
        return self.clock().replace(microsecond=0)

    def today(self) -> dt.date:
        return self.clock().date()

    def audit(self, action: str, entity: str, entity_id: object = "", before: AuditValue = None,
              after: AuditValue = None) -> None:
        """Record one write in the audit trail; call inside the service's transaction."""
        if self.source:
            after = {"来源": self.source, **_as_dict(after)}
        self._insert_audit(action, entity, str(entity_id or ""), _to_json(before), _to_json(after))

    def audit_json(self, action: str, entity: str, entity_id: str, after: str) -> None:
        """Record one write whose record is already compact JSON (the posting path's)."""
        self._insert_audit(action, entity, entity_id, "", after)

    def _insert_audit(self, action: str, entity: str, entity_id: str, before: str, after: str) -> None:
        p = self.db.param
        self.db.execute_sql(
            "INSERT INTO audit_entry (at, \"user\", action, entity, entity_id, before, after) VALUES "
            f"({', '.join([p] * 7)})", (self.now(), self.user, action, entity, entity_id, before, after))

    @contextmanager
    def sourced(self, source: str) -> Iterator[None]:
        """Writes inside the block are audited as coming from ``source`` (an imported file, say)."""
        previous, self.source = self.source, source
        try:
            yield
        finally:
            self.source = previous


def _plain(value: object) -> object:
    """A record (dataclass or named tuple) as a dict of its fields; anything else as it is."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, tuple) and hasattr(value, "_asdict"):
        return value._asdict()
    return value


def _as_dict(value: object) -> dict[str, object]:
    value = _plain(value)
    if value is None:
        return {}
    return dict(value) if isinstance(value, dict) else {"内容": value}


def _to_json(value: object) -> str:
    if value is None:
        return ""
    return json.dumps(_plain(value), ensure_ascii=False, default=_json_default, sort_keys=True)


def _json_default(value: object) -> str:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


class Service:
    """Base of the services: holds the context; ``_publish`` announces a change after the outermost commit."""

    def __init__(self, ctx: ServiceContext):
        self.ctx = ctx

    @property
    def db(self) -> peewee.Database:
        return self.ctx.db

    def _publish(self, event: Event) -> None:
        self.ctx.publish(event)

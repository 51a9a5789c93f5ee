"""Reading the audit trail (the writes are made by ``ServiceContext.audit`` inside each service)."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assetdesk.db.models import AuditEntry
from assetdesk.services.context import Service


@dataclass(frozen=True)
class AuditRow:
    at: dt.datetime
    user: str
    action: str
    entity: str
    entity_id: str
    before: str
    after: str


class AuditService(Service):
    def list_entries(self, limit: int = 200, entity: str | None = None) -> list[AuditRow]:
        query = AuditEntry.select().order_by(AuditEntry.id.desc()).limit(limit)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        return [AuditRow(e.at, e.user, e.action, e.entity, e.entity_id, e.before, e.after) for e in query]

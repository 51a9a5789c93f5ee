"""The audit trail: every service write, who, when, what, before and after (JSON)."""
from __future__ import annotations

import peewee

from assetdesk.db.models.base import BaseModel


class AuditEntry(BaseModel):
    id: peewee.AutoField[int]
    at = peewee.DateTimeField(index=True)
    user = peewee.CharField(max_length=50)
    action = peewee.CharField(max_length=50)
    entity = peewee.CharField(max_length=50)
    entity_id = peewee.CharField(max_length=50, default="")
    before = peewee.TextField(default="")
    after = peewee.TextField(default="")

    class Meta:
        table_name = "audit_entry"

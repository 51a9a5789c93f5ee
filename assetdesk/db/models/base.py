"""The Peewee base model: every record binds to the one database proxy and names its table explicitly."""
from __future__ import annotations

import peewee

from assetdesk.db.connection import database_proxy


class BaseModel(peewee.Model):
    class Meta:
        database = database_proxy
        legacy_table_names = False

"""The Peewee base model: every record binds to the one database proxy and names its table explicitly."""
from __future__ import annotations

import peewee

from assetdesk.db.connection import database_proxy


class BaseModel(peewee.Model):
    """Peewee adds two kinds of attribute a type checker cannot see: the implicit ``id`` primary key
    and each foreign key's raw ``<name>_id``. Each record declares the ones it has
    (``id: peewee.AutoField[int]``, ``account_id: peewee.ForeignKeyField[int]``): annotations only,
    no column is added, and a record keyed by its own column (``Setting.key``) has no ``id`` to misuse."""

    class Meta:
        database = database_proxy
        legacy_table_names = False

"""The Peewee base model: every record binds to the one database proxy and names its table explicitly."""
from __future__ import annotations

import peewee

from assetdesk.db.connection import database_proxy


class BaseModel(peewee.Model):
    """Peewee adds attributes a type checker cannot see: the implicit ``id`` primary key, each foreign
    key's raw ``<name>_id`` and the backrefs. Each record declares the ones it has and that are read
    (``id: peewee.AutoField[int]``, ``account_id: peewee.ForeignKeyField[int]``,
    ``lines: peewee.ModelSelect[VoucherLine]``): annotations only, no column is added, and a record
    keyed by its own column (``Setting.key``) has no ``id`` to misuse."""

    class Meta:
        database = database_proxy
        legacy_table_names = False

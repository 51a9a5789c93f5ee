"""The 账套 (set of books), its settings, users and the schema version."""
from __future__ import annotations

import peewee

from assetdesk.db.models.base import BaseModel


class SchemaVersion(BaseModel):
    """One row: the schema version this database has been migrated to."""

    id: peewee.AutoField[int]
    version = peewee.IntegerField()

    class Meta:
        table_name = "schema_version"


class Book(BaseModel):
    """The 账套: exactly one per database."""

    id: peewee.AutoField[int]
    community_name = peewee.CharField(max_length=100)
    credit_code = peewee.CharField(max_length=18, default="")
    chart_version = peewee.CharField(max_length=10, default="2023")
    first_period_key = peewee.IntegerField()
    created_at = peewee.DateTimeField()

    class Meta:
        table_name = "book"


class Setting(BaseModel):
    key = peewee.CharField(max_length=100, primary_key=True)
    value = peewee.TextField(default="")

    class Meta:
        table_name = "setting"


class User(BaseModel):
    id: peewee.AutoField[int]
    name = peewee.CharField(max_length=50, unique=True)
    role = peewee.CharField(max_length=20)
    is_active = peewee.BooleanField(default=True)

    class Meta:
        table_name = "app_user"

"""Version 1: the books (账套, chart, vouchers, periods), master data, settings, users, audit."""
from __future__ import annotations

import peewee

VERSION = 1


def upgrade(db: peewee.Database) -> None:
    from assetdesk.db.models import ALL_MODELS

    db.create_tables(ALL_MODELS, safe=True)

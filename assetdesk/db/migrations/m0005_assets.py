"""Version 5: the asset register (资产台账): ``asset`` and ``asset_event``.

``voucher_line.asset_id`` and ``opening_balance_aux.asset_id`` stay plain integers: SQLite cannot
add a foreign key to an existing table without rebuilding it, so the posting path checks that each
named asset exists (``Dimension.register`` is now ``asset``), as it does for every dimension.
"""
from __future__ import annotations

import peewee

VERSION = 5


def upgrade(db: peewee.Database) -> None:
    from assetdesk.db import models as m

    db.create_tables([m.Asset, m.AssetEvent], safe=True)

"""Version 7: households (房屋/住户) and their move-in / move-out history, for property fees."""
from __future__ import annotations

import peewee

VERSION = 7


def upgrade(db: peewee.Database) -> None:
    from assetdesk.db import models as m

    db.create_tables([m.Household, m.HouseholdMove], safe=True)

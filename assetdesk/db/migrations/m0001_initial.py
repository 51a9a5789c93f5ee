"""Version 1: the books (账套, chart, vouchers, periods), master data, settings, users, audit."""
from __future__ import annotations

import peewee

VERSION = 1


def upgrade(db: peewee.Database) -> None:
    from assetdesk.db import models as m

    db.create_tables([m.SchemaVersion, m.Book, m.Setting, m.User, m.Area, m.Counterparty, m.Compound, m.Account,
                      m.OpeningBalance, m.Voucher, m.VoucherLine, m.PeriodState, m.PeriodLog, m.AuditEntry], safe=True)

"""Version 2: monthly posted totals per account (``account_period_total``), filled from the lines,
so the trial balance no longer scans every line."""
from __future__ import annotations

import peewee

VERSION = 2


def upgrade(db: peewee.Database) -> None:
    from assetdesk.db.models import AccountPeriodTotal

    db.create_tables([AccountPeriodTotal], safe=True)
    db.execute_sql("DELETE FROM account_period_total")
    db.execute_sql(
        "INSERT INTO account_period_total (account_id, period_key, debit_fen, credit_fen)"
        " SELECT account_id, period_key, SUM(CASE WHEN is_debit THEN amount_fen ELSE 0 END),"
        " SUM(CASE WHEN is_debit THEN 0 ELSE -amount_fen END)"
        f" FROM voucher_line WHERE posted = {db.param} GROUP BY account_id, period_key", (True,))

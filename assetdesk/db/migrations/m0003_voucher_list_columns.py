"""Version 3: ``voucher.debit_fen`` (debit total) and ``voucher.search_text`` (all 摘要 of the voucher),
filled from the lines, so the voucher list sorts by amount and filters by 摘要 in milliseconds.

Plain ``ALTER TABLE … ADD COLUMN … NOT NULL DEFAULT`` on purpose: playhouse's SQLite migrator
rebuilds the table for NOT NULL, and dropping ``voucher`` would cascade to its lines."""
from __future__ import annotations

import peewee

VERSION = 3


def upgrade(db: peewee.Database) -> None:
    from assetdesk.db.connection import is_sqlite

    existing = {column.name for column in db.get_columns("voucher")}
    if "debit_fen" not in existing:
        db.execute_sql("ALTER TABLE voucher ADD COLUMN debit_fen BIGINT NOT NULL DEFAULT 0")
    if "search_text" not in existing:
        db.execute_sql("ALTER TABLE voucher ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
    if "voucher_debit_fen" not in {index.name for index in db.get_indexes("voucher")}:
        db.execute_sql("CREATE INDEX voucher_debit_fen ON voucher (debit_fen)")
    concat = "group_concat(l.summary, ' ')" if is_sqlite(db) else "string_agg(l.summary, ' ')"
    db.execute_sql(
        "UPDATE voucher SET debit_fen = COALESCE((SELECT SUM(l.amount_fen) FROM voucher_line l"
        f" WHERE l.voucher_id = voucher.id AND l.is_debit = {db.param}), 0),"
        f" search_text = summary || ' ' || COALESCE((SELECT {concat} FROM voucher_line l"
        " WHERE l.voucher_id = voucher.id), '')", (True,))

"""Posting 100,000 voucher lines through VoucherService.create_and_post (50,000 two-line vouchers,
one clerk action and one transaction each, as typed vouchers are), against the bare cost of
inserting the same rows with raw sqlite3 executemany into the same schema, indexes included.

    python benchmarks/bench_post_vouchers.py [LINES]
"""
from __future__ import annotations

import datetime as dt
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from assetdesk.db.connection import SQLITE_PRAGMAS
from assetdesk.services import open_books
from assetdesk.services.vouchers import LineInput, VoucherInput


def bare_insert(path: Path, lines: int) -> float:
    books = open_books(path, clock=lambda: dt.datetime(2025, 1, 31, 12, 0))
    books.org.setup_book("兰花社区", "2025-01")
    ids = {row.code: row.id for row in books.accounts.list_accounts()}
    books.close()
    conn = sqlite3.connect(path)
    for name, value in SQLITE_PRAGMAS.items():  # the connection settings the books use, for a fair floor
        conn.execute(f"PRAGMA {name} = {value}")
    start = time.perf_counter()
    with conn:
        conn.executemany("INSERT INTO voucher (id, period_key, number, word, date_on, summary, attachments, preparer,"
                         " reviewer, status, source, created_at, posted_at, debit_fen, search_text)"
                         " VALUES (?, 202501, ?, '记', '2025-01-15', '收租金', 0, '会计', '', 'posted', '',"
                         " '2025-01-31 12:00:00', '2025-01-31 12:00:00', 100, '收租金')",
                         [(i, i) for i in range(1, lines // 2 + 1)])
        conn.executemany("INSERT INTO voucher_line (voucher_id, seq, account_id, summary, amount_fen, is_debit, period_key,"
                         " date_on, posted) VALUES (?, ?, ?, '收租金', ?, ?, 202501, '2025-01-15', 1)",
                         [(i // 2 + 1, i % 2 + 1, ids["10201"] if i % 2 == 0 else ids["50101"], 100 if i % 2 == 0 else -100,
                           i % 2 == 0) for i in range(lines)])
    conn.close()
    return time.perf_counter() - start


def through_service(path: Path, lines: int) -> float:
    books = open_books(path, clock=lambda: dt.datetime(2025, 1, 31, 12, 0))
    books.org.setup_book("兰花社区", "2025-01")
    rent = "50101"  # 租金收入: new books start with it
    start = time.perf_counter()
    for i in range(lines // 2):
        books.vouchers.create_and_post(VoucherInput(dt.date(2025, 1, 1 + i % 28), "收租金", [
            LineInput.debit("10201", 100 + i % 1000), LineInput.credit(rent, 100 + i % 1000)]))
    elapsed = time.perf_counter() - start
    assert books.ledger.trial_balance("2025-01").balanced
    books.close()
    return elapsed


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        bare = bare_insert(Path(tmp) / "bare.db", lines)
        service = through_service(Path(tmp) / "books.db", lines)
    print(f"lines: {lines:,}")
    print(f"bare sqlite3 executemany (same schema, indexes included): {bare:.2f} s ({lines / bare:,.0f} lines/s)")
    print(f"VoucherService.create_and_post (one transaction per voucher, checks, audit): {service:.2f} s "
          f"({lines / service:,.0f} lines/s)")
    print(f"ratio service / bare: {service / bare:.1f}x")


if __name__ == "__main__":
    main()

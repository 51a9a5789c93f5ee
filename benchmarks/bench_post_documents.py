"""A run of business documents posted in one batch (``DocumentPostingService.post_many``): 50,000
two-line documents = 100,000 voucher lines, each line naming its tenant (112 carries 往来单位).

Measured: checks (accounts, dimensions, open months, documents not yet posted), numbering from the
month counters, vouchers, lines, monthly totals and the run's audit record, in one transaction.
Bare cost: raw sqlite3 executemany of the same voucher and line rows into the same schema (a fresh
set of books, every index included) in one transaction. Target: ratio ≤ 3.

    python benchmarks/bench_post_documents.py [LINES]
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
from assetdesk.services.documents import Document, DocumentLine
from assetdesk.services.org import CounterpartyInput

CLOCK = dt.datetime(2025, 3, 31, 12, 0)


def fresh_books(path: Path):
    books = open_books(path, clock=lambda: CLOCK)
    books.org.setup_book("兰花社区", "2025-01")
    if "50101" not in {row.code for row in books.accounts.list_accounts()}:  # new books may seed it
        books.accounts.add_sub_account("501", "租金收入", "50101")
    tenants = [books.org.add_counterparty(CounterpartyInput(f"租户{i:03d}", "单位")).id for i in range(200)]
    return books, tenants


def documents(count: int, tenants: list[int]) -> list[Document]:
    return [Document("bench_charge", i, dt.date(2025, 1 + i % 3, 1 + i % 28), "应收租金", (
        DocumentLine("rent.receivable", debit_fen=100 + i % 1000, counterparty_id=tenants[i % len(tenants)]),
        DocumentLine("rent.income", credit_fen=100 + i % 1000))) for i in range(count)]


def bare(path: Path, count: int, tenants: list[int]) -> float:
    """The same rows the service writes, straight in with executemany (no checks, no totals, no audit)."""
    books, _ = fresh_books(path)
    ids = {row.code: row.id for row in books.accounts.list_accounts()}
    books.close()
    now = CLOCK.isoformat(sep=" ")
    vouchers, lines = [], []
    for i in range(count):
        day, amount = dt.date(2025, 1 + i % 3, 1 + i % 28).isoformat(), 100 + i % 1000
        key = 202500 + 1 + i % 3
        vouchers.append((i + 1, key, i // 3 + 1, "记", day, "应收租金", 0, "会计", "", "posted", "应收租金", None, now, now,
                         amount, "应收租金", "bench_charge", i, 1, ""))
        lines.append((i + 1, 1, ids["112"], "应收租金", amount, True, key, day, True, tenants[i % len(tenants)], None,
                      None, None, None))
        lines.append((i + 1, 2, ids["50101"], "应收租金", -amount, False, key, day, True, None, None, None, None, None))
    conn = bare_connection(path)
    start = time.perf_counter()
    with conn:
        insert_vouchers(conn, vouchers, lines)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def through_service(path: Path, count: int) -> tuple[float, float, object]:
    books, tenants = fresh_books(path)
    docs = documents(count, tenants)
    start = time.perf_counter()
    run = books.documents.post_many(docs)
    elapsed = time.perf_counter() - start
    start = time.perf_counter()
    findings = books.check.run()
    checked = time.perf_counter() - start
    assert findings == [], findings
    books.close()
    return elapsed, checked, run


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    count = lines // 2
    results = []
    for _ in range(3):
        with tempfile.TemporaryDirectory() as tmp:
            books, tenants = fresh_books(Path(tmp) / "t.db")
            books.close()
            floor = bare(Path(tmp) / "bare.db", count, tenants)
            service, checked, run = through_service(Path(tmp) / "books.db", count)
            results.append((service / floor, floor, service, checked, run))
    ratio, floor, service, checked, run = min(results, key=lambda r: r[0])
    print(f"lines: {lines:,} ({count:,} documents), best of 3")
    print(f"bare sqlite3 executemany, same rows, same schema and indexes: {floor:.2f} s")
    print(f"DocumentPostingService.post_many: {service:.2f} s ({lines / service:,.0f} lines/s) → {run.first_label} … {run.last_label}")
    print(f"check (reconciliations included) after the run: {checked:.2f} s")
    print(f"ratio service / bare: {ratio:.2f}x (target ≤ 3)")


def bare_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the connection settings the books use, for a fair floor."""
    conn = sqlite3.connect(path)
    for name, value in SQLITE_PRAGMAS.items():
        conn.execute(f"PRAGMA {name} = {value}")
    return conn


def insert_vouchers(conn: sqlite3.Connection, vouchers: list[tuple], lines: list[tuple]) -> None:
    """The bare cost of writing vouchers and their lines: two executemany, no checks, no totals."""
    conn.executemany("INSERT INTO voucher (id, period_key, number, word, date_on, summary, attachments, preparer,"
                     " reviewer, status, source, reverses_id, created_at, posted_at, debit_fen, search_text,"
                     " document_kind, document_id, document_seq, paper_label) VALUES (" + ", ".join("?" * 20) + ")",
                     vouchers)
    conn.executemany("INSERT INTO voucher_line (voucher_id, seq, account_id, summary, amount_fen, is_debit, period_key,"
                     " date_on, posted, counterparty_id, compound_id, asset_id, lease_id, fund_id) VALUES ("
                     + ", ".join("?" * 14) + ")", lines)


if __name__ == "__main__":
    main()


"""辅助余额表 and one tenant's 辅助明细账 of 112 over 1,000,000 posted lines (half of them on 112,
5,000 tenants); target ≤ 1 s each.

Lines are written with raw executemany (the setup is not what is measured); the bare cost printed
alongside is a plain SUM(amount) GROUP BY counterparty_id over the 112 lines.

    python benchmarks/bench_aux_ledger.py [LINES]
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from assetdesk.services import open_books

TENANTS = 5_000


def build(path: Path, lines: int):
    books = open_books(path, clock=lambda: dt.datetime(2025, 12, 31, 12, 0))
    books.org.setup_book("兰花社区", "2025-01")
    receivable = [books.accounts.add_sub_account("112", f"明细{n}").code for n in range(1, 4)]
    income = [books.accounts.add_sub_account("501", f"明细{n}").code for n in range(1, 4)]
    ids = {a.code: a.id for a in books.accounts.list_accounts()}
    db = books.ctx.db
    rng = random.Random(1)
    with db.atomic():
        db.cursor().executemany("INSERT INTO counterparty (name, kind, id_code, phone, address, roles, note, is_active)"
                                " VALUES (?, '个人', '', '', '', '承租方', '', 1)",
                                [(f"租户{n:05d}",) for n in range(TENANTS)])
    vouchers, rows = [], []
    per_month = lines // 2 // 12 + 1
    for v in range(lines // 2):
        month = 1 + v * 12 // (lines // 2)
        day = dt.date(2025, month, 1 + (v % per_month) * 28 // per_month)  # entered in date order
        vouchers.append((v + 1, 202500 + month, v + 1, day, "租金", "posted", "", 0, "", day, day))
        amount = rng.randint(1, 10**7)
        tenant = rng.randint(1, TENANTS) if v % 50 else None  # one line in fifty names nobody
        sign = 1 if v % 3 else -1  # a third are receipts (credit 112)
        rows.append((v + 1, 1, ids[rng.choice(receivable)], "x", sign * amount, sign > 0, 202500 + month, day, True,
                     tenant))
        rows.append((v + 1, 2, ids[rng.choice(income)], "x", -sign * amount, sign < 0, 202500 + month, day, True,
                     None))
    with db.atomic():
        cur = db.cursor()
        cur.executemany("INSERT INTO voucher (id, period_key, number, date_on, summary, status, word, preparer, attachments,"
                        " reviewer, created_at, posted_at, source) VALUES (?, ?, ?, ?, ?, ?, '记', ?, ?, ?, ?, ?, 'bench')",
                        vouchers)
        cur.executemany("INSERT INTO voucher_line (voucher_id, seq, account_id, summary, amount_fen, is_debit, period_key,"
                        " date_on, posted, counterparty_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    books.ledger.rebuild_totals()
    db.execute_sql("ANALYZE")
    return books


def _timed(call):
    start = time.perf_counter()
    result = call()
    return result, time.perf_counter() - start


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        books = build(Path(tmp) / "aux.db", lines)
        db = books.ctx.db
        ids = [a.id for a in books.accounts.list_accounts() if a.code.startswith("112")]
        marks = ", ".join("?" * len(ids))
        _, bare = _timed(lambda: db.execute_sql(
            f"SELECT counterparty_id, SUM(amount_fen) FROM voucher_line WHERE account_id IN ({marks})"
            " GROUP BY counterparty_id", ids).fetchall())
        timings = []
        for period in ("2025-06", "2025-12"):
            aux, seconds = _timed(lambda: books.aux.balance("112", period))
            timings.append(seconds)
            tb = {r.code: r for r in books.ledger.trial_balance(period).rows}["112"]
            assert aux.totals.closing_fen == tb.closing_debit_fen - tb.closing_credit_fen
        tenant = aux.rows[0].record
        sections, ledger_seconds = _timed(lambda: books.aux.ledger("112", "2025-01", "2025-12", record=tenant))
        books.close()
    print(f"posted lines: {lines:,} ({lines // 2:,} on 112, {TENANTS:,} tenants)")
    print(f"bare SUM(amount) GROUP BY counterparty over the 112 lines: {bare:.3f} s")
    print(f"aux balance 112 (2025-06 / 2025-12): {timings[0]:.3f} s / {timings[1]:.3f} s  (target ≤ 1 s; "
          f"ratio to bare {max(timings) / bare:.2f}x; {len(aux.rows):,} rows)")
    print(f"aux ledger of one tenant, whole year: {ledger_seconds:.3f} s  ({len(sections[0].entries):,} entries)")


if __name__ == "__main__":
    main()

"""Trial balance (科目余额表) for one month over 1,000,000 posted lines; target ≤ 1 s.

The lines are written with raw executemany (the setup is not what is measured), mirroring what the
service writes; the bare cost printed alongside is a plain SUM(amount) GROUP BY account over the same table.

    python benchmarks/bench_trial_balance.py [LINES]
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from pathlib import Path

from assetdesk.services import open_books


def build(path: Path, lines: int):
    books = open_books(path, clock=lambda: dt.datetime(2025, 12, 31, 12, 0))
    books.org.setup_book("兰花社区", "2025-01")
    leaves = [books.accounts.add_sub_account(parent, f"明细{n}").code for parent in ("112", "501", "511", "513")
              for n in range(1, 6)] + ["101", "102", "212"]
    ids = {a.code: a.id for a in books.accounts.list_accounts()}
    rng = random.Random(1)
    db = books.ctx.db
    vouchers, rows = [], []
    for v in range(lines // 2):
        month = 1 + v * 12 // (lines // 2)
        day = dt.date(2025, month, 1 + v % 28)
        vouchers.append((v + 1, 202500 + month, v + 1, day, "收租金", "posted", "", 0, "", day, day))
        amount = rng.randint(1, 10**7)
        debit, credit = rng.sample(leaves, 2)
        rows.append((v + 1, 1, ids[debit], "x", amount, True, 202500 + month, day, True))
        rows.append((v + 1, 2, ids[credit], "x", -amount, False, 202500 + month, day, True))
    with db.atomic():
        cur = db.cursor()
        cur.executemany("INSERT INTO voucher (id, period_key, number, date_on, summary, status, word, preparer, attachments,"
                        " reviewer, created_at, posted_at, source) VALUES (?, ?, ?, ?, ?, ?, '记', ?, ?, ?, ?, ?, 'bench')", vouchers)
        cur.executemany("INSERT INTO voucher_line (voucher_id, seq, account_id, summary, amount_fen, is_debit, period_key,"
                        " date_on, posted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
    books.ledger.rebuild_totals()  # the lines were loaded around the service: derive the monthly totals
    db.execute_sql("ANALYZE")
    return books


def main() -> None:
    lines = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    with tempfile.TemporaryDirectory() as tmp:
        books = build(Path(tmp) / "tb.db", lines)
        db = books.ctx.db
        start = time.perf_counter()
        db.execute_sql("SELECT account_id, SUM(amount_fen) FROM voucher_line GROUP BY account_id").fetchall()
        bare = time.perf_counter() - start
        timings = []
        for period in ("2025-06", "2025-12", "2025-01"):
            start = time.perf_counter()
            tb = books.ledger.trial_balance(period)
            timings.append(time.perf_counter() - start)
            assert tb.balanced
        books.close()
    print(f"posted lines: {lines:,}")
    print(f"bare SUM(amount) GROUP BY account over all lines: {bare:.3f} s")
    print("trial_balance(2025-06 / 2025-12 / 2025-01): " + " / ".join(f"{t:.3f} s" for t in timings)
          + f"  (target ≤ 1 s; ratio to bare {max(timings) / bare:.2f}x)")


if __name__ == "__main__":
    main()

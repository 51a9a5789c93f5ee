"""A due-charge run (租金到期) over 1,000 leases × 20 years of schedules, run through the last month in
one go: every planned charge billed, one batch and one voucher per due month, two lines per charge.

Measured: ``ReceivableService.bill_due`` — reading the planned charges, payer names, the run and its
batches, ``DocumentPostingService.post_many`` (checks, numbering, vouchers, lines, monthly totals)
and the charges' state updates, in one transaction. Bare cost: raw sqlite3 ``executemany`` of the same
voucher and line rows plus one charge update per charge, on the books' connection settings (a fresh
set of books with the same schedules, every index included). Target: ratio ≤ 3.

    PYTHONPATH=. python benchmarks/bench_rent_run.py [LEASES]
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from bench_post_documents import bare_connection, insert_vouchers  # the same floor (run from benchmarks/)

from assetdesk.db.models import Lease
from assetdesk.periods import Period
from assetdesk.services import open_books
from assetdesk.services.leases.schedule import generate_schedule
from assetdesk.services.leases.terms import EveryYears, LeaseTerms, PaymentCycle, RentBasis, add_years
from assetdesk.services.org import CounterpartyInput
from assetdesk.services.receivables import ChargeInput, Payer

CLOCK = dt.datetime(2025, 1, 2, 9, 0)
TARGET = 3.0


def terms(rng: random.Random, n: int) -> LeaseTerms:
    start = dt.date(2025, 1 + n % 12, 1)
    return LeaseTerms(start, add_years(start, 20) - dt.timedelta(days=1), basis=RentBasis.PER_MONTH,
                      rent_fen=rng.randrange(100000, 2000000),
                      escalation=EveryYears(rng.choice((2, 3)), Decimal(5)) if n % 2 else None,
                      free_months=rng.choice((0, 0, 3)), cycle=list(PaymentCycle)[n % 4], due_day=rng.randrange(1, 29))


def fresh_books(path: Path, count: int):
    """Books with ``count`` tenants and leases and every lease's 20-year schedule planned."""
    books = open_books(path, clock=lambda: CLOCK)
    books.org.setup_book("兰花社区", "2025-01")
    tenants = [books.org.add_counterparty(CounterpartyInput(f"租户{i:04d}", "单位", roles=("承租方",))).id
               for i in range(count)]
    rng = random.Random(1)
    all_terms = [terms(rng, n) for n in range(count)]
    with books.ctx.transaction():
        Lease.insert_many([{"number": f"ZL-{n + 1:04d}", "tenant": tenants[n], "start_on": t.start_on,
                            "end_on": t.end_on, "basis": "元/月", "rent_fen": t.rent_fen, "created_at": CLOCK}
                           for n, t in enumerate(all_terms)]).execute()
    lease_ids = [lease.id for lease in Lease.select(Lease.id).order_by(Lease.id)]
    planned = 0
    for n, t in enumerate(all_terms):
        payer = Payer.counterparty(tenants[n])
        lines = [ChargeInput("lease", lease_ids[n], line.seq, payer, line.period_start, line.period_end, line.due_on,
                             line.amount_fen, lease_id=lease_ids[n], months_text=str(line.months))
                 for line in generate_schedule(t)]
        books.receivables.replace_planned("lease", lease_ids[n], lines)
        planned += len(lines)
    return books, planned


def bare(path: Path, count: int) -> float:
    """The same rows the run writes, straight in with executemany (no checks, no totals, no audit)."""
    books, _ = fresh_books(path, count)
    ids = {row.code: row.id for row in books.accounts.list_accounts()}
    rows = books.ctx.db.execute_sql("SELECT id, payer_id, lease_id, due_on, amount_fen FROM charge"
                                    " ORDER BY due_on, id").fetchall()
    books.close()
    now = CLOCK.isoformat(sep=" ")
    months = sorted({str(r[3])[:7] for r in rows})
    month_ids = {m: i + 1 for i, m in enumerate(months)}
    vouchers = [(month_ids[m], int(m[:4]) * 100 + int(m[5:]), 1, "记", f"{m}-28", "应收租金", 0, "会计", "", "posted",
                 "应收款项到期", None, now, now, 0, "应收租金", "receivable_charges", month_ids[m], 1, "")
                for m in months]
    lines, updates = [], []
    for seq, (charge_id, payer_id, lease_id, due_on, amount) in enumerate(rows):
        m = str(due_on)[:7]
        key = int(m[:4]) * 100 + int(m[5:])
        lines.append((month_ids[m], 2 * seq + 1, ids["112"], "租金", amount, True, key, str(due_on), True, payer_id,
                      None, None, lease_id, None))
        lines.append((month_ids[m], 2 * seq + 2, ids["50101"], "租金", -amount, False, key, str(due_on), True,
                      payer_id, None, None, lease_id, None))
        updates.append(("billed", month_ids[m], charge_id))
    conn = bare_connection(path)
    start = time.perf_counter()
    with conn:
        insert_vouchers(conn, vouchers, lines)
        conn.execute("INSERT INTO charge_run (id, source, through, charges, total_fen, created_at, created_by)"
                     " VALUES (1, 'lease', ?, ?, 0, ?, '会计')", (months[-1], len(rows), now))
        conn.executemany("INSERT INTO charge_batch (id, run_id, period, posted_on) VALUES (?, 1, ?, ?)",
                         [(month_ids[m], m, f"{m}-28") for m in months])
        conn.executemany("UPDATE charge SET state = ?, batch_id = ? WHERE id = ?", updates)
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def through_service(path: Path, count: int) -> tuple[float, object, int]:
    books, planned = fresh_books(path, count)
    last = books.ctx.db.execute_sql("SELECT MAX(due_on) FROM charge").fetchone()[0]
    through = Period.parse(str(last)[:7])
    start = time.perf_counter()
    result = books.receivables.bill_due("lease", through)
    elapsed = time.perf_counter() - start
    assert result.charges == planned, (result.charges, planned)
    again = books.receivables.bill_due("lease", through)
    assert again.run_id is None
    books.close()
    return elapsed, result, planned


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    results = []
    for _ in range(2):
        with tempfile.TemporaryDirectory() as tmp:
            floor = bare(Path(tmp) / "bare.db", count)
            service, run, planned = through_service(Path(tmp) / "books.db", count)
            results.append((service / floor, floor, service, run, planned))
    ratio, floor, service, run, planned = min(results, key=lambda r: r[0])
    print(f"{count:,} leases × 20 years: {planned:,} charges → {2 * planned:,} voucher lines, best of 2")
    print(f"bare sqlite3 executemany, same lines and charge updates, same schema and indexes: {floor:.2f} s")
    print(f"ReceivableService.bill_due: {service:.2f} s ({planned / service:,.0f} charges/s), "
          f"{len(run.periods)} vouchers {run.first_voucher} … {run.last_voucher}")
    verdict = "ok" if ratio <= TARGET else "OVER TARGET"
    print(f"ratio service / bare: {ratio:.2f}x (target ≤ {TARGET:.0f}: {verdict})")


if __name__ == "__main__":
    main()

"""Rent schedules (应收租金计划) for 1,000 leases × 20 years; target ≤ 2 s.

The leases mix what a community lets: every payment cycle (a quarter of them monthly, 240 periods
each), mid-month starts (pro-rated first and last periods), escalation every 2–3 years or a step
table, free months, rent per month, per year and per ㎡.

    python benchmarks/bench_lease_schedule.py [LEASES]
"""
from __future__ import annotations

import datetime as dt
import random
import sys
import time
from decimal import Decimal

from assetdesk.services.leases.schedule import generate_schedule
from assetdesk.services.leases.terms import EveryYears, LeaseTerms, PaymentCycle, RentBasis, RentStep, add_years

TARGET_SECONDS = 2.0


def lease(rng: random.Random, n: int) -> LeaseTerms:
    start = dt.date(2025, 1 + n % 12, 1 + rng.randrange(28))
    end = add_years(start, 20) - dt.timedelta(days=1)
    escalation = [None, EveryYears(rng.choice((2, 3)), Decimal(5)),
                  tuple(RentStep(year, 300000 + 20000 * year) for year in (3, 6, 11, 16))][n % 3]
    cycle = list(PaymentCycle)[n % 4]
    basis = [RentBasis.PER_MONTH, RentBasis.PER_YEAR, RentBasis.PER_SQM_MONTH][n % 5 % 3]
    return LeaseTerms(start, end, basis=basis, rent_fen=rng.randrange(100000, 2000000),
                      rate_yuan=Decimal("25.50"), area_centi_sqm=rng.randrange(2000, 50000),
                      escalation=escalation, free_months=rng.choice((0, 0, 3)), cycle=cycle,
                      due_day=rng.randrange(1, 29))


def main(count: int = 1000) -> float:
    rng = random.Random(1)
    leases = [lease(rng, n) for n in range(count)]
    began = time.perf_counter()
    schedules = [generate_schedule(terms) for terms in leases]
    elapsed = time.perf_counter() - began
    periods = sum(len(lines) for lines in schedules)
    verdict = "ok" if elapsed <= TARGET_SECONDS else "OVER TARGET"
    print(f"{count} leases × 20 years: {periods} periods in {elapsed:.2f} s "
          f"(target ≤ {TARGET_SECONDS:.0f} s: {verdict})")
    return elapsed


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)

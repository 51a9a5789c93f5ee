"""Straight-line monthly depreciation (DOMAIN §4), pure arithmetic so it can be checked on its own.

The monthly amount is (原值 − 净残值) ÷ 使用年限 (months), rounded once, ROUND_HALF_UP to the fen
(DOMAIN §2); depreciation starts the month after acquisition, the last month of the life takes the
remainder, so the life's total is exactly 原值 − 净残值 and never more.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from assetdesk.money import ROUNDING
from assetdesk.periods import Period


def monthly_fen(original_fen: int, salvage_fen: int, life_months: int) -> int:
    depreciable = max(original_fen - salvage_fen, 0)
    if life_months <= 0:
        return 0
    return int((Decimal(depreciable) / life_months).quantize(Decimal(1), rounding=ROUNDING))


def months_in_use(acquired_on: dt.date, period: Period) -> int:
    """How many months of depreciation are due through ``period`` (0 in the month of acquisition)."""
    return (period.year * 12 + period.month) - (acquired_on.year * 12 + acquired_on.month)


def cumulative_fen(original_fen: int, salvage_fen: int, life_months: int, acquired_on: dt.date,
                   period: Period) -> int:
    """The depreciation due from acquisition through the end of ``period``, by the schedule."""
    depreciable = max(original_fen - salvage_fen, 0)
    months = months_in_use(acquired_on, period)
    if months <= 0 or life_months <= 0:
        return 0
    if months >= life_months:
        return depreciable
    return min(months * monthly_fen(original_fen, salvage_fen, life_months), depreciable)


def due_fen(original_fen: int, salvage_fen: int, life_months: int, acquired_on: dt.date, period: Period,
            accumulated_fen: int) -> int:
    """This month's charge for an asset carrying ``accumulated_fen`` so far (at registration plus
    earlier runs): whatever brings it up to the schedule, never below zero, never past 原值 − 净残值.
    An asset registered with the 累计折旧 of its schedule just continues; one registered with less
    catches up in its first run, one with more waits until the schedule reaches it."""
    return max(cumulative_fen(original_fen, salvage_fen, life_months, acquired_on, period) - accumulated_fen, 0)

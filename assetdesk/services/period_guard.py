"""Is this month open for postings? The one place that answers (DOMAIN §3.2).

A posting is refused before the books' first month (those amounts are 期初余额) and in a closed
month. Every writer that dates something into the books asks here, inside its write transaction,
so a month being closed by another window is seen: the close and the posting wait for each other
on the month's voucher counter row (``VoucherWriter.lock_month``).
"""
from __future__ import annotations

import datetime as dt

from assetdesk.errors import ClosedPeriodError, VoucherError
from assetdesk.periods import Period
from assetdesk.services.context import ServiceContext


def refusal(period: Period, first_key: int, closed_keys: set[int] | frozenset[int]) -> tuple[str, str] | None:
    """(message, what to do) when ``period`` takes no postings, else None: the rule itself, pure, so the
    journal import's preview and the posting path say the same thing."""
    if period.key < first_key:
        return (f"{period} 早于账套启用期间 {Period.from_key(first_key)}，不能记账", "启用前的余额请作为期初余额录入")
    if period.key in closed_keys:
        return (f"{period} 已结账，不能在该月记账", "请改用未结账月份的日期，或先反结账（需填写原因）")
    return None


class PeriodGuard:
    def __init__(self, ctx: ServiceContext):
        self._ctx = ctx

    def check_open(self, days: list[dt.date] | set[dt.date] | tuple[dt.date, ...]) -> None:
        """Refuse when any of the dates falls in a month that takes no postings (read fresh each time,
        in one query: the books' first month and which of these months are closed)."""
        keys = sorted({Period.of(day).key for day in days})
        if not keys:
            return  # nothing dated: nothing to refuse (an import with nothing left to post)
        p = self._ctx.db.param
        rows = self._ctx.db.execute_sql(
            f"SELECT b.first_period_key, s.period_key FROM book b LEFT JOIN period_state s ON s.is_closed = {p}"
            f" AND s.period_key IN ({', '.join([p] * len(keys))})", (True, *keys)).fetchall()
        if not rows:
            raise VoucherError("尚未建立账套，不能记账", "请先建立账套")
        first, closed = int(rows[0][0]), {int(row[1]) for row in rows if row[1] is not None}
        for day in sorted(set(days)):
            problem = refusal(Period.of(day), first, closed)
            if problem:
                raise ClosedPeriodError(*problem)

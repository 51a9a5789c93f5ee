"""租金收缴台账 (rent ledger): the charges of a source falling due in a range of days, each with what
was received against it by a day, grouped by lease with a subtotal per lease and a 合计.

A read model over the shared receivables, not a service call per lease: one SQL statement reads
every billed charge due in the range with its live settlements summed by kind (set-based, one
pass), so five years of a thousand leases (~60,000 charges) read in well under a second.

- 应收 (due): the charge less what a termination credited back (``adjust``);
- 实收 (received): receipts, the payer's credit, the deposit applied and offsets (抵销);
- 核销: written off as bad debt, net of what was written back when money came later (``writeback``);
- 欠款 (arrears): due − received − written off; 逾期天数: days from the due date to ``as_of`` of a
  charge still owed (0 for one settled).
Settlements after ``as_of`` are not counted: a ledger of last year printed today shows the arrears
as they stood at the year's end, the figures of 112 on that day.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Iterable

import peewee

from assetdesk.money import format_money
from assetdesk.services.receivables.common import BY_WRITEBACK
from assetdesk.services.receivables.types import (
    AGING_BUCKETS,
    BILLED,
    BY_ADJUST,
    BY_CREDIT,
    BY_DEPOSIT,
    BY_OFFSET,
    BY_RECEIPT,
    BY_WRITEOFF,
    COUNTERPARTY,
    PLANNED,
    Allocation,
    ArrearsRow,
    ReceiptView,
)

RECEIVED_KINDS = (BY_RECEIPT, BY_CREDIT, BY_DEPOSIT, BY_OFFSET)


@dataclass(frozen=True)
class LedgerTotals:
    due_fen: int = 0
    received_fen: int = 0
    written_off_fen: int = 0
    outstanding_fen: int = 0

    def __add__(self, other: LedgerTotals) -> LedgerTotals:
        return LedgerTotals(self.due_fen + other.due_fen, self.received_fen + other.received_fen,
                            self.written_off_fen + other.written_off_fen,
                            self.outstanding_fen + other.outstanding_fen)


@dataclass(frozen=True)
class LedgerCharge:
    """One charge due in the range, as of the ledger's day."""

    charge_id: int
    seq: int
    item: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    due_fen: int
    received_fen: int
    written_off_fen: int
    outstanding_fen: int
    days_overdue: int

    @property
    def totals(self) -> LedgerTotals:
        return LedgerTotals(self.due_fen, self.received_fen, self.written_off_fen, self.outstanding_fen)

    @property
    def period_text(self) -> str:
        """2026-01-01～2026-03-31: the rent period the charge is for."""
        return f"{self.period_start.isoformat()}～{self.period_end.isoformat()}"


@dataclass(frozen=True)
class LedgerLease:
    """A lease (or the source record) with its charges due in the range and their subtotal.
    ``charges`` is empty in a summary ledger (one line per lease); the counts and totals are not."""

    source_id: int
    number: str  # 合同编号
    payer_name: str  # 承租方
    charge_count: int
    totals: LedgerTotals
    oldest_owed_on: dt.date | None  # the due date of the oldest charge still owed
    days_overdue: int  # of that charge, to the ledger's day (0 when all is settled)
    charges: tuple[LedgerCharge, ...] = ()


@dataclass(frozen=True)
class RentLedger:
    first_day: dt.date
    last_day: dt.date
    as_of: dt.date
    leases: tuple[LedgerLease, ...]
    totals: LedgerTotals
    detail: bool = True  # each charge listed, or one line per lease
    unbilled: int = 0  # charges due in the range the due-rent run has not billed yet (not in the ledger)

    @property
    def charge_count(self) -> int:
        return sum(lease.charge_count for lease in self.leases)

    @property
    def days_overdue(self) -> int:
        return max((lease.days_overdue for lease in self.leases), default=0)


def ledger_as_of(last_day: dt.date, today: dt.date) -> dt.date:
    """The day settlements are counted to: the range's last day, or today while the range runs."""
    return min(last_day, today)


def _charges_sql(p: str) -> str:
    """Each billed charge of a source due in a range with its live settlements to a day summed by kind."""
    kinds = ", ".join([p] * len(RECEIVED_KINDS))
    return (
        "SELECT c.id, c.source_id, c.seq, c.item, c.period_start, c.period_end, c.due_on,"
        f" c.amount_fen - COALESCE(SUM(CASE WHEN s.kind = {p} THEN s.amount_fen ELSE 0 END), 0) AS due,"
        f" COALESCE(SUM(CASE WHEN s.kind IN ({kinds}) THEN s.amount_fen ELSE 0 END), 0) AS received,"
        f" COALESCE(SUM(CASE WHEN s.kind IN ({p}, {p}) THEN s.amount_fen ELSE 0 END), 0) AS written,"
        " l.number AS number, cp.name AS payer"
        " FROM charge c"
        f" LEFT JOIN settlement s ON s.charge_id = c.id AND s.is_void = {p} AND s.settled_on <= {p}"
        " LEFT JOIN lease l ON l.id = c.lease_id"
        f" LEFT JOIN counterparty cp ON cp.id = c.payer_id AND c.payer_kind = {p}"
        f" WHERE c.source = {p} AND c.state = {p} AND c.due_on >= {p} AND c.due_on <= {p}"
        " GROUP BY c.id, c.source_id, c.seq, c.item, c.period_start, c.period_end, c.due_on, c.amount_fen,"
        " l.number, cp.name"
    )


def rent_ledger(db: peewee.Database, first_day: dt.date, last_day: dt.date, as_of: dt.date,
                source: str = "lease", detail: bool = True) -> RentLedger:
    """The ledger of ``source``'s billed charges due ``first_day``…``last_day`` with settlements to
    ``as_of``: each charge under its lease (``detail``), or one line per lease summed in SQL."""
    p = db.param
    params = (BY_ADJUST, *RECEIVED_KINDS, BY_WRITEOFF, BY_WRITEBACK, False, as_of.isoformat(), COUNTERPARTY,
              source, BILLED, first_day.isoformat(), last_day.isoformat())
    leases = _detail(db, p, params, as_of) if detail else _summary(db, p, params, as_of)
    leases.sort(key=lambda lease: lease.number)
    grand = LedgerTotals()
    for lease in leases:
        grand = grand + lease.totals
    unbilled = due_charge_count(db, first_day, min(last_day, as_of), source, PLANNED)
    return RentLedger(first_day, last_day, as_of, tuple(leases), grand, detail, unbilled)


def due_charge_count(db: peewee.Database, first_day: dt.date, last_day: dt.date, source: str = "lease",
                     state: str = BILLED) -> int:
    """How many charges of ``source`` in ``state`` fall due in the range (billed: what a detail
    ledger lists; planned: what the due-rent run has still to bill)."""
    p = db.param
    sql = f"SELECT COUNT(*) FROM charge WHERE source = {p} AND state = {p} AND due_on >= {p} AND due_on <= {p}"
    row = db.execute_sql(sql, (source, state, first_day.isoformat(), last_day.isoformat())).fetchone()
    return int(row[0]) if row else 0


def _detail(db: peewee.Database, p: str, params: tuple, as_of: dt.date) -> list[LedgerLease]:
    by_source: dict[int, list[LedgerCharge]] = {}
    names: dict[int, tuple[str, str]] = {}
    days: dict[object, dt.date] = {}  # the same few dates come back thousands of times
    for (cid, source_id, seq, item, start, end, due_on, due, received, written, number,
         payer) in db.execute_sql(_charges_sql(p), params).fetchall():
        due, received, written = int(due), int(received), int(written)
        outstanding = due - received - written
        due_day = days.get(due_on) or days.setdefault(due_on, _day(due_on))
        overdue = max(0, (as_of - due_day).days) if outstanding > 0 else 0
        period_start = days.get(start) or days.setdefault(start, _day(start))
        period_end = days.get(end) or days.setdefault(end, _day(end))
        by_source.setdefault(source_id, []).append(
            LedgerCharge(cid, seq, item, period_start, period_end, due_day, due, received, written, outstanding,
                         overdue))
        names[source_id] = (number or str(source_id), payer or "")
    out = []
    for source_id, charges in by_source.items():
        charges.sort(key=lambda c: (c.due_on, c.seq, c.charge_id))
        total = LedgerTotals(sum(c.due_fen for c in charges), sum(c.received_fen for c in charges),
                             sum(c.written_off_fen for c in charges), sum(c.outstanding_fen for c in charges))
        owed = [c.due_on for c in charges if c.outstanding_fen > 0]
        oldest = min(owed) if owed else None
        out.append(LedgerLease(source_id, *names[source_id], len(charges), total, oldest,
                               max(0, (as_of - oldest).days) if oldest else 0, tuple(charges)))
    return out


def _summary(db: peewee.Database, p: str, params: tuple, as_of: dt.date) -> list[LedgerLease]:
    sql = ("SELECT x.source_id, x.number, x.payer, COUNT(*), SUM(x.due), SUM(x.received), SUM(x.written),"
           " MIN(CASE WHEN x.due - x.received - x.written > 0 THEN x.due_on END)"
           f" FROM ({_charges_sql(p)}) x GROUP BY x.source_id, x.number, x.payer")
    out = []
    for source_id, number, payer, count, due, received, written, oldest in db.execute_sql(sql, params).fetchall():
        due, received, written = int(due), int(received), int(written)
        oldest_day = _day(oldest) if oldest is not None else None
        out.append(LedgerLease(source_id, number or str(source_id), payer or "", int(count),
                               LedgerTotals(due, received, written, due - received - written), oldest_day,
                               max(0, (as_of - oldest_day).days) if oldest_day else 0))
    return out


def _day(value) -> dt.date:
    """A date column as read back: a date (PostgreSQL) or its ISO text (SQLite)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


@dataclass(frozen=True)
class ArrearsTotals:
    """欠款合计 and the aging buckets (``AGING_BUCKETS``) summed over rows of ``arrears``."""

    count: int
    charges: int
    outstanding_fen: int
    buckets_fen: tuple[int, ...]
    oldest_days: int


@dataclass(frozen=True)
class ArrearsGroup:
    payer_name: str
    rows: tuple[ArrearsRow, ...]
    totals: ArrearsTotals


def arrears_totals(rows: Iterable[ArrearsRow]) -> ArrearsTotals:
    rows = list(rows)
    buckets = tuple(sum(r.buckets_fen[i] for r in rows) for i in range(len(AGING_BUCKETS)))
    return ArrearsTotals(len(rows), sum(r.charges for r in rows), sum(r.outstanding_fen for r in rows), buckets,
                         max((r.days_overdue for r in rows), default=0))


def arrears_by_payer(rows: Iterable[ArrearsRow]) -> list[ArrearsGroup]:
    """The 欠租账龄表's groups: each payer with its leases and its 小计, in the order the rows come
    (``arrears`` puts the longest overdue first: the tenants to chase head the list)."""
    by_payer: dict[tuple[str, str, int], list[ArrearsRow]] = {}
    for row in rows:
        by_payer.setdefault((row.payer_name, row.payer.kind, row.payer.id), []).append(row)
    return [ArrearsGroup(key[0], tuple(members), arrears_totals(members)) for key, members in by_payer.items()]


def receipt_reason(view: ReceiptView) -> str:
    """收款事由: the months each item settled (2026年1-3月租金), 押金 for a deposit, 预收 for what
    was kept as credit; the receipt's own summary when it settled nothing."""
    parts: list[str] = []
    by_item: dict[str, list[Allocation]] = {}
    for allocation in view.allocations:
        by_item.setdefault(allocation.item or "款项", []).append(allocation)
    for item, allocations in by_item.items():
        parts.append(f"{months_text(allocations)}{item}")
    if view.purpose == "deposit":  # the engine's summary names the contract: 收取押金 合同HT2025-001
        parts.append(view.summary.removeprefix("收取").strip() or "押金")
    if view.credit_fen > 0:
        parts.append(f"预收款{format_money(view.credit_fen)}")
    return "、".join(parts) or view.summary or "收款"


def months_text(allocations: Iterable[Allocation]) -> str:
    """The months covered, runs of consecutive months joined: 2026年1-3月, 2025年11月-2026年2月."""
    months = sorted({(y, m) for a in allocations for (y, m) in _months(a.period_start, a.period_end)})
    runs: list[list[tuple[int, int]]] = []
    for month in months:
        if runs and _next(runs[-1][-1]) == month:
            runs[-1].append(month)
        else:
            runs.append([month])
    texts = []
    for run in runs:
        (y1, m1), (y2, m2) = run[0], run[-1]
        if (y1, m1) == (y2, m2):
            texts.append(f"{y1}年{m1}月")
        elif y1 == y2:
            texts.append(f"{y1}年{m1}-{m2}月")
        else:
            texts.append(f"{y1}年{m1}月-{y2}年{m2}月")
    return "、".join(texts)


def _months(start: dt.date, end: dt.date) -> list[tuple[int, int]]:
    out, month = [], (start.year, start.month)
    while month <= (end.year, end.month):
        out.append(month)
        month = _next(month)
    return out


def _next(month: tuple[int, int]) -> tuple[int, int]:
    year, number = month
    return (year + 1, 1) if number == 12 else (year, number + 1)

"""应收租金计划 and 欠租明细 as worksheets (``assetdesk export rent-schedule|arrears FILE``).

Each is one table under a title row with the community's name, a 单位：元 row and a frozen header;
money in ``#,##0.00`` number cells (plain numbers, so the clerk can add them up again), dates as
dates, and a 合计 row at the foot that the reader skips.

- ``rent-schedule``: every lease's schedule, period by period (or one contract's), with what was
  received (receipts, credit, deposit and offset) and what is still to come in (未收: the open part of
  a billed period, the whole of one not billed yet). Cancelled periods (a contract ended early) are
  left out.
- ``arrears``: by tenant and contract, what is owed on a day with its age (1–30, 31–90, 91–180,
  181–365 and more than 365 days past due; a bucket with nothing is left blank) — as of today, or
  of the last day of ``--period`` / ``--year`` when that is earlier.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assetdesk.periods import PeriodRange
from assetdesk.services.receivables.types import AGING_BUCKETS, BILLED, CANCELLED, STATE_LABELS

from .writer import export_table

if TYPE_CHECKING:
    from assetdesk.services.books import Books
    from assetdesk.services.receivables.types import ChargeRow

LEASE_SOURCE = "lease"
SCHEDULE_COLUMNS = [("合同编号", "text"), ("承租方", "text"), ("资产", "text"), ("期次", "int"), ("起始日", "date"),
                    ("截止日", "date"), ("应收日", "date"), ("月数", "text"), ("应收金额", "amount"),
                    ("已收", "amount"), ("未收", "amount"), ("状态", "text"), ("说明", "text")]
ARREARS_COLUMNS = [("承租方", "text"), ("合同编号", "text"), ("笔数", "int"), ("欠款合计", "amount"),
                   *((label, "amount") for _, _, label in AGING_BUCKETS), ("最早应收日", "date"), ("逾期天数", "int")]


def _community(books: Books) -> str:
    book = books.org.book()
    return book.community_name if book else ""


def _as_of(day: dt.date) -> str:
    return f"截至{day.year}年{day.month}月{day.day}日"


def charge_state(charge: ChargeRow) -> str:
    """What the clerk calls a period: 未到期 (not billed yet), 未收, 部分收款, 已收清, 已核销."""
    if charge.state != BILLED:
        return STATE_LABELS.get(charge.state, charge.state)
    if charge.outstanding_fen <= 0:
        return "已核销" if charge.written_off_fen and not charge.received_fen else "已收清"
    return "部分收款" if charge.outstanding_fen < charge.amount_fen else "未收"


def settled_fen(charge: ChargeRow) -> int:
    """已收: paid by receipts and credit, by the deposit and by offset (not written off or credited back)."""
    return charge.received_fen + charge.deposit_fen + charge.offset_fen


def unpaid_fen(charge: ChargeRow) -> int:
    """未收: what is still to come in for the period, billed or not (a written-off part is not)."""
    if charge.state == BILLED:
        return charge.outstanding_fen
    return charge.amount_fen - settled_fen(charge) - charge.written_off_fen - charge.adjusted_fen


def export_rent_schedule(books: Books, path: str | Path, lease: str | None = None, **_: Any) -> Path:
    """应收租金计划 of every lease (or of contract ``lease``), by contract number and period."""
    leases = [books.leases.get(lease)] if lease else sorted(books.leases.list_leases(), key=lambda r: r.number)
    rows: list[list[Any]] = []
    total = [0, 0, 0]
    for item in leases:
        assets = "、".join(f"{code} {name}".strip() for code, name in zip(item.asset_codes, item.asset_names))
        for charge in books.leases.schedule(item.number):
            if charge.state == CANCELLED:
                continue
            received = settled_fen(charge)
            open_fen = unpaid_fen(charge)
            rows.append([item.number, item.tenant_name, assets, charge.seq, charge.period_start, charge.period_end,
                         charge.due_on, charge.months_text, charge.amount_fen, received, open_fen,
                         charge_state(charge), charge.note])
            total = [total[0] + charge.amount_fen, total[1] + received, total[2] + open_fen]
    if rows:
        rows.append(["合计", f"{len(leases)}份合同", "", None, None, None, None, f"{len(rows)}期", *total, "", ""])
    title = f"应收租金计划（合同 {lease}）" if lease else "应收租金计划"
    return export_table(path, title, "元", SCHEDULE_COLUMNS, rows, _community(books), sheet_name="应收租金计划")


def export_arrears(books: Books, path: str | Path, on: dt.date | None = None, period: object = None,
                   year: int | str | None = None, **_: Any) -> Path:
    """欠租明细 with aging on ``on``; by default today, or the last day of ``period`` / ``year``
    when that is earlier (the arrears at a month's or a year's end)."""
    if on is None:
        on = books.ctx.today()
        if period:
            on = min(on, PeriodRange.of(period).last.last_day)
        elif year:
            on = min(on, dt.date(int(year), 12, 31))
    items = sorted(books.receivables.arrears(on, LEASE_SOURCE),
                   key=lambda r: (-r.days_overdue, r.payer_name, r.source_label))
    rows: list[list[Any]] = [[r.payer_name, r.source_label, r.charges, r.outstanding_fen,
                              *(fen or None for fen in r.buckets_fen), r.oldest_due_on, r.days_overdue]
                             for r in items]
    if items:
        buckets = [sum(r.buckets_fen[i] for r in items) for i in range(len(AGING_BUCKETS))]
        rows.append(["合计", f"{len(items)}户", sum(r.charges for r in items), sum(r.outstanding_fen for r in items),
                     *(fen or None for fen in buckets), None, None])
    return export_table(path, f"欠租明细（{_as_of(on)}）", "元", ARREARS_COLUMNS, rows, _community(books),
                        sheet_name="欠租明细")


# export-only kinds: name → (title, writer(books, path, period=, year=))
LEASE_EXPORTS: dict[str, tuple[str, Callable[..., Path]]] = {
    "rent-schedule": ("应收租金计划", export_rent_schedule),
    "arrears": ("欠租明细", export_arrears),
}

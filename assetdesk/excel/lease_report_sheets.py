"""合同台账, 租金收缴台账, 欠租账龄表 and a 收款收据 as worksheets (导出Excel of the printed reports):
the same rows, 小计 and 合计 as the PDFs (``assetdesk.pdf.lease_reports``, ``receipt``), numbers as
numbers so the figures can be added up again in Excel."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assetdesk.money import to_capital
from assetdesk.periods import Period, PeriodRange
from assetdesk.services.leases.report import LEASE_GROUPINGS, assets_text, group_leases, lease_grouping, lease_totals
from assetdesk.services.receivables.ledger import (
    arrears_by_payer,
    arrears_totals,
    ledger_as_of,
    receipt_reason,
    rent_ledger,
)
from assetdesk.services.receivables.types import AGING_BUCKETS

from .writer import export_table

if TYPE_CHECKING:
    from assetdesk.services.books import Books

REGISTER_COLUMNS = [("合同编号", "text"), ("承租方", "text"), ("资产", "text"), ("面积㎡", "area"), ("用途", "text"),
                    ("交易方式", "text"), ("决议文号", "text"), ("起始日期", "date"), ("终止日期", "date"),
                    ("提前终止日期", "date"), ("租金", "text"), ("缴费周期", "text"), ("押金应收", "amount"),
                    ("押金在押", "amount"), ("状态", "text"), ("累计应收", "amount"), ("累计已收", "amount"),
                    ("欠款", "amount")]
LEDGER_COLUMNS = [("合同编号", "text"), ("承租方", "text"), ("起始日期", "date"), ("终止日期", "date"),
                  ("应收日期", "date"), ("应收", "amount"), ("实收", "amount"), ("核销", "amount"), ("欠款", "amount"),
                  ("逾期天数", "int")]
ARREARS_COLUMNS = [("承租方", "text"), ("合同编号", "text"), ("欠款笔数", "int"), ("最早应收日", "date"),
                   ("逾期天数", "int"), ("欠款合计", "amount"), *((label, "amount") for _, _, label in AGING_BUCKETS)]
RECEIPT_COLUMNS = [("收据号", "text"), ("收款日期", "date"), ("交款单位（人）", "text"), ("收款事由", "text"),
                   ("金额", "amount"), ("金额（大写）", "text"), ("其中预收", "amount"), ("收款方式", "text"),
                   ("收款人", "text"), ("状态", "text"), ("作废日期", "date"), ("作废原因", "text"), ("备注", "text")]


def _community(books: Books) -> str:
    book = books.org.book()
    return book.community_name if book else ""


def _day(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def export_lease_register(books: Books, path: str | Path, first: Period | None = None, last: Period | None = None,
                          account: str | None = None, group: str | None = None) -> Path:
    by = lease_grouping(group)
    today = books.ctx.today()
    leases = books.leases.list_leases(today=today)
    rows: list[list[Any]] = []
    for item in group_leases(leases, by):
        rows += [[r.number, r.tenant_name, assets_text(r), r.area_centi or None, r.purpose, r.method, r.decision_ref,
                  r.start_on, r.end_on, r.terminated_on, r.rent_text, r.cycle_label, r.deposit_fen, r.deposit_held_fen,
                  r.status, r.billed_fen, r.received_fen, r.outstanding_fen] for r in item.rows]
        rows.append(_register_sum(f"{item.label}小计", item.totals))
    if leases:
        rows.append(_register_sum("合计", lease_totals(leases)))
    title = f"合同台账（按{LEASE_GROUPINGS[by]}，截至{_day(today)}）"
    return export_table(path, title, "元", REGISTER_COLUMNS, rows, _community(books), sheet_name="合同台账")


def _register_sum(label: str, totals) -> list[Any]:
    return ["", label, f"{totals.count}份", totals.area_centi, "", "", "", None, None, None, "", "",
            totals.deposit_fen, totals.deposit_held_fen, "", totals.billed_fen, totals.received_fen,
            totals.outstanding_fen]


def export_rent_ledger(books: Books, path: str | Path, first: Period, last: Period,
                       account: str | None = None) -> Path:
    last_day = last.last_day
    ledger = rent_ledger(books.ctx.db, first.first_day, last_day, ledger_as_of(last_day, books.ctx.today()))
    rows: list[list[Any]] = []
    for lease in ledger.leases:
        rows += [[lease.number, lease.payer_name, c.period_start, c.period_end, c.due_on, c.due_fen, c.received_fen,
                  c.written_off_fen, c.outstanding_fen, c.days_overdue or None] for c in lease.charges]
        t = lease.totals
        rows.append([f"{lease.number}小计", f"{lease.charge_count}笔", None, None, None, t.due_fen, t.received_fen,
                     t.written_off_fen, t.outstanding_fen, lease.days_overdue or None])
    if ledger.leases:
        t = ledger.totals
        days = max(lease.days_overdue for lease in ledger.leases)
        rows.append(["合计", f"{len(ledger.leases)}份合同 {ledger.charge_count}笔", None, None, None, t.due_fen,
                     t.received_fen, t.written_off_fen, t.outstanding_fen, days or None])
    title = f"租金收缴台账（{PeriodRange(first, last).label}，实收计至{_day(ledger.as_of)}）"
    return export_table(path, title, "元", LEDGER_COLUMNS, rows, _community(books), sheet_name="租金收缴台账")


def export_arrears(books: Books, path: str | Path, first: Period | None = None, last: Period | None = None,
                   account: str | None = None, as_of: dt.date | None = None) -> Path:
    """欠租账龄表 of ``as_of`` (the books' today when not given), as printed."""
    as_of = as_of or books.ctx.today()
    items = books.receivables.arrears(as_of, "lease")
    rows: list[list[Any]] = []
    for group in arrears_by_payer(items):
        rows += [[group.payer_name, r.source_label, r.charges, r.oldest_due_on, r.days_overdue, r.outstanding_fen,
                  *r.buckets_fen] for r in group.rows]
        if len(group.rows) > 1:
            rows.append(_arrears_sum(f"{group.payer_name}小计", group.totals))
    if items:
        rows.append(_arrears_sum("合计", arrears_totals(items)))
    return export_table(path, f"欠租账龄表（截至{_day(as_of)}）", "元", ARREARS_COLUMNS, rows, _community(books),
                        sheet_name="欠租账龄表")


def _arrears_sum(label: str, totals) -> list[Any]:
    return [label, f"{totals.count}份合同", totals.charges, None, totals.oldest_days, totals.outstanding_fen,
            *totals.buckets_fen]


def export_receipt(books: Books, path: str | Path, first: Period | None = None, last: Period | None = None,
                   account: str | None = None, number: str | None = None) -> Path:
    """One 收款收据 as a row (its number, payer, 事由, amount in figures and 大写, 作废 or not)."""
    view = books.receivables.receipt(number or "")
    row = [view.number, view.received_on, view.payer_name, receipt_reason(view), view.amount_fen,
           to_capital(view.amount_fen, prefix=True), view.credit_fen or None, view.method, view.created_by,
           "作废" if view.is_void else "有效", view.voided_on, view.void_reason, view.note]
    return export_table(path, f"收款收据 NO.{view.number}", "元", RECEIPT_COLUMNS, [row], _community(books),
                        sheet_name="收款收据")

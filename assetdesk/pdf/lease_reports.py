"""合同台账, 租金收缴台账 and 欠租账龄表 printed (issue 11 item 6).

- 合同台账 (``lease-register``): every lease with its terms, deposit (应收 / 在押) and what it has
  billed, received and still owes, grouped by 状态 or by 资产 with 小计 and a 合计; of the day printed.
- 租金收缴台账 (``rent-ledger``): the rent falling due in the months asked for, each charge with 应收,
  实收, 核销, 欠款 and 逾期天数, a 小计 per lease and a 合计 (``receivables.ledger.rent_ledger``);
  with more than ``DETAIL_LIMIT`` charges one line per lease (a year of a thousand monthly leases
  would otherwise print 13,000 lines on 300 pages; the workbook and the lease's schedule keep each).
- 欠租账龄表 (``arrears``): what each tenant owes on a day by lease, aged 1–30 … >365 days.

Each report has a ``…_spec`` function over plain rows (tests and the UI's preview fill them) and a
``build_…`` function that reads the books and prints.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Sequence

from assetdesk.money import format_amount
from assetdesk.pdf.report import Column, ReportSpec, Row, Section, render_table_report
from assetdesk.pdf.scope import PeriodRange, community_name, print_font
from assetdesk.services.leases.report import (
    LEASE_GROUPINGS,
    assets_text,
    group_leases,
    lease_grouping,
    lease_totals,
    term_text,
)
from assetdesk.services.leases.types import LeaseRow
from assetdesk.services.receivables.ledger import (
    LedgerTotals,
    RentLedger,
    arrears_by_payer,
    arrears_totals,
    due_charge_count,
    ledger_as_of,
    rent_ledger,
)
from assetdesk.services.receivables.types import AGING_BUCKETS, ArrearsRow

REGISTER_COLUMNS = (Column("合同编号", 15), Column("承租方", 16), Column("资产", 15), Column("面积㎡", 10, "amount"),
                    Column("用途", 8), Column("交易方式\n决议文号", 15), Column("起止日期", 13, "center"),
                    Column("租金", 14, "right"), Column("缴费\n周期", 5, "center"),
                    Column("押金\n应收/在押", 14, "right"), Column("状态", 7, "center"),
                    Column("累计应收", 17, "amount"), Column("累计已收", 17, "amount"), Column("欠款", 16, "amount"))
LEDGER_COLUMNS = (Column("合同编号", 15), Column("承租方", 22), Column("租金所属期间", 25, "center"),
                  Column("应收日期", 13, "center"), Column("应收", 16, "amount"), Column("实收", 16, "amount"),
                  Column("核销", 13, "amount"), Column("欠款", 16, "amount"), Column("逾期天数", 10, "right"))
LEDGER_SUMMARY_COLUMNS = (Column("合同编号", 15), Column("承租方", 24), Column("到期笔数", 9, "right"),
                          Column("最早欠款\n应收日期", 13, "center"), Column("应收", 17, "amount"),
                          Column("实收", 17, "amount"), Column("核销", 14, "amount"), Column("欠款", 17, "amount"),
                          Column("逾期天数", 10, "right"))
# a ledger lists each charge up to this many (a year of 120 monthly leases, ~40 pages); more print
# a line per lease: a thousand leases' year would otherwise be 13,000 lines on 300 pages
DETAIL_LIMIT = 1500
ARREARS_COLUMNS = (Column("承租方", 22), Column("合同编号", 15), Column("欠款\n笔数", 7, "right"),
                   Column("最早应收日", 13, "center"), Column("逾期天数", 9, "right"), Column("欠款合计", 16, "amount"),
                   *(Column(label, 14, "amount") for _, _, label in AGING_BUCKETS))


def day_label(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# --- 合同台账 -----------------------------------------------------------------------------------
def lease_register_rows(rows: Sequence[LeaseRow], by: str) -> list[Row]:
    out: list[Row] = []
    for group in group_leases(list(rows), by):
        out += [Row((r.number, r.tenant_name, assets_text(r), r.area_centi, r.purpose, _method_text(r),
                     term_text(r), r.rent_text, r.cycle_label, _deposit_text(r.deposit_fen, r.deposit_held_fen),
                     r.status, r.billed_fen, r.received_fen, r.outstanding_fen)) for r in group.rows]
        out.append(_register_sum(f"{group.label}小计", group.totals, "subtotal"))
    if rows:
        out.append(_register_sum("合计", lease_totals(rows), "total"))
    return out


def _register_sum(label: str, totals, kind: str) -> Row:
    return Row(("", label, f"{totals.count}份", totals.area_centi, "", "", "", "", "",
                _deposit_text(totals.deposit_fen, totals.deposit_held_fen), "", totals.billed_fen, totals.received_fen,
                totals.outstanding_fen), kind)


def _method_text(row: LeaseRow) -> str:
    """交易方式 over the 决议文号 (the decision that approved the lease); a missing one shows 无决议."""
    return f"{row.method}\n{row.decision_ref or '无决议文号'}"


def _deposit_text(required_fen: int, held_fen: int) -> str:
    """押金 the contract asks over what is held today: 6,000.00 / 5,000.00 on two lines."""
    if not required_fen and not held_fen:
        return ""
    return f"{format_amount(required_fen)}\n{format_amount(held_fen)}"


def lease_register_spec(rows: Sequence[LeaseRow], *, by: str, community: str, printed_on: date,
                        font: str | None = None) -> ReportSpec:
    return ReportSpec("合同台账", community, f"截至{day_label(printed_on)}", columns=REGISTER_COLUMNS, landscape=True,
                      sections=[Section(lease_register_rows(rows, by), f"按{LEASE_GROUPINGS[by]}分组")],
                      printed_on=printed_on, font=font, empty_text="（没有租赁合同）")


def build_lease_register(books, path: str | Path, *, group: str | None = None, printed_on: date) -> Path:
    """合同台账 as of ``printed_on``, by 状态 (``group`` "status") or 资产 ("asset")."""
    by = lease_grouping(group)
    rows = books.leases.list_leases(today=printed_on)
    return render_table_report(path, lease_register_spec(rows, by=by, community=community_name(books),
                                                         printed_on=printed_on, font=print_font(books)))


# --- 租金收缴台账 -------------------------------------------------------------------------------
def rent_ledger_rows(ledger: RentLedger) -> list[Row]:
    """Each charge under its lease with a 小计 for a lease of more than one (a detail ledger), or one
    line per lease (a summary); a 合计 over all."""
    out: list[Row] = []
    for lease in ledger.leases:
        if not ledger.detail:
            out.append(Row((lease.number, lease.payer_name, str(lease.charge_count), _day_text(lease.oldest_owed_on),
                            *_figures(lease.totals, lease.days_overdue))))
            continue
        for index, charge in enumerate(lease.charges):  # the number on each line: a page may break inside a lease
            out.append(Row((lease.number, lease.payer_name if index == 0 else "", charge.period_text,
                            charge.due_on.isoformat(), *_figures(charge.totals, charge.days_overdue))))
        if len(lease.charges) > 1:
            out.append(Row((f"{lease.number}小计", f"{lease.charge_count}笔", "", "",
                            *_figures(lease.totals, lease.days_overdue)), "subtotal"))
    if ledger.leases:
        out.append(Row(("合计", f"{len(ledger.leases)}份合同", f"{ledger.charge_count}笔", "",
                        *_figures(ledger.totals, ledger.days_overdue)), "total"))
    return out


def _figures(totals: LedgerTotals, days: int) -> tuple:
    return (totals.due_fen, totals.received_fen, totals.written_off_fen, totals.outstanding_fen,
            str(days) if days else "")


def _day_text(day: date | None) -> str:
    return day.isoformat() if day else ""


def rent_ledger_spec(ledger: RentLedger, *, period_label: str, community: str, printed_on: date,
                     font: str | None = None) -> ReportSpec:
    shape = "逐笔列示" if ledger.detail else f"共{ledger.charge_count:,}笔，每份合同一行合计"
    note = f"本期到期租金{shape}；实收计至{day_label(ledger.as_of)}，逾期天数计至同日"
    if ledger.unbilled:
        note += f"；另有{ledger.unbilled}笔已到期租金尚未出账，未列入（请先做到期租金出账）"
    return ReportSpec("租金收缴台账", community, period_label,
                      columns=LEDGER_COLUMNS if ledger.detail else LEDGER_SUMMARY_COLUMNS, landscape=True,
                      sections=[Section(rent_ledger_rows(ledger), note)], printed_on=printed_on, font=font,
                      empty_text="（本期没有到期的租金）")


def read_rent_ledger(books, scope: PeriodRange, printed_on: date) -> RentLedger:
    """The ledger of ``scope``'s months with settlements to the range's end (or ``printed_on`` while
    it runs): each charge while there are at most ``DETAIL_LIMIT``, else one line per lease."""
    first, last = scope.first.first_day, scope.last.last_day
    detail = due_charge_count(books.ctx.db, first, last) <= DETAIL_LIMIT
    return rent_ledger(books.ctx.db, first, last, ledger_as_of(last, printed_on), detail=detail)


def build_rent_ledger(books, path: str | Path, scope: PeriodRange, *, printed_on: date) -> Path:
    ledger = read_rent_ledger(books, scope, printed_on)
    return render_table_report(path, rent_ledger_spec(ledger, period_label=scope.label,
                                                      community=community_name(books), printed_on=printed_on,
                                                      font=print_font(books)))


# --- 欠租账龄表 ---------------------------------------------------------------------------------
def arrears_rows(rows: Sequence[ArrearsRow]) -> list[Row]:
    out: list[Row] = []
    for group in arrears_by_payer(rows):
        for index, r in enumerate(group.rows):
            out.append(Row((group.payer_name if index == 0 else "", r.source_label, str(r.charges),
                            r.oldest_due_on.isoformat(), str(r.days_overdue), r.outstanding_fen, *r.buckets_fen)))
        if len(group.rows) > 1:
            out.append(_arrears_sum(f"{group.payer_name}小计", group.totals, "subtotal"))
    if rows:
        out.append(_arrears_sum("合计", arrears_totals(rows), "total"))
    return out


def _arrears_sum(label: str, totals, kind: str) -> Row:
    return Row((label, f"{totals.count}份合同", str(totals.charges), "", str(totals.oldest_days),
                totals.outstanding_fen, *totals.buckets_fen), kind)


def arrears_spec(rows: Sequence[ArrearsRow], *, as_of: date, community: str, printed_on: date,
                 font: str | None = None) -> ReportSpec:
    return ReportSpec("欠租账龄表", community, f"截至{day_label(as_of)}", columns=ARREARS_COLUMNS, landscape=True,
                      sections=[Section(arrears_rows(rows), "账龄按每笔租金的应收日期计至报表日期")],
                      groups=[("账龄", 6, 5 + len(AGING_BUCKETS))], printed_on=printed_on, font=font,
                      empty_text="（没有欠租）")


def build_arrears(books, path: str | Path, *, as_of: date, printed_on: date) -> Path:
    """欠租账龄表 as of ``as_of``: each tenant's arrears by lease, aged."""
    rows = books.receivables.arrears(as_of, "lease")
    return render_table_report(path, arrears_spec(rows, as_of=as_of, community=community_name(books),
                                                  printed_on=printed_on, font=print_font(books)))

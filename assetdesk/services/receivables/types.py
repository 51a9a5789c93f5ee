"""What the shared receivables engine takes and returns (DOMAIN §5 收款, §6 payments).

A payer is a counterparty (a tenant, a property company) or a household (property fees, issue 12):
``Payer(kind, id)``. Amounts are fen. The engine knows nothing of leases or fees beyond the
``source`` string and id a charge carries ("lease", 7), so both areas use it without importing each other.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

COUNTERPARTY = "counterparty"
HOUSEHOLD = "household"
PAYER_KINDS = (COUNTERPARTY, HOUSEHOLD)

METHODS = ("现金", "转账", "微信", "支付宝")  # 现金 posts to the cash rule, the others to the bank rule

PLANNED, BILLED, CANCELLED = "planned", "billed", "cancelled"
STATE_LABELS = {PLANNED: "未到期", BILLED: "已出账", CANCELLED: "已取消"}

# Settlement kinds: what settled (part of) a charge
BY_RECEIPT, BY_DEPOSIT, BY_OFFSET, BY_WRITEOFF, BY_CREDIT, BY_ADJUST = (
    "receipt", "deposit", "offset", "writeoff", "credit", "adjust")

AGING_BUCKETS: tuple[tuple[int, int | None, str], ...] = (
    (1, 30, "1–30天"), (31, 90, "31–90天"), (91, 180, "91–180天"), (181, 365, "181–365天"), (366, None, "365天以上"))

# Document kinds the engine posts (documents.register_kind names them for the clerk)
DOC_CHARGES = "receivable_charges"  # a run's batch of charges falling due in one month
DOC_RECEIPT = "receipt"
DOC_DEPOSIT = "deposit_move"
DOC_OFFSET = "offset"
DOC_WRITEOFF = "write_off"
DOC_WRITEBACK = "write_back"  # money came for a written-off charge: the write-off reversed first
DOC_ADJUST = "charge_adjust"  # a billed charge reduced (termination): income and receivable back
DOC_CREDIT = "credit_apply"  # credit used by a charge, posted only when 预收 is not the receivable account
DOC_CREDIT_REFUND = "credit_refund"  # a payer's credit paid back (rent credited after a termination …)


@dataclass(frozen=True)
class Payer:
    kind: str
    id: int

    @staticmethod
    def counterparty(counterparty_id: int) -> Payer:
        return Payer(COUNTERPARTY, counterparty_id)


@dataclass(frozen=True)
class ChargeInput:
    """One charge an area hands in (a schedule line of a lease, a fee bill line)."""

    source: str
    source_id: int
    seq: int
    payer: Payer
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    amount_fen: int
    item: str = "租金"
    receivable_rule: str = "rent.receivable"
    income_rule: str = "rent.income"
    lease_id: int | None = None
    asset_id: int | None = None
    compound_id: int | None = None
    months_text: str = ""
    note: str = ""


@dataclass(frozen=True)
class ChargeRow:
    """A charge with what settled it: due − received − deposit − offset − written off − adjusted = outstanding."""

    id: int
    source: str
    source_id: int
    seq: int
    item: str
    payer: Payer
    payer_name: str
    lease_id: int | None
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    amount_fen: int
    months_text: str
    note: str
    state: str  # planned / billed / cancelled
    received_fen: int  # by receipts and credit
    deposit_fen: int  # by the deposit
    offset_fen: int
    written_off_fen: int  # net of what was written back
    adjusted_fen: int  # credited back (termination)
    outstanding_fen: int

    @property
    def is_open(self) -> bool:
        return self.state == BILLED and self.outstanding_fen > 0

    def days_overdue(self, on: dt.date) -> int:
        return max(0, (on - self.due_on).days) if self.is_open else 0


@dataclass(frozen=True)
class ReceiptInput:
    """A payment at the counter. Without ``charge_ids`` it settles the payer's open charges (of
    ``source``/``source_id`` when given) oldest-due first; what is left becomes the payer's credit.
    ``number`` is for historical receipts (import); a new receipt takes the next number."""

    payer: Payer
    received_on: dt.date
    amount_fen: int
    method: str
    source: str = ""
    source_id: int | None = None
    charge_ids: tuple[int, ...] | None = None
    number: str = ""
    summary: str = ""
    note: str = ""
    use_credit: bool = True  # the payer's credit settles the oldest charges first


@dataclass(frozen=True)
class Allocation:
    charge_id: int
    item: str
    period_start: dt.date
    period_end: dt.date
    due_on: dt.date
    amount_fen: int


@dataclass(frozen=True)
class ReceiptView:
    id: int
    number: str
    payer: Payer
    payer_name: str
    purpose: str  # charges / deposit
    source: str
    source_id: int | None
    received_on: dt.date
    method: str
    amount_fen: int
    credit_fen: int
    summary: str
    note: str
    is_void: bool
    voided_on: dt.date | None
    void_reason: str
    created_by: str
    allocations: tuple[Allocation, ...]
    voucher_label: str  # "2026-03 记-12" ("" when not posted)


@dataclass(frozen=True)
class RunResult:
    """What a due-charge run did: charges billed, their total, the vouchers (one per month)."""

    run_id: int | None  # None when nothing was due (a repeated run)
    charges: int
    total_fen: int
    periods: tuple[str, ...]
    first_voucher: str
    last_voucher: str


@dataclass(frozen=True)
class DepositState:
    lease_id: int
    required_fen: int  # what the contract asks
    received_fen: int
    applied_fen: int
    refunded_fen: int

    @property
    def held_fen(self) -> int:
        return self.received_fen - self.applied_fen - self.refunded_fen


@dataclass(frozen=True)
class ArrearsRow:
    """One payer's (and source's) arrears on a date with aging (DOMAIN §5): 1–30 … >365 days."""

    payer: Payer
    payer_name: str
    source: str
    source_id: int
    source_label: str  # 合同编号 / 房号
    charges: int
    outstanding_fen: int
    buckets_fen: tuple[int, int, int, int, int]
    oldest_due_on: dt.date
    days_overdue: int  # of the oldest

"""提前终止 (DOMAIN §5): rent runs to the termination day and no further, and the deposit is settled.

- Planned periods after the day are cancelled; the planned period containing it is generated again
  to end on that day (``regenerate`` with the terms cut short).
- A billed period covering days after it is reduced to the rent of the days used (0 when it starts
  after the day) through ``adjust_charge``: the engine credits income and the receivable back.
- The deposit: ``apply_then_refund`` applies it to the lease's open charges and refunds the rest,
  ``apply`` only applies it, ``refund`` refunds all of it, ``keep`` leaves it held.
Unpaid rent survives: the open charges stay open for the counter and the arrears lists.
"""
from __future__ import annotations

import datetime as dt

from assetdesk.db.models import Lease
from assetdesk.errors import InputError
from assetdesk.money import format_money
from assetdesk.services.leases.schedule import _Engine, regenerate
from assetdesk.services.leases.store import SOURCE, charge_inputs, line_of, terms_of_row
from assetdesk.services.leases.types import DEPOSIT_ACTIONS, Termination
from assetdesk.services.receivables import ChargeRow, Payer, ReceivableService

BILLED, CANCELLED = "billed", "cancelled"


def check(lease: Lease, on: dt.date, deposit_action: str) -> None:
    if lease.terminated_on is not None:
        raise InputError(f"合同 {lease.number} 已于 {lease.terminated_on} 终止", "已终止的合同不能再次终止")
    if not lease.start_on <= on <= lease.end_on:
        raise InputError(f"终止日 {on} 不在合同 {lease.number} 的租期（{lease.start_on} 至 {lease.end_on}）内",
                         "终止日是最后一个计租日，须在起租日和到期日之间")
    if deposit_action not in DEPOSIT_ACTIONS:
        raise InputError(f"押金处理方式“{deposit_action}”无效", "可选：抵扣后退还、抵扣、退还、保留")


def settle_rent(receivables: ReceivableService, lease: Lease, on: dt.date, asset_id: int | None,
                compound_id: int | None) -> int:
    """Rent to ``on``: the schedule cut short, billed days after it credited back; returns the credit."""
    charges = [c for c in receivables.charges_of(SOURCE, int(lease.id)) if c.state != CANCELLED]
    frozen = [c for c in charges if c.state == BILLED]
    terms = terms_of_row(lease, end_on=on)
    lines = regenerate([line_of(c) for c in charges], terms, {c.seq for c in frozen})
    kept = {c.seq for c in frozen}
    receivables.cancel_planned(SOURCE, int(lease.id), on)
    receivables.replace_planned(SOURCE, int(lease.id),
                                charge_inputs(lease, [line for line in lines if line.seq not in kept],
                                              asset_id, compound_id))
    credited = 0
    engine = _Engine(terms)
    for charge in frozen:
        if charge.period_end <= on:
            continue
        used = engine.line(charge.seq, charge.period_start, on).amount_fen if charge.period_start <= on else 0
        if used < charge.amount_fen:
            credited += charge.amount_fen - used
            receivables.adjust_charge(charge.id, used, on,
                                      f"合同 {lease.number} 于 {on} 提前终止，{on} 以后的租金"
                                      f" {format_money(charge.amount_fen - used)} 冲回")
    return credited


def settle_deposit(receivables: ReceivableService, lease: Lease, on: dt.date, action: str,
                   refund_method: str) -> tuple[int, int]:
    """(applied, refunded) of the deposit held."""
    held = receivables.deposit_state(int(lease.id)).held_fen
    applied = refunded = 0
    if held <= 0 or action == "keep":
        return 0, 0
    if action in ("apply_then_refund", "apply"):
        applied = receivables.apply_deposit(int(lease.id), on) if _open_fen(receivables, lease) else 0
    if action in ("apply_then_refund", "refund") and held - applied > 0:
        refunded = held - applied
        receivables.refund_deposit(int(lease.id), refunded, on, refund_method)
    return applied, refunded


def _open_fen(receivables: ReceivableService, lease: Lease) -> int:
    return sum(c.outstanding_fen for c in receivables.charges_of(SOURCE, int(lease.id)) if _is_open(c))


def _is_open(charge: ChargeRow) -> bool:
    return charge.state == BILLED and charge.outstanding_fen > 0


def result(receivables: ReceivableService, lease: Lease, on: dt.date, credited: int, applied: int,
           refunded: int) -> Termination:
    return Termination(lease.number, on, credited, applied, refunded, _open_fen(receivables, lease),
                       receivables.credit_of(Payer.counterparty(int(lease.tenant_id))))

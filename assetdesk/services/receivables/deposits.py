"""押金: received on a numbered receipt, applied to the lease's arrears, refunded; held = the moves' sum."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from assetdesk.db.models import DepositMove, Receipt, Settlement
from assetdesk.db.models.leases import Lease
from assetdesk.errors import InputError, NotFoundError, VoucherError
from assetdesk.events import ReceivablesChanged
from assetdesk.money import format_money
from assetdesk.services.documents import Document, DocumentLine
from assetdesk.services.receivables.allocation import oldest_first, settlement_row
from assetdesk.services.receivables.common import DEPOSIT_PURPOSE, charge_rules, check_payer, method_rule, period_text
from assetdesk.services.receivables.numbers import claim_number
from assetdesk.services.receivables.receipt_views import view
from assetdesk.services.receivables.types import BY_DEPOSIT, DOC_DEPOSIT, DepositState, Payer, ReceiptView

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService

RECEIVED, APPLIED, REFUNDED = "收取", "抵扣", "退还"


def _lease(lease_id: int) -> Lease:
    lease = Lease.get_or_none(Lease.id == lease_id)
    if lease is None:
        raise NotFoundError(f"租赁合同 {lease_id} 不存在", "请刷新后重试")
    return lease


def _moves(service: ReceivableService, lease_id: int) -> dict[str, int]:
    p = service.db.param
    return {str(kind): int(total) for kind, total in service.db.execute_sql(
        f"SELECT kind, SUM(amount_fen) FROM deposit_move WHERE lease_id = {p} AND is_void = {p} GROUP BY kind",
        (lease_id, False)).fetchall()}


def deposit_state(service: ReceivableService, lease_id: int) -> DepositState:
    lease = _lease(lease_id)
    moves = _moves(service, lease_id)
    return DepositState(lease_id, lease.deposit_fen, moves.get(RECEIVED, 0), moves.get(APPLIED, 0),
                        moves.get(REFUNDED, 0))


def receive_deposit(service: ReceivableService, lease_id: int, amount_fen: int, on: dt.date, method: str,
                    number: str = "") -> ReceiptView:
    with service.ctx.transaction():
        lease = _lease(lease_id)
        if amount_fen <= 0:
            raise InputError("押金金额必须大于零", "请核对押金金额")
        cash_rule = method_rule(method)
        name = check_payer(service.db, Payer.counterparty(lease.tenant_id))
        claimed = claim_number(service, number)
        receipt = Receipt.create(number=claimed, payer_kind="counterparty", payer_id=lease.tenant_id, payer_name=name,
                                 purpose=DEPOSIT_PURPOSE, source="lease", source_id=lease_id,
                                 received_on=on, method=method, amount_fen=amount_fen,
                                 summary=f"收取押金 合同{lease.number}"[:200], created_at=service.ctx.now(),
                                 created_by=service.ctx.user)
        move = _move(service, lease, RECEIVED, amount_fen, on, method, receipt.id, "")
        summary = f"收{name}押金 合同{lease.number} 收据{claimed}"
        service._documents.post(Document(DOC_DEPOSIT, move.id, on, summary, (
            DocumentLine(cash_rule, debit_fen=amount_fen, summary=summary),
            DocumentLine("deposit.payable", credit_fen=amount_fen, summary=summary, counterparty_id=lease.tenant_id,
                         lease_id=lease_id))))
        service.ctx.audit("收取押金", "deposit_move", move.id,
                          after={"合同": lease.number, "金额": format_money(amount_fen), "收据号": claimed, "日期": on})
        service.ctx.publish(ReceivablesChanged(source="lease"))
        return view(service, receipt)


def _move(service: ReceivableService, lease: Lease, kind: str, amount: int, on: dt.date, method: str,
          receipt_id: int | None, note: str) -> DepositMove:
    return DepositMove.create(lease=lease.id, payer_id=lease.tenant_id, kind=kind, amount_fen=amount, moved_on=on,
                              method=method, receipt=receipt_id, note=note[:200], created_at=service.ctx.now(),
                              created_by=service.ctx.user)


def apply_deposit(service: ReceivableService, lease_id: int, on: dt.date, amount_fen: int | None = None) -> int:
    """The deposit settles the lease's open charges, oldest first; returns the amount applied."""
    with service.ctx.transaction():
        lease = _lease(lease_id)
        held = deposit_state(service, lease_id).held_fen
        payer = Payer.counterparty(lease.tenant_id)
        charges = service.open_charges(payer, "lease", lease_id)
        owed = sum(c.outstanding_fen for c in charges)
        amount = min(held, owed) if amount_fen is None else amount_fen
        if amount <= 0:
            raise InputError("没有可以抵扣的押金或欠款" if amount_fen is None else "抵扣金额必须大于零",
                             f"押金余额 {format_money(held)}，欠款 {format_money(owed)}")
        if amount > held:
            raise InputError(f"抵扣押金 {format_money(amount)} 超过押金余额 {format_money(held)}", "请核对抵扣金额")
        if amount > owed:
            raise InputError(f"抵扣押金 {format_money(amount)} 超过合同欠款 {format_money(owed)}",
                             "押金只能抵扣已到期未收的租金；其余请退还")
        move = _move(service, lease, APPLIED, amount, on, "", None, "抵扣欠款")
        rules = charge_rules(service.db, [c.id for c in charges])
        summary = f"押金抵扣 合同{lease.number}"
        lines = [DocumentLine("deposit.payable", debit_fen=amount, summary=summary, counterparty_id=lease.tenant_id,
                              lease_id=lease_id)]
        parts = oldest_first(charges, amount)
        settlements = [settlement_row(charge.id, BY_DEPOSIT, move.id, take, on) for charge, take in parts]
        lines += [DocumentLine(rules[charge.id][0], credit_fen=take, counterparty_id=lease.tenant_id, lease_id=lease_id,
                               summary=f"押金抵扣 {charge.item} {period_text(charge.period_start, charge.period_end)}")
                  for charge, take in parts]
        Settlement.insert_many(settlements).execute()
        service._documents.post(Document(DOC_DEPOSIT, move.id, on, summary, tuple(lines)))
        service.ctx.audit("押金抵扣", "deposit_move", move.id,
                          after={"合同": lease.number, "金额": format_money(amount)})
        service.ctx.publish(ReceivablesChanged(source="lease"))
    return amount


def refund_deposit(service: ReceivableService, lease_id: int, amount_fen: int, on: dt.date, method: str) -> None:
    with service.ctx.transaction():
        lease = _lease(lease_id)
        cash_rule = method_rule(method)
        held = deposit_state(service, lease_id).held_fen
        if amount_fen <= 0:
            raise InputError("退还押金金额必须大于零", "请核对退还金额")
        if amount_fen > held:
            raise InputError(f"退还押金 {format_money(amount_fen)} 超过押金余额 {format_money(held)}",
                             "请核对退还金额；欠款可先用押金抵扣")
        move = _move(service, lease, REFUNDED, amount_fen, on, method, None, "退还押金")
        summary = f"退还押金 合同{lease.number}"
        service._documents.post(Document(DOC_DEPOSIT, move.id, on, summary, (
            DocumentLine("deposit.payable", debit_fen=amount_fen, summary=summary, counterparty_id=lease.tenant_id,
                         lease_id=lease_id),
            DocumentLine(cash_rule, credit_fen=amount_fen, summary=summary))))
        service.ctx.audit("退还押金", "deposit_move", move.id, after={"合同": lease.number,
                                                                   "金额": format_money(amount_fen), "方式": method})
        service.ctx.publish(ReceivablesChanged(source="lease"))


def void_deposit_receipt(service: ReceivableService, receipt: Receipt, on: dt.date) -> None:
    """A deposit receipt is voided while the deposit it took is still held in full."""
    move = DepositMove.get_or_none((DepositMove.receipt == receipt.id) & (DepositMove.is_void == False))  # noqa: E712
    if move is None:
        return
    held = deposit_state(service, move.lease_id).held_fen
    if held < move.amount_fen:
        raise VoucherError(f"收据 {receipt.number} 收取的押金已经抵扣或退还，不能作废",
                           "押金已抵扣或退还的部分不能再作废收据")
    DepositMove.update(is_void=True).where(DepositMove.id == move.id).execute()
    if service._documents.voucher_of(DOC_DEPOSIT, move.id) is not None:
        service._documents.reverse(DOC_DEPOSIT, move.id, on)

"""作废收据: the number kept, what it settled opened again, its vouchers reversed (红字冲销)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from assetdesk.db.models import PayerCredit, Receipt, Settlement, WriteOff
from assetdesk.errors import InputError, NotFoundError, VoucherError
from assetdesk.events import ReceivablesChanged
from assetdesk.money import format_money
from assetdesk.services.receivables.common import (
    BY_WRITEBACK,
    CREDIT_APPLY,
    CREDIT_RECEIPT,
    DEPOSIT_PURPOSE,
    as_date,
)
from assetdesk.services.receivables.credit import credit_of
from assetdesk.services.receivables.deposits import void_deposit_receipt
from assetdesk.services.receivables.numbers import find_receipt
from assetdesk.services.receivables.receipt_views import view
from assetdesk.services.receivables.types import (
    BY_CREDIT,
    BY_RECEIPT,
    DOC_CREDIT,
    DOC_RECEIPT,
    DOC_WRITEBACK,
    Payer,
    ReceiptView,
)

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService


def void_receipt(service: ReceivableService, number: str, on: dt.date, reason: str) -> ReceiptView:
    db, p = service.db, service.db.param
    with service.ctx.transaction():
        receipt = find_receipt(service, number)
        if receipt is None:
            raise NotFoundError(f"收据号 {number} 不存在", "请核对收据号")
        if receipt.is_void:
            raise VoucherError(f"收据 {receipt.number} 已经作废", "无需再次作废")
        if not reason.strip():
            raise InputError("请填写作废原因", "例如：金额写错、缴款人写错")
        if on < as_date(receipt.received_on):
            raise InputError(f"作废日期 {on} 早于收款日期 {as_date(receipt.received_on)}", "请核对作废日期")
        payer = Payer(receipt.payer_kind, receipt.payer_id)
        if receipt.purpose == DEPOSIT_PURPOSE:
            void_deposit_receipt(service, receipt, on)
        else:
            if receipt.credit_fen and credit_of(service, payer) < receipt.credit_fen:
                raise VoucherError(f"收据 {receipt.number} 留下的预收款 {format_money(receipt.credit_fen)}"
                                   " 已被后来的收款抵用，不能作废", "请先作废后来抵用预收款的收据，再作废这张")
            applies = [c.id for c in PayerCredit.select(PayerCredit.id).where(
                (PayerCredit.kind == CREDIT_APPLY) & (PayerCredit.source_id == receipt.id))]
            for charge_id, amount in db.execute_sql(
                    f"SELECT charge_id, -amount_fen FROM settlement WHERE kind = {p} AND source_id = {p}"
                    f" AND is_void = {p}", (BY_WRITEBACK, receipt.id, False)).fetchall():
                _unwrite_back(int(charge_id), int(amount))
            Settlement.update(is_void=True).where(
                (Settlement.kind.in_((BY_RECEIPT, BY_WRITEBACK)) & (Settlement.source_id == receipt.id))
                | ((Settlement.kind == BY_CREDIT) & Settlement.source_id.in_(applies or [0]))).execute()
            PayerCredit.update(is_void=True).where(
                PayerCredit.kind.in_((CREDIT_RECEIPT, CREDIT_APPLY)) & (PayerCredit.source_id == receipt.id)).execute()
            documents = service._documents
            posted = [(DOC_RECEIPT, receipt.id), (DOC_WRITEBACK, receipt.id)] + [(DOC_CREDIT, a) for a in applies]
            for kind, doc_id in posted:
                if documents.voucher_of(kind, doc_id) is not None:
                    documents.reverse(kind, doc_id, on)
        Receipt.update(is_void=True, voided_on=on, void_reason=reason.strip()[:200]).where(
            Receipt.id == receipt.id).execute()
        service.ctx.audit("作废收据", "receipt", receipt.number, before={"金额": format_money(receipt.amount_fen)},
                          after={"作废日期": on, "原因": reason.strip()})
        service.ctx.publish(ReceivablesChanged(source=receipt.source))
        return view(service, Receipt.get_by_id(receipt.id))


def _unwrite_back(charge_id: int, amount: int) -> None:
    for wo in WriteOff.select().where(WriteOff.charge == charge_id).order_by(WriteOff.id.desc()):
        take = min(amount, wo.written_back_fen)
        if take > 0:
            WriteOff.update(written_back_fen=WriteOff.written_back_fen - take).where(WriteOff.id == wo.id).execute()
            amount -= take
        if not amount:
            break

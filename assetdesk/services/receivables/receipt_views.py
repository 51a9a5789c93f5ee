"""Reading receipts: one by number (as typed), a payer's or a date range's, with allocations and vouchers."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from assetdesk.db.models import Receipt
from assetdesk.errors import NotFoundError
from assetdesk.services.receivables.common import (
    CREDIT_APPLY,
    DEPOSIT_PURPOSE,
    as_date,
    voucher_labels,
)
from assetdesk.services.receivables.numbers import find_receipt
from assetdesk.services.receivables.types import (
    BY_CREDIT,
    BY_RECEIPT,
    DOC_DEPOSIT,
    DOC_RECEIPT,
    Allocation,
    Payer,
    ReceiptView,
)

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService


def get(service: ReceivableService, number: str) -> ReceiptView:
    receipt = find_receipt(service, number)
    if receipt is None:
        raise NotFoundError(f"收据号 {number} 不存在", "请核对收据号")
    return view(service, receipt)


def listing(service: ReceivableService, payer: Payer | None, date_from: dt.date | None,
            date_to: dt.date | None) -> list[ReceiptView]:
    query = Receipt.select()
    if payer is not None:
        query = query.where((Receipt.payer_kind == payer.kind) & (Receipt.payer_id == payer.id))
    if date_from is not None:
        query = query.where(Receipt.received_on >= date_from)
    if date_to is not None:
        query = query.where(Receipt.received_on <= date_to)
    return views(service, list(query.order_by(Receipt.received_on, Receipt.number)))


def view(service: ReceivableService, receipt: Receipt) -> ReceiptView:
    return views(service, [receipt])[0]


def views(service: ReceivableService, receipts: list[Receipt]) -> list[ReceiptView]:
    """Receipts with their allocations and vouchers, read 500 at a time."""
    return [v for start in range(0, len(receipts), 500) for v in _views(service, receipts[start:start + 500])]


def _views(service: ReceivableService, receipts: list[Receipt]) -> list[ReceiptView]:
    if not receipts:
        return []
    db, p = service.db, service.db.param
    ids = [r.id for r in receipts]
    marks = ", ".join([p] * len(ids))
    allocations: dict[int, dict[int, int]] = {}
    rows = db.execute_sql(
        f"SELECT s.source_id, NULL, s.charge_id, s.amount_fen FROM settlement s WHERE s.kind = {p}"
        f" AND s.source_id IN ({marks}) UNION ALL SELECT c.source_id, c.id, s.charge_id, s.amount_fen"
        f" FROM settlement s JOIN payer_credit c ON c.id = s.source_id WHERE s.kind = {p} AND c.kind = {p}"
        f" AND c.source_id IN ({marks})", (BY_RECEIPT, *ids, BY_CREDIT, CREDIT_APPLY, *ids)).fetchall()
    for receipt_id, _credit, charge_id, amount in rows:
        per = allocations.setdefault(int(receipt_id), {})
        per[int(charge_id)] = per.get(int(charge_id), 0) + int(amount)
    charge_ids = sorted({c for per in allocations.values() for c in per})
    charges = {}
    for start in range(0, len(charge_ids), 500):
        chunk = charge_ids[start:start + 500]
        found = db.execute_sql(f"SELECT id, item, period_start, period_end, due_on FROM charge WHERE id IN"
                               f" ({', '.join([p] * len(chunk))})", chunk).fetchall()
        charges.update({int(r[0]): r for r in found})
    labels = voucher_labels(db, DOC_RECEIPT, [r.id for r in receipts if r.purpose != DEPOSIT_PURPOSE])
    deposit_ids = [r.id for r in receipts if r.purpose == DEPOSIT_PURPOSE]
    moves: dict[int, int] = {}
    move_labels: dict[int, str] = {}
    if deposit_ids:
        moves = {int(rid): int(mid) for mid, rid in db.execute_sql(
            f"SELECT id, receipt_id FROM deposit_move WHERE receipt_id IN ({', '.join([p] * len(deposit_ids))})",
            deposit_ids).fetchall()}
        move_labels = voucher_labels(db, DOC_DEPOSIT, list(moves.values()))
    result = []
    for r in receipts:
        allocs = tuple(sorted((Allocation(cid, str(charges[cid][1]), as_date(charges[cid][2]), as_date(charges[cid][3]),
                                          as_date(charges[cid][4]), amount)
                               for cid, amount in allocations.get(r.id, {}).items() if cid in charges),
                              key=lambda a: (a.due_on, a.charge_id)))
        label = (move_labels.get(moves.get(r.id, 0), "") if r.purpose == DEPOSIT_PURPOSE else labels.get(r.id, ""))
        result.append(ReceiptView(r.id, r.number, Payer(r.payer_kind, r.payer_id), r.payer_name, r.purpose, r.source,
                                  r.source_id, as_date(r.received_on), r.method, r.amount_fen, r.credit_fen, r.summary,
                                  r.note, r.is_void, as_date(r.voided_on) if r.voided_on else None, r.void_reason,
                                  r.created_by, allocs, label))
    return result

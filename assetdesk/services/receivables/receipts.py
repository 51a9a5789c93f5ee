"""收款收据: taking money — open charges oldest first, the payer's credit, write-backs of what was written off —
and importing paper receipts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from assetdesk.db.models import PayerCredit, Receipt, Settlement, WriteOff
from assetdesk.errors import DuplicateError, InputError
from assetdesk.events import ReceivablesChanged
from assetdesk.money import format_money
from assetdesk.services.documents import Document, DocumentLine
from assetdesk.services.org_types import UpsertResult
from assetdesk.services.receivables.allocation import Target, settlement_row, targets_of
from assetdesk.services.receivables.common import (
    BY_WRITEBACK,
    CHARGES_PURPOSE,
    CREDIT_RECEIPT,
    as_date,
    charge_rules,
    check_payer,
    cp_id,
    method_rule,
    period_text,
)
from assetdesk.services.receivables.credit import credit_of, spend
from assetdesk.services.receivables.numbers import claim_number
from assetdesk.services.receivables.receipt_views import view
from assetdesk.services.receivables.types import (
    BY_RECEIPT,
    DOC_RECEIPT,
    DOC_WRITEBACK,
    ReceiptInput,
    ReceiptView,
)

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService


def receive(service: ReceivableService, item: ReceiptInput, purpose: str = CHARGES_PURPOSE) -> ReceiptView:
    with service.ctx.transaction():
        if item.amount_fen <= 0:
            raise InputError("收款金额必须大于零", "请核对收款金额")
        cash_rule = method_rule(item.method)
        name = check_payer(service.db, item.payer)
        number = claim_number(service, item.number)
        targets = targets_of(service, item)
        credit = credit_of(service, item.payer) if item.use_credit else 0
        for target in targets:  # the payer's credit first, oldest first
            take = min(credit, target.open_fen)
            target.by_credit, credit = take, credit - take
        money = item.amount_fen
        for target in targets:  # then the money, oldest first
            take = min(money, target.open_fen - target.by_credit)
            target.by_cash, money = take, money - take
        for target in targets:  # then charges written off: the write-off is reversed first
            take = min(money, target.back_fen)
            target.written_back, target.by_cash, money = take, target.by_cash + take, money - take
        remainder = money
        receipt = Receipt.create(number=number, payer_kind=item.payer.kind, payer_id=item.payer.id, payer_name=name,
                                 purpose=purpose, source=item.source, source_id=item.source_id,
                                 received_on=item.received_on, method=item.method, amount_fen=item.amount_fen,
                                 credit_fen=remainder, summary=(item.summary or _summary(targets, remainder))[:200],
                                 note=item.note, created_at=service.ctx.now(), created_by=service.ctx.user)
        documents = _settle(service, receipt, item, targets, remainder, cash_rule, name)
        service._documents.post_many(documents)
        service.ctx.audit("收款", "receipt", number, after={"缴款人": name, "金额": format_money(item.amount_fen),
                                                           "方式": item.method, "日期": item.received_on,
                                                           "预收": format_money(remainder)})
        service.ctx.publish(ReceivablesChanged(source=item.source or _source_of(targets)))
        return view(service, receipt)


def _source_of(targets: list[Target]) -> str:
    sources = {t.row.source for t in targets if t.by_cash or t.by_credit}
    return next(iter(sources)) if len(sources) == 1 else ""


def _summary(targets: list[Target], remainder: int) -> str:
    paid = [t.row for t in targets if t.by_cash or t.by_credit]
    if not paid:
        return "预收款"
    items = "、".join(dict.fromkeys(row.item for row in paid))
    first, last = min(r.period_start for r in paid), max(r.period_end for r in paid)
    return f"{items} {period_text(first, last)}" + ("（含预收）" if remainder else "")


def _settle(service: ReceivableService, receipt: Receipt, item: ReceiptInput, targets: list[Target],
            remainder: int, cash_rule: str, name: str) -> list[Document]:
    on, payer, counterparty = item.received_on, item.payer, cp_id(item.payer)
    rules = charge_rules(service.db, [t.row.id for t in targets])
    settlements: list[dict] = []
    documents: list[Document] = []
    receipt_lines = [DocumentLine(cash_rule, debit_fen=item.amount_fen, summary=f"收{name}款 收据{receipt.number}")]
    back_lines: list[DocumentLine] = []
    parts = [(t.row, t.by_credit) for t in targets if t.by_credit]
    if parts:
        _apply_id, credit_document = spend(service, payer, name, parts, on, receipt.id)
        if credit_document is not None:
            documents.append(credit_document)
    for t in targets:
        summary = f"收{name} {t.row.item} {period_text(t.row.period_start, t.row.period_end)}"
        if t.written_back:
            settlements.append(settlement_row(t.row.id, BY_WRITEBACK, receipt.id, -t.written_back, on))
            _write_back(t.row.id, t.written_back)
            back_lines += [DocumentLine(rules[t.row.id][0], debit_fen=t.written_back, summary=f"坏账收回 {summary[1:]}",
                                        counterparty_id=counterparty, lease_id=t.row.lease_id),
                           DocumentLine("bad_debt.expense", credit_fen=t.written_back,
                                        summary=f"坏账收回 {summary[1:]}")]
        if t.by_cash:
            settlements.append(settlement_row(t.row.id, BY_RECEIPT, receipt.id, t.by_cash, on))
            receipt_lines.append(DocumentLine(rules[t.row.id][0], credit_fen=t.by_cash, summary=summary,
                                              counterparty_id=counterparty, lease_id=t.row.lease_id))
    if remainder:
        PayerCredit.create(payer_kind=payer.kind, payer_id=payer.id, amount_fen=remainder, kind=CREDIT_RECEIPT,
                           source_id=receipt.id, moved_on=on)
        receipt_lines.append(DocumentLine("receivable.prepaid", credit_fen=remainder, summary=f"预收{name}款",
                                          counterparty_id=counterparty))
    if settlements:
        Settlement.insert_many(settlements).execute()
    if back_lines:
        documents.append(Document(DOC_WRITEBACK, receipt.id, on, f"{name} 已核销坏账收回", tuple(back_lines)))
    documents.append(Document(DOC_RECEIPT, receipt.id, on, f"收{name}款 收据{receipt.number}", tuple(receipt_lines)))
    return documents


def _write_back(charge_id: int, amount: int) -> None:
    """Spread a write-back over the charge's write-offs, oldest first."""
    for wo in WriteOff.select().where(WriteOff.charge == charge_id).order_by(WriteOff.id):
        take = min(amount, wo.amount_fen - wo.written_back_fen)
        if take > 0:
            WriteOff.update(written_back_fen=WriteOff.written_back_fen + take).where(WriteOff.id == wo.id).execute()
            amount -= take
        if not amount:
            break


# --- importing --------------------------------------------------------------------------------
def import_receipts(service: ReceivableService, items: Sequence[ReceiptInput]) -> UpsertResult:
    created = unchanged = 0
    with service.ctx.transaction():
        for item in items:
            if item.number.strip():
                held = Receipt.get_or_none(Receipt.number == item.number.strip())
                if held is not None:
                    same = (held.payer_kind == item.payer.kind and held.payer_id == item.payer.id
                            and as_date(held.received_on) == item.received_on and held.amount_fen == item.amount_fen
                            and not held.is_void)
                    if same:
                        unchanged += 1
                        continue
                    state = "已作废" if held.is_void else "已使用"
                    raise DuplicateError(f"收据号 {held.number} {state}（{held.payer_name} {held.received_on}"
                                         f" {format_money(held.amount_fen)}），与导入的不同",
                                         "用过的收据号不能再用；请核对收据号")
            receive(service, item)
            created += 1
    return UpsertResult(created=created, unchanged=unchanged)

"""收款收据: taking money (oldest-due first, credit, write-backs), numbering, voiding, reading, importing."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assetdesk.db.models import PayerCredit, Receipt, Settlement, WriteOff
from assetdesk.errors import DuplicateError, InputError, NotFoundError, VoucherError
from assetdesk.events import ReceivablesChanged
from assetdesk.money import format_money
from assetdesk.services.documents import Document, DocumentLine
from assetdesk.services.org_types import UpsertResult
from assetdesk.services.receivables.common import (
    BY_WRITEBACK,
    as_date,
    charge_rules,
    check_payer,
    cp_id,
    method_rule,
    period_text,
    read_charges,
    voucher_labels,
)
from assetdesk.services.receivables.types import (
    BILLED,
    BY_CREDIT,
    BY_RECEIPT,
    DOC_CREDIT,
    DOC_DEPOSIT,
    DOC_RECEIPT,
    DOC_WRITEBACK,
    Allocation,
    ChargeRow,
    Payer,
    ReceiptInput,
    ReceiptView,
)

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService

DEPOSIT_PURPOSE, CHARGES_PURPOSE = "deposit", "charges"
CREDIT_RECEIPT, CREDIT_APPLY, CREDIT_ADJUST = "receipt", "apply", "adjust"


@dataclass
class _Target:
    row: ChargeRow
    open_fen: int  # outstanding
    back_fen: int  # written off, can be written back
    by_credit: int = 0
    by_cash: int = 0
    written_back: int = 0


# --- numbers ----------------------------------------------------------------------------------
def next_number(service: ReceivableService) -> str:
    largest = 0
    for (number,) in service.db.execute_sql("SELECT number FROM receipt").fetchall():
        text = str(number)
        if text.isdigit():
            largest = max(largest, int(text))
    return f"{largest + 1:08d}"


def find_receipt(service: ReceivableService, number: str) -> Receipt | None:
    text = number.strip()
    found = Receipt.get_or_none(Receipt.number == text)
    if found is None and text.isdigit():
        found = Receipt.get_or_none(Receipt.number == f"{int(text):08d}")
    return found


def claim_number(service: ReceivableService, number: str) -> str:
    """The number a new receipt takes: the given one (import, paper) unless used, or the next."""
    text = number.strip()
    if not text:
        return next_number(service)
    if len(text) > 30:
        raise InputError(f"收据号“{text}”太长", "收据号最多 30 个字符")
    used = Receipt.get_or_none(Receipt.number == text)
    if used is not None:
        if used.is_void:
            raise DuplicateError(f"收据号 {text} 已作废，不能再收款", "作废的收据号保留不用，请使用新的收据号")
        raise DuplicateError(f"收据号 {text} 已使用", f"下一个可用的收据号是 {next_number(service)}")
    return text


# --- credit -----------------------------------------------------------------------------------
def credit_of(service: ReceivableService, payer: Payer) -> int:
    p = service.db.param
    return int(service.db.execute_sql(
        f"SELECT COALESCE(SUM(amount_fen), 0) FROM payer_credit WHERE payer_kind = {p} AND payer_id = {p}"
        f" AND is_void = {p}", (payer.kind, payer.id, False)).fetchone()[0] or 0)


def same_account(service: ReceivableService, receivable_rule: str) -> bool:
    accounts = service._documents._rules.resolve([receivable_rule, "receivable.prepaid"])
    return accounts[receivable_rule] == accounts["receivable.prepaid"]


# --- receiving --------------------------------------------------------------------------------
def _targets(service: ReceivableService, item: ReceiptInput) -> list[_Target]:
    db, p = service.db, service.db.param
    if item.charge_ids is not None:
        ids = list(dict.fromkeys(item.charge_ids))
        if not ids:
            return []
        rows = read_charges(db, f"id IN ({', '.join([p] * len(ids))})", ids)
        by_id = {row.id: row for row in rows}
        for cid in ids:
            row = by_id.get(cid)
            if row is None:
                raise NotFoundError(f"应收款 {cid} 不存在", "请刷新后重新选择")
            if row.payer != item.payer:
                raise InputError(f"应收款“{row.item} {period_text(row.period_start, row.period_end)}”"
                                 f"的缴款人是{row.payer_name}，不是这次的缴款人", "请选择该缴款人自己的应收款")
            if row.state != BILLED:
                raise InputError(f"应收款“{row.item} {period_text(row.period_start, row.period_end)}”还没有到期出账",
                                 "请先运行到期出账，或不指定应收款（多收的部分留作预收）")
        ordered = [by_id[cid] for cid in ids]
        return [_Target(row, row.outstanding_fen, max(0, row.written_off_fen)) for row in ordered]
    where = f"payer_kind = {p} AND payer_id = {p} AND state = {p}"
    params: list[object] = [item.payer.kind, item.payer.id, BILLED]
    if item.source:
        where += f" AND source = {p}"
        params.append(item.source)
    if item.source_id is not None:
        where += f" AND source_id = {p}"
        params.append(item.source_id)
    rows = read_charges(db, where, params)
    return [_Target(row, row.outstanding_fen, max(0, row.written_off_fen)) for row in rows
            if row.outstanding_fen > 0 or row.written_off_fen > 0]


def receive(service: ReceivableService, item: ReceiptInput, purpose: str = CHARGES_PURPOSE) -> ReceiptView:
    with service.ctx.transaction():
        if item.amount_fen <= 0:
            raise InputError("收款金额必须大于零", "请核对收款金额")
        cash_rule = method_rule(item.method)
        name = check_payer(service.db, item.payer)
        number = claim_number(service, item.number)
        targets = _targets(service, item)
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


def _source_of(targets: list[_Target]) -> str:
    sources = {t.row.source for t in targets if t.by_cash or t.by_credit}
    return next(iter(sources)) if len(sources) == 1 else ""


def _summary(targets: list[_Target], remainder: int) -> str:
    paid = [t.row for t in targets if t.by_cash or t.by_credit]
    if not paid:
        return "预收款"
    items = "、".join(dict.fromkeys(row.item for row in paid))
    first, last = min(r.period_start for r in paid), max(r.period_end for r in paid)
    return f"{items} {period_text(first, last)}" + ("（含预收）" if remainder else "")


def _settle(service: ReceivableService, receipt: Receipt, item: ReceiptInput, targets: list[_Target],
            remainder: int, cash_rule: str, name: str) -> list[Document]:
    on, payer, counterparty = item.received_on, item.payer, cp_id(item.payer)
    rules = charge_rules(service.db, [t.row.id for t in targets])
    settlements: list[dict] = []
    documents: list[Document] = []
    receipt_lines = [DocumentLine(cash_rule, debit_fen=item.amount_fen, summary=f"收{name}款 收据{receipt.number}")]
    back_lines: list[DocumentLine] = []
    used = sum(t.by_credit for t in targets)
    if used:
        apply = PayerCredit.create(payer_kind=payer.kind, payer_id=payer.id, amount_fen=-used, kind=CREDIT_APPLY,
                                   source_id=receipt.id, moved_on=on)
        credit_lines: list[DocumentLine] = []
        for t in targets:
            if t.by_credit:
                settlements.append(_settlement(t.row.id, BY_CREDIT, apply.id, t.by_credit, on))
                rec = rules[t.row.id][0]
                if not same_account(service, rec):
                    summary = f"预收抵扣 {t.row.item} {period_text(t.row.period_start, t.row.period_end)}"
                    credit_lines += [DocumentLine("receivable.prepaid", debit_fen=t.by_credit, summary=summary,
                                                  counterparty_id=counterparty),
                                     DocumentLine(rec, credit_fen=t.by_credit, summary=summary,
                                                  counterparty_id=counterparty, lease_id=t.row.lease_id)]
        if credit_lines:
            documents.append(Document(DOC_CREDIT, apply.id, on, f"{name} 预收款抵扣应收", tuple(credit_lines)))
    for t in targets:
        summary = f"收{name} {t.row.item} {period_text(t.row.period_start, t.row.period_end)}"
        if t.written_back:
            settlements.append(_settlement(t.row.id, BY_WRITEBACK, receipt.id, -t.written_back, on))
            _write_back(t.row.id, t.written_back)
            back_lines += [DocumentLine(rules[t.row.id][0], debit_fen=t.written_back, summary=f"坏账收回 {summary[1:]}",
                                        counterparty_id=counterparty, lease_id=t.row.lease_id),
                           DocumentLine("bad_debt.expense", credit_fen=t.written_back,
                                        summary=f"坏账收回 {summary[1:]}")]
        if t.by_cash:
            settlements.append(_settlement(t.row.id, BY_RECEIPT, receipt.id, t.by_cash, on))
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


def _settlement(charge_id: int, kind: str, source_id: int, amount: int, on: dt.date) -> dict:
    return {"charge": charge_id, "kind": kind, "source_id": source_id, "amount_fen": amount, "settled_on": on}


def _write_back(charge_id: int, amount: int) -> None:
    """Spread a write-back over the charge's write-offs, oldest first."""
    for wo in WriteOff.select().where(WriteOff.charge == charge_id).order_by(WriteOff.id):
        take = min(amount, wo.amount_fen - wo.written_back_fen)
        if take > 0:
            WriteOff.update(written_back_fen=WriteOff.written_back_fen + take).where(WriteOff.id == wo.id).execute()
            amount -= take
        if not amount:
            break


def _unwrite_back(charge_id: int, amount: int) -> None:
    for wo in WriteOff.select().where(WriteOff.charge == charge_id).order_by(WriteOff.id.desc()):
        take = min(amount, wo.written_back_fen)
        if take > 0:
            WriteOff.update(written_back_fen=WriteOff.written_back_fen - take).where(WriteOff.id == wo.id).execute()
            amount -= take
        if not amount:
            break


def use_credit(service: ReceivableService, payer: Payer, on: dt.date, source: str = "",
               source_id: int | None = None) -> int:
    """The payer's credit settles its open charges (of ``source``/``source_id``), oldest first, without
    money coming in; returns the amount used (0 when there is no credit or nothing open)."""
    with service.ctx.transaction():
        name = check_payer(service.db, payer)
        credit = credit_of(service, payer)
        targets = _targets(service, ReceiptInput(payer, on, 1, "现金", source=source, source_id=source_id))
        used, parts = 0, []
        for target in targets:
            take = min(credit - used, target.open_fen)
            if take > 0:
                parts.append((target.row, take))
                used += take
        if not used:
            return 0
        apply = PayerCredit.create(payer_kind=payer.kind, payer_id=payer.id, amount_fen=-used, kind=CREDIT_APPLY,
                                   source_id=None, moved_on=on)
        Settlement.insert_many([_settlement(row.id, BY_CREDIT, apply.id, take, on) for row, take in parts]).execute()
        rules = charge_rules(service.db, [row.id for row, _take in parts])
        lines: list[DocumentLine] = []
        for row, take in parts:
            rec = rules[row.id][0]
            if not same_account(service, rec):
                summary = f"预收抵扣 {row.item} {period_text(row.period_start, row.period_end)}"
                lines += [DocumentLine("receivable.prepaid", debit_fen=take, summary=summary,
                                       counterparty_id=cp_id(payer)),
                          DocumentLine(rec, credit_fen=take, summary=summary, counterparty_id=cp_id(payer),
                                       lease_id=row.lease_id)]
        if lines:
            service._documents.post(Document(DOC_CREDIT, apply.id, on, f"{name} 预收款抵扣应收", tuple(lines)))
        service.ctx.audit("预收抵扣", "payer_credit", apply.id, after={"缴款人": name, "金额": format_money(used)})
        service.ctx.publish(ReceivablesChanged(source=source or parts[0][0].source))
    return used


# --- voiding ----------------------------------------------------------------------------------
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
            from assetdesk.services.receivables.deposits import void_deposit_receipt

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


# --- reading ----------------------------------------------------------------------------------
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

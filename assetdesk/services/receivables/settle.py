"""Settling without money coming in: 抵销 against what the centre owes, 坏账核销, and adjustments."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assetdesk.db.models import Offset, PayerCredit, Settlement, WriteOff
from assetdesk.db.models.receivables import Charge
from assetdesk.errors import InputError, NotFoundError
from assetdesk.events import ReceivablesChanged
from assetdesk.money import format_money
from assetdesk.services.documents import Document, DocumentLine
from assetdesk.services.receivables.allocation import oldest_first, settlement_row
from assetdesk.services.receivables.common import charge_rules, check_payer, cp_id, period_text, read_charges
from assetdesk.services.receivables.types import (
    BILLED,
    BY_ADJUST,
    BY_CREDIT,
    BY_OFFSET,
    BY_WRITEOFF,
    COUNTERPARTY,
    DOC_ADJUST,
    DOC_OFFSET,
    DOC_WRITEOFF,
    PLANNED,
    ChargeRow,
    Payer,
)

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService


def payable_owed(service: ReceivableService, counterparty_id: int) -> int:
    """What the offset.payable account owes the counterparty: opening plus posted lines, credit − debit."""
    db, p = service.db, service.db.param
    code = service._documents._rules.resolve(["offset.payable"])["offset.payable"]
    lines = db.execute_sql(
        "SELECT COALESCE(SUM(l.amount_fen), 0) FROM voucher_line l JOIN account a ON a.id = l.account_id"
        f" WHERE l.posted = {p} AND a.code = {p} AND l.counterparty_id = {p}",
        (True, code, counterparty_id)).fetchone()[0]
    opening = db.execute_sql(
        "SELECT COALESCE(SUM(o.amount_fen), 0) FROM opening_balance_aux o JOIN account a ON a.id = o.account_id"
        f" WHERE a.code = {p} AND o.counterparty_id = {p}", (code, counterparty_id)).fetchone()[0]
    return -(int(lines or 0) + int(opening or 0))


def _charge(service: ReceivableService, charge_id: int) -> ChargeRow:
    rows = read_charges(service.db, f"id = {service.db.param}", (charge_id,))
    if not rows:
        raise NotFoundError(f"应收款 {charge_id} 不存在", "请刷新后重试")
    return rows[0]


def _what(row: ChargeRow) -> str:
    return f"{row.payer_name} {row.item} {period_text(row.period_start, row.period_end)}"


def offset(service: ReceivableService, payer: Payer, amount_fen: int, on: dt.date, reason: str,
           charge_ids: Sequence[int] | None = None) -> int:
    with service.ctx.transaction():
        if payer.kind != COUNTERPARTY:
            raise InputError("只有往来单位的应收款可以与应付款抵销", "住户的欠款请收款或核销")
        name = check_payer(service.db, payer)
        if amount_fen <= 0:
            raise InputError("抵销金额必须大于零", "请核对抵销金额")
        if not reason.strip():
            raise InputError("请填写抵销原因", "例如：以应付工程款抵销所欠租金，并注明依据")
        charges = service.open_charges(payer)
        if charge_ids is not None:
            wanted = list(dict.fromkeys(charge_ids))
            by_id = {c.id: c for c in charges}
            missing = [cid for cid in wanted if cid not in by_id]
            if missing:
                raise InputError(f"应收款 {missing[0]} 不是{name}未收清的应收款", "请刷新后重新选择")
            charges = [by_id[cid] for cid in wanted]
        owed_to_us = sum(c.outstanding_fen for c in charges)
        if amount_fen > owed_to_us:
            raise InputError(f"抵销金额 {format_money(amount_fen)} 超过{name}的欠款 {format_money(owed_to_us)}",
                             "抵销金额不能超过对方所欠的应收款")
        owed_to_them = payable_owed(service, payer.id)
        if amount_fen > owed_to_them:
            raise InputError(f"抵销金额 {format_money(amount_fen)} 超过应付{name}的余额 {format_money(owed_to_them)}",
                             "抵销不收付现金：只能抵销账上确实欠对方的款项")
        record = Offset.create(payer_kind=payer.kind, payer_id=payer.id, amount_fen=amount_fen, offset_on=on,
                               reason=reason.strip()[:200], created_at=service.ctx.now(), created_by=service.ctx.user)
        rules = charge_rules(service.db, [c.id for c in charges])
        summary = f"{name} 应收应付抵销"
        lines = [DocumentLine("offset.payable", debit_fen=amount_fen, summary=summary, counterparty_id=payer.id)]
        parts = oldest_first(charges, amount_fen)
        settlements = [settlement_row(charge.id, BY_OFFSET, record.id, take, on) for charge, take in parts]
        lines += [DocumentLine(rules[charge.id][0], credit_fen=take, counterparty_id=payer.id,
                               lease_id=charge.lease_id, summary=f"抵销 {_what(charge)}") for charge, take in parts]
        Settlement.insert_many(settlements).execute()
        service._documents.post(Document(DOC_OFFSET, record.id, on, summary, tuple(lines)))
        service.ctx.audit("应收应付抵销", "offset_record", record.id,
                          after={"往来单位": name, "金额": format_money(amount_fen), "原因": reason.strip()})
        service.ctx.publish(ReceivablesChanged(source=charges[0].source if charges else ""))
    return int(record.id)


def write_off(service: ReceivableService, charge_id: int, on: dt.date, reason: str, approved_by: str,
              amount_fen: int | None = None) -> int:
    with service.ctx.transaction():
        charge = _charge(service, charge_id)
        if charge.state != BILLED or charge.outstanding_fen <= 0:
            raise InputError(f"应收款“{_what(charge)}”没有未收的余额，不能核销", "只能核销已到期未收的应收款")
        if charge.due_on.year >= on.year:
            raise InputError(f"应收款“{_what(charge)}”于 {charge.due_on} 到期，本年度的欠款不能核销为坏账",
                             "坏账核销只适用于以前年度到期、确实无法收回的应收款")
        if not approved_by.strip():
            raise InputError("请填写批准核销的负责人", "坏账核销须经负责人批准（民主理财）")
        if not reason.strip():
            raise InputError("请填写核销原因", "例如：承租人已注销、经诉讼确认无法收回")
        amount = charge.outstanding_fen if amount_fen is None else amount_fen
        if amount <= 0 or amount > charge.outstanding_fen:
            raise InputError(f"核销金额 {format_money(amount)} 不对：未收余额 {format_money(charge.outstanding_fen)}",
                             "核销金额须大于零且不超过未收余额")
        record = WriteOff.create(charge=charge.id, amount_fen=amount, written_on=on, reason=reason.strip()[:200],
                                 approved_by=approved_by.strip()[:50], created_at=service.ctx.now(),
                                 created_by=service.ctx.user)
        Settlement.create(charge=charge.id, kind=BY_WRITEOFF, source_id=record.id, amount_fen=amount, settled_on=on)
        rule = charge_rules(service.db, [charge.id])[charge.id][0]
        summary = f"核销坏账 {_what(charge)}"
        service._documents.post(Document(DOC_WRITEOFF, record.id, on, summary, (
            DocumentLine("bad_debt.expense", debit_fen=amount, summary=summary),
            DocumentLine(rule, credit_fen=amount, summary=summary, counterparty_id=cp_id(charge.payer),
                         lease_id=charge.lease_id))))
        service.ctx.audit("坏账核销", "write_off", record.id,
                          after={"应收": _what(charge), "金额": format_money(amount), "批准人": approved_by.strip(),
                                 "原因": reason.strip()})
        service.ctx.publish(ReceivablesChanged(source=charge.source))
    return int(record.id)


def adjust_charge(service: ReceivableService, charge_id: int, new_amount_fen: int, on: dt.date, reason: str) -> None:
    """A planned charge changes its amount; a billed one is reduced: income and receivable back (Dr income /
    Cr receivable up to what is outstanding), the part already paid becomes the payer's credit (Cr 预收)."""
    with service.ctx.transaction():
        charge = _charge(service, charge_id)
        if new_amount_fen < 0:
            raise InputError("调整后的金额不能为负数", "请核对金额")
        if not reason.strip():
            raise InputError("请填写调整原因", "例如：提前终止，按日折算")
        if charge.state == PLANNED:
            Charge.update(amount_fen=new_amount_fen).where(Charge.id == charge.id).execute()
        elif charge.state == BILLED:
            net = charge.amount_fen - charge.adjusted_fen
            reduce = net - new_amount_fen
            if reduce <= 0:
                raise InputError(f"应收款“{_what(charge)}”只能调减：现为 {format_money(net)}",
                                 "增加应收请另行出账")
            open_part = min(reduce, charge.outstanding_fen)
            paid_part = reduce - open_part
            settlement = Settlement.create(charge=charge.id, kind=BY_ADJUST, source_id=0, amount_fen=reduce,
                                           settled_on=on)
            rec, inc, asset_id, compound_id = charge_rules(service.db, [charge.id])[charge.id]
            counterparty = cp_id(charge.payer)
            summary = f"调减 {_what(charge)}"
            lines = [DocumentLine(inc, debit_fen=reduce, summary=summary, counterparty_id=counterparty,
                                  lease_id=charge.lease_id, asset_id=asset_id, compound_id=compound_id)]
            if open_part:
                lines.append(DocumentLine(rec, credit_fen=open_part, summary=summary, counterparty_id=counterparty,
                                          lease_id=charge.lease_id))
            if paid_part:
                credit = PayerCredit.create(payer_kind=charge.payer.kind, payer_id=charge.payer.id,
                                            amount_fen=paid_part, kind="adjust", source_id=settlement.id, moved_on=on)
                Settlement.create(charge=charge.id, kind=BY_CREDIT, source_id=-credit.id, amount_fen=-paid_part,
                                  settled_on=on)
                lines.append(DocumentLine("receivable.prepaid", credit_fen=paid_part, summary=f"{summary} 已收转预收",
                                          counterparty_id=counterparty))
            service._documents.post(Document(DOC_ADJUST, settlement.id, on, summary, tuple(lines)))
        else:
            raise InputError(f"应收款“{_what(charge)}”已取消，不能调整", "请刷新后查看")
        service.ctx.audit("调整应收", "charge", charge.id, before={"金额": format_money(charge.amount_fen)},
                          after={"金额": format_money(new_amount_fen), "原因": reason.strip(), "日期": on})
        service.ctx.publish(ReceivablesChanged(source=charge.source))

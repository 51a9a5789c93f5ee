"""预收: a payer's credit is the sum of its rows; it settles open charges oldest first."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from assetdesk.db.models import PayerCredit, Settlement
from assetdesk.errors import InputError
from assetdesk.events import ReceivablesChanged
from assetdesk.money import format_money
from assetdesk.services.documents import Document, DocumentLine
from assetdesk.services.receivables.allocation import settlement_row, targets_of
from assetdesk.services.receivables.common import (
    CREDIT_APPLY,
    CREDIT_REFUND,
    charge_rules,
    check_payer,
    cp_id,
    method_rule,
    period_text,
)
from assetdesk.services.receivables.types import (
    BY_CREDIT,
    DOC_CREDIT,
    DOC_CREDIT_REFUND,
    ChargeRow,
    Payer,
    ReceiptInput,
)

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService


def credit_of(service: ReceivableService, payer: Payer) -> int:
    p = service.db.param
    return int(service.db.execute_sql(
        f"SELECT COALESCE(SUM(amount_fen), 0) FROM payer_credit WHERE payer_kind = {p} AND payer_id = {p}"
        f" AND is_void = {p}", (payer.kind, payer.id, False)).fetchone()[0] or 0)


def same_account(service: ReceivableService, receivable_rule: str) -> bool:
    accounts = service._documents._rules.resolve([receivable_rule, "receivable.prepaid"])
    return accounts[receivable_rule] == accounts["receivable.prepaid"]


def use_credit(service: ReceivableService, payer: Payer, on: dt.date, source: str = "",
               source_id: int | None = None) -> int:
    """The payer's credit settles its open charges (of ``source``/``source_id``), oldest first, without
    money coming in; returns the amount used (0 when there is no credit or nothing open)."""
    with service.ctx.transaction():
        name = check_payer(service.db, payer)
        credit = credit_of(service, payer)
        targets = targets_of(service, ReceiptInput(payer, on, 1, "现金", source=source, source_id=source_id))
        used, parts = 0, []
        for target in targets:
            take = min(credit - used, target.open_fen)
            if take > 0:
                parts.append((target.row, take))
                used += take
        if not used:
            return 0
        apply_id, document = spend(service, payer, name, parts, on, None)
        if document is not None:
            service._documents.post(document)
        service.ctx.audit("预收抵扣", "payer_credit", apply_id, after={"缴款人": name, "金额": format_money(used)})
        service.ctx.publish(ReceivablesChanged(source=source or parts[0][0].source))
    return used


def spend(service: ReceivableService, payer: Payer, name: str, parts: list[tuple[ChargeRow, int]], on: dt.date,
          receipt_id: int | None) -> tuple[int, Document | None]:
    """Credit settling ``parts`` (charge, amount): one credit row (−), its settlements, and the 预收抵扣
    document to post when 预收 is not kept on the charge's receivable account (None when it is)."""
    used = sum(take for _row, take in parts)
    apply = PayerCredit.create(payer_kind=payer.kind, payer_id=payer.id, amount_fen=-used, kind=CREDIT_APPLY,
                               source_id=receipt_id, moved_on=on)
    Settlement.insert_many([settlement_row(row.id, BY_CREDIT, apply.id, take, on) for row, take in parts]).execute()
    rules = charge_rules(service.db, [row.id for row, _take in parts])
    lines: list[DocumentLine] = []
    for row, take in parts:
        rec = rules[row.id][0]
        if not same_account(service, rec):
            summary = f"预收抵扣 {row.item} {period_text(row.period_start, row.period_end)}"
            lines += [DocumentLine("receivable.prepaid", debit_fen=take, summary=summary, counterparty_id=cp_id(payer)),
                      DocumentLine(rec, credit_fen=take, summary=summary, counterparty_id=cp_id(payer),
                                   lease_id=row.lease_id)]
    document = Document(DOC_CREDIT, apply.id, on, f"{name} 预收款抵扣应收", tuple(lines)) if lines else None
    return int(apply.id), document


def refund(service: ReceivableService, payer: Payer, amount_fen: int, on: dt.date, method: str, reason: str) -> int:
    """退还预收款: the payer's credit paid back in money (Dr 预收 / Cr cash or bank); never more than it holds."""
    with service.ctx.transaction():
        name = check_payer(service.db, payer)
        cash_rule = method_rule(method)
        held = credit_of(service, payer)
        if amount_fen <= 0:
            raise InputError("退还金额必须大于零", "请核对退还金额")
        if amount_fen > held:
            raise InputError(f"退还 {format_money(amount_fen)} 超过 {name} 的预收款余额 {format_money(held)}",
                             "只能退还预收款余额以内的金额")
        if not reason.strip():
            raise InputError("请写明退还原因", "例如 提前终止合同，多收的租金退还")
        row = PayerCredit.create(payer_kind=payer.kind, payer_id=payer.id, amount_fen=-amount_fen,
                                 kind=CREDIT_REFUND, source_id=None, moved_on=on)
        summary = f"退还预收款 {name}（{reason.strip()}）"[:200]
        service._documents.post(Document(DOC_CREDIT_REFUND, row.id, on, summary, (
            DocumentLine("receivable.prepaid", debit_fen=amount_fen, summary=summary, counterparty_id=cp_id(payer)),
            DocumentLine(cash_rule, credit_fen=amount_fen, summary=summary))))
        service.ctx.audit("退还预收款", "payer_credit", row.id, after={"缴款人": name, "金额": format_money(amount_fen),
                                                                "方式": method, "原因": reason.strip()})
        service.ctx.publish(ReceivablesChanged())
    return int(row.id)

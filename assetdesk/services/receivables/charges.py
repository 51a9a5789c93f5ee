"""Schedules (planned charges) and due-charge runs: one batch and one document per due month."""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from assetdesk.db.models import ChargeBatch, ChargeRun
from assetdesk.db.models.receivables import Charge
from assetdesk.errors import InputError, NotFoundError, VoucherError
from assetdesk.events import ReceivablesChanged
from assetdesk.gc_pause import gc_paused
from assetdesk.money import format_money
from assetdesk.periods import Period
from assetdesk.services.documents import Document, DocumentLine
from assetdesk.services.receivables.common import as_date, payer_names, period_text, read_charges
from assetdesk.services.receivables.types import (
    BILLED,
    CANCELLED,
    COUNTERPARTY,
    DOC_CHARGES,
    PAYER_KINDS,
    PLANNED,
    ChargeInput,
    ChargeRow,
    Payer,
    RunResult,
)

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService

_CHUNK = 500


def replace_planned(service: ReceivableService, source: str, source_id: int, charges: Sequence[ChargeInput]) -> None:
    db, p = service.db, service.db.param
    with service.ctx.transaction():
        billed = {int(seq): as_date(start) for seq, start in db.execute_sql(
            f"SELECT seq, period_start FROM charge WHERE source = {p} AND source_id = {p} AND state = {p}",
            (source, source_id, BILLED)).fetchall()}
        rows = []
        for charge in charges:
            if charge.source != source or charge.source_id != source_id:
                raise InputError(f"应收计划第 {charge.seq} 期不属于 {source} {source_id}", "一次只能替换一个来源的计划")
            if charge.payer.kind not in PAYER_KINDS:
                raise InputError(f"缴款人类型“{charge.payer.kind}”不认识", "缴款人是往来单位或住户")
            if charge.amount_fen < 0:
                raise InputError(f"应收计划第 {charge.seq} 期金额不能为负数", "减少应收请用调整")
            if charge.period_end < charge.period_start:
                raise InputError(f"应收计划第 {charge.seq} 期的结束日早于开始日", "请核对计费期间")
            if billed.get(charge.seq) == charge.period_start:
                continue  # already billed: it stays as it is
            rows.append({"source": source, "source_id": source_id, "seq": charge.seq, "item": charge.item,
                         "payer_kind": charge.payer.kind, "payer_id": charge.payer.id, "lease": charge.lease_id,
                         "asset_id": charge.asset_id, "compound_id": charge.compound_id,
                         "receivable_rule": charge.receivable_rule, "income_rule": charge.income_rule,
                         "period_start": charge.period_start, "period_end": charge.period_end,
                         "due_on": charge.due_on, "amount_fen": charge.amount_fen,
                         "months_text": charge.months_text[:12], "note": charge.note[:100], "state": PLANNED})
        removed = Charge.delete().where((Charge.source == source) & (Charge.source_id == source_id)
                                        & (Charge.state == PLANNED)).execute()
        for start in range(0, len(rows), _CHUNK):
            Charge.insert_many(rows[start:start + _CHUNK]).execute()
        service.ctx.audit("更新应收计划", "charge", f"{source}:{source_id}",
                          before={"未到期期数": removed}, after={"未到期期数": len(rows)})
        service.ctx.publish(ReceivablesChanged(source=source))


def cancel_planned(service: ReceivableService, source: str, source_id: int, after: dt.date) -> int:
    with service.ctx.transaction():
        count = Charge.update(state=CANCELLED).where(
            (Charge.source == source) & (Charge.source_id == source_id) & (Charge.state == PLANNED)
            & (Charge.period_start > after)).execute()
        if count:
            service.ctx.audit("取消应收计划", "charge", f"{source}:{source_id}",
                              after={"起始晚于": after, "期数": count})
            service.ctx.publish(ReceivablesChanged(source=source))
    return int(count)


def charges_of(service: ReceivableService, source: str, source_id: int) -> list[ChargeRow]:
    p = service.db.param
    return read_charges(service.db, f"source = {p} AND source_id = {p}", (source, source_id), "seq, id")


def open_charges(service: ReceivableService, payer: Payer, source: str = "",
                 source_id: int | None = None) -> list[ChargeRow]:
    p = service.db.param
    where, params = f"payer_kind = {p} AND payer_id = {p} AND state = {p}", [payer.kind, payer.id, BILLED]
    if source:
        where += f" AND source = {p}"
        params.append(source)
    if source_id is not None:
        where += f" AND source_id = {p}"
        params.append(source_id)
    return [row for row in read_charges(service.db, where, params) if row.outstanding_fen > 0]


def bill_due(service: ReceivableService, source: str, through: Period, on: dt.date | None = None) -> RunResult:
    db, p = service.db, service.db.param
    with gc_paused(), service.ctx.transaction():
        rows = db.execute_sql(
            "SELECT id, payer_kind, payer_id, lease_id, asset_id, compound_id, receivable_rule, income_rule, item,"
            f" period_start, period_end, due_on, amount_fen FROM charge WHERE source = {p} AND state = {p}"
            f" AND due_on <= {p} ORDER BY due_on, id", (source, PLANNED, through.last_day)).fetchall()
        if not rows:
            return RunResult(None, 0, 0, (), "", "")
        names = payer_names(db, {Payer(str(r[1]), int(r[2])) for r in rows})
        by_month: dict[str, list[tuple]] = {}
        for r in rows:
            due = as_date(r[11])
            by_month.setdefault(due.isoformat()[:7], []).append((*r[:11], due, r[12]))
        now = service.ctx.now()
        total = sum(int(r[12]) for r in rows)
        run = ChargeRun.create(source=source, through=str(through), charges=len(rows), total_fen=total,
                               created_at=now, created_by=service.ctx.user)
        documents, updates = [], []
        for month, items in sorted(by_month.items()):
            posted_on = max(item[11] for item in items)
            batch = ChargeBatch.create(run=run.id, period=month, posted_on=posted_on)
            updates += [(BILLED, batch.id, item[0]) for item in items]
            document = _batch_document(batch.id, month, posted_on, items, names)
            if document is not None:
                documents.append(document)
        posting = service._documents.post_many(documents)
        db.cursor().executemany(f"UPDATE charge SET state = {p}, batch_id = {p} WHERE id = {p}", updates)
        service.ctx.audit("应收款项到期", "charge_run", run.id,
                          after={"来源": source, "截至": str(through), "笔数": len(rows), "金额": format_money(total),
                                 "运行日期": on or service.ctx.today()})
        service.ctx.publish(ReceivablesChanged(source=source))
    return RunResult(run.id, len(rows), total, tuple(sorted(by_month)), posting.first_label, posting.last_label)


def _batch_document(batch_id: int, month: str, posted_on: dt.date, items: list[tuple],
                    names: dict[Payer, str]) -> Document | None:
    """One month's charges as one document: Dr receivable / Cr income per charge (none when all are 0)."""
    lines: list[DocumentLine] = []
    for (_cid, kind, payer_id, lease_id, asset_id, compound_id, rec_rule, inc_rule, item, start, end,
         _due, amount) in items:
        if not amount:
            continue
        payer = Payer(str(kind), int(payer_id))
        counterparty = payer.id if payer.kind == COUNTERPARTY else None
        summary = f"{item} {names[payer]} {period_text(as_date(start), as_date(end))}"
        lines.append(DocumentLine(str(rec_rule), debit_fen=int(amount), summary=summary, counterparty_id=counterparty,
                                  lease_id=lease_id, asset_id=asset_id, compound_id=compound_id))
        lines.append(DocumentLine(str(inc_rule), credit_fen=int(amount), summary=summary, counterparty_id=counterparty,
                                  lease_id=lease_id, asset_id=asset_id, compound_id=compound_id))
    if not lines:
        return None
    kinds = {str(item[8]) for item in items}
    what = next(iter(kinds)) if len(kinds) == 1 else "款项"
    return Document(DOC_CHARGES, batch_id, posted_on, f"应收{what} {month}（{len(items)}笔）", tuple(lines))


def undo_run(service: ReceivableService, run_id: int, on: dt.date | None = None) -> None:
    db, p = service.db, service.db.param
    with service.ctx.transaction():
        run = ChargeRun.get_or_none(ChargeRun.id == run_id)
        if run is None:
            raise NotFoundError(f"应收到期批次 {run_id} 不存在", "请刷新后重试")
        if run.undone_at is not None:
            raise VoucherError(f"应收到期批次 {run_id} 已经撤销", "无需再次撤销")
        batch_ids = [b.id for b in ChargeBatch.select(ChargeBatch.id).where(ChargeBatch.run == run_id)]
        marks = ", ".join([p] * len(batch_ids)) or "NULL"
        settled = db.execute_sql(
            f"SELECT COUNT(*) FROM settlement s JOIN charge c ON c.id = s.charge_id WHERE s.is_void = {p}"
            f" AND c.batch_id IN ({marks})", (False, *batch_ids)).fetchone()[0]
        if settled:
            raise VoucherError(f"这次到期的应收已有 {settled} 笔收款或抵扣，不能整批撤销",
                               "请先作废相关收据、冲销抵扣，再撤销；或对个别应收做调整")
        for batch_id in batch_ids:
            if service._documents.voucher_of(DOC_CHARGES, batch_id) is not None:
                service._documents.reverse(DOC_CHARGES, batch_id, on)
        if batch_ids:
            db.execute_sql(f"UPDATE charge SET state = {p}, batch_id = NULL WHERE batch_id IN ({marks})",
                           (PLANNED, *batch_ids))
        ChargeRun.update(undone_at=service.ctx.now()).where(ChargeRun.id == run_id).execute()
        service.ctx.audit("撤销应收到期", "charge_run", run_id,
                          before={"来源": run.source, "截至": run.through, "笔数": run.charges,
                                  "金额": format_money(run.total_fen)})
        service.ctx.publish(ReceivablesChanged(source=run.source))

"""The postings of the register: the monthly depreciation run and disposal (DOMAIN §3.3, §4).

Both are documents (``services.documents``): the accounts come from the posting rules
(depreciation.expense / depreciation.accumulated, asset.disposal / fixed_asset), every line names
its asset, and a document is never posted twice — running a month again is refused.
"""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from assetdesk.db.models import Asset
from assetdesk.errors import InputError, PeriodError, VoucherError
from assetdesk.events import AssetsChanged
from assetdesk.periods import Period
from assetdesk.services.assets.register import depreciable_rows, read_rows
from assetdesk.services.assets.schedule import due_fen
from assetdesk.services.assets.types import DEPRECIABLE, DISPOSED, DepreciationRun, Disposal
from assetdesk.services.documents import Document, DocumentLine, DocumentPostingService, register_kind

if TYPE_CHECKING:
    from assetdesk.services.assets.service import AssetService

DEPRECIATION = "depreciation"  # document id: the month's key, 202501
DISPOSAL = "asset_disposal"  # document id: the disposal event's id
register_kind(DEPRECIATION, "计提折旧")
register_kind(DISPOSAL, "资产处置")


def run(service: AssetService, documents: DocumentPostingService, period: Period) -> DepreciationRun:
    with service.ctx.transaction():
        _refuse_out_of_order(service, documents, period)
        lines: list[DocumentLine] = []
        total = 0
        for row in depreciable_rows(read_rows(service.db), DEPRECIABLE):
            assert row.acquired_on is not None
            amount = due_fen(row.original_fen, row.salvage_fen, row.life_months, row.acquired_on, period,
                             row.accumulated_fen)
            if amount:
                summary = f"计提{row.code} {row.name}折旧"
                lines += [DocumentLine("depreciation.expense", debit_fen=amount, summary=summary, asset_id=row.id),
                          DocumentLine("depreciation.accumulated", credit_fen=amount, summary=summary,
                                       asset_id=row.id)]
                total += amount
        if not lines:
            return DepreciationRun(str(period), 0, 0, "")
        voucher = documents.post(Document(DEPRECIATION, period.key, period.last_day, f"计提{period}固定资产折旧",
                                          tuple(lines)))
        service.ctx.audit("计提折旧", "asset", str(period), after={"期间": str(period), "资产数": len(lines) // 2,
                                                                  "金额": total})
        service.ctx.publish(AssetsChanged())
    return DepreciationRun(str(period), len(lines) // 2, total, f"{voucher.period} {voucher.label}")


def _refuse_out_of_order(service: AssetService, documents: DocumentPostingService, period: Period) -> None:
    """A month is run once; a later month already run would have charged this one's catch-up: months go in order."""
    if documents.voucher_of(DEPRECIATION, period.key) is not None:
        raise VoucherError(f"{period} 已经计提折旧，不能重复计提",
                           "如需更正，请先按单据冲销该月的折旧凭证，再重新计提")
    p = service.db.param
    later = [int(key) for (key,) in service.db.execute_sql(
        f"SELECT DISTINCT document_id FROM voucher WHERE document_kind = {p} AND document_id > {p}",
        (DEPRECIATION, period.key)).fetchall()]
    posted = documents.posted_ids(DEPRECIATION, later)
    if posted:
        raise PeriodError(f"{Period.from_key(max(posted))} 已经计提折旧，不能再计提更早的 {period}",
                          "折旧按月份顺序计提；如需更正，请先冲销较晚月份的折旧凭证")


def dispose(service: AssetService, documents: DocumentPostingService, code: str, on: dt.date,
            proceeds_fen: int, reason: str) -> Disposal:
    """原值 off 固定资产 (credit), 累计折旧 off 152 (debit), the net value to 固定资产清理 (debit).
    The proceeds are recorded on the event; receiving them and closing 固定资产清理 to income or
    expense are the clerk's own vouchers (how the money came in, and the result, are not the register's)."""
    with service.ctx.transaction():
        row = service.get(code)
        if row.status == DISPOSED:
            raise InputError(f"资产“{row.code} {row.name}”已经处置", "同一资产只能处置一次")
        if proceeds_fen < 0:
            raise InputError("处置收入不能为负数", "请核对处置收入")
        if not reason.strip():
            raise InputError("请填写处置原因", "例如：拆除、出售、报废，并注明决议文号")
        event_id = service._event(row.id, "处置", on, proceeds_fen, reason.strip())
        accumulated, net = row.accumulated_fen, row.original_fen - row.accumulated_fen
        summary = f"处置{row.code} {row.name}"
        lines = [DocumentLine("asset.disposal", debit_fen=net, summary=summary, asset_id=row.id),
                 DocumentLine("depreciation.accumulated", debit_fen=accumulated, summary=summary, asset_id=row.id),
                 DocumentLine("fixed_asset", credit_fen=row.original_fen, summary=summary, asset_id=row.id)]
        label = ""
        lines = [line for line in lines if line.debit_fen or line.credit_fen]
        if lines:
            voucher = documents.post(Document(DISPOSAL, event_id, on, summary, tuple(lines)))
            label = f"{voucher.period} {voucher.label}"
        Asset.update(status=DISPOSED, idle_since=None).where(Asset.id == row.id).execute()
        service.ctx.audit("处置资产", "asset", row.id, before={"使用状态": row.status},
                          after={"使用状态": DISPOSED, "日期": on, "处置收入": proceeds_fen, "原因": reason})
        service.ctx.publish(AssetsChanged())
    return Disposal(row.code, on, row.original_fen, accumulated, net, proceeds_fen, label)

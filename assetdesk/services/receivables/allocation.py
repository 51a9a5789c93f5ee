"""What money (or credit) settles: the payer's charges in order, oldest due first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assetdesk.errors import InputError, NotFoundError
from assetdesk.services.receivables.common import (
    period_text,
    read_charges,
)
from assetdesk.services.receivables.types import (
    BILLED,
    ChargeRow,
    ReceiptInput,
)

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService


@dataclass
class Target:
    row: ChargeRow
    open_fen: int  # outstanding
    back_fen: int  # written off, can be written back
    by_credit: int = 0
    by_cash: int = 0
    written_back: int = 0


def targets_of(service: ReceivableService, item: ReceiptInput) -> list[Target]:
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
        return [Target(row, row.outstanding_fen, max(0, row.written_off_fen)) for row in ordered]
    where = f"payer_kind = {p} AND payer_id = {p} AND state = {p}"
    params: list[object] = [item.payer.kind, item.payer.id, BILLED]
    if item.source:
        where += f" AND source = {p}"
        params.append(item.source)
    if item.source_id is not None:
        where += f" AND source_id = {p}"
        params.append(item.source_id)
    rows = read_charges(db, where, params)
    return [Target(row, row.outstanding_fen, max(0, row.written_off_fen)) for row in rows
            if row.outstanding_fen > 0 or row.written_off_fen > 0]


def settlement_row(charge_id: int, kind: str, source_id: int, amount: int, on: dt.date) -> dict:
    return {"charge": charge_id, "kind": kind, "source_id": source_id, "amount_fen": amount, "settled_on": on}


def oldest_first(charges: Sequence[ChargeRow], amount: int) -> list[tuple[ChargeRow, int]]:
    """``amount`` spread over ``charges`` in their order (oldest due first), each up to what it still owes."""
    parts: list[tuple[ChargeRow, int]] = []
    left = amount
    for charge in charges:
        take = min(left, charge.outstanding_fen)
        if take <= 0:
            break
        parts.append((charge, take))
        left -= take
    return parts

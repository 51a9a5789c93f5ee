"""Reading for reports: arrears with aging (DOMAIN §5), charges written off."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from assetdesk.services.receivables.common import read_charges
from assetdesk.services.receivables.types import AGING_BUCKETS, BILLED, ArrearsRow, ChargeRow, Payer

if TYPE_CHECKING:
    from assetdesk.services.receivables.service import ReceivableService


def source_labels(service: ReceivableService, source: str, ids: set[int]) -> dict[int, str]:
    """合同编号 for leases; other areas' sources show their id until they name them."""
    if source == "lease" and ids:
        p = service.db.param
        marks = ", ".join([p] * len(ids))
        return {int(i): str(n) for i, n in service.db.execute_sql(
            f"SELECT id, number FROM lease WHERE id IN ({marks})", sorted(ids)).fetchall()}
    return {}


def bucket_of(days: int) -> int:
    for index, (low, high, _label) in enumerate(AGING_BUCKETS):
        if days >= low and (high is None or days <= high):
            return index
    return 0


def arrears(service: ReceivableService, on: dt.date, source: str = "") -> list[ArrearsRow]:
    p = service.db.param
    where, params = f"state = {p} AND due_on < {p}", [BILLED, on]
    if source:
        where += f" AND source = {p}"
        params.append(source)
    groups: dict[tuple[Payer, str, int], list[ChargeRow]] = {}
    for row in read_charges(service.db, where, params):
        if row.outstanding_fen > 0:
            groups.setdefault((row.payer, row.source, row.source_id), []).append(row)
    labels: dict[str, dict[int, str]] = {}
    for src in {key[1] for key in groups}:
        labels[src] = source_labels(service, src, {key[2] for key in groups if key[1] == src})
    result = []
    for (payer, src, src_id), rows in groups.items():
        buckets = [0] * len(AGING_BUCKETS)
        for row in rows:
            buckets[bucket_of((on - row.due_on).days)] += row.outstanding_fen
        oldest = min(row.due_on for row in rows)
        result.append(ArrearsRow(payer, rows[0].payer_name, src, src_id, labels[src].get(src_id, str(src_id)),
                                 len(rows), sum(r.outstanding_fen for r in rows),
                                 (buckets[0], buckets[1], buckets[2], buckets[3], buckets[4]), oldest,
                                 (on - oldest).days))
    return sorted(result, key=lambda r: (-r.days_overdue, r.payer_name, r.source_id))


def written_off(service: ReceivableService, source: str = "") -> list[ChargeRow]:
    p = service.db.param
    where = "id IN (SELECT charge_id FROM write_off)"
    params: list[object] = []
    if source:
        where += f" AND source = {p}"
        params.append(source)
    return read_charges(service.db, where, params)

"""Reading leases: ``LeaseRow`` with its status on a day, the rent in force, and what its schedule
came to (billed, received, outstanding) from the shared receivables, in a few queries for any number."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, cast

import peewee

from assetdesk.db.models import Asset, Charge, Counterparty, DepositMove, Lease, LeaseAsset, Settlement
from assetdesk.services.leases.store import SOURCE, monthly_rent_on, rent_text, terms_of_row
from assetdesk.services.leases.terms import PaymentCycle
from assetdesk.services.leases.types import ACTIVE, EXPIRED, NOT_STARTED, TERMINATED, LeaseRow

BILLED, CANCELLED = "billed", "cancelled"
RECEIVED_KINDS = ("receipt", "credit")
ADJUSTED = "adjust"  # what counts as received (the rest: deposit, offset, write-off, adjust)


def status_on(lease: Lease, today: dt.date) -> str:
    if lease.terminated_on is not None:
        return TERMINATED
    if today < lease.start_on:
        return NOT_STARTED
    if today > lease.end_on:
        return EXPIRED
    return ACTIVE


def select_leases() -> peewee.ModelSelect[Lease]:
    return Lease.select(Lease, Counterparty).join(Counterparty, on=(Lease.tenant == Counterparty.id))


def tuples(query: peewee.ModelSelect[Any]) -> list[tuple[Any, ...]]:
    return cast("list[tuple[Any, ...]]", list(query.tuples()))  # peewee's stubs type .tuples() rows as records


def rows_of(leases: Sequence[Lease], today: dt.date) -> list[LeaseRow]:
    """The rows of ``leases`` (in their order) with their assets, totals and deposits."""
    if not leases:
        return []
    ids = [int(lease.id) for lease in leases]
    assets = _assets(ids)
    totals = _totals(ids)
    deposits = _deposits(ids)
    previous = _numbers({int(lease.previous_id) for lease in leases if lease.previous_id})
    rows = []
    for lease in leases:
        lease_id = int(lease.id)
        total, billed, received, settled = totals.get(lease_id, (0, 0, 0, 0))
        held = assets.get(lease_id, [])
        status = status_on(lease, today)
        rent_day = today if status == ACTIVE else (lease.start_on if status == NOT_STARTED
                                                   else (lease.terminated_on or lease.end_on))
        rows.append(LeaseRow(
            id=lease_id, number=lease.number, tenant_id=int(lease.tenant_id), tenant_name=lease.tenant.name,
            asset_codes=tuple(code for code, _ in held), asset_names=tuple(name for _, name in held),
            area_centi=int(lease.area_centi), purpose=lease.purpose, method=lease.method,
            decision_ref=lease.decision_ref, decision_on=lease.decision_on, signed_on=lease.signed_on,
            start_on=lease.start_on, end_on=lease.end_on, terminated_on=lease.terminated_on, basis=lease.basis,
            rent_text=rent_text(lease), monthly_rent_fen=monthly_rent_on(terms_of_row(lease), rent_day),
            cycle_label=PaymentCycle(int(lease.cycle_months)).label, due_day=int(lease.due_day),
            deposit_fen=int(lease.deposit_fen), deposit_held_fen=deposits.get(lease_id, 0),
            previous_number=previous.get(int(lease.previous_id), "") if lease.previous_id else "",
            status=status, total_fen=total, billed_fen=billed, received_fen=received,
            outstanding_fen=billed - settled, note=lease.note))
    return rows


def _chunks(ids: list[int], size: int = 500) -> list[list[int]]:
    return [ids[i:i + size] for i in range(0, len(ids), size)]


def _assets(ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    found: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for chunk in _chunks(ids):
        query = (LeaseAsset.select(LeaseAsset.lease, Asset.code, Asset.name).join(Asset)
                 .where(LeaseAsset.lease.in_(chunk)).order_by(LeaseAsset.id))
        for lease_id, code, name in tuples(query):
            found[int(lease_id)].append((code, name))
    return found


def _totals(ids: list[int]) -> dict[int, tuple[int, int, int, int]]:
    """Per lease: the schedule's total (not cancelled), billed, received and everything settled."""
    result: dict[int, tuple[int, int, int, int]] = {}
    for chunk in _chunks(ids):
        amounts = (Charge.select(
            Charge.source_id,
            peewee.fn.SUM(peewee.Case(None, [(Charge.state != CANCELLED, Charge.amount_fen)], 0)),
            peewee.fn.SUM(peewee.Case(None, [(Charge.state == BILLED, Charge.amount_fen)], 0)))
            .where(Charge.source == SOURCE, Charge.source_id.in_(chunk)).group_by(Charge.source_id))
        settled = (Settlement.select(
            Charge.source_id,
            peewee.fn.SUM(peewee.Case(None, [(Settlement.kind.in_(RECEIVED_KINDS), Settlement.amount_fen)], 0)),
            peewee.fn.SUM(peewee.Case(None, [(Settlement.kind == ADJUSTED, Settlement.amount_fen)], 0)),
            peewee.fn.SUM(Settlement.amount_fen))
            .join(Charge).where(Charge.source == SOURCE, Charge.source_id.in_(chunk), Charge.state == BILLED,
                                Settlement.is_void == False)  # noqa: E712
            .group_by(Charge.source_id))
        paid = {int(lease_id): (int(received or 0), int(adjusted or 0), int(total or 0))
                for lease_id, received, adjusted, total in tuples(settled)}
        for lease_id, total, billed in tuples(amounts):
            received, adjusted, all_settled = paid.get(int(lease_id), (0, 0, 0))
            # a termination's adjustment lowers what is due: out of the totals, not counted as paid
            result[int(lease_id)] = (int(total or 0) - adjusted, int(billed or 0) - adjusted, received,
                                     all_settled - adjusted)
    return result


def _deposits(ids: list[int]) -> dict[int, int]:
    result: dict[int, int] = {}
    for chunk in _chunks(ids):
        query = (DepositMove.select(
            DepositMove.lease,
            peewee.fn.SUM(peewee.Case(None, [(DepositMove.kind == "收取", DepositMove.amount_fen)],
                                      0 - DepositMove.amount_fen)))
            .where(DepositMove.lease.in_(chunk), DepositMove.is_void == False)  # noqa: E712
            .group_by(DepositMove.lease))
        result.update({int(lease_id): int(held or 0) for lease_id, held in tuples(query)})
    return result


def _numbers(ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    query = Lease.select(Lease.id, Lease.number).where(Lease.id.in_(list(ids)))
    return {int(i): number for i, number in tuples(query)}

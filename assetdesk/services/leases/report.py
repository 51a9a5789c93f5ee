"""What the 合同台账 (lease register) shows, shared by print and Excel so both carry the same figures.

Pure functions over ``LeaseRow``s (``LeaseService.list_leases``): the leases grouped by 状态 or by
资产, each group with its 小计 and a 合计 over all. A lease of several assets is listed under its
first asset (its other assets are named in its 资产 cell), so no lease is counted twice.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from assetdesk.services.leases.types import ACTIVE, EXPIRED, NOT_STARTED, TERMINATED, LeaseRow
from assetdesk.services.report_grouping import grouping_key

LEASE_GROUPINGS = {"status": "状态", "asset": "资产"}


def lease_grouping(group: str | None) -> str:
    """--group status (default) or asset, or their labels; anything else refused."""
    return grouping_key(group, LEASE_GROUPINGS, "status", "合同台账")
STATUS_ORDER = (ACTIVE, NOT_STARTED, EXPIRED, TERMINATED)


@dataclass(frozen=True)
class LeaseTotals:
    count: int = 0
    area_centi: int = 0
    deposit_fen: int = 0
    deposit_held_fen: int = 0
    billed_fen: int = 0
    received_fen: int = 0
    outstanding_fen: int = 0


@dataclass(frozen=True)
class LeaseGroup:
    label: str  # 生效 / ZC001 东街商铺
    rows: tuple[LeaseRow, ...]
    totals: LeaseTotals


def lease_totals(rows: Iterable[LeaseRow]) -> LeaseTotals:
    rows = list(rows)
    return LeaseTotals(len(rows), sum(r.area_centi for r in rows), sum(r.deposit_fen for r in rows),
                       sum(r.deposit_held_fen for r in rows), sum(r.billed_fen for r in rows),
                       sum(r.received_fen for r in rows), sum(r.outstanding_fen for r in rows))


def group_leases(rows: list[LeaseRow], by: str = "status") -> list[LeaseGroup]:
    """Groups in the register's order: 状态 生效, 未开始, 已到期, 已终止; 资产 by 资产编码. Within a
    group by 合同编号."""
    if by not in LEASE_GROUPINGS:
        raise ValueError(f"group by one of {tuple(LEASE_GROUPINGS)}")
    key = (lambda r: r.status) if by == "status" else asset_label
    labels = sorted({key(r) for r in rows}, key=lambda label: _order(label, by))
    groups = []
    for label in labels:
        members = tuple(sorted((r for r in rows if key(r) == label), key=lambda r: r.number))
        groups.append(LeaseGroup(label, members, lease_totals(members)))
    return groups


def asset_label(row: LeaseRow) -> str:
    """The asset a lease is listed under: its first, by 资产编码 and name."""
    if not row.asset_codes:
        return "（未指定资产）"
    name = row.asset_names[0] if row.asset_names else ""
    return f"{row.asset_codes[0]} {name}".strip()


def assets_text(row: LeaseRow) -> str:
    """Every asset of the lease: 东街商铺、西街商铺 (names; codes where a name is missing)."""
    names = [name or code for code, name in zip(row.asset_codes, row.asset_names or row.asset_codes)]
    return "、".join(names)


def term_text(row: LeaseRow) -> str:
    """起止日期 as two lines; an early end (提前终止) shows the day it ended."""
    end = f"{row.end_on.isoformat()}"
    if row.terminated_on:
        end += f"\n(终止{row.terminated_on.isoformat()})"
    return f"{row.start_on.isoformat()}\n{end}"


def _order(label: str, by: str) -> tuple:
    if by == "status":
        return (STATUS_ORDER.index(label) if label in STATUS_ORDER else len(STATUS_ORDER), label)
    return (label.startswith("（"), label)

"""Reconciliations for ``assetdesk check``: each sub-ledger must equal its control account.

The books register theirs (every account carrying a 辅助核算 dimension: the records' balances add up
to the account, and no line or opening amount of it names no record); each business area adds its
own when it lands (open lease charges = 112 by tenant, unpaid bills = 112 by household …) through
``ReconciliationRegistry.add``. A difference is shown by record, so the clerk sees whose it is.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assetdesk.dimensions import BY_KEY
from assetdesk.money import format_money
from assetdesk.services.context import ServiceContext


@dataclass(frozen=True)
class Difference:
    """One record whose sub-ledger and control figures differ (signed fen, debit positive)."""

    record: str  # 普洱茶源商贸有限公司, or （未指定往来单位）
    sub_ledger_fen: int
    control_fen: int

    @property
    def difference_fen(self) -> int:
        return self.sub_ledger_fen - self.control_fen


@dataclass(frozen=True)
class ReconciliationResult:
    name: str  # 应收款（112）按往来单位
    sub_ledger_fen: int
    control_fen: int
    differences: tuple[Difference, ...]

    @property
    def agrees(self) -> bool:
        return not self.differences and self.sub_ledger_fen == self.control_fen

    def message(self) -> str:
        head = (f"{self.name}：明细合计 {format_money(self.sub_ledger_fen)}，总账 {format_money(self.control_fen)}，"
                f"相差 {format_money(self.sub_ledger_fen - self.control_fen)}")
        shown = "；".join(f"{d.record} 相差 {format_money(d.difference_fen)}" for d in self.differences[:10])
        more = f" 等 {len(self.differences)} 项" if len(self.differences) > 10 else ""
        return f"{head}（{shown}{more}）" if shown else head


Reconciliation = Callable[[ServiceContext], list[ReconciliationResult]]


class ReconciliationRegistry:
    def __init__(self) -> None:
        self._items: list[Reconciliation] = [dimensioned_accounts]

    def add(self, reconciliation: Reconciliation) -> None:
        """An area's reconciliation, run by every ``check`` from now on."""
        if reconciliation not in self._items:
            self._items.append(reconciliation)

    def run(self, ctx: ServiceContext) -> list[ReconciliationResult]:
        return [result for item in self._items for result in item(ctx)]


def dimensioned_accounts(ctx: ServiceContext) -> list[ReconciliationResult]:
    """Every account declaring a dimension: its lines and opening amounts that name no record show
    as the （未指定…） row's difference; the records' sum equals the account (posted lines + opening)."""
    db, p = ctx.db, ctx.db.param
    results = []
    for _account_id, code, name, key in db.execute_sql(
            "SELECT a.id, a.code, a.name, d.dimension FROM account_dimension d JOIN account a ON a.id = d.account_id"
            " ORDER BY a.code, d.dimension").fetchall():
        dimension = BY_KEY.get(key)
        if dimension is None or not dimension.available:
            continue
        field = dimension.line_field
        leaves = f"(SELECT id FROM account WHERE code LIKE {p})"
        unnamed = db.execute_sql(
            f"SELECT COALESCE(SUM(amount_fen), 0) FROM voucher_line WHERE posted = {p} AND {field} IS NULL"
            f" AND account_id IN {leaves}", (True, code + "%")).fetchone()[0]
        control = db.execute_sql(
            f"SELECT COALESCE(SUM(amount_fen), 0) FROM opening_balance WHERE account_id IN {leaves}",
            (code + "%",)).fetchone()[0]
        broken_down = db.execute_sql(
            f"SELECT COALESCE(SUM(amount_fen), 0) FROM opening_balance_aux WHERE {field} IS NOT NULL"
            f" AND account_id IN {leaves}", (code + "%",)).fetchone()[0]
        lines = db.execute_sql(f"SELECT COALESCE(SUM(amount_fen), 0) FROM voucher_line WHERE posted = {p}"
                               f" AND account_id IN {leaves}", (True, code + "%")).fetchone()[0]
        control_fen = int(control or 0) + int(lines or 0)
        sub_ledger = int(broken_down or 0) + int(lines or 0) - int(unnamed or 0)
        label = f"（未指定{dimension.label}）"
        differences = (Difference(label, 0, control_fen - sub_ledger),) if sub_ledger != control_fen else ()
        results.append(ReconciliationResult(f"{name}（{code}）按{dimension.label}", sub_ledger, control_fen,
                                            differences))
    return results

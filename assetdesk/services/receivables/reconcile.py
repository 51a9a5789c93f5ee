"""``check``: the payers' sub-ledger (open charges less credit, deposits held) equals 112 and 211.

For every counterparty that owes (or owed) billed charges, what the engine says it owes — billed,
less everything that settled them, less its credit (预收) when 预收 is kept on the receivable account —
must equal that counterparty's balance on the receivable accounts (opening 期初明细 plus posted
lines). The deposits held per tenant must equal the deposit account's balance for the tenant. A
voucher posted or reversed behind the engine's back shows as a difference, named by counterparty.
Books without charges or deposits are not reconciled.
"""
from __future__ import annotations

import peewee

from assetdesk.errors import AssetDeskError
from assetdesk.services.context import ServiceContext
from assetdesk.services.posting_rules import PostingRuleService
from assetdesk.services.receivables.types import BILLED, COUNTERPARTY
from assetdesk.services.reconciliation import Difference, ReconciliationResult


def receivables_reconciliation(ctx: ServiceContext) -> list[ReconciliationResult]:
    db, p = ctx.db, ctx.db.param
    rules = [str(r) for (r,) in db.execute_sql(
        f"SELECT DISTINCT receivable_rule FROM charge WHERE state = {p} AND payer_kind = {p}",
        (BILLED, COUNTERPARTY)).fetchall()]
    has_deposits = db.execute_sql("SELECT COUNT(*) FROM deposit_move").fetchone()[0]
    if not rules and not has_deposits:
        return []
    try:
        accounts = PostingRuleService(ctx).resolve([*rules, "receivable.prepaid", "deposit.payable"])
    except AssetDeskError:
        return []  # a rule that cannot be used is reported by check itself
    results = []
    if rules:
        results.append(_receivables(db, accounts, rules))
    if has_deposits:
        results.append(_deposits(db, accounts["deposit.payable"]))
    return results


def _receivables(db: peewee.Database, accounts: dict[str, str], rules: list[str]) -> ReconciliationResult:
    p = db.param
    codes = sorted({accounts[r] for r in rules})
    credit_inside = accounts["receivable.prepaid"] in codes
    ledger: dict[int, int] = {}
    for payer_id, total in db.execute_sql(
            f"SELECT payer_id, SUM(amount_fen) FROM charge WHERE state = {p} AND payer_kind = {p} GROUP BY payer_id",
            (BILLED, COUNTERPARTY)).fetchall():
        ledger[int(payer_id)] = int(total)
    for payer_id, total in db.execute_sql(
            f"SELECT c.payer_id, SUM(s.amount_fen) FROM settlement s JOIN charge c ON c.id = s.charge_id"
            f" WHERE s.is_void = {p} AND c.state = {p} AND c.payer_kind = {p} GROUP BY c.payer_id",
            (False, BILLED, COUNTERPARTY)).fetchall():
        ledger[int(payer_id)] = ledger.get(int(payer_id), 0) - int(total)
    if credit_inside:
        for payer_id, total in db.execute_sql(
                f"SELECT payer_id, SUM(amount_fen) FROM payer_credit WHERE is_void = {p} AND payer_kind = {p}"
                " GROUP BY payer_id", (False, COUNTERPARTY)).fetchall():
            ledger[int(payer_id)] = ledger.get(int(payer_id), 0) - int(total)
    control = _by_counterparty(db, codes)
    name = f"应收款（{'、'.join(codes)}）与缴款人明细"
    return _result(db, name, ledger, control)


def _deposits(db: peewee.Database, code: str) -> ReconciliationResult:
    p = db.param
    ledger: dict[int, int] = {}
    for payer_id, kind, total in db.execute_sql(
            f"SELECT payer_id, kind, SUM(amount_fen) FROM deposit_move WHERE is_void = {p} GROUP BY payer_id, kind",
            (False,)).fetchall():
        sign = 1 if kind == "收取" else -1
        ledger[int(payer_id)] = ledger.get(int(payer_id), 0) + sign * int(total)
    control = {cp: -amount for cp, amount in _by_counterparty(db, [code]).items()}
    return _result(db, f"押金（{code}）与押金台账", ledger, control)


def _by_counterparty(db: peewee.Database, codes: list[str]) -> dict[int, int]:
    """Debit-positive balance per counterparty on the accounts: 期初明细 plus posted lines."""
    p = db.param
    marks = ", ".join([p] * len(codes))
    found: dict[int, int] = {}
    for cp, total in db.execute_sql(
            "SELECT l.counterparty_id, SUM(l.amount_fen) FROM voucher_line l JOIN account a ON a.id = l.account_id"
            f" WHERE l.posted = {p} AND a.code IN ({marks}) AND l.counterparty_id IS NOT NULL"
            " GROUP BY l.counterparty_id", (True, *codes)).fetchall():
        found[int(cp)] = int(total)
    for cp, total in db.execute_sql(
            "SELECT o.counterparty_id, SUM(o.amount_fen) FROM opening_balance_aux o JOIN account a"
            f" ON a.id = o.account_id WHERE a.code IN ({marks}) AND o.counterparty_id IS NOT NULL"
            " GROUP BY o.counterparty_id", tuple(codes)).fetchall():
        found[int(cp)] = found.get(int(cp), 0) + int(total)
    return found


def _result(db: peewee.Database, name: str, ledger: dict[int, int], control: dict[int, int]) -> ReconciliationResult:
    names = {int(i): str(n) for i, n in db.execute_sql("SELECT id, name FROM counterparty").fetchall()}
    differences = tuple(Difference(names.get(cp, f"往来单位{cp}"), amount, control.get(cp, 0))
                        for cp, amount in sorted(ledger.items(), key=lambda item: names.get(item[0], ""))
                        if amount != control.get(cp, 0))
    return ReconciliationResult(name, sum(ledger.values()), sum(control.get(cp, 0) for cp in ledger), differences)

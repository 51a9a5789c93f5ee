"""``check``: the register's 原值 equals 151 固定资产 and its 累计折旧 equals 152 (DOMAIN §4).

Registering an asset posts nothing, so the clerk keeps the two in step: the 原值 and 累计折旧 of
the assets owned when the books started are the opening balances of 151 and 152 (their sum, or
broken down by asset in 期初明细), an asset bought later is posted to 151 by the voucher that paid
for it. Depreciation runs and disposals post both sides themselves. When the totals differ, the
difference is listed by asset wherever 151/152 name assets (opening breakdown, lines), the rest
as （未指定资产）. Books with no asset registered are not reconciled: they do not keep the register.
"""
from __future__ import annotations

import peewee

from assetdesk.services.assets.types import DISPOSED
from assetdesk.services.context import ServiceContext
from assetdesk.services.reconciliation import Difference, ReconciliationResult


def register_reconciliation(ctx: ServiceContext) -> list[ReconciliationResult]:
    db = ctx.db
    assets = {int(i): (code, name, status, int(original), int(opening)) for i, code, name, status, original, opening
              in db.execute_sql("SELECT id, code, name, status, original_fen, opening_depreciation_fen"
                                " FROM asset").fetchall()}
    if not assets:
        return []  # no register kept yet (books upgraded, or not using it): nothing to reconcile
    original = {i: (0 if a[2] == DISPOSED else a[3]) for i, a in assets.items()}
    posted_152 = _by_asset(db, "152", -1)
    accumulated = {i: a[4] + posted_152.get(i, 0) for i, a in assets.items()}
    return [_result("固定资产原值（151）与资产台账", assets, original, _control_by_asset(db, "151", 1),
                    _control(db, "151")),
            _result("累计折旧（152）与资产台账", assets, accumulated, _control_by_asset(db, "152", -1),
                    -_control(db, "152"))]


def _result(name: str, assets: dict, register: dict[int, int], by_asset: dict[int, int],
            control: int) -> ReconciliationResult:
    total = sum(register.values())
    differences: list[Difference] = []
    if total != control:
        for asset_id, value in register.items():
            named = by_asset.get(asset_id, 0)
            if by_asset and value != named:
                code, label = assets[asset_id][0], assets[asset_id][1]
                differences.append(Difference(f"{code} {label}", value, named))
        unnamed = control - sum(by_asset.values())
        if unnamed or not differences:
            label = "（未指定资产）" if by_asset else "资产台账合计"  # nothing in the account names an asset
            differences.append(Difference(label, total - sum(d.sub_ledger_fen for d in differences),
                                          unnamed if by_asset else control))
    return ReconciliationResult(name, total, control, tuple(differences))


def _control(db: peewee.Database, code: str) -> int:
    """The account's balance (debit positive): opening plus every posted line, its sub-accounts included."""
    p = db.param
    leaves = f"(SELECT id FROM account WHERE code LIKE {p})"
    opening = db.execute_sql(f"SELECT COALESCE(SUM(amount_fen), 0) FROM opening_balance WHERE account_id IN {leaves}",
                             (code + "%",)).fetchone()[0]
    lines = db.execute_sql(f"SELECT COALESCE(SUM(amount_fen), 0) FROM voucher_line WHERE posted = {p}"
                           f" AND account_id IN {leaves}", (True, code + "%")).fetchone()[0]
    return int(opening or 0) + int(lines or 0)


def _by_asset(db: peewee.Database, code: str, sign: int) -> dict[int, int]:
    p = db.param
    rows = db.execute_sql(
        "SELECT l.asset_id, SUM(l.amount_fen) FROM voucher_line l JOIN account t ON t.id = l.account_id"
        f" WHERE l.posted = {p} AND t.code LIKE {p} AND l.asset_id IS NOT NULL GROUP BY l.asset_id",
        (True, code + "%")).fetchall()
    return {int(i): sign * int(total) for i, total in rows}


def _control_by_asset(db: peewee.Database, code: str, sign: int) -> dict[int, int]:
    """What 151/152 hold per named asset: the opening breakdown plus lines naming it."""
    p = db.param
    found = _by_asset(db, code, sign)
    for asset_id, total in db.execute_sql(
            "SELECT o.asset_id, SUM(o.amount_fen) FROM opening_balance_aux o JOIN account t ON t.id = o.account_id"
            f" WHERE t.code LIKE {p} AND o.asset_id IS NOT NULL GROUP BY o.asset_id", (code + "%",)).fetchall():
        found[int(asset_id)] = found.get(int(asset_id), 0) + sign * int(total)
    return found

"""Declaring an account's 辅助核算: what may be declared, and what must be true of the books first.

An account carrying a dimension promises that every posting to it and to its sub-accounts names a
record of it, and that its opening is broken down by it: its sub-ledger by record then adds up to
the account. A declaration is refused, before anything is written, when that promise would be
broken from the start: the dimension has no register yet (资产, 合同, 资金项目 arrive with their
areas), posted lines of the account or a sub-account name no record of it, or an opening of one is
not broken down by it. Taking a dimension away folds the opening breakdown onto the dimensions left.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from assetdesk.db.models import Account, OpeningBalance, OpeningBalanceAux, Voucher, VoucherLine
from assetdesk.dimensions import BY_KEY, DIMENSIONS, dimension
from assetdesk.errors import AccountError, ClosedPeriodError, InputError
from assetdesk.services.opening_breakdown import side_amount

# the register each dimension's records will live in, as the clerk knows it
REGISTER_TITLES = {"asset": "资产台账", "lease": "租赁合同台账", "fund": "资金项目台账"}


@dataclass(frozen=True)
class DimensionChoice:
    """One dimension as the 辅助核算 dialog offers it for an account: whether the account carries it,
    whether that comes from an ancestor (``inherited_from``: "112 应收款", then it cannot be taken off
    here), and why it cannot be chosen (``unavailable``: "资产台账尚未建立…"; "" when it can)."""

    key: str
    label: str
    carried: bool
    inherited_from: str = ""
    unavailable: str = ""


def unavailable_reason(key: str) -> str:
    """Why no account can carry ``key`` yet ("" when it can)."""
    found = BY_KEY[key]
    if found.available:
        return ""
    return f"{REGISTER_TITLES.get(key, found.label)}尚未建立，科目还不能按“{found.label}”辅助核算"


def parse_keys(keys: Iterable[str]) -> tuple[str, ...]:
    """Keys or labels ("counterparty", "往来单位") → keys in catalogue order; an unknown one is refused."""
    wanted = set()
    for text in keys:
        try:
            wanted.add(dimension(text).key)
        except KeyError:
            labels = "、".join(d.label for d in DIMENSIONS)
            raise InputError(f"没有“{text}”这种辅助核算", f"可选：{labels}") from None
    return tuple(d.key for d in DIMENSIONS if d.key in wanted)


def subtree(account: Account, accounts: list[Account]) -> list[Account]:
    """The account and every sub-account below it (codes extend the parent's code)."""
    return [a for a in accounts if a.code.startswith(account.code)]


def check_can_carry(key: str, account: Account, newly: list[Account], locked: bool) -> None:
    """Refuse ``key`` on ``account`` when the accounts that would start carrying it (``newly``, the
    account and its sub-accounts not carrying it yet) have posted lines without a record of it or an
    opening not broken down by it."""
    reason = unavailable_reason(key)
    if reason:
        raise AccountError(reason, "请选择往来单位或小区；其余辅助核算在相应台账建立后才能设置")
    label = BY_KEY[key].label
    ids = [a.id for a in newly]
    if not ids:
        return
    field = getattr(VoucherLine, BY_KEY[key].line_field)
    unnamed = VoucherLine.select().where(VoucherLine.account.in_(ids) & VoucherLine.posted & field.is_null())
    count = unnamed.count()
    if count:
        first = (Voucher.select(Voucher.date_on, Voucher.word, Voucher.number).join(VoucherLine)
                 .where(VoucherLine.id.in_(unnamed.select(VoucherLine.id)))
                 .order_by(Voucher.date_on, Voucher.number).first())
        example = f"（最早一笔：{first.date_on} {first.word}-{first.number or 0:04d}）" if first else ""
        raise AccountError(f"科目“{account.code} {account.name}”（含明细科目）已有 {count} 笔记账分录"
                           f"没有指明{label}{example}，"
                           f"不能再设置按{label}辅助核算",
                           f"已过账的凭证不能修改：请把这些分录红字冲销后按{label}重新录入，再设置辅助核算")
    _check_openings(key, account, newly, locked)


def _check_openings(key: str, account: Account, newly: list[Account], locked: bool) -> None:
    label, field = BY_KEY[key].label, BY_KEY[key].line_field
    by_id = {a.id: a for a in newly}
    openings = OpeningBalance.select().where(OpeningBalance.account.in_(list(by_id)) & (OpeningBalance.amount_fen != 0))
    for opening in openings:
        named = OpeningBalanceAux.select().where((OpeningBalanceAux.account == opening.account_id)
                                                 & getattr(OpeningBalanceAux, field).is_null(False)).exists()
        if named:
            continue
        leaf = by_id[opening.account_id]
        what = f"“{leaf.code} {leaf.name}”" if leaf.id != account.id else f"“{account.code} {account.name}”"
        hint = (f"首个会计期间已结账，期初余额不能再修改，因此不能再按{label}辅助核算" if locked else
                f"请先把科目{what}的期初余额清零，设置辅助核算后再按{label}录入期初余额及其明细")
        raise AccountError(f"科目{what}有期初余额 {side_amount(opening.amount_fen)}，尚未按{label}分列，"
                           f"不能设置按{label}辅助核算", hint)


def fold_breakdown(account_ids: list[int], dropped: set[str], kept: dict[int, tuple[str, ...]]) -> bool:
    """The opening breakdown of ``account_ids`` without the ``dropped`` dimensions: rows naming the
    same records of the dimensions each account keeps (``kept``) become one; an account keeping none
    loses its rows. True when any row changed (inside the caller's transaction)."""
    rows = list(OpeningBalanceAux.select().where(OpeningBalanceAux.account.in_(account_ids))
                .order_by(OpeningBalanceAux.id))
    affected = _naming(rows, dropped)
    if not affected:
        return False
    for account_id in {row.account_id for row in affected}:
        merged: dict[tuple, int] = {}
        for row in (r for r in rows if r.account_id == account_id):
            ids = tuple((d.line_field, _raw_id(row, d.line_field)) for d in DIMENSIONS
                        if d.key in kept.get(account_id, ()))
            merged[ids] = merged.get(ids, 0) + row.amount_fen
        OpeningBalanceAux.delete().where(OpeningBalanceAux.account == account_id).execute()
        if kept.get(account_id):
            OpeningBalanceAux.insert_many([{"account": account_id, "amount_fen": amount, **dict(ids)}
                                           for ids, amount in merged.items() if amount]).execute()
    return True


def would_fold(account_ids: list[int], dropped: set[str]) -> bool:
    """Whether taking ``dropped`` off would change the opening breakdown of ``account_ids``."""
    return bool(_naming(OpeningBalanceAux.select().where(OpeningBalanceAux.account.in_(account_ids)), dropped))


def _naming(rows: Iterable[OpeningBalanceAux], keys: set[str]) -> list[OpeningBalanceAux]:
    """The breakdown rows naming a record of one of ``keys``."""
    fields = [BY_KEY[key].line_field for key in keys]
    return [row for row in rows if any(_raw_id(row, field) is not None for field in fields)]


def _raw_id(row: OpeningBalanceAux, line_field: str) -> int | None:
    """The record id a stored row names for ``line_field`` (a foreign key reads as its id here)."""
    return row.__data__.get(OpeningBalanceAux._meta.combined[line_field].name)


def locked_refusal(label: str, period) -> ClosedPeriodError:
    return ClosedPeriodError(f"首个会计期间 {period} 已结账，期初明细不能再修改，不能取消按{label}辅助核算",
                             "如确需修改，请先反结账")

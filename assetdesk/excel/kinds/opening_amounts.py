"""One row's opening balance as a signed amount (debit positive), from the columns chosen for it.

The layouts, and how each is read:

- 借方 | 贷方 (two columns): the debit less the credit. A negative in the 借方 column is a credit
  balance (a red figure), so the same balance written either way compares equal on re-import. A
  sub-account with both columns filled is refused; a parent account may show both (a two-way
  account printed gross: 借方 = its debit sub-accounts, 贷方 = its credit ones).
- 余额 + 方向: 借 positive, 贷 negative, a negative amount on the other side; "平" needs 0; a blank
  方向 takes the account's normal side (a 双向 account needs it written).
- 余额 alone, without 方向 (``one_column_rule``): when every amount is positive, each is on its
  account's normal side. When some are negative, the sign is the side (positive 借, negative 贷)
  if that reading balances the file's sub-accounts and the normal-side reading does not; the
  normal-side reading (a negative is a red balance on the other side) if only it balances.
  Anything else cannot be told and is refused, stating both readings' totals.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from assetdesk.excel.placeholders import is_placeholder
from assetdesk.money import format_amount
from assetdesk.services.opening_breakdown import side_amount

from .base import ParsedRow, RowError

if TYPE_CHECKING:
    from assetdesk.services.accounts import AccountRow

__all__ = ["Reading", "apply_one_column", "header", "one_column_rule", "read_row", "side_amount"]


@dataclass
class Reading:
    """What a row's chosen balance columns say: ``signed`` (None until a one-column amount is given
    its side), ``amount`` (the one-column figure), ``blank`` (every balance cell empty), ``both``
    (借方 and 贷方 filled), ``key`` (the column to point at)."""

    signed: int | None
    amount: int = 0
    blank: bool = False
    both: bool = False
    key: str = ""


def header(row: ParsedRow, key: str) -> str:
    return row.where[key][2] if key in row.where else key


def _blank(row: ParsedRow, keys: Sequence[str]) -> bool:
    """Every balance cell empty or a placeholder (—, -, 无): a caption row, not a zero balance."""
    for key in keys:
        index = row.where[key][0]
        raw = row.raw[index] if index < len(row.raw) else None
        if raw is not None and not (isinstance(raw, str) and (not raw.strip() or is_placeholder(raw))):
            return False
    return True


def read_row(row: ParsedRow, roles: dict[str, str], account: AccountRow, errors: list[RowError]) -> Reading:
    """The row's balance by the chosen columns (``roles``: role → column key); refusals go to ``errors``."""
    debit_key, credit_key = roles.get("debit", ""), roles.get("credit", "")
    amount_key, direction_key = roles.get("amount", ""), roles.get("direction", "")
    value_keys = [key for key in (debit_key, credit_key, amount_key) if key]
    blank = _blank(row, value_keys)
    debit = row[debit_key] if debit_key else 0
    credit = row[credit_key] if credit_key else 0
    amount = row[amount_key] if amount_key else 0
    if amount and (debit or credit):
        errors.append(row.error(amount_key, f"已填写借方/贷方余额，“{header(row, amount_key)}”列请留空"))
        return Reading(None, blank=blank)
    if debit_key or credit_key:
        if not amount_key or not amount:
            pointed = debit_key if debit - credit >= 0 and debit_key else credit_key or debit_key
            return Reading(debit - credit, blank=blank, both=bool(debit and credit), key=pointed)
    if not direction_key:
        return Reading(None, amount, blank=blank, key=amount_key)
    side = row[direction_key]
    if side == "平":
        if amount:
            errors.append(row.error(amount_key, "方向为“平”时余额应为0，请核对余额或方向"))
            return Reading(None, blank=blank)
        return Reading(0, blank=blank, key=amount_key)
    side = side or (account.normal_side if account is not None else "")
    if side not in ("借", "贷"):
        if amount:
            errors.append(row.error(direction_key, f"“{account.full_name}”是双向科目，请填写余额方向（借或贷）"))
            return Reading(None, blank=blank)
        return Reading(0, blank=blank, key=amount_key)
    return Reading(amount if side == "借" else -amount, blank=blank, key=amount_key)


def one_column_rule(items: Sequence[tuple[ParsedRow, AccountRow, Reading]]) -> tuple[str, str]:
    """("sign" | "normal", "") for the rows read from one 余额 column without 方向, or ("", why not).

    ``items``: (row, account, reading) of the sub-accounts (leaf accounts) in the file."""
    amounts = [(account, reading.amount) for _, account, reading in items if reading.amount]
    if not any(amount < 0 for _, amount in amounts):
        return "normal", ""
    by_sign = sum(amount for _, amount in amounts)
    two_way = [account for account, _ in amounts if account.normal_side not in ("借", "贷")]
    by_side = None if two_way else sum(amount if account.normal_side == "借" else -amount for account,
                                       amount in amounts)
    sign_ok, side_ok = by_sign == 0, by_side == 0
    if sign_ok and (not side_ok or all(account.normal_side == "借" for account, _ in amounts)):
        return "sign", ""
    if side_ok and not sign_ok:
        return "normal", ""
    first_row = items[0][0]
    column = header(first_row, items[0][2].key)
    debit = sum(amount for _, amount in amounts if amount > 0)
    credit = -sum(amount for _, amount in amounts if amount < 0)
    sign_text = f"按“正数为借方、负数为贷方”，借方合计 {format_amount(debit)}、贷方合计 {format_amount(credit)}"
    if two_way:
        side_text = "按科目的余额方向无法确定双向科目（" + "、".join(sorted({a.code for a in two_way})) + "）的方向"
    else:
        side_debit = sum(abs(a) for account, a in amounts if (a > 0) == (account.normal_side == "借"))
        side_text = (f"按各科目的余额方向（负数记另一方），借方合计 {format_amount(side_debit)}、"
                     f"贷方合计 {format_amount(sum(abs(a) for _, a in amounts) - side_debit)}")
    both = "两种读法都平衡，结果不同" if sign_ok and side_ok else "两种读法都不平衡"
    return "", (f"余额只有“{column}”一列，没有“方向”列，且有负数：{sign_text}；{side_text}；{both}，"
                "无法判断负数是哪一方的余额。请加一列“余额方向”（借/贷），或改用“借方余额”“贷方余额”两列")


def apply_one_column(reading: Reading, account: AccountRow, rule: str) -> str:
    """Give a one-column amount its side by ``rule``; the refusal reason when it cannot be."""
    if rule == "sign":
        reading.signed = reading.amount
    elif account.normal_side in ("借", "贷"):
        reading.signed = reading.amount if account.normal_side == "借" else -reading.amount
    elif reading.amount:
        return (f"“{account.full_name}”是双向科目，表中没有“方向”列：请加一列“余额方向”填借或贷，"
                "或改用“借方余额”“贷方余额”两列")
    else:
        reading.signed = 0
    return ""

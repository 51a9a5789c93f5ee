"""The checks of an opening-balance table against the books (``opening_balances``): each row's account,
the side of one-column amounts, sub-accounts against their parent, breakdown rows against their
account, and the whole book once the file is in. Every refusal names its row and cell.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from assetdesk.money import format_amount
from assetdesk.services.openings import opening_locked_message

from .account_names import AccountNames
from .account_refs import written_name
from .base import ParsedRow, RowError
from .opening_amounts import Reading, apply_one_column, one_column_rule, side_amount
from .opening_parts import part_of

if TYPE_CHECKING:
    from assetdesk.services.accounts import AccountRow
    from assetdesk.services.books import Books

Readings = list[tuple[ParsedRow, "AccountRow", Reading]]
PartsKey = list[tuple[tuple[tuple[str, int], ...], int]]


def account_errors(row: ParsedRow, account: AccountRow | None, names: AccountNames) -> list[RowError]:
    """The code names an account of the books, and the name beside it (if any) names the same one."""
    name = written_name(row.values.get("name"))
    named = sorted(names.codes_for(name) - {row["code"]}, key=lambda code: (len(code), code)) if name else []
    known = f"“{name}”在账中是 {named[0]} {names.full_name(named[0])}" if named else ""
    if account is None:
        return [row.error("code",
                          f"科目不存在{'（' + known + '）' if known else ''}，请先在科目表中建立该科目或改正编码")]
    if name and not names.matches(account.code, name):
        elsewhere = f"；{known}" if known else ""
        record = ""
        if account.dimensions and not named:
            labels = "或".join(account.dimensions)
            record = f"；如果“{name}”是该科目的核算项目（{labels}），它在账中不存在，请先导入往来单位及个人或片区与小区"
        return [row.error("name", f"科目名称与编码 {account.code} 在账中的科目“{account.full_name}”不符{elsewhere}："
                                  f"请核对编码和名称是否错行（旧制度的科目编码与现行制度不同，不能只按编码导入）{record}")]
    return []


def sides_of_one_column(readings: Readings) -> list[RowError]:
    """Give the amounts of a 余额 column without 方向 their sides, by the file's one rule (judged on
    the accounts' own rows; breakdown rows count only for an account the table gives no row of)."""
    waiting = [item for item in readings if item[2].signed is None and item[2].key]
    if not waiting:
        return []
    listed = {account.code for row, account, _ in readings if part_of(row) is None and account.is_leaf}
    judged = [item for item in waiting if item[1].is_leaf and (part_of(item[0]) is None or item[1].code not in listed)]
    rule, reason = one_column_rule(judged)
    if not rule:
        first = waiting[0][0]
        _, letter, shown = first.where[waiting[0][2].key]
        return [RowError(first.sheet, 0, f"{letter}（{shown}）", "", reason)]
    errors = []
    for row, account, reading in waiting:
        problem = apply_one_column(reading, account, rule)
        if problem:
            errors.append(row.error(reading.key, problem))
    return errors


def _part_sums(readings: Readings, incomplete: set[str], errors: list[RowError]) -> tuple[dict[str, int], dict]:
    """Each broken-down account's sum of its breakdown rows, and its first breakdown row."""
    sums: dict[str, int] = {}
    first: dict[str, tuple[ParsedRow, Reading]] = {}
    for row, _, reading in readings:
        part = part_of(row)
        if part is None:
            continue
        if reading.signed is None or reading.both:
            if reading.both:
                errors.append(row.error(reading.key, "借方余额和贷方余额只能填一个"))
            incomplete.add(part.code)
            continue
        part.signed = reading.signed
        sums[part.code] = sums.get(part.code, 0) + reading.signed
        first.setdefault(part.code, (row, reading))
    return sums, first


def leaf_and_parent_rows(readings: Readings, incomplete: set[str]) -> list[RowError]:
    """Sub-account rows carry the balances; an account's breakdown rows add up to its own row (or
    stand for it when the table prints none); a parent row is a caption when blank, otherwise it
    must equal the net of its sub-accounts in the file (a two-way parent printed gross nets to the
    same). ``incomplete``: accounts some breakdown rows of which could not be read: not summed."""
    errors: list[RowError] = []
    sums, first = _part_sums(readings, incomplete, errors)
    leaves = {}
    for row, account, reading in readings:
        if part_of(row) is not None or not account.is_leaf or reading.signed is None:
            continue
        if reading.both:
            errors.append(row.error(reading.key, "借方余额和贷方余额只能填一个"))
            continue
        amount = reading.signed
        if account.code in sums and account.code not in incomplete:
            total = sums[account.code]
            if reading.blank:
                amount = total
            elif amount != total:
                errors.append(row.error(reading.key,
                                        f"“{account.full_name}”的期初余额 {side_amount(amount)} 与其下各核算项目"
                                        f"合计 {side_amount(total)} 不符，差额 {format_amount(abs(amount - total))}，"
                                        "请核对"))
        row.values["opening_fen"], row.values["opening_key"] = amount, reading.key
        leaves[account.code] = amount
    for code, (row, reading) in first.items():
        if code not in leaves and code not in incomplete:
            row.values["opening_fen"], row.values["opening_key"] = sums[code], reading.key
            leaves[code] = sums[code]
    return errors + _parent_rows(readings, leaves)


def _parent_rows(readings: Readings, leaves: dict[str, int]) -> list[RowError]:
    errors = []
    for row, account, reading in readings:
        if account.is_leaf or part_of(row) is not None or reading.signed is None or reading.blank:
            continue
        row.values["opening_fen"] = reading.signed
        parts = [amount for code, amount in leaves.items() if code.startswith(account.code)]
        if not parts:
            if reading.signed:
                errors.append(row.error("code", f"“{account.full_name}”不是末级科目，期初余额请填在它的明细科目上"))
        elif sum(parts) != reading.signed:
            errors.append(row.error(reading.key,
                                    f"“{account.full_name}”的余额 {side_amount(reading.signed)} 与表中明细科目合计 "
                                    f"{side_amount(sum(parts))} 不符，请核对"))
    return errors


# ---------------------------------------------------------------- the books after the file

def file_balances(rows: Sequence[ParsedRow], accounts: dict[str, AccountRow]) -> dict[str, int]:
    """Leaf account → the opening the file gives it."""
    return {row["code"]: row["opening_fen"] for row in rows
            if "opening_fen" in row.values and row["code"] in accounts and accounts[row["code"]].is_leaf}


def file_parts(rows: Sequence[ParsedRow]) -> dict[str, PartsKey]:
    """Account → its breakdown rows in the file as (records, amount), sorted; rows of 0 left out."""
    out: dict[str, PartsKey] = {}
    for row in rows:
        part = part_of(row)
        if part is not None and part.signed is not None:
            out.setdefault(part.code, [])
            if part.signed:
                out[part.code].append((tuple(sorted(part.ids.items())), part.signed))
    return {code: sorted(items) for code, items in out.items()}


def stored_parts(books: Books) -> dict[str, PartsKey]:
    """Account → its stored breakdown, in the form of ``file_parts``."""
    return {code: sorted((tuple(sorted((r.dimension, r.id) for r in row.records)), row.amount_fen) for row in rows)
            for code, rows in books.accounts.opening_breakdowns().items()}


def changed_codes(balances: dict[str, int], parts: dict[str, PartsKey], current: dict[str, int],
                  stored: dict[str, PartsKey]) -> set[str]:
    """The accounts whose opening or breakdown the file changes."""
    codes = {code for code, amount in balances.items() if amount != current.get(code, 0)}
    return codes | {code for code, items in parts.items() if items != stored.get(code, [])}


def book_after(books: Books, rows: Sequence[ParsedRow], accounts: dict[str, AccountRow], complete: bool,
               taken_from: Callable[[ParsedRow], str]) -> list[RowError]:
    """The first month still open, every changed opening of an account carrying a 辅助核算 broken
    down, and the whole book's openings balanced once the file is in (judged only when every row
    could be read: ``complete``)."""
    current = {r.code: r.debit_fen - r.credit_fen for r in books.accounts.opening_balances()}
    balances, parts = file_balances(rows, accounts), file_parts(rows)
    stored = stored_parts(books)
    codes = changed_codes(balances, parts, current, stored)
    changed = [row for row in rows if row.values.get("opening_fen") is not None and row["code"] in codes
               and row["code"] in balances]
    if not changed:
        return []
    locked = books.accounts.opening_locked()
    if locked is not None:
        first = changed[0]
        return [first.error(first.values.get("opening_key"),
                            f"{opening_locked_message(locked)}（本表改动 {len(codes)} 个科目的期初余额），"
                            "如确需修改，请先反结账")]
    errors = _not_broken_down(changed, accounts, parts, stored)
    if errors:
        return errors
    after = books.accounts.opening_after(balances)
    if after.balanced or not complete:
        return []
    others = [(code, amount) for code, amount in current.items() if amount and code not in balances]
    listed = "、".join(f"{code} {accounts[code].full_name} {side_amount(amount)}" for code, amount in others[:10])
    more = f" 等 {len(others)} 个" if len(others) > 10 else ""
    outside = (f"；账中另有本表未列出的期初余额：{listed}{more}（如这些科目应为 0，请在表中列出并填 0）"
               if others else "")
    source = next((taken_from(row) for row in rows if taken_from(row)), "")
    return [RowError(rows[0].sheet, 0, "", "", f"导入后期初余额{after.message()}{source}{outside}；"
                                               "请核对后重新导入，未导入任何数据")]


def _not_broken_down(changed: list[ParsedRow], accounts: dict[str, AccountRow], parts: dict[str, PartsKey],
                     stored: dict[str, PartsKey]) -> list[RowError]:
    """A changed non-zero opening of an account carrying a 辅助核算, without breakdown rows in the file
    (the breakdown kept in the books no longer adds up to it)."""
    errors = []
    for row in changed:
        account, amount = accounts[row["code"]], row["opening_fen"]
        if not account.dimensions or not amount or account.code in parts:
            continue
        if stored.get(account.code) and sum(a for _, a in stored[account.code]) == amount:
            continue
        labels = "、".join(account.dimensions)
        errors.append(row.error(row.values.get("opening_key"), (
            f"“{account.code} {account.full_name}”按{labels}辅助核算，期初余额 {side_amount(amount)} "
            f"须列明各{labels}的金额："
            f"请在该科目行下逐行列出各{labels}及其余额（或加一列“核算项目”写明{labels}），各行合计等于科目的期初余额")))
    return errors


"""The breakdown of an account's 期初余额 by its 辅助核算 (核算项目): who owed what on the first day.

An account that carries a dimension (应收款 by 往来单位) keeps its opening as one row per record in
``opening_balance_aux``, each naming one record of every dimension the account carries; the rows
add up to the account's opening to the fen, so the sub-ledger by record reconciles from day one.
Here: the values in and out, the checks of one account's rows, and reading and writing them
(inside the caller's transaction).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any, cast

from assetdesk.db.models import OpeningBalanceAux
from assetdesk.dimensions import BY_KEY, DIMENSIONS
from assetdesk.errors import AccountError, NotFoundError
from assetdesk.money import format_amount

_CHUNK = 500  # ids per IN (...) list: well inside every database's limit on parameters


def side_amount(signed: int) -> str:
    """借 1,000.00 / 贷 6,000.00 / 0.00: a balance as a clerk reads it, never as -6,000.00."""
    if signed > 0:
        return f"借 {format_amount(signed)}"
    if signed < 0:
        return f"贷 {format_amount(-signed)}"
    return "0.00"


@dataclass(frozen=True)
class BreakdownInput:
    """One row of an account's opening breakdown as given: the record of each dimension the
    account carries (``counterparty_id`` for 往来单位, ``compound_id`` for 小区 …) and the signed
    amount (debit positive)."""

    amount_fen: int
    counterparty_id: int | None = None
    compound_id: int | None = None
    asset_id: int | None = None
    lease_id: int | None = None
    fund_id: int | None = None

    def ids(self) -> dict[str, int]:
        """dimension key → record id, for the dimensions this row names."""
        return {d.key: getattr(self, d.line_field) for d in DIMENSIONS if getattr(self, d.line_field) is not None}


@dataclass(frozen=True)
class RecordRef:
    """A record a breakdown row names: its dimension (key and label), id, name and code (小区 XQ001)."""

    dimension: str
    label: str
    id: int
    name: str
    code: str = ""


@dataclass(frozen=True)
class BreakdownRow:
    """One stored row of an account's opening breakdown, with the names of its records."""

    code: str  # the account's
    amount_fen: int
    records: tuple[RecordRef, ...]

    def id_of(self, dimension: str) -> int | None:
        return next((r.id for r in self.records if r.dimension == dimension), None)

    @property
    def label(self) -> str:
        """普洱茶源商贸有限公司 / 兰园小区: the records' names as one line."""
        return " / ".join(r.name for r in self.records)

    def as_input(self) -> BreakdownInput:
        return BreakdownInput(self.amount_fen, **{BY_KEY[r.dimension].line_field: r.id for r in self.records})


ID_FIELDS = tuple(f.name for f in fields(BreakdownInput) if f.name != "amount_fen")


def _chunks(items: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


def record_names(db, wanted: dict[str, set[int]]) -> dict[str, dict[int, tuple[str, str]]]:
    """dimension key → {id: (name, code)} of the records of ``wanted`` that exist in their register."""
    found: dict[str, dict[int, tuple[str, str]]] = {}
    for key, ids in wanted.items():
        dimension = BY_KEY[key]
        found[key] = {}
        if dimension.register is None or not ids:
            continue
        code = dimension.code_column or "''"
        for chunk in _chunks(sorted(ids)):
            marks = ", ".join([db.param] * len(chunk))
            sql = f"SELECT id, {dimension.name_column}, {code} FROM {dimension.register} WHERE id IN ({marks})"
            found[key].update({i: (name, code_value or "") for i, name, code_value in db.execute_sql(sql, list(chunk))})
    return found


def wanted_ids(parts: Iterable[BreakdownInput]) -> dict[str, set[int]]:
    wanted: dict[str, set[int]] = {}
    for part in parts:
        for key, record_id in part.ids().items():
            wanted.setdefault(key, set()).add(record_id)
    return wanted


def check_parts(account, carried: tuple[str, ...], amount: int, parts: Sequence[BreakdownInput],
                names: dict[str, dict[int, tuple[str, str]]]) -> tuple[BreakdownInput, ...]:
    """One account's rows, checked: each names a record (that exists) of every dimension the account
    carries and of no other, no record twice, and they add up to ``amount``. Rows of 0 are dropped.
    ``account``: an ``AccountRow``; raises ``AccountError`` / ``NotFoundError`` in the clerk's words."""
    title = f"科目“{account.code} {account.full_name}”"
    if not carried:
        raise AccountError(f"{title}没有设置辅助核算，期初余额不能按核算项目分列",
                           "请先在科目表中为它设置辅助核算（如往来单位），再录入期初明细")
    seen: dict[tuple, int] = {}
    kept = []
    for number, part in enumerate(parts, start=1):
        ids = part.ids()
        _check_fields(title, carried, ids, number)
        for key, record_id in ids.items():
            if record_id not in names.get(key, {}):
                label = BY_KEY[key].label
                raise NotFoundError(f"{title}期初明细第 {number} 行的{label}（编号 {record_id}）不存在",
                                    f"请先建立该{label}，或重新选择")
        identity = tuple(sorted(ids.items()))
        if identity in seen:
            shown = " / ".join(names[key][record_id][0] for key, record_id in identity)
            raise AccountError(f"{title}的期初明细中“{shown}”出现了两次（第 {seen[identity]} 行和第 {number} 行）",
                               "同一核算项目请合并为一行")
        seen[identity] = number
        if int(part.amount_fen):
            kept.append(part)
    total = sum(int(part.amount_fen) for part in kept)
    if total != amount:
        raise AccountError(f"{title}的期初明细合计 {side_amount(total)} 与期初余额 {side_amount(amount)} 不符，"
                           f"差额 {format_amount(abs(total - amount))}",
                           "请核对各核算项目的金额，使明细合计等于该科目的期初余额")
    return tuple(kept)


def _check_fields(title: str, carried: tuple[str, ...], ids: dict[str, int], number: int) -> None:
    missing = [key for key in carried if key not in ids]
    if missing:
        label = BY_KEY[missing[0]].label
        raise AccountError(f"{title}的期初明细第 {number} 行没有指明{label}",
                           f"按{label}辅助核算的科目，每行期初明细都要指明{label}")
    extra = [key for key in ids if key not in carried]
    if extra:
        carried_labels = "、".join(BY_KEY[key].label for key in carried)
        raise AccountError(f"{title}不按{BY_KEY[extra[0]].label}辅助核算，"
                           f"期初明细第 {number} 行不能填写{BY_KEY[extra[0]].label}",
                           f"该科目的期初明细只按{carried_labels}分列")


def load(account_ids: Iterable[int] | None, codes: dict[int, str], db) -> dict[int, list[BreakdownRow]]:
    """account id → its stored breakdown rows (in the order entered), with the records' names;
    every account's when ``account_ids`` is None."""
    query = OpeningBalanceAux.select().order_by(OpeningBalanceAux.id)
    if account_ids is not None:
        ids = sorted(set(account_ids))
        if not ids:
            return {}
        query = query.where(OpeningBalanceAux.account.in_(ids))
    stored = cast("list[tuple[Any, ...]]", list(query.tuples()))  # peewee's stubs type .tuples() rows as records
    columns = [field.column_name for field in OpeningBalanceAux._meta.sorted_fields]
    raw = [dict(zip(columns, values)) for values in stored]
    names = record_names(db, {d.key: {r[d.line_field] for r in raw if r[d.line_field] is not None} for d in DIMENSIONS})
    out: dict[int, list[BreakdownRow]] = {}
    for r in raw:
        records = tuple(RecordRef(d.key, d.label, r[d.line_field],
                                  *names[d.key].get(r[d.line_field], ("（已删除）", "")))
                        for d in DIMENSIONS if r[d.line_field] is not None)
        row = BreakdownRow(codes.get(r["account_id"], ""), r["amount_fen"], records)
        out.setdefault(r["account_id"], []).append(row)
    return out


def store(account_id: int, parts: Sequence[BreakdownInput]) -> None:
    """The account's breakdown becomes ``parts`` (inside the caller's transaction)."""
    OpeningBalanceAux.delete().where(OpeningBalanceAux.account == account_id).execute()
    rows = [{"account": account_id, "amount_fen": int(part.amount_fen),
             **{name: getattr(part, name) for name in ID_FIELDS}} for part in parts]
    for start in range(0, len(rows), _CHUNK):
        OpeningBalanceAux.insert_many(rows[start:start + _CHUNK]).execute()


def describe(parts: Iterable[BreakdownRow | BreakdownInput],
             names: dict[str, dict[int, tuple[str, str]]] | None = None) -> list:
    """The rows as the audit trail keeps them: [{"往来单位": name, "金额": "1,000.00"}, …]."""
    out = []
    for part in parts:
        item = {}
        if isinstance(part, BreakdownRow):
            item.update({r.label: r.name for r in part.records})
        else:
            item.update({BY_KEY[key].label: (names or {}).get(key, {}).get(record_id, (str(record_id), ""))[0]
                         for key, record_id in part.ids().items()})
        item["金额"] = format_amount(part.amount_fen)
        out.append(item)
    return out

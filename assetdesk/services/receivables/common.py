"""What the engine's modules share: document kinds, payer names, reading charges with their settlements."""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import peewee

from assetdesk.errors import InputError
from assetdesk.services.documents import register_kind
from assetdesk.services.receivables.types import (
    BILLED,
    BY_ADJUST,
    BY_CREDIT,
    BY_DEPOSIT,
    BY_OFFSET,
    BY_RECEIPT,
    BY_WRITEOFF,
    COUNTERPARTY,
    DOC_ADJUST,
    DOC_CHARGES,
    DOC_CREDIT,
    DOC_CREDIT_REFUND,
    DOC_DEPOSIT,
    DOC_OFFSET,
    DOC_RECEIPT,
    DOC_WRITEBACK,
    DOC_WRITEOFF,
    HOUSEHOLD,
    METHODS,
    PAYER_KINDS,
    ChargeRow,
    Payer,
)
from assetdesk.services.voucher_types import voucher_label

DEPOSIT_PURPOSE, CHARGES_PURPOSE = "deposit", "charges"  # what a receipt was for
CREDIT_RECEIPT, CREDIT_APPLY, CREDIT_ADJUST, CREDIT_REFUND = "receipt", "apply", "adjust", "refund"  # credit rows
BY_WRITEBACK = "writeback"  # a settlement (negative) giving back part of a write-off when money came later

register_kind(DOC_CHARGES, "应收款项到期")
register_kind(DOC_RECEIPT, "收款收据")
register_kind(DOC_DEPOSIT, "押金")
register_kind(DOC_OFFSET, "抵销")
register_kind(DOC_WRITEOFF, "坏账核销")
register_kind(DOC_WRITEBACK, "坏账收回")
register_kind(DOC_ADJUST, "应收调整")
register_kind(DOC_CREDIT, "预收抵扣")
register_kind(DOC_CREDIT_REFUND, "退还预收款")

CHARGE_COLUMNS = ("id, source, source_id, seq, item, payer_kind, payer_id, lease_id, period_start, period_end, due_on,"
                  " amount_fen, months_text, note, state, receivable_rule, income_rule, asset_id, compound_id")
_CHUNK = 500


def as_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def method_rule(method: str) -> str:
    if method not in METHODS:
        raise InputError(f"收款方式“{method}”不认识", "收款方式可选：" + "、".join(METHODS))
    return "cash" if method == "现金" else "bank"


def cp_id(payer: Payer) -> int | None:
    return payer.id if payer.kind == COUNTERPARTY else None


def payer_names(db: peewee.Database, payers: Iterable[Payer]) -> dict[Payer, str]:
    """A counterparty by its name; a household by its room and 户主 ("兰园小区 3栋2单元301 张三")."""
    wanted = set(payers)
    names = {COUNTERPARTY: _names(db, "SELECT id, name FROM counterparty WHERE id IN ",
                                  [p.id for p in wanted if p.kind == COUNTERPARTY]),
             HOUSEHOLD: _names(db, _HOUSEHOLD_NAMES, [p.id for p in wanted if p.kind == HOUSEHOLD])}
    fallback = {COUNTERPARTY: "往来单位", HOUSEHOLD: "住户"}
    return {p: names.get(p.kind, {}).get(p.id, f"{fallback.get(p.kind, '')}{p.id}") for p in wanted}


# a household as the clerk says it: 小区 楼栋栋[单元单元]房号 户主
_HOUSEHOLD_NAMES = ("SELECT h.id, c.name || ' ' || h.building || '栋' || CASE WHEN h.unit = '' THEN '' ELSE h.unit"
                    " || '单元' END || h.room || CASE WHEN h.owner = '' THEN '' ELSE ' ' || h.owner END"
                    " FROM household h JOIN compound c ON c.id = h.compound_id WHERE h.id IN ")


def _names(db: peewee.Database, sql: str, ids: list[int]) -> dict[int, str]:
    unique, names = sorted(set(ids)), {}
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start:start + _CHUNK]
        rows = db.execute_sql(f"{sql}({', '.join([db.param] * len(chunk))})", chunk).fetchall()
        names.update({int(i): str(n) for i, n in rows})
    return names


def check_payer(db: peewee.Database, payer: Payer) -> str:
    """The payer's name; refused when the payer does not exist."""
    if payer.kind not in PAYER_KINDS:
        raise InputError(f"缴款人类型“{payer.kind}”不认识", "缴款人是往来单位或住户")
    found = _names(db, "SELECT id, name FROM counterparty WHERE id IN " if payer.kind == COUNTERPARTY
                   else _HOUSEHOLD_NAMES, [payer.id])
    if not found:
        what = "往来单位" if payer.kind == COUNTERPARTY else "住户"
        raise InputError(f"{what} {payer.id} 不存在", f"请先登记缴款人（{what}）")
    return found[payer.id]


def settled_by_kind(db: peewee.Database, charge_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """charge id → settlement kind → live amount."""
    found: dict[int, dict[str, int]] = {}
    unique = sorted(set(charge_ids))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start:start + _CHUNK]
        sql = (f"SELECT charge_id, kind, SUM(amount_fen) FROM settlement WHERE is_void = {db.param}"
               f" AND charge_id IN ({', '.join([db.param] * len(chunk))}) GROUP BY charge_id, kind")
        for charge_id, kind, total in db.execute_sql(sql, (False, *chunk)).fetchall():
            found.setdefault(int(charge_id), {})[str(kind)] = int(total)
    return found


def read_charges(db: peewee.Database, where: str, params: Sequence[object],
                 order: str = "due_on, id") -> list[ChargeRow]:
    rows = db.execute_sql(f"SELECT {CHARGE_COLUMNS} FROM charge WHERE {where} ORDER BY {order}", params).fetchall()
    return to_rows(db, rows)


def to_rows(db: peewee.Database, rows: Sequence[Sequence[object]]) -> list[ChargeRow]:
    settled = settled_by_kind(db, [int(r[0]) for r in rows])  # type: ignore[call-overload]
    names = payer_names(db, {Payer(str(r[5]), int(r[6])) for r in rows})  # type: ignore[call-overload]
    result = []
    for r in rows:
        cid = int(r[0])  # type: ignore[call-overload]
        by = settled.get(cid, {})
        payer = Payer(str(r[5]), int(r[6]))  # type: ignore[call-overload]
        amount = int(r[11])  # type: ignore[call-overload]
        received = by.get(BY_RECEIPT, 0) + by.get(BY_CREDIT, 0)
        written = by.get(BY_WRITEOFF, 0) + by.get(BY_WRITEBACK, 0)
        deposit, offset, adjusted = by.get(BY_DEPOSIT, 0), by.get(BY_OFFSET, 0), by.get(BY_ADJUST, 0)
        state = str(r[14])
        outstanding = amount - received - deposit - offset - written - adjusted if state == BILLED else 0
        result.append(ChargeRow(cid, str(r[1]), int(r[2]), int(r[3]), str(r[4]), payer, names[payer],  # type: ignore[call-overload]
                                int(r[7]) if r[7] is not None else None, as_date(r[8]), as_date(r[9]),  # type: ignore[call-overload]
                                as_date(r[10]), amount, str(r[12]), str(r[13]), state, received, deposit, offset,
                                written, adjusted, outstanding))
    return result


def charge_rules(db: peewee.Database, charge_ids: Sequence[int]) -> dict[int, tuple[str, str, int | None, int | None]]:
    """charge id → (receivable rule, income rule, asset id, compound id)."""
    found = {}
    unique = sorted(set(charge_ids))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start:start + _CHUNK]
        sql = (f"SELECT id, receivable_rule, income_rule, asset_id, compound_id FROM charge"
               f" WHERE id IN ({', '.join([db.param] * len(chunk))})")
        for cid, rec, inc, asset, compound in db.execute_sql(sql, chunk).fetchall():
            found[int(cid)] = (str(rec), str(inc), asset, compound)
    return found


def voucher_labels(db: peewee.Database, kind: str, ids: Sequence[int]) -> dict[int, str]:
    """document id → "2026-03 记-0012", the voucher posting it now; a reversed document (a void
    receipt) reads "2026-03 记-0012，已由 2026-04 记-0003 冲销"; absent when never posted."""
    found: dict[int, str] = {}
    unique = sorted(set(ids))
    p = db.param
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start:start + _CHUNK]
        sql = (f"SELECT document_id, document_seq, period_key, word, number FROM voucher WHERE document_kind = {p}"
               f" AND document_id IN ({', '.join([p] * len(chunk))}) ORDER BY document_id, document_seq")
        seqs: dict[int, dict[int, str]] = {}
        for doc_id, seq, key, word, number in db.execute_sql(sql, (kind, *chunk)).fetchall():
            seqs.setdefault(int(doc_id), {})[int(seq)] = f"{key // 100}-{key % 100:02d} {voucher_label(word, number)}"
        for doc_id, labels in seqs.items():
            last = max(labels)
            if last % 2 == 1:
                found[doc_id] = labels[last]
            elif last - 1 in labels:
                found[doc_id] = f"{labels[last - 1]}，已由 {labels[last]} 冲销"
    return found


def period_text(start: dt.date, end: dt.date) -> str:
    tail = end.strftime("%m-%d") if end.year == start.year else end.isoformat()
    return f"{start.isoformat()}至{tail}"

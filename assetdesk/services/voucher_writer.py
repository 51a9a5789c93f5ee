"""Writing posted vouchers: the one path every posting takes, one voucher or a run of fifty thousand.

The caller holds the write transaction and has checked the vouchers (``posting_checks``); this
module numbers them, writes vouchers, lines, the monthly totals and the audit records, each as one
``executemany`` (set-based, so a run costs a small multiple of a bare insert of the same rows).

Numbers come from ``voucher_counter``: taking them updates the month's row, which every database
locks until commit, so two clerks posting in one month are numbered one after the other — never
the same number twice, never a gap — and a month being closed waits for postings in flight
(``lock_month``).
"""
from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import peewee

from assetdesk.db.connection import is_sqlite
from assetdesk.dimensions import DIMENSIONS, LINE_FIELDS
from assetdesk.errors import VoucherError
from assetdesk.money import format_amount
from assetdesk.periods import Period
from assetdesk.services.account_catalog import AccountCatalog
from assetdesk.services.context import ServiceContext
from assetdesk.services.posting_checks import Problem, missing_record_problem
from assetdesk.services.voucher_types import LineInput, VoucherInput, voucher_label

_CHUNK = 500
_VOUCHER_COLUMNS = ("id", "period_key", "number", "word", "date_on", "summary", "attachments", "preparer", "reviewer",
                    "status", "source", "reverses_id", "created_at", "posted_at", "debit_fen", "search_text",
                    "document_kind", "document_id", "document_seq", "paper_label")
_LINE_COLUMNS = ("voucher_id", "seq", "account_id", "summary", "amount_fen", "is_debit", "period_key", "date_on",
                 "posted") + LINE_FIELDS


@dataclass(frozen=True)
class DocumentRef:
    """The document a voucher posts; ``seq`` 1 its posting, 2 its reversal, 3 posted again …"""

    kind: str
    id: int
    seq: int = 1


@dataclass(frozen=True)
class PostingItem:
    item: VoucherInput
    word: str
    number: int | None = None  # a historical voucher's own number; else the month's next
    reverses: int | None = None
    document: DocumentRef | None = None
    paper_label: str = ""


@dataclass(frozen=True)
class Written:
    id: int
    period: Period
    number: int
    word: str


def summary_of(item: VoucherInput) -> str:
    """The voucher's 摘要: its own, else its first line's."""
    return (item.summary or "").strip() or next(
        line.summary for line in item.lines if (line.summary or "").strip()).strip()


class VoucherWriter:
    def __init__(self, ctx: ServiceContext, catalog: AccountCatalog):
        self._ctx = ctx
        self._catalog = catalog

    @property
    def _db(self) -> peewee.Database:
        return self._ctx.db

    # --- the month's counter --------------------------------------------------------------------
    def lock_month(self, period_key: int) -> int:
        """Take the month's counter row (waiting for postings in flight) and return its last number."""
        return self._bump(period_key, 0)

    def _bump(self, period_key: int, count: int) -> int:
        p = self._db.param
        sql = (f"INSERT INTO voucher_counter (period_key, last_number) VALUES ({p}, {p}) ON CONFLICT (period_key)"
               f" DO UPDATE SET last_number = voucher_counter.last_number + {p} RETURNING last_number")
        return int(self._db.execute_sql(sql, (period_key, count, count)).fetchone()[0])

    def _raise_to(self, period_key: int, number: int) -> None:
        p = self._db.param
        self._db.execute_sql(
            f"INSERT INTO voucher_counter (period_key, last_number) VALUES ({p}, {p}) ON CONFLICT (period_key)"
            " DO UPDATE SET last_number = CASE WHEN voucher_counter.last_number > excluded.last_number"
            " THEN voucher_counter.last_number ELSE excluded.last_number END", (period_key, number))

    def _numbers(self, postings: Sequence[PostingItem]) -> list[int]:
        numbers = [p.number or 0 for p in postings]
        by_period: dict[int, list[int]] = defaultdict(list)
        for index, posting in enumerate(postings):
            by_period[Period.of(posting.item.date_on).key].append(index)
        for key, indexes in by_period.items():
            fixed = [numbers[i] for i in indexes if numbers[i]]
            if fixed:
                self._raise_to(key, max(fixed))
            todo = [i for i in indexes if not numbers[i]]
            if todo:
                last = self._bump(key, len(todo))
                for offset, index in enumerate(todo):
                    numbers[index] = last - len(todo) + 1 + offset
        return numbers

    def _ids(self, count: int) -> list[int]:
        if is_sqlite(self._db):  # inside BEGIN IMMEDIATE: nobody else inserts until we commit
            start = int(self._db.execute_sql("SELECT COALESCE(MAX(id), 0) FROM voucher").fetchone()[0]) + 1
            return list(range(start, start + count))
        sql = "SELECT nextval(pg_get_serial_sequence('voucher', 'id')) FROM generate_series(1, %s)"
        return [int(row[0]) for row in self._db.execute_sql(sql, (count,)).fetchall()]

    # --- checks that read the database ------------------------------------------------------------
    def missing_records(self, postings: Sequence[PostingItem]) -> Problem | None:
        """The first line naming a 往来单位 / 小区 … that does not exist (set-based: one query per chunk)."""
        wanted: dict[str, set[int]] = defaultdict(set)
        registers = {d.line_field: d.register for d in DIMENSIONS if d.register}
        for posting in postings:
            for line in posting.item.lines:
                for field in registers:
                    value = getattr(line, field)
                    if value is not None:
                        wanted[field].add(value)
        missing: dict[str, set[int]] = {}
        for field, ids in wanted.items():
            found = self._existing(registers[field], sorted(ids))
            if len(found) != len(ids):
                missing[field] = ids - found
        if not missing:
            return None
        for posting in postings:
            for index, line in enumerate(posting.item.lines, start=1):
                for field, ids in missing.items():
                    if getattr(line, field) in ids:
                        return missing_record_problem(index, field, getattr(line, field))
        return None

    def _existing(self, table: str, ids: list[int]) -> set[int]:
        found: set[int] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            marks = ", ".join([self._db.param] * len(chunk))
            found.update(int(r[0])
                         for r in self._db.execute_sql(f"SELECT id FROM {table} WHERE id IN ({marks})", chunk))
        return found

    # --- the write ------------------------------------------------------------------------------
    def write(self, postings: Sequence[PostingItem]) -> list[Written]:
        """Number and write checked vouchers as posted; call inside the caller's write transaction."""
        if not postings:
            return []
        numbers = self._numbers(postings)
        ids = self._ids(len(postings))
        now = self._ctx.now()
        accounts = self._catalog.current()
        voucher_rows, line_rows, written = [], [], []
        totals: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
        for posting, number, voucher_id in zip(postings, numbers, ids):
            item, period = posting.item, Period.of(posting.item.date_on)
            summary = summary_of(item)
            voucher_rows.append(self._voucher_row(posting, voucher_id, period, number, summary, now))
            for seq, line in enumerate(item.lines, start=1):
                account_id = accounts[line.account_code.strip()].id
                signed = line.debit_fen - line.credit_fen
                line_rows.append((voucher_id, seq, account_id, (line.summary or "").strip() or summary, signed,
                                  line.credit_fen == 0, period.key, item.date_on, True)
                                 + tuple(getattr(line, f) for f in LINE_FIELDS))
                _add_line(totals[(account_id, period.key)], line)
            written.append(Written(voucher_id, period, number, posting.word))
        self._insert(postings, voucher_rows, line_rows)
        self._add_totals(totals)
        self._audit(postings, written, now)
        return written

    def post_draft(self, voucher_id: int, posting: PostingItem, reviewer: str) -> Written:
        """Post a checked draft in place: its number, its lines posted, the totals and the audit."""
        p = self._db.param
        period = Period.of(posting.item.date_on)
        number = self._bump(period.key, 1)
        now = self._ctx.now()
        self._db.execute_sql(f"UPDATE voucher SET status = 'posted', number = {p}, word = {p}, posted_at = {p},"
                             f" reviewer = {p} WHERE id = {p}", (number, posting.word, now, reviewer, voucher_id))
        self._db.execute_sql(f"UPDATE voucher_line SET posted = {p} WHERE voucher_id = {p}", (True, voucher_id))
        totals: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0])
        accounts = self._catalog.current()
        for line in posting.item.lines:
            _add_line(totals[(accounts[line.account_code.strip()].id, period.key)], line)
        self._add_totals(totals)
        written = Written(voucher_id, period, number, posting.word)
        self._audit([posting], [written], now)
        return written

    def _voucher_row(self, posting: PostingItem, voucher_id: int, period: Period, number: int, summary: str,
                     now: dt.datetime) -> tuple:
        item, document = posting.item, posting.document
        texts = dict.fromkeys([summary] + [(line.summary or "").strip() for line in item.lines
                                           if (line.summary or "").strip()])
        search = " ".join(texts) + (f" 原凭证号 {posting.paper_label}" if posting.paper_label else "")
        return (voucher_id, period.key, number, posting.word, item.date_on, summary, item.attachments,
                item.preparer or self._ctx.user, "", "posted", item.source, posting.reverses, now, now,
                sum(line.debit_fen for line in item.lines), search, document.kind if document else None,
                document.id if document else None, document.seq if document else None, posting.paper_label)

    def _insert(self, postings: Sequence[PostingItem], voucher_rows: list[tuple], line_rows: list[tuple]) -> None:
        p = self._db.param
        try:
            self._db.cursor().executemany(
                f"INSERT INTO voucher ({', '.join(_VOUCHER_COLUMNS)})"
                f" VALUES ({', '.join([p] * len(_VOUCHER_COLUMNS))})",
                voucher_rows)
        except peewee.IntegrityError as exc:
            if "document" in str(exc).lower() and any(posting.document for posting in postings):
                raise VoucherError("单据已经记账（另一个窗口刚刚记了同一张单据）",
                                   "请刷新后查看，不会重复记账") from None
            raise
        self._db.cursor().executemany(
            f"INSERT INTO voucher_line ({', '.join(_LINE_COLUMNS)}) VALUES ({', '.join([p] * len(_LINE_COLUMNS))})",
            line_rows)

    def _add_totals(self, totals: dict[tuple[int, int], list[int]]) -> None:
        p = self._db.param
        self._db.cursor().executemany(
            "INSERT INTO account_period_total (account_id, period_key, debit_fen, credit_fen)"
            f" VALUES ({p}, {p}, {p}, {p})"
            " ON CONFLICT (account_id, period_key) DO UPDATE SET"
            " debit_fen = account_period_total.debit_fen + excluded.debit_fen,"
            " credit_fen = account_period_total.credit_fen + excluded.credit_fen",
            [(account_id, key, debit, credit) for (account_id, key), (debit, credit) in totals.items()])

    def _audit(self, postings: Sequence[PostingItem], written: Sequence[Written], now: dt.datetime) -> None:
        """One compact record (who, when, which voucher, what it posted); a run of vouchers gets one
        record for the run — its vouchers by month and number range, documents, lines and total —
        since each voucher already carries its preparer, times and document."""
        if len(postings) == 1:
            self._ctx.audit_json("记账凭证过账", "voucher", str(written[0].id),
                                 self._audit_json(postings[0], written[0]))
            return
        ranges: dict[Period, list[Written]] = defaultdict(list)
        for w in written:
            ranges[w.period].append(w)
        record: dict[str, object] = {
            "凭证": [f"{period} {voucher_label(ws[0].word, min(w.number for w in ws))}—"
                   f"{voucher_label(ws[0].word, max(w.number for w in ws))}（{len(ws)} 张）"
                   for period, ws in ranges.items()],
            "分录": sum(len(p.item.lines) for p in postings),
            "借方合计": format_amount(sum(line.debit_fen for p in postings for line in p.item.lines))}
        kinds = sorted({p.document.kind for p in postings if p.document})
        if kinds:
            ids = [p.document.id for p in postings if p.document]
            record["单据"] = {"类型": kinds, "张数": len(ids), "编号": f"{min(ids)}—{max(ids)}"}
        if self._ctx.source:
            record["文件"] = self._ctx.source
        self._ctx.audit_json("批量过账", "voucher", f"{written[0].id}—{written[-1].id}",
                             json.dumps(record, ensure_ascii=False, separators=(",", ":")))

    def _audit_json(self, posting: PostingItem, written: Written) -> str:
        item = posting.item
        record: dict[str, object] = {"凭证": f"{written.period} {voucher_label(written.word, written.number)}",
                                     "日期": item.date_on.isoformat(), "摘要": summary_of(item),
                                     "金额": format_amount(sum(line.debit_fen for line in item.lines))}
        if posting.document:
            record["单据"] = f"{posting.document.kind}:{posting.document.id}:{posting.document.seq}"
        for label, value in (("来源", item.source), ("文件", self._ctx.source), ("原凭证号", posting.paper_label)):
            if value:
                record[label] = value
        record["分录"] = [_line_record(line) for line in item.lines]
        return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def _add_line(total: list[int], line: LineInput) -> None:
    """A line into its account's month: [debit column, credit column] (a red amount stays in its column)."""
    if line.credit_fen == 0:
        total[0] += line.debit_fen
    else:
        total[1] += line.credit_fen


def _line_record(line) -> list:
    """[code, signed fen, {dimension: id}] — only what the line has."""
    dims = {d.key: getattr(line, d.line_field) for d in DIMENSIONS if getattr(line, d.line_field) is not None}
    record: list = [line.account_code.strip(), line.debit_fen - line.credit_fen]
    return record + [dims] if dims else record


def unique_periods(postings: Iterable[PostingItem]) -> tuple[str, ...]:
    return tuple(sorted({str(Period.of(p.item.date_on)) for p in postings}))

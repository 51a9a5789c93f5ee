"""Document postings: how a business area's documents (a lease charge, a bill run, a receipt, a
disbursement, a depreciation run) become vouchers — the same way for every area (STYLE.md, "A
business area").

An area hands its document (kind + id, the date, the lines by posting-rule key and dimension) to
``DocumentPostingService``; the accounts come from the posting rules, never from the area. A
voucher records the document it posts, and a document is posted once: posting it again is refused,
so a run can be repeated safely and posts only what it has not posted. A document is reversed as a
document (红字冲销 of its voucher), after which it may be posted again (corrected). Runs go through
``post_many``: one transaction, checked as a whole, written set-based.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from assetdesk.errors import NotFoundError, VoucherError
from assetdesk.gc_pause import gc_paused
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.posting_rules import PostingRuleService
from assetdesk.services.voucher_types import LineInput, VoucherInput, VoucherView, voucher_label
from assetdesk.services.voucher_writer import DocumentRef, PostingItem
from assetdesk.services.vouchers import VoucherService

YEAR_END_PL = "year_end_pl"  # 结转损益 of a year (document id = the year)
YEAR_END_PROFIT = "year_end_profit"  # 结转本年收益 to 未分配收益
YEAR_END_KINDS = (YEAR_END_PL, YEAR_END_PROFIT)

#: What each kind of document is called where the clerk reads it; areas add theirs (``register_kind``).
DOCUMENT_KINDS: dict[str, str] = {YEAR_END_PL: "年终结转损益", YEAR_END_PROFIT: "年终结转本年收益"}
_CHUNK = 500


def register_kind(kind: str, label: str) -> None:
    """An area names its documents once (``lease_charge`` → 应收租金), for messages and the voucher screen."""
    DOCUMENT_KINDS[kind] = label


def kind_label(kind: str) -> str:
    return DOCUMENT_KINDS.get(kind, kind)


@dataclass(frozen=True)
class DocumentLine:
    """One line of a document: the posting rule that names its account, one side, its dimensions."""

    rule: str
    debit_fen: int = 0
    credit_fen: int = 0
    summary: str = ""
    counterparty_id: int | None = None
    compound_id: int | None = None
    asset_id: int | None = None
    lease_id: int | None = None
    fund_id: int | None = None


@dataclass(frozen=True)
class Document:
    kind: str
    id: int
    date_on: dt.date
    summary: str
    lines: tuple[DocumentLine, ...] = field(default=())
    attachments: int = 0


@dataclass(frozen=True)
class PostingRun:
    """What a run posted: how many documents and lines, and the vouchers from first to last."""

    kind: str
    documents: int
    lines: int
    first_label: str
    last_label: str
    periods: tuple[str, ...]


class DocumentPostingService(Service):
    def __init__(self, ctx: ServiceContext, vouchers: VoucherService, rules: PostingRuleService):
        super().__init__(ctx)
        self._vouchers = vouchers
        self._rules = rules

    def post(self, document: Document) -> VoucherView:
        """Post one document as one voucher; refused if it is already posted."""
        self.post_many([document])
        voucher_id = self.voucher_of(document.kind, document.id)
        assert voucher_id is not None
        return self._vouchers.get(voucher_id)

    def post_many(self, documents: Sequence[Document]) -> PostingRun:
        """Post a run of documents, one voucher each, in one transaction: all of them or none."""
        if not documents:
            return PostingRun("", 0, 0, "", "", ())
        with gc_paused(), self.ctx.transaction():
            self._refuse_repeats(documents)
            seqs = self._next_seqs(documents)
            accounts = self._rules.resolve({line.rule for d in documents for line in d.lines})
            word = self._vouchers.word()
            postings = [self._posting(d, accounts, seqs[(d.kind, d.id)], word) for d in documents]
            written = self._vouchers.post_many(postings, kind=_run_kind(documents))
        first, last = written[0], written[-1]
        return PostingRun(_run_kind(documents), len(documents), sum(len(d.lines) for d in documents),
                          f"{first.period} {voucher_label(first.word, first.number)}",
                          f"{last.period} {voucher_label(last.word, last.number)}",
                          tuple(sorted({str(w.period) for w in written})))

    def reverse(self, kind: str, document_id: int, on: dt.date | None = None) -> VoucherView:
        """红字冲销 of a posted document's voucher; the document can then be posted again."""
        with self.ctx.transaction():
            voucher_id = self.voucher_of(kind, document_id)
            if voucher_id is None:
                raise NotFoundError(f"{kind_label(kind)} {document_id} 没有记账，无需冲销", "请刷新后查看")
            return self._vouchers.reverse(voucher_id, on)

    def voucher_of(self, kind: str, document_id: int) -> int | None:
        """The voucher that posts the document now (None when it is not posted, or reversed)."""
        p = self.db.param
        row = self.db.execute_sql(
            f"SELECT id, document_seq FROM voucher WHERE document_kind = {p} AND document_id = {p}"
            " ORDER BY document_seq DESC LIMIT 1", (kind, document_id)).fetchone()
        return int(row[0]) if row and row[1] % 2 == 1 else None

    def posted_ids(self, kind: str, ids: Sequence[int]) -> set[int]:
        """Which of the documents are posted now (one query per 500 ids)."""
        return {doc_id for doc_id, seq in self._last_seqs(kind, ids).items() if seq % 2 == 1}

    # --- helpers ------------------------------------------------------------------------------
    def _last_seqs(self, kind: str, ids: Sequence[int]) -> dict[int, int]:
        p, found = self.db.param, {}
        unique = sorted(set(ids))
        for start in range(0, len(unique), _CHUNK):
            chunk = unique[start:start + _CHUNK]
            sql = (f"SELECT document_id, MAX(document_seq) FROM voucher WHERE document_kind = {p}"
                   f" AND document_id IN ({', '.join([p] * len(chunk))}) GROUP BY document_id")
            found.update({int(d): int(s) for d, s in self.db.execute_sql(sql, (kind, *chunk)).fetchall()})
        return found

    def _refuse_repeats(self, documents: Sequence[Document]) -> None:
        seen: set[tuple[str, int]] = set()
        for document in documents:
            if (document.kind, document.id) in seen:
                raise VoucherError(f"{kind_label(document.kind)} {document.id} 在同一批中出现两次",
                                   "每张单据只能记账一次")
            seen.add((document.kind, document.id))
        by_kind: dict[str, list[int]] = {}
        for document in documents:
            by_kind.setdefault(document.kind, []).append(document.id)
        for kind, ids in by_kind.items():
            posted = self.posted_ids(kind, ids)
            if posted:
                first = min(posted)
                voucher = self._vouchers.get(self.voucher_of(kind, first) or 0)
                more = f"等 {len(posted)} 张单据" if len(posted) > 1 else ""
                raise VoucherError(f"{kind_label(kind)} {first}{more}已经记账"
                                   f"（凭证 {voucher.period} {voucher.label}），不能重复记账",
                                   "如需更正，请先按单据红字冲销，再重新记账")

    def next_seq(self, kind: str, document_id: int) -> int:
        return self._last_seqs(kind, [document_id]).get(document_id, 0) + 1

    def _next_seqs(self, documents: Sequence[Document]) -> dict[tuple[str, int], int]:
        seqs = {}
        for kind in {d.kind for d in documents}:
            last = self._last_seqs(kind, [d.id for d in documents if d.kind == kind])
            seqs.update({(kind, d.id): last.get(d.id, 0) + 1 for d in documents if d.kind == kind})
        return seqs

    def _posting(self, document: Document, accounts: dict[str, str], seq: int, word: str) -> PostingItem:
        lines = [LineInput(accounts[line.rule], line.debit_fen, line.credit_fen, line.summary,
                           line.counterparty_id, line.compound_id, line.asset_id, line.lease_id, line.fund_id)
                 for line in document.lines]
        item = VoucherInput(document.date_on, document.summary, lines, document.attachments, self.ctx.user,
                            kind_label(document.kind))
        return PostingItem(item, word, document=DocumentRef(document.kind, document.id, seq))


def _run_kind(documents: Sequence[Document]) -> str:
    kinds = sorted({d.kind for d in documents})
    return kinds[0] if len(kinds) == 1 else "documents"


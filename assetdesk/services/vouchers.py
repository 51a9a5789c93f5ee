"""Vouchers (记账凭证), DOMAIN §3.2: draft → posted, consecutive number per month, balanced or refused,
never edited or deleted once posted — only reversed (红字冲销)."""
from __future__ import annotations

import datetime as dt

import peewee

from assetdesk.db.models import Account, Compound, Counterparty, Voucher, VoucherLine
from assetdesk.errors import NotFoundError, VoucherError
from assetdesk.events import DocumentsPosted, VoucherDiscarded, VoucherPosted, VoucherReversed, VoucherSaved
from assetdesk.periods import Period
from assetdesk.services.account_catalog import AccountCatalog
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.period_guard import PeriodGuard
from assetdesk.services.posting_checks import header_problems, line_problems
from assetdesk.services.voucher_history import HistoricalVouchers
from assetdesk.services.voucher_types import (  # noqa: F401  (re-exported: callers import them from here)
    AUX_FIELDS,
    STATUS_LABELS,
    LineInput,
    LineView,
    VoucherFilter,
    VoucherInput,
    VoucherRow,
    VoucherView,
    voucher_label,
)
from assetdesk.services.voucher_writer import (
    DocumentRef,
    PostingItem,
    VoucherWriter,
    Written,
    summary_of,
    unique_periods,
)


class VoucherService(HistoricalVouchers, Service):
    """The only writer of vouchers. Every posting — typed, imported, a reversal, a business document
    (``documents.DocumentPostingService``) — is checked here (``posting_checks``) inside its write
    transaction and written by ``VoucherWriter``."""

    def __init__(self, ctx: ServiceContext, catalog: AccountCatalog | None = None, guard: PeriodGuard | None = None):
        super().__init__(ctx)
        self.catalog = catalog or AccountCatalog(ctx)
        self.guard = guard or PeriodGuard(ctx)
        self.writer = VoucherWriter(ctx, self.catalog)

    # --- checks -------------------------------------------------------------------------------
    def check_postings(self, postings: list[PostingItem]) -> None:
        """Everything a posting must pass, read inside the caller's transaction; raises the first problem."""
        accounts = self.catalog.current()
        for posting in postings:
            problems = header_problems(posting.item) or line_problems(
                list(posting.item.lines), accounts, for_posting=True, reversing=posting.reverses is not None)
            if problems:
                raise problems[0].exception()
        self.guard.check_open({posting.item.date_on for posting in postings})
        missing = self.writer.missing_records(postings)
        if missing is not None:
            raise missing.exception()

    def _check_draft(self, item: VoucherInput) -> None:
        problems = header_problems(item) or line_problems(list(item.lines), self.catalog.current(), for_posting=False)
        if problems:
            raise problems[0].exception()
        self.guard.check_open([item.date_on])

    # --- writes -------------------------------------------------------------------------------
    def save_draft(self, item: VoucherInput, voucher_id: int | None = None) -> VoucherView:
        """Keep a voucher being typed (also what makes drafts survive a crash); balance is checked at post."""
        with self.ctx.transaction():
            self._check_draft(item)
            period = Period.of(item.date_on)
            if voucher_id is None:
                voucher = self._create_draft(item, period)
            else:
                voucher = self._draft_model(voucher_id)
                before = self.get(voucher_id)
                self._update_voucher(voucher, item, period)
                self.ctx.audit("修改凭证草稿", "voucher", voucher.id, before=before, after=item)
            self._write_lines(voucher, list(item.lines))
            if voucher_id is None:
                self.ctx.audit("保存凭证草稿", "voucher", voucher.id, after=item)
            self._publish(VoucherSaved(voucher.id))
        return self.get(voucher.id)

    def post(self, voucher_id: int) -> VoucherView:
        """过账 a draft: number it (记-NNNN, consecutive in its month) and make it part of the books.
        Whoever posts a draft has checked it: that person signs as 审核 on the printed voucher."""
        with self.ctx.transaction():
            voucher = self._draft_model(voucher_id)
            item = VoucherInput(voucher.date_on, voucher.summary, self._lines_as_input(voucher), voucher.attachments,
                                voucher.preparer, voucher.source)
            posting = PostingItem(item, self.word())
            self.check_postings([posting])
            written = self.writer.post_draft(voucher.id, posting, reviewer=self.ctx.user)
            self._publish(VoucherPosted(voucher.id, str(written.period)))
        return self.get(voucher.id)

    def create_and_post(self, item: VoucherInput) -> VoucherView:
        """Post a complete voucher in one transaction — the path a typed voucher takes."""
        with self.ctx.transaction():
            posting = PostingItem(item, self.word())
            self.check_postings([posting])
            (written,) = self.writer.write([posting])
            self._publish(VoucherPosted(written.id, str(written.period)))
        return self._posted_view(written, item)

    def post_many(self, postings: list[PostingItem], kind: str = "") -> list[Written]:
        """The batch path of runs and imports: all checked, then written set-based, in the caller's
        transaction (or one of its own); one event for the run."""
        if not postings:
            return []
        with self.ctx.transaction():
            self.check_postings(postings)
            written = self.writer.write(postings)
            if len(written) == 1 and not kind:
                self._publish(VoucherPosted(written[0].id, str(written[0].period)))
            elif written:
                self._publish(DocumentsPosted(kind or "vouchers", len(written), unique_periods(postings)))
        return written

    def _posted_view(self, written: Written, item: VoucherInput) -> VoucherView:
        """The view of a voucher just posted, built from what was written (no read-back queries)."""
        lines = list(item.lines)
        names = self._aux_names(lines)
        summary = summary_of(item)
        accounts = self.catalog.current()
        views = tuple(LineView(
            seq, line.account_code.strip(), accounts[line.account_code.strip()].full_name,
            (line.summary or "").strip() or summary, line.debit_fen if line.credit_fen == 0 else None,
            line.credit_fen if line.credit_fen != 0 else None, line.counterparty_id,
            names.get(("counterparty", line.counterparty_id), ""), line.compound_id,
            names.get(("compound", line.compound_id), ""), line.asset_id, line.lease_id, line.fund_id)
            for seq, line in enumerate(lines, start=1))
        return VoucherView(written.id, written.period, written.number, voucher_label(written.word, written.number),
                           item.date_on, summary, item.attachments, item.preparer or self.ctx.user, "",
                           STATUS_LABELS["posted"], item.source, sum(line.debit_fen for line in lines),
                           sum(line.credit_fen for line in lines), None, "", None, "", views)

    def _aux_names(self, lines: list[LineInput]) -> dict[tuple[str, int | None], str]:
        names: dict[tuple[str, int | None], str] = {}
        for table, field_name in (("counterparty", "counterparty_id"), ("compound", "compound_id")):
            ids = sorted({getattr(line, field_name) for line in lines if getattr(line, field_name)})
            if ids:
                marks = ", ".join([self.db.param] * len(ids))
                for row_id, name in self.db.execute_sql(f"SELECT id, name FROM {table} WHERE id IN ({marks})", ids):
                    names[(table, row_id)] = name
        return names

    def _full_account_name(self, code: str) -> str:
        """应收款—张三: the names of the account and its ancestors."""
        info = self.catalog.get(code)
        return info.full_name if info else ""

    def discard(self, voucher_id: int) -> None:
        """Throw away a draft. Posted vouchers are never deleted (reverse them instead)."""
        with self.ctx.transaction():
            voucher = self._draft_model(voucher_id)
            before = self.get(voucher_id)
            VoucherLine.delete().where(VoucherLine.voucher == voucher.id).execute()
            Voucher.delete().where(Voucher.id == voucher.id).execute()
            self.ctx.audit("作废凭证草稿", "voucher", voucher_id, before=before)
            self._publish(VoucherDiscarded(voucher_id))

    def reverse(self, voucher_id: int, on: dt.date | None = None) -> VoucherView:
        """红字冲销: a posted voucher with the same lines and negated amounts, linked to the original.
        A document's voucher is reversed as its document (the document may then be posted again)."""
        with self.ctx.transaction():
            original = self._reversible(voucher_id)
            posting = self.reversal_of(original, on or self.ctx.today())
            self.check_postings([posting])
            (written,) = self.writer.write([posting])
            self._publish(VoucherReversed(original.id, written.id))
            self._publish(VoucherPosted(written.id, str(written.period)))
        return self.get(written.id)

    def _reversible(self, voucher_id: int) -> Voucher:
        original = Voucher.get_or_none(Voucher.id == voucher_id)
        if original is None:
            raise NotFoundError("凭证不存在", "请刷新凭证列表")
        if original.status != "posted":
            raise VoucherError("草稿凭证不需要冲销", "草稿可以直接修改或删除")
        if original.reverses_id:
            raise VoucherError("这张凭证本身是冲销凭证，不能再冲销", "如需更正，请重新录入一张正确的凭证")
        reversal = Voucher.get_or_none(Voucher.reverses == original.id)
        if reversal is not None:
            raise VoucherError(f"凭证 {Period.from_key(original.period_key)}"
                               f" {voucher_label(original.word, original.number)}"
                               f" 已经冲销过（{Period.from_key(reversal.period_key)} "
                               f"{voucher_label(reversal.word, reversal.number)}）", "请查看冲销凭证")
        return original

    def reversal_of(self, original: Voucher, on: dt.date) -> PostingItem:
        label = f"冲销 {Period.from_key(original.period_key)} {voucher_label(original.word, original.number)}"
        lines = [LineInput(line.account.code, debit_fen=-line.amount_fen if line.is_debit else 0,
                           credit_fen=line.amount_fen if not line.is_debit else 0, summary=label,
                           **{f: getattr(line, f) for f in AUX_FIELDS})
                 for line in original.lines.order_by(VoucherLine.seq)]
        document = None
        if original.document_kind and original.document_id is not None and original.document_seq is not None:
            document = DocumentRef(original.document_kind, original.document_id, original.document_seq + 1)
        return PostingItem(VoucherInput(on, label, lines, 0, self.ctx.user, "红字冲销"), self.word(),
                           reverses=original.id, document=document)

    # --- helpers ------------------------------------------------------------------------------
    def _draft_model(self, voucher_id: int) -> Voucher:
        voucher = Voucher.get_or_none(Voucher.id == voucher_id)
        if voucher is None:
            raise NotFoundError("凭证不存在", "请刷新凭证列表")
        if voucher.status != "draft":
            raise VoucherError("已过账的凭证不能修改或删除", "如有错误，请做红字冲销后重新录入")
        return voucher

    def word(self) -> str:
        """凭证字 from the settings (记 unless the clerk chose 收/付/转); read at each posting."""
        row = self.db.execute_sql(f"SELECT value FROM setting WHERE key = {self.db.param}",
                                  ("voucher_word",)).fetchone()
        return (row[0] if row and row[0] else "记")[:4]

    def _create_draft(self, item: VoucherInput, period: Period) -> Voucher:
        return Voucher.create(
            period_key=period.key, number=None, date_on=item.date_on, summary=summary_of(item),
            attachments=item.attachments, preparer=item.preparer or self.ctx.user, status="draft",
            source=item.source, reverses=None, created_at=self.ctx.now(), posted_at=None)

    def _update_voucher(self, voucher: Voucher, item: VoucherInput, period: Period) -> None:
        Voucher.update(period_key=period.key, date_on=item.date_on, summary=summary_of(item),
                       attachments=item.attachments, source=item.source).where(Voucher.id == voucher.id).execute()
        VoucherLine.delete().where(VoucherLine.voucher == voucher.id).execute()
        voucher.period_key, voucher.date_on = period.key, item.date_on

    def _write_lines(self, voucher: Voucher, lines: list[LineInput]) -> None:
        """Draft path: lines plus the voucher's derived list columns."""
        summary = Voucher.get_by_id(voucher.id).summary
        accounts = self.catalog.current()
        param = self.db.param
        columns = ("voucher_id", "seq", "account_id", "summary", "amount_fen", "is_debit", "period_key", "date_on",
                   "posted") + AUX_FIELDS
        sql = f"INSERT INTO voucher_line ({', '.join(columns)}) VALUES ({', '.join([param] * len(columns))})"
        self.db.cursor().executemany(sql, [
            (voucher.id, seq, accounts[line.account_code.strip()].id, (line.summary or "").strip() or summary,
             line.signed_fen, line.credit_fen == 0, voucher.period_key, voucher.date_on, False)
            + tuple(getattr(line, f) for f in AUX_FIELDS) for seq, line in enumerate(lines, start=1)])
        texts = dict.fromkeys([summary] + [(line.summary or "").strip() for line in lines
                                           if (line.summary or "").strip()])
        Voucher.update(debit_fen=sum(line.debit_fen for line in lines), search_text=" ".join(texts)).where(
            Voucher.id == voucher.id).execute()

    def journal_lines(self, first: Period, last: Period):
        """Posted lines of the months in voucher order, as dicts (the journal export and prints read this):
        voucher_id, date, label, summary, code, debit, credit, counterparty, compound (names), counterparty_id."""
        p = self.db.param
        sql = ("SELECT l.voucher_id, l.date_on, v.word, v.number, l.summary, l.amount_fen, l.is_debit, a.code, c.name,"
               " x.name, l.counterparty_id FROM voucher_line l JOIN voucher v ON v.id = l.voucher_id"
               " JOIN account a ON a.id = l.account_id"
               " LEFT JOIN counterparty c ON c.id = l.counterparty_id LEFT JOIN compound x ON x.id = l.compound_id"
               f" WHERE l.posted = {p} AND l.period_key >= {p} AND l.period_key <= {p}"
               " ORDER BY l.period_key, v.number, l.voucher_id, l.seq")
        cursor = self.db.execute_sql(sql, (True, Period.parse(first).key, Period.parse(last).key))
        for voucher_id, day, word, number, summary, amount, is_debit, code, counterparty, compound, person in cursor:
            day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
            yield {"voucher_id": voucher_id, "date": day, "label": voucher_label(word, number), "summary": summary,
                   "code": code, "debit": amount if is_debit else 0, "credit": 0 if is_debit else -amount,
                   "counterparty": counterparty or "", "compound": compound or "", "counterparty_id": person}

    @staticmethod
    def _lines_as_input(voucher: Voucher) -> list[LineInput]:
        return [LineInput(line.account.code, debit_fen=line.amount_fen if line.is_debit else 0,
                          credit_fen=-line.amount_fen if not line.is_debit else 0, summary=line.summary,
                          **{f: getattr(line, f) for f in AUX_FIELDS})
                for line in voucher.lines.order_by(VoucherLine.seq)]

    # --- reads --------------------------------------------------------------------------------
    def get(self, voucher_id: int) -> VoucherView:
        """One voucher with its lines, the vouchers it reverses or is reversed by, and its document."""
        voucher = Voucher.get_or_none(Voucher.id == voucher_id)
        if voucher is None:
            raise NotFoundError("凭证不存在", "请刷新凭证列表")
        lines = tuple(self._line_view(line) for line in (
            VoucherLine.select(VoucherLine, Account, Counterparty, Compound).join(Account).switch(VoucherLine)
            .join(Counterparty, peewee.JOIN.LEFT_OUTER).switch(VoucherLine).join(Compound, peewee.JOIN.LEFT_OUTER)
            .where(VoucherLine.voucher == voucher.id).order_by(VoucherLine.seq)))
        reversal = Voucher.select().where(Voucher.reverses == voucher.id).first()
        original = voucher.reverses if voucher.reverses_id else None
        return VoucherView(
            voucher.id, Period.from_key(voucher.period_key), voucher.number,
            voucher_label(voucher.word, voucher.number),
            voucher.date_on, voucher.summary, voucher.attachments, voucher.preparer, voucher.reviewer,
            STATUS_LABELS[voucher.status], voucher.source,
            sum(line.debit_fen or 0 for line in lines), sum(line.credit_fen or 0 for line in lines),
            original.id if original else None, self._full_label(original),
            reversal.id if reversal else None, self._full_label(reversal), lines, voucher.paper_label or "",
            voucher.document_kind or "", voucher.document_id)

    @staticmethod
    def _full_label(voucher: Voucher | None) -> str:
        if voucher is None:
            return ""
        return f"{Period.from_key(voucher.period_key)} {voucher_label(voucher.word, voucher.number)}"

    def _line_view(self, line: VoucherLine) -> LineView:
        return LineView(
            line.seq, line.account.code, self._full_account_name(line.account.code), line.summary,
            line.amount_fen if line.is_debit else None, -line.amount_fen if not line.is_debit else None,
            line.counterparty_id, line.counterparty.name if line.counterparty is not None else "",
            line.compound_id, line.compound.name if line.compound is not None else "",
            line.asset_id, line.lease_id, line.fund_id)

    def _filtered(self, flt: VoucherFilter) -> peewee.ModelSelect[Voucher]:
        query = Voucher.select()
        if flt.period:
            query = query.where(Voucher.period_key == flt.period.key)
        if flt.status:
            query = query.where(Voucher.status == flt.status)
        if flt.text:
            query = query.where(Voucher.search_text.contains(flt.text))
        if flt.account_code:
            accounts = Account.select(Account.id).where(Account.code.startswith(flt.account_code))
            query = query.where(Voucher.id.in_(VoucherLine.select(VoucherLine.voucher)
                                               .where(VoucherLine.account.in_(accounts))))
        if flt.amount_fen is not None:
            amount = abs(flt.amount_fen)
            query = query.where(Voucher.id.in_(VoucherLine.select(VoucherLine.voucher).where(
                (VoucherLine.amount_fen == amount) | (VoucherLine.amount_fen == -amount))))
        return query

    def count_vouchers(self, flt: VoucherFilter | None = None) -> int:
        return self._filtered(flt or VoucherFilter()).count()

    def list_vouchers(self, flt: VoucherFilter | None = None, order_by: str = "number", descending: bool = False,
                      offset: int = 0, limit: int = 200) -> list[VoucherRow]:
        """One page of the voucher list, sorted and filtered in SQL (fast on a million lines)."""
        query = self._filtered(flt or VoucherFilter())
        sort_columns: dict[str, list[peewee.Field]] = {
            "number": [Voucher.period_key, Voucher.number, Voucher.id], "date": [Voucher.date_on, Voucher.id],
            "summary": [Voucher.summary], "debit": [Voucher.debit_fen, Voucher.id], "status": [Voucher.status],
            "period": [Voucher.period_key, Voucher.number]}
        columns = sort_columns.get(order_by, sort_columns["number"])
        query = query.order_by(*[c.desc() if descending else c.asc() for c in columns]).offset(offset).limit(limit)
        return [VoucherRow(v.id, str(Period.from_key(v.period_key)), v.number, voucher_label(v.word, v.number),
                           v.date_on, v.summary, int(v.debit_fen or 0), STATUS_LABELS[v.status], v.attachments,
                           v.preparer, v.reverses_id is not None, v.source or "")
                for v in query]

"""Vouchers (记账凭证), DOMAIN §3.2: draft → posted, consecutive number per month, balanced or refused,
never edited or deleted once posted — only reversed (红字冲销)."""
from __future__ import annotations

import datetime as dt

import peewee

from assetdesk.events import AccountsChanged, VoucherDiscarded, VoucherPosted, VoucherReversed, VoucherSaved
from assetdesk.db.models import Account, Compound, Counterparty, Voucher, VoucherLine
from assetdesk.errors import (
    AccountError, ClosedPeriodError, InputError, NotFoundError, UnbalancedVoucherError, VoucherError,
)
from assetdesk.money import format_money
from assetdesk.periods import Period
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.voucher_history import HistoricalVouchers
from assetdesk.services.voucher_types import (  # noqa: F401  (re-exported: callers import them from here)
    AUX_FIELDS, STATUS_LABELS, LineInput, LineView, VoucherFilter, VoucherInput, VoucherRow, VoucherView, voucher_label,
)


class VoucherService(HistoricalVouchers, Service):
    """The only writer of vouchers. Other services post through ``create_and_post``; historical
    vouchers come in through ``import_vouchers`` (``voucher_history``)."""

    def __init__(self, ctx: ServiceContext):
        super().__init__(ctx)
        self._accounts: dict[str, tuple[int, bool, bool, str]] | None = None
        ctx.on_rollback(self._forget_accounts)
        ctx.events.subscribe(AccountsChanged, lambda _event: self._forget_accounts())

    def _forget_accounts(self) -> None:
        self._accounts = None

    def _account_map(self) -> dict[str, tuple[int, bool, bool, str]]:
        """code → (id, is_leaf, is_active, name); cached, dropped when the chart changes."""
        if self._accounts is None:
            rows = list(Account.select(Account.id, Account.code, Account.parent, Account.is_active, Account.name))
            parents = {a.parent_id for a in rows if a.parent_id}
            self._accounts = {a.code: (a.id, a.id not in parents, a.is_active, a.name) for a in rows}
        return self._accounts

    # --- checks -------------------------------------------------------------------------------
    def _check_lines(self, lines: list[LineInput], *, for_posting: bool, reversing: bool = False) -> None:
        """Leaf, active accounts; one column per line; at posting, two lines or more and balanced.
        A reversal may use an account deactivated since the original was posted."""
        accounts = self._account_map()
        if for_posting and len(lines) < 2:
            raise VoucherError("凭证至少需要两行分录", "请补充对方科目")
        for index, line in enumerate(lines, start=1):
            info = accounts.get((line.account_code or "").strip())
            if info is None:
                raise AccountError(f"第{index}行：科目“{line.account_code}”不存在", "请用科目编码、名称或拼音首字母选择科目")
            if not info[1]:
                raise AccountError(f"第{index}行：科目“{line.account_code} {info[3]}”不是末级科目，不能记账",
                                   "请选择它的明细科目")
            if not info[2] and not reversing:
                raise AccountError(f"第{index}行：科目“{line.account_code} {info[3]}”已停用", "请选择其他科目，或先启用该科目")
            if line.debit_fen and line.credit_fen:
                raise VoucherError(f"第{index}行：借方和贷方不能同时有金额", "一行只填借方或贷方")
            if for_posting and not (line.debit_fen or line.credit_fen):
                raise VoucherError(f"第{index}行：没有金额", "请填写借方或贷方金额，或删除该行")
        if for_posting:
            self._check_balanced(lines)

    @staticmethod
    def _check_balanced(lines: list[LineInput]) -> None:
        debit = sum(line.debit_fen for line in lines)
        credit = sum(line.credit_fen for line in lines)
        if debit != credit:
            raise UnbalancedVoucherError(
                f"借贷不平衡：借方合计 {format_money(debit)}，贷方合计 {format_money(credit)}，相差 {format_money(debit - credit)}",
                "请检查金额，借方合计必须等于贷方合计",
            )
        if debit == 0 and all(line.debit_fen == 0 for line in lines):
            raise VoucherError("凭证金额合计为零", "请填写金额")

    def _check_period_open(self, day: dt.date) -> Period:
        """Refuse dates before the books start or in a closed month (read fresh every time: another
        window or process may have closed the month)."""
        period = Period.of(day)
        p = self.db.param
        row = self.db.execute_sql(
            "SELECT b.first_period_key, (SELECT COUNT(*) FROM period_state s WHERE s.period_key = "
            f"{p} AND s.is_closed = {p}) FROM book b", (period.key, True)).fetchone()
        if row is None:
            raise VoucherError("尚未建立账套，不能记账", "请先建立账套")
        if period.key < row[0]:
            raise ClosedPeriodError(f"{day:%Y-%m-%d} 早于账套启用期间 {Period.from_key(row[0])}",
                                    "启用前的余额请作为期初余额录入")
        if row[1]:
            raise ClosedPeriodError(f"{period} 已结账，不能在该月记账", "请改用未结账月份的日期，或先反结账（需填写原因）")
        return period

    @staticmethod
    def _check_header(item: VoucherInput) -> None:
        if not isinstance(item.date_on, dt.date):
            raise InputError("凭证日期无效", "请填写日期，例如 2025-03-31")
        if item.attachments < 0:
            raise InputError("附件张数不能为负数", "请填写 0 或正整数")
        if not (item.summary or "").strip() and not any((l.summary or "").strip() for l in item.lines):
            raise VoucherError("凭证摘要不能为空", "请填写摘要，说明这笔业务")
        limit = Voucher.summary.max_length  # the lines' column is as long; PostgreSQL refuses more
        for text in (item.summary or "", *(l.summary or "" for l in item.lines)):
            if len(text.strip()) > limit:
                raise InputError(f"摘要“{text.strip()[:20]}…”共 {len(text.strip())} 个字，超过 {limit} 个字",
                                 "请简写摘要，详细情况可写在附件或备注中")

    # --- writes -------------------------------------------------------------------------------
    def save_draft(self, item: VoucherInput, voucher_id: int | None = None) -> VoucherView:
        """Keep a voucher being typed (also what makes drafts survive a crash); balance is checked at post."""
        self._check_header(item)
        self._check_lines(list(item.lines), for_posting=False)
        period = self._check_period_open(item.date_on)
        with self.ctx.transaction():
            if voucher_id is None:
                voucher = self._create_draft(item, period)
            else:
                voucher = self._draft_model(voucher_id)
                before = self.get(voucher_id)
                self._update_voucher(voucher, item, period)
                self.ctx.audit("修改凭证草稿", "voucher", voucher.id, before=before, after=item)
            self._write_lines(voucher, list(item.lines), posted=False)
            if voucher_id is None:
                self.ctx.audit("保存凭证草稿", "voucher", voucher.id, after=item)
        self._publish(VoucherSaved(id=voucher.id))
        return self.get(voucher.id)

    def post(self, voucher_id: int) -> VoucherView:
        """过账: number it (记-NNNN, consecutive in its month), record who posted it as reviewer, and make
        it part of the books."""
        voucher = self._draft_model(voucher_id)
        lines = self._lines_as_input(voucher)
        self._check_lines(lines, for_posting=True)
        period = self._check_period_open(voucher.date_on)
        with self.ctx.transaction():
            number = self._next_number(period)
            word = self._word()
            # whoever posts a draft has checked it: that person signs as 审核 on the printed voucher
            Voucher.update(status="posted", number=number, word=word, posted_at=self.ctx.now(),
                           reviewer=self.ctx.user).where(Voucher.id == voucher.id).execute()
            VoucherLine.update(posted=True).where(VoucherLine.voucher == voucher.id).execute()
            self._add_to_period_totals(voucher.id)
            self.ctx.audit("凭证过账", "voucher", voucher.id, after={"label": voucher_label(word, number)})
        self._publish(VoucherPosted(id=voucher.id, period=str(period)))
        return self.get(voucher.id)

    def create_and_post(self, item: VoucherInput) -> VoucherView:
        """Post a complete voucher in one transaction — the path every other service uses."""
        view = self._create_posted(item)
        self._publish(VoucherPosted(id=view.id, period=str(view.period)))
        return view

    def _create_posted(self, item: VoucherInput, reverses: int | None = None, number: int | None = None,
                       word: str | None = None) -> VoucherView:
        """The hot path of every posting: checks, then plain SQL (no ORM query building per voucher).
        ``number`` / ``word``: a historical voucher's own (``import_vouchers``); else the next number."""
        self._check_header(item)
        lines = list(item.lines)
        self._check_lines(lines, for_posting=True, reversing=reverses is not None)
        period = self._check_period_open(item.date_on)
        word = word or self._word()
        with self.ctx.transaction():
            number = number or self._next_number(period)
            voucher_id = self._insert_voucher(item, period, number, reverses, word)
            self._insert_lines(voucher_id, period, item.date_on, self._summary(item), lines, posted=True)
            self._add_to_period_totals(voucher_id)
            self.ctx.audit("记账凭证过账", "voucher", voucher_id, after=item)
        if reverses is not None:
            return self.get(voucher_id)
        return self._posted_view(voucher_id, period, number, item, lines, word)

    def _insert_voucher(self, item: VoucherInput, period: Period, number: int, reverses: int | None, word: str) -> int:
        p = self.db.param
        now = self.ctx.now()
        sql = ("INSERT INTO voucher (period_key, number, word, date_on, summary, attachments, preparer, reviewer,"
               " status, source, reverses_id, created_at, posted_at, debit_fen, search_text)"
               f" VALUES ({', '.join([p] * 15)}) RETURNING id")
        params = (period.key, number, word, item.date_on, self._summary(item), item.attachments,
                  item.preparer or self.ctx.user, "", "posted", item.source, reverses, now, now,
                  *self._list_columns(self._summary(item), list(item.lines)))
        return int(self.db.execute_sql(sql, params).fetchone()[0])

    def _posted_view(self, voucher_id: int, period: Period, number: int, item: VoucherInput,
                     lines: list[LineInput], word: str) -> VoucherView:
        """The view of a voucher just posted, built from what was written (no read-back queries)."""
        names = self._aux_names(lines)
        summary = self._summary(item)
        views = tuple(LineView(
            seq, line.account_code.strip(), self._full_account_name(line.account_code.strip()),
            (line.summary or "").strip() or summary, line.debit_fen if line.credit_fen == 0 else None,
            line.credit_fen if line.credit_fen != 0 else None, line.counterparty_id,
            names.get(("counterparty", line.counterparty_id), ""), line.compound_id,
            names.get(("compound", line.compound_id), ""), line.asset_id, line.lease_id, line.fund_id)
            for seq, line in enumerate(lines, start=1))
        return VoucherView(voucher_id, period, number, voucher_label(word, number), item.date_on, summary,
                           item.attachments, item.preparer or self.ctx.user, "", STATUS_LABELS["posted"], item.source,
                           sum(l.debit_fen for l in lines), sum(l.credit_fen for l in lines), None, "", None, "", views)

    def _aux_names(self, lines: list[LineInput]) -> dict[tuple[str, int], str]:
        names: dict[tuple[str, int], str] = {}
        for table, field_name in (("counterparty", "counterparty_id"), ("compound", "compound_id")):
            ids = sorted({getattr(l, field_name) for l in lines if getattr(l, field_name)})
            if ids:
                marks = ", ".join([self.db.param] * len(ids))
                for row_id, name in self.db.execute_sql(f"SELECT id, name FROM {table} WHERE id IN ({marks})", ids):
                    names[(table, row_id)] = name
        return names

    def _full_account_name(self, code: str) -> str:
        """应收款—张三: the names of the account and its ancestors (codes grow by two digits a level)."""
        accounts = self._account_map()
        names = []
        while code:
            if code in accounts:
                names.append(accounts[code][3])
            code = code[:-2] if len(code) > 3 else ""
        return "—".join(reversed(names))

    def discard(self, voucher_id: int) -> None:
        """Throw away a draft. Posted vouchers are never deleted (reverse them instead)."""
        voucher = self._draft_model(voucher_id)
        before = self.get(voucher_id)
        with self.ctx.transaction():
            VoucherLine.delete().where(VoucherLine.voucher == voucher.id).execute()
            Voucher.delete().where(Voucher.id == voucher.id).execute()
            self.ctx.audit("作废凭证草稿", "voucher", voucher_id, before=before)
        self._publish(VoucherDiscarded(id=voucher_id))

    def reverse(self, voucher_id: int, on: dt.date | None = None) -> VoucherView:
        """红字冲销: a posted voucher with the same lines and negated amounts, linked to the original."""
        original = Voucher.get_or_none(Voucher.id == voucher_id)
        if original is None:
            raise NotFoundError("凭证不存在", "请刷新凭证列表")
        if original.status != "posted":
            raise VoucherError("草稿凭证不需要冲销", "草稿可以直接修改或删除")
        if original.reverses_id:
            raise VoucherError("这张凭证本身是冲销凭证，不能再冲销", "如需更正，请重新录入一张正确的凭证")
        if Voucher.select().where(Voucher.reverses == original.id).exists():
            raise VoucherError(f"凭证 {original.period_key // 100}-{original.period_key % 100:02d} "
                               f"{voucher_label(original.word, original.number)} 已经冲销过", "请查看冲销凭证")
        label = f"冲销 {Period.from_key(original.period_key)} {voucher_label(original.word, original.number)}"
        lines = [LineInput(l.account.code, debit_fen=-l.amount_fen if l.is_debit else 0,
                           credit_fen=l.amount_fen if not l.is_debit else 0, summary=label,
                           **{f: getattr(l, f) for f in AUX_FIELDS})
                 for l in original.lines.order_by(VoucherLine.seq)]
        item = VoucherInput(on or self.ctx.today(), label, lines, 0, self.ctx.user, "红字冲销")
        view = self._create_posted(item, reverses=original.id)
        self._publish(VoucherReversed(id=original.id, reversal_id=view.id))
        self._publish(VoucherPosted(id=view.id, period=str(view.period)))
        return view

    # --- helpers ------------------------------------------------------------------------------
    def _draft_model(self, voucher_id: int) -> Voucher:
        voucher = Voucher.get_or_none(Voucher.id == voucher_id)
        if voucher is None:
            raise NotFoundError("凭证不存在", "请刷新凭证列表")
        if voucher.status != "draft":
            raise VoucherError("已过账的凭证不能修改或删除", "如有错误，请做红字冲销后重新录入")
        return voucher

    def _word(self) -> str:
        """凭证字 from the settings (记 unless the clerk chose 收/付/转); read at each posting."""
        row = self.db.execute_sql(f"SELECT value FROM setting WHERE key = {self.db.param}", ("voucher_word",)).fetchone()
        return (row[0] if row and row[0] else "记")[:4]

    def _next_number(self, period: Period) -> int:
        sql = f"SELECT COALESCE(MAX(number), 0) + 1 FROM voucher WHERE period_key = {self.db.param}"
        return int(self.db.execute_sql(sql, (period.key,)).fetchone()[0])

    def _create_draft(self, item: VoucherInput, period: Period) -> Voucher:
        return Voucher.create(
            period_key=period.key, number=None, date_on=item.date_on, summary=self._summary(item),
            attachments=item.attachments, preparer=item.preparer or self.ctx.user, status="draft",
            source=item.source, reverses=None, created_at=self.ctx.now(), posted_at=None)

    @staticmethod
    def _summary(item: VoucherInput) -> str:
        return (item.summary or "").strip() or next(l.summary for l in item.lines if (l.summary or "").strip())

    def _update_voucher(self, voucher: Voucher, item: VoucherInput, period: Period) -> None:
        Voucher.update(period_key=period.key, date_on=item.date_on, summary=self._summary(item),
                       attachments=item.attachments, source=item.source).where(Voucher.id == voucher.id).execute()
        VoucherLine.delete().where(VoucherLine.voucher == voucher.id).execute()
        voucher.period_key, voucher.date_on = period.key, item.date_on

    def _write_lines(self, voucher: Voucher, lines: list[LineInput], posted: bool) -> None:
        """Draft path: lines plus the voucher's derived list columns."""
        summary = Voucher.get_by_id(voucher.id).summary
        self._insert_lines(voucher.id, Period.from_key(voucher.period_key), voucher.date_on, summary, lines, posted)
        debit, text = self._list_columns(summary, lines)
        Voucher.update(debit_fen=debit, search_text=text).where(Voucher.id == voucher.id).execute()

    @staticmethod
    def _list_columns(summary: str, lines: list[LineInput]) -> tuple[int, str]:
        """(debit total, every distinct 摘要) — what the voucher list sorts and searches on."""
        texts = dict.fromkeys([summary] + [(l.summary or "").strip() for l in lines if (l.summary or "").strip()])
        return sum(l.debit_fen for l in lines), " ".join(texts)

    def _insert_lines(self, voucher_id: int, period: Period, date_on: dt.date, summary: str,
                      lines: list[LineInput], posted: bool) -> None:
        accounts = self._account_map()
        param = self.db.param
        columns = ("voucher_id", "seq", "account_id", "summary", "amount_fen", "is_debit", "period_key", "date_on",
                   "posted") + AUX_FIELDS
        sql = f"INSERT INTO voucher_line ({', '.join(columns)}) VALUES ({', '.join([param] * len(columns))})"
        rows = [(voucher_id, seq, accounts[line.account_code.strip()][0], (line.summary or "").strip() or summary,
                 line.signed_fen, line.credit_fen == 0, period.key, date_on, posted)
                + tuple(getattr(line, f) for f in AUX_FIELDS)
                for seq, line in enumerate(lines, start=1)]
        self.db.cursor().executemany(sql, rows)

    def _add_to_period_totals(self, voucher_id: int) -> None:
        """Keep ``account_period_total`` in step with the lines just posted (same transaction)."""
        p = self.db.param
        self.db.execute_sql(
            "INSERT INTO account_period_total (account_id, period_key, debit_fen, credit_fen)"
            " SELECT account_id, period_key, SUM(CASE WHEN is_debit THEN amount_fen ELSE 0 END),"
            " SUM(CASE WHEN is_debit THEN 0 ELSE -amount_fen END)"
            f" FROM voucher_line WHERE voucher_id = {p} GROUP BY account_id, period_key"
            " ON CONFLICT (account_id, period_key) DO UPDATE SET"
            " debit_fen = account_period_total.debit_fen + excluded.debit_fen,"
            " credit_fen = account_period_total.credit_fen + excluded.credit_fen", (voucher_id,))

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
        return [LineInput(l.account.code, debit_fen=l.amount_fen if l.is_debit else 0,
                          credit_fen=-l.amount_fen if not l.is_debit else 0, summary=l.summary,
                          **{f: getattr(l, f) for f in AUX_FIELDS})
                for l in voucher.lines.order_by(VoucherLine.seq)]

    # --- reads --------------------------------------------------------------------------------
    def get(self, voucher_id: int) -> VoucherView:
        voucher = Voucher.get_or_none(Voucher.id == voucher_id)
        if voucher is None:
            raise NotFoundError("凭证不存在", "请刷新凭证列表")
        lines = tuple(self._line_view(l) for l in (
            VoucherLine.select(VoucherLine, Account, Counterparty, Compound).join(Account).switch(VoucherLine)
            .join(Counterparty, peewee.JOIN.LEFT_OUTER).switch(VoucherLine).join(Compound, peewee.JOIN.LEFT_OUTER)
            .where(VoucherLine.voucher == voucher.id).order_by(VoucherLine.seq)))
        reversal = Voucher.select().where(Voucher.reverses == voucher.id).first()
        original = voucher.reverses if voucher.reverses_id else None
        return VoucherView(
            voucher.id, Period.from_key(voucher.period_key), voucher.number, voucher_label(voucher.word, voucher.number),
            voucher.date_on, voucher.summary, voucher.attachments, voucher.preparer, voucher.reviewer,
            STATUS_LABELS[voucher.status], voucher.source,
            sum(l.debit_fen or 0 for l in lines), sum(l.credit_fen or 0 for l in lines),
            original.id if original else None, self._full_label(original),
            reversal.id if reversal else None, self._full_label(reversal), lines)

    @staticmethod
    def _full_label(voucher: Voucher | None) -> str:
        if voucher is None:
            return ""
        return f"{Period.from_key(voucher.period_key)} {voucher_label(voucher.word, voucher.number)}"

    def _line_view(self, line: VoucherLine) -> LineView:
        return LineView(
            line.seq, line.account.code, self._full_account_name(line.account.code), line.summary,
            line.amount_fen if line.is_debit else None, -line.amount_fen if not line.is_debit else None,
            line.counterparty_id, line.counterparty.name if line.counterparty_id else "",
            line.compound_id, line.compound.name if line.compound_id else "",
            line.asset_id, line.lease_id, line.fund_id)

    def _filtered(self, flt: VoucherFilter) -> peewee.ModelSelect:
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
        sort_columns = {"number": [Voucher.period_key, Voucher.number, Voucher.id], "date": [Voucher.date_on, Voucher.id],
                        "summary": [Voucher.summary], "debit": [Voucher.debit_fen, Voucher.id], "status": [Voucher.status],
                        "period": [Voucher.period_key, Voucher.number]}
        columns = sort_columns.get(order_by, sort_columns["number"])
        query = query.order_by(*[c.desc() if descending else c.asc() for c in columns]).offset(offset).limit(limit)
        return [VoucherRow(v.id, str(Period.from_key(v.period_key)), v.number, voucher_label(v.word, v.number),
                           v.date_on, v.summary, int(v.debit_fen or 0), STATUS_LABELS[v.status], v.attachments,
                           v.preparer, v.reverses_id is not None, v.source or "")
                for v in query]

"""Accounting periods (DOMAIN §3.2): month close (结账), reopen (反结账) with a logged reason, year-end closing."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assetdesk.db.models import Account, Book, PeriodLog, PeriodState, Voucher
from assetdesk.errors import InputError, NotFoundError, PeriodError
from assetdesk.events import PeriodClosed, PeriodReopened
from assetdesk.money import format_money
from assetdesk.periods import Period, months_between
from assetdesk.services.chart import CURRENT_YEAR_PROFIT, UNDISTRIBUTED_PROFIT
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.documents import YEAR_END_PL, YEAR_END_PROFIT, DocumentPostingService
from assetdesk.services.ledger import LedgerService
from assetdesk.services.voucher_writer import DocumentRef, PostingItem
from assetdesk.services.vouchers import LineInput, VoucherInput, VoucherService, VoucherView

YEAR_END_SOURCE = "期末结转"  # what the voucher list shows as its source; the document kind says what it is


def _label(first: Period, last: Period) -> str:
    if first == last:
        return f"{first.year}年{first.month}月"
    return f"{first.year}年{first.month}月至{last.year}年{last.month}月"


@dataclass(frozen=True)
class PeriodRow:
    period: Period
    is_closed: bool
    closed_at: dt.datetime | None
    closed_by: str

    @property
    def status(self) -> str:
        return "已结账" if self.is_closed else "未结账"


@dataclass(frozen=True)
class PeriodLogRow:
    period: Period
    action: str
    reason: str
    user: str
    at: dt.datetime


class PeriodService(Service):
    def __init__(self, ctx: ServiceContext, ledger: LedgerService, vouchers: VoucherService,
                 documents: DocumentPostingService):
        super().__init__(ctx)
        self._ledger = ledger
        self._vouchers = vouchers
        self._documents = documents

    def _first(self) -> Period:
        book = Book.select().first()
        if book is None:
            raise NotFoundError("尚未建立账套", "请先建立账套")
        return Period.from_key(book.first_period_key)

    def _closed_keys(self) -> set[int]:
        return {s.period_key for s in PeriodState.select().where(PeriodState.is_closed)}

    def is_closed(self, period: Period | str) -> bool:
        return Period.parse(period).key in self._closed_keys()

    def current_period(self) -> Period:
        """The first month not yet closed: where the clerk is working."""
        period, closed = self._first(), self._closed_keys()
        while period.key in closed:
            period = period.next()
        return period

    def latest_period(self) -> Period:
        """The last month the books hold: the current period or the month of the newest voucher,
        whichever is later (the months the 结账 list shows)."""
        last_voucher = Voucher.select(Voucher.period_key).order_by(Voucher.period_key.desc()).first()
        current = self.current_period()
        return max(current, Period.from_key(last_voucher.period_key)) if last_voucher is not None else current

    def reportable(self, first: Period | str, last: Period | str) -> tuple[Period, Period]:
        """The months of ``first``..``last`` the books hold, for a report or a statement.

        A range reaching before the books' first month or past ``latest_period`` is cut to the
        months in between (a year in progress prints January to now, not a December still to
        come); a range with no month in the books is refused, because printing the opening
        balances as the figures of 2024-05 — before the books began — would mislead a reader."""
        first, last = Period.parse(first), Period.parse(last)
        start, latest = self._first(), self.latest_period()
        if last < start:
            raise PeriodError(f"账套从{start.year}年{start.month}月启用，{_label(first, last)}没有账",
                              f"请选{start.year}年{start.month}月或以后的期间")
        if first > latest:
            raise PeriodError(f"{_label(first, last)}还没有账，最近的期间是{latest.year}年{latest.month}月",
                              f"请选{latest.year}年{latest.month}月或以前的期间")
        return max(first, start), min(last, latest)

    def list_periods(self, through: Period | None = None) -> list[PeriodRow]:
        states = {s.period_key: s for s in PeriodState.select()}
        end = max(p for p in (through, self.latest_period()) if p)
        rows = []
        for period in months_between(self._first(), end):
            state = states.get(period.key)
            closed = bool(state and state.is_closed)
            rows.append(PeriodRow(period, closed, state.closed_at if state and closed else None,
                                  state.closed_by if state and closed else ""))
        return rows

    def log(self) -> list[PeriodLogRow]:
        return [PeriodLogRow(Period.from_key(entry.period_key), entry.action, entry.reason, entry.user, entry.at)
                for entry in PeriodLog.select().order_by(PeriodLog.id)]

    def close(self, period: Period | str) -> PeriodRow:
        """结账: refused unless every earlier month is closed, no drafts remain and the books balance.

        The month's voucher counter is taken first, so postings in flight finish before the checks
        read the month, and a posting that comes after finds the month closed; the last number is
        kept (``closed_number``), so ``check`` can tell exactly whether anything came in later."""
        period = Period.parse(period)
        with self.ctx.transaction():
            last_number = self._vouchers.writer.lock_month(period.key)
            self._check_can_close(period)
            state = PeriodState.get_or_none(PeriodState.period_key == period.key)
            if state is None:
                PeriodState.create(period_key=period.key, is_closed=True, closed_at=self.ctx.now(),
                                   closed_by=self.ctx.user, closed_number=last_number)
            else:
                PeriodState.update(is_closed=True, closed_at=self.ctx.now(), closed_by=self.ctx.user,
                                   closed_number=last_number).where(PeriodState.id == state.id).execute()
            PeriodLog.create(period_key=period.key, action="结账", reason="", user=self.ctx.user, at=self.ctx.now())
            self.ctx.audit("结账", "period", str(period))
        self._publish(PeriodClosed(period=str(period)))
        return next(r for r in self.list_periods(period) if r.period == period)

    def _check_can_close(self, period: Period) -> None:
        first, closed = self._first(), self._closed_keys()
        if period < first:
            raise PeriodError(f"{period} 早于账套启用期间 {first}", "请选择启用期间之后的月份")
        if period.key in closed:
            raise PeriodError(f"{period} 已经结账", "无需重复结账")
        open_before = [p for p in months_between(first, period.previous()) if p.key not in closed]
        if open_before:
            raise PeriodError(f"{open_before[0]} 还没有结账", "请按月份顺序结账，先结 " + str(open_before[0]))
        drafts = Voucher.select().where((Voucher.period_key == period.key) & (Voucher.status == "draft")).count()
        if drafts:
            raise PeriodError(f"{period} 还有 {drafts} 张凭证草稿未过账", "请先过账或删除这些草稿")
        tb = self._ledger.trial_balance(period)
        if not tb.balanced:
            t = tb.totals
            raise PeriodError(
                f"{period} 试算不平衡：期末借方 {format_money(t.closing_debit_fen)}，"
                f"贷方 {format_money(t.closing_credit_fen)}",
                "请检查期初余额和本月凭证")

    def reopen(self, period: Period | str, reason: str) -> PeriodRow:
        """反结账: only the latest closed month, with a reason that goes into the log."""
        period = Period.parse(period)
        reason = (reason or "").strip()
        if not reason:
            raise InputError("反结账必须填写原因", "请说明为什么要反结账，原因会记入日志")
        with self.ctx.transaction():
            closed = self._closed_keys()
            if period.key not in closed:
                raise PeriodError(f"{period} 没有结账", "无需反结账")
            later = sorted(k for k in closed if k > period.key)
            if later:
                raise PeriodError(f"{Period.from_key(later[-1])} 也已结账", "请从最后一个已结账的月份开始逐月反结账")
            PeriodState.update(is_closed=False).where(PeriodState.period_key == period.key).execute()
            PeriodLog.create(period_key=period.key, action="反结账", reason=reason, user=self.ctx.user,
                             at=self.ctx.now())
            self.ctx.audit("反结账", "period", str(period), after={"reason": reason})
        self._publish(PeriodReopened(period=str(period)))
        return next(r for r in self.list_periods(period) if r.period == period)

    def close_year(self, year: int, on: dt.date | None = None) -> list[VoucherView]:
        """Year-end: income and expense accounts closed to 321 本年收益, then 321 to 322 收益分配—未分配收益.

        Done once per year, before December is closed; the vouchers are ordinary posted vouchers."""
        on = on or dt.date(year, 12, 31)
        if on.year != year:
            raise InputError("年终结转的日期必须在该年度内", f"例如 {year}-12-31")
        with self.ctx.transaction():
            if self._documents.voucher_of(YEAR_END_PL, year) or self._documents.voucher_of(YEAR_END_PROFIT, year):
                raise PeriodError(f"{year} 年已经做过年终结转", "如需重做，请先红字冲销原结转凭证")
            december = Period(year, 12)
            pl_lines, profit = self._profit_and_loss_lines(self._ledger.trial_balance(december))
            views = []
            if pl_lines:
                views.append(self._post_year_end(YEAR_END_PL, year, on, f"结转{year}年损益",
                                                 pl_lines + [self._line(CURRENT_YEAR_PROFIT, -profit)]))
            balance_321 = -self._ledger.balance(CURRENT_YEAR_PROFIT, december)
            if balance_321:
                views.append(self._post_year_end(YEAR_END_PROFIT, year, on, f"结转{year}年本年收益", [
                    self._line(CURRENT_YEAR_PROFIT, balance_321), self._line(UNDISTRIBUTED_PROFIT, -balance_321)]))
            self.ctx.audit("年终结转", "period", str(year), after={"vouchers": [v.label for v in views]})
        return views

    def _post_year_end(self, kind: str, year: int, on: dt.date, summary: str, lines: list[LineInput]) -> VoucherView:
        """A year-end voucher is the document (kind, year): posted once, found by what it is."""
        seq = self._documents.next_seq(kind, year)
        item = VoucherInput(on, summary, lines, source=YEAR_END_SOURCE)
        posting = PostingItem(item, self._vouchers.word(), document=DocumentRef(kind, year, seq))
        (written,) = self._vouchers.post_many([posting])
        return self._vouchers.get(written.id)

    @staticmethod
    def _line(code: str, signed: int) -> LineInput:
        return LineInput.debit(code, signed) if signed >= 0 else LineInput.credit(code, -signed)

    def _profit_and_loss_lines(self, tb) -> tuple[list[LineInput], int]:
        """Lines that bring every 损益 leaf to zero; returns them and the profit (credit positive)."""
        leaf_codes = {a.code for a in Account.select().where(Account.category == "损益")}
        lines, profit = [], 0
        for row in tb.rows:
            if row.is_leaf and row.code in leaf_codes:
                signed = row.closing_debit_fen - row.closing_credit_fen
                if signed:
                    lines.append(self._line(row.code, -signed))
                    profit -= signed
        return lines, profit

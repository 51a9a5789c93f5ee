"""The books as read: 科目余额表, 明细账, 现金/银行存款日记账 (DOMAIN §3.2).

Every figure is an SQL aggregate over posted integer-fen lines plus the opening balances; nothing
stored is trusted, so any balance can be rebuilt. Balances are signed (debit positive) internally and
shown as 借/贷/平 with an absolute amount.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from assetdesk.db.models import Account, Book, OpeningBalance
from assetdesk.errors import InputError, NotFoundError
from assetdesk.money import format_amount
from assetdesk.periods import Period
from assetdesk.services.chart import BANK, CASH
from assetdesk.services.context import Service


@dataclass(frozen=True)
class TrialBalanceRow:
    code: str
    name: str
    level: int
    is_leaf: bool
    opening_debit_fen: int
    opening_credit_fen: int
    debit_fen: int
    credit_fen: int
    ytd_debit_fen: int
    ytd_credit_fen: int
    closing_debit_fen: int
    closing_credit_fen: int


@dataclass(frozen=True)
class TrialBalance:
    period_from: Period
    period_to: Period
    rows: tuple[TrialBalanceRow, ...]
    totals: TrialBalanceRow

    @property
    def balanced(self) -> bool:
        t = self.totals
        return (t.opening_debit_fen == t.opening_credit_fen and t.debit_fen == t.credit_fen
                and t.closing_debit_fen == t.closing_credit_fen)

    @property
    def balance_note(self) -> str:
        """试算结果：平衡, or where it fails and by how much: the first line a reviewer reads, on the
        printed report and on its Excel sheet alike."""
        t = self.totals
        pairs = (("期初", t.opening_debit_fen, t.opening_credit_fen), ("本期", t.debit_fen, t.credit_fen),
                 ("期末", t.closing_debit_fen, t.closing_credit_fen))
        wrong = [f"{label}借贷差额 {format_amount(d - c)}" for label, d, c in pairs if d != c]
        return "试算结果：平衡" if not wrong else "试算结果：不平衡（" + "，".join(wrong) + "）"


@dataclass(frozen=True)
class LedgerEntry:
    kind: str  # opening | line | day_total | month_total | year_total
    date_on: dt.date | None
    voucher_id: int | None
    voucher_label: str
    summary: str
    debit_fen: int
    credit_fen: int
    direction: str  # 借 / 贷 / 平
    balance_fen: int  # absolute; the side is ``direction``
    account_code: str = ""


JOURNAL_ACCOUNTS = {"cash": CASH, "现金": CASH, "库存现金": CASH,
                    "bank": BANK, "银行": BANK, "银行存款": BANK}


def journal_account_code(account: str | None) -> str:
    """The account of a 日记账: ``None``/"cash" → 101, "bank" → 102, or a code of 101/102 or
    their sub-accounts. Only cash and bank keep a 日记账; any other account is refused here,
    so nothing prints a page titled 现金日记账 over 应收款."""
    text = (account or "cash").strip()
    code = JOURNAL_ACCOUNTS.get(text.lower(), text)
    if not code.startswith((CASH, BANK)):
        raise InputError(f"“{text}”不是现金或银行存款科目，没有日记账",
                         "日记账请选 cash（现金，101）、bank（银行存款，102）或它们的明细科目编码；"
                         "其他科目请打印明细账（ledger）")
    return code


def shows_in_all_accounts_ledger(entries) -> bool:
    """Whether a leaf account belongs in the 明细账 of all accounts (printed or exported): it had
    postings in the range, or it holds a balance without postings (固定资产, 资本 …) that an
    auditor must still find in the books."""
    return any(entry.kind == "line" or entry.balance_fen for entry in entries)


def split_side(signed: int) -> tuple[int, int]:
    """A signed balance as (debit column, credit column)."""
    return (signed, 0) if signed >= 0 else (0, -signed)


def direction_of(signed: int) -> str:
    return "借" if signed > 0 else "贷" if signed < 0 else "平"


def _entry(kind, day, summary, debit, credit, balance, voucher_id=None, label="", code="") -> LedgerEntry:
    return LedgerEntry(kind, day, voucher_id, label, summary, debit, credit, direction_of(balance), abs(balance), code)


def book_line(day, voucher_id, word, number, summary, amount, is_debit, code) -> tuple:
    """One posted line as ``book_entries`` takes it, from the columns of a line query: (date,
    voucher id, 记-0001, 摘要, signed fen, is_debit, account code)."""
    day = day if isinstance(day, dt.date) else dt.date.fromisoformat(str(day)[:10])
    return day, voucher_id, f"{word}-{number:04d}", summary, int(amount), bool(is_debit), code


def book_entries(start: Period, end: Period, balance: int, ytd_before: tuple[int, int],
                 lines_by_period: dict[int, list[tuple]], daily: bool = False) -> list[LedgerEntry]:
    """The entries of a 明细账 / 日记账 (or a 辅助明细账: one record's lines): 期初余额 (上年结转 in
    January) from the signed ``balance`` before ``start``, each line (``book_line``) with the running
    balance, 本日合计 when ``daily``, and 本月合计 / 本年累计 after every month; ``ytd_before`` is the
    debit and credit of the year before ``start``."""
    year_debit, year_credit = ytd_before
    title = "上年结转" if start.month == 1 else "期初余额"
    entries = [_entry("opening", start.first_day, title, 0, 0, balance)]
    period = start
    while period <= end:
        if period.month == 1 and period != start:
            year_debit = year_credit = 0
        lines = lines_by_period.get(period.key, [])
        balance, month_debit, month_credit = _month_lines(entries, lines, balance, daily)
        year_debit, year_credit = year_debit + month_debit, year_credit + month_credit
        entries.append(_entry("month_total", period.last_day, "本月合计", month_debit, month_credit, balance))
        entries.append(_entry("year_total", period.last_day, "本年累计", year_debit, year_credit, balance))
        period = period.next()
    return entries


def _month_lines(entries: list[LedgerEntry], lines: list[tuple], balance: int, daily: bool) -> tuple[int, int, int]:
    """Append one month's lines (and 本日合计 rows); returns the balance and the month's debit and credit."""
    month_debit = month_credit = day_debit = day_credit = 0
    for index, (day, voucher_id, label, summary, amount, is_debit, line_code) in enumerate(lines):
        debit, credit = (amount, 0) if is_debit else (0, -amount)
        balance += amount
        month_debit, month_credit = month_debit + debit, month_credit + credit
        day_debit, day_credit = day_debit + debit, day_credit + credit
        entries.append(_entry("line", day, summary, debit, credit, balance, voucher_id, label, line_code))
        last_of_day = index + 1 == len(lines) or lines[index + 1][0] != day
        if daily and last_of_day:
            entries.append(_entry("day_total", day, "本日合计", day_debit, day_credit, balance))
            day_debit = day_credit = 0
    return balance, month_debit, month_credit


class LedgerService(Service):
    """Read-only queries over the posted books."""

    def _first_period(self) -> Period:
        book = Book.select().first()
        if book is None:
            raise NotFoundError("尚未建立账套", "请先建立账套")
        return Period.from_key(book.first_period_key)

    # --- 科目余额表 -------------------------------------------------------------------------------
    def trial_balance(self, period_from: Period | str, period_to: Period | str | None = None,
                      level: int | None = None, include_zero: bool = False) -> TrialBalance:
        start = Period.parse(period_from)
        end = Period.parse(period_to) if period_to else start
        year_start = Period(end.year, 1).key
        sums = self._leaf_sums(start.key, end.key, year_start)
        accounts = list(Account.select().order_by(Account.code))
        by_id = {a.id: a for a in accounts}
        totals_by_account: dict[int, list[int]] = defaultdict(lambda: [0] * 6)
        for account_id, values in sums.items():
            node: Account | None = by_id[account_id]
            while node is not None:
                acc = totals_by_account[node.id]
                for i, v in enumerate(values):
                    acc[i] += v
                node = by_id.get(node.parent_id) if node.parent_id else None
        parents = {a.parent_id for a in accounts if a.parent_id}
        rows = [self._tb_row(a, totals_by_account[a.id], a.id not in parents) for a in accounts
                if (level is None or a.level <= level) and (include_zero or any(totals_by_account[a.id]))]
        totals = self._tb_totals([r for r in rows if r.level == 1])
        return TrialBalance(start, end, tuple(rows), totals)

    def _leaf_sums(self, start: int, end: int, year_start: int) -> dict[int, list[int]]:
        """account_id → [opening, period debit, period credit, ytd debit, ytd credit, closing] (signed fen),
        read from the monthly totals (accounts × months rows, not every line)."""
        p = self.db.param
        sql = (
            "SELECT account_id,"
            f" SUM(CASE WHEN period_key < {p} THEN debit_fen - credit_fen ELSE 0 END),"
            f" SUM(CASE WHEN period_key >= {p} THEN debit_fen ELSE 0 END),"
            f" SUM(CASE WHEN period_key >= {p} THEN credit_fen ELSE 0 END),"
            f" SUM(CASE WHEN period_key >= {p} THEN debit_fen ELSE 0 END),"
            f" SUM(CASE WHEN period_key >= {p} THEN credit_fen ELSE 0 END)"
            f" FROM account_period_total WHERE period_key <= {p} GROUP BY account_id"
        )
        params = (start, start, start, year_start, year_start, end)
        result: dict[int, list[int]] = {}
        for account_id, before, debit, credit, ytd_debit, ytd_credit in self.db.execute_sql(sql, params).fetchall():
            result[account_id] = [int(before or 0), int(debit or 0), int(credit or 0), int(ytd_debit or 0),
                                  int(ytd_credit or 0), 0]
        for ob in OpeningBalance.select(OpeningBalance.account, OpeningBalance.amount_fen):
            result.setdefault(ob.account_id, [0] * 6)[0] += ob.amount_fen
        for values in result.values():
            values[5] = values[0] + values[1] - values[2]
        return result

    def totals_disagreements(self) -> int:
        """How many (account, month) totals differ from the posted lines (0 when the books are sound)."""
        lines = ("SELECT account_id, period_key, SUM(CASE WHEN is_debit THEN amount_fen ELSE 0 END),"
                 " SUM(CASE WHEN is_debit THEN 0 ELSE -amount_fen END)"
                 f" FROM voucher_line WHERE posted = {self.db.param} GROUP BY account_id, period_key"
                 " HAVING SUM(CASE WHEN is_debit THEN amount_fen ELSE 0 END) <> 0"
                 " OR SUM(CASE WHEN is_debit THEN 0 ELSE -amount_fen END) <> 0")
        totals = ("SELECT account_id, period_key, debit_fen, credit_fen FROM account_period_total"
                  " WHERE debit_fen <> 0 OR credit_fen <> 0")
        missing = f"SELECT COUNT(*) FROM ({lines} EXCEPT {totals}) AS a"
        extra = f"SELECT COUNT(*) FROM ({totals} EXCEPT {lines}) AS b"
        return sum(int(self.db.execute_sql(sql, (True,)).fetchone()[0]) for sql in (missing, extra))

    def rebuild_totals(self) -> int:
        """Recompute the monthly totals from the posted lines (after a repair or a bulk load)."""
        with self.ctx.transaction():
            self.db.execute_sql("DELETE FROM account_period_total")
            self.db.execute_sql(
                "INSERT INTO account_period_total (account_id, period_key, debit_fen, credit_fen)"
                " SELECT account_id, period_key, SUM(CASE WHEN is_debit THEN amount_fen ELSE 0 END),"
                " SUM(CASE WHEN is_debit THEN 0 ELSE -amount_fen END)"
                f" FROM voucher_line WHERE posted = {self.db.param} GROUP BY account_id, period_key", (True,))
            count = int(self.db.execute_sql("SELECT COUNT(*) FROM account_period_total").fetchone()[0])
            self.ctx.audit("重建科目月汇总", "account_period_total", "", after={"rows": count})
        return count

    @staticmethod
    def _tb_row(account: Account, values: list[int], is_leaf: bool) -> TrialBalanceRow:
        opening, debit, credit, ytd_debit, ytd_credit, closing = values
        return TrialBalanceRow(account.code, account.name, account.level, is_leaf, *split_side(opening), debit, credit,
                               ytd_debit, ytd_credit, *split_side(closing))

    @staticmethod
    def _tb_totals(rows: list[TrialBalanceRow]) -> TrialBalanceRow:
        fields = ("opening_debit_fen", "opening_credit_fen", "debit_fen", "credit_fen", "ytd_debit_fen",
                  "ytd_credit_fen", "closing_debit_fen", "closing_credit_fen")
        sums = [sum(getattr(r, f) for r in rows) for f in fields]
        return TrialBalanceRow("", "合计", 0, False, *sums)

    def balance(self, code: str, up_to: Period | str) -> int:
        """Signed closing balance of an account (with its sub-accounts) at the end of ``up_to``."""
        period = Period.parse(up_to)
        ids = self._account_ids(code)
        p = self.db.param
        marks = ", ".join([p] * len(ids))
        sql = (f"SELECT COALESCE(SUM(amount_fen), 0) FROM voucher_line WHERE posted = {p} AND period_key <= {p}"
               f" AND account_id IN ({marks})")
        lines = int(self.db.execute_sql(sql, (True, period.key, *ids)).fetchone()[0] or 0)
        opening = sum(ob.amount_fen for ob in OpeningBalance.select().where(OpeningBalance.account.in_(ids)))
        return lines + opening

    def _account_ids(self, code: str) -> list[int]:
        ids = [a.id for a in Account.select(Account.id).where(Account.code.startswith(code))]
        if not ids:
            raise NotFoundError(f"科目“{code}”不存在", "请检查科目编码")
        return ids

    # --- 明细账 / 日记账 -------------------------------------------------------------------------
    def account_ledger(self, code: str, period_from: Period | str,
                       period_to: Period | str | None = None) -> list[LedgerEntry]:
        """明细账 of an account (with its sub-accounts): 期初余额, each line with running balance,
        本月合计 and 本年累计 after every month of the range."""
        return self._book(code, Period.parse(period_from), Period.parse(period_to or period_from), daily=False)

    def journal(self, kind: str, period_from: Period | str, period_to: Period | str | None = None) -> list[LedgerEntry]:
        """现金日记账 (kind "cash", 101) or 银行存款日记账 ("bank", 102, or a sub-account code) with
        本日合计 and daily balance (see ``journal_account_code``)."""
        code = journal_account_code(kind)
        return self._book(code, Period.parse(period_from), Period.parse(period_to or period_from), daily=True)

    def _book(self, code: str, start: Period, end: Period, daily: bool) -> list[LedgerEntry]:
        ids = self._account_ids(code)
        balance = self.balance(code, start.previous()) if start > self._first_period() else \
            sum(ob.amount_fen for ob in OpeningBalance.select().where(OpeningBalance.account.in_(ids)))
        return book_entries(start, end, balance, self._ytd_before(ids, start), self._lines(ids, start, end), daily)

    def _ytd_before(self, ids: list[int], start: Period) -> tuple[int, int]:
        if start.month == 1:
            return 0, 0
        p = self.db.param
        marks = ", ".join([p] * len(ids))
        sql = (f"SELECT COALESCE(SUM(CASE WHEN is_debit THEN amount_fen ELSE 0 END), 0),"
               f" COALESCE(SUM(CASE WHEN NOT is_debit THEN -amount_fen ELSE 0 END), 0)"
               f" FROM voucher_line WHERE posted = {p} AND period_key >= {p} AND period_key < {p}"
               f" AND account_id IN ({marks})")
        debit, credit = self.db.execute_sql(sql, (True, Period(start.year, 1).key, start.key, *ids)).fetchone()
        return int(debit or 0), int(credit or 0)

    def _lines(self, ids: list[int], start: Period, end: Period) -> dict[int, list[tuple]]:
        p = self.db.param
        marks = ", ".join([p] * len(ids))
        sql = (
            "SELECT l.period_key, l.date_on, v.id, v.word, v.number, l.summary, l.amount_fen, l.is_debit, a.code"
            " FROM voucher_line l JOIN voucher v ON v.id = l.voucher_id JOIN account a ON a.id = l.account_id"
            f" WHERE l.posted = {p} AND l.period_key >= {p} AND l.period_key <= {p} AND l.account_id IN ({marks})"
            " ORDER BY l.period_key, l.date_on, v.number, l.seq"
        )
        out: dict[int, list[tuple]] = defaultdict(list)
        for key, *row in self.db.execute_sql(sql, (True, start.key, end.key, *ids)).fetchall():
            out[key].append(book_line(*row))
        return out

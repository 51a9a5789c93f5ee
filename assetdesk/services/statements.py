"""The annual/monthly statements (DOMAIN §3.2): 资产负债表 and 收益及收益分配表.

Every figure is integer fen aggregated in SQL over posted lines plus the opening balances (through
``LedgerService.trial_balance`` for balances, a direct query for income); nothing is stored.
Amounts are shown on their natural side: asset lines debit positive, liability and equity lines
credit positive, income credit positive, expense debit positive.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from assetdesk.errors import InputError
from assetdesk.periods import Period
from assetdesk.services.context import Service, ServiceContext
from assetdesk.services.documents import YEAR_END_KINDS
from assetdesk.services.ledger import LedgerService

INTERNAL = "113"  # 内部往来: debit balances are 应收款项, credit balances 应付款项
PROFIT_AND_LOSS = ("501", "502", "503", "504", "511", "512", "513", "514", "515", "521")
DISTRIBUTIONS = "32201"
UNDISTRIBUTED = "32202"


@dataclass(frozen=True)
class StatementLine:
    """One line of the balance sheet. ``code_note`` names the accounts it is drawn from;
    ``section`` is the group printed above it (流动资产 ...); ``kind`` is line / subtotal / total."""

    label: str
    code_note: str
    year_start_fen: int
    closing_fen: int
    kind: str = "line"
    side: str = "asset"  # asset | liability_equity
    section: str = ""


@dataclass(frozen=True)
class BalanceSheet:
    period: Period
    lines: tuple[StatementLine, ...]
    assets_total: StatementLine
    liabilities_equity_total: StatementLine

    @property
    def balanced(self) -> bool:
        a, b = self.assets_total, self.liabilities_equity_total
        return a.year_start_fen == b.year_start_fen and a.closing_fen == b.closing_fen

    def side(self, side: str) -> tuple[StatementLine, ...]:
        return tuple(line for line in self.lines if line.side == side)

    def line(self, label: str) -> StatementLine:
        return next(line for line in self.lines if line.label == label)


@dataclass(frozen=True)
class IncomeLine:
    """One line of the 收益及收益分配表. ``month_fen`` is None where a monthly figure means nothing
    (年初未分配收益, 可分配收益, 年末未分配收益): the print leaves the cell blank."""

    label: str
    month_fen: int | None
    ytd_fen: int
    kind: str = "line"
    code_note: str = ""


@dataclass(frozen=True)
class IncomeStatement:
    """``period`` is the last month; ``first`` the first month of the 本期数 column (the same
    month for a monthly statement, when the column is 本月数)."""

    period: Period
    lines: tuple[IncomeLine, ...]
    first: Period | None = None

    @property
    def monthly(self) -> bool:
        return self.first is None or self.first == self.period

    def line(self, label: str) -> IncomeLine:
        return next(line for line in self.lines if line.label == label)


# (side, section, kind, label, code note) and one value per set of balances: see _sheet_values.
_Figure = tuple[str, str, str, str, str, int]


def _sheet_values(total: Callable[[str], int], internal: list[int]) -> list[_Figure]:
    """The balance sheet for one set of signed balances (debit positive): ``total(code)`` of a
    first-level account, ``internal`` the balances of 113's leaves. Every account of the chart is
    used exactly once, so the two sides agree whenever debits equal credits."""
    d = total
    def c(code: str) -> int:
        return -total(code)
    receivable_113 = sum(v for v in internal if v > 0)
    payable_113 = -sum(v for v in internal if v < 0)
    current = [("货币资金", "101+102", d("101") + d("102")), ("短期投资", "111", d("111")),
               ("应收款项", "112+113借方", d("112") + receivable_113), ("存货", "121+401", d("121") + d("401")),
               ("消耗性生物资产", "131", d("131"))]
    bio_net = d("132") - c("133")
    fixed_net = d("151") - c("152")
    intangible_net = d("161") - c("162")
    non_current = [("长期投资", "141", d("141")), ("生产性生物资产原值", "132", d("132")),
                   ("减：生产性生物资产累计折旧", "133", c("133")), ("生产性生物资产净值", "132−133", bio_net),
                   ("公益性生物资产", "134", d("134")), ("固定资产原值", "151", d("151")),
                   ("减：累计折旧", "152", c("152")), ("固定资产净值", "151−152", fixed_net),
                   ("在建工程", "153", d("153")), ("固定资产清理", "154", d("154")),
                   ("无形资产净值", "161−162", intangible_net), ("长期待摊费用", "171", d("171")),
                   ("待处理财产损溢", "181", d("181"))]
    current_total = sum(v for *_, v in current)
    non_current_total = (d("141") + bio_net + d("134") + fixed_net + d("153") + d("154") + intangible_net
                         + d("171") + d("181"))
    out: list[_Figure] = [("asset", "流动资产", "line", *row) for row in current]
    out.append(("asset", "流动资产", "subtotal", "流动资产合计", "", current_total))
    out += [("asset", "非流动资产", "line", *row) for row in non_current]
    out.append(("asset", "非流动资产", "subtotal", "非流动资产合计", "", non_current_total))
    out.append(("asset", "", "total", "资产总计", "", current_total + non_current_total))
    return out + _liability_equity_values(c, payable_113)


def _liability_equity_values(c: Callable[[str], int], payable_113: int) -> list[_Figure]:
    current = [("短期借款", "201", c("201")), ("应付款项", "211+113贷方", c("211") + payable_113),
               ("应付工资", "212", c("212")), ("应付劳务费", "213", c("213")), ("应交税费", "214", c("214"))]
    non_current = [("长期借款及应付款", "221", c("221")), ("一事一议资金", "231", c("231")),
                   ("专项应付款", "241", c("241"))]
    # Before year-end closing the year's result still sits in 321 and the 损益 accounts.
    undistributed = c("322") + c("321") + sum(c(code) for code in PROFIT_AND_LOSS)
    equity = [("资本", "301", c("301")), ("公积公益金", "311", c("311")),
              ("未分配收益", "321+322+损益", undistributed)]
    current_total = sum(v for *_, v in current)
    non_current_total = sum(v for *_, v in non_current)
    equity_total = sum(v for *_, v in equity)
    side = "liability_equity"
    out: list[_Figure] = [(side, "流动负债", "line", *row) for row in current]
    out.append((side, "流动负债", "subtotal", "流动负债合计", "", current_total))
    out += [(side, "非流动负债", "line", *row) for row in non_current]
    out.append((side, "非流动负债", "subtotal", "非流动负债合计", "", non_current_total))
    out.append((side, "非流动负债", "subtotal", "负债合计", "", current_total + non_current_total))
    out += [(side, "所有者权益", "line", *row) for row in equity]
    out.append((side, "所有者权益", "subtotal", "所有者权益合计", "", equity_total))
    out.append((side, "", "total", "负债和所有者权益总计", "",
                current_total + non_current_total + equity_total))
    return out


class StatementService(Service):
    """Read-only: the statements of a month, computed from the posted books."""

    def __init__(self, ctx: ServiceContext, ledger: LedgerService):
        super().__init__(ctx)
        self._ledger = ledger

    # --- 资产负债表 ------------------------------------------------------------------------------
    def balance_sheet(self, period: Period | str) -> BalanceSheet:
        """资产负债表 at the end of ``period``: 年初数 are the balances before January of its year
        (the opening balances in the books' first year), 期末数 those at the end of the month.
        Both sides agree to the fen whenever the trial balance does."""
        period = Period.parse(period)
        tb = self._ledger.trial_balance(Period(period.year, 1), period)
        start: dict[str, int] = {}
        end: dict[str, int] = {}
        internal_start: list[int] = []
        internal_end: list[int] = []
        for row in tb.rows:
            opening = row.opening_debit_fen - row.opening_credit_fen
            closing = row.closing_debit_fen - row.closing_credit_fen
            if row.level == 1:
                start[row.code], end[row.code] = opening, closing
            if row.is_leaf and row.code.startswith(INTERNAL):
                internal_start.append(opening)
                internal_end.append(closing)
        first = _sheet_values(lambda code: start.get(code, 0), internal_start)
        last = _sheet_values(lambda code: end.get(code, 0), internal_end)
        lines = tuple(StatementLine(label, note, start_fen, closing[-1], kind, side, section)
                      for (side, section, kind, label, note, start_fen), closing in zip(first, last))
        totals = [line for line in lines if line.kind == "total"]
        return BalanceSheet(period, lines, totals[0], totals[1])

    # --- 收益及收益分配表 -------------------------------------------------------------------------
    def income_statement(self, period: Period | str, first: Period | str | None = None) -> IncomeStatement:
        """收益及收益分配表 for ``period`` (本月数) and January to ``period`` (本年累计数); with
        ``first``, the first column covers ``first`` to ``period`` (本期数, e.g. a quarter), which
        must lie in one year because 本年累计数 is counted from January.

        The year-end closing vouchers (source 期末结转) are left out, so December still shows the
        year's income after 年终结转. 各项分配 is the net debit to 32201 各项分配 in the year (other
        than closing vouchers). 其他转入 is always 0: the chart defines no account or source for it
        (e.g. 公积公益金 used to cover a loss), so the clerk adds it by hand if it ever occurs."""
        period = Period.parse(period)
        first = Period.parse(first) if first is not None else period
        if first.year != period.year or period < first:
            raise InputError(f"收益及收益分配表的期间“{first}～{period}”不在同一年度内",
                             "本年累计数从1月算起：请选同一年内的月份，跨年请分年打印")
        month, ytd = self._movements(first, period)

        def credit(code: str) -> tuple[int, int]:
            return -month.get(code, 0), -ytd.get(code, 0)

        def debit(code: str) -> tuple[int, int]:
            return month.get(code, 0), ytd.get(code, 0)

        opening = self.undistributed_at_year_start(period)
        return IncomeStatement(period, tuple(_income_lines(credit, debit, opening)), first)

    def _movements(self, first: Period, period: Period) -> tuple[dict[str, int], dict[str, int]]:
        """Signed (debit positive) movements of ``first``..``period`` and of the year to date, by
        first-level code (and 32201), over posted lines of vouchers that are not year-end closing
        vouchers."""
        p = self.db.param
        sql = ("SELECT a.code, SUM(CASE WHEN l.period_key >= {p} THEN l.amount_fen ELSE 0 END),"
               " SUM(l.amount_fen)"
               " FROM voucher_line l JOIN voucher v ON v.id = l.voucher_id JOIN account a ON a.id = l.account_id"
               " WHERE l.posted = {p} AND l.period_key >= {p} AND l.period_key <= {p}"
               " AND (v.document_kind IS NULL OR v.document_kind NOT IN ({p}, {p}))"
               " GROUP BY a.code").format(p=p)
        params = (first.key, True, Period(period.year, 1).key, period.key, *YEAR_END_KINDS)
        month: dict[str, int] = {}
        ytd: dict[str, int] = {}
        for code, in_month, in_year in self.db.execute_sql(sql, params).fetchall():
            keys = [code[:3]] + ([DISTRIBUTIONS] if code.startswith(DISTRIBUTIONS) else [])
            for key in keys:
                month[key] = month.get(key, 0) + int(in_month or 0)
                ytd[key] = ytd.get(key, 0) + int(in_year or 0)
        return month, ytd

    def undistributed_at_year_start(self, period: Period | str) -> int:
        """未分配收益 before January of ``period``'s year, credit positive: the balance sheet's 年初数
        of that line, so both statements print the same figure. Before 年终结转 of the previous
        year it includes that year's result still in 321 and the 损益 accounts."""
        year_start = self.balance_sheet(Period(Period.parse(period).year, 1))
        return year_start.line("未分配收益").year_start_fen

    def unclosed_year(self, period: Period | str) -> int | None:
        """The previous year when its 年终结转 is still to do as seen from ``period`` (321 or a
        损益 account kept a balance into January), else None. Reports of the new year print a note:
        their 年初 figures then include a result not yet distributed."""
        period = Period.parse(period)
        tb = self._ledger.trial_balance(Period(period.year, 1), Period(period.year, 1))
        for row in tb.rows:
            if row.level == 1 and (row.code in PROFIT_AND_LOSS or row.code == "321") \
                    and row.opening_debit_fen != row.opening_credit_fen:
                return period.year - 1
        return None


def _income_lines(credit, debit, opening: int) -> list[IncomeLine]:
    """The lines in order; ``credit(code)`` / ``debit(code)`` give (month, year) on that side."""
    def line(label, code, pair, kind="line"):
        return IncomeLine(label, pair[0], pair[1], kind, code)

    def combine(*signed_pairs):
        return (sum(s * m for s, (m, _) in signed_pairs), sum(s * y for s, (_, y) in signed_pairs))

    operating = combine((1, credit("501")), (1, credit("502")), (-1, debit("511")), (-1, debit("512")),
                        (-1, debit("513")))
    gross = combine((1, operating), (1, credit("503")), (1, credit("504")), (-1, debit("514")),
                    (-1, debit("515")))
    net = combine((1, gross), (-1, debit("521")))
    distributable = net[1] + opening
    distributed = debit(DISTRIBUTIONS)
    return [
        line("经营收入", "501", credit("501")), line("加：投资收益", "502", credit("502")),
        line("减：经营支出", "511", debit("511")), line("税金及附加", "512", debit("512")),
        line("管理费用", "513", debit("513")), line("经营收益", "", operating, "subtotal"),
        line("加：补助收入", "503", credit("503")), line("其他收入", "504", credit("504")),
        line("减：公益支出", "514", debit("514")), line("其他支出", "515", debit("515")),
        line("收益总额", "", gross, "subtotal"), line("减：所得税费用", "521", debit("521")),
        line("净收益", "", net, "subtotal"),
        IncomeLine("加：年初未分配收益", None, opening, "line", UNDISTRIBUTED),
        IncomeLine("其他转入", 0, 0, "line", ""),
        IncomeLine("可分配收益", None, distributable, "subtotal"),
        line("减：各项分配", DISTRIBUTIONS, distributed),
        IncomeLine("年末未分配收益", None, distributable - distributed[1], "total"),
    ]

"""The rent terms of a lease (DOMAIN §5), as the schedule engine reads them: pure values, no database.

A ``LeaseTerms`` refuses itself when built with terms a contract cannot have (end before start, a
term over the 20 years the law allows, no rent …), so the engine never sees them. Messages are in
Chinese for the clerk (``InputError``: message + hint).
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from assetdesk.errors import InputError
from assetdesk.money import round_to_fen

MAX_TERM_YEARS = 20  # 民法典 第七百零五条: 租赁期限不得超过二十年
MAX_ESCALATION_PERCENT = Decimal(100)


class RentBasis(Enum):
    """How the contract states the rent."""

    PER_MONTH = "元/月"
    PER_YEAR = "元/年"
    PER_SQM_MONTH = "元/㎡·月"


class PaymentCycle(Enum):
    """Rent is paid in advance once per cycle; the value is the cycle's length in months."""

    MONTHLY = 1
    QUARTERLY = 3
    HALF_YEARLY = 6
    YEARLY = 12

    @property
    def label(self) -> str:
        return {1: "月", 3: "季", 6: "半年", 12: "年"}[self.value]


@dataclass(frozen=True)
class EveryYears:
    """Escalation: every ``years`` years the rent rises by ``percent`` % of the rent then in force
    (compounding), from each ``years``-year anniversary of the start date. The raised rent is rounded
    to the fen when it is formed, as a clerk writes it in the contract (3,000.00 → 3,150.00 → 3,307.50)."""

    years: int
    percent: Decimal


@dataclass(frozen=True)
class RentStep:
    """One row of a step table: from ``from_on`` the monthly rent is ``monthly_rent_fen``.
    ``from_on`` is a date, or a lease-year number (1 = the start date, 3 = the second anniversary)."""

    from_on: dt.date | int
    monthly_rent_fen: int


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's last day (01-31 + 1 month = 02-28/29)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def add_years(day: dt.date, years: int) -> dt.date:
    """An anniversary; a lease started on 02-29 has its anniversaries on 02-28 in common years."""
    return add_months(day, 12 * years)


@dataclass(frozen=True)
class LeaseTerms:
    """What the schedule is generated from.

    - ``rent_fen``: the rent in fen for 元/月 (per month) and 元/年 (per year).
    - ``rate_yuan``: for 元/㎡·月, the rate in 元 per ㎡ per month as a ``Decimal`` (it may have more
      than two decimals, e.g. 25.505); the monthly rent is ``area × rate`` rounded once to the fen.
    - ``area_centi_sqm``: the leased area in ㎡ × 100 (86.40 ㎡ → 8640); part of an asset may be let.
    - ``end_on`` is inclusive. ``free_months`` frees the first K months from the start;
      ``free_ranges`` frees explicit inclusive date ranges (both may be given).
    - ``due_day`` (1–28): rent is paid in advance on that day of each period's first month.
    - ``deposit_fen`` is carried for the lease; it is not part of the schedule.
    """

    start_on: dt.date
    end_on: dt.date
    basis: RentBasis = RentBasis.PER_MONTH
    rent_fen: int = 0
    rate_yuan: Decimal | None = None
    area_centi_sqm: int = 0
    escalation: EveryYears | tuple[RentStep, ...] | None = None
    free_months: int = 0
    free_ranges: tuple[tuple[dt.date, dt.date], ...] = ()
    cycle: PaymentCycle = PaymentCycle.MONTHLY
    due_day: int = 1
    deposit_fen: int = 0
    allow_over_20_years: bool = False

    def __post_init__(self) -> None:
        _check_dates(self)
        _check_rent(self)
        _check_escalation(self)
        _check_free(self)
        if not 1 <= self.due_day <= 28:
            raise InputError(f"交租日 {self.due_day} 无效", "交租日须在 1 至 28 日之间（每月都有的日子）")
        if self.deposit_fen < 0:
            raise InputError("押金不能为负数")

    def base_monthly_rent(self) -> Decimal:
        """The monthly rent at the start, in fen (a fraction of a fen only for 元/年 ÷ 12)."""
        if self.basis is RentBasis.PER_SQM_MONTH:
            assert self.rate_yuan is not None
            return Decimal(round_to_fen(Decimal(self.area_centi_sqm) / 100 * self.rate_yuan))
        if self.basis is RentBasis.PER_YEAR:
            return Decimal(self.rent_fen) / 12
        return Decimal(self.rent_fen)


def _check_dates(terms: LeaseTerms) -> None:
    if terms.end_on < terms.start_on:
        raise InputError(f"租期结束日 {terms.end_on} 早于开始日 {terms.start_on}", "请检查合同的起止日期")
    if terms.end_on >= add_years(terms.start_on, MAX_TERM_YEARS) and not terms.allow_over_20_years:
        raise InputError(f"租期超过 {MAX_TERM_YEARS} 年（{terms.start_on} 至 {terms.end_on}）",
                         "《民法典》规定租赁期限不得超过二十年，超过部分无效；确需录入请明确确认")


def _check_rent(terms: LeaseTerms) -> None:
    if terms.basis is RentBasis.PER_SQM_MONTH:
        if terms.area_centi_sqm <= 0:
            raise InputError("按面积计租的合同须填写租赁面积", "租赁面积须大于 0 ㎡")
        if terms.rate_yuan is None or terms.rate_yuan <= 0:
            raise InputError("租金单价须大于 0", "请填写每平方米每月的租金（元/㎡·月）")
    elif terms.rent_fen <= 0:
        raise InputError("租金须大于 0", f"请填写合同约定的租金（{terms.basis.value}）")


def _check_escalation(terms: LeaseTerms) -> None:
    esc = terms.escalation
    if isinstance(esc, EveryYears):
        if not 1 <= esc.years <= MAX_TERM_YEARS:
            raise InputError(f"递增间隔 {esc.years} 年无效", f"递增间隔须在 1 至 {MAX_TERM_YEARS} 年之间")
        if not 0 < esc.percent <= MAX_ESCALATION_PERCENT:
            raise InputError(f"递增比例 {esc.percent}% 超出范围",
                             f"递增比例须大于 0% 且不超过 {MAX_ESCALATION_PERCENT}%")
    elif esc:
        for step in esc:
            if step.monthly_rent_fen <= 0:
                raise InputError("阶梯租金须大于 0", "请检查租金阶梯表每一行的月租金")
            if isinstance(step.from_on, int) and step.from_on < 1:
                raise InputError(f"阶梯租金的租赁年度 {step.from_on} 无效", "租赁年度从 1 开始（第 1 年为起租日）")


def _check_free(terms: LeaseTerms) -> None:
    if terms.free_months < 0:
        raise InputError("免租月数不能为负数")
    for first, last in terms.free_ranges:
        if last < first:
            raise InputError(f"免租期结束日 {last} 早于开始日 {first}", "请检查免租期的起止日期")

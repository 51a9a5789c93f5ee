"""Dates and accounting periods (DOMAIN §2): months ``YYYY-MM``, the financial year is the calendar year.

``parse_date`` accepts every date form a clerk or a district workbook uses; ``Period`` is the month;
``PeriodRange`` the months a report covers and how every report (printed or Excel) words them.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from assetdesk.errors import DateError

_EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (with Excel's 1900 leap-year quirk)
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?$")  # 3月1号 as said aloud
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_COMPACT_MIN, _COMPACT_MAX = 19000101, 29991231  # serials end at 2958465 (9999-12-31)
_PERIOD_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$")


def _clean(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_date(value: object) -> dt.date:
    """``2025-01-31``, ``2025/1/31``, ``2025.1.31``, ``2025年1月31日``, ``20250131`` (as text or
    typed as a number), ``2025-01-31T00:00:00`` (web exports), Excel serials, ``date``/``datetime``
    objects. Anything else raises ``DateError`` with the accepted forms."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        compact = _COMPACT_RE.match(str(int(value))) if _COMPACT_MIN <= value <= _COMPACT_MAX else None
        if compact and value == int(value):  # 20250131: far beyond any serial
            return _make_date(value, *(int(part) for part in compact.groups()))
        return _from_serial(value)
    if isinstance(value, str):
        text = _clean(value)
        if " " in text and ":" in text:  # "2025-01-31 00:00:00" as written by some programs
            text = text.split(" ")[0]
        elif "T" in text and ":" in text:  # "2025-01-31T00:00:00", ISO 8601 as web systems write it
            text = text.split("T")[0]
        match = _DATE_RE.match(text) or _COMPACT_RE.match(text)
        if match:
            return _make_date(value, *(int(part) for part in match.groups()))
        if re.fullmatch(r"\d+(\.0+)?", text):
            return _from_serial(Decimal(text))
    raise DateError(f"日期“{value}”无法识别", "可写 2025-01-31、2025/1/31、2025.1.31 或 2025年1月31日")


def _make_date(original: object, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise DateError(f"日期“{original}”不存在", "请检查年、月、日是否正确") from None


def _from_serial(serial: int | float | Decimal) -> dt.date:
    number = Decimal(repr(serial)) if isinstance(serial, float) else Decimal(serial)
    if number != number.to_integral_value() or not 1 <= number <= 2958465:
        raise DateError(f"日期“{serial}”无法识别", "请填写日期，例如 2025-01-31")
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


@dataclass(frozen=True, order=True)
class Period:
    """An accounting month. ``str(p)`` is ``YYYY-MM``; ``p.key`` is the integer ``YYYYMM`` stored in tables."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not (1 <= self.month <= 12 and 1900 <= self.year <= 9999):
            raise DateError(f"会计期间“{self.year}-{self.month}”无效", "期间格式为 YYYY-MM，例如 2025-03")

    @classmethod
    def parse(cls, value: object) -> "Period":
        """``2025-03``, ``2025/3``, ``2025年3月``, ``202503`` or a date (its month)."""
        if isinstance(value, Period):
            return value
        if isinstance(value, (dt.date, dt.datetime)):
            return cls(value.year, value.month)
        if isinstance(value, int) and 190001 <= value <= 999912:
            return cls(value // 100, value % 100)
        text = _clean(str(value))
        match = _PERIOD_RE.match(text) or re.fullmatch(r"(\d{4})(\d{2})", text)
        if not match:
            raise DateError(f"会计期间“{value}”无法识别", "期间格式为 YYYY-MM，例如 2025-03")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def of(cls, day: dt.date) -> "Period":
        """The month of ``day`` (one shared value per month: a run asks this for every voucher)."""
        return _month(day.year, day.month)

    @classmethod
    def from_key(cls, key: int) -> "Period":
        return cls(key // 100, key % 100)

    @property
    def key(self) -> int:
        return self.year * 100 + self.month

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])

    def next(self) -> "Period":
        return Period(self.year + self.month // 12, self.month % 12 + 1)

    def previous(self) -> "Period":
        return Period(self.year - (self.month == 1), 12 if self.month == 1 else self.month - 1)

    def contains(self, day: dt.date) -> bool:
        return day.year == self.year and day.month == self.month

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"


def months_between(first: Period, last: Period) -> list[Period]:
    """All periods from ``first`` to ``last`` inclusive (empty when last < first)."""
    out: list[Period] = []
    current = first
    while current <= last:
        out.append(current)
        current = current.next()
    return out


_RANGE_SEPARATORS = ("~", "～", "..", "至", ":", "—")


@dataclass(frozen=True)
class PeriodRange:
    """Months ``first`` to ``last`` inclusive."""

    first: Period
    last: Period

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise DateError(f"期间“{self.first}”晚于“{self.last}”", "结束期间不能早于开始期间")

    @classmethod
    def of(cls, period: object) -> "PeriodRange":
        """A ``Period``, ``"2025-03"``, ``"2025-01~2025-03"`` or a ``(first, last)`` pair."""
        if isinstance(period, PeriodRange):
            return period
        if isinstance(period, (tuple, list)) and len(period) == 2:
            return cls(Period.parse(period[0]), Period.parse(period[1]))
        text = str(period) if not isinstance(period, Period) else ""
        for separator in _RANGE_SEPARATORS:
            if separator in text:
                first, last = text.split(separator, 1)
                return cls(Period.parse(first), Period.parse(last))
        one = Period.parse(period)
        return cls(one, one)

    @classmethod
    def year(cls, year: int) -> "PeriodRange":
        return cls(Period(int(year), 1), Period(int(year), 12))

    @property
    def label(self) -> str:
        """``2025年3月``, ``2025年1月—3月``, ``2025年度`` (a whole year)."""
        first, last = self.first, self.last
        if first == last:
            return f"{first.year}年{first.month}月"
        if first.year == last.year and first.month == 1 and last.month == 12:
            return f"{first.year}年度"
        if first.year == last.year:
            return f"{first.year}年{first.month}月—{last.month}月"
        return f"{first.year}年{first.month}月—{last.year}年{last.month}月"


@lru_cache(maxsize=4096)
def _month(year: int, month: int) -> Period:
    return Period(year, month)

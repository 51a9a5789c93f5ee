"""What a book report covers: a month, a range of months or a year, and how that is printed.

The CLI passes ``--period 2025-03`` (or ``2025-01~2025-03``) or ``--year 2025``; the UI passes
``Period`` objects. Both end here so every report labels its period the same way.
"""
from __future__ import annotations

from dataclasses import dataclass

from assetdesk.errors import DateError
from assetdesk.periods import Period

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


def community_name(books) -> str:
    """The community printed on every page; blank books still print (the name is then left empty)."""
    info = books.org.book()
    return info.community_name if info else ""


def print_font(books) -> str | None:
    """The ``pdf_font`` setting (a font file or family name); None lets fonts.py search."""
    settings = getattr(books, "settings", None)
    value = settings.get("pdf_font", "") if settings is not None else ""
    return value.strip() or None


def unclosed_year_note(books, period) -> str:
    """The warning a new year's trial balance and statements print while last year's 年终结转 is
    still to do: their 年初 figures then hold a result not yet carried to 未分配收益."""
    year = books.statements.unclosed_year(period)
    if year is None:
        return ""
    return f"注意：{year}年度尚未年终结转，年初数含{year}年未结转的损益"


def joined_notes(*notes: str) -> str:
    """Notes printed on one heading line, blank ones left out."""
    return "；".join(note for note in notes if note)
